WITH rfm AS (
  SELECT user_id,
         date_diff('day', CAST(max(timestamp) AS DATE), DATE '2024-01-31') AS recency_days,
         count(*) AS frequency,
         round(sum(value), 2) AS monetary
  FROM ${events}
  WHERE event_type = 'purchase'
  GROUP BY user_id),
scored AS (
  SELECT *,
         percent_rank() OVER (ORDER BY recency_days DESC) AS r_score,
         percent_rank() OVER (ORDER BY frequency) AS f_score,
         percent_rank() OVER (ORDER BY monetary) AS m_score
  FROM rfm)
SELECT user_id, recency_days, frequency, monetary, r_score, f_score, m_score,
       CASE WHEN r_score >= 0.8 AND f_score >= 0.8 AND m_score >= 0.8 THEN 'champion'
            WHEN r_score >= 0.5 AND f_score >= 0.5 THEN 'loyal'
            WHEN r_score < 0.2 THEN 'at_risk'
            ELSE 'regular' END AS segment
FROM scored
ORDER BY user_id
