#pragma once
// Reader/writer options (Spark's CaseInsensitiveMap of strings):
// option("header", "true"), option("mergeSchema", "true"), ...

#include <map>
#include <optional>
#include <string>

namespace loch {

/// Options keyed by lower-case name (Spark option names are case-insensitive).
class SourceOptions {
 public:
  SourceOptions() = default;
  explicit SourceOptions(const std::map<std::string, std::string>& options);

  void set(const std::string& key, const std::string& value);
  std::optional<std::string> get(const std::string& key) const;
  std::string getOr(const std::string& key, const std::string& fallback) const;
  /// "true"/"false" (any case). @throws InvalidArgumentException naming the
  ///         option for any other text.
  bool getBool(const std::string& key, bool fallback) const;
  /// A decimal integer. @throws InvalidArgumentException on other text.
  int64_t getLong(const std::string& key, int64_t fallback) const;
  const std::map<std::string, std::string>& all() const { return options_; }

 private:
  std::map<std::string, std::string> options_;
};

}  // namespace loch
