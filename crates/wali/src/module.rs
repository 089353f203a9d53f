//! Loading a WALI module, in two steps:
//! - `parse` reads what linking and instantiation need (imports, memory,
//!   data segments, features); cheap, it runs on every start;
//! - `rewrite` makes the module the engine compiles; a cached run skips it
//!   (cache entries are keyed by the original bytes and `REWRITE_VERSION`).
//!
//! The rewrite:
//! - the module's defined memory becomes an import (`__wali.memory`), shared;
//! - active data segments become empty passive ones, and the engine copies
//!   their bytes into the memory once per process, so a second instantiation
//!   (a new thread) cannot overwrite live memory;
//! - table 0 is exported as `__wali_table`, so the engine can call signal
//!   handlers and thread entry points by table index;
//! - `memory.grow` and the atomic wait/notify instructions become calls to
//!   engine imports (`calls`). Only then are function bodies and the sections
//!   holding function indices re-encoded; otherwise every section but the
//!   import, memory, export and data sections is copied byte for byte.
//!
//! Module bytes are hostile: every size and range in them is checked, and
//! malformed input is an error, never a panic.

mod calls;

pub use calls::Intrinsic;
use calls::Calls;
use std::borrow::Cow;
use std::ops::Range;
use wasm_encoder::reencode::{Reencode, RoundtripReencoder};
use wasmparser::{Chunk, DataKind, Parser, Payload, TypeRef};
use wasmtime::error::Context;
use wasmtime::{bail, Result};

/// The import module of what the rewrite adds: the memory and the intrinsics.
pub const MEMORY_MODULE: &str = "__wali";
/// The name the rewritten module imports its memory by (`__wali.memory`).
pub const MEMORY_NAME: &str = "memory";
/// The name table 0 is exported by, so the engine can call functions by table index.
pub const TABLE_EXPORT: &str = "__wali_table";
/// Changes whenever `rewrite` makes a different module from the same bytes:
/// cache entries compiled from an older rewrite are then not used.
pub const REWRITE_VERSION: u32 = 2;
const MAX_PAGES: u64 = 65536;

/// A Wasm value type in an import signature.
pub type ValType = wasmparser::ValType;

/// One import of the module.
#[derive(Clone, Debug)]
pub struct Import {
    /// The import module, e.g. `wali` or `wasi_snapshot_preview1`.
    pub module: String,
    /// The field name within that module, e.g. `SYS_read`.
    pub name: String,
    /// Parameter and result types when the import is a function.
    pub func: Option<(Vec<ValType>, Vec<ValType>)>,
}

/// The module's memory, as it declared it.
#[derive(Clone, Copy, Debug)]
pub struct MemoryDecl {
    /// Initial size, in 64 KiB pages.
    pub min: u64,
    /// Maximum size, in 64 KiB pages; `None` when the module gives none.
    pub max: Option<u64>,
    /// Whether the module declared it shared (the engine makes it shared anyway).
    pub shared: bool,
}

/// What the module uses, for `wali inspect`.
#[derive(Clone, Debug, Default)]
pub struct Features {
    /// How many exception tags the module defines (setjmp/longjmp or C++ exceptions).
    pub exception_tags: u32,
    /// Whether the module defines or imports a table; only then is `TABLE_EXPORT` added.
    pub table: bool,
    /// The names of all its exports, in module order.
    pub exports: Vec<String>,
}

/// What linking and instantiating a module need, read from its bytes.
pub struct Parsed {
    /// Every import, in module order.
    pub imports: Vec<Import>,
    /// The memory the module defines; `None` when it defines none.
    pub memory: Option<MemoryDecl>,
    /// Active data segments: (offset in memory, bytes), applied once per process.
    pub data: Vec<(u32, Vec<u8>)>,
    /// What else the module uses: tags, a table, its exports.
    pub features: Features,
}

