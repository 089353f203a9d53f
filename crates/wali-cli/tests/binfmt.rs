//! `wali binfmt install`: a module then runs when executed directly, with
//! its own argv[0] and no descriptor of the engine's. Needs root and
//! binfmt_misc; elsewhere the test says so and passes. It leaves alone a
//! registration that was there before it.

mod common;

use common::{Sandbox, Wat};
use std::os::unix::fs::PermissionsExt;
use std::process::Command;

#[test]
fn an_executed_module_runs_under_the_engine() {
    let entry = std::path::Path::new("/proc/sys/fs/binfmt_misc/wali");
    if unsafe { libc::geteuid() } != 0 || entry.exists() {
        eprintln!("skipped: needs root, and no `wali` binfmt entry registered already");
        return;
    }
    let sb = Sandbox::new();
    // Exits with the length of its argv[0] plus 10 times the first free descriptor.
    let wat = Wat::new(
        r#"
    (local $fd i64)
    (local.set $fd (call $SYS_open (global.get $null) (i32.const 0) (i32.const 0)))
    (drop (call $SYS_exit_group (i32.wrap_i64 (i64.add (i64.mul (local.get $fd) (i64.const 10))
        (i64.extend_i32_s (call $__cl_get_argv_len (i32.const 0)))))))
"#,
    )
    .string("null", "/dev/null");
    let prog = sb.write("prog.wasm", &wat.wasm());
    std::fs::set_permissions(&prog, std::fs::Permissions::from_mode(0o755)).unwrap();
    let install = sb.wali(&["binfmt", "install"]);
    if install.code() != 0 && install.stderr.contains("binfmt_misc is not mounted") {
        eprintln!("skipped: {}", install.stderr.trim_end());
        return;
    }
    install.assert_code(0);
    let direct = Command::new("./prog.wasm").arg("x").current_dir(sb.path()).status();
    let status = sb.wali(&["binfmt", "status"]);
    sb.wali(&["binfmt", "uninstall"]).assert_code(0);
    assert!(status.stdout.contains("flags: PO"), "{}", status.describe());
    // argv[0] "./prog.wasm" (11 bytes); descriptor 3.
    assert_eq!(direct.unwrap().code(), Some(41));
    assert!(!entry.exists());
    let after = Command::new("./prog.wasm").current_dir(sb.path()).output().unwrap();
    assert!(!after.status.success(), "still registered");
}
