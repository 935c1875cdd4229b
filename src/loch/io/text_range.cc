#include "loch/io/text_range.h"

#include <algorithm>

namespace loch {

namespace {
constexpr int64_t kReadAhead = 64 * 1024;
bool isNl(char c) { return c == '\n' || c == '\r'; }
}  // namespace

RangeText readRangeText(const RandomAccessFile& file, int64_t start, int64_t end, bool whole) {
  RangeText t;
  if (whole) {
    t.bytes = readRange(file, 0, file.size());
    return t;
  }
  t.base = start > 0 ? start - 1 : 0;
  t.bytes = readRange(file, t.base, end - t.base);
  // Finish the last record that starts before `end`.
  size_t search = static_cast<size_t>(std::max<int64_t>(0, end - 1 - t.base));
  while (true) {
    bool found = false;
    for (size_t i = search; i < t.bytes.size(); ++i) {
      if (isNl(t.bytes[i])) {
        found = true;
        break;
      }
    }
    if (found) break;
    search = t.bytes.size();
    std::string more = readRange(file, t.base + static_cast<int64_t>(t.bytes.size()), kReadAhead);
    if (more.empty()) break;
    t.bytes += more;
  }
  if (start > 0) {
    // Skip the line that began in the previous range.
    size_t nl = t.bytes.find('\n');
    t.begin = nl == std::string::npos ? t.bytes.size() : nl + 1;
  }
  t.limit = static_cast<size_t>(end - t.base);
  return t;
}

int64_t linesBefore(const RandomAccessFile& file, int64_t offset) {
  std::string prefix = readRange(file, 0, offset);
  return std::count(prefix.begin(), prefix.end(), '\n');
}

}  // namespace loch
