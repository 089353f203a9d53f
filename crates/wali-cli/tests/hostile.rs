//! Hostile input: every pointer-taking family called with
//! (a) a range that crosses the end of memory (END = 0x10000, one page),
//! (b) a pointer + length that overflows 32 bits (0xfffffff0 + 0x100),
//! (c) the pointer 0xffffffff,
//! (d) NULL where the kernel expects a buffer;
//! plus broken iovecs, msghdrs, paths, argv arrays and mappings. Each call
//! must return -EFAULT (-14) or the kernel's own error, and the engine must
//! never crash: every module runs to its end and exits 0.

mod common;

use common::{run_wat, Wat};

/// `$efault(id, v)`: v must be -14. `$errno(id, v)`: v must be an error.
/// `$fd_file()`: a fresh file holding 64 bytes, offset 0.
const HELPERS: &str = r#"
  (func $efault (param $id i32) (param $v i64)
    (call $check (local.get $id) (local.get $v) (i64.const -14)))
  (func $errno (param $id i32) (param $v i64)
    (call $check_true (local.get $id)
      (i32.and (i64.ge_s (local.get $v) (i64.const -4095)) (i64.le_s (local.get $v) (i64.const -1)))))
  (func $fd_file (result i32) (local $fd i32)
    (local.set $fd (call $ok32 (i32.const 250) (call $SYS_open (global.get $file) (i32.const 0x242) (i32.const 0x1a4))))
    (drop (call $ok (i32.const 251) (call $SYS_write (local.get $fd) (i32.const 0x100) (i32.const 64))))
    (drop (call $SYS_lseek (local.get $fd) (i64.const 0) (i32.const 0)))
    (local.get $fd))
"#;

fn hostile(body: &str) -> Wat {
    Wat::new(body).items(HELPERS).string("file", "hostile.dat").string("ok_path", "hostile.dat")
}

#[test]
fn plain_buffers() {
    let w = hostile(
        r#"
    (local $fd i32) (local $dir i32)
    (local.set $fd (call $fd_file))
    ;; (a) crossing the end
    (call $efault (i32.const 1) (call $SYS_read (local.get $fd) (i32.const 0xfffc) (i32.const 16)))
    (call $efault (i32.const 2) (call $SYS_write (i32.const 1) (i32.const 0xfffc) (i32.const 16)))
    (call $efault (i32.const 3) (call $SYS_pread64 (local.get $fd) (i32.const 0xfffc) (i32.const 16) (i64.const 0)))
    (call $efault (i32.const 4) (call $SYS_pwrite64 (local.get $fd) (i32.const 0xfffc) (i32.const 16) (i64.const 0)))
    (call $efault (i32.const 5) (call $SYS_getrandom (i32.const 0xfff8) (i32.const 16) (i32.const 0)))
    (call $efault (i32.const 6) (call $SYS_getcwd (i32.const 0xff00) (i32.const 4096)))
    (call $efault (i32.const 7) (call $SYS_readlink (global.get $ok_path) (i32.const 0xfffe) (i32.const 64)))
    ;; ending exactly at the end is fine
    (call $check (i32.const 8) (call $SYS_pread64 (local.get $fd) (i32.const 0xfff0) (i32.const 16) (i64.const 0)) (i64.const 16))
    (call $check (i32.const 9) (call $SYS_getrandom (i32.const 0xfff0) (i32.const 16) (i32.const 0)) (i64.const 16))
    ;; (b) pointer + length overflows 32 bits
    (call $efault (i32.const 10) (call $SYS_read (local.get $fd) (i32.const 0xfffffff0) (i32.const 0x100)))
    (call $efault (i32.const 11) (call $SYS_write (i32.const 1) (i32.const 0xfffffff0) (i32.const 0x100)))
    (call $efault (i32.const 12) (call $SYS_pread64 (local.get $fd) (i32.const 0xfffffff0) (i32.const 0x100) (i64.const 0)))
    (call $efault (i32.const 13) (call $SYS_pwrite64 (local.get $fd) (i32.const 0xfffffff0) (i32.const 0x100) (i64.const 0)))
    (call $efault (i32.const 14) (call $SYS_getrandom (i32.const 0xfffffff0) (i32.const 0x100) (i32.const 0)))
    (call $efault (i32.const 15) (call $SYS_getcwd (i32.const 0xfffffff0) (i32.const 0x100)))
    (call $efault (i32.const 16) (call $SYS_read (local.get $fd) (i32.const 0x4000) (i32.const 0xffffffff)))
    (call $efault (i32.const 17) (call $SYS_write (i32.const 1) (i32.const 0x4000) (i32.const 0xfffffff0)))
    ;; (c) 0xffffffff
    (call $efault (i32.const 18) (call $SYS_read (local.get $fd) (i32.const 0xffffffff) (i32.const 1)))
    (call $efault (i32.const 19) (call $SYS_write (i32.const 1) (i32.const 0xffffffff) (i32.const 1)))
    (call $efault (i32.const 20) (call $SYS_getrandom (i32.const 0xffffffff) (i32.const 1) (i32.const 0)))
    (call $efault (i32.const 21) (call $SYS_getcwd (i32.const 0xffffffff) (i32.const 1)))
    (call $efault (i32.const 22) (call $SYS_readlink (global.get $ok_path) (i32.const 0xffffffff) (i32.const 2)))
    ;; (d) NULL
    (call $efault (i32.const 23) (call $SYS_read (local.get $fd) (i32.const 0) (i32.const 16)))
    (call $efault (i32.const 24) (call $SYS_write (i32.const 1) (i32.const 0) (i32.const 16)))
    (call $efault (i32.const 25) (call $SYS_pread64 (local.get $fd) (i32.const 0) (i32.const 16) (i64.const 0)))
    (call $efault (i32.const 26) (call $SYS_getrandom (i32.const 0) (i32.const 16) (i32.const 0)))
    (call $efault (i32.const 27) (call $SYS_getcwd (i32.const 0) (i32.const 100)))
    ;; zero lengths at the edge
    (call $check (i32.const 28) (call $SYS_write (i32.const 1) (i32.const 0x10000) (i32.const 0)) (i64.const 0))
    (call $check2 (i32.const 29) (call $SYS_read (local.get $fd) (i32.const 0xffffffff) (i32.const 0)) (i64.const 0) (i64.const -14))
    ;; getdents64
    (local.set $dir (call $ok32 (i32.const 30) (call $SYS_open (global.get $dot) (i32.const 0x10000) (i32.const 0))))
    (call $efault (i32.const 31) (call $SYS_getdents64 (local.get $dir) (i32.const 0xff00) (i32.const 4096)))
    (call $efault (i32.const 32) (call $SYS_getdents64 (local.get $dir) (i32.const 0xfffffff0) (i32.const 0x100)))
    (call $efault (i32.const 33) (call $SYS_getdents64 (local.get $dir) (i32.const 0xffffffff) (i32.const 64)))
    (call $efault (i32.const 34) (call $SYS_getdents64 (local.get $dir) (i32.const 0) (i32.const 4096)))
    ;; nothing was consumed by the failed calls: the file still reads from 0
    (call $check (i32.const 35) (call $SYS_read (local.get $fd) (i32.const 0x4000) (i32.const 64)) (i64.const 64))
"#,
    )
    .string("dot", ".");
    run_wat(&w).assert_done();
}

#[test]
fn iovec_arrays() {
    let w = hostile(
        r#"
    (local $fd i32)
    (local.set $fd (call $fd_file))
    ;; the array itself: crossing the end, overflowing, 0xffffffff, NULL
    (call $iovec (i32.const 0xfff8) (i32.const 0x5000) (i32.const 4))
    (call $efault (i32.const 1) (call $SYS_readv (local.get $fd) (i32.const 0xfff8) (i32.const 2)))
    (call $efault (i32.const 2) (call $SYS_writev (i32.const 1) (i32.const 0xfffc) (i32.const 1)))
    (call $efault (i32.const 3) (call $SYS_readv (local.get $fd) (i32.const 0xfffffff8) (i32.const 2)))
    (call $efault (i32.const 4) (call $SYS_writev (i32.const 1) (i32.const 0xffffffff) (i32.const 1)))
    (call $efault (i32.const 5) (call $SYS_preadv (local.get $fd) (i32.const 0xffffffff) (i32.const 1) (i64.const 0) (i64.const 0)))
    (call $efault (i32.const 6) (call $SYS_readv (local.get $fd) (i32.const 0) (i32.const 1)))
    (call $efault (i32.const 7) (call $SYS_writev (i32.const 1) (i32.const 0) (i32.const 2)))
    ;; entries pointing outside: a good first entry, a crossing second one
    (call $iovec (i32.const 0x4000) (i32.const 0x5000) (i32.const 4))
    (call $iovec (i32.const 0x4008) (i32.const 0xfffc) (i32.const 16))
    (call $efault (i32.const 8) (call $SYS_writev (i32.const 1) (i32.const 0x4000) (i32.const 2)))
    (call $efault (i32.const 9) (call $SYS_readv (local.get $fd) (i32.const 0x4000) (i32.const 2)))
    (call $efault (i32.const 10) (call $SYS_preadv (local.get $fd) (i32.const 0x4000) (i32.const 2) (i64.const 0) (i64.const 0)))
    ;; overflowing, 0xffffffff, a huge length, NULL base
    (call $iovec (i32.const 0x4008) (i32.const 0xfffffff0) (i32.const 0x100))
    (call $efault (i32.const 11) (call $SYS_writev (i32.const 1) (i32.const 0x4000) (i32.const 2)))
    (call $iovec (i32.const 0x4008) (i32.const 0xffffffff) (i32.const 1))
    (call $efault (i32.const 12) (call $SYS_readv (local.get $fd) (i32.const 0x4000) (i32.const 2)))
    (call $iovec (i32.const 0x4008) (i32.const 0x5000) (i32.const 0xffffffff))
    (call $efault (i32.const 13) (call $SYS_readv (local.get $fd) (i32.const 0x4000) (i32.const 2)))
    ;; a NULL base: the kernel's EFAULT, or its partial count (the first entry)
    (call $iovec (i32.const 0x4008) (i32.const 0) (i32.const 16))
    (call $check2 (i32.const 14) (call $SYS_preadv (local.get $fd) (i32.const 0x4000) (i32.const 2) (i64.const 0) (i64.const 0)) (i64.const -14) (i64.const 4))
    ;; bad counts: negative, above IOV_MAX (1024)
    (call $check (i32.const 15) (call $SYS_readv (local.get $fd) (i32.const 0x4000) (i32.const -1)) (i64.const -22))
    (call $check (i32.const 16) (call $SYS_writev (i32.const 1) (i32.const 0x4000) (i32.const 1025)) (i64.const -22))
    (call $check (i32.const 17) (call $SYS_writev (i32.const 1) (i32.const 0x4000) (i32.const 0x7fffffff)) (i64.const -22))
    (call $check (i32.const 18) (call $SYS_preadv (local.get $fd) (i32.const 0x4000) (i32.const 0x80000000) (i64.const 0) (i64.const 0)) (i64.const -22))
    ;; a count that runs the array off the end of memory
    (call $efault (i32.const 19) (call $SYS_writev (i32.const 1) (i32.const 0xf000) (i32.const 1024)))
    ;; nothing was read by the failed calls
    (call $check (i32.const 20) (call $SYS_read (local.get $fd) (i32.const 0x5000) (i32.const 64)) (i64.const 64))
"#,
    );
    let out = run_wat(&w);
    out.assert_done();
    assert_eq!(out.stdout, "done\n", "nothing may be written by a failed writev");
}

