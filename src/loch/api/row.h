#pragma once
// Row: one result row of collect()/take()/first() (Spark's Row).

#include <memory>
#include <string>
#include <vector>

#include "loch/types/schema.h"
#include "loch/types/value.h"

namespace loch {

class Row {
 public:
  Row() = default;
  Row(std::vector<Value> values, SchemaPtr schema) : values_(std::move(values)), schema_(std::move(schema)) {}

  size_t size() const { return values_.size(); }
  const Value& get(size_t i) const { return values_.at(i); }
  /// The field called `name` (case-insensitive).
  /// @throws InvalidArgumentException when there is no such field.
  const Value& get(const std::string& name) const;
  bool isNullAt(size_t i) const { return get(i).isNull(); }

  // Typed getters (Spark's Row.getInt etc.); the value must not be NULL.
  bool getBoolean(size_t i) const { return get(i).getBool(); }
  int32_t getInt(size_t i) const { return static_cast<int32_t>(get(i).getLong()); }
  int64_t getLong(size_t i) const { return get(i).getLong(); }
  double getDouble(size_t i) const { return get(i).getDouble(); }
  const std::string& getString(size_t i) const { return get(i).getString(); }

  const std::vector<Value>& values() const { return values_; }
  const SchemaPtr& schema() const { return schema_; }

  /// "Row(user_id=1, name='a', value=NULL)" as PySpark prints rows.
  std::string toString() const;
  bool operator==(const Row& o) const { return values_ == o.values_; }

 private:
  std::vector<Value> values_;
  SchemaPtr schema_;
};

}  // namespace loch
