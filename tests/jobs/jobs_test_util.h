#pragma once
// Helpers of the job tests: temporary folders, fixture files, running a job
// and reading its outputs back as sorted text rows.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "loch/api/spark_session.h"
#include "loch/jobs/job_options.h"

namespace loch::jobs::testing {

/// A fresh folder under the temp dir, removed at destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

void writeFile(const std::string& path, const std::string& text);
std::string readFile(const std::string& path);

/// A new session (UTC, 2 threads).
std::shared_ptr<SparkSession> newSession();

/// Runs `job` with input/output; returns "" on success or the exception's what().
std::string runJobCapture(const std::shared_ptr<SparkSession>& spark, const std::string& job, const std::string& input,
                          const std::string& output, std::string* log = nullptr);

/// Rows of `sql` as "a|b|c" strings (Value::toString), in the query's order.
std::vector<std::string> rows(const std::shared_ptr<SparkSession>& spark, const std::string& sql);

/// Registers the Parquet table `dir/table` as temp view `table`.
void viewOf(const std::shared_ptr<SparkSession>& spark, const std::string& dir, const std::string& table);

/// The repository root (LOCH_SOURCE_DIR or the compile-time path).
std::string sourceDir();

}  // namespace loch::jobs::testing
