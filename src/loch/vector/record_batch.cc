#include "loch/vector/record_batch.h"

#include "loch/common/exception.h"
#include "loch/vector/vector_builder.h"

namespace loch {

RecordBatch::RecordBatch(SchemaPtr schema, std::vector<VectorPtr> columns, int64_t num_rows)
    : schema_(std::move(schema)), columns_(std::move(columns)), num_rows_(num_rows) {
  if (schema_->fields().size() != columns_.size()) {
    throw InternalException("RecordBatch: schema has " + std::to_string(schema_->fields().size()) +
                            " fields but " + std::to_string(columns_.size()) + " columns were given");
  }
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i]->size() != num_rows_) {
      throw InternalException("RecordBatch: column " + schema_->fields()[i].name + " has " +
                              std::to_string(columns_[i]->size()) + " rows, expected " +
                              std::to_string(num_rows_));
    }
  }
}

RecordBatchPtr RecordBatch::empty(const SchemaPtr& schema) {
  std::vector<VectorPtr> cols;
  for (const auto& f : schema->fields()) cols.push_back(Vector::makeFlat(f.type, 0));
  return make(schema, std::move(cols), 0);
}

RecordBatchPtr RecordBatch::fromRows(const SchemaPtr& schema, const std::vector<std::vector<Value>>& rows) {
  std::vector<VectorPtr> cols;
  const auto& fields = schema->fields();
  for (size_t c = 0; c < fields.size(); ++c) {
    VectorBuilder b(fields[c].type, static_cast<int64_t>(rows.size()));
    for (const auto& r : rows) {
      if (r.size() != fields.size()) {
        throw InvalidArgumentException("LENGTH_SHOULD_BE_THE_SAME",
                                       "A row has " + std::to_string(r.size()) + " values but the schema has " +
                                           std::to_string(fields.size()) + " fields.");
      }
      b.appendValue(r[c]);
    }
    cols.push_back(b.finish());
  }
  return make(schema, std::move(cols), static_cast<int64_t>(rows.size()));
}

std::vector<Value> RecordBatch::row(int64_t i) const {
  std::vector<Value> out;
  out.reserve(columns_.size());
  for (const auto& c : columns_) out.push_back(c->getValue(i));
  return out;
}

int64_t RecordBatch::memoryBytes() const {
  int64_t n = 0;
  for (const auto& c : columns_) n += c->memoryBytes();
  return n;
}

}  // namespace loch
