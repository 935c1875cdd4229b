#include "loch/io/file_index.h"

#include <glob.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>

#include "loch/common/exception.h"
#include "loch/types/datetime.h"

namespace loch {

namespace fs = std::filesystem;

namespace {

constexpr const char* kHiveDefaultPartition = "__HIVE_DEFAULT_PARTITION__";

[[noreturn]] void throwNotFound(const std::string& path) {
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec);
  throw IOException("PATH_NOT_FOUND", "Path does not exist: file:" + (ec ? path : abs.lexically_normal().string()) + ".");
}

bool hasGlobChars(const std::string& p) { return p.find_first_of("*?[{") != std::string::npos; }

/// Spark's InMemoryFileIndex.shouldFilterOutPathName.
bool isHiddenName(const std::string& name) {
  if (name.empty()) return true;
  if (name[0] == '.') return true;
  if (name[0] == '_' && name.find('=') == std::string::npos) return true;
  return name.size() > 10 && name.ends_with("._COPYING_");
}

/// Spark's ExternalCatalogUtils.unescapePathName: "%3A" -> ":".
std::string unescapePathName(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
      };
      int hi = hex(s[i + 1]), lo = hex(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

void walk(const fs::path& dir, std::vector<fs::path>& out) {
  std::error_code ec;
  std::vector<fs::path> entries;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) entries.push_back(it->path());
  if (ec) throw IOException("CANNOT_READ_FILE", "Cannot list directory file:" + dir.string() + ": " + ec.message());
  std::sort(entries.begin(), entries.end());
  for (const auto& e : entries) {
    if (isHiddenName(e.filename().string())) continue;
    if (fs::is_directory(e, ec)) {
      walk(e, out);
    } else if (fs::is_regular_file(e, ec)) {
      out.push_back(e);
    }
  }
}

std::optional<int128_t> parseInteger128(const std::string& s, int* digits_out) {
  size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
  if (i == s.size()) return std::nullopt;
  int128_t v = 0;
  int digits = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    if (digits > 0 || s[i] != '0') ++digits;
    if (digits > 38) return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  *digits_out = std::max(digits, 1);
  return neg ? -v : v;
}

/// Java's Double.parseDouble, minus hex floats and the "d"/"f" suffixes.
std::optional<double> parseJavaDouble(const std::string& s) {
  if (s.empty() || std::isspace(static_cast<unsigned char>(s.front())) ||
      std::isspace(static_cast<unsigned char>(s.back())))
    return std::nullopt;
  if (s == "NaN") return std::nan("");
  if (s == "Infinity" || s == "+Infinity") return HUGE_VAL;
  if (s == "-Infinity") return -HUGE_VAL;
  for (char c : s) {
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+'))
      return std::nullopt;
  }
  char* end = nullptr;
  errno = 0;
  double d = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size()) return std::nullopt;
  return d;
}

int typeRank(TypeId id) {
  switch (id) {
    case TypeId::Integer: return 1;
    case TypeId::Long: return 2;
    case TypeId::Decimal: return 3;
    case TypeId::Double: return 4;
    default: return 0;
  }
}

}  // namespace

std::string localPath(const std::string& path) {
  if (path.starts_with("file://")) return path.substr(7);
  if (path.starts_with("file:")) return path.substr(5);
  auto colon = path.find(':');
  auto slash = path.find('/');
  if (colon != std::string::npos && colon > 1 && (slash == std::string::npos || colon < slash)) {
    throw UnsupportedException("The file system scheme of '" + path + "' is not supported; only local paths (file:) are.");
  }
  return path;
}

