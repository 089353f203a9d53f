//! A worker of the calls kind (and of the fd races kind, which makes its
//! calls, see `fd_races`): in its sandbox (`sandbox`) it instantiates the
//! dispatcher module and makes calls until its budget is spent or the
//! supervisor says stop.
//!
//! Checks after every call:
//! - the call returned (no panic: a panic hook records it), and returned a
//!   sane value: `>= 0`, or `-errno` with a real errno; some imports have
//!   tighter checks (a read returns at most the count, mmap an aligned
//!   address inside the memory...);
//! - host canaries are intact: pages with a known pattern at random
//!   addresses, on the heap, in static memory, and a *mirror* of the low
//!   guest addresses (host `0x10000..0x100000`), which an engine that passed
//!   a guest pointer to the kernel without adding the memory's base would
//!   hit. Their addresses are planted in guest memory and 64-bit arguments;
//! - in guarded calls (see `gen`), guest memory below `0x10000` is intact;
//! - the engine's own threads did not panic.
//!
//! Every 8192 calls: a full sweep of the mirror, and a scan of guest memory
//! for the canary pattern (host memory leaking into the guest).

use crate::canaries::{hex, vm_read, vm_write, Canaries, CANARY};
use crate::fd_races::FdRace;
use crate::gen::{self, Env, Mode, GUARD_END, IMAGE_LEN, LOW_END, PAGE, RACE, RACE_LEN, SCRATCH, SCRATCH_LEN, WATCHDOG};
use crate::rng::{mix, Rng};
use crate::sandbox::{self, block_all_signals, Config, Dispatch, Guest, FAILED};
use crate::shared::{Failure, Shared};
use crate::target::{Kind, Target};
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};
use wali::wasmtime::SharedMemory;

/// Calls a worker makes before a fresh one takes over.
pub const CALLS_PER_WORKER: u64 = 20_000;
const SWEEP_EVERY: u64 = 8192;

fn unblock_watchdog() {
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, WATCHDOG);
        libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
    }
}

/// Formats a call's arguments by kind: pointers in hex, integers in decimal.
pub fn fmt_call(t: &Target, a: &[i64; 6]) -> String {
    let shown: Vec<String> = t
        .params
        .iter()
        .zip(&t.kinds)
        .zip(a)
        .map(|((w, k), v)| {
            let v = if *w == wali_abi::ValType::I32 { *v as i32 as i64 } else { *v };
            if gen::is_pointer(*k) || matches!(k, Kind::Len | Kind::MapLen) {
                if *w == wali_abi::ValType::I32 {
                    format!("{:#x}", v as u32)
                } else {
                    format!("{:#x}", v as u64)
                }
            } else if v.unsigned_abs() > 0xffff {
                format!("{v:#x}")
            } else {
                format!("{v}")
            }
        })
        .collect();
    format!("{}({})", t.name, shown.join(", "))
}

pub fn fmt_result(r: i64) -> String {
    if (-4095..0).contains(&r) {
        format!("-{} ({})", -r, wali_abi::errno_name(-r as i32).unwrap_or("?"))
    } else if r > 0xffff {
        format!("{r:#x}")
    } else {
        r.to_string()
    }
}

struct Worker<'a> {
    cfg: &'a Config,
    shared: &'static Shared,
    targets: &'a [Target],
    rng: Rng,
    env: Env,
    store: wali::wasmtime::Store<wali::Ctx>,
    funcs: Vec<Dispatch>,
    mem: SharedMemory,
    base: usize,
    image: Vec<u8>,
    guard: Vec<u8>,
    canaries: Canaries,
    mode: Mode,
    workdir: PathBuf,
    /// Cumulative weights for picking targets.
    cumulative: Vec<u64>,
    /// The worker has a private network namespace.
    netns: bool,
    retire: bool,
    /// In the fd races kind: the paths to the memory file and the guest
    /// thread copying descriptors.
    fd_race: Option<FdRace>,
}

