#include "loch/common/format.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "loch/common/exception.h"

namespace loch {

std::string formatBytes(int64_t bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (std::abs(v) >= 1024.0 && u < 4) {
    v /= 1024.0;
    ++u;
  }
  char buf[64];
  if (u == 0) {
    std::snprintf(buf, sizeof(buf), "%lld B", static_cast<long long>(bytes));
  } else {
    std::snprintf(buf, sizeof(buf), "%.1f %s", v, units[u]);
  }
  return buf;
}

int64_t parseBytes(std::string_view text) {
  std::string s = toLower(text);
  s.erase(std::remove_if(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); }),
          s.end());
  auto fail = [&]() -> int64_t {
    throw InvalidArgumentException(
        "INVALID_CONF_VALUE",
        "Cannot parse byte size '" + std::string(text) +
            "': expected a number with an optional unit b, k, m, g, t (e.g. 4g) or a percentage of RAM (e.g. 75%).");
  };
  if (s.empty()) return fail();
  if (s.back() == '%') {
    double pct = 0;
    try {
      pct = std::stod(s.substr(0, s.size() - 1));
    } catch (...) {
      return fail();
    }
    if (pct <= 0 || pct > 100) return fail();
    long pages = sysconf(_SC_PHYS_PAGES);
    long page_size = sysconf(_SC_PAGE_SIZE);
    return static_cast<int64_t>(static_cast<double>(pages) * page_size * pct / 100.0);
  }
  if (s.size() > 1 && s.back() == 'b' && !std::isdigit(static_cast<unsigned char>(s[s.size() - 2]))) {
    s.pop_back();
  }
  int64_t mult = 1;
  switch (s.back()) {
    case 'b': mult = 1; s.pop_back(); break;
    case 'k': mult = 1LL << 10; s.pop_back(); break;
    case 'm': mult = 1LL << 20; s.pop_back(); break;
    case 'g': mult = 1LL << 30; s.pop_back(); break;
    case 't': mult = 1LL << 40; s.pop_back(); break;
    default: break;
  }
  if (s.empty() || !std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) || c == '.'; })) {
    return fail();
  }
  return static_cast<int64_t>(std::stod(s) * static_cast<double>(mult));
}

std::string toLower(std::string_view s) {
  std::string r(s);
  for (auto& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

std::string toUpper(std::string_view s) {
  std::string r(s);
  for (auto& c : r) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return r;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

int editDistance(std::string_view a, std::string_view b) {
  std::vector<int> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      int cost = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                         std::tolower(static_cast<unsigned char>(b[j - 1]))
                     ? 0
                     : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string r;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) r += sep;
    r += parts[i];
  }
  return r;
}

std::string quoteIdentifier(std::string_view name) {
  std::string r = "`";
  for (char c : name) {
    if (c == '`') r += '`';
    r += c;
  }
  r += '`';
  return r;
}

}  // namespace loch
