//! Mutations of seed modules, with the fuzzer's own generator. A mutant is
//! a seed changed by up to three structured mutations (on its sections,
//! whose sizes are then written true, so the change reaches the section's
//! parser) and up to two raw ones (on the bytes, sizes included):
//! - structured: bytes flipped or set to values the format gives meaning
//!   (type codes, opcodes, prefixes), a body cut, byte runs inserted or
//!   deleted, the leading count, a function body's size or a LEB128 number
//!   inside a body rewritten (too big, too small, overlong, unterminated),
//!   sections duplicated, dropped, moved, spliced in from another seed,
//!   custom sections added;
//! - raw: bit flips, bytes set, truncation (often inside a section), runs
//!   inserted or deleted, a section's size field rewritten, a chunk copied
//!   over another.

use crate::rng::Rng;
use crate::sections::{self, put_leb, read_leb, Section, CODE, CUSTOM};

pub struct Seed {
    pub name: String,
    pub sections: Vec<Section>,
    /// Built by the fuzzer (not from the corpus directory).
    pub builtin: bool,
}

/// A mutated module and how it was made.
pub struct Mutant {
    pub wasm: Vec<u8>,
    pub seed: usize,
    pub ops: Vec<&'static str>,
}

/// Bytes with a meaning somewhere in the format: value and reference types,
/// block and control opcodes, the 0xfc/0xfd/0xfe prefixes, section ids,
/// limits flags, LEB128 edges.
const INTERESTING: [u8; 28] = [
    0x00, 0x01, 0x02, 0x03, 0x05, 0x0b, 0x0c, 0x0d, 0x10, 0x11, 0x1f, 0x40, 0x41, 0x60, 0x6f, 0x70, 0x7b, 0x7c, 0x7d,
    0x7e, 0x7f, 0x80, 0xfc, 0xfd, 0xfe, 0xff, 0x08, 0x0e,
];

/// A mutant of one of `seeds`: the built-in seeds half the time.
pub fn mutant(seeds: &[Seed], rng: &mut Rng) -> Mutant {
    let builtin: Vec<usize> = (0..seeds.len()).filter(|&i| seeds[i].builtin).collect();
    let corpus: Vec<usize> = (0..seeds.len()).filter(|&i| !seeds[i].builtin).collect();
    let pool = if corpus.is_empty() || (!builtin.is_empty() && rng.one_in(2)) { &builtin } else { &corpus };
    let seed = pool[rng.below(pool.len() as u64) as usize];
    let mut s = seeds[seed].sections.clone();
    let mut ops = Vec::new();
    let (structured, raw) = (rng.below(4), rng.below(3));
    for _ in 0..structured.max(u64::from(raw == 0)) {
        ops.push(restructure(&mut s, seeds, rng));
    }
    let mut wasm = sections::join(&s);
    for _ in 0..raw {
        ops.push(scramble(&mut wasm, rng));
    }
    Mutant { wasm, seed, ops }
}

/// A LEB128 number that replaces one holding `old` in `len` bytes.
fn bad_leb(old: u64, len: usize, rng: &mut Rng) -> Vec<u8> {
    let mut out = Vec::new();
    match rng.below(10) {
        0 => put_leb(&mut out, old + 1),
        1 => put_leb(&mut out, old.saturating_sub(1)),
        2 => put_leb(&mut out, 0),
        3 => put_leb(&mut out, old.saturating_mul(2) + 1),
        4 => put_leb(&mut out, u64::from(u32::MAX)),
        5 => put_leb(&mut out, 1 << 32),
        6 => out = sections::leb_padded(old, len + rng.range(1, 4) as usize),
        7 => out = sections::leb_padded(old, rng.range(6, 10) as usize),
        8 => out = vec![0x80 | rng.below(0x80) as u8; rng.range(1, 6) as usize],
        _ => put_leb(&mut out, if rng.one_in(2) { rng.below(1 << 16) } else { u64::from(rng.u32()) }),
    }
    out
}

fn byte(rng: &mut Rng) -> u8 {
    if rng.one_in(2) {
        rng.pick(&INTERESTING)
    } else {
        rng.u32() as u8
    }
}

fn run(rng: &mut Rng) -> Vec<u8> {
    let n = rng.range(1, 32) as usize;
    if rng.one_in(2) {
        vec![byte(rng); n]
    } else {
        (0..n).map(|_| byte(rng)).collect()
    }
}

/// Replaces the LEB128 number at `at` in `b`, if one ends there.
fn replace_leb(b: &mut Vec<u8>, at: usize, rng: &mut Rng) -> bool {
    let Some((v, n)) = b.get(at..).and_then(read_leb) else { return false };
    let new = bad_leb(v, n, rng);
    b.splice(at..at + n, new);
    true
}

/// A random section of another seed.
fn foreign(seeds: &[Seed], id: Option<u8>, rng: &mut Rng) -> Option<Section> {
    let other = &seeds[rng.below(seeds.len() as u64) as usize].sections;
    let same: Vec<&Section> = other.iter().filter(|s| id.is_none_or(|id| s.id == id)).collect();
    (!same.is_empty()).then(|| same[rng.below(same.len() as u64) as usize].clone())
}

