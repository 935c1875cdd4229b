#include "loch/expr/physical/lazy_exprs.h"

#include "loch/expr/physical/row_subset.h"
#include "loch/function/operators/logical.h"
#include "loch/function/operators/select.h"
#include "loch/vector/decoded_vector.h"

namespace loch {

namespace {

/// Rows of `rows` (indices into the batch) whose entry of boolean vector
/// `v` (one entry per element of rows) is true, and the others.
void splitByCondition(const Vector& v, const RowList& rows, RowList& yes, RowList& no) {
  DecodedVector d(v);
  const uint8_t* vals = d.base().values<uint8_t>();
  for (size_t j = 0; j < rows.size(); ++j) {
    int64_t k = static_cast<int64_t>(j);
    if (!d.isNull(k) && vals[d.index(k)]) yes.push_back(rows[j]);
    else no.push_back(rows[j]);
  }
}

RowList allRows(int64_t n) {
  RowList r(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) r[static_cast<size_t>(i)] = static_cast<int32_t>(i);
  return r;
}

/// Merges per-branch results: row rows[k][j] of the output is row j of
/// results[k]; rows of no list are NULL.
VectorPtr mergeBranches(const DataTypePtr& type, int64_t n, const std::vector<RowList>& rows,
                        const std::vector<VectorPtr>& results) {
  // One branch taking every row: its result is the answer.
  for (size_t k = 0; k < rows.size(); ++k) {
    if (static_cast<int64_t>(rows[k].size()) == n && results[k]) return results[k];
  }
  VectorPtr placeholder = Vector::makeNull(type, 1);
  std::vector<const Vector*> sources;
  for (const auto& r : results) sources.push_back(r ? r.get() : placeholder.get());
  std::vector<uint8_t> which(static_cast<size_t>(n), kSelectNull);
  std::vector<int32_t> pos(static_cast<size_t>(n), 0);
  for (size_t k = 0; k < rows.size(); ++k) {
    for (size_t j = 0; j < rows[k].size(); ++j) {
      which[static_cast<size_t>(rows[k][j])] = static_cast<uint8_t>(k);
      pos[static_cast<size_t>(rows[k][j])] = static_cast<int32_t>(j);
    }
  }
  return selectRows(type, n, sources, which.data(), pos.data());
}

}  // namespace

VectorPtr AndOrExpr::evaluate(const RecordBatch& batch, EvalContext& ctx) const {
  int64_t n = batch.numRows();
  VectorPtr l = left_->evaluate(batch, ctx);
  if (n == 0) return l;
  if (eager_) {
    VectorPtr r = right_->evaluate(batch, ctx);
    return is_and_ ? logicalAnd(*l, *r, n) : logicalOr(*l, *r, n);
  }
  const uint8_t dominant = is_and_ ? 0 : 1;
  DecodedVector d(*l);
  const uint8_t* lv = d.base().values<uint8_t>();
  RowList need;
  for (int64_t i = 0; i < n; ++i) {
    if (d.isNull(i) || lv[d.index(i)] != dominant) need.push_back(static_cast<int32_t>(i));
  }
  if (need.empty()) return l;
  VectorPtr r;
  if (static_cast<int64_t>(need.size()) == n) {
    r = right_->evaluate(batch, ctx);
  } else {
    // Rows decided by the left side get NULL on the right: the dominant
    // left value wins over NULL in three-valued logic.
    VectorPtr sub = evaluateOnRows(*right_, batch, need, ctx);
    r = mergeBranches(BooleanType(), n, {need}, {sub});
  }
  return is_and_ ? logicalAnd(*l, *r, n) : logicalOr(*l, *r, n);
}

std::string AndOrExpr::toString() const {
  return "(" + left_->toString() + (is_and_ ? " AND " : " OR ") + right_->toString() + ")";
}

VectorPtr CaseWhenExpr::evaluate(const RecordBatch& batch, EvalContext& ctx) const {
  int64_t n = batch.numRows();
  if (n == 0) return Vector::makeFlat(type(), 0);
  if (eager_) return evaluateEager(batch, ctx);
  size_t branches = conditions_.size();
  std::vector<RowList> taken(branches + 1);
  RowList remaining = allRows(n);
  for (size_t k = 0; k < branches && !remaining.empty(); ++k) {
    VectorPtr c = evaluateOnRows(*conditions_[k], batch, remaining, ctx);
    RowList rest;
    splitByCondition(*c, remaining, taken[k], rest);
    remaining.swap(rest);
  }
  std::vector<VectorPtr> results(branches + 1);
  for (size_t k = 0; k < branches; ++k) {
    if (!taken[k].empty()) results[k] = evaluateOnRows(*values_[k], batch, taken[k], ctx);
  }
  if (else_ && !remaining.empty()) {
    taken[branches] = remaining;
    results[branches] = evaluateOnRows(*else_, batch, remaining, ctx);
  }
  return mergeBranches(type(), n, taken, results);
}

VectorPtr CaseWhenExpr::evaluateEager(const RecordBatch& batch, EvalContext& ctx) const {
  int64_t n = batch.numRows();
  size_t branches = conditions_.size();
  const uint8_t fallback = else_ ? static_cast<uint8_t>(branches) : kSelectNull;
  std::vector<uint8_t> which(static_cast<size_t>(n), fallback);
  std::vector<uint8_t> decided(static_cast<size_t>(n), 0);
  std::vector<bool> used(branches + 1, false);
  for (size_t k = 0; k < branches; ++k) {
    VectorPtr c = conditions_[k]->evaluate(batch, ctx);
    DecodedVector d(*c);
    const uint8_t* v = d.base().values<uint8_t>();
    for (int64_t i = 0; i < n; ++i) {
      if (!decided[i] && !d.isNull(i) && v[d.index(i)]) {
        decided[i] = 1;
        which[i] = static_cast<uint8_t>(k);
        used[k] = true;
      }
    }
  }
  if (else_) {
    for (int64_t i = 0; i < n; ++i) used[branches] = used[branches] || !decided[i];
  }
  VectorPtr placeholder = Vector::makeNull(type(), 1);
  std::vector<VectorPtr> results(branches + 1);
  std::vector<const Vector*> sources;
  for (size_t k = 0; k <= branches; ++k) {
    const PhysicalExprPtr& e = k < branches ? values_[k] : else_;
    if (used[k]) results[k] = e->evaluate(batch, ctx);
    sources.push_back(results[k] ? results[k].get() : placeholder.get());
  }
  return selectRows(type(), n, sources, which.data(), nullptr);
}

std::string CaseWhenExpr::toString() const {
  std::string s = label_;
  for (size_t k = 0; k < conditions_.size(); ++k)
    s += " WHEN " + conditions_[k]->toString() + " THEN " + values_[k]->toString();
  if (else_) s += " ELSE " + else_->toString();
  return s + " END";
}

VectorPtr CoalesceExpr::evaluate(const RecordBatch& batch, EvalContext& ctx) const {
  int64_t n = batch.numRows();
  if (n == 0) return Vector::makeFlat(type(), 0);
  // which/pos: the argument giving each row's value and the row's position
  // in that argument's (subset) result.
  std::vector<uint8_t> which(static_cast<size_t>(n), kSelectNull);
  std::vector<int32_t> pos(static_cast<size_t>(n), 0);
  std::vector<VectorPtr> results;
  if (eager_) {
    // Every argument on every row; pick the first non-NULL one.
    for (const auto& a : args_) results.push_back(a->evaluate(batch, ctx));
    if (!results[0]->mayHaveNulls()) return results[0];
    std::vector<DecodedVector> dec(results.size());
    for (size_t k = 0; k < results.size(); ++k) dec[k].decode(*results[k]);
    for (int64_t i = 0; i < n; ++i) {
      for (size_t k = 0; k < results.size(); ++k) {
        if (!dec[k].isNull(i)) {
          which[static_cast<size_t>(i)] = static_cast<uint8_t>(k);
          break;
        }
      }
    }
    std::vector<const Vector*> all;
    for (const auto& r : results) all.push_back(r.get());
    return selectRows(type(), n, all, which.data(), nullptr);
  }
  RowList remaining = allRows(n);
  for (size_t k = 0; k < args_.size() && !remaining.empty(); ++k) {
    VectorPtr v = evaluateOnRows(*args_[k], batch, remaining, ctx);
    if (k == 0 && !v->mayHaveNulls()) return v;
    results.push_back(v);
    RowList rest;
    DecodedVector d(*v);
    for (size_t j = 0; j < remaining.size(); ++j) {
      if (d.isNull(static_cast<int64_t>(j))) {
        rest.push_back(remaining[j]);
      } else {
        which[static_cast<size_t>(remaining[j])] = static_cast<uint8_t>(k);
        pos[static_cast<size_t>(remaining[j])] = static_cast<int32_t>(j);
      }
    }
    remaining.swap(rest);
  }
  std::vector<const Vector*> sources;
  for (const auto& r : results) sources.push_back(r.get());
  return selectRows(type(), n, sources, which.data(), pos.data());
}

std::string CoalesceExpr::toString() const {
  std::string s = "coalesce(";
  for (size_t i = 0; i < args_.size(); ++i) s += (i ? ", " : "") + args_[i]->toString();
  return s + ")";
}

}  // namespace loch
