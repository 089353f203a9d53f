-- tables: constructors, length, insert/remove/concat/unpack/move, sort
local t = {10, 20, 30, x = 1, ["y z"] = 2, [100] = 3, 40}
print(#t, t[4], t.x, t["y z"], t[100])
table.insert(t, 50); table.insert(t, 1, 5)
print(#t, table.concat(t, ","))
print(table.remove(t), table.remove(t, 1), #t, table.concat(t, ","))
print(table.remove({}), #t, table.unpack(t))
print(table.unpack({1, 2, 3, 4, 5}, 2, 4))
print(table.concat({1, 2.5, "x"}, "-", 2, 3), table.concat({}, "x"), table.concat({"a"}, ", ", 1, 1))
print(pcall(table.concat, {1, {}, 3}))
local m = table.move({1, 2, 3, 4, 5}, 2, 4, 1); print(table.concat(m, ","))
local m2 = table.move({1, 2, 3}, 1, 3, 3, {9, 9}); print(table.concat(m2, ","))
local p = table.pack(nil, nil, 3); print(p.n, p[3])

-- sorting
local nums = {}
local seed = 12345
local function rnd() seed = (seed * 1103515245 + 12345) % 2147483648 return seed end
for i = 1, 1000 do nums[i] = rnd() % 10000 end
table.sort(nums)
local okk = true
for i = 2, #nums do if nums[i - 1] > nums[i] then okk = false end end
print("sorted", okk, nums[1], nums[500], nums[1000])
table.sort(nums, function(a, b) return a > b end)
print("desc", nums[1], nums[1000])
local words = {"banana", "Apple", "cherry", "apple", "date", "Banana", "elderberry", "fig"}
table.sort(words); print(table.concat(words, " "))
table.sort(words, function(a, b) return a:lower() < b:lower() or (a:lower() == b:lower() and a < b) end)
print(table.concat(words, " "))
local recs = {}
for i = 1, 50 do recs[i] = {id = i, score = (i * 37) % 11} end
table.sort(recs, function(a, b) if a.score ~= b.score then return a.score > b.score end return a.id < b.id end)
local top = {} for i = 1, 8 do top[i] = recs[i].id .. "/" .. recs[i].score end
print(table.concat(top, " "))
print(pcall(table.sort, {3, 1, "x"}))
print(pcall(table.sort, {1, 2, 3}, function(a, b) return true end))

-- pairs order is unspecified: sort keys before printing
local d = {}
for i = 1, 100 do d["k" .. i] = i end
local keys = {} for k in pairs(d) do keys[#keys + 1] = k end
table.sort(keys); print(#keys, keys[1], keys[2], keys[100])
local sum = 0 for _, v in pairs(d) do sum = sum + v end print("sum", sum)
-- ipairs stops at the first nil
local cnt = 0 for _ in ipairs({1, 2, nil, 4}) do cnt = cnt + 1 end print("ipairs", cnt)
-- next
print(next({}), next({7}))
-- length of sequences built in different ways
local seq = {} for i = 1, 1000 do seq[i] = i end print(#seq)
for i = 1000, 501, -1 do seq[i] = nil end print(#seq)
-- tables as keys, float keys normalised
local k1, k2 = {}, {}
local map = {[k1] = "one", [k2] = "two", [1.0] = "float-one", [2^53] = "big"}
print(map[k1], map[k2], map[1], map[2^53 | 0], math.type(next({[3.0] = 1})))
-- nested tables, matrix multiplication
local function matmul(a, b)
  local n, mm, pp = #a, #b, #b[1]
  local c = {}
  for i = 1, n do c[i] = {} for j = 1, pp do local s = 0 for k = 1, mm do s = s + a[i][k] * b[k][j] end c[i][j] = s end end
  return c
end
local A = {{1, 2, 3}, {4, 5, 6}}
local B = {{7, 8}, {9, 10}, {11, 12}}
local C = matmul(A, B) print(C[1][1], C[1][2], C[2][1], C[2][2])
-- a larger workload: word frequency over generated text
local vocab = {"the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "and", "cat"}
local freq = {}
for i = 1, 20000 do local w = vocab[(i * i + 3 * i) % #vocab + 1] freq[w] = (freq[w] or 0) + 1 end
local fl = {} for w, c in pairs(freq) do fl[#fl + 1] = {w, c} end
table.sort(fl, function(a, b) return a[2] > b[2] or (a[2] == b[2] and a[1] < b[1]) end)
for i = 1, #fl do io.write(fl[i][1], "=", fl[i][2], " ") end print()
-- table with holes and explicit n; table.unpack of many values
local many = {} for i = 1, 200 do many[i] = i end
print(select("#", table.unpack(many)), math.max(table.unpack(many)))
-- removal while iterating backwards
local arr = {} for i = 1, 20 do arr[i] = i end
for i = #arr, 1, -1 do if arr[i] % 3 == 0 then table.remove(arr, i) end end
print(table.concat(arr, " "))
-- a queue and a stack
local q = {first = 1, last = 0}
local function push(v) q.last = q.last + 1 q[q.last] = v end
local function pop() local v = q[q.first] q[q.first] = nil q.first = q.first + 1 return v end
for i = 1, 5 do push(i * i) end
print(pop(), pop(), q.last - q.first + 1)
-- table.insert errors
print(pcall(table.insert, {1, 2}, 5, 1))
print(pcall(table.insert, {}, 1, 2, 3))
