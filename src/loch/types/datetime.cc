#include "loch/types/datetime.h"

#include <limits>

#include <array>

#include <cctz/civil_time.h>
#include <cctz/time_zone.h>

#include <cctype>
#include <chrono>
#include <map>
#include <mutex>

#include "loch/common/exception.h"
#include "loch/common/format.h"

namespace loch {

int32_t daysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<int32_t>(era * 146097 + doe - 719468);
}

CivilDate civilFromDays(int32_t days) {
  int64_t z = static_cast<int64_t>(days) + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = yoe + era * 400;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {y + (m <= 2), m, d};
}

bool isLeapYear(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int daysInMonth(int64_t year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && isLeapYear(year) ? 29 : kDays[month - 1];
}

namespace {

std::optional<int> parseOffsetSeconds(std::string_view s) {
  // Accepts +h, +hh, +hh:mm, +hhmm, +hh:mm:ss.
  if (s.empty() || (s[0] != '+' && s[0] != '-')) return std::nullopt;
  int sign = s[0] == '-' ? -1 : 1;
  s.remove_prefix(1);
  int parts[3] = {0, 0, 0};
  int part = 0, digits = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == ':') {
      if (digits == 0 || part >= 2) return std::nullopt;
      ++part;
      digits = 0;
      continue;
    }
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    if (digits == 2) {  // "+hhmm" without a colon
      if (part >= 2) return std::nullopt;
      ++part;
      digits = 0;
    }
    parts[part] = parts[part] * 10 + (c - '0');
    ++digits;
  }
  if (parts[0] > 18 || parts[1] > 59 || parts[2] > 59) return std::nullopt;
  return sign * (parts[0] * 3600 + parts[1] * 60 + parts[2]);
}

}  // namespace

const cctz::time_zone& lookupTimeZone(const std::string& name) {
  static std::mutex mutex;
  static std::map<std::string, cctz::time_zone> cache;
  std::lock_guard lock(mutex);
  auto it = cache.find(name);
  if (it != cache.end()) return it->second;
  cctz::time_zone tz;
  std::string upper = toUpper(name);
  bool ok = false;
  if (upper == "UTC" || upper == "Z" || upper == "GMT" || upper == "UT") {
    tz = cctz::utc_time_zone();
    ok = true;
  } else if (auto off = parseOffsetSeconds(name)) {
    tz = cctz::fixed_time_zone(std::chrono::seconds(*off));
    ok = true;
  } else if ((upper.rfind("UTC", 0) == 0 || upper.rfind("GMT", 0) == 0) && name.size() > 3) {
    if (auto off2 = parseOffsetSeconds(std::string_view(name).substr(3))) {
      tz = cctz::fixed_time_zone(std::chrono::seconds(*off2));
      ok = true;
    }
  } else {
    ok = cctz::load_time_zone(name, &tz);
  }
  if (!ok) {
    throw InvalidArgumentException("INVALID_TIMEZONE",
                                   "The time zone '" + name +
                                       "' is invalid: expected a region id such as 'America/New_York', "
                                       "'UTC', or an offset such as '+08:00'.");
  }
  return cache.emplace(name, tz).first->second;
}

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

/// Reads 1..max_digits digits at s[i]; advances i.
bool readNumber(std::string_view s, size_t& i, int min_digits, int max_digits, int64_t& out) {
  size_t start = i;
  out = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) &&
         static_cast<int>(i - start) < max_digits) {
    out = out * 10 + (s[i] - '0');
    ++i;
  }
  return static_cast<int>(i - start) >= min_digits;
}

struct ParsedDateTime {
  int64_t year = 1970;
  int64_t month = 1, day = 1, hour = 0, minute = 0, second = 0, micros = 0;
  std::string_view zone;  // empty when none
};

bool parseDatePart(std::string_view s, size_t& i, ParsedDateTime& p) {
  bool neg = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
    neg = s[i] == '-';
    ++i;
  }
  if (!readNumber(s, i, 4, 7, p.year)) return false;
  if (neg) p.year = -p.year;
  if (i < s.size() && s[i] == '-') {
    ++i;
    if (!readNumber(s, i, 1, 2, p.month)) return false;
    if (i < s.size() && s[i] == '-') {
      ++i;
      if (!readNumber(s, i, 1, 2, p.day)) return false;
    }
  }
  if (p.month < 1 || p.month > 12) return false;
  if (p.day < 1 || p.day > daysInMonth(p.year, static_cast<int>(p.month))) return false;
  return true;
}

