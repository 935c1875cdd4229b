#pragma once
// In-memory form of the Parquet footer and page headers, decoded from the
// Thrift compact protocol. Field meanings follow apache/parquet-format
// src/main/thrift/parquet.thrift; comments here only note reader-side
// choices. Unknown fields and unknown union members are skipped, so files
// from newer writers stay readable.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace loch::parquet {

/// Physical storage type (parquet.thrift `Type`).
enum class PhysicalType : int32_t {
  kBoolean = 0,
  kInt32 = 1,
  kInt64 = 2,
  kInt96 = 3,
  kFloat = 4,
  kDouble = 5,
  kByteArray = 6,
  kFixedLenByteArray = 7,
};

/// Legacy annotation (parquet.thrift `ConvertedType`).
enum class ConvertedType : int32_t {
  kUtf8 = 0, kMap = 1, kMapKeyValue = 2, kList = 3, kEnum = 4, kDecimal = 5,
  kDate = 6, kTimeMillis = 7, kTimeMicros = 8, kTimestampMillis = 9,
  kTimestampMicros = 10, kUint8 = 11, kUint16 = 12, kUint32 = 13, kUint64 = 14,
  kInt8 = 15, kInt16 = 16, kInt32 = 17, kInt64 = 18, kJson = 19, kBson = 20,
  kInterval = 21,
};

/// Field repetition (parquet.thrift `FieldRepetitionType`).
enum class Repetition : int32_t { kRequired = 0, kOptional = 1, kRepeated = 2, kVector = 3 };

/// Value/level encodings (parquet.thrift `Encoding`). Values outside the
/// known set can occur in files and are kept as-is.
enum class Encoding : int32_t {
  kPlain = 0,
  kPlainDictionary = 2,
  kRle = 3,
  kBitPacked = 4,
  kDeltaBinaryPacked = 5,
  kDeltaLengthByteArray = 6,
  kDeltaByteArray = 7,
  kRleDictionary = 8,
  kByteStreamSplit = 9,
};

/// Compression codecs (parquet.thrift `CompressionCodec`).
enum class Codec : int32_t {
  kUncompressed = 0, kSnappy = 1, kGzip = 2, kLzo = 3, kBrotli = 4, kLz4 = 5,
  kZstd = 6, kLz4Raw = 7,
};

/// Page kinds (parquet.thrift `PageType`).
enum class PageType : int32_t { kDataPage = 0, kIndexPage = 1, kDictionaryPage = 2, kDataPageV2 = 3 };

/// Unit of TIME/TIMESTAMP logical types.
enum class TimeUnit : int32_t { kMillis = 1, kMicros = 2, kNanos = 3 };

/// Names for messages, e.g. "SNAPPY", "RLE_DICTIONARY", "INT96".
std::string toString(PhysicalType t);
std::string toString(Encoding e);
std::string toString(Codec c);

/// Column-chunk or page statistics. Binary values are PLAIN-encoded without
/// a length prefix (so an INT32 min is 4 little-endian bytes).
struct Statistics {
  std::optional<std::string> max;  ///< deprecated signed-order max
  std::optional<std::string> min;  ///< deprecated signed-order min
  std::optional<int64_t> null_count;
  std::optional<int64_t> distinct_count;
  std::optional<std::string> max_value;
  std::optional<std::string> min_value;
  std::optional<bool> is_max_value_exact;
  std::optional<bool> is_min_value_exact;
  std::optional<int64_t> nan_count;
};

/// The LogicalType union (parquet.thrift `LogicalType`), flattened. Only the
/// members of the active kind are meaningful.
struct LogicalType {
  enum class Kind {
    kString, kMap, kList, kEnum, kDecimal, kDate, kTime, kTimestamp, kInteger,
    kNull, kJson, kBson, kUuid, kFloat16, kVariant, kGeometry, kGeography,
    kVector,
    kUnrecognized,  ///< a union member this reader does not know (newer writer)
  };
  Kind kind = Kind::kUnrecognized;
  int32_t scale = 0;           ///< DECIMAL
  int32_t precision = 0;       ///< DECIMAL
  bool is_adjusted_to_utc = false;  ///< TIME, TIMESTAMP
  TimeUnit unit = TimeUnit::kMillis;  ///< TIME, TIMESTAMP
  int32_t bit_width = 0;       ///< INTEGER: 8, 16, 32 or 64
  bool is_signed = true;       ///< INTEGER
};

/// One node of the flattened schema (depth-first order).
struct SchemaElement {
  std::optional<PhysicalType> type;  ///< set for leaves only
  std::optional<int32_t> type_length;
  std::optional<Repetition> repetition;  ///< unset for the root
  std::string name;
  std::optional<int32_t> num_children;  ///< set for groups only
  std::optional<ConvertedType> converted_type;
  std::optional<int32_t> scale;
  std::optional<int32_t> precision;
  std::optional<int32_t> field_id;
  std::optional<LogicalType> logical_type;
};

struct KeyValue {
  std::string key;
  std::optional<std::string> value;
};

struct PageEncodingStats {
  PageType page_type = PageType::kDataPage;
  Encoding encoding = Encoding::kPlain;
  int32_t count = 0;
};