/// The WASI preview-1 import module (docs/wasi.md).
pub const WASI_MODULE: &str = "wasi_snapshot_preview1";

/// What kind of program a module is, by its imports and exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Imports from `wali` (or nothing): runs on the engine directly.
    Wali,
    /// Imports WASI preview 1 and exports `_start`: runs through the WASI layer.
    WasiCommand,
    /// Imports WASI preview 1 and exports `_initialize` (or no `_start`):
    /// a library whose functions are called by name (`--invoke`).
    WasiReactor,
}

impl Kind {
    /// Whether the program runs through the WASI layer (a command or a reactor).
    pub fn is_wasi(self) -> bool {
        self != Kind::Wali
    }

    /// A one-line description for `wali inspect`.
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Wali => "WALI program",
            Kind::WasiCommand => "WASI command (preview 1, run through the WASI layer)",
            Kind::WasiReactor => "WASI reactor (preview 1, run through the WASI layer; call its functions with --invoke)",
        }
    }
}

impl Parsed {
    /// Whether the module can install Wasm signal handlers (it imports
    /// `SYS_rt_sigaction`), which then need delivery while it computes.
    pub fn uses_signal_handlers(&self) -> bool {
        self.imports.iter().any(|i| i.module == wali_abi::MODULE && i.name == "SYS_rt_sigaction")
    }

    /// What kind of program the module is: WASI when it imports from
    /// `WASI_MODULE`, a command when it also exports `_start`.
    pub fn kind(&self) -> Kind {
        let exports = |name: &str| self.features.exports.iter().any(|e| e == name);
        if !self.imports.iter().any(|i| i.module == WASI_MODULE) {
            Kind::Wali
        } else if exports("_start") {
            Kind::WasiCommand
        } else {
            Kind::WasiReactor
        }
    }
}

impl MemoryDecl {
    /// The limits of the memory the engine creates (always shared): the
    /// module's maximum, or the whole 32-bit space when it declares none.
    pub fn limits(&self) -> (u64, u64) {
        (self.min, self.max.unwrap_or(MAX_PAGES).min(MAX_PAGES))
    }
}

/// Canonical order of the non-custom sections.
fn rank(id: u8) -> u8 {
    match id {
        1 => 1,   // type
        2 => 2,   // import
        3 => 3,   // function
        4 => 4,   // table
        5 => 5,   // memory
        13 => 6,  // tag
        6 => 7,   // global
        7 => 8,   // export
        8 => 9,   // start
        9 => 10,  // element
        12 => 11, // data count
        10 => 12, // code
        11 => 13, // data
        _ => 0,
    }
}

/// The module's sections, checked against the input's length; the code
/// section comes as `CodeSectionStart` alone, its bodies skipped unread.
fn payloads(bytes: &[u8]) -> impl Iterator<Item = Result<Payload<'_>>> {
    let mut parser = Parser::new(0);
    let mut rest = bytes;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let next = (|| {
            let Chunk::Parsed { consumed, payload } = parser.parse(rest, true)? else {
                bail!("the module ends in the middle of a section");
            };
            rest = rest.get(consumed..).context("a section runs past the end of the file")?;
            if let Payload::CodeSectionStart { size, .. } = payload {
                // The parser leaves the code section's size unchecked.
                rest = rest.get(size as usize..).context("the code section runs past the end of the file")?;
                parser.skip_section();
            }
            Ok(payload)
        })();
        done = matches!(next, Err(_) | Ok(Payload::End(_)));
        Some(next.context("not a valid WebAssembly module"))
    })
}

/// The bytes of a section, checked against the input.
fn slice(bytes: &[u8], range: Range<usize>) -> Result<&[u8]> {
    bytes.get(range).context("not a valid WebAssembly module: a section runs past the end of the file")
}

