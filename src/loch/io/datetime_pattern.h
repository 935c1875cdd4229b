#pragma once
// A subset of Spark's datetime patterns (docs: sql-ref-datetime-pattern)
// for the dateFormat / timestampFormat options of file sources:
// y (yyyy, yy), M/MM, d/dd, H/HH, m/mm, s/ss, S..S (fraction, up to 9),
// a (ignored on parse), XXX/XX/X/Z/ZZ (zone offset), 'quoted text' and any
// other non-letter character as a literal.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loch/types/datetime.h"

namespace loch {

class DateTimePattern {
 public:
  /// @throws InvalidArgumentException("INVALID_DATETIME_PATTERN") naming the
  ///         pattern for letters outside the subset.
  explicit DateTimePattern(const std::string& pattern);

  /// Days since epoch for a date text matching the whole pattern.
  std::optional<int32_t> parseDate(std::string_view text) const;
  /// µs UTC for a timestamp text; a missing offset means `tz`.
  std::optional<int64_t> parseTimestamp(std::string_view text, const cctz::time_zone& tz) const;
  std::string formatDate(int32_t days) const;
  std::string formatTimestamp(int64_t micros, const cctz::time_zone& tz) const;
  const std::string& pattern() const { return pattern_; }

 private:
  struct Token {
    char letter = 0;  ///< 0: literal
    int count = 0;
    std::string literal;
  };
  struct Fields {
    int64_t year = 1970;
    int month = 1, day = 1, hour = 0, minute = 0, second = 0;
    int64_t micros = 0;
    std::optional<int64_t> offset_seconds;
  };
  bool parseFields(std::string_view text, Fields& out) const;
  std::string format(const CivilDate& date, int64_t micros_of_day, std::optional<int64_t> offset) const;

  std::string pattern_;
  std::vector<Token> tokens_;
};

}  // namespace loch
