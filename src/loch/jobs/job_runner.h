#pragma once
// JobRunner: runs a batch job's stages, times them, counts rows in and out,
// stages every output table in a hidden folder and commits them all at the
// end, so a failed run leaves the previous outputs untouched. The summary
// (rows in/out, seconds, rows per second per stage — of rows in, or of rows
// out where a stage has no known input — and quarantined rows) is
// printed and written as <output>/_job_summary.json.
//
//   JobRunner runner("events", spark, "/out", std::cerr, isatty(2));
//   runner.writeStage("monthly_summary", rows_in, [&] { return spark->sql("..."); }, {"monthly_summary"});
//   runner.commit();

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "loch/api/data_frame.h"
#include "loch/jobs/progress_printer.h"

namespace loch {
class SparkSession;
}

namespace loch::jobs {

/// Where and how a stage's result is written.
struct OutputSpec {
  std::string table;                      ///< folder name under the output folder
  std::string format = "parquet";         ///< "parquet", "csv" (with header) or "json"
  std::vector<std::string> partition_by;  ///< Hive-style partition columns
  /// "overwrite" (replace the table), "append" (add part files),
  /// "errorifexists" (fail before any work if the table exists), "ignore"
  /// (skip writing when the table exists).
  std::string mode = "overwrite";
};

/// One stage's measurements; rows_in/rows_out are -1 when not applicable.
struct StageStats {
  std::string name;
  int64_t rows_in = -1;
  int64_t rows_out = -1;
  double seconds = 0;
  std::string output;  ///< table written, "" for stages without output
};

/// A --performance-test comparison line.
struct PerformanceStats {
  std::string stage;
  double optimized_seconds = 0;
  double baseline_seconds = 0;
};

class JobRunner {
 public:
  /// `output_dir` is created when missing.
  /// @throws IOException OUTPUT_PATH_NOT_A_DIRECTORY when it is a file, or
  ///         when it cannot be created.
  JobRunner(std::string job, std::shared_ptr<SparkSession> spark, const std::string& output_dir, std::ostream& log,
            bool terminal);
  /// Removes the staging folder of an uncommitted (failed) run.
  ~JobRunner();
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  /// Stage count for the progress bar.
  void setStageCount(int n) { progress_.setTotal(n); }
  /// Runs `work` (which returns its rows out, or -1) as a timed stage.
  int64_t runStage(const std::string& name, int64_t rows_in, const std::function<int64_t()>& work);
  /// Runs `build`, computes the result once and writes it to the staging
  /// copy of `spec.table`. Returns the rows written.
  /// @throws AnalysisException PATH_ALREADY_EXISTS for mode errorifexists on
  ///         an existing table; whatever the query or the writer throws.
  int64_t writeStage(const std::string& name, int64_t rows_in, const std::function<DataFrame()>& build,
                     const OutputSpec& spec);
  /// Records a --performance-test comparison (printed in the summary).
  void addPerformance(PerformanceStats stats) { performance_.push_back(std::move(stats)); }
  void setInputRows(int64_t rows) { input_rows_ = rows; }
  void setQuarantinedRows(int64_t rows) { quarantined_rows_ = rows; }
  void setDuplicateRows(int64_t rows) { duplicate_rows_ = rows; }
  ProgressPrinter& progress() { return progress_; }

  /// Moves every staged table into the output folder (replacing or
  /// appending per its mode), writes _job_summary.json and prints the summary.
  /// @throws IOException when a rename fails.
  void commit();
  /// The summary JSON text (also written by commit()).
  std::string summaryJson() const;
  const std::vector<StageStats>& stages() const { return stages_; }
  const std::filesystem::path& outputDir() const { return output_; }

 private:
  void printSummary();

  std::string job_;
  std::shared_ptr<SparkSession> spark_;
  std::filesystem::path output_;
  std::filesystem::path staging_;
  ProgressPrinter progress_;
  std::ostream& log_;
  std::vector<StageStats> stages_;
  std::vector<OutputSpec> staged_;
  std::vector<PerformanceStats> performance_;
  int64_t input_rows_ = -1;
  int64_t quarantined_rows_ = -1;
  int64_t duplicate_rows_ = -1;
  bool committed_ = false;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace loch::jobs
