#include "loch/exec/window/window_operator.h"

#include <algorithm>
#include <functional>

#include "loch/common/exception.h"
#include "loch/common/thread_pool.h"
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
  // Sort records, key changes, sorted arguments, peer groups and results.
  int64_t per_row = 48 + 8 * static_cast<int64_t>(exprs_.size());
  for (const auto& p : parts_) {
    for (size_t k = partition_keys_.size() + order_keys_.size(); k < p.keys.size(); ++k) {
      per_row += p.batch->numRows() ? p.keys[k]->memoryBytes() / p.batch->numRows() : 0;
    }
    break;
  }
  growReservation(mutex_, reservation_, ctx, "Window", n * per_row);

  size_t np = partition_keys_.size();
  size_t num_sort = np + order_keys_.size();
  std::vector<uint16_t> first_diff;
  std::vector<uint32_t> idx;
  presorted_ = true;
  range_key_.reset();
  if (num_sort > 0 && n > 0) {
    // The sort keys stay in their parts (no concatenated copy).
    std::vector<std::vector<VectorPtr>> keys;
    for (auto& p : parts_) {
      keys.emplace_back(p.keys.begin(), p.keys.begin() + static_cast<long>(num_sort));
      for (size_t k = 0; k < num_sort; ++k) p.keys[k].reset();
    }
    std::vector<SortOrderSpec> specs =
        specsOf(std::vector<SortKey>(evaluated_.begin(), evaluated_.begin() + static_cast<long>(num_sort)));
    bool needs_range = false;
    for (const auto& e : exprs_) needs_range = needs_range || frameNeedsRangeKey(e.frame);
    VectorPtr range_key;
    if (needs_range && !order_keys_.empty()) {
      std::vector<VectorPtr> pieces;
      for (const auto& k : keys) pieces.push_back(k[np]);
      range_key = concat(evaluated_[np].expr->type(), pieces)->flatten();
    }
    if (!keyPartsAlreadySorted(keys, specs, &first_diff)) {
      presorted_ = false;
      idx = sortRowParts(std::move(keys), specs, ctx.pool, &first_diff);
      if (range_key) range_key = gather(*range_key, reinterpret_cast<const int32_t*>(idx.data()), n);
    }
    keys.clear();
    if (range_key) range_key_ = std::make_unique<RangeKey>(makeRangeKey(*range_key, order_keys_[0].ascending));
  } else {
    first_diff.assign(static_cast<size_t>(n), 0);
  }
  std::vector<uint64_t> refs;  // payload row refs in sorted order (unless presorted_)
  if (!presorted_) refs = refsOf(parts_, idx);
  idx = {};

  // The arguments in sorted order (the sort keys are no longer needed).
  std::vector<VectorPtr> args(evaluated_.size());
  std::vector<const Vector*> sources(parts_.size());
  for (size_t k = num_sort; k < evaluated_.size(); ++k) {
    const DataTypePtr& type = evaluated_[k].expr->type();
    if (presorted_) {
      args[k] = concatKey(parts_, k, type);
    } else {
      for (size_t p = 0; p < parts_.size(); ++p) sources[p] = parts_[p].keys[k].get();
      args[k] = gatherColumn(makeGatherColumn(sources, type), refs.data(), n, ctx.pool);
    }
  }
  for (auto& p : parts_) p.keys.clear();
  evaluateAll(first_diff, args, ctx);
  args.clear();
  first_diff = {};
  range_key_.reset();
  buildOutput(refs, ctx);
}

