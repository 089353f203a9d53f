-- The shell's own features: output modes, .import/.output/.once/.read,
-- .dump/.schema/.tables, .backup/.open, .shell, parameters, error handling.
.tables
.indexes orders
.schema kv
.mode column
.headers on
SELECT id, name, city FROM customers WHERE id <= 3;
.mode box
SELECT id, sku, price_eur FROM products WHERE id <= 3;
.mode markdown
SELECT id, title FROM products WHERE id BETWEEN 4 AND 5;
.mode json
SELECT id, name, CAST(balance * 10 AS INTEGER) AS balance10, 0.5 AS half FROM customers WHERE id IN (1, 2);
.mode csv
SELECT id, name, email FROM customers WHERE id <= 3;
.mode insert newtable
SELECT id, city FROM customers WHERE id <= 2;
.mode line
SELECT * FROM products WHERE id = 7;
.mode tabs
.headers off
SELECT id, category, stock FROM products WHERE id <= 3;
.mode quote
SELECT 'a''b', 1.5, NULL, x'00ff';
.mode list
.separator |
.nullvalue <null>
SELECT NULL, 'not null';
.nullvalue ''

-- write a CSV file, import it into a new table, read it back
.headers on
.mode csv
.once items.csv
SELECT order_id, product_id, qty FROM order_items WHERE order_id <= 40 ORDER BY 1, 2;
.import items.csv imported
.headers off
.mode list
SELECT count(*), sum(qty), typeof(qty) FROM imported;
.import --csv --skip 1 items.csv imported
SELECT count(*) FROM imported;

-- .output to a file and .read a generated script
.output gen.sql
SELECT 'INSERT INTO kv VALUES (' || quote('gen' || id) || ', ' || id || ');' FROM products WHERE id <= 5;
.output stdout
.read gen.sql
SELECT k, v FROM kv WHERE k LIKE 'gen%' ORDER BY v;

-- parameters
.parameter init
.parameter set $city 'Paris'
.parameter set :lim 3
SELECT id, name FROM customers WHERE city = $city ORDER BY id LIMIT :lim;
.parameter list
.parameter clear

-- .dump of a small table, loaded into a second database through .shell/.system
CREATE TABLE small(a INTEGER PRIMARY KEY, b TEXT, c REAL, d BLOB);
INSERT INTO small VALUES (1, 'one', 1.5, x'0102'), (2, 'it''s', -0.25, NULL), (3, NULL, 1e100, zeroblob(3));
.output small.sql
.dump small
.output stdout
.system cat small.sql

-- .backup to a new file, .open it, check it
.backup copy.db
.open copy.db
SELECT count(*) FROM orders;
PRAGMA integrity_check;
.open --readonly copy.db
INSERT INTO kv VALUES ('ro', 1);
.open :memory:
CREATE TABLE m(x);
INSERT INTO m VALUES (1), (2);
SELECT sum(x) FROM m;

-- errors do not stop the script (.bail off) and are reported on stderr
SELECT * FROM no_such_table;
SELECT 1 +;
.no_such_command
.print done with shell features
.show
