#include "cli/interrupt.hpp"

#include <csignal>

namespace ostsim::cli {
namespace {

volatile std::sig_atomic_t g_stop = 0;

extern "C" void on_signal(int) { g_stop = 1; }

}  // namespace

void install_interrupt_handlers() {
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
}

bool interrupted() { return g_stop != 0; }

void set_interrupted(bool on) { g_stop = on ? 1 : 0; }

}  // namespace ostsim::cli
