#pragma once
// Helpers for the Window operator tests: spec builders for window functions
// and aggregates, frame shorthands and a runner on the shared operator
// driver (tests/exec/join/op_driver.h).

#include <optional>
#include <string>
#include <vector>

#include "../join/op_driver.h"
#include "loch/exec/window/window_operator.h"
#include "loch/function/aggregate/aggregate_functions.h"
#include "loch/function/window/window_function.h"

namespace loch::testing {

inline FrameBound unboundedPreceding() { return {FrameBound::Kind::UnboundedPreceding, {}}; }
inline FrameBound unboundedFollowing() { return {FrameBound::Kind::UnboundedFollowing, {}}; }
inline FrameBound currentRow() { return {FrameBound::Kind::CurrentRow, {}}; }
inline FrameBound preceding(Value v) { return {FrameBound::Kind::Preceding, std::move(v)}; }
inline FrameBound following(Value v) { return {FrameBound::Kind::Following, std::move(v)}; }
inline FrameBound preceding(int64_t n) { return preceding(Value::integer(static_cast<int32_t>(n))); }
inline FrameBound following(int64_t n) { return following(Value::integer(static_cast<int32_t>(n))); }

inline WindowFrame rowsFrame(FrameBound s, FrameBound e) { return {WindowFrame::Type::Rows, std::move(s), std::move(e)}; }
inline WindowFrame rangeFrame(FrameBound s, FrameBound e) { return {WindowFrame::Type::Range, std::move(s), std::move(e)}; }
/// Spark's default frames.
inline WindowFrame defaultOrderedFrame() { return rangeFrame(unboundedPreceding(), currentRow()); }
inline WindowFrame wholeFrame() { return rowsFrame(unboundedPreceding(), unboundedFollowing()); }

/// A constant expression (literal arguments).
inline PhysicalExprPtr lit(const Value& v) {
  return std::make_shared<LambdaExpr>(
      v.type(), [v](const RecordBatch& b) { return Vector::makeConstant(v, b.numRows()); }, v.toString());
}

/// A window-only function spec; literal arguments are given as `lit`
/// expressions with their values in `literals`.
inline WindowExprSpec windowFn(const std::string& name, std::vector<PhysicalExprPtr> args,
                               std::vector<std::optional<Value>> literals = {}, bool ignore_nulls = false,
                               WindowFrame frame = defaultOrderedFrame()) {
  std::vector<DataTypePtr> types;
  for (const auto& a : args) types.push_back(a->type());
  WindowExprSpec s{*bindWindowFunction(name, types, literals, ignore_nulls), std::move(args), frame};
  return s;
}

/// An aggregate over `frame`.
inline WindowExprSpec windowAgg(const std::string& name, std::vector<PhysicalExprPtr> args, WindowFrame frame,
                                bool ignore_nulls = false) {
  AggregateCall call;
  call.name = name;
  for (const auto& a : args) call.arg_types.push_back(a->type());
  call.ignore_nulls = ignore_nulls;
  auto fn = std::make_shared<const BoundAggregateFunction>(bindAggregateFunction(call));
  return WindowExprSpec{fn, std::move(args), frame};
}

inline SchemaPtr windowSchema(const SchemaPtr& input, const std::vector<WindowExprSpec>& exprs) {
  std::vector<StructField> f = input->fields();
  for (size_t i = 0; i < exprs.size(); ++i) f.emplace_back("w" + std::to_string(i), exprs[i].returnType(), exprs[i].nullable());
  return StructType(std::move(f));
}

inline std::shared_ptr<WindowOperator> makeWindow(PhysicalOperatorPtr child, std::vector<PhysicalExprPtr> partition,
                                                  std::vector<SortKey> order, std::vector<WindowExprSpec> exprs) {
  SchemaPtr schema = windowSchema(child->schema(), exprs);
  return std::make_shared<WindowOperator>(std::move(child), std::move(partition), std::move(order), std::move(exprs),
                                          schema);
}

/// Runs a Window over `rows` (batches of `per_batch` rows) with `threads`.
inline Rows runWindow(const SchemaPtr& schema, const Rows& rows, std::vector<PhysicalExprPtr> partition,
                      std::vector<SortKey> order, std::vector<WindowExprSpec> exprs, int threads = 1,
                      size_t per_batch = 3, int64_t batch_size = 4096) {
  auto op = makeWindow(source(schema, rows, per_batch), std::move(partition), std::move(order), std::move(exprs));
  Env env(threads, batch_size);
  return rowsOf(runBreaker(*op, env.ctx));
}

/// Column `c` of `rows`.
inline std::vector<Value> column(const Rows& rows, size_t c) {
  std::vector<Value> out;
  for (const auto& r : rows) out.push_back(r[c]);
  return out;
}

inline std::vector<std::string> texts(const std::vector<Value>& values) {
  std::vector<std::string> out;
  for (const auto& v : values) out.push_back(v.toString());
  return out;
}

}  // namespace loch::testing