/// Sets the worker up and runs it; never returns.
pub fn run(cfg: &Config, shared: &'static Shared, targets: &[Target], wasm: &[u8]) -> ! {
    let mut rng = Rng::new(mix(cfg.seed ^ mix(cfg.worker)));
    record_panics(shared);
    let sb = sandbox::enter(cfg, shared);
    let canaries = Canaries::new(&mut rng);
    let fd_races = cfg.kind == crate::kinds::Kind::FdRaces;
    // Racing opens of the memory file for writing must meet the engine's
    // check, not Landlock's refusal of writes outside the work directory.
    let rw: &[&Path] = if fd_races { &[Path::new("/proc")] } else { &[] };
    let mut guest = Guest::new(sb.context(cfg, shared, rw), shared, wasm);
    let funcs: Vec<Dispatch> = (0..targets.len()).map(|i| guest.export(shared, &format!("c{i}"))).collect();
    let Guest { store, mem, base, .. } = guest;

    let pid = unsafe { libc::getpid() };
    let pid_max: i32 = std::fs::read_to_string("/proc/sys/kernel/pid_max")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(4 << 20);
    let mut image = vec![0u8; IMAGE_LEN];
    let pool = gen::fill_pool(&mut image[SCRATCH_LEN..]);
    let fds = prepare_fds(sb.netns);
    let env = Env {
        size: mem.data_size() as u32,
        max: (crate::dispatch::MAX_PAGES << 16) as u32,
        fds,
        recent_fds: Vec::new(),
        maps: Vec::new(),
        pid,
        tid: unsafe { libc::gettid() },
        uid: unsafe { libc::getuid() },
        gid: unsafe { libc::getgid() },
        no_pid: pid_max.saturating_add(1),
        canaries: canaries.pages.iter().map(|&p| p as u64).collect(),
        mirror: if canaries.mirror { vec![0x10000, 0x18000, 0x20000, 0x40000, 0x80000, 0xff000] } else { vec![] },
        pool,
        race: !fd_races && rng.one_in(4),
        plausible: false,
        items: Vec::new(),
        mem_paths: Vec::new(),
    };
    let guard: Vec<u8> = (0..GUARD_END as usize).map(gen::guard_byte).collect();
    // SAFETY: the low region is inside the initial memory and plain read-write.
    unsafe {
        std::ptr::copy_nonoverlapping(guard.as_ptr(), base as *mut u8, guard.len());
        let mut race = vec![0u8; RACE_LEN];
        rng.fill(&mut race);
        std::ptr::copy_nonoverlapping(race.as_ptr(), (base + RACE as usize) as *mut u8, RACE_LEN);
        // A string that runs into the end of the initial memory, unterminated.
        std::ptr::write_bytes((base + env.size as usize - 256) as *mut u8, b'x', 256);
    }

    let mut cumulative = Vec::new();
    let mut total = 0u64;
    for t in targets {
        total += t.weight as u64;
        cumulative.push(total);
    }
    let futex = targets.iter().position(|t| t.name == "SYS_futex").unwrap_or(usize::MAX);
    {
        let mem = mem.clone();
        let tid = env.tid;
        std::thread::Builder::new()
            .name("fuzz-watchdog".into())
            .spawn(move || watchdog(shared, mem, pid, tid, futex))
            .unwrap_or_else(|e| sandbox::die(shared, format!("watchdog thread: {e}")));
    }
    if env.race {
        let seed = rng.next();
        std::thread::Builder::new()
            .name("fuzz-mutator".into())
            .spawn(move || mutator(shared, base + RACE as usize, seed))
            .unwrap_or_else(|e| sandbox::die(shared, format!("mutator thread: {e}")));
    }
    let mut w = Worker {
        cfg,
        shared,
        targets,
        rng,
        env,
        store,
        funcs,
        mem,
        base,
        image,
        guard,
        canaries,
        mode: Mode::Free,
        workdir: sb.workdir.clone(),
        cumulative,
        netns: sb.netns,
        retire: false,
        fd_race: None,
    };
    shared.workers.fetch_add(1, Ordering::SeqCst);
    if fd_races {
        let (base, tid, workdir) = (w.base, w.env.tid, sb.workdir.clone());
        let targets = ["SYS_open", "SYS_openat", "SYS_execve"].map(|n| targets.iter().position(|t| t.name == n).unwrap_or(0));
        match FdRace::start(&mut |name, a| w.call_named(name, a), base, pid, tid, &workdir, targets) {
            Ok(race) => {
                w.env.mem_paths = race.paths.clone();
                w.fd_race = Some(race);
            }
            Err(e) => sandbox::die(shared, e),
        }
    }
    w.run();
    unsafe { libc::_exit(0) }
}

/// Where a panic happens, who made the call: recorded before unwinding.
pub fn record_panics(shared: &'static Shared) {
    std::panic::set_hook(Box::new(move |info| {
        let thread = std::thread::current();
        let during = match shared.current() {
            Some((t, a)) => format!("during call #{}: {}", shared.seq.load(Ordering::SeqCst), call_text(t, &a)),
            None => "between calls".to_string(),
        };
        let text = format!("PANIC in thread `{}`: {info}\n  {during}", thread.name().unwrap_or("?"));
        shared.fail_as(Failure::Panic, &text);
    }));
}

