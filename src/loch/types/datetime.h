#pragma once
// Calendar and time-zone helpers. Dates are int32 days since 1970-01-01 in
// the proleptic Gregorian calendar (Spark 3+); timestamps are int64
// microseconds since the epoch, UTC. Time zones come from cctz (IANA tzdb).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cctz {
class time_zone;
}

namespace loch {

constexpr int64_t kMicrosPerSecond = 1000000;
constexpr int64_t kMicrosPerMinute = 60 * kMicrosPerSecond;
constexpr int64_t kMicrosPerHour = 60 * kMicrosPerMinute;
constexpr int64_t kMicrosPerDay = 24 * kMicrosPerHour;

struct CivilDate {
  int64_t year;
  int month;  // 1..12
  int day;    // 1..31
};

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
/// days_from_civil algorithm).
int32_t daysFromCivil(int64_t year, int month, int day);
CivilDate civilFromDays(int32_t days);
bool isLeapYear(int64_t year);
int daysInMonth(int64_t year, int month);

/// Floor division of micros into days (correct for negative values).
inline int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}
inline int64_t floorMod(int64_t a, int64_t b) { return a - floorDiv(a, b) * b; }

/// Looks up a time zone by IANA name ("Europe/Paris"), "UTC"/"Z", or a fixed
/// offset ("+08:00", "-0530", "GMT+1"). Cached; thread-safe.
/// @throws InvalidArgumentException for an unknown zone.
const cctz::time_zone& lookupTimeZone(const std::string& name);

/// Parses a date the way Spark's CAST(string AS DATE) does: "yyyy",
/// "yyyy-[m]m", "yyyy-[m]m-[d]d", optionally followed by 'T' or ' ' and
/// anything. Surrounding whitespace is trimmed. nullopt if invalid.
std::optional<int32_t> parseDate(std::string_view text);

/// Parses a timestamp the way Spark's CAST(string AS TIMESTAMP) does:
/// "yyyy[-[m]m[-[d]d]][( |T)[h]h[:[m]m[:[s]s[.fraction]]]][zone]" where zone
/// is Z, ±hh[:mm], UTC/GMT±..., or a region id. A missing zone means `tz`.
/// Returns µs since epoch UTC, nullopt if invalid.
std::optional<int64_t> parseTimestamp(std::string_view text, const cctz::time_zone& tz);

/// As parseTimestamp but for TIMESTAMP_NTZ: the wall-clock time as if UTC;
/// a zone in the text makes it invalid.
std::optional<int64_t> parseTimestampNTZ(std::string_view text);

/// "2024-01-31" (years beyond 9999 get a '+' as in Spark).
std::string formatDate(int32_t days);

/// "2024-01-31 10:00:00" or with a fraction "…:00.123" (trailing zeros
/// dropped), the wall-clock time of `micros` in `tz`.
std::string formatTimestamp(int64_t micros, const cctz::time_zone& tz);
/// The same for a TIMESTAMP_NTZ value (no zone conversion).
std::string formatTimestampNTZ(int64_t micros);

/// UTC offset in seconds of zone `tz` at instant `micros`.
int64_t utcOffsetSeconds(const cctz::time_zone& tz, int64_t micros);
/// Converts a local wall-clock time (µs as if UTC) in `tz` to an instant
/// (µs UTC). Gaps resolve forward and overlaps to the earlier instant, as
/// java.time does.
int64_t localToUtcMicros(int64_t local_micros, const cctz::time_zone& tz);
/// Converts an instant to its local wall-clock time in `tz` (µs as if UTC).
int64_t utcToLocalMicros(int64_t micros, const cctz::time_zone& tz);

}  // namespace loch
