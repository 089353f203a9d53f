/* The WALI port's allocator (selected by MALLOC_DIR in libc/Makefile).
 *
 * musl's mallocng keeps out-of-band metadata and validates it on every call;
 * in Wasm those checks and indirections made allocation-heavy programs (Lua
 * tables, trees) 2-3x slower than glibc. This one is a plain size-class
 * allocator: 52 classes from 16 B to 16 KiB, each block in a 64 KiB slab of
 * its class. A slab has its own free list and count of live blocks; each
 * class keeps a list of slabs with room, and a slab whose blocks are all free
 * goes back to a common pool (beyond the first 4 MiB, its pages given back to
 * the system) where any class can take it. Larger blocks are mappings of
 * their own with a 16-byte header before the data; realloc resizes them with
 * mremap (no copy, no double peak), and a few small freed ones are kept for
 * reuse. One lock,
 * taken only once the program has started a thread (libc.need_locks), as
 * mallocng does.
 *
 * The address space is 32-bit, so the slab metadata are arrays indexed by
 * address / 64 KiB; a pointer whose slab has no class must be a large block,
 * whose header is checked. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <errno.h>
#include <sys/mman.h>
#include "libc.h"
#include "lock.h"
#include "atomic.h"

#define SLAB ((size_t)65536)
#define PAGE ((size_t)4096)
#define NCLASS (23 + 29)
#define SMALL_MAX ((size_t)16384)
#define MAGIC 0x57414c49u
/* Small slabs come from arenas of this many slabs. */
#define ARENA_SLABS 16
/* Empty slabs that keep their pages (4 MiB). */
#define POOL_KEPT 64
/* Freed large blocks kept for reuse: how many, how big each, how much in all. */
#define CACHE_N 8
#define CACHE_MAX ((size_t)256 << 10)
#define CACHE_BYTES ((size_t)1 << 20)

/* Just before a large block's data. */
struct large {
	uint32_t base, len;   /* the whole mapping */
	uint32_t pad;
	uint32_t magic;
};

hidden int __malloc_lock[1];

#define NONE 0xffffffffu

/* Per 64 KiB slab of the address space. */
static struct {
	unsigned char kind;  /* class + 1, or 0: not a small-block slab */
	unsigned char avail; /* on its class's list of slabs with room */
	unsigned char kept;  /* in the pool with its pages still resident */
	uint16_t used;       /* live blocks */
	uint32_t free;       /* first free block (address), 0 if none */
	uint32_t bump;       /* start of the never-used tail */
	uint32_t next, prev; /* class list of slabs with room, or empty pool */
} slabs[1 << 16];

static struct {
	uint32_t avail[NCLASS];      /* first slab with room, per class */
	uint32_t pool;               /* empty slabs, any class may take one */
	unsigned kept;               /* how many of them kept their pages */
	char *arena, *arena_end;     /* slabs never used yet */
	struct large *cache[CACHE_N];
	size_t cached;
} st = { .avail = { [0 ... NCLASS-1] = NONE }, .pool = NONE };

static inline void lock(void) { if (libc.need_locks) LOCK(__malloc_lock); }
/* The word stays 0 when lock() did not take it. */
static inline void unlock(void) { if (__malloc_lock[0]) UNLOCK(__malloc_lock); }

void __malloc_atfork(int who)
{
	if (who < 0) lock();
	else if (who > 0) __malloc_lock[0] = 0;  /* child: only this thread exists */
	else unlock();
}

void __malloc_donate(char *start, char *end)
{
	(void)start, (void)end;
}

/* Above 1 KiB a slab holds few blocks, so a class size only matters through
 * how many fit: each class is the largest size (a multiple of 64) for its
 * count of blocks per slab. Page-sized buffers plus a small header (4096+8,
 * 4096+168: SQLite's pages) fit 15 to a slab, not 14 as with sizes from
 * rounding. */
static const uint16_t big_class[] = {
	1024, 1088, 1152, 1216, 1344, 1472, 1600, 1792,  /* 64..36 per slab */
	2048, 2176, 2304, 2496, 2688, 2944, 3264, 3584,  /* 32..18 */
	4096, 4352, 4672, 4992, 5440, 5952, 6528, 7232,  /* 16..9 */
	8192, 9344, 10880, 13056, 16384,                 /* 8..4 */
};
#define NBIG (sizeof big_class / sizeof big_class[0])

/* 16..256 in steps of 16, four classes per power of two up to 1 KiB, then
 * big_class. */
