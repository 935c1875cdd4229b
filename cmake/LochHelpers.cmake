# loch_add_library(NAME SOURCES ... DEPS ...)
#   One static library per architectural layer (src/loch/<layer>).
function(loch_add_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${name} PUBLIC ${ARG_DEPS})
endfunction()

# loch_add_test(NAME SOURCES ... DEPS ...)
#   One GoogleTest executable per layer (tests/<layer>), registered with CTest.
function(loch_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main)
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60
    PROPERTIES ENVIRONMENT "LOCH_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
endfunction()
