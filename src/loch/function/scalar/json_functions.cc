// JSON functions (Spark's jsonExpressions.scala): get_json_object,
// from_json, to_json, json_array_length, json_object_keys. Parsing uses
// nlohmann::ordered_json (keeps object key order, as Jackson does).

#include <nlohmann/json.hpp>

#include <cmath>

#include "loch/function/scalar/datetime_pattern.h"
#include "loch/function/scalar/scalar_util.h"
#include "loch/types/datetime.h"
#include "loch/types/decimal.h"

namespace loch::scalar {

namespace {

using Json = nlohmann::ordered_json;

/// Jackson's default StreamReadConstraints: nesting deeper than 1000 is an
/// error; it also keeps recursive destruction of parsed trees shallow.
constexpr int kMaxJsonDepth = 1000;

bool tooDeep(std::string_view s) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

std::optional<Json> parseJson(std::string_view s) {
  if (tooDeep(s)) return std::nullopt;
  Json j = Json::parse(s.begin(), s.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return std::nullopt;
  return j;
}

// ---- get_json_object ---------------------------------------------------------

struct PathStep {
  enum Kind { Key, Index, Wildcard } kind;
  std::string key;
  int64_t index = 0;
};

/// Parses Spark's JSON path subset: $ followed by .name, ['name'], [n], [*], .*
std::optional<std::vector<PathStep>> parsePath(std::string_view p) {
  if (p.empty() || p[0] != '$') return std::nullopt;
  std::vector<PathStep> steps;
  size_t i = 1;
  while (i < p.size()) {
    if (p[i] == '.') {
      ++i;
      size_t start = i;
      while (i < p.size() && p[i] != '.' && p[i] != '[') ++i;
      if (i == start) return std::nullopt;
      std::string key(p.substr(start, i - start));
      steps.push_back(key == "*" ? PathStep{PathStep::Wildcard, {}, 0} : PathStep{PathStep::Key, key, 0});
    } else if (p[i] == '[') {
      size_t close = p.find(']', i);
      if (close == std::string_view::npos) return std::nullopt;
      std::string_view inner = p.substr(i + 1, close - i - 1);
      if (inner == "*") {
        steps.push_back({PathStep::Wildcard, {}, 0});
      } else if (inner.size() >= 2 && inner.front() == '\'' && inner.back() == '\'') {
        steps.push_back({PathStep::Key, std::string(inner.substr(1, inner.size() - 2)), 0});
      } else {
        if (inner.empty()) return std::nullopt;
        int64_t n = 0;
        for (char c : inner) {
          if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
          n = n * 10 + (c - '0');
        }
        steps.push_back({PathStep::Index, {}, n});
      }
      i = close + 1;
    } else {
      return std::nullopt;
    }
  }
  return steps;
}

void evalPath(const Json& node, const std::vector<PathStep>& steps, size_t k, std::vector<const Json*>& out) {
  if (k == steps.size()) {
    out.push_back(&node);
    return;
  }
  const PathStep& s = steps[k];
  switch (s.kind) {
    case PathStep::Key:
      if (node.is_object()) {
        auto it = node.find(s.key);
        if (it != node.end()) evalPath(*it, steps, k + 1, out);
      }
      break;
    case PathStep::Index:
      if (node.is_array() && s.index < static_cast<int64_t>(node.size())) evalPath(node[s.index], steps, k + 1, out);
      break;
    case PathStep::Wildcard:
      if (node.is_array()) {
        for (const auto& e : node) evalPath(e, steps, k + 1, out);
      }
      break;
  }
}

std::string jsonText(const Json& j) { return j.is_string() ? j.get<std::string>() : j.dump(); }

// ---- from_json -----------------------------------------------------------------

DataTypePtr parseSchema(const std::string& text) {
  try {
    return parseDataType(text);
  } catch (const LochException&) {
  }
  try {
    return parseDataType("struct<" + text + ">");
  } catch (const LochException&) {
    throw AnalysisException("INVALID_SCHEMA.PARSE_ERROR",
                            "The input schema \"" + text + "\" is not a valid schema string.");
  }
}

/// Appends `j` converted to `type`; returns false (appending nothing) when
/// the JSON value does not fit, so the caller can append NULL.
bool appendJson(VectorBuilder& b, const DataType& type, const Json& j, const cctz::time_zone& tz) {
  if (j.is_null()) {
    b.appendNull();
    return true;
  }
  switch (type.id()) {
    case TypeId::Boolean:
      if (!j.is_boolean()) return false;
      b.appendBool(j.get<bool>());
      return true;
    case TypeId::Byte:
    case TypeId::Short:
    case TypeId::Integer:
    case TypeId::Long: {
      if (!j.is_number_integer()) return false;
      int64_t v = j.is_number_unsigned() ? static_cast<int64_t>(j.get<uint64_t>()) : j.get<int64_t>();
      int bits = type.fixedWidth() * 8;
      if (bits < 64 && (v < -(int64_t{1} << (bits - 1)) || v >= (int64_t{1} << (bits - 1)))) return false;
      b.appendInt(v);
      return true;
    }
    case TypeId::Float:
    case TypeId::Double:
      if (j.is_number()) {
        b.appendDouble(j.get<double>());
        return true;
      }
      if (j.is_string()) {  // Jackson accepts quoted NaN/Infinity
        std::string s = j.get<std::string>();
        if (s == "NaN") b.appendDouble(NAN);
        else if (s == "Infinity" || s == "+Infinity") b.appendDouble(INFINITY);
        else if (s == "-Infinity") b.appendDouble(-INFINITY);
        else return false;
        return true;
      }
      return false;
    case TypeId::Decimal: {
      if (!j.is_number() && !j.is_string()) return false;
      auto v = parseDecimal(j.is_string() ? j.get<std::string>() : j.dump(), type.precision(), type.scale());
      if (!v) return false;
      b.appendDecimal(*v);
      return true;
    }
    case TypeId::String:
      b.appendString(jsonText(j));
      return true;
    case TypeId::Binary:
      return false;
    case TypeId::Date: {
      if (!j.is_string()) return false;
      auto v = parseDate(j.get<std::string>());
      if (!v) return false;
      b.appendInt(*v);
      return true;
    }
    case TypeId::Timestamp:
    case TypeId::TimestampNTZ: {
      if (!j.is_string()) return false;
      auto v = type.id() == TypeId::Timestamp ? parseTimestamp(j.get<std::string>(), tz)
                                              : parseTimestampNTZ(j.get<std::string>());
      if (!v) return false;
      b.appendInt(*v);
      return true;
    }
    case TypeId::Array: {
      if (!j.is_array()) return false;
      auto& el = b.elements();
      for (const auto& e : j) {
        if (!appendJson(el, *type.elementType(), e, tz)) el.appendNull();
      }
      b.finishList();
      return true;
    }
    case TypeId::Map: {
      if (!j.is_object()) return false;
      auto& entries = b.elements();
      for (auto it = j.begin(); it != j.end(); ++it) {
        entries.field(0).appendString(it.key());
        if (!appendJson(entries.field(1), *type.valueType(), it.value(), tz)) entries.field(1).appendNull();
        entries.finishStruct();
      }
      b.finishList();
      return true;
    }
    case TypeId::Struct: {
      if (!j.is_object()) return false;
      const auto& fields = type.fields();
      for (size_t f = 0; f < fields.size(); ++f) {
        auto it = j.find(fields[f].name);
        if (it == j.end() || !appendJson(b.field(f), *fields[f].type, *it, tz)) b.field(f).appendNull();
      }
      b.finishStruct();
      return true;
    }
    default:
      return false;
  }
}

/// A struct row of all NULL fields (PERMISSIVE mode's result for a malformed record).
void appendAllNullStruct(VectorBuilder& b, const DataType& type) {
  for (size_t f = 0; f < type.fields().size(); ++f) b.field(f).appendNull();
  b.finishStruct();
}

// ---- to_json -------------------------------------------------------------------

void writeJsonString(std::string& out, std::string_view s) {
  out.push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04X", c);
          out += buf;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
}

void writeJson(std::string& out, const Vector& v, int64_t row, const cctz::time_zone& tz,
               const DateTimePattern& ts_pattern) {
  if (v.isNull(row)) {
    out += "null";
    return;
  }
  switch (v.typeId()) {
    case TypeId::Null: out += "null"; break;
    case TypeId::Boolean: out += v.values<uint8_t>()[row] ? "true" : "false"; break;
    case TypeId::Byte: out += std::to_string(v.values<int8_t>()[row]); break;
    case TypeId::Short: out += std::to_string(v.values<int16_t>()[row]); break;
    case TypeId::Integer: out += std::to_string(v.values<int32_t>()[row]); break;
    case TypeId::Long: out += std::to_string(v.values<int64_t>()[row]); break;
    case TypeId::Float: {
      float f = v.values<float>()[row];
      if (std::isnan(f) || std::isinf(f)) writeJsonString(out, javaFloatString(f));
      else out += javaFloatString(f);
      break;
    }
    case TypeId::Double: {
      double d = v.values<double>()[row];
      if (std::isnan(d) || std::isinf(d)) writeJsonString(out, javaDoubleString(d));
      else out += javaDoubleString(d);
      break;
    }
    case TypeId::Decimal: out += decimalToString(v.values<int128_t>()[row], v.type()->scale()); break;
    case TypeId::String: writeJsonString(out, v.stringAt(row)); break;
    case TypeId::Binary: {  // Jackson writes binary as Base64 text
      std::string b64;
      base64Encode(v.stringAt(row), b64);
      writeJsonString(out, b64);
      break;
    }
    case TypeId::Date: writeJsonString(out, formatDate(v.values<int32_t>()[row])); break;
    case TypeId::Timestamp: {
      std::string s;
      ts_pattern.format(v.values<int64_t>()[row], tz, s);
      writeJsonString(out, s);
      break;
    }
    case TypeId::TimestampNTZ: writeJsonString(out, formatTimestampNTZ(v.values<int64_t>()[row])); break;
    case TypeId::Array: {
      out.push_back('[');
      const Vector& el = *v.child(0);
      for (int32_t k = v.offsets()[row]; k < v.offsets()[row + 1]; ++k) {
        if (k > v.offsets()[row]) out.push_back(',');
        writeJson(out, el, k, tz, ts_pattern);
      }
      out.push_back(']');
      break;
    }
    case TypeId::Map: {
      out.push_back('{');
      const Vector& e = *v.child(0);
      for (int32_t k = v.offsets()[row]; k < v.offsets()[row + 1]; ++k) {
        if (k > v.offsets()[row]) out.push_back(',');
        const Vector& key = *e.child(0);
        writeJsonString(out, key.typeId() == TypeId::String ? std::string(key.stringAt(k)) : key.getValue(k).toString());
        out.push_back(':');
        writeJson(out, *e.child(1), k, tz, ts_pattern);
      }
      out.push_back('}');
      break;
    }
    case TypeId::Struct: {
      out.push_back('{');
      bool first = true;
      const auto& fields = v.type()->fields();
      for (size_t f = 0; f < fields.size(); ++f) {
        if (v.child(f)->isNull(row)) continue;  // ignoreNullFields=true
        if (!first) out.push_back(',');
        first = false;
        writeJsonString(out, fields[f].name);
        out.push_back(':');
        writeJson(out, *v.child(f), row, tz, ts_pattern);
      }
      out.push_back('}');
      break;
    }
    default: out += "null";
  }
}

/// Deep flat copy so nested children can be read by row index.
VectorPtr deepFlat(const VectorPtr& v) {
  VectorPtr f = v->isFlat() ? v : v->flatten();
  bool nested_ok = true;
  for (const auto& c : f->children()) nested_ok = nested_ok && c->isFlat();
  if (nested_ok) return f;
  VectorBuilder b(f->type(), f->size());
  for (int64_t i = 0; i < f->size(); ++i) b.appendFrom(*f, i);
  return b.finish();
}

}  // namespace

void registerJsonFunctions(FunctionRegistry& r) {
  r.addScalar("get_json_object", [](const ScalarBindInput& in) {
    checkArgCount("get_json_object", in, 2, 2);
    BoundScalarFunction b;
    b.name = "get_json_object";
    b.arg_types = {expectType("get_json_object", in, 0, StringType()), expectType("get_json_object", in, 1, StringType())};
    b.return_type = StringType();
    b.introduces_nulls = true;
    b.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      std::string last_path;
      std::optional<std::vector<PathStep>> steps;
      bool have_path = false;
      std::vector<const Json*> matches;
      return computeString(args, rows, StringType(), [&](const auto& d, int64_t i, std::string& out) {
        std::string_view p = d[1].stringAt(i);
        if (!have_path || p != last_path) {
          last_path.assign(p);
          steps = parsePath(p);
          have_path = true;
        }
        if (!steps) return false;
        auto json = parseJson(d[0].stringAt(i));
        if (!json) return false;
        matches.clear();
        evalPath(*json, *steps, 0, matches);
        bool wildcard = false;
        for (const auto& s : *steps) wildcard = wildcard || s.kind == PathStep::Wildcard;
        if (matches.empty()) return false;
        if (matches.size() == 1) {
          if (matches[0]->is_null()) return false;
          out = jsonText(*matches[0]);
          return true;
        }
        Json arr = Json::array();
        for (const Json* m : matches) arr.push_back(*m);
        out = arr.dump();
        return wildcard;
      });
    };
    return b;
  });

