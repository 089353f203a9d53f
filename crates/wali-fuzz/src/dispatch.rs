//! The guest module: it imports every target with the spec's signature and
//! exports one dispatcher per import, `c<i>: (i64 x 6) -> i64`, which
//! narrows the arguments to the import's types, calls it, and widens the
//! result (i32 results sign-extended, none as 0). The host calls these
//! exports, so each call crosses the engine's real linking path: the
//! argument conversion of `link.rs`, the table's handler, signal delivery.
//!
//! Its function table holds what signal handlers and thread starts may
//! name: 1 `(i32)`, 2 `(i32 i32 i32)`, 3 `(i32 i32)` (the thread entry),
//! 4 `()`, 5 `(i32) -> i32`, 6 `(i32)`, 7 `(i32 i32)`; 0 is empty. All
//! return at once.

use crate::target::Target;
use std::borrow::Cow;
use wasm_encoder::{
    CodeSection, ConstExpr, ElementSection, Elements, EntityType, ExportKind, ExportSection, Function,
    FunctionSection, ImportSection, MemorySection, MemoryType, Module, RefType, TableSection, TableType,
    TypeSection, ValType,
};

/// Initial and maximum memory, in 64 KiB pages (1 MiB and 64 MiB).
pub const MIN_PAGES: u64 = 16;
pub const MAX_PAGES: u64 = 1024;

fn vt(t: wali_abi::ValType) -> ValType {
    match t {
        wali_abi::ValType::I32 => ValType::I32,
        wali_abi::ValType::I64 => ValType::I64,
    }
}

pub fn module(targets: &[Target]) -> Vec<u8> {
    let mut types = TypeSection::new();
    let mut type_ids: Vec<(Vec<ValType>, Vec<ValType>)> = Vec::new();
    let mut ty = |params: Vec<ValType>, results: Vec<ValType>, types: &mut TypeSection| -> u32 {
        if let Some(i) = type_ids.iter().position(|(p, r)| *p == params && *r == results) {
            return i as u32;
        }
        types.ty().function(params.clone(), results.clone());
        type_ids.push((params, results));
        type_ids.len() as u32 - 1
    };

    let mut imports = ImportSection::new();
    for t in targets {
        let params = t.params.iter().map(|p| vt(*p)).collect();
        let results = t.result.iter().map(|r| vt(*r)).collect();
        let idx = ty(params, results, &mut types);
        imports.import(wali_abi::MODULE, t.name, EntityType::Function(idx));
    }
    let n = targets.len() as u32;
    let i32s = |k: usize| vec![ValType::I32; k];
    let helpers = [
        ty(i32s(1), vec![], &mut types),
        ty(i32s(3), vec![], &mut types),
        ty(i32s(2), vec![], &mut types),
        ty(vec![], vec![], &mut types),
        ty(i32s(1), i32s(1), &mut types),
    ];
    let dispatch = ty(vec![ValType::I64; 6], vec![ValType::I64], &mut types);

    let mut funcs = FunctionSection::new();
    for h in helpers {
        funcs.function(h);
    }
    for _ in targets {
        funcs.function(dispatch);
    }

    let mut tables = TableSection::new();
    tables.table(TableType { element_type: RefType::FUNCREF, table64: false, minimum: 8, maximum: Some(8), shared: false });
    let mut memories = MemorySection::new();
    memories.memory(MemoryType {
        minimum: MIN_PAGES,
        maximum: Some(MAX_PAGES),
        memory64: false,
        shared: true,
        page_size_log2: None,
    });

    let mut exports = ExportSection::new();
    exports.export("memory", ExportKind::Memory, 0);
    for i in 0..n {
        exports.export(&format!("c{i}"), ExportKind::Func, n + 5 + i);
    }

    let mut elements = ElementSection::new();
    let entries = [n, n + 1, n + 2, n + 3, n + 4, n, n + 2];
    elements.active(None, &ConstExpr::i32_const(1), Elements::Functions(Cow::Borrowed(&entries)));

    let mut code = CodeSection::new();
    for (i, _) in helpers.iter().enumerate() {
        let mut f = Function::new([]);
        if i == 4 {
            f.instructions().local_get(0);
        }
        f.instructions().end();
        code.function(&f);
    }
    for (i, t) in targets.iter().enumerate() {
        let mut f = Function::new([]);
        let mut s = f.instructions();
        for (j, p) in t.params.iter().enumerate() {
            s.local_get(j as u32);
            if *p == wali_abi::ValType::I32 {
                s.i32_wrap_i64();
            }
        }
        s.call(i as u32);
        match t.result {
            Some(wali_abi::ValType::I64) => {}
            Some(wali_abi::ValType::I32) => {
                s.i64_extend_i32_s();
            }
            None => {
                s.i64_const(0);
            }
        }
        s.end();
        code.function(&f);
    }

    let mut m = Module::new();
    m.section(&types)
        .section(&imports)
        .section(&funcs)
        .section(&tables)
        .section(&memories)
        .section(&exports)
        .section(&elements)
        .section(&code);
    m.finish()
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
