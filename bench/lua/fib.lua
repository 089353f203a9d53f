-- Function calls and integer arithmetic: naive recursive Fibonacci, plus a
-- closure-heavy variant. Prints a checksum; `lua fib.lua [N]` (default 32).
local n = tonumber(arg and arg[1]) or 32

local function fib(k)
  if k < 2 then return k end
  return fib(k - 1) + fib(k - 2)
end

local function memo_fib()
  local cache = {}
  local function f(k)
    if k < 2 then return k end
    local v = cache[k]
    if v then return v end
    v = f(k - 1) + f(k - 2)
    cache[k] = v
    return v
  end
  return f
end

local sum = fib(n)
-- many short-lived closures and calls through upvalues
for i = 1, 20000 do
  sum = (sum + memo_fib()(60 + i % 20)) % 1000000007
end
-- a tail-recursive loop and float math
local function loop(i, acc)
  if i == 0 then return acc end
  return loop(i - 1, acc + math.sqrt(i) * 0.5)
end
sum = sum + math.floor(loop(1000000, 0.0))
print(string.format("fib %d", sum))
