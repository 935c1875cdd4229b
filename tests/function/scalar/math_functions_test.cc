#include <cmath>

#include "loch/common/exception.h"
#include "scalar_test_util.h"

namespace loch::test {
namespace {

Value Dec(int128_t unscaled, int p, int s) { return Value::decimal(unscaled, p, s); }

TEST(MathFunctions, Abs) {
  EXPECT_EQ(eval1("abs", {I(-1)}), "1");
  EXPECT_EQ(eval1("abs", {D(-2.5)}), "2.5");
  EXPECT_EQ(eval1("abs", {Dec(-1234, 6, 2)}), "12.34");
  EXPECT_EQ(eval1("abs", {NullI()}), "NULL");
  try {
    eval1("abs", {I(INT32_MIN)});
    FAIL();
  } catch (const ArithmeticException& e) {
    EXPECT_EQ(e.errorClass(), "ARITHMETIC_OVERFLOW");
  }
  EXPECT_EQ(eval1("abs", {I(INT32_MIN)}, /*ansi=*/false), "-2147483648");
}

TEST(MathFunctions, RoundDoubles) {
  EXPECT_EQ(eval1("round", {D(2.5), I(0)}), "3.0");
  EXPECT_EQ(eval1("round", {D(-2.5)}), "-3.0");
  EXPECT_EQ(eval1("bround", {D(2.5), I(0)}), "2.0");
  EXPECT_EQ(eval1("bround", {D(3.5), I(0)}), "4.0");
  EXPECT_EQ(eval1("bround", {D(-2.5)}), "-2.0");
  // Through the decimal text, as Spark's BigDecimal(Double.toString(x)).
  EXPECT_EQ(eval1("round", {D(1.005), I(2)}), "1.01");
  EXPECT_EQ(eval1("round", {D(0.125), I(2)}), "0.13");
  EXPECT_EQ(eval1("bround", {D(0.125), I(2)}), "0.12");
  EXPECT_EQ(eval1("round", {D(1234.5678), I(-2)}), "1200.0");
  EXPECT_EQ(eval1("round", {D(9.99), I(1)}), "10.0");
  EXPECT_EQ(eval1("round", {D(0.0004), I(2)}), "0.0");
  EXPECT_EQ(eval1("round", {D(NAN), I(2)}), "NaN");
  EXPECT_EQ(eval1("round", {D(1e300), I(2)}), "1.0E300");
}

TEST(MathFunctions, RoundIntegralAndDecimal) {
  EXPECT_EQ(eval1("round", {I(25), I(-1)}), "30");
  EXPECT_EQ(eval1("bround", {I(25), I(-1)}), "20");
  EXPECT_EQ(eval1("round", {I(-25), I(-1)}), "-30");
  EXPECT_EQ(eval1("round", {L(12345), I(2)}), "12345");
  auto f = bindOn("round", {Vector::makeConstant(Dec(12345, 10, 3), 1), Vector::makeConstant(I(1), 1)});
  // integral digits p - s + 1 = 8, scale min(3, 1) = 1.
  EXPECT_EQ(f.return_type->sql(), "DECIMAL(9,1)");
  EXPECT_EQ(eval1("round", {Dec(12345, 10, 3), I(1)}), "12.3");
  EXPECT_EQ(eval1("round", {Dec(12355, 10, 3), I(2)}), "12.36");
  EXPECT_EQ(eval1("bround", {Dec(12355, 10, 3), I(2)}), "12.36");
  EXPECT_EQ(eval1("bround", {Dec(12345, 10, 3), I(2)}), "12.34");
  EXPECT_EQ(eval1("round", {Dec(-12345, 10, 3), I(2)}), "-12.35");
  auto g = bindOn("round", {Vector::makeConstant(Dec(12345, 10, 3), 1), Vector::makeConstant(I(-1), 1)});
  EXPECT_EQ(g.return_type->sql(), "DECIMAL(8,0)");
  EXPECT_EQ(eval1("round", {Dec(15000, 10, 3), I(-1)}), "20");
  // A single rounding step: 14.5 to tens is 10, not 15 then 20.
  EXPECT_EQ(eval1("round", {Dec(145, 3, 1), I(-1)}), "10");
  EXPECT_EQ(eval1("bround", {Dec(250, 3, 1), I(-1)}), "20");
  EXPECT_EQ(eval1("round", {Dec(-250, 3, 1), I(-1)}), "-30");
}

TEST(MathFunctions, FloorCeil) {
  EXPECT_EQ(eval1("floor", {D(-0.1)}), "-1");
  EXPECT_EQ(eval1("ceil", {D(-0.1)}), "0");
  EXPECT_EQ(eval1("ceiling", {D(5.0)}), "5");
  EXPECT_EQ(eval1("ceil", {L(5)}), "5");
  EXPECT_EQ(eval1("floor", {D(NAN)}), "0");
  EXPECT_EQ(eval1("floor", {D(1e30)}), "9223372036854775807");
  auto f = bindOn("floor", {Vector::makeConstant(Dec(-1234, 6, 2), 1)});
  EXPECT_EQ(f.return_type->sql(), "DECIMAL(5,0)");
  EXPECT_EQ(eval1("floor", {Dec(-1234, 6, 2)}), "-13");
  EXPECT_EQ(eval1("ceil", {Dec(-1234, 6, 2)}), "-12");
  EXPECT_EQ(eval1("ceil", {Dec(1201, 6, 2)}), "13");
  EXPECT_EQ(eval1("ceil", {D(3.14159), I(2)}), "3.15");
  EXPECT_EQ(eval1("floor", {D(-0.1)}, false), "-1");
}

TEST(MathFunctions, Transcendental) {
  EXPECT_EQ(eval1("sqrt", {D(4)}), "2.0");
  EXPECT_EQ(eval1("sqrt", {D(-1)}), "NaN");
  EXPECT_EQ(eval1("pow", {D(2), D(3)}), "8.0");
  EXPECT_EQ(eval1("power", {D(2), D(-1)}), "0.5");
  EXPECT_EQ(eval1("exp", {D(0)}), "1.0");
  EXPECT_EQ(eval1("ln", {D(1)}), "0.0");
  EXPECT_EQ(eval1("ln", {D(0)}), "NULL");
  EXPECT_EQ(eval1("log", {D(10), D(100)}), "2.0");
  EXPECT_EQ(eval1("log", {D(-10), D(100)}), "NULL");
  EXPECT_EQ(eval1("log10", {D(10)}), "1.0");
  EXPECT_EQ(eval1("log2", {D(2)}), "1.0");
  EXPECT_EQ(eval1("log1p", {D(0)}), "0.0");
  EXPECT_EQ(eval1("log1p", {D(-1)}), "NULL");
  EXPECT_EQ(eval1("signum", {D(40)}), "1.0");
  EXPECT_EQ(eval1("sign", {D(-0.5)}), "-1.0");
  EXPECT_EQ(eval1("sin", {D(0)}), "0.0");
  EXPECT_EQ(eval1("cos", {D(0)}), "1.0");
  EXPECT_EQ(eval1("tan", {D(0)}), "0.0");
  EXPECT_EQ(eval1("asin", {D(2)}), "NaN");
  EXPECT_EQ(eval1("acos", {D(1)}), "0.0");
  EXPECT_EQ(eval1("atan", {D(0)}), "0.0");
  EXPECT_EQ(eval1("atan2", {D(0), D(0)}), "0.0");
  EXPECT_EQ(eval1("degrees", {D(M_PI)}), "180.0");
  EXPECT_EQ(eval1("radians", {D(180)}), "3.141592653589793");
  EXPECT_EQ(eval1("pi", {}), "3.141592653589793");
  EXPECT_EQ(eval1("e", {}), "2.718281828459045");
  EXPECT_EQ(eval1("factorial", {I(5)}), "120");
  EXPECT_EQ(eval1("factorial", {I(21)}), "NULL");
  EXPECT_EQ(eval1("bin", {L(13)}), "1101");
  EXPECT_EQ(eval1("bin", {L(-13)}), "1111111111111111111111111111111111111111111111111111111111110011");
  EXPECT_EQ(eval1("sqrt", {Value::null(DoubleType())}), "NULL");
  EXPECT_EQ(eval1("conv", {S("100"), I(2), I(10)}), "4");
  EXPECT_EQ(eval1("conv", {S("-10"), I(16), I(-10)}), "-16");
  EXPECT_EQ(eval1("conv", {S("-10"), I(16), I(10)}), "18446744073709551600");
  EXPECT_EQ(eval1("conv", {S("ff"), I(16), I(2)}), "11111111");
  EXPECT_EQ(eval1("conv", {S("12xyz"), I(10), I(16)}), "C");
  EXPECT_EQ(eval1("conv", {S("1"), I(1), I(10)}), "NULL");
  EXPECT_EQ(eval1("conv", {S("99999999999999999999"), I(10), I(10)}, false), "18446744073709551615");
  EXPECT_THROW(eval1("conv", {S("99999999999999999999"), I(10), I(10)}), ArithmeticException);
}

TEST(MathFunctions, GreatestLeast) {
  EXPECT_EQ(eval1("greatest", {I(10), I(9), I(2), I(4), I(3)}), "10");
  EXPECT_EQ(eval1("least", {I(10), I(9), I(2), I(4), I(3)}), "2");
  EXPECT_EQ(eval1("greatest", {I(1), NullI()}), "1");
  EXPECT_EQ(eval1("greatest", {NullI(), NullI()}), "NULL");
  EXPECT_EQ(eval1("greatest", {D(1), D(NAN)}), "NaN");
  EXPECT_EQ(eval1("least", {S("b"), S("a"), S("é")}), "a");
  // Mixed types widen to the common type (findWiderCommonType).
  auto f = bindOn("greatest", {Vector::makeConstant(I(1), 1), Vector::makeConstant(D(2.5), 1)});
  EXPECT_EQ(f.return_type->sql(), "DOUBLE");
  EXPECT_EQ(f.arg_types[0]->sql(), "DOUBLE");
  EXPECT_THROW(bindOn("greatest", {Vector::makeConstant(I(1), 1)}), AnalysisException);
}

TEST(MathFunctions, Pmod) {
  EXPECT_EQ(eval1("pmod", {I(10), I(3)}), "1");
  EXPECT_EQ(eval1("pmod", {I(-10), I(3)}), "2");
  EXPECT_EQ(eval1("pmod", {D(-7.5), D(2)}), "0.5");
  EXPECT_EQ(eval1("mod", {I(-10), I(3)}), "-1");
  EXPECT_EQ(eval1("pmod", {I(1), I(0)}, false), "NULL");
  try {
    eval1("pmod", {I(1), I(0)});
    FAIL();
  } catch (const ArithmeticException& e) {
    EXPECT_EQ(e.errorClass(), "DIVIDE_BY_ZERO");
  }
}

TEST(MathFunctions, RandMatchesSpark) {
  // Spark's documented values: rand(0) and randn(0) on the first row of partition 0.
  EXPECT_EQ(eval1("rand", {I(0)}), "0.7604953758285915");
  // Spark's docs and RandomSuite (Databricks documents other values).
  EXPECT_EQ(eval1("randn", {I(0)}), "1.6034991609278433");
  EXPECT_EQ(eval1("rand", {L(5419823303878592871LL)}), "0.7145363364564755");
  EXPECT_EQ(eval1("randn", {L(5419823303878592871LL)}), "0.7816815274533012");
  EXPECT_EQ(eval1("rand", {NullI()}), "0.7604953758285915");
  auto f = bindOn("rand", {Vector::makeConstant(L(42), 1)});
  EXPECT_FALSE(f.deterministic);
  // A batch at row_offset k continues the partition's sequence.
  EvalContext ctx = testContext();
  VectorPtr all = f.kernel({Vector::makeConstant(L(42), 10)}, 10, ctx);
  ctx.row_offset = 6;
  VectorPtr tail = f.kernel({Vector::makeConstant(L(42), 4)}, 4, ctx);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(tail->getValue(i), all->getValue(6 + i));
  ctx.row_offset = 0;
  ctx.partition_index = 1;
  VectorPtr other = f.kernel({Vector::makeConstant(L(42), 1)}, 1, ctx);
  EXPECT_NE(other->getValue(0), all->getValue(0));
  for (int i = 0; i < 10; ++i) {
    double v = all->getValue(i).getDouble();
    EXPECT_TRUE(v >= 0 && v < 1);
  }
}

TEST(MathFunctions, FlatManyRows) {
  const int n = 2000;
  std::vector<Value> xs;
  for (int i = 0; i < n; ++i) xs.push_back(i % 5 == 0 ? Value::null(DoubleType()) : D(i * 0.5));
  auto out = run("round", {Vector::fromValues(DoubleType(), xs), Vector::makeConstant(I(0), n)});
  for (int i = 0; i < n; ++i) {
    if (i % 5 == 0) {
      EXPECT_TRUE(out->isNull(i));
    } else {
      ASSERT_EQ(out->getValue(i).getDouble(), std::floor(i * 0.5 + 0.5)) << i;
    }
  }
}

// ---- hashes and encodings ------------------------------------------------------

TEST(HashFunctions, SparkDocumentedValues) {
  Value arr = Value::array(ArrayType(IntegerType()), {I(123)});
  EXPECT_EQ(eval1("hash", {S("Spark"), arr, I(2)}), "-1321691492");
  EXPECT_EQ(eval1Flat("hash", {S("Spark"), arr, I(2)}), "-1321691492");
  EXPECT_EQ(eval1("xxhash64", {S("Spark"), arr, I(2)}), "5602566077635097486");
  EXPECT_EQ(eval1("md5", {Value::binary("Spark")}), "8cde774d6f7333752ed72cacddb05126");
  EXPECT_EQ(eval1("sha1", {Value::binary("Spark")}), "85f5955f4b27a9a4c2aab6ffe5d7189fc298b92c");
  EXPECT_EQ(eval1("sha2", {Value::binary("Spark"), I(256)}),
            "529bc3b07127ecb7e53a4dcf1991d9152c24537d919178022b2c42657f79a26b");
  EXPECT_EQ(eval1("sha2", {Value::binary("Spark"), I(1)}), "NULL");
  EXPECT_EQ(eval1("crc32", {Value::binary("Spark")}), "1557323817");
}

TEST(HashFunctions, KnownMurmur3Values) {
  EXPECT_EQ(eval1("hash", {I(1)}), "-559580957");
  EXPECT_EQ(eval1("hash", {I(0)}), "933211791");
  EXPECT_EQ(eval1("hash", {I(-1)}), "-1604776387");
  EXPECT_EQ(eval1("hash", {I(2)}), "1765031574");
  EXPECT_EQ(eval1("hash", {Value::boolean(true)}), "-559580957");
  EXPECT_EQ(eval1("hash", {S("hello world")}), "-1528836094");
}

TEST(HashFunctions, KnownXxHash64Values) {
  EXPECT_EQ(eval1("xxhash64", {L(1)}), "-7001672635703045582");
  EXPECT_EQ(eval1("xxhash64", {L(0)}), "-5252525462095825812");
  EXPECT_EQ(eval1("xxhash64", {L(-1)}), "3858142552250413010");
  EXPECT_EQ(eval1("xxhash64", {I(42)}), "-387659249110444264");
  EXPECT_EQ(eval1("xxhash64", {S("hello")}), "-4367754540140381902");
  EXPECT_EQ(eval1("xxhash64", {I(1), S("a"), I(2)}), "4450643625805672383");
  EXPECT_EQ(eval1("xxhash64", {D(1.5)}), "7738255526519901366");
  EXPECT_EQ(eval1("xxhash64", {Value::floatValue(1.5f)}), "6163473420726370430");
  EXPECT_EQ(eval1("xxhash64", {Dec(150, 10, 2)}), "-6873856301616164681");
  EXPECT_EQ(eval1("xxhash64", {Value::date(*parseDate("2024-01-15"))}), "2166432641145730595");
  EXPECT_EQ(eval1("xxhash64", {Value::binary("Hello")}), "6777584228807376986");
  EXPECT_EQ(eval1("xxhash64", {Value::array(ArrayType(IntegerType()), {I(1), I(2), I(3)})}), "8592097078962733837");
  auto st = StructType({StructField("a", IntegerType()), StructField("b", StringType())});
  EXPECT_EQ(eval1("xxhash64", {Value::structValue(st, {I(1), S("x")})}), "8510603489595372987");
  EXPECT_EQ(eval1("xxhash64", {Value::boolean(true)}), "-6698625589789238999");
}

TEST(HashFunctions, NullsAndTypes) {
  // NULL leaves the seed unchanged, so hash(NULL) is 42.
  EXPECT_EQ(eval1("hash", {NullI()}), "42");
  EXPECT_EQ(eval1("xxhash64", {NullS()}), "42");
  // -0.0 and 0.0 hash alike.
  EXPECT_EQ(eval1("hash", {D(-0.0)}), eval1("hash", {D(0.0)}));
  EXPECT_EQ(eval1("hash", {L(1)}), eval1("hash", {Value::timestamp(1)}));
  EXPECT_NE(eval1("hash", {I(1)}), eval1("hash", {L(1)}));
  Value m = Value::map(MapType(IntegerType(), IntegerType()), {});
  try {
    eval1("hash", {m});
    FAIL();
  } catch (const AnalysisException& e) {
    EXPECT_EQ(e.errorClass(), "DATATYPE_MISMATCH.HASH_MAP_TYPE");
  }
  EXPECT_THROW(bindOn("hash", {}), AnalysisException);
}

TEST(HashFunctions, Encodings) {
  EXPECT_EQ(eval1("base64", {Value::binary("Spark SQL")}), "U3BhcmsgU1FM");
  EXPECT_EQ(eval1("base64", {Value::binary("")}), "");
  EXPECT_EQ(eval1("base64", {Value::binary("a")}), "YQ==");
  EXPECT_EQ(run("unbase64", {Vector::makeConstant(S("U3BhcmsgU1FM"), 1)})->getValue(0).getString(), "Spark SQL");
  EXPECT_EQ(eval1("hex", {L(17)}), "11");
  EXPECT_EQ(eval1("hex", {L(-1)}), "FFFFFFFFFFFFFFFF");
  EXPECT_EQ(eval1("hex", {S("Spark SQL")}), "537061726B2053514C");
  EXPECT_EQ(run("unhex", {Vector::makeConstant(S("537061726B2053514C"), 1)})->getValue(0).getString(), "Spark SQL");
  EXPECT_EQ(run("unhex", {Vector::makeConstant(S("F"), 1)})->getValue(0).getString(), std::string("\x0f"));
  EXPECT_EQ(eval1("unhex", {S("GG")}), "NULL");
}

}  // namespace
}  // namespace loch::test
