#include "loch/plan/analyzer.h"

#include "loch/common/exception.h"
#include "loch/common/format.h"
#include "loch/function/function_binder.h"
#include "loch/function/window/window_function.h"
#include "loch/function/type_coercion.h"
#include "loch/plan/logical_plan.h"
#include "loch/types/schema.h"

namespace loch {

namespace {

bool nameMatches(const std::string& a, const std::string& b, bool case_sensitive) {
  return case_sensitive ? a == b : equalsIgnoreCase(a, b);
}

std::string attributeSql(const ExprPtr& a) {
  return a->qualifier().empty() ? quoteIdentifier(a->name())
                                : quoteIdentifier(a->qualifier()) + "." + quoteIdentifier(a->name());
}

}  // namespace

ExprPtr castIfNeeded(const ExprPtr& e, const DataTypePtr& to) { return castTo(e, to); }

ExprPtr ensureNamedAs(const ExprPtr& resolved, const ExprPtr& original) {
  if (resolved->kind() == ExprKind::Attribute || resolved->kind() == ExprKind::Alias) return resolved;
  return Expr::alias(resolved, original->outputName());
}

ExprPtr ensureNamed(const ExprPtr& e) {
  if (e->kind() == ExprKind::Attribute || e->kind() == ExprKind::Alias) return e;
  return Expr::alias(e, e->outputName());
}

void ExpressionResolver::throwUnresolved(const std::vector<std::string>& parts) const {
  std::vector<std::string> candidates;
  for (const auto& a : input_) candidates.push_back(attributeSql(a));
  std::string name;
  for (size_t i = 0; i < parts.size(); ++i) name += (i ? "." : "") + quoteIdentifier(parts[i]);
  auto suggestions = suggestNames(name, candidates, 5);
  throw AnalysisException("UNRESOLVED_COLUMN.WITH_SUGGESTION",
                          "A column, variable, or function parameter with name " + name +
                              " cannot be resolved. Did you mean one of the following? [" +
                              join(suggestions, ", ") + "].");
}

ExprPtr ExpressionResolver::resolveColumn(const std::vector<std::string>& parts) const {
  bool cs = options_.case_sensitive;
  std::vector<ExprPtr> matches;
  if (parts.size() == 1) {
    for (const auto& a : input_) {
      if (nameMatches(a->name(), parts[0], cs)) matches.push_back(a);
    }
  } else if (parts.size() == 2) {
    for (const auto& a : input_) {
      if (nameMatches(a->qualifier(), parts[0], cs) && nameMatches(a->name(), parts[1], cs)) {
        matches.push_back(a);
      }
    }
  }
  if (matches.size() > 1) {
    // The same attribute reachable twice (e.g. through USING) is not ambiguous.
    bool same = true;
    for (const auto& m : matches) same = same && m->attributeId() == matches[0]->attributeId();
    if (!same) {
      std::vector<std::string> names;
      for (const auto& m : matches) names.push_back(attributeSql(m));
      throw AnalysisException("AMBIGUOUS_REFERENCE", "Reference " + quoteIdentifier(join(parts, ".")) +
                                                         " is ambiguous, could be: [" + join(names, ", ") + "].");
    }
  }
  if (matches.empty()) throwUnresolved(parts);
  return matches[0];
}

std::vector<ExprPtr> ExpressionResolver::expandStar(const ExprPtr& star) const {
  const auto& q = star->nameParts();
  std::vector<ExprPtr> out;
  for (const auto& a : input_) {
    if (q.empty() || nameMatches(a->qualifier(), q.back(), options_.case_sensitive)) out.push_back(a);
  }
  if (out.empty() && !q.empty()) {
    throw AnalysisException("CANNOT_RESOLVE_STAR_EXPAND",
                            "Cannot resolve " + quoteIdentifier(join(q, ".")) +
                                ".* given input columns " + [&] {
                                  std::vector<std::string> n;
                                  for (const auto& a : input_) n.push_back(attributeSql(a));
                                  return "[" + join(n, ", ") + "]";
                                }() + ".");
  }
  return out;
}

ExprPtr ExpressionResolver::resolveCaseWhen(const ExprPtr& e, std::vector<ExprPtr> children) const {
  FunctionBindOptions opts;
  opts.ansi = options_.ansi;
  return bindCaseWhen(std::move(children), opts);
}

// lag/lead cast their default to the input's type when it widens into it
// (Spark's OffsetWindowFunction is ImplicitCastInputTypes): lead(c, 1, -1.0)
// on a double column takes the decimal literal as a double.
void ExpressionResolver::castOffsetDefault(const std::string& name, std::vector<ExprPtr>& args,
                                           std::vector<DataTypePtr>& types,
                                           std::vector<std::optional<Value>>& literals) const {
  if ((name != "lag" && name != "lead") || args.size() != 3) return;
  if (types[2]->id() == TypeId::Null || *types[2] == *types[0]) return;
  auto wider = findWiderTypeForTwo(types[2], types[0], options_.ansi);
  if (!wider || !(**wider == *types[0])) return;
  args[2] = castTo(args[2], types[0]);
  types[2] = types[0];
  literals[2] = std::nullopt;
}

ExprPtr ExpressionResolver::resolveWindow(const ExprPtr& e) const {
  WindowDefinition spec = *e->window();
  for (auto& p : spec.partition_by) p = resolve(p);
  for (auto& o : spec.order_by) {
    if (o->kind() != ExprKind::SortOrder) o = Expr::sortOrder(o, true, true);
    o = resolve(o);
  }
  const ExprPtr& call = e->child(0);
  ExprPtr fn;
  if (call->kind() == ExprKind::UnresolvedFunction) {
    std::vector<ExprPtr> args;
    std::vector<DataTypePtr> types;
    std::vector<std::optional<Value>> literals;
    for (const auto& a : call->children()) {
      args.push_back(resolve(a));
      types.push_back(args.back()->type());
      literals.push_back(args.back()->kind() == ExprKind::Literal ? std::optional<Value>(args.back()->literal())
                                                                   : std::nullopt);
    }
    castOffsetDefault(call->name(), args, types, literals);
    auto bound = bindWindowFunction(call->name(), types, literals, call->ignoreNulls());
    if (bound) {
      if (spec.order_by.empty() && call->name() != "first_value" && call->name() != "last_value" &&
          call->name() != "nth_value") {
        throw AnalysisException("WINDOW_FUNCTION_WITHOUT_ORDER_BY",
                                "Window function " + call->name() +
                                    "() requires an OVER clause with ORDER BY, e.g. `OVER (PARTITION BY ... ORDER BY "
                                    "...)`.");
      }
      auto shared = std::make_shared<const BoundWindowFunction>(std::move(*bound));
      fn = call->withChildren(std::move(args))->withWindowFunction(shared, shared->return_type, shared->nullable);
    }
  }
  if (!fn) fn = resolve(call);
  if (fn->kind() != ExprKind::AggregateFunction && fn->kind() != ExprKind::WindowFunction) {
    throw AnalysisException("UNSUPPORTED_EXPR_FOR_WINDOW",
                            "Expression \"" + fn->toString() +
                                "\" not supported within a window function: use an aggregate or a window "
                                "function (row_number, rank, lag, ...).");
  }
  if (!spec.frame) {
    // Spark's defaults: RANGE UNBOUNDED PRECEDING..CURRENT ROW with ORDER BY,
    // the whole partition without.
    WindowFrame frame;
    if (spec.order_by.empty()) {
      frame.type = WindowFrame::Type::Rows;
      frame.end = FrameBound{FrameBound::Kind::UnboundedFollowing, {}};
    }
    spec.frame = frame;
  }
  auto r = Expr::windowOf(fn, std::move(spec));
  return r->withType(fn->type(), fn->nullable());
}

ExprPtr ExpressionResolver::resolve(const ExprPtr& e) const {
  switch (e->kind()) {
    case ExprKind::Window:
      return resolveWindow(e);
    case ExprKind::Literal:
    case ExprKind::Attribute:
      return e;
    case ExprKind::UnresolvedColumn:
      return resolveColumn(e->nameParts());
    case ExprKind::Star:
      throw AnalysisException("INVALID_USAGE_OF_STAR_OR_REGEX",
                              "Invalid usage of '*' in expression: a star is only allowed in a select list or "
                              "as the argument of count.");
    default:
      break;
  }
  std::vector<ExprPtr> children;
  for (const auto& c : e->children()) children.push_back(resolve(c));
  switch (e->kind()) {
    case ExprKind::Alias: {
      auto r = e->withChildren(std::move(children));
      return r->withType(r->child(0)->type(), r->child(0)->nullable());
    }
    case ExprKind::UnresolvedFunction: {
      // Top-level generators become Generate nodes before resolution (the
      // binder and DataFrame.select); one reaching here is misplaced.
      if (generatorByName(e->name())) {
        throw AnalysisException("UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS",
                                "The generator is not supported: nested in expressions \"" + e->toString() +
                                    "\". A generator (" + toLower(e->name()) +
                                    ") may only be a whole item of a SELECT list or a LATERAL VIEW.");
      }
      FunctionBindOptions opts;
      opts.ansi = options_.ansi;
      opts.ignore_nulls = e->ignoreNulls();
      ExprPtr bound = bindFunctionCall(e->name(), std::move(children), e->distinct(), opts);
      if (e->filter()) {
        auto f = resolve(e->filter());
        if (f->type()->id() != TypeId::Boolean) {
          throw AnalysisException("INVALID_AGGREGATE_FILTER.NOT_BOOLEAN",
                                  "The FILTER expression " + f->toString() +
                                      " in an aggregate function is invalid. Expected a FILTER expression of "
                                      "the BOOLEAN type.");
        }
        bound = bound->withFilter(f);
      }
      return bound;
    }
    case ExprKind::Cast: {
      auto r = e->withChildren(std::move(children));
      return r->withType(e->type(), r->child(0)->nullable() || e->isTry() || !options_.ansi);
    }
    case ExprKind::CaseWhen:
      return resolveCaseWhen(e, std::move(children));
    case ExprKind::SortOrder: {
      auto r = e->withChildren(std::move(children));
      return r->withType(r->child(0)->type(), r->child(0)->nullable());
    }
    default:
      return e->withChildren(std::move(children));
  }
}

std::vector<ExprPtr> ExpressionResolver::resolveNamedList(const std::vector<ExprPtr>& exprs) const {
  std::vector<ExprPtr> out;
  for (const auto& e : exprs) {
    if (e->kind() == ExprKind::Star) {
      auto expanded = expandStar(e);
      out.insert(out.end(), expanded.begin(), expanded.end());
      continue;
    }
    out.push_back(ensureNamedAs(resolve(e), e));
  }
  return out;
}

namespace {

bool isGroupingExpr(const ExprPtr& e, const std::vector<ExprPtr>& groupings) {
  for (const auto& g : groupings) {
    if (exprEquals(e, g)) return true;
  }
  return false;
}

void checkNonAggregated(const ExprPtr& e, const std::vector<ExprPtr>& groupings, const ExprPtr& top) {
  if (e->kind() == ExprKind::AggregateFunction || e->kind() == ExprKind::Literal) return;
  if (isGroupingExpr(e, groupings)) return;
  if (e->kind() == ExprKind::Attribute) {
    std::string shown = top->kind() == ExprKind::Alias ? top->child(0)->toString() : top->toString();
    throw AnalysisException(
        "MISSING_AGGREGATION",
        "The non-aggregating expression \"" + shown +
            "\" is based on columns which are not participating in the GROUP BY clause. Add the columns or the "
            "expression to the GROUP BY, aggregate the expression, or use \"any_value(" + shown +
            ")\" if you do not care which of the values within a group is returned.");
  }
  for (const auto& c : e->children()) checkNonAggregated(c, groupings, top);
}

}  // namespace

void checkAggregateExpressions(const std::vector<ExprPtr>& groupings, const std::vector<ExprPtr>& outputs) {
  for (const auto& o : outputs) {
    const ExprPtr& body = o->kind() == ExprKind::Alias ? o->child(0) : o;
    checkNonAggregated(body, groupings, o);
  }
}

namespace {

bool sameExprs(const std::vector<ExprPtr>& a, const std::vector<ExprPtr>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!exprEquals(a[i], b[i])) return false;
  }
  return true;
}

}  // namespace

