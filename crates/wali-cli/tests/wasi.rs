//! WASI preview-1 programs run through the WASI layer (docs/wasi.md):
//! linking, kinds, the environment and preopens the program sees, and what
//! is refused. Whole C and Rust programs are compared with Wasmtime's own
//! WASI by tests/wasi/run; these are small hand-written modules.

mod common;

use common::Sandbox;

const LOAD_ERROR: i32 = 1;
const USAGE_ERROR: i32 = 2;

/// A WASI module: `body` is `_start`'s; `$print` writes a data string to
/// stdout, `$num` a number, and `$exit` is `proc_exit`.
fn wasi(body: &str, extra: &str) -> Vec<u8> {
    let src = format!(
        r#"(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $environ_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_get" (func $fd_prestat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_dir_name" (func $fd_prestat_dir_name (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  {extra}
  (memory (export "memory") 1)
  ;; writes memory[ptr..ptr+len) to stdout
  (func $write (param $ptr i32) (param $len i32)
    (i32.store (i32.const 0x100) (local.get $ptr))
    (i32.store (i32.const 0x104) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 0x100) (i32.const 1) (i32.const 0x108))))
  ;; writes a number below 1000 and a newline
  (func $num (param $n i32)
    (i32.store8 (i32.const 0x110) (i32.add (i32.const 48) (i32.div_u (local.get $n) (i32.const 100))))
    (i32.store8 (i32.const 0x111) (i32.add (i32.const 48) (i32.rem_u (i32.div_u (local.get $n) (i32.const 10)) (i32.const 10))))
    (i32.store8 (i32.const 0x112) (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
    (i32.store8 (i32.const 0x113) (i32.const 10))
    (call $write (i32.const 0x110) (i32.const 4)))
  (func (export "_start") {body})
)"#
    );
    wat::parse_str(&src).unwrap_or_else(|e| panic!("the test module does not assemble: {e}\n{src}"))
}

