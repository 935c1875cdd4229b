#pragma once
// Grouping of whole rows for DISTINCT, INTERSECT and EXCEPT: every row is
// mapped to the first row equal to it (NULL equals NULL, NaN equals NaN,
// -0.0 equals 0.0, as Spark's set operations and grouping compare). An
// open-addressing table of representative rows, probed a chunk of rows at
// a time with column-wise key comparison (no per-row type dispatch).

#include <cstdint>
#include <vector>

#include "loch/exec/physical_operator.h"
#include "loch/vector/vector.h"

namespace loch {

/// rep[i] = smallest j with row j == row i, for rows [0, n) of `columns`
/// (flat vectors of n rows each; no columns means all rows are equal).
/// @param hashes optional hashColumns() of the rows (computed when null).
std::vector<int32_t> firstOccurrences(const std::vector<VectorPtr>& columns, int64_t n,
                                      const uint64_t* hashes = nullptr);

/// A sunk batch of a set operator: which child, morsel and order within it.
struct SetPart {
  int child = 0;
  int64_t morsel = 0;
  int64_t seq = 0;
  RecordBatchPtr batch;
  std::vector<uint64_t> hashes;  // row hashes, when the operator needs them
};

/// Per-worker sink state of the set operators.
struct SetSinkState : OperatorState {
  std::vector<SetPart> parts;
  int64_t last_morsel = -1;
  int64_t seq = 0;
};

/// Appends `batch` of morsel `morsel` (child `child`) to the worker state,
/// with its row hashes when `hash_rows`.
void addSetPart(SetSinkState& st, int child, const RecordBatchPtr& batch, int64_t morsel, bool hash_rows);

/// The parts' row hashes in order (all parts must have them).
std::vector<uint64_t> concatHashes(const std::vector<SetPart>& parts);

/// Sorts parts by (child, morsel, seq): the deterministic input order.
void orderSetParts(std::vector<SetPart>& parts);

/// Flat columns holding the rows of `parts` in order (types from `schema`).
std::vector<VectorPtr> concatParts(const std::vector<SetPart>& parts, const SchemaPtr& schema);

/// Splits rows `rows` of `columns` into batches of at most `batch_size`.
std::vector<RecordBatchPtr> gatherChunks(const std::vector<VectorPtr>& columns, const SchemaPtr& schema,
                                         const std::vector<int32_t>& rows, int64_t batch_size);

}  // namespace loch
