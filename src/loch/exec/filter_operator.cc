#include "loch/exec/filter_operator.h"

#include "loch/vector/decoded_vector.h"
#include "loch/vector/vector_ops.h"

namespace loch {

RecordBatchPtr applyMask(const RecordBatch& batch, const Vector& mask) {
  DecodedVector d(mask);
  int64_t n = batch.numRows();
  if (d.isConstant()) {
    bool keep = !d.isNull(0) && d.valueAt<uint8_t>(0);
    return keep ? RecordBatch::make(batch.schema(), batch.columns(), n) : RecordBatch::empty(batch.schema());
  }
  std::vector<uint8_t> keep(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) keep[i] = !d.isNull(i) && d.valueAt<uint8_t>(i) != 0;
  return filterBatch(batch, keep.data());
}

void FilterOperator::execute(const RecordBatchPtr& input, OperatorState*, ExecContext& ctx, const Emit& emit) {
  auto mask = predicate_->evaluate(*input, ctx.eval);
  emit(applyMask(*input, *mask));
}

}  // namespace loch
