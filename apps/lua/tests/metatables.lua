-- metatables: arithmetic/comparison metamethods, __index chains, OOP, __close, __gc, weak tables
local V = {}
V.__index = V
local function vec(x, y) return setmetatable({x = x, y = y}, V) end
V.__add = function(a, b) return vec(a.x + b.x, a.y + b.y) end
V.__sub = function(a, b) return vec(a.x - b.x, a.y - b.y) end
V.__mul = function(a, b)
  if type(a) == "number" then return vec(a * b.x, a * b.y) end
  if type(b) == "number" then return vec(a.x * b, a.y * b) end
  return a.x * b.x + a.y * b.y
end
V.__unm = function(a) return vec(-a.x, -a.y) end
V.__eq = function(a, b) return a.x == b.x and a.y == b.y end
V.__lt = function(a, b) return a:len2() < b:len2() end
V.__le = function(a, b) return a:len2() <= b:len2() end
V.__len = function(a) return 2 end
V.__tostring = function(a) return "(" .. a.x .. "," .. a.y .. ")" end
V.__concat = function(a, b) return tostring(a) .. tostring(b) end
V.__call = function(self, k) return self[k] end
V.__idiv = function(a, n) return vec(a.x // n, a.y // n) end
V.__mod = function(a, n) return vec(a.x % n, a.y % n) end
V.__pow = function(a, n) return vec(a.x ^ n, a.y ^ n) end
V.__div = function(a, n) return vec(a.x / n, a.y / n) end
V.__band = function(a, b) return vec(a.x & b.x, a.y & b.y) end
V.__shl = function(a, n) return vec(a.x << n, a.y << n) end
V.__bnot = function(a) return vec(~a.x, ~a.y) end
function V:len2() return self.x * self.x + self.y * self.y end
local a, b = vec(1, 2), vec(3, 4)
print(tostring(a + b), tostring(a - b), a * b, tostring(2 * a), tostring(a * 3), tostring(-a))
print(a == vec(1, 2), a ~= b, a < b, b <= a, #a, a .. b, a("y"))
print(tostring(vec(7, 9) // 2), tostring(vec(7, 9) % 4), tostring(vec(2, 3) ^ 2), tostring(vec(1, 2) / 2))
print(tostring(vec(6, 5) & vec(3, 3)), tostring(vec(1, 2) << 3), tostring(~vec(0, 1)))

-- inheritance
local Animal = {} Animal.__index = Animal
function Animal.new(name, sound) return setmetatable({name = name, sound = sound}, Animal) end
function Animal:speak() return self.name .. " says " .. self.sound end
function Animal:kind() return "animal" end
local Dog = setmetatable({}, {__index = Animal}) Dog.__index = Dog
function Dog.new(name) local d = Animal.new(name, "woof") return setmetatable(d, Dog) end
function Dog:kind() return "dog" end
function Dog:fetch() return self.name .. " fetches" end
local d = Dog.new("Rex")
print(d:speak(), d:kind(), d:fetch(), getmetatable(d) == Dog, rawget(d, "speak"))

-- __index / __newindex functions, proxies, read-only tables
local log = {}
local function proxy(t)
  return setmetatable({}, {
    __index = function(_, k) log[#log + 1] = "get " .. tostring(k) return t[k] end,
    __newindex = function(_, k, v) log[#log + 1] = "set " .. tostring(k) rawset(t, k, v) end,
    __len = function() return #t end,
    __pairs = function() return next, t, nil end,
  })
end
local P = proxy({1, 2, 3})
P[4] = 4; local _ = P[1] + P[4]
print(#P, table.concat(log, ","))
local cnt = 0 for k, v in pairs(P) do cnt = cnt + v end print("pairs mm", cnt)
local function readonly(t)
  return setmetatable({}, {__index = t, __newindex = function() error("read-only table", 2) end})
end
local ro = readonly({a = 1})
print(ro.a, pcall(function() ro.b = 2 end))
-- default values
local defaults = setmetatable({}, {__index = function() return 0 end})
defaults.x = defaults.x + 5; print(defaults.x, defaults.y)
-- rawequal, rawlen, rawget, rawset
print(rawequal(a, vec(1, 2)), rawlen({1, 2, 3}), rawlen("abcd"), rawget(V, "__len") ~= nil)
-- __metatable protection
local prot = setmetatable({}, {__metatable = "locked"})
print(getmetatable(prot), pcall(setmetatable, prot, {}))
-- string metatable
print(("x"):rep(3), getmetatable("").__index == string)
-- __close
do
  local order = {}
  do
    local x <close> = setmetatable({}, {__close = function(_, e) order[#order + 1] = "x:" .. tostring(e) end})
    local y <close> = setmetatable({}, {__close = function(_, e) order[#order + 1] = "y:" .. tostring(e) end})
    local z <const> = 10
    order[#order + 1] = "body" .. z
  end
  print("close order", table.concat(order, " "))
  local ok, err = pcall(function()
    local w <close> = setmetatable({}, {__close = function(_, e) order[#order + 1] = "w:" .. tostring(e):gsub("^.-:%d+: ", "") end})
    error("oops")
  end)
  print("close on error", ok, (tostring(err):gsub("^.-:%d+: ", "")), order[#order])
  local function gen() local c <close> = setmetatable({}, {__close = function() order[#order + 1] = "loop-closed" end}) return c end
  for i = 1, 3 do if i == 2 then break end end
  print(pcall(function() local bad <close> = 42 end))
end
-- __gc finalizers and collectgarbage
local finalized = {}
do
  for i = 1, 5 do setmetatable({}, {__gc = function() finalized[#finalized + 1] = i end}) end
end
collectgarbage(); collectgarbage()
table.sort(finalized); print("gc", table.concat(finalized, ","))
-- weak tables
local weakk = setmetatable({}, {__mode = "k"})
local weakv = setmetatable({}, {__mode = "v"})
local keep = {}
weakk[keep] = 1; weakk[{}] = 2
weakv[1] = keep; weakv[2] = {}
collectgarbage(); collectgarbage()
local nk = 0 for _ in pairs(weakk) do nk = nk + 1 end
local nv = 0 for _ in pairs(weakv) do nv = nv + 1 end
print("weak", nk, nv)
print("gc count type", math.type(collectgarbage("count")), collectgarbage("isrunning"))
print("gc modes", collectgarbage("incremental"), collectgarbage("generational"), collectgarbage("incremental"))
-- memory churn with generational GC
collectgarbage("generational")
local keepalive = {}
for i = 1, 200000 do local t = {i, tostring(i)} if i % 1000 == 0 then keepalive[#keepalive + 1] = t end end
collectgarbage("incremental")
print("churn", #keepalive, keepalive[200][2])
-- __index on numbers via debug.setmetatable
debug.setmetatable(0, {__index = {double = function(n) return n * 2 end}})
print((21):double(), (1.5):double())
debug.setmetatable(0, nil)
-- class with __eq on different types and __lt errors
print(pcall(function() return {} < {} end))
print(setmetatable({}, {__tostring = function() return "custom" end}))
print(pcall(tostring, setmetatable({}, {__tostring = function() return 1 end})))
print(setmetatable({}, {__name = "MyType"}) ~= nil, (tostring(setmetatable({}, {__name = "MyType"})):match("^MyType: ")))
