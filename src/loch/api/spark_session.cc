#include "loch/api/spark_session.h"

#include <chrono>

#include "loch/common/exception.h"
#include "loch/common/format.h"
#include "loch/exec/executor.h"
#include "loch/optimizer/optimizer.h"
#include "loch/plan/physical_planner.h"
#include "loch/types/datetime.h"
#include "loch/types/decimal.h"
#include "loch/vector/vector_builder.h"

namespace loch {

namespace {

std::mutex g_active_mutex;
std::weak_ptr<SparkSession> g_active;

}  // namespace

SparkSession::Builder& SparkSession::Builder::appName(const std::string& name) {
  options_["spark.app.name"] = name;
  return *this;
}

SparkSession::Builder& SparkSession::Builder::master(const std::string& master) {
  options_["spark.master"] = master;
  return *this;
}

SparkSession::Builder& SparkSession::Builder::config(const std::string& key, const std::string& value) {
  options_[key] = value;
  return *this;
}

std::shared_ptr<SparkSession> SparkSession::Builder::getOrCreate() {
  std::lock_guard lock(g_active_mutex);
  auto session = g_active.lock();
  if (!session) {
    RuntimeConfig conf;
    for (const auto& [k, v] : options_) conf.set(k, v);
    session = std::make_shared<SparkSession>(std::move(conf));
    g_active = session;
  } else {
    for (const auto& [k, v] : options_) session->conf().set(k, v);
  }
  return session;
}

std::shared_ptr<SparkSession> SparkSession::active() {
  std::lock_guard lock(g_active_mutex);
  return g_active.lock();
}

SparkSession::SparkSession(RuntimeConfig conf) : conf_(std::move(conf)) {
  memory_ = std::make_shared<MemoryTracker>(conf_.getBytes("loch.memory.limit", MemoryTracker::defaultLimit()));
}

std::shared_ptr<SparkSession> SparkSession::newSession() const { return std::make_shared<SparkSession>(conf_); }

void SparkSession::stop() {
  std::lock_guard lock(mutex_);
  cache_.clear();
  views_.clear();
  pool_.reset();
}

SchemaPtr parseSchemaDDL(const std::string& ddl) {
  std::string trimmed = ddl;
  if (toLower(trimmed).rfind("struct<", 0) == 0) {
    auto t = parseDataType(trimmed);
    return t;
  }
  // "a INT, b DECIMAL(10,2), c ARRAY<STRING>": split at top-level commas.
  std::vector<StructField> fields;
  int depth = 0;
  std::string cur;
  auto flush = [&]() {
    size_t start = cur.find_first_not_of(" \t\n");
    if (start == std::string::npos) {
      throw AnalysisException("PARSE_SYNTAX_ERROR", "Syntax error in the schema '" + ddl + "': empty column.");
    }
    std::string item = cur.substr(start);
    size_t sp = item.find_first_of(" \t:");
    if (sp == std::string::npos) {
      throw AnalysisException("PARSE_SYNTAX_ERROR",
                              "Syntax error in the schema '" + ddl + "': expected 'name type' but got '" + item + "'.");
    }
    std::string name = item.substr(0, sp);
    if (name.size() >= 2 && name.front() == '`' && name.back() == '`') name = name.substr(1, name.size() - 2);
    std::string type = item.substr(sp + 1);
    bool nullable = true;
    std::string lower = toLower(type);
    auto nn = lower.rfind("not null");
    if (nn != std::string::npos && nn + 8 == lower.find_last_not_of(" \t") + 1) {
      nullable = false;
      type = type.substr(0, nn);
    }
    fields.emplace_back(name, parseDataType(type), nullable);
    cur.clear();
  };
  for (char c : ddl) {
    if (c == '<' || c == '(') ++depth;
    if (c == '>' || c == ')') --depth;
    if (c == ',' && depth == 0) {
      flush();
    } else {
      cur += c;
    }
  }
  flush();
  return StructType(std::move(fields));
}

namespace {

/// Converts a user-supplied value to `type` (createDataFrame), as PySpark's
/// verifier would accept it.
Value coerceValue(const Value& v, const StructField& field, size_t row) {
  const auto& type = field.type;
  if (v.isNull()) {
    if (!field.nullable) {
      throw InvalidArgumentException("NULL_FOR_NON_NULLABLE_FIELD",
                                     "Row " + std::to_string(row) + ": field `" + field.name +
                                         "` is not nullable but got NULL.");
    }
    return Value::null(type);
  }
  if (v.type()->equals(*type)) return v;
  TypeId from = v.type()->id(), to = type->id();
  auto bad = [&]() -> Value {
    throw InvalidArgumentException("FIELD_DATA_TYPE_UNACCEPTABLE",
                                   "Row " + std::to_string(row) + ": field `" + field.name + "` of type " +
                                       type->sql() + " cannot accept the value " + v.toString() + " of type " +
                                       v.type()->sql() + ".");
  };
  bool from_int = v.type()->isIntegral();
  if (from_int && (type->isIntegral() || to == TypeId::Date || to == TypeId::Timestamp ||
                   to == TypeId::TimestampNTZ)) {
    return Value::fromInt(type, v.getLong());
  }
  if (from_int && type->isFloating()) {
    return to == TypeId::Float ? Value::floatValue(static_cast<float>(v.getLong()))
                               : Value::doubleValue(static_cast<double>(v.getLong()));
  }
  if (v.type()->isFloating() && type->isFloating()) {
    return to == TypeId::Float ? Value::floatValue(static_cast<float>(v.getDouble())) : Value::doubleValue(v.getDouble());
  }
  if (to == TypeId::Decimal) {
    if (from_int) {
      return Value::decimal(static_cast<int128_t>(v.getLong()) * pow10i128(type->scale()), type->precision(),
                            type->scale());
    }
    if (from == TypeId::Decimal) {
      auto r = rescaleDecimal(v.getDecimal(), v.type()->scale(), type->scale());
      if (r && decimalFits(*r, type->precision())) return Value::decimal(*r, type->precision(), type->scale());
      return bad();
    }
    if (v.type()->isFloating()) {
      auto r = decimalFromDouble(v.getDouble(), type->precision(), type->scale());
      if (r) return Value::decimal(*r, type->precision(), type->scale());
    }
    return bad();
  }
  if (from == TypeId::String && to == TypeId::Binary) return Value::binary(v.getString());
  if (to == TypeId::Array && from == TypeId::Array) {
    std::vector<Value> elems;
    StructField ef("element", type->elementType(), type->containsNull());
    for (const auto& e : v.children()) elems.push_back(coerceValue(e, ef, row));
    return Value::array(type, std::move(elems));
  }
  if (to == TypeId::Struct && from == TypeId::Struct && v.children().size() == type->fields().size()) {
    std::vector<Value> fs;
    for (size_t i = 0; i < v.children().size(); ++i) fs.push_back(coerceValue(v.children()[i], type->fields()[i], row));
    return Value::structValue(type, std::move(fs));
  }
  return bad();
}

}  // namespace

DataFrame SparkSession::createDataFrame(const std::vector<std::vector<Value>>& rows, const SchemaPtr& schema) {
  const auto& fields = schema->fields();
  std::vector<std::unique_ptr<VectorBuilder>> builders;
  for (const auto& f : fields) builders.push_back(std::make_unique<VectorBuilder>(f.type, rows.size()));
  for (size_t r = 0; r < rows.size(); ++r) {
    if (rows[r].size() != fields.size()) {
      throw InvalidArgumentException("LENGTH_SHOULD_BE_THE_SAME",
                                     "Row " + std::to_string(r) + " has " + std::to_string(rows[r].size()) +
                                         " values but the schema has " + std::to_string(fields.size()) +
                                         " fields.");
    }
    for (size_t c = 0; c < fields.size(); ++c) builders[c]->appendValue(coerceValue(rows[r][c], fields[c], r));
  }
  std::vector<VectorPtr> cols;
  for (auto& b : builders) cols.push_back(b->finish());
  auto batch = RecordBatch::make(schema, std::move(cols), static_cast<int64_t>(rows.size()));
  return createDataFrame(std::vector<RecordBatchPtr>{batch}, schema);
}

DataFrame SparkSession::createDataFrame(const std::vector<std::vector<Value>>& rows, const std::string& ddl) {
  return createDataFrame(rows, parseSchemaDDL(ddl));
}

DataFrame SparkSession::createDataFrame(std::vector<RecordBatchPtr> batches, const SchemaPtr& schema) {
  auto table = std::make_shared<InMemoryTable>();
  table->schema = schema;
  table->batches = std::move(batches);
  return DataFrame(shared_from_this(), LogicalPlan::localRelation(table));
}

DataFrame SparkSession::range(int64_t start, int64_t end, int64_t step) {
  if (step == 0) throw InvalidArgumentException("INVALID_PARAMETER_VALUE", "range(): the step must not be 0.");
  auto schema = StructType({StructField("id", LongType(), false)});
  std::vector<RecordBatchPtr> batches;
  const int64_t chunk = 1 << 16;
  int64_t v = start;
  auto more = [&] { return step > 0 ? v < end : v > end; };
  while (more()) {
    auto col = Vector::makeFlat(LongType(), chunk);
    int64_t* out = col->mutableValues<int64_t>();
    int64_t n = 0;
    while (n < chunk && more()) {
      out[n++] = v;
      v += step;
    }
    col->resizeFlat(n);
    batches.push_back(RecordBatch::make(schema, {col}, n));
  }
  return createDataFrame(std::move(batches), schema);
}

DataFrame SparkSession::table(const std::string& name) {
  std::lock_guard lock(mutex_);
  auto it = views_.find(toLower(name));
  if (it == views_.end()) {
    std::vector<std::string> names;
    for (const auto& [n, _] : views_) names.push_back(n);
    throw AnalysisException("TABLE_OR_VIEW_NOT_FOUND",
                            "The table or view " + quoteIdentifier(name) +
                                " cannot be found. Verify the spelling and correctness of the schema and catalog." +
                                (names.empty() ? "" : " Available views: " + join(names, ", ") + "."));
  }
  return DataFrame(shared_from_this(), LogicalPlan::subqueryAlias(it->second, name));
}

void SparkSession::registerTempView(const std::string& name, LogicalPlanPtr plan, bool replace) {
  std::lock_guard lock(mutex_);
  std::string key = toLower(name);
  if (!replace && views_.count(key)) {
    throw AnalysisException("TEMP_TABLE_OR_VIEW_ALREADY_EXISTS",
                            "Cannot create the temporary view " + quoteIdentifier(name) +
                                " because it already exists. Choose a different name, drop or replace the "
                                "existing view, or add the IF NOT EXISTS clause to tolerate pre-existing views.");
  }
  views_[key] = std::move(plan);
}

bool SparkSession::dropTempView(const std::string& name) {
  std::lock_guard lock(mutex_);
  return views_.erase(toLower(name)) > 0;
}

std::vector<std::string> SparkSession::tempViewNames() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  for (const auto& [n, _] : views_) out.push_back(n);
  return out;
}

