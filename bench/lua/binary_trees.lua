-- Allocation and garbage collection: the binary-trees workload. A perfect
-- binary tree of depth N+1 is built and checked (the stretch tree) and
-- dropped; a tree of depth N is kept alive throughout; then, for each depth
-- d = 4, 6, ..., N, 2^(N-d+4) trees of depth d are built and their nodes
-- counted; last, the long-lived tree is counted. A node is a table: {} for a
-- leaf, {left, right} otherwise, so a tree of depth d has 2^(d+1)-1 nodes.
-- Prints a checksum of every count; `lua binary_trees.lua [N]` (default 14).
local n = tonumber(arg and arg[1]) or 14
local MIN = 4

local function build(depth)
  if depth <= 0 then return {} end
  local below = depth - 1
  return { build(below), build(below) }
end

local function nodes(tree)
  local left = tree[1]
  if left == nil then return 1 end
  return 1 + nodes(left) + nodes(tree[2])
end

local h = 0
local function mix(v)
  h = (h * 1000003 + v) % 4294967311
end

-- the stretch tree: built, counted, and garbage from here on
mix(nodes(build(n + 1)))

local long_lived = build(n)

for d = MIN, n, 2 do
  local count = 1 << (n - d + MIN)
  local total = 0
  for _ = 1, count do
    total = total + nodes(build(d))
  end
  mix(count)
  mix(total)
end

mix(nodes(long_lived))
print(string.format("binary_trees %d", h))