/// Whether the module needs Wasm SIMD: it validates with every feature but
/// not without SIMD. (The interface does not require SIMD of engines, so a
/// module that needs it does not run everywhere.)
pub fn needs_simd(bytes: &[u8]) -> bool {
    use wasmparser::{Validator, WasmFeatures};
    let without = WasmFeatures::all() - WasmFeatures::SIMD - WasmFeatures::RELAXED_SIMD;
    Validator::new_with_features(WasmFeatures::all()).validate_all(bytes).is_ok()
        && Validator::new_with_features(without).validate_all(bytes).is_err()
}

/// Reads what linking and instantiating the module need; the code section is
/// not read (Wasmtime validates it when compiling).
pub fn parse(bytes: &[u8]) -> Result<Parsed> {
    if bytes.len() < 8 || &bytes[0..4] != b"\0asm" {
        bail!("not a WebAssembly module (no \\0asm header)");
    }
    if bytes[4..8] != [1, 0, 0, 0] {
        bail!("not a WebAssembly core module (a component, or an unsupported version)");
    }
    let mut types: Vec<Option<(Vec<ValType>, Vec<ValType>)>> = Vec::new();
    let mut parsed = Parsed { imports: Vec::new(), memory: None, data: Vec::new(), features: Features::default() };
    for payload in payloads(bytes) {
        match payload? {
            Payload::TypeSection(r) => {
                for group in r {
                    for sub in group?.into_types() {
                        types.push(match &sub.composite_type.inner {
                            wasmparser::CompositeInnerType::Func(f) => Some((f.params().to_vec(), f.results().to_vec())),
                            _ => None,
                        });
                    }
                }
            }
            Payload::ImportSection(r) => {
                for imp in r.into_imports() {
                    let imp = imp?;
                    let func = match imp.ty {
                        TypeRef::Func(t) => Some(types.get(t as usize).cloned().flatten().context("bad import type")?),
                        TypeRef::Memory(_) => bail!(
                            "the module imports its memory ({}.{}); a WALI module defines its own memory",
                            imp.module,
                            imp.name
                        ),
                        TypeRef::Table(_) => {
                            parsed.features.table = true;
                            None
                        }
                        _ => None,
                    };
                    parsed.imports.push(Import { module: imp.module.into(), name: imp.name.into(), func });
                }
            }
            Payload::TableSection(r) => parsed.features.table |= r.count() > 0,
            Payload::MemorySection(r) => {
                for m in r {
                    let m = m?;
                    if parsed.memory.is_some() {
                        bail!("the module defines more than one memory; WALI modules have exactly one");
                    }
                    if m.memory64 {
                        bail!("the module uses a 64-bit memory; WALI memories are 32-bit");
                    }
                    if m.page_size_log2.is_some() {
                        bail!("the module uses custom page sizes, which WALI does not support");
                    }
                    if m.initial > MAX_PAGES {
                        bail!("the module's initial memory ({} pages) is larger than 4 GiB", m.initial);
                    }
                    parsed.memory = Some(MemoryDecl { min: m.initial, max: m.maximum, shared: m.shared });
                }
            }
            Payload::TagSection(r) => parsed.features.exception_tags = r.count(),
            Payload::ExportSection(r) => {
                for e in r {
                    parsed.features.exports.push(e?.name.to_string());
                }
            }
            Payload::DataSection(r) => {
                for d in r {
                    let d = d?;
                    if let DataKind::Active { memory_index, offset_expr } = d.kind {
                        if memory_index != 0 {
                            bail!("a data segment targets memory {memory_index}; WALI modules have one memory");
                        }
                        let offset = match offset_expr.get_operators_reader().read()? {
                            wasmparser::Operator::I32Const { value } => value as u32,
                            op => bail!("unsupported data segment offset expression ({op:?})"),
                        };
                        parsed.data.push((offset, d.data.to_vec()));
                    }
                }
            }
            _ => {}
        }
    }
    Ok(parsed)
}

/// What the body rewrite adds: the intrinsics used, and where their types go.
struct Plan {
    calls: Calls,
    used: Vec<Intrinsic>,
    /// The index of the first added type (the module's types come first).
    first_type: u32,
}

