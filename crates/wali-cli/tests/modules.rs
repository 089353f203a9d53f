//! Hostile module bytes: truncated and malformed modules make `wali run` and
//! `wali inspect` fail with one `wali: ...` line and status 1, never a
//! panic (status 101) or a signal.

mod common;

use common::{Output, Sandbox, Wat};

/// A module with imports, several functions, a table and data segments.
fn sample() -> Vec<u8> {
    Wat::new("(drop (call $SYS_getpid)) (call $show (global.get $name) (i64.const 7))")
        .string("name", "seven")
        .items("(table 2 funcref) (elem (i32.const 1) $twice) (func $twice (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))")
        .wasm()
}

/// Where the LEB128 number starting at `at` ends.
fn leb_end(wasm: &[u8], mut at: usize) -> usize {
    while wasm[at] & 0x80 != 0 {
        at += 1;
    }
    at + 1
}

fn leb_value(bytes: &[u8]) -> usize {
    bytes.iter().rev().fold(0, |v, b| (v << 7) | (b & 0x7f) as usize)
}

/// The sections: (id, start of the header, start of the contents, end).
fn sections(wasm: &[u8]) -> Vec<(u8, usize, usize, usize)> {
    let mut out = Vec::new();
    let mut at = 8;
    while at < wasm.len() {
        let contents = leb_end(wasm, at + 1);
        let end = contents + leb_value(&wasm[at + 1..contents]);
        out.push((wasm[at], at, contents, end));
        at = end;
    }
    out
}

fn assert_one_line_error(out: &Output, what: &str) {
    assert_eq!(out.status.code(), Some(1), "{what}: expected status 1\n{}", out.describe());
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert!(
        lines.len() == 1 && lines[0].starts_with("wali: "),
        "{what}: expected one `wali: ...` line\n{}",
        out.describe()
    );
}

/// Runs and inspects the module; both must fail cleanly.
fn assert_rejected(sb: &Sandbox, wasm: &[u8], what: &str) {
    sb.write("bad.wasm", wasm);
    assert_one_line_error(&sb.wali(&["run", "--no-cache", "bad.wasm"]), &format!("run, {what}"));
    assert_one_line_error(&sb.wali(&["inspect", "bad.wasm"]), &format!("inspect, {what}"));
}

#[test]
fn truncated_modules_are_load_errors() {
    let wasm = sample();
    let secs = sections(&wasm);
    let &(_, code_start, _, code_end) = secs.iter().find(|s| s.0 == 10).expect("a code section");
    // A cut at a section boundary leaves a shorter module that may be valid.
    let boundaries: Vec<usize> = secs.iter().map(|s| s.3).chain([8]).collect();
    let mut cuts: Vec<usize> = (4..64).chain((64..wasm.len()).step_by(53)).collect();
    cuts.extend(code_start..(code_start + 40).min(code_end));
    cuts.extend(code_end - 8..code_end);
    cuts.retain(|c| !boundaries.contains(c));
    cuts.sort_unstable();
    cuts.dedup();
    let sb = Sandbox::new();
    for cut in cuts {
        assert_rejected(&sb, &wasm[..cut], &format!("cut at {cut} of {}", wasm.len()));
    }
}

#[test]
fn malformed_sizes_are_load_errors() {
    let wasm = sample();
    let &(_, code_start, contents, _) = sections(&wasm).iter().find(|s| s.0 == 10).expect("a code section");
    let sb = Sandbox::new();
    let splice = |from: usize, to: usize, with: &[u8]| [&wasm[..from], with, &wasm[to..]].concat();
    // The code section claims 4 GiB - 1 bytes.
    assert_rejected(&sb, &splice(code_start + 1, contents, &[0xff, 0xff, 0xff, 0xff, 0x0f]), "code section size 2^32-1");
    // A section size whose LEB128 never ends.
    assert_rejected(&sb, &[&wasm[..code_start + 1], &[0x80; 12][..]].concat(), "endless section size");
    // The first function body claims 2 GiB.
    let body = leb_end(&wasm, contents);
    assert_rejected(&sb, &splice(body, leb_end(&wasm, body), &[0xff, 0xff, 0xff, 0xff, 0x07]), "function body of 2 GiB");
}

#[test]
fn names_with_control_characters_stay_on_one_line() {
    // A hostile import name must not break the one-line error, nor forge
    // lines (or terminal escapes) in `wali inspect`'s listing.
    let src = r#"(module
      (import "env" "evil\nwali: forged\1b[2J" (func))
      (memory 1) (func (export "_start")))"#;
    let sb = Sandbox::new();
    sb.write("bad.wasm", &wat::parse_str(src).unwrap());
    let run = sb.wali(&["run", "--no-cache", "bad.wasm"]);
    assert_one_line_error(&run, "run");
    assert!(run.stderr.contains(r"evil\nwali: forged\u{1b}[2J"), "{}", run.describe());
    let inspect = sb.wali(&["inspect", "--check", "bad.wasm"]);
    assert_one_line_error(&inspect, "inspect --check");
    assert!(!inspect.stdout.contains('\x1b'), "{}", inspect.describe());
    assert!(!inspect.stdout.lines().any(|l| l.starts_with("wali: forged")), "{}", inspect.describe());
}
