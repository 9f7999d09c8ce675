// What a run was built and linked with, for `ostsim --version` and the benches' headers: timings
// are only comparable between runs of the same build and allocator.
#pragma once

#include <string>

namespace ostsim::cli {

// The memory allocator serving malloc in this process, with its version: "jemalloc 5.3.0-..."
// when jemalloc replaced malloc (cmake/OstsimAllocator.cmake), else "glibc 2.36".
std::string allocator_name();

// "ostsim <version> (<allocator>)".
std::string version_line();

}  // namespace ostsim::cli
