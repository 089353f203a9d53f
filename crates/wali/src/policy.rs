//! The sandbox policy: which imports a guest may call (decided once per
//! import at link time), which directory trees it may reach (Landlock), and
//! resource limits (memory, threads). See docs/policy.md.

use std::path::{Path, PathBuf};

/// Named groups of imports for `--deny @GROUP` / `--allow @GROUP`.
/// Names are table names without the `SYS_` prefix.
pub static GROUPS: &[(&str, &str, &[&str])] = &[
    (
        "net",
        "sockets: creating, connecting, sending, receiving, options",
        &[
            "socket",
            "socketpair",
            "connect",
            "bind",
            "listen",
            "accept",
            "accept4",
            "sendto",
            "recvfrom",
            "sendmsg",
            "recvmsg",
            "shutdown",
            "getsockname",
            "getpeername",
            "setsockopt",
            "getsockopt",
        ],
    ),
    ("exec", "running another program (Wasm or native)", &["execve"]),
    (
        "process",
        "new processes, signals to other processes, identity and process attributes",
        &[
            "fork",
            "kill",
            "tkill",
            "tgkill",
            "setsid",
            "setpgid",
            "setuid",
            "setgid",
            "setreuid",
            "setregid",
            "setresuid",
            "setresgid",
            "setgroups",
            "prctl",
            "setpriority",
            "sched_setscheduler",
            "sched_setparam",
            "sched_setaffinity",
            "setrlimit",
            "prlimit64",
            "chroot",
        ],
    ),
    (
        "fs-write",
        "changing the file system by name or descriptor (opening for writing is governed by --dir)",
        &[
            "unlink",
            "unlinkat",
            "rmdir",
            "rename",
            "renameat2",
            "mkdir",
            "mkdirat",
            "link",
            "linkat",
            "symlink",
            "symlinkat",
            "chmod",
            "fchmod",
            "fchmodat",
            "chown",
            "fchown",
            "fchownat",
            "truncate",
            "ftruncate",
            "fallocate",
            "utimes",
            "futimesat",
            "utimensat",
            "mknod",
            "mknodat",
        ],
    ),
    (
        "ipc",
        "special descriptors: signalfd, eventfd, memfd, inotify (pipes stay allowed)",
        &[
            "signalfd",
            "signalfd4",
            "eventfd",
            "eventfd2",
            "memfd_create",
            "inotify_init1",
            "inotify_add_watch",
            "inotify_rm_watch",
        ],
    ),
];

/// Imports a group names that C libraries need for other uses too
/// (`prlimit64` reads the program's own limits for `getrlimit`): never
/// denied when linking; their handlers refuse the uses the policy denies.
const DECIDED_PER_CALL: [&str; 1] = ["SYS_prlimit64"];

/// The policy's decisions for uses of an import that amount to another
/// call, so that a denied group covers every call doing what it names
/// (docs/policy.md): each is decided as the call named in its comment.
#[derive(Clone, Copy, Debug)]
pub struct Uses {
    /// prlimit64 on another process, or opening another process's
    /// `/proc/<pid>` files for writing (oom_score_adj, coredump_filter...):
    /// `prlimit64`.
    pub other_processes: bool,
    /// prlimit64 setting the program's own limits: `setrlimit`.
    pub set_own_limits: bool,
    /// prlimit64 reading the program's own limits: `getrlimit`.
    pub get_own_limits: bool,
    /// fcntl F_SETOWN/F_SETOWN_EX aiming SIGIO at another process or a group: `kill`.
    pub signal_others: bool,
    /// ioctl FS_IOC_SETFLAGS (immutable, append-only...): `fchmod`.
    pub inode_flags: bool,
    /// bind of a Unix socket to a path, which creates a file: `mknod`.
    pub socket_files: bool,
    /// What a refused use returns (positive errno).
    pub errno: i32,
}

impl Uses {
    /// `Err(errno)` when the use is `denied`.
    pub fn check(&self, denied: bool) -> Result<(), i32> {
        if denied {
            Err(self.errno)
        } else {
            Ok(())
        }
    }
}

