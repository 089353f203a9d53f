//! Time, identity, limits, system information, randomness, umask, and the
//! descriptor kinds eventfd, timerfd and signalfd; signal handlers.

mod common;

use common::{run_wat, Sandbox, Wat};
use std::os::unix::fs::MetadataExt;

#[test]
fn clocks_and_sleeps() {
    // timespec {i64 sec, i64 nsec}; CLOCK_REALTIME 0, CLOCK_MONOTONIC 1.
    let w = Wat::new(
        r#"
    (local $t1 i64) (local $t2 i64)
    (call $check (i32.const 1) (call $SYS_clock_gettime (i32.const 1) (i32.const 0x4000)) (i64.const 0))
    (call $check_true (i32.const 2) (i64.lt_u (i64.load offset=8 (i32.const 0x4000)) (i64.const 1000000000)))
    (local.set $t1 (i64.add (i64.mul (i64.load (i32.const 0x4000)) (i64.const 1000000000)) (i64.load offset=8 (i32.const 0x4000))))
    ;; sleep 2 ms
    (i64.store (i32.const 0x4100) (i64.const 0))
    (i64.store (i32.const 0x4108) (i64.const 2000000))
    (call $check (i32.const 3) (call $SYS_nanosleep (i32.const 0x4100) (i32.const 0x4110)) (i64.const 0))
    (call $check (i32.const 4) (call $SYS_clock_gettime (i32.const 1) (i32.const 0x4000)) (i64.const 0))
    (local.set $t2 (i64.add (i64.mul (i64.load (i32.const 0x4000)) (i64.const 1000000000)) (i64.load offset=8 (i32.const 0x4000))))
    (call $check_true (i32.const 5) (i64.ge_s (i64.sub (local.get $t2) (local.get $t1)) (i64.const 2000000)))
    ;; the clock keeps increasing
    (call $check (i32.const 6) (call $SYS_clock_gettime (i32.const 1) (i32.const 0x4000)) (i64.const 0))
    (call $check_true (i32.const 7) (i64.ge_s (i64.add (i64.mul (i64.load (i32.const 0x4000)) (i64.const 1000000000)) (i64.load offset=8 (i32.const 0x4000))) (local.get $t2)))
    ;; wall clock and gettimeofday agree
    (call $check (i32.const 8) (call $SYS_clock_gettime (i32.const 0) (i32.const 0x4200)) (i64.const 0))
    (call $show (global.get $realtime) (i64.load (i32.const 0x4200)))
    (call $check (i32.const 9) (call $SYS_gettimeofday (i32.const 0x4300) (i32.const 0x4310)) (i64.const 0))
    (call $check_true (i32.const 10) (i64.le_u (i64.sub (i64.load (i32.const 0x4300)) (i64.load (i32.const 0x4200))) (i64.const 2)))
    (call $check_true (i32.const 11) (i64.lt_u (i64.load offset=8 (i32.const 0x4300)) (i64.const 1000000)))
    (call $check (i32.const 12) (call $SYS_gettimeofday (i32.const 0x4300) (i32.const 0)) (i64.const 0))
    ;; resolution
    (i64.store (i32.const 0x4400) (i64.const -1))
    (i64.store (i32.const 0x4408) (i64.const -1))
    (call $check (i32.const 13) (call $SYS_clock_getres (i32.const 1) (i32.const 0x4400)) (i64.const 0))
    (call $check (i32.const 14) (i64.load (i32.const 0x4400)) (i64.const 0))
    (call $check_true (i32.const 15) (i32.and (i64.ge_s (i64.load offset=8 (i32.const 0x4400)) (i64.const 1))
                                              (i64.le_s (i64.load offset=8 (i32.const 0x4400)) (i64.const 1000000))))
    (call $check (i32.const 16) (call $SYS_clock_getres (i32.const 1) (i32.const 0)) (i64.const 0))
    ;; errors: an unknown clock, nanoseconds out of range
    (call $check (i32.const 17) (call $SYS_clock_gettime (i32.const 999) (i32.const 0x4000)) (i64.const -22))
    (call $check (i32.const 18) (call $SYS_clock_getres (i32.const 999) (i32.const 0x4000)) (i64.const -22))
    (i64.store (i32.const 0x4108) (i64.const 1000000000))
    (call $check (i32.const 19) (call $SYS_nanosleep (i32.const 0x4100) (i32.const 0)) (i64.const -22))
    ;; clock_nanosleep: relative 1 ms, then an absolute time in the past
    (i64.store (i32.const 0x4108) (i64.const 1000000))
    (call $check (i32.const 20) (call $SYS_clock_nanosleep (i32.const 1) (i32.const 0) (i32.const 0x4100) (i32.const 0)) (i64.const 0))
    (call $check (i32.const 21) (call $SYS_clock_nanosleep (i32.const 1) (i32.const 1) (i32.const 0x4100) (i32.const 0)) (i64.const 0))
"#,
    )
    .string("realtime", "realtime");
    let out = run_wat(&w);
    out.assert_done();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    assert!((now - out.value("realtime")).abs() <= 5, "{}", out.describe());
}

