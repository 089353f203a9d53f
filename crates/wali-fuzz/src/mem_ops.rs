//! The memory instructions kind. Bulk memory instructions and atomic waits
//! run in Wasmtime's host code, not in compiled Wasm code, where a fault on
//! a page the guest unmapped or protected once killed the engine with
//! SIGSEGV (the review; `robustness.rs`). A worker of this kind runs memory
//! instructions (`memop` in the dispatcher module, one of `OPS`) at random
//! addresses and lengths, often on pages it just unmapped or protected
//! (`PROT_NONE`, `PROT_READ`) through the guest's mmap imports.
//!
//! Allowed outcomes: the instruction succeeds (and says something sane: a
//! wait returns 0, 1 or 2, `memory.size` the size, a store or a fill leaves
//! its bytes), or it traps cleanly: the call returns a trap, or the worker
//! ends with status 134 after a line starting with `wali:` (a fault outside
//! Wasm code, `crates/wali/src/faults.rs`; the supervisor counts it). A
//! death by a signal, a panic, another error or a hang is a failure.

use crate::canaries::vm_read;
use crate::rng::{mix, Rng};
use crate::sandbox::{self, Config, Dispatch, Guest, FAILED};
use crate::shared::Shared;
use crate::target::Target;
use std::sync::atomic::Ordering;
use std::time::Instant;
use wali::wasmtime::TypedFunc;

/// The instructions `memop(op, a, b, n, t)` runs, by `op`: name and WAT
/// (`$a`, `$b` addresses or values, `$n` a length or count, `$t` a timeout
/// in ns; `$bytes` a 64-byte passive segment), leaving an i64.
pub const OPS: [(&str, &str); 22] = [
    ("memory.fill", "(memory.fill (local.get $a) (local.get $b) (local.get $n)) (i64.const 0)"),
    ("memory.copy", "(memory.copy (local.get $a) (local.get $b) (local.get $n)) (i64.const 0)"),
    ("memory.init", "(memory.init $bytes (local.get $a) (local.get $b) (local.get $n)) (i64.const 0)"),
    ("data.drop", "(data.drop $bytes) (i64.const 0)"),
    ("memory.atomic.wait32", "(i64.extend_i32_u (memory.atomic.wait32 (local.get $a) (local.get $b) (local.get $t)))"),
    (
        "memory.atomic.wait64",
        "(i64.extend_i32_u (memory.atomic.wait64 (local.get $a) (i64.extend_i32_u (local.get $b)) (local.get $t)))",
    ),
    ("memory.atomic.notify", "(i64.extend_i32_u (memory.atomic.notify (local.get $a) (local.get $n)))"),
    ("memory.grow", "(i64.extend_i32_s (memory.grow (local.get $a)))"),
    ("memory.size", "(i64.extend_i32_u (memory.size))"),
    ("i32.load", "(i64.extend_i32_u (i32.load (local.get $a)))"),
    ("i32.store", "(i32.store (local.get $a) (local.get $b)) (i64.const 0)"),
    ("i64.load", "(i64.load (local.get $a))"),
    ("i64.store", "(i64.store (local.get $a) (i64.extend_i32_u (local.get $b))) (i64.const 0)"),
    ("i32.load8_u", "(i64.extend_i32_u (i32.load8_u (local.get $a)))"),
    ("i32.store8", "(i32.store8 (local.get $a) (local.get $b)) (i64.const 0)"),
    ("i32.atomic.rmw.add", "(i64.extend_i32_u (i32.atomic.rmw.add (local.get $a) (local.get $b)))"),
    ("i64.atomic.load", "(i64.atomic.load (local.get $a))"),
    ("i32.atomic.store", "(i32.atomic.store (local.get $a) (local.get $b)) (i64.const 0)"),
    ("i32.atomic.rmw.cmpxchg", "(i64.extend_i32_u (i32.atomic.rmw.cmpxchg (local.get $a) (local.get $b) (local.get $n)))"),
    ("v128.load", "(i64x2.extract_lane 0 (v128.load (local.get $a)))"),
    ("v128.store", "(v128.store (local.get $a) (i64x2.splat (i64.extend_i32_u (local.get $b)))) (i64.const 0)"),
    ("i64.load offset=65535", "(i64.load offset=65535 (local.get $a))"),
];
pub const FILL: u32 = 0;
pub const COPY: u32 = 1;
const INIT: u32 = 2;
const DROP: u32 = 3;
pub const WAIT32: u32 = 4;
const WAIT64: u32 = 5;
pub const NOTIFY: u32 = 6;
pub const GROW: u32 = 7;
const SIZE: u32 = 8;
const STORE32: u32 = 10;
const STORE8: u32 = 14;
/// Instructions whose memory accesses happen in Wasmtime's host code: a
/// fault there ends the worker (status 134), so they meet protected pages
/// less often than the others, which trap and let the worker go on.
const IN_HOST: [u32; 5] = [FILL, COPY, INIT, WAIT32, WAIT64];

