-- A small shop: schema, indexes, views, triggers and a few thousand rows,
-- loaded in explicit transactions (with a savepoint rolled back).
PRAGMA foreign_keys = ON;
PRAGMA journal_mode = DELETE;

CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT UNIQUE,
  city TEXT NOT NULL,
  joined TEXT NOT NULL,              -- ISO date
  balance REAL NOT NULL DEFAULT 0 CHECK (balance >= -1000)
);
CREATE TABLE products (
  id INTEGER PRIMARY KEY,
  sku TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  category TEXT NOT NULL,
  price_cents INTEGER NOT NULL CHECK (price_cents > 0),
  stock INTEGER NOT NULL DEFAULT 0,
  weight_g INTEGER,
  price_eur REAL GENERATED ALWAYS AS (price_cents / 100.0) VIRTUAL
);
CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  placed TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'paid', 'shipped', 'cancelled'))
);
CREATE TABLE order_items (
  order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  product_id INTEGER NOT NULL REFERENCES products(id),
  qty INTEGER NOT NULL CHECK (qty > 0),
  unit_cents INTEGER NOT NULL,
  PRIMARY KEY (order_id, product_id)
) WITHOUT ROWID;
CREATE TABLE audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  what TEXT NOT NULL,
  ref INTEGER,
  detail TEXT
);
CREATE TABLE kv (k TEXT PRIMARY KEY, v ANY) STRICT;

CREATE INDEX customers_city ON customers(city, joined);
CREATE INDEX orders_customer ON orders(customer_id, placed);
CREATE INDEX orders_status ON orders(status) WHERE status <> 'shipped';
CREATE INDEX items_product ON order_items(product_id);
CREATE INDEX products_lower_title ON products(lower(title));

CREATE VIEW order_totals AS
  SELECT o.id AS order_id, o.customer_id, o.placed, o.status,
         SUM(i.qty * i.unit_cents) AS total_cents, COUNT(*) AS lines
  FROM orders o JOIN order_items i ON i.order_id = o.id
  GROUP BY o.id;

CREATE TRIGGER items_take_stock AFTER INSERT ON order_items
BEGIN
  UPDATE products SET stock = stock - NEW.qty WHERE id = NEW.product_id;
END;
CREATE TRIGGER orders_status_log AFTER UPDATE OF status ON orders
WHEN OLD.status <> NEW.status
BEGIN
  INSERT INTO audit(what, ref, detail) VALUES ('status', NEW.id, OLD.status || '->' || NEW.status);
END;
CREATE TRIGGER customers_delete_log BEFORE DELETE ON customers
BEGIN
  INSERT INTO audit(what, ref, detail) VALUES ('delete-customer', OLD.id, OLD.name);
END;
CREATE TRIGGER no_negative_stock BEFORE UPDATE OF stock ON products
WHEN NEW.stock < -50
BEGIN
  SELECT RAISE(ABORT, 'stock would go below -50');
END;

BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
INSERT INTO customers(id, name, email, city, joined, balance)
SELECT i,
       'Customer ' || printf('%04d', i),
       'c' || i || '@example.' || CASE i % 3 WHEN 0 THEN 'org' WHEN 1 THEN 'com' ELSE 'net' END,
       CASE i % 7 WHEN 0 THEN 'Berlin' WHEN 1 THEN 'Paris' WHEN 2 THEN 'Madrid' WHEN 3 THEN 'Rome'
                  WHEN 4 THEN 'Vienna' WHEN 5 THEN 'Lisbon' ELSE 'Prague' END,
       date('2020-01-01', '+' || (i * 37 % 1461) || ' days'),
       ((i * 7919) % 20000) / 10.0 - 500
FROM n;

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
INSERT INTO products(id, sku, title, category, price_cents, stock, weight_g)
SELECT i, 'SKU-' || hex(i * 2654435761 % 4294967296),
       CASE i % 5 WHEN 0 THEN 'Widget' WHEN 1 THEN 'Gadget' WHEN 2 THEN 'Doohickey' WHEN 3 THEN 'Gizmo' ELSE 'Thingamajig' END
         || ' Model ' || i,
       CASE i % 4 WHEN 0 THEN 'tools' WHEN 1 THEN 'toys' WHEN 2 THEN 'garden' ELSE 'kitchen' END,
       199 + (i * 1301) % 25000,
       1000 + i % 50,
       CASE WHEN i % 10 = 0 THEN NULL ELSE 50 + (i * 17) % 5000 END
FROM n;
COMMIT;

BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
INSERT INTO orders(id, customer_id, placed, status)
SELECT i, 1 + (i * 7907) % 2000, datetime('2023-01-01 08:00:00', '+' || (i * 613 % 525600) || ' minutes'),
       CASE i % 10 WHEN 0 THEN 'cancelled' WHEN 1 THEN 'new' WHEN 2 THEN 'new' WHEN 3 THEN 'paid' ELSE 'shipped' END
FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000),
     k(j) AS (VALUES (0), (1), (2))
INSERT INTO order_items(order_id, product_id, qty, unit_cents)
SELECT i, 1 + (i * 31 + j * 97) % 300, 1 + (i + j) % 4, (SELECT price_cents FROM products WHERE id = 1 + (i * 31 + j * 97) % 300)
FROM n, k WHERE j < 1 + i % 3;
COMMIT;

-- a savepoint that is rolled back leaves no trace
BEGIN;
INSERT INTO kv VALUES ('loaded', 'yes');
SAVEPOINT sp1;
DELETE FROM order_items;
UPDATE products SET stock = 0;
ROLLBACK TO sp1;
RELEASE sp1;
COMMIT;

-- a failing statement inside a transaction is rolled back alone
BEGIN;
INSERT INTO kv VALUES ('count', 1);
INSERT INTO kv VALUES ('count', 2);
INSERT INTO kv VALUES ('strict', 3);
COMMIT;
INSERT INTO kv VALUES ('bad', 'x', 'y');

UPDATE orders SET status = 'paid' WHERE id IN (1, 2, 11, 12) AND status = 'new';
DELETE FROM customers WHERE id = 1999;
SELECT 'rows', (SELECT count(*) FROM customers), (SELECT count(*) FROM products),
       (SELECT count(*) FROM orders), (SELECT count(*) FROM order_items), (SELECT count(*) FROM audit);
PRAGMA integrity_check;
PRAGMA foreign_key_check;
