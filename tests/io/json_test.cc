#include "loch/io/json/json_source.h"

#include <gtest/gtest.h>

#include <random>

#include "api/test_session.h"
#include "io/io_test_util.h"
#include "loch/api/data_frame_writer.h"
#include "loch/api/functions.h"
#include "loch/common/exception.h"

namespace loch {
namespace {

namespace F = functions;
using testing::rowsOf;
using testing::sortedRows;
using testing::TempDir;

TEST(JsonInferTest, MergesLikeSpark) {
  EXPECT_EQ(mergeJsonTypes(LongType(), DoubleType())->simpleString(), "double");
  EXPECT_EQ(mergeJsonTypes(LongType(), DecimalType(20, 0))->simpleString(), "decimal(20,0)");
  EXPECT_EQ(mergeJsonTypes(LongType(), StringType())->simpleString(), "string");
  EXPECT_EQ(mergeJsonTypes(NullType(), BooleanType())->simpleString(), "boolean");
  auto a = StructType({StructField("x", LongType())});
  auto b = StructType({StructField("a", StringType()), StructField("x", DoubleType())});
  EXPECT_EQ(mergeJsonTypes(a, b)->simpleString(), "struct<a:string,x:double>");
  EXPECT_EQ(mergeJsonTypes(ArrayType(NullType()), ArrayType(LongType()))->simpleString(), "array<bigint>");
}

TEST(JsonReadTest, JsonLinesInferenceNestedAndQueries) {
  TempDir dir;
  testing::writeText(dir / "e.json",
                     "{\"id\": 1, \"name\": \"ann\", \"tags\": [\"a\", \"b\"], \"addr\": {\"city\": \"paris\", \"zip\": 75001}}\n"
                     "\n"
                     "{\"id\": 2, \"score\": 2.5, \"tags\": [], \"addr\": {\"city\": \"rome\"}}\r\n"
                     "{\"id\": 3, \"name\": null, \"extra\": null}\n");
  auto spark = testing::newSession();
  auto df = spark->read().json(dir / "e.json");
  EXPECT_EQ(df.dtypes(), (std::vector<std::pair<std::string, std::string>>{
                             {"addr", "struct<city:string,zip:bigint>"},
                             {"extra", "string"},
                             {"id", "bigint"},
                             {"name", "string"},
                             {"score", "double"},
                             {"tags", "array<string>"}}));
  EXPECT_EQ(rowsOf(df.select("id", "name", "score", "tags", "addr").collect()),
            (std::vector<std::string>{"1|ann|NULL|[a, b]|{paris, 75001}", "2|NULL|2.5|[]|{rome, NULL}",
                                      "3|NULL|NULL|NULL|NULL"}));
  EXPECT_EQ(df.filter(F::col("id") >= 2).count(), 2);
  EXPECT_EQ(df.agg(F::sum(F::col("id"))).collect()[0].getLong(0), 6);
}

TEST(JsonReadTest, MultiLineArrayAndExplicitSchema) {
  TempDir dir;
  testing::writeText(dir / "m.json", "[\n  {\"a\": 1, \"d\": \"2024-01-31\", \"m\": {\"k\": 1.5}},\n  {\"a\": 2, \"d\": null}\n]\n");
  auto spark = testing::newSession();
  auto df = spark->read().option("multiLine", true).schema("a INT, d DATE, m MAP<STRING, DOUBLE>").json(dir / "m.json");
  EXPECT_EQ(rowsOf(df.collect()), (std::vector<std::string>{"1|2024-01-31|{k -> 1.5}", "2|NULL|NULL"}));
}

TEST(JsonReadTest, ModesForMalformedRecords) {
  TempDir dir;
  testing::writeText(dir / "b.json", "{\"a\": 1}\n{\"a\": \"x\"}\n{not json\n{\"a\": 4}\n");
  auto spark = testing::newSession();
  // Inference meets the broken line and adds _corrupt_record (PERMISSIVE).
  auto inferred = spark->read().json(dir / "b.json");
  EXPECT_EQ(inferred.columns(), (std::vector<std::string>{"a", "_corrupt_record"}));
  EXPECT_EQ(rowsOf(inferred.collect()), (std::vector<std::string>{"1|NULL", "x|NULL", "NULL|{not json", "4|NULL"}));
  auto typed = spark->read().schema("a INT, _corrupt_record STRING").json(dir / "b.json");
  EXPECT_EQ(rowsOf(typed.collect()),
            (std::vector<std::string>{"1|NULL", "NULL|{\"a\": \"x\"}", "NULL|{not json", "4|NULL"}));
  auto drop = spark->read().schema("a INT").option("mode", "DROPMALFORMED").json(dir / "b.json");
  EXPECT_EQ(rowsOf(drop.collect()), (std::vector<std::string>{"1", "4"}));
  try {
    spark->read().schema("a INT").option("mode", "FAILFAST").json(dir / "b.json").collect();
    FAIL();
  } catch (const IOException& e) {
    EXPECT_EQ(e.errorClass(), "MALFORMED_RECORD_IN_PARSING");
    EXPECT_NE(std::string(e.what()).find("b.json, line 2"), std::string::npos) << e.what();
  }
  try {
    spark->read().option("mode", "FAILFAST").json(dir / "b.json");
    FAIL();
  } catch (const IOException& e) {
    EXPECT_NE(std::string(e.what()).find("line 3"), std::string::npos) << e.what();
  }
}

TEST(JsonReadTest, WriteThenReadRoundTripAndSplits) {
  TempDir dir;
  auto spark = testing::newSession();
  auto df = spark->range(0, 2000).withColumn("s", F::concat(F::lit("v"), F::col("id").cast(StringType())));
  df.write().json(dir / "j");
  auto back = spark->read().option("maxPartitionBytes", "1000").json(dir / "j");
  EXPECT_EQ(back.count(), 2000);
  EXPECT_EQ(back.agg(F::sum(F::col("id"))).collect()[0].getLong(0), 1999 * 2000 / 2);
  EXPECT_EQ(back.filter(F::col("s") == "v1234").count(), 1);
}

}  // namespace
}  // namespace loch

namespace loch {
namespace {

TEST(JsonRobustnessTest, RandomBytesNeverCrash) {
  TempDir dir;
  std::mt19937 rng(7);
  const std::vector<std::string> pieces = {"{", "}", "[", "]", "\"a\"", ":", ",", "1", "-2.5e3", "null", "true",
                                           "\"x\\\"y\"", "\n", " ", "99999999999999999999999", "{\"a\":{\"b\":[1,\"s\"]}}"};
  auto spark = testing::newSession();
  int64_t total = 0;
  for (int round = 0; round < 40; ++round) {
    std::string text;
    size_t n = rng() % 60;
    for (size_t i = 0; i < n; ++i) text += pieces[rng() % pieces.size()];
    std::string path = dir / ("r" + std::to_string(round) + ".json");
    testing::writeText(path, text);
    for (bool multi : {false, true}) {
      auto df = spark->read().options({{"multiLine", multi ? "true" : "false"}, {"maxPartitionBytes", "13"}}).json(path);
      total += static_cast<int64_t>(df.collect().size());
      auto typed = spark->read().schema("a STRUCT<b: ARRAY<BIGINT>>, _corrupt_record STRING").json(path);
      total += static_cast<int64_t>(typed.collect().size());
    }
  }
  EXPECT_GT(total, 0);
}

}  // namespace
}  // namespace loch
