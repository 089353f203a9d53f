//! `memory.grow`, `memory.atomic.notify` and `memory.atomic.wait32/64` run
//! through the engine (`__wali.*` imports the rewrite calls instead): their
//! results, memory arguments (offsets) and traps are the instructions' own.

mod common;

use common::{run_wat, Sandbox, Wat, TRAP};

#[test]
fn memory_grow_returns_the_old_size_and_grows_the_memory() {
    let w = Wat::new(
        r#"
    (call $check (i32.const 1) (i64.extend_i32_s (memory.grow (i32.const 2))) (i64.const 1))
    (call $check (i32.const 2) (i64.extend_i32_u (memory.size)) (i64.const 3))
    ;; the new pages are usable, by the program and by the engine's calls
    (i32.store (i32.const 0x2fffc) (i32.const 0x1234))
    (call $check (i32.const 3) (i64.load32_u (i32.const 0x2fffc)) (i64.const 0x1234))
    (call $check (i32.const 4) (call $SYS_getrandom (i32.const 0x2fff0) (i32.const 16) (i32.const 0)) (i64.const 16))
    ;; beyond the maximum (4 pages), and 2^32-1 pages: -1, nothing changes
    (call $check (i32.const 5) (i64.extend_i32_s (memory.grow (i32.const 2))) (i64.const -1))
    (call $check (i32.const 6) (i64.extend_i32_s (memory.grow (i32.const -1))) (i64.const -1))
    (call $check (i32.const 7) (i64.extend_i32_s (memory.grow (i32.const 0))) (i64.const 3))
    (call $check (i32.const 8) (i64.extend_i32_s (memory.grow (i32.const 1))) (i64.const 3))
    (call $check (i32.const 9) (i64.extend_i32_u (memory.size)) (i64.const 4))
    ;; calls through the table still reach their functions (indices moved)
    (call $check (i32.const 10) (i64.extend_i32_s (call_indirect (type $unary) (i32.const 21) (i32.const 1))) (i64.const 42))
"#,
    )
    .memory("(memory (export \"memory\") 1 4 shared)")
    .items(
        r#"
  (type $unary (func (param i32) (result i32)))
  (table 2 funcref) (elem (i32.const 1) $twice)
  (func $twice (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
"#,
    );
    run_wat(&w).assert_done();
}

#[test]
fn notify_and_waits_compare_and_time_out() {
    let w = Wat::new(
        r#"
    (i32.store (i32.const 0x4010) (i32.const 5))
    (i64.store (i32.const 0x4020) (i64.const 7))
    ;; no waiter: notify wakes nobody (0x4000 + offset 0x10)
    (call $check (i32.const 1) (i64.extend_i32_u (memory.atomic.notify offset=0x10 (i32.const 0x4000) (i32.const 1))) (i64.const 0))
    ;; not equal: 1, at once
    (call $check (i32.const 2) (i64.extend_i32_u (memory.atomic.wait32 offset=0x10 (i32.const 0x4000) (i32.const 6) (i64.const -1))) (i64.const 1))
    (call $check (i32.const 3) (i64.extend_i32_u (memory.atomic.wait64 offset=0x20 (i32.const 0x4000) (i64.const 8) (i64.const -1))) (i64.const 1))
    ;; equal: sleeps until the timeout (1 ms), then 2
    (call $check (i32.const 4) (i64.extend_i32_u (memory.atomic.wait32 offset=0x10 (i32.const 0x4000) (i32.const 5) (i64.const 1000000))) (i64.const 2))
    (call $check (i32.const 5) (i64.extend_i32_u (memory.atomic.wait64 offset=0x8 (i32.const 0x4018) (i64.const 7) (i64.const 1000000))) (i64.const 2))
"#,
    );
    run_wat(&w).assert_done();
}

/// A thread waits at 0x4100 (through an offset) with `wait`; the main thread
/// notifies (through another offset) until it wakes someone, then checks
/// that the thread saw 0 (woken).
fn woken_by_notify(wait: &str) -> Wat {
    Wat::new(
        r#"
    (call $check_true (i32.const 1) (i32.ge_s (call $__wasm_thread_spawn (i32.const 1) (i32.const 0x4000)) (i32.const 0)))
    (block $woke (loop $again
      (br_if $woke (i32.eq (memory.atomic.notify offset=0x80 (i32.const 0x4080) (i32.const 1)) (i32.const 1)))
      (br $again)))
    (block $seen (loop $again
      (br_if $seen (i32.ne (i32.atomic.load (i32.const 0x4104)) (i32.const 0)))
      (br $again)))
    (call $check (i32.const 2) (i64.load32_u (i32.const 0x4104)) (i64.const 10))
"#,
    )
    .items(&format!(
        r#"
  (table 2 funcref)
  (elem (i32.const 1) $waiter)
  (func $waiter (param $tid i32) (param $arg i32)
    (i32.atomic.store offset=0x104 (local.get $arg) (i32.add (i32.const 10) ({wait})))
    (drop (call $SYS_exit (i32.const 0))))
"#
    ))
}

#[test]
fn wait32_is_woken_by_notify_from_another_thread() {
    let w = woken_by_notify("memory.atomic.wait32 offset=0x100 (local.get $arg) (i32.const 0) (i64.const -1)");
    run_wat(&w).assert_done();
}

#[test]
fn wait64_is_woken_by_notify_from_another_thread() {
    let w = woken_by_notify("memory.atomic.wait64 offset=0x100 (local.get $arg) (i64.const 0) (i64.const 10000000000)");
    run_wat(&w).assert_done();
}

/// Runs `$bad`, which must trap with `message` (the backtrace names it).
fn assert_traps(body: &str, message: &str) {
    let w = Wat::new("(call $bad)").items(&format!("(func $bad {body})"));
    let out = run_wat(&w);
    out.assert_code(TRAP);
    assert!(out.stderr.contains(message), "wanted `{message}`\n{}", out.describe());
    assert!(out.stderr.contains("bad"), "the backtrace names the function\n{}", out.describe());
}

#[test]
fn out_of_bounds_and_unaligned_accesses_trap() {
    // The memory is one page (0x10000 bytes).
    assert_traps(
        "(drop (memory.atomic.notify offset=4 (i32.const 0xfffc) (i32.const 1)))",
        "out of bounds memory access (memory.atomic.notify at 0x10000)",
    );
    assert_traps(
        "(drop (memory.atomic.wait32 offset=0x10 (i32.const -1) (i32.const 0) (i64.const 0)))",
        "out of bounds memory access (memory.atomic.wait32 at 0x10000000f)",
    );
    assert_traps(
        "(drop (memory.atomic.wait64 (i32.const 0xfffc) (i64.const 0) (i64.const 0)))",
        "out of bounds memory access (memory.atomic.wait64 at 0xfffc)",
    );
    assert_traps(
        "(drop (memory.atomic.wait32 offset=1 (i32.const 0x4001) (i32.const 0) (i64.const 0)))",
        "unaligned atomic (memory.atomic.wait32 at 0x4002)",
    );
    assert_traps(
        "(drop (memory.atomic.wait64 offset=4 (i32.const 0x4000) (i64.const 0) (i64.const 0)))",
        "unaligned atomic (memory.atomic.wait64 at 0x4004)",
    );
    assert_traps("(drop (memory.atomic.notify (i32.const 0x4002) (i32.const 1)))", "unaligned atomic (memory.atomic.notify at 0x4002)");
}

#[test]
fn a_module_cannot_import_the_engine_intrinsics() {
    let w = Wat::new("(drop (call $grow (i32.const 1)))")
        .import(r#"  (import "__wali" "memory_grow" (func $grow (param i32) (result i32)))"#);
    let sb = Sandbox::new();
    std::fs::write(sb.path().join("prog.wasm"), w.wasm()).unwrap();
    let out = sb.wali(&["run", "prog.wasm"]);
    out.assert_code(1);
    assert!(out.stderr.contains("`__wali.memory_grow`, which is not a WALI import"), "{}", out.describe());
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.describe());
}

#[test]
fn a_rewritten_module_with_legacy_exceptions_gets_the_rebuild_hint() {
    // The body rewrite re-encodes legacy `try`/`catch` as it is, so compiling
    // still fails with the explanation, not with an error of the rewrite.
    let w = Wat::new("(drop (memory.grow (i32.const 0)))").items("(tag $e) (func $legacy try throw $e catch $e end)");
    let out = run_wat(&w);
    out.assert_code(1);
    assert!(out.stderr.contains("-wasm-use-legacy-eh=false"), "{}", out.describe());
}
