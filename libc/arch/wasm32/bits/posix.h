/* 32-bit pointers, 64-bit off_t. (long is 64-bit, which no POSIX
 * programming environment name describes exactly.) */
#define _POSIX_V6_ILP32_OFFBIG 1
#define _POSIX_V7_ILP32_OFFBIG 1
