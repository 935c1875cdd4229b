#include "loch/exec/window/window_aggregate.h"

#include <algorithm>

#include "loch/vector/vector_ops.h"

namespace loch {
namespace {

/// `count` initialised aggregate states in one aligned block; destroyed on
/// destruction.
class StateArena {
 public:
  StateArena(const BoundAggregateFunction& fn, int64_t count) : fn_(fn), count_(count) {
    size_t align = std::max<size_t>(fn.state_align, 1);
    stride_ = std::max<size_t>((fn.state_size + align - 1) / align * align, align);
    memory_ = std::make_unique<uint8_t[]>(stride_ * static_cast<size_t>(count) + align);
    auto addr = reinterpret_cast<uintptr_t>(memory_.get());
    base_ = memory_.get() + ((align - addr % align) % align);
    for (int64_t i = 0; i < count_; ++i) fn_.init(at(i));
  }
  ~StateArena() {
    if (!fn_.destroy) return;
    for (int64_t i = 0; i < count_; ++i) fn_.destroy(at(i));
  }
  StateArena(const StateArena&) = delete;
  StateArena& operator=(const StateArena&) = delete;

  uint8_t* at(int64_t i) const { return base_ + stride_ * static_cast<size_t>(i); }
  int64_t size() const { return count_; }

