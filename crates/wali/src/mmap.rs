//! The mmap region manager: guest mappings live inside the linear memory.
//!
//! Mappings are placed first-fit in pages freed earlier, else at the end of
//! the memory, which grows as needed. The host kernel maps them with
//! `MAP_FIXED` at the chosen offset. Nothing in the memory's reservation is
//! ever really unmapped: `munmap` maps fresh `PROT_NONE` pages over the range,
//! because a hole could be filled by an unrelated host mapping that the guest
//! could then reach. Page states (see `memory::page`) record what is where,
//! for reuse and for the engine's own safe access.

use crate::memory::{page, Errno, GuestMemory, PAGE};
use std::sync::Mutex;

const WASM_PAGE: usize = 65536;

pub struct Mmap {
    /// Serialises changes; holds the lowest page index that may be free.
    lock: Mutex<usize>,
    /// The memory's maximum size in bytes.
    max: usize,
}

/// The guest flags we pass on to the host (besides the mapping type).
const PASSED_FLAGS: i32 = libc::MAP_ANONYMOUS
    | libc::MAP_NORESERVE
    | libc::MAP_POPULATE
    | libc::MAP_LOCKED
    | libc::MAP_NONBLOCK
    | libc::MAP_STACK
    | libc::MAP_HUGETLB
    | libc::MAP_SYNC;
/// Flags that are accepted and ignored (placement is always ours).
const IGNORED_FLAGS: i32 = libc::MAP_DENYWRITE | libc::MAP_EXECUTABLE | libc::MAP_GROWSDOWN | MAP_32BIT;
/// x86_64 only: the guest may ask for it on any host (placement is ours anyway).
const MAP_32BIT: i32 = 0x40;

fn round_up(len: u64) -> Result<usize, Errno> {
    let len = usize::try_from(len).map_err(|_| libc::ENOMEM)?;
    len.checked_next_multiple_of(PAGE).ok_or(libc::ENOMEM)
}

fn check_prot(prot: i32) -> Result<i32, Errno> {
    if prot & !(libc::PROT_READ | libc::PROT_WRITE | libc::PROT_EXEC) != 0 {
        return Err(libc::EINVAL);
    }
    // Linear memory is never executed by the host CPU.
    Ok(prot & !libc::PROT_EXEC)
}

fn last_errno() -> Errno {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(libc::EINVAL)
}

impl Mmap {
    pub fn new(max: usize) -> Mmap {
        Mmap { lock: Mutex::new(0), max }
    }

