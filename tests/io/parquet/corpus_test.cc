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
      // And through the Spark mapping / record assembly.
      reader->readRowGroup(rg);
    }
    return "";
  } catch (const loch::LochException& e) {
    return e.what();
  }
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
