#include "loch/exec/aggregate/group_key_layout.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "loch/vector/buffer.h"
#include "loch/vector/vector_builder.h"

namespace loch {
namespace {

std::string textOfLength(size_t len, char first = 'a') {
  std::string s;
  for (size_t i = 0; i < len; ++i) s.push_back(static_cast<char>(first + i % 26));
  return s;
}

VectorPtr strings(const std::vector<std::optional<std::string>>& values, DataTypePtr type = StringType()) {
  VectorBuilder b(type, static_cast<int64_t>(values.size()));
  for (const auto& v : values) {
    if (v)
      b.appendString(*v);
    else
      b.appendNull();
  }
  return b.finish();
}

VectorPtr dictionaryOf(const VectorPtr& dictionary, const std::vector<int32_t>& indices,
                       const std::vector<bool>& null_rows = {}) {
  int64_t n = static_cast<int64_t>(indices.size());
  auto buffer = std::make_shared<Buffer>(indices.size() * sizeof(int32_t));
  std::memcpy(buffer->data(), indices.data(), indices.size() * sizeof(int32_t));
  VectorPtr v = Vector::makeDictionary(dictionary, buffer, n);
  for (size_t i = 0; i < null_rows.size(); ++i)
    if (null_rows[i]) v->setNull(static_cast<int64_t>(i));
  return v;
}

struct Encoded {
  std::vector<uint8_t> rows;
  std::vector<uint64_t> hashes;
  std::vector<std::string> scratch;
  const uint8_t* row(int64_t i, const GroupKeyLayout& layout) const { return rows.data() + i * layout.width(); }
};

Encoded encode(const GroupKeyLayout& layout, const std::vector<VectorPtr>& keys) {
  Encoded e;
  int64_t n = keys[0]->size();
  e.rows.resize(static_cast<size_t>(n) * layout.width());
  e.hashes.resize(static_cast<size_t>(n));
  layout.encode(keys, n, e.rows.data(), e.hashes.data(), e.scratch);
  return e;
}

TEST(StringKeyTest, EveryLengthRoundTripsAndComparesByContent) {
  for (size_t len = 0; len <= 40; ++len) {
    std::string a = textOfLength(len);
    std::string b = a;  // same content, other address
    uint8_t ka[16], kb[16];
    string_key::make(a, ka);
    string_key::make(b, kb);
    EXPECT_EQ(string_key::length(ka), len);
    EXPECT_EQ(string_key::view(ka), a) << len;
    EXPECT_TRUE(string_key::equal(ka, kb)) << len;
    // Short keys hold their bytes (zero-padded), so equal content means
    // equal key bytes.
    if (len <= string_key::kInlineMax) EXPECT_EQ(std::memcmp(ka, kb, 16), 0) << len;
    for (size_t pos = 0; pos < len; ++pos) {
      std::string c = a;
      c[pos] = '#';
      uint8_t kc[16];
      string_key::make(c, kc);
      EXPECT_FALSE(string_key::equal(ka, kc)) << len << " " << pos;
    }
  }
}

TEST(StringKeyTest, LengthsAroundTheInlineLimitDiffer) {
  std::string twelve = "abcdefghijkl", thirteen = "abcdefghijklm", with_nul = std::string("abcdefghijk\0", 12);
  uint8_t k12[16], k13[16], knul[16], k11[16];
  string_key::make(twelve, k12);
  string_key::make(thirteen, k13);
  string_key::make(with_nul, knul);
  string_key::make("abcdefghijk", k11);
  EXPECT_FALSE(string_key::equal(k12, k13));
  EXPECT_FALSE(string_key::equal(k12, knul));
  // A trailing NUL byte is content: "abcdefghijk\0" differs from "abcdefghijk".
  EXPECT_FALSE(string_key::equal(knul, k11));
  EXPECT_EQ(string_key::view(knul), with_nul);
}

TEST(GroupKeyLayoutTest, FlatDictionaryAndConstantStringsEncodeAndHashAlike) {
  std::string long_text = "a-string-longer-than-twelve-bytes";
  std::vector<std::optional<std::string>> values = {"US", long_text, std::nullopt, "", "DE", long_text, "US"};
  VectorPtr flat = strings(values);
  VectorPtr dict = strings({"DE", "US", long_text, "", std::nullopt});
  VectorPtr encoded = dictionaryOf(dict, {1, 2, 4, 3, 0, 2, 1});
  GroupKeyLayout layout({StringType()});
  Encoded a = encode(layout, {flat});
  Encoded b = encode(layout, {encoded});
  for (int64_t i = 0; i < flat->size(); ++i) {
    EXPECT_EQ(a.hashes[i], b.hashes[i]) << i;
    EXPECT_TRUE(layout.equal(a.row(i, layout), b.row(i, layout))) << i;
  }
  EXPECT_TRUE(layout.equal(a.row(0, layout), a.row(6, layout)));
  EXPECT_TRUE(layout.equal(a.row(1, layout), b.row(5, layout)));
  EXPECT_FALSE(layout.equal(a.row(2, layout), a.row(3, layout)));  // NULL is not ""
  EXPECT_FALSE(layout.equal(a.row(0, layout), a.row(4, layout)));

  VectorPtr constant = Vector::makeConstant(Value::string(long_text), 3);
  Encoded c = encode(layout, {constant});
  for (int64_t i = 0; i < 3; ++i) {
    EXPECT_EQ(c.hashes[i], a.hashes[1]);
    EXPECT_TRUE(layout.equal(c.row(i, layout), a.row(1, layout)));
  }
  VectorPtr null_constant = Vector::makeConstant(Value::null(StringType()), 2);
  Encoded d = encode(layout, {null_constant});
  EXPECT_EQ(d.hashes[0], a.hashes[2]);
  EXPECT_TRUE(layout.equal(d.row(1, layout), a.row(2, layout)));

  const uint8_t* rows[] = {a.row(0, layout), a.row(1, layout), a.row(2, layout), a.row(3, layout)};
  VectorPtr back = layout.decode(0, rows, 4);
  EXPECT_EQ(back->getValue(0), Value::string("US"));
  EXPECT_EQ(back->getValue(1), Value::string(long_text));
  EXPECT_TRUE(back->isNull(2));
  EXPECT_EQ(back->getValue(3), Value::string(""));
}

TEST(GroupKeyLayoutTest, DictionaryRowsMarkedNullAreNullKeys) {
  VectorPtr dict = strings({"x", "y"});
  VectorPtr v = dictionaryOf(dict, {0, 1, 0, 1}, {false, true, false, false});
  GroupKeyLayout layout({StringType()});
  Encoded e = encode(layout, {v});
  Encoded null_row = encode(layout, {strings({std::nullopt})});
  EXPECT_TRUE(layout.equal(e.row(1, layout), null_row.row(0, layout)));
  EXPECT_EQ(e.hashes[1], null_row.hashes[0]);
  EXPECT_TRUE(layout.equal(e.row(0, layout), e.row(2, layout)));
  EXPECT_FALSE(layout.equal(e.row(1, layout), e.row(3, layout)));
}

TEST(GroupKeyLayoutTest, SignedZerosAndNaNsAreOneKeyWithOneHash) {
  VectorPtr d = Vector::makeFlat(DoubleType(), 4);
  d->mutableValues<double>()[0] = 0.0;
  d->mutableValues<double>()[1] = -0.0;
  d->mutableValues<double>()[2] = std::nan("1");
  d->mutableValues<double>()[3] = -std::nan("7");
  VectorPtr f = Vector::makeFlat(FloatType(), 4);
  f->mutableValues<float>()[0] = -0.0f;
  f->mutableValues<float>()[1] = 0.0f;
  f->mutableValues<float>()[2] = -std::nanf("3");
  f->mutableValues<float>()[3] = std::nanf("1");
  GroupKeyLayout layout({DoubleType(), FloatType()});
  Encoded e = encode(layout, {d, f});
  EXPECT_EQ(e.hashes[0], e.hashes[1]);
  EXPECT_EQ(e.hashes[2], e.hashes[3]);
  EXPECT_NE(e.hashes[0], e.hashes[2]);
  EXPECT_TRUE(layout.equal(e.row(0, layout), e.row(1, layout)));
  EXPECT_TRUE(layout.equal(e.row(2, layout), e.row(3, layout)));
  EXPECT_FALSE(layout.equal(e.row(0, layout), e.row(2, layout)));
}

TEST(GroupKeyLayoutTest, HashesSpreadOverSlotSaltAndPartitionBits) {
  // Clustered keys (consecutive integers, a few short strings) must still
  // spread over the low bits (slot index), bits 32..47 (salt) and the top
  // bits (radix partition).
  const int64_t n = 1 << 16;
  VectorPtr ids = Vector::makeFlat(LongType(), n);
  for (int64_t i = 0; i < n; ++i) ids->mutableValues<int64_t>()[i] = i;
  GroupKeyLayout layout({LongType()});
  Encoded e = encode(layout, {ids});
  std::vector<int> low(1024), salt(1024), top(16);
  for (uint64_t h : e.hashes) {
    ++low[h & 1023];
    ++salt[(h >> 32) & 1023];
    ++top[h >> 60];
  }
  for (int c : low) EXPECT_GT(c, 64 / 4) << "low bits";
  for (int c : salt) EXPECT_GT(c, 64 / 4) << "salt bits";
  for (int c : top) EXPECT_GT(c, n / 16 / 2) << "partition bits";
}

}  // namespace
}  // namespace loch
