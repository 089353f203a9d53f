//! The fd races kind. The engine opens a guest path in three steps (a
//! name-only descriptor, a check, a reopen: crates/wali/src/open.rs) so
//! that no descriptor of a process's memory file ever exists, not even for
//! the instant another guest thread needs to copy it: the review's attack
//! was a thread spinning on `dup(N)` while another opened `/proc/self/mem`,
//! and `pwrite` through the copy patched the engine's code.
//!
//! A worker of this kind makes the calls worker's calls, but only opens
//! (`open`, `openat`) and execs of the paths to the memory file the review
//! tried (`gen::mem_path_call`), while a guest thread
//! (`$fd_spinner` in the dispatcher module) copies low descriptors with
//! `dup`, `fcntl(F_DUPFD)` and `dup3`, favouring the numbers just above its
//! own copy, where the engine's descriptor of an open in progress lands. A
//! copy whose name (`/proc/self/fd/N`) ends in `/mem` and that reads or
//! writes 0 bytes is an escape; so is such a descriptor returned by an open.

use crate::gen::MemPath;
use crate::shared::Shared;
use std::path::Path;
use std::sync::atomic::{AtomicI32, AtomicI64, Ordering};

/// The spinner's zone in guest memory (see the layout in `gen`).
pub const ZONE: u32 = 0x1c000;
// Offsets in the zone, as `$fd_spinner` uses them.
const ESCAPED: usize = 4;
const CAUGHT_FD: usize = 8;
const HOW: usize = 12;
const COPIES: usize = 16;
const SPAN: usize = 24;
const DUP3_AT: usize = 28;
const NAMED: usize = 32;
const SOURCE_FD: usize = 40;
/// Where the paths are written.
const PATHS: u32 = ZONE + 0x800;
const PATHS_END: u32 = ZONE + 0x4000;

pub struct FdRace {
    /// Host address of the zone.
    zone: usize,
    pub paths: Vec<MemPath>,
    /// The calls that take the paths: open, openat, execve.
    pub targets: [usize; 3],
    /// Copies already added to the totals.
    counted: (i64, i64),
}

