#include "loch/exec/collect_sink.h"

namespace loch {

namespace {

struct CollectState : OperatorState {
  std::map<int64_t, std::vector<RecordBatchPtr>> by_morsel;
};

}  // namespace

std::unique_ptr<OperatorState> CollectSink::makeSinkState(ExecContext&) { return std::make_unique<CollectState>(); }

void CollectSink::sink(const RecordBatchPtr& batch, int64_t morsel, OperatorState* state, ExecContext&) {
  static_cast<CollectState*>(state)->by_morsel[morsel].push_back(batch);
}

void CollectSink::combine(OperatorState* state, ExecContext&) {
  for (auto& [m, bs] : static_cast<CollectState*>(state)->by_morsel) {
    auto& dst = by_morsel_[m];
    dst.insert(dst.end(), bs.begin(), bs.end());
  }
}

std::vector<RecordBatchPtr> CollectSink::batches() const {
  std::vector<RecordBatchPtr> out;
  for (const auto& [m, bs] : by_morsel_) out.insert(out.end(), bs.begin(), bs.end());
  return out;
}

}  // namespace loch
