#include "loch/types/data_type.h"

#include <algorithm>
#include <cctype>

#include "loch/common/exception.h"
#include "loch/common/format.h"

namespace loch {

namespace {

const char* primitiveSimpleName(TypeId id) {
  switch (id) {
    case TypeId::Null: return "void";
    case TypeId::Boolean: return "boolean";
    case TypeId::Byte: return "tinyint";
    case TypeId::Short: return "smallint";
    case TypeId::Integer: return "int";
    case TypeId::Long: return "bigint";
    case TypeId::Float: return "float";
    case TypeId::Double: return "double";
    case TypeId::String: return "string";
    case TypeId::Binary: return "binary";
    case TypeId::Date: return "date";
    case TypeId::Timestamp: return "timestamp";
    case TypeId::TimestampNTZ: return "timestamp_ntz";
    case TypeId::YearMonthInterval: return "interval year to month";
    case TypeId::DayTimeInterval: return "interval day to second";
    default: return "";
  }
}

}  // namespace

DataTypePtr DataType::primitive(TypeId id) {
  static const DataTypePtr cache[] = {
      std::make_shared<DataType>(TypeId::Null),          std::make_shared<DataType>(TypeId::Boolean),
      std::make_shared<DataType>(TypeId::Byte),          std::make_shared<DataType>(TypeId::Short),
      std::make_shared<DataType>(TypeId::Integer),       std::make_shared<DataType>(TypeId::Long),
      std::make_shared<DataType>(TypeId::Float),         std::make_shared<DataType>(TypeId::Double),
      nullptr,                                           std::make_shared<DataType>(TypeId::String),
      std::make_shared<DataType>(TypeId::Binary),        std::make_shared<DataType>(TypeId::Date),
      std::make_shared<DataType>(TypeId::Timestamp),     std::make_shared<DataType>(TypeId::TimestampNTZ),
      std::make_shared<DataType>(TypeId::YearMonthInterval),
      std::make_shared<DataType>(TypeId::DayTimeInterval),
  };
  auto idx = static_cast<size_t>(id);
  if (idx >= sizeof(cache) / sizeof(cache[0]) || !cache[idx]) {
    throw InternalException("DataType::primitive called for a non-primitive type");
  }
  return cache[idx];
}

DataTypePtr DataType::decimal(int precision, int scale) {
  if (precision < 1 || precision > kMaxDecimalPrecision || scale < 0 || scale > precision) {
    throw AnalysisException("DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION",
                            "Invalid decimal(" + std::to_string(precision) + "," +
                                std::to_string(scale) +
                                "): precision must be in 1..38 and scale in 0..precision.");
  }
  auto t = std::make_shared<DataType>(TypeId::Decimal);
  t->precision_ = precision;
  t->scale_ = scale;
  return t;
}

DataTypePtr DataType::array(DataTypePtr element, bool contains_null) {
  auto t = std::make_shared<DataType>(TypeId::Array);
  t->children_.push_back(std::move(element));
  t->contains_null_ = contains_null;
  return t;
}

DataTypePtr DataType::map(DataTypePtr key, DataTypePtr value, bool value_contains_null) {
  auto t = std::make_shared<DataType>(TypeId::Map);
  t->children_.push_back(std::move(key));
  t->children_.push_back(std::move(value));
  t->contains_null_ = value_contains_null;
  return t;
}

DataTypePtr DataType::structOf(std::vector<StructField> fields) {
  auto t = std::make_shared<DataType>(TypeId::Struct);
  t->fields_ = std::move(fields);
  return t;
}

std::string DataType::simpleString() const {
  switch (id_) {
    case TypeId::Decimal:
      return "decimal(" + std::to_string(precision_) + "," + std::to_string(scale_) + ")";
    case TypeId::Array:
      return "array<" + elementType()->simpleString() + ">";
    case TypeId::Map:
      return "map<" + keyType()->simpleString() + "," + valueType()->simpleString() + ">";
    case TypeId::Struct: {
      std::string s = "struct<";
      for (size_t i = 0; i < fields_.size(); ++i) {
        if (i) s += ",";
        s += fields_[i].name + ":" + fields_[i].type->simpleString();
      }
      return s + ">";
    }
    default:
      return primitiveSimpleName(id_);
  }
}

std::string DataType::typeName() const {
  switch (id_) {
    case TypeId::Byte: return "byte";
    case TypeId::Short: return "short";
    case TypeId::Integer: return "integer";
    case TypeId::Long: return "long";
    case TypeId::Array: return "array";
    case TypeId::Map: return "map";
    case TypeId::Struct: return "struct";
    default: return simpleString();
  }
}

std::string DataType::sql() const {
  switch (id_) {
    case TypeId::Array:
      return "ARRAY<" + elementType()->sql() + ">";
    case TypeId::Map:
      return "MAP<" + keyType()->sql() + ", " + valueType()->sql() + ">";
    case TypeId::Struct: {
      std::string s = "STRUCT<";
      for (size_t i = 0; i < fields_.size(); ++i) {
        if (i) s += ", ";
        s += fields_[i].name + ": " + fields_[i].type->sql();
      }
      return s + ">";
    }
    default:
      return toUpper(simpleString());
  }
}

bool DataType::equals(const DataType& o) const {
  if (id_ != o.id_) return false;
  switch (id_) {
    case TypeId::Decimal:
      return precision_ == o.precision_ && scale_ == o.scale_;
    case TypeId::Array:
    case TypeId::Map:
      if (contains_null_ != o.contains_null_ || children_.size() != o.children_.size()) return false;
      for (size_t i = 0; i < children_.size(); ++i) {
        if (!children_[i]->equals(*o.children_[i])) return false;
      }
      return true;
    case TypeId::Struct:
      return fields_ == o.fields_;
    default:
      return true;
  }
}

bool DataType::isNumeric() const {
  switch (id_) {
    case TypeId::Byte:
    case TypeId::Short:
    case TypeId::Integer:
    case TypeId::Long:
    case TypeId::Float:
    case TypeId::Double:
    case TypeId::Decimal:
      return true;
    default:
      return false;
  }
}

bool DataType::isIntegral() const {
  return id_ == TypeId::Byte || id_ == TypeId::Short || id_ == TypeId::Integer || id_ == TypeId::Long;
}

int DataType::fixedWidth() const {
  switch (id_) {
    case TypeId::Boolean:
    case TypeId::Byte: return 1;
    case TypeId::Short: return 2;
    case TypeId::Integer:
    case TypeId::Float:
    case TypeId::Date:
    case TypeId::YearMonthInterval: return 4;
    case TypeId::Long:
    case TypeId::Double:
    case TypeId::Timestamp:
    case TypeId::TimestampNTZ:
    case TypeId::DayTimeInterval: return 8;
    case TypeId::Decimal: return 16;
    default: return 0;
  }
}

DataTypePtr NullType() { return DataType::primitive(TypeId::Null); }
DataTypePtr BooleanType() { return DataType::primitive(TypeId::Boolean); }
DataTypePtr ByteType() { return DataType::primitive(TypeId::Byte); }
DataTypePtr ShortType() { return DataType::primitive(TypeId::Short); }
DataTypePtr IntegerType() { return DataType::primitive(TypeId::Integer); }
DataTypePtr LongType() { return DataType::primitive(TypeId::Long); }
DataTypePtr FloatType() { return DataType::primitive(TypeId::Float); }
DataTypePtr DoubleType() { return DataType::primitive(TypeId::Double); }
DataTypePtr DecimalType(int precision, int scale) { return DataType::decimal(precision, scale); }
DataTypePtr StringType() { return DataType::primitive(TypeId::String); }
DataTypePtr BinaryType() { return DataType::primitive(TypeId::Binary); }
DataTypePtr DateType() { return DataType::primitive(TypeId::Date); }
DataTypePtr TimestampType() { return DataType::primitive(TypeId::Timestamp); }
DataTypePtr TimestampNTZType() { return DataType::primitive(TypeId::TimestampNTZ); }
DataTypePtr YearMonthIntervalType() { return DataType::primitive(TypeId::YearMonthInterval); }
DataTypePtr DayTimeIntervalType() { return DataType::primitive(TypeId::DayTimeInterval); }
DataTypePtr ArrayType(DataTypePtr element, bool contains_null) {
  return DataType::array(std::move(element), contains_null);
}
DataTypePtr MapType(DataTypePtr key, DataTypePtr value, bool value_contains_null) {
  return DataType::map(std::move(key), std::move(value), value_contains_null);
}
DataTypePtr StructType(std::vector<StructField> fields) { return DataType::structOf(std::move(fields)); }

std::optional<DataTypePtr> decimalForIntegral(const DataType& t) {
  switch (t.id()) {
    case TypeId::Byte: return DecimalType(3, 0);
    case TypeId::Short: return DecimalType(5, 0);
    case TypeId::Integer: return DecimalType(10, 0);
    case TypeId::Long: return DecimalType(20, 0);
    default: return std::nullopt;
  }
}

namespace {

/// Recursive-descent parser for Spark type strings.
class TypeStringParser {
 public:
  explicit TypeStringParser(const std::string& text) : text_(text) {}

