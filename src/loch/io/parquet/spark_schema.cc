#include "loch/io/parquet/spark_schema.h"

#include "loch/common/exception.h"
#include "loch/io/parquet/parquet_error.h"

namespace loch::parquet {

namespace {

using K = LogicalType::Kind;

// The logical type if this reader knows it (unknown ones fall back to the
// converted type, then the physical type, as the spec asks of old readers).
const LogicalType* knownLogical(const SchemaElement& e) {
  if (e.logical_type && e.logical_type->kind != K::kUnrecognized) return &*e.logical_type;
  return nullptr;
}

bool hasConverted(const SchemaElement& e, ConvertedType c) { return e.converted_type && *e.converted_type == c; }

bool isListGroup(const SchemaElement& e) {
  const LogicalType* lt = knownLogical(e);
  return (lt && lt->kind == K::kList) || hasConverted(e, ConvertedType::kList);
}

bool isMapGroup(const SchemaElement& e) {
  const LogicalType* lt = knownLogical(e);
  return (lt && lt->kind == K::kMap) || hasConverted(e, ConvertedType::kMap) ||
         hasConverted(e, ConvertedType::kMapKeyValue);
}

class Converter {
 public:
  explicit Converter(const Schema& schema) : schema_(schema) {}

  // A field as it appears in its parent: handles the field's own repetition.
  SparkNode convertField(int index, int16_t slot_def) {
    const SchemaNode& n = schema_.node(index);
    if (n.repetition() == Repetition::kRepeated) {
      // A repeated field outside a LIST group: a non-null array of the
      // field's content (LogicalTypes.md backward-compatibility rules).
      SparkNode list;
      list.kind = SparkNode::Kind::kList;
      list.name = n.element.name;
      list.nullable = false;
      list.slot_def_level = slot_def;
      list.def_level = slot_def;
      list.rep_level = static_cast<int16_t>(n.max_repetition_level - 1);
      list.element_def_level = n.max_definition_level;
      list.element_rep_level = n.max_repetition_level;
      SparkNode element = convertContent(index, n.max_definition_level);
      element.nullable = false;
      list.type = ArrayType(element.type, false);
      list.children.push_back(std::move(element));
      list.leaves = schema_.leavesUnder(index);
      return list;
    }
    SparkNode node = convertContent(index, slot_def);
    node.nullable = n.repetition() == Repetition::kOptional;
    return node;
  }

 private:
  // The node's content (primitive, struct, list or map), ignoring whether
  // the node itself is repeated.
  SparkNode convertContent(int index, int16_t slot_def) {
    const SchemaNode& n = schema_.node(index);
    SparkNode out;
    out.name = n.element.name;
    out.slot_def_level = slot_def;
    out.def_level = n.max_definition_level;
    out.rep_level = n.max_repetition_level;
    out.leaves = schema_.leavesUnder(index);
    if (n.isLeaf()) {
      out.kind = SparkNode::Kind::kPrimitive;
      out.leaf = n.leaf_index;
      convertPrimitive(n, out);
      return out;
    }
    if (isListGroup(n.element)) return convertList(index, std::move(out));
    if (isMapGroup(n.element)) return convertMap(index, std::move(out));
    out.kind = SparkNode::Kind::kStruct;
    std::vector<StructField> fields;
    for (int child : n.children) {
      SparkNode c = convertField(child, slot_def);
      fields.emplace_back(c.name, c.type, c.nullable);
      out.children.push_back(std::move(c));
    }
    if (out.leaves.empty()) throw UnsupportedException("Parquet group '" + n.element.name + "' has no columns");
    out.type = StructType(std::move(fields));
    return out;
  }