Value inferPartitionValue(const std::string& raw_escaped, bool infer_types) {
  if (raw_escaped == kHiveDefaultPartition) return Value::null(NullType());
  std::string raw = unescapePathName(raw_escaped);
  if (!infer_types) return Value::string(raw);
  int digits = 0;
  if (auto v = parseInteger128(raw, &digits)) {
    if (*v >= INT32_MIN && *v <= INT32_MAX) return Value::integer(static_cast<int32_t>(*v));
    if (*v >= INT64_MIN && *v <= INT64_MAX) return Value::longValue(static_cast<int64_t>(*v));
    return Value::decimal(*v, digits, 0);
  }
  if (auto d = parseJavaDouble(raw)) return Value::doubleValue(*d);
  // Spark's default partition timestamp format is "yyyy-MM-dd HH:mm:ss[.S]".
  if (raw.size() >= 19 && raw[10] == ' ') {
    if (auto ts = parseTimestamp(raw, lookupTimeZone("UTC"))) return Value::timestamp(*ts);
  }
  if (raw.size() == 10 && raw[4] == '-' && raw[7] == '-') {
    if (auto d = parseDate(raw)) {
      if (formatDate(*d) == raw) return Value::date(*d);  // Spark requires a round trip
    }
  }
  return Value::string(raw);
}

DataTypePtr widenPartitionTypes(const std::vector<DataTypePtr>& types) {
  DataTypePtr result;
  for (const auto& t : types) {
    if (t->id() == TypeId::Null) continue;
    if (!result) {
      result = t;
      continue;
    }
    if (result->equals(*t)) continue;
    int ra = typeRank(result->id()), rb = typeRank(t->id());
    if (ra && rb) {
      if (result->id() == TypeId::Decimal && t->id() == TypeId::Decimal) {
        result = DecimalType(std::max(result->precision(), t->precision()), 0);
      } else if (ra == 3 && rb < 3) {
        // a decimal only arises for integers beyond bigint: it holds them all
      } else if (rb == 3 && ra < 3) {
        result = t;
      } else {
        result = ra > rb ? result : t;
      }
      continue;
    }
    bool da = result->id() == TypeId::Date || result->id() == TypeId::Timestamp;
    bool db = t->id() == TypeId::Date || t->id() == TypeId::Timestamp;
    result = da && db ? TimestampType() : StringType();
  }
  return result ? result : StringType();
}

Value castPartitionValue(const Value& value, const std::string& raw, const DataTypePtr& type) {
  if (value.isNull()) return Value::null(type);
  if (value.type()->equals(*type)) return value;
  std::string text = unescapePathName(raw);
  switch (type->id()) {
    case TypeId::String: return Value::string(text);
    case TypeId::Long:
    case TypeId::Integer:
    case TypeId::Short:
    case TypeId::Byte: {
      int digits = 0;
      auto v = parseInteger128(text, &digits);
      if (!v) return Value::null(type);
      Value probe = Value::fromInt(type, static_cast<int64_t>(*v));
      return *v >= INT64_MIN && *v <= INT64_MAX ? probe : Value::null(type);
    }
    case TypeId::Decimal: {
      int digits = 0;
      auto v = parseInteger128(text, &digits);
      if (!v || type->scale() != 0 || digits > type->precision()) return Value::null(type);
      return Value::decimal(*v, type->precision(), 0);
    }
    case TypeId::Double:
    case TypeId::Float: {
      auto d = parseJavaDouble(text);
      if (!d) return Value::null(type);
      return type->id() == TypeId::Double ? Value::doubleValue(*d) : Value::floatValue(static_cast<float>(*d));
    }
    case TypeId::Date: {
      auto d = parseDate(text);
      return d ? Value::date(*d) : Value::null(type);
    }
    case TypeId::Timestamp: {
      auto ts = parseTimestamp(text, lookupTimeZone("UTC"));
      return ts ? Value::timestamp(*ts) : Value::null(type);
    }
    case TypeId::Boolean: {
      std::string l = text;
      std::transform(l.begin(), l.end(), l.begin(), ::tolower);
      if (l == "true") return Value::boolean(true);
      if (l == "false") return Value::boolean(false);
      return Value::null(type);
    }
    default: return Value::null(type);
  }
}

