#include "loch/vector/vector_ops.h"

#include <cstring>

#include "loch/vector/decoded_vector.h"
#include "loch/vector/vector_builder.h"

namespace loch {

namespace {

template <class T>
void gatherFixed(const DecodedVector& d, const int32_t* rows, int64_t n, Vector& out) {
  T* dst = out.mutableValues<T>();
  const T* src = d.base().values<T>();
  bool nulls = d.mayHaveNulls();
  for (int64_t i = 0; i < n; ++i) {
    int32_t r = rows[i];
    if (r < 0 || (nulls && d.isNull(r))) {
      out.setNull(i);
      dst[i] = T{};
    } else {
      dst[i] = src[d.index(r)];
    }
  }
}

void gatherStrings(const DecodedVector& d, const int32_t* rows, int64_t n, Vector& out) {
  int64_t bytes = 0;
  for (int64_t i = 0; i < n; ++i) {
    if (rows[i] >= 0 && !d.isNull(rows[i])) bytes += static_cast<int64_t>(d.stringAt(rows[i]).size());
  }
  auto data = std::make_shared<Buffer>();
  data->reserve(static_cast<size_t>(bytes));
  int32_t* o = out.mutableOffsets();
  o[0] = 0;
  int32_t pos = 0;
  for (int64_t i = 0; i < n; ++i) {
    int32_t r = rows[i];
    if (r < 0 || d.isNull(r)) {
      out.setNull(i);
    } else {
      auto s = d.stringAt(r);
      data->append(s.data(), s.size());
      pos += static_cast<int32_t>(s.size());
    }
    o[i + 1] = pos;
  }
  out.setDataBuffer(data);
}

}  // namespace

VectorPtr gather(const Vector& src, const int32_t* rows, int64_t n) {
  DecodedVector d(src);
  const auto& type = src.type();
  switch (type->id()) {
    case TypeId::Boolean:
    case TypeId::Byte: {
      auto out = Vector::makeFlat(type, n);
      gatherFixed<int8_t>(d, rows, n, *out);
      return out;
    }
    case TypeId::Short: {
      auto out = Vector::makeFlat(type, n);
      gatherFixed<int16_t>(d, rows, n, *out);
      return out;
    }
    case TypeId::Integer:
    case TypeId::Date:
    case TypeId::Float:
    case TypeId::YearMonthInterval: {
      auto out = Vector::makeFlat(type, n);
      gatherFixed<int32_t>(d, rows, n, *out);
      return out;
    }
    case TypeId::Long:
    case TypeId::Double:
    case TypeId::Timestamp:
    case TypeId::TimestampNTZ:
    case TypeId::DayTimeInterval: {
      auto out = Vector::makeFlat(type, n);
      gatherFixed<int64_t>(d, rows, n, *out);
      return out;
    }
    case TypeId::Decimal: {
      auto out = Vector::makeFlat(type, n);
      gatherFixed<int128_t>(d, rows, n, *out);
      return out;
    }
    case TypeId::String:
    case TypeId::Binary: {
      auto out = Vector::makeFlat(type, n);
      gatherStrings(d, rows, n, *out);
      return out;
    }
    default: {
      VectorBuilder b(type, n);
      for (int64_t i = 0; i < n; ++i) {
        if (rows[i] < 0) {
          b.appendNull();
        } else {
          b.appendFrom(src, rows[i]);
        }
      }
      return b.finish();
    }
  }
}

VectorPtr gatherRefs(const std::vector<const Vector*>& sources, const DataTypePtr& type, const uint64_t* refs,
                     int64_t n) {
  int width = type->fixedWidth();
  bool flat_fixed = width > 0;
  for (const Vector* s : sources) flat_fixed = flat_fixed && s->isFlat();
  if (flat_fixed) {
    auto out = Vector::makeFlat(type, n);
    uint8_t* dst = out->valuesBuffer()->data();
    for (int64_t i = 0; i < n; ++i) {
      uint64_t ref = refs[i];
      if (ref == kNullRowRef) {
        out->setNull(i);
        continue;
      }
      const Vector* s = sources[rowRefSource(ref)];
      uint32_t r = rowRefRow(ref);
      if (s->validity() && !bits::get(s->validity(), r)) {
        out->setNull(i);
        continue;
      }
      std::memcpy(dst + i * width, s->valuesBuffer()->data() + static_cast<size_t>(r) * width, width);
    }
    return out;
  }
  VectorBuilder b(type, n);
  for (int64_t i = 0; i < n; ++i) {
    if (refs[i] == kNullRowRef) {
      b.appendNull();
    } else {
      b.appendFrom(*sources[rowRefSource(refs[i])], rowRefRow(refs[i]));
    }
  }
  return b.finish();
}

VectorPtr concat(const DataTypePtr& type, const std::vector<VectorPtr>& parts) {
  if (parts.size() == 1 && parts[0]->isFlat()) return parts[0];
  int64_t total = 0;
  for (const auto& p : parts) total += p->size();
  int width = type->fixedWidth();
  bool flat_fixed = width > 0;
  for (const auto& p : parts) flat_fixed = flat_fixed && p->isFlat();
  if (flat_fixed) {
    auto out = Vector::makeFlat(type, total);
    int64_t pos = 0;
    for (const auto& p : parts) {
      std::memcpy(out->valuesBuffer()->data() + pos * width, p->valuesBuffer()->data(),
                  static_cast<size_t>(p->size()) * width);
      if (p->validity()) {
        for (int64_t i = 0; i < p->size(); ++i) {
          if (!bits::get(p->validity(), i)) out->setNull(pos + i);
        }
      }
      pos += p->size();
    }
    return out;
  }
  VectorBuilder b(type, total);
  for (const auto& p : parts) {
    for (int64_t i = 0; i < p->size(); ++i) b.appendFrom(*p, i);
  }
  return b.finish();
}

namespace {

// Bits [offset, offset + length) of `bitmap` into a new bitmap, or nullptr
// when the source has none.
BufferPtr sliceValidity(const Vector& src, int64_t offset, int64_t length) {
  const uint8_t* in = src.validity();
  if (in == nullptr) return nullptr;
  auto out = std::make_shared<Buffer>(bits::bytesFor(length));
  std::memset(out->data(), 0, out->size());
  for (int64_t i = 0; i < length; ++i) {
    if (bits::get(in, offset + i)) bits::set(out->data(), i);
  }
  return out;
}

// Flat fixed-width and string vectors slice by block copies (the Parquet
// reader cuts row groups into batches this way); other shapes gather.
VectorPtr sliceFlat(const Vector& src, int64_t offset, int64_t length) {
  const DataType& type = *src.type();
  auto out = Vector::makeFlat(src.type(), length);
  if (type.id() == TypeId::String || type.id() == TypeId::Binary) {
    const int32_t* in = src.offsets();
    int32_t base = in[offset];
    int32_t* o = out->mutableOffsets();
    for (int64_t i = 0; i <= length; ++i) o[i] = in[offset + i] - base;
    auto data = std::make_shared<Buffer>(static_cast<size_t>(o[length]));
    if (o[length] > 0) std::memcpy(data->data(), src.stringData() + base, static_cast<size_t>(o[length]));
    out->setDataBuffer(std::move(data));
  } else {
    auto width = static_cast<size_t>(type.fixedWidth());
    if (length > 0) {
      std::memcpy(out->valuesBuffer()->data(), src.valuesBuffer()->data() + static_cast<size_t>(offset) * width,
                  static_cast<size_t>(length) * width);
    }
  }
  out->setValidityBuffer(sliceValidity(src, offset, length));
  return out;
}

bool blockSliceable(const Vector& v) {
  return v.isFlat() && (v.type()->isStringLike() || (!v.type()->isNested() && v.type()->fixedWidth() > 0));
}

}  // namespace

VectorPtr slice(const Vector& src, int64_t offset, int64_t length) {
  if (blockSliceable(src)) return sliceFlat(src, offset, length);
  std::vector<int32_t> rows(static_cast<size_t>(length));
  for (int64_t i = 0; i < length; ++i) rows[i] = static_cast<int32_t>(offset + i);
  return gather(src, rows.data(), length);
}

RecordBatchPtr sliceBatch(const RecordBatch& batch, int64_t offset, int64_t length) {
  std::vector<VectorPtr> cols;
  for (const auto& c : batch.columns()) cols.push_back(slice(*c, offset, length));
  return RecordBatch::make(batch.schema(), std::move(cols), length);
}

VectorPtr gatherPreservingDictionary(const Vector& src, const int32_t* rows, int64_t n) {
  if (!src.isDictionary()) return gather(src, rows, n);
  auto indices = std::make_shared<Buffer>(static_cast<size_t>(n) * sizeof(int32_t));
  int32_t* out = indices->as<int32_t>();
  const int32_t* in = src.indices();
  for (int64_t j = 0; j < n; ++j) out[j] = in[rows[j]];
  BufferPtr validity;
  if (const uint8_t* v = src.validity()) {
    validity = std::make_shared<Buffer>(bits::bytesFor(n));
    uint8_t* vo = validity->data();
    for (int64_t j = 0; j < n; ++j) {
      if (bits::get(v, rows[j])) bits::set(vo, j);
    }
  }
  return Vector::makeDictionary(src.dictionary(), std::move(indices), n, std::move(validity));
}

RecordBatchPtr filterBatch(const RecordBatch& batch, const uint8_t* keep) {
  std::vector<int32_t> rows;
  rows.reserve(static_cast<size_t>(batch.numRows()));
  for (int64_t i = 0; i < batch.numRows(); ++i) {
    if (keep[i]) rows.push_back(static_cast<int32_t>(i));
  }
  if (static_cast<int64_t>(rows.size()) == batch.numRows()) {
    return RecordBatch::make(batch.schema(), batch.columns(), batch.numRows());
  }
  std::vector<VectorPtr> cols;
  for (const auto& c : batch.columns()) {
    cols.push_back(gatherPreservingDictionary(*c, rows.data(), static_cast<int64_t>(rows.size())));
  }
  return RecordBatch::make(batch.schema(), std::move(cols), static_cast<int64_t>(rows.size()));
}

RecordBatchPtr concatBatches(const SchemaPtr& schema, const std::vector<RecordBatchPtr>& batches) {
  if (batches.empty()) return RecordBatch::empty(schema);
  if (batches.size() == 1) return batches[0];
  std::vector<VectorPtr> cols;
  int64_t rows = 0;
  for (const auto& b : batches) rows += b->numRows();
  for (size_t c = 0; c < schema->fields().size(); ++c) {
    std::vector<VectorPtr> parts;
    for (const auto& b : batches) parts.push_back(b->column(static_cast<int>(c)));
    cols.push_back(concat(schema->fields()[c].type, parts));
  }
  return RecordBatch::make(schema, std::move(cols), rows);
}

}  // namespace loch