#[test]
fn paths_and_stat_buffers() {
    let w = hostile(
        r#"
    (local $fd i32)
    (local.set $fd (call $fd_file))
    ;; a path with no NUL before the end of memory
    (memory.fill (i32.const 0xfff0) (i32.const 0x61) (i32.const 16))
    (call $check2 (i32.const 1) (call $SYS_open (i32.const 0xfff0) (i32.const 0) (i32.const 0)) (i64.const -14) (i64.const -36))
    (call $check2 (i32.const 2) (call $SYS_stat (i32.const 0xfff0) (i32.const 0x5000)) (i64.const -14) (i64.const -36))
    (call $check2 (i32.const 3) (call $SYS_mkdir (i32.const 0xfff0) (i32.const 0x1ed)) (i64.const -14) (i64.const -36))
    (call $check2 (i32.const 4) (call $SYS_rename (global.get $ok_path) (i32.const 0xfff0)) (i64.const -14) (i64.const -36))
    (call $check2 (i32.const 5) (call $SYS_symlink (i32.const 0xfff0) (global.get $link)) (i64.const -14) (i64.const -36))
    (call $check2 (i32.const 6) (call $SYS_openat (i32.const -100) (i32.const 0xfff0) (i32.const 0) (i32.const 0)) (i64.const -14) (i64.const -36))
    (call $check2 (i32.const 7) (call $SYS_statx (i32.const -100) (i32.const 0xfff0) (i32.const 0) (i32.const 0x7ff) (i32.const 0x5000)) (i64.const -14) (i64.const -36))
    ;; path pointers out of bounds
    (call $efault (i32.const 8) (call $SYS_open (i32.const 0xffffffff) (i32.const 0) (i32.const 0)))
    (call $efault (i32.const 9) (call $SYS_open (i32.const 0x10000) (i32.const 0) (i32.const 0)))
    (call $efault (i32.const 10) (call $SYS_open (i32.const 0xfffffff0) (i32.const 0) (i32.const 0)))
    (call $efault (i32.const 11) (call $SYS_unlink (i32.const 0xffffffff)))
    (call $efault (i32.const 12) (call $SYS_rmdir (i32.const 0xffffffff)))
    (call $efault (i32.const 13) (call $SYS_chdir (i32.const 0xffffffff)))
    (call $efault (i32.const 14) (call $SYS_access (i32.const 0xffffffff) (i32.const 0)))
    (call $efault (i32.const 15) (call $SYS_chmod (i32.const 0xffffffff) (i32.const 0x1a4)))
    (call $efault (i32.const 16) (call $SYS_truncate (i32.const 0xffffffff) (i64.const 0)))
    (call $efault (i32.const 17) (call $SYS_link (global.get $ok_path) (i32.const 0xffffffff)))
    (call $efault (i32.const 18) (call $SYS_renameat2 (i32.const -100) (global.get $ok_path) (i32.const -100) (i32.const 0xffffffff) (i32.const 0)))
    (call $efault (i32.const 19) (call $SYS_readlink (i32.const 0xffffffff) (i32.const 0x5000) (i32.const 64)))
    (call $efault (i32.const 20) (call $SYS_newfstatat (i32.const -100) (i32.const 0xffffffff) (i32.const 0x5000) (i32.const 0)))
    (call $efault (i32.const 21) (call $SYS_utimensat (i32.const -100) (i32.const 0xffffffff) (i32.const 0) (i32.const 0)))
    (call $efault (i32.const 22) (call $SYS_faccessat2 (i32.const -100) (i32.const 0xffffffff) (i32.const 0) (i32.const 0)))
    (call $efault (i32.const 23) (call $SYS_statfs (i32.const 0xffffffff) (i32.const 0x5000)))
    ;; NULL paths: the kernel's EFAULT
    (call $efault (i32.const 24) (call $SYS_open (i32.const 0) (i32.const 0) (i32.const 0)))
    (call $efault (i32.const 25) (call $SYS_stat (i32.const 0) (i32.const 0x5000)))
    (call $efault (i32.const 26) (call $SYS_mkdir (i32.const 0) (i32.const 0x1ed)))
    (call $efault (i32.const 27) (call $SYS_unlink (i32.const 0)))
    ;; a terminated path longer than PATH_MAX
    (memory.fill (i32.const 0x6000) (i32.const 0x61) (i32.const 5000))
    (i32.store8 (i32.const 0x7388) (i32.const 0))
    (call $check (i32.const 28) (call $SYS_open (i32.const 0x6000) (i32.const 0) (i32.const 0)) (i64.const -36))
    (call $check (i32.const 29) (call $SYS_stat (i32.const 0x6000) (i32.const 0x5000)) (i64.const -36))
    ;; stat buffers: crossing, overflowing, 0xffffffff, NULL
    (call $efault (i32.const 30) (call $SYS_stat (global.get $ok_path) (i32.const 0xffa0)))
    (call $efault (i32.const 31) (call $SYS_lstat (global.get $ok_path) (i32.const 0xffa0)))
    (call $efault (i32.const 32) (call $SYS_fstat (local.get $fd) (i32.const 0xffa0)))
    (call $efault (i32.const 33) (call $SYS_newfstatat (i32.const -100) (global.get $ok_path) (i32.const 0xffa0) (i32.const 0)))
    (call $efault (i32.const 34) (call $SYS_statx (i32.const -100) (global.get $ok_path) (i32.const 0) (i32.const 0x7ff) (i32.const 0xff80)))
    (call $efault (i32.const 35) (call $SYS_fstat (local.get $fd) (i32.const 0xfffffff0)))
    (call $efault (i32.const 36) (call $SYS_fstat (local.get $fd) (i32.const 0xffffffff)))
    (call $efault (i32.const 37) (call $SYS_stat (global.get $ok_path) (i32.const 0xffffffff)))
    (call $efault (i32.const 38) (call $SYS_fstat (local.get $fd) (i32.const 0)))
    (call $efault (i32.const 39) (call $SYS_statx (i32.const -100) (global.get $ok_path) (i32.const 0) (i32.const 0x7ff) (i32.const 0)))
    (call $efault (i32.const 40) (call $SYS_statfs (global.get $ok_path) (i32.const 0xffa0)))
    (call $efault (i32.const 41) (call $SYS_fstatfs (local.get $fd) (i32.const 0xffffffff)))
    ;; utimensat times crossing the end
    (call $efault (i32.const 42) (call $SYS_utimensat (i32.const -100) (global.get $ok_path) (i32.const 0xfff0) (i32.const 0)))
    (call $efault (i32.const 43) (call $SYS_utimensat (i32.const -100) (global.get $ok_path) (i32.const 0xffffffff) (i32.const 0)))
    ;; the file system is unchanged
    (call $check (i32.const 44) (call $SYS_access (global.get $link) (i32.const 0)) (i64.const -2))
    (call $check (i32.const 45) (call $SYS_access (global.get $ok_path) (i32.const 0)) (i64.const 0))
"#,
    )
    .string("link", "link");
    run_wat(&w).assert_done();
}

