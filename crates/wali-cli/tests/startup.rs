//! Start-up and shutdown: arguments, environment, exit statuses, traps,
//! import linking, load errors and `wali syscalls`.

mod common;

use common::{run_wat, Sandbox, Wat, TRAP};

/// Prints `argc=N`, then `arg:VALUE` for every argument, checking that
/// `__cl_copy_argv` writes exactly `__cl_get_argv_len` bytes and a NUL.
fn argv_printer() -> Wat {
    Wat::new(
        r#"
    (local $i i32) (local $n i32) (local $len i32)
    (local.set $n (call $__cl_get_argc))
    (call $show (global.get $argc) (i64.extend_i32_u (local.get $n)))
    (block $out (loop $next
      (br_if $out (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $len (call $__cl_get_argv_len (local.get $i)))
      ;; poison the buffer so a missing NUL shows
      (memory.fill (i32.const 0x4000) (i32.const 0xff) (i32.add (local.get $len) (i32.const 16)))
      (call $check (i32.const 1) (i64.extend_i32_s (call $__cl_copy_argv (i32.const 0x4000) (local.get $i))) (i64.const 0))
      (call $check (i32.const 2) (i64.extend_i32_u (call $strlen (i32.const 0x4000))) (i64.extend_i32_u (local.get $len)))
      (call $check (i32.const 3) (i64.extend_i32_u (i32.load8_u (i32.add (i32.const 0x4001) (local.get $len)))) (i64.const 0xff))
      (call $print (global.get $arg))
      (call $puts (i32.const 0x4000))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    ;; past the last argument: no length
    (call $check (i32.const 4) (i64.extend_i32_u (call $__cl_get_argv_len (local.get $n))) (i64.const 0))
"#,
    )
    .string("argc", "argc")
    .string("arg", "arg:")
}

#[test]
fn argv_reaches_the_module() {
    let out = Sandbox::new().run_with(&argv_printer(), &[], &["alpha", "beta gamma", "", "-x"]);
    out.assert_done();
    assert_eq!(out.lines(), ["argc=5", "arg:prog.wasm", "arg:alpha", "arg:beta gamma", "arg:", "arg:-x"]);
}

#[test]
fn argv0_option_replaces_the_module_path() {
    let out = Sandbox::new().run_with(&argv_printer(), &["--argv0", "myname"], &["one"]);
    out.assert_done();
    assert_eq!(out.lines(), ["argc=2", "arg:myname", "arg:one"]);
    // A login shell's name starts with '-': still the value, in both forms.
    for args in [&["--argv0", "-bash"][..], &["--argv0=-bash"][..]] {
        let out = Sandbox::new().run_with(&argv_printer(), args, &["one"]);
        out.assert_done();
        assert_eq!(out.lines(), ["argc=2", "arg:-bash", "arg:one"], "{args:?}");
    }
}

/// Reads the environment file named by `__get_init_envfile` and copies it to stdout.
fn env_printer() -> Wat {
    Wat::new(
        r#"
    (local $fd i32) (local $n i64) (local $total i32)
    (call $check (i32.const 1) (i64.extend_i32_s (call $__get_init_envfile (i32.const 0x4000) (i32.const 256))) (i64.const 1))
    (call $check_true (i32.const 2) (i32.gt_u (call $strlen (i32.const 0x4000)) (i32.const 0)))
    (local.set $fd (call $ok32 (i32.const 3) (call $SYS_open (i32.const 0x4000) (i32.const 0) (i32.const 0))))
    (block $eof (loop $more
      (local.set $n (call $ok (i32.const 4)
        (call $SYS_read (local.get $fd) (i32.add (i32.const 0x10000) (local.get $total))
                        (i32.sub (i32.const 0x1f0000) (local.get $total)))))
      (br_if $eof (i64.eqz (local.get $n)))
      (local.set $total (i32.add (local.get $total) (i32.wrap_i64 (local.get $n))))
      (br $more)))
    ;; the buffer (almost 2 MiB) was large enough
    (call $check_true (i32.const 5) (i32.lt_u (local.get $total) (i32.const 0x1f0000)))
    (call $check (i32.const 6) (call $SYS_close (local.get $fd)) (i64.const 0))
    (call $write_out (i32.const 0x10000) (local.get $total))
"#,
    )
    .memory(r#"(memory (export "memory") 32 32768 shared)"#)
}

#[test]
fn env_option_reaches_the_environment_file() {
    let out = Sandbox::new().run_with(&env_printer(), &["--env", "WALI_TEST_VAR=hello 42=x"], &[]);
    out.assert_done();
    let lines = out.lines();
    assert!(lines.contains(&"WALI_TEST_VAR=hello 42=x"), "{}", out.describe());
    // The engine's own environment is inherited by default.
    assert!(lines.iter().any(|l| l.starts_with("PATH=")), "{}", out.describe());
    assert!(lines.iter().all(|l| l.contains('=')), "{}", out.describe());
}

#[test]
fn env_file_and_no_inherit_give_exactly_those_variables() {
    let sb = Sandbox::new();
    sb.write("vars.env", b"A=1\n# a comment\n\nB=two words\nA=3\nEMPTY=\n");
    let out = sb.run_with(&env_printer(), &["--no-inherit-env", "--env-file", "vars.env", "--env", "C=c=d"], &[]);
    out.assert_done();
    let mut lines = out.lines();
    lines.sort();
    assert_eq!(lines, ["A=3", "B=two words", "C=c=d", "EMPTY="], "{}", out.describe());
}

#[test]
fn missing_env_file_is_a_usage_error() {
    let out = Sandbox::new().run_with(&env_printer(), &["--env-file", "nope.env"], &[]);
    out.assert_code(2);
    assert!(out.stderr.contains("nope.env"), "{}", out.describe());
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.describe());
}

#[test]
fn empty_environment_gives_no_file() {
    let w = Wat::new(
        r#"
    (call $check (i32.const 1) (i64.extend_i32_s (call $__get_init_envfile (i32.const 0x4000) (i32.const 256))) (i64.const 0))
"#,
    );
    Sandbox::new().run_with(&w, &["--no-inherit-env"], &[]).assert_done();
}

#[test]
fn exit_group_status_propagates() {
    run_wat(&Wat::new("(drop (call $SYS_exit_group (i32.const 42)))")).assert_code(42);
}

#[test]
fn exit_status_is_taken_modulo_256() {
    run_wat(&Wat::new("(drop (call $SYS_exit_group (i32.const 261)))")).assert_code(5);
}

#[test]
fn proc_exit_status_propagates() {
    let out = run_wat(&Wat::new("(call $print (global.get $hi)) (call $__proc_exit (i32.const 3))").string("hi", "hi"));
    out.assert_code(3);
    assert_eq!(out.stdout, "hi");
}

#[test]
fn sys_exit_ends_a_single_threaded_process() {
    run_wat(&Wat::new("(drop (call $SYS_exit (i32.const 7)))")).assert_code(7);
}

#[test]
fn returning_from_start_exits_0() {
    let out = run_wat(&Wat::new("(call $print (global.get $s)) (return)").string("s", "returned"));
    out.assert_code(0);
    assert_eq!(out.stdout, "returned");
}

#[test]
fn unreachable_traps_with_a_named_backtrace() {
    let w = Wat::new(
        r#"
    (call $puts (global.get $before))
    (call $my_function_name (i32.const 1))
    (call $puts (global.get $after))
"#,
    )
    .items(
        r#"
  (func $my_function_name (param $x i32)
    (if (local.get $x) (then unreachable)))
"#,
    )
    .string("before", "before the trap")
    .string("after", "after the trap");
    let out = run_wat(&w);
    out.assert_code(TRAP);
    assert_eq!(out.stdout, "before the trap\n");
    assert!(out.stderr.contains("unreachable"), "{}", out.describe());
    assert!(out.stderr.contains("my_function_name"), "no function name in the backtrace\n{}", out.describe());
    assert!(out.stderr.contains("_start"), "{}", out.describe());
}

#[test]
fn out_of_bounds_load_traps() {
    let w = Wat::new("(drop (i32.load (i32.const 0x7ffffff0)))");
    let out = run_wat(&w);
    out.assert_code(TRAP);
    assert!(out.stderr.contains("trap"), "{}", out.describe());
}

#[test]
fn unknown_wali_import_links_and_returns_enosys() {
    let w = Wat::new(
        r#"
    (call $check (i32.const 1) (call $nonexistent (i32.const 5)) (i64.const -38))
    (call $check (i32.const 2) (call $nonexistent (i32.const 6)) (i64.const -38))
    (call $check (i32.const 3) (call $nonexistent (i32.const 7)) (i64.const -38))
"#,
    )
    .import(r#"(import "wali" "SYS_nonexistent" (func $nonexistent (param i32) (result i64)))"#);
    let out = run_wat(&w);
    out.assert_done();
    assert_eq!(out.stderr.matches("SYS_nonexistent").count(), 1, "said once\n{}", out.describe());
}

#[test]
fn calls_that_reach_other_processes_memory_are_not_imports() {
    // ptrace and process_vm_readv/writev could read or write the engine's own
    // memory (and a forked engine's): they are outside the interface and stay ENOSYS.
    let w = Wat::new(
        r#"
    (call $check (i32.const 1) (call $ptrace (i64.const 16) (i64.const 1) (i64.const 0) (i64.const 0)) (i64.const -38))
    (call $check (i32.const 2) (call $vm_read (i64.const 1) (i64.const 0) (i64.const 1) (i64.const 0) (i64.const 1) (i64.const 0)) (i64.const -38))
    (call $check (i32.const 3) (call $vm_write (i64.const 1) (i64.const 0) (i64.const 1) (i64.const 0) (i64.const 1) (i64.const 0)) (i64.const -38))
"#,
    )
    .import(r#"(import "wali" "SYS_ptrace" (func $ptrace (param i64 i64 i64 i64) (result i64)))"#)
    .import(r#"(import "wali" "SYS_process_vm_readv" (func $vm_read (param i64 i64 i64 i64 i64 i64) (result i64)))"#)
    .import(r#"(import "wali" "SYS_process_vm_writev" (func $vm_write (param i64 i64 i64 i64 i64 i64) (result i64)))"#);
    run_wat(&w).assert_done();
}

#[test]
fn import_from_env_is_a_load_error() {
    let w = Wat::new("(call $env_puts (i32.const 0))").import(r#"(import "env" "puts" (func $env_puts (param i32)))"#);
    let out = run_wat(&w);
    out.assert_code(1);
    assert!(out.stdout.is_empty(), "{}", out.describe());
    assert!(out.stderr.contains("env.puts"), "the error names the import\n{}", out.describe());
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.describe());
}

#[test]
fn exit_declared_without_result_is_adapted() {
    let w = Wat::new("(call $exit_noresult (i32.const 9))")
        .import(r#"(import "wali" "SYS_exit" (func $exit_noresult (param i32)))"#);
    run_wat(&w).assert_code(9);
}

#[test]
fn narrower_result_type_is_adapted() {
    // SYS_getpid declared returning i32 instead of i64.
    let w = Wat::new(
        r#"
    (call $check_true (i32.const 1) (i32.gt_s (call $getpid32) (i32.const 0)))
    (call $show (global.get $pid) (i64.extend_i32_s (call $getpid32)))
"#,
    )
    .import(r#"(import "wali" "SYS_getpid" (func $getpid32 (result i32)))"#)
    .string("pid", "pid");
    let out = run_wat(&w);
    out.assert_done();
    assert_eq!(out.value("pid"), out.pid as i64);
}

#[test]
fn memory_import_is_refused() {
    let src = r#"(module (import "wali" "memory" (memory 1 32768 shared)) (func (export "_start")))"#;
    let sb = Sandbox::new();
    sb.write("prog.wasm", &wat::parse_str(src).unwrap());
    let out = sb.wali(&["run", "prog.wasm"]);
    out.assert_code(1);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.describe());
}

#[test]
fn module_without_start_is_a_load_error() {
    let src = r#"(module (memory (export "memory") 1 32768 shared) (func (export "main")))"#;
    let sb = Sandbox::new();
    sb.write("prog.wasm", &wat::parse_str(src).unwrap());
    let out = sb.wali(&["run", "prog.wasm"]);
    out.assert_code(1);
    assert!(out.stderr.contains("_start"), "{}", out.describe());
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.describe());
}

#[test]
fn non_wasm_file_is_a_one_line_error() {
    let sb = Sandbox::new();
    sb.write("notes.txt", b"hello, this is not wasm\n");
    let out = sb.wali(&["run", "notes.txt"]);
    out.assert_code(1);
    assert!(out.stderr.contains("not a WebAssembly module"), "{}", out.describe());
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.describe());
    assert!(out.stdout.is_empty());
}

#[test]
fn wat_text_file_gets_a_hint() {
    let sb = Sandbox::new();
    sb.write("prog.wat", b"(module)\n");
    let out = sb.wali(&["run", "prog.wat"]);
    out.assert_code(1);
    assert!(out.stderr.contains("WebAssembly text"), "{}", out.describe());
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.describe());
}

#[test]
fn corrupt_wasm_is_a_one_line_error() {
    let sb = Sandbox::new();
    sb.write("bad.wasm", b"\0asm\x01\0\0\0\x01\xff\xff\xff");
    let out = sb.wali(&["run", "bad.wasm"]);
    out.assert_code(1);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.describe());
}

#[test]
fn missing_file_is_a_one_line_error() {
    let out = Sandbox::new().wali(&["run", "missing.wasm"]);
    out.assert_code(1);
    assert!(out.stderr.contains("missing.wasm"), "{}", out.describe());
    assert!(out.stderr.contains("no such file"), "{}", out.describe());
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.describe());
}

#[test]
fn run_without_module_is_a_usage_error() {
    let out = Sandbox::new().wali(&["run"]);
    out.assert_code(2);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.describe());
}

#[test]
fn syscalls_lists_the_table_and_a_summary() {
    let out = Sandbox::new().wali(&["syscalls"]);
    out.assert_code(0);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(lines[0].starts_with("import"), "header: {}", lines[0]);
    let rows = &lines[1..lines.len() - 1];
    assert!(rows.len() >= 166, "only {} rows", rows.len());
    for row in rows {
        let name = row.split_whitespace().next().unwrap();
        assert!(wali_abi::lookup(name).is_some(), "row for an import the spec does not know: {row}");
    }
    let read = rows.iter().find(|r| r.starts_with("SYS_read ")).expect("a SYS_read row");
    assert!(read.contains("(i32, i32, i32) -> i64"), "{read}");
    // "N imports: A passthrough, B translated, C emulated, D unsupported"
    let summary = lines[lines.len() - 1];
    let nums: Vec<usize> =
        summary.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).map(|s| s.parse().unwrap()).collect();
    assert_eq!(nums.len(), 5, "summary: {summary}");
    for word in ["imports:", "passthrough", "translated", "emulated", "unsupported"] {
        assert!(summary.contains(word), "summary: {summary}");
    }
    assert_eq!(nums[0], rows.len(), "summary: {summary}");
    assert_eq!(nums[1] + nums[2] + nums[3] + nums[4], nums[0], "summary: {summary}");
}

#[test]
fn duplicate_import_with_the_same_signature_links() {
    let w = Wat::new(
        r#"
    (call $check (i32.const 1) (call $getpid_a) (call $getpid_b))
"#,
    )
    .import(r#"(import "wali" "SYS_getpid" (func $getpid_a (result i64)))"#)
    .import(r#"(import "wali" "SYS_getpid" (func $getpid_b (result i64)))"#);
    run_wat(&w).assert_done();
}

#[test]
fn duplicate_import_with_different_signatures_is_a_load_error() {
    let w = Wat::new("(drop (call $getpid_a)) (drop (call $getpid_b))")
        .import(r#"(import "wali" "SYS_getpid" (func $getpid_a (result i64)))"#)
        .import(r#"(import "wali" "SYS_getpid" (func $getpid_b (result i32)))"#);
    let out = run_wat(&w);
    out.assert_code(1);
    assert!(out.stderr.contains("SYS_getpid"), "{}", out.describe());
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.describe());
}

#[test]
fn failing_check_names_itself() {
    // The helpers themselves: a failed check exits with its number.
    let out = run_wat(&Wat::new("(call $check (i32.const 7) (i64.const 1) (i64.const 2))"));
    out.assert_code(7);
    assert_eq!(out.stdout, "FAIL check 7: got 1, want 2\n");
    let out = run_wat(&Wat::new("(drop (call $ok (i32.const 9) (i64.const -14)))"));
    out.assert_code(9);
    assert_eq!(out.stdout, "FAIL check 9: got -14 (expected >= 0)\n");
    let out = run_wat(
        &Wat::new("(call $check_mem (i32.const 300) (global.get $a) (global.get $b) (i32.const 3))")
            .string("a", "abc")
            .string("b", "abd"),
    );
    out.assert_code(300 % 256);
    assert!(out.stdout.starts_with("FAIL check 300: memory differs\n"), "{}", out.describe());
}

#[test]
fn stack_overflow_traps() {
    let w = Wat::new("(call $recurse (i32.const 0))")
        .items("(func $recurse (param $n i32) (call $recurse (i32.add (local.get $n) (i32.const 1))))");
    let out = run_wat(&w);
    out.assert_code(TRAP);
    assert!(out.stderr.contains("stack"), "{}", out.describe());
    assert!(out.stderr.contains("recurse"), "{}", out.describe());
}

#[test]
fn integer_division_by_zero_traps() {
    let w = Wat::new("(drop (call $divide (i32.const 7) (i32.const 0)))")
        .items("(func $divide (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1)))");
    let out = run_wat(&w);
    out.assert_code(TRAP);
    assert!(out.stderr.contains("divide by zero"), "{}", out.describe());
}

#[test]
fn strace_to_stderr_shows_calls() {
    let w = Wat::new("(drop (call $SYS_getpid)) (drop (call $SYS_close (i32.const 12345)))");
    let out = Sandbox::new().run_with(&w, &["--strace"], &[]);
    out.assert_done();
    assert!(out.stderr.contains(&format!("getpid() = {}", out.pid)), "{}", out.describe());
    assert!(out.stderr.contains("close(12345) = -1 EBADF"), "{}", out.describe());
}

#[test]
fn strace_file_is_protected_from_the_guest() {
    // The trace file's descriptor (placed at 200 or above) cannot be closed
    // or replaced by the program; tracing continues after the attempts.
    let w = Wat::new(
        r#"
    (local $fd i32)
    (local.set $fd (i32.const 200))
    (block $out (loop $next
      (br_if $out (i32.ge_u (local.get $fd) (i32.const 220)))
      (drop (call $SYS_dup2 (i32.const 1) (local.get $fd)))
      (drop (call $SYS_dup3 (i32.const 1) (local.get $fd) (i32.const 0)))
      (drop (call $SYS_close (local.get $fd)))
      (local.set $fd (i32.add (local.get $fd) (i32.const 1)))
      (br $next)))
    (drop (call $SYS_getppid))
"#,
    );
    let sb = Sandbox::new();
    let out = sb.run_with(&w, &["--strace=trace.txt"], &[]);
    out.assert_done();
    let trace = String::from_utf8(sb.read("trace.txt")).unwrap();
    assert!(trace.contains(&format!("getppid() = {}", std::process::id())), "{trace}");
    // The last call is traced although the process ends inside it.
    assert!(trace.lines().last().is_some_and(|l| l.ends_with("exit_group(0) = ?")), "{trace}");
    assert!(!out.stdout.contains("getppid"), "{}", out.describe());
}

#[test]
fn module_without_memory_runs_and_pointers_fault() {
    let src = r#"(module
      (import "wali" "SYS_write" (func $write (param i32 i32 i32) (result i64)))
      (import "wali" "SYS_exit_group" (func $exit (param i32) (result i64)))
      (func (export "_start")
        (if (i64.ne (call $write (i32.const 1) (i32.const 16) (i32.const 4)) (i64.const -14))
          (then (drop (call $exit (i32.const 1)))))
        (drop (call $exit (i32.const 0)))))"#;
    let sb = Sandbox::new();
    sb.write("prog.wasm", &wat::parse_str(src).unwrap());
    sb.wali(&["run", "prog.wasm"]).assert_code(0);
}

#[test]
fn two_memories_are_a_load_error() {
    let src = r#"(module (memory 1 32768 shared) (memory 1 32768 shared) (func (export "_start")))"#;
    let sb = Sandbox::new();
    sb.write("prog.wasm", &wat::parse_str(src).unwrap());
    let out = sb.wali(&["run", "prog.wasm"]);
    out.assert_code(1);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.describe());
}

#[test]
fn compile_fills_the_cache_for_runs_with_and_without_signals_at_syscalls() {
    let sb = Sandbox::new();
    // A module that can install handlers compiles differently in each mode.
    let w = Wat::new("    (drop (call $SYS_rt_sigaction (i32.const 12) (i32.const 0) (i32.const 0) (i32.const 8)))\n");
    sb.write("prog.wasm", &w.wasm());
    let cache = sb.path().join("cache");
    let wali = |args: &[&str]| {
        let out = std::process::Command::new(common::wali())
            .args(args)
            .current_dir(sb.path())
            .env("XDG_CACHE_HOME", &cache)
            .output()
            .expect("start wali");
        assert!(out.status.success(), "wali {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let entry = |printed: String| printed.trim_end().strip_prefix("prog.wasm: ").expect("prog.wasm: PATH").to_string();
    let default = entry(wali(&["compile", "prog.wasm"]));
    let at_syscalls = entry(wali(&["compile", "--signals-at-syscalls", "prog.wasm"]));
    assert_ne!(default, at_syscalls);
    let entries = || std::fs::read_dir(cache.join("wali/modules")).expect("the cache").count();
    assert_eq!(entries(), 2);
    // Runs in either mode find their entry: nothing more is compiled.
    assert!(wali(&["run", "prog.wasm"]).ends_with("done\n"));
    assert!(wali(&["run", "--signals-at-syscalls", "prog.wasm"]).ends_with("done\n"));
    assert_eq!(entries(), 2);
}

/// `-O3` compiles with inlining into an entry of its own, which `run -O3`
/// finds (and a run without it does not take).
#[test]
fn compile_o3_fills_an_entry_of_its_own() {
    let sb = Sandbox::new();
    sb.write("prog.wasm", &Wat::new("").wasm());
    let entries = || std::fs::read_dir(sb.path().join("cache/wali/modules")).map_or(0, |d| d.count());
    let compiled = sb.wali_cached(&["compile", "-O3", "prog.wasm"]);
    compiled.assert_code(0);
    assert_eq!(entries(), 1);
    sb.wali_cached(&["run", "-O3", "prog.wasm"]).assert_done();
    sb.wali_cached(&["run", "--opt-level=3", "prog.wasm"]).assert_done();
    assert_eq!(entries(), 1, "run -O3 compiled again");
    sb.wali_cached(&["run", "prog.wasm"]).assert_done();
    assert_eq!(entries(), 2, "a default run took the -O3 entry");
    let out = sb.wali_cached(&["run", "-O5", "prog.wasm"]);
    out.assert_code(2);
    assert!(out.stderr.contains("-O5: the levels are -O2"), "{}", out.describe());
}

#[test]
fn version_names_the_wasmtime_release() {
    let mut cmd = std::process::Command::new(common::wali());
    cmd.arg("--version");
    let out = common::run(cmd);
    out.assert_code(0);
    assert!(out.stdout.starts_with("wali ") && out.stdout.contains(&format!("(Wasmtime {})", wali::WASMTIME_VERSION)), "{}", out.describe());
}

/// `ps`, `pidof` and `pgrep` find a Wasm program by its own name: the
/// process's name is its argv[0]'s base name and its command line its argv.
#[test]
fn the_process_shows_the_programs_name_and_arguments() {
    use std::io::Write;
    let sb = Sandbox::new();
    // Waits for a byte on standard input.
    sb.write("prog.wasm", &Wat::new("(drop (call $SYS_read (i32.const 0) (i32.const 0x4000) (i32.const 1)))").wasm());
    let mut child = std::process::Command::new(common::wali())
        .args(["run", "--argv0", "some/dir/myprogram", "prog.wasm", "alpha", "beta"])
        .current_dir(sb.path())
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let proc = format!("/proc/{}", child.id());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let mut comm = String::new();
    while std::time::Instant::now() < deadline {
        comm = std::fs::read_to_string(format!("{proc}/comm")).unwrap_or_default();
        if comm.trim_end() == "myprogram" {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let cmdline = std::fs::read(format!("{proc}/cmdline")).unwrap_or_default();
    child.stdin.take().unwrap().write_all(b"x").unwrap();
    assert!(child.wait().unwrap().success());
    assert_eq!(comm.trim_end(), "myprogram");
    let args: Vec<&[u8]> = cmdline.split(|&b| b == 0).filter(|a| !a.is_empty()).collect();
    assert_eq!(args, [&b"some/dir/myprogram"[..], b"alpha", b"beta"], "{}", String::from_utf8_lossy(&cmdline));
}

/// Every option takes `--opt value` and `--opt=value` (the upstream WALI
/// test suite writes `--env-file=FILE`); later ones override earlier ones.
#[test]
fn options_take_their_value_either_way() {
    let sb = Sandbox::new();
    sb.write("vars.env", b"FROM_FILE=1\nBOTH=file\n");
    let out = sb.run_with(&env_printer(), &["--no-inherit-env", "--env-file=vars.env", "--env=BOTH=flag", "--env", "X=y"], &[]);
    out.assert_done();
    for line in ["FROM_FILE=1", "BOTH=flag", "X=y"] {
        assert!(out.lines().contains(&line), "{line}\n{}", out.describe());
    }
    assert!(!out.lines().contains(&"BOTH=file"), "{}", out.describe());
}

/// A flag that is not given is not applied: without `--no-inherit-env`
/// the caller's environment reaches the program.
#[test]
fn flags_not_given_do_not_apply() {
    let mut cmd = Sandbox::new().cached_command(&["run", "prog.wasm"]);
    let sb = Sandbox::new();
    sb.write("prog.wasm", &env_printer().wasm());
    cmd.current_dir(sb.path()).env("FROM_CALLER", "yes");
    let out = common::run(cmd);
    out.assert_done();
    assert!(out.lines().contains(&"FROM_CALLER=yes"), "{}", out.describe());
}

/// `--` ends the options; everything after the module is the program's.
#[test]
fn arguments_after_the_module_are_the_programs() {
    // Exits with its argument count.
    let w = Wat::new("(drop (call $SYS_exit_group (call $__cl_get_argc)))");
    let sb = Sandbox::new();
    sb.write("prog.wasm", &w.wasm());
    sb.wali(&["run", "--", "prog.wasm", "--no-cache", "-x", "--"]).assert_code(4);
    sb.wali(&["run", "prog.wasm", "--env", "A=1"]).assert_code(3);
}

/// A mistake is one line naming it, and the nearest valid option.
#[test]
fn an_unknown_option_names_itself_and_the_nearest_one() {
    let out = Sandbox::new().wali(&["run", "--env-fil", "x", "prog.wasm"]);
    out.assert_code(2);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.describe());
    assert!(out.stderr.contains("'--env-fil'") && out.stderr.contains("'--env-file'"), "{}", out.describe());
    let out = Sandbox::new().wali(&["complie"]);
    out.assert_code(2);
    assert!(out.stderr.contains("'compile'") && out.stderr.lines().count() == 1, "{}", out.describe());
}

#[test]
fn every_subcommand_has_help() {
    for sub in ["run", "compile", "syscalls", "inspect", "binfmt"] {
        for flag in ["-h", "--help"] {
            let out = Sandbox::new().wali(&[sub, flag]);
            out.assert_code(0);
            assert!(out.stdout.contains(&format!("Usage: wali {sub}")), "{sub} {flag}\n{}", out.describe());
        }
    }
}

/// The environment reaches the program where /proc is not mounted (a chroot,
/// a minimal container): the engine hands its own descriptor for the file
/// over instead of letting the guest reopen it by its /proc/self/fd name.
/// Before, every program with an environment exited with status 3 there.
#[test]
fn environment_without_proc() {
    let sb = Sandbox::new();
    sb.write("prog.wasm", &env_printer().wasm());
    let probe = std::process::Command::new("unshare").args(["-m", "sh", "-c", "umount -l /proc && ! test -e /proc/self"]).output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: cannot unmount /proc in a mount namespace here (needs root and unshare)");
        return;
    }
    let mut cmd = std::process::Command::new("unshare");
    cmd.args(["-m", "sh", "-c", "umount -l /proc && exec \"$0\" run --no-inherit-env --env A=1 prog.wasm", common::wali()]);
    cmd.current_dir(sb.path());
    let out = common::run(cmd);
    out.assert_done();
    assert_eq!(out.lines(), ["A=1"], "{}", out.describe());
}
