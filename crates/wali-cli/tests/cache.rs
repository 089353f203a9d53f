//! The compile cache holds native code: no guest may change what a later
//! run, or the running one, executes. Entries are authenticated with a key
//! that no guest can reach (docs/engine.md, Compile cache).

mod common;

use common::{Sandbox, Wat};
use std::path::PathBuf;

/// `wali compile prog.wasm` in the sandbox's cache; returns the entry's path.
fn compile(sb: &Sandbox, module: &str) -> PathBuf {
    let out = sb.wali_cached(&["compile", module]);
    out.assert_code(0);
    let printed = out.stdout.trim_end().strip_prefix(&format!("{module}: ")).expect("`MODULE: PATH`").to_string();
    PathBuf::from(printed)
}

/// The victim prints `done`; the attacker's code exits with 66 instead.
/// Both import the same calls, so either compiled module links as the other.
fn victim_and_attacker(sb: &Sandbox) -> (PathBuf, PathBuf) {
    sb.write("victim.wasm", &Wat::new("").wasm());
    sb.write("attacker.wasm", &Wat::new("(drop (call $SYS_exit_group (i32.const 66)))").wasm());
    (compile(sb, "victim.wasm"), compile(sb, "attacker.wasm"))
}

#[test]
fn an_entry_resigned_with_a_plain_digest_is_not_run() {
    // The scheme before keyed authentication: an entry was whole when it
    // ended with the SHA-256 of the rest, which anyone can compute.
    use sha2::{Digest, Sha256};
    let sb = Sandbox::new();
    let (victim, attacker) = victim_and_attacker(&sb);
    let mut code = std::fs::read(&attacker).unwrap();
    code.truncate(code.len() - 32);
    let digest = Sha256::digest(&code);
    code.extend_from_slice(&digest);
    std::fs::write(&victim, &code).unwrap();
    sb.wali_cached(&["run", "victim.wasm"]).assert_done();
}

#[test]
fn an_authentic_entry_under_another_modules_name_is_not_run() {
    let sb = Sandbox::new();
    let (victim, attacker) = victim_and_attacker(&sb);
    std::fs::copy(&attacker, &victim).unwrap();
    sb.wali_cached(&["run", "victim.wasm"]).assert_done();
    // The rejected entry was replaced by the victim's own.
    sb.wali_cached(&["run", "victim.wasm"]).assert_done();
    assert_ne!(std::fs::read(&victim).unwrap(), std::fs::read(&attacker).unwrap());
}

