#pragma once
// YAML jobs: a list of steps, each a SQL file, an inline query or a
// built-in analysis, optionally written as an output table.
//
//   name: nightly                 # optional; default: the file's stem
//   inputs:                       # optional: temp views over files (${input} etc. substituted)
//     events: ${input}/events
//   steps:
//     - name: clean               # the step's result becomes temp view `clean`
//       analysis: clean_events    # built-in: cleans view `events` into view `ev` (+ its quarantine)
//     - name: sessions
//       analysis: sessions        # any events analysis over `ev` (see eventsAnalysisSql)
//       output: sessions          # table under --output; omit to only register the view
//       format: parquet           # parquet (default) | csv | json
//       partition_by: [user_id]
//       mode: overwrite           # overwrite (default) | append | errorifexists | ignore
//     - name: daily
//       sql: daily.sql            # relative to the YAML file; earlier statements run,
//                                 # the last one's result is the step's result
//     - name: top
//       query: SELECT * FROM daily ORDER BY events DESC LIMIT 10
//
// Outputs are committed together when every step has succeeded.

#include <iosfwd>
#include <memory>
#include <string>

#include "loch/jobs/job_options.h"

namespace loch {
class SparkSession;
}

namespace loch::jobs {

/// Runs the YAML job at `path`.
/// @throws InvalidArgumentException INVALID_JOB_FILE (YAML syntax errors with
///         line and column, unknown keys, a step without exactly one of
///         sql/query/analysis), UNBOUND_PARAMETER, MISSING_OUTPUT; IOException
///         PATH_NOT_FOUND; engine errors. Outputs are untouched on any error.
void runYamlJob(const std::shared_ptr<SparkSession>& spark, const std::string& path, const JobOptions& options,
                std::ostream& log);

}  // namespace loch::jobs
