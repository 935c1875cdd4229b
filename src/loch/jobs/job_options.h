#pragma once
// What `loch run` passes to a job.

#include <map>
#include <string>

namespace loch::jobs {

struct JobOptions {
  std::string input;                        ///< input file or folder ("" → the job's default)
  std::string output;                       ///< output folder ("" → the job's default)
  bool performance_test = false;            ///< also time the stages without the optimisations
  std::map<std::string, std::string> conf;  ///< --conf k=v: session settings and ${k} job parameters
  bool terminal = false;                    ///< progress bars (stderr is a terminal) or plain log lines
};

}  // namespace loch::jobs
