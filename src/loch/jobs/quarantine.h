#pragma once
// Quarantine: splits a table into valid rows and invalid rows, the latter
// with a `reason` column naming the first rule each row breaks, so bad
// input is kept for inspection instead of silently dropped.

#include <string>
#include <utility>
#include <vector>

#include "loch/api/data_frame.h"

namespace loch::jobs {

/// A validity rule: rows where `invalid_when` (a SQL boolean expression over
/// the table's columns) is TRUE are quarantined with `reason`.
struct QuarantineRule {
  std::string reason;
  std::string invalid_when;
};

struct QuarantineSplit {
  DataFrame valid;        ///< rows breaking no rule, same columns as the input
  DataFrame quarantined;  ///< the other rows, input columns + `reason` (string)
};

/// Applies `rules` in order; a row's reason is that of the first rule it
/// breaks. NULL rule results count as "not broken".
/// @throws AnalysisException when a rule does not parse or bind.
QuarantineSplit splitQuarantine(const DataFrame& df, const std::vector<QuarantineRule>& rules);

}  // namespace loch::jobs
