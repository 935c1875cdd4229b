#pragma once
// A fresh SparkSession per test, so settings and views do not leak.

#include "loch/api/spark_session.h"

namespace loch::testing {

inline std::shared_ptr<SparkSession> newSession(int threads = 2) {
  RuntimeConfig conf;
  conf.set("loch.threads", std::to_string(threads));
  conf.set("spark.sql.session.timeZone", "UTC");
  return std::make_shared<SparkSession>(conf);
}

/// Rows as strings "a|b|c" (Value::toString), sorted, for order-free comparison.
inline std::vector<std::string> sortedRows(const std::vector<Row>& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows) {
    std::string s;
    for (size_t i = 0; i < r.size(); ++i) s += (i ? "|" : "") + r.get(i).toString();
    out.push_back(s);
  }
  std::sort(out.begin(), out.end());
  return out;
}

inline std::vector<std::string> rowsOf(const std::vector<Row>& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows) {
    std::string s;
    for (size_t i = 0; i < r.size(); ++i) s += (i ? "|" : "") + r.get(i).toString();
    out.push_back(s);
  }
  return out;
}

}  // namespace loch::testing
