//! Compiles the crate's C part (c/part.c) and turns the interface's struct
//! layouts (libc/spec/layouts.txt) into checks of the `libc` crate's
//! definitions for the WALI target (src/lib.rs).
use std::fmt::Write;

/// Interface struct name -> the crate's type.
const TYPES: &[(&str, &str)] = &[
    ("struct timespec", "timespec"),
    ("struct timeval", "timeval"),
    ("stack_t", "stack_t"),
    ("struct dirent", "dirent"),
    ("struct epoll_event", "epoll_event"),
    ("struct iovec", "iovec"),
    ("struct pollfd", "pollfd"),
    ("struct rlimit", "rlimit"),
    ("struct sigaction", "sigaction"),
    ("struct sockaddr", "sockaddr"),
    ("struct statfs", "statfs"),
    ("stx_time", "statx_timestamp"),
    ("struct sysinfo", "sysinfo"),
    ("struct utimbuf", "utimbuf"),
    ("struct utsname", "utsname"),
    ("fd_set", "fd_set"),
    ("cpu_set_t", "cpu_set_t"),
    ("struct itimerval", "itimerval"),
    ("struct msghdr", "msghdr"),
    ("struct rusage", "rusage"),
    ("struct stat", "stat"),
    ("struct statx", "statx"),
];

// Not compared: `struct timezone`, which the crate declares as an opaque type
// (an empty enum, as obsolete), so it has neither fields nor the size.

/// Fields the crate names differently: (struct, interface name, crate name).
/// An empty crate name: the crate has no public field there (padding, or
/// an opaque array such as fd_set's bits); only the size is compared.
const FIELDS: &[(&str, &str, &str)] = &[
    ("struct stat", "st_atim", "st_atime"),
    ("struct stat", "st_mtim", "st_mtime"),
    ("struct stat", "st_ctim", "st_ctime"),
    ("struct sigaction", "sa_handler", "sa_sigaction"),
    ("struct epoll_event", "data", "u64"),
    ("struct rusage", "ru_msgsng", "ru_msgsnd"), // the interface's table misspells it
];

fn main() {
    // A C part, as crates with C sources build them (wali-cargo points the cc
    // crate at wali-cc for WALI).
    println!("cargo:rerun-if-changed=c/part.c");
    cc::Build::new().file("c/part.c").compile("cpart");

    // Read at run time: the target directory is shared by clones at other
    // paths, and Cargo reuses a build script compiled in one of them.
    let spec = format!("{}/../../libc/spec/layouts.txt", std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    println!("cargo:rerun-if-changed={spec}");
    let text = std::fs::read_to_string(spec).expect("libc/spec/layouts.txt");
    let mut out = String::from("{\n");
    let mut current: Option<(&str, &str)> = None;
    for line in text.lines() {
        if let Some(head) = line.strip_suffix("):").filter(|_| !line.starts_with(' ')) {
            // `struct stat (size=144, align=8):`
            let (name, size) = head.split_once(" (size=").expect("struct header");
            let size: usize = size.split(',').next().unwrap().parse().unwrap();
            current = TYPES.iter().find(|(n, _)| *n == name).map(|&(n, t)| (n, t));
            if let Some((name, ty)) = current {
                writeln!(out, "{{ let got = ::core::mem::size_of::<libc::{ty}>(); if got != {size} {{ \
                    bad.push(format!(\"{name}: size {{got}}, the interface says {size}\")); }} }}").unwrap();
            }
        } else if let (Some((name, ty)), Some(rest)) = (current, line.trim_start().strip_prefix('+')) {
            // `+   8  tv_nsec   long   (8 bytes)`
            let mut words = rest.split_whitespace();
            let offset: usize = words.next().unwrap().parse().unwrap();
            let field = words.next().unwrap();
            let renamed = FIELDS.iter().find(|(s, f, _)| *s == name && *f == field).map(|f| f.2);
            let field = renamed.unwrap_or(field);
            if field.is_empty() || field.starts_with("pad") || field.starts_with("__") || field == "unused" || field == "reserved"
                || field.starts_with("spare") || field.starts_with("f_spare") || field.starts_with("stx_spare")
                || (name == "fd_set" || name == "cpu_set_t")
            {
                continue; // padding and opaque bits: covered by the size
            }
            writeln!(out, "{{ let got = ::core::mem::offset_of!(libc::{ty}, {field}); if got != {offset} {{ \
                bad.push(format!(\"{name}.{field}: offset {{got}}, the interface says {offset}\")); }} }}").unwrap();
        }
    }
    out.push('}');
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("layouts.rs");
    std::fs::write(dest, out).unwrap();
}
