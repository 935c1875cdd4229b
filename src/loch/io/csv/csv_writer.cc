#include "loch/io/csv/csv_writer.h"

#include "loch/common/exception.h"
#include "loch/types/decimal.h"
#include "loch/vector/decoded_vector.h"

namespace loch {

CsvWriter::CsvWriter(std::unique_ptr<OutputFile> out, SchemaPtr schema, const SourceOptions& options)
    : out_(std::move(out)),
      schema_(std::move(schema)),
      options_(CsvOptions::parse(options)),
      date_format_(options.getOr("dateFormat", "yyyy-MM-dd")),
      timestamp_format_(options.getOr("timestampFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX")),
      tz_(lookupTimeZone(options.getOr("timeZone", "UTC"))) {
  for (const auto& f : schema_->fields()) {
    if (f.type->isNested() || f.type->id() == TypeId::Binary) {
      throw UnsupportedException("[UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE] The CSV datasource doesn't support the column `" +
                                 f.name + "` of the type \"" + f.type->sql() + "\".");
    }
  }
  if (options_.header) {
    std::string line;
    for (size_t i = 0; i < schema_->fields().size(); ++i) {
      if (i) line.push_back(options_.sep);
      appendField(line, schema_->fields()[i].name, true);
    }
    line += options_.line_sep;
    buffer_ += line;
  }
}

void CsvWriter::appendField(std::string& line, std::string_view text, bool is_string) const {
  const char q = options_.quote;
  bool needs = options_.quote_all;
  if (!needs && is_string) {
    if (text.empty()) needs = true;  // "" distinguishes the empty string from NULL
    for (char c : text) {
      if (c == options_.sep || c == q || c == '\n' || c == '\r' || (c == options_.escape && options_.escape_quotes)) {
        needs = true;
        break;
      }
    }
    if (!text.empty() && (text.front() == ' ' || text.back() == ' ')) needs = true;
  }
  if (!needs || q == '\0') {
    line.append(text);
    return;
  }
  line.push_back(q);
  for (char c : text) {
    if (c == q || (c == options_.escape && options_.escape != q)) line.push_back(options_.escape);
    line.push_back(c);
  }
  line.push_back(q);
}

void CsvWriter::write(const RecordBatchPtr& batch) {
  const int64_t rows = batch->numRows();
  const size_t ncols = schema_->fields().size();
  std::vector<DecodedVector> cols;
  cols.reserve(ncols);
  for (size_t c = 0; c < ncols; ++c) cols.emplace_back(*batch->column(static_cast<int>(c)));
  std::string cell;
  for (int64_t r = 0; r < rows; ++r) {
    for (size_t c = 0; c < ncols; ++c) {
      if (c) buffer_.push_back(options_.sep);
      const DecodedVector& d = cols[c];
      const DataType& type = *schema_->fields()[c].type;
      if (d.isNull(r)) {
        buffer_ += options_.null_value;
        continue;
      }
      int64_t i = d.index(r);
      const Vector& base = d.base();
      switch (type.id()) {
        case TypeId::String: appendField(buffer_, base.stringAt(i), true); break;
        case TypeId::Boolean: buffer_ += base.values<uint8_t>()[i] ? "true" : "false"; break;
        case TypeId::Byte: buffer_ += std::to_string(base.values<int8_t>()[i]); break;
        case TypeId::Short: buffer_ += std::to_string(base.values<int16_t>()[i]); break;
        case TypeId::Integer: buffer_ += std::to_string(base.values<int32_t>()[i]); break;
        case TypeId::Long: buffer_ += std::to_string(base.values<int64_t>()[i]); break;
        case TypeId::Float: buffer_ += javaFloatString(base.values<float>()[i]); break;
        case TypeId::Double: buffer_ += javaDoubleString(base.values<double>()[i]); break;
        case TypeId::Decimal: buffer_ += decimalToString(base.values<int128_t>()[i], type.scale()); break;
        case TypeId::Date: appendField(buffer_, date_format_.formatDate(base.values<int32_t>()[i]), false); break;
        case TypeId::Timestamp:
          appendField(buffer_, timestamp_format_.formatTimestamp(base.values<int64_t>()[i], tz_), false);
          break;
        case TypeId::TimestampNTZ:
          appendField(buffer_, timestamp_format_.formatTimestamp(base.values<int64_t>()[i], lookupTimeZone("UTC")), false);
          break;
        default: cell = base.getValue(i).toString(); appendField(buffer_, cell, true); break;
      }
    }
    buffer_ += options_.line_sep;
    if (buffer_.size() >= (1u << 20)) flushIfLarge(true);
  }
}

void CsvWriter::flushIfLarge(bool force) {
  if (buffer_.empty() || (!force && buffer_.size() < (1u << 20))) return;
  out_->write(buffer_.data(), buffer_.size());
  buffer_.clear();
}

void CsvWriter::close() {
  flushIfLarge(true);
  out_->close();
}

}  // namespace loch
