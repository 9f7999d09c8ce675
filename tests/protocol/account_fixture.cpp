#include "account_fixture.hpp"

namespace ostsim::protocol::test {

namespace {
Address tag_address(std::uint8_t tag) {
    Address a;
    a.bytes[19] = tag;
    a.bytes[0] = 0xac;
    return a;
}
}  // namespace

Hash tag_hash(std::uint8_t tag) {
    Hash h;
    h.bytes[31] = tag;
    h.bytes[0] = 0x5e;
    return h;
}

AccountCore::AccountCore(SignatureMode m, SessionPolicy policy, std::optional<PricerRule> pricer)
    : mode(m), ubt(tag_address(1)), co_gateway(tag_address(2)), worker(tag_address(3)),
      holder_address(tag_address(4)), merchant(tag_address(5)), relayer(tag_address(6)),
      token_rules(tag_address(7)), holder(holder_address, ubt, token_rules, {m, policy, 1, std::move(pricer)}) {
    for (std::uint8_t i = 0; i < 3; ++i) devices.push_back(KeyHolder::from_seed(tag_hash(0xd0 + i), m));
    contracts.add(UtilityBrandedToken{{ubt, TransferRule::InternalRecipient}, co_gateway, {{}, {}, {worker}}});
    const auto& token = *contracts.find<UtilityBrandedToken>(ubt);
    Exec x(state, contracts, gas, next_block());
    token.deploy(x);
    const Address actors[] = {holder_address, merchant};
    EXPECT_EQ(token.register_internal_actors(x, worker, actors), Rejection::None);
    EXPECT_EQ(token.increase_supply(x, co_gateway, holder_address, kFunds), Rejection::None);
    state.commit(height);
    std::vector<Address> owners;
    for (const auto& d : devices) owners.push_back(d.address());
    EXPECT_TRUE(call(SetupHolder{owners, 2}).ok());
}

AccountOutcome AccountCore::call(AccountBody body, std::uint64_t gas_limit) {
    return call_from(relayer, std::move(body), gas_limit);
}

AccountOutcome AccountCore::call_from(const Address& sender, AccountBody body, std::uint64_t gas_limit) {
    AccountCall c{sender, 1, gas_limit, std::move(body)};
    AccountOutcome out = apply(contracts, holder, state, c, next_block(), gas);
    state.commit(height);
    return out;
}

uint256 AccountCore::balance(const Address& a) {
    Exec x(state, contracts, gas, last_block());
    return contracts.erc20(ubt)->balance_of(x, a);
}

uint256 AccountCore::nonce() {
    Exec x(state, contracts, gas, last_block());
    return holder.devices().nonce(x);
}

Signatures AccountCore::approve(DeviceOp op, std::vector<Hash> args, std::vector<std::size_t> which) {
    const Hash digest = TokenHolder::op_digest(holder_address, op, args, nonce());
    Signatures sigs;
    for (std::size_t i : which) sigs.push_back(devices.at(i).sign(digest));
    return sigs;
}

Signatures AccountCore::approve_session(const Address& key, const Hash& anchor, const SessionLimits& l,
                                        std::vector<std::size_t> which) {
    return approve(DeviceOp::OpenSession, {address_word(key), anchor, TokenHolder::limits_word(l)}, which);
}

KeyHolder AccountCore::open(const HashChain& chain, const SessionLimits& l, std::uint8_t key_tag) {
    KeyHolder key = KeyHolder::from_seed(tag_hash(key_tag), mode);
    const auto out = call(OpenSession{key.address(), chain.anchor(), l,
                                      approve_session(key.address(), chain.anchor(), l)});
    EXPECT_TRUE(out.ok()) << out.reason();
    return key;
}

AccountOutcome AccountCore::spend(const KeyHolder& key, const Hash& preimage, const uint256& amount) {
    const auto sig = key.sign(TokenHolder::spend_digest(holder_address, merchant, amount, preimage));
    return call(SpendWithSecret{key.address(), merchant, amount, preimage, sig});
}

}  // namespace ostsim::protocol::test
