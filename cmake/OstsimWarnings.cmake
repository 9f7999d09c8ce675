# Compiler flags shared by every ostsim target, through the interface target ostsim_options.
add_library(ostsim_options INTERFACE)
target_compile_options(ostsim_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Wnull-dereference -Wimplicit-fallthrough
  $<$<BOOL:${OSTSIM_WERROR}>:-Werror>)
if(OSTSIM_SANITIZE)
  # Sanitizer instrumentation defeats GCC's flow analysis: -Wmaybe-uninitialized then reports
  # std::variant moves as reading uninitialised members (GCC bug 105562). The release and debug
  # builds keep the warning, as an error.
  target_compile_options(ostsim_options INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
    $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)
  target_link_options(ostsim_options INTERFACE -fsanitize=address,undefined)
endif()
# GCC 12 at -O3 reports false -Wrestrict (GCC bug 105329) and -Wstringop-overread (bug 106199)
# errors inside libstdc++'s std::string and std::vector comparisons; both fixed in GCC 13.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(ostsim_options INTERFACE -Wno-restrict -Wno-stringop-overread)
endif()
# A unity build includes each .cpp into a generated file, so GCC takes a test fixture defined in an
# anonymous namespace for one defined in a header and warns that TEST_F's class, which derives
# from it, has internal linkage (-Wsubobject-linkage). Only non-unity builds keep that check.
if(CMAKE_UNITY_BUILD AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(ostsim_options INTERFACE -Wno-subobject-linkage)
endif()