struct ColumnMetaData {
  PhysicalType type = PhysicalType::kInt32;
  std::vector<Encoding> encodings;
  std::vector<std::string> path_in_schema;
  Codec codec = Codec::kUncompressed;
  int64_t num_values = 0;
  int64_t total_uncompressed_size = 0;
  int64_t total_compressed_size = 0;
  std::vector<KeyValue> key_value_metadata;
  int64_t data_page_offset = 0;
  std::optional<int64_t> index_page_offset;
  std::optional<int64_t> dictionary_page_offset;
  std::optional<Statistics> statistics;
  std::vector<PageEncodingStats> encoding_stats;
  std::optional<int64_t> bloom_filter_offset;
  std::optional<int32_t> bloom_filter_length;
};

struct ColumnChunk {
  std::optional<std::string> file_path;  ///< external file; not supported for reading
  int64_t file_offset = 0;
  std::optional<ColumnMetaData> meta_data;
  std::optional<int64_t> offset_index_offset;
  std::optional<int32_t> offset_index_length;
  std::optional<int64_t> column_index_offset;
  std::optional<int32_t> column_index_length;
  bool encrypted = false;  ///< crypto_metadata or encrypted_column_metadata present
};

struct SortingColumn {
  int32_t column_idx = 0;
  bool descending = false;
  bool nulls_first = false;
};

struct RowGroup {
  std::vector<ColumnChunk> columns;
  int64_t total_byte_size = 0;
  int64_t num_rows = 0;
  std::vector<SortingColumn> sorting_columns;
  std::optional<int64_t> file_offset;
  std::optional<int64_t> total_compressed_size;
  std::optional<int16_t> ordinal;
};

/// Sort order of min/max statistics per leaf column (parquet.thrift `ColumnOrder`).
enum class ColumnOrder { kTypeDefined, kIeee754TotalOrder, kInt96TimestampOrder, kUnknown };

struct FileMetaData {
  int32_t version = 0;
  std::vector<SchemaElement> schema;
  int64_t num_rows = 0;
  std::vector<RowGroup> row_groups;
  std::vector<KeyValue> key_value_metadata;
  std::optional<std::string> created_by;
  std::vector<ColumnOrder> column_orders;
  bool encrypted = false;  ///< plaintext footer of an encrypted file
};

struct DataPageHeader {
  int32_t num_values = 0;  ///< levels in the page, nulls included
  Encoding encoding = Encoding::kPlain;
  Encoding definition_level_encoding = Encoding::kRle;
  Encoding repetition_level_encoding = Encoding::kRle;
  std::optional<Statistics> statistics;
};

struct DataPageHeaderV2 {
  int32_t num_values = 0;
  int32_t num_nulls = 0;
  int32_t num_rows = 0;
  Encoding encoding = Encoding::kPlain;
  int32_t definition_levels_byte_length = 0;
  int32_t repetition_levels_byte_length = 0;
  bool is_compressed = true;  ///< Thrift default
  std::optional<Statistics> statistics;
};

struct DictionaryPageHeader {
  int32_t num_values = 0;
  Encoding encoding = Encoding::kPlain;
  std::optional<bool> is_sorted;
};

struct PageHeader {
  PageType type = PageType::kDataPage;
  int32_t uncompressed_page_size = 0;
  int32_t compressed_page_size = 0;
  std::optional<int32_t> crc;
  std::optional<DataPageHeader> data_page_header;
  bool has_index_page_header = false;
  std::optional<DictionaryPageHeader> dictionary_page_header;
  std::optional<DataPageHeaderV2> data_page_header_v2;
};

struct PageLocation {
  int64_t offset = 0;
  int32_t compressed_page_size = 0;  ///< header included
  int64_t first_row_index = 0;
};

/// Page index: where each data page of a column chunk is.
struct OffsetIndex {
  std::vector<PageLocation> page_locations;
  std::vector<int64_t> unencoded_byte_array_data_bytes;
};

enum class BoundaryOrder : int32_t { kUnordered = 0, kAscending = 1, kDescending = 2 };

/// Page index: per-page min/max/null statistics of a column chunk.
struct ColumnIndex {
  std::vector<bool> null_pages;
  std::vector<std::string> min_values;
  std::vector<std::string> max_values;
  BoundaryOrder boundary_order = BoundaryOrder::kUnordered;
  std::vector<int64_t> null_counts;
  std::vector<int64_t> repetition_level_histograms;
  std::vector<int64_t> definition_level_histograms;
  std::vector<int64_t> nan_counts;
};

/// Decodes a FileMetaData from the footer bytes (those between the data and
/// the 4-byte length + "PAR1" trailer). Throws IOException(PARQUET_CORRUPT_FILE)
/// on malformed Thrift or a missing required field.
FileMetaData decodeFileMetaData(const uint8_t* data, size_t size);

/// Decodes a PageHeader from the start of `data`; `*header_size` receives the
/// number of bytes it occupied. Throws on malformed input.
PageHeader decodePageHeader(const uint8_t* data, size_t size, size_t* header_size);

/// Decodes page-index structures (ColumnChunk.column_index_offset/length,
/// offset_index_offset/length point at them). Throws on malformed input.
ColumnIndex decodeColumnIndex(const uint8_t* data, size_t size);
OffsetIndex decodeOffsetIndex(const uint8_t* data, size_t size);

/// Reads the footer location from the last 8 bytes of a file: checks the
/// "PAR1" magic and returns the footer length. `tail` must hold those 8
/// bytes. Throws when the magic is wrong ("PARE" means an encrypted footer,
/// reported as unsupported).
uint32_t parseFooterTail(const uint8_t* tail);

}  // namespace loch::parquet
