// Conformance against the apache/parquet-testing corpus at
// $PARQUET_TEST_DATA (skipped when unset): every file in data/ is opened and
// all of its columns decoded; files expected to fail must fail with a Loch
// exception naming the file, never crash.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "loch/common/exception.h"
#include "loch/io/parquet/file_reader.h"
#include "loch/types/value.h"

namespace fs = std::filesystem;
using namespace loch::parquet;

namespace {

std::string dataDir() {
  const char* dir = std::getenv("PARQUET_TEST_DATA");
  return dir ? dir : "";
}

// Files that must be rejected, with the reason. Everything else in data/
// must decode completely.
const std::map<std::string, std::string>& expectedFailures() {
  static const std::map<std::string, std::string> m = {
      {"datapage_v1-corrupt-checksum.parquet", "page CRC mismatch (checksums verified)"},
      {"rle-dict-uncompressed-corrupt-checksum.parquet", "dictionary page CRC mismatch"},
      {"nation.dict-malformed.parquet", "malformed dictionary page"},
  };
  return m;
}

bool isEncrypted(const fs::path& p) { return p.extension() == ".encrypted"; }

// Decodes every column of every row group; returns "" or the error text.
std::string decodeAll(const fs::path& path) {
  try {
    ReaderOptions options;
    options.verify_checksums = true;
    auto reader = ParquetFileReader::open(path.string(), options);
    for (int rg = 0; rg < reader->numRowGroups(); ++rg) {
      reader->readRowGroupColumns(rg);
      // And through the Spark mapping / record assembly, whole and streamed.
      reader->readRowGroup(rg);
      reader->scanRowGroup(rg, {}, 1000, [](const loch::RecordBatchPtr&) {});
    }
    return "";
  } catch (const loch::LochException& e) {
    return e.what();
  }
}

// Calls fn(name, reader) for every valid corpus file with a Spark schema
// (large_string_map is left to the stress run); returns how many.
template <class Fn>
int forEachReadableFile(const std::string& dir, Fn&& fn) {
  int files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    const fs::path& p = entry.path();
    std::string name = p.filename().string();
    if (!entry.is_regular_file() || p.extension() != ".parquet" || expectedFailures().count(name)) continue;
    if (name == "large_string_map.brotli.parquet") continue;
    std::unique_ptr<ParquetFileReader> reader;
    try {
      reader = ParquetFileReader::open(p.string());
      reader->sparkSchema();
    } catch (const loch::LochException&) {
      continue;  // no Spark schema: covered by the decode test
    }
    fn(name, reader.get());
    ++files;
  }
  return files;
}

}  // namespace

TEST(ParquetCorpus, EveryDataFileDecodesOrFailsCleanly) {
  std::string dir = dataDir();
  if (dir.empty()) GTEST_SKIP() << "PARQUET_TEST_DATA not set";
  int ok = 0, failed_as_expected = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    const fs::path& p = entry.path();
    std::string name = p.filename().string();
    bool parquet = p.extension() == ".parquet" || isEncrypted(p);
    if (!entry.is_regular_file() || !parquet) continue;
    if (name == "large_string_map.brotli.parquet" && !std::getenv("LOCH_PARQUET_STRESS")) {
      continue;  // needs > 2 GB of memory; run with LOCH_PARQUET_STRESS=1
    }
    std::string error = decodeAll(p);
    bool expect_fail = isEncrypted(p) || expectedFailures().count(name) > 0;
    if (expect_fail) {
      EXPECT_FALSE(error.empty()) << name << " should have been rejected";
      if (!error.empty()) {
        EXPECT_NE(error.find(name), std::string::npos) << "error does not name the file: " << error;
        ++failed_as_expected;
      }
    } else {
      EXPECT_TRUE(error.empty()) << name << ": " << error;
      if (error.empty()) ++ok;
    }
  }
  std::cout << "[corpus] decoded " << ok << " files, rejected " << failed_as_expected << " as expected\n";
}

// The streaming scan (page at a time, dictionary vectors) yields exactly
// the values of whole-row-group assembly, for batch sizes that cut pages at
// odd places.
TEST(ParquetCorpus, StreamedBatchesEqualWholeRowGroups) {
  std::string dir = dataDir();
  if (dir.empty()) GTEST_SKIP() << "PARQUET_TEST_DATA not set";
  int files = forEachReadableFile(dir, [&](const std::string& name, const ParquetFileReader* reader) {
    for (int rg = 0; rg < reader->numRowGroups(); ++rg) {
      auto whole = reader->readRowGroup(rg);
      for (int64_t batch : {7, 1000}) {
        int64_t start = 0;
        reader->scanRowGroup(rg, {}, batch, [&](const loch::RecordBatchPtr& b) {
          ASSERT_EQ(b->numColumns(), whole->numColumns()) << name;
          for (int c = 0; c < b->numColumns(); ++c) {
            for (int64_t i = 0; i < b->numRows(); ++i) {
              loch::Value got = b->column(c)->getValue(i);
              loch::Value want = whole->column(c)->getValue(start + i);
              ASSERT_EQ(got.toString(), want.toString())
                  << name << " row group " << rg << " column " << c << " row " << start + i << " batch " << batch;
            }
          }
          start += b->numRows();
        });
        EXPECT_EQ(start, whole->numRows()) << name;
      }
    }
  });
  EXPECT_GT(files, 30);
}

