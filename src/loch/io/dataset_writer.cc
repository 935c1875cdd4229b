#include "loch/io/dataset_writer.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>

#include "loch/common/exception.h"
#include "loch/io/file_index.h"
#include "loch/io/format_writer.h"
#include "loch/types/datetime.h"
#include "loch/vector/decoded_vector.h"
#include "loch/vector/vector_ops.h"

namespace loch {

namespace fs = std::filesystem;

namespace {

std::function<void(int64_t)>& failureHook() {
  static std::function<void(int64_t)> hook;
  return hook;
}

std::string randomUuid() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  uint64_t a = rng(), b = rng();
  a = (a & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;  // version 4
  b = (b & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;  // variant
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                static_cast<unsigned>((a >> 16) & 0xFFFF), static_cast<unsigned>(a & 0xFFFF),
                static_cast<unsigned>(b >> 48), static_cast<unsigned long long>(b & 0xFFFFFFFFFFFFULL));
  return buf;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

/// Text of a partition value as Spark puts it in the folder name.
std::string partitionText(const Vector& v, int64_t row, const DataType& type, const cctz::time_zone& tz) {
  if (v.isNull(row)) return "__HIVE_DEFAULT_PARTITION__";
  Value value = v.getValue(row);
  std::string text;
  switch (type.id()) {
    case TypeId::Timestamp: text = formatTimestamp(value.getLong(), tz); break;
    case TypeId::String: text = value.getString(); break;
    default: text = value.toString(); break;
  }
  if (text.empty()) return "__HIVE_DEFAULT_PARTITION__";
  return escapePartitionValue(text);
}

/// Open part files of one write, keyed by partition folder ("" when unpartitioned).
class PartWriters {
 public:
  PartWriters(const DatasetWriteRequest& req, std::string staging, SchemaPtr data_schema)
      : req_(req), staging_(std::move(staging)), data_schema_(std::move(data_schema)),
        suffix_(formatFileSuffix(req.format, req.options)), uuid_(randomUuid()),
        max_records_(req.options.getLong("maxRecordsPerFile", 0)) {}

  void write(const std::string& dir, const RecordBatchPtr& batch) {
    int64_t offset = 0;
    while (offset < batch->numRows()) {
      Open& open = writerFor(dir);
      int64_t take = batch->numRows() - offset;
      if (max_records_ > 0) take = std::min(take, max_records_ - open.rows);
      auto part = offset == 0 && take == batch->numRows() ? batch : sliceBatch(*batch, offset, take);
      open.writer->write(part);
      open.rows += take;
      offset += take;
      if (max_records_ > 0 && open.rows >= max_records_) finish(dir);
    }
  }

  /// Makes sure a writer exists for `dir` (an empty DataFrame still gets one file).
  void touch(const std::string& dir) { writerFor(dir); }

  void finishAll() {
    while (!open_.empty()) finish(open_.begin()->first);
  }

 private:
  struct Open {
    std::unique_ptr<FormatWriter> writer;
    int64_t rows = 0;
  };

  Open& writerFor(const std::string& dir) {
    auto it = open_.find(dir);
    if (it != open_.end()) return it->second;
    char name[32];
    std::snprintf(name, sizeof name, "part-%05lld-", static_cast<long long>(next_file_++));
    std::string file = std::string(name) + uuid_ + "-c000" + suffix_;
    std::string path = (fs::path(staging_) / dir / file).string();
    Open o;
    o.writer = openFormatWriter(req_.format, FileSystem::local()->create(path), data_schema_, req_.options);
    return open_.emplace(dir, std::move(o)).first->second;
  }

  void finish(const std::string& dir) {
    auto it = open_.find(dir);
    it->second.writer->close();
    open_.erase(it);
    ++completed_;
    if (failureHook()) failureHook()(completed_);
  }

  const DatasetWriteRequest& req_;
  std::string staging_;
  SchemaPtr data_schema_;
  std::string suffix_;
  std::string uuid_;
  int64_t max_records_;
  int64_t next_file_ = 0;
  int64_t completed_ = 0;
  std::map<std::string, Open> open_;
};

/// Moves every file below `from` to the same relative place below `to`.
void moveFilesInto(const FileSystem& fsys, const fs::path& from, const fs::path& to) {
  for (const auto& entry : fsys.list(from.string())) {
    fs::path target = to / fs::path(entry.path).filename();
    if (entry.is_directory) {
      fsys.mkdirs(target.string());
      moveFilesInto(fsys, entry.path, target);
    } else {
      if (fsys.exists(target.string())) fsys.remove(target.string());
      fsys.rename(entry.path, target.string());
    }
  }
}

}  // namespace

std::string escapePartitionValue(const std::string& text) {
  static const std::string kSpecial = "\"#%'*/:=?\\\x7F{[]^";
  std::string out;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || kSpecial.find(c) != std::string::npos) {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", u);
      out += buf;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

SaveMode parseSaveMode(const std::string& mode) {
  std::string m = lower(mode);
  if (m == "overwrite") return SaveMode::kOverwrite;
  if (m == "append") return SaveMode::kAppend;
  if (m == "ignore") return SaveMode::kIgnore;
  if (m == "error" || m == "errorifexists" || m == "default") return SaveMode::kErrorIfExists;
  throw InvalidArgumentException("INVALID_SAVE_MODE", "Unknown save mode: " + mode +
                                                          ". Accepted save modes are 'overwrite', 'append', 'ignore', 'error', 'errorifexists', 'default'.");
}

void setWriteFailureHookForTesting(std::function<void(int64_t)> hook) { failureHook() = std::move(hook); }

bool writeDataset(const DatasetWriteRequest& req, const BatchProducer& produce) {
  auto fsys = FileSystem::local();
  fs::path target = fs::absolute(localPath(req.path)).lexically_normal();
  if (target.filename().empty()) target = target.parent_path();
  bool exists = fsys->exists(target.string());
  if (exists && req.mode == SaveMode::kErrorIfExists) {
    throw AnalysisException("PATH_ALREADY_EXISTS", "Path file:" + target.string() +
                                                       " already exists. Set mode as \"overwrite\" to overwrite the existing path.");
  }
  if (exists && req.mode == SaveMode::kIgnore) return false;

  // Partition columns: resolved by name, removed from the data columns.
  const auto& fields = req.schema->fields();
  std::vector<int> part_cols;
  for (const auto& name : req.partition_by) {
    auto idx = findField(*req.schema, name);
    if (!idx) {
      throw AnalysisException("PARTITION_COLUMN_NOT_FOUND", "Partition column `" + name + "` not found in schema " +
                                                                req.schema->simpleString() + ".");
    }
    if (fields[*idx].type->isNested()) {
      throw AnalysisException("INVALID_PARTITION_COLUMN_DATA_TYPE",
                              "Cannot use " + fields[*idx].type->sql() + " for partition column `" + name + "`.");
    }
    part_cols.push_back(*idx);
  }
  std::vector<int> data_cols;
  std::vector<StructField> data_fields;
  for (int i = 0; i < static_cast<int>(fields.size()); ++i) {
    if (std::find(part_cols.begin(), part_cols.end(), i) == part_cols.end()) {
      data_cols.push_back(i);
      data_fields.push_back(fields[static_cast<size_t>(i)]);
    }
  }
  if (!part_cols.empty() && data_cols.empty()) {
    throw AnalysisException("ALL_PARTITION_COLUMNS_NOT_ALLOWED", "Cannot use all columns for partition columns.");
  }
  SchemaPtr data_schema = StructType(data_fields);
  const auto& tz = lookupTimeZone(req.options.getOr("timeZone", "UTC"));

  fs::path parent = target.parent_path();
  fsys->mkdirs(parent.string());
  fs::path staging = parent / ("." + target.filename().string() + "-staging-" + randomUuid());
  try {
    fsys->mkdirs(staging.string());
    PartWriters writers(req, staging.string(), data_schema);
    bool any_rows = false;
    produce([&](const RecordBatchPtr& batch) {
      if (batch->numRows() == 0) return;
      any_rows = true;
      std::vector<VectorPtr> cols;
      for (int c : data_cols) cols.push_back(batch->column(c));
      auto data = RecordBatch::make(data_schema, std::move(cols), batch->numRows());
      if (part_cols.empty()) {
        writers.write("", data);
        return;
      }
      // Rows grouped by partition folder, in first-seen order.
      std::map<std::string, std::vector<int32_t>> groups;
      std::vector<VectorPtr> flat_parts;
      for (int c : part_cols) flat_parts.push_back(batch->column(c)->flatten());
      for (int64_t r = 0; r < batch->numRows(); ++r) {
        std::string dir;
        for (size_t k = 0; k < part_cols.size(); ++k) {
          const auto& f = fields[static_cast<size_t>(part_cols[k])];
          if (k) dir += "/";
          dir += escapePartitionValue(f.name) + "=" + partitionText(*flat_parts[k], r, *f.type, tz);
        }
        groups[dir].push_back(static_cast<int32_t>(r));
      }
      for (const auto& [dir, rows] : groups) {
        std::vector<VectorPtr> picked;
        for (const auto& col : data->columns()) picked.push_back(gather(*col, rows.data(), static_cast<int64_t>(rows.size())));
        writers.write(dir, RecordBatch::make(data_schema, std::move(picked), static_cast<int64_t>(rows.size())));
      }
    });
    if (!any_rows && part_cols.empty()) writers.touch("");
    writers.finishAll();
    fsys->create((staging / "_SUCCESS").string())->close();
  } catch (...) {
    try {
      fsys->remove(staging.string());
    } catch (...) {
    }
    throw;
  }

  // Commit.
  try {
    if (!exists) {
      fsys->rename(staging.string(), target.string());
    } else if (req.mode == SaveMode::kOverwrite) {
      bool dynamic = lower(req.options.getOr("partitionOverwriteMode", "static")) == "dynamic" && !part_cols.empty();
      if (dynamic) {
        // Only the partitions this write produced are replaced.
        std::vector<std::string> dirs;
        std::function<void(const fs::path&, int)> collect = [&](const fs::path& p, int depth) {
          for (const auto& e : fsys->list(p.string())) {
            if (!e.is_directory) continue;
            if (depth + 1 == static_cast<int>(part_cols.size())) dirs.push_back(fs::path(e.path).lexically_relative(staging).string());
            else collect(e.path, depth + 1);
          }
        };
        collect(staging, 0);
        for (const auto& d : dirs) {
          fs::path old = target / d;
          fs::path backup = parent / ("." + target.filename().string() + "-old-" + randomUuid());
          bool had = fsys->exists(old.string());
          if (had) fsys->rename(old.string(), backup.string());
          fsys->mkdirs(old.parent_path().string());
          fsys->rename((staging / d).string(), old.string());
          if (had) fsys->remove(backup.string());
        }
        moveFilesInto(*fsys, staging, target);
        fsys->remove(staging.string());
      } else {
        fs::path backup = parent / ("." + target.filename().string() + "-old-" + randomUuid());
        fsys->rename(target.string(), backup.string());
        try {
          fsys->rename(staging.string(), target.string());
        } catch (...) {
          fsys->rename(backup.string(), target.string());
          throw;
        }
        fsys->remove(backup.string());
      }
    } else {  // append
      if (!fsys->isDirectory(target.string())) {
        throw AnalysisException("PATH_ALREADY_EXISTS", "Cannot append to file:" + target.string() + ": it is a file, not a folder.");
      }
      moveFilesInto(*fsys, staging, target);
      fsys->remove(staging.string());
    }
  } catch (...) {
    try {
      fsys->remove(staging.string());
    } catch (...) {
    }
    throw;
  }
  return true;
}

}  // namespace loch
