// When a user next wants to spend, drawn from the user's own stream so that adding a user
// changes no other user's times.
//  - Poisson: exponential gaps of mean 1/rate.
//  - Bursty: a two-state Markov-modulated Poisson process (Fischer and Meier-Hellstern 1993):
//    exponential sojourns of mean burst_mean and quiet_mean; in a burst the rate is burst_factor
//    times the quiet rate, which is set so that the long-run mean rate is per_hour. Both phases
//    are memoryless, so drawing a gap and, if the phase ends first, redrawing from the phase's
//    end in the other phase samples the process exactly.
//  - Diurnal: a non-homogeneous Poisson process of rate rate x (1 + a cos(2 pi (t - peak) / day)),
//    sampled by thinning (Lewis and Shedler 1979) from the peak rate rate x (1 + a).
#pragma once

#include "engine/rng.hpp"
#include "workload/economy_spec.hpp"

namespace ostsim::workload {

// The modulating phase a bursty user is in, and when it ends.
struct Phase {
    engine::Time end = 0;
    bool burst = false;
};

// A bursty user's phase at time 0: in a burst with its stationary probability, the rest of the
// phase exponential (memoryless).
Phase initial_phase(const ArrivalSpec& s, engine::Stream& rng);
// The time of the first intent after `now`.
engine::Time next_arrival(const ArrivalSpec& s, engine::Time now, Phase& phase, engine::Stream& rng);

// The mean rate per second at time t (the diurnal curve; the others' long-run mean).
double rate_at(const ArrivalSpec& s, engine::Time t);

}  // namespace ostsim::workload