/// A parse or configuration error, as a one-line message.
pub type PolicyError = String;

#[derive(Clone, Debug)]
struct Rule {
    /// Full import names (`SYS_openat`, `__wasm_thread_spawn`).
    names: Vec<String>,
    allow: bool,
}

/// One `--dir` tree.
#[derive(Clone, Debug)]
pub struct Dir {
    /// The tree's root, made absolute when added (`Policy::dir`).
    pub path: PathBuf,
    /// Whether the guest may only read in it.
    pub read_only: bool,
}

/// The policy of one guest process. The default allows everything.
#[derive(Clone, Debug)]
pub struct Policy {
    rules: Vec<Rule>,
    /// What a denied call returns (positive errno).
    pub deny_errno: i32,
    /// The `--dir` trees the file system is confined to; empty: not confined.
    pub dirs: Vec<Dir>,
    /// Cap on the linear memory, in bytes.
    pub max_memory: Option<u64>,
    /// Most guest threads alive at once, the main thread included.
    pub max_threads: Option<usize>,
}

impl Default for Policy {
    fn default() -> Policy {
        Policy { rules: Vec::new(), deny_errno: libc::EPERM, dirs: Vec::new(), max_memory: None, max_threads: None }
    }
}

/// Resolves `NAME`, `SYS_NAME`, `__aux_name` or `@group` to import names.
pub fn resolve(sel: &str) -> Result<Vec<String>, PolicyError> {
    if let Some(group) = sel.strip_prefix('@') {
        let (_, _, names) = GROUPS.iter().find(|(g, _, _)| *g == group).ok_or_else(|| {
            let known: Vec<String> = GROUPS.iter().map(|(g, _, _)| format!("@{g}")).collect();
            format!("unknown syscall group `{sel}` (known: {})", known.join(", "))
        })?;
        return Ok(names.iter().map(|n| format!("SYS_{n}")).collect());
    }
    let full = if sel.starts_with("SYS_") || sel.starts_with("__") || crate::syscalls::lookup(sel).is_some() {
        sel.to_string()
    } else {
        format!("SYS_{sel}")
    };
    if crate::syscalls::lookup(&full).is_none() && wali_abi::lookup(&full).is_none() {
        return Err(format!("unknown syscall `{sel}` (see `wali syscalls`)"));
    }
    Ok(vec![full])
}

/// Parses an errno name for `--deny-errno` (EPERM, ENOSYS, EACCES).
pub fn parse_errno(name: &str) -> Result<i32, PolicyError> {
    match name {
        "EPERM" => Ok(libc::EPERM),
        "ENOSYS" => Ok(libc::ENOSYS),
        "EACCES" => Ok(libc::EACCES),
        _ => Err(format!("--deny-errno wants EPERM, ENOSYS or EACCES, not `{name}`")),
    }
}

/// Parses a size: bytes, or a number with K, M or G (binary units).
pub fn parse_size(s: &str) -> Result<u64, PolicyError> {
    let bad = || format!("invalid size `{s}` (bytes, or a number with K, M or G)");
    let (num, mul) = match s.char_indices().last() {
        Some((i, 'k' | 'K')) => (&s[..i], 1u64 << 10),
        Some((i, 'm' | 'M')) => (&s[..i], 1 << 20),
        Some((i, 'g' | 'G')) => (&s[..i], 1 << 30),
        _ => (s, 1),
    };
    num.parse::<u64>().ok().and_then(|n| n.checked_mul(mul)).ok_or_else(bad)
}

impl Policy {
    /// Denies an import or a group; later rules override earlier ones.
    pub fn deny(&mut self, sel: &str) -> Result<(), PolicyError> {
        self.rules.push(Rule { names: resolve(sel)?, allow: false });
        Ok(())
    }

    /// Allows an import or a group again; later rules override earlier ones.
    pub fn allow(&mut self, sel: &str) -> Result<(), PolicyError> {
        self.rules.push(Rule { names: resolve(sel)?, allow: true });
        Ok(())
    }

