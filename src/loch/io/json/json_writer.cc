#include "loch/io/json/json_writer.h"

#include <cmath>
#include <cstdio>

#include "loch/types/decimal.h"

namespace loch {

namespace {

std::string base64(std::string_view in) {
  static const char* kChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    uint32_t v = (static_cast<uint8_t>(in[i]) << 16) | (static_cast<uint8_t>(in[i + 1]) << 8) | static_cast<uint8_t>(in[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out.push_back(kChars[(v >> s) & 63]);
  }
  if (i < in.size()) {
    uint32_t v = static_cast<uint8_t>(in[i]) << 16;
    if (i + 1 < in.size()) v |= static_cast<uint8_t>(in[i + 1]) << 8;
    out.push_back(kChars[(v >> 18) & 63]);
    out.push_back(kChars[(v >> 12) & 63]);
    out.push_back(i + 1 < in.size() ? kChars[(v >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

}  // namespace

void appendJsonString(std::string_view s, std::string& out) {
  out.push_back('"');
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned char>(c));
          out += buf;
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

JsonWriter::JsonWriter(std::unique_ptr<OutputFile> out, SchemaPtr schema, const SourceOptions& options)
    : out_(std::move(out)),
      schema_(std::move(schema)),
      date_format_(options.getOr("dateFormat", "yyyy-MM-dd")),
      timestamp_format_(options.getOr("timestampFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX")),
      tz_(lookupTimeZone(options.getOr("timeZone", "UTC"))),
      ignore_null_fields_(options.getBool("ignoreNullFields", true)) {}

void JsonWriter::appendValue(const Value& v, std::string& out) const {
  if (v.isNull()) {
    out += "null";
    return;
  }
  const DataType& t = *v.type();
  switch (t.id()) {
    case TypeId::Boolean: out += v.getBool() ? "true" : "false"; break;
    case TypeId::Byte:
    case TypeId::Short:
    case TypeId::Integer:
    case TypeId::Long: out += std::to_string(v.getLong()); break;
    case TypeId::Float:
    case TypeId::Double: {
      double d = v.getDouble();
      std::string s = t.id() == TypeId::Float ? javaFloatString(static_cast<float>(d)) : javaDoubleString(d);
      if (std::isnan(d) || std::isinf(d)) appendJsonString(s, out);
      else out += s;
      break;
    }
    case TypeId::Decimal: out += decimalToString(v.getDecimal(), t.scale()); break;
    case TypeId::String: appendJsonString(v.getString(), out); break;
    case TypeId::Binary: appendJsonString(base64(v.getString()), out); break;
    case TypeId::Date: appendJsonString(date_format_.formatDate(static_cast<int32_t>(v.getLong())), out); break;
    case TypeId::Timestamp: appendJsonString(timestamp_format_.formatTimestamp(v.getLong(), tz_), out); break;
    case TypeId::TimestampNTZ:
      appendJsonString(timestamp_format_.formatTimestamp(v.getLong(), lookupTimeZone("UTC")), out);
      break;
    case TypeId::Array: {
      out.push_back('[');
      bool first = true;
      for (const auto& e : v.children()) {
        if (!first) out.push_back(',');
        first = false;
        appendValue(e, out);
      }
      out.push_back(']');
      break;
    }
    case TypeId::Map: {
      out.push_back('{');
      bool first = true;
      for (const auto& entry : v.children()) {
        if (!first) out.push_back(',');
        first = false;
        const Value& k = entry.children()[0];
        appendJsonString(k.type()->id() == TypeId::String ? k.getString() : k.toString(), out);
        out.push_back(':');
        appendValue(entry.children()[1], out);
      }
      out.push_back('}');
      break;
    }
    case TypeId::Struct: {
      out.push_back('{');
      bool first = true;
      const auto& fields = t.fields();
      for (size_t i = 0; i < fields.size(); ++i) {
        const Value& f = v.children()[i];
        if (f.isNull() && ignore_null_fields_) continue;
        if (!first) out.push_back(',');
        first = false;
        appendJsonString(fields[i].name, out);
        out.push_back(':');
        appendValue(f, out);
      }
      out.push_back('}');
      break;
    }
    default: appendJsonString(v.toString(), out); break;
  }
}

void JsonWriter::write(const RecordBatchPtr& batch) {
  const auto& fields = schema_->fields();
  for (int64_t r = 0; r < batch->numRows(); ++r) {
    buffer_.push_back('{');
    bool first = true;
    for (size_t c = 0; c < fields.size(); ++c) {
      Value v = batch->column(static_cast<int>(c))->getValue(r);
      if (v.isNull() && ignore_null_fields_) continue;
      if (!first) buffer_.push_back(',');
      first = false;
      appendJsonString(fields[c].name, buffer_);
      buffer_.push_back(':');
      appendValue(v, buffer_);
    }
    buffer_ += "}\n";
    if (buffer_.size() >= (1u << 20)) {
      out_->write(buffer_.data(), buffer_.size());
      buffer_.clear();
    }
  }
}

void JsonWriter::close() {
  if (!buffer_.empty()) out_->write(buffer_.data(), buffer_.size());
  buffer_.clear();
  out_->close();
}

}  // namespace loch
