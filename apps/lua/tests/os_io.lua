-- io and os functions; every file lives in the temporary directory given as arg[1]
local dir = assert(arg[1], "usage: os_io.lua TMPDIR")
local function p(name) return dir .. "/" .. name end
local function strip(m) return (tostring(m):gsub(dir, "TMP")) end

-- write and read back
local f = assert(io.open(p("a.txt"), "w"))
print(io.type(f), io.type(io.stdout), io.type(42))
f:write("line one\n", "line two\n", 3, " ", 4.5, "\n", "no newline at end")
f:close()
print(io.type(f), pcall(f.write, f, "x"))
for l in io.lines(p("a.txt")) do io.write("[", l, "]") end print()
for l in io.lines(p("a.txt"), "L") do io.write((l:gsub("\n", "\\n"))) end print()
local f2 = assert(io.open(p("a.txt")))
print(f2:read("l"), f2:read("n"), f2:read("n"), f2:read("L"), f2:read(3), f2:read("a"), f2:read("a"), f2:read("l"), f2:read(0))
print(f2:seek("set", 5), f2:read(3), f2:seek("cur"), f2:seek("end"), f2:read(1))
f2:close()
-- read numbers in various formats
local nf = assert(io.open(p("n.txt"), "w")) nf:write("0x1F 1e3 -7 .5 12abc 99") nf:close()
nf = io.open(p("n.txt")) print(nf:read("n", "n", "n", "n", "n")) print(nf:read("l")) nf:close()
-- append mode, r+ mode, binary data
local af = io.open(p("a.txt"), "a") af:write("\nappended") af:close()
local rf = io.open(p("a.txt"), "r+") rf:write("LINE") rf:close()
print((io.open(p("a.txt")):read("a"):gsub("\n", "|")))
local bf = io.open(p("bin"), "wb") local bytes = {} for i = 0, 255 do bytes[#bytes + 1] = string.char(i) end bf:write(table.concat(bytes)) bf:close()
local data = io.open(p("bin"), "rb"):read("a") print("binary", #data, data:byte(1), data:byte(256), data == table.concat(bytes))
-- io.output / io.input redirection
io.output(p("out.txt")) io.write("via io.write\n") io.output():close() io.output(io.stdout)
io.input(p("out.txt")) print(io.read("l")) io.input():close() io.input(io.stdin)
-- lines with formats and io.lines errors
for a, b in io.lines(p("n.txt"), 4, 4) do io.write(a, "|", b, ";") break end print()
print(pcall(io.lines, p("missing")))
print(strip(select(2, io.open(p("missing")))), select(3, io.open(p("missing"))))
print(select("#", io.open(p("missing"))), pcall(io.open, p("x"), "rz"))
-- setvbuf, flush
local vf = io.open(p("v.txt"), "w") print(vf:setvbuf("no"), vf:setvbuf("full", 1024), vf:setvbuf("line")) vf:write("v") print(vf:flush()) vf:close()
-- big file, seek around
local big = io.open(p("big"), "w")
for i = 1, 20000 do big:write(string.format("%08d\n", i)) end
print("big size", big:seek("end")) big:close()
big = io.open(p("big")) big:seek("set", 9 * 12345) print("seek read", big:read("l")) big:seek("end", -9) print(big:read("l")) big:close()
local nlines = 0 for _ in io.lines(p("big")) do nlines = nlines + 1 end print("lines", nlines)
-- tmpfile
local tf = io.tmpfile() tf:write("temp data") tf:seek("set") print("tmpfile", tf:read("a")) tf:close()
-- os.rename, os.remove
print(os.rename(p("a.txt"), p("b.txt")), io.open(p("a.txt")) == nil, io.open(p("b.txt")) ~= nil)
print(os.remove(p("b.txt")), strip(select(2, os.remove(p("b.txt")))), select(3, os.remove(p("b.txt"))))
print(strip(select(2, os.rename(p("nope"), p("nope2")))))
print(os.remove(dir .. "/sub") == nil)
-- os.time / os.date in UTC (TZ=UTC is set by the harness) and fixed times
print(os.time({year = 2000, month = 1, day = 1, hour = 0}), os.time({year = 2024, month = 2, day = 29, hour = 12, min = 30, sec = 15}))
print(os.date("!%Y-%m-%d %H:%M:%S", 0), os.date("!%Y-%m-%d %H:%M:%S %A %B %j %a %b %p %y", 1700000000))
print(os.date("!%c", 1234567890), os.date("!%x %X %D %T %R %e %u %w", 1234567890))
local dt = os.date("!*t", 86400 * 365) print(dt.year, dt.month, dt.day, dt.hour, dt.yday, dt.wday, dt.isdst)
local norm = os.time({year = 2021, month = 14, day = 35, hour = 25}) print("normalised", os.date("!%Y-%m-%d %H", norm))
print(os.difftime(100, 50), math.type(os.time()), os.time() > 1600000000, os.clock() >= 0)
print(pcall(os.date, "%Ez", 0))
print(os.date("%Y", 0), os.date("%H:%M", 3600 * 5 + 60 * 7))
-- environment
print(os.getenv("LUA_TEST_VAR"), os.getenv("NO_SUCH_VARIABLE_X"))
-- os.execute and io.popen (a shell is run by the C library's system()/popen())
print(os.execute())
print(os.execute("exit 3"))
print(os.execute("true"))
print(os.execute("kill -TERM $$"))
local pp = io.popen("echo popen output; echo second line") print(pp:read("l"), pp:read("l"), pp:read("l")) print(pp:close())
local pw = io.popen("cat > " .. p("piped.txt"), "w") pw:write("written through popen\n") print(pw:close())
print(io.open(p("piped.txt")):read("a"))
local pe = io.popen("exit 5") pe:read("a") print(pe:close())
-- os.tmpname returns a usable name
local tn = os.tmpname() local tfh = io.open(tn, "w") print("tmpname usable", tfh ~= nil) tfh:close() os.remove(tn)
-- file handles: tostring, gc closing, closed file errors
local h = io.open(p("c.txt"), "w") print((tostring(h):match("^file %(0x")) ~= nil) h:close() print(tostring(h))
print(pcall(h.read, h))
-- io.read from a file given as stdin
local sf = io.open(p("stdin.txt"), "w") sf:write("x") sf:close()
-- write to a directory fails
print(io.open(dir, "w") == nil)
print(strip(select(2, io.open(dir .. "/no/such/dir/file", "w"))))
-- read "n" edge cases
local ef = io.open(p("e.txt"), "w") ef:write("  -0x10  +5  1e  0.25e1") ef:close()
ef = io.open(p("e.txt")) print(ef:read("n", "n", "n")) ef:close()
-- io.write returns the file, chained
print(io.write("chained ", "write\n") == io.stdout)
io.stdout:write("stdout method\n")
io.stderr:write("to stderr\n")
print("end of os_io")