/// Reads the function bodies for the instructions to route through the
/// engine; `None` when there are none (the bodies are then copied as they are).
fn plan(bytes: &[u8], parsed: &Parsed) -> Result<Option<Plan>> {
    if parsed.memory.is_none() {
        // No memory: such instructions do not validate, leave them be.
        return Ok(None);
    }
    let (mut types, mut imported_funcs, mut used) = (0u32, 0u32, Vec::new());
    for payload in payloads(bytes) {
        match payload? {
            Payload::TypeSection(r) => {
                for group in r {
                    types = types.saturating_add(group?.types().len() as u32);
                }
            }
            Payload::ImportSection(r) => {
                for imp in r.into_imports() {
                    let func = matches!(imp?.ty, TypeRef::Func(_) | TypeRef::FuncExact(_));
                    imported_funcs = imported_funcs.saturating_add(func as u32);
                }
            }
            Payload::CodeSectionStart { range, .. } => {
                let reader = wasmparser::BinaryReader::new(slice(bytes, range.clone())?, range.start);
                used = calls::used(wasmparser::CodeSectionReader::new(reader)?)?;
            }
            _ => {}
        }
    }
    if used.is_empty() {
        return Ok(None);
    }
    let mut index = [None; Intrinsic::ALL.len()];
    for (k, i) in used.iter().enumerate() {
        index[*i as usize] = Some(imported_funcs.saturating_add(k as u32));
    }
    let calls = Calls { imported_funcs, index, added: used.len() as u32 };
    Ok(Some(Plan { calls, used, first_type: types }))
}

