// SQL and YAML jobs: parameters, output directives, steps, views.

#include <gtest/gtest.h>

#include "jobs/jobs_test_util.h"
#include "loch/common/exception.h"
#include "loch/jobs/job_parameters.h"
#include "loch/jobs/script_splitter.h"
#include "loch/jobs/sql_job.h"

namespace loch::jobs::testing {
namespace {

TEST(JobParameters, SubstitutesAndRejectsUnbound) {
  EXPECT_EQ(substituteParameters("a ${input} b $${x}", {{"input", "/d"}}, "t"), "a /d b ${x}");
  EXPECT_EQ(substituteParameters("-- uses ${name}\nSELECT '${input}' /* ${y} */", {{"input", "/d"}}, "t"),
            "-- uses ${name}\nSELECT '/d' /* ${y} */");
  try {
    substituteParameters("${day}", {}, "job.sql");
    FAIL();
  } catch (const InvalidArgumentException& e) {
    EXPECT_EQ(e.errorClass(), "UNBOUND_PARAMETER");
    EXPECT_NE(std::string(e.what()).find("${day} of job.sql"), std::string::npos);
  }
}

TEST(OutputDirective, ParsesKeys) {
  auto spec = parseOutputDirective("-- a comment\n-- output: daily format=csv partition_by=y,m mode=append\n");
  ASSERT_TRUE(spec.has_value());
  EXPECT_EQ(spec->table, "daily");
  EXPECT_EQ(spec->format, "csv");
  EXPECT_EQ(spec->partition_by, (std::vector<std::string>{"y", "m"}));
  EXPECT_EQ(spec->mode, "append");
  EXPECT_FALSE(parseOutputDirective("-- nothing here\n").has_value());
  EXPECT_THROW(parseOutputDirective("-- output: t colour=red"), InvalidArgumentException);
  EXPECT_THROW(parseOutputDirective("-- output: t format=xml"), InvalidArgumentException);
}

TEST(ScriptSplitter, PreamblesAndCompleteness) {
  auto s = splitScript("-- output: a\nSELECT 1; /* c */ SELECT ';'");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].preamble, "-- output: a\n");
  EXPECT_EQ(s[1].preamble, " /* c */ ");
  EXPECT_TRUE(isCompleteStatement("SELECT 1;"));
  EXPECT_TRUE(isCompleteStatement("SELECT 1; -- done"));
  EXPECT_FALSE(isCompleteStatement("SELECT ';'"));
  EXPECT_FALSE(isCompleteStatement("SELECT 'abc;"));
  EXPECT_FALSE(isCompleteStatement(""));
}

TEST(SqlJob, WritesDirectedOutputsWithParameters) {
  TempDir dir;
  writeFile(dir / "in.csv", "k,v\na,1\na,2\nb,5\n");
  writeFile(dir / "job.sql",
            "CREATE TEMP VIEW t AS SELECT * FROM read_csv('${input}', header => true) ;\n"
            "-- output: sums format=json\n"
            "SELECT k, sum(CAST(v AS INT)) AS s FROM t GROUP BY k;\n"
            "-- output: parts partition_by=k\n"
            "SELECT k, CAST(v AS INT) AS v FROM t;\n");
  ASSERT_EQ(runJobCapture(newSession(), dir / "job.sql", dir / "in.csv", dir / "out"), "");
  auto spark = newSession();
  spark->read().json(dir / "out/sums").createOrReplaceTempView("sums");
  EXPECT_EQ(rows(spark, "SELECT k, s FROM sums ORDER BY k"), (std::vector<std::string>{"a|3", "b|5"}));
  EXPECT_TRUE(std::filesystem::is_directory(dir.path() / "out/parts/k=b"));
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "out/_job_summary.json"));
}

TEST(YamlJob, StepsSqlFilesQueriesAndAnalyses) {
  TempDir dir;
  writeFile(dir / "data/events.csv",
            "event_id,user_id,timestamp,event_type,product_id,category,value\n"
            "1,1,2024-01-01 10:00:00,view,100,books,\n"
            "2,1,2024-01-01 10:05:00,click,100,books,\n"
            "3,1,2024-01-01 10:30:00,purchase,100,books,5.0\n");
  writeFile(dir / "steps/count.sql", "CREATE TEMP VIEW x AS SELECT * FROM ev;\nSELECT count(*) AS n FROM x");
  writeFile(dir / "job.yaml",
            "name: nightly\n"
            "inputs:\n  events: ${input}\n"
            "steps:\n"
            "  - name: clean\n    analysis: clean_events\n"
            "  - name: funnel\n    analysis: funnel\n    output: funnel\n"
            "  - name: counted\n    sql: steps/count.sql\n    output: counted\n    format: csv\n"
            "  - name: top\n    query: SELECT n * 10 AS n10 FROM counted\n    output: top\n");
  std::string log;
  ASSERT_EQ(runJobCapture(newSession(), dir / "job.yaml", dir / "data/events.csv", dir / "out", &log), "") << log;
  auto spark = newSession();
  viewOf(spark, dir / "out", "funnel");
  viewOf(spark, dir / "out", "top");
  EXPECT_EQ(rows(spark, "SELECT stage, users FROM funnel ORDER BY step"),
            (std::vector<std::string>{"view|1", "click|1", "purchase|1"}));
  EXPECT_EQ(rows(spark, "SELECT n10 FROM top"), (std::vector<std::string>{"30"}));
  EXPECT_NE(readFile(dir / "out/_job_summary.json").find("\"job\": \"nightly\""), std::string::npos);
}

TEST(YamlJob, RejectsUnknownKeysAndAmbiguousSteps) {
  TempDir dir;
  writeFile(dir / "a.yaml", "steps:\n  - name: a\n    query: SELECT 1\n    sql: x.sql\n");
  std::string error = runJobCapture(newSession(), dir / "a.yaml", "", dir / "out");
  EXPECT_NE(error.find("needs exactly one of sql, query, analysis"), std::string::npos) << error;
  writeFile(dir / "b.yaml", "stepz: []\n");
  error = runJobCapture(newSession(), dir / "b.yaml", "", dir / "out");
  EXPECT_NE(error.find("unknown key 'stepz'"), std::string::npos) << error;
}

}  // namespace
}  // namespace loch::jobs::testing