#[test]
fn sockets_and_msghdr() {
    // msghdr at 0x4300 is rebuilt by $msg(iov, iovlen, name, namelen, control, controllen)
    let w = hostile(
        r#"
    (local $s i32) (local $l i32)
    (local.set $s (call $ok32 (i32.const 1) (call $SYS_socket (i32.const 2) (i32.const 2) (i32.const 0))))
    (call $sockaddr_lo (i32.const 0x4100))
    (i32.store (i32.const 0x4200) (i32.const 16))
    ;; bind / connect addresses
    (call $efault (i32.const 2) (call $SYS_bind (local.get $s) (i32.const 0xfff8) (i32.const 16)))
    (call $efault (i32.const 3) (call $SYS_bind (local.get $s) (i32.const 0xfffffff0) (i32.const 0x100)))
    (call $efault (i32.const 4) (call $SYS_bind (local.get $s) (i32.const 0xffffffff) (i32.const 16)))
    (call $efault (i32.const 5) (call $SYS_bind (local.get $s) (i32.const 0) (i32.const 16)))
    (call $check2 (i32.const 6) (call $SYS_bind (local.get $s) (i32.const 0x4100) (i32.const 0xffffffff)) (i64.const -14) (i64.const -22))
    (call $efault (i32.const 7) (call $SYS_connect (local.get $s) (i32.const 0xfff8) (i32.const 16)))
    (call $efault (i32.const 8) (call $SYS_connect (local.get $s) (i32.const 0xffffffff) (i32.const 16)))
    (call $check (i32.const 9) (call $SYS_bind (local.get $s) (i32.const 0x4100) (i32.const 16)) (i64.const 0))
    (call $check (i32.const 60) (call $SYS_getsockname (local.get $s) (i32.const 0x4100) (i32.const 0x4200)) (i64.const 0))
    ;; sendto / recvfrom buffers and addresses
    (call $efault (i32.const 10) (call $SYS_sendto (local.get $s) (i32.const 0xfffc) (i32.const 16) (i32.const 0) (i32.const 0x4100) (i32.const 16)))
    (call $efault (i32.const 11) (call $SYS_sendto (local.get $s) (i32.const 0x5000) (i32.const 4) (i32.const 0) (i32.const 0xfff8) (i32.const 16)))
    (call $efault (i32.const 12) (call $SYS_sendto (local.get $s) (i32.const 0xfffffff0) (i32.const 0x100) (i32.const 0) (i32.const 0x4100) (i32.const 16)))
    (call $efault (i32.const 13) (call $SYS_sendto (local.get $s) (i32.const 0) (i32.const 4) (i32.const 0) (i32.const 0x4100) (i32.const 16)))
    (call $efault (i32.const 14) (call $SYS_recvfrom (local.get $s) (i32.const 0xfffc) (i32.const 16) (i32.const 0x40) (i32.const 0) (i32.const 0)))
    (call $efault (i32.const 15) (call $SYS_recvfrom (local.get $s) (i32.const 0x5000) (i32.const 16) (i32.const 0x40) (i32.const 0x5100) (i32.const 0xfffe)))
    (call $efault (i32.const 16) (call $SYS_recvfrom (local.get $s) (i32.const 0x5000) (i32.const 16) (i32.const 0x40) (i32.const 0xfff8) (i32.const 0x4200)))
    (call $efault (i32.const 17) (call $SYS_recvfrom (local.get $s) (i32.const 0xffffffff) (i32.const 1) (i32.const 0x40) (i32.const 0) (i32.const 0)))
    ;; socket names and options
    (call $efault (i32.const 18) (call $SYS_getsockname (local.get $s) (i32.const 0xfff8) (i32.const 0x4200)))
    (call $efault (i32.const 19) (call $SYS_getsockname (local.get $s) (i32.const 0x5100) (i32.const 0xffffffff)))
    (call $efault (i32.const 20) (call $SYS_getsockname (local.get $s) (i32.const 0x5100) (i32.const 0)))
    (i32.store (i32.const 0x4204) (i32.const 0xffffffff))
    (call $check2 (i32.const 21) (call $SYS_getsockname (local.get $s) (i32.const 0x5100) (i32.const 0x4204)) (i64.const -14) (i64.const -22))
    (call $efault (i32.const 22) (call $SYS_getpeername (local.get $s) (i32.const 0xffffffff) (i32.const 0x4200)))
    (call $efault (i32.const 23) (call $SYS_accept (local.get $s) (i32.const 0xfff8) (i32.const 0x4200)))
    (call $efault (i32.const 24) (call $SYS_accept4 (local.get $s) (i32.const 0x5100) (i32.const 0xfffe) (i32.const 0)))
    (i32.store (i32.const 0x4000) (i32.const 1))
    (call $efault (i32.const 25) (call $SYS_setsockopt (local.get $s) (i32.const 1) (i32.const 2) (i32.const 0xfffe) (i32.const 4)))
    (call $efault (i32.const 26) (call $SYS_setsockopt (local.get $s) (i32.const 1) (i32.const 2) (i32.const 0xfffffff0) (i32.const 0x100)))
    (call $efault (i32.const 27) (call $SYS_setsockopt (local.get $s) (i32.const 1) (i32.const 2) (i32.const 0xffffffff) (i32.const 4)))
    (call $efault (i32.const 28) (call $SYS_setsockopt (local.get $s) (i32.const 1) (i32.const 2) (i32.const 0) (i32.const 4)))
    (i32.store (i32.const 0x4208) (i32.const 4))
    (call $efault (i32.const 29) (call $SYS_getsockopt (local.get $s) (i32.const 1) (i32.const 2) (i32.const 0xfffe) (i32.const 0x4208)))
    (call $efault (i32.const 30) (call $SYS_getsockopt (local.get $s) (i32.const 1) (i32.const 2) (i32.const 0x4000) (i32.const 0xfffe)))
    (call $efault (i32.const 31) (call $SYS_getsockopt (local.get $s) (i32.const 1) (i32.const 2) (i32.const 0x4000) (i32.const 0)))
    ;; options whose values hold pointers, and unknown levels, are refused (ENOPROTOOPT)
    (call $check (i32.const 90) (call $SYS_setsockopt (local.get $s) (i32.const 1) (i32.const 26) (i32.const 0x4000) (i32.const 16)) (i64.const -92))
    (call $check (i32.const 91) (call $SYS_setsockopt (local.get $s) (i32.const 0) (i32.const 64) (i32.const 0x4000) (i32.const 16)) (i64.const -92))
    (call $check (i32.const 92) (call $SYS_setsockopt (local.get $s) (i32.const 283) (i32.const 4) (i32.const 0x4000) (i32.const 16)) (i64.const -92))
    (call $efault (i32.const 32) (call $SYS_socketpair (i32.const 1) (i32.const 1) (i32.const 0) (i32.const 0xfffc)))
    (call $efault (i32.const 33) (call $SYS_socketpair (i32.const 1) (i32.const 1) (i32.const 0) (i32.const 0xffffffff)))
    (call $efault (i32.const 34) (call $SYS_socketpair (i32.const 1) (i32.const 1) (i32.const 0) (i32.const 0)))
    ;; the msghdr itself: crossing, overflowing, 0xffffffff, NULL
    (call $efault (i32.const 35) (call $SYS_sendmsg (local.get $s) (i32.const 0xfff0) (i32.const 0)))
    (call $efault (i32.const 36) (call $SYS_sendmsg (local.get $s) (i32.const 0xfffffff0) (i32.const 0)))
    (call $efault (i32.const 37) (call $SYS_sendmsg (local.get $s) (i32.const 0xffffffff) (i32.const 0)))
    (call $efault (i32.const 38) (call $SYS_recvmsg (local.get $s) (i32.const 0xfff0) (i32.const 0x40)))
    (call $efault (i32.const 39) (call $SYS_recvmsg (local.get $s) (i32.const 0xffffffff) (i32.const 0x40)))
    (call $efault (i32.const 40) (call $SYS_sendmsg (local.get $s) (i32.const 0) (i32.const 0)))
    (call $efault (i32.const 41) (call $SYS_recvmsg (local.get $s) (i32.const 0) (i32.const 0x40)))
    ;; a good msghdr sends (control)
    (call $iovec (i32.const 0x4400) (i32.const 0x5000) (i32.const 4))
    (call $msg (i32.const 0x4400) (i32.const 1) (i32.const 0x4100) (i32.const 16) (i32.const 0) (i32.const 0))
    (call $check (i32.const 42) (call $SYS_sendmsg (local.get $s) (i32.const 0x4300) (i32.const 0)) (i64.const 4))
    ;; msg_iov out of bounds, or its entries
    (call $msg (i32.const 0xfffc) (i32.const 1) (i32.const 0x4100) (i32.const 16) (i32.const 0) (i32.const 0))
    (call $efault (i32.const 43) (call $SYS_sendmsg (local.get $s) (i32.const 0x4300) (i32.const 0)))
    (call $efault (i32.const 44) (call $SYS_recvmsg (local.get $s) (i32.const 0x4300) (i32.const 0x40)))
    (call $msg (i32.const 0xffffffff) (i32.const 1) (i32.const 0x4100) (i32.const 16) (i32.const 0) (i32.const 0))
    (call $efault (i32.const 45) (call $SYS_sendmsg (local.get $s) (i32.const 0x4300) (i32.const 0)))
    (call $msg (i32.const 0) (i32.const 1) (i32.const 0x4100) (i32.const 16) (i32.const 0) (i32.const 0))
    (call $efault (i32.const 46) (call $SYS_sendmsg (local.get $s) (i32.const 0x4300) (i32.const 0)))
    (call $iovec (i32.const 0x4408) (i32.const 0xfffc) (i32.const 16))
    (call $msg (i32.const 0x4400) (i32.const 2) (i32.const 0x4100) (i32.const 16) (i32.const 0) (i32.const 0))
    (call $efault (i32.const 47) (call $SYS_sendmsg (local.get $s) (i32.const 0x4300) (i32.const 0)))
    (call $efault (i32.const 48) (call $SYS_recvmsg (local.get $s) (i32.const 0x4300) (i32.const 0x40)))
    (call $iovec (i32.const 0x4408) (i32.const 0xfffffff0) (i32.const 0x100))
    (call $efault (i32.const 49) (call $SYS_sendmsg (local.get $s) (i32.const 0x4300) (i32.const 0)))
    ;; msg_iovlen negative or too large
    (call $msg (i32.const 0x4400) (i32.const -1) (i32.const 0x4100) (i32.const 16) (i32.const 0) (i32.const 0))
    (call $check2 (i32.const 50) (call $SYS_sendmsg (local.get $s) (i32.const 0x4300) (i32.const 0)) (i64.const -22) (i64.const -90))
    (call $msg (i32.const 0x4400) (i32.const 2000) (i32.const 0x4100) (i32.const 16) (i32.const 0) (i32.const 0))
    (call $check2 (i32.const 51) (call $SYS_recvmsg (local.get $s) (i32.const 0x4300) (i32.const 0x40)) (i64.const -22) (i64.const -90))
    ;; msg_name out of bounds
    (call $msg (i32.const 0x4400) (i32.const 1) (i32.const 0xfff8) (i32.const 16) (i32.const 0) (i32.const 0))
    (call $efault (i32.const 52) (call $SYS_sendmsg (local.get $s) (i32.const 0x4300) (i32.const 0)))
    (call $efault (i32.const 53) (call $SYS_recvmsg (local.get $s) (i32.const 0x4300) (i32.const 0x40)))
    (call $msg (i32.const 0x4400) (i32.const 1) (i32.const 0xfffffff0) (i32.const 0x100) (i32.const 0) (i32.const 0))
    (call $efault (i32.const 54) (call $SYS_sendmsg (local.get $s) (i32.const 0x4300) (i32.const 0)))
    ;; msg_control out of bounds
    (call $msg (i32.const 0x4400) (i32.const 1) (i32.const 0x4100) (i32.const 16) (i32.const 0xfff8) (i32.const 24))
    (call $efault (i32.const 55) (call $SYS_sendmsg (local.get $s) (i32.const 0x4300) (i32.const 0)))
    (call $efault (i32.const 56) (call $SYS_recvmsg (local.get $s) (i32.const 0x4300) (i32.const 0x40)))
    (call $msg (i32.const 0x4400) (i32.const 1) (i32.const 0x4100) (i32.const 16) (i32.const 0xffffffff) (i32.const 24))
    (call $efault (i32.const 57) (call $SYS_sendmsg (local.get $s) (i32.const 0x4300) (i32.const 0)))
    ;; the one good datagram is still there
    (call $check (i32.const 58) (call $SYS_recvfrom (local.get $s) (i32.const 0x5000) (i32.const 64) (i32.const 0x40) (i32.const 0) (i32.const 0)) (i64.const 4))
    (call $check (i32.const 59) (call $SYS_recvfrom (local.get $s) (i32.const 0x5000) (i32.const 64) (i32.const 0x40) (i32.const 0) (i32.const 0)) (i64.const -11))
"#,
    )
    .items(
        r#"
  (func $sockaddr_lo (param $at i32)
    (i64.store (local.get $at) (i64.const 0))
    (i64.store offset=8 (local.get $at) (i64.const 0))
    (i32.store16 (local.get $at) (i32.const 2))
    (i32.store offset=4 (local.get $at) (i32.const 0x0100007f)))
  (func $msg (param $iov i32) (param $iovlen i32) (param $name i32) (param $namelen i32) (param $control i32) (param $controllen i32)
    (memory.fill (i32.const 0x4300) (i32.const 0) (i32.const 36))
    (i32.store offset=0 (i32.const 0x4300) (local.get $name))
    (i32.store offset=4 (i32.const 0x4300) (local.get $namelen))
    (i32.store offset=8 (i32.const 0x4300) (local.get $iov))
    (i32.store offset=12 (i32.const 0x4300) (local.get $iovlen))
    (i32.store offset=20 (i32.const 0x4300) (local.get $control))
    (i32.store offset=24 (i32.const 0x4300) (local.get $controllen)))
"#,
    );
    run_wat(&w).assert_done();
}

