#include "loch/exec/sort/top_n.h"

#include <algorithm>
#include <limits>

#include "loch/common/exception.h"
#include "loch/vector/vector_ops.h"

namespace loch {

struct TopN::SinkState : OperatorState {
  std::vector<SortPart> parts;
  int64_t rows = 0;
  int64_t last_morsel = -1;
  int64_t seq = 0;
  int64_t row_in_morsel = 0;
  int64_t reserved = 0;
  // Keys (one row) of the worst row kept by the last cut: later rows that
  // sort strictly after it cannot make the result.
  std::vector<VectorPtr> boundary;
};

TopN::TopN(PhysicalOperatorPtr child, std::vector<SortKey> keys, int64_t limit, int64_t offset)
    : PhysicalOperator(child->schema(), {child}), keys_(std::move(keys)), limit_(limit), offset_(offset) {
  if (keys_.empty()) throw InternalException("TopN: no sort keys");
  if (limit < 0 || offset < 0) throw InternalException("TopN: negative limit or offset");
  keep_ = limit_ > std::numeric_limits<int64_t>::max() - offset_ ? std::numeric_limits<int64_t>::max()
                                                                  : limit_ + offset_;
}

std::string TopN::toString() const {
  return "TopN(limit=" + std::to_string(limit_) + ", offset=" + std::to_string(offset_) + ", " +
         sortKeysString(keys_) + ")";
}

std::unique_ptr<OperatorState> TopN::makeSinkState(ExecContext& /*ctx*/) { return std::make_unique<SinkState>(); }

void TopN::compact(std::vector<SortPart>& parts, ThreadPool* pool, bool sorted) const {
  int64_t n = 0;
  for (const auto& p : parts) n += p.batch->numRows();
  std::vector<VectorPtr> keys;
  for (size_t k = 0; k < keys_.size(); ++k) keys.push_back(concatKey(parts, k, keys_[k].expr->type()));
  std::vector<uint64_t> ords;
  ords.reserve(static_cast<size_t>(n));
  for (const auto& p : parts) ords.insert(ords.end(), p.ordinals.begin(), p.ordinals.end());
  std::vector<uint32_t> idx = sortRows(keys, specsOf(keys_), n, ords.data(), std::min(keep_, n), pool, sorted);
  std::vector<uint64_t> refs = refsOf(parts, idx);
  auto m = static_cast<int64_t>(idx.size());
  SortPart out;
  out.batch = gatherParts(parts, parts.empty() ? schema() : parts[0].batch->schema(), refs.data(), m);
  for (size_t k = 0; k < keys_.size(); ++k) {
    std::vector<const Vector*> sources;
    for (const auto& p : parts) sources.push_back(p.keys[k].get());
    out.keys.push_back(gatherSortRefs(sources, keys_[k].expr->type(), refs.data(), m));
  }
  out.ordinals.resize(idx.size());
  for (size_t i = 0; i < idx.size(); ++i) out.ordinals[i] = ords[idx[i]];
  parts.clear();
  parts.push_back(std::move(out));
}

bool TopN::dropBeyond(const std::vector<VectorPtr>& boundary, SortPart& part) const {
  int64_t n = part.batch->numRows();
  std::vector<VectorPtr> keys;
  for (size_t k = 0; k < keys_.size(); ++k) keys.push_back(concat(keys_[k].expr->type(), {boundary[k], part.keys[k]}));
  std::vector<uint8_t> keep = rowsNotAfter(keys, specsOf(keys_), n + 1, 0);
  std::vector<int32_t> rows;
  for (int64_t i = 0; i < n; ++i) {
    if (keep[i + 1]) rows.push_back(static_cast<int32_t>(i));
  }
  auto m = static_cast<int64_t>(rows.size());
  if (m == n) return true;
  if (m == 0) return false;
  std::vector<VectorPtr> cols;
  for (const auto& c : part.batch->columns()) cols.push_back(gather(*c, rows.data(), m));
  part.batch = RecordBatch::make(part.batch->schema(), std::move(cols), m);
  for (auto& k : part.keys) k = gather(*k, rows.data(), m);
  std::vector<uint64_t> ords(static_cast<size_t>(m));
  for (int64_t i = 0; i < m; ++i) ords[i] = part.ordinals[rows[i]];
  part.ordinals = std::move(ords);
  return true;
}

void TopN::sink(const RecordBatchPtr& batch, int64_t morsel, OperatorState* state, ExecContext& ctx) {
  if (!batch || batch->numRows() == 0 || keep_ == 0) return;
  auto& st = static_cast<SinkState&>(*state);
  if (morsel != st.last_morsel) {
    st.last_morsel = morsel;
    st.seq = 0;
    st.row_in_morsel = 0;
  }
  SortPart part = makeSortPart(batch, keys_, ctx);
  part.morsel = morsel;
  part.seq = st.seq++;
  int64_t n = batch->numRows();
  part.ordinals.resize(static_cast<size_t>(n));
  // Ordinal = input position: morsel in the high bits, row within the morsel below.
  for (int64_t i = 0; i < n; ++i) {
    part.ordinals[i] = (static_cast<uint64_t>(morsel) << 32) + static_cast<uint64_t>(st.row_in_morsel + i);
  }
  st.row_in_morsel += n;
  if (!st.boundary.empty() && !dropBeyond(st.boundary, part)) return;
  st.rows += part.batch->numRows();
  st.parts.push_back(std::move(part));
  // Cut down once the buffer is twice the rows kept (and not too small, so
  // the per-cut overhead is spread over many rows): linear time overall.
  if (st.rows > std::max<int64_t>(keep_ > std::numeric_limits<int64_t>::max() / 2 ? keep_ : 2 * keep_, 32768)) {
    compact(st.parts, nullptr, false);
    const SortPart& kept = st.parts[0];
    st.rows = kept.batch->numRows();
    // The selection leaves the keep_-th best row last.
    st.boundary.clear();
    for (const auto& k : kept.keys) st.boundary.push_back(slice(*k, st.rows - 1, 1));
  }
  int64_t bytes = 0;
  for (const auto& p : st.parts) bytes += p.batch->memoryBytes() + static_cast<int64_t>(p.ordinals.size() * 8);
  if (bytes > st.reserved) {
    growReservation(mutex_, reservation_, ctx, "TopN", bytes - st.reserved);
    st.reserved = bytes;
  }
}

void TopN::combine(OperatorState* state, ExecContext& /*ctx*/) {
  if (!state) return;
  auto& st = static_cast<SinkState&>(*state);
  for (auto& p : st.parts) parts_.push_back(std::move(p));
  st.parts.clear();
}

void TopN::finalize(ExecContext& ctx) {
  chunk_ = std::max<int64_t>(ctx.batch_size, 1);
  if (parts_.empty()) {
    result_ = RecordBatch::empty(schema());
    return;
  }
  compact(parts_, ctx.pool, true);
  const RecordBatchPtr& best = parts_[0].batch;
  int64_t n = best->numRows();
  int64_t start = std::min(offset_, n);
  result_ = start == 0 ? best : sliceBatch(*best, start, n - start);
  result_ = RecordBatch::make(schema(), result_->columns(), result_->numRows());
  parts_.clear();
}

int64_t TopN::morselCount(ExecContext& /*ctx*/) {
  return result_ ? (result_->numRows() + chunk_ - 1) / chunk_ : 0;
}

void TopN::produce(int64_t morsel, ExecContext& /*ctx*/, const Emit& emit) {
  int64_t start = morsel * chunk_;
  int64_t n = std::min(chunk_, result_->numRows() - start);
  if (n <= 0) return;
  if (start == 0 && n == result_->numRows()) {
    emit(result_);
  } else {
    emit(sliceBatch(*result_, start, n));
  }
}

}  // namespace loch
