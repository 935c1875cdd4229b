#include "loch/exec/sort/sort_buffer.h"

#include <algorithm>
#include <cstring>
#include <limits>

#include "loch/common/thread_pool.h"
#include "loch/vector/vector_ops.h"

namespace loch {

SortPart makeSortPart(const RecordBatchPtr& batch, const std::vector<SortKey>& keys, ExecContext& ctx) {
  SortPart part;
  std::vector<VectorPtr> cols;
  cols.reserve(static_cast<size_t>(batch->numColumns()));
  for (const auto& c : batch->columns()) cols.push_back(c->flatten());
  part.batch = RecordBatch::make(batch->schema(), std::move(cols), batch->numRows());
  for (const auto& k : keys) part.keys.push_back(k.expr->evaluate(*batch, ctx.eval)->flatten());
  return part;
}

void orderByMorsel(std::vector<SortPart>& parts) {
  std::sort(parts.begin(), parts.end(), [](const SortPart& a, const SortPart& b) {
    return a.morsel != b.morsel ? a.morsel < b.morsel : a.seq < b.seq;
  });
}

VectorPtr concatKey(const std::vector<SortPart>& parts, size_t k, const DataTypePtr& type) {
  if (parts.empty()) return Vector::makeFlat(type, 0);
  std::vector<VectorPtr> pieces;
  pieces.reserve(parts.size());
  for (const auto& p : parts) pieces.push_back(p.keys[k]);
  return concat(type, pieces)->flatten();
}

std::vector<uint64_t> refsOf(const std::vector<SortPart>& parts, const std::vector<uint32_t>& idx) {
  // Part of each concatenated position, written sequentially, then looked up.
  std::vector<uint32_t> part_of;
  std::vector<uint32_t> start_of;
  for (size_t p = 0; p < parts.size(); ++p) {
    start_of.push_back(static_cast<uint32_t>(part_of.size()));
    part_of.insert(part_of.end(), static_cast<size_t>(parts[p].batch->numRows()), static_cast<uint32_t>(p));
  }
  std::vector<uint64_t> refs(idx.size());
  for (size_t i = 0; i < idx.size(); ++i) {
    uint32_t part = part_of[idx[i]];
    refs[i] = makeRowRef(part, idx[i] - start_of[part]);
  }
  return refs;
}

GatherColumn makeGatherColumn(std::vector<const Vector*> sources, DataTypePtr type) {
  // Sources without NULLs read bit 0 of an all-valid byte (row mask 0), so
  // the validity loop has no branch on the source.
  static const uint8_t kAllValid[1] = {0xFF};
  GatherColumn c;
  c.type = std::move(type);
  c.flat = true;
  for (const Vector* s : sources) c.flat = c.flat && s->isFlat();
  c.sources = std::move(sources);
  if (!c.flat) return c;
  int width = c.type->fixedWidth();
  bool fixed = !c.type->isStringLike() && (width == 1 || width == 2 || width == 4 || width == 8 || width == 16);
  for (const Vector* s : c.sources) {
    const uint8_t* v = s->validity();
    c.any_nulls = c.any_nulls || v;
    c.validity.push_back(v ? v : kAllValid);
    c.valid_mask.push_back(v ? ~0u : 0u);
    if (fixed) c.values.push_back(s->valuesBuffer()->data());
  }
  return c;
}

namespace {

// Clears the validity bits of output rows [from, to) whose source row is
// NULL (dst: the output bitmap, all valid).
void gatherValidityRange(const GatherColumn& c, const uint64_t* refs, int64_t from, int64_t to, uint8_t* dst) {
  const uint8_t* const* valid = c.validity.data();
  const uint32_t* mask = c.valid_mask.data();
  for (int64_t i = from; i < to; ++i) {
    uint32_t src = rowRefSource(refs[i]);
    uint32_t row = rowRefRow(refs[i]) & mask[src];
    if (!bits::get(valid[src], row)) bits::clear(dst, i);
  }
}

// Validity of the gathered rows; nullptr when no source has NULLs.
void gatherValidity(const GatherColumn& c, const uint64_t* refs, int64_t n, Vector& out) {
  if (!c.any_nulls) return;
  gatherValidityRange(c, refs, 0, n, out.mutableValidity());
}

// Output rows [from, to): dst[i] = the source value of refs[i].
template <int W>
void gatherWidth(const GatherColumn& c, const uint64_t* refs, int64_t from, int64_t n, uint8_t* dst) {
  const uint8_t* const* base = c.values.data();
  // Sorted order reads the sources at random: prefetch a few rows ahead.
  constexpr int64_t kAhead = 16;
  for (int64_t i = from; i < n; ++i) {
    if (i + kAhead < n) {
      uint64_t a = refs[i + kAhead];
      __builtin_prefetch(base[rowRefSource(a)] + static_cast<size_t>(rowRefRow(a)) * W);
    }
    std::memcpy(dst + i * W, base[rowRefSource(refs[i])] + static_cast<size_t>(rowRefRow(refs[i])) * W, W);
  }
}

VectorPtr gatherStrings(const GatherColumn& c, const uint64_t* refs, int64_t n) {
  const std::vector<const Vector*>& sources = c.sources;
  auto out = Vector::makeFlat(c.type, n);
  constexpr int64_t kAhead = 16;
  int64_t bytes = 0;
  for (int64_t i = 0; i < n; ++i) {
    if (i + kAhead < n) {
      uint64_t a = refs[i + kAhead];
      __builtin_prefetch(sources[rowRefSource(a)]->offsets() + rowRefRow(a));
    }
    const Vector* s = sources[rowRefSource(refs[i])];
    uint32_t r = rowRefRow(refs[i]);
    bytes += s->offsets()[r + 1] - s->offsets()[r];
  }
  if (bytes > std::numeric_limits<int32_t>::max()) return gatherRefs(sources, c.type, refs, n);
  auto data = std::make_shared<Buffer>(static_cast<size_t>(bytes));
  int32_t* o = out->mutableOffsets();
  uint8_t* dst = data->data();
  int32_t pos = 0;
  o[0] = 0;
  for (int64_t i = 0; i < n; ++i) {
    if (i + kAhead < n) {
      uint64_t a = refs[i + kAhead];
      const Vector* p = sources[rowRefSource(a)];
      __builtin_prefetch(p->stringData() + p->offsets()[rowRefRow(a)]);
    }
    const Vector* s = sources[rowRefSource(refs[i])];
    uint32_t r = rowRefRow(refs[i]);
    int32_t len = s->offsets()[r + 1] - s->offsets()[r];
    std::memcpy(dst + pos, s->stringData() + s->offsets()[r], static_cast<size_t>(len));
    pos += len;
    o[i + 1] = pos;
  }
  out->setDataBuffer(std::move(data));
  gatherValidity(c, refs, n, *out);
  return out;
}

}  // namespace

VectorPtr gatherColumn(const GatherColumn& c, const uint64_t* refs, int64_t n, ThreadPool* pool) {
  if (!c.flat) return gatherRefs(c.sources, c.type, refs, n);
  if (c.type->isStringLike()) return gatherStrings(c, refs, n);
  if (c.values.size() != c.sources.size()) return gatherRefs(c.sources, c.type, refs, n);
  auto out = Vector::makeFlat(c.type, n);
  uint8_t* dst = out->valuesBuffer()->data();
  uint8_t* valid = c.any_nulls ? out->mutableValidity() : nullptr;
  int width = c.type->fixedWidth();
  auto range = [&](int64_t from, int64_t to) {
    switch (width) {
      case 1: gatherWidth<1>(c, refs, from, to, dst); break;
      case 2: gatherWidth<2>(c, refs, from, to, dst); break;
      case 4: gatherWidth<4>(c, refs, from, to, dst); break;
      case 8: gatherWidth<8>(c, refs, from, to, dst); break;
      default: gatherWidth<16>(c, refs, from, to, dst); break;
    }
    if (valid) gatherValidityRange(c, refs, from, to, valid);
  };
  // Chunks are multiples of 8 rows so that no two write the same validity byte.
  constexpr int64_t kChunk = 1 << 16;
  if (pool && pool->threads() > 1 && n >= 2 * kChunk) {
    pool->parallelFor((n + kChunk - 1) / kChunk, [&](int64_t k, int) {
      range(k * kChunk, std::min(n, (k + 1) * kChunk));
    });
  } else {
    range(0, n);
  }
  return out;
}

VectorPtr gatherSortRefs(const std::vector<const Vector*>& sources, const DataTypePtr& type, const uint64_t* refs,
                         int64_t n) {
  return gatherColumn(makeGatherColumn(sources, type), refs, n);
}

std::vector<GatherColumn> payloadSources(const std::vector<SortPart>& parts, const SchemaPtr& schema) {
  std::vector<GatherColumn> cols;
  const auto& fields = schema->fields();
  for (size_t c = 0; c < fields.size(); ++c) {
    std::vector<const Vector*> sources(parts.size());
    for (size_t p = 0; p < parts.size(); ++p) sources[p] = parts[p].batch->column(static_cast<int>(c)).get();
    cols.push_back(makeGatherColumn(std::move(sources), fields[c].type));
  }
  return cols;
}

RecordBatchPtr gatherPayload(const std::vector<GatherColumn>& columns, const SchemaPtr& schema, const uint64_t* refs,
                             int64_t n) {
  std::vector<VectorPtr> cols;
  for (const auto& c : columns) cols.push_back(gatherColumn(c, refs, n));
  return RecordBatch::make(schema, std::move(cols), n);
}

RecordBatchPtr gatherParts(const std::vector<SortPart>& parts, const SchemaPtr& schema, const uint64_t* refs,
                           int64_t n) {
  return gatherPayload(payloadSources(parts, schema), schema, refs, n);
}

void growReservation(std::mutex& mutex, std::unique_ptr<MemoryReservation>& reservation, ExecContext& ctx,
                     const std::string& name, int64_t bytes) {
  if (!ctx.memory) return;
  std::lock_guard<std::mutex> lock(mutex);
  if (!reservation) reservation = std::make_unique<MemoryReservation>(ctx.memory, name);
  reservation->grow(bytes);
}

std::vector<SortOrderSpec> specsOf(const std::vector<SortKey>& keys) {
  std::vector<SortOrderSpec> specs;
  for (const auto& k : keys) specs.push_back({k.ascending, k.nulls_first});
  return specs;
}

std::string sortKeysString(const std::vector<SortKey>& keys) {
  std::string s = "[";
  for (size_t i = 0; i < keys.size(); ++i) s += (i ? ", " : "") + keys[i].toString();
  return s + "]";
}

}  // namespace loch