std::optional<int> compareScalars(const Value& a, const Value& b) {
  if (a.isNull() || b.isNull()) return std::nullopt;
  auto cmp = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
  TypeId ta = a.type()->id(), tb = b.type()->id();
  auto integral = [](TypeId t) {
    return t == TypeId::Byte || t == TypeId::Short || t == TypeId::Integer || t == TypeId::Long;
  };
  if (integral(ta) && integral(tb)) return cmp(a.getLong(), b.getLong());
  if (ta != tb) {
    if ((integral(ta) || a.type()->isFloating()) && (integral(tb) || b.type()->isFloating())) {
      double x = integral(ta) ? static_cast<double>(a.getLong()) : a.getDouble();
      double y = integral(tb) ? static_cast<double>(b.getLong()) : b.getDouble();
      if (std::isnan(x) || std::isnan(y)) return std::nullopt;
      return cmp(x, y);
    }
    return std::nullopt;
  }
  switch (ta) {
    case TypeId::Boolean: return cmp(a.getBool(), b.getBool());
    case TypeId::Date:
    case TypeId::Timestamp:
    case TypeId::TimestampNTZ: return cmp(a.getLong(), b.getLong());
    case TypeId::Float:
    case TypeId::Double:
      if (std::isnan(a.getDouble()) || std::isnan(b.getDouble())) return std::nullopt;
      return cmp(a.getDouble(), b.getDouble());
    case TypeId::Decimal:
      if (a.type()->scale() != b.type()->scale()) return std::nullopt;
      return cmp(a.getDecimal(), b.getDecimal());
    case TypeId::String:
    case TypeId::Binary: {
      int c = a.getString().compare(b.getString());
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    default: return std::nullopt;
  }
}

FileIndex listDataFiles(const std::string& raw_path, const FileIndexOptions& options) {
  std::string path = localPath(raw_path);
  // Roots: the path itself, or each glob match.
  std::vector<fs::path> roots;
  if (hasGlobChars(path)) {
    glob_t g{};
    int rc = ::glob(path.c_str(), GLOB_BRACE | GLOB_NOSORT, nullptr, &g);
    if (rc == 0) {
      // Components a wildcard matched follow the hidden-file rule too.
      size_t static_depth = 0;
      for (const auto& comp : fs::path(path)) {
        if (hasGlobChars(comp.string())) break;
        ++static_depth;
      }
      for (size_t i = 0; i < g.gl_pathc; ++i) {
        fs::path match(g.gl_pathv[i]);
        size_t depth = 0;
        bool hidden = false;
        for (const auto& comp : match) {
          if (depth++ >= static_depth && isHiddenName(comp.string())) hidden = true;
        }
        if (!hidden) roots.push_back(std::move(match));
      }
    }
    globfree(&g);
    if (roots.empty()) throwNotFound(path);
    std::sort(roots.begin(), roots.end());
  } else {
    std::error_code ec;
    if (!fs::exists(path, ec)) throwNotFound(path);
    roots.emplace_back(path);
  }

  FileIndex index;
  std::vector<std::pair<fs::path, fs::path>> files;  // (root, file)
  for (const auto& root : roots) {
    std::error_code ec;
    if (fs::is_directory(root, ec)) {
      std::vector<fs::path> found;
      walk(root, found);
      for (auto& f : found) files.emplace_back(root, std::move(f));
    } else {
      files.emplace_back(root.parent_path(), root);
    }
  }

  // Partition discovery from the folders between each root and its files.
  std::vector<std::vector<std::pair<std::string, std::string>>> parts(files.size());
  if (!options.recursive_file_lookup) {
    for (size_t i = 0; i < files.size(); ++i) {
      fs::path rel = files[i].second.parent_path().lexically_relative(files[i].first);
      for (const auto& comp : rel) {
        std::string c = comp.string();
        auto eq = c.find('=');
        if (c == "." || eq == std::string::npos || eq == 0) continue;
        parts[i].emplace_back(unescapePathName(c.substr(0, eq)), c.substr(eq + 1));
      }
    }
  }
  std::vector<std::string> names;
  if (!parts.empty()) {
    for (const auto& p : parts[0]) names.push_back(p.first);
  }
  for (size_t i = 0; i < parts.size(); ++i) {
    std::vector<std::string> these;
    for (const auto& p : parts[i]) these.push_back(p.first);
    if (these != names) {
      auto list = [](const std::vector<std::string>& v) {
        std::string s;
        for (const auto& n : v) s += (s.empty() ? "" : ", ") + n;
        return "[" + s + "]";
      };
      throw IOException("CONFLICTING_PARTITION_COLUMN_NAMES",
                        "Conflicting partition column names detected: " + list(names) + " in file:" +
                            files[0].second.string() + " and " + list(these) + " in file:" +
                            files[i].second.string() + ".");
    }
  }

  // Infer each column's values, then widen to one type per column.
  std::vector<StructField> fields;
  std::vector<std::vector<Value>> values(files.size());
  for (size_t c = 0; c < names.size(); ++c) {
    DataTypePtr type;
    if (options.user_schema) {
      if (auto f = findField(*options.user_schema, names[c])) type = options.user_schema->fields()[*f].type;
    }
    std::vector<Value> inferred;
    std::vector<DataTypePtr> types;
    for (size_t i = 0; i < files.size(); ++i) {
      inferred.push_back(inferPartitionValue(parts[i][c].second, options.infer_partition_types));
      types.push_back(inferred.back().type());
    }
    if (!type) type = widenPartitionTypes(types);
    for (size_t i = 0; i < files.size(); ++i) {
      values[i].push_back(castPartitionValue(inferred[i], parts[i][c].second, type));
    }
    fields.emplace_back(names[c], type, true);
  }
  index.partition_schema = StructType(std::move(fields));
  for (size_t i = 0; i < files.size(); ++i) {
    std::error_code ec;
    auto size = fs::file_size(files[i].second, ec);
    index.files.push_back(DataFile{files[i].second.string(), ec ? 0 : static_cast<int64_t>(size), std::move(values[i])});
  }
  return index;
}

bool partitionValuesMayMatch(const std::vector<Value>& partition_values, int num_file_columns,
                             const std::vector<ColumnPredicate>& predicates) {
  for (const auto& p : predicates) {
    size_t index = static_cast<size_t>(p.column - num_file_columns);
    if (p.column < num_file_columns || index >= partition_values.size()) continue;
    const Value& v = partition_values[index];
    using Op = ColumnPredicate::Op;
    if (p.op == Op::IsNull) {
      if (!v.isNull()) return false;
      continue;
    }
    if (p.op == Op::IsNotNull) {
      if (v.isNull()) return false;
      continue;
    }
    if (v.isNull()) return false;  // NULL never satisfies a comparison
    if (p.op == Op::In) {
      bool any = false, unsure = false;
      for (const auto& x : p.values) {
        auto c = compareScalars(v, x);
        if (!c) unsure = unsure || !x.isNull();
        if (c && *c == 0) any = true;
      }
      if (!any && !unsure) return false;
      continue;
    }
    if (p.values.size() != 1) continue;
    auto c = compareScalars(v, p.values[0]);
    if (!c) continue;
    bool ok = true;
    switch (p.op) {
      case Op::Eq: ok = *c == 0; break;
      case Op::NotEq: ok = *c != 0; break;
      case Op::Lt: ok = *c < 0; break;
      case Op::Le: ok = *c <= 0; break;
      case Op::Gt: ok = *c > 0; break;
      case Op::Ge: ok = *c >= 0; break;
      default: break;
    }
    if (!ok) return false;
  }
  return true;
}

}  // namespace loch