 private:
  const BoundAggregateFunction& fn_;
  int64_t count_;
  size_t stride_ = 0;
  std::unique_ptr<uint8_t[]> memory_;
  uint8_t* base_ = nullptr;
};

/// Updates states[row] with the run's rows in one call.
void updateAll(const BoundAggregateFunction& fn, const std::vector<VectorPtr>& args, int64_t n,
               const std::vector<uint8_t*>& states, EvalContext& ctx) {
  if (n > 0) fn.update(args, n, states.data(), ctx);
}

/// Finalizes arena states [0, count) and gathers result row i from state
/// group[i].
VectorPtr finalizeGather(const BoundAggregateFunction& fn, const StateArena& arena, const std::vector<int32_t>& group,
                         EvalContext& ctx) {
  std::vector<uint8_t*> ptrs(static_cast<size_t>(arena.size()));
  for (int64_t i = 0; i < arena.size(); ++i) ptrs[i] = arena.at(i);
  VectorPtr values = fn.finalize(ptrs.data(), arena.size(), ctx);
  return gather(*values, group.data(), static_cast<int64_t>(group.size()));
}

VectorPtr wholePartition(const BoundAggregateFunction& fn, const std::vector<VectorPtr>& args, const WindowRun& run,
                         EvalContext& ctx) {
  int64_t parts = static_cast<int64_t>(run.part_bounds.size()) - 1;
  StateArena arena(fn, parts);
  std::vector<int32_t> group(static_cast<size_t>(run.n));
  std::vector<uint8_t*> states(static_cast<size_t>(run.n));
  for (int64_t p = 0; p < parts; ++p) {
    for (int64_t i = run.part_bounds[p]; i < run.part_bounds[p + 1]; ++i) {
      group[i] = static_cast<int32_t>(p);
      states[i] = arena.at(p);
    }
  }
  updateAll(fn, args, run.n, states, ctx);
  return finalizeGather(fn, arena, group, ctx);
}

VectorPtr running(const BoundAggregateFunction& fn, const std::vector<VectorPtr>& args, const WindowRun& run,
                  bool rows_frame, EvalContext& ctx) {
  // Steps: rows (ROWS) or peer groups (RANGE); step_first[g] marks the first
  // step of a partition.
  std::vector<int32_t> group(static_cast<size_t>(run.n));
  std::vector<uint8_t> step_first;
  int64_t parts = static_cast<int64_t>(run.part_bounds.size()) - 1;
  int32_t g = -1;
  for (int64_t p = 0; p < parts; ++p) {
    int64_t s = run.part_bounds[p];
    for (int64_t i = s; i < run.part_bounds[p + 1]; ++i) {
      if (i == s || rows_frame || run.peer_begin[i] == i - s) {
        ++g;
        step_first.push_back(i == s ? 1 : 0);
      }
      group[i] = g;
    }
  }
  int64_t steps = g + 1;
  StateArena step_states(fn, steps);
  std::vector<uint8_t*> states(static_cast<size_t>(run.n));
  for (int64_t i = 0; i < run.n; ++i) states[i] = step_states.at(group[i]);
  updateAll(fn, args, run.n, states, ctx);
  StateArena prefix(fn, steps);
  for (int64_t k = 0; k < steps; ++k) {
    if (!step_first[k]) fn.combine(prefix.at(k), prefix.at(k - 1), ctx);
    fn.combine(prefix.at(k), step_states.at(k), ctx);
  }
  return finalizeGather(fn, prefix, group, ctx);
}

/// Per-partition bottom-up segment trees in one arena: partition p of m
/// rows owns nodes [base, base + 2m), leaf i at base + m + i, node k's
/// children at 2k and 2k + 1 (node 0 unused).
VectorPtr segmentTree(const BoundAggregateFunction& fn, const std::vector<VectorPtr>& args, const WindowRun& run,
                      EvalContext& ctx) {
  StateArena tree(fn, 2 * run.n);
  std::vector<uint8_t*> states(static_cast<size_t>(run.n));
  int64_t parts = static_cast<int64_t>(run.part_bounds.size()) - 1;
  for (int64_t p = 0; p < parts; ++p) {
    int64_t s = run.part_bounds[p], m = run.part_bounds[p + 1] - s;
    int64_t base = 2 * s;
    for (int64_t i = 0; i < m; ++i) states[s + i] = tree.at(base + m + i);
  }
  updateAll(fn, args, run.n, states, ctx);
  for (int64_t p = 0; p < parts; ++p) {
    int64_t s = run.part_bounds[p], m = run.part_bounds[p + 1] - s;
    int64_t base = 2 * s;
    for (int64_t k = m - 1; k >= 1; --k) {
      fn.combine(tree.at(base + k), tree.at(base + 2 * k), ctx);
      fn.combine(tree.at(base + k), tree.at(base + 2 * k + 1), ctx);
    }
  }
  // Frames are combined into scratch states and finalized a batch at a time.
  constexpr int64_t kBatch = 2048;
  std::vector<VectorPtr> pieces;
  std::vector<int64_t> left, right;
  int64_t p = 0;
  for (int64_t chunk = 0; chunk < run.n; chunk += kBatch) {
    int64_t len = std::min(kBatch, run.n - chunk);
    StateArena scratch(fn, len);
    for (int64_t r = 0; r < len; ++r) {
      int64_t i = chunk + r;
      while (run.part_bounds[p + 1] <= i) ++p;
      int64_t s = run.part_bounds[p], m = run.part_bounds[p + 1] - s;
      int64_t base = 2 * s;
      int64_t lo = run.frame_begin[i] + m, hi = run.frame_end[i] + m;
      left.clear();
      right.clear();
      while (lo < hi) {
        if (lo & 1) left.push_back(lo++);
        if (hi & 1) right.push_back(--hi);
        lo >>= 1;
        hi >>= 1;
      }
      uint8_t* target = scratch.at(r);
      for (int64_t node : left) fn.combine(target, tree.at(base + node), ctx);
      for (auto it = right.rbegin(); it != right.rend(); ++it) fn.combine(target, tree.at(base + *it), ctx);
    }
    std::vector<uint8_t*> ptrs(static_cast<size_t>(len));
    for (int64_t r = 0; r < len; ++r) ptrs[r] = scratch.at(r);
    pieces.push_back(fn.finalize(ptrs.data(), len, ctx));
  }
  if (pieces.empty()) return Vector::makeFlat(fn.return_type, 0);
  if (pieces.size() == 1) return pieces[0]->flatten();
  return concat(fn.return_type, pieces);
}

}  // namespace

WindowAggregateMode windowAggregateMode(const WindowFrame& frame) {
  using K = FrameBound::Kind;
  if (frame.start.kind == K::UnboundedPreceding && frame.end.kind == K::UnboundedFollowing) {
    return WindowAggregateMode::WholePartition;
  }
  if (frame.start.kind == K::UnboundedPreceding && frame.end.kind == K::CurrentRow) return WindowAggregateMode::Running;
  return WindowAggregateMode::SegmentTree;
}

VectorPtr evaluateWindowAggregate(const BoundAggregateFunction& fn, const std::vector<VectorPtr>& args,
                                  const WindowRun& run, WindowAggregateMode mode, bool rows_frame, EvalContext& ctx) {
  switch (mode) {
    case WindowAggregateMode::WholePartition: return wholePartition(fn, args, run, ctx);
    case WindowAggregateMode::Running: return running(fn, args, run, rows_frame, ctx);
    case WindowAggregateMode::SegmentTree: return segmentTree(fn, args, run, ctx);
  }
  return nullptr;
}

}  // namespace loch
