// Collection functions (Spark's collectionOperations.scala,
// complexTypeCreator.scala): arrays, maps and structs.

#include <algorithm>
#include <cmath>
#include <numeric>

#include "loch/function/scalar/scalar_util.h"
#include "loch/function/type_coercion.h"
#include "loch/types/decimal.h"

namespace loch::scalar {

namespace {

/// Total order of Spark's interpreted ordering on flat vectors `a` row i and
/// `b` row j of the same type: NULL lowest, NaN highest, strings by bytes,
/// arrays and structs lexicographically.
int compareRows(const Vector& a, int64_t i, const Vector& b, int64_t j) {
  bool an = a.isNull(i), bn = b.isNull(j);
  if (an || bn) return an == bn ? 0 : (an ? -1 : 1);
  auto cmp = [](auto x, auto y) { return x < y ? -1 : (x > y ? 1 : 0); };
  auto cmpFloat = [](double x, double y) {
    bool xn = std::isnan(x), yn = std::isnan(y);
    if (xn || yn) return xn == yn ? 0 : (xn ? 1 : -1);
    return x < y ? -1 : (x > y ? 1 : 0);
  };
  switch (a.typeId()) {
    case TypeId::Null: return 0;
    case TypeId::Boolean: return cmp(a.values<uint8_t>()[i], b.values<uint8_t>()[j]);
    case TypeId::Byte: return cmp(a.values<int8_t>()[i], b.values<int8_t>()[j]);
    case TypeId::Short: return cmp(a.values<int16_t>()[i], b.values<int16_t>()[j]);
    case TypeId::Integer:
    case TypeId::Date:
    case TypeId::YearMonthInterval: return cmp(a.values<int32_t>()[i], b.values<int32_t>()[j]);
    case TypeId::Long:
    case TypeId::Timestamp:
    case TypeId::TimestampNTZ:
    case TypeId::DayTimeInterval: return cmp(a.values<int64_t>()[i], b.values<int64_t>()[j]);
    case TypeId::Float: return cmpFloat(a.values<float>()[i], b.values<float>()[j]);
    case TypeId::Double: return cmpFloat(a.values<double>()[i], b.values<double>()[j]);
    case TypeId::Decimal: return cmp(a.values<int128_t>()[i], b.values<int128_t>()[j]);
    case TypeId::String:
    case TypeId::Binary: {
      int c = a.stringAt(i).compare(b.stringAt(j));
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case TypeId::Array:
    case TypeId::Map: {
      const Vector& ea = *a.child(0);
      const Vector& eb = *b.child(0);
      int32_t a0 = a.offsets()[i], a1 = a.offsets()[i + 1];
      int32_t b0 = b.offsets()[j], b1 = b.offsets()[j + 1];
      for (int32_t k = 0; a0 + k < a1 && b0 + k < b1; ++k) {
        int c = compareRows(ea, a0 + k, eb, b0 + k);
        if (c) return c;
      }
      return cmp(a1 - a0, b1 - b0);
    }
    case TypeId::Struct:
      for (size_t f = 0; f < a.children().size(); ++f) {
        int c = compareRows(*a.child(f), i, *b.child(f), j);
        if (c) return c;
      }
      return 0;
  }
  return 0;
}

/// Flat view of an array/map argument: the base vector's offsets and its
/// flattened element vector.
struct ListView {
  DecodedVector d;
  VectorPtr elements;
  const int32_t* offsets = nullptr;

  explicit ListView(const Vector& v) : d(v) {
    offsets = d.base().offsets();
    const VectorPtr& e = d.base().child(0);
    elements = e->isFlat() ? e : e->flatten();
  }
  int32_t begin(int64_t i) const { return offsets[d.index(i)]; }
  int32_t end(int64_t i) const { return offsets[d.index(i) + 1]; }
};

DataTypePtr commonTypeOf(const std::string& fn, const ScalarBindInput& in, const std::vector<DataTypePtr>& types) {
  auto common = findWiderCommonType(types, in.ansi);
  if (!common) {
    std::string list;
    for (const auto& t : types) list += (list.empty() ? "\"" : ", \"") + t->sql() + "\"";
    throw AnalysisException("DATATYPE_MISMATCH.DATA_DIFF_TYPES",
                            "Cannot resolve \"" + fn + "\" due to data type mismatch: Input to `" + fn +
                                "` should all be the same type, but it's [" + list + "].");
  }
  return *common;
}

void requireArray(const std::string& fn, const ScalarBindInput& in, size_t i) {
  if (in.args[i]->type()->id() != TypeId::Array) throwTypeMismatch(fn, in, i, "\"ARRAY\"");
}

[[noreturn]] void throwNullMapKey() {
  throw InvalidArgumentException("NULL_MAP_KEY", "Cannot use null as map key.");
}

/// Appends the entries of one map row, rejecting NULL and duplicate keys
/// (spark.sql.mapKeyDedupPolicy=EXCEPTION, Spark's default).
void appendMapRow(VectorBuilder& out, const std::vector<std::pair<const Vector*, int64_t>>& keys,
                  const std::vector<std::pair<const Vector*, int64_t>>& values) {
  for (size_t a = 0; a < keys.size(); ++a) {
    if (keys[a].first->isNull(keys[a].second)) throwNullMapKey();
    for (size_t b = 0; b < a; ++b) {
      if (compareRows(*keys[a].first, keys[a].second, *keys[b].first, keys[b].second) == 0) {
        throw InvalidArgumentException(
            "DUPLICATED_MAP_KEY",
            "Duplicate map key " + keys[a].first->getValue(keys[a].second).toString() +
                " was found, please check the input data. If you want to remove the duplicated keys, you can set "
                "\"spark.sql.mapKeyDedupPolicy\" to \"LAST_WIN\" so that the key inserted at last takes precedence.");
      }
    }
  }
  auto& entries = out.elements();
  for (size_t a = 0; a < keys.size(); ++a) {
    entries.field(0).appendFrom(*keys[a].first, keys[a].second);
    entries.field(1).appendFrom(*values[a].first, values[a].second);
    entries.finishStruct();
  }
  out.finishList();
}

std::vector<VectorPtr> flatArgs(const std::vector<VectorPtr>& args) {
  std::vector<VectorPtr> f;
  for (const auto& a : args) f.push_back(a->isFlat() ? a : a->flatten());
  return f;
}

BoundScalarFunction bindArray(const ScalarBindInput& in) {
  BoundScalarFunction b;
  b.name = "array";
  DataTypePtr elem = in.args.empty() ? NullType() : commonTypeOf("array", in, in.argTypes());
  b.arg_types.assign(in.args.size(), elem);
  // Spark: array() of no arguments is array<string>... of NullType.
  b.return_type = ArrayType(elem, true);
  auto ret = b.return_type;
  b.kernel = [ret](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    auto flat = flatArgs(args);
    VectorBuilder out(ret, rows);
    auto& el = out.elements();
    for (int64_t i = 0; i < rows; ++i) {
      for (const auto& a : flat) el.appendFrom(*a, i);
      out.finishList();
    }
    return out.finish();
  };
  return b;
}

BoundScalarFunction bindSize(const ScalarBindInput& in, const std::string& name) {
  checkArgCount(name, in, 1, 1);
  auto id = in.args[0]->type()->id();
  if (id != TypeId::Array && id != TypeId::Map && id != TypeId::Null) throwTypeMismatch(name, in, 0, "(\"ARRAY\" or \"MAP\")");
  BoundScalarFunction b;
  b.name = name;
  b.arg_types = {id == TypeId::Null ? ArrayType(NullType()) : in.args[0]->type()};
  b.return_type = IntegerType();
  b.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext& ctx) {
    // Spark 4: NULL for a NULL input under ANSI, -1 in legacy mode
    // (spark.sql.legacy.sizeOfNull).
    bool legacy = !ctx.ansi;
    DecodedVector d(*args[0]);
    const int32_t* off = d.base().offsets();
    return computeFixed<int32_t>(
        args, rows, IntegerType(),
        [&](const auto&, int64_t i, int32_t& out) {
          if (d.isNull(i)) {
            out = -1;
            return legacy;
          }
          int64_t r = d.index(i);
          out = off[r + 1] - off[r];
          return true;
        },
        true);
  };
  return b;
}

BoundScalarFunction bindArrayContains(const ScalarBindInput& in) {
  checkArgCount("array_contains", in, 2, 2);
  requireArray("array_contains", in, 0);
  auto common = findWiderTypeForTwo(in.args[0]->type()->elementType(), in.args[1]->type(), in.ansi);
  if (!common) {
    throw AnalysisException("DATATYPE_MISMATCH.ARRAY_FUNCTION_DIFF_TYPES",
                            "Cannot resolve \"array_contains\" due to data type mismatch: Input to `array_contains` "
                            "should have been \"ARRAY\" followed by a value with same element type, but it's [\"" +
                                in.args[0]->type()->sql() + "\", \"" + in.args[1]->type()->sql() + "\"].");
  }
  BoundScalarFunction b;
  b.name = "array_contains";
  b.arg_types = {ArrayType(*common, in.args[0]->type()->containsNull()), *common};
  b.return_type = BooleanType();
  b.introduces_nulls = true;
  b.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    ListView list(*args[0]);
    DecodedVector needle(*args[1]);
    return computeFixed<uint8_t>(args, rows, BooleanType(), [&](const auto&, int64_t i, uint8_t& out) {
      // true if found; NULL if not found but the array has a NULL; else false.
      bool saw_null = false;
      for (int32_t k = list.begin(i); k < list.end(i); ++k) {
        if (list.elements->isNull(k)) {
          saw_null = true;
        } else if (compareRows(*list.elements, k, needle.base(), needle.index(i)) == 0) {
          out = 1;
          return true;
        }
      }
      out = 0;
      return !saw_null;
    });
  };
  return b;
}

std::string arrayIndexError(int64_t index, int64_t size) {
  return "The index " + std::to_string(index) + " is out of bounds. The array has " + std::to_string(size) +
         " elements. Use `try_element_at` to tolerate accessing element at invalid index and return NULL instead. "
         "If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.";
}

/// Value of map row i for key row j of `key`, or -1 when absent.
int64_t findMapKey(const ListView& map, int64_t i, const Vector& keys, const DecodedVector& key, int64_t j) {
  for (int32_t k = map.begin(i); k < map.end(i); ++k) {
    if (compareRows(keys, k, key.base(), key.index(j)) == 0) return k;
  }
  return -1;
}

BoundScalarFunction bindElementAt(const ScalarBindInput& in, const std::string& name, bool zero_based) {
  checkArgCount(name, in, 2, 2);
  const auto& t = in.args[0]->type();
  BoundScalarFunction b;
  b.name = name;
  b.introduces_nulls = true;
  if (t->id() == TypeId::Map) {
    b.arg_types = {t, expectType(name, in, 1, t->keyType())};
    b.return_type = t->valueType();
    auto ret = b.return_type;
    b.kernel = [ret](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      ListView map(*args[0]);
      DecodedVector key(*args[1]);
      const Vector& entries = *map.elements;
      VectorPtr keys = entries.child(0)->flatten();
      VectorPtr values = entries.child(1)->flatten();
      return computeBuilt(args, rows, ret, [&](const auto&, int64_t i, VectorBuilder& out) {
        int64_t k = findMapKey(map, i, *keys, key, i);
        if (k < 0) return false;
        out.appendFrom(*values, k);
        return true;
      });
    };
    return b;
  }
  if (t->id() != TypeId::Array) throwTypeMismatch(name, in, 0, "(\"ARRAY\" or \"MAP\")");
  b.arg_types = {t, expectType(name, in, 1, IntegerType())};
  b.return_type = t->elementType();
  auto ret = b.return_type;
  b.kernel = [ret, zero_based](const std::vector<VectorPtr>& args, int64_t rows, EvalContext& ctx) {
    ListView list(*args[0]);
    DecodedVector idx(*args[1]);
    return computeBuilt(args, rows, ret, [&](const auto&, int64_t i, VectorBuilder& out) {
      int64_t n = list.end(i) - list.begin(i);
      int64_t index = idx.valueAt<int32_t>(i);
      int64_t pos;
      if (zero_based) {
        // get(array, i): 0-based, NULL when out of bounds in every mode.
        if (index < 0 || index >= n) return false;
        pos = index;
      } else {
        if (index == 0) {
          throw InvalidArgumentException("INVALID_INDEX_OF_ZERO",
                                         "The index 0 is invalid. An index shall be either < 0 or > 0 (the first "
                                         "element has index 1).");
        }
        if (index > n || -index > n) {
          if (ctx.ansi) throw InvalidArgumentException("INVALID_ARRAY_INDEX_IN_ELEMENT_AT", arrayIndexError(index, n));
          return false;
        }
        pos = index > 0 ? index - 1 : n + index;
      }
      out.appendFrom(*list.elements, list.begin(i) + pos);
      return true;
    });
  };
  return b;
}

/// Builds one output array per row from element indices chosen by `pick`
/// (which fills `idx` with positions into the flat element vector).
template <class Pick>
VectorPtr rebuildArrays(const std::vector<VectorPtr>& args, int64_t rows, const DataTypePtr& ret, Pick&& pick) {
  ListView list(*args[0]);
  std::vector<int32_t> idx;
  return computeBuilt(args, rows, ret, [&](const auto& d, int64_t i, VectorBuilder& out) {
    idx.clear();
    if (!pick(list, d, i, idx)) return false;
    auto& el = out.elements();
    for (int32_t k : idx) el.appendFrom(*list.elements, k);
    out.finishList();
    return true;
  });
}

BoundScalarFunction bindSortArray(const ScalarBindInput& in) {
  checkArgCount("sort_array", in, 1, 2);
  requireArray("sort_array", in, 0);
  BoundScalarFunction b;
  b.name = "sort_array";
  b.arg_types = {in.args[0]->type()};
  bool asc = true;
  if (in.args.size() == 2) {
    const Value* v = literalArg(in, 1);
    if (!v || in.args[1]->type()->id() != TypeId::Boolean) {
      throw AnalysisException("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                              "Cannot resolve \"sort_array\" due to data type mismatch: Sort order in second argument "
                              "requires a boolean literal.");
    }
    asc = v->isNull() ? true : v->getBool();
    b.arg_types.push_back(BooleanType());
  }
  b.return_type = in.args[0]->type();
  auto ret = b.return_type;
  b.kernel = [asc, ret](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    std::vector<VectorPtr> a{args[0]};
    return rebuildArrays(a, rows, ret, [&](const ListView& l, const auto&, int64_t i, std::vector<int32_t>& idx) {
      idx.resize(l.end(i) - l.begin(i));
      std::iota(idx.begin(), idx.end(), l.begin(i));
      // Ascending puts NULLs first, descending last (Spark's SortArray).
      std::stable_sort(idx.begin(), idx.end(), [&](int32_t x, int32_t y) {
        int c = compareRows(*l.elements, x, *l.elements, y);
        return asc ? c < 0 : c > 0;
      });
      return true;
    });
  };
  return b;
}

BoundScalarFunction bindArrayDistinct(const ScalarBindInput& in) {
  checkArgCount("array_distinct", in, 1, 1);
  requireArray("array_distinct", in, 0);
  BoundScalarFunction b;
  b.name = "array_distinct";
  b.arg_types = {in.args[0]->type()};
  b.return_type = in.args[0]->type();
  auto ret = b.return_type;
  b.kernel = [ret](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    return rebuildArrays(args, rows, ret, [&](const ListView& l, const auto&, int64_t i, std::vector<int32_t>& idx) {
      for (int32_t k = l.begin(i); k < l.end(i); ++k) {
        bool dup = false;
        for (int32_t j : idx) dup = dup || compareRows(*l.elements, j, *l.elements, k) == 0;
        if (!dup) idx.push_back(k);
      }
      return true;
    });
  };
  return b;
}

BoundScalarFunction bindSlice(const ScalarBindInput& in) {
  checkArgCount("slice", in, 3, 3);
  requireArray("slice", in, 0);
  BoundScalarFunction b;
  b.name = "slice";
  b.arg_types = {in.args[0]->type(), expectType("slice", in, 1, IntegerType()), expectType("slice", in, 2, IntegerType())};
  b.return_type = in.args[0]->type();
  auto ret = b.return_type;
  b.kernel = [ret](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    return rebuildArrays(args, rows, ret, [&](const ListView& l, const auto& d, int64_t i, std::vector<int32_t>& idx) {
      int64_t n = l.end(i) - l.begin(i);
      int64_t start = d[1].template valueAt<int32_t>(i);
      int64_t length = d[2].template valueAt<int32_t>(i);
      if (start == 0) {
        throw InvalidArgumentException("INVALID_PARAMETER_VALUE.START",
                                       "The value of parameter(s) `start` in `slice` is invalid: Expects a positive or "
                                       "a negative value for `start`, but got 0.");
      }
      if (length < 0) {
        throw InvalidArgumentException("INVALID_PARAMETER_VALUE.LENGTH",
                                       "The value of parameter(s) `length` in `slice` is invalid: Expects `length` "
                                       "greater than or equal to 0, but got " + std::to_string(length) + ".");
      }
      int64_t s = start > 0 ? start - 1 : n + start;
      if (s < 0 || s >= n) return true;
      for (int64_t k = s; k < std::min(n, s + length); ++k) idx.push_back(static_cast<int32_t>(l.begin(i) + k));
      return true;
    });
  };
  return b;
}

BoundScalarFunction bindArrayMinMax(const ScalarBindInput& in, const std::string& name, bool max) {
  checkArgCount(name, in, 1, 1);
  requireArray(name, in, 0);
  BoundScalarFunction b;
  b.name = name;
  b.arg_types = {in.args[0]->type()};
  b.return_type = in.args[0]->type()->elementType();
  b.introduces_nulls = true;
  auto ret = b.return_type;
  b.kernel = [ret, max](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    ListView l(*args[0]);
    return computeBuilt(args, rows, ret, [&](const auto&, int64_t i, VectorBuilder& out) {
      int32_t best = -1;
      for (int32_t k = l.begin(i); k < l.end(i); ++k) {
        if (l.elements->isNull(k)) continue;
        int c = best < 0 ? 1 : compareRows(*l.elements, k, *l.elements, best);
        if (best < 0 || (max ? c > 0 : c < 0)) best = k;
      }
      if (best < 0) return false;
      out.appendFrom(*l.elements, best);
      return true;
    });
  };
  return b;
}

BoundScalarFunction bindArrayJoin(const ScalarBindInput& in) {
  checkArgCount("array_join", in, 2, 3);
  requireArray("array_join", in, 0);
  BoundScalarFunction b;
  b.name = "array_join";
  if (!canImplicitCast(*in.args[0]->type()->elementType(), *StringType())) throwTypeMismatch("array_join", in, 0, "\"ARRAY<STRING>\"");
  b.arg_types = {ArrayType(StringType(), in.args[0]->type()->containsNull()), expectType("array_join", in, 1, StringType())};
  if (in.args.size() == 3) b.arg_types.push_back(expectType("array_join", in, 2, StringType()));
  b.return_type = StringType();
  b.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    ListView l(*args[0]);
    bool has_rep = args.size() == 3;
    return computeString(args, rows, StringType(), [&](const auto& d, int64_t i, std::string& out) {
      std::string_view sep = d[1].stringAt(i);
      bool first = true;
      for (int32_t k = l.begin(i); k < l.end(i); ++k) {
        std::string_view s;
        if (l.elements->isNull(k)) {
          if (!has_rep) continue;
          s = d[2].stringAt(i);
        } else {
          s = l.elements->stringAt(k);
        }
        if (!first) out.append(sep);
        out.append(s);
        first = false;
      }
      return true;
    });
  };
  return b;
}

