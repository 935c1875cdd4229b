#include "loch/io/format_writer.h"

#include <algorithm>

#include "loch/common/exception.h"
#include "loch/io/csv/csv_writer.h"
#include "loch/io/json/json_writer.h"
#include "loch/io/parquet/compressor.h"
#include "loch/io/parquet/file_writer.h"

namespace loch {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

class ParquetFormatWriter : public FormatWriter {
 public:
  ParquetFormatWriter(std::unique_ptr<OutputFile> out, const SchemaPtr& schema, parquet::WriterOptions options)
      : writer_(std::move(out), schema, options) {}
  void write(const RecordBatchPtr& batch) override { writer_.write(batch); }
  void close() override { writer_.close(); }

 private:
  parquet::ParquetFileWriter writer_;
};

parquet::Codec parquetCodec(const SourceOptions& options) {
  auto name = options.get("compression");
  if (!name) name = options.get("parquet.compression");
  return parquet::codecFromName(name ? *name : "snappy");
}

}  // namespace

std::unique_ptr<FormatWriter> openFormatWriter(const std::string& format, std::unique_ptr<OutputFile> out,
                                               const SchemaPtr& schema, const SourceOptions& options) {
  std::string f = lower(format);
  if (f == "parquet") {
    parquet::WriterOptions w;
    w.codec = parquetCodec(options);
    w.block_size = options.getLong("parquet.block.size", w.block_size);
    w.page_size = options.getLong("parquet.page.size", w.page_size);
    w.dictionary_page_size = options.getLong("parquet.dictionary.page.size", w.dictionary_page_size);
    w.enable_dictionary = options.getBool("parquet.enable.dictionary", true);
    return std::make_unique<ParquetFormatWriter>(std::move(out), schema, w);
  }
  if (f == "csv") return std::make_unique<CsvWriter>(std::move(out), schema, options);
  if (f == "json") return std::make_unique<JsonWriter>(std::move(out), schema, options);
  throw AnalysisException("DATA_SOURCE_NOT_FOUND", "Failed to find the data source: " + format + ". Supported: parquet, csv, json.");
}

std::string formatFileSuffix(const std::string& format, const SourceOptions& options) {
  std::string f = lower(format);
  if (f == "parquet") {
    std::string infix = parquet::codecFileInfix(parquetCodec(options));
    return infix.empty() ? ".parquet" : "." + infix + ".parquet";
  }
  if (f == "csv") return ".csv";
  if (f == "json") return ".json";
  throw AnalysisException("DATA_SOURCE_NOT_FOUND", "Failed to find the data source: " + format + ". Supported: parquet, csv, json.");
}

}  // namespace loch
