#include "loch/io/parquet_source.h"

#include <gtest/gtest.h>

#include "api/test_session.h"
#include "io/io_test_util.h"
#include "io/parquet/test_data.h"
#include "loch/api/functions.h"
#include "loch/common/exception.h"
#include "loch/io/file_index.h"
#include "loch/types/datetime.h"

namespace loch {
namespace {

namespace F = functions;
using loch::parquet::testing::corpusDir;
using loch::parquet::testing::corpusFile;
using testing::sortedRows;
using testing::TempDir;

#define REQUIRE_CORPUS() \
  if (corpusDir().empty()) GTEST_SKIP() << "PARQUET_TEST_DATA not set"

int64_t countTasks(const DataSource& source, std::vector<ColumnPredicate> predicates) {
  ScanOptions options;
  options.predicates = std::move(predicates);
  return static_cast<int64_t>(source.planTasks(options).size());
}

TEST(PartitionInferenceTest, InfersSparkTypes) {
  EXPECT_EQ(inferPartitionValue("2024", true), Value::integer(2024));
  EXPECT_EQ(inferPartitionValue("01", true), Value::integer(1));
  EXPECT_EQ(inferPartitionValue("3000000000", true), Value::longValue(3000000000LL));
  EXPECT_EQ(inferPartitionValue("1.5", true), Value::doubleValue(1.5));
  EXPECT_EQ(inferPartitionValue("2024-01-31", true), Value::date(daysFromCivil(2024, 1, 31)));
  EXPECT_EQ(inferPartitionValue("2024-02-30", true), Value::string("2024-02-30"));
  EXPECT_EQ(inferPartitionValue("2024-01-31 10%3A00%3A00", true).type()->id(), TypeId::Timestamp);
  EXPECT_EQ(inferPartitionValue("a%2Fb", true), Value::string("a/b"));
  EXPECT_EQ(inferPartitionValue("2024", false), Value::string("2024"));
  EXPECT_TRUE(inferPartitionValue("__HIVE_DEFAULT_PARTITION__", true).isNull());
  EXPECT_EQ(inferPartitionValue("99999999999999999999", true).type()->id(), TypeId::Decimal);
}

TEST(PartitionInferenceTest, WidensTypes) {
  EXPECT_TRUE(widenPartitionTypes({IntegerType(), LongType()})->equals(*LongType()));
  EXPECT_TRUE(widenPartitionTypes({IntegerType(), DoubleType()})->equals(*DoubleType()));
  EXPECT_TRUE(widenPartitionTypes({IntegerType(), StringType()})->equals(*StringType()));
  EXPECT_TRUE(widenPartitionTypes({DateType(), TimestampType()})->equals(*TimestampType()));
  EXPECT_TRUE(widenPartitionTypes({NullType(), IntegerType()})->equals(*IntegerType()));
  EXPECT_TRUE(widenPartitionTypes({NullType()})->equals(*StringType()));
}

TEST(StatsPruningTest, ComparisonsOnIntegers) {
  parquet::ColumnStats s;
  s.min = int64_t{10};
  s.max = int64_t{20};
  s.null_count = 0;
  s.num_values = 5;
  using Op = ColumnPredicate::Op;
  auto p = [](Op op, std::vector<Value> v) { return ColumnPredicate{0, op, std::move(v)}; };
  auto conv = parquet::ValueConversion::kInt32;
  const auto& t = *IntegerType();
  EXPECT_FALSE(statsMayMatch(s, conv, t, p(Op::Eq, {Value::integer(9)})));
  EXPECT_TRUE(statsMayMatch(s, conv, t, p(Op::Eq, {Value::integer(10)})));
  EXPECT_TRUE(statsMayMatch(s, conv, t, p(Op::Eq, {Value::longValue(20)})));
  EXPECT_FALSE(statsMayMatch(s, conv, t, p(Op::Eq, {Value::integer(21)})));
  EXPECT_FALSE(statsMayMatch(s, conv, t, p(Op::Lt, {Value::integer(10)})));
  EXPECT_TRUE(statsMayMatch(s, conv, t, p(Op::Le, {Value::integer(10)})));
  EXPECT_FALSE(statsMayMatch(s, conv, t, p(Op::Gt, {Value::integer(20)})));
  EXPECT_TRUE(statsMayMatch(s, conv, t, p(Op::Ge, {Value::integer(20)})));
  EXPECT_FALSE(statsMayMatch(s, conv, t, p(Op::In, {Value::integer(1), Value::integer(30)})));
  EXPECT_TRUE(statsMayMatch(s, conv, t, p(Op::In, {Value::integer(1), Value::integer(15)})));
  EXPECT_FALSE(statsMayMatch(s, conv, t, p(Op::IsNull, {})));
  EXPECT_TRUE(statsMayMatch(s, conv, t, p(Op::IsNotNull, {})));
  // A literal of another type (string) is never used to prune.
  EXPECT_TRUE(statsMayMatch(s, conv, t, p(Op::Eq, {Value::string("x")})));
  // Missing bounds: keep.
  parquet::ColumnStats none;
  EXPECT_TRUE(statsMayMatch(none, conv, t, p(Op::Eq, {Value::integer(9)})));
  // All NULL: no comparison matches, IS NOT NULL neither.
  parquet::ColumnStats nulls;
  nulls.null_count = 5;
  nulls.num_values = 5;
  EXPECT_FALSE(statsMayMatch(nulls, conv, t, p(Op::Eq, {Value::integer(9)})));
  EXPECT_FALSE(statsMayMatch(nulls, conv, t, p(Op::IsNotNull, {})));
  EXPECT_TRUE(statsMayMatch(nulls, conv, t, p(Op::IsNull, {})));
  // NotEq prunes only a constant chunk equal to the literal.
  parquet::ColumnStats constant;
  constant.min = int64_t{7};
  constant.max = int64_t{7};
  constant.null_count = 0;
  EXPECT_FALSE(statsMayMatch(constant, conv, t, p(Op::NotEq, {Value::integer(7)})));
  EXPECT_TRUE(statsMayMatch(constant, conv, t, p(Op::NotEq, {Value::integer(8)})));
}

TEST(StatsPruningTest, UnitsOfTimestampsAndDecimals) {
  using Op = ColumnPredicate::Op;
  parquet::ColumnStats ms;  // TIMESTAMP(MILLIS): 1000 ms .. 2000 ms
  ms.min = int64_t{1000};
  ms.max = int64_t{2000};
  const auto& ts = *TimestampType();
  EXPECT_TRUE(statsMayMatch(ms, parquet::ValueConversion::kTimestampMillis, ts,
                            {0, Op::Eq, {Value::timestamp(1'500'000)}}));
  EXPECT_FALSE(statsMayMatch(ms, parquet::ValueConversion::kTimestampMillis, ts,
                             {0, Op::Gt, {Value::timestamp(2'000'000)}}));
  EXPECT_TRUE(statsMayMatch(ms, parquet::ValueConversion::kTimestampMillis, ts,
                            {0, Op::Ge, {Value::timestamp(2'000'000)}}));
  parquet::ColumnStats ns;  // TIMESTAMP(NANOS): floored to micros
  ns.min = int64_t{1'000'999};
  ns.max = int64_t{2'000'999};
  EXPECT_TRUE(statsMayMatch(ns, parquet::ValueConversion::kTimestampNanos, ts, {0, Op::Eq, {Value::timestamp(1000)}}));
  EXPECT_TRUE(statsMayMatch(ns, parquet::ValueConversion::kTimestampNanos, ts, {0, Op::Eq, {Value::timestamp(2000)}}));
  EXPECT_FALSE(statsMayMatch(ns, parquet::ValueConversion::kTimestampNanos, ts, {0, Op::Eq, {Value::timestamp(2001)}}));
  parquet::ColumnStats dec;  // decimal(9,2) as unscaled int32: 1.00 .. 2.50
  dec.min = int64_t{100};
  dec.max = int64_t{250};
  auto dt = DecimalType(9, 2);
  EXPECT_FALSE(statsMayMatch(dec, parquet::ValueConversion::kDecimalFromInt32, *dt,
                             {0, Op::Eq, {Value::decimal(251, 9, 2)}}));
  EXPECT_TRUE(statsMayMatch(dec, parquet::ValueConversion::kDecimalFromInt32, *dt,
                            {0, Op::Eq, {Value::decimal(250, 9, 2)}}));
  // Another scale is not compared.
  EXPECT_TRUE(statsMayMatch(dec, parquet::ValueConversion::kDecimalFromInt32, *dt,
                            {0, Op::Eq, {Value::decimal(2510, 9, 3)}}));
  parquet::ColumnStats str;
  str.min = std::string("apple");
  str.max = std::string("melon");
  EXPECT_FALSE(statsMayMatch(str, parquet::ValueConversion::kBytes, *StringType(), {0, Op::Eq, {Value::string("zebra")}}));
  EXPECT_TRUE(statsMayMatch(str, parquet::ValueConversion::kBytes, *StringType(), {0, Op::Lt, {Value::string("b")}}));
  EXPECT_FALSE(statsMayMatch(str, parquet::ValueConversion::kBytes, *StringType(), {0, Op::Lt, {Value::string("apple")}}));
}

TEST(ParquetSourceTest, MissingPathNamesIt) {
  try {
    ParquetSource source("/nonexistent/loch/data.parquet", SourceOptions());
    FAIL() << "expected PATH_NOT_FOUND";
  } catch (const IOException& e) {
    EXPECT_EQ(e.errorClass(), "PATH_NOT_FOUND");
    EXPECT_NE(std::string(e.what()).find("Path does not exist: file:/nonexistent/loch/data.parquet"), std::string::npos);
  }
  try {
    ParquetSource source("/nonexistent/loch/*.parquet", SourceOptions());
    FAIL() << "expected PATH_NOT_FOUND";
  } catch (const IOException& e) {
    EXPECT_EQ(e.errorClass(), "PATH_NOT_FOUND");
  }
}

TEST(ParquetSourceTest, EmptyFolderNeedsSchema) {
  TempDir dir;
  testing::writeText(dir / "_SUCCESS", "");
  try {
    ParquetSource source(dir.path(), SourceOptions());
    FAIL();
  } catch (const IOException& e) {
    EXPECT_EQ(e.errorClass(), "UNABLE_TO_INFER_SCHEMA");
  }
  ParquetSource with_schema(dir.path(), SourceOptions(), StructType({StructField("a", IntegerType())}));
  EXPECT_EQ(countTasks(with_schema, {}), 0);
}

TEST(ParquetSourceTest, SingleFileTasksAndPruning) {
  REQUIRE_CORPUS();
  ParquetSource source(corpusFile("alltypes_plain.parquet"), SourceOptions());
  EXPECT_EQ(source.schema()->fields()[0].name, "id");
  EXPECT_EQ(source.numFiles(), 1u);
  EXPECT_GT(source.estimatedBytes(), 0);
  EXPECT_EQ(countTasks(source, {}), 1);
  // This old parquet-mr file has no statistics: nothing is pruned.
  EXPECT_EQ(countTasks(source, {{0, ColumnPredicate::Op::Gt, {Value::integer(7)}}}), 1);
}

TEST(ParquetSourceTest, ProjectionAndCountThroughDataFrame) {
  REQUIRE_CORPUS();
  auto spark = testing::newSession();
  auto df = spark->read().parquet(corpusFile("alltypes_plain.parquet"));
  EXPECT_EQ(df.count(), 8);
  EXPECT_EQ(df.filter(F::col("id") > 4).count(), 3);
  auto rows = df.groupBy(F::col("bool_col")).count().collect();
  EXPECT_EQ(sortedRows(rows), (std::vector<std::string>{"false|4", "true|4"}));
  auto ids = df.filter(F::col("id") < 2).select("id", "int_col").collect();
  EXPECT_EQ(sortedRows(ids), (std::vector<std::string>{"0|0", "1|1"}));
}

/// Builds year=/month= folders of copies of alltypes_plain.parquet, with
/// files Spark ignores (_SUCCESS, .crc).
void makePartitionedDataset(const TempDir& dir) {
  auto src = corpusFile("alltypes_plain.parquet");
  testing::copyFile(src, dir / "year=2023/month=12/part-00000.parquet");
  testing::copyFile(src, dir / "year=2024/month=01/part-00000.parquet");
  testing::copyFile(src, dir / "year=2024/month=02/part-00000.parquet");
  testing::copyFile(src, dir / "year=__HIVE_DEFAULT_PARTITION__/month=02/part-00000.parquet");
  testing::writeText(dir / "_SUCCESS", "");
  testing::writeText(dir / "year=2024/month=01/.part-00000.parquet.crc", "garbage");
  testing::writeText(dir / "year=2024/_temporary/x.parquet", "garbage");
}

TEST(ParquetSourceTest, HivePartitionsBecomeTypedColumns) {
  REQUIRE_CORPUS();
  TempDir dir;
  makePartitionedDataset(dir);
  auto spark = testing::newSession();
  auto df = spark->read().parquet(dir.path());
  auto names = df.columns();
  ASSERT_GE(names.size(), 2u);
  EXPECT_EQ(names[names.size() - 2], "year");
  EXPECT_EQ(names.back(), "month");
  auto fields = df.schema()->fields();
  EXPECT_EQ(fields[fields.size() - 2].type->id(), TypeId::Integer);
  EXPECT_EQ(fields.back().type->id(), TypeId::Integer);
  EXPECT_EQ(df.count(), 32);
  EXPECT_EQ(df.filter(F::col("year").isNull()).count(), 8);
  auto rows = df.groupBy(F::col("year"), F::col("month")).count().collect();
  EXPECT_EQ(sortedRows(rows), (std::vector<std::string>{"2023|12|8", "2024|1|8", "2024|2|8", "NULL|2|8"}));
  EXPECT_EQ(df.filter(F::col("year") == 2024 && F::col("id") > 5).count(), 4);
}

TEST(ParquetSourceTest, PartitionPruningSkipsFiles) {
  REQUIRE_CORPUS();
  TempDir dir;
  makePartitionedDataset(dir);
  ParquetSource source(dir.path(), SourceOptions());
  int year = source.numFileColumns();
  EXPECT_EQ(countTasks(source, {}), 4);
  EXPECT_EQ(countTasks(source, {{year, ColumnPredicate::Op::Eq, {Value::integer(2024)}}}), 2);
  EXPECT_EQ(countTasks(source, {{year, ColumnPredicate::Op::IsNull, {}}}), 1);
  EXPECT_EQ(countTasks(source, {{year, ColumnPredicate::Op::Lt, {Value::integer(2024)}}}), 1);
  EXPECT_EQ(countTasks(source, {{year + 1, ColumnPredicate::Op::In, {Value::integer(1), Value::integer(12)}}}), 2);
  // A predicate on a file column without statistics (this file has none) keeps everything.
  EXPECT_EQ(countTasks(source, {{year, ColumnPredicate::Op::Eq, {Value::integer(2024)}},
                                {0, ColumnPredicate::Op::Gt, {Value::integer(100)}}}),
            2);
}

TEST(ParquetSourceTest, RecursiveFileLookupAndGlob) {
  REQUIRE_CORPUS();
  TempDir dir;
  makePartitionedDataset(dir);
  SourceOptions opts;
  opts.set("recursiveFileLookup", "true");
  ParquetSource flat(dir.path(), opts);
  EXPECT_EQ(flat.numFiles(), 4u);
  EXPECT_EQ(flat.schema()->fields().size(), static_cast<size_t>(flat.numFileColumns()));
  ParquetSource globbed(dir / "year=2024/month=0*", SourceOptions());
  EXPECT_EQ(globbed.numFiles(), 2u);
  auto spark = testing::newSession();
  EXPECT_EQ(spark->read().parquet(dir / "year=2024/*/*.parquet").count(), 16);
}

TEST(ParquetSourceTest, SchemasMustMatchUnlessMerged) {
  REQUIRE_CORPUS();
  TempDir dir;
  testing::copyFile(corpusFile("alltypes_plain.parquet"), dir / "a.parquet");
  testing::copyFile(corpusFile("binary.parquet"), dir / "b.parquet");
  try {
    ParquetSource source(dir.path(), SourceOptions());
    FAIL();
  } catch (const IOException& e) {
    EXPECT_EQ(e.errorClass(), "CANNOT_MERGE_SCHEMAS");
    EXPECT_NE(std::string(e.what()).find("b.parquet"), std::string::npos);
  }
  auto spark = testing::newSession();
  auto df = spark->read().option("mergeSchema", true).parquet(dir.path());
  auto merged = df.columns();
  EXPECT_EQ(merged.front(), "id");
  auto n_binary = spark->read().parquet(dir / "b.parquet").count();
  EXPECT_EQ(df.count(), 8 + n_binary);
  // Columns absent from a file read as NULL.
  EXPECT_EQ(df.filter(F::col("id").isNull()).count(), n_binary);
}

TEST(ParquetSourceTest, UserSchemaSelectsByName) {
  REQUIRE_CORPUS();
  auto spark = testing::newSession();
  auto df = spark->read().schema("int_col INT, missing STRING, id INT").parquet(corpusFile("alltypes_plain.parquet"));
  EXPECT_EQ(df.columns(), (std::vector<std::string>{"int_col", "missing", "id"}));
  auto rows = df.filter(F::col("id") <= 1).collect();
  EXPECT_EQ(sortedRows(rows), (std::vector<std::string>{"0|NULL|0", "1|NULL|1"}));
  try {
    spark->read().schema("id STRING").parquet(corpusFile("alltypes_plain.parquet"));
    FAIL();
  } catch (const IOException& e) {
    EXPECT_EQ(e.errorClass(), "PARQUET_COLUMN_DATA_TYPE_MISMATCH");
  }
}

TEST(ParquetSourceTest, ReadsEveryReadableCorpusFile) {
  REQUIRE_CORPUS();
  auto spark = testing::newSession();
  int read = 0;
  for (const auto& name : {"alltypes_dictionary.parquet", "alltypes_plain.snappy.parquet", "nested_lists.snappy.parquet",
                           "nested_structs.rust.parquet", "int32_decimal.parquet", "byte_array_decimal.parquet",
                           "nulls.snappy.parquet", "datapage_v2.snappy.parquet", "list_columns.parquet"}) {
    auto df = spark->read().format("parquet").load(corpusFile(name));
    auto batches = df.collectBatches();
    int64_t rows = 0;
    for (const auto& b : batches) rows += b->numRows();
    EXPECT_EQ(rows, df.count()) << name;
    ++read;
  }
  EXPECT_EQ(read, 9);
}

TEST(DataFrameReaderTest, UnknownFormat) {
  auto spark = testing::newSession();
  try {
    spark->read().format("avro").load("/tmp");
    FAIL();
  } catch (const AnalysisException& e) {
    EXPECT_EQ(e.errorClass(), "DATA_SOURCE_NOT_FOUND");
    EXPECT_NE(std::string(e.what()).find("avro"), std::string::npos);
  }
}

}  // namespace
}  // namespace loch
