#pragma once
// The thread-local hash table of HashAggregate.
//
// Groups live in a row arena as fixed-size rows
//   [uint64 hash][key row (GroupKeyLayout)][pad][state 0][state 1]...
// (DuckDB's layout); a group is identified by its row pointer and the
// aggregate states are updated in place. The table itself is open
// addressing with linear probing over {hash, row} slots, kept at most half
// full. Each worker keeps one table per radix partition (top hash bits), so
// that finalize can merge partition p of every worker independently.

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

/// Open-addressing hash table from key to group row.
class GroupTable {
 public:
  explicit GroupTable(const GroupRowLayout* layout) : layout_(layout) {}

  /// The group of key row `key` with hash `hash`, or nullptr.
  uint8_t* find(uint64_t hash, const uint8_t* key) const {
    if (slots_.empty()) return nullptr;
    size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (!s.row) return nullptr;
      if (s.hash == hash && layout_->keys.equal(layout_->keyOf(s.row), key)) return s.row;
    }
  }
  /// The group of `key`, created in `arena` when new.
  uint8_t* findOrInsert(uint64_t hash, const uint8_t* key, GroupArena& arena, MemoryReservation& reservation) {
    if ((groups_.size() + 1) * 2 > slots_.size()) grow(reservation);
    size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (!s.row) {
        s.row = arena.newGroup(hash, key);
        s.hash = hash;
        groups_.push_back(s.row);
        return s.row;
      }
      if (s.hash == hash && layout_->keys.equal(layout_->keyOf(s.row), key)) return s.row;
    }
  }
  /// Prefetches the home slot of `hash` (first stage of batch probing).
  void prefetchSlot(uint64_t hash) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]);
  }
  /// Prefetches the group row in the home slot of `hash`, if any (second
  /// stage: the slot is expected in cache by now).
  void prefetchRow(uint64_t hash) const {
    if (slots_.empty()) return;
    const uint8_t* row = slots_[hash & (slots_.size() - 1)].row;
    if (row) __builtin_prefetch(row);
  }
  /// Adds an existing row (from another worker's arena) known to be absent.
  void insertRow(uint8_t* row, MemoryReservation& reservation);

  /// Groups in insertion order.
  const std::vector<uint8_t*>& groups() const { return groups_; }
  int64_t size() const { return static_cast<int64_t>(groups_.size()); }
  /// Bytes of the slot array and group list.
  int64_t memoryBytes() const {
    return static_cast<int64_t>(slots_.capacity() * sizeof(Slot) + groups_.capacity() * sizeof(uint8_t*));
  }

 private:
  struct Slot {
    uint64_t hash = 0;
    uint8_t* row = nullptr;
  };
  void grow(MemoryReservation& reservation);

  const GroupRowLayout* layout_;
  std::vector<Slot> slots_;
  std::vector<uint8_t*> groups_;
};

}  // namespace loch
