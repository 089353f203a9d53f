//! The ways out of the sandbox an outside security review found, each
//! rebuilt as an attack that must fail (docs/policy.md, "Threat model").

mod common;
use common::{run_wat, Sandbox, Wat};

/// A thread spinning on `dup(3)` while the main thread opens
/// `/proc/self/mem` read-write over and over: no copy of a descriptor
/// that can read or write the engine's memory may ever be caught. Before
/// the fix the engine opened the file, noticed what it was, and closed it:
/// the spinning thread caught it in between, and `pwrite` through the copy
/// ran shellcode. The attack stops at the first catch or after ~3 s.
#[test]
fn proc_mem_descriptor_race() {
    let w = Wat::new(
        r#"
    (local $i i32) (local $r i64)
    (drop (call $ok (i32.const 1) (i64.extend_i32_s (call $__wasm_thread_spawn (i32.const 1) (i32.const 0)))))
    (call $deadline_in (i64.const 3))
    (block $out (loop $again
      (local.set $r (call $SYS_open (global.get $mem) (i32.const 2) (i32.const 0)))
      (if (i64.ge_s (local.get $r) (i64.const 0)) (then (call $puts (global.get $opened)) (br $out)))
      (br_if $out (i32.load (i32.const 0x9000)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (if (i32.eqz (i32.and (local.get $i) (i32.const 255))) (then
        (br_if $out (call $past_deadline))))
      (br $again)))
    (i32.store (i32.const 0x9004) (i32.const 1))
    (if (i32.load (i32.const 0x9000)) (then (call $puts (global.get $caught))))
    (call $show (global.get $attempts) (i64.extend_i32_u (local.get $i)))
"#,
    )
    .items(
        r#"
  (table 2 funcref)
  (elem (i32.const 1) $spinner)
  ;; dup(3) in a loop; a copy on procfs (statfs's f_type 0x9fa0) that reads is a catch
  (func $spinner (param $tid i32) (param $arg i32) (local $d i64)
    (loop $again
      (local.set $d (call $SYS_dup (i32.const 3)))
      (if (i64.ge_s (local.get $d) (i64.const 0)) (then
        (if (i64.eqz (call $SYS_fstatfs (i32.wrap_i64 (local.get $d)) (i32.const 0x8000))) (then
          (if (i64.eq (i64.load (i32.const 0x8000)) (i64.const 0x9fa0)) (then
            (if (i64.eqz (call $SYS_read (i32.wrap_i64 (local.get $d)) (i32.const 0x8800) (i32.const 0))) (then
              (i32.store (i32.const 0x9000) (i32.const 1))))))))
        (drop (call $SYS_close (i32.wrap_i64 (local.get $d))))))
      (br_if $again (i32.eqz (i32.load (i32.const 0x9004))))))
"#,
    )
    .string("mem", "/proc/self/mem")
    .string("opened", "OPENED the memory file")
    .string("caught", "CAUGHT a descriptor of the memory file")
    .string("attempts", "attempts");
    let out = run_wat(&w);
    out.assert_done();
    assert!(!out.stdout.contains("CAUGHT") && !out.stdout.contains("OPENED"), "{}", out.describe());
    assert!(out.value("attempts") > 1000, "the attack made too few attempts\n{}", out.describe());
}

/// A symlink flipped between a plain directory and `/proc/self` by another
/// thread while `d/mem` is opened over and over: whichever the open sees, it
/// never returns the memory file. An engine that checked the path and then
/// opened it by name again would (the engine checks the directory it holds
/// and opens only in it, or reopens what it checked). Runs for up to ~3 s.
#[test]
fn proc_mem_symlink_flip_race() {
    let sb = Sandbox::new();
    std::fs::create_dir(sb.path().join("real")).unwrap();
    sb.write("real/mem", b"plain file");
    std::os::unix::fs::symlink("real", sb.path().join("d")).unwrap();
    let w = Wat::new(
        r#"
    (local $fd i64) (local $i i32)
    (drop (call $ok (i32.const 1) (i64.extend_i32_s (call $__wasm_thread_spawn (i32.const 1) (i32.const 0)))))
    (call $deadline_in (i64.const 3))
    (block $out (loop $again
      (local.set $fd (call $SYS_open (global.get $dmem) (i32.const 2) (i32.const 0)))
      (if (i64.ge_s (local.get $fd) (i64.const 0)) (then
        ;; f_type of what was opened: procfs is 0x9fa0
        (drop (call $SYS_fstatfs (i32.wrap_i64 (local.get $fd)) (i32.const 0x8000)))
        (if (i64.eq (i64.load (i32.const 0x8000)) (i64.const 0x9fa0)) (then
          (call $puts (global.get $opened)) (br $out)))
        (drop (call $SYS_close (i32.wrap_i64 (local.get $fd))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (if (i32.eqz (i32.and (local.get $i) (i32.const 63))) (then (br_if $out (call $past_deadline))))
      (br $again)))
    (i32.atomic.store (i32.const 0x9004) (i32.const 1))
    (call $show (global.get $attempts) (i64.extend_i32_u (local.get $i)))
"#,
    )
    .items(
        r#"
  (table 2 funcref)
  (elem (i32.const 1) $flipper)
  ;; d -> /proc/self, d -> real, ... each by renaming a fresh symlink over d
  (func $flipper (param $tid i32) (param $arg i32) (local $n i32)
    (loop $again
      (drop (call $SYS_unlink (global.get $tmp)))
      (drop (call $SYS_symlink (select (global.get $proc_self) (global.get $real) (i32.and (local.get $n) (i32.const 1))) (global.get $tmp)))
      (drop (call $SYS_rename (global.get $tmp) (global.get $d)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br_if $again (i32.eqz (i32.atomic.load (i32.const 0x9004))))))
"#,
    )
    .string("dmem", "d/mem")
    .string("d", "d")
    .string("tmp", "d.tmp")
    .string("real", "real")
    .string("proc_self", "/proc/self")
    .string("opened", "OPENED the memory file")
    .string("attempts", "attempts");
    let out = sb.run(&w);
    out.assert_done();
    assert!(!out.stdout.contains("OPENED"), "{}", out.describe());
    assert!(out.value("attempts") > 1000, "{}", out.describe());
}

/// Every way a path can reach a process's memory file is refused, and a
/// descriptor that only names it (`O_PATH`) cannot be turned into one that
/// reads or writes it.
#[test]
fn proc_mem_by_any_path() {
    let w = Wat::new(
        r#"
    (local $p i32) (local $d i32)
    (call $check (i32.const 1) (call $SYS_open (global.get $dotdot) (i32.const 2) (i32.const 0)) (i64.const -13))
    (call $check (i32.const 2) (call $SYS_open (global.get $task_mem) (i32.const 0) (i32.const 0)) (i64.const -13))
    ;; a name-only descriptor is allowed, but reads nothing and reopens to nothing
    (local.set $p (call $ok32 (i32.const 3) (call $SYS_open (global.get $mem) (i32.const 0x200000) (i32.const 0))))
    (call $check (i32.const 4) (call $SYS_read (local.get $p) (i32.const 0x8000) (i32.const 0)) (i64.const -9))
    (call $check (i32.const 5) (call $SYS_pwrite64 (local.get $p) (i32.const 0x8000) (i32.const 0) (i64.const 0)) (i64.const -9))
    (call $fd_path (i32.const 0x6000) (global.get $proc_fd) (local.get $p))
    (call $check (i32.const 6) (call $SYS_open (i32.const 0x6000) (i32.const 2) (i32.const 0)) (i64.const -13))
    (call $fd_path (i32.const 0x6000) (global.get $dev_fd) (local.get $p))
    (call $check (i32.const 7) (call $SYS_open (i32.const 0x6000) (i32.const 0) (i32.const 0)) (i64.const -13))
    ;; through a /proc/self directory descriptor, and as the working directory
    (local.set $d (call $ok32 (i32.const 8) (call $SYS_open (global.get $self) (i32.const 0x10000) (i32.const 0))))
    (call $check (i32.const 9) (call $SYS_openat (local.get $d) (global.get $name) (i32.const 0) (i32.const 0)) (i64.const -13))
    (call $check (i32.const 10) (call $SYS_fchdir (local.get $d)) (i64.const 0))
    (call $check (i32.const 11) (call $SYS_open (global.get $name) (i32.const 1) (i32.const 0)) (i64.const -13))
    ;; creating through it: the file exists, so O_CREAT opens it
    (call $check (i32.const 12) (call $SYS_open (global.get $name) (i32.const 0x42) (i32.const 0x1b6)) (i64.const -13))
    ;; exec reads the file to see whether it is Wasm; the kernel then refuses it
    (call $check2 (i32.const 13) (call $SYS_execve (global.get $mem) (i32.const 0) (i32.const 0)) (i64.const -13) (i64.const -8))
    ;; other /proc files still open
    (drop (call $ok (i32.const 14) (call $SYS_open (global.get $status) (i32.const 0) (i32.const 0))))
"#,
    )
    .items(
        r#"
  ;; writes PREFIX followed by the decimal fd (< 1000) and a NUL at `at`
  (func $fd_path (param $at i32) (param $prefix i32) (param $fd i32) (local $n i32)
    (local.set $n (call $strlen (local.get $prefix)))
    (memory.copy (local.get $at) (local.get $prefix) (local.get $n))
    (local.set $at (i32.add (local.get $at) (local.get $n)))
    (if (i32.ge_u (local.get $fd) (i32.const 100)) (then
      (i32.store8 (local.get $at) (i32.add (i32.const 48) (i32.div_u (local.get $fd) (i32.const 100))))
      (local.set $at (i32.add (local.get $at) (i32.const 1)))))
    (if (i32.ge_u (local.get $fd) (i32.const 10)) (then
      (i32.store8 (local.get $at) (i32.add (i32.const 48) (i32.rem_u (i32.div_u (local.get $fd) (i32.const 10)) (i32.const 10))))
      (local.set $at (i32.add (local.get $at) (i32.const 1)))))
    (i32.store8 (local.get $at) (i32.add (i32.const 48) (i32.rem_u (local.get $fd) (i32.const 10))))
    (i32.store8 (i32.add (local.get $at) (i32.const 1)) (i32.const 0)))
"#,
    )
    .string("mem", "/proc/self/mem")
    .string("dotdot", "/proc/self/task/../mem")
    .string("task_mem", "/proc/thread-self/mem")
    .string("proc_fd", "/proc/self/fd/")
    .string("dev_fd", "/dev/fd/")
    .string("self", "/proc/self")
    .string("name", "mem")
    .string("status", "/proc/self/status");
    run_wat(&w).assert_done();
}

/// After `chroot` into a directory without `/proc`, a descriptor for a
/// /proc directory opened before still reaches the memory file; the check
/// must not depend on looking names up from the process's root. Needs the
/// right to chroot (root, as the review ran); skipped otherwise.
#[test]
fn proc_mem_after_chroot() {
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("skipped: chroot needs root");
        return;
    }
    let w = Wat::new(
        r#"
    (local $d i32)
    (local.set $d (call $ok32 (i32.const 1) (call $SYS_open (global.get $proc) (i32.const 0x10000) (i32.const 0))))
    (call $check (i32.const 2) (call $SYS_chroot (global.get $here)) (i64.const 0))
    (call $check (i32.const 3) (call $SYS_openat (local.get $d) (global.get $self_mem) (i32.const 2) (i32.const 0)) (i64.const -13))
    (call $check (i32.const 4) (call $SYS_openat (local.get $d) (global.get $self_mem) (i32.const 0) (i32.const 0)) (i64.const -13))
    ;; other files under the directory still open
    (drop (call $ok (i32.const 5) (call $SYS_openat (local.get $d) (global.get $self_status) (i32.const 0) (i32.const 0))))
"#,
    )
    .string("proc", "/proc")
    .string("here", ".")
    .string("self_mem", "self/mem")
    .string("self_status", "self/status");
    let sb = Sandbox::new();
    sb.run(&w).assert_done();
}

/// Terminal requests that act outside the guest are refused (`ENOTTY`):
/// pushing characters into a terminal's input queue (`TIOCSTI`; the user's
/// shell ran the injected command after the guest exited), redirecting the
/// console, changing the line discipline, hanging up every process on the
/// terminal, exclusive mode, and stealing a terminal from another session.
/// Tried on a pseudo-terminal of the guest's own; ordinary requests still work.
#[test]
fn terminal_requests_that_act_outside_the_guest() {
    let w = Wat::new(
        r#"
    (local $m i32) (local $s i32)
    (local.set $m (call $ok32 (i32.const 1) (call $SYS_open (global.get $ptmx) (i32.const 0x902) (i32.const 0))))
    (i32.store (i32.const 0x6000) (i32.const 0))
    (drop (call $ok (i32.const 2) (call $SYS_ioctl (local.get $m) (i32.const 0x40045431) (i32.const 0x6000))))
    (drop (call $ok (i32.const 3) (call $SYS_ioctl (local.get $m) (i32.const 0x80045430) (i32.const 0x6004))))
    (call $pts_path (i32.const 0x6100) (i32.load (i32.const 0x6004)))
    (local.set $s (call $ok32 (i32.const 4) (call $SYS_open (i32.const 0x6100) (i32.const 0x902) (i32.const 0))))
    (i32.store8 (i32.const 0x6010) (i32.const 120))
    (call $check (i32.const 5) (call $SYS_ioctl (local.get $s) (i32.const 0x5412) (i32.const 0x6010)) (i64.const -25))
    (call $check (i32.const 6) (call $SYS_ioctl (local.get $s) (i32.const 0x541D) (i32.const 0)) (i64.const -25))
    (call $check (i32.const 7) (call $SYS_ioctl (local.get $s) (i32.const 0x5423) (i32.const 0x6000)) (i64.const -25))
    (call $check (i32.const 8) (call $SYS_ioctl (local.get $s) (i32.const 0x5437) (i32.const 0)) (i64.const -25))
    (call $check (i32.const 9) (call $SYS_ioctl (local.get $s) (i32.const 0x541C) (i32.const 0x6010)) (i64.const -25))
    (call $check (i32.const 10) (call $SYS_ioctl (local.get $s) (i32.const 0x540C) (i32.const 0)) (i64.const -25))
    (call $check (i32.const 11) (call $SYS_ioctl (local.get $s) (i32.const 0x540E) (i32.const 1)) (i64.const -25))
    ;; nothing was pushed: the master reads no input echoed back
    (call $check (i32.const 12) (call $SYS_ioctl (local.get $s) (i32.const 0x541B) (i32.const 0x6020)) (i64.const 0))
    (call $check (i32.const 13) (i64.load32_s (i32.const 0x6020)) (i64.const 0))
    ;; ordinary requests still work
    (call $check (i32.const 14) (call $SYS_ioctl (local.get $s) (i32.const 0x5401) (i32.const 0x6200)) (i64.const 0))
    (call $check (i32.const 15) (call $SYS_ioctl (local.get $s) (i32.const 0x5413) (i32.const 0x6300)) (i64.const 0))
"#,
    )
    .items(
        r#"
  ;; "/dev/pts/N" at `at`
  (func $pts_path (param $at i32) (param $n i32) (local $len i32)
    (local.set $len (call $strlen (global.get $pts)))
    (memory.copy (local.get $at) (global.get $pts) (local.get $len))
    (local.set $at (i32.add (local.get $at) (local.get $len)))
    (if (i32.ge_u (local.get $n) (i32.const 10)) (then
      (i32.store8 (local.get $at) (i32.add (i32.const 48) (i32.div_u (local.get $n) (i32.const 10))))
      (local.set $at (i32.add (local.get $at) (i32.const 1)))))
    (i32.store8 (local.get $at) (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
    (i32.store8 (i32.add (local.get $at) (i32.const 1)) (i32.const 0)))
"#,
    )
    .string("ptmx", "/dev/ptmx")
    .string("pts", "/dev/pts/");
    run_wat(&w).assert_done();
}

/// `prlimit64(otherpid, ...)` got past `--deny @process` and changed another
/// process's limits (review escape 6). A denied group covers every call that
/// does what the group names, whatever import it goes through: prlimit64 on
/// another process, prlimit64 setting limits (setrlimit), and F_SETOWN
/// pointing SIGIO at another process (kill). Reading one's own limits, as C
/// libraries do through prlimit64, still works.
#[test]
fn denied_process_group_covers_every_call_doing_it() {
    let w = Wat::new(
        r#"
    (local $ppid i32) (local $fd i32)
    (local.set $ppid (i32.wrap_i64 (call $SYS_getppid)))
    ;; RLIMIT_CORE (4) of the parent: neither read nor changed
    (call $check (i32.const 1) (call $SYS_prlimit64 (local.get $ppid) (i32.const 4) (i32.const 0) (i32.const 0x4000)) (i64.const -1))
    (call $check (i32.const 2) (call $SYS_prlimit64 (local.get $ppid) (i32.const 4) (i32.const 0x4000) (i32.const 0)) (i64.const -1))
    ;; one's own limits: read yes, set no (setrlimit is in the group)
    (call $check (i32.const 3) (call $SYS_prlimit64 (i32.const 0) (i32.const 4) (i32.const 0) (i32.const 0x4000)) (i64.const 0))
    (call $check (i32.const 4) (call $SYS_prlimit64 (i32.wrap_i64 (call $SYS_getpid)) (i32.const 4) (i32.const 0) (i32.const 0x4000)) (i64.const 0))
    (call $check (i32.const 5) (call $SYS_prlimit64 (i32.const 0) (i32.const 4) (i32.const 0x4000) (i32.const 0)) (i64.const -1))
    (call $check (i32.const 6) (call $SYS_getrlimit (i32.const 4) (i32.const 0x4000)) (i64.const 0))
    ;; SIGIO for a descriptor: to another process no, to oneself yes (F_SETOWN 8)
    (local.set $fd (call $ok32 (i32.const 7) (call $SYS_socket (i32.const 1) (i32.const 1) (i32.const 0))))
    (call $check (i32.const 8) (call $SYS_fcntl (local.get $fd) (i32.const 8) (i64.extend_i32_u (local.get $ppid))) (i64.const -1))
    (call $check (i32.const 9) (call $SYS_fcntl (local.get $fd) (i32.const 8) (call $SYS_getpid)) (i64.const 0))
    ;; F_SETOWN_EX (15) {F_OWNER_PID 1, pid}
    (i32.store (i32.const 0x4100) (i32.const 1))
    (i32.store (i32.const 0x4104) (local.get $ppid))
    (call $check (i32.const 10) (call $SYS_fcntl (local.get $fd) (i32.const 15) (i64.const 0x4100)) (i64.const -1))
    (i32.store (i32.const 0x4104) (i32.wrap_i64 (call $SYS_getpid)))
    (call $check (i32.const 11) (call $SYS_fcntl (local.get $fd) (i32.const 15) (i64.const 0x4100)) (i64.const 0))
    ;; {F_OWNER_PGRP 2, the guest's own group}: other processes are in it
    (i32.store (i32.const 0x4100) (i32.const 2))
    (i32.store (i32.const 0x4104) (i32.wrap_i64 (call $SYS_getpgid (i32.const 0))))
    (call $check (i32.const 12) (call $SYS_fcntl (local.get $fd) (i32.const 15) (i64.const 0x4100)) (i64.const -1))
    ;; another process's /proc files: read yes, written no (O_WRONLY 1); its own yes
    (call $proc_path (i32.const 0x6000) (local.get $ppid) (global.get $oom))
    (call $check (i32.const 13) (call $SYS_open (i32.const 0x6000) (i32.const 1) (i32.const 0)) (i64.const -1))
    (call $proc_path (i32.const 0x6000) (local.get $ppid) (global.get $status))
    (drop (call $ok (i32.const 14) (call $SYS_open (i32.const 0x6000) (i32.const 0) (i32.const 0))))
    (call $proc_path (i32.const 0x6000) (i32.wrap_i64 (call $SYS_getpid)) (global.get $oom))
    (drop (call $ok (i32.const 15) (call $SYS_open (i32.const 0x6000) (i32.const 1) (i32.const 0))))
    (drop (call $ok (i32.const 16) (call $SYS_open (global.get $self_oom) (i32.const 1) (i32.const 0))))
"#,
    )
    .items(
        r#"
  ;; "/proc/<pid>/" followed by the string at `name`, NUL-terminated, at `at`
  (func $proc_path (param $at i32) (param $pid i32) (param $name i32) (local $n i32) (local $d i32) (local $div i32)
    (i32.store (local.get $at) (i32.const 0x6f72702f)) ;; "/pro"
    (i32.store16 (i32.add (local.get $at) (i32.const 4)) (i32.const 0x2f63)) ;; "c/"
    (local.set $at (i32.add (local.get $at) (i32.const 6)))
    (local.set $div (i32.const 1000000000))
    (loop $digits
      (local.set $d (i32.div_u (local.get $pid) (local.get $div)))
      (if (i32.or (local.get $n) (i32.or (local.get $d) (i32.eq (local.get $div) (i32.const 1)))) (then
        (i32.store8 (local.get $at) (i32.add (i32.const 48) (local.get $d)))
        (local.set $at (i32.add (local.get $at) (i32.const 1)))
        (local.set $n (i32.const 1))))
      (local.set $pid (i32.rem_u (local.get $pid) (local.get $div)))
      (local.set $div (i32.div_u (local.get $div) (i32.const 10)))
      (br_if $digits (local.get $div)))
    (i32.store8 (local.get $at) (i32.const 47))
    (local.set $n (call $strlen (local.get $name)))
    (memory.copy (i32.add (local.get $at) (i32.const 1)) (local.get $name) (i32.add (local.get $n) (i32.const 1))))
"#,
    )
    .string("oom", "oom_score_adj")
    .string("status", "status")
    .string("self_oom", "/proc/self/oom_score_adj");
    Sandbox::new().run_with(&w, &["--deny", "@process"], &[]).assert_done();
    // Without the policy every call above reaches the kernel.
    let w = Wat::new(
        r#"
    (call $check (i32.const 1) (call $SYS_prlimit64 (i32.wrap_i64 (call $SYS_getppid)) (i32.const 4) (i32.const 0) (i32.const 0x4000)) (i64.const 0))
"#,
    );
    run_wat(&w).assert_done();
}

/// `ioctl(FS_IOC_SETFLAGS)` (chattr: immutable, append-only...) changed
/// files under `--deny @fs-write`: it counts as `fchmod`. Binding a Unix
/// socket to a path creates a file: it counts as `mknod`.
#[test]
fn denied_fs_write_covers_inode_flags_and_socket_files() {
    let w = Wat::new(
        r#"
    (local $fd i32) (local $s i32)
    (local.set $s (call $ok32 (i32.const 10) (call $SYS_socket (i32.const 1) (i32.const 1) (i32.const 0))))
    (memory.fill (i32.const 0x6000) (i32.const 0) (i32.const 110))
    (i32.store16 (i32.const 0x6000) (i32.const 1))
    (memory.copy (i32.const 0x6002) (global.get $sock) (i32.const 6))
    (call $check (i32.const 11) (call $SYS_bind (local.get $s) (i32.const 0x6000) (i32.const 110)) (i64.const -1))
    ;; an abstract socket is no file
    (i32.store8 (i32.const 0x6002) (i32.const 0))
    (call $check (i32.const 12) (call $SYS_bind (local.get $s) (i32.const 0x6000) (i32.const 110)) (i64.const 0))
    (local.set $fd (call $ok32 (i32.const 1) (call $SYS_open (global.get $f) (i32.const 0x42) (i32.const 0x1a4))))
    ;; setting the flags it already has changes nothing, but is refused
    (call $check (i32.const 2) (call $SYS_ioctl (local.get $fd) (i32.const 0x80086601) (i32.const 0x4000)) (i64.const 0))
    (call $check (i32.const 3) (call $SYS_ioctl (local.get $fd) (i32.const 0x40086602) (i32.const 0x4000)) (i64.const -1))
"#,
    )
    .string("f", "f.txt")
    .string("sock", "s.sock");
    let sb = Sandbox::new();
    sb.run_with(&w, &["--deny", "@fs-write"], &[]).assert_done();
    assert!(!sb.path().join("s.sock").exists());
}

/// `--dir` did not stop metadata changes: Landlock has no rights for chmod,
/// chown, utime or FS_IOC_SETFLAGS, so with `--dir work` (and `--dir ro:ro`)
/// a guest made a file outside the trees setuid 0777, changed its owner and
/// times, and set inode flags through a read-only descriptor (review escape
/// 5). Reading metadata outside (stat, access, readlink, statfs, inotify, a
/// name-only open, chdir) worked too. The engine confines them now.
#[test]
fn dir_confines_metadata() {
    let sb = Sandbox::new();
    for d in ["work", "ro", "outside"] {
        std::fs::create_dir(sb.path().join(d)).unwrap();
    }
    sb.write("work/w.txt", b"w");
    sb.write("ro/r.txt", b"r");
    sb.write("outside/o.txt", b"o");
    std::os::unix::fs::symlink("../outside/o.txt", sb.path().join("work/link")).unwrap();
    std::os::unix::fs::symlink("o.txt", sb.path().join("outside/olink")).unwrap();
    std::os::unix::fs::symlink("../outside/", sb.path().join("work/dirlink")).unwrap();
    let w = Wat::new(
        r#"
    (local $fd i32) (local $in i32)
    ;; changes: outside (directly, through a symlink), in the read-only tree
    (call $check (i32.const 1) (call $SYS_chmod (global.get $o) (i32.const 0xdff)) (i64.const -13))
    (call $check (i32.const 2) (call $SYS_chmod (global.get $link) (i32.const 0x180)) (i64.const -13))
    (call $check (i32.const 3) (call $SYS_chown (global.get $o) (i32.const 0) (i32.const 0)) (i64.const -13))
    (call $check (i32.const 4) (call $SYS_utimensat (i32.const -100) (global.get $o) (i32.const 0) (i32.const 0)) (i64.const -13))
    (call $check (i32.const 5) (call $SYS_utimes (global.get $r) (i32.const 0)) (i64.const -13))
    (call $check (i32.const 6) (call $SYS_chmod (global.get $r) (i32.const 0x180)) (i64.const -13))
    (call $check (i32.const 7) (call $SYS_fchmodat (i32.const -100) (global.get $o) (i32.const 0x180) (i32.const 0)) (i64.const -13))
    ;; through a read-only descriptor of a file in the read-only tree
    (local.set $fd (call $ok32 (i32.const 8) (call $SYS_open (global.get $r) (i32.const 0) (i32.const 0))))
    (call $check (i32.const 9) (call $SYS_ioctl (local.get $fd) (i32.const 0x80086601) (i32.const 0x4000)) (i64.const 0))
    (call $check (i32.const 10) (call $SYS_ioctl (local.get $fd) (i32.const 0x40086602) (i32.const 0x4000)) (i64.const -13))
    (call $check (i32.const 11) (call $SYS_fchmod (local.get $fd) (i32.const 0x180)) (i64.const -13))
    (call $check (i32.const 12) (call $SYS_fchown (local.get $fd) (i32.const 0) (i32.const 0)) (i64.const -13))
    (call $check (i32.const 13) (call $SYS_utimensat (local.get $fd) (i32.const 0) (i32.const 0) (i32.const 0)) (i64.const -13))
    ;; in the read-write tree, all allowed; the symlink itself is there (lchown)
    (call $check (i32.const 14) (call $SYS_chmod (global.get $w) (i32.const 0x180)) (i64.const 0))
    (call $check (i32.const 15) (call $SYS_fchownat (i32.const -100) (global.get $link) (i32.const 0) (i32.const 0) (i32.const 0x100)) (i64.const 0))
    (call $check (i32.const 16) (call $SYS_utimes (global.get $w) (i32.const 0)) (i64.const 0))
    ;; reading metadata: outside no; in the trees and on the way to them yes
    (call $check (i32.const 17) (call $SYS_stat (global.get $o) (i32.const 0x5000)) (i64.const -13))
    (call $check (i32.const 18) (call $SYS_stat (global.get $outside) (i32.const 0x5000)) (i64.const -13))
    (call $check (i32.const 19) (call $SYS_lstat (global.get $link) (i32.const 0x5000)) (i64.const 0))
    (call $check (i32.const 20) (call $SYS_stat (global.get $link) (i32.const 0x5000)) (i64.const -13))
    (call $check (i32.const 21) (call $SYS_stat (global.get $r) (i32.const 0x5000)) (i64.const 0))
    (call $check (i32.const 22) (call $SYS_stat (global.get $dot) (i32.const 0x5000)) (i64.const 0))
    (call $check (i32.const 23) (call $SYS_stat (global.get $root) (i32.const 0x5000)) (i64.const 0))
    (call $check (i32.const 24) (call $SYS_access (global.get $o) (i32.const 0)) (i64.const -13))
    (call $check (i32.const 25) (call $SYS_readlink (global.get $olink) (i32.const 0x5000) (i32.const 64)) (i64.const -13))
    (call $check (i32.const 26) (call $SYS_readlink (global.get $link) (i32.const 0x5000) (i32.const 64)) (i64.const 16))
    (call $check (i32.const 27) (call $SYS_statfs (global.get $outside) (i32.const 0x5000)) (i64.const -13))
    (call $check (i32.const 28) (call $SYS_open (global.get $o) (i32.const 0x200000) (i32.const 0)) (i64.const -13))
    (drop (call $ok (i32.const 29) (call $SYS_open (global.get $w) (i32.const 0x200000) (i32.const 0))))
    (call $check (i32.const 30) (call $SYS_newfstatat (i32.const -100) (global.get $o) (i32.const 0x5000) (i32.const 0)) (i64.const -13))
    (call $check (i32.const 31) (call $SYS_statx (i32.const -100) (global.get $o) (i32.const 0) (i32.const 0xfff) (i32.const 0x5000)) (i64.const -13))
    (local.set $in (call $ok32 (i32.const 32) (call $SYS_inotify_init1 (i32.const 0))))
    (call $check (i32.const 33) (call $SYS_inotify_add_watch (local.get $in) (global.get $outside) (i32.const 0xfff)) (i64.const -13))
    (drop (call $ok (i32.const 34) (call $SYS_inotify_add_watch (local.get $in) (global.get $work) (i32.const 0xfff))))
    (call $check (i32.const 35) (call $SYS_chdir (global.get $outside)) (i64.const -13))
    (call $check (i32.const 36) (call $SYS_chdir (global.get $work)) (i64.const 0))
    (call $check (i32.const 37) (call $SYS_chdir (global.get $up)) (i64.const 0))
    ;; a symlink whose target ends in "/" leads to that directory, outside
    (call $check (i32.const 38) (call $SYS_stat (global.get $dirlink) (i32.const 0x5000)) (i64.const -13))
    (call $check (i32.const 39) (call $SYS_chdir (global.get $dirlink)) (i64.const -13))
    (call $check (i32.const 40) (call $SYS_lstat (global.get $dirlink) (i32.const 0x5000)) (i64.const 0))
"#,
    )
    .string("o", "outside/o.txt")
    .string("olink", "outside/olink")
    .string("outside", "outside")
    .string("link", "work/link")
    .string("dirlink", "work/dirlink")
    .string("w", "work/w.txt")
    .string("work", "work")
    .string("r", "ro/r.txt")
    .string("dot", ".")
    .string("up", "..")
    .string("root", "/");
    let work = sb.path().join("work");
    let ro = format!("{}:ro", sb.path().join("ro").display());
    sb.run_with(&w, &["--dir", work.to_str().unwrap(), "--dir", &ro], &[]).assert_done();
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(sb.path().join("outside/o.txt")).unwrap().permissions().mode();
    assert_eq!(mode & 0o7777, 0o644, "the file outside the trees changed mode");
}

/// Landlock does not confine connecting to a Unix socket by its path: with
/// `--dir work` a guest could talk to any socket the user can (a container
/// daemon's, the session bus). Under `--dir` a socket must be beneath a
/// read-write tree to be connected or sent to.
#[test]
fn dir_confines_unix_socket_paths() {
    let sb = Sandbox::new();
    for d in ["work", "outside"] {
        std::fs::create_dir(sb.path().join(d)).unwrap();
    }
    let _inside = std::os::unix::net::UnixListener::bind(sb.path().join("work/s.sock")).unwrap();
    let _outside = std::os::unix::net::UnixListener::bind(sb.path().join("outside/s.sock")).unwrap();
    let _dgram = std::os::unix::net::UnixDatagram::bind(sb.path().join("outside/d.sock")).unwrap();
    std::os::unix::fs::symlink("../outside/s.sock", sb.path().join("work/link.sock")).unwrap();
    let w = Wat::new(
        r#"
    (local $s i32) (local $d i32)
    (local.set $s (call $ok32 (i32.const 1) (call $SYS_socket (i32.const 1) (i32.const 1) (i32.const 0))))
    (call $sun (i32.const 0x6000) (global.get $out))
    (call $check (i32.const 2) (call $SYS_connect (local.get $s) (i32.const 0x6000) (i32.const 110)) (i64.const -13))
    (call $sun (i32.const 0x6000) (global.get $link))
    (call $check (i32.const 3) (call $SYS_connect (local.get $s) (i32.const 0x6000) (i32.const 110)) (i64.const -13))
    (call $sun (i32.const 0x6000) (global.get $in))
    (call $check (i32.const 4) (call $SYS_connect (local.get $s) (i32.const 0x6000) (i32.const 110)) (i64.const 0))
    (local.set $d (call $ok32 (i32.const 5) (call $SYS_socket (i32.const 1) (i32.const 2) (i32.const 0))))
    (call $sun (i32.const 0x6000) (global.get $dg))
    (call $check (i32.const 6) (call $SYS_sendto (local.get $d) (global.get $out) (i32.const 1) (i32.const 0) (i32.const 0x6000) (i32.const 110)) (i64.const -13))
"#,
    )
    .items(
        r#"
  ;; a sockaddr_un for the NUL-terminated path at `path`
  (func $sun (param $at i32) (param $path i32)
    (memory.fill (local.get $at) (i32.const 0) (i32.const 110))
    (i32.store16 (local.get $at) (i32.const 1))
    (memory.copy (i32.add (local.get $at) (i32.const 2)) (local.get $path) (call $strlen (local.get $path))))
"#,
    )
    .string("out", "outside/s.sock")
    .string("link", "work/link.sock")
    .string("in", "work/s.sock")
    .string("dg", "outside/d.sock");
    let work = sb.path().join("work");
    sb.run_with(&w, &["--dir", work.to_str().unwrap()], &[]).assert_done();
}
