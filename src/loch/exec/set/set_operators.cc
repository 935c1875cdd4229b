#include "loch/exec/set/set_operators.h"

#include <algorithm>
#include <limits>

#include "loch/common/exception.h"

namespace loch {

namespace {

void checkRowCount(int64_t n, const char* op) {
  if (n > std::numeric_limits<int32_t>::max()) {
    throw UnsupportedException(std::string(op) + ": " + std::to_string(n) +
                               " input rows exceed the supported 2147483647");
  }
}

int64_t rowsOf(const std::vector<SetPart>& parts) {
  int64_t n = 0;
  for (const auto& p : parts) n += p.batch->numRows();
  return n;
}

// Rows of an INTERSECT are in both inputs: a column is nullable only when it
// is in both; EXCEPT keeps the left's (Spark's Intersect/Except.output).
SchemaPtr setOpSchema(SetOpKind kind, const PhysicalOperatorPtr& left, const PhysicalOperatorPtr& right) {
  SchemaPtr checked = setOperationSchema({left, right});
  std::vector<StructField> fields = checked->fields();
  const auto& l = left->schema()->fields();
  const auto& r = right->schema()->fields();
  for (size_t i = 0; i < fields.size(); ++i) {
    fields[i].nullable = kind == SetOpKind::Intersect ? (l[i].nullable && r[i].nullable) : l[i].nullable;
  }
  return StructType(std::move(fields));
}

}  // namespace

UnionAll::UnionAll(std::vector<PhysicalOperatorPtr> children)
    : BufferedSetOperator(setOperationSchema(children), children, "UnionAll", false) {}

std::string UnionAll::toString() const { return "UnionAll(" + std::to_string(children().size()) + " children)"; }

void UnionAll::finalize(ExecContext& /*ctx*/) {
  for (auto& p : takeOrderedParts()) out_.push_back(RecordBatch::make(schema(), p.batch->columns(), p.batch->numRows()));
}

Distinct::Distinct(PhysicalOperatorPtr child) : BufferedSetOperator(child->schema(), {child}, "Distinct", true) {}

void Distinct::finalize(ExecContext& ctx) {
  std::vector<SetPart> parts = takeOrderedParts();
  int64_t n = rowsOf(parts);
  checkRowCount(n, "Distinct");
  std::vector<VectorPtr> cols = concatParts(parts, schema());
  std::vector<uint64_t> hashes = concatHashes(parts);
  parts.clear();
  std::vector<int32_t> rep = firstOccurrences(cols, n, hashes.data());
  std::vector<int32_t> keep;
  for (int64_t i = 0; i < n; ++i) {
    if (rep[i] == i) keep.push_back(static_cast<int32_t>(i));
  }
  out_ = gatherChunks(cols, schema(), keep, std::max<int64_t>(ctx.batch_size, 1));
}

SetOperation::SetOperation(SetOpKind kind, bool all, PhysicalOperatorPtr left, PhysicalOperatorPtr right)
    : BufferedSetOperator(setOpSchema(kind, left, right), {left, right},
                          kind == SetOpKind::Intersect ? "Intersect" : "Except", true),
      kind_(kind),
      all_(all) {}

std::string SetOperation::toString() const {
  return std::string(kind_ == SetOpKind::Intersect ? "Intersect" : "Except") + (all_ ? "All" : "");
}

void SetOperation::finalize(ExecContext& ctx) {
  std::vector<SetPart> parts = takeOrderedParts();
  int64_t left_rows = 0;
  for (const auto& p : parts) {
    if (p.child == 0) left_rows += p.batch->numRows();
  }
  int64_t n = rowsOf(parts);
  checkRowCount(n, kind_ == SetOpKind::Intersect ? "Intersect" : "Except");
  // Left rows first, then right rows: every group met on the left has a
  // left row as its representative.
  std::vector<VectorPtr> cols = concatParts(parts, schema());
  std::vector<uint64_t> hashes = concatHashes(parts);
  parts.clear();
  std::vector<int32_t> rep = firstOccurrences(cols, n, hashes.data());
  std::vector<int64_t> right_count(static_cast<size_t>(n), 0);
  for (int64_t i = left_rows; i < n; ++i) ++right_count[rep[i]];
  std::vector<int64_t> left_count;
  if (all_ && kind_ == SetOpKind::Except) {
    left_count.assign(static_cast<size_t>(left_rows), 0);
    for (int64_t i = 0; i < left_rows; ++i) ++left_count[rep[i]];
  }
  std::vector<int64_t> seen(all_ ? static_cast<size_t>(left_rows) : 0, 0);
  std::vector<int32_t> keep;
  for (int64_t i = 0; i < left_rows; ++i) {
    int32_t g = rep[i];
    bool emit;
    if (!all_) {
      emit = g == i && (kind_ == SetOpKind::Intersect ? right_count[g] > 0 : right_count[g] == 0);
    } else {
      int64_t rank = seen[g]++;
      emit = kind_ == SetOpKind::Intersect ? rank < right_count[g] : rank < left_count[g] - right_count[g];
    }
    if (emit) keep.push_back(static_cast<int32_t>(i));
  }
  out_ = gatherChunks(cols, schema(), keep, std::max<int64_t>(ctx.batch_size, 1));
}

}  // namespace loch
