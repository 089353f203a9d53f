//! Guest pointers: the one place where a guest `(ptr, len)` becomes host memory.
//!
//! Every check is overflow-safe and fails with `EFAULT`. Two kinds of access:
//! - *kernel* access (`buf`, `cstr`...): the range is checked against the
//!   memory's size and the host address handed to the kernel, which reports
//!   `EFAULT` itself for pages the guest made inaccessible;
//! - *host* access (`read`, `write`, C-string scans): the engine itself touches
//!   the bytes, so pages the mmap manager knows to be unsafe for a plain load or
//!   store (`PROT_NONE`, read-only, file-backed) are copied with
//!   `process_vm_readv`/`writev`, which fail cleanly instead of faulting.

use std::cell::Cell;
use std::sync::atomic::{AtomicU8, Ordering};
use wasmtime::SharedMemory;

pub type Errno = i32;
pub const EFAULT: Errno = libc::EFAULT;

/// Host page size assumed for guest mappings.
pub const PAGE: usize = 4096;

/// Per-host-page state of the linear memory, written by the mmap manager and
/// read lock-free by every host access.
pub struct PageMap {
    pages: Box<[AtomicU8]>,
    /// Held for reading while the engine itself touches guest pages, and for
    /// writing while the mmap manager makes pages less accessible, so another
    /// guest thread's munmap/mprotect cannot pull a page from under a copy.
    access: std::sync::RwLock<()>,
    /// Futex waiters, which read their word directly (see `Waiters`).
    waiters: std::sync::Mutex<Waiters>,
}

/// Futex waiters read their word from guest memory while waiting, which
/// would fault if the page were made inaccessible meanwhile. So a waiter
/// registers its address before checking the page, and the mmap manager,
/// before taking access away from a range, marks it closing (no new waiter
/// there registers), wakes the registered ones and waits until they left.
#[derive(Default)]
pub struct Waiters {
    /// Each address waited on, with how many waiters (thousands of threads
    /// may wait at once: registering and leaving must not scan them all).
    pub addrs: std::collections::HashMap<u32, u32>,
    closing: Option<(usize, usize)>,
}

/// Registration of a futex waiter; unregisters when dropped.
pub struct Waiting<'a>(&'a PageMap, u32);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        let mut w = self.0.waiters();
        if let std::collections::hash_map::Entry::Occupied(mut e) = w.addrs.entry(self.1) {
            *e.get_mut() -= 1;
            if *e.get() == 0 {
                e.remove();
            }
        }
    }
}

/// A range being made less accessible; futex waiters may register there
/// again once dropped.
pub struct Closing<'a>(&'a PageMap);

impl Drop for Closing<'_> {
    fn drop(&mut self) {
        self.0.waiters().closing = None;
    }
}

/// Page states.
pub mod page {
    /// Plain read-write guest memory not managed by mmap (data, stack...).
    pub const FOREIGN: u8 = 0;
    /// Managed by mmap and not mapped: reusable; may be `PROT_NONE`.
    pub const FREE: u8 = 1;
    /// Managed, private anonymous, read-write.
    pub const ANON: u8 = 2;
    /// Managed, private anonymous, not read-write.
    pub const ANON_PROT: u8 = 3;
    /// Managed, shared anonymous, read-write.
    pub const SHARED: u8 = 4;
    /// Managed, file-backed (any protection) or shared and not read-write.
    pub const FILE: u8 = 5;
    /// Not managed, but unmapped or re-protected by the guest.
    pub const FOREIGN_PROT: u8 = 6;

    /// Whether the engine may load and store this page directly.
    pub fn host_safe(state: u8) -> bool {
        matches!(state, FOREIGN | ANON | SHARED)
    }

    /// Whether the page is mapped by the mmap manager.
    pub fn is_mapped(state: u8) -> bool {
        matches!(state, ANON | ANON_PROT | SHARED | FILE)
    }
}

impl PageMap {
    pub fn new(max_bytes: usize) -> PageMap {
        PageMap {
            pages: (0..max_bytes.div_ceil(PAGE)).map(|_| AtomicU8::new(page::FOREIGN)).collect(),
            access: std::sync::RwLock::new(()),
            waiters: Default::default(),
        }
    }