/// Descriptors of every kind for the guest to use, all non-blocking.
fn prepare_fds(netns: bool) -> Vec<i32> {
    let mut fds = Vec::new();
    unsafe {
        let nb = libc::O_NONBLOCK;
        let mut p = [0i32; 2];
        if libc::pipe2(p.as_mut_ptr(), nb) == 0 {
            fds.extend(p);
        }
        for ty in [libc::SOCK_STREAM, libc::SOCK_DGRAM] {
            if libc::socketpair(libc::AF_UNIX, ty | libc::SOCK_NONBLOCK, 0, p.as_mut_ptr()) == 0 {
                fds.extend(p);
            }
        }
        for (path, flags) in [
            (c"/dev/null", libc::O_RDWR),
            (c"file", libc::O_RDWR),
            (c"dir", libc::O_RDONLY | libc::O_DIRECTORY),
            (c".", libc::O_RDONLY | libc::O_DIRECTORY),
            (c"ro", libc::O_RDONLY),
        ] {
            fds.push(libc::open(path.as_ptr(), flags | nb));
        }
        fds.push(libc::eventfd(0, libc::EFD_NONBLOCK));
        let ep = libc::epoll_create1(0);
        if ep >= 0 && !fds.is_empty() {
            let mut ev = libc::epoll_event { events: libc::EPOLLIN as u32, u64: 7 };
            libc::epoll_ctl(ep, libc::EPOLL_CTL_ADD, fds[0], &mut ev);
        }
        fds.push(ep);
        fds.push(libc::timerfd_create(libc::CLOCK_MONOTONIC, libc::TFD_NONBLOCK));
        let m = libc::memfd_create(c"fuzz".as_ptr(), libc::MFD_ALLOW_SEALING);
        if m >= 0 {
            libc::ftruncate(m, 8192);
        }
        fds.push(m);
        fds.push(libc::inotify_init1(libc::IN_NONBLOCK));
        let mut mask: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut mask);
        libc::sigaddset(&mut mask, libc::SIGUSR1);
        fds.push(libc::signalfd(-1, &mask, libc::SFD_NONBLOCK));
        // A listening Unix socket at `sock`.
        let s = libc::socket(libc::AF_UNIX, libc::SOCK_STREAM | libc::SOCK_NONBLOCK, 0);
        let mut sun: libc::sockaddr_un = std::mem::zeroed();
        sun.sun_family = libc::AF_UNIX as libc::sa_family_t;
        for (i, b) in b"sock".iter().enumerate() {
            sun.sun_path[i] = *b as libc::c_char;
        }
        libc::bind(s, &sun as *const _ as *const libc::sockaddr, std::mem::size_of::<libc::sockaddr_un>() as u32);
        libc::listen(s, 8);
        fds.push(s);
        if netns {
            // TCP: a listener, a connected client and its accepted peer; UDP
            // connected to itself. All on the private loopback.
            let mut sin: libc::sockaddr_in = std::mem::zeroed();
            sin.sin_family = libc::AF_INET as libc::sa_family_t;
            sin.sin_addr.s_addr = u32::from_ne_bytes([127, 0, 0, 1]);
            let len = std::mem::size_of::<libc::sockaddr_in>() as u32;
            let l = libc::socket(libc::AF_INET, libc::SOCK_STREAM | libc::SOCK_NONBLOCK, 0);
            let mut bound = sin;
            let mut blen = len;
            if libc::bind(l, &sin as *const _ as *const libc::sockaddr, len) == 0
                && libc::listen(l, 8) == 0
                && libc::getsockname(l, &mut bound as *mut _ as *mut libc::sockaddr, &mut blen) == 0
            {
                let c = libc::socket(libc::AF_INET, libc::SOCK_STREAM | libc::SOCK_NONBLOCK, 0);
                libc::connect(c, &bound as *const _ as *const libc::sockaddr, len);
                std::thread::sleep(Duration::from_millis(1));
                let a = libc::accept4(l, std::ptr::null_mut(), std::ptr::null_mut(), libc::SOCK_NONBLOCK);
                fds.extend([l, c, a]);
            }
            let u = libc::socket(libc::AF_INET, libc::SOCK_DGRAM | libc::SOCK_NONBLOCK, 0);
            let mut ub = sin;
            let mut ulen = len;
            if libc::bind(u, &sin as *const _ as *const libc::sockaddr, len) == 0
                && libc::getsockname(u, &mut ub as *mut _ as *mut libc::sockaddr, &mut ulen) == 0
            {
                libc::connect(u, &ub as *const _ as *const libc::sockaddr, len);
            }
            fds.push(u);
        }
    }
    fds.retain(|&f| f >= 0);
    fds
}

/// Interrupts calls that block: after 2 ms in the same call, a signal to
/// the main thread every 2 ms (its handler does nothing, so blocking calls
/// return `EINTR`), and for futex waits, which the engine emulates on the
/// memory's wait queues, a wake-up of the address.
fn watchdog(shared: &'static Shared, mem: SharedMemory, pid: i32, tid: i32, futex: usize) {
    block_all_signals();
    let mut last = 0;
    let mut stale = 0;
    loop {
        std::thread::sleep(Duration::from_millis(1));
        let seq = shared.seq.load(Ordering::SeqCst);
        let ic = shared.in_call.load(Ordering::SeqCst);
        if ic == 0 || seq != last {
            last = seq;
            stale = 0;
            continue;
        }
        stale += 1;
        if stale >= 2 {
            stale = 0;
            if ic as usize - 1 == futex {
                let addr = shared.args[0].load(Ordering::SeqCst) as u32;
                let _ = mem.atomic_notify(addr as u64, u32::MAX);
            }
            unsafe { libc::syscall(libc::SYS_tgkill, pid, tid, WATCHDOG) };
            shared.kicks.fetch_add(1, Ordering::SeqCst);
        }
    }
}

/// Rewrites the race zone continuously while a call that points into it
/// runs: the engine must survive guest memory changing under it, as another
/// guest thread could change it.
fn mutator(shared: &'static Shared, zone: usize, seed: u64) {
    block_all_signals();
    let mut rng = Rng::new(seed);
    loop {
        if shared.race_on.load(Ordering::SeqCst) == 0 {
            shared.race_ack.store(0, Ordering::SeqCst);
            std::thread::sleep(Duration::from_micros(50));
            continue;
        }
        shared.race_ack.store(1, Ordering::SeqCst);
        for _ in 0..64 {
            let off = rng.below(RACE_LEN as u64 / 8) as usize * 8;
            // Zero bytes are frequent, so strings there keep ending and restarting.
            let v = rng.next() & rng.next() | (rng.next() & 0x0101_0101_0101_0101);
            // SAFETY: the race zone is plain read-write guest memory.
            unsafe { std::ptr::write_volatile((zone + off) as *mut u64, v) };
        }
    }
}