#[test]
fn poll_select_epoll() {
    let w = hostile(
        r#"
    (local $ep i32) (local $r i32)
    (call $check (i32.const 1) (call $SYS_pipe (i32.const 0x4000)) (i64.const 0))
    (local.set $r (i32.load (i32.const 0x4000)))
    (i32.store (i32.const 0x4100) (local.get $r))
    (i32.store (i32.const 0x4104) (i32.const 1))
    ;; poll / ppoll arrays
    (call $efault (i32.const 2) (call $SYS_poll (i32.const 0xfffc) (i64.const 1) (i32.const 0)))
    (call $efault (i32.const 3) (call $SYS_poll (i32.const 0xfffffff8) (i64.const 2) (i32.const 0)))
    (call $efault (i32.const 4) (call $SYS_poll (i32.const 0xffffffff) (i64.const 1) (i32.const 0)))
    (call $efault (i32.const 5) (call $SYS_poll (i32.const 0) (i64.const 1) (i32.const 0)))
    (call $check2 (i32.const 6) (call $SYS_poll (i32.const 0x4100) (i64.const 0x7fffffffffffffff) (i32.const 0)) (i64.const -14) (i64.const -22))
    (call $check2 (i32.const 7) (call $SYS_poll (i32.const 0x4100) (i64.const 0x100000001) (i32.const 0)) (i64.const -14) (i64.const -22))
    (call $check2 (i32.const 8) (call $SYS_poll (i32.const 0x4100) (i64.const -1) (i32.const 0)) (i64.const -14) (i64.const -22))
    (i64.store (i32.const 0x4200) (i64.const 0))
    (i64.store (i32.const 0x4208) (i64.const 0))
    (call $efault (i32.const 9) (call $SYS_ppoll (i32.const 0xfffc) (i64.const 1) (i32.const 0x4200) (i32.const 0) (i32.const 8)))
    (call $efault (i32.const 10) (call $SYS_ppoll (i32.const 0x4100) (i64.const 1) (i32.const 0xfff8) (i32.const 0) (i32.const 8)))
    (call $efault (i32.const 11) (call $SYS_ppoll (i32.const 0x4100) (i64.const 1) (i32.const 0x4200) (i32.const 0xfffc) (i32.const 8)))
    (call $efault (i32.const 12) (call $SYS_ppoll (i32.const 0x4100) (i64.const 1) (i32.const 0xffffffff) (i32.const 0) (i32.const 8)))
    ;; select / pselect6 sets and timeouts
    (memory.fill (i32.const 0x5000) (i32.const 0) (i32.const 256))
    (call $efault (i32.const 13) (call $SYS_select (i32.const 64) (i32.const 0xfffc) (i32.const 0) (i32.const 0) (i32.const 0x4200)))
    (call $efault (i32.const 14) (call $SYS_select (i32.const 1024) (i32.const 0xfffffff0) (i32.const 0) (i32.const 0) (i32.const 0x4200)))
    (call $efault (i32.const 15) (call $SYS_select (i32.const 64) (i32.const 0x5000) (i32.const 0xffffffff) (i32.const 0) (i32.const 0x4200)))
    (call $efault (i32.const 16) (call $SYS_select (i32.const 1) (i32.const 0x5000) (i32.const 0) (i32.const 0) (i32.const 0xfff8)))
    (call $check2 (i32.const 17) (call $SYS_select (i32.const 0x7fffffff) (i32.const 0x5000) (i32.const 0) (i32.const 0) (i32.const 0x4200)) (i64.const -14) (i64.const -22))
    (call $efault (i32.const 18) (call $SYS_pselect6 (i32.const 64) (i32.const 0xfffc) (i32.const 0) (i32.const 0) (i32.const 0x4200) (i32.const 0)))
    (call $efault (i32.const 19) (call $SYS_pselect6 (i32.const 1) (i32.const 0x5000) (i32.const 0) (i32.const 0) (i32.const 0xfff8) (i32.const 0)))
    ;; pselect6's 6th argument: the pair itself, and the sigset it points to
    (call $efault (i32.const 20) (call $SYS_pselect6 (i32.const 1) (i32.const 0x5000) (i32.const 0) (i32.const 0) (i32.const 0x4200) (i32.const 0xfff8)))
    (call $efault (i32.const 21) (call $SYS_pselect6 (i32.const 1) (i32.const 0x5000) (i32.const 0) (i32.const 0) (i32.const 0x4200) (i32.const 0xffffffff)))
    (i64.store (i32.const 0x4300) (i64.const 0xfffc))
    (i64.store (i32.const 0x4308) (i64.const 8))
    (call $efault (i32.const 22) (call $SYS_pselect6 (i32.const 1) (i32.const 0x5000) (i32.const 0) (i32.const 0) (i32.const 0x4200) (i32.const 0x4300)))
    (i64.store (i32.const 0x4300) (i64.const 0xffffffff))
    (call $efault (i32.const 23) (call $SYS_pselect6 (i32.const 1) (i32.const 0x5000) (i32.const 0) (i32.const 0) (i32.const 0x4200) (i32.const 0x4300)))
    (i64.store (i32.const 0x4300) (i64.const 0x4400))
    (i64.store (i32.const 0x4308) (i64.const -1))
    (call $check2 (i32.const 24) (call $SYS_pselect6 (i32.const 1) (i32.const 0x5000) (i32.const 0) (i32.const 0) (i32.const 0x4200) (i32.const 0x4300)) (i64.const -14) (i64.const -22))
    ;; a sigset pointer with high bits set in its 64-bit slot
    (i64.store (i32.const 0x4300) (i64.const 0x100004400))
    (i64.store (i32.const 0x4308) (i64.const 8))
    (call $check2 (i32.const 25) (call $SYS_pselect6 (i32.const 1) (i32.const 0x5000) (i32.const 0) (i32.const 0) (i32.const 0x4200) (i32.const 0x4300)) (i64.const -14) (i64.const 0))
    ;; epoll
    (local.set $ep (call $ok32 (i32.const 26) (call $SYS_epoll_create1 (i32.const 0))))
    (call $efault (i32.const 27) (call $SYS_epoll_ctl (local.get $ep) (i32.const 1) (local.get $r) (i32.const 0xfffc)))
    (call $efault (i32.const 28) (call $SYS_epoll_ctl (local.get $ep) (i32.const 1) (local.get $r) (i32.const 0xffffffff)))
    (call $efault (i32.const 29) (call $SYS_epoll_ctl (local.get $ep) (i32.const 1) (local.get $r) (i32.const 0)))
    (i32.store (i32.const 0x4500) (i32.const 1))
    (call $check (i32.const 30) (call $SYS_epoll_ctl (local.get $ep) (i32.const 1) (local.get $r) (i32.const 0x4500)) (i64.const 0))
    (call $efault (i32.const 31) (call $SYS_epoll_wait (local.get $ep) (i32.const 0xfff0) (i32.const 2) (i32.const 0)))
    (call $efault (i32.const 32) (call $SYS_epoll_wait (local.get $ep) (i32.const 0xfffffff0) (i32.const 1) (i32.const 0)))
    (call $efault (i32.const 33) (call $SYS_epoll_wait (local.get $ep) (i32.const 0xffffffff) (i32.const 1) (i32.const 0)))
    ;; NULL events with nothing ready: the kernel may not look at the buffer
    (call $check2 (i32.const 34) (call $SYS_epoll_wait (local.get $ep) (i32.const 0) (i32.const 1) (i32.const 0)) (i64.const -14) (i64.const 0))
    (call $check2 (i32.const 35) (call $SYS_epoll_wait (local.get $ep) (i32.const 0x5000) (i32.const 0x7fffffff) (i32.const 0)) (i64.const -14) (i64.const -22))
    (call $efault (i32.const 36) (call $SYS_epoll_pwait (local.get $ep) (i32.const 0xfff0) (i32.const 2) (i32.const 0) (i32.const 0) (i32.const 8)))
    (call $efault (i32.const 37) (call $SYS_epoll_pwait (local.get $ep) (i32.const 0x5000) (i32.const 1) (i32.const 0) (i32.const 0xfffc) (i32.const 8)))
"#,
    );
    run_wat(&w).assert_done();
}

#[test]
fn time_and_information_structs() {
    let w = hostile(
        r#"
    (local $t i32)
    (i64.store (i32.const 0x4000) (i64.const 0))
    (i64.store (i32.const 0x4008) (i64.const 0))
    (call $efault (i32.const 1) (call $SYS_clock_gettime (i32.const 1) (i32.const 0xfff8)))
    (call $efault (i32.const 2) (call $SYS_clock_gettime (i32.const 1) (i32.const 0xfffffff0)))
    (call $efault (i32.const 3) (call $SYS_clock_gettime (i32.const 1) (i32.const 0xffffffff)))
    (call $efault (i32.const 4) (call $SYS_clock_gettime (i32.const 1) (i32.const 0)))
    (call $efault (i32.const 5) (call $SYS_clock_getres (i32.const 1) (i32.const 0xfff8)))
    (call $efault (i32.const 6) (call $SYS_nanosleep (i32.const 0xfff8) (i32.const 0)))
    (call $efault (i32.const 7) (call $SYS_nanosleep (i32.const 0) (i32.const 0)))
    (call $efault (i32.const 8) (call $SYS_nanosleep (i32.const 0x4000) (i32.const 0xfff8)))
    (call $efault (i32.const 9) (call $SYS_clock_nanosleep (i32.const 1) (i32.const 0) (i32.const 0xffffffff) (i32.const 0)))
    (call $efault (i32.const 10) (call $SYS_gettimeofday (i32.const 0xfff8) (i32.const 0)))
    (call $efault (i32.const 11) (call $SYS_gettimeofday (i32.const 0x4100) (i32.const 0xfffc)))
    (call $efault (i32.const 12) (call $SYS_uname (i32.const 0xff00)))
    (call $efault (i32.const 13) (call $SYS_uname (i32.const 0xffffffff)))
    (call $efault (i32.const 14) (call $SYS_uname (i32.const 0)))
    (call $efault (i32.const 15) (call $SYS_sysinfo (i32.const 0xffc0)))
    (call $efault (i32.const 16) (call $SYS_sysinfo (i32.const 0)))
    (call $efault (i32.const 17) (call $SYS_getrlimit (i32.const 7) (i32.const 0xfff8)))
    (call $efault (i32.const 18) (call $SYS_getrlimit (i32.const 7) (i32.const 0)))
    (call $efault (i32.const 19) (call $SYS_setrlimit (i32.const 7) (i32.const 0xffffffff)))
    (call $efault (i32.const 20) (call $SYS_prlimit64 (i32.const 0) (i32.const 7) (i32.const 0xfff8) (i32.const 0)))
    (call $efault (i32.const 21) (call $SYS_prlimit64 (i32.const 0) (i32.const 7) (i32.const 0) (i32.const 0xfff8)))
    (call $efault (i32.const 22) (call $SYS_getrusage (i32.const 0) (i32.const 0xff80)))
    (call $efault (i32.const 23) (call $SYS_pipe (i32.const 0xfffc)))
    (call $efault (i32.const 24) (call $SYS_pipe (i32.const 0xffffffff)))
    (call $efault (i32.const 25) (call $SYS_pipe (i32.const 0)))
    (call $efault (i32.const 26) (call $SYS_pipe2 (i32.const 0xfffc) (i32.const 0)))
    (call $efault (i32.const 27) (call $SYS_sched_getaffinity (i32.const 0) (i32.const 128) (i32.const 0xffc0)))
    (call $efault (i32.const 28) (call $SYS_getgroups (i32.const 64) (i32.const 0xfffc)))
    (call $efault (i32.const 29) (call $SYS_wait4 (i32.const -1) (i32.const 0xfffe) (i32.const 1) (i32.const 0)))
    (call $efault (i32.const 30) (call $SYS_wait4 (i32.const -1) (i32.const 0) (i32.const 1) (i32.const 0xff80)))
    (call $efault (i32.const 31) (call $SYS_prctl (i32.const 15) (i64.const 0xfff8) (i64.const 0) (i64.const 0) (i64.const 0)))
    (call $efault (i32.const 32) (call $SYS_prctl (i32.const 16) (i64.const 0xffffffff) (i64.const 0) (i64.const 0) (i64.const 0)))
    (call $check (i32.const 33) (call $SYS_prctl (i32.const 0x7fff) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0)) (i64.const -22))
    (local.set $t (call $ok32 (i32.const 34) (call $SYS_timerfd_create (i32.const 1) (i32.const 0))))
    (call $efault (i32.const 35) (call $SYS_timerfd_settime (local.get $t) (i32.const 0) (i32.const 0xfff0) (i32.const 0)))
    (memory.fill (i32.const 0x4200) (i32.const 0) (i32.const 32))
    (call $efault (i32.const 36) (call $SYS_timerfd_settime (local.get $t) (i32.const 0) (i32.const 0x4200) (i32.const 0xfff0)))
    (call $efault (i32.const 37) (call $SYS_setitimer (i32.const 0) (i32.const 0xfff0) (i32.const 0)))
"#,
    );
    run_wat(&w).assert_done();
}

