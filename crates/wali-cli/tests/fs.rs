//! Files and directories, and the stat family (x86_64 `struct stat` and
//! `struct statx` offsets from the spec's layouts.txt).

mod common;

use common::{Sandbox, Wat};
use std::os::unix::fs::MetadataExt;

// x86_64 values.
// O_WRONLY|O_CREAT|O_TRUNC = 0x241, O_RDWR|O_CREAT|O_TRUNC = 0x242,
// O_WRONLY|O_CREAT|O_EXCL = 0xc1, O_DIRECTORY = 0x10000, AT_FDCWD = -100.
// S_IFREG 0x8000, S_IFDIR 0x4000, S_IFLNK 0xa000.

#[test]
fn open_write_read_close() {
    let w = Wat::new(
        r#"
    (local $fd i32) (local $dir i32)
    (local.set $fd (call $ok32 (i32.const 1) (call $SYS_open (global.get $file) (i32.const 0x241) (i32.const 0x1a4))))
    (call $check_true (i32.const 2) (i32.ge_s (local.get $fd) (i32.const 3)))
    (call $check (i32.const 3) (call $SYS_write (local.get $fd) (global.get $text) (global.get $text.len))
                 (i64.extend_i32_u (global.get $text.len)))
    (call $check (i32.const 4) (call $SYS_close (local.get $fd)) (i64.const 0))
    (call $check (i32.const 5) (call $SYS_close (local.get $fd)) (i64.const -9))
    ;; O_EXCL on an existing file, a missing file
    (call $check (i32.const 6) (call $SYS_open (global.get $file) (i32.const 0xc1) (i32.const 0x1a4)) (i64.const -17))
    (call $check (i32.const 7) (call $SYS_open (global.get $missing) (i32.const 0) (i32.const 0)) (i64.const -2))
    ;; read it back through openat(AT_FDCWD)
    (local.set $fd (call $ok32 (i32.const 8) (call $SYS_openat (i32.const -100) (global.get $file) (i32.const 0) (i32.const 0))))
    (call $check (i32.const 9) (call $SYS_read (local.get $fd) (i32.const 0x4000) (i32.const 100))
                 (i64.extend_i32_u (global.get $text.len)))
    (call $check_mem (i32.const 10) (i32.const 0x4000) (global.get $text) (global.get $text.len))
    (call $check (i32.const 11) (call $SYS_read (local.get $fd) (i32.const 0x4000) (i32.const 100)) (i64.const 0))
    ;; writing to a read-only descriptor
    (call $check (i32.const 12) (call $SYS_write (local.get $fd) (global.get $text) (i32.const 1)) (i64.const -9))
    (call $check (i32.const 13) (call $SYS_close (local.get $fd)) (i64.const 0))
    ;; openat relative to a directory descriptor
    (call $check (i32.const 14) (call $SYS_mkdir (global.get $dir) (i32.const 0x1ed)) (i64.const 0))
    (local.set $dir (call $ok32 (i32.const 15) (call $SYS_open (global.get $dir) (i32.const 0x10000) (i32.const 0))))
    (local.set $fd (call $ok32 (i32.const 16)
      (call $SYS_openat (local.get $dir) (global.get $inner) (i32.const 0x241) (i32.const 0x180))))
    (call $check (i32.const 17) (call $SYS_write (local.get $fd) (global.get $text) (i32.const 4)) (i64.const 4))
    ;; O_DIRECTORY on a regular file
    (call $check (i32.const 18) (call $SYS_open (global.get $file) (i32.const 0x10000) (i32.const 0)) (i64.const -20))
    ;; writing to a directory descriptor
    (call $check (i32.const 19) (call $SYS_write (local.get $dir) (global.get $text) (i32.const 1)) (i64.const -9))
    (call $check (i32.const 20) (call $SYS_close (local.get $dir)) (i64.const 0))
"#,
    )
    .string("file", "a.txt")
    .string("missing", "no/such/file")
    .string("dir", "d")
    .string("inner", "inner.txt")
    .string("text", "hello world");
    let sb = Sandbox::new();
    sb.run(&w).assert_done();
    assert_eq!(sb.read("a.txt"), b"hello world");
    assert_eq!(sb.read("d/inner.txt"), b"hell");
    assert_eq!(std::fs::metadata(sb.path().join("d/inner.txt")).unwrap().mode() & 0o777, 0o600);
}

