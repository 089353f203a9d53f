//! Descriptors: read/write, vectored I/O, seeking, pipes, dup, fcntl, locks,
//! and readiness (poll, ppoll, select, pselect6, epoll).

mod common;

use common::{run_wat, Sandbox, Wat};

#[test]
fn vectored_io_and_seeking() {
    let w = Wat::new(
        r#"
    (local $fd i32)
    (local.set $fd (call $ok32 (i32.const 1) (call $SYS_open (global.get $f) (i32.const 0x242) (i32.const 0x1a4))))
    ;; writev: "abc", an empty entry, "defgh"
    (call $iovec (i32.const 0x4000) (global.get $abc) (i32.const 3))
    (call $iovec (i32.const 0x4008) (global.get $abc) (i32.const 0))
    (call $iovec (i32.const 0x4010) (global.get $defgh) (i32.const 5))
    (call $check (i32.const 2) (call $SYS_writev (local.get $fd) (i32.const 0x4000) (i32.const 3)) (i64.const 8))
    (call $check (i32.const 3) (call $SYS_lseek (local.get $fd) (i64.const 0) (i32.const 1)) (i64.const 8))
    (call $check (i32.const 4) (call $SYS_lseek (local.get $fd) (i64.const 0) (i32.const 0)) (i64.const 0))
    ;; readv into 2 + 3 + 10 bytes
    (call $iovec (i32.const 0x4100) (i32.const 0x5000) (i32.const 2))
    (call $iovec (i32.const 0x4108) (i32.const 0x5010) (i32.const 3))
    (call $iovec (i32.const 0x4110) (i32.const 0x5020) (i32.const 10))
    (call $check (i32.const 5) (call $SYS_readv (local.get $fd) (i32.const 0x4100) (i32.const 3)) (i64.const 8))
    (call $check_mem (i32.const 6) (i32.const 0x5000) (global.get $abc) (i32.const 2))
    (call $check_mem (i32.const 7) (i32.const 0x5010) (global.get $cde) (i32.const 3))
    (call $check_mem (i32.const 8) (i32.const 0x5020) (global.get $fgh) (i32.const 4)) ;; with the NUL after "fgh"
    (call $check (i32.const 9) (call $SYS_readv (local.get $fd) (i32.const 0x4100) (i32.const 3)) (i64.const 0))
    ;; lseek SEEK_END / SEEK_CUR / errors
    (call $check (i32.const 10) (call $SYS_lseek (local.get $fd) (i64.const -3) (i32.const 2)) (i64.const 5))
    (call $check (i32.const 11) (call $SYS_read (local.get $fd) (i32.const 0x5100) (i32.const 10)) (i64.const 3))
    (call $check_mem (i32.const 12) (i32.const 0x5100) (global.get $fgh) (i32.const 3))
    (call $check (i32.const 13) (call $SYS_lseek (local.get $fd) (i64.const -100) (i32.const 0)) (i64.const -22))
    (call $check (i32.const 14) (call $SYS_lseek (local.get $fd) (i64.const -2) (i32.const 1)) (i64.const 6))
    (call $check (i32.const 15) (call $SYS_lseek (local.get $fd) (i64.const 0) (i32.const 9)) (i64.const -22))
    ;; a large offset survives the i64 parameter
    (call $check (i32.const 16) (call $SYS_lseek (local.get $fd) (i64.const 0x123456789) (i32.const 0)) (i64.const 0x123456789))
    (call $check (i32.const 17) (call $SYS_lseek (local.get $fd) (i64.const 8) (i32.const 0)) (i64.const 8))
    ;; pwrite64 / pread64 leave the offset alone
    (call $check (i32.const 18) (call $SYS_pwrite64 (local.get $fd) (global.get $xy) (i32.const 2) (i64.const 3)) (i64.const 2))
    (call $check (i32.const 19) (call $SYS_lseek (local.get $fd) (i64.const 0) (i32.const 1)) (i64.const 8))
    (call $check (i32.const 20) (call $SYS_pread64 (local.get $fd) (i32.const 0x5200) (i32.const 4) (i64.const 2)) (i64.const 4))
    (call $check_mem (i32.const 21) (i32.const 0x5200) (global.get $cxyf) (i32.const 4))
    (call $check (i32.const 22) (call $SYS_pread64 (local.get $fd) (i32.const 0x5200) (i32.const 4) (i64.const 100)) (i64.const 0))
    (call $check (i32.const 23) (call $SYS_pread64 (local.get $fd) (i32.const 0x5200) (i32.const 4) (i64.const -1)) (i64.const -22))
    ;; preadv at offset 1: "b" then "cX"
    (call $iovec (i32.const 0x4200) (i32.const 0x5300) (i32.const 1))
    (call $iovec (i32.const 0x4208) (i32.const 0x5310) (i32.const 2))
    (call $check (i32.const 24) (call $SYS_preadv (local.get $fd) (i32.const 0x4200) (i32.const 2) (i64.const 1) (i64.const 0)) (i64.const 3))
    (call $check (i32.const 25) (i64.extend_i32_u (i32.load8_u (i32.const 0x5300))) (i64.const 98))
    (call $check_mem (i32.const 26) (i32.const 0x5310) (global.get $cxyf) (i32.const 2))
    (call $check (i32.const 27) (call $SYS_lseek (local.get $fd) (i64.const 0) (i32.const 1)) (i64.const 8))
    ;; writev to stdout with several entries, and with none
    (call $iovec (i32.const 0x4300) (global.get $hello) (global.get $hello.len))
    (call $iovec (i32.const 0x4308) (global.get $vectored) (global.get $vectored.len))
    (call $iovec (i32.const 0x4310) (global.get $world) (global.get $world.len))
    (call $check (i32.const 28) (call $SYS_writev (i32.const 1) (i32.const 0x4300) (i32.const 3))
      (i64.extend_i32_u (i32.add (global.get $hello.len) (i32.add (global.get $vectored.len) (global.get $world.len)))))
    (call $check (i32.const 29) (call $SYS_writev (i32.const 1) (i32.const 0x4300) (i32.const 0)) (i64.const 0))
    (call $check (i32.const 30) (call $SYS_readv (local.get $fd) (i32.const 0x4100) (i32.const -1)) (i64.const -22))
    (call $check (i32.const 31) (call $SYS_close (local.get $fd)) (i64.const 0))
    (call $check (i32.const 32) (call $SYS_writev (local.get $fd) (i32.const 0x4300) (i32.const 3)) (i64.const -9))
"#,
    )
    .string("f", "v.txt")
    .string("abc", "abc")
    .string("cde", "cde")
    .string("defgh", "defgh")
    .string("fgh", "fgh")
    .string("xy", "XY")
    .string("cxyf", "cXYf")
    .string("hello", "hello ")
    .string("vectored", "vectored ")
    .string("world", "world\n");
    let sb = Sandbox::new();
    let out = sb.run(&w);
    out.assert_done();
    assert_eq!(out.stdout, "hello vectored world\ndone\n");
    assert_eq!(sb.read("v.txt"), b"abcXYfgh");
}

