#include "loch/cli/shell.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <istream>
#include <ostream>

#ifdef LOCH_HAVE_LIBEDIT
#include <editline/readline.h>
#endif

#include "loch/api/spark_session.h"
#include "loch/common/exception.h"
#include "loch/jobs/script_splitter.h"

namespace loch::cli {

namespace {

const char* kHelp =
    "Statements end with ';' and may span lines. Commands:\n"
    "  .tables                 list temporary views\n"
    "  .schema <view>          columns and types of a view\n"
    "  .timer on|off           print each statement's run time\n"
    "  .mode table|csv|json    result format\n"
    "  .help                   this text\n"
    "  .quit                   leave (also .exit, Ctrl-D)\n";

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::string oneLine(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return text;
}

}  // namespace

Shell::Shell(std::shared_ptr<SparkSession> spark, std::ostream& out, std::ostream& err)
    : spark_(std::move(spark)), out_(out), err_(err) {}

bool Shell::feedLine(const std::string& line) {
  if (buffer_.empty()) {
    std::string t = trim(line);
    if (t.empty()) return true;
    if (t[0] == '.') return runDotCommand(t);
  }
  buffer_ += line;
  buffer_ += '\n';
  if (jobs::isCompleteStatement(buffer_)) {
    std::string text = std::move(buffer_);
    buffer_.clear();
    runStatements(text);
  }
  return true;
}

void Shell::finish() {
  if (trim(buffer_).empty()) {
    buffer_.clear();
    return;
  }
  std::string text = std::move(buffer_);
  buffer_.clear();
  runStatements(text);
}

bool Shell::runDotCommand(const std::string& line) {
  std::string cmd = line;
  std::string arg;
  auto space = line.find_first_of(" \t");
  if (space != std::string::npos) {
    cmd = line.substr(0, space);
    arg = trim(line.substr(space));
  }
  if (cmd == ".quit" || cmd == ".exit") return false;
  if (cmd == ".help") {
    out_ << kHelp;
  } else if (cmd == ".tables") {
    for (const auto& name : spark_->tempViewNames()) out_ << name << "\n";
  } else if (cmd == ".schema") {
    if (arg.empty()) {
      err_ << "Error: .schema needs a view name\n";
      ++errors_;
    } else {
      try {
        auto df = spark_->table(arg);
        out_ << arg << " (";
        bool first = true;
        for (const auto& [name, type] : df.dtypes()) {
          out_ << (first ? "" : ", ") << name << " " << type;
          first = false;
        }
        out_ << ")\n";
      } catch (const LochException& e) {
        err_ << "Error: " << oneLine(e.what()) << "\n";
        ++errors_;
      }
    }
  } else if (cmd == ".timer") {
    if (arg == "on" || arg == "off") {
      timer_ = arg == "on";
    } else {
      err_ << "Error: .timer on|off\n";
      ++errors_;
    }
  } else if (cmd == ".mode") {
    if (arg == "table" || arg == "csv" || arg == "json") {
      mode_ = parseOutputMode(arg);
    } else {
      err_ << "Error: .mode table|csv|json\n";
      ++errors_;
    }
  } else {
    err_ << "Error: unknown command " << cmd << "; .help lists the commands\n";
    ++errors_;
  }
  out_.flush();
  return true;
}

void Shell::runStatements(const std::string& text) {
  try {
    for (const auto& statement : jobs::splitStatements(text)) {
      auto start = std::chrono::steady_clock::now();
      printResult(spark_->sql(statement), mode_, out_);
      if (timer_) {
        char line[64];
        std::snprintf(line, sizeof line, "Run Time: %.3f s\n",
                      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        out_ << line;
      }
    }
  } catch (const LochException& e) {
    err_ << "Error: " << oneLine(e.what()) << "\n";
    ++errors_;
  } catch (const std::exception& e) {
    err_ << "Error: [INTERNAL_ERROR] " << oneLine(e.what()) << "\n";
    ++errors_;
  }
  out_.flush();
  err_.flush();
}

int runShellStream(Shell& shell, std::istream& in) {
  std::string line;
  while (std::getline(in, line)) {
    if (!shell.feedLine(line)) return shell.errors() > 0 ? 1 : 0;
  }
  shell.finish();
  return shell.errors() > 0 ? 1 : 0;
}

int runInteractiveShell(const std::shared_ptr<SparkSession>& spark, OutputMode mode, std::ostream& out,
                        std::ostream& err) {
  Shell shell(spark, out, err);
  if (mode == OutputMode::kCsv) shell.feedLine(".mode csv");
  if (mode == OutputMode::kJson) shell.feedLine(".mode json");
  out << "Loch SQL shell. Statements end with ';'. .help for commands, .quit to leave.\n";
#ifdef LOCH_HAVE_LIBEDIT
  std::string history;
  if (const char* home = std::getenv("HOME")) history = std::string(home) + "/.loch_history";
  using_history();
  if (!history.empty()) read_history(history.c_str());
  while (true) {
    char* raw = readline(shell.prompt());
    if (raw == nullptr) break;  // Ctrl-D
    std::string line(raw);
    std::free(raw);
    if (!trim(line).empty()) {
      add_history(line.c_str());
      if (!history.empty()) write_history(history.c_str());
    }
    if (!shell.feedLine(line)) break;
  }
  out << "\n";
#else
  std::string line;
  while (out << shell.prompt() << std::flush, std::getline(std::cin, line)) {
    if (!shell.feedLine(line)) break;
  }
#endif
  shell.finish();
  return 0;
}

}  // namespace loch::cli
