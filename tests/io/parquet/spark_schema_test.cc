// Parquet -> Spark type mapping and record assembly on synthetic schemas
// and levels (no corpus needed).

#include "loch/io/parquet/spark_schema.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "loch/common/exception.h"
#include "loch/io/parquet/record_assembler.h"

using namespace loch::parquet;

namespace {

SchemaElement group(const std::string& name, Repetition rep, int children) {
  SchemaElement e;
  e.name = name;
  e.repetition = rep;
  e.num_children = children;
  return e;
}

SchemaElement leaf(const std::string& name, PhysicalType type, Repetition rep = Repetition::kOptional) {
  SchemaElement e;
  e.name = name;
  e.type = type;
  e.repetition = rep;
  return e;
}

SchemaElement withLogical(SchemaElement e, LogicalType::Kind kind) {
  LogicalType lt;
  lt.kind = kind;
  e.logical_type = lt;
  return e;
}

SchemaElement withConverted(SchemaElement e, ConvertedType c) {
  e.converted_type = c;
  return e;
}

std::string sparkTypeOf(std::vector<SchemaElement> fields_and_children, int top_level) {
  SchemaElement root;
  root.name = "schema";
  root.num_children = top_level;
  fields_and_children.insert(fields_and_children.begin(), root);
  return convertSchema(Schema::build(fields_and_children)).type->simpleString();
}

}  // namespace

TEST(SparkSchemaMapping, PrimitiveLogicalTypes) {
  LogicalType int8;
  int8.kind = LogicalType::Kind::kInteger;
  int8.bit_width = 8;
  LogicalType uint64 = int8;
  uint64.bit_width = 64;
  uint64.is_signed = false;
  LogicalType ts_utc;
  ts_utc.kind = LogicalType::Kind::kTimestamp;
  ts_utc.is_adjusted_to_utc = true;
  ts_utc.unit = TimeUnit::kMicros;
  LogicalType ts_local = ts_utc;
  ts_local.is_adjusted_to_utc = false;
  ts_local.unit = TimeUnit::kNanos;
  LogicalType dec;
  dec.kind = LogicalType::Kind::kDecimal;
  dec.precision = 9;
  dec.scale = 2;
  auto with = [](SchemaElement e, LogicalType lt) {
    e.logical_type = lt;
    return e;
  };
  SchemaElement uuid = withLogical(leaf("u", PhysicalType::kFixedLenByteArray), LogicalType::Kind::kUuid);
  uuid.type_length = 16;
  SchemaElement half = withLogical(leaf("h", PhysicalType::kFixedLenByteArray), LogicalType::Kind::kFloat16);
  half.type_length = 2;
  SchemaElement legacy_dec = withConverted(leaf("ld", PhysicalType::kFixedLenByteArray), ConvertedType::kDecimal);
  legacy_dec.type_length = 6;
  legacy_dec.precision = 12;
  legacy_dec.scale = 3;
  std::vector<SchemaElement> fields = {
      with(leaf("a", PhysicalType::kInt32), int8),
      withConverted(leaf("b", PhysicalType::kInt32), ConvertedType::kUint8),
      withConverted(leaf("c", PhysicalType::kInt32), ConvertedType::kUint32),
      with(leaf("d", PhysicalType::kInt64), uint64),
      withLogical(leaf("e", PhysicalType::kInt32), LogicalType::Kind::kDate),
      with(leaf("f", PhysicalType::kInt64), ts_utc),
      with(leaf("g", PhysicalType::kInt64), ts_local),
      withConverted(leaf("h2", PhysicalType::kInt64), ConvertedType::kTimestampMillis),
      with(leaf("i", PhysicalType::kInt32), dec),
      legacy_dec,
      withLogical(leaf("s", PhysicalType::kByteArray), LogicalType::Kind::kString),
      withConverted(leaf("en", PhysicalType::kByteArray), ConvertedType::kEnum),
      withLogical(leaf("j", PhysicalType::kByteArray), LogicalType::Kind::kJson),
      withLogical(leaf("bs", PhysicalType::kByteArray), LogicalType::Kind::kBson),
      leaf("raw", PhysicalType::kByteArray),
      uuid,
      half,
      leaf("t96", PhysicalType::kInt96),
      withLogical(leaf("unk", PhysicalType::kByteArray), LogicalType::Kind::kUnrecognized),
  };
  int n = static_cast<int>(fields.size());
  EXPECT_EQ(sparkTypeOf(fields, n),
            "struct<a:tinyint,b:smallint,c:bigint,d:decimal(20,0),e:date,f:timestamp,g:timestamp_ntz,"
            "h2:timestamp,i:decimal(9,2),ld:decimal(12,3),s:string,en:string,j:string,bs:binary,raw:binary,"
            "u:string,h:float,t96:timestamp,unk:binary>");
}

