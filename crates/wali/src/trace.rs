//! `--strace`: one line per call, with decoded arguments and the result.

use crate::memory::GuestMemory;
use crate::syscalls::Args;
use std::io::Write;
use std::sync::Mutex;

pub struct Tracer {
    out: Mutex<Box<dyn Write + Send>>,
    /// The descriptor written to, if it is a file the guest must not touch.
    pub fd: Option<i32>,
}

impl Tracer {
    pub fn stderr() -> Tracer {
        Tracer { out: Mutex::new(Box::new(std::io::stderr())), fd: None }
    }

    /// Traces into a file; `append` when an exec'd engine continues the trace.
    pub fn file(path: &std::path::Path, append: bool) -> std::io::Result<Tracer> {
        use std::os::unix::fs::OpenOptionsExt;
        let f = std::fs::OpenOptions::new()
            .create(true)
            .write(true)
            .append(append)
            .truncate(!append)
            .custom_flags(libc::O_CLOEXEC)
            .open(path)?;
        use std::os::fd::{FromRawFd, IntoRawFd};
        let fd = crate::fds::move_high(f.into_raw_fd());
        let f = unsafe { std::fs::File::from_raw_fd(fd) };
        Ok(Tracer { out: Mutex::new(Box::new(f)), fd: Some(fd) })
    }

    pub fn line(&self, text: &str) {
        let mut out = self.out.lock().unwrap_or_else(|e| e.into_inner());
        let _ = writeln!(out, "[{}] {text}", unsafe { libc::gettid() });
        let _ = out.flush();
    }

    /// Formats one call: `name(args) = result` (`name` as shown: `read`, `__init`).
    pub fn call(&self, mem: &GuestMemory, name: &str, c_params: &[&str], nargs: usize, a: &Args, result: &str) {
        let mut s = String::with_capacity(80);
        s.push_str(name);
        s.push('(');
        for i in 0..nargs.min(6) {
            if i > 0 {
                s.push_str(", ");
            }
            arg(&mut s, mem, c_params.get(i).copied().unwrap_or("long"), a.i64(i));
        }
        s.push_str(") = ");
        s.push_str(result);
        self.line(&s);
    }
}

/// Decodes one argument from its C declaration (`char* pathname`, `int fd`...).
fn arg(s: &mut String, mem: &GuestMemory, decl: &str, v: i64) {
    use std::fmt::Write;
    let name = decl.rsplit([' ', '*']).next().unwrap_or("");
    let is_ptr = decl.contains('*');
    if is_ptr && decl.starts_with("char*") && ["path", "pathname", "oldpath", "newpath", "target", "linkpath"].contains(&name) {
        match mem.read_cstr(v as u32, 256) {
            Ok(bytes) if v != 0 => {
                let _ = write!(s, "{:?}", String::from_utf8_lossy(&bytes));
            }
            _ => {
                let _ = write!(s, "{:#x}", v as u32);
            }
        }
    } else if is_ptr {
        if v == 0 {
            s.push_str("NULL");
        } else {
            let _ = write!(s, "{:#x}", v as u32);
        }
    } else if name.contains("flags") || name == "prot" || name == "mode" || name == "op" || name == "request" {
        let _ = write!(s, "{:#x}", v as u32);
    } else if (name == "dirfd" || name.ends_with("dirfd")) && v as i32 == libc::AT_FDCWD {
        s.push_str("AT_FDCWD");
    } else {
        let _ = write!(s, "{v}");
    }
}

/// `42` (hex for calls returning addresses), or `-1 ENOENT (No such file or directory)`.
pub fn result(name: &str, r: i64) -> String {
    if (-4095..0).contains(&r) {
        let e = -r as i32;
        let name = wali_abi::errno_name(e).unwrap_or("E?");
        format!("-1 {name} ({})", std::io::Error::from_raw_os_error(e))
            .replace(&format!(" (os error {e})"), "")
    } else if matches!(name, "SYS_mmap" | "SYS_mremap") {
        format!("{r:#x}")
    } else {
        r.to_string()
    }
}
