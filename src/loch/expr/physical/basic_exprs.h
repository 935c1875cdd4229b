#pragma once

#include <array>
#include <mutex>
// The eager physical expressions: input columns, literals, function calls
// and casts.

#include <vector>

#include "loch/expr/physical_expr.h"
#include "loch/function/scalar_function.h"

namespace loch {

/// Column `index` of the input batch.
class ColumnExpr : public PhysicalExpr {
 public:
  ColumnExpr(int index, DataTypePtr type, std::string name)
      : PhysicalExpr(std::move(type)), index_(index), name_(std::move(name)) {}
  VectorPtr evaluate(const RecordBatch& batch, EvalContext& ctx) const override;
  std::string toString() const override;
  int index() const { return index_; }

 private:
  int index_;
  std::string name_;
};

/// A constant: a Constant-encoded vector of the batch's row count.
class LiteralExpr : public PhysicalExpr {
 public:
  explicit LiteralExpr(Value value) : PhysicalExpr(value.type()), value_(std::move(value)) {}
  VectorPtr evaluate(const RecordBatch& batch, EvalContext& ctx) const override;
  std::string toString() const override;
  const Value& value() const { return value_; }

 private:
  Value value_;
};

/// A scalar function: evaluates every argument on all rows, then the kernel.
/// A deterministic function whose only non-constant argument is a
/// dictionary vector (strings from Parquet dictionary pages) runs on the
/// distinct values and keeps the input's indices (Velox's "peeling" of
/// dictionary encodings); results for a dictionary are cached while it is
/// alive when the other arguments are literals.
class ScalarFunctionExpr : public PhysicalExpr {
 public:
  ScalarFunctionExpr(std::shared_ptr<const BoundScalarFunction> fn, std::vector<PhysicalExprPtr> args);
  VectorPtr evaluate(const RecordBatch& batch, EvalContext& ctx) const override;
  std::string toString() const override;

 private:
  VectorPtr evaluateOnDictionary(const std::vector<VectorPtr>& args, int64_t rows, EvalContext& ctx) const;

  struct DictionaryResult {
    std::weak_ptr<const Vector> dictionary;
    VectorPtr result;
  };

  std::shared_ptr<const BoundScalarFunction> fn_;
  std::vector<PhysicalExprPtr> args_;
  std::vector<bool> literal_arg_;  ///< argument i is a literal
  mutable std::mutex cache_mutex_;
  mutable std::array<DictionaryResult, 4> cache_;
  mutable size_t cache_next_ = 0;
};

/// CAST / TRY_CAST of the child.
class CastExpr : public PhysicalExpr {
 public:
  CastExpr(PhysicalExprPtr child, DataTypePtr to, bool is_try)
      : PhysicalExpr(std::move(to)), child_(std::move(child)), try_(is_try) {}
  VectorPtr evaluate(const RecordBatch& batch, EvalContext& ctx) const override;
  std::string toString() const override;

 private:
  PhysicalExprPtr child_;
  bool try_;
};

}  // namespace loch
