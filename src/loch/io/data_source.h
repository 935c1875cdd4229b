#pragma once
// DataSource: a table in files (Parquet, CSV, JSON; a file, a folder, a glob,
// Hive-partitioned folders). The planner asks it for scan tasks — the morsels
// of a scan, e.g. one Parquet row group or one CSV split — with the columns
// it needs and the simple predicates it may use to skip work (row-group
// statistics, partition values). Predicates are only a hint: the plan keeps
// its Filter above the scan, so a source may ignore them.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "loch/types/schema.h"
#include "loch/types/value.h"
#include "loch/vector/record_batch.h"

namespace loch {

/// column <op> literal(s), over a field of DataSource::schema().
struct ColumnPredicate {
  enum class Op : uint8_t { Eq, NotEq, Lt, Le, Gt, Ge, IsNull, IsNotNull, In };
  int column = 0;
  Op op = Op::Eq;
  std::vector<Value> values;  // one for comparisons, several for In, none for null tests
};

struct ScanOptions {
  /// Indices of the fields of schema() to produce, in this order.
  std::vector<int> columns;
  /// Conjuncts the scan may use to skip data.
  std::vector<ColumnPredicate> predicates;
  /// Rows per emitted batch.
  int64_t batch_size = 4096;
};

/// One independent piece of a scan (a morsel). Thread-safe: different tasks
/// are read on different workers at the same time.
class ScanTask {
 public:
  virtual ~ScanTask() = default;
  /// Emits the task's rows as batches with the columns of `options.columns`.
  /// @throws IOException naming the file (and row group/column or line) on
  ///         unreadable or malformed data.
  virtual void read(const ScanOptions& options, const std::function<void(const RecordBatchPtr&)>& emit) const = 0;
};

class DataSource {
 public:
  virtual ~DataSource() = default;
  /// All columns: file columns, then partition columns.
  virtual SchemaPtr schema() const = 0;
  /// "Parquet [/data/events]" for EXPLAIN.
  virtual std::string description() const = 0;
  /// Estimated bytes of the whole table in memory; -1 when unknown.
  virtual int64_t estimatedBytes() const { return -1; }
  /// The scan's tasks after pruning with `options.predicates`, in a stable
  /// order (file order, then row-group order).
  virtual std::vector<std::shared_ptr<const ScanTask>> planTasks(const ScanOptions& options) const = 0;
};

using DataSourcePtr = std::shared_ptr<const DataSource>;

}  // namespace loch