fn call_text(t: usize, a: &[i64; 6]) -> String {
    // The panic hook cannot borrow the targets; rebuilding them is cheap enough for a report.
    let targets = crate::target::targets();
    match targets.get(t) {
        Some(t) => fmt_call(t, a),
        None => crate::mem_ops::fmt_op(t - targets.len(), a),
    }
}

impl Worker<'_> {
    fn pick(&mut self) -> usize {
        let total = *self.cumulative.last().unwrap_or(&1);
        let r = self.rng.below(total);
        self.cumulative.partition_point(|&c| c <= r)
    }

    fn size(&self) -> u32 {
        self.mem.data_size() as u32
    }

    /// Restores scratch and pool from the image when a call changed them.
    fn restore_image(&self) {
        // SAFETY: scratch and pool are plain read-write guest memory the
        // mmap family never receives; only this thread writes there.
        let live = unsafe { std::slice::from_raw_parts_mut((self.base + SCRATCH as usize) as *mut u8, IMAGE_LEN) };
        if live != &self.image[..] {
            live.copy_from_slice(&self.image);
        }
    }

    /// Reads, edits and writes back guest bytes for a bounding rule; false
    /// when the bytes cannot be both read and written (or are in the race zone).
    fn patch(&self, ptr: u32, len: usize, f: impl FnOnce(&mut [u8])) -> bool {
        let end = ptr as u64 + len as u64;
        if ptr == 0 || end > self.size() as u64 || (ptr < RACE + RACE_LEN as u32 && end > RACE as u64) {
            return false;
        }
        let mut buf = vec![0u8; len];
        let at = self.base + ptr as usize;
        if !vm_read(at, &mut buf) {
            return false;
        }
        f(&mut buf);
        vm_write(at, &buf)
    }

    /// Clears the watchdog's bit in a sigset the kernel will use as a
    /// temporary mask; a set that cannot be fixed is replaced by NULL.
    fn clear_watchdog(&self, a: &mut i64) {
        let bit = 1u64 << (WATCHDOG - 1);
        let p = *a as u32;
        if p != 0 && p < self.size() && !self.patch(p, 8, |b| {
            let v = u64::from_le_bytes(b[..8].try_into().unwrap()) & !bit;
            b.copy_from_slice(&v.to_le_bytes());
        }) {
            *a = 0;
        }
    }

    fn targets_self(&self, pid: i64) -> bool {
        let (p, t) = (self.env.pid as i64, self.env.tid as i64);
        pid as i32 as i64 == 0 || [p, t, -p].contains(&(pid as i32 as i64))
    }

    /// Bounding rules: the arguments and memory edits that keep the worker
    /// (and the machine) alive and the results attributable.
    fn bound(&mut self, ti: usize, a: &mut [i64; 6]) {
        let name = self.targets[ti].name;
        let mark = |s: i64, shared: &Shared| {
            if (1..=64).contains(&s) {
                shared.sent.fetch_or(1 << (s - 1), Ordering::SeqCst);
            }
        };
        match name {
            "SYS_kill" | "SYS_tkill" | "SYS_tgkill" => {
                let si = if name == "SYS_tgkill" { 2 } else { 1 };
                let own = match name {
                    "SYS_tgkill" => self.targets_self(a[0]) || self.targets_self(a[1]),
                    _ => self.targets_self(a[0]),
                };
                if own {
                    if gen::FAULT_SIGNALS.contains(&(a[si] as i32)) {
                        a[si] = 0;
                    }
                    mark(a[si] as i32 as i64, self.shared);
                }
            }
            "SYS_rt_sigaction" if a[0] as i32 == WATCHDOG => a[0] = libc::SIGUSR2 as i64,
            "SYS_rt_sigsuspend" => self.clear_watchdog(&mut a[0]),
            "SYS_ppoll" => self.clear_watchdog(&mut a[3]),
            "SYS_epoll_pwait" => self.clear_watchdog(&mut a[4]),
            "SYS_pselect6" => {
                // The 6th argument points to { sigset pointer (64-bit), size }.
                let p = a[5] as u32;
                let in_race = p < RACE + RACE_LEN as u32 && p as u64 + 16 > RACE as u64;
                let mut pair = [0u8; 8];
                if p != 0 && in_race {
                    a[5] = 0;
                } else if p != 0 && p as u64 + 16 <= self.size() as u64 && vm_read(self.base + p as usize, &mut pair) {
                    let set = u64::from_le_bytes(pair);
                    if set != 0 && set < self.size() as u64 {
                        let mut s = set as i64;
                        self.clear_watchdog(&mut s);
                        if s == 0 && !self.patch(p, 8, |b| b.fill(0)) {
                            a[5] = 0;
                        }
                    }
                }
            }
            "SYS_fcntl" => match a[1] as i32 {
                libc::F_SETOWN => a[2] = gen::pid(&self.env, &mut self.rng),
                15 => {
                    // F_SETOWN_EX: { int type; pid_t pid }
                    let owner = gen::pid(&self.env, &mut self.rng) as i32;
                    let ty = self.rng.range(0, 2) as i32;
                    let p = a[2];
                    let fixed = (0..u32::MAX as i64).contains(&p)
                        && self.patch(p as u32, 8, |b| {
                            b[..4].copy_from_slice(&ty.to_le_bytes());
                            b[4..].copy_from_slice(&owner.to_le_bytes());
                        });
                    if !fixed {
                        a[2] = 0;
                    }
                }
                10 => {
                    // F_SETSIG
                    if gen::FAULT_SIGNALS.contains(&(a[2] as i32)) {
                        a[2] = 0;
                    }
                    mark(a[2], self.shared);
                    mark(libc::SIGIO as i64, self.shared);
                }
                _ => {}
            },
            "SYS_setitimer" => {
                // itimerval { interval {sec, usec}, value {sec, usec} }
                let p = a[1] as u32;
                if p != 0 && p < self.size() {
                    let ok = self.patch(p, 32, |b| {
                        let sec = i64::from_le_bytes(b[0..8].try_into().unwrap());
                        let usec = i64::from_le_bytes(b[8..16].try_into().unwrap());
                        if sec == 0 && (1..10_000).contains(&usec) {
                            b[8..16].fill(0);
                        }
                    });
                    if !ok {
                        a[1] = 0;
                    }
                }
                mark([libc::SIGALRM, libc::SIGVTALRM, libc::SIGPROF][(a[0] as u32 % 3) as usize] as i64, self.shared);
            }
            "SYS_setrlimit" | "SYS_prlimit64" => {
                let (ri, pi) = if name == "SYS_setrlimit" { (0, 1) } else { (1, 2) };
                let res = a[ri] as i32 as u32;
                const NEEDED: [u32; 5] = [
                    libc::RLIMIT_AS,
                    libc::RLIMIT_DATA,
                    libc::RLIMIT_STACK,
                    libc::RLIMIT_CPU,
                    libc::RLIMIT_RTTIME,
                ];
                let own = name == "SYS_setrlimit" || self.targets_self(a[0]);
                if own && NEEDED.contains(&res) && a[pi] as u32 != 0 {
                    let mut cur = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
                    unsafe { libc::getrlimit(res as libc::__rlimit_resource_t, &mut cur) };
                    let ok = self.patch(a[pi] as u32, 16, |b| {
                        b[..8].copy_from_slice(&cur.rlim_cur.to_le_bytes());
                        b[8..].copy_from_slice(&cur.rlim_max.to_le_bytes());
                    });
                    if !ok {
                        a[pi] = 0;
                    }
                }
            }
            "SYS_setpriority" if a[0] as i32 == libc::PRIO_USER as i32 => a[1] = self.env.no_pid as i64,
            // Without a private network namespace, no socket may reach the network.
            "SYS_socket" | "SYS_socketpair" if !self.netns => a[0] = libc::AF_UNIX as i64,
            // A NULL hint is fine; a fixed mapping at NULL would cover the fuzzer's low region.
            "SYS_mmap" if (a[0] as u32) < LOW_END && a[3] as i32 & (libc::MAP_FIXED | libc::MAP_FIXED_NOREPLACE) != 0 => {
                a[0] = LOW_END as i64
            }
            _ => {}
        }
    }

    /// Whether a call took the worker somewhere it should not stay.
    fn after(&mut self, ti: usize, a: &[i64; 6], r: Option<i64>) {
        let name = self.targets[ti].name;
        let ok = r.is_some_and(|r| r >= 0);
        match name {
            "SYS_rt_sigprocmask" => unblock_watchdog(),
            "SYS_chdir" | "SYS_fchdir" if ok => {
                let _ = std::env::set_current_dir(&self.workdir);
            }
            "SYS_mlockall" => unsafe {
                libc::munlockall();
            },
            "SYS_setpriority" | "SYS_sched_setscheduler" | "SYS_sched_setparam" if ok => {
                let nice = unsafe { libc::getpriority(libc::PRIO_PROCESS, 0) };
                let policy = unsafe { libc::sched_getscheduler(0) };
                if nice != 0 || policy != libc::SCHED_OTHER {
                    self.retire = true;
                }
            }
            "SYS_fork" if ok => {
                self.shared.forks.fetch_add(1, Ordering::SeqCst);
                reap();
            }
            "SYS_mmap" | "SYS_mremap" if ok => {
                let len = if name == "SYS_mmap" { a[1] } else { a[2] } as u32;
                self.env.maps.push((r.unwrap_or(0) as u32, len));
                if self.env.maps.len() > 32 {
                    self.env.maps.remove(0);
                }
            }
            _ => {}
        }
        const FD_MAKERS: [&str; 19] = [
            "SYS_open",
            "SYS_openat",
            "SYS_socket",
            "SYS_accept",
            "SYS_accept4",
            "SYS_dup",
            "SYS_dup2",
            "SYS_dup3",
            "SYS_epoll_create",
            "SYS_epoll_create1",
            "SYS_eventfd",
            "SYS_eventfd2",
            "SYS_timerfd_create",
            "SYS_signalfd",
            "SYS_signalfd4",
            "SYS_memfd_create",
            "SYS_inotify_init1",
            "SYS_fcntl",
            "SYS_inotify_add_watch",
        ];
        if ok && FD_MAKERS.contains(&name) && name != "SYS_inotify_add_watch" {
            let fd = r.unwrap_or(0) as i32;
            if name != "SYS_fcntl" || matches!(a[1] as i32, libc::F_DUPFD | libc::F_DUPFD_CLOEXEC) {
                self.env.recent_fds.push(fd);
                if self.env.recent_fds.len() > 32 {
                    self.env.recent_fds.remove(0);
                }
            }
        }
    }

    /// Checks a returned value; the reason when it is wrong.
    fn check_result(&self, ti: usize, a: &[i64; 6], r: i64) -> Option<String> {
        let name = self.targets[ti].name;
        // Results that are values the kernel returns as they are, negative
        // ones included: the timer slack (any u64 the guest set), F_GETOWN's -pgid.
        let raw = (name == "SYS_prctl" && a[0] as i32 == libc::PR_GET_TIMERSLACK)
            || (name == "SYS_fcntl" && a[1] as i32 == libc::F_GETOWN);
        if raw {
            return None;
        }
        if r < 0 {
            let e = -r;
            let real = e <= 4095 && (wali_abi::errno_name(e as i32).is_some() || e == 133);
            return (!real).then(|| format!("returned {r}, which is neither >= 0 nor -errno of a real errno"));
        }
        let count = |i: usize| a[i] as u32 as i64;
        // MSG_TRUNC: recv returns the datagram's real length, larger than the buffer.
        let trunc = name == "SYS_recvfrom" && a[3] as i32 & libc::MSG_TRUNC != 0;
        let bounded = match name {
            "SYS_recvfrom" if trunc => None,
            "SYS_read" | "SYS_write" | "SYS_pread64" | "SYS_pwrite64" | "SYS_recvfrom" | "SYS_sendto"
            | "SYS_getdents64" | "SYS_readlink" => Some(count(2)),
            "SYS_getrandom" | "SYS_getcwd" => Some(count(1)),
            "SYS_readlinkat" => Some(count(3)),
            _ => None,
        };
        if let Some(max) = bounded {
            if r > max {
                return Some(format!("returned {r}, more than the {max} bytes asked for"));
            }
        }
        match name {
            "SYS_mmap" | "SYS_mremap" => {
                let len = (if name == "SYS_mmap" { a[1] } else { a[2] } as u32 as u64).next_multiple_of(PAGE as u64);
                let end = r as u64 + len;
                if !(r as u64).is_multiple_of(PAGE as u64) || r < LOW_END as i64 || end > self.size() as u64 {
                    return Some(format!(
                        "returned {r:#x}: not a page-aligned mapping of {len:#x} bytes inside the memory \
                         (size {:#x}) and above the fuzzer's low region",
                        self.size()
                    ));
                }
                let fixed = name == "SYS_mmap" && a[3] as i32 & (libc::MAP_FIXED | libc::MAP_FIXED_NOREPLACE) != 0;
                if fixed && r as u32 != a[0] as u32 {
                    return Some(format!("MAP_FIXED mapping placed at {r:#x}, not at {:#x}", a[0] as u32));
                }
            }
            "SYS_brk" if r != 0 => return Some(format!("brk returned {r}, not 0")),
            "SYS_getpid" if r != self.env.pid as i64 => return Some(format!("not the worker's pid {}", self.env.pid)),
            "SYS_gettid" | "SYS_set_tid_address" if r != self.env.tid as i64 => {
                return Some(format!("not the main thread's id {}", self.env.tid))
            }
            "__cl_get_argc" if r != 3 => return Some("the program has 3 arguments".into()),
            _ => {}
        }
        None
    }

    /// Bytes at the pointer arguments that lie in the memory (for reports).
    fn dump_pointers(&self, ti: usize, a: &[i64; 6]) -> String {
        let t = &self.targets[ti];
        let mut out = String::new();
        for (i, k) in t.kinds.iter().enumerate() {
            let p = a[i] as u32 as u64;
            if !gen::is_pointer(*k) || p == 0 || p >= self.size() as u64 {
                continue;
            }
            let n = 48.min(self.size() as u64 - p) as usize;
            let mut b = vec![0u8; n];
            let shown = if vm_read(self.base + p as usize, &mut b) { hex(&b) } else { "(unreadable)".into() };
            out.push_str(&format!("\n  arg {i} at {p:#x}: {shown}"));
        }
        out
    }

    fn fail(&self, what: &str, ti: usize, a: &[i64; 6], r: Option<i64>) -> ! {
        let result = r.map_or("(the engine stopped the guest)".to_string(), fmt_result);
        let text = format!(
            "{what}\n  call #{}: {} = {result} [{:?} mode]{}",
            self.shared.seq.load(Ordering::SeqCst),
            fmt_call(&self.targets[ti], a),
            self.mode,
            self.dump_pointers(ti, a)
        );
        self.shared.fail(&text);
        unsafe { libc::_exit(FAILED) }
    }

    /// Host memory the guest must never reach, and the guard.
    fn check_memory(&mut self, ti: usize, a: &[i64; 6], r: Option<i64>) {
        if let Some(p) = self.canaries.check_pages() {
            let d = self.canaries.describe(p);
            self.fail(&format!("HOST MEMORY CHANGED: a canary page outside the guest memory was written\n  {d}"), ti, a, r);
        }
        for (i, k) in self.targets[ti].kinds.iter().enumerate() {
            let v = a[i] as u64;
            let p = if matches!(k, Kind::Wide | Kind::WidePtr) { v } else { v as u32 as u64 };
            if let Some(page) = self.canaries.check_mirror_at(p) {
                let d = self.canaries.describe(page);
                self.fail(
                    &format!(
                        "HOST MEMORY CHANGED at the host address equal to a guest pointer (argument {i}): a guest \
                         pointer reached the kernel without the memory's base\n  {d}"
                    ),
                    ti,
                    a,
                    r,
                );
            }
        }
        // SAFETY: the guard range is plain read-write guest memory.
        let live = unsafe { std::slice::from_raw_parts_mut(self.base as *mut u8, GUARD_END as usize) };
        if live != &self.guard[..] {
            if self.mode == Mode::Guarded {
                let off = live.iter().zip(&self.guard).position(|(x, y)| x != y).unwrap_or(0);
                let n = live.iter().zip(&self.guard).filter(|(x, y)| x != y).count();
                let got = hex(&live[off..(off + 32).min(live.len())]);
                self.fail(
                    &format!(
                        "GUEST MEMORY WRITTEN where no argument points: {n} bytes below {GUARD_END:#x} changed, \
                         the first at {off:#x}: {got}"
                    ),
                    ti,
                    a,
                    r,
                );
            }
            live.copy_from_slice(&self.guard);
        }
    }

    /// Every 8192 calls: the whole mirror, and guest memory scanned for the
    /// canary pattern (host bytes copied into the guest).
    fn sweep(&mut self, ti: usize, a: &[i64; 6], r: Option<i64>) {
        self.shared.sweeps.fetch_add(1, Ordering::SeqCst);
        if let Some(p) = self.canaries.check_mirror() {
            let d = self.canaries.describe(p);
            self.fail(&format!("HOST MEMORY CHANGED in the mirror of low guest addresses (found by a sweep)\n  {d}"), ti, a, r);
        }
        let size = self.size() as usize;
        let chunk = 1 << 16;
        let mut buf = vec![0u8; chunk + 16];
        let mut off = 0;
        while off < size {
            let n = chunk.min(size - off);
            if vm_read(self.base + off, &mut buf[..n]) {
                let hay = &buf[..n];
                let found = unsafe {
                    libc::memmem(hay.as_ptr().cast(), hay.len(), CANARY.as_ptr().cast(), CANARY.len())
                };
                if !found.is_null() {
                    let at = off + (found as usize - hay.as_ptr() as usize);
                    self.fail(
                        &format!("HOST MEMORY LEAKED into the guest: the canary pattern is at guest address {at:#x}"),
                        ti,
                        a,
                        r,
                    );
                }
            }
            off += n;
        }
    }

    fn run(&mut self) {
        let budget = self.cfg.budget;
        let mut last: Option<(usize, [i64; 6], Option<i64>)> = None;
        for n in 0..budget {
            let late = self.cfg.deadline.is_some_and(|d| Instant::now() >= d);
            if self.shared.stop.load(Ordering::Relaxed) != 0 || self.retire || late {
                break;
            }
            self.env.size = self.size();
            if n % 16 == 0 {
                self.mode = if self.rng.one_in(2) { Mode::Guarded } else { Mode::Free };
                let (mode, env) = (self.mode, &self.env);
                let items = gen::scratch(&mut self.image[..SCRATCH_LEN], env, mode, &mut self.rng);
                self.env.items = items;
            }
            let (ti, mut a, cwd) = self.next_call();
            let (targets, shared) = (self.targets, self.shared);
            let t = &targets[ti];
            self.restore_image();
            self.bound(ti, &mut a);
            let race = self.env.race
                && t.kinds.iter().enumerate().any(|(i, k)| {
                    gen::is_pointer(*k) && (RACE..RACE + RACE_LEN as u32).contains(&(a[i] as u32))
                });
            if race {
                self.shared.race_on.store(1, Ordering::SeqCst);
                let t0 = Instant::now();
                while self.shared.race_ack.load(Ordering::SeqCst) == 0 && t0.elapsed() < Duration::from_millis(1) {
                    std::hint::spin_loop();
                }
                self.shared.raced.fetch_add(1, Ordering::Relaxed);
            }
            let st = &shared.stats[ti];
            if self.mode == Mode::Guarded {
                st.guarded.fetch_add(1, Ordering::Relaxed);
                self.shared.guarded.fetch_add(1, Ordering::Relaxed);
            }
            if let Some(dir) = cwd {
                unsafe { libc::fchdir(dir) };
            }
            let seq = self.shared.begin(ti, &a);
            let t0 = Instant::now();
            let f = &self.funcs[ti];
            let store = &mut self.store;
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                f.call(&mut *store, (a[0], a[1], a[2], a[3], a[4], a[5]))
            }));
            if unsafe { libc::getpid() } != self.env.pid {
                // The child of a guest fork: leave at once, silently.
                unsafe { libc::_exit(0) };
            }
            if cwd.is_some() {
                let _ = std::env::set_current_dir(&self.workdir);
            }
            let ns = t0.elapsed().as_nanos() as u64;
            if race {
                self.shared.race_on.store(0, Ordering::SeqCst);
            }
            let r = match r {
                Err(_) => {
                    // The panic hook recorded where; add the call.
                    self.shared.end(seq, None);
                    if self.shared.failure().is_none() {
                        self.fail("PANIC (no message recorded)", ti, &a, None);
                    }
                    unsafe { libc::_exit(FAILED) }
                }
                Ok(Ok(v)) => {
                    self.shared.end(seq, Some(v));
                    Some(v)
                }
                Ok(Err(e)) => {
                    self.shared.end(seq, None);
                    st.stops.fetch_add(1, Ordering::Relaxed);
                    match e.downcast_ref::<wali::syscalls::Stop>() {
                        Some(wali::syscalls::Stop::Exit(_)) => self.shared.stop_exit.fetch_add(1, Ordering::Relaxed),
                        _ => self.shared.stop_fatal.fetch_add(1, Ordering::Relaxed),
                    };
                    None
                }
            };
            st.calls.fetch_add(1, Ordering::Relaxed);
            st.max_ns.fetch_max(ns, Ordering::Relaxed);
            self.shared.call_ns.fetch_add(ns, Ordering::Relaxed);
            if self.shared.kicks.load(Ordering::SeqCst) > 0 {
                st.kicked.fetch_add(1, Ordering::Relaxed);
            }
            if let Some(v) = r {
                if v >= 0 {
                    st.ok.fetch_add(1, Ordering::Relaxed);
                } else {
                    st.errors.fetch_add(1, Ordering::Relaxed);
                    if let Some(c) = st.errno.get((-v) as usize) {
                        c.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
            if self.cfg.trace_from.is_some_and(|f| seq >= f) {
                // A replay: the last calls, with the bytes the last one's pointers designate.
                let shown = r.map_or("(engine stop)".into(), fmt_result);
                let dump = if seq >= self.cfg.budget { self.dump_pointers(ti, &a) } else { String::new() };
                eprintln!("#{seq} {} = {shown} [{:?}]{dump}", fmt_call(t, &a), self.mode);
            }
            if self.shared.failed.load(Ordering::SeqCst) != 0 {
                // A panic in another thread (a guest thread the engine runs).
                unsafe { libc::_exit(FAILED) }
            }
            if let Some(why) = r.and_then(|v| self.check_result(ti, &a, v)) {
                self.fail(&format!("BAD RESULT: {why}"), ti, &a, r);
            }
            if let Some(race) = &mut self.fd_race {
                if let Some(why) = race.check(t.name, r, &self.env.fds) {
                    self.fail(&why, ti, &a, r);
                }
                if n % 256 == 255 {
                    race.count(self.shared);
                }
            }
            self.after(ti, &a, r);
            self.check_memory(ti, &a, r);
            if n % 256 == 255 {
                reap();
            }
            if n % SWEEP_EVERY == SWEEP_EVERY - 1 {
                self.sweep(ti, &a, r);
            }
            last = Some((ti, a, r));
        }
        if let Some((ti, a, r)) = last {
            self.sweep(ti, &a, r);
        }
        if let Some(race) = &mut self.fd_race {
            race.count(self.shared);
        }
    }

    /// The next call: a target and its arguments, and in the fd races kind
    /// the directory to make the working directory for it.
    fn next_call(&mut self) -> (usize, [i64; 6], Option<i32>) {
        if let Some(targets) = self.fd_race.as_ref().map(|r| r.targets) {
            // Only opens and execs of paths to the memory file: other calls
            // could write over the spinner's zone. (`open` and `execve` take
            // no directory: for the paths relative to one, `openat`.)
            loop {
                let ti = self.rng.pick(&targets);
                if let Some((a, cwd)) = gen::mem_path_call(self.targets[ti].name, &self.env, &mut self.rng) {
                    self.shared.kinds.fd_rounds.fetch_add(1, Ordering::Relaxed);
                    return (ti, a, cwd);
                }
            }
        }
        let ti = self.pick();
        self.env.plausible = self.rng.one_in(3);
        (ti, gen::args(&self.targets[ti], &self.env, self.mode, &mut self.rng), None)
    }

    /// Calls an import outside the flight recorder (a set-up call): its
    /// result, or -1 when the engine stopped the guest.
    fn call_named(&mut self, name: &str, a: [i64; 6]) -> i64 {
        let Some(ti) = self.targets.iter().position(|t| t.name == name) else { return -1 };
        self.funcs[ti].call(&mut self.store, (a[0], a[1], a[2], a[3], a[4], a[5])).unwrap_or(-1)
    }
}

/// Collects the guest's exited children.
fn reap() {
    let mut status = 0;
    while unsafe { libc::waitpid(-1, &mut status, libc::WNOHANG) } > 0 {}
}