#[test]
fn identity_calls() {
    let w = Wat::new(
        r#"
    (local $pid i64)
    (local.set $pid (call $SYS_getpid))
    (call $show (global.get $pid) (local.get $pid))
    (call $show (global.get $ppid) (call $SYS_getppid))
    (call $check (i32.const 1) (call $SYS_gettid) (local.get $pid))
    (call $check (i32.const 2) (call $SYS_set_tid_address (i32.const 0x4000)) (local.get $pid))
    (call $show (global.get $uid) (call $SYS_getuid))
    (call $show (global.get $euid) (call $SYS_geteuid))
    (call $show (global.get $gid) (call $SYS_getgid))
    (call $show (global.get $egid) (call $SYS_getegid))
    ;; 0 when the group or session leader is outside our pid namespace
    (call $check_true (i32.const 3) (i64.ge_s (call $SYS_getpgid (i32.const 0)) (i64.const 0)))
    (call $check_true (i32.const 4) (i64.ge_s (call $SYS_getsid (i32.const 0)) (i64.const 0)))
    (call $check (i32.const 5) (call $SYS_getpgid (i32.const -5)) (i64.const -3)) ;; ESRCH
    ;; getgroups: the count, then the list
    (call $check (i32.const 6) (call $SYS_getgroups (i32.const 64) (i32.const 0x4100))
                               (call $ok (i32.const 7) (call $SYS_getgroups (i32.const 0) (i32.const 0))))
    (call $check (i32.const 8) (call $SYS_sched_yield) (i64.const 0))
    ;; sched_getaffinity: at least one CPU in the mask
    (memory.fill (i32.const 0x4200) (i32.const 0) (i32.const 128))
    (drop (call $ok (i32.const 9) (call $SYS_sched_getaffinity (i32.const 0) (i32.const 128) (i32.const 0x4200))))
    (call $check_true (i32.const 10) (i32.eqz (call $all_zero (i32.const 0x4200) (i32.const 128))))
    ;; prctl: set and read back the thread name
    (call $check (i32.const 11) (call $SYS_prctl (i32.const 15) (i64.extend_i32_u (global.get $name)) (i64.const 0) (i64.const 0) (i64.const 0)) (i64.const 0))
    (memory.fill (i32.const 0x4300) (i32.const 0xff) (i32.const 16))
    (call $check (i32.const 12) (call $SYS_prctl (i32.const 16) (i64.const 0x4300) (i64.const 0) (i64.const 0) (i64.const 0)) (i64.const 0))
    (call $check_mem (i32.const 13) (i32.const 0x4300) (global.get $name) (i32.const 9))
"#,
    )
    .string("pid", "pid")
    .string("ppid", "ppid")
    .string("uid", "uid")
    .string("euid", "euid")
    .string("gid", "gid")
    .string("egid", "egid")
    .string("name", "wali-tst");
    let sb = Sandbox::new();
    let out = sb.run(&w);
    out.assert_done();
    assert_eq!(out.value("pid"), out.pid as i64);
    assert_eq!(out.value("ppid"), std::process::id() as i64);
    // A file this test process creates has its effective uid and gid.
    let m = std::fs::metadata(sb.write("owner", b"")).unwrap();
    assert_eq!(out.value("euid"), m.uid() as i64);
    assert_eq!(out.value("uid"), m.uid() as i64);
    assert_eq!(out.value("egid"), m.gid() as i64);
}