#[test]
fn fcntl_and_ioctl() {
    let w = hostile(
        r#"
    (local $fd i32)
    (local.set $fd (call $fd_file))
    ;; unknown fcntl command, unknown ioctl request
    (call $check (i32.const 1) (call $SYS_fcntl (local.get $fd) (i32.const 9999) (i64.const 0)) (i64.const -22))
    (call $check (i32.const 2) (call $SYS_fcntl (local.get $fd) (i32.const -1) (i64.const 0x4000)) (i64.const -22))
    (call $check (i32.const 3) (call $SYS_ioctl (local.get $fd) (i32.const 0x1234) (i32.const 0)) (i64.const -25))
    (call $check (i32.const 4) (call $SYS_ioctl (local.get $fd) (i32.const 0x1234) (i32.const 0xffffffff)) (i64.const -25))
    ;; struct flock out of bounds
    (call $efault (i32.const 5) (call $SYS_fcntl (local.get $fd) (i32.const 6) (i64.const 0xfff0)))
    (call $efault (i32.const 6) (call $SYS_fcntl (local.get $fd) (i32.const 6) (i64.const 0xfffffff0)))
    (call $efault (i32.const 7) (call $SYS_fcntl (local.get $fd) (i32.const 6) (i64.const 0xffffffff)))
    (call $efault (i32.const 8) (call $SYS_fcntl (local.get $fd) (i32.const 6) (i64.const 0)))
    (call $efault (i32.const 9) (call $SYS_fcntl (local.get $fd) (i32.const 5) (i64.const 0xfff8)))
    (call $efault (i32.const 10) (call $SYS_fcntl (local.get $fd) (i32.const 37) (i64.const 0xfff8))) ;; F_OFD_SETLK
    (call $efault (i32.const 11) (call $SYS_fcntl (local.get $fd) (i32.const 16) (i64.const 0xfffc))) ;; F_GETOWN_EX
    ;; a pointer-sized value with high bits is not a pointer
    (call $check2 (i32.const 12) (call $SYS_fcntl (local.get $fd) (i32.const 6) (i64.const 0x100004000)) (i64.const -14) (i64.const -22))
    ;; ioctl arguments out of bounds (FIONREAD 0x541b, TIOCGWINSZ 0x5413, TIOCGPTN 0x80045430);
    ;; an _IOR the engine does not know (it might hold pointers) is refused whatever its argument
    (call $check (i32.const 13) (call $SYS_pipe (i32.const 0x4000)) (i64.const 0))
    (call $efault (i32.const 14) (call $SYS_ioctl (i32.load (i32.const 0x4000)) (i32.const 0x541b) (i32.const 0xfffe)))
    (call $efault (i32.const 15) (call $SYS_ioctl (i32.load (i32.const 0x4000)) (i32.const 0x541b) (i32.const 0xffffffff)))
    (call $efault (i32.const 16) (call $SYS_ioctl (i32.load (i32.const 0x4000)) (i32.const 0x541b) (i32.const 0)))
    (call $efault (i32.const 17) (call $SYS_ioctl (i32.const 1) (i32.const 0x5413) (i32.const 0xfffc)))
    (call $efault (i32.const 18) (call $SYS_ioctl (i32.const 1) (i32.const 0x80045430) (i32.const 0xfffe)))
    (call $check (i32.const 21) (call $SYS_ioctl (local.get $fd) (i32.const 0x80407801) (i32.const 0xfff8)) (i64.const -25))
    (call $check (i32.const 19) (call $SYS_ioctl (local.get $fd) (i32.const 0x80407801) (i32.const 0x5000)) (i64.const -25))
    (call $check (i32.const 20) (call $SYS_ioctl (i32.load (i32.const 0x4000)) (i32.const 0x541b) (i32.const 0x5000)) (i64.const 0))
"#,
    );
    run_wat(&w).assert_done();
}

#[test]
fn mappings_outside_the_memory() {
    let w = hostile(
        r#"
    (local $p i32)
    ;; MAP_FIXED outside the memory's maximum (2 GiB) fails and maps nothing
    (call $check (i32.const 1) (call $SYS_mmap (i32.const 0x80000000) (i32.const 4096) (i32.const 3) (i32.const 0x32) (i32.const -1) (i64.const 0)) (i64.const -12))
    (call $check (i32.const 2) (call $SYS_mmap (i32.const 0xfffff000) (i32.const 4096) (i32.const 3) (i32.const 0x32) (i32.const -1) (i64.const 0)) (i64.const -12))
    (call $check (i32.const 3) (call $SYS_mmap (i32.const 0x7ffff000) (i32.const 0x2000) (i32.const 3) (i32.const 0x32) (i32.const -1) (i64.const 0)) (i64.const -12))
    (call $check (i32.const 4) (call $SYS_mmap (i32.const 0xfffff000) (i32.const 0x2000) (i32.const 3) (i32.const 0x32) (i32.const -1) (i64.const 0)) (i64.const -12))
    (call $check (i32.const 5) (call $SYS_mmap (i32.const 0x80000000) (i32.const 4096) (i32.const 3) (i32.const 0x100022) (i32.const -1) (i64.const 0)) (i64.const -12))
    (call $check (i32.const 6) (call $SYS_mmap (i32.const 0) (i32.const 0xffffffff) (i32.const 3) (i32.const 0x22) (i32.const -1) (i64.const 0)) (i64.const -12))
    (call $check (i32.const 7) (call $SYS_mmap (i32.const 0) (i32.const 0x80000000) (i32.const 3) (i32.const 0x22) (i32.const -1) (i64.const 0)) (i64.const -12))
    (call $check (i32.const 8) (call $SYS_mmap (i32.const 0) (i32.const 4096) (i32.const 0xff) (i32.const 0x22) (i32.const -1) (i64.const 0)) (i64.const -22))
    (call $check (i32.const 9) (call $SYS_mmap (i32.const 0) (i32.const 4096) (i32.const 3) (i32.const 0x22) (i32.const -1) (i64.const -4096)) (i64.const -22))
    ;; nothing grew
    (call $check (i32.const 10) (i64.extend_i32_u (memory.size)) (i64.const 1))
    ;; munmap / mprotect / mremap / msync / madvise of ranges beyond the memory
    (call $check (i32.const 11) (call $SYS_munmap (i32.const 0x7fff0000) (i32.const 4096)) (i64.const -22))
    (call $check (i32.const 12) (call $SYS_munmap (i32.const 0xfffff000) (i32.const 0x2000)) (i64.const -22))
    (call $check (i32.const 13) (call $SYS_munmap (i32.const 0xf000) (i32.const 0x10000)) (i64.const -22))
    (call $check (i32.const 14) (call $SYS_munmap (i32.const 0x10000) (i32.const 4096)) (i64.const -22))
    (call $check (i32.const 15) (call $SYS_munmap (i32.const 0x1000) (i32.const 0xffffffff)) (i64.const -22))
    (call $check (i32.const 16) (call $SYS_mprotect (i32.const 0x7fff0000) (i32.const 4096) (i32.const 1)) (i64.const -12))
    (call $check (i32.const 17) (call $SYS_mprotect (i32.const 0xfffff000) (i32.const 0x2000) (i32.const 1)) (i64.const -12))
    (call $check (i32.const 18) (call $SYS_mremap (i32.const 0x7fff0000) (i32.const 4096) (i32.const 8192) (i32.const 1) (i32.const 0)) (i64.const -14))
    (call $check (i32.const 19) (call $SYS_msync (i32.const 0x7fff0000) (i32.const 4096) (i32.const 4)) (i64.const -12))
    (call $check (i32.const 20) (call $SYS_msync (i32.const 0xfffff000) (i32.const 0x2000) (i32.const 4)) (i64.const -12))
    (call $check (i32.const 21) (call $SYS_madvise (i32.const 0x7fff0000) (i32.const 4096) (i32.const 4)) (i64.const -12))
    (call $check (i32.const 22) (call $SYS_madvise (i32.const 0x1000) (i32.const 4096) (i32.const 10)) (i64.const -22)) ;; MADV_DONTFORK
    (call $check (i32.const 23) (call $SYS_madvise (i32.const 0x1000) (i32.const 4096) (i32.const 9)) (i64.const -22)) ;; MADV_REMOVE
    (call $check (i32.const 24) (i64.extend_i32_u (memory.size)) (i64.const 1))
    ;; a real mapping cannot be grown or moved outside the memory
    (local.set $p (call $ok32 (i32.const 25) (call $SYS_mmap (i32.const 0) (i32.const 4096) (i32.const 3) (i32.const 0x22) (i32.const -1) (i64.const 0))))
    (i32.store (local.get $p) (i32.const 99))
    (call $check (i32.const 26) (call $SYS_mremap (local.get $p) (i32.const 4096) (i32.const 0xfffff000) (i32.const 1) (i32.const 0)) (i64.const -12))
    (call $check2 (i32.const 27) (call $SYS_mremap (local.get $p) (i32.const 4096) (i32.const 8192) (i32.const 3) (i32.const 0xfffff000)) (i64.const -12) (i64.const -22))
    (call $check2 (i32.const 28) (call $SYS_mremap (local.get $p) (i32.const 4096) (i32.const 4096) (i32.const 3) (i32.const 0x80000000)) (i64.const -12) (i64.const -22))
    (call $check (i32.const 29) (call $SYS_mremap (local.get $p) (i32.const 4096) (i32.const 8192) (i32.const 0xff) (i32.const 0)) (i64.const -22))
    (call $check (i32.const 30) (i64.load32_u (local.get $p)) (i64.const 99))
    ;; unaligned addresses
    (call $check (i32.const 31) (call $SYS_munmap (i32.add (local.get $p) (i32.const 1)) (i32.const 4096)) (i64.const -22))
    (call $check (i32.const 32) (call $SYS_mprotect (i32.add (local.get $p) (i32.const 1)) (i32.const 4096) (i32.const 1)) (i64.const -22))
"#,
    );
    run_wat(&w).assert_done();
}

#[test]
fn signal_structs() {
    let w = hostile(
        r#"
    ;; rt_sigaction: act / oldact out of bounds
    (call $efault (i32.const 1) (call $SYS_rt_sigaction (i32.const 10) (i32.const 0xfff8) (i32.const 0) (i32.const 8)))
    (call $efault (i32.const 2) (call $SYS_rt_sigaction (i32.const 10) (i32.const 0xfffffff0) (i32.const 0) (i32.const 8)))
    (call $efault (i32.const 3) (call $SYS_rt_sigaction (i32.const 10) (i32.const 0xffffffff) (i32.const 0) (i32.const 8)))
    (call $efault (i32.const 4) (call $SYS_rt_sigaction (i32.const 10) (i32.const 0) (i32.const 0xfff8) (i32.const 8)))
    (call $efault (i32.const 5) (call $SYS_rt_sigaction (i32.const 10) (i32.const 0) (i32.const 0xffffffff) (i32.const 8)))
    (memory.fill (i32.const 0x4000) (i32.const 0) (i32.const 24))
    (call $check (i32.const 6) (call $SYS_rt_sigaction (i32.const 0) (i32.const 0x4000) (i32.const 0) (i32.const 8)) (i64.const -22))
    (call $check (i32.const 7) (call $SYS_rt_sigaction (i32.const 65) (i32.const 0x4000) (i32.const 0) (i32.const 8)) (i64.const -22))
    (call $check (i32.const 8) (call $SYS_rt_sigaction (i32.const -1) (i32.const 0x4000) (i32.const 0) (i32.const 8)) (i64.const -22))
    (call $check (i32.const 9) (call $SYS_rt_sigaction (i32.const 10) (i32.const 0x4000) (i32.const 0) (i32.const 0xffffffff)) (i64.const -22))
    ;; handler values that are neither an index nor SIG_DFL/SIG_IGN
    (i32.store (i32.const 0x4000) (i32.const -1))
    (call $check (i32.const 10) (call $SYS_rt_sigaction (i32.const 10) (i32.const 0x4000) (i32.const 0) (i32.const 8)) (i64.const -22))
    (i32.store (i32.const 0x4000) (i32.const -7))
    (call $check (i32.const 11) (call $SYS_rt_sigaction (i32.const 10) (i32.const 0x4000) (i32.const 0) (i32.const 8)) (i64.const -22))
    ;; still the default action
    (memory.fill (i32.const 0x4100) (i32.const 0xff) (i32.const 24))
    (call $check (i32.const 12) (call $SYS_rt_sigaction (i32.const 10) (i32.const 0) (i32.const 0x4100) (i32.const 8)) (i64.const 0))
    (call $check (i32.const 13) (i64.load32_u (i32.const 0x4100)) (i64.const 0))
    ;; masks, pending, suspend, signalfd, alternate stack
    (call $efault (i32.const 14) (call $SYS_rt_sigprocmask (i32.const 0) (i32.const 0xfffc) (i32.const 0) (i32.const 8)))
    (call $efault (i32.const 15) (call $SYS_rt_sigprocmask (i32.const 0) (i32.const 0) (i32.const 0xfffc) (i32.const 8)))
    (call $efault (i32.const 16) (call $SYS_rt_sigprocmask (i32.const 0) (i32.const 0xffffffff) (i32.const 0) (i32.const 8)))
    (call $efault (i32.const 17) (call $SYS_rt_sigpending (i32.const 0xfffc) (i32.const 8)))
    (call $efault (i32.const 18) (call $SYS_rt_sigsuspend (i32.const 0xfffc) (i32.const 8)))
    (call $efault (i32.const 19) (call $SYS_signalfd4 (i32.const -1) (i32.const 0xfffc) (i32.const 8) (i32.const 0)))
    (call $efault (i32.const 20) (call $SYS_signalfd4 (i32.const -1) (i32.const 0) (i32.const 8) (i32.const 0)))
    (call $efault (i32.const 21) (call $SYS_sigaltstack (i32.const 0xfff8) (i32.const 0)))
    (call $efault (i32.const 22) (call $SYS_sigaltstack (i32.const 0) (i32.const 0xfff8)))
    (call $efault (i32.const 23) (call $SYS_sigaltstack (i32.const 0xffffffff) (i32.const 0)))
    ;; kill / tkill with bad signal numbers
    (call $check (i32.const 24) (call $SYS_kill (i32.wrap_i64 (call $SYS_getpid)) (i32.const 999)) (i64.const -22))
    (call $check (i32.const 25) (call $SYS_tkill (i32.wrap_i64 (call $SYS_gettid)) (i32.const -1)) (i64.const -22))
"#,
    );
    run_wat(&w).assert_done();
}

