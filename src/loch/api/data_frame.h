#pragma once
// DataFrame: a lazily evaluated, immutable table (pyspark.sql.DataFrame).
// Transformations return new DataFrames whose plans are analysed at once,
// so a bad column name fails where it is written; actions (count, collect,
// show, ...) optimise, plan and execute.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "loch/api/column.h"
#include "loch/api/row.h"
#include "loch/plan/logical_plan.h"

namespace loch {

class SparkSession;
class GroupedData;
class DataFrameNaFunctions;
class DataFrameWriter;

/// Spark's StorageLevel names accepted by persist(); Loch keeps cached data
/// in memory, accounted against loch.memory.limit.
enum class StorageLevel { MEMORY_ONLY, MEMORY_AND_DISK, DISK_ONLY, MEMORY_ONLY_SER, MEMORY_AND_DISK_SER };

class DataFrame {
 public:
  DataFrame(std::shared_ptr<SparkSession> session, LogicalPlanPtr plan)
      : session_(std::move(session)), plan_(std::move(plan)) {}

  // ---- transformations ------------------------------------------------------
  DataFrame select(const std::vector<Column>& cols) const;
  template <class... T>
  DataFrame select(const T&... cols) const {
    return select(std::vector<Column>{Column(cols)...});
  }
  DataFrame select(const std::vector<std::string>& names) const;
  /// Select list items as SQL text: selectExpr({"user_id", "value * 2 AS v"}).
  DataFrame selectExpr(const std::vector<std::string>& exprs) const;
  /// Rows where `condition` is TRUE. @throws AnalysisException if it is not boolean.
  DataFrame filter(const Column& condition) const;
  DataFrame where(const Column& condition) const { return filter(condition); }
  /// Rows where the SQL condition holds: filter("value > 10 AND event_type = 'view'").
  DataFrame filter(const std::string& condition) const;
  DataFrame where(const std::string& condition) const { return filter(condition); }
  /// Adds or replaces column `name` (case-insensitive match replaces in place).
  DataFrame withColumn(const std::string& name, const Column& col) const;
  DataFrame withColumns(const std::vector<std::pair<std::string, Column>>& cols) const;
  /// Renames `existing` to `name`; a no-op when `existing` is absent (Spark).
  DataFrame withColumnRenamed(const std::string& existing, const std::string& name) const;
  /// Drops the named columns; absent names are ignored (Spark).
  DataFrame drop(const std::vector<std::string>& names) const;
  template <class... T>
  DataFrame drop(const std::string& first, const T&... rest) const {
    return drop(std::vector<std::string>{first, rest...});
  }
  DataFrame toDF(const std::vector<std::string>& names) const;

  GroupedData groupBy(const std::vector<Column>& cols) const;
  template <class... T>
  GroupedData groupBy(const T&... cols) const;
  GroupedData groupby(const std::vector<Column>& cols) const;
  /// GROUP BY CUBE(cols): one aggregate per subset of `cols`, the columns
  /// outside a subset NULL (Spark's df.cube).
  GroupedData cube(const std::vector<Column>& cols) const;
  template <class... T>
  GroupedData cube(const T&... cols) const;
  /// GROUP BY ROLLUP(cols): the prefixes of `cols` (Spark's df.rollup).
  GroupedData rollup(const std::vector<Column>& cols) const;
  template <class... T>
  GroupedData rollup(const T&... cols) const;
  /// Aggregates over the whole DataFrame (groupBy() with no keys).
  DataFrame agg(const std::vector<Column>& exprs) const;
  template <class... T>
  DataFrame agg(const Column& first, const T&... rest) const {
    return agg(std::vector<Column>{first, rest...});
  }

  /// Join on a boolean condition. `how`: "inner", "left", "right", "full",
  /// "left_semi", "left_anti", "cross" and Spark's synonyms.
  DataFrame join(const DataFrame& other, const Column& on, const std::string& how = "inner") const;
  /// Join on equally named columns (SQL USING): those columns appear once,
  /// first, followed by the other columns of each side.
  DataFrame join(const DataFrame& other, const std::vector<std::string>& on, const std::string& how = "inner") const;
  DataFrame join(const DataFrame& other, const std::string& on, const std::string& how = "inner") const {
    return join(other, std::vector<std::string>{on}, how);
  }
  DataFrame crossJoin(const DataFrame& other) const;