    /// Whether an import is denied: the last rule naming it decides.
    pub fn denies(&self, import: &str) -> bool {
        self.rules.iter().rev().find(|r| r.names.iter().any(|n| n == import)).is_some_and(|r| !r.allow)
    }

    /// Whether an import is bound to the denying stub when linking (see
    /// `DECIDED_PER_CALL`).
    pub fn denies_at_link(&self, import: &str) -> bool {
        !DECIDED_PER_CALL.contains(&import) && self.denies(import)
    }

    /// The decisions for uses decided per call.
    pub fn uses(&self) -> Uses {
        Uses {
            other_processes: self.denies("SYS_prlimit64"),
            set_own_limits: self.denies("SYS_setrlimit"),
            get_own_limits: self.denies("SYS_getrlimit"),
            signal_others: self.denies("SYS_kill"),
            inode_flags: self.denies("SYS_fchmod"),
            socket_files: self.denies("SYS_mknod"),
            errno: self.deny_errno,
        }
    }

    /// Adds a `--dir` tree (made absolute, so a later `chdir` or an exec'd
    /// engine sees the same tree). The path must exist.
    pub fn dir(&mut self, path: &Path, read_only: bool) -> Result<(), PolicyError> {
        let abs = std::path::absolute(path).map_err(|e| format!("--dir {}: {e}", path.display()))?;
        if let Err(e) = std::fs::metadata(&abs) {
            return Err(format!("--dir {}: {e}", path.display()));
        }
        self.dirs.push(Dir { path: abs, read_only });
        Ok(())
    }

    /// The linear memory's maximum in 64 KiB pages, given the module's own
    /// limits; an error when the module needs more at start.
    pub fn memory_pages(&self, min: u64, max: u64) -> Result<u64, PolicyError> {
        let Some(limit) = self.max_memory else { return Ok(max) };
        let pages = limit >> 16;
        if min > pages {
            return Err(format!(
                "the module needs {} bytes of memory at start, more than --max-memory {limit}",
                min << 16
            ));
        }
        Ok(max.min(pages))
    }

    /// Applies the Landlock ruleset for the `--dir` trees to the calling
    /// thread and its future threads and children; nothing when none was given.
    /// `trace` is the `--strace` file, which an exec'd engine reopens.
    /// `engine_reads`: what the engine itself reads after confinement
    /// (the compile cache, precompiled code), read-only to the guest.
    pub fn apply_landlock(&self, engine_reads: &[&Path], trace: Option<&Path>) -> Result<(), PolicyError> {
        if self.dirs.is_empty() {
            return Ok(());
        }
        let dirs: Vec<(&Path, bool)> = self.dirs.iter().map(|d| (d.path.as_path(), d.read_only)).collect();
        match landlock_apply(&dirs, engine_reads, trace)? {
            true => Ok(()),
            false => Err("--dir needs Landlock, which this kernel does not provide \
                          (Linux 5.13 or later, with Landlock enabled)"
                .into()),
        }
    }

    /// A WASI program's confinement: the file system is its preopened
    /// directories (added as `dir`s) and nothing else, even when none was
    /// given. The WASI layer enforces the same; this holds it even
    /// if the program corrupts the layer's memory. Where the kernel has no
    /// Landlock, the layer's enforcement alone remains (docs/wasi.md).
    pub fn confine_wasi(&self, engine_reads: &[&Path], trace: Option<&Path>) -> Result<(), PolicyError> {
        let dirs: Vec<(&Path, bool)> = self.dirs.iter().map(|d| (d.path.as_path(), d.read_only)).collect();
        landlock_apply(&dirs, engine_reads, trace).map(|_| ())
    }
}