#[test]
fn directories_and_cwd() {
    let w = Wat::new(
        r#"
    (local $n i64)
    (call $check (i32.const 1) (call $SYS_mkdir (global.get $d) (i32.const 0x1ed)) (i64.const 0))
    (call $check (i32.const 2) (call $SYS_mkdir (global.get $d) (i32.const 0x1ed)) (i64.const -17))
    (call $check (i32.const 3) (call $SYS_mkdir (global.get $dsub) (i32.const 0x1ed)) (i64.const 0))
    (call $check (i32.const 4) (call $SYS_rmdir (global.get $d)) (i64.const -39))
    (call $check (i32.const 5) (call $SYS_rmdir (global.get $missing)) (i64.const -2))
    (call $check (i32.const 6) (call $SYS_chdir (global.get $d)) (i64.const 0))
    (local.set $n (call $ok (i32.const 7) (call $SYS_getcwd (i32.const 0x4000) (i32.const 4096))))
    ;; the kernel returns the length with the NUL
    (call $check (i32.const 8) (local.get $n) (i64.extend_i32_u (i32.add (call $strlen (i32.const 0x4000)) (i32.const 1))))
    (call $print (global.get $cwd)) (call $puts (i32.const 0x4000))
    (call $check (i32.const 9) (call $SYS_getcwd (i32.const 0x4000) (i32.const 2)) (i64.const -34))
    (call $check (i32.const 10) (call $SYS_chdir (global.get $sub)) (i64.const 0))
    (call $check (i32.const 11) (call $SYS_chdir (global.get $dotdot)) (i64.const 0))
    (call $check (i32.const 12) (call $SYS_rmdir (global.get $sub)) (i64.const 0))
    (call $check (i32.const 13) (call $SYS_chdir (global.get $dotdot)) (i64.const 0))
    (call $check (i32.const 14) (call $SYS_rmdir (global.get $d)) (i64.const 0))
    (call $check (i32.const 15) (call $SYS_chdir (global.get $missing)) (i64.const -2))
    ;; mkdirat relative to the working directory, and a file is not a directory
    (call $check (i32.const 16) (call $SYS_mkdirat (i32.const -100) (global.get $e) (i32.const 0x1c0)) (i64.const 0))
    (drop (call $ok (i32.const 17) (call $SYS_open (global.get $file) (i32.const 0x241) (i32.const 0x1a4))))
    (call $check (i32.const 18) (call $SYS_chdir (global.get $file)) (i64.const -20))
    (call $check (i32.const 19) (call $SYS_rmdir (global.get $file)) (i64.const -20))
    (call $check (i32.const 20) (call $SYS_unlinkat (i32.const -100) (global.get $e) (i32.const 0x200)) (i64.const 0))
"#,
    )
    .string("d", "d")
    .string("dsub", "d/sub")
    .string("sub", "sub")
    .string("dotdot", "..")
    .string("e", "e")
    .string("file", "plain")
    .string("missing", "missing")
    .string("cwd", "cwd=");
    let sb = Sandbox::new();
    let out = sb.run(&w);
    out.assert_done();
    let want = std::fs::canonicalize(sb.path()).unwrap().join("d");
    assert_eq!(out.lines(), [format!("cwd={}", want.display())]);
    assert!(!sb.path().join("d").exists());
    assert!(!sb.path().join("e").exists());
}