#[test]
fn pipes_dup_and_fcntl() {
    // O_NONBLOCK = 0x800, O_CLOEXEC = 0x80000; F_DUPFD 0, F_GETFD 1, F_SETFD 2,
    // F_GETFL 3, F_SETFL 4, F_DUPFD_CLOEXEC 1030.
    let w = Wat::new(
        r#"
    (local $r i32) (local $w i32) (local $d i32) (local $d60 i32) (local $d70 i32) (local $r2 i32) (local $w2 i32)
    (call $check (i32.const 1) (call $SYS_pipe (i32.const 0x4000)) (i64.const 0))
    (local.set $r (i32.load (i32.const 0x4000)))
    (local.set $w (i32.load (i32.const 0x4004)))
    (call $check_true (i32.const 2) (i32.and (i32.ge_s (local.get $r) (i32.const 3)) (i32.ge_s (local.get $w) (i32.const 3))))
    (call $check (i32.const 3) (call $SYS_write (local.get $w) (global.get $ping) (i32.const 4)) (i64.const 4))
    (call $check (i32.const 4) (call $SYS_read (local.get $r) (i32.const 0x5000) (i32.const 16)) (i64.const 4))
    (call $check_mem (i32.const 5) (i32.const 0x5000) (global.get $ping) (i32.const 4))
    (call $check (i32.const 6) (call $SYS_fstat (local.get $r) (i32.const 0x6000)) (i64.const 0))
    (call $check (i32.const 7) (call $stat_type (i32.const 0x6000)) (i64.const 0x1000)) ;; S_IFIFO
    ;; F_GETFL / F_SETFL
    (call $check (i32.const 8) (i64.and (call $SYS_fcntl (local.get $r) (i32.const 3) (i64.const 0)) (i64.const 3)) (i64.const 0))
    (call $check (i32.const 9) (i64.and (call $SYS_fcntl (local.get $w) (i32.const 3) (i64.const 0)) (i64.const 3)) (i64.const 1))
    (call $check (i32.const 10) (call $SYS_fcntl (local.get $r) (i32.const 4) (i64.const 0x800)) (i64.const 0))
    (call $check (i32.const 11) (i64.and (call $SYS_fcntl (local.get $r) (i32.const 3) (i64.const 0)) (i64.const 0x800)) (i64.const 0x800))
    (call $check (i32.const 12) (call $SYS_read (local.get $r) (i32.const 0x5000) (i32.const 16)) (i64.const -11))
    ;; F_GETFD / F_SETFD
    (call $check (i32.const 13) (call $SYS_fcntl (local.get $r) (i32.const 1) (i64.const 0)) (i64.const 0))
    (call $check (i32.const 14) (call $SYS_fcntl (local.get $r) (i32.const 2) (i64.const 1)) (i64.const 0))
    (call $check (i32.const 15) (call $SYS_fcntl (local.get $r) (i32.const 1) (i64.const 0)) (i64.const 1))
    ;; dup
    (local.set $d (call $ok32 (i32.const 16) (call $SYS_dup (local.get $w))))
    (call $check_true (i32.const 17) (i32.ne (local.get $d) (local.get $w)))
    (call $check (i32.const 18) (call $SYS_write (local.get $d) (global.get $ping) (i32.const 1)) (i64.const 1))
    (call $check (i32.const 19) (call $SYS_read (local.get $r) (i32.const 0x5000) (i32.const 16)) (i64.const 1))
    ;; dup2 / dup3
    (call $check (i32.const 20) (call $SYS_dup2 (local.get $w) (i32.const 50)) (i64.const 50))
    (call $check (i32.const 21) (call $SYS_fcntl (i32.const 50) (i32.const 1) (i64.const 0)) (i64.const 0))
    (call $check (i32.const 22) (call $SYS_write (i32.const 50) (global.get $ping) (i32.const 2)) (i64.const 2))
    (call $check (i32.const 23) (call $SYS_read (local.get $r) (i32.const 0x5000) (i32.const 16)) (i64.const 2))
    (call $check (i32.const 24) (call $SYS_dup2 (local.get $w) (local.get $w)) (i64.extend_i32_u (local.get $w)))
    (call $check (i32.const 25) (call $SYS_dup2 (i32.const 999) (i32.const 52)) (i64.const -9))
    (call $check (i32.const 26) (call $SYS_dup3 (local.get $w) (i32.const 51) (i32.const 0x80000)) (i64.const 51))
    (call $check (i32.const 27) (call $SYS_fcntl (i32.const 51) (i32.const 1) (i64.const 0)) (i64.const 1))
    (call $check (i32.const 28) (call $SYS_dup3 (local.get $w) (local.get $w) (i32.const 0)) (i64.const -22))
    ;; F_DUPFD / F_DUPFD_CLOEXEC
    (local.set $d60 (call $ok32 (i32.const 29) (call $SYS_fcntl (local.get $w) (i32.const 0) (i64.const 60))))
    (call $check_true (i32.const 30) (i32.ge_s (local.get $d60) (i32.const 60)))
    (call $check (i32.const 31) (call $SYS_fcntl (local.get $d60) (i32.const 1) (i64.const 0)) (i64.const 0))
    (local.set $d70 (call $ok32 (i32.const 32) (call $SYS_fcntl (local.get $w) (i32.const 1030) (i64.const 70))))
    (call $check_true (i32.const 33) (i32.ge_s (local.get $d70) (i32.const 70)))
    (call $check (i32.const 34) (call $SYS_fcntl (local.get $d70) (i32.const 1) (i64.const 0)) (i64.const 1))
    ;; closing every write end gives end of file
    (call $check (i32.const 35) (call $SYS_close (local.get $w)) (i64.const 0))
    (call $check (i32.const 36) (call $SYS_write (local.get $d) (global.get $ping) (i32.const 4)) (i64.const 4))
    (call $check (i32.const 37) (call $SYS_close (local.get $d)) (i64.const 0))
    (call $check (i32.const 38) (call $SYS_close (i32.const 50)) (i64.const 0))
    (call $check (i32.const 39) (call $SYS_close (i32.const 51)) (i64.const 0))
    (call $check (i32.const 40) (call $SYS_close (local.get $d60)) (i64.const 0))
    (call $check (i32.const 41) (call $SYS_close (local.get $d70)) (i64.const 0))
    (call $check (i32.const 42) (call $SYS_read (local.get $r) (i32.const 0x5000) (i32.const 16)) (i64.const 4))
    (call $check (i32.const 43) (call $SYS_read (local.get $r) (i32.const 0x5000) (i32.const 16)) (i64.const 0))
    ;; pipe2 with O_NONBLOCK | O_CLOEXEC
    (call $check (i32.const 44) (call $SYS_pipe2 (i32.const 0x4008) (i32.const 0x80800)) (i64.const 0))
    (local.set $r2 (i32.load (i32.const 0x4008)))
    (local.set $w2 (i32.load (i32.const 0x400c)))
    (call $check (i32.const 45) (call $SYS_read (local.get $r2) (i32.const 0x5000) (i32.const 16)) (i64.const -11))
    (call $check (i32.const 46) (call $SYS_fcntl (local.get $w2) (i32.const 1) (i64.const 0)) (i64.const 1))
    (call $check (i32.const 47) (i64.and (call $SYS_fcntl (local.get $w2) (i32.const 3) (i64.const 0)) (i64.const 0x800)) (i64.const 0x800))
    (call $check (i32.const 48) (call $SYS_pipe2 (i32.const 0x4008) (i32.const 0x1)) (i64.const -22))
    ;; writing to a pipe without readers: EPIPE (SIGPIPE ignored first)
    (i64.store (i32.const 0x7000) (i64.const 0))
    (i32.store (i32.const 0x7000) (i32.const -2)) ;; SIG_IGN
    (call $check (i32.const 49) (call $SYS_rt_sigaction (i32.const 13) (i32.const 0x7000) (i32.const 0) (i32.const 8)) (i64.const 0))
    (call $check (i32.const 50) (call $SYS_close (local.get $r2)) (i64.const 0))
    (call $check (i32.const 51) (call $SYS_write (local.get $w2) (global.get $ping) (i32.const 4)) (i64.const -32))
"#,
    )
    .string("ping", "ping");
    run_wat(&w).assert_done();
}

