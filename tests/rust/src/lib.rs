//! The `libc` crate's view of the WALI target against the interface's
//! layouts (libc/spec/layouts.txt): build.rs turns each struct the crate
//! defines into size and field-offset checks.

/// Every disagreement between the crate and the interface, as one line each.
#[cfg(target_arch = "wasm32")]
pub fn layout_mismatches() -> Vec<String> {
    let mut bad = Vec::new();
    include!(concat!(env!("OUT_DIR"), "/layouts.rs"));
    bad
}
