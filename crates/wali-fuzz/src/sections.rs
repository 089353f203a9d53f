//! The Wasm binary format at the depth mutations need: a module is an
//! 8-byte header and sections (an id byte, a LEB128 size, a body); most
//! bodies start with a LEB128 count, and the code section's entries are
//! size-prefixed function bodies.

pub const HEADER: [u8; 8] = *b"\0asm\x01\0\0\0";
pub const CUSTOM: u8 = 0;
pub const CODE: u8 = 10;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub id: u8,
    pub body: Vec<u8>,
}

/// A LEB128 unsigned number at the start of `b`: its value and length.
/// At most 10 bytes; `None` when it does not end.
pub fn read_leb(b: &[u8]) -> Option<(u64, usize)> {
    let mut v = 0u64;
    for (i, byte) in b.iter().take(10).enumerate() {
        v |= u64::from(byte & 0x7f) << (7 * i);
        if byte & 0x80 == 0 {
            return Some((v, i + 1));
        }
    }
    None
}

pub fn put_leb(out: &mut Vec<u8>, v: u64) {
    let len = (64 - v.leading_zeros()).div_ceil(7).max(1) as usize;
    out.extend(leb_padded(v, len));
}

/// `v` in `len` bytes (overlong when `len` is more than needed; cut, and
/// then unterminated, when less).
pub fn leb_padded(v: u64, len: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(len);
    let mut v = v;
    for i in 0..len {
        let last = i + 1 == len;
        out.push((v & 0x7f) as u8 | if last { 0 } else { 0x80 });
        v >>= 7;
    }
    out
}

/// Splits a well-formed module into its sections.
pub fn split(wasm: &[u8]) -> Option<Vec<Section>> {
    if wasm.get(..8)? != HEADER {
        return None;
    }
    let mut out = Vec::new();
    let mut at = 8;
    while at < wasm.len() {
        let id = wasm[at];
        let (size, n) = read_leb(&wasm[at + 1..])?;
        let start = at + 1 + n;
        let end = start.checked_add(usize::try_from(size).ok()?)?;
        out.push(Section { id, body: wasm.get(start..end)?.to_vec() });
        at = end;
    }
    Some(out)
}

/// A module of `sections`, each with its true size.
pub fn join(sections: &[Section]) -> Vec<u8> {
    let mut out = Vec::with_capacity(8 + sections.iter().map(|s| s.body.len() + 6).sum::<usize>());
    out.extend_from_slice(&HEADER);
    for s in sections {
        out.push(s.id);
        put_leb(&mut out, s.body.len() as u64);
        out.extend_from_slice(&s.body);
    }
    out
}

/// Where each section's size field is in a joined module: (offset, length
/// of the field, the size it holds).
pub fn size_fields(wasm: &[u8]) -> Vec<(usize, usize, u64)> {
    let mut out = Vec::new();
    let mut at = 8;
    while at < wasm.len().saturating_sub(1) {
        let Some((size, n)) = read_leb(&wasm[at + 1..]) else { break };
        out.push((at + 1, n, size));
        at = (at + 1 + n).saturating_add(size as usize);
    }
    out
}

/// Where each function body's size field is in a code section's body:
/// (offset, length of the field).
pub fn code_entries(body: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let Some((count, mut at)) = read_leb(body) else { return out };
    for _ in 0..count {
        let Some((size, n)) = read_leb(&body[at..]) else { break };
        out.push((at, n));
        at = (at + n).saturating_add(size as usize);
        if at >= body.len() {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_fields() {
        let wasm = wat::parse_str("(module (memory 1) (func (export \"f\") (result i32) (i32.const 7)) (func))").unwrap();
        let s = split(&wasm).unwrap();
        assert_eq!(join(&s), wasm);
        let code = s.iter().find(|s| s.id == CODE).unwrap();
        assert_eq!(code_entries(&code.body).len(), 2);
        assert_eq!(size_fields(&wasm).len(), s.len());
        // A size field that points far past the end ends the walk.
        let huge = [&HEADER[..], &[1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0]].concat();
        assert_eq!(size_fields(&huge).len(), 1);
        assert_eq!(read_leb(&[0xe5, 0x8e, 0x26]), Some((624485, 3)));
        assert_eq!(read_leb(&leb_padded(300, 5)), Some((300, 5)));
        assert_eq!(read_leb(&[0x80, 0x80]), None);
        let mut v = Vec::new();
        put_leb(&mut v, 624485);
        assert_eq!(v, [0xe5, 0x8e, 0x26]);
    }
}
