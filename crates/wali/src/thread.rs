//! Threads: `__wasm_thread_spawn` starts a native thread running a new
//! instance of the module on the shared memory, and calls `table[fn](tid, arg)`.

use crate::ctx::Ctx;
use crate::memory::{GuestMemory, PageMap};
use crate::Outcome;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use wasmtime::{Engine, InstancePre, SharedMemory, Store};

/// What a new thread needs to instantiate the module.
pub struct Spawner {
    pub engine: Engine,
    pub pre: InstancePre<Ctx>,
    pub shared: SharedMemory,
    pub pages: Arc<PageMap>,
}

/// The process's threads besides the main one.
pub struct Threads {
    live: AtomicUsize,
    done: Mutex<()>,
    cond: Condvar,
}

thread_local! {
    /// Whether this native thread runs the process's main guest thread. A
    /// thread-local rather than a field: a forked child would otherwise write
    /// (and so copy) the page holding it; the forking thread's own TLS page
    /// the kernel has already copied (it writes the thread id there).
    static MAIN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

impl Threads {
    /// A new process's threads: the calling native thread runs its main one.
    pub fn started_here() -> Threads {
        MAIN.set(true);
        Threads { live: AtomicUsize::new(0), done: Mutex::new(()), cond: Condvar::new() }
    }

    /// Whether the calling native thread runs the process's main guest thread.
    pub fn is_main(&self) -> bool {
        MAIN.get()
    }

    /// In a forked child: the calling thread is the only one, hence the main
    /// one. Writes only what changed, for the reason above.
    pub fn forked_child(&self) {
        if self.live.load(Ordering::Relaxed) != 0 {
            self.live.store(0, Ordering::SeqCst);
        }
        if !MAIN.get() {
            MAIN.set(true);
        }
    }

    /// Held across `fork` (see `syscalls::process::fork`).
    pub fn guard(&self) -> std::sync::MutexGuard<'_, ()> {
        self.done.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Threads other than the main one that are still running.
    pub fn others(&self) -> usize {
        self.live.load(Ordering::SeqCst)
    }

    fn finished(&self) {
        let _g = self.done.lock().unwrap_or_else(|e| e.into_inner());
        self.live.fetch_sub(1, Ordering::SeqCst);
        self.cond.notify_all();
    }

    /// The main thread ending alone (`SYS_exit`) leaves the process running
    /// until its other threads end, as on Linux.
    pub fn wait_others(&self) {
        let mut g = self.done.lock().unwrap_or_else(|e| e.into_inner());
        while self.live.load(Ordering::SeqCst) > 0 {
            g = self.cond.wait(g).unwrap_or_else(|e| e.into_inner());
        }
    }
}

/// How long a waiter polls before it sleeps. A sleeping thread's wake-up
/// costs both sides a trip through the scheduler (on a VM, tens of µs for
/// an interrupt to the other CPU); a thread that a guest thread on another
/// CPU is about to wake (a `pthread_join`, an idle native thread about to be
/// given a new guest thread) is cheaper to keep running for a moment.
pub const SPIN: std::time::Duration = std::time::Duration::from_micros(50);

/// Whether polling can pay off: every guest thread of the process, and
/// `idle` native threads polling for one, can have a CPU of its own, so the
/// thread that would wake the poller is running. On a full machine polling
/// would only take a CPU from it.
pub fn worth_spinning(threads: &Threads, idle: usize) -> bool {
    static CPUS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    let cpus = *CPUS.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    threads.others() + 1 + idle <= cpus
}

/// Polls `ready` for up to `limit`; its first answer, if any.
pub fn spin<T>(limit: std::time::Duration, mut ready: impl FnMut() -> Option<T>) -> Option<T> {
    let start = std::time::Instant::now();
    loop {
        for _ in 0..32 {
            if let Some(v) = ready() {
                return Some(v);
            }
            std::hint::spin_loop();
        }
        if start.elapsed() >= limit {
            return None;
        }
    }
}

/// A store for one guest thread, with signal delivery at safe points.
pub fn new_store(engine: &Engine, cx: Ctx) -> Store<Ctx> {
    let async_signals = cx.proc.async_signals;
    let mut store = Store::new(engine, cx);
    if async_signals {
        store.set_epoch_deadline(1);
        store.epoch_deadline_callback(|mut cx| {
            crate::deliver::deliver(&mut cx)?;
            Ok(wasmtime::UpdateDeadline::Continue(1))
        });
    }
    store
}

/// One guest thread to run on a native thread.
pub struct Job {
    proc: Arc<crate::ctx::Process>,
    mem: GuestMemory,
    func: u32,
    arg: u32,
    /// The creating thread's signal mask, which a new thread inherits.
    mask: u64,
    /// Where a newly started native thread reports its kernel thread id, or
    /// -EAGAIN when it cannot run the guest thread (an idle one's id is known
    /// already).
    tid: Option<std::sync::mpsc::SyncSender<i32>>,
}

/// Native threads whose guest thread ended wait here for the next one:
/// creating a native thread (stack, signal stack, runtime set-up) costs
/// far more than handing it a job.
static IDLE: Mutex<Vec<Idle>> = Mutex::new(Vec::new());

/// An idle native thread: its pool id, kernel thread id and job channel.
type Idle = (u64, i32, std::sync::mpsc::SyncSender<Job>);
/// How long an idle native thread waits for another guest thread.
const IDLE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// Whether this process ever started a native thread for a guest thread;
/// until then `IDLE` is empty and nobody locks it.
static WORKERS_STARTED: AtomicBool = AtomicBool::new(false);

/// Whether the calling thread is the only thread of the process, given that
/// the process is the engine's own (`exit_directly`: no embedder threads) and
/// has no other guest thread: no native thread was ever started for a guest
/// thread, no module was compiled here (the compiler's threads live on), and
/// the start-up thread is joined.
pub fn sole_native_thread() -> bool {
    if WORKERS_STARTED.load(Ordering::SeqCst) || crate::cache::COMPILED_HERE.load(Ordering::SeqCst) {
        return false;
    }
    crate::signal::first_thread_joined();
    true
}

/// Holds the idle-thread list across `fork`: the child must not inherit
/// the lock mid-change, and its list must be empty (the native threads are
/// not copied into the child).
pub struct ForkGuard(std::sync::MutexGuard<'static, Vec<Idle>>);

impl ForkGuard {
    /// `None` for a process that is `alone` (no other guest thread, so none
    /// can be starting one) and never started a native thread: the list is
    /// empty and unlocked, and locking it would only dirty a page parent and
    /// child would each copy.
    pub fn new(alone: bool) -> Option<ForkGuard> {
        (!alone || WORKERS_STARTED.load(Ordering::SeqCst))
            .then(|| ForkGuard(IDLE.lock().unwrap_or_else(|e| e.into_inner())))
    }

    /// In the child after `fork`.
    pub fn child(mut self) {
        // The senders' threads do not exist here; forget them without running
        // their destructors, which would touch the parent's channel state.
        std::mem::take(&mut *self.0).into_iter().for_each(std::mem::forget);
    }
}

/// Starts a thread; returns its kernel thread id or `-errno`.
pub fn spawn(cx: &Ctx, func: u32, arg: u32) -> i64 {
    let Some(sp) = cx.proc.spawner.get() else {
        return -(libc::EAGAIN as i64);
    };
    let mut mask = 0u64;
    crate::sys::call!(SYS_rt_sigprocmask, libc::SIG_BLOCK, 0, &mut mask as *mut u64, 8);
    let mem = GuestMemory::new(sp.shared.clone(), sp.pages.clone());
    let mut job = Job { proc: cx.proc.clone(), mem, func, arg, mask, tid: None };
    // `live` counts the threads besides the main one.
    let limit = cx.proc.max_threads.map_or(usize::MAX, |n| n.saturating_sub(1));
    if cx.proc.threads.live.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| (n < limit).then_some(n + 1)).is_err() {
        return -(libc::EAGAIN as i64);
    }
    let idle = IDLE.lock().unwrap_or_else(|e| e.into_inner()).pop();
    if let Some((_, tid, worker)) = idle {
        // Not waiting for the worker to pick the job up saves a round trip.
        match worker.send(job) {
            Ok(()) => return tid as i64,
            Err(std::sync::mpsc::SendError(j)) => job = j,
        }
    }
    let (tx, rx) = std::sync::mpsc::sync_channel(1);
    job.tid = Some(tx);
    WORKERS_STARTED.store(true, Ordering::SeqCst);
    let started = {
        // No guest mapping change between the check and the thread's own.
        let _mmap = cx.proc.mmap.guard();
        room_for_a_thread()
            // Unnamed: the thread keeps the process's name, as a native
            // program's threads do (`ps -L`, `top -H`).
            && std::thread::Builder::new().stack_size(crate::stack::thread_stack()).spawn(move || worker(job)).is_ok()
    };
    if !started {
        cx.proc.threads.finished();
        return -(libc::EAGAIN as i64);
    }
    // The new thread reports its id once its guest thread can run, or -EAGAIN.
    rx.recv().map_or(-(libc::EAGAIN as i64), i64::from)
}

/// Mappings a new native thread may need: its stack and two signal stacks
/// (guard pages split each in two), its store's and instance's allocations.
const THREAD_MAPPINGS: usize = 24;

/// Whether the kernel has room for a new thread's mappings. When
/// `vm.max_map_count` is nearly spent, starting one would fail inside the
/// per-thread set-up of Rust's runtime or Wasmtime, which abort the process:
/// so as many separate mappings are made and undone first, and their
/// failure is `EAGAIN`, as `clone` would say.
fn room_for_a_thread() -> bool {
    let mut made = Vec::with_capacity(THREAD_MAPPINGS);
    for i in 0..THREAD_MAPPINGS {
        // Alternate protections, so that neighbours never merge into one mapping.
        let prot = if i % 2 == 0 { libc::PROT_NONE } else { libc::PROT_READ };
        let flags = libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE;
        let p = unsafe { libc::mmap(std::ptr::null_mut(), crate::memory::PAGE, prot, flags, -1, 0) };
        if p == libc::MAP_FAILED {
            break;
        }
        made.push(p);
    }
    let room = made.len() == THREAD_MAPPINGS;
    for p in made {
        unsafe { libc::munmap(p, crate::memory::PAGE) };
    }
    room
}

/// A native thread: runs guest threads one after the other.
fn worker(mut job: Job) {
    static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    let (tx, rx) = std::sync::mpsc::sync_channel::<Job>(1);
    let tid = unsafe { libc::gettid() };
    // Between guest threads a native thread takes no signals (a new one
    // inherited its creator's mask); a guest thread's are unblocked at its
    // first host call (Ctx::start_mask), so none sent to it is lost.
    crate::sys::call!(SYS_rt_sigprocmask, libc::SIG_SETMASK, &u64::MAX as *const u64, 0, 8);
    // Wasmtime's per-thread set-up (a signal stack) panics when there is no
    // memory for it: done now, so that the spawner can be told.
    let tls = std::panic::catch_unwind(wasmtime::Engine::tls_eager_initialize).is_ok();
    loop {
        // Forget the previous guest thread's signals.
        crate::signal::clear_pending();
        let proc = job.proc.clone();
        let sp = proc.spawner.get().expect("spawner set before threads start");
        let mut cx = Ctx::new(job.mem, proc.clone());
        cx.start_mask = Some(job.mask);
        let ready = if tls { set_up(sp, cx) } else { Err(wasmtime::format_err!("no memory for the thread's signal stack")) };
        if let Some(reply) = job.tid.take() {
            // A new native thread: its spawner waits to hear whether the
            // guest thread can run (no room is EAGAIN, not a dead process).
            if ready.is_err() {
                proc.threads.finished();
                let _ = reply.send(-libc::EAGAIN);
                return;
            }
            let _ = reply.send(tid);
        }
        let outcome = match ready {
            Ok((store, instance)) => {
                // Still no signal until the guest's mask applies, but the
                // engine's own are taken: the kernel kills a thread that
                // faults with its fault signal blocked.
                let mask = crate::faults::unblockable(u64::MAX);
                crate::sys::call!(SYS_rt_sigprocmask, libc::SIG_SETMASK, &mask as *const u64, 0, 8);
                run(store, instance, job.func, job.arg, tid)
            }
            Err(e) => crate::outcome(e),
        };
        // An idle native thread takes no signals: the kernel would otherwise
        // pick it for process-directed ones, which no guest thread would see.
        crate::sys::call!(SYS_rt_sigprocmask, libc::SIG_SETMASK, &u64::MAX as *const u64, 0, 8);
        match outcome {
            // A thread that forked is the main thread of the child process.
            Outcome::Exited(status) if proc.threads.is_main() => unsafe { libc::_exit(status) },
            Outcome::Exited(_) => proc.threads.finished(),
            Outcome::Trapped(msg) => {
                crate::say(format_args!("thread {tid}: {msg}"));
                unsafe { libc::_exit(crate::TRAP_STATUS) };
            }
        }
        let spinning = worth_spinning(&proc.threads, 1);
        drop(proc);
        IDLE.lock().unwrap_or_else(|e| e.into_inner()).push((id, tid, tx.clone()));
        let soon = if spinning { spin(SPIN, || rx.try_recv().ok()) } else { None };
        job = match soon.map_or_else(|| rx.recv_timeout(IDLE_TIMEOUT), Ok) {
            Ok(j) => j,
            Err(_) => {
                let mut idle = IDLE.lock().unwrap_or_else(|e| e.into_inner());
                match idle.iter().position(|(i, _, _)| *i == id) {
                    Some(at) => {
                        idle.remove(at);
                        return;
                    }
                    // Taken just now: a job is on its way.
                    None => {
                        drop(idle);
                        match rx.recv() {
                            Ok(j) => j,
                            Err(_) => return,
                        }
                    }
                }
            }
        };
    }
}

/// A guest thread's store and instance.
fn set_up(sp: &Spawner, cx: Ctx) -> wasmtime::Result<(Store<Ctx>, wasmtime::Instance)> {
    // Setting up an instance updates Wasmtime's registries under their locks.
    let _section = crate::quiesce::Section::enter();
    let mut store = new_store(&sp.engine, cx);
    let instance = sp.pre.instantiate(&mut store)?;
    Ok((store, instance))
}

fn run(mut store: Store<Ctx>, instance: wasmtime::Instance, func: u32, arg: u32, tid: i32) -> Outcome {
    let table = instance.get_table(&mut store, crate::module::TABLE_EXPORT);
    store.data_mut().table = table;
    let Some(table) = table else {
        return Outcome::Trapped("the module has no function table to start threads from".into());
    };
    let f = match table.get(&mut store, func as u64) {
        Some(wasmtime::Ref::Func(Some(f))) => f,
        _ => return Outcome::Trapped(format!("thread start function {func} is not in the table")),
    };
    let f = match f.typed::<(i32, i32), ()>(&store) {
        Ok(f) => f,
        Err(_) => return Outcome::Trapped(format!("thread start function {func} is not (i32, i32) -> ()")),
    };
    match f.call(&mut store, (tid, arg as i32)) {
        Ok(()) => Outcome::Exited(0),
        Err(e) => crate::outcome(e),
    }
}
