//! Linking: every `wali` import of a module is bound to its table row through
//! one dispatcher, which widens the arguments, traces, delivers signals that
//! arrived during the call and converts the result to the declared type.

use crate::ctx::Ctx;
use crate::module::{Import, ValType};
use crate::policy::Policy;
use crate::syscalls::{self, Args, Fault, Status, SysResult, Syscall};
use crate::trace;
use wasmtime::{bail, Result};
use std::mem::MaybeUninit;
use wasmtime::{Caller, FuncType, Linker, ValRaw};

/// Calls that the kernel never restarts after a handler, whatever `SA_RESTART` says.
const NEVER_RESTARTED: [&str; 10] = [
    "SYS_poll",
    "SYS_ppoll",
    "SYS_select",
    "SYS_pselect6",
    "SYS_epoll_wait",
    "SYS_epoll_pwait",
    "SYS_nanosleep",
    "SYS_clock_nanosleep",
    "SYS_rt_sigsuspend",
    "SYS_futex",
];

/// Calls that end the thread or the process.
const ENDING: [&str; 4] = ["SYS_exit", "SYS_exit_group", "__proc_exit", "SYS_execve"];

/// Checks that every import comes from `wali` and is a function with
/// integer types, and binds each to the table.
/// Imports the policy denies get a handler that only returns the policy's errno.
/// Imports from the modules in `host` are the embedder's (`WaliCtxBuilder::host_module`).
pub fn define_imports(linker: &mut WaliLinker, imports: &[Import], policy: &Policy, host: &[String]) -> Result<()> {
    // A module may import one name several times; the linker holds one
    // definition per name, so each name is defined once, with one type.
    let mut defined: std::collections::HashMap<&str, &(Vec<ValType>, Vec<ValType>)> = Default::default();
    for imp in imports {
        if host.contains(&imp.module) {
            continue;
        }
        if imp.module != wali_abi::MODULE {
            bail!(
                "the module imports `{}.{}`, which is not a WALI import: WALI modules import only from `wali` \
                 (was it built for another system, e.g. WASI or Emscripten?)",
                imp.module,
                imp.name
            );
        }
        let Some(func) = &imp.func else {
            bail!("the module imports `wali.{}` as something other than a function", imp.name);
        };
        let (params, results) = func;
        let int = |t: &ValType| matches!(t, ValType::I32 | ValType::I64);
        if !params.iter().all(int) || !results.iter().all(int) || results.len() > 1 || params.len() > 6 {
            bail!("the module imports `wali.{}` with an unsupported type ({params:?} -> {results:?})", imp.name);
        }
        if let Some((p, r)) = defined.get(imp.name.as_str()) {
            if (p, r) != (params, results) {
                bail!(
                    "the module imports `wali.{}` twice with different types ({p:?} -> {r:?}, then {params:?} -> {results:?})",
                    imp.name
                );
            }
            continue;
        }
        defined.insert(&imp.name, func);
        let denied = policy.denies_at_link(&imp.name).then_some(policy.deny_errno);
        define(linker, imp.name.clone(), params.clone(), results.first().copied(), denied)?;
    }
    Ok(())
}

/// The call's arguments, widened from the declared types (i32 sign-extended).
#[inline]
fn args(params: &[ValType], vals: &[MaybeUninit<ValRaw>]) -> Args {
    let mut a = Args::default();
    for (i, t) in params.iter().enumerate() {
        // SAFETY: Wasmtime passes values of the declared types.
        let v = unsafe { vals[i].assume_init_ref() };
        a.0[i] = if *t == ValType::I64 { v.get_i64() } else { v.get_i32() as i64 };
    }
    a
}

/// Stores the result as the declared type (or nothing).
#[inline]
fn set_result(result: Option<ValType>, vals: &mut [MaybeUninit<ValRaw>], r: i64) {
    if let Some(t) = result {
        vals[0] = MaybeUninit::new(if t == ValType::I64 { ValRaw::i64(r) } else { ValRaw::i32(r as i32) });
    }
}

/// The linker every import is defined in.
pub type WaliLinker = Linker<Ctx>;

/// Defines one import bound to its table row (`Syscall::define`).
pub type Define = fn(&mut WaliLinker, Binding) -> Result<()>;