#[test]
fn resource_limits() {
    // struct rlimit {u64 cur, u64 max}; RLIMIT_NOFILE 7, RLIMIT_STACK 3.
    let w = Wat::new(
        r#"
    (local $max i64)
    (call $check (i32.const 1) (call $SYS_getrlimit (i32.const 7) (i32.const 0x4000)) (i64.const 0))
    (local.set $max (i64.load offset=8 (i32.const 0x4000)))
    (call $check_true (i32.const 2) (i64.le_u (i64.load (i32.const 0x4000)) (local.get $max)))
    (call $check_true (i32.const 3) (i64.ge_u (local.get $max) (i64.const 100)))
    ;; lower the soft limit
    (i64.store (i32.const 0x4010) (i64.const 64))
    (i64.store (i32.const 0x4018) (local.get $max))
    (call $check (i32.const 4) (call $SYS_setrlimit (i32.const 7) (i32.const 0x4010)) (i64.const 0))
    (call $check (i32.const 5) (call $SYS_getrlimit (i32.const 7) (i32.const 0x4000)) (i64.const 0))
    (call $check (i32.const 6) (i64.load (i32.const 0x4000)) (i64.const 64))
    ;; prlimit64: read only, then set and read the old value
    (call $check (i32.const 7) (call $SYS_prlimit64 (i32.const 0) (i32.const 7) (i32.const 0) (i32.const 0x4020)) (i64.const 0))
    (call $check (i32.const 8) (i64.load (i32.const 0x4020)) (i64.const 64))
    (call $check (i32.const 9) (i64.load offset=8 (i32.const 0x4020)) (local.get $max))
    (i64.store (i32.const 0x4010) (i64.const 20))
    (call $check (i32.const 10) (call $SYS_prlimit64 (i32.const 0) (i32.const 7) (i32.const 0x4010) (i32.const 0x4030)) (i64.const 0))
    (call $check (i32.const 11) (i64.load (i32.const 0x4030)) (i64.const 64))
    ;; the limit applies: F_DUPFD at or above it fails
    (call $check (i32.const 12) (call $SYS_fcntl (i32.const 1) (i32.const 0) (i64.const 25)) (i64.const -22))
    (call $check_true (i32.const 13) (i64.lt_s (call $ok (i32.const 14) (call $SYS_fcntl (i32.const 1) (i32.const 0) (i64.const 10))) (i64.const 20)))
    ;; soft above hard, an unknown resource
    (i64.store (i32.const 0x4010) (i64.const 30))
    (i64.store (i32.const 0x4018) (i64.const 25))
    (call $check (i32.const 15) (call $SYS_setrlimit (i32.const 7) (i32.const 0x4010)) (i64.const -22))
    (call $check (i32.const 16) (call $SYS_getrlimit (i32.const 999) (i32.const 0x4000)) (i64.const -22))
    (call $check (i32.const 17) (call $SYS_getrlimit (i32.const 3) (i32.const 0x4000)) (i64.const 0))
    ;; getrusage: some user or system time, or at least a max RSS
    (call $check (i32.const 18) (call $SYS_getrusage (i32.const 0) (i32.const 0x5000)) (i64.const 0))
    (call $check_true (i32.const 19) (i64.gt_s (i64.load offset=32 (i32.const 0x5000)) (i64.const 0)))
"#,
    );
    run_wat(&w).assert_done();
}

#[test]
fn uname_sysinfo_getrandom() {
    let w = Wat::new(
        r#"
    ;; uname: sysname "Linux" @0, nodename @65, machine @260
    (memory.fill (i32.const 0x4000) (i32.const 0xff) (i32.const 390))
    (call $check (i32.const 1) (call $SYS_uname (i32.const 0x4000)) (i64.const 0))
    (call $check_mem (i32.const 2) (i32.const 0x4000) (global.get $linux) (i32.const 6))
    (call $print (global.get $machine)) (call $puts (i32.const 0x4104))
    (call $print (global.get $node)) (call $puts (i32.const 0x4041))
    ;; sysinfo: uptime @0, totalram @32, procs @80, mem_unit @104
    (call $check (i32.const 3) (call $SYS_sysinfo (i32.const 0x5000)) (i64.const 0))
    (call $check_true (i32.const 4) (i64.gt_s (i64.load (i32.const 0x5000)) (i64.const 0)))
    (call $check_true (i32.const 5) (i64.gt_u (i64.load offset=32 (i32.const 0x5000)) (i64.const 0)))
    (call $check_true (i32.const 6) (i64.le_u (i64.load offset=40 (i32.const 0x5000)) (i64.load offset=32 (i32.const 0x5000))))
    (call $check_true (i32.const 7) (i32.gt_u (i32.load16_u offset=80 (i32.const 0x5000)) (i32.const 0)))
    (call $check_true (i32.const 8) (i32.ge_u (i32.load offset=104 (i32.const 0x5000)) (i32.const 1)))
    ;; getrandom: two different non-zero blocks
    (memory.fill (i32.const 0x6000) (i32.const 0) (i32.const 64))
    (call $check (i32.const 9) (call $SYS_getrandom (i32.const 0x6000) (i32.const 32) (i32.const 0)) (i64.const 32))
    (call $check (i32.const 10) (call $SYS_getrandom (i32.const 0x6020) (i32.const 32) (i32.const 1)) (i64.const 32))
    (call $check_true (i32.const 11) (i32.eqz (call $all_zero (i32.const 0x6000) (i32.const 32))))
    (call $check_true (i32.const 12) (i32.eqz (call $memeq (i32.const 0x6000) (i32.const 0x6020) (i32.const 32))))
    (call $check (i32.const 13) (call $SYS_getrandom (i32.const 0x6000) (i32.const 0) (i32.const 0)) (i64.const 0))
    (call $check (i32.const 14) (call $SYS_getrandom (i32.const 0x6000) (i32.const 8) (i32.const 0x100)) (i64.const -22))
"#,
    )
    .string("linux", "Linux")
    .string("machine", "machine=")
    .string("node", "node=");
    let out = run_wat(&w);
    out.assert_done();
    assert!(out.lines().contains(&format!("machine={}", std::env::consts::ARCH).as_str()), "{}", out.describe());
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap();
    assert!(out.lines().contains(&format!("node={}", host.trim()).as_str()), "{}", out.describe());
}