#[test]
fn links_and_renames() {
    let w = Wat::new(
        r#"
    (local $fd i32)
    (local.set $fd (call $ok32 (i32.const 1) (call $SYS_open (global.get $a) (i32.const 0x241) (i32.const 0x1a4))))
    (drop (call $ok (i32.const 2) (call $SYS_write (local.get $fd) (global.get $text) (global.get $text.len))))
    (drop (call $SYS_close (local.get $fd)))
    (drop (call $SYS_close (call $ok32 (i32.const 3) (call $SYS_open (global.get $other) (i32.const 0x241) (i32.const 0x1a4)))))
    ;; rename, renameat2
    (call $check (i32.const 4) (call $SYS_rename (global.get $a) (global.get $b)) (i64.const 0))
    (call $check (i32.const 5) (call $SYS_access (global.get $a) (i32.const 0)) (i64.const -2))
    (call $check (i32.const 6) (call $SYS_access (global.get $b) (i32.const 6)) (i64.const 0))
    (call $check (i32.const 7) (call $SYS_renameat2 (i32.const -100) (global.get $b) (i32.const -100) (global.get $c) (i32.const 0)) (i64.const 0))
    ;; RENAME_NOREPLACE onto an existing file
    (call $check (i32.const 8) (call $SYS_renameat2 (i32.const -100) (global.get $c) (i32.const -100) (global.get $other) (i32.const 1)) (i64.const -17))
    (call $check (i32.const 9) (call $SYS_rename (global.get $missing) (global.get $b)) (i64.const -2))
    ;; hard link
    (call $check (i32.const 10) (call $SYS_link (global.get $c) (global.get $hard)) (i64.const 0))
    (call $check (i32.const 11) (call $SYS_link (global.get $c) (global.get $hard)) (i64.const -17))
    (call $check (i32.const 12) (call $SYS_stat (global.get $hard) (i32.const 0x5000)) (i64.const 0))
    (call $check (i32.const 13) (i64.load offset=16 (i32.const 0x5000)) (i64.const 2))
    ;; symbolic link
    (call $check (i32.const 14) (call $SYS_symlink (global.get $c) (global.get $sym)) (i64.const 0))
    (call $check (i32.const 15) (call $SYS_readlink (global.get $sym) (i32.const 0x4000) (i32.const 64)) (i64.const 5))
    (call $check_mem (i32.const 16) (i32.const 0x4000) (global.get $c) (i32.const 5))
    (call $check (i32.const 17) (call $SYS_readlink (global.get $sym) (i32.const 0x4100) (i32.const 3)) (i64.const 3))
    (call $check_mem (i32.const 18) (i32.const 0x4100) (global.get $c) (i32.const 3))
    (call $check (i32.const 19) (call $SYS_readlink (global.get $c) (i32.const 0x4000) (i32.const 64)) (i64.const -22))
    (call $check (i32.const 20) (call $SYS_readlinkat (i32.const -100) (global.get $sym) (i32.const 0x4200) (i32.const 64)) (i64.const 5))
    (call $check (i32.const 21) (call $SYS_symlinkat (global.get $c) (i32.const -100) (global.get $sym2)) (i64.const 0))
    (call $check (i32.const 22) (call $SYS_linkat (i32.const -100) (global.get $c) (i32.const -100) (global.get $hard2) (i32.const 0)) (i64.const 0))
    ;; unlink
    (call $check (i32.const 23) (call $SYS_unlink (global.get $hard)) (i64.const 0))
    (call $check (i32.const 24) (call $SYS_unlink (global.get $hard)) (i64.const -2))
    (call $check (i32.const 25) (call $SYS_unlinkat (i32.const -100) (global.get $hard2) (i32.const 0)) (i64.const 0))
    (call $check (i32.const 26) (call $SYS_stat (global.get $c) (i32.const 0x5000)) (i64.const 0))
    (call $check (i32.const 27) (i64.load offset=16 (i32.const 0x5000)) (i64.const 1))
    (call $check (i32.const 28) (call $SYS_mkdir (global.get $dir) (i32.const 0x1ed)) (i64.const 0))
    (call $check (i32.const 29) (call $SYS_unlink (global.get $dir)) (i64.const -21))
    ;; faccessat / faccessat2
    (call $check (i32.const 30) (call $SYS_faccessat (i32.const -100) (global.get $c) (i32.const 4) (i32.const 0)) (i64.const 0))
    (call $check (i32.const 31) (call $SYS_faccessat (i32.const -100) (global.get $missing) (i32.const 0) (i32.const 0)) (i64.const -2))
    ;; AT_SYMLINK_NOFOLLOW: a dangling link still exists
    (call $check (i32.const 32) (call $SYS_symlink (global.get $missing) (global.get $dangling)) (i64.const 0))
    (call $check (i32.const 33) (call $SYS_faccessat2 (i32.const -100) (global.get $dangling) (i32.const 0) (i32.const 0)) (i64.const -2))
    (call $check (i32.const 34) (call $SYS_faccessat2 (i32.const -100) (global.get $dangling) (i32.const 0) (i32.const 0x100)) (i64.const 0))
"#,
    )
    .string("a", "a.txt")
    .string("b", "b.txt")
    .string("c", "c.txt")
    .string("other", "other.txt")
    .string("hard", "hard.txt")
    .string("hard2", "hard2.txt")
    .string("sym", "sym")
    .string("sym2", "sym2")
    .string("dangling", "dangling")
    .string("dir", "dir")
    .string("missing", "missing")
    .string("text", "hello world");
    let sb = Sandbox::new();
    sb.run(&w).assert_done();
    assert_eq!(sb.read("c.txt"), b"hello world");
    assert_eq!(sb.read("other.txt"), b"");
    assert_eq!(std::fs::read_link(sb.path().join("sym")).unwrap().to_str(), Some("c.txt"));
    assert_eq!(std::fs::read_link(sb.path().join("sym2")).unwrap().to_str(), Some("c.txt"));
    for gone in ["a.txt", "b.txt", "hard.txt", "hard2.txt"] {
        assert!(!sb.path().join(gone).exists(), "{gone} still exists");
    }
}

