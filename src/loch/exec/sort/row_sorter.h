#pragma once
// Sorting rows by several key columns with Spark's ordering:
//   - ascending/descending per key, NULLS FIRST/LAST per key (the planner
//     passes explicit flags; Spark's defaults are ASC NULLS FIRST and
//     DESC NULLS LAST);
//   - floating point: -0.0 == 0.0, NaN greater than every other value and
//     equal to itself (Spark's SQLOrderingUtil.compareDoubles);
//   - strings and binary by unsigned bytes (UTF-8 byte order); booleans
//     false < true; arrays lexicographically, structs field by field.
// Ties are broken by an ordinal per row (input order), so the result is
// deterministic and the sort stable.
//
// Implementation: every row gets a 16-byte normalized, memcmp-comparable
// prefix of its keys (sign-flipped big-endian integers, order-preserving
// float bits, the first bytes of strings; inverted for DESC, a leading null
// byte per key), as in DuckDB's radix-sortable keys. Rows are sorted on
// (prefix, ordinal) records; only rows whose prefixes tie look at the rest
// of the keys.

#include <cstdint>
#include <string>
#include <vector>

#include "loch/expr/physical_expr.h"
#include "loch/vector/vector.h"

namespace loch {

class ThreadPool;

/// One ORDER BY key.
struct SortKey {
  PhysicalExprPtr expr;
  bool ascending = true;
  bool nulls_first = true;

  /// "a ASC NULLS FIRST" (Spark's SortOrder.sql).
  std::string toString() const;
};

/// Direction flags of a key, without its expression.
struct SortOrderSpec {
  bool ascending = true;
  bool nulls_first = true;
};

/// Order of rows [0, n) of the key columns `keys` (flat vectors of n rows,
/// one per spec).
/// @param ordinals optional tie-breaker per row (smaller first); rows are
///        ordered by index when null.
/// @param limit when 0 <= limit < n only the first `limit` positions of the
///        result are needed (partial sort) and only they are returned.
/// @param pool optional pool to sort chunks in parallel.
/// @param order_selected with a limit: false returns the best `limit` rows
///        in no particular order (a selection, linear time).
/// @returns row indices in sorted order.
std::vector<uint32_t> sortRows(const std::vector<VectorPtr>& keys, const std::vector<SortOrderSpec>& specs, int64_t n,
                               const uint64_t* ordinals, int64_t limit, ThreadPool* pool,
                               bool order_selected = true);

/// out[i] = row i does not sort after row `pivot` (same keys and flags as
/// sortRows; ties count as "not after"). Used to drop rows that cannot
/// make a TopN.
std::vector<uint8_t> rowsNotAfter(const std::vector<VectorPtr>& keys, const std::vector<SortOrderSpec>& specs,
                                  int64_t n, int64_t pivot);

/// Compares row a of `x` with row b of `y` (same type, flat or not) as an
/// ascending key with NULLs first: <0, 0, >0. Spark's ordering as above.
int compareKeyValues(const Vector& x, int64_t a, const Vector& y, int64_t b);

}  // namespace loch
