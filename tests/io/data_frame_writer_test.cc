#include "loch/api/data_frame_writer.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "api/test_session.h"
#include "io/io_test_util.h"
#include "loch/api/functions.h"
#include "loch/api/spark_session.h"
#include "loch/common/exception.h"
#include "loch/io/dataset_writer.h"
#include "loch/io/parquet/file_reader.h"

namespace loch {
namespace {

namespace F = functions;
namespace fs = std::filesystem;
using testing::rowsOf;
using testing::sortedRows;
using testing::TempDir;

std::vector<std::string> listRelative(const std::string& root) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file()) out.push_back(fs::path(e.path()).lexically_relative(root).string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

DataFrame sales(SparkSession& spark) {
  return spark.createDataFrame(
      {{Value::integer(2024), Value::integer(1), Value::string("a/b"), Value::doubleValue(1.5)},
       {Value::integer(2024), Value::integer(2), Value::string("x"), Value::doubleValue(2.5)},
       {Value::integer(2023), Value::integer(12), Value::null(StringType()), Value::null(DoubleType())},
       {Value::null(IntegerType()), Value::integer(1), Value::string(""), Value::doubleValue(-0.5)}},
      "year INT, month INT, item STRING, amount DOUBLE");
}

struct HookGuard {
  ~HookGuard() { setWriteFailureHookForTesting({}); }
};

TEST(DataFrameWriterTest, ParquetRoundTripWithSparkFileNames) {
  TempDir dir;
  auto spark = testing::newSession();
  auto df = sales(*spark);
  df.write().parquet(dir / "out");
  auto files = listRelative(dir / "out");
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0], "_SUCCESS");
  EXPECT_TRUE(files[1].starts_with("part-00000-")) << files[1];
  EXPECT_TRUE(files[1].ends_with("-c000.snappy.parquet")) << files[1];
  auto back = spark->read().parquet(dir / "out");
  EXPECT_EQ(back.dtypes(), df.dtypes());
  EXPECT_EQ(sortedRows(back.collect()), sortedRows(df.collect()));
  // No staging folder is left next to the target.
  for (const auto& e : fs::directory_iterator(dir.path())) EXPECT_EQ(e.path().filename(), "out");
}

TEST(DataFrameWriterTest, SaveModes) {
  TempDir dir;
  auto spark = testing::newSession();
  auto df = sales(*spark);
  df.write().parquet(dir / "t");
  try {
    df.write().parquet(dir / "t");
    FAIL();
  } catch (const AnalysisException& e) {
    EXPECT_EQ(e.errorClass(), "PATH_ALREADY_EXISTS");
    EXPECT_NE(std::string(e.what()).find("file:" + (dir / "t")), std::string::npos) << e.what();
  }
  df.limit(1).write().mode("ignore").parquet(dir / "t");
  EXPECT_EQ(spark->read().parquet(dir / "t").count(), 4);
  df.write().mode("append").parquet(dir / "t");
  EXPECT_EQ(spark->read().parquet(dir / "t").count(), 8);
  df.limit(1).write().mode("overwrite").parquet(dir / "t");
  EXPECT_EQ(spark->read().parquet(dir / "t").count(), 1);
  EXPECT_THROW(df.write().mode("upsert").parquet(dir / "t"), InvalidArgumentException);
}

