#include "loch/exec/join/hash_join.h"

#include <algorithm>
#include <limits>

#include "loch/common/exception.h"
#include "loch/exec/join/build_gather.h"
#include "loch/exec/join/key_compare.h"
#include "loch/exec/vector_hash.h"
#include "loch/vector/decoded_vector.h"
#include "loch/vector/vector_ops.h"

namespace loch {

namespace {

std::vector<StructField> fieldsOf(const PhysicalOperatorPtr& op, bool force_nullable) {
  std::vector<StructField> out = op->schema()->fields();
  if (force_nullable) {
    for (auto& f : out) f.nullable = true;
  }
  return out;
}

SchemaPtr joinedSchema(JoinType type, const PhysicalOperatorPtr& probe, const PhysicalOperatorPtr& build) {
  bool probe_nullable = joinKeepsBuild(type);
  bool build_nullable = joinKeepsProbe(type);
  std::vector<StructField> fields = fieldsOf(probe, probe_nullable);
  for (auto& f : fieldsOf(build, build_nullable)) fields.push_back(std::move(f));
  return StructType(std::move(fields));
}

SchemaPtr outputSchema(JoinType type, const PhysicalOperatorPtr& probe, const PhysicalOperatorPtr& build) {
  if (joinOutputsProbeOnly(type)) return probe->schema();
  return joinedSchema(type, probe, build);
}

// Emits the probe rows `rows` (in chunks of at most batch_size) with the
// build columns NULL (pad_build) or without build columns.
void emitProbeRows(const RecordBatch& input, const std::vector<int32_t>& rows, const SchemaPtr& schema,
                   const std::vector<DataTypePtr>& build_types, bool pad_build, int64_t batch_size,
                   const Emit& emit) {
  int64_t total = static_cast<int64_t>(rows.size());
  if (!pad_build && total == input.numRows() && total <= batch_size) {
    emit(RecordBatch::make(schema, input.columns(), total));
    return;
  }
  for (int64_t start = 0; start < total; start += batch_size) {
    int64_t n = std::min(batch_size, total - start);
    std::vector<VectorPtr> cols;
    cols.reserve(static_cast<size_t>(input.numColumns()) + build_types.size());
    for (const auto& c : input.columns()) cols.push_back(gather(*c, rows.data() + start, n));
    if (pad_build) {
      for (const auto& t : build_types) cols.push_back(Vector::makeNull(t, n));
    }
    emit(RecordBatch::make(schema, std::move(cols), n));
  }
}

}  // namespace

struct HashJoin::BuildPart {
  int64_t morsel = 0;
  int64_t seq = 0;
  RecordBatchPtr batch;
  std::vector<VectorPtr> keys;
  std::vector<uint64_t> hashes;  // of the keys, computed by the sinking worker
};

struct HashJoin::BuildState : OperatorState {
  std::vector<std::unique_ptr<BuildPart>> parts;
  int64_t last_morsel = -1;
  int64_t seq = 0;
};

struct HashJoin::ProbeState : OperatorState {
  std::vector<int32_t> pair_probe, pair_build;  // pending matched pairs
  std::vector<int32_t> act_probe, act_build;    // chain positions being walked
  std::vector<uint8_t> eq;
  std::vector<uint64_t> hashes;
  std::vector<uint8_t> probe_matched;  // per input row
  std::vector<uint8_t> skip;           // per input row: a non-null-safe key is NULL
};

struct HashJoin::Table {
  RecordBatchPtr batch;  // all build rows, flat columns, in morsel order
  std::vector<VectorPtr> keys;
  // Per build row: its key hash and the next row of its chain, side by side
  // so one cache miss serves both.
  struct Entry {
    uint64_t hash;
    int32_t next;
  };
  std::vector<Entry> entries;
  std::vector<int32_t> head;
  uint64_t mask = 0;
  int64_t rows = 0;
  bool has_null_key = false;  // some build row has a NULL in a non-null-safe key
  std::unique_ptr<std::atomic<uint8_t>[]> matched;
};

HashJoin::HashJoin(JoinType type, PhysicalOperatorPtr probe, PhysicalOperatorPtr build,
                   std::vector<PhysicalExprPtr> probe_keys, std::vector<PhysicalExprPtr> build_keys,
                   PhysicalExprPtr condition, std::vector<bool> null_safe)
    : PhysicalOperator(outputSchema(type, probe, build), {probe, build}),
      type_(type),
      probe_keys_(std::move(probe_keys)),
      build_keys_(std::move(build_keys)),
      condition_(std::move(condition)),
      null_safe_(std::move(null_safe)),
      joined_schema_(joinedSchema(type, probe, build)) {
  if (probe_keys_.size() != build_keys_.size()) {
    throw InternalException("HashJoin: " + std::to_string(probe_keys_.size()) + " probe keys but " +
                            std::to_string(build_keys_.size()) + " build keys");
  }
  for (size_t k = 0; k < probe_keys_.size(); ++k) {
    if (!probe_keys_[k]->type()->equals(*build_keys_[k]->type())) {
      throw InternalException("HashJoin: key " + std::to_string(k) + " has type " +
                              probe_keys_[k]->type()->simpleString() + " on the probe side but " +
                              build_keys_[k]->type()->simpleString() + " on the build side");
    }
  }
  if (null_safe_.empty()) null_safe_.assign(probe_keys_.size(), false);
  if (null_safe_.size() != probe_keys_.size()) {
    throw InternalException("HashJoin: null_safe flags do not match the key count");
  }
}

HashJoin::~HashJoin() = default;

void HashJoin::setNullAwareAnti(bool null_aware) {
  if (null_aware && (type_ != JoinType::LeftAnti || probe_keys_.size() != 1 || condition_)) {
    throw InternalException("HashJoin: a null-aware anti join needs LeftAnti, one key and no condition");
  }
  null_aware_anti_ = null_aware;
}

std::string HashJoin::toString() const {
  std::string s = operatorName() + "(" + joinTypeName(type_);
  if (!probe_keys_.empty()) {
    s += ", keys=[";
    for (size_t k = 0; k < probe_keys_.size(); ++k) {
      if (k) s += ", ";
      s += probe_keys_[k]->toString() + (null_safe_[k] ? " <=> " : " = ") + build_keys_[k]->toString();
    }
    s += "]";
  }
  if (condition_) s += ", condition=" + condition_->toString();
  if (null_aware_anti_) s += ", nullAware";
  return s + ")";
}

int64_t HashJoin::buildRows() const { return table_ ? table_->rows : 0; }

// ---- build side -------------------------------------------------------------

void HashJoin::reserveMemory(ExecContext& ctx, int64_t bytes) {
  if (!ctx.memory) return;
  std::lock_guard<std::mutex> lock(mutex_);
  if (!reservation_) reservation_ = std::make_unique<MemoryReservation>(ctx.memory, "HashJoin(build)");
  reservation_->grow(bytes);
}

void HashJoin::beginSink(int /*child*/, ExecContext& ctx) {
  if (ctx.memory && !reservation_) reservation_ = std::make_unique<MemoryReservation>(ctx.memory, "HashJoin(build)");
}

std::unique_ptr<OperatorState> HashJoin::makeSinkState(ExecContext& /*ctx*/) {
  return std::make_unique<BuildState>();
}

void HashJoin::sink(const RecordBatchPtr& batch, int64_t morsel, OperatorState* state, ExecContext& ctx) {
  if (!batch || batch->numRows() == 0) return;
  auto& st = static_cast<BuildState&>(*state);
  if (morsel != st.last_morsel) {
    st.last_morsel = morsel;
    st.seq = 0;
  }
  auto part = std::make_unique<BuildPart>();
  part->morsel = morsel;
  part->seq = st.seq++;
  part->batch = batch;
  int64_t bytes = batch->memoryBytes();
  for (const auto& k : build_keys_) {
    part->keys.push_back(k->evaluate(*batch, ctx.eval));
    bytes += part->keys.back()->memoryBytes();
  }
  if (!part->keys.empty()) {
    part->hashes.resize(static_cast<size_t>(batch->numRows()));
    hashColumns(part->keys, batch->numRows(), part->hashes.data());
    bytes += batch->numRows() * 8;
  }
  reserveMemory(ctx, bytes);
  st.parts.push_back(std::move(part));
}

void HashJoin::combine(OperatorState* state, ExecContext& /*ctx*/) {
  if (!state) return;
  auto& st = static_cast<BuildState&>(*state);
  for (auto& p : st.parts) parts_.push_back(std::move(p));
  st.parts.clear();
}

void HashJoin::finalize(ExecContext& ctx) { buildTable(ctx); }

void HashJoin::buildTable(ExecContext& ctx) {
  // Build rows in morsel order, so chains (and the output) are independent of
  // which worker sank which morsel.
  std::sort(parts_.begin(), parts_.end(), [](const auto& a, const auto& b) {
    return a->morsel != b->morsel ? a->morsel < b->morsel : a->seq < b->seq;
  });
  auto table = std::make_unique<Table>();
  int64_t rows = 0;
  for (const auto& p : parts_) rows += p->batch->numRows();
  if (rows > std::numeric_limits<int32_t>::max()) {
    throw UnsupportedException("HashJoin: the build side has " + std::to_string(rows) +
                               " rows; at most 2147483647 are supported");
  }
  const SchemaPtr& build_schema = children()[1]->schema();
  std::vector<VectorPtr> columns;
  for (size_t c = 0; c < build_schema->fields().size(); ++c) {
    std::vector<VectorPtr> pieces;
    pieces.reserve(parts_.size());
    for (const auto& p : parts_) pieces.push_back(p->batch->column(static_cast<int>(c)));
    VectorPtr col = pieces.empty() ? Vector::makeFlat(build_schema->fields()[c].type, 0) : concat(build_schema->fields()[c].type, pieces);
    columns.push_back(col->flatten());
  }
  for (size_t k = 0; k < build_keys_.size(); ++k) {
    std::vector<VectorPtr> pieces;
    for (const auto& p : parts_) pieces.push_back(p->keys[k]);
    VectorPtr col = pieces.empty() ? Vector::makeFlat(build_keys_[k]->type(), 0) : concat(build_keys_[k]->type(), pieces);
    table->keys.push_back(col->flatten());
  }
  std::vector<uint64_t> hashes;
  if (!build_keys_.empty()) {
    hashes.reserve(static_cast<size_t>(rows));
    for (const auto& p : parts_) hashes.insert(hashes.end(), p->hashes.begin(), p->hashes.end());
  }
  parts_.clear();
  table->rows = rows;
  table->batch = RecordBatch::make(build_schema, std::move(columns), rows);

  if (!build_keys_.empty()) {
    uint64_t buckets = 16;
    while (buckets < static_cast<uint64_t>(rows) * 2) buckets <<= 1;
    table->mask = buckets - 1;
    table->head.assign(buckets, -1);
    table->entries.resize(static_cast<size_t>(rows));
    for (int64_t i = 0; i < rows; ++i) table->entries[i] = Table::Entry{hashes[i], -1};
    std::vector<uint8_t> skip(static_cast<size_t>(rows), 0);
    for (size_t k = 0; k < table->keys.size(); ++k) {
      if (null_safe_[k]) continue;
      const Vector& key = *table->keys[k];
      if (key.typeId() == TypeId::Null) {
        std::fill(skip.begin(), skip.end(), 1);
        continue;
      }
      if (const uint8_t* valid = key.validity()) {
        for (int64_t i = 0; i < rows; ++i) skip[i] |= static_cast<uint8_t>(!bits::get(valid, i));
      }
    }
    // Inserting backwards leaves every chain in ascending row order.
    for (int64_t i = rows - 1; i >= 0; --i) {
      if (skip[i]) {
        table->has_null_key = true;
        continue;
      }
      uint64_t b = table->entries[i].hash & table->mask;
      table->entries[i].next = table->head[b];
      table->head[b] = static_cast<int32_t>(i);
    }
  }
  if (joinKeepsBuild(type_)) {
    table->matched = std::make_unique<std::atomic<uint8_t>[]>(static_cast<size_t>(std::max<int64_t>(rows, 1)));
    for (int64_t i = 0; i < rows; ++i) table->matched[i].store(0, std::memory_order_relaxed);
  }
  int64_t bytes = table->batch->memoryBytes() + static_cast<int64_t>(table->entries.size() * sizeof(Table::Entry) +
                                                                     table->head.size() * 4);
  for (const auto& k : table->keys) bytes += k->memoryBytes();
  if (joinKeepsBuild(type_)) bytes += rows;
  if (ctx.memory) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!reservation_) reservation_ = std::make_unique<MemoryReservation>(ctx.memory, "HashJoin(build)");
    reservation_->resize(bytes);
  }
  table_ = std::move(table);
}

