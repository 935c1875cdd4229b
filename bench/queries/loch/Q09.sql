-- Q09 CUBE(country, category): events, distinct users and revenue for every grouping.
SELECT country, category, count(*) AS events, count(DISTINCT user_id) AS users, sum(value) AS revenue
FROM ${events}
GROUP BY CUBE(country, category)
ORDER BY country NULLS FIRST, category NULLS FIRST
