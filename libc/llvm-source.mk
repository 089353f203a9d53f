# LLVM's sources, for the runtimes built from them (libc/Makefile: the
# profile runtime; cxx/Makefile: libc++, libc++abi, libunwind): the upstream
# tarball of Debian's llvm-toolchain-22 source package, the release of the
# clang that builds everything here. Debian publishes that package only in
# bookworm-security, whose pool on the mirror lacks the tarball; the main
# pool has it, so it is fetched from there with apt's downloader and checked
# against the SHA-256 of the signed Sources index. It is large (190 MB) and
# kept outside the clone, in ~/.cache/wali/downloads/.
LLVM_SRC     := 22.1.8
LLVM_TARBALL := $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/wali/downloads/llvm-toolchain-22_$(LLVM_SRC).orig.tar.xz
LLVM_SHA256  := b49b9277aef97616320b2da259e1f8174c65b0ce2fbe2e8629644a97693402fe
LLVM_URL     := http://deb.debian.org/debian/pool/main/l/llvm-toolchain-22/$(notdir $(LLVM_TARBALL))

$(LLVM_TARBALL):
	@mkdir -p $(dir $@)
	@echo "  FETCH   llvm-toolchain-22 $(LLVM_SRC) (Debian source package's upstream tarball, 190 MB)"
	@/usr/lib/apt/apt-helper download-file $(LLVM_URL) $@.part SHA256:$(LLVM_SHA256) >$@.log 2>&1 || \
	  { cat $@.log; rm -f $@.part; exit 1; }
	@mv $@.part $@ && rm -f $@.log
