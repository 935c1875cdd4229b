#pragma once
// RewriteDistinctAggregates (after Spark's RewriteDistinctAggregates, for
// the common case of one distinct argument): an aggregate whose DISTINCT
// calls all take the same argument d, e.g.
//   SELECT k, count(DISTINCT d), count(*), sum(x) FROM t GROUP BY k
// runs as two hash aggregates instead of one with a hash set of d per group:
//   inner: GROUP BY k, d   → partial count(*), sum(x) (d deduplicated)
//   outer: GROUP BY k      → count(d), sum of the partial counts and sums.
// Applies when every distinct call is count or sum over d without FILTER and
// every other call is count, sum (not decimal), min, max or avg (not
// decimal: split into a partial sum and count) without FILTER;
// other aggregates are left as they are. Output attributes and types are
// unchanged.

#include "loch/optimizer/optimizer.h"

namespace loch {

class RewriteDistinctAggregates : public OptimizerRule {
 public:
  std::string name() const override { return "RewriteDistinctAggregates"; }
  LogicalPlanPtr apply(const LogicalPlanPtr& plan, const RuntimeConfig& conf) const override;
};

}  // namespace loch
