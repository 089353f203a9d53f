//! The secret that authenticates compile-cache entries (`cache`): 32 random
//! bytes kept in the kernel's user keyring, shared by every run of the same
//! user and never written to a file.
//!
//! No guest can read or replace it: the WALI table has no `keyctl`, `add_key`
//! or `request_key` import (a test below checks that), and the engine never
//! copies it into guest memory. A *native* program that a guest execs runs
//! with the user's rights and can (`--no-exec` forbids such execs).

use libc::{c_long, syscall, SYS_add_key, SYS_keyctl};
use std::ffi::CStr;

pub const KEY_LEN: usize = 32;
pub type Key = [u8; KEY_LEN];

const DESCRIPTION: &CStr = c"wali:cache-key:v1";
const KEY_TYPE: &CStr = c"user";
// From <linux/keyctl.h>; the libc crate has none of them.
const KEY_SPEC_USER_KEYRING: c_long = -4;
const KEYCTL_SETPERM: c_long = 5;
const KEYCTL_SEARCH: c_long = 10;
const KEYCTL_READ: c_long = 11;
/// Possessor: all; the same user: view, read, search. A process of the user
/// that does not possess the user keyring (one under a new session keyring)
/// still finds and reads the key.
const PERM: c_long = 0x3f00_0000 | 0x0001_0000 | 0x0002_0000 | 0x0008_0000;

/// The key, created on first use; `None` when the kernel has no keyrings or
/// a seccomp filter forbids them (many containers), and then nothing is cached.
pub fn cache_key() -> Option<Key> {
    find().and_then(read).or_else(create)
}

fn find() -> Option<c_long> {
    // SAFETY: NUL-terminated strings, integer arguments.
    let id = unsafe { syscall(SYS_keyctl, KEYCTL_SEARCH, KEY_SPEC_USER_KEYRING, KEY_TYPE.as_ptr(), DESCRIPTION.as_ptr(), 0) };
    (id > 0).then_some(id)
}

fn read(id: c_long) -> Option<Key> {
    let mut key = [0u8; KEY_LEN];
    // SAFETY: the kernel writes at most KEY_LEN bytes into `key`.
    let n = unsafe { syscall(SYS_keyctl, KEYCTL_READ, id, key.as_mut_ptr(), KEY_LEN) };
    (n == KEY_LEN as c_long).then_some(key)
}

fn create() -> Option<Key> {
    let mut key = [0u8; KEY_LEN];
    // SAFETY: the kernel writes KEY_LEN bytes into `key`; up to 256 bytes are never cut short.
    if unsafe { libc::getrandom(key.as_mut_ptr().cast(), KEY_LEN, 0) } != KEY_LEN as isize {
        return None;
    }
    // SAFETY: NUL-terminated strings and a KEY_LEN-byte payload.
    let id = unsafe {
        syscall(SYS_add_key, KEY_TYPE.as_ptr(), DESCRIPTION.as_ptr(), key.as_ptr(), KEY_LEN, KEY_SPEC_USER_KEYRING)
    };
    if id <= 0 {
        return None;
    }
    // SAFETY: integer arguments.
    unsafe { syscall(SYS_keyctl, KEYCTL_SETPERM, id, PERM) };
    // Two first runs may race: `add_key` then replaces the payload, so use
    // what the keyring holds now (an entry signed with the loser's key is
    // recompiled once).
    read(id)
}

#[cfg(test)]
mod tests {
    #[test]
    fn no_guest_import_reaches_the_keyring() {
        for name in ["SYS_keyctl", "SYS_add_key", "SYS_request_key"] {
            assert!(crate::syscalls::lookup(name).is_none(), "{name} must not be bound to the host's call");
        }
        assert!(crate::syscalls::TABLE.iter().all(|row| !row.name.contains("key")), "a keyring call in the table");
    }

    #[test]
    fn the_key_is_created_once_and_found_again() {
        // This machine has a keyring; where the kernel has none, the cache is off.
        let first = super::cache_key().expect("a user keyring");
        assert_eq!(super::cache_key(), Some(first));
        assert_ne!(first, [0u8; super::KEY_LEN]);
    }
}
