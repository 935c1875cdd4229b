// Value checks against the parquet-testing corpus (skipped when
// $PARQUET_TEST_DATA is unset): expected CSVs, the *.md notes, and values
// documented upstream.

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "io/parquet/test_data.h"
#include "loch/common/exception.h"
#include "loch/io/parquet/file_reader.h"
#include "loch/types/schema.h"

using namespace loch::parquet;
using loch::parquet::testing::corpusDir;
using loch::parquet::testing::corpusFile;
using loch::parquet::testing::readCsv;

#define REQUIRE_CORPUS() \
  if (corpusDir().empty()) GTEST_SKIP() << "PARQUET_TEST_DATA not set"

namespace {

std::unique_ptr<ParquetFileReader> openCorpus(const std::string& name, ReaderOptions options = {}) {
  return ParquetFileReader::open(corpusFile(name), options);
}

// Row i of a batch as Spark-like text: "[v1, v2, ...]".
std::string rowText(const loch::RecordBatch& b, int64_t i) {
  std::string out = "[";
  auto row = b.row(i);
  for (size_t c = 0; c < row.size(); ++c) {
    if (c) out += ", ";
    out += row[c].toString();
  }
  return out + "]";
}

std::vector<std::string> allRows(const ParquetFileReader& r) {
  std::vector<std::string> rows;
  for (int rg = 0; rg < r.numRowGroups(); ++rg) {
    auto b = r.readRowGroup(rg);
    for (int64_t i = 0; i < b->numRows(); ++i) rows.push_back(rowText(*b, i));
  }
  return rows;
}

}  // namespace

TEST(ParquetCorpusValues, AllTypesPlain) {
  REQUIRE_CORPUS();
  auto r = openCorpus("alltypes_plain.parquet");
  EXPECT_EQ(r->sparkSchema().type->simpleString(),
            "struct<id:int,bool_col:boolean,tinyint_col:int,smallint_col:int,int_col:int,bigint_col:bigint,"
            "float_col:float,double_col:double,date_string_col:binary,string_col:binary,timestamp_col:timestamp>");
  auto b = r->readRowGroup(0);
  ASSERT_EQ(b->numRows(), 8);
  const int32_t* id = b->column(0)->values<int32_t>();
  std::vector<int32_t> ids(id, id + 8);
  EXPECT_EQ(ids, (std::vector<int32_t>{4, 5, 6, 7, 2, 3, 0, 1}));
  EXPECT_EQ(b->column(1)->values<uint8_t>()[0], 1);
  EXPECT_EQ(b->column(1)->values<uint8_t>()[1], 0);
  EXPECT_EQ(b->column(5)->values<int64_t>()[1], 10);
  EXPECT_FLOAT_EQ(b->column(6)->values<float>()[1], 1.1f);
  EXPECT_DOUBLE_EQ(b->column(7)->values<double>()[1], 10.1);
  EXPECT_EQ(b->column(8)->stringAt(2), "04/01/09");
  EXPECT_EQ(b->column(9)->stringAt(1), "1");
  // INT96 2009-03-01 00:01:00 UTC.
  EXPECT_EQ(b->column(10)->values<int64_t>()[1], (14304LL * 86400 + 60) * 1000000);
}

TEST(ParquetCorpusValues, AllTypesDictionaryAndSnappy) {
  REQUIRE_CORPUS();
  auto dict = openCorpus("alltypes_dictionary.parquet")->readRowGroup(0);
  ASSERT_EQ(dict->numRows(), 2);
  EXPECT_EQ(dict->column(0)->values<int32_t>()[0], 0);
  EXPECT_EQ(dict->column(0)->values<int32_t>()[1], 1);
  EXPECT_EQ(dict->column(9)->stringAt(1), "1");
  auto snappy = openCorpus("alltypes_plain.snappy.parquet")->readRowGroup(0);
  ASSERT_EQ(snappy->numRows(), 2);
  EXPECT_EQ(snappy->column(0)->values<int32_t>()[0], 6);
  EXPECT_EQ(snappy->column(0)->values<int32_t>()[1], 7);
}