const PAGE: u32 = 4096;
/// Where the guest's mappings start (below: nothing the fuzzer needs, but
/// the instructions may hit it).
const ARENA: u32 = 0x20000;

type MemOp = TypedFunc<(i32, i32, i32, i32, i64), i64>;

/// A step for the flight recorder and reports: `op` with its operands.
pub fn fmt_op(op: usize, a: &[i64; 6]) -> String {
    let name = OPS.get(op).map_or("?", |o| o.0);
    format!("{name}(a={:#x}, b={:#x}, n={:#x}, t={})", a[0] as u32, a[1] as u32, a[2] as u32, a[3])
}

struct MemOps<'a> {
    cfg: &'a Config,
    shared: &'static Shared,
    targets: &'a [Target],
    rng: Rng,
    guest: Guest,
    memop: MemOp,
    mmap: (usize, Dispatch),
    munmap: (usize, Dispatch),
    mprotect: (usize, Dispatch),
    /// Recent mappings (address, length).
    maps: Vec<(u32, u32)>,
    /// Pages recently unmapped or protected.
    hurt: Vec<u32>,
}

pub fn run(cfg: &Config, shared: &'static Shared, targets: &[Target], wasm: &[u8]) -> ! {
    crate::worker::record_panics(shared);
    let sb = sandbox::enter(cfg, shared);
    let mut guest = Guest::new(sb.context(cfg, shared, &[]), shared, wasm);
    let memop = guest.export(shared, "memop");
    let mut named = |n: &str| (targets.iter().position(|t| t.name == n).unwrap_or(0), guest.dispatch(shared, targets, n));
    let (mmap, munmap, mprotect) = (named("SYS_mmap"), named("SYS_munmap"), named("SYS_mprotect"));
    let mut w = MemOps {
        cfg,
        shared,
        targets,
        rng: Rng::new(mix(cfg.seed ^ mix(cfg.worker))),
        guest,
        memop,
        mmap,
        munmap,
        mprotect,
        maps: Vec::new(),
        hurt: Vec::new(),
    };
    shared.workers.fetch_add(1, Ordering::SeqCst);
    w.run();
    unsafe { libc::_exit(0) }
}

