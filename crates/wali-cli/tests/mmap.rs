//! Mappings inside the linear memory: file-backed (private and shared),
//! anonymous, reuse after munmap, mremap, mprotect.

mod common;

use common::{run_wat, Sandbox, Wat, END, TRAP};

// PROT_READ 1, PROT_WRITE 2; MAP_SHARED 1, MAP_PRIVATE 2, MAP_FIXED 0x10,
// MAP_ANONYMOUS 0x20, MAP_FIXED_NOREPLACE 0x100000; MREMAP_MAYMOVE 1; MS_SYNC 4.

#[test]
fn file_mappings_private_and_shared() {
    let w = Wat::new(
        r#"
    (local $fd i32) (local $p i32) (local $q i32) (local $r i32) (local $ro i32)
    (local.set $fd (call $ok32 (i32.const 1) (call $SYS_open (global.get $f) (i32.const 0x242) (i32.const 0x1a4))))
    (call $check (i32.const 2) (call $SYS_write (local.get $fd) (global.get $content) (i32.const 16)) (i64.const 16))
    (call $check (i32.const 3) (call $SYS_ftruncate (local.get $fd) (i64.const 8192)) (i64.const 0))
    ;; MAP_PRIVATE: the file's content; writes stay private
    (local.set $p (call $ok32 (i32.const 4) (call $SYS_mmap (i32.const 0) (i32.const 8192) (i32.const 3) (i32.const 2) (local.get $fd) (i64.const 0))))
    (call $check (i32.const 5) (i64.extend_i32_u (i32.and (local.get $p) (i32.const 0xfff))) (i64.const 0))
    (call $check_mem (i32.const 6) (local.get $p) (global.get $content) (i32.const 16))
    (call $check_true (i32.const 7) (call $all_zero (i32.add (local.get $p) (i32.const 16)) (i32.const 8176)))
    (i32.store16 (local.get $p) (i32.const 0x5a5a))
    (call $check (i32.const 8) (call $SYS_pread64 (local.get $fd) (i32.const 0x5000) (i32.const 2) (i64.const 0)) (i64.const 2))
    (call $check_mem (i32.const 9) (i32.const 0x5000) (global.get $content) (i32.const 2))
    (call $check (i32.const 10) (call $SYS_munmap (local.get $p) (i32.const 8192)) (i64.const 0))
    ;; MAP_SHARED: writes reach the file after msync
    (local.set $q (call $ok32 (i32.const 11) (call $SYS_mmap (i32.const 0) (i32.const 8192) (i32.const 3) (i32.const 1) (local.get $fd) (i64.const 0))))
    (call $check_mem (i32.const 12) (local.get $q) (global.get $content) (i32.const 16))
    (memory.copy (local.get $q) (global.get $shared) (i32.const 6))
    (call $check (i32.const 13) (call $SYS_msync (local.get $q) (i32.const 8192) (i32.const 4)) (i64.const 0))
    (call $check (i32.const 14) (call $SYS_pread64 (local.get $fd) (i32.const 0x5000) (i32.const 6) (i64.const 0)) (i64.const 6))
    (call $check_mem (i32.const 15) (i32.const 0x5000) (global.get $shared) (i32.const 6))
    ;; ... and after munmap, read back with read()
    (memory.copy (i32.add (local.get $q) (i32.const 4196)) (global.get $tail) (i32.const 4))
    (call $check (i32.const 16) (call $SYS_munmap (local.get $q) (i32.const 8192)) (i64.const 0))
    (call $check (i32.const 17) (call $SYS_lseek (local.get $fd) (i64.const 4196) (i32.const 0)) (i64.const 4196))
    (call $check (i32.const 18) (call $SYS_read (local.get $fd) (i32.const 0x5100) (i32.const 4)) (i64.const 4))
    (call $check_mem (i32.const 19) (i32.const 0x5100) (global.get $tail) (i32.const 4))
    ;; the file's own writes show in a shared read-only mapping
    (local.set $r (call $ok32 (i32.const 20) (call $SYS_mmap (i32.const 0) (i32.const 4096) (i32.const 1) (i32.const 1) (local.get $fd) (i64.const 0))))
    (call $check (i32.const 21) (call $SYS_pwrite64 (local.get $fd) (global.get $xyz) (i32.const 3) (i64.const 10)) (i64.const 3))
    (call $check_mem (i32.const 22) (i32.add (local.get $r) (i32.const 10)) (global.get $xyz) (i32.const 3))
    (call $check (i32.const 23) (call $SYS_munmap (local.get $r) (i32.const 4096)) (i64.const 0))
    ;; a mapping at a file offset
    (local.set $r (call $ok32 (i32.const 24) (call $SYS_mmap (i32.const 0) (i32.const 4096) (i32.const 1) (i32.const 2) (local.get $fd) (i64.const 4096))))
    (call $check_mem (i32.const 25) (i32.add (local.get $r) (i32.const 100)) (global.get $tail) (i32.const 4))
    (call $check (i32.const 26) (call $SYS_munmap (local.get $r) (i32.const 4096)) (i64.const 0))
    ;; errors: unaligned offset, writable shared mapping of a read-only descriptor, bad descriptor
    (call $check (i32.const 27) (call $SYS_mmap (i32.const 0) (i32.const 4096) (i32.const 1) (i32.const 2) (local.get $fd) (i64.const 100)) (i64.const -22))
    (local.set $ro (call $ok32 (i32.const 28) (call $SYS_open (global.get $f) (i32.const 0) (i32.const 0))))
    (call $check (i32.const 29) (call $SYS_mmap (i32.const 0) (i32.const 4096) (i32.const 3) (i32.const 1) (local.get $ro) (i64.const 0)) (i64.const -13))
    (call $check (i32.const 30) (call $SYS_mmap (i32.const 0) (i32.const 4096) (i32.const 1) (i32.const 2) (i32.const 999) (i64.const 0)) (i64.const -9))
    ;; a failed file mapping leaves nothing behind: an anonymous one still works
    (local.set $r (call $ok32 (i32.const 31) (call $SYS_mmap (i32.const 0) (i32.const 4096) (i32.const 3) (i32.const 0x22) (i32.const -1) (i64.const 0))))
    (call $check_true (i32.const 32) (call $all_zero (local.get $r) (i32.const 4096)))
"#,
    )
    .string("f", "m.dat")
    .string("content", "0123456789abcdef")
    .string("shared", "SHARED")
    .string("tail", "tail")
    .string("xyz", "XYZ");
    let sb = Sandbox::new();
    sb.run(&w).assert_done();
    let data = sb.read("m.dat");
    assert_eq!(data.len(), 8192);
    assert_eq!(&data[..16], b"SHARED6789XYZdef");
    assert_eq!(&data[4196..4200], b"tail");
}