/// An import of the module, bound to its row.
pub struct Binding {
    name: String,
    ty: FuncType,
    params: Vec<ValType>,
    result: Option<ValType>,
    bound: Bound,
}

fn define(
    linker: &mut WaliLinker,
    name: String,
    params: Vec<ValType>,
    result: Option<ValType>,
    denied: Option<i32>,
) -> Result<()> {
    let engine = linker.engine().clone();
    let wt = |t: &ValType| if *t == ValType::I64 { wasmtime::ValType::I64 } else { wasmtime::ValType::I32 };
    let ty = FuncType::new(&engine, params.iter().map(wt), result.iter().map(wt));
    let row: Option<&'static Syscall> = syscalls::lookup(&name);
    let c_params = wali_abi::lookup(&name).map_or(&[][..], |s| s.c_params());
    if let Some(errno) = denied {
        return define_denied(linker, name, ty, params, result, c_params, errno);
    }
    let Some(row) = row else {
        return define_unknown(linker, name, ty, result);
    };
    let restartable = !NEVER_RESTARTED.contains(&name.as_str());
    let bound = Bound { row, c_params, nargs: params.len(), restartable };
    (row.define)(linker, Binding { name, ty, params, result, bound })
}

/// Defines an import whose closure calls `handler` directly: one closure
/// type, and so one copy of Wasmtime's host-call path, per row.
pub fn define_with<H>(linker: &mut WaliLinker, b: Binding, handler: H) -> Result<()>
where
    H: Fn(&mut Ctx, &Args) -> SysResult + Send + Sync + 'static,
{
    let Binding { name, ty, params, result, bound } = b;
    let func = move |mut caller: Caller<'_, Ctx>, vals: &mut [MaybeUninit<ValRaw>]| -> Result<()> {
        let a = args(&params, vals);
        let r = call(&mut caller, &bound, &a, &handler)?;
        set_result(result, vals, r);
        Ok(())
    };
    // SAFETY: the closure reads exactly the declared parameters and writes the declared result.
    unsafe { linker.func_new_unchecked(wali_abi::MODULE, &name, ty, func)? };
    Ok(())
}

/// An import the table does not know: warns once and returns `-ENOSYS`.
fn define_unknown(linker: &mut WaliLinker, name: String, ty: FuncType, result: Option<ValType>) -> Result<()> {
    let import = name.clone();
    let func = move |caller: Caller<'_, Ctx>, vals: &mut [MaybeUninit<ValRaw>]| -> Result<()> {
        caller.data().proc.warn_once(&import, "not a WALI import this engine knows");
        set_result(result, vals, -(libc::ENOSYS as i64));
        Ok(())
    };
    // SAFETY: the closure reads no parameter and writes the declared result.
    unsafe { linker.func_new_unchecked(wali_abi::MODULE, &name, ty, func)? };
    Ok(())
}

/// A denied import: returns `-errno` at once, never reaching the kernel;
/// `--strace` shows the call as denied.
fn define_denied(
    linker: &mut WaliLinker,
    name: String,
    ty: FuncType,
    params: Vec<ValType>,
    result: Option<ValType>,
    c_params: &'static [&'static str],
    errno: i32,
) -> Result<()> {
    let shown_name = syscalls::lookup(&name).map_or(name.clone(), |r| r.short_name().to_string());
    let full_name = name.clone();
    let func = move |caller: Caller<'_, Ctx>, vals: &mut [MaybeUninit<ValRaw>]| -> Result<()> {
        let r = -(errno as i64);
        let cx = caller.data();
        if let Some(t) = &cx.proc.tracer {
            let a = args(&params, vals);
            let shown = format!("{} (denied by policy)", trace::result(&full_name, r));
            t.call(&cx.mem, &shown_name, c_params, params.len(), &a, &shown);
        }
        set_result(result, vals, r);
        Ok(())
    };
    // SAFETY: the closure reads exactly the declared parameters and writes the declared result.
    unsafe { linker.func_new_unchecked(wali_abi::MODULE, &name, ty, func)? };
    Ok(())
}

/// An import bound to its table row.
struct Bound {
    row: &'static Syscall,
    /// The C parameter names, for tracing.
    c_params: &'static [&'static str],
    /// How many arguments the module passes.
    nargs: usize,
    /// Whether `SA_RESTART` handlers restart it.
    restartable: bool,
}