    pub fn read_lock(&self) -> std::sync::RwLockReadGuard<'_, ()> {
        self.access.read().unwrap_or_else(|e| e.into_inner())
    }

    pub fn write_lock(&self) -> std::sync::RwLockWriteGuard<'_, ()> {
        self.access.write().unwrap_or_else(|e| e.into_inner())
    }

    pub fn waiters(&self) -> std::sync::MutexGuard<'_, Waiters> {
        self.waiters.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Registers a futex waiter on `addr`, unless its page is being closed.
    pub fn register_waiter(&self, addr: u32) -> Option<Waiting<'_>> {
        let mut w = self.waiters();
        if w.closing.is_some_and(|(at, end)| (at..end).contains(&(addr as usize))) {
            return None;
        }
        *w.addrs.entry(addr).or_insert(0) += 1;
        Some(Waiting(self, addr))
    }

    /// Marks `[at, at + len)` closing and returns once no registered futex
    /// waiter is left there; `wake` wakes one address's waiters. The caller
    /// holds the write lock (the mmap manager), so ranges close one at a time.
    pub fn close(&self, at: usize, len: usize, wake: impl Fn(u32)) -> Closing<'_> {
        let end = at.saturating_add(len);
        self.waiters().closing = Some((at, end));
        loop {
            let inside: Vec<u32> =
                self.waiters().addrs.keys().copied().filter(|a| (at..end).contains(&(*a as usize))).collect();
            if inside.is_empty() {
                return Closing(self);
            }
            inside.into_iter().for_each(&wake);
            std::thread::sleep(std::time::Duration::from_micros(20));
        }
    }

    pub fn get(&self, index: usize) -> u8 {
        self.pages.get(index).map_or(page::FILE, |p| p.load(Ordering::Relaxed))
    }

    pub fn set(&self, first: usize, count: usize, state: u8) {
        for p in &self.pages[first..first + count] {
            p.store(state, Ordering::Relaxed);
        }
    }

    pub fn len(&self) -> usize {
        self.pages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }

    /// Whether every page of `[addr, addr + len)` is safe for plain host access.
    fn host_safe(&self, addr: usize, len: usize) -> bool {
        if len == 0 {
            return true;
        }
        (addr / PAGE..=(addr + len - 1) / PAGE).all(|i| page::host_safe(self.get(i)))
    }
}

/// One thread's view of the guest's linear memory. The base never moves (the
/// whole maximum is reserved up front), so it is cached; the size only grows,
/// so a stale cached size is re-read only when a check would fail.
pub struct GuestMemory {
    base: *mut u8,
    len: Cell<usize>,
    shared: SharedMemory,
    pages: std::sync::Arc<PageMap>,
    /// Addresses beyond the size that are accessible all the same: the WASI
    /// layer's data and stack (`wasi`); empty for other modules.
    window: std::ops::Range<usize>,
}

// The raw base pointer designates memory owned by `shared`, which is Send + Sync.
unsafe impl Send for GuestMemory {}

impl GuestMemory {
    pub fn new(shared: SharedMemory, pages: std::sync::Arc<PageMap>) -> GuestMemory {
        let data = shared.data();
        GuestMemory { base: data.as_ptr() as *mut u8, len: Cell::new(data.len()), shared, pages, window: 0..0 }
    }

    /// Lets calls point into `window` beyond the memory's size.
    pub fn open_window(&mut self, window: std::ops::Range<usize>) {
        self.window = window;
    }

    pub fn shared(&self) -> &SharedMemory {
        &self.shared
    }

    pub fn pages(&self) -> &PageMap {
        &self.pages
    }

    pub fn base(&self) -> *mut u8 {
        self.base
    }

    /// The memory's current size in bytes. Read from the memory's definition
    /// (an atomic), not `data_size`, which takes Wasmtime's grow lock: a
    /// fork while another thread held it would leave it held in the child.
    pub fn size(&self) -> usize {
        let len = self.shared.data().len();
        self.len.set(len);
        len
    }

    /// Checks that `[ptr, ptr + len)` lies inside the memory.
    #[inline]
    pub fn check(&self, ptr: u32, len: usize) -> Result<usize, Errno> {
        let end = (ptr as usize).checked_add(len).ok_or(EFAULT)?;
        if end > self.len.get() && end > self.size() && !(ptr as usize >= self.window.start && end <= self.window.end) {
            return Err(EFAULT);
        }
        Ok(ptr as usize)
    }

