#include "loch/binder/lambda_binder.h"

#include <optional>

#include "loch/binder/binder_util.h"
#include "loch/binder/nested_access.h"
#include "loch/common/format.h"
#include "loch/function/higher_order_functions.h"

namespace loch::binder {

namespace {

// Not a character of any SQL identifier, so no user alias starts with it.
constexpr const char* kMarker = "\x01lambda:";

std::vector<std::string> paramsOf(const ExprPtr& marker) {
  std::vector<std::string> out;
  std::string rest = marker->name().substr(std::string(kMarker).size());
  size_t at = 0;
  while (at <= rest.size()) {
    size_t comma = rest.find(',', at);
    if (comma == std::string::npos) comma = rest.size();
    out.push_back(rest.substr(at, comma - at));
    at = comma + 1;
  }
  return out;
}

std::string lambdaSql(const ExprPtr& marker, const ExprPtr& body) {
  auto params = paramsOf(marker);
  return "lambdafunction(" + body->toString() + ", " + join(params, ", ") + ")";
}

/// Spark's rendering of a higher-order call, lambdas as lambdafunction(..).
std::string callSql(const ExprPtr& f) {
  std::vector<std::string> args;
  for (const auto& a : f->children()) {
    args.push_back(isLambda(a) ? lambdaSql(a, a->child(0)) : a->toString());
  }
  return toLower(f->name()) + "(" + join(args, ", ") + ")";
}

const char* ordinal(size_t i) {
  static const char* names[] = {"first", "second", "third", "fourth"};
  return i < 4 ? names[i] : "next";
}

[[noreturn]] void typeMismatch(const std::string& call, size_t param, const std::string& required,
                               const std::string& sql, const DataTypePtr& type) {
  throw AnalysisException("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                          "Cannot resolve \"" + call + "\" due to data type mismatch: The " + ordinal(param) +
                              " parameter requires the " + required + " type, however \"" + sql +
                              "\" has the type \"" + toUpper(type->sql()) + "\".");
}

struct Param {
  DataTypePtr type;
  bool nullable;
};

/// Resolves lambda `marker` whose parameters (at least `required`, at most
/// params.size()) have the given types; adds the outer attributes its body
/// reads to `captured`.
BoundLambda bindLambda(const ExprPtr& marker, const std::vector<Param>& params, size_t required,
                       const ExpressionResolver& r, std::vector<ExprPtr>& captured) {
  auto names = paramsOf(marker);
  if (names.size() < required || names.size() > params.size()) {
    throw AnalysisException("INVALID_LAMBDA_FUNCTION_CALL.NUM_ARGS_MISMATCH",
                            "Invalid lambda function call. A higher order function expects " +
                                std::to_string(required == params.size() ? required : params.size()) +
                                " arguments, but got " + std::to_string(names.size()) + ".");
  }
  for (size_t i = 0; i < names.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (equalsIgnoreCase(names[i], names[j])) {
        throw AnalysisException("INVALID_LAMBDA_FUNCTION_CALL.DUPLICATE_ARG_NAMES",
                                "Invalid lambda function call. The lambda function has duplicate arguments " +
                                    quoteIdentifier(names[i]) + ". Please, consider to rename the argument names "
                                    "or set \"spark.sql.caseSensitive\" to \"true\".");
      }
    }
  }
  BoundLambda out;
  std::vector<ExprPtr> scope;
  for (size_t i = 0; i < names.size(); ++i) {
    auto a = Expr::attribute(Expr::newAttributeId(), names[i], params[i].type, params[i].nullable);
    out.param_ids.push_back(a->attributeId());
    scope.push_back(a);
  }
  for (const auto& a : r.input()) {
    bool shadowed = false;
    for (const auto& n : names) shadowed = shadowed || equalsIgnoreCase(a->name(), n);
    if (!shadowed) scope.push_back(a);
  }
  ExpressionResolver inner(scope, r.options());
  out.body = inner.resolve(bindLambdas(marker->child(0), inner));
  if (containsAggregate(out.body) || containsWindow(out.body)) {
    unsupported("aggregate or window functions inside a lambda function");
  }
  visitExpr(out.body, [&](const ExprPtr& x) {
    if (x->kind() != ExprKind::Attribute) return;
    for (int64_t id : out.param_ids) {
      if (id == x->attributeId()) return;
    }
    if (!hasId(captured, x->attributeId())) captured.push_back(x);
  });
  return out;
}

ExprPtr bindHigherOrder(const ExprPtr& f, const ExpressionResolver& r) {
  const std::string name = toLower(f->name());
  HigherOrderKind kind;
  if (name == "transform") {
    kind = HigherOrderKind::Transform;
  } else if (name == "filter") {
    kind = HigherOrderKind::Filter;
  } else if (name == "exists") {
    kind = HigherOrderKind::Exists;
  } else if (name == "forall") {
    kind = HigherOrderKind::Forall;
  } else if (name == "aggregate" || name == "reduce") {
    kind = HigherOrderKind::Aggregate;
  } else {
    unsupported("lambda functions as arguments of " + quoteIdentifier(name));
  }
  const auto& args = f->children();
  bool agg = kind == HigherOrderKind::Aggregate;
  size_t lambda_at = agg ? 2 : 1;
  if (agg ? (args.size() < 3 || args.size() > 4) : args.size() != 2) {
    throw AnalysisException("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                            "The " + quoteIdentifier(name) + " requires " + (agg ? "[3, 4]" : "2") +
                                " parameters but the actual number is " + std::to_string(args.size()) + ".");
  }
  for (size_t i = 0; i < args.size(); ++i) {
    if (isLambda(args[i]) != (i >= lambda_at)) {
      throw AnalysisException("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                              "Cannot resolve " + quoteIdentifier(name) + ": the " + ordinal(i) + " parameter " +
                                  (i >= lambda_at ? "must be a lambda function." : "cannot be a lambda function."));
    }
  }
  const std::string call = callSql(f);
  ExprPtr arr = r.resolve(bindLambdas(args[0], r));
  // A NULL literal is an array of NULLs (Spark's implicit cast).
  if (arr->type()->id() == TypeId::Null) arr = castIfNeeded(arr, ArrayType(NullType()));
  if (arr->type()->id() != TypeId::Array) typeMismatch(call, 0, "\"ARRAY\"", arr->toString(), arr->type());
  Param elem{arr->type()->elementType(), arr->type()->containsNull()};
  std::vector<ExprPtr> captured;
  std::vector<ExprPtr> kernel_args{arr};
  BoundLambda lambda;
  std::optional<BoundLambda> finish;
  // The bound name carries the lambdas (the array and captured columns are
  // the call's children): calls with different lambdas must not compare
  // equal.
  std::string display = name + "[";
  if (agg) {
    ExprPtr zero = r.resolve(bindLambdas(args[1], r));
    kernel_args.push_back(zero);
    lambda = bindLambda(args[2], {{zero->type(), true}, elem}, 2, r, captured);
    if (!lambda.body->type()->equals(*zero->type())) {
      typeMismatch(call, 2, "\"" + toUpper(zero->type()->sql()) + "\"", lambdaSql(args[2], lambda.body),
                   lambda.body->type());
    }
    display += lambdaSql(args[2], lambda.body);
    if (args.size() == 4) {
      finish = bindLambda(args[3], {{zero->type(), true}}, 1, r, captured);
      display += ", " + lambdaSql(args[3], finish->body);
    }
  } else {
    bool with_index = kind == HigherOrderKind::Transform || kind == HigherOrderKind::Filter;
    std::vector<Param> params{elem};
    if (with_index) params.push_back({IntegerType(), false});
    lambda = bindLambda(args[1], params, 1, r, captured);
    if (kind != HigherOrderKind::Transform && lambda.body->type()->id() != TypeId::Boolean &&
        lambda.body->type()->id() != TypeId::Null) {
      typeMismatch(call, 1, "\"BOOLEAN\"", lambdaSql(args[1], lambda.body), lambda.body->type());
    }
    display += lambdaSql(args[1], lambda.body);
  }
  display += "]";
  std::vector<int64_t> captured_ids;
  for (const auto& c : captured) {
    captured_ids.push_back(c->attributeId());
    kernel_args.push_back(c);
  }
  auto bound = std::make_shared<BoundScalarFunction>(
      bindHigherOrderFunction(kind, display, arr->type(), lambda, finish, captured_ids));
  for (const auto& a : kernel_args) bound->arg_types.push_back(a->type());
  DataTypePtr ret = bound->return_type;
  return Expr::function(name, std::move(kernel_args))->withScalarFunction(std::move(bound))->withType(ret, true);
}

}  // namespace

