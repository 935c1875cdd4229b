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
  # Sources not written yet are skipped, so a suite can list its files first.
  set(present)
  foreach(src ${ARG_SOURCES})
    if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${src})
      list(APPEND present ${src})
    endif()
  endforeach()
  if(NOT present)
    return()
  endif()
  add_executable(${name} ${present})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main)
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60
    PROPERTIES ENVIRONMENT "LOCH_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
endfunction()

# loch_add_globbed_library(NAME DIRS dir... DEPS ...)
#   A library of every .cc file directly in the given folders (relative to
#   the current source dir). Used where several engineers add files.
function(loch_add_globbed_library name)
  cmake_parse_arguments(ARG "" "" "DIRS;DEPS" ${ARGN})
  set(srcs)
  foreach(dir ${ARG_DIRS})
    file(GLOB found CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/${dir}/*.cc)
    list(APPEND srcs ${found})
  endforeach()
  if(srcs)
    loch_add_library(${name} SOURCES ${srcs} DEPS ${ARG_DEPS})
  else()
    # Nothing written yet in these folders: an interface target keeps links valid.
    add_library(${name} INTERFACE)
    target_include_directories(${name} INTERFACE ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(${name} INTERFACE ${ARG_DEPS})
  endif()
endfunction()

# Adds every immediate subfolder that has a CMakeLists.txt.
function(loch_add_subdirectories)
  file(GLOB entries LIST_DIRECTORIES true ${CMAKE_CURRENT_SOURCE_DIR}/*)
  foreach(dir ${entries})
    if(IS_DIRECTORY ${dir} AND EXISTS ${dir}/CMakeLists.txt)
      add_subdirectory(${dir})
    endif()
  endforeach()
endfunction()
