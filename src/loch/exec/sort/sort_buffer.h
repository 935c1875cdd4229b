#pragma once
// Buffered input of the ordering operators (Sort, TopN): batches with their
// evaluated sort keys, tagged with their morsel so the result is independent
// of which worker sank what.

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "loch/exec/physical_operator.h"
#include "loch/exec/sort/row_sorter.h"

namespace loch {

/// One sunk batch: flat payload columns, flat keys, and (TopN) an ordinal
/// per row for deterministic ties.
struct SortPart {
  int64_t morsel = 0;
  int64_t seq = 0;
  RecordBatchPtr batch;
  std::vector<VectorPtr> keys;
  std::vector<uint64_t> ordinals;
};

/// Evaluates `keys` over `batch` and flattens keys and payload columns.
SortPart makeSortPart(const RecordBatchPtr& batch, const std::vector<SortKey>& keys, ExecContext& ctx);

/// Sorts parts by (morsel, seq): the input order.
void orderByMorsel(std::vector<SortPart>& parts);

/// Key column `k` of all parts as one flat vector.
VectorPtr concatKey(const std::vector<SortPart>& parts, size_t k, const DataTypePtr& type);

/// Row references (part, row) for positions `idx` of the parts' concatenation.
std::vector<uint64_t> refsOf(const std::vector<SortPart>& parts, const std::vector<uint32_t>& idx);

/// One column of all parts, with the raw pointers a gather needs resolved
/// once (not per output chunk and source).
struct GatherColumn {
  DataTypePtr type;
  std::vector<const Vector*> sources;
  bool flat = false;       // every source is flat
  bool any_nulls = false;  // some source has a validity bitmap
  std::vector<const uint8_t*> values;      // fixed-width flat sources: value bytes
  std::vector<const uint8_t*> validity;    // per source (all-valid byte when none)
  std::vector<uint32_t> valid_mask;        // per source: row mask for validity
};

/// Resolves `sources` (any encodings, all of `type`) for gatherColumn; the
/// sources must outlive the result.
GatherColumn makeGatherColumn(std::vector<const Vector*> sources, DataTypePtr type);

/// gatherRefs (vector_ops.h) with fast paths for flat fixed-width and
/// string sources: row i is sources[source(refs[i])][row(refs[i])].
/// @param pool optional: large fixed-width gathers run in chunks on it (not
///        from inside a parallelFor of the same pool).
VectorPtr gatherColumn(const GatherColumn& column, const uint64_t* refs, int64_t n, ThreadPool* pool = nullptr);

/// gatherColumn over sources resolved for this one call.
VectorPtr gatherSortRefs(const std::vector<const Vector*>& sources, const DataTypePtr& type, const uint64_t* refs,
                         int64_t n);

/// Rows `refs[0..n)` of the parts' payload as one batch of `schema`.
RecordBatchPtr gatherParts(const std::vector<SortPart>& parts, const SchemaPtr& schema, const uint64_t* refs, int64_t n);

/// The payload columns of `schema` over all parts, resolved once for
/// gatherPayload (the parts must outlive the result).
std::vector<GatherColumn> payloadSources(const std::vector<SortPart>& parts, const SchemaPtr& schema);

/// gatherParts over columns from payloadSources.
RecordBatchPtr gatherPayload(const std::vector<GatherColumn>& columns, const SchemaPtr& schema, const uint64_t* refs,
                             int64_t n);

/// Adds `bytes` to the operator's reservation (created on first use, named
/// `name`) under `mutex`; no-op without a tracker.
/// @throws MemoryLimitException past the session limit.
void growReservation(std::mutex& mutex, std::unique_ptr<MemoryReservation>& reservation, ExecContext& ctx,
                     const std::string& name, int64_t bytes);

/// Specs (direction flags) of `keys`.
std::vector<SortOrderSpec> specsOf(const std::vector<SortKey>& keys);

/// "[a ASC NULLS FIRST, b DESC NULLS LAST]".
std::string sortKeysString(const std::vector<SortKey>& keys);

}  // namespace loch
