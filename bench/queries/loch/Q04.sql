-- Q04 product performance joined with products.
SELECT p.product_id, p.product_category, p.price,
       sum(CASE WHEN e.event_type = 'view' THEN 1 ELSE 0 END) AS views,
       sum(CASE WHEN e.event_type = 'click' THEN 1 ELSE 0 END) AS clicks,
       sum(CASE WHEN e.event_type = 'purchase' THEN 1 ELSE 0 END) AS purchases,
       sum(e.value) AS revenue,
       sum(CASE WHEN e.event_type = 'purchase' THEN 1 ELSE 0 END)
         / nullif(sum(CASE WHEN e.event_type = 'view' THEN 1 ELSE 0 END), 0) AS conversion
FROM ${events} e JOIN ${products} p ON e.product_id = p.product_id
GROUP BY p.product_id, p.product_category, p.price
ORDER BY p.product_id
