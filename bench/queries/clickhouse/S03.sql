SELECT sum(event_id) AS event_id, sum(user_id) AS user_id, max(timestamp) AS ts, sum(length(event_type)) AS event_type,
       sum(product_id) AS product_id, sum(length(category)) AS category, sum(value) AS value, sum(length(page_url)) AS page_url,
       sum(length(device_type)) AS device_type, sum(length(country)) AS country, sum(year) AS year, sum(month) AS month, sum(day) AS day
FROM ${events}
