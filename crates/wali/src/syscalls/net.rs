//! Sockets. Socket addresses have no pointers and pass through (a Unix
//! socket's path is checked under `--dir`); `msghdr` carries pointers and is
//! translated.

use super::io::iovecs;
use super::{Args, SysResult};
use crate::ctx::Ctx;
use crate::memory::{Errno, GuestMemory};
use crate::sys::call;

pub fn socket(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_socket, a.i32(0), a.i32(1), a.i32(2)))
}

pub fn socketpair(cx: &mut Ctx, a: &Args) -> SysResult {
    let sv = cx.mem.buf(a.u32(3), 8)?;
    Ok(call!(SYS_socketpair, a.i32(0), a.i32(1), a.i32(2), sv))
}

pub fn bind(cx: &mut Ctx, a: &Args) -> SysResult {
    if cx.proc.uses.socket_files && unix_path(&cx.mem, a.u32(1), a.u32(2))?.is_some() {
        return Err(cx.proc.uses.errno.into());
    }
    let addr = cx.mem.buf(a.u32(1), a.u32(2) as usize)?;
    Ok(call!(SYS_bind, a.i32(0), addr, a.u32(2)))
}

/// The path of a Unix socket address, `None` for another family, an
/// abstract or unnamed socket, or a length the kernel will refuse anyway.
fn unix_path(mem: &GuestMemory, addr: u32, len: u32) -> Result<Option<std::ffi::CString>, Errno> {
    const SUN: usize = std::mem::size_of::<libc::sockaddr_un>();
    if addr == 0 || len as usize <= 2 || len as usize > SUN {
        return Ok(None);
    }
    let mut raw = [0u8; SUN];
    mem.read(addr, &mut raw[..len as usize])?;
    let path = &raw[2..len as usize];
    let path = &path[..path.iter().position(|&b| b == 0).unwrap_or(path.len())];
    if u16::from_ne_bytes([raw[0], raw[1]]) != libc::AF_UNIX as u16 || path.is_empty() {
        return Ok(None);
    }
    Ok(Some(std::ffi::CString::new(path).expect("cut at the first NUL")))
}

/// A destination address naming a Unix socket by path (connect, sendto,
/// sendmsg) under `--dir`: the socket must be beneath a read-write tree, as
/// Landlock does not confine connecting by path. The call is then made with
/// the engine's copy of the address, naming the checked socket by its held
/// descriptor's /proc name, so a symlink swapped meanwhile changes nothing.
struct Destination<'a> {
    addr: libc::sockaddr_un,
    len: u32,
    _socket: crate::confine::Target<'a>,
}

fn destination(cx: &Ctx, addr: u32, len: u32) -> Result<Option<Destination<'_>>, Errno> {
    let Some(trees) = &cx.proc.trees else { return Ok(None) };
    let Some(path) = unix_path(&cx.mem, addr, len)? else { return Ok(None) };
    let socket = crate::confine::resolve(&cx.proc.fds, libc::AT_FDCWD, &path, true)?;
    socket.check(trees, crate::confine::Need::Write)?;
    let name = crate::open::fd_path(socket.fd());
    let name = name.as_bytes();
    let mut sun: libc::sockaddr_un = unsafe { std::mem::zeroed() };
    sun.sun_family = libc::AF_UNIX as libc::sa_family_t;
    for (d, &b) in sun.sun_path.iter_mut().zip(name) {
        *d = b as libc::c_char;
    }
    Ok(Some(Destination { addr: sun, len: (2 + name.len() + 1) as u32, _socket: socket }))
}

pub fn connect(cx: &mut Ctx, a: &Args) -> SysResult {
    if let Some(d) = destination(cx, a.u32(1), a.u32(2))? {
        return Ok(call!(SYS_connect, a.i32(0), &d.addr as *const libc::sockaddr_un, d.len));
    }
    let addr = cx.mem.buf(a.u32(1), a.u32(2) as usize)?;
    Ok(call!(SYS_connect, a.i32(0), addr, a.u32(2)))
}

pub fn listen(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_listen, a.i32(0), a.i32(1)))
}