  DataFrame orderBy(const std::vector<Column>& cols) const;
  template <class... T>
  DataFrame orderBy(const T&... cols) const {
    return orderBy(std::vector<Column>{Column(cols)...});
  }
  DataFrame sort(const std::vector<Column>& cols) const { return orderBy(cols); }
  template <class... T>
  DataFrame sort(const T&... cols) const {
    return orderBy(std::vector<Column>{Column(cols)...});
  }
  DataFrame limit(int64_t n) const;
  DataFrame offset(int64_t n) const;
  DataFrame distinct() const;
  /// Keeps one row per distinct value of `subset` (all columns when empty).
  DataFrame dropDuplicates(const std::vector<std::string>& subset = {}) const;
  DataFrame drop_duplicates(const std::vector<std::string>& subset = {}) const { return dropDuplicates(subset); }
  /// UNION ALL by position; column types widen to a common type.
  /// @throws AnalysisException NUM_COLUMNS_MISMATCH / INCOMPATIBLE_COLUMN_TYPE.
  DataFrame unionAll(const DataFrame& other) const;
  DataFrame union_(const DataFrame& other) const { return unionAll(other); }
  /// UNION ALL matching columns by name; missing columns become NULL when
  /// `allow_missing_columns`, else AnalysisException.
  DataFrame unionByName(const DataFrame& other, bool allow_missing_columns = false) const;
  DataFrame intersect(const DataFrame& other) const;
  DataFrame intersectAll(const DataFrame& other) const;
  DataFrame subtract(const DataFrame& other) const;
  DataFrame exceptAll(const DataFrame& other) const;
  /// Bernoulli sample of about fraction × count rows; deterministic per seed.
  /// (PySpark's sample(fraction, seed); without a seed a random one is used.)
  /// @throws InvalidArgumentException for a fraction outside [0, 1].
  DataFrame sample(double fraction) const;
  DataFrame sample(double fraction, int64_t seed) const;
  DataFrame sample(bool with_replacement, double fraction, int64_t seed) const;
  /// Replaces NULLs (pyspark fillna): numeric value → numeric columns,
  /// string → string columns, bool → boolean columns; `subset` limits it.
  DataFrame fillna(const Value& value, const std::vector<std::string>& subset = {}) const;
  DataFrame fillna(const std::map<std::string, Value>& values) const;
  /// Drops rows with NULL (or NaN) in `subset` (all columns when empty):
  /// how "any" or "all"; `thresh` keeps rows with at least thresh non-null values.
  DataFrame dropna(const std::string& how = "any", std::optional<int> thresh = std::nullopt,
                   const std::vector<std::string>& subset = {}) const;
  DataFrameNaFunctions na() const;
  /// Partitioning hints: Loch runs on all cores whatever the partition
  /// count; the node is kept for EXPLAIN.
  DataFrame repartition(int64_t n, const std::vector<Column>& cols = {}) const;
  DataFrame coalesce(int64_t n) const;
  /// Qualifies this DataFrame's columns ("e" makes e.user_id resolvable).
  DataFrame alias(const std::string& name) const;
  /// Join strategy hint: "broadcast" (also "broadcastjoin", "mapjoin").
  DataFrame hint(const std::string& name) const;

  /// Basic statistics (Spark's describe): a string column "summary" with
  /// count, mean, stddev, min, max, then one string column per numeric or
  /// string column of `cols` (all such columns when empty).
  DataFrame describe(const std::vector<std::string>& cols = {}) const;
  /// Spark's summary: as describe plus approximate percentiles; `statistics`
  /// defaults to count, mean, stddev, min, 25%, 50%, 75%, max.
  /// @throws InvalidArgumentException for an unknown statistic.
  DataFrame summary(const std::vector<std::string>& statistics = {}) const;

  // ---- actions ----------------------------------------------------------------
  int64_t count() const;
  std::vector<Row> collect() const;
  std::vector<Row> take(int64_t n) const;
  std::vector<Row> head(int64_t n) const { return take(n); }
  /// @throws InvalidArgumentException when there is no row.
  Row first() const;
  bool isEmpty() const;
  /// The result as record batches (all rows, in order).
  std::vector<RecordBatchPtr> collectBatches() const;
  /// Prints the first `n` rows as Spark's table to stdout.
  /// `truncate`: cut cells to 20 characters (true) or to that many (> 0).
  void show(int n = 20, int truncate = 20, bool vertical = false) const;
  void show(int n, bool truncate) const { show(n, truncate ? 20 : 0); }
  /// What show() prints, as a string.
  std::string showString(int n = 20, int truncate = 20, bool vertical = false) const;
  void printSchema() const;
  /// Prints the plan: "simple" (physical), "extended" (logical and
  /// physical), "formatted".
  void explain(bool extended = false) const;
  void explain(const std::string& mode) const;
  std::string explainString(const std::string& mode = "simple") const;

