# Unity builds (CMAKE_UNITY_BUILD, on in the release and sanitize presets, for CI time; the debug
# preset and plain configures keep one translation unit per file) put up to
# CMAKE_UNITY_BUILD_BATCH_SIZE (default 8) .cpp files of one target into one translation unit,
# which parses the shared headers and generates their inline code once. Two files of a target
# then must not define the same name at namespace scope, anonymous namespaces included. The files
# below still do; each is compiled on its own until the clash is renamed.
# Included after every target exists.

# ostsim_unity_skip(<folder under the source root> <files...>)
function(ostsim_unity_skip dir)
  list(TRANSFORM ARGN PREPEND "${PROJECT_SOURCE_DIR}/${dir}/" OUTPUT_VARIABLE files)
  set_source_files_properties(${files} DIRECTORY "${PROJECT_SOURCE_DIR}/${dir}"
                              PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
endfunction()

if(OSTSIM_BUILD_TESTS)
  # kPeriod, kDelay and validators() are also clique_test's and bft_test's.
  ostsim_unity_skip(tests/core ffg_test.cpp)
  # kData and load() are also catalogue_test's and override_test's.
  ostsim_unity_skip(tests/scenario load_test.cpp)
endif()
