#include "loch/function/scalar/datetime_pattern.h"

#include <cctz/time_zone.h>

#include <cctype>
#include <chrono>
#include <cstring>

#include "loch/common/exception.h"
#include "loch/types/datetime.h"

namespace loch::scalar {

namespace {

const char* kMonthsShort[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
const char* kMonthsLong[] = {"January", "February", "March",     "April",   "May",      "June",
                             "July",    "August",   "September", "October", "November", "December"};
const char* kDaysShort[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
const char* kDaysLong[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
const char* kQuarterLong[] = {"1st quarter", "2nd quarter", "3rd quarter", "4th quarter"};

[[noreturn]] void badPattern(std::string_view pattern, const std::string& why) {
  throw InvalidArgumentException("INVALID_DATETIME_PATTERN",
                                 "Unrecognized datetime pattern: " + std::string(pattern) + ". " + why);
}

void appendPadded(std::string& out, int64_t v, int width) {
  if (v < 0) {
    out.push_back('-');
    v = -v;
  }
  std::string digits = std::to_string(v);
  if (static_cast<int>(digits.size()) < width) out.append(width - digits.size(), '0');
  out.append(digits);
}

void appendOffset(std::string& out, int64_t offset, bool colon, bool with_minutes_always, bool z_for_zero) {
  if (offset == 0 && z_for_zero) {
    out.push_back('Z');
    return;
  }
  out.push_back(offset < 0 ? '-' : '+');
  int64_t a = offset < 0 ? -offset : offset;
  appendPadded(out, a / 3600, 2);
  int64_t minutes = (a / 60) % 60;
  if (with_minutes_always || minutes != 0) {
    if (colon) out.push_back(':');
    appendPadded(out, minutes, 2);
  }
  if (a % 60 != 0) {
    if (colon) out.push_back(':');
    appendPadded(out, a % 60, 2);
  }
}

/// Case-insensitive match of one of `names` at text[pos]; returns its index.
int matchName(std::string_view text, size_t& pos, const char* const* names, int n) {
  int best = -1;
  size_t best_len = 0;
  for (int k = 0; k < n; ++k) {
    size_t len = std::strlen(names[k]);
    if (pos + len <= text.size() && len > best_len) {
      bool eq = true;
      for (size_t c = 0; c < len && eq; ++c) eq = std::tolower(text[pos + c]) == std::tolower(names[k][c]);
      if (eq) {
        best = k;
        best_len = len;
      }
    }
  }
  if (best >= 0) pos += best_len;
  return best;
}

bool readNumber(std::string_view text, size_t& pos, int min_digits, int max_digits, int64_t& value) {
  size_t start = pos;
  value = 0;
  while (pos < text.size() && pos - start < static_cast<size_t>(max_digits) &&
         std::isdigit(static_cast<unsigned char>(text[pos]))) {
    value = value * 10 + (text[pos] - '0');
    ++pos;
  }
  return static_cast<int>(pos - start) >= min_digits;
}

bool readOffset(std::string_view text, size_t& pos, int64_t& offset) {
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
    offset = 0;
    return true;
  }
  if (text.substr(pos, 3) == "GMT" || text.substr(pos, 3) == "UTC") {
    pos += 3;
    if (pos >= text.size() || (text[pos] != '+' && text[pos] != '-')) {
      offset = 0;
      return true;
    }
  }
  if (pos >= text.size() || (text[pos] != '+' && text[pos] != '-')) return false;
  int sign = text[pos++] == '-' ? -1 : 1;
  int64_t h = 0, m = 0;
  size_t hs = pos;
  if (!readNumber(text, pos, 1, 2, h)) return false;
  if (pos < text.size() && text[pos] == ':') ++pos;
  if (pos - hs >= 2 && pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
    if (!readNumber(text, pos, 2, 2, m)) return false;
  }
  offset = sign * (h * 3600 + m * 60);
  return h <= 18 && m < 60;
}

}  // namespace

std::shared_ptr<const DateTimePattern> DateTimePattern::compile(std::string_view pattern) {
  auto p = std::make_shared<DateTimePattern>();
  p->text_.assign(pattern);
  for (size_t i = 0; i < pattern.size();) {
    char c = pattern[i];
    if (c == '\'') {
      size_t j = i + 1;
      std::string lit;
      if (j < pattern.size() && pattern[j] == '\'') {
        p->tokens_.push_back({Field::Literal, 0, "'"});
        i = j + 1;
        continue;
      }
      bool closed = false;
      while (j < pattern.size()) {
        if (pattern[j] == '\'') {
          if (j + 1 < pattern.size() && pattern[j + 1] == '\'') {
            lit.push_back('\'');
            j += 2;
            continue;
          }
          closed = true;
          break;
        }
        lit.push_back(pattern[j++]);
      }
      if (!closed) badPattern(pattern, "Pattern ends with an incomplete string literal.");
      p->tokens_.push_back({Field::Literal, 0, lit});
      i = j + 1;
      continue;
    }
    if (!std::isalpha(static_cast<unsigned char>(c))) {
      if (c == '[' || c == ']' || c == '{' || c == '}' || c == '#') {
        badPattern(pattern, std::string("Illegal pattern character '") + c + "'.");
      }
      p->tokens_.push_back({Field::Literal, 0, std::string(1, c)});
      ++i;
      continue;
    }
    size_t j = i;
    while (j < pattern.size() && pattern[j] == c) ++j;
    int n = static_cast<int>(j - i);
    i = j;
    auto limit = [&](int max) {
      if (n > max) badPattern(pattern, "Too many pattern letters: " + std::string(1, c) + ".");
    };
    Field f;
    switch (c) {
      case 'G': limit(5); f = Field::Era; break;
      case 'y': f = Field::Year; break;
      case 'M':
      case 'L': limit(4); f = Field::Month; break;
      case 'd': limit(2); f = Field::Day; break;
      case 'D': limit(3); f = Field::DayOfYear; break;
      case 'Q':
      case 'q': limit(4); f = Field::Quarter; break;
      case 'E': limit(4); f = Field::DayOfWeek; break;
      case 'a': limit(1); f = Field::AmPm; break;
      case 'H': limit(2); f = Field::Hour23; break;
      case 'h': limit(2); f = Field::Hour12; break;
      case 'k': limit(2); f = Field::Hour24; break;
      case 'K': limit(2); f = Field::Hour11; break;
      case 'm': limit(2); f = Field::Minute; break;
      case 's': limit(2); f = Field::Second; break;
      case 'S': limit(9); f = Field::Fraction; break;
      case 'V': f = Field::ZoneId; break;
      case 'z': limit(4); f = Field::ZoneName; p->needs_zone_name_ = true; break;
      case 'Z': limit(5); f = Field::OffsetZ; break;
      case 'X': limit(5); f = Field::OffsetX; break;
      case 'x': limit(5); f = Field::Offsetx; break;
      case 'O': f = Field::OffsetO; break;
      case 'Y':
      case 'w':
      case 'u':
      case 'W':
      case 'e':
      case 'c':
        throw InvalidArgumentException(
            "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_WEEK_BASED_PATTERN",
            std::string("Spark >= 3.0: All week-based patterns are unsupported since Spark 3.0, detected week-based "
                        "character: ") + c + ". Please use the SQL function EXTRACT instead.");
      default:
        badPattern(pattern, std::string("Illegal pattern character '") + c + "'.");
    }
    p->tokens_.push_back({f, n, {}});
  }
  return p;
}

void DateTimePattern::format(int64_t micros, const cctz::time_zone& tz, std::string& out) const {
  int64_t offset = utcOffsetSeconds(tz, micros);
  int64_t local = micros + offset * kMicrosPerSecond;
  int64_t days = floorDiv(local, kMicrosPerDay);
  int64_t tod = local - days * kMicrosPerDay;
  CivilDate cd = civilFromDays(static_cast<int32_t>(days));
  int64_t hour = tod / kMicrosPerHour;
  int64_t minute = (tod / kMicrosPerMinute) % 60;
  int64_t second = (tod / kMicrosPerSecond) % 60;
  int64_t fraction = tod % kMicrosPerSecond;
  int dow = static_cast<int>(floorMod(days + 3, 7));  // 0 = Monday
  for (const Token& t : tokens_) {
    switch (t.field) {
      case Field::Literal: out.append(t.literal); break;
      case Field::Era: out.append(cd.year > 0 ? "AD" : "BC"); break;
      case Field::Year: {
        int64_t y = cd.year > 0 ? cd.year : 1 - cd.year;  // year of era
        if (t.count == 2) {
          appendPadded(out, y % 100, 2);
        } else {
          appendPadded(out, y, t.count);
        }
        break;
      }
      case Field::Month:
        if (t.count <= 2) appendPadded(out, cd.month, t.count);
        else out.append(t.count == 3 ? kMonthsShort[cd.month - 1] : kMonthsLong[cd.month - 1]);
        break;
      case Field::Day: appendPadded(out, cd.day, t.count); break;
      case Field::DayOfYear:
        appendPadded(out, days - daysFromCivil(cd.year, 1, 1) + 1, t.count);
        break;
      case Field::Quarter: {
        int q = (cd.month - 1) / 3 + 1;
        if (t.count <= 2) appendPadded(out, q, t.count);
        else if (t.count == 3) out.append("Q" + std::to_string(q));
        else out.append(kQuarterLong[q - 1]);
        break;
      }
      case Field::DayOfWeek: out.append(t.count == 4 ? kDaysLong[dow] : kDaysShort[dow]); break;
      case Field::AmPm: out.append(hour < 12 ? "AM" : "PM"); break;
      case Field::Hour23: appendPadded(out, hour, t.count); break;
      case Field::Hour12: appendPadded(out, hour % 12 == 0 ? 12 : hour % 12, t.count); break;
      case Field::Hour24: appendPadded(out, hour == 0 ? 24 : hour, t.count); break;
      case Field::Hour11: appendPadded(out, hour % 12, t.count); break;
      case Field::Minute: appendPadded(out, minute, t.count); break;
      case Field::Second: appendPadded(out, second, t.count); break;
      case Field::Fraction: {
        std::string f = std::to_string(fraction);
        f.insert(0, 6 - f.size(), '0');
        f.append(3, '0');
        out.append(f.substr(0, t.count));
        break;
      }
      case Field::ZoneId: out.append(tz.name()); break;
      case Field::ZoneName: {
        if (t.count == 4) {
          out.append(tz.name());
        } else {
          auto tp = std::chrono::system_clock::time_point(std::chrono::seconds(floorDiv(micros, kMicrosPerSecond)));
          out.append(tz.lookup(tp).abbr);
        }
        break;
      }
      case Field::OffsetZ:
        if (t.count <= 3) appendOffset(out, offset, false, true, false);
        else if (t.count == 4) {
          out.append("GMT");
          if (offset != 0) appendOffset(out, offset, true, true, false);
        } else appendOffset(out, offset, true, true, true);
        break;
      case Field::OffsetX:
      case Field::Offsetx: {
        bool z = t.field == Field::OffsetX;
        if (t.count == 1) appendOffset(out, offset, false, false, z);
        else appendOffset(out, offset, t.count == 3 || t.count == 5, true, z);
        break;
      }
      case Field::OffsetO:
        out.append("GMT");
        if (offset != 0) {
          out.push_back(offset < 0 ? '-' : '+');
          int64_t a = offset < 0 ? -offset : offset;
          out.append(std::to_string(a / 3600));
          if ((a / 60) % 60) {
            out.push_back(':');
            appendPadded(out, (a / 60) % 60, 2);
          }
        }
        break;
    }
  }
}

std::optional<int64_t> DateTimePattern::parse(std::string_view text, const cctz::time_zone& tz) const {
  int64_t year = 1970, month = 1, day = 1, day_of_year = -1, hour = 0, minute = 0, second = 0, micros = 0;
  int64_t hour12 = -1;
  int am_pm = -1;
  std::optional<int64_t> offset;
  const cctz::time_zone* zone = &tz;
  size_t pos = 0;
  for (size_t k = 0; k < tokens_.size(); ++k) {
    const Token& t = tokens_[k];
    // A variable-width number followed directly by another number token
    // (e.g. "yyyyMMdd") must not swallow the next field's digits.
    bool next_is_number = k + 1 < tokens_.size() && tokens_[k + 1].field != Field::Literal &&
                          tokens_[k + 1].field != Field::AmPm && tokens_[k + 1].field != Field::DayOfWeek;
    int64_t v = 0;
    auto num = [&](int min_d, int max_d) {
      if (next_is_number) max_d = std::max(min_d, t.count);
      return readNumber(text, pos, min_d, max_d, v);
    };
    switch (t.field) {
      case Field::Literal:
        if (text.substr(pos, t.literal.size()) != t.literal) return std::nullopt;
        pos += t.literal.size();
        break;
      case Field::Era:
        if (text.substr(pos, 2) == "AD" || text.substr(pos, 2) == "BC") pos += 2;
        else return std::nullopt;
        break;
      case Field::Year:
        if (t.count == 2) {
          if (!readNumber(text, pos, 2, 2, v)) return std::nullopt;
          year = 2000 + v;  // Java's reduced base 2000
        } else {
          bool neg = false;
          if (pos < text.size() && (text[pos] == '-' || text[pos] == '+') && t.count >= 4) {
            neg = text[pos] == '-';
            ++pos;
          }
          if (!num(t.count == 3 ? 3 : t.count, 9)) return std::nullopt;
          year = neg ? -v : v;
        }
        break;
      case Field::Month:
        if (t.count <= 2) {
          if (!num(t.count, 2) || v < 1 || v > 12) return std::nullopt;
          month = v;
        } else {
          int m = t.count == 3 ? matchName(text, pos, kMonthsShort, 12) : matchName(text, pos, kMonthsLong, 12);
          if (m < 0) return std::nullopt;
          month = m + 1;
        }
        break;
      case Field::Day:
        if (!num(t.count, 2) || v < 1 || v > 31) return std::nullopt;
        day = v;
        break;
      case Field::DayOfYear:
        if (!num(t.count, 3) || v < 1 || v > 366) return std::nullopt;
        day_of_year = v;
        break;
      case Field::Quarter:
        if (t.count <= 2) {
          if (!num(t.count, 1) || v < 1 || v > 4) return std::nullopt;
        } else if (t.count == 3) {
          if (pos >= text.size() || text[pos] != 'Q') return std::nullopt;
          ++pos;
          if (!readNumber(text, pos, 1, 1, v)) return std::nullopt;
        } else if (matchName(text, pos, kQuarterLong, 4) < 0) {
          return std::nullopt;
        }
        break;
      case Field::DayOfWeek:
        if ((t.count == 4 ? matchName(text, pos, kDaysLong, 7) : matchName(text, pos, kDaysShort, 7)) < 0)
          return std::nullopt;
        break;
      case Field::AmPm: {
        static const char* ampm[] = {"AM", "PM"};
        am_pm = matchName(text, pos, ampm, 2);
        if (am_pm < 0) return std::nullopt;
        break;
      }
      case Field::Hour23:
        if (!num(t.count, 2) || v > 23) return std::nullopt;
        hour = v;
        break;
      case Field::Hour12:
        if (!num(t.count, 2) || v < 1 || v > 12) return std::nullopt;
        hour12 = v % 12;
        break;
      case Field::Hour24:
        if (!num(t.count, 2) || v < 1 || v > 24) return std::nullopt;
        hour = v % 24;
        break;
      case Field::Hour11:
        if (!num(t.count, 2) || v > 11) return std::nullopt;
        hour12 = v;
        break;
      case Field::Minute:
        if (!num(t.count, 2) || v > 59) return std::nullopt;
        minute = v;
        break;
      case Field::Second:
        if (!num(t.count, 2) || v > 59) return std::nullopt;
        second = v;
        break;
      case Field::Fraction: {
        size_t start = pos;
        if (!readNumber(text, pos, 1, t.count, v)) return std::nullopt;
        int digits = static_cast<int>(pos - start);
        for (int d = digits; d < 6; ++d) v *= 10;
        for (int d = 6; d < digits; ++d) v /= 10;
        micros = v;
        break;
      }
      case Field::ZoneId:
      case Field::ZoneName: {
        size_t start = pos;
        while (pos < text.size() && (std::isalnum(static_cast<unsigned char>(text[pos])) || text[pos] == '/' ||
                                     text[pos] == '_' || text[pos] == '+' || text[pos] == '-' || text[pos] == ':')) {
          ++pos;
        }
        if (pos == start) return std::nullopt;
        try {
          zone = &lookupTimeZone(std::string(text.substr(start, pos - start)));
        } catch (const LochException&) {
          return std::nullopt;
        }
        break;
      }
      case Field::OffsetZ:
      case Field::OffsetX:
      case Field::Offsetx:
      case Field::OffsetO: {
        int64_t off = 0;
        if (!readOffset(text, pos, off)) return std::nullopt;
        offset = off;
        break;
      }
    }
  }
  if (pos != text.size()) return std::nullopt;
  if (hour12 >= 0) hour = hour12 + (am_pm == 1 ? 12 : 0);
  else if (am_pm == 1 && hour < 12) hour += 12;
  int64_t days;
  if (day_of_year > 0) {
    if (day_of_year == 366 && !isLeapYear(year)) return std::nullopt;
    days = daysFromCivil(year, 1, 1) + day_of_year - 1;
  } else {
    if (day > daysInMonth(year, static_cast<int>(month))) return std::nullopt;
    days = daysFromCivil(year, static_cast<int>(month), static_cast<int>(day));
  }
  int64_t local = days * kMicrosPerDay + hour * kMicrosPerHour + minute * kMicrosPerMinute +
                  second * kMicrosPerSecond + micros;
  if (offset) return local - *offset * kMicrosPerSecond;
  return localToUtcMicros(local, *zone);
}

}  // namespace loch::scalar
