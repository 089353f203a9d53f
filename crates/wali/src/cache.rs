//! The compile cache: compiled modules are kept on disk, keyed by the
//! SHA-256 of the (rewritten) module and of Wasmtime's compatibility hash,
//! so a second run of the same module on the same engine skips compilation.
//!
//! Entries are written to a temporary file and renamed into place, so
//! concurrent runs never see a partial entry; each entry ends with the
//! SHA-256 of its contents, checked before use, so a damaged entry is
//! recompiled instead of loaded.

use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;
use wasmtime::{Engine, Module, Result};

const SUFFIX: &str = "cwasm";
const DIGEST: usize = 32;
/// Compiling for longer than this on a terminal shows a message.
const PROGRESS_AFTER: Duration = Duration::from_secs(1);

/// The default cache directory: `$XDG_CACHE_HOME/wali/modules`, else
/// `~/.cache/wali/modules` (the home directory from `$HOME`, else the password
/// database, so programs started with an empty environment still use it).
pub fn default_dir() -> Option<PathBuf> {
    let var = |v| std::env::var_os(v).filter(|v| !v.is_empty()).map(PathBuf::from);
    let base = var("XDG_CACHE_HOME").or_else(|| Some(var("HOME").or_else(passwd_home)?.join(".cache")))?;
    Some(base.join("wali").join("modules"))
}

fn passwd_home() -> Option<PathBuf> {
    use std::os::unix::ffi::OsStrExt;
    let mut buf = vec![0 as libc::c_char; 4096];
    let mut pw: libc::passwd = unsafe { std::mem::zeroed() };
    let mut out = std::ptr::null_mut();
    let r = unsafe { libc::getpwuid_r(libc::getuid(), &mut pw, buf.as_mut_ptr(), buf.len(), &mut out) };
    if r != 0 || out.is_null() || pw.pw_dir.is_null() {
        return None;
    }
    let dir = unsafe { std::ffi::CStr::from_ptr(pw.pw_dir) };
    Some(PathBuf::from(std::ffi::OsStr::from_bytes(dir.to_bytes())))
}

/// Feeds a `Hash` value into SHA-256.
struct HashInto<'a>(&'a mut Sha256);

impl std::hash::Hasher for HashInto<'_> {
    fn write(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }
    fn finish(&self) -> u64 {
        0
    }
}

/// Where the compiled form of `wasm` lives in `dir`.
pub fn entry(engine: &Engine, dir: &Path, wasm: &[u8]) -> PathBuf {
    let mut h = Sha256::new();
    h.update(wasm);
    std::hash::Hash::hash(&engine.precompile_compatibility_hash(), &mut HashInto(&mut h));
    let key: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    dir.join(format!("{key}.{SUFFIX}"))
}

/// Whether the entry at `path` is whole: its last `DIGEST` bytes are the
/// SHA-256 of the rest. Read in pieces, so checking costs no memory.
fn entry_is_whole(path: &Path) -> bool {
    use std::io::Read;
    let Ok(mut f) = std::fs::File::open(path) else { return false };
    let Ok(len) = f.metadata().map(|m| m.len() as usize) else { return false };
    if len < DIGEST {
        return false;
    }
    let (mut h, mut left, mut buf) = (Sha256::new(), len - DIGEST, vec![0u8; 1 << 16]);
    while left > 0 {
        let n = left.min(buf.len());
        if f.read_exact(&mut buf[..n]).is_err() {
            return false;
        }
        h.update(&buf[..n]);
        left -= n;
    }
    let mut tail = [0u8; DIGEST];
    f.read_exact(&mut tail).is_ok() && h.finalize()[..] == tail
}

fn write_entry(path: &Path, compiled: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().expect("entries live in a directory");
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(".tmp-{}-{:?}", std::process::id(), std::thread::current().id()));
    let mut f = std::fs::File::create(&tmp)?;
    f.write_all(compiled)?;
    f.write_all(&Sha256::digest(compiled))?;
    drop(f);
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// Set once this process compiled a module: the compiler's worker threads
/// stay alive afterwards (see `thread::sole_native_thread`).
pub static COMPILED_HERE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Compiles `wasm`, saying so on a terminal when it takes a while.
pub fn compile(engine: &Engine, wasm: &[u8], name: &str) -> Result<Module> {
    use std::io::IsTerminal;
    COMPILED_HERE.store(true, std::sync::atomic::Ordering::SeqCst);
    let done = std::sync::Arc::new((std::sync::Mutex::new(false), std::sync::Condvar::new()));
    let notifier = std::io::stderr().is_terminal().then(|| {
        let (done, name, kib) = (done.clone(), name.to_string(), wasm.len() / 1024);
        std::thread::spawn(move || {
            let (lock, cond) = &*done;
            let g = lock.lock().unwrap_or_else(|e| e.into_inner());
            let (g, _) = cond.wait_timeout_while(g, PROGRESS_AFTER, |d| !*d).unwrap_or_else(|e| e.into_inner());
            if !*g {
                crate::say(format_args!("compiling {name} ({kib} KiB), once; later runs use the cache..."));
            }
        })
    });
    let module = Module::new(engine, wasm);
    *done.0.lock().unwrap_or_else(|e| e.into_inner()) = true;
    done.1.notify_all();
    if let Some(t) = notifier {
        let _ = t.join();
    }
    module
}

/// Loads `wasm` from the cache in `dir`, or compiles it and stores it there.
/// A cache that cannot be written only costs the saving.
pub fn load(engine: &Engine, dir: Option<&Path>, wasm: &[u8], name: &str) -> Result<Module> {
    let Some(dir) = dir else {
        return compile(engine, wasm, name);
    };
    let path = entry(engine, dir, wasm);
    if entry_is_whole(&path) {
        // Mapped, not copied: the code pages are the page cache's, shared
        // between runs and never copied by fork. Entries are only ever
        // replaced by rename, so the mapped file does not change under us.
        // SAFETY: the entry was written by this engine build (the key covers
        // its compatibility hash) and its checksum matches; the digest after
        // the object is outside every section Wasmtime reads.
        if let Ok(m) = unsafe { Module::deserialize_file(engine, &path) } {
            return Ok(m);
        }
    }
    let module = compile(engine, wasm, name)?;
    if let Ok(compiled) = module.serialize() {
        let _ = write_entry(&path, &compiled);
    }
    Ok(module)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("wali-cache-test-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn damaged_entries_are_not_used() {
        let dir = scratch("damaged");
        let path = dir.join("x.cwasm");
        write_entry(&path, b"compiled code").unwrap();
        assert!(entry_is_whole(&path));
        let mut bytes = std::fs::read(&path).unwrap();
        bytes[3] ^= 1;
        std::fs::write(&path, &bytes).unwrap();
        assert!(!entry_is_whole(&path), "a flipped bit must be detected");
        std::fs::write(&path, &bytes[..10]).unwrap();
        assert!(!entry_is_whole(&path), "a truncated entry must be detected");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_compiled_module_round_trips_and_keys_differ() {
        let engine = crate::new_engine(false).unwrap();
        let dir = scratch("roundtrip");
        let a = wat::parse_str("(module (func (export \"f\")))").unwrap();
        let b = wat::parse_str("(module (func (export \"g\")))").unwrap();
        assert_ne!(entry(&engine, &dir, &a), entry(&engine, &dir, &b));
        load(&engine, Some(&dir), &a, "a").unwrap();
        assert!(entry_is_whole(&entry(&engine, &dir, &a)), "the first load stores the entry");
        let m = load(&engine, Some(&dir), &a, "a").unwrap();
        assert!(m.get_export("f").is_some());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
