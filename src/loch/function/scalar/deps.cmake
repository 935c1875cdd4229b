# Third-party libraries used by the scalar function families (included from
# src/loch/function/CMakeLists.txt after loch_function_scalar is defined).
find_package(OpenSSL REQUIRED)
find_package(ZLIB REQUIRED)
find_library(UTF8PROC_LIB utf8proc REQUIRED)
get_target_property(_loch_scalar_type loch_function_scalar TYPE)
if(_loch_scalar_type STREQUAL "INTERFACE_LIBRARY")
  set(_loch_scalar_scope INTERFACE)
else()
  set(_loch_scalar_scope PUBLIC)
endif()
target_link_libraries(loch_function_scalar ${_loch_scalar_scope}
  loch_expr OpenSSL::Crypto ZLIB::ZLIB ${UTF8PROC_LIB} ${XXHASH_LIB} ${CCTZ_LIB} PkgConfig::RE2)