BoundScalarFunction bindFlatten(const ScalarBindInput& in) {
  checkArgCount("flatten", in, 1, 1);
  const auto& t = in.args[0]->type();
  if (t->id() != TypeId::Array || t->elementType()->id() != TypeId::Array) throwTypeMismatch("flatten", in, 0, "\"ARRAY\" of \"ARRAY\"");
  BoundScalarFunction b;
  b.name = "flatten";
  b.arg_types = {t};
  b.return_type = t->elementType();
  auto ret = b.return_type;
  b.kernel = [ret](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    ListView outer(*args[0]);
    const Vector& inner = *outer.elements;
    VectorPtr leaves = inner.child(0)->isFlat() ? inner.child(0) : inner.child(0)->flatten();
    return computeBuilt(args, rows, ret, [&](const auto&, int64_t i, VectorBuilder& out) {
      for (int32_t k = outer.begin(i); k < outer.end(i); ++k) {
        if (inner.isNull(k)) return false;  // any NULL inner array gives NULL
      }
      auto& el = out.elements();
      for (int32_t k = outer.begin(i); k < outer.end(i); ++k) {
        for (int32_t j = inner.offsets()[k]; j < inner.offsets()[k + 1]; ++j) el.appendFrom(*leaves, j);
      }
      out.finishList();
      return true;
    });
  };
  return b;
}

