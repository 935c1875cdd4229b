#pragma once
// Spark's datetime patterns (docs: sql-ref-datetime-pattern.html), compiled
// once and shared by date_format, to_date, to_timestamp, unix_timestamp and
// from_unixtime. Supported letters: G y yy yyyy M/L (1-4) d D Q/q E (1-4) a
// h H k K m s S..S (1-9) V z Z X x O, 'quoted text' and '' for a quote.
// Week-based letters (Y w u W e c) raise errors as in Spark 3+.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cctz {
class time_zone;
}

namespace loch::scalar {

class DateTimePattern {
 public:
  /// @throws InvalidArgumentException INVALID_DATETIME_PATTERN.* naming the
  ///         pattern for unknown letters, too many letters, or an unclosed quote.
  static std::shared_ptr<const DateTimePattern> compile(std::string_view pattern);

  /// Appends the text of instant `micros` (µs UTC) shown in zone `tz`.
  void format(int64_t micros, const cctz::time_zone& tz, std::string& out) const;

  /// Parses `text` fully; fields missing from the pattern default to
  /// 1970-01-01 00:00:00; a zone/offset in the text overrides `tz`.
  /// Returns µs since epoch UTC, nullopt when the text does not match.
  std::optional<int64_t> parse(std::string_view text, const cctz::time_zone& tz) const;

  const std::string& text() const { return text_; }

 private:
  enum class Field : uint8_t {
    Literal, Era, Year, Month, Day, DayOfYear, Quarter, DayOfWeek, AmPm,
    Hour23, Hour12, Hour24, Hour11, Minute, Second, Fraction, ZoneId, ZoneName, OffsetZ, OffsetX, Offsetx, OffsetO
  };
  struct Token {
    Field field;
    int count;
    std::string literal;
  };
  std::string text_;
  std::vector<Token> tokens_;
  bool needs_zone_name_ = false;
};

}  // namespace loch::scalar
