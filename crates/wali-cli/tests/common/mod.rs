//! Shared helpers for the engine's integration tests: hand-written WAT
//! modules, assembled with `wat`, run by the real `wali` binary in a fresh
//! temporary directory.
//!
//! A test writes only the body of `_start` (and optional extra module items);
//! [`Wat`] wraps it in a WALI module:
//! - `(memory (export "memory") 1 32768 shared)`, `__stack_pointer`, `_start`;
//! - an import for every `$SYS_*` / `$__*` name the source mentions, with the
//!   exact signature from the WALI spec (`wali_abi::lookup`);
//! - named NUL-terminated strings as data segments, each with a global
//!   holding its address (`(global.get $name)`) and one with its length
//!   without the NUL (`(global.get $name.len)`);
//! - helper functions (see `PRELUDE`): `$check`, `$ok`, `$print_i64`...
//!   A failing check prints `FAIL check N: ...` and exits with status N, so
//!   a failure says which check failed.
//!
//! Memory map of the single initial page (64 KiB):
//! - `0x0100..0x0400` prelude strings, `0x0400..0x0500` number formatting,
//!   `0x0700..0x0720` the deadline helpers' clock;
//!   `0x0000..0x0100` stays zero (a NULL pointer finds zeroes there);
//! - `0x0800..0x4000` the test's named strings;
//! - `0x4000..0x10000` free for the test (`END` = 0x10000 is the end of memory).

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The size of the default memory: one Wasm page.
pub const END: u32 = 0x10000;
/// The exit status of a program stopped by a trap.
pub const TRAP: i32 = 134;

const STRINGS_AT: u32 = 0x800;
const STRINGS_END: u32 = 0x4000;