std::string defaultFieldName(const ExprPtr& e, size_t i) {
  if (e->kind() == ExprKind::Attribute || e->kind() == ExprKind::Alias) return e->name();
  return "col" + std::to_string(i + 1);
}

BoundScalarFunction bindStruct(const ScalarBindInput& in, bool named) {
  std::string fn = named ? "named_struct" : "struct";
  std::vector<StructField> fields;
  BoundScalarFunction b;
  b.name = fn;
  std::vector<size_t> value_args;
  if (named) {
    if (in.args.empty() || in.args.size() % 2 != 0) {
      throw AnalysisException("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                              "The `named_struct` requires 2n (n > 0) parameters but the actual number is " +
                                  std::to_string(in.args.size()) + ".");
    }
    for (size_t i = 0; i < in.args.size(); i += 2) {
      const Value* name = literalArg(in, i);
      if (!name || name->isNull() || name->type()->id() != TypeId::String) {
        throw AnalysisException("DATATYPE_MISMATCH.CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING",
                                "Cannot resolve \"named_struct\" due to data type mismatch: Only foldable \"STRING\" "
                                "expressions are allowed to appear at odd position, but they are [\"" +
                                    in.args[i]->toString() + "\"].");
      }
      fields.emplace_back(name->getString(), in.args[i + 1]->type(), true);
      b.arg_types.push_back(StringType());
      b.arg_types.push_back(in.args[i + 1]->type());
      value_args.push_back(i + 1);
    }
  } else {
    for (size_t i = 0; i < in.args.size(); ++i) {
      fields.emplace_back(defaultFieldName(in.args[i], i), in.args[i]->type(), true);
      b.arg_types.push_back(in.args[i]->type());
      value_args.push_back(i);
    }
  }
  b.return_type = StructType(fields);
  auto ret = b.return_type;
  b.kernel = [ret, value_args](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    // Struct children are the argument columns themselves (never NULL structs).
    VectorBuilder out(ret, rows);
    std::vector<VectorPtr> flat;
    for (size_t a : value_args) flat.push_back(args[a]->isFlat() ? args[a] : args[a]->flatten());
    for (int64_t i = 0; i < rows; ++i) {
      for (size_t f = 0; f < flat.size(); ++f) out.field(f).appendFrom(*flat[f], i);
      out.finishStruct();
    }
    return out.finish();
  };
  return b;
}

