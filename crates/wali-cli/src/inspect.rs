//! `wali inspect`: a module's imports against the WALI interface and the
//! engine's table, and the features it uses.

use std::process::ExitCode;
use wali::module::{self, ValType};

fn sig_string(params: &[ValType], results: &[ValType]) -> String {
    let name = |t: &ValType| match t {
        ValType::I32 => "i32".to_string(),
        ValType::I64 => "i64".to_string(),
        other => format!("{other}"),
    };
    let p: Vec<String> = params.iter().map(name).collect();
    let r = match results {
        [] => "()".to_string(),
        rs => rs.iter().map(name).collect::<Vec<_>>().join(", "),
    };
    format!("({}) -> {r}", p.join(", "))
}

pub fn main(path: std::path::PathBuf, check: bool) -> ExitCode {
    let wasm = match crate::read_module(&path) {
        Ok(w) => w,
        Err(e) => return crate::fail(1, &e),
    };
    let parsed = match module::parse(&wasm) {
        Ok(p) => p,
        Err(e) => return crate::fail(1, &format!("{}: {e:#}", path.display())),
    };
    let mut bad = 0;
    let kind = parsed.kind();
    println!("module: {} ({} bytes)", path.display(), wasm.len());
    println!("kind: {}", kind.describe());
    match parsed.memory {
        Some(m) => println!(
            "memory: {} pages initial, {} maximum, {}",
            m.min,
            m.max.map_or("no".to_string(), |x| x.to_string()),
            if m.shared { "shared (threads)" } else { "not shared (made shared by the engine)" }
        ),
        None => println!("memory: none"),
    }
    let f = &parsed.features;
    println!(
        "features: threads={} exceptions={} simd={} table={} active-data-segments={}",
        parsed.imports.iter().any(|i| i.name == "__wasm_thread_spawn"),
        if f.exception_tags > 0 { "yes (setjmp/longjmp or C++)" } else { "no" },
        if module::needs_simd(&wasm) { "yes (engines without Wasm SIMD refuse it; wali-cc -mno-simd128)" } else { "no" },
        f.table,
        parsed.data.len()
    );
    let expected: &[&str] = if kind.is_wasi() { &[] } else { &["_start", "memory", "__stack_pointer"] };
    for e in expected {
        if !f.exports.iter().any(|x| x == e) {
            println!("warning: no `{e}` export (the WALI interface expects one)");
        }
    }
    println!("imports ({}):", parsed.imports.len());
    for imp in &parsed.imports {
        let (params, results) = imp.func.clone().unwrap_or_default();
        let declared = sig_string(&params, &results);
        let (verdict, ok) = if kind.is_wasi() && imp.module == module::WASI_MODULE {
            ("WASI preview 1 (the WASI layer)".to_string(), true)
        } else if imp.module != wali_abi::MODULE {
            ("NOT A WALI IMPORT".to_string(), false)
        } else {
            match (wali_abi::lookup(&imp.name), wali::syscalls::lookup(&imp.name)) {
                (None, _) => ("unknown to the WALI interface (links, returns ENOSYS)".to_string(), false),
                (Some(spec), row) => {
                    let status = row.map_or("unsupported", |r| r.status.name());
                    let derived = matches!(spec, wali_abi::ImportSpec::Syscall(s) if s.status == wali_abi::SpecStatus::Derived);
                    match spec.sig() {
                        Some(s) if s.to_string() == declared && derived => {
                            (format!("{status} (derived signature: engines without it return ENOSYS)"), true)
                        }
                        Some(s) if s.to_string() == declared => (status.to_string(), true),
                        Some(s) => (format!("{status}; signature differs from the interface's {s} (adapted)"), false),
                        None => ("undefined in the interface (links, returns ENOSYS)".to_string(), false),
                    }
                }
            }
        };
        if !ok {
            bad += 1;
        }
        let (module, name) = (crate::printable(&imp.module), crate::printable(&imp.name));
        println!("  {module}.{name:<24} {declared:<28} {verdict}");
    }
    if check {
        if bad > 0 {
            return crate::fail(1, &format!("{}: {bad} import(s) do not match the WALI interface", path.display()));
        }
        match kind.is_wasi() {
            true => println!("ok: every import is a WASI preview 1 function"),
            false => println!("ok: every import matches the WALI interface"),
        }
    }
    ExitCode::SUCCESS
}