#[test]
fn fcntl_record_locks() {
    // struct flock (x86_64, 32 bytes): l_type i16 @0, l_whence i16 @2,
    // l_start i64 @8, l_len i64 @16, l_pid i32 @24.
    // F_GETLK 5, F_SETLK 6, F_OFD_GETLK 36; F_RDLCK 0, F_WRLCK 1, F_UNLCK 2.
    let w = Wat::new(
        r#"
    (local $fd i32) (local $fd2 i32)
    (local.set $fd (call $ok32 (i32.const 1) (call $SYS_open (global.get $f) (i32.const 0x42) (i32.const 0x1a4))))
    (local.set $fd2 (call $ok32 (i32.const 2) (call $SYS_open (global.get $f) (i32.const 2) (i32.const 0))))
    ;; a write lock on bytes 0..10
    (memory.fill (i32.const 0x4000) (i32.const 0) (i32.const 32))
    (i32.store16 (i32.const 0x4000) (i32.const 1))
    (i64.store (i32.const 0x4010) (i64.const 10))
    (call $check (i32.const 3) (call $SYS_fcntl (local.get $fd) (i32.const 6) (i64.const 0x4000)) (i64.const 0))
    ;; F_GETLK from the owner: no conflict, l_type becomes F_UNLCK
    (call $check (i32.const 4) (call $SYS_fcntl (local.get $fd) (i32.const 5) (i64.const 0x4000)) (i64.const 0))
    (call $check (i32.const 5) (i64.load16_s (i32.const 0x4000)) (i64.const 2))
    ;; F_OFD_GETLK on another open file description sees our lock, with our pid
    (memory.fill (i32.const 0x4100) (i32.const 0) (i32.const 32))
    (i32.store16 (i32.const 0x4100) (i32.const 1))
    (i64.store (i32.const 0x4108) (i64.const 5))
    (i64.store (i32.const 0x4110) (i64.const 1))
    (call $check (i32.const 6) (call $SYS_fcntl (local.get $fd2) (i32.const 36) (i64.const 0x4100)) (i64.const 0))
    (call $check (i32.const 7) (i64.load16_s (i32.const 0x4100)) (i64.const 1))
    (call $check (i32.const 8) (i64.load offset=8 (i32.const 0x4100)) (i64.const 0))
    (call $check (i32.const 9) (i64.load offset=16 (i32.const 0x4100)) (i64.const 10))
    (call $check (i32.const 10) (i64.load32_s offset=24 (i32.const 0x4100)) (call $SYS_getpid))
    ;; unlock; the other description sees no lock any more
    (i32.store16 (i32.const 0x4000) (i32.const 2))
    (call $check (i32.const 11) (call $SYS_fcntl (local.get $fd) (i32.const 6) (i64.const 0x4000)) (i64.const 0))
    (memory.fill (i32.const 0x4100) (i32.const 0) (i32.const 32))
    (i32.store16 (i32.const 0x4100) (i32.const 1))
    (call $check (i32.const 12) (call $SYS_fcntl (local.get $fd2) (i32.const 36) (i64.const 0x4100)) (i64.const 0))
    (call $check (i32.const 13) (i64.load16_s (i32.const 0x4100)) (i64.const 2))
    ;; a read lock on a descriptor opened for writing only
    (drop (call $SYS_close (local.get $fd2)))
    (local.set $fd2 (call $ok32 (i32.const 14) (call $SYS_open (global.get $f) (i32.const 1) (i32.const 0))))
    (i32.store16 (i32.const 0x4000) (i32.const 0))
    (call $check (i32.const 15) (call $SYS_fcntl (local.get $fd2) (i32.const 6) (i64.const 0x4000)) (i64.const -9))
    ;; flock(2)
    (call $check (i32.const 16) (call $SYS_flock (local.get $fd) (i32.const 2)) (i64.const 0))  ;; LOCK_EX
    (call $check (i32.const 17) (call $SYS_flock (local.get $fd2) (i32.const 6)) (i64.const -11)) ;; LOCK_EX|LOCK_NB
    (call $check (i32.const 18) (call $SYS_flock (local.get $fd) (i32.const 8)) (i64.const 0))  ;; LOCK_UN
    (call $check (i32.const 19) (call $SYS_flock (local.get $fd2) (i32.const 6)) (i64.const 0))
"#,
    )
    .string("f", "lockfile");
    run_wat(&w).assert_done();
}

