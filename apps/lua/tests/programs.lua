-- small programs: JSON round trip, n-queens, binary trees, fannkuch, a stack VM, require
local dir = assert(arg[1], "usage: programs.lua TMPDIR")

-- JSON encoder/decoder
local json = {}
local function esc(s)
  return (s:gsub('[%c"\\]', function(c)
    local m = {['"'] = '\\"', ['\\'] = '\\\\', ['\n'] = '\\n', ['\t'] = '\\t', ['\r'] = '\\r', ['\b'] = '\\b', ['\f'] = '\\f'}
    return m[c] or string.format("\\u%04x", c:byte())
  end))
end
function json.encode(v)
  local t = type(v)
  if t == "nil" then return "null"
  elseif t == "boolean" then return tostring(v)
  elseif t == "number" then
    if math.type(v) == "integer" then return tostring(v) end
    return string.format("%.14g", v)
  elseif t == "string" then return '"' .. esc(v) .. '"'
  elseif t == "table" then
    if #v > 0 or next(v) == nil then
      local out = {} for i, x in ipairs(v) do out[i] = json.encode(x) end
      return "[" .. table.concat(out, ",") .. "]"
    end
    local keys = {} for k in pairs(v) do keys[#keys + 1] = tostring(k) end table.sort(keys)
    local out = {} for _, k in ipairs(keys) do out[#out + 1] = json.encode(k) .. ":" .. json.encode(v[k]) end
    return "{" .. table.concat(out, ",") .. "}"
  end
  error("cannot encode " .. t)
end
function json.decode(s)
  local pos = 1
  local function ws() pos = s:find("[^ \t\r\n]", pos) or #s + 1 end
  local value
  local function str()
    local out = {} pos = pos + 1
    while true do
      local c = s:sub(pos, pos)
      if c == '"' then pos = pos + 1 break
      elseif c == "\\" then
        local n = s:sub(pos + 1, pos + 1)
        local m = {b = "\b", f = "\f", n = "\n", r = "\r", t = "\t", ['"'] = '"', ["\\"] = "\\", ["/"] = "/"}
        if n == "u" then out[#out + 1] = utf8.char(tonumber(s:sub(pos + 2, pos + 5), 16)) pos = pos + 6
        else out[#out + 1] = m[n] pos = pos + 2 end
      else out[#out + 1] = c pos = pos + 1 end
    end
    return table.concat(out)
  end
  function value()
    ws()
    local c = s:sub(pos, pos)
    if c == "{" then
      local obj = {} pos = pos + 1 ws()
      if s:sub(pos, pos) == "}" then pos = pos + 1 return obj end
      repeat ws() local k = str() ws() assert(s:sub(pos, pos) == ":") pos = pos + 1 obj[k] = value() ws()
        local d = s:sub(pos, pos) pos = pos + 1 until d == "}"
      return obj
    elseif c == "[" then
      local arr = {} pos = pos + 1 ws()
      if s:sub(pos, pos) == "]" then pos = pos + 1 return arr end
      repeat arr[#arr + 1] = value() ws() local d = s:sub(pos, pos) pos = pos + 1 until d == "]"
      return arr
    elseif c == '"' then return str()
    elseif s:find("^true", pos) then pos = pos + 4 return true
    elseif s:find("^false", pos) then pos = pos + 5 return false
    elseif s:find("^null", pos) then pos = pos + 4 return nil
    else
      local num = s:match("^-?%d+%.?%d*[eE]?[-+]?%d*", pos)
      pos = pos + #num
      return math.tointeger(tonumber(num)) or tonumber(num)
    end
  end
  return value()
end
local doc = {name = "wali", version = 1, tags = {"wasm", "linux", "syscalls"}, nested = {pi = 3.14159, ok = true, list = {1, 2, {x = "y"}}},
             text = "quote \" backslash \\ newline \n tab \t ctrl \1"}
local enc = json.encode(doc)
print(enc)
local dec = json.decode(enc)
print(json.encode(dec) == enc, dec.nested.list[3].x, dec.tags[2], dec.text == doc.text)
print(json.encode(json.decode(' { "a" : [ 1 , 2.5 , -3e2 , "\\u00e9" ] , "b" : { } , "c" : [ ] } ')))

-- N-queens
local function queens(n)
  local count, cols, d1, d2 = 0, {}, {}, {}
  local function place(r)
    if r > n then count = count + 1 return end
    for c = 1, n do
      if not cols[c] and not d1[r + c] and not d2[r - c + n] then
        cols[c], d1[r + c], d2[r - c + n] = true, true, true
        place(r + 1)
        cols[c], d1[r + c], d2[r - c + n] = nil, nil, nil
      end
    end
  end
  place(1)
  return count
end
print("queens", queens(6), queens(8), queens(9))

-- binary trees (GC stress)
local function bottomup(d) if d == 0 then return {} end d = d - 1 return {bottomup(d), bottomup(d)} end
local function check(t) if t[1] then return 1 + check(t[1]) + check(t[2]) end return 1 end
local maxd = 14
print("stretch", check(bottomup(maxd + 1)))
local long = bottomup(maxd)
for d = 4, maxd, 2 do
  local iters, c = 1 << (maxd - d + 4), 0
  for _ = 1, iters do c = c + check(bottomup(d)) end
  print("trees", iters, d, c)
end
print("long lived", check(long))

-- fannkuch-redux
local function fannkuch(n)
  local p, q, s, sign, maxflips, sum = {}, {}, {}, 1, 0, 0
  for i = 1, n do p[i] = i q[i] = i s[i] = i end
  while true do
    local q1 = p[1]
    if q1 ~= 1 then
      for i = 2, n do q[i] = p[i] end
      local flips = 1
      while true do
        local qq = q[q1]
        if qq == 1 then sum = sum + sign * flips if flips > maxflips then maxflips = flips end break end
        q[q1] = q1
        if q1 >= 4 then local i, j = 2, q1 - 1 repeat q[i], q[j] = q[j], q[i] i = i + 1 j = j - 1 until i >= j end
        q1 = qq flips = flips + 1
      end
    end
    if sign == 1 then p[2], p[1] = p[1], p[2] sign = -1
    else
      p[2], p[3] = p[3], p[2] sign = 1
      for i = 3, n do
        local sx = s[i]
        if sx ~= 1 then s[i] = sx - 1 break end
        if i == n then return sum, maxflips end
        s[i] = i
        local t = p[1] for j = 1, i do p[j] = p[j + 1] end p[i + 1] = t
      end
    end
  end
end
print("fannkuch", fannkuch(8))

-- a tiny stack VM interpreting a program computing primes
local prog = {
  {"push", 2}, {"store", "n"},
  {"label", "loop"}, {"load", "n"}, {"push", 60}, {"gt"}, {"jmpif", "end"},
  {"push", 2}, {"store", "d"}, {"push", 1}, {"store", "isp"},
  {"label", "inner"}, {"load", "d"}, {"load", "d"}, {"mul"}, {"load", "n"}, {"gt"}, {"jmpif", "check"},
  {"load", "n"}, {"load", "d"}, {"mod"}, {"push", 0}, {"eq"}, {"jmpifnot", "next"}, {"push", 0}, {"store", "isp"},
  {"label", "next"}, {"load", "d"}, {"push", 1}, {"add"}, {"store", "d"}, {"jmp", "inner"},
  {"label", "check"}, {"load", "isp"}, {"jmpifnot", "skip"}, {"load", "n"}, {"print"},
  {"label", "skip"}, {"load", "n"}, {"push", 1}, {"add"}, {"store", "n"}, {"jmp", "loop"},
  {"label", "end"},
}
local function run(code)
  local labels, stack, vars, out, pc = {}, {}, {}, {}, 1
  for i, ins in ipairs(code) do if ins[1] == "label" then labels[ins[2]] = i end end
  local ops = {
    push = function(a) stack[#stack + 1] = a end,
    store = function(a) vars[a] = table.remove(stack) end,
    load = function(a) stack[#stack + 1] = vars[a] end,
    add = function() local b, a = table.remove(stack), table.remove(stack) stack[#stack + 1] = a + b end,
    mul = function() local b, a = table.remove(stack), table.remove(stack) stack[#stack + 1] = a * b end,
    mod = function() local b, a = table.remove(stack), table.remove(stack) stack[#stack + 1] = a % b end,
    gt = function() local b, a = table.remove(stack), table.remove(stack) stack[#stack + 1] = a > b end,
    eq = function() local b, a = table.remove(stack), table.remove(stack) stack[#stack + 1] = a == b end,
    print = function() out[#out + 1] = table.remove(stack) end,
    label = function() end,
  }
  while code[pc] do
    local op, a = code[pc][1], code[pc][2]
    pc = pc + 1
    if op == "jmp" then pc = labels[a]
    elseif op == "jmpif" then if table.remove(stack) then pc = labels[a] end
    elseif op == "jmpifnot" then local v = table.remove(stack) if not v or v == 0 then pc = labels[a] end
    else ops[op](a) end
  end
  return table.concat(out, " ")
end
print("vm", run(prog))

-- require a module written to the temporary directory
local mf = assert(io.open(dir .. "/mymod.lua", "w"))
mf:write("local M = {} M.loaded_with = ... function M.greet(n) return 'hello ' .. n end return M\n")
mf:close()
package.path = dir .. "/?.lua;" .. package.path
local mymod = require("mymod")
print("require", mymod.greet("wasm"), mymod.loaded_with, require("mymod") == mymod, package.loaded.mymod == mymod)
print("require missing", pcall(require, "no_such_module_xyz") == false)
package.preload.virtual = function(name) return {name = name} end
print("preload", require("virtual").name)
print("searchpath", (package.searchpath("mymod", package.path):gsub(dir, "TMP")))
print("config", package.config:sub(1, 1), #package.searchers)
-- dofile and loadfile
local sf = assert(io.open(dir .. "/script.lua", "w")) sf:write("return ..., 'from file'") sf:close()
print("dofile", dofile(dir .. "/script.lua"))
print("loadfile", loadfile(dir .. "/script.lua")("arg1"))
print("loadfile missing", loadfile(dir .. "/nonexist.lua") == nil)
-- binary chunk written by string.dump, loaded from a file
local bin = string.dump(function(a, b) local t = {} for i = a, b do t[#t + 1] = i * i end return table.concat(t, ",") end, true)
local bfh = assert(io.open(dir .. "/chunk.luac", "wb")) bfh:write(bin) bfh:close()
print("binary chunk", loadfile(dir .. "/chunk.luac", "b")(1, 6))
print("binary refused in text mode", select(2, load(bin, "bin", "t")))