  SparkNode convertList(int index, SparkNode out) {
    const SchemaNode& n = schema_.node(index);
    if (n.children.size() != 1 || schema_.node(n.children[0]).repetition() != Repetition::kRepeated) {
      throwCorrupt("LIST group '" + n.element.name + "' must have exactly one repeated child");
    }
    int rep_index = n.children[0];
    const SchemaNode& rep = schema_.node(rep_index);
    out.kind = SparkNode::Kind::kList;
    out.element_def_level = rep.max_definition_level;
    out.element_rep_level = rep.max_repetition_level;
    SparkNode element;
    bool two_level = rep.isLeaf() || rep.children.size() > 1 || rep.element.name == "array" ||
                     rep.element.name == n.element.name + "_tuple";
    if (two_level) {
      // Legacy 2-level list: the repeated node itself is the element.
      element = convertContent(rep_index, rep.max_definition_level);
      element.nullable = false;
    } else {
      element = convertField(rep.children[0], rep.max_definition_level);
    }
    out.type = ArrayType(element.type, element.nullable);
    out.children.push_back(std::move(element));
    return out;
  }

  SparkNode convertMap(int index, SparkNode out) {
    const SchemaNode& n = schema_.node(index);
    if (n.children.size() != 1) throwCorrupt("MAP group '" + n.element.name + "' must have one child");
    const SchemaNode& kv = schema_.node(n.children[0]);
    if (kv.repetition() != Repetition::kRepeated || kv.children.empty() || kv.children.size() > 2) {
      throwCorrupt("MAP group '" + n.element.name + "' must hold a repeated key/value group");
    }
    out.kind = SparkNode::Kind::kMap;
    out.element_def_level = kv.max_definition_level;
    out.element_rep_level = kv.max_repetition_level;
    SparkNode key = convertField(kv.children[0], kv.max_definition_level);
    SparkNode value;
    if (kv.children.size() == 2) {
      value = convertField(kv.children[1], kv.max_definition_level);
    } else {
      // No value column: every value is NULL.
      value.kind = SparkNode::Kind::kPrimitive;
      value.name = "value";
      value.type = NullType();
      value.nullable = true;
    }
    out.type = MapType(key.type, value.type, value.nullable);
    out.children.push_back(std::move(key));
    out.children.push_back(std::move(value));
    return out;
  }

  static DataTypePtr decimalType(const SchemaNode& n, int precision, int scale) {
    if (precision < 1 || precision > DataType::kMaxDecimalPrecision || scale < 0 || scale > precision) {
      throw UnsupportedException("Parquet column '" + n.element.name + "' has DECIMAL(" + std::to_string(precision) +
                                 "," + std::to_string(scale) + "), outside Spark's decimal range");
    }
    return DecimalType(precision, scale);
  }

