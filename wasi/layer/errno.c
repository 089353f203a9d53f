/* Linux errno -> witx (preview-1) errno. err_net knows every errno; err_fs
 * keeps to the set Wasmtime's filesystem layer converts and reports IO for
 * the rest, as Wasmtime does, so programs see the same codes under both. */
#include "layer.h"

/* Indexed by Linux errno (x86_64/generic numbering); 0 = no witx equivalent. */
static const u8 linux_to_wasi[134] = {
    [1] = 63,  /* EPERM */       [2] = 44,  /* ENOENT */      [3] = 71,  /* ESRCH */
    [4] = 27,  /* EINTR */       [5] = 29,  /* EIO */         [6] = 60,  /* ENXIO */
    [7] = 1,   /* E2BIG */       [8] = 45,  /* ENOEXEC */     [9] = 8,   /* EBADF */
    [10] = 12, /* ECHILD */      [11] = 6,  /* EAGAIN */      [12] = 48, /* ENOMEM */
    [13] = 2,  /* EACCES */      [14] = 21, /* EFAULT */      [16] = 10, /* EBUSY */
    [17] = 20, /* EEXIST */      [18] = 75, /* EXDEV */       [19] = 43, /* ENODEV */
    [20] = 54, /* ENOTDIR */     [21] = 31, /* EISDIR */      [22] = 28, /* EINVAL */
    [23] = 41, /* ENFILE */      [24] = 33, /* EMFILE */      [25] = 59, /* ENOTTY */
    [26] = 74, /* ETXTBSY */     [27] = 22, /* EFBIG */       [28] = 51, /* ENOSPC */
    [29] = 70, /* ESPIPE */      [30] = 69, /* EROFS */       [31] = 34, /* EMLINK */
    [32] = 64, /* EPIPE */       [33] = 18, /* EDOM */        [34] = 68, /* ERANGE */
    [35] = 16, /* EDEADLK */     [36] = 37, /* ENAMETOOLONG */[37] = 46, /* ENOLCK */
    [38] = 52, /* ENOSYS */      [39] = 55, /* ENOTEMPTY */   [40] = 32, /* ELOOP */
    [42] = 49, /* ENOMSG */      [43] = 24, /* EIDRM */       [61] = 49, /* ENODATA */
    [62] = 73, /* ETIME */       [67] = 47, /* ENOLINK */     [71] = 65, /* EPROTO */
    [72] = 36, /* EMULTIHOP */   [74] = 9,  /* EBADMSG */     [75] = 61, /* EOVERFLOW */
    [84] = 25, /* EILSEQ */      [88] = 57, /* ENOTSOCK */    [89] = 17, /* EDESTADDRREQ */
    [90] = 35, /* EMSGSIZE */    [91] = 67, /* EPROTOTYPE */  [92] = 50, /* ENOPROTOOPT */
    [93] = 66, /* EPROTONOSUPPORT */ [94] = 58, /* ESOCKTNOSUPPORT */
    [95] = 58, /* EOPNOTSUPP */  [96] = 5,  /* EPFNOSUPPORT */[97] = 5,  /* EAFNOSUPPORT */
    [98] = 3,  /* EADDRINUSE */  [99] = 4,  /* EADDRNOTAVAIL */ [100] = 38, /* ENETDOWN */
    [101] = 40, /* ENETUNREACH */[102] = 39, /* ENETRESET */  [103] = 13, /* ECONNABORTED */
    [104] = 15, /* ECONNRESET */ [105] = 42, /* ENOBUFS */    [106] = 30, /* EISCONN */
    [107] = 53, /* ENOTCONN */   [110] = 73, /* ETIMEDOUT */  [111] = 14, /* ECONNREFUSED */
    [112] = 23, /* EHOSTDOWN */  [113] = 23, /* EHOSTUNREACH */ [114] = 7, /* EALREADY */
    [115] = 26, /* EINPROGRESS */[116] = 72, /* ESTALE */     [122] = 19, /* EDQUOT */
    [125] = 11, /* ECANCELED */  [130] = 62, /* EOWNERDEAD */ [131] = 56, /* ENOTRECOVERABLE */
};

int err_net(i64 r) {
    i64 e = -r;
    if (e > 0 && e < (i64)sizeof linux_to_wasi && linux_to_wasi[e]) return linux_to_wasi[e];
    return E_IO;
}

int err_fs(i64 r) {
    switch (-r) {
    case 32: case 1: case 2: case 12: case 5: case 9: case 16: case 13: case 20:
    case 21: case 22: case 17: case 27: case 28: case 29: case 31: case 36: case 39:
    case 40: case 75: case 84: case 95: case 114: case 115: case 4:
        return err_net(r);
    default:
        return E_IO;
    }
}
