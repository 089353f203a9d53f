//! Sockets over loopback: socketpair, TCP (bind/listen/connect/accept),
//! UDP (sendto/recvfrom), sendmsg/recvmsg with the 36-byte wasm32 msghdr,
//! socket options.

mod common;

use common::{run_wat, Wat};

/// `$sockaddr_lo(at)`: a `struct sockaddr_in` for 127.0.0.1, port 0.
/// `$port(at)`: the port of the sockaddr_in at `at` (network order, as stored).
const HELPERS: &str = r#"
  (func $sockaddr_lo (param $at i32)
    (i64.store (local.get $at) (i64.const 0))
    (i64.store offset=8 (local.get $at) (i64.const 0))
    (i32.store16 (local.get $at) (i32.const 2))
    (i32.store offset=4 (local.get $at) (i32.const 0x0100007f)))
  (func $port (param $at i32) (result i64) (i64.load16_u offset=2 (local.get $at)))
"#;

// AF_UNIX 1, AF_INET 2; SOCK_STREAM 1, SOCK_DGRAM 2, SOCK_NONBLOCK 0x800,
// SOCK_CLOEXEC 0x80000; SOL_SOCKET 1: SO_REUSEADDR 2, SO_TYPE 3, SO_ERROR 4.

#[test]
fn socketpair_stream() {
    let w = Wat::new(
        r#"
    (local $a i32) (local $b i32)
    (call $check (i32.const 1) (call $SYS_socketpair (i32.const 1) (i32.const 1) (i32.const 0) (i32.const 0x4000)) (i64.const 0))
    (local.set $a (i32.load (i32.const 0x4000)))
    (local.set $b (i32.load (i32.const 0x4004)))
    (call $check (i32.const 2) (call $SYS_write (local.get $a) (global.get $hi) (i32.const 2)) (i64.const 2))
    (call $check (i32.const 3) (call $SYS_read (local.get $b) (i32.const 0x5000) (i32.const 64)) (i64.const 2))
    (call $check_mem (i32.const 4) (i32.const 0x5000) (global.get $hi) (i32.const 2))
    (call $check (i32.const 5) (call $SYS_write (local.get $b) (global.get $hi) (i32.const 1)) (i64.const 1))
    (call $check (i32.const 6) (call $SYS_read (local.get $a) (i32.const 0x5000) (i32.const 64)) (i64.const 1))
    (call $check (i32.const 7) (call $SYS_fstat (local.get $a) (i32.const 0x6000)) (i64.const 0))
    (call $check (i32.const 8) (call $stat_type (i32.const 0x6000)) (i64.const 0xc000)) ;; S_IFSOCK
    (call $check (i32.const 9) (call $SYS_shutdown (local.get $a) (i32.const 1)) (i64.const 0))
    (call $check (i32.const 10) (call $SYS_read (local.get $b) (i32.const 0x5000) (i32.const 64)) (i64.const 0))
    (call $check (i32.const 11) (call $SYS_socketpair (i32.const 2) (i32.const 1) (i32.const 0) (i32.const 0x4000)) (i64.const -95))
"#,
    )
    .string("hi", "hi");
    run_wat(&w).assert_done();
}

