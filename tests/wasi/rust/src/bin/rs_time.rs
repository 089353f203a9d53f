//! Instant (monotonic), SystemTime (plausible), thread::sleep about 50 ms.
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

fn main() {
    let mut prev = Instant::now();
    let mut ok = true;
    for _ in 0..10000 {
        let now = Instant::now();
        ok &= now >= prev;
        prev = now;
    }
    println!("Instant never decreases: {ok}");
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs();
    println!("SystemTime after 2024 and before 2100: {}", secs > 1_704_067_200 && secs < 4_102_444_800);
    let t = Instant::now();
    std::thread::sleep(Duration::from_millis(50));
    let el = t.elapsed();
    println!("slept at least 50 ms: {}, less than 2 s: {}", el >= Duration::from_millis(50), el < Duration::from_secs(2));
    let a: [u8; 16] = rand_bytes();
    let b: [u8; 16] = rand_bytes();
    println!("HashMap random keys differ: {}", a != b);
}

fn rand_bytes() -> [u8; 16] {
    use std::hash::{BuildHasher, Hasher};
    let mut out = [0u8; 16];
    let s = std::collections::hash_map::RandomState::new();
    let mut h = s.build_hasher();
    h.write_u8(1);
    out[..8].copy_from_slice(&h.finish().to_le_bytes());
    out
}
