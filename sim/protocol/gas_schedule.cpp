#include "protocol/gas_schedule.hpp"

namespace ostsim::protocol {

std::uint64_t GasSchedule::calldata_gas(eth::ByteView bytes) const {
    std::uint64_t gas = 0;
    for (std::uint8_t b : bytes) gas += b == 0 ? calldata_zero_byte : calldata_byte;
    return gas;
}

}  // namespace ostsim::protocol
