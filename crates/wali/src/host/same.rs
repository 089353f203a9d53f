//! Everything else the engine hands between guest and kernel unchanged: its
//! value on this host must be the interface's (x86_64's). Checked when the
//! engine is compiled for a host, so a host where one differs does not build
//! until the difference is translated (flags.rs, layout.rs). Values from
//! x86_64's headers; arm64 and riscv64 share them through `asm-generic`
//! (errno, signals, ioctls, socket options, mmap, fcntl commands).

macro_rules! same {
    ($($name:ident = $value:expr),* $(,)?) => {
        $(const _: () = assert!(libc::$name as i64 == $value as i64, concat!(stringify!($name), " differs from the interface"));)*
    };
}

// Open flags that stay put (flags.rs moves the others), and `*at` flags.
same!(
    O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_ACCMODE = 3, O_CREAT = 0o100, O_EXCL = 0o200, O_NOCTTY = 0o400,
    O_TRUNC = 0o1000, O_APPEND = 0o2000, O_NONBLOCK = 0o4000, O_DSYNC = 0o10000, O_ASYNC = 0o20000,
    O_NOATIME = 0o1000000, O_CLOEXEC = 0o2000000, O_SYNC = 0o4010000, O_PATH = 0o10000000,
    AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100, AT_REMOVEDIR = 0x200, AT_EACCESS = 0x200,
    AT_SYMLINK_FOLLOW = 0x400, AT_EMPTY_PATH = 0x1000,
);

// fcntl commands and the descriptor flag.
same!(
    F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4, F_GETLK = 5, F_SETLK = 6, F_SETLKW = 7,
    F_SETOWN = 8, F_GETOWN = 9, F_SETLEASE = 1024, F_GETLEASE = 1025, F_NOTIFY = 1026, F_DUPFD_CLOEXEC = 1030,
    F_SETPIPE_SZ = 1031, F_GETPIPE_SZ = 1032, F_ADD_SEALS = 1033, F_GET_SEALS = 1034, F_OFD_GETLK = 36,
    F_OFD_SETLK = 37, F_OFD_SETLKW = 38, FD_CLOEXEC = 1, F_RDLCK = 0, F_WRLCK = 1, F_UNLCK = 2,
);

// Signals, their actions and masks.
same!(
    SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGILL = 4, SIGTRAP = 5, SIGABRT = 6, SIGBUS = 7, SIGFPE = 8,
    SIGKILL = 9, SIGUSR1 = 10, SIGSEGV = 11, SIGUSR2 = 12, SIGPIPE = 13, SIGALRM = 14, SIGTERM = 15,
    SIGSTKFLT = 16, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19, SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22,
    SIGURG = 23, SIGXCPU = 24, SIGXFSZ = 25, SIGVTALRM = 26, SIGPROF = 27, SIGWINCH = 28, SIGIO = 29,
    SIGPWR = 30, SIGSYS = 31,
    SA_NOCLDSTOP = 1, SA_NOCLDWAIT = 2, SA_SIGINFO = 4, SA_ONSTACK = 0x0800_0000, SA_RESTART = 0x1000_0000,
    SA_NODEFER = 0x4000_0000, SA_RESETHAND = 0x8000_0000u32 as i32,
    SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2, SS_ONSTACK = 1, SS_DISABLE = 2,
    SI_USER = 0, SI_QUEUE = -1, SI_TKILL = -6,
);

// Memory: protections, mapping types and flags, advice, mremap.
same!(
    PROT_NONE = 0, PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4,
    MAP_SHARED = 1, MAP_PRIVATE = 2, MAP_SHARED_VALIDATE = 3, MAP_TYPE = 0xf, MAP_FIXED = 0x10,
    MAP_ANONYMOUS = 0x20, MAP_GROWSDOWN = 0x100, MAP_DENYWRITE = 0x800, MAP_EXECUTABLE = 0x1000,
    MAP_LOCKED = 0x2000, MAP_NORESERVE = 0x4000, MAP_POPULATE = 0x8000, MAP_NONBLOCK = 0x10000,
    MAP_STACK = 0x20000, MAP_HUGETLB = 0x40000, MAP_SYNC = 0x80000, MAP_FIXED_NOREPLACE = 0x100000,
    MREMAP_MAYMOVE = 1, MREMAP_FIXED = 2, MREMAP_DONTUNMAP = 4,
    MADV_NORMAL = 0, MADV_RANDOM = 1, MADV_SEQUENTIAL = 2, MADV_WILLNEED = 3, MADV_DONTNEED = 4,
    MADV_FREE = 8, MADV_HUGEPAGE = 14, MADV_NOHUGEPAGE = 15, MADV_COLD = 20, MADV_PAGEOUT = 21,
    MFD_CLOEXEC = 1, MS_ASYNC = 1, MS_INVALIDATE = 2, MS_SYNC = 4, MCL_CURRENT = 1, MCL_FUTURE = 2,
);