#[test]
fn umask_applies_to_new_files() {
    let w = Wat::new(
        r#"
    (local $fd i32)
    (drop (call $SYS_umask (i32.const 0x17)))  ;; 027
    (call $check (i32.const 1) (call $SYS_umask (i32.const 0x3f)) (i64.const 0x17)) ;; 077
    (local.set $fd (call $ok32 (i32.const 2) (call $SYS_open (global.get $f) (i32.const 0x241) (i32.const 0x1b6))))
    (call $check (i32.const 3) (call $SYS_fstat (local.get $fd) (i32.const 0x5000)) (i64.const 0))
    (call $check (i32.const 4) (i64.load32_u offset=24 (i32.const 0x5000)) (i64.const 0x8180)) ;; S_IFREG | 0600
    (call $check (i32.const 5) (call $SYS_mkdir (global.get $d) (i32.const 0x1ff)) (i64.const 0))
    (call $check (i32.const 6) (call $SYS_stat (global.get $d) (i32.const 0x5000)) (i64.const 0))
    (call $check (i32.const 7) (i64.load32_u offset=24 (i32.const 0x5000)) (i64.const 0x41c0)) ;; S_IFDIR | 0700
    (call $check (i32.const 8) (call $SYS_umask (i32.const 0x12)) (i64.const 0x3f))
"#,
    )
    .string("f", "f")
    .string("d", "d");
    let sb = Sandbox::new();
    sb.run(&w).assert_done();
    assert_eq!(std::fs::metadata(sb.path().join("f")).unwrap().mode() & 0o777, 0o600);
}

#[test]
fn eventfd_counters() {
    // EFD_SEMAPHORE 1, EFD_NONBLOCK 0x800.
    let w = Wat::new(
        r#"
    (local $e i32) (local $s i32)
    (local.set $e (call $ok32 (i32.const 1) (call $SYS_eventfd2 (i32.const 5) (i32.const 0x800))))
    (call $check (i32.const 2) (call $SYS_read (local.get $e) (i32.const 0x4000) (i32.const 8)) (i64.const 8))
    (call $check (i32.const 3) (i64.load (i32.const 0x4000)) (i64.const 5))
    (call $check (i32.const 4) (call $SYS_read (local.get $e) (i32.const 0x4000) (i32.const 8)) (i64.const -11))
    (i64.store (i32.const 0x4100) (i64.const 3))
    (call $check (i32.const 5) (call $SYS_write (local.get $e) (i32.const 0x4100) (i32.const 8)) (i64.const 8))
    (i64.store (i32.const 0x4100) (i64.const 4))
    (call $check (i32.const 6) (call $SYS_write (local.get $e) (i32.const 0x4100) (i32.const 8)) (i64.const 8))
    (call $check (i32.const 7) (call $SYS_read (local.get $e) (i32.const 0x4000) (i32.const 8)) (i64.const 8))
    (call $check (i32.const 8) (i64.load (i32.const 0x4000)) (i64.const 7))
    (call $check (i32.const 9) (call $SYS_read (local.get $e) (i32.const 0x4000) (i32.const 4)) (i64.const -22))
    ;; semaphore mode: each read takes 1
    (local.set $s (call $ok32 (i32.const 10) (call $SYS_eventfd2 (i32.const 2) (i32.const 0x801))))
    (call $check (i32.const 11) (call $SYS_read (local.get $s) (i32.const 0x4000) (i32.const 8)) (i64.const 8))
    (call $check (i32.const 12) (i64.load (i32.const 0x4000)) (i64.const 1))
    (call $check (i32.const 13) (call $SYS_read (local.get $s) (i32.const 0x4000) (i32.const 8)) (i64.const 8))
    (call $check (i32.const 14) (call $SYS_read (local.get $s) (i32.const 0x4000) (i32.const 8)) (i64.const -11))
    (call $check (i32.const 15) (call $SYS_eventfd2 (i32.const 0) (i32.const 0x4)) (i64.const -22))
    (call $check_true (i32.const 16) (i32.ge_s (call $ok32 (i32.const 17) (call $SYS_eventfd (i32.const 0))) (i32.const 3)))
"#,
    );
    run_wat(&w).assert_done();
}

