  ;; Hand-written guest code of the dispatcher module (dispatch.rs adds the
  ;; imports, the call dispatchers `c<i>` and `memop` around it).

  ;; ---- fork races (fork_races.rs) ----

  ;; The instructions whose Wasmtime code takes a lock a forked child could
  ;; inherit held: the grow lock (memory.grow, also by 0), the wait queues
  ;; (notify, wait), and bulk memory. $z: 256 bytes, 8-aligned.
  (func $race_step (param $z i32) (param $t i64)
    (drop (memory.grow (i32.const 0)))
    (drop (memory.atomic.notify (local.get $z) (i32.const 1)))
    (drop (memory.atomic.wait32 (local.get $z) (i32.atomic.load (local.get $z)) (local.get $t)))
    (memory.copy (i32.add (local.get $z) (i32.const 64)) (i32.add (local.get $z) (i32.const 128)) (i32.const 64))
    (memory.fill (i32.add (local.get $z) (i32.const 192)) (i32.const 0xab) (i32.const 64)))

  ;; Thread entry (table 8): race steps with 1 us waits until the word at
  ;; $z+4 is set; counts them at $z+8.
  (func $fork_racer (param $tid i32) (param $z i32)
    (loop $again
      (call $race_step (local.get $z) (i64.const 1000))
      (drop (i64.atomic.rmw.add offset=8 (local.get $z) (i64.const 1)))
      (br_if $again (i32.eqz (i32.atomic.load offset=4 (local.get $z))))))

  ;; ---- fd races (fd_races.rs) ----
  ;; The zone $z: +0 stop, +4 escaped, +8 caught descriptor, +12 how it was
  ;; copied (0 dup, 1 F_DUPFD, 2 dup3), +16 copies (i64), +24 how many low
  ;; descriptors to sweep, +28 dup3's target, +32 copies that named a memory
  ;; file (i64), +40 the copied descriptor; +0x100 a path, +0x200 readlink's
  ;; buffer, +0x400 read's.

  (data $fd_prefix "/proc/self/fd/")

  ;; "/proc/self/fd/FD" with a NUL at $at (FD < 1000).
  (func $fd_path (param $at i32) (param $fd i32) (local $end i32) (local $v i32)
    (memory.init $fd_prefix (local.get $at) (i32.const 0) (i32.const 14))
    (local.set $end (i32.add (local.get $at)
      (i32.add (i32.const 15) (i32.add (i32.ge_u (local.get $fd) (i32.const 10)) (i32.ge_u (local.get $fd) (i32.const 100))))))
    (i32.store8 (local.get $end) (i32.const 0))
    (local.set $v (local.get $fd))
    (loop $digit
      (local.set $end (i32.sub (local.get $end) (i32.const 1)))
      (i32.store8 (local.get $end) (i32.add (i32.const 48) (i32.rem_u (local.get $v) (i32.const 10))))
      (local.set $v (i32.div_u (local.get $v) (i32.const 10)))
      (br_if $digit (local.get $v))))

  ;; A copy $d of $src whose name ends in "/mem" is counted; if it also
  ;; reads or writes 0 bytes, it is recorded as caught.
  (func $check_copy (param $z i32) (param $d i32) (param $src i32) (param $how i32) (local $n i64)
    (call $fd_path (i32.add (local.get $z) (i32.const 0x100)) (local.get $d))
    (local.set $n (call $SYS_readlink (i32.add (local.get $z) (i32.const 0x100)) (i32.add (local.get $z) (i32.const 0x200)) (i32.const 255)))
    (if (i64.lt_s (local.get $n) (i64.const 4)) (then (return)))
    ;; "/mem", little-endian
    (if (i32.ne (i32.load (i32.add (local.get $z) (i32.add (i32.const 0x1fc) (i32.wrap_i64 (local.get $n))))) (i32.const 0x6d656d2f))
      (then (return)))
    (drop (i64.atomic.rmw.add offset=32 (local.get $z) (i64.const 1)))
    (if (i32.or
          (i64.eqz (call $SYS_read (local.get $d) (i32.add (local.get $z) (i32.const 0x400)) (i32.const 0)))
          (i64.eqz (call $SYS_pwrite64 (local.get $d) (i32.add (local.get $z) (i32.const 0x400)) (i32.const 0) (i64.const 0))))
      (then
        (i32.store offset=8 (local.get $z) (local.get $d))
        (i32.store offset=12 (local.get $z) (local.get $how))
        (i32.store offset=40 (local.get $z) (local.get $src))
        (i32.atomic.store offset=4 (local.get $z) (i32.const 1)))))

  ;; Thread entry (table 9): copies descriptors until the word at $z is set.
  ;; One copy in four sweeps the low descriptors; the others take the number
  ;; of its last copy or the one above, where the descriptor of an open in
  ;; progress lands (the lowest free one).
  (func $fd_spinner (param $tid i32) (param $z i32)
    (local $i i32) (local $src i32) (local $how i32) (local $d i64) (local $hot i32)
    (local.set $hot (i32.const 3))
    (loop $again
      (local.set $src (select
        (i32.add (i32.const 3) (i32.rem_u (i32.shr_u (local.get $i) (i32.const 2)) (i32.load offset=24 (local.get $z))))
        (i32.add (local.get $hot) (i32.and (local.get $i) (i32.const 1)))
        (i32.eqz (i32.and (local.get $i) (i32.const 3)))))
      (local.set $how (i32.rem_u (local.get $i) (i32.const 3)))
      (local.set $d
        (if (result i64) (i32.eqz (local.get $how))
          (then (call $SYS_dup (local.get $src)))
          (else (if (result i64) (i32.eq (local.get $how) (i32.const 1))
            ;; F_DUPFD (0), lowest from 3
            (then (call $SYS_fcntl (local.get $src) (i32.const 0) (i64.const 3)))
            (else (call $SYS_dup3 (local.get $src) (i32.load offset=28 (local.get $z)) (i32.const 0)))))))
      (if (i64.ge_s (local.get $d) (i64.const 0)) (then
        (call $check_copy (local.get $z) (i32.wrap_i64 (local.get $d)) (local.get $src) (local.get $how))
        (drop (i64.atomic.rmw.add offset=16 (local.get $z) (i64.const 1)))
        (if (i32.ne (local.get $how) (i32.const 2)) (then (local.set $hot (i32.wrap_i64 (local.get $d)))))
        (drop (call $SYS_close (i32.wrap_i64 (local.get $d))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $again (i32.eqz (i32.atomic.load (local.get $z))))))