#[test]
fn a_command_writes_and_exits_with_its_status() {
    let sb = Sandbox::new();
    let m = wasi(
        r#"(call $write (i32.const 0x200) (i32.const 6)) (call $exit (i32.const 3))"#,
        r#"(data (i32.const 0x200) "hello\n")"#,
    );
    sb.write("m.wasm", &m);
    let out = sb.wali(&["run", "m.wasm"]);
    out.assert_code(3);
    assert_eq!(out.stdout, "hello\n");
    // Returning from _start is status 0.
    sb.write("r.wasm", &wasi("(call $write (i32.const 0x200) (i32.const 3))", r#"(data (i32.const 0x200) "ok\n")"#));
    assert_eq!(sb.wali(&["run", "r.wasm"]).assert_code(0).stdout, "ok\n");
}

#[test]
fn inspect_names_the_kind() {
    let sb = Sandbox::new();
    sb.write("m.wasm", &wasi("", ""));
    let out = sb.wali(&["inspect", "--check", "m.wasm"]);
    out.assert_code(0);
    assert!(out.stdout.contains("kind: WASI command"), "{}", out.describe());
    assert!(out.stdout.contains("ok: every import is a WASI preview 1 function"), "{}", out.describe());
}

/// Prints the number of environment variables the program sees.
fn env_counter() -> Vec<u8> {
    wasi("(drop (call $environ_sizes_get (i32.const 0x300) (i32.const 0x304))) (call $num (i32.load (i32.const 0x300)))", "")
}

#[test]
fn the_program_sees_only_the_environment_it_is_given() {
    let sb = Sandbox::new();
    sb.write("m.wasm", &env_counter());
    let mut cmd = sb.cached_command(&["run", "m.wasm"]);
    cmd.env("WALI_TEST_SECRET", "1");
    assert_eq!(common::run(cmd).assert_code(0).stdout, "000\n", "wali's own environment leaked");
    let out = sb.wali(&["run", "--env", "A=1", "--env", "B=2", "m.wasm"]);
    assert_eq!(out.assert_code(0).stdout, "002\n");
    // The layer's own entries cannot be given from outside.
    let out = sb.wali(&["run", "--env", "__WALI_WASI_PREOPEN=0:w:/", "m.wasm"]);
    assert_eq!(out.assert_code(0).stdout, "000\n");
    let mut cmd = sb.cached_command(&["run", "--inherit-env", "m.wasm"]);
    cmd.env("WALI_TEST_SECRET", "1");
    let n: i32 = common::run(cmd).assert_code(0).stdout.trim().parse().unwrap();
    assert!(n >= 1, "--inherit-env passed nothing");
}

/// Prints fd_prestat_get's errno for fds 3 and 4, then fd 3's name.
fn prestat_printer() -> Vec<u8> {
    wasi(
        r#"(call $num (call $fd_prestat_get (i32.const 3) (i32.const 0x300)))
           (call $num (call $fd_prestat_get (i32.const 4) (i32.const 0x310)))
           (drop (call $fd_prestat_dir_name (i32.const 3) (i32.const 0x400) (i32.load (i32.const 0x304))))
           (call $write (i32.const 0x400) (i32.load (i32.const 0x304)))"#,
        "",
    )
}

#[test]
fn preopens_are_numbered_from_3_under_their_guest_names() {
    let sb = Sandbox::new();
    std::fs::create_dir(sb.path().join("d")).unwrap();
    sb.write("m.wasm", &prestat_printer());
    let out = sb.wali(&["run", "--dir", "d::/data", "m.wasm"]);
    // 0 (a directory), then EBADF (8): one preopen only.
    assert_eq!(out.assert_code(0).stdout, "000\n008\n/data");
    let out = sb.wali(&["run", "--env", "__WALI_WASI_PREOPEN=0:w:/", "m.wasm"]);
    assert_eq!(out.assert_code(0).stdout, "008\n008\n");
    let out = sb.wali(&["run", "--dir", "missing::/x", "m.wasm"]);
    out.assert_code(LOAD_ERROR);
    assert!(out.stderr.contains("--dir missing: cannot open the directory"), "{}", out.describe());
}

/// Opens `path` (a data string at 0x200) under fd 3 and prints the errno.
fn opener(path: &str) -> Vec<u8> {
    let body = format!(
        r#"(call $num (call $path_open (i32.const 3) (i32.const 1) (i32.const 0x200) (i32.const {len})
              (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 0x300)))"#,
        len = path.len()
    );
    wasi(&body, &format!(r#"(data (i32.const 0x200) "{path}")"#))
}

#[test]
fn paths_do_not_leave_the_preopen() {
    let sb = Sandbox::new();
    std::fs::create_dir(sb.path().join("d")).unwrap();
    sb.write("secret", b"outside");
    sb.write("d/inside", b"inside");
    std::os::unix::fs::symlink("../secret", sb.path().join("d/up")).unwrap();
    std::os::unix::fs::symlink(sb.path().join("secret"), sb.path().join("d/abs")).unwrap();
    let secret = sb.path().join("secret").to_string_lossy().into_owned();
    let errno = |path: &str| {
        sb.write("m.wasm", &opener(path));
        let out = sb.wali(&["run", "--dir", "d::/d", "m.wasm"]);
        out.assert_code(0).stdout.trim().parse::<i32>().unwrap()
    };
    assert_eq!(errno("inside"), 0);
    for path in ["../secret", "up", "abs", secret.as_str(), "/d/../secret", "./../d/../../secret"] {
        assert_ne!(errno(path), 0, "{path} reached a file outside the preopen");
    }
}

#[test]
fn a_reactor_is_called_with_invoke() {
    let sb = Sandbox::new();
    let m = wat::parse_str(
        r#"(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (global $base (mut i32) (i32.const 0))
  (func (export "_initialize") (global.set $base (i32.const 10)))
  (func (export "add") (param i32 i64) (result i64)
    (i64.add (i64.extend_i32_s (i32.add (local.get 0) (global.get $base))) (local.get 1)))
  (func (export "quit") (call $exit (i32.const 4))))"#,
    )
    .unwrap();
    sb.write("lib.wasm", &m);
    let out = sb.wali(&["inspect", "lib.wasm"]);
    assert!(out.stdout.contains("kind: WASI reactor"), "{}", out.describe());
    assert_eq!(sb.wali(&["run", "--invoke", "add", "lib.wasm", "2", "-3"]).assert_code(0).stdout, "9\n");
    sb.wali(&["run", "--invoke", "quit", "lib.wasm"]).assert_code(4);
    let out = sb.wali(&["run", "lib.wasm"]);
    out.assert_code(LOAD_ERROR);
    assert!(out.stderr.contains("--invoke"), "{}", out.describe());
    let out = sb.wali(&["run", "--invoke", "add", "lib.wasm", "x", "1"]);
    out.assert_code(LOAD_ERROR);
    assert!(out.stderr.contains("argument `x` is not a valid i32"), "{}", out.describe());
}

#[test]
fn wasi_and_wali_imports_do_not_mix_and_unknown_functions_are_named() {
    let sb = Sandbox::new();
    sb.write("mixed.wasm", &wasi("", r#"(import "wali" "SYS_getpid" (func (result i64)))"#));
    let out = sb.wali(&["run", "mixed.wasm"]);
    out.assert_code(LOAD_ERROR);
    assert!(out.stderr.contains("imports `wali.SYS_getpid` as well as WASI"), "{}", out.describe());
    sb.write("nope.wasm", &wasi("", r#"(import "wasi_snapshot_preview1" "nope" (func))"#));
    let out = sb.wali(&["run", "nope.wasm"]);
    out.assert_code(LOAD_ERROR);
    assert!(out.stderr.contains("`wasi_snapshot_preview1.nope`, which is not a WASI preview 1 function"), "{}", out.describe());
}

#[test]
fn renaming_a_directory_is_for_wasi_programs_only() {
    let sb = Sandbox::new();
    let m = wat::parse_str(r#"(module (memory (export "memory") 1) (func (export "_start")))"#).unwrap();
    sb.write("wali.wasm", &m);
    let out = sb.wali(&["run", "--dir", "/tmp::/x", "wali.wasm"]);
    out.assert_code(USAGE_ERROR);
    assert!(out.stderr.contains("only WASI programs see a directory under another name"), "{}", out.describe());
}

/// The layer's memory is the program's: a hostile program can overwrite the
/// layer's state (in its window, docs/wasi.md). Here it finds its preopen's entry in the layer's table
/// (a host descriptor, then the kind byte of a directory) and points it at
/// the working directory (`AT_FDCWD`), where a file outside the preopen
/// lies. Landlock, which the engine applies to every WASI program, still
/// holds it to its preopens.
#[test]
fn a_program_that_corrupts_the_layer_stays_in_its_preopens() {
    let sb = Sandbox::new();
    std::fs::create_dir(sb.path().join("d")).unwrap();
    sb.write("secret", b"SECRET-OUTSIDE");
    sb.write("d/inside", b"inside");
    let body = r#"
    (local $a i32) (local $fd i32)
    ;; the layer's window: the last 1 MiB of the space, up to the wrap to 0
    (local.set $a (i32.const 0xfff00000))
    (block $done (loop $scan
      (br_if $done (i32.eqz (local.get $a)))
      (if (i32.and (i32.and (i32.ge_s (i32.load (local.get $a)) (i32.const 3))
                            (i32.lt_s (i32.load (local.get $a)) (i32.const 100)))
                   (i32.eq (i32.load8_u offset=4 (local.get $a)) (i32.const 5)))
        (then (i32.store (local.get $a) (i32.const -100))
              (call $write (i32.const 0x220) (i32.const 6))
              (br $done)))
      (local.set $a (i32.add (local.get $a) (i32.const 4)))
      (br $scan)))
    (drop (call $path_open (i32.const 3) (i32.const 1) (i32.const 0x200) (i32.const 6)
      (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 0x300)))
    (i32.store (i32.const 0x100) (i32.const 0x400))
    (i32.store (i32.const 0x104) (i32.const 64))
    (drop (call $fd_read (i32.load (i32.const 0x300)) (i32.const 0x100) (i32.const 1) (i32.const 0x108)))
    (call $write (i32.const 0x400) (i32.load (i32.const 0x108)))
    ;; nor its metadata, which Landlock does not cover: the engine's checks do
    (call $num (call $path_filestat_get (i32.const 3) (i32.const 0) (i32.const 0x200) (i32.const 6) (i32.const 0x500)))"#;
    let extra = r#"(import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
      (import "wasi_snapshot_preview1" "path_filestat_get" (func $path_filestat_get (param i32 i32 i32 i32 i32) (result i32)))
      (data (i32.const 0x200) "secret")
      (data (i32.const 0x220) "found\n")"#;
    sb.write("m.wasm", &wasi(body, extra));
    let out = sb.wali(&["run", "--dir", "d::/d", "m.wasm"]);
    assert!(out.stdout.starts_with("found\n"), "the attack did not find the layer's table\n{}", out.describe());
    assert!(!out.stdout.contains("SECRET"), "the program read a file outside its preopen\n{}", out.describe());
    assert_ne!(out.lines().last().copied(), Some("000"), "the program read a file's metadata outside its preopen\n{}", out.describe());
}

/// A program owns all of its memory up to its size, and may use it without
/// asking (old wasi-libc's malloc takes everything from its heap base up to
/// the size at its first call): the layer must not live there. This one
/// fills every byte it has, grown or not, then calls the layer.
#[test]
fn a_program_may_use_all_its_memory_without_harming_the_layer() {
    let sb = Sandbox::new();
    let body = r#"
    (drop (memory.grow (i32.const 64)))
    (memory.fill (i32.const 0x1000) (i32.const 0xff) (i32.sub (i32.mul (memory.size) (i32.const 0x10000)) (i32.const 0x1000)))
    (call $write (i32.const 0x200) (i32.const 3))
    (call $num (call $fd_prestat_get (i32.const 3) (i32.const 0x300)))"#;
    sb.write("m.wasm", &wasi(body, r#"(data (i32.const 0x200) "ok\n")"#));
    std::fs::create_dir(sb.path().join("d")).unwrap();
    assert_eq!(sb.wali(&["run", "--dir", "d::/d", "m.wasm"]).assert_code(0).stdout, "ok\n000\n");
}

/// A module may import one WASI function twice (AssemblyScript's WASI shim
/// imports `fd_write` for its console and again for the program).
#[test]
fn a_function_imported_twice_links() {
    let sb = Sandbox::new();
    let extra = r#"(import "wasi_snapshot_preview1" "fd_write" (func $again (param i32 i32 i32 i32) (result i32)))
      (data (i32.const 0x200) "hi\n")"#;
    sb.write("m.wasm", &wasi("(call $write (i32.const 0x200) (i32.const 3))", extra));
    assert_eq!(sb.wali(&["run", "m.wasm"]).assert_code(0).stdout, "hi\n");
}

/// A write to a pipe nobody reads is an error the program sees (`ERRNO_IO`,
/// as Wasmtime reports it), not SIGPIPE: WASI programs have no signals.
#[test]
fn a_closed_pipe_is_an_error_not_a_signal() {
    let sb = Sandbox::new();
    sb.write("m.wasm", &wasi("(call $exit (call $write_errno))", r#"(data (i32.const 0x200) "hi\n")
      (func $write_errno (result i32)
        (i32.store (i32.const 0x100) (i32.const 0x200))
        (i32.store (i32.const 0x104) (i32.const 3))
        (call $fd_write (i32.const 1) (i32.const 0x100) (i32.const 1) (i32.const 0x108)))"#));
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let mut cmd = std::process::Command::new(common::wali());
    cmd.args(["run", "m.wasm"]).current_dir(sb.path()).stdout(writer);
    let status = cmd.status().unwrap();
    assert_eq!(status.code(), Some(29), "{status:?}");
}

/// Every WASI function, called with hostile arguments (pointers at the end
/// of the space and past the memory, huge lengths, every bit set): the
/// program gets an errno or traps; the engine never crashes or panics.
#[test]
fn every_wasi_function_survives_hostile_arguments() {
    use wali::wasmtime::{ExternType, ValType};
    let engine = wali::new_engine(false).unwrap();
    let layer = wali::wasmtime::Module::new(&engine, wali::wasi::layer_bytes()).unwrap();
    let sb = Sandbox::new();
    std::fs::create_dir(sb.path().join("d")).unwrap();
    let mut tried = 0;
    for export in layer.exports() {
        let (name, ExternType::Func(ty)) = (export.name(), export.ty()) else { continue };
        if name.starts_with("__") || name == "proc_exit" {
            continue;
        }
        let wat_type = |t: &ValType| match t {
            ValType::I64 => "i64",
            _ => "i32",
        };
        let params: Vec<&str> = ty.params().map(|t| wat_type(&t)).collect();
        let results: Vec<&str> = ty.results().map(|t| wat_type(&t)).collect();
        for (i32v, i64v) in [("0xfffffff0", "-1"), ("0x7fffffff", "0x7fffffffffffffff"), ("0x10000", "0x10000")] {
            let args: String = params.iter().map(|p| if *p == "i64" { format!("(i64.const {i64v}) ") } else { format!("(i32.const {i32v}) ") }).collect();
            let drops = "(drop) ".repeat(results.len());
            let src = format!(
                r#"(module
  (import "wasi_snapshot_preview1" "{name}" (func $f (param {p}) (result {r})))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start") (call $f {args}) {drops} (call $exit (i32.const 0))))"#,
                p = params.join(" "),
                r = results.join(" "),
            );
            sb.write("h.wasm", &wat::parse_str(&src).unwrap());
            let out = sb.wali(&["run", "--dir", "d::/d", "h.wasm"]);
            let code = out.code();
            assert!(code == 0 || code == 134, "{name}({args}): status {code}\n{}", out.describe());
            assert!(!out.stderr.contains("panicked"), "{name}: the engine panicked\n{}", out.describe());
            tried += 1;
        }
    }
    assert!(tried >= 3 * 44, "only {tried} calls tried");
}

/// An out-of-bounds access by the program, or by the layer on its behalf,
/// is a clean trap (Wasmtime aborted the process when a store held the
/// shared memory twice, which is why the layer has a store of its own).
#[test]
fn out_of_bounds_accesses_are_traps() {
    let sb = Sandbox::new();
    for body in ["(drop (i32.load (i32.const 0x7ffffff0)))", "(drop (call $environ_sizes_get (i32.const 0x7ffffff0) (i32.const 0)))"] {
        sb.write("m.wasm", &wasi(body, ""));
        let out = sb.wali(&["run", "m.wasm"]);
        out.assert_code(134);
        assert!(out.stderr.contains("out of bounds memory access"), "{}", out.describe());
    }
}
