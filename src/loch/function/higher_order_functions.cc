#include "loch/function/higher_order_functions.h"

#include "loch/common/exception.h"
#include "loch/expr/physical_expr.h"
#include "loch/vector/decoded_vector.h"
#include "loch/vector/record_batch.h"
#include "loch/vector/vector_ops.h"

namespace loch {

namespace {

/// The elements of every non-NULL array of a batch, in row order.
struct Flattened {
  std::vector<int32_t> elem;     ///< position in the elements vector
  std::vector<int32_t> parent;   ///< row of the array
  std::vector<int32_t> offsets;  ///< rows + 1 starts into elem (a NULL row is empty)
  VectorPtr elements;            ///< the arrays' flat element vector
};

Flattened flattenArrays(const Vector& arrays, int64_t rows) {
  DecodedVector d(arrays);
  Flattened f;
  const VectorPtr& e = d.base().child(0);
  f.elements = e->isFlat() ? e : e->flatten();
  const int32_t* off = d.base().offsets();
  f.offsets.resize(rows + 1, 0);
  for (int64_t r = 0; r < rows; ++r) {
    f.offsets[r] = static_cast<int32_t>(f.elem.size());
    if (d.isNull(r)) continue;
    int64_t b = off[d.index(r)], end = off[d.index(r) + 1];
    for (int64_t k = b; k < end; ++k) {
      f.elem.push_back(static_cast<int32_t>(k));
      f.parent.push_back(static_cast<int32_t>(r));
    }
  }
  f.offsets[rows] = static_cast<int32_t>(f.elem.size());
  return f;
}

/// Runs `body` over a batch of `cols` (named c0, c1, ...).
VectorPtr evaluateOver(const PhysicalExpr& body, std::vector<VectorPtr> cols, int64_t n, EvalContext& ctx) {
  std::vector<StructField> fields;
  for (size_t i = 0; i < cols.size(); ++i) fields.emplace_back("c" + std::to_string(i), cols[i]->type(), true);
  auto batch = RecordBatch::make(StructType(std::move(fields)), std::move(cols), n);
  return body.evaluate(*batch, ctx);
}

/// The captured columns (kernel arguments from `first` on) repeated per
/// element: row `rows[i]` for element i.
void appendCaptured(std::vector<VectorPtr>& cols, const std::vector<VectorPtr>& args, size_t first,
                    const std::vector<int32_t>& rows) {
  for (size_t a = first; a < args.size(); ++a) cols.push_back(gather(*args[a], rows.data(), rows.size()));
}

VectorPtr positionsOf(const Flattened& f) {
  auto v = Vector::makeFlat(IntegerType(), static_cast<int64_t>(f.elem.size()));
  int32_t* out = v->mutableValues<int32_t>();
  for (size_t i = 0; i < f.elem.size(); ++i) out[i] = static_cast<int32_t>(i) - f.offsets[f.parent[i]];
  return v;
}

/// An array vector of `rows` rows: row r holds elements[offsets[r], offsets[r+1]),
/// NULL where `arrays` is NULL.
VectorPtr makeArrays(const DataTypePtr& type, const Vector& arrays, const std::vector<int32_t>& offsets,
                     VectorPtr elements, int64_t rows) {
  auto out = Vector::makeFlat(type, rows);
  int32_t* off = out->mutableOffsets();
  for (int64_t r = 0; r <= rows; ++r) off[r] = offsets[r];
  out->children()[0] = elements->isFlat() ? std::move(elements) : elements->flatten();
  if (arrays.mayHaveNulls()) {
    for (int64_t r = 0; r < rows; ++r) {
      if (arrays.isNull(r)) out->setNull(r);
    }
  }
  return out;
}

/// exists / forall over the boolean results `pred` of the flattened elements
/// (Spark's three-valued logic: a deciding element wins, else NULL if any
/// result is NULL).
VectorPtr quantify(const Vector& arrays, const Flattened& f, const Vector& pred, bool exists, int64_t rows) {
  DecodedVector p(pred);
  const uint8_t* values = p.base().values<uint8_t>();
  auto out = Vector::makeFlat(BooleanType(), rows);
  uint8_t* o = out->mutableValues<uint8_t>();
  for (int64_t r = 0; r < rows; ++r) {
    if (arrays.isNull(r)) {
      out->setNull(r);
      continue;
    }
    bool decided = false, saw_null = false;
    for (int32_t k = f.offsets[r]; k < f.offsets[r + 1] && !decided; ++k) {
      if (p.isNull(k)) {
        saw_null = true;
      } else if ((values[p.index(k)] != 0) == exists) {
        decided = true;
      }
    }
    o[r] = decided ? exists : !exists;
    if (!decided && saw_null) out->setNull(r);
  }
  return out;
}

/// aggregate(): folds element k of every array long enough, k = 0, 1, ...;
/// each step evaluates `merge` once over those rows.
VectorPtr fold(const PhysicalExpr& merge, const PhysicalExpr* finish, const std::vector<VectorPtr>& args,
               int64_t rows, EvalContext& ctx) {
  const Vector& arrays = *args[0];
  Flattened f = flattenArrays(arrays, rows);
  VectorPtr acc = args[1]->flatten();
  int32_t longest = 0;
  for (int64_t r = 0; r < rows; ++r) longest = std::max(longest, f.offsets[r + 1] - f.offsets[r]);
  std::vector<int32_t> active, elems;
  std::vector<uint64_t> refs(rows);
  for (int32_t k = 0; k < longest; ++k) {
    active.clear();
    elems.clear();
    for (int64_t r = 0; r < rows; ++r) {
      if (f.offsets[r + 1] - f.offsets[r] > k) {
        active.push_back(static_cast<int32_t>(r));
        elems.push_back(f.elem[f.offsets[r] + k]);
      }
    }
    std::vector<VectorPtr> cols{gather(*acc, active.data(), active.size()),
                                gather(*f.elements, elems.data(), elems.size())};
    appendCaptured(cols, args, 2, active);
    VectorPtr next = evaluateOver(merge, std::move(cols), static_cast<int64_t>(active.size()), ctx)->flatten();
    for (int64_t r = 0; r < rows; ++r) refs[r] = makeRowRef(0, static_cast<uint32_t>(r));
    for (size_t j = 0; j < active.size(); ++j) refs[active[j]] = makeRowRef(1, static_cast<uint32_t>(j));
    acc = gatherRefs({acc.get(), next.get()}, acc->type(), refs.data(), rows);
  }
  if (finish) {
    std::vector<int32_t> all(rows);
    for (int64_t r = 0; r < rows; ++r) all[r] = static_cast<int32_t>(r);
    std::vector<VectorPtr> cols{acc};
    appendCaptured(cols, args, 2, all);
    acc = evaluateOver(*finish, std::move(cols), rows, ctx)->flatten();
  }
  for (int64_t r = 0; r < rows; ++r) {
    refs[r] = arrays.isNull(r) ? kNullRowRef : makeRowRef(0, static_cast<uint32_t>(r));
  }
  return gatherRefs({acc.get()}, acc->type(), refs.data(), rows);
}

}  // namespace

BoundScalarFunction bindHigherOrderFunction(HigherOrderKind kind, const std::string& name,
                                            const DataTypePtr& array_type, const BoundLambda& lambda,
                                            const std::optional<BoundLambda>& finish,
                                            const std::vector<int64_t>& captured_ids) {
  BoundScalarFunction b;
  b.name = name;
  b.introduces_nulls = true;
  // Batch layout of the body: parameters, then the captured columns.
  auto idsOf = [&](const BoundLambda& l, size_t slots) {
    std::vector<int64_t> ids = l.param_ids;
    while (ids.size() < slots) ids.push_back(Expr::newAttributeId());  // unused index slot
    ids.insert(ids.end(), captured_ids.begin(), captured_ids.end());
    return ids;
  };
  if (kind == HigherOrderKind::Aggregate) {
    PhysicalExprPtr merge = compileExpr(lambda.body, idsOf(lambda, 2));
    PhysicalExprPtr done = finish ? compileExpr(finish->body, idsOf(*finish, 1)) : nullptr;
    b.return_type = finish ? finish->body->type() : lambda.body->type();
    b.kernel = [merge, done](const std::vector<VectorPtr>& args, int64_t rows, EvalContext& ctx) {
      return fold(*merge, done.get(), args, rows, ctx);
    };
    return b;
  }
  PhysicalExprPtr body = compileExpr(lambda.body, idsOf(lambda, 2));
  switch (kind) {
    case HigherOrderKind::Transform: b.return_type = ArrayType(lambda.body->type(), lambda.body->nullable()); break;
    case HigherOrderKind::Filter: b.return_type = array_type; break;
    default: b.return_type = BooleanType(); break;
  }
  DataTypePtr ret = b.return_type;
  b.kernel = [kind, body, ret](const std::vector<VectorPtr>& args, int64_t rows, EvalContext& ctx) -> VectorPtr {
    const Vector& arrays = *args[0];
    Flattened f = flattenArrays(arrays, rows);
    const int64_t n = static_cast<int64_t>(f.elem.size());
    std::vector<VectorPtr> cols{gather(*f.elements, f.elem.data(), n), positionsOf(f)};
    appendCaptured(cols, args, 1, f.parent);
    VectorPtr result = evaluateOver(*body, std::move(cols), n, ctx);
    switch (kind) {
      case HigherOrderKind::Transform:
        return makeArrays(ret, arrays, f.offsets, result, rows);
      case HigherOrderKind::Filter: {
        DecodedVector p(*result);
        const uint8_t* values = p.base().values<uint8_t>();
        std::vector<int32_t> kept;
        std::vector<int32_t> offsets(rows + 1, 0);
        for (int64_t r = 0; r < rows; ++r) {
          offsets[r] = static_cast<int32_t>(kept.size());
          for (int32_t k = f.offsets[r]; k < f.offsets[r + 1]; ++k) {
            if (!p.isNull(k) && values[p.index(k)] != 0) kept.push_back(f.elem[k]);
          }
        }
        offsets[rows] = static_cast<int32_t>(kept.size());
        return makeArrays(ret, arrays, offsets, gather(*f.elements, kept.data(), kept.size()), rows);
      }
      case HigherOrderKind::Exists:
        return quantify(arrays, f, *result, true, rows);
      default:
        return quantify(arrays, f, *result, false, rows);
    }
  };
  return b;
}

}  // namespace loch
