#pragma once
// Session-wide memory accounting. Operators that hold data (hash tables,
// sort buffers, cached tables) reserve bytes through a MemoryReservation;
// when the session total would exceed `loch.memory.limit` the reservation
// throws MemoryLimitException naming the operator, so a query fails cleanly
// instead of being killed by the OS.

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

namespace loch {

/// Counts bytes reserved by all operators of one session against a limit.
/// Thread-safe.
class MemoryTracker {
 public:
  /// @param limit_bytes the session limit in bytes; 0 means unlimited.
  explicit MemoryTracker(int64_t limit_bytes) : limit_(limit_bytes) {}

  /// Reserves `bytes` for `operator_name`.
  /// @throws MemoryLimitException if the total would exceed the limit.
  void reserve(int64_t bytes, const std::string& operator_name);
  /// Returns bytes previously reserved.
  void release(int64_t bytes) { used_.fetch_sub(bytes, std::memory_order_relaxed); }

  int64_t used() const { return used_.load(std::memory_order_relaxed); }
  int64_t peak() const { return peak_.load(std::memory_order_relaxed); }
  int64_t limit() const { return limit_; }
  void setLimit(int64_t limit_bytes) { limit_ = limit_bytes; }

  /// 75% of physical RAM: the default of `loch.memory.limit`.
  static int64_t defaultLimit();

 private:
  std::atomic<int64_t> used_{0};
  std::atomic<int64_t> peak_{0};
  int64_t limit_;
};

/// RAII share of a MemoryTracker held by one operator instance. Grows as the
/// operator accumulates data; everything is released on destruction.
class MemoryReservation {
 public:
  MemoryReservation(std::shared_ptr<MemoryTracker> tracker, std::string operator_name)
      : tracker_(std::move(tracker)), operator_name_(std::move(operator_name)) {}
  ~MemoryReservation() { resize(0); }
  MemoryReservation(const MemoryReservation&) = delete;
  MemoryReservation& operator=(const MemoryReservation&) = delete;

  /// Sets the reservation to `bytes` (grow or shrink).
  /// @throws MemoryLimitException when growing past the session limit.
  void resize(int64_t bytes);
  /// Adds `bytes` to the reservation.
  void grow(int64_t bytes) { resize(bytes_ + bytes); }
  int64_t bytes() const { return bytes_; }

 private:
  std::shared_ptr<MemoryTracker> tracker_;
  std::string operator_name_;
  int64_t bytes_ = 0;
};

}  // namespace loch
