#include "loch/cli/sql_command.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include "loch/api/spark_session.h"
#include "loch/cli/shell.h"
#include "loch/common/exception.h"
#include "loch/jobs/script_splitter.h"

namespace loch::cli {

namespace {

std::string readFile(const std::string& path) {
  if (path == "-") {
    std::ostringstream text;
    text << std::cin.rdbuf();
    return text.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InvalidArgumentException("PATH_NOT_FOUND", "Cannot read the SQL script '" + path + "'.");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::shared_ptr<SparkSession> makeSession(const std::vector<std::string>& conf) {
  auto builder = SparkSession::builder().appName("loch-sql");
  for (const auto& kv : conf) {
    auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw InvalidArgumentException("INVALID_CONF_VALUE",
                                     "--conf expects key=value, got '" + kv + "'.");
    }
    builder.config(kv.substr(0, eq), kv.substr(eq + 1));
  }
  return builder.getOrCreate();
}

/// The error as one line: "[ERROR_CLASS] message" with line breaks flattened.
std::string oneLine(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return text;
}

}  // namespace

int runSqlCommand(const SqlOptions& options, std::ostream& out, std::ostream& err) {
  bool from_stdin = !options.has_command && options.file.empty() && !options.stdin_is_terminal;
  if (!options.has_command && options.file.empty() && !from_stdin) {
    try {
      return runInteractiveShell(makeSession(options.conf), options.mode, out, err);
    } catch (const LochException& e) {
      err << "loch: " << oneLine(e.what()) << "\n";
      return 1;
    }
  }
  try {
    auto spark = makeSession(options.conf);
    std::string script = options.has_command ? options.command : readFile(from_stdin ? "-" : options.file);
    for (const auto& statement : jobs::splitStatements(script)) {
      printResult(spark->sql(statement), options.mode, out);
      out.flush();
    }
    return 0;
  } catch (const LochException& e) {
    out.flush();
    err << "loch: " << oneLine(e.what()) << "\n";
    return 1;
  } catch (const std::exception& e) {
    out.flush();
    err << "loch: [INTERNAL_ERROR] " << oneLine(e.what()) << "\n";
    return 1;
  }
}

}  // namespace loch::cli