impl FdRace {
    /// Opens the descriptors the paths need (a name-only one of the memory
    /// file, /proc, /proc/self, /proc/self/task) through the guest, plants
    /// symlinks in the work directory, writes the paths, and starts the
    /// spinner. `call` makes a guest call by import name.
    pub fn start(
        call: &mut dyn FnMut(&str, [i64; 6]) -> i64,
        base: usize,
        pid: i32,
        tid: i32,
        workdir: &Path,
        targets: [usize; 3],
    ) -> Result<FdRace, String> {
        let mut race = FdRace { zone: base + ZONE as usize, paths: Vec::new(), targets, counted: (0, 0) };
        let mut at = PATHS;
        let mut put = |s: &str| -> u32 {
            let p = at;
            assert!(p + (s.len() as u32) < PATHS_END, "fd race paths overflow their zone");
            // SAFETY: the zone is plain read-write guest memory of the fuzzer's.
            unsafe {
                std::ptr::copy_nonoverlapping(s.as_ptr(), (base + p as usize) as *mut u8, s.len());
                *((base + p as usize + s.len()) as *mut u8) = 0;
            }
            at = (at + s.len() as u32 + 8) & !7;
            p
        };
        let mut open = |path: &str, flags: i32| -> i32 {
            let p = put(path);
            call("SYS_open", [p as i64, flags as i64, 0, 0, 0, 0]) as i32
        };
        let named = open("/proc/self/mem", libc::O_PATH);
        let dir = libc::O_RDONLY | libc::O_DIRECTORY;
        let (self_dir, proc_dir, task_dir) = (open("/proc/self", dir), open("/proc", dir), open("/proc/self/task", dir));
        if named < 0 || self_dir < 0 || proc_dir < 0 || task_dir < 0 {
            return Err(format!(
                "opening /proc/self/mem (O_PATH), /proc/self, /proc and /proc/self/task as the guest: {named}, {self_dir}, {proc_dir}, {task_dir}"
            ));
        }
        let links = [("memlink", "/proc/self/mem".to_string()), ("fdlink", format!("/proc/self/fd/{named}")), ("selflink", "/proc/self".into())];
        for (name, target) in &links {
            std::os::unix::fs::symlink(target, workdir.join(name)).map_err(|e| format!("symlink {name}: {e}"))?;
        }
        // Start the spinner first: its thread has a memory file path of its
        // own. It sweeps up to a little above the descriptors opened last.
        let highest = named.max(self_dir).max(proc_dir).max(task_dir);
        race.word(SPAN).store(highest + 8 - 3, Ordering::SeqCst);
        race.word(DUP3_AT).store(crate::sandbox::OPEN_FILES as i32 - 24, Ordering::SeqCst);
        let spinner = call("__wasm_thread_spawn", [crate::dispatch::FD_SPINNER as i64, ZONE as i64, 0, 0, 0, 0]);
        if spinner <= 0 {
            return Err(format!("starting the descriptor-copying guest thread: {spinner}"));
        }
        let cwd = libc::AT_FDCWD;
        let absolute = [
            "/proc/self/mem".to_string(),
            "/proc/thread-self/mem".into(),
            format!("/proc/self/task/{tid}/mem"),
            format!("/proc/self/task/{spinner}/mem"),
            "/proc/self/task/../mem".into(),
            format!("/proc/{pid}/mem"),
            format!("/proc/{pid}/task/{tid}/mem"),
            format!("/dev/fd/{named}"),
            format!("/proc/self/fd/{named}"),
            format!("/proc/thread-self/fd/{named}"),
            "/proc/self/root/proc/self/mem".into(),
            "/proc/self/cwd/memlink".into(),
            "//proc/./self//mem".into(),
            "memlink".into(),
            "fdlink".into(),
            "selflink/mem".into(),
        ];
        for p in &absolute {
            race.paths.push(MemPath { at: put(p), dir: cwd, cwd: None });
        }
        let relative: [(i32, Vec<String>); 3] = [
            (self_dir, vec!["mem".into(), "./mem".into(), "task/../mem".into(), format!("task/{tid}/mem"), format!("fd/{named}")]),
            (proc_dir, vec!["self/mem".into(), format!("{pid}/mem"), "thread-self/mem".into()]),
            (task_dir, vec![format!("{tid}/mem"), format!("{spinner}/mem"), "../mem".into()]),
        ];
        for (dir, names) in &relative {
            for n in names {
                let at = put(n);
                race.paths.push(MemPath { at, dir: *dir, cwd: None });
                // The same name relative to the working directory, made that directory.
                race.paths.push(MemPath { at, dir: cwd, cwd: Some(*dir) });
            }
        }
        Ok(race)
    }

    fn word(&self, off: usize) -> &AtomicI32 {
        // SAFETY: an aligned word of the zone, which the spinner uses atomically too.
        unsafe { &*((self.zone + off) as *const AtomicI32) }
    }

    fn counter(&self, off: usize) -> &AtomicI64 {
        // SAFETY: as `word`; the spinner adds to it with i64 atomics.
        unsafe { &*((self.zone + off) as *const AtomicI64) }
    }

    /// Adds the spinner's copies since the last time to the totals.
    pub fn count(&mut self, shared: &Shared) {
        let (copies, named) = (self.counter(COPIES).load(Ordering::SeqCst), self.counter(NAMED).load(Ordering::SeqCst));
        shared.kinds.fd_copies.fetch_add((copies - self.counted.0).max(0) as u64, Ordering::Relaxed);
        shared.kinds.fd_named.fetch_add((named - self.counted.1).max(0) as u64, Ordering::Relaxed);
        self.counted = (copies, named);
    }

