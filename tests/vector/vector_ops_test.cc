#include "loch/vector/vector_ops.h"

#include <gtest/gtest.h>

#include <cstring>

namespace loch {

namespace {

VectorPtr ints(std::initializer_list<std::optional<int>> vals) {
  std::vector<Value> v;
  for (auto x : vals) v.push_back(x ? Value::integer(*x) : Value::null(IntegerType()));
  return Vector::fromValues(IntegerType(), v);
}

}  // namespace

TEST(VectorOpsTest, GatherWithNullRows) {
  auto v = ints({10, std::nullopt, 30});
  int32_t rows[] = {2, -1, 1, 0, 2};
  auto g = gather(*v, rows, 5);
  EXPECT_EQ(g->getValue(0), Value::integer(30));
  EXPECT_TRUE(g->isNull(1));
  EXPECT_TRUE(g->isNull(2));
  EXPECT_EQ(g->getValue(3), Value::integer(10));
  auto s = Vector::fromValues(StringType(), {Value::string("ab"), Value::string("")});
  int32_t srows[] = {1, 0, 0};
  auto gs = gather(*s, srows, 3);
  EXPECT_EQ(gs->stringAt(0), "");
  EXPECT_EQ(gs->stringAt(2), "ab");
}

TEST(VectorOpsTest, GatherRefsAcrossSources) {
  auto a = ints({1, 2});
  auto b = ints({3, std::nullopt});
  std::vector<const Vector*> sources{a.get(), b.get()};
  uint64_t refs[] = {makeRowRef(1, 0), makeRowRef(0, 1), kNullRowRef, makeRowRef(1, 1)};
  auto g = gatherRefs(sources, IntegerType(), refs, 4);
  EXPECT_EQ(g->getValue(0), Value::integer(3));
  EXPECT_EQ(g->getValue(1), Value::integer(2));
  EXPECT_TRUE(g->isNull(2));
  EXPECT_TRUE(g->isNull(3));
}

TEST(VectorOpsTest, ConcatSliceFilter) {
  auto c = concat(IntegerType(), {ints({1, std::nullopt}), ints({}), ints({3})});
  ASSERT_EQ(c->size(), 3);
  EXPECT_TRUE(c->isNull(1));
  EXPECT_EQ(c->getValue(2), Value::integer(3));
  auto s = slice(*c, 1, 2);
  EXPECT_EQ(s->size(), 2);
  EXPECT_EQ(s->getValue(1), Value::integer(3));

  auto schema = StructType({StructField("x", IntegerType())});
  auto batch = RecordBatch::make(schema, {c}, 3);
  uint8_t keep[] = {1, 0, 1};
  auto f = filterBatch(*batch, keep);
  EXPECT_EQ(f->numRows(), 2);
  EXPECT_EQ(f->column(0)->getValue(1), Value::integer(3));
  auto all = concatBatches(schema, {batch, f});
  EXPECT_EQ(all->numRows(), 5);
}

TEST(VectorOpsTest, FilteringKeepsDictionaryEncoding) {
  auto base = Vector::fromValues(StringType(), {Value::string("a"), Value::string("b")});
  auto idx = std::make_shared<Buffer>(4 * sizeof(int32_t));
  int32_t rows[4] = {1, 0, 1, 1};
  std::memcpy(idx->data(), rows, sizeof(rows));
  auto validity = std::make_shared<Buffer>(1);
  validity->data()[0] = 0b1011;  // row 2 NULL
  auto dict = Vector::makeDictionary(base, idx, 4, validity);
  int32_t pick[3] = {0, 2, 3};
  auto g = gatherPreservingDictionary(*dict, pick, 3);
  ASSERT_TRUE(g->isDictionary());
  EXPECT_EQ(g->dictionary(), dict->dictionary());
  EXPECT_EQ(g->getValue(0), Value::string("b"));
  EXPECT_TRUE(g->isNull(1));
  EXPECT_EQ(g->getValue(2), Value::string("b"));
  auto schema = StructType({StructField("s", StringType())});
  uint8_t keep[] = {0, 1, 1, 0};
  auto f = filterBatch(*RecordBatch::make(schema, {dict}, 4), keep);
  ASSERT_EQ(f->numRows(), 2);
  EXPECT_TRUE(f->column(0)->isDictionary());
  EXPECT_EQ(f->column(0)->getValue(0), Value::string("a"));
  EXPECT_TRUE(f->column(0)->isNull(1));
  // Flat input: an ordinary gather.
  auto flat = gatherPreservingDictionary(*base, pick, 1);
  EXPECT_TRUE(flat->isFlat());
  EXPECT_EQ(flat->getValue(0), Value::string("a"));
}

}  // namespace loch
