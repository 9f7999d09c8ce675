// The overlay's invariants, checked at every final block of every core in a world run where
// facilitators go offline (so users revoke) or withhold the secret (so targets progress by
// proof), and in one where every user's revocation races its facilitator's progress (PROTOCOL.md
// 1.1), from each core's ledger at that block and the message hashes the facilitators know:
// - OST locked in a pair's stake vault equals the stakes progressed minus the unstakes
//   progressed there, and OST Prime's supply the mints progressed minus the redeems progressed
//   (so vault - supply is exactly what is in transit between the two progress steps, and 0
//   once nothing is);
// - OST Prime holds its native coin plus its own ERC-20 balance = TOKENS_MAX (PROTOCOL.md 4.4);
// - no message is Progressed on one side and Revoked on the other, at any time;
// - at most one live (Declared or DeclaredRevocation) message per sender and box.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "actors/transfer_summary.hpp"
#include "overlay_world.hpp"
#include "protocol/erc20.hpp"
#include "protocol/ost_prime.hpp"
#include "protocol/storage_layout.hpp"

using namespace ostsim;
using namespace ostsim::actors_test;
using actors::Flow;
using protocol::Box;
using protocol::Status;

namespace {

class Reader {
  public:
    Reader(const world::World& w, std::uint32_t c) : ledger_(const_cast<core::Core&>(w.core(c)).ledger()) {}
    chain::uint256 slot(chain::BlockId at, const chain::Address& contract, const chain::Hash& s) {
        auto v = ledger_.storage(at, contract, s);
        EXPECT_TRUE(v.has_value()) << "state not retained";
        return v.value_or(0);
    }
    Status status(chain::BlockId at, const chain::Address& gateway, Box box, const chain::Hash& h) {
        return static_cast<Status>(slot(at, gateway, protocol::GatewayBase::status_slot(box, h)).convert_to<std::uint64_t>());
    }
    chain::uint256 balance(chain::BlockId at, const chain::Address& a) { return ledger_.account(at, a).balance; }

  private:
    core::Ledger& ledger_;
};

bool live(Status s) { return s == Status::Declared || s == Status::DeclaredRevocation; }

struct Checked {
    std::size_t blocks = 0;
    std::size_t revoked = 0;          // messages Revoked on both sides
    std::size_t in_transit_seen = 0;  // progressed on one side only at the end
};

// Checks the invariants at every final block of node 0 of each core of each pair.
Checked check_invariants(const world::World& w) {
    const chain::uint256 tokens_max = protocol::OstPrime{}.tokens_max;
    std::size_t checked = 0, revoked = 0, in_transit_seen = 0;
    for (std::size_t pair = 0; pair < kPairs; ++pair) {
        const actors::Facilitator& f = facilitator(w, pair);
        const actors::Pair& p = f.pair();
        // Per message: which sides ever showed Progressed and Revoked.
        struct Seen {
            bool progressed[2] = {false, false}, revoked[2] = {false, false};
        };
        std::vector<Seen> seen(f.messages().size());
        for (const std::uint32_t c : {p.origin, p.aux}) {
            const bool origin = c == p.origin;
            const chain::Address& gateway = origin ? p.gateway : p.co_gateway;
            Reader r(w, c);
            for (const core::Arrival& a : w.node(c, 0).finals()) {
                chain::uint256 progressed_in = 0, progressed_out = 0;
                std::map<std::pair<chain::Address, int>, int> live_per_sender;
                for (std::uint32_t i = 0; i < f.messages().size(); ++i) {
                    const actors::MessageRecord& m = f.messages()[i];
                    // A stake leaves the origin's outbox into the auxiliary's inbox; a redeem
                    // the other way.
                    const Box box = (m.flow == Flow::Stake) == origin ? Box::Outbox : Box::Inbox;
                    const Status s = r.status(a.id, gateway, box, m.hash);
                    const int side = box == Box::Outbox ? 0 : 1;
                    seen[i].progressed[side] |= s == Status::Progressed;
                    seen[i].revoked[side] |= s == Status::Revoked;
                    if (s == Status::Progressed) (box == Box::Outbox ? progressed_out : progressed_in) += m.amount;
                    const chain::Address& sender = m.flow == Flow::Stake ? p.stakers[m.user] : p.beneficiaries[m.user];
                    if (live(s)) ++live_per_sender[{sender, side}];
                }
                for (const auto& [who, n] : live_per_sender) EXPECT_LE(n, 1) << "core " << c << " block final at " << a.time;
                if (origin) {
                    // Vault = stakes progressed (outbox) - unstakes progressed (inbox).
                    EXPECT_EQ(r.slot(a.id, p.ost, protocol::mapping_slot(p.vault, protocol::Erc20::kBalancesSlot)),
                              progressed_out - progressed_in);
                } else {
                    // OST Prime supply = mints progressed (inbox) - redeems progressed (outbox).
                    EXPECT_EQ(r.slot(a.id, p.ost_prime, protocol::slot(protocol::Erc20::kTotalSupplySlot)),
                              progressed_in - progressed_out);
                    EXPECT_EQ(r.balance(a.id, p.ost_prime) +
                                  r.slot(a.id, p.ost_prime, protocol::mapping_slot(p.ost_prime, protocol::Erc20::kBalancesSlot)),
                              tokens_max);
                }
                ++checked;
            }
        }
        for (std::uint32_t i = 0; i < seen.size(); ++i) {
            EXPECT_FALSE(seen[i].progressed[0] && seen[i].revoked[1]) << "pair " << pair << " message " << i;
            EXPECT_FALSE(seen[i].revoked[0] && seen[i].progressed[1]) << "pair " << pair << " message " << i;
            revoked += seen[i].revoked[0] && seen[i].revoked[1];
            in_transit_seen += seen[i].progressed[0] != seen[i].progressed[1];
        }
    }
    return {checked, revoked, in_transit_seen};
}

}  // namespace

TEST(invariants, hold_at_every_final_block_with_revocations_and_proven_progress) {
    world::WorldSpec spec = misbehaving(2);
    spec.duration = 10 * 60 * engine::kSecond;  // every final block's state still retained
    world::World w(spec);
    w.run_until(spec.duration);
    const Checked c = check_invariants(w);
    EXPECT_GT(c.blocks, 900u);   // about 200 origin and 600 + 300 auxiliary blocks per pair
    EXPECT_GE(c.revoked, 5u);     // the offline pair's revocations reached both sides
    EXPECT_LE(c.in_transit_seen, 4u);  // progressed on one side only at the end: just sent
}

TEST(invariants, hold_when_revocations_race_progress) {
    const world::WorldSpec spec = racing(1);
    world::World w(spec);
    w.run_until(spec.duration);
    const Checked c = check_invariants(w);
    EXPECT_GT(c.blocks, 400u);
    EXPECT_EQ(c.revoked, 0u);  // every revocation lost its race
    // Progressed on one side only: just sent, or a source revoked first and not yet closed by proof.
    EXPECT_LE(c.in_transit_seen, 8u);
    std::size_t raced = 0;
    for (std::size_t pair = 0; pair < kPairs; ++pair) {
        for (const actors::MessageRecord& m : facilitator(w, pair).messages()) raced += m.revocation_failed;
    }
    EXPECT_GE(raced, 10u);
}