// ---- probe side -------------------------------------------------------------

std::unique_ptr<OperatorState> HashJoin::makeState(ExecContext& /*ctx*/) { return std::make_unique<ProbeState>(); }

RecordBatchPtr HashJoin::joinedBatch(const RecordBatch& probe, const int32_t* probe_rows, const int32_t* build_rows,
                                     int64_t n, const SchemaPtr& schema) const {
  std::vector<VectorPtr> cols;
  cols.reserve(static_cast<size_t>(probe.numColumns() + table_->batch->numColumns()));
  for (const auto& c : probe.columns()) cols.push_back(gather(*c, probe_rows, n));
  for (const auto& c : table_->batch->columns()) cols.push_back(gatherBuildRows(*c, build_rows, n));
  return RecordBatch::make(schema, std::move(cols), n);
}

void HashJoin::flushPairs(const RecordBatch& input, ProbeState& st, ExecContext& ctx, const Emit& emit) const {
  int64_t m = static_cast<int64_t>(st.pair_probe.size());
  if (m == 0) return;
  const int32_t* pp = st.pair_probe.data();
  const int32_t* pb = st.pair_build.data();
  bool probe_only = joinOutputsProbeOnly(type_);
  bool keep_build = joinKeepsBuild(type_);
  if (!condition_) {
    for (int64_t j = 0; j < m; ++j) st.probe_matched[pp[j]] = 1;
    if (keep_build) {
      for (int64_t j = 0; j < m; ++j) {
        auto& f = table_->matched[pb[j]];
        if (!f.load(std::memory_order_relaxed)) f.store(1, std::memory_order_relaxed);
      }
    }
    if (!probe_only) emit(joinedBatch(input, pp, pb, m, schema()));
  } else {
    RecordBatchPtr joined = joinedBatch(input, pp, pb, m, joined_schema_);
    VectorPtr result = condition_->evaluate(*joined, ctx.eval);
    DecodedVector d(*result);
    std::vector<uint8_t> keep(static_cast<size_t>(m));
    int64_t kept = 0;
    for (int64_t j = 0; j < m; ++j) {
      bool pass = !d.isNull(j) && d.valueAt<uint8_t>(j) != 0;
      keep[j] = static_cast<uint8_t>(pass);
      kept += pass;
      if (pass) {
        st.probe_matched[pp[j]] = 1;
        if (keep_build) {
          auto& f = table_->matched[pb[j]];
          if (!f.load(std::memory_order_relaxed)) f.store(1, std::memory_order_relaxed);
        }
      }
    }
    if (!probe_only && kept > 0) {
      RecordBatchPtr out = kept == m ? joined : filterBatch(*joined, keep.data());
      emit(RecordBatch::make(schema(), out->columns(), out->numRows()));
    }
  }
  st.pair_probe.clear();
  st.pair_build.clear();
}

