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
# at run time in its own main(). A binary labelled `statistical` (PROPERTIES LABELS statistical)
# is left out of `all` and of CTest when OSTSIM_BUILD_STATISTICAL_TESTS is OFF (the sanitize
# preset, whose test filter skips that label anyway); `cmake --build <dir> --target <name>`
# still builds it.
function(ostsim_test)
  cmake_parse_arguments(T "OWN_MAIN" "NAME" "SOURCES;DEPS;PROPERTIES" ${ARGN})
  set(register ON)
  if(NOT OSTSIM_BUILD_STATISTICAL_TESTS AND "statistical" IN_LIST T_PROPERTIES)
    set(register OFF)
  endif()
  if(register)
    add_executable(${T_NAME} ${T_SOURCES})
  else()
    add_executable(${T_NAME} EXCLUDE_FROM_ALL ${T_SOURCES})
  endif()
  target_link_libraries(${T_NAME} PRIVATE ${T_DEPS} GTest::gtest ostsim_options ostsim_allocator)
  if(NOT T_OWN_MAIN)
    target_link_libraries(${T_NAME} PRIVATE GTest::gtest_main)
  endif()
  # Not built means not discovered: CTest would otherwise run a failing <name>_NOT_BUILT test.
  if(register)
    gtest_discover_tests(${T_NAME} DISCOVERY_TIMEOUT 60 PROPERTIES ${T_PROPERTIES})
  endif()
endfunction()

# ostsim_pytest(NAME <test> FILE <test_x.py> [FAIL_ON_SKIP] [ENVIRONMENT <VAR=value>...])
# A pytest file as one CTest test, run by /usr/bin/python3 (Python3_EXECUTABLE) against the build
# tree: the package from python/, the extension from build/<preset>/python/. pytest's "no tests
# ran" (exit 5) is a failure, as is any skip with FAIL_ON_SKIP.
function(ostsim_pytest)
  cmake_parse_arguments(P "FAIL_ON_SKIP" "NAME;FILE" "ENVIRONMENT" ${ARGN})
  set(python ${Python3_EXECUTABLE})
  if(NOT python)
    set(python /usr/bin/python3)
  endif()
  add_test(NAME ${P_NAME}
           COMMAND ${python} -m pytest -q -p no:cacheprovider ${P_FILE}
           WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
  set(fail "no tests ran")
  if(P_FAIL_ON_SKIP)
    set(fail "no tests ran|skipped")
  endif()
  set_tests_properties(${P_NAME} PROPERTIES
    ENVIRONMENT "PYTHONPATH=${PROJECT_SOURCE_DIR}/python:${PROJECT_BINARY_DIR}/python;${P_ENVIRONMENT}"
    FAIL_REGULAR_EXPRESSION "${fail}")
endfunction()