std::pair<LogicalPlanPtr, std::vector<ExprPtr>> extractWindows(const LogicalPlanPtr& child,
                                                               const std::vector<ExprPtr>& named) {
  struct Group {
    std::vector<ExprPtr> partition_by, order_by, exprs;
  };
  std::vector<Group> groups;
  std::vector<ExprPtr> rewritten;
  for (const auto& n : named) {
    rewritten.push_back(transformExpr(n, [&](const ExprPtr& x) -> ExprPtr {
      if (x->kind() != ExprKind::Window) return nullptr;
      const auto& spec = *x->window();
      Group* g = nullptr;
      for (auto& cand : groups) {
        if (sameExprs(cand.partition_by, spec.partition_by) && sameExprs(cand.order_by, spec.order_by)) g = &cand;
      }
      if (!g) {
        groups.push_back({spec.partition_by, spec.order_by, {}});
        g = &groups.back();
      }
      // A select item that is just a window keeps its alias and id.
      ExprPtr alias = (n->kind() == ExprKind::Alias && n->child(0) == x) ? n : Expr::alias(x, x->toString());
      g->exprs.push_back(alias);
      return toAttribute(alias);
    }));
  }
  LogicalPlanPtr plan = child;
  for (auto& g : groups) plan = LogicalPlan::window(plan, g.exprs, g.partition_by, g.order_by);
  // Items that were exactly a window now are its attribute; keep names.
  for (size_t i = 0; i < rewritten.size(); ++i) {
    const ExprPtr& r = rewritten[i];
    if (r->kind() == ExprKind::Alias && r->child(0)->kind() == ExprKind::Attribute &&
        r->child(0)->attributeId() == r->attributeId()) {
      rewritten[i] = r->child(0);
    } else if (r->kind() != ExprKind::Attribute && r->kind() != ExprKind::Alias) {
      rewritten[i] = Expr::alias(r, named[i]->outputName());
    }
  }
  return {plan, rewritten};
}

}  // namespace loch
