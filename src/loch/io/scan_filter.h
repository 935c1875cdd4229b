#pragma once
// Evaluation of pushed-down ColumnPredicates on decoded batches, so a scan
// can drop rows before decoding its other columns (late materialization).
// The plan's Filter still runs above the scan, so a predicate the scan
// cannot evaluate is simply not applied here.

#include <cstdint>

#include "loch/io/data_source.h"
#include "loch/vector/vector.h"

namespace loch {

/// True when maskPredicate evaluates `p` on a column of type `type`: null
/// tests on any type; comparisons and IN of strings with string literals.
bool canMaskPredicate(const ColumnPredicate& p, const DataType& type);

/// Clears keep[i] for each row i of `column` (column->size() rows) that
/// does not satisfy `p` (SQL semantics: a comparison with NULL is not
/// satisfied; strings compare as unsigned bytes, as Spark's UTF8String).
/// Dictionary vectors are evaluated once per dictionary entry. Requires
/// canMaskPredicate(p, *column.type()).
void maskPredicate(const Vector& column, const ColumnPredicate& p, uint8_t* keep);

}  // namespace loch