TEST(SparkSchemaMapping, ListAndMapShapes) {
  // 3-level list; legacy 2-level lists ("array", "<name>_tuple", multi-field,
  // primitive); bare repeated field; MAP and MAP_KEY_VALUE.
  std::vector<SchemaElement> fields = {
      withConverted(group("l3", Repetition::kOptional, 1), ConvertedType::kList),
      group("list", Repetition::kRepeated, 1),
      leaf("element", PhysicalType::kInt32),
      withConverted(group("l2a", Repetition::kOptional, 1), ConvertedType::kList),
      group("array", Repetition::kRepeated, 1),
      leaf("x", PhysicalType::kInt32, Repetition::kRequired),
      withConverted(group("l2t", Repetition::kOptional, 1), ConvertedType::kList),
      group("l2t_tuple", Repetition::kRepeated, 1),
      leaf("y", PhysicalType::kInt32, Repetition::kRequired),
      withConverted(group("l2p", Repetition::kRequired, 1), ConvertedType::kList),
      leaf("v", PhysicalType::kInt64, Repetition::kRepeated),
      leaf("bare", PhysicalType::kInt32, Repetition::kRepeated),
      withConverted(group("m", Repetition::kOptional, 1), ConvertedType::kMap),
      group("key_value", Repetition::kRepeated, 2),
      withConverted(leaf("key", PhysicalType::kByteArray, Repetition::kRequired), ConvertedType::kUtf8),
      leaf("value", PhysicalType::kDouble),
      withConverted(group("mkv", Repetition::kOptional, 1), ConvertedType::kMapKeyValue),
      group("map", Repetition::kRepeated, 2),
      leaf("key", PhysicalType::kInt32, Repetition::kRequired),
      leaf("value", PhysicalType::kInt32, Repetition::kRequired),
  };
  EXPECT_EQ(sparkTypeOf(fields, 7),
            "struct<l3:array<int>,l2a:array<struct<x:int>>,l2t:array<struct<y:int>>,l2p:array<bigint>,"
            "bare:array<int>,m:map<string,double>,mkv:map<int,int>>");
}

TEST(SparkSchemaMapping, UnrepresentableTypesAreReported) {
  LogicalType dec;
  dec.kind = LogicalType::Kind::kDecimal;
  dec.precision = 40;
  dec.scale = 0;
  SchemaElement wide = leaf("wide", PhysicalType::kFixedLenByteArray);
  wide.type_length = 17;
  wide.logical_type = dec;
  EXPECT_THROW(sparkTypeOf({wide}, 1), loch::UnsupportedException);
  std::vector<SchemaElement> bad_list = {withConverted(group("l", Repetition::kOptional, 1), ConvertedType::kList),
                                         leaf("not_repeated", PhysicalType::kInt32)};
  EXPECT_THROW(sparkTypeOf(bad_list, 1), loch::IOException);
}

TEST(RecordAssembly, OptionalListOfOptionalInts) {
  // Rows [[1, NULL], NULL, [], [2]] of optional group l (LIST) { repeated
  // group list { optional int32 element } }: max def 3, max rep 1.
  SchemaElement root;
  root.name = "schema";
  root.num_children = 1;
  Schema schema = Schema::build({root, withConverted(group("l", Repetition::kOptional, 1), ConvertedType::kList),
                                 group("list", Repetition::kRepeated, 1), leaf("element", PhysicalType::kInt32)});
  SparkSchema spark = convertSchema(schema);
  ColumnChunkData c;
  c.physical_type = PhysicalType::kInt32;
  c.max_definition_level = 3;
  c.max_repetition_level = 1;
  c.def_levels = {3, 2, 0, 1, 3};
  c.rep_levels = {0, 1, 0, 0, 0};
  c.num_levels = 5;
  c.num_values = 2;
  int32_t values[2] = {1, 2};
  c.fixed.resize(8);
  std::memcpy(c.fixed.data(), values, 8);
  auto v = assembleField(spark.fields[0], {&c});
  ASSERT_EQ(v->size(), 4);
  EXPECT_EQ(v->getValue(0).toString(), "[1, NULL]");
  EXPECT_TRUE(v->isNull(1));
  EXPECT_EQ(v->getValue(2).toString(), "[]");
  EXPECT_EQ(v->getValue(3).toString(), "[2]");
  // Levels that place more values than the column holds are corrupt.
  c.num_values = 1;
  EXPECT_THROW(assembleField(spark.fields[0], {&c}), loch::IOException);
}

TEST(RecordAssembly, Int96AndHalfFloatConversions) {
  uint8_t ts[12] = {};
  int64_t nanos = 1500;  // 1.5 microseconds after midnight
  int32_t julian = 2440589;  // 1970-01-02
  std::memcpy(ts, &nanos, 8);
  std::memcpy(ts + 8, &julian, 4);
  EXPECT_EQ(int96ToMicros(ts), 86400LL * 1000000 + 1);
  EXPECT_EQ(halfToFloat(0x3c00), 1.0f);
  EXPECT_EQ(halfToFloat(0xc000), -2.0f);
  EXPECT_EQ(halfToFloat(0x0001), std::ldexp(1.0f, -24));
  EXPECT_TRUE(std::isnan(halfToFloat(0x7e00)));
  EXPECT_TRUE(std::isinf(halfToFloat(0x7c00)));
}
