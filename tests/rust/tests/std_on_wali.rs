//! Rust's standard library as a program uses it, run natively (`cargo test`)
//! and under WALI (`wali-cargo test`): the same tests must pass on both.
use std::collections::HashMap;
use std::fs;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::net::{TcpListener, TcpStream, UdpSocket};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Barrier, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use std::{env, thread};

const HELPER: &str = env!("CARGO_BIN_EXE_helper");

/// A fresh directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = env::temp_dir().join(format!("wali-rust-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn files_and_directories() {
    let dir = scratch("fs");
    let file = dir.join("a.txt");
    fs::write(&file, "hello\nworld\n").unwrap();
    assert_eq!(fs::read_to_string(&file).unwrap(), "hello\nworld\n");
    assert_eq!(fs::metadata(&file).unwrap().len(), 12);
    assert!(fs::metadata(&file).unwrap().is_file());
    assert!(fs::metadata(&dir).unwrap().is_dir());

    let mut f = fs::OpenOptions::new().read(true).append(true).open(&file).unwrap();
    f.write_all(b"more\n").unwrap();
    f.seek(SeekFrom::Start(6)).unwrap();
    let mut rest = String::new();
    f.read_to_string(&mut rest).unwrap();
    assert_eq!(rest, "world\nmore\n");
    let lines: Vec<String> = BufReader::new(fs::File::open(&file).unwrap()).lines().map(Result::unwrap).collect();
    assert_eq!(lines, ["hello", "world", "more"]);

    fs::create_dir_all(dir.join("sub/deeper")).unwrap();
    fs::copy(&file, dir.join("sub/b.txt")).unwrap();
    fs::rename(dir.join("sub/b.txt"), dir.join("sub/c.txt")).unwrap();
    std::os::unix::fs::symlink("c.txt", dir.join("sub/link")).unwrap();
    assert_eq!(fs::read_link(dir.join("sub/link")).unwrap(), PathBuf::from("c.txt"));
    assert_eq!(fs::read_to_string(dir.join("sub/link")).unwrap().len(), 17);
    assert_eq!(fs::canonicalize(dir.join("sub/deeper/..")).unwrap(), fs::canonicalize(dir.join("sub")).unwrap());
    let mut names: Vec<String> =
        fs::read_dir(dir.join("sub")).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    assert_eq!(names, ["c.txt", "deeper", "link"]);

    let mut perms = fs::metadata(&file).unwrap().permissions();
    perms.set_mode(0o640);
    fs::set_permissions(&file, perms).unwrap();
    assert_eq!(fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o640);
    let modified = fs::metadata(&file).unwrap().modified().unwrap();
    assert!(modified.duration_since(UNIX_EPOCH).unwrap().as_secs() > 1_600_000_000);

    assert_eq!(fs::read(dir.join("missing")).unwrap_err().kind(), std::io::ErrorKind::NotFound);
    fs::remove_dir_all(&dir).unwrap();
    assert!(!dir.exists());
}

#[test]
fn environment_and_arguments() {
    let args: Vec<String> = env::args().collect();
    assert!(!args.is_empty(), "argv[0] is there");
    assert!(env::var("PATH").is_ok(), "the environment is inherited");
    env::set_var("WALI_RUST_TEST_VAR", "value one");
    assert_eq!(env::var("WALI_RUST_TEST_VAR").unwrap(), "value one");
    env::remove_var("WALI_RUST_TEST_VAR");
    assert!(env::var("WALI_RUST_TEST_VAR").is_err());
    assert!(env::current_dir().unwrap().is_absolute());
}

#[test]
fn spawn_a_module_with_arguments_environment_and_directory() {
    let out = Command::new(HELPER).args(["args", "a b", "ü", ""]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "a b|ü|\n");

    let out = Command::new(HELPER).args(["env", "GREETING"]).env("GREETING", "hi there").output().unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "hi there\n");
    let out = Command::new(HELPER).args(["env", "PATH"]).env_clear().output().unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "<unset>\n");

    let dir = scratch("cwd");
    let out = Command::new(HELPER).arg("cwd").current_dir(&dir).output().unwrap();
    assert_eq!(PathBuf::from(String::from_utf8(out.stdout).unwrap().trim_end()), fs::canonicalize(&dir).unwrap());
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_program_is_its_own_executable() {
    // Under WALI the program is the module, not the engine running it:
    // programs find files next to themselves, or run themselves again.
    let exe = env::current_exe().unwrap();
    let name = exe.file_name().unwrap().to_str().unwrap();
    assert!(name.starts_with("std_on_wali-"), "current_exe: {}", exe.display());
    assert!(exe.is_absolute() && exe.is_file());
    let out = Command::new("/proc/self/exe").args(["--list", "--exact", "clocks_and_sleep"]).output().unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().starts_with("clocks_and_sleep: test"));
}

