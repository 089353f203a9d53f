-- WAL mode (shared memory through mmap of the -shm file) and file locking
-- between processes: while this shell holds a write lock, another sqlite3
-- process (started with .system) must see "database is locked".
PRAGMA journal_mode = WAL;
CREATE TABLE IF NOT EXISTS w(i INTEGER PRIMARY KEY, t TEXT);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
INSERT INTO w SELECT i, hex(i * 12345) FROM n;
SELECT count(*), sum(i) FROM w;
.system $OTHER_SQLITE wal.db "SELECT 'other reader sees', count(*) FROM w"
BEGIN IMMEDIATE;
INSERT INTO w VALUES (1001, 'pending');
.system $OTHER_SQLITE wal.db "INSERT INTO w VALUES (2000, 'x')" 2>&1; echo "other writer exit $?"
.system $OTHER_SQLITE wal.db "SELECT 'other reader during write', count(*) FROM w"
COMMIT;
.system $OTHER_SQLITE wal.db "INSERT INTO w VALUES (2000, 'from other')"
SELECT count(*), max(i) FROM w;
PRAGMA wal_checkpoint(TRUNCATE);
PRAGMA journal_mode = DELETE;
BEGIN EXCLUSIVE;
.system $OTHER_SQLITE wal.db "SELECT count(*) FROM w" 2>&1; echo "other reader under exclusive lock exit $?"
COMMIT;
PRAGMA integrity_check;