    /// A buffer the kernel will read or write: NULL stays NULL (the kernel
    /// decides what NULL means), anything else must lie inside the memory.
    #[inline]
    pub fn buf(&self, ptr: u32, len: usize) -> Result<*mut u8, Errno> {
        if ptr == 0 {
            return Ok(std::ptr::null_mut());
        }
        self.check(ptr, len).map(|off| self.base.wrapping_add(off))
    }

    /// An array of `count` elements of `size` bytes for the kernel.
    #[inline]
    pub fn array(&self, ptr: u32, count: u64, size: usize) -> Result<*mut u8, Errno> {
        let len = usize::try_from(count).ok().and_then(|c| c.checked_mul(size)).ok_or(EFAULT)?;
        self.buf(ptr, len)
    }

    /// A fixed-size struct for the kernel.
    #[inline]
    pub fn obj<T>(&self, ptr: u32) -> Result<*mut T, Errno> {
        self.buf(ptr, std::mem::size_of::<T>()).map(|p| p.cast())
    }

    /// When `[ptr, ptr + len)` is non-NULL, inside the memory and on pages
    /// the engine may store to directly: a guard keeping it so while host
    /// code writes there itself.
    pub fn lock_writable(&self, ptr: u32, len: usize) -> Option<std::sync::RwLockReadGuard<'_, ()>> {
        let guard = self.pages.read_lock();
        self.writable_now(ptr, len).then_some(guard)
    }

    /// Whether `[ptr, ptr + len)` is non-NULL, inside the memory and on pages
    /// the engine may store to directly, without holding them so: for a
    /// futex waiter, which the waiter registry protects instead.
    pub fn writable_now(&self, ptr: u32, len: usize) -> bool {
        ptr != 0 && self.check(ptr, len).is_ok_and(|off| self.pages.host_safe(off, len))
    }

    /// Copies guest bytes at `ptr` into `out`. NULL is the kernel's NULL
    /// (`EFAULT`), as for kernel buffers, not the guest's address 0.
    pub fn read(&self, ptr: u32, out: &mut [u8]) -> Result<(), Errno> {
        if ptr == 0 && !out.is_empty() {
            return Err(EFAULT);
        }
        let off = self.check(ptr, out.len())?;
        let _guard = self.pages.read_lock();
        if self.pages.host_safe(off, out.len()) {
            // SAFETY: inside the memory and every page is plain read-write.
            unsafe { std::ptr::copy_nonoverlapping(self.base.add(off), out.as_mut_ptr(), out.len()) };
            Ok(())
        } else {
            checked_copy(self.base.wrapping_add(off), out.as_mut_ptr(), out.len(), false)
        }
    }

    /// Copies `data` into guest memory at `ptr`. NULL is the kernel's NULL
    /// (`EFAULT`), not the guest's address 0.
    pub fn write(&self, ptr: u32, data: &[u8]) -> Result<(), Errno> {
        if ptr == 0 && !data.is_empty() {
            return Err(EFAULT);
        }
        let off = self.check(ptr, data.len())?;
        let _guard = self.pages.read_lock();
        if self.pages.host_safe(off, data.len()) {
            // SAFETY: as in `read`.
            unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), self.base.add(off), data.len()) };
            Ok(())
        } else {
            checked_copy(data.as_ptr() as *mut u8, self.base.wrapping_add(off), data.len(), true)
        }
    }

    pub fn read_u32(&self, ptr: u32) -> Result<u32, Errno> {
        let mut b = [0; 4];
        self.read(ptr, &mut b)?;
        Ok(u32::from_le_bytes(b))
    }

    pub fn write_u32(&self, ptr: u32, v: u32) -> Result<(), Errno> {
        self.write(ptr, &v.to_le_bytes())
    }

    pub fn read_u64(&self, ptr: u32) -> Result<u64, Errno> {
        let mut b = [0; 8];
        self.read(ptr, &mut b)?;
        Ok(u64::from_le_bytes(b))
    }

    pub fn write_u64(&self, ptr: u32, v: u64) -> Result<(), Errno> {
        self.write(ptr, &v.to_le_bytes())
    }

    /// Length of the NUL-terminated string at `ptr` (without the NUL), looking
    /// at most `max` bytes; `ENAMETOOLONG` if no NUL is found within them and
    /// `EFAULT` if the string runs off the memory.
    pub fn strlen(&self, ptr: u32, max: usize) -> Result<usize, Errno> {
        let mut off = self.check(ptr, 0)?;
        let mut len = 0;
        let mut chunk = [0u8; PAGE];
        let _guard = self.pages.read_lock();
        loop {
            if len >= max {
                return Err(libc::ENAMETOOLONG);
            }
            let size = if self.window.contains(&off) { self.window.end } else { self.size() };
            if off >= size {
                return Err(EFAULT);
            }
            let n = (PAGE - off % PAGE).min(size - off).min(max - len);
            let found = if page::host_safe(self.pages.get(off / PAGE)) {
                // SAFETY: `[off, off + n)` is inside the memory on one plain page.
                let s = unsafe { std::slice::from_raw_parts(self.base.add(off), n) };
                s.iter().position(|&b| b == 0)
            } else {
                checked_copy(self.base.wrapping_add(off), chunk.as_mut_ptr(), n, false)?;
                chunk[..n].iter().position(|&b| b == 0)
            };
            if let Some(i) = found {
                return Ok(len + i);
            }
            len += n;
            off += n;
        }
    }

    /// A NUL-terminated string the kernel will read (a path, a name): NULL
    /// stays NULL, anything else must be terminated inside the memory within
    /// `max` bytes (`PATH_MAX` for paths).
    pub fn cstr(&self, ptr: u32, max: usize) -> Result<*const libc::c_char, Errno> {
        if ptr == 0 {
            return Ok(std::ptr::null());
        }
        self.strlen(ptr, max)?;
        Ok(self.base.wrapping_add(ptr as usize).cast())
    }

    /// A path argument: NUL-terminated within `PATH_MAX` bytes.
    pub fn path(&self, ptr: u32) -> Result<*const libc::c_char, Errno> {
        self.cstr(ptr, libc::PATH_MAX as usize)
    }

    /// A path argument copied to the host, for calls that use it more than
    /// once (another guest thread could change it in between): NULL is
    /// `EFAULT`, as the kernel would say.
    pub fn path_copy(&self, ptr: u32) -> Result<std::ffi::CString, Errno> {
        if ptr == 0 {
            return Err(EFAULT);
        }
        let s = self.read_cstr(ptr, libc::PATH_MAX as usize)?;
        Ok(std::ffi::CString::new(s).expect("read_cstr stops at the first NUL"))
    }

    /// Copies the string at `ptr` (without its NUL) into a host vector.
    /// Another guest thread may change the bytes between measuring and
    /// copying: the copy ends at its first NUL, so it never holds one.
    pub fn read_cstr(&self, ptr: u32, max: usize) -> Result<Vec<u8>, Errno> {
        let len = self.strlen(ptr, max)?;
        let mut v = vec![0; len];
        self.read(ptr, &mut v)?;
        if let Some(nul) = v.iter().position(|&b| b == 0) {
            v.truncate(nul);
        }
        Ok(v)
    }

    /// Reads a NULL-terminated array of 32-bit guest pointers (argv, envp),
    /// at most `max` entries.
    pub fn read_ptr_array(&self, ptr: u32, max: usize) -> Result<Vec<u32>, Errno> {
        let mut out = Vec::new();
        let mut at = ptr;
        loop {
            let p = self.read_u32(at)?;
            if p == 0 {
                return Ok(out);
            }
            if out.len() >= max {
                return Err(libc::E2BIG);
            }
            out.push(p);
            at = at.checked_add(4).ok_or(EFAULT)?;
        }
    }
}

/// Copies `len` bytes between this process's addresses without faulting:
/// the guest side may be unreadable or unwritable, which gives `EFAULT`.
fn checked_copy(src: *mut u8, dst: *mut u8, len: usize, to_guest: bool) -> Result<(), Errno> {
    if len == 0 {
        return Ok(());
    }
    let local = libc::iovec { iov_base: if to_guest { src } else { dst }.cast(), iov_len: len };
    let remote = libc::iovec { iov_base: if to_guest { dst } else { src }.cast(), iov_len: len };
    // SAFETY: the kernel validates the remote (guest) side; the local side is ours.
    let n = unsafe {
        if to_guest {
            libc::process_vm_writev(libc::getpid(), &local, 1, &remote, 1, 0)
        } else {
            libc::process_vm_readv(libc::getpid(), &local, 1, &remote, 1, 0)
        }
    };
    if n == len as isize {
        Ok(())
    } else {
        Err(EFAULT)
    }
}
