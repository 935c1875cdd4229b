#pragma once
// The DataSource for a format name (DataFrameReader.format / SQL
// `SELECT * FROM parquet.`path``).

#include <string>

#include "loch/io/data_source.h"
#include "loch/io/source_options.h"

namespace loch {

/// A source reading `path` as `format` ("parquet", "csv", "json"; any
/// case). `user_schema` may be null (infer). @throws
/// AnalysisException("UNSUPPORTED_DATASOURCE") naming an unknown format,
/// and whatever the format's source throws (PATH_NOT_FOUND, ...).
DataSourcePtr openDataSource(const std::string& format, const std::string& path, const SourceOptions& options,
                             SchemaPtr user_schema);

}  // namespace loch