void WindowOperator::buildOutput(const std::vector<uint64_t>& refs, ExecContext& ctx) {
  // Output chunks: the input batches themselves when presorted_, else
  // chunk_-row slices of the sorted order.
  std::vector<int64_t> starts;
  if (presorted_) {
    int64_t r = 0;
    for (const auto& p : parts_) {
      starts.push_back(r);
      r += p.batch->numRows();
    }
  } else {
    for (int64_t r = 0; r < rows_; r += chunk_) starts.push_back(r);
  }
  starts.push_back(rows_);
  auto chunks = static_cast<int64_t>(starts.size()) - 1;
  size_t width = children()[0]->schema()->fields().size();
  std::vector<std::vector<VectorPtr>> cols(static_cast<size_t>(chunks));
  auto forChunks = [&](const std::function<void(int64_t)>& fn) {
    if (ctx.pool && chunks > 1) {
      ctx.pool->parallelFor(chunks, [&](int64_t m, int) { fn(m); });
    } else {
      for (int64_t m = 0; m < chunks; ++m) fn(m);
    }
  };
  if (presorted_) {
    for (int64_t m = 0; m < chunks; ++m) cols[m] = parts_[static_cast<size_t>(m)].batch->columns();
  } else {
    // Column by column, dropping each input column once it is gathered, so
    // that the input and its sorted copy are not both held in full.
    std::vector<std::vector<VectorPtr>> input(parts_.size());
    for (size_t p = 0; p < parts_.size(); ++p) input[p] = parts_[p].batch->columns();
    for (auto& c : cols) c.resize(width);
    const auto& fields = children()[0]->schema()->fields();
    for (size_t c = 0; c < width; ++c) {
      std::vector<const Vector*> src(input.size());
      for (size_t p = 0; p < input.size(); ++p) src[p] = input[p][c].get();
      GatherColumn column = makeGatherColumn(std::move(src), fields[c].type);
      forChunks([&](int64_t m) { cols[m][c] = gatherColumn(column, refs.data() + starts[m], starts[m + 1] - starts[m]); });
      if (c == 0) parts_.clear();  // `input` now holds the only references
      for (auto& in : input) in[c].reset();
    }
  }
  parts_.clear();
  parts_.shrink_to_fit();
  for (size_t e = 0; e < results_.size(); ++e) {
    forChunks([&](int64_t m) { cols[m].push_back(resultRows(e, starts[m], starts[m + 1] - starts[m])); });
    results_[e].clear();
  }
  results_.clear();
  result_starts_.clear();
  out_.assign(static_cast<size_t>(chunks), nullptr);
  for (int64_t m = 0; m < chunks; ++m) {
    out_[m] = RecordBatch::make(schema(), std::move(cols[m]), starts[m + 1] - starts[m]);
  }
  morsels_ = chunks;
  produced_ = 0;
  if (morsels_ == 0) releaseIfDone();
}

void WindowOperator::evaluateAll(const std::vector<uint16_t>& first_diff, const std::vector<VectorPtr>& args,
                                 ExecContext& ctx) {
  int64_t n = rows_;
  size_t np = partition_keys_.size();
  size_t num_sort = np + order_keys_.size();
  // Runs of whole partitions, large enough to amortise per-run costs and
  // numerous enough to keep every thread busy.
  int threads = ctx.pool ? ctx.pool->threads() : 1;
  int64_t target = std::max<int64_t>(1024, n / (static_cast<int64_t>(threads) * 8) + 1);
  std::vector<Run> runs;
  for (int64_t i = 0; i < n; ++i) {
    if (i > 0 && first_diff[static_cast<size_t>(i)] >= np) continue;
    if (runs.empty() || i - runs.back().begin >= target) {
      if (!runs.empty()) runs.back().end = i;
      runs.push_back(Run{i, n, {}});
    }
    runs.back().part_starts.push_back(i);
  }
  for (auto& r : runs) r.part_starts.push_back(r.end);

  std::vector<std::vector<VectorPtr>> out(runs.size(), std::vector<VectorPtr>(exprs_.size()));
  auto work = [&](int64_t r, int) {
    ExecContext c = ctx;
    const Run& run = runs[static_cast<size_t>(r)];
    // Partition-relative peer groups of the run's rows.
    int64_t m = run.end - run.begin;
    std::vector<int64_t> peer_begin(static_cast<size_t>(m)), peer_end(static_cast<size_t>(m));
    for (size_t p = 0; p + 1 < run.part_starts.size(); ++p) {
      int64_t s = run.part_starts[p], e = run.part_starts[p + 1];
      int64_t group = s;
      for (int64_t i = s; i < e; ++i) {
        if (i > s && first_diff[static_cast<size_t>(i)] < num_sort) group = i;
        peer_begin[i - run.begin] = group - s;
      }
      int64_t end = e;
      for (int64_t i = e - 1; i >= s; --i) {
        peer_end[i - run.begin] = end - s;
        if (peer_begin[i - run.begin] == i - s) end = i;
      }
    }
    for (size_t e = 0; e < exprs_.size(); ++e) out[r][e] = evaluateRun(e, run, args, peer_begin, peer_end, c);
  };
  if (ctx.pool && runs.size() > 1) {
    ctx.pool->parallelFor(static_cast<int64_t>(runs.size()), work);
  } else {
    for (size_t r = 0; r < runs.size(); ++r) work(static_cast<int64_t>(r), 0);
  }
  // Kept per run: buildOutput cuts the output chunks straight from them.
  results_.assign(exprs_.size(), {});
  result_starts_.clear();
  for (const auto& r : runs) result_starts_.push_back(r.begin);
  result_starts_.push_back(n);
  for (size_t e = 0; e < exprs_.size(); ++e) {
    for (auto& r : out) results_[e].push_back(std::move(r[e]));
  }
}