bool parseTimePart(std::string_view s, size_t& i, ParsedDateTime& p) {
  if (!readNumber(s, i, 1, 2, p.hour)) return false;
  if (i < s.size() && s[i] == ':') {
    ++i;
    if (!readNumber(s, i, 1, 2, p.minute)) return false;
    if (i < s.size() && s[i] == ':') {
      ++i;
      if (!readNumber(s, i, 1, 2, p.second)) return false;
      if (i < s.size() && s[i] == '.') {
        ++i;
        int digits = 0;
        int64_t frac = 0;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
          if (digits < 6) {
            frac = frac * 10 + (s[i] - '0');
            ++digits;
          }
          ++i;
        }
        while (digits < 6) {
          frac *= 10;
          ++digits;
        }
        p.micros = frac;
      }
    }
  }
  return p.hour < 24 && p.minute < 60 && p.second < 60;
}

std::optional<ParsedDateTime> parseDateTime(std::string_view text) {
  std::string_view s = trim(text);
  size_t i = 0;
  ParsedDateTime p;
  if (!parseDatePart(s, i, p)) return std::nullopt;
  if (i < s.size() && (s[i] == ' ' || s[i] == 'T')) {
    ++i;
    if (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
      if (!parseTimePart(s, i, p)) return std::nullopt;
    }
  }
  std::string_view rest = trim(s.substr(i));
  p.zone = rest;
  return p;
}

// nullopt when the wall-clock time is outside the int64 µs range (years
// beyond about ±290000): Spark's Math.multiplyExact fails there and the
// text is invalid.
std::optional<int64_t> localMicros(const ParsedDateTime& p) {
  if (p.year > 294248 || p.year < -290309) return std::nullopt;  // also keeps daysFromCivil in int32
  int64_t days = daysFromCivil(p.year, static_cast<int>(p.month), static_cast<int>(p.day));
  int64_t micros = 0;
  if (__builtin_mul_overflow(days, kMicrosPerDay, &micros)) return std::nullopt;
  int64_t time = p.hour * kMicrosPerHour + p.minute * kMicrosPerMinute + p.second * kMicrosPerSecond + p.micros;
  if (__builtin_add_overflow(micros, time, &micros)) return std::nullopt;
  return micros;
}

}  // namespace

std::optional<int32_t> parseDate(std::string_view text) {
  std::string_view s = trim(text);
  size_t i = 0;
  ParsedDateTime p;
  if (!parseDatePart(s, i, p)) return std::nullopt;
  if (i < s.size() && s[i] != ' ' && s[i] != 'T') return std::nullopt;
  // Days since the epoch must fit int32 (Spark's Math.toIntExact).
  if (p.year > 5879610 || p.year < -5877641) return std::nullopt;
  return daysFromCivil(p.year, static_cast<int>(p.month), static_cast<int>(p.day));
}

std::optional<int64_t> parseTimestamp(std::string_view text, const cctz::time_zone& tz) {
  auto p = parseDateTime(text);
  if (!p) return std::nullopt;
  auto wall = localMicros(*p);
  if (!wall) return std::nullopt;
  int64_t local = *wall;
  if (p->zone.empty()) return localToUtcMicros(local, tz);
  if (p->zone == "Z" || p->zone == "z") return local;
  if (auto off = parseOffsetSeconds(p->zone)) {
    int64_t utc = 0;
    if (__builtin_sub_overflow(local, static_cast<int64_t>(*off) * kMicrosPerSecond, &utc)) return std::nullopt;
    return utc;
  }
  try {
    return localToUtcMicros(local, lookupTimeZone(std::string(p->zone)));
  } catch (const InvalidArgumentException&) {
    return std::nullopt;
  }
}

std::optional<int64_t> parseTimestampNTZ(std::string_view text) {
  auto p = parseDateTime(text);
  if (!p || !p->zone.empty()) return std::nullopt;
  return localMicros(*p);
}