#[test]
fn getdents64_lists_entries() {
    // A 64-byte buffer holds a few entries only, so the listing takes several calls.
    let w = Wat::new(
        r#"
    (local $fd i32) (local $n i32) (local $off i32) (local $rec i32) (local $calls i32)
    (call $check (i32.const 1) (call $SYS_mkdir (global.get $list) (i32.const 0x1ed)) (i64.const 0))
    (drop (call $SYS_close (call $ok32 (i32.const 2) (call $SYS_open (global.get $one) (i32.const 0x241) (i32.const 0x1a4)))))
    (drop (call $SYS_close (call $ok32 (i32.const 3) (call $SYS_open (global.get $two) (i32.const 0x241) (i32.const 0x1a4)))))
    (call $check (i32.const 4) (call $SYS_mkdir (global.get $sub) (i32.const 0x1ed)) (i64.const 0))
    (local.set $fd (call $ok32 (i32.const 5) (call $SYS_open (global.get $list) (i32.const 0x10000) (i32.const 0))))
    (block $end (loop $more
      (local.set $n (call $ok32 (i32.const 6) (call $SYS_getdents64 (local.get $fd) (i32.const 0x4000) (i32.const 64))))
      (br_if $end (i32.eqz (local.get $n)))
      (local.set $calls (i32.add (local.get $calls) (i32.const 1)))
      (local.set $off (i32.const 0))
      (block $done (loop $entry
        (br_if $done (i32.ge_u (local.get $off) (local.get $n)))
        (local.set $rec (i32.add (i32.const 0x4000) (local.get $off)))
        ;; d_type at +18, d_name at +19, d_reclen at +16
        (call $print_i64 (i64.load8_u offset=18 (local.get $rec)))
        (call $print (global.get $space))
        (call $puts (i32.add (local.get $rec) (i32.const 19)))
        (local.set $off (i32.add (local.get $off) (i32.load16_u offset=16 (local.get $rec))))
        (br $entry)))
      (br $more)))
    (call $check_true (i32.const 7) (i32.ge_u (local.get $calls) (i32.const 2)))
    ;; a buffer too small for one entry
    (call $check (i32.const 8) (call $SYS_lseek (local.get $fd) (i64.const 0) (i32.const 0)) (i64.const 0))
    (call $check (i32.const 9) (call $SYS_getdents64 (local.get $fd) (i32.const 0x4000) (i32.const 8)) (i64.const -22))
    ;; not a directory
    (call $check (i32.const 10) (call $SYS_getdents64 (i32.const 1) (i32.const 0x4000) (i32.const 128)) (i64.const -20))
"#,
    )
    .string("list", "list")
    .string("one", "list/one")
    .string("two", "list/two")
    .string("sub", "list/sub")
    .string("space", " ");
    let out = Sandbox::new().run(&w);
    out.assert_done();
    let mut entries: Vec<(String, String)> = out
        .lines()
        .iter()
        .map(|l| {
            let (t, name) = l.split_once(' ').unwrap();
            (name.to_string(), t.to_string())
        })
        .collect();
    entries.sort();
    let names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, [".", "..", "one", "sub", "two"], "{}", out.describe());
    for (name, t) in &entries {
        // DT_DIR = 4, DT_REG = 8; some file systems report DT_UNKNOWN = 0.
        let want = if name.starts_with('.') || name == "sub" { "4" } else { "8" };
        assert!(t == want || t == "0", "{name}: d_type {t}");
    }
}

