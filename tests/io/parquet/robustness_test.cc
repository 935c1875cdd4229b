// Corrupt and truncated files must fail with a Loch exception, never crash
// or read out of bounds (run under LOCH_SANITIZE=ON to check the latter);
// row groups decode independently on several threads.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "io/parquet/test_data.h"
#include "loch/common/exception.h"
#include "loch/io/parquet/file_reader.h"

namespace fs = std::filesystem;
using namespace loch::parquet;
using loch::parquet::testing::corpusDir;
using loch::parquet::testing::corpusFile;

namespace {

std::vector<char> readBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Writes `bytes` to a per-test temporary file and returns its path.
std::string writeTemp(const std::vector<char>& bytes, const std::string& tag) {
  fs::path p = fs::temp_directory_path() / ("loch_parquet_" + std::to_string(::getpid()) + "_" + tag + ".parquet");
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return p.string();
}

// Decodes everything; returns true when it succeeded, false on a Loch
// exception. Any other exception type fails the test.
bool tryDecode(const std::string& path) {
  try {
    auto r = ParquetFileReader::open(path);
    for (int rg = 0; rg < r->numRowGroups(); ++rg) {
      r->readRowGroupColumns(rg);
      r->readRowGroup(rg);
    }
    return true;
  } catch (const loch::LochException&) {
    return false;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "non-Loch exception: " << e.what();
    return false;
  }
}

const std::vector<std::string> kSmallFiles = {
    "alltypes_plain.parquet",       "alltypes_plain.snappy.parquet", "datapage_v2.snappy.parquet",
    "nested_lists.snappy.parquet",  "nullable.impala.parquet",       "delta_encoding_optional_column.parquet",
    "byte_stream_split.zstd.parquet", "hadoop_lz4_compressed.parquet", "rle_boolean_encoding.parquet",
    "nested_maps.snappy.parquet",   "delta_length_byte_array.parquet", "int96_from_spark.parquet",
};

}  // namespace

TEST(ParquetRobustness, TruncatedFilesFailCleanly) {
  if (corpusDir().empty()) GTEST_SKIP() << "PARQUET_TEST_DATA not set";
  for (const auto& name : kSmallFiles) {
    std::vector<char> bytes = readBytes(corpusFile(name));
    ASSERT_FALSE(bytes.empty()) << name;
    for (size_t keep : {size_t{0}, size_t{3}, size_t{11}, bytes.size() / 3, bytes.size() / 2, bytes.size() - 1}) {
      std::vector<char> cut(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(keep));
      std::string path = writeTemp(cut, "trunc");
      EXPECT_FALSE(tryDecode(path)) << name << " truncated to " << keep;
      fs::remove(path);
    }
  }
}

TEST(ParquetRobustness, RandomByteCorruptionNeverCrashes) {
  if (corpusDir().empty()) GTEST_SKIP() << "PARQUET_TEST_DATA not set";
  std::mt19937 rng(20261121);
  int iterations = std::getenv("LOCH_PARQUET_FUZZ_ITERATIONS") ? std::atoi(std::getenv("LOCH_PARQUET_FUZZ_ITERATIONS")) : 40;
  for (const auto& name : kSmallFiles) {
    std::vector<char> original = readBytes(corpusFile(name));
    for (int it = 0; it < iterations; ++it) {
      std::vector<char> bytes = original;
      int flips = 1 + static_cast<int>(rng() % 4);
      // Half the runs hit the footer, where the metadata lives.
      for (int f = 0; f < flips; ++f) {
        size_t pos = (it % 2 == 0 && bytes.size() > 300) ? bytes.size() - 1 - rng() % 300 : rng() % bytes.size();
        bytes[pos] = static_cast<char>(rng());
      }
      std::string path = writeTemp(bytes, "fuzz");
      tryDecode(path);  // either outcome is fine; crashing is not
      fs::remove(path);
    }
  }
}

TEST(ParquetRobustness, BatchesSplitRowGroups) {
  if (corpusDir().empty()) GTEST_SKIP() << "PARQUET_TEST_DATA not set";
  auto r = ParquetFileReader::open(corpusFile("alltypes_tiny_pages.parquet"));
  auto batches = r->readRowGroupBatches(0, {0}, 4096);
  ASSERT_EQ(batches.size(), 2u);
  EXPECT_EQ(batches[0]->numRows(), 4096);
  EXPECT_EQ(batches[1]->numRows(), 7300 - 4096);
  EXPECT_EQ(batches[1]->column(0)->values<int32_t>()[0], r->readRowGroup(0, {0})->column(0)->values<int32_t>()[4096]);
}

TEST(ParquetRobustness, MissingFileIsPathNotFound) {
  try {
    ParquetFileReader::open("/nonexistent/loch/file.parquet");
    FAIL() << "expected an exception";
  } catch (const loch::IOException& e) {
    EXPECT_EQ(e.errorClass(), "PATH_NOT_FOUND");
    EXPECT_NE(e.message().find("/nonexistent/loch/file.parquet"), std::string::npos);
  }
}

TEST(ParquetRobustness, RowGroupsDecodeInParallel) {
  if (corpusDir().empty()) GTEST_SKIP() << "PARQUET_TEST_DATA not set";
  auto r = ParquetFileReader::open(corpusFile("geospatial/geography-points.parquet"));
  ASSERT_GT(r->numRowGroups(), 4);
  auto render = [&](int rg) {
    auto b = r->readRowGroup(rg);
    std::string text;
    for (int64_t i = 0; i < b->numRows(); ++i) {
      for (const auto& v : b->row(i)) text += v.toString() + "|";
    }
    return text;
  };
  std::vector<std::string> serial;
  for (int rg = 0; rg < r->numRowGroups(); ++rg) serial.push_back(render(rg));
  std::vector<std::string> parallel(serial.size());
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&, t] {
      for (int rg = t; rg < r->numRowGroups(); rg += 2) parallel[rg] = render(rg);
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(serial, parallel);
}
