#pragma once
// CSV output with Spark's writer defaults (UnivocityGenerator): fields are
// quoted when they contain the separator, the quote, the escape character,
// a line break, or start/end with whitespace; quotes inside are escaped
// with the escape character (\" by default); NULL is written as nullValue
// (empty, unquoted) and the empty string as "" (emptyValue). Dates as
// yyyy-MM-dd, timestamps as yyyy-MM-dd'T'HH:mm:ss.SSSXXX unless
// dateFormat / timestampFormat say otherwise; doubles as Java prints them.

#include <memory>
#include <string>

#include "loch/io/csv/csv_options.h"
#include "loch/io/datetime_pattern.h"
#include "loch/io/format_writer.h"

namespace loch {

class CsvWriter : public FormatWriter {
 public:
  CsvWriter(std::unique_ptr<OutputFile> out, SchemaPtr schema, const SourceOptions& options);
  void write(const RecordBatchPtr& batch) override;
  void close() override;

 private:
  void appendField(std::string& line, std::string_view text, bool is_string) const;
  void flushIfLarge(bool force);

  std::unique_ptr<OutputFile> out_;
  SchemaPtr schema_;
  CsvOptions options_;
  DateTimePattern date_format_;
  DateTimePattern timestamp_format_;
  const cctz::time_zone& tz_;
  std::string buffer_;
};

}  // namespace loch