  // ---- metadata and caching ---------------------------------------------------
  SchemaPtr schema() const { return plan_->schema(); }
  std::vector<std::string> columns() const;
  /// (name, simpleString type) pairs.
  std::vector<std::pair<std::string, std::string>> dtypes() const;
  /// This DataFrame's column `name`, bound to it (disambiguates joins).
  Column operator[](const std::string& name) const { return col(name); }
  Column col(const std::string& name) const;
  /// Keeps the result in memory after the first action computes it.
  DataFrame cache() const { return persist(StorageLevel::MEMORY_AND_DISK); }
  DataFrame persist(StorageLevel level = StorageLevel::MEMORY_AND_DISK) const;
  DataFrame unpersist() const;
  bool isCached() const;
  /// Writes this DataFrame to files: df.write().mode("overwrite").partitionBy({"year"}).parquet(path)
  /// (defined with DataFrameWriter in data_frame_writer.cc).
  DataFrameWriter write() const;
  void createOrReplaceTempView(const std::string& name) const;
  /// @throws AnalysisException TEMP_TABLE_OR_VIEW_ALREADY_EXISTS.
  void createTempView(const std::string& name) const;

  const LogicalPlanPtr& plan() const { return plan_; }
  const std::shared_ptr<SparkSession>& sparkSession() const { return session_; }

 private:
  DataFrame derive(LogicalPlanPtr plan) const { return DataFrame(session_, std::move(plan)); }
  class ExpressionResolver resolver() const;
  DataFrame setOperation(PlanKind kind, const DataFrame& other, bool all) const;

  std::shared_ptr<SparkSession> session_;
  LogicalPlanPtr plan_;
};

/// The result of groupBy(): aggregate it with agg() or a shortcut.
class GroupedData {
 public:
  GroupedData(DataFrame df, std::vector<ExprPtr> groupings) : df_(std::move(df)), groupings_(std::move(groupings)) {}
  /// Grouping sets: each a list of indices into `groupings` (CUBE/ROLLUP).
  GroupedData(DataFrame df, std::vector<ExprPtr> groupings, std::vector<std::vector<size_t>> sets)
      : df_(std::move(df)), groupings_(std::move(groupings)), sets_(std::move(sets)) {}

  /// One row per group: the grouping columns, then one column per expression.
  /// @throws AnalysisException MISSING_AGGREGATION when an expression uses a
  ///         column that is neither grouped nor aggregated.
  DataFrame agg(const std::vector<Column>& exprs) const;
  template <class... T>
  DataFrame agg(const Column& first, const T&... rest) const {
    return agg(std::vector<Column>{first, rest...});
  }
  /// Column "count" with the number of rows per group.
  DataFrame count() const;
  /// The grouping expressions (resolved).
  const std::vector<ExprPtr>& groupings() const { return groupings_; }
  /// Pivots `column`: agg() then yields one column per (value, aggregate),
  /// named `value` for a single aggregate and `value_alias` for several
  /// (Spark's pivot). Without `values`, the column's distinct non-NULL
  /// values are computed first, in sorted order. Combinations without rows
  /// are NULL.
  GroupedData pivot(const std::string& column, const std::vector<Value>& values = {}) const;
  DataFrame sum(const std::vector<std::string>& cols) const;
  DataFrame avg(const std::vector<std::string>& cols) const;
  DataFrame mean(const std::vector<std::string>& cols) const { return avg(cols); }
  DataFrame min(const std::vector<std::string>& cols) const;
  DataFrame max(const std::vector<std::string>& cols) const;

 private:
  DataFrame aggregateColumns(const std::string& fn, const std::vector<std::string>& cols) const;

  DataFrame df_;
  std::vector<ExprPtr> groupings_;
  std::vector<std::vector<size_t>> sets_;  // empty: a plain GROUP BY
  std::optional<std::string> pivot_column_;
  std::vector<Value> pivot_values_;
};

/// df.na: fill / drop / replace (pyspark DataFrameNaFunctions).
class DataFrameNaFunctions {
 public:
  explicit DataFrameNaFunctions(DataFrame df) : df_(std::move(df)) {}
  DataFrame fill(const Value& value, const std::vector<std::string>& subset = {}) const {
    return df_.fillna(value, subset);
  }
  DataFrame fill(const std::map<std::string, Value>& values) const { return df_.fillna(values); }
  DataFrame drop(const std::string& how = "any", std::optional<int> thresh = std::nullopt,
                 const std::vector<std::string>& subset = {}) const {
    return df_.dropna(how, thresh, subset);
  }

 private:
  DataFrame df_;
};

template <class... T>
GroupedData DataFrame::groupBy(const T&... cols) const {
  return groupBy(std::vector<Column>{Column(cols)...});
}
template <class... T>
GroupedData DataFrame::cube(const T&... cols) const {
  return cube(std::vector<Column>{Column(cols)...});
}
template <class... T>
GroupedData DataFrame::rollup(const T&... cols) const {
  return rollup(std::vector<Column>{Column(cols)...});
}

}  // namespace loch