TEST(ParquetCorpusValues, AllTypesTinyPagesWithPageIndex) {
  REQUIRE_CORPUS();
  for (const char* name : {"alltypes_tiny_pages.parquet", "alltypes_tiny_pages_plain.parquet"}) {
    auto r = openCorpus(name);
    ASSERT_EQ(r->numRows(), 7300);
    auto b = r->readRowGroup(0);
    EXPECT_EQ(b->numRows(), 7300);
    auto oi = r->readOffsetIndex(0, 0);
    auto ci = r->readColumnIndex(0, 0);
    ASSERT_TRUE(oi && ci) << name;
    EXPECT_GT(oi->page_locations.size(), 10u);
    EXPECT_EQ(ci->null_pages.size(), oi->page_locations.size());
    EXPECT_EQ(oi->page_locations[0].first_row_index, 0);
  }
}

TEST(ParquetCorpusValues, DeltaBinaryPackedMatchesCsv) {
  REQUIRE_CORPUS();
  auto r = openCorpus("delta_binary_packed.parquet");
  auto csv = readCsv(corpusFile("delta_binary_packed_expect.csv"));
  auto cols = r->readRowGroupColumns(0);
  ASSERT_EQ(csv.size(), 200u);
  ASSERT_EQ(cols.size(), csv[0].size());
  for (size_t c = 0; c < cols.size(); ++c) {
    ASSERT_EQ(cols[c].num_values, 200);
    for (size_t i = 0; i < csv.size(); ++i) {
      int64_t got = cols[c].physical_type == PhysicalType::kInt32 ? cols[c].valuesAs<int32_t>()[i]
                                                                  : cols[c].valuesAs<int64_t>()[i];
      ASSERT_EQ(got, std::stoll(csv[i][c].text)) << "column " << c << " row " << i;
    }
  }
}

TEST(ParquetCorpusValues, DeltaByteArrayMatchesCsv) {
  REQUIRE_CORPUS();
  auto b = openCorpus("delta_byte_array.parquet")->readRowGroup(0);
  auto csv = readCsv(corpusFile("delta_byte_array_expect.csv"));
  ASSERT_EQ(static_cast<int64_t>(csv.size()), b->numRows());
  for (int c = 0; c < b->numColumns(); ++c) {
    const auto& v = *b->column(c);
    for (size_t i = 0; i < csv.size(); ++i) {
      if (csv[i][c].is_null) {
        ASSERT_TRUE(v.isNull(i)) << "column " << c << " row " << i;
      } else {
        ASSERT_FALSE(v.isNull(i)) << "column " << c << " row " << i;
        ASSERT_EQ(v.stringAt(i), csv[i][c].text) << "column " << c << " row " << i;
      }
    }
  }
}

TEST(ParquetCorpusValues, DeltaEncodingRequiredAndOptionalMatchCsv) {
  REQUIRE_CORPUS();
  for (std::string base : {"delta_encoding_required_column", "delta_encoding_optional_column"}) {
    auto b = openCorpus(base + ".parquet")->readRowGroup(0);
    auto csv = readCsv(corpusFile(base + "_expect.csv"));
    ASSERT_EQ(static_cast<int64_t>(csv.size()), b->numRows()) << base;
    for (int c = 0; c < b->numColumns(); ++c) {
      const auto& v = *b->column(c);
      for (size_t i = 0; i < csv.size(); ++i) {
        const auto& cell = csv[i][c];
        if (cell.is_null) {
          ASSERT_TRUE(v.isNull(i)) << base << " column " << c << " row " << i;
          continue;
        }
        ASSERT_FALSE(v.isNull(i)) << base << " column " << c << " row " << i;
        std::string got = v.typeId() == loch::TypeId::String ? std::string(v.stringAt(i)) : v.getValue(i).toString();
        ASSERT_EQ(got, cell.text) << base << " column " << c << " row " << i;
      }
    }
  }
}

