#pragma once
// Per-query settings that kernels read while evaluating.

#include <cstdint>
#include <string>

namespace cctz {
class time_zone;
}

namespace loch {

/// What a kernel needs to know beyond its input vectors. Built once per
/// query from the session's RuntimeConfig; read-only during evaluation
/// except `partition_index`, which each worker sets for its morsel.
struct EvalContext {
  /// spark.sql.ansi.enabled: overflow, invalid casts and division by zero
  /// raise errors (true) or give NULL (false, Spark's legacy behaviour).
  bool ansi = true;
  /// spark.sql.session.timeZone, and the loaded zone.
  std::string time_zone_name = "UTC";
  const cctz::time_zone* time_zone = nullptr;
  /// current_timestamp() of the query: µs since epoch UTC, fixed at start.
  int64_t current_timestamp_micros = 0;
  /// Morsel (partition) index being evaluated, for rand(seed) and
  /// monotonically_increasing_id().
  int64_t partition_index = 0;
  /// Row offset of the current batch within its morsel.
  int64_t row_offset = 0;

  /// Context with session defaults ("UTC", ANSI on, time = now).
  static EvalContext defaults();
};

}  // namespace loch
