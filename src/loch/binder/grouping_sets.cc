#include "loch/binder/grouping_sets.h"

#include "loch/binder/binder_util.h"
#include "loch/common/format.h"

namespace loch::binder {

namespace {

bool containsExpr(const std::vector<ExprPtr>& list, const ExprPtr& e) {
  for (const auto& x : list) {
    if (exprEquals(x, e)) return true;
  }
  return false;
}

void addUnique(std::vector<ExprPtr>& list, const ExprPtr& e) {
  if (!containsExpr(list, e)) list.push_back(e);
}

/// ROLLUP(a, b) → (a, b), (a), (); CUBE(a, b) → every subset.
std::vector<std::vector<ExprPtr>> rollupSets(const std::vector<std::vector<ExprPtr>>& args) {
  std::vector<std::vector<ExprPtr>> out;
  for (size_t n = args.size() + 1; n-- > 0;) {
    std::vector<ExprPtr> set;
    for (size_t i = 0; i < n; ++i) set.insert(set.end(), args[i].begin(), args[i].end());
    out.push_back(set);
  }
  return out;
}

std::vector<std::vector<ExprPtr>> cubeSets(const std::vector<std::vector<ExprPtr>>& args) {
  if (args.size() > 12) unsupported("CUBE over more than 12 expressions");
  std::vector<std::vector<ExprPtr>> out;
  for (size_t mask = (size_t{1} << args.size()); mask-- > 0;) {
    std::vector<ExprPtr> set;
    for (size_t i = 0; i < args.size(); ++i) {
      if (mask & (size_t{1} << (args.size() - 1 - i))) set.insert(set.end(), args[i].begin(), args[i].end());
    }
    out.push_back(set);
  }
  return out;
}

std::string exprList(const std::vector<ExprPtr>& list) {
  std::string s;
  for (const auto& e : list) s += (s.empty() ? "" : ", ") + e->toString();
  return s;
}

/// The constant of grouping placeholder `x` in the set that nulls `nulled`.
ExprPtr groupingValue(const ExprPtr& x, const std::vector<GroupingCall>& calls, const std::vector<ExprPtr>& all,
                      const std::vector<ExprPtr>& nulled) {
  for (const auto& c : calls) {
    if (c.placeholder->attributeId() != x->attributeId()) continue;
    if (!c.id) return Expr::literal(Value::byte(containsExpr(nulled, c.args[0]) ? 1 : 0));
    int64_t bits = 0;
    for (const auto& g : all) bits = (bits << 1) | (containsExpr(nulled, g) ? 1 : 0);
    return Expr::literal(Value::longValue(bits));
  }
  return nullptr;
}

/// `e` with grouping expressions outside the current set replaced by typed
/// NULLs and grouping placeholders by their constants; aggregate calls keep
/// their inputs.
ExprPtr nullOutside(const ExprPtr& e, const std::vector<ExprPtr>& nulled, const std::vector<GroupingCall>& calls = {},
                    const std::vector<ExprPtr>& all = {}) {
  if (e->kind() == ExprKind::AggregateFunction) return e;
  if (e->kind() == ExprKind::Attribute && !calls.empty()) {
    if (auto v = groupingValue(e, calls, all, nulled)) return v;
  }
  for (const auto& g : nulled) {
    if (exprEquals(g, e)) return Expr::literal(Value::null(g->type()));
  }
  if (e->children().empty()) return e;
  std::vector<ExprPtr> children;
  for (const auto& c : e->children()) children.push_back(nullOutside(c, nulled, calls, all));
  return e->withChildren(std::move(children));
}

}  // namespace

ExprPtr extractGroupingCalls(const ExprPtr& e, std::vector<GroupingCall>& calls) {
  return transformExpr(e, [&](const ExprPtr& x) -> ExprPtr {
    if (x->kind() != ExprKind::UnresolvedFunction) return nullptr;
    std::string name = toLower(x->name());
    if (name != "grouping" && name != "grouping_id") return nullptr;
    bool id = name == "grouping_id";
    if (!id && x->children().size() != 1) {
      throw AnalysisException("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                              "The `grouping` requires 1 parameters but the actual number is " +
                                  std::to_string(x->children().size()) + ".");
    }
    GroupingCall call;
    call.placeholder = Expr::attribute(Expr::newAttributeId(), x->toString(), id ? LongType() : ByteType(), false);
    call.args = x->children();
    call.id = id;
    calls.push_back(call);
    return call.placeholder;
  });
}

void checkGroupingCalls(const std::vector<GroupingCall>& calls, const std::vector<ExprPtr>& all_groupings) {
  for (const auto& c : calls) {
    if (!c.id && !containsExpr(all_groupings, c.args[0])) {
      throw AnalysisException("GROUPING_COLUMN_MISMATCH", "Column of grouping (" + c.args[0]->toString() +
                                                              ") can't be found in grouping columns " +
                                                              exprList(all_groupings) + ".");
    }
    if (c.id && !c.args.empty()) {
      bool same = c.args.size() == all_groupings.size();
      for (size_t i = 0; same && i < c.args.size(); ++i) same = exprEquals(c.args[i], all_groupings[i]);
      if (!same) {
        throw AnalysisException("GROUPING_ID_COLUMN_MISMATCH", "Columns of grouping_id (" + exprList(c.args) +
                                                                   ") does not match grouping columns (" +
                                                                   exprList(all_groupings) + ").");
      }
    }
  }
}

std::vector<std::vector<ExprPtr>> expandGroupingSets(const sql::GroupBy& group_by,
                                                     const std::function<ExprPtr(const sql::Expr&)>& resolve,
                                                     std::vector<ExprPtr>& all_groupings) {
  std::vector<ExprPtr> plain;
  std::vector<std::vector<std::vector<ExprPtr>>> factors;  // one list of sets per item
  for (const auto& item : group_by.items) {
    if (item.kind == sql::GroupingKind::kExpr) {
      auto g = resolve(*item.expr);
      plain.push_back(g);
      addUnique(all_groupings, g);
      continue;
    }
    std::vector<std::vector<ExprPtr>> args;
    for (const auto& set : item.sets) {
      std::vector<ExprPtr> resolved;
      for (const auto& x : set) {
        resolved.push_back(resolve(*x));
        addUnique(all_groupings, resolved.back());
      }
      args.push_back(std::move(resolved));
    }
    switch (item.kind) {
      case sql::GroupingKind::kRollup: factors.push_back(rollupSets(args)); break;
      case sql::GroupingKind::kCube: factors.push_back(cubeSets(args)); break;
      default: factors.push_back(args); break;  // GROUPING SETS: each entry is a set
    }
  }
  if (group_by.modifier != sql::GroupByModifier::kNone) {
    // `GROUP BY a, b WITH ROLLUP` is ROLLUP(a, b).
    std::vector<std::vector<ExprPtr>> args;
    for (const auto& g : plain) args.push_back({g});
    factors.push_back(group_by.modifier == sql::GroupByModifier::kWithRollup ? rollupSets(args) : cubeSets(args));
    plain.clear();
  }
  if (factors.empty()) return {};
  std::vector<std::vector<ExprPtr>> sets{plain};
  for (const auto& f : factors) {
    std::vector<std::vector<ExprPtr>> next;
    for (const auto& base : sets) {
      for (const auto& s : f) {
        auto combined = base;
        for (const auto& x : s) addUnique(combined, x);
        next.push_back(std::move(combined));
      }
    }
    sets = std::move(next);
  }
  return sets;
}

LogicalPlanPtr bindGroupingSets(const LogicalPlanPtr& child, const std::vector<std::vector<ExprPtr>>& sets,
                                const std::vector<ExprPtr>& all_groupings, const std::vector<ExprPtr>& named,
                                const ExprPtr& having, bool ansi, const std::vector<GroupingCall>& calls) {
  LogicalPlanPtr result;
  for (const auto& set : sets) {
    std::vector<ExprPtr> nulled;
    for (const auto& g : all_groupings) {
      if (!containsExpr(set, g)) nulled.push_back(g);
    }
    std::vector<ExprPtr> outputs;
    for (const auto& n : named) {
      outputs.push_back(Expr::alias(nullOutside(bodyOf(n), nulled, calls, all_groupings), n->name()));
    }
    const size_t keep = outputs.size();
    ExprPtr cond;
    if (having) {
      // Select-list aliases in HAVING refer to `named`; map them to this
      // branch's outputs by position.
      ExprPtr h = transformExpr(having, [&](const ExprPtr& x) -> ExprPtr {
        if (x->kind() != ExprKind::Attribute) return nullptr;
        for (size_t i = 0; i < named.size(); ++i) {
          if (named[i]->kind() == ExprKind::Alias && toAttribute(named[i])->attributeId() == x->attributeId()) {
            return bodyOf(outputs[i]);
          }
        }
        return nullptr;
      });
      cond = rewriteOverAggregate(nullOutside(h, nulled, calls, all_groupings), set, outputs);
      requireBoolean(cond, "having");
    }
    LogicalPlanPtr branch = LogicalPlan::aggregate(child, set, outputs);
    if (cond) branch = LogicalPlan::filter(branch, cond);
    if (branch->output().size() > keep) {
      branch = LogicalPlan::project(branch, std::vector<ExprPtr>(branch->output().begin(), branch->output().begin() + keep));
    }
    result = result ? widenedSetOperation(PlanKind::Union, result, branch, true, ansi) : branch;
  }
  return result;
}

}  // namespace loch::binder
