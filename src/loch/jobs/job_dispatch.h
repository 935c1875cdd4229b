#pragma once
// Which job `loch run <job>` means: a built-in name or a job file.

#include <iosfwd>
#include <memory>
#include <string>

#include "loch/jobs/job_options.h"

namespace loch {
class SparkSession;
}

namespace loch::jobs {

/// Runs `job`: "events" or "ecommerce" (built-in), a path ending in .sql
/// (SQL job) or .yaml/.yml (YAML job). Progress and the summary go to `log`
/// (also a note when --performance-test is given to a job other than events).
/// @throws InvalidArgumentException UNKNOWN_JOB for anything else, and the
///         job's own errors.
void runJob(const std::shared_ptr<SparkSession>& spark, const std::string& job, const JobOptions& options,
            std::ostream& log);

}  // namespace loch::jobs