  r.addScalar("from_json", [](const ScalarBindInput& in) {
    checkArgCount("from_json", in, 2, 3);
    const Value* schema = literalArg(in, 1);
    if (!schema || schema->isNull() || schema->type()->id() != TypeId::String) {
      throw AnalysisException("INVALID_SCHEMA.NON_STRING_LITERAL",
                              "The input schema \"" + in.args[1]->toString() + "\" must be a STRING literal.");
    }
    DataTypePtr type = parseSchema(schema->getString());
    if (type->id() != TypeId::Struct && type->id() != TypeId::Array && type->id() != TypeId::Map) {
      throw AnalysisException("DATATYPE_MISMATCH.INVALID_JSON_SCHEMA",
                              "Cannot resolve \"from_json\" due to data type mismatch: Input schema \"" + type->sql() +
                                  "\" must be a struct, an array, a map or a variant.");
    }
    BoundScalarFunction b;
    b.name = "from_json";
    b.arg_types = {expectType("from_json", in, 0, StringType()), StringType()};
    for (size_t i = 2; i < in.args.size(); ++i) b.arg_types.push_back(in.args[i]->type());
    b.return_type = type;
    b.introduces_nulls = true;
    b.kernel = [type](const std::vector<VectorPtr>& args, int64_t rows, EvalContext& ctx) {
      const cctz::time_zone& tz = sessionZone(ctx);
      std::vector<VectorPtr> a{args[0]};
      return computeBuilt(a, rows, type, [&](const auto& d, int64_t i, VectorBuilder& out) {
        auto json = parseJson(d[0].stringAt(i));
        if (json && appendJson(out, *type, *json, tz)) return true;
        if (type->id() == TypeId::Struct) {
          appendAllNullStruct(out, *type);
          return true;
        }
        return false;
      });
    };
    return b;
  });

