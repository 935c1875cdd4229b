#include "loch/expr/physical_expr.h"

#include <set>

#include "loch/common/exception.h"
#include "loch/common/format.h"
#include "loch/expr/physical/basic_exprs.h"
#include "loch/expr/physical/lazy_exprs.h"
#include "loch/function/operators/cast.h"
#include "loch/function/scalar_function.h"

namespace loch {

namespace {

constexpr size_t kMaxBranches = 200;

bool isFloatingResult(const ExprPtr& e) { return e->type() && e->type()->isFloating(); }

/// Whether evaluating `e` can raise an error for some row (ANSI arithmetic,
/// casts that can fail, unknown functions). Children of lazy expressions
/// that cannot raise are evaluated eagerly on whole batches.
bool mayRaise(const ExprPtr& e) {
  static const std::set<std::string> safe = {
      "=",      "==",       "<>",         "!=",        "<",     "<=",    ">",          ">=",         "<=>",
      "equal_null", "and",  "or",         "not",       "isnull", "isnotnull", "in",     "if",         "coalesce",
      "nvl",    "ifnull",   "nvl2",       "nullif",    "isnan", "nanvl", "&",          "|",          "^",
      "~",      "shiftleft", "shiftright", "shiftrightunsigned", "like", "ilike", "rlike", "regexp",  "regexp_like",
      "positive"};
  switch (e->kind()) {
    case ExprKind::Literal:
    case ExprKind::Attribute:
      return false;
    case ExprKind::Alias:
      return mayRaise(e->child(0));
    case ExprKind::Cast:
      return castMayFail(*e->child(0)->type(), *e->type()) || mayRaise(e->child(0));
    case ExprKind::CaseWhen:
      for (const auto& c : e->children())
        if (mayRaise(c)) return true;
      return false;
    case ExprKind::ScalarFunction: {
      if (!e->scalarFunction()) return true;
      std::string name = toLower(e->scalarFunction()->name);
      bool ok = safe.count(name) > 0 || ((name == "+" || name == "-" || name == "*") && isFloatingResult(e));
      if (!ok) return true;
      for (const auto& c : e->children())
        if (mayRaise(c)) return true;
      return false;
    }
    default:
      return true;
  }
}

bool anyMayRaise(const std::vector<ExprPtr>& es, size_t from = 0) {
  for (size_t i = from; i < es.size(); ++i)
    if (mayRaise(es[i])) return true;
  return false;
}

PhysicalExprPtr compile(const ExprPtr& e, const std::vector<int64_t>& ids);

/// `child` compiled, cast to `type` when its type differs (defensive: the
/// binder normally inserted the casts already).
PhysicalExprPtr compileAs(const ExprPtr& e, const DataTypePtr& type, const std::vector<int64_t>& ids) {
  PhysicalExprPtr p = compile(e, ids);
  if (!type || !p->type() || p->type()->equals(*type)) return p;
  return std::make_shared<CastExpr>(std::move(p), type, false);
}

PhysicalExprPtr compileFunction(const ExprPtr& e, const std::vector<int64_t>& ids) {
  const auto& fn = e->scalarFunction();
  if (!fn) throw InternalException("scalar function without implementation: " + e->toString());
  std::string name = toLower(fn->name);
  const auto& ch = e->children();
  auto arg = [&](size_t i) {
    return compileAs(ch[i], i < fn->arg_types.size() ? fn->arg_types[i] : nullptr, ids);
  };
  if ((name == "and" || name == "or") && ch.size() == 2) {
    return std::make_shared<AndOrExpr>(name == "and", arg(0), arg(1), !mayRaise(ch[1]));
  }
  if (name == "if" && ch.size() == 3) {
    return std::make_shared<CaseWhenExpr>(fn->return_type, std::vector<PhysicalExprPtr>{arg(0)},
                                          std::vector<PhysicalExprPtr>{arg(1)}, arg(2), "IF", !anyMayRaise(ch, 1));
  }
  if ((name == "coalesce" || name == "nvl" || name == "ifnull") && !ch.empty()) {
    std::vector<PhysicalExprPtr> args;
    for (size_t i = 0; i < ch.size(); ++i) args.push_back(arg(i));
    // selectRows addresses at most 254 sources: nest long argument lists.
    while (args.size() > kMaxBranches) {
      std::vector<PhysicalExprPtr> tail(args.end() - static_cast<long>(kMaxBranches), args.end());
      args.resize(args.size() - kMaxBranches);
      args.push_back(std::make_shared<CoalesceExpr>(fn->return_type, std::move(tail), !anyMayRaise(ch, 1)));
    }
    return std::make_shared<CoalesceExpr>(fn->return_type, std::move(args), !anyMayRaise(ch, 1));
  }
  std::vector<PhysicalExprPtr> args;
  for (size_t i = 0; i < ch.size(); ++i) args.push_back(arg(i));
  return std::make_shared<ScalarFunctionExpr>(fn, std::move(args));
}

PhysicalExprPtr compileCaseWhen(const ExprPtr& e, const std::vector<int64_t>& ids) {
  if (!e->type()) throw InternalException("unresolved CASE expression");
  const auto& ch = e->children();
  if (ch.size() / 2 > kMaxBranches - 1) {
    // CASE WHEN c1 .. WHEN ck ELSE (CASE WHEN ck+1 ... END) END: selectRows
    // addresses at most 254 branch results.
    size_t head = 2 * (kMaxBranches - 1);
    std::vector<ExprPtr> outer(ch.begin(), ch.begin() + static_cast<long>(head));
    std::vector<ExprPtr> inner(ch.begin() + static_cast<long>(head), ch.end());
    outer.push_back(Expr::caseWhen(std::move(inner))->withType(e->type(), e->nullable()));
    return compileCaseWhen(Expr::caseWhen(std::move(outer))->withType(e->type(), e->nullable()), ids);
  }
  std::vector<PhysicalExprPtr> conds, values;
  size_t pairs = ch.size() / 2;
  for (size_t k = 0; k < pairs; ++k) {
    conds.push_back(compileAs(ch[2 * k], BooleanType(), ids));
    values.push_back(compileAs(ch[2 * k + 1], e->type(), ids));
  }
  PhysicalExprPtr otherwise = ch.size() % 2 ? compileAs(ch.back(), e->type(), ids) : nullptr;
  // The first condition always runs on every row; the rest may be skipped.
  bool eager = !anyMayRaise(ch, 1);
  return std::make_shared<CaseWhenExpr>(e->type(), std::move(conds), std::move(values), std::move(otherwise), "CASE",
                                        eager);
}

PhysicalExprPtr compile(const ExprPtr& e, const std::vector<int64_t>& ids) {
  switch (e->kind()) {
    case ExprKind::Literal: {
      Value v = e->literal();
      if (v.isNull() && e->type() && !v.type()->equals(*e->type())) v = Value::null(e->type());
      return std::make_shared<LiteralExpr>(std::move(v));
    }
    case ExprKind::Attribute:
      for (size_t i = 0; i < ids.size(); ++i) {
        if (ids[i] == e->attributeId()) return std::make_shared<ColumnExpr>(static_cast<int>(i), e->type(), e->name());
      }
      throw InternalException("attribute " + e->name() + "#" + std::to_string(e->attributeId()) +
                              " is not in the input");
    case ExprKind::Alias:
      return compile(e->child(0), ids);
    case ExprKind::Cast: {
      PhysicalExprPtr c = compile(e->child(0), ids);
      if (c->type() && c->type()->equals(*e->type())) return c;
      return std::make_shared<CastExpr>(std::move(c), e->type(), e->isTry());
    }
    case ExprKind::CaseWhen:
      return compileCaseWhen(e, ids);
    case ExprKind::ScalarFunction:
      return compileFunction(e, ids);
    default:
      throw InternalException("cannot evaluate expression " + e->toString() + " (not resolved or not scalar)");
  }
}

}  // namespace

PhysicalExprPtr compileExpr(const ExprPtr& e, const std::vector<int64_t>& input_attribute_ids) {
  if (!e) throw InternalException("compileExpr of a null expression");
  return compile(e, input_attribute_ids);
}

Value evaluateConstant(const ExprPtr& e, EvalContext& ctx) {
  PhysicalExprPtr p = compileExpr(e, {});
  RecordBatch one(StructType({}), {}, 1);
  VectorPtr v = p->evaluate(one, ctx);
  Value out = v->getValue(0);
  if (out.isNull() && e->type() && !out.type()->equals(*e->type())) return Value::null(e->type());
  return out;
}

}  // namespace loch