BoundScalarFunction bindMap(const ScalarBindInput& in) {
  if (in.args.size() % 2 != 0) {
    throw AnalysisException("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                            "The `map` requires 2n (n > 0) parameters but the actual number is " +
                                std::to_string(in.args.size()) + ".");
  }
  std::vector<DataTypePtr> kt, vt;
  for (size_t i = 0; i < in.args.size(); i += 2) {
    kt.push_back(in.args[i]->type());
    vt.push_back(in.args[i + 1]->type());
  }
  DataTypePtr k = kt.empty() ? StringType() : commonTypeOf("map", in, kt);
  DataTypePtr v = vt.empty() ? StringType() : commonTypeOf("map", in, vt);
  if (k->id() == TypeId::Map) {
    throw AnalysisException("DATATYPE_MISMATCH.INVALID_MAP_KEY_TYPE",
                            "Cannot resolve \"map\" due to data type mismatch: The key of map cannot be/contain \"" +
                                k->sql() + "\".");
  }
  BoundScalarFunction b;
  b.name = "map";
  for (size_t i = 0; i < in.args.size(); i += 2) {
    b.arg_types.push_back(k);
    b.arg_types.push_back(v);
  }
  b.return_type = MapType(k, v, true);
  auto ret = b.return_type;
  b.kernel = [ret](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    auto flat = flatArgs(args);
    VectorBuilder out(ret, rows);
    std::vector<std::pair<const Vector*, int64_t>> keys, values;
    for (int64_t i = 0; i < rows; ++i) {
      keys.clear();
      values.clear();
      for (size_t a = 0; a < flat.size(); a += 2) {
        keys.emplace_back(flat[a].get(), i);
        values.emplace_back(flat[a + 1].get(), i);
      }
      appendMapRow(out, keys, values);
    }
    return out.finish();
  };
  return b;
}

