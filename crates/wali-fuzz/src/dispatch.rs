//! The guest module, written as WAT and assembled with `wat`: it imports
//! every target with the spec's signature and exports one dispatcher per
//! import, `c<i>: (i64 x 6) -> i64`, which narrows the arguments to the
//! import's types, calls it, and widens the result (i32 results
//! sign-extended, none as 0). The host calls these exports, so each call
//! crosses the engine's real linking path: the argument conversion of
//! `link.rs`, the table's handler, signal delivery.
//!
//! Also `memop` (one memory instruction, `mem_ops::OPS`) and the code of
//! `guest.wat`: the fork races' step and thread, the fd races' thread.
//!
//! Its function table holds what signal handlers and thread starts may
//! name: 1 `(i32)`, 2 `(i32 i32 i32)`, 3 `(i32 i32)` (the thread entry),
//! 4 `()`, 5 `(i32) -> i32`, 6 `(i32)`, 7 `(i32 i32)`, all returning at
//! once; 8 and 9 the racing threads (`FORK_RACER`, `FD_SPINNER`); 0 is empty.

use crate::target::Target;
use std::fmt::Write;

/// Initial and maximum memory, in 64 KiB pages (1 MiB and 64 MiB).
pub const MIN_PAGES: u64 = 16;
pub const MAX_PAGES: u64 = 1024;
/// Table slots of the thread entries of `guest.wat`.
pub const FORK_RACER: i32 = 8;
pub const FD_SPINNER: i32 = 9;

fn vt(t: wali_abi::ValType) -> &'static str {
    match t {
        wali_abi::ValType::I32 => "i32",
        wali_abi::ValType::I64 => "i64",
    }
}

pub fn module(targets: &[Target]) -> Vec<u8> {
    wat::parse_str(source(targets)).unwrap_or_else(|e| panic!("the dispatcher module does not assemble: {e}"))
}

/// `(import "wali" "NAME" (func $NAME (param ...) (result ...)))`.
pub fn import(name: &str, params: &[wali_abi::ValType], result: Option<wali_abi::ValType>) -> String {
    let params: Vec<&str> = params.iter().map(|p| vt(*p)).collect();
    let result = result.map_or(String::new(), |r| format!(" (result {})", vt(r)));
    format!("  (import \"{}\" \"{name}\" (func ${name} (param {}){result}))\n", wali_abi::MODULE, params.join(" "))
}

fn source(targets: &[Target]) -> String {
    let mut s = String::from("(module\n");
    for t in targets {
        s.push_str(&import(t.name, &t.params, t.result));
    }
    let _ = writeln!(s, "  (memory (export \"memory\") {MIN_PAGES} {MAX_PAGES} shared)");
    s.push_str(
        r#"  (table 10 10 funcref)
  (elem (i32.const 1) $h_i32 $h_i32x3 $entry $h_none $h_ret $h_i32 $entry $fork_racer $fd_spinner)
  (func $h_i32 (param i32))
  (func $h_i32x3 (param i32 i32 i32))
  (func $entry (param i32 i32))
  (func $h_none)
  (func $h_ret (param i32) (result i32) (local.get 0))
"#,
    );
    for (i, t) in targets.iter().enumerate() {
        let _ = write!(s, "  (func (export \"c{i}\") (param i64 i64 i64 i64 i64 i64) (result i64)");
        for (j, p) in t.params.iter().enumerate() {
            let _ = write!(s, " (local.get {j})");
            if *p == wali_abi::ValType::I32 {
                s.push_str(" (i32.wrap_i64)");
            }
        }
        let _ = write!(s, " (call ${})", t.name);
        s.push_str(match t.result {
            Some(wali_abi::ValType::I64) => "",
            Some(wali_abi::ValType::I32) => " (i64.extend_i32_s)",
            None => " (i64.const 0)",
        });
        s.push_str(")\n");
    }
    s.push_str(&memop());
    s.push_str(include_str!("guest.wat"));
    s.push_str(")\n");
    s
}

/// `memop(op, a, b, n, t) -> i64`: runs instruction `op` of `mem_ops::OPS`
/// through a `br_table`; -1 for an unknown `op`.
fn memop() -> String {
    let ops = crate::mem_ops::OPS;
    let mut s = String::from(
        "  (data $bytes \"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.,\")\n  \
         (func (export \"memop\") (param $op i32) (param $a i32) (param $b i32) (param $n i32) (param $t i64) (result i64)\n    (block $none\n",
    );
    for k in (0..ops.len()).rev() {
        let _ = writeln!(s, "    (block $op{k}");
    }
    let labels: Vec<String> = (0..ops.len()).map(|k| format!("$op{k}")).collect();
    let _ = writeln!(s, "      (br_table {} $none (local.get $op))", labels.join(" "));
    for (name, code) in ops {
        let _ = writeln!(s, "    ) ;; {name}\n    (return {code})");
    }
    s.push_str("    )\n    (i64.const -1))\n");
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_module_is_valid_and_loads() {
        let targets = crate::target::targets();
        let wasm = super::module(&targets);
        let parsed = wali::module::parse(&wasm).expect("parse");
        assert_eq!(parsed.imports.len(), targets.len());
        assert!(parsed.uses_signal_handlers());
        let engine = wali::new_engine(true).unwrap();
        let rewritten = wali::module::rewrite(&wasm, &parsed).expect("rewrite");
        wali::wasmtime::Module::new(&engine, &rewritten).expect("compiles");
    }
}
