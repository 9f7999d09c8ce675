# Compiler flags shared by every ostsim target, through the interface target ostsim_options.
add_library(ostsim_options INTERFACE)
target_compile_options(ostsim_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Wnull-dereference -Wimplicit-fallthrough
  $<$<BOOL:${OSTSIM_WERROR}>:-Werror>)
if(OSTSIM_SANITIZE)
  target_compile_options(ostsim_options INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(ostsim_options INTERFACE -fsanitize=address,undefined)
endif()
