// Bad inputs: each fails with a clear message and leaves the outputs of an
// earlier successful run untouched.

#include <gtest/gtest.h>

#include "jobs/jobs_test_util.h"
#include "loch/api/data_frame_writer.h"

namespace loch::jobs::testing {
namespace {

namespace fs = std::filesystem;

const char* kGoodCsv =
    "event_id,user_id,timestamp,event_type,product_id,category,value\n"
    "1,1,2024-01-01 10:00:00,view,100,books,\n"
    "2,1,2024-01-01 10:05:00,purchase,100,books,5.0\n";

class BadInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    writeFile(dir_ / "good/events.csv", kGoodCsv);
    ASSERT_EQ(runJobCapture(newSession(), "events", dir_ / "good/events.csv", dir_ / "out"), "");
    summary_ = readFile(dir_ / "out/_job_summary.json");
    ASSERT_FALSE(summary_.empty());
  }
  /// The earlier run's outputs are all still there, unchanged, and no staging folder is left.
  void expectOutputsIntact() {
    EXPECT_EQ(readFile(dir_ / "out/_job_summary.json"), summary_);
    EXPECT_TRUE(fs::exists(dir_.path() / "out/sessions/_SUCCESS"));
    for (const auto& e : fs::directory_iterator(dir_.path() / "out")) {
      EXPECT_EQ(e.path().filename().string().rfind(".loch-staging", 0), std::string::npos) << e.path();
    }
    auto spark = newSession();
    viewOf(spark, dir_ / "out", "monthly_summary");
    EXPECT_EQ(rows(spark, "SELECT events, revenue FROM monthly_summary"), (std::vector<std::string>{"2|5.0"}));
  }
  TempDir dir_;
  std::string summary_;
};

TEST_F(BadInputTest, MissingInputPath) {
  std::string error = runJobCapture(newSession(), "events", dir_ / "nope", dir_ / "out");
  EXPECT_NE(error.find("[PATH_NOT_FOUND] Path does not exist: "), std::string::npos) << error;
  EXPECT_NE(error.find("nope"), std::string::npos);
  expectOutputsIntact();
}

TEST_F(BadInputTest, EmptyFolder) {
  fs::create_directories(dir_.path() / "empty");
  writeFile(dir_ / "empty/_SUCCESS", "");
  std::string error = runJobCapture(newSession(), "events", dir_ / "empty", dir_ / "out");
  EXPECT_NE(error.find("[EMPTY_INPUT]"), std::string::npos) << error;
  expectOutputsIntact();
  // A fresh output folder is not even created.
  error = runJobCapture(newSession(), "events", dir_ / "empty", dir_ / "fresh");
  EXPECT_NE(error.find("[EMPTY_INPUT] The input folder '"), std::string::npos) << error;
  EXPECT_FALSE(fs::exists(dir_.path() / "fresh"));
}

TEST_F(BadInputTest, MissingInputOption) {
  std::string error = runJobCapture(newSession(), "events", "", dir_ / "out");
  EXPECT_NE(error.find("[MISSING_INPUT]"), std::string::npos) << error;
}

TEST_F(BadInputTest, CsvWithMalformedRowsIsQuarantined) {
  // A non-numeric user_id, an unparsable timestamp, a short row.
  writeFile(dir_ / "bad/events.csv",
            std::string(kGoodCsv) + "3,abc,2024-01-01 11:00:00,view,1,x,\n4,2,not-a-time,view,1,x,\n5,2\n");
  auto spark = newSession();
  ASSERT_EQ(runJobCapture(spark, "events", dir_ / "bad/events.csv", dir_ / "out2"), "");
  auto s2 = newSession();
  viewOf(s2, dir_ / "out2", "quarantine");
  EXPECT_EQ(rows(s2, "SELECT event_id, reason FROM quarantine ORDER BY event_id"),
            (std::vector<std::string>{"3|missing user_id", "4|missing timestamp", "5|missing timestamp"}));
}

TEST_F(BadInputTest, ParquetWithWrongSchema) {
  auto spark = newSession();
  spark->createDataFrame({{Value::longValue(1), Value::string("x")}}, "a BIGINT, b STRING")
      .write()
      .parquet(dir_ / "wrong");
  std::string error = runJobCapture(newSession(), "events", dir_ / "wrong", dir_ / "out");
  EXPECT_NE(error.find("[JOB_INPUT_SCHEMA] The events input lacks the required column(s) event_id, user_id, "
                       "timestamp, event_type (it has: a, b)"),
            std::string::npos)
      << error;
  expectOutputsIntact();
}

TEST_F(BadInputTest, OutputPathIsAFile) {
  writeFile(dir_ / "file.txt", "x");
  std::string error = runJobCapture(newSession(), "events", dir_ / "good/events.csv", dir_ / "file.txt");
  EXPECT_NE(error.find("[OUTPUT_PATH_NOT_A_DIRECTORY]"), std::string::npos) << error;
  EXPECT_EQ(readFile(dir_ / "file.txt"), "x");
}

TEST_F(BadInputTest, SqlJobWithSyntaxError) {
  writeFile(dir_ / "bad.sql", "-- output: monthly_summary\nSELECT 1 AS x;\n-- output: t2\nSELEC oops FROM;\n");
  std::string error = runJobCapture(newSession(), dir_ / "bad.sql", "", dir_ / "out");
  EXPECT_NE(error.find("[PARSE_SYNTAX_ERROR]"), std::string::npos) << error;
  EXPECT_NE(error.find("line 4"), std::string::npos) << error;
  expectOutputsIntact();
}

TEST_F(BadInputTest, YamlJobWithSyntaxError) {
  writeFile(dir_ / "bad.yaml", "steps:\n  - name: a\n    query: [unclosed\n");
  std::string error = runJobCapture(newSession(), dir_ / "bad.yaml", "", dir_ / "out");
  EXPECT_NE(error.find("[INVALID_JOB_FILE]"), std::string::npos) << error;
  EXPECT_NE(error.find("YAML syntax error at line"), std::string::npos) << error;
  expectOutputsIntact();
}

TEST_F(BadInputTest, FailureInALaterStageKeepsEarlierOutputs) {
  // The first output succeeds, the second fails at run time (ANSI cast error):
  // nothing of this run is committed.
  writeFile(dir_ / "fail.sql",
            "-- output: monthly_summary\nSELECT 99 AS events;\n-- output: t2\nSELECT CAST('x' AS INT) AS y;\n");
  std::string error = runJobCapture(newSession(), dir_ / "fail.sql", "", dir_ / "out");
  EXPECT_NE(error.find("CAST_INVALID_INPUT"), std::string::npos) << error;
  expectOutputsIntact();
  EXPECT_FALSE(fs::exists(dir_.path() / "out/t2"));
}

TEST_F(BadInputTest, UnknownJob) {
  std::string error = runJobCapture(newSession(), "nightly", "", dir_ / "out");
  EXPECT_NE(error.find("[UNKNOWN_JOB] Unknown job 'nightly'"), std::string::npos) << error;
}

}  // namespace
}  // namespace loch::jobs::testing
