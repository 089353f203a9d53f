//! The non-syscall imports: start-up, arguments, environment, old-style setjmp.

use super::{Args, Fault, Stop, SysResult};
use crate::ctx::{Ctx, Process};
use std::sync::atomic::Ordering;

pub fn init(_: &mut Ctx, _: &Args) -> SysResult {
    Ok(0)
}

pub fn deinit(_: &mut Ctx, _: &Args) -> SysResult {
    Ok(0)
}

pub fn proc_exit(cx: &mut Ctx, a: &Args) -> SysResult {
    super::process::exit_process(cx, a.i32(0))
}

pub fn argc(cx: &mut Ctx, _: &Args) -> SysResult {
    Ok(cx.proc.argv.len() as i64)
}

pub fn argv_len(cx: &mut Ctx, a: &Args) -> SysResult {
    Ok(cx.proc.argv.get(a.u32(0) as usize).map_or(0, |s| s.len() as i64))
}

pub fn copy_argv(cx: &mut Ctx, a: &Args) -> SysResult {
    let Some(arg) = cx.proc.argv.get(a.u32(1) as usize) else {
        return Err(libc::EINVAL.into());
    };
    let mut s = arg.clone();
    s.push(0);
    cx.mem.write(a.u32(0), &s)?;
    Ok(0)
}

/// A module exporting this reads the environment file as NUL-terminated
/// `NAME=value` entries, so values may hold newlines; other modules (other
/// WALI toolchains') get one variable per line, without such values.
/// docs/engine.md, "Start-up and exit".
pub const ENV_NUL_EXPORT: &str = "__wali_env_nul";

/// Writes the environment file's path into the guest buffer and returns 1;
/// 0 for an empty environment; -1 if the path cannot be written.
pub fn envfile(cx: &mut Ctx, a: &Args) -> SysResult {
    if cx.proc.env.is_empty() {
        return Ok(0);
    }
    let mut fd = cx.proc.envfd.load(Ordering::Relaxed);
    if fd < 0 {
        fd = match make_envfile(&cx.proc.env, cx.proc.env_nul) {
            Ok(fd) => fd,
            Err(e) => {
                crate::say(format_args!("cannot pass the environment: {e}"));
                return Ok(-1);
            }
        };
        if let Err(other) = cx.proc.envfd.compare_exchange(-1, fd, Ordering::Relaxed, Ordering::Relaxed) {
            unsafe { libc::close(fd) };
            fd = other;
        }
    }
    let mut path = Process::envfile_path(fd).into_bytes();
    path.push(0);
    if path.len() > a.u32(1) as usize || cx.mem.write(a.u32(0), &path).is_err() {
        return Ok(-1);
    }
    Ok(1)
}

/// An anonymous in-memory file holding the `NAME=value` entries (each ended
/// by a NUL when `nul`, else by a newline), placed at a high descriptor so
/// the program's own descriptors are numbered as natively.
fn make_envfile(env: &[Vec<u8>], nul: bool) -> std::io::Result<i32> {
    use std::io::Write;
    use std::os::fd::{FromRawFd, IntoRawFd};
    let fd = unsafe { libc::memfd_create(c"wali-env".as_ptr(), libc::MFD_CLOEXEC) };
    if fd < 0 {
        return Err(std::io::Error::last_os_error());
    }
    let mut file = unsafe { std::fs::File::from_raw_fd(fd) };
    let end: &[u8] = if nul { b"\0" } else { b"\n" };
    let lines: Vec<u8> = env
        .iter()
        .filter(|var| nul || !var.contains(&b'\n'))
        .flat_map(|var| var.iter().chain(end))
        .copied()
        .collect();
    file.write_all(&lines)?;
    let fd = file.into_raw_fd();
    let high = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 100) };
    if high >= 0 {
        unsafe { libc::close(fd) };
        return Ok(high);
    }
    Ok(fd)
}

pub fn thread_spawn(cx: &mut Ctx, a: &Args) -> SysResult {
    Ok(crate::thread::spawn(cx, a.u32(0), a.u32(1)))
}

pub fn setjmp(_: &mut Ctx, _: &Args) -> SysResult {
    Ok(0)
}

pub fn longjmp(_: &mut Ctx, _: &Args) -> SysResult {
    Err(Fault::Stop(Stop::Fatal(
        "longjmp: this module imports setjmp/longjmp from the engine (an older WALI toolchain), \
         but compiled Wasm cannot return twice from an import; rebuild it with wali-cc, \
         which lowers setjmp/longjmp to Wasm exceptions"
            .into(),
    )))
}

pub fn restore(_: &mut Ctx, _: &Args) -> SysResult {
    Ok(0)
}
