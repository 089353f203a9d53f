//! `wali binfmt install|uninstall|status`: registers WALI modules with the
//! kernel's binfmt_misc, so that `./prog.wasm` (or `make`, a shell, a test
//! suite exec'ing it) runs it under this engine, as `wali run prog.wasm`.
//!
//! The entry matches the Wasm binary header (`\0asm`, version 1) and names
//! this executable as the interpreter, with flags `P` (the kernel passes the
//! program's own argv[0]) and `O` (it opens the file for the interpreter and
//! says so in the auxiliary vector, `AT_EXECFD`). That last one is how `wali`
//! knows it was started by the kernel for a module rather than by a person:
//! a command line alone could not tell `wali prog.wasm argv0` apart.

use std::path::Path;

const DIR: &str = "/proc/sys/fs/binfmt_misc";
const NAME: &str = "wali";
/// `\0asm` and binary format version 1, as binfmt_misc's escaped magic.
const MAGIC: &str = r"\x00asm\x01\x00\x00\x00";

pub fn main(action: &str) -> Result<String, String> {
    let entry = Path::new(DIR).join(NAME);
    match action {
        "status" => Ok(match std::fs::read_to_string(&entry) {
            Ok(text) => format!("registered ({}):\n{text}", entry.display()),
            Err(_) if !Path::new(DIR).join("status").exists() => {
                format!("not registered: binfmt_misc is not mounted at {DIR}")
            }
            Err(_) => "not registered: `wali binfmt install` (as root) registers it".to_string(),
        }),
        "install" => install(&entry),
        _ => {
            if !entry.exists() {
                return Ok("not registered: nothing to do".to_string());
            }
            std::fs::write(&entry, "-1").map_err(|e| denied("remove", &entry, e))?;
            Ok("removed: .wasm files no longer run directly".to_string())
        }
    }
}

fn install(entry: &Path) -> Result<String, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this executable: {e}"))?;
    let exe = exe.to_str().filter(|p| !p.contains(':')).ok_or("this executable's path cannot go in a binfmt entry")?;
    let register = Path::new(DIR).join("register");
    if !register.exists() {
        // Mounting it needs root too; a container may not allow it at all.
        let fs = c"binfmt_misc";
        let dir = std::ffi::CString::new(DIR).unwrap();
        // SAFETY: NUL-terminated strings.
        let r = unsafe { libc::mount(fs.as_ptr(), dir.as_ptr(), fs.as_ptr(), 0, std::ptr::null()) };
        if r != 0 {
            return Err(format!(
                "binfmt_misc is not mounted at {DIR} and mounting it failed ({}); as root: mount -t binfmt_misc none {DIR}",
                std::io::Error::last_os_error()
            ));
        }
    }
    if entry.exists() {
        std::fs::write(entry, "-1").map_err(|e| denied("replace", entry, e))?;
    }
    let line = format!(":{NAME}:M::{MAGIC}::{exe}:OP");
    std::fs::write(&register, line).map_err(|e| denied("register", &register, e))?;
    Ok(format!("registered: .wasm modules now run with {exe} (`wali binfmt uninstall` undoes it)"))
}

fn denied(what: &str, path: &Path, e: std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::PermissionDenied {
        format!("cannot {what} {}: only root can change binfmt_misc (try sudo)", path.display())
    } else {
        format!("cannot {what} {}: {e}", path.display())
    }
}

/// When the kernel started this process for a module (see the module
/// comment): the `wali run` arguments that run it, from
/// `[wali, path, argv0, args...]`.
pub fn started_for_a_module(args: &[std::ffi::OsString]) -> Option<Vec<std::ffi::OsString>> {
    // SAFETY: reads the auxiliary vector.
    let fd = unsafe { libc::getauxval(libc::AT_EXECFD) };
    if fd == 0 || args.len() < 2 {
        return None;
    }
    // The module is read by its path; the program's first descriptor is 3,
    // as natively.
    // SAFETY: the kernel opened this descriptor for this process.
    unsafe { libc::close(fd as libc::c_int) };
    let mut run: Vec<std::ffi::OsString> = vec!["--argv0".into(), args[1].clone(), "--".into(), args[0].clone()];
    run.extend(args[2..].iter().cloned());
    Some(run)
}
