#include "loch/exec/aggregate/aggregate_hash_table.h"

#include <algorithm>

#include "loch/common/exception.h"

namespace loch {

namespace {

uint32_t alignUp(uint32_t v, uint32_t a) { return (v + a - 1) / a * a; }

constexpr int64_t kRowBlockBytes = 256 * 1024;
constexpr size_t kStringBlockBytes = 256 * 1024;

}  // namespace

GroupRowLayout::GroupRowLayout(GroupKeyLayout key_layout, const std::vector<const BoundAggregateFunction*>& fns)
    : keys(std::move(key_layout)), functions(fns) {
  uint32_t pos = kKeyOffset + keys.width();
  for (const auto* f : functions) {
    uint32_t align = static_cast<uint32_t>(std::max<size_t>(f->state_align, 1));
    // Arena blocks are only guaranteed 16-byte alignment.
    align = std::min<uint32_t>(align, 16);
    row_align = std::max(row_align, align);
    pos = alignUp(pos, align);
    state_offsets.push_back(pos);
    pos += static_cast<uint32_t>(f->state_size);
  }
  row_width = alignUp(pos, row_align);
}

GroupArena::~GroupArena() {
  std::vector<const BoundAggregateFunction*> destroyers;
  std::vector<uint32_t> offsets;
  for (size_t a = 0; a < layout_.functions.size(); ++a) {
    if (layout_.functions[a]->destroy) {
      destroyers.push_back(layout_.functions[a]);
      offsets.push_back(layout_.state_offsets[a]);
    }
  }
  if (destroyers.empty()) return;
  for (size_t b = 0; b < row_blocks_.size(); ++b) {
    int64_t rows = b + 1 == row_blocks_.size() ? rows_in_last_block_ : rows_per_block_;
    uint8_t* base = row_blocks_[b].get();
    for (int64_t r = 0; r < rows; ++r) {
      uint8_t* row = base + r * layout_.row_width;
      for (size_t a = 0; a < destroyers.size(); ++a) destroyers[a]->destroy(row + offsets[a]);
    }
  }
}

uint8_t* GroupArena::allocateRow() {
  if (rows_per_block_ == 0) rows_per_block_ = std::max<int64_t>(1, kRowBlockBytes / layout_.row_width);
  if (row_blocks_.empty() || rows_in_last_block_ == rows_per_block_) {
    int64_t bytes = rows_per_block_ * layout_.row_width;
    reservation_.grow(bytes);
    // operator new[] gives at least 16-byte alignment (__STDCPP_DEFAULT_NEW_ALIGNMENT__).
    auto block = std::make_unique_for_overwrite<uint8_t[]>(static_cast<size_t>(bytes));
    if ((reinterpret_cast<uintptr_t>(block.get()) + static_cast<uintptr_t>(bytes)) >> GroupTable::kPointerBits)
      throw InternalException("HashAggregate: group row address does not fit the hash table's 48-bit slots");
    row_blocks_.push_back(std::move(block));
    rows_in_last_block_ = 0;
  }
  return row_blocks_.back().get() + (rows_in_last_block_++) * layout_.row_width;
}

void GroupArena::reserveStrings(size_t len) {
  if (len == 0 || (!string_blocks_.empty() && string_used_ + len <= string_capacity_)) return;
  size_t bytes = std::max<size_t>(kStringBlockBytes, len);
  reservation_.grow(static_cast<int64_t>(bytes));
  string_blocks_.push_back(std::make_unique_for_overwrite<char[]>(bytes));
  string_used_ = 0;
  string_capacity_ = bytes;
}

const char* GroupArena::copyString(const char* data, uint32_t len) {
  if (len == 0) return "";
  char* dst = string_blocks_.back().get() + string_used_;
  std::memcpy(dst, data, len);
  string_used_ += len;
  return dst;
}

uint8_t* GroupArena::newGroup(uint64_t hash, const uint8_t* key) {
  // Everything that may throw (memory limit) happens before the row counts
  // as allocated, so the destructor never sees uninitialised states.
  size_t string_bytes = 0;
  for (uint32_t off : layout_.keys.stringOffsets()) {
    uint32_t len = string_key::length(key + off);
    if (len > string_key::kInlineMax) string_bytes += len;
  }
  reserveStrings(string_bytes);
  uint8_t* row = allocateRow();
  std::memcpy(row, &hash, 8);
  uint8_t* key_dst = row + GroupRowLayout::kKeyOffset;
  std::memcpy(key_dst, key, layout_.keys.width());
  // Short strings are inside the key row already; long ones still point
  // into the input batch.
  for (uint32_t off : layout_.keys.stringOffsets()) {
    uint32_t len = string_key::length(key_dst + off);
    if (len > string_key::kInlineMax)
      string_key::setPointer(key_dst + off, copyString(string_key::pointer(key_dst + off), len));
  }
  for (size_t a = 0; a < layout_.functions.size(); ++a) layout_.functions[a]->init(row + layout_.state_offsets[a]);
  ++groups_;
  return row;
}

void GroupTable::grow(MemoryReservation& reservation) {
  int64_t before = memoryBytes();
  size_t capacity = capacity_ == 0 ? 64 : capacity_ * 2;
  int64_t after = static_cast<int64_t>(capacity * sizeof(uint64_t) + capacity / 2 * sizeof(uint8_t*));
  reservation.grow(after - before);
  auto fresh = std::make_unique<uint64_t[]>(capacity);  // zeroed: all empty
  size_t mask = capacity - 1;
  for (uint8_t* row : groups_) {
    uint64_t h = layout_->hashOf(row);
    size_t i = h & mask;
    while (fresh[i]) i = (i + 1) & mask;
    fresh[i] = slotOf(h, row);
  }
  slots_ = std::move(fresh);
  capacity_ = capacity;
  groups_.reserve(capacity / 2);
}

void GroupTable::insertRow(uint8_t* row, MemoryReservation& reservation) {
  if ((groups_.size() + 1) * 2 > capacity_) grow(reservation);
  uint64_t h = layout_->hashOf(row);
  size_t mask = capacity_ - 1;
  size_t i = h & mask;
  while (slots_[i]) i = (i + 1) & mask;
  slots_[i] = slotOf(h, row);
  groups_.push_back(row);
}

}  // namespace loch