TEST(ParquetCorpusValues, DeltaLengthByteArray) {
  REQUIRE_CORPUS();
  auto b = openCorpus("delta_length_byte_array.parquet")->readRowGroup(0);
  ASSERT_EQ(b->numRows(), 1000);
  EXPECT_EQ(b->column(0)->stringAt(0), "apple_banana_mango0");
  EXPECT_EQ(b->column(0)->stringAt(3), "apple_banana_mango9");  // i*i suffixes
  EXPECT_EQ(b->column(0)->stringAt(999), "apple_banana_mango" + std::to_string(999 * 999));
}

TEST(ParquetCorpusValues, ByteStreamSplitPairsAgree) {
  REQUIRE_CORPUS();
  auto r = openCorpus("byte_stream_split_extended.gzip.parquet");
  auto cols = r->readRowGroupColumns(0);
  ASSERT_EQ(cols.size() % 2, 0u);
  for (size_t c = 0; c < cols.size(); c += 2) {
    SCOPED_TRACE(r->schema().columns()[c].dottedPath());
    EXPECT_EQ(cols[c].def_levels, cols[c + 1].def_levels);
    EXPECT_EQ(cols[c].fixed, cols[c + 1].fixed);
    EXPECT_GT(cols[c].num_values, 0);
  }
  auto b = openCorpus("byte_stream_split.zstd.parquet")->readRowGroup(0);
  ASSERT_EQ(b->numRows(), 300);
  for (int64_t i = 0; i < 300; ++i) {
    float f = b->column(0)->values<float>()[i];
    double d = b->column(1)->values<double>()[i];
    ASSERT_TRUE(std::isfinite(f) && std::fabs(f) < 10) << i;
    ASSERT_TRUE(std::isfinite(d) && std::fabs(d) < 10) << i;
  }
}

TEST(ParquetCorpusValues, Int96FromSpark) {
  REQUIRE_CORPUS();
  auto b = openCorpus("int96_from_spark.parquet")->readRowGroup(0);
  ASSERT_EQ(b->numRows(), 6);
  std::vector<int64_t> want{1704141296123456, 1704070800000000, 253402225200000000, 1735599600000000, 0,
                            9089380393200000000};
  for (int i = 0; i < 6; ++i) {
    if (i == 4) {
      EXPECT_TRUE(b->column(0)->isNull(i));
    } else {
      EXPECT_EQ(b->column(0)->values<int64_t>()[i], want[i]) << i;
    }
  }
}

TEST(ParquetCorpusValues, Decimals) {
  REQUIRE_CORPUS();
  for (const char* name : {"int32_decimal.parquet", "int64_decimal.parquet", "fixed_length_decimal.parquet",
                           "fixed_length_decimal_legacy.parquet", "byte_array_decimal.parquet"}) {
    auto b = openCorpus(name)->readRowGroup(0);
    ASSERT_EQ(b->numRows(), 24) << name;
    ASSERT_EQ(b->column(0)->typeId(), loch::TypeId::Decimal) << name;
    EXPECT_EQ(b->column(0)->type()->scale(), 2) << name;
    for (int i = 0; i < 24; ++i) {
      EXPECT_TRUE(b->column(0)->values<loch::int128_t>()[i] == (i + 1) * 100) << name << " row " << i;
    }
  }
}

