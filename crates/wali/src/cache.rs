//! The compile cache: compiled modules are kept on disk, keyed by the
//! SHA-256 of the module as given, the rewrite's version and Wasmtime's
//! compatibility hash, so a second run of the same module on the same engine
//! skips both the rewrite and compilation.
//!
//! An entry is native code, and the directory is writable by whatever runs
//! as the user, guests included. So an entry is used only when it ends with
//! the HMAC-SHA256 of its name and contents under the user's secret key
//! (`keyring`), which no guest can reach: an entry cannot be forged, nor
//! moved under another module's name. It is read once into memory, checked,
//! and deserialized from that copy: the file may change afterwards without
//! effect, and no descriptor of it stays open. Without a keyring nothing is
//! cached. Entries are written to a temporary file and renamed into place,
//! so concurrent runs never see a partial entry.

use crate::keyring::{self, Key};
use crate::module::{self, Parsed};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;
use wasmtime::{Engine, Module, Result};

const SUFFIX: &str = "cwasm";
/// The entry's name (a SHA-256) and its authentication tag.
type Id = [u8; 32];
const TAG: usize = 32;
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

/// An entry's name: the SHA-256 of the module (before the rewrite), the
/// rewrite's version and the engine's settings.
fn entry_id(engine: &Engine, wasm: &[u8]) -> Id {
    let mut h = Sha256::new();
    h.update(wasm);
    h.update(module::REWRITE_VERSION.to_le_bytes());
    std::hash::Hash::hash(&engine.precompile_compatibility_hash(), &mut HashInto(&mut h));
    h.finalize().into()
}

/// The compile cache in one directory, with the key that authenticates its entries.
pub struct Cache {
    dir: PathBuf,
    key: Key,
}

impl Cache {
    /// The cache in `dir`; `None` when the kernel's user keyring is
    /// unavailable, since unauthenticated entries must never be run.
    pub fn open(dir: impl Into<PathBuf>) -> Option<Cache> {
        Some(Cache { dir: dir.into(), key: keyring::cache_key()? })
    }

    /// Where the compiled form of `wasm` (before the rewrite) lives.
    pub fn entry(&self, engine: &Engine, wasm: &[u8]) -> PathBuf {
        self.path(&entry_id(engine, wasm))
    }

    fn path(&self, id: &Id) -> PathBuf {
        let hex: String = id.iter().map(|b| format!("{b:02x}")).collect();
        self.dir.join(format!("{hex}.{SUFFIX}"))
    }

    /// The tag of an entry: HMAC-SHA256 of its name and its contents.
    fn mac(&self, id: &Id, compiled: &[u8]) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes keys of any length");
        mac.update(id);
        mac.update(compiled);
        mac
    }

    /// The contents of entry `id` when its tag is right, read once. At most
    /// `limit` bytes are read: a guest may leave any file there.
    fn read(&self, id: &Id, limit: u64) -> Option<Vec<u8>> {
        use std::os::unix::fs::OpenOptionsExt;
        // No blocking on a FIFO, no following a symlink.
        let file = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW)
            .open(self.path(id))
            .ok()?;
        let len = file.metadata().ok().filter(|m| m.is_file())?.len();
        if !(TAG as u64..=limit).contains(&len) {
            return None;
        }
        let mut bytes = vec![0; len as usize];
        (&file).read_exact(&mut bytes).ok()?;
        let body = bytes.len() - TAG;
        self.mac(id, &bytes[..body]).verify_slice(&bytes[body..]).ok()?;
        bytes.truncate(body);
        Some(bytes)
    }

    fn write(&self, id: &Id, compiled: &[u8]) -> std::io::Result<()> {
        let tag = self.mac(id, compiled).finalize().into_bytes();
        write_in_place(&self.path(id), &[compiled, &tag])
    }

}

/// Compiled code for another host, written by `wali compile --target` into
/// a directory that `wali run --precompiled` reads on that host. Emulators
/// have no keyring, so these files carry no tag: the person who names the
/// directory vouches for it, as for any program they run. A file is named
/// by the module, the target and the signal mode, not by the exact CPU
/// features (a cross compiler only knows the target's baseline): Wasmtime
/// checks when loading that the host has every feature the code uses.
pub struct Precompiled {
    dir: PathBuf,
}

