-- error, pcall, xpcall, error objects and levels, runtime error messages
local function strip(m) return (tostring(m):gsub("^[^:]*:%d+: ", "")) end
print(pcall(error, "plain"))
print(pcall(error, "no position", 0))
print(pcall(error))
print(pcall(error, nil))
print(select(2, pcall(error, {code = 42})).code)
local ok, e = pcall(error, setmetatable({}, {__tostring = function() return "custom error" end}))
print(ok, tostring(e))
local function lvl1() error("at level 2", 2) end
local function caller() lvl1() end
print(pcall(caller))
print(select(2, pcall(function() local x = nil; return x.field end)))
print(select(2, pcall(function() local t = {} ; return t.a.b end)))
print(select(2, pcall(function() return 1 + {} end)))
print(select(2, pcall(function() return #5 end)))
print(select(2, pcall(function() return ("x")() end)))
print(select(2, pcall(function() undefinedglobal() end)))
print(select(2, pcall(function() local s = "abc"; return s < 1 end)))
print(select(2, pcall(function() return {} .. "" end)))
print(select(2, pcall(function() return math.floor("x") end)))
print(select(2, pcall(string.rep)))
print(select(2, pcall(setmetatable, 1, {})))
print(select(2, pcall(function() return 2^63 // 0 | 0 end)))
print(select(2, pcall(function() local a <const> = 1; return tostring(nil) .. nil end)))
-- xpcall with traceback-free handler and with extra args
print(xpcall(function(a, b) return a + b end, print, 3, 4))
print(xpcall(function() error("deep") end, function(m) return "handled: " .. strip(m) end))
print(xpcall(function() error({1, 2, 3}) end, function(m) return #m end))
-- traceback content (positions only, no addresses)
local tb
xpcall(function() local function inner() error("tb") end inner() end, function(m) tb = debug.traceback(m, 1) end)
local lines = {} for l in tb:gmatch("[^\n]+") do lines[#lines + 1] = l end
print("traceback", lines[1], lines[2], #lines > 3)
-- error in error handler
print(xpcall(function() error("first") end, function() error("second") end))
-- nested pcall
print(pcall(pcall, error, "x"))
print(pcall(function() local ok2, e2 = pcall(error, "inner") error("outer:" .. e2, 0) end))
-- assert
print(pcall(assert, false))
print(pcall(assert, nil, "assert message"))
print(pcall(assert, 1 == 1, "unused"), select("#", assert(1, 2, 3)))
print(select(2, pcall(assert, false, {tbl = true})).tbl)
-- stack overflow is an ordinary error
local function rec(n) return 1 + rec(n + 1) end
local ok3, e3 = pcall(rec, 1)
print("stack overflow", ok3, strip(e3):match("stack overflow") ~= nil)
local function crec() return pcall(crec) end
print("C stack", select("#", pcall(crec)), select(-1, pcall(crec)))
local deep = 0
local function cdeep(n) deep = n return select(2, pcall(cdeep, n + 1)) end
local _ = pcall(cdeep, 1)
print("C levels reached >= 150", deep >= 150)
local function gsubrec(s) return (s:gsub(".", gsubrec)) end
print("gsub recursion", pcall(gsubrec, "ab"))
-- table.concat / string.rep memory errors are catchable
print(pcall(string.rep, "x", 1 << 40))
-- error objects through coroutines and tostring of error positions
local co = coroutine.create(function() local x = {} return x.y.z end)
print(coroutine.resume(co))
-- runtime errors with variable names
local t = {}
print(select(2, pcall(function() t.x.y = 1 end)))
print(select(2, pcall(function() local up = t return up.missing.field end)))
print(select(2, pcall(function() return t:nomethod() end)))
print(select(2, pcall(function() for i = 1, "x" do end end)))
print(select(2, pcall(load, "return +")), select(2, load("x = = 1")))
print(select(2, load("return 'unfinished")), select(2, load("return [[x")))
print(select(2, load("\27Lua garbage")))
-- error with non-string values and levels
for _, v in ipairs({42, true, 3.5}) do print(pcall(error, v)) end
-- warn (goes to stderr; off by default)
warn("@on") warn("warning message ", "parts") warn("@off") warn("not shown")
-- os.exit inside pcall still exits? (tested in os_io); here: error in __gc is a warning only
setmetatable({}, {__gc = function() error("in gc") end}) collectgarbage()
print("end of errors")