#[test]
fn anonymous_mappings_and_reuse() {
    let w = Wat::new(
        r#"
    (local $p i32) (local $q i32) (local $r i32) (local $s i32)
    (local.set $p (call $ok32 (i32.const 1) (call $SYS_mmap (i32.const 0) (i32.const 65536) (i32.const 3) (i32.const 0x22) (i32.const -1) (i64.const 0))))
    (call $check (i32.const 2) (i64.extend_i32_u (i32.and (local.get $p) (i32.const 0xfff))) (i64.const 0))
    ;; placed outside the module's own memory, which grew for it
    (call $check_true (i32.const 3) (i32.ge_u (local.get $p) (i32.const 0x10000)))
    (call $check_true (i32.const 4) (i32.ge_u (i32.mul (memory.size) (i32.const 65536)) (i32.add (local.get $p) (i32.const 65536))))
    (call $check_true (i32.const 5) (call $all_zero (local.get $p) (i32.const 65536)))
    (memory.fill (local.get $p) (i32.const 0xab) (i32.const 65536))
    (call $check (i32.const 6) (call $SYS_munmap (local.get $p) (i32.const 65536)) (i64.const 0))
    ;; the same size again: the pages are reused and read zero, never stale data
    (local.set $q (call $ok32 (i32.const 7) (call $SYS_mmap (i32.const 0) (i32.const 65536) (i32.const 3) (i32.const 0x22) (i32.const -1) (i64.const 0))))
    (call $check (i32.const 8) (i64.extend_i32_u (local.get $q)) (i64.extend_i32_u (local.get $p)))
    (call $check_true (i32.const 9) (call $all_zero (local.get $q) (i32.const 65536)))
    ;; a hole in the middle is filled by the next one-page mapping, zeroed
    (memory.fill (local.get $q) (i32.const 0xcd) (i32.const 65536))
    (call $check (i32.const 10) (call $SYS_munmap (i32.add (local.get $q) (i32.const 4096)) (i32.const 4096)) (i64.const 0))
    (local.set $r (call $ok32 (i32.const 11) (call $SYS_mmap (i32.const 0) (i32.const 4096) (i32.const 3) (i32.const 0x22) (i32.const -1) (i64.const 0))))
    (call $check (i32.const 12) (i64.extend_i32_u (local.get $r)) (i64.extend_i32_u (i32.add (local.get $q) (i32.const 4096))))
    (call $check_true (i32.const 13) (call $all_zero (local.get $r) (i32.const 4096)))
    (call $check (i32.const 14) (i64.load8_u (local.get $q)) (i64.const 0xcd))
    (call $check (i32.const 15) (i64.load8_u (i32.add (local.get $q) (i32.const 8192))) (i64.const 0xcd))
    ;; MAP_FIXED over a mapping replaces it with zeroes
    (call $check (i32.const 16) (call $SYS_mmap (local.get $q) (i32.const 4096) (i32.const 3) (i32.const 0x32) (i32.const -1) (i64.const 0))
                                (i64.extend_i32_u (local.get $q)))
    (call $check_true (i32.const 17) (call $all_zero (local.get $q) (i32.const 4096)))
    ;; MAP_FIXED_NOREPLACE over a mapping fails
    (call $check (i32.const 18) (call $SYS_mmap (local.get $q) (i32.const 4096) (i32.const 3) (i32.const 0x100022) (i32.const -1) (i64.const 0)) (i64.const -17))
    ;; MAP_FIXED beyond the current memory (inside its maximum) grows it
    (call $check (i32.const 19) (call $SYS_mmap (i32.const 0x400000) (i32.const 8192) (i32.const 3) (i32.const 0x32) (i32.const -1) (i64.const 0)) (i64.const 0x400000))
    (call $check_true (i32.const 20) (i32.ge_u (memory.size) (i32.const 65)))
    (i32.store (i32.const 0x401ffc) (i32.const 7))
    (call $check (i32.const 21) (i64.load32_u (i32.const 0x401ffc)) (i64.const 7))
    ;; an odd length is rounded up to pages
    (local.set $s (call $ok32 (i32.const 22) (call $SYS_mmap (i32.const 0) (i32.const 100) (i32.const 3) (i32.const 0x22) (i32.const -1) (i64.const 0))))
    (i32.store (i32.add (local.get $s) (i32.const 4092)) (i32.const 9))
    (call $check (i32.const 23) (call $SYS_munmap (local.get $s) (i32.const 100)) (i64.const 0))
    ;; shared anonymous memory
    (local.set $s (call $ok32 (i32.const 24) (call $SYS_mmap (i32.const 0) (i32.const 4096) (i32.const 3) (i32.const 0x21) (i32.const -1) (i64.const 0))))
    (i32.store (local.get $s) (i32.const 0x12345678))
    (call $check (i32.const 25) (i64.load32_u (local.get $s)) (i64.const 0x12345678))
    ;; errors: no length, no mapping type, unaligned fixed address
    (call $check (i32.const 26) (call $SYS_mmap (i32.const 0) (i32.const 0) (i32.const 3) (i32.const 0x22) (i32.const -1) (i64.const 0)) (i64.const -22))
    (call $check (i32.const 27) (call $SYS_mmap (i32.const 0) (i32.const 4096) (i32.const 3) (i32.const 0x20) (i32.const -1) (i64.const 0)) (i64.const -22))
    (call $check (i32.const 28) (call $SYS_mmap (i32.const 0x400100) (i32.const 4096) (i32.const 3) (i32.const 0x32) (i32.const -1) (i64.const 0)) (i64.const -22))
    (call $check (i32.const 29) (call $SYS_munmap (i32.const 0x400100) (i32.const 4096)) (i64.const -22))
    (call $check (i32.const 30) (call $SYS_munmap (local.get $q) (i32.const 0)) (i64.const -22))
    ;; brk reports no program break
    (call $check (i32.const 31) (call $SYS_brk (i32.const 0)) (i64.const 0))
    ;; madvise(MADV_DONTNEED) on private anonymous memory zeroes it
    (i32.store (local.get $r) (i32.const 5))
    (call $check (i32.const 32) (call $SYS_madvise (local.get $r) (i32.const 4096) (i32.const 4)) (i64.const 0))
    (call $check (i32.const 33) (i64.load32_u (local.get $r)) (i64.const 0))
"#,
    );
    run_wat(&w).assert_done();
}

