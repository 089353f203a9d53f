//! Loading a WALI module: parse, check its imports, and rewrite it so that
//! every thread's instance can share one memory.
//!
//! The rewrite touches only the import, memory, export and data sections;
//! function bodies and every other section are copied byte for byte.
//! - the module's defined memory becomes an import (`__wali.memory`), shared;
//! - active data segments become empty passive ones, and the engine copies
//!   their bytes into the memory once per process, so a second instantiation
//!   (a new thread) cannot overwrite live memory;
//! - table 0 is exported as `__wali_table`, so the engine can call signal
//!   handlers and thread entry points by table index.

use wasmtime::error::Context;
use wasmtime::{bail, Result};
use std::borrow::Cow;
use wasm_encoder::reencode::{Reencode, RoundtripReencoder};
use wasmparser::{DataKind, Parser, Payload, TypeRef};

pub const MEMORY_MODULE: &str = "__wali";
pub const MEMORY_NAME: &str = "memory";
pub const TABLE_EXPORT: &str = "__wali_table";
const MAX_PAGES: u64 = 65536;

/// A Wasm value type in an import signature.
pub type ValType = wasmparser::ValType;

/// One import of the module.
#[derive(Clone, Debug)]
pub struct Import {
    pub module: String,
    pub name: String,
    /// Parameter and result types when the import is a function.
    pub func: Option<(Vec<ValType>, Vec<ValType>)>,
}

/// The module's memory, as it declared it.
#[derive(Clone, Copy, Debug)]
pub struct MemoryDecl {
    pub min: u64,
    pub max: Option<u64>,
    pub shared: bool,
}

/// What the module uses, for `wali inspect`.
#[derive(Clone, Debug, Default)]
pub struct Features {
    pub exception_tags: u32,
    pub table: bool,
    pub exports: Vec<String>,
}

/// A parsed and rewritten module, ready to compile.
pub struct Prepared {
    pub wasm: Vec<u8>,
    pub imports: Vec<Import>,
    pub memory: Option<MemoryDecl>,
    /// Active data segments: (offset in memory, bytes), applied once per process.
    pub data: Vec<(u32, Vec<u8>)>,
    pub features: Features,
}

impl Prepared {
    /// Whether the module can install Wasm signal handlers (it imports
    /// `SYS_rt_sigaction`), which then need delivery while it computes.
    pub fn uses_signal_handlers(&self) -> bool {
        self.imports.iter().any(|i| i.module == wali_abi::MODULE && i.name == "SYS_rt_sigaction")
    }
}

impl MemoryDecl {
    /// The limits of the memory the engine creates (always shared): the
    /// module's maximum, or the whole 32-bit space when it declares none.
    pub fn limits(&self) -> (u64, u64) {
        (self.min, self.max.unwrap_or(MAX_PAGES).min(MAX_PAGES))
    }
}

