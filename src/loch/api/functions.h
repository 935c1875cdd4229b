#pragma once
// loch::functions mirrors pyspark.sql.functions: `namespace F =
// loch::functions;` then F::col("a"), F::sum("value"), F::when(...).
// Every wrapper builds an unresolved call under the Spark function name;
// the DataFrame method that receives it resolves and type-checks it (so an
// unknown column or a bad type raises AnalysisException there).
// call_function(name, cols...) reaches any registered function.

#include <string>
#include <vector>

#include "loch/api/column.h"

namespace loch::functions {

/// Column by name ("a", "t.a", "*").
inline Column col(const std::string& name) { return Column(name); }
inline Column column(const std::string& name) { return Column(name); }
using loch::lit;

/// Any function by its Spark name.
template <class... T>
Column call_function(const std::string& name, const T&... args) {
  return callFunction(name, std::vector<Column>{toColumn(args)...});
}

/// CASE WHEN condition THEN value (chain .when(...).otherwise(...)).
Column when(const Column& condition, const Column& value);
template <LiteralLike T>
Column when(const Column& condition, const T& value) {
  return when(condition, toColumn(value));
}
/// A column from Spark SQL expression text: expr("value * 2 AS doubled").
/// @throws ParseException with the line and position of a syntax error.
Column expr(const std::string& sql);

#define LOCH_FN1(fname, sparkname) \
  inline Column fname(const Column& c) { return callFunction(sparkname, {c}); } \
  inline Column fname(const std::string& c) { return callFunction(sparkname, {Column(c)}); }
#define LOCH_FN2(fname, sparkname) \
  inline Column fname(const Column& a, const Column& b) { return callFunction(sparkname, {a, b}); }

// ---- aggregates -------------------------------------------------------------
LOCH_FN1(sum, "sum")
LOCH_FN1(avg, "avg")
LOCH_FN1(mean, "avg")
LOCH_FN1(min, "min")
LOCH_FN1(max, "max")
LOCH_FN1(first, "first")
LOCH_FN1(last, "last")
LOCH_FN1(any_value, "any_value")
LOCH_FN1(count_if, "count_if")
LOCH_FN1(bool_and, "bool_and")
LOCH_FN1(bool_or, "bool_or")
LOCH_FN1(collect_list, "collect_list")
LOCH_FN1(collect_set, "collect_set")
LOCH_FN1(stddev, "stddev")
LOCH_FN1(stddev_samp, "stddev_samp")
LOCH_FN1(stddev_pop, "stddev_pop")
LOCH_FN1(variance, "variance")
LOCH_FN1(var_samp, "var_samp")
LOCH_FN1(var_pop, "var_pop")
LOCH_FN1(skewness, "skewness")
LOCH_FN1(kurtosis, "kurtosis")
LOCH_FN1(median, "median")
LOCH_FN1(approx_count_distinct, "approx_count_distinct")
LOCH_FN2(max_by, "max_by")
LOCH_FN2(min_by, "min_by")
LOCH_FN2(corr, "corr")
LOCH_FN2(covar_pop, "covar_pop")
LOCH_FN2(covar_samp, "covar_samp")
/// count(col); count("*") counts rows, as count(1).
Column count(const Column& c);
Column count(const std::string& c);
/// count(DISTINCT cols...)
Column countDistinct(const std::vector<Column>& cols);
template <class... T>
Column countDistinct(const T&... cols) {
  return countDistinct(std::vector<Column>{Column(cols)...});
}
template <class... T>
Column count_distinct(const T&... cols) {
  return countDistinct(std::vector<Column>{Column(cols)...});
}
Column sum_distinct(const Column& c);

// ---- conditional ------------------------------------------------------------
Column coalesce(const std::vector<Column>& cols);
template <class... T>
Column coalesce(const T&... cols) {
  return coalesce(std::vector<Column>{toColumn(cols)...});
}
LOCH_FN2(nvl, "nvl")
LOCH_FN2(ifnull, "ifnull")
LOCH_FN2(nullif, "nullif")
LOCH_FN1(isnull, "isnull")
LOCH_FN1(isnan, "isnan")
inline Column expr_if(const Column& c, const Column& a, const Column& b) { return callFunction("if", {c, a, b}); }
Column greatest(const std::vector<Column>& cols);
Column least(const std::vector<Column>& cols);

// ---- strings ----------------------------------------------------------------
LOCH_FN1(upper, "upper")
LOCH_FN1(lower, "lower")
LOCH_FN1(length, "length")
LOCH_FN1(trim, "trim")
LOCH_FN1(ltrim, "ltrim")
LOCH_FN1(rtrim, "rtrim")
LOCH_FN1(initcap, "initcap")
LOCH_FN1(reverse, "reverse")
LOCH_FN1(md5, "md5")
LOCH_FN1(sha1, "sha1")
LOCH_FN1(base64, "base64")
Column substring(const Column& s, int pos, int len);
Column concat(const std::vector<Column>& cols);
template <class... T>
Column concat(const T&... cols) {
  return concat(std::vector<Column>{Column(cols)...});
}
Column concat_ws(const std::string& sep, const std::vector<Column>& cols);
Column regexp_replace(const Column& s, const std::string& pattern, const std::string& replacement);
Column regexp_extract(const Column& s, const std::string& pattern, int idx);
Column split(const Column& s, const std::string& pattern, int limit = -1);
Column lpad(const Column& s, int len, const std::string& pad);
Column rpad(const Column& s, int len, const std::string& pad);
Column instr(const Column& s, const std::string& substr);
Column format_string(const std::string& format, const std::vector<Column>& cols);
Column sha2(const Column& c, int bits);

// ---- math -------------------------------------------------------------------
LOCH_FN1(abs, "abs")
LOCH_FN1(sqrt, "sqrt")
LOCH_FN1(exp, "exp")
LOCH_FN1(ln, "ln")
LOCH_FN1(log10, "log10")
LOCH_FN1(floor, "floor")
LOCH_FN1(ceil, "ceil")
LOCH_FN1(signum, "signum")
LOCH_FN2(pow, "pow")
Column round(const Column& c, int scale = 0);
Column bround(const Column& c, int scale = 0);
Column rand(int64_t seed);

// ---- date and time ------------------------------------------------------------
LOCH_FN1(year, "year")
LOCH_FN1(quarter, "quarter")
LOCH_FN1(month, "month")
LOCH_FN1(dayofmonth, "dayofmonth")
LOCH_FN1(dayofweek, "dayofweek")
LOCH_FN1(dayofyear, "dayofyear")
LOCH_FN1(hour, "hour")
LOCH_FN1(minute, "minute")
LOCH_FN1(second, "second")
LOCH_FN1(weekofyear, "weekofyear")
LOCH_FN1(last_day, "last_day")
LOCH_FN1(unix_timestamp, "unix_timestamp")
LOCH_FN1(to_date, "to_date")
LOCH_FN1(to_timestamp, "to_timestamp")
LOCH_FN2(datediff, "datediff")
LOCH_FN2(months_between, "months_between")
Column day(const Column& c);
Column date_format(const Column& c, const std::string& format);
Column to_date(const Column& c, const std::string& format);
Column to_timestamp(const Column& c, const std::string& format);
Column date_add(const Column& c, int days);
Column date_sub(const Column& c, int days);
Column add_months(const Column& c, int months);
Column date_trunc(const std::string& unit, const Column& c);
Column trunc(const Column& c, const std::string& unit);
Column from_unixtime(const Column& c, const std::string& format = "yyyy-MM-dd HH:mm:ss");
Column current_date();
Column current_timestamp();
Column make_date(const Column& y, const Column& m, const Column& d);

// ---- collections and structs ---------------------------------------------------
Column array(const std::vector<Column>& cols);
Column struct_(const std::vector<Column>& cols);
LOCH_FN1(size, "size")
// Generators (Spark's explode family): only as a whole column of select()
// / withColumn(), at most one per call; NULL or empty input gives no row,
// the _outer forms one row of NULLs. Columns: `col` (array), `key`,
// `value` (map), `pos` (0-based int) first for posexplode; inline_ gives
// the struct fields of an array<struct>.
LOCH_FN1(explode, "explode")
LOCH_FN1(explode_outer, "explode_outer")
LOCH_FN1(posexplode, "posexplode")
LOCH_FN1(posexplode_outer, "posexplode_outer")
LOCH_FN1(inline_, "inline")
LOCH_FN1(inline_outer, "inline_outer")
LOCH_FN2(array_contains, "array_contains")
LOCH_FN2(element_at, "element_at")
Column sort_array(const Column& c, bool asc = true);

// ---- window functions (use with .over(Window::partitionBy(..).orderBy(..))) ----
inline Column row_number() { return callFunction("row_number", {}); }
inline Column rank() { return callFunction("rank", {}); }
inline Column dense_rank() { return callFunction("dense_rank", {}); }
inline Column percent_rank() { return callFunction("percent_rank", {}); }
inline Column cume_dist() { return callFunction("cume_dist", {}); }
inline Column ntile(int n) { return callFunction("ntile", {lit(n)}); }
/// lag(col, offset = 1, default = NULL)
Column lag(const Column& c, int offset = 1, const Column& default_value = lit(Value()));
Column lag(const std::string& c, int offset = 1);
Column lead(const Column& c, int offset = 1, const Column& default_value = lit(Value()));
Column lead(const std::string& c, int offset = 1);
Column first_value(const Column& c, bool ignore_nulls = false);
Column last_value(const Column& c, bool ignore_nulls = false);
Column nth_value(const Column& c, int n, bool ignore_nulls = false);

// ---- hashing --------------------------------------------------------------------
Column hash(const std::vector<Column>& cols);
Column xxhash64(const std::vector<Column>& cols);

#undef LOCH_FN1
#undef LOCH_FN2

}  // namespace loch::functions
