//! The seed modules the modules kind mutates, built in-process: the
//! dispatcher module, small WAT modules using what WALI modules use (a
//! memory with limits, shared or not, active and passive data, a table and
//! element segments, `_start`, `memory`, `__stack_pointer`, `wali` imports
//! with the spec's signatures, exception tags, atomics, bulk memory,
//! `memory.grow`, a start function, a name section and other custom
//! sections), and every `*.wasm` of the corpus directory when there is one
//! (`make corpus` builds `build/corpus/wasm`).

use crate::mutate::Seed;
use crate::sections;
use std::path::Path;

/// Each seed: name, the `wali` imports it uses, the module's fields.
const WAT: &[(&str, &[&str], &str)] = &[
    (
        "hello",
        &["SYS_write", "SYS_exit_group"],
        r#"
  (memory (export "memory") 1 2)
  (global $__stack_pointer (export "__stack_pointer") (mut i32) (i32.const 0x8000))
  (data (i32.const 0x100) "hello from a seed\n")
  (@custom "producers" "\01\0clanguage\01\01C\00")
  (func (export "_start")
    (drop (call $SYS_write (i32.const 1) (i32.const 0x100) (i32.const 18)))
    (drop (call $SYS_exit_group (i32.const 0))))"#,
    ),
    (
        "bulk memory",
        &["SYS_exit_group"],
        r#"
  (memory (export "memory") 2 16 shared)
  (global $__stack_pointer (export "__stack_pointer") (mut i32) (i32.const 0x10000))
  (data $p "passive bytes for memory.init")
  (data (i32.const 0x200) "active")
  (data (i32.const 0x1fff0) "at the end of the initial memory")
  (func (export "_start") (local $old i32)
    (memory.init $p (i32.const 0x1000) (i32.const 0) (i32.const 16))
    (data.drop $p)
    (memory.copy (i32.const 0x2000) (i32.const 0x1000) (i32.const 16))
    (memory.copy (i32.const 0x1008) (i32.const 0x1000) (i32.const 16))
    (memory.fill (i32.const 0x3000) (i32.const 0x5a) (i32.const 4096))
    (local.set $old (memory.grow (i32.const 1)))
    (if (i32.lt_s (local.get $old) (i32.const 0)) (then (unreachable)))
    (drop (memory.size))
    (drop (call $SYS_exit_group (i32.const 0))))"#,
    ),
    (
        "atomics",
        &["SYS_futex", "SYS_exit_group"],
        r#"
  (memory (export "memory") 1 4 shared)
  (func (export "_start")
    (i32.atomic.store (i32.const 0x100) (i32.const 1))
    (drop (memory.atomic.notify (i32.const 0x100) (i32.const 1)))
    (drop (memory.atomic.wait32 (i32.const 0x100) (i32.const 0) (i64.const 0)))
    (drop (memory.atomic.wait64 (i32.const 0x108) (i64.const 0) (i64.const 1000)))
    (drop (i32.atomic.rmw.add (i32.const 0x100) (i32.const 2)))
    (drop (i64.atomic.rmw.cmpxchg (i32.const 0x108) (i64.const 0) (i64.const 9)))
    (atomic.fence)
    ;; FUTEX_WAKE
    (drop (call $SYS_futex (i32.const 0x100) (i32.const 1) (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0)))
    (drop (call $SYS_exit_group (i32.const 0))))"#,
    ),
    (
        "threads and tables",
        &["__wasm_thread_spawn", "SYS_exit_group"],
        r#"
  (memory (export "memory") 1 4 shared)
  (table 4 funcref)
  (type $none (func))
  (elem (i32.const 1) $worker $nop)
  (elem $later func $nop $worker)
  (elem declare func $seven)
  (func $nop)
  (func $seven (result i32) (i32.const 7))
  (func $worker (param $tid i32) (param $arg i32)
    (i32.atomic.store (local.get $arg) (i32.const 1))
    (drop (memory.atomic.notify (local.get $arg) (i32.const 1))))
  (func (export "_start") (local $tid i32)
    (table.init $later (i32.const 2) (i32.const 0) (i32.const 2))
    (elem.drop $later)
    (call_indirect (type $none) (i32.const 2))
    (drop (ref.func $seven))
    (local.set $tid (call $__wasm_thread_spawn (i32.const 1) (i32.const 0x400)))
    (if (i32.gt_s (local.get $tid) (i32.const 0)) (then
      (drop (memory.atomic.wait32 (i32.const 0x400) (i32.const 0) (i64.const 100000000)))))
    (drop (call $SYS_exit_group (i32.const 0))))"#,
    ),
    (
        "exceptions",
        &["SYS_exit_group"],
        r#"
  (memory (export "memory") 1 2)
  (tag $e (param i32))
  (tag $bare)
  (func $thrower (param i32)
    (if (local.get 0) (then (throw $e (i32.const 42))))
    (throw $bare))
  (func (export "_start") (local $v i32)
    (local.set $v
      (block $caught (result i32)
        (try_table (result i32) (catch $e $caught)
          (call $thrower (i32.const 1))
          (i32.const 0))))
    (block $all
      (try_table (catch_all $all)
        (call $thrower (i32.const 0))))
    (drop (call $SYS_exit_group (local.get $v))))"#,
    ),
    (
        "signals and a start function",
        &["SYS_rt_sigaction", "SYS_rt_sigprocmask", "SYS_getpid", "SYS_exit_group", "__restore_rt"],
        r#"
  (memory (export "memory") 1 2)
  (table 2 funcref)
  (elem (i32.const 1) $handler)
  (global $hits (mut i32) (i32.const 0))
  (func $handler (param i32) (global.set $hits (i32.add (global.get $hits) (i32.const 1))))
  (func $init (i32.store (i32.const 0x40) (i32.const 1)))
  (start $init)
  (func (export "_start")
    (i32.store (i32.const 0x100) (i32.const 1))
    (drop (call $SYS_rt_sigaction (i32.const 10) (i32.const 0x100) (i32.const 0) (i32.const 8)))
    (drop (call $SYS_rt_sigprocmask (i32.const 0) (i32.const 0x200) (i32.const 0x208) (i32.const 8)))
    (drop (call $SYS_getpid))
    (drop (call $SYS_exit_group (global.get $hits))))"#,
    ),
    (
        "mappings and files",
        &["SYS_mmap", "SYS_mprotect", "SYS_munmap", "SYS_openat", "SYS_read", "SYS_close", "SYS_clock_gettime", "SYS_exit_group"],
        r#"
  (memory (export "memory") 2 64)
  (global $__stack_pointer (export "__stack_pointer") (mut i32) (i32.const 0x20000))
  (data (i32.const 0x100) "/dev/null\00")
  (func (export "_start") (local $p i64) (local $fd i64)
    (local.set $p (call $SYS_mmap (i32.const 0) (i32.const 8192) (i32.const 3) (i32.const 0x22) (i32.const -1) (i64.const 0)))
    (if (i64.gt_s (local.get $p) (i64.const 0)) (then
      (i32.store (i32.wrap_i64 (local.get $p)) (i32.const 5))
      (drop (call $SYS_mprotect (i32.wrap_i64 (local.get $p)) (i32.const 4096) (i32.const 1)))
      (drop (call $SYS_munmap (i32.wrap_i64 (local.get $p)) (i32.const 8192)))))
    (local.set $fd (call $SYS_openat (i32.const -100) (i32.const 0x100) (i32.const 0) (i32.const 0)))
    (drop (call $SYS_read (i32.wrap_i64 (local.get $fd)) (i32.const 0x200) (i32.const 16)))
    (drop (call $SYS_close (i32.wrap_i64 (local.get $fd))))
    (drop (call $SYS_clock_gettime (i32.const 1) (i32.const 0x300)))
    (drop (call $SYS_exit_group (i32.const 0))))"#,
    ),
    (
        "arguments and environment",
        &["__cl_get_argc", "__cl_get_argv_len", "__cl_copy_argv", "__get_init_envfile", "__proc_exit"],
        r#"
  (memory (export "memory") 1 16)
  (global $__stack_pointer (export "__stack_pointer") (mut i32) (i32.const 0x10000))
  (func (export "_start") (local $n i32) (local $i i32)
    (local.set $n (call $__cl_get_argc))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (drop (call $__cl_get_argv_len (local.get $i)))
      (drop (call $__cl_copy_argv (i32.const 0x1000) (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (drop (call $__get_init_envfile (i32.const 0x2000) (i32.const 256)))
    (call $__proc_exit (i32.const 0)))"#,
    ),
    (
        "simd, multiple values and globals",
        &["SYS_exit_group"],
        r#"
  (memory (export "memory") 1 1)
  (global $g (export "counter") (mut i64) (i64.const 0))
  (global $c i32 (i32.const 16))
  (func $pair (result i32 i64) (i32.const 1) (i64.const 2))
  (func (export "_start") (local $v v128)
    (local.set $v (v128.load (global.get $c)))
    (v128.store (i32.const 32) (i32x4.add (local.get $v) (v128.const i32x4 1 2 3 4)))
    (call $pair)
    (global.set $g)
    (drop)
    (block $b (br_table $b $b (i32.const 1)))
    (loop $l (br_if $l (i32.const 0)))
    (drop (call $SYS_exit_group (i32.wrap_i64 (global.get $g)))))"#,
    ),
    (
        "memory of 0 pages",
        &["SYS_mmap", "SYS_getrandom", "SYS_exit_group"],
        r#"
  (memory (export "memory") 0 100 shared)
  (func (export "_start") (local $p i64)
    (local.set $p (call $SYS_mmap (i32.const 0) (i32.const 4096) (i32.const 3) (i32.const 0x22) (i32.const -1) (i64.const 0)))
    (if (i64.gt_s (local.get $p) (i64.const 0)) (then
      (drop (call $SYS_getrandom (i32.wrap_i64 (local.get $p)) (i32.const 16) (i32.const 0)))))
    (drop (call $SYS_exit_group (i32.const 0))))"#,
    ),
    ("no memory", &["SYS_getpid"], r#"(func (export "_start") (drop (call $SYS_getpid)))"#),
    ("empty", &[], ""),
];

/// The seeds: the built-in ones, then the corpus's (sorted by name, so a
/// replay finds the same ones). Corpus files that are no module are skipped.
pub fn seeds(dispatcher: &[u8], corpus: Option<&Path>) -> Vec<Seed> {
    let mut out = vec![Seed {
        name: "the dispatcher module".into(),
        sections: sections::split(dispatcher).expect("the dispatcher module splits"),
        builtin: true,
    }];
    for (name, imports, fields) in WAT {
        let mut src = String::from("(module\n");
        for i in *imports {
            let sig = wali_abi::lookup(i).and_then(|s| s.sig()).unwrap_or_else(|| panic!("{i} has no signature in the spec"));
            src.push_str(&crate::dispatch::import(i, &sig.params, sig.result));
        }
        src.push_str(fields);
        src.push_str(")\n");
        let wasm = wat::parse_str(&src).unwrap_or_else(|e| panic!("seed `{name}` does not assemble: {e}"));
        out.push(Seed { name: name.to_string(), sections: sections::split(&wasm).expect("wat makes modules"), builtin: true });
    }
    if let Some(dir) = corpus {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "wasm"))
            .collect();
        files.sort();
        for f in files {
            let Some(sections) = std::fs::read(&f).ok().and_then(|b| sections::split(&b)) else { continue };
            out.push(Seed { name: f.display().to_string(), sections, builtin: false });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    /// Every built-in seed is a module the engine prepares and compiles:
    /// the mutants start from valid modules.
    #[test]
    fn builtin_seeds_are_valid() {
        let targets = crate::target::targets();
        let seeds = super::seeds(&crate::dispatch::module(&targets), None);
        assert_eq!(seeds.len(), super::WAT.len() + 1);
        let engine = wali::new_engine(true).unwrap();
        for s in &seeds {
            let wasm = crate::sections::join(&s.sections);
            let parsed = wali::module::parse(&wasm).unwrap_or_else(|e| panic!("{}: {e:#}", s.name));
            let rewritten = wali::module::rewrite(&wasm, &parsed).unwrap_or_else(|e| panic!("{}: {e:#}", s.name));
            wali::wasmtime::Module::new(&engine, &rewritten).unwrap_or_else(|e| panic!("{}: {e:#}", s.name));
        }
    }
}
