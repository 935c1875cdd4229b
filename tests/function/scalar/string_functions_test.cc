#include "loch/common/exception.h"
#include "scalar_test_util.h"

namespace loch::test {
namespace {

TEST(StringFunctions, Length) {
  EXPECT_EQ(eval1("length", {S("Spark SQL ")}), "10");
  EXPECT_EQ(eval1("char_length", {S("héllo")}), "5");
  EXPECT_EQ(eval1Flat("length", {S("日本語")}), "3");
  EXPECT_EQ(eval1("octet_length", {S("日本語")}), "9");
  EXPECT_EQ(eval1("length", {NullS()}), "NULL");
  EXPECT_EQ(eval1("length", {S("")}), "0");
  EXPECT_EQ(eval1("length", {Value::binary("ab\xff")}), "3");
  EXPECT_EQ(eval1("bit_length", {S("Spark SQL")}), "72");
}

TEST(StringFunctions, LowerUpper) {
  EXPECT_EQ(eval1("lower", {S("SparkSql")}), "sparksql");
  EXPECT_EQ(eval1Flat("upper", {S("SparkSql")}), "SPARKSQL");
  EXPECT_EQ(eval1("upper", {S("straße é ñ")}), "STRASSE É Ñ");
  EXPECT_EQ(eval1("lower", {S("ÀÉÎ ΣΑΣ")}), "àéî σασ");
  EXPECT_EQ(eval1("ucase", {NullS()}), "NULL");
}

TEST(StringFunctions, Trim) {
  EXPECT_EQ(eval1("trim", {S("    SparkSQL   ")}), "SparkSQL");
  EXPECT_EQ(eval1("ltrim", {S("    SparkSQL   ")}), "SparkSQL   ");
  EXPECT_EQ(eval1("rtrim", {S("    SparkSQL   ")}), "    SparkSQL");
  // Only spaces are trimmed by default, not tabs.
  EXPECT_EQ(eval1("trim", {S("\tab ")}), "\tab");
  EXPECT_EQ(eval1("trim", {S("SSparkSQLS"), S("SL")}), "parkSQ");
  EXPECT_EQ(eval1("ltrim", {S("SSparkSQLS"), S("Sp")}), "arkSQLS");
  EXPECT_EQ(eval1("rtrim", {S("ééabcéé"), S("é")}), "ééabc");
  EXPECT_EQ(eval1("trim", {S("   ")}), "");
  EXPECT_EQ(eval1("trim", {NullS()}), "NULL");
}

TEST(StringFunctions, Substring) {
  EXPECT_EQ(eval1("substr", {S("Spark SQL"), I(5)}), "k SQL");
  EXPECT_EQ(eval1("substr", {S("Spark SQL"), I(-3)}), "SQL");
  EXPECT_EQ(eval1("substring", {S("Spark SQL"), I(5), I(1)}), "k");
  EXPECT_EQ(eval1Flat("substring", {S("Spark SQL"), I(0), I(3)}), "Spa");
  EXPECT_EQ(eval1("substring", {S("Spark SQL"), I(-100), I(3)}), "");
  EXPECT_EQ(eval1("substring", {S("Spark SQL"), I(-10), I(3)}), "Sp");
  EXPECT_EQ(eval1("substring", {S("Spark SQL"), I(20)}), "");
  EXPECT_EQ(eval1("substring", {S("Spark SQL"), I(2), I(-1)}), "");
  EXPECT_EQ(eval1("substring", {S("日本語テキスト"), I(2), I(3)}), "本語テ");
  EXPECT_EQ(eval1("substring", {S("日本語"), I(-1)}), "語");
  EXPECT_EQ(eval1("substring", {NullS(), I(1)}), "NULL");
  EXPECT_EQ(eval1("substring", {S("abc"), NullI()}), "NULL");
  EXPECT_EQ(eval1("left", {S("Spark SQL"), I(3)}), "Spa");
  EXPECT_EQ(eval1("left", {S("Spark SQL"), I(-3)}), "");
  EXPECT_EQ(eval1("right", {S("Spark SQL"), I(3)}), "SQL");
  EXPECT_EQ(eval1("right", {S("Spark SQL"), I(0)}), "");
  EXPECT_EQ(eval1("right", {S("Spark"), I(10)}), "Spark");
}

TEST(StringFunctions, Pad) {
  EXPECT_EQ(eval1("lpad", {S("hi"), I(5), S("??")}), "???hi");
  EXPECT_EQ(eval1("lpad", {S("hi"), I(1), S("??")}), "h");
  EXPECT_EQ(eval1("lpad", {S("hi"), I(5)}), "   hi");
  EXPECT_EQ(eval1("rpad", {S("hi"), I(5), S("??")}), "hi???");
  EXPECT_EQ(eval1("rpad", {S("hi"), I(1), S("??")}), "h");
  EXPECT_EQ(eval1("rpad", {S("hi"), I(5)}), "hi   ");
  EXPECT_EQ(eval1("lpad", {S("hi"), I(-1), S("?")}), "");
  EXPECT_EQ(eval1("lpad", {S("hi"), I(5), S("")}), "hi");
  EXPECT_EQ(eval1("lpad", {S("é"), I(4), S("ü")}), "üüüé");
  try {
    eval1("lpad", {S("a"), I(INT32_MAX), S("é")});
    FAIL();
  } catch (const InvalidArgumentException& e) {
    EXPECT_EQ(e.errorClass(), "EXCEED_LIMIT_LENGTH");
  }
  EXPECT_THROW(eval1("repeat", {S("abc"), I(INT32_MAX)}), InvalidArgumentException);
}

TEST(StringFunctions, ConcatAndReplace) {
  EXPECT_EQ(eval1("concat", {S("Spark"), S("SQL")}), "SparkSQL");
  EXPECT_EQ(eval1("concat", {S("Spark"), NullS()}), "NULL");
  EXPECT_EQ(eval1("concat_ws", {S(" "), S("Spark"), S("SQL")}), "Spark SQL");
  EXPECT_EQ(eval1("concat_ws", {S("s")}), "");
  EXPECT_EQ(eval1("concat_ws", {S("/"), S("a"), NullS(), S("b")}), "a/b");
  EXPECT_EQ(eval1("concat_ws", {NullS(), S("a")}), "NULL");
  Value arr = Value::array(ArrayType(StringType()), {S("x"), NullS(), S("y")});
  EXPECT_EQ(eval1("concat_ws", {S(","), S("a"), arr}), "a,x,y");
  EXPECT_EQ(eval1("replace", {S("ABCabc"), S("abc"), S("DEF")}), "ABCDEF");
  EXPECT_EQ(eval1("replace", {S("ABCabc"), S("abc")}), "ABC");
  EXPECT_EQ(eval1("replace", {S("abc"), S("")}), "abc");
}

TEST(StringFunctions, InstrLocate) {
  EXPECT_EQ(eval1("instr", {S("SparkSQL"), S("SQL")}), "6");
  EXPECT_EQ(eval1("instr", {S("SparkSQL"), S("xyz")}), "0");
  EXPECT_EQ(eval1("instr", {S("日本語SQL"), S("SQL")}), "4");
  EXPECT_EQ(eval1("instr", {S("abc"), S("")}), "1");
  EXPECT_EQ(eval1("locate", {S("bar"), S("foobarbar")}), "4");
  EXPECT_EQ(eval1("locate", {S("bar"), S("foobarbar"), I(5)}), "7");
  EXPECT_EQ(eval1("position", {S("bar"), S("foobarbar"), I(0)}), "0");
  EXPECT_EQ(eval1("locate", {S("bar"), S("foobarbar"), NullI()}), "0");
  EXPECT_EQ(eval1("locate", {NullS(), S("foobarbar")}), "NULL");
}

TEST(StringFunctions, Misc) {
  EXPECT_EQ(eval1("initcap", {S("sPark sql")}), "Spark Sql");
  EXPECT_EQ(eval1("initcap", {S("élan vital")}), "Élan Vital");
  EXPECT_EQ(eval1("repeat", {S("123"), I(2)}), "123123");
  EXPECT_EQ(eval1("repeat", {S("123"), I(-1)}), "");
  EXPECT_EQ(eval1("reverse", {S("Spark SQL")}), "LQS krapS");
  EXPECT_EQ(eval1("reverse", {S("日本語")}), "語本日");
  EXPECT_EQ(eval1("translate", {S("AaBbCc"), S("abc"), S("123")}), "A1B2C3");
  EXPECT_EQ(eval1("translate", {S("AaBbCc"), S("abc"), S("1")}), "A1BC");
  EXPECT_EQ(eval1("ascii", {S("222")}), "50");
  EXPECT_EQ(eval1("ascii", {S("")}), "0");
  EXPECT_EQ(eval1("ascii", {S("é")}), "233");
  EXPECT_EQ(eval1("chr", {L(65)}), "A");
  EXPECT_EQ(eval1("chr", {L(321)}), "A");
  EXPECT_EQ(eval1("chr", {L(-1)}), "");
  EXPECT_EQ(eval1("char", {L(233)}), "é");
  EXPECT_EQ(eval1("startswith", {S("Spark SQL"), S("Spark")}), "true");
  EXPECT_EQ(eval1("endswith", {S("Spark SQL"), S("Spark")}), "false");
  EXPECT_EQ(eval1("contains", {S("Spark SQL"), S("k S")}), "true");
  EXPECT_EQ(eval1("contains", {S("Spark SQL"), NullS()}), "NULL");
  EXPECT_EQ(eval1("contains", {S("Spark SQL"), S("")}), "true");
}

TEST(StringFunctions, FormatString) {
  EXPECT_EQ(eval1("format_string", {S("Hello World %d %s"), I(100), S("days")}), "Hello World 100 days");
  EXPECT_EQ(eval1("printf", {S("%5s|%-5s|%05d"), S("ab"), S("cd"), I(42)}), "   ab|cd   |00042");
  EXPECT_EQ(eval1("printf", {S("%.2f %,d %x"), D(3.14159), L(1234567), I(255)}), "3.14 1,234,567 ff");
  EXPECT_EQ(eval1("printf", {S("%s and %s"), NullS(), S("b")}), "null and b");
  EXPECT_EQ(eval1("printf", {S("100%%")}), "100%");
  EXPECT_EQ(eval1("printf", {S("%2$s %1$s"), S("a"), S("b")}), "b a");
  EXPECT_EQ(eval1("printf", {NullS(), S("a")}), "NULL");
  EXPECT_THROW(eval1("printf", {S("%d"), S("x")}), InvalidArgumentException);
}

TEST(StringFunctions, ManyRowsFlatWithNulls) {
  const int n = 3000;
  std::vector<Value> strs, lens;
  for (int i = 0; i < n; ++i) {
    strs.push_back(i % 7 == 0 ? NullS() : S(std::string(i % 13, 'x') + "é"));
  }
  auto v = Vector::fromValues(StringType(), strs);
  auto out = run("length", {v});
  auto sub = run("substring", {v, Vector::makeConstant(I(-2), n)});
  for (int i = 0; i < n; ++i) {
    if (i % 7 == 0) {
      EXPECT_TRUE(out->isNull(i));
      EXPECT_TRUE(sub->isNull(i));
    } else {
      ASSERT_EQ(out->getValue(i).getLong(), i % 13 + 1) << i;
      ASSERT_EQ(sub->getValue(i).getString(), i % 13 ? "xé" : "é") << i;
    }
  }
}

TEST(StringFunctions, BindErrors) {
  try {
    eval1("substr", {S("a")});
    FAIL();
  } catch (const AnalysisException& e) {
    EXPECT_EQ(e.errorClass(), "WRONG_NUM_ARGS.WITHOUT_SUGGESTION");
    EXPECT_NE(e.message().find("The `substr` requires [2, 3] parameters but the actual number is 1."), std::string::npos);
  }
  try {
    eval1("lpad", {S("a"), Value::array(ArrayType(IntegerType()), {})});
    FAIL();
  } catch (const AnalysisException& e) {
    EXPECT_EQ(e.errorClass(), "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
    EXPECT_NE(e.message().find("second parameter requires the \"INT\" type"), std::string::npos) << e.message();
  }
}

// ---- regular expressions ----------------------------------------------------

TEST(RegexpFunctions, Replace) {
  EXPECT_EQ(eval1("regexp_replace", {S("100-200"), S("(\\d+)"), S("num")}), "num-num");
  EXPECT_EQ(eval1Flat("regexp_replace", {S("100-200"), S("(\\d+)-(\\d+)"), S("$2-$1")}), "200-100");
  EXPECT_EQ(eval1("regexp_replace", {S("abc"), S(""), S("-")}), "-a-b-c-");
  EXPECT_EQ(eval1("regexp_replace", {S("aaa"), S("a"), S("b"), I(2)}), "abb");
  EXPECT_EQ(eval1("regexp_replace", {S("aaa"), S("a"), S("b"), I(9)}), "aaa");
  EXPECT_EQ(eval1("regexp_replace", {S("a.b"), S("\\."), S("\\$")}), "a$b");
  EXPECT_EQ(eval1("regexp_replace", {NullS(), S("a"), S("b")}), "NULL");
  try {
    eval1("regexp_replace", {S("a"), S("(unclosed"), S("b")});
    FAIL();
  } catch (const InvalidArgumentException& e) {
    EXPECT_EQ(e.errorClass(), "INVALID_PARAMETER_VALUE.PATTERN");
  }
}

TEST(RegexpFunctions, Extract) {
  EXPECT_EQ(eval1("regexp_extract", {S("100-200"), S("(\\d+)-(\\d+)"), I(1)}), "100");
  EXPECT_EQ(eval1("regexp_extract", {S("100-200"), S("(\\d+)-(\\d+)")}), "100");
  EXPECT_EQ(eval1("regexp_extract", {S("100-200"), S("(\\d+)-(\\d+)"), I(0)}), "100-200");
  EXPECT_EQ(eval1("regexp_extract", {S("foo"), S("(\\d+)"), I(1)}), "");
  EXPECT_EQ(eval1("regexp_extract", {S("a"), S("(a)|(b)"), I(2)}), "");
  try {
    eval1("regexp_extract", {S("100-200"), S("(\\d+)"), I(3)});
    FAIL();
  } catch (const InvalidArgumentException& e) {
    EXPECT_EQ(e.errorClass(), "INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX");
  }
  EXPECT_EQ(eval1("regexp_extract_all", {S("100-200, 300-400"), S("(\\d+)-(\\d+)"), I(1)}), "[100, 300]");
  EXPECT_EQ(eval1("regexp_extract_all", {S("abc"), S("(\\d+)")}), "[]");
}

TEST(RegexpFunctions, Split) {
  EXPECT_EQ(eval1("split", {S("oneAtwoBthreeC"), S("[ABC]")}), "[one, two, three, ]");
  EXPECT_EQ(eval1("split", {S("oneAtwoBthreeC"), S("[ABC]"), I(-1)}), "[one, two, three, ]");
  EXPECT_EQ(eval1("split", {S("oneAtwoBthreeC"), S("[ABC]"), I(2)}), "[one, twoBthreeC]");
  EXPECT_EQ(eval1("split", {S("oneAtwoBthreeC"), S("[ABC]"), I(0)}), "[one, two, three, ]");
  EXPECT_EQ(eval1("split", {S("abc"), S("")}), "[a, b, c]");
  EXPECT_EQ(eval1("split", {S("abc"), S(""), I(2)}), "[a, bc]");
  EXPECT_EQ(eval1("split", {S(""), S(",")}), "[]");
  EXPECT_EQ(eval1("split", {S("a,b"), S("x")}), "[a,b]");
  EXPECT_EQ(eval1("split", {S(",a,"), S(",")}), "[, a, ]");
  EXPECT_EQ(eval1("split", {S("日,本"), S(",")}), "[日, 本]");
  EXPECT_EQ(eval1("split", {NullS(), S(",")}), "NULL");
}

}  // namespace
}  // namespace loch::test
