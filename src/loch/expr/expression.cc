#include "loch/expr/expression.h"

#include <atomic>

#include "loch/common/exception.h"
#include "loch/common/format.h"
#include "loch/function/aggregate_function.h"
#include "loch/function/scalar_function.h"

namespace loch {

namespace {

std::shared_ptr<Expr> make(ExprKind kind) { return std::make_shared<Expr>(kind); }

/// Spark prints binary operators infix: "(a + b)"; these are their names.
bool isInfixOperator(const std::string& n) {
  static const char* ops[] = {"+", "-", "*", "/", "%", "div", "=", "==", "<>", "!=", "<", "<=", ">", ">=",
                              "<=>", "and", "or", "&", "|", "^", "||"};
  for (const char* op : ops) {
    if (equalsIgnoreCase(n, op)) return true;
  }
  return false;
}

std::string literalSql(const Value& v) {
  if (v.isNull()) return "NULL";
  switch (v.type()->id()) {
    case TypeId::String: return v.getString();
    case TypeId::Long: return std::to_string(v.getLong());
    case TypeId::Date: return "DATE '" + v.toString() + "'";
    case TypeId::Timestamp: return "TIMESTAMP '" + v.toString() + "'";
    case TypeId::TimestampNTZ: return "TIMESTAMP_NTZ '" + v.toString() + "'";
    case TypeId::Binary: return "X'" + v.toString() + "'";
    default: return v.toString();
  }
}

std::string joinChildren(const std::vector<ExprPtr>& children, size_t from = 0) {
  std::string s;
  for (size_t i = from; i < children.size(); ++i) {
    if (i > from) s += ", ";
    s += children[i]->toString();
  }
  return s;
}

std::string frameBoundSql(const FrameBound& b) {
  switch (b.kind) {
    case FrameBound::Kind::UnboundedPreceding: return "UNBOUNDED PRECEDING";
    case FrameBound::Kind::UnboundedFollowing: return "UNBOUNDED FOLLOWING";
    case FrameBound::Kind::CurrentRow: return "CURRENT ROW";
    case FrameBound::Kind::Preceding: return b.offset.toString() + " PRECEDING";
    case FrameBound::Kind::Following: return b.offset.toString() + " FOLLOWING";
  }
  return "";
}

std::string functionName(const Expr& e) {
  if (e.kind() == ExprKind::ScalarFunction && e.scalarFunction()) return e.scalarFunction()->name;
  if (e.kind() == ExprKind::AggregateFunction && e.aggregateFunction()) return e.aggregateFunction()->name;
  return e.name();
}

}  // namespace

int64_t Expr::newAttributeId() {
  static std::atomic<int64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

ExprPtr Expr::literal(Value v) {
  auto e = make(ExprKind::Literal);
  e->type_ = v.type();
  e->nullable_ = v.isNull();
  e->literal_ = std::move(v);
  return e;
}

ExprPtr Expr::column(std::vector<std::string> name_parts) {
  auto e = make(ExprKind::UnresolvedColumn);
  e->name_ = name_parts.empty() ? "" : name_parts.back();
  e->name_parts_ = std::move(name_parts);
  return e;
}

ExprPtr Expr::star(std::vector<std::string> qualifier) {
  auto e = make(ExprKind::Star);
  e->name_parts_ = std::move(qualifier);
  return e;
}

ExprPtr Expr::attribute(int64_t id, std::string name, DataTypePtr type, bool nullable, std::string qualifier) {
  auto e = make(ExprKind::Attribute);
  e->attribute_id_ = id;
  e->name_ = std::move(name);
  e->type_ = std::move(type);
  e->nullable_ = nullable;
  e->qualifier_ = std::move(qualifier);
  return e;
}

ExprPtr Expr::alias(ExprPtr child, std::string name) {
  auto e = make(ExprKind::Alias);
  e->type_ = child->type_;
  e->nullable_ = child->nullable_;
  e->name_ = std::move(name);
  e->children_.push_back(std::move(child));
  e->attribute_id_ = newAttributeId();
  return e;
}

ExprPtr Expr::function(std::string name, std::vector<ExprPtr> args, bool distinct) {
  auto e = make(ExprKind::UnresolvedFunction);
  e->name_ = std::move(name);
  e->children_ = std::move(args);
  e->distinct_ = distinct;
  return e;
}

ExprPtr Expr::cast(ExprPtr child, DataTypePtr to, bool is_try) {
  auto e = make(ExprKind::Cast);
  e->nullable_ = child->nullable_;
  e->children_.push_back(std::move(child));
  e->type_ = std::move(to);
  e->try_ = is_try;
  return e;
}

ExprPtr Expr::caseWhen(std::vector<ExprPtr> children) {
  auto e = make(ExprKind::CaseWhen);
  e->children_ = std::move(children);
  return e;
}

ExprPtr Expr::sortOrder(ExprPtr child, bool ascending, bool nulls_first) {
  auto e = make(ExprKind::SortOrder);
  e->type_ = child->type_;
  e->nullable_ = child->nullable_;
  e->children_.push_back(std::move(child));
  e->ascending_ = ascending;
  e->nulls_first_ = nulls_first;
  return e;
}

ExprPtr Expr::windowOf(ExprPtr function, WindowDefinition spec) {
  auto e = make(ExprKind::Window);
  e->type_ = function->type_;
  e->nullable_ = function->nullable_;
  e->children_.push_back(std::move(function));
  e->window_ = std::make_shared<WindowDefinition>(std::move(spec));
  return e;
}

ExprPtr Expr::subqueryExpr(ExprKind kind, LogicalPlanPtr plan, std::vector<ExprPtr> children) {
  auto e = make(kind);
  e->subquery_ = std::move(plan);
  e->children_ = std::move(children);
  return e;
}

ExprPtr Expr::withChildren(std::vector<ExprPtr> children) const {
  auto e = std::make_shared<Expr>(*this);
  e->children_ = std::move(children);
  return e;
}

ExprPtr Expr::withType(DataTypePtr type, bool nullable) const {
  auto e = std::make_shared<Expr>(*this);
  e->type_ = std::move(type);
  e->nullable_ = nullable;
  return e;
}

ExprPtr Expr::withFilter(ExprPtr filter) const {
  auto e = std::make_shared<Expr>(*this);
  e->filter_ = std::move(filter);
  return e;
}

ExprPtr Expr::withIgnoreNulls(bool ignore) const {
  auto e = std::make_shared<Expr>(*this);
  e->ignore_nulls_ = ignore;
  return e;
}

ExprPtr Expr::withQualifier(std::string qualifier) const {
  auto e = std::make_shared<Expr>(*this);
  e->qualifier_ = std::move(qualifier);
  return e;
}

ExprPtr Expr::withName(std::string name) const {
  auto e = std::make_shared<Expr>(*this);
  e->name_ = std::move(name);
  return e;
}

ExprPtr Expr::withScalarFunction(std::shared_ptr<const BoundScalarFunction> f) const {
  auto e = std::make_shared<Expr>(*this);
  e->kind_ = ExprKind::ScalarFunction;
  e->type_ = f->return_type;
  e->scalar_ = std::move(f);
  return e;
}

ExprPtr Expr::withAggregateFunction(std::shared_ptr<const BoundAggregateFunction> f) const {
  auto e = std::make_shared<Expr>(*this);
  e->kind_ = ExprKind::AggregateFunction;
  e->type_ = f->return_type;
  e->nullable_ = f->nullable;
  e->aggregate_ = std::move(f);
  return e;
}

ExprPtr Expr::withWindowFunction(std::shared_ptr<const BoundWindowFunction> f, DataTypePtr type,
                                 bool nullable) const {
  auto e = std::make_shared<Expr>(*this);
  e->kind_ = ExprKind::WindowFunction;
  e->type_ = std::move(type);
  e->nullable_ = nullable;
  e->window_fn_ = std::move(f);
  return e;
}

ExprPtr Expr::withWindowDefinition(WindowDefinition spec) const {
  auto e = std::make_shared<Expr>(*this);
  e->window_ = std::make_shared<WindowDefinition>(std::move(spec));
  return e;
}

std::string Expr::toString() const {
  switch (kind_) {
    case ExprKind::Literal: return literalSql(literal_);
    case ExprKind::UnresolvedColumn: return join(name_parts_, ".");
    case ExprKind::Star: return name_parts_.empty() ? "*" : join(name_parts_, ".") + ".*";
    case ExprKind::Attribute: return name_;
    case ExprKind::LambdaVariable: return name_;
    case ExprKind::Alias: return children_[0]->toString() + " AS " + name_;
    case ExprKind::UnresolvedFunction:
    case ExprKind::ScalarFunction:
    case ExprKind::AggregateFunction:
    case ExprKind::WindowFunction: {
      std::string n = functionName(*this);
      if (children_.size() == 2 && isInfixOperator(n)) {
        std::string op = toLower(n) == "and" ? "AND" : toLower(n) == "or" ? "OR" : n;
        return "(" + children_[0]->toString() + " " + op + " " + children_[1]->toString() + ")";
      }
      if (children_.size() == 1 && (n == "-" || n == "negative")) return "(- " + children_[0]->toString() + ")";
      if (children_.size() == 1 && equalsIgnoreCase(n, "not")) return "(NOT " + children_[0]->toString() + ")";
      if (children_.size() == 1 && equalsIgnoreCase(n, "isnull")) return "(" + children_[0]->toString() + " IS NULL)";
      if (children_.size() == 1 && equalsIgnoreCase(n, "isnotnull")) {
        return "(" + children_[0]->toString() + " IS NOT NULL)";
      }
      if (equalsIgnoreCase(n, "in") && !children_.empty()) {
        return "(" + children_[0]->toString() + " IN (" + joinChildren(children_, 1) + "))";
      }
      std::string s = n + "(" + (distinct_ ? "DISTINCT " : "") + joinChildren(children_) + ")";
      if (filter_) s += " FILTER (WHERE " + filter_->toString() + ")";
      return s;
    }
    case ExprKind::Cast:
      return std::string(try_ ? "TRY_CAST(" : "CAST(") + children_[0]->toString() + " AS " + type_->sql() + ")";
    case ExprKind::CaseWhen: {
      std::string s = "CASE";
      size_t i = 0;
      for (; i + 1 < children_.size(); i += 2) {
        s += " WHEN " + children_[i]->toString() + " THEN " + children_[i + 1]->toString();
      }
      if (i < children_.size()) s += " ELSE " + children_[i]->toString();
      return s + " END";
    }
    case ExprKind::SortOrder:
      return children_[0]->toString() + (ascending_ ? " ASC" : " DESC") +
             (nulls_first_ ? " NULLS FIRST" : " NULLS LAST");
    case ExprKind::Window: {
      std::string s = children_[0]->toString() + " OVER (";
      std::vector<std::string> parts;
      if (!window_->partition_by.empty()) {
        std::vector<std::string> p;
        for (const auto& x : window_->partition_by) p.push_back(x->toString());
        parts.push_back("PARTITION BY " + join(p, ", "));
      }
      if (!window_->order_by.empty()) {
        std::vector<std::string> o;
        for (const auto& x : window_->order_by) o.push_back(x->toString());
        parts.push_back("ORDER BY " + join(o, ", "));
      }
      if (window_->frame) {
        const auto& f = *window_->frame;
        parts.push_back(std::string(f.type == WindowFrame::Type::Rows ? "ROWS" : "RANGE") + " BETWEEN " +
                        frameBoundSql(f.start) + " AND " + frameBoundSql(f.end));
      }
      return s + join(parts, " ") + ")";
    }
    case ExprKind::ScalarSubquery: return "scalarsubquery()";
    case ExprKind::Exists: return "exists()";
    case ExprKind::InSubquery: return "(" + children_[0]->toString() + " IN (listquery()))";
    case ExprKind::Lambda:
      return "lambdafunction(" + children_[0]->toString() + ", " + join(name_parts_, ", ") + ")";
  }
  return "?";
}

std::string Expr::outputName() const {
  switch (kind_) {
    case ExprKind::Alias:
    case ExprKind::Attribute:
    case ExprKind::UnresolvedColumn: return name_;
    default: return toString();
  }
}

void visitExpr(const ExprPtr& e, const std::function<void(const ExprPtr&)>& fn) {
  fn(e);
  for (const auto& c : e->children()) visitExpr(c, fn);
  if (e->filter()) visitExpr(e->filter(), fn);
  if (e->window()) {
    for (const auto& p : e->window()->partition_by) visitExpr(p, fn);
    for (const auto& o : e->window()->order_by) visitExpr(o, fn);
  }
}

ExprPtr transformExpr(const ExprPtr& e, const std::function<ExprPtr(const ExprPtr&)>& fn) {
  std::vector<ExprPtr> children;
  bool changed = false;
  for (const auto& c : e->children()) {
    auto nc = transformExpr(c, fn);
    changed = changed || nc != c;
    children.push_back(std::move(nc));
  }
  ExprPtr cur = changed ? e->withChildren(std::move(children)) : e;
  if (cur->filter()) {
    auto nf = transformExpr(cur->filter(), fn);
    if (nf != cur->filter()) cur = cur->withFilter(nf);
  }
  if (cur->window()) {
    WindowDefinition spec = *cur->window();
    bool wchanged = false;
    for (auto& p : spec.partition_by) {
      auto np = transformExpr(p, fn);
      wchanged = wchanged || np != p;
      p = np;
    }
    for (auto& o : spec.order_by) {
      auto no = transformExpr(o, fn);
      wchanged = wchanged || no != o;
      o = no;
    }
    if (wchanged) cur = cur->withWindowDefinition(std::move(spec));
  }
  ExprPtr r = fn(cur);
  return r ? r : cur;
}

bool containsAggregate(const ExprPtr& e) {
  if (e->kind() == ExprKind::AggregateFunction) return true;
  if (e->kind() == ExprKind::Window) return false;
  for (const auto& c : e->children()) {
    if (containsAggregate(c)) return true;
  }
  return false;
}

bool containsWindow(const ExprPtr& e) {
  if (e->kind() == ExprKind::Window) return true;
  for (const auto& c : e->children()) {
    if (containsWindow(c)) return true;
  }
  return false;
}

bool exprEquals(const ExprPtr& a, const ExprPtr& b) {
  if (a == b) return true;
  if (!a || !b) return false;
  if (a->kind() != b->kind() || a->children().size() != b->children().size()) return false;
  switch (a->kind()) {
    case ExprKind::Literal:
      if (!(a->literal() == b->literal()) || !a->type()->equals(*b->type())) return false;
      break;
    case ExprKind::Attribute:
      return a->attributeId() == b->attributeId();
    case ExprKind::Alias:
      if (a->name() != b->name()) return false;
      break;
    case ExprKind::UnresolvedColumn:
    case ExprKind::Star:
      if (a->nameParts().size() != b->nameParts().size()) return false;
      for (size_t i = 0; i < a->nameParts().size(); ++i) {
        if (!equalsIgnoreCase(a->nameParts()[i], b->nameParts()[i])) return false;
      }
      break;
    case ExprKind::ScalarFunction:
    case ExprKind::AggregateFunction:
    case ExprKind::UnresolvedFunction:
      if (!equalsIgnoreCase(functionName(*a), functionName(*b)) || a->distinct() != b->distinct()) return false;
      if (!exprEquals(a->filter(), b->filter()) && (a->filter() || b->filter())) return false;
      if (a->kind() == ExprKind::ScalarFunction && a->scalarFunction() && !a->scalarFunction()->deterministic) {
        return false;
      }
      break;
    case ExprKind::Cast:
      if (!a->type()->equals(*b->type()) || a->isTry() != b->isTry()) return false;
      break;
    case ExprKind::SortOrder:
      if (a->ascending() != b->ascending() || a->nullsFirst() != b->nullsFirst()) return false;
      break;
    case ExprKind::Window:
    case ExprKind::ScalarSubquery:
    case ExprKind::Exists:
    case ExprKind::InSubquery:
    case ExprKind::Lambda:
      return false;  // compared by identity only
    default:
      if (a->name() != b->name()) return false;
  }
  for (size_t i = 0; i < a->children().size(); ++i) {
    if (!exprEquals(a->child(i), b->child(i))) return false;
  }
  return true;
}

}  // namespace loch
