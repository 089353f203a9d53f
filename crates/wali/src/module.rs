//! Loading a WALI module, in two steps:
//! - `parse` reads what linking and instantiation need (imports, memory,
//!   data segments, features); cheap, it runs on every start;
//! - `rewrite` makes the module the engine compiles; a cached run skips it
//!   (cache entries are keyed by the original bytes and `REWRITE_VERSION`).
//!
//! The rewrite touches only the import, memory, export and data sections;
//! function bodies and every other section are copied byte for byte.
//! - the module's defined memory becomes an import (`__wali.memory`), shared;
//! - active data segments become empty passive ones, and the engine copies
//!   their bytes into the memory once per process, so a second instantiation
//!   (a new thread) cannot overwrite live memory;
//! - table 0 is exported as `__wali_table`, so the engine can call signal
//!   handlers and thread entry points by table index.
//!
//! Module bytes are hostile: every size and range in them is checked, and
//! malformed input is an error, never a panic.

use std::borrow::Cow;
use std::ops::Range;
use wasm_encoder::reencode::{Reencode, RoundtripReencoder};
use wasmparser::{Chunk, DataKind, Parser, Payload, TypeRef};
use wasmtime::error::Context;
use wasmtime::{bail, Result};

pub const MEMORY_MODULE: &str = "__wali";
pub const MEMORY_NAME: &str = "memory";
pub const TABLE_EXPORT: &str = "__wali_table";
/// Changes whenever `rewrite` makes a different module from the same bytes:
/// cache entries compiled from an older rewrite are then not used.
pub const REWRITE_VERSION: u32 = 1;
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

/// What linking and instantiating a module need, read from its bytes.
pub struct Parsed {
    pub imports: Vec<Import>,
    pub memory: Option<MemoryDecl>,
    /// Active data segments: (offset in memory, bytes), applied once per process.
    pub data: Vec<(u32, Vec<u8>)>,
    pub features: Features,
}

impl Parsed {
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

/// Rewrites the module `parse` read for the engine to compile.
pub fn rewrite(bytes: &[u8], parsed: &Parsed) -> Result<Vec<u8>> {
    let has_table = parsed.features.table;
    let mut sections: Vec<(u8, Cow<[u8]>)> = Vec::new();
    let mut exports_seen = false;
    for payload in payloads(bytes) {
        match payload? {
            // Dropped: the memory becomes an import.
            Payload::MemorySection(_) => {}
            Payload::ExportSection(r) => {
                exports_seen = true;
                let mut rx = RoundtripReencoder;
                let mut out = wasm_encoder::ExportSection::new();
                for e in r {
                    let e = e?;
                    if e.name != TABLE_EXPORT {
                        out.export(e.name, rx.export_kind(e.kind)?, e.index);
                    }
                }
                if has_table {
                    out.export(TABLE_EXPORT, wasm_encoder::ExportKind::Table, 0);
                }
                sections.push((7, Cow::Owned(section_bytes(&out))));
            }
            Payload::DataSection(r) => {
                // Active segments are applied by the engine (`Parsed::data`).
                let mut out = wasm_encoder::DataSection::new();
                for d in r {
                    let d = d?;
                    match d.kind {
                        DataKind::Passive => out.passive(d.data.iter().copied()),
                        DataKind::Active { .. } => out.passive(std::iter::empty()),
                    };
                }
                sections.push((11, Cow::Owned(section_bytes(&out))));
            }
            Payload::CustomSection(r) => sections.push((0, Cow::Borrowed(slice(bytes, r.range())?))),
            other => {
                if let Some((id, range)) = other.as_section() {
                    sections.push((id, Cow::Borrowed(slice(bytes, range)?)));
                }
            }
        }
    }

    // Add the sections the rewrite needs and the module lacked.
    let mut extra: Vec<(u8, Vec<u8>)> = Vec::new();
    if let Some((min, max)) = parsed.memory.map(|m| m.limits()) {
        let ty = wasm_encoder::MemoryType { minimum: min, maximum: Some(max), memory64: false, shared: true, page_size_log2: None };
        match sections.iter_mut().find(|(id, _)| *id == 2) {
            // Append the memory to the existing import section.
            Some((_, s)) => *s = Cow::Owned(append_import(s, MEMORY_MODULE, MEMORY_NAME, ty)?),
            None => {
                let mut imp = wasm_encoder::ImportSection::new();
                imp.import(MEMORY_MODULE, MEMORY_NAME, ty);
                extra.push((2, section_bytes(&imp)));
            }
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
    Ok(wasm)
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
}