/// Runs one call. The common case (no tracing, no warning, no thread mask to
/// apply) is inlined, with the handler, into the import's closure and so into
/// Wasmtime's host-call function: on CPUs whose return predictions a syscall
/// leaves invalid (this VM's kernel does), every frame between the syscall
/// and the guest costs a mispredicted return.
#[inline(always)]
fn call<H>(caller: &mut Caller<'_, Ctx>, bound: &Bound, a: &Args, handler: &H) -> Result<i64>
where
    H: Fn(&mut Ctx, &Args) -> SysResult,
{
    let row = bound.row;
    let cx = caller.data_mut();
    if cx.proc.tracer.is_some() || cx.proc.profile.is_some() || cx.start_mask.is_some() || row.status == Status::Unsupported {
        return call_general(caller, bound, a);
    }
    let r = for_guest(handler(cx, a))?;
    if !crate::signal::pending() {
        return Ok(r);
    }
    match settle(caller, r, bound.restartable)? {
        Some(r) => Ok(r),
        None => call_general(caller, bound, a),
    }
}

/// A handler's result as the guest sees it (`-errno` on error); a stop
/// unwinds out of Wasm.
#[inline(always)]
fn for_guest(res: SysResult) -> Result<i64> {
    match res {
        Ok(v) => Ok(v),
        Err(Fault::Errno(e)) => Ok(-(e as i64)),
        Err(Fault::Stop(s)) => Err(s.into()),
    }
}

/// Delivers the signals that arrived during a call that returned `r`; `None`
/// when the call is to run again, as the kernel would restart it (`SA_RESTART`).
#[cold]
fn settle(caller: &mut Caller<'_, Ctx>, r: i64, restartable: bool) -> Result<Option<i64>> {
    let all_restart = crate::deliver::deliver(&mut *caller)?;
    Ok((!(r == -(libc::EINTR as i64) && all_restart && restartable)).then_some(r))
}

/// Any call: warns of an unsupported import, applies a new thread's mask,
/// traces, and runs the handler until it is not to be restarted.
#[inline(never)]
fn call_general(caller: &mut Caller<'_, Ctx>, bound: &Bound, a: &Args) -> Result<i64> {
    let Bound { row, c_params, nargs, restartable } = *bound;
    if row.status == Status::Unsupported {
        caller.data().proc.warn_once(row.name, row.note);
    }
    apply_start_mask(caller.data_mut());
    loop {
        let cx = caller.data_mut();
        // Calls that may end the process without returning here (exit_group
        // ends it at once under the CLI) are traced before they run, as `= ?`.
        let ends = cx.proc.tracer.is_some() && ENDING.contains(&row.name);
        if let Some(t) = cx.proc.tracer.as_ref().filter(|_| ends) {
            t.call(&cx.mem, row.short_name(), c_params, nargs, a, "?");
        }
        let timing = cx.proc.profile.as_ref().map(|p| p.start());
        let res = (row.handler)(cx, a);
        if let (Some(p), Some(t)) = (&cx.proc.profile, timing) {
            let r = match &res {
                Ok(v) => *v,
                Err(Fault::Errno(e)) => -(*e as i64),
                Err(Fault::Stop(_)) => 0,
            };
            p.end(t, row.short_name(), r);
        }
        if let Some(t) = &cx.proc.tracer {
            let shown = match &res {
                Ok(v) => trace::result(row.name, *v),
                Err(Fault::Errno(e)) => trace::result(row.name, -(*e as i64)),
                Err(Fault::Stop(s)) => format!("? ({s})"),
            };
            if ends {
                // It returned after all (a failed execve, or an unwinding exit).
                t.line(&format!("<... {} resumed> = {shown}", row.short_name()));
            } else {
                t.call(&cx.mem, row.short_name(), c_params, nargs, a, &shown);
            }
        }
        let r = for_guest(res)?;
        if !crate::signal::pending() {
            return Ok(r);
        }
        if let Some(r) = settle(caller, r, restartable)? {
            return Ok(r);
        }
    }
}

/// A new thread's signal mask, applied at its first host call (`Ctx::start_mask`).
pub(crate) fn apply_start_mask(cx: &mut Ctx) {
    if let Some(mask) = cx.start_mask.take() {
        crate::sys::call!(SYS_rt_sigprocmask, libc::SIG_SETMASK, &mask as *const u64, 0, 8);
    }
}
