-- closures, upvalues, varargs, recursion, tail calls
local function counter(start)
  local n = start
  return function(step) n = n + (step or 1); return n end,
         function() return n end
end
local inc, get = counter(10)
inc(); inc(5); print("counter", get())

-- each loop iteration gets a fresh local
local fs = {}
for i = 1, 5 do fs[i] = function() return i * i end end
local t = {}
for i = 1, 5 do t[#t + 1] = fs[i]() end
print("fresh locals", table.concat(t, " "))

-- shared upvalue between two closures
local function pair()
  local x = 0
  return function() x = x + 1 end, function() return x end
end
local a, b = pair(); a(); a(); a(); print("shared", b())

-- varargs
local function va(...)
  local n = select('#', ...)
  local last = n > 0 and select(n, ...) or "none"
  return n, last, {...}
end
print("varargs", (va()), (select(2, va())))
print("varargs", (va(1, nil, 3, nil)))
local n, last, packed = va("a", "b", "c"); print("varargs", n, last, #packed)
print("pack", table.pack(1, nil, 3).n, select(-1, 1, 2, 3))

-- recursion and mutual recursion
local function fib(k) if k < 2 then return k end return fib(k - 1) + fib(k - 2) end
print("fib", fib(25))
local isodd
local function iseven(k) if k == 0 then return true end return isodd(k - 1) end
function isodd(k) if k == 0 then return false end return iseven(k - 1) end
print("even/odd", iseven(1000), isodd(777))

-- proper tail calls: no stack growth
local function loop(k, acc) if k == 0 then return acc end return loop(k - 1, acc + k) end
print("tailcall", loop(1000000, 0))

-- higher-order functions
local function map(f, l) local r = {} for i, v in ipairs(l) do r[i] = f(v) end return r end
local function filter(p, l) local r = {} for _, v in ipairs(l) do if p(v) then r[#r+1] = v end end return r end
local function reduce(f, acc, l) for _, v in ipairs(l) do acc = f(acc, v) end return acc end
local nums = {} for i = 1, 20 do nums[i] = i end
local sq = map(function(v) return v * v end, nums)
local ev = filter(function(v) return v % 2 == 0 end, sq)
print("hof", table.concat(ev, ","), reduce(function(x, y) return x + y end, 0, ev))

-- composition and currying
local function compose(...)
  local fns = {...}
  return function(...)
    local r = table.pack(...)
    for i = #fns, 1, -1 do r = table.pack(fns[i](table.unpack(r, 1, r.n))) end
    return table.unpack(r, 1, r.n)
  end
end
local f = compose(function(x) return x + 1 end, function(x, y) return x * y end)
print("compose", f(6, 7))
local function curry(fn, k, ...)
  local have = table.pack(...)
  if have.n >= k then return fn(...) end
  return function(...)
    local args = {table.unpack(have, 1, have.n)}
    for _, v in ipairs({...}) do args[#args + 1] = v end
    return curry(fn, k, table.unpack(args))
  end
end
print("curry", curry(function(x, y, z) return x .. y .. z end, 3)("a")("b")("c"))

-- memoization through closures
local calls = 0
local function memo(fn)
  local cache = {}
  return function(k) local v = cache[k] if v == nil then v = fn(k); cache[k] = v end return v end
end
local slow = memo(function(k) calls = calls + 1 return k * 2 end)
for i = 1, 100 do slow(i % 10) end
print("memo", calls)

-- debug.getupvalue / setupvalue
local secret = 42
local function peek() return secret end
print("upvalue", debug.getupvalue(peek, 1))
debug.setupvalue(peek, 1, 7); print("setupvalue", peek(), secret)
-- string.dump round trip of a function without upvalues
local dumped = string.dump(function(x) return x * 3 end)
print("dump/load", load(dumped, "d", "b")(14))
-- load with custom environment
local env = {y = 5}
print("load env", load("return y * 2", "chunk", "t", env)())
local parts, i = {"return ", "1 ", "+ ", "41"}, 0
print("load reader", load(function() i = i + 1 return parts[i] end)())