TEST(DataFrameWriterTest, PartitionByWritesHiveFolders) {
  TempDir dir;
  auto spark = testing::newSession();
  auto df = sales(*spark);
  df.write().partitionBy({"year", "month"}).parquet(dir / "p");
  auto files = listRelative(dir / "p");
  std::vector<std::string> dirs;
  for (const auto& f : files) dirs.push_back(fs::path(f).parent_path().string());
  EXPECT_EQ(dirs, (std::vector<std::string>{"", "year=2023/month=12", "year=2024/month=1", "year=2024/month=2",
                                            "year=__HIVE_DEFAULT_PARTITION__/month=1"}));
  auto back = spark->read().parquet(dir / "p");
  EXPECT_EQ(back.columns(), (std::vector<std::string>{"item", "amount", "year", "month"}));
  EXPECT_EQ(sortedRows(back.select("year", "month", "item", "amount").collect()), sortedRows(df.collect()));
  EXPECT_EQ(back.filter(F::col("year") == 2024).count(), 2);
  // Values with '/' are escaped in folder names and read back intact.
  df.write().partitionBy({"item"}).parquet(dir / "q");
  EXPECT_TRUE(fs::exists(dir / "q/item=a%2Fb"));
  auto items = spark->read().parquet(dir / "q").select("item").collect();
  EXPECT_EQ(sortedRows(items), (std::vector<std::string>{"NULL", "NULL", "a/b", "x"}));
  try {
    df.write().partitionBy({"nope"}).parquet(dir / "r");
    FAIL();
  } catch (const AnalysisException& e) {
    EXPECT_EQ(e.errorClass(), "PARTITION_COLUMN_NOT_FOUND");
  }
  EXPECT_FALSE(fs::exists(dir / "r"));
}

TEST(DataFrameWriterTest, FailedOverwriteKeepsPreviousContents) {
  TempDir dir;
  HookGuard guard;
  auto spark = testing::newSession();
  auto df = sales(*spark);
  df.write().parquet(dir / "t");
  auto before = listRelative(dir / "t");
  setWriteFailureHookForTesting([](int64_t files) {
    if (files == 2) throw IOException("INJECTED_FAILURE", "disk on fire");
  });
  try {
    df.write().mode("overwrite").partitionBy({"year"}).parquet(dir / "t");
    FAIL();
  } catch (const IOException& e) {
    EXPECT_EQ(e.errorClass(), "INJECTED_FAILURE");
  }
  EXPECT_EQ(listRelative(dir / "t"), before);
  EXPECT_EQ(spark->read().parquet(dir / "t").count(), 4);
  for (const auto& e : fs::directory_iterator(dir.path())) EXPECT_EQ(e.path().filename(), "t");
  // The same failure on append leaves the table as it was.
  try {
    df.write().mode("append").partitionBy({"year"}).parquet(dir / "t");
    FAIL();
  } catch (const IOException&) {
  }
  EXPECT_EQ(listRelative(dir / "t"), before);
}

TEST(DataFrameWriterTest, RejectedValueLeavesNoTarget) {
  TempDir dir;
  auto spark = testing::newSession();
  auto df = spark->createDataFrame({{Value::longValue(1), Value::dayTimeInterval(5)}},
                                   StructType({StructField("id", LongType()), StructField("iv", DayTimeIntervalType())}));
  try {
    df.write().parquet(dir / "x");
    FAIL();
  } catch (const UnsupportedException& e) {
    EXPECT_NE(std::string(e.what()).find("`iv`"), std::string::npos);
  }
  EXPECT_FALSE(fs::exists(dir / "x"));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 0);
}

TEST(DataFrameWriterTest, CompressionOptionAndEmptyFrame) {
  TempDir dir;
  auto spark = testing::newSession();
  auto df = sales(*spark);
  df.write().option("compression", "zstd").parquet(dir / "z");
  auto files = listRelative(dir / "z");
  ASSERT_EQ(files.size(), 2u);
  EXPECT_TRUE(files[1].ends_with(".zstd.parquet")) << files[1];
  auto reader = parquet::ParquetFileReader::open(dir / ("z/" + files[1]));
  EXPECT_EQ(reader->metadata().row_groups[0].columns[0].meta_data->codec, parquet::Codec::kZstd);
  df.write().option("compression", "none").parquet(dir / "n");
  EXPECT_TRUE(listRelative(dir / "n")[1].ends_with("-c000.parquet"));
  try {
    df.write().option("compression", "bogus").parquet(dir / "b");
    FAIL();
  } catch (const InvalidArgumentException& e) {
    EXPECT_EQ(e.errorClass(), "CODEC_NOT_AVAILABLE");
  }
  df.filter(F::col("year") > 3000).write().parquet(dir / "e");
  auto empty = spark->read().parquet(dir / "e");
  EXPECT_EQ(empty.count(), 0);
  EXPECT_EQ(empty.dtypes(), df.dtypes());
}

