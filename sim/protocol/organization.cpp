#include "protocol/organization.hpp"

#include <algorithm>

namespace ostsim::protocol {

bool Organization::is_worker(const Address& a) const {
    return std::find(workers.begin(), workers.end(), a) != workers.end();
}

}  // namespace ostsim::protocol
