//! The hook runc runs for a container once its root file system is mounted,
//! before the container's process starts (OCI `createRuntime`, in the host's
//! namespaces, with the container's state on stdin): the entrypoint module
//! is read from the image, refused with a clear message when the engine
//! cannot run it (runc then fails the task with that message), and compiled
//! into the cache unless it is there already; the container gets its
//! compiled code through a copy in the bundle's `AOT_IN_BUNDLE` directory.

use crate::bundle::{AOT_IN_BUNDLE, ENGINE};
use anyhow::{bail, Context, Result};
use serde_json::Value;
use std::ffi::{CString, OsString};
use std::os::fd::{FromRawFd, OwnedFd};
use std::path::{Path, PathBuf};

pub const CREATE_RUNTIME: &str = "create-runtime";

/// Larger entrypoints are refused rather than read into the hook's memory.
const MAX_MODULE: u64 = 1 << 30;

/// `hook create-runtime CACHE`.
pub fn run(args: &[OsString]) -> Result<()> {
    let [kind, cache] = args else { bail!("usage: containerd-shim-wali-v1 hook {CREATE_RUNTIME} CACHE (runc runs this)") };
    if kind != CREATE_RUNTIME {
        bail!("unknown hook {kind:?}");
    }
    let state: Value = serde_json::from_reader(std::io::stdin()).context("runc's container state on stdin is not JSON")?;
    let bundle = PathBuf::from(state["bundle"].as_str().context("the container state names no bundle")?);
    let config: Value = serde_json::from_slice(&std::fs::read(bundle.join("config.json")).context("cannot read the bundle's config.json")?)?;
    let (options, module) = engine_args(&config)?;
    let root = bundle.join(config.pointer("/root/path").and_then(Value::as_str).unwrap_or("rootfs"));
    let cwd = config.pointer("/process/cwd").and_then(Value::as_str).unwrap_or("/");
    let in_root = if module.starts_with('/') { PathBuf::from(&module) } else { Path::new(cwd).join(&module) };
    let wasm = read_in_root(&root, &in_root).with_context(|| format!("cannot read the entrypoint {module} in the image"))?;
    wali::check_program(&wasm).map_err(|e| {
        anyhow::anyhow!("the image's entrypoint {module} is not a WALI module the engine can run: {e:#} (images of native programs run with runc, the default runtime)")
    })?;
    let signals_at_syscalls = options.iter().any(|o| o == "--signals-at-syscalls");
    let files = wali::precompile_here(&wasm, Path::new(cache), signals_at_syscalls)
        .map_err(|e| anyhow::anyhow!("cannot compile the module into the cache {cache:?}: {e:#}"))?;
    let aot = bundle.join(AOT_IN_BUNDLE);
    for file in files {
        let to = aot.join(file.file_name().context("a compiled file has no name")?);
        // A copy, not a link: whatever a container might do to its own
        // code cannot reach the cache other containers load from.
        std::fs::copy(&file, &to).with_context(|| format!("cannot copy {} to {}", file.display(), to.display()))?;
    }
    Ok(())
}

/// The engine's options and the module, from the adapted process arguments
/// (`ENGINE run OPTIONS... -- MODULE ARGS...`).
fn engine_args(config: &Value) -> Result<(Vec<String>, String)> {
    let args: Vec<&str> = config.pointer("/process/args").and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
    if args.first() != Some(&ENGINE) {
        bail!("the container's spec was not adapted for WALI (its process is not {ENGINE})");
    }
    let dash = args.iter().position(|&a| a == "--").context("no `--` in the engine's arguments")?;
    let module = args.get(dash + 1).context("no module in the engine's arguments")?;
    Ok((args[2..dash].iter().map(|s| s.to_string()).collect(), module.to_string()))
}

/// Reads `path` as the container will see it: resolved inside `root`, so
/// that the image's symbolic links and `..` cannot name a file of the host.
fn read_in_root(root: &Path, path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    use std::os::unix::ffi::OsStrExt;
    let root = std::fs::File::open(root).with_context(|| format!("cannot open the root file system {}", root.display()))?;
    let c = CString::new(path.as_os_str().as_bytes())?;
    let mut how: libc::open_how = unsafe { std::mem::zeroed() };
    how.flags = (libc::O_RDONLY | libc::O_CLOEXEC | libc::O_NONBLOCK) as u64;
    how.resolve = libc::RESOLVE_IN_ROOT | libc::RESOLVE_NO_MAGICLINKS;
    use std::os::fd::AsRawFd;
    let fd = unsafe {
        libc::syscall(libc::SYS_openat2, root.as_raw_fd(), c.as_ptr(), &how as *const libc::open_how, std::mem::size_of::<libc::open_how>())
    };
    if fd < 0 {
        return Err(std::io::Error::last_os_error().into());
    }
    let file = std::fs::File::from(unsafe { OwnedFd::from_raw_fd(fd as i32) });
    let meta = file.metadata()?;
    if !meta.is_file() {
        bail!("not a regular file");
    }
    if meta.len() > MAX_MODULE {
        bail!("{} bytes: larger than the 1 GiB this runtime takes", meta.len());
    }
    let mut wasm = Vec::with_capacity(meta.len() as usize);
    // The bound holds for a file that grows after `metadata` too.
    file.take(MAX_MODULE + 1).read_to_end(&mut wasm)?;
    if wasm.len() as u64 > MAX_MODULE {
        bail!("larger than the 1 GiB this runtime takes");
    }
    Ok(wasm)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_image_cannot_name_a_host_file() {
        let dir = std::env::temp_dir().join(format!("wali-shim-hook-{}", std::process::id()));
        let root = dir.join("rootfs");
        std::fs::create_dir_all(root.join("bin")).unwrap();
        let host = dir.join("host-secret");
        std::fs::write(&host, b"\0asm host file").unwrap();
        std::fs::write(root.join("bin/app.wasm"), b"\0asm in the image").unwrap();
        // Links out of the image, absolute and relative, and `..` past its root.
        std::os::unix::fs::symlink(&host, root.join("abs.wasm")).unwrap();
        std::os::unix::fs::symlink("../../host-secret", root.join("bin/rel.wasm")).unwrap();
        let read = |p: &str| read_in_root(&root, Path::new(p));
        assert_eq!(read("/bin/app.wasm").unwrap(), b"\0asm in the image");
        assert_eq!(read("/../../bin/app.wasm").unwrap(), b"\0asm in the image");
        for p in ["/abs.wasm", "/bin/rel.wasm", "/../host-secret", "../host-secret"] {
            assert!(read(p).is_err(), "{p} reached the host file");
        }
        // Through the links, the image's own file of that name is what is read.
        std::fs::write(root.join("host-secret"), b"\0asm image copy").unwrap();
        assert_eq!(read("/bin/rel.wasm").unwrap(), b"\0asm image copy");
        assert!(read("/bin").is_err(), "a directory is not a module");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
