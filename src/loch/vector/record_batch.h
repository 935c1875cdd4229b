#pragma once
// RecordBatch: a horizontal slice of a table, one vector per column, all of
// numRows() rows (Arrow's RecordBatch, DuckDB's DataChunk). Operators pass
// batches of about loch.batch.size rows (4096 by default).

#include <cstdint>
#include <memory>
#include <vector>

#include "loch/types/schema.h"
#include "loch/vector/vector.h"

namespace loch {

class RecordBatch;
using RecordBatchPtr = std::shared_ptr<RecordBatch>;

class RecordBatch {
 public:
  /// @param schema struct type with one field per column.
  /// @throws InternalException if column count or sizes disagree.
  RecordBatch(SchemaPtr schema, std::vector<VectorPtr> columns, int64_t num_rows);

  static RecordBatchPtr make(SchemaPtr schema, std::vector<VectorPtr> columns, int64_t num_rows) {
    return std::make_shared<RecordBatch>(std::move(schema), std::move(columns), num_rows);
  }
  /// A batch with zero rows of `schema`.
  static RecordBatchPtr empty(const SchemaPtr& schema);
  /// A batch from rows of Values (tests, createDataFrame); rows[i][j] is
  /// column j of row i.
  static RecordBatchPtr fromRows(const SchemaPtr& schema, const std::vector<std::vector<Value>>& rows);

  const SchemaPtr& schema() const { return schema_; }
  int64_t numRows() const { return num_rows_; }
  int numColumns() const { return static_cast<int>(columns_.size()); }
  const VectorPtr& column(int i) const { return columns_[static_cast<size_t>(i)]; }
  const std::vector<VectorPtr>& columns() const { return columns_; }

  /// Row i as Values.
  std::vector<Value> row(int64_t i) const;
  /// Approximate bytes held.
  int64_t memoryBytes() const;

 private:
  SchemaPtr schema_;
  std::vector<VectorPtr> columns_;
  int64_t num_rows_;
};

}  // namespace loch
