# Top-level entry points. `make demo` builds everything and runs the bundled demo;
# `make test` runs the whole test suite. Cargo output goes to a cache outside the
# clone so CI and repeated builds reuse it.
CARGO_TARGET_DIR ?= $(HOME)/.cache/wali/target
export CARGO_TARGET_DIR
# Cargo builds for the host tuple explicitly (.cargo/config.toml).
WALI := $(shell CARGO_TARGET_DIR=$(CARGO_TARGET_DIR) scripts/cargo-bin wali)
export WALI

.PHONY: all deps engine sysroot demo test test-engine test-toolchain rust corpus wasi example-embed containerd stress apps apps-ci clippy fuzz fuzz-ci fuzz-build cross install uninstall test-install

all: engine sysroot

# Debian packages the toolchain needs (clang-22, lld-22...); no-op when present.
deps:
	scripts/install-deps

engine: deps
	cargo build --release -p wali-cli -p containerd-shim-wali

sysroot: deps
	$(MAKE) -C libc
	$(MAKE) -C cxx

demo: engine sysroot
	toolchain/wali-cc -O2 examples/demo.c -o build/demo.wasm
	$(WALI) run build/demo.wasm

test-engine:
	cargo test --release --workspace

clippy:
	cargo clippy --release --workspace --all-targets -- -D warnings

test-toolchain: engine sysroot
	toolchain/test-toolchain

# Rust's std on WALI: tests/rust natively, then built by wali-cargo and run
# under the engine (docs/toolchain.md, "Rust").
rust: engine sysroot deps
	tests/rust/run

corpus: engine sysroot
	tests/run-corpus

# WASI preview-1 programs (C with Debian's wasi-libc, Rust for wasm32-wasip1)
# on `wali run` and on Wasmtime's own WASI (bench/wasi-run), compared: stdout,
# exit status, the preopened tree; escape attempts must all fail
# (tests/wasi/run; installs wasi-libc with apt when missing).
wasi: engine
	tests/wasi/run

# WALI modules as containers on a private containerd with
# containerd-shim-wali-v1 (tests/containerd/run; needs root, skips otherwise;
# installs containerd and runc with apt when missing).
containerd: engine sysroot
	tests/containerd/run

# Signals, threads, forks and servers under load (tests/stress/run; about 30 s).
# STRESS_SCALE=10 make stress for a longer run.
stress: engine sysroot
	tests/stress/run

# The fuzzer (crates/wali-fuzz, docs/testing.md, "The fuzzer"): every import
# called with hostile arguments, mutated modules through the engine and the
# `wali` binary, descriptor races against the memory file's check, memory
# instructions on protected pages, forks racing memory instructions. CI runs
# it for a minute; `make fuzz` runs half an hour on two workers. FUZZ_SECONDS,
# FUZZ_JOBS and FUZZ_SEED change that (the seed is printed; failures print a
# --replay line). After `make corpus`, build/corpus/wasm adds seed modules.
FUZZ := $(shell CARGO_TARGET_DIR=$(CARGO_TARGET_DIR) scripts/cargo-bin wali-fuzz)
FUZZ_SECONDS ?= 1800
FUZZ_JOBS ?= 2

# `wali` too: the modules kind runs `wali inspect` and `wali run`.
fuzz-build:
	cargo build --release -p wali-fuzz -p wali-cli

fuzz-ci: fuzz-build
	$(FUZZ) --seconds 60 $(if $(FUZZ_SEED),--seed $(FUZZ_SEED))

fuzz: fuzz-build
	$(FUZZ) --seconds $(FUZZ_SECONDS) --jobs $(FUZZ_JOBS) --verbose $(if $(FUZZ_SEED),--seed $(FUZZ_SEED))

# The same .wasm files on the engine built for aarch64 and riscv64, under
# qemu-user: corpus, toolchain run checks, lua and sqlite (tests/cross/run,
# docs/testing.md "Other CPUs"). CROSS_ARCHES=aarch64 for one CPU.
cross: engine sysroot deps
	tests/cross/run $(CROSS_ARCHES)

# Installs the engine, the toolchain and the sysroot (docs/toolchain.md,
# "Installing"): PREFIX/bin, PREFIX/lib/wali/sysroot, PREFIX/share/wali
# (the CMake toolchain file, the interface tables), PREFIX/share/doc/wali.
# DESTDIR stages it (packaging); `make uninstall` with the same PREFIX removes it.
PREFIX ?= /usr/local
TOOLS := wali-cc wali-c++ wali-cargo wali-ar wali-nm wali-ranlib wali-strip wali-configure wali-check-imports wali-image
DEST = $(DESTDIR)$(PREFIX)

install: engine sysroot
	install -d $(DEST)/bin $(DEST)/lib/wali $(DEST)/share/wali/spec $(DEST)/share/doc/wali
	install -m 755 $(WALI) $(DEST)/bin/wali
	install -m 755 $(dir $(WALI))containerd-shim-wali-v1 $(DEST)/bin/
	install -m 755 $(addprefix toolchain/,$(TOOLS)) $(DEST)/bin/
	rm -rf $(DEST)/lib/wali/sysroot && cp -R build/sysroot $(DEST)/lib/wali/sysroot
	install -m 644 toolchain/wali.cmake toolchain/wali-project.cmake $(DEST)/share/wali/
	install -d $(DEST)/share/wali/rust && install -m 644 toolchain/rust/*.patch $(DEST)/share/wali/rust/
	install -m 644 libc/spec/syscalls.tsv libc/spec/aux.tsv crates/wali-abi/spec/derived.tsv $(DEST)/share/wali/spec/
	install -m 644 README.md docs/*.md $(DEST)/share/doc/wali/

uninstall:
	rm -f $(DEST)/bin/wali $(DEST)/bin/containerd-shim-wali-v1 $(addprefix $(DEST)/bin/,$(TOOLS))
	rm -rf $(DEST)/lib/wali $(DEST)/share/wali $(DEST)/share/doc/wali

# `make install` into a temporary prefix, then a program compiled and run
# with the installed commands alone (no checkout on PATH, none in the paths).
test-install: engine sysroot
	scripts/test-install

# Real programs from Debian sources (apps/README.md); CI runs the fast subset.
apps: engine sysroot
	$(MAKE) -C apps all

apps-ci: engine sysroot
	$(MAKE) -C apps ci

# The embedding example (crates/wali/examples/embed.rs): a host program with
# functions of its own runs examples/embed-guest.c and gets its status back.
example-embed: engine sysroot
	cargo build --release --workspace --examples
	toolchain/wali-cc -O2 examples/embed-guest.c -o build/embed-guest.wasm
	@out=$$($(shell CARGO_TARGET_DIR=$(CARGO_TARGET_DIR) scripts/cargo-bin examples/embed) build/embed-guest.wasm 20 22) || \
		{ echo "example-embed: the example failed"; exit 1; }; \
	echo "$$out"; \
	for line in 'guest: 20 + 22 = 42 (added by the host)' 'guest: GREETING=hello from the host' \
		'host: the guest says "a message through host.log"' 'host: the guest exited with status 7 after 1 log calls'; do \
		echo "$$out" | grep -qxF "$$line" || { echo "example-embed: missing: $$line"; exit 1; }; \
	done; echo "example-embed: ok"

test: engine sysroot clippy test-engine fuzz-ci test-toolchain rust test-install corpus wasi example-embed containerd stress apps-ci cross