// Futexes, clocks, limits, waits, seeks, polls, prctl.
same!(
    FUTEX_WAIT = 0, FUTEX_WAKE = 1, FUTEX_REQUEUE = 3, FUTEX_CMP_REQUEUE = 4, FUTEX_WAIT_BITSET = 9,
    FUTEX_WAKE_BITSET = 10, FUTEX_PRIVATE_FLAG = 128, FUTEX_CLOCK_REALTIME = 256,
    CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_PROCESS_CPUTIME_ID = 2, CLOCK_THREAD_CPUTIME_ID = 3,
    CLOCK_MONOTONIC_RAW = 4, CLOCK_BOOTTIME = 7, TIMER_ABSTIME = 1,
    RLIMIT_CPU = 0, RLIMIT_FSIZE = 1, RLIMIT_DATA = 2, RLIMIT_STACK = 3, RLIMIT_CORE = 4, RLIMIT_RSS = 5,
    RLIMIT_NPROC = 6, RLIMIT_NOFILE = 7, RLIMIT_MEMLOCK = 8, RLIMIT_AS = 9,
    WNOHANG = 1, WUNTRACED = 2, WEXITED = 4, WCONTINUED = 8, WNOWAIT = 0x0100_0000,
    P_ALL = 0, P_PID = 1, P_PGID = 2, SEEK_SET = 0, SEEK_CUR = 1, SEEK_END = 2, SEEK_DATA = 3, SEEK_HOLE = 4,
    POLLIN = 1, POLLPRI = 2, POLLOUT = 4, POLLERR = 8, POLLHUP = 16, POLLNVAL = 32, POLLRDHUP = 0x2000,
    EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2, EPOLL_CTL_MOD = 3, EPOLLIN = 1, EPOLLOUT = 4, EPOLLET = 1 << 31,
    EPOLLONESHOT = 1 << 30, EPOLL_CLOEXEC = 0o2000000,
    PR_SET_PDEATHSIG = 1, PR_GET_PDEATHSIG = 2, PR_GET_DUMPABLE = 3, PR_SET_DUMPABLE = 4,
    PR_GET_KEEPCAPS = 7, PR_SET_KEEPCAPS = 8, PR_SET_NAME = 15, PR_GET_NAME = 16, PR_GET_TIMERSLACK = 30,
    PR_SET_TIMERSLACK = 29, PR_SET_CHILD_SUBREAPER = 36, PR_GET_CHILD_SUBREAPER = 37,
    PR_SET_NO_NEW_PRIVS = 38, PR_GET_NO_NEW_PRIVS = 39, PR_SET_THP_DISABLE = 41, PR_GET_THP_DISABLE = 42,
);

// Sockets: families, types, levels, options, message flags.
same!(
    AF_UNIX = 1, AF_INET = 2, AF_INET6 = 10, AF_NETLINK = 16, AF_PACKET = 17,
    SOCK_STREAM = 1, SOCK_DGRAM = 2, SOCK_RAW = 3, SOCK_SEQPACKET = 5, SOCK_NONBLOCK = 0o4000,
    SOCK_CLOEXEC = 0o2000000, SOL_SOCKET = 1, IPPROTO_IP = 0, IPPROTO_TCP = 6, IPPROTO_UDP = 17,
    IPPROTO_IPV6 = 41, SO_DEBUG = 1, SO_REUSEADDR = 2, SO_TYPE = 3, SO_ERROR = 4, SO_DONTROUTE = 5,
    SO_BROADCAST = 6, SO_SNDBUF = 7, SO_RCVBUF = 8, SO_KEEPALIVE = 9, SO_OOBINLINE = 10, SO_LINGER = 13,
    SO_REUSEPORT = 15, SO_PASSCRED = 16, SO_PEERCRED = 17, SO_RCVLOWAT = 18, SO_SNDLOWAT = 19,
    SO_RCVTIMEO = 20, SO_SNDTIMEO = 21, SO_ATTACH_FILTER = 26, SO_ACCEPTCONN = 30, SO_PROTOCOL = 38,
    SO_DOMAIN = 39, TCP_NODELAY = 1, TCP_MAXSEG = 2, TCP_KEEPIDLE = 4, TCP_KEEPINTVL = 5, TCP_KEEPCNT = 6,
    IPV6_V6ONLY = 26, MSG_OOB = 1, MSG_PEEK = 2, MSG_DONTWAIT = 0x40, MSG_WAITALL = 0x100,
    MSG_NOSIGNAL = 0x4000, MSG_CMSG_CLOEXEC = 0x4000_0000, SCM_RIGHTS = 1, SHUT_RD = 0, SHUT_WR = 1,
    SHUT_RDWR = 2,
);