TEST(ParquetCorpusValues, NestedListsAndMaps) {
  REQUIRE_CORPUS();
  EXPECT_EQ(allRows(*openCorpus("nested_lists.snappy.parquet")),
            (std::vector<std::string>{"[[[[a, b], [c]], [NULL, [d]]], 1]", "[[[[a, b], [c, d]], [NULL, [e]]], 1]",
                                      "[[[[a, b], [c, d], [e]], [NULL, [f]]], 1]"}));
  auto maps = allRows(*openCorpus("nested_maps.snappy.parquet"));
  ASSERT_EQ(maps.size(), 6u);
  EXPECT_EQ(maps[0], "[{a -> {1 -> true, 2 -> false}}, 1, 1.0]");
  EXPECT_EQ(maps[2], "[{c -> NULL}, 1, 1.0]");
  EXPECT_EQ(maps[3], "[{d -> {}}, 1, 1.0]");
  EXPECT_EQ(allRows(*openCorpus("old_list_structure.parquet")), std::vector<std::string>{"[[[1, 2], [3, 4]]]"});
  EXPECT_EQ(allRows(*openCorpus("null_list.parquet")), std::vector<std::string>{"[[]]"});
  auto no_value = allRows(*openCorpus("map_no_value.parquet"));
  ASSERT_EQ(no_value.size(), 3u);
  EXPECT_EQ(no_value[0], "[{1 -> NULL, 2 -> NULL, 3 -> NULL}, {1 -> NULL, 2 -> NULL, 3 -> NULL}, [1, 2, 3]]");
}

TEST(ParquetCorpusValues, UnannotatedRepeatedFieldsAndLegacyMaps) {
  REQUIRE_CORPUS();
  auto prim = openCorpus("repeated_primitive_no_list.parquet");
  EXPECT_EQ(prim->sparkSchema().type->simpleString(),
            "struct<Int32_list:array<int>,String_list:array<string>,"
            "group_of_lists:struct<Int32_list_in_group:array<int>,String_list_in_group:array<string>>>");
  auto rows = allRows(*prim);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1], "[[], [three], {[], [three]}]");
  auto phones = allRows(*openCorpus("repeated_no_annotation.parquet"));
  ASSERT_EQ(phones.size(), 6u);
  EXPECT_EQ(phones[0], "[1, NULL]");
  EXPECT_EQ(phones[2], "[3, {[]}]");
  EXPECT_EQ(phones[3], "[4, {[{5555555555, NULL}]}]");
  EXPECT_EQ(allRows(*openCorpus("incorrect_map_schema.parquet")),
            std::vector<std::string>{"[{parent -> another, name -> report}]"});
  EXPECT_EQ(allRows(*openCorpus("list_columns.parquet")),
            (std::vector<std::string>{"[[1, 2, 3], [abc, efg, hij]]", "[[NULL, 1], NULL]",
                                      "[[4], [efg, NULL, hij, xyz]]"}));
}

TEST(ParquetCorpusValues, ImpalaNestedNullable) {
  REQUIRE_CORPUS();
  auto rows = allRows(*openCorpus("nullable.impala.parquet"));
  ASSERT_EQ(rows.size(), 7u);
  EXPECT_EQ(rows[0],
            "[1, [1, 2, 3], [[1, 2], [3, 4]], {k1 -> 1, k2 -> 100}, [{k1 -> 1}], {1, [1], "
            "{[[{10, aaa}, {-10, bbb}], [{11, c}]]}, {foo -> {{[1.1]}}}}]");
  EXPECT_EQ(rows[2], "[3, [], [NULL], {}, [NULL, NULL], {NULL, NULL, {[]}, {}}]");
  EXPECT_EQ(rows[3], "[4, NULL, [], {}, [], {NULL, NULL, {NULL}, NULL}]");
  auto required = allRows(*openCorpus("nonnullable.impala.parquet"));
  EXPECT_EQ(required, std::vector<std::string>{"[8, [-1], [[-1, -2], []], {k1 -> -1}, [{}, {k1 -> 1}, {}, {}], "
                                               "{-1, [-1], {[[{-1, nonnullable}]]}, {}}]"});
}

TEST(ParquetCorpusValues, NullsAndEmptyPages) {
  REQUIRE_CORPUS();
  auto nulls = allRows(*openCorpus("nulls.snappy.parquet"));
  ASSERT_EQ(nulls.size(), 8u);
  for (const auto& row : nulls) EXPECT_EQ(row, "[{NULL}]");
  auto empty_v2 = allRows(*openCorpus("datapage_v2_empty_datapage.snappy.parquet"));
  EXPECT_EQ(empty_v2, std::vector<std::string>{"[NULL]"});
  auto empty_zstd = allRows(*openCorpus("page_v2_empty_compressed.parquet"));
  EXPECT_EQ(empty_zstd, std::vector<std::string>(10, "[NULL]"));
}

