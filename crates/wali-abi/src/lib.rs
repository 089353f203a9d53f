//! The WALI interface as data.
//!
//! The tables are parsed from the spec's own TSV files (copied into `spec/` and
//! checked against `../shared/wali-spec` by a test), so there is exactly one
//! description of every import: its name, its numbers on each architecture, its
//! Wasm signature and its C parameters.

#![warn(missing_docs)]

use std::sync::OnceLock;

mod errno;
pub use errno::errno_name;

/// A Wasm value type as used by WALI signatures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ValType {
    /// 32-bit integer: C types of 4 bytes or fewer, pointers and `size_t` included.
    I32,
    /// 64-bit integer: 8-byte C types such as `long` and `off_t`, and syscall results.
    I64,
}

impl ValType {
    fn parse(s: &str) -> Option<ValType> {
        match s {
            "i32" => Some(ValType::I32),
            "i64" => Some(ValType::I64),
            _ => None,
        }
    }

    /// The type as the spec and Wasm text spell it: `i32` or `i64`.
    pub fn name(self) -> &'static str {
        match self {
            ValType::I32 => "i32",
            ValType::I64 => "i64",
        }
    }
}

/// How the spec knows a syscall.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpecStatus {
    /// In the interface with this exact signature.
    Defined,
    /// Not in the interface's table but imported by real WALI programs.
    Observed,
    /// A Linux syscall the interface names without a signature.
    Undefined,
    /// An `undefined` row given its signature by this project's
    /// `spec/derived.tsv`, with the interface's derivation rule.
    Derived,
}

/// A Wasm function signature.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Signature {
    /// Parameter types, in order.
    pub params: Vec<ValType>,
    /// Result type; `None` for a function that returns nothing.
    pub result: Option<ValType>,
}

impl std::fmt::Display for Signature {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "(")?;
        for (i, p) in self.params.iter().enumerate() {
            if i > 0 {
                write!(f, ", ")?;
            }
            write!(f, "{}", p.name())?;
        }
        write!(f, ") -> ")?;
        match self.result {
            Some(r) => write!(f, "{}", r.name()),
            None => write!(f, "()"),
        }
    }
}

/// Host architectures the spec gives syscall numbers for, in column order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arch {
    /// x86-64 (first number column).
    X86_64 = 0,
    /// 64-bit Arm (second number column).
    Aarch64 = 1,
    /// 64-bit RISC-V (third number column).
    Riscv64 = 2,
}

impl Arch {
    /// The architecture this crate was compiled for, if the spec knows it.
    pub const fn host() -> Option<Arch> {
        if cfg!(target_arch = "x86_64") {
            Some(Arch::X86_64)
        } else if cfg!(target_arch = "aarch64") {
            Some(Arch::Aarch64)
        } else if cfg!(target_arch = "riscv64") {
            Some(Arch::Riscv64)
        } else {
            None
        }
    }
}

/// One row of `syscalls.tsv`.
#[derive(Clone, Debug)]
pub struct SyscallSpec {
    /// Import name, e.g. `SYS_read`.
    pub name: &'static str,
    /// Numbers on x86_64, aarch64, riscv64; `None` where the call does not exist.
    pub nr: [Option<u32>; 3],
    /// How the spec knows the call, which decides whether it has a signature.
    pub status: SpecStatus,
    /// `None` for `undefined` rows, which carry no signature.
    pub sig: Option<Signature>,
    /// The C parameters, e.g. `["int fd", "void* buf", "size_t count"]`.
    pub c_params: Vec<&'static str>,
    /// Other names the call goes by, e.g. `fstatat` for `SYS_newfstatat`.
    pub aliases: Vec<&'static str>,
}

