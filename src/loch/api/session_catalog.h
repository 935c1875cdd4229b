#pragma once
// SessionCatalog: the tables a session made with CREATE TABLE. Each table is
// files at a location (written with DataFrameWriter) and is queried through
// the session's temporary view of the same name, re-read after every write.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "loch/types/schema.h"

namespace loch {

class DataFrame;
class SparkSession;

/// One CREATE TABLE table.
struct CatalogTable {
  std::string name;
  std::string location;
  std::string format;  ///< parquet, csv or json
  std::map<std::string, std::string> options;
  std::vector<std::string> partition_by;
  SchemaPtr schema;  ///< data columns, then partition columns; null: inferred
  bool managed = true;  ///< under the warehouse folder: DROP deletes the files
};

/// The CREATE TABLE tables of one SparkSession (owned by it; a new session
/// starts with none). Names are case-insensitive. Not thread-safe: SQL
/// statements of a session run one at a time.
class SessionCatalog {
 public:
  explicit SessionCatalog(SparkSession& session) : session_(session) {}

  /// The table named `name` (any case), or nullopt.
  std::optional<CatalogTable> lookup(const std::string& name) const;
  bool contains(const std::string& name) const;
  /// The tables' names as created, ordered by lower-case name.
  std::vector<std::string> list() const;

  /// Registers `table` over files already at its location (schema inferred
  /// unless set) and creates its view; on failure nothing is registered.
  /// @throws whatever reading the files throws (e.g. PATH_NOT_FOUND).
  void create(const CatalogTable& table);
  /// Writes `data` to `table`'s new location (mode errorifexists,
  /// partitioned by table.partition_by), then registers the table with
  /// data's schema and creates its view.
  /// @throws whatever DataFrameWriter::save throws.
  void createFrom(CatalogTable table, const DataFrame& data);
  /// Appends `rows` (already in the table's column order and types) to
  /// `table`'s files, or replaces them when `overwrite`, then re-reads it.
  void insert(const CatalogTable& table, const DataFrame& rows, bool overwrite);
  /// Drops table `name` (must exist): uncaches and drops its view, deletes
  /// the files of a managed table and forgets it.
  void drop(const std::string& name);
  /// (Re-)registers `table`'s view over its current files, uncaching the
  /// old view's plan.
  void refresh(const CatalogTable& table);

 private:
  void write(const CatalogTable& table, const DataFrame& data, const std::string& mode);

  SparkSession& session_;
  std::map<std::string, CatalogTable> tables_;  // lower-case name → table
};

}  // namespace loch
