// `loch`: the command-line tool (issue 6).
//   loch sql -c "SELECT ..." [--mode table|csv|json] [--conf k=v ...]
//   loch sql -f job.sql
//   loch gen events --rows N --users U --days D --seed S --output PATH [--format parquet|csv|json]
//   loch run <events|ecommerce|job.sql|job.yaml> [--input PATH] [--output PATH] [--performance-test] [--conf k=v ...]

#include <malloc.h>
#include <unistd.h>

#include <iostream>

#include <CLI/CLI.hpp>

#include "loch/cli/gen_command.h"
#include "loch/cli/run_command.h"
#include "loch/cli/sql_command.h"

namespace {

using loch::cli::GenEventsOptions;
using loch::cli::SqlOptions;

CLI::Option* addSqlCommand(CLI::App& app, SqlOptions& sql, std::string& mode) {
  auto* cmd = app.add_subcommand("sql", "Run Spark SQL statements and print their results");
  cmd->footer("Without -c or -f, statements are read from stdin when it is not a terminal.");
  auto* c = cmd->add_option("-c,--command", sql.command, "SQL to run (statements separated by ';')");
  cmd->add_option("-f,--file", sql.file, "SQL script file (statements separated by ';'); - reads stdin")
      ->check(CLI::ExistingFile | CLI::IsMember({"-"}))
      ->excludes(c);
  cmd->add_option("--mode", mode, "Output format of query results")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->default_val("table");
  cmd->add_option("--conf", sql.conf, "Session setting key=value (repeatable), e.g. spark.sql.ansi.enabled=false");
  return c;
}

void addGenCommand(CLI::App& app, GenEventsOptions& gen) {
  auto* cmd = app.add_subcommand("gen", "Generate deterministic sample data sets");
  cmd->require_subcommand(1);
  auto* events = cmd->add_subcommand(
      "events", "Clickstream tables events, users and products under --output (same seed, same data)");
  events->add_option("--rows", gen.rows, "Number of events")->capture_default_str()->check(CLI::NonNegativeNumber);
  events->add_option("--users", gen.users, "Number of users")->capture_default_str()->check(CLI::PositiveNumber);
  events->add_option("--days", gen.days, "Days covered, from 2024-01-01")
      ->capture_default_str()
      ->check(CLI::Range(int64_t{1}, int64_t{36500}));
  events->add_option("--seed", gen.seed, "Random seed")->capture_default_str();
  events->add_option("--output,-o", gen.output, "Output folder")->required();
  events->add_option("--format", gen.format, "File format")
      ->capture_default_str()
      ->check(CLI::IsMember({"parquet", "csv", "json"}));
}

void addRunCommand(CLI::App& app, loch::cli::RunOptions& run) {
  auto* cmd = app.add_subcommand("run", "Run a batch job: built-in events or ecommerce, a .sql or a .yaml job file");
  cmd->footer(
      "Outputs are committed together under --output when every stage succeeded, with _job_summary.json.\n"
      "See docs/jobs.md for each job's stages and tables.");
  cmd->add_option("job", run.job, "events | ecommerce | path/to/job.sql | path/to/job.yaml")->required();
  cmd->add_option("--input,-i", run.input, "Input file or folder (${input} in job files)");
  cmd->add_option("--output,-o", run.output, "Output folder (${output} in job files); default out/<job>");
  cmd->add_flag("--performance-test", run.performance_test,
                "Also time each analysis without broadcast joins and caching, and print both times");
  cmd->add_option("--conf", run.conf, "Session setting or job parameter key=value (repeatable)");
}

// Scans allocate a buffer per column chunk (megabytes each, one row group
// after another). glibc would map and unmap each one, so every row group
// pays page faults and kernel zeroing again; keeping such blocks in the heap
// (freed memory is reused by the next row group) avoids that.
void tuneAllocator() {
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
}

}  // namespace

int main(int argc, char** argv) {
  tuneAllocator();
  CLI::App app{"Loch: a native analytics engine with Spark's DataFrame API and SQL dialect"};
  app.name("loch");
  app.require_subcommand(1);
  SqlOptions sql;
  std::string mode = "table";
  GenEventsOptions gen;
  CLI::Option* command = addSqlCommand(app, sql, mode);
  addGenCommand(app, gen);
  loch::cli::RunOptions run;
  addRunCommand(app, run);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help / --version exit 0; usage errors exit 2 as getopt-style tools do
    // (1 is kept for errors of the SQL or the generator).
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  if (app.got_subcommand("sql")) {
    sql.mode = loch::cli::parseOutputMode(mode);
    sql.has_command = command->count() > 0;
    sql.stdin_is_terminal = isatty(STDIN_FILENO) != 0;
    return loch::cli::runSqlCommand(sql, std::cout, std::cerr);
  }
  if (app.got_subcommand("run")) {
    run.terminal = isatty(STDERR_FILENO) != 0;
    return loch::cli::runRunCommand(run, std::cout, std::cerr);
  }
  return loch::cli::runGenEvents(gen, std::cout, std::cerr);
}
