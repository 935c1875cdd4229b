#include "loch/common/config.h"

#include <gtest/gtest.h>

#include "loch/common/exception.h"

namespace loch {

TEST(RuntimeConfigTest, DefaultsFollowSpark) {
  RuntimeConfig c;
  EXPECT_TRUE(c.ansiEnabled());
  EXPECT_EQ(c.sessionTimeZone(), "UTC");
  EXPECT_FALSE(c.caseSensitive());
  EXPECT_EQ(c.autoBroadcastJoinThreshold(), 10LL << 20);
  EXPECT_GE(c.threads(), 1);
}

TEST(RuntimeConfigTest, TypedValuesAndErrors) {
  RuntimeConfig c;
  c.set("spark.sql.ansi.enabled", "FALSE");
  EXPECT_FALSE(c.ansiEnabled());
  c.set("spark.sql.ansi.enabled", "maybe");
  EXPECT_THROW(c.ansiEnabled(), InvalidArgumentException);
  c.set("spark.sql.autoBroadcastJoinThreshold", "-1");
  EXPECT_EQ(c.autoBroadcastJoinThreshold(), -1);
  c.set("loch.threads", "3");
  EXPECT_EQ(c.threads(), 3);
  c.set("loch.threads", "x");
  EXPECT_THROW(c.threads(), InvalidArgumentException);
}

}  // namespace loch
