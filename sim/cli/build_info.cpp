#include "cli/build_info.hpp"

#include <dlfcn.h>
#include <gnu/libc-version.h>

#include <cstddef>

namespace ostsim::cli {

std::string allocator_name() {
    // jemalloc exports mallctl; found at run time, since what serves malloc is decided by the
    // executable's link, not by this library's.
    using Mallctl = int (*)(const char*, void*, std::size_t*, void*, std::size_t);
    if (void* sym = dlsym(RTLD_DEFAULT, "mallctl")) {
        const char* version = nullptr;
        std::size_t len = sizeof(version);
        if (reinterpret_cast<Mallctl>(sym)("version", &version, &len, nullptr, 0) == 0 && version) {
            return std::string("jemalloc ") + version;
        }
        return "jemalloc";
    }
    return std::string("glibc ") + gnu_get_libc_version();
}

std::string version_line() { return std::string("ostsim ") + OSTSIM_VERSION + " (" + allocator_name() + ")"; }

}  // namespace ostsim::cli
