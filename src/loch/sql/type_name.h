#pragma once
// A data type as written in SQL (CAST targets, DDL column types). The binder
// maps it to an engine type; the parser only canonicalizes spellings.

#include <string>
#include <vector>

#include "loch/sql/token.h"

namespace loch::sql {

/// Canonical `name` values: "boolean", "tinyint", "smallint", "int",
/// "bigint", "float", "double", "decimal", "string", "varchar", "char",
/// "binary", "date", "timestamp" (= TIMESTAMP_LTZ), "timestamp_ntz",
/// "interval", "void", "array", "map", "struct"; any other word is kept
/// lower-cased so the binder can reject it with a proper message.
struct TypeName {
  std::string name;
  /// decimal(p[,s]) -> {p} or {p, s}; varchar(n)/char(n) -> {n}.
  std::vector<int> params;
  /// array -> {element}; map -> {key, value}; struct -> one per field.
  std::vector<TypeName> children;
  /// struct only: field names, parallel to `children`.
  std::vector<std::string> field_names;
  /// struct only: per-field NOT NULL flag, parallel to `children`.
  std::vector<bool> field_not_null;
  /// struct only: per-field COMMENT ('' when absent).
  std::vector<std::string> field_comments;
  /// interval only: leading/trailing field in upper case, e.g. "DAY" and
  /// "SECOND" for INTERVAL DAY TO SECOND; both empty for a bare INTERVAL;
  /// `interval_to` empty for a single field (INTERVAL YEAR).
  std::string interval_from;
  std::string interval_to;
  SourcePos pos;

  /// Spark's SQL spelling: INT, DECIMAL(10,2), ARRAY<INT>,
  /// MAP<STRING, INT>, STRUCT<a: INT, b: STRING>, INTERVAL DAY TO SECOND.
  std::string toString() const;
};

}  // namespace loch::sql
