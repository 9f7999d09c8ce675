// jemalloc's control interface, when jemalloc serves malloc in this process (the executables
// link it: cmake/OstsimAllocator.cmake). Looked up at run time, since what serves malloc is
// decided by the executable's link, not by the library that asks; the Python extension and the
// sanitizer builds run on glibc's malloc, where the lookup finds nothing. Header only.
#pragma once

#include <dlfcn.h>

#include <cstddef>

namespace ostsim::allocator {

// jemalloc's mallctl(name, oldp, oldlenp, newp, newlen); returns 0 on success.
using Mallctl = int (*)(const char*, void*, std::size_t*, void*, std::size_t);

// mallctl, or null when jemalloc does not serve malloc here.
inline Mallctl jemalloc_mallctl() {
    return reinterpret_cast<Mallctl>(dlsym(RTLD_DEFAULT, "mallctl"));
}

}  // namespace ostsim::allocator