    /// After a call: did the spinner catch a descriptor that reads or writes
    /// the memory file, or did the call return one? Closes what an open
    /// returned (the worker would run out of descriptors).
    pub fn check(&self, name: &str, r: Option<i64>, prepared: &[i32]) -> Option<String> {
        if self.word(ESCAPED).load(Ordering::SeqCst) != 0 {
            let how = ["dup", "fcntl(F_DUPFD)", "dup3"].get(self.word(HOW).load(Ordering::SeqCst) as usize).unwrap_or(&"?");
            return Some(format!(
                "ESCAPE: the guest thread copying descriptors caught descriptor {} ({how} of descriptor {}), which \
                 names the memory file and reads or writes it",
                self.word(CAUGHT_FD).load(Ordering::SeqCst),
                self.word(SOURCE_FD).load(Ordering::SeqCst)
            ));
        }
        let fd = match r {
            Some(fd) if fd >= 0 && matches!(name, "SYS_open" | "SYS_openat") => fd as i32,
            _ => return None,
        };
        let escaped = memory_file(fd) && reads_or_writes(fd);
        if !prepared.contains(&fd) {
            unsafe { libc::close(fd) };
        }
        escaped.then(|| format!("ESCAPE: {name} returned descriptor {fd}, which names the memory file and reads or writes it"))
    }
}

/// Whether descriptor `fd` of this process names a memory file.
fn memory_file(fd: i32) -> bool {
    std::fs::read_link(format!("/proc/self/fd/{fd}")).is_ok_and(|p| p.as_os_str().as_encoded_bytes().ends_with(b"/mem"))
}

/// Whether a 0-byte read or write through `fd` succeeds (not on a name-only
/// descriptor, nor in a direction it was not opened for).
fn reads_or_writes(fd: i32) -> bool {
    let mut b = [0u8; 1];
    unsafe { libc::read(fd, b.as_mut_ptr().cast(), 0) == 0 || libc::pwrite(fd, b.as_ptr().cast(), 0, 0) == 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The checks catch what they look for: a descriptor of the memory file
    /// opened for reading (natively, as no engine call may) is an escape,
    /// both for the worker's check and for the guest thread copying
    /// descriptors; a name-only one is not.
    #[test]
    fn a_readable_memory_file_descriptor_is_caught() {
        let named = unsafe { libc::open(c"/proc/self/mem".as_ptr(), libc::O_PATH) };
        assert!(named >= 0 && memory_file(named) && !reads_or_writes(named));
        let targets = crate::target::targets();
        let wasm = crate::dispatch::module(&targets);
        let inst = wali::instantiate(&wasm, wali::WaliCtx::builder().build()).expect("instantiate");
        let wali::Instantiated { mut store, instance, memory } = inst;
        let base = memory.expect("a memory").data().as_ptr() as usize;
        let race = FdRace { zone: base + ZONE as usize, paths: Vec::new(), targets: [0; 3], counted: (0, 0) };
        let fd = unsafe { libc::open(c"/proc/self/mem".as_ptr(), libc::O_RDONLY) };
        assert!(fd >= 0 && memory_file(fd) && reads_or_writes(fd));
        race.word(SPAN).store(fd + 1, Ordering::SeqCst);
        race.word(DUP3_AT).store(fd + 40, Ordering::SeqCst);
        let spawn = targets.iter().position(|t| t.name == "__wasm_thread_spawn").unwrap();
        let spawn = instance.get_typed_func::<(i64, i64, i64, i64, i64, i64), i64>(&mut store, &format!("c{spawn}")).unwrap();
        let tid = spawn.call(&mut store, (crate::dispatch::FD_SPINNER as i64, ZONE as i64, 0, 0, 0, 0)).unwrap();
        assert!(tid > 0);
        let t0 = std::time::Instant::now();
        while race.word(ESCAPED).load(Ordering::SeqCst) == 0 && t0.elapsed() < std::time::Duration::from_secs(10) {
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        race.word(0).store(1, Ordering::SeqCst);
        let why = race.check("SYS_getpid", Some(0), &[]).expect("the spinner caught the descriptor");
        assert!(why.starts_with("ESCAPE"), "{why}");
        assert!(race.counter(NAMED).load(Ordering::SeqCst) > 0);
        unsafe {
            libc::close(named);
            libc::close(fd);
        }
    }
}
