#include "loch/io/parquet/file_writer.h"

#include <gtest/gtest.h>

#include "api/test_session.h"
#include "io/io_test_util.h"
#include "loch/api/functions.h"
#include "loch/common/exception.h"
#include "loch/io/parquet/compressor.h"
#include "loch/io/parquet/file_reader.h"
#include "loch/io/parquet_source.h"
#include "loch/types/datetime.h"

namespace loch {
namespace {

using testing::TempDir;

std::vector<std::vector<Value>> readAll(const std::string& path) {
  auto reader = parquet::ParquetFileReader::open(path, {true});
  std::vector<std::vector<Value>> rows;
  for (int rg = 0; rg < reader->numRowGroups(); ++rg) {
    auto b = reader->readRowGroup(rg);
    for (int64_t r = 0; r < b->numRows(); ++r) rows.push_back(b->row(r));
  }
  return rows;
}

void writeFile(const std::string& path, const SchemaPtr& schema, const std::vector<RecordBatchPtr>& batches,
               parquet::WriterOptions options = {}) {
  parquet::ParquetFileWriter w(FileSystem::local()->create(path), schema, options);
  for (const auto& b : batches) w.write(b);
  w.close();
}

void expectSameRows(const std::vector<std::vector<Value>>& got, const std::vector<std::vector<Value>>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t r = 0; r < got.size(); ++r) {
    ASSERT_EQ(got[r].size(), want[r].size());
    for (size_t c = 0; c < got[r].size(); ++c) {
      EXPECT_TRUE(got[r][c] == want[r][c]) << "row " << r << " col " << c << ": " << got[r][c].toString() << " vs "
                                           << want[r][c].toString();
    }
  }
}

SchemaPtr allTypesSchema() {
  return StructType({StructField("b", BooleanType()), StructField("i8", ByteType()), StructField("i16", ShortType()),
                     StructField("i32", IntegerType()), StructField("i64", LongType()), StructField("f", FloatType()),
                     StructField("d", DoubleType()), StructField("s", StringType()), StructField("bin", BinaryType()),
                     StructField("dt", DateType()), StructField("ts", TimestampType()),
                     StructField("ntz", TimestampNTZType()), StructField("dec9", DecimalType(9, 2)),
                     StructField("dec18", DecimalType(18, 4)), StructField("dec38", DecimalType(38, 10)),
                     StructField("req", IntegerType(), false)});
}

std::vector<std::vector<Value>> allTypesRows(int n) {
  std::vector<std::vector<Value>> rows;
  int128_t big = 1;
  for (int k = 0; k < 37; ++k) big *= 10;
  for (int i = 0; i < n; ++i) {
    bool null = i % 5 == 3;
    auto N = [&](DataTypePtr t, Value v) { return null ? Value::null(t) : v; };
    rows.push_back({N(BooleanType(), Value::boolean(i % 2 == 0)), N(ByteType(), Value::byte(static_cast<int8_t>(i - 64))),
                    N(ShortType(), Value::shortValue(static_cast<int16_t>(i * 100 - 30000))),
                    N(IntegerType(), Value::integer(i % 3 == 0 ? INT32_MIN + i : i * 7)),
                    N(LongType(), Value::longValue(i % 4 == 0 ? INT64_MAX - i : -i)),
                    N(FloatType(), Value::floatValue(i == 7 ? std::nanf("") : i * 0.5f)),
                    N(DoubleType(), Value::doubleValue(i == 9 ? -0.0 : i / 3.0)),
                    N(StringType(), Value::string(i % 2 ? "héllo" + std::to_string(i % 10) : "")),
                    N(BinaryType(), Value::binary(std::string("\0\xff", 2) + std::to_string(i))),
                    N(DateType(), Value::date(i * 1000 - 700000)),
                    N(TimestampType(), Value::timestamp(static_cast<int64_t>(i) * 86'400'000'123LL - 5)),
                    N(TimestampNTZType(), Value::timestampNTZ(static_cast<int64_t>(i) * 1'000'001)),
                    N(DecimalType(9, 2), Value::decimal(i % 2 ? 999'999'999 : -i, 9, 2)),
                    N(DecimalType(18, 4), Value::decimal(i % 2 ? -999'999'999'999'999'999LL : i, 18, 4)),
                    N(DecimalType(38, 10), Value::decimal(i % 2 ? -(big * 9 + i) : big + i, 38, 10)),
                    Value::integer(i)});
  }
  return rows;
}

TEST(ParquetWriterTest, RoundTripsEveryTypeAndNull) {
  TempDir dir;
  auto schema = allTypesSchema();
  auto rows = allTypesRows(100);
  for (auto codec : {"snappy", "none", "gzip", "zstd", "lz4", "lz4_raw"}) {
    parquet::WriterOptions opts;
    opts.codec = parquet::codecFromName(codec);
    std::string path = dir / (std::string(codec) + ".parquet");
    writeFile(path, schema, {RecordBatch::fromRows(schema, rows)}, opts);
    expectSameRows(readAll(path), rows);
    auto reader = parquet::ParquetFileReader::open(path);
    EXPECT_TRUE(reader->sparkSchema().type->equals(*schema)) << reader->sparkSchema().type->simpleString();
  }
}

TEST(ParquetWriterTest, SchemaMatchesSpark) {
  TempDir dir;
  auto schema = allTypesSchema();
  writeFile(dir / "t.parquet", schema, {RecordBatch::fromRows(schema, allTypesRows(3))});
  auto reader = parquet::ParquetFileReader::open(dir / "t.parquet");
  const auto& leaves = reader->metadata().schema;
  auto find = [&](const std::string& name) {
    for (const auto& e : leaves) {
      if (e.name == name) return e;
    }
    return parquet::SchemaElement{};
  };
  EXPECT_EQ(find("dec9").type, parquet::PhysicalType::kInt32);
  EXPECT_EQ(find("dec18").type, parquet::PhysicalType::kInt64);
  EXPECT_EQ(find("dec38").type, parquet::PhysicalType::kFixedLenByteArray);
  EXPECT_EQ(find("dec38").type_length, 16);
  auto ts = find("ts");
  ASSERT_TRUE(ts.logical_type);
  EXPECT_EQ(ts.logical_type->kind, parquet::LogicalType::Kind::kTimestamp);
  EXPECT_EQ(ts.logical_type->unit, parquet::TimeUnit::kMicros);
  EXPECT_TRUE(ts.logical_type->is_adjusted_to_utc);
  EXPECT_FALSE(find("ntz").logical_type->is_adjusted_to_utc);
  EXPECT_EQ(find("req").repetition, parquet::Repetition::kRequired);
  EXPECT_EQ(find("s").repetition, parquet::Repetition::kOptional);
  EXPECT_EQ(reader->metadata().row_groups[0].columns[0].meta_data->codec, parquet::Codec::kSnappy);
}

TEST(ParquetWriterTest, EmptyFileAndOneRow) {
  TempDir dir;
  auto schema = allTypesSchema();
  writeFile(dir / "empty.parquet", schema, {});
  auto reader = parquet::ParquetFileReader::open(dir / "empty.parquet");
  EXPECT_EQ(reader->numRows(), 0);
  EXPECT_EQ(reader->numRowGroups(), 0);
  EXPECT_TRUE(reader->sparkSchema().type->equals(*schema));
  auto one = allTypesRows(1);
  writeFile(dir / "one.parquet", schema, {RecordBatch::fromRows(schema, one)});
  expectSameRows(readAll(dir / "one.parquet"), one);
}

TEST(ParquetWriterTest, ManyRowGroupsPagesAndStatistics) {
  TempDir dir;
  auto schema = StructType({StructField("id", LongType()), StructField("s", StringType())});
  std::vector<RecordBatchPtr> batches;
  std::vector<std::vector<Value>> all;
  for (int b = 0; b < 20; ++b) {
    std::vector<std::vector<Value>> rows;
    for (int i = 0; i < 500; ++i) {
      int64_t id = b * 500 + i;
      rows.push_back({Value::longValue(id), id % 11 == 0 ? Value::null(StringType()) : Value::string("v" + std::to_string(id % 37))});
    }
    all.insert(all.end(), rows.begin(), rows.end());
    batches.push_back(RecordBatch::fromRows(schema, rows));
  }
  parquet::WriterOptions opts;
  // About 500 rows per row group: row groups close at block_size by the
  // batches' average bytes per row, also inside a batch.
  opts.block_size = batches[0]->memoryBytes();
  opts.page_size = 512;
  writeFile(dir / "many.parquet", schema, batches, opts);
  auto reader = parquet::ParquetFileReader::open(dir / "many.parquet", {true});
  EXPECT_GE(reader->numRowGroups(), 18);
  EXPECT_LE(reader->numRowGroups(), 22);
  expectSameRows(readAll(dir / "many.parquet"), all);
  // Row group 3's statistics describe exactly its rows (ids first..last).
  int64_t first = 0;
  for (int rg = 0; rg < 3; ++rg) first += reader->metadata().row_groups[static_cast<size_t>(rg)].num_rows;
  int64_t last = first + reader->metadata().row_groups[3].num_rows - 1;
  int64_t nulls = 0;
  for (int64_t id = first; id <= last; ++id) nulls += id % 11 == 0;
  auto st = reader->rowGroupStats(3);
  ASSERT_TRUE(st.columns[0].min && st.columns[0].max);
  EXPECT_EQ(std::get<int64_t>(*st.columns[0].min), first);
  EXPECT_EQ(std::get<int64_t>(*st.columns[0].max), last);
  EXPECT_EQ(*st.columns[1].null_count, nulls);
  EXPECT_EQ(std::get<std::string>(*st.columns[1].min), "v0");
  // Dictionary encoding for the repetitive strings, plain for unique ids.
  const auto& meta = *reader->metadata().row_groups[0].columns[1].meta_data;
  EXPECT_TRUE(meta.dictionary_page_offset.has_value());
  EXPECT_FALSE(reader->metadata().row_groups[0].columns[0].meta_data->dictionary_page_offset.has_value());
  // Row-group pruning through the source uses these statistics: ids >= 9000
  // are in the row groups from the one holding 9000 on.
  int64_t start = 0;
  size_t from_9000 = 0, holding_4321 = 0;
  for (const auto& g : reader->metadata().row_groups) {
    if (start + g.num_rows > 9000) ++from_9000;
    if (start <= 4321 && 4321 < start + g.num_rows) ++holding_4321;
    start += g.num_rows;
  }
  ParquetSource source(dir / "many.parquet", SourceOptions());
  ScanOptions scan;
  scan.predicates = {{0, ColumnPredicate::Op::Ge, {Value::longValue(9000)}}};
  EXPECT_EQ(source.planTasks(scan).size(), from_9000);
  scan.predicates = {{0, ColumnPredicate::Op::Eq, {Value::longValue(4321)}}};
  EXPECT_EQ(source.planTasks(scan).size(), holding_4321);
  EXPECT_EQ(holding_4321, 1u);
}

// block_size smaller than a batch: the batch is split over several row groups.
TEST(ParquetWriterTest, RowGroupsSplitInsideABatch) {
  TempDir dir;
  auto schema = StructType({StructField("id", LongType())});
  std::vector<std::vector<Value>> rows;
  for (int64_t i = 0; i < 1000; ++i) rows.push_back({Value::longValue(i)});
  auto batch = RecordBatch::fromRows(schema, rows);
  parquet::WriterOptions opts;
  opts.block_size = batch->memoryBytes() / 10;
  writeFile(dir / "split.parquet", schema, {batch}, opts);
  auto reader = parquet::ParquetFileReader::open(dir / "split.parquet");
  EXPECT_GE(reader->numRowGroups(), 9);
  EXPECT_LE(reader->numRowGroups(), 11);
  EXPECT_EQ(reader->numRows(), 1000);
  expectSameRows(readAll(dir / "split.parquet"), rows);
}

TEST(ParquetWriterTest, NestedListsMapsStructs) {
  TempDir dir;
  auto elem = ArrayType(IntegerType(), true);
  auto point = StructType({StructField("x", DoubleType()), StructField("tags", ArrayType(StringType(), true))});
  auto schema = StructType({StructField("id", IntegerType()), StructField("nums", elem),
                            StructField("m", MapType(StringType(), LongType(), true)), StructField("p", point),
                            StructField("nested", ArrayType(ArrayType(IntegerType(), true), true))});
  auto I = [](int v) { return Value::integer(v); };
  std::vector<std::vector<Value>> rows = {
      {I(1), Value::array(elem, {I(1), Value::null(IntegerType()), I(3)}),
       Value::map(schema->fields()[2].type, {Value::mapEntry(Value::string("a"), Value::longValue(1)),
                                             Value::mapEntry(Value::string("b"), Value::null(LongType()))}),
       Value::structValue(point, {Value::doubleValue(1.5), Value::array(ArrayType(StringType(), true), {Value::string("t")})}),
       Value::array(schema->fields()[4].type, {Value::array(elem, {I(1), I(2)}), Value::array(elem, {}),
                                               Value::null(elem)})},
      {I(2), Value::array(elem, {}), Value::map(schema->fields()[2].type, {}),
       Value::structValue(point, {Value::null(DoubleType()), Value::null(ArrayType(StringType(), true))}),
       Value::array(schema->fields()[4].type, {})},
      {I(3), Value::null(elem), Value::null(schema->fields()[2].type), Value::null(point),
       Value::null(schema->fields()[4].type)},
  };
  writeFile(dir / "nested.parquet", schema, {RecordBatch::fromRows(schema, rows)});
  expectSameRows(readAll(dir / "nested.parquet"), rows);
  auto reader = parquet::ParquetFileReader::open(dir / "nested.parquet");
  EXPECT_TRUE(reader->sparkSchema().type->equals(*schema)) << reader->sparkSchema().type->simpleString();
}

TEST(ParquetWriterTest, RejectsUnsupportedTypesAndBadCodec) {
  TempDir dir;
  auto schema = StructType({StructField("iv", DayTimeIntervalType())});
  try {
    parquet::ParquetFileWriter w(FileSystem::local()->create(dir / "x.parquet"), schema);
    FAIL();
  } catch (const UnsupportedException& e) {
    EXPECT_NE(std::string(e.what()).find("`iv`"), std::string::npos);
  }
  try {
    parquet::codecFromName("brotli2");
    FAIL();
  } catch (const InvalidArgumentException& e) {
    EXPECT_EQ(e.errorClass(), "CODEC_NOT_AVAILABLE");
  }
}

TEST(ParquetWriterTest, ReadBackThroughDataFrame) {
  TempDir dir;
  auto schema = allTypesSchema();
  writeFile(dir / "t/part-0.parquet", schema, {RecordBatch::fromRows(schema, allTypesRows(50))});
  writeFile(dir / "t/part-1.parquet", schema, {RecordBatch::fromRows(schema, allTypesRows(30))});
  auto spark = testing::newSession();
  auto df = spark->read().parquet(dir / "t");
  EXPECT_EQ(df.count(), 80);
  EXPECT_EQ(df.filter(functions::col("i32").isNull()).count(), 10 + 6);
}

}  // namespace
}  // namespace loch
