#include "loch/io/csv/csv_source.h"

#include <algorithm>
#include <deque>

#include "loch/common/exception.h"
#include "loch/io/csv/csv_tokenizer.h"
#include "loch/io/csv/csv_values.h"
#include "loch/io/file_system.h"
#include "loch/io/text_range.h"
#include "loch/vector/vector_builder.h"
#include "loch/vector/vector_ops.h"

namespace loch {

namespace {

[[noreturn]] void throwMalformed(const std::string& path, int64_t line, std::string_view raw) {
  throw IOException("MALFORMED_RECORD_IN_PARSING",
                    "Malformed records are detected in record parsing: [" + std::string(raw) +
                        "]. Parse Mode: FAILFAST. To process malformed records as null result, try setting the option "
                        "'mode' as 'PERMISSIVE'. (file:" + path + ", line " + std::to_string(line) + ")");
}

class CsvScanTask : public ScanTask {
 public:
  CsvScanTask(std::shared_ptr<const CsvSource::State> state, size_t file, int64_t start, int64_t end)
      : state_(std::move(state)), file_(file), start_(start), end_(end) {}

  void read(const ScanOptions& options, const std::function<void(const RecordBatchPtr&)>& emit) const override;

 private:
  std::shared_ptr<const CsvSource::State> state_;
  size_t file_;
  int64_t start_, end_;
};

struct Cell {
  std::string_view text;
  bool quoted = false;
  bool present = false;
};

void CsvScanTask::read(const ScanOptions& options, const std::function<void(const RecordBatchPtr&)>& emit) const {
  const auto& st = *state_;
  const auto& opt = st.options;
  const DataFile& df = st.files[file_];
  auto file = FileSystem::local()->openRead(df.path);
  RangeText text = readRangeText(*file, start_, end_, opt.multi_line);
  std::string_view data = std::string_view(text.bytes).substr(std::min(text.begin, text.bytes.size()));
  size_t limit = text.limit == std::string::npos ? std::string_view::npos
                                                   : (text.limit > text.begin ? text.limit - text.begin : 0);
  CsvTokenizer tok(opt, data, start_ == 0);
  CsvValueParser parser(opt);
  std::vector<CsvField> fields;
  if (opt.header && start_ == 0) tok.next(fields, limit);

  // Parsed (token) columns are the file columns minus the corrupt-record one.
  std::vector<int> parsed_of_column(static_cast<size_t>(st.num_file_columns), -1);
  int num_parsed = 0;
  for (int c = 0; c < st.num_file_columns; ++c) {
    if (c != st.corrupt_column) parsed_of_column[static_cast<size_t>(c)] = num_parsed++;
  }
  bool want_corrupt = std::find(options.columns.begin(), options.columns.end(), st.corrupt_column) !=
                      options.columns.end() && st.corrupt_column >= 0;
  std::vector<StructField> out_fields;
  for (int c : options.columns) out_fields.push_back(st.schema->fields()[static_cast<size_t>(c)]);
  SchemaPtr out_schema = StructType(std::move(out_fields));
  const int64_t batch = std::max<int64_t>(1, options.batch_size);
  std::optional<int64_t> line_base;
  auto absoluteLine = [&](int64_t rel) {
    if (!line_base) line_base = linesBefore(*file, text.base + static_cast<int64_t>(text.begin));
    return *line_base + rel;
  };

  std::vector<Cell> cells;
  std::deque<std::string> arena;
  std::vector<std::string> raws;
  std::vector<int64_t> lines;
  std::vector<uint8_t> bad;
  while (true) {
    cells.clear();
    arena.clear();
    raws.clear();
    lines.clear();
    bad.clear();
    int64_t rows = 0;
    while (rows < batch && tok.next(fields, limit)) {
      for (int p = 0; p < num_parsed; ++p) {
        Cell cell;
        if (p < static_cast<int>(fields.size())) {
          cell.present = true;
          cell.quoted = fields[static_cast<size_t>(p)].quoted;
          cell.text = fields[static_cast<size_t>(p)].text;
          if (cell.quoted && !cell.text.empty()) {
            arena.emplace_back(cell.text);
            cell.text = arena.back();
          }
        }
        cells.push_back(cell);
      }
      bad.push_back(static_cast<int>(fields.size()) != num_parsed ? 1 : 0);
      if (want_corrupt || opt.mode == ParseMode::kFailFast) raws.emplace_back(tok.rawRecord());
      lines.push_back(tok.recordLine());
      ++rows;
    }
    if (rows == 0) break;
    // Convert the requested columns, one column at a time.
    std::vector<VectorPtr> converted(static_cast<size_t>(st.num_file_columns));
    for (int c : options.columns) {
      if (c >= st.num_file_columns || c == st.corrupt_column || converted[static_cast<size_t>(c)]) continue;
      int p = parsed_of_column[static_cast<size_t>(c)];
      const DataTypePtr& type = st.schema->fields()[static_cast<size_t>(c)].type;
      VectorBuilder b(type, rows);
      TypeId id = type->id();
      for (int64_t r = 0; r < rows; ++r) {
        const Cell& cell = cells[static_cast<size_t>(r * num_parsed + p)];
        if (!cell.present || parser.isNull(cell.text, cell.quoted)) {
          b.appendNull();
        } else if (!parser.append(b, id, *type, parser.valueText(cell.text, cell.quoted))) {
          bad[static_cast<size_t>(r)] = 1;
        }
      }
      converted[static_cast<size_t>(c)] = b.finish();
    }
    if (opt.mode == ParseMode::kFailFast) {
      for (int64_t r = 0; r < rows; ++r) {
        if (bad[static_cast<size_t>(r)]) throwMalformed(df.path, absoluteLine(lines[static_cast<size_t>(r)]), raws[static_cast<size_t>(r)]);
      }
    }
    std::vector<VectorPtr> cols;
    for (int c : options.columns) {
      if (c >= st.num_file_columns) {
        cols.push_back(Vector::makeConstant(df.partition_values[static_cast<size_t>(c - st.num_file_columns)], rows));
      } else if (c == st.corrupt_column) {
        VectorBuilder b(StringType(), rows);
        for (int64_t r = 0; r < rows; ++r) {
          if (bad[static_cast<size_t>(r)]) b.appendString(raws[static_cast<size_t>(r)]);
          else b.appendNull();
        }
        cols.push_back(b.finish());
      } else {
        cols.push_back(converted[static_cast<size_t>(c)]);
      }
    }
    auto out = RecordBatch::make(out_schema, std::move(cols), rows);
    if (opt.mode == ParseMode::kDropMalformed && std::find(bad.begin(), bad.end(), 1) != bad.end()) {
      std::vector<uint8_t> keep(bad.size());
      for (size_t i = 0; i < bad.size(); ++i) keep[i] = bad[i] ? 0 : 1;
      out = filterBatch(*out, keep.data());
      if (out->numRows() == 0) continue;
    }
    emit(out);
  }
}

/// Spark's CSVUtils header handling: empty names become _c<i>, duplicates
/// get their position appended (case-insensitive).
std::vector<std::string> headerNames(const std::vector<CsvField>& fields) {
  std::vector<std::string> names;
  for (size_t i = 0; i < fields.size(); ++i) {
    std::string n(fields[i].text);
    names.push_back(n.empty() ? "_c" + std::to_string(i) : n);
  }
  auto lower = [](std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  std::vector<std::string> out = names;
  for (size_t i = 0; i < names.size(); ++i) {
    for (size_t j = 0; j < names.size(); ++j) {
      if (i != j && lower(names[i]) == lower(names[j])) {
        out[i] = names[i] + std::to_string(i);
        break;
      }
    }
  }
  return out;
}

}  // namespace

CsvSource::CsvSource(const std::string& path, const SourceOptions& options, SchemaPtr user_schema) : path_(path) {
  auto state = std::make_shared<State>();
  state->options = CsvOptions::parse(options);
  const CsvOptions& opt = state->options;
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
    // Column names from the first record of the first non-empty file.
    std::vector<std::string> names;
    std::vector<DataTypePtr> types;
    CsvValueParser parser(opt);
    std::vector<CsvField> fields;
    bool have_names = false;
    for (const auto& f : index.files) {
      auto file = FileSystem::local()->openRead(f.path);
      if (!opt.infer_schema && have_names) break;
      // Without inference only the first record is needed.
      std::string bytes = opt.infer_schema || opt.multi_line ? readRange(*file, 0, file->size())
                                                             : readRangeText(*file, 0, std::min<int64_t>(file->size(), 1), false).bytes;
      CsvTokenizer tok(opt, bytes, true);
      bool first = true;
      while (tok.next(fields)) {
        if (first) {
          first = false;
          if (!have_names) {
            have_names = true;
            if (opt.header) {
              names = headerNames(fields);
            } else {
              for (size_t i = 0; i < fields.size(); ++i) names.push_back("_c" + std::to_string(i));
            }
            types.assign(names.size(), NullType());
          }
          if (opt.header) continue;
        }
        if (!opt.infer_schema) break;
        if (fields.size() != names.size() && opt.mode == ParseMode::kFailFast) {
          throwMalformed(f.path, tok.recordLine(), tok.rawRecord());
        }
        for (size_t i = 0; i < names.size() && i < fields.size(); ++i) {
          if (parser.isNull(fields[i].text, fields[i].quoted)) continue;
          types[i] = parser.inferField(types[i], parser.valueText(fields[i].text, fields[i].quoted));
        }
      }
    }
    for (size_t i = 0; i < names.size(); ++i) {
      if (isPartition(names[i])) continue;
      DataTypePtr t = !opt.infer_schema || types[i]->id() == TypeId::Null ? StringType() : types[i];
      file_fields.emplace_back(names[i], t, true);
    }
  }
  state->num_file_columns = static_cast<int>(file_fields.size());
  for (size_t i = 0; i < file_fields.size(); ++i) {
    if (file_fields[i].name == opt.corrupt_column) {
      if (file_fields[i].type->id() != TypeId::String || !file_fields[i].nullable) {
        throw AnalysisException("INVALID_CORRUPT_RECORD_TYPE",
                                "The column `" + opt.corrupt_column + "` for corrupt records must have the nullable STRING type, but got " +
                                    file_fields[i].type->sql() + ".");
      }
      state->corrupt_column = static_cast<int>(i);
    }
  }
  std::vector<StructField> all = file_fields;
  for (const auto& f : index.partition_schema->fields()) all.push_back(f);
  state->schema = StructType(std::move(all));
  schema_ = state->schema;
  state_ = std::move(state);
}

std::vector<std::shared_ptr<const ScanTask>> CsvSource::planTasks(const ScanOptions& options) const {
  std::vector<std::shared_ptr<const ScanTask>> tasks;
  const auto& st = *state_;
  for (size_t i = 0; i < st.files.size(); ++i) {
    const DataFile& f = st.files[i];
    bool keep = partitionValuesMayMatch(f.partition_values, st.num_file_columns, options.predicates);
    if (!keep || f.size == 0) continue;
    if (st.options.multi_line) {
      tasks.push_back(std::make_shared<CsvScanTask>(state_, i, 0, f.size));
      continue;
    }
    for (int64_t start = 0; start < f.size; start += st.options.max_split_bytes) {
      tasks.push_back(std::make_shared<CsvScanTask>(state_, i, start, std::min(f.size, start + st.options.max_split_bytes)));
    }
  }
  return tasks;
}

}  // namespace loch
