#pragma once
// Logical expressions: the trees that Column (DataFrame API) and the SQL
// binder build, that the analyzer resolves and types, and that the
// optimizer rewrites. Immutable; shared through ExprPtr.
//
// Before analysis a tree may hold UnresolvedColumn, UnresolvedFunction and
// Star nodes. After analysis every node has type() and nullable() set, column
// references are Attributes (identified by a unique id, as Spark's
// AttributeReference/ExprId), and function calls carry their bound
// implementation. Operators (+, =, AND, ...) are function calls under their
// Spark function names ("+", "=", "and", ...), so one registry serves both.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "loch/types/data_type.h"
#include "loch/types/value.h"

namespace loch {

class Expr;
using ExprPtr = std::shared_ptr<const Expr>;
struct BoundScalarFunction;
struct BoundAggregateFunction;
struct BoundWindowFunction;
class LogicalPlan;
using LogicalPlanPtr = std::shared_ptr<const LogicalPlan>;

enum class ExprKind : uint8_t {
  Literal,             // literal()
  UnresolvedColumn,    // nameParts(): ["t", "user_id"] or ["user_id"]
  Star,                // nameParts(): qualifier (empty for *)
  Attribute,           // resolved column: attributeId(), name(), qualifier()
  Alias,               // child(0) AS name()
  UnresolvedFunction,  // name() + children(); distinct(), filter, ignoreNulls()
  ScalarFunction,      // resolved: scalarFunction()
  AggregateFunction,   // resolved: aggregateFunction(); distinct(); filter()
  WindowFunction,      // resolved ranking/offset function (row_number, lag, ...): windowFunction()
  Cast,                // child(0) as type(); isTry() for try_cast
  CaseWhen,            // children: cond1, val1, cond2, val2, ..., [else]
  SortOrder,           // child(0), ascending(), nullsFirst()
  Window,              // child(0) = function; window() spec
  ScalarSubquery,      // subquery()
  Exists,              // subquery()
  InSubquery,          // child(0) IN subquery()
  Lambda,              // children: body; nameParts(): parameter names
  LambdaVariable,      // name()
};

/// Frame boundary of a window frame (Spark's SpecifiedWindowFrame).
struct FrameBound {
  enum class Kind : uint8_t { UnboundedPreceding, Preceding, CurrentRow, Following, UnboundedFollowing };
  Kind kind = Kind::CurrentRow;
  Value offset;  // for Preceding/Following: a number or an interval
};

struct WindowFrame {
  enum class Type : uint8_t { Rows, Range };
  Type type = Type::Range;
  FrameBound start{FrameBound::Kind::UnboundedPreceding, {}};
  FrameBound end{FrameBound::Kind::CurrentRow, {}};
};

/// PARTITION BY / ORDER BY / frame of an OVER clause. `frame` absent means
/// Spark's default (RANGE UNBOUNDED PRECEDING..CURRENT ROW with ORDER BY,
/// the whole partition without).
struct WindowDefinition {
  std::vector<ExprPtr> partition_by;
  std::vector<ExprPtr> order_by;  // SortOrder expressions
  std::optional<WindowFrame> frame;
};

class Expr {
 public:
  ExprKind kind() const { return kind_; }
  const std::vector<ExprPtr>& children() const { return children_; }
  const ExprPtr& child(size_t i) const { return children_[i]; }

  /// Column/alias/function name.
  const std::string& name() const { return name_; }
  const std::vector<std::string>& nameParts() const { return name_parts_; }
  const Value& literal() const { return literal_; }
  /// Result type (resolved trees) or the target of a Cast.
  const DataTypePtr& type() const { return type_; }
  bool nullable() const { return nullable_; }
  bool resolved() const { return type_ != nullptr && kind_ != ExprKind::UnresolvedColumn &&
                                 kind_ != ExprKind::UnresolvedFunction && kind_ != ExprKind::Star; }

  int64_t attributeId() const { return attribute_id_; }
  /// Table alias an Attribute came from ("e" in e.user_id), possibly empty.
  const std::string& qualifier() const { return qualifier_; }