#[test]
fn poll_ppoll_select_pselect6() {
    // struct pollfd {fd i32, events i16, revents i16}; POLLIN 1, POLLOUT 4, POLLHUP 0x10.
    let w = Wat::new(
        r#"
    (local $r i32) (local $w i32) (local $nfds i32)
    (call $check (i32.const 1) (call $SYS_pipe (i32.const 0x4000)) (i64.const 0))
    (local.set $r (i32.load (i32.const 0x4000)))
    (local.set $w (i32.load (i32.const 0x4004)))
    (local.set $nfds (i32.add (select (local.get $r) (local.get $w) (i32.gt_s (local.get $r) (local.get $w))) (i32.const 1)))
    ;; poll: only the write end is ready
    (i32.store (i32.const 0x4100) (local.get $r))
    (i32.store (i32.const 0x4104) (i32.const 1))
    (i32.store (i32.const 0x4108) (local.get $w))
    (i32.store (i32.const 0x410c) (i32.const 4))
    (call $check (i32.const 2) (call $SYS_poll (i32.const 0x4100) (i64.const 2) (i32.const 0)) (i64.const 1))
    (call $check (i32.const 3) (i64.load16_u (i32.const 0x4106)) (i64.const 0))
    (call $check (i32.const 4) (i64.load16_u (i32.const 0x410e)) (i64.const 4))
    ;; a timeout of 20 ms elapses
    (call $check (i32.const 5) (call $SYS_poll (i32.const 0x4100) (i64.const 1) (i32.const 20)) (i64.const 0))
    (call $check (i32.const 6) (call $SYS_write (local.get $w) (global.get $x) (i32.const 1)) (i64.const 1))
    (call $check (i32.const 7) (call $SYS_poll (i32.const 0x4100) (i64.const 2) (i32.const -1)) (i64.const 2))
    (call $check (i32.const 8) (i64.load16_u (i32.const 0x4106)) (i64.const 1))
    ;; ppoll with a zero timespec, without and with a signal mask
    (i64.store (i32.const 0x4200) (i64.const 0))
    (i64.store (i32.const 0x4208) (i64.const 0))
    (i64.store (i32.const 0x4300) (i64.const 0))
    (call $check (i32.const 9) (call $SYS_ppoll (i32.const 0x4100) (i64.const 2) (i32.const 0x4200) (i32.const 0) (i32.const 8)) (i64.const 2))
    (call $check (i32.const 10) (call $SYS_ppoll (i32.const 0x4100) (i64.const 2) (i32.const 0x4200) (i32.const 0x4300) (i32.const 8)) (i64.const 2))
    (call $check (i32.const 11) (call $SYS_ppoll (i32.const 0x4100) (i64.const 2) (i32.const 0x4200) (i32.const 0x4300) (i32.const 4)) (i64.const -22))
    ;; select: read set {r}, write set {w}, timeval {0, 0}
    (memory.fill (i32.const 0x5000) (i32.const 0) (i32.const 0x300))
    (i32.store8 (i32.add (i32.const 0x5000) (i32.shr_u (local.get $r) (i32.const 3)))
                (i32.shl (i32.const 1) (i32.and (local.get $r) (i32.const 7))))
    (i32.store8 (i32.add (i32.const 0x5080) (i32.shr_u (local.get $w) (i32.const 3)))
                (i32.shl (i32.const 1) (i32.and (local.get $w) (i32.const 7))))
    (call $check (i32.const 12) (call $SYS_select (local.get $nfds) (i32.const 0x5000) (i32.const 0x5080) (i32.const 0) (i32.const 0x5200)) (i64.const 2))
    ;; drain the pipe: only the write end stays ready, and select clears the read bit
    (call $check (i32.const 13) (call $SYS_read (local.get $r) (i32.const 0x6000) (i32.const 16)) (i64.const 1))
    (i32.store8 (i32.add (i32.const 0x5080) (i32.shr_u (local.get $w) (i32.const 3)))
                (i32.shl (i32.const 1) (i32.and (local.get $w) (i32.const 7))))
    (i32.store8 (i32.add (i32.const 0x5000) (i32.shr_u (local.get $r) (i32.const 3)))
                (i32.shl (i32.const 1) (i32.and (local.get $r) (i32.const 7))))
    (call $check (i32.const 14) (call $SYS_select (local.get $nfds) (i32.const 0x5000) (i32.const 0x5080) (i32.const 0) (i32.const 0x5200)) (i64.const 1))
    (call $check_true (i32.const 15) (call $all_zero (i32.const 0x5000) (i32.const 128)))
    ;; select with a 10 ms timeout on the empty pipe
    (i32.store8 (i32.add (i32.const 0x5000) (i32.shr_u (local.get $r) (i32.const 3)))
                (i32.shl (i32.const 1) (i32.and (local.get $r) (i32.const 7))))
    (i64.store (i32.const 0x5200) (i64.const 0))
    (i64.store (i32.const 0x5208) (i64.const 10000))
    (call $check (i32.const 16) (call $SYS_select (local.get $nfds) (i32.const 0x5000) (i32.const 0) (i32.const 0) (i32.const 0x5200)) (i64.const 0))
    ;; pselect6: 6th argument -> {u64 sigset pointer, u64 size}
    (call $check (i32.const 17) (call $SYS_write (local.get $w) (global.get $x) (i32.const 1)) (i64.const 1))
    (i32.store8 (i32.add (i32.const 0x5000) (i32.shr_u (local.get $r) (i32.const 3)))
                (i32.shl (i32.const 1) (i32.and (local.get $r) (i32.const 7))))
    (i64.store (i32.const 0x5300) (i64.const 0))          ;; timespec {0, 0}
    (i64.store (i32.const 0x5308) (i64.const 0))
    (i64.store (i32.const 0x5400) (i64.const 0x5500))     ;; sigset pointer
    (i64.store (i32.const 0x5408) (i64.const 8))          ;; sigset size
    (i64.store (i32.const 0x5500) (i64.const 0))
    (call $check (i32.const 18) (call $SYS_pselect6 (local.get $nfds) (i32.const 0x5000) (i32.const 0) (i32.const 0) (i32.const 0x5300) (i32.const 0x5400)) (i64.const 1))
    (call $check_true (i32.const 19) (i32.eqz (call $all_zero (i32.const 0x5000) (i32.const 128))))
    (call $check (i32.const 20) (call $SYS_pselect6 (local.get $nfds) (i32.const 0x5000) (i32.const 0) (i32.const 0) (i32.const 0x5300) (i32.const 0)) (i64.const 1))
    ;; a wrong sigset size
    (i64.store (i32.const 0x5408) (i64.const 4))
    (call $check (i32.const 21) (call $SYS_pselect6 (local.get $nfds) (i32.const 0x5000) (i32.const 0) (i32.const 0) (i32.const 0x5300) (i32.const 0x5400)) (i64.const -22))
    ;; hang-up once the write end is closed
    (call $check (i32.const 22) (call $SYS_close (local.get $w)) (i64.const 0))
    (call $check (i32.const 23) (call $SYS_read (local.get $r) (i32.const 0x6000) (i32.const 16)) (i64.const 1))
    (call $check (i32.const 24) (call $SYS_poll (i32.const 0x4100) (i64.const 1) (i32.const 0)) (i64.const 1))
    (call $check (i32.const 25) (i64.and (i64.load16_u (i32.const 0x4106)) (i64.const 0x10)) (i64.const 0x10))
    (call $check (i32.const 26) (call $SYS_select (i32.const -1) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)) (i64.const -22))
"#,
    )
    .string("x", "x");
    run_wat(&w).assert_done();
}

