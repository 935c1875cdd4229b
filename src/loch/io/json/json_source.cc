#include "loch/io/json/json_source.h"

#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "loch/common/exception.h"
#include "loch/io/datetime_pattern.h"
#include "loch/io/file_system.h"
#include "loch/io/text_range.h"
#include "loch/types/datetime.h"
#include "loch/types/decimal.h"
#include "loch/vector/vector_builder.h"

namespace loch {

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

/// The array / object behind an element already known to be one.
simdjson::dom::array arrayOf(element e) {
  simdjson::dom::array a;
  if (e.get_array().get(a) != simdjson::SUCCESS) return {};
  return a;
}
std::string_view stringOf(element e) {
  std::string_view v;
  if (e.get_string().get(v) != simdjson::SUCCESS) return {};
  return v;
}
simdjson::dom::object objectOf(element e) {
  simdjson::dom::object o;
  if (e.get_object().get(o) != simdjson::SUCCESS) return {};
  return o;
}

// ---- inference ------------------------------------------------------------------

DataTypePtr inferType(element e) {
  switch (e.type()) {
    case element_type::NULL_VALUE: return NullType();
    case element_type::BOOL: return BooleanType();
    case element_type::INT64: return LongType();
    case element_type::UINT64: {
      uint64_t v = 0;
      if (e.get_uint64().get(v) != simdjson::SUCCESS) return DoubleType();
      return v > static_cast<uint64_t>(INT64_MAX) ? DecimalType(20, 0) : LongType();
    }
    case element_type::DOUBLE: return DoubleType();
    case element_type::STRING: return StringType();
    case element_type::ARRAY: {
      DataTypePtr t = NullType();
      for (element x : arrayOf(e)) t = mergeJsonTypes(t, inferType(x));
      return ArrayType(t, true);
    }
    case element_type::OBJECT: {
      std::map<std::string, DataTypePtr> fields;
      for (auto kv : objectOf(e)) {
        std::string key(kv.key);
        auto t = inferType(kv.value);
        auto it = fields.find(key);
        fields[key] = it == fields.end() ? t : mergeJsonTypes(it->second, t);
      }
      std::vector<StructField> out;
      for (auto& [k, t] : fields) out.emplace_back(k, t, true);
      return StructType(std::move(out));
    }
    default: return StringType();
  }
}

DataTypePtr canonicalize(const DataTypePtr& t) {
  switch (t->id()) {
    case TypeId::Null: return StringType();
    case TypeId::Array: return ArrayType(canonicalize(t->elementType()), true);
    case TypeId::Struct: {
      std::vector<StructField> out;
      for (const auto& f : t->fields()) out.emplace_back(f.name, canonicalize(f.type), true);
      return StructType(std::move(out));
    }
    default: return t;
  }
}

int numericRank(TypeId t) {
  return t == TypeId::Long ? 1 : t == TypeId::Decimal ? 2 : t == TypeId::Double ? 3 : 0;
}

// ---- conversion -------------------------------------------------------------------

struct Converter {
  const cctz::time_zone& tz;
  const DateTimePattern* date_format;
  const DateTimePattern* timestamp_format;

  std::optional<double> asDouble(element e) const {
    switch (e.type()) {
      case element_type::INT64: return static_cast<double>(int64_t(e));
      case element_type::UINT64: return static_cast<double>(uint64_t(e));
      case element_type::DOUBLE: return double(e);
      case element_type::STRING: {
        std::string_view s = stringOf(e);
        if (s == "NaN") return std::nan("");
        if (s == "Infinity" || s == "+Infinity" || s == "INF" || s == "+INF") return HUGE_VAL;
        if (s == "-Infinity" || s == "-INF") return -HUGE_VAL;
        return std::nullopt;
      }
      default: return std::nullopt;
    }
  }

  std::optional<int64_t> asLong(element e, int64_t lo, int64_t hi) const {
    int64_t v = 0;
    if (e.type() == element_type::INT64) {
      v = int64_t(e);
    } else if (e.type() == element_type::UINT64) {
      uint64_t u = uint64_t(e);
      if (u > static_cast<uint64_t>(INT64_MAX)) return std::nullopt;
      v = static_cast<int64_t>(u);
    } else {
      return std::nullopt;
    }
    if (v < lo || v > hi) return std::nullopt;
    return v;
  }