VectorPtr WindowOperator::resultRows(size_t e, int64_t start, int64_t len) const {
  // Runs overlapping [start, start + len): usually one.
  auto first = std::upper_bound(result_starts_.begin(), result_starts_.end(), start) - result_starts_.begin() - 1;
  std::vector<VectorPtr> pieces;
  for (auto r = static_cast<size_t>(first); r + 1 < result_starts_.size() && result_starts_[r] < start + len; ++r) {
    const VectorPtr& piece = results_[e][r];
    int64_t from = std::max(start, result_starts_[r]) - result_starts_[r];
    int64_t to = std::min(start + len, result_starts_[r + 1]) - result_starts_[r];
    pieces.push_back(from == 0 && to == piece->size() ? piece : slice(*piece, from, to - from));
  }
  if (pieces.size() == 1) return pieces[0];
  return concat(exprs_[e].returnType(), pieces);
}

VectorPtr WindowOperator::evaluateRun(size_t e, const Run& run, const std::vector<VectorPtr>& sorted_args,
                                      const std::vector<int64_t>& peer_begin, const std::vector<int64_t>& peer_end,
                                      ExecContext& ctx) const {
  const WindowExprSpec& spec = exprs_[e];
  int64_t n = run.end - run.begin;
  size_t parts = run.part_starts.size() - 1;
  std::vector<int64_t> bounds;
  bounds.reserve(run.part_starts.size());
  for (int64_t s : run.part_starts) bounds.push_back(s - run.begin);
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
  std::vector<VectorPtr> args(sorted_args.begin() + static_cast<long>(arg_start_[e]),
                              sorted_args.begin() + static_cast<long>(arg_start_[e] + spec.args.size()));
  if (aggregate) {
    WindowRun wr;
    wr.n = n;
    wr.part_bounds = std::move(bounds);
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
  WindowPartitions wp;
  wp.args = &args;
  wp.offset = run.begin;
  wp.n = n;
  wp.part_bounds = bounds.data();
  wp.parts = static_cast<int64_t>(parts);
  wp.peer_begin = peer_begin.data();
  wp.peer_end = peer_end.data();
  if (uses_frame) {
    wp.frame_begin = frame_begin.data();
    wp.frame_end = frame_end.data();
  }
  return fn.evaluate(wp, ctx.eval)->flatten();
}

int64_t WindowOperator::morselCount(ExecContext& /*ctx*/) { return morsels_; }

void WindowOperator::produce(int64_t morsel, ExecContext& /*ctx*/, const Emit& emit) {
  if (morsel < 0 || morsel >= static_cast<int64_t>(out_.size())) return;
  // Each morsel is produced once: hand the chunk over so that its memory goes
  // with the consumer.
  RecordBatchPtr batch = std::move(out_[static_cast<size_t>(morsel)]);
  releaseIfDone();
  if (batch && batch->numRows() > 0) emit(batch);
}

void WindowOperator::releaseIfDone() {
  if (produced_.fetch_add(1) + 1 < morsels_) return;
  // The last morsel: no other produce() runs any more.
  out_.clear();
  std::lock_guard<std::mutex> lock(mutex_);
  if (reservation_) reservation_->resize(0);
}

}  // namespace loch
