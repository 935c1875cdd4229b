#pragma once
// Whole-vector copy operations used by operators: gather (filter, join and
// sort output), concatenation and slicing.

#include <cstdint>
#include <vector>

#include "loch/vector/record_batch.h"
#include "loch/vector/vector.h"

namespace loch {

/// Flat vector whose row i is src[rows[i]]; rows[i] < 0 yields NULL (outer
/// joins). `src` may have any encoding.
VectorPtr gather(const Vector& src, const int32_t* rows, int64_t n);

/// gather, except that a dictionary vector stays a dictionary vector over
/// the same dictionary (only its indices and validity are gathered), so
/// filtered batches keep the encoding the scan produced. Flat and constant
/// inputs are gathered as by gather.
VectorPtr gatherPreservingDictionary(const Vector& src, const int32_t* rows, int64_t n);

/// A row reference into a list of vectors: (source << 32) | row.
inline uint64_t makeRowRef(uint32_t source, uint32_t row) { return (static_cast<uint64_t>(source) << 32) | row; }
inline uint32_t rowRefSource(uint64_t ref) { return static_cast<uint32_t>(ref >> 32); }
inline uint32_t rowRefRow(uint64_t ref) { return static_cast<uint32_t>(ref); }
constexpr uint64_t kNullRowRef = ~uint64_t{0};

/// Flat vector whose row i is sources[source(refs[i])][row(refs[i])];
/// kNullRowRef yields NULL. All sources share one type.
VectorPtr gatherRefs(const std::vector<const Vector*>& sources, const DataTypePtr& type, const uint64_t* refs,
                     int64_t n);

/// One flat vector holding the rows of all `parts` in order.
VectorPtr concat(const DataTypePtr& type, const std::vector<VectorPtr>& parts);

/// Rows [offset, offset+length) of `src` as a flat copy.
VectorPtr slice(const Vector& src, int64_t offset, int64_t length);

/// Batch with rows [offset, offset+length).
RecordBatchPtr sliceBatch(const RecordBatch& batch, int64_t offset, int64_t length);

/// Batch of the rows whose `keep` entry is non-zero (keep has numRows() bytes).
RecordBatchPtr filterBatch(const RecordBatch& batch, const uint8_t* keep);

/// One batch with all rows of `batches` (all of `schema`).
RecordBatchPtr concatBatches(const SchemaPtr& schema, const std::vector<RecordBatchPtr>& batches);

}  // namespace loch