pub fn shutdown(_: &mut Ctx, a: &Args) -> SysResult {
    Ok(call!(SYS_shutdown, a.i32(0), a.i32(1)))
}

/// An (address buffer, socklen_t* length) pair the kernel fills in: the
/// buffer is checked for the length the guest says it has.
fn addr_out(mem: &GuestMemory, addr: u32, len: u32) -> Result<(*mut u8, *mut u8), Errno> {
    if addr == 0 {
        return Ok((std::ptr::null_mut(), mem.buf(len, 4)?));
    }
    let size = mem.read_u32(len)?;
    Ok((mem.buf(addr, size as usize)?, mem.buf(len, 4)?))
}

pub fn accept(cx: &mut Ctx, a: &Args) -> SysResult {
    let (addr, len) = addr_out(&cx.mem, a.u32(1), a.u32(2))?;
    Ok(call!(SYS_accept, a.i32(0), addr, len))
}

pub fn accept4(cx: &mut Ctx, a: &Args) -> SysResult {
    let (addr, len) = addr_out(&cx.mem, a.u32(1), a.u32(2))?;
    Ok(call!(SYS_accept4, a.i32(0), addr, len, a.i32(3)))
}

pub fn getsockname(cx: &mut Ctx, a: &Args) -> SysResult {
    let (addr, len) = addr_out(&cx.mem, a.u32(1), a.u32(2))?;
    Ok(call!(SYS_getsockname, a.i32(0), addr, len))
}

pub fn getpeername(cx: &mut Ctx, a: &Args) -> SysResult {
    let (addr, len) = addr_out(&cx.mem, a.u32(1), a.u32(2))?;
    Ok(call!(SYS_getpeername, a.i32(0), addr, len))
}

pub fn sendto(cx: &mut Ctx, a: &Args) -> SysResult {
    let buf = cx.mem.buf(a.u32(1), a.u32(2) as usize)?;
    if let Some(d) = destination(cx, a.u32(4), a.u32(5))? {
        return Ok(call!(SYS_sendto, a.i32(0), buf, a.u32(2), a.i32(3), &d.addr as *const libc::sockaddr_un, d.len));
    }
    let addr = cx.mem.buf(a.u32(4), a.u32(5) as usize)?;
    Ok(call!(SYS_sendto, a.i32(0), buf, a.u32(2), a.i32(3), addr, a.u32(5)))
}

pub fn recvfrom(cx: &mut Ctx, a: &Args) -> SysResult {
    let buf = cx.mem.buf(a.u32(1), a.u32(2) as usize)?;
    let (addr, len) = if a.u32(5) == 0 {
        (std::ptr::null_mut(), std::ptr::null_mut())
    } else {
        addr_out(&cx.mem, a.u32(4), a.u32(5))?
    };
    Ok(call!(SYS_recvfrom, a.i32(0), buf, a.u32(2), a.i32(3), addr, len))
}

/// Socket options are passed through only at levels whose options the
/// engine knows hold no pointers, minus the few that do (filter programs,
/// netfilter tables, zero-copy receive); anything else is refused, since the
/// kernel would follow a pointer inside the value as a host address.
fn refused_sockopt(level: i32, name: i32) -> bool {
    const SO_ATTACH_REUSEPORT_CBPF: i32 = 51;
    const TCP_ZEROCOPY_RECEIVE: i32 = 35;
    const PACKET_FANOUT_DATA: i32 = 22;
    const SOL_PACKET: i32 = 263;
    match level {
        libc::SOL_SOCKET => matches!(name, libc::SO_ATTACH_FILTER | SO_ATTACH_REUSEPORT_CBPF),
        // Netfilter's (ip/ip6/arp/eb)tables replace and counter calls carry pointers.
        libc::IPPROTO_IP | libc::IPPROTO_IPV6 => matches!(name, 64..=67 | 96..=99 | 128..=131),
        libc::IPPROTO_TCP => name == TCP_ZEROCOPY_RECEIVE,
        libc::IPPROTO_UDP => false,
        SOL_PACKET => name == PACKET_FANOUT_DATA,
        _ => true,
    }
}

