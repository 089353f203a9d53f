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

const EXIT_WITH_ARGC: &str = r#"(module
  (import "wali" "SYS_exit_group" (func $exit (param i32) (result i64)))
  (import "wali" "__cl_get_argc" (func $argc (result i32)))
  (memory 1)
  (func (export "_start") (drop (call $exit (i32.add (i32.const 40) (call $argc))))))"#;

#[test]
fn modules_run_on_the_embedders_engine_which_serves_its_own_modules_too() {
    use wali::wasmtime;
    // 512 KiB of Wasm frames: what a test's thread (2 MiB) holds.
    let engine = wali::WaliEngine::new(true, wali::Effort::Fast, Some(512 << 10), |c| {
        c.parallel_compilation(false);
    })
    .unwrap();
    let wasm = wat::parse_str(EXIT_WITH_ARGC).unwrap();
    for argc in [1, 2] {
        let mut ctx = wali::WaliCtx::builder();
        ctx.engine(engine.clone());
        for i in 0..argc {
            ctx.arg(format!("a{i}"));
        }
        match wali::run(wasm.clone(), ctx.build()).unwrap() {
            wali::Outcome::Exited(code) => assert_eq!(code, 40 + argc),
            other => panic!("{other:?}"),
        }
    }
    // The embedder's own module on the same engine.
    let own = wat::parse_str(r#"(module (func (export "f") (result i32) (i32.const 7)))"#).unwrap();
    let own = wasmtime::Module::new(engine.engine(), own).unwrap();
    let mut store = wasmtime::Store::new(engine.engine(), ());
    // An engine with async signals checks epochs: a store of the embedder's sets its own deadline.
    store.set_epoch_deadline(1 << 40);
    let f = wasmtime::Instance::new(&mut store, &own, &[]).unwrap().get_typed_func::<(), i32>(&mut store, "f").unwrap();
    assert_eq!(f.call(&mut store, ()).unwrap(), 7);
}

#[test]
fn an_engine_that_changes_compiled_code_is_refused() {
    let err = wali::WaliEngine::new(false, wali::Effort::Fast, None, |c| {
        c.memory_reservation(1 << 20);
    })
    .err()
    .expect("a 1 MiB reservation must be refused");
    assert!(err.to_string().contains("changes what WALI modules are compiled with"), "{err}");
    // Setting max_wasm_stack in `customize` does not raise the bound given.
    let engine = wali::WaliEngine::new(false, wali::Effort::Fast, Some(256 << 10), |c| {
        c.max_wasm_stack(1 << 30);
    });
    assert!(engine.is_ok());
}

#[test]
fn a_thread_too_small_for_the_engines_wasm_stack_is_refused() {
    let engine = wali::WaliEngine::new(false, wali::Effort::Fast, Some(64 << 20), |_| {}).unwrap();
    let wasm = wat::parse_str(EXIT_WITH_ARGC).unwrap();
    let err = std::thread::Builder::new()
        .stack_size(4 << 20)
        .spawn(move || {
            let mut ctx = wali::WaliCtx::builder();
            ctx.arg("m").engine(engine);
            wali::run(wasm, ctx.build()).map(|_| ()).unwrap_err().to_string()
        })
        .unwrap()
        .join()
        .unwrap();
    assert!(err.contains("less than the engine's max_wasm_stack"), "{err}");
}
