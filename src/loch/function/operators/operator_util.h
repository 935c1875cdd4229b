#pragma once
// Helpers shared by the operator binders.

#include <string>
#include <vector>

#include "loch/common/exception.h"
#include "loch/function/function_binder.h"
#include "loch/function/scalar_function.h"

namespace loch::op {

inline bool isNumeric(const DataType& t) { return t.isNumeric(); }

inline BoundScalarFunction bound(std::string name, std::vector<DataTypePtr> arg_types, DataTypePtr ret,
                                 ScalarKernel kernel, bool introduces_nulls = false) {
  BoundScalarFunction f;
  f.name = std::move(name);
  f.arg_types = std::move(arg_types);
  f.return_type = std::move(ret);
  f.kernel = std::move(kernel);
  f.introduces_nulls = introduces_nulls;
  return f;
}

/// "If necessary set ... to bypass this error." tail of ANSI errors.
inline const char* ansiBypass() {
  return "If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.";
}

[[noreturn]] inline void throwDivideByZero() {
  throw ArithmeticException("DIVIDE_BY_ZERO",
                            std::string("Division by zero. Use `try_divide` to tolerate divisor being 0 and return "
                                        "NULL instead. ") +
                                ansiBypass());
}

/// ARITHMETIC_OVERFLOW for int ("integer overflow") and long ("long overflow").
[[noreturn]] inline void throwArithmeticOverflow(const std::string& what, const std::string& try_fn) {
  throw ArithmeticException("ARITHMETIC_OVERFLOW", what + " overflow. Use '" + try_fn +
                                                       "' to tolerate overflow and return NULL instead. " +
                                                       ansiBypass());
}

}  // namespace loch::op
