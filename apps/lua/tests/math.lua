-- integer/float arithmetic, bitwise ops, conversions, math library
print(7 // 2, -7 // 2, 7 % 3, -7 % 3, 7 % -3, 7.5 // 2, -7.5 % 2, 7 / 2, 2^10, 10 // 3.0)
print(math.maxinteger, math.mininteger, math.maxinteger + 1 == math.mininteger, math.mininteger - 1 == math.maxinteger)
print(math.maxinteger * 2, math.mininteger // -1, math.mininteger % -1, -math.mininteger)
print(pcall(function() return 1 // 0 end))
print(pcall(function() return 1 % 0 end))
print(1 // 0.0, -1 // 0.0, 1 % math.huge, -1 % math.huge, 0.0 / 0.0 ~= 0.0 / 0.0)
print(math.type(1), math.type(1.0), math.type("1"), math.type(2^31), math.type(1 // 1), math.type(3 / 1))
print(1 == 1.0, math.tointeger(3.0), math.tointeger(3.5), math.tointeger("8"), math.tointeger(2^63))
print(3 | 5, 3 & 5, 3 ~ 5, ~0, 1 << 62, 1 << 63, 1 << 64, -1 >> 1, -1 >> 63, 2 >> -1, 3.0 | 0, pcall(function() return "3" | 0 end))
print(pcall(function() return 3.5 | 0 end))
print(math.floor(3.7), math.floor(-3.7), math.ceil(3.2), math.ceil(-3.2), math.floor(2^62) == 2^62, math.type(math.floor(1e100)))
print(math.abs(-5), math.abs(-5.5), math.abs(math.mininteger), math.max(1, 5, 3), math.min(2.5, -1, 0), math.max(1, 2.0))
print(math.fmod(7, 3), math.fmod(-7, 3), math.fmod(7, -3), math.fmod(7.5, 2), pcall(math.fmod, 1, 0))
print(math.fmod(math.mininteger, -1), math.fmod(5.0, 0) ~= math.fmod(5.0, 0))
print(math.ult(1, -1), math.ult(-1, 1), math.huge, -math.huge, math.pi)
print(math.sqrt(16), math.sqrt(2), math.exp(0), math.log(1), math.log(8, 2), math.log(100, 10), math.log(27, 3))
print(string.format("%.12f %.12f %.12f %.12f", math.sin(1), math.cos(1), math.tan(1), math.atan(1, 2)))
print(string.format("%.12f %.12f %.12f %.12f", math.asin(0.5), math.acos(0.5), math.exp(1), math.log(10)))
print(string.format("%.12g %.12g %.12g", math.atan(1) * 4, math.atan(-1, -1), 2 ^ 0.5))
print(math.modf(3.7), math.modf(-3.7), math.modf(5), math.modf(math.huge), math.modf(-math.huge))
print(8 // 3 * 3 + 8 % 3, 2^53 + 1 == 2^53, (2^53 | 0) + 1, 0x10p-1, 0xA.8p0, 1e2, .5e1, 3e-2)
print(100000000000000 * 100000, 9007199254740993, 9007199254740993.0, -0.0 == 0.0, 1/(-0.0))
print(5 // 0.3, 5 % 0.3 < 0.3, 2^-1074 > 0, 2^1023 * 2, -(2^1023 * 2), 1e308 + 1e308)
print(string.format("%.17g %.17g %.17g", 0.1 + 0.2, 1/3, 2/3), 0.1 + 0.2 == 0.3)
print(tostring(3) == "3", tostring(3.0) == "3.0", 10 // 1 | 0, 2^31 | 0, -2^63 | 0, pcall(function() return 2^63 | 0 end))
print(math.floor(-0.0), math.ceil(-0.5), 3 % -2, -3 % 2, 3.0 % -2, -3.0 % 2, 5.3 % 1 < 0.31)
-- integer division and modulo identities over a range
local bad = 0
for x = -50, 50 do for y = -7, 7 do if y ~= 0 then
  if (x // y) * y + x % y ~= x then bad = bad + 1 end
  if x % y ~= 0 and (x % y < 0) ~= (y < 0) then bad = bad + 1 end
end end end
print("div/mod identities violated", bad)
-- string <-> number round trips
local rt = 0
for i = 1, 1000 do local v = i * 1.1 / 7 if tonumber(string.format("%.17g", v)) ~= v then rt = rt + 1 end end
print("round trip failures", rt)
-- deterministic pseudo-random numbers (xoshiro256**)
math.randomseed(42)
local r = {} for i = 1, 5 do r[i] = math.random(1, 100) end print("random", table.concat(r, " "))
print(math.random(0) ~= nil, math.type(math.random()), math.random(7, 7), pcall(math.random, 2, 1))
math.randomseed(1234, 5678)
local fr = {} for i = 1, 3 do fr[i] = string.format("%.10f", math.random()) end print("random float", table.concat(fr, " "))
local hist = {0, 0, 0, 0, 0, 0}
math.randomseed(7)
for i = 1, 60000 do local v = math.random(6) hist[v] = hist[v] + 1 end
local okh = true for i = 1, 6 do if hist[i] < 9000 or hist[i] > 11000 then okh = false end end
print("dice histogram sane", okh, hist[1] + hist[2] + hist[3] + hist[4] + hist[5] + hist[6])
-- numeric algorithms: primes, gcd, factorial, fast power, collatz
local function sieve(n) local c = {} local p = {} for i = 2, n do if not c[i] then p[#p + 1] = i for j = i * i, n, i do c[j] = true end end end return p end
local primes = sieve(100000) print("primes", #primes, primes[#primes])
local function gcd(a2, b2) while b2 ~= 0 do a2, b2 = b2, a2 % b2 end return a2 end
print("gcd", gcd(1071, 462), gcd(2^40 | 0, 6^20 | 0))
local f = 1 for i = 1, 20 do f = f * i end print("20!", f, "21! wraps", f * 21)
local ff = 1.0 for i = 1, 170 do ff = ff * i end print("170!", string.format("%.6e", ff))
local function powmod(b, e, m) local r2 = 1 b = b % m while e > 0 do if e & 1 == 1 then r2 = r2 * b % m end b = b * b % m e = e >> 1 end return r2 end
print("powmod", powmod(2, 1000000, 1000000007), powmod(3, 10^9 | 0, 998244353))
local maxlen, arg = 0, 0
for s = 1, 30000 do local n, len = s, 1 while n ~= 1 do n = (n % 2 == 0) and n // 2 or 3 * n + 1 len = len + 1 end if len > maxlen then maxlen, arg = len, s end end
print("collatz", arg, maxlen)
-- floating point accumulation (Kahan vs naive)
local naive, sum, comp = 0.0, 0.0, 0.0
for i = 1, 100000 do local v = 1 / i naive = naive + v local y = v - comp local t = sum + y comp = (t - sum) - y sum = t end
print(string.format("harmonic %.15f %.15f", naive, sum))
-- mandelbrot (integer output)
local rows = {}
for y = -10, 10 do
  local row = {}
  for x = -30, 10 do
    local cr, ci, zr, zi, it = x / 15, y / 10, 0.0, 0.0, 0
    while it < 50 and zr * zr + zi * zi < 4 do zr, zi = zr * zr - zi * zi + cr, 2 * zr * zi + ci it = it + 1 end
    row[#row + 1] = it == 50 and "#" or (it > 5 and "+" or ".")
  end
  rows[#rows + 1] = table.concat(row)
end
print(table.concat(rows, "\n"))