static inline unsigned class_of(size_t n)
{
	if (n <= 256) return n ? (n - 1) >> 4 : 0;
	if (n <= 1024) {
		unsigned b = 31 - __builtin_clz((unsigned)(n - 1));
		return 16 + (b - 8) * 4 + (unsigned)((n - 1) >> (b - 2)) - 4;
	}
	unsigned lo = 1, hi = NBIG - 1;  /* big_class[lo - 1] < n <= big_class[hi] */
	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;
		if (n <= big_class[mid]) hi = mid; else lo = mid + 1;
	}
	return 23 + lo;
}

static inline size_t class_size(unsigned c)
{
	if (c < 16) return (c + 1) << 4;
	if (c < 23) return (size_t)((c - 16) % 4 + 5) << ((c - 16) / 4 + 6);
	return big_class[c - 23];
}

static inline unsigned kind_of(void *p)
{
	return slabs[(uintptr_t)p >> 16].kind;
}

static void *map(size_t len)
{
	void *m = __mmap(0, len, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0);
	return m == MAP_FAILED ? 0 : m;
}

static void unlink_avail(uint32_t i)
{
	unsigned c = slabs[i].kind - 1;
	uint32_t n = slabs[i].next, p = slabs[i].prev;
	if (p != NONE) slabs[p].next = n; else st.avail[c] = n;
	if (n != NONE) slabs[n].prev = p;
	slabs[i].avail = 0;
}

static void link_avail(uint32_t i)
{
	unsigned c = slabs[i].kind - 1;
	uint32_t h = st.avail[c];
	slabs[i].next = h;
	slabs[i].prev = NONE;
	if (h != NONE) slabs[h].prev = i;
	st.avail[c] = i;
	slabs[i].avail = 1;
}

/* A slab for class c: from the pool of empty ones, else a new one. */
static uint32_t new_slab(unsigned c)
{
	uint32_t i = st.pool;
	if (i != NONE) {
		st.pool = slabs[i].next;
		st.kept -= slabs[i].kept;
		slabs[i].kept = 0;
	} else {
		if (st.arena == st.arena_end) {
			/* Map one slab more than needed and trim to 64 KiB alignment. */
			size_t len = ARENA_SLABS * SLAB, got = len + SLAB - PAGE;
			char *m = map(got);
			if (!m) return NONE;
			char *a = (char *)(((uintptr_t)m + SLAB - 1) & ~(uintptr_t)(SLAB - 1));
			if (a > m) __munmap(m, a - m);
			if (m + got > a + len) __munmap(a + len, m + got - (a + len));
			st.arena = a;
			st.arena_end = a + len;
		}
		i = (uintptr_t)st.arena >> 16;
		st.arena += SLAB;
	}
	slabs[i].kind = c + 1;
	slabs[i].used = 0;
	slabs[i].free = 0;
	slabs[i].bump = i << 16;
	link_avail(i);
	return i;
}

static void *alloc_small(size_t n)
{
	unsigned c = class_of(n);
	uint32_t i = st.avail[c];
	if (i == NONE && (i = new_slab(c)) == NONE) return 0;
	void *p;
	size_t sz = class_size(c);
	if (slabs[i].free) {
		p = (void *)(uintptr_t)slabs[i].free;
		slabs[i].free = (uint32_t)(uintptr_t)*(void **)p;
	} else {
		p = (void *)(uintptr_t)slabs[i].bump;
		slabs[i].bump += sz;
	}
	slabs[i].used++;
	/* Full: no free block and no room for another in the tail. */
	if (!slabs[i].free && ((uint64_t)(i + 1) << 16) - slabs[i].bump < sz) unlink_avail(i);
	return p;
}

static void free_small(void *p)
{
	uint32_t i = (uintptr_t)p >> 16;
	*(void **)p = (void *)(uintptr_t)slabs[i].free;
	slabs[i].free = (uint32_t)(uintptr_t)p;
	if (--slabs[i].used == 0) {
		/* Empty: back to the pool, pages to the system, unless it is the
		 * class's only slab with room (a block freed and reused in a loop
		 * would otherwise cost a syscall each time). */
		unsigned c = slabs[i].kind - 1;
		if (slabs[i].avail && st.avail[c] == i && slabs[i].next == NONE) return;
		if (slabs[i].avail) unlink_avail(i);
		slabs[i].kind = 0;
		/* The first few stay resident: programs that free a structure and
		 * build the next one would otherwise fault every page back in. */
		if (st.kept < POOL_KEPT) {
			slabs[i].kept = 1;
			st.kept++;
		} else {
			__madvise((void *)(uintptr_t)(i << 16), SLAB, MADV_DONTNEED);
		}
		slabs[i].next = st.pool;
		st.pool = i;
		return;
	}
	if (!slabs[i].avail) link_avail(i);
}