impl SyscallSpec {
    /// The syscall name without the `SYS_` prefix.
    pub fn short_name(&self) -> &'static str {
        self.name.strip_prefix("SYS_").unwrap_or(self.name)
    }

    /// The syscall number on `arch`; `None` where the call does not exist there.
    pub fn nr_on(&self, arch: Arch) -> Option<u32> {
        self.nr[arch as usize]
    }

    /// Whether the interface gives this import a signature (`defined` or `observed`).
    pub fn is_import(&self) -> bool {
        matches!(self.status, SpecStatus::Defined | SpecStatus::Observed)
    }

    /// Whether this project's engine and C library use it (`is_import`, or `derived`).
    pub fn has_signature(&self) -> bool {
        self.sig.is_some()
    }
}

/// One row of `aux.tsv`: a non-syscall import (start-up, arguments, threads...).
#[derive(Clone, Debug)]
pub struct AuxSpec {
    /// Import name, e.g. `__init`.
    pub name: &'static str,
    /// The Wasm signature; every aux import has one.
    pub sig: Signature,
    /// The C parameters, e.g. `["int status"]`; empty when there are none.
    pub c_params: Vec<&'static str>,
}

const SYSCALLS_TSV: &str = include_str!("../spec/syscalls.tsv");
const DERIVED_TSV: &str = include_str!("../spec/derived.tsv");
const AUX_TSV: &str = include_str!("../spec/aux.tsv");
const LAYOUTS_TXT: &str = include_str!("../spec/layouts.txt");

/// The import module name of every WALI import.
pub const MODULE: &str = "wali";

fn rows(tsv: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    tsv.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

fn list(field: &'static str) -> Vec<&'static str> {
    if field == "-" {
        Vec::new()
    } else {
        field.split(", ").collect()
    }
}

fn parse_sig(params: &str, result: &str) -> Signature {
    let params = if params == "-" {
        Vec::new()
    } else {
        params.split(' ').map(|p| ValType::parse(p).expect("bad type in spec")).collect()
    };
    Signature { params, result: ValType::parse(result) }
}

fn parse_syscalls(tsv: &'static str) -> Vec<SyscallSpec> {
        rows(tsv)
            .map(|f| {
                assert_eq!(f.len(), 9, "syscalls.tsv row {f:?}");
                let nr = |s: &str| -> Option<u32> {
                    let n: i64 = s.parse().expect("bad number in syscalls.tsv");
                    u32::try_from(n).ok()
                };
                let status = match f[4] {
                    "defined" => SpecStatus::Defined,
                    "observed" => SpecStatus::Observed,
                    "undefined" => SpecStatus::Undefined,
                    "derived" => SpecStatus::Derived,
                    s => panic!("unknown status {s} in syscalls.tsv"),
                };
                let sig = (status != SpecStatus::Undefined).then(|| parse_sig(f[5], f[6]));
                SyscallSpec {
                    name: f[0],
                    nr: [nr(f[1]), nr(f[2]), nr(f[3])],
                    status,
                    sig,
                    c_params: list(f[7]),
                    aliases: list(f[8]),
                }
            })
            .collect()
}

/// Every row of `syscalls.tsv`, in file order, with the rows of
/// `derived.tsv` in place of the `undefined` rows they give a signature to.
pub fn syscalls() -> &'static [SyscallSpec] {
    static TABLE: OnceLock<Vec<SyscallSpec>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = parse_syscalls(SYSCALLS_TSV);
        for d in parse_syscalls(DERIVED_TSV) {
            let row = table.iter_mut().find(|s| s.name == d.name).expect("derived row not in syscalls.tsv");
            assert!(row.status == SpecStatus::Undefined && row.nr == d.nr, "derived row {} must match an undefined row", d.name);
            *row = d;
        }
        table
    })
}

/// Every row of `aux.tsv`, in file order.
pub fn aux() -> &'static [AuxSpec] {
    static TABLE: OnceLock<Vec<AuxSpec>> = OnceLock::new();
    TABLE.get_or_init(|| {
        rows(AUX_TSV)
            .map(|f| {
                assert_eq!(f.len(), 5, "aux.tsv row {f:?}");
                AuxSpec { name: f[0], sig: parse_sig(f[1], f[2]), c_params: list(f[3]) }
            })
            .collect()
    })
}