/// Applies a ruleset that grants `dirs` (path, read-only); false when the
/// kernel enforced none of it.
fn landlock_apply(dirs: &[(&Path, bool)], engine_reads: &[&Path], trace: Option<&Path>) -> Result<bool, PolicyError> {
    use landlock::{
        Access, AccessFs, BitFlags, PathBeneath, PathFd, Ruleset, RulesetAttr, RulesetCreatedAttr, RulesetStatus,
        ABI,
    };
    let abi = ABI::V7;
    let all = AccessFs::from_all(abi);
    let read = AccessFs::from_read(abi);
    let err = |e: landlock::RulesetError| format!("cannot set up Landlock: {e}");
    let is_file = |p: &Path| std::fs::metadata(p).map(|m| !m.is_dir()).unwrap_or(false);
    let mut rules: Vec<PathBeneath<PathFd>> = Vec::new();
    let mut add = |p: &Path, access: BitFlags<AccessFs>, required: bool| -> Result<(), PolicyError> {
        let fd = match PathFd::new(p) {
            Ok(fd) => fd,
            Err(e) if required => return Err(format!("--dir {}: {e}", p.display())),
            Err(_) => return Ok(()),
        };
        let access = if is_file(p) { access & AccessFs::from_file(abi) } else { access };
        rules.push(PathBeneath::new(fd, access));
        Ok(())
    };
    for &(path, read_only) in dirs {
        add(path, if read_only { read } else { all }, true)?;
    }
    // What the engine itself needs: devices every program expects, the
    // engine binary and its libraries (execve of a Wasm module re-executes
    // it), and the compile cache and precompiled code (read-only: the guest
    // must not plant code).
    for dev in ["/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom"] {
        add(Path::new(dev), AccessFs::ReadFile | AccessFs::WriteFile, false)?;
    }
    if let Ok(exe) = std::env::current_exe() {
        add(&exe, read, false)?;
    }
    for lib in ["/lib", "/lib64", "/usr/lib", "/usr/lib64", "/etc/ld.so.cache"] {
        add(Path::new(lib), read, false)?;
    }
    for p in engine_reads {
        add(p, read, false)?;
    }
    if let Some(t) = trace {
        add(t, AccessFs::WriteFile.into(), false)?;
    }
    let ruleset = Ruleset::default()
        .handle_access(all)
        .map_err(err)?
        .create()
        .map_err(err)?
        .add_rules(rules.into_iter().map(Ok::<_, landlock::RulesetError>))
        .map_err(err)?;
    let status = ruleset.restrict_self().map_err(err)?;
    match status.ruleset {
        RulesetStatus::FullyEnforced => Ok(true),
        RulesetStatus::PartiallyEnforced => {
            eprintln!(
                "wali: warning: this kernel's Landlock is older than ABI {}: --dir is only partly enforced \
                 (see docs/policy.md)",
                abi as i32
            );
            Ok(true)
        }
        RulesetStatus::NotEnforced => Ok(false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_members_are_table_rows() {
        for (g, _, names) in GROUPS {
            for n in *names {
                assert!(crate::syscalls::lookup(&format!("SYS_{n}")).is_some(), "@{g}: {n} is not in the table");
            }
        }
    }

    #[test]
    fn later_rules_override_earlier_ones() {
        let mut p = Policy::default();
        p.deny("@net").unwrap();
        p.allow("socketpair").unwrap();
        assert!(p.denies("SYS_socket"));
        assert!(!p.denies("SYS_socketpair"));
        assert!(!p.denies("SYS_read"));
        p.deny("SYS_socketpair").unwrap();
        assert!(p.denies("SYS_socketpair"));
        p.allow("@net").unwrap();
        assert!(!p.denies("SYS_socket"));
        assert!(resolve("nope").is_err());
        assert!(resolve("@nope").is_err());
        assert_eq!(resolve("__wasm_thread_spawn").unwrap(), ["__wasm_thread_spawn"]);
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("4096").unwrap(), 4096);
        assert_eq!(parse_size("16M").unwrap(), 16 << 20);
        assert_eq!(parse_size("2g").unwrap(), 2 << 30);
        assert!(parse_size("12X").is_err());
        assert!(parse_size("M").is_err());
    }
}
