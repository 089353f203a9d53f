//! Engine bugs an outside security review found: guest programs that made
//! the engine crash, hang or abort instead of getting an errno or ending
//! with a clean trap (status 134 and a message).

mod common;
use common::{run_wat, Sandbox, Wat, TRAP};
use std::os::unix::process::ExitStatusExt;

/// Maps one read-write page at `$p`, then applies `$protect` to it:
/// `munmap` or `mprotect(PROT_READ)`.
fn protected_page(protect: &str, then: &str) -> Wat {
    Wat::new(&format!(
        r#"
    (local $p i32)
    (local.set $p (call $ok32 (i32.const 1) (call $SYS_mmap (i32.const 0) (i32.const 4096) (i32.const 3) (i32.const 0x22) (i32.const -1) (i64.const 0))))
    {protect}
    (call $puts (global.get $before))
    {then}
    (call $puts (global.get $after))
"#
    ))
    .string("before", "before")
    .string("after", "AFTER the access")
}

/// Sets signal `sig`'s action to `handler` (a table index, or -2 for SIG_IGN).
fn sigaction(sig: i32, handler: i32) -> String {
    format!(
        r#"
    (i32.store (i32.const 0x4000) (i32.const {handler}))
    (i64.store (i32.const 0x4004) (i64.const 0))
    (i32.store (i32.const 0x400c) (i32.const 0))
    (i64.store (i32.const 0x4010) (i64.const 0))
    (call $check (i32.const 90) (call $SYS_rt_sigaction (i32.const {sig}) (i32.const 0x4000) (i32.const 0) (i32.const 8)) (i64.const 0))"#
    )
}

fn assert_trap(out: &common::Output) {
    assert_eq!(out.status.signal(), None, "the engine was killed by a signal\n{}", out.describe());
    out.assert_code(TRAP);
    assert!(out.stdout.contains("before") && !out.stdout.contains("AFTER"), "{}", out.describe());
    assert!(out.stderr.contains("wali:"), "no message\n{}", out.describe());
}

const UNMAP: &str = "(drop (call $ok (i32.const 2) (call $SYS_munmap (local.get $p) (i32.const 4096))))";
const READ_ONLY: &str = "(drop (call $ok (i32.const 2) (call $SYS_mprotect (local.get $p) (i32.const 4096) (i32.const 1))))";