// Terminal and descriptor ioctls io.rs lets through (by number), and the
// termios flags inside the kernel's `struct termios`.
same!(
    TCGETS = 0x5401, TCSETS = 0x5402, TCSETSW = 0x5403, TCSETSF = 0x5404, TCSBRK = 0x5409, TCXONC = 0x540A,
    TCFLSH = 0x540B, TIOCSCTTY = 0x540E, TIOCGPGRP = 0x540F, TIOCSPGRP = 0x5410, TIOCOUTQ = 0x5411,
    TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414, TIOCMGET = 0x5415, TIOCMBIS = 0x5416, TIOCMBIC = 0x5417,
    TIOCMSET = 0x5418, FIONREAD = 0x541B, TIOCNOTTY = 0x5422, TIOCGSID = 0x5429, FIONBIO = 0x5421,
    FIONCLEX = 0x5450, FIOCLEX = 0x5451, FIOASYNC = 0x5452, TIOCGPTN = 0x8004_5430u32 as i64,
    TIOCSPTLCK = 0x4004_5431, ICANON = 2, ECHO = 8, ISIG = 1, OPOST = 1, ICRNL = 0o400, VMIN = 6, VTIME = 5,
    NCCS = 32,
);

// Errno values the engine returns or the kernel passes through (all of
// asm-generic/errno-base.h and the common ones of errno.h).
same!(
    EPERM = 1, ENOENT = 2, ESRCH = 3, EINTR = 4, EIO = 5, ENXIO = 6, E2BIG = 7, ENOEXEC = 8, EBADF = 9,
    ECHILD = 10, EAGAIN = 11, ENOMEM = 12, EACCES = 13, EFAULT = 14, ENOTBLK = 15, EBUSY = 16, EEXIST = 17,
    EXDEV = 18, ENODEV = 19, ENOTDIR = 20, EISDIR = 21, EINVAL = 22, ENFILE = 23, EMFILE = 24, ENOTTY = 25,
    ETXTBSY = 26, EFBIG = 27, ENOSPC = 28, ESPIPE = 29, EROFS = 30, EMLINK = 31, EPIPE = 32, EDOM = 33,
    ERANGE = 34, EDEADLK = 35, ENAMETOOLONG = 36, ENOLCK = 37, ENOSYS = 38, ENOTEMPTY = 39, ELOOP = 40,
    ENOMSG = 42, ENODATA = 61, ETIME = 62, EOVERFLOW = 75, EILSEQ = 84, ENOTSOCK = 88, EDESTADDRREQ = 89,
    EMSGSIZE = 90, EPROTOTYPE = 91, ENOPROTOOPT = 92, EPROTONOSUPPORT = 93, EOPNOTSUPP = 95,
    EAFNOSUPPORT = 97, EADDRINUSE = 98, EADDRNOTAVAIL = 99, ENETDOWN = 100, ENETUNREACH = 101,
    ECONNABORTED = 103, ECONNRESET = 104, ENOBUFS = 105, EISCONN = 106, ENOTCONN = 107, ETIMEDOUT = 110,
    ECONNREFUSED = 111, EHOSTUNREACH = 113, EALREADY = 114, EINPROGRESS = 115, ESTALE = 116, EDQUOT = 122,
    ECANCELED = 125, EOWNERDEAD = 130, ENOTRECOVERABLE = 131,
);

// Structs passed through unchanged (layout.rs names them): their host sizes.
macro_rules! same_size {
    ($($ty:ty = $size:expr),* $(,)?) => {
        $(const _: () = assert!(std::mem::size_of::<$ty>() == $size, concat!(stringify!($ty), " differs in size from the interface"));)*
    };
}

same_size!(
    libc::statfs = 120, libc::flock = 32, libc::rlimit = 16, libc::rusage = 144, libc::sysinfo = 112,
    libc::timespec = 16, libc::timeval = 16, libc::itimerval = 32, libc::winsize = 8, libc::pollfd = 8,
    libc::statx = 256, libc::utsname = 390, libc::sockaddr = 16, libc::sockaddr_in6 = 28,
    libc::sockaddr_un = 110, libc::siginfo_t = 128, libc::termios2 = 44, libc::timex = 208,
    libc::sched_param = 4, libc::itimerspec = 32, libc::ucred = 12, libc::linger = 8,
    libc::cmsghdr = 16, libc::signalfd_siginfo = 128, libc::inotify_event = 16,
);
