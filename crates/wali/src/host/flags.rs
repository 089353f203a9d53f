//! Flag words whose bits differ between the interface and the host. Only the
//! open flags do, and only on aarch64: arm64's `uapi/asm/fcntl.h` swaps
//! `O_DIRECTORY`/`O_NOFOLLOW` with `O_DIRECT`/`O_LARGEFILE` (x86_64 and
//! riscv64 use `asm-generic/fcntl.h`). `O_TMPFILE` contains `O_DIRECTORY`, so
//! it follows. Everywhere an open-flag word crosses (`open`, `openat`,
//! `pipe2`, `fcntl`'s `F_SETFL` and `F_GETFL`) it goes through here; the
//! engine works in host values after that.

/// (interface bit, aarch64 bit) for the four flags arm64 moves.
#[cfg_attr(not(any(test, target_arch = "aarch64")), allow(dead_code))]
const AARCH64: [(i32, i32); 4] = [
    (0o200000, 0o40000),  // O_DIRECTORY
    (0o400000, 0o100000), // O_NOFOLLOW
    (0o40000, 0o200000),  // O_DIRECT
    (0o100000, 0o400000), // O_LARGEFILE
];

#[cfg(target_arch = "aarch64")]
const MOVED: &[(i32, i32)] = &AARCH64;
#[cfg(not(target_arch = "aarch64"))]
const MOVED: &[(i32, i32)] = &[];

/// Moves each `from` bit of `flags` to its `to` bit; other bits stay. The
/// moved bits are a permutation, so all are cleared before any is set.
fn moved(flags: i32, table: &[(i32, i32)], to_host: bool) -> i32 {
    let pick = |&(guest, host): &(i32, i32)| if to_host { (guest, host) } else { (host, guest) };
    let from_all = table.iter().map(pick).fold(0, |m, (from, _)| m | from);
    table.iter().map(pick).filter(|(from, _)| flags & from != 0).fold(flags & !from_all, |f, (_, to)| f | to)
}

/// An open-flag word from the guest, in host bits.
#[inline]
pub fn open_to_host(flags: i32) -> i32 {
    if MOVED.is_empty() { flags } else { moved(flags, MOVED, true) }
}

/// An open-flag word from the host (`F_GETFL`), in the interface's bits.
#[inline]
pub fn open_to_guest(flags: i32) -> i32 {
    if MOVED.is_empty() { flags } else { moved(flags, MOVED, false) }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The interface's values (x86_64's); aarch64's are in `AARCH64`.
    const O_DIRECTORY: i32 = 0o200000;
    const O_NOFOLLOW: i32 = 0o400000;
    const O_DIRECT: i32 = 0o40000;
    const O_LARGEFILE: i32 = 0o100000;
    const O_TMPFILE: i32 = 0o20000000 | O_DIRECTORY;
    const O_CREAT: i32 = 0o100;

    #[test]
    fn aarch64_bits_are_a_permutation() {
        for (guest, host) in [
            (O_DIRECTORY, 0o40000),
            (O_NOFOLLOW, 0o100000),
            (O_DIRECT, 0o200000),
            (O_LARGEFILE, 0o400000),
            (O_TMPFILE, 0o20000000 | 0o40000),
            (O_CREAT | O_NOFOLLOW | O_DIRECTORY, O_CREAT | 0o100000 | 0o40000),
            (O_DIRECT | O_LARGEFILE, 0o200000 | 0o400000),
            (0, 0),
        ] {
            assert_eq!(moved(guest, &AARCH64, true), host, "{guest:o} to aarch64");
            assert_eq!(moved(host, &AARCH64, false), guest, "{host:o} from aarch64");
        }
        // Every combination of the four round-trips.
        for i in 0..16 {
            let f = AARCH64.iter().enumerate().filter(|(b, _)| i & (1 << b) != 0).fold(O_CREAT, |f, (_, &(g, _))| f | g);
            assert_eq!(moved(moved(f, &AARCH64, true), &AARCH64, false), f);
        }
    }

    #[test]
    fn this_host_matches_its_headers() {
        assert_eq!(open_to_host(O_DIRECTORY), libc::O_DIRECTORY);
        assert_eq!(open_to_host(O_NOFOLLOW), libc::O_NOFOLLOW);
        assert_eq!(open_to_host(O_DIRECT), libc::O_DIRECT);
        assert_eq!(open_to_host(O_TMPFILE), libc::O_TMPFILE);
        assert_eq!(open_to_guest(libc::O_DIRECTORY | libc::O_NOFOLLOW), O_DIRECTORY | O_NOFOLLOW);
    }
}
