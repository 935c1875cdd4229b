#pragma once
// libFuzzer target: bytes → a CSV file → CsvSource (schema from header /
// inference) and every scan task read with one of several option sets
// (header + inferSchema; multiLine with escapes and comments; FAILFAST;
// DROPMALFORMED with an explicit typed schema and formats; small splits so
// records straddle split boundaries). A LochException is the clean outcome
// for malformed input; anything else is a bug.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "fuzz_input_file.h"
#include "loch/common/exception.h"
#include "loch/io/csv/csv_source.h"
#include "loch/types/data_type.h"

namespace loch::fuzz::detail {

struct OptionSet {
  std::vector<std::pair<std::string, std::string>> options;
  const char* schema;  ///< explicit schema as a Spark struct type, or nullptr
};

inline const std::vector<OptionSet>& optionSets() {
  static const std::vector<OptionSet> sets = {
      {{{"header", "true"}, {"inferSchema", "true"}}, nullptr},
      {{{"multiLine", "true"}, {"escape", "\""}, {"comment", "#"}, {"inferSchema", "true"}, {"nullValue", "NA"}},
       nullptr},
      {{{"mode", "FAILFAST"}, {"sep", ";"}, {"header", "true"}}, nullptr},
      {{{"mode", "DROPMALFORMED"}, {"dateFormat", "dd/MM/yyyy"}, {"timestampFormat", "yyyy-MM-dd HH:mm:ss"}},
       "struct<a:int,b:double,c:date,d:timestamp,e:decimal(10,2),f:boolean,g:string>"},
      {{{"mode", "PERMISSIVE"}, {"maxPartitionBytes", "7"}, {"ignoreLeadingWhiteSpace", "true"},
        {"ignoreTrailingWhiteSpace", "true"}},
       "struct<a:bigint,b:string,_corrupt_record:string>"},
  };
  return sets;
}

inline void readAll(const std::string& path, const OptionSet& set) {
  loch::SourceOptions options;
  for (const auto& [k, v] : set.options) options.set(k, v);
  loch::SchemaPtr schema = set.schema ? loch::parseDataType(set.schema) : nullptr;
  loch::CsvSource source(path, options, schema);
  loch::ScanOptions scan;
  for (int c = 0; c < static_cast<int>(source.schema()->fields().size()); ++c) scan.columns.push_back(c);
  scan.batch_size = 3;  // several batches even for small inputs
  for (const auto& task : source.planTasks(scan)) {
    task->read(scan, [](const loch::RecordBatchPtr&) {});
  }
}

}  // namespace loch::fuzz::detail

namespace loch::fuzz {

/// Runs one fuzz input; returns 0 (libFuzzer's convention). Throws
/// nothing for malformed input: LochExceptions are the expected rejection.
inline int fuzzCsv(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string path = loch::fuzz::inputPath(".csv");
  // The first byte picks the option set; the rest is the file.
  const auto& sets = detail::optionSets();
  const detail::OptionSet& set = sets[data[0] % sets.size()];
  if (!loch::fuzz::writeInput(path, data + 1, size - 1)) return 0;
  try {
    detail::readAll(path, set);
  } catch (const loch::LochException&) {
  }
  std::remove(path.c_str());
  return 0;
}

}  // namespace loch::fuzz
