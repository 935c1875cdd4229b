// End-to-end tests of the `loch` binary: each test runs it through the
// shell on temporary files and checks stdout, stderr and the exit status.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct RunResult {
  int status = -1;
  std::string out;
  std::string err;
};

std::string shellQuote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') {
      q += "'\\''";
    } else {
      q += c;
    }
  }
  return q + "'";
}

std::string readAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / ("loch_cli_test_" + std::to_string(getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  /// Runs `loch <args>` (each argument shell-quoted), stdin from `input`.
  RunResult run(const std::vector<std::string>& args, const std::string& input = "") {
    std::string cmd = shellQuote(LOCH_CLI_PATH);
    for (const auto& a : args) cmd += " " + shellQuote(a);
    fs::path in = dir_ / "stdin", out = dir_ / "stdout", err = dir_ / "stderr";
    std::ofstream(in, std::ios::binary) << input;
    cmd += " < " + shellQuote(in.string()) + " > " + shellQuote(out.string()) + " 2> " + shellQuote(err.string());
    int raw = std::system(cmd.c_str());
    RunResult r;
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.out = readAll(out);
    r.err = readAll(err);
    return r;
  }

  fs::path write(const std::string& name, const std::string& text) {
    fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }

  fs::path dir_;
};

TEST_F(CliTest, CsvMode) {
  auto r = run({"sql", "-c", "SELECT 1 AS a, 'x' AS b", "--mode", "csv"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "a,b\n1,x\n");
  EXPECT_EQ(r.err, "");
}

TEST_F(CliTest, CsvQuotingAndNulls) {
  auto r = run({"sql", "-c",
                "SELECT 'a,b' AS `x,y`, 'say \"hi\"' AS q, CAST(NULL AS STRING) AS n, '' AS e, 'l1\nl2' AS nl, 2.5D AS d",
                "--mode", "csv"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "\"x,y\",q,n,e,nl,d\n\"a,b\",\"say \"\"hi\"\"\",,\"\",\"l1\nl2\",2.5\n");
}

TEST_F(CliTest, CsvEmptyResultPrintsHeaderOnly) {
  auto r = run({"sql", "-c", "SELECT 1 AS a FROM range(0)", "--mode", "csv"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "a\n");
}

TEST_F(CliTest, JsonMode) {
  auto r = run({"sql", "-c",
                "SELECT 1 AS a, 'x\"y\\\\z' AS b, NULL AS c, 1.5D AS d, true AS t, array(1, 2) AS arr, "
                "named_struct('k', 'v') AS s, CAST('NaN' AS DOUBLE) AS nan, DATE'2024-01-02' AS dt, "
                "CAST(12.50 AS DECIMAL(5, 2)) AS dec",
                "--mode", "json"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out,
            "{\"a\":1,\"b\":\"x\\\"y\\\\z\",\"c\":null,\"d\":1.5,\"t\":true,\"arr\":[1,2],\"s\":{\"k\":\"v\"},"
            "\"nan\":\"NaN\",\"dt\":\"2024-01-02\",\"dec\":12.50}\n");
}

TEST_F(CliTest, JsonModeOneLinePerRow) {
  auto r = run({"sql", "-c", "SELECT id FROM range(3)", "--mode", "json"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "{\"id\":0}\n{\"id\":1}\n{\"id\":2}\n");
}

TEST_F(CliTest, TableModeIsDefault) {
  auto r = run({"sql", "-c", "SELECT 1 AS a, 'a long value over twenty chars' AS b"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out,
            "+---+------------------------------+\n"
            "|a  |b                             |\n"
            "+---+------------------------------+\n"
            "|1  |a long value over twenty chars|\n"
            "+---+------------------------------+\n");
}

TEST_F(CliTest, TableModeShowsAllRows) {
  auto r = run({"sql", "-c", "SELECT id FROM range(25)", "--mode", "table"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("|24 |"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("only showing"), std::string::npos);
}

TEST_F(CliTest, SyntaxErrorExitsOneWithPosition) {
  auto r = run({"sql", "-c", "SELEC 1"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.rfind("loch: [PARSE_SYNTAX_ERROR]", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("(line 1, pos 0)"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.back(), '\n');
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "one line: " << r.err;
}

TEST_F(CliTest, AnalysisErrorExitsOne) {
  auto r = run({"sql", "-c", "SELECT nope"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err.rfind("loch: [UNRESOLVED_COLUMN", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("`nope`"), std::string::npos) << r.err;
}

TEST_F(CliTest, ConfSetsSessionOptions) {
  auto ansi = run({"sql", "-c", "SELECT 1 / 0 AS x", "--mode", "csv"});
  EXPECT_EQ(ansi.status, 1);
  EXPECT_NE(ansi.err.find("[DIVIDE_BY_ZERO]"), std::string::npos) << ansi.err;
  auto legacy = run({"sql", "-c", "SELECT 1 / 0 AS x", "--mode", "csv", "--conf", "spark.sql.ansi.enabled=false"});
  EXPECT_EQ(legacy.status, 0) << legacy.err;
  EXPECT_EQ(legacy.out, "x\n\n");
}

TEST_F(CliTest, MalformedConfIsAnError) {
  auto r = run({"sql", "-c", "SELECT 1", "--conf", "novalue"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "loch: [INVALID_CONF_VALUE] --conf expects key=value, got 'novalue'.\n");
}

TEST_F(CliTest, ScriptFileRunsStatementsInOrder) {
  auto script = write("job.sql",
                      "-- a comment; with a semicolon\n"
                      "CREATE TEMP VIEW v AS SELECT id AS a FROM range(2);\n"
                      "SELECT a, ';' AS s FROM v;\n"
                      ";\n"
                      "SELECT count(*) AS n FROM v\n");
  auto r = run({"sql", "-f", script.string(), "--mode", "csv"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "a,s\n0,;\n1,;\nn\n2\n");
}

TEST_F(CliTest, ScriptErrorReportsScriptLineAndStops) {
  auto script = write("bad.sql", "SELECT 1 AS a;\n\nSELECT a +\n  FROM x;\nSELECT 2 AS b;\n");
  auto r = run({"sql", "-f", script.string(), "--mode", "csv"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "a\n1\n");  // statements before the error ran; later ones did not
  EXPECT_NE(r.err.find("[PARSE_SYNTAX_ERROR]"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("(line 4, pos 2)"), std::string::npos) << r.err;
}

TEST_F(CliTest, UnterminatedStringInScript) {
  auto script = write("bad.sql", "SELECT 1;\nSELECT 'oops\n");
  auto r = run({"sql", "-f", script.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");  // the script is split (and checked) before anything runs
  EXPECT_NE(r.err.find("[PARSE_SYNTAX_ERROR]"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("(line 2"), std::string::npos) << r.err;
}

TEST_F(CliTest, CommandWithSeveralStatements) {
  auto r = run({"sql", "-c", "CREATE TEMP VIEW v AS SELECT 7 AS a; SELECT a FROM v"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "+---+\n|a  |\n+---+\n|7  |\n+---+\n");  // the view prints nothing
}

TEST_F(CliTest, RuntimeErrorAfterEarlierResults) {
  auto r = run({"sql", "--mode", "json", "-c", "SELECT 1 AS a; SELECT CAST('x' AS INT) AS b; SELECT 3 AS c"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "{\"a\":1}\n");
  EXPECT_EQ(r.err.rfind("loch: [CAST_INVALID_INPUT]", 0), 0u) << r.err;
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "one line: " << r.err;
}

TEST_F(CliTest, ScriptFromStdin) {
  auto r = run({"sql", "--mode", "csv"}, "SELECT 1 AS x; SELECT 2 AS y;");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "x\n1\ny\n2\n");
}

TEST_F(CliTest, MissingScriptAndBadModeAreUsageErrors) {
  auto missing = run({"sql", "-f", (dir_ / "none.sql").string()});
  EXPECT_EQ(missing.status, 2);
  EXPECT_NE(missing.err.find("File does not exist"), std::string::npos) << missing.err;
  auto mode = run({"sql", "-c", "SELECT 1", "--mode", "xml"});
  EXPECT_EQ(mode.status, 2);
  EXPECT_NE(mode.err.find("--mode"), std::string::npos) << mode.err;
  auto none = run({});
  EXPECT_EQ(none.status, 2);
}

TEST_F(CliTest, HelpOnEachCommand) {
  for (const std::vector<std::string>& args : {std::vector<std::string>{"--help"}, {"sql", "--help"},
                                               {"gen", "--help"}, {"gen", "events", "--help"}}) {
    auto r = run(args);
    EXPECT_EQ(r.status, 0) << args.back();
    EXPECT_NE(r.out.find("Usage:"), std::string::npos) << r.out;
  }
  EXPECT_NE(run({"sql", "--help"}).out.find("--mode"), std::string::npos);
  EXPECT_NE(run({"gen", "events", "--help"}).out.find("--seed"), std::string::npos);
}

TEST_F(CliTest, GenEventsThenQuery) {
  std::string out = (dir_ / "data").string();
  auto gen = run({"gen", "events", "--rows", "1000", "--users", "50", "--days", "3", "--seed", "7", "--output", out});
  ASSERT_EQ(gen.status, 0) << gen.err;
  EXPECT_TRUE(fs::exists(out + "/events/_SUCCESS"));
  auto count = run({"sql", "-c", "SELECT count(*) FROM parquet.`" + out + "/events`", "--mode", "csv"});
  EXPECT_EQ(count.status, 0) << count.err;
  EXPECT_EQ(count.out, "count(1)\n1000\n");
  auto shape = run({"sql", "--mode", "csv", "-c",
                    "SELECT count(DISTINCT user_id) <= 50 AS users_ok, min(user_id) >= 1 AS min_ok, "
                    "max(user_id) <= 50 AS max_ok, count(DISTINCT day) AS days, "
                    "count_if(event_type = 'view') > count_if(event_type = 'click') AS f1, "
                    "count_if(event_type = 'click') > count_if(event_type = 'add_to_cart') AS f2, "
                    "count_if(event_type = 'add_to_cart') > count_if(event_type = 'purchase') AS f3, "
                    "count_if(event_type = 'purchase' AND value IS NULL) AS unpriced, "
                    "count_if(event_type <> 'purchase' AND value IS NOT NULL) AS priced_other, "
                    "count(DISTINCT event_id) AS ids "
                    "FROM parquet.`" + out + "/events`"});
  EXPECT_EQ(shape.status, 0) << shape.err;
  EXPECT_EQ(shape.out,
            "users_ok,min_ok,max_ok,days,f1,f2,f3,unpriced,priced_other,ids\n"
            "true,true,true,3,true,true,true,0,0,1000\n");
  auto dims = run({"sql", "--mode", "csv", "-c",
                   "SELECT (SELECT count(*) FROM parquet.`" + out + "/users`) AS users, "
                   "(SELECT count(*) FROM parquet.`" + out + "/products`) AS products"});
  EXPECT_EQ(dims.status, 0) << dims.err;
  EXPECT_EQ(dims.out, "users,products\n50,1000\n");
}

TEST_F(CliTest, GenEventsIsDeterministic) {
  auto query = [&](const std::string& path) {
    return run({"sql", "--mode", "csv", "-c",
                "SELECT event_type, count(*) AS n, sum(value) AS revenue, min(timestamp) AS first, "
                "sum(user_id * product_id) AS mix FROM parquet.`" + path + "/events` GROUP BY event_type "
                "ORDER BY event_type"});
  };
  std::vector<std::string> results;
  for (const char* name : {"a", "b"}) {
    std::string out = (dir_ / name).string();
    auto gen = run({"gen", "events", "--rows", "70000", "--users", "50", "--days", "3", "--seed", "7", "--output", out});
    ASSERT_EQ(gen.status, 0) << gen.err;
    auto r = query(out);
    ASSERT_EQ(r.status, 0) << r.err;
    results.push_back(r.out);
  }
  EXPECT_EQ(results[0], results[1]);
  std::string other = (dir_ / "c").string();
  ASSERT_EQ(run({"gen", "events", "--rows", "70000", "--users", "50", "--days", "3", "--seed", "8", "--output", other})
                .status,
            0);
  EXPECT_NE(query(other).out, results[0]);
}

TEST_F(CliTest, GenEventsCsvAndJsonFormats) {
  for (const char* fmt : {"csv", "json"}) {
    std::string out = (dir_ / fmt).string();
    auto gen = run({"gen", "events", "--rows", "100", "--users", "5", "--days", "2", "--seed", "1", "--output", out,
                    "--format", fmt});
    ASSERT_EQ(gen.status, 0) << gen.err;
    std::string reader = std::string(fmt) == "csv" ? "SELECT count(*) AS n FROM csv.`" + out + "/events`"
                                                   : "SELECT count(*) AS n FROM json.`" + out + "/events`";
    auto r = run({"sql", "--mode", "csv", "-c", reader});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out, std::string(fmt) == "csv" ? "n\n101\n" : "n\n100\n") << fmt;  // csv.`` reads the header as a row
  }
}

TEST_F(CliTest, GenEventsRejectsBadSizes) {
  auto r = run({"gen", "events", "--rows", "10", "--users", "0", "--output", (dir_ / "x").string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--users"), std::string::npos) << r.err;
  auto no_output = run({"gen", "events", "--rows", "10"});
  EXPECT_EQ(no_output.status, 2);
  EXPECT_NE(no_output.err.find("--output"), std::string::npos) << no_output.err;
}

TEST_F(CliTest, RunHelpAndFailures) {
  auto help = run({"run", "--help"});
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.out.find("--performance-test"), std::string::npos) << help.out;
  auto missing = run({"run", "events", "--input", (dir_ / "nope").string(), "--output", (dir_ / "out").string()});
  EXPECT_EQ(missing.status, 1);
  EXPECT_EQ(missing.err, "\nloch run: [PATH_NOT_FOUND] Path does not exist: " + (dir_ / "nope").string() + ".\n");
  EXPECT_FALSE(fs::exists(dir_ / "out"));
  auto usage = run({"run"});
  EXPECT_EQ(usage.status, 2);
}

TEST_F(CliTest, RunSqlJobWritesOutputsAndSummary) {
  write("job.sql", "-- output: t format=csv\nSELECT ${k} AS k;\n");
  auto r = run({"run", (dir_ / "job.sql").string(), "--output", (dir_ / "out").string(), "--conf", "k=7"});
  EXPECT_EQ(r.status, 0) << r.err;
  // Not a terminal: plain log lines, then the summary.
  EXPECT_NE(r.err.find("loch run job: stage 1/1 t: 1 rows in "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("loch run job: summary"), std::string::npos) << r.err;
  EXPECT_TRUE(fs::exists(dir_ / "out/_job_summary.json"));
  auto back = run({"sql", "--mode", "csv", "-c",
                   "SELECT * FROM read_csv('" + (dir_ / "out/t").string() + "', header => true)"});
  EXPECT_EQ(back.out, "k\n7\n") << back.err;
}

TEST_F(CliTest, InteractiveShellOnATerminal) {
  // Only reachable with a terminal on stdin; `script` provides one when installed.
  if (std::system("command -v script > /dev/null 2>&1") != 0) GTEST_SKIP() << "no `script` command";
  std::string cmd = "printf 'SELECT 41 +\\n 1 AS x;\\n.quit\\n' | HOME=" + shellQuote(dir_.string()) + " script -qec " +
                    shellQuote(shellQuote(LOCH_CLI_PATH) + " sql") + " /dev/null > " +
                    shellQuote((dir_ / "out").string()) + " 2>&1";
  int raw = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(raw));
  EXPECT_EQ(WEXITSTATUS(raw), 0);
  std::string out = readAll(dir_ / "out");
  EXPECT_NE(out.find("|42 |"), std::string::npos) << out;
  EXPECT_NE(readAll(dir_ / ".loch_history").find(".quit"), std::string::npos);
}

}  // namespace