  std::optional<int128_t> asDecimal(element e, const DataType& t) const {
    if (e.type() != element_type::INT64 && e.type() != element_type::UINT64 && e.type() != element_type::DOUBLE) {
      return std::nullopt;
    }
    std::string text = simdjson::minify(e);
    return parseDecimal(text, t.precision(), t.scale());
  }

  std::optional<int32_t> asDate(element e) const {
    if (e.type() != element_type::STRING) return std::nullopt;
    std::string_view s = stringOf(e);
    return date_format ? date_format->parseDate(s) : parseDate(s);
  }

  std::optional<int64_t> asTimestamp(element e, bool ntz) const {
    if (e.type() == element_type::INT64 && !ntz) {
      int64_t secs = int64_t(e);  // Spark reads numbers as seconds since the epoch
      if (secs > INT64_MAX / 1'000'000 || secs < INT64_MIN / 1'000'000) return std::nullopt;
      return secs * 1'000'000;
    }
    if (e.type() != element_type::STRING) return std::nullopt;
    std::string_view s = stringOf(e);
    if (timestamp_format) return timestamp_format->parseTimestamp(s, ntz ? lookupTimeZone("UTC") : tz);
    return ntz ? parseTimestampNTZ(s) : parseTimestamp(s, tz);
  }

  /// Whether `e` converts to `t` (checked before appending, so a failed
  /// nested value never leaves half a row in a builder).
  bool fits(const DataType& t, element e) const {
    if (e.type() == element_type::NULL_VALUE) return true;
    switch (t.id()) {
      case TypeId::String:
      case TypeId::Binary: return true;
      case TypeId::Boolean: return e.type() == element_type::BOOL;
      case TypeId::Byte: return asLong(e, INT8_MIN, INT8_MAX).has_value();
      case TypeId::Short: return asLong(e, INT16_MIN, INT16_MAX).has_value();
      case TypeId::Integer: return asLong(e, INT32_MIN, INT32_MAX).has_value();
      case TypeId::Long: return asLong(e, INT64_MIN, INT64_MAX).has_value();
      case TypeId::Float:
      case TypeId::Double: return asDouble(e).has_value();
      case TypeId::Decimal: return asDecimal(e, t).has_value();
      case TypeId::Date: return asDate(e).has_value();
      case TypeId::Timestamp: return asTimestamp(e, false).has_value();
      case TypeId::TimestampNTZ: return asTimestamp(e, true).has_value();
      case TypeId::Array: {
        if (e.type() != element_type::ARRAY) return false;
        for (element x : arrayOf(e)) {
          if (!fits(*t.elementType(), x)) return false;
        }
        return true;
      }
      case TypeId::Map: {
        if (e.type() != element_type::OBJECT || t.keyType()->id() != TypeId::String) return false;
        for (auto kv : objectOf(e)) {
          if (!fits(*t.valueType(), kv.value)) return false;
        }
        return true;
      }
      case TypeId::Struct: {
        if (e.type() != element_type::OBJECT) return false;
        for (const auto& f : t.fields()) {
          element v;
          if (objectOf(e).at_key(f.name).get(v) == simdjson::SUCCESS && !fits(*f.type, v)) return false;
        }
        return true;
      }
      default: return false;
    }
  }

