-- string.pack / unpack / packsize
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end)) end
print(hex(string.pack("i4", 100)), hex(string.pack(">i4", 100)), hex(string.pack("<i2", -2)), hex(string.pack("b B h H", -1, 255, -300, 65535)))
print(hex(string.pack("i8", math.mininteger)), hex(string.pack(">j", 1)), hex(string.pack("J", -1)))
print(hex(string.pack("d", 1.5)), hex(string.pack(">f", -2.25)), hex(string.pack("n", math.pi)))
print(hex(string.pack("z", "abc")), hex(string.pack("s1", "hi")), hex(string.pack(">s2", "xyz")), hex(string.pack("c5", "ab")))
print(hex(string.pack("!4 b i4", 1, 2)), hex(string.pack("!8 b d", 1, 0)), hex(string.pack("b Xi4 b", 1, 2)), hex(string.pack("b x x b", 1, 2)))
print(hex(string.pack("i3", -1)), hex(string.pack("I3", 0x123456)), hex(string.pack(">I16", 1)), hex(string.pack("<i16", -1)))
print(string.unpack("i4", string.pack("i4", -123456)), string.unpack(">I2 <I2", "\1\2\1\2"))
print(string.unpack("z z", "hello\0world\0"), string.unpack("s1", "\3abcdef"))
print(string.unpack("d f", string.pack("d f", 1/3, 0.5)))
print(string.unpack("i4", string.pack("i4 i4", 7, 8), 5))
print(string.packsize("i4 i8 d b"), string.packsize("!8 b d"), string.packsize("c10 h"), string.packsize("!2 b i8"), string.packsize(""))
print(pcall(string.packsize, "z"), pcall(string.packsize, "s"))
print(pcall(string.pack, "i2", 40000), pcall(string.pack, "i17", 1))
print(pcall(string.unpack, "i4", "abc"), pcall(string.pack, "c2", "abc"))
print(string.unpack("<i8", string.pack("<i8", math.maxinteger)) == math.maxinteger, string.unpack("I9", string.rep("\255", 8) .. "\0"))
print(pcall(string.unpack, "i9", string.rep("\255", 8) .. "\1"))
print(string.unpack("=I4", string.pack(">I4", 0x01020304)) ~= 0x01020304)
-- a record format round trip
local fmt = "<I4 z d B s2"
local recs = {}
for i = 1, 100 do recs[#recs + 1] = string.pack(fmt, i * 1000, "name" .. i, i / 8, i % 256, ("x"):rep(i)) end
local blob, pos, total = table.concat(recs), 1, 0
while pos <= #blob do
  local id, name, val, b, s
  id, name, val, b, s, pos = string.unpack(fmt, blob, pos)
  total = total + id + #name + val + b + #s
end
print("records", #blob, total)
-- options j J T n with alignment
print(string.packsize("j"), string.packsize("n"), string.packsize("l"), string.packsize("L"))
print(hex(string.pack("!<i2 i8", 1, 2)), hex(string.pack("<!i2 Xd", 1)))
-- unpack with negative init
local s3 = string.pack("i1 i1 i1", 1, 2, 3)
print(string.unpack("i1", s3, -1), string.unpack("i1", s3, -3))
