-- string library: basics, patterns, gsub/gmatch, format, utf8
local s = "Hello, Lua World!"
print(#s, s:upper(), s:lower(), s:len(), s:reverse())
print(s:sub(1, 5), s:sub(-6), s:sub(-6, -2), s:sub(8, 100), ("x"):sub(2), s:sub(0))
print(s:byte(1), s:byte(-1), s:byte(1, 3))
print(string.char(76, 117, 97), ("ab"):rep(3), ("ab"):rep(3, "-"), ("x"):rep(0))
print(("a\0b"):len(), #("\u{48}\u{49}"), "\65\066\x43\z
       D", "tab\tend")
print(("%d"):format(3), tostring(12):rep(2))

-- find (plain and pattern)
print(s:find("Lua"), s:find("l+"), s:find("o", 6), s:find("xyz"), s:find(".", 1, true))
print(("a.b.c"):find(".", 2, true), ("a+b"):find("+", 1, true), s:find("", 20), s:find("", 18))
-- match and captures
print(("key = value"):match("(%w+)%s*=%s*(%w+)"))
print(("2024-01-15"):match("(%d+)-(%d+)-(%d+)"))
print(("  trim me  "):match("^%s*(.-)%s*$") .. "|")
print(("hello"):match("()ll()"))
print(("THE (quick) fox"):find("%((%a+)%)"))
print(("[[nested]]"):match("%[(%b[])%]"))
print(("f(a(b)c)d"):match("%b()"))
print(("THE (quick) fox"):match("%f[%a]%a+", 5))
print(("hello world from lua"):gsub("%f[%w]%w+", function(w) return w:sub(1,1):upper() .. w:sub(2) end))
print(("abc"):match("^(a)(b)(c)$"))
print(("aaa"):match("a-b"), ("aaab"):match("a-b"), ("aaab"):match("a*"), ("aaab"):match("a+?"))
print(("x=1, y=22, z=333"):match("y=(%d+)"), ("0x1F"):match("^0[xX](%x+)$"))
print(("  %  "):find("%%"), ("a-b"):match("[%-]"), ("]"):match("[]]"), ("^"):match("[%^]"))
print(("abc123def"):match("[^%d]+$"), ("CamelCaseString"):gsub("(%u)", " %1"))
print(("hello"):match(".-(l+)(.*)"))

-- gmatch
local words = {}
for w in ("one two  three\tfour"):gmatch("%S+") do words[#words + 1] = w end
print(#words, table.concat(words, "|"))
local kv = {}
for k, v in ("a=1, b=2, c=3"):gmatch("(%w+)=(%w+)") do kv[#kv + 1] = k .. ":" .. v end
print(table.concat(kv, " "))
for a, b in ("abcd"):gmatch("()(.)") do io.write(a, b, " ") end print()
local init = {}
for m in ("x1 x2 x3"):gmatch("x%d", 3) do init[#init + 1] = m end
print("gmatch init", table.concat(init, ","))

-- gsub with string, table, function, limit
print(("hello world"):gsub("o", "0"))
print(("hello world"):gsub("o", "0", 1))
print(("hello world"):gsub("(%w+) (%w+)", "%2 %1"))
print(("$name is $age"):gsub("%$(%w+)", {name = "Ann", age = 30}))
print(("abc"):gsub("", "-"))
print(("abc"):gsub("%w", "%0%0"))
print(("1 2 3"):gsub("%d", function(d) return d * 10 end))
print(("keep"):gsub("%w+", function() return nil end))
print(("a,b,,c"):gsub(",", ";"))
print(pcall(string.gsub, "x", "(", ""))
print(pcall(string.rep, "x", -1))

-- format
print(string.format("%d %5d %-5d| %05d %+d %x %X %o %#x %#o", 42, 42, 42, 42, 42, 255, 255, 8, 255, 8))
print(string.format("%f %.2f %10.3f %-10.1f| %e %.3E %g %g %g", 3.14159, 2.71828, 1.5, 2.25, 12345.678, 0.000123, 1e20, 0.0001, 100))
print(string.format("%g %g %g %g %.3g %#.3g", 1e-5, 123456789, 0.1, 1/3, 2/3, 1.0))
print(string.format("%s %10s %-10s| %.2s", "str", "right", "left", "truncate"))
print(string.format("%q", "line1\nline2\0end\"quote\\ \r\t\1\127"))
print(string.format("%q %q %q %q", 1/0, -1/0, 2^63, math.mininteger))
print(string.format("%q %q", 255, 0.1))
print(string.format("%c%c%c", 76, 117, 97), string.format("%%"), string.format("%5.1s|", "abc"))
print(string.format("%i", -7), pcall(string.format, "%u", 7), string.format("%.0f %.0f %.0f", 0.5, 1.5, 2.5))
print(string.format("%a %a %A", 1.0, 0.5, 255.5))
print(string.format("%.14g %.17g %.3f", 0.1, 0.1, -0.0005), string.format("%5.2f%%", 99.555))
print(string.format("[%10.4f] [%-12.3e] [%+.0e]", math.pi, -math.pi, 12345))
print(string.format("%s %s %s", 1, 1.5, true), string.format("%d", 3.0))
print(pcall(string.format, "%d", 3.5))
print(tostring(1e15), tostring(1e16), tostring(-0.0), tostring(1e100), 2^53, 2^63, 1e308 * 10, -(0/0) ~= -(0/0))
print(123456789012, 0x7fffffffffffffff, 0xffffffffffffffff, 1e-7, 5 // 0.0, -5 // 0.0, 3 / 2, 4 / 2)

-- tostring / tonumber
print(tonumber("0x10"), tonumber("  12  "), tonumber("1e2"), tonumber("12a"), tonumber("z", 36), tonumber("777", 8), tonumber("ff", 16))
print(tonumber("0x1p4"), tonumber(".5"), tonumber("5."), tonumber(""), tonumber("-0x10"), tonumber("1 2"), tonumber("inf"), tonumber("nan"))
print(math.type(tonumber("10")), math.type(tonumber("10.0")), math.type(tonumber("1e1")), tonumber("9223372036854775808"))
print("10" + 5, "3.5" * 2, 10 .. 20, "0x10" + 0, pcall(function() return "abc" + 1 end))

-- comparisons and concatenation
print("a" < "b", "abc" < "abd", "Z" < "a", "" < "a", "a\0b" < "a\0c", "10" < "9")
local parts = {}
for i = 1, 10 do parts[#parts + 1] = string.format("%02d", i) end
print(table.concat(parts, ":"))

-- long strings and escapes
local long = [[
first line
second "quoted" line]]
print(long, #long)
print([==[with ]] inside]==])
print("\x41\u{7FF}\u{FFFF}\u{10FFFF}" == "A\xDF\xBF\xEF\xBF\xBF\xF4\x8F\xBF\xBF")

-- utf8 library
local u = "häll€ 𝄞!"
print(utf8.len(u), #u, utf8.char(72, 228, 8364, 119070), utf8.codepoint(u, 1, -1))
for p, c in utf8.codes("aé€") do io.write(p, ":", c, " ") end print()
print(utf8.offset(u, 3), utf8.offset(u, -1), utf8.len("\xff"), utf8.charpattern)
print(pcall(utf8.codepoint, "\xff"))

-- building a big string
local buf = {}
for i = 1, 10000 do buf[i] = tostring(i) end
local big = table.concat(buf)
print(#big, big:sub(-10), select(2, big:gsub("7", "")))
print(("x"):rep(1000000):len(), #string.rep("ab", 100000, ","))

-- case-insensitive matching helper
local function nocase(p) return (p:gsub("%a", function(c) return "[" .. c:lower() .. c:upper() .. "]" end)) end
print(nocase("Hi there"), ("say HI THERE now"):find(nocase("hi there")))
-- CSV parsing
local function csv(line)
  local res, pos = {}, 1
  while true do
    if line:sub(pos, pos) == '"' then
      local txt, c = "", nil
      repeat
        local a, b = line:find('^%b""', pos)
        txt = txt .. line:sub(a + 1, b - 1); pos = b + 1
        c = line:sub(pos, pos); if c == '"' then txt = txt .. '"' end
      until c ~= '"'
      res[#res + 1] = txt; pos = pos + 1
    else
      local e = line:find(",", pos, true)
      if e then res[#res + 1] = line:sub(pos, e - 1); pos = e + 1
      else res[#res + 1] = line:sub(pos); break end
    end
    if pos > #line + 1 then break end
  end
  return res
end
print(table.concat(csv('a,"b,c",d,"say ""hi""",,e'), "|"))