void HashJoin::probeHashed(const RecordBatch& input, const std::vector<VectorPtr>& keys, ProbeState& st,
                           ExecContext& ctx, const Emit& emit) const {
  const Table& t = *table_;
  int64_t n = input.numRows();
  st.hashes.resize(static_cast<size_t>(n));
  hashColumns(keys, n, st.hashes.data());
  st.skip.assign(static_cast<size_t>(n), 0);
  for (size_t k = 0; k < keys.size(); ++k) {
    if (null_safe_[k]) continue;
    if (keys[k]->typeId() == TypeId::Null) {
      std::fill(st.skip.begin(), st.skip.end(), 1);
    } else if (const uint8_t* valid = keys[k]->validity()) {
      for (int64_t i = 0; i < n; ++i) st.skip[i] |= static_cast<uint8_t>(!bits::get(valid, i));
    }
  }
  st.act_probe.clear();
  st.act_build.clear();
  if (t.rows > 0) {
    // Table lookups miss the cache: issue them all before using any.
    for (int64_t i = 0; i < n; ++i) __builtin_prefetch(&t.head[st.hashes[i] & t.mask]);
    for (int64_t i = 0; i < n; ++i) {
      if (st.skip[i]) continue;
      int32_t b = t.head[st.hashes[i] & t.mask];
      if (b >= 0) {
        st.act_probe.push_back(static_cast<int32_t>(i));
        st.act_build.push_back(b);
      }
    }
  }
  // Semi/anti joins without a residual only need to know whether a match
  // exists: a probe row leaves the walk at its first match.
  bool first_match_only = joinOutputsProbeOnly(type_) && !condition_;
  size_t batch_size = static_cast<size_t>(std::max<int64_t>(ctx.batch_size, 1));
  while (!st.act_probe.empty()) {
    size_t m = st.act_probe.size();
    int32_t* ap = st.act_probe.data();
    int32_t* ab = st.act_build.data();
    st.eq.resize(m);
    uint8_t* eq = st.eq.data();
    const uint64_t* ph = st.hashes.data();
    const Table::Entry* entries = t.entries.data();
    const uint8_t* key0 = t.keys[0]->type()->fixedWidth() > 0 ? t.keys[0]->valuesBuffer()->data() : nullptr;
    int width0 = t.keys[0]->type()->fixedWidth();
    for (size_t j = 0; j < m; ++j) {
      __builtin_prefetch(&entries[ab[j]]);
      if (key0) __builtin_prefetch(key0 + static_cast<size_t>(ab[j]) * width0);
    }
    for (size_t j = 0; j < m; ++j) eq[j] = static_cast<uint8_t>(entries[ab[j]].hash == ph[ap[j]]);
    for (size_t k = 0; k < keys.size(); ++k) {
      keycmp::equalPairs(*keys[k], ap, *t.keys[k], ab, static_cast<int64_t>(m), null_safe_[k], eq);
    }
    size_t w = 0;
    for (size_t j = 0; j < m; ++j) {
      if (eq[j]) {
        if (first_match_only) {
          st.probe_matched[ap[j]] = 1;
          continue;
        }
        st.pair_probe.push_back(ap[j]);
        st.pair_build.push_back(ab[j]);
        if (st.pair_probe.size() >= batch_size) flushPairs(input, st, ctx, emit);
      }
      int32_t nb = entries[ab[j]].next;
      if (nb >= 0) {
        ap[w] = ap[j];
        ab[w] = nb;
        ++w;
      }
    }
    st.act_probe.resize(w);
    st.act_build.resize(w);
  }
  flushPairs(input, st, ctx, emit);
}