#[test]
fn tcp_loopback_bind_listen_connect_accept() {
    let w = Wat::new(
        r#"
    (local $s i32) (local $c i32) (local $a i32) (local $c2 i32) (local $a2 i32) (local $c3 i32) (local $r i64)
    (local.set $s (call $ok32 (i32.const 1) (call $SYS_socket (i32.const 2) (i32.const 1) (i32.const 0))))
    ;; SO_REUSEADDR: set, then read back
    (i32.store (i32.const 0x4000) (i32.const 1))
    (call $check (i32.const 2) (call $SYS_setsockopt (local.get $s) (i32.const 1) (i32.const 2) (i32.const 0x4000) (i32.const 4)) (i64.const 0))
    (i32.store (i32.const 0x4004) (i32.const 77))
    (i32.store (i32.const 0x4008) (i32.const 4))
    (call $check (i32.const 3) (call $SYS_getsockopt (local.get $s) (i32.const 1) (i32.const 2) (i32.const 0x4004) (i32.const 0x4008)) (i64.const 0))
    (call $check (i32.const 4) (i64.load32_u (i32.const 0x4004)) (i64.const 1))
    (call $check (i32.const 5) (i64.load32_u (i32.const 0x4008)) (i64.const 4))
    (call $check (i32.const 6) (call $SYS_getsockopt (local.get $s) (i32.const 1) (i32.const 3) (i32.const 0x4004) (i32.const 0x4008)) (i64.const 0))
    (call $check (i32.const 7) (i64.load32_u (i32.const 0x4004)) (i64.const 1)) ;; SOCK_STREAM
    ;; bind 127.0.0.1:0, listen, learn the port
    (call $sockaddr_lo (i32.const 0x4100))
    (call $check (i32.const 8) (call $SYS_bind (local.get $s) (i32.const 0x4100) (i32.const 16)) (i64.const 0))
    (call $check (i32.const 9) (call $SYS_listen (local.get $s) (i32.const 8)) (i64.const 0))
    (i32.store (i32.const 0x4200) (i32.const 16))
    (call $check (i32.const 10) (call $SYS_getsockname (local.get $s) (i32.const 0x4110) (i32.const 0x4200)) (i64.const 0))
    (call $check (i32.const 11) (i64.load32_u (i32.const 0x4200)) (i64.const 16))
    (call $check (i32.const 12) (i64.load16_u (i32.const 0x4110)) (i64.const 2))
    (call $check (i32.const 13) (i64.load32_u offset=4 (i32.const 0x4110)) (i64.const 0x0100007f))
    (call $check_true (i32.const 14) (i64.ne (call $port (i32.const 0x4110)) (i64.const 0)))
    ;; connect before accept: the loopback backlog completes it
    (local.set $c (call $ok32 (i32.const 15) (call $SYS_socket (i32.const 2) (i32.const 1) (i32.const 0))))
    (call $check (i32.const 16) (call $SYS_connect (local.get $c) (i32.const 0x4110) (i32.const 16)) (i64.const 0))
    (i32.store (i32.const 0x4204) (i32.const 16))
    (local.set $a (call $ok32 (i32.const 17) (call $SYS_accept (local.get $s) (i32.const 0x4120) (i32.const 0x4204))))
    (call $check (i32.const 18) (i64.load32_u (i32.const 0x4204)) (i64.const 16))
    (call $check (i32.const 19) (i64.load16_u (i32.const 0x4120)) (i64.const 2))
    ;; the peer's view matches
    (i32.store (i32.const 0x4208) (i32.const 16))
    (call $check (i32.const 20) (call $SYS_getpeername (local.get $c) (i32.const 0x4130) (i32.const 0x4208)) (i64.const 0))
    (call $check (i32.const 21) (call $port (i32.const 0x4130)) (call $port (i32.const 0x4110)))
    (i32.store (i32.const 0x420c) (i32.const 16))
    (call $check (i32.const 22) (call $SYS_getsockname (local.get $c) (i32.const 0x4140) (i32.const 0x420c)) (i64.const 0))
    (call $check (i32.const 23) (call $port (i32.const 0x4140)) (call $port (i32.const 0x4120)))
    ;; data both ways
    (call $check (i32.const 24) (call $SYS_write (local.get $c) (global.get $hello) (i32.const 5)) (i64.const 5))
    (call $check (i32.const 25) (call $SYS_read (local.get $a) (i32.const 0x5000) (i32.const 64)) (i64.const 5))
    (call $check_mem (i32.const 26) (i32.const 0x5000) (global.get $hello) (i32.const 5))
    (call $check (i32.const 27) (call $SYS_sendto (local.get $a) (global.get $reply) (i32.const 5) (i32.const 0) (i32.const 0) (i32.const 0)) (i64.const 5))
    (call $check (i32.const 28) (call $SYS_recvfrom (local.get $c) (i32.const 0x5100) (i32.const 64) (i32.const 0) (i32.const 0) (i32.const 0)) (i64.const 5))
    (call $check_mem (i32.const 29) (i32.const 0x5100) (global.get $reply) (i32.const 5))
    (call $check (i32.const 30) (call $SYS_shutdown (local.get $c) (i32.const 1)) (i64.const 0))
    (call $check (i32.const 31) (call $SYS_read (local.get $a) (i32.const 0x5000) (i32.const 64)) (i64.const 0))
    ;; accept4 on a non-blocking listener with nothing pending, then with flags
    (call $check (i32.const 32) (call $SYS_fcntl (local.get $s) (i32.const 4) (i64.const 0x800)) (i64.const 0))
    (call $check (i32.const 33) (call $SYS_accept4 (local.get $s) (i32.const 0) (i32.const 0) (i32.const 0)) (i64.const -11))
    (local.set $c2 (call $ok32 (i32.const 34) (call $SYS_socket (i32.const 2) (i32.const 1) (i32.const 0))))
    (call $check (i32.const 35) (call $SYS_connect (local.get $c2) (i32.const 0x4110) (i32.const 16)) (i64.const 0))
    (local.set $a2 (call $ok32 (i32.const 36) (call $SYS_accept4 (local.get $s) (i32.const 0) (i32.const 0) (i32.const 0x80800))))
    (call $check (i32.const 37) (call $SYS_fcntl (local.get $a2) (i32.const 1) (i64.const 0)) (i64.const 1))
    (call $check (i32.const 38) (i64.and (call $SYS_fcntl (local.get $a2) (i32.const 3) (i64.const 0)) (i64.const 0x800)) (i64.const 0x800))
    (call $check (i32.const 39) (call $SYS_read (local.get $a2) (i32.const 0x5000) (i32.const 64)) (i64.const -11))
    ;; a non-blocking connect completes; poll for POLLOUT, then SO_ERROR is 0
    (local.set $c3 (call $ok32 (i32.const 40) (call $SYS_socket (i32.const 2) (i32.const 0x801) (i32.const 0))))
    (local.set $r (call $SYS_connect (local.get $c3) (i32.const 0x4110) (i32.const 16)))
    (call $check2 (i32.const 41) (local.get $r) (i64.const 0) (i64.const -115))
    (i32.store (i32.const 0x4300) (local.get $c3))
    (i32.store (i32.const 0x4304) (i32.const 4))
    (call $check (i32.const 42) (call $SYS_poll (i32.const 0x4300) (i64.const 1) (i32.const 1000)) (i64.const 1))
    (i32.store (i32.const 0x4004) (i32.const 77))
    (i32.store (i32.const 0x4008) (i32.const 4))
    (call $check (i32.const 43) (call $SYS_getsockopt (local.get $c3) (i32.const 1) (i32.const 4) (i32.const 0x4004) (i32.const 0x4008)) (i64.const 0))
    (call $check (i32.const 44) (i64.load32_u (i32.const 0x4004)) (i64.const 0))
    ;; the port is taken for a socket without SO_REUSEADDR
    (local.set $c2 (call $ok32 (i32.const 45) (call $SYS_socket (i32.const 2) (i32.const 1) (i32.const 0))))
    (call $check (i32.const 46) (call $SYS_bind (local.get $c2) (i32.const 0x4110) (i32.const 16)) (i64.const -98))
    (call $check (i32.const 47) (call $SYS_bind (local.get $c2) (i32.const 0x4110) (i32.const 8)) (i64.const -22))
    (call $check (i32.const 48) (call $SYS_listen (i32.const 1) (i32.const 1)) (i64.const -88)) ;; ENOTSOCK
"#,
    )
    .items(HELPERS)
    .string("hello", "hello")
    .string("reply", "reply");
    run_wat(&w).assert_done();
}