#[test]
fn pipes_and_exit_statuses() {
    let mut child = Command::new(HELPER).arg("upper").stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(b"through a pipe\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.stdout, b"THROUGH A PIPE\n");

    assert_eq!(Command::new(HELPER).args(["exit", "7"]).status().unwrap().code(), Some(7));
    let out = Command::new(HELPER).arg("stderr").output().unwrap();
    assert_eq!(out.stderr, b"to stderr");
    assert!(out.stdout.is_empty());
}

#[test]
fn spawn_native_programs() {
    let out = Command::new("/bin/sh").args(["-c", "echo native $0; exit 3", "sh"]).output().unwrap();
    assert_eq!(out.stdout, b"native sh\n");
    assert_eq!(out.status.code(), Some(3));
    // A pipeline: the module's output into a native program.
    let producer = Command::new(HELPER).args(["args", "x", "y"]).stdout(Stdio::piped()).spawn().unwrap();
    let out = Command::new("tr").args(["|", "+"]).stdin(producer.stdout.unwrap()).output().unwrap();
    assert_eq!(out.stdout, b"x+y\n");
    assert_eq!(
        Command::new("/nonexistent/program").status().unwrap_err().kind(),
        std::io::ErrorKind::NotFound
    );
}

#[test]
fn a_panic_aborts_with_its_message() {
    let out = Command::new(HELPER).arg("panic").output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("helper panicked on purpose"), "stderr: {stderr}");
    // panic=abort (the WALI target's only strategy) ends with SIGABRT, as a
    // shell shows as 134; natively the default unwinds and exits with 101.
    if cfg!(panic = "abort") {
        assert_eq!(out.status.signal(), Some(libc::SIGABRT), "{:?}", out.status);
    } else {
        assert_eq!(out.status.code(), Some(101));
    }
}

#[test]
fn threads_and_locks() {
    let counter = Arc::new(Mutex::new(0u64));
    let atomic = Arc::new(AtomicU64::new(0));
    let handles: Vec<_> = (0..8)
        .map(|_| {
            let (counter, atomic) = (counter.clone(), atomic.clone());
            thread::spawn(move || {
                for _ in 0..10_000 {
                    *counter.lock().unwrap() += 1;
                    atomic.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    assert_eq!(*counter.lock().unwrap(), 80_000);
    assert_eq!(atomic.load(Ordering::SeqCst), 80_000);

    let lock = RwLock::new(vec![1, 2, 3]);
    thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| assert_eq!(lock.read().unwrap().len(), 3));
        }
    });
    lock.write().unwrap().push(4);
    assert_eq!(*lock.read().unwrap(), [1, 2, 3, 4]);

    let named = thread::Builder::new().name("worker-7".into()).spawn(|| thread::current().name().map(String::from));
    assert_eq!(named.unwrap().join().unwrap().as_deref(), Some("worker-7"));
    assert!(thread::available_parallelism().unwrap().get() >= 1);
    assert_eq!(thread::spawn(|| 6 * 7).join().unwrap(), 42);
}

#[test]
fn condvar_channels_and_barriers() {
    // A bounded queue on a Condvar: the consumer waits for the producer.
    let pair = Arc::new((Mutex::new(Vec::new()), Condvar::new()));
    let consumer = {
        let pair = pair.clone();
        thread::spawn(move || {
            let (queue, ready) = &*pair;
            let mut sum = 0;
            let mut got = 0;
            while got < 100 {
                let mut q = ready.wait_while(queue.lock().unwrap(), |q: &mut Vec<u32>| q.is_empty()).unwrap();
                got += q.len();
                sum += q.drain(..).sum::<u32>();
            }
            sum
        })
    };
    for i in 1..=100 {
        pair.0.lock().unwrap().push(i);
        pair.1.notify_one();
    }
    assert_eq!(consumer.join().unwrap(), 5050);

    let (tx, rx) = mpsc::channel();
    for id in 0..4 {
        let tx = tx.clone();
        thread::spawn(move || (0..25).for_each(|i| tx.send(id * 100 + i).unwrap()));
    }
    drop(tx);
    let mut all: Vec<u32> = rx.iter().collect();
    all.sort();
    assert_eq!(all.len(), 100);
    assert_eq!(all[99], 324);

    let (tx, rx) = mpsc::sync_channel::<u8>(0);
    let sender = thread::spawn(move || tx.send(9).unwrap());
    assert_eq!(rx.recv_timeout(Duration::from_secs(10)).unwrap(), 9);
    sender.join().unwrap();
    assert!(rx.recv_timeout(Duration::from_millis(20)).is_err());

    let barrier = Arc::new(Barrier::new(3));
    let arrived = Arc::new(AtomicUsize::new(0));
    let waiters: Vec<_> = (0..3)
        .map(|_| {
            let (barrier, arrived) = (barrier.clone(), arrived.clone());
            thread::spawn(move || {
                arrived.fetch_add(1, Ordering::SeqCst);
                barrier.wait();
                arrived.load(Ordering::SeqCst)
            })
        })
        .collect();
    for w in waiters {
        assert_eq!(w.join().unwrap(), 3, "nobody passes the barrier early");
    }
}

#[test]
fn thread_locals_are_dropped_when_their_thread_ends() {
    static DROPPED: AtomicUsize = AtomicUsize::new(0);
    struct Noisy(u32);
    impl Drop for Noisy {
        fn drop(&mut self) {
            DROPPED.fetch_add(self.0 as usize, Ordering::SeqCst);
        }
    }
    thread_local!(static LOCAL: std::cell::RefCell<Noisy> = const { std::cell::RefCell::new(Noisy(0)) });
    let workers: Vec<_> = (1..=3)
        .map(|n| thread::spawn(move || LOCAL.with(|l| l.borrow_mut().0 = n)))
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    assert_eq!(DROPPED.load(Ordering::SeqCst), 6);
}

#[test]
fn tcp_over_loopback() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let server = thread::spawn(move || {
        for _ in 0..2 {
            let (mut conn, _) = listener.accept().unwrap();
            let mut line = String::new();
            BufReader::new(conn.try_clone().unwrap()).read_line(&mut line).unwrap();
            conn.write_all(line.to_uppercase().as_bytes()).unwrap();
        }
    });
    for word in ["first\n", "second\n"] {
        let mut client = TcpStream::connect(addr).unwrap();
        client.set_nodelay(true).unwrap();
        client.write_all(word.as_bytes()).unwrap();
        let mut reply = String::new();
        client.read_to_string(&mut reply).unwrap();
        assert_eq!(reply, word.to_uppercase());
    }
    server.join().unwrap();
}

