#include "loch/exec/set/buffered_set_operator.h"

#include "loch/common/exception.h"

namespace loch {

void BufferedSetOperator::sink(const RecordBatchPtr& batch, int64_t morsel, OperatorState* state, ExecContext& ctx) {
  if (!batch || batch->numRows() == 0) return;
  if (ctx.memory) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!reservation_) reservation_ = std::make_unique<MemoryReservation>(ctx.memory, name_);
    reservation_->grow(batch->memoryBytes() + (hash_rows_ ? batch->numRows() * 8 : 0));
  }
  addSetPart(static_cast<SetSinkState&>(*state), current_child_, batch, morsel, hash_rows_);
}

void BufferedSetOperator::combine(OperatorState* state, ExecContext& /*ctx*/) {
  if (!state) return;
  auto& st = static_cast<SetSinkState&>(*state);
  for (auto& p : st.parts) parts_.push_back(std::move(p));
  st.parts.clear();
}

std::vector<SetPart> BufferedSetOperator::takeOrderedParts() {
  orderSetParts(parts_);
  std::vector<SetPart> out;
  out.swap(parts_);
  return out;
}

SchemaPtr setOperationSchema(const std::vector<PhysicalOperatorPtr>& children) {
  if (children.empty()) throw InternalException("set operation without children");
  std::vector<StructField> fields = children[0]->schema()->fields();
  for (size_t c = 1; c < children.size(); ++c) {
    const auto& other = children[c]->schema()->fields();
    if (other.size() != fields.size()) {
      throw InternalException("set operation children have " + std::to_string(fields.size()) + " and " +
                              std::to_string(other.size()) + " columns");
    }
    for (size_t i = 0; i < fields.size(); ++i) {
      if (!fields[i].type->equals(*other[i].type)) {
        throw InternalException("set operation column " + std::to_string(i) + " has types " +
                                fields[i].type->simpleString() + " and " + other[i].type->simpleString());
      }
      fields[i].nullable = fields[i].nullable || other[i].nullable;
    }
  }
  return StructType(std::move(fields));
}

}  // namespace loch