#[test]
fn udp_sendto_recvfrom() {
    let w = Wat::new(
        r#"
    (local $u1 i32) (local $u2 i32)
    (local.set $u1 (call $ok32 (i32.const 1) (call $SYS_socket (i32.const 2) (i32.const 2) (i32.const 0))))
    (local.set $u2 (call $ok32 (i32.const 2) (call $SYS_socket (i32.const 2) (i32.const 2) (i32.const 0))))
    (call $sockaddr_lo (i32.const 0x4100))
    (call $check (i32.const 3) (call $SYS_bind (local.get $u1) (i32.const 0x4100) (i32.const 16)) (i64.const 0))
    (i32.store (i32.const 0x4200) (i32.const 16))
    (call $check (i32.const 4) (call $SYS_getsockname (local.get $u1) (i32.const 0x4110) (i32.const 0x4200)) (i64.const 0))
    (call $check (i32.const 5) (call $SYS_sendto (local.get $u2) (global.get $dgram) (global.get $dgram.len) (i32.const 0) (i32.const 0x4110) (i32.const 16))
                               (i64.extend_i32_u (global.get $dgram.len)))
    (memory.fill (i32.const 0x4120) (i32.const 0xee) (i32.const 32))
    (i32.store (i32.const 0x4204) (i32.const 32))
    (call $check (i32.const 6) (call $SYS_recvfrom (local.get $u1) (i32.const 0x5000) (i32.const 64) (i32.const 0) (i32.const 0x4120) (i32.const 0x4204))
                               (i64.extend_i32_u (global.get $dgram.len)))
    (call $check_mem (i32.const 7) (i32.const 0x5000) (global.get $dgram) (global.get $dgram.len))
    (call $check (i32.const 8) (i64.load32_u (i32.const 0x4204)) (i64.const 16))
    (call $check (i32.const 9) (i64.load16_u (i32.const 0x4120)) (i64.const 2))
    (call $check (i32.const 10) (i64.load32_u offset=4 (i32.const 0x4120)) (i64.const 0x0100007f))
    ;; the sender's address is u2's name
    (i32.store (i32.const 0x4208) (i32.const 16))
    (call $check (i32.const 11) (call $SYS_getsockname (local.get $u2) (i32.const 0x4130) (i32.const 0x4208)) (i64.const 0))
    (call $check (i32.const 12) (call $port (i32.const 0x4120)) (call $port (i32.const 0x4130)))
    ;; nothing left: MSG_DONTWAIT gives EAGAIN
    (call $check (i32.const 13) (call $SYS_recvfrom (local.get $u1) (i32.const 0x5000) (i32.const 64) (i32.const 0x40) (i32.const 0) (i32.const 0)) (i64.const -11))
    ;; an address length too short for sockaddr_in
    (call $check (i32.const 14) (call $SYS_sendto (local.get $u2) (global.get $dgram) (i32.const 1) (i32.const 0) (i32.const 0x4110) (i32.const 8)) (i64.const -22))
    ;; connect the UDP socket, then send without an address
    (call $check (i32.const 15) (call $SYS_connect (local.get $u2) (i32.const 0x4110) (i32.const 16)) (i64.const 0))
    (call $check (i32.const 16) (call $SYS_sendto (local.get $u2) (global.get $dgram) (i32.const 4) (i32.const 0) (i32.const 0) (i32.const 0)) (i64.const 4))
    (call $check (i32.const 17) (call $SYS_recvfrom (local.get $u1) (i32.const 0x5000) (i32.const 64) (i32.const 0) (i32.const 0) (i32.const 0)) (i64.const 4))
"#,
    )
    .items(HELPERS)
    .string("dgram", "datagram");
    run_wat(&w).assert_done();
}

