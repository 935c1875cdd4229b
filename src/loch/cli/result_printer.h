#pragma once
// Prints a query result for `loch sql` in one of the output modes.

#include <ostream>
#include <string>

#include "loch/api/data_frame.h"

namespace loch::cli {

enum class OutputMode { kTable, kCsv, kJson };

/// "table" | "csv" | "json" (case-sensitive, as CLI11 validates them).
/// @throws InvalidArgumentException INVALID_OUTPUT_MODE for anything else.
OutputMode parseOutputMode(const std::string& text);

/// Runs `df` and writes all its rows to `out`:
///  - kTable: Spark's show() table with every row and untruncated cells
///    (DataFrame::showString(all rows, truncate = 0));
///  - kCsv: a header row, then one line per row; fields quoted per RFC 4180
///    when they contain ',', '"', CR or LF; NULL is an empty field; values
///    use Spark's display text (Value::toString in the session time zone);
///  - kJson: JSON Lines, one object per row; numbers and booleans as JSON
///    values, NULL as null, NaN/Infinity and other values as strings, arrays
///    as arrays, structs and maps as objects.
/// A result without columns (CREATE VIEW, SET x=y ...) prints nothing.
/// @throws whatever executing the query throws (LochException subclasses).
void printResult(const DataFrame& df, OutputMode mode, std::ostream& out);

/// RFC 4180 field: quoted (with '"' doubled) only when needed.
std::string csvField(const std::string& text);

}  // namespace loch::cli
