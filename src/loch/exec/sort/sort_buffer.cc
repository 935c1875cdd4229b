#include "loch/exec/sort/sort_buffer.h"

#include <algorithm>
#include <cstring>
#include <limits>

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

namespace {

// Validity of the gathered rows; nullptr when no source has NULLs.
void gatherValidity(const std::vector<const Vector*>& sources, const uint64_t* refs, int64_t n, Vector& out) {
  bool any = false;
  for (const Vector* s : sources) any = any || s->validity();
  if (!any) return;
  uint8_t* dst = out.mutableValidity();
  for (int64_t i = 0; i < n; ++i) {
    const uint8_t* v = sources[rowRefSource(refs[i])]->validity();
    if (v && !bits::get(v, rowRefRow(refs[i]))) bits::clear(dst, i);
  }
}

template <int W>
void gatherWidth(const std::vector<const Vector*>& sources, const uint64_t* refs, int64_t n, uint8_t* dst) {
  std::vector<const uint8_t*> base(sources.size());
  for (size_t s = 0; s < sources.size(); ++s) base[s] = sources[s]->valuesBuffer()->data();
  // Sorted order reads the sources at random: prefetch a few rows ahead.
  constexpr int64_t kAhead = 16;
  for (int64_t i = 0; i < n; ++i) {
    if (i + kAhead < n) {
      uint64_t a = refs[i + kAhead];
      __builtin_prefetch(base[rowRefSource(a)] + static_cast<size_t>(rowRefRow(a)) * W);
    }
    std::memcpy(dst + i * W, base[rowRefSource(refs[i])] + static_cast<size_t>(rowRefRow(refs[i])) * W, W);
  }
}

// gatherRefs for flat sources, with typed copies and strings in two passes.
VectorPtr gatherFlatRefs(const std::vector<const Vector*>& sources, const DataTypePtr& type, const uint64_t* refs,
                         int64_t n) {
  int width = type->fixedWidth();
  if (type->isStringLike()) {
    auto out = Vector::makeFlat(type, n);
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
    if (bytes > std::numeric_limits<int32_t>::max()) return gatherRefs(sources, type, refs, n);
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
    gatherValidity(sources, refs, n, *out);
    return out;
  }
  if (width != 1 && width != 2 && width != 4 && width != 8 && width != 16) return gatherRefs(sources, type, refs, n);
  auto out = Vector::makeFlat(type, n);
  uint8_t* dst = out->valuesBuffer()->data();
  switch (width) {
    case 1: gatherWidth<1>(sources, refs, n, dst); break;
    case 2: gatherWidth<2>(sources, refs, n, dst); break;
    case 4: gatherWidth<4>(sources, refs, n, dst); break;
    case 8: gatherWidth<8>(sources, refs, n, dst); break;
    default: gatherWidth<16>(sources, refs, n, dst); break;
  }
  gatherValidity(sources, refs, n, *out);
  return out;
}

}  // namespace

VectorPtr gatherSortRefs(const std::vector<const Vector*>& sources, const DataTypePtr& type, const uint64_t* refs,
                         int64_t n) {
  bool flat = true;
  for (const Vector* s : sources) flat = flat && s->isFlat();
  if (!flat) return gatherRefs(sources, type, refs, n);
  return gatherFlatRefs(sources, type, refs, n);
}

RecordBatchPtr gatherParts(const std::vector<SortPart>& parts, const SchemaPtr& schema, const uint64_t* refs,
                           int64_t n) {
  std::vector<VectorPtr> cols;
  const auto& fields = schema->fields();
  std::vector<const Vector*> sources(parts.size());
  for (size_t c = 0; c < fields.size(); ++c) {
    for (size_t p = 0; p < parts.size(); ++p) sources[p] = parts[p].batch->column(static_cast<int>(c)).get();
    cols.push_back(gatherSortRefs(sources, fields[c].type, refs, n));
  }
  return RecordBatch::make(schema, std::move(cols), n);
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
