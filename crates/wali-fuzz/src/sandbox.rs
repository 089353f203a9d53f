//! What every worker process does first, whatever its kind: it makes itself
//! a disposable sandbox (own session, private network namespace, nobody's
//! uid when started as root, small file-size and descriptor limits, the
//! signals that would end it ignored, a fresh work directory) and
//! instantiates the dispatcher module through the engine's normal path
//! (`wali::instantiate`), confined by Landlock to writes in its directory.

use crate::gen::WATCHDOG;
use crate::kinds::Kind;
use crate::shared::{Shared, SANDBOX_LANDLOCK, SANDBOX_NETNS, SANDBOX_NOBODY};
use crate::target::Target;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use wali::wasmtime::{Instance, SharedMemory, Store, TypedFunc};

/// Exit status of a worker that recorded a failure.
pub const FAILED: i32 = 97;
/// Limits every worker runs under.
const FILE_SIZE: u64 = 8 << 20;
pub const OPEN_FILES: u64 = 512;
const NOBODY: u32 = 65534;

pub struct Config {
    pub kind: Kind,
    pub seed: u64,
    pub worker: u64,
    pub budget: u64,
    pub rundir: PathBuf,
    pub slot: usize,
    /// Print every call or step from this one on (replays).
    pub trace_from: Option<u64>,
    /// When a worker of a kind other than calls stops (none in replays).
    pub deadline: Option<std::time::Instant>,
}

/// An export of the dispatcher module that makes one call: `c<i>`.
pub type Dispatch = TypedFunc<(i64, i64, i64, i64, i64, i64), i64>;

/// The sandbox a worker made itself.
pub struct Sandbox {
    pub workdir: PathBuf,
    pub netns: bool,
    pub landlock: bool,
}

/// Records why the set-up failed and ends the worker.
pub fn die(shared: &Shared, what: String) -> ! {
    shared.fail(&format!("worker set-up failed: {what}"));
    unsafe { libc::_exit(FAILED) }
}

/// Makes the calling process, a fresh worker, a sandbox.
pub fn enter(cfg: &Config, shared: &'static Shared) -> Sandbox {
    let workdir = cfg.rundir.join(format!("w{}", cfg.slot));
    unsafe {
        libc::setsid();
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
        let null = libc::open(c"/dev/null".as_ptr(), libc::O_RDWR);
        libc::dup2(null, 0);
        libc::dup2(null, 1);
        libc::close(null);
        libc::fcntl(2, libc::F_SETFL, libc::O_NONBLOCK);
    }
    let netns = private_network();
    repair_rundir(&cfg.rundir);
    if let Err(e) = make_workdir(&workdir) {
        die(shared, format!("{}: {e}", workdir.display()));
    }
    if std::env::set_current_dir(&workdir).is_err() {
        die(shared, format!("cannot enter {}", workdir.display()));
    }
    let nobody = drop_root(&workdir);
    set_limit(libc::RLIMIT_FSIZE, FILE_SIZE);
    set_limit(libc::RLIMIT_NOFILE, OPEN_FILES);
    set_limit(libc::RLIMIT_CORE, 0);
    // Signals whose default action ends the process are ignored (the guest
    // may set them back); the watchdog's interrupts every blocking call.
    let mut ignored = vec![
        libc::SIGHUP,
        libc::SIGINT,
        libc::SIGQUIT,
        libc::SIGTERM,
        libc::SIGUSR1,
        libc::SIGUSR2,
        libc::SIGALRM,
        libc::SIGVTALRM,
        libc::SIGPROF,
        libc::SIGIO,
        libc::SIGPWR,
        libc::SIGXFSZ,
        libc::SIGXCPU,
        libc::SIGPIPE,
        libc::SIGTSTP,
        libc::SIGTTIN,
        libc::SIGTTOU,
    ];
    ignored.extend(34..=64);
    for s in ignored {
        set_action(s, libc::SIG_IGN);
    }
    set_action(WATCHDOG, on_watchdog as *const () as usize);
    unsafe {
        let mut none: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut none);
        libc::pthread_sigmask(libc::SIG_SETMASK, &none, std::ptr::null_mut());
    }
    let landlock = landlock_available();
    let bits = [(netns, SANDBOX_NETNS), (landlock, SANDBOX_LANDLOCK), (nobody, SANDBOX_NOBODY)];
    shared.sandbox.store(bits.iter().filter(|(b, _)| *b).map(|(_, v)| v).sum(), Ordering::SeqCst);
    Sandbox { workdir, netns, landlock }
}