#[test]
fn epoll_packed_events() {
    // struct epoll_event is 12 bytes, packed: events u32 @0, data u64 @4.
    // EPOLL_CTL_ADD 1, DEL 2, MOD 3; EPOLLIN 1, EPOLLOUT 4.
    let w = Wat::new(
        r#"
    (local $ep i32) (local $r i32) (local $w i32) (local $ev i32)
    (call $check (i32.const 1) (call $SYS_pipe (i32.const 0x4000)) (i64.const 0))
    (local.set $r (i32.load (i32.const 0x4000)))
    (local.set $w (i32.load (i32.const 0x4004)))
    (local.set $ev (call $ok32 (i32.const 2) (call $SYS_eventfd2 (i32.const 0) (i32.const 0))))
    (local.set $ep (call $ok32 (i32.const 3) (call $SYS_epoll_create1 (i32.const 0x80000))))
    (call $check (i32.const 4) (call $SYS_fcntl (local.get $ep) (i32.const 1) (i64.const 0)) (i64.const 1))
    (i32.store (i32.const 0x4100) (i32.const 1))
    (i64.store (i32.const 0x4104) (i64.const 0x1122334455667788))
    (call $check (i32.const 5) (call $SYS_epoll_ctl (local.get $ep) (i32.const 1) (local.get $r) (i32.const 0x4100)) (i64.const 0))
    (call $check (i32.const 6) (call $SYS_epoll_ctl (local.get $ep) (i32.const 1) (local.get $r) (i32.const 0x4100)) (i64.const -17))
    (i32.store (i32.const 0x4110) (i32.const 1))
    (i64.store (i32.const 0x4114) (i64.const -2))
    (call $check (i32.const 7) (call $SYS_epoll_ctl (local.get $ep) (i32.const 1) (local.get $ev) (i32.const 0x4110)) (i64.const 0))
    ;; nothing ready yet; then a 10 ms timeout
    (call $check (i32.const 8) (call $SYS_epoll_wait (local.get $ep) (i32.const 0x5000) (i32.const 4) (i32.const 0)) (i64.const 0))
    (call $check (i32.const 9) (call $SYS_epoll_wait (local.get $ep) (i32.const 0x5000) (i32.const 4) (i32.const 10)) (i64.const 0))
    ;; both become readable
    (call $check (i32.const 10) (call $SYS_write (local.get $w) (global.get $x) (i32.const 1)) (i64.const 1))
    (i64.store (i32.const 0x4200) (i64.const 3))
    (call $check (i32.const 11) (call $SYS_write (local.get $ev) (i32.const 0x4200) (i32.const 8)) (i64.const 8))
    (memory.fill (i32.const 0x5000) (i32.const 0xee) (i32.const 64))
    (call $check (i32.const 12) (call $SYS_epoll_wait (local.get $ep) (i32.const 0x5000) (i32.const 4) (i32.const 1000)) (i64.const 2))
    ;; two events at 0x5000 and 0x500c, in either order; nothing written after them
    (call $check (i32.const 13) (i64.load32_u (i32.const 0x5000)) (i64.const 1))
    (call $check (i32.const 14) (i64.load32_u (i32.const 0x500c)) (i64.const 1))
    (call $check (i32.const 15) (i64.add (i64.load (i32.const 0x5004)) (i64.load (i32.const 0x5010)))
                                (i64.add (i64.const 0x1122334455667788) (i64.const -2)))
    (call $check_true (i32.const 16) (i32.or (i64.eq (i64.load (i32.const 0x5004)) (i64.const -2))
                                             (i64.eq (i64.load (i32.const 0x5010)) (i64.const -2))))
    (call $check (i32.const 17) (i64.load32_u (i32.const 0x5018)) (i64.const 0xeeeeeeee))
    ;; maxevents 1 returns one event
    (call $check (i32.const 18) (call $SYS_epoll_wait (local.get $ep) (i32.const 0x5000) (i32.const 1) (i32.const 0)) (i64.const 1))
    (call $check (i32.const 19) (call $SYS_epoll_wait (local.get $ep) (i32.const 0x5000) (i32.const 0) (i32.const 0)) (i64.const -22))
    ;; epoll_pwait with a signal mask
    (i64.store (i32.const 0x4300) (i64.const 0))
    (call $check (i32.const 20) (call $SYS_epoll_pwait (local.get $ep) (i32.const 0x5000) (i32.const 4) (i32.const 0) (i32.const 0x4300) (i32.const 8)) (i64.const 2))
    (call $check (i32.const 21) (call $SYS_epoll_pwait (local.get $ep) (i32.const 0x5000) (i32.const 4) (i32.const 0) (i32.const 0) (i32.const 8)) (i64.const 2))
    ;; EPOLL_CTL_MOD: watch the pipe for EPOLLOUT only (never on a read end)
    (i32.store (i32.const 0x4100) (i32.const 4))
    (call $check (i32.const 22) (call $SYS_epoll_ctl (local.get $ep) (i32.const 3) (local.get $r) (i32.const 0x4100)) (i64.const 0))
    (call $check (i32.const 23) (call $SYS_epoll_wait (local.get $ep) (i32.const 0x5000) (i32.const 4) (i32.const 0)) (i64.const 1))
    (call $check (i32.const 24) (i64.load (i32.const 0x5004)) (i64.const -2))
    ;; EPOLL_CTL_DEL the eventfd: nothing left
    (call $check (i32.const 25) (call $SYS_epoll_ctl (local.get $ep) (i32.const 2) (local.get $ev) (i32.const 0)) (i64.const 0))
    (call $check (i32.const 26) (call $SYS_epoll_wait (local.get $ep) (i32.const 0x5000) (i32.const 4) (i32.const 0)) (i64.const 0))
    (call $check (i32.const 27) (call $SYS_epoll_ctl (local.get $ep) (i32.const 2) (local.get $ev) (i32.const 0)) (i64.const -2))
    ;; the legacy epoll_create
    (call $check_true (i32.const 28) (i32.ge_s (call $ok32 (i32.const 29) (call $SYS_epoll_create (i32.const 1))) (i32.const 3)))
    (call $check (i32.const 30) (call $SYS_epoll_create (i32.const 0)) (i64.const -22))
"#,
    )
    .string("x", "x");
    run_wat(&w).assert_done();
}

