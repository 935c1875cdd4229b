#include "loch/common/format.h"

#include <gtest/gtest.h>

#include "loch/common/exception.h"

namespace loch {

TEST(FormatTest, FormatBytes) {
  EXPECT_EQ(formatBytes(512), "512 B");
  EXPECT_EQ(formatBytes(1536), "1.5 KiB");
  EXPECT_EQ(formatBytes(3LL << 30), "3.0 GiB");
}

TEST(FormatTest, ParseBytes) {
  EXPECT_EQ(parseBytes("100"), 100);
  EXPECT_EQ(parseBytes("4k"), 4096);
  EXPECT_EQ(parseBytes("10MB"), 10LL << 20);
  EXPECT_EQ(parseBytes("2g"), 2LL << 30);
  EXPECT_GT(parseBytes("50%"), 0);
  EXPECT_THROW(parseBytes("lots"), InvalidArgumentException);
  EXPECT_THROW(parseBytes(""), InvalidArgumentException);
}

TEST(FormatTest, CaseAndDistance) {
  EXPECT_TRUE(equalsIgnoreCase("User_ID", "user_id"));
  EXPECT_FALSE(equalsIgnoreCase("user", "users"));
  EXPECT_EQ(editDistance("user_id", "usr_id"), 1);
  EXPECT_EQ(editDistance("", "abc"), 3);
  EXPECT_EQ(quoteIdentifier("a`b"), "`a``b`");
}

}  // namespace loch
