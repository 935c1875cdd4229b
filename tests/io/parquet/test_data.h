#pragma once
// Access to the parquet-testing corpus ($PARQUET_TEST_DATA) for tests.

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace loch::parquet::testing {

/// $PARQUET_TEST_DATA or "" when unset (tests then GTEST_SKIP).
inline std::string corpusDir() {
  const char* dir = std::getenv("PARQUET_TEST_DATA");
  return dir ? dir : "";
}

inline std::string corpusFile(const std::string& name) { return corpusDir() + "/" + name; }

/// One CSV cell: nullopt for an empty unquoted field (the corpus' NULL).
struct CsvCell {
  bool is_null = false;
  std::string text;
};

/// Parses a simple CSV (double-quoted fields, "" escapes, no embedded
/// newlines); the header row is dropped.
inline std::vector<std::vector<CsvCell>> readCsv(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::vector<CsvCell>> rows;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (header) {
      header = false;
      continue;
    }
    std::vector<CsvCell> row;
    size_t i = 0;
    while (true) {
      CsvCell cell;
      if (i < line.size() && line[i] == '"') {
        ++i;
        while (i < line.size()) {
          if (line[i] == '"' && i + 1 < line.size() && line[i + 1] == '"') {
            cell.text += '"';
            i += 2;
          } else if (line[i] == '"') {
            ++i;
            break;
          } else {
            cell.text += line[i++];
          }
        }
      } else {
        size_t end = line.find(',', i);
        if (end == std::string::npos) end = line.size();
        cell.text = line.substr(i, end - i);
        cell.is_null = cell.text.empty();
        i = end;
      }
      row.push_back(cell);
      if (i >= line.size()) break;
      ++i;  // comma
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace loch::parquet::testing