    /// Held across `fork`, so the child never inherits it locked.
    pub fn guard(&self) -> std::sync::MutexGuard<'_, usize> {
        self.lock.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `mmap`: returns the guest address of the new mapping.
    #[allow(clippy::too_many_arguments)]
    pub fn map(
        &self,
        mem: &GuestMemory,
        addr: u32,
        len: u32,
        prot: i32,
        flags: i32,
        fd: i32,
        offset: i64,
    ) -> Result<u32, Errno> {
        let len = round_up(len as u64)?;
        let prot = check_prot(prot)?;
        let kind = flags & libc::MAP_TYPE;
        if len == 0 || !matches!(kind, libc::MAP_SHARED | libc::MAP_PRIVATE | libc::MAP_SHARED_VALIDATE) {
            return Err(libc::EINVAL);
        }
        let fixed = flags & (libc::MAP_FIXED | libc::MAP_FIXED_NOREPLACE) != 0;
        let known = libc::MAP_TYPE | libc::MAP_FIXED | libc::MAP_FIXED_NOREPLACE | PASSED_FLAGS | IGNORED_FLAGS;
        if kind == libc::MAP_SHARED_VALIDATE && flags & !known != 0 {
            return Err(libc::EOPNOTSUPP);
        }
        let anon = flags & libc::MAP_ANONYMOUS != 0;
        if offset < 0 || !(offset as usize).is_multiple_of(PAGE) {
            return Err(libc::EINVAL);
        }
        let mut hint = self.guard();
        let _access = mem.pages().write_lock();
        let at = if fixed {
            let at = addr as usize;
            if !at.is_multiple_of(PAGE) {
                return Err(libc::EINVAL);
            }
            if at == 0 {
                return Err(libc::EPERM); // below mmap_min_addr, as natively
            }
            let end = at.checked_add(len).filter(|&e| e <= self.max).ok_or(libc::ENOMEM)?;
            // Pages beyond the memory's end are free; check before growing.
            let inside = end.min(mem.size());
            if flags & libc::MAP_FIXED_NOREPLACE != 0
                && (at / PAGE..inside.max(at) / PAGE).any(|i| mem.pages().get(i) != page::FREE)
            {
                return Err(libc::EEXIST);
            }
            if end > mem.size() {
                self.grow(mem, end - mem.size())?;
            }
            at
        } else {
            self.place(mem, &mut hint, len)?
        };
        let _closing = close(mem, at, len);
        let host = mem.base().wrapping_add(at);
        let host_flags = kind | (flags & PASSED_FLAGS) | libc::MAP_FIXED;
        if anon {
            // SAFETY: `[at, at + len)` is inside the memory's reservation.
            let p = crate::profile::timed(|| unsafe { libc::mmap(host.cast(), len, prot, host_flags, -1, 0) });
            if p == libc::MAP_FAILED {
                let e = last_errno();
                no_hole(mem, at, len);
                return Err(e);
            }
        } else {
            // Map the file elsewhere first, then move it into place: a failing
            // file mmap (bad fd, no permission) never disturbs the memory.
            let tmp = crate::profile::timed(|| unsafe { libc::mmap(std::ptr::null_mut(), len, prot, host_flags & !libc::MAP_FIXED, fd, offset) });
            if tmp == libc::MAP_FAILED {
                return Err(last_errno());
            }
            let flags = libc::MREMAP_MAYMOVE | libc::MREMAP_FIXED;
            let p = crate::profile::timed(|| unsafe { libc::mremap(tmp, len, len, flags, host.cast::<libc::c_void>()) });
            if p == libc::MAP_FAILED {
                let e = last_errno();
                crate::profile::timed(|| unsafe { libc::munmap(tmp, len) });
                // The destination may have been unmapped before the move failed.
                no_hole(mem, at, len);
                return Err(e);
            }
        }
        let rw = prot == libc::PROT_READ | libc::PROT_WRITE;
        let state = match (anon, kind == libc::MAP_PRIVATE, rw) {
            (true, true, true) => page::ANON,
            (true, true, false) => page::ANON_PROT,
            (true, false, true) => page::SHARED,
            _ => page::FILE,
        };
        mem.pages().set(at / PAGE, len / PAGE, state);
        if *hint == at / PAGE {
            *hint = (at + len) / PAGE;
        }
        Ok(at as u32)
    }

    /// Finds `len` bytes of free pages, growing the memory if none are free.
    fn place(&self, mem: &GuestMemory, hint: &mut usize, len: usize) -> Result<usize, Errno> {
        let want = len / PAGE;
        let pages = mem.pages();
        let limit = mem.size() / PAGE;
        let mut run = 0;
        let mut i = *hint;
        let mut first_free = None;
        while i < limit {
            if pages.get(i) == page::FREE {
                first_free.get_or_insert(i);
                run += 1;
                if run == want {
                    *hint = first_free.unwrap_or(i);
                    return Ok((i + 1 - want) * PAGE);
                }
            } else {
                run = 0;
            }
            i += 1;
        }
        // Nothing fits: extend the free run at the end of the memory (never
        // from page 0, see `grow`).
        *hint = first_free.unwrap_or(limit);
        let start = ((limit - run) * PAGE).max(PAGE);
        self.grow(mem, start + len - limit * PAGE)?;
        Ok(start)
    }

    /// Grows the memory by at least `bytes`; the new pages become free,
    /// except page 0: address 0 is NULL to the engine and to C, so no
    /// mapping is ever placed there.
    fn grow(&self, mem: &GuestMemory, bytes: usize) -> Result<(), Errno> {
        let delta = bytes.div_ceil(WASM_PAGE);
        let old = mem.shared().grow(delta as u64).map_err(|_| libc::ENOMEM)? as usize * WASM_PAGE;
        mem.pages().set(old / PAGE, delta * WASM_PAGE / PAGE, page::FREE);
        if old == 0 {
            mem.pages().set(0, 1, page::FOREIGN);
        }
        mem.size();
        Ok(())
    }

