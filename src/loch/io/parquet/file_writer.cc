#include "loch/io/parquet/file_writer.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <unordered_map>

#include "loch/common/exception.h"
#include "loch/io/parquet/compressor.h"
#include "loch/io/parquet/metadata_writer.h"
#include "loch/vector/vector_ops.h"

namespace loch::parquet {

// ---- schema -----------------------------------------------------------------

/// A Spark field mapped onto Parquet: groups for struct/list/map, a Leaf
/// for primitives. Levels are the maxima at this node.
struct ParquetFileWriter::Node {
  enum class Kind { kPrimitive, kStruct, kList, kMap };
  Kind kind = Kind::kPrimitive;
  DataTypePtr type;
  bool nullable = true;
  int16_t def = 0;  ///< definition level when this node is present (non-null)
  int16_t rep = 0;  ///< repetition level of this node's repeated child (lists/maps)
  std::vector<std::unique_ptr<Node>> children;  ///< struct fields; list [element]; map [key, value]
  Leaf* leaf = nullptr;
  const Vector* vec = nullptr;  ///< this node's values in the row group being written
};

/// One leaf column's buffered levels and values for the current row group.
struct ParquetFileWriter::Leaf {
  std::vector<std::string> path;
  DataTypePtr type;
  PhysicalType physical = PhysicalType::kInt32;
  int32_t type_length = 0;
  int16_t max_def = 0;
  int16_t max_rep = 0;
  std::vector<int16_t> defs;
  std::vector<int16_t> reps;
  const Vector* values = nullptr;  ///< the flat vector all values come from
  std::vector<int32_t> rows;       ///< its rows holding the non-null values, in order
};

namespace {

int decimalBytes(int precision) {
  // Smallest n with 2^(8n-1) > 10^p - 1 (Spark's minBytesForPrecision).
  int n = 1;
  while (std::pow(2.0, 8.0 * n - 1) < std::pow(10.0, precision)) ++n;
  return n;
}

LogicalType logical(LogicalType::Kind kind) {
  LogicalType t;
  t.kind = kind;
  return t;
}

SchemaElement primitiveElement(const std::string& name, const DataType& type, bool nullable, PhysicalType& physical,
                               int32_t& type_length) {
  SchemaElement e;
  e.name = name;
  e.repetition = nullable ? Repetition::kOptional : Repetition::kRequired;
  switch (type.id()) {
    case TypeId::Boolean: physical = PhysicalType::kBoolean; break;
    case TypeId::Byte:
    case TypeId::Short: {
      physical = PhysicalType::kInt32;
      e.converted_type = type.id() == TypeId::Byte ? ConvertedType::kInt8 : ConvertedType::kInt16;
      LogicalType t = logical(LogicalType::Kind::kInteger);
      t.bit_width = type.id() == TypeId::Byte ? 8 : 16;
      t.is_signed = true;
      e.logical_type = t;
      break;
    }
    case TypeId::Integer: physical = PhysicalType::kInt32; break;
    case TypeId::Long: physical = PhysicalType::kInt64; break;
    case TypeId::Float: physical = PhysicalType::kFloat; break;
    case TypeId::Double: physical = PhysicalType::kDouble; break;
    case TypeId::String:
      physical = PhysicalType::kByteArray;
      e.converted_type = ConvertedType::kUtf8;
      e.logical_type = logical(LogicalType::Kind::kString);
      break;
    case TypeId::Binary: physical = PhysicalType::kByteArray; break;
    case TypeId::Date:
      physical = PhysicalType::kInt32;
      e.converted_type = ConvertedType::kDate;
      e.logical_type = logical(LogicalType::Kind::kDate);
      break;
    case TypeId::Timestamp:
    case TypeId::TimestampNTZ: {
      physical = PhysicalType::kInt64;
      LogicalType t = logical(LogicalType::Kind::kTimestamp);
      t.unit = TimeUnit::kMicros;
      t.is_adjusted_to_utc = type.id() == TypeId::Timestamp;
      if (t.is_adjusted_to_utc) e.converted_type = ConvertedType::kTimestampMicros;
      e.logical_type = t;
      break;
    }
    case TypeId::Decimal: {
      int p = type.precision();
      physical = p <= 9 ? PhysicalType::kInt32 : p <= 18 ? PhysicalType::kInt64 : PhysicalType::kFixedLenByteArray;
      if (physical == PhysicalType::kFixedLenByteArray) {
        type_length = decimalBytes(p);
        e.type_length = type_length;
      }
      e.converted_type = ConvertedType::kDecimal;
      e.scale = type.scale();
      e.precision = p;
      LogicalType t = logical(LogicalType::Kind::kDecimal);
      t.scale = type.scale();
      t.precision = p;
      e.logical_type = t;
      break;
    }
    default:
      throw UnsupportedException("Cannot write column `" + name + "` of type " + type.sql() +
                                 " to Parquet: the type has no Parquet representation.");
  }
  e.type = physical;
  return e;
}

// ---- encoders ----------------------------------------------------------------

int bitWidth(uint32_t max_value) { return max_value == 0 ? 0 : 32 - std::countl_zero(max_value); }

void putVarint(std::vector<uint8_t>& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<uint8_t>(v));
}

/// RLE / bit-packed hybrid (parquet-format Encodings.md): runs of 8 or
/// more equal values as RLE runs, the rest bit-packed in groups of 8.
void encodeRleHybrid(const uint32_t* values, size_t n, int width, std::vector<uint8_t>& out) {
  const int value_bytes = (width + 7) / 8;
  size_t i = 0;
  auto runLength = [&](size_t at) {
    size_t j = at + 1;
    while (j < n && values[j] == values[at]) ++j;
    return j - at;
  };
  while (i < n) {
    size_t run = runLength(i);
    if (run >= 8) {
      putVarint(out, static_cast<uint64_t>(run) << 1);
      for (int b = 0; b < value_bytes; ++b) out.push_back(static_cast<uint8_t>(values[i] >> (8 * b)));
      i += run;
      continue;
    }
    // Literal groups until a long run begins at a group boundary.
    size_t start = i;
    size_t end = i;
    while (end < n) {
      end = std::min(n, end + 8);
      if (end < n && runLength(end) >= 8) break;
    }
    size_t count = end - start;
    size_t groups = (count + 7) / 8;
    putVarint(out, (static_cast<uint64_t>(groups) << 1) | 1);
    size_t bits = groups * 8 * static_cast<size_t>(width);
    size_t base = out.size();
    out.resize(base + (bits + 7) / 8, 0);
    size_t bit = 0;
    for (size_t k = 0; k < groups * 8; ++k) {
      uint32_t v = start + k < end ? values[start + k] : 0;
      for (int b = 0; b < width; ++b, ++bit) {
        if ((v >> b) & 1) out[base + bit / 8] |= static_cast<uint8_t>(1u << (bit % 8));
      }
    }
    i = end;
  }
}

void appendLevels(const std::vector<int16_t>& levels, size_t from, size_t to, int16_t max_level,
                  std::vector<uint8_t>& out) {
  std::vector<uint32_t> v(levels.begin() + static_cast<std::ptrdiff_t>(from), levels.begin() + static_cast<std::ptrdiff_t>(to));
  std::vector<uint8_t> enc;
  encodeRleHybrid(v.data(), v.size(), bitWidth(static_cast<uint32_t>(max_level)), enc);
  uint32_t len = static_cast<uint32_t>(enc.size());
  for (int b = 0; b < 4; ++b) out.push_back(static_cast<uint8_t>(len >> (8 * b)));
  out.insert(out.end(), enc.begin(), enc.end());
}

/// Plain encoding of one value of a leaf (also the dictionary key and the
/// statistics bytes, minus the BYTE_ARRAY length prefix).
void plainValue(const ParquetFileWriter::Leaf& leaf, int32_t row, std::string& out) {
  const Vector& v = *leaf.values;
  auto put = [&](const void* p, size_t n) { out.append(static_cast<const char*>(p), n); };
  switch (leaf.type->id()) {
    case TypeId::Boolean: out.push_back(static_cast<char>(v.values<uint8_t>()[row] ? 1 : 0)); break;
    case TypeId::Byte: {
      int32_t x = v.values<int8_t>()[row];
      put(&x, 4);
      break;
    }
    case TypeId::Short: {
      int32_t x = v.values<int16_t>()[row];
      put(&x, 4);
      break;
    }
    case TypeId::Integer:
    case TypeId::Date: put(&v.values<int32_t>()[row], 4); break;
    case TypeId::Long:
    case TypeId::Timestamp:
    case TypeId::TimestampNTZ: put(&v.values<int64_t>()[row], 8); break;
    case TypeId::Float: put(&v.values<float>()[row], 4); break;
    case TypeId::Double: put(&v.values<double>()[row], 8); break;
    case TypeId::String:
    case TypeId::Binary: {
      auto s = v.stringAt(row);
      out.append(s.data(), s.size());
      break;
    }
    case TypeId::Decimal: {
      int128_t d = v.values<int128_t>()[row];
      if (leaf.physical == PhysicalType::kInt32) {
        int32_t x = static_cast<int32_t>(d);
        put(&x, 4);
      } else if (leaf.physical == PhysicalType::kInt64) {
        int64_t x = static_cast<int64_t>(d);
        put(&x, 8);
      } else {
        for (int b = leaf.type_length - 1; b >= 0; --b) out.push_back(static_cast<char>(static_cast<uint8_t>(d >> (8 * b))));
      }
      break;
    }
    default: break;
  }
}

/// Appends values [from, to) of `keys` (plain bytes per value) in PLAIN encoding.
void plainEncode(const ParquetFileWriter::Leaf& leaf, const std::vector<std::string>& keys, size_t from, size_t to,
                 std::vector<uint8_t>& out) {
  if (leaf.physical == PhysicalType::kBoolean) {
    size_t base = out.size();
    out.resize(base + (to - from + 7) / 8, 0);
    for (size_t i = from; i < to; ++i) {
      if (keys[i][0]) out[base + (i - from) / 8] |= static_cast<uint8_t>(1u << ((i - from) % 8));
    }
    return;
  }
  for (size_t i = from; i < to; ++i) {
    if (leaf.physical == PhysicalType::kByteArray) {
      uint32_t len = static_cast<uint32_t>(keys[i].size());
      for (int b = 0; b < 4; ++b) out.push_back(static_cast<uint8_t>(len >> (8 * b)));
    }
    out.insert(out.end(), keys[i].begin(), keys[i].end());
  }
}

/// Orders two plain values per the column's type-defined sort order.
/// Returns <0, 0, >0.
int compareStat(const ParquetFileWriter::Leaf& leaf, const std::string& a, const std::string& b) {
  auto cmp = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
  switch (leaf.physical) {
    case PhysicalType::kBoolean: return cmp(a[0], b[0]);
    case PhysicalType::kInt32: {
      int32_t x, y;
      std::memcpy(&x, a.data(), 4);
      std::memcpy(&y, b.data(), 4);
      return cmp(x, y);
    }
    case PhysicalType::kInt64: {
      int64_t x, y;
      std::memcpy(&x, a.data(), 8);
      std::memcpy(&y, b.data(), 8);
      return cmp(x, y);
    }
    case PhysicalType::kFloat: {
      float x, y;
      std::memcpy(&x, a.data(), 4);
      std::memcpy(&y, b.data(), 4);
      if (x == y && x == 0) return cmp(std::signbit(y), std::signbit(x));  // -0.0 < +0.0
      return cmp(x, y);
    }
    case PhysicalType::kDouble: {
      double x, y;
      std::memcpy(&x, a.data(), 8);
      std::memcpy(&y, b.data(), 8);
      if (x == y && x == 0) return cmp(std::signbit(y), std::signbit(x));
      return cmp(x, y);
    }
    case PhysicalType::kFixedLenByteArray: {
      // Big-endian two's complement decimals: signed order.
      bool na = static_cast<uint8_t>(a[0]) & 0x80, nb = static_cast<uint8_t>(b[0]) & 0x80;
      if (na != nb) return na ? -1 : 1;
      return cmp(a, b);  // same sign: unsigned byte order works
    }
    default: {
      int c = a.compare(b);  // unsigned byte order
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
  }
}

bool isNaNKey(const ParquetFileWriter::Leaf& leaf, const std::string& k) {
  if (leaf.physical == PhysicalType::kFloat) {
    float x;
    std::memcpy(&x, k.data(), 4);
    return std::isnan(x);
  }
  if (leaf.physical == PhysicalType::kDouble) {
    double x;
    std::memcpy(&x, k.data(), 8);
    return std::isnan(x);
  }
  return false;
}

}  // namespace

// ---- construction --------------------------------------------------------------

namespace {

struct SchemaBuilder {
  std::vector<SchemaElement>& elements;
  std::vector<ParquetFileWriter::Leaf*>& leaves;
  std::vector<std::unique_ptr<ParquetFileWriter::Leaf>>& leaf_store;