  bool distinct() const { return distinct_; }
  bool ignoreNulls() const { return ignore_nulls_; }
  bool isTry() const { return try_; }
  bool ascending() const { return ascending_; }
  bool nullsFirst() const { return nulls_first_; }
  /// FILTER (WHERE ..) of an aggregate, or null.
  const ExprPtr& filter() const { return filter_; }
  const std::shared_ptr<const WindowDefinition>& window() const { return window_; }
  const LogicalPlanPtr& subquery() const { return subquery_; }
  const std::shared_ptr<const BoundScalarFunction>& scalarFunction() const { return scalar_; }
  const std::shared_ptr<const BoundAggregateFunction>& aggregateFunction() const { return aggregate_; }
  const std::shared_ptr<const BoundWindowFunction>& windowFunction() const { return window_fn_; }

  /// SQL-like text; Spark uses it to name unaliased result columns:
  /// "(a + 1)", "count(1)", "sum(value)", "CAST(x AS BIGINT)".
  std::string toString() const;
  /// The column name Spark gives this expression in a projection (alias
  /// name, attribute name, or toString()).
  std::string outputName() const;

  // ---- construction -----------------------------------------------------
  static ExprPtr literal(Value v);
  static ExprPtr column(std::vector<std::string> name_parts);
  static ExprPtr star(std::vector<std::string> qualifier = {});
  static ExprPtr attribute(int64_t id, std::string name, DataTypePtr type, bool nullable,
                           std::string qualifier = "");
  static ExprPtr alias(ExprPtr child, std::string name);
  static ExprPtr function(std::string name, std::vector<ExprPtr> args, bool distinct = false);
  static ExprPtr cast(ExprPtr child, DataTypePtr to, bool is_try = false);
  static ExprPtr caseWhen(std::vector<ExprPtr> children);
  static ExprPtr sortOrder(ExprPtr child, bool ascending, bool nulls_first);
  static ExprPtr windowOf(ExprPtr function, WindowDefinition spec);
  static ExprPtr subqueryExpr(ExprKind kind, LogicalPlanPtr plan, std::vector<ExprPtr> children = {});

  /// A fresh id for a new Attribute (process-wide, thread-safe).
  static int64_t newAttributeId();

  /// Copy of this node with other children / extra settings (builders for
  /// the analyzer and optimizer).
  ExprPtr withChildren(std::vector<ExprPtr> children) const;
  ExprPtr withType(DataTypePtr type, bool nullable) const;
  ExprPtr withFilter(ExprPtr filter) const;
  ExprPtr withIgnoreNulls(bool ignore) const;
  ExprPtr withQualifier(std::string qualifier) const;
  ExprPtr withName(std::string name) const;
  ExprPtr withScalarFunction(std::shared_ptr<const BoundScalarFunction> f) const;
  ExprPtr withAggregateFunction(std::shared_ptr<const BoundAggregateFunction> f) const;
  ExprPtr withWindowFunction(std::shared_ptr<const BoundWindowFunction> f, DataTypePtr type, bool nullable) const;
  /// A Window expression with another specification (resolution, frames).
  ExprPtr withWindowDefinition(WindowDefinition spec) const;

  explicit Expr(ExprKind kind) : kind_(kind) {}

 private:
  ExprKind kind_;
  std::vector<ExprPtr> children_;
  std::string name_;
  std::vector<std::string> name_parts_;
  Value literal_;
  DataTypePtr type_;
  bool nullable_ = true;
  int64_t attribute_id_ = -1;
  std::string qualifier_;
  bool distinct_ = false;
  bool ignore_nulls_ = false;
  bool try_ = false;
  bool ascending_ = true;
  bool nulls_first_ = true;
  ExprPtr filter_;
  std::shared_ptr<const WindowDefinition> window_;
  LogicalPlanPtr subquery_;
  std::shared_ptr<const BoundScalarFunction> scalar_;
  std::shared_ptr<const BoundAggregateFunction> aggregate_;
  std::shared_ptr<const BoundWindowFunction> window_fn_;
};

/// Visits `e` and all descendants (pre-order).
void visitExpr(const ExprPtr& e, const std::function<void(const ExprPtr&)>& fn);
/// Bottom-up rewrite: fn is applied to each node after its children were
/// rewritten; returning nullptr keeps the node.
ExprPtr transformExpr(const ExprPtr& e, const std::function<ExprPtr(const ExprPtr&)>& fn);
/// True when the tree contains an aggregate function call (not under a Window).
bool containsAggregate(const ExprPtr& e);
/// True when the tree contains a Window expression.
bool containsWindow(const ExprPtr& e);
/// Structural equality (same kinds, names, literals, attribute ids, children).
bool exprEquals(const ExprPtr& a, const ExprPtr& b);

}  // namespace loch
