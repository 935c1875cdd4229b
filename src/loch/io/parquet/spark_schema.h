#pragma once
// Maps a Parquet schema to Spark types, following Spark's
// ParquetToSparkSchemaConverter and the backward-compatibility rules of
// parquet-format LogicalTypes.md ("Lists", "Maps"): 3-level and legacy
// 2-level lists, MAP / MAP_KEY_VALUE groups, bare repeated fields as
// non-null arrays. The result also records, per Spark node, the
// definition/repetition levels the record assembler needs.

#include <cstdint>
#include <string>
#include <vector>

#include "loch/io/parquet/schema.h"
#include "loch/types/data_type.h"

namespace loch::parquet {

/// How a leaf's physical values become the Spark type's values.
enum class ValueConversion {
  kBoolean,          ///< BOOLEAN -> boolean
  kInt32ToByte,      ///< INT(8, signed) -> tinyint
  kInt32ToShort,     ///< INT(16, signed), UINT_8 -> smallint
  kInt32,            ///< INT32, INT(32), UINT_16 -> int
  kUint32ToLong,     ///< UINT_32 -> bigint
  kInt64,            ///< INT64 -> bigint
  kUint64ToDecimal,  ///< UINT_64 -> decimal(20,0), as Spark does
  kFloat,
  kDouble,
  kFloat16ToFloat,   ///< FLOAT16 (FIXED[2]) -> float
  kDecimalFromInt32,
  kDecimalFromInt64,
  kDecimalFromBytes,  ///< big-endian two's complement BYTE_ARRAY / FLBA
  kDate,              ///< INT32 days
  kTimeMillisToLong,  ///< TIME(MILLIS) -> bigint microseconds since midnight
  kTimeMicrosToLong,
  kTimeNanosToLong,
  kTimestampMillis,   ///< -> int64 microseconds
  kTimestampMicros,
  kTimestampNanos,    ///< floor-divided to microseconds
  kInt96Timestamp,    ///< Impala/Spark INT96 -> microseconds UTC
  kBytes,             ///< BYTE_ARRAY / FLBA -> string or binary
  kUuidToString,      ///< UUID (FIXED[16]) -> "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
};

/// One node of the Spark-side tree with the levels used to assemble it.
/// An entry (def d, rep r) of a leaf below this node starts a new slot of
/// this node iff r <= rep_level and d >= slot_def_level; the slot is
/// non-null iff d >= def_level.
struct SparkNode {
  enum class Kind { kPrimitive, kStruct, kList, kMap };
  Kind kind = Kind::kPrimitive;
  std::string name;
  DataTypePtr type;
  bool nullable = true;
  int16_t def_level = 0;
  int16_t rep_level = 0;
  int16_t slot_def_level = 0;
  /// Lists and maps: an entry is an element iff d >= element_def_level and
  /// r <= element_rep_level (the repeated node's levels).
  int16_t element_def_level = 0;
  int16_t element_rep_level = 0;
  /// Primitive: leaf column index and value conversion.
  int leaf = -1;
  ValueConversion conversion = ValueConversion::kBytes;
  /// Struct: fields. List: [element]. Map: [key, value] (value may be a
  /// NullType node when the file's map has no value column).
  std::vector<SparkNode> children;
  /// Every leaf column below this node, in order; leaves.front() drives
  /// slot and validity decisions for groups.
  std::vector<int> leaves;
};

/// The Spark schema of a file: top-level fields and their types.
struct SparkSchema {
  DataTypePtr type;  ///< StructType with one field per top-level column
  std::vector<SparkNode> fields;
};

/// Converts the Parquet schema. Throws UnsupportedException naming the
/// column for types Spark cannot represent (e.g. DECIMAL precision > 38,
/// INTERVAL) and IOException(PARQUET_CORRUPT_FILE) for malformed LIST/MAP
/// groups.
SparkSchema convertSchema(const Schema& schema);

}  // namespace loch::parquet
