#pragma once
// Logical plans: what a query computes, independent of how. Built by the
// DataFrame API and the SQL binder, always resolved (every expression typed,
// every column an Attribute with a unique id, as in Spark's analyzed plans),
// rewritten by optimizer rules, and turned into physical operators by the
// physical planner.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "loch/exec/join/join_type.h"
#include "loch/io/data_source.h"
#include "loch/expr/expression.h"
#include "loch/types/schema.h"
#include "loch/vector/record_batch.h"

namespace loch {

enum class PlanKind : uint8_t {
  LocalRelation,  // in-memory batches (createDataFrame, cached tables)
  DataSourceScan,  // a table in files (io/data_source.h)
  Project,
  Filter,
  Aggregate,
  Join,
  Sort,
  Limit,
  Distinct,
  Deduplicate,  // dropDuplicates(subset)
  Union,
  Intersect,
  Except,
  Sample,
  SubqueryAlias,
  Repartition,
  Window,  // window expressions over one PARTITION BY / ORDER BY (Spark's Window)
  Hint,  // join strategy hint on a subtree (Spark's ResolvedHint): broadcast
  Generate,  // explode / posexplode / inline over each row (Spark's Generate)
};

/// Generator functions (Spark's Generator expressions): explode and
/// posexplode take an array (one row per element, column `col`) or a map
/// (columns `key`, `value`); posexplode adds a 0-based int `pos` first;
/// inline takes an array<struct> (one column per struct field).
enum class GeneratorKind : uint8_t { Explode, PosExplode, Inline };

/// The generator named `name` (case-insensitive: explode, explode_outer,
/// posexplode, posexplode_outer, inline, inline_outer) and whether it is an
/// _outer form; nullopt for other names.
std::optional<std::pair<GeneratorKind, bool>> generatorByName(const std::string& name);

/// Output fields (default names, types, nullability) of generator `kind`
/// over input type `input`; `outer` makes every field nullable.
/// @throws AnalysisException DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE when
///   the input is not an array (map for explode/posexplode; array<struct>
///   for inline), naming `sql` (the call as written).
std::vector<StructField> generatorFields(GeneratorKind kind, const DataTypePtr& input, bool outer,
                                         const std::string& sql);

/// Spark's join type strings: "inner", "left"/"leftouter"/"left_outer",
/// "right"..., "full"/"outer"/"fullouter"/"full_outer", "semi"/"leftsemi"/
/// "left_semi", "anti"/"leftanti"/"left_anti", "cross".
/// @throws AnalysisException UNSUPPORTED_JOIN_TYPE for anything else.
JoinType parseJoinType(const std::string& how);

struct InMemoryTable {
  SchemaPtr schema;
  std::vector<RecordBatchPtr> batches;
  int64_t numRows() const;
  int64_t memoryBytes() const;
};

class LogicalPlan;
using LogicalPlanPtr = std::shared_ptr<const LogicalPlan>;

class LogicalPlan {
 public:
  PlanKind kind() const { return kind_; }
  const std::vector<LogicalPlanPtr>& children() const { return children_; }
  const LogicalPlanPtr& child(size_t i = 0) const { return children_[i]; }
  /// Output columns as Attribute expressions, in order.
  const std::vector<ExprPtr>& output() const { return output_; }
  /// The output as a schema (names, types, nullability).
  SchemaPtr schema() const;

  // Payload, by kind.
  /// Project: named expressions (Attribute or Alias). Aggregate: the output
  /// expressions (may use grouping expressions and aggregate calls).
  const std::vector<ExprPtr>& expressions() const { return expressions_; }
  /// Aggregate: grouping expressions. Deduplicate: key attributes.
  /// Repartition: partitioning expressions.
  const std::vector<ExprPtr>& groupings() const { return groupings_; }
  /// Filter predicate; Join condition (may be null).
  const ExprPtr& condition() const { return condition_; }
  /// Sort: SortOrder expressions.
  const std::vector<ExprPtr>& orders() const { return expressions_; }
  JoinType joinType() const { return join_type_; }
  /// Join: the side hinted for broadcast ("left"/"right"/"").
  const std::string& broadcastHint() const { return hint_; }
  int64_t limit() const { return limit_; }
  int64_t offset() const { return offset_; }
  /// Union/Intersect/Except: ALL (keep duplicates).
  bool all() const { return all_; }
  double fraction() const { return fraction_; }
  int64_t seed() const { return seed_; }
  bool withReplacement() const { return with_replacement_; }
  /// SubqueryAlias name.
  const std::string& alias() const { return hint_; }
  int64_t numPartitions() const { return limit_; }
  const std::shared_ptr<const InMemoryTable>& table() const { return table_; }
  const DataSourcePtr& dataSource() const { return source_; }
  /// DataSourceScan: fields of the source read, one per output column.
  const std::vector<int>& scanColumns() const { return scan_columns_; }
  /// DataSourceScan: predicates pushed into the scan (a pruning hint).
  const std::vector<ColumnPredicate>& pushedPredicates() const { return predicates_; }

  /// Tree text for EXPLAIN: one node per line, children indented ("+- ").
  std::string treeString() const;
  /// One-line description of this node ("Filter (value > 10)").
  std::string nodeString() const;

