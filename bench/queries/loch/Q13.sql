-- Q13 three-way join events x users x products, aggregated by region, product category and user segment.
SELECT u.region, p.product_category, u.user_segment,
       count(*) AS events, count(DISTINCT e.user_id) AS users, sum(e.value) AS revenue, avg(p.price) AS avg_price
FROM ${events} e
JOIN ${users} u ON e.user_id = u.user_id
JOIN ${products} p ON e.product_id = p.product_id
GROUP BY u.region, p.product_category, u.user_segment
ORDER BY u.region, p.product_category, u.user_segment