std::string formatDate(int32_t days) {
  CivilDate c = civilFromDays(days);
  char buf[32];
  if (c.year > 9999) {
    std::snprintf(buf, sizeof(buf), "+%lld-%02d-%02d", static_cast<long long>(c.year), c.month, c.day);
  } else if (c.year < 0) {
    std::snprintf(buf, sizeof(buf), "-%04lld-%02d-%02d", static_cast<long long>(-c.year), c.month, c.day);
  } else {
    std::snprintf(buf, sizeof(buf), "%04lld-%02d-%02d", static_cast<long long>(c.year), c.month, c.day);
  }
  return buf;
}

std::string formatTimestampNTZ(int64_t micros) {
  int64_t days = floorDiv(micros, kMicrosPerDay);
  int64_t rem = micros - days * kMicrosPerDay;
  std::string s = formatDate(static_cast<int32_t>(days));
  int64_t secs = rem / kMicrosPerSecond;
  int64_t frac = rem % kMicrosPerSecond;
  char buf[32];
  std::snprintf(buf, sizeof(buf), " %02lld:%02lld:%02lld", static_cast<long long>(secs / 3600),
                static_cast<long long>(secs / 60 % 60), static_cast<long long>(secs % 60));
  s += buf;
  if (frac != 0) {
    std::snprintf(buf, sizeof(buf), ".%06lld", static_cast<long long>(frac));
    std::string f = buf;
    while (f.back() == '0') f.pop_back();
    s += f;
  }
  return s;
}

std::string formatTimestamp(int64_t micros, const cctz::time_zone& tz) {
  return formatTimestampNTZ(utcToLocalMicros(micros, tz));
}

namespace {

int64_t lookupOffset(const cctz::time_zone& tz, int64_t seconds) {
  auto tp = std::chrono::time_point_cast<std::chrono::seconds>(
      std::chrono::system_clock::time_point(std::chrono::seconds(seconds)));
  return tz.lookup(tp).offset;
}

// Zone lookups dominate per-row timestamp formatting and field extraction,
// and offsets change only at rare transitions: each thread remembers the
// offset of recent hours whose start and end share it (an hour holding a
// transition is looked up every time).
struct OffsetCacheEntry {
  cctz::time_zone tz;
  int64_t hour = std::numeric_limits<int64_t>::min();
  int64_t offset = 0;
};

}  // namespace

int64_t utcOffsetSeconds(const cctz::time_zone& tz, int64_t micros) {
  constexpr int64_t kHour = 3600;
  constexpr size_t kEntries = 64;
  thread_local std::array<OffsetCacheEntry, kEntries> cache;
  int64_t seconds = floorDiv(micros, kMicrosPerSecond);
  int64_t hour = floorDiv(seconds, kHour);
  OffsetCacheEntry& e = cache[static_cast<size_t>(hour) % kEntries];
  if (e.hour == hour && e.tz == tz) return e.offset;
  int64_t start = lookupOffset(tz, hour * kHour);
  if (start != lookupOffset(tz, hour * kHour + kHour - 1)) return lookupOffset(tz, seconds);
  e.tz = tz;
  e.hour = hour;
  e.offset = start;
  return start;
}

int64_t utcToLocalMicros(int64_t micros, const cctz::time_zone& tz) {
  return micros + utcOffsetSeconds(tz, micros) * kMicrosPerSecond;
}

int64_t localToUtcMicros(int64_t local_micros, const cctz::time_zone& tz) {
  int64_t secs = floorDiv(local_micros, kMicrosPerSecond);
  int64_t frac = local_micros - secs * kMicrosPerSecond;
  int64_t days = floorDiv(secs, 86400);
  int64_t sod = secs - days * 86400;
  CivilDate c = civilFromDays(static_cast<int32_t>(days));
  cctz::civil_second cs(c.year, c.month, c.day, sod / 3600, sod / 60 % 60, sod % 60);
  const auto lookup = tz.lookup(cs);
  // Gap (DST start): java.time shifts forward by the gap length, which is
  // what `pre` (the instant using the offset before the transition) gives.
  auto tp = lookup.kind == cctz::time_zone::civil_lookup::SKIPPED ? lookup.pre : lookup.pre;
  int64_t utc_secs = std::chrono::duration_cast<std::chrono::seconds>(tp.time_since_epoch()).count();
  return utc_secs * kMicrosPerSecond + frac;
}

}  // namespace loch