TEST(ParquetCorpusValues, DataPageV2) {
  REQUIRE_CORPUS();
  EXPECT_EQ(allRows(*openCorpus("datapage_v2.snappy.parquet")),
            (std::vector<std::string>{"[abc, 1, 2.0, true, [1, 2, 3]]", "[abc, 2, 3.0, true, NULL]",
                                      "[abc, 3, 4.0, true, NULL]", "[NULL, 4, 5.0, false, [1, 2, 3]]",
                                      "[abc, 5, 2.0, true, [1, 2]]"}));
}

TEST(ParquetCorpusValues, CompressionVariantsAgree) {
  REQUIRE_CORPUS();
  auto reference = allRows(*openCorpus("lz4_raw_compressed.parquet"));
  ASSERT_EQ(reference.size(), 4u);
  EXPECT_EQ(allRows(*openCorpus("hadoop_lz4_compressed.parquet")), reference);
  EXPECT_EQ(allRows(*openCorpus("non_hadoop_lz4_compressed.parquet")), reference);
  auto larger = allRows(*openCorpus("lz4_raw_compressed_larger.parquet"));
  ASSERT_EQ(larger.size(), 10000u);
  EXPECT_EQ(allRows(*openCorpus("hadoop_lz4_compressed_larger.parquet")), larger);
  // GZIP with two members: UINT64 1..513 as decimal(20,0).
  auto gz = openCorpus("concatenated_gzip_members.parquet");
  EXPECT_EQ(gz->sparkSchema().type->simpleString(), "struct<long_col:decimal(20,0)>");
  auto b = gz->readRowGroup(0);
  ASSERT_EQ(b->numRows(), 513);
  for (int i = 0; i < 513; ++i) ASSERT_TRUE(b->column(0)->values<loch::int128_t>()[i] == i + 1);
  // ZSTD, BROTLI-free SNAPPY and GZIP files decode to the same checksum data.
  auto plain = allRows(*openCorpus("datapage_v1-uncompressed-checksum.parquet"));
  EXPECT_EQ(allRows(*openCorpus("datapage_v1-snappy-compressed-checksum.parquet")), plain);
}

TEST(ParquetCorpusValues, ChecksumsVerifiedOnRequest) {
  REQUIRE_CORPUS();
  ReaderOptions verify;
  verify.verify_checksums = true;
  for (const char* bad : {"datapage_v1-corrupt-checksum.parquet", "rle-dict-uncompressed-corrupt-checksum.parquet"}) {
    EXPECT_NO_THROW(openCorpus(bad)->readRowGroup(0)) << bad;  // not verified by default
    try {
      openCorpus(bad, verify)->readRowGroup(0);
      ADD_FAILURE() << bad << " passed CRC verification";
    } catch (const loch::IOException& e) {
      EXPECT_EQ(e.errorClass(), "PARQUET_CORRUPT_FILE");
      EXPECT_NE(e.message().find("CRC"), std::string::npos) << e.message();
      EXPECT_NE(e.message().find("row group 0"), std::string::npos) << e.message();
    }
  }
  for (const char* good : {"datapage_v1-uncompressed-checksum.parquet", "plain-dict-uncompressed-checksum.parquet",
                           "rle-dict-snappy-checksum.parquet"}) {
    EXPECT_NO_THROW(openCorpus(good, verify)->readRowGroup(0)) << good;
  }
}

