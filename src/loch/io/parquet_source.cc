#include "loch/io/parquet_source.h"

#include <cmath>
#include <variant>

#include "loch/common/exception.h"
#include "loch/types/datetime.h"
#include "loch/vector/vector.h"

namespace loch {

namespace {

using parquet::ValueConversion;

/// A bound or literal in one comparable domain: integers (also decimals
/// unscaled and timestamps in microseconds), doubles, bytes, booleans.
using Key = std::variant<bool, int128_t, double, std::string>;

std::optional<Key> statKey(const parquet::StatValue& s, ValueConversion conv, const DataType& type) {
  auto asInt = [&]() -> std::optional<int64_t> {
    if (auto p = std::get_if<int64_t>(&s)) return *p;
    return std::nullopt;
  };
  switch (conv) {
    case ValueConversion::kBoolean:
      if (auto p = std::get_if<bool>(&s)) return Key(*p);
      return std::nullopt;
    case ValueConversion::kInt32ToByte:
    case ValueConversion::kInt32ToShort:
    case ValueConversion::kInt32:
    case ValueConversion::kInt64:
    case ValueConversion::kDate:
    case ValueConversion::kTimestampMicros:
    case ValueConversion::kTimeMicrosToLong:
    case ValueConversion::kDecimalFromInt32:
    case ValueConversion::kDecimalFromInt64:
      if (auto v = asInt()) return Key(static_cast<int128_t>(*v));
      return std::nullopt;
    case ValueConversion::kTimestampMillis:
    case ValueConversion::kTimeMillisToLong:
      if (auto v = asInt()) return Key(static_cast<int128_t>(*v) * 1000);
      return std::nullopt;
    case ValueConversion::kTimestampNanos:
    case ValueConversion::kTimeNanosToLong:
      // The reader floors nanoseconds to microseconds, so floored bounds
      // bound the values it produces.
      if (auto v = asInt()) return Key(static_cast<int128_t>(floorDiv(*v, 1000)));
      return std::nullopt;
    case ValueConversion::kFloat:
    case ValueConversion::kDouble:
      if (auto p = std::get_if<double>(&s)) return Key(*p);
      return std::nullopt;
    case ValueConversion::kBytes:
      if (!type.isStringLike()) return std::nullopt;
      if (auto p = std::get_if<std::string>(&s)) return Key(*p);
      return std::nullopt;
    default: return std::nullopt;  // unsigned, INT96, byte-array decimals, ...: no pruning
  }
}

bool isIntegralLike(TypeId t) {
  return t == TypeId::Byte || t == TypeId::Short || t == TypeId::Integer || t == TypeId::Long;
}

std::optional<Key> valueKey(const Value& v, const DataType& type) {
  if (v.isNull()) return std::nullopt;
  const DataType& vt = *v.type();
  TypeId t = type.id();
  if (isIntegralLike(t) && isIntegralLike(vt.id())) return Key(static_cast<int128_t>(v.getLong()));
  if (t != vt.id()) return std::nullopt;
  switch (t) {
    case TypeId::Boolean: return Key(v.getBool());
    case TypeId::Date:
    case TypeId::Timestamp:
    case TypeId::TimestampNTZ: return Key(static_cast<int128_t>(v.getLong()));
    case TypeId::Decimal:
      if (vt.scale() != type.scale()) return std::nullopt;
      return Key(v.getDecimal());
    case TypeId::Float:
    case TypeId::Double:
      if (std::isnan(v.getDouble())) return std::nullopt;
      return Key(v.getDouble());
    case TypeId::String:
    case TypeId::Binary: return Key(v.getString());
    default: return std::nullopt;
  }
}

std::optional<int> compareKeys(const Key& a, const Key& b) {
  if (a.index() != b.index()) return std::nullopt;
  return std::visit(
      [&](const auto& x) -> std::optional<int> {
        const auto& y = std::get<std::decay_t<decltype(x)>>(b);
        return x < y ? -1 : (y < x ? 1 : 0);
      },
      a);
}

class ParquetScanTask : public ScanTask {
 public:
  ParquetScanTask(std::shared_ptr<const ParquetSource::FileState> file, int row_group, SchemaPtr schema,
                  int num_file_columns)
      : file_(std::move(file)), row_group_(row_group), schema_(std::move(schema)), num_file_columns_(num_file_columns) {}

