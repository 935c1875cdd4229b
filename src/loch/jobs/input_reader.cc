#include "loch/jobs/input_reader.h"

#include <algorithm>
#include <filesystem>

#include "loch/api/data_frame_reader.h"
#include "loch/api/spark_session.h"
#include "loch/common/exception.h"

namespace loch::jobs {

namespace fs = std::filesystem;

namespace {

/// The format an extension names, "" when none; compression suffixes are skipped.
std::string formatOfFile(const fs::path& file) {
  std::string name = file.filename().string();
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const char* codec : {".gz", ".zst", ".bz2", ".lz4", ".snappy"}) {
    std::string suffix = codec;
    if (name.size() > suffix.size() && name.ends_with(suffix) && !name.ends_with(".snappy.parquet")) {
      name.resize(name.size() - suffix.size());
    }
  }
  if (name.ends_with(".parquet")) return "parquet";
  if (name.ends_with(".csv")) return "csv";
  if (name.ends_with(".json") || name.ends_with(".jsonl") || name.ends_with(".ndjson")) return "json";
  return "";
}

bool hidden(const fs::path& p) {
  std::string name = p.filename().string();
  return name.empty() || name[0] == '_' || name[0] == '.';
}

}  // namespace

bool pathExists(const std::string& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}

std::string detectFormat(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw IOException("PATH_NOT_FOUND", "Path does not exist: " + path + ".");
  if (!fs::is_directory(path, ec)) {
    std::string format = formatOfFile(path);
    if (format.empty()) {
      throw IOException("UNKNOWN_INPUT_FORMAT", "Cannot tell the format of '" + path +
                                                    "': expected a .parquet, .csv or .json file or a folder of them.");
    }
    return format;
  }
  for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (hidden(it->path())) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file()) continue;
    std::string format = formatOfFile(it->path());
    if (!format.empty()) return format;
  }
  throw IOException("EMPTY_INPUT", "The input folder '" + path + "' holds no .parquet, .csv or .json data files.");
}

DataFrame readTable(const std::shared_ptr<SparkSession>& spark, const std::string& path) {
  std::string format = detectFormat(path);
  auto reader = spark->read();
  reader.format(format);
  if (format == "csv") reader.option("header", true).option("inferSchema", true).option("mode", "PERMISSIVE");
  return reader.load(path);
}

}  // namespace loch::jobs