BoundScalarFunction bindMapPart(const ScalarBindInput& in, const std::string& fn, int part) {
  checkArgCount(fn, in, 1, 1);
  const auto& t = in.args[0]->type();
  if (t->id() != TypeId::Map) throwTypeMismatch(fn, in, 0, "\"MAP\"");
  BoundScalarFunction b;
  b.name = fn;
  b.arg_types = {t};
  b.return_type = part == 0 ? ArrayType(t->keyType(), false) : ArrayType(t->valueType(), t->valueContainsNull());
  auto ret = b.return_type;
  b.kernel = [ret, part](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    ListView l(*args[0]);
    VectorPtr column = l.elements->child(part)->flatten();
    return computeBuilt(args, rows, ret, [&](const auto&, int64_t i, VectorBuilder& out) {
      auto& el = out.elements();
      for (int32_t k = l.begin(i); k < l.end(i); ++k) el.appendFrom(*column, k);
      out.finishList();
      return true;
    });
  };
  return b;
}

BoundScalarFunction bindMapFromArrays(const ScalarBindInput& in) {
  checkArgCount("map_from_arrays", in, 2, 2);
  requireArray("map_from_arrays", in, 0);
  requireArray("map_from_arrays", in, 1);
  BoundScalarFunction b;
  b.name = "map_from_arrays";
  b.arg_types = {in.args[0]->type(), in.args[1]->type()};
  b.return_type = MapType(in.args[0]->type()->elementType(), in.args[1]->type()->elementType(), true);
  auto ret = b.return_type;
  b.kernel = [ret](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    ListView ks(*args[0]);
    ListView vs(*args[1]);
    std::vector<std::pair<const Vector*, int64_t>> keys, values;
    return computeBuilt(args, rows, ret, [&](const auto&, int64_t i, VectorBuilder& out) {
      int64_t n = ks.end(i) - ks.begin(i);
      if (n != vs.end(i) - vs.begin(i)) {
        throw InvalidArgumentException("INVALID_PARAMETER_VALUE",
                                       "The key array and value array of MapData must have the same length.");
      }
      keys.clear();
      values.clear();
      for (int64_t k = 0; k < n; ++k) {
        keys.emplace_back(ks.elements.get(), ks.begin(i) + k);
        values.emplace_back(vs.elements.get(), vs.begin(i) + k);
      }
      appendMapRow(out, keys, values);
      return true;
    });
  };
  return b;
}


BoundScalarFunction bindArraysZip(const ScalarBindInput& in) {
  std::vector<StructField> fields;
  for (size_t i = 0; i < in.args.size(); ++i) {
    requireArray("arrays_zip", in, i);
    // Field names: the column name for column arguments, else the position.
    const auto& e = in.args[i];
    std::string name = e->kind() == ExprKind::Attribute || e->kind() == ExprKind::Alias ? e->name() : std::to_string(i);
    fields.emplace_back(name, e->type()->elementType(), true);
  }
  BoundScalarFunction b;
  b.name = "arrays_zip";
  b.arg_types = in.argTypes();
  b.return_type = ArrayType(StructType(fields), false);
  auto ret = b.return_type;
  b.kernel = [ret](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    std::vector<ListView> lists;
    for (const auto& a : args) lists.emplace_back(*a);
    return computeBuilt(args, rows, ret, [&](const auto&, int64_t i, VectorBuilder& out) {
      int64_t n = 0;
      for (const auto& l : lists) n = std::max<int64_t>(n, l.end(i) - l.begin(i));
      auto& el = out.elements();
      for (int64_t k = 0; k < n; ++k) {
        for (size_t f = 0; f < lists.size(); ++f) {
          const ListView& l = lists[f];
          if (k < l.end(i) - l.begin(i)) el.field(f).appendFrom(*l.elements, l.begin(i) + k);
          else el.field(f).appendNull();
        }
        el.finishStruct();
      }
      out.finishList();
      return true;
    });
  };
  return b;
}

