-- String operations: concatenation (.. and table.concat), string.format,
-- gsub with patterns and functions, find/match, rep/sub/byte, upper/lower.
-- Prints a checksum; `lua strings.lua [N]` (default 200000).
local n = tonumber(arg and arg[1]) or 200000
local h = 0
local function mix(s)
  -- a running hash over lengths and end bytes (the order is deterministic)
  h = (h * 31 + #s + (s:byte(1) or 0) + (s:byte(-1) or 0)) % 4294967311
end

-- format + concat
local parts = {}
for i = 1, n do
  parts[#parts + 1] = string.format("%d:%05.2f:%s;", i, i / 7, i % 3 == 0 and "fizz" or "x")
end
local big = table.concat(parts)
mix(big)

-- repeated .. building (amortized by chunks)
local acc = ""
for i = 1, n // 10 do
  acc = acc .. tostring(i)
  if #acc > 4096 then mix(acc); acc = "" end
end
mix(acc)

-- gsub with a pattern and a replacement function, and with a string
local replaced, count = big:gsub("(%d+):", function(d) return "<" .. (#d) .. ">" end)
mix(replaced); h = (h + count) % 4294967311
local s2, c2 = big:gsub("fizz", "buzz")
mix(s2); h = (h + c2) % 4294967311

-- find / match / gmatch
local pos, found = 1, 0
while true do
  local a, b = big:find("99", pos, true)
  if not a then break end
  found = found + 1
  pos = b + 1
end
h = (h + found) % 4294967311
local words = 0
for w in big:gmatch("%a+") do words = words + #w end
h = (h + words) % 4294967311
for i = 1, n // 4 do
  local line = "key" .. i .. " = value" .. (i * 3) .. " # comment"
  local k, v = line:match("^(%w+)%s*=%s*(%w+)")
  mix(k .. v)
end

-- rep / sub / upper / lower / reverse / byte / char
for i = 1, n // 4 do
  local s = ("ab" .. i):rep(3)
  s = s:upper():sub(2, -2):lower():reverse()
  mix(s .. string.char(65 + i % 26))
end
print(string.format("strings %d", h))
