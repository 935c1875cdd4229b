SELECT *
FROM (PIVOT (SELECT u.region, p.product_category, e.value
             FROM ${events} e
             JOIN ${users} u ON e.user_id = u.user_id
             JOIN ${products} p ON e.product_id = p.product_id
             WHERE e.event_type = 'purchase')
      ON product_category IN ('beauty', 'books', 'electronics', 'fashion', 'grocery', 'home', 'sports', 'toys')
      USING sum(value)
      GROUP BY region)
ORDER BY region