/// The signal-return trampolines a C library may import; they take and return nothing.
pub const RESTORERS: [&str; 2] = ["__restore", "__restore_rt"];

/// A spec entry for any `wali` import name.
#[derive(Clone, Copy, Debug)]
pub enum ImportSpec {
    /// A `SYS_*` import: a row of `syscalls.tsv` (or `derived.tsv`).
    Syscall(&'static SyscallSpec),
    /// A non-syscall import: a row of `aux.tsv`.
    Aux(&'static AuxSpec),
    /// One of the [`RESTORERS`], by name.
    Restorer(&'static str),
}

impl ImportSpec {
    /// The import name, e.g. `SYS_read`, `__init` or `__restore`.
    pub fn name(&self) -> &'static str {
        match self {
            ImportSpec::Syscall(s) => s.name,
            ImportSpec::Aux(a) => a.name,
            ImportSpec::Restorer(n) => n,
        }
    }

    /// The spec's signature; `None` for syscalls the spec names without one.
    pub fn sig(&self) -> Option<Signature> {
        match self {
            ImportSpec::Syscall(s) => s.sig.clone(),
            ImportSpec::Aux(a) => Some(a.sig.clone()),
            ImportSpec::Restorer(_) => Some(Signature { params: vec![], result: None }),
        }
    }

    /// The C parameters; empty for restorers, which take none.
    pub fn c_params(&self) -> &'static [&'static str] {
        match self {
            ImportSpec::Syscall(s) => &s.c_params,
            ImportSpec::Aux(a) => &a.c_params,
            ImportSpec::Restorer(_) => &[],
        }
    }
}

/// Looks up a `wali` import by name (`SYS_read`, `__init`, `__restore`...).
pub fn lookup(name: &str) -> Option<ImportSpec> {
    if let Some(s) = syscalls().iter().find(|s| s.name == name) {
        return Some(ImportSpec::Syscall(s));
    }
    if let Some(a) = aux().iter().find(|a| a.name == name) {
        return Some(ImportSpec::Aux(a));
    }
    RESTORERS.iter().find(|r| **r == name).map(|r| ImportSpec::Restorer(r))
}

/// Every import an engine should provide: `defined` and `observed` syscalls,
/// then the aux imports, then the restorers.
pub fn imports() -> impl Iterator<Item = ImportSpec> {
    syscalls()
        .iter()
        .filter(|s| s.is_import())
        .map(ImportSpec::Syscall)
        .chain(aux().iter().map(ImportSpec::Aux))
        .chain(RESTORERS.iter().map(|r| ImportSpec::Restorer(r)))
}

/// `imports()` followed by the `derived` syscalls this project adds.
pub fn all_imports() -> impl Iterator<Item = ImportSpec> {
    imports().chain(syscalls().iter().filter(|s| s.status == SpecStatus::Derived).map(ImportSpec::Syscall))
}

/// A struct as the Wasm side sees it (`layouts.txt`).
#[derive(Debug)]
pub struct Layout {
    /// The C type name, e.g. `struct stat` or `stack_t`.
    pub name: &'static str,
    /// Total size in bytes.
    pub size: usize,
    /// (field, offset, size), in file order.
    pub fields: Vec<(&'static str, usize, usize)>,
}

impl Layout {
    /// The byte offset of `field`, if the struct has it.
    pub fn offset(&self, field: &str) -> Option<usize> {
        self.fields.iter().find(|f| f.0 == field).map(|f| f.1)
    }
}

/// Every struct of `layouts.txt`.
pub fn layouts() -> &'static [Layout] {
    static TABLE: OnceLock<Vec<Layout>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut out: Vec<Layout> = Vec::new();
        for line in LAYOUTS_TXT.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            if let Some(head) = line.strip_suffix(':').filter(|_| !line.starts_with(' ')) {
                // `struct stat (size=144, align=8):`
                let (name, rest) = head.split_once(" (size=").expect("layout heading");
                let size = rest.split(',').next().unwrap().parse().expect("layout size");
                out.push(Layout { name, size, fields: Vec::new() });
            } else if let Some(field) = line.trim_start().strip_prefix('+') {
                // `+  48  st_size   off_t   (8 bytes)`
                let words: Vec<&str> = field.split_whitespace().collect();
                let size = words[words.len() - 2].trim_start_matches('(').parse().expect("field size");
                let layout = out.last_mut().expect("field before any layout");
                layout.fields.push((words[1], words[0].parse().expect("field offset"), size));
            }
        }
        out
    })
}