#[test]
fn futex_addresses() {
    // FUTEX_WAIT 0, FUTEX_WAKE 1, FUTEX_PRIVATE_FLAG 128
    let w = hostile(
        r#"
    (i32.store (i32.const 0x4000) (i32.const 0))
    (call $check (i32.const 1) (call $SYS_futex (i32.const 0x4001) (i32.const 1) (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0)) (i64.const -22))
    (call $check (i32.const 2) (call $SYS_futex (i32.const 0x4002) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)) (i64.const -22))
    (call $check (i32.const 3) (call $SYS_futex (i32.const 0xfffe) (i32.const 129) (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0)) (i64.const -22))
    (call $efault (i32.const 4) (call $SYS_futex (i32.const 0xfffffff0) (i32.const 1) (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0)))
    (call $efault (i32.const 5) (call $SYS_futex (i32.const 0xfffffffc) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)))
    (call $efault (i32.const 6) (call $SYS_futex (i32.const 0x10000) (i32.const 129) (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0)))
    (call $check2 (i32.const 7) (call $SYS_futex (i32.const 0xffffffff) (i32.const 1) (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0)) (i64.const -22) (i64.const -14))
    ;; a value mismatch, a timeout out of bounds, an invalid timeout, a real timeout
    (call $check (i32.const 8) (call $SYS_futex (i32.const 0x4000) (i32.const 128) (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0)) (i64.const -11))
    (call $efault (i32.const 9) (call $SYS_futex (i32.const 0x4000) (i32.const 128) (i32.const 0) (i32.const 0xfff8) (i32.const 0) (i32.const 0)))
    (call $efault (i32.const 10) (call $SYS_futex (i32.const 0x4000) (i32.const 128) (i32.const 0) (i32.const 0xffffffff) (i32.const 0) (i32.const 0)))
    (i64.store (i32.const 0x4100) (i64.const -1))
    (i64.store (i32.const 0x4108) (i64.const 0))
    (call $check (i32.const 11) (call $SYS_futex (i32.const 0x4000) (i32.const 128) (i32.const 0) (i32.const 0x4100) (i32.const 0) (i32.const 0)) (i64.const -22))
    (i64.store (i32.const 0x4100) (i64.const 0))
    (i64.store (i32.const 0x4108) (i64.const 1000000000))
    (call $check (i32.const 12) (call $SYS_futex (i32.const 0x4000) (i32.const 128) (i32.const 0) (i32.const 0x4100) (i32.const 0) (i32.const 0)) (i64.const -22))
    (i64.store (i32.const 0x4108) (i64.const 1000000))
    (call $check (i32.const 13) (call $SYS_futex (i32.const 0x4000) (i32.const 128) (i32.const 0) (i32.const 0x4100) (i32.const 0) (i32.const 0)) (i64.const -110))
    ;; waking nobody; an unknown operation
    (call $check (i32.const 14) (call $SYS_futex (i32.const 0x4000) (i32.const 129) (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0)) (i64.const 0))
    (call $errno (i32.const 15) (call $SYS_futex (i32.const 0x4000) (i32.const 99) (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0)))
    ;; FUTEX_CMP_REQUEUE (4) with a mismatching value
    (call $check (i32.const 16) (call $SYS_futex (i32.const 0x4000) (i32.const 132) (i32.const 1) (i32.const 1) (i32.const 0x4004) (i32.const 5)) (i64.const -11))
"#,
    );
    run_wat(&w).assert_done();
}

#[test]
fn execve_arguments() {
    // argv arrays: 0x4000 = {"x", NULL}; the path "/nonexistent/prog" never runs.
    let w = hostile(
        r#"
    (local $p i32) (local $i i32)
    (i32.store (i32.const 0x4000) (global.get $x))
    (i32.store (i32.const 0x4004) (i32.const 0))
    ;; the path
    (call $efault (i32.const 1) (call $SYS_execve (i32.const 0xffffffff) (i32.const 0x4000) (i32.const 0)))
    (call $efault (i32.const 2) (call $SYS_execve (i32.const 0x10000) (i32.const 0x4000) (i32.const 0)))
    (memory.fill (i32.const 0xfff0) (i32.const 0x61) (i32.const 16))
    (call $check2 (i32.const 3) (call $SYS_execve (i32.const 0xfff0) (i32.const 0x4000) (i32.const 0)) (i64.const -14) (i64.const -36))
    (call $efault (i32.const 4) (call $SYS_execve (i32.const 0) (i32.const 0x4000) (i32.const 0)))
    ;; the arrays: out of bounds, entries out of bounds
    (call $efault (i32.const 5) (call $SYS_execve (global.get $nowhere) (i32.const 0xffffffff) (i32.const 0)))
    (call $efault (i32.const 6) (call $SYS_execve (global.get $nowhere) (i32.const 0x4000) (i32.const 0xfffffffe)))
    (i32.store (i32.const 0x4010) (global.get $x))
    (i32.store (i32.const 0x4014) (i32.const 0xffffffff))
    (i32.store (i32.const 0x4018) (i32.const 0))
    (call $efault (i32.const 8) (call $SYS_execve (global.get $nowhere) (i32.const 0x4010) (i32.const 0)))
    (call $efault (i32.const 9) (call $SYS_execve (global.get $nowhere) (i32.const 0x4000) (i32.const 0x4010)))
    (i32.store (i32.const 0x4014) (i32.const 0xfff0))
    (call $check2 (i32.const 10) (call $SYS_execve (global.get $nowhere) (i32.const 0x4010) (i32.const 0)) (i64.const -14) (i64.const -7))
    ;; an array whose last entry crosses the end of memory
    (i32.store (i32.const 0xfffc) (global.get $x))
    (call $efault (i32.const 7) (call $SYS_execve (global.get $nowhere) (i32.const 0xfffc) (i32.const 0)))
    ;; a huge array: 70000 pointers in a mapping, NULL-terminated
    (local.set $p (call $ok32 (i32.const 11) (call $SYS_mmap (i32.const 0) (i32.const 0x50000) (i32.const 3) (i32.const 0x22) (i32.const -1) (i64.const 0))))
    (block $out (loop $fill
      (br_if $out (i32.ge_u (local.get $i) (i32.const 70000)))
      (i32.store (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2))) (global.get $x))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $fill)))
    (call $check2 (i32.const 12) (call $SYS_execve (global.get $nowhere) (local.get $p) (i32.const 0)) (i64.const -7) (i64.const -2))
    (call $check2 (i32.const 13) (call $SYS_execve (global.get $nowhere) (i32.const 0x4000) (local.get $p)) (i64.const -7) (i64.const -2))
    ;; an array that runs to the end of memory without a NULL
    (local.set $i (i32.const 0))
    (block $out (loop $fill
      (br_if $out (i32.ge_u (local.get $i) (i32.const 0x14000)))
      (i32.store (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2))) (global.get $x))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $fill)))
    (call $check (i32.const 14) (i64.extend_i32_u (i32.mul (memory.size) (i32.const 0x10000))) (i64.extend_i32_u (i32.add (local.get $p) (i32.const 0x50000))))
    (call $efault (i32.const 15) (call $SYS_execve (global.get $nowhere) (i32.add (local.get $p) (i32.const 0x40000)) (i32.const 0)))
    ;; still running as before
    (call $check (i32.const 16) (call $SYS_getpid) (call $SYS_getpid))
"#,
    )
    .string("x", "x")
    .string("nowhere", "/nonexistent/prog");
    run_wat(&w).assert_done();
}

#[test]
fn startup_imports() {
    let w = hostile(
        r#"
    (call $check (i32.const 1) (i64.extend_i32_s (call $__cl_copy_argv (i32.const 0xfffc) (i32.const 0))) (i64.const -14))
    (call $check (i32.const 2) (i64.extend_i32_s (call $__cl_copy_argv (i32.const 0xffffffff) (i32.const 0))) (i64.const -14))
    (call $check (i32.const 3) (i64.extend_i32_s (call $__cl_copy_argv (i32.const 0x4000) (i32.const 999))) (i64.const -22))
    (call $check (i32.const 4) (i64.extend_i32_s (call $__cl_copy_argv (i32.const 0x4000) (i32.const -1))) (i64.const -22))
    (call $check (i32.const 5) (i64.extend_i32_u (call $__cl_get_argv_len (i32.const 0xffffffff))) (i64.const 0))
    (call $check (i32.const 6) (i64.extend_i32_s (call $__get_init_envfile (i32.const 0xfffc) (i32.const 256))) (i64.const -1))
    (call $check (i32.const 7) (i64.extend_i32_s (call $__get_init_envfile (i32.const 0xffffffff) (i32.const 256))) (i64.const -1))
    (call $check (i32.const 8) (i64.extend_i32_s (call $__get_init_envfile (i32.const 0x4000) (i32.const 2))) (i64.const -1))
    (call $check (i32.const 9) (i64.extend_i32_s (call $__get_init_envfile (i32.const 0x4000) (i32.const 0))) (i64.const -1))
    ;; after all that, the real calls work
    (call $check (i32.const 10) (i64.extend_i32_s (call $__get_init_envfile (i32.const 0x4000) (i32.const 256))) (i64.const 1))
    (call $check (i32.const 11) (i64.extend_i32_s (call $__cl_copy_argv (i32.const 0x4100) (i32.const 0))) (i64.const 0))
    (call $check (i32.const 12) (i64.extend_i32_u (call $strlen (i32.const 0x4100))) (i64.extend_i32_u (call $__cl_get_argv_len (i32.const 0))))
"#,
    );
    run_wat(&w).assert_done();
}