  r.addScalar("to_json", [](const ScalarBindInput& in) {
    checkArgCount("to_json", in, 1, 2);
    const auto& t = in.args[0]->type();
    if (t->id() != TypeId::Struct && t->id() != TypeId::Array && t->id() != TypeId::Map) {
      throwTypeMismatch("to_json", in, 0, "(\"STRUCT\" or \"ARRAY\" or \"MAP\")");
    }
    BoundScalarFunction b;
    b.name = "to_json";
    b.arg_types = {t};
    for (size_t i = 1; i < in.args.size(); ++i) b.arg_types.push_back(in.args[i]->type());
    b.return_type = StringType();
    b.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext& ctx) {
      const cctz::time_zone& tz = sessionZone(ctx);
      static const auto ts_pattern = DateTimePattern::compile("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
      DecodedVector d(*args[0]);
      VectorPtr base = deepFlat(args[0]->isFlat() ? args[0] : args[0]->dictionary());
      std::vector<VectorPtr> a{args[0]};
      return computeString(a, rows, StringType(), [&](const auto&, int64_t i, std::string& out) {
        int64_t row = d.index(i);
        writeJson(out, *base, row, tz, *ts_pattern);
        return true;
      });
    };
    return b;
  });

  r.addScalar("json_object_keys", [](const ScalarBindInput& in) {
    checkArgCount("json_object_keys", in, 1, 1);
    BoundScalarFunction b;
    b.name = "json_object_keys";
    b.arg_types = {expectType("json_object_keys", in, 0, StringType())};
    b.return_type = ArrayType(StringType(), true);
    b.introduces_nulls = true;
    auto ret = b.return_type;
    b.kernel = [ret](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      return computeBuilt(args, rows, ret, [](const auto& d, int64_t i, VectorBuilder& out) {
        auto json = parseJson(d[0].stringAt(i));
        if (!json || !json->is_object()) return false;
        auto& el = out.elements();
        for (auto it = json->begin(); it != json->end(); ++it) el.appendString(it.key());
        out.finishList();
        return true;
      });
    };
    return b;
  });
  r.addScalar("json_array_length", [](const ScalarBindInput& in) {
    checkArgCount("json_array_length", in, 1, 1);
    BoundScalarFunction b;
    b.name = "json_array_length";
    b.arg_types = {expectType("json_array_length", in, 0, StringType())};
    b.return_type = IntegerType();
    b.introduces_nulls = true;
    b.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      return computeFixed<int32_t>(args, rows, IntegerType(), [](const auto& d, int64_t i, int32_t& out) {
        auto json = parseJson(d[0].stringAt(i));
        if (!json || !json->is_array()) return false;
        out = static_cast<int32_t>(json->size());
        return true;
      });
    };
    return b;
  });
}

}  // namespace loch::scalar