/// The layout of `name` (`"struct stat"`, `"stack_t"`).
pub fn layout(name: &str) -> Option<&'static Layout> {
    layouts().iter().find(|l| l.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_match_the_spec() {
        let defined = syscalls().iter().filter(|s| s.status == SpecStatus::Defined).count();
        let observed = syscalls().iter().filter(|s| s.status == SpecStatus::Observed).count();
        assert_eq!(defined, 140);
        assert_eq!(observed, 13);
        assert_eq!(aux().len(), 11);
        assert_eq!(imports().count(), 140 + 13 + 11 + 2);
        let derived = syscalls().iter().filter(|s| s.status == SpecStatus::Derived).count();
        assert_eq!(all_imports().count(), imports().count() + derived);
    }

    #[test]
    fn spec_copy_is_current() {
        let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/wali-spec");
        if !shared.exists() {
            eprintln!("{} not present; skipping the comparison", shared.display());
            return;
        }
        for (file, ours) in [("syscalls.tsv", SYSCALLS_TSV), ("aux.tsv", AUX_TSV), ("layouts.txt", LAYOUTS_TXT)] {
            // derived.tsv is ours alone; it is checked against syscalls.tsv when parsed.
            let theirs = std::fs::read_to_string(shared.join(file)).unwrap();
            assert!(theirs == ours, "crates/wali-abi/spec/{file} differs from the shared spec: copy it again");
        }
    }

    #[test]
    fn layouts_are_parsed() {
        let stat = layout("struct stat").unwrap();
        assert_eq!((stat.size, stat.offset("st_size"), stat.offset("st_ctim")), (144, Some(48), Some(104)));
        for l in layouts() {
            let end = l.fields.iter().map(|f| f.1 + f.2).max().unwrap_or(0);
            assert!(end <= l.size, "{}: fields end at {end}", l.name);
        }
        assert!(layouts().len() > 20);
    }

    #[test]
    fn read_is_parsed() {
        let ImportSpec::Syscall(s) = lookup("SYS_read").unwrap() else { panic!() };
        assert_eq!(s.nr, [Some(0), Some(63), Some(63)]);
        assert_eq!(s.sig.as_ref().unwrap().to_string(), "(i32, i32, i32) -> i64");
        assert_eq!(s.c_params, ["int fd", "void* buf", "size_t count"]);
        let ImportSpec::Syscall(open) = lookup("SYS_open").unwrap() else { panic!() };
        assert_eq!(open.nr_on(Arch::Aarch64), None);
        assert!(matches!(lookup("__proc_exit"), Some(ImportSpec::Aux(_))));
        assert!(lookup("SYS_nonsense").is_none());
    }

    #[test]
    fn every_signature_follows_the_width_rule() {
        // 8-byte C types are i64, everything else (pointers too) i32; results are always i64.
        for s in syscalls().iter().filter(|s| s.has_signature()) {
            let sig = s.sig.as_ref().unwrap();
            assert_eq!(sig.result, Some(ValType::I64), "{}", s.name);
            assert!(s.c_params.is_empty() || s.c_params.len() == sig.params.len(), "{}", s.name);
            for (c, w) in s.c_params.iter().zip(&sig.params) {
                let wide = !c.contains('*') && ["off_t", "long", "nfds_t", "rlim_t", "dev_t"].iter().any(|t| c.contains(t));
                assert_eq!(*w == ValType::I64, wide, "{}: {c}", s.name);
            }
        }
    }
}