/// Helper functions every module gets. They use memory below 0x800 only.
const PRELUDE: &str = r#"
  (data (i32.const 0x100) "\n\00")
  (data (i32.const 0x120) "FAIL check \00")
  (data (i32.const 0x140) ": got \00")
  (data (i32.const 0x160) ", want \00")
  (data (i32.const 0x180) " (expected >= 0)\00")
  (data (i32.const 0x1a0) ": condition is false\00")
  (data (i32.const 0x1c0) ": memory differs\00")
  (data (i32.const 0x1e0) "done\n\00")
  (data (i32.const 0x200) "=\00")
  (global $__stack_pointer (export "__stack_pointer") (mut i32) (i32.const 0x10000))

  ;; write(1, p, n), retried until everything is written
  (func $write_out (param $p i32) (param $n i32) (local $r i64)
    (block $out (loop $again
      (br_if $out (i32.le_s (local.get $n) (i32.const 0)))
      (local.set $r (call $SYS_write (i32.const 1) (local.get $p) (local.get $n)))
      (br_if $out (i64.le_s (local.get $r) (i64.const 0)))
      (local.set $p (i32.add (local.get $p) (i32.wrap_i64 (local.get $r))))
      (local.set $n (i32.sub (local.get $n) (i32.wrap_i64 (local.get $r))))
      (br $again))))

  (func $strlen (param $s i32) (result i32) (local $n i32)
    (block $out (loop $next
      (br_if $out (i32.eqz (i32.load8_u (i32.add (local.get $s) (local.get $n)))))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $next)))
    (local.get $n))

  ;; prints a NUL-terminated string
  (func $print (param $s i32)
    (call $write_out (local.get $s) (call $strlen (local.get $s))))

  (func $newline (call $write_out (i32.const 0x100) (i32.const 1)))

  ;; prints a string followed by a newline
  (func $puts (param $s i32) (call $print (local.get $s)) (call $newline))

  ;; prints a signed decimal number (no newline)
  (func $print_i64 (param $v i64) (local $p i32) (local $u i64)
    (local.set $p (i32.const 0x500))
    (local.set $u (select (i64.sub (i64.const 0) (local.get $v)) (local.get $v)
                          (i64.lt_s (local.get $v) (i64.const 0))))
    (loop $digit
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p)
        (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $u) (i64.const 10)))))
      (local.set $u (i64.div_u (local.get $u) (i64.const 10)))
      (br_if $digit (i64.ne (local.get $u) (i64.const 0))))
    (if (i64.lt_s (local.get $v) (i64.const 0))
      (then (local.set $p (i32.sub (local.get $p) (i32.const 1)))
            (i32.store8 (local.get $p) (i32.const 45))))
    (call $write_out (local.get $p) (i32.sub (i32.const 0x500) (local.get $p))))

  ;; prints "label=value\n"
  (func $show (param $label i32) (param $v i64)
    (call $print (local.get $label))
    (call $print (i32.const 0x200))
    (call $print_i64 (local.get $v))
    (call $newline))

  ;; prints the first n bytes at p and a newline
  (func $print_n (param $p i32) (param $n i32)
    (call $write_out (local.get $p) (local.get $n)) (call $newline))

  (func $fail_head (param $id i32)
    (call $print (i32.const 0x120)) (call $print_i64 (i64.extend_i32_u (local.get $id))))

  (func $fail_exit (param $id i32)
    (call $newline)
    (drop (call $SYS_exit_group
      (select (local.get $id) (i32.const 255) (i32.and (local.get $id) (i32.const 255))))))

  ;; exits with status `id` unless got == want
  (func $check (param $id i32) (param $got i64) (param $want i64)
    (if (i64.ne (local.get $got) (local.get $want)) (then
      (call $fail_head (local.get $id))
      (call $print (i32.const 0x140)) (call $print_i64 (local.get $got))
      (call $print (i32.const 0x160)) (call $print_i64 (local.get $want))
      (call $fail_exit (local.get $id)))))

  ;; exits with status `id` unless got is want1 or want2
  (func $check2 (param $id i32) (param $got i64) (param $want1 i64) (param $want2 i64)
    (if (i32.and (i64.ne (local.get $got) (local.get $want1)) (i64.ne (local.get $got) (local.get $want2))) (then
      (call $fail_head (local.get $id))
      (call $print (i32.const 0x140)) (call $print_i64 (local.get $got))
      (call $print (i32.const 0x160)) (call $print_i64 (local.get $want1))
      (call $print (i32.const 0x160)) (call $print_i64 (local.get $want2))
      (call $fail_exit (local.get $id)))))

  ;; exits with status `id` when v < 0 (an errno); returns v
  (func $ok (param $id i32) (param $v i64) (result i64)
    (if (i64.lt_s (local.get $v) (i64.const 0)) (then
      (call $fail_head (local.get $id))
      (call $print (i32.const 0x140)) (call $print_i64 (local.get $v))
      (call $print (i32.const 0x180))
      (call $fail_exit (local.get $id))))
    (local.get $v))

  ;; as $ok, returning the value as i32 (descriptors, addresses)
  (func $ok32 (param $id i32) (param $v i64) (result i32)
    (i32.wrap_i64 (call $ok (local.get $id) (local.get $v))))

  ;; exits with status `id` unless cond is non-zero
  (func $check_true (param $id i32) (param $cond i32)
    (if (i32.eqz (local.get $cond)) (then
      (call $fail_head (local.get $id))
      (call $print (i32.const 0x1a0))
      (call $fail_exit (local.get $id)))))

  (func $memeq (param $a i32) (param $b i32) (param $n i32) (result i32) (local $i i32)
    (block $out (loop $next
      (br_if $out (i32.ge_u (local.get $i) (local.get $n)))
      (if (i32.ne (i32.load8_u (i32.add (local.get $a) (local.get $i)))
                  (i32.load8_u (i32.add (local.get $b) (local.get $i))))
        (then (return (i32.const 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (i32.const 1))

  ;; exits with status `id` unless the n bytes at a and b are equal
  (func $check_mem (param $id i32) (param $a i32) (param $b i32) (param $n i32)
    (if (i32.eqz (call $memeq (local.get $a) (local.get $b) (local.get $n))) (then
      (call $fail_head (local.get $id))
      (call $print (i32.const 0x1c0)) (call $newline)
      (call $print (local.get $a)) (call $newline)
      (call $print (local.get $b))
      (call $fail_exit (local.get $id)))))

  ;; whether the n bytes at p are all zero
  (func $all_zero (param $p i32) (param $n i32) (result i32) (local $i i32)
    (block $out (loop $next
      (br_if $out (i32.ge_u (local.get $i) (local.get $n)))
      (if (i32.load8_u (i32.add (local.get $p) (local.get $i))) (then (return (i32.const 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (i32.const 1))

  ;; stores a wasm32 `struct iovec` {base, len} at `at`
  (func $iovec (param $at i32) (param $base i32) (param $len i32)
    (i32.store (local.get $at) (local.get $base))
    (i32.store offset=4 (local.get $at) (local.get $len)))

  ;; the file type bits (S_IFMT) of the x86_64 `struct stat` at p
  (func $stat_type (param $p i32) (result i64)
    (i64.extend_i32_u (i32.and (i32.load offset=24 (local.get $p)) (i32.const 0xf000))))

  ;; st_size of the x86_64 `struct stat` at p
  (func $stat_size (param $p i32) (result i64) (i64.load offset=48 (local.get $p)))

  ;; sets a deadline `secs` seconds from now (bounds the race tests)
  (func $deadline_in (param $secs i64)
    (drop (call $SYS_clock_gettime (i32.const 1) (i32.const 0x700)))
    (i64.store (i32.const 0x710) (i64.add (i64.load (i32.const 0x700)) (local.get $secs))))

  ;; whether that deadline has passed
  (func $past_deadline (result i32)
    (drop (call $SYS_clock_gettime (i32.const 1) (i32.const 0x700)))
    (i64.ge_s (i64.load (i32.const 0x700)) (i64.load (i32.const 0x710))))

  ;; prints "done" and exits with status 0
  (func $done
    (call $print (i32.const 0x1e0))
    (drop (call $SYS_exit_group (i32.const 0))))
"#;

/// A WALI test module under construction.
#[derive(Clone, Default)]
pub struct Wat {
    body: String,
    items: String,
    imports: String,
    strings: Vec<(String, Vec<u8>)>,
    memory: Option<String>,
}

impl Wat {
    /// A module whose `_start` runs `body` (locals first, as in any WAT
    /// function), then prints `done` and exits with status 0.
    pub fn new(body: &str) -> Wat {
        Wat { body: body.to_string(), ..Wat::default() }
    }

    /// Extra module fields: functions, tables, element segments...
    pub fn items(mut self, items: &str) -> Wat {
        self.items.push_str(items);
        self.items.push('\n');
        self
    }

    /// An import written by hand (for names or signatures not in the spec).
    pub fn import(mut self, import: &str) -> Wat {
        self.imports.push_str(import);
        self.imports.push('\n');
        self
    }

    /// A NUL-terminated string: `(global.get $name)` is its address and
    /// `(global.get $name.len)` its length without the NUL.
    pub fn string(mut self, name: &str, s: &str) -> Wat {
        let mut bytes = s.as_bytes().to_vec();
        bytes.push(0);
        self.strings.push((name.to_string(), bytes));
        self
    }

    /// Replaces the memory declaration (default: one page, 32768 maximum, shared).
    pub fn memory(mut self, decl: &str) -> Wat {
        self.memory = Some(decl.to_string());
        self
    }

    /// The complete WAT text.
    pub fn source(&self) -> String {
        let mut data = String::new();
        let mut at = STRINGS_AT;
        for (name, bytes) in &self.strings {
            let len = bytes.len() as u32;
            assert!(at + len <= STRINGS_END, "too many strings for the string area");
            let _ = writeln!(data, "  (global ${name} i32 (i32.const {at}))");
            let _ = writeln!(data, "  (global ${name}.len i32 (i32.const {}))", len - 1);
            let _ = writeln!(data, "  (data (i32.const {at}) \"{}\")", escape(bytes));
            at = (at + len + 7) & !7;
        }
        let memory = self.memory.clone().unwrap_or_else(|| "(memory (export \"memory\") 1 32768 shared)".into());
        let rest = format!(
            "  {memory}\n{PRELUDE}\n{data}\n{items}\n  (func $_start (export \"_start\")\n{body}\n    (call $done))\n",
            items = self.items,
            body = self.body,
        );
        let mut imports = spec_imports(&rest);
        imports.push_str(&self.imports);
        format!("(module\n{imports}{rest})\n")
    }

    /// The assembled module; panics with the numbered source on a syntax error.
    pub fn wasm(&self) -> Vec<u8> {
        let src = self.source();
        match wat::parse_str(&src) {
            Ok(w) => w,
            Err(e) => {
                let listing: String = src.lines().enumerate().map(|(i, l)| format!("{:4} {l}\n", i + 1)).collect();
                panic!("the test module does not assemble: {e}\n{listing}");
            }
        }
    }
}

/// Escapes bytes for a WAT string literal.
pub fn escape(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("\\{b:02x}")).collect()
}

/// Import declarations, with the spec's signatures, for every `$name` in
/// `src` that is a WALI import (`$SYS_read`, `$__proc_exit`...).
pub fn spec_imports(src: &str) -> String {
    let idchar = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-./:<=>?@\\^_`|~".contains(c);
    let mut names = BTreeSet::new();
    let mut rest = src;
    while let Some(i) = rest.find('$') {
        let tail = &rest[i + 1..];
        let end = tail.find(|c: char| !idchar(c)).unwrap_or(tail.len());
        names.insert(&tail[..end]);
        rest = &tail[end..];
    }
    let mut out = String::new();
    for name in names {
        let Some(sig) = wali_abi::lookup(name).and_then(|s| s.sig()) else { continue };
        let params: Vec<&str> = sig.params.iter().map(|p| p.name()).collect();
        let params = if params.is_empty() { String::new() } else { format!(" (param {})", params.join(" ")) };
        let result = sig.result.map_or(String::new(), |r| format!(" (result {})", r.name()));
        let _ = writeln!(out, "  (import \"wali\" \"{name}\" (func ${name}{params}{result}))");
    }
    out
}

/// The `wali` binary under test.
pub fn wali() -> &'static str {
    env!("CARGO_BIN_EXE_wali")
}

/// A fresh temporary directory, removed when dropped.
pub struct Sandbox {
    dir: PathBuf,
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// How long one `wali` run may take before the test fails.
const RUN_LIMIT: Duration = Duration::from_secs(30);

impl Sandbox {
    pub fn new() -> Sandbox {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
        let dir = std::env::temp_dir().join(format!("wali-test-{}-{n}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create the test directory");
        Sandbox { dir }
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Writes a file into the directory; returns its path.
    pub fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.dir.join(name);
        std::fs::write(&p, bytes).expect("write a test file");
        p
    }

    /// Reads a file of the directory.
    pub fn read(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.dir.join(name)).unwrap_or_else(|e| panic!("read {name}: {e}"))
    }

    /// Runs `wali ARGS...` with the directory as working directory.
    pub fn wali(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new(wali());
        cmd.args(args).current_dir(&self.dir);
        run(cmd)
    }

    /// Runs `wali ARGS...` as `wali` does, with its compile cache in the
    /// directory's `cache/` (`XDG_CACHE_HOME`).
    pub fn wali_cached(&self, args: &[&str]) -> Output {
        run(self.cached_command(args))
    }

    /// The command `wali_cached` runs, for a test to add to.
    pub fn cached_command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(wali());
        cmd.args(args).current_dir(&self.dir).env("XDG_CACHE_HOME", self.dir.join("cache"));
        cmd
    }

    /// Runs `wali ARGS...` under a resource limit (`soft`, `hard`).
    pub fn wali_with_rlimit(&self, resource: libc::__rlimit_resource_t, soft: u64, hard: u64, args: &[&str]) -> Output {
        use std::os::unix::process::CommandExt;
        let mut cmd = Command::new(wali());
        cmd.args(args).current_dir(&self.dir);
        let limit = libc::rlimit { rlim_cur: soft, rlim_max: hard };
        // SAFETY: setrlimit is async-signal-safe.
        unsafe { cmd.pre_exec(move || if libc::setrlimit(resource, &limit) == 0 { Ok(()) } else { Err(std::io::Error::last_os_error()) }) };
        run(cmd)
    }

    /// Writes the module as `prog.wasm` and runs `wali run OPTIONS... prog.wasm ARGS...`.
    pub fn run_with(&self, wat: &Wat, options: &[&str], args: &[&str]) -> Output {
        std::fs::write(self.dir.join("prog.wasm"), wat.wasm()).expect("write the module");
        let mut all = vec!["run"];
        all.extend_from_slice(options);
        all.push("prog.wasm");
        all.extend_from_slice(args);
        self.wali(&all)
    }

    /// Runs the module with no options and no arguments.
    pub fn run(&self, wat: &Wat) -> Output {
        self.run_with(wat, &[], &[])
    }
}

impl Default for Sandbox {
    fn default() -> Self {
        Sandbox::new()
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Assembles `wat` and runs it in a fresh directory.
pub fn run_wat(wat: &Wat) -> Output {
    Sandbox::new().run(wat)
}

/// What one run of `wali` did.
#[derive(Debug)]
pub struct Output {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
    /// The child's process id.
    pub pid: u32,
}

/// Runs a prepared `wali` command (standard input empty), within `RUN_LIMIT`.
pub fn run(mut cmd: Command) -> Output {
    use std::os::unix::process::ExitStatusExt;
    cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("start wali");
    let pid = child.id();
    let reader = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut v = Vec::new();
            let _ = r.read_to_end(&mut v);
            String::from_utf8_lossy(&v).into_owned()
        })
    };
    let out = reader(Box::new(child.stdout.take().expect("stdout")));
    let err = reader(Box::new(child.stderr.take().expect("stderr")));
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait for wali") {
            break s;
        }
        if start.elapsed() > RUN_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("wali ran for more than {RUN_LIMIT:?}; killed");
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let stdout = out.join().expect("stdout reader");
    let stderr = err.join().expect("stderr reader");
    assert!(status.code().is_some() || status.signal().is_some());
    Output { status, stdout, stderr, pid }
}

impl Output {
    /// The exit status; panics if the engine was killed by a signal.
    pub fn code(&self) -> i32 {
        match self.status.code() {
            Some(c) => c,
            None => panic!("wali was killed by a signal ({:?})\n{}", self.status, self.describe()),
        }
    }

    pub fn describe(&self) -> String {
        format!("--- status: {:?}\n--- stdout:\n{}--- stderr:\n{}", self.status, self.stdout, self.stderr)
    }

    /// Asserts the exit status.
    pub fn assert_code(&self, code: i32) -> &Output {
        assert_eq!(self.code(), code, "unexpected exit status\n{}", self.describe());
        self
    }

    /// Asserts that `_start` ran to its end: status 0 and `done` printed last.
    pub fn assert_done(&self) -> &Output {
        self.assert_code(0);
        assert!(self.stdout.ends_with("done\n"), "the module did not reach its end\n{}", self.describe());
        self
    }

    /// The stdout lines before the final `done`.
    pub fn lines(&self) -> Vec<&str> {
        let mut l: Vec<&str> = self.stdout.lines().collect();
        if l.last() == Some(&"done") {
            l.pop();
        }
        l
    }

    /// The value printed by `$show` for `label`.
    pub fn value(&self, label: &str) -> i64 {
        let prefix = format!("{label}=");
        self.stdout
            .lines()
            .find_map(|l| l.strip_prefix(&prefix))
            .unwrap_or_else(|| panic!("no `{label}=` line\n{}", self.describe()))
            .parse()
            .unwrap_or_else(|e| panic!("`{label}=` is not a number: {e}\n{}", self.describe()))
    }
}
