//! Raw host syscalls, returning the kernel's own result (`-errno` on error).

/// Invokes host syscall `nr` with up to six arguments (timed for `--profile`).
#[inline]
pub fn raw(nr: libc::c_long, a: [usize; 6]) -> i64 {
    crate::profile::timed(|| untimed(nr, a))
}

#[inline(always)]
fn untimed(nr: libc::c_long, a: [usize; 6]) -> i64 {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: callers pass only checked host addresses or plain integers.
    unsafe {
        let ret: i64;
        std::arch::asm!(
            "syscall",
            inlateout("rax") nr => ret,
            in("rdi") a[0], in("rsi") a[1], in("rdx") a[2],
            in("r10") a[3], in("r8") a[4], in("r9") a[5],
            lateout("rcx") _, lateout("r11") _,
            options(nostack),
        );
        ret
    }
    #[cfg(not(target_arch = "x86_64"))]
    // SAFETY: as above; libc reports errors through errno.
    unsafe {
        let r = libc::syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
        if r == -1 {
            -(std::io::Error::last_os_error().raw_os_error().unwrap_or(libc::ENOSYS) as i64)
        } else {
            r
        }
    }
}

/// Shorthand: `call!(SYS_read, fd, buf, len)` with each argument cast to a register.
macro_rules! call {
    ($nr:ident $(, $arg:expr)* $(,)?) => {{
        #[allow(unused_mut)]
        let mut a = [0usize; 6];
        let mut _i = 0;
        $( a[_i] = $arg as usize; _i += 1; )*
        $crate::sys::raw(libc::$nr, a)
    }};
}
pub(crate) use call;

/// Converts a libc-style `-1`/errno result into the raw kernel convention.
pub fn from_libc(r: i64) -> i64 {
    if r == -1 {
        -(std::io::Error::last_os_error().raw_os_error().unwrap_or(libc::EINVAL) as i64)
    } else {
        r
    }
}
