#pragma once
// PushDownPredicates (Spark's PushDownPredicates, PushPredicateThroughJoin,
// EliminateOuterJoin): moves filter conjuncts as close to the data as their
// semantics allow —
//   * through projections (aliases substituted), sorts, hints, aliases and
//     repartitions;
//   * below aggregates when they only read grouping columns;
//   * into the sides of a join: both sides of an inner join, the preserved
//     side of an outer join, the left of a semi/anti join; conjuncts over
//     both sides of an inner join become part of its condition;
//   * an outer join under a filter that rejects NULLs of its padded side
//     becomes an inner (or one-sided outer) join first.
// Only deterministic conjuncts move.

#include <set>

#include "loch/optimizer/optimizer.h"

namespace loch {

class PushDownPredicates : public OptimizerRule {
 public:
  std::string name() const override { return "PushDownPredicates"; }
  LogicalPlanPtr apply(const LogicalPlanPtr& plan, const RuntimeConfig& conf) const override;
};

/// True when `e` is NULL or FALSE whenever all attributes in `ids` are NULL
/// (Spark's null-intolerance), judged conservatively.
bool rejectsNullsOf(const ExprPtr& e, const std::set<int64_t>& ids);

}  // namespace loch