impl Sandbox {
    /// The guest's context: three arguments, a small environment, the
    /// dispatcher's compile cache, and with Landlock the whole file system
    /// read-only but for the work directory and `rw`.
    pub fn context(&self, cfg: &Config, shared: &Shared, rw: &[&Path]) -> wali::WaliCtxBuilder {
        let mut ctx = wali::WaliCtx::builder();
        ctx.arg("fuzz-guest").arg("alpha").arg("beta").env("FUZZ", "1").env("PATH", "/usr/bin:/bin");
        ctx.cache_dir(cfg.rundir.join("cache"));
        self.confine(&mut ctx, shared, rw);
        ctx
    }

    /// With Landlock: writes only in the work directory and `rw`.
    pub fn confine(&self, ctx: &mut wali::WaliCtxBuilder, shared: &Shared, rw: &[&Path]) {
        if !self.landlock {
            return;
        }
        let mut r = ctx.dir("/", true).and_then(|c| c.dir(&self.workdir, false)).map(|_| ());
        for p in rw {
            r = r.and_then(|_| ctx.dir(p, false).map(|_| ()));
        }
        if let Err(e) = r {
            die(shared, format!("Landlock: {e:#}"));
        }
    }
}

/// The dispatcher module, instantiated.
pub struct Guest {
    pub store: Store<wali::Ctx>,
    pub instance: Instance,
    pub mem: SharedMemory,
    /// Host address of guest address 0.
    pub base: usize,
}

impl Guest {
    pub fn new(ctx: wali::WaliCtxBuilder, shared: &Shared, wasm: &[u8]) -> Guest {
        let mut ctx = ctx;
        let inst = match wali::instantiate(wasm, ctx.build()) {
            Ok(i) => i,
            Err(e) => die(shared, format!("instantiating the dispatcher module: {e:#}")),
        };
        let wali::Instantiated { store, instance, memory } = inst;
        let Some(mem) = memory else { die(shared, "the dispatcher module has no memory".into()) };
        let base = mem.data().as_ptr() as usize;
        Guest { store, instance, mem, base }
    }

    /// The dispatcher of the import named `name`.
    pub fn dispatch(&mut self, shared: &Shared, targets: &[Target], name: &str) -> Dispatch {
        let i = targets.iter().position(|t| t.name == name).unwrap_or_else(|| die(shared, format!("no import {name}")));
        self.export(shared, &format!("c{i}"))
    }

    pub fn export<P: wali::wasmtime::WasmParams, R: wali::wasmtime::WasmResults>(
        &mut self,
        shared: &Shared,
        name: &str,
    ) -> TypedFunc<P, R> {
        match self.instance.get_typed_func(&mut self.store, name) {
            Ok(f) => f,
            Err(e) => die(shared, format!("export {name}: {e:#}")),
        }
    }

    pub fn size(&self) -> u32 {
        self.mem.data_size() as u32
    }
}

pub fn set_action(sig: i32, handler: usize) {
    unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = handler;
        libc::sigemptyset(&mut sa.sa_mask);
        libc::sigaction(sig, &sa, std::ptr::null_mut());
    }
}

extern "C" fn on_watchdog(_: libc::c_int) {}

pub fn block_all_signals() {
    unsafe {
        let mut all: libc::sigset_t = std::mem::zeroed();
        libc::sigfillset(&mut all);
        libc::pthread_sigmask(libc::SIG_BLOCK, &all, std::ptr::null_mut());
    }
}

fn set_limit(res: libc::__rlimit_resource_t, v: u64) {
    let r = libc::rlimit { rlim_cur: v, rlim_max: v };
    unsafe { libc::setrlimit(res, &r) };
}

/// A private network namespace: the guest's sockets reach nothing outside.
/// Root makes one directly, anyone else inside a user namespace.
fn private_network() -> bool {
    let (uid, gid) = unsafe { (libc::getuid(), libc::getgid()) };
    let ok = unsafe { libc::unshare(libc::CLONE_NEWNET) } == 0 || {
        let user = unsafe { libc::unshare(libc::CLONE_NEWUSER | libc::CLONE_NEWNET) } == 0;
        user && std::fs::write("/proc/self/setgroups", "deny").is_ok()
            && std::fs::write("/proc/self/uid_map", format!("{uid} {uid} 1")).is_ok()
            && std::fs::write("/proc/self/gid_map", format!("{gid} {gid} 1")).is_ok()
    };
    if ok {
        // Bring the loopback interface up, so local TCP/UDP work.
        unsafe {
            let s = libc::socket(libc::AF_INET, libc::SOCK_DGRAM | libc::SOCK_CLOEXEC, 0);
            let mut ifr: libc::ifreq = std::mem::zeroed();
            ifr.ifr_name[0] = b'l' as libc::c_char;
            ifr.ifr_name[1] = b'o' as libc::c_char;
            if libc::ioctl(s, libc::SIOCGIFFLAGS, &mut ifr) == 0 {
                ifr.ifr_ifru.ifru_flags |= libc::IFF_UP as libc::c_short;
                libc::ioctl(s, libc::SIOCSIFFLAGS, &ifr);
            }
            libc::close(s);
        }
    }
    ok
}

