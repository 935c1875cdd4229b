#include "loch/common/memory_tracker.h"

#include <unistd.h>

#include "loch/common/exception.h"
#include "loch/common/format.h"

namespace loch {

void MemoryTracker::reserve(int64_t bytes, const std::string& operator_name) {
  int64_t now = used_.fetch_add(bytes, std::memory_order_relaxed) + bytes;
  if (limit_ > 0 && bytes > 0 && now > limit_) {
    used_.fetch_sub(bytes, std::memory_order_relaxed);
    throw MemoryLimitException(
        "MEMORY_LIMIT_EXCEEDED",
        "Operator " + operator_name + " needs " + formatBytes(bytes) +
            " more but the session already holds " + formatBytes(now - bytes) +
            " of its limit of " + formatBytes(limit_) +
            " (loch.memory.limit). Raise the limit or reduce the data the query holds.");
  }
  int64_t peak = peak_.load(std::memory_order_relaxed);
  while (now > peak && !peak_.compare_exchange_weak(peak, now)) {
  }
}

int64_t MemoryTracker::defaultLimit() {
  long pages = sysconf(_SC_PHYS_PAGES);
  long page_size = sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || page_size <= 0) return 0;
  return static_cast<int64_t>(pages) * page_size / 4 * 3;
}

void MemoryReservation::resize(int64_t bytes) {
  if (!tracker_) {
    bytes_ = bytes;
    return;
  }
  int64_t delta = bytes - bytes_;
  if (delta > 0) {
    tracker_->reserve(delta, operator_name_);
  } else if (delta < 0) {
    tracker_->release(-delta);
  }
  bytes_ = bytes;
}

}  // namespace loch
