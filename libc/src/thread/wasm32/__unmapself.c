/* __unmapself is defined in wali_exit.c, next to the exit emulation it
 * depends on; this file replaces musl's generic version. */
