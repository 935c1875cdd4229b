#pragma once
// The thread-local hash table of HashAggregate.
//
// Groups live in a row arena as fixed-size rows
//   [uint64 hash][key row (GroupKeyLayout)][pad][state 0][state 1]...
// (DuckDB's layout); a group is identified by its row pointer and the
// aggregate states are updated in place. The table itself is open
// addressing with linear probing over salted row pointers, kept at most
// half full. Each worker keeps one table per radix partition (top hash
// bits), so that finalize can merge partition p of every worker
// independently.

#include <cstdint>
#include <memory>
#include <vector>

#include "loch/common/memory_tracker.h"
#include "loch/exec/aggregate/group_key_layout.h"
#include "loch/function/aggregate_function.h"

namespace loch {

/// Where each piece of a group row lives.
struct GroupRowLayout {
  explicit GroupRowLayout(GroupKeyLayout keys, const std::vector<const BoundAggregateFunction*>& functions);

  GroupKeyLayout keys;
  std::vector<const BoundAggregateFunction*> functions;
  static constexpr uint32_t kKeyOffset = 8;  // after the hash
  std::vector<uint32_t> state_offsets;
  uint32_t row_width = 0;
  uint32_t row_align = 8;

  const uint8_t* keyOf(const uint8_t* row) const { return row + kKeyOffset; }
  uint64_t hashOf(const uint8_t* row) const {
    uint64_t h;
    std::memcpy(&h, row, 8);
    return h;
  }
};

/// Bump allocator for group rows and key strings. Every block is charged to
/// a MemoryReservation; destroying the arena runs the aggregate states'
/// destroy functions of every row it holds.
class GroupArena {
 public:
  GroupArena(const GroupRowLayout& layout, MemoryReservation& reservation)
      : layout_(layout), reservation_(reservation) {}
  ~GroupArena();
  GroupArena(const GroupArena&) = delete;
  GroupArena& operator=(const GroupArena&) = delete;

  /// A new row with `hash` and key row `key` (strings copied into the
  /// arena) and freshly initialised states.
  /// @throws MemoryLimitException when the session limit is exceeded.
  uint8_t* newGroup(uint64_t hash, const uint8_t* key);
  int64_t groups() const { return groups_; }

 private:
  uint8_t* allocateRow();
  void reserveStrings(size_t len);
  const char* copyString(const char* data, uint32_t len);

  const GroupRowLayout& layout_;
  MemoryReservation& reservation_;
  std::vector<std::unique_ptr<uint8_t[]>> row_blocks_;
  int64_t rows_in_last_block_ = 0;
  int64_t rows_per_block_ = 0;
  std::vector<std::unique_ptr<char[]>> string_blocks_;
  size_t string_used_ = 0;
  size_t string_capacity_ = 0;
  int64_t groups_ = 0;
};

/// Prefetches the cache line of `p`. The pointer goes through an empty asm
/// first: GCC 12 drops a plain __builtin_prefetch of an address loaded from
/// a std::vector or behind a branch, which silently disabled prefetching.
inline void prefetchLine(const void* p) {
  asm volatile("" : "+r"(p));
  __builtin_prefetch(p);
}

/// Open-addressing hash table (linear probing, at most half full) from key
/// to group row. A slot is one word: the row pointer in the low 48 bits and
/// a 16-bit salt (hash bits 32..47, independent of the slot index and of the
/// radix partition) in the high bits, so a probe touches a group row only
/// when the salt matches: about one row per probed key, and the slot array
/// is half the size of {hash, pointer} slots (DuckDB's salted pointers).
class GroupTable {
 public:
  static constexpr int kPointerBits = 48;

  explicit GroupTable(const GroupRowLayout* layout) : layout_(layout) {}

  /// The group of key row `key` with hash `hash`, or nullptr.
  uint8_t* find(uint64_t hash, const uint8_t* key) const {
    if (capacity_ == 0) return nullptr;
    size_t mask = capacity_ - 1;
    uint64_t salt = saltOf(hash);
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      uint64_t s = slots_[i];
      if (!s) return nullptr;
      if ((s & kSaltMask) == salt) {
        uint8_t* row = rowOf(s);
        if (layout_->keys.equal(layout_->keyOf(row), key)) return row;
      }
    }
  }
  /// The group of `key`, created in `arena` when new.
  uint8_t* findOrInsert(uint64_t hash, const uint8_t* key, GroupArena& arena, MemoryReservation& reservation) {
    if ((groups_.size() + 1) * 2 > capacity_) grow(reservation);
    size_t mask = capacity_ - 1;
    uint64_t salt = saltOf(hash);
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      uint64_t s = slots_[i];
      if (!s) {
        uint8_t* row = arena.newGroup(hash, key);
        slots_[i] = slotOf(hash, row);
        groups_.push_back(row);
        return row;
      }
      if ((s & kSaltMask) == salt) {
        uint8_t* row = rowOf(s);
        if (layout_->keys.equal(layout_->keyOf(row), key)) return row;
      }
    }
  }
  /// Prefetches the home slot of `hash` (first stage of batch probing).
  void prefetchSlot(uint64_t hash) const {
    if (capacity_) prefetchLine(slots_.get() + (hash & (capacity_ - 1)));
  }
  /// Prefetches the group row in the home slot of `hash` if its salt
  /// matches (second stage: the slot is expected in cache by now): the
  /// row's first and last cache line, as rows straddle line boundaries.
  void prefetchRow(uint64_t hash) const {
    if (!capacity_) return;
    uint64_t s = slots_[hash & (capacity_ - 1)];
    if (s && (s & kSaltMask) == saltOf(hash)) {
      const uint8_t* row = rowOf(s);
      prefetchLine(row);
      prefetchLine(row + layout_->row_width - 1);
    }
  }
  /// Adds an existing row (from another worker's arena) known to be absent.
  void insertRow(uint8_t* row, MemoryReservation& reservation);

  /// Groups in insertion order.
  const std::vector<uint8_t*>& groups() const { return groups_; }
  int64_t size() const { return static_cast<int64_t>(groups_.size()); }
  /// Bytes of the slot array and group list.
  int64_t memoryBytes() const {
    return static_cast<int64_t>(capacity_ * sizeof(uint64_t) + groups_.capacity() * sizeof(uint8_t*));
  }

 private:
  static constexpr uint64_t kSaltMask = ~uint64_t{0} << kPointerBits;
  static uint64_t saltOf(uint64_t hash) { return (hash << (kPointerBits - 32)) & kSaltMask; }
  static uint8_t* rowOf(uint64_t slot) {
    return reinterpret_cast<uint8_t*>(static_cast<uintptr_t>(slot & ~kSaltMask));
  }
  static uint64_t slotOf(uint64_t hash, uint8_t* row) { return saltOf(hash) | reinterpret_cast<uintptr_t>(row); }
  void grow(MemoryReservation& reservation);

  const GroupRowLayout* layout_;
  std::unique_ptr<uint64_t[]> slots_;  // capacity_ slots, 0 = empty
  size_t capacity_ = 0;                // a power of two (or 0)
  std::vector<uint8_t*> groups_;
};

}  // namespace loch
