SELECT level, count() AS users
FROM (
  SELECT user_id,
         windowFunnel(3600000)(toUInt64(toUnixTimestamp64Milli(timestamp)), event_type = 'view', event_type = 'click', event_type = 'purchase') AS level
  FROM ${events}
  WHERE event_type IN ('view', 'click', 'purchase')
  GROUP BY user_id)
GROUP BY level
ORDER BY level
