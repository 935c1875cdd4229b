#pragma once
// Splits CSV text into records and fields (RFC 4180 plus Spark's escape,
// comment and multiLine options). Blank lines are skipped as Spark does.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "loch/io/csv/csv_options.h"

namespace loch {

/// One field of a record: its text (quotes removed, escapes resolved) and
/// whether it was quoted (a quoted "" differs from an empty field).
struct CsvField {
  std::string_view text;
  bool quoted = false;
};

class CsvTokenizer {
 public:
  /// `data` must outlive the tokenizer. Records start at offset 0; a UTF-8
  /// BOM there is skipped when `skip_bom`.
  CsvTokenizer(const CsvOptions& options, std::string_view data, bool skip_bom);

  /// Reads the next record into `fields` (views valid until the next call).
  /// Stops before records that start at or after `limit` bytes (the end of a
  /// split; a record that starts before it is read to its end).
  /// @returns false at the end.
  bool next(std::vector<CsvField>& fields, size_t limit = std::string_view::npos);

  /// The record last read, as it appears in the input (no line terminator).
  std::string_view rawRecord() const { return raw_; }
  /// 1-based line (relative to the data start) where the last record began.
  int64_t recordLine() const { return record_line_; }
  size_t position() const { return pos_; }

 private:
  bool atNewline(size_t p) const { return data_[p] == '\n' || data_[p] == '\r'; }
  /// Consumes a line terminator at pos_ (\n, \r\n or \r), counting it.
  void consumeNewline();
  void skipLine();

  const CsvOptions& opt_;
  std::string_view data_;
  size_t pos_ = 0;
  int64_t line_ = 1;
  int64_t record_line_ = 0;
  std::string_view raw_;
  std::string scratch_;
  struct Span {
    size_t begin;
    size_t length;
    bool in_scratch;
    bool quoted;
  };
  std::vector<Span> spans_;
};

}  // namespace loch
