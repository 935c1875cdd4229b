#pragma once
// Spark SQL's data types (org.apache.spark.sql.types) and their physical
// representation in Loch's vectors:
//
//   Spark type        TypeId         physical value (per row)
//   NullType          Null           none
//   BooleanType       Boolean        uint8_t (0/1)
//   ByteType          Byte           int8_t      (SQL tinyint)
//   ShortType         Short          int16_t     (smallint)
//   IntegerType       Integer        int32_t     (int)
//   LongType          Long           int64_t     (bigint)
//   FloatType         Float          float
//   DoubleType        Double         double
//   DecimalType(p,s)  Decimal        __int128 unscaled value, p <= 38
//   StringType        String         int32 offsets + UTF-8 bytes
//   BinaryType        Binary         int32 offsets + bytes
//   DateType          Date           int32 days since 1970-01-01
//   TimestampType     Timestamp      int64 µs since epoch UTC (shown in session zone)
//   TimestampNTZType  TimestampNTZ   int64 µs of a wall-clock time, no zone
//   YearMonthIntervalType YearMonthInterval int32 months
//   DayTimeIntervalType   DayTimeInterval   int64 µs
//   ArrayType         Array          int32 offsets + child vector
//   MapType           Map            int32 offsets + child struct<key,value>
//   StructType        Struct         one child vector per field
//
// The layout follows the Apache Arrow columnar format except booleans, which
// are one byte per value (Arrow packs bits; export converts).

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace loch {

enum class TypeId : uint8_t {
  Null,
  Boolean,
  Byte,
  Short,
  Integer,
  Long,
  Float,
  Double,
  Decimal,
  String,
  Binary,
  Date,
  Timestamp,
  TimestampNTZ,
  YearMonthInterval,
  DayTimeInterval,
  Array,
  Map,
  Struct,
};

using int128_t = __int128;

class DataType;
using DataTypePtr = std::shared_ptr<const DataType>;
struct StructField;

/// One Spark data type. Immutable; share through DataTypePtr.
class DataType {
 public:
  static constexpr int kMaxDecimalPrecision = 38;

  TypeId id() const { return id_; }
  /// Decimal precision (total digits) and scale (digits after the point).
  int precision() const { return precision_; }
  int scale() const { return scale_; }
  /// Array element type / map key and value types.
  const DataTypePtr& elementType() const { return children_[0]; }
  bool containsNull() const { return contains_null_; }
  const DataTypePtr& keyType() const { return children_[0]; }
  const DataTypePtr& valueType() const { return children_[1]; }
  bool valueContainsNull() const { return contains_null_; }
  /// Struct fields.
  const std::vector<StructField>& fields() const { return fields_; }

  /// Spark's `simpleString`: "int", "bigint", "decimal(10,2)",
  /// "array<int>", "map<string,int>", "struct<a:int,b:string>".
  std::string simpleString() const;
  /// Spark's `typeName` as printSchema shows it: "integer", "long",
  /// "string", "decimal(10,2)", "array", "map", "struct".
  std::string typeName() const;
  /// SQL spelling used in messages: "INT", "BIGINT", "DECIMAL(10,2)",
  /// "ARRAY<INT>", "STRUCT<a: INT>".
  std::string sql() const;

  bool equals(const DataType& other) const;
  bool operator==(const DataType& other) const { return equals(other); }

  bool isNumeric() const;
  bool isIntegral() const;
  bool isFloating() const { return id_ == TypeId::Float || id_ == TypeId::Double; }
  bool isNested() const { return id_ == TypeId::Array || id_ == TypeId::Map || id_ == TypeId::Struct; }
  bool isStringLike() const { return id_ == TypeId::String || id_ == TypeId::Binary; }
  bool isTemporal() const {
    return id_ == TypeId::Date || id_ == TypeId::Timestamp || id_ == TypeId::TimestampNTZ;
  }
  /// Bytes per value in the values buffer; 0 for variable-size and nested.
  int fixedWidth() const;

  // Factories; use the free functions below.
  static DataTypePtr primitive(TypeId id);
  static DataTypePtr decimal(int precision, int scale);
  static DataTypePtr array(DataTypePtr element, bool contains_null);
  static DataTypePtr map(DataTypePtr key, DataTypePtr value, bool value_contains_null);
  static DataTypePtr structOf(std::vector<StructField> fields);

  // Defined below StructField: clang instantiates vector<StructField>'s
  // destructor here and needs the complete type.
  explicit DataType(TypeId id);

 private:
  TypeId id_;
  int precision_ = 0;
  int scale_ = 0;
  bool contains_null_ = true;
  std::vector<DataTypePtr> children_;
  std::vector<StructField> fields_;
};

/// A named field of a struct / a column of a schema (Spark's StructField).
struct StructField {
  std::string name;
  DataTypePtr type;
  bool nullable = true;
  std::map<std::string, std::string> metadata;

  StructField() = default;
  StructField(std::string n, DataTypePtr t, bool null_ok = true,
              std::map<std::string, std::string> meta = {})
      : name(std::move(n)), type(std::move(t)), nullable(null_ok), metadata(std::move(meta)) {}
  bool operator==(const StructField& o) const {
    return name == o.name && type->equals(*o.type) && nullable == o.nullable;
  }
};

inline DataType::DataType(TypeId id) : id_(id) {}

// Spark-named factories: BooleanType(), IntegerType(), DecimalType(10, 2)...
DataTypePtr NullType();
DataTypePtr BooleanType();
DataTypePtr ByteType();
DataTypePtr ShortType();
DataTypePtr IntegerType();
DataTypePtr LongType();
DataTypePtr FloatType();
DataTypePtr DoubleType();
/// @throws AnalysisException unless 1 <= precision <= 38 and 0 <= scale <= precision.
DataTypePtr DecimalType(int precision = 10, int scale = 0);
DataTypePtr StringType();
DataTypePtr BinaryType();
DataTypePtr DateType();
DataTypePtr TimestampType();
DataTypePtr TimestampNTZType();
DataTypePtr YearMonthIntervalType();
DataTypePtr DayTimeIntervalType();
DataTypePtr ArrayType(DataTypePtr element, bool contains_null = true);
DataTypePtr MapType(DataTypePtr key, DataTypePtr value, bool value_contains_null = true);
DataTypePtr StructType(std::vector<StructField> fields);

/// Parses a Spark type string: "int", "bigint", "decimal(10,2)",
/// "array<string>", "map<string,int>", "struct<a:int,b:string>".
/// @throws AnalysisException naming the text on an unknown type.
DataTypePtr parseDataType(const std::string& text);

/// Smallest decimal type that holds every value of an integral type
/// (Spark's DecimalType.forType): byte→(3,0) short→(5,0) int→(10,0) long→(20,0).
std::optional<DataTypePtr> decimalForIntegral(const DataType& t);

}  // namespace loch
