//! Host memory the guest must never reach: pages with a known pattern at
//! random host addresses, on the heap, in static memory, and a *mirror* of
//! the low guest addresses (host `0x10000..0x100000`), which an engine that
//! passed a guest pointer to the kernel without adding the memory's base
//! would hit. Also reads and writes of host memory that may be unmapped.

use crate::gen::PAGE;
use crate::rng::Rng;

pub const CANARY: &[u8; 16] = b"WALI-FUZZ-CANARY";
const MIRROR_AT: usize = 0x10000;
const MIRROR_END: usize = 0x100000;

/// Reads `buf.len()` bytes at a host address that may be unmapped or protected.
pub fn vm_read(addr: usize, buf: &mut [u8]) -> bool {
    let local = libc::iovec { iov_base: buf.as_mut_ptr().cast(), iov_len: buf.len() };
    let remote = libc::iovec { iov_base: addr as *mut libc::c_void, iov_len: buf.len() };
    unsafe { libc::process_vm_readv(libc::getpid(), &local, 1, &remote, 1, 0) == buf.len() as isize }
}

/// Writes `buf` at a host address that may be unmapped or protected.
pub fn vm_write(addr: usize, buf: &[u8]) -> bool {
    let local = libc::iovec { iov_base: buf.as_ptr() as *mut libc::c_void, iov_len: buf.len() };
    let remote = libc::iovec { iov_base: addr as *mut libc::c_void, iov_len: buf.len() };
    unsafe { libc::process_vm_writev(libc::getpid(), &local, 1, &remote, 1, 0) == buf.len() as isize }
}

/// Host pages holding the canary pattern.
pub struct Canaries {
    /// Page-sized regions at random addresses, on the heap, in static memory.
    pub pages: Vec<usize>,
    /// The mirror of guest `0x10000..0x100000` at the same host addresses.
    pub mirror: bool,
    pattern: Vec<u8>,
}

static mut STATIC_CANARY: [u8; 4096] = [0; 4096];

impl Canaries {
    pub fn new(rng: &mut Rng) -> Canaries {
        let pattern: Vec<u8> = CANARY.iter().copied().cycle().take(PAGE as usize).collect();
        let mut pages = Vec::new();
        let fill = |at: usize, len: usize| {
            for off in (0..len).step_by(PAGE as usize) {
                unsafe { std::ptr::copy_nonoverlapping(pattern.as_ptr(), (at + off) as *mut u8, PAGE as usize) };
            }
        };
        let map = |at: usize, len: usize| -> bool {
            let flags = libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_FIXED_NOREPLACE;
            let p = unsafe { libc::mmap(at as *mut _, len, libc::PROT_READ | libc::PROT_WRITE, flags, -1, 0) };
            p as usize == at
        };
        let mirror = map(MIRROR_AT, MIRROR_END - MIRROR_AT);
        if mirror {
            fill(MIRROR_AT, MIRROR_END - MIRROR_AT);
        }
        let mut tries = 0;
        while pages.len() < 4 && tries < 64 {
            tries += 1;
            let at = (rng.below(1 << 46) as usize + (1 << 32)) & !(PAGE as usize - 1);
            if map(at, PAGE as usize) {
                fill(at, PAGE as usize);
                pages.push(at);
            }
        }
        let heap: &'static mut [u8] = Box::leak(vec![0u8; 2 * PAGE as usize].into_boxed_slice());
        let heap_page = (heap.as_ptr() as usize + PAGE as usize - 1) & !(PAGE as usize - 1);
        fill(heap_page, PAGE as usize);
        pages.push(heap_page);
        let st = std::ptr::addr_of_mut!(STATIC_CANARY) as usize;
        fill(st, PAGE as usize);
        pages.push(st);
        Canaries { pages, mirror, pattern }
    }

    fn page_ok(&self, at: usize) -> bool {
        // SAFETY: our own mapped, readable pages.
        let s = unsafe { std::slice::from_raw_parts(at as *const u8, PAGE as usize) };
        s == &self.pattern[..]
    }

    /// A page that differs from the pattern, if any.
    pub fn check_pages(&self) -> Option<usize> {
        self.pages.iter().copied().find(|&p| !self.page_ok(p))
    }

    /// The mirror pages around guest/host address `p`.
    pub fn check_mirror_at(&self, p: u64) -> Option<usize> {
        if !self.mirror || !(MIRROR_AT as u64..MIRROR_END as u64).contains(&p) {
            return None;
        }
        let page = p as usize & !(PAGE as usize - 1);
        [page, page + PAGE as usize].into_iter().filter(|&q| q < MIRROR_END).find(|&q| !self.page_ok(q))
    }

    pub fn check_mirror(&self) -> Option<usize> {
        if !self.mirror {
            return None;
        }
        (MIRROR_AT..MIRROR_END).step_by(PAGE as usize).find(|&q| !self.page_ok(q))
    }

    /// What differs in a page: offset and the first bytes there.
    pub fn describe(&self, at: usize) -> String {
        let s = unsafe { std::slice::from_raw_parts(at as *const u8, PAGE as usize) };
        let off = s.iter().zip(&self.pattern).position(|(a, b)| a != b).unwrap_or(0);
        let n = s.iter().zip(&self.pattern).filter(|(a, b)| a != b).count();
        format!("host page {at:#x}: {n} bytes changed from offset {off:#x}: {}", hex(&s[off..(off + 32).min(s.len())]))
    }
}

pub fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect::<Vec<_>>().join(" ")
}