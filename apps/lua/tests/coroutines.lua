-- coroutines: generators, wrap, status, yield across pcall, close
local function gen(n)
  return coroutine.wrap(function() for i = 1, n do coroutine.yield(i) end return "done" end)
end
local g, out = gen(5), {}
for _ = 1, 6 do out[#out + 1] = tostring(g()) end
print("wrap", table.concat(out, " "))

local co = coroutine.create(function(a, b)
  print("start", a, b)
  local c = coroutine.yield(a + b)
  print("got", c)
  local d, e = coroutine.yield(c * 2)
  print("got", d, e)
  return d + e, "end"
end)
print("status", coroutine.status(co))
print("resume", coroutine.resume(co, 1, 2))
print("status", coroutine.status(co))
print("resume", coroutine.resume(co, 10))
print("resume", coroutine.resume(co, 3, 4))
print("status", coroutine.status(co))
print("resume dead", coroutine.resume(co))

-- errors inside coroutines
local bad = coroutine.create(function() coroutine.yield(1) error("boom") end)
print("err", coroutine.resume(bad))
print("err", coroutine.resume(bad))
print("err status", coroutine.status(bad))
local bad2 = coroutine.create(function() error({code = 7}) end)
local ok, e = coroutine.resume(bad2); print("err table", ok, type(e), e.code)

-- yield across pcall (allowed in 5.4)
local co2 = coroutine.create(function()
  local ok2, v = pcall(function() local x = coroutine.yield("inside pcall") return x * 2 end)
  coroutine.yield(tostring(ok2) .. ":" .. v)
  local ok3, err = pcall(function() coroutine.yield("again") error("after yield") end)
  return ok3, (err:gsub("^.-:%d+: ", ""))
end)
print("pcall yield", coroutine.resume(co2))
print("pcall yield", coroutine.resume(co2, 21))
print("pcall yield", coroutine.resume(co2))
print("pcall yield", coroutine.resume(co2))

-- running, isyieldable
print("main running", select(2, coroutine.running()), coroutine.isyieldable())
coroutine.wrap(function() print("in co", select(2, coroutine.running()), coroutine.isyieldable()) end)()

-- producer / consumer / filter pipeline
local function producer()
  return coroutine.create(function()
    for _, w in ipairs({"alpha", "beta", "gamma", "delta", "epsilon"}) do coroutine.yield(w) end
  end)
end
local function filter(src)
  return coroutine.create(function()
    while true do
      local ok2, w = coroutine.resume(src)
      if not w then break end
      if #w > 4 then coroutine.yield(w:upper()) end
    end
  end)
end
local res, f = {}, filter(producer())
while true do local _, w = coroutine.resume(f) if not w then break end res[#res + 1] = w end
print("pipeline", table.concat(res, ","))

-- permutations generator
local function permgen(a, n)
  n = n or #a
  if n <= 1 then coroutine.yield(a) else
    for i = 1, n do
      a[n], a[i] = a[i], a[n]; permgen(a, n - 1); a[n], a[i] = a[i], a[n]
    end
  end
end
local count, first = 0, nil
for p in coroutine.wrap(function() permgen({1, 2, 3, 4}) end) do
  count = count + 1
  if count <= 3 then print("perm", table.concat(p, "")) end
end
print("perms", count)

-- coroutine.close with to-be-closed variables
local closed = {}
local co3 = coroutine.create(function()
  local x <close> = setmetatable({}, {__close = function() closed[#closed + 1] = "x" end})
  coroutine.yield(1)
end)
coroutine.resume(co3)
print("close", coroutine.close(co3), coroutine.status(co3), table.concat(closed))
local co4 = coroutine.create(function() error("E") end)
coroutine.resume(co4)
print("close dead err", coroutine.close(co4))

-- many coroutines alive at once
local cos = {}
for i = 1, 2000 do cos[i] = coroutine.wrap(function(x) while true do x = coroutine.yield(x + i) end end) end
local sum = 0
for round = 1, 3 do for i = 1, 2000 do sum = sum + cos[i](round) end end
print("many", sum)

-- wrap propagates errors with position
local w = coroutine.wrap(function() error("wrapped error") end)
local ok4, msg = pcall(w); print("wrap err", ok4, (msg:gsub("^.-:%d+: ", "")))
-- yield from nested function calls
local deep = coroutine.wrap(function()
  local function rec(k) if k == 0 then coroutine.yield("bottom") else rec(k - 1) end end
  rec(100) return "up"
end)
print("deep", deep(), deep())