/// Rewrites the module `parse` read for the engine to compile.
pub fn rewrite(bytes: &[u8], parsed: &Parsed) -> Result<Vec<u8>> {
    let has_table = parsed.features.table;
    let mut plan = plan(bytes, parsed)?;
    // Function indices move only when calls are added; `Calls` is then the
    // re-encoder of every section that holds one.
    let mut identity = Calls { imported_funcs: u32::MAX, index: [None; Intrinsic::ALL.len()], added: 0 };
    let mut sections: Vec<(u8, Cow<[u8]>)> = Vec::new();
    let mut exports_seen = false;
    let owned = |s: &dyn wasm_encoder::Section| Cow::Owned(section_bytes(s));
    for payload in payloads(bytes) {
        let payload = payload?;
        let calls = plan.as_mut().map(|p| &mut p.calls);
        match (payload, calls) {
            // Dropped: the memory becomes an import.
            (Payload::MemorySection(_), _) => {}
            (Payload::ExportSection(r), calls) => {
                exports_seen = true;
                let calls = calls.unwrap_or(&mut identity);
                let mut out = wasm_encoder::ExportSection::new();
                for e in r {
                    let e = e?;
                    if e.name == TABLE_EXPORT {
                        continue;
                    }
                    let index = match e.kind {
                        wasmparser::ExternalKind::Func | wasmparser::ExternalKind::FuncExact => calls.function_index(e.index)?,
                        _ => e.index,
                    };
                    out.export(e.name, calls.export_kind(e.kind)?, index);
                }
                if has_table {
                    out.export(TABLE_EXPORT, wasm_encoder::ExportKind::Table, 0);
                }
                sections.push((7, owned(&out)));
            }
            (Payload::DataSection(r), _) => {
                // Active segments are applied by the engine (`Parsed::data`).
                let mut out = wasm_encoder::DataSection::new();
                for d in r {
                    let d = d?;
                    match d.kind {
                        DataKind::Passive => out.passive(d.data.iter().copied()),
                        DataKind::Active { .. } => out.passive(std::iter::empty()),
                    };
                }
                sections.push((11, owned(&out)));
            }
            (Payload::TableSection(r), Some(calls)) => {
                let mut out = wasm_encoder::TableSection::new();
                calls.parse_table_section(&mut out, r)?;
                sections.push((4, owned(&out)));
            }
            (Payload::GlobalSection(r), Some(calls)) => {
                let mut out = wasm_encoder::GlobalSection::new();
                calls.parse_global_section(&mut out, r)?;
                sections.push((6, owned(&out)));
            }
            (Payload::StartSection { func, .. }, Some(calls)) => {
                sections.push((8, owned(&wasm_encoder::StartSection { function_index: calls.function_index(func)? })));
            }
            (Payload::ElementSection(r), Some(calls)) => {
                let mut out = wasm_encoder::ElementSection::new();
                calls.parse_element_section(&mut out, r)?;
                sections.push((9, owned(&out)));
            }
            (Payload::CodeSectionStart { range, .. }, Some(calls)) => {
                let reader = wasmparser::BinaryReader::new(slice(bytes, range.clone())?, range.start);
                let mut out = wasm_encoder::CodeSection::new();
                calls.parse_code_section(&mut out, wasmparser::CodeSectionReader::new(reader)?)?;
                sections.push((10, owned(&out)));
            }
            (Payload::CustomSection(r), Some(calls)) => match r.as_known() {
                // Names are for backtraces only: a malformed name section is dropped.
                wasmparser::KnownCustom::Name(names) => {
                    if let Ok(names) = calls.custom_name_section(names) {
                        sections.push((0, owned(&names)));
                    }
                }
                // Code offsets changed: stale debug information and hints would mislead.
                _ if r.name().starts_with(".debug_") || r.name().starts_with("metadata.code.") => {}
                _ => sections.push((0, Cow::Borrowed(slice(bytes, r.range())?))),
            },
            (Payload::CustomSection(r), None) => sections.push((0, Cow::Borrowed(slice(bytes, r.range())?))),
            (other, _) => {
                if let Some((id, range)) = other.as_section() {
                    sections.push((id, Cow::Borrowed(slice(bytes, range)?)));
                }
            }
        }
    }

    // The imports and types the rewrite adds, in sections of their own when
    // the module had none.
    let mut imports: Vec<(&str, wasm_encoder::EntityType)> = Vec::new();
    if let Some((min, max)) = parsed.memory.map(|m| m.limits()) {
        let ty = wasm_encoder::MemoryType { minimum: min, maximum: Some(max), memory64: false, shared: true, page_size_log2: None };
        imports.push((MEMORY_NAME, ty.into()));
    }
    let mut extra: Vec<(u8, Vec<u8>)> = Vec::new();
    if let Some(plan) = &plan {
        let mut types = wasm_encoder::TypeSection::new();
        for (k, i) in plan.used.iter().enumerate() {
            let (params, results) = i.signature();
            types.ty().function(params.iter().copied(), results.iter().copied());
            imports.push((i.name(), wasm_encoder::EntityType::Function(plan.first_type.saturating_add(k as u32))));
        }
        match sections.iter_mut().find(|(id, _)| *id == 1) {
            Some((_, s)) => *s = Cow::Owned(append_types(s, &types)?),
            None => extra.push((1, section_bytes(&types))),
        }
    }
    if !imports.is_empty() {
        match sections.iter_mut().find(|(id, _)| *id == 2) {
            Some((_, s)) => *s = Cow::Owned(append_imports(s, &imports)?),
            None => extra.push((2, append_imports(&[0], &imports)?)),
        }
    }
    if has_table && !exports_seen {
        let mut exp = wasm_encoder::ExportSection::new();
        exp.export(TABLE_EXPORT, wasm_encoder::ExportKind::Table, 0);
        extra.push((7, section_bytes(&exp)));
    }
    for (id, body) in extra {
        let at = sections.iter().position(|(i, _)| rank(*i) > rank(id)).unwrap_or(sections.len());
        sections.insert(at, (id, Cow::Owned(body)));
    }

    let mut wasm = Vec::with_capacity(bytes.len() + 64);
    wasm.extend_from_slice(bytes.get(0..8).context("not a WebAssembly module")?);
    for (id, body) in &sections {
        wasm.push(*id);
        leb128(&mut wasm, body.len() as u64);
        wasm.extend_from_slice(body);
    }
    Ok(wasm)
}

