#include "loch/io/parquet/column_chunk_decoder.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>

#include "loch/common/exception.h"
#include "loch/io/parquet/compression.h"
#include "loch/io/parquet/encodings/byte_stream_split.h"
#include "loch/io/parquet/encodings/delta_binary_packed.h"
#include "loch/io/parquet/encodings/delta_byte_array.h"
#include "loch/io/parquet/encodings/dictionary.h"
#include "loch/io/parquet/encodings/plain.h"
#include "loch/io/parquet/encodings/rle_bit_packed.h"
#include "loch/io/parquet/parquet_error.h"

namespace loch::parquet {

namespace {

// Upper bound on level entries in one page. Real writers stay far below
// (tens of thousands); the cap keeps a corrupt header from making us
// allocate gigabytes for levels.
constexpr int64_t kMaxPageValues = int64_t{1} << 28;

uint32_t readLe32(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

void checkLevels(const int16_t* levels, size_t n, int16_t max_level, const char* what) {
  for (size_t i = 0; i < n; ++i) {
    if (levels[i] < 0 || levels[i] > max_level) throwCorrupt(std::string(what) + " level out of range");
  }
}

void decodeFixedDeltaByteArray(const uint8_t* data, size_t size, size_t count, size_t width, uint8_t* out) {
  ByteArrayBuffer tmp;
  decodeDeltaByteArray(data, size, count, tmp);
  for (size_t i = 0; i < count; ++i) {
    std::string_view v = tmp.at(i);
    if (v.size() != width) throwCorrupt("DELTA_BYTE_ARRAY value length differs from FIXED_LEN_BYTE_ARRAY width");
    std::memcpy(out + i * width, v.data(), width);
  }
}

}  // namespace

uint8_t* ColumnChunkDecoder::PageBuffer::resize(size_t size) {
  if (size > capacity) {
    data = std::make_unique_for_overwrite<uint8_t[]>(size);
    capacity = size;
  }
  return data.get();
}

ColumnChunkDecoder::ColumnChunkDecoder(const uint8_t* chunk, size_t size, const ColumnDescriptor& column,
                                       const ColumnMetaData& meta, const ColumnReaderOptions& options)
    : chunk_(chunk), size_(size), column_(column), meta_(meta), options_(options) {
  if (meta.type != column.physical_type) throwCorrupt("column chunk type differs from the schema");
}

ColumnChunkData ColumnChunkDecoder::decodeAll() {
  ColumnChunkData out;
  out.physical_type = column_.physical_type;
  out.type_length = column_.type_length;
  out.max_definition_level = column_.max_definition_level;
  out.max_repetition_level = column_.max_repetition_level;
  bool data_page = false;
  while (levels_done_ < meta_.num_values && pos_ < size_) decodePage(out, &data_page);
  checkComplete();
  return out;
}

bool ColumnChunkDecoder::nextDataPage(ColumnChunkData& page) {
  lazy_dictionary_ = true;
  page.clearValues();
  page.physical_type = column_.physical_type;
  page.type_length = column_.type_length;
  page.max_definition_level = column_.max_definition_level;
  page.max_repetition_level = column_.max_repetition_level;
  while (levels_done_ < meta_.num_values && pos_ < size_) {
    bool data_page = false;
    decodePage(page, &data_page);
    if (data_page) return true;
  }
  checkComplete();
  return false;
}

void ColumnChunkDecoder::checkComplete() const {
  if (levels_done_ != meta_.num_values) {
    throwCorrupt("column chunk has " + std::to_string(levels_done_) + " values, metadata says " +
                 std::to_string(meta_.num_values));
  }
}

void ColumnChunkDecoder::decodePage(ColumnChunkData& out, bool* was_data_page) {
  size_t header_size = 0;
  PageHeader header = decodePageHeader(chunk_ + pos_, size_ - pos_, &header_size);
  pos_ += header_size;
  if (static_cast<size_t>(header.compressed_page_size) > size_ - pos_) {
    throwCorrupt("page extends past the column chunk");
  }
  const uint8_t* payload = chunk_ + pos_;
  pos_ += static_cast<size_t>(header.compressed_page_size);
  if (options_.verify_checksums && header.crc) checkCrc(header, payload);
  *was_data_page = false;
  switch (header.type) {
    case PageType::kDictionaryPage: readDictionaryPage(header, payload); break;
    case PageType::kDataPage:
      readDataPageV1(header, payload, out);
      *was_data_page = true;
      break;
    case PageType::kDataPageV2:
      readDataPageV2(header, payload, out);
      *was_data_page = true;
      break;
    default: break;  // index pages and unknown page kinds carry no values
  }
  ++page_index_;
}

void ColumnChunkDecoder::checkCrc(const PageHeader& header, const uint8_t* payload) {
  uLong crc = crc32(0L, Z_NULL, 0);
  crc = crc32(crc, payload, static_cast<uInt>(header.compressed_page_size));
  if (static_cast<uint32_t>(crc) != static_cast<uint32_t>(*header.crc)) {
    const char* kind = header.type == PageType::kDictionaryPage ? "dictionary page" : "page";
    throwCorrupt(std::string(kind) + " " + std::to_string(page_index_) + " of the column chunk: CRC mismatch");
  }
}

const uint8_t* ColumnChunkDecoder::decompressWhole(const PageHeader& header, const uint8_t* payload) {
  if (meta_.codec == Codec::kUncompressed) {
    if (header.uncompressed_page_size != header.compressed_page_size) {
      throwCorrupt("uncompressed page sizes disagree");
    }
    return payload;
  }
  size_t size = static_cast<size_t>(header.uncompressed_page_size);
  checkDecompressedSize(meta_.codec, payload, static_cast<size_t>(header.compressed_page_size), size);
  uint8_t* out = page_buffer_.resize(size);
  decompress(meta_.codec, payload, static_cast<size_t>(header.compressed_page_size), out, size);
  return out;
}

void ColumnChunkDecoder::readDictionaryPage(const PageHeader& header, const uint8_t* payload) {
  if (!header.dictionary_page_header) throwCorrupt("dictionary page without its header");
  if (has_dictionary_) throwCorrupt("column chunk has two dictionary pages");
  const DictionaryPageHeader& d = *header.dictionary_page_header;
  if (d.num_values < 0) throwCorrupt("dictionary page has a negative value count");
  if (d.encoding != Encoding::kPlain && d.encoding != Encoding::kPlainDictionary) {
    throw UnsupportedException("Parquet dictionary page encoding " + toString(d.encoding));
  }
  const uint8_t* data = decompressWhole(header, payload);
  size_t size = static_cast<size_t>(header.uncompressed_page_size);
  size_t n = static_cast<size_t>(d.num_values);
  if (column_.physical_type == PhysicalType::kByteArray) {
    decodePlainByteArray(data, size, n, dict_bytes_);
  } else if (column_.physical_type == PhysicalType::kBoolean) {
    dict_fixed_.resize(n);
    decodePlainBoolean(data, size, n, dict_fixed_.data());
  } else {
    size_t width = physicalWidth(column_.physical_type, column_.type_length);
    if (n > size / width) throwCorrupt("dictionary page shorter than its value count");
    dict_fixed_.resize(n * width);
    decodePlainFixed(data, size, n, width, dict_fixed_.data());
  }
  dict_count_ = n;
  has_dictionary_ = true;
}

// Checks the page's level count and grows the level arrays; returns the
// index of the first level of this page in `out`.
size_t ColumnChunkDecoder::beginLevels(int32_t num_values, ColumnChunkData& out) {
  if (num_values < 0 || num_values > kMaxPageValues) throwCorrupt("page value count out of range");
  if (num_values > meta_.num_values - levels_done_) {
    throwCorrupt("pages hold more values than the column chunk metadata says");
  }
  size_t start = static_cast<size_t>(out.num_levels);
  size_t end = start + static_cast<size_t>(num_values);
  if (column_.max_definition_level > 0) out.def_levels.resize(end);
  if (column_.max_repetition_level > 0) out.rep_levels.resize(end);
  return start;
}

// Decodes hybrid levels (no length prefix) into out[0..n) and checks them.
void ColumnChunkDecoder::decodeHybridLevels(const uint8_t* data, size_t size, int16_t max_level, size_t n,
                                            int16_t* out, const char* what) {
  int bit_width = bitWidthFor(static_cast<uint32_t>(max_level));
  RleBitPackedDecoder dec(data, size, bit_width);
  if (dec.getBatch(out, n) != n) throwCorrupt(std::string("page has fewer ") + what + " levels than values");
  // When the bit width cannot express a value above max_level, nothing to check.
  if (max_level != (1 << bit_width) - 1) checkLevels(out, n, max_level, what);
}

// v1 levels: RLE with a 4-byte length prefix, or deprecated BIT_PACKED.
// Returns bytes consumed.
size_t ColumnChunkDecoder::decodeV1Levels(Encoding encoding, const uint8_t* data, size_t size, int16_t max_level,
                                          size_t n, int16_t* out, const char* what) {
  if (encoding == Encoding::kRle) {
    if (size < 4) throwCorrupt(std::string("truncated ") + what + " level length");
    uint32_t len = readLe32(data);
    if (len > size - 4) throwCorrupt(std::string(what) + " levels run past the page");
    decodeHybridLevels(data + 4, len, max_level, n, out, what);
    return 4 + len;
  }
  if (encoding == Encoding::kBitPacked) {
    size_t used = decodeBitPackedMsbFirst(data, size, bitWidthFor(static_cast<uint32_t>(max_level)), n, out);
    checkLevels(out, n, max_level, what);
    return used;
  }
  throw UnsupportedException("Parquet level encoding " + toString(encoding));
}

void ColumnChunkDecoder::readDataPageV1(const PageHeader& header, const uint8_t* payload, ColumnChunkData& out) {
  if (!header.data_page_header) throwCorrupt("data page without its header");
  const DataPageHeader& d = *header.data_page_header;
  size_t start = beginLevels(d.num_values, out);
  size_t n = static_cast<size_t>(d.num_values);
  const uint8_t* data = decompressWhole(header, payload);
  size_t size = static_cast<size_t>(header.uncompressed_page_size);
  size_t pos = 0;
  if (column_.max_repetition_level > 0) {
    pos += decodeV1Levels(d.repetition_level_encoding, data, size, column_.max_repetition_level, n,
                          out.rep_levels.data() + start, "repetition");
  }
  if (column_.max_definition_level > 0) {
    pos += decodeV1Levels(d.definition_level_encoding, data + pos, size - pos, column_.max_definition_level, n,
                          out.def_levels.data() + start, "definition");
  }
  finishLevels(start, n, out);
  decodeValues(d.encoding, data + pos, size - pos, countNonNull(out, start, n), out);
}

void ColumnChunkDecoder::readDataPageV2(const PageHeader& header, const uint8_t* payload, ColumnChunkData& out) {
  if (!header.data_page_header_v2) throwCorrupt("data page v2 without its header");
  const DataPageHeaderV2& d = *header.data_page_header_v2;
  size_t start = beginLevels(d.num_values, out);
  size_t n = static_cast<size_t>(d.num_values);
  if (d.repetition_levels_byte_length < 0 || d.definition_levels_byte_length < 0) {
    throwCorrupt("negative level length in data page v2");
  }
  size_t rep_len = static_cast<size_t>(d.repetition_levels_byte_length);
  size_t def_len = static_cast<size_t>(d.definition_levels_byte_length);
  size_t compressed = static_cast<size_t>(header.compressed_page_size);
  size_t uncompressed = static_cast<size_t>(header.uncompressed_page_size);
  if (rep_len + def_len > compressed || rep_len + def_len > uncompressed) {
    throwCorrupt("data page v2 levels longer than the page");
  }
  if (column_.max_repetition_level > 0) {
    decodeHybridLevels(payload, rep_len, column_.max_repetition_level, n, out.rep_levels.data() + start,
                       "repetition");
  }
  if (column_.max_definition_level > 0) {
    decodeHybridLevels(payload + rep_len, def_len, column_.max_definition_level, n, out.def_levels.data() + start,
                       "definition");
  }
  finishLevels(start, n, out);
  // Levels are never compressed in v2; only the value section is.
  const uint8_t* values = payload + rep_len + def_len;
  size_t values_size = compressed - rep_len - def_len;
  size_t values_uncompressed = uncompressed - rep_len - def_len;
  if (d.is_compressed && meta_.codec != Codec::kUncompressed) {
    checkDecompressedSize(meta_.codec, values, values_size, values_uncompressed);
    uint8_t* buf = page_buffer_.resize(values_uncompressed);
    decompress(meta_.codec, values, values_size, buf, values_uncompressed);
    values = buf;
    values_size = values_uncompressed;
  }
  decodeValues(d.encoding, values, values_size, countNonNull(out, start, n), out);
}

void ColumnChunkDecoder::finishLevels(size_t start, size_t n, ColumnChunkData& out) {
  if (column_.max_repetition_level > 0 && levels_done_ == 0 && n > 0 && out.rep_levels[start] != 0) {
    throwCorrupt("first repetition level of the column chunk is not 0");
  }
  out.num_levels += static_cast<int64_t>(n);
  levels_done_ += static_cast<int64_t>(n);
}

size_t ColumnChunkDecoder::countNonNull(const ColumnChunkData& out, size_t start, size_t n) const {
  if (column_.max_definition_level == 0) return n;
  const int16_t* levels = out.def_levels.data() + start;
  int16_t max = column_.max_definition_level;
  return static_cast<size_t>(std::count(levels, levels + n, max));
}

// Appends `count` values decoded from one page's value section.
void ColumnChunkDecoder::decodeValues(Encoding encoding, const uint8_t* data, size_t size, size_t count,
                                      ColumnChunkData& out) {
  if (count == 0) return;
  if (lazy_dictionary_ && (encoding == Encoding::kPlainDictionary || encoding == Encoding::kRleDictionary)) {
    if (!has_dictionary_) throwCorrupt("dictionary-encoded page but no dictionary page");
    out.dictionary_index_reader.emplace(data, size);
    out.num_values += static_cast<int64_t>(count);
    return;
  }
  PhysicalType type = column_.physical_type;
  bool is_bytes = type == PhysicalType::kByteArray;
  size_t width = physicalWidth(type, column_.type_length);
  uint8_t* fixed_out = nullptr;
  if ((encoding == Encoding::kPlain || encoding == Encoding::kByteStreamSplit) && !is_bytes &&
      type != PhysicalType::kBoolean && count > size / width) {
    // Checked before allocating so a lying header cannot make us allocate.
    throwCorrupt("page value section shorter than its value count");
  }
  if (!is_bytes) {
    size_t old = out.fixed.size();
    out.fixed.resize(old + count * width);
    fixed_out = out.fixed.data() + old;
  }
  switch (encoding) {
    case Encoding::kPlain:
      if (is_bytes) {
        decodePlainByteArray(data, size, count, out.bytes);
      } else if (type == PhysicalType::kBoolean) {
        decodePlainBoolean(data, size, count, fixed_out);
      } else {
        decodePlainFixed(data, size, count, width, fixed_out);
      }
      break;
    case Encoding::kPlainDictionary:
    case Encoding::kRleDictionary: {
      if (!has_dictionary_) throwCorrupt("dictionary-encoded page but no dictionary page");

      indices_.resize(count);
      DictionaryIndexDecoder(data, size).decode(indices_.data(), count);
      if (is_bytes) {
        gatherByteArray(dict_bytes_, indices_.data(), count, out.bytes);
      } else {
        gatherFixed(dict_fixed_.data(), dict_count_, width, indices_.data(), count, fixed_out);
      }
      break;
    }
    case Encoding::kRle: {
      if (type != PhysicalType::kBoolean) throw UnsupportedException("RLE encoding for " + toString(type) + " values");
      if (size < 4) throwCorrupt("truncated RLE boolean length");
      uint32_t len = readLe32(data);
      if (len > size - 4) throwCorrupt("RLE booleans run past the page");
      RleBitPackedDecoder dec(data + 4, len, 1);
      if (dec.getBatch(fixed_out, count) != count) throwCorrupt("page has fewer RLE booleans than values");
      break;
    }
    case Encoding::kDeltaBinaryPacked: {
      DeltaBinaryPackedDecoder dec(data, size);
      if (type == PhysicalType::kInt32) {
        dec.decode(reinterpret_cast<int32_t*>(fixed_out), count);
      } else if (type == PhysicalType::kInt64) {
        dec.decode(reinterpret_cast<int64_t*>(fixed_out), count);
      } else {
        throwCorrupt("DELTA_BINARY_PACKED used for " + toString(type));
      }
      break;
    }
    case Encoding::kDeltaLengthByteArray:
      if (!is_bytes) throwCorrupt("DELTA_LENGTH_BYTE_ARRAY used for " + toString(type));
      decodeDeltaLengthByteArray(data, size, count, out.bytes);
      break;
    case Encoding::kDeltaByteArray:
      if (is_bytes) {
        decodeDeltaByteArray(data, size, count, out.bytes);
      } else if (type == PhysicalType::kFixedLenByteArray) {
        decodeFixedDeltaByteArray(data, size, count, width, fixed_out);
      } else {
        throwCorrupt("DELTA_BYTE_ARRAY used for " + toString(type));
      }
      break;
    case Encoding::kByteStreamSplit:
      if (is_bytes || type == PhysicalType::kBoolean) throwCorrupt("BYTE_STREAM_SPLIT used for " + toString(type));
      decodeByteStreamSplit(data, size, count, width, fixed_out);
      break;
    default:
      throw UnsupportedException("Parquet value encoding " + toString(encoding));
  }
  out.num_values += static_cast<int64_t>(count);
}

}  // namespace loch::parquet
