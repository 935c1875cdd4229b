#pragma once
// Column: an expression in the DataFrame API (pyspark.sql.Column).
// Columns are unresolved until a DataFrame method resolves them against its
// input, so `col("value") * 2 > lit(3)` can be built before any DataFrame.
// C++ operators build expressions: + - * / % == != < <= > >= && || ! and
// unary -, with plain C++ values (int, double, const char*, std::string,
// bool) taken as literals, as PySpark does.

#include <concepts>
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "loch/expr/expression.h"

namespace loch {

class WindowSpec;

class Column {
 public:
  /// A column reference by name: "user_id", "e.user_id", "*" or "e.*".
  /// Backticks quote names containing dots: "`a.b`".
  explicit Column(const std::string& name);
  explicit Column(const char* name) : Column(std::string(name)) {}
  explicit Column(ExprPtr expr) : expr_(std::move(expr)) {}

  const ExprPtr& expr() const { return expr_; }
  /// The SQL-like text Spark shows for this column, e.g. "(value * 2)".
  std::string toString() const { return expr_->toString(); }

  Column alias(const std::string& name) const;
  Column as(const std::string& name) const { return alias(name); }
  Column name(const std::string& name) const { return alias(name); }
  /// CAST(this AS type); the string form takes a Spark type name ("bigint",
  /// "decimal(10,2)"). @throws AnalysisException for an unknown type name.
  Column cast(const DataTypePtr& type) const;
  Column cast(const std::string& type) const;
  Column astype(const std::string& type) const { return cast(type); }
  Column try_cast(const DataTypePtr& type) const;

  Column isNull() const;
  Column isNotNull() const;
  Column isNaN() const;
  /// this IN (values...)
  Column isin(const std::vector<Column>& values) const;
  template <class... T>
  Column isin(T... values) const;
  Column between(const Column& lower, const Column& upper) const;
  Column like(const std::string& pattern) const;
  Column ilike(const std::string& pattern) const;
  Column rlike(const std::string& regex) const;
  Column startswith(const Column& prefix) const;
  Column endswith(const Column& suffix) const;
  Column contains(const Column& other) const;
  /// substring(this, pos, len), 1-based.
  Column substr(int pos, int len) const;
  /// Null-safe equality (<=>).
  Column eqNullSafe(const Column& other) const;
  Column bitwiseAND(const Column& other) const;
  Column bitwiseOR(const Column& other) const;
  Column bitwiseXOR(const Column& other) const;
  /// Struct field / array element / map value.
  Column getField(const std::string& name) const;
  Column getItem(const Column& key) const;

  // Sort orders (Spark defaults: ASC NULLS FIRST, DESC NULLS LAST).
  Column asc() const;
  Column asc_nulls_first() const;
  Column asc_nulls_last() const;
  Column desc() const;
  Column desc_nulls_first() const;
  Column desc_nulls_last() const;

  /// CASE WHEN chains: when(cond, value).when(...).otherwise(value).
  Column when(const Column& condition, const Column& value) const;
  Column otherwise(const Column& value) const;
  /// This aggregate or window function (row_number, lag, ...) evaluated
  /// over `window` (defined in window.cc).
  Column over(const WindowSpec& window) const;
  template <class T>
  Column when(const Column& condition, const T& value) const;
  template <class T>
  Column otherwise(const T& value) const;

 private:
  ExprPtr expr_;
};

/// A literal column (pyspark.sql.functions.lit).
Column lit(bool v);
Column lit(int v);
Column lit(int64_t v);
Column lit(long long v);
Column lit(double v);
Column lit(const char* v);
Column lit(const std::string& v);
Column lit(const Value& v);
inline Column lit(const Column& c) { return c; }

/// Plain C++ values that operators take as literals.
template <class T>
concept LiteralLike = std::is_arithmetic_v<T> || std::is_same_v<std::decay_t<T>, std::string> ||
                      std::is_same_v<std::decay_t<T>, const char*> || std::is_same_v<std::decay_t<T>, char*> ||
                      std::is_same_v<std::decay_t<T>, Value>;

template <LiteralLike T>
Column toColumn(const T& v) {
  if constexpr (std::is_same_v<T, bool>) {
    return lit(v);
  } else if constexpr (std::is_integral_v<T>) {
    return (v >= INT32_MIN && v <= INT32_MAX) ? lit(static_cast<int>(v)) : lit(static_cast<int64_t>(v));
  } else if constexpr (std::is_floating_point_v<T>) {
    return lit(static_cast<double>(v));
  } else {
    return lit(v);
  }
}
inline Column toColumn(const Column& c) { return c; }

/// Function call helper: name(args...) under the Spark function name.
Column callFunction(const std::string& name, const std::vector<Column>& args, bool distinct = false);

#define LOCH_COLUMN_BINARY_OP(op, fname)                                                \
  inline Column operator op(const Column& a, const Column& b) {                        \
    return callFunction(fname, {a, b});                                                 \
  }                                                                                     \
  template <LiteralLike T>                                                              \
  Column operator op(const Column& a, const T& b) {                                    \
    return callFunction(fname, {a, toColumn(b)});                                       \
  }                                                                                     \
  template <LiteralLike T>                                                              \
  Column operator op(const T& a, const Column& b) {                                    \
    return callFunction(fname, {toColumn(a), b});                                       \
  }

LOCH_COLUMN_BINARY_OP(+, "+")
LOCH_COLUMN_BINARY_OP(-, "-")
LOCH_COLUMN_BINARY_OP(*, "*")
LOCH_COLUMN_BINARY_OP(/, "/")
LOCH_COLUMN_BINARY_OP(%, "%")
LOCH_COLUMN_BINARY_OP(==, "=")
LOCH_COLUMN_BINARY_OP(!=, "<>")
LOCH_COLUMN_BINARY_OP(<, "<")
LOCH_COLUMN_BINARY_OP(<=, "<=")
LOCH_COLUMN_BINARY_OP(>, ">")
LOCH_COLUMN_BINARY_OP(>=, ">=")
LOCH_COLUMN_BINARY_OP(&&, "and")
LOCH_COLUMN_BINARY_OP(||, "or")
LOCH_COLUMN_BINARY_OP(&, "and")
LOCH_COLUMN_BINARY_OP(|, "or")
#undef LOCH_COLUMN_BINARY_OP

inline Column operator!(const Column& a) { return callFunction("not", {a}); }
inline Column operator~(const Column& a) { return callFunction("not", {a}); }
inline Column operator-(const Column& a) { return callFunction("negative", {a}); }

template <class T>
Column Column::when(const Column& condition, const T& value) const {
  return when(condition, toColumn(value));
}
template <class T>
Column Column::otherwise(const T& value) const {
  return otherwise(toColumn(value));
}

template <class... T>
Column Column::isin(T... values) const {
  return isin(std::vector<Column>{toColumn(values)...});
}

}  // namespace loch