#[test]
fn engine_access_to_protected_pages() {
    // The engine reads iovecs, msghdrs, sigactions, paths itself: pages made
    // inaccessible or read-only by the guest give EFAULT, not a crash.
    let w = hostile(
        r#"
    (local $none i32) (local $ro i32) (local $file i32) (local $fd i32)
    (local.set $fd (call $fd_file))
    (local.set $none (call $ok32 (i32.const 1) (call $SYS_mmap (i32.const 0) (i32.const 4096) (i32.const 0) (i32.const 0x22) (i32.const -1) (i64.const 0))))
    (call $efault (i32.const 2) (call $SYS_writev (i32.const 1) (local.get $none) (i32.const 1)))
    (call $efault (i32.const 3) (call $SYS_open (local.get $none) (i32.const 0) (i32.const 0)))
    (call $efault (i32.const 4) (call $SYS_rt_sigaction (i32.const 10) (local.get $none) (i32.const 0) (i32.const 8)))
    (call $efault (i32.const 5) (call $SYS_rt_sigaction (i32.const 10) (i32.const 0) (local.get $none) (i32.const 8)))
    (call $efault (i32.const 6) (call $SYS_sendmsg (i32.const 1) (local.get $none) (i32.const 0)))
    (call $efault (i32.const 7) (call $SYS_pselect6 (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (local.get $none)))
    (call $efault (i32.const 8) (call $SYS_execve (local.get $none) (i32.const 0) (i32.const 0)))
    (call $efault (i32.const 9) (call $SYS_read (local.get $fd) (local.get $none) (i32.const 4)))
    (call $efault (i32.const 10) (call $SYS_write (i32.const 1) (local.get $none) (i32.const 4)))
    (call $efault (i32.const 11) (call $SYS_sigaltstack (local.get $none) (i32.const 0)))
    (call $check (i32.const 12) (i64.extend_i32_s (call $__cl_copy_argv (local.get $none) (i32.const 0))) (i64.const -14))
    ;; unmapped pages behave the same
    (local.set $ro (call $ok32 (i32.const 13) (call $SYS_mmap (i32.const 0) (i32.const 4096) (i32.const 3) (i32.const 0x22) (i32.const -1) (i64.const 0))))
    (call $check (i32.const 14) (call $SYS_munmap (local.get $ro) (i32.const 4096)) (i64.const 0))
    (call $efault (i32.const 15) (call $SYS_writev (i32.const 1) (local.get $ro) (i32.const 1)))
    (call $efault (i32.const 16) (call $SYS_stat (local.get $ro) (i32.const 0x5000)))
    ;; a read-only page: readable by the engine, not writable
    (local.set $ro (call $ok32 (i32.const 17) (call $SYS_mmap (i32.const 0) (i32.const 4096) (i32.const 3) (i32.const 0x22) (i32.const -1) (i64.const 0))))
    (call $iovec (local.get $ro) (global.get $text) (global.get $text.len))
    (memory.copy (i32.add (local.get $ro) (i32.const 16)) (global.get $ok_path) (i32.const 12))
    (call $check (i32.const 18) (call $SYS_mprotect (local.get $ro) (i32.const 4096) (i32.const 1)) (i64.const 0))
    (call $check (i32.const 19) (call $SYS_writev (i32.const 1) (local.get $ro) (i32.const 1)) (i64.extend_i32_u (global.get $text.len)))
    (call $check (i32.const 20) (call $SYS_access (i32.add (local.get $ro) (i32.const 16)) (i32.const 0)) (i64.const 0))
    (call $check (i32.const 21) (i64.extend_i32_s (call $__cl_copy_argv (local.get $ro) (i32.const 0))) (i64.const -14))
    (call $efault (i32.const 22) (call $SYS_rt_sigaction (i32.const 10) (i32.const 0) (local.get $ro) (i32.const 8)))
    (call $efault (i32.const 23) (call $SYS_clock_gettime (i32.const 0) (local.get $ro)))
    ;; a file-backed shared page: the engine reads an iovec array stored in it
    (drop (call $ok (i32.const 24) (call $SYS_ftruncate (local.get $fd) (i64.const 4096))))
    (local.set $file (call $ok32 (i32.const 25) (call $SYS_mmap (i32.const 0) (i32.const 4096) (i32.const 3) (i32.const 1) (local.get $fd) (i64.const 0))))
    (call $iovec (local.get $file) (global.get $text) (global.get $text.len))
    (call $check (i32.const 26) (call $SYS_writev (i32.const 1) (local.get $file) (i32.const 1)) (i64.extend_i32_u (global.get $text.len)))
"#,
    )
    .string("text", "through the engine\n");
    let out = run_wat(&w);
    out.assert_done();
    assert_eq!(out.stdout, "through the engine\nthrough the engine\ndone\n");
}

#[test]
fn derived_syscalls() {
    // The calls the project gives derived signatures (spec/derived.tsv).
    let w = hostile(
        r#"
    (local $fd i32) (local $out i32) (local $t i32) (local $in i32)
    (local.set $fd (call $fd_file))
    (local.set $out (call $ok32 (i32.const 1) (call $SYS_open (global.get $other) (i32.const 0x242) (i32.const 0x1a4))))
    ;; pwritev: the array and its entries
    (call $efault (i32.const 2) (call $SYS_pwritev (local.get $out) (i32.const 0xfffc) (i32.const 1) (i64.const 0) (i64.const 0)))
    (call $efault (i32.const 3) (call $SYS_pwritev (local.get $out) (i32.const 0) (i32.const 1) (i64.const 0) (i64.const 0)))
    (call $iovec (i32.const 0x4000) (i32.const 0xfffc) (i32.const 16))
    (call $efault (i32.const 4) (call $SYS_pwritev (local.get $out) (i32.const 0x4000) (i32.const 1) (i64.const 0) (i64.const 0)))
    (call $iovec (i32.const 0x4000) (i32.const 0xfffffff0) (i32.const 0x100))
    (call $efault (i32.const 5) (call $SYS_pwritev (local.get $out) (i32.const 0x4000) (i32.const 1) (i64.const 0) (i64.const 0)))
    ;; 64-bit offset pointers of copy_file_range, splice, sendfile
    (call $efault (i32.const 6) (call $SYS_copy_file_range (local.get $fd) (i32.const 0xfffc) (local.get $out) (i32.const 0) (i32.const 16) (i32.const 0)))
    (call $efault (i32.const 7) (call $SYS_copy_file_range (local.get $fd) (i32.const 0) (local.get $out) (i32.const 0xffffffff) (i32.const 16) (i32.const 0)))
    (call $check (i32.const 8) (call $SYS_pipe (i32.const 0x4100)) (i64.const 0))
    (call $efault (i32.const 9) (call $SYS_splice (i32.load (i32.const 0x4100)) (i32.const 0) (local.get $out) (i32.const 0xfffc) (i32.const 16) (i32.const 0)))
    (call $efault (i32.const 10) (call $SYS_sendfile (local.get $out) (local.get $fd) (i32.const 0xfffc) (i32.const 16)))
    (call $efault (i32.const 11) (call $SYS_sendfile (local.get $out) (local.get $fd) (i32.const 0xffffffff) (i32.const 16)))
    ;; ids
    (call $efault (i32.const 12) (call $SYS_getresuid (i32.const 0xfffe) (i32.const 0x4200) (i32.const 0x4204)))
    (call $efault (i32.const 13) (call $SYS_getresuid (i32.const 0x4200) (i32.const 0xffffffff) (i32.const 0x4204)))
    (call $efault (i32.const 14) (call $SYS_getresuid (i32.const 0) (i32.const 0) (i32.const 0)))
    (call $efault (i32.const 15) (call $SYS_getresgid (i32.const 0x4200) (i32.const 0x4204) (i32.const 0xfffe)))
    ;; memory ranges and scheduling structs
    (call $efault (i32.const 16) (call $SYS_mlock (i32.const 0xf000) (i32.const 0x2000)))
    (call $efault (i32.const 17) (call $SYS_mlock (i32.const 0xfffffff0) (i32.const 0x100)))
    (call $efault (i32.const 18) (call $SYS_munlock (i32.const 0xffffffff) (i32.const 1)))
    (call $efault (i32.const 19) (call $SYS_sched_setaffinity (i32.const 0) (i32.const 128) (i32.const 0xffc0)))
    (call $efault (i32.const 20) (call $SYS_sched_getparam (i32.const 0) (i32.const 0xfffe)))
    (call $efault (i32.const 21) (call $SYS_sched_setparam (i32.const 0) (i32.const 0xffffffff)))
    ;; names and paths
    (memory.fill (i32.const 0xfff0) (i32.const 0x61) (i32.const 16))
    (call $check2 (i32.const 22) (call $SYS_memfd_create (i32.const 0xfff0) (i32.const 0)) (i64.const -14) (i64.const -36))
    (call $efault (i32.const 23) (call $SYS_memfd_create (i32.const 0xffffffff) (i32.const 0)))
    (local.set $in (call $ok32 (i32.const 24) (call $SYS_inotify_init1 (i32.const 0))))
    (call $efault (i32.const 25) (call $SYS_inotify_add_watch (local.get $in) (i32.const 0xffffffff) (i32.const 0xfff)))
    (call $efault (i32.const 26) (call $SYS_mknod (i32.const 0xffffffff) (i32.const 0x81a4) (i64.const 0)))
    (call $efault (i32.const 27) (call $SYS_mknodat (i32.const -100) (i32.const 0x10000) (i32.const 0x81a4) (i64.const 0)))
    ;; timers, waits
    (local.set $t (call $ok32 (i32.const 28) (call $SYS_timerfd_create (i32.const 1) (i32.const 0))))
    (call $efault (i32.const 29) (call $SYS_timerfd_gettime (local.get $t) (i32.const 0xfff0)))
    (call $efault (i32.const 30) (call $SYS_getitimer (i32.const 0) (i32.const 0xfff0)))
    (call $efault (i32.const 31) (call $SYS_waitid (i32.const 0) (i32.const 0) (i32.const 0xffc0) (i32.const 5) (i32.const 0)))
    (call $efault (i32.const 32) (call $SYS_waitid (i32.const 0) (i32.const 0) (i32.const 0x5000) (i32.const 5) (i32.const 0xff80)))
    (i64.store (i32.const 0x4300) (i64.const 0x200))
    (i64.store (i32.const 0x4310) (i64.const 0))
    (i64.store (i32.const 0x4318) (i64.const 0))
    (call $efault (i32.const 33) (call $SYS_rt_sigtimedwait (i32.const 0xfffc) (i32.const 0) (i32.const 0x4310) (i32.const 8)))
    (call $efault (i32.const 34) (call $SYS_rt_sigtimedwait (i32.const 0x4300) (i32.const 0xffc0) (i32.const 0x4310) (i32.const 8)))
    (call $efault (i32.const 35) (call $SYS_rt_sigtimedwait (i32.const 0x4300) (i32.const 0) (i32.const 0xfff8) (i32.const 8)))
    ;; nothing reached the output file
    (call $check (i32.const 36) (call $SYS_fstat (local.get $out) (i32.const 0x6000)) (i64.const 0))
    (call $check (i32.const 37) (call $stat_size (i32.const 0x6000)) (i64.const 0))
"#,
    )
    .string("other", "other.dat");
    run_wat(&w).assert_done();
}

/// A module that spawns a thread at table index `func` and then waits
/// (up to ~0.9 s) for the process to end.
fn spawn_then_wait(func: u32) -> Wat {
    Wat::new(&format!(
        r#"
    (call $show (global.get $spawned) (i64.extend_i32_s (call $__wasm_thread_spawn (i32.const {func}) (i32.const 0x4000))))
    (i64.store (i32.const 0x4100) (i64.const 0))
    (i64.store (i32.const 0x4108) (i64.const 900000000))
    (drop (call $SYS_nanosleep (i32.const 0x4100) (i32.const 0)))
"#
    ))
    .items(
        r#"
  (table 3 funcref)
  (elem (i32.const 1) $wrong_type)
  (func $wrong_type (param i64))
"#,
    )
    .string("spawned", "spawned")
}

#[test]
fn thread_start_function_outside_the_table() {
    let out = run_wat(&spawn_then_wait(999));
    // Refused at once (-errno), or the thread stops the process with a trap status.
    if out.code() == 0 {
        out.assert_done();
        assert!(out.value("spawned") < 0, "{}", out.describe());
    } else {
        out.assert_code(common::TRAP);
        assert!(out.stderr.contains("999"), "{}", out.describe());
    }
}

#[test]
fn thread_start_function_of_the_wrong_type() {
    for func in [1, 2] {
        // 1: (i64) -> (); 2: a null table entry.
        let out = run_wat(&spawn_then_wait(func));
        if out.code() == 0 {
            out.assert_done();
            assert!(out.value("spawned") < 0, "{}", out.describe());
        } else {
            out.assert_code(common::TRAP);
            assert!(out.stderr.contains("thread"), "{}", out.describe());
        }
    }
}

#[test]
fn signal_handler_outside_the_table() {
    // A handler index with no function: the engine stops the program with a
    // message when the signal arrives, instead of crashing.
    let w = Wat::new(
        r#"
    (memory.fill (i32.const 0x4000) (i32.const 0) (i32.const 24))
    (i32.store (i32.const 0x4000) (i32.const 999))
    (call $check (i32.const 1) (call $SYS_rt_sigaction (i32.const 10) (i32.const 0x4000) (i32.const 0) (i32.const 8)) (i64.const 0))
    (drop (call $SYS_kill (i32.wrap_i64 (call $SYS_getpid)) (i32.const 10)))
    (drop (call $SYS_getpid))
    (call $puts (global.get $after))
"#,
    )
    .items("(table 2 funcref)")
    .string("after", "after the signal");
    let out = run_wat(&w);
    out.assert_code(common::TRAP);
    assert!(!out.stdout.contains("after the signal"), "{}", out.describe());
    assert!(out.stderr.contains("999"), "{}", out.describe());
}

/// A process's memory file would reach the engine's own memory: refused
/// however the path gets there; other /proc files open as usual.
#[test]
fn proc_self_mem_is_refused() {
    let w = Wat::new(
        r#"
    (local $fd i32)
    (call $check (i32.const 1) (call $SYS_open (global.get $mem) (i32.const 2) (i32.const 0)) (i64.const -13))
    (call $check (i32.const 2) (call $SYS_openat (i32.const -100) (global.get $mem) (i32.const 0) (i32.const 0)) (i64.const -13))
    (call $check (i32.const 3) (call $SYS_open (global.get $task_mem) (i32.const 0) (i32.const 0)) (i64.const -13))
    (call $check (i32.const 4) (call $SYS_symlink (global.get $mem) (global.get $link)) (i64.const 0))
    (call $check (i32.const 5) (call $SYS_open (global.get $link) (i32.const 2) (i32.const 0)) (i64.const -13))
    ;; relative to a /proc/self directory descriptor
    (local.set $fd (call $ok32 (i32.const 6) (call $SYS_open (global.get $self) (i32.const 0x10000) (i32.const 0))))
    (call $check (i32.const 7) (call $SYS_openat (local.get $fd) (global.get $name) (i32.const 2) (i32.const 0)) (i64.const -13))
    (drop (call $ok (i32.const 8) (call $SYS_open (global.get $status) (i32.const 0) (i32.const 0))))
"#,
    )
    .string("mem", "/proc/self/mem")
    .string("task_mem", "/proc/thread-self/mem")
    .string("link", "memlink")
    .string("self", "/proc/self")
    .string("name", "mem")
    .string("status", "/proc/self/status");
    run_wat(&w).assert_done();
}

// Regression tests for bugs `wali-fuzz` found (crates/wali-fuzz, docs/testing.md).

/// The engine's own writes took NULL as guest address 0: `__cl_copy_argv`
/// and `__get_init_envfile` wrote the string there. NULL is the kernel's
/// NULL (EFAULT) for the engine's reads and writes too.
#[test]
fn fuzz_null_is_never_guest_address_zero() {
    let w = hostile(
        r#"
    (call $check (i32.const 1) (i64.extend_i32_s (call $__cl_copy_argv (i32.const 0) (i32.const 0))) (i64.const -14))
    (call $check (i32.const 2) (i64.extend_i32_s (call $__get_init_envfile (i32.const 0) (i32.const 256))) (i64.const -1))
    (call $check_true (i32.const 3) (call $all_zero (i32.const 0) (i32.const 0x100)))
    ;; accept's length pointer NULL with an address: the kernel's EFAULT, not a length read at 0
    (i32.store (i32.const 0) (i32.const 16))
    (call $efault (i32.const 4) (call $SYS_getsockname (i32.const 1) (i32.const 0x4000) (i32.const 0)))
    (i32.store (i32.const 0) (i32.const 0))
    ;; empty reads and writes at NULL are still fine
    (call $check (i32.const 5) (call $SYS_readv (i32.const 0) (i32.const 0) (i32.const 0)) (i64.const 0))
"#,
    );
    run_wat(&w).assert_done();
}

/// execve of a FIFO hung for ever: the engine opened it (to look for the
/// Wasm magic) with a blocking open, which waits for a writer. The kernel
/// refuses to execute a FIFO at once.
#[test]
fn fuzz_execve_of_a_fifo_does_not_block() {
    let w = hostile(
        r#"
    (call $check (i32.const 1) (call $SYS_mknod (global.get $fifo) (i32.const 0x11a4) (i64.const 0)) (i64.const 0))
    (call $check (i32.const 2) (call $SYS_execve (global.get $fifo) (i32.const 0) (i32.const 0)) (i64.const -13))
"#,
    )
    .string("fifo", "fifo");
    run_wat(&w).assert_done();
}

/// execve read its path twice (length, then bytes): another guest thread
/// putting a NUL in between made the engine panic (`CString::new`). Here a
/// second thread keeps toggling a byte of the path while the first calls execve.
#[test]
fn fuzz_execve_path_changing_under_the_engine() {
    let w = hostile(
        r#"
    (local $i i32)
    (drop (call $ok (i32.const 1) (i64.extend_i32_s (call $__wasm_thread_spawn (i32.const 1) (i32.const 0)))))
    (loop $again
      (call $check (i32.const 2) (call $SYS_execve (i32.const 0x5000) (i32.const 0) (i32.const 0)) (i64.const -2))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $again (i32.lt_u (local.get $i) (i32.const 100000))))
    (i32.atomic.store (i32.const 0x4ff0) (i32.const 1))
"#,
    )
    .items(
        r#"
  (data (i32.const 0x5000) "/nonexistent/wali-fuzz-path\00")
  (table 2 funcref)
  (elem (i32.const 1) $toggle)
  (func $toggle (param i32 i32)
    (loop $flip
      (i32.atomic.store8 (i32.const 0x5008) (i32.const 0))
      (i32.atomic.store8 (i32.const 0x5008) (i32.const 0x78))
      (br_if $flip (i32.eqz (i32.atomic.load (i32.const 0x4ff0))))))
"#,
    );
    run_wat(&w).assert_done();
}

