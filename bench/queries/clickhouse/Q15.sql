-- ClickHouse has no PIVOT: one sumIf per category.
SELECT u.region AS region,
       sumIf(e.value, p.product_category = 'beauty') AS beauty, sumIf(e.value, p.product_category = 'books') AS books,
       sumIf(e.value, p.product_category = 'electronics') AS electronics, sumIf(e.value, p.product_category = 'fashion') AS fashion,
       sumIf(e.value, p.product_category = 'grocery') AS grocery, sumIf(e.value, p.product_category = 'home') AS home,
       sumIf(e.value, p.product_category = 'sports') AS sports, sumIf(e.value, p.product_category = 'toys') AS toys
FROM ${events} e
JOIN ${users} u ON e.user_id = u.user_id
JOIN ${products} p ON e.product_id = p.product_id
WHERE e.event_type = 'purchase'
GROUP BY region
ORDER BY region