TEST(DataFrameWriterTest, BlockSizeMakesRowGroupsAndDynamicOverwrite) {
  TempDir dir;
  auto spark = testing::newSession();
  auto big = spark->range(0, 50000).withColumn("k", F::col("id") % 3);
  big.write().option("parquet.block.size", 100000).parquet(dir / "rg");
  auto files = listRelative(dir / "rg");
  ASSERT_EQ(files.size(), 2u);
  auto reader = parquet::ParquetFileReader::open(dir / ("rg/" + files[1]));
  EXPECT_GT(reader->numRowGroups(), 1);
  EXPECT_EQ(reader->numRows(), 50000);
  EXPECT_EQ(spark->read().parquet(dir / "rg").filter(F::col("id") >= 49990).count(), 10);

  auto df = sales(*spark);
  df.write().partitionBy({"year"}).parquet(dir / "d");
  // Dynamic overwrite replaces only the partitions written (year=2023 here).
  df.filter(F::col("year") == 2023).write().mode("overwrite").option("partitionOverwriteMode", "dynamic")
      .partitionBy({"year"}).parquet(dir / "d");
  EXPECT_EQ(spark->read().parquet(dir / "d").count(), 4);
  // Static overwrite (Spark's default) replaces everything.
  df.filter(F::col("year") == 2023).write().mode("overwrite").partitionBy({"year"}).parquet(dir / "d");
  EXPECT_EQ(spark->read().parquet(dir / "d").count(), 1);
}

TEST(DataFrameWriterTest, CsvWriteAndReadBack) {
  TempDir dir;
  auto spark = testing::newSession();
  auto df = spark->createDataFrame(
      {{Value::integer(1), Value::string("plain"), Value::date(19723), Value::timestamp(1'704'103'200'000'000LL)},
       {Value::integer(2), Value::string("with,comma \"q\""), Value::null(DateType()), Value::null(TimestampType())},
       {Value::null(IntegerType()), Value::string(""), Value::date(0), Value::timestamp(0)},
       {Value::integer(4), Value::null(StringType()), Value::date(1), Value::timestamp(1500)}},
      "id INT, s STRING, d DATE, ts TIMESTAMP");
  df.write().option("header", true).csv(dir / "c");
  auto files = listRelative(dir / "c");
  ASSERT_EQ(files.size(), 2u);
  EXPECT_TRUE(files[1].ends_with("-c000.csv"));
  EXPECT_EQ(testing::readText(dir / ("c/" + files[1])),
            "id,s,d,ts\n"
            "1,plain,2024-01-01,2024-01-01T10:00:00.000Z\n"
            "2,\"with,comma \\\"q\\\"\",,\n"
            ",\"\",1970-01-01,1970-01-01T00:00:00.000Z\n"
            "4,,1970-01-02,1970-01-01T00:00:00.001Z\n");
  auto back = spark->read().option("header", true).schema("id INT, s STRING, d DATE, ts TIMESTAMP").csv(dir / "c");
  // Spark reads both the empty string and NULL back as NULL with the default nullValue.
  EXPECT_EQ(rowsOf(back.collect()), (std::vector<std::string>{"1|plain|2024-01-01|2024-01-01 10:00:00",
                                                              "2|with,comma \"q\"|NULL|NULL",
                                                              "NULL|NULL|1970-01-01|1970-01-01 00:00:00",
                                                              "4|NULL|1970-01-02|1970-01-01 00:00:00.001"}));
}

TEST(DataFrameWriterTest, JsonLines) {
  TempDir dir;
  auto spark = testing::newSession();
  auto df = spark->createDataFrame({{Value::integer(1), Value::string("a\"b"), Value::doubleValue(1.0)},
                                    {Value::integer(2), Value::null(StringType()), Value::doubleValue(1e20)}},
                                   "id INT, s STRING, x DOUBLE");
  df.write().json(dir / "j");
  auto files = listRelative(dir / "j");
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(testing::readText(dir / ("j/" + files[1])), "{\"id\":1,\"s\":\"a\\\"b\",\"x\":1.0}\n{\"id\":2,\"x\":1.0E20}\n");
}

}  // namespace
}  // namespace loch
