#include "loch/function/type_coercion.h"

#include <algorithm>

#include "loch/common/format.h"

namespace loch {

namespace {

/// Position in Spark's numericPrecedence (byte..double), -1 if not there.
int numericRank(TypeId id) {
  switch (id) {
    case TypeId::Byte: return 0;
    case TypeId::Short: return 1;
    case TypeId::Integer: return 2;
    case TypeId::Long: return 3;
    case TypeId::Float: return 4;
    case TypeId::Double: return 5;
    default: return -1;
  }
}

bool isAtomic(const DataType& t) { return !t.isNested() && t.id() != TypeId::Null; }

DataTypePtr boundedDecimal(int precision, int scale) {
  return DecimalType(std::min(precision, DataType::kMaxDecimalPrecision),
                     std::min(scale, DataType::kMaxDecimalPrecision));
}

std::optional<DataTypePtr> widerForDecimal(const DataTypePtr& a, const DataTypePtr& b) {
  TypeId x = a->id(), y = b->id();
  if (x == TypeId::Decimal && y == TypeId::Decimal) return widerDecimalType(*a, *b);
  if (x == TypeId::Decimal && b->isIntegral()) return widerDecimalType(*a, **decimalForType(*b));
  if (y == TypeId::Decimal && a->isIntegral()) return widerDecimalType(**decimalForType(*a), *b);
  if ((x == TypeId::Decimal && b->isFloating()) || (y == TypeId::Decimal && a->isFloating())) return DoubleType();
  return std::nullopt;
}

std::optional<DataTypePtr> legacyStringPromotion(const DataTypePtr& a, const DataTypePtr& b) {
  auto promotable = [](const DataType& t) {
    return isAtomic(t) && t.id() != TypeId::Binary && t.id() != TypeId::Boolean;
  };
  if (a->id() == TypeId::String && promotable(*b)) return StringType();
  if (b->id() == TypeId::String && promotable(*a)) return StringType();
  return std::nullopt;
}

/// AnsiTypeCoercion.findWiderTypeForString: the string side is implicitly
/// cast to the other side's type family (SPARK-38176).
std::optional<DataTypePtr> ansiStringPromotion(const DataTypePtr& a, const DataTypePtr& b) {
  const DataTypePtr* other = nullptr;
  if (a->id() == TypeId::String && b->id() != TypeId::String) other = &b;
  if (b->id() == TypeId::String && a->id() != TypeId::String) other = &a;
  if (!other || !isAtomic(**other)) return std::nullopt;
  const DataType& t = **other;
  if (t.isIntegral()) return LongType();
  if (t.isFloating() || t.id() == TypeId::Decimal) return DoubleType();
  // Which interval type a string would be is unknown: no promotion.
  if (t.id() == TypeId::DayTimeInterval || t.id() == TypeId::YearMonthInterval) return std::nullopt;
  return *other;
}

std::optional<DataTypePtr> widerComplex(const DataTypePtr& a, const DataTypePtr& b, bool ansi) {
  if (a->id() != b->id()) return std::nullopt;
  switch (a->id()) {
    case TypeId::Array: {
      auto e = findWiderTypeForTwo(a->elementType(), b->elementType(), ansi);
      if (!e) return std::nullopt;
      return ArrayType(*e, a->containsNull() || b->containsNull());
    }
    case TypeId::Map: {
      auto k = findWiderTypeForTwo(a->keyType(), b->keyType(), ansi);
      auto v = findWiderTypeForTwo(a->valueType(), b->valueType(), ansi);
      if (!k || !v) return std::nullopt;
      return MapType(*k, *v, a->valueContainsNull() || b->valueContainsNull());
    }
    case TypeId::Struct: {
      if (a->fields().size() != b->fields().size()) return std::nullopt;
      std::vector<StructField> fields;
      for (size_t i = 0; i < a->fields().size(); ++i) {
        const auto& fa = a->fields()[i];
        const auto& fb = b->fields()[i];
        if (!equalsIgnoreCase(fa.name, fb.name)) return std::nullopt;
        auto t = findWiderTypeForTwo(fa.type, fb.type, ansi);
        if (!t) return std::nullopt;
        fields.emplace_back(fa.name, *t, fa.nullable || fb.nullable);
      }
      return StructType(std::move(fields));
    }
    default:
      return std::nullopt;
  }
}

}  // namespace

std::optional<DataTypePtr> findTightestCommonType(const DataTypePtr& a, const DataTypePtr& b) {
  if (a->equals(*b)) return a;
  if (a->id() == TypeId::Null) return b;
  if (b->id() == TypeId::Null) return a;
  int ra = numericRank(a->id()), rb = numericRank(b->id());
  if (ra >= 0 && rb >= 0) return ra >= rb ? a : b;
  auto pair = [&](TypeId x, TypeId y) {
    return (a->id() == x && b->id() == y) || (a->id() == y && b->id() == x);
  };
  if (pair(TypeId::Timestamp, TypeId::Date)) return TimestampType();
  if (pair(TypeId::TimestampNTZ, TypeId::Date)) return TimestampNTZType();
  if (pair(TypeId::Timestamp, TypeId::TimestampNTZ)) return TimestampType();
  return std::nullopt;
}

DataTypePtr widerDecimalType(const DataType& a, const DataType& b) {
  int scale = std::max(a.scale(), b.scale());
  int range = std::max(a.precision() - a.scale(), b.precision() - b.scale());
  return boundedDecimal(range + scale, scale);
}

std::optional<DataTypePtr> findWiderTypeForTwo(const DataTypePtr& a, const DataTypePtr& b, bool ansi) {
  if (auto t = findTightestCommonType(a, b)) return t;
  if (auto t = widerForDecimal(a, b)) return t;
  if (auto t = ansi ? ansiStringPromotion(a, b) : legacyStringPromotion(a, b)) return t;
  return widerComplex(a, b, ansi);
}

std::optional<DataTypePtr> findWiderCommonType(const std::vector<DataTypePtr>& types, bool ansi) {
  DataTypePtr acc = NullType();
  // Legacy Spark folds string types first so that string promotion wins
  // over numeric widening regardless of argument order.
  std::vector<DataTypePtr> ordered;
  for (const auto& t : types)
    if (t->id() == TypeId::String) ordered.push_back(t);
  for (const auto& t : types)
    if (t->id() != TypeId::String) ordered.push_back(t);
  for (const auto& t : (ansi ? types : ordered)) {
    auto w = findWiderTypeForTwo(acc, t, ansi);
    if (!w) return std::nullopt;
    acc = *w;
  }
  return acc;
}

std::optional<DataTypePtr> findCommonTypeForComparison(const DataTypePtr& a, const DataTypePtr& b, bool ansi) {
  if (a->equals(*b)) return a;
  if (a->id() == TypeId::Null) return b;
  if (b->id() == TypeId::Null) return a;
  bool as = a->id() == TypeId::String, bs = b->id() == TypeId::String;
  if (as != bs) {
    const DataTypePtr& other = as ? b : a;
    if (!isAtomic(*other)) return std::nullopt;
    if (ansi) return ansiStringPromotion(a, b);
    if (other->id() == TypeId::Decimal) return DoubleType();
    return other;
  }
  if (auto t = findTightestCommonType(a, b)) return t;
  if (auto t = widerForDecimal(a, b)) return t;
  return widerComplex(a, b, ansi);
}

std::optional<DataTypePtr> decimalForType(const DataType& t) {
  switch (t.id()) {
    case TypeId::Byte: return DecimalType(3, 0);
    case TypeId::Short: return DecimalType(5, 0);
    case TypeId::Integer: return DecimalType(10, 0);
    case TypeId::Long: return DecimalType(20, 0);
    case TypeId::Float: return DecimalType(14, 7);
    case TypeId::Double: return DecimalType(30, 15);
    case TypeId::Decimal: return DecimalType(t.precision(), t.scale());
    default: return std::nullopt;
  }
}

DataTypePtr decimalForLiteral(const Value& v) {
  if (v.isNull() || !v.type()->isIntegral()) {
    auto t = decimalForType(*v.type());
    return t ? *t : DecimalType(10, 0);
  }
  int64_t x = v.getLong();
  uint64_t mag = x < 0 ? 0 - static_cast<uint64_t>(x) : static_cast<uint64_t>(x);
  int digits = 1;
  while (mag >= 10) {
    mag /= 10;
    ++digits;
  }
  return DecimalType(digits, 0);
}

DataTypePtr adjustDecimalPrecisionScale(int precision, int scale) {
  constexpr int kMax = DataType::kMaxDecimalPrecision;
  constexpr int kMinAdjustedScale = 6;
  if (precision <= kMax) return DecimalType(precision, scale);
  int int_digits = precision - scale;
  int min_scale = std::min(scale, kMinAdjustedScale);
  int adjusted = std::max(kMax - int_digits, min_scale);
  return DecimalType(kMax, adjusted);
}

DataTypePtr decimalResultType(DecimalOp op, const DataType& a, const DataType& b) {
  int p1 = a.precision(), s1 = a.scale(), p2 = b.precision(), s2 = b.scale();
  switch (op) {
    case DecimalOp::Add:
    case DecimalOp::Subtract: {
      int s = std::max(s1, s2);
      return adjustDecimalPrecisionScale(std::max(p1 - s1, p2 - s2) + s + 1, s);
    }
    case DecimalOp::Multiply:
      return adjustDecimalPrecisionScale(p1 + p2 + 1, s1 + s2);
    case DecimalOp::Divide: {
      int s = std::max(6, s1 + p2 + 1);
      return adjustDecimalPrecisionScale(p1 - s1 + s2 + s, s);
    }
    case DecimalOp::Remainder: {
      int s = std::max(s1, s2);
      return adjustDecimalPrecisionScale(std::min(p1 - s1, p2 - s2) + s, s);
    }
  }
  return DecimalType(p1, s1);
}

std::optional<DataTypePtr> decimalOperandType(const ExprPtr& operand) {
  const DataType& t = *operand->type();
  if (t.id() == TypeId::Decimal) return operand->type();
  if (!t.isIntegral()) return std::nullopt;
  if (operand->kind() == ExprKind::Literal && !operand->literal().isNull()) return decimalForLiteral(operand->literal());
  return decimalForType(t);
}

}  // namespace loch
