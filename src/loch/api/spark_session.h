#pragma once
// SparkSession: the entry point (pyspark.sql.SparkSession). Holds the
// configuration, the worker threads, the memory limit, temporary views and
// cached tables, and runs queries.
//
//   auto spark = SparkSession::builder().appName("events").config("loch.threads", "2").getOrCreate();
//   auto df = spark->createDataFrame(rows, schema);

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "loch/api/data_frame.h"
#include "loch/api/data_frame_reader.h"
#include "loch/api/session_catalog.h"
#include "loch/common/config.h"
#include "loch/common/memory_tracker.h"
#include "loch/common/thread_pool.h"
#include "loch/exec/physical_operator.h"

namespace loch {

class SparkSession : public std::enable_shared_from_this<SparkSession> {
 public:
  class Builder {
   public:
    Builder& appName(const std::string& name);
    /// Accepted for compatibility ("local[*]"); Loch runs in-process.
    Builder& master(const std::string& master);
    Builder& config(const std::string& key, const std::string& value);
    /// The active session (with these settings applied) or a new one.
    std::shared_ptr<SparkSession> getOrCreate();

   private:
    std::map<std::string, std::string> options_;
  };

  static Builder builder() { return Builder(); }
  /// The session getOrCreate() returns, if any.
  static std::shared_ptr<SparkSession> active();

  explicit SparkSession(RuntimeConfig conf);
  /// A session with its own configuration, views and cache.
  std::shared_ptr<SparkSession> newSession() const;

  RuntimeConfig& conf() { return conf_; }
  const RuntimeConfig& conf() const { return conf_; }

  /// A DataFrame from rows of Values; each value is converted to its field's
  /// type (ints widen, strings stay strings).
  /// @throws InvalidArgumentException when a row's length or a value's type
  ///         does not fit the schema, naming the row and field.
  DataFrame createDataFrame(const std::vector<std::vector<Value>>& rows, const SchemaPtr& schema);
  /// Schema as a DDL string: "user_id BIGINT, name STRING".
  DataFrame createDataFrame(const std::vector<std::vector<Value>>& rows, const std::string& ddl);
  /// A DataFrame over existing batches (no copy).
  DataFrame createDataFrame(std::vector<RecordBatchPtr> batches, const SchemaPtr& schema);
  /// One bigint column "id" with start, start+step, ... < end.
  DataFrame range(int64_t start, int64_t end, int64_t step = 1);
  DataFrame range(int64_t end) { return range(0, end); }
  /// Reads files: spark->read().option("header", "true").csv(path)
  /// (defined with DataFrameReader in data_frame_reader.cc).
  DataFrameReader read();
  /// A temporary view by name. @throws AnalysisException TABLE_OR_VIEW_NOT_FOUND.
  DataFrame table(const std::string& name);
  /// Runs one Spark SQL statement (api/spark_sql.cc): a query's result, or
  /// Spark's result rows for SET / SHOW TABLES / DESCRIBE / EXPLAIN, or an
  /// empty DataFrame for CREATE VIEW / DROP / CACHE.
  /// @throws ParseException (syntax) or AnalysisException (binding).
  DataFrame sql(const std::string& query);

  // ---- catalog ------------------------------------------------------------------
  void registerTempView(const std::string& name, LogicalPlanPtr plan, bool replace);
  bool dropTempView(const std::string& name);
  std::vector<std::string> tempViewNames() const;
  /// The tables made by CREATE TABLE in this session (api/session_catalog.h).
  SessionCatalog& catalog() { return catalog_; }

  // ---- execution (used by DataFrame) ---------------------------------------------
  /// Runs a plan and returns its batches in order.
  std::vector<RecordBatchPtr> execute(const LogicalPlanPtr& plan);
  /// The physical operator tree for `plan` (after optimisation).
  std::shared_ptr<PhysicalOperator> physicalPlan(const LogicalPlanPtr& plan);
  /// The optimised logical plan (cached subplans substituted).
  LogicalPlanPtr optimizedPlan(const LogicalPlanPtr& plan);
  void cachePlan(const LogicalPlanPtr& plan);
  void uncachePlan(const LogicalPlanPtr& plan);
  bool isCachedPlan(const LogicalPlanPtr& plan) const;
  /// Analyzer settings from the configuration.
  bool caseSensitive() const { return conf_.caseSensitive(); }
  bool ansi() const { return conf_.ansiEnabled(); }
  const std::shared_ptr<MemoryTracker>& memoryTracker() const { return memory_; }

  void stop();

 private:
  ExecContext makeExecContext();
  LogicalPlanPtr substituteCached(const LogicalPlanPtr& plan);

  RuntimeConfig conf_;
  std::shared_ptr<MemoryTracker> memory_;
  std::unique_ptr<ThreadPool> pool_;
  std::map<std::string, LogicalPlanPtr> views_;  // lower-case name → plan
  SessionCatalog catalog_{*this};
  struct CacheEntry {
    LogicalPlanPtr plan;
    std::shared_ptr<const InMemoryTable> data;  // null until first computed
    std::unique_ptr<MemoryReservation> reservation;
  };
  std::map<const LogicalPlan*, CacheEntry> cache_;
  std::set<const LogicalPlan*> computing_;  // cached plans being computed now
  mutable std::recursive_mutex mutex_;
};

/// Parses "a INT, b STRING" (or "struct<a:int,...>") into a schema.
/// @throws AnalysisException on a malformed string.
SchemaPtr parseSchemaDDL(const std::string& ddl);

}  // namespace loch
