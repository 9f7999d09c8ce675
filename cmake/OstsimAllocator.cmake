# The memory allocator of ostsim's executables, through the interface target ostsim_allocator.
#
# jemalloc (Debian's libjemalloc-dev) by default: whole-world runs allocate and free many small
# objects (transactions, receipts, RLP buffers, map entries), and glibc's malloc cost 5-15 % of
# their time (docs/performance.md, "The allocator"). jemalloc replaces malloc for the whole
# process when the executable links it, as Ethereum clients such as Reth ship it. Debian's
# tcmalloc was as fast but raised the 6,000-node Bitcoin run's peak memory by 40 %.
#
# Not linked: under the sanitizers (ASan must own malloc), and into the Python extension (a
# module loaded into a running interpreter cannot replace its malloc), which keeps glibc's.
# Results never depend on the allocator; tests compare the CLI's runs with the extension's.
# Code that asks jemalloc (its version, its statistics) finds it at run time through
# sim/allocator/jemalloc.hpp.
option(OSTSIM_JEMALLOC "Link the executables (CLI, benches, tests) with jemalloc" ON)

add_library(ostsim_allocator INTERFACE)
if(OSTSIM_JEMALLOC AND NOT OSTSIM_SANITIZE)
  pkg_check_modules(JEMALLOC IMPORTED_TARGET jemalloc)
  if(NOT JEMALLOC_FOUND)
    message(FATAL_ERROR "jemalloc not found: install Debian's libjemalloc-dev "
                        "(scripts/install-deps.sh does), or configure with -DOSTSIM_JEMALLOC=OFF")
  endif()
  # --no-as-needed: no symbol of jemalloc is named by our code, and a linker that drops unneeded
  # libraries would otherwise leave glibc's malloc in place.
  target_link_libraries(ostsim_allocator INTERFACE
    "-Wl,--push-state,--no-as-needed" PkgConfig::JEMALLOC "-Wl,--pop-state")
  set(OSTSIM_ALLOCATOR jemalloc)
else()
  set(OSTSIM_ALLOCATOR system)
endif()
message(STATUS "ostsim: executables use the ${OSTSIM_ALLOCATOR} allocator")