/// Bulk memory instructions run in Wasmtime's host code, where a fault on
/// an unmapped or read-only page killed the engine with SIGSEGV (139); a
/// plain store there traps cleanly, and so must these.
#[test]
fn bulk_memory_on_protected_pages_traps() {
    let cases = [
        (UNMAP, "(memory.fill (local.get $p) (i32.const 7) (i32.const 64))"),
        (READ_ONLY, "(memory.fill (local.get $p) (i32.const 7) (i32.const 64))"),
        (UNMAP, "(memory.copy (local.get $p) (i32.const 0x4000) (i32.const 64))"),
        (UNMAP, "(memory.copy (i32.const 0x4000) (local.get $p) (i32.const 64))"),
        (READ_ONLY, "(memory.copy (local.get $p) (i32.const 0x4000) (i32.const 64))"),
        (UNMAP, "(memory.init $seg (local.get $p) (i32.const 0) (i32.const 4))"),
        (UNMAP, "(drop (memory.atomic.wait32 (local.get $p) (i32.const 0) (i64.const 1000)))"),
        (UNMAP, "(i32.store (local.get $p) (i32.const 1))"),
    ];
    for (protect, access) in cases {
        let w = protected_page(protect, access).items(r#"(data $seg "abcd")"#);
        assert_trap(&run_wat(&w));
    }
}

/// A guest that blocks SIGSEGV, SIGILL and SIGFPE: a trap then killed the
/// engine (the kernel forces a blocked fault signal to its default action).
/// The engine's signals are never blocked, whatever the guest asks.
#[test]
fn blocking_the_engines_signals_keeps_traps_clean() {
    // SIGILL 4, SIGFPE 8, SIGSEGV 11, SIGBUS 7: bits n-1.
    let block = r#"
    (i64.store (i32.const 0x4000) (i64.const 0x4c8))
    (call $check (i32.const 3) (call $SYS_rt_sigprocmask (i32.const 0) (i32.const 0x4000) (i32.const 0) (i32.const 8)) (i64.const 0))"#;
    for access in [
        "(i32.store (local.get $p) (i32.const 1))",
        "(unreachable)",
        "(drop (i32.div_u (i32.const 1) (i32.load (i32.const 0x4100))))",
    ] {
        let w = protected_page(&format!("{UNMAP}\n{block}"), access);
        assert_trap(&run_wat(&w));
    }
}

/// `kill(getpid(), SIGSEGV)` was swallowed by Wasmtime's handler, which then
/// uninstalled itself: a later out-of-bounds access killed the engine (139).
/// A signal the guest sends follows the guest's action (here: ignored) and
/// leaves the engine's handling of faults alone.
#[test]
fn a_segv_the_guest_sends_itself_leaves_fault_handling_alone() {
    let w = protected_page(
        &format!(
            r#"{UNMAP}{ignore}
    (call $check (i32.const 4) (call $SYS_kill (i32.wrap_i64 (call $SYS_getpid)) (i32.const 11)) (i64.const 0))
    (call $check (i32.const 5) (call $SYS_kill (i32.wrap_i64 (call $SYS_getpid)) (i32.const 7)) (i64.const 0))"#,
            ignore = sigaction(11, -2)
        ),
        "(i32.store (local.get $p) (i32.const 1))",
    );
    // SIGBUS (7) keeps its default action here: the process ends by it, as natively.
    let out = run_wat(&w);
    assert_eq!(out.status.signal(), Some(libc::SIGBUS), "{}", out.describe());
    let w = protected_page(
        &format!(
            r#"{UNMAP}{ignore}
    (call $check (i32.const 4) (call $SYS_kill (i32.wrap_i64 (call $SYS_getpid)) (i32.const 11)) (i64.const 0))
    (call $check (i32.const 5) (call $SYS_tkill (i32.wrap_i64 (call $SYS_gettid)) (i32.const 11)) (i64.const 0))"#,
            ignore = sigaction(11, -2)
        ),
        "(i32.store (local.get $p) (i32.const 1))",
    );
    assert_trap(&run_wat(&w));
}

/// A guest SIGSEGV handler runs for a SIGSEGV the guest sends (not for a
/// trap, which ends the program).
#[test]
fn a_guest_segv_handler_runs_for_a_sent_segv() {
    let w = Wat::new(&format!(
        r#"{handler}
    (call $check (i32.const 2) (call $SYS_kill (i32.wrap_i64 (call $SYS_getpid)) (i32.const 11)) (i64.const 0))
    (drop (call $SYS_getpid))
    (call $check (i32.const 3) (i64.extend_i32_u (global.get $got)) (i64.const 11))
"#,
        handler = sigaction(11, 1)
    ))
    .items(
        r#"
  (global $got (mut i32) (i32.const 0))
  (table 2 funcref)
  (elem (i32.const 1) $on_signal)
  (func $on_signal (param $sig i32) (global.set $got (local.get $sig)))
"#,
    );
    run_wat(&w).assert_done();
}

/// With SIGSEGV at its default action, a SIGSEGV the guest sends itself
/// ends the process by that signal, as natively.
#[test]
fn a_sent_segv_with_the_default_action_ends_the_process_by_it() {
    let w = Wat::new(
        r#"
    (drop (call $SYS_kill (i32.wrap_i64 (call $SYS_getpid)) (i32.const 11)))
    (drop (call $SYS_getpid))
    (call $puts (global.get $after))
"#,
    )
    .string("after", "AFTER the signal");
    let out = run_wat(&w);
    assert_eq!(out.status.signal(), Some(libc::SIGSEGV), "{}", out.describe());
    assert!(!out.stdout.contains("AFTER"), "{}", out.describe());
}

/// `tgkill(SIGSEGV)` at a thread that is running Wasm loads made Wasmtime
/// take it for a fault of its generated code and abort ("possible security
/// issue"). The signal is the guest's: ignored here, the thread runs on.
#[test]
fn a_segv_sent_to_a_thread_running_wasm_is_the_guests() {
    let w = Wat::new(&format!(
        r#"
    (local $tid i32) (local $i i32){ignore}
    (local.set $tid (call $ok32 (i32.const 2) (i64.extend_i32_s (call $__wasm_thread_spawn (i32.const 1) (i32.const 0)))))
    ;; wait until the thread is looping
    (block $up (loop $wait
      (br_if $up (i32.load (i32.const 0x9000)))
      (drop (call $SYS_sched_yield))
      (br $wait)))
    ;; 1 ms apart, so that each lands while the thread runs Wasm
    (i64.store (i32.const 0x4100) (i64.const 0))
    (i64.store (i32.const 0x4108) (i64.const 1000000))
    (loop $send
      (drop (call $SYS_tgkill (i32.wrap_i64 (call $SYS_getpid)) (local.get $tid) (i32.const 11)))
      (drop (call $SYS_nanosleep (i32.const 0x4100) (i32.const 0)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $send (i32.lt_u (local.get $i) (i32.const 200))))
    (i32.store (i32.const 0x9004) (i32.const 1))
"#,
        ignore = sigaction(11, -2)
    ))
    .items(
        r#"
  (table 2 funcref)
  (elem (i32.const 1) $loads)
  (func $loads (param $tid i32) (param $arg i32) (local $sum i32)
    ;; a first host call gives the thread its signal mask
    (drop (call $SYS_gettid))
    (i32.store (i32.const 0x9000) (i32.const 1))
    (loop $again
      (local.set $sum (i32.add (local.get $sum) (i32.load (i32.const 0x8000))))
      (br_if $again (i32.eqz (i32.load (i32.const 0x9004)))))
    (i32.store (i32.const 0x8004) (local.get $sum)))
"#,
    );
    run_wat(&w).assert_done();
}

/// In a module whose memory starts with 0 pages, `mmap` returned address 0,
/// which the engine (and C) take for NULL: a `getrandom` into it gave EFAULT.
/// Page 0 is never handed out, and MAP_FIXED there is refused as natively.
/// (No data segments: the memory has no page for them.)
#[test]
fn mmap_never_returns_address_zero() {
    let src = r#"(module
  (import "wali" "SYS_mmap" (func $mmap (param i32 i32 i32 i32 i32 i64) (result i64)))
  (import "wali" "SYS_getrandom" (func $getrandom (param i32 i32 i32) (result i64)))
  (import "wali" "SYS_exit_group" (func $exit (param i32) (result i64)))
  (memory (export "memory") 0 100 shared)
  (func (export "_start") (local $p i64)
    (local.set $p (call $mmap (i32.const 0) (i32.const 4096) (i32.const 3) (i32.const 0x22) (i32.const -1) (i64.const 0)))
    (if (i64.le_s (local.get $p) (i64.const 0)) (then (drop (call $exit (i32.const 1)))))
    (if (i64.ne (call $getrandom (i32.wrap_i64 (local.get $p)) (i32.const 16) (i32.const 0)) (i64.const 16))
      (then (drop (call $exit (i32.const 2)))))
    ;; MAP_FIXED (0x10) at address 0: EPERM
    (if (i64.ne (call $mmap (i32.const 0) (i32.const 4096) (i32.const 3) (i32.const 0x32) (i32.const -1) (i64.const 0)) (i64.const -1))
      (then (drop (call $exit (i32.const 3)))))
    (drop (call $exit (i32.const 0)))))"#;
    let sb = Sandbox::new();
    sb.write("zero.wasm", &wat::parse_str(src).unwrap());
    sb.wali(&["run", "zero.wasm"]).assert_code(0);
}

/// `getgroups(-1, list)` gave EFAULT (the size taken as 4 G entries);
/// natively a negative size is EINVAL.
#[test]
fn getgroups_negative_size() {
    let w = Wat::new(
        r#"
    (call $check (i32.const 1) (call $SYS_getgroups (i32.const -1) (i32.const 0x4000)) (i64.const -22))
    (call $check (i32.const 2) (call $SYS_setgroups (i32.const -1) (i32.const 0x4000)) (i64.const -22))
"#,
    );
    run_wat(&w).assert_done();
}

/// `mremap` read the pages' state before taking the mmap lock: racing a
/// `munmap` of the same range in another thread, it moved the now
/// inaccessible pages and recorded them as ordinary memory, and the engine's
/// own `clock_gettime` then faulted writing there. A moved mapping is
/// always what the page map says. The unmapped region is large and
/// populated, so each munmap holds the lock long enough for the mremap to
/// read the pages' state meanwhile; the race runs for up to ~3 s.
#[test]
fn mremap_racing_munmap() {
    let w = Wat::new(
        r#"
    (local $p i32) (local $q i64) (local $i i32) (local $d i32)
    (drop (call $ok (i32.const 1) (i64.extend_i32_s (call $__wasm_thread_spawn (i32.const 1) (i32.const 0)))))
    (call $deadline_in (i64.const 3))
    (block $out (loop $again
      ;; 4 MiB and one page more: the 4 MiB grow by moving (the page after
      ;; them is mapped), while the other thread unmaps them
      (local.set $p (call $ok32 (i32.const 2) (call $SYS_mmap (i32.const 0) (i32.const 0x401000) (i32.const 3) (i32.const 0x22) (i32.const -1) (i64.const 0))))
      (memory.fill (local.get $p) (i32.const 1) (i32.const 0x400000))
      (i32.atomic.store (i32.const 0x9000) (local.get $p))
      ;; a delay of 0 to 7 calls sweeps the moment the other thread is inside munmap
      (local.set $d (i32.and (local.get $i) (i32.const 7)))
      (block $go (loop $delay
        (br_if $go (i32.eqz (local.get $d)))
        (drop (call $SYS_getppid))
        (local.set $d (i32.sub (local.get $d) (i32.const 1)))
        (br $delay)))
      (local.set $q (call $SYS_mremap (local.get $p) (i32.const 0x400000) (i32.const 0x402000) (i32.const 1) (i32.const 0)))
      (if (i64.gt_s (local.get $q) (i64.const 0)) (then
        ;; the engine writes the time there itself when the page map says it may
        (drop (call $SYS_clock_gettime (i32.const 1) (i32.wrap_i64 (local.get $q))))
        (drop (call $SYS_munmap (i32.wrap_i64 (local.get $q)) (i32.const 0x402000)))))
      ;; wait until the other thread is done with this round
      (block $seen (loop $wait
        (br_if $seen (i32.eqz (i32.atomic.load (i32.const 0x9000))))
        (drop (call $SYS_sched_yield))
        (br $wait)))
      (drop (call $SYS_munmap (i32.add (local.get $p) (i32.const 0x400000)) (i32.const 4096)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $out (call $past_deadline))
      (br $again)))
    (i32.atomic.store (i32.const 0x9004) (i32.const 1))
    (call $show (global.get $rounds) (i64.extend_i32_u (local.get $i)))
"#,
    )
    .items(
        r#"
  (table 2 funcref)
  (elem (i32.const 1) $unmapper)
  (func $unmapper (param $tid i32) (param $arg i32) (local $p i32)
    (loop $again
      (local.set $p (i32.atomic.load (i32.const 0x9000)))
      (if (local.get $p) (then
        (drop (call $SYS_munmap (local.get $p) (i32.const 0x400000)))
        (i32.atomic.store (i32.const 0x9000) (i32.const 0))))
      (br_if $again (i32.eqz (i32.atomic.load (i32.const 0x9004))))))
"#,
    )
    .string("rounds", "rounds");
    let out = run_wat(&w);
    out.assert_done();
    assert!(out.value("rounds") > 50, "{}", out.describe());
}

/// With `vm.max_map_count` exhausted by guest mappings, a partial `munmap`
/// (which must split a mapping) aborted the engine ("cannot re-map guest
/// pages"). The guest gets ENOMEM, as natively, and carries on.
#[test]
fn map_count_exhausted() {
    let w = Wat::new(
        r#"
    (local $m i32) (local $n i32) (local $r i64)
    (local.set $m (call $ok32 (i32.const 1) (call $SYS_mmap (i32.const 0) (i32.const 12288) (i32.const 3) (i32.const 0x22) (i32.const -1) (i64.const 0))))
    ;; single pages of alternating protection never merge: one kernel mapping each
    (block $full (loop $more
      (local.set $r (call $SYS_mmap (i32.const 0) (i32.const 4096) (select (i32.const 1) (i32.const 3) (i32.and (local.get $n) (i32.const 1))) (i32.const 0x22) (i32.const -1) (i64.const 0)))
      (br_if $full (i64.lt_s (local.get $r) (i64.const 0)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br_if $more (i32.lt_u (local.get $n) (i32.const 200000)))))
    (call $check (i32.const 2) (local.get $r) (i64.const -12))
    ;; now a hole in the middle of the first mapping needs one more
    (call $check2 (i32.const 3) (call $SYS_munmap (i32.add (local.get $m) (i32.const 4096)) (i32.const 4096)) (i64.const -12) (i64.const 0))
    (call $check2 (i32.const 4) (call $SYS_mprotect (i32.add (local.get $m) (i32.const 4096)) (i32.const 4096) (i32.const 1)) (i64.const -12) (i64.const 0))
    (i32.store (local.get $m) (i32.const 7))
    (call $check (i32.const 5) (i64.load32_u (local.get $m)) (i64.const 7))
"#,
    );
    run_wat(&w).assert_done();
}

/// `execve` copied every argv/envp string before the kernel's limits
/// applied: 8,192 pointers to one 128 KiB string made 1 GiB, copied twice
/// (2.1 GB of RSS under --max-memory 16M), and 65,535 aborted the engine.
/// The copy stops at the kernel's own limit (a quarter of the stack limit,
/// at most 6 MiB): E2BIG, as natively, within a small memory budget.
#[test]
fn execve_argument_size_is_bounded_before_copying() {
    let w = Wat::new(
        r#"
    (local $s i32) (local $argv i32) (local $i i32)
    (local.set $s (call $ok32 (i32.const 1) (call $SYS_mmap (i32.const 0) (i32.const 131072) (i32.const 3) (i32.const 0x22) (i32.const -1) (i64.const 0))))
    (memory.fill (local.get $s) (i32.const 97) (i32.const 131071))
    (local.set $argv (call $ok32 (i32.const 2) (call $SYS_mmap (i32.const 0) (i32.const 262144) (i32.const 3) (i32.const 0x22) (i32.const -1) (i64.const 0))))
    (loop $fill
      (i32.store (i32.add (local.get $argv) (i32.shl (local.get $i) (i32.const 2))) (local.get $s))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $fill (i32.lt_u (local.get $i) (i32.const 65535))))
    (call $check (i32.const 3) (call $SYS_execve (global.get $true) (local.get $argv) (i32.const 0)) (i64.const -7))
    ;; 8,192 of them
    (i32.store (i32.add (local.get $argv) (i32.const 32768)) (i32.const 0))
    (call $check (i32.const 4) (call $SYS_execve (global.get $true) (local.get $argv) (local.get $argv)) (i64.const -7))
"#,
    )
    .string("true", "/bin/true");
    let sb = Sandbox::new();
    std::fs::write(sb.path().join("prog.wasm"), w.wasm()).unwrap();
    sb.wali_with_rlimit(libc::RLIMIT_DATA, 256 << 20, 256 << 20, &["run", "--max-memory", "16M", "prog.wasm"]).assert_done();
}

/// A child forked while another thread was inside `memory.grow` or
/// `memory.atomic.notify` inherited Wasmtime's grow lock or wait-queue
/// mutex held, and hung at its own first use. Here a thread does both in a
/// loop while the main thread forks; each child grows, notifies and exits,
/// and must do so within a second. Runs for up to ~3 s.
#[test]
fn fork_racing_memory_instructions() {
    let w = Wat::new(
        r#"
    (local $pid i64) (local $i i32) (local $t i32) (local $forks i32)
    (drop (call $ok (i32.const 1) (i64.extend_i32_s (call $__wasm_thread_spawn (i32.const 1) (i32.const 0)))))
    (call $deadline_in (i64.const 3))
    (i64.store (i32.const 0x7020) (i64.const 0))
    (i64.store (i32.const 0x7028) (i64.const 1000000))
    (block $out (loop $again
      (local.set $pid (call $SYS_fork))
      (if (i64.eqz (local.get $pid)) (then
        (drop (memory.grow (i32.const 0)))
        (drop (memory.atomic.notify (i32.const 0x9100) (i32.const 1)))
        (drop (call $SYS_exit_group (i32.const 0)))))
      (drop (call $ok (i32.const 2) (local.get $pid)))
      ;; the child has a second (1 ms steps) to end
      (local.set $t (i32.const 0))
      (block $reaped (loop $poll
        (br_if $reaped (i64.eq (call $SYS_wait4 (i32.wrap_i64 (local.get $pid)) (i32.const 0x7100) (i32.const 1) (i32.const 0)) (local.get $pid)))
        (if (i32.ge_u (local.get $t) (i32.const 1000)) (then
          (drop (call $SYS_kill (i32.wrap_i64 (local.get $pid)) (i32.const 9)))
          (drop (call $SYS_wait4 (i32.wrap_i64 (local.get $pid)) (i32.const 0x7100) (i32.const 0) (i32.const 0)))
          (call $puts (global.get $hung))
          (br $out)))
        (drop (call $SYS_nanosleep (i32.const 0x7020) (i32.const 0)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $poll)))
      (local.set $forks (i32.add (local.get $forks) (i32.const 1)))
      (br_if $out (call $past_deadline))
      (br $again)))
    (i32.atomic.store (i32.const 0x9004) (i32.const 1))
    (call $show (global.get $forked) (i64.extend_i32_u (local.get $forks)))
"#,
    )
    .items(
        r#"
  (table 2 funcref)
  (elem (i32.const 1) $busy)
  (func $busy (param $tid i32) (param $arg i32)
    (loop $again
      (drop (memory.grow (i32.const 0)))
      (drop (memory.atomic.notify (i32.const 0x9100) (i32.const 1)))
      (br_if $again (i32.eqz (i32.atomic.load (i32.const 0x9004))))))
"#,
    )
    .string("hung", "a CHILD HUNG")
    .string("forked", "forks");
    let out = run_wat(&w);
    out.assert_done();
    assert!(!out.stdout.contains("HUNG"), "{}", out.describe());
    assert!(out.value("forks") > 20, "{}", out.describe());
}

/// Creating threads until the kernel or the engine runs out of room (maps,
/// memory, tasks): `__wasm_thread_spawn` then fails with an errno, as
/// `clone` would, and the process carries on; a partial munmap afterwards
/// gets an errno too, never an abort.
#[test]
fn threads_until_exhaustion() {
    let w = Wat::new(
        r#"
    (local $n i32) (local $r i32) (local $m i32)
    (local.set $m (call $ok32 (i32.const 1) (call $SYS_mmap (i32.const 0) (i32.const 12288) (i32.const 3) (i32.const 0x22) (i32.const -1) (i64.const 0))))
    (block $full (loop $more
      (local.set $r (call $__wasm_thread_spawn (i32.const 1) (i32.const 0)))
      (br_if $full (i32.lt_s (local.get $r) (i32.const 0)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br_if $more (i32.lt_u (local.get $n) (i32.const 100000)))))
    (call $check (i32.const 3) (i64.extend_i32_s (local.get $r)) (i64.const -11))
    (call $check2 (i32.const 4) (call $SYS_munmap (i32.add (local.get $m) (i32.const 4096)) (i32.const 4096)) (i64.const -12) (i64.const 0))
    (call $show (global.get $threads) (i64.extend_i32_u (local.get $n)))
"#,
    )
    .items(
        r#"
  (table 2 funcref)
  (elem (i32.const 1) $sleeper)
  ;; waits on a futex nobody wakes
  (func $sleeper (param $tid i32) (param $arg i32)
    (drop (call $SYS_futex (i32.const 0x9100) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0))))
"#,
    )
    .string("threads", "threads");
    let out = run_wat(&w);
    out.assert_done();
    assert!(out.value("threads") > 100, "{}", out.describe());
}

/// A guest thread that traps before its first host call killed the engine
/// with SIGILL: until then its native thread blocks every signal (so that
/// none is taken before the guest's own mask applies), and the kernel turns
/// a blocked fault signal into a kill. Found by `wali-fuzz`'s modules.
#[test]
fn a_thread_trapping_before_any_call_is_a_clean_trap() {
    for body in ["(unreachable)", "(i32.store (i32.const -4) (i32.const 1))"] {
        let w = Wat::new(
            r#"
    (drop (call $ok (i32.const 1) (i64.extend_i32_s (call $__wasm_thread_spawn (i32.const 1) (i32.const 0)))))
    (i64.store (i32.const 0x4100) (i64.const 2))
    (i64.store (i32.const 0x4108) (i64.const 0))
    (drop (call $SYS_nanosleep (i32.const 0x4100) (i32.const 0)))
"#,
        )
        .items(&format!(
            r#"
  (table 2 funcref)
  (elem (i32.const 1) $entry)
  (func $entry (param $tid i32) (param $arg i32) {body})
"#
        ));
        let out = run_wat(&w);
        assert_eq!(out.status.signal(), None, "{}", out.describe());
        out.assert_code(TRAP);
        assert!(out.stderr.contains("wali:"), "{}", out.describe());
    }
}

/// Recurses in Wasm until the engine's stack limit ends it, after setting
/// `RLIMIT_STACK` to `soft` and `hard` (`None`: leave the limit alone).
fn deep_recursion(limit: Option<(u64, u64)>) -> Wat {
    let set = limit.map_or(String::new(), |(soft, hard)| {
        format!(
            r#"
    (i64.store (i32.const 0x4000) (i64.const {soft}))
    (i64.store (i32.const 0x4008) (i64.const {hard}))
    (call $check (i32.const 1) (call $SYS_setrlimit (i32.const 3) (i32.const 0x4000)) (i64.const 0))"#
        )
    });
    Wat::new(&format!(
        r#"{set}
    (call $puts (global.get $before))
    (drop (call $deep (i64.const 0)))
    (call $puts (global.get $after))
"#
    ))
    .items(
        r#"
  (func $deep (param $n i64) (result i64)
    (i64.add (call $deep (i64.add (local.get $n) (i64.const 1))) (local.get $n)))
"#,
    )
    .string("before", "before")
    .string("after", "AFTER the recursion")
}

/// The Wasm stack limit is read once at start-up; a guest that then lowered
/// `RLIMIT_STACK` stopped the kernel from growing the main thread's stack
/// under it, and a deep recursion killed the engine with SIGSEGV (139)
/// instead of trapping. The engine's main stack is grown at start-up.
#[test]
fn lowering_the_stack_limit_keeps_recursion_a_clean_trap() {
    for limit in [(256 << 10, u64::MAX), (256 << 10, 256 << 10), (16 << 10, 16 << 10)] {
        assert_trap(&run_wat(&deep_recursion(Some(limit))));
    }
}

/// Started under a small soft stack limit (`ulimit -S -s 256`), the engine
/// still gets its minimum Wasm stack; under a hard limit too small for it,
/// it refuses to start with a message rather than crash later.
#[test]
fn a_small_stack_limit_at_start_is_a_clean_trap_or_a_clear_error() {
    let sb = Sandbox::new();
    sb.write("prog.wasm", &deep_recursion(None).wasm());
    assert_trap(&sb.wali_with_rlimit(libc::RLIMIT_STACK, 256 << 10, u64::MAX, &["run", "prog.wasm"]));
    let out = sb.wali_with_rlimit(libc::RLIMIT_STACK, 256 << 10, 256 << 10, &["run", "prog.wasm"]);
    assert_eq!(out.status.signal(), None, "{}", out.describe());
    assert_ne!(out.code(), 0, "{}", out.describe());
    assert!(out.stderr.contains("stack limit") && !out.stdout.contains("before"), "{}", out.describe());
}