/// The contents (without id and size) of an encoded section.
fn section_bytes<S: wasm_encoder::Section + ?Sized>(s: &S) -> Vec<u8> {
    let mut out = Vec::new();
    s.encode(&mut out);
    // `encode` writes the LEB128 size, then the contents.
    let size_len = out.iter().position(|b| b & 0x80 == 0).map_or(out.len(), |i| i + 1);
    out.split_off(size_len)
}

/// An import section's contents (as the module had it, or `[0]`: none)
/// with `added` imports from `__wali` after its own.
fn append_imports(body: &[u8], added: &[(&str, wasm_encoder::EntityType)]) -> Result<Vec<u8>> {
    let reader = wasmparser::ImportSectionReader::new(wasmparser::BinaryReader::new(body, 0))?;
    let mut out = wasm_encoder::ImportSection::new();
    let mut rx = RoundtripReencoder;
    for imp in reader.into_imports() {
        let imp = imp?;
        out.import(imp.module, imp.name, rx.entity_type(imp.ty)?);
    }
    for (name, ty) in added {
        out.import(MEMORY_MODULE, name, *ty);
    }
    Ok(section_bytes(&out))
}

/// A type section's contents with `added`'s types after its own (a count,
/// then the types: the module's are copied as they are).
fn append_types(body: &[u8], added: &wasm_encoder::TypeSection) -> Result<Vec<u8>> {
    let count = |b: &[u8]| -> Result<(u32, usize)> {
        let mut r = wasmparser::BinaryReader::new(b, 0);
        Ok((r.read_var_u32()?, r.original_position()))
    };
    let ours = section_bytes(added);
    let ((n, at), (m, at2)) = (count(body)?, count(&ours)?);
    let mut out = Vec::with_capacity(body.len() + ours.len());
    leb128(&mut out, u64::from(n) + u64::from(m));
    out.extend_from_slice(&body[at..]);
    out.extend_from_slice(&ours[at2..]);
    Ok(out)
}

fn leb128(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}