  // ---- construction (callers pass resolved expressions) -----------------
  static LogicalPlanPtr localRelation(std::shared_ptr<const InMemoryTable> table,
                                      std::vector<ExprPtr> output = {});
  /// A scan of `source`, all its columns (the optimizer prunes them).
  static LogicalPlanPtr dataSourceScan(DataSourcePtr source);
  /// This scan reading only `columns` (indices into scanColumns()); the
  /// kept output attributes keep their ids.
  LogicalPlanPtr withScanColumnsSubset(const std::vector<int>& positions) const;
  LogicalPlanPtr withPushedPredicates(std::vector<ColumnPredicate> predicates) const;
  static LogicalPlanPtr project(LogicalPlanPtr child, std::vector<ExprPtr> named_exprs);
  static LogicalPlanPtr filter(LogicalPlanPtr child, ExprPtr condition);
  static LogicalPlanPtr aggregate(LogicalPlanPtr child, std::vector<ExprPtr> groupings,
                                  std::vector<ExprPtr> outputs);
  static LogicalPlanPtr join(LogicalPlanPtr left, LogicalPlanPtr right, JoinType type, ExprPtr condition,
                             std::string broadcast_hint = "");
  static LogicalPlanPtr sort(LogicalPlanPtr child, std::vector<ExprPtr> orders);
  static LogicalPlanPtr limitOf(LogicalPlanPtr child, int64_t limit, int64_t offset = 0);
  static LogicalPlanPtr distinct(LogicalPlanPtr child);
  static LogicalPlanPtr deduplicate(LogicalPlanPtr child, std::vector<ExprPtr> keys);
  static LogicalPlanPtr setOperation(PlanKind kind, LogicalPlanPtr left, LogicalPlanPtr right, bool all);
  static LogicalPlanPtr sample(LogicalPlanPtr child, double fraction, int64_t seed, bool with_replacement);
  static LogicalPlanPtr subqueryAlias(LogicalPlanPtr child, std::string alias);
  /// Spark's Window node: output = child columns, then one column per
  /// window expression. `window_exprs` are Aliases of Window expressions
  /// that all share `partition_by` and `order_by` (SortOrder expressions).
  static LogicalPlanPtr window(LogicalPlanPtr child, std::vector<ExprPtr> window_exprs,
                               std::vector<ExprPtr> partition_by, std::vector<ExprPtr> order_by);
  /// Window: ORDER BY of the shared specification.
  const std::vector<ExprPtr>& windowOrders() const { return window_orders_; }
  /// Marks `child` with a join hint ("broadcast").
  static LogicalPlanPtr hint(LogicalPlanPtr child, std::string name);
  /// Spark's Generate: output = `kept` (child attributes) followed by
  /// `generator_output` (fresh attributes, see generatorFields). `input` is
  /// the resolved array/map expression over the child. Rows whose input is
  /// NULL or empty produce nothing, or one row of NULL generator columns
  /// when `outer`.
  static LogicalPlanPtr generate(LogicalPlanPtr child, GeneratorKind kind, ExprPtr input, bool outer,
                                 std::vector<ExprPtr> kept, std::vector<ExprPtr> generator_output);
  /// Generate: the array/map expression, the generator, the outer flag, the
  /// kept child attributes and the generator's output attributes.
  const ExprPtr& generatorInput() const { return generator_input_; }
  GeneratorKind generatorKind() const { return generator_kind_; }
  bool generatorOuter() const { return all_; }
  const std::vector<ExprPtr>& keptColumns() const { return groupings_; }
  const std::vector<ExprPtr>& generatorOutput() const { return expressions_; }
  /// Generate keeping only `kept` child attributes (column pruning).
  LogicalPlanPtr withKeptColumns(std::vector<ExprPtr> kept) const;
  static LogicalPlanPtr repartition(LogicalPlanPtr child, int64_t partitions, std::vector<ExprPtr> exprs);

  /// Same node with other children (optimizer rules); output recomputed
  /// where it depends on children.
  LogicalPlanPtr withChildren(std::vector<LogicalPlanPtr> children) const;
  LogicalPlanPtr withCondition(ExprPtr condition) const;
  LogicalPlanPtr withExpressions(std::vector<ExprPtr> exprs) const;
  LogicalPlanPtr withBroadcastHint(std::string side) const;

  explicit LogicalPlan(PlanKind kind) : kind_(kind) {}

 private:
  void computeOutput();

  PlanKind kind_;
  std::vector<LogicalPlanPtr> children_;
  std::vector<ExprPtr> output_;
  std::vector<ExprPtr> expressions_;
  std::vector<ExprPtr> groupings_;
  ExprPtr condition_;
  JoinType join_type_ = JoinType::Inner;
  std::string hint_;
  int64_t limit_ = -1;
  int64_t offset_ = 0;
  bool all_ = false;
  double fraction_ = 1.0;
  int64_t seed_ = 0;
  bool with_replacement_ = false;
  std::shared_ptr<const InMemoryTable> table_;
  DataSourcePtr source_;
  std::vector<int> scan_columns_;
  std::vector<ExprPtr> window_orders_;
  std::vector<ColumnPredicate> predicates_;
  ExprPtr generator_input_;
  GeneratorKind generator_kind_ = GeneratorKind::Explode;
};

/// The Attribute that refers to the output of named expression `e` (an
/// Attribute stays itself; an Alias becomes an Attribute with its id).
ExprPtr toAttribute(const ExprPtr& e);

}  // namespace loch
