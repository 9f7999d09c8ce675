#include "protocol/apply.hpp"

#include "eth/rlp.hpp"

namespace ostsim::protocol {

namespace {

template <typename T>
const T* contract(const Contracts& c, const Address& a) {
    return c.find<T>(a);
}

// Calldata of a proof as the contracts take it: rlpParentNodes, the RLP list of the nodes.
std::uint64_t proof_calldata(const GasSchedule& g, const eth::Proof& proof) {
    std::uint64_t gas = 2 * g.calldata_word;  // offset and length words
    std::size_t payload = 0;
    for (const Bytes& node : proof) {
        gas += g.calldata_gas(node);
        payload += node.size();
    }
    return gas + g.calldata_byte * eth::rlp::header_length(payload);
}

template <typename B>
std::uint64_t dynamic_calldata(const GasSchedule& g, const B& b) {
    std::uint64_t gas = 0;
    if constexpr (requires { b.proof; }) gas += proof_calldata(g, b.proof);
    if constexpr (requires { b.params.proof; }) gas += proof_calldata(g, b.params.proof);
    if constexpr (requires { b.rlp_account; }) gas += 2 * g.calldata_word + g.calldata_gas(b.rlp_account);
    if constexpr (requires { b.accounts; }) gas += g.calldata_word * b.accounts.size();
    return gas;
}

bool payable(const Body& b) {
    return std::holds_alternative<Redeem>(b) || std::holds_alternative<RevertRedeem>(b) ||
           std::holds_alternative<InitializeOstPrime>(b) || std::holds_alternative<Wrap>(b);
}

// One overload per body: find the contract of the right kind at `to`, run the function.
struct Runner {
    Exec& x;
    const Contracts& c;
    const Call& call;
    const Address& from = call.sender;

