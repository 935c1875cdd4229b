// maskPredicate: the scan's own evaluation of pushed-down predicates.

#include "loch/io/scan_filter.h"

#include <gtest/gtest.h>

#include <cstring>

namespace loch {
namespace {

VectorPtr strings(const std::vector<Value>& values) { return Vector::fromValues(StringType(), values); }

std::vector<uint8_t> mask(const Vector& v, const ColumnPredicate& p) {
  std::vector<uint8_t> keep(static_cast<size_t>(v.size()), 1);
  EXPECT_TRUE(canMaskPredicate(p, *v.type()));
  maskPredicate(v, p, keep.data());
  return keep;
}

using Op = ColumnPredicate::Op;

TEST(ScanFilterTest, StringComparisonsOnFlatAndDictionaryVectors) {
  auto flat = strings({Value::string("b"), Value::null(StringType()), Value::string("a"), Value::string("c")});
  auto base = strings({Value::string("a"), Value::string("b"), Value::null(StringType())});
  auto idx = std::make_shared<Buffer>(4 * sizeof(int32_t));
  int32_t rows[4] = {1, 2, 0, 1};
  std::memcpy(idx->data(), rows, sizeof(rows));
  auto dict = Vector::makeDictionary(base, idx, 4);
  auto p = [](Op op, const char* s) { return ColumnPredicate{0, op, {Value::string(s)}}; };
  EXPECT_EQ(mask(*flat, p(Op::Eq, "b")), (std::vector<uint8_t>{1, 0, 0, 0}));
  EXPECT_EQ(mask(*flat, p(Op::NotEq, "b")), (std::vector<uint8_t>{0, 0, 1, 1}));  // NULL <> 'b' is not true
  EXPECT_EQ(mask(*flat, p(Op::Lt, "b")), (std::vector<uint8_t>{0, 0, 1, 0}));
  EXPECT_EQ(mask(*flat, p(Op::Ge, "b")), (std::vector<uint8_t>{1, 0, 0, 1}));
  EXPECT_EQ(mask(*dict, p(Op::Eq, "b")), (std::vector<uint8_t>{1, 0, 0, 1}));
  EXPECT_EQ(mask(*dict, p(Op::Gt, "a")), (std::vector<uint8_t>{1, 0, 0, 1}));
  ColumnPredicate in{0, Op::In, {Value::string("a"), Value::null(StringType()), Value::string("c")}};
  EXPECT_EQ(mask(*flat, in), (std::vector<uint8_t>{0, 0, 1, 1}));
  EXPECT_EQ(mask(*dict, in), (std::vector<uint8_t>{0, 0, 1, 0}));
  ColumnPredicate only_null{0, Op::In, {Value::null(StringType())}};
  EXPECT_EQ(mask(*flat, only_null), (std::vector<uint8_t>{0, 0, 0, 0}));
  // Bytes compare unsigned: "\xc3\xa9" (é) sorts after "z".
  auto utf8 = strings({Value::string("\xc3\xa9"), Value::string("z")});
  EXPECT_EQ(mask(*utf8, p(Op::Gt, "z")), (std::vector<uint8_t>{1, 0}));
}

TEST(ScanFilterTest, NullTestsOnAnyType) {
  auto ints = Vector::fromValues(IntegerType(), {Value::integer(1), Value::null(IntegerType()), Value::integer(3)});
  EXPECT_EQ(mask(*ints, {0, Op::IsNull, {}}), (std::vector<uint8_t>{0, 1, 0}));
  EXPECT_EQ(mask(*ints, {0, Op::IsNotNull, {}}), (std::vector<uint8_t>{1, 0, 1}));
  auto dense = Vector::fromValues(IntegerType(), {Value::integer(1), Value::integer(2)});
  EXPECT_EQ(mask(*dense, {0, Op::IsNull, {}}), (std::vector<uint8_t>{0, 0}));
  EXPECT_EQ(mask(*dense, {0, Op::IsNotNull, {}}), (std::vector<uint8_t>{1, 1}));
}

TEST(ScanFilterTest, OtherPredicatesAreLeftToTheFilter) {
  EXPECT_FALSE(canMaskPredicate({0, Op::Eq, {Value::integer(1)}}, *IntegerType()));
  EXPECT_FALSE(canMaskPredicate({0, Op::Eq, {Value::integer(1)}}, *StringType()));
  EXPECT_TRUE(canMaskPredicate({0, Op::Eq, {Value::string("x")}}, *StringType()));
}

}  // namespace
}  // namespace loch
