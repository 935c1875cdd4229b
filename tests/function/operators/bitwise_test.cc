#include <gtest/gtest.h>

#include "function/operators/operator_test_util.h"

namespace loch::testing {
namespace {

TEST(BitwiseTest, AndOrXorNot) {
  ExprHarness h;
  auto a = vec(IntegerType(), {I(3), I(-1), Null(IntegerType())});
  auto b = vec(IntegerType(), {I(5), I(12), I(1)});
  expectValues(h.apply("&", {a, b}), {I(1), I(12), Null(IntegerType())});
  expectValues(h.apply("|", {a, b}), {I(7), I(-1), Null(IntegerType())});
  expectValues(h.apply("^", {a, b}), {I(6), I(-13), Null(IntegerType())});
  expectValues(h.apply("~", {a}), {I(-4), I(0), Null(IntegerType())});
  auto attrs = h.setInput({vec(ByteType(), {Value::byte(1)}), vec(LongType(), {L(3)})});
  EXPECT_EQ(h.call("|", {attrs[0], attrs[1]})->type()->id(), TypeId::Long);
  auto bad = h.setInput({vec(DoubleType(), {D(1)})});
  expectError([&] { h.call("~", {bad[0]}); }, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
}

TEST(BitwiseTest, Shifts) {
  ExprHarness h;
  auto a = vec(IntegerType(), {I(1), I(-8), I(1)});
  auto s = vec(IntegerType(), {I(3), I(1), I(33)});
  expectValues(h.apply("shiftleft", {a, s}), {I(8), I(-16), I(2)});
  expectValues(h.apply("shiftright", {a, s}), {I(0), I(-4), I(0)});
  expectValues(h.apply("shiftrightunsigned", {vec(IntegerType(), {I(-8)}), vec(IntegerType(), {I(28)})}), {I(15)});
  auto l = h.apply("shiftleft", {vec(LongType(), {L(1)}), vec(IntegerType(), {I(40)})});
  expectValues(l, {L(1LL << 40)});
}

}  // namespace
}  // namespace loch::testing