impl Precompiled {
    /// Code precompiled into `dir`; nothing is read or written yet.
    pub fn new(dir: impl Into<PathBuf>) -> Precompiled {
        Precompiled { dir: dir.into() }
    }

    /// `arch`: `std::env::consts::ARCH` of the host that runs it.
    pub fn path(&self, wasm: &[u8], arch: &str, async_signals: bool) -> PathBuf {
        let mut h = Sha256::new();
        h.update(wasm);
        h.update(module::REWRITE_VERSION.to_le_bytes());
        h.update(arch.as_bytes());
        h.update([async_signals as u8]);
        let hex: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
        self.dir.join(format!("{hex}.{SUFFIX}"))
    }

    /// Writes `compiled` to `path` (one `path` gave), replacing any file there by a rename.
    pub fn write(path: &Path, compiled: &[u8]) -> std::io::Result<()> {
        write_in_place(path, &[compiled])
    }

    /// The module for this host, when the directory has it and Wasmtime
    /// accepts it here.
    fn load(&self, engine: &Engine, wasm: &[u8], async_signals: bool) -> Option<Module> {
        let bytes = std::fs::read(self.path(wasm, std::env::consts::ARCH, async_signals)).ok()?;
        // SAFETY: the directory is one the user named as holding code
        // `wali compile --target` wrote (see the type's comment).
        match unsafe { Module::deserialize(engine, &bytes) } {
            Ok(m) => Some(m),
            Err(e) => {
                crate::say(format_args!("precompiled code not used, compiling instead: {e}"));
                None
            }
        }
    }
}

/// Loads the module `wasm` (as given; `parsed` from it) from `precompiled`
/// (with the engine's signal mode),
/// or from the cache, or rewrites and compiles it and stores it there;
/// without a cache, compiles. A cache that cannot be written only costs the saving.
pub fn load(
    engine: &Engine,
    cache: Option<&Cache>,
    wasm: &[u8],
    parsed: &Parsed,
    name: &str,
    precompiled: Option<(&Precompiled, bool)>,
) -> Result<Module> {
    if let Some(m) = precompiled.and_then(|(p, async_signals)| p.load(engine, wasm, async_signals)) {
        return Ok(m);
    }
    let Some(cache) = cache else {
        return compile(engine, &module::rewrite(wasm, parsed)?, name);
    };
    let id = entry_id(engine, wasm);
    // Compiled code is a few times the module's size: anything far larger
    // is not an entry, and is not read whole.
    let limit = 64 * wasm.len() as u64 + (16 << 20);
    if let Some(compiled) = cache.read(&id, limit) {
        // SAFETY: written by this engine build (the name covers its
        // compatibility hash) and authenticated with the user's key;
        // deserialized from memory, so later changes to the file do not matter.
        if let Ok(m) = unsafe { Module::deserialize(engine, &compiled) } {
            return Ok(m);
        }
    }
    let module = compile(engine, &module::rewrite(wasm, parsed)?, name)?;
    if let Ok(compiled) = module.serialize() {
        let _ = cache.write(&id, &compiled);
    }
    Ok(module)
}

/// Writes `parts` to `path` (its directory created if need be) through a
/// temporary file beside it, so a reader sees the old file or the whole new one.
fn write_in_place(path: &Path, parts: &[&[u8]]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    write_new(&dir.join(format!(".tmp-{}-{nanos}", std::process::id())), path, parts)
}