#[test]
fn access_after_munmap_traps_or_reads_zero() {
    let w = Wat::new(
        r#"
    (local $p i32)
    (local.set $p (call $ok32 (i32.const 1) (call $SYS_mmap (i32.const 0) (i32.const 8192) (i32.const 3) (i32.const 0x22) (i32.const -1) (i64.const 0))))
    (memory.fill (local.get $p) (i32.const 0x77) (i32.const 8192))
    (call $check (i32.const 2) (call $SYS_munmap (local.get $p) (i32.const 8192)) (i64.const 0))
    (call $puts (global.get $unmapped))
    (call $show (global.get $value) (i64.load (i32.add (local.get $p) (i32.const 4096))))
"#,
    )
    .string("unmapped", "unmapped")
    .string("value", "value");
    let out = run_wat(&w);
    assert!(out.stdout.starts_with("unmapped\n"), "{}", out.describe());
    if out.code() == TRAP {
        assert!(out.stderr.contains("trap"), "{}", out.describe());
    } else {
        out.assert_done();
        assert_eq!(out.value("value"), 0, "stale data after munmap\n{}", out.describe());
    }
}

#[test]
fn mremap_grows_keeps_content_and_zero_fills() {
    let w = Wat::new(
        r#"
    (local $p i32) (local $q i32) (local $r i32)
    (local.set $p (call $ok32 (i32.const 1) (call $SYS_mmap (i32.const 0) (i32.const 4096) (i32.const 3) (i32.const 0x22) (i32.const -1) (i64.const 0))))
    (i32.store (local.get $p) (i32.const 0x11111111))
    (i32.store offset=4092 (local.get $p) (i32.const 0x22222222))
    ;; grow to 3 pages
    (local.set $q (call $ok32 (i32.const 2) (call $SYS_mremap (local.get $p) (i32.const 4096) (i32.const 12288) (i32.const 1) (i32.const 0))))
    (call $check (i32.const 3) (i64.load32_u (local.get $q)) (i64.const 0x11111111))
    (call $check (i32.const 4) (i64.load32_u offset=4092 (local.get $q)) (i64.const 0x22222222))
    (call $check_true (i32.const 5) (call $all_zero (i32.add (local.get $q) (i32.const 4096)) (i32.const 8192)))
    (i32.store offset=12284 (local.get $q) (i32.const 0x33333333))
    ;; block the pages after it, so growing again must move
    (call $check (i32.const 6) (call $SYS_mmap (i32.add (local.get $q) (i32.const 12288)) (i32.const 4096) (i32.const 3) (i32.const 0x32) (i32.const -1) (i64.const 0))
                               (i64.extend_i32_u (i32.add (local.get $q) (i32.const 12288))))
    (call $check (i32.const 7) (call $SYS_mremap (local.get $q) (i32.const 12288) (i32.const 20480) (i32.const 0) (i32.const 0)) (i64.const -12))
    (local.set $r (call $ok32 (i32.const 8) (call $SYS_mremap (local.get $q) (i32.const 12288) (i32.const 20480) (i32.const 1) (i32.const 0))))
    (call $check_true (i32.const 9) (i32.ne (local.get $r) (local.get $q)))
    (call $check (i32.const 10) (i64.load32_u (local.get $r)) (i64.const 0x11111111))
    (call $check (i32.const 11) (i64.load32_u offset=4092 (local.get $r)) (i64.const 0x22222222))
    (call $check (i32.const 12) (i64.load32_u offset=12284 (local.get $r)) (i64.const 0x33333333))
    (call $check_true (i32.const 13) (call $all_zero (i32.add (local.get $r) (i32.const 12288)) (i32.const 8192)))
    ;; the old pages are free again and come back zeroed
    (call $check (i32.const 14) (call $SYS_mmap (i32.const 0) (i32.const 12288) (i32.const 3) (i32.const 0x22) (i32.const -1) (i64.const 0))
                                (i64.extend_i32_u (local.get $q)))
    (call $check_true (i32.const 15) (call $all_zero (local.get $q) (i32.const 12288)))
    ;; shrink in place
    (call $check (i32.const 16) (call $SYS_mremap (local.get $r) (i32.const 20480) (i32.const 4096) (i32.const 0) (i32.const 0)) (i64.extend_i32_u (local.get $r)))
    (call $check (i32.const 17) (i64.load32_u (local.get $r)) (i64.const 0x11111111))
    ;; errors: a range that is not mapped, no length
    (call $check (i32.const 18) (call $SYS_mremap (i32.const 0x4000) (i32.const 4096) (i32.const 8192) (i32.const 1) (i32.const 0)) (i64.const -14))
    (call $check (i32.const 19) (call $SYS_mremap (local.get $r) (i32.const 4096) (i32.const 0) (i32.const 1) (i32.const 0)) (i64.const -22))
"#,
    );
    run_wat(&w).assert_done();
}