    Rejection operator()(const AnchorStateRoot& b) const {
        auto* k = contract<Anchor>(c, b.to);
        return k ? k->anchor_state_root(x, from, b.height, b.root) : Rejection::NoSuchContract;
    }
    Rejection operator()(const ProveGateway& b) const {
        if (auto* k = contract<Gateway>(c, b.to)) return k->prove_gateway(x, b.height, b.rlp_account, b.proof);
        if (auto* k = contract<CoGateway>(c, b.to)) return k->prove_gateway(x, b.height, b.rlp_account, b.proof);
        return Rejection::NoSuchContract;
    }
    Rejection operator()(const ActivateGateway& b) const {
        auto* k = contract<Gateway>(c, b.to);
        return k ? k->activate(x, from, b.co_gateway) : Rejection::NoSuchContract;
    }
    Rejection operator()(const DeactivateGateway& b) const {
        auto* k = contract<Gateway>(c, b.to);
        return k ? k->deactivate(x, from) : Rejection::NoSuchContract;
    }
    Rejection operator()(const InitiateBountyChange& b) const {
        if (auto* k = contract<Gateway>(c, b.to)) return k->initiate_bounty_change(x, from, b.bounty);
        if (auto* k = contract<CoGateway>(c, b.to)) return k->initiate_bounty_change(x, from, b.bounty);
        return Rejection::NoSuchContract;
    }
    Rejection operator()(const ConfirmBountyChange& b) const {
        if (auto* k = contract<Gateway>(c, b.to)) return k->confirm_bounty_change(x, from);
        if (auto* k = contract<CoGateway>(c, b.to)) return k->confirm_bounty_change(x, from);
        return Rejection::NoSuchContract;
    }
    Rejection operator()(const Stake& b) const {
        auto* k = contract<Gateway>(c, b.to);
        return k ? k->stake(x, from, b.params) : Rejection::NoSuchContract;
    }
    Rejection operator()(const ConfirmStakeIntent& b) const {
        auto* k = contract<CoGateway>(c, b.to);
        return k ? k->confirm_stake_intent(x, b.params) : Rejection::NoSuchContract;
    }
    Rejection operator()(const ProgressStake& b) const {
        auto* k = contract<Gateway>(c, b.to);
        return k ? k->progress_stake(x, from, b.message_hash, b.secret) : Rejection::NoSuchContract;
    }
    Rejection operator()(const ProgressMint& b) const {
        auto* k = contract<CoGateway>(c, b.to);
        return k ? k->progress_mint(x, from, b.message_hash, b.secret) : Rejection::NoSuchContract;
    }
    Rejection operator()(const ProgressStakeWithProof& b) const {
        auto* k = contract<Gateway>(c, b.to);
        return k ? k->progress_stake_with_proof(x, from, b.message_hash, b.height, b.proof, b.status)
                 : Rejection::NoSuchContract;
    }
    Rejection operator()(const ProgressMintWithProof& b) const {
        auto* k = contract<CoGateway>(c, b.to);
        return k ? k->progress_mint_with_proof(x, from, b.message_hash, b.height, b.proof, b.status)
                 : Rejection::NoSuchContract;
    }
    Rejection operator()(const RevertStake& b) const {
        auto* k = contract<Gateway>(c, b.to);
        return k ? k->revert_stake(x, from, b.message_hash) : Rejection::NoSuchContract;
    }
    Rejection operator()(const ConfirmRevertStakeIntent& b) const {
        auto* k = contract<CoGateway>(c, b.to);
        return k ? k->confirm_revert_stake_intent(x, b.message_hash, b.height, b.proof)
                 : Rejection::NoSuchContract;
    }
    Rejection operator()(const ProgressRevertStake& b) const {
        auto* k = contract<Gateway>(c, b.to);
        return k ? k->progress_revert_stake(x, b.message_hash, b.height, b.proof)
                 : Rejection::NoSuchContract;
    }
    Rejection operator()(const Redeem& b) const {
        auto* k = contract<CoGateway>(c, b.to);
        return k ? k->redeem(x, from, call.value, b.params) : Rejection::NoSuchContract;
    }
    Rejection operator()(const ConfirmRedeemIntent& b) const {
        auto* k = contract<Gateway>(c, b.to);
        return k ? k->confirm_redeem_intent(x, b.params) : Rejection::NoSuchContract;
    }
    Rejection operator()(const ProgressRedeem& b) const {
        auto* k = contract<CoGateway>(c, b.to);
        return k ? k->progress_redeem(x, from, b.message_hash, b.secret) : Rejection::NoSuchContract;
    }
    Rejection operator()(const ProgressUnstake& b) const {
        auto* k = contract<Gateway>(c, b.to);
        return k ? k->progress_unstake(x, from, b.message_hash, b.secret) : Rejection::NoSuchContract;
    }
    Rejection operator()(const ProgressRedeemWithProof& b) const {
        auto* k = contract<CoGateway>(c, b.to);
        return k ? k->progress_redeem_with_proof(x, from, b.message_hash, b.height, b.proof, b.status)
                 : Rejection::NoSuchContract;
    }
    Rejection operator()(const ProgressUnstakeWithProof& b) const {
        auto* k = contract<Gateway>(c, b.to);
        return k ? k->progress_unstake_with_proof(x, from, b.message_hash, b.height, b.proof, b.status)
                 : Rejection::NoSuchContract;
    }
    Rejection operator()(const RevertRedeem& b) const {
        auto* k = contract<CoGateway>(c, b.to);
        return k ? k->revert_redeem(x, from, call.value, b.message_hash) : Rejection::NoSuchContract;
    }
    Rejection operator()(const ConfirmRevertRedeemIntent& b) const {
        auto* k = contract<Gateway>(c, b.to);
        return k ? k->confirm_revert_redeem_intent(x, b.message_hash, b.height, b.proof)
                 : Rejection::NoSuchContract;
    }
    Rejection operator()(const ProgressRevertRedeem& b) const {
        auto* k = contract<CoGateway>(c, b.to);
        return k ? k->progress_revert_redeem(x, b.message_hash, b.height, b.proof)
                 : Rejection::NoSuchContract;
    }
    const Erc20* token(const Address& a) const {
        if (auto* t = c.find<Erc20>(a)) return t;
        if (auto* t = c.find<BrandedToken>(a)) return &t->token;
        if (auto* t = c.find<UtilityBrandedToken>(a)) return &t->token;
        if (auto* t = c.find<OstPrime>(a)) return &t->token;
        return nullptr;
    }
    Rejection operator()(const Transfer& b) const {
        auto* t = token(b.to);
        return t ? t->transfer(x, from, b.recipient, b.amount) : Rejection::NoSuchContract;
    }
    Rejection operator()(const TransferFrom& b) const {
        auto* t = token(b.to);
        return t ? t->transfer_from(x, from, b.from, b.recipient, b.amount) : Rejection::NoSuchContract;
    }
    Rejection operator()(const Approve& b) const {
        auto* t = token(b.to);
        if (!t) return Rejection::NoSuchContract;
        t->approve(x, from, b.spender, b.amount);
        return Rejection::None;
    }
    Rejection operator()(const RequestStake& b) const {
        auto* k = contract<BrandedToken>(c, b.to);
        return k ? k->request_stake(x, from, b.stake, b.mint) : Rejection::NoSuchContract;
    }
    Rejection operator()(const AcceptStakeRequest& b) const {
        auto* k = contract<BrandedToken>(c, b.to);
        return k ? k->accept_stake_request(x, from, b.request) : Rejection::NoSuchContract;
    }
    Rejection operator()(const RevokeStakeRequest& b) const {
        auto* k = contract<BrandedToken>(c, b.to);
        return k ? k->revoke_stake_request(x, from, b.request) : Rejection::NoSuchContract;
    }
    Rejection operator()(const RejectStakeRequest& b) const {
        auto* k = contract<BrandedToken>(c, b.to);
        return k ? k->reject_stake_request(x, from, b.request) : Rejection::NoSuchContract;
    }
    Rejection operator()(const RedeemBranded& b) const {
        auto* k = contract<BrandedToken>(c, b.to);
        return k ? k->redeem(x, from, b.amount) : Rejection::NoSuchContract;
    }
    Rejection operator()(const LiftRestriction& b) const {
        auto* k = contract<BrandedToken>(c, b.to);
        return k ? k->lift_restriction(x, from, b.accounts) : Rejection::NoSuchContract;
    }
    Rejection operator()(const RegisterInternalActors& b) const {
        auto* k = contract<UtilityBrandedToken>(c, b.to);
        return k ? k->register_internal_actors(x, from, b.accounts) : Rejection::NoSuchContract;
    }
    Rejection operator()(const InitializeOstPrime& b) const {
        auto* k = contract<OstPrime>(c, b.to);
        return k ? k->initialize(x, call.value) : Rejection::NoSuchContract;
    }
    Rejection operator()(const Wrap& b) const {
        auto* k = contract<OstPrime>(c, b.to);
        return k ? k->wrap(x, from, call.value) : Rejection::NoSuchContract;
    }
    Rejection operator()(const Unwrap& b) const {
        auto* k = contract<OstPrime>(c, b.to);
        return k ? k->unwrap(x, from, b.amount) : Rejection::NoSuchContract;
    }
};

}  // namespace

std::uint64_t intrinsic_gas(const Call& call, const GasSchedule& g) {
    return std::visit(
        [&](const auto& b) {
            using B = std::decay_t<decltype(b)>;
            return g.transaction + 4 * g.calldata_byte + B::kWords * g.calldata_word +
                   dynamic_calldata(g, b);
        },
        call.body);
}

Outcome apply(const Contracts& contracts, chain::WorldState& state, const Call& call,
              const BlockContext& block, const GasSchedule& gas) {
    Outcome out;
    const std::uint64_t intrinsic = intrinsic_gas(call, gas);
    if (intrinsic > call.gas_limit) {
        out.rejection = Rejection::IntrinsicGas;
        return out;
    }
    Exec x(state, contracts, gas, block);
    x.charge(gas.function_overhead);
    const Address to = std::visit([](const auto& b) { return b.to; }, call.body);
    Rejection r = Rejection::None;
    if (call.value != 0 && !payable(call.body))
        r = Rejection::WrongValue;
    else if (!x.send(call.sender, to, call.value))
        r = Rejection::InsufficientFunds;
    else
        r = std::visit(Runner{x, contracts, call}, call.body);

    const auto settled = x.settle(r, intrinsic, call.gas_limit);
    out.rejection = settled.rejection;
    out.gas_used = settled.gas_used;
    if (out.ok()) out.events = x.take_events();
    out.moved_coin = x.moved_coin();
    return out;
}

}  // namespace ostsim::protocol
