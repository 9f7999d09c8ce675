// Ctrl-C and SIGTERM as a flag that the run loop checks between slices of simulated time, so
// that a run stops cleanly, flushes its trace and exits 130. A second signal is not special:
// the loop stops within one slice (about 1% of the run).
#pragma once

namespace ostsim::cli {

void install_interrupt_handlers();
bool interrupted();
// Sets or clears the flag by hand: ostsim.run (python/) stops a run on Ctrl-C and re-arms after.
void set_interrupted(bool on);

}  // namespace ostsim::cli