impl MemOps<'_> {
    fn run(&mut self) {
        for n in 0..self.cfg.budget {
            if self.shared.stop.load(Ordering::Relaxed) != 0 || self.cfg.deadline.is_some_and(|d| Instant::now() >= d) {
                break;
            }
            let trace = self.cfg.trace_from.is_some_and(|f| n + 1 >= f);
            if self.maps.is_empty() || self.rng.one_in(4) {
                self.map_step(trace);
            } else {
                self.instruction(trace);
            }
        }
    }

    /// Records a step in the flight recorder; returns its number.
    fn begin(&self, t: usize, a: [i64; 6]) -> u64 {
        self.shared.begin(t, &a)
    }

    /// An mmap-family call: map pages, or unmap or protect some of a mapping.
    fn map_step(&mut self, trace: bool) {
        let page = PAGE as i64;
        let (which, a) = if self.maps.is_empty() || self.rng.one_in(3) {
            let len = page * self.rng.range(1, 16);
            (0, [0, len, 3, (libc::MAP_PRIVATE | libc::MAP_ANONYMOUS) as i64, -1, 0])
        } else {
            let (at, len) = self.maps[self.rng.below(self.maps.len() as u64) as usize];
            let pages = (len / PAGE) as i64;
            let first = self.rng.range(0, pages - 1);
            let n = self.rng.range(1, pages - first);
            let addr = at as i64 + first * page;
            match self.rng.below(4) {
                0 => (1, [addr, n * page, 0, 0, 0, 0]),
                1 => (2, [addr, n * page, libc::PROT_NONE as i64, 0, 0, 0]),
                2 => (2, [addr, n * page, libc::PROT_READ as i64, 0, 0, 0]),
                _ => (2, [addr, n * page, (libc::PROT_READ | libc::PROT_WRITE) as i64, 0, 0, 0]),
            }
        };
        let (ti, f) = [&self.mmap, &self.munmap, &self.mprotect][which].clone();
        let seq = self.begin(ti, a);
        let r = f.call(&mut self.guest.store, (a[0], a[1], a[2], a[3], a[4], a[5]));
        let r = match r {
            Ok(v) => v,
            Err(e) => self.fail(&format!("the engine stopped the guest in an mmap-family call: {e:#}"), ti, &a),
        };
        self.shared.end(seq, Some(r));
        self.shared.kinds.mem_maps.fetch_add(1, Ordering::Relaxed);
        if trace {
            eprintln!("#{seq} {} = {r}", crate::worker::fmt_call(&self.targets[ti], &a));
        }
        if r < 0 {
            return;
        }
        match which {
            0 => {
                self.maps.push((r as u32, a[1] as u32));
                if self.maps.len() > 16 {
                    self.maps.remove(0);
                }
            }
            _ if a[2] == (libc::PROT_READ | libc::PROT_WRITE) as i64 => {
                self.hurt.retain(|p| !(a[0] as u32..(a[0] + a[1]) as u32).contains(p));
            }
            _ => {
                for p in (a[0]..a[0] + a[1]).step_by(PAGE as usize) {
                    self.hurt.push(p as u32);
                }
                let extra = self.hurt.len().saturating_sub(64);
                self.hurt.drain(..extra);
            }
        }
    }

    /// An address: often on or just before a page the guest unmapped or
    /// protected (when `hurt`), else anywhere, near and past the end.
    fn addr(&mut self, hurt: bool) -> u32 {
        let size = self.guest.size();
        let rng = &mut self.rng;
        if hurt && !self.hurt.is_empty() {
            let p = self.hurt[rng.below(self.hurt.len() as u64) as usize];
            return match rng.below(3) {
                0 => p,
                1 => p + rng.below(PAGE as u64) as u32,
                _ => p.wrapping_sub(rng.range(1, 64) as u32),
            };
        }
        match rng.below(6) {
            0 | 1 if !self.maps.is_empty() => {
                let (at, len) = self.maps[rng.below(self.maps.len() as u64) as usize];
                at + rng.below(len as u64) as u32
            }
            2 => size.wrapping_sub(rng.range(0, 64) as u32),
            3 => size.wrapping_add(rng.range(0, 0x10000) as u32),
            4 => rng.pick(&[0, 0xffff_fff0, 0x8000_0000, 0xffff_ffff]),
            _ => ARENA + rng.below(size.saturating_sub(ARENA).max(1) as u64) as u32,
        }
    }

    fn length(&mut self) -> u32 {
        let rng = &mut self.rng;
        match rng.below(8) {
            0 => 0,
            1..=3 => rng.range(1, 64) as u32,
            4 => rng.pick(&[4096, 4095, 4097, 8192, 65536]),
            5 => rng.range(1, 0x10000) as u32,
            6 => rng.pick(&[0xffff_ffff, 0x8000_0000, 0x1000_0000]),
            _ => rng.range(64, 1024) as u32,
        }
    }

    fn instruction(&mut self, trace: bool) {
        // Bulk memory and waits most often: the review's findings.
        let op = match self.rng.below(16) {
            0..=2 => FILL,
            3..=5 => COPY,
            6 => INIT,
            7 => WAIT32,
            8 => WAIT64,
            9 => NOTIFY,
            10 if self.rng.one_in(64) => DROP,
            10 => GROW,
            _ => self.rng.pick(&[SIZE, 9, STORE32, 11, 12, 13, STORE8, 15, 16, 17, 18, 19, 20, 21]),
        };
        let hurt = if IN_HOST.contains(&op) { self.rng.one_in(48) } else { self.rng.one_in(2) };
        let mut a = self.addr(hurt);
        let both = hurt && self.rng.one_in(2);
        let mut b = self.addr(both);
        let mut n = self.length();
        let mut t = 0i64;
        match op {
            FILL => b = self.rng.u32() & 0xff,
            INIT => {
                b = if self.rng.one_in(4) { self.rng.range(0, 128) as u32 } else { self.rng.range(0, 63) as u32 };
                n = n.min(if self.rng.one_in(4) { u32::MAX } else { 64 });
            }
            WAIT32 | WAIT64 => {
                let align = if op == WAIT32 { 4 } else { 8 };
                if !self.rng.one_in(16) {
                    a &= !(align - 1);
                }
                // The current value half the time, so the instruction really waits.
                let mut cur = [0u8; 4];
                b = if self.rng.one_in(2) && vm_read(self.guest.base + a as usize, &mut cur) {
                    u32::from_le_bytes(cur)
                } else {
                    self.rng.u32()
                };
                t = self.rng.pick(&[0, 1, 1000, 50_000, 200_000]);
            }
            NOTIFY => n = self.rng.pick(&[0, 1, 2, u32::MAX]),
            GROW => a = if self.rng.one_in(8) && self.guest.size() < (1 << 26) { 1 } else { 0 },
            STORE32 | STORE8 => b = self.rng.u32(),
            _ => {}
        }
        let args = [a as i64, b as i64, n as i64, t, 0, 0];
        let t0 = self.targets.len() + op as usize;
        let size_before = self.guest.size();
        let seq = self.begin(t0, args);
        let r = self.memop.call(&mut self.guest.store, (op as i32, a as i32, b as i32, n as i32, t));
        self.shared.kinds.mem_ops.fetch_add(1, Ordering::Relaxed);
        let r = match r {
            Ok(v) => {
                self.shared.end(seq, Some(v));
                Some(v)
            }
            Err(e) => {
                self.shared.end(seq, None);
                if e.downcast_ref::<wali::wasmtime::Trap>().is_none() {
                    self.fail(&format!("the instruction ended with an error that is no trap: {e:#}"), t0, &args);
                }
                self.shared.kinds.mem_traps.fetch_add(1, Ordering::Relaxed);
                None
            }
        };
        if trace {
            eprintln!("#{seq} {} = {}", fmt_op(op as usize, &args), r.map_or("trap".into(), |v| v.to_string()));
        }
        if let Some(why) = r.and_then(|v| self.check(op, &args, v, size_before)) {
            self.fail(&format!("BAD RESULT: {why}"), t0, &args);
        }
    }

    /// What a successful instruction must have done.
    fn check(&self, op: u32, a: &[i64; 6], v: i64, size_before: u32) -> Option<String> {
        let (at, b, n) = (a[0] as u32, a[1] as u32, a[2] as u32);
        let bytes = |at: u32, len: usize| -> Option<Vec<u8>> {
            let mut buf = vec![0u8; len];
            vm_read(self.guest.base + at as usize, &mut buf).then_some(buf)
        };
        match op {
            WAIT32 | WAIT64 if !(0..=2).contains(&v) => Some(format!("a wait returned {v}, not 0, 1 or 2")),
            NOTIFY if v > n as i64 => Some(format!("notify woke {v} waiters, more than the {n} asked for")),
            SIZE if v as u64 != self.guest.size() as u64 >> 16 => {
                Some(format!("memory.size is {v} pages, the memory has {:#x} bytes", self.guest.size()))
            }
            GROW if v != -1 && v as u64 != size_before as u64 >> 16 => {
                Some(format!("memory.grow returned {v}, not the old size ({} pages) nor -1", size_before >> 16))
            }
            FILL if n > 0 => {
                let want = b as u8;
                let got = [bytes(at, 1), bytes(at.wrapping_add(n - 1), 1)];
                got.iter()
                    .flatten()
                    .any(|x| x[0] != want)
                    .then(|| format!("memory.fill succeeded, but its first or last byte is not {want:#x}"))
            }
            STORE32 => bytes(at, 4)
                .filter(|x| *x != b.to_le_bytes())
                .map(|x| format!("i32.store succeeded, but the word there is {:x?}", x)),
            STORE8 => bytes(at, 1)
                .filter(|x| x[0] != b as u8)
                .map(|x| format!("i32.store8 succeeded, but the byte there is {:#x}", x[0])),
            _ => None,
        }
    }

    fn fail(&self, what: &str, t: usize, a: &[i64; 6]) -> ! {
        let step = match t.checked_sub(self.targets.len()) {
            Some(op) => fmt_op(op, a),
            None => crate::worker::fmt_call(&self.targets[t], a),
        };
        let text = format!("{what}\n  step #{}: {step}", self.shared.seq.load(Ordering::SeqCst));
        self.shared.fail(&text);
        unsafe { libc::_exit(FAILED) }
    }
}