ExecContext SparkSession::makeExecContext() {
  ExecContext ctx;
  ctx.eval.ansi = conf_.ansiEnabled();
  ctx.eval.time_zone_name = conf_.sessionTimeZone();
  ctx.eval.time_zone = &lookupTimeZone(ctx.eval.time_zone_name);
  ctx.eval.current_timestamp_micros = std::chrono::duration_cast<std::chrono::microseconds>(
                                          std::chrono::system_clock::now().time_since_epoch())
                                          .count();
  memory_->setLimit(conf_.getBytes("loch.memory.limit", MemoryTracker::defaultLimit()));
  ctx.memory = memory_;
  int threads = conf_.threads();
  if (!pool_ || pool_->threads() != threads) pool_ = std::make_unique<ThreadPool>(threads);
  ctx.pool = pool_.get();
  ctx.threads = threads;
  ctx.batch_size = conf_.batchSize();
  return ctx;
}

void SparkSession::cachePlan(const LogicalPlanPtr& plan) {
  std::lock_guard lock(mutex_);
  auto& e = cache_[plan.get()];
  e.plan = plan;
}

void SparkSession::uncachePlan(const LogicalPlanPtr& plan) {
  std::lock_guard lock(mutex_);
  cache_.erase(plan.get());
}

bool SparkSession::isCachedPlan(const LogicalPlanPtr& plan) const {
  std::lock_guard lock(mutex_);
  return cache_.count(plan.get()) > 0;
}