fn valtypes(ts: &[wasmparser::ValType]) -> Vec<ValType> {
    ts.to_vec()
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

/// Parses `bytes` and rewrites it for the engine.
pub fn prepare(bytes: &[u8]) -> Result<Prepared> {
    if bytes.len() < 8 || &bytes[0..4] != b"\0asm" {
        bail!("not a WebAssembly module (no \\0asm header)");
    }
    if bytes[4..8] != [1, 0, 0, 0] {
        bail!("not a WebAssembly core module (a component, or an unsupported version)");
    }
    let mut types: Vec<Option<(Vec<ValType>, Vec<ValType>)>> = Vec::new();
    let mut imports = Vec::new();
    let mut memory = None;
    let mut data = Vec::new();
    let mut features = Features::default();
    let mut sections: Vec<(u8, Cow<[u8]>)> = Vec::new();
    let mut has_table = false;
    let mut exports_seen = false;
    let mut rx = RoundtripReencoder;

    // Section ranges come from the module's own size fields: every slice is
    // checked (a code section's size is not checked by the parser).
    let slice = |range: std::ops::Range<usize>| {
        bytes.get(range).context("not a valid WebAssembly module: a section runs past the end of the file")
    };
    for payload in Parser::new(0).parse_all(bytes) {
        let payload = payload.context("not a valid WebAssembly module")?;
        match payload {
            Payload::TypeSection(r) => {
                for group in r.clone() {
                    for sub in group?.into_types() {
                        types.push(match &sub.composite_type.inner {
                            wasmparser::CompositeInnerType::Func(f) => {
                                Some((valtypes(f.params()), valtypes(f.results())))
                            }
                            _ => None,
                        });
                    }
                }
                sections.push((1, Cow::Borrowed(slice(r.range())?)));
            }
            Payload::ImportSection(r) => {
                sections.push((2, Cow::Borrowed(slice(r.range())?)));
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
                            has_table = true;
                            None
                        }
                        _ => None,
                    };
                    imports.push(Import { module: imp.module.into(), name: imp.name.into(), func });
                }
            }
            Payload::TableSection(r) => {
                has_table |= r.count() > 0;
                sections.push((4, Cow::Borrowed(slice(r.range())?)));
            }
            Payload::MemorySection(r) => {
                for m in r {
                    let m = m?;
                    if memory.is_some() {
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
                    memory = Some(MemoryDecl { min: m.initial, max: m.maximum, shared: m.shared });
                }
                // Dropped: the memory becomes an import.
            }
            Payload::TagSection(r) => {
                features.exception_tags = r.count();
                sections.push((13, Cow::Borrowed(slice(r.range())?)));
            }
            Payload::ExportSection(r) => {
                exports_seen = true;
                let mut out = wasm_encoder::ExportSection::new();
                for e in r {
                    let e = e?;
                    features.exports.push(e.name.to_string());
                    if e.name == TABLE_EXPORT {
                        continue;
                    }
                    out.export(e.name, rx.export_kind(e.kind)?, e.index);
                }
                if has_table {
                    out.export(TABLE_EXPORT, wasm_encoder::ExportKind::Table, 0);
                }
                sections.push((7, Cow::Owned(section_bytes(&out))));
            }
            Payload::StartSection { range, .. } => {
                sections.push((8, Cow::Borrowed(slice(range)?)));
            }
            Payload::DataSection(r) => {
                let mut out = wasm_encoder::DataSection::new();
                for d in r {
                    let d = d?;
                    match d.kind {
                        DataKind::Passive => {
                            out.passive(d.data.iter().copied());
                        }
                        DataKind::Active { memory_index, offset_expr } => {
                            if memory_index != 0 {
                                bail!("a data segment targets memory {memory_index}; WALI modules have one memory");
                            }
                            let mut ops = offset_expr.get_operators_reader();
                            let offset = match ops.read()? {
                                wasmparser::Operator::I32Const { value } => value as u32,
                                op => bail!("unsupported data segment offset expression ({op:?})"),
                            };
                            data.push((offset, d.data.to_vec()));
                            out.passive(std::iter::empty());
                        }
                    }
                }
                sections.push((11, Cow::Owned(section_bytes(&out))));
            }
            Payload::CodeSectionStart { range, .. } => sections.push((10, Cow::Borrowed(slice(range)?))),
            Payload::CustomSection(r) => sections.push((0, Cow::Borrowed(slice(r.range())?))),
            Payload::Version { .. } | Payload::End(_) | Payload::CodeSectionEntry(_) => {}
            other => {
                if let Some((id, range)) = other.as_section() {
                    sections.push((id, Cow::Borrowed(slice(range)?)));
                }
            }
        }
    }
    features.table = has_table;

    // Add the sections the rewrite needs and the module lacked.
    let mut extra: Vec<(u8, Vec<u8>)> = Vec::new();
    if let Some((min, max)) = memory.map(|m| m.limits()) {
        let mut imp = wasm_encoder::ImportSection::new();
        let ty = wasm_encoder::MemoryType { minimum: min, maximum: Some(max), memory64: false, shared: true, page_size_log2: None };
        imp.import(MEMORY_MODULE, MEMORY_NAME, ty);
        match sections.iter_mut().find(|(id, _)| *id == 2) {
            // Append the memory to the existing import section.
            Some((_, s)) => *s = Cow::Owned(append_import(s, MEMORY_MODULE, MEMORY_NAME, ty)?),
            None => extra.push((2, section_bytes(&imp))),
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
    wasm.extend_from_slice(&bytes[0..8]);
    for (id, body) in &sections {
        wasm.push(*id);
        leb128(&mut wasm, body.len() as u64);
        wasm.extend_from_slice(body);
    }
    Ok(Prepared { wasm, imports, memory, data, features })
}

/// The contents (without id and size) of an encoded section.
fn section_bytes(s: &impl wasm_encoder::Section) -> Vec<u8> {
    let mut out = Vec::new();
    s.encode(&mut out);
    // `encode` writes the LEB128 size, then the contents.
    let size_len = out.iter().position(|b| b & 0x80 == 0).map_or(out.len(), |i| i + 1);
    out.split_off(size_len)
}

/// Re-encodes an import section's contents with one more memory import.
fn append_import(body: &[u8], module: &str, name: &str, ty: wasm_encoder::MemoryType) -> Result<Vec<u8>> {
    let reader = wasmparser::ImportSectionReader::new(wasmparser::BinaryReader::new(body, 0))?;
    let mut out = wasm_encoder::ImportSection::new();
    let mut rx = RoundtripReencoder;
    for imp in reader.into_imports() {
        let imp = imp?;
        out.import(imp.module, imp.name, rx.entity_type(imp.ty)?);
    }
    out.import(module, name, ty);
    Ok(section_bytes(&out))
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
        for cut in 0..wasm.len() {
            let _ = prepare(&wasm[..cut]);
        }
        for at in 0..wasm.len() {
            for b in [0x00, 0x7f, 0x80, 0xff] {
                let mut m = wasm.clone();
                m[at] = b;
                let _ = prepare(&m);
            }
        }
    }
}
