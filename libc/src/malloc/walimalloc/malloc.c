/* The WALI port's allocator (selected by MALLOC_DIR in libc/Makefile).
 *
 * musl's mallocng keeps out-of-band metadata and validates it on every call;
 * in Wasm those checks and indirections made allocation-heavy programs (Lua
 * tables, trees) 2-3x slower than glibc. This one is a plain size-class
 * allocator: 40 classes from 16 B to 16 KiB carved from 64 KiB slabs, each
 * class with a LIFO free list; larger blocks are mappings of their own, and a
 * few freed ones are kept for reuse. One lock, taken only once the program
 * has more than one thread (libc.need_locks), as mallocng does.
 *
 * Every block's header is found from its address alone: the slab (or a large
 * block's first 64 KiB) is 64 KiB-aligned and starts with a `struct slab`, and
 * a block never starts at the slab's first byte, so the header is at
 * (p - 1) rounded down to 64 KiB. Small slabs are never returned to the
 * system; their blocks are reused by size. */
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
#define HDR ((size_t)16)
#define NCLASS 40
#define SMALL_MAX ((size_t)16384)
#define LARGE NCLASS
#define MAGIC 0x57414c49u
/* Small slabs come from arenas of this many slabs. */
#define ARENA_SLABS 16
/* Freed large blocks kept for reuse, and the most bytes they may hold. */
#define CACHE_N 8
#define CACHE_BYTES ((size_t)8 << 20)

struct slab {
	uint32_t magic;
	uint32_t cls;     /* size class, or LARGE */
	uint32_t base;    /* LARGE: start and length of the whole mapping */
	uint32_t len;
};

hidden int __malloc_lock[1];

static struct {
	void *free[NCLASS];          /* free blocks, linked through their first word */
	char *bump[NCLASS], *end[NCLASS]; /* never-used tail of each class's slab */
	char *arena, *arena_end;     /* slabs not yet given to a class */
	struct slab *cache[CACHE_N]; /* freed large blocks */
	size_t cached;
} st;

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

/* 16..256 in steps of 16, then four classes per power of two up to 16 KiB. */
static inline unsigned class_of(size_t n)
{
	if (n <= 256) return n ? (n - 1) >> 4 : 0;
	unsigned b = 31 - __builtin_clz((unsigned)(n - 1));
	return 16 + (b - 8) * 4 + (unsigned)((n - 1) >> (b - 2)) - 4;
}

static inline size_t class_size(unsigned c)
{
	if (c < 16) return (c + 1) << 4;
	unsigned g = (c - 16) / 4, k = (c - 16) % 4;
	return (size_t)(k + 5) << (g + 6);
}

static inline struct slab *slab_of(void *p)
{
	return (struct slab *)(((uintptr_t)p - 1) & ~(SLAB - 1));
}

/* A mapping of at least `len` bytes starting at a multiple of `align`
 * (a multiple of 64 KiB); *base and *maplen receive what to unmap later. */
static char *map_aligned(size_t len, size_t align, char **base, size_t *maplen)
{
	if (len > SIZE_MAX - align) return 0;
	size_t total = len + align - 4096;
	char *m = __mmap(0, total, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED) return 0;
	char *a = (char *)(((uintptr_t)m + align - 1) & ~(uintptr_t)(align - 1));
	/* Trim the ends so only the aligned part stays mapped. */
	if (a > m) __munmap(m, a - m);
	size_t tail = (m + total) - (a + len);
	if (tail) __munmap(a + len, tail);
	*base = a;
	*maplen = len;
	return a;
}

static void *new_slab(unsigned c)
{
	if (st.arena == st.arena_end) {
		char *base; size_t len;
		if (!map_aligned(ARENA_SLABS * SLAB, SLAB, &base, &len)) return 0;
		st.arena = base;
		st.arena_end = base + len;
	}
	struct slab *s = (struct slab *)st.arena;
	st.arena += SLAB;
	s->magic = MAGIC;
	s->cls = c;
	st.bump[c] = (char *)s + HDR;
	st.end[c] = (char *)s + SLAB;
	return s;
}