void HashJoin::probeAllPairs(const RecordBatch& input, ProbeState& st, ExecContext& ctx, const Emit& emit) const {
  int64_t n = input.numRows();
  int64_t nb = table_->rows;
  if (nb == 0) return;
  if (joinOutputsProbeOnly(type_) && !condition_) {
    std::fill(st.probe_matched.begin(), st.probe_matched.end(), 1);
    return;
  }
  size_t batch_size = static_cast<size_t>(std::max<int64_t>(ctx.batch_size, 1));
  for (int64_t i = 0; i < n; ++i) {
    for (int64_t b = 0; b < nb; ++b) {
      st.pair_probe.push_back(static_cast<int32_t>(i));
      st.pair_build.push_back(static_cast<int32_t>(b));
      if (st.pair_probe.size() >= batch_size) flushPairs(input, st, ctx, emit);
    }
  }
  flushPairs(input, st, ctx, emit);
}

void HashJoin::emitProbeLeftovers(const RecordBatch& input, ProbeState& st, ExecContext& ctx,
                                  const Emit& emit) const {
  bool want_matched;
  bool pad;
  if (type_ == JoinType::LeftSemi) {
    want_matched = true;
    pad = false;
  } else if (type_ == JoinType::LeftAnti) {
    want_matched = false;
    pad = false;
  } else if (joinKeepsProbe(type_)) {
    want_matched = false;
    pad = true;
  } else {
    return;
  }
  std::vector<int32_t> rows;
  int64_t n = input.numRows();
  rows.reserve(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    if (static_cast<bool>(st.probe_matched[i]) == want_matched) rows.push_back(static_cast<int32_t>(i));
  }
  if (rows.empty()) return;
  std::vector<DataTypePtr> build_types;
  if (pad) {
    for (const auto& f : children()[1]->schema()->fields()) build_types.push_back(f.type);
  }
  emitProbeRows(input, rows, schema(), build_types, pad, std::max<int64_t>(ctx.batch_size, 1), emit);
}