#[test]
fn timerfd_expires() {
    // struct itimerspec {timespec interval, timespec value}; TFD_NONBLOCK 0x800.
    let w = Wat::new(
        r#"
    (local $t i32) (local $n i32)
    (local.set $t (call $ok32 (i32.const 1) (call $SYS_timerfd_create (i32.const 1) (i32.const 0))))
    (memory.fill (i32.const 0x4000) (i32.const 0) (i32.const 32))
    (i64.store (i32.const 0x4018) (i64.const 1000000)) ;; value: 1 ms, no interval
    (call $check (i32.const 2) (call $SYS_timerfd_settime (local.get $t) (i32.const 0) (i32.const 0x4000) (i32.const 0)) (i64.const 0))
    (call $check (i32.const 3) (call $SYS_read (local.get $t) (i32.const 0x4100) (i32.const 8)) (i64.const 8))
    (call $check (i32.const 4) (i64.load (i32.const 0x4100)) (i64.const 1))
    ;; a disarmed non-blocking timer has nothing to read
    (local.set $n (call $ok32 (i32.const 5) (call $SYS_timerfd_create (i32.const 1) (i32.const 0x800))))
    (call $check (i32.const 6) (call $SYS_read (local.get $n) (i32.const 0x4100) (i32.const 8)) (i64.const -11))
    ;; re-arming reports the old setting: interval 1 s, value <= 10 s
    (i64.store (i32.const 0x4000) (i64.const 1))
    (i64.store (i32.const 0x4010) (i64.const 10))
    (i64.store (i32.const 0x4018) (i64.const 0))
    (call $check (i32.const 7) (call $SYS_timerfd_settime (local.get $n) (i32.const 0) (i32.const 0x4000) (i32.const 0)) (i64.const 0))
    (memory.fill (i32.const 0x4200) (i32.const 0xff) (i32.const 32))
    (memory.fill (i32.const 0x4000) (i32.const 0) (i32.const 32))
    (call $check (i32.const 8) (call $SYS_timerfd_settime (local.get $n) (i32.const 0) (i32.const 0x4000) (i32.const 0x4200)) (i64.const 0))
    (call $check (i32.const 9) (i64.load (i32.const 0x4200)) (i64.const 1))
    (call $check (i32.const 10) (i64.load offset=8 (i32.const 0x4200)) (i64.const 0))
    (call $check_true (i32.const 11) (i64.le_u (i64.load offset=16 (i32.const 0x4200)) (i64.const 10)))
    (call $check_true (i32.const 12) (i64.ge_u (i64.load offset=16 (i32.const 0x4200)) (i64.const 8)))
    (call $check (i32.const 13) (call $SYS_timerfd_create (i32.const 999) (i32.const 0)) (i64.const -22))
"#,
    );
    run_wat(&w).assert_done();
}

