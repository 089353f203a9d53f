-- Queries over the shop: joins, aggregates, windows, CTEs, subqueries,
-- functions, upsert/returning, query plans.
.headers on
.mode list
SELECT city, count(*) AS n, round(avg(balance), 2) AS avg_balance, min(joined), max(joined)
FROM customers GROUP BY city ORDER BY n DESC, city;

SELECT c.city, p.category, count(DISTINCT o.id) AS orders, sum(i.qty) AS items,
       printf('%.2f', sum(i.qty * i.unit_cents) / 100.0) AS revenue
FROM customers c JOIN orders o ON o.customer_id = c.id
JOIN order_items i ON i.order_id = o.id JOIN products p ON p.id = i.product_id
WHERE o.status <> 'cancelled'
GROUP BY c.city, p.category HAVING count(DISTINCT o.id) > 100
ORDER BY c.city, revenue DESC;

-- top customers per city (window functions)
SELECT * FROM (
  SELECT c.city, c.name, t.spent,
         rank() OVER (PARTITION BY c.city ORDER BY t.spent DESC, c.id) AS r
  FROM customers c JOIN (SELECT customer_id, sum(total_cents) AS spent FROM order_totals GROUP BY customer_id) t
    ON t.customer_id = c.id
) WHERE r <= 2 ORDER BY city, r;

-- running totals and moving averages per month
SELECT month, orders, sum(orders) OVER (ORDER BY month) AS running,
       round(avg(orders) OVER (ORDER BY month ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), 3) AS mov_avg,
       lag(orders) OVER (ORDER BY month) AS prev, ntile(4) OVER (ORDER BY orders, month) AS quartile
FROM (SELECT strftime('%Y-%m', placed) AS month, count(*) AS orders FROM orders GROUP BY month) ORDER BY month;

-- products never ordered, products ordered most
SELECT count(*) AS never_ordered FROM products p WHERE NOT EXISTS (SELECT 1 FROM order_items i WHERE i.product_id = p.id);
SELECT p.sku, p.title, p.price_eur, p.stock, x.q FROM products p
JOIN (SELECT product_id, sum(qty) AS q FROM order_items GROUP BY product_id ORDER BY q DESC, product_id LIMIT 5) x ON x.product_id = p.id
ORDER BY x.q DESC, p.id;

-- LEFT JOIN, COALESCE, CASE, IN subquery, correlated subquery
SELECT c.id, c.name, coalesce(t.n, 0) AS orders,
       CASE WHEN t.n IS NULL THEN 'none' WHEN t.n < 3 THEN 'few' ELSE 'many' END AS bucket,
       (SELECT max(placed) FROM orders o WHERE o.customer_id = c.id) AS last_order
FROM customers c LEFT JOIN (SELECT customer_id, count(*) AS n FROM orders GROUP BY customer_id) t ON t.customer_id = c.id
WHERE c.id IN (SELECT id FROM customers WHERE id % 250 = 0) ORDER BY c.id;

-- recursive CTE: a tree of categories and a fibonacci sequence
WITH RECURSIVE fib(a, b, n) AS (SELECT 0, 1, 1 UNION ALL SELECT b, a + b, n + 1 FROM fib WHERE n < 90)
SELECT n, a FROM fib WHERE n % 15 = 0;
WITH RECURSIVE tree(id, parent, name) AS (VALUES (1, NULL, 'root'), (2, 1, 'a'), (3, 1, 'b'), (4, 2, 'a1'), (5, 4, 'a1x'), (6, 3, 'b1')),
  path(id, p, depth) AS (SELECT id, name, 0 FROM tree WHERE parent IS NULL
                         UNION ALL SELECT t.id, path.p || '/' || t.name, depth + 1 FROM tree t JOIN path ON t.parent = path.id)
SELECT * FROM path ORDER BY p;

-- string, math, date and json functions
SELECT upper('abc'), lower('ÀBC'), length('héllo'), length(CAST('héllo' AS BLOB)), substr('sqlite', 2, 3), replace('a-b-c', '-', '+'),
       instr('haystack', 'st'), trim('  x  '), ltrim('xxy', 'x'), hex('AB'), quote('it''s'), char(72, 105), unicode('€'),
       printf('%5.2f|%-6s|%06d|%x|%e|%q', 3.14159, 'ab', 42, 255, 12345.6789, 'O''Reilly'), format('%s=%d', 'n', 7);
SELECT abs(-7), round(2.5), round(-2.5), round(1.23456, 3), 7 / 2, 7 / 2.0, 7 % 3, -7 % 3, 1 << 40, ~5, 5 & 3, 5 | 3,
       max(3, 9, 1), min('b', 'a'), typeof(1), typeof(1.0), typeof('1'), typeof(x'01'), typeof(NULL), 9223372036854775807 + 0;
SELECT sqrt(2), pow(2, 10), exp(1), ln(10), log10(1000), log(2, 1024), floor(-1.5), ceil(-1.5), trunc(-1.7), pi(), sin(pi() / 6), degrees(pi()), mod(7.5, 2);
SELECT date('2024-02-28', '+1 day'), date('2023-02-28', '+1 day'), datetime(1700000000, 'unixepoch'), strftime('%j %w %W %s', '2024-12-31 23:59:59'),
       julianday('2000-01-01'), date('2024-01-31', '+1 month'), date('2024-03-15', 'start of month', '-1 day'), time('12:34:56', '+90 minutes'),
       strftime('%Y-%m-%dT%H:%M:%f', '2024-05-06 07:08:09.123'), unixepoch('2038-01-19 03:14:08');