/// One structured mutation; its name.
fn restructure(s: &mut Vec<Section>, seeds: &[Seed], rng: &mut Rng) -> &'static str {
    if s.is_empty() {
        if let Some(f) = foreign(seeds, None, rng) {
            s.push(f);
        }
        return "splice";
    }
    let i = rng.below(s.len() as u64) as usize;
    let len = s[i].body.len();
    let pos = |rng: &mut Rng| rng.below(len as u64 + 1) as usize;
    match rng.below(12) {
        0 if len > 0 => {
            for _ in 0..rng.range(1, 8) {
                let at = rng.below(len as u64) as usize;
                s[i].body[at] = if rng.one_in(2) { s[i].body[at] ^ (1 << rng.below(8)) } else { byte(rng) };
            }
            "body bytes"
        }
        1 => {
            let at = pos(rng);
            s[i].body.truncate(at);
            "body cut"
        }
        2 => {
            let at = pos(rng);
            let r = run(rng);
            s[i].body.splice(at..at, r);
            "body run inserted"
        }
        3 if len > 0 => {
            let at = rng.below(len as u64) as usize;
            let end = (at + rng.range(1, 64) as usize).min(len);
            s[i].body.drain(at..end);
            "body run deleted"
        }
        4 => {
            replace_leb(&mut s[i].body, 0, rng);
            "count"
        }
        5 => {
            let Some(code) = s.iter_mut().find(|s| s.id == CODE) else { return "function size (no code)" };
            let entries = sections::code_entries(&code.body);
            if let Some(&(at, _)) = entries.get(rng.below(entries.len().max(1) as u64) as usize) {
                replace_leb(&mut code.body, at, rng);
            }
            "function size"
        }
        6 => {
            // A number inside the body: a parameter count, a local count, an index, a limit.
            for _ in 0..8 {
                if len > 0 && replace_leb(&mut s[i].body, rng.below(len as u64) as usize, rng) {
                    break;
                }
            }
            "number in a body"
        }
        7 => {
            let copy = s[i].clone();
            let at = if rng.one_in(2) { i + 1 } else { rng.below(s.len() as u64 + 1) as usize };
            s.insert(at, copy);
            "section duplicated"
        }
        8 => {
            s.remove(i);
            "section dropped"
        }
        9 => {
            let sec = s.remove(i);
            let at = rng.below(s.len() as u64 + 1) as usize;
            s.insert(at, sec);
            "section moved"
        }
        10 => {
            let same = rng.one_in(2);
            match foreign(seeds, same.then_some(s[i].id), rng) {
                Some(f) if same => s[i] = f,
                Some(f) => s.insert(i, f),
                None => {}
            }
            "section spliced"
        }
        _ => {
            let mut body = Vec::new();
            let name: &[u8] = rng.pick(&[&b"name"[..], b"producers", b"target_features", b"", b"\xff\xfe"]);
            put_leb(&mut body, name.len() as u64);
            body.extend_from_slice(name);
            body.extend(run(rng));
            let at = rng.below(s.len() as u64 + 1) as usize;
            s.insert(at, Section { id: CUSTOM, body });
            "custom section"
        }
    }
}

/// One raw mutation of a joined module; its name.
fn scramble(w: &mut Vec<u8>, rng: &mut Rng) -> &'static str {
    let len = w.len();
    // Past the header, mostly: a broken header stops every parser at once.
    let pos = |rng: &mut Rng| if len > 8 && !rng.one_in(16) { rng.range(8, len as i64 - 1) as usize } else { rng.below(len.max(1) as u64) as usize };
    match rng.below(7) {
        0 if len > 0 => {
            for _ in 0..rng.range(1, 8) {
                let at = pos(rng);
                w[at] ^= 1 << rng.below(8);
            }
            "bit flips"
        }
        1 if len > 0 => {
            let at = pos(rng);
            w[at] = byte(rng);
            "byte set"
        }
        2 => {
            // Inside a section most of the time: a size that promises more than there is.
            let fields = sections::size_fields(w);
            let at = match fields.get(rng.below(fields.len().max(1) as u64) as usize) {
                Some(&(f, n, size)) if !rng.one_in(4) => f + n + rng.below(size.max(1)) as usize,
                _ => rng.below(len as u64 + 1) as usize,
            };
            w.truncate(at);
            "truncated"
        }
        3 => {
            let at = pos(rng).min(len);
            let r = run(rng);
            w.splice(at..at, r);
            "run inserted"
        }
        4 if len > 0 => {
            let at = pos(rng);
            let end = (at + rng.range(1, 64) as usize).min(len);
            w.drain(at..end);
            "run deleted"
        }
        5 => {
            let fields = sections::size_fields(w);
            if let Some(&(at, _, _)) = fields.get(rng.below(fields.len().max(1) as u64) as usize) {
                replace_leb(w, at, rng);
            }
            "section size"
        }
        _ if len > 16 => {
            let (from, to) = (pos(rng), pos(rng));
            let n = (rng.range(1, 64) as usize).min(len - from).min(len - to);
            w.copy_within(from..from + n, to);
            "chunk copied"
        }
        _ => "none",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mutants_differ_and_replay() {
        let wasm = wat::parse_str("(module (memory 1) (data (i32.const 0) \"abc\") (func (export \"_start\")))").unwrap();
        let seeds = vec![Seed { name: "t".into(), sections: sections::split(&wasm).unwrap(), builtin: true }];
        let (mut a, mut b) = (Rng::new(3), Rng::new(3));
        let mut changed = 0;
        for _ in 0..2000 {
            let (x, y) = (mutant(&seeds, &mut a), mutant(&seeds, &mut b));
            assert_eq!(x.wasm, y.wasm, "the same generator state makes the same mutant");
            assert!(!x.ops.is_empty());
            changed += usize::from(x.wasm != wasm);
        }
        assert!(changed > 1500, "only {changed} mutants of 2000 differ from the seed");
    }
}