#[test]
fn udp_over_loopback_and_timeouts() {
    let a = UdpSocket::bind("127.0.0.1:0").unwrap();
    let b = UdpSocket::bind("127.0.0.1:0").unwrap();
    a.send_to(b"datagram", b.local_addr().unwrap()).unwrap();
    let mut buf = [0u8; 64];
    let (n, from) = b.recv_from(&mut buf).unwrap();
    assert_eq!(&buf[..n], b"datagram");
    assert_eq!(from, a.local_addr().unwrap());

    b.set_read_timeout(Some(Duration::from_millis(50))).unwrap();
    let start = Instant::now();
    let err = b.recv_from(&mut buf).unwrap_err();
    assert!(matches!(err.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut), "{err:?}");
    assert!(start.elapsed() >= Duration::from_millis(45));
}

#[test]
fn clocks_and_sleep() {
    let start = Instant::now();
    thread::sleep(Duration::from_millis(30));
    let slept = start.elapsed();
    assert!(slept >= Duration::from_millis(30) && slept < Duration::from_secs(5), "{slept:?}");
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
    assert!(now.as_secs() > 1_700_000_000);
    // HashMap's seed comes from getrandom: two maps iterate differently often
    // enough; here only that hashing works.
    let map: HashMap<u32, u32> = (0..1000).map(|i| (i, i * i)).collect();
    assert_eq!(map[&999], 998_001);
}

#[test]
fn fork_and_wait_through_libc() {
    unsafe {
        let pid = libc::fork();
        assert!(pid >= 0);
        if pid == 0 {
            libc::_exit(5);
        }
        let mut status = 0;
        assert_eq!(libc::waitpid(pid, &mut status, 0), pid);
        assert!(libc::WIFEXITED(status));
        assert_eq!(libc::WEXITSTATUS(status), 5);
    }
    assert_eq!(unsafe { libc::getpid() } as u32, std::process::id());
}

#[test]
fn signal_handlers_through_libc() {
    static CAUGHT: AtomicUsize = AtomicUsize::new(0);
    extern "C" fn on_usr1(sig: libc::c_int) {
        CAUGHT.store(sig as usize, Ordering::SeqCst);
    }
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = on_usr1 as *const () as usize;
        libc::sigemptyset(&mut action.sa_mask);
        assert_eq!(libc::sigaction(libc::SIGUSR1, &action, std::ptr::null_mut()), 0);
        assert_eq!(libc::raise(libc::SIGUSR1), 0);
    }
    assert_eq!(CAUGHT.load(Ordering::SeqCst), libc::SIGUSR1 as usize);
}

