#include "two_cores.hpp"

namespace ostsim::protocol::test {

Address addr(std::uint8_t tag) {
    Address a;
    a.bytes[0] = 0x05;
    a.bytes[19] = tag;
    return a;
}

Hash secret_of(std::uint8_t i) {
    Hash s;
    s.bytes[0] = 0x5e;
    s.bytes[31] = i;
    return s;
}

Outcome Core::call(const Address& sender, Body body, const uint256& value,
                   std::uint64_t gas_limit) {
    Call c{sender, value, 1, gas_limit, std::move(body)};
    Outcome out = apply(contracts, state, c, {height + 1, remote_finalized}, gas);
    state.commit(++height);
    return out;
}

TwoCores::TwoCores(Economy e, std::uint64_t anchor_ring, std::uint64_t storage_root_ring)
    : economy(e) {
    const Organization organization{org, {}, {worker}};
    Gateway g;
    g.address = gateway;
    g.anchor = origin_anchor;
    g.organization = organization;
    g.burner = origin_burner;
    g.max_storage_root_items = storage_root_ring;
    g.value_token = value_token();
    g.base_token = ost;
    g.stake_vault = vault;
    CoGateway cg;
    cg.address = co_gateway;
    cg.anchor = aux_anchor;
    cg.organization = organization;
    cg.burner = aux_burner;
    cg.max_storage_root_items = storage_root_ring;
    cg.utility_token = utility_token();
    const Anchor oa{origin_anchor, organization, {}, anchor_ring, AnchorRule::Organization};
    const Anchor aa{aux_anchor, organization, {}, anchor_ring, AnchorRule::Organization};
    const BrandedToken bt{{branded, TransferRule::UnrestrictedCaller}, ost, 35, 1, organization};
    const OstPrime prime{{ost_prime, TransferRule::Open}, co_gateway};
    const UtilityBrandedToken u{{ubt, TransferRule::InternalRecipient}, co_gateway, organization};
    origin.contracts.add(Erc20{ost, TransferRule::Open});
    origin.contracts.add(oa);
    origin.contracts.add(g);
    origin.contracts.add(bt);
    aux.contracts.add(aa);
    aux.contracts.add(cg);
    aux.contracts.add(prime);
    aux.contracts.add(u);

    // The anchors' constructors seed one root; the cores' genesis roots are not known yet when
    // each is deployed, so each seeds a tag root at height 0.
    origin.genesis([&](Exec& x) {
        oa.deploy(x, 0, eth::keccak256(eth::as_bytes("aux genesis")));
        g.deploy(x, bounty);
        x.contracts().erc20(ost)->mint(x, staker, 10'000'000);
        bt.token.set_flag(x, gateway);  // the gateway and vault move BT: restrictions lifted
        bt.token.set_flag(x, vault);
    });
    aux.genesis([&](Exec& x) {
        aa.deploy(x, 0, eth::keccak256(eth::as_bytes("origin genesis")));
        cg.deploy(x, bounty, gateway);
        u.deploy(x);
        u.token.set_flag(x, beneficiary);
        u.token.set_flag(x, facilitator);
        chain::Account a;
        a.balance = prime.tokens_max;
        aux.state.put_account(org, a);  // genesis allocates TOKENS_MAX (PROTOCOL.md 4.4)
    });
    EXPECT_TRUE(aux.call(org, InitializeOstPrime{ost_prime}, prime.tokens_max).ok());
    EXPECT_TRUE(origin.call(org, ActivateGateway{gateway, co_gateway}).ok());
    if (economy == Economy::Branded) {
        // The staker turns OST into BT: request, then a worker accepts.
        EXPECT_TRUE(origin.call(staker, Approve{ost, branded, 2'000'000}).ok());
        EXPECT_TRUE(origin.call(staker, RequestStake{branded, 2'000'000, 7'000'000}).ok());
        Hash request = BrandedToken::stake_request_hash(staker, 2'000'000, 0);
        EXPECT_TRUE(origin.call(worker, AcceptStakeRequest{branded, request}).ok());
    }
}

// Already anchored at the source's height: nothing to do (the reporter skips it).
bool anchored(Core& target, const Address& anchor, std::uint64_t height) {
    const Anchor& k = *target.contracts.find<Anchor>(anchor);
    return target.read([&](Exec& x) { return k.latest_height(x); }) == height;
}

Outcome TwoCores::anchor_origin_on_aux() {
    if (anchored(aux, aux_anchor, origin.height)) return {};
    return aux.call(org, AnchorStateRoot{aux_anchor, origin.height, origin.root()});
}

Outcome TwoCores::anchor_aux_on_origin() {
    if (anchored(origin, origin_anchor, aux.height)) return {};
    return origin.call(org, AnchorStateRoot{origin_anchor, aux.height, aux.root()});
}

Outcome TwoCores::prove(Core& source, const Address& remote_gateway, Core& target,
                        const Address& local_gateway, std::uint64_t height) {
    auto c = prove_gateway_call(source.state, height, remote_gateway, local_gateway);
    EXPECT_TRUE(c.has_value());
    return target.call(facilitator, *c);
}

eth::Proof TwoCores::status_proof(Core& source, const Address& gw, Box box, const Hash& h,
                                  std::uint64_t height) {
    // eth_getProof's answer, checked the way a facilitator would before sending it.
    const Hash key = GatewayBase::status_slot(box, h);
    auto p = source.state.prove(height, gw, std::span<const Hash>(&key, 1));
    EXPECT_TRUE(p.has_value() && chain::verify(*source.state.root_at(height), *p));
    auto proof = protocol::status_proof(source.state, height, gw, box, h);
    EXPECT_TRUE(proof.has_value());
    return proof.value_or(eth::Proof{});
}

StakeParams TwoCores::stake_params(const uint256& amount, const Hash& lock, const uint256& nonce,
                                   const uint256& gas_price, const uint256& gas_limit) const {
    return {amount, beneficiary, gas_price, gas_limit, nonce, lock};
}

IntentParams TwoCores::intent(const StakeParams& p, const Address& sender, std::uint64_t height,
                              eth::Proof proof) const {
    return {sender, p.nonce, p.beneficiary, p.amount, p.gas_price, p.gas_limit, p.hash_lock,
            height, std::move(proof)};
}

Hash TwoCores::stake(const StakeParams& p) {
    // Amount, bounty and a penalty's worth (1.5 x bounty) for a possible revocation.
    const uint256 fees = bounty * 3;
    if (value_token() == ost) {
        EXPECT_TRUE(origin.call(staker, Approve{ost, gateway, p.amount + fees}).ok());
    } else {
        EXPECT_TRUE(origin.call(staker, Approve{value_token(), gateway, p.amount}).ok());
        EXPECT_TRUE(origin.call(staker, Approve{ost, gateway, fees}).ok());
    }
    Outcome out = origin.call(staker, Stake{gateway, p});
    EXPECT_TRUE(out.ok()) << out.reason();
    return out.ok() ? out.events.back().key : Hash{};
}

Hash TwoCores::stake_and_confirm(const StakeParams& p) {
    const Hash h = stake(p);
    const std::uint64_t H = origin.height;
    EXPECT_TRUE(anchor_origin_on_aux().ok());
    EXPECT_TRUE(prove(origin, gateway, aux, co_gateway, H).ok());
    Outcome out = aux.call(facilitator,
                           ConfirmStakeIntent{co_gateway, intent(p, staker, H,
                                                                 status_proof(origin, gateway, Box::Outbox, h, H))});
    EXPECT_TRUE(out.ok()) << out.reason();
    return h;
}

Status TwoCores::status(Core& c, const Address& gw, Box box, const Hash& h) {
    return c.read([&](Exec& x) {
        if (auto* g = c.contracts.find<Gateway>(gw)) return g->status(x, box, h);
        return c.contracts.find<CoGateway>(gw)->status(x, box, h);
    });
}

}  // namespace ostsim::protocol::test
