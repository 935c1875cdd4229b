#include "loch/exec/sort/sort.h"

#include <algorithm>

#include "loch/common/exception.h"
#include "loch/vector/vector_ops.h"

namespace loch {

struct Sort::SinkState : OperatorState {
  std::vector<SortPart> parts;
  int64_t last_morsel = -1;
  int64_t seq = 0;
};

Sort::Sort(PhysicalOperatorPtr child, std::vector<SortKey> keys)
    : PhysicalOperator(child->schema(), {child}), keys_(std::move(keys)) {
  if (keys_.empty()) throw InternalException("Sort: no sort keys");
}

std::string Sort::toString() const { return "Sort(" + sortKeysString(keys_) + ")"; }

std::unique_ptr<OperatorState> Sort::makeSinkState(ExecContext& /*ctx*/) { return std::make_unique<SinkState>(); }

void Sort::sink(const RecordBatchPtr& batch, int64_t morsel, OperatorState* state, ExecContext& ctx) {
  if (!batch || batch->numRows() == 0) return;
  auto& st = static_cast<SinkState&>(*state);
  if (morsel != st.last_morsel) {
    st.last_morsel = morsel;
    st.seq = 0;
  }
  SortPart part = makeSortPart(batch, keys_, ctx);
  part.morsel = morsel;
  part.seq = st.seq++;
  int64_t bytes = part.batch->memoryBytes();
  for (const auto& k : part.keys) bytes += k->memoryBytes();
  growReservation(mutex_, reservation_, ctx, "Sort", bytes);
  st.parts.push_back(std::move(part));
}

void Sort::combine(OperatorState* state, ExecContext& /*ctx*/) {
  if (!state) return;
  auto& st = static_cast<SinkState&>(*state);
  for (auto& p : st.parts) parts_.push_back(std::move(p));
  st.parts.clear();
}

void Sort::finalize(ExecContext& ctx) {
  orderByMorsel(parts_);
  int64_t n = 0;
  for (const auto& p : parts_) n += p.batch->numRows();
  if (n > static_cast<int64_t>(UINT32_MAX)) {
    throw UnsupportedException("Sort: " + std::to_string(n) + " rows exceed the in-memory sort limit of 2^32");
  }
  // The sort itself needs about 40 bytes per row (prefixes, records, refs).
  growReservation(mutex_, reservation_, ctx, "Sort", n * 40);
  std::vector<VectorPtr> keys;
  for (size_t k = 0; k < keys_.size(); ++k) keys.push_back(concatKey(parts_, k, keys_[k].expr->type()));
  std::vector<uint32_t> idx = sortRows(std::move(keys), specsOf(keys_), n, nullptr, -1, ctx.pool);
  order_ = refsOf(parts_, idx);
  payload_ = payloadSources(parts_, schema());
  // Key copies are no longer needed; the payload stays until destruction.
  for (auto& p : parts_) p.keys.clear();
  chunk_ = std::max<int64_t>(ctx.batch_size, 1);
  morsels_ = (static_cast<int64_t>(order_.size()) + chunk_ - 1) / chunk_;
  produced_ = 0;
}

int64_t Sort::morselCount(ExecContext& /*ctx*/) { return morsels_; }

void Sort::produce(int64_t morsel, ExecContext& /*ctx*/, const Emit& emit) {
  int64_t start = morsel * chunk_;
  int64_t n = std::min<int64_t>(chunk_, static_cast<int64_t>(order_.size()) - start);
  RecordBatchPtr batch;
  if (n > 0) batch = gatherPayload(payload_, schema(), order_.data() + start, n);
  if (produced_.fetch_add(1) + 1 == morsels_) {
    // The last morsel: no other produce() reads the buffers any more.
    payload_ = {};
    order_ = {};
    parts_ = {};
    std::lock_guard<std::mutex> lock(mutex_);
    if (reservation_) reservation_->resize(0);
  }
  if (batch) emit(batch);
}

}  // namespace loch