  std::unique_ptr<ParquetFileWriter::Node> build(const std::string& name, const DataTypePtr& type, bool nullable,
                                                 Repetition repetition, int16_t def, int16_t rep,
                                                 std::vector<std::string> path) {
    auto node = std::make_unique<ParquetFileWriter::Node>();
    node->type = type;
    node->nullable = repetition == Repetition::kOptional;
    node->def = static_cast<int16_t>(def + (node->nullable ? 1 : 0));
    path.push_back(name);
    switch (type->id()) {
      case TypeId::Struct: {
        node->kind = ParquetFileWriter::Node::Kind::kStruct;
        SchemaElement e;
        e.name = name;
        e.repetition = repetition;
        e.num_children = static_cast<int32_t>(type->fields().size());
        if (type->fields().empty()) {
          throw UnsupportedException("Cannot write column `" + name + "`: Parquet does not support an empty struct.");
        }
        elements.push_back(e);
        for (const auto& f : type->fields()) {
          node->children.push_back(build(f.name, f.type, f.nullable, f.nullable ? Repetition::kOptional : Repetition::kRequired,
                                         node->def, rep, path));
        }
        break;
      }
      case TypeId::Array:
      case TypeId::Map: {
        bool is_map = type->id() == TypeId::Map;
        node->kind = is_map ? ParquetFileWriter::Node::Kind::kMap : ParquetFileWriter::Node::Kind::kList;
        node->rep = static_cast<int16_t>(rep + 1);
        SchemaElement outer;
        outer.name = name;
        outer.repetition = repetition;
        outer.num_children = 1;
        outer.converted_type = is_map ? ConvertedType::kMap : ConvertedType::kList;
        outer.logical_type = logical(is_map ? LogicalType::Kind::kMap : LogicalType::Kind::kList);
        elements.push_back(outer);
        SchemaElement middle;
        middle.name = is_map ? "key_value" : "list";
        middle.repetition = Repetition::kRepeated;
        middle.num_children = is_map ? 2 : 1;
        elements.push_back(middle);
        path.push_back(middle.name);
        int16_t inner_def = static_cast<int16_t>(node->def + 1);
        if (is_map) {
          node->children.push_back(build("key", type->keyType(), false, Repetition::kRequired, inner_def, node->rep, path));
          bool vn = type->valueContainsNull();
          node->children.push_back(build("value", type->valueType(), vn, vn ? Repetition::kOptional : Repetition::kRequired,
                                         inner_def, node->rep, path));
        } else {
          bool en = type->containsNull();
          node->children.push_back(build("element", type->elementType(), en,
                                         en ? Repetition::kOptional : Repetition::kRequired, inner_def, node->rep, path));
        }
        break;
      }
      default: {
        node->kind = ParquetFileWriter::Node::Kind::kPrimitive;
        auto leaf = std::make_unique<ParquetFileWriter::Leaf>();
        leaf->path = path;
        leaf->type = type;
        SchemaElement e = primitiveElement(name, *type, nullable, leaf->physical, leaf->type_length);
        e.repetition = repetition;
        elements.push_back(e);
        leaf->max_def = node->def;
        leaf->max_rep = rep;
        node->leaf = leaf.get();
        leaves.push_back(leaf.get());
        leaf_store.push_back(std::move(leaf));
        break;
      }
    }
    return node;
  }
};

// ---- shredding (Dremel record striping) ------------------------------------------

void emitNull(ParquetFileWriter::Node& node, int16_t def, int16_t rep) {
  if (node.leaf) {
    node.leaf->defs.push_back(def);
    node.leaf->reps.push_back(rep);
    return;
  }
  for (auto& c : node.children) emitNull(*c, def, rep);
}

const Vector* flatOf(const VectorPtr& v, std::vector<VectorPtr>& keep) {
  if (v->isFlat()) return v.get();
  keep.push_back(v->flatten());
  return keep.back().get();
}

/// Points every node at the flat vector holding its values for this row
/// group (flattened copies are kept alive in `keep`).
void bindVectors(ParquetFileWriter::Node& node, const VectorPtr& v, std::vector<VectorPtr>& keep) {
  const Vector* flat = flatOf(v, keep);
  node.vec = flat;
  if (node.leaf) node.leaf->values = flat;
  switch (node.kind) {
    case ParquetFileWriter::Node::Kind::kPrimitive: break;
    case ParquetFileWriter::Node::Kind::kStruct:
      for (size_t i = 0; i < node.children.size(); ++i) bindVectors(*node.children[i], flat->child(i), keep);
      break;
    case ParquetFileWriter::Node::Kind::kList: bindVectors(*node.children[0], flat->child(0), keep); break;
    case ParquetFileWriter::Node::Kind::kMap: {
      const Vector* entries = flatOf(flat->child(0), keep);
      bindVectors(*node.children[0], entries->child(0), keep);
      bindVectors(*node.children[1], entries->child(1), keep);
      break;
    }
  }
}

void shred(ParquetFileWriter::Node& node, int64_t row, int16_t def, int16_t rep) {
  const Vector& v = *node.vec;
  if (v.isNull(row)) {
    if (!node.nullable) {
      throw InvalidArgumentException("NOT_NULL_CONSTRAINT_VIOLATION",
                                     "A NULL value appeared in a non-nullable field of type " + node.type->sql() +
                                         " while writing Parquet.");
    }
    emitNull(node, def, rep);
    return;
  }
  int16_t d = node.def;
  switch (node.kind) {
    case ParquetFileWriter::Node::Kind::kPrimitive:
      node.leaf->defs.push_back(d);
      node.leaf->reps.push_back(rep);
      node.leaf->rows.push_back(static_cast<int32_t>(row));
      break;
    case ParquetFileWriter::Node::Kind::kStruct:
      for (auto& c : node.children) shred(*c, row, d, rep);
      break;
    case ParquetFileWriter::Node::Kind::kList:
    case ParquetFileWriter::Node::Kind::kMap: {
      const int32_t* o = v.offsets();
      if (o[row] == o[row + 1]) {
        for (auto& c : node.children) emitNull(*c, d, rep);
        break;
      }
      for (int32_t k = o[row]; k < o[row + 1]; ++k) {
        int16_t r = k == o[row] ? rep : node.rep;
        for (auto& c : node.children) shred(*c, k, static_cast<int16_t>(d + 1), r);
      }
      break;
    }
  }
}

}  // namespace

ParquetFileWriter::ParquetFileWriter(std::unique_ptr<OutputFile> out, SchemaPtr schema, WriterOptions options)
    : out_(std::move(out)), schema_(std::move(schema)), options_(options) {
  SchemaElement root;
  root.name = "spark_schema";
  root.num_children = static_cast<int32_t>(schema_->fields().size());
  elements_.push_back(root);
  SchemaBuilder b{elements_, leaves_, leaf_store_};
  for (const auto& f : schema_->fields()) {
    roots_.push_back(b.build(f.name, f.type, f.nullable, f.nullable ? Repetition::kOptional : Repetition::kRequired, 0, 0, {}));
  }
  static const char kMagic[] = "PAR1";
  out_->write(kMagic, 4);
  offset_ = 4;
}

ParquetFileWriter::~ParquetFileWriter() = default;

void ParquetFileWriter::write(const RecordBatchPtr& batch) {
  if (closed_) throw IOException("PARQUET_WRITE_ERROR", "write() after close()");
  const int64_t rows = batch->numRows();
  if (rows == 0) return;
  // Row groups close at block_size even inside a batch (parquet-mr checks
  // its buffered size every few records too): the batch is cut where its
  // average bytes per row fill the row group.
  const int64_t per_row = std::max<int64_t>(1, batch->memoryBytes() / rows);
  int64_t offset = 0;
  while (offset < rows) {
    int64_t room = std::max<int64_t>(0, options_.block_size - pending_bytes_);
    int64_t take = std::clamp<int64_t>((room + per_row - 1) / per_row, 1, rows - offset);
    pending_.push_back(offset == 0 && take == rows ? batch : sliceBatch(*batch, offset, take));
    pending_bytes_ += take * per_row;
    pending_rows_ += take;
    offset += take;
    if (pending_bytes_ >= options_.block_size) flushRowGroup();
  }
}

namespace {

struct ChunkWriter {
  OutputFile& out;
  int64_t& offset;
  const WriterOptions& options;
  int64_t uncompressed_total = 0;
  int64_t compressed_total = 0;