  /// Appends `e` (which fits `t`).
  void append(VectorBuilder& b, const DataType& t, element e) const {
    if (e.type() == element_type::NULL_VALUE) {
      b.appendNull();
      return;
    }
    switch (t.id()) {
      case TypeId::String:
      case TypeId::Binary:
        if (e.type() == element_type::STRING) b.appendString(stringOf(e));
        else b.appendString(simdjson::minify(e));
        break;
      case TypeId::Boolean: b.appendBool(bool(e)); break;
      case TypeId::Byte:
      case TypeId::Short:
      case TypeId::Integer:
      case TypeId::Long: b.appendInt(*asLong(e, INT64_MIN, INT64_MAX)); break;
      case TypeId::Float:
      case TypeId::Double: {
        double d = *asDouble(e);
        b.appendDouble(t.id() == TypeId::Float ? static_cast<double>(static_cast<float>(d)) : d);
        break;
      }
      case TypeId::Decimal: b.appendDecimal(*asDecimal(e, t)); break;
      case TypeId::Date: b.appendInt(*asDate(e)); break;
      case TypeId::Timestamp: b.appendInt(*asTimestamp(e, false)); break;
      case TypeId::TimestampNTZ: b.appendInt(*asTimestamp(e, true)); break;
      case TypeId::Array: {
        VectorBuilder& elems = b.elements();
        for (element x : arrayOf(e)) append(elems, *t.elementType(), x);
        b.finishList();
        break;
      }
      case TypeId::Map: {
        VectorBuilder& entries = b.elements();
        for (auto kv : objectOf(e)) {
          entries.field(0).appendString(kv.key);
          append(entries.field(1), *t.valueType(), kv.value);
          entries.finishStruct();
        }
        b.finishList();
        break;
      }
      case TypeId::Struct: {
        auto obj = objectOf(e);
        for (size_t i = 0; i < t.fields().size(); ++i) {
          element v;
          if (obj.at_key(t.fields()[i].name).get(v) == simdjson::SUCCESS) append(b.field(i), *t.fields()[i].type, v);
          else b.field(i).appendNull();
        }
        b.finishStruct();
        break;
      }
      default: b.appendNull(); break;
    }
  }
};

/// Calls `fn(record_text, line)` for every record: each non-blank line, or
/// the whole text when multiLine.
template <class Fn>
void forEachRecord(std::string_view data, size_t limit, bool multi_line, Fn&& fn) {
  if (multi_line) {
    fn(data, int64_t{1});
    return;
  }
  size_t pos = 0;
  int64_t line = 1;
  while (pos < data.size() && pos < limit) {
    size_t nl = data.find('\n', pos);
    size_t end = nl == std::string_view::npos ? data.size() : nl;
    std::string_view rec = data.substr(pos, end - pos);
    if (!rec.empty() && rec.back() == '\r') rec.remove_suffix(1);
    bool blank = std::all_of(rec.begin(), rec.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
    if (!blank) fn(rec, line);
    pos = end + 1;
    ++line;
  }
}

[[noreturn]] void throwMalformed(const std::string& path, int64_t line, std::string_view raw) {
  throw IOException("MALFORMED_RECORD_IN_PARSING",
                    "Malformed records are detected in record parsing: [" + std::string(raw.substr(0, 1000)) +
                        "]. Parse Mode: FAILFAST. To process malformed records as null result, try setting the option "
                        "'mode' as 'PERMISSIVE'. (file:" + path + ", line " + std::to_string(line) + ")");
}

/// The objects of one record: the object itself, or the objects of a
/// top-level array. Returns false when the record is not JSON or holds
/// something else.
bool recordObjects(simdjson::dom::parser& parser, std::string_view text, std::vector<element>& out) {
  out.clear();
  element doc;
  if (parser.parse(text.data(), text.size(), true).get(doc) != simdjson::SUCCESS) return false;
  if (doc.type() == element_type::OBJECT) {
    out.push_back(doc);
    return true;
  }
  if (doc.type() == element_type::ARRAY) {
    for (element x : arrayOf(doc)) {
      if (x.type() != element_type::OBJECT) return false;
      out.push_back(x);
    }
    return true;
  }
  return false;
}

class JsonScanTask : public ScanTask {
 public:
  JsonScanTask(std::shared_ptr<const JsonSource::State> state, size_t file, int64_t start, int64_t end)
      : state_(std::move(state)), file_(file), start_(start), end_(end) {}

  void read(const ScanOptions& options, const std::function<void(const RecordBatchPtr&)>& emit) const override {
    const auto& st = *state_;
    const DataFile& df = st.files[file_];
    auto file = FileSystem::local()->openRead(df.path);
    RangeText text = readRangeText(*file, start_, end_, st.multi_line);
    std::string_view data = std::string_view(text.bytes).substr(std::min(text.begin, text.bytes.size()));
    size_t limit = text.limit == std::string::npos ? std::string_view::npos
                                                     : (text.limit > text.begin ? text.limit - text.begin : 0);
    std::unique_ptr<DateTimePattern> dfmt, tfmt;
    if (st.date_format) dfmt = std::make_unique<DateTimePattern>(*st.date_format);
    if (st.timestamp_format) tfmt = std::make_unique<DateTimePattern>(*st.timestamp_format);
    Converter conv{lookupTimeZone(st.time_zone), dfmt.get(), tfmt.get()};
    std::vector<StructField> out_fields;
    for (int c : options.columns) out_fields.push_back(st.schema->fields()[static_cast<size_t>(c)]);
    SchemaPtr out_schema = StructType(out_fields);
    const int64_t batch = std::max<int64_t>(1, options.batch_size);

    std::vector<std::unique_ptr<VectorBuilder>> builders;
    auto reset = [&] {
      builders.clear();
      for (const auto& f : out_fields) builders.push_back(std::make_unique<VectorBuilder>(f.type, batch));
    };
    reset();
    int64_t rows = 0;
    auto flush = [&] {
      if (rows == 0) return;
      std::vector<VectorPtr> cols;
      for (size_t i = 0; i < options.columns.size(); ++i) {
        int c = options.columns[i];
        if (c >= st.num_file_columns) {
          cols.push_back(Vector::makeConstant(df.partition_values[static_cast<size_t>(c - st.num_file_columns)], rows));
        } else {
          cols.push_back(builders[i]->finish());
        }
      }
      emit(RecordBatch::make(out_schema, std::move(cols), rows));
      rows = 0;
      reset();
    };
    simdjson::dom::parser parser;
    std::vector<element> objects;
    std::vector<uint8_t> fit(options.columns.size());
    std::optional<int64_t> line_base;
    forEachRecord(data, limit, st.multi_line, [&](std::string_view rec, int64_t line) {
      bool parsed = recordObjects(parser, rec, objects);
      auto failFast = [&] {
        if (!line_base) line_base = st.multi_line ? 0 : linesBefore(*file, text.base + static_cast<int64_t>(text.begin));
        throwMalformed(df.path, *line_base + line, rec);
      };
      if (!parsed) {
        if (st.mode == ParseMode::kFailFast) failFast();
        if (st.mode == ParseMode::kDropMalformed) return;
        for (size_t i = 0; i < options.columns.size(); ++i) {
          if (options.columns[i] == st.corrupt_column) builders[i]->appendString(rec);
          else if (options.columns[i] < st.num_file_columns) builders[i]->appendNull();
        }
        if (++rows >= batch) flush();
        return;
      }
      for (element obj : objects) {
        bool bad = false;
        auto object = objectOf(obj);
        for (size_t i = 0; i < options.columns.size(); ++i) {
          int c = options.columns[i];
          fit[i] = 1;
          if (c >= st.num_file_columns || c == st.corrupt_column) continue;
          const auto& f = st.schema->fields()[static_cast<size_t>(c)];
          element v;
          if (object.at_key(f.name).get(v) == simdjson::SUCCESS && !conv.fits(*f.type, v)) {
            fit[i] = 0;
            bad = true;
          }
        }
        if (bad && st.mode == ParseMode::kFailFast) failFast();
        if (bad && st.mode == ParseMode::kDropMalformed) continue;
        for (size_t i = 0; i < options.columns.size(); ++i) {
          int c = options.columns[i];
          if (c >= st.num_file_columns) continue;
          if (c == st.corrupt_column) {
            if (bad) builders[i]->appendString(rec);
            else builders[i]->appendNull();
            continue;
          }
          const auto& f = st.schema->fields()[static_cast<size_t>(c)];
          element v;
          if (!fit[i] || object.at_key(f.name).get(v) != simdjson::SUCCESS) builders[i]->appendNull();
          else conv.append(*builders[i], *f.type, v);
        }
        if (++rows >= batch) flush();
      }
    });
    flush();
  }

 private:
  std::shared_ptr<const JsonSource::State> state_;
  size_t file_;
  int64_t start_, end_;
};

}  // namespace

DataTypePtr mergeJsonTypes(const DataTypePtr& a, const DataTypePtr& b) {
  if (a->id() == TypeId::Null) return b;
  if (b->id() == TypeId::Null) return a;
  if (a->equals(*b)) return a;
  int ra = numericRank(a->id()), rb = numericRank(b->id());
  if (ra && rb) {
    if (ra == 3 || rb == 3) return DoubleType();
    int pa = ra == 2 ? a->precision() : 20, pb = rb == 2 ? b->precision() : 20;
    return DecimalType(std::max(pa, pb), 0);
  }
  if (a->id() == TypeId::Struct && b->id() == TypeId::Struct) {
    std::map<std::string, DataTypePtr> fields;
    for (const auto& f : a->fields()) fields[f.name] = f.type;
    for (const auto& f : b->fields()) {
      auto it = fields.find(f.name);
      fields[f.name] = it == fields.end() ? f.type : mergeJsonTypes(it->second, f.type);
    }
    std::vector<StructField> out;
    for (auto& [k, t] : fields) out.emplace_back(k, t, true);
    return StructType(std::move(out));
  }
  if (a->id() == TypeId::Array && b->id() == TypeId::Array) {
    return ArrayType(mergeJsonTypes(a->elementType(), b->elementType()), true);
  }
  return StringType();
}

JsonSource::JsonSource(const std::string& path, const SourceOptions& options, SchemaPtr user_schema) : path_(path) {
  auto state = std::make_shared<State>();
  CsvOptions common = CsvOptions::parse(options);  // mode, corrupt column, formats, time zone, splits
  state->multi_line = common.multi_line;
  state->mode = common.mode;
  state->corrupt_name = common.corrupt_column;
  state->date_format = common.date_format;
  state->timestamp_format = common.timestamp_format;
  state->time_zone = common.time_zone;
  state->max_split_bytes = common.max_split_bytes;
  FileIndexOptions index_options;
  index_options.recursive_file_lookup = options.getBool("recursiveFileLookup", false);
  index_options.user_schema = user_schema;
  FileIndex index = listDataFiles(path, index_options);
  state->files = index.files;
  for (const auto& f : index.files) total_bytes_ += f.size;
  auto isPartition = [&](const std::string& name) { return findField(*index.partition_schema, name).has_value(); };

  std::vector<StructField> file_fields;
  if (user_schema) {
    for (const auto& f : user_schema->fields()) {
      if (!isPartition(f.name)) file_fields.push_back(f);
    }
  } else {
    DataTypePtr merged = StructType({});
    bool corrupt_seen = false;
    simdjson::dom::parser parser;
    std::vector<element> objects;
    for (const auto& f : index.files) {
      auto file = FileSystem::local()->openRead(f.path);
      std::string bytes = readRange(*file, 0, file->size());
      forEachRecord(bytes, std::string_view::npos, state->multi_line, [&](std::string_view rec, int64_t line) {
        if (!recordObjects(parser, rec, objects)) {
          if (state->mode == ParseMode::kFailFast) throwMalformed(f.path, line, rec);
          corrupt_seen = corrupt_seen || state->mode == ParseMode::kPermissive;
          return;
        }
        for (element o : objects) merged = mergeJsonTypes(merged, inferType(o));
      });
    }
    DataTypePtr inferred = canonicalize(merged);  // keeps the fields alive for the loop
    for (const auto& f : inferred->fields()) {
      if (!isPartition(f.name)) file_fields.push_back(f);
    }
    if (corrupt_seen && !findField(*StructType(file_fields), state->corrupt_name)) {
      file_fields.emplace_back(state->corrupt_name, StringType(), true);
    }
  }
  state->num_file_columns = static_cast<int>(file_fields.size());
  for (size_t i = 0; i < file_fields.size(); ++i) {
    if (file_fields[i].name == state->corrupt_name && file_fields[i].type->id() == TypeId::String) {
      state->corrupt_column = static_cast<int>(i);
    }
  }
  std::vector<StructField> all = file_fields;
  for (const auto& f : index.partition_schema->fields()) all.push_back(f);
  state->schema = StructType(std::move(all));
  schema_ = state->schema;
  state_ = std::move(state);
}

std::vector<std::shared_ptr<const ScanTask>> JsonSource::planTasks(const ScanOptions& options) const {
  std::vector<std::shared_ptr<const ScanTask>> tasks;
  const auto& st = *state_;
  for (size_t i = 0; i < st.files.size(); ++i) {
    const DataFile& f = st.files[i];
    bool keep = partitionValuesMayMatch(f.partition_values, st.num_file_columns, options.predicates);
    if (!keep || f.size == 0) continue;
    if (st.multi_line) {
      tasks.push_back(std::make_shared<JsonScanTask>(state_, i, 0, f.size));
      continue;
    }
    for (int64_t start = 0; start < f.size; start += st.max_split_bytes) {
      tasks.push_back(std::make_shared<JsonScanTask>(state_, i, start, std::min(f.size, start + st.max_split_bytes)));
    }
  }
  return tasks;
}

}  // namespace loch
