#include "loch/exec/aggregate/hash_aggregate.h"

#include <algorithm>

#include "loch/common/exception.h"
#include "loch/common/thread_pool.h"
#include "loch/vector/decoded_vector.h"
#include "loch/vector/vector_ops.h"

namespace loch {

namespace {

constexpr const char* kOperatorName = "HashAggregate";

std::shared_ptr<MemoryTracker> trackerOf(const ExecContext& ctx) {
  return ctx.memory ? ctx.memory : std::make_shared<MemoryTracker>(0);
}

std::vector<const BoundAggregateFunction*> functionsOf(const std::vector<AggregateExprSpec>& aggregates) {
  std::vector<const BoundAggregateFunction*> out;
  for (const auto& a : aggregates) {
    if (!a.function) throw InternalException("HashAggregate: aggregate without a bound function");
    out.push_back(a.function.get());
  }
  return out;
}

std::vector<DataTypePtr> typesOf(const std::vector<PhysicalExprPtr>& exprs) {
  std::vector<DataTypePtr> out;
  for (const auto& e : exprs) out.push_back(e->type());
  return out;
}

inline int partitionOf(uint64_t hash) { return static_cast<int>(hash >> (64 - HashAggregate::kRadixBits)); }

/// Rows where a FILTER predicate is TRUE.
void selectTrue(const Vector& predicate, int64_t n, std::vector<int32_t>& rows) {
  rows.clear();
  DecodedVector d(predicate);
  if (predicate.typeId() == TypeId::Null) return;
  for (int64_t i = 0; i < n; ++i)
    if (!d.isNull(i) && d.valueAt<uint8_t>(i)) rows.push_back(static_cast<int32_t>(i));
}

const uint8_t kEmptyKey[16] = {};

}  // namespace

struct HashAggregate::WorkerTables {
  WorkerTables(const GroupRowLayout& layout, std::shared_ptr<MemoryTracker> tracker)
      : reservation(std::make_unique<MemoryReservation>(std::move(tracker), kOperatorName)),
        arena(std::make_unique<GroupArena>(layout, *reservation)) {
    for (int p = 0; p < kPartitions; ++p) partitions.push_back(std::make_unique<GroupTable>(&layout));
  }

  uint8_t* globalGroup() { return partitions[0]->findOrInsert(0, kEmptyKey, *arena, *reservation); }

