#include <features.h>

/* The sigaction that SYS_rt_sigaction takes under WALI: the kernel's
 * k_sigaction, packed, 24 bytes (handler @0 as a table index, flags @4,
 * restorer @12, mask @16). */
struct k_sigaction {
	void (*handler)(int);
	unsigned long flags;
	void (*restorer)(void);
	unsigned mask[2];
} __attribute__((__packed__));

_Static_assert(sizeof(struct k_sigaction) == 24, "WALI k_sigaction is 24 bytes");

/* No-op restorers from src/signal/restore.c: the engine returns from
 * handlers itself and never calls them. */
hidden void __restore_rt();
#define __restore __restore_rt
