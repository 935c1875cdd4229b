#pragma once
// libFuzzer target: bytes → a Parquet file → open it, then decode every
// column of every row group through the raw column API and through record
// assembly into Spark vectors, through the streaming scan (with and without
// scan filters), plus statistics and page indexes. A
// LochException (the reader's clean rejection) is the expected outcome for
// malformed input; anything else (a crash, a sanitizer report, a leak, an
// uncaught std:: exception, a hang) is a bug.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "fuzz_input_file.h"
#include "loch/common/exception.h"
#include "loch/io/parquet/file_reader.h"

namespace loch::fuzz::detail {

inline void readEverything(const std::string& path, bool verify_checksums) {
  loch::parquet::ReaderOptions options;
  options.verify_checksums = verify_checksums;
  auto reader = loch::parquet::ParquetFileReader::open(path, options);
  const int leaves = reader->schema().numColumns();
  for (int rg = 0; rg < reader->numRowGroups(); ++rg) {
    try {
      reader->rowGroupStats(rg);
      for (int c = 0; c < leaves; ++c) {
        reader->readColumnIndex(rg, c);
        reader->readOffsetIndex(rg, c);
      }
    } catch (const loch::LochException&) {
    }
    try {
      reader->readRowGroupColumns(rg);
    } catch (const loch::LochException&) {
    }
    try {
      reader->readRowGroupBatches(rg, {}, 1024);
    } catch (const loch::LochException&) {
    }
    // The scan path: page-at-a-time streaming, dictionary vectors, and scan
    // filters that skip the other columns' values (selected rows only).
    try {
      reader->scanRowGroup(rg, {}, 1024, [](const loch::RecordBatchPtr&) {});
      std::vector<loch::parquet::ScanFilter> filters;
      filters.push_back({0, loch::ColumnPredicate{0, loch::ColumnPredicate::Op::IsNull, {}}});
      const auto& fields = reader->sparkSchema().fields;
      for (size_t f = 0; f < fields.size(); ++f) {
        if (fields[f].type->id() != loch::TypeId::String) continue;
        filters.push_back({static_cast<int>(f),
                           loch::ColumnPredicate{static_cast<int>(f), loch::ColumnPredicate::Op::Ge, {loch::Value::string("a")}}});
        break;
      }
      for (const auto& filter : filters) {
        reader->scanRowGroup(rg, {}, 7, [](const loch::RecordBatchPtr&) {}, {filter});
      }
    } catch (const loch::LochException&) {
    }
  }
}

}  // namespace loch::fuzz::detail

namespace loch::fuzz {

/// Runs one fuzz input; returns 0 (libFuzzer's convention). Throws
/// nothing for malformed input: LochExceptions are the expected rejection.
inline int fuzzParquet(const uint8_t* data, size_t size) {
  const std::string path = loch::fuzz::inputPath(".parquet");
  if (!loch::fuzz::writeInput(path, data, size)) return 0;
  try {
    // The first byte picks CRC verification, so both paths get coverage
    // without changing which bytes form the file.
    detail::readEverything(path, size > 0 && (data[0] & 1) != 0);
  } catch (const loch::LochException&) {
  }
  std::remove(path.c_str());
  return 0;
}

}  // namespace loch::fuzz
