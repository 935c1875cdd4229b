#pragma once
// JSON Lines output like Spark's JacksonGenerator: one object per row,
// NULL fields omitted (ignoreNullFields=true), dates yyyy-MM-dd,
// timestamps yyyy-MM-dd'T'HH:mm:ss.SSSXXX, binary as base64, maps as
// objects keyed by the key's text, doubles as Java prints them (NaN and
// Infinity as strings).

#include <memory>
#include <string>

#include "loch/io/datetime_pattern.h"
#include "loch/io/format_writer.h"

namespace loch {

class JsonWriter : public FormatWriter {
 public:
  JsonWriter(std::unique_ptr<OutputFile> out, SchemaPtr schema, const SourceOptions& options);
  void write(const RecordBatchPtr& batch) override;
  void close() override;

 private:
  void appendValue(const Value& v, std::string& out) const;

  std::unique_ptr<OutputFile> out_;
  SchemaPtr schema_;
  DateTimePattern date_format_;
  DateTimePattern timestamp_format_;
  const cctz::time_zone& tz_;
  bool ignore_null_fields_;
  std::string buffer_;
};

/// `s` as a JSON string literal with quotes, escaping control characters.
void appendJsonString(std::string_view s, std::string& out);

}  // namespace loch