#[test]
fn signalfd_receives_a_blocked_signal() {
    // sigset bit (sig - 1); SIGUSR1 = 10; SIG_BLOCK 0; SFD_NONBLOCK 0x800.
    // struct signalfd_siginfo: ssi_signo u32 @0, ssi_code i32 @8, ssi_pid u32 @12.
    let w = Wat::new(
        r#"
    (local $sfd i32)
    (i64.store (i32.const 0x4000) (i64.const 0x200))
    (i64.store (i32.const 0x4008) (i64.const -1))
    (call $check (i32.const 1) (call $SYS_rt_sigprocmask (i32.const 0) (i32.const 0x4000) (i32.const 0x4008) (i32.const 8)) (i64.const 0))
    (call $check (i32.const 2) (i64.and (i64.load (i32.const 0x4008)) (i64.const 0x200)) (i64.const 0))
    (local.set $sfd (call $ok32 (i32.const 3) (call $SYS_signalfd4 (i32.const -1) (i32.const 0x4000) (i32.const 8) (i32.const 0x800))))
    (call $check (i32.const 4) (call $SYS_read (local.get $sfd) (i32.const 0x5000) (i32.const 128)) (i64.const -11))
    (call $check (i32.const 5) (call $SYS_kill (i32.wrap_i64 (call $SYS_getpid)) (i32.const 10)) (i64.const 0))
    ;; pending, not delivered
    (call $check (i32.const 6) (call $SYS_rt_sigpending (i32.const 0x4010) (i32.const 8)) (i64.const 0))
    (call $check (i32.const 7) (i64.and (i64.load (i32.const 0x4010)) (i64.const 0x200)) (i64.const 0x200))
    (call $check (i32.const 8) (call $SYS_read (local.get $sfd) (i32.const 0x5000) (i32.const 128)) (i64.const 128))
    (call $check (i32.const 9) (i64.load32_u (i32.const 0x5000)) (i64.const 10))
    (call $check (i32.const 10) (i64.load32_u offset=12 (i32.const 0x5000)) (call $SYS_getpid))
    (call $check (i32.const 11) (call $SYS_read (local.get $sfd) (i32.const 0x5000) (i32.const 128)) (i64.const -11))
    ;; the mask reads back
    (call $check (i32.const 12) (call $SYS_rt_sigprocmask (i32.const 0) (i32.const 0) (i32.const 0x4018) (i32.const 8)) (i64.const 0))
    (call $check (i32.const 13) (i64.and (i64.load (i32.const 0x4018)) (i64.const 0x200)) (i64.const 0x200))
    (call $check (i32.const 14) (call $SYS_rt_sigprocmask (i32.const 0) (i32.const 0x4000) (i32.const 0) (i32.const 4)) (i64.const -22))
"#,
    );
    run_wat(&w).assert_done();
}

/// A signal handler at table index 1 that stores its signal number in `$got`.
const RECORD_SIGNAL: &str = r#"
  (global $got (mut i32) (i32.const 0))
  (table 2 funcref)
  (elem (i32.const 1) $on_signal)
  (func $on_signal (param $sig i32) (global.set $got (local.get $sig)))
"#;

#[test]
fn wasm_signal_handler_runs() {
    // k_sigaction (24 bytes, packed): handler u32 @0 (table index), flags u64 @4,
    // restorer u32 @12, mask @16. SIGUSR2 = 12.
    let w = Wat::new(
        r#"
    (i32.store (i32.const 0x4000) (i32.const 1))
    (i64.store (i32.const 0x4004) (i64.const 0x10000000)) ;; SA_RESTART
    (i32.store (i32.const 0x400c) (i32.const 0))
    (i64.store (i32.const 0x4010) (i64.const 0))
    (call $check (i32.const 1) (call $SYS_rt_sigaction (i32.const 12) (i32.const 0x4000) (i32.const 0) (i32.const 8)) (i64.const 0))
    ;; the action reads back
    (memory.fill (i32.const 0x4100) (i32.const 0xff) (i32.const 24))
    (call $check (i32.const 2) (call $SYS_rt_sigaction (i32.const 12) (i32.const 0) (i32.const 0x4100) (i32.const 8)) (i64.const 0))
    (call $check (i32.const 3) (i64.load32_u (i32.const 0x4100)) (i64.const 1))
    (call $check (i32.const 4) (i64.load offset=4 (i32.const 0x4100)) (i64.const 0x10000000))
    (call $check (i32.const 5) (call $SYS_kill (i32.wrap_i64 (call $SYS_getpid)) (i32.const 12)) (i64.const 0))
    ;; the handler has run by the time a later call returns
    (drop (call $SYS_getpid))
    (call $check (i32.const 6) (i64.extend_i32_u (global.get $got)) (i64.const 12))
    ;; SIG_IGN (-2): the signal is dropped
    (i32.store (i32.const 0x4000) (i32.const -2))
    (call $check (i32.const 7) (call $SYS_rt_sigaction (i32.const 12) (i32.const 0x4000) (i32.const 0x4100) (i32.const 8)) (i64.const 0))
    (call $check (i32.const 8) (i64.load32_u (i32.const 0x4100)) (i64.const 1))
    (global.set $got (i32.const 0))
    (call $check (i32.const 9) (call $SYS_kill (i32.wrap_i64 (call $SYS_getpid)) (i32.const 12)) (i64.const 0))
    (drop (call $SYS_getpid))
    (call $check (i32.const 10) (i64.extend_i32_u (global.get $got)) (i64.const 0))
    ;; SIGKILL cannot be caught, a bad size is refused
    (call $check (i32.const 11) (call $SYS_rt_sigaction (i32.const 9) (i32.const 0x4000) (i32.const 0) (i32.const 8)) (i64.const -22))
    (call $check (i32.const 12) (call $SYS_rt_sigaction (i32.const 12) (i32.const 0x4000) (i32.const 0) (i32.const 16)) (i64.const -22))
"#,
    )
    .items(RECORD_SIGNAL);
    run_wat(&w).assert_done();
}

