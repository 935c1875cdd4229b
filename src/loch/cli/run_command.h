#pragma once
// `loch run <job>`: runs a built-in job (events, ecommerce) or a job file
// (.sql, .yaml) through loch/jobs.

#include <iosfwd>
#include <string>
#include <vector>

namespace loch::cli {

struct RunOptions {
  std::string job;                ///< "events", "ecommerce", path.sql, path.yaml
  std::string input;              ///< --input
  std::string output;             ///< --output
  bool performance_test = false;  ///< --performance-test
  std::vector<std::string> conf;  ///< --conf k=v: session settings and ${k} parameters
  bool terminal = false;          ///< stderr is a terminal: progress bars
};

/// Runs the job; progress and the summary go to `err`. Returns the exit
/// status: 0, or 1 after printing one line "loch run: [ERROR_CLASS] message"
/// to `err` (outputs of earlier runs are then untouched).
int runRunCommand(const RunOptions& options, std::ostream& out, std::ostream& err);

}  // namespace loch::cli