  static void convertPrimitive(const SchemaNode& n, SparkNode& out) {
    const SchemaElement& e = n.element;
    const LogicalType* lt = knownLogical(e);
    auto ct = [&](ConvertedType c) { return hasConverted(e, c); };
    bool is_decimal = (lt && lt->kind == K::kDecimal) || (!lt && ct(ConvertedType::kDecimal));
    int precision = lt && lt->kind == K::kDecimal ? lt->precision : e.precision.value_or(0);
    int scale = lt && lt->kind == K::kDecimal ? lt->scale : e.scale.value_or(0);
    auto set = [&](ValueConversion c, DataTypePtr t) {
      out.conversion = c;
      out.type = std::move(t);
    };
    switch (*e.type) {
      case PhysicalType::kBoolean: return set(ValueConversion::kBoolean, BooleanType());
      case PhysicalType::kFloat: return set(ValueConversion::kFloat, FloatType());
      case PhysicalType::kDouble: return set(ValueConversion::kDouble, DoubleType());
      case PhysicalType::kInt96: return set(ValueConversion::kInt96Timestamp, TimestampType());
      case PhysicalType::kInt32: {
        if (is_decimal) return set(ValueConversion::kDecimalFromInt32, decimalType(n, precision, scale));
        int bits = 32;
        bool is_signed = true;
        if (lt && lt->kind == K::kInteger) {
          bits = lt->bit_width;
          is_signed = lt->is_signed;
        } else if (ct(ConvertedType::kInt8) || ct(ConvertedType::kUint8)) {
          bits = 8;
          is_signed = ct(ConvertedType::kInt8);
        } else if (ct(ConvertedType::kInt16) || ct(ConvertedType::kUint16)) {
          bits = 16;
          is_signed = ct(ConvertedType::kInt16);
        } else if (ct(ConvertedType::kUint32)) {
          is_signed = false;
        }
        if ((lt && lt->kind == K::kDate) || (!lt && ct(ConvertedType::kDate))) {
          return set(ValueConversion::kDate, DateType());
        }
        if ((lt && lt->kind == K::kTime) || (!lt && ct(ConvertedType::kTimeMillis))) {
          return set(ValueConversion::kTimeMillisToLong, LongType());
        }
        if (bits == 8 && is_signed) return set(ValueConversion::kInt32ToByte, ByteType());
        if (bits == 8 || (bits == 16 && is_signed)) return set(ValueConversion::kInt32ToShort, ShortType());
        if (bits == 32 && !is_signed) return set(ValueConversion::kUint32ToLong, LongType());
        return set(ValueConversion::kInt32, IntegerType());
      }
      case PhysicalType::kInt64: {
        if (is_decimal) return set(ValueConversion::kDecimalFromInt64, decimalType(n, precision, scale));
        bool is_unsigned = (lt && lt->kind == K::kInteger && !lt->is_signed) || (!lt && ct(ConvertedType::kUint64));
        if (is_unsigned) return set(ValueConversion::kUint64ToDecimal, DecimalType(20, 0));
        if (lt && lt->kind == K::kTimestamp) {
          DataTypePtr t = lt->is_adjusted_to_utc ? TimestampType() : TimestampNTZType();
          if (lt->unit == TimeUnit::kMillis) return set(ValueConversion::kTimestampMillis, t);
          if (lt->unit == TimeUnit::kMicros) return set(ValueConversion::kTimestampMicros, t);
          return set(ValueConversion::kTimestampNanos, t);
        }
        if (!lt && ct(ConvertedType::kTimestampMillis)) return set(ValueConversion::kTimestampMillis, TimestampType());
        if (!lt && ct(ConvertedType::kTimestampMicros)) return set(ValueConversion::kTimestampMicros, TimestampType());
        if (lt && lt->kind == K::kTime) {
          return set(lt->unit == TimeUnit::kNanos ? ValueConversion::kTimeNanosToLong : ValueConversion::kTimeMicrosToLong,
                     LongType());
        }
        if (!lt && ct(ConvertedType::kTimeMicros)) return set(ValueConversion::kTimeMicrosToLong, LongType());
        return set(ValueConversion::kInt64, LongType());
      }
      case PhysicalType::kByteArray: {
        if (is_decimal) return set(ValueConversion::kDecimalFromBytes, decimalType(n, precision, scale));
        bool is_string = (lt && (lt->kind == K::kString || lt->kind == K::kEnum || lt->kind == K::kJson)) ||
                         (!lt && (ct(ConvertedType::kUtf8) || ct(ConvertedType::kEnum) || ct(ConvertedType::kJson)));
        return set(ValueConversion::kBytes, is_string ? StringType() : BinaryType());
      }
      case PhysicalType::kFixedLenByteArray: {
        if (is_decimal) return set(ValueConversion::kDecimalFromBytes, decimalType(n, precision, scale));
        if (lt && lt->kind == K::kFloat16 && e.type_length == 2) return set(ValueConversion::kFloat16ToFloat, FloatType());
        if (lt && lt->kind == K::kUuid && e.type_length == 16) return set(ValueConversion::kUuidToString, StringType());
        return set(ValueConversion::kBytes, BinaryType());
      }
    }
    throwCorrupt("invalid physical type");
  }

  const Schema& schema_;
};

}  // namespace

SparkSchema convertSchema(const Schema& schema) {
  SparkSchema out;
  Converter converter(schema);
  std::vector<StructField> fields;
  for (int child : schema.root().children) {
    SparkNode node = converter.convertField(child, 0);
    fields.emplace_back(node.name, node.type, node.nullable);
    out.fields.push_back(std::move(node));
  }
  out.type = StructType(std::move(fields));
  return out;
}

}  // namespace loch::parquet
