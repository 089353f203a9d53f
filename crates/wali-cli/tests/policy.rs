//! The sandbox policy: denied imports, Landlock `--dir` confinement, the
//! policy carried across execve, `--max-memory` and `--max-threads`.

mod common;

use common::{Sandbox, Wat};

const EPERM: i64 = -1;
const EAGAIN: i64 = -11;
const ENOMEM: i64 = -12;
const EACCES: i64 = -13;
const ENOSYS: i64 = -38;

const O_WRONLY: i32 = 1;
const O_CREAT: i32 = 0x40;

/// A module that opens `file` read-only and prints `open=<result>`.
fn open_module(file: &str) -> Wat {
    Wat::new(r#"(call $show (global.get $label) (call $SYS_openat (i32.const -100) (global.get $file) (i32.const 0) (i32.const 0)))"#)
        .string("label", "open")
        .string("file", file)
}

#[test]
fn a_denied_call_fails_at_the_import() {
    let sb = Sandbox::new();
    sb.write("data.txt", b"hello");
    let w = open_module("data.txt");
    let out = sb.run_with(&w, &[], &[]);
    out.assert_done();
    assert!(out.value("open") >= 0, "{}", out.describe());
    let out = sb.run_with(&w, &["--deny", "openat"], &[]);
    out.assert_done();
    assert_eq!(out.value("open"), EPERM);
    let out = sb.run_with(&w, &["--deny", "SYS_openat", "--deny-errno=ENOSYS"], &[]);
    out.assert_done();
    assert_eq!(out.value("open"), ENOSYS);
    // A later --allow re-allows the call.
    let out = sb.run_with(&w, &["--deny", "openat", "--allow", "openat"], &[]);
    out.assert_done();
    assert!(out.value("open") >= 0, "{}", out.describe());
}

#[test]
fn denied_calls_never_reach_the_kernel_and_are_traced() {
    // mkdir is denied: the directory must not appear, and strace says why.
    let sb = Sandbox::new();
    let w = Wat::new(r#"(call $show (global.get $label) (call $SYS_mkdir (global.get $dir) (i32.const 0x1ed)))"#)
        .string("label", "mkdir")
        .string("dir", "made");
    let out = sb.run_with(&w, &["--deny", "@fs-write", "--strace"], &[]);
    out.assert_done();
    assert_eq!(out.value("mkdir"), EPERM);
    assert!(!sb.path().join("made").exists());
    assert!(out.stderr.contains("mkdir(") && out.stderr.contains("EPERM") && out.stderr.contains("denied by policy"), "{}", out.describe());
}

#[test]
fn group_deny_with_a_single_allow() {
    let w = Wat::new(
        r#"
    (call $show (global.get $socket) (call $SYS_socket (i32.const 2) (i32.const 1) (i32.const 0)))
    (call $show (global.get $pair) (call $SYS_socketpair (i32.const 1) (i32.const 1) (i32.const 0) (i32.const 0x4000)))
"#,
    )
    .string("socket", "socket")
    .string("pair", "socketpair");
    let sb = Sandbox::new();
    let out = sb.run_with(&w, &["--deny", "@net", "--allow", "socketpair"], &[]);
    out.assert_done();
    assert_eq!(out.value("socket"), EPERM);
    assert_eq!(out.value("socketpair"), 0);
    let out = sb.run_with(&w, &["--no-net"], &[]);
    out.assert_done();
    assert_eq!(out.value("socket"), EPERM);
    assert_eq!(out.value("socketpair"), EPERM);
    // Unknown names and groups are usage errors.
    sb.run_with(&w, &["--deny", "@nope"], &[]).assert_code(2);
    sb.run_with(&w, &["--deny", "not_a_syscall"], &[]).assert_code(2);
}

#[test]
fn policy_survives_execve_of_a_wasm_module() {
    // Without arguments the module execs itself with one; the child tries a
    // denied call and opens a file outside its --dir.
    let sb = Sandbox::new();
    let outside = Sandbox::new();
    let secret = outside.write("secret.txt", b"secret");
    let prog = sb.path().join("prog.wasm");
    let w = Wat::new(
        r#"
    (if (i32.eq (call $__cl_get_argc) (i32.const 1)) (then
      (i32.store (i32.const 0x4000) (global.get $prog))
      (i32.store (i32.const 0x4004) (global.get $arg))
      (i32.store (i32.const 0x4008) (i32.const 0))
      (call $show (global.get $execve) (call $SYS_execve (global.get $prog) (i32.const 0x4000) (i32.const 0)))
      (drop (call $SYS_exit_group (i32.const 9)))))
    (call $show (global.get $socket) (call $SYS_socket (i32.const 2) (i32.const 1) (i32.const 0)))
    (call $show (global.get $open) (call $SYS_openat (i32.const -100) (global.get $secret) (i32.const 0) (i32.const 0)))
    (call $show (global.get $mine) (call $SYS_openat (i32.const -100) (global.get $prog) (i32.const 0) (i32.const 0)))
"#,
    )
    .string("prog", prog.to_str().unwrap())
    .string("arg", "child")
    .string("execve", "execve")
    .string("socket", "socket")
    .string("open", "open")
    .string("mine", "mine")
    .string("secret", secret.to_str().unwrap());
    let dir = format!("{}:ro", sb.path().display());
    // The trace file lies outside every --dir: the exec'd engine must still reopen it.
    let trace = outside.path().join("trace.txt");
    let strace = format!("--strace={}", trace.display());
    let out = sb.run_with(&w, &["--no-net", "--deny-errno", "ENOSYS", "--dir", &dir, &strace], &[]);
    out.assert_done();
    assert_eq!(out.value("socket"), ENOSYS);
    let trace = std::fs::read_to_string(&trace).unwrap();
    assert!(trace.contains("execve("), "{trace}");
    assert!(trace.lines().any(|l| l.contains("socket(") && l.contains("ENOSYS") && l.contains("denied by policy")), "{trace}");
    assert_eq!(out.value("open"), EACCES);
    assert!(out.value("mine") >= 0, "{}", out.describe());
}

#[test]
fn dir_confines_the_file_system() {
    let rw = Sandbox::new();
    let ro = Sandbox::new();
    let outside = Sandbox::new();
    ro.write("r.txt", b"read me");
    let secret = outside.write("secret.txt", b"secret");
    let w = Wat::new(&format!(
        r#"
    (call $show (global.get $l_outside) (call $SYS_openat (i32.const -100) (global.get $outside) (i32.const 0) (i32.const 0)))
    (call $show (global.get $l_ro_read) (call $SYS_openat (i32.const -100) (global.get $ro_file) (i32.const 0) (i32.const 0)))
    (call $show (global.get $l_ro_write) (call $SYS_openat (i32.const -100) (global.get $ro_file) (i32.const {O_WRONLY}) (i32.const 0)))
    (call $show (global.get $l_ro_create) (call $SYS_openat (i32.const -100) (global.get $ro_new) (i32.const {wc}) (i32.const 0x1a4)))
    (call $show (global.get $l_rw_create) (call $SYS_openat (i32.const -100) (global.get $rw_new) (i32.const {wc}) (i32.const 0x1a4)))
    (call $show (global.get $l_null) (call $SYS_openat (i32.const -100) (global.get $null) (i32.const {O_WRONLY}) (i32.const 0)))
    (call $show (global.get $l_env) (i64.extend_i32_s (call $__get_init_envfile (i32.const 0x4000) (i32.const 256))))
    (call $show (global.get $l_envopen) (call $SYS_openat (i32.const -100) (i32.const 0x4000) (i32.const 0) (i32.const 0)))
"#,
        wc = O_WRONLY | O_CREAT
    ))
    .string("l_outside", "outside")
    .string("l_ro_read", "ro_read")
    .string("l_ro_write", "ro_write")
    .string("l_ro_create", "ro_create")
    .string("l_rw_create", "rw_create")
    .string("l_null", "devnull")
    .string("l_env", "envfile")
    .string("l_envopen", "envopen")
    .string("outside", secret.to_str().unwrap())
    .string("ro_file", ro.path().join("r.txt").to_str().unwrap())
    .string("ro_new", ro.path().join("new.txt").to_str().unwrap())
    .string("rw_new", rw.path().join("new.txt").to_str().unwrap())
    .string("null", "/dev/null");
    let ro_dir = format!("{}:ro", ro.path().display());
    let rw_dir = rw.path().display().to_string();
    let out = rw.run_with(&w, &["--env", "A=1", "--dir", &rw_dir, "--dir", &ro_dir], &[]);
    out.assert_done();
    assert_eq!(out.value("outside"), EACCES);
    assert!(out.value("ro_read") >= 0, "{}", out.describe());
    assert_eq!(out.value("ro_write"), EACCES);
    assert_eq!(out.value("ro_create"), EACCES);
    assert!(out.value("rw_create") >= 0, "{}", out.describe());
    assert!(out.value("devnull") >= 0, "{}", out.describe());
    // The environment file (a memfd under /proc/self/fd) still opens.
    assert_eq!(out.value("envfile"), 1);
    assert!(out.value("envopen") >= 0, "{}", out.describe());
    assert!(rw.path().join("new.txt").exists());
    assert!(!ro.path().join("new.txt").exists());
    // Without --dir nothing is confined.
    let out = rw.run_with(&w, &[], &[]);
    out.assert_done();
    assert!(out.value("outside") >= 0, "{}", out.describe());
    // A missing --dir is a usage error.
    rw.run_with(&w, &["--dir", "/nonexistent/wali-dir"], &[]).assert_code(2);
}

#[test]
fn max_memory_limits_mmap_and_growth() {
    // MAP_PRIVATE|MAP_ANONYMOUS, PROT_READ|PROT_WRITE
    let w = Wat::new(
        r#"
    (call $show (global.get $small) (call $SYS_mmap (i32.const 0) (i32.const 0x10000) (i32.const 3) (i32.const 0x22) (i32.const -1) (i64.const 0)))
    (call $show (global.get $big) (call $SYS_mmap (i32.const 0) (i32.const 0x200000) (i32.const 3) (i32.const 0x22) (i32.const -1) (i64.const 0)))
    (call $show (global.get $grow) (i64.extend_i32_s (memory.grow (i32.const 64))))
"#,
    )
    .string("small", "small")
    .string("big", "big")
    .string("grow", "grow");
    let sb = Sandbox::new();
    let out = sb.run_with(&w, &["--max-memory", "1M"], &[]);
    out.assert_done();
    assert!(out.value("small") > 0, "{}", out.describe());
    assert_eq!(out.value("big"), ENOMEM);
    assert_eq!(out.value("grow"), -1);
    let out = sb.run_with(&w, &[], &[]);
    out.assert_done();
    assert!(out.value("big") > 0, "{}", out.describe());
    assert!(out.value("grow") > 0, "{}", out.describe());
    // A module that needs more at start than the cap does not run.
    let out = sb.run_with(&w, &["--max-memory", "32K"], &[]);
    out.assert_code(1);
    assert!(out.stderr.contains("--max-memory"), "{}", out.describe());
}

#[test]
fn max_threads_limits_live_threads() {
    let w = Wat::new(
        r#"
    (call $show (global.get $first) (i64.extend_i32_s (call $__wasm_thread_spawn (i32.const 1) (i32.const 0))))
    (call $show (global.get $second) (i64.extend_i32_s (call $__wasm_thread_spawn (i32.const 1) (i32.const 0))))
"#,
    )
    .items(
        r#"
  (table 2 funcref)
  (elem (i32.const 1) $sleeper)
  ;; waits forever on a word that stays 0
  (func $sleeper (param $tid i32) (param $arg i32)
    (loop $again
      (drop (call $SYS_futex (i32.const 0x4200) (i32.const 128) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)))
      (br $again)))
"#,
    )
    .string("first", "first")
    .string("second", "second");
    let sb = Sandbox::new();
    let out = sb.run_with(&w, &["--max-threads", "2"], &[]);
    out.assert_done();
    assert!(out.value("first") > 0, "{}", out.describe());
    assert_eq!(out.value("second"), EAGAIN);
    let out = sb.run_with(&w, &["--max-threads", "3"], &[]);
    out.assert_done();
    assert!(out.value("second") > 0, "{}", out.describe());
}

#[test]
fn groups_are_listed() {
    let out = Sandbox::new().wali(&["syscalls", "--groups"]);
    out.assert_code(0);
    for g in ["@net", "@exec", "@process", "@fs-write", "@ipc"] {
        assert!(out.stdout.contains(g), "{}", out.describe());
    }
}

/// Under --dir the engine resolves readlink's path itself and reads the
/// link through a descriptor; readlink of what is not a symlink is still
/// EINVAL, as without --dir (the kernel says ENOENT on a descriptor).
#[test]
fn readlink_of_a_file_is_einval_under_dir() {
    let sb = Sandbox::new();
    let file = sb.write("f.txt", b"x");
    std::os::unix::fs::symlink("f.txt", sb.path().join("link")).unwrap();
    let w = Wat::new(
        r#"
    (call $show (global.get $l_file) (call $SYS_readlinkat (i32.const -100) (global.get $file) (i32.const 0x4000) (i32.const 64)))
    (call $show (global.get $l_link) (call $SYS_readlinkat (i32.const -100) (global.get $link) (i32.const 0x4000) (i32.const 64)))
"#,
    )
    .string("l_file", "file")
    .string("l_link", "link")
    .string("file", file.to_str().unwrap())
    .string("link", sb.path().join("link").to_str().unwrap());
    for opts in [&[][..], &["--dir", sb.path().to_str().unwrap()][..]] {
        let out = sb.run_with(&w, opts, &[]);
        out.assert_done();
        assert_eq!(out.value("file"), -(libc::EINVAL as i64), "{opts:?}\n{}", out.describe());
        assert_eq!(out.value("link"), 5, "{opts:?}\n{}", out.describe());
    }
}
