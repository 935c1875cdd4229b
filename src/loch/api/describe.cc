// DataFrame.describe() and summary(): one aggregate pass computing every
// statistic, laid out as Spark's table of strings (one row per statistic).

#include "loch/api/data_frame.h"
#include "loch/api/functions.h"
#include "loch/api/spark_session.h"
#include "loch/common/exception.h"
#include "loch/common/format.h"

namespace loch {

namespace {

namespace F = functions;

/// The statistic `stat` of column `name` as an aggregate, or nullopt when
/// it does not apply (mean of a string is NULL, as in Spark).
std::optional<Column> statistic(const std::string& stat, const std::string& name, bool numeric) {
  Column c(quoteIdentifier(name));
  if (stat == "count") return F::count(c);
  if (stat == "min") return F::min(c);
  if (stat == "max") return F::max(c);
  if (!numeric) return std::nullopt;
  if (stat == "mean") return F::avg(c);
  if (stat == "stddev") return F::stddev(c);
  if (stat.size() > 1 && stat.back() == '%') {
    double p = std::stod(stat.substr(0, stat.size() - 1)) / 100.0;
    return callFunction("percentile_approx", {c, lit(p)});
  }
  return std::nullopt;
}

DataFrame statisticsTable(const DataFrame& df, const std::vector<std::string>& stats,
                          const std::vector<std::string>& requested) {
  for (const auto& s : stats) {
    bool pct = s.size() > 1 && s.back() == '%' &&
               s.find_first_not_of("0123456789.") == s.size() - 1;
    if (!(s == "count" || s == "mean" || s == "stddev" || s == "min" || s == "max" || pct)) {
      throw InvalidArgumentException("INVALID_PARAMETER_VALUE",
                                     "summary(): unknown statistic '" + s +
                                         "'; expected count, mean, stddev, min, max or a percentage like 75%.");
    }
  }
  std::vector<std::pair<std::string, bool>> columns;  // name, numeric
  SchemaPtr schema = df.schema();  // keep it alive through the loop
  for (const auto& f : schema->fields()) {
    bool wanted = requested.empty();
    for (const auto& r : requested) wanted = wanted || equalsIgnoreCase(r, f.name);
    bool numeric = f.type->isNumeric();
    if (wanted && (numeric || f.type->id() == TypeId::String)) columns.emplace_back(f.name, numeric);
  }
  // One aggregate row: stat-major, column-minor; absent statistics are NULL.
  std::vector<Column> aggs;
  for (const auto& s : stats) {
    for (const auto& [name, numeric] : columns) {
      auto a = statistic(s, name, numeric);
      aggs.push_back((a ? a->cast("string") : lit(Value::null(StringType()))).alias(s + "_" + name));
    }
  }
  std::vector<Value> values;
  if (!aggs.empty()) values = df.agg(aggs).collect().at(0).values();
  std::vector<StructField> fields{StructField("summary", StringType())};
  for (const auto& [name, numeric] : columns) fields.emplace_back(name, StringType());
  std::vector<std::vector<Value>> rows;
  size_t k = 0;
  for (const auto& s : stats) {
    std::vector<Value> row{Value::string(s)};
    for (size_t c = 0; c < columns.size(); ++c) row.push_back(values[k++]);
    rows.push_back(std::move(row));
  }
  return df.sparkSession()->createDataFrame(rows, StructType(std::move(fields)));
}

}  // namespace

DataFrame DataFrame::describe(const std::vector<std::string>& cols) const {
  return statisticsTable(*this, {"count", "mean", "stddev", "min", "max"}, cols);
}

DataFrame DataFrame::summary(const std::vector<std::string>& statistics) const {
  std::vector<std::string> stats = statistics;
  if (stats.empty()) stats = {"count", "mean", "stddev", "min", "25%", "50%", "75%", "max"};
  return statisticsTable(*this, stats, {});
}

}  // namespace loch
