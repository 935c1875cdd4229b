#pragma once
// Output of variable-length decoders: Arrow-style offsets + contiguous bytes.
// Offsets are 64-bit because one Parquet column chunk may hold more than
// 2 GB of strings (the engine's 32-bit vectors split such chunks later).

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace loch::parquet {

/// Values i is data[offsets[i], offsets[i+1]). Always has offsets[0] == 0.
struct ByteArrayBuffer {
  std::vector<int64_t> offsets{0};
  std::vector<uint8_t> data;

  size_t size() const { return offsets.size() - 1; }
  void append(const uint8_t* bytes, size_t n) {
    data.insert(data.end(), bytes, bytes + n);
    offsets.push_back(static_cast<int64_t>(data.size()));
  }
  std::string_view at(size_t i) const {
    return {reinterpret_cast<const char*>(data.data()) + offsets[i],
            static_cast<size_t>(offsets[i + 1] - offsets[i])};
  }
};

}  // namespace loch::parquet
