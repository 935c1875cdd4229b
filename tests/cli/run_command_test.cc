// `loch run` as a function: exit status and one-line errors.

#include "loch/cli/run_command.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace loch::cli {
namespace {

namespace fs = std::filesystem;

TEST(RunCommand, FailsWithOneLineReason) {
  RunOptions o;
  o.job = "events";
  o.input = "/nonexistent/loch/events";
  o.output = (fs::temp_directory_path() / ("loch_run_cmd_" + std::to_string(getpid()))).string();
  std::ostringstream out, err;
  EXPECT_EQ(runRunCommand(o, out, err), 1);
  EXPECT_EQ(err.str(), "\nloch run: [PATH_NOT_FOUND] Path does not exist: /nonexistent/loch/events.\n");
  EXPECT_FALSE(fs::exists(o.output));
}

TEST(RunCommand, RejectsMalformedConf) {
  RunOptions o;
  o.job = "events";
  o.conf = {"novalue"};
  std::ostringstream out, err;
  EXPECT_EQ(runRunCommand(o, out, err), 1);
  EXPECT_NE(err.str().find("[INVALID_CONF_VALUE] --conf expects key=value, got 'novalue'."), std::string::npos);
}

TEST(RunCommand, RunsASqlJobAndPrintsTheSummary) {
  fs::path dir = fs::temp_directory_path() / ("loch_run_cmd_ok_" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "job.sql") << "-- output: t\nSELECT ${n} AS n;\n";
  RunOptions o;
  o.job = (dir / "job.sql").string();
  o.output = (dir / "out").string();
  o.conf = {"n=5"};
  std::ostringstream out, err;
  EXPECT_EQ(runRunCommand(o, out, err), 0) << err.str();
  EXPECT_NE(err.str().find("loch run job: stage 1/1 t: 1 rows in"), std::string::npos) << err.str();
  EXPECT_NE(err.str().find("summary"), std::string::npos);
  EXPECT_TRUE(fs::exists(dir / "out/t/_SUCCESS"));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace loch::cli