// Scan filters (late materialization): with IS NOT NULL on one column, or
// equality with one of its strings, the kept rows equal the whole row
// group's rows that satisfy it, every column included.
TEST(ParquetCorpus, ScanFiltersKeepExactlyTheMatchingRows) {
  std::string dir = dataDir();
  if (dir.empty()) GTEST_SKIP() << "PARQUET_TEST_DATA not set";
  int checked = forEachReadableFile(dir, [&](const std::string& name, const ParquetFileReader* reader) {
    for (int rg = 0; rg < reader->numRowGroups(); ++rg) {
      auto whole = reader->readRowGroup(rg);
      for (int c = 0; c < whole->numColumns(); ++c) {
        const loch::Vector& col = *whole->column(c);
        std::vector<ScanFilter> filters;
        filters.push_back({c, loch::ColumnPredicate{c, loch::ColumnPredicate::Op::IsNotNull, {}}});
        bool is_string = col.typeId() == loch::TypeId::String;
        for (int64_t i = 0; is_string && i < col.size(); ++i) {
          if (col.isNull(i)) continue;
          filters.push_back({c, loch::ColumnPredicate{c, loch::ColumnPredicate::Op::Eq, {col.getValue(i)}}});
          break;
        }
        for (const auto& filter : filters) {
          std::vector<int64_t> want;
          for (int64_t i = 0; i < col.size(); ++i) {
            bool ok = !col.isNull(i);
            if (ok && filter.predicate.op == loch::ColumnPredicate::Op::Eq) ok = col.getValue(i) == filter.predicate.values[0];
            if (ok) want.push_back(i);
          }
          for (int64_t batch : {7, 1000}) {
            size_t k = 0;
            reader->scanRowGroup(rg, {}, batch, [&](const loch::RecordBatchPtr& b) {
              for (int64_t i = 0; i < b->numRows(); ++i, ++k) {
                ASSERT_LT(k, want.size()) << name;
                for (int cc = 0; cc < b->numColumns(); ++cc) {
                  ASSERT_EQ(b->column(cc)->getValue(i).toString(), whole->column(cc)->getValue(want[k]).toString())
                      << name << " filter on column " << c << " batch " << batch << " column " << cc;
                }
              }
            }, {filter});
            EXPECT_EQ(k, want.size()) << name << " filter on column " << c;
          }
        }
      }
    }
  });
  EXPECT_GT(checked, 30);
}

TEST(ParquetCorpus, BadDataIsRejectedCleanly) {
  std::string dir = dataDir();
  if (dir.empty()) GTEST_SKIP() << "PARQUET_TEST_DATA not set";
  fs::path bad = fs::path(dir).parent_path() / "bad_data";
  if (!fs::exists(bad)) GTEST_SKIP() << "no bad_data directory";
  // ARROW-GH-43605 uses bit width 0 for dictionary indices: unusual but
  // decodable (every index is 0), so it is read rather than rejected.
  const std::set<std::string> accepted = {"ARROW-GH-43605.parquet"};
  int rejected = 0;
  for (const auto& entry : fs::directory_iterator(bad)) {
    if (entry.path().extension() != ".parquet") continue;
    std::string name = entry.path().filename().string();
    std::string error = decodeAll(entry.path());
    if (accepted.count(name)) {
      EXPECT_TRUE(error.empty()) << name << ": " << error;
      continue;
    }
    EXPECT_FALSE(error.empty()) << name << " should have been rejected";
    EXPECT_NE(error.find(name), std::string::npos) << error;
    // Every rejection names where it happened: the row group (and column)
    // for data and footer column chunks, the schema leaf for schema errors.
    if (name == "PARQUET-1481.parquet") {
      EXPECT_NE(error.find("schema leaf 'Handle'"), std::string::npos) << error;
    } else {
      EXPECT_NE(error.find("row group "), std::string::npos) << error;
      EXPECT_NE(error.find("column"), std::string::npos) << error;
    }
    if (!error.empty()) ++rejected;
  }
  EXPECT_GE(rejected, 7);
}