  DataTypePtr parseAll() {
    DataTypePtr t = parseType();
    skipSpace();
    if (pos_ != text_.size()) fail("unexpected '" + text_.substr(pos_) + "'");
    return t;
  }

 private:
  [[noreturn]] void fail(const std::string& why) {
    throw AnalysisException("UNSUPPORTED_DATATYPE",
                            "Cannot parse the data type '" + text_ + "': " + why + ".");
  }
  void skipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  std::string word() {
    skipSpace();
    size_t start = pos_;
    while (pos_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) {
      ++pos_;
    }
    return text_.substr(start, pos_ - start);
  }
  std::string fieldName() {
    skipSpace();
    if (pos_ < text_.size() && text_[pos_] == '`') {
      size_t end = text_.find('`', pos_ + 1);
      if (end == std::string::npos) fail("unterminated `");
      std::string n = text_.substr(pos_ + 1, end - pos_ - 1);
      pos_ = end + 1;
      return n;
    }
    return word();
  }
  bool accept(char c) {
    skipSpace();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  void expect(char c) {
    if (!accept(c)) fail(std::string("expected '") + c + "'");
  }
  int number() {
    std::string w = word();
    if (w.empty() || !std::all_of(w.begin(), w.end(), ::isdigit)) fail("expected a number");
    return std::stoi(w);
  }

  DataTypePtr parseType() {
    std::string w = toLower(word());
    if (w.empty()) fail("expected a type name");
    if (w == "boolean" || w == "bool") return BooleanType();
    if (w == "tinyint" || w == "byte") return ByteType();
    if (w == "smallint" || w == "short") return ShortType();
    if (w == "int" || w == "integer") return IntegerType();
    if (w == "bigint" || w == "long") return LongType();
    if (w == "float" || w == "real") return FloatType();
    if (w == "double") return DoubleType();
    if (w == "string" || w == "varchar" || w == "char") {
      if (accept('(')) {
        number();
        expect(')');
      }
      return StringType();
    }
    if (w == "binary") return BinaryType();
    if (w == "date") return DateType();
    if (w == "timestamp" || w == "timestamp_ltz") return TimestampType();
    if (w == "timestamp_ntz") return TimestampNTZType();
    if (w == "void") return NullType();
    if (w == "decimal" || w == "dec" || w == "numeric") {
      if (!accept('(')) return DecimalType(10, 0);
      int p = number();
      int s = accept(',') ? number() : 0;
      expect(')');
      return DecimalType(p, s);
    }
    if (w == "array") {
      expect('<');
      auto e = parseType();
      expect('>');
      return ArrayType(e);
    }
    if (w == "map") {
      expect('<');
      auto k = parseType();
      expect(',');
      auto v = parseType();
      expect('>');
      return MapType(k, v);
    }
    if (w == "struct") {
      expect('<');
      std::vector<StructField> fields;
      if (!accept('>')) {
        do {
          std::string name = fieldName();
          if (name.empty()) fail("expected a field name");
          accept(':');
          fields.emplace_back(name, parseType());
        } while (accept(','));
        expect('>');
      }
      return StructType(std::move(fields));
    }
    fail("unknown type '" + w + "'");
  }

  const std::string& text_;
  size_t pos_ = 0;
};

}  // namespace

DataTypePtr parseDataType(const std::string& text) { return TypeStringParser(text).parseAll(); }

}  // namespace loch
