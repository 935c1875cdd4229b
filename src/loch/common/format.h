#pragma once
// Small text helpers shared by error messages and printers.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace loch {

/// "1.5 GiB", "12.0 MiB", "512 B": binary units, one decimal.
std::string formatBytes(int64_t bytes);

/// Parses a byte size such as "4g", "512m", "1024k", "100" (bytes), or
/// "75%" (of physical RAM). Case-insensitive; suffixes b/k/m/g/t, optional "b"
/// after them ("4gb"). @throws InvalidArgumentException on malformed input.
int64_t parseBytes(std::string_view text);

/// ASCII lower-casing (identifiers are case-insensitive in Spark).
std::string toLower(std::string_view s);
std::string toUpper(std::string_view s);

/// True when a and b are equal ignoring ASCII case.
bool equalsIgnoreCase(std::string_view a, std::string_view b);

/// Levenshtein distance, used to suggest close names in error messages.
int editDistance(std::string_view a, std::string_view b);

/// Joins `parts` with `sep`.
std::string join(const std::vector<std::string>& parts, std::string_view sep);

/// Quotes an identifier with backticks as Spark does in messages: `a`.
std::string quoteIdentifier(std::string_view name);

}  // namespace loch
