// The organisation behind a contract (ORG Organization.sol): its owner and admin may administer,
// its workers may act for it. Held as configuration, not in storage: ostsim's organisations do
// not change during a run, and worker keys do not expire (ORG's expiration heights are not
// modelled).
#pragma once

#include <vector>

#include "protocol/storage_layout.hpp"

namespace ostsim::protocol {

struct Organization {
    Address owner;
    Address admin;
    std::vector<Address> workers;

    // isOrganization(a) = a == owner || a == admin (ORG Organized.sol).
    bool is_organization(const Address& a) const { return a == owner || (!admin.is_zero() && a == admin); }
    bool is_worker(const Address& a) const;
};

}  // namespace ostsim::protocol
