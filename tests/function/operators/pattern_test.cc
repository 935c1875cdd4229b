#include <gtest/gtest.h>

#include "function/operators/operator_test_util.h"

namespace loch::testing {
namespace {

std::vector<Value> likeAll(ExprHarness& h, const std::vector<std::string>& strs, const std::string& pattern,
                           const std::string& fn = "like") {
  std::vector<Value> in;
  for (const auto& s : strs) in.push_back(S(s));
  auto attrs = h.setInput({vec(StringType(), in)});
  auto r = h.eval(h.call(fn, {attrs[0], Expr::literal(S(pattern))}));
  std::vector<Value> out;
  for (int64_t i = 0; i < r->size(); ++i) out.push_back(r->getValue(i));
  return out;
}

TEST(PatternTest, LikeWildcards) {
  ExprHarness h;
  std::vector<std::string> strs = {"Spark", "park", "spark sql", "", "SPARK"};
  EXPECT_EQ(likeAll(h, strs, "_park"), (std::vector<Value>{B(true), B(false), B(false), B(false), B(false)}));
  EXPECT_EQ(likeAll(h, strs, "%park"), (std::vector<Value>{B(true), B(true), B(false), B(false), B(false)}));
  EXPECT_EQ(likeAll(h, strs, "spark%"), (std::vector<Value>{B(false), B(false), B(true), B(false), B(false)}));
  EXPECT_EQ(likeAll(h, strs, "%ar%"), (std::vector<Value>{B(true), B(true), B(true), B(false), B(false)}));
  EXPECT_EQ(likeAll(h, strs, "park"), (std::vector<Value>{B(false), B(true), B(false), B(false), B(false)}));
  EXPECT_EQ(likeAll(h, strs, "%"), (std::vector<Value>{B(true), B(true), B(true), B(true), B(true)}));
  EXPECT_EQ(likeAll(h, strs, "s%k%l"), (std::vector<Value>{B(false), B(false), B(true), B(false), B(false)}));
  EXPECT_EQ(likeAll(h, {"a.c", "abc", "a\nc"}, "a_c"), (std::vector<Value>{B(true), B(true), B(true)}));
  EXPECT_EQ(likeAll(h, {"a.c", "abc"}, "a.c"), (std::vector<Value>{B(true), B(false)}));
}

TEST(PatternTest, LikeEscapes) {
  ExprHarness h;
  EXPECT_EQ(likeAll(h, {"50%", "50x"}, "50\\%"), (std::vector<Value>{B(true), B(false)}));
  EXPECT_EQ(likeAll(h, {"a_b", "axb"}, "a\\_b"), (std::vector<Value>{B(true), B(false)}));
  auto attrs = h.setInput({vec(StringType(), {S("10%"), S("10x")})});
  auto e = h.call("like", {attrs[0], Expr::literal(S("10/%")), Expr::literal(S("/"))});
  expectValues(h.eval(e), {B(true), B(false)});
  expectError([&] { likeAll(h, {"a"}, "a\\b"); }, "INVALID_LIKE_PATTERN.ESC_IN_THE_MIDDLE", "precede 'b'");
  expectError([&] { likeAll(h, {"a"}, "a\\"); }, "INVALID_LIKE_PATTERN.ESC_AT_THE_END");
}

TEST(PatternTest, ILike) {
  ExprHarness h;
  EXPECT_EQ(likeAll(h, {"Spark", "SPARK", "spork"}, "sp_rk", "ilike"), (std::vector<Value>{B(true), B(true), B(true)}));
  EXPECT_EQ(likeAll(h, {"Spark", "SPARK"}, "%ARK", "ilike"), (std::vector<Value>{B(true), B(true)}));
}

TEST(PatternTest, RLikeFindsAnywhere) {
  ExprHarness h;
  EXPECT_EQ(likeAll(h, {"abc123", "abc", "x9"}, "\\d+", "rlike"), (std::vector<Value>{B(true), B(false), B(true)}));
  EXPECT_EQ(likeAll(h, {"abc", "zabc"}, "^abc$", "regexp"), (std::vector<Value>{B(true), B(false)}));
  expectError([&] { likeAll(h, {"a"}, "(", "rlike"); }, "INVALID_PARAMETER_VALUE.PATTERN", "`rlike`");
}

TEST(PatternTest, NullsAndPerRowPatterns) {
  ExprHarness h;
  auto r = h.apply("like", {vec(StringType(), {S("abc"), Null(StringType()), S("xyz"), S("xyz")}),
                            vec(StringType(), {S("a%"), S("%"), Null(StringType()), S("x_z")})});
  expectValues(r, {B(true), Null(BooleanType()), Null(BooleanType()), B(true)});
  auto attrs = h.setInput({vec(StringType(), {S("a")})});
  expectValues(h.eval(h.call("like", {attrs[0], Expr::literal(Null(StringType()))})), {Null(BooleanType())});
}

TEST(PatternTest, LargeVector) {
  ExprHarness h;
  std::vector<Value> in, expected;
  for (int i = 0; i < 3000; ++i) {
    in.push_back(S("row" + std::to_string(i)));
    expected.push_back(B(std::to_string(i).back() == '7'));
  }
  auto attrs = h.setInput({vec(StringType(), in)});
  expectValues(h.eval(h.call("like", {attrs[0], Expr::literal(S("row%7"))})), expected);
}

}  // namespace
}  // namespace loch::testing
