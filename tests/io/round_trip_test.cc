// Round trips: Parquet files written by Loch (DataFrameWriter) read back
// equal by Loch, DuckDB and Polars — every type, NULLs at every level, empty
// files, one-row files and files with many row groups; CSV written by Loch
// read back equal by DuckDB. The peer checks skip when node or the peers
// are missing; Loch's own read-back always runs.

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <limits>

#include "api/test_session.h"
#include "io/io_test_util.h"
#include "io/peer_check.h"
#include "loch/api/data_frame_writer.h"
#include "loch/api/spark_session.h"
#include "loch/io/parquet/file_reader.h"
#include "loch/types/datetime.h"
#include "loch/vector/vector_ops.h"

namespace loch {
namespace {

namespace fs = std::filesystem;
using testing::runPeerCheck;
using testing::shellQuote;
using testing::TempDir;

constexpr const char* kAllTypes =
    "b BOOLEAN, i8 TINYINT, i16 SMALLINT, i32 INT, i64 BIGINT, f FLOAT, d DOUBLE, "
    "dec9 DECIMAL(9,2), dec18 DECIMAL(18,4), dec38 DECIMAL(38,10), s STRING, bin BINARY, dt DATE, ts TIMESTAMP, "
    "arr ARRAY<INT>, st STRUCT<x: INT, y: STRING>, m MAP<STRING, BIGINT>, "
    "nested ARRAY<STRUCT<tags: ARRAY<STRING>, scores: MAP<INT, DOUBLE>>>";

/// Row `k` of the all-types table; every 7th row is all NULL, other rows
/// put NULLs and empty collections at different places.
std::vector<Value> allTypesRow(const SchemaPtr& schema, int64_t k) {
  const auto& f = schema->fields();
  std::vector<Value> row;
  if (k % 7 == 6) {
    for (const auto& field : f) row.push_back(Value::null(field.type));
    return row;
  }
  auto type = [&](int c) { return f[static_cast<size_t>(c)].type; };
  int64_t sign = k % 2 ? -1 : 1;
  row.push_back(Value::boolean(k % 3 == 0));
  row.push_back(Value::byte(static_cast<int8_t>(k % 3 == 1 ? -128 : k % 128)));
  row.push_back(Value::shortValue(static_cast<int16_t>(k % 5 == 1 ? 32767 : sign * k)));
  row.push_back(k % 11 == 4 ? Value::null(type(3)) : Value::integer(static_cast<int32_t>(sign * k * 1000)));
  row.push_back(Value::longValue(k % 4 == 1 ? std::numeric_limits<int64_t>::min() + k : sign * k * 1'000'000'007LL));
  row.push_back(Value::floatValue(k % 5 == 2 ? -0.0f : static_cast<float>(k) / 8.0f));
  row.push_back(Value::doubleValue(k % 5 == 3 ? 1e300 : static_cast<double>(sign * k) / 3.0));
  row.push_back(Value::decimal(sign * (k * 12345 % 999999999), 9, 2));
  row.push_back(Value::decimal(sign * (k * 1234567890123LL % 999999999999999999LL), 18, 4));
  int128_t big = static_cast<int128_t>(k + 1) * static_cast<int128_t>(1'000'000'000'000'000'000LL) * 99'999'999'999LL;
  row.push_back(Value::decimal(sign * big, 38, 10));
  row.push_back(k % 9 == 5 ? Value::string("") : Value::string("r" + std::to_string(k) + (k % 3 ? "é ☃" : ",\"quoted\"")));
  row.push_back(Value::binary(std::string("\x00\x01\xff", 3) + "b" + std::to_string(k)));
  row.push_back(Value::date(static_cast<int32_t>(sign * k * 37 + 19000)));
  row.push_back(Value::timestamp(1'700'000'000'000'000LL + sign * k * 3'600'000'123LL));
  auto arr = type(14);
  row.push_back(k % 4 == 2 ? Value::array(arr, {})
                           : Value::array(arr, {Value::integer(static_cast<int32_t>(k)), Value::null(IntegerType()),
                                                Value::integer(-1)}));
  auto st = type(15);
  row.push_back(k % 5 == 4 ? Value::null(st)
                           : Value::structValue(st, {Value::integer(static_cast<int32_t>(k)),
                                                     k % 2 ? Value::null(StringType()) : Value::string("y")}));
  auto m = type(16);
  row.push_back(k % 3 == 2 ? Value::map(m, {})
                           : Value::map(m, {Value::mapEntry(Value::string("a"), Value::longValue(k)),
                                            Value::mapEntry(Value::string("b"), Value::null(LongType()))}));
  auto nested = type(17);
  auto elem = nested->elementType();
  auto tags = elem->fields()[0].type;
  auto scores = elem->fields()[1].type;
  std::vector<Value> elems;
  for (int64_t e = 0; e < k % 3; ++e) {
    elems.push_back(Value::structValue(
        elem, {Value::array(tags, {Value::string("t" + std::to_string(e)), Value::null(StringType())}),
               e == 1 ? Value::null(scores)
                      : Value::map(scores, {Value::mapEntry(Value::integer(static_cast<int32_t>(e)),
                                                            Value::doubleValue(0.5 * static_cast<double>(k)))})}));
  }
  if (k % 4 == 3) elems.push_back(Value::null(elem));
  row.push_back(Value::array(nested, std::move(elems)));
  return row;
}

DataFrame allTypes(SparkSession& spark, int64_t rows) {
  auto schema = spark.createDataFrame(std::vector<std::vector<Value>>{}, kAllTypes).schema();
  std::vector<std::vector<Value>> data;
  for (int64_t k = 0; k < rows; ++k) data.push_back(allTypesRow(schema, k));
  return spark.createDataFrame(data, schema);
}

/// Display text of a row for failure messages.
std::string rowText(const std::vector<Value>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : " | ") + v.toString();
  return out;
}

std::vector<std::string> partFiles(const std::string& dir, const std::string& suffix) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    std::string name = e.path().filename().string();
    if (name.starts_with("part-") && name.ends_with(suffix)) out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// Writes `df` as Parquet and checks Loch, DuckDB and Polars read it back
/// equal, in order. Returns the part file.
/// `duckdb` false skips DuckDB (it does not read the deprecated Hadoop LZ4
/// codec, which is what Spark's "lz4" writes).
std::string checkParquetRoundTrip(SparkSession& spark, const DataFrame& df, const TempDir& dir,
                                  const std::map<std::string, std::string>& options = {}, bool duckdb = true) {
  std::string out = dir / "out";
  df.write().options(options).mode("overwrite").parquet(out);
  auto files = partFiles(out, ".parquet");
  EXPECT_EQ(files.size(), 1u);
  if (files.empty()) return "";

  auto back = spark.read().parquet(out);
  EXPECT_EQ(back.schema()->simpleString(), df.schema()->simpleString());
  auto expected = df.collect();
  auto actual = back.collect();
  EXPECT_EQ(actual.size(), expected.size());
  for (size_t r = 0; r < std::min(actual.size(), expected.size()); ++r) {
    EXPECT_TRUE(actual[r].values() == expected[r].values())
        << "row " << r << ": " << rowText(actual[r].values()) << "\n vs expected " << rowText(expected[r].values());
  }

  if (auto why = testing::peersMissing(); !why.empty()) {
    std::cout << "[round trip] peer checks skipped: " << why << "\n";
    return files[0];
  }
  std::string rows = dir / "expected.jsonl";
  testing::writeJsonLines(df.collectBatches(), rows);
  if (duckdb) {
    auto duck = runPeerCheck("--ordered --loch " + shellQuote(rows) + " --duckdb " +
                             shellQuote("SELECT * FROM read_parquet('" + files[0] + "')"));
    EXPECT_EQ(duck.status, 0) << duck.output;
  }
  auto polars = runPeerCheck("--ordered --loch " + shellQuote(rows) + " --polars " + shellQuote(files[0]));
  EXPECT_EQ(polars.status, 0) << polars.output;
  return files[0];
}

TEST(RoundTripTest, EveryTypeWithNullsReadsBackEverywhere) {
  TempDir dir;
  auto spark = testing::newSession();
  checkParquetRoundTrip(*spark, allTypes(*spark, 50), dir);
}

TEST(RoundTripTest, EveryCodecReadsBackEverywhere) {
  auto spark = testing::newSession();
  for (std::string codec : {"none", "snappy", "gzip", "zstd", "lz4", "lz4_raw"}) {
    SCOPED_TRACE(codec);
    TempDir dir;
    checkParquetRoundTrip(*spark, allTypes(*spark, 20), dir, {{"compression", codec}}, codec != "lz4");
  }
}

TEST(RoundTripTest, EmptyFileReadsBackEverywhere) {
  TempDir dir;
  auto spark = testing::newSession();
  std::string file = checkParquetRoundTrip(*spark, allTypes(*spark, 0), dir);
  ASSERT_FALSE(file.empty());
  EXPECT_EQ(parquet::ParquetFileReader::open(file)->numRows(), 0);
}

TEST(RoundTripTest, OneRowFileReadsBackEverywhere) {
  TempDir dir;
  auto spark = testing::newSession();
  std::string file = checkParquetRoundTrip(*spark, allTypes(*spark, 1), dir);
  ASSERT_FALSE(file.empty());
  EXPECT_EQ(parquet::ParquetFileReader::open(file)->numRowGroups(), 1);
}

TEST(RoundTripTest, ManyRowGroupsReadBackEverywhere) {
  TempDir dir;
  auto spark = testing::newSession();
  std::string file = checkParquetRoundTrip(*spark, allTypes(*spark, 20000), dir,
                                           {{"parquet.block.size", "32768"}, {"parquet.page.size", "4096"}});
  ASSERT_FALSE(file.empty());
  auto reader = parquet::ParquetFileReader::open(file);
  EXPECT_GT(reader->numRowGroups(), 5);
  EXPECT_EQ(reader->numRows(), 20000);
}

TEST(RoundTripTest, DictionaryFallbackAndPlainReadBackEverywhere) {
  TempDir dir;
  auto spark = testing::newSession();
  checkParquetRoundTrip(*spark, allTypes(*spark, 3000), dir,
                        {{"parquet.enable.dictionary", "false"}});
}

// The peer checks are not vacuous: a 1 µs timestamp change (DuckDB) and a
// changed nested value (Polars) are reported.
TEST(RoundTripTest, PeerChecksReportDifferences) {
  if (auto why = testing::peersMissing(); !why.empty()) GTEST_SKIP() << why;
  TempDir dir;
  auto spark = testing::newSession();
  auto df = allTypes(*spark, 6);
  df.write().parquet(dir / "out");
  std::string file = partFiles(dir / "out", ".parquet").at(0);
  std::string rows = dir / "expected.jsonl";
  testing::writeJsonLines(df.collectBatches(), rows);
  auto duck = runPeerCheck("--ordered --loch " + shellQuote(rows) + " --duckdb " +
                           shellQuote("SELECT * REPLACE (ts + INTERVAL 1 MICROSECOND AS ts) FROM read_parquet('" + file + "')"));
  EXPECT_EQ(duck.status, 1) << duck.output;
  EXPECT_NE(duck.output.find("column 13"), std::string::npos) << duck.output;
  // Rows of a different table (row 1 differs in the nested column and others).
  std::string other = dir / "other.jsonl";
  auto shifted = allTypes(*spark, 7).collectBatches();
  testing::writeJsonLines({sliceBatch(*shifted.at(0), 1, 6)}, other);
  auto polars = runPeerCheck("--ordered --loch " + shellQuote(other) + " --polars " + shellQuote(file));
  EXPECT_EQ(polars.status, 1) << polars.output;
  EXPECT_NE(polars.output.find("different (polars): row 0"), std::string::npos) << polars.output;
}

TEST(RoundTripTest, CsvWrittenByLochReadsBackInDuckDb) {
  if (auto why = testing::peersMissing(); !why.empty()) GTEST_SKIP() << why;
  TempDir dir;
  auto spark = testing::newSession();
  auto df = allTypes(*spark, 60).select(std::vector<std::string>{"b", "i8", "i16", "i32", "i64", "d", "dec9", "dec18", "dec38", "s", "dt", "ts"});
  std::string out = dir / "csv";
  // Spark's default CSV timestampFormat keeps milliseconds; this one keeps µs.
  // DuckDB needs allow_quoted_nulls = false to read "" as the empty string
  // (Spark's reading, and how Loch writes an empty string) instead of NULL.
  df.write().option("header", true).option("timestampFormat", "yyyy-MM-dd HH:mm:ss.SSSSSSXXX").csv(out);
  auto files = partFiles(out, ".csv");
  ASSERT_EQ(files.size(), 1u);
  std::string rows = dir / "expected.jsonl";
  testing::writeJsonLines(df.collectBatches(), rows);
  std::string sql = "SELECT * FROM read_csv('" + files[0] +
                    "', header = true, columns = {'b': 'BOOLEAN', 'i8': 'TINYINT', 'i16': 'SMALLINT', 'i32': 'INTEGER', "
                    "'i64': 'BIGINT', 'd': 'DOUBLE', 'dec9': 'DECIMAL(9,2)', 'dec18': 'DECIMAL(18,4)', "
                    "'dec38': 'DECIMAL(38,10)', 's': 'VARCHAR', 'dt': 'DATE', 'ts': 'TIMESTAMPTZ'}, "
                    "allow_quoted_nulls = false)";
  auto duck = runPeerCheck("--ordered --loch " + shellQuote(rows) + " --duckdb " + shellQuote(sql));
  EXPECT_EQ(duck.status, 0) << duck.output;
  // Loch reads its own CSV back with the same schema.
  auto back = spark->read().schema(df.schema()).option("header", true)
                  .option("timestampFormat", "yyyy-MM-dd HH:mm:ss.SSSSSSXXX").csv(out);
  auto expected = df.collect();
  auto actual = back.collect();
  ASSERT_EQ(actual.size(), expected.size());
  int empty_strings = 0;
  for (size_t r = 0; r < actual.size(); ++r) {
    // Spark reads "" back as NULL when nullValue is "" (its default):
    // UnivocityParser.nullSafeDatum compares the datum, already mapped to
    // emptyValue "", with nullValue.
    std::vector<Value> want = expected[r].values();
    if (!want[9].isNull() && want[9].getString().empty()) {
      want[9] = Value::null(StringType());
      ++empty_strings;
    }
    EXPECT_TRUE(actual[r].values() == want)
        << "row " << r << ": " << rowText(actual[r].values()) << "\n vs expected " << rowText(want);
  }
  EXPECT_GT(empty_strings, 0);
}

}  // namespace
}  // namespace loch
