WITH user_first_purchase AS (SELECT user_id, MIN(toDate(timestamp)) as first_purchase_date, formatDateTime(MIN(timestamp), '%Y-%m') as cohort_month FROM ${events} WHERE event_type = 'purchase' GROUP BY user_id),
user_purchases AS (
  SELECT e.user_id AS user_id, formatDateTime(e.timestamp, '%Y-%m') as purchase_month, f.cohort_month AS cohort_month,
         -- Spark's months_between(timestamp, date) (DateTimeUtils.monthsBetween, roundOff = true)
         if(toDayOfMonth(e.timestamp) = toDayOfMonth(f.first_purchase_date)
              OR (toDate(e.timestamp) = toLastDayOfMonth(e.timestamp) AND f.first_purchase_date = toLastDayOfMonth(f.first_purchase_date)),
            toFloat64((toYear(e.timestamp) - toYear(f.first_purchase_date)) * 12 + toMonth(e.timestamp) - toMonth(f.first_purchase_date)),
            floor((toFloat64((toYear(e.timestamp) - toYear(f.first_purchase_date)) * 12 + toMonth(e.timestamp) - toMonth(f.first_purchase_date))
                   + toFloat64((toInt64(toDayOfMonth(e.timestamp)) - toDayOfMonth(f.first_purchase_date)) * 86400
                               + (intDiv(toUnixTimestamp64Micro(e.timestamp), 1000000) - toUnixTimestamp(toStartOfDay(e.timestamp)))) / 2678400.0)
                  * 1e8 + 0.5) / 1e8) as month_diff,
         e.value AS value
  FROM ${events} e JOIN user_first_purchase f ON e.user_id = f.user_id WHERE e.event_type = 'purchase')
SELECT cohort_month, month_diff, COUNT(DISTINCT user_id) as users, COUNT(*) as purchases, SUM(value) as revenue FROM user_purchases GROUP BY cohort_month, month_diff ORDER BY cohort_month, month_diff
