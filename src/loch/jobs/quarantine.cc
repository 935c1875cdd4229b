#include "loch/jobs/quarantine.h"

#include "loch/api/functions.h"

namespace loch::jobs {

namespace {

/// 'text' as a SQL string literal.
std::string sqlString(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

}  // namespace

QuarantineSplit splitQuarantine(const DataFrame& df, const std::vector<QuarantineRule>& rules) {
  if (rules.empty()) return {df, df.limit(0).withColumn("reason", functions::lit(std::string()))};
  std::string reason = "CASE";
  for (const auto& rule : rules)
    reason += " WHEN coalesce((" + rule.invalid_when + "), false) THEN " + sqlString(rule.reason);
  reason += " END";
  auto tagged = df.selectExpr({"*", reason + " AS `__loch_reason`"});
  auto valid = tagged.filter("`__loch_reason` IS NULL").drop("__loch_reason");
  auto bad = tagged.filter("`__loch_reason` IS NOT NULL").withColumnRenamed("__loch_reason", "reason");
  return {valid, bad};
}

}  // namespace loch::jobs