    /// Replaces `[at, at + len)` with inaccessible pages, without a hole.
    /// Fails when the kernel has no room for another mapping
    /// (`vm.max_map_count`): the range is then as it was (see `no_hole`).
    fn fill_none(&self, mem: &GuestMemory, at: usize, len: usize) -> Result<(), Errno> {
        let flags = libc::MAP_FIXED | libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE;
        // SAFETY: the range is inside the memory's reservation.
        let p = crate::profile::timed(|| unsafe { libc::mmap(mem.base().wrapping_add(at).cast(), len, libc::PROT_NONE, flags, -1, 0) });
        if p == libc::MAP_FAILED {
            let e = last_errno();
            no_hole(mem, at, len);
            return Err(e);
        }
        Ok(())
    }

    /// Checks a page-aligned guest range inside the memory; returns (start, len).
    fn range(&self, mem: &GuestMemory, addr: u32, len: u64) -> Result<(usize, usize), Errno> {
        let len = round_up(len)?;
        let at = addr as usize;
        if !at.is_multiple_of(PAGE) {
            return Err(libc::EINVAL);
        }
        let end = at.checked_add(len).ok_or(libc::EINVAL)?;
        if end > mem.size() {
            return Err(libc::ENOMEM);
        }
        Ok((at, len))
    }

    /// `munmap`: the pages become inaccessible; managed ones can be reused.
    pub fn unmap(&self, mem: &GuestMemory, addr: u32, len: u32) -> Result<(), Errno> {
        if len == 0 {
            return Err(libc::EINVAL);
        }
        let (at, len) = self.range(mem, addr, len as u64).map_err(|_| libc::EINVAL)?;
        let mut hint = self.guard();
        let _access = mem.pages().write_lock();
        self.unmap_locked(mem, &mut hint, at, len)
    }

    /// `unmap` with the guard and the write lock held.
    fn unmap_locked(&self, mem: &GuestMemory, hint: &mut usize, at: usize, len: usize) -> Result<(), Errno> {
        let _closing = close(mem, at, len);
        self.fill_none(mem, at, len)?;
        self.release(mem, at, len);
        *hint = (*hint).min(at / PAGE);
        Ok(())
    }

    fn release(&self, mem: &GuestMemory, at: usize, len: usize) {
        let pages = mem.pages();
        for i in at / PAGE..(at + len) / PAGE {
            let s = pages.get(i);
            let new = if matches!(s, page::FOREIGN | page::FOREIGN_PROT) { page::FOREIGN_PROT } else { page::FREE };
            pages.set(i, 1, new);
        }
    }

    /// `mprotect` inside the memory; free pages count as unmapped (`ENOMEM`).
    pub fn protect(&self, mem: &GuestMemory, addr: u32, len: u32, prot: i32) -> Result<(), Errno> {
        let prot = check_prot(prot)?;
        let (at, len) = self.range(mem, addr, len as u64)?;
        let _hint = self.guard();
        let _access = mem.pages().write_lock();
        let pages = mem.pages();
        if (at / PAGE..(at + len) / PAGE).any(|i| pages.get(i) == page::FREE) {
            return Err(libc::ENOMEM);
        }
        let _closing = close(mem, at, len);
        // SAFETY: the range is inside the memory.
        if crate::profile::timed(|| unsafe { libc::mprotect(mem.base().wrapping_add(at).cast(), len, prot) }) != 0 {
            return Err(last_errno());
        }
        let rw = prot == libc::PROT_READ | libc::PROT_WRITE;
        for i in at / PAGE..(at + len) / PAGE {
            let new = match (pages.get(i), rw) {
                (page::FOREIGN | page::FOREIGN_PROT, true) => page::FOREIGN,
                (page::FOREIGN | page::FOREIGN_PROT, false) => page::FOREIGN_PROT,
                (page::ANON | page::ANON_PROT, true) => page::ANON,
                (page::ANON | page::ANON_PROT, false) => page::ANON_PROT,
                (page::SHARED, false) => page::FILE,
                (s, _) => s,
            };
            pages.set(i, 1, new);
        }
        Ok(())
    }

