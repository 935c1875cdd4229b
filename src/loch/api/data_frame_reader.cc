#include "loch/api/data_frame_reader.h"

#include "loch/api/data_frame.h"
#include "loch/api/spark_session.h"
#include "loch/common/exception.h"
#include "loch/io/data_source_factory.h"

namespace loch {

DataFrameReader SparkSession::read() { return DataFrameReader(shared_from_this()); }

DataFrameReader& DataFrameReader::format(const std::string& source) {
  format_ = source;
  return *this;
}

DataFrameReader& DataFrameReader::option(const std::string& key, const std::string& value) {
  options_.set(key, value);
  return *this;
}

DataFrameReader& DataFrameReader::option(const std::string& key, bool value) {
  return option(key, std::string(value ? "true" : "false"));
}

DataFrameReader& DataFrameReader::option(const std::string& key, int64_t value) {
  return option(key, std::to_string(value));
}

DataFrameReader& DataFrameReader::options(const std::map<std::string, std::string>& options) {
  for (const auto& [k, v] : options) options_.set(k, v);
  return *this;
}

DataFrameReader& DataFrameReader::schema(SchemaPtr schema) {
  schema_ = std::move(schema);
  return *this;
}

DataFrameReader& DataFrameReader::schema(const std::string& ddl) { return schema(parseSchemaDDL(ddl)); }

DataFrame DataFrameReader::load(const std::string& path) const {
  if (!options_.get("timeZone")) {
    // Sources format/parse timestamps in the session time zone, like Spark.
    SourceOptions with_tz = options_;
    with_tz.set("timeZone", session_->conf().sessionTimeZone());
    return DataFrame(session_, LogicalPlan::dataSourceScan(openDataSource(format_, path, with_tz, schema_)));
  }
  return DataFrame(session_, LogicalPlan::dataSourceScan(openDataSource(format_, path, options_, schema_)));
}

DataFrame DataFrameReader::parquet(const std::string& path) { return format("parquet").load(path); }
DataFrame DataFrameReader::csv(const std::string& path) { return format("csv").load(path); }
DataFrame DataFrameReader::json(const std::string& path) { return format("json").load(path); }

DataFrame DataFrameReader::load() const {
  auto path = options_.get("path");
  if (!path) throw AnalysisException("PATH_NOT_FOUND", "load() needs a path: pass one or set option(\"path\", ...).");
  return load(*path);
}

}  // namespace loch
