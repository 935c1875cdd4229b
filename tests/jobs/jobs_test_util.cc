#include "jobs/jobs_test_util.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "loch/api/data_frame_reader.h"
#include "loch/common/exception.h"
#include "loch/jobs/job_dispatch.h"

namespace loch::jobs::testing {

namespace fs = std::filesystem;

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  path_ =
      fs::temp_directory_path() / ("loch_jobs_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
  fs::remove_all(path_);
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

void writeFile(const std::string& path, const std::string& text) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::shared_ptr<SparkSession> newSession() {
  RuntimeConfig conf;
  conf.set("loch.threads", "2");
  conf.set("spark.sql.session.timeZone", "UTC");
  return std::make_shared<SparkSession>(conf);
}

std::string runJobCapture(const std::shared_ptr<SparkSession>& spark, const std::string& job, const std::string& input,
                          const std::string& output, std::string* log) {
  JobOptions options;
  options.input = input;
  options.output = output;
  std::ostringstream out;
  try {
    runJob(spark, job, options, out);
  } catch (const LochException& e) {
    if (log) *log = out.str();
    return e.what();
  }
  if (log) *log = out.str();
  return "";
}

std::vector<std::string> rows(const std::shared_ptr<SparkSession>& spark, const std::string& sql) {
  std::vector<std::string> out;
  for (const auto& row : spark->sql(sql).collect()) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) line += (i ? "|" : "") + row.get(i).toString();
    out.push_back(line);
  }
  return out;
}

void viewOf(const std::shared_ptr<SparkSession>& spark, const std::string& dir, const std::string& table) {
  spark->read().parquet((fs::path(dir) / table).string()).createOrReplaceTempView(table);
}

std::string sourceDir() {
  if (const char* env = std::getenv("LOCH_SOURCE_DIR")) return env;
  return LOCH_TEST_SOURCE_DIR;
}

}  // namespace loch::jobs::testing
