#include "loch/exec/window/window_operator.h"

#include <algorithm>
#include <numeric>

#include "loch/common/exception.h"
#include "loch/common/thread_pool.h"
#include "loch/exec/vector_hash.h"
#include "loch/vector/vector_ops.h"

namespace loch {
namespace {

std::string boundString(const FrameBound& b) {
  switch (b.kind) {
    case FrameBound::Kind::UnboundedPreceding: return "UNBOUNDED PRECEDING";
    case FrameBound::Kind::UnboundedFollowing: return "UNBOUNDED FOLLOWING";
    case FrameBound::Kind::CurrentRow: return "CURRENT ROW";
    case FrameBound::Kind::Preceding: return b.offset.toString() + " PRECEDING";
    case FrameBound::Kind::Following: return b.offset.toString() + " FOLLOWING";
  }
  return "";
}

bool isAggregate(const WindowExprSpec& s) { return s.function.index() == 1; }

}  // namespace

/// A run of whole partitions, rows [begin, end) of the sorted data.
struct WindowOperator::Run {
  int64_t begin = 0;
  int64_t end = 0;
  std::vector<int64_t> part_starts;  // global, plus `end`
};

struct WindowOperator::SinkState : OperatorState {
  std::vector<SortPart> parts;
  int64_t last_morsel = -1;
  int64_t seq = 0;
};

DataTypePtr WindowExprSpec::returnType() const {
  if (isAggregate(*this)) return std::get<1>(function)->return_type;
  return std::get<0>(function).return_type;
}

bool WindowExprSpec::nullable() const {
  if (isAggregate(*this)) return std::get<1>(function)->nullable;
  return std::get<0>(function).nullable;
}

std::string WindowExprSpec::toString() const {
  std::string s = isAggregate(*this) ? std::get<1>(function)->name : std::get<0>(function).name;
  s += "(";
  for (size_t i = 0; i < args.size(); ++i) s += (i ? ", " : "") + args[i]->toString();
  s += ") ";
  s += frame.type == WindowFrame::Type::Rows ? "ROWS" : "RANGE";
  return s + " BETWEEN " + boundString(frame.start) + " AND " + boundString(frame.end);
}

WindowOperator::WindowOperator(PhysicalOperatorPtr child, std::vector<PhysicalExprPtr> partition_keys,
                               std::vector<SortKey> order_keys, std::vector<WindowExprSpec> exprs,
                               SchemaPtr output_schema)
    : PhysicalOperator(std::move(output_schema), {child}),
      partition_keys_(std::move(partition_keys)),
      order_keys_(std::move(order_keys)),
      exprs_(std::move(exprs)) {
  if (schema()->fields().size() != child->schema()->fields().size() + exprs_.size()) {
    throw InternalException("Window: output schema has " + std::to_string(schema()->fields().size()) +
                            " fields, expected " +
                            std::to_string(child->schema()->fields().size() + exprs_.size()));
  }
  std::vector<DataTypePtr> order_types;
  for (const auto& k : order_keys_) order_types.push_back(k.expr->type());
  for (const auto& e : exprs_) {
    bool frame_used = isAggregate(e) || std::get<0>(e.function).uses_frame;
    if (frame_used) checkWindowFrame(e.frame, order_types);
    if (isAggregate(e) && !std::get<1>(e.function)) throw InternalException("Window: null aggregate function");
  }
  for (const auto& p : partition_keys_) evaluated_.push_back(SortKey{p, true, true});
  for (const auto& k : order_keys_) evaluated_.push_back(k);
  for (const auto& e : exprs_) {
    arg_start_.push_back(evaluated_.size());
    for (const auto& a : e.args) evaluated_.push_back(SortKey{a, true, true});
  }
}

std::string WindowOperator::toString() const {
  std::string s = "Window([";
  for (size_t i = 0; i < exprs_.size(); ++i) s += (i ? ", " : "") + exprs_[i].toString();
  s += "], [";
  for (size_t i = 0; i < partition_keys_.size(); ++i) s += (i ? ", " : "") + partition_keys_[i]->toString();
  return s + "], " + sortKeysString(order_keys_) + ")";
}

std::unique_ptr<OperatorState> WindowOperator::makeSinkState(ExecContext& /*ctx*/) {
  return std::make_unique<SinkState>();
}

void WindowOperator::sink(const RecordBatchPtr& batch, int64_t morsel, OperatorState* state, ExecContext& ctx) {
  if (!batch || batch->numRows() == 0) return;
  auto& st = static_cast<SinkState&>(*state);
  if (morsel != st.last_morsel) {
    st.last_morsel = morsel;
    st.seq = 0;
  }
  SortPart part = makeSortPart(batch, evaluated_, ctx);
  part.morsel = morsel;
  part.seq = st.seq++;
  int64_t bytes = part.batch->memoryBytes();
  for (const auto& k : part.keys) bytes += k->memoryBytes();
  growReservation(mutex_, reservation_, ctx, "Window", bytes);
  st.parts.push_back(std::move(part));
}

void WindowOperator::combine(OperatorState* state, ExecContext& /*ctx*/) {
  if (!state) return;
  auto& st = static_cast<SinkState&>(*state);
  for (auto& p : st.parts) parts_.push_back(std::move(p));
  st.parts.clear();
}

void WindowOperator::finalize(ExecContext& ctx) {
  orderByMorsel(parts_);
  int64_t n = 0;
  for (const auto& p : parts_) n += p.batch->numRows();
  if (n > static_cast<int64_t>(INT32_MAX)) {
    throw UnsupportedException("Window: " + std::to_string(n) + " rows exceed the in-memory window limit of 2^31");
  }
  rows_ = n;
  chunk_ = std::max<int64_t>(ctx.batch_size, 1);
  // Sorted copies of the evaluated columns, per-row bounds and results.
  int64_t per_row = 64 + 8 * static_cast<int64_t>(exprs_.size());
  for (const auto& p : parts_) {
    for (const auto& k : p.keys) per_row += p.batch->numRows() ? k->memoryBytes() / p.batch->numRows() : 0;
    break;
  }
  growReservation(mutex_, reservation_, ctx, "Window", n * per_row);

  size_t num_sort = partition_keys_.size() + order_keys_.size();
  std::vector<VectorPtr> cols;
  for (size_t k = 0; k < evaluated_.size(); ++k) cols.push_back(concatKey(parts_, k, evaluated_[k].expr->type()));
  std::vector<uint32_t> idx;
  if (num_sort > 0 && n > 0) {
    std::vector<VectorPtr> keys(cols.begin(), cols.begin() + static_cast<long>(num_sort));
    std::vector<SortOrderSpec> specs = specsOf(std::vector<SortKey>(evaluated_.begin(), evaluated_.begin() + static_cast<long>(num_sort)));
    idx = sortRows(keys, specs, n, nullptr, -1, ctx.pool);
  } else {
    idx.resize(static_cast<size_t>(n));
    std::iota(idx.begin(), idx.end(), 0u);
  }
  order_ = refsOf(parts_, idx);
  std::vector<int32_t> rows(idx.begin(), idx.end());
  sorted_.clear();
  for (auto& c : cols) sorted_.push_back(num_sort > 0 ? gather(*c, rows.data(), n) : c);
  cols.clear();
  for (auto& p : parts_) p.keys.clear();

  // Partition starts and global peer groups.
  std::vector<int64_t> part_starts;
  std::vector<int64_t> peer_begin(static_cast<size_t>(n)), peer_end(static_cast<size_t>(n));
  size_t np = partition_keys_.size();
  int64_t group_start = 0;
  for (int64_t i = 0; i < n; ++i) {
    bool new_part = i == 0;
    for (size_t k = 0; k < np && !new_part; ++k) new_part = !keysEqual(*sorted_[k], i, *sorted_[k], i - 1);
    bool new_peer = new_part;
    for (size_t k = np; k < num_sort && !new_peer; ++k) new_peer = !keysEqual(*sorted_[k], i, *sorted_[k], i - 1);
    if (new_part) part_starts.push_back(i);
    if (new_peer) {
      for (int64_t j = group_start; j < i; ++j) peer_end[j] = i;
      group_start = i;
    }
    peer_begin[i] = group_start;
  }
  for (int64_t j = group_start; j < n; ++j) peer_end[j] = n;

  range_key_.reset();
  for (const auto& e : exprs_) {
    if (frameNeedsRangeKey(e.frame) && !range_key_ && !order_keys_.empty()) {
      range_key_ = std::make_unique<RangeKey>(makeRangeKey(*sorted_[np], order_keys_[0].ascending));
    }
  }

  // Runs of whole partitions, large enough to amortise per-run costs and
  // numerous enough to keep every thread busy.
  int threads = ctx.pool ? ctx.pool->threads() : 1;
  int64_t target = std::max<int64_t>(1024, n / (static_cast<int64_t>(threads) * 8) + 1);
  std::vector<Run> runs;
  for (size_t p = 0; p < part_starts.size(); ++p) {
    if (runs.empty() || runs.back().end - runs.back().begin >= target) {
      runs.push_back(Run{part_starts[p], part_starts[p], {}});
    }
    Run& r = runs.back();
    r.part_starts.push_back(part_starts[p]);
    r.end = p + 1 < part_starts.size() ? part_starts[p + 1] : n;
  }
  for (auto& r : runs) r.part_starts.push_back(r.end);

  std::vector<std::vector<VectorPtr>> out(runs.size(), std::vector<VectorPtr>(exprs_.size()));
  auto work = [&](int64_t r, int) {
    ExecContext c = ctx;
    for (size_t e = 0; e < exprs_.size(); ++e) out[r][e] = evaluateRun(e, runs[r], peer_begin, peer_end, c);
  };
  if (ctx.pool && runs.size() > 1) {
    ctx.pool->parallelFor(static_cast<int64_t>(runs.size()), work);
  } else {
    for (size_t r = 0; r < runs.size(); ++r) work(static_cast<int64_t>(r), 0);
  }
  results_.clear();
  for (size_t e = 0; e < exprs_.size(); ++e) {
    std::vector<VectorPtr> pieces;
    for (auto& r : out) pieces.push_back(std::move(r[e]));
    DataTypePtr type = exprs_[e].returnType();
    if (pieces.empty()) results_.push_back(Vector::makeFlat(type, 0));
    else if (pieces.size() == 1) results_.push_back(pieces[0]->flatten());
    else results_.push_back(concat(type, pieces));
  }
  // Only the payload and the results are needed from here on.
  sorted_.clear();
  range_key_.reset();
}

VectorPtr WindowOperator::evaluateRun(size_t e, const Run& run, const std::vector<int64_t>& gpeer_begin,
                                      const std::vector<int64_t>& gpeer_end, ExecContext& ctx) const {
  const WindowExprSpec& spec = exprs_[e];
  int64_t n = run.end - run.begin;
  // Partition-relative peer groups and (when used) frames of the run's rows.
  std::vector<int64_t> peer_begin(static_cast<size_t>(n)), peer_end(static_cast<size_t>(n));
  size_t parts = run.part_starts.size() - 1;
  for (size_t p = 0; p < parts; ++p) {
    int64_t s = run.part_starts[p];
    for (int64_t g = s; g < run.part_starts[p + 1]; ++g) {
      peer_begin[g - run.begin] = gpeer_begin[g] - s;
      peer_end[g - run.begin] = gpeer_end[g] - s;
    }
  }
  bool aggregate = isAggregate(spec);
  WindowAggregateMode mode =
      aggregate ? windowAggregateMode(spec.frame) : WindowAggregateMode::SegmentTree;
  bool uses_frame = aggregate ? mode == WindowAggregateMode::SegmentTree : std::get<0>(spec.function).uses_frame;
  std::vector<int64_t> frame_begin, frame_end;
  if (uses_frame) {
    frame_begin.resize(static_cast<size_t>(n));
    frame_end.resize(static_cast<size_t>(n));
    for (size_t p = 0; p < parts; ++p) {
      int64_t s = run.part_starts[p], off = s - run.begin;
      computeFrameBounds(spec.frame, range_key_.get(), s, run.part_starts[p + 1] - s, peer_begin.data() + off,
                         peer_end.data() + off, frame_begin.data() + off, frame_end.data() + off);
    }
  }
  std::vector<VectorPtr> args(sorted_.begin() + static_cast<long>(arg_start_[e]),
                              sorted_.begin() + static_cast<long>(arg_start_[e] + spec.args.size()));
  if (aggregate) {
    WindowRun wr;
    wr.n = n;
    for (int64_t s : run.part_starts) wr.part_bounds.push_back(s - run.begin);
    wr.peer_begin = peer_begin.data();
    wr.peer_end = peer_end.data();
    wr.frame_begin = frame_begin.data();
    wr.frame_end = frame_end.data();
    bool whole = run.begin == 0 && run.end == rows_;
    std::vector<VectorPtr> run_args;
    for (const auto& a : args) run_args.push_back(whole ? a : slice(*a, run.begin, n));
    return evaluateWindowAggregate(*std::get<1>(spec.function), run_args, wr, mode,
                                   spec.frame.type == WindowFrame::Type::Rows, ctx.eval);
  }
  const BoundWindowFunction& fn = std::get<0>(spec.function);
  std::vector<VectorPtr> pieces;
  for (size_t p = 0; p < parts; ++p) {
    int64_t s = run.part_starts[p], off = s - run.begin;
    WindowPartition wp;
    wp.args = &args;
    wp.offset = s;
    wp.n = run.part_starts[p + 1] - s;
    wp.peer_begin = peer_begin.data() + off;
    wp.peer_end = peer_end.data() + off;
    if (uses_frame) {
      wp.frame_begin = frame_begin.data() + off;
      wp.frame_end = frame_end.data() + off;
    }
    pieces.push_back(fn.evaluate(wp, ctx.eval));
  }
  if (pieces.size() == 1) return pieces[0]->flatten();
  return concat(fn.return_type, pieces);
}

int64_t WindowOperator::morselCount(ExecContext& /*ctx*/) { return (rows_ + chunk_ - 1) / chunk_; }

void WindowOperator::produce(int64_t morsel, ExecContext& /*ctx*/, const Emit& emit) {
  int64_t start = morsel * chunk_;
  int64_t n = std::min<int64_t>(chunk_, rows_ - start);
  if (n <= 0) return;
  RecordBatchPtr payload = gatherParts(parts_, children()[0]->schema(), order_.data() + start, n);
  std::vector<VectorPtr> cols = payload->columns();
  for (const auto& r : results_) cols.push_back(start == 0 && n == rows_ ? r : slice(*r, start, n));
  emit(RecordBatch::make(schema(), std::move(cols), n));
}

}  // namespace loch