BoundScalarFunction bindSequence(const ScalarBindInput& in) {
  checkArgCount("sequence", in, 2, 3);
  std::vector<DataTypePtr> types = in.argTypes();
  DataTypePtr t = commonTypeOf("sequence", in, types);
  if (!t->isIntegral()) throwTypeMismatch("sequence", in, 0, "\"INTEGRAL\"");
  t = t->id() == TypeId::Long ? LongType() : IntegerType();
  BoundScalarFunction b;
  b.name = "sequence";
  b.arg_types.assign(in.args.size(), t);
  b.return_type = ArrayType(t, false);
  auto ret = b.return_type;
  bool is_long = t->id() == TypeId::Long;
  b.kernel = [ret, is_long](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    bool has_step = args.size() == 3;
    return computeBuilt(args, rows, ret, [&](const auto& d, int64_t i, VectorBuilder& out) {
      auto get = [&](size_t a) -> int64_t {
        return is_long ? d[a].template valueAt<int64_t>(i) : d[a].template valueAt<int32_t>(i);
      };
      int64_t start = get(0), stop = get(1);
      int64_t step = has_step ? get(2) : (start <= stop ? 1 : -1);
      if ((step > 0 && start > stop) || (step < 0 && start < stop) || (step == 0 && start != stop)) {
        throw InvalidArgumentException("INVALID_SEQUENCE_BOUNDARIES",
                                       "Illegal sequence boundaries: " + std::to_string(start) + " to " +
                                           std::to_string(stop) + " by " + std::to_string(step));
      }
      __int128 count = step == 0 ? 1 : (static_cast<__int128>(stop) - start) / step + 1;
      if (count > 2147483632) {
        throw InvalidArgumentException("COLLECTION_SIZE_LIMIT_EXCEEDED.PARAMETER",
                                       "Can't create array with " + int128ToString(count) +
                                           " elements which exceeding the array size limit 2147483632.");
      }
      auto& el = out.elements();
      for (__int128 k = 0; k < count; ++k) el.appendInt(static_cast<int64_t>(start + k * step));
      out.finishList();
      return true;
    });
  };
  return b;
}

/// array_position (1-based index, 0 when absent) and array_remove.
BoundScalarFunction bindArraySearch(const ScalarBindInput& in, const std::string& fn, bool remove) {
  checkArgCount(fn, in, 2, 2);
  requireArray(fn, in, 0);
  auto common = findWiderTypeForTwo(in.args[0]->type()->elementType(), in.args[1]->type(), in.ansi);
  if (!common) throwTypeMismatch(fn, in, 1, "\"" + in.args[0]->type()->elementType()->sql() + "\"");
  BoundScalarFunction b;
  b.name = fn;
  b.arg_types = {ArrayType(*common, in.args[0]->type()->containsNull()), *common};
  b.return_type = remove ? b.arg_types[0] : LongType();
  auto ret = b.return_type;
  b.kernel = [ret, remove](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) -> VectorPtr {
    DecodedVector needle(*args[1]);
    if (remove) {
      return rebuildArrays(args, rows, ret, [&](const ListView& l, const auto&, int64_t i, std::vector<int32_t>& idx) {
        for (int32_t k = l.begin(i); k < l.end(i); ++k) {
          if (l.elements->isNull(k) || compareRows(*l.elements, k, needle.base(), needle.index(i)) != 0) idx.push_back(k);
        }
        return true;
      });
    }
    ListView l(*args[0]);
    return computeFixed<int64_t>(args, rows, LongType(), [&](const auto&, int64_t i, int64_t& out) {
      out = 0;
      for (int32_t k = l.begin(i); k < l.end(i); ++k) {
        if (!l.elements->isNull(k) && compareRows(*l.elements, k, needle.base(), needle.index(i)) == 0) {
          out = k - l.begin(i) + 1;
          break;
        }
      }
      return true;
    });
  };
  return b;
}


enum class SetOp { Union, Intersect, Except };

/// array_union / array_intersect / array_except: distinct results in
/// first-seen order; NULL counts as one value (Spark's ArraySetLike).
BoundScalarFunction bindArraySetOp(const ScalarBindInput& in, const std::string& fn, SetOp op) {
  checkArgCount(fn, in, 2, 2);
  requireArray(fn, in, 0);
  requireArray(fn, in, 1);
  DataTypePtr t = commonTypeOf(fn, in, in.argTypes());
  BoundScalarFunction b;
  b.name = fn;
  b.arg_types = {t, t};
  b.return_type = t;
  b.kernel = [t, op](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    ListView a(*args[0]);
    ListView c(*args[1]);
    std::vector<std::pair<const Vector*, int32_t>> picked;
    return computeBuilt(args, rows, t, [&](const auto&, int64_t i, VectorBuilder& out) {
      picked.clear();
      auto contains = [](const ListView& l, int64_t row, const Vector& v, int32_t k) {
        for (int32_t j = l.begin(row); j < l.end(row); ++j) {
          if (compareRows(*l.elements, j, v, k) == 0) return true;
        }
        return false;
      };
      auto add = [&](const Vector& v, int32_t k) {
        for (const auto& [pv, pk] : picked) {
          if (compareRows(*pv, pk, v, k) == 0) return;
        }
        picked.emplace_back(&v, k);
      };
      for (int32_t k = a.begin(i); k < a.end(i); ++k) {
        bool in_other = contains(c, i, *a.elements, k);
        if (op == SetOp::Union || (op == SetOp::Intersect && in_other) || (op == SetOp::Except && !in_other)) {
          add(*a.elements, k);
        }
      }
      if (op == SetOp::Union) {
        for (int32_t k = c.begin(i); k < c.end(i); ++k) add(*c.elements, k);
      }
      auto& el = out.elements();
      for (const auto& [pv, pk] : picked) el.appendFrom(*pv, pk);
      out.finishList();
      return true;
    });
  };
  return b;
}

BoundScalarFunction bindArraysOverlap(const ScalarBindInput& in) {
  checkArgCount("arrays_overlap", in, 2, 2);
  requireArray("arrays_overlap", in, 0);
  requireArray("arrays_overlap", in, 1);
  DataTypePtr t = commonTypeOf("arrays_overlap", in, in.argTypes());
  BoundScalarFunction b;
  b.name = "arrays_overlap";
  b.arg_types = {t, t};
  b.return_type = BooleanType();
  b.introduces_nulls = true;
  b.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    ListView a(*args[0]);
    ListView c(*args[1]);
    return computeFixed<uint8_t>(args, rows, BooleanType(), [&](const auto&, int64_t i, uint8_t& out) {
      bool saw_null = false;
      for (int32_t k = a.begin(i); k < a.end(i); ++k) {
        if (a.elements->isNull(k)) {
          saw_null = true;
          continue;
        }
        for (int32_t j = c.begin(i); j < c.end(i); ++j) {
          if (c.elements->isNull(j)) {
            saw_null = true;
          } else if (compareRows(*a.elements, k, *c.elements, j) == 0) {
            out = 1;
            return true;
          }
        }
      }
      for (int32_t j = c.begin(i); j < c.end(i); ++j) saw_null = saw_null || c.elements->isNull(j);
      out = 0;
      // No common element: NULL when a NULL could have matched (both non-empty).
      return !(saw_null && a.end(i) > a.begin(i) && c.end(i) > c.begin(i));
    });
  };
  return b;
}

