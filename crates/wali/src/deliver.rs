//! Running the guest's Wasm signal handlers (see `signal` for how signals are
//! recorded). Called when a host call returns and from the epoch callback.

use crate::ctx::Ctx;
use crate::signal::{self, SIG_DFL, SIG_IGN};
use wasmtime::{format_err, Result};
use wasmtime::{AsContextMut, Ref, Val};

/// Far enough that a handler is never interrupted by its own epoch check.
const NO_DEADLINE: u64 = u64::MAX / 2;
const SIGINFO: usize = 128;

/// Delivers every pending signal; returns whether all the handlers that ran
/// asked for `SA_RESTART`.
pub fn deliver(mut store: impl AsContextMut<Data = Ctx>) -> Result<bool> {
    let mut store = store.as_context_mut();
    let mut all_restart = true;
    while let Some(sig) = signal::take_pending() {
        let act = store.data().proc.signals.get(sig);
        if act.handler == SIG_DFL || act.handler == SIG_IGN {
            continue; // the action changed after the signal arrived
        }
        let flags = act.flags as i32;
        if flags & libc::SA_RESTART == 0 {
            all_restart = false;
        }
        if flags & libc::SA_RESETHAND != 0 {
            store.data().proc.signals.reset(sig);
        }
        let table = store.data().table.ok_or_else(|| format_err!("signal {sig}: the module has no function table"))?;
        let func = match table.get(&mut store, act.handler as u32 as u64) {
            Some(Ref::Func(Some(f))) => f,
            _ => return Err(format_err!("signal {sig}: handler {} is not a function in the table", act.handler)),
        };
        let nparams = func.ty(&store).params().len();
        let mut args = vec![Val::I32(sig)];
        if nparams == 3 {
            let frame = store.data_mut().signal_frame()?;
            store.data().mem.write(frame, &signal::info(sig)[..SIGINFO]).map_err(|_| format_err!("signal frame"))?;
            args.extend([Val::I32(frame as i32), Val::I32(0)]);
        } else if nparams != 1 {
            return Err(format_err!("signal {sig}: handler {} does not take a signal number", act.handler));
        }
        // The kernel blocks the handler's mask (and the signal itself) while it runs.
        let mut block = crate::faults::unblockable(act.mask);
        if flags & libc::SA_NODEFER == 0 {
            block |= 1 << (sig - 1);
        }
        let mut old = 0u64;
        crate::sys::call!(SYS_rt_sigprocmask, libc::SIG_BLOCK, &block as *const u64, &mut old as *mut u64, 8);
        let epochs = store.data().proc.async_signals;
        if epochs {
            store.set_epoch_deadline(NO_DEADLINE);
        }
        let r = func.call(&mut store, &args, &mut []);
        if epochs {
            store.set_epoch_deadline(1);
        }
        crate::sys::call!(SYS_rt_sigprocmask, libc::SIG_SETMASK, &old as *const u64, 0, 8);
        r?;
    }
    Ok(all_restart)
}
