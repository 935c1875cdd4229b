#include "loch/binder/nested_access.h"

#include "loch/binder/binder_util.h"
#include "loch/common/format.h"
#include "loch/function/scalar_function.h"
#include "loch/types/schema.h"
#include "loch/vector/decoded_vector.h"
#include "loch/vector/vector_ops.h"

namespace loch::binder {

namespace {

// Function names no SQL call can spell.
constexpr const char* kSubscript = "\x01subscript";
constexpr const char* kField = "\x01field";

bool isMarker(const ExprPtr& e, const char* name) {
  return e->kind() == ExprKind::UnresolvedFunction && e->name() == name;
}

/// Field `index` of struct rows (NULL where the struct is NULL).
ExprPtr structField(const ExprPtr& base, size_t index) {
  const StructField& field = base->type()->fields()[index];
  auto b = std::make_shared<BoundScalarFunction>();
  b->name = "getfield[" + field.name + "]";  // the field in the name keeps accesses to different fields apart
  b->arg_types = {base->type()};
  b->return_type = field.type;
  b->introduces_nulls = true;
  b->kernel = [index](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) -> VectorPtr {
    const Vector& s = *args[0];
    if (s.isFlat() && !s.mayHaveNulls()) return s.child(index);
    DecodedVector d(s);
    std::vector<int32_t> pick(rows);
    for (int64_t i = 0; i < rows; ++i) pick[i] = d.isNull(i) ? -1 : static_cast<int32_t>(d.index(i));
    return gather(*d.base().child(index), pick.data(), rows);
  };
  return Expr::function(b->name, {base})->withScalarFunction(b)->withType(field.type, true);
}

std::string fieldList(const DataType& type) {
  std::vector<std::string> names;
  for (const auto& f : type.fields()) names.push_back(quoteIdentifier(f.name));
  return join(names, ", ");
}

ExprPtr fieldOf(const ExprPtr& base, const std::string& name, const AnalyzerOptions& opts) {
  if (base->type()->id() != TypeId::Struct) {
    throw AnalysisException("INVALID_EXTRACT_BASE_FIELD_TYPE",
                            "Can't extract a value from \"" + base->toString() +
                                "\". Need a complex type [STRUCT, ARRAY, MAP] but got \"" +
                                toUpper(base->type()->sql()) + "\".");
  }
  std::vector<size_t> matches;
  const auto& fields = base->type()->fields();
  for (size_t i = 0; i < fields.size(); ++i) {
    if (opts.case_sensitive ? fields[i].name == name : equalsIgnoreCase(fields[i].name, name)) matches.push_back(i);
  }
  if (matches.empty()) {
    throw AnalysisException("FIELD_NOT_FOUND", "No such struct field " + quoteIdentifier(name) + " in " +
                                                   fieldList(*base->type()) + ".");
  }
  if (matches.size() > 1) {
    throw AnalysisException("AMBIGUOUS_REFERENCE_TO_FIELDS", "Ambiguous reference to the field " +
                                                                 quoteIdentifier(name) + ". It appears " +
                                                                 std::to_string(matches.size()) + " times in the schema.");
  }
  return structField(base, matches[0]);
}

ExprPtr fieldsOf(ExprPtr base, const std::vector<std::string>& parts, size_t from, const AnalyzerOptions& opts) {
  for (size_t i = from; i < parts.size(); ++i) base = fieldOf(base, parts[i], opts);
  return base;
}

/// arr[i] under ANSI: INVALID_ARRAY_INDEX for an index outside [0, size).
ExprPtr checkedArrayIndex(const ExprPtr& arr, const ExprPtr& index) {
  auto b = std::make_shared<BoundScalarFunction>();
  b->name = "getitem";
  b->arg_types = {arr->type(), IntegerType()};
  b->return_type = arr->type()->elementType();
  b->introduces_nulls = true;
  b->kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) -> VectorPtr {
    DecodedVector a(*args[0]);
    DecodedVector idx(*args[1]);
    const int32_t* offsets = a.base().offsets();
    const int32_t* index = idx.base().values<int32_t>();
    std::vector<int32_t> pick(rows);
    for (int64_t r = 0; r < rows; ++r) {
      pick[r] = -1;
      if (a.isNull(r) || idx.isNull(r)) continue;
      int64_t begin = offsets[a.index(r)], size = offsets[a.index(r) + 1] - begin;
      int64_t i = index[idx.index(r)];
      if (i < 0 || i >= size) {
        throw InvalidArgumentException(
            "INVALID_ARRAY_INDEX",
            "The index " + std::to_string(i) + " is out of bounds. The array has " + std::to_string(size) +
                " elements. Use the SQL function `get()` to tolerate accessing element at invalid index and return "
                "NULL instead. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.");
      }
      pick[r] = static_cast<int32_t>(begin + i);
    }
    return gather(*a.base().child(0), pick.data(), rows);
  };
  return Expr::function(b->name, {arr, index})->withScalarFunction(b)->withType(b->return_type, true);
}

ExprPtr bindSubscript(const ExprPtr& base, const ExprPtr& index, const ExpressionResolver& r) {
  switch (base->type()->id()) {
    case TypeId::Array: {
      if (!r.options().ansi) return r.resolve(Expr::function("get", {base, index}));
      ExprPtr i = r.resolve(castIfNeeded(index, IntegerType()));
      return checkedArrayIndex(base, i);
    }
    case TypeId::Map:
      return r.resolve(Expr::function("get", {base, index}));
    case TypeId::Struct:
      if (index->kind() == ExprKind::Literal && index->type()->id() == TypeId::String && !index->literal().isNull()) {
        return fieldOf(base, index->literal().getString(), r.options());
      }
      break;
    default:
      break;
  }
  throw AnalysisException("INVALID_EXTRACT_BASE_FIELD_TYPE",
                          "Can't extract a value from \"" + base->toString() +
                              "\". Need a complex type [STRUCT, ARRAY, MAP] but got \"" +
                              toUpper(base->type()->sql()) + "\".");
}

ExprPtr bindDottedName(const std::vector<std::string>& parts, const ExpressionResolver& r) {
  try {
    return r.resolveColumn(parts);
  } catch (const AnalysisException& whole) {
    if (!isUnresolvedColumn(whole)) throw;
    // table.column.field..., then column.field...
    for (size_t prefix : {size_t{2}, size_t{1}}) {
      if (prefix >= parts.size()) continue;
      ExprPtr base;
      try {
        base = r.resolveColumn(std::vector<std::string>(parts.begin(), parts.begin() + static_cast<long>(prefix)));
      } catch (const AnalysisException& ex) {
        if (!isUnresolvedColumn(ex)) throw;
        continue;
      }
      return fieldsOf(base, parts, prefix, r.options());
    }
    throw;
  }
}

}  // namespace

