#include <gtest/gtest.h>

#include <cmath>

#include "loch/common/exception.h"
#include "loch/exec/aggregate/value_codec.h"

namespace loch {
namespace {

std::string enc(const Value& v, const DataTypePtr& t) {
  std::string out;
  encodeKeyValue(v, *t, out);
  return out;
}

TEST(ValueCodecTest, RoundTripsNestedValues) {
  auto mt = MapType(StringType(), ArrayType(LongType()));
  auto st = StructType({{"m", mt}, {"d", DecimalType(20, 3)}, {"t", TimestampType()}, {"b", BooleanType()}});
  Value m = Value::map(mt, {Value::mapEntry(Value::string("k"), Value::array(ArrayType(LongType()),
                                                                               {Value::longValue(1), Value::null(LongType())})),
                            Value::mapEntry(Value::string(""), Value::null(ArrayType(LongType())))});
  Value v = Value::structValue(st, {m, Value::decimal(-12345, 20, 3), Value::timestamp(-1), Value::boolean(true)});
  std::string bytes = enc(v, st);
  std::string_view in(bytes);
  EXPECT_EQ(decodeKeyValue(st, in), v);
  EXPECT_TRUE(in.empty());
  std::string null_bytes = enc(Value::null(st), st);
  std::string_view in2(null_bytes);
  EXPECT_TRUE(decodeKeyValue(st, in2).isNull());
}

TEST(ValueCodecTest, FloatingKeysAreNormalised) {
  auto at = ArrayType(DoubleType());
  EXPECT_EQ(enc(Value::array(at, {Value::doubleValue(0.0)}), at), enc(Value::array(at, {Value::doubleValue(-0.0)}), at));
  EXPECT_EQ(enc(Value::array(at, {Value::doubleValue(std::nan("1"))}), at),
            enc(Value::array(at, {Value::doubleValue(-std::nan("7"))}), at));
  EXPECT_NE(enc(Value::array(at, {}), at), enc(Value::null(at), at));
}

TEST(ValueCodecTest, TruncatedInputThrows) {
  std::string bytes = enc(Value::string("hello"), StringType());
  std::string_view in(bytes.data(), 3);
  EXPECT_THROW(decodeKeyValue(StringType(), in), InternalException);
}

}  // namespace
}  // namespace loch
