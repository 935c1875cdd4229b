#include "loch/io/scan_filter.h"

#include <string_view>
#include <vector>

#include "loch/vector/decoded_vector.h"

namespace loch {

namespace {

bool isStringLiteral(const Value& v) {
  return !v.isNull() && (v.type()->id() == TypeId::String || v.type()->id() == TypeId::Binary);
}

// Whether string `s` satisfies `p` (whose values are non-NULL string literals,
// NULL literals of IN never match).
bool matches(std::string_view s, const ColumnPredicate& p, const std::vector<std::string>& literals) {
  using Op = ColumnPredicate::Op;
  if (p.op == Op::In) {
    for (const auto& l : literals) {
      if (s == l) return true;
    }
    return false;
  }
  int c = s.compare(literals[0]);
  switch (p.op) {
    case Op::Eq: return c == 0;
    case Op::NotEq: return c != 0;
    case Op::Lt: return c < 0;
    case Op::Le: return c <= 0;
    case Op::Gt: return c > 0;
    case Op::Ge: return c >= 0;
    default: return true;
  }
}

}  // namespace

bool canMaskPredicate(const ColumnPredicate& p, const DataType& type) {
  using Op = ColumnPredicate::Op;
  if (p.op == Op::IsNull || p.op == Op::IsNotNull) return true;
  if (type.id() != TypeId::String && type.id() != TypeId::Binary) return false;
  if (p.op == Op::In) {
    for (const auto& v : p.values) {
      if (!v.isNull() && !isStringLiteral(v)) return false;
    }
    return true;
  }
  return p.values.size() == 1 && isStringLiteral(p.values[0]);
}

void maskPredicate(const Vector& column, const ColumnPredicate& p, uint8_t* keep) {
  using Op = ColumnPredicate::Op;
  const int64_t n = column.size();
  DecodedVector d(column);
  if (p.op == Op::IsNull || p.op == Op::IsNotNull) {
    if (!d.mayHaveNulls()) {
      if (p.op == Op::IsNull) std::fill(keep, keep + n, uint8_t{0});
      return;
    }
    bool want_null = p.op == Op::IsNull;
    if (column.isFlat()) {
      const uint8_t* valid = column.validity();
      for (int64_t i = 0; i < n; ++i) keep[i] &= bits::get(valid, i) != want_null;
      return;
    }
    for (int64_t i = 0; i < n; ++i) keep[i] &= d.isNull(i) == want_null;
    return;
  }
  std::vector<std::string> literals;
  for (const auto& v : p.values) {
    if (!v.isNull()) literals.push_back(v.getString());
  }
  if (literals.empty()) {  // IN (NULL, ...) matches nothing
    std::fill(keep, keep + n, uint8_t{0});
    return;
  }
  if (column.isDictionary() || column.isConstant()) {
    // One evaluation per distinct value.
    const Vector& base = d.base();
    std::vector<uint8_t> entry(static_cast<size_t>(base.size()));
    for (int64_t k = 0; k < base.size(); ++k) entry[k] = !base.isNull(k) && matches(base.stringAt(k), p, literals);
    if (column.isDictionary() && !column.validity()) {
      // Base NULLs are already false in `entry`.
      const int32_t* idx = column.indices();
      for (int64_t i = 0; i < n; ++i) keep[i] &= entry[static_cast<size_t>(idx[i])];
      return;
    }
    for (int64_t i = 0; i < n; ++i) keep[i] &= !d.isNull(i) && entry[static_cast<size_t>(d.index(i))];
    return;
  }
  for (int64_t i = 0; i < n; ++i) keep[i] &= !d.isNull(i) && matches(d.stringAt(i), p, literals);
}

}  // namespace loch
