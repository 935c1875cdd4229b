#include "loch/types/datetime.h"

#include <cctz/time_zone.h>
#include <gtest/gtest.h>

#include "loch/common/exception.h"

namespace loch {

TEST(DateTimeTest, CivilRoundTrip) {
  EXPECT_EQ(daysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(daysFromCivil(2000, 3, 1), 11017);
  EXPECT_EQ(daysFromCivil(1969, 12, 31), -1);
  for (int32_t d = -800000; d < 800000; d += 997) {
    auto c = civilFromDays(d);
    EXPECT_EQ(daysFromCivil(c.year, c.month, c.day), d);
  }
  EXPECT_EQ(daysInMonth(2024, 2), 29);
  EXPECT_EQ(daysInMonth(1900, 2), 28);
  EXPECT_EQ(daysInMonth(2000, 2), 29);
}

TEST(DateTimeTest, ParseDateAsSparkCast) {
  EXPECT_EQ(*parseDate("2024-01-31"), daysFromCivil(2024, 1, 31));
  EXPECT_EQ(*parseDate("2024-1-5"), daysFromCivil(2024, 1, 5));
  EXPECT_EQ(*parseDate("2024"), daysFromCivil(2024, 1, 1));
  EXPECT_EQ(*parseDate("2024-03"), daysFromCivil(2024, 3, 1));
  EXPECT_EQ(*parseDate(" 2024-03-04 12:00:00"), daysFromCivil(2024, 3, 4));
  EXPECT_EQ(*parseDate("2024-03-04T12:00"), daysFromCivil(2024, 3, 4));
  EXPECT_FALSE(parseDate("2024-02-30").has_value());
  EXPECT_FALSE(parseDate("2024-13-01").has_value());
  EXPECT_FALSE(parseDate("24-01-01").has_value());
  EXPECT_FALSE(parseDate("hello").has_value());
  EXPECT_FALSE(parseDate("").has_value());
}

TEST(DateTimeTest, ParseTimestampWithZones) {
  const auto& utc = lookupTimeZone("UTC");
  int64_t base = static_cast<int64_t>(daysFromCivil(2024, 1, 1)) * kMicrosPerDay;
  EXPECT_EQ(*parseTimestamp("2024-01-01 00:00:00", utc), base);
  EXPECT_EQ(*parseTimestamp("2024-01-01T01:02:03.5", utc), base + kMicrosPerHour + 2 * kMicrosPerMinute +
                                                              3 * kMicrosPerSecond + 500000);
  EXPECT_EQ(*parseTimestamp("2024-01-01 00:00:00Z", utc), base);
  EXPECT_EQ(*parseTimestamp("2024-01-01 01:00:00+01:00", utc), base);
  EXPECT_EQ(*parseTimestamp("2024-01-01", utc), base);
  const auto& paris = lookupTimeZone("Europe/Paris");
  EXPECT_EQ(*parseTimestamp("2024-01-01 01:00:00", paris), base);
  EXPECT_EQ(*parseTimestamp("2024-07-01 02:00:00", paris),
            static_cast<int64_t>(daysFromCivil(2024, 7, 1)) * kMicrosPerDay);  // CEST = +2
  EXPECT_FALSE(parseTimestamp("2024-01-01 25:00:00", utc).has_value());
  EXPECT_FALSE(parseTimestamp("nope", utc).has_value());
  EXPECT_FALSE(parseTimestampNTZ("2024-01-01 00:00:00Z").has_value());
  EXPECT_EQ(*parseTimestampNTZ("2024-01-01 00:00:00"), base);
}

TEST(DateTimeTest, FormatAsSparkShows) {
  const auto& utc = lookupTimeZone("UTC");
  int64_t base = static_cast<int64_t>(daysFromCivil(2024, 1, 31)) * kMicrosPerDay;
  EXPECT_EQ(formatDate(daysFromCivil(2024, 1, 31)), "2024-01-31");
  EXPECT_EQ(formatTimestamp(base + 10 * kMicrosPerHour, utc), "2024-01-31 10:00:00");
  EXPECT_EQ(formatTimestamp(base + 123000, utc), "2024-01-31 00:00:00.123");
  EXPECT_EQ(formatTimestamp(-1, utc), "1969-12-31 23:59:59.999999");
  EXPECT_EQ(formatTimestamp(base, lookupTimeZone("America/New_York")), "2024-01-30 19:00:00");
}

TEST(DateTimeTest, TimeZonesByNameAndOffset) {
  EXPECT_EQ(utcOffsetSeconds(lookupTimeZone("+08:00"), 0), 8 * 3600);
  EXPECT_EQ(utcOffsetSeconds(lookupTimeZone("GMT-5"), 0), -5 * 3600);
  EXPECT_EQ(utcOffsetSeconds(lookupTimeZone("Asia/Kolkata"), 0), 19800);
  EXPECT_THROW(lookupTimeZone("Mars/Olympus"), InvalidArgumentException);
}

TEST(DateTimeTest, FloorDivision) {
  EXPECT_EQ(floorDiv(-1, kMicrosPerDay), -1);
  EXPECT_EQ(floorMod(-1, 10), 9);
  EXPECT_EQ(floorDiv(10, 5), 2);
}

}  // namespace loch
