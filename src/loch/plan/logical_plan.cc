#include "loch/plan/logical_plan.h"

#include <algorithm>

#include "loch/common/exception.h"
#include "loch/common/format.h"

namespace loch {

JoinType parseJoinType(const std::string& how) {
  std::string h = toLower(how);
  h.erase(std::remove(h.begin(), h.end(), '_'), h.end());
  if (h == "inner") return JoinType::Inner;
  if (h == "left" || h == "leftouter") return JoinType::LeftOuter;
  if (h == "right" || h == "rightouter") return JoinType::RightOuter;
  if (h == "full" || h == "outer" || h == "fullouter") return JoinType::FullOuter;
  if (h == "semi" || h == "leftsemi") return JoinType::LeftSemi;
  if (h == "anti" || h == "leftanti") return JoinType::LeftAnti;
  if (h == "cross") return JoinType::Cross;
  throw AnalysisException("UNSUPPORTED_JOIN_TYPE",
                          "Unsupported join type '" + how +
                              "'. Supported join types include: 'inner', 'outer', 'full', 'fullouter', "
                              "'full_outer', 'leftouter', 'left', 'left_outer', 'rightouter', 'right', "
                              "'right_outer', 'leftsemi', 'left_semi', 'semi', 'leftanti', 'left_anti', "
                              "'anti', 'cross'.");
}

int64_t InMemoryTable::numRows() const {
  int64_t n = 0;
  for (const auto& b : batches) n += b->numRows();
  return n;
}

int64_t InMemoryTable::memoryBytes() const {
  int64_t n = 0;
  for (const auto& b : batches) n += b->memoryBytes();
  return n;
}

ExprPtr toAttribute(const ExprPtr& e) {
  switch (e->kind()) {
    case ExprKind::Attribute: return e;
    case ExprKind::Alias:
      return Expr::attribute(e->attributeId(), e->name(), e->type(), e->nullable(), e->qualifier());
    default:
      throw InternalException("toAttribute: expression is not named: " + e->toString());
  }
}

SchemaPtr LogicalPlan::schema() const {
  std::vector<StructField> fields;
  for (const auto& a : output_) fields.emplace_back(a->name(), a->type(), a->nullable());
  return StructType(std::move(fields));
}

namespace {

std::vector<ExprPtr> withNullability(const std::vector<ExprPtr>& attrs, bool nullable) {
  if (!nullable) return attrs;
  std::vector<ExprPtr> out;
  for (const auto& a : attrs) out.push_back(a->nullable() ? a : a->withType(a->type(), true));
  return out;
}

}  // namespace

void LogicalPlan::computeOutput() {
  switch (kind_) {
    case PlanKind::LocalRelation:
    case PlanKind::DataSourceScan:
      break;  // set at construction
    case PlanKind::Project:
    case PlanKind::Aggregate:
      output_.clear();
      for (const auto& e : expressions_) output_.push_back(toAttribute(e));
      break;
    case PlanKind::Join: {
      const auto& l = children_[0]->output();
      const auto& r = children_[1]->output();
      bool ln = join_type_ == JoinType::RightOuter || join_type_ == JoinType::FullOuter;
      bool rn = join_type_ == JoinType::LeftOuter || join_type_ == JoinType::FullOuter;
      output_ = withNullability(l, ln);
      if (join_type_ != JoinType::LeftSemi && join_type_ != JoinType::LeftAnti) {
        auto rr = withNullability(r, rn);
        output_.insert(output_.end(), rr.begin(), rr.end());
      }
      break;
    }
    case PlanKind::Union: {
      output_ = children_[0]->output();
      for (size_t c = 1; c < children_.size(); ++c) {
        for (size_t i = 0; i < output_.size() && i < children_[c]->output().size(); ++i) {
          if (children_[c]->output()[i]->nullable() && !output_[i]->nullable()) {
            output_[i] = output_[i]->withType(output_[i]->type(), true);
          }
        }
      }
      break;
    }
    case PlanKind::Window:
      output_ = children_[0]->output();
      for (const auto& e : expressions_) output_.push_back(toAttribute(e));
      break;
    case PlanKind::Generate:
      output_ = groupings_;
      for (const auto& e : expressions_) output_.push_back(toAttribute(e));
      break;
    case PlanKind::SubqueryAlias:
      output_.clear();
      for (const auto& a : children_[0]->output()) output_.push_back(a->withQualifier(hint_));
      break;
    default:
      output_ = children_[0]->output();
  }
}

LogicalPlanPtr LogicalPlan::localRelation(std::shared_ptr<const InMemoryTable> table, std::vector<ExprPtr> output) {
  auto p = std::make_shared<LogicalPlan>(PlanKind::LocalRelation);
  if (output.empty()) {
    for (const auto& f : table->schema->fields()) {
      output.push_back(Expr::attribute(Expr::newAttributeId(), f.name, f.type, f.nullable));
    }
  }
  p->output_ = std::move(output);
  p->table_ = std::move(table);
  return p;
}

LogicalPlanPtr LogicalPlan::dataSourceScan(DataSourcePtr source) {
  auto p = std::make_shared<LogicalPlan>(PlanKind::DataSourceScan);
  SchemaPtr schema = source->schema();
  for (const auto& f : schema->fields()) {
    p->scan_columns_.push_back(static_cast<int>(p->output_.size()));
    p->output_.push_back(Expr::attribute(Expr::newAttributeId(), f.name, f.type, f.nullable));
  }
  p->source_ = std::move(source);
  return p;
}

LogicalPlanPtr LogicalPlan::withScanColumnsSubset(const std::vector<int>& positions) const {
  auto p = std::make_shared<LogicalPlan>(*this);
  p->output_.clear();
  p->scan_columns_.clear();
  for (int pos : positions) {
    p->output_.push_back(output_[static_cast<size_t>(pos)]);
    p->scan_columns_.push_back(scan_columns_[static_cast<size_t>(pos)]);
  }
  return p;
}

LogicalPlanPtr LogicalPlan::withPushedPredicates(std::vector<ColumnPredicate> predicates) const {
  auto p = std::make_shared<LogicalPlan>(*this);
  p->predicates_ = std::move(predicates);
  return p;
}

LogicalPlanPtr LogicalPlan::project(LogicalPlanPtr child, std::vector<ExprPtr> named_exprs) {
  auto p = std::make_shared<LogicalPlan>(PlanKind::Project);
  p->children_ = {std::move(child)};
  p->expressions_ = std::move(named_exprs);
  p->computeOutput();
  return p;
}

LogicalPlanPtr LogicalPlan::filter(LogicalPlanPtr child, ExprPtr condition) {
  auto p = std::make_shared<LogicalPlan>(PlanKind::Filter);
  p->children_ = {std::move(child)};
  p->condition_ = std::move(condition);
  p->computeOutput();
  return p;
}

LogicalPlanPtr LogicalPlan::aggregate(LogicalPlanPtr child, std::vector<ExprPtr> groupings,
                                      std::vector<ExprPtr> outputs) {
  auto p = std::make_shared<LogicalPlan>(PlanKind::Aggregate);
  p->children_ = {std::move(child)};
  p->groupings_ = std::move(groupings);
  p->expressions_ = std::move(outputs);
  p->computeOutput();
  return p;
}

LogicalPlanPtr LogicalPlan::join(LogicalPlanPtr left, LogicalPlanPtr right, JoinType type, ExprPtr condition,
                                 std::string broadcast_hint) {
  auto p = std::make_shared<LogicalPlan>(PlanKind::Join);
  p->children_ = {std::move(left), std::move(right)};
  p->join_type_ = type;
  p->condition_ = std::move(condition);
  p->hint_ = std::move(broadcast_hint);
  p->computeOutput();
  return p;
}

LogicalPlanPtr LogicalPlan::sort(LogicalPlanPtr child, std::vector<ExprPtr> orders) {
  auto p = std::make_shared<LogicalPlan>(PlanKind::Sort);
  p->children_ = {std::move(child)};
  p->expressions_ = std::move(orders);
  p->computeOutput();
  return p;
}

LogicalPlanPtr LogicalPlan::limitOf(LogicalPlanPtr child, int64_t limit, int64_t offset) {
  auto p = std::make_shared<LogicalPlan>(PlanKind::Limit);
  p->children_ = {std::move(child)};
  p->limit_ = limit;
  p->offset_ = offset;
  p->computeOutput();
  return p;
}

LogicalPlanPtr LogicalPlan::distinct(LogicalPlanPtr child) {
  auto p = std::make_shared<LogicalPlan>(PlanKind::Distinct);
  p->children_ = {std::move(child)};
  p->computeOutput();
  return p;
}

LogicalPlanPtr LogicalPlan::deduplicate(LogicalPlanPtr child, std::vector<ExprPtr> keys) {
  auto p = std::make_shared<LogicalPlan>(PlanKind::Deduplicate);
  p->children_ = {std::move(child)};
  p->groupings_ = std::move(keys);
  p->computeOutput();
  return p;
}

LogicalPlanPtr LogicalPlan::setOperation(PlanKind kind, LogicalPlanPtr left, LogicalPlanPtr right, bool all) {
  auto p = std::make_shared<LogicalPlan>(kind);
  p->children_ = {std::move(left), std::move(right)};
  p->all_ = all;
  p->computeOutput();
  return p;
}

LogicalPlanPtr LogicalPlan::sample(LogicalPlanPtr child, double fraction, int64_t seed, bool with_replacement) {
  auto p = std::make_shared<LogicalPlan>(PlanKind::Sample);
  p->children_ = {std::move(child)};
  p->fraction_ = fraction;
  p->seed_ = seed;
  p->with_replacement_ = with_replacement;
  p->computeOutput();
  return p;
}

LogicalPlanPtr LogicalPlan::subqueryAlias(LogicalPlanPtr child, std::string alias) {
  auto p = std::make_shared<LogicalPlan>(PlanKind::SubqueryAlias);
  p->children_ = {std::move(child)};
  p->hint_ = std::move(alias);
  p->computeOutput();
  return p;
}

LogicalPlanPtr LogicalPlan::window(LogicalPlanPtr child, std::vector<ExprPtr> window_exprs,
                                   std::vector<ExprPtr> partition_by, std::vector<ExprPtr> order_by) {
  auto p = std::make_shared<LogicalPlan>(PlanKind::Window);
  p->children_ = {std::move(child)};
  p->expressions_ = std::move(window_exprs);
  p->groupings_ = std::move(partition_by);
  p->window_orders_ = std::move(order_by);
  p->computeOutput();
  return p;
}

LogicalPlanPtr LogicalPlan::hint(LogicalPlanPtr child, std::string name) {
  auto p = std::make_shared<LogicalPlan>(PlanKind::Hint);
  p->children_ = {std::move(child)};
  p->hint_ = std::move(name);
  p->computeOutput();
  return p;
}

LogicalPlanPtr LogicalPlan::repartition(LogicalPlanPtr child, int64_t partitions, std::vector<ExprPtr> exprs) {
  auto p = std::make_shared<LogicalPlan>(PlanKind::Repartition);
  p->children_ = {std::move(child)};
  p->limit_ = partitions;
  p->groupings_ = std::move(exprs);
  p->computeOutput();
  return p;
}

std::optional<std::pair<GeneratorKind, bool>> generatorByName(const std::string& name) {
  std::string n = toLower(name);
  bool outer = n.size() > 6 && n.compare(n.size() - 6, 6, "_outer") == 0;
  if (outer) n.resize(n.size() - 6);
  if (n == "explode") return std::make_pair(GeneratorKind::Explode, outer);
  if (n == "posexplode") return std::make_pair(GeneratorKind::PosExplode, outer);
  if (n == "inline") return std::make_pair(GeneratorKind::Inline, outer);
  return std::nullopt;
}

std::vector<StructField> generatorFields(GeneratorKind kind, const DataTypePtr& input, bool outer,
                                         const std::string& sql) {
  std::vector<StructField> fields;
  if (kind == GeneratorKind::PosExplode) fields.emplace_back("pos", IntegerType(), outer);
  bool ok = false;
  if (kind == GeneratorKind::Inline) {
    if (input->id() == TypeId::Array && input->elementType()->id() == TypeId::Struct) {
      for (const auto& f : input->elementType()->fields()) fields.emplace_back(f.name, f.type, true);
      ok = true;
    }
  } else if (input->id() == TypeId::Array) {
    fields.emplace_back("col", input->elementType(), true);
    ok = true;
  } else if (input->id() == TypeId::Map) {
    fields.emplace_back("key", input->keyType(), outer);
    fields.emplace_back("value", input->valueType(), true);
    ok = true;
  }
  if (!ok) {
    std::string wanted = kind == GeneratorKind::Inline ? "\"ARRAY<STRUCT>\"" : "(\"ARRAY\" or \"MAP\")";
    throw AnalysisException("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                            "Cannot resolve \"" + sql + "\" due to data type mismatch: The first parameter requires " +
                                wanted + " type, however it has the type \"" + input->sql() + "\".");
  }
  return fields;
}

LogicalPlanPtr LogicalPlan::generate(LogicalPlanPtr child, GeneratorKind kind, ExprPtr input, bool outer,
                                     std::vector<ExprPtr> kept, std::vector<ExprPtr> generator_output) {
  auto p = std::make_shared<LogicalPlan>(PlanKind::Generate);
  p->children_ = {std::move(child)};
  p->generator_kind_ = kind;
  p->generator_input_ = std::move(input);
  p->all_ = outer;
  p->groupings_ = std::move(kept);
  p->expressions_ = std::move(generator_output);
  p->computeOutput();
  return p;
}

LogicalPlanPtr LogicalPlan::withKeptColumns(std::vector<ExprPtr> kept) const {
  auto p = std::make_shared<LogicalPlan>(*this);
  p->groupings_ = std::move(kept);
  p->computeOutput();
  return p;
}

LogicalPlanPtr LogicalPlan::withChildren(std::vector<LogicalPlanPtr> children) const {
  auto p = std::make_shared<LogicalPlan>(*this);
  p->children_ = std::move(children);
  p->computeOutput();
  return p;
}

LogicalPlanPtr LogicalPlan::withCondition(ExprPtr condition) const {
  auto p = std::make_shared<LogicalPlan>(*this);
  p->condition_ = std::move(condition);
  return p;
}

LogicalPlanPtr LogicalPlan::withExpressions(std::vector<ExprPtr> exprs) const {
  auto p = std::make_shared<LogicalPlan>(*this);
  p->expressions_ = std::move(exprs);
  p->computeOutput();
  return p;
}

LogicalPlanPtr LogicalPlan::withBroadcastHint(std::string side) const {
  auto p = std::make_shared<LogicalPlan>(*this);
  p->hint_ = std::move(side);
  return p;
}

namespace {

/// Expression text with attributes shown as name#id, as Spark's plans do.
std::string planExpr(const ExprPtr& e) {
  auto shown = transformExpr(e, [](const ExprPtr& x) -> ExprPtr {
    if (x->kind() == ExprKind::Attribute) return x->withName(x->name() + "#" + std::to_string(x->attributeId()));
    return nullptr;
  });
  if (shown->kind() == ExprKind::Alias) {
    return shown->child(0)->toString() + " AS " + e->name() + "#" + std::to_string(e->attributeId());
  }
  return shown->toString();
}

std::string exprList(const std::vector<ExprPtr>& es) {
  std::vector<std::string> parts;
  for (const auto& e : es) parts.push_back(planExpr(e));
  return "[" + join(parts, ", ") + "]";
}

void appendTree(const LogicalPlan& p, const std::string& prefix, bool last, bool root, std::string& out) {
  out += (root ? "" : prefix + "+- ") + p.nodeString() + "\n";
  std::string child_prefix = root ? "" : prefix + (last ? "   " : ":  ");
  for (size_t i = 0; i < p.children().size(); ++i) {
    appendTree(*p.children()[i], child_prefix, i + 1 == p.children().size(), false, out);
  }
}

}  // namespace

std::string LogicalPlan::nodeString() const {
  switch (kind_) {
    case PlanKind::LocalRelation: return "LocalRelation " + exprList(output_);
    case PlanKind::DataSourceScan: return "Relation " + source_->description() + " " + exprList(output_);
    case PlanKind::Project: return "Project " + exprList(expressions_);
    case PlanKind::Filter: return "Filter " + planExpr(condition_);
    case PlanKind::Aggregate: return "Aggregate " + exprList(groupings_) + ", " + exprList(expressions_);
    case PlanKind::Join:
      return "Join " + joinTypeName(join_type_) + (condition_ ? ", " + planExpr(condition_) : "") +
             (hint_.empty() ? "" : ", broadcast(" + hint_ + ")");
    case PlanKind::Sort: return "Sort " + exprList(expressions_) + ", true";
    case PlanKind::Limit:
      return "Limit " + std::to_string(limit_) + (offset_ ? ", offset " + std::to_string(offset_) : "");
    case PlanKind::Distinct: return "Distinct";
    case PlanKind::Deduplicate: return "Deduplicate " + exprList(groupings_);
    case PlanKind::Union: return std::string("Union") + (all_ ? "" : " distinct");
    case PlanKind::Intersect: return std::string("Intersect") + (all_ ? " All" : "");
    case PlanKind::Except: return std::string("Except") + (all_ ? " All" : "");
    case PlanKind::Sample:
      return "Sample 0.0, " + std::to_string(fraction_) + ", " + (with_replacement_ ? "true" : "false") + ", " +
             std::to_string(seed_);
    case PlanKind::SubqueryAlias: return "SubqueryAlias " + hint_;
    case PlanKind::Repartition: return "Repartition " + std::to_string(limit_);
    case PlanKind::Hint: return "ResolvedHint (strategy=" + hint_ + ")";
    case PlanKind::Generate: {
      static const char* names[] = {"explode", "posexplode", "inline"};
      return std::string("Generate ") + names[static_cast<int>(generator_kind_)] + (all_ ? "_outer" : "") + "(" +
             planExpr(generator_input_) + "), " + exprList(groupings_) + ", " + exprList(expressions_);
    }
    case PlanKind::Window:
      return "Window " + exprList(expressions_) + ", " + exprList(groupings_) + ", " + exprList(window_orders_);
  }
  return "?";
}

std::string LogicalPlan::treeString() const {
  std::string out;
  appendTree(*this, "", true, true, out);
  return out;
}

}  // namespace loch
