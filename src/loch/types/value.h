#pragma once
// A single typed value: literals, collect() results, test expectations.
// Hot paths never use Value; they work on whole vectors.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "loch/types/data_type.h"

namespace loch {

/// One value of a Spark type, or NULL. Integral, date, timestamp and interval
/// values are held as int64_t; float and double as double; decimals as the
/// unscaled int128; string and binary as bytes; array and struct elements as
/// child Values; a map as child struct<key,value> Values.
class Value {
 public:
  /// NULL of NullType.
  Value() : type_(NullType()) {}

  static Value null(DataTypePtr type) { return Value(std::move(type)); }
  static Value boolean(bool v);
  static Value byte(int8_t v);
  static Value shortValue(int16_t v);
  static Value integer(int32_t v);
  static Value longValue(int64_t v);
  static Value floatValue(float v);
  static Value doubleValue(double v);
  /// Decimal with unscaled value `unscaled` (value = unscaled / 10^scale).
  static Value decimal(int128_t unscaled, int precision, int scale);
  static Value string(std::string v);
  static Value binary(std::string bytes);
  /// Days since 1970-01-01.
  static Value date(int32_t days);
  /// µs since epoch UTC.
  static Value timestamp(int64_t micros);
  static Value timestampNTZ(int64_t micros);
  static Value dayTimeInterval(int64_t micros);
  static Value yearMonthInterval(int32_t months);
  static Value array(DataTypePtr type, std::vector<Value> elements);
  /// `entries` are struct<key,value> Values (see mapEntry).
  static Value map(DataTypePtr type, std::vector<Value> entries);
  static Value mapEntry(Value key, Value value);
  static Value structValue(DataTypePtr type, std::vector<Value> fields);
  /// An integral/date/timestamp/interval of `type` from an int64.
  static Value fromInt(DataTypePtr type, int64_t v);

  const DataTypePtr& type() const { return type_; }
  bool isNull() const { return std::holds_alternative<std::monostate>(data_); }

  bool getBool() const { return std::get<bool>(data_); }
  /// Integral, date, timestamp and interval values.
  int64_t getLong() const { return std::get<int64_t>(data_); }
  double getDouble() const { return std::get<double>(data_); }
  int128_t getDecimal() const { return std::get<int128_t>(data_); }
  const std::string& getString() const { return std::get<std::string>(data_); }
  /// Array elements, struct fields, or map entries.
  const std::vector<Value>& children() const { return std::get<std::vector<Value>>(data_); }

  /// Spark's display text (as in df.show()): NULL as "NULL", timestamps in
  /// `time_zone`, arrays "[1, 2]", structs "{1, a}", maps "{a -> 1}",
  /// binary as "[0A FF]", doubles as Java prints them ("1.0E10").
  std::string toString(const std::string& time_zone = "UTC") const;

  /// Same type and value; NULL equals NULL; NaN equals NaN (Spark's
  /// semantics for grouping and comparison of results).
  bool operator==(const Value& other) const;
  bool operator!=(const Value& other) const { return !(*this == other); }

 private:
  explicit Value(DataTypePtr type) : type_(std::move(type)) {}
  template <class T>
  Value(DataTypePtr type, T v) : type_(std::move(type)), data_(std::move(v)) {}

  DataTypePtr type_;
  std::variant<std::monostate, bool, int64_t, double, int128_t, std::string, std::vector<Value>> data_;
};

/// Java's Double.toString / Float.toString text, which Spark uses to show
/// floating-point values: "1.0", "0.1", "1.0E10", "1.0E-5", "NaN", "Infinity".
std::string javaDoubleString(double v);
std::string javaFloatString(float v);

}  // namespace loch
