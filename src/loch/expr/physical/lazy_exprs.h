#pragma once
// Physical expressions that evaluate some children only on the rows that
// need them, as Spark does: the right side of AND (OR) only where the left
// is not false (not true), IF/CASE branches only on the rows that take them,
// COALESCE arguments only where all earlier ones are NULL. Errors a branch
// would raise on other rows (division by zero, bad casts under ANSI) are
// thus never raised. When the compiler knows that no child can raise
// (`eager`), children are evaluated on whole batches instead, which is
// cheaper than building row subsets.

#include <vector>

#include "loch/expr/physical_expr.h"

namespace loch {

/// a AND b / a OR b with SQL three-valued logic.
class AndOrExpr : public PhysicalExpr {
 public:
  AndOrExpr(bool is_and, PhysicalExprPtr left, PhysicalExprPtr right, bool eager = false)
      : PhysicalExpr(BooleanType()), is_and_(is_and), eager_(eager), left_(std::move(left)), right_(std::move(right)) {}
  VectorPtr evaluate(const RecordBatch& batch, EvalContext& ctx) const override;
  std::string toString() const override;

 private:
  bool is_and_;
  bool eager_;
  PhysicalExprPtr left_, right_;
};

/// CASE WHEN c1 THEN v1 ... [ELSE e] END; IF(c, a, b) is CASE WHEN c THEN a
/// ELSE b END. A NULL condition counts as false.
class CaseWhenExpr : public PhysicalExpr {
 public:
  CaseWhenExpr(DataTypePtr type, std::vector<PhysicalExprPtr> conditions, std::vector<PhysicalExprPtr> values,
               PhysicalExprPtr otherwise, std::string label = "CASE", bool eager = false)
      : PhysicalExpr(std::move(type)), conditions_(std::move(conditions)), values_(std::move(values)),
        else_(std::move(otherwise)), label_(std::move(label)), eager_(eager) {}
  VectorPtr evaluate(const RecordBatch& batch, EvalContext& ctx) const override;
  std::string toString() const override;

 private:
  std::vector<PhysicalExprPtr> conditions_;
  std::vector<PhysicalExprPtr> values_;
  VectorPtr evaluateEager(const RecordBatch& batch, EvalContext& ctx) const;

  PhysicalExprPtr else_;  // may be null: NULL
  std::string label_;
  bool eager_;
};

/// COALESCE(a, b, ...) (also nvl, ifnull).
class CoalesceExpr : public PhysicalExpr {
 public:
  CoalesceExpr(DataTypePtr type, std::vector<PhysicalExprPtr> args, bool eager = false)
      : PhysicalExpr(std::move(type)), args_(std::move(args)), eager_(eager) {}
  VectorPtr evaluate(const RecordBatch& batch, EvalContext& ctx) const override;
  std::string toString() const override;

 private:
  std::vector<PhysicalExprPtr> args_;
  bool eager_;
};

}  // namespace loch
