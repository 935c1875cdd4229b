#include "loch/exec/sort/limit.h"

#include <algorithm>
#include <limits>

#include "loch/common/exception.h"
#include "loch/vector/vector_ops.h"

namespace loch {

struct Limit::SinkState : OperatorState {
  int64_t last_morsel = -1;
  int64_t seq = 0;
};

Limit::Limit(PhysicalOperatorPtr child, int64_t limit, int64_t offset)
    : PhysicalOperator(child->schema(), {child}),
      limit_(limit),
      offset_(offset),
      cutoff_morsel_(std::numeric_limits<int64_t>::max()) {
  if (limit < -1 || offset < 0) throw InternalException("Limit: invalid limit or offset");
}

std::string Limit::toString() const {
  return "Limit(limit=" + (limit_ < 0 ? std::string("none") : std::to_string(limit_)) +
         ", offset=" + std::to_string(offset_) + ")";
}

std::unique_ptr<OperatorState> Limit::makeSinkState(ExecContext& /*ctx*/) { return std::make_unique<SinkState>(); }

void Limit::sink(const RecordBatchPtr& batch, int64_t morsel, OperatorState* state, ExecContext& ctx) {
  if (!batch || batch->numRows() == 0 || limit_ == 0) return;
  auto& st = static_cast<SinkState&>(*state);
  if (morsel != st.last_morsel) {
    st.last_morsel = morsel;
    st.seq = 0;
  }
  int64_t seq = st.seq++;
  std::lock_guard<std::mutex> lock(mutex_);
  if (morsel > cutoff_morsel_) return;
  if (limit_ >= 0) {
    int64_t needed = limit_ > std::numeric_limits<int64_t>::max() - offset_ ? std::numeric_limits<int64_t>::max()
                                                                             : limit_ + offset_;
    // Rows of morsel `morsel` beyond what the limit can use are dropped too.
    int64_t& have = rows_by_morsel_[morsel];
    int64_t before = 0;
    for (const auto& [m, rows] : rows_by_morsel_) {
      if (m >= morsel) break;
      before += rows;
    }
    if (before + have >= needed) return;
    have += batch->numRows();
    int64_t total = 0;
    for (const auto& [m, rows] : rows_by_morsel_) {
      total += rows;
      if (total >= needed) {
        cutoff_morsel_ = m;
        break;
      }
    }
  }
  if (ctx.memory) {
    if (!reservation_) reservation_ = std::make_unique<MemoryReservation>(ctx.memory, "Limit");
    reservation_->grow(batch->memoryBytes());
  }
  parts_.push_back(Part{morsel, seq, batch});
}

void Limit::finalize(ExecContext& /*ctx*/) {
  std::sort(parts_.begin(), parts_.end(), [](const Part& a, const Part& b) {
    return a.morsel != b.morsel ? a.morsel < b.morsel : a.seq < b.seq;
  });
  int64_t skip = offset_;
  int64_t left = limit_ < 0 ? std::numeric_limits<int64_t>::max() : limit_;
  for (const auto& p : parts_) {
    if (left == 0) break;
    int64_t n = p.batch->numRows();
    if (skip >= n) {
      skip -= n;
      continue;
    }
    int64_t take = std::min(n - skip, left);
    RecordBatchPtr b = (skip == 0 && take == n) ? p.batch : sliceBatch(*p.batch, skip, take);
    out_.push_back(RecordBatch::make(schema(), b->columns(), b->numRows()));
    left -= take;
    skip = 0;
  }
  parts_.clear();
  rows_by_morsel_.clear();
}

int64_t Limit::morselCount(ExecContext& /*ctx*/) { return static_cast<int64_t>(out_.size()); }

void Limit::produce(int64_t morsel, ExecContext& /*ctx*/, const Emit& emit) { emit(out_[morsel]); }

}  // namespace loch