/// tkill(gettid(), 33) crashed the engine with SIGSEGV: the host C library's
/// handler for a signal it reserves (glibc's set-id signal, installed at the
/// process's first thread) was still there. The guest's signals 32 and 33
/// have the default action, as natively, with or without threads.
#[test]
fn fuzz_reserved_signals_have_the_default_action() {
    use std::os::unix::process::ExitStatusExt;
    for (sig, thread) in [(32, false), (33, false), (32, true), (33, true)] {
        let spawn = if thread { "(drop (call $__wasm_thread_spawn (i32.const 1) (i32.const 0)))" } else { "" };
        let w = Wat::new(&format!(
            r#"{spawn}
    (i64.store (i32.const 0x4100) (i64.const 0))
    (i64.store (i32.const 0x4108) (i64.const 50000000))
    (drop (call $SYS_nanosleep (i32.const 0x4100) (i32.const 0)))
    (drop (call $SYS_tkill (i32.wrap_i64 (call $SYS_gettid)) (i32.const {sig})))"#
        ))
        .items("(table 2 funcref) (elem (i32.const 1) $idle) (func $idle (param i32 i32))");
        let out = run_wat(&w);
        assert_eq!(out.status.signal(), Some(sig), "signal {sig}, thread {thread}\n{}", out.describe());
    }
}

/// A futex wait with a huge timeout panicked (`Instant + Duration` overflow).
#[test]
fn fuzz_futex_huge_timeout() {
    let w = hostile(
        r#"
    (i64.store (i32.const 0x4100) (i64.const 0x7fffffffffffffff))
    (i64.store (i32.const 0x4108) (i64.const 0))
    (i32.store (i32.const 0x4200) (i32.const 5))
    ;; value differs: EAGAIN, whatever the timeout
    (call $check (i32.const 1) (call $SYS_futex (i32.const 0x4200) (i32.const 0) (i32.const 6) (i32.const 0x4100) (i32.const 0) (i32.const 0)) (i64.const -11))
    (call $check (i32.const 2) (call $SYS_futex (i32.const 0x4200) (i32.const 128) (i32.const 6) (i32.const 0x4100) (i32.const 0) (i32.const 0)) (i64.const -11))
    (call $check (i32.const 3) (call $SYS_futex (i32.const 0x4200) (i32.const 9) (i32.const 6) (i32.const 0x4100) (i32.const 0) (i32.const -1)) (i64.const -11))
"#,
    );
    run_wat(&w).assert_done();
}

/// A futex wait on a page the guest made inaccessible crashed the engine
/// (SIGSEGV: the wait reads the word directly). Natively: EFAULT.
#[test]
fn fuzz_futex_on_an_inaccessible_page() {
    let w = hostile(
        r#"
    (local $p i32)
    (local.set $p (call $ok32 (i32.const 1) (call $SYS_mmap (i32.const 0) (i32.const 4096) (i32.const 0) (i32.const 0x22) (i32.const -1) (i64.const 0))))
    (call $efault (i32.const 2) (call $SYS_futex (local.get $p) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)))
    (call $efault (i32.const 3) (call $SYS_futex (local.get $p) (i32.const 9) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const -1)))
    (call $efault (i32.const 4) (call $SYS_futex (local.get $p) (i32.const 4) (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0)))
    ;; unmapped
    (drop (call $ok (i32.const 5) (call $SYS_mprotect (local.get $p) (i32.const 4096) (i32.const 3))))
    (drop (call $ok (i32.const 6) (call $SYS_munmap (local.get $p) (i32.const 4096))))
    (call $efault (i32.const 7) (call $SYS_futex (local.get $p) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)))
    ;; and NULL, as natively
    (call $efault (i32.const 8) (call $SYS_futex (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)))
"#,
    );
    run_wat(&w).assert_done();
}

/// The engine's messages (an unknown import's first call) panicked when
/// standard error could not take them: the guest had made it a full,
/// non-blocking pipe. A message that cannot be written is dropped.
#[test]
fn fuzz_engine_messages_to_a_full_stderr() {
    let w = hostile(
        r#"
    (local $n i32)
    (call $check (i32.const 1) (call $SYS_pipe2 (i32.const 0x4000) (i32.const 0x800)) (i64.const 0))
    (call $check (i32.const 2) (call $SYS_dup2 (i32.load (i32.const 0x4004)) (i32.const 2)) (i64.const 2))
    ;; fill the pipe until it would block
    (block $full (loop $more
      (br_if $full (i64.lt_s (call $SYS_write (i32.const 2) (i32.const 0x5000) (i32.const 4096)) (i64.const 0)))
      (br $more)))
    (call $check (i32.const 3) (call $nope) (i64.const -38))
    (call $check (i32.const 4) (call $SYS_memfd_create (i32.const 0xffffffff) (i32.const 0)) (i64.const -14))
"#,
    )
    .import(r#"  (import "wali" "SYS_no_such_call" (func $nope (result i64)))"#);
    run_wat(&w).assert_done();
}
