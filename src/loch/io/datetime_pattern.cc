#include "loch/io/datetime_pattern.h"

#include <cstdio>

#include "loch/common/exception.h"

namespace loch {

namespace {

bool isLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/// Reads between min and max digits at text[pos].
bool readDigits(std::string_view text, size_t& pos, int min, int max, int64_t& out) {
  int n = 0;
  int64_t v = 0;
  while (pos < text.size() && n < max && text[pos] >= '0' && text[pos] <= '9') {
    v = v * 10 + (text[pos] - '0');
    ++pos;
    ++n;
  }
  out = v;
  return n >= min;
}

std::string pad(int64_t v, int width) {
  std::string s = std::to_string(v < 0 ? -v : v);
  while (static_cast<int>(s.size()) < width) s.insert(s.begin(), '0');
  return v < 0 ? "-" + s : s;
}

}  // namespace

DateTimePattern::DateTimePattern(const std::string& pattern) : pattern_(pattern) {
  for (size_t i = 0; i < pattern.size();) {
    char c = pattern[i];
    if (c == '\'') {
      size_t j = i + 1;
      std::string lit;
      while (j < pattern.size()) {
        if (pattern[j] == '\'') {
          if (j + 1 < pattern.size() && pattern[j + 1] == '\'') {
            lit.push_back('\'');
            j += 2;
            continue;
          }
          break;
        }
        lit.push_back(pattern[j++]);
      }
      if (i + 1 < pattern.size() && pattern[i + 1] == '\'') lit = "'";
      tokens_.push_back({0, 0, lit});
      i = j + 1;
      continue;
    }
    if (!isLetter(c)) {
      tokens_.push_back({0, 0, std::string(1, c)});
      ++i;
      continue;
    }
    size_t j = i;
    while (j < pattern.size() && pattern[j] == c) ++j;
    int count = static_cast<int>(j - i);
    static const std::string kSupported = "yuMdHmsSXZa";
    if (kSupported.find(c) == std::string::npos || (c == 'S' && count > 9)) {
      throw InvalidArgumentException("INVALID_DATETIME_PATTERN",
                                     "Unsupported datetime pattern letter '" + std::string(1, c) + "' in '" + pattern + "'.");
    }
    tokens_.push_back({c == 'u' ? 'y' : c, count, {}});
    i = j;
  }
}

bool DateTimePattern::parseFields(std::string_view text, Fields& f) const {
  size_t pos = 0;
  for (const auto& t : tokens_) {
    int64_t v = 0;
    switch (t.letter) {
      case 0:
        if (text.substr(pos, t.literal.size()) != t.literal) return false;
        pos += t.literal.size();
        break;
      case 'y':
        if (t.count == 2) {
          if (!readDigits(text, pos, 2, 2, v)) return false;
          f.year = 2000 + v;
        } else {
          bool neg = pos < text.size() && text[pos] == '-';
          if (neg || (pos < text.size() && text[pos] == '+')) ++pos;
          if (!readDigits(text, pos, std::max(t.count, 1) == 1 ? 1 : t.count, 9, v)) return false;
          f.year = neg ? -v : v;
        }
        break;
      case 'M':
        if (!readDigits(text, pos, t.count == 1 ? 1 : 2, 2, v) || v < 1 || v > 12) return false;
        f.month = static_cast<int>(v);
        break;
      case 'd':
        if (!readDigits(text, pos, t.count == 1 ? 1 : 2, 2, v) || v < 1 || v > 31) return false;
        f.day = static_cast<int>(v);
        break;
      case 'H':
        if (!readDigits(text, pos, t.count == 1 ? 1 : 2, 2, v) || v > 23) return false;
        f.hour = static_cast<int>(v);
        break;
      case 'm':
        if (!readDigits(text, pos, t.count == 1 ? 1 : 2, 2, v) || v > 59) return false;
        f.minute = static_cast<int>(v);
        break;
      case 's':
        if (!readDigits(text, pos, t.count == 1 ? 1 : 2, 2, v) || v > 59) return false;
        f.second = static_cast<int>(v);
        break;
      case 'S': {
        size_t before = pos;
        if (!readDigits(text, pos, 1, t.count, v)) return false;
        int digits = static_cast<int>(pos - before);
        for (int d = digits; d < 9; ++d) v *= 10;  // nanoseconds
        f.micros = v / 1000;
        break;
      }
      case 'a': {
        // AM/PM markers accepted but 24-hour fields are used as they are.
        if (text.substr(pos, 2) == "AM" || text.substr(pos, 2) == "PM") pos += 2;
        else return false;
        break;
      }
      case 'X':
      case 'Z': {
        if (pos < text.size() && text[pos] == 'Z') {
          ++pos;
          f.offset_seconds = 0;
          break;
        }
        if (pos >= text.size() || (text[pos] != '+' && text[pos] != '-')) return false;
        int sign = text[pos] == '-' ? -1 : 1;
        ++pos;
        int64_t h = 0, m = 0;
        if (!readDigits(text, pos, 2, 2, h)) return false;
        if (pos < text.size() && text[pos] == ':') ++pos;
        readDigits(text, pos, 0, 2, m);
        f.offset_seconds = sign * (h * 3600 + m * 60);
        break;
      }
      default: return false;
    }
  }
  if (pos != text.size()) return false;
  return f.day <= daysInMonth(f.year, f.month);
}

std::optional<int32_t> DateTimePattern::parseDate(std::string_view text) const {
  Fields f;
  if (!parseFields(text, f)) return std::nullopt;
  // Days since the epoch must fit int32 (Spark: Math.toIntExact fails, the text is invalid).
  if (f.year > 5879610 || f.year < -5877641) return std::nullopt;
  return daysFromCivil(f.year, f.month, f.day);
}

std::optional<int64_t> DateTimePattern::parseTimestamp(std::string_view text, const cctz::time_zone& tz) const {
  Fields f;
  if (!parseFields(text, f)) return std::nullopt;
  // Outside int64 µs (years beyond about ±290000) the text is invalid, as
  // Spark's Math.multiplyExact makes it; the guard also keeps the day number in int32.
  if (f.year > 294248 || f.year < -290309) return std::nullopt;
  int64_t local = 0;
  int64_t time = ((f.hour * 60LL + f.minute) * 60 + f.second) * 1'000'000LL + f.micros;
  if (__builtin_mul_overflow(static_cast<int64_t>(daysFromCivil(f.year, f.month, f.day)), 86'400'000'000LL, &local) ||
      __builtin_add_overflow(local, time, &local)) {
    return std::nullopt;
  }
  if (f.offset_seconds) {
    int64_t utc = 0;
    if (__builtin_sub_overflow(local, *f.offset_seconds * 1'000'000LL, &utc)) return std::nullopt;
    return utc;
  }
  return localToUtcMicros(local, tz);
}

std::string DateTimePattern::format(const CivilDate& date, int64_t micros_of_day, std::optional<int64_t> offset) const {
  std::string out;
  int64_t secs = micros_of_day / 1'000'000;
  for (const auto& t : tokens_) {
    switch (t.letter) {
      case 0: out += t.literal; break;
      case 'y': out += t.count == 2 ? pad(floorMod(date.year, 100), 2) : pad(date.year, std::max(t.count, 4) == 4 ? 4 : t.count); break;
      case 'M': out += pad(date.month, t.count == 1 ? 1 : 2); break;
      case 'd': out += pad(date.day, t.count == 1 ? 1 : 2); break;
      case 'H': out += pad(secs / 3600, t.count == 1 ? 1 : 2); break;
      case 'm': out += pad(secs / 60 % 60, t.count == 1 ? 1 : 2); break;
      case 's': out += pad(secs % 60, t.count == 1 ? 1 : 2); break;
      case 'S': {
        std::string frac = pad(micros_of_day % 1'000'000, 6) + "000";
        out += frac.substr(0, static_cast<size_t>(t.count));
        break;
      }
      case 'a': out += secs / 3600 < 12 ? "AM" : "PM"; break;
      case 'X':
      case 'Z': {
        int64_t off = offset.value_or(0);
        if (off == 0 && t.letter == 'X') {
          out += "Z";
          break;
        }
        int64_t a = off < 0 ? -off : off;
        out += off < 0 ? "-" : "+";
        out += pad(a / 3600, 2);
        if (t.count >= 3 && t.letter == 'X') out += ":";
        if (t.count >= 2 || t.letter == 'Z') out += pad(a / 60 % 60, 2);
        break;
      }
      default: break;
    }
  }
  return out;
}

std::string DateTimePattern::formatDate(int32_t days) const { return format(civilFromDays(days), 0, 0); }

std::string DateTimePattern::formatTimestamp(int64_t micros, const cctz::time_zone& tz) const {
  int64_t local = utcToLocalMicros(micros, tz);
  int64_t day = floorDiv(local, 86'400'000'000LL);
  return format(civilFromDays(static_cast<int32_t>(day)), local - day * 86'400'000'000LL, (local - micros) / 1'000'000);
}

}  // namespace loch
