//! Child processes: waiting for one with a deadline, saying how one ended,
//! and what a stuck one's threads are doing.

use std::time::{Duration, Instant};

/// Signals that mean the engine crashed, when the guest did not send them.
pub const CRASH_SIGNALS: [i32; 7] =
    [libc::SIGSEGV, libc::SIGBUS, libc::SIGILL, libc::SIGFPE, libc::SIGABRT, libc::SIGSYS, libc::SIGTRAP];

pub fn signal_name(s: i32) -> String {
    let abbrev = [
        (libc::SIGHUP, "SIGHUP"),
        (libc::SIGINT, "SIGINT"),
        (libc::SIGQUIT, "SIGQUIT"),
        (libc::SIGILL, "SIGILL"),
        (libc::SIGTRAP, "SIGTRAP"),
        (libc::SIGABRT, "SIGABRT"),
        (libc::SIGBUS, "SIGBUS"),
        (libc::SIGFPE, "SIGFPE"),
        (libc::SIGKILL, "SIGKILL"),
        (libc::SIGUSR1, "SIGUSR1"),
        (libc::SIGSEGV, "SIGSEGV"),
        (libc::SIGUSR2, "SIGUSR2"),
        (libc::SIGPIPE, "SIGPIPE"),
        (libc::SIGALRM, "SIGALRM"),
        (libc::SIGTERM, "SIGTERM"),
        (libc::SIGSTKFLT, "SIGSTKFLT"),
        (libc::SIGXCPU, "SIGXCPU"),
        (libc::SIGXFSZ, "SIGXFSZ"),
        (libc::SIGVTALRM, "SIGVTALRM"),
        (libc::SIGPROF, "SIGPROF"),
        (libc::SIGIO, "SIGIO"),
        (libc::SIGPWR, "SIGPWR"),
        (libc::SIGSYS, "SIGSYS"),
    ];
    abbrev.iter().find(|(n, _)| *n == s).map_or(format!("signal {s}"), |(_, name)| name.to_string())
}

/// How a process ended, from its wait status.
pub fn status_text(status: i32) -> String {
    if libc::WIFSIGNALED(status) {
        format!("killed by {}", signal_name(libc::WTERMSIG(status)))
    } else {
        format!("exit status {}", libc::WEXITSTATUS(status))
    }
}

/// Whether the status is a death by a signal that means a crash.
pub fn crashed(status: i32) -> bool {
    libc::WIFSIGNALED(status) && CRASH_SIGNALS.contains(&libc::WTERMSIG(status))
}

/// Waits for child `pid` until `deadline`; its status, or `None` when it is
/// still running then.
pub fn wait_until(pid: i32, deadline: Instant) -> Option<i32> {
    let mut status = 0;
    // A pidfd wakes the wait at the child's end; without one, poll.
    let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) } as i32;
    loop {
        if unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) } != 0 {
            if fd >= 0 {
                unsafe { libc::close(fd) };
            }
            return Some(status);
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            if fd >= 0 {
                unsafe { libc::close(fd) };
            }
            return None;
        }
        if fd >= 0 {
            let mut p = libc::pollfd { fd, events: libc::POLLIN, revents: 0 };
            unsafe { libc::poll(&mut p, 1, left.as_millis().clamp(1, 100) as i32) };
        } else {
            std::thread::sleep(left.min(Duration::from_micros(200)));
        }
    }
}

/// Kills child `pid` and collects it.
pub fn kill(pid: i32) {
    let mut status = 0;
    unsafe {
        libc::kill(pid, libc::SIGKILL);
        libc::waitpid(pid, &mut status, 0);
    }
}

/// The state letters of process `pid`'s threads (`R` running, `S` asleep...).
fn states(pid: i32) -> Vec<char> {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else { return Vec::new() };
    tasks
        .flatten()
        .filter_map(|t| std::fs::read_to_string(t.path().join("stat")).ok())
        .filter_map(|stat| stat.rsplit(") ").next().and_then(|s| s.chars().next()))
        .collect()
}

/// Whether process `pid` is stuck asleep rather than slow: none of its
/// threads runs in ten looks over 50 ms.
pub fn asleep(pid: i32) -> bool {
    (0..10).all(|_| {
        let running = states(pid).contains(&'R');
        std::thread::sleep(Duration::from_millis(5));
        !running
    })
}

/// What process `pid`'s threads are doing, from /proc: one line each.
pub fn threads_of(pid: i32) -> String {
    let mut out = String::new();
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else { return out };
    for t in tasks.flatten() {
        let p = t.path();
        let read = |f: &str| std::fs::read_to_string(p.join(f)).unwrap_or_default().trim().to_string();
        let stat = read("stat");
        let state = stat.rsplit(") ").next().and_then(|s| s.split(' ').next()).unwrap_or("?").to_string();
        out.push_str(&format!(
            "\n    thread {} ({}): state {state}, syscall {}, wchan {}",
            t.file_name().to_string_lossy(),
            read("comm"),
            read("syscall"),
            read("wchan")
        ));
        if let Some(l) = read("status").lines().find(|l| l.starts_with("SigBlk")) {
            out.push_str(&format!(", {l}"));
        }
    }
    out
}
