#include "loch/expr/physical/basic_exprs.h"

#include "loch/common/exception.h"
#include "loch/function/operators/cast.h"

namespace loch {

VectorPtr ColumnExpr::evaluate(const RecordBatch& batch, EvalContext&) const {
  if (index_ >= batch.numColumns()) throw InternalException("column " + toString() + " is not in the input batch");
  return batch.column(index_);
}

std::string ColumnExpr::toString() const { return name_ + "#" + std::to_string(index_); }

VectorPtr LiteralExpr::evaluate(const RecordBatch& batch, EvalContext&) const {
  return Vector::makeConstant(value_, batch.numRows());
}

std::string LiteralExpr::toString() const { return value_.toString(); }

VectorPtr ScalarFunctionExpr::evaluate(const RecordBatch& batch, EvalContext& ctx) const {
  std::vector<VectorPtr> args;
  args.reserve(args_.size());
  for (const auto& a : args_) args.push_back(a->evaluate(batch, ctx));
  VectorPtr out = fn_->kernel(args, batch.numRows(), ctx);
  if (!out || out->size() != batch.numRows()) {
    throw InternalException("function " + fn_->name + " returned " + (out ? std::to_string(out->size()) : "no") +
                            " rows for " + std::to_string(batch.numRows()));
  }
  return out;
}

std::string ScalarFunctionExpr::toString() const {
  std::string s = fn_->name + "(";
  for (size_t i = 0; i < args_.size(); ++i) s += (i ? ", " : "") + args_[i]->toString();
  return s + ")";
}

VectorPtr CastExpr::evaluate(const RecordBatch& batch, EvalContext& ctx) const {
  return castVector(*child_->evaluate(batch, ctx), type(), ctx, try_);
}

std::string CastExpr::toString() const {
  return std::string(try_ ? "try_cast(" : "cast(") + child_->toString() + " as " + type()->simpleString() + ")";
}

}  // namespace loch