    /// `mremap` of a mapping made by `mmap`. Private anonymous mappings grow
    /// in place when the following pages are free, else move (with
    /// `MREMAP_MAYMOVE`); other mappings can shrink, or move unchanged in size.
    pub fn remap(
        &self,
        mem: &GuestMemory,
        old: u32,
        old_len: u32,
        new_len: u32,
        flags: i32,
        new_addr: u32,
    ) -> Result<u32, Errno> {
        if flags & !(libc::MREMAP_MAYMOVE | libc::MREMAP_FIXED) != 0
            || (flags & libc::MREMAP_FIXED != 0 && flags & libc::MREMAP_MAYMOVE == 0)
            || new_len == 0
            || old_len == 0
        {
            return Err(libc::EINVAL);
        }
        let (at, old_len) = self.range(mem, old, old_len as u64).map_err(|_| libc::EFAULT)?;
        let new_len = round_up(new_len as u64)?;
        // Locked before the pages' state is read: another thread's munmap
        // must not change it between the check and the move.
        let mut hint = self.guard();
        let _access = mem.pages().write_lock();
        let pages = mem.pages();
        let state = pages.get(at / PAGE);
        if !page::is_mapped(state) || (at / PAGE..(at + old_len) / PAGE).any(|i| pages.get(i) != state) {
            return Err(libc::EFAULT);
        }
        if flags & libc::MREMAP_FIXED == 0 && new_len <= old_len {
            if new_len < old_len {
                self.unmap_locked(mem, &mut hint, at + new_len, old_len - new_len)?;
            }
            return Ok(at as u32);
        }
        let tail = at + old_len;
        let grow = new_len.saturating_sub(old_len);
        if flags & libc::MREMAP_FIXED == 0 && state == page::ANON {
            let end = at + new_len;
            let free = end <= self.max && (tail / PAGE..end.min(mem.size()) / PAGE).all(|i| pages.get(i) == page::FREE);
            if free {
                if end > mem.size() {
                    self.grow(mem, end - mem.size())?;
                }
                self.map_anon(mem, tail, grow, libc::PROT_READ | libc::PROT_WRITE)?;
                pages.set(tail / PAGE, grow / PAGE, page::ANON);
                return Ok(at as u32);
            }
        }
        if flags & libc::MREMAP_MAYMOVE == 0 {
            return Err(libc::ENOMEM);
        }
        if grow > 0 && !matches!(state, page::ANON | page::ANON_PROT) {
            return Err(libc::ENOMEM);
        }
        let dest = if flags & libc::MREMAP_FIXED != 0 {
            let d = new_addr as usize;
            let end = d.checked_add(new_len).filter(|&e| e <= self.max).ok_or(libc::ENOMEM)?;
            if !d.is_multiple_of(PAGE) || (d < at + old_len && at < end) {
                return Err(libc::EINVAL);
            }
            if d == 0 {
                return Err(libc::EPERM);
            }
            if end > mem.size() {
                self.grow(mem, end - mem.size())?;
            }
            d
        } else {
            self.place(mem, &mut hint, new_len)?
        };
        let keep = old_len.min(new_len);
        let _closing = close(mem, at, old_len);
        // The destination is free (PROT_NONE). The growth is mapped first:
        // if the move then fails, nothing was moved and the growth is taken
        // away again (left mapped but free if even that fails).
        if grow > 0 {
            self.map_anon(mem, dest + keep, grow, libc::PROT_READ | libc::PROT_WRITE)?;
        }
        if let Err(e) = self.move_pages(mem, at, dest, keep) {
            no_hole(mem, dest, keep);
            if grow > 0 {
                self.fill_none(mem, dest + keep, grow).ok();
            }
            return Err(e);
        }
        pages.set(dest / PAGE, keep / PAGE, state);
        pages.set((dest + keep) / PAGE, grow / PAGE, page::ANON);
        if self.fill_none(mem, at, old_len).is_err() {
            // No room to take the source away: both copies stay, the source
            // recorded as it is (mapped, reusable only after a munmap).
            return Ok(dest as u32);
        }
        self.release(mem, at, old_len);
        *hint = (*hint).min(at / PAGE);
        Ok(dest as u32)
    }

