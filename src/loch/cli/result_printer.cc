#include "loch/cli/result_printer.h"

#include <cctype>
#include <limits>

#include <nlohmann/json.hpp>

#include "loch/api/spark_session.h"
#include "loch/common/exception.h"

namespace loch::cli {

namespace {

std::string jsonString(const std::string& s) {
  // Replace invalid UTF-8 rather than failing on binary-ish strings.
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string jsonValue(const Value& v, const std::string& tz);

std::string jsonObject(const std::vector<std::string>& names, const std::vector<Value>& values, const std::string& tz) {
  std::string out = "{";
  for (size_t i = 0; i < values.size() && i < names.size(); ++i) {
    if (i > 0) out += ',';
    out += jsonString(names[i]);
    out += ':';
    out += jsonValue(values[i], tz);
  }
  out += '}';
  return out;
}

std::string jsonValue(const Value& v, const std::string& tz) {
  if (v.isNull()) return "null";
  switch (v.type()->id()) {
    case TypeId::Boolean:
      return v.getBool() ? "true" : "false";
    case TypeId::Byte:
    case TypeId::Short:
    case TypeId::Integer:
    case TypeId::Long:
    case TypeId::Decimal:
      return v.toString(tz);
    case TypeId::Float:
    case TypeId::Double: {
      // Java's text ("1.0E10") is valid JSON except NaN and the infinities,
      // which Spark's JSON writer also emits as strings.
      std::string s = v.toString(tz);
      bool finite = !s.empty() && (std::isdigit(static_cast<unsigned char>(s.back())) != 0);
      return finite ? s : jsonString(s);
    }
    case TypeId::Array: {
      std::string out = "[";
      const auto& items = v.children();
      for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += ',';
        out += jsonValue(items[i], tz);
      }
      return out + "]";
    }
    case TypeId::Struct: {
      std::vector<std::string> names;
      for (const auto& f : v.type()->fields()) names.push_back(f.name);
      return jsonObject(names, v.children(), tz);
    }
    case TypeId::Map: {
      std::string out = "{";
      const auto& entries = v.children();
      for (size_t i = 0; i < entries.size(); ++i) {
        if (i > 0) out += ',';
        const auto& kv = entries[i].children();
        out += jsonString(kv[0].toString(tz));
        out += ':';
        out += jsonValue(kv[1], tz);
      }
      return out + "}";
    }
    case TypeId::String:
      return jsonString(v.getString());
    default:
      return jsonString(v.toString(tz));
  }
}

void printCsv(const DataFrame& df, std::ostream& out, const std::string& tz) {
  auto names = df.columns();
  for (size_t i = 0; i < names.size(); ++i) out << (i ? "," : "") << csvField(names[i]);
  out << '\n';
  for (const auto& row : df.collect()) {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i > 0) out << ',';
      const Value& v = row.get(i);
      if (v.isNull()) continue;
      // An empty string is quoted so it differs from NULL (Spark's CSV writer does the same).
      if (v.type()->id() == TypeId::String && v.getString().empty()) {
        out << "\"\"";
        continue;
      }
      out << csvField(v.type()->id() == TypeId::String ? v.getString() : v.toString(tz));
    }
    out << '\n';
  }
}

void printJson(const DataFrame& df, std::ostream& out, const std::string& tz) {
  auto names = df.columns();
  for (const auto& row : df.collect()) out << jsonObject(names, row.values(), tz) << '\n';
}

}  // namespace

OutputMode parseOutputMode(const std::string& text) {
  if (text == "table") return OutputMode::kTable;
  if (text == "csv") return OutputMode::kCsv;
  if (text == "json") return OutputMode::kJson;
  throw InvalidArgumentException("INVALID_OUTPUT_MODE",
                                 "Unknown output mode '" + text + "'; use table, csv or json.");
}

std::string csvField(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void printResult(const DataFrame& df, OutputMode mode, std::ostream& out) {
  if (df.schema()->fields().empty()) return;
  std::string tz = df.sparkSession()->conf().sessionTimeZone();
  switch (mode) {
    case OutputMode::kTable:
      out << df.showString(std::numeric_limits<int>::max() - 1, 0);
      break;
    case OutputMode::kCsv:
      printCsv(df, out, tz);
      break;
    case OutputMode::kJson:
      printJson(df, out, tz);
      break;
  }
}

}  // namespace loch::cli
