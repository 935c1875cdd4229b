// Realistic queries (TPC-H / TPC-DS style and Spark idioms) must parse, and
// their normalized SQL must be a fixed point of parse + print.

#include <gtest/gtest.h>

#include "sql/test_util.h"

namespace loch::sql {
namespace {

const char* const kCorpus[] = {
    // TPC-H Q1
    "select l_returnflag, l_linestatus, sum(l_quantity) as sum_qty, "
    "sum(l_extendedprice * (1 - l_discount)) as sum_disc_price, "
    "avg(l_discount) as avg_disc, count(*) as count_order from lineitem "
    "where l_shipdate <= date '1998-12-01' - interval '90' day "
    "group by l_returnflag, l_linestatus order by l_returnflag, l_linestatus",
    // TPC-H Q4 (EXISTS)
    "select o_orderpriority, count(*) as order_count from orders where "
    "o_orderdate >= date '1993-07-01' and o_orderdate < date '1993-07-01' + "
    "interval '3' month and exists (select * from lineitem where l_orderkey "
    "= o_orderkey and l_commitdate < l_receiptdate) group by o_orderpriority "
    "order by o_orderpriority",
    // TPC-H Q13 (outer join, derived table with column aliases)
    "select c_count, count(*) as custdist from (select c_custkey, "
    "count(o_orderkey) from customer left outer join orders on c_custkey = "
    "o_custkey and o_comment not like '%special%requests%' group by "
    "c_custkey) as c_orders (c_custkey, c_count) group by c_count order by "
    "custdist desc, c_count desc",
    // TPC-H Q22 (substring, IN list, scalar subquery, NOT EXISTS)
    "select cntrycode, count(*) as numcust, sum(c_acctbal) as totacctbal "
    "from (select substring(c_phone from 1 for 2) as cntrycode, c_acctbal "
    "from customer where substring(c_phone from 1 for 2) in ('13', '31', "
    "'23') and c_acctbal > (select avg(c_acctbal) from customer where "
    "c_acctbal > 0.00) and not exists (select * from orders where o_custkey "
    "= c_custkey)) as custsale group by cntrycode order by cntrycode",
    // Window functions with named window and QUALIFY.
    "SELECT user_id, ts, lag(ts) OVER w AS prev_ts, row_number() OVER (w) AS "
    "rn FROM events WINDOW w AS (PARTITION BY user_id ORDER BY ts) QUALIFY "
    "rn <= 3",
    // Higher-order functions and struct access.
    "SELECT filter(items, x -> x.price > 10) AS pricey, "
    "aggregate(items, 0D, (acc, x) -> acc + x.price) AS total, "
    "items[0].name AS first_name, m['k'] FROM orders",
    // Set operations with parentheses and modifiers.
    "(SELECT a FROM t1 EXCEPT ALL SELECT a FROM t2) UNION (SELECT b FROM t3 "
    "INTERSECT SELECT b FROM t4) ORDER BY 1 LIMIT 5",
    // Grouping analytics.
    "SELECT city, car_model, sum(quantity) AS sum, grouping_id() FROM dealer "
    "GROUP BY GROUPING SETS ((city, car_model), (city), (car_model), ()) "
    "ORDER BY city",
    // Lateral views and pivot.
    "SELECT * FROM (SELECT year, course, earnings FROM courses) PIVOT "
    "(sum(earnings) FOR course IN ('dotNET' AS dotnet, 'Java' AS java))",
    "SELECT c_age, c_name, x FROM person LATERAL VIEW explode(array(1, 2)) t1 "
    "AS x LATERAL VIEW OUTER posexplode(tags) t2 AS pos, tag",
    // Misc Spark idioms.
    "SELECT /*+ REPARTITION(4, k) */ k, collect_list(v) FILTER (WHERE v IS "
    "NOT NULL) FROM t TABLESAMPLE (BUCKET 1 OUT OF 10) GROUP BY k",
    "SELECT CAST(a AS decimal(38, 18)), try_cast(b AS timestamp_ntz), "
    "c::array<int>, extract(dow FROM d), trim(leading '0' FROM s), "
    "position('x' IN s) FROM t",
    "SELECT * FROM VALUES (1, 'one'), (2, 'two') AS data(id, name) WHERE id "
    "NOT BETWEEN 3 AND 4 AND name RLIKE '^o' OR name ILIKE ANY ('%T%', 'x')",
    "WITH RECURSIVE r AS (SELECT 1 AS n) SELECT n FROM r",
    "SELECT percentile_cont(0.25) WITHIN GROUP (ORDER BY v DESC), "
    "first(v) IGNORE NULLS, sum(v) OVER (ORDER BY ts RANGE BETWEEN INTERVAL "
    "'1' DAY PRECEDING AND CURRENT ROW) FROM t",
    "SELECT * FROM read_csv('data/x.csv', header => true, inferSchema => "
    "true) r JOIN parquet.`/data/y.parquet` y ON r.id = y.id LEFT ANTI JOIN "
    "'data/z/*.parquet' z USING (id)",
};

TEST(CorpusTest, EveryQueryParsesAndPrintsStably) {
  for (const char* sql : kCorpus) {
    SCOPED_TRACE(sql);
    QueryPtr q;
    ASSERT_NO_THROW(q = parseQuery(sql));
    std::string once = q->toSql();
    QueryPtr again;
    ASSERT_NO_THROW(again = parseQuery(once)) << once;
    EXPECT_EQ(again->toSql(), once);
  }
}

TEST(CorpusTest, TpchQ1Shape) {
  auto q = parseQuery(kCorpus[0]);
  const auto& s = testing::selectOf(*q);
  EXPECT_EQ(s.items[3].expr->toString(),
            "sum((l_extendedprice * (1 - l_discount)))");
  EXPECT_EQ(s.where->toString(),
            "(l_shipdate <= (DATE '1998-12-01' - INTERVAL '90' DAY))");
  EXPECT_EQ(s.items[5].expr->toString(), "count(1)");
}

}  // namespace
}  // namespace loch::sql