#[test]
fn mmap_through_libc() {
    unsafe {
        let len = 1 << 16;
        let p = libc::mmap(
            std::ptr::null_mut(),
            len,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        );
        assert_ne!(p, libc::MAP_FAILED);
        let bytes = std::slice::from_raw_parts_mut(p as *mut u8, len);
        assert!(bytes.iter().all(|&b| b == 0));
        bytes[len - 1] = 7;
        assert_eq!(bytes[len - 1], 7);
        assert_eq!(libc::munmap(p, len), 0);
    }
    // A shared file mapping: writes through it are the file's.
    let dir = scratch("mmap");
    let path = dir.join("mapped");
    let file = fs::OpenOptions::new().read(true).write(true).create(true).truncate(true).open(&path).unwrap();
    file.set_len(4096).unwrap();
    unsafe {
        use std::os::fd::AsRawFd;
        let p = libc::mmap(std::ptr::null_mut(), 4096, libc::PROT_WRITE, libc::MAP_SHARED, file.as_raw_fd(), 0);
        assert_ne!(p, libc::MAP_FAILED);
        std::ptr::copy_nonoverlapping(b"mapped!".as_ptr(), p as *mut u8, 7);
        assert_eq!(libc::msync(p, 4096, libc::MS_SYNC), 0);
        assert_eq!(libc::munmap(p, 4096), 0);
    }
    assert_eq!(&fs::read(&path).unwrap()[..7], b"mapped!");
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_c_part_built_by_the_cc_crate() {
    // 64-bit long across the boundary: a product that needs more than 32 bits.
    assert_eq!(unsafe { wali_rust_tests::c_part_scale(3, 1 << 40) }, 3 << 40);
    let mut buf = [0 as libc::c_char; 64];
    let n = unsafe { wali_rust_tests::c_part_format(buf.as_mut_ptr(), 64, c"wali".as_ptr()) };
    let text = unsafe { std::ffi::CStr::from_ptr(buf.as_ptr()) }.to_str().unwrap();
    assert_eq!((n, text), (21, "hello wali from C (4)"));
}

#[test]
fn raw_syscalls_through_libc() {
    // libc::syscall passes int-sized arguments as 4 bytes: the C library must
    // read them so (std's getrandom and futex calls go this way too).
    let mut buf = [0u8; 32];
    let n = unsafe { libc::syscall(libc::SYS_getrandom, buf.as_mut_ptr(), buf.len(), 0u32) };
    assert_eq!(n, 32);
    let tid = unsafe { libc::syscall(libc::SYS_gettid) };
    assert_eq!(tid, unsafe { libc::gettid() } as libc::c_long);
    let mut r = [0u8; 8];
    let dir = scratch("pread");
    fs::write(dir.join("f"), b"0123456789").unwrap();
    let file = fs::File::open(dir.join("f")).unwrap();
    use std::os::fd::AsRawFd;
    // An off_t argument (8 bytes) after int-sized ones.
    let n = unsafe { libc::syscall(libc::SYS_pread64, file.as_raw_fd(), r.as_mut_ptr(), 3usize, 4 as libc::off_t) };
    assert_eq!((n, &r[..3]), (3, &b"456"[..]));
    fs::remove_dir_all(&dir).unwrap();
}

/// Where the `libc` crate (0.2.191) disagrees with the interface, and so with
/// C programs and the engine: bugs of the crate, described in
/// docs/toolchain.md ("Rust"). The test fails when the list changes, fixed or
/// grown, so that the documentation follows.
#[cfg(target_arch = "wasm32")]
const LIBC_CRATE_BUGS: &[&str] = &[
    // Not packed: x86_64's is, and the interface keeps x86_64's layout.
    "struct epoll_event: size 16, the interface says 12",
    "struct epoll_event.u64: offset 8, the interface says 4",
    // 1024 bits counted in 32-bit words but stored in 64-bit c_ulongs.
    "fd_set: size 256, the interface says 128",
    // The 64-bit layout without its padding after msg_iovlen and msg_controllen.
    "struct msghdr: size 28, the interface says 36",
    "struct msghdr.msg_control: offset 16, the interface says 20",
    "struct msghdr.msg_controllen: offset 20, the interface says 24",
    "struct msghdr.msg_flags: offset 24, the interface says 32",
];

#[cfg(target_arch = "wasm32")]
#[test]
fn libc_crate_layouts_match_the_interface_but_for_its_known_bugs() {
    let bad = wali_rust_tests::layout_mismatches();
    assert_eq!(bad, LIBC_CRATE_BUGS, "the libc crate against libc/spec/layouts.txt");
}
