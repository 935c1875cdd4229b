#include "loch/exec/aggregate/value_codec.h"

#include <cmath>
#include <cstring>
#include <limits>

#include "loch/common/exception.h"

namespace loch {

namespace {

template <class T>
void put(std::string& out, T v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof(T));
}

template <class T>
T take(std::string_view& in) {
  if (in.size() < sizeof(T)) throw InternalException("decodeKeyValue: truncated key");
  T v;
  std::memcpy(&v, in.data(), sizeof(T));
  in.remove_prefix(sizeof(T));
  return v;
}

}  // namespace

void encodeKeyValue(const Value& v, const DataType& type, std::string& out) {
  if (v.isNull()) {
    out.push_back(0);
    return;
  }
  out.push_back(1);
  switch (type.id()) {
    case TypeId::Null: break;
    case TypeId::Boolean: out.push_back(v.getBool() ? 1 : 0); break;
    case TypeId::Float:
    case TypeId::Double: {
      double d = v.getDouble();
      if (d == 0) d = 0;
      if (std::isnan(d)) d = std::numeric_limits<double>::quiet_NaN();
      put(out, d);
      break;
    }
    case TypeId::Decimal: put(out, v.getDecimal()); break;
    case TypeId::String:
    case TypeId::Binary: {
      const std::string& s = v.getString();
      put(out, static_cast<uint32_t>(s.size()));
      out.append(s);
      break;
    }
    case TypeId::Array:
    case TypeId::Map: {
      const auto& items = v.children();
      put(out, static_cast<uint32_t>(items.size()));
      if (type.id() == TypeId::Array) {
        for (const auto& e : items) encodeKeyValue(e, *type.elementType(), out);
      } else {
        for (const auto& e : items) {
          encodeKeyValue(e.children()[0], *type.keyType(), out);
          encodeKeyValue(e.children()[1], *type.valueType(), out);
        }
      }
      break;
    }
    case TypeId::Struct: {
      const auto& fields = v.children();
      for (size_t i = 0; i < type.fields().size(); ++i) encodeKeyValue(fields[i], *type.fields()[i].type, out);
      break;
    }
    default: put(out, v.getLong()); break;
  }
}

Value decodeKeyValue(const DataTypePtr& type, std::string_view& in) {
  if (take<uint8_t>(in) == 0) return Value::null(type);
  switch (type->id()) {
    case TypeId::Null: return Value::null(type);
    case TypeId::Boolean: return Value::boolean(take<uint8_t>(in) != 0);
    case TypeId::Float: return Value::floatValue(static_cast<float>(take<double>(in)));
    case TypeId::Double: return Value::doubleValue(take<double>(in));
    case TypeId::Decimal: return Value::decimal(take<int128_t>(in), type->precision(), type->scale());
    case TypeId::String:
    case TypeId::Binary: {
      uint32_t len = take<uint32_t>(in);
      if (in.size() < len) throw InternalException("decodeKeyValue: truncated key");
      std::string s(in.substr(0, len));
      in.remove_prefix(len);
      return type->id() == TypeId::String ? Value::string(std::move(s)) : Value::binary(std::move(s));
    }
    case TypeId::Array: {
      uint32_t count = take<uint32_t>(in);
      std::vector<Value> items;
      for (uint32_t i = 0; i < count; ++i) items.push_back(decodeKeyValue(type->elementType(), in));
      return Value::array(type, std::move(items));
    }
    case TypeId::Map: {
      uint32_t count = take<uint32_t>(in);
      std::vector<Value> entries;
      for (uint32_t i = 0; i < count; ++i) {
        Value k = decodeKeyValue(type->keyType(), in);
        Value v = decodeKeyValue(type->valueType(), in);
        entries.push_back(Value::mapEntry(std::move(k), std::move(v)));
      }
      return Value::map(type, std::move(entries));
    }
    case TypeId::Struct: {
      std::vector<Value> fields;
      for (const auto& f : type->fields()) fields.push_back(decodeKeyValue(f.type, in));
      return Value::structValue(type, std::move(fields));
    }
    default: return Value::fromInt(type, take<int64_t>(in));
  }
}

}  // namespace loch
