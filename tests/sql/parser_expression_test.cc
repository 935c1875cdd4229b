// Expression parsing: precedence, predicates, special forms, functions,
// windows and lambdas, checked through the AST and its printed forms.

#include <gtest/gtest.h>

#include "sql/test_util.h"

namespace loch::sql {
namespace {

using testing::pretty;
using testing::sqlOf;

TEST(ExpressionTest, ArithmeticPrecedence) {
  EXPECT_EQ(pretty("a + 1"), "(a + 1)");
  EXPECT_EQ(pretty("a + b * c"), "(a + (b * c))");
  EXPECT_EQ(pretty("(a + b) * c"), "((a + b) * c)");
  EXPECT_EQ(pretty("a - b - c"), "((a - b) - c)");
  EXPECT_EQ(pretty("a / b % c DIV d"), "(((a / b) % c) div d)");
}

TEST(ExpressionTest, BitwisePrecedence) {
  // Spark: & binds tighter than ^, which binds tighter than |.
  EXPECT_EQ(pretty("a | b ^ c & d"), "(a | (b ^ (c & d)))");
  EXPECT_EQ(pretty("a & b + c"), "(a & (b + c))");
  EXPECT_EQ(pretty("a | b = c"), "((a | b) = c)");
}

TEST(ExpressionTest, BooleanPrecedence) {
  EXPECT_EQ(pretty("a OR b AND c"), "(a OR (b AND c))");
  EXPECT_EQ(pretty("NOT a = 1 AND b"), "((NOT (a = 1)) AND b)");
  EXPECT_EQ(pretty("! a"), "(NOT a)");
  EXPECT_EQ(pretty("a = 1 OR b <> 2"), "((a = 1) OR (NOT (b = 2)))");
}

TEST(ExpressionTest, Comparisons) {
  const char* ops[] = {"=", "==", "<>", "!=", "<", "<=", ">", ">=", "<=>"};
  const BinaryOp expected[] = {BinaryOp::kEq, BinaryOp::kEq,
                               BinaryOp::kNotEq, BinaryOp::kNotEq,
                               BinaryOp::kLt, BinaryOp::kLe,
                               BinaryOp::kGt, BinaryOp::kGe,
                               BinaryOp::kNullSafeEq};
  for (size_t i = 0; i < std::size(ops); ++i) {
    auto e = parseExpression(std::string("a ") + ops[i] + " b");
    ASSERT_EQ(e->kind, ExprKind::kBinary) << ops[i];
    EXPECT_EQ(e->as<Binary>().op, expected[i]) << ops[i];
  }
  EXPECT_EQ(sqlOf("a <=> b"), "(a <=> b)");
  EXPECT_EQ(sqlOf("a != b"), "(a <> b)");
}

TEST(ExpressionTest, ConcatOperator) {
  EXPECT_EQ(pretty("a || b || 'x'"), "concat(concat(a, b), x)");
  EXPECT_EQ(sqlOf("a || 'x'"), "(a || 'x')");
  // + - || share one precedence level and associate to the left.
  EXPECT_EQ(pretty("a || b + 1"), "(concat(a, b) + 1)");
}

TEST(ExpressionTest, UnaryOperators) {
  EXPECT_EQ(pretty("-a"), "(- a)");
  EXPECT_EQ(pretty("+a"), "(+ a)");
  EXPECT_EQ(pretty("~a"), "~a");
  EXPECT_EQ(pretty("-a * b"), "((- a) * b)");
  EXPECT_EQ(pretty("- -a"), "(- (- a))");
  auto neg = parseExpression("-5");
  ASSERT_EQ(neg->kind, ExprKind::kLiteral);
  EXPECT_EQ(neg->as<Literal>().int_value, -5);
  EXPECT_EQ(pretty("a - 1"), "(a - 1)");
}

TEST(ExpressionTest, IsPredicates) {
  EXPECT_EQ(pretty("a IS NULL"), "(a IS NULL)");
  EXPECT_EQ(pretty("a IS NOT NULL"), "(a IS NOT NULL)");
  EXPECT_EQ(pretty("a IS TRUE"), "(a IS TRUE)");
  EXPECT_EQ(pretty("a IS NOT FALSE"), "(a IS NOT FALSE)");
  EXPECT_EQ(pretty("a IS UNKNOWN"), "(a IS UNKNOWN)");
  auto e = parseExpression("a + 1 IS NOT NULL");
  ASSERT_EQ(e->kind, ExprKind::kIsPredicate);
  EXPECT_TRUE(e->as<IsPredicate>().negated);
  EXPECT_EQ(e->as<IsPredicate>().operand->kind, ExprKind::kBinary);
}

TEST(ExpressionTest, IsDistinctFrom) {
  auto e = parseExpression("a IS DISTINCT FROM b");
  ASSERT_EQ(e->kind, ExprKind::kIsDistinctFrom);
  EXPECT_FALSE(e->as<IsDistinctFrom>().negated);
  EXPECT_EQ(pretty("a IS NOT DISTINCT FROM b + 1"),
            "(a IS NOT DISTINCT FROM (b + 1))");
}

TEST(ExpressionTest, Between) {
  auto e = parseExpression("a BETWEEN 1 AND 2 AND c");
  ASSERT_EQ(e->kind, ExprKind::kBinary);
  EXPECT_EQ(e->as<Binary>().op, BinaryOp::kAnd);
  EXPECT_EQ(e->as<Binary>().left->kind, ExprKind::kBetween);
  EXPECT_EQ(pretty("a NOT BETWEEN b - 1 AND b + 1"),
            "(a NOT BETWEEN (b - 1) AND (b + 1))");
}

TEST(ExpressionTest, InList) {
  auto e = parseExpression("a IN (1, 2, 3)");
  ASSERT_EQ(e->kind, ExprKind::kInList);
  EXPECT_EQ(e->as<InList>().values.size(), 3u);
  EXPECT_EQ(pretty("a NOT IN ('x', 'y')"), "(a NOT IN (x, y))");
  EXPECT_EQ(sqlOf("a NOT IN ('x', 'y')"), "(a NOT IN ('x', 'y'))");
  EXPECT_EQ(pretty("(a, b) IN ((1, 2), (3, 4))"),
            "((a, b) IN ((1, 2), (3, 4)))");
}

TEST(ExpressionTest, InSubquery) {
  auto e = parseExpression("a NOT IN (SELECT b FROM t)");
  ASSERT_EQ(e->kind, ExprKind::kInSubquery);
  const auto& in = e->as<InSubquery>();
  EXPECT_TRUE(in.negated);
  EXPECT_EQ(in.query->toSql(), "SELECT b FROM t");
  EXPECT_EQ(e->toSql(), "(a NOT IN (SELECT b FROM t))");
}

TEST(ExpressionTest, LikeFamily) {
  auto e = parseExpression("name LIKE 'a%'");
  ASSERT_EQ(e->kind, ExprKind::kLike);
  EXPECT_EQ(e->as<Like>().like_kind, LikeKind::kLike);
  EXPECT_EQ(pretty("name LIKE 'a%'"), "name LIKE a%");
  EXPECT_EQ(sqlOf("name NOT ILIKE 'A%'"), "name NOT ILIKE 'A%'");
  EXPECT_EQ(parseExpression("s RLIKE '^a'")->as<Like>().like_kind,
            LikeKind::kRLike);
  EXPECT_EQ(parseExpression("s REGEXP '^a'")->as<Like>().like_kind,
            LikeKind::kRLike);
  EXPECT_TRUE(parseExpression("s NOT REGEXP 'x'")->as<Like>().negated);
}

TEST(ExpressionTest, LikeEscapeAndQuantifiers) {
  auto e = parseExpression("a LIKE 'x!%' ESCAPE '!'");
  ASSERT_TRUE(e->as<Like>().escape.has_value());
  EXPECT_EQ(*e->as<Like>().escape, "!");
  EXPECT_EQ(sqlOf("a LIKE 'x!%' ESCAPE '!'"), "a LIKE 'x!%' ESCAPE '!'");
  auto any = parseExpression("a LIKE ANY ('x%', 'y%')");
  EXPECT_EQ(any->as<Like>().quantifier, LikeQuantifier::kAny);
  EXPECT_EQ(any->as<Like>().patterns.size(), 2u);
  EXPECT_EQ(sqlOf("a NOT LIKE ALL ('x%', 'y%')"),
            "a NOT LIKE ALL ('x%', 'y%')");
}

TEST(ExpressionTest, ExistsAndScalarSubquery) {
  auto e = parseExpression("NOT EXISTS (SELECT 1 FROM t WHERE t.a = b)");
  ASSERT_EQ(e->kind, ExprKind::kUnary);
  EXPECT_EQ(e->as<Unary>().operand->kind, ExprKind::kExists);
  auto s = parseExpression("(SELECT max(a) FROM t) + 1");
  ASSERT_EQ(s->kind, ExprKind::kBinary);
  EXPECT_EQ(s->as<Binary>().left->kind, ExprKind::kScalarSubquery);
  EXPECT_EQ(s->toString(), "(scalarsubquery() + 1)");
  EXPECT_EQ(s->toSql(), "((SELECT max(a) FROM t) + 1)");
  // exists() with a lambda is the higher-order function, not a subquery.
  auto f = parseExpression("exists(arr, x -> x > 1)");
  EXPECT_EQ(f->kind, ExprKind::kFunctionCall);
}

TEST(ExpressionTest, NestedParenthesizedSubqueries) {
  auto e = parseExpression("((SELECT 1) + 1)");
  EXPECT_EQ(e->toSql(), "((SELECT 1) + 1)");
  auto u = parseExpression("((SELECT 1) UNION (SELECT 2))");
  ASSERT_EQ(u->kind, ExprKind::kScalarSubquery);
  EXPECT_EQ(u->toSql(), "((SELECT 1) UNION (SELECT 2))");
}

TEST(ExpressionTest, CaseExpressions) {
  auto e = parseExpression("CASE WHEN a > 1 THEN 'x' WHEN a < 0 THEN 'y' END");
  ASSERT_EQ(e->kind, ExprKind::kCase);
  EXPECT_EQ(e->as<Case>().whens.size(), 2u);
  EXPECT_EQ(e->as<Case>().operand, nullptr);
  EXPECT_EQ(pretty("CASE WHEN a > 1 THEN 1 ELSE 0 END"),
            "CASE WHEN (a > 1) THEN 1 ELSE 0 END");
  auto simple = parseExpression("case a when 1 then 'one' else 'many' end");
  EXPECT_NE(simple->as<Case>().operand, nullptr);
  EXPECT_EQ(simple->toSql(), "CASE a WHEN 1 THEN 'one' ELSE 'many' END");
}

TEST(ExpressionTest, Casts) {
  auto e = parseExpression("CAST(a AS DECIMAL(10, 2))");
  ASSERT_EQ(e->kind, ExprKind::kCast);
  EXPECT_EQ(e->as<Cast>().type.name, "decimal");
  EXPECT_EQ(e->as<Cast>().type.params, (std::vector<int>{10, 2}));
  EXPECT_EQ(pretty("CAST(a AS int)"), "CAST(a AS INT)");
  EXPECT_EQ(pretty("try_cast(a AS long)"), "TRY_CAST(a AS BIGINT)");
  EXPECT_EQ(parseExpression("try_cast(a AS long)")->as<Cast>().style,
            CastStyle::kTryCast);
  auto dc = parseExpression("a::string || 'x'");
  EXPECT_EQ(dc->toString(), "concat(CAST(a AS STRING), x)");
  EXPECT_EQ(dc->as<Binary>().left->as<Cast>().style, CastStyle::kDoubleColon);
  EXPECT_EQ(pretty("CAST(m AS map<string, array<int>>)"),
            "CAST(m AS MAP<STRING, ARRAY<INT>>)");
}

TEST(ExpressionTest, SpecialFunctionForms) {
  auto ex = parseExpression("EXTRACT(year FROM d)");
  ASSERT_EQ(ex->kind, ExprKind::kExtract);
  EXPECT_EQ(ex->as<Extract>().field, "YEAR");
  EXPECT_EQ(ex->toString(), "extract(YEAR FROM d)");
  EXPECT_EQ(pretty("POSITION('b' IN s)"), "position(b, s)");
  EXPECT_EQ(pretty("SUBSTRING(s FROM 1 FOR 2)"), "substring(s, 1, 2)");
  EXPECT_EQ(pretty("substring(s, 2)"), "substring(s, 2)");
  EXPECT_EQ(pretty("substr(s FROM 3)"), "substr(s, 3)");
}

TEST(ExpressionTest, TrimForms) {
  auto t = parseExpression("TRIM(BOTH 'x' FROM s)");
  ASSERT_EQ(t->kind, ExprKind::kTrim);
  EXPECT_EQ(t->as<Trim>().mode, TrimMode::kBoth);
  EXPECT_NE(t->as<Trim>().chars, nullptr);
  EXPECT_EQ(sqlOf("TRIM(LEADING 'x' FROM s)"), "trim(LEADING 'x' FROM s)");
  EXPECT_EQ(sqlOf("TRIM(TRAILING FROM s)"), "trim(TRAILING FROM s)");
  EXPECT_EQ(sqlOf("trim(s)"), "trim(s)");
  EXPECT_EQ(sqlOf("trim('x' FROM s)"), "trim(BOTH 'x' FROM s)");
  EXPECT_EQ(parseExpression("trim(s, 'x')")->kind, ExprKind::kFunctionCall);
}

TEST(ExpressionTest, FunctionCalls) {
  EXPECT_EQ(pretty("COUNT(*)"), "count(1)");
  EXPECT_EQ(sqlOf("COUNT(*)"), "count(*)");
  EXPECT_EQ(pretty("SUM(value)"), "sum(value)");
  EXPECT_EQ(pretty("count(DISTINCT user_id)"), "count(DISTINCT user_id)");
  EXPECT_EQ(pretty("now()"), "now()");
  EXPECT_EQ(pretty("db.myfn(1, 2)"), "db.myfn(1, 2)");
  EXPECT_EQ(pretty("UPPER(s)"), "upper(s)");
  auto f = parseExpression("Count(DISTINCT a, b)");
  const auto& call = f->as<FunctionCall>();
  EXPECT_TRUE(call.distinct);
  EXPECT_EQ(call.name, (std::vector<std::string>{"Count"}));
  EXPECT_EQ(call.lowerName(), "count");
  EXPECT_EQ(call.args.size(), 2u);
}

TEST(ExpressionTest, NonReservedWordsAsFunctionsAndColumns) {
  EXPECT_EQ(pretty("left(s, 3)"), "left(s, 3)");
  EXPECT_EQ(pretty("right(s, 3)"), "right(s, 3)");
  EXPECT_EQ(pretty("date(timestamp)"), "date(timestamp)");
  EXPECT_EQ(pretty("year + month + day"), "((year + month) + day)");
  EXPECT_EQ(pretty("value * 2"), "(value * 2)");
  EXPECT_EQ(pretty("if(a, 1, 2)"), "if(a, 1, 2)");
  EXPECT_EQ(pretty("interval"), "interval");
  EXPECT_EQ(pretty("date"), "date");
}

TEST(ExpressionTest, CurrentDateWithoutParens) {
  auto e = parseExpression("current_date");
  ASSERT_EQ(e->kind, ExprKind::kFunctionCall);
  EXPECT_TRUE(e->as<FunctionCall>().no_parens);
  EXPECT_EQ(e->toString(), "current_date()");
  EXPECT_EQ(pretty("CURRENT_TIMESTAMP"), "current_timestamp()");
  EXPECT_FALSE(
      parseExpression("current_date()")->as<FunctionCall>().no_parens);
}

TEST(ExpressionTest, NamedArguments) {
  auto e = parseExpression("f(a, sep => ',', n => 2)");
  const auto& call = e->as<FunctionCall>();
  ASSERT_EQ(call.args.size(), 3u);
  ASSERT_EQ(call.args[1]->kind, ExprKind::kNamedArgument);
  EXPECT_EQ(call.args[1]->as<NamedArgument>().name, "sep");
  EXPECT_EQ(e->toSql(), "f(a, sep => ',', n => 2)");
}

TEST(ExpressionTest, FilterClause) {
  auto e = parseExpression("sum(x) FILTER (WHERE x > 0)");
  ASSERT_NE(e->as<FunctionCall>().filter, nullptr);
  EXPECT_EQ(e->toString(), "sum(x) FILTER (WHERE (x > 0))");
}

TEST(ExpressionTest, NullTreatment) {
  EXPECT_EQ(parseExpression("first(a IGNORE NULLS)")
                ->as<FunctionCall>()
                .null_treatment,
            NullTreatment::kIgnoreNulls);
  EXPECT_EQ(parseExpression("last(a) RESPECT NULLS")
                ->as<FunctionCall>()
                .null_treatment,
            NullTreatment::kRespectNulls);
  EXPECT_EQ(pretty("lag(a, 1) IGNORE NULLS OVER (ORDER BY t)"),
            "lag(a, 1) IGNORE NULLS OVER (ORDER BY t ASC NULLS FIRST)");
}

TEST(ExpressionTest, WithinGroup) {
  auto e = parseExpression(
      "percentile_cont(0.5) WITHIN GROUP (ORDER BY x DESC)");
  const auto& call = e->as<FunctionCall>();
  ASSERT_EQ(call.within_group.size(), 1u);
  EXPECT_EQ(call.within_group[0].direction, SortDirection::kDesc);
  EXPECT_EQ(e->toString(),
            "percentile_cont(0.5) WITHIN GROUP (ORDER BY x DESC NULLS LAST)");
}

TEST(ExpressionTest, WindowFunctions) {
  auto e = parseExpression(
      "sum(a) OVER (PARTITION BY b, c ORDER BY d DESC NULLS FIRST "
      "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)");
  const auto& over = *e->as<FunctionCall>().over;
  EXPECT_EQ(over.partition_by.size(), 2u);
  ASSERT_EQ(over.order_by.size(), 1u);
  EXPECT_EQ(over.order_by[0].nulls, NullOrdering::kFirst);
  ASSERT_TRUE(over.frame.has_value());
  EXPECT_EQ(over.frame->type, FrameType::kRows);
  EXPECT_EQ(over.frame->start.kind, FrameBoundKind::kUnboundedPreceding);
  EXPECT_EQ(over.frame->end.kind, FrameBoundKind::kCurrentRow);
  EXPECT_EQ(e->toString(),
            "sum(a) OVER (PARTITION BY b, c ORDER BY d DESC NULLS FIRST ROWS "
            "BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)");
}

TEST(ExpressionTest, WindowFrames) {
  EXPECT_EQ(pretty("avg(x) OVER (ORDER BY t RANGE BETWEEN 2 PRECEDING AND "
                   "3 FOLLOWING)"),
            "avg(x) OVER (ORDER BY t ASC NULLS FIRST RANGE BETWEEN 2 "
            "PRECEDING AND 3 FOLLOWING)");
  EXPECT_EQ(pretty("avg(x) OVER (ORDER BY ts RANGE BETWEEN INTERVAL 1 DAY "
                   "PRECEDING AND UNBOUNDED FOLLOWING)"),
            "avg(x) OVER (ORDER BY ts ASC NULLS FIRST RANGE BETWEEN INTERVAL "
            "'1' DAY PRECEDING AND UNBOUNDED FOLLOWING)");
  auto short_form = parseExpression("count(1) OVER (ROWS UNBOUNDED PRECEDING)");
  const auto& frame = *short_form->as<FunctionCall>().over->frame;
  EXPECT_FALSE(frame.has_between);
  EXPECT_EQ(frame.start.kind, FrameBoundKind::kUnboundedPreceding);
}

TEST(ExpressionTest, NamedWindowReference) {
  auto e = parseExpression("rank() OVER w");
  const auto& over = *e->as<FunctionCall>().over;
  EXPECT_TRUE(over.is_reference);
  EXPECT_EQ(over.base_name, "w");
  EXPECT_EQ(e->toString(), "rank() OVER w");
  auto ext = parseExpression("rank() OVER (w ORDER BY x)");
  EXPECT_EQ(ext->as<FunctionCall>().over->base_name, "w");
  EXPECT_FALSE(ext->as<FunctionCall>().over->is_reference);
  EXPECT_EQ(pretty("row_number() OVER ()"), "row_number() OVER ()");
}

TEST(ExpressionTest, Lambdas) {
  auto e = parseExpression("transform(arr, x -> x + 1)");
  const auto& arg = *e->as<FunctionCall>().args[1];
  ASSERT_EQ(arg.kind, ExprKind::kLambda);
  EXPECT_EQ(arg.as<Lambda>().params, (std::vector<std::string>{"x"}));
  // Column names follow Spark (lambdafunction(body, params)); SQL text
  // keeps the arrow.
  EXPECT_EQ(e->toString(), "transform(arr, lambdafunction((x + 1), x))");
  EXPECT_EQ(e->toSql(), "transform(arr, x -> (x + 1))");
  auto agg = parseExpression("aggregate(arr, 0, (acc, x) -> acc + x)");
  const auto& lambda = agg->as<FunctionCall>().args[2]->as<Lambda>();
  EXPECT_EQ(lambda.params, (std::vector<std::string>{"acc", "x"}));
  EXPECT_EQ(agg->toString(), "aggregate(arr, 0, lambdafunction((acc + x), acc, x))");
}

TEST(ExpressionTest, FieldAccessAndSubscript) {
  auto e = parseExpression("a.b.c");
  ASSERT_EQ(e->kind, ExprKind::kColumnRef);
  EXPECT_EQ(e->as<ColumnRef>().parts,
            (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(pretty("a[0]"), "a[0]");
  EXPECT_EQ(pretty("m['k']"), "m[k]");
  EXPECT_EQ(sqlOf("m['k']"), "m['k']");
  auto chain = parseExpression("arr[0].name[1]");
  ASSERT_EQ(chain->kind, ExprKind::kSubscript);
  EXPECT_EQ(chain->as<Subscript>().base->kind, ExprKind::kFieldAccess);
  EXPECT_EQ(chain->toString(), "arr[0].name[1]");
  EXPECT_EQ(pretty("f(x).field"), "f(x).field");
}

TEST(ExpressionTest, StarForms) {
  auto s = parseExpression("*");
  ASSERT_EQ(s->kind, ExprKind::kStar);
  auto q = parseExpression("t.*");
  ASSERT_EQ(q->kind, ExprKind::kStar);
  EXPECT_EQ(q->as<Star>().qualifier, (std::vector<std::string>{"t"}));
  EXPECT_EQ(pretty("struct(t.*)"), "struct(t.*)");
}

TEST(ExpressionTest, StructWithNamedFields) {
  auto e = parseExpression("struct(a AS x, b + 1 AS y, c)");
  const auto& args = e->as<FunctionCall>().args;
  ASSERT_EQ(args.size(), 3u);
  ASSERT_EQ(args[0]->kind, ExprKind::kAlias);
  EXPECT_EQ(args[0]->as<Alias>().name, "x");
  EXPECT_EQ(args[2]->kind, ExprKind::kColumnRef);
  EXPECT_EQ(e->toSql(), "struct(a AS x, (b + 1) AS y, c)");
}

TEST(ExpressionTest, StandaloneExpressionWithAlias) {
  auto e = parseExpression("a + 1 AS b");
  ASSERT_EQ(e->kind, ExprKind::kAlias);
  EXPECT_EQ(e->as<Alias>().name, "b");
  EXPECT_EQ(e->as<Alias>().expr->toString(), "(a + 1)");
  auto implicit = parseExpression("count(*) cnt");
  EXPECT_EQ(implicit->as<Alias>().name, "cnt");
}

TEST(ExpressionTest, QualifiedFunctionKeepsQualifierCase) {
  EXPECT_EQ(pretty("MyDb.MyFn(1)"), "MyDb.myfn(1)");
}

TEST(ExpressionTest, Tuple) {
  auto e = parseExpression("(1, 'a', b)");
  ASSERT_EQ(e->kind, ExprKind::kTuple);
  EXPECT_EQ(e->as<Tuple>().items.size(), 3u);
  EXPECT_EQ(parseExpression("(a)")->kind, ExprKind::kColumnRef);
}

TEST(ExpressionTest, BackquotedIdentifiers) {
  auto e = parseExpression("`my col` + `select`");
  EXPECT_EQ(e->toString(), "(my col + select)");
  EXPECT_EQ(e->toSql(), "(`my col` + `select`)");
  EXPECT_EQ(sqlOf("`a``b`"), "`a``b`");
}

TEST(ExpressionTest, PositionsAreRecorded) {
  auto e = parseExpression("1 +\n  foo(x)");
  EXPECT_EQ(e->pos.line, 1);
  EXPECT_EQ(e->pos.col, 0);
  const auto& right = *e->as<Binary>().right;
  EXPECT_EQ(right.pos.line, 2);
  EXPECT_EQ(right.pos.col, 2);
}

TEST(ExpressionTest, SqlRoundTrip) {
  const char* exprs[] = {
      "((a + 1) * b)",
      "CASE WHEN (a > 1) THEN 'x' ELSE NULL END",
      "sum(DISTINCT x) OVER (PARTITION BY y ORDER BY z ASC NULLS FIRST)",
      "transform(arr, x -> (x * 2))",
      "(a NOT BETWEEN 1 AND 10)",
      "CAST(x AS STRUCT<a: INT, b: ARRAY<STRING>>)",
      "INTERVAL '1-2' YEAR TO MONTH",
      "DATE '2024-01-01'",
      "(1L + 2S + 3Y)",
  };
  for (const char* sql : exprs) {
    std::string once = sqlOf(sql);
    EXPECT_EQ(sqlOf(once), once) << sql;
  }
}

}  // namespace
}  // namespace loch::sql
