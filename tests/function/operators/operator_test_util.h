#pragma once
// Helpers for operator tests: bind a function call on column inputs the way
// the analyzer does, compile it, and evaluate it on a batch.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "loch/common/exception.h"
#include "loch/expr/physical_expr.h"
#include "loch/function/eval_context.h"
#include "loch/function/function_binder.h"
#include "loch/types/datetime.h"
#include "loch/vector/record_batch.h"

namespace loch::testing {

inline Value I(int32_t v) { return Value::integer(v); }
inline Value L(int64_t v) { return Value::longValue(v); }
inline Value D(double v) { return Value::doubleValue(v); }
inline Value B(bool v) { return Value::boolean(v); }
inline Value S(std::string v) { return Value::string(std::move(v)); }
inline Value Null(DataTypePtr t) { return Value::null(std::move(t)); }

/// Evaluates expressions over a batch built from column vectors.
class ExprHarness {
 public:
  explicit ExprHarness(bool ansi = true) : ctx_(EvalContext::defaults()) { setAnsi(ansi); }

  void setAnsi(bool ansi) {
    ctx_.ansi = ansi;
    options_.ansi = ansi;
  }
  EvalContext& ctx() { return ctx_; }
  const FunctionBindOptions& options() const { return options_; }

  /// Sets the input columns; returns their attribute expressions.
  std::vector<ExprPtr> setInput(std::vector<VectorPtr> columns) {
    columns_ = std::move(columns);
    attrs_.clear();
    ids_.clear();
    std::vector<StructField> fields;
    for (size_t i = 0; i < columns_.size(); ++i) {
      int64_t id = Expr::newAttributeId();
      std::string name = "c" + std::to_string(i);
      attrs_.push_back(Expr::attribute(id, name, columns_[i]->type(), true));
      ids_.push_back(id);
      fields.emplace_back(name, columns_[i]->type(), true);
    }
    rows_ = columns_.empty() ? 1 : columns_[0]->size();
    schema_ = StructType(fields);
    return attrs_;
  }
  const ExprPtr& col(size_t i) const { return attrs_[i]; }

  ExprPtr call(const std::string& name, std::vector<ExprPtr> args) {
    return bindFunctionCall(name, std::move(args), false, options_);
  }

  VectorPtr eval(const ExprPtr& e) {
    auto p = compileExpr(e, ids_);
    RecordBatch batch(schema_, columns_, rows_);
    auto v = p->evaluate(batch, ctx_);
    EXPECT_EQ(v->size(), rows_);
    return v;
  }

  /// name(columns...) evaluated on `columns`.
  VectorPtr apply(const std::string& name, std::vector<VectorPtr> columns) {
    auto attrs = setInput(std::move(columns));
    return eval(call(name, attrs));
  }

 private:
  EvalContext ctx_;
  FunctionBindOptions options_;
  std::vector<VectorPtr> columns_;
  std::vector<ExprPtr> attrs_;
  std::vector<int64_t> ids_;
  SchemaPtr schema_ = StructType({});
  int64_t rows_ = 0;
};

inline VectorPtr vec(DataTypePtr t, std::vector<Value> values) { return Vector::fromValues(std::move(t), values); }

/// Same rows in the same order (Value equality: NULL == NULL, NaN == NaN).
inline void expectValues(const VectorPtr& v, const std::vector<Value>& expected) {
  ASSERT_EQ(v->size(), static_cast<int64_t>(expected.size()));
  for (size_t i = 0; i < expected.size(); ++i) {
    Value got = v->getValue(static_cast<int64_t>(i));
    EXPECT_TRUE(got == expected[i]) << "row " << i << ": got " << got.toString() << " (" << got.type()->sql()
                                    << "), expected " << expected[i].toString() << " ("
                                    << expected[i].type()->sql() << ")";
  }
}

/// A dictionary vector over `base` with the given indices.
inline VectorPtr dictionaryOf(const VectorPtr& base, const std::vector<int32_t>& indices) {
  auto buf = std::make_shared<Buffer>(indices.size() * sizeof(int32_t));
  std::memcpy(buf->data(), indices.data(), indices.size() * sizeof(int32_t));
  return Vector::makeDictionary(base, buf, static_cast<int64_t>(indices.size()));
}

/// Runs `fn`, expecting a LochException of class `error_class` whose
/// message contains `fragment`.
template <class Fn>
void expectError(Fn&& fn, const std::string& error_class, const std::string& fragment = "") {
  try {
    fn();
    ADD_FAILURE() << "expected " << error_class;
  } catch (const LochException& e) {
    EXPECT_EQ(e.errorClass(), error_class) << e.what();
    EXPECT_NE(e.message().find(fragment), std::string::npos) << e.what();
  }
}

}  // namespace loch::testing