#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        wat::parse_str(
            r#"(module
              (import "wali" "SYS_write" (func $write (param i32 i32 i32) (result i64)))
              (memory (export "memory") 1 2)
              (table 2 funcref) (elem (i32.const 1) $f)
              (func $f (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
              (func $g (result i32) (memory.atomic.notify offset=4 (memory.grow (i32.const 1)) (i32.const 1)))
              (func (export "_start") (drop (call $write (i32.const 1) (i32.const 16) (call $f (i32.const 3)))))
              (data (i32.const 16) "hello"))"#,
        )
        .unwrap()
    }

    #[test]
    fn every_truncation_and_byte_change_is_an_error_or_a_module() {
        // Hostile bytes never panic: each prefix, and each single byte set to
        // values that break sizes (0x00, 0x7f, 0x80, 0xff), parses or fails.
        let wasm = sample();
        let try_both = |m: &[u8]| {
            if let Ok(parsed) = parse(m) {
                let _ = rewrite(m, &parsed);
            }
        };
        for cut in 0..wasm.len() {
            try_both(&wasm[..cut]);
        }
        for at in 0..wasm.len() {
            for b in [0x00, 0x7f, 0x80, 0xff] {
                let mut m = wasm.clone();
                m[at] = b;
                try_both(&m);
            }
        }
    }

    /// The contents of the module's code section.
    fn code_section(wasm: &[u8]) -> Vec<u8> {
        let range = payloads(wasm)
            .find_map(|p| match p.unwrap() {
                Payload::CodeSectionStart { range, .. } => Some(range),
                _ => None,
            })
            .unwrap();
        wasm[range].to_vec()
    }

    #[test]
    fn bodies_are_copied_as_they_are_when_nothing_is_routed() {
        let wasm = wat::parse_str(
            r#"(module (memory 1 2) (func (export "_start") (i32.store (i32.const 8) (i32.atomic.load (memory.size)))))"#,
        )
        .unwrap();
        let rewritten = rewrite(&wasm, &parse(&wasm).unwrap()).unwrap();
        assert_eq!(code_section(&rewritten), code_section(&wasm));
    }

    #[test]
    fn routed_instructions_become_calls_and_function_indices_follow() {
        let wasm = wat::parse_str(
            r#"(module
              (import "wali" "SYS_getpid" (func $getpid (result i64)))
              (memory (export "memory") 1 2)
              (table 2 funcref) (elem (i32.const 0) $seven $grow)
              (global $started (mut i32) (i32.const 0))
              (global $ref funcref (ref.func $seven))
              (start $init)
              (func $init (global.set $started (i32.const 1)))
              (func $seven (result i32) (i32.const 7))
              (func $grow (result i32) (memory.grow (i32.const 1)))
              (func (export "grow") (result i32) (call $grow))
              (func (export "indirect") (param i32) (result i32) (call_indirect (result i32) (local.get 0)))
              (func (export "started") (result i32) (global.get $started))
              (func (export "wait") (result i32) (memory.atomic.wait32 offset=8 (i32.const 16) (i32.const 0) (i64.const 0))))"#,
        )
        .unwrap();
        let rewritten = rewrite(&wasm, &parse(&wasm).unwrap()).unwrap();
        let mut imports = Vec::new();
        for p in payloads(&rewritten) {
            if let Payload::ImportSection(r) = p.unwrap() {
                imports.extend(r.into_imports().map(|i| i.map(|i| format!("{}.{}", i.module, i.name)).unwrap()));
            }
        }
        // Only the instructions the module uses, after its own imports.
        assert_eq!(imports, ["wali.SYS_getpid", "__wali.memory", "__wali.memory_grow", "__wali.atomic_wait32"]);

        // Stand-ins that show which import was called, with which offset.
        let engine = crate::new_engine(false).unwrap();
        let mut linker = wasmtime::Linker::<()>::new(&engine);
        let memory = wasmtime::SharedMemory::new(&engine, wasmtime::MemoryType::shared(1, 2)).unwrap();
        linker.define_unknown_imports_as_traps(&wasmtime::Module::new(&engine, &rewritten).unwrap()).unwrap();
        linker.allow_shadowing(true);
        linker.func_wrap(MEMORY_MODULE, "memory_grow", |delta: i32| 100 + delta).unwrap();
        linker.func_wrap(MEMORY_MODULE, "atomic_wait32", |addr: i32, _: i32, _: i64, offset: i32| addr * 1000 + offset).unwrap();
        let mut store = wasmtime::Store::new(&engine, ());
        linker.define(&store, MEMORY_MODULE, MEMORY_NAME, memory).unwrap();
        let module = wasmtime::Module::new(&engine, &rewritten).unwrap();
        let instance = linker.instantiate(&mut store, &module).unwrap();
        let mut call = |name: &str, args: &[wasmtime::Val]| {
            let mut out = [wasmtime::Val::I32(0)];
            instance.get_func(&mut store, name).unwrap().call(&mut store, args, &mut out).unwrap();
            out[0].unwrap_i32()
        };
        assert_eq!(call("grow", &[]), 101);
        assert_eq!(call("wait", &[]), 16008);
        assert_eq!(call("indirect", &[wasmtime::Val::I32(0)]), 7);
        assert_eq!(call("indirect", &[wasmtime::Val::I32(1)]), 101);
        assert_eq!(call("started", &[]), 1, "the start function ran");
    }
}
