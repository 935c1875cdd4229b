#include "loch/common/config.h"

#include <thread>

#include "loch/common/exception.h"
#include "loch/common/format.h"

namespace loch {

std::optional<std::string> RuntimeConfig::get(const std::string& key) const {
  auto it = values_.find(key);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::string RuntimeConfig::get(const std::string& key, const std::string& fallback) const {
  auto v = get(key);
  return v ? *v : fallback;
}

bool RuntimeConfig::getBool(const std::string& key, bool fallback) const {
  auto v = get(key);
  if (!v) return fallback;
  if (equalsIgnoreCase(*v, "true")) return true;
  if (equalsIgnoreCase(*v, "false")) return false;
  throw InvalidArgumentException("INVALID_CONF_VALUE",
                                 "The value '" + *v + "' of the config \"" + key +
                                     "\" is invalid: expected true or false.");
}

int64_t RuntimeConfig::getInt(const std::string& key, int64_t fallback) const {
  auto v = get(key);
  if (!v) return fallback;
  try {
    size_t pos = 0;
    int64_t r = std::stoll(*v, &pos);
    if (pos == v->size()) return r;
  } catch (...) {
  }
  throw InvalidArgumentException("INVALID_CONF_VALUE",
                                 "The value '" + *v + "' of the config \"" + key +
                                     "\" is invalid: expected an integer.");
}

int64_t RuntimeConfig::getBytes(const std::string& key, int64_t fallback) const {
  auto v = get(key);
  if (!v) return fallback;
  return parseBytes(*v);
}

int64_t RuntimeConfig::autoBroadcastJoinThreshold() const {
  auto v = get("spark.sql.autoBroadcastJoinThreshold");
  if (!v) return 10LL << 20;
  if (*v == "-1") return -1;
  return parseBytes(*v);
}

int RuntimeConfig::threads() const {
  int hw = static_cast<int>(std::thread::hardware_concurrency());
  int64_t t = getInt("loch.threads", hw > 0 ? hw : 1);
  return t < 1 ? 1 : static_cast<int>(t);
}

}  // namespace loch
