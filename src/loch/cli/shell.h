#pragma once
// The interactive SQL shell of `loch sql` (no -c/-f, stdin a terminal):
// statements may span lines and run when a line ends them with ';';
// dot-commands (.tables, .schema t, .timer on|off, .mode table|csv|json,
// .help, .quit) are recognised at the start of a statement. Errors are
// printed and the shell goes on. Line editing and history
// (~/.loch_history) come from libedit; the logic lives in Shell, fed line
// by line, so it is testable without a terminal.

#include <iosfwd>
#include <memory>
#include <string>

#include "loch/cli/result_printer.h"

namespace loch {
class SparkSession;
}

namespace loch::cli {

class Shell {
 public:
  Shell(std::shared_ptr<SparkSession> spark, std::ostream& out, std::ostream& err);

  /// Handles one input line (without its newline). Returns false after
  /// .quit / .exit.
  bool feedLine(const std::string& line);
  /// Runs what is left in the buffer (end of input without a final ';').
  void finish();
  /// True while a statement is incomplete (the prompt shows continuation).
  bool continuing() const { return !buffer_.empty(); }
  /// The prompt for the next line: "loch> " or "   ...> ".
  const char* prompt() const { return continuing() ? "   ...> " : "loch> "; }
  /// Statements that failed so far.
  int errors() const { return errors_; }
  OutputMode mode() const { return mode_; }
  bool timer() const { return timer_; }

 private:
  bool runDotCommand(const std::string& line);
  void runStatements(const std::string& text);

  std::shared_ptr<SparkSession> spark_;
  std::ostream& out_;
  std::ostream& err_;
  std::string buffer_;
  OutputMode mode_ = OutputMode::kTable;
  bool timer_ = false;
  int errors_ = 0;
};

/// Feeds every line of `in` to `shell` (then finish()). Returns 0, or 1
/// when a statement failed.
int runShellStream(Shell& shell, std::istream& in);

/// The interactive loop on the terminal with libedit (history in
/// ~/.loch_history). Returns the exit status.
int runInteractiveShell(const std::shared_ptr<SparkSession>& spark, OutputMode mode, std::ostream& out,
                        std::ostream& err);

}  // namespace loch::cli
