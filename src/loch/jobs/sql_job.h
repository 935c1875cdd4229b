#pragma once
// SQL jobs: a `.sql` script run statement by statement with ${input},
// ${output} and --conf parameters substituted. A query statement preceded
// by a directive comment writes its result as an output table:
//
//   -- output: daily_delays [format=parquet|csv|json] [partition_by=a,b] [mode=overwrite|append|errorifexists|ignore]
//   SELECT ...;
//
// Other statements (CREATE TEMP VIEW, SET, ...) just run; results of
// queries without a directive are discarded. All outputs are committed
// together under --output when every statement has succeeded.

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>

#include "loch/jobs/job_options.h"
#include "loch/jobs/job_runner.h"

namespace loch {
class SparkSession;
}

namespace loch::jobs {

/// The `-- output:` directive in a statement's preamble, if any.
/// @throws InvalidArgumentException INVALID_JOB_DIRECTIVE for an unknown key,
///         format or mode, or a missing table name.
std::optional<OutputSpec> parseOutputDirective(const std::string& preamble);

/// Runs the script at `path`.
/// @throws IOException PATH_NOT_FOUND; ParseException naming the script's
///         line; InvalidArgumentException UNBOUND_PARAMETER / MISSING_OUTPUT;
///         engine errors. Outputs are untouched on any error.
void runSqlJob(const std::shared_ptr<SparkSession>& spark, const std::string& path, const JobOptions& options,
               std::ostream& log);

/// Reads a whole text file. @throws IOException PATH_NOT_FOUND.
std::string readTextFile(const std::string& path);

}  // namespace loch::jobs
