#include <cmath>

#include "loch/common/exception.h"
#include "scalar_test_util.h"

namespace loch::test {
namespace {

Value IntArr(std::vector<Value> v) { return Value::array(ArrayType(IntegerType()), std::move(v)); }
Value StrArr(std::vector<Value> v) { return Value::array(ArrayType(StringType()), std::move(v)); }

TEST(CollectionFunctions, ArrayAndSize) {
  EXPECT_EQ(eval1("array", {I(1), I(2), I(3)}), "[1, 2, 3]");
  EXPECT_EQ(eval1Flat("array", {I(1), NullI()}), "[1, NULL]");
  auto f = bindOn("array", {Vector::makeConstant(I(1), 1), Vector::makeConstant(D(2.5), 1)});
  EXPECT_EQ(f.return_type->sql(), "ARRAY<DOUBLE>");
  EXPECT_EQ(eval1("size", {IntArr({I(1), I(2)})}), "2");
  EXPECT_EQ(eval1("cardinality", {IntArr({})}), "0");
  // Spark 4: NULL under ANSI, -1 with spark.sql.ansi.enabled=false.
  EXPECT_EQ(eval1("size", {Value::null(ArrayType(IntegerType()))}), "NULL");
  EXPECT_EQ(eval1("size", {Value::null(ArrayType(IntegerType()))}, false), "-1");
  Value m = Value::map(MapType(StringType(), IntegerType()), {Value::mapEntry(S("a"), I(1))});
  EXPECT_EQ(eval1("size", {m}), "1");
  // Untyped NULLs: array(NULL, NULL) is an array<void>.
  EXPECT_EQ(eval1("array", {Value(), Value()}), "[NULL, NULL]");
  EXPECT_EQ(eval1("array", {}), "[]");
  EXPECT_EQ(eval1("hash", {Value()}), "42");
}

TEST(CollectionFunctions, ContainsAndElementAt) {
  EXPECT_EQ(eval1("array_contains", {IntArr({I(1), I(2), I(3)}), I(2)}), "true");
  EXPECT_EQ(eval1("array_contains", {IntArr({I(1), I(2), I(3)}), I(5)}), "false");
  EXPECT_EQ(eval1("array_contains", {IntArr({I(1), NullI()}), I(5)}), "NULL");
  EXPECT_EQ(eval1("array_contains", {IntArr({I(1), NullI()}), I(1)}), "true");
  EXPECT_EQ(eval1("array_contains", {IntArr({I(1)}), NullI()}), "NULL");
  EXPECT_EQ(eval1("element_at", {IntArr({I(1), I(2), I(3)}), I(2)}), "2");
  EXPECT_EQ(eval1("element_at", {IntArr({I(1), I(2), I(3)}), I(-1)}), "3");
  EXPECT_EQ(eval1("element_at", {IntArr({I(1), I(2), I(3)}), I(5)}, false), "NULL");
  try {
    eval1("element_at", {IntArr({I(1), I(2), I(3)}), I(5)});
    FAIL();
  } catch (const InvalidArgumentException& e) {
    EXPECT_EQ(e.errorClass(), "INVALID_ARRAY_INDEX_IN_ELEMENT_AT");
    EXPECT_NE(e.message().find("The index 5 is out of bounds. The array has 3 elements."), std::string::npos);
  }
  try {
    eval1("element_at", {IntArr({I(1)}), I(0)}, false);
    FAIL();
  } catch (const InvalidArgumentException& e) {
    EXPECT_EQ(e.errorClass(), "INVALID_INDEX_OF_ZERO");
  }
  Value m = Value::map(MapType(IntegerType(), StringType()), {Value::mapEntry(I(1), S("a")), Value::mapEntry(I(2), S("b"))});
  EXPECT_EQ(eval1("element_at", {m, I(2)}), "b");
  EXPECT_EQ(eval1("element_at", {m, I(3)}), "NULL");
  EXPECT_EQ(eval1("get", {IntArr({I(1), I(2), I(3)}), I(0)}), "1");
  EXPECT_EQ(eval1("get", {IntArr({I(1), I(2), I(3)}), I(3)}), "NULL");
  EXPECT_EQ(eval1("get", {IntArr({I(1), I(2), I(3)}), I(-1)}), "NULL");
}

TEST(CollectionFunctions, SortDistinctMinMax) {
  Value a = StrArr({S("b"), S("d"), NullS(), S("c"), S("a")});
  EXPECT_EQ(eval1("sort_array", {a, Value::boolean(true)}), "[NULL, a, b, c, d]");
  EXPECT_EQ(eval1("sort_array", {a, Value::boolean(false)}), "[d, c, b, a, NULL]");
  EXPECT_EQ(eval1Flat("sort_array", {a}), "[NULL, a, b, c, d]");
  EXPECT_EQ(eval1("array_sort", {a}), "[a, b, c, d, NULL]");
  Value d = Value::array(ArrayType(DoubleType()), {D(NAN), D(1), D(-1)});
  EXPECT_EQ(eval1("sort_array", {d}), "[-1.0, 1.0, NaN]");
  EXPECT_EQ(eval1("array_distinct", {IntArr({I(1), I(2), I(3), NullI(), I(3), NullI()})}), "[1, 2, 3, NULL]");
  EXPECT_EQ(eval1("array_max", {IntArr({I(1), I(20), NullI(), I(3)})}), "20");
  EXPECT_EQ(eval1("array_min", {IntArr({I(1), I(20), NullI(), I(3)})}), "1");
  EXPECT_EQ(eval1("array_max", {IntArr({NullI()})}), "NULL");
  EXPECT_EQ(eval1("array_max", {d}), "NaN");
  EXPECT_EQ(eval1("reverse", {IntArr({I(2), I(1), I(4), I(3)})}), "[3, 4, 1, 2]");
}

TEST(CollectionFunctions, SliceJoinFlattenConcat) {
  Value a = IntArr({I(1), I(2), I(3), I(4)});
  EXPECT_EQ(eval1("slice", {a, I(2), I(2)}), "[2, 3]");
  EXPECT_EQ(eval1("slice", {a, I(-2), I(2)}), "[3, 4]");
  EXPECT_EQ(eval1("slice", {a, I(3), I(10)}), "[3, 4]");
  EXPECT_EQ(eval1("slice", {a, I(5), I(1)}), "[]");
  EXPECT_EQ(eval1("slice", {a, I(-5), I(1)}), "[]");
  EXPECT_THROW(eval1("slice", {a, I(0), I(1)}), InvalidArgumentException);
  EXPECT_THROW(eval1("slice", {a, I(1), I(-1)}), InvalidArgumentException);
  EXPECT_EQ(eval1("array_join", {StrArr({S("hello"), S("world")}), S(" ")}), "hello world");
  EXPECT_EQ(eval1("array_join", {StrArr({S("hello"), NullS(), S("world")}), S(" ")}), "hello world");
  EXPECT_EQ(eval1("array_join", {StrArr({S("hello"), NullS(), S("world")}), S(" "), S(",")}), "hello , world");
  Value nested = Value::array(ArrayType(ArrayType(IntegerType())), {IntArr({I(1), I(2)}), IntArr({I(3), I(4)})});
  EXPECT_EQ(eval1("flatten", {nested}), "[1, 2, 3, 4]");
  Value with_null = Value::array(ArrayType(ArrayType(IntegerType())),
                                 {IntArr({I(1)}), Value::null(ArrayType(IntegerType()))});
  EXPECT_EQ(eval1("flatten", {with_null}), "NULL");
  EXPECT_EQ(eval1("concat", {IntArr({I(1), I(2)}), IntArr({I(3)}), IntArr({})}), "[1, 2, 3]");
  EXPECT_EQ(eval1("concat", {IntArr({I(1)}), Value::null(ArrayType(IntegerType()))}), "NULL");
}

TEST(CollectionFunctions, StructAndMap) {
  EXPECT_EQ(eval1("struct", {I(1), S("a")}), "{1, a}");
  auto f = bindOn("struct", {Vector::makeConstant(I(1), 1), Vector::makeConstant(S("a"), 1)});
  EXPECT_EQ(f.return_type->simpleString(), "struct<col1:int,col2:string>");
  EXPECT_EQ(eval1("named_struct", {S("a"), I(1), S("b"), NullS()}), "{1, NULL}");
  auto g = bindOn("named_struct", {Vector::makeConstant(S("a"), 1), Vector::makeConstant(I(1), 1)});
  EXPECT_EQ(g.return_type->simpleString(), "struct<a:int>");
  EXPECT_EQ(eval1("map", {I(1), S("a"), I(2), S("b")}), "{1 -> a, 2 -> b}");
  try {
    eval1("map", {I(1), S("a"), I(1), S("b")});
    FAIL();
  } catch (const InvalidArgumentException& e) {
    EXPECT_EQ(e.errorClass(), "DUPLICATED_MAP_KEY");
  }
  EXPECT_THROW(eval1Flat("map", {NullI(), S("a")}), InvalidArgumentException);
  Value m = Value::map(MapType(IntegerType(), StringType()), {Value::mapEntry(I(1), S("a")), Value::mapEntry(I(2), S("b"))});
  EXPECT_EQ(eval1("map_keys", {m}), "[1, 2]");
  EXPECT_EQ(eval1("map_values", {m}), "[a, b]");
  EXPECT_EQ(eval1("map_from_arrays", {IntArr({I(1), I(2)}), StrArr({S("a"), S("b")})}), "{1 -> a, 2 -> b}");
  EXPECT_THROW(eval1("map_from_arrays", {IntArr({I(1)}), StrArr({S("a"), S("b")})}), InvalidArgumentException);
}

TEST(CollectionFunctions, ManyRows) {
  const int n = 2500;
  std::vector<Value> arrays;
  for (int i = 0; i < n; ++i) {
    if (i % 9 == 0) {
      arrays.push_back(Value::null(ArrayType(IntegerType())));
      continue;
    }
    std::vector<Value> el;
    for (int k = 0; k < i % 6; ++k) el.push_back(I((i * 7 + k * 13) % 10));
    arrays.push_back(IntArr(el));
  }
  auto v = Vector::fromValues(ArrayType(IntegerType()), arrays);
  auto sizes = run("size", {v});
  auto sorted = run("sort_array", {v});
  auto contains = run("array_contains", {v, Vector::makeConstant(I(3), n)});
  for (int i = 0; i < n; ++i) {
    if (i % 9 == 0) {
      EXPECT_TRUE(sizes->isNull(i));
      EXPECT_TRUE(sorted->isNull(i));
      EXPECT_TRUE(contains->isNull(i));
      continue;
    }
    ASSERT_EQ(sizes->getValue(i).getLong(), i % 6);
    auto els = sorted->getValue(i).children();
    bool has3 = false;
    for (size_t k = 0; k < els.size(); ++k) {
      if (k) {
        ASSERT_LE(els[k - 1].getLong(), els[k].getLong());
      }
      has3 = has3 || els[k].getLong() == 3;
    }
    ASSERT_EQ(contains->getValue(i).getBool(), has3);
  }
}

// ---- JSON -----------------------------------------------------------------------

TEST(JsonFunctions, GetJsonObject) {
  EXPECT_EQ(eval1("get_json_object", {S("{\"a\":\"b\"}"), S("$.a")}), "b");
  EXPECT_EQ(eval1Flat("get_json_object", {S("{\"a\":{\"b\":[1,2,{\"c\":3}]}}"), S("$.a.b[2].c")}), "3");
  EXPECT_EQ(eval1("get_json_object", {S("{\"a\":{\"b\":[1,2]}}"), S("$.a")}), "{\"b\":[1,2]}");
  EXPECT_EQ(eval1("get_json_object", {S("{\"a\":{\"b\":[1,2]}}"), S("$['a'].b[0]")}), "1");
  EXPECT_EQ(eval1("get_json_object", {S("[{\"a\":1},{\"a\":2}]"), S("$[*].a")}), "[1,2]");
  EXPECT_EQ(eval1("get_json_object", {S("{\"a\":1}"), S("$.b")}), "NULL");
  EXPECT_EQ(eval1("get_json_object", {S("{\"a\":null}"), S("$.a")}), "NULL");
  EXPECT_EQ(eval1("get_json_object", {S("{bad json"), S("$.a")}), "NULL");
  EXPECT_EQ(eval1("get_json_object", {S("{\"a\":1}"), S("a")}), "NULL");
  EXPECT_EQ(eval1("get_json_object", {S("{\"é\":\"日本\"}"), S("$.é")}), "日本");
  EXPECT_EQ(eval1("get_json_object", {S("{\"a\":1.5,\"b\":true}"), S("$")}), "{\"a\":1.5,\"b\":true}");
  EXPECT_EQ(eval1("get_json_object", {NullS(), S("$.a")}), "NULL");
  // Nesting deeper than Jackson's limit (1000) is malformed input, not a crash.
  std::string deep = std::string(200000, '[') + std::string(200000, ']');
  EXPECT_EQ(eval1("get_json_object", {S(deep), S("$[0]")}), "NULL");
  EXPECT_EQ(eval1("json_array_length", {S(deep)}), "NULL");
}

TEST(JsonFunctions, FromJson) {
  EXPECT_EQ(eval1("from_json", {S("{\"a\":1, \"b\":0.8}"), S("a INT, b DOUBLE")}), "{1, 0.8}");
  auto f = bindOn("from_json", {Vector::makeConstant(S("{}"), 1), Vector::makeConstant(S("a INT, b DOUBLE"), 1)});
  EXPECT_EQ(f.return_type->simpleString(), "struct<a:int,b:double>");
  EXPECT_EQ(eval1("from_json", {S("{\"time\":\"2015-08-26\"}"), S("struct<time:date>")}), "{2015-08-26}");
  EXPECT_EQ(eval1("from_json", {S("{\"a\":\"x\"}"), S("a INT, b STRING")}), "{NULL, NULL}");
  EXPECT_EQ(eval1("from_json", {S("not json"), S("a INT")}), "{NULL}");
  EXPECT_EQ(eval1("from_json", {S("{\"a\":[1,2],\"m\":{\"k\":\"v\"}}"), S("a ARRAY<INT>, m MAP<STRING,STRING>")}),
            "{[1, 2], {k -> v}}");
  EXPECT_EQ(eval1("from_json", {S("[1,2,null]"), S("array<int>")}), "[1, 2, NULL]");
  EXPECT_EQ(eval1("from_json", {S("{\"s\":{\"x\":1}}"), S("s STRUCT<x: BIGINT>")}), "{{1}}");
  EXPECT_EQ(eval1("from_json", {NullS(), S("a INT")}), "NULL");
  EXPECT_THROW(eval1("from_json", {S("{}"), S("a INTT")}), AnalysisException);
}

TEST(JsonFunctions, ToJson) {
  auto st = StructType({StructField("a", IntegerType()), StructField("b", IntegerType())});
  Value s = Value::structValue(st, {I(1), I(2)});
  EXPECT_EQ(eval1("to_json", {s}), "{\"a\":1,\"b\":2}");
  EXPECT_EQ(eval1Flat("to_json", {s}), "{\"a\":1,\"b\":2}");
  EXPECT_EQ(eval1("to_json", {Value::array(ArrayType(st), {s})}), "[{\"a\":1,\"b\":2}]");
  auto inner = StructType({StructField("b", IntegerType())});
  Value m = Value::map(MapType(StringType(), inner), {Value::mapEntry(S("a"), Value::structValue(inner, {I(1)}))});
  EXPECT_EQ(eval1("to_json", {m}), "{\"a\":{\"b\":1}}");
  // NULL fields are omitted; strings are escaped.
  auto st2 = StructType({StructField("a", StringType()), StructField("b", IntegerType()), StructField("c", DoubleType())});
  EXPECT_EQ(eval1("to_json", {Value::structValue(st2, {S("x\"y\n"), NullI(), D(1e10)})}),
            "{\"a\":\"x\\\"y\\n\",\"c\":1.0E10}");
  auto st3 = StructType({StructField("d", DateType()), StructField("t", TimestampType())});
  EXPECT_EQ(eval1("to_json", {Value::structValue(st3, {Value::date(0), Value::timestamp(1500000)})}),
            "{\"d\":\"1970-01-01\",\"t\":\"1970-01-01T00:00:01.500Z\"}");
  EXPECT_EQ(eval1("to_json", {Value::null(st)}), "NULL");
  auto st4 = StructType({StructField("b", BinaryType())});
  EXPECT_EQ(eval1("to_json", {Value::structValue(st4, {Value::binary("Spark SQL")})}), "{\"b\":\"U3BhcmsgU1FM\"}");
  EXPECT_THROW(eval1("to_json", {I(1)}), AnalysisException);
  EXPECT_EQ(eval1("json_array_length", {S("[1,2,3,{\"f1\":1,\"f2\":[5,6]},4]")}), "5");
  EXPECT_EQ(eval1("json_array_length", {S("{}")}), "NULL");
  EXPECT_EQ(eval1("json_object_keys", {S("{\"key\": \"value\", \"a\": 1}")}), "[key, a]");
  EXPECT_EQ(eval1("json_object_keys", {S("[1]")}), "NULL");
}

}  // namespace
}  // namespace loch::test
