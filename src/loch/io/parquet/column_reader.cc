#include "loch/io/parquet/column_reader.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <memory>

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

// Decompression target that grows without zero-filling: a corrupt header
// may claim a page of up to 2 GB, and only the bytes a decompressor really
// writes (it fails early on bad input) should become resident memory.
// Every byte is written before it is read: decompress() checks the output
// size.
class PageBuffer {
 public:
  uint8_t* resize(size_t size) {
    if (size > capacity_) {
      data_ = std::make_unique_for_overwrite<uint8_t[]>(size);
      capacity_ = size;
    }
    return data_.get();
  }

 private:
  std::unique_ptr<uint8_t[]> data_;
  size_t capacity_ = 0;
};

uint32_t readLe32(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

class ChunkDecoder {
 public:
  ChunkDecoder(const ColumnDescriptor& column, const ColumnMetaData& meta, const ColumnReaderOptions& options)
      : column_(column), meta_(meta), options_(options) {
    out_.physical_type = column.physical_type;
    out_.type_length = column.type_length;
    out_.max_definition_level = column.max_definition_level;
    out_.max_repetition_level = column.max_repetition_level;
    if (meta.type != column.physical_type) throwCorrupt("column chunk type differs from the schema");
  }

  ColumnChunkData run(const uint8_t* chunk, size_t size) {
    size_t pos = 0;
    while (out_.num_levels < meta_.num_values && pos < size) {
      size_t header_size = 0;
      PageHeader header = decodePageHeader(chunk + pos, size - pos, &header_size);
      pos += header_size;
      if (static_cast<size_t>(header.compressed_page_size) > size - pos) {
        throwCorrupt("page extends past the column chunk");
      }
      const uint8_t* payload = chunk + pos;
      pos += static_cast<size_t>(header.compressed_page_size);
      if (options_.verify_checksums && header.crc) checkCrc(header, payload);
      readPage(header, payload);
      ++page_index_;
    }
    if (out_.num_levels != meta_.num_values) {
      throwCorrupt("column chunk has " + std::to_string(out_.num_levels) + " values, metadata says " +
                   std::to_string(meta_.num_values));
    }
    out_.num_values = value_count_;
    return std::move(out_);
  }

 private:
  void checkCrc(const PageHeader& header, const uint8_t* payload) {
    uLong crc = crc32(0L, Z_NULL, 0);
    crc = crc32(crc, payload, static_cast<uInt>(header.compressed_page_size));
    if (static_cast<uint32_t>(crc) != static_cast<uint32_t>(*header.crc)) {
      const char* kind = header.type == PageType::kDictionaryPage ? "dictionary page" : "page";
      throwCorrupt(std::string(kind) + " " + std::to_string(page_index_) + " of the column chunk: CRC mismatch");
    }
  }

  void readPage(const PageHeader& header, const uint8_t* payload) {
    switch (header.type) {
      case PageType::kDictionaryPage: return readDictionaryPage(header, payload);
      case PageType::kDataPage: return readDataPageV1(header, payload);
      case PageType::kDataPageV2: return readDataPageV2(header, payload);
      default: return;  // index pages and unknown page kinds carry no values
    }
  }

  const uint8_t* decompressWhole(const PageHeader& header, const uint8_t* payload) {
    if (meta_.codec == Codec::kUncompressed) {
      if (header.uncompressed_page_size != header.compressed_page_size) {
        throwCorrupt("uncompressed page sizes disagree");
      }
      return payload;
    }
    size_t size = static_cast<size_t>(header.uncompressed_page_size);
    uint8_t* out = page_buffer_.resize(size);
    decompress(meta_.codec, payload, static_cast<size_t>(header.compressed_page_size), out, size);
    return out;
  }

  void readDictionaryPage(const PageHeader& header, const uint8_t* payload) {
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
  // index of the first level of this page.
  size_t beginLevels(int32_t num_values) {
    if (num_values < 0 || num_values > kMaxPageValues) throwCorrupt("page value count out of range");
    if (num_values > meta_.num_values - out_.num_levels) {
      throwCorrupt("pages hold more values than the column chunk metadata says");
    }
    size_t start = static_cast<size_t>(out_.num_levels);
    size_t end = start + static_cast<size_t>(num_values);
    if (column_.max_definition_level > 0) out_.def_levels.resize(end);
    if (column_.max_repetition_level > 0) out_.rep_levels.resize(end);
    return start;
  }

  // Decodes hybrid levels (no length prefix) into out[0..n) and checks them.
  void decodeHybridLevels(const uint8_t* data, size_t size, int16_t max_level, size_t n, int16_t* out,
                          const char* what) {
    RleBitPackedDecoder dec(data, size, bitWidthFor(static_cast<uint32_t>(max_level)));
    if (dec.getBatch(out, n) != n) throwCorrupt(std::string("page has fewer ") + what + " levels than values");
    checkLevels(out, n, max_level, what);
  }

  static void checkLevels(const int16_t* levels, size_t n, int16_t max_level, const char* what) {
    for (size_t i = 0; i < n; ++i) {
      if (levels[i] < 0 || levels[i] > max_level) throwCorrupt(std::string(what) + " level out of range");
    }
  }

  // v1 levels: RLE with a 4-byte length prefix, or deprecated BIT_PACKED.
  // Returns bytes consumed.
  size_t decodeV1Levels(Encoding encoding, const uint8_t* data, size_t size, int16_t max_level, size_t n,
                        int16_t* out, const char* what) {
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

  void readDataPageV1(const PageHeader& header, const uint8_t* payload) {
    if (!header.data_page_header) throwCorrupt("data page without its header");
    const DataPageHeader& d = *header.data_page_header;
    size_t start = beginLevels(d.num_values);
    size_t n = static_cast<size_t>(d.num_values);
    const uint8_t* data = decompressWhole(header, payload);
    size_t size = static_cast<size_t>(header.uncompressed_page_size);
    size_t pos = 0;
    if (column_.max_repetition_level > 0) {
      pos += decodeV1Levels(d.repetition_level_encoding, data, size, column_.max_repetition_level, n,
                            out_.rep_levels.data() + start, "repetition");
    }
    if (column_.max_definition_level > 0) {
      pos += decodeV1Levels(d.definition_level_encoding, data + pos, size - pos, column_.max_definition_level, n,
                            out_.def_levels.data() + start, "definition");
    }
    finishLevels(start, n);
    decodeValues(d.encoding, data + pos, size - pos, countNonNull(start, n));
  }

  void readDataPageV2(const PageHeader& header, const uint8_t* payload) {
    if (!header.data_page_header_v2) throwCorrupt("data page v2 without its header");
    const DataPageHeaderV2& d = *header.data_page_header_v2;
    size_t start = beginLevels(d.num_values);
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
      decodeHybridLevels(payload, rep_len, column_.max_repetition_level, n, out_.rep_levels.data() + start,
                         "repetition");
    }
    if (column_.max_definition_level > 0) {
      decodeHybridLevels(payload + rep_len, def_len, column_.max_definition_level, n,
                         out_.def_levels.data() + start, "definition");
    }
    finishLevels(start, n);
    // Levels are never compressed in v2; only the value section is.
    const uint8_t* values = payload + rep_len + def_len;
    size_t values_size = compressed - rep_len - def_len;
    size_t values_uncompressed = uncompressed - rep_len - def_len;
    if (d.is_compressed && meta_.codec != Codec::kUncompressed) {
      uint8_t* out = page_buffer_.resize(values_uncompressed);
      decompress(meta_.codec, values, values_size, out, values_uncompressed);
      values = out;
      values_size = values_uncompressed;
    }
    decodeValues(d.encoding, values, values_size, countNonNull(start, n));
  }

  void finishLevels(size_t start, size_t n) {
    if (column_.max_repetition_level > 0 && start == 0 && n > 0 && out_.rep_levels[0] != 0) {
      throwCorrupt("first repetition level of the column chunk is not 0");
    }
    out_.num_levels += static_cast<int64_t>(n);
  }

  size_t countNonNull(size_t start, size_t n) const {
    if (column_.max_definition_level == 0) return n;
    const int16_t* levels = out_.def_levels.data() + start;
    int16_t max = column_.max_definition_level;
    return static_cast<size_t>(std::count(levels, levels + n, max));
  }

  // Appends `count` values decoded from one page's value section.
  void decodeValues(Encoding encoding, const uint8_t* data, size_t size, size_t count) {
    if (count == 0) return;
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
      size_t old = out_.fixed.size();
      out_.fixed.resize(old + count * width);
      fixed_out = out_.fixed.data() + old;
    }
    switch (encoding) {
      case Encoding::kPlain:
        if (is_bytes) {
          decodePlainByteArray(data, size, count, out_.bytes);
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
          gatherByteArray(dict_bytes_, indices_.data(), count, out_.bytes);
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
        decodeDeltaLengthByteArray(data, size, count, out_.bytes);
        break;
      case Encoding::kDeltaByteArray:
        if (is_bytes) {
          decodeDeltaByteArray(data, size, count, out_.bytes);
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
    value_count_ += static_cast<int64_t>(count);
  }

  static void decodeFixedDeltaByteArray(const uint8_t* data, size_t size, size_t count, size_t width,
                                        uint8_t* out) {
    ByteArrayBuffer tmp;
    decodeDeltaByteArray(data, size, count, tmp);
    for (size_t i = 0; i < count; ++i) {
      std::string_view v = tmp.at(i);
      if (v.size() != width) throwCorrupt("DELTA_BYTE_ARRAY value length differs from FIXED_LEN_BYTE_ARRAY width");
      std::memcpy(out + i * width, v.data(), width);
    }
  }

  const ColumnDescriptor& column_;
  const ColumnMetaData& meta_;
  const ColumnReaderOptions& options_;
  ColumnChunkData out_;
  int64_t value_count_ = 0;
  int page_index_ = 0;
  PageBuffer page_buffer_;
  std::vector<int32_t> indices_;
  bool has_dictionary_ = false;
  size_t dict_count_ = 0;
  std::vector<uint8_t> dict_fixed_;
  ByteArrayBuffer dict_bytes_;
};

}  // namespace

size_t physicalWidth(PhysicalType type, int32_t type_length) {
  switch (type) {
    case PhysicalType::kBoolean: return 1;
    case PhysicalType::kInt32:
    case PhysicalType::kFloat: return 4;
    case PhysicalType::kInt64:
    case PhysicalType::kDouble: return 8;
    case PhysicalType::kInt96: return 12;
    case PhysicalType::kFixedLenByteArray: return static_cast<size_t>(std::max(type_length, 0));
    case PhysicalType::kByteArray: return 0;
  }
  return 0;
}

size_t ColumnChunkData::valueWidth() const { return physicalWidth(physical_type, type_length); }

ColumnChunkData readColumnChunk(const uint8_t* chunk, size_t size, const ColumnDescriptor& column,
                                const ColumnMetaData& meta, const ColumnReaderOptions& options) {
  return ChunkDecoder(column, meta, options).run(chunk, size);
}

}  // namespace loch::parquet
