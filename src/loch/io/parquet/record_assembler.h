#pragma once
// Record assembly: turns decoded leaf columns (values + Dremel definition
// and repetition levels) into Spark vectors, nesting included. Algorithm:
// the "striping and assembly" model of the Parquet format README ("Nested
// Encoding") / Dremel, applied top-down one Spark node at a time using the
// level thresholds computed by convertSchema.

#include <vector>

#include "loch/io/parquet/column_reader.h"
#include "loch/io/parquet/spark_schema.h"
#include "loch/vector/vector.h"

namespace loch::parquet {

/// Builds the flat vector of one top-level field. `leaves[i]` is the decoded
/// leaf column i (only the node's own leaves are read; others may be null).
/// Throws IOException(PARQUET_CORRUPT_FILE) when the leaves' levels are
/// inconsistent with each other or the schema, UnsupportedException when a
/// value does not fit the Spark type (a decimal wider than 38 digits, more
/// than 2^31-1 string bytes or list elements in one vector).
VectorPtr assembleField(const SparkNode& field, const std::vector<const ColumnChunkData*>& leaves);

/// Microseconds since the Unix epoch of an INT96 timestamp (8 bytes of
/// nanoseconds within the day, then 4 bytes of Julian day; little-endian).
int64_t int96ToMicros(const uint8_t* value);

/// Single-precision value of an IEEE 754 half-precision bit pattern.
float halfToFloat(uint16_t half);

}  // namespace loch::parquet
