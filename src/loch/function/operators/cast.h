#pragma once
// CAST between Spark types (Spark's Cast expression): which casts are
// allowed, and the vectorised cast kernel.

#include "loch/function/eval_context.h"
#include "loch/types/data_type.h"
#include "loch/vector/vector.h"

namespace loch {

/// Whether CAST(from AS to) is allowed (Spark's Cast.canCast in legacy mode,
/// Cast.canAnsiCast under ANSI): NULL to anything; anything atomic or nested
/// to string; string to boolean/numeric/decimal/binary/date/timestamp
/// (not to intervals: not implemented);
/// numeric/boolean among themselves; date/timestamp/timestamp_ntz among
/// themselves; timestamp <-> numeric; legacy only: date -> numeric,
/// numeric -> binary, boolean <-> timestamp; arrays/maps/structs element-
/// (field-)wise.
bool canCast(const DataType& from, const DataType& to, bool ansi);

/// Whether the cast can give NULL for a non-NULL input in legacy/try mode
/// (parsing strings, narrowing numbers, decimals that overflow).
bool castMayFail(const DataType& from, const DataType& to);

/// Casts every row of `in` (any encoding) to `to`; NULL stays NULL.
/// Strings are trimmed before parsing numbers, booleans, dates and
/// timestamps; timestamps use ctx.time_zone (UTC if unset); double/float to
/// string prints as Java does. Nested values are cast element-wise.
/// @throws CastException CAST_INVALID_INPUT (malformed string) or
///         CAST_OVERFLOW (value out of the target's range), and
///         ArithmeticException NUMERIC_VALUE_OUT_OF_RANGE for decimal targets,
///         when ctx.ansi and not `is_try`; otherwise such rows become NULL.
/// @throws UnsupportedException for casts canCast() rejects.
VectorPtr castVector(const Vector& in, const DataTypePtr& to, EvalContext& ctx, bool is_try);

}  // namespace loch
