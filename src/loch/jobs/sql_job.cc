#include "loch/jobs/sql_job.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "loch/api/spark_session.h"
#include "loch/common/exception.h"
#include "loch/jobs/job_parameters.h"
#include "loch/jobs/script_splitter.h"

namespace loch::jobs {

namespace {

std::vector<std::string> splitOn(const std::string& text, char sep) {
  std::vector<std::string> parts;
  std::string cur;
  for (char c : text) {
    if (c == sep) {
      if (!cur.empty()) parts.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) parts.push_back(cur);
  return parts;
}

void validateSpec(const OutputSpec& spec, const std::string& where) {
  auto bad = [&](const std::string& what) {
    throw InvalidArgumentException("INVALID_JOB_DIRECTIVE", what + " in " + where + ".");
  };
  if (spec.table.empty() || spec.table.find('/') != std::string::npos || spec.table[0] == '.') {
    bad("Output table name '" + spec.table + "' must be a plain folder name");
  }
  if (spec.format != "parquet" && spec.format != "csv" && spec.format != "json")
    bad("Unknown format '" + spec.format + "'");
  if (spec.mode != "overwrite" && spec.mode != "append" && spec.mode != "errorifexists" && spec.mode != "ignore") {
    bad("Unknown mode '" + spec.mode + "'");
  }
}

}  // namespace

std::string readTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in || std::filesystem::is_directory(path))
    throw IOException("PATH_NOT_FOUND", "Path does not exist: " + path + ".");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::optional<OutputSpec> parseOutputDirective(const std::string& preamble) {
  std::istringstream lines(preamble);
  std::string line;
  std::optional<OutputSpec> found;
  while (std::getline(lines, line)) {
    auto pos = line.find("--");
    if (pos == std::string::npos) continue;
    std::string rest = line.substr(pos + 2);
    auto words = splitOn(rest, ' ');
    if (words.empty() || words[0] != "output:") continue;
    if (words.size() < 2) throw InvalidArgumentException("INVALID_JOB_DIRECTIVE", "'-- output:' needs a table name.");
    OutputSpec spec;
    spec.table = words[1];
    for (size_t i = 2; i < words.size(); ++i) {
      auto eq = words[i].find('=');
      std::string key = words[i].substr(0, eq);
      std::string value = eq == std::string::npos ? "" : words[i].substr(eq + 1);
      if (key == "format")
        spec.format = value;
      else if (key == "mode")
        spec.mode = value;
      else if (key == "partition_by")
        spec.partition_by = splitOn(value, ',');
      else
        throw InvalidArgumentException("INVALID_JOB_DIRECTIVE",
                                       "Unknown key '" + key + "' in '-- output: " + spec.table + "'.");
    }
    validateSpec(spec, "'-- output: " + spec.table + "'");
    found = spec;
  }
  return found;
}

void runSqlJob(const std::shared_ptr<SparkSession>& spark, const std::string& path, const JobOptions& options,
               std::ostream& log) {
  std::map<std::string, std::string> params = options.conf;
  if (!options.input.empty()) params["input"] = options.input;
  params["output"] = options.output;
  std::string script = substituteParameters(readTextFile(path), params, path);
  auto statements = splitScript(script);  // parse errors surface before any work
  std::vector<std::pair<ScriptStatement, std::optional<OutputSpec>>> plan;
  bool writes = false;
  for (auto& s : statements) {
    auto spec = parseOutputDirective(s.preamble);
    writes = writes || spec.has_value();
    plan.emplace_back(std::move(s), spec);
  }
  if (writes && options.output.empty()) {
    throw InvalidArgumentException("MISSING_OUTPUT", "The job " + path + " writes tables; give --output <folder>.");
  }
  std::string name = std::filesystem::path(path).stem().string();
  JobRunner runner(name, spark, options.output.empty() ? "out/" + name : options.output, log, options.terminal);
  int outputs = 0;
  for (const auto& p : plan) outputs += p.second ? 1 : 0;
  runner.setStageCount(outputs);
  for (size_t i = 0; i < plan.size(); ++i) {
    const auto& [statement, spec] = plan[i];
    if (spec) {
      runner.writeStage(
          spec->table, -1, [&] { return spark->sql(statement.sql); }, *spec);
    } else {
      spark->sql(statement.sql).collectBatches();
    }
  }
  runner.commit();
}

}  // namespace loch::jobs
