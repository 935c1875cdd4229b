#include "loch/exec/generate_operator.h"

#include <gtest/gtest.h>

#include "exec/join/op_driver.h"

namespace loch::testing {
namespace {

SchemaPtr outSchema(std::vector<std::pair<std::string, DataTypePtr>> cols) { return schemaOf(std::move(cols)); }

Value arr(std::vector<Value> v) { return Value::array(ArrayType(IntegerType()), std::move(v)); }
Value nullArr() { return Value::null(ArrayType(IntegerType())); }

Rows run(GeneratorKind kind, bool outer, const SchemaPtr& in, const Rows& rows, const SchemaPtr& out,
         std::vector<int> kept, int threads = 1, size_t per_batch = 2) {
  Env env(threads);
  auto src = source(in, rows, per_batch);
  GenerateOperator op(src, col(in, 1), kind, outer, std::move(kept), out);
  return rowsOf(runStreaming(op, *src, env.ctx));
}

const SchemaPtr kArrays = schemaOf({{"id", IntegerType()}, {"a", ArrayType(IntegerType())}});
const Rows kArrayRows = {{I(1), arr({I(10), I(20)})}, {I(2), arr({})}, {I(3), nullArr()}, {I(4), arr({NI(), I(7)})},
                         {I(5), arr({I(9)})}};

TEST(GenerateOperatorTest, ExplodeDropsNullAndEmpty) {
  auto out = outSchema({{"id", IntegerType()}, {"col", IntegerType()}});
  EXPECT_EQ(strings(run(GeneratorKind::Explode, false, kArrays, kArrayRows, out, {0})),
            (std::vector<std::string>{"(1, 10)", "(1, 20)", "(4, NULL)", "(4, 7)", "(5, 9)"}));
}

TEST(GenerateOperatorTest, ExplodeOuterKeepsOneNullRow) {
  auto out = outSchema({{"id", IntegerType()}, {"col", IntegerType()}});
  EXPECT_EQ(strings(run(GeneratorKind::Explode, true, kArrays, kArrayRows, out, {0})),
            (std::vector<std::string>{"(1, 10)", "(1, 20)", "(2, NULL)", "(3, NULL)", "(4, NULL)", "(4, 7)",
                                      "(5, 9)"}));
}

TEST(GenerateOperatorTest, PosExplodeOuterPositions) {
  auto out = outSchema({{"id", IntegerType()}, {"pos", IntegerType()}, {"col", IntegerType()}});
  EXPECT_EQ(strings(run(GeneratorKind::PosExplode, true, kArrays, kArrayRows, out, {0}, 2, 1)),
            (std::vector<std::string>{"(1, 0, 10)", "(1, 1, 20)", "(2, NULL, NULL)", "(3, NULL, NULL)",
                                      "(4, 0, NULL)", "(4, 1, 7)", "(5, 0, 9)"}));
}

TEST(GenerateOperatorTest, NoKeptColumnsAndAllEmpty) {
  auto out = outSchema({{"col", IntegerType()}});
  Rows rows = {{I(1), arr({})}, {I(2), nullArr()}};
  EXPECT_TRUE(run(GeneratorKind::Explode, false, kArrays, rows, out, {}).empty());
  EXPECT_EQ(strings(run(GeneratorKind::Explode, true, kArrays, rows, out, {})),
            (std::vector<std::string>{"(NULL)", "(NULL)"}));
}

TEST(GenerateOperatorTest, ExplodeMap) {
  auto mt = MapType(StringType(), IntegerType());
  auto in = schemaOf({{"id", IntegerType()}, {"m", mt}});
  Rows rows = {{I(1), Value::map(mt, {Value::mapEntry(S("a"), I(1)), Value::mapEntry(S("b"), NI())})},
               {I(2), Value::null(mt)},
               {I(3), Value::map(mt, {})}};
  auto out = outSchema({{"id", IntegerType()}, {"key", StringType()}, {"value", IntegerType()}});
  EXPECT_EQ(strings(run(GeneratorKind::Explode, false, in, rows, out, {0})),
            (std::vector<std::string>{"(1, a, 1)", "(1, b, NULL)"}));
  EXPECT_EQ(strings(run(GeneratorKind::Explode, true, in, rows, out, {0})),
            (std::vector<std::string>{"(1, a, 1)", "(1, b, NULL)", "(2, NULL, NULL)", "(3, NULL, NULL)"}));
}

TEST(GenerateOperatorTest, InlineStructs) {
  auto st = StructType({StructField("x", IntegerType(), true), StructField("y", StringType(), true)});
  auto at = ArrayType(st);
  auto in = schemaOf({{"id", IntegerType()}, {"s", at}});
  Rows rows = {{I(1), Value::array(at, {Value::structValue(st, {I(1), S("p")}), Value::null(st),
                                        Value::structValue(st, {NI(), S("q")})})}};
  auto out = outSchema({{"id", IntegerType()}, {"x", IntegerType()}, {"y", StringType()}});
  EXPECT_EQ(strings(run(GeneratorKind::Inline, false, in, rows, out, {0})),
            (std::vector<std::string>{"(1, 1, p)", "(1, NULL, NULL)", "(1, NULL, q)"}));
}

TEST(GenerateOperatorTest, OutputCutIntoBatchSizeChunks) {
  std::vector<Value> many;
  for (int i = 0; i < 10; ++i) many.push_back(I(i));
  Rows rows = {{I(1), arr(many)}, {I(2), arr({I(100)})}};
  Env env(1, 4);
  auto src = source(kArrays, rows, 2);
  auto out = outSchema({{"id", IntegerType()}, {"pos", IntegerType()}, {"col", IntegerType()}});
  GenerateOperator op(src, col(kArrays, 1), GeneratorKind::PosExplode, false, {0}, out);
  auto batches = runStreaming(op, *src, env.ctx);
  ASSERT_EQ(batches.size(), 3u);
  EXPECT_EQ(batches[0]->numRows(), 4);
  EXPECT_EQ(batches[2]->numRows(), 3);
  auto r = strings(rowsOf(batches));
  ASSERT_EQ(r.size(), 11u);
  EXPECT_EQ(r[4], "(1, 4, 4)");
  EXPECT_EQ(r[10], "(2, 0, 100)");
}

}  // namespace
}  // namespace loch::testing