  std::unique_ptr<MemoryReservation> reservation;
  std::unique_ptr<GroupArena> arena;
  std::vector<std::unique_ptr<GroupTable>> partitions;
};

namespace {

struct SinkState : OperatorState {
  std::unique_ptr<HashAggregate::WorkerTables> tables;
  EvalContext eval;
  std::vector<uint8_t> key_rows;
  std::vector<uint64_t> hashes;
  std::vector<uint8_t*> groups;
  std::vector<uint8_t*> states;
  std::vector<int32_t> selected;
  std::vector<std::string> nested_scratch;
};

}  // namespace

HashAggregate::HashAggregate(SchemaPtr schema, PhysicalOperatorPtr child, std::vector<PhysicalExprPtr> keys,
                             std::vector<AggregateExprSpec> aggregates)
    : PhysicalOperator(std::move(schema), child ? std::vector<PhysicalOperatorPtr>{child}
                                                : std::vector<PhysicalOperatorPtr>{}),
      keys_(std::move(keys)),
      aggregates_(std::move(aggregates)) {
  layout_ = std::make_unique<GroupRowLayout>(GroupKeyLayout(typesOf(keys_)), functionsOf(aggregates_));
  if (!this->schema() || this->schema()->fields().size() != keys_.size() + aggregates_.size())
    throw InternalException("HashAggregate: output schema must have one field per key and per aggregate");
}

HashAggregate::~HashAggregate() = default;

std::string HashAggregate::toString() const {
  std::string out = "HashAggregate(keys=[";
  for (size_t i = 0; i < keys_.size(); ++i) out += (i ? ", " : "") + keys_[i]->toString();
  out += "], functions=[";
  for (size_t a = 0; a < aggregates_.size(); ++a) {
    const auto& spec = aggregates_[a];
    out += (a ? ", " : "") + spec.function->name + "(";
    if (spec.distinct) out += "DISTINCT ";
    if (spec.args.empty() && spec.function->name == "count") out += "1";
    for (size_t i = 0; i < spec.args.size(); ++i) out += (i ? ", " : "") + spec.args[i]->toString();
    out += ")";
    if (spec.filter) out += " FILTER (WHERE " + spec.filter->toString() + ")";
  }
  return out + "])";
}

std::unique_ptr<OperatorState> HashAggregate::makeSinkState(ExecContext& ctx) {
  auto state = std::make_unique<SinkState>();
  state->tables = std::make_unique<WorkerTables>(*layout_, trackerOf(ctx));
  state->eval = ctx.eval;
  return state;
}

void HashAggregate::sink(const RecordBatchPtr& batch, int64_t morsel, OperatorState* state, ExecContext& ctx) {
  auto& s = *static_cast<SinkState*>(state);
  int64_t n = batch->numRows();
  if (n == 0) return;
  s.eval.partition_index = morsel;
  WorkerTables& w = *s.tables;
  s.groups.resize(static_cast<size_t>(n));
  if (keys_.empty()) {
    std::fill(s.groups.begin(), s.groups.end(), w.globalGroup());
  } else {
    std::vector<VectorPtr> key_vectors;
    key_vectors.reserve(keys_.size());
    for (const auto& k : keys_) key_vectors.push_back(k->evaluate(*batch, s.eval));
    uint32_t width = layout_->keys.width();
    s.key_rows.resize(static_cast<size_t>(n) * width);
    s.hashes.resize(static_cast<size_t>(n));
    layout_->keys.encode(key_vectors, n, s.key_rows.data(), s.hashes.data(), s.nested_scratch);
    probe(w, s.key_rows.data(), width, s.hashes.data(), n, s.groups.data());
  }

  for (size_t a = 0; a < aggregates_.size(); ++a) {
    const AggregateExprSpec& spec = aggregates_[a];
    uint32_t offset = layout_->state_offsets[a];
    std::vector<VectorPtr> args;
    args.reserve(spec.args.size());
    for (const auto& e : spec.args) args.push_back(e->evaluate(*batch, s.eval));
    int64_t m = n;
    s.states.resize(static_cast<size_t>(n));
    if (spec.filter) {
      VectorPtr predicate = spec.filter->evaluate(*batch, s.eval);
      selectTrue(*predicate, n, s.selected);
      m = static_cast<int64_t>(s.selected.size());
      if (m == 0) continue;
      if (m < n) {
        for (auto& v : args) v = gather(*v, s.selected.data(), m);
        for (int64_t i = 0; i < m; ++i) s.states[static_cast<size_t>(i)] = s.groups[s.selected[i]] + offset;
      }
    }
    if (keys_.empty() && spec.function->update_single) {
      // No GROUP BY: every row folds into the one state.
      spec.function->update_single(args, m, s.groups[0] + offset, s.eval);
      continue;
    }
    if (m == n)
      for (int64_t i = 0; i < n; ++i) s.states[static_cast<size_t>(i)] = s.groups[static_cast<size_t>(i)] + offset;
    spec.function->update(args, m, s.states.data(), s.eval);
  }
}

void HashAggregate::probe(WorkerTables& w, const uint8_t* keys, uint32_t width, const uint64_t* hashes, int64_t n,
                          uint8_t** groups) {
  // Probing a table larger than the cache costs two misses per row (slot,
  // then group row). A three-stage software pipeline over chunks of rows
  // overlaps them: the slots of chunk c + 2 and the salt-matching rows of
  // chunk c + 1 are prefetched while chunk c is probed, so every probe
  // finds its lines in cache (as in DuckDB's and Velox's batched probes).
  constexpr int64_t kChunk = 16;
  auto tableOf = [&](uint64_t h) { return w.partitions[static_cast<size_t>(partitionOf(h))].get(); };
  for (int64_t base = -2 * kChunk; base < n; base += kChunk) {
    for (int64_t i = std::max<int64_t>(base + 2 * kChunk, 0), e = std::min(base + 3 * kChunk, n); i < e; ++i)
      tableOf(hashes[i])->prefetchSlot(hashes[i]);
    for (int64_t i = std::max<int64_t>(base + kChunk, 0), e = std::min(base + 2 * kChunk, n); i < e; ++i)
      tableOf(hashes[i])->prefetchRow(hashes[i]);
    for (int64_t i = std::max<int64_t>(base, 0), e = std::min(base + kChunk, n); i < e; ++i)
      groups[i] = tableOf(hashes[i])->findOrInsert(hashes[i], keys + static_cast<size_t>(i) * width, *w.arena,
                                                   *w.reservation);
  }
}

void HashAggregate::combine(OperatorState* state, ExecContext& ctx) {
  auto& s = *static_cast<SinkState*>(state);
  if (!s.tables) return;
  std::lock_guard<std::mutex> lock(mutex_);
  workers_.push_back(std::move(s.tables));
}

void HashAggregate::mergePartition(int p, ExecContext& ctx) {
  EvalContext eval = ctx.eval;
  auto reservation = std::make_unique<MemoryReservation>(trackerOf(ctx), kOperatorName);
  // The largest table becomes the base, so the fewest groups are re-inserted.
  size_t base = 0;
  for (size_t w = 1; w < workers_.size(); ++w)
    if (workers_[w]->partitions[p]->size() > workers_[base]->partitions[p]->size()) base = w;
  std::unique_ptr<GroupTable> merged = std::move(workers_[base]->partitions[p]);
  const auto& fns = layout_->functions;
  const auto& offsets = layout_->state_offsets;
  for (size_t w = 0; w < workers_.size(); ++w) {
    if (w == base) continue;
    const std::vector<uint8_t*>& rows = workers_[w]->partitions[p]->groups();
    constexpr size_t kAhead = 8;  // prefetch distance, as in probe()
    for (size_t r = 0; r < rows.size(); ++r) {
      if (r + kAhead < rows.size()) merged->prefetchSlot(layout_->hashOf(rows[r + kAhead]));
      uint8_t* row = rows[r];
      uint8_t* target = merged->find(layout_->hashOf(row), layout_->keyOf(row));
      if (!target) {
        merged->insertRow(row, *reservation);
        continue;
      }
      for (size_t a = 0; a < fns.size(); ++a) fns[a]->combine(target + offsets[a], row + offsets[a], eval);
    }
  }
  merged_[static_cast<size_t>(p)] = std::move(merged);
  merge_reservations_[static_cast<size_t>(p)] = std::move(reservation);
}

void HashAggregate::finalize(ExecContext& ctx) {
  if (keys_.empty()) {
    bool any = false;
    for (const auto& w : workers_) any |= w->partitions[0]->size() > 0;
    if (!any) {
      // Global aggregate of no rows: one group of initial states.
      auto tables = std::make_unique<WorkerTables>(*layout_, trackerOf(ctx));
      tables->globalGroup();
      workers_.push_back(std::move(tables));
    }
  }
  merged_.clear();
  merged_.resize(kPartitions);
  merge_reservations_.clear();
  merge_reservations_.resize(kPartitions);
  if (workers_.empty()) return;
  if (ctx.pool && ctx.pool->threads() > 1 && workers_.size() > 1) {
    ctx.pool->parallelFor(kPartitions, [&](int64_t p, int) { mergePartition(static_cast<int>(p), ctx); });
  } else {
    for (int p = 0; p < kPartitions; ++p) mergePartition(p, ctx);
  }
  // The merged tables' slot arrays are no longer needed (their rows stay in
  // the arenas), so give their memory back before the source side runs.
  for (auto& w : workers_) {
    for (auto& table : w->partitions) {
      if (!table) continue;
      w->reservation->grow(-table->memoryBytes());
      table.reset();
    }
  }
}

int64_t HashAggregate::groupCount() const {
  int64_t n = 0;
  for (const auto& t : merged_)
    if (t) n += t->size();
  return n;
}

int64_t HashAggregate::morselCount(ExecContext&) { return static_cast<int64_t>(merged_.size()); }

void HashAggregate::produce(int64_t morsel, ExecContext& ctx, const Emit& emit) {
  if (morsel < 0 || morsel >= static_cast<int64_t>(merged_.size()) || !merged_[static_cast<size_t>(morsel)]) return;
  const std::vector<uint8_t*>& groups = merged_[static_cast<size_t>(morsel)]->groups();
  EvalContext eval = ctx.eval;
  eval.partition_index = morsel;
  int64_t total = static_cast<int64_t>(groups.size());
  int64_t batch_size = std::max<int64_t>(1, ctx.batch_size);
  std::vector<const uint8_t*> keys;
  std::vector<uint8_t*> states;
  for (int64_t start = 0; start < total; start += batch_size) {
    int64_t m = std::min(batch_size, total - start);
    std::vector<VectorPtr> columns;
    keys.resize(static_cast<size_t>(m));
    for (int64_t i = 0; i < m; ++i) keys[static_cast<size_t>(i)] = layout_->keyOf(groups[static_cast<size_t>(start + i)]);
    for (size_t c = 0; c < keys_.size(); ++c) columns.push_back(layout_->keys.decode(c, keys.data(), m));
    states.resize(static_cast<size_t>(m));
    for (size_t a = 0; a < aggregates_.size(); ++a) {
      for (int64_t i = 0; i < m; ++i)
        states[static_cast<size_t>(i)] = groups[static_cast<size_t>(start + i)] + layout_->state_offsets[a];
      columns.push_back(aggregates_[a].function->finalize(states.data(), m, eval));
    }
    emit(RecordBatch::make(schema(), std::move(columns), m));
  }
}

}  // namespace loch
