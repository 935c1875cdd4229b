#pragma once
// A compact, canonical binary encoding of Values, used for grouping keys of
// nested types (arrays, maps, structs): two values are equal grouping keys
// iff their encodings are byte-equal (floats normalised: -0.0 == 0.0, all
// NaNs equal), and the encoding decodes back to the value.

#include <string>
#include <string_view>

#include "loch/types/value.h"

namespace loch {

/// Appends the encoding of `v` (of type `type`, possibly NULL) to `out`.
void encodeKeyValue(const Value& v, const DataType& type, std::string& out);

/// Decodes one value of `type` from the front of `in`, advancing it.
/// @throws InternalException on malformed input.
Value decodeKeyValue(const DataTypePtr& type, std::string_view& in);

}  // namespace loch
