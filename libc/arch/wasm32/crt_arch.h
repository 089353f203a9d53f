/* wasm32 has no assembly entry point: crt/wasm32/crt1.c defines _start. */
