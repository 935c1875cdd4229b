#include "loch/jobs/job_runner.h"

#include <unistd.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <ostream>
#include <system_error>

#include "loch/api/data_frame_writer.h"
#include "loch/api/spark_session.h"
#include "loch/common/exception.h"

namespace loch::jobs {

namespace fs = std::filesystem;

namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void renameOrThrow(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::rename(from, to, ec);
  if (ec) {
    throw IOException("CANNOT_COMMIT_OUTPUT",
                      "Cannot move '" + from.string() + "' to '" + to.string() + "': " + ec.message() + ".");
  }
}

/// Moves the data files of a staged table into an existing table folder.
void appendFiles(const fs::path& staged, const fs::path& target) {
  for (const auto& entry : fs::recursive_directory_iterator(staged)) {
    if (!entry.is_regular_file() || entry.path().filename() == "_SUCCESS") continue;
    fs::path dest = target / fs::relative(entry.path(), staged);
    fs::create_directories(dest.parent_path());
    renameOrThrow(entry.path(), dest);
  }
}

}  // namespace

JobRunner::JobRunner(std::string job, std::shared_ptr<SparkSession> spark, const std::string& output_dir,
                     std::ostream& log, bool terminal)
    : job_(std::move(job)),
      spark_(std::move(spark)),
      output_(output_dir),
      progress_(log, job_, terminal),
      log_(log),
      started_(std::chrono::steady_clock::now()) {
  std::error_code ec;
  if (fs::exists(output_, ec) && !fs::is_directory(output_, ec)) {
    throw IOException("OUTPUT_PATH_NOT_A_DIRECTORY",
                      "The output path '" + output_dir + "' is a file; give a folder for the job's tables.");
  }
  fs::create_directories(output_, ec);
  if (ec) {
    throw IOException("CANNOT_CREATE_OUTPUT",
                      "Cannot create the output folder '" + output_dir + "': " + ec.message() + ".");
  }
  staging_ = output_ / (".loch-staging-" + std::to_string(::getpid()));
  fs::remove_all(staging_, ec);
  fs::create_directories(staging_, ec);
  if (ec) {
    throw IOException("CANNOT_CREATE_OUTPUT", "Cannot create '" + staging_.string() + "': " + ec.message() + ".");
  }
}

JobRunner::~JobRunner() {
  std::error_code ec;
  fs::remove_all(staging_, ec);
}

int64_t JobRunner::runStage(const std::string& name, int64_t rows_in, const std::function<int64_t()>& work) {
  progress_.begin(name);
  auto start = std::chrono::steady_clock::now();
  int64_t rows_out = work();
  double seconds = secondsSince(start);
  stages_.push_back({name, rows_in, rows_out, seconds, ""});
  progress_.end(name, rows_out, seconds);
  return rows_out;
}

int64_t JobRunner::writeStage(const std::string& name, int64_t rows_in, const std::function<DataFrame()>& build,
                              const OutputSpec& spec) {
  fs::path target = output_ / spec.table;
  std::error_code ec;
  bool exists = fs::exists(target, ec);
  if (exists && (spec.mode == "errorifexists" || spec.mode == "error" || spec.mode == "default")) {
    throw AnalysisException("PATH_ALREADY_EXISTS", "Path " + target.string() +
                                                       " already exists. Set mode as \"overwrite\" to overwrite the "
                                                       "existing path.");
  }
  if (exists && spec.mode == "ignore") {
    stages_.push_back({name, rows_in, 0, 0.0, spec.table});
    progress_.line("loch run " + job_ + ": " + name + " skipped (" + spec.table + " exists, mode ignore)");
    return 0;
  }
  progress_.begin(name);
  auto start = std::chrono::steady_clock::now();
  DataFrame df = build();
  // Computed once: the batches give the row count and are then written.
  auto batches = df.collectBatches();
  int64_t rows_out = 0;
  for (const auto& b : batches) rows_out += b->numRows();
  DataFrame result = spark_->createDataFrame(std::move(batches), df.schema());
  auto writer = result.write();
  writer.mode("overwrite").format(spec.format);
  if (spec.format == "csv") writer.option("header", true);
  if (!spec.partition_by.empty()) writer.partitionBy(spec.partition_by);
  writer.save((staging_ / spec.table).string());
  double seconds = secondsSince(start);
  stages_.push_back({name, rows_in, rows_out, seconds, spec.table});
  staged_.push_back(spec);
  progress_.end(name, rows_out, seconds);
  return rows_out;
}

