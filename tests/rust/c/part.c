/* A C part of a Rust crate, compiled by the cc crate: natively with the
 * system's cc, for WALI with wali-cc (CC_wasm32_wali_linux_musl). */
#include <stdio.h>
#include <string.h>

/* long is 64-bit under WALI as on x86_64: the Rust side declares c_long. */
long c_part_scale(int factor, long value)
{
	return (long)factor * value;
}

/* libc from C, into a buffer the Rust side owns. */
int c_part_format(char *buf, int size, const char *name)
{
	return snprintf(buf, (size_t)size, "hello %s from C (%zu)", name, strlen(name));
}
