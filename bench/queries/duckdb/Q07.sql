WITH user_first_purchase AS (SELECT user_id, MIN(CAST(timestamp AS DATE)) as first_purchase_date, strftime(MIN(timestamp), '%Y-%m') as cohort_month FROM ${events} WHERE event_type = 'purchase' GROUP BY user_id),
user_purchases AS (
  SELECT e.user_id, strftime(e.timestamp, '%Y-%m') as purchase_month, f.cohort_month,
         -- Spark's months_between(timestamp, date) (DateTimeUtils.monthsBetween, roundOff = true)
         CASE WHEN day(e.timestamp) = day(f.first_purchase_date)
                OR (CAST(e.timestamp AS DATE) = last_day(CAST(e.timestamp AS DATE)) AND f.first_purchase_date = last_day(f.first_purchase_date))
              THEN CAST((year(e.timestamp) - year(f.first_purchase_date)) * 12 + month(e.timestamp) - month(f.first_purchase_date) AS DOUBLE)
              ELSE floor((CAST((year(e.timestamp) - year(f.first_purchase_date)) * 12 + month(e.timestamp) - month(f.first_purchase_date) AS DOUBLE)
                          + CAST((day(e.timestamp) - day(f.first_purchase_date)) * 86400
                                 + (epoch_us(e.timestamp) - epoch_us(date_trunc('day', e.timestamp))) // 1000000 AS DOUBLE) / 2678400.0::DOUBLE)
                         * 1e8 + 0.5) / 1e8
         END as month_diff,
         e.value
  FROM ${events} e JOIN user_first_purchase f ON e.user_id = f.user_id WHERE e.event_type = 'purchase')
SELECT cohort_month, month_diff, COUNT(DISTINCT user_id) as users, COUNT(*) as purchases, SUM(value) as revenue FROM user_purchases GROUP BY cohort_month, month_diff ORDER BY cohort_month, month_diff
