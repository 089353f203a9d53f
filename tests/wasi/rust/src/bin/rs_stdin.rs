//! io::stdin lines: each one numbered, reversed; totals at EOF.
use std::io::{self, BufRead, Read};

fn main() {
    let stdin = io::stdin();
    let (mut lines, mut bytes) = (0, 0);
    for line in stdin.lock().lines() {
        let line = line.expect("read");
        lines += 1;
        bytes += line.len() + 1;
        println!("{lines:4} {}", line.chars().rev().collect::<String>());
    }
    let mut rest = Vec::new();
    let n = io::stdin().read_to_end(&mut rest).unwrap();
    println!("{lines} lines, {bytes} bytes, {n} after EOF");
}
