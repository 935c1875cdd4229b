-- Events and buyers per hour of day and device, over the cleaned events `ev`.
SELECT device_type, hour(timestamp) AS hour, count(*) AS events,
       count(DISTINCT CASE WHEN event_type = 'purchase' THEN user_id END) AS buyers
FROM ev
GROUP BY device_type, hour(timestamp)
