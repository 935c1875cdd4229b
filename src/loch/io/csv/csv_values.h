#pragma once
// Text -> typed values for CSV fields (Spark's UnivocityParser value
// converters) and type inference (CSVInferSchema: int, bigint, decimal,
// double, date/timestamp, boolean, string, merged with compatibleType).

#include <memory>
#include <optional>
#include <string_view>

#include "loch/io/csv/csv_options.h"
#include "loch/io/datetime_pattern.h"
#include "loch/types/data_type.h"
#include "loch/vector/vector_builder.h"

namespace loch {

class CsvValueParser {
 public:
  explicit CsvValueParser(const CsvOptions& options);

  /// Whether a field is NULL: an empty unquoted field, or text equal to nullValue.
  bool isNull(std::string_view text, bool quoted) const;
  /// The text of a non-NULL field (a quoted "" reads as emptyValue).
  std::string_view valueText(std::string_view text, bool quoted) const;

  /// Appends `text` converted to the builder's type. @returns false (and
  /// appends NULL) when the text does not convert.
  bool append(VectorBuilder& out, TypeId type, const DataType& full_type, std::string_view text) const;

  /// The narrowest type for `text`, given the type inferred so far
  /// (NullType at first). Spark's CSVInferSchema.inferField.
  DataTypePtr inferField(const DataTypePtr& so_far, std::string_view text) const;

 private:
  std::optional<int32_t> parseDate(std::string_view t) const;
  std::optional<int64_t> parseTimestamp(std::string_view t) const;
  DataTypePtr tryFrom(TypeId start, std::string_view text) const;

  const CsvOptions& options_;
  const cctz::time_zone& tz_;
  std::unique_ptr<DateTimePattern> date_pattern_;
  std::unique_ptr<DateTimePattern> timestamp_pattern_;
};

/// Spark's CSVInferSchema.compatibleType (NullType absorbs; numbers widen;
/// date and timestamp give timestamp; otherwise string).
DataTypePtr mergeCsvTypes(const DataTypePtr& a, const DataTypePtr& b);

/// Java Integer/Long.parseLong rules: optional sign, ASCII digits, in range.
std::optional<int64_t> parseJavaLong(std::string_view text, int64_t min, int64_t max);
/// Java Double.parseDouble, plus Spark's "NaN", "Inf", "-Inf" (nanValue,
/// positiveInf, negativeInf defaults).
std::optional<double> parseCsvDouble(std::string_view text);

}  // namespace loch
