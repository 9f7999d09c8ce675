#include "cli/build_info.hpp"

#include <gnu/libc-version.h>

#include <cstddef>

#include "allocator/jemalloc.hpp"

namespace ostsim::cli {

std::string allocator_name() {
    if (const allocator::Mallctl mallctl = allocator::jemalloc_mallctl()) {
        const char* version = nullptr;
        std::size_t len = sizeof(version);
        if (mallctl("version", &version, &len, nullptr, 0) == 0 && version) {
            return std::string("jemalloc ") + version;
        }
        return "jemalloc";
    }
    return std::string("glibc ") + gnu_get_libc_version();
}

std::string version_line() { return std::string("ostsim ") + OSTSIM_VERSION + " (" + allocator_name() + ")"; }

}  // namespace ostsim::cli
