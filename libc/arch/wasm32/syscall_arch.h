/* Syscalls are calls to typed `wali` imports, one per syscall.
 *
 * musl's __syscallN macros have already turned SYS_x into its number when
 * these functions see it, so the dispatch is by number: for a constant
 * number (nearly every call site) the always-inline switch folds to one
 * direct call of the import with arguments converted to its exact Wasm
 * types; only call sites with a variable number (syscall(), __syscall_cp,
 * pthread_cancel, setxid ...) call the out-of-line table __wali_syscall.
 * Syscalls the interface lists as `undefined` are imported with the
 * signature the project derives for them (crates/wali-abi/spec/derived.tsv)
 * if they have one; the others return -ENOSYS without an import. This
 * needs optimisation (-O1 or higher) to fold; at -O0 every call goes
 * through the table, which is correct but imports everything. */

#define __SYSCALL_LL_E(x) (x)
#define __SYSCALL_LL_O(x) (x)

#include "wali_syscall_gen.h"

#define __wali_sc(n,a,b,c,d,e,f) (__builtin_constant_p(n) \
	? __wali_syscall_inline(n,a,b,c,d,e,f) \
	: __wali_syscall(n,a,b,c,d,e,f))

static __inline __attribute__((__always_inline__)) long __syscall0(long n)
{
	return __wali_sc(n, 0, 0, 0, 0, 0, 0);
}

static __inline __attribute__((__always_inline__)) long __syscall1(long n, long a)
{
	return __wali_sc(n, a, 0, 0, 0, 0, 0);
}

static __inline __attribute__((__always_inline__)) long __syscall2(long n, long a, long b)
{
	return __wali_sc(n, a, b, 0, 0, 0, 0);
}

static __inline __attribute__((__always_inline__)) long __syscall3(long n, long a, long b, long c)
{
	return __wali_sc(n, a, b, c, 0, 0, 0);
}

static __inline __attribute__((__always_inline__)) long __syscall4(long n, long a, long b, long c, long d)
{
	return __wali_sc(n, a, b, c, d, 0, 0);
}

static __inline __attribute__((__always_inline__)) long __syscall5(long n, long a, long b, long c, long d, long e)
{
	return __wali_sc(n, a, b, c, d, e, 0);
}

static __inline __attribute__((__always_inline__)) long __syscall6(long n, long a, long b, long c, long d, long e, long f)
{
	return __wali_sc(n, a, b, c, d, e, f);
}

/* Cancellation points (syscall_cp) stay inline too, so that they fold to
 * a direct import like any other syscall: the cancellation checks around
 * them are in __wali_cp_enter/__wali_cp_leave, trivial weak functions
 * unless pthread_cancel is linked (src/thread/wasm32). */
__attribute__((__visibility__("hidden"))) long __wali_cp_enter(long);
__attribute__((__visibility__("hidden"))) long __wali_cp_leave(long, long);

static __inline __attribute__((__always_inline__))
long __wali_syscall_cp(long n, long a, long b, long c, long d, long e, long f)
{
	long r = __wali_cp_enter(n);
	if (r) return r;
	return __wali_cp_leave(n, __wali_sc(n, a, b, c, d, e, f));
}
#define __syscall_cp_arch __wali_syscall_cp

/* Syscalls the interface leaves without a signature but for which musl has
 * an equivalent path: hide them from musl's internals so it takes that path
 * (the public <sys/syscall.h> keeps the numbers). */
#undef SYS_pause	/* -> ppoll */
#undef SYS_lchown	/* -> fchownat(AT_SYMLINK_NOFOLLOW) */
#undef SYS_renameat	/* -> renameat2(flags 0) */

/* No vDSO. */
#define IPC_64 0