  void read(const ScanOptions& options, const std::function<void(const RecordBatchPtr&)>& emit) const override {
    // Top-level fields of this file to decode, and where each output column comes from.
    std::vector<int> fields;
    std::vector<int> from_field(options.columns.size(), -1);
    std::vector<StructField> out_fields;
    for (size_t i = 0; i < options.columns.size(); ++i) {
      int c = options.columns[i];
      out_fields.push_back(schema_->fields()[static_cast<size_t>(c)]);
      if (c < num_file_columns_) {
        int f = file_->field_of_column[static_cast<size_t>(c)];
        if (f < 0) continue;
        auto it = std::find(fields.begin(), fields.end(), f);
        from_field[i] = static_cast<int>(it - fields.begin());
        if (it == fields.end()) fields.push_back(f);
      }
    }
    SchemaPtr out_schema = StructType(std::move(out_fields));
    int64_t batch = std::max<int64_t>(1, options.batch_size);
    auto assemble = [&](const RecordBatchPtr& in, int64_t rows) {
      std::vector<VectorPtr> cols;
      for (size_t i = 0; i < options.columns.size(); ++i) {
        int c = options.columns[i];
        const DataTypePtr& type = schema_->fields()[static_cast<size_t>(c)].type;
        if (from_field[i] >= 0) {
          cols.push_back(in->column(from_field[i]));
        } else if (c >= num_file_columns_) {
          cols.push_back(Vector::makeConstant(file_->partition_values[static_cast<size_t>(c - num_file_columns_)], rows));
        } else {
          cols.push_back(Vector::makeNull(type, rows));
        }
      }
      emit(RecordBatch::make(out_schema, std::move(cols), rows));
    };
    const auto& reader = *file_->reader;
    if (fields.empty()) {
      // Only partition or absent columns (e.g. count(*)): rows without decoding.
      int64_t total = reader.metadata().row_groups[static_cast<size_t>(row_group_)].num_rows;
      for (int64_t done = 0; done < total; done += batch) assemble(nullptr, std::min(batch, total - done));
      return;
    }
    // Pushed predicates on file columns: the scan drops rows failing them
    // before decoding the other columns (the Filter above still runs).
    std::vector<parquet::ScanFilter> filters;
    for (const auto& p : options.predicates) {
      for (size_t i = 0; i < options.columns.size(); ++i) {
        if (options.columns[i] == p.column && from_field[i] >= 0) {
          filters.push_back({from_field[i], p});
          break;
        }
      }
    }
    reader.scanRowGroup(row_group_, fields, batch, [&](const RecordBatchPtr& b) { assemble(b, b->numRows()); },
                        filters);
  }

