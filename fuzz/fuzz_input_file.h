#pragma once
// The readers work on files (positional reads on a descriptor), so each
// fuzz input is written to one per-process file in a RAM-backed folder and
// read from there.

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>

namespace loch::fuzz {

/// Path of this process' input file for `suffix`; in /dev/shm when present
/// (no disk I/O).
inline std::string inputPath(const char* suffix) {
  std::filesystem::path dir = std::filesystem::exists("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
  return (dir / ("loch-fuzz-" + std::to_string(::getpid()) + suffix)).string();
}

/// Replaces the input file's contents with `data`. Returns false on I/O failure.
inline bool writeInput(const std::string& path, const uint8_t* data, size_t size) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return false;
  bool ok = size == 0 || std::fwrite(data, 1, size, f) == size;
  return std::fclose(f) == 0 && ok;
}

}  // namespace loch::fuzz
