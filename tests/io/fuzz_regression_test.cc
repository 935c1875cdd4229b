// Replays every reproducer the fuzzers found (fuzz/regressions/<target>/,
// one input per file, in libFuzzer's format) through the same fuzz target
// code: each must now finish without a crash or an escaping non-Loch
// exception. Under the asan preset this also catches memory errors.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "fuzz/csv_fuzz.h"
#include "fuzz/parquet_fuzz.h"
#include "io/peer_check.h"
#include "loch/io/datetime_pattern.h"
#include "loch/types/datetime.h"

namespace loch {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> reproducers(const std::string& target) {
  fs::path dir = fs::path(testing::sourceDir()) / "fuzz" / "regressions" / target;
  std::vector<fs::path> out;
  if (fs::exists(dir)) {
    for (const auto& e : fs::directory_iterator(dir)) {
      if (e.is_regular_file()) out.push_back(e.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string bytesOf(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

TEST(FuzzRegressionTest, CsvReproducersAreHandled) {
  auto files = reproducers("csv");
  ASSERT_FALSE(files.empty()) << "fuzz/regressions/csv is missing";
  for (const auto& f : files) {
    SCOPED_TRACE(f.filename().string());
    std::string data = bytesOf(f);
    EXPECT_NO_THROW(fuzz::fuzzCsv(reinterpret_cast<const uint8_t*>(data.data()), data.size()));
  }
}

TEST(FuzzRegressionTest, ParquetReproducersAreHandled) {
  for (const auto& f : reproducers("parquet")) {
    SCOPED_TRACE(f.filename().string());
    std::string data = bytesOf(f);
    EXPECT_NO_THROW(fuzz::fuzzParquet(reinterpret_cast<const uint8_t*>(data.data()), data.size()));
  }
}

// The CSV crash in concrete terms: timestamps whose year puts the µs value
// outside int64 (signed overflow, found by UBSan) are not timestamps; dates
// whose day number leaves int32 are not dates (Spark's multiplyExact /
// toIntExact fail, so the text is invalid).
TEST(FuzzRegressionTest, TimestampYearsBeyondTheRangeAreInvalid) {
  const auto& utc = lookupTimeZone("UTC");
  EXPECT_EQ(parseTimestamp("9999999-01-01 00:00:00", utc), std::nullopt);
  EXPECT_EQ(parseTimestamp("-1760000-02 03:04", utc), std::nullopt);
  EXPECT_EQ(parseTimestampNTZ("300000-01-01 00:00:00"), std::nullopt);
  EXPECT_EQ(parseTimestamp("294247-01-10 04:00:54.775807Z", utc), std::optional<int64_t>(9223372036854775807LL));
  EXPECT_EQ(parseDate("9999999-01-01"), std::nullopt);
  EXPECT_EQ(parseDate("5000000-01-01").has_value(), true);
  EXPECT_EQ(parseTimestamp("2024-01-02 03:04:05", utc), std::optional<int64_t>(1704164645000000LL));
}

// Second CSV crash: the same overflow through an explicit timestampFormat.
TEST(FuzzRegressionTest, PatternTimestampYearsBeyondTheRangeAreInvalid) {
  const auto& utc = lookupTimeZone("UTC");
  DateTimePattern ts("yyyy-MM-dd HH:mm:ss");
  EXPECT_EQ(ts.parseTimestamp("4942000-01-01 00:00:00", utc), std::nullopt);
  EXPECT_EQ(ts.parseTimestamp("2024-01-02 03:04:05", utc), std::optional<int64_t>(1704164645000000LL));
  DateTimePattern date("yyyy-MM-dd");
  EXPECT_EQ(date.parseDate("9999999-01-01"), std::nullopt);
  EXPECT_EQ(date.parseDate("2024-01-02"), std::optional<int32_t>(19724));
}

}  // namespace
}  // namespace loch
