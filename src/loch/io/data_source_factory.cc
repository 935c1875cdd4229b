#include "loch/io/data_source_factory.h"

#include <algorithm>

#include "loch/common/exception.h"
#include "loch/io/csv/csv_source.h"
#include "loch/io/json/json_source.h"
#include "loch/io/parquet_source.h"

namespace loch {

DataSourcePtr openDataSource(const std::string& format, const std::string& path, const SourceOptions& options,
                             SchemaPtr user_schema) {
  std::string f = format;
  std::transform(f.begin(), f.end(), f.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (f == "parquet") return std::make_shared<ParquetSource>(path, options, std::move(user_schema));
  if (f == "csv") return std::make_shared<CsvSource>(path, options, std::move(user_schema));
  if (f == "json") return std::make_shared<JsonSource>(path, options, std::move(user_schema));
  throw AnalysisException("DATA_SOURCE_NOT_FOUND",
                          "Failed to find the data source: " + format + ". Supported: parquet, csv, json.");
}

}  // namespace loch