bool isLambda(const ExprPtr& e) { return e->kind() == ExprKind::Alias && e->name().rfind(kMarker, 0) == 0; }

ExprPtr lambdaMarker(ExprPtr body, const std::vector<std::string>& params) {
  return Expr::alias(std::move(body), kMarker + join(params, ","));
}

ExprPtr bindLambdas(const ExprPtr& e, const ExpressionResolver& r) {
  if (isNestedAccess(e)) return bindNestedAccess(e, r, [&](const ExprPtr& c) { return bindLambdas(c, r); });
  if (isLambda(e)) unsupported("a lambda function outside transform, filter, exists, forall and aggregate");
  if (e->kind() == ExprKind::UnresolvedFunction) {
    for (const auto& c : e->children()) {
      if (isLambda(c)) return bindHigherOrder(e, r);
    }
  }
  bool changed = false;
  std::vector<ExprPtr> children;
  for (const auto& c : e->children()) {
    children.push_back(bindLambdas(c, r));
    changed = changed || children.back() != c;
  }
  return changed ? e->withChildren(std::move(children)) : e;
}

std::vector<ExprPtr> LambdaResolver::resolveNamedList(const std::vector<ExprPtr>& exprs) const {
  // As ExpressionResolver::resolveNamedList, naming items after the
  // expression as written (`s.f` is called f).
  std::vector<ExprPtr> out;
  for (const auto& e : exprs) {
    if (e->kind() == ExprKind::Star) {
      auto expanded = r_.expandStar(e);
      out.insert(out.end(), expanded.begin(), expanded.end());
    } else {
      out.push_back(ensureNamedAs(resolve(e), e));
    }
  }
  return out;
}

}  // namespace loch::binder