#[test]
fn file_to_file_copies() {
    // pwritev, copy_file_range, sendfile, splice (offsets are 64-bit, in memory).
    let w = Wat::new(
        r#"
    (local $a i32) (local $b i32)
    (local.set $a (call $ok32 (i32.const 1) (call $SYS_open (global.get $fa) (i32.const 0x242) (i32.const 0x1a4))))
    (local.set $b (call $ok32 (i32.const 2) (call $SYS_open (global.get $fb) (i32.const 0x242) (i32.const 0x1a4))))
    (call $iovec (i32.const 0x4000) (global.get $hello) (i32.const 5))
    (call $iovec (i32.const 0x4008) (global.get $world) (i32.const 5))
    (call $check (i32.const 3) (call $SYS_pwritev (local.get $a) (i32.const 0x4000) (i32.const 2) (i64.const 2) (i64.const 0)) (i64.const 10))
    (call $check (i32.const 4) (call $SYS_lseek (local.get $a) (i64.const 0) (i32.const 1)) (i64.const 0))
    ;; copy_file_range from offset 2 (updated in memory) to b's own offset
    (i64.store (i32.const 0x4100) (i64.const 2))
    (call $check (i32.const 5) (call $SYS_copy_file_range (local.get $a) (i32.const 0x4100) (local.get $b) (i32.const 0) (i32.const 5) (i32.const 0)) (i64.const 5))
    (call $check (i32.const 6) (i64.load (i32.const 0x4100)) (i64.const 7))
    ;; sendfile the rest, with an offset in memory
    (call $check (i32.const 7) (call $SYS_sendfile (local.get $b) (local.get $a) (i32.const 0x4100) (i32.const 100)) (i64.const 5))
    (call $check (i32.const 8) (i64.load (i32.const 0x4100)) (i64.const 12))
    ;; splice b's first 3 bytes into a pipe, at an offset in memory
    (call $check (i32.const 9) (call $SYS_pipe (i32.const 0x4200)) (i64.const 0))
    (i64.store (i32.const 0x4100) (i64.const 0))
    (call $check (i32.const 10) (call $SYS_splice (local.get $b) (i32.const 0x4100) (i32.load (i32.const 0x4204)) (i32.const 0) (i32.const 3) (i32.const 0)) (i64.const 3))
    (call $check (i32.const 11) (call $SYS_read (i32.load (i32.const 0x4200)) (i32.const 0x5000) (i32.const 16)) (i64.const 3))
    (call $check_mem (i32.const 12) (i32.const 0x5000) (global.get $hello) (i32.const 3))
    ;; memfd_create gives a file
    (call $check_true (i32.const 13) (i32.ge_s (call $ok32 (i32.const 14) (call $SYS_memfd_create (global.get $fa) (i32.const 0))) (i32.const 3)))
"#,
    )
    .string("fa", "a.dat")
    .string("fb", "b.dat")
    .string("hello", "hello")
    .string("world", "world");
    let sb = Sandbox::new();
    sb.run(&w).assert_done();
    assert_eq!(sb.read("a.dat"), b"\0\0helloworld");
    assert_eq!(sb.read("b.dat"), b"helloworld");
}
