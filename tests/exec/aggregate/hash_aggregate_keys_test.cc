// HashAggregate over the key paths of the hash table: short (inline) and
// long string keys, dictionary and constant key vectors, keys that share
// prefixes, and enough groups to resize the tables many times.

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>

#include "exec/aggregate/aggregate_driver.h"
#include "loch/vector/buffer.h"
#include "loch/vector/vector_builder.h"

namespace loch::testing {
namespace {

VectorPtr strings(const std::vector<std::optional<std::string>>& values) {
  VectorBuilder b(StringType(), static_cast<int64_t>(values.size()));
  for (const auto& v : values) {
    if (v)
      b.appendString(*v);
    else
      b.appendNull();
  }
  return b.finish();
}

VectorPtr longs(const std::vector<int64_t>& values) {
  VectorPtr v = Vector::makeFlat(LongType(), static_cast<int64_t>(values.size()));
  for (size_t i = 0; i < values.size(); ++i) v->mutableValues<int64_t>()[i] = values[i];
  return v;
}

VectorPtr dictionaryOf(const VectorPtr& dictionary, const std::vector<int32_t>& indices,
                       const std::vector<bool>& null_rows) {
  auto buffer = std::make_shared<Buffer>(indices.size() * sizeof(int32_t));
  std::memcpy(buffer->data(), indices.data(), indices.size() * sizeof(int32_t));
  VectorPtr v = Vector::makeDictionary(dictionary, buffer, static_cast<int64_t>(indices.size()));
  for (size_t i = 0; i < null_rows.size(); ++i)
    if (null_rows[i]) v->setNull(static_cast<int64_t>(i));
  return v;
}

SchemaPtr nameValueSchema() { return StructType({{"name", StringType()}, {"v", LongType()}}); }

using Expected = std::map<std::string, std::pair<int64_t, int64_t>>;  // key text -> count, sum

std::string keyText(const Value& v) { return v.isNull() ? "<NULL>" : v.getString(); }

void expectGroups(const DriveResult& result, const Expected& expected) {
  ASSERT_EQ(result.rows.size(), expected.size());
  for (const auto& r : result.rows) {
    auto it = expected.find(keyText(r[0]));
    ASSERT_NE(it, expected.end()) << keyText(r[0]);
    EXPECT_EQ(r[1].getLong(), it->second.first) << it->first;
    EXPECT_EQ(r[2].getLong(), it->second.second) << it->first;
  }
}

std::shared_ptr<HashAggregate> countSumByName() {
  return makeAggregate({col(0, StringType(), "name")}, {aggOf("count", {}), aggOf("sum", {col(1, LongType(), "v")})});
}

TEST(HashAggregateKeysTest, DictionaryAndFlatBatchesOfTheSameKeysMeet) {
  const std::string long_a = "category-with-a-long-name-a", long_b = "category-with-a-long-name-b";
  // Dictionary entries: short, long, empty, and a NULL entry.
  VectorPtr dict = strings({"books", long_a, "", std::nullopt, long_b, "toys"});
  std::vector<RecordBatchPtr> batches;
  Expected expected;
  auto add = [&](const std::optional<std::string>& key, int64_t v) {
    auto& e = expected[key ? *key : "<NULL>"];
    e.first += 1;
    e.second += v;
  };
  for (int b = 0; b < 40; ++b) {
    std::vector<int32_t> indices;
    std::vector<bool> nulls;
    std::vector<std::optional<std::string>> flat;
    std::vector<int64_t> values;
    for (int i = 0; i < 257; ++i) {
      int32_t e = (b * 7 + i * 5) % 6;
      bool null_row = (i % 31) == 3;  // NULL through the dictionary vector's own validity
      indices.push_back(e);
      nulls.push_back(null_row);
      std::optional<std::string> key = null_row ? std::nullopt : dict->isNull(e) ? std::nullopt
                                                                                 : std::optional(std::string(dict->stringAt(e)));
      flat.push_back(key);
      values.push_back(b * 1000 + i);
      add(key, b * 1000 + i);
    }
    VectorPtr keys = b % 2 ? dictionaryOf(dict, indices, nulls) : strings(flat);
    batches.push_back(RecordBatch::make(nameValueSchema(), {keys, longs(values)}, 257));
  }
  auto op = countSumByName();
  expectGroups(drive(*op, batches, 2), expected);
}

TEST(HashAggregateKeysTest, ConstantKeyVectors) {
  std::vector<RecordBatchPtr> batches;
  const std::string long_key = "a constant key longer than twelve bytes";
  batches.push_back(RecordBatch::make(nameValueSchema(),
                                      {Vector::makeConstant(Value::string(long_key), 3), longs({1, 2, 3})}, 3));
  batches.push_back(RecordBatch::make(nameValueSchema(),
                                      {Vector::makeConstant(Value::null(StringType()), 2), longs({10, 20})}, 2));
  batches.push_back(RecordBatch::make(nameValueSchema(), {strings({long_key, std::nullopt}), longs({100, 200})}, 2));
  auto op = countSumByName();
  expectGroups(drive(*op, batches, 1), {{long_key, {4, 106}}, {"<NULL>", {3, 230}}});
}

TEST(HashAggregateKeysTest, KeysSharingLengthAndPrefixStayApart) {
  // Same length and first 4 bytes (the inline prefix) everywhere; long keys
  // differ only in their last byte, short ones anywhere; 12 vs 13 bytes
  // straddles the inline limit.
  std::vector<std::string> keys;
  for (char c = 'a'; c <= 'z'; ++c) {
    keys.push_back(std::string("same-prefix-and-length-") + c);
    keys.push_back(std::string("same") + c);
    keys.push_back(std::string("sameprefix1") + c);  // 12 bytes
    keys.push_back(std::string("sameprefix12") + c);  // 13 bytes
  }
  keys.push_back("");
  std::vector<std::optional<std::string>> column;
  std::vector<int64_t> values;
  Expected expected;
  for (int i = 0; i < 5000; ++i) {
    const std::string& k = keys[static_cast<size_t>(i * 37) % keys.size()];
    column.push_back(k);
    values.push_back(i);
    expected[k].first += 1;
    expected[k].second += i;
  }
  std::vector<RecordBatchPtr> batches;
  for (int start = 0; start < 5000; start += 1000) {
    std::vector<std::optional<std::string>> part(column.begin() + start, column.begin() + start + 1000);
    std::vector<int64_t> vals(values.begin() + start, values.begin() + start + 1000);
    batches.push_back(RecordBatch::make(nameValueSchema(), {strings(part), longs(vals)}, 1000));
  }
  auto op = countSumByName();
  expectGroups(drive(*op, batches, 2), expected);
}

TEST(HashAggregateKeysTest, LongKeysOutliveTheirInputBatches) {
  // Group rows keep copies of long strings: the input vectors are freed
  // before the output is produced.
  auto op = countSumByName();
  ThreadPool pool(1);
  ExecContext ctx;
  ctx.eval = EvalContext::defaults();
  ctx.memory = std::make_shared<MemoryTracker>(0);
  ctx.pool = &pool;
  auto state = op->makeSinkState(ctx);
  Expected expected;
  for (int b = 0; b < 20; ++b) {
    std::vector<std::optional<std::string>> keys;
    std::vector<int64_t> values;
    for (int i = 0; i < 100; ++i) {
      std::string k = "a long key that is not inlined #" + std::to_string((b * 100 + i) % 450);
      keys.push_back(k);
      values.push_back(i);
      expected[k].first += 1;
      expected[k].second += i;
    }
    op->sink(RecordBatch::make(nameValueSchema(), {strings(keys), longs(values)}, 100), b, state.get(), ctx);
  }
  op->combine(state.get(), ctx);
  state.reset();
  op->finalize(ctx);
  DriveResult result;
  for (int64_t m = 0; m < op->morselCount(ctx); ++m)
    op->produce(m, ctx, [&](const RecordBatchPtr& batch) {
      for (int64_t r = 0; r < batch->numRows(); ++r) result.rows.push_back(batch->row(r));
    });
  expectGroups(result, expected);
}

TEST(HashAggregateKeysTest, QuarterMillionMultiColumnGroupsResizeAndMerge) {
  // String and bigint keys with NULLs in both; every worker table grows
  // from 64 slots through many doublings, and partitions merge across
  // threads.
  SchemaPtr schema = StructType({{"s", StringType()}, {"k", LongType()}, {"v", LongType()}});
  const int64_t rows = 600000;
  std::map<std::pair<std::string, int64_t>, std::pair<int64_t, int64_t>> expected;
  std::vector<RecordBatchPtr> batches;
  const char* names[] = {"US", "DE", "a-long-country-name-one", "a-long-country-name-two", ""};
  for (int64_t start = 0; start < rows; start += 4096) {
    int64_t n = std::min<int64_t>(4096, rows - start);
    std::vector<std::optional<std::string>> s;
    VectorPtr k = Vector::makeFlat(LongType(), n);
    std::vector<int64_t> v;
    for (int64_t i = 0; i < n; ++i) {
      int64_t row = start + i;
      int64_t id = (row * 7919) % 50021;
      bool null_s = id % 101 == 0, null_k = id % 103 == 0;
      std::optional<std::string> name = null_s ? std::nullopt : std::optional(std::string(names[(row * 13) % 5]));
      s.push_back(name);
      if (null_k)
        k->setNull(i);
      else
        k->mutableValues<int64_t>()[i] = id;
      v.push_back(row % 1000);
      auto& e = expected[{name ? *name : "<NULL>", null_k ? INT64_MIN : id}];
      e.first += 1;
      e.second += row % 1000;
    }
    batches.push_back(RecordBatch::make(schema, {strings(s), k, longs(v)}, n));
  }
  auto op = makeAggregate({col(0, StringType(), "s"), col(1, LongType(), "k")},
                          {aggOf("count", {}), aggOf("sum", {col(2, LongType(), "v")})});
  auto result = drive(*op, batches, 2);
  ASSERT_EQ(result.rows.size(), expected.size());
  EXPECT_GT(expected.size(), 200000u);
  for (const auto& r : result.rows) {
    auto it = expected.find({keyText(r[0]), r[1].isNull() ? INT64_MIN : r[1].getLong()});
    ASSERT_NE(it, expected.end()) << keyText(r[0]) << " " << r[1].toString();
    ASSERT_EQ(r[2].getLong(), it->second.first);
    ASSERT_EQ(r[3].getLong(), it->second.second);
  }
}

}  // namespace
}  // namespace loch::testing
