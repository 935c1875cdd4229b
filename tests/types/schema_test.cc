#include "loch/types/schema.h"

#include <gtest/gtest.h>

namespace loch {

TEST(SchemaTest, TreeStringMatchesSparkPrintSchema) {
  auto schema = StructType({
      StructField("user_id", LongType(), false),
      StructField("tags", ArrayType(StringType(), true)),
      StructField("props", MapType(StringType(), IntegerType(), true)),
      StructField("loc", StructType({StructField("lat", DoubleType()), StructField("lon", DoubleType())})),
  });
  EXPECT_EQ(treeString(*schema),
            "root\n"
            " |-- user_id: long (nullable = false)\n"
            " |-- tags: array (nullable = true)\n"
            " |    |-- element: string (containsNull = true)\n"
            " |-- props: map (nullable = true)\n"
            " |    |-- key: string\n"
            " |    |-- value: integer (valueContainsNull = true)\n"
            " |-- loc: struct (nullable = true)\n"
            " |    |-- lat: double (nullable = true)\n"
            " |    |-- lon: double (nullable = true)\n");
}

TEST(SchemaTest, FindFieldIsCaseInsensitiveByDefault) {
  auto schema = StructType({StructField("User_Id", LongType()), StructField("value", DoubleType())});
  EXPECT_EQ(findField(*schema, "user_id"), 0);
  EXPECT_FALSE(findField(*schema, "user_id", true).has_value());
  EXPECT_EQ(findField(*schema, "VALUE"), 1);
  EXPECT_FALSE(findField(*schema, "missing").has_value());
}

TEST(SchemaTest, SuggestsCloseNames) {
  auto s = suggestNames("usr_id", {"value", "user_id", "event_id"}, 2);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0], "user_id");
}

}  // namespace loch
