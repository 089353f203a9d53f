-- Table churn: array insert/remove (at the end and in the middle), hash
-- tables with string and integer keys (insert, lookup, delete, rehash),
-- table.sort, and many small short-lived tables (GC pressure).
-- Prints a checksum; `lua tables.lua [N]` (default 200000).
local n = tonumber(arg and arg[1]) or 200000
local sum = 0

-- array: push/pop at the end, insert/remove at the front of a small array
local a = {}
for i = 1, n do a[#a + 1] = i * 2 end
for _ = 1, n // 2 do sum = sum + table.remove(a) end
local q = {}
for i = 1, 100 do q[i] = i end
for i = 1, n do table.insert(q, 1 + i % 50, i); sum = sum + table.remove(q, 1 + i % 70) end
for i = 1, #a do sum = sum + a[i] end

-- hash with string keys: fill, look up, delete half, refill
local t = {}
for i = 1, n do t["k" .. i] = i end
for i = 1, n, 3 do sum = sum + (t["k" .. i] or 0) end
for i = 1, n, 2 do t["k" .. i] = nil end
for i = 1, n // 2 do t["n" .. i] = i end
for _, v in pairs(t) do sum = sum + v end

-- hash with sparse integer keys and float keys
local m = {}
for i = 1, n do m[i * 7919 % 1000003] = i end
for i = 1, n, 2 do m[i * 7919 % 1000003] = nil end
for k, v in pairs(m) do sum = sum + k % 97 + v end
local f = {}
for i = 1, n // 4 do f[i + 0.5] = i end
for k in pairs(f) do sum = sum + math.floor(k) end

-- many small records (allocation and collection)
local live = {}
for i = 1, n do
  local r = { id = i, name = "r" .. (i % 100), tags = { i % 3, i % 5 } }
  live[i % 1000 + 1] = r
  sum = sum + r.tags[1] + r.tags[2]
end

-- sort with and without a comparator
local s = {}
local x = 12345
for i = 1, n // 2 do x = (x * 1103515245 + 12345) % 2147483648; s[i] = x end
table.sort(s)
sum = sum + s[1] + s[#s // 2] + s[#s]
table.sort(s, function(p, q) return p > q end)
sum = sum + s[1] + s[#s]
print(string.format("tables %d", sum % 1000000007))