fn landlock_available() -> bool {
    let v = unsafe { libc::syscall(libc::SYS_landlock_create_ruleset, 0usize, 0usize, 1u32) };
    v >= 1
}

/// `chmod` that never follows a symlink (a guest may have planted one where
/// a directory was): the path is opened `O_PATH|O_NOFOLLOW` and changed
/// through `/proc/self/fd`. Only directories and regular files are changed.
fn chmod_nofollow(path: &Path, dir_mode: u32, file_mode: u32) {
    let Ok(c) = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()) else { return };
    let fd = unsafe { libc::open(c.as_ptr(), libc::O_PATH | libc::O_NOFOLLOW | libc::O_CLOEXEC) };
    if fd < 0 {
        return;
    }
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    if unsafe { libc::fstat(fd, &mut st) } == 0 {
        let mode = match st.st_mode & libc::S_IFMT {
            libc::S_IFDIR => Some(dir_mode),
            libc::S_IFREG => Some(file_mode),
            _ => None,
        };
        if let Some(m) = mode {
            let proc = std::ffi::CString::new(format!("/proc/self/fd/{fd}")).unwrap();
            unsafe { libc::chmod(proc.as_ptr(), m) };
        }
    }
    unsafe { libc::close(fd) };
}

/// Makes a tree the guest played with removable: every directory 0700
/// (found again after each change), never through a symlink.
pub fn make_removable(dir: &Path) {
    chmod_nofollow(dir, 0o700, 0o600);
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            make_removable(&e.path());
        }
    }
}

/// Undoes what a guest running under the same uid may have done to the
/// run directory (`chmod("..", 0)` from its work directory: Landlock does
/// not cover chmod), so this worker can reach the cache and its directory.
fn repair_rundir(rundir: &Path) {
    chmod_nofollow(rundir, 0o755, 0o644);
    let cache = rundir.join("cache");
    chmod_nofollow(&cache, 0o755, 0o644);
    if let Ok(entries) = std::fs::read_dir(&cache) {
        for e in entries.flatten() {
            chmod_nofollow(&e.path(), 0o755, 0o644);
        }
    }
}

/// The worker's directory, fresh: a file, a directory, a symlink, a
/// read-only file and a FIFO for the guest's paths to find.
fn make_workdir(dir: &Path) -> std::io::Result<()> {
    make_removable(dir);
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir.join("dir"))?;
    std::fs::write(dir.join("file"), [b'x'; 64])?;
    std::fs::write(dir.join("dir/sub"), b"sub")?;
    std::fs::write(dir.join("ro"), b"read-only")?;
    std::os::unix::fs::symlink("file", dir.join("link"))?;
    let fifo = std::ffi::CString::new(dir.join("fifo").as_os_str().as_encoded_bytes()).unwrap();
    unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) };
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir.join("ro"), std::fs::Permissions::from_mode(0o444))?;
    Ok(())
}

/// Started as root: hand the directory to nobody and become nobody, so
/// nothing the guest does can touch the system (the network is private
/// already, signals and process ids are bounded by the generator).
fn drop_root(dir: &Path) -> bool {
    if unsafe { libc::geteuid() } != 0 {
        return false;
    }
    fn chown_tree(p: &Path) {
        let c = std::ffi::CString::new(p.as_os_str().as_encoded_bytes()).unwrap();
        unsafe { libc::lchown(c.as_ptr(), NOBODY, NOBODY) };
        if let Ok(rd) = std::fs::read_dir(p) {
            for e in rd.flatten() {
                if e.file_type().is_ok_and(|t| t.is_dir()) {
                    chown_tree(&e.path());
                } else {
                    let c = std::ffi::CString::new(e.path().as_os_str().as_encoded_bytes()).unwrap();
                    unsafe { libc::lchown(c.as_ptr(), NOBODY, NOBODY) };
                }
            }
        }
    }
    chown_tree(dir);
    unsafe {
        if libc::setgroups(0, std::ptr::null()) != 0
            || libc::setresgid(NOBODY, NOBODY, NOBODY) != 0
            || libc::setresuid(NOBODY, NOBODY, NOBODY) != 0
        {
            eprintln!("wali-fuzz: cannot drop root privileges: {}", std::io::Error::last_os_error());
            libc::_exit(FAILED);
        }
        libc::prctl(libc::PR_SET_DUMPABLE, 1);
    }
    true
}