#include "loch/sql/type_name.h"

#include <gtest/gtest.h>

#include "sql/test_util.h"

namespace loch::sql {
namespace {

TEST(TypeNameTest, PrimitiveAliases) {
  const std::pair<const char*, const char*> cases[] = {
      {"boolean", "boolean"},   {"tinyint", "tinyint"},
      {"byte", "tinyint"},      {"smallint", "smallint"},
      {"short", "smallint"},    {"int", "int"},
      {"INTEGER", "int"},       {"bigint", "bigint"},
      {"long", "bigint"},       {"float", "float"},
      {"real", "float"},        {"double", "double"},
      {"dec", "decimal"},       {"numeric", "decimal"},
      {"string", "string"},     {"binary", "binary"},
      {"date", "date"},         {"timestamp", "timestamp"},
      {"timestamp_ltz", "timestamp"}, {"timestamp_ntz", "timestamp_ntz"},
  };
  for (const auto& [text, name] : cases) {
    EXPECT_EQ(parseDataType(text).name, name) << text;
  }
}

TEST(TypeNameTest, Parameters) {
  auto d = parseDataType("decimal(10,2)");
  EXPECT_EQ(d.params, (std::vector<int>{10, 2}));
  EXPECT_EQ(d.toString(), "DECIMAL(10,2)");
  EXPECT_EQ(parseDataType("DECIMAL").params.size(), 0u);
  EXPECT_EQ(parseDataType("varchar(20)").toString(), "VARCHAR(20)");
  EXPECT_EQ(parseDataType("char(3)").toString(), "CHAR(3)");
}

TEST(TypeNameTest, NestedTypes) {
  auto a = parseDataType("array<int>");
  ASSERT_EQ(a.children.size(), 1u);
  EXPECT_EQ(a.children[0].name, "int");
  auto m = parseDataType("map<string, array<bigint>>");
  EXPECT_EQ(m.toString(), "MAP<STRING, ARRAY<BIGINT>>");
  auto s = parseDataType("struct<a:int, b string NOT NULL COMMENT 'x'>");
  EXPECT_EQ(s.field_names, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(s.field_not_null, (std::vector<bool>{false, true}));
  EXPECT_EQ(s.field_comments[1], "x");
  EXPECT_EQ(s.toString(), "STRUCT<a: INT, b: STRING NOT NULL COMMENT 'x'>");
  EXPECT_EQ(parseDataType("struct<>").toString(), "STRUCT<>");
  EXPECT_EQ(parseDataType("array<struct<end: int>>").toString(),
            "ARRAY<STRUCT<end: INT>>");
}

TEST(TypeNameTest, IntervalTypes) {
  auto ds = parseDataType("interval day to second");
  EXPECT_EQ(ds.interval_from, "DAY");
  EXPECT_EQ(ds.interval_to, "SECOND");
  EXPECT_EQ(ds.toString(), "INTERVAL DAY TO SECOND");
  EXPECT_EQ(parseDataType("INTERVAL YEAR TO MONTH").toString(),
            "INTERVAL YEAR TO MONTH");
  EXPECT_EQ(parseDataType("interval month").toString(), "INTERVAL MONTH");
}

TEST(TypeNameTest, Errors) {
  EXPECT_EQ(testing::parseError([] { parseDataType("array<int"); }),
            "[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. "
            "(line 1, pos 9)");
  EXPECT_EQ(testing::parseError([] { parseDataType("decimal(a)"); }),
            "[PARSE_SYNTAX_ERROR] Syntax error at or near 'a'. (line 1, "
            "pos 8)");
}

}  // namespace
}  // namespace loch::sql
