// SQL logic tests in the spirit of sqllogictest / DuckDB's .test files: every
// tests/binder/sql/*.test file is one test case run in a fresh session.
//
//   statement ok | statement error <substring>
//   <sql, up to a blank line>
//
//   query [rowsort]
//   <sql>
//   ----
//   <rows: Value::toString joined by '|', up to a blank line>
//
// Lines starting with '#' are comments (outside result rows). `${TEST_DIR}`
// in SQL and result rows is replaced by a fresh scratch folder of the file
// (removed afterwards), for tables and files the statements write.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "api/test_session.h"
#include "loch/common/exception.h"

namespace loch {
namespace {

std::filesystem::path testDir() {
  if (const char* src = std::getenv("LOCH_SOURCE_DIR")) {
    auto p = std::filesystem::path(src) / "tests" / "binder" / "sql";
    if (std::filesystem::exists(p)) return p;
  }
  return LOCH_SQL_TEST_DIR;
}

std::vector<std::string> testFiles() {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(testDir())) {
    if (e.path().extension() == ".test") out.push_back(e.path().stem().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string trimRight(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '\t')) s.pop_back();
  return s;
}

std::vector<std::string> resultRows(const DataFrame& df) {
  std::vector<std::string> out;
  for (const auto& r : df.collect()) {
    std::string s;
    for (size_t i = 0; i < r.size(); ++i) s += (i ? "|" : "") + r.get(i).toString();
    out.push_back(s);
  }
  return out;
}

std::string joinLines(const std::vector<std::string>& rows) {
  std::string s;
  for (const auto& r : rows) s += r + "\n";
  return s;
}

/// `text` with every `${TEST_DIR}` replaced by `scratch`.
std::string withScratch(std::string text, const std::filesystem::path& scratch) {
  for (size_t at; (at = text.find("${TEST_DIR}")) != std::string::npos;) text.replace(at, 11, scratch.string());
  return text;
}

class SqlLogicTest : public ::testing::TestWithParam<std::string> {};

TEST_P(SqlLogicTest, Run) {
  auto path = testDir() / (GetParam() + ".test");
  std::ifstream in(path);
  ASSERT_TRUE(in) << "cannot open " << path;
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(trimRight(l));
  auto spark = testing::newSession();
  const auto scratch = std::filesystem::temp_directory_path() /
                       ("loch_sqllogic_" + GetParam() + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(scratch);
  std::filesystem::create_directories(scratch);
  struct Cleanup {
    std::filesystem::path p;
    ~Cleanup() {
      std::error_code ec;
      std::filesystem::remove_all(p, ec);
    }
  } cleanup{scratch};
  int checked = 0;
  size_t i = 0;
  while (i < lines.size()) {
    const std::string& head = lines[i];
    if (head.empty() || head[0] == '#') {
      ++i;
      continue;
    }
    size_t head_line = i + 1;
    ++i;
    std::string sql;
    while (i < lines.size() && !lines[i].empty() && lines[i] != "----") sql += lines[i++] + "\n";
    sql = withScratch(sql, scratch);
    std::string where = path.filename().string() + ":" + std::to_string(head_line) + ": " + sql;
    if (head == "statement ok") {
      try {
        spark->sql(sql).collect();
      } catch (const std::exception& e) {
        ADD_FAILURE() << where << "unexpected error: " << e.what();
      }
    } else if (head.rfind("statement error", 0) == 0) {
      std::string expected = head.size() > 16 ? head.substr(16) : "";
      try {
        spark->sql(sql).collect();
        ADD_FAILURE() << where << "expected an error containing '" << expected << "'";
      } catch (const std::exception& e) {
        EXPECT_NE(std::string(e.what()).find(expected), std::string::npos)
            << where << "error '" << e.what() << "' does not contain '" << expected << "'";
      }
    } else if (head == "query" || head == "query rowsort") {
      ASSERT_TRUE(i < lines.size() && lines[i] == "----") << where << "missing ----";
      ++i;
      std::vector<std::string> expected;
      while (i < lines.size() && !lines[i].empty()) expected.push_back(withScratch(lines[i++], scratch));
      try {
        auto actual = resultRows(spark->sql(sql));
        if (head == "query rowsort") {
          std::sort(actual.begin(), actual.end());
          std::sort(expected.begin(), expected.end());
        }
        EXPECT_EQ(joinLines(actual), joinLines(expected)) << where;
      } catch (const std::exception& e) {
        ADD_FAILURE() << where << "unexpected error: " << e.what();
      }
    } else {
      FAIL() << path.filename().string() << ":" << head_line << ": unknown directive '" << head << "'";
    }
    ++checked;
  }
  EXPECT_GT(checked, 0) << "no statements in " << path;
}

INSTANTIATE_TEST_SUITE_P(Files, SqlLogicTest, ::testing::ValuesIn(testFiles()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string n = info.param;
                           for (auto& c : n) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return n;
                         });

}  // namespace
}  // namespace loch