pub fn setsockopt(cx: &mut Ctx, a: &Args) -> SysResult {
    if refused_sockopt(a.i32(1), a.i32(2)) {
        return Err(libc::ENOPROTOOPT.into());
    }
    let val = cx.mem.buf(a.u32(3), a.u32(4) as usize)?;
    Ok(call!(SYS_setsockopt, a.i32(0), a.i32(1), a.i32(2), val, a.u32(4)))
}

pub fn getsockopt(cx: &mut Ctx, a: &Args) -> SysResult {
    if refused_sockopt(a.i32(1), a.i32(2)) {
        return Err(libc::ENOPROTOOPT.into());
    }
    let (val, len) = addr_out(&cx.mem, a.u32(3), a.u32(4))?;
    Ok(call!(SYS_getsockopt, a.i32(0), a.i32(1), a.i32(2), val, len))
}

/// The guest's wasm32 `struct msghdr` (36 bytes).
struct GuestMsghdr {
    name: u32,
    namelen: u32,
    iov: u32,
    iovlen: i32,
    control: u32,
    controllen: u32,
    flags: i32,
}

const MSGHDR: usize = 36;

fn read_msghdr(mem: &GuestMemory, ptr: u32) -> Result<GuestMsghdr, Errno> {
    // NULL is the kernel's NULL (EFAULT), not the guest's address 0.
    if ptr == 0 {
        return Err(libc::EFAULT);
    }
    let mut b = [0u8; MSGHDR];
    mem.read(ptr, &mut b)?;
    let w = |o: usize| u32::from_le_bytes(b[o..o + 4].try_into().unwrap());
    Ok(GuestMsghdr {
        name: w(0),
        namelen: w(4),
        iov: w(8),
        iovlen: w(12) as i32,
        control: w(20),
        controllen: w(24),
        flags: w(32) as i32,
    })
}

/// Builds the host msghdr; `iov` must outlive the call. Control messages
/// have the x86_64 kernel layout on the guest side and pass through.
fn host_msghdr(mem: &GuestMemory, m: &GuestMsghdr, iov: &[libc::iovec]) -> Result<libc::msghdr, Errno> {
    let mut h: libc::msghdr = unsafe { std::mem::zeroed() };
    h.msg_name = mem.buf(m.name, m.namelen as usize)?.cast();
    h.msg_namelen = if m.name == 0 { 0 } else { m.namelen };
    h.msg_iov = iov.as_ptr() as *mut libc::iovec;
    h.msg_iovlen = iov.len() as _;
    h.msg_control = mem.buf(m.control, m.controllen as usize)?.cast();
    h.msg_controllen = if m.control == 0 { 0 } else { m.controllen as _ };
    h.msg_flags = m.flags;
    Ok(h)
}

pub fn sendmsg(cx: &mut Ctx, a: &Args) -> SysResult {
    let m = read_msghdr(&cx.mem, a.u32(1))?;
    let iov = iovecs(&cx.mem, m.iov, m.iovlen)?;
    let mut h = host_msghdr(&cx.mem, &m, &iov)?;
    let dest = destination(cx, m.name, m.namelen)?;
    if let Some(d) = &dest {
        h.msg_name = &d.addr as *const libc::sockaddr_un as *mut libc::c_void;
        h.msg_namelen = d.len;
    }
    Ok(call!(SYS_sendmsg, a.i32(0), &h as *const libc::msghdr, a.i32(2)))
}

pub fn recvmsg(cx: &mut Ctx, a: &Args) -> SysResult {
    let ptr = a.u32(1);
    let m = read_msghdr(&cx.mem, ptr)?;
    let iov = iovecs(&cx.mem, m.iov, m.iovlen)?;
    let mut h = host_msghdr(&cx.mem, &m, &iov)?;
    let r = call!(SYS_recvmsg, a.i32(0), &mut h as *mut libc::msghdr, a.i32(2));
    if r >= 0 {
        // The kernel updates the lengths and flags; copy them back.
        cx.mem.write_u32(ptr + 4, h.msg_namelen)?;
        cx.mem.write_u32(ptr + 24, h.msg_controllen as u32)?;
        cx.mem.write_u32(ptr + 32, h.msg_flags as u32)?;
    }
    Ok(r)
}