BoundScalarFunction bindArrayRepeat(const ScalarBindInput& in) {
  checkArgCount("array_repeat", in, 2, 2);
  BoundScalarFunction b;
  b.name = "array_repeat";
  b.arg_types = {in.args[0]->type(), expectType("array_repeat", in, 1, IntegerType())};
  b.return_type = ArrayType(in.args[0]->type(), true);
  auto ret = b.return_type;
  b.kernel = [ret](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    DecodedVector elem(*args[0]);
    std::vector<VectorPtr> count{args[1]};
    return computeBuilt(count, rows, ret, [&](const auto& d, int64_t i, VectorBuilder& out) {
      int32_t n = d[0].template valueAt<int32_t>(i);
      auto& el = out.elements();
      for (int32_t k = 0; k < n; ++k) {
        if (elem.isNull(i)) el.appendNull();
        else el.appendFrom(elem.base(), elem.index(i));
      }
      out.finishList();
      return true;
    });
  };
  return b;
}

BoundScalarFunction bindArrayAppend(const ScalarBindInput& in, const std::string& fn, bool prepend) {
  checkArgCount(fn, in, 2, 2);
  requireArray(fn, in, 0);
  auto common = findWiderTypeForTwo(in.args[0]->type()->elementType(), in.args[1]->type(), in.ansi);
  if (!common) throwTypeMismatch(fn, in, 1, "\"" + in.args[0]->type()->elementType()->sql() + "\"");
  BoundScalarFunction b;
  b.name = fn;
  b.arg_types = {ArrayType(*common, true), *common};
  b.return_type = ArrayType(*common, true);
  auto ret = b.return_type;
  b.kernel = [ret, prepend](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    ListView l(*args[0]);
    DecodedVector elem(*args[1]);
    std::vector<VectorPtr> arr{args[0]};
    return computeBuilt(arr, rows, ret, [&](const auto&, int64_t i, VectorBuilder& out) {
      auto& el = out.elements();
      auto addElem = [&] {
        if (elem.isNull(i)) el.appendNull();
        else el.appendFrom(elem.base(), elem.index(i));
      };
      if (prepend) addElem();
      for (int32_t k = l.begin(i); k < l.end(i); ++k) el.appendFrom(*l.elements, k);
      if (!prepend) addElem();
      out.finishList();
      return true;
    });
  };
  return b;
}

BoundScalarFunction bindArrayCompact(const ScalarBindInput& in) {
  checkArgCount("array_compact", in, 1, 1);
  requireArray("array_compact", in, 0);
  BoundScalarFunction b;
  b.name = "array_compact";
  b.arg_types = {in.args[0]->type()};
  b.return_type = ArrayType(in.args[0]->type()->elementType(), false);
  auto ret = b.return_type;
  b.kernel = [ret](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    return rebuildArrays(args, rows, ret, [&](const ListView& l, const auto&, int64_t i, std::vector<int32_t>& idx) {
      for (int32_t k = l.begin(i); k < l.end(i); ++k) {
        if (!l.elements->isNull(k)) idx.push_back(k);
      }
      return true;
    });
  };
  return b;
}

BoundScalarFunction bindMapContainsKey(const ScalarBindInput& in) {
  checkArgCount("map_contains_key", in, 2, 2);
  const auto& t = in.args[0]->type();
  if (t->id() != TypeId::Map) throwTypeMismatch("map_contains_key", in, 0, "\"MAP\"");
  BoundScalarFunction b;
  b.name = "map_contains_key";
  b.arg_types = {t, expectType("map_contains_key", in, 1, t->keyType())};
  b.return_type = BooleanType();
  b.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    ListView map(*args[0]);
    DecodedVector key(*args[1]);
    VectorPtr keys = map.elements->child(0)->flatten();
    return computeFixed<uint8_t>(args, rows, BooleanType(), [&](const auto&, int64_t i, uint8_t& out) {
      out = findMapKey(map, i, *keys, key, i) >= 0;
      return true;
    });
  };
  return b;
}

BoundScalarFunction bindMapEntries(const ScalarBindInput& in) {
  checkArgCount("map_entries", in, 1, 1);
  const auto& t = in.args[0]->type();
  if (t->id() != TypeId::Map) throwTypeMismatch("map_entries", in, 0, "\"MAP\"");
  BoundScalarFunction b;
  b.name = "map_entries";
  b.arg_types = {t};
  b.return_type = ArrayType(StructType({StructField("key", t->keyType(), false), StructField("value", t->valueType(), true)}), false);
  auto ret = b.return_type;
  b.kernel = [ret](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    ListView l(*args[0]);
    VectorPtr keys = l.elements->child(0)->flatten();
    VectorPtr values = l.elements->child(1)->flatten();
    return computeBuilt(args, rows, ret, [&](const auto&, int64_t i, VectorBuilder& out) {
      auto& el = out.elements();
      for (int32_t k = l.begin(i); k < l.end(i); ++k) {
        el.field(0).appendFrom(*keys, k);
        el.field(1).appendFrom(*values, k);
        el.finishStruct();
      }
      out.finishList();
      return true;
    });
  };
  return b;
}

}  // namespace