#[test]
fn sendmsg_recvmsg_with_several_iovecs() {
    // wasm32 msghdr (36 bytes): name @0, namelen @4, iov @8, iovlen @12,
    // control @20, controllen @24, flags @32.
    let w = Wat::new(
        r#"
    (local $u1 i32) (local $u2 i32) (local $a i32) (local $b i32)
    (local.set $u1 (call $ok32 (i32.const 1) (call $SYS_socket (i32.const 2) (i32.const 2) (i32.const 0))))
    (local.set $u2 (call $ok32 (i32.const 2) (call $SYS_socket (i32.const 2) (i32.const 2) (i32.const 0))))
    (call $sockaddr_lo (i32.const 0x4100))
    (call $check (i32.const 3) (call $SYS_bind (local.get $u1) (i32.const 0x4100) (i32.const 16)) (i64.const 0))
    (i32.store (i32.const 0x4200) (i32.const 16))
    (call $check (i32.const 4) (call $SYS_getsockname (local.get $u1) (i32.const 0x4110) (i32.const 0x4200)) (i64.const 0))
    ;; sendmsg to u1's address: "abc" + "defg"
    (call $iovec (i32.const 0x4400) (global.get $abc) (i32.const 3))
    (call $iovec (i32.const 0x4408) (global.get $defg) (i32.const 4))
    (memory.fill (i32.const 0x4300) (i32.const 0) (i32.const 36))
    (i32.store offset=0 (i32.const 0x4300) (i32.const 0x4110))
    (i32.store offset=4 (i32.const 0x4300) (i32.const 16))
    (i32.store offset=8 (i32.const 0x4300) (i32.const 0x4400))
    (i32.store offset=12 (i32.const 0x4300) (i32.const 2))
    (call $check (i32.const 5) (call $SYS_sendmsg (local.get $u2) (i32.const 0x4300) (i32.const 0)) (i64.const 7))
    ;; recvmsg into 4 + 10 bytes, with room for a 32-byte name; flags poisoned
    (call $iovec (i32.const 0x4410) (i32.const 0x5200) (i32.const 4))
    (call $iovec (i32.const 0x4418) (i32.const 0x5210) (i32.const 10))
    (memory.fill (i32.const 0x4500) (i32.const 0xee) (i32.const 32))
    (memory.fill (i32.const 0x4340) (i32.const 0) (i32.const 36))
    (i32.store offset=0 (i32.const 0x4340) (i32.const 0x4500))
    (i32.store offset=4 (i32.const 0x4340) (i32.const 32))
    (i32.store offset=8 (i32.const 0x4340) (i32.const 0x4410))
    (i32.store offset=12 (i32.const 0x4340) (i32.const 2))
    (i32.store offset=16 (i32.const 0x4340) (i32.const 0x5555))
    (i32.store offset=28 (i32.const 0x4340) (i32.const 0x6666))
    (i32.store offset=32 (i32.const 0x4340) (i32.const 0xff))
    (call $check (i32.const 6) (call $SYS_recvmsg (local.get $u1) (i32.const 0x4340) (i32.const 0)) (i64.const 7))
    (call $check_mem (i32.const 7) (i32.const 0x5200) (global.get $abcd) (i32.const 4))
    (call $check_mem (i32.const 8) (i32.const 0x5210) (global.get $efg) (i32.const 3))
    (call $check (i32.const 9) (i64.load32_u offset=4 (i32.const 0x4340)) (i64.const 16))   ;; namelen updated
    (call $check (i32.const 10) (i64.load32_u offset=32 (i32.const 0x4340)) (i64.const 0))  ;; msg_flags
    (call $check (i32.const 11) (i64.load16_u (i32.const 0x4500)) (i64.const 2))
    (call $check (i32.const 12) (i64.load32_u offset=4 (i32.const 0x4500)) (i64.const 0x0100007f))
    (call $check (i32.const 13) (i64.load32_u offset=16 (i32.const 0x4500)) (i64.const 0xeeeeeeee)) ;; past the name
    (call $check (i32.const 14) (i64.load32_u offset=8 (i32.const 0x4340)) (i64.const 0x4410))  ;; msg_iov kept
    (call $check (i32.const 15) (i64.load32_u offset=16 (i32.const 0x4340)) (i64.const 0x5555)) ;; padding untouched
    (call $check (i32.const 16) (i64.load32_u offset=28 (i32.const 0x4340)) (i64.const 0x6666))
    ;; a datagram larger than the buffers: MSG_TRUNC (0x20) in msg_flags
    (call $check (i32.const 17) (call $SYS_sendmsg (local.get $u2) (i32.const 0x4300) (i32.const 0)) (i64.const 7))
    (i32.store offset=12 (i32.const 0x4340) (i32.const 1))
    (call $check (i32.const 18) (call $SYS_recvmsg (local.get $u1) (i32.const 0x4340) (i32.const 0)) (i64.const 4))
    (call $check (i32.const 19) (i64.load32_u offset=32 (i32.const 0x4340)) (i64.const 0x20))
    ;; a stream socketpair: three entries out, two in
    (call $check (i32.const 20) (call $SYS_socketpair (i32.const 1) (i32.const 1) (i32.const 0) (i32.const 0x4000)) (i64.const 0))
    (local.set $a (i32.load (i32.const 0x4000)))
    (local.set $b (i32.load (i32.const 0x4004)))
    (call $iovec (i32.const 0x4600) (global.get $abc) (i32.const 3))
    (call $iovec (i32.const 0x4608) (global.get $defg) (i32.const 4))
    (call $iovec (i32.const 0x4610) (global.get $abc) (i32.const 2))
    (memory.fill (i32.const 0x4700) (i32.const 0) (i32.const 36))
    (i32.store offset=8 (i32.const 0x4700) (i32.const 0x4600))
    (i32.store offset=12 (i32.const 0x4700) (i32.const 3))
    (call $check (i32.const 21) (call $SYS_sendmsg (local.get $a) (i32.const 0x4700) (i32.const 0)) (i64.const 9))
    (call $iovec (i32.const 0x4620) (i32.const 0x5300) (i32.const 5))
    (call $iovec (i32.const 0x4628) (i32.const 0x5310) (i32.const 5))
    (memory.fill (i32.const 0x4740) (i32.const 0) (i32.const 36))
    (i32.store offset=8 (i32.const 0x4740) (i32.const 0x4620))
    (i32.store offset=12 (i32.const 0x4740) (i32.const 2))
    (call $check (i32.const 22) (call $SYS_recvmsg (local.get $b) (i32.const 0x4740) (i32.const 0)) (i64.const 9))
    (call $check_mem (i32.const 23) (i32.const 0x5300) (global.get $abcde) (i32.const 5))
    (call $check_mem (i32.const 24) (i32.const 0x5310) (global.get $fgab) (i32.const 4))
"#,
    )
    .items(HELPERS)
    .string("abc", "abc")
    .string("defg", "defg")
    .string("abcd", "abcd")
    .string("efg", "efg")
    .string("abcde", "abcde")
    .string("fgab", "fgab");
    run_wat(&w).assert_done();
}