    fn map_anon(&self, mem: &GuestMemory, at: usize, len: usize, prot: i32) -> Result<(), Errno> {
        let flags = libc::MAP_FIXED | libc::MAP_PRIVATE | libc::MAP_ANONYMOUS;
        let p = crate::profile::timed(|| unsafe { libc::mmap(mem.base().wrapping_add(at).cast(), len, prot, flags, -1, 0) });
        if p == libc::MAP_FAILED {
            let e = last_errno();
            no_hole(mem, at, len);
            return Err(e);
        }
        Ok(())
    }

    /// Moves `len` bytes of mapped pages from `from` to `to` inside the memory.
    /// `MREMAP_DONTUNMAP` leaves the source mapped, so no hole ever opens.
    fn move_pages(&self, mem: &GuestMemory, from: usize, to: usize, len: usize) -> Result<(), Errno> {
        let src = mem.base().wrapping_add(from);
        let dst = mem.base().wrapping_add(to);
        let flags = libc::MREMAP_MAYMOVE | libc::MREMAP_FIXED | libc::MREMAP_DONTUNMAP;
        // SAFETY: both ranges are inside the memory's reservation and disjoint.
        let p = crate::profile::timed(|| unsafe { libc::mremap(src.cast(), len, len, flags, dst.cast::<libc::c_void>()) });
        if p != libc::MAP_FAILED {
            return Ok(());
        }
        // Older kernels: copy private anonymous pages instead.
        if mem.pages().get(from / PAGE) != page::ANON {
            return Err(libc::ENOMEM);
        }
        self.map_anon(mem, to, len, libc::PROT_READ | libc::PROT_WRITE)?;
        unsafe { std::ptr::copy_nonoverlapping(src, dst, len) };
        Ok(())
    }

    /// Checks a range for `msync`/`madvise`, which the kernel then handles.
    pub fn host_range(&self, mem: &GuestMemory, addr: u32, len: u32) -> Result<(*mut u8, usize), Errno> {
        let (at, len) = self.range(mem, addr, len as u64)?;
        Ok((mem.base().wrapping_add(at), len))
    }
}

/// Waits until no futex waiter reads a word in `[at, at + len)`, and keeps
/// new ones out until dropped (see `memory::Waiters`).
fn close(mem: &GuestMemory, at: usize, len: usize) -> crate::memory::Closing<'_> {
    mem.pages().close(at, len, |addr| {
        let _ = mem.shared().atomic_notify(u64::from(addr), u32::MAX);
    })
}

/// After a failed change to `[at, at + len)`: makes sure no page of it was
/// left unmapped. Linux leaves the old mapping in place when it refuses a
/// new one for want of room (`vm.max_map_count`), but older kernels could
/// unmap a destination before failing. A hole in the reservation could be
/// filled by an unrelated host mapping the guest could then reach, so one
/// is plugged with an inaccessible page; if even that is impossible, the
/// process stops (status 134) rather than run with a hole.
fn no_hole(mem: &GuestMemory, at: usize, len: usize) {
    let mut vec = [0u8; 1];
    for page_at in (at..at + len).step_by(PAGE) {
        let host = mem.base().wrapping_add(page_at);
        // SAFETY: mincore only reports; ENOMEM means the page is unmapped.
        if crate::profile::timed(|| unsafe { libc::mincore(host.cast(), PAGE, vec.as_mut_ptr()) }) == 0 || last_errno() != libc::ENOMEM {
            continue;
        }
        let flags = libc::MAP_FIXED_NOREPLACE | libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE;
        let p = crate::profile::timed(|| unsafe { libc::mmap(host.cast(), PAGE, libc::PROT_NONE, flags, -1, 0) });
        if p != host.cast() {
            crate::say(format_args!(
                "fatal: a failed mapping change left guest page {page_at:#x} unmapped and it cannot be plugged: {}",
                std::io::Error::last_os_error()
            ));
            unsafe { libc::_exit(crate::TRAP_STATUS) };
        }
    }
}
