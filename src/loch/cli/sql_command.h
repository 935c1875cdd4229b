#pragma once
// `loch sql`: runs SQL from -c or a script file and prints each query's result.

#include <iosfwd>
#include <string>
#include <vector>

#include "loch/cli/result_printer.h"

namespace loch::cli {

struct SqlOptions {
  std::string command;            ///< -c: one statement (or several, ';'-separated)
  bool has_command = false;       ///< -c was given (possibly empty)
  std::string file;               ///< -f: a script of ';'-separated statements; "-" reads stdin
  bool stdin_is_terminal = true;  ///< without -c/-f, a piped stdin is read as a script
  OutputMode mode = OutputMode::kTable;
  std::vector<std::string> conf;  ///< --conf k=v session settings
};

/// Runs the statements in order, printing each result to `out`; stops at
/// the first error. Returns the process exit status: 0 on success; 1 after
/// printing "loch: [ERROR_CLASS] message" to `err` for an engine error, an
/// unreadable file or a malformed --conf. With neither -c nor -f and stdin
/// a terminal, the interactive shell (shell.h) runs instead.
int runSqlCommand(const SqlOptions& options, std::ostream& out, std::ostream& err);

}  // namespace loch::cli
