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

ScalarFunctionExpr::ScalarFunctionExpr(std::shared_ptr<const BoundScalarFunction> fn,
                                       std::vector<PhysicalExprPtr> args)
    : PhysicalExpr(fn->return_type), fn_(std::move(fn)), args_(std::move(args)) {
  for (const auto& a : args_) literal_arg_.push_back(dynamic_cast<const LiteralExpr*>(a.get()) != nullptr);
}

VectorPtr ScalarFunctionExpr::evaluateOnDictionary(const std::vector<VectorPtr>& args, int64_t rows,
                                                   EvalContext& ctx) const {
  if (!fn_->deterministic) return nullptr;
  int dict_arg = -1;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i]->isConstant()) continue;
    // NULL rows outside the dictionary would need f(NULL), which may not be NULL.
    if (!args[i]->isDictionary() || args[i]->validity() || dict_arg >= 0) return nullptr;
    dict_arg = static_cast<int>(i);
  }
  if (dict_arg < 0) return nullptr;
  const VectorPtr& dict = args[static_cast<size_t>(dict_arg)]->dictionary();
  auto wrap = [&](const VectorPtr& result) {
    return Vector::makeDictionary(result, args[static_cast<size_t>(dict_arg)]->valuesBuffer(), rows);
  };
  // Cached results depend on the other arguments too: only literals qualify.
  bool cacheable = true;
  for (size_t i = 0; i < args.size(); ++i) {
    if (static_cast<int>(i) != dict_arg && !literal_arg_[i]) cacheable = false;
  }
  if (cacheable) {
    std::lock_guard lock(cache_mutex_);
    for (const auto& slot : cache_) {
      if (slot.result && slot.dictionary.lock() == dict) return wrap(slot.result);
    }
  }
  // Unreferenced entries cost work: only worth it for small dictionaries
  // unless the result is kept for the following batches.
  if (!cacheable && dict->size() > rows) return nullptr;
  std::vector<VectorPtr> dict_args;
  for (size_t i = 0; i < args.size(); ++i) {
    if (static_cast<int>(i) == dict_arg) {
      dict_args.push_back(dict);
    } else {
      dict_args.push_back(Vector::makeConstant(args[i]->getValue(0), dict->size()));
    }
  }
  VectorPtr result;
  try {
    result = fn_->kernel(dict_args, dict->size(), ctx);
  } catch (const LochException&) {
    // An entry no row uses may fail (ANSI cast, ...): evaluate per row.
    return nullptr;
  }
  if (!result || result->size() != dict->size()) return nullptr;
  if (!result->isFlat()) result = result->flatten();
  if (cacheable) {
    std::lock_guard lock(cache_mutex_);
    cache_[cache_next_] = {dict, result};
    cache_next_ = (cache_next_ + 1) % cache_.size();
  }
  return wrap(result);
}

VectorPtr ScalarFunctionExpr::evaluate(const RecordBatch& batch, EvalContext& ctx) const {
  std::vector<VectorPtr> args;
  args.reserve(args_.size());
  for (const auto& a : args_) args.push_back(a->evaluate(batch, ctx));
  VectorPtr out = evaluateOnDictionary(args, batch.numRows(), ctx);
  if (!out) out = fn_->kernel(args, batch.numRows(), ctx);
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