/// Writes `parts` to the new file `tmp` and renames it to `path`. `tmp` is
/// created, never opened: a symlink a guest planted there is not followed.
fn write_new(tmp: &Path, path: &Path, parts: &[&[u8]]) -> std::io::Result<()> {
    let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(tmp)?;
    let written = parts.iter().try_for_each(|p| f.write_all(p));
    drop(f);
    written.and_then(|()| std::fs::rename(tmp, path)).inspect_err(|_| {
        let _ = std::fs::remove_file(tmp);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> Cache {
        let d = std::env::temp_dir().join(format!("wali-cache-test-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        Cache::open(d).expect("a user keyring")
    }

    #[test]
    fn an_entry_is_used_only_under_its_own_name_and_key() {
        let cache = scratch("names");
        let (a, b) = ([1u8; 32], [2u8; 32]);
        cache.write(&a, b"compiled code").unwrap();
        assert_eq!(cache.read(&a, 1 << 20).as_deref(), Some(&b"compiled code"[..]));
        std::fs::copy(cache.path(&a), cache.path(&b)).unwrap();
        assert!(cache.read(&b, 1 << 20).is_none(), "an entry moved under another name");
        let other = Cache { dir: cache.dir.clone(), key: [7; 32] };
        assert!(other.read(&a, 1 << 20).is_none(), "an entry tagged with another key");
        assert!(cache.read(&a, 20).is_none(), "an entry above the size limit");
        let mut bytes = std::fs::read(cache.path(&a)).unwrap();
        bytes[3] ^= 1;
        std::fs::write(cache.path(&a), &bytes).unwrap();
        assert!(cache.read(&a, 1 << 20).is_none(), "a flipped bit");
        std::fs::write(cache.path(&a), &bytes[..10]).unwrap();
        assert!(cache.read(&a, 1 << 20).is_none(), "a truncated entry");
        let _ = std::fs::remove_dir_all(&cache.dir);
    }

    #[test]
    fn a_symlink_at_the_temporary_name_is_not_followed() {
        let cache = scratch("symlink");
        std::fs::create_dir_all(&cache.dir).unwrap();
        let (victim, tmp) = (cache.dir.join("victim"), cache.dir.join(".tmp-planted"));
        std::fs::write(&victim, b"precious").unwrap();
        std::os::unix::fs::symlink(&victim, &tmp).unwrap();
        assert!(write_new(&tmp, &cache.dir.join("entry"), &[b"compiled"]).is_err());
        assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
        let _ = std::fs::remove_dir_all(&cache.dir);
    }

    #[test]
    fn a_loaded_module_does_not_change_with_its_file() {
        let engine = crate::new_engine(false).unwrap();
        let cache = scratch("loaded");
        let a = wat::parse_str("(module (func (export \"f\") (result i32) (i32.const 42)))").unwrap();
        let b = wat::parse_str("(module (func (export \"g\")))").unwrap();
        assert_ne!(cache.entry(&engine, &a), cache.entry(&engine, &b));
        let parsed = module::parse(&a).unwrap();
        load(&engine, Some(&cache), &a, &parsed, "a", None).unwrap();
        let path = cache.entry(&engine, &a);
        assert!(cache.read(&entry_id(&engine, &a), u64::MAX).is_some(), "the first load stores the entry");
        let module = load(&engine, Some(&cache), &a, &parsed, "a", None).unwrap();
        let len = std::fs::metadata(&path).unwrap().len() as usize;
        std::fs::OpenOptions::new().write(true).open(&path).unwrap().write_all(&vec![0; len]).unwrap();
        let mut store = wasmtime::Store::new(&engine, ());
        let instance = wasmtime::Instance::new(&mut store, &module, &[]).unwrap();
        let f = instance.get_typed_func::<(), i32>(&mut store, "f").unwrap();
        assert_eq!(f.call(&mut store, ()).unwrap(), 42);
        let _ = std::fs::remove_dir_all(&cache.dir);
    }

    #[test]
    fn a_cache_hit_does_not_rewrite_the_module() {
        // `x` parses, but its rewrite fails (an invalid opcode in a body): a
        // load that succeeds took the entry without rewriting.
        let engine = crate::new_engine(false).unwrap();
        let cache = scratch("hit");
        let mut x = wat::parse_str("(module (memory 1) (func (drop (i32.const 0x2a))))").unwrap();
        let at = x.windows(3).position(|w| w == [0x41, 0x2a, 0x1a]).unwrap();
        x[at] = 0xff;
        let parsed = module::parse(&x).unwrap();
        assert!(load(&engine, None, &x, &parsed, "x", None).is_err(), "a miss rewrites, and fails");
        let valid = wat::parse_str("(module (func (export \"f\")))").unwrap();
        let compiled = Module::new(&engine, &valid).unwrap().serialize().unwrap();
        cache.write(&entry_id(&engine, &x), &compiled).unwrap();
        let module = load(&engine, Some(&cache), &x, &parsed, "x", None).unwrap();
        assert!(module.get_export("f").is_some());
        let _ = std::fs::remove_dir_all(&cache.dir);
    }
}