TEST(ParquetCorpusValues, LogicalTypes) {
  REQUIRE_CORPUS();
  auto f16 = allRows(*openCorpus("float16_nonzeros_and_nans.parquet"));
  EXPECT_EQ(f16, (std::vector<std::string>{"[NULL]", "[1.0]", "[-2.0]", "[NaN]", "[0.0]", "[-1.0]", "[-0.0]", "[2.0]"}));
  auto unknown = openCorpus("unknown-logical-type.parquet");
  EXPECT_EQ(unknown->sparkSchema().type->simpleString(), "struct<column with known type:string,column with unknown type:binary>");
  auto rle_bool = openCorpus("rle_boolean_encoding.parquet")->readRowGroup(0);
  ASSERT_EQ(rle_bool->numRows(), 68);
  EXPECT_TRUE(rle_bool->column(0)->isNull(2));
  EXPECT_EQ(rle_bool->column(0)->values<uint8_t>()[0], 1);
}

TEST(ParquetCorpusValues, MetadataDetails) {
  REQUIRE_CORPUS();
  auto kv = openCorpus("column_chunk_key_value_metadata.parquet");
  const auto& meta = kv->metadata().row_groups[0].columns[0].meta_data->key_value_metadata;
  ASSERT_EQ(meta.size(), 2u);
  EXPECT_EQ(meta[0].key, "foo");
  EXPECT_EQ(meta[0].value, "bar");
  EXPECT_FALSE(meta[1].value.has_value());
  EXPECT_EQ(kv->readRowGroup(0)->numRows(), 0);

  auto sorted = openCorpus("sort_columns.parquet");
  ASSERT_EQ(sorted->numRowGroups(), 2);
  const auto& sc = sorted->metadata().row_groups[0].sorting_columns;
  ASSERT_EQ(sc.size(), 2u);
  EXPECT_TRUE(sc[0].descending && sc[0].nulls_first);
  EXPECT_FALSE(sc[1].descending || sc[1].nulls_first);

  auto truncated = openCorpus("binary_truncated_min_max.parquet");
  const auto& stats = *truncated->metadata().row_groups[0].columns[0].meta_data->statistics;
  EXPECT_TRUE(stats.is_min_value_exact.has_value());

  auto pages = openCorpus("overflow_i16_page_cnt.parquet");
  EXPECT_EQ(pages->readRowGroup(0)->numRows(), 40000);
}

TEST(ParquetCorpusValues, RowGroupFilterUsesVettedStatistics) {
  REQUIRE_CORPUS();
  auto nan = openCorpus("nan_in_stats.parquet");
  RowGroupStats s = nan->rowGroupStats(0);
  ASSERT_EQ(s.columns.size(), 1u);
  EXPECT_FALSE(s.columns[0].max.has_value());  // NaN bound is dropped
  auto sorted = openCorpus("sort_columns.parquet");
  auto keep = sorted->selectRowGroups([](const RowGroupStats& st) { return st.row_group == 1; });
  EXPECT_EQ(keep, std::vector<int>{1});
  auto tiny = openCorpus("alltypes_tiny_pages_plain.parquet");
  RowGroupStats ts = tiny->rowGroupStats(0);
  ASSERT_TRUE(ts.columns[0].min && ts.columns[0].max);
  // id column: 0..7299.
  EXPECT_EQ(std::get<int64_t>(*ts.columns[0].min), 0);
  EXPECT_EQ(std::get<int64_t>(*ts.columns[0].max), 7299);
  auto none = tiny->selectRowGroups([](const RowGroupStats& st) {
    return std::get<int64_t>(*st.columns[0].max) >= 10000;  // WHERE id >= 10000
  });
  EXPECT_TRUE(none.empty());
}

TEST(ParquetCorpusValues, ProjectionReadsOnlyRequestedFields) {
  REQUIRE_CORPUS();
  auto r = openCorpus("alltypes_plain.parquet");
  auto b = r->readRowGroup(0, {9, 0});
  ASSERT_EQ(b->numColumns(), 2);
  EXPECT_EQ(b->schema()->simpleString(), "struct<string_col:binary,id:int>");
  EXPECT_EQ(b->column(1)->values<int32_t>()[0], 4);
}
