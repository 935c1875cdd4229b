#include "loch/io/csv/csv_options.h"

#include <algorithm>

#include "loch/common/exception.h"

namespace loch {

namespace {

/// One character option; "\t"-style escapes as Spark's CSVExprUtils.toChar.
char toChar(const std::string& key, const std::string& v) {
  if (v.size() == 1) return v[0];
  if (v == "\\t") return '\t';
  if (v == "\\u0000") return '\0';
  if (v == "\\\\") return '\\';
  if (v == "\\\"") return '"';
  if (v == "\\'") return '\'';
  if (v.empty()) {
    throw InvalidArgumentException("INVALID_OPTION_VALUE", "Option '" + key + "' must not be empty.");
  }
  throw InvalidArgumentException("INVALID_OPTION_VALUE",
                                 "Option '" + key + "' must be a single character, got '" + v + "'.");
}

}  // namespace

CsvOptions CsvOptions::parse(const SourceOptions& o) {
  CsvOptions c;
  c.header = o.getBool("header", false);
  if (auto v = o.get("sep")) c.sep = toChar("sep", *v);
  if (auto v = o.get("delimiter")) c.sep = toChar("delimiter", *v);
  if (auto v = o.get("quote")) c.quote = v->empty() ? '\0' : toChar("quote", *v);
  if (auto v = o.get("escape")) c.escape = toChar("escape", *v);
  if (auto v = o.get("comment")) {
    char ch = toChar("comment", *v);
    if (ch != '\0') c.comment = ch;
  }
  c.multi_line = o.getBool("multiLine", false);
  c.null_value = o.getOr("nullValue", "");
  c.empty_value = o.getOr("emptyValue", "");
  c.date_format = o.get("dateFormat");
  c.timestamp_format = o.get("timestampFormat");
  c.time_zone = o.getOr("timeZone", "UTC");
  c.infer_schema = o.getBool("inferSchema", false);
  std::string mode = o.getOr("mode", "PERMISSIVE");
  std::transform(mode.begin(), mode.end(), mode.begin(), ::toupper);
  if (mode == "PERMISSIVE") {
    c.mode = ParseMode::kPermissive;
  } else if (mode == "DROPMALFORMED") {
    c.mode = ParseMode::kDropMalformed;
  } else if (mode == "FAILFAST") {
    c.mode = ParseMode::kFailFast;
  } else {
    throw InvalidArgumentException("INVALID_OPTION_VALUE",
                                   "Unknown parse mode '" + mode + "'; use PERMISSIVE, DROPMALFORMED or FAILFAST.");
  }
  c.corrupt_column = o.getOr("columnNameOfCorruptRecord", "_corrupt_record");
  c.ignore_leading_white_space = o.getBool("ignoreLeadingWhiteSpace", false);
  c.ignore_trailing_white_space = o.getBool("ignoreTrailingWhiteSpace", false);
  c.max_split_bytes = std::max<int64_t>(1, o.getLong("maxPartitionBytes", c.max_split_bytes));
  c.quote_all = o.getBool("quoteAll", false);
  c.escape_quotes = o.getBool("escapeQuotes", true);
  c.line_sep = o.getOr("lineSep", "\n");
  for (const char* key : {"encoding", "charset"}) {
    if (auto v = o.get(key)) {
      std::string l = *v;
      std::transform(l.begin(), l.end(), l.begin(), ::tolower);
      if (l != "utf-8" && l != "utf8") {
        throw UnsupportedException("CSV " + std::string(key) + " '" + *v + "' is not supported; only UTF-8 is.");
      }
    }
  }
  return c;
}

}  // namespace loch