  void writePage(PageHeader header, const std::vector<uint8_t>& body) {
    std::vector<uint8_t> compressed = compress(options.codec, body.data(), body.size());
    header.uncompressed_page_size = static_cast<int32_t>(body.size());
    header.compressed_page_size = static_cast<int32_t>(compressed.size());
    std::vector<uint8_t> h = serializePageHeader(header);
    out.write(h.data(), h.size());
    out.write(compressed.data(), compressed.size());
    offset += static_cast<int64_t>(h.size() + compressed.size());
    uncompressed_total += static_cast<int64_t>(h.size() + body.size());
    compressed_total += static_cast<int64_t>(h.size() + compressed.size());
  }
};

ColumnChunk writeColumnChunk(ParquetFileWriter::Leaf& leaf, OutputFile& out, int64_t& offset, const WriterOptions& options) {
  // Plain bytes of every non-null value.
  std::vector<std::string> keys(leaf.rows.size());
  for (size_t i = 0; i < leaf.rows.size(); ++i) plainValue(leaf, leaf.rows[i], keys[i]);

  // Statistics.
  Statistics stats;
  stats.null_count = static_cast<int64_t>(leaf.defs.size() - leaf.rows.size());
  if (leaf.max_rep > 0) {
    // Only entries at the leaf's max definition are values; others are nulls or empty lists.
    int64_t nulls = 0;
    for (auto d : leaf.defs) nulls += d == leaf.max_def - 1 && leaf.max_def > 0 ? 1 : 0;
    stats.null_count = nulls;
  }
  const std::string* mn = nullptr;
  const std::string* mx = nullptr;
  for (const auto& k : keys) {
    if (isNaNKey(leaf, k)) continue;
    if (!mn || compareStat(leaf, k, *mn) < 0) mn = &k;
    if (!mx || compareStat(leaf, k, *mx) > 0) mx = &k;
  }
  if (mn) {
    stats.min_value = *mn;
    stats.max_value = *mx;
  }

  // Dictionary when it pays off (parquet-mr's fallback rule, per chunk).
  bool use_dict = options.enable_dictionary && leaf.physical != PhysicalType::kBoolean && !keys.empty();
  std::vector<uint32_t> indices;
  std::vector<size_t> dict_order;  // first occurrence index of each dictionary entry
  if (use_dict) {
    std::unordered_map<std::string_view, uint32_t> dict;
    dict.reserve(keys.size());
    int64_t dict_bytes = 0, plain_bytes = 0;
    indices.reserve(keys.size());
    for (size_t i = 0; i < keys.size() && use_dict; ++i) {
      int64_t sz = static_cast<int64_t>(keys[i].size()) + (leaf.physical == PhysicalType::kByteArray ? 4 : 0);
      plain_bytes += sz;
      auto [it, inserted] = dict.emplace(keys[i], static_cast<uint32_t>(dict_order.size()));
      if (inserted) {
        dict_order.push_back(i);
        dict_bytes += sz;
        if (dict_bytes > options.dictionary_page_size) use_dict = false;
      }
      indices.push_back(it->second);
    }
    if (use_dict) {
      int64_t encoded = static_cast<int64_t>(keys.size()) * bitWidth(static_cast<uint32_t>(dict_order.size())) / 8;
      if (encoded + dict_bytes >= plain_bytes && dict_order.size() > 1) use_dict = false;
    }
  }

  ColumnMetaData meta;
  meta.type = leaf.physical;
  meta.path_in_schema = leaf.path;
  meta.codec = options.codec;
  meta.num_values = static_cast<int64_t>(leaf.defs.size());
  ChunkWriter w{out, offset, options};
  int64_t chunk_start = offset;
  if (use_dict) {
    meta.dictionary_page_offset = offset;
    std::vector<std::string> dict_keys;
    dict_keys.reserve(dict_order.size());
    for (size_t i : dict_order) dict_keys.push_back(keys[i]);
    std::vector<uint8_t> body;
    plainEncode(leaf, dict_keys, 0, dict_keys.size(), body);
    PageHeader h;
    h.type = PageType::kDictionaryPage;
    DictionaryPageHeader dh;
    dh.num_values = static_cast<int32_t>(dict_keys.size());
    dh.encoding = Encoding::kPlainDictionary;
    h.dictionary_page_header = dh;
    w.writePage(h, body);
  }
  meta.data_page_offset = offset;

  // Data pages of about page_size bytes, starting at record boundaries.
  size_t level_pos = 0, value_pos = 0;
  const size_t n_levels = leaf.defs.size();
  const int dict_width = use_dict ? std::max(1, bitWidth(static_cast<uint32_t>(dict_order.size() - 1))) : 0;
  do {
    size_t level_end = level_pos, value_end = value_pos;
    int64_t bytes = 0;
    while (level_end < n_levels) {
      if (level_end > level_pos && bytes >= options.page_size && (leaf.max_rep == 0 || leaf.reps[level_end] == 0)) break;
      if (leaf.defs[level_end] == leaf.max_def) {
        bytes += use_dict ? 1 + dict_width / 8 : static_cast<int64_t>(keys[value_end].size()) + 4;
        ++value_end;
      } else {
        bytes += 1;
      }
      ++level_end;
    }
    std::vector<uint8_t> body;
    if (leaf.max_rep > 0) appendLevels(leaf.reps, level_pos, level_end, leaf.max_rep, body);
    if (leaf.max_def > 0) appendLevels(leaf.defs, level_pos, level_end, leaf.max_def, body);
    if (use_dict) {
      body.push_back(static_cast<uint8_t>(dict_width));
      encodeRleHybrid(indices.data() + value_pos, value_end - value_pos, dict_width, body);
    } else {
      plainEncode(leaf, keys, value_pos, value_end, body);
    }
    PageHeader h;
    h.type = PageType::kDataPage;
    DataPageHeader dh;
    dh.num_values = static_cast<int32_t>(level_end - level_pos);
    dh.encoding = use_dict ? Encoding::kPlainDictionary : Encoding::kPlain;
    h.data_page_header = dh;
    w.writePage(h, body);
    level_pos = level_end;
    value_pos = value_end;
  } while (level_pos < n_levels);

  meta.encodings = use_dict ? std::vector<Encoding>{Encoding::kPlainDictionary, Encoding::kRle, Encoding::kBitPacked}
                            : std::vector<Encoding>{Encoding::kPlain, Encoding::kRle, Encoding::kBitPacked};
  meta.total_uncompressed_size = w.uncompressed_total;
  meta.total_compressed_size = w.compressed_total;
  meta.statistics = stats;
  ColumnChunk chunk;
  chunk.file_offset = chunk_start;
  chunk.meta_data = std::move(meta);
  return chunk;
}

}  // namespace

void ParquetFileWriter::flushRowGroup() {
  if (pending_rows_ == 0) return;
  int64_t rows = pending_rows_;
  std::vector<VectorPtr> keep;
  std::vector<VectorPtr> columns;
  for (size_t c = 0; c < roots_.size(); ++c) {
    std::vector<VectorPtr> parts;
    for (const auto& b : pending_) parts.push_back(b->column(static_cast<int>(c)));
    VectorPtr col = parts.size() == 1 ? parts[0] : concat(schema_->fields()[c].type, parts);
    if (!col->isFlat()) col = col->flatten();
    columns.push_back(col);
  }
  pending_.clear();
  pending_bytes_ = 0;
  pending_rows_ = 0;
  for (auto* leaf : leaves_) {
    leaf->defs.clear();
    leaf->reps.clear();
    leaf->rows.clear();
  }
  for (size_t c = 0; c < roots_.size(); ++c) {
    const VectorPtr& col = columns[c];
    bindVectors(*roots_[c], col, keep);
    Node& node = *roots_[c];
    if (node.kind == Node::Kind::kPrimitive && !col->mayHaveNulls()) {
      // Fast path: a flat column without nulls.
      node.leaf->defs.assign(static_cast<size_t>(rows), node.def);
      node.leaf->reps.assign(static_cast<size_t>(rows), 0);
      node.leaf->rows.resize(static_cast<size_t>(rows));
      for (int64_t r = 0; r < rows; ++r) node.leaf->rows[static_cast<size_t>(r)] = static_cast<int32_t>(r);
      continue;
    }
    for (int64_t r = 0; r < rows; ++r) shred(node, r, 0, 0);
  }
  RowGroup rg;
  rg.num_rows = rows;
  rg.file_offset = offset_;
  rg.ordinal = static_cast<int16_t>(row_groups_.size());
  int64_t start = offset_;
  for (auto* leaf : leaves_) {
    ColumnChunk chunk = writeColumnChunk(*leaf, *out_, offset_, options_);
    rg.total_byte_size += chunk.meta_data->total_uncompressed_size;
    rg.columns.push_back(std::move(chunk));
    leaf->defs = {};
    leaf->reps = {};
    leaf->rows = {};
    leaf->values = nullptr;
  }
  rg.total_compressed_size = offset_ - start;
  row_groups_.push_back(std::move(rg));
  rows_written_ += rows;
}

void ParquetFileWriter::close() {
  if (closed_) return;
  flushRowGroup();
  FileMetaData meta;
  meta.version = 1;
  meta.schema = elements_;
  meta.num_rows = rows_written_;
  meta.row_groups = row_groups_;
  meta.created_by = "loch version 0.1.0";
  meta.column_orders.assign(leaves_.size(), ColumnOrder::kTypeDefined);
  meta.key_value_metadata.push_back({"org.apache.spark.version", std::string("4.0.0")});
  std::vector<uint8_t> footer = serializeFileMetaData(meta);
  out_->write(footer.data(), footer.size());
  uint32_t len = static_cast<uint32_t>(footer.size());
  uint8_t tail[8];
  for (int b = 0; b < 4; ++b) tail[b] = static_cast<uint8_t>(len >> (8 * b));
  std::memcpy(tail + 4, "PAR1", 4);
  out_->write(tail, 8);
  out_->close();
  closed_ = true;
}

std::vector<uint8_t> serializeFileMetaData(const FileMetaData& meta) { return serializeFileMetaDataBytes(meta); }

}  // namespace loch::parquet