#[test]
fn permissions_sizes_and_times() {
    // times at 0x4000: atime {1000000000, 5}, mtime {1234567890, 987654321};
    // at 0x4020: atime {2000000000, 0}, mtime {1500000000, 0}
    let w = Wat::new(
        r#"
    (local $fd i32)
    (drop (call $SYS_umask (i32.const 0x12)))
    (local.set $fd (call $ok32 (i32.const 1) (call $SYS_open (global.get $f) (i32.const 0x242) (i32.const 0x1b6))))
    (call $check (i32.const 2) (call $SYS_fstat (local.get $fd) (i32.const 0x5000)) (i64.const 0))
    (call $check (i32.const 3) (i64.extend_i32_u (i32.load offset=24 (i32.const 0x5000))) (i64.const 0x81a4)) ;; S_IFREG|0644
    (call $check (i32.const 4) (call $SYS_fchmod (local.get $fd) (i32.const 0x180)) (i64.const 0))
    (call $check (i32.const 5) (call $SYS_fstat (local.get $fd) (i32.const 0x5000)) (i64.const 0))
    (call $check (i32.const 6) (i64.extend_i32_u (i32.load offset=24 (i32.const 0x5000))) (i64.const 0x8180))
    (call $check (i32.const 7) (call $SYS_chmod (global.get $f) (i32.const 0x1a0)) (i64.const 0))
    (call $check (i32.const 8) (call $SYS_stat (global.get $f) (i32.const 0x5000)) (i64.const 0))
    (call $check (i32.const 9) (i64.extend_i32_u (i32.load offset=24 (i32.const 0x5000))) (i64.const 0x81a0))
    (call $check (i32.const 10) (call $SYS_chmod (global.get $missing) (i32.const 0x1a0)) (i64.const -2))
    (call $check (i32.const 11) (call $SYS_fchmodat (i32.const -100) (global.get $f) (i32.const 0x1a4) (i32.const 0)) (i64.const 0))
    ;; sizes
    (call $check (i32.const 12) (call $SYS_ftruncate (local.get $fd) (i64.const 100)) (i64.const 0))
    (call $check (i32.const 13) (call $SYS_fstat (local.get $fd) (i32.const 0x5000)) (i64.const 0))
    (call $check (i32.const 14) (call $stat_size (i32.const 0x5000)) (i64.const 100))
    (call $check (i32.const 15) (call $SYS_truncate (global.get $f) (i64.const 5)) (i64.const 0))
    (call $check (i32.const 16) (call $SYS_stat (global.get $f) (i32.const 0x5000)) (i64.const 0))
    (call $check (i32.const 17) (call $stat_size (i32.const 0x5000)) (i64.const 5))
    (call $check (i32.const 18) (call $SYS_truncate (global.get $f) (i64.const -1)) (i64.const -22))
    (call $check (i32.const 19) (call $SYS_ftruncate (local.get $fd) (i64.const -1)) (i64.const -22))
    ;; times
    (i64.store (i32.const 0x4000) (i64.const 1000000000))
    (i64.store (i32.const 0x4008) (i64.const 5))
    (i64.store (i32.const 0x4010) (i64.const 1234567890))
    (i64.store (i32.const 0x4018) (i64.const 987654321))
    (call $check (i32.const 20) (call $SYS_utimensat (i32.const -100) (global.get $f) (i32.const 0x4000) (i32.const 0)) (i64.const 0))
    (call $check (i32.const 21) (call $SYS_stat (global.get $f) (i32.const 0x5000)) (i64.const 0))
    (call $check (i32.const 22) (i64.load offset=72 (i32.const 0x5000)) (i64.const 1000000000))
    (call $check (i32.const 23) (i64.load offset=88 (i32.const 0x5000)) (i64.const 1234567890))
    (call $check (i32.const 24) (i64.load offset=96 (i32.const 0x5000)) (i64.const 987654321))
    ;; futimens: NULL path, the descriptor itself
    (i64.store (i32.const 0x4020) (i64.const 2000000000))
    (i64.store (i32.const 0x4028) (i64.const 0))
    (i64.store (i32.const 0x4030) (i64.const 1500000000))
    (i64.store (i32.const 0x4038) (i64.const 0))
    (call $check (i32.const 25) (call $SYS_utimensat (local.get $fd) (i32.const 0) (i32.const 0x4020) (i32.const 0)) (i64.const 0))
    (call $check (i32.const 26) (call $SYS_fstat (local.get $fd) (i32.const 0x5000)) (i64.const 0))
    (call $check (i32.const 27) (i64.load offset=88 (i32.const 0x5000)) (i64.const 1500000000))
    ;; an invalid nanosecond value
    (i64.store (i32.const 0x4018) (i64.const 1000000000))
    (call $check (i32.const 28) (call $SYS_utimensat (i32.const -100) (global.get $f) (i32.const 0x4000) (i32.const 0)) (i64.const -22))
    (call $check (i32.const 29) (call $SYS_close (local.get $fd)) (i64.const 0))
"#,
    )
    .string("f", "f")
    .string("missing", "missing");
    let sb = Sandbox::new();
    sb.run(&w).assert_done();
    let m = std::fs::metadata(sb.path().join("f")).unwrap();
    assert_eq!(m.mode() & 0o7777, 0o644);
    assert_eq!(m.len(), 5);
    assert_eq!(m.mtime(), 1500000000);
    assert_eq!(m.atime(), 2000000000);
}