#[test]
fn scm_rights_control_message_passes_a_descriptor() {
    // Control messages have the x86_64 layout: cmsg_len u64 @0, cmsg_level
    // i32 @8, cmsg_type i32 @12, data @16; CMSG_SPACE(4) = 24.
    let w = Wat::new(
        r#"
    (local $a i32) (local $b i32) (local $r i32) (local $w i32) (local $got i32)
    (call $check (i32.const 1) (call $SYS_socketpair (i32.const 1) (i32.const 1) (i32.const 0) (i32.const 0x4000)) (i64.const 0))
    (local.set $a (i32.load (i32.const 0x4000)))
    (local.set $b (i32.load (i32.const 0x4004)))
    (call $check (i32.const 2) (call $SYS_pipe (i32.const 0x4008)) (i64.const 0))
    (local.set $r (i32.load (i32.const 0x4008)))
    (local.set $w (i32.load (i32.const 0x400c)))
    ;; send one byte with SCM_RIGHTS carrying the pipe's read end
    (call $iovec (i32.const 0x4100) (global.get $x) (i32.const 1))
    (i64.store (i32.const 0x4200) (i64.const 20))
    (i32.store (i32.const 0x4208) (i32.const 1))   ;; SOL_SOCKET
    (i32.store (i32.const 0x420c) (i32.const 1))   ;; SCM_RIGHTS
    (i32.store (i32.const 0x4210) (local.get $r))
    (i32.store (i32.const 0x4214) (i32.const 0))
    (memory.fill (i32.const 0x4300) (i32.const 0) (i32.const 36))
    (i32.store offset=8 (i32.const 0x4300) (i32.const 0x4100))
    (i32.store offset=12 (i32.const 0x4300) (i32.const 1))
    (i32.store offset=20 (i32.const 0x4300) (i32.const 0x4200))
    (i32.store offset=24 (i32.const 0x4300) (i32.const 24))
    (call $check (i32.const 3) (call $SYS_sendmsg (local.get $a) (i32.const 0x4300) (i32.const 0)) (i64.const 1))
    ;; receive it
    (call $iovec (i32.const 0x4110) (i32.const 0x5000) (i32.const 16))
    (memory.fill (i32.const 0x4400) (i32.const 0) (i32.const 64))
    (memory.fill (i32.const 0x4340) (i32.const 0) (i32.const 36))
    (i32.store offset=8 (i32.const 0x4340) (i32.const 0x4110))
    (i32.store offset=12 (i32.const 0x4340) (i32.const 1))
    (i32.store offset=20 (i32.const 0x4340) (i32.const 0x4400))
    (i32.store offset=24 (i32.const 0x4340) (i32.const 64))
    (call $check (i32.const 4) (call $SYS_recvmsg (local.get $b) (i32.const 0x4340) (i32.const 0)) (i64.const 1))
    (call $check (i32.const 5) (i64.load32_u offset=24 (i32.const 0x4340)) (i64.const 24)) ;; msg_controllen updated
    (call $check (i32.const 6) (i64.load (i32.const 0x4400)) (i64.const 20))
    (call $check (i32.const 7) (i64.load32_u (i32.const 0x4408)) (i64.const 1))
    (call $check (i32.const 8) (i64.load32_u (i32.const 0x440c)) (i64.const 1))
    (local.set $got (i32.load (i32.const 0x4410)))
    (call $check_true (i32.const 9) (i32.and (i32.ge_s (local.get $got) (i32.const 3)) (i32.ne (local.get $got) (local.get $r))))
    ;; the received descriptor reads the pipe
    (call $check (i32.const 10) (call $SYS_write (local.get $w) (global.get $x) (i32.const 1)) (i64.const 1))
    (call $check (i32.const 11) (call $SYS_read (local.get $got) (i32.const 0x5000) (i32.const 16)) (i64.const 1))
    (call $check (i32.const 12) (i64.load8_u (i32.const 0x5000)) (i64.const 0x78))
"#,
    )
    .string("x", "x");
    run_wat(&w).assert_done();
}