SELECT json_object('id', 1, 'tags', json_array('a', 'b'), 'ok', json('true')), json_extract('{"a":{"b":[10,20,30]}}', '$.a.b[1]'),
       json_array_length('[1,2,3,4]'), json_type('{"x":1.5}', '$.x'), json_valid('{bad'), json_insert('{"a":1}', '$.b', 2), json_remove('[1,2,3]', '$[0]'),
       json_set('{"a":1}', '$.a', 'x'), json_patch('{"a":1,"b":2}', '{"b":null,"c":3}'), '{"n":5}' -> '$.n', '{"n":5}' ->> '$.n';
SELECT key, value, type FROM json_each('{"x":1,"y":[2,3],"z":{"w":null}}');
SELECT fullkey, atom FROM json_tree('[1,[2,[3]]]') WHERE atom IS NOT NULL;
SELECT json_group_array(id), json_group_object(sku, stock) FROM (SELECT id, sku, stock FROM products WHERE id <= 4);
SELECT group_concat(city, ';'), count(*) FROM (SELECT DISTINCT city FROM customers ORDER BY city);
SELECT 'like', 'Hello' LIKE 'hel%', 'Hello' GLOB 'hel*', 'abc' BETWEEN 'abb' AND 'abd', NULL IS NULL, NULL = NULL, 1 IN (1, NULL), 2 IN (1, NULL), 0.1 + 0.2 = 0.3, 0.1 + 0.2;
SELECT cast('12abc' AS INTEGER), cast('3.9' AS INTEGER), cast(3.9 AS INTEGER), cast(12 AS TEXT) || 'x', cast(x'414243' AS TEXT), cast('1e3' AS REAL), 1e308 * 10, -1e308 * 10, 5 / 0, 1.0 / 0;
SELECT zeroblob(4), length(randomblob(16)), typeof(random()), iif(1 > 2, 'yes', 'no'), nullif(3, 3), ifnull(NULL, 'dflt'), likely(1), coalesce(NULL, NULL, 'c');
SELECT total(balance), sum(balance), avg(balance), count(email), count(*) FROM customers;

-- UPSERT and RETURNING
INSERT INTO kv(k, v) VALUES ('hits', 1) ON CONFLICT(k) DO UPDATE SET v = v + 1 RETURNING k, v;
INSERT INTO kv(k, v) VALUES ('hits', 1) ON CONFLICT(k) DO UPDATE SET v = v + 1 RETURNING k, v;
UPDATE products SET stock = stock + 5 WHERE id <= 3 RETURNING id, stock;
DELETE FROM kv WHERE k = 'hits' RETURNING *;
INSERT OR REPLACE INTO kv VALUES ('count', 10);
INSERT OR IGNORE INTO kv VALUES ('count', 20);
SELECT * FROM kv ORDER BY k;

-- the triggers at work
UPDATE orders SET status = 'shipped' WHERE status = 'paid' AND id < 60;
SELECT what, count(*), min(detail), max(detail) FROM audit GROUP BY what;
UPDATE products SET stock = -100 WHERE id = 1;
SELECT stock FROM products WHERE id = 1;

-- CASCADE deletes
SELECT count(*) FROM orders WHERE customer_id = 17;
DELETE FROM customers WHERE id = 17;
SELECT count(*) FROM order_items WHERE order_id NOT IN (SELECT id FROM orders);

-- compound queries, DISTINCT, LIMIT/OFFSET, collation
SELECT city FROM customers WHERE id < 10 UNION SELECT 'Zurich' ORDER BY 1;
SELECT id FROM customers WHERE id < 20 EXCEPT SELECT customer_id FROM orders ORDER BY 1 LIMIT 5;
SELECT id FROM customers WHERE id < 100 INTERSECT SELECT customer_id FROM orders WHERE status = 'new' ORDER BY 1 DESC LIMIT 3 OFFSET 2;
SELECT title FROM products WHERE title LIKE 'gizmo%' COLLATE NOCASE ORDER BY title COLLATE NOCASE DESC LIMIT 3;
SELECT 'a' = 'A' COLLATE NOCASE, 'x ' = 'x' COLLATE RTRIM, 'b' < 'a' COLLATE BINARY;

-- query plans use the indexes
EXPLAIN QUERY PLAN SELECT * FROM orders WHERE customer_id = 5 ORDER BY placed;
EXPLAIN QUERY PLAN SELECT * FROM customers WHERE city = 'Rome' AND joined > '2022';
EXPLAIN QUERY PLAN SELECT * FROM products WHERE lower(title) = 'gizmo model 3';
EXPLAIN QUERY PLAN SELECT * FROM orders WHERE status = 'new';

-- ANALYZE, VACUUM, integrity
ANALYZE;
SELECT tbl, idx, stat FROM sqlite_stat1 ORDER BY tbl, idx;
VACUUM;
PRAGMA integrity_check;
SELECT page_count > 0 FROM pragma_page_count;
SELECT name, type FROM sqlite_schema ORDER BY type, name;