void HashJoin::execute(const RecordBatchPtr& input, OperatorState* state, ExecContext& ctx, const Emit& emit) {
  if (!input || input->numRows() == 0) return;
  if (!table_) throw InternalException("HashJoin: probe before the build side was finalized");
  auto& st = static_cast<ProbeState&>(*state);
  st.probe_matched.assign(static_cast<size_t>(input->numRows()), 0);
  st.pair_probe.clear();
  st.pair_build.clear();
  if (null_aware_anti_ && table_->rows > 0) {
    // NOT IN: a NULL on the build side makes every comparison unknown.
    if (table_->has_null_key) return;
    std::vector<VectorPtr> keys{probe_keys_[0]->evaluate(*input, ctx.eval)->flatten()};
    probeHashed(*input, keys, st, ctx, emit);
    for (int64_t i = 0; i < input->numRows(); ++i) {
      if (keycmp::isNullAt(*keys[0], i)) st.probe_matched[i] = 1;
    }
  } else if (probe_keys_.empty()) {
    probeAllPairs(*input, st, ctx, emit);
  } else {
    std::vector<VectorPtr> keys;
    keys.reserve(probe_keys_.size());
    for (const auto& k : probe_keys_) keys.push_back(k->evaluate(*input, ctx.eval)->flatten());
    probeHashed(*input, keys, st, ctx, emit);
  }
  emitProbeLeftovers(*input, st, ctx, emit);
}

void HashJoin::finish(ExecContext& ctx, const Emit& emit) {
  if (!joinKeepsBuild(type_) || !table_) return;
  const Table& t = *table_;
  std::vector<int32_t> rows;
  for (int64_t i = 0; i < t.rows; ++i) {
    if (!t.matched[i].load(std::memory_order_relaxed)) rows.push_back(static_cast<int32_t>(i));
  }
  int64_t total = static_cast<int64_t>(rows.size());
  int64_t batch_size = std::max<int64_t>(ctx.batch_size, 1);
  const auto& probe_fields = children()[0]->schema()->fields();
  for (int64_t start = 0; start < total; start += batch_size) {
    int64_t n = std::min(batch_size, total - start);
    std::vector<VectorPtr> cols;
    for (const auto& f : probe_fields) cols.push_back(Vector::makeNull(f.type, n));
    for (const auto& c : t.batch->columns()) cols.push_back(gather(*c, rows.data() + start, n));
    emit(RecordBatch::make(schema(), std::move(cols), n));
  }
}

}  // namespace loch