 private:
  std::shared_ptr<const ParquetSource::FileState> file_;
  int row_group_;
  SchemaPtr schema_;
  int num_file_columns_;
};

std::string lowerName(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string schemaText(const DataType& s) { return s.simpleString(); }

}  // namespace

bool statsMayMatch(const parquet::ColumnStats& stats, ValueConversion conversion, const DataType& type,
                   const ColumnPredicate& p) {
  bool all_null = stats.null_count && stats.num_values > 0 && *stats.null_count == stats.num_values;
  switch (p.op) {
    case ColumnPredicate::Op::IsNull: return !stats.null_count || *stats.null_count > 0;
    case ColumnPredicate::Op::IsNotNull: return !all_null;
    default: break;
  }
  // NULLs never satisfy a comparison.
  if (all_null) return false;
  if (!stats.min || !stats.max) return true;
  auto lo = statKey(*stats.min, conversion, type), hi = statKey(*stats.max, conversion, type);
  if (!lo || !hi) return true;
  auto inRange = [&](const Value& v, bool& sure) -> bool {
    auto k = valueKey(v, type);
    if (!k) {
      sure = false;
      return true;
    }
    auto a = compareKeys(*k, *lo), b = compareKeys(*k, *hi);
    if (!a || !b) {
      sure = false;
      return true;
    }
    return *a >= 0 && *b <= 0;
  };
  if (p.op == ColumnPredicate::Op::In) {
    for (const auto& v : p.values) {
      if (v.isNull()) continue;
      bool sure = true;
      if (inRange(v, sure) || !sure) return true;
    }
    return false;
  }
  if (p.values.size() != 1) return true;
  auto k = valueKey(p.values[0], type);
  if (!k) return true;
  auto cmin = compareKeys(*lo, *k), cmax = compareKeys(*hi, *k);  // bound vs literal
  if (!cmin || !cmax) return true;
  switch (p.op) {
    case ColumnPredicate::Op::Eq: return *cmin <= 0 && *cmax >= 0;
    case ColumnPredicate::Op::NotEq: return !(*cmin == 0 && *cmax == 0);
    case ColumnPredicate::Op::Lt: return *cmin < 0;
    case ColumnPredicate::Op::Le: return *cmin <= 0;
    case ColumnPredicate::Op::Gt: return *cmax > 0;
    case ColumnPredicate::Op::Ge: return *cmax >= 0;
    default: return true;
  }
}

ParquetSource::ParquetSource(const std::string& path, const SourceOptions& options, SchemaPtr user_schema)
    : path_(path) {
  FileIndexOptions index_options;
  index_options.recursive_file_lookup = options.getBool("recursiveFileLookup", false);
  index_options.user_schema = user_schema;
  FileIndex index = listDataFiles(path, index_options);
  bool merge = options.getBool("mergeSchema", false);

  std::vector<std::shared_ptr<const parquet::ParquetFileReader>> readers;
  for (const auto& f : index.files) readers.push_back(parquet::ParquetFileReader::open(f.path));

  std::vector<std::string> partition_names = fieldNames(*index.partition_schema);
  auto isPartition = [&](const std::string& name) { return findField(*index.partition_schema, name).has_value(); };

  // File columns of the table.
  std::vector<StructField> file_fields;
  if (user_schema) {
    for (const auto& f : user_schema->fields()) {
      if (!isPartition(f.name)) file_fields.push_back(f);
    }
  } else {
    if (readers.empty()) {
      throw IOException("UNABLE_TO_INFER_SCHEMA",
                        "Unable to infer schema for Parquet at file:" + localPath(path) + ". It must be specified manually.");
    }
    const DataType& first = *readers[0]->sparkSchema().type;
    for (const auto& f : first.fields()) {
      if (!isPartition(f.name)) file_fields.push_back(f);
    }
    for (size_t r = 1; r < readers.size(); ++r) {
      const DataType& s = *readers[r]->sparkSchema().type;
      if (!merge) {
        bool same = s.fields().size() == first.fields().size();
        for (size_t i = 0; same && i < s.fields().size(); ++i) {
          same = lowerName(s.fields()[i].name) == lowerName(first.fields()[i].name) &&
                 s.fields()[i].type->equals(*first.fields()[i].type);
        }
        if (!same) {
          throw IOException("CANNOT_MERGE_SCHEMAS",
                            "Failed merging schemas: file:" + readers[0]->path() + " has " + schemaText(first) +
                                " but file:" + readers[r]->path() + " has " + schemaText(s) +
                                ". Set option mergeSchema to true to read the union of the columns.");
        }
        continue;
      }
      for (const auto& f : s.fields()) {
        if (isPartition(f.name)) continue;
        bool found = false;
        for (auto& existing : file_fields) {
          if (lowerName(existing.name) != lowerName(f.name)) continue;
          found = true;
          if (!existing.type->equals(*f.type)) {
            throw IOException("CANNOT_MERGE_SCHEMAS",
                              "Failed to merge incompatible data types " + existing.type->simpleString() + " and " +
                                  f.type->simpleString() + " of column `" + f.name + "` (file:" + readers[r]->path() + ").");
          }
        }
        if (!found) file_fields.push_back(StructField(f.name, f.type, true));
      }
    }
    if (merge) {
      for (auto& f : file_fields) f.nullable = true;
    }
  }
  num_file_columns_ = static_cast<int>(file_fields.size());
  std::vector<StructField> all = file_fields;
  for (const auto& f : index.partition_schema->fields()) all.push_back(f);
  schema_ = StructType(std::move(all));

  for (size_t r = 0; r < readers.size(); ++r) {
    auto state = std::make_shared<FileState>();
    state->reader = readers[r];
    state->partition_values = index.files[r].partition_values;
    const DataType& s = *readers[r]->sparkSchema().type;
    for (const auto& f : file_fields) {
      auto idx = findField(s, f.name);
      if (idx && !s.fields()[*idx].type->equals(*f.type)) {
        throw IOException("PARQUET_COLUMN_DATA_TYPE_MISMATCH",
                          "Error while reading file file:" + readers[r]->path() + ". Data type mismatches when reading Parquet column `" +
                              f.name + "`. Expected Spark type " + f.type->simpleString() + ", actual Parquet type " +
                              s.fields()[*idx].type->simpleString() + ".");
      }
      state->field_of_column.push_back(idx ? *idx : -1);
    }
    for (const auto& rg : readers[r]->metadata().row_groups) estimated_bytes_ += rg.total_byte_size;
    files_.push_back(std::move(state));
  }
}

bool ParquetSource::filePassesPartitionFilters(const FileState& file, const std::vector<ColumnPredicate>& predicates) const {
  return partitionValuesMayMatch(file.partition_values, num_file_columns_, predicates);
}

bool ParquetSource::rowGroupMayMatch(const FileState& file, int row_group,
                                     const std::vector<ColumnPredicate>& predicates) const {
  std::optional<parquet::RowGroupStats> stats;
  for (const auto& p : predicates) {
    if (p.column < 0 || p.column >= num_file_columns_) continue;
    int f = file.field_of_column[static_cast<size_t>(p.column)];
    if (f < 0) {
      // The column is absent from this file: all NULL.
      if (p.op == ColumnPredicate::Op::IsNull) continue;
      return false;
    }
    const auto& node = file.reader->sparkSchema().fields[static_cast<size_t>(f)];
    if (node.kind != parquet::SparkNode::Kind::kPrimitive || node.leaf < 0) continue;
    if (!stats) stats = file.reader->rowGroupStats(row_group);
    const auto& cs = stats->columns[static_cast<size_t>(node.leaf)];
    if (!statsMayMatch(cs, node.conversion, *node.type, p)) return false;
  }
  return true;
}

std::vector<std::shared_ptr<const ScanTask>> ParquetSource::planTasks(const ScanOptions& options) const {
  std::vector<std::shared_ptr<const ScanTask>> tasks;
  for (const auto& file : files_) {
    if (!filePassesPartitionFilters(*file, options.predicates)) continue;
    for (int rg = 0; rg < file->reader->numRowGroups(); ++rg) {
      if (file->reader->metadata().row_groups[static_cast<size_t>(rg)].num_rows == 0) continue;
      if (!rowGroupMayMatch(*file, rg, options.predicates)) continue;
      tasks.push_back(std::make_shared<ParquetScanTask>(file, rg, schema_, num_file_columns_));
    }
  }
  return tasks;
}

}  // namespace loch
