#include "loch/cli/run_command.h"

#include <iostream>

#include "loch/api/spark_session.h"
#include "loch/common/exception.h"
#include "loch/jobs/job_dispatch.h"

namespace loch::cli {

namespace {

std::string oneLine(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return text;
}

}  // namespace

int runRunCommand(const RunOptions& options, std::ostream& out, std::ostream& err) {
  try {
    jobs::JobOptions job;
    job.input = options.input;
    job.output = options.output;
    job.performance_test = options.performance_test;
    job.terminal = options.terminal;
    auto builder = SparkSession::builder().appName("loch-run");
    for (const auto& kv : options.conf) {
      auto eq = kv.find('=');
      if (eq == std::string::npos || eq == 0) {
        throw InvalidArgumentException("INVALID_CONF_VALUE", "--conf expects key=value, got '" + kv + "'.");
      }
      job.conf[kv.substr(0, eq)] = kv.substr(eq + 1);
      builder.config(kv.substr(0, eq), kv.substr(eq + 1));
    }
    auto spark = builder.getOrCreate();
    jobs::runJob(spark, options.job, job, err);
    out.flush();
    return 0;
  } catch (const LochException& e) {
    err << "\nloch run: " << oneLine(e.what()) << "\n";
    return 1;
  } catch (const std::exception& e) {
    err << "\nloch run: [INTERNAL_ERROR] " << oneLine(e.what()) << "\n";
    return 1;
  }
}

}  // namespace loch::cli
