SELECT
       count(*) - count(event_id) AS event_id_nulls, uniq(event_id) AS event_id_distinct, min(event_id) AS event_id_min, max(event_id) AS event_id_max, avg(event_id) AS event_id_mean, stddevSamp(event_id) AS event_id_stddev,
       count(*) - count(user_id) AS user_id_nulls, uniq(user_id) AS user_id_distinct, min(user_id) AS user_id_min, max(user_id) AS user_id_max, avg(user_id) AS user_id_mean, stddevSamp(user_id) AS user_id_stddev,
       count(*) - count(timestamp) AS timestamp_nulls, uniq(timestamp) AS timestamp_distinct, min(timestamp) AS timestamp_min, max(timestamp) AS timestamp_max,
       count(*) - count(event_type) AS event_type_nulls, uniq(event_type) AS event_type_distinct, min(event_type) AS event_type_min, max(event_type) AS event_type_max,
       count(*) - count(product_id) AS product_id_nulls, uniq(product_id) AS product_id_distinct, min(product_id) AS product_id_min, max(product_id) AS product_id_max, avg(product_id) AS product_id_mean, stddevSamp(product_id) AS product_id_stddev,
       count(*) - count(category) AS category_nulls, uniq(category) AS category_distinct, min(category) AS category_min, max(category) AS category_max,
       count(*) - count(value) AS value_nulls, uniq(value) AS value_distinct, min(value) AS value_min, max(value) AS value_max, avg(value) AS value_mean, stddevSamp(value) AS value_stddev,
       count(*) - count(page_url) AS page_url_nulls, uniq(page_url) AS page_url_distinct, min(page_url) AS page_url_min, max(page_url) AS page_url_max,
       count(*) - count(device_type) AS device_type_nulls, uniq(device_type) AS device_type_distinct, min(device_type) AS device_type_min, max(device_type) AS device_type_max,
       count(*) - count(country) AS country_nulls, uniq(country) AS country_distinct, min(country) AS country_min, max(country) AS country_max,
       count(*) - count(year) AS year_nulls, uniq(year) AS year_distinct, min(year) AS year_min, max(year) AS year_max, avg(year) AS year_mean, stddevSamp(year) AS year_stddev,
       count(*) - count(month) AS month_nulls, uniq(month) AS month_distinct, min(month) AS month_min, max(month) AS month_max, avg(month) AS month_mean, stddevSamp(month) AS month_stddev,
       count(*) - count(day) AS day_nulls, uniq(day) AS day_distinct, min(day) AS day_min, max(day) AS day_max, avg(day) AS day_mean, stddevSamp(day) AS day_stddev
FROM ${events}
