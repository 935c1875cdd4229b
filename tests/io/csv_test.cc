#include "loch/io/csv/csv_source.h"

#include <gtest/gtest.h>

#include <random>

#include "api/test_session.h"
#include "io/io_test_util.h"
#include "loch/api/functions.h"
#include "loch/common/exception.h"
#include "loch/io/csv/csv_tokenizer.h"
#include "loch/io/csv/csv_values.h"
#include "loch/io/datetime_pattern.h"

namespace loch {
namespace {

namespace F = functions;
using testing::rowsOf;
using testing::sortedRows;
using testing::TempDir;

std::vector<std::vector<std::string>> tokenize(const std::string& text, CsvOptions opt = {}) {
  CsvTokenizer tok(opt, text, true);
  std::vector<CsvField> fields;
  std::vector<std::vector<std::string>> out;
  while (tok.next(fields)) {
    std::vector<std::string> row;
    for (const auto& f : fields) row.push_back((f.quoted ? "q:" : "") + std::string(f.text));
    out.push_back(row);
  }
  return out;
}

using Rows = std::vector<std::vector<std::string>>;

TEST(CsvTokenizerTest, QuotesEscapesAndLineEndings) {
  EXPECT_EQ(tokenize("a,b,c\n1,,3\r\n"), (Rows{{"a", "b", "c"}, {"1", "", "3"}}));
  EXPECT_EQ(tokenize("\"x,y\",\"he said \\\"hi\\\"\",\"a\"\"b\"\n"), (Rows{{"q:x,y", "q:he said \"hi\"", "q:a\"b"}}));
  EXPECT_EQ(tokenize("\"\",x\n"), (Rows{{"q:", "x"}}));
  // Blank lines are skipped; a trailing separator makes an empty last field.
  EXPECT_EQ(tokenize("a,\n\n\nb\rc"), (Rows{{"a", ""}, {"b"}, {"c"}}));
  // BOM at the start.
  EXPECT_EQ(tokenize("\xEF\xBB\xBFh1,h2\n"), (Rows{{"h1", "h2"}}));
  CsvOptions ml;
  ml.multi_line = true;
  EXPECT_EQ(tokenize("1,\"line1\nline2\"\n2,x\n", ml), (Rows{{"1", "q:line1\nline2"}, {"2", "x"}}));
  // Without multiLine the newline ends the record.
  EXPECT_EQ(tokenize("1,\"line1\nline2\"\n"), (Rows{{"1", "q:line1"}, {"line2\""}}));
  CsvOptions semi;
  semi.sep = ';';
  semi.comment = '#';
  EXPECT_EQ(tokenize("# comment\na;b\n#x;y\n", semi), (Rows{{"a", "b"}}));
}

TEST(CsvTokenizerTest, LineNumbersCountQuotedNewlines) {
  CsvOptions ml;
  ml.multi_line = true;
  std::string text = "h\n\"a\nb\"\nc\n";
  CsvTokenizer tok(ml, text, true);
  std::vector<CsvField> f;
  ASSERT_TRUE(tok.next(f));
  EXPECT_EQ(tok.recordLine(), 1);
  ASSERT_TRUE(tok.next(f));
  EXPECT_EQ(tok.recordLine(), 2);
  ASSERT_TRUE(tok.next(f));
  EXPECT_EQ(tok.recordLine(), 4);
  EXPECT_EQ(tok.rawRecord(), "c");
  EXPECT_FALSE(tok.next(f));
}

TEST(CsvInferTest, SparkInferenceOrder) {
  CsvOptions opt;
  CsvValueParser p(opt);
  auto infer = [&](std::vector<std::string> values) {
    DataTypePtr t = NullType();
    for (const auto& v : values) t = p.inferField(t, v);
    return t->simpleString();
  };
  EXPECT_EQ(infer({"1", "2"}), "int");
  EXPECT_EQ(infer({"1", "3000000000"}), "bigint");
  EXPECT_EQ(infer({"12345678901234567890"}), "decimal(20,0)");
  EXPECT_EQ(infer({"1", "2.5"}), "double");
  EXPECT_EQ(infer({"1.5", "12345678901234567890"}), "double");
  EXPECT_EQ(infer({"true", "FALSE"}), "boolean");
  EXPECT_EQ(infer({"true", "1"}), "string");
  EXPECT_EQ(infer({"2024-01-31"}), "date");
  EXPECT_EQ(infer({"2024-01-31", "2024-01-31 10:00:00"}), "timestamp");
  EXPECT_EQ(infer({"2024-01-31 10:00:00", "2024-02-01"}), "timestamp");
  EXPECT_EQ(infer({"x", "1"}), "string");
  EXPECT_EQ(infer({"NaN", "1"}), "double");
}

TEST(DateTimePatternTest, ParsesAndFormats) {
  DateTimePattern d("yyyy-MM-dd");
  EXPECT_EQ(d.parseDate("2024-02-29"), daysFromCivil(2024, 2, 29));
  EXPECT_FALSE(d.parseDate("2023-02-29"));
  EXPECT_FALSE(d.parseDate("2024-2-29"));
  EXPECT_FALSE(d.parseDate("2024-02-29x"));
  DateTimePattern eu("dd/MM/yyyy");
  EXPECT_EQ(eu.parseDate("31/01/2024"), daysFromCivil(2024, 1, 31));
  EXPECT_EQ(eu.formatDate(daysFromCivil(2024, 1, 31)), "31/01/2024");
  const auto& utc = lookupTimeZone("UTC");
  DateTimePattern ts("yyyy-MM-dd HH:mm:ss");
  int64_t day = static_cast<int64_t>(daysFromCivil(2024, 1, 31)) * 86'400'000'000LL;
  EXPECT_EQ(ts.parseTimestamp("2024-01-31 10:20:30", utc), day + (10 * 3600 + 20 * 60 + 30) * 1'000'000LL);
  EXPECT_EQ(ts.formatTimestamp(day + 1'000'000, utc), "2024-01-31 00:00:01");
  DateTimePattern iso("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
  EXPECT_EQ(iso.parseTimestamp("2024-01-31T01:00:00.500+01:00", utc), day + 500'000);
  EXPECT_EQ(iso.formatTimestamp(day + 500'000, utc), "2024-01-31T00:00:00.500Z");
  EXPECT_EQ(iso.formatTimestamp(day, lookupTimeZone("+02:00")), "2024-01-31T02:00:00.000+02:00");
  EXPECT_THROW(DateTimePattern("yyyy-MM-dd EEE"), InvalidArgumentException);
}

TEST(CsvReadTest, HeaderStringsByDefault) {
  TempDir dir;
  testing::writeText(dir / "people.csv", "\xEF\xBB\xBFid,name,score\n1,ann,10.5\n2,,\n3,\"smith, jo\",7\n");
  auto spark = testing::newSession();
  auto df = spark->read().option("header", true).csv(dir / "people.csv");
  EXPECT_EQ(df.columns(), (std::vector<std::string>{"id", "name", "score"}));
  SchemaPtr schema = df.schema();
  for (const auto& f : schema->fields()) EXPECT_EQ(f.type->id(), TypeId::String);
  EXPECT_EQ(rowsOf(df.collect()), (std::vector<std::string>{"1|ann|10.5", "2|NULL|NULL", "3|smith, jo|7"}));
  auto no_header = spark->read().csv(dir / "people.csv");
  EXPECT_EQ(no_header.columns(), (std::vector<std::string>{"_c0", "_c1", "_c2"}));
  EXPECT_EQ(no_header.count(), 4);
}

TEST(CsvReadTest, InferSchemaFilterAndGroupBy) {
  TempDir dir;
  testing::writeText(dir / "t.csv",
                     "id,city,amount,day,flag\n1,paris,2.5,2024-01-01,true\n2,rome,3,2024-01-02,false\n"
                     "3,paris,,2024-01-03,true\n4000000000,rome,1.5,,false\n");
  auto spark = testing::newSession();
  auto df = spark->read().options({{"header", "true"}, {"inferSchema", "true"}}).csv(dir / "t.csv");
  EXPECT_EQ(df.dtypes(), (std::vector<std::pair<std::string, std::string>>{
                             {"id", "bigint"}, {"city", "string"}, {"amount", "double"}, {"day", "date"}, {"flag", "boolean"}}));
  EXPECT_EQ(df.filter(F::col("amount") > 2).count(), 2);
  auto g = df.groupBy(F::col("city")).agg(F::count(F::col("amount")).alias("n"), F::sum(F::col("id")).alias("s"));
  EXPECT_EQ(sortedRows(g.collect()), (std::vector<std::string>{"paris|1|4", "rome|2|4000000002"}));
  EXPECT_EQ(df.filter(F::col("day").isNull()).count(), 1);
}

TEST(CsvReadTest, ExplicitSchemaNullAndEmptyValuesAndFormats) {
  TempDir dir;
  testing::writeText(dir / "t.csv", "1;-;\"\";31/12/2023;2024-01-01 10:00:00\n2;x;;01/01/2024;bad\n");
  auto spark = testing::newSession();
  auto df = spark->read()
                .schema("id INT, a STRING, b STRING, d DATE, ts TIMESTAMP")
                .option("sep", ";")
                .option("nullValue", "-")
                .option("dateFormat", "dd/MM/yyyy")
                .option("timestampFormat", "yyyy-MM-dd HH:mm:ss")
                .csv(dir / "t.csv");
  EXPECT_EQ(rowsOf(df.collect()),
            (std::vector<std::string>{"1|NULL||2023-12-31|2024-01-01 10:00:00", "2|x|NULL|2024-01-01|NULL"}));
}

TEST(CsvReadTest, ModesForMalformedRecords) {
  TempDir dir;
  testing::writeText(dir / "t.csv", "a,b\n1,2\nx,3\n4\n5,6\n");
  auto spark = testing::newSession();
  auto permissive = spark->read()
                        .option("header", true)
                        .schema("a INT, b INT, _corrupt_record STRING")
                        .csv(dir / "t.csv");
  EXPECT_EQ(rowsOf(permissive.collect()),
            (std::vector<std::string>{"1|2|NULL", "NULL|3|x,3", "4|NULL|4", "5|6|NULL"}));
  auto no_corrupt = spark->read().option("header", true).schema("a INT, b INT").csv(dir / "t.csv");
  EXPECT_EQ(rowsOf(no_corrupt.collect()), (std::vector<std::string>{"1|2", "NULL|3", "4|NULL", "5|6"}));
  auto drop = spark->read().option("header", true).option("mode", "DROPMALFORMED").schema("a INT, b INT").csv(dir / "t.csv");
  EXPECT_EQ(rowsOf(drop.collect()), (std::vector<std::string>{"1|2", "5|6"}));
  auto fail = spark->read().option("header", true).option("mode", "failfast").schema("a INT, b INT").csv(dir / "t.csv");
  try {
    fail.collect();
    FAIL() << "expected MALFORMED_RECORD_IN_PARSING";
  } catch (const IOException& e) {
    EXPECT_EQ(e.errorClass(), "MALFORMED_RECORD_IN_PARSING");
    std::string msg = e.what();
    EXPECT_NE(msg.find("[x,3]"), std::string::npos) << msg;
    EXPECT_NE(msg.find("t.csv, line 3"), std::string::npos) << msg;
  }
  EXPECT_THROW(spark->read().option("mode", "lenient").csv(dir / "t.csv"), InvalidArgumentException);
}

TEST(CsvReadTest, MultiLineQuotedFields) {
  TempDir dir;
  testing::writeText(dir / "t.csv", "id,text\n1,\"hello\nworld\"\n2,\"a \"\"quote\"\"\"\n");
  auto spark = testing::newSession();
  auto df = spark->read().option("header", true).option("multiLine", true).csv(dir / "t.csv");
  EXPECT_EQ(rowsOf(df.collect()), (std::vector<std::string>{"1|hello\nworld", "2|a \"quote\""}));
}

TEST(CsvReadTest, SplitsAlignToLines) {
  TempDir dir;
  std::string text = "id,v\n";
  int64_t expected_sum = 0;
  for (int i = 0; i < 1000; ++i) {
    text += std::to_string(i) + "," + std::string(static_cast<size_t>(i % 7), 'x') + "\n";
    expected_sum += i;
  }
  testing::writeText(dir / "big.csv", text);
  SourceOptions opts;
  opts.set("header", "true");
  opts.set("maxPartitionBytes", "97");
  CsvSource source(dir / "big.csv", opts, parseSchemaDDL("id INT, v STRING"));
  ScanOptions scan;
  scan.columns = {0, 1};
  auto tasks = source.planTasks(scan);
  EXPECT_GT(tasks.size(), 50u);
  int64_t rows = 0, sum = 0;
  for (const auto& t : tasks) {
    t->read(scan, [&](const RecordBatchPtr& b) {
      rows += b->numRows();
      for (int64_t r = 0; r < b->numRows(); ++r) {
        ASSERT_FALSE(b->column(0)->isNull(r));
        sum += b->column(0)->getValue(r).getLong();
        EXPECT_EQ(b->column(1)->getValue(r).isNull() ? 0 : b->column(1)->getValue(r).getString().size(),
                  static_cast<size_t>(b->column(0)->getValue(r).getLong() % 7));
      }
    });
  }
  EXPECT_EQ(rows, 1000);
  EXPECT_EQ(sum, expected_sum);
  // The same through the DataFrame API, with a FAILFAST line number from a later split.
  auto spark = testing::newSession();
  testing::writeText(dir / "bad/b.csv", text + "oops,1\n");
  try {
    spark->read().options({{"header", "true"}, {"mode", "FAILFAST"}, {"maxPartitionBytes", "97"}}).schema("id INT, v STRING").csv(dir / "bad").collect();
    FAIL();
  } catch (const IOException& e) {
    EXPECT_NE(std::string(e.what()).find("line 1002"), std::string::npos) << e.what();
  }
}

TEST(CsvReadTest, PartitionedFolderAndMissingPath) {
  TempDir dir;
  testing::writeText(dir / "country=fr/part-0.csv", "a\n1\n2\n");
  testing::writeText(dir / "country=it/part-0.csv", "a\n3\n");
  testing::writeText(dir / "_SUCCESS", "");
  auto spark = testing::newSession();
  auto df = spark->read().option("header", true).option("inferSchema", true).csv(dir.path());
  EXPECT_EQ(df.columns(), (std::vector<std::string>{"a", "country"}));
  EXPECT_EQ(sortedRows(df.groupBy(F::col("country")).count().collect()), (std::vector<std::string>{"fr|2", "it|1"}));
  try {
    spark->read().csv(dir / "nope.csv");
    FAIL();
  } catch (const IOException& e) {
    EXPECT_EQ(e.errorClass(), "PATH_NOT_FOUND");
    EXPECT_NE(std::string(e.what()).find("nope.csv"), std::string::npos);
  }
}

TEST(CsvReadTest, EmptyFileAndDuplicateHeaders) {
  TempDir dir;
  testing::writeText(dir / "empty.csv", "");
  testing::writeText(dir / "dup.csv", "a,A,,b\n1,2,3,4\n");
  auto spark = testing::newSession();
  auto empty = spark->read().schema("x INT").csv(dir / "empty.csv");
  EXPECT_EQ(empty.count(), 0);
  auto dup = spark->read().option("header", true).csv(dir / "dup.csv");
  EXPECT_EQ(dup.columns(), (std::vector<std::string>{"a0", "A1", "_c2", "b"}));
}

}  // namespace
}  // namespace loch

namespace loch {
namespace {

TEST(CsvRobustnessTest, RandomBytesNeverCrash) {
  TempDir dir;
  std::mt19937 rng(42);
  const std::string alphabet = "a1,\"\\\n\r #;-.eE\xEF\xBB\xBF\x00\xff";
  auto spark = testing::newSession();
  int64_t total = 0;
  for (int round = 0; round < 40; ++round) {
    std::string text;
    size_t n = rng() % 300;
    for (size_t i = 0; i < n; ++i) text.push_back(alphabet[rng() % alphabet.size()]);
    std::string path = dir / ("r" + std::to_string(round) + ".csv");
    testing::writeText(path, text);
    for (bool multi : {false, true}) {
      auto df = spark->read()
                    .options({{"inferSchema", "true"}, {"header", round % 2 ? "true" : "false"},
                              {"multiLine", multi ? "true" : "false"}, {"maxPartitionBytes", "17"}, {"comment", "#"}})
                    .csv(path);
      total += static_cast<int64_t>(df.collect().size());
    }
  }
  EXPECT_GT(total, 0);
}

}  // namespace
}  // namespace loch
