# ostsim_module(NAME <name> SOURCES <files...> DEPS <targets...>)
# One folder under sim/ is one library, ostsim_<name> (alias ostsim::<name>), whose headers are
# included as "<name>/<file>.hpp" from sim/.
function(ostsim_module)
  cmake_parse_arguments(M "" "NAME" "SOURCES;DEPS" ${ARGN})
  add_library(ostsim_${M_NAME} ${M_SOURCES})
  add_library(ostsim::${M_NAME} ALIAS ostsim_${M_NAME})
  target_include_directories(ostsim_${M_NAME} PUBLIC ${PROJECT_SOURCE_DIR}/sim)
  target_link_libraries(ostsim_${M_NAME} PUBLIC ${M_DEPS} PRIVATE ostsim_options)
endfunction()

# ostsim_test(NAME <name> SOURCES <files...> DEPS <targets...> [OWN_MAIN] [PROPERTIES ...])
# A GoogleTest binary whose tests CTest discovers one by one; OWN_MAIN when it registers tests
# at run time in its own main().
function(ostsim_test)
  cmake_parse_arguments(T "OWN_MAIN" "NAME" "SOURCES;DEPS;PROPERTIES" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE ${T_DEPS} GTest::gtest ostsim_options)
  if(NOT T_OWN_MAIN)
    target_link_libraries(${T_NAME} PRIVATE GTest::gtest_main)
  endif()
  gtest_discover_tests(${T_NAME} DISCOVERY_TIMEOUT 60 PROPERTIES ${T_PROPERTIES})
endfunction()