void JobRunner::commit() {
  // Everything is computed and written; only renames remain.
  for (const auto& spec : staged_) {
    fs::path staged = staging_ / spec.table;
    fs::path target = output_ / spec.table;
    std::error_code ec;
    if (spec.mode == "append" && fs::exists(target, ec)) {
      appendFiles(staged, target);
      continue;
    }
    fs::path old = staging_ / (".old-" + spec.table);
    bool had_old = fs::exists(target, ec);
    if (had_old) renameOrThrow(target, old);
    renameOrThrow(staged, target);
  }
  {
    fs::path tmp = staging_ / "_job_summary.json";
    std::FILE* f = std::fopen(tmp.c_str(), "wb");
    if (f == nullptr) throw IOException("CANNOT_COMMIT_OUTPUT", "Cannot write '" + tmp.string() + "'.");
    std::string text = summaryJson() + "\n";
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
    renameOrThrow(tmp, output_ / "_job_summary.json");
  }
  committed_ = true;
  std::error_code ec;
  fs::remove_all(staging_, ec);
  printSummary();
}

std::string JobRunner::summaryJson() const {
  nlohmann::ordered_json j;
  j["job"] = job_;
  j["status"] = "succeeded";
  j["output"] = output_.string();
  j["total_seconds"] = secondsSince(started_);
  if (input_rows_ >= 0) j["input_rows"] = input_rows_;
  if (quarantined_rows_ >= 0) j["quarantined_rows"] = quarantined_rows_;
  if (duplicate_rows_ >= 0) j["duplicate_rows"] = duplicate_rows_;
  j["stages"] = nlohmann::ordered_json::array();
  for (const auto& s : stages_) {
    nlohmann::ordered_json st;
    st["name"] = s.name;
    st["rows_in"] = s.rows_in >= 0 ? nlohmann::ordered_json(s.rows_in) : nlohmann::ordered_json(nullptr);
    st["rows_out"] = s.rows_out >= 0 ? nlohmann::ordered_json(s.rows_out) : nlohmann::ordered_json(nullptr);
    st["seconds"] = s.seconds;
    int64_t rows = s.rows_in >= 0 ? s.rows_in : s.rows_out;  // rows out where the input is not known
    st["rows_per_second"] =
        (rows >= 0 && s.seconds > 0) ? nlohmann::ordered_json(rows / s.seconds) : nlohmann::ordered_json(nullptr);
    st["output"] = s.output.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s.output);
    j["stages"].push_back(st);
  }
  if (!performance_.empty()) {
    j["performance_test"] = nlohmann::ordered_json::array();
    for (const auto& p : performance_) {
      j["performance_test"].push_back(
          {{"stage", p.stage}, {"optimized_seconds", p.optimized_seconds}, {"baseline_seconds", p.baseline_seconds}});
    }
  }
  return j.dump(2);
}

void JobRunner::printSummary() {
  char line[256];
  log_ << "\nloch run " << job_ << ": summary (" << output_.string() << ")\n";
  std::snprintf(line, sizeof line, "  %-28s %12s %12s %10s %14s\n", "stage", "rows in", "rows out", "seconds",
                "rows/s");
  log_ << line;
  for (const auto& s : stages_) {
    int64_t rows = s.rows_in >= 0 ? s.rows_in : s.rows_out;  // a source stage's speed is its output's
    std::string in = s.rows_in >= 0 ? std::to_string(s.rows_in) : "-";
    std::string out = s.rows_out >= 0 ? std::to_string(s.rows_out) : "-";
    std::snprintf(line, sizeof line, "  %-28s %12s %12s %10.3f %14.0f\n", s.name.c_str(), in.c_str(), out.c_str(),
                  s.seconds, rows >= 0 && s.seconds > 0 ? rows / s.seconds : 0.0);
    log_ << line;
  }
  if (quarantined_rows_ >= 0) log_ << "  quarantined rows: " << quarantined_rows_ << "\n";
  if (duplicate_rows_ >= 0) log_ << "  duplicate rows dropped: " << duplicate_rows_ << "\n";
  if (!performance_.empty()) {
    log_ << "  performance test (optimized = broadcast join + cached cleaned table; baseline = neither):\n";
    double opt = 0, base = 0;
    for (const auto& p : performance_) {
      std::snprintf(line, sizeof line, "    %-26s optimized %8.3f s   baseline %8.3f s\n", p.stage.c_str(),
                    p.optimized_seconds, p.baseline_seconds);
      log_ << line;
      opt += p.optimized_seconds;
      base += p.baseline_seconds;
    }
    std::snprintf(line, sizeof line, "    %-26s optimized %8.3f s   baseline %8.3f s\n", "total", opt, base);
    log_ << line;
  }
  std::snprintf(line, sizeof line, "  total %.3f s\n", secondsSince(started_));
  log_ << line << std::flush;
}

}  // namespace loch::jobs
