#pragma once
// Window specifications for the DataFrame API (pyspark.sql.Window and
// WindowSpec):
//
//   auto w = Window::partitionBy("user_id").orderBy("timestamp");
//   df.withColumn("prev_ts", F::lag("timestamp", 1).over(w))
//     .withColumn("running", F::sum("value").over(w.rowsBetween(Window::unboundedPreceding, Window::currentRow)));

#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "loch/api/column.h"

namespace loch {

class WindowSpec {
 public:
  WindowSpec partitionBy(const std::vector<Column>& cols) const;
  template <class... T>
  WindowSpec partitionBy(const T&... cols) const {
    return partitionBy(std::vector<Column>{Column(cols)...});
  }
  /// ORDER BY; plain columns sort ascending with NULLS FIRST.
  WindowSpec orderBy(const std::vector<Column>& cols) const;
  template <class... T>
  WindowSpec orderBy(const T&... cols) const {
    return orderBy(std::vector<Column>{Column(cols)...});
  }
  /// ROWS BETWEEN start AND end: offsets in rows relative to the current
  /// row (negative = preceding); Window::unboundedPreceding /
  /// unboundedFollowing / currentRow as in Spark.
  WindowSpec rowsBetween(int64_t start, int64_t end) const;
  /// RANGE BETWEEN start AND end: offsets in units of the single ORDER BY
  /// key's value.
  WindowSpec rangeBetween(int64_t start, int64_t end) const;
  /// RANGE with arbitrary literal bounds (e.g. intervals for timestamps);
  /// nullopt means unbounded.
  WindowSpec rangeBetween(std::optional<Value> start, std::optional<Value> end) const;

  /// The logical window definition (unresolved).
  const WindowDefinition& definition() const { return def_; }

 private:
  WindowSpec withFrame(WindowFrame::Type type, FrameBound start, FrameBound end) const;

  WindowDefinition def_;
};

/// Factory of WindowSpecs (pyspark.sql.Window).
struct Window {
  static constexpr int64_t unboundedPreceding = std::numeric_limits<int64_t>::min();
  static constexpr int64_t unboundedFollowing = std::numeric_limits<int64_t>::max();
  static constexpr int64_t currentRow = 0;

  template <class... T>
  static WindowSpec partitionBy(const T&... cols) {
    return WindowSpec().partitionBy(cols...);
  }
  template <class... T>
  static WindowSpec orderBy(const T&... cols) {
    return WindowSpec().orderBy(cols...);
  }
  static WindowSpec rowsBetween(int64_t start, int64_t end) { return WindowSpec().rowsBetween(start, end); }
  static WindowSpec rangeBetween(int64_t start, int64_t end) { return WindowSpec().rangeBetween(start, end); }
};

}  // namespace loch
