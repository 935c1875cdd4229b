#include "loch/common/memory_tracker.h"

#include <gtest/gtest.h>

#include "loch/common/exception.h"

namespace loch {

TEST(MemoryTrackerTest, ReservationsAddUpAndRelease) {
  auto tracker = std::make_shared<MemoryTracker>(1000);
  {
    MemoryReservation a(tracker, "HashAggregate");
    a.resize(600);
    EXPECT_EQ(tracker->used(), 600);
    MemoryReservation b(tracker, "Sort");
    b.grow(300);
    EXPECT_EQ(tracker->used(), 900);
  }
  EXPECT_EQ(tracker->used(), 0);
  EXPECT_EQ(tracker->peak(), 900);
}

TEST(MemoryTrackerTest, ExceedingTheLimitNamesTheOperator) {
  auto tracker = std::make_shared<MemoryTracker>(1000);
  MemoryReservation a(tracker, "HashJoin(build)");
  a.resize(800);
  try {
    a.grow(300);
    FAIL() << "expected MemoryLimitException";
  } catch (const MemoryLimitException& e) {
    EXPECT_EQ(e.errorClass(), "MEMORY_LIMIT_EXCEEDED");
    EXPECT_NE(std::string(e.what()).find("HashJoin(build)"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("loch.memory.limit"), std::string::npos);
  }
  EXPECT_EQ(tracker->used(), 800);  // failed growth leaves the reservation as it was
  EXPECT_EQ(a.bytes(), 800);
}

TEST(MemoryTrackerTest, ZeroLimitIsUnlimited) {
  auto tracker = std::make_shared<MemoryTracker>(0);
  MemoryReservation a(tracker, "Sort");
  a.resize(1LL << 40);
  EXPECT_EQ(tracker->used(), 1LL << 40);
}

TEST(MemoryTrackerTest, DefaultIsThreeQuartersOfRam) { EXPECT_GT(MemoryTracker::defaultLimit(), 0); }

}  // namespace loch