#[test]
fn stat_family_layouts() {
    let w = Wat::new(
        r#"
    (local $fd i32) (local $dfd i32)
    (local.set $fd (call $ok32 (i32.const 1) (call $SYS_open (global.get $reg) (i32.const 0x242) (i32.const 0x1a4))))
    (drop (call $ok (i32.const 2) (call $SYS_write (local.get $fd) (global.get $text) (global.get $text.len))))
    (call $check (i32.const 3) (call $SYS_mkdir (global.get $dir) (i32.const 0x1ed)) (i64.const 0))
    (call $check (i32.const 4) (call $SYS_symlink (global.get $reg) (global.get $lnk)) (i64.const 0))
    ;; stat: regular file (buffer poisoned first)
    (memory.fill (i32.const 0x5000) (i32.const 0xff) (i32.const 144))
    (call $check (i32.const 5) (call $SYS_stat (global.get $reg) (i32.const 0x5000)) (i64.const 0))
    (call $check (i32.const 6) (call $stat_type (i32.const 0x5000)) (i64.const 0x8000))
    (call $check (i32.const 7) (call $stat_size (i32.const 0x5000)) (i64.const 11))
    (call $check (i32.const 8) (i64.load offset=16 (i32.const 0x5000)) (i64.const 1))   ;; st_nlink
    (call $check (i32.const 9) (i64.extend_i32_u (i32.load offset=36 (i32.const 0x5000))) (i64.const 0)) ;; pad0
    (call $check_true (i32.const 10) (i64.gt_s (i64.load offset=56 (i32.const 0x5000)) (i64.const 0))) ;; st_blksize
    (call $show (global.get $ino) (i64.load offset=8 (i32.const 0x5000)))
    (call $show (global.get $uid) (i64.load32_u offset=28 (i32.const 0x5000)))
    (call $show (global.get $gid) (i64.load32_u offset=32 (i32.const 0x5000)))
    (call $show (global.get $dev) (i64.load offset=0 (i32.const 0x5000)))
    (call $show (global.get $mtime) (i64.load offset=88 (i32.const 0x5000)))
    ;; directory, symbolic link with and without following
    (call $check (i32.const 11) (call $SYS_stat (global.get $dir) (i32.const 0x5000)) (i64.const 0))
    (call $check (i32.const 12) (call $stat_type (i32.const 0x5000)) (i64.const 0x4000))
    (call $check (i32.const 13) (call $SYS_lstat (global.get $lnk) (i32.const 0x5000)) (i64.const 0))
    (call $check (i32.const 14) (call $stat_type (i32.const 0x5000)) (i64.const 0xa000))
    (call $check (i32.const 15) (call $stat_size (i32.const 0x5000)) (i64.const 3))
    (call $check (i32.const 16) (call $SYS_stat (global.get $lnk) (i32.const 0x5000)) (i64.const 0))
    (call $check (i32.const 17) (call $stat_type (i32.const 0x5000)) (i64.const 0x8000))
    (call $check (i32.const 18) (call $stat_size (i32.const 0x5000)) (i64.const 11))
    ;; fstat of a file and of a directory
    (memory.fill (i32.const 0x5000) (i32.const 0) (i32.const 144))
    (call $check (i32.const 19) (call $SYS_fstat (local.get $fd) (i32.const 0x5000)) (i64.const 0))
    (call $check (i32.const 20) (call $stat_type (i32.const 0x5000)) (i64.const 0x8000))
    (call $check (i32.const 21) (call $stat_size (i32.const 0x5000)) (i64.const 11))
    (local.set $dfd (call $ok32 (i32.const 22) (call $SYS_open (global.get $dir) (i32.const 0x10000) (i32.const 0))))
    (call $check (i32.const 23) (call $SYS_fstat (local.get $dfd) (i32.const 0x5000)) (i64.const 0))
    (call $check (i32.const 24) (call $stat_type (i32.const 0x5000)) (i64.const 0x4000))
    ;; newfstatat: AT_SYMLINK_NOFOLLOW (0x100), AT_EMPTY_PATH (0x1000)
    (call $check (i32.const 25) (call $SYS_newfstatat (i32.const -100) (global.get $lnk) (i32.const 0x5000) (i32.const 0x100)) (i64.const 0))
    (call $check (i32.const 26) (call $stat_type (i32.const 0x5000)) (i64.const 0xa000))
    (call $check (i32.const 27) (call $SYS_newfstatat (i32.const -100) (global.get $lnk) (i32.const 0x5000) (i32.const 0)) (i64.const 0))
    (call $check (i32.const 28) (call $stat_type (i32.const 0x5000)) (i64.const 0x8000))
    (call $check (i32.const 29) (call $SYS_newfstatat (local.get $fd) (global.get $empty) (i32.const 0x5000) (i32.const 0x1000)) (i64.const 0))
    (call $check (i32.const 30) (call $stat_size (i32.const 0x5000)) (i64.const 11))
    (call $check (i32.const 31) (call $SYS_newfstatat (local.get $dfd) (global.get $dotdot) (i32.const 0x5000) (i32.const 0)) (i64.const 0))
    (call $check (i32.const 32) (call $stat_type (i32.const 0x5000)) (i64.const 0x4000))
    ;; statx: STATX_BASIC_STATS = 0x7ff; stx_mask @0, stx_nlink @16, stx_mode @28 (u16), stx_size @40
    (memory.fill (i32.const 0x6000) (i32.const 0xff) (i32.const 256))
    (call $check (i32.const 33) (call $SYS_statx (i32.const -100) (global.get $reg) (i32.const 0) (i32.const 0x7ff) (i32.const 0x6000)) (i64.const 0))
    (call $check_true (i32.const 34) (i32.and (i32.load (i32.const 0x6000)) (i32.const 0x200))) ;; STATX_SIZE
    (call $check (i32.const 35) (i64.load offset=40 (i32.const 0x6000)) (i64.const 11))
    (call $check (i32.const 36) (i64.extend_i32_u (i32.and (i32.load16_u offset=28 (i32.const 0x6000)) (i32.const 0xf000))) (i64.const 0x8000))
    (call $check (i32.const 37) (i64.extend_i32_u (i32.load16_u offset=28 (i32.const 0x6000))) (i64.const 0x81a4))
    (call $check (i32.const 38) (i64.load32_u offset=16 (i32.const 0x6000)) (i64.const 1))
    (call $show (global.get $stx_ino) (i64.load offset=32 (i32.const 0x6000)))
    (call $show (global.get $stx_mtime) (i64.load offset=112 (i32.const 0x6000)))
    (call $check (i32.const 39) (call $SYS_statx (i32.const -100) (global.get $lnk) (i32.const 0x100) (i32.const 0x7ff) (i32.const 0x6000)) (i64.const 0))
    (call $check (i32.const 40) (i64.extend_i32_u (i32.and (i32.load16_u offset=28 (i32.const 0x6000)) (i32.const 0xf000))) (i64.const 0xa000))
    ;; errors
    (call $check (i32.const 41) (call $SYS_stat (global.get $missing) (i32.const 0x5000)) (i64.const -2))
    (call $check (i32.const 42) (call $SYS_stat (global.get $through) (i32.const 0x5000)) (i64.const -20))
    (call $check (i32.const 43) (call $SYS_fstat (i32.const 999) (i32.const 0x5000)) (i64.const -9))
    (call $check (i32.const 44) (call $SYS_statx (i32.const -100) (global.get $missing) (i32.const 0) (i32.const 0x7ff) (i32.const 0x6000)) (i64.const -2))
    ;; statfs / fstatfs: f_bsize @8 > 0
    (call $check (i32.const 45) (call $SYS_statfs (global.get $reg) (i32.const 0x7000)) (i64.const 0))
    (call $check_true (i32.const 46) (i64.gt_s (i64.load offset=8 (i32.const 0x7000)) (i64.const 0)))
    (call $check (i32.const 47) (call $SYS_fstatfs (local.get $fd) (i32.const 0x7000)) (i64.const 0))
    (call $check_true (i32.const 48) (i64.gt_s (i64.load offset=8 (i32.const 0x7000)) (i64.const 0)))
"#,
    )
    .string("reg", "reg")
    .string("dir", "dir")
    .string("lnk", "lnk")
    .string("empty", "")
    .string("dotdot", "..")
    .string("missing", "missing")
    .string("through", "reg/x")
    .string("text", "hello world")
    .string("ino", "ino")
    .string("uid", "uid")
    .string("gid", "gid")
    .string("dev", "dev")
    .string("mtime", "mtime")
    .string("stx_ino", "stx_ino")
    .string("stx_mtime", "stx_mtime");
    let sb = Sandbox::new();
    let out = sb.run(&w);
    out.assert_done();
    let m = std::fs::metadata(sb.path().join("reg")).unwrap();
    assert_eq!(out.value("ino"), m.ino() as i64);
    assert_eq!(out.value("stx_ino"), m.ino() as i64);
    assert_eq!(out.value("uid"), m.uid() as i64);
    assert_eq!(out.value("gid"), m.gid() as i64);
    assert_eq!(out.value("dev"), m.dev() as i64);
    assert_eq!(out.value("mtime"), m.mtime());
    assert_eq!(out.value("stx_mtime"), m.mtime());
}

/// `open` returns the lowest free descriptor, as natively: a program's first
/// open is 3, and a closed number is reused. (The engine's own descriptors
/// sit high, and its checks of an open in progress leave no trace.)
#[test]
fn open_returns_the_lowest_free_descriptor() {
    let w = Wat::new(
        r#"
    (call $check (i32.const 1) (call $SYS_open (global.get $f) (i32.const 0x41) (i32.const 0x1a4)) (i64.const 3))
    (call $check (i32.const 2) (call $SYS_open (global.get $f) (i32.const 0) (i32.const 0)) (i64.const 4))
    (call $check (i32.const 3) (call $SYS_openat (i32.const -100) (global.get $dot) (i32.const 0x10000) (i32.const 0)) (i64.const 5))
    (call $check (i32.const 4) (call $SYS_close (i32.const 3)) (i64.const 0))
    (call $check (i32.const 5) (call $SYS_open (global.get $f) (i32.const 0) (i32.const 0)) (i64.const 3))
    (call $check (i32.const 6) (call $SYS_dup (i32.const 0)) (i64.const 6))
"#,
    )
    .string("f", "low.txt")
    .string("dot", ".");
    Sandbox::new().run(&w).assert_done();
}
