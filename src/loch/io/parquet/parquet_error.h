#pragma once
// Error helpers shared by the Parquet reader. Every problem with the bytes of
// a file (bad Thrift, short page, impossible counts) is reported as
// IOException with error class PARQUET_CORRUPT_FILE; the file reader adds the
// file, row group and column to the message on the way out.

#include <cstddef>
#include <string>

#include "loch/common/exception.h"

namespace loch::parquet {

/// Error class of every exception about unreadable Parquet bytes.
inline constexpr const char* kCorruptFile = "PARQUET_CORRUPT_FILE";

/// Throws IOException(PARQUET_CORRUPT_FILE, message). Never returns.
[[noreturn]] inline void throwCorrupt(const std::string& message) {
  throw IOException(kCorruptFile, message);
}

/// Throws a corrupt-file error unless `condition` holds. `what` names the
/// structure being read, for the message.
inline void checkCorrupt(bool condition, const char* what) {
  if (!condition) throwCorrupt(what);
}

}  // namespace loch::parquet
