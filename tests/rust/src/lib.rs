//! The `libc` crate's view of the WALI target against the interface's
//! layouts (libc/spec/layouts.txt): build.rs turns each struct the crate
//! defines into size and field-offset checks. And the crate's C part.

extern "C" {
    /// c/part.c: `factor * value` in C's `long`.
    pub fn c_part_scale(factor: libc::c_int, value: libc::c_long) -> libc::c_long;
    /// c/part.c: snprintf into `buf`.
    pub fn c_part_format(buf: *mut libc::c_char, size: libc::c_int, name: *const libc::c_char) -> libc::c_int;
}

/// Every disagreement between the crate and the interface, as one line each.
#[cfg(target_arch = "wasm32")]
pub fn layout_mismatches() -> Vec<String> {
    let mut bad = Vec::new();
    include!(concat!(env!("OUT_DIR"), "/layouts.rs"));
    bad
}
