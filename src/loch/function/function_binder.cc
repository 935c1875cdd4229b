#include "loch/function/function_binder.h"

#include <set>

#include "loch/common/exception.h"
#include "loch/common/format.h"
#include "loch/function/function_registry.h"
#include "loch/function/operators/cast.h"
#include "loch/function/type_coercion.h"
#include "loch/types/schema.h"

namespace loch {

namespace {

const std::set<std::string>& binaryOperators() {
  static const std::set<std::string> ops = {"+", "-",  "*",  "/",  "%",   "=",   "==", "<>", "!=", "<",  "<=",
                                            ">", ">=", "<=>", "&", "|",   "^",   "div", "and", "or", "||"};
  return ops;
}

std::string argSql(const ExprPtr& e) { return e->toString(); }

/// Result nullability for functions whose NULL handling is not "NULL in,
/// NULL out" (Spark's nullable of IsNull, Coalesce, EqualNullSafe, ...).
bool resultNullable(const std::string& name, const std::vector<ExprPtr>& args, bool introduces_nulls) {
  std::string n = toLower(name);
  if (n == "isnull" || n == "isnotnull" || n == "<=>" || n == "isnan" || n == "equal_null") return false;
  if (n == "coalesce" || n == "nvl" || n == "ifnull") {
    for (const auto& a : args)
      if (!a->nullable()) return introduces_nulls;
    return true;
  }
  if (n == "nullif" || n == "assert_true") return true;
  for (const auto& a : args)
    if (a->nullable()) return true;
  return introduces_nulls;
}

[[noreturn]] void throwUnresolvedRoutine(const std::string& name, const FunctionRegistry& reg) {
  std::string msg = "Cannot resolve routine " + quoteIdentifier(name) +
                    " on search path [`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`].";
  auto close = suggestNames(toLower(name), reg.names(), 3);
  if (!close.empty()) {
    std::vector<std::string> quoted;
    for (const auto& c : close) quoted.push_back(quoteIdentifier(c));
    msg += " Did you mean " + join(quoted, ", ") + "?";
  }
  throw AnalysisException("UNRESOLVED_ROUTINE", msg);
}

}  // namespace

ExprPtr castTo(const ExprPtr& expr, const DataTypePtr& to) {
  if (expr->type() && expr->type()->equals(*to)) return expr;
  if (expr->kind() == ExprKind::Literal && expr->literal().isNull()) {
    return Expr::literal(Value::null(to))->withType(to, true);
  }
  bool nullable = expr->nullable() || castMayFail(*expr->type(), *to);
  return Expr::cast(expr, to)->withType(to, nullable);
}

ExprPtr bindFunctionCall(const std::string& name, std::vector<ExprPtr> resolved_args, bool distinct,
                         const FunctionBindOptions& options) {
  const FunctionRegistry& reg = FunctionRegistry::builtin();
  if (const AggregateBinder* agg = reg.findAggregate(name)) {
    AggregateBindInput input;
    input.args = resolved_args;
    input.distinct = distinct;
    input.ignore_nulls = options.ignore_nulls;
    input.ansi = options.ansi;
    auto bound = std::make_shared<BoundAggregateFunction>((*agg)(input));
    std::vector<ExprPtr> args;
    for (size_t i = 0; i < resolved_args.size(); ++i) {
      args.push_back(i < bound->arg_types.size() ? castTo(resolved_args[i], bound->arg_types[i]) : resolved_args[i]);
    }
    DataTypePtr ret = bound->return_type;
    bool nullable = bound->nullable;
    return Expr::function(toLower(name), std::move(args), distinct)
        ->withAggregateFunction(std::move(bound))
        ->withType(ret, nullable);
  }
  const ScalarBinder* scalar = reg.findScalar(name);
  if (!scalar) throwUnresolvedRoutine(name, reg);
  if (distinct) {
    throw AnalysisException("INVALID_SQL_SYNTAX.FUNCTION_WITH_UNSUPPORTED_SYNTAX",
                            "Invalid SQL syntax: The function " + quoteIdentifier(toLower(name)) +
                                " does not support DISTINCT.");
  }
  ScalarBindInput input;
  input.args = resolved_args;
  input.ansi = options.ansi;
  auto bound = std::make_shared<BoundScalarFunction>((*scalar)(input));
  std::vector<ExprPtr> args;
  for (size_t i = 0; i < resolved_args.size(); ++i) {
    args.push_back(i < bound->arg_types.size() && bound->arg_types[i]
                       ? castTo(resolved_args[i], bound->arg_types[i])
                       : resolved_args[i]);
  }
  DataTypePtr ret = bound->return_type;
  bool nullable = resultNullable(name, args, bound->introduces_nulls);
  return Expr::function(toLower(name), std::move(args))->withScalarFunction(std::move(bound))->withType(ret, nullable);
}

ExprPtr bindCaseWhen(std::vector<ExprPtr> children, const FunctionBindOptions& options) {
  size_t pairs = children.size() / 2;
  bool has_else = children.size() % 2 == 1;
  if (pairs == 0) throwWrongNumArgs("casewhen", "> 1", children.size());
  std::vector<DataTypePtr> value_types;
  std::vector<ExprPtr> values;
  for (size_t k = 0; k < pairs; ++k) values.push_back(children[2 * k + 1]);
  if (has_else) values.push_back(children.back());
  for (const auto& v : values) value_types.push_back(v->type());
  auto common = findWiderCommonType(value_types, options.ansi);
  if (!common) throwDataDiffTypes("casewhen", values);
  bool nullable = !has_else;
  std::vector<ExprPtr> out;
  for (size_t k = 0; k < pairs; ++k) {
    const ExprPtr& c = children[2 * k];
    TypeId ct = c->type()->id();
    if (ct != TypeId::Boolean && ct != TypeId::Null) {
      throw AnalysisException("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                              "Cannot resolve \"CASE WHEN ...\" due to data type mismatch: The " +
                                  ordinalNumber(2 * k + 1) + " parameter requires the \"BOOLEAN\" type, however \"" +
                                  c->toString() + "\" has the type \"" + c->type()->sql() + "\".");
    }
    out.push_back(castTo(c, BooleanType()));
    out.push_back(castTo(children[2 * k + 1], *common));
    nullable = nullable || children[2 * k + 1]->nullable();
  }
  if (has_else) {
    out.push_back(castTo(children.back(), *common));
    nullable = nullable || children.back()->nullable();
  }
  return Expr::caseWhen(std::move(out))->withType(*common, nullable);
}

std::string callSql(const std::string& name, const std::vector<ExprPtr>& args) {
  std::string n = toLower(name);
  if (args.size() == 2 && binaryOperators().count(n)) {
    std::string op = (n == "and" || n == "or" || n == "div") ? toUpper(n) : n;
    return "(" + argSql(args[0]) + " " + op + " " + argSql(args[1]) + ")";
  }
  if (args.size() == 1 && n == "not") return "(NOT " + argSql(args[0]) + ")";
  if (args.size() == 1 && (n == "-" || n == "+" || n == "~")) return "(" + n + " " + argSql(args[0]) + ")";
  std::vector<std::string> parts;
  for (const auto& a : args) parts.push_back(argSql(a));
  return n + "(" + join(parts, ", ") + ")";
}

void throwWrongNumArgs(const std::string& name, const std::string& expected, size_t actual) {
  throw AnalysisException("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                          "The " + quoteIdentifier(toLower(name)) + " requires " + expected +
                              " parameters but the actual number is " + std::to_string(actual) +
                              ". Please, refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html' "
                              "for a fix.");
}

void checkArgCount(const std::string& name, const std::vector<ExprPtr>& args, int min, int max) {
  int n = static_cast<int>(args.size());
  if (n >= min && (max < 0 || n <= max)) return;
  std::string expected;
  if (max < 0) expected = "> " + std::to_string(min - 1);
  else if (min == max) expected = std::to_string(min);
  else expected = "[" + std::to_string(min) + ", " + std::to_string(max) + "]";
  throwWrongNumArgs(name, expected, args.size());
}

std::string ordinalNumber(size_t n) {
  static const char* names[] = {"first", "second", "third", "fourth", "fifth",
                                "sixth", "seventh", "eighth", "ninth", "tenth"};
  if (n >= 1 && n <= 10) return names[n - 1];
  return std::to_string(n) + "th";
}

void throwUnexpectedInputType(const std::string& name, const std::vector<ExprPtr>& args, size_t index,
                              const std::string& required) {
  std::string req = required.empty() || required[0] == '(' || required[0] == '"' ? required : "\"" + required + "\"";
  throw AnalysisException("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                          "Cannot resolve \"" + callSql(name, args) + "\" due to data type mismatch: The " +
                              ordinalNumber(index + 1) + " parameter requires the " + req +
                              " type, however \"" + argSql(args[index]) + "\" has the type \"" +
                              args[index]->type()->sql() + "\".");
}

void throwBinaryOpDiffTypes(const std::string& name, const std::vector<ExprPtr>& args) {
  throw AnalysisException("DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES",
                          "Cannot resolve \"" + callSql(name, args) +
                              "\" due to data type mismatch: the left and right operands of the binary operator "
                              "have incompatible types (\"" +
                              args[0]->type()->sql() + "\" and \"" + args[1]->type()->sql() + "\").");
}

void throwDataDiffTypes(const std::string& name, const std::vector<ExprPtr>& args) {
  std::vector<std::string> types;
  for (const auto& a : args) types.push_back("\"" + a->type()->sql() + "\"");
  throw AnalysisException("DATATYPE_MISMATCH.DATA_DIFF_TYPES",
                          "Cannot resolve \"" + callSql(name, args) + "\" due to data type mismatch: Input to " +
                              quoteIdentifier(toLower(name)) + " should all be the same type, but it's [" +
                              join(types, ", ") + "].");
}

}  // namespace loch