#[test]
fn a_guest_overwriting_its_own_entry_does_not_change_its_code() {
    // The guest zeroes the file its code was loaded from (through `entry`,
    // a symlink to it), then keeps running: its code must be unaffected.
    let w = Wat::new(
        r#"
    (local $fd i32) (local $i i32)
    (local.set $fd (call $ok32 (i32.const 1) (call $SYS_open (global.get $entry) (i32.const 1) (i32.const 0))))
    (block $out (loop $next
      (br_if $out (i32.ge_u (local.get $i) (i32.const 64)))
      (drop (call $ok (i32.const 2) (call $SYS_write (local.get $fd) (i32.const 0x4000) (i32.const 0xc000))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (call $show (global.get $label) (i64.extend_i32_u (call $sum (i32.const 100))))
"#,
    )
    .string("entry", "entry")
    .string("label", "sum")
    .items(
        r#"
  (func $sum (param $n i32) (result i32) (local $s i32)
    (block $out (loop $next
      (br_if $out (i32.eqz (local.get $n)))
      (local.set $s (i32.add (local.get $s) (local.get $n)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
    (local.get $s))
"#,
    );
    let sb = Sandbox::new();
    sb.write("prog.wasm", &w.wasm());
    let entry = compile(&sb, "prog.wasm");
    std::os::unix::fs::symlink(&entry, sb.path().join("entry")).unwrap();
    let out = sb.wali_cached(&["run", "prog.wasm"]);
    out.assert_done();
    assert_eq!(out.value("sum"), 5050);
    assert!(std::fs::read(&entry).unwrap().iter().all(|&b| b == 0), "the guest did overwrite its entry");
    // The zeroed entry is recompiled, not run.
    sb.wali_cached(&["run", "prog.wasm"]).assert_done();
}

#[test]
fn a_cached_run_leaves_no_descriptor_open() {
    // Descriptors 3..100 are all closed when the program starts, as natively
    // (the engine keeps its own above 100): the cache's entry is not among them.
    let w = Wat::new(
        r#"
    (local $fd i32)
    (local.set $fd (i32.const 3))
    (block $out (loop $next
      (br_if $out (i32.ge_u (local.get $fd) (i32.const 100)))
      (call $check (local.get $fd) (call $SYS_fcntl (local.get $fd) (i32.const 1) (i64.const 0)) (i64.const -9))
      (local.set $fd (i32.add (local.get $fd) (i32.const 1)))
      (br $next)))
"#,
    );
    let sb = Sandbox::new();
    sb.write("prog.wasm", &w.wasm());
    compile(&sb, "prog.wasm");
    let mut run = sb.cached_command(&["run", "prog.wasm"]);
    // Only the standard descriptors reach the engine (the test runner may leave others open).
    // SAFETY: close_range is async-signal-safe.
    unsafe {
        std::os::unix::process::CommandExt::pre_exec(&mut run, || {
            libc::syscall(libc::SYS_close_range, 3u32, u32::MAX, 0u32);
            Ok(())
        });
    }
    common::run(run).assert_done();
}

/// Makes `keyctl` and `add_key` fail with ENOSYS in the child, as container
/// seccomp profiles do.
fn without_keyring(cmd: &mut std::process::Command) {
    use libc::{sock_filter, sock_fprog, BPF_ABS, BPF_JEQ, BPF_JMP, BPF_K, BPF_LD, BPF_RET, BPF_W};
    use std::os::unix::process::CommandExt;
    let stmt = |code: u32, k: u32| sock_filter { code: code as u16, jt: 0, jf: 0, k };
    let jeq = |k: i64, jt: u8| sock_filter { code: (BPF_JMP | BPF_JEQ | BPF_K) as u16, jt, jf: 0, k: k as u32 };
    let filter = [
        stmt(BPF_LD | BPF_W | BPF_ABS, 0), // seccomp_data.nr
        jeq(libc::SYS_keyctl, 2),
        jeq(libc::SYS_add_key, 1),
        stmt(BPF_RET | BPF_K, libc::SECCOMP_RET_ALLOW),
        stmt(BPF_RET | BPF_K, libc::SECCOMP_RET_ERRNO | libc::ENOSYS as u32),
    ];
    // SAFETY: only async-signal-safe calls between fork and exec; `filter` outlives them.
    unsafe {
        cmd.pre_exec(move || {
            let prog = sock_fprog { len: filter.len() as u16, filter: filter.as_ptr() as *mut sock_filter };
            if libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0
                || libc::prctl(libc::PR_SET_SECCOMP, libc::SECCOMP_MODE_FILTER, &prog as *const sock_fprog) != 0
            {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

#[test]
fn without_a_keyring_nothing_is_cached() {
    let sb = Sandbox::new();
    sb.write("prog.wasm", &Wat::new("").wasm());
    let mut run = sb.cached_command(&["run", "prog.wasm"]);
    without_keyring(&mut run);
    common::run(run).assert_done();
    assert!(!sb.path().join("cache").exists(), "an unauthenticated entry was written");
    let mut compile = sb.cached_command(&["compile", "prog.wasm"]);
    without_keyring(&mut compile);
    let out = common::run(compile);
    out.assert_code(1);
    assert!(out.stderr.contains("keyring") && out.stderr.lines().count() == 1, "{}", out.describe());
}


/// A module exiting with 7, compiled with `wali compile --target` for this
/// machine's own CPU into `pre/`; returns the file written.
fn precompiled_here(sb: &Sandbox) -> PathBuf {
    sb.write("prog.wasm", &Wat::new("(drop (call $SYS_exit_group (i32.const 7)))").wasm());
    let triple = wali::HOSTS.iter().find(|t| t.starts_with(std::env::consts::ARCH)).expect("a supported host");
    let out = sb.wali(&["compile", "--target", triple, "--out", "pre", "prog.wasm"]);
    out.assert_code(0);
    let file = PathBuf::from(out.stdout.trim_end().strip_prefix("prog.wasm: ").expect("`MODULE: PATH`"));
    let file = if file.is_absolute() { file } else { sb.path().join(file) };
    assert!(file.is_file(), "{}", out.describe());
    file
}

/// `wali compile --target T --out DIR` writes code for T; `wali run
/// --precompiled DIR` on a T machine runs it (here: this machine's CPU).
#[test]
fn code_compiled_for_a_target_runs_from_the_precompiled_directory() {
    let sb = Sandbox::new();
    precompiled_here(&sb);
    let run = sb.wali(&["run", "--precompiled", "pre", "prog.wasm"]);
    run.assert_code(7);
    assert!(run.stderr.is_empty(), "{}", run.describe());
}

/// A file there that is not code for this engine is not run: the module is
/// compiled instead, with a message.
#[test]
fn a_precompiled_file_that_does_not_load_is_compiled_instead() {
    let sb = Sandbox::new();
    let file = precompiled_here(&sb);
    std::fs::write(&file, b"not compiled code at all").unwrap();
    let run = sb.wali(&["run", "--precompiled", "pre", "prog.wasm"]);
    run.assert_code(7);
    assert!(run.stderr.contains("precompiled code not used"), "{}", run.describe());
}

#[test]
fn compile_for_an_unknown_target_or_without_out_says_so() {
    let sb = Sandbox::new();
    sb.write("prog.wasm", &Wat::new("").wasm());
    let out = sb.wali(&["compile", "--target", "sparc64-unknown-linux-gnu", "--out", "pre", "prog.wasm"]);
    out.assert_code(1);
    assert!(out.stderr.contains("unsupported target") && out.stderr.lines().count() == 1, "{}", out.describe());
    let out = sb.wali(&["compile", "--target", "aarch64-unknown-linux-gnu", "prog.wasm"]);
    out.assert_code(2);
    assert!(out.stderr.contains("--out") && out.stderr.lines().count() == 1, "{}", out.describe());
}
