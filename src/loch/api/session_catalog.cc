#include "loch/api/session_catalog.h"

#include <filesystem>

#include "loch/api/data_frame_writer.h"
#include "loch/api/spark_session.h"
#include "loch/common/format.h"

namespace loch {

std::optional<CatalogTable> SessionCatalog::lookup(const std::string& name) const {
  auto it = tables_.find(toLower(name));
  if (it == tables_.end()) return std::nullopt;
  return it->second;
}

bool SessionCatalog::contains(const std::string& name) const { return tables_.count(toLower(name)) > 0; }

std::vector<std::string> SessionCatalog::list() const {
  std::vector<std::string> names;
  for (const auto& [key, t] : tables_) names.push_back(t.name);
  return names;
}

void SessionCatalog::create(const CatalogTable& table) {
  tables_[toLower(table.name)] = table;
  try {
    refresh(table);
  } catch (...) {
    tables_.erase(toLower(table.name));
    throw;
  }
}

void SessionCatalog::createFrom(CatalogTable table, const DataFrame& data) {
  table.schema = data.schema();
  write(table, data, "errorifexists");
  tables_[toLower(table.name)] = table;
  refresh(table);
}

void SessionCatalog::insert(const CatalogTable& table, const DataFrame& rows, bool overwrite) {
  write(table, rows, overwrite ? "overwrite" : "append");
  refresh(table);
}

void SessionCatalog::drop(const std::string& name) {
  const CatalogTable t = tables_.at(toLower(name));
  auto plan = session_.table(t.name).plan()->child(0);
  if (session_.isCachedPlan(plan)) session_.uncachePlan(plan);
  session_.dropTempView(t.name);
  if (t.managed) std::filesystem::remove_all(t.location);
  tables_.erase(toLower(t.name));
}

void SessionCatalog::refresh(const CatalogTable& table) {
  bool exists = false;
  for (const auto& n : session_.tempViewNames()) exists = exists || equalsIgnoreCase(n, table.name);
  if (exists) {
    auto old = session_.table(table.name).plan()->child(0);
    if (session_.isCachedPlan(old)) session_.uncachePlan(old);
  }
  auto reader = session_.read().format(table.format).options(table.options);
  if (table.schema) reader.schema(table.schema);
  session_.registerTempView(table.name, reader.load(table.location).plan(), true);
}

void SessionCatalog::write(const CatalogTable& table, const DataFrame& data, const std::string& mode) {
  auto writer = data.write();
  writer.format(table.format).options(table.options).partitionBy(table.partition_by).mode(mode);
  writer.save(table.location);
}

}  // namespace loch
