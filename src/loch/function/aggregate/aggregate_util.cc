#include "loch/function/aggregate/aggregate_util.h"

#include "loch/expr/expression.h"
#include "loch/function/function_registry.h"

namespace loch::agg {

void throwWrongNumArgs(const std::string& name, const std::string& expected, size_t actual) {
  throw AnalysisException("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                          "The `" + name + "` requires " + expected + " parameters but the actual number is " +
                              std::to_string(actual) + ".");
}

void throwBadInputType(const std::string& name, size_t arg_index, const DataType& type,
                       const std::string& required) {
  throw AnalysisException("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                          "Cannot resolve \"" + name + "\" due to data type mismatch: Parameter " +
                              std::to_string(arg_index) + " requires the " + required +
                              " type, however the argument has the type \"" + type.sql() + "\".");
}

void checkArgCount(const AggregateCall& call, size_t min_args, size_t max_args) {
  size_t n = call.arg_types.size();
  if (n >= min_args && n <= max_args) return;
  std::string expected = min_args == max_args ? std::to_string(min_args)
                                              : "[" + std::to_string(min_args) + ", " + std::to_string(max_args) + "]";
  throwWrongNumArgs(call.name, expected, n);
}

void addAggregateByName(FunctionRegistry& registry, const std::string& name, const std::string& usage) {
  registry.addAggregate(
      name,
      [name](const AggregateBindInput& input) {
        return bindAggregateFunction(AggregateCall::fromBindInput(name, input));
      },
      FunctionInfo{usage, ""});
}

SlotKind slotKindOf(const DataType& type) {
  if (type.id() == TypeId::Null) return SlotKind::Null;
  if (type.isStringLike()) return SlotKind::String;
  if (type.fixedWidth() > 0) return SlotKind::Fixed;
  return SlotKind::Nested;
}

void ValueSlot::assign(const DecodedVector& d, int64_t i, SlotKind kind, int width) {
  is_null = kind == SlotKind::Null || d.isNull(i);
  if (is_null) return;
  int64_t row = d.index(i);
  switch (kind) {
    case SlotKind::Fixed:
      std::memcpy(fixed, d.base().valuesBuffer()->data() + row * width, static_cast<size_t>(width));
      break;
    case SlotKind::String: {
      std::string_view s = d.base().stringAt(row);
      bytes.assign(s.data(), s.size());
      break;
    }
    case SlotKind::Nested: nested = std::make_unique<Value>(d.base().getValue(row)); break;
    case SlotKind::Null: break;
  }
}

void ValueSlot::assign(const ValueSlot& other, SlotKind kind, int width) {
  is_null = other.is_null;
  if (is_null) return;
  switch (kind) {
    case SlotKind::Fixed: std::memcpy(fixed, other.fixed, static_cast<size_t>(width)); break;
    case SlotKind::String: bytes = other.bytes; break;
    case SlotKind::Nested: nested = std::make_unique<Value>(*other.nested); break;
    case SlotKind::Null: break;
  }
}

void appendFixedBits(VectorBuilder& b, TypeId id, const void* bits) {
  dispatchFixed(id, [&]<class T>() {
    T v;
    std::memcpy(&v, bits, sizeof(T));
    if constexpr (std::is_same_v<T, uint8_t>) {
      b.appendBool(v != 0);
    } else if constexpr (std::is_floating_point_v<T>) {
      b.appendDouble(v);
    } else if constexpr (std::is_same_v<T, int128_t>) {
      b.appendDecimal(v);
    } else {
      b.appendInt(v);
    }
  });
}

VectorPtr slotsToVector(const DataTypePtr& type, const ValueSlot* const* slots, int64_t n) {
  SlotKind kind = slotKindOf(*type);
  if (kind == SlotKind::Null) return Vector::makeNull(type, n);
  if (kind == SlotKind::Fixed) {
    int width = type->fixedWidth();
    VectorPtr out = Vector::makeFlat(type, n);
    uint8_t* dst = out->valuesBuffer()->data();
    for (int64_t i = 0; i < n; ++i) {
      const ValueSlot* s = slots[i];
      if (!s || s->is_null) {
        out->setNull(i);
      } else {
        std::memcpy(dst + i * width, s->fixed, static_cast<size_t>(width));
      }
    }
    return out;
  }
  VectorBuilder b(type, n);
  for (int64_t i = 0; i < n; ++i) {
    const ValueSlot* s = slots[i];
    if (!s || s->is_null) {
      b.appendNull();
    } else if (kind == SlotKind::String) {
      b.appendString(s->bytes);
    } else {
      b.appendValue(*s->nested);
    }
  }
  return b.finish();
}

}  // namespace loch::agg
