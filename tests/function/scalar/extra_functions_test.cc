// Less common functions, dictionary-encoded inputs and time-zone edges.

#include <cstring>

#include "loch/common/exception.h"
#include "scalar_test_util.h"

namespace loch::test {
namespace {

Value IntArr(std::vector<Value> v) { return Value::array(ArrayType(IntegerType()), std::move(v)); }
Value Ts(const std::string& s) { return Value::timestamp(*parseTimestamp(s, lookupTimeZone("UTC"))); }

/// Dictionary vector over `dict` with the given indices.
VectorPtr dictOf(VectorPtr dict, const std::vector<int32_t>& idx) {
  auto buf = std::make_shared<Buffer>(idx.size() * sizeof(int32_t));
  std::memcpy(buf->data(), idx.data(), idx.size() * sizeof(int32_t));
  return Vector::makeDictionary(std::move(dict), buf, static_cast<int64_t>(idx.size()));
}

TEST(ExtraStringFunctions, SubstringIndexEtc) {
  EXPECT_EQ(eval1("substring_index", {S("www.apache.org"), S("."), I(2)}), "www.apache");
  EXPECT_EQ(eval1("substring_index", {S("www.apache.org"), S("."), I(-2)}), "apache.org");
  EXPECT_EQ(eval1("substring_index", {S("www.apache.org"), S("."), I(5)}), "www.apache.org");
  EXPECT_EQ(eval1("substring_index", {S("www.apache.org"), S("."), I(-5)}), "www.apache.org");
  EXPECT_EQ(eval1("substring_index", {S("www.apache.org"), S("."), I(0)}), "");
  EXPECT_EQ(eval1("substring_index", {S("a::b::c"), S("::"), I(-1)}), "c");
  EXPECT_EQ(eval1("space", {I(2)}), "  ");
  EXPECT_EQ(eval1("space", {I(-2)}), "");
  EXPECT_EQ(eval1("find_in_set", {S("ab"), S("abc,b,ab,c,def")}), "3");
  EXPECT_EQ(eval1("find_in_set", {S("a,b"), S("a,b")}), "0");
  EXPECT_EQ(eval1("levenshtein", {S("kitten"), S("sitting")}), "3");
  EXPECT_EQ(eval1("levenshtein", {S("kitten"), S("sitting"), I(2)}), "-1");
  EXPECT_EQ(eval1("levenshtein", {S("日本"), S("日")}), "1");
  auto u = run("uuid", {});
  std::string id = u->getValue(0).getString();
  EXPECT_EQ(id.size(), 36u);
  EXPECT_EQ(id[14], '4');
  EXPECT_FALSE(bindOn("uuid", {}).deterministic);
}

TEST(ExtraCollectionFunctions, ZipSequencePosition) {
  EXPECT_EQ(eval1("arrays_zip", {IntArr({I(1), I(2), I(3)}), IntArr({I(2), I(3)})}), "[{1, 2}, {2, 3}, {3, NULL}]");
  auto f = bindOn("arrays_zip", {Vector::makeConstant(IntArr({}), 1), Vector::makeConstant(IntArr({}), 1)});
  EXPECT_EQ(f.return_type->simpleString(), "array<struct<0:int,1:int>>");
  EXPECT_EQ(eval1("sequence", {I(1), I(5)}), "[1, 2, 3, 4, 5]");
  EXPECT_EQ(eval1("sequence", {I(5), I(1)}), "[5, 4, 3, 2, 1]");
  EXPECT_EQ(eval1("sequence", {I(1), I(10), I(3)}), "[1, 4, 7, 10]");
  EXPECT_EQ(eval1("sequence", {L(-1), L(-3)}), "[-1, -2, -3]");
  EXPECT_THROW(eval1("sequence", {I(1), I(5), I(-1)}), InvalidArgumentException);
  EXPECT_EQ(eval1("array_position", {IntArr({I(312), I(773), I(708), I(708)}), I(708)}), "3");
  EXPECT_EQ(eval1("array_position", {IntArr({I(312)}), I(1)}), "0");
  EXPECT_EQ(eval1("array_remove", {IntArr({I(1), I(2), I(3), NullI(), I(3)}), I(3)}), "[1, 2, NULL]");
  EXPECT_EQ(eval1("try_element_at", {IntArr({I(1), I(2)}), I(5)}), "NULL");
}

TEST(ExtraDatetimeFunctions, MakeTimestamp) {
  Value sec = Value::decimal(45887000, 16, 6);  // 45.887
  EXPECT_EQ(eval1("make_timestamp", {I(2014), I(12), I(28), I(6), I(30), sec}), "2014-12-28 06:30:45.887");
  EXPECT_EQ(eval1("make_timestamp", {I(2014), I(12), I(28), I(6), I(30), sec, S("CET")}), "2014-12-28 05:30:45.887");
  Value sixty = Value::decimal(60000000, 16, 6);
  EXPECT_EQ(eval1("make_timestamp", {I(2019), I(6), I(30), I(23), I(59), sixty}), "2019-07-01 00:00:00");
  Value one = Value::decimal(1000000, 16, 6);
  EXPECT_EQ(eval1("make_timestamp", {I(2019), I(13), I(1), I(10), I(11), one}, false), "NULL");
  EXPECT_THROW(eval1("make_timestamp", {I(2019), I(13), I(1), I(10), I(11), one}), InvalidArgumentException);
}

TEST(Encodings, DictionaryInputs) {
  auto dict = Vector::fromValues(StringType(), {S("héllo"), NullS(), S("Spark")});
  auto v = dictOf(dict, {2, 0, 1, 2, 0});
  EXPECT_EQ(show(run("upper", {v})), (std::vector<std::string>{"SPARK", "HÉLLO", "NULL", "SPARK", "HÉLLO"}));
  EXPECT_EQ(show(run("length", {v})), (std::vector<std::string>{"5", "5", "NULL", "5", "5"}));
  EXPECT_EQ(show(run("hash", {v})), show(run("hash", {v->flatten()})));
  auto arrays = Vector::fromValues(ArrayType(IntegerType()), {IntArr({I(3), I(1)}), IntArr({}), IntArr({I(2)})});
  auto av = dictOf(arrays, {0, 2, 1, 0});
  EXPECT_EQ(show(run("sort_array", {av})), (std::vector<std::string>{"[1, 3]", "[2]", "[]", "[1, 3]"}));
  EXPECT_EQ(show(run("size", {av})), (std::vector<std::string>{"2", "1", "0", "2"}));
  EXPECT_EQ(show(run("element_at", {av, Vector::makeConstant(I(1), 4)}, false)),
            (std::vector<std::string>{"3", "2", "NULL", "3"}));
}

TEST(ExtraDatetimeFunctions, DaylightSavingTransitions) {
  const std::string la = "America/Los_Angeles";
  // 2019-11-03 01:30 happens twice in Los Angeles (PDT then PST).
  Value first = Ts("2019-11-03 08:30:00");
  Value second = Ts("2019-11-03 09:30:00");
  EXPECT_EQ(eval1("hour", {first}, true, la), "1");
  EXPECT_EQ(eval1("hour", {second}, true, la), "1");
  EXPECT_EQ(eval1("date_format", {first, S("HH:mm z")}, true, la), "01:30 PDT");
  EXPECT_EQ(eval1("date_format", {second, S("HH:mm z")}, true, la), "01:30 PST");
  // An ambiguous wall time parses to the earlier instant (java.time).
  EXPECT_EQ(eval1("unix_timestamp", {S("2019-11-03 01:30:00")}, true, la), "1572769800");
  // date_trunc('HOUR') in the repeated hour keeps each instant's own offset.
  EXPECT_EQ(eval1("date_trunc", {S("DAY"), second}, true, la), "2019-11-03 00:00:00");
  EXPECT_EQ(eval1("unix_seconds", {run("date_trunc", {Vector::makeConstant(S("DAY"), 1), Vector::makeConstant(second, 1)},
                                       testContext(true, la))->getValue(0)}),
            "1572764400");
  EXPECT_EQ(eval1("months_between", {Ts("2019-11-03 09:30:00"), Ts("2019-10-03 08:30:00")}, true, la), "1.0");
}

TEST(ExtraCollectionFunctions, SetOperations) {
  Value a = IntArr({I(1), I(2), I(3), I(2)});
  Value b = IntArr({I(1), I(3), I(5)});
  EXPECT_EQ(eval1("array_union", {a, b}), "[1, 2, 3, 5]");
  EXPECT_EQ(eval1("array_intersect", {a, b}), "[1, 3]");
  EXPECT_EQ(eval1("array_except", {a, b}), "[2]");
  EXPECT_EQ(eval1("array_union", {IntArr({NullI(), I(1)}), IntArr({NullI()})}), "[NULL, 1]");
  EXPECT_EQ(eval1("arrays_overlap", {IntArr({I(1), I(2), I(3)}), IntArr({I(3), I(4), I(5)})}), "true");
  EXPECT_EQ(eval1("arrays_overlap", {IntArr({I(1), I(2)}), IntArr({I(3)})}), "false");
  EXPECT_EQ(eval1("arrays_overlap", {IntArr({I(1), NullI()}), IntArr({I(3)})}), "NULL");
  EXPECT_EQ(eval1("arrays_overlap", {IntArr({NullI()}), IntArr({})}), "false");
  EXPECT_EQ(eval1("array_repeat", {S("123"), I(2)}), "[123, 123]");
  EXPECT_EQ(eval1("array_repeat", {S("123"), I(-1)}), "[]");
  EXPECT_EQ(eval1("array_append", {IntArr({I(1), I(2)}), I(3)}), "[1, 2, 3]");
  EXPECT_EQ(eval1("array_append", {IntArr({I(1)}), NullI()}), "[1, NULL]");
  EXPECT_EQ(eval1("array_prepend", {IntArr({I(1)}), I(0)}), "[0, 1]");
  EXPECT_EQ(eval1("array_compact", {IntArr({I(1), NullI(), I(2)})}), "[1, 2]");
  Value m = Value::map(MapType(IntegerType(), StringType()), {Value::mapEntry(I(1), S("a")), Value::mapEntry(I(2), S("b"))});
  EXPECT_EQ(eval1("map_contains_key", {m, I(1)}), "true");
  EXPECT_EQ(eval1("map_contains_key", {m, I(3)}), "false");
  EXPECT_EQ(eval1("map_entries", {m}), "[{1, a}, {2, b}]");
}

TEST(ExtraDatetimeFunctions, DatePart) {
  Value t = Ts("2019-08-12 01:00:00.123456");
  EXPECT_EQ(eval1("date_part", {S("YEAR"), t}), "2019");
  EXPECT_EQ(eval1("extract", {S("week"), t}), "33");
  EXPECT_EQ(eval1("date_part", {S("doy"), Value::date(*parseDate("2019-08-12"))}), "224");
  EXPECT_EQ(eval1("date_part", {S("dow"), t}), "2");
  EXPECT_EQ(eval1("date_part", {S("dow_iso"), t}), "1");
  EXPECT_EQ(eval1("date_part", {S("MINUTES"), t}), "0");
  EXPECT_EQ(eval1("date_part", {S("SECONDS"), t}), "0.123456");
  auto f = bindOn("date_part", {Vector::makeConstant(S("seconds"), 1), Vector::makeConstant(t, 1)});
  EXPECT_EQ(f.return_type->sql(), "DECIMAL(8,6)");
  EXPECT_THROW(eval1("date_part", {S("fortnight"), t}), AnalysisException);
}

}  // namespace
}  // namespace loch::test
