#pragma once
// Helpers over schemas. A schema is a struct DataType (Spark's StructType):
// one StructField per column.

#include <optional>
#include <string>
#include <vector>

#include "loch/types/data_type.h"

namespace loch {

using SchemaPtr = DataTypePtr;

/// Index of the field called `name` in struct type `schema`, or nullopt.
/// Case-insensitive unless `case_sensitive` (Spark's spark.sql.caseSensitive).
std::optional<int> findField(const DataType& schema, const std::string& name,
                             bool case_sensitive = false);

/// Field names of `schema`.
std::vector<std::string> fieldNames(const DataType& schema);

/// The text `df.printSchema()` prints, exactly as Spark does:
/// "root\n |-- user_id: long (nullable = true)\n ...", nested types indented
/// with " |    |-- element: ..." / "key:" / "value:" lines.
std::string treeString(const DataType& schema);

/// Names within `candidates` close to `name` (edit distance), best first,
/// at most `max` of them; Spark's "Did you mean ...?" suggestions.
std::vector<std::string> suggestNames(const std::string& name,
                                      const std::vector<std::string>& candidates, size_t max = 5);

}  // namespace loch
