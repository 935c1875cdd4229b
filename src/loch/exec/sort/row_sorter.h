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
// of the keys. Full sorts without ordinals use a most-significant-digit
// radix sort on the prefix bytes that vary (large buckets split in place,
// then buckets sorted in parallel, small buckets and prefix ties finished by
// comparison), with the row index as the final tie-breaker.

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
/// one per spec). Keys are taken by value: a caller that moves them in lets
/// the full sort free the keys its normalized prefix decides before sorting.
/// @param ordinals optional tie-breaker per row (smaller first); rows are
///        ordered by index when null.
/// @param limit when 0 <= limit < n only the first `limit` positions of the
///        result are needed (partial sort) and only they are returned.
/// @param pool optional pool to sort chunks in parallel.
/// @param order_selected with a limit: false returns the best `limit` rows
///        in no particular order (a selection, linear time).
/// @param first_diff optional (full sorts without ordinals only): resized to
///        n; first_diff[i] is the first key in which sorted row i differs
///        from sorted row i - 1 under Spark's grouping equality (NULL equals
///        NULL, -0.0 equals 0.0, NaN equals NaN), keys.size() when all keys
///        are equal, 0 for row 0. Lets callers find partitions and peer
///        groups without comparing the rows again.
/// @returns row indices in sorted order.
/// @throws std::invalid_argument when first_diff is requested with ordinals,
///         a limit, or 65535 keys or more.
std::vector<uint32_t> sortRows(std::vector<VectorPtr> keys, const std::vector<SortOrderSpec>& specs, int64_t n,
                               const uint64_t* ordinals, int64_t limit, ThreadPool* pool,
                               bool order_selected = true, std::vector<uint16_t>* first_diff = nullptr);

/// sortRows (full sort, no ordinals) over keys given in parts: parts[q][k]
/// is key k of part q (flat vectors; all parts in row order; row indices
/// count across the parts). Avoids concatenating the keys: only keys the
/// normalized prefix does not decide are concatenated for comparisons.
/// Parts are taken by value so that moved-in keys are freed before sorting.
/// @param first_diff optional, as in sortRows.
/// @throws InternalException when a part does not have specs.size() keys,
///         for more than 2^32 rows, or 65535 keys or more with first_diff.
std::vector<uint32_t> sortRowParts(std::vector<std::vector<VectorPtr>> parts, const std::vector<SortOrderSpec>& specs,
                                   ThreadPool* pool, std::vector<uint16_t>* first_diff);

/// keysAlreadySorted over keys given in parts (as in sortRowParts).
/// @throws InternalException when a part does not have specs.size() keys.
bool keyPartsAlreadySorted(const std::vector<std::vector<VectorPtr>>& parts, const std::vector<SortOrderSpec>& specs,
                           std::vector<uint16_t>* first_diff);

/// Whether rows [0, n) of `keys` are already in sorted order (ties allowed:
/// the stable sort would keep them as they are). When they are and
/// first_diff is given, fills it as sortRows does for the identity order.
/// Stops at the first row out of order.
bool keysAlreadySorted(const std::vector<VectorPtr>& keys, const std::vector<SortOrderSpec>& specs, int64_t n,
                       std::vector<uint16_t>* first_diff);

/// out[i] = row i does not sort after row `pivot` (same keys and flags as
/// sortRows; ties count as "not after"). Used to drop rows that cannot
/// make a TopN.
std::vector<uint8_t> rowsNotAfter(const std::vector<VectorPtr>& keys, const std::vector<SortOrderSpec>& specs,
                                  int64_t n, int64_t pivot);

/// Compares row a of `x` with row b of `y` (same type, flat or not) as an
/// ascending key with NULLs first: <0, 0, >0. Spark's ordering as above.
int compareKeyValues(const Vector& x, int64_t a, const Vector& y, int64_t b);

}  // namespace loch
