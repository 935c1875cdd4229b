#include "loch/jobs/yaml_job.h"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <optional>
#include <set>

#include "loch/api/spark_session.h"
#include "loch/common/exception.h"
#include "loch/jobs/events_job.h"
#include "loch/jobs/input_reader.h"
#include "loch/jobs/job_parameters.h"
#include "loch/jobs/job_runner.h"
#include "loch/jobs/script_splitter.h"
#include "loch/jobs/sql_job.h"

namespace loch::jobs {

namespace fs = std::filesystem;

namespace {

struct Step {
  std::string name;
  std::string sql_file;
  std::string query;
  std::string analysis;
  std::optional<OutputSpec> output;
};

[[noreturn]] void invalid(const std::string& path, const std::string& what) {
  throw InvalidArgumentException("INVALID_JOB_FILE", path + ": " + what);
}

std::string scalar(const YAML::Node& node, const std::string& path, const std::string& key) {
  if (!node.IsScalar())
    invalid(path, "'" + key + "' must be a string (line " + std::to_string(node.Mark().line + 1) + ").");
  return node.as<std::string>();
}

Step parseStep(const YAML::Node& node, const std::string& path, size_t index) {
  if (!node.IsMap()) invalid(path, "step " + std::to_string(index + 1) + " must be a mapping.");
  static const std::set<std::string> keys = {"name",   "sql",    "query",        "analysis",
                                             "output", "format", "partition_by", "mode"};
  Step step;
  OutputSpec spec;
  for (const auto& kv : node) {
    std::string key = kv.first.as<std::string>();
    if (!keys.count(key)) invalid(path, "unknown key '" + key + "' in step " + std::to_string(index + 1) + ".");
    const YAML::Node& v = kv.second;
    if (key == "name")
      step.name = scalar(v, path, key);
    else if (key == "sql")
      step.sql_file = scalar(v, path, key);
    else if (key == "query")
      step.query = scalar(v, path, key);
    else if (key == "analysis")
      step.analysis = scalar(v, path, key);
    else if (key == "output")
      spec.table = scalar(v, path, key);
    else if (key == "format")
      spec.format = scalar(v, path, key);
    else if (key == "mode")
      spec.mode = scalar(v, path, key);
    else if (key == "partition_by") {
      if (v.IsScalar())
        spec.partition_by = {v.as<std::string>()};
      else if (v.IsSequence())
        for (const auto& c : v) spec.partition_by.push_back(scalar(c, path, key));
      else
        invalid(path, "'partition_by' must be a list of column names.");
    }
  }
  if (step.name.empty()) step.name = spec.table.empty() ? "step" + std::to_string(index + 1) : spec.table;
  int kinds = !step.sql_file.empty() + !step.query.empty() + !step.analysis.empty();
  if (kinds != 1) invalid(path, "step '" + step.name + "' needs exactly one of sql, query, analysis.");
  if (!spec.table.empty()) {
    // Same checks as the SQL directive.
    std::string directive = "-- output: " + spec.table + " format=" + spec.format + " mode=" + spec.mode;
    step.output = parseOutputDirective(directive);
    step.output->partition_by = spec.partition_by;
  }
  return step;
}

/// Runs a SQL file's statements; the last one's result is returned.
DataFrame runSqlFile(const std::shared_ptr<SparkSession>& spark, const std::string& file,
                     const std::map<std::string, std::string>& params) {
  auto statements = splitStatements(substituteParameters(readTextFile(file), params, file));
  if (statements.empty()) throw InvalidArgumentException("INVALID_JOB_FILE", file + ": the SQL file has no statement.");
  for (size_t i = 0; i + 1 < statements.size(); ++i) spark->sql(statements[i]).collectBatches();
  return spark->sql(statements.back());
}

}  // namespace

void runYamlJob(const std::shared_ptr<SparkSession>& spark, const std::string& path, const JobOptions& options,
                std::ostream& log) {
  std::map<std::string, std::string> params = options.conf;
  if (!options.input.empty()) params["input"] = options.input;
  std::string name = fs::path(path).stem().string();
  std::string output = options.output.empty() ? "out/" + name : options.output;
  params["output"] = output;
  YAML::Node doc;
  try {
    doc = YAML::Load(readTextFile(path));
  } catch (const YAML::Exception& e) {
    invalid(path, "YAML syntax error at line " + std::to_string(e.mark.line + 1) + ", column " +
                      std::to_string(e.mark.column + 1) + ": " + e.msg + ".");
  }
  if (!doc.IsMap()) invalid(path, "a job file is a mapping with 'steps'.");
  for (const auto& kv : doc) {
    std::string key = kv.first.as<std::string>();
    if (key != "name" && key != "inputs" && key != "steps") invalid(path, "unknown key '" + key + "'.");
  }
  if (doc["name"]) name = scalar(doc["name"], path, "name");
  if (!doc["steps"] || !doc["steps"].IsSequence() || doc["steps"].size() == 0)
    invalid(path, "'steps' must be a non-empty list.");
  std::vector<Step> steps;
  for (size_t i = 0; i < doc["steps"].size(); ++i) steps.push_back(parseStep(doc["steps"][i], path, i));
  fs::path base = fs::path(path).parent_path();

  // Inputs are opened before the runner exists, so a bad path leaves the output folder alone.
  std::vector<std::pair<std::string, DataFrame>> inputs;
  if (doc["inputs"]) {
    if (!doc["inputs"].IsMap()) invalid(path, "'inputs' must map view names to paths.");
    for (const auto& kv : doc["inputs"]) {
      std::string view = kv.first.as<std::string>();
      std::string file = substituteParameters(scalar(kv.second, path, view), params, path);
      inputs.emplace_back(view, readTable(spark, file));
    }
  }
  JobRunner runner(name, spark, output, log, options.terminal);
  runner.setStageCount(static_cast<int>(steps.size()));
  for (const auto& [view, df] : inputs) df.createOrReplaceTempView(view);
  for (const auto& step : steps) {
    auto build = [&]() -> DataFrame {
      if (!step.sql_file.empty()) {
        fs::path file = fs::path(step.sql_file).is_absolute() ? fs::path(step.sql_file) : base / step.sql_file;
        return runSqlFile(spark, file.string(), params);
      }
      if (!step.query.empty()) return spark->sql(substituteParameters(step.query, params, path));
      if (step.analysis == "clean_events") {
        auto cleaned = cleanEventsTable(spark->table("events"));
        DataFrame clean = cleaned.clean.cache();
        clean.createOrReplaceTempView("ev");
        cleaned.quarantined.createOrReplaceTempView("quarantine");
        return clean;
      }
      return spark->sql(eventsAnalysisSql(step.analysis));
    };
    if (step.output) {
      runner.writeStage(
          step.name, -1,
          [&] {
            DataFrame df = build();
            df.createOrReplaceTempView(step.name);
            return df;
          },
          *step.output);
    } else {
      runner.runStage(step.name, -1, [&] {
        DataFrame df = build();
        df.createOrReplaceTempView(step.name);
        return df.count();
      });
    }
  }
  runner.commit();
}

}  // namespace loch::jobs
