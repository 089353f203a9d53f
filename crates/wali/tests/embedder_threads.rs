//! A thread the embedder starts after instantiating must not give the host C
//! library its own handlers for the guest's signals 32 and 33 (glibc installs
//! them at a process's first thread). The fuzzer's worker did start one, and
//! a guest's `tkill(gettid(), 33)` then ran glibc's handler and crashed the
//! worker. The test runs itself as a child process, which the signal's
//! default action must end; it has its own `main` (no test harness), and
//! the module comes from the compile cache (filled by a first child), so
//! that child starts no thread before the engine does.

use std::os::unix::process::ExitStatusExt;
use std::process::Command;

const CHILD: &str = "WALI_TEST_EMBEDDER_THREADS_CHILD";

const GUEST: &str = r#"(module
  (import "wali" "SYS_gettid" (func $gettid (result i64)))
  (import "wali" "SYS_tkill" (func $tkill (param i32 i32) (result i64)))
  (memory (export "memory") 1 1 shared)
  (func (export "_start")
    (drop (call $tkill (i32.wrap_i64 (call $gettid)) (i32.const 33)))))"#;

fn main() {
    if std::env::var_os(CHILD).is_some() {
        let wasm = wat::parse_str(GUEST).unwrap();
        let cache = std::path::PathBuf::from(std::env::var_os(CHILD).unwrap());
        let ctx = wali::WaliCtx::builder().cache_dir(cache).build();
        let wali::Instantiated { mut store, instance, .. } = wali::instantiate(&wasm, ctx).unwrap();
        std::thread::spawn(|| ()).join().unwrap();
        let start = instance.get_typed_func::<(), ()>(&mut store, "_start").unwrap();
        let _ = start.call(&mut store, ());
        // Still here: the signal was not acted on as the guest asked.
        std::process::exit(3);
    }
    let exe = std::env::current_exe().unwrap();
    let cache = std::env::temp_dir().join(format!("wali-embedder-threads-{}", std::process::id()));
    for run in ["compiles", "loads from the cache"] {
        let status = Command::new(&exe).env(CHILD, &cache).status().unwrap();
        assert_eq!(status.signal(), Some(33), "child that {run}: {status:?}");
    }
    let _ = std::fs::remove_dir_all(&cache);
    println!("embedder_threads: signal 33 kept its default action after an embedder thread");
}
