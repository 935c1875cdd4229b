#include "loch/io/source_options.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "loch/common/exception.h"

namespace loch {

namespace {
std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}
}  // namespace

SourceOptions::SourceOptions(const std::map<std::string, std::string>& options) {
  for (const auto& [k, v] : options) set(k, v);
}

void SourceOptions::set(const std::string& key, const std::string& value) { options_[lower(key)] = value; }

std::optional<std::string> SourceOptions::get(const std::string& key) const {
  auto it = options_.find(lower(key));
  if (it == options_.end()) return std::nullopt;
  return it->second;
}

std::string SourceOptions::getOr(const std::string& key, const std::string& fallback) const {
  auto v = get(key);
  return v ? *v : fallback;
}

bool SourceOptions::getBool(const std::string& key, bool fallback) const {
  auto v = get(key);
  if (!v) return fallback;
  std::string l = lower(*v);
  if (l == "true") return true;
  if (l == "false") return false;
  throw InvalidArgumentException("INVALID_OPTION_VALUE",
                                 "The value '" + *v + "' of option '" + key + "' must be 'true' or 'false'.");
}

int64_t SourceOptions::getLong(const std::string& key, int64_t fallback) const {
  auto v = get(key);
  if (!v) return fallback;
  int64_t out = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec != std::errc() || p != v->data() + v->size()) {
    throw InvalidArgumentException("INVALID_OPTION_VALUE",
                                   "The value '" + *v + "' of option '" + key + "' must be an integer.");
  }
  return out;
}

}  // namespace loch
