#include "loch/jobs/job_dispatch.h"

#include <ostream>

#include "loch/common/exception.h"
#include "loch/jobs/ecommerce_job.h"
#include "loch/jobs/events_job.h"
#include "loch/jobs/sql_job.h"
#include "loch/jobs/yaml_job.h"

namespace loch::jobs {

void runJob(const std::shared_ptr<SparkSession>& spark, const std::string& job, const JobOptions& options,
            std::ostream& log) {
  if (options.performance_test && job != "events") {
    log << "loch run: --performance-test is ignored: it applies to the events job only\n";
  }
  if (job == "events") return runEventsJob(spark, options, log);
  if (job == "ecommerce") return runEcommerceJob(spark, options, log);
  if (job.ends_with(".sql")) return runSqlJob(spark, job, options, log);
  if (job.ends_with(".yaml") || job.ends_with(".yml")) return runYamlJob(spark, job, options, log);
  throw InvalidArgumentException(
      "UNKNOWN_JOB", "Unknown job '" + job + "': expected events, ecommerce, a .sql file or a .yaml job file.");
}

}  // namespace loch::jobs
