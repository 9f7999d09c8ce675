#include "engine/phold.hpp"

#include <stdexcept>

namespace ostsim::engine {

PholdModel::PholdModel(const PholdParams& p)
    : nlp(p.nlp),
      remote(p.remote),
      lookahead(from_seconds(p.lookahead)),
      extra_mean_ns((p.mean - p.lookahead) * static_cast<double>(kSecond)),
      end(from_seconds(p.end)) {
    if (p.nlp == 0) throw std::invalid_argument("PHOLD: nlp must be >= 1");
    if (!(p.lookahead > 0) || !(p.mean >= p.lookahead)) {
        throw std::invalid_argument("PHOLD: need 0 < lookahead <= mean");
    }
}

void build_phold(Engine<PholdLp>& eng, const PholdModel& model, const PholdParams& params) {
    for (std::uint32_t i = 0; i < params.nlp; ++i) eng.add_lp({&model, Stream(params.seed, i)});
    for (std::uint32_t i = 0; i < params.nlp; ++i) {
        Stream& rng = eng.lp(i).rng;
        for (std::uint32_t e = 0; e < params.events; ++e) eng.schedule(i, model.increment(rng));
    }
}

PholdResult run_phold(const PholdParams& params, const Config& config) {
    Config c = config;
    const PholdModel model(params);
    c.lookahead = model.lookahead;
    Engine<PholdLp> eng(c);
    build_phold(eng, model, params);
    eng.run_until(model.end);
    return {eng.stats(), eng.digest()};
}

}  // namespace ostsim::engine