#[test]
fn mprotect_read_only_page_traps_on_store() {
    let w = Wat::new(
        r#"
    (local $p i32)
    (local.set $p (call $ok32 (i32.const 1) (call $SYS_mmap (i32.const 0) (i32.const 4096) (i32.const 3) (i32.const 0x22) (i32.const -1) (i64.const 0))))
    (i32.store (local.get $p) (i32.const 42))
    ;; PROT_NONE and back
    (call $check (i32.const 2) (call $SYS_mprotect (local.get $p) (i32.const 4096) (i32.const 0)) (i64.const 0))
    (call $check (i32.const 3) (call $SYS_mprotect (local.get $p) (i32.const 4096) (i32.const 3)) (i64.const 0))
    (call $check (i32.const 4) (i64.load32_u (local.get $p)) (i64.const 42))
    ;; read only: loads work; the kernel reads from it, cannot write to it
    (call $check (i32.const 5) (call $SYS_mprotect (local.get $p) (i32.const 4096) (i32.const 1)) (i64.const 0))
    (call $check (i32.const 6) (i64.load32_u (local.get $p)) (i64.const 42))
    (call $check (i32.const 7) (call $SYS_pipe (i32.const 0x4000)) (i64.const 0))
    (call $check (i32.const 8) (call $SYS_write (i32.load (i32.const 0x4004)) (local.get $p) (i32.const 4)) (i64.const 4))
    (call $check (i32.const 9) (call $SYS_read (i32.load (i32.const 0x4000)) (local.get $p) (i32.const 4)) (i64.const -14))
    ;; unmapped pages cannot be protected
    (call $check (i32.const 10) (call $SYS_mprotect (i32.add (local.get $p) (i32.const 4096)) (i32.const 4096) (i32.const 1)) (i64.const -12))
    (call $puts (global.get $before))
    (i32.store (local.get $p) (i32.const 1))
    (call $puts (global.get $after))
"#,
    )
    .string("before", "before the store")
    .string("after", "after the store");
    let out = run_wat(&w);
    out.assert_code(TRAP);
    assert_eq!(out.stdout, "before the store\n", "{}", out.describe());
    assert!(out.stderr.contains("trap"), "{}", out.describe());
}

#[test]
fn mprotect_none_load_traps() {
    let w = Wat::new(
        r#"
    (local $p i32)
    (local.set $p (call $ok32 (i32.const 1) (call $SYS_mmap (i32.const 0) (i32.const 4096) (i32.const 0) (i32.const 0x22) (i32.const -1) (i64.const 0))))
    (call $puts (global.get $before))
    (drop (i32.load (local.get $p)))
    (call $puts (global.get $after))
"#,
    )
    .string("before", "before the load")
    .string("after", "after the load");
    let out = run_wat(&w);
    out.assert_code(TRAP);
    assert_eq!(out.stdout, "before the load\n", "{}", out.describe());
    assert!(out.stderr.contains("trap"), "{}", out.describe());
}

#[test]
fn memory_end_is_where_the_tests_expect() {
    // The hostile tests rely on the default memory being exactly one page.
    let w = Wat::new("(call $check (i32.const 1) (i64.extend_i32_u (memory.size)) (i64.const 1))");
    run_wat(&w).assert_done();
    assert_eq!(END, 0x10000);
}