BoundScalarFunction bindArrayConcat(const ScalarBindInput& in) {
  std::vector<DataTypePtr> types;
  for (size_t i = 0; i < in.args.size(); ++i) {
    if (in.args[i]->type()->id() != TypeId::Array && in.args[i]->type()->id() != TypeId::Null) requireArray("concat", in, i);
    types.push_back(in.args[i]->type());
  }
  DataTypePtr t = commonTypeOf("concat", in, types);
  BoundScalarFunction b;
  b.name = "concat";
  b.arg_types.assign(in.args.size(), t);
  b.return_type = t;
  b.kernel = [t](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    std::vector<ListView> lists;
    for (const auto& a : args) lists.emplace_back(*a);
    return computeBuilt(args, rows, t, [&](const auto&, int64_t i, VectorBuilder& out) {
      auto& el = out.elements();
      for (const auto& l : lists) {
        for (int32_t k = l.begin(i); k < l.end(i); ++k) el.appendFrom(*l.elements, k);
      }
      out.finishList();
      return true;
    });
  };
  return b;
}

BoundScalarFunction bindArrayReverse(const ScalarBindInput& in) {
  BoundScalarFunction b;
  b.name = "reverse";
  b.arg_types = {in.args[0]->type()};
  b.return_type = in.args[0]->type();
  auto ret = b.return_type;
  b.kernel = [ret](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    return rebuildArrays(args, rows, ret, [&](const ListView& l, const auto&, int64_t i, std::vector<int32_t>& idx) {
      for (int32_t k = l.end(i) - 1; k >= l.begin(i); --k) idx.push_back(k);
      return true;
    });
  };
  return b;
}

void registerCollectionFunctions(FunctionRegistry& r) {
  r.addScalar("array", bindArray);
  r.addScalar("size", [](const ScalarBindInput& in) { return bindSize(in, "size"); });
  r.addScalar("cardinality", [](const ScalarBindInput& in) { return bindSize(in, "cardinality"); });
  r.addScalar("array_size", [](const ScalarBindInput& in) {
    requireArray("array_size", in, 0);
    auto b = bindSize(in, "array_size");
    return b;
  });
  r.addScalar("array_contains", bindArrayContains);
  r.addScalar("element_at", [](const ScalarBindInput& in) { return bindElementAt(in, "element_at", false); });
  r.addScalar("get", [](const ScalarBindInput& in) { return bindElementAt(in, "get", true); });
  r.addScalar("sort_array", bindSortArray);
  r.addScalar("array_sort", [](const ScalarBindInput& in) {
    // Without a comparator array_sort is ascending with NULLs last.
    checkArgCount("array_sort", in, 1, 1);
    requireArray("array_sort", in, 0);
    BoundScalarFunction b;
    b.name = "array_sort";
    b.arg_types = {in.args[0]->type()};
    b.return_type = in.args[0]->type();
    auto ret = b.return_type;
    b.kernel = [ret](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      return rebuildArrays(args, rows, ret, [&](const ListView& l, const auto&, int64_t i, std::vector<int32_t>& idx) {
        idx.resize(l.end(i) - l.begin(i));
        std::iota(idx.begin(), idx.end(), l.begin(i));
        std::stable_sort(idx.begin(), idx.end(), [&](int32_t x, int32_t y) {
          bool xn = l.elements->isNull(x), yn = l.elements->isNull(y);
          if (xn || yn) return !xn && yn;
          return compareRows(*l.elements, x, *l.elements, y) < 0;
        });
        return true;
      });
    };
    return b;
  });
  r.addScalar("array_distinct", bindArrayDistinct);
  r.addScalar("array_join", bindArrayJoin);
  r.addScalar("array_max", [](const ScalarBindInput& in) { return bindArrayMinMax(in, "array_max", true); });
  r.addScalar("array_min", [](const ScalarBindInput& in) { return bindArrayMinMax(in, "array_min", false); });
  r.addScalar("slice", bindSlice);
  r.addScalar("flatten", bindFlatten);
  r.addScalar("struct", [](const ScalarBindInput& in) { return bindStruct(in, false); });
  r.addScalar("named_struct", [](const ScalarBindInput& in) { return bindStruct(in, true); });
  r.addScalar("map", bindMap);
  r.addScalar("map_keys", [](const ScalarBindInput& in) { return bindMapPart(in, "map_keys", 0); });
  r.addScalar("map_values", [](const ScalarBindInput& in) { return bindMapPart(in, "map_values", 1); });
  r.addScalar("map_from_arrays", bindMapFromArrays);
  r.addScalar("arrays_zip", bindArraysZip);
  r.addScalar("array_union", [](const ScalarBindInput& in) { return bindArraySetOp(in, "array_union", SetOp::Union); });
  r.addScalar("array_intersect", [](const ScalarBindInput& in) { return bindArraySetOp(in, "array_intersect", SetOp::Intersect); });
  r.addScalar("array_except", [](const ScalarBindInput& in) { return bindArraySetOp(in, "array_except", SetOp::Except); });
  r.addScalar("arrays_overlap", bindArraysOverlap);
  r.addScalar("array_repeat", bindArrayRepeat);
  r.addScalar("array_append", [](const ScalarBindInput& in) { return bindArrayAppend(in, "array_append", false); });
  r.addScalar("array_prepend", [](const ScalarBindInput& in) { return bindArrayAppend(in, "array_prepend", true); });
  r.addScalar("array_compact", bindArrayCompact);
  r.addScalar("map_contains_key", bindMapContainsKey);
  r.addScalar("map_entries", bindMapEntries);
  r.addScalar("sequence", bindSequence);
  r.addScalar("array_position", [](const ScalarBindInput& in) { return bindArraySearch(in, "array_position", false); });
  r.addScalar("array_remove", [](const ScalarBindInput& in) { return bindArraySearch(in, "array_remove", true); });
  r.addScalar("try_element_at", [](const ScalarBindInput& in) {
    ScalarBindInput legacy = in;
    auto b = bindElementAt(legacy, "try_element_at", false);
    auto inner = b.kernel;
    // Out-of-range indexes give NULL whatever the ANSI setting.
    b.kernel = [inner](const std::vector<VectorPtr>& args, int64_t rows, EvalContext& ctx) {
      EvalContext relaxed = ctx;
      relaxed.ansi = false;
      return inner(args, rows, relaxed);
    };
    return b;
  });
}

}  // namespace loch::scalar
