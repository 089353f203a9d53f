# Top-level entry points. `make demo` builds everything and runs the bundled demo;
# `make test` runs the whole test suite. Cargo output goes to a cache outside the
# clone so CI and repeated builds reuse it.
CARGO_TARGET_DIR ?= $(HOME)/.cache/wali/target
export CARGO_TARGET_DIR
WALI := $(CARGO_TARGET_DIR)/release/wali
export WALI

.PHONY: all deps engine sysroot demo test test-engine test-toolchain corpus apps apps-ci clippy

all: engine sysroot

# Debian packages the toolchain needs (clang-22, lld-22...); no-op when present.
deps:
	scripts/install-deps

engine:
	cargo build --release -p wali-cli

sysroot: deps
	$(MAKE) -C libc

demo: engine sysroot
	toolchain/wali-cc -O2 examples/demo.c -o build/demo.wasm
	$(WALI) run build/demo.wasm

test-engine:
	cargo test --release --workspace

clippy:
	cargo clippy --release --workspace --all-targets -- -D warnings

test-toolchain: engine sysroot
	toolchain/test-toolchain

corpus: engine sysroot
	tests/run-corpus

# Real programs from Debian sources (apps/README.md); CI runs the fast subset.
apps: engine sysroot
	$(MAKE) -C apps all

apps-ci: engine sysroot
	$(MAKE) -C apps ci

test: engine sysroot clippy test-engine test-toolchain corpus apps-ci
