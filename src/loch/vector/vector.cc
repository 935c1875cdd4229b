#include "loch/vector/vector.h"

#include "loch/common/exception.h"
#include "loch/vector/vector_builder.h"
#include "loch/vector/vector_ops.h"

namespace loch {

namespace {

size_t valuesBytes(const DataType& type, int64_t size) {
  switch (type.id()) {
    case TypeId::String:
    case TypeId::Binary:
    case TypeId::Array:
    case TypeId::Map:
      return static_cast<size_t>(size + 1) * sizeof(int32_t);
    case TypeId::Struct:
    case TypeId::Null:
      return 0;
    default:
      return static_cast<size_t>(size) * type.fixedWidth();
  }
}

}  // namespace

VectorPtr Vector::makeFlat(DataTypePtr type, int64_t size) {
  auto v = std::make_shared<Vector>(type, VectorEncoding::Flat, size);
  v->values_ = std::make_shared<Buffer>(valuesBytes(*type, size));
  switch (type->id()) {
    case TypeId::String:
    case TypeId::Binary:
      v->data_ = std::make_shared<Buffer>();
      break;
    case TypeId::Array:
      v->children_.push_back(makeFlat(type->elementType(), 0));
      break;
    case TypeId::Map:
      v->children_.push_back(makeFlat(StructType({StructField("key", type->keyType(), false),
                                                  StructField("value", type->valueType(), true)}),
                                      0));
      break;
    case TypeId::Struct:
      for (const auto& f : type->fields()) v->children_.push_back(makeFlat(f.type, size));
      break;
    case TypeId::Null:
      v->validity_ = std::make_shared<Buffer>(bits::bytesFor(size));
      break;
    default:
      break;
  }
  return v;
}

VectorPtr Vector::makeConstant(const Value& value, int64_t size) {
  auto v = std::make_shared<Vector>(value.type(), VectorEncoding::Constant, size);
  VectorBuilder b(value.type(), 1);
  b.appendValue(value);
  v->dictionary_ = b.finish();
  return v;
}

VectorPtr Vector::makeNull(DataTypePtr type, int64_t size) { return makeConstant(Value::null(std::move(type)), size); }

VectorPtr Vector::makeDictionary(VectorPtr dictionary, BufferPtr indices, int64_t size, BufferPtr validity) {
  auto v = std::make_shared<Vector>(dictionary->type(), VectorEncoding::Dictionary, size);
  v->dictionary_ = dictionary->isFlat() ? std::move(dictionary) : dictionary->flatten();
  v->values_ = std::move(indices);
  v->validity_ = std::move(validity);
  return v;
}

VectorPtr Vector::fromValues(DataTypePtr type, const std::vector<Value>& values) {
  VectorBuilder b(std::move(type), static_cast<int64_t>(values.size()));
  for (const auto& v : values) b.appendValue(v);
  return b.finish();
}

bool Vector::isNull(int64_t row) const {
  switch (encoding_) {
    case VectorEncoding::Flat:
      return validity_ && !bits::get(validity_->data(), row);
    case VectorEncoding::Constant:
      return dictionary_->isNull(0);
    case VectorEncoding::Dictionary:
      if (validity_ && !bits::get(validity_->data(), row)) return true;
      return dictionary_->isNull(indices()[row]);
  }
  return false;
}

bool Vector::mayHaveNulls() const {
  switch (encoding_) {
    case VectorEncoding::Flat:
      return validity_ != nullptr;
    case VectorEncoding::Constant:
      return dictionary_->isNull(0);
    case VectorEncoding::Dictionary:
      return validity_ != nullptr || dictionary_->mayHaveNulls();
  }
  return true;
}

int64_t Vector::nullCount() const {
  if (!mayHaveNulls()) return 0;
  int64_t n = 0;
  for (int64_t i = 0; i < size_; ++i) n += isNull(i);
  return n;
}

uint8_t* Vector::mutableValidity() {
  if (!validity_) {
    validity_ = std::make_shared<Buffer>(bits::bytesFor(size_));
    std::memset(validity_->data(), 0xFF, validity_->size());
  }
  return validity_->data();
}

void Vector::setNull(int64_t row, bool is_null) {
  if (!is_null && !validity_) return;
  bits::setTo(mutableValidity(), row, !is_null);
}

Value Vector::getValue(int64_t row) const {
  if (encoding_ == VectorEncoding::Constant) return dictionary_->getValue(0);
  if (encoding_ == VectorEncoding::Dictionary) {
    if (validity_ && !bits::get(validity_->data(), row)) return Value::null(type_);
    return dictionary_->getValue(indices()[row]);
  }
  if (isNull(row)) return Value::null(type_);
  switch (type_->id()) {
    case TypeId::Null: return Value::null(type_);
    case TypeId::Boolean: return Value::boolean(values<uint8_t>()[row] != 0);
    case TypeId::Byte: return Value::fromInt(type_, values<int8_t>()[row]);
    case TypeId::Short: return Value::fromInt(type_, values<int16_t>()[row]);
    case TypeId::Integer:
    case TypeId::Date:
    case TypeId::YearMonthInterval: return Value::fromInt(type_, values<int32_t>()[row]);
    case TypeId::Long:
    case TypeId::Timestamp:
    case TypeId::TimestampNTZ:
    case TypeId::DayTimeInterval: return Value::fromInt(type_, values<int64_t>()[row]);
    case TypeId::Float: return Value::floatValue(values<float>()[row]);
    case TypeId::Double: return Value::doubleValue(values<double>()[row]);
    case TypeId::Decimal:
      return Value::decimal(values<int128_t>()[row], type_->precision(), type_->scale());
    case TypeId::String: return Value::string(std::string(stringAt(row)));
    case TypeId::Binary: return Value::binary(std::string(stringAt(row)));
    case TypeId::Array: {
      std::vector<Value> elems;
      for (int32_t i = offsets()[row]; i < offsets()[row + 1]; ++i) elems.push_back(children_[0]->getValue(i));
      return Value::array(type_, std::move(elems));
    }
    case TypeId::Map: {
      std::vector<Value> entries;
      const auto& kv = children_[0];
      for (int32_t i = offsets()[row]; i < offsets()[row + 1]; ++i) {
        entries.push_back(Value::mapEntry(kv->child(0)->getValue(i), kv->child(1)->getValue(i)));
      }
      return Value::map(type_, std::move(entries));
    }
    case TypeId::Struct: {
      std::vector<Value> fields;
      for (const auto& c : children_) fields.push_back(c->getValue(row));
      return Value::structValue(type_, std::move(fields));
    }
  }
  throw InternalException("Vector::getValue: unhandled type " + type_->simpleString());
}

VectorPtr Vector::flatten() const {
  if (encoding_ == VectorEncoding::Flat) return std::const_pointer_cast<Vector>(shared_from_this());
  std::vector<int32_t> rows(static_cast<size_t>(size_));
  if (encoding_ == VectorEncoding::Constant) {
    std::fill(rows.begin(), rows.end(), 0);
    return gather(*dictionary_, rows.data(), size_);
  }
  const int32_t* idx = indices();
  for (int64_t i = 0; i < size_; ++i) {
    rows[i] = (validity_ && !bits::get(validity_->data(), i)) ? -1 : idx[i];
  }
  return gather(*dictionary_, rows.data(), size_);
}

int64_t Vector::memoryBytes() const {
  int64_t n = sizeof(Vector);
  if (validity_) n += static_cast<int64_t>(validity_->capacity());
  if (values_) n += static_cast<int64_t>(values_->capacity());
  if (data_) n += static_cast<int64_t>(data_->capacity());
  for (const auto& c : children_) n += c->memoryBytes();
  if (dictionary_) n += dictionary_->memoryBytes();
  return n;
}

void Vector::resizeFlat(int64_t new_size) {
  if (encoding_ != VectorEncoding::Flat) throw InternalException("resizeFlat on a non-flat vector");
  int64_t old = size_;
  if (validity_ && type_->id() != TypeId::Null) {
    validity_->resize(bits::bytesFor(new_size));
    for (int64_t i = old; i < new_size; ++i) bits::set(validity_->data(), i);
  }
  switch (type_->id()) {
    case TypeId::String:
    case TypeId::Binary:
    case TypeId::Array:
    case TypeId::Map: {
      values_->resize(static_cast<size_t>(new_size + 1) * sizeof(int32_t));
      int32_t* o = mutableOffsets();
      for (int64_t i = old + 1; i <= new_size; ++i) o[i] = o[old];
      break;
    }
    case TypeId::Struct:
      for (auto& c : children_) c->resizeFlat(new_size);
      break;
    case TypeId::Null:
      break;
    default:
      values_->resize(static_cast<size_t>(new_size) * type_->fixedWidth());
  }
  if (type_->id() == TypeId::Null) {
    if (!validity_) validity_ = std::make_shared<Buffer>();
    validity_->resize(bits::bytesFor(new_size));
  }
  size_ = new_size;
}

}  // namespace loch