ExprPtr subscriptMarker(ExprPtr base, ExprPtr index) {
  return Expr::function(kSubscript, {std::move(base), std::move(index)});
}

ExprPtr fieldMarker(ExprPtr base, const std::string& field) {
  return Expr::function(kField, {std::move(base), Expr::literal(Value::string(field))});
}

bool isNestedAccess(const ExprPtr& e) {
  return isMarker(e, kSubscript) || isMarker(e, kField) ||
         (e->kind() == ExprKind::UnresolvedColumn && e->nameParts().size() >= 2);
}

ExprPtr bindNestedAccess(const ExprPtr& e, const ExpressionResolver& r,
                         const std::function<ExprPtr(const ExprPtr&)>& prebind) {
  if (e->kind() == ExprKind::UnresolvedColumn) return bindDottedName(e->nameParts(), r);
  ExprPtr base = r.resolve(prebind(e->child(0)));
  if (isMarker(e, kField)) return fieldOf(base, e->child(1)->literal().getString(), r.options());
  ExprPtr index = r.resolve(prebind(e->child(1)));
  return bindSubscript(base, index, r);
}

ExprPtr lowerNestedAccess(const ExprPtr& e) {
  return transformExpr(e, [](const ExprPtr& x) -> ExprPtr {
    if (isMarker(x, kSubscript)) return Expr::function("get", x->children());
    if (isMarker(x, kField)) unsupported("struct field access after an expression in DataFrame expressions");
    return nullptr;
  });
}

}  // namespace loch::binder