/// A handler for SIGUSR2, a child that sends it 20 ms later, and a loop that
/// makes no calls: it ends when the handler has run, or after 10^9 rounds.
/// Checks what the handler had done by the loop's end (`seen`), and that it
/// has run once the child was waited for.
fn busy_loop_signalled(seen: u32) -> Wat {
    Wat::new(&format!(
        r#"
    (local $pid i64) (local $i i64)
    (i32.store (i32.const 0x4000) (i32.const 1))
    (i64.store (i32.const 0x4004) (i64.const 0x10000000)) ;; SA_RESTART
    (i32.store (i32.const 0x400c) (i32.const 0))
    (i64.store (i32.const 0x4010) (i64.const 0))
    (call $check (i32.const 1) (call $SYS_rt_sigaction (i32.const 12) (i32.const 0x4000) (i32.const 0) (i32.const 8)) (i64.const 0))
    (i64.store (i32.const 0x4100) (call $SYS_getpid))
    (i64.store (i32.const 0x4200) (i64.const 0))
    (i64.store (i32.const 0x4208) (i64.const 20000000))
    (local.set $pid (call $SYS_fork))
    (if (i64.eqz (local.get $pid)) (then
      (drop (call $SYS_nanosleep (i32.const 0x4200) (i32.const 0)))
      (drop (call $SYS_kill (i32.wrap_i64 (i64.load (i32.const 0x4100))) (i32.const 12)))
      (drop (call $SYS_exit_group (i32.const 0)))))
    (block $out (loop $spin
      (br_if $out (global.get $got))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br_if $spin (i64.lt_u (local.get $i) (i64.const 1000000000)))))
    (call $check (i32.const 2) (i64.extend_i32_u (global.get $got)) (i64.const {seen}))
    (drop (call $SYS_wait4 (i32.wrap_i64 (local.get $pid)) (i32.const 0) (i32.const 0) (i32.const 0)))
    (call $check (i32.const 3) (i64.extend_i32_u (global.get $got)) (i64.const 12))
"#
    ))
    .items(RECORD_SIGNAL)
}

#[test]
fn a_handler_interrupts_a_loop_that_makes_no_calls() {
    Sandbox::new().run_with(&busy_loop_signalled(12), &[], &[]).assert_done();
}

#[test]
fn signals_at_syscalls_runs_handlers_at_the_next_call_only() {
    Sandbox::new().run_with(&busy_loop_signalled(0), &["--signals-at-syscalls"], &[]).assert_done();
}

#[test]
fn fork_and_wait4() {
    let w = Wat::new(
        r#"
    (local $pid i64)
    (local.set $pid (call $SYS_fork))
    (if (i64.eqz (local.get $pid)) (then
      ;; the child sees its own pid and the parent's
      (call $check (i32.const 100) (call $SYS_getppid) (i64.load (i32.const 0x4100)))
      (drop (call $SYS_exit_group (i32.const 7)))))
    (call $check_true (i32.const 1) (i64.gt_s (local.get $pid) (i64.const 0)))
    (call $check (i32.const 2) (call $SYS_wait4 (i32.wrap_i64 (local.get $pid)) (i32.const 0x4000) (i32.const 0) (i32.const 0)) (local.get $pid))
    (call $check (i32.const 3) (i64.load32_u (i32.const 0x4000)) (i64.const 0x700)) ;; exited with 7
    (call $check (i32.const 4) (call $SYS_wait4 (i32.const -1) (i32.const 0x4000) (i32.const 0) (i32.const 0)) (i64.const -10))
"#,
    )
    .items(
        r#"
  (func $init_parent_pid (i64.store (i32.const 0x4100) (call $SYS_getpid)))
  (start $init_parent_pid)
"#,
    );
    run_wat(&w).assert_done();
}

