#pragma once
// Byte ranges of line-oriented text files (CSV, JSON Lines) as scan tasks:
// a task [start, end) owns the lines that begin inside it (Hadoop
// LineRecordReader's rule), so ranges can be cut anywhere.

#include <cstdint>
#include <string>

#include "loch/io/file_system.h"

namespace loch {

/// The bytes a task parses: records start at `begin` and must start before
/// `limit` (offsets into `bytes`, whose first byte is at file offset `base`).
struct RangeText {
  std::string bytes;
  int64_t base = 0;
  size_t begin = 0;
  size_t limit = std::string::npos;
};

/// Reads the lines starting in [start, end) (the whole file when `whole`),
/// reading past `end` to finish the last one.
RangeText readRangeText(const RandomAccessFile& file, int64_t start, int64_t end, bool whole);

/// Number of '\n' before `offset` (for 1-based line numbers in errors).
int64_t linesBefore(const RandomAccessFile& file, int64_t offset);

}  // namespace loch
