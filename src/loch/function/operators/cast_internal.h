#pragma once
// Shared pieces of the cast kernels (cast.cc, cast_string.cc).

#include <string>
#include <string_view>

#include "loch/common/exception.h"
#include "loch/function/eval_context.h"
#include "loch/function/operators/kernel_util.h"
#include "loch/types/value.h"
#include "loch/vector/vector.h"

namespace cctz {
class time_zone;
}

namespace loch::cast_detail {

/// What a cast kernel needs besides its input.
struct CastState {
  const Vector& in;  // flat
  const DataTypePtr& to;
  EvalContext& ctx;
  bool raise;   // ANSI and not try_cast: errors instead of NULL
  bool legacy;  // ANSI off: Java-style wrap-around where Spark's legacy cast does it
  const cctz::time_zone& tz;
};

[[noreturn]] void throwInvalidInput(const Value& v, const DataType& to);
[[noreturn]] void throwOverflow(const Value& v, const DataType& to);
[[noreturn]] void throwDecimalOutOfRange(const std::string& value_text, const DataType& to);

/// Runs `f(row, out&) -> bool` for every valid row of flat `in`, producing
/// a flat vector of `to` whose D-typed values f writes; false means NULL.
template <class D, class F>
VectorPtr castLoop(const Vector& in, const DataTypePtr& to, F&& f) {
  int64_t n = in.size();
  auto out = Vector::makeFlat(to, n);
  D* o = out->template mutableValues<D>();
  const uint8_t* iv = in.validity();
  if (!iv) {
    for (int64_t i = 0; i < n; ++i)
      if (!f(i, o[i])) out->setNull(i);
    return out;
  }
  uint8_t* ov = out->mutableValidity();
  std::memcpy(ov, iv, bits::bytesFor(n));
  for (int64_t i = 0; i < n; ++i)
    if (bits::get(ov, i) && !f(i, o[i])) bits::clear(ov, i);
  return out;
}

/// Spark trims ASCII whitespace and control characters (<= ' ') before
/// parsing (UTF8String.trimAll on the ASCII range).
std::string_view trimSpaces(std::string_view s);

/// Casts from string/binary; `in` flat.
VectorPtr castFromString(const CastState& st);
/// Casts to string; `in` flat, not string.
VectorPtr castToString(const CastState& st);

}  // namespace loch::cast_detail