static void *alloc_small(size_t n)
{
	unsigned c = class_of(n);
	void *p = st.free[c];
	if (p) {
		st.free[c] = *(void **)p;
		return p;
	}
	size_t sz = class_size(c);
	if (st.end[c] - st.bump[c] < (ptrdiff_t)sz && !new_slab(c)) return 0;
	p = st.bump[c];
	st.bump[c] += sz;
	return p;
}

static inline size_t large_usable(struct slab *s, void *p)
{
	return (size_t)((uintptr_t)s->base + s->len - (uintptr_t)p);
}

/* A large block whose data is aligned to `align` (a power of two >= 16). */
static void *alloc_large(size_t n, size_t align)
{
	/* The header is at the start of the 64 KiB-aligned slab holding the
	 * data's first byte; data aligned to 64 KiB or more starts one slab in. */
	size_t off = align < SLAB ? (align > HDR ? align : HDR) : align;
	if (n > SIZE_MAX / 2 - off) return 0;
	size_t need = (n + off + 4095) & ~(size_t)4095;
	if (off == HDR) {
		/* The smallest cached block that fits without wasting over a third. */
		int best = -1;
		for (int i = 0; i < CACHE_N; i++) {
			struct slab *s = st.cache[i];
			if (s && s->len >= need && s->len - need <= need / 2
			    && (best < 0 || s->len < st.cache[best]->len))
				best = i;
		}
		if (best >= 0) {
			struct slab *s = st.cache[best];
			st.cache[best] = 0;
			st.cached -= s->len;
			return (char *)s + HDR;
		}
	}
	char *base; size_t len;
	if (!map_aligned(need, align > SLAB ? align : SLAB, &base, &len)) return 0;
	struct slab *s = (struct slab *)(base + (off >= SLAB ? off - SLAB : 0));
	s->magic = MAGIC;
	s->cls = LARGE;
	s->base = (uint32_t)(uintptr_t)base;
	s->len = (uint32_t)len;
	return base + off;
}

static void free_large(struct slab *s, void *p)
{
	if ((char *)p == (char *)s + HDR && s->len <= CACHE_BYTES / 2) {
		for (int i = 0; i < CACHE_N; i++) {
			if (!st.cache[i] && st.cached + s->len <= CACHE_BYTES) {
				st.cache[i] = s;
				st.cached += s->len;
				return;
			}
		}
	}
	__munmap((void *)(uintptr_t)s->base, s->len);
}

void *__libc_malloc_impl(size_t n)
{
	lock();
	void *p = n <= SMALL_MAX ? alloc_small(n) : alloc_large(n, HDR);
	unlock();
	if (!p) errno = ENOMEM;
	return p;
}

static struct slab *header(void *p)
{
	struct slab *s = slab_of(p);
	if (s->magic != MAGIC || s->cls > LARGE) a_crash();
	return s;
}

void __libc_free(void *p)
{
	if (!p) return;
	struct slab *s = header(p);
	lock();
	if (s->cls == LARGE) {
		free_large(s, p);
	} else {
		*(void **)p = st.free[s->cls];
		st.free[s->cls] = p;
	}
	unlock();
}

size_t malloc_usable_size(void *p)
{
	if (!p) return 0;
	struct slab *s = header(p);
	return s->cls == LARGE ? large_usable(s, p) : class_size(s->cls);
}

void *__libc_realloc(void *p, size_t n)
{
	if (!p) return __libc_malloc_impl(n);
	size_t have = malloc_usable_size(p);
	/* Keep the block if it fits and is not more than twice too big. */
	if (n <= have && (n > have / 2 || have <= 16)) return p;
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
	if (align <= HDR) return __libc_malloc_impl(n);
	/* A class whose size is a multiple of `align` starting at an aligned
	 * address would do, but classes start at slab + 16: use a mapping. */
	lock();
	void *p = alloc_large(n, align);
	unlock();
	if (!p) errno = ENOMEM;
	return p;
}
