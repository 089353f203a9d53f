-- goto, break, loops of all kinds
for i = 1, 10 do
  if i % 2 == 0 then goto continue end
  io.write(i, " ")
  ::continue::
end
print()
-- nested loop exit
for i = 1, 5 do
  for j = 1, 5 do
    if i * j == 12 then print("found", i, j) goto done end
  end
end
::done::
-- backward goto as a loop
local n = 0
::top::
n = n + 1
if n < 5 then goto top end
print("n", n)
-- closures capturing loop-local through goto
local fs = {}
do
  local i = 1
  ::again::
  local x = i * 10
  fs[#fs + 1] = function() return x end
  i = i + 1
  if i <= 3 then goto again end
end
print(fs[1](), fs[2](), fs[3]())
-- while/repeat/numeric/generic for
local w = 0 while w < 100 do w = w + 7 end print("while", w)
local r = 0 repeat local stop = r >= 50 r = r + 11 until stop print("repeat", r)
local acc = {} for i = 10, 1, -3 do acc[#acc + 1] = i end print("step", table.concat(acc, ","))
local facc = {} for x = 0, 1, 0.25 do facc[#facc + 1] = x end print("float for", table.concat(facc, ","))
local c = 0 for i = math.maxinteger - 2, math.maxinteger do c = c + 1 end print("maxint loop", c)
local c2 = 0 for i = math.mininteger, math.mininteger + 2 do c2 = c2 + 1 end print("minint loop", c2)
local c3 = 0 for i = 1, 0 do c3 = c3 + 1 end print("empty loop", c3)
print(pcall(function() for i = 1, 10, 0 do end end))
-- break inside repeat inside while
local out = {}
local i = 0
while true do
  i = i + 1
  repeat
    if i % 3 == 0 then break end
    out[#out + 1] = i
  until true
  if i >= 10 then break end
end
print("break", table.concat(out, " "))
-- goto in state machine
local input, pos, tokens = "12+34*(5-6)", 1, {}
::next_token::
if pos > #input then goto finished end
do
  local ch = input:sub(pos, pos)
  if ch:match("%d") then
    local num = input:match("^%d+", pos)
    tokens[#tokens + 1] = "NUM(" .. num .. ")"
    pos = pos + #num
  else
    tokens[#tokens + 1] = "OP(" .. ch .. ")"
    pos = pos + 1
  end
end
goto next_token
::finished::
print(table.concat(tokens, " "))
print(load("goto nowhere") == nil, select(2, load("goto nowhere")))
print(select(2, load("do local x ::l1:: end goto l1")))