#[test]
fn execve_runs_a_wasm_module_in_place() {
    // First run: exec itself with argv {"prog.wasm", "second"} and envp {"K=V"}.
    // Second run (argc 2): print argv[1], the environment file and the pid, exit 5.
    let w = Wat::new(
        r#"
    (local $fd i32) (local $n i64)
    (call $show (global.get $pid) (call $SYS_getpid))
    (if (i32.eq (call $__cl_get_argc) (i32.const 2)) (then
      (drop (call $__cl_copy_argv (i32.const 0x5000) (i32.const 1)))
      (call $puts (i32.const 0x5000))
      (call $check (i32.const 1) (i64.extend_i32_s (call $__get_init_envfile (i32.const 0x5100) (i32.const 256))) (i64.const 1))
      (local.set $fd (call $ok32 (i32.const 2) (call $SYS_open (i32.const 0x5100) (i32.const 0) (i32.const 0))))
      (local.set $n (call $ok (i32.const 3) (call $SYS_read (local.get $fd) (i32.const 0x6000) (i32.const 4096))))
      (call $write_out (i32.const 0x6000) (i32.wrap_i64 (local.get $n)))
      (drop (call $SYS_exit_group (i32.const 5)))))
    (i32.store (i32.const 0x4000) (global.get $self))
    (i32.store (i32.const 0x4004) (global.get $second))
    (i32.store (i32.const 0x4008) (i32.const 0))
    (i32.store (i32.const 0x4010) (global.get $kv))
    (i32.store (i32.const 0x4014) (i32.const 0))
    (drop (call $SYS_execve (global.get $self) (i32.const 0x4000) (i32.const 0x4010)))
    (call $check (i32.const 4) (i64.const 0) (i64.const 1)) ;; execve returned
"#,
    )
    .string("pid", "pid")
    .string("self", "prog.wasm")
    .string("second", "second")
    .string("kv", "K=V");
    let out = run_wat(&w);
    out.assert_code(5);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{}", out.describe());
    assert_eq!(lines[0], format!("pid={}", out.pid), "{}", out.describe());
    assert_eq!(lines[1], lines[0], "same process after execve\n{}", out.describe());
    assert_eq!(&lines[2..], ["second", "K=V"], "{}", out.describe());
}

#[test]
fn execve_runs_a_native_program() {
    let w = Wat::new(
        r#"
    (i32.store (i32.const 0x4000) (global.get $echo))
    (i32.store (i32.const 0x4004) (global.get $word))
    (i32.store (i32.const 0x4008) (i32.const 0))
    (call $check (i32.const 1) (call $SYS_execve (global.get $missing) (i32.const 0x4000) (i32.const 0)) (i64.const -2))
    (drop (call $SYS_execve (global.get $echo) (i32.const 0x4000) (i32.const 0)))
    (call $check (i32.const 2) (i64.const 0) (i64.const 1))
"#,
    )
    .string("echo", "/bin/echo")
    .string("missing", "/nonexistent/echo")
    .string("word", "native");
    let out = run_wat(&w);
    out.assert_code(0);
    assert_eq!(out.stdout, "native\n");
}

#[test]
fn thread_spawn_runs_a_table_function() {
    // table[1](tid, arg) stores its tid and gettid() at arg, wakes the main thread, exits.
    let w = Wat::new(
        r#"
    (local $tid i32)
    (local.set $tid (call $ok32 (i32.const 1) (i64.extend_i32_s (call $__wasm_thread_spawn (i32.const 1) (i32.const 0x4000)))))
    (call $check_true (i32.const 2) (i64.ne (i64.extend_i32_s (local.get $tid)) (call $SYS_getpid)))
    (i64.store (i32.const 0x4100) (i64.const 2))
    (i64.store (i32.const 0x4108) (i64.const 0))
    (block $ready (loop $wait
      (br_if $ready (i32.ne (i32.atomic.load (i32.const 0x4004)) (i32.const 0)))
      (drop (call $SYS_futex (i32.const 0x4004) (i32.const 128) (i32.const 0) (i32.const 0x4100) (i32.const 0) (i32.const 0)))
      (br $wait)))
    (call $check (i32.const 3) (i64.load32_s (i32.const 0x4000)) (i64.extend_i32_s (local.get $tid)))
    (call $check (i32.const 4) (i64.load32_s (i32.const 0x4004)) (i64.extend_i32_s (local.get $tid)))
"#,
    )
    .items(
        r#"
  (table 2 funcref)
  (elem (i32.const 1) $thread_main)
  (func $thread_main (param $tid i32) (param $arg i32)
    (i32.atomic.store (local.get $arg) (local.get $tid))
    (i32.atomic.store offset=4 (local.get $arg) (i32.wrap_i64 (call $SYS_gettid)))
    (drop (call $SYS_futex (i32.add (local.get $arg) (i32.const 4)) (i32.const 129) (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0)))
    (drop (call $SYS_exit (i32.const 0))))
"#,
    );
    run_wat(&w).assert_done();
}
