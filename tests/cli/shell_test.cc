// The interactive shell's logic fed from a stream (the non-terminal path):
// statement splitting across lines, dot-commands, errors that do not stop it.

#include "loch/cli/shell.h"

#include <gtest/gtest.h>

#include <sstream>

#include "loch/api/spark_session.h"

namespace loch::cli {
namespace {

struct ShellRun {
  int status;
  std::string out;
  std::string err;
};

ShellRun feed(const std::string& input) {
  RuntimeConfig conf;
  conf.set("loch.threads", "1");
  auto spark = std::make_shared<SparkSession>(conf);
  std::ostringstream out, err;
  Shell shell(spark, out, err);
  std::istringstream in(input);
  int status = runShellStream(shell, in);
  return {status, out.str(), err.str()};
}

TEST(Shell, MultiLineStatementRunsAtTheSemicolon) {
  auto r = feed(".mode csv\nSELECT 1 AS a,\n  2 AS b;\nSELECT 'x;y' AS s; SELECT 3 AS c;\n");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "a,b\n1,2\ns\nx;y\nc\n3\n");
}

TEST(Shell, StatementWithoutFinalSemicolonRunsAtEndOfInput) {
  auto r = feed(".mode json\nSELECT 7 AS n");
  EXPECT_EQ(r.out, "{\"n\":7}\n");
}

TEST(Shell, TablesSchemaAndModes) {
  auto r =
      feed("CREATE TEMP VIEW t AS SELECT 1 AS id, 'a' AS name;\n.tables\n.schema t\n.mode table\nSELECT * FROM t;\n");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out,
            "t\n"
            "t (id int, name string)\n"
            "+---+----+\n|id |name|\n+---+----+\n|1  |a   |\n+---+----+\n");
}

TEST(Shell, TimerPrintsRunTime) {
  auto r = feed(".timer on\n.mode csv\nSELECT 1 AS a;\n.timer off\nSELECT 2 AS b;\n");
  EXPECT_EQ(r.out.substr(0, 4), "a\n1\n");
  EXPECT_NE(r.out.find("Run Time: "), std::string::npos);
  EXPECT_EQ(r.out.find("Run Time: "), r.out.rfind("Run Time: "));  // only once
  EXPECT_EQ(r.out.substr(r.out.size() - 4), "b\n2\n");
}

TEST(Shell, ErrorsArePrintedAndTheShellGoesOn) {
  auto r = feed(".mode csv\nSELECT nope;\n.schema missing\n.mode xml\n.frobnicate\nSELECT 5 AS ok;\n");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "ok\n5\n");
  EXPECT_NE(r.err.find("Error: [UNRESOLVED_COLUMN"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("Error: [TABLE_OR_VIEW_NOT_FOUND]"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("Error: .mode table|csv|json"), std::string::npos);
  EXPECT_NE(r.err.find("unknown command .frobnicate"), std::string::npos);
}

TEST(Shell, QuitStopsAndHelpLists) {
  auto r = feed(".help\n.quit\nSELECT 1;\n");
  EXPECT_NE(r.out.find(".schema <view>"), std::string::npos);
  EXPECT_EQ(r.out.find("+---"), std::string::npos);  // the SELECT after .quit did not run
}

TEST(Shell, DotCommandInsideAStatementIsSql) {
  // A line starting with '.' continues an open statement instead of being a command.
  auto r = feed(".mode csv\nSELECT 1 +\n.5 AS x;\n");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "x\n1.5\n");
}

}  // namespace
}  // namespace loch::cli
