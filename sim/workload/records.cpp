#include "workload/records.hpp"

namespace ostsim::workload {

std::string_view to_string(Misbehaviour m) {
    switch (m) {
        case Misbehaviour::None: return "";
        case Misbehaviour::Replay: return "replay";
        case Misbehaviour::OverLimit: return "over_limit";
        case Misbehaviour::Stale: return "stale";
    }
    return "?";
}

std::string_view SpendOutcome::reason() const {
    if (timed_out) return "not included";
    if (account == protocol::AccountRejection::None) return "accepted";
    if (account == protocol::AccountRejection::TokenRejected) return protocol::to_string(token);
    return protocol::to_string(account);
}

std::string_view to_string(SessionRecord::End e) {
    switch (e) {
        case SessionRecord::Open: return "open";
        case SessionRecord::Exhausted: return "exhausted";
        case SessionRecord::Expired: return "expired";
        case SessionRecord::Revoked: return "revoked";
        case SessionRecord::Dropped: return "dropped";
        case SessionRecord::Failed: return "failed";
    }
    return "?";
}

std::string_view to_string(RecoveryRecord::End e) {
    switch (e) {
        case RecoveryRecord::Pending: return "pending";
        case RecoveryRecord::Executed: return "executed";
        case RecoveryRecord::Aborted: return "aborted";
        case RecoveryRecord::Failed: return "failed";
    }
    return "?";
}

}  // namespace ostsim::workload
