#pragma once
// Session configuration: Spark-style string keys and values
// (`SparkSession::builder().config(k, v)`, SQL `SET k = v`).
//
// Keys Loch reads (documented for users in docs/configuration.md):
//   spark.sql.ansi.enabled              true   ANSI SQL semantics (errors on overflow,
//                                              invalid cast, division by zero)
//   spark.sql.session.timeZone          UTC    zone used to show/parse timestamps
//   spark.sql.caseSensitive             false  identifier resolution
//   spark.sql.shuffle.partitions        200    accepted; Loch plans by threads
//   spark.sql.autoBroadcastJoinThreshold 10MB  broadcast joins below this size
//   loch.memory.limit                   75%    session memory limit (bytes, 4g, 75%)
//   loch.threads                        #cores worker threads
//   loch.batch.size                     4096   rows per batch

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace loch {

/// Key/value settings of one session. Keys are case-sensitive, as in Spark.
class RuntimeConfig {
 public:
  void set(const std::string& key, const std::string& value) { values_[key] = value; }
  void unset(const std::string& key) { values_.erase(key); }
  std::optional<std::string> get(const std::string& key) const;
  std::string get(const std::string& key, const std::string& fallback) const;

  /// "true"/"false" (case-insensitive). @throws InvalidArgumentException otherwise.
  bool getBool(const std::string& key, bool fallback) const;
  /// Integer value. @throws InvalidArgumentException when not an integer.
  int64_t getInt(const std::string& key, int64_t fallback) const;
  /// Byte size ("10MB", "4g", "75%"). @throws InvalidArgumentException.
  int64_t getBytes(const std::string& key, int64_t fallback) const;

  const std::map<std::string, std::string>& all() const { return values_; }

  // Typed accessors for the keys the engine reads.
  bool ansiEnabled() const { return getBool("spark.sql.ansi.enabled", true); }
  std::string sessionTimeZone() const { return get("spark.sql.session.timeZone", "UTC"); }
  bool caseSensitive() const { return getBool("spark.sql.caseSensitive", false); }
  int64_t autoBroadcastJoinThreshold() const;
  int threads() const;
  int64_t batchSize() const { return getInt("loch.batch.size", 4096); }

 private:
  std::map<std::string, std::string> values_;
};

}  // namespace loch
