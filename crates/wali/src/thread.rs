//! Threads: `__wasm_thread_spawn` starts a native thread running a new
//! instance of the module on the shared memory, and calls `table[fn](tid, arg)`.

use crate::ctx::Ctx;
use crate::memory::{GuestMemory, PageMap};
use crate::Outcome;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use wasmtime::{Engine, InstancePre, SharedMemory, Store};

/// Native stack of a guest thread (Wasm frames run on it).
const THREAD_STACK: usize = 8 << 20;

/// What a new thread needs to instantiate the module.
pub struct Spawner {
    pub engine: Engine,
    pub pre: InstancePre<Ctx>,
    pub shared: SharedMemory,
    pub pages: Arc<PageMap>,
}

/// The process's threads besides the main one.
#[derive(Default)]
pub struct Threads {
    live: AtomicUsize,
    done: Mutex<()>,
    cond: Condvar,
}

impl Threads {
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

/// A store for one guest thread, with signal delivery at safe points.
pub fn new_store(engine: &Engine, cx: Ctx) -> Store<Ctx> {
    let mut store = Store::new(engine, cx);
    store.set_epoch_deadline(1);
    store.epoch_deadline_callback(|mut cx| {
        crate::deliver::deliver(&mut cx)?;
        Ok(wasmtime::UpdateDeadline::Continue(1))
    });
    store
}

/// Starts a thread; returns its kernel thread id or `-errno`.
pub fn spawn(cx: &Ctx, func: u32, arg: u32) -> i64 {
    let Some(sp) = cx.proc.spawner.get() else {
        return -(libc::EAGAIN as i64);
    };
    let proc = cx.proc.clone();
    let mem = GuestMemory::new(sp.shared.clone(), sp.pages.clone());
    let (tx, rx) = std::sync::mpsc::sync_channel(1);
    proc.threads.live.fetch_add(1, Ordering::SeqCst);
    let thread_proc = proc.clone();
    let started = std::thread::Builder::new().name("wali-thread".into()).stack_size(THREAD_STACK).spawn(move || {
        let tid = unsafe { libc::gettid() };
        let _ = tx.send(tid);
        let sp = thread_proc.spawner.get().expect("spawner set before threads start");
        let mut cx = Ctx::new(mem, thread_proc.clone());
        cx.is_main = false;
        let outcome = run(sp, cx, func, arg, tid);
        match outcome {
            Outcome::Exited(_) => thread_proc.threads.finished(),
            Outcome::Trapped(msg) => {
                eprintln!("wali: thread {tid}: {msg}");
                unsafe { libc::_exit(crate::TRAP_STATUS) };
            }
        }
    });
    if started.is_err() {
        proc.threads.finished();
        return -(libc::EAGAIN as i64);
    }
    rx.recv().map_or(-(libc::EAGAIN as i64), |tid| tid as i64)
}

fn run(sp: &Spawner, cx: Ctx, func: u32, arg: u32, tid: i32) -> Outcome {
    let mut store = new_store(&sp.engine, cx);
    let instance = match sp.pre.instantiate(&mut store) {
        Ok(i) => i,
        Err(e) => return crate::outcome(e),
    };
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
