# Top-level entry points. `make demo` builds everything and runs the bundled demo;
# `make test` runs the whole test suite. Cargo output goes to a cache outside the
# clone so CI and repeated builds reuse it.
CARGO_TARGET_DIR ?= $(HOME)/.cache/wali/target
export CARGO_TARGET_DIR
WALI := $(CARGO_TARGET_DIR)/release/wali
export WALI

.PHONY: all engine sysroot demo test test-engine corpus clippy

all: engine sysroot

engine:
	cargo build --release -p wali-cli

sysroot:
	$(MAKE) -C libc

demo: engine sysroot
	toolchain/wali-cc -O2 examples/demo.c -o build/demo.wasm
	$(WALI) run build/demo.wasm

test-engine:
	cargo test --release --workspace

clippy:
	cargo clippy --release --workspace --all-targets -- -D warnings

corpus: engine sysroot
	tests/run-corpus

test: engine sysroot clippy test-engine corpus
