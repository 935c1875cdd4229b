#include "loch/api/functions.h"

#include "loch/binder/binder.h"
#include "loch/common/exception.h"

namespace loch::functions {

Column when(const Column& condition, const Column& value) {
  return Column(Expr::caseWhen({condition.expr(), value.expr()}));
}

Column expr(const std::string& sql) { return Column(parseSqlExpression(sql)); }

Column count(const Column& c) {
  if (c.expr()->kind() == ExprKind::Star && c.expr()->nameParts().empty()) return callFunction("count", {lit(1)});
  return callFunction("count", {c});
}
Column count(const std::string& c) { return count(Column(c)); }
Column countDistinct(const std::vector<Column>& cols) { return callFunction("count", cols, true); }
Column sum_distinct(const Column& c) { return callFunction("sum", {c}, true); }

Column coalesce(const std::vector<Column>& cols) { return callFunction("coalesce", cols); }
Column greatest(const std::vector<Column>& cols) { return callFunction("greatest", cols); }
Column least(const std::vector<Column>& cols) { return callFunction("least", cols); }

Column substring(const Column& s, int pos, int len) { return callFunction("substring", {s, lit(pos), lit(len)}); }
Column concat(const std::vector<Column>& cols) { return callFunction("concat", cols); }
Column concat_ws(const std::string& sep, const std::vector<Column>& cols) {
  std::vector<Column> args{lit(sep)};
  args.insert(args.end(), cols.begin(), cols.end());
  return callFunction("concat_ws", args);
}
Column regexp_replace(const Column& s, const std::string& p, const std::string& r) {
  return callFunction("regexp_replace", {s, lit(p), lit(r)});
}
Column regexp_extract(const Column& s, const std::string& p, int idx) {
  return callFunction("regexp_extract", {s, lit(p), lit(idx)});
}
Column split(const Column& s, const std::string& p, int limit) { return callFunction("split", {s, lit(p), lit(limit)}); }
Column lpad(const Column& s, int len, const std::string& pad) { return callFunction("lpad", {s, lit(len), lit(pad)}); }
Column rpad(const Column& s, int len, const std::string& pad) { return callFunction("rpad", {s, lit(len), lit(pad)}); }
Column instr(const Column& s, const std::string& sub) { return callFunction("instr", {s, lit(sub)}); }
Column format_string(const std::string& format, const std::vector<Column>& cols) {
  std::vector<Column> args{lit(format)};
  args.insert(args.end(), cols.begin(), cols.end());
  return callFunction("format_string", args);
}
Column sha2(const Column& c, int bits) { return callFunction("sha2", {c, lit(bits)}); }

Column round(const Column& c, int scale) { return callFunction("round", {c, lit(scale)}); }
Column bround(const Column& c, int scale) { return callFunction("bround", {c, lit(scale)}); }
Column rand(int64_t seed) { return callFunction("rand", {lit(seed)}); }

Column day(const Column& c) { return callFunction("day", {c}); }
Column date_format(const Column& c, const std::string& f) { return callFunction("date_format", {c, lit(f)}); }
Column to_date(const Column& c, const std::string& f) { return callFunction("to_date", {c, lit(f)}); }
Column to_timestamp(const Column& c, const std::string& f) { return callFunction("to_timestamp", {c, lit(f)}); }
Column date_add(const Column& c, int days) { return callFunction("date_add", {c, lit(days)}); }
Column date_sub(const Column& c, int days) { return callFunction("date_sub", {c, lit(days)}); }
Column add_months(const Column& c, int months) { return callFunction("add_months", {c, lit(months)}); }
Column date_trunc(const std::string& unit, const Column& c) { return callFunction("date_trunc", {lit(unit), c}); }
Column trunc(const Column& c, const std::string& unit) { return callFunction("trunc", {c, lit(unit)}); }
Column from_unixtime(const Column& c, const std::string& f) { return callFunction("from_unixtime", {c, lit(f)}); }
Column current_date() { return callFunction("current_date", {}); }
Column current_timestamp() { return callFunction("current_timestamp", {}); }
Column make_date(const Column& y, const Column& m, const Column& d) { return callFunction("make_date", {y, m, d}); }

Column array(const std::vector<Column>& cols) { return callFunction("array", cols); }
Column struct_(const std::vector<Column>& cols) { return callFunction("struct", cols); }
Column sort_array(const Column& c, bool asc) { return callFunction("sort_array", {c, lit(asc)}); }

Column hash(const std::vector<Column>& cols) { return callFunction("hash", cols); }
Column xxhash64(const std::vector<Column>& cols) { return callFunction("xxhash64", cols); }

namespace {

Column withIgnoreNulls(const Column& c, bool ignore) {
  return ignore ? Column(c.expr()->withIgnoreNulls(true)) : c;
}

}  // namespace

Column lag(const Column& c, int offset, const Column& d) { return callFunction("lag", {c, lit(offset), d}); }
Column lag(const std::string& c, int offset) { return lag(Column(c), offset); }
Column lead(const Column& c, int offset, const Column& d) { return callFunction("lead", {c, lit(offset), d}); }
Column lead(const std::string& c, int offset) { return lead(Column(c), offset); }
Column first_value(const Column& c, bool ignore_nulls) {
  return withIgnoreNulls(callFunction("first_value", {c}), ignore_nulls);
}
Column last_value(const Column& c, bool ignore_nulls) {
  return withIgnoreNulls(callFunction("last_value", {c}), ignore_nulls);
}
Column nth_value(const Column& c, int n, bool ignore_nulls) {
  return withIgnoreNulls(callFunction("nth_value", {c, lit(n)}), ignore_nulls);
}

}  // namespace loch::functions
