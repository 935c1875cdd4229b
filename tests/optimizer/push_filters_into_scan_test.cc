#include "loch/optimizer/rules/push_filters_into_scan.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "loch/api/data_frame_writer.h"
#include "loch/optimizer/rules/column_pruning.h"
#include "rule_test_util.h"

namespace loch {
namespace {

namespace F = functions;
using testing::findNode;

std::string tempDir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("loch_opt_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  return dir.string();
}

TEST(PushFiltersIntoScanTest, SimpleConjunctsReachTheScanAndColumnsArePruned) {
  auto spark = testing::ruleSession();
  std::string path = tempDir("scan");
  spark->range(1000)
      .withColumn("k", F::col("id") % 10)
      .withColumn("s", F::col("id").cast("string"))
      .write()
      .mode("overwrite")
      .partitionBy({"k"})
      .parquet(path);
  auto df = spark->read().parquet(path).filter(F::col("k") == 3 && F::col("id") >= 500).select("id");
  auto optimized = spark->optimizedPlan(df.plan());
  const auto* scan = findNode(optimized, PlanKind::DataSourceScan);
  ASSERT_NE(scan, nullptr);
  EXPECT_EQ(scan->pushedPredicates().size(), 2u);
  EXPECT_EQ(scan->output().size(), 2u);  // id and k; s is never read
  EXPECT_EQ(df.count(), 50);
  std::filesystem::remove_all(path);
}

TEST(PushFiltersIntoScanTest, ComplexConjunctsStayOnlyInTheFilter) {
  auto spark = testing::ruleSession();
  std::string path = tempDir("complex");
  spark->range(100).write().mode("overwrite").parquet(path);
  auto df = spark->read().parquet(path).filter(F::col("id") % 7 == 0);
  auto optimized = spark->optimizedPlan(df.plan());
  EXPECT_TRUE(findNode(optimized, PlanKind::DataSourceScan)->pushedPredicates().empty());
  EXPECT_EQ(df.count(), 15);
  std::filesystem::remove_all(path);
}

}  // namespace
}  // namespace loch
