//! The embedding API: a host program's own functions next to the WALI
//! imports, and the exit status returned rather than the process ended
//! (crates/wali/examples/embed.rs shows it with a C guest).

const MODULE: &str = r#"(module
  (import "host" "add" (func $add (param i32 i32) (result i32)))
  (import "host" "log" (func $log (param i32 i32) (result i32)))
  (import "wali" "SYS_exit_group" (func $exit (param i32) (result i64)))
  (memory (export "memory") 1)
  (data (i32.const 16) "hello host")
  (func (export "_start")
    ;; log a string, then an out-of-bounds one, and exit with add + both results
    (drop (call $exit (i32.add (call $add (i32.const 40) (i32.const 2))
      (i32.add (call $log (i32.const 16) (i32.const 10))
               (call $log (i32.const 0xfffffff0) (i32.const 64))))))))"#;

#[test]
fn host_functions_run_beside_wali_imports_and_the_status_comes_back() {
    use std::sync::{Arc, Mutex};
    let wasm = wat::parse_str(MODULE).unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let mut ctx = wali::WaliCtx::builder();
    ctx.arg("m.wasm").host_module("host", move |linker| {
        linker.func_wrap("host", "add", |a: i32, b: i32| a + b)?;
        let log = log.clone();
        linker.func_wrap("host", "log", move |caller: wali::wasmtime::Caller<'_, wali::Ctx>, ptr: i32, len: i32| {
            match caller.data().read_guest(ptr as u32, len as u32) {
                Some(bytes) => {
                    log.lock().unwrap().push(bytes);
                    100
                }
                None => -1,
            }
        })?;
        Ok(())
    });
    match wali::run(wasm, ctx.build()).unwrap() {
        // 42 + 100 (read) - 1 (refused: out of bounds)
        wali::Outcome::Exited(code) => assert_eq!(code, 141),
        other => panic!("{other:?}"),
    }
    assert_eq!(*seen.lock().unwrap(), [b"hello host".to_vec()]);
}

#[test]
fn imports_no_one_defines_are_named() {
    let wasm = wat::parse_str(MODULE).unwrap();
    let mut ctx = wali::WaliCtx::builder();
    ctx.arg("m.wasm");
    let err = wali::run(wasm, ctx.build()).unwrap_err();
    assert!(format!("{err:#}").contains("`host.add`, which is not a WALI import"), "{err:#}");
}
