#include "loch/vector/vector_builder.h"

#include "loch/common/exception.h"

namespace loch {

VectorBuilder::VectorBuilder(DataTypePtr type, int64_t capacity) : type_(std::move(type)) {
  width_ = type_->fixedWidth();
  vector_ = Vector::makeFlat(type_, 0);
  switch (type_->id()) {
    case TypeId::Array:
      children_.push_back(std::make_unique<VectorBuilder>(type_->elementType()));
      break;
    case TypeId::Map:
      children_.push_back(std::make_unique<VectorBuilder>(vector_->child(0)->type()));
      break;
    case TypeId::Struct:
      for (const auto& f : type_->fields()) children_.push_back(std::make_unique<VectorBuilder>(f.type, capacity));
      break;
    default:
      break;
  }
  if (capacity > 0) growTo(capacity);
}

void VectorBuilder::growTo(int64_t rows) {
  if (rows <= capacity_) return;
  int64_t cap = capacity_ < 16 ? 16 : capacity_;
  while (cap < rows) cap *= 2;
  if (vector_->validityBuffer()) vector_->validityBuffer()->resize(bits::bytesFor(cap));
  if (width_ > 0) {
    vector_->valuesBuffer()->resize(static_cast<size_t>(cap) * width_);
  } else if (type_->id() == TypeId::String || type_->id() == TypeId::Binary || type_->id() == TypeId::Array ||
             type_->id() == TypeId::Map) {
    vector_->valuesBuffer()->resize(static_cast<size_t>(cap + 1) * sizeof(int32_t));
  }
  capacity_ = cap;
}

void VectorBuilder::markValid() {
  if (vector_->validityBuffer()) bits::set(vector_->validityBuffer()->data(), size_);
}

void VectorBuilder::appendNull() {
  growTo(size_ + 1);
  if (!vector_->validityBuffer()) {
    auto validity = std::make_shared<Buffer>(bits::bytesFor(capacity_));
    std::memset(validity->data(), 0, validity->size());
    for (int64_t i = 0; i < size_; ++i) bits::set(validity->data(), i);
    vector_->setValidityBuffer(validity);
  }
  bits::clear(vector_->validityBuffer()->data(), size_);
  switch (type_->id()) {
    case TypeId::String:
    case TypeId::Binary:
    case TypeId::Array:
    case TypeId::Map: {
      int32_t* o = vector_->mutableOffsets();
      o[size_ + 1] = o[size_];
      break;
    }
    case TypeId::Struct:
      for (auto& c : children_) c->appendNull();
      break;
    default:
      if (width_ > 0) std::memset(vector_->valuesBuffer()->data() + size_ * width_, 0, width_);
  }
  ++size_;
}

void VectorBuilder::appendBool(bool v) {
  growTo(size_ + 1);
  markValid();
  vector_->mutableValues<uint8_t>()[size_++] = v ? 1 : 0;
}

void VectorBuilder::appendInt(int64_t v) {
  growTo(size_ + 1);
  markValid();
  switch (width_) {
    case 1: vector_->mutableValues<int8_t>()[size_] = static_cast<int8_t>(v); break;
    case 2: vector_->mutableValues<int16_t>()[size_] = static_cast<int16_t>(v); break;
    case 4: vector_->mutableValues<int32_t>()[size_] = static_cast<int32_t>(v); break;
    case 8: vector_->mutableValues<int64_t>()[size_] = v; break;
    case 16: vector_->mutableValues<int128_t>()[size_] = v; break;
    default: throw InternalException("appendInt on " + type_->simpleString());
  }
  ++size_;
}

void VectorBuilder::appendDouble(double v) {
  growTo(size_ + 1);
  markValid();
  if (type_->id() == TypeId::Float) {
    vector_->mutableValues<float>()[size_] = static_cast<float>(v);
  } else {
    vector_->mutableValues<double>()[size_] = v;
  }
  ++size_;
}

void VectorBuilder::appendDecimal(int128_t unscaled) {
  growTo(size_ + 1);
  markValid();
  vector_->mutableValues<int128_t>()[size_++] = unscaled;
}

void VectorBuilder::appendString(std::string_view v) {
  growTo(size_ + 1);
  markValid();
  auto& data = vector_->dataBuffer();
  int32_t* o = vector_->mutableOffsets();
  int64_t end = static_cast<int64_t>(o[size_]) + static_cast<int64_t>(v.size());
  if (end > INT32_MAX) {
    throw UnsupportedException("a string batch over 2 GiB (one vector's string bytes must fit int32 offsets)");
  }
  data->append(v.data(), v.size());
  o[size_ + 1] = static_cast<int32_t>(end);
  ++size_;
}

VectorBuilder& VectorBuilder::elements() { return *children_.at(0); }

VectorBuilder& VectorBuilder::field(size_t i) { return *children_.at(i); }

void VectorBuilder::finishList() {
  growTo(size_ + 1);
  markValid();
  vector_->mutableOffsets()[size_ + 1] = static_cast<int32_t>(children_[0]->size());
  ++size_;
}

void VectorBuilder::finishStruct() {
  growTo(size_ + 1);
  markValid();
  ++size_;
}

void VectorBuilder::appendValue(const Value& v) {
  if (v.isNull()) {
    appendNull();
    return;
  }
  switch (type_->id()) {
    case TypeId::Null: appendNull(); break;
    case TypeId::Boolean: appendBool(v.getBool()); break;
    case TypeId::Byte:
    case TypeId::Short:
    case TypeId::Integer:
    case TypeId::Long:
    case TypeId::Date:
    case TypeId::Timestamp:
    case TypeId::TimestampNTZ:
    case TypeId::YearMonthInterval:
    case TypeId::DayTimeInterval: appendInt(v.getLong()); break;
    case TypeId::Float:
    case TypeId::Double: appendDouble(v.getDouble()); break;
    case TypeId::Decimal: appendDecimal(v.getDecimal()); break;
    case TypeId::String:
    case TypeId::Binary: appendString(v.getString()); break;
    case TypeId::Array:
      for (const auto& e : v.children()) children_[0]->appendValue(e);
      finishList();
      break;
    case TypeId::Map:
      for (const auto& e : v.children()) {
        children_[0]->field(0).appendValue(e.children()[0]);
        children_[0]->field(1).appendValue(e.children()[1]);
        children_[0]->finishStruct();
      }
      finishList();
      break;
    case TypeId::Struct:
      for (size_t i = 0; i < children_.size(); ++i) children_[i]->appendValue(v.children()[i]);
      finishStruct();
      break;
  }
}

void VectorBuilder::appendFrom(const Vector& src, int64_t row) {
  if (src.isConstant()) {
    appendFrom(*src.dictionary(), 0);
    return;
  }
  if (src.isDictionary()) {
    if (src.isNull(row)) {
      appendNull();
    } else {
      appendFrom(*src.dictionary(), src.indices()[row]);
    }
    return;
  }
  if (src.isNull(row)) {
    appendNull();
    return;
  }
  switch (type_->id()) {
    case TypeId::Null: appendNull(); break;
    case TypeId::String:
    case TypeId::Binary: appendString(src.stringAt(row)); break;
    case TypeId::Array:
    case TypeId::Map: {
      const int32_t* o = src.offsets();
      for (int32_t i = o[row]; i < o[row + 1]; ++i) children_[0]->appendFrom(*src.child(0), i);
      finishList();
      break;
    }
    case TypeId::Struct:
      for (size_t i = 0; i < children_.size(); ++i) children_[i]->appendFrom(*src.child(i), row);
      finishStruct();
      break;
    default: {
      growTo(size_ + 1);
      markValid();
      std::memcpy(vector_->valuesBuffer()->data() + size_ * width_, src.valuesBuffer()->data() + row * width_,
                  width_);
      ++size_;
    }
  }
}

VectorPtr VectorBuilder::finish() {
  for (size_t i = 0; i < children_.size(); ++i) vector_->children()[i] = children_[i]->finish();
  // Trim to the row count (buffers keep their capacity).
  VectorPtr out = vector_;
  auto finished = std::make_shared<Vector>(type_, VectorEncoding::Flat, size_);
  if (out->validityBuffer()) {
    out->validityBuffer()->resize(bits::bytesFor(size_));
    finished->setValidityBuffer(out->validityBuffer());
  }
  if (width_ > 0) {
    out->valuesBuffer()->resize(static_cast<size_t>(size_) * width_);
  } else if (out->valuesBuffer()->size() > 0 || type_->id() == TypeId::String || type_->id() == TypeId::Binary ||
             type_->id() == TypeId::Array || type_->id() == TypeId::Map) {
    out->valuesBuffer()->resize(static_cast<size_t>(size_ + 1) * sizeof(int32_t));
  }
  finished->setValuesBuffer(out->valuesBuffer());
  finished->setDataBuffer(out->dataBuffer());
  finished->children() = out->children();
  if (type_->id() == TypeId::Null && !finished->validityBuffer()) {
    finished->setValidityBuffer(std::make_shared<Buffer>(bits::bytesFor(size_)));
  }
  vector_ = Vector::makeFlat(type_, 0);
  for (auto& c : children_) c = std::make_unique<VectorBuilder>(c->type());
  size_ = 0;
  capacity_ = 0;
  return finished;
}

}  // namespace loch
