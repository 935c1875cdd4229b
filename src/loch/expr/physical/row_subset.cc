#include "loch/expr/physical/row_subset.h"

#include <cstring>

#include "loch/vector/vector_ops.h"

namespace loch {

namespace {

VectorPtr subsetColumn(const VectorPtr& col, const RowList& rows, const BufferPtr& flat_indices) {
  int64_t m = static_cast<int64_t>(rows.size());
  switch (col->encoding()) {
    case VectorEncoding::Flat:
      return Vector::makeDictionary(col, flat_indices, m);
    case VectorEncoding::Constant:
      return Vector::makeConstant(col->getValue(0), m);
    case VectorEncoding::Dictionary:
      return gatherPreservingDictionary(*col, rows.data(), m);
  }
  return col;
}

}  // namespace

RecordBatchPtr subsetBatch(const RecordBatch& batch, const RowList& rows) {
  int64_t m = static_cast<int64_t>(rows.size());
  auto indices = std::make_shared<Buffer>(static_cast<size_t>(m) * sizeof(int32_t));
  if (m) std::memcpy(indices->data(), rows.data(), static_cast<size_t>(m) * sizeof(int32_t));
  std::vector<VectorPtr> cols;
  cols.reserve(static_cast<size_t>(batch.numColumns()));
  for (const auto& c : batch.columns()) cols.push_back(subsetColumn(c, rows, indices));
  return RecordBatch::make(batch.schema(), std::move(cols), m);
}

VectorPtr evaluateOnRows(const PhysicalExpr& expr, const RecordBatch& batch, const RowList& rows, EvalContext& ctx) {
  if (static_cast<int64_t>(rows.size()) == batch.numRows()) return expr.evaluate(batch, ctx);
  auto sub = subsetBatch(batch, rows);
  return expr.evaluate(*sub, ctx);
}

}  // namespace loch