LogicalPlanPtr SparkSession::substituteCached(const LogicalPlanPtr& plan) {
  std::vector<LogicalPlanPtr> children;
  bool changed = false;
  for (const auto& c : plan->children()) {
    auto nc = substituteCached(c);
    changed = changed || nc != c;
    children.push_back(nc);
  }
  LogicalPlanPtr cur = changed ? plan->withChildren(std::move(children)) : plan;
  std::lock_guard lock(mutex_);
  auto it = cache_.find(plan.get());
  if (it == cache_.end() || computing_.count(plan.get())) return cur;
  if (!it->second.data) {
    // First use: compute (without substituting this very plan) and keep the
    // result under the session's memory limit.
    computing_.insert(plan.get());
    std::vector<RecordBatchPtr> batches;
    try {
      batches = execute(cur);
    } catch (...) {
      computing_.erase(plan.get());
      throw;
    }
    computing_.erase(plan.get());
    auto table = std::make_shared<InMemoryTable>();
    table->schema = plan->schema();
    table->batches = std::move(batches);
    it->second.reservation = std::make_unique<MemoryReservation>(memory_, "InMemoryRelation(cache)");
    it->second.reservation->resize(table->memoryBytes());
    it->second.data = table;
  }
  return LogicalPlan::localRelation(it->second.data, plan->output());
}

LogicalPlanPtr SparkSession::optimizedPlan(const LogicalPlanPtr& plan) {
  return optimize(substituteCached(plan), conf_);
}

std::shared_ptr<PhysicalOperator> SparkSession::physicalPlan(const LogicalPlanPtr& plan) {
  PhysicalPlanner planner(conf_);
  return planner.plan(optimizedPlan(plan));
}

std::vector<RecordBatchPtr> SparkSession::execute(const LogicalPlanPtr& plan) {
  auto physical = physicalPlan(plan);
  ExecContext ctx = makeExecContext();
  Executor executor(ctx);
  return executor.collect(physical);
}

}  // namespace loch
