#pragma once
// Per-row frame bounds of a window frame (Spark's WindowFrame semantics):
//   ROWS   offsets count physical rows from the current row;
//   RANGE  CURRENT ROW means the row's peer group (equal ORDER BY keys);
//          `n PRECEDING` / `m FOLLOWING` are value offsets over the single
//          ORDER BY key (numbers for numeric keys and dates, day-time
//          intervals in µs for timestamps and dates), found by binary
//          search. PRECEDING means smaller values under ASC and larger ones
//          under DESC. Rows whose key is NULL frame exactly the NULL peers
//          for value bounds (NULL + n is NULL, which equals NULL in Spark's
//          range-bound ordering); NULL rows never fall in a non-NULL row's
//          value-bounded frame.

#include <cstdint>
#include <vector>

#include "loch/expr/expression.h"
#include "loch/vector/vector.h"

namespace loch {

/// The ORDER BY key of a RANGE frame with value offsets, as numbers:
/// integral, date, timestamp and decimal keys as int128 (decimal unscaled),
/// float/double keys as double. Covers all sorted rows of the operator.
struct RangeKey {
  bool is_float = false;
  std::vector<__int128> ints;
  std::vector<double> doubles;
  std::vector<uint8_t> is_null;
  bool ascending = true;
  DataTypePtr type;
};

/// Builds the RangeKey of the sorted key column `key`.
RangeKey makeRangeKey(const Vector& key, bool ascending);

/// A frame offset converted into the key's domain (signed: PRECEDING
/// negative), as int128 and double.
struct RangeOffset {
  __int128 i = 0;
  double d = 0;
};

/// Checks that `frame` can be evaluated over an ORDER BY with `order_types`
/// and converts its value offsets.
/// @throws AnalysisException "DATATYPE_MISMATCH.RANGE_FRAME_MULTI_ORDER"
///         (RANGE value offsets need exactly one ORDER BY key),
///         "DATATYPE_MISMATCH.RANGE_FRAME_INVALID_TYPE" (key or offset type
///         unsupported), "DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_WRONG_COMPARISON"
///         (ROWS offset not an integer).
void checkWindowFrame(const WindowFrame& frame, const std::vector<DataTypePtr>& order_types);

/// Whether the RANGE frame needs a RangeKey (has a value offset bound).
bool frameNeedsRangeKey(const WindowFrame& frame);

/// Frame [begin[i], end[i]) of every row of one partition: rows
/// [part_start, part_start + n) of the sorted data, results
/// partition-relative and clamped to [0, n].
/// @param peer_begin, peer_end partition-relative peer groups per row.
/// @param key the RangeKey when frameNeedsRangeKey(frame), else null.
void computeFrameBounds(const WindowFrame& frame, const RangeKey* key, int64_t part_start, int64_t n,
                        const int64_t* peer_begin, const int64_t* peer_end, int64_t* begin, int64_t* end);

}  // namespace loch
