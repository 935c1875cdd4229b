-- Q12 profile of every column of events: nulls, approx distinct, min, max,
-- and mean and sample standard deviation of the numeric ones (one row).
SELECT
       count(*) - count(event_id) AS event_id_nulls, approx_count_distinct(event_id) AS event_id_distinct, min(event_id) AS event_id_min, max(event_id) AS event_id_max, avg(event_id) AS event_id_mean, stddev(event_id) AS event_id_stddev,
       count(*) - count(user_id) AS user_id_nulls, approx_count_distinct(user_id) AS user_id_distinct, min(user_id) AS user_id_min, max(user_id) AS user_id_max, avg(user_id) AS user_id_mean, stddev(user_id) AS user_id_stddev,
       count(*) - count(timestamp) AS timestamp_nulls, approx_count_distinct(timestamp) AS timestamp_distinct, min(timestamp) AS timestamp_min, max(timestamp) AS timestamp_max,
       count(*) - count(event_type) AS event_type_nulls, approx_count_distinct(event_type) AS event_type_distinct, min(event_type) AS event_type_min, max(event_type) AS event_type_max,
       count(*) - count(product_id) AS product_id_nulls, approx_count_distinct(product_id) AS product_id_distinct, min(product_id) AS product_id_min, max(product_id) AS product_id_max, avg(product_id) AS product_id_mean, stddev(product_id) AS product_id_stddev,
       count(*) - count(category) AS category_nulls, approx_count_distinct(category) AS category_distinct, min(category) AS category_min, max(category) AS category_max,
       count(*) - count(value) AS value_nulls, approx_count_distinct(value) AS value_distinct, min(value) AS value_min, max(value) AS value_max, avg(value) AS value_mean, stddev(value) AS value_stddev,
       count(*) - count(page_url) AS page_url_nulls, approx_count_distinct(page_url) AS page_url_distinct, min(page_url) AS page_url_min, max(page_url) AS page_url_max,
       count(*) - count(device_type) AS device_type_nulls, approx_count_distinct(device_type) AS device_type_distinct, min(device_type) AS device_type_min, max(device_type) AS device_type_max,
       count(*) - count(country) AS country_nulls, approx_count_distinct(country) AS country_distinct, min(country) AS country_min, max(country) AS country_max,
       count(*) - count(year) AS year_nulls, approx_count_distinct(year) AS year_distinct, min(year) AS year_min, max(year) AS year_max, avg(year) AS year_mean, stddev(year) AS year_stddev,
       count(*) - count(month) AS month_nulls, approx_count_distinct(month) AS month_distinct, min(month) AS month_min, max(month) AS month_max, avg(month) AS month_mean, stddev(month) AS month_stddev,
       count(*) - count(day) AS day_nulls, approx_count_distinct(day) AS day_distinct, min(day) AS day_min, max(day) AS day_max, avg(day) AS day_mean, stddev(day) AS day_stddev
FROM ${events}
