// Runners for the statements on CREATE TABLE tables: CREATE TABLE, INSERT
// and DESCRIBE TABLE (DROP is in sql_statements.cc with DROP VIEW).

#include <filesystem>
#include <optional>

#include "loch/api/spark_session.h"
#include "loch/api/sql_statements.h"
#include "loch/common/exception.h"
#include "loch/common/format.h"
#include "loch/plan/analyzer.h"
#include "loch/types/schema.h"

namespace loch {

namespace {

std::string providerOf(const std::string& provider) {
  std::string p = provider.empty() ? "parquet" : toLower(provider);  // spark.sql.sources.default
  if (p != "parquet" && p != "csv" && p != "json") {
    throw AnalysisException("UNSUPPORTED_DATA_SOURCE_FOR_TABLE",
                            "Loch tables are stored as parquet, csv or json files, not " + quoteIdentifier(provider) +
                                ".");
  }
  return p;
}

/// A literal option value as the reader/writer wants it: strings unquoted.
std::string optionText(const std::string& value) {
  if (value.size() >= 2 && (value.front() == '\'' || value.front() == '"') && value.back() == value.front()) {
    return value.substr(1, value.size() - 2);
  }
  return value;
}

/// True when `plan` or a plan below it is `target` (the same node).
bool planContains(const LogicalPlanPtr& plan, const LogicalPlanPtr& target) {
  if (plan == target) return true;
  for (const auto& c : plan->children()) {
    if (planContains(c, target)) return true;
  }
  return false;
}

[[noreturn]] void throwSelfOverwrite(const std::string& table) {
  throw AnalysisException("UNSUPPORTED_OVERWRITE.TABLE",
                          "Can't overwrite the target that is also being read from. The target table is " +
                              qualifiedTable(table) + ".");
}

[[noreturn]] void throwArity(const std::string& table, bool too_many, const std::vector<std::string>& table_cols,
                             const std::vector<std::string>& data_cols) {
  throw AnalysisException(std::string("INSERT_COLUMN_ARITY_MISMATCH.") +
                              (too_many ? "TOO_MANY_DATA_COLUMNS" : "NOT_ENOUGH_DATA_COLUMNS"),
                          "Cannot write to " + qualifiedTable(table) + ", the reason is " +
                              (too_many ? "too many" : "not enough") + " data columns: Table columns: " +
                              columnList(table_cols) + ". Data columns: " + columnList(data_cols) + ".");
}

/// Spark's ANSI store assignment (spark.sql.storeAssignmentPolicy=ANSI,
/// Cast.canANSIStoreAssign): which values INSERT may cast into a column.
bool canStoreAssign(const DataType& from, const DataType& to) {
  if (from.equals(to) || from.id() == TypeId::Null) return true;
  if (from.isNumeric() && to.isNumeric()) return true;
  if (to.id() == TypeId::String) return !from.isNested() && from.id() != TypeId::Binary;
  if (from.isTemporal() && to.isTemporal()) return true;
  if (from.id() == TypeId::Array && to.id() == TypeId::Array) {
    return canStoreAssign(*from.elementType(), *to.elementType());
  }
  if (from.id() == TypeId::Map && to.id() == TypeId::Map) {
    return canStoreAssign(*from.keyType(), *to.keyType()) && canStoreAssign(*from.valueType(), *to.valueType());
  }
  if (from.id() == TypeId::Struct && to.id() == TypeId::Struct && from.fields().size() == to.fields().size()) {
    for (size_t i = 0; i < from.fields().size(); ++i) {
      if (!canStoreAssign(*from.fields()[i].type, *to.fields()[i].type)) return false;
    }
    return true;
  }
  return false;
}

/// The folder of managed table `name`: spark.sql.warehouse.dir (default
/// "spark-warehouse" in the current directory) / lower-case name.
std::string managedLocation(const RuntimeConfig& conf, const std::string& name) {
  std::string dir = conf.get("spark.sql.warehouse.dir", "spark-warehouse");
  if (dir.rfind("file:", 0) == 0) dir = dir.substr(5);
  return (std::filesystem::path(dir) / toLower(name)).string();
}

/// The table CREATE TABLE describes, before any data is known.
CatalogTable tableOf(const SqlContext& ctx, const sql::CreateTableStatement& c, const std::string& name) {
  CatalogTable t;
  t.name = name;
  t.format = providerOf(c.provider);
  for (const auto& o : c.options) t.options[o.key] = optionText(o.value);
  t.partition_by = c.partition_by;
  t.managed = !c.location.has_value();
  t.location = c.location ? *c.location : managedLocation(ctx.session->conf(), name);
  return t;
}

/// `data` with the partition columns moved last, as Spark stores them.
/// @throws AnalysisException COLUMN_NOT_DEFINED_IN_TABLE.
DataFrame partitionColumnsLast(const SqlContext& ctx, const CatalogTable& t, const DataFrame& data) {
  std::vector<std::string> names = fieldNames(*data.schema());
  std::vector<ExprPtr> data_cols, part_cols;
  for (const auto& p : t.partition_by) {
    bool found = false;
    for (const auto& a : data.plan()->output()) {
      if (equalsIgnoreCase(a->name(), p)) {
        found = true;
        part_cols.push_back(a);
      }
    }
    if (!found) {
      throw AnalysisException("COLUMN_NOT_DEFINED_IN_TABLE",
                              "partition column " + quoteIdentifier(p) + " is not defined in table " +
                                  qualifiedTable(t.name) + ", defined table columns are: " + columnList(names) + ".");
    }
  }
  for (const auto& a : data.plan()->output()) {
    bool is_part = false;
    for (const auto& p : part_cols) is_part = is_part || p->attributeId() == a->attributeId();
    if (!is_part) data_cols.push_back(a);
  }
  data_cols.insert(data_cols.end(), part_cols.begin(), part_cols.end());
  return DataFrame(ctx.session, LogicalPlan::project(data.plan(), data_cols));
}

/// An empty DataFrame with CREATE TABLE's column list.
DataFrame emptyWithColumns(const SqlContext& ctx, const sql::CreateTableStatement& c) {
  std::vector<StructField> fields;
  for (const auto& col : c.columns) fields.emplace_back(col.name, bindTypeName(col.type), !col.not_null);
  return ctx.session->createDataFrame(std::vector<RecordBatchPtr>{}, StructType(std::move(fields)));
}

/// For each table field, the data column INSERT writes to it (null: the
/// column is not listed and gets NULL): by position, or by the column list.
std::vector<ExprPtr> insertSources(const SqlContext& ctx, const sql::InsertStatement& ins, const std::string& name,
                                   const SchemaPtr& target, const std::vector<ExprPtr>& out) {
  const auto& fields = target->fields();
  std::vector<std::string> table_cols = fieldNames(*target);
  std::vector<std::string> data_cols;
  for (const auto& a : out) data_cols.push_back(a->name());
  std::vector<ExprPtr> sources(fields.size());
  if (ins.columns.empty()) {
    if (out.size() != fields.size()) throwArity(name, out.size() > fields.size(), table_cols, data_cols);
    for (size_t i = 0; i < fields.size(); ++i) sources[i] = out[i];
    return sources;
  }
  if (out.size() != ins.columns.size()) throwArity(name, out.size() > ins.columns.size(), ins.columns, data_cols);
  for (size_t j = 0; j < ins.columns.size(); ++j) {
    auto pos = findField(*target, ins.columns[j], ctx.session->caseSensitive());
    if (!pos) {
      throw AnalysisException("UNRESOLVED_COLUMN.WITH_SUGGESTION",
                              "A column, variable, or function parameter with name " +
                                  quoteIdentifier(ins.columns[j]) + " cannot be resolved. Did you mean one of "
                                  "the following? [" + columnList(table_cols) + "].");
    }
    if (sources[*pos]) {
      throw AnalysisException("COLUMN_ALREADY_EXISTS",
                              "The column " + quoteIdentifier(ins.columns[j]) + " already exists. Choose another "
                              "name or rename the existing column.");
    }
    sources[*pos] = out[j];
  }
  return sources;
}

/// The projection casting `sources` into the table's columns.
/// @throws AnalysisException INCOMPATIBLE_DATA_FOR_TABLE.CANNOT_SAFELY_CAST.
std::vector<ExprPtr> storeAssignments(const SqlContext& ctx, const std::string& name, const SchemaPtr& target,
                                      const std::vector<ExprPtr>& sources, const std::vector<ExprPtr>& out) {
  const auto& fields = target->fields();
  ExpressionResolver r(out, AnalyzerOptions{ctx.session->caseSensitive(), ctx.session->ansi()});
  std::vector<ExprPtr> items;
  for (size_t i = 0; i < fields.size(); ++i) {
    ExprPtr v = sources[i] ? sources[i] : Expr::literal(Value::null(fields[i].type));
    if (!canStoreAssign(*v->type(), *fields[i].type)) {
      throw AnalysisException("INCOMPATIBLE_DATA_FOR_TABLE.CANNOT_SAFELY_CAST",
                              "Cannot write incompatible data for the table " + qualifiedTable(name) +
                                  ": Cannot safely cast " + quoteIdentifier(fields[i].name) + " \"" +
                                  toUpper(v->type()->sql()) + "\" to \"" + toUpper(fields[i].type->sql()) + "\".");
    }
    items.push_back(r.resolve(Expr::alias(castIfNeeded(v, fields[i].type), fields[i].name)));
  }
  return items;
}

}  // namespace

DataFrame runCreateTable(const SqlContext& ctx, const sql::CreateTableStatement& c) {
  SparkSession& session = *ctx.session;
  SessionCatalog& tables = session.catalog();
  std::string name = tableName(c.name);
  std::optional<CatalogTable> existing = tables.lookup(name);
  bool replacing = false;
  if (existing || ctx.viewExists(name)) {
    if (c.if_not_exists) return ctx.empty();
    if (!c.or_replace || !existing) {
      throw AnalysisException("TABLE_OR_VIEW_ALREADY_EXISTS",
                              "Cannot create table or view " + qualifiedTable(name) +
                                  " because it already exists. Choose a different name, drop or replace the "
                                  "existing object, or add the IF NOT EXISTS clause to tolerate pre-existing "
                                  "objects.");
    }
    replacing = true;
  }
  if (c.query && !c.columns.empty()) {
    throw AnalysisException("OPERATION_NOT_ALLOWED",
                            "Operation not allowed: Schema may not be specified in a Create Table As Select "
                            "(CTAS) statement.");
  }
  CatalogTable t = tableOf(ctx, c, name);
  DataFrame data = ctx.empty();
  if (c.query) {
    data = ctx.runQuery(*c.query);
  } else if (!c.columns.empty()) {
    data = emptyWithColumns(ctx, c);
  } else if (c.location) {
    // A table over files already at LOCATION; the schema is inferred.
    if (replacing) tables.drop(existing->name);
    tables.create(t);
    return ctx.empty();
  } else {
    throw AnalysisException("UNSUPPORTED_FEATURE",
                            "The feature is not supported: CREATE TABLE without columns, AS SELECT or LOCATION.");
  }
  data = partitionColumnsLast(ctx, t, data);
  if (replacing) {
    if (planContains(data.plan(), session.table(name).plan()->child(0))) throwSelfOverwrite(name);
    tables.drop(existing->name);
  } else if (t.managed && std::filesystem::exists(t.location)) {
    throw AnalysisException("LOCATION_ALREADY_EXISTS",
                            "Cannot name the managed table as " + qualifiedTable(name) +
                                ", as its associated location 'file:" + std::filesystem::absolute(t.location).string() +
                                "' already exists. Please pick a different table name, or remove the existing "
                                "location first.");
  }
  tables.createFrom(t, data);
  return ctx.empty();
}

DataFrame runInsert(const SqlContext& ctx, const sql::InsertStatement& ins) {
  SparkSession& session = *ctx.session;
  std::string name = tableName(ins.table);
  std::optional<CatalogTable> t = session.catalog().lookup(name);
  if (!t) {
    if (ctx.viewExists(name)) unsupportedStatement("INSERT INTO a temporary view (" + quoteIdentifier(name) + ")");
    session.table(name);  // throws TABLE_OR_VIEW_NOT_FOUND
    unsupportedStatement("INSERT INTO " + quoteIdentifier(name));
  }
  for (const auto& p : ins.partition) {
    if (p.value) unsupportedStatement("INSERT with static PARTITION values");
  }
  if (ins.if_not_exists) unsupportedStatement("INSERT ... IF NOT EXISTS");
  DataFrame data = ctx.runQuery(*ins.query);
  LogicalPlanPtr current = session.table(name).plan()->child(0);
  if (ins.overwrite && planContains(data.plan(), current)) throwSelfOverwrite(name);
  SchemaPtr target = t->schema ? t->schema : current->schema();
  const auto out = data.plan()->output();
  auto sources = insertSources(ctx, ins, name, target, out);
  auto items = storeAssignments(ctx, name, target, sources, out);
  session.catalog().insert(*t, DataFrame(ctx.session, LogicalPlan::project(data.plan(), items)), ins.overwrite);
  return ctx.empty();
}

DataFrame runDescribeTable(const SqlContext& ctx, const sql::DescribeTableStatement& d) {
  if (!d.column.empty()) unsupportedStatement("DESCRIBE of a single column");
  auto table = d.name.empty() ? std::nullopt : ctx.session->catalog().lookup(tableName(d.name));
  if (!table) return ctx.describe(ctx.session->table(viewName(d.name)).plan());
  // Spark's layout: columns, the partition columns again under
  // "# Partition Information", and for EXTENDED / FORMATTED the table's
  // details.
  const CatalogTable& t = *table;
  auto plan = ctx.session->table(t.name).plan();
  std::vector<std::vector<Value>> rows;
  auto row = [&](const std::string& a, const std::string& b, std::optional<std::string> c) {
    rows.push_back({Value::string(a), Value::string(b), c ? Value::string(*c) : Value::null(StringType())});
  };
  for (const auto& a : plan->output()) row(a->name(), a->type()->simpleString(), std::nullopt);
  if (!t.partition_by.empty()) {
    row("# Partition Information", "", "");
    row("# col_name", "data_type", "comment");
    for (const auto& p : t.partition_by) {
      for (const auto& a : plan->output()) {
        if (equalsIgnoreCase(a->name(), p)) row(a->name(), a->type()->simpleString(), std::nullopt);
      }
    }
  }
  if (d.mode != sql::DescribeMode::kDefault) {
    row("", "", "");
    row("# Detailed Table Information", "", "");
    row("Catalog", "spark_catalog", "");
    row("Database", "default", "");
    row("Table", t.name, "");
    row("Type", t.managed ? "MANAGED" : "EXTERNAL", "");
    row("Provider", t.format, "");
    row("Location", "file:" + std::filesystem::absolute(t.location).lexically_normal().string(), "");
  }
  return ctx.rows(rows, stringSchema({"col_name", "data_type", "comment"}));
}

}  // namespace loch
