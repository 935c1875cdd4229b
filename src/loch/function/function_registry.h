#pragma once
// The one place every function is registered (as DuckDB's function sets):
// registerBuiltinFunctions() in function_registry.cc calls each family's
// register function (arithmetic, comparison, string, datetime, math, ...).
// Lookup is case-insensitive, as in Spark.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "loch/function/aggregate_function.h"
#include "loch/function/scalar_function.h"

namespace loch {

/// Documentation of a function, for DESCRIBE FUNCTION and docs.
struct FunctionInfo {
  std::string usage;     // "date_format(timestamp, fmt) - Converts ..."
  std::string examples;  // "SELECT date_format('2016-04-08', 'y'); 2016"
};

class FunctionRegistry {
 public:
  /// The process-wide registry with all built-in functions (defined in
  /// builtin/builtin_functions.cc; link loch_builtin).
  static const FunctionRegistry& builtin();

  void addScalar(const std::string& name, ScalarBinder binder, FunctionInfo info = {});
  void addAggregate(const std::string& name, AggregateBinder binder, FunctionInfo info = {});
  /// Another name for an existing function ("nvl" for "coalesce").
  void addAlias(const std::string& alias, const std::string& target);

  const ScalarBinder* findScalar(const std::string& name) const;
  const AggregateBinder* findAggregate(const std::string& name) const;
  bool isAggregate(const std::string& name) const { return findAggregate(name) != nullptr; }
  /// All registered names (lower case), for "did you mean" suggestions.
  std::vector<std::string> names() const;
  const FunctionInfo* info(const std::string& name) const;

 private:
  std::string canonical(const std::string& name) const;

  std::map<std::string, ScalarBinder> scalars_;
  std::map<std::string, AggregateBinder> aggregates_;
  std::map<std::string, std::string> aliases_;
  std::map<std::string, FunctionInfo> infos_;
};

}  // namespace loch