static inline struct large *large_of(void *p)
{
	struct large *h = (struct large *)p - 1;
	if (h->magic != MAGIC) a_crash();
	return h;
}

static inline size_t large_usable(struct large *h)
{
	return (size_t)(h->base + h->len - (uintptr_t)(h + 1));
}

/* A large block whose data is aligned to `align` (a power of two >= 16). */
static void *alloc_large(size_t n, size_t align)
{
	size_t pad = align > sizeof(struct large) ? align : sizeof(struct large);
	/* The block must start inside its mapping, also when empty: free tells
	 * a large block from a small one by the 64 KiB slab its address is in
	 * (aligned_alloc(4096, 0) used to return the mapping's end, which can
	 * be a live slab's first block). */
	if (!n) n = 1;
	if (n > SIZE_MAX / 2 - pad) return 0;
	size_t len = (n + pad + (align > PAGE ? align : 0) + PAGE - 1) & ~(PAGE - 1);
	if (align <= sizeof(struct large)) {
		/* The smallest cached block that fits without wasting over a third. */
		int best = -1;
		for (int i = 0; i < CACHE_N; i++) {
			struct large *h = st.cache[i];
			if (h && h->len >= len && h->len - len <= len / 2
			    && (best < 0 || h->len < st.cache[best]->len))
				best = i;
		}
		if (best >= 0) {
			struct large *h = st.cache[best];
			st.cache[best] = 0;
			st.cached -= h->len;
			return h + 1;
		}
	}
	char *m = map(len);
	if (!m) return 0;
	char *p = (char *)(((uintptr_t)m + pad + align - 1) & ~(uintptr_t)(align - 1));
	struct large *h = (struct large *)p - 1;
	h->base = (uint32_t)(uintptr_t)m;
	h->len = (uint32_t)len;
	h->magic = MAGIC;
	return p;
}

static void free_large(struct large *h)
{
	int plain = (uintptr_t)h == h->base;
	if (plain && h->len <= CACHE_MAX && st.cached + h->len <= CACHE_BYTES) {
		for (int i = 0; i < CACHE_N; i++) {
			if (!st.cache[i]) {
				st.cache[i] = h;
				st.cached += h->len;
				return;
			}
		}
	}
	__munmap((void *)(uintptr_t)h->base, h->len);
}

void *__libc_malloc_impl(size_t n)
{
	lock();
	void *p = n <= SMALL_MAX ? alloc_small(n) : alloc_large(n, 16);
	unlock();
	if (!p) errno = ENOMEM;
	return p;
}

void __libc_free(void *p)
{
	if (!p) return;
	unsigned k = kind_of(p);
	struct large *h = k ? 0 : large_of(p);
	lock();
	if (k) {
		free_small(p);
	} else {
		free_large(h);
	}
	unlock();
}

size_t malloc_usable_size(void *p)
{
	if (!p) return 0;
	unsigned k = kind_of(p);
	return k ? class_size(k - 1) : large_usable(large_of(p));
}

void *__libc_realloc(void *p, size_t n)
{
	if (!p) return __libc_malloc_impl(n);
	unsigned k = kind_of(p);
	struct large *h = k ? 0 : large_of(p);
	size_t have = k ? class_size(k - 1) : large_usable(h);
	/* Keep the block if it fits and is not more than twice too big. */
	if (n <= have && (n > have / 2 || have <= 16)) return p;
	if (h && (uintptr_t)h == h->base && n > SMALL_MAX && n <= SIZE_MAX / 2) {
		/* A plain large block stays one: resize the mapping (the kernel
		 * moves pages instead of copying them). */
		size_t len = (n + sizeof *h + PAGE - 1) & ~(PAGE - 1);
		void *m = __mremap(h, h->len, len, MREMAP_MAYMOVE);
		if (m == MAP_FAILED) {
			errno = ENOMEM;
			return 0;
		}
		h = m;
		h->base = (uint32_t)(uintptr_t)m;
		h->len = (uint32_t)len;
		return h + 1;
	}
	void *q = __libc_malloc_impl(n);
	if (!q) return 0;
	memcpy(q, p, n < have ? n : have);
	__libc_free(p);
	return q;
}

void *aligned_alloc(size_t align, size_t n)
{
	if (!align || (align & (align - 1))) {
		errno = EINVAL;
		return 0;
	}
	if (align <= 16) return __libc_malloc_impl(n);
	/* Small blocks are only 16-byte aligned: use a mapping. */
	lock();
	void *p = alloc_large(n, align);
	unlock();
	if (!p) errno = ENOMEM;
	return p;
}
