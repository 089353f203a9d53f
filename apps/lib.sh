# Shared helpers for the app recipes (sourced by apps/<name>/build and check).
#
# Sources come from Debian bookworm's *source* packages, fetched with
# `apt-get source --download-only` under the same private apt configuration
# the C library build uses (build/apt/apt.conf, created by libc/Makefile's own
# rule, so there is one configuration, not two). Downloads go to
# build/downloads/ (shared with the musl download), unpacked trees to
# build/apps/<name>/. Nothing fetched is ever committed.

set -euo pipefail

APPS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOP=$(dirname "$APPS")
BUILD=$TOP/build
DL=$BUILD/downloads
APPBUILD=$BUILD/apps
OUT=$APPS/out
TOOLCHAIN=$TOP/toolchain
WALI_CC=$TOOLCHAIN/wali-cc
WALI=${WALI:-$("$TOP/scripts/cargo-bin")}
APT_DIR=$BUILD/apt
APT_CONF=$APT_DIR/apt.conf
JOBS=${JOBS:-2}
export PATH="$TOOLCHAIN:$PATH"

log() { printf '  %-7s %s\n' "$1" "$2" >&2; }
die() { echo "$APP: $*" >&2; exit 1; }

# apt_install PKG...: install build-machine packages (as root), refreshing
# the system's package lists once if the first attempt fails.
apt_install() {
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || return 1
  apt-get install -y -q "$@" >/dev/null 2>&1 ||
    { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q "$@" >/dev/null 2>&1; }
}

# need CMD PKG: make sure the build machine has CMD (from Debian package PKG)
need() {
  command -v "$1" >/dev/null && return 0
  log APT "$2 (for $1)"
  apt_install "$2" || die "$1 is missing and $2 could not be installed"
}

# The private apt configuration: libc/Makefile owns the rule that writes it.
apt_conf() {
  [ -f "$APT_CONF" ] || make --no-print-directory -s -C "$TOP/libc" "$APT_CONF"
  [ -f "$APT_CONF" ] || die "no $APT_CONF"
  if ! ls "$APT_DIR"/lists/*Sources* >/dev/null 2>&1; then
    APT_CONFIG=$APT_CONF apt-get -q -o Debug::NoLocking=1 update >"$APT_DIR/update.log" 2>&1 ||
      { cat "$APT_DIR/update.log" >&2; die "apt-get update failed"; }
  fi
}

# fetch SRCPKG VERSION FILE SHA256: download the Debian source package (once)
# and check the upstream tarball FILE (in build/downloads) against SHA256.
# If that revision has left the archive (a later point release replaced
# it), the lists are refreshed and the current revision of the package is
# fetched instead: its upstream tarball must still match SHA256.
fetch() {
  local pkg=$1 ver=$2 file=$3 sum=$4 log
  mkdir -p "$DL"
  if [ ! -f "$DL/$file" ]; then
    apt_conf
    log=$APT_DIR/source-$pkg.log
    log FETCH "$pkg $ver (Debian source package)"
    src() { (cd "$DL" && APT_CONFIG=$APT_CONF apt-get -q -o Debug::NoLocking=1 source --download-only "$1") >"$log" 2>&1; }
    if ! src "$pkg=$ver"; then
      APT_CONFIG=$APT_CONF apt-get -q -o Debug::NoLocking=1 update >"$APT_DIR/update.log" 2>&1 || true
      src "$pkg=$ver" || { log FETCH "$pkg $ver is gone: the current revision"; src "$pkg"; } ||
        { cat "$log" >&2; die "apt-get source $pkg failed"; }
    fi
  fi
  echo "$sum  $DL/$file" | sha256sum -c --quiet - || { rm -f "$DL/$file"; die "checksum mismatch: $file"; }
}

# fetch_crate NAME VERSION SHA256: a crate from crates.io, fetched with cargo
# itself (a throw-away manifest depending on it: `cargo fetch` leaves the
# .crate in cargo's registry cache) and checked against the registry's
# checksum; prints the .crate's path (a gzipped tarball, for unpack).
fetch_crate() {
  local name=$1 ver=$2 sum=$3 crate manifest
  local cache=${CARGO_HOME:-$HOME/.cargo}/registry/cache
  crate=$(ls "$cache"/*/"$name-$ver.crate" 2>/dev/null | head -1 || true)
  if [ -z "$crate" ]; then
    log FETCH "$name $ver (crates.io, with cargo fetch)"
    manifest=$APPBUILD/$name-fetch
    mkdir -p "$manifest/src" && : >"$manifest/src/lib.rs"
    printf '[package]\nname = "fetch-%s"\nversion = "0.0.0"\nedition = "2021"\n[dependencies]\n%s = "=%s"\n' \
      "$name" "$name" "$ver" >"$manifest/Cargo.toml"
    (cd "$manifest" && cargo fetch --quiet) >&2 || die "cargo fetch of $name $ver failed"
    crate=$(ls "$cache"/*/"$name-$ver.crate" | head -1)
  fi
  echo "$sum  $crate" | sha256sum -c --quiet - || die "checksum mismatch: $crate"
  echo "$crate"
}

# cargo_counts LOG: "PASSED FAILED", summed over the `test result:` lines of
# a cargo test log.
cargo_counts() {
  awk '/^test result:/ {p += $4; f += $6} END {print p + 0, f + 0}' "$1"
}

# debian_tarball SRCPKG VERSION: the packaging tarball of that revision, or
# of the newest one downloaded (see fetch)
debian_tarball() {
  local f=$DL/${1}_${2#*:}.debian.tar.xz
  [ -f "$f" ] || f=$(ls -t "$DL/${1}_"*.debian.tar.xz 2>/dev/null | head -1)
  [ -f "$f" ] || die "no Debian packaging tarball for $1"
  echo "$f"
}

# unpack TARBALL DIR [PATCH...]: pristine upstream tree + our patches, in
# DIR (redone when the tarball or a patch is newer than the stamp).
unpack() {
  local tarball=$1 dir=$2; shift 2
  local stamp=$dir/.unpacked p newer=
  if [ -f "$stamp" ]; then
    for p in "$tarball" "$@"; do [ "$p" -nt "$stamp" ] && newer=1; done
    [ -z "$newer" ] && return 0
  fi
  log UNPACK "$(basename "$tarball") + $# patches"
  rm -rf "$dir" "$dir.tmp" && mkdir -p "$dir.tmp"
  tar -xf "$tarball" -C "$dir.tmp" --strip-components=1
  for p in "$@"; do
    patch -s -p1 -d "$dir.tmp" <"$p" || die "patch $p failed"
  done
  mv "$dir.tmp" "$dir"
  touch "$stamp"
}

# Our patches for an app: apps/<name>/patches/*.patch, in order.
app_patches() { ls "$APPS/$APP"/patches/*.patch 2>/dev/null | LC_ALL=C sort || true; }

install_wasm() {
  mkdir -p "$OUT"
  cp "$1" "$OUT/$2.wasm"
  log INSTALL "apps/out/$2.wasm ($(stat -c %s "$OUT/$2.wasm") bytes)"
}

# debian_dir DEBIAN_TARBALL: unpack the packaging (debian/) next to the tree,
# once, and print its path; Debian's own patches are picked from there.
debian_dir() {
  local d=$APPBUILD/$APP-debian
  if [ ! -d "$d/debian" ] || [ "$1" -nt "$d/debian" ]; then
    rm -rf "$d" && mkdir -p "$d" && tar -xf "$1" -C "$d" && touch "$d/debian"
  fi
  echo "$d/debian"
}

# ---------------------------------------------------------------- checks
# Differential checks: the same case runs with the Wasm build under `wali
# run` and with Debian's native binary, and stdout, stderr and exit status
# must be equal. Without the native binary, the results recorded in
# apps/<name>/tests/expected/ are the reference (`check --record` rewrites
# them from the native binary).
#
# An app's check sets CASEDIR (the cases' working directory) and defines
# use_wasm and use_native, which define the functions its snippets call
# (e.g. `L` for lua) for that side; HAVE_NATIVE=1 when the native side exists.
check_init() {
  WORK=$(mktemp -d "/tmp/wali-$APP-check.XXXXXX")
  BINFMT_RESTORE=
  trap 'eval "$BINFMT_RESTORE"; rm -rf "$WORK"' EXIT
  trap 'exit 130' INT TERM HUP
  EXP=$APPS/$APP/tests/expected
  RECORD=
  [ "${1-}" = --record ] && RECORD=1
  pass=0 total=0 failed=()
}

# run SIDE NAME STDIN SNIPPET: run shell code SNIPPET in CASEDIR with $T a
# fresh temporary directory; save stdout, stderr (with $T replaced by TMP)
# and the exit status.
check_run() {
  local side=$1 name=$2 in=$3 snippet=$4
  local T=$WORK/$side-$name.tmp s
  mkdir -p "$T"
  (cd "$CASEDIR" && eval "$snippet") <"$in" >"$WORK/$side-$name.out.raw" 2>"$WORK/$side-$name.err.raw"
  echo $? >"$WORK/$side-$name.status"
  for s in out err; do sed "s|$T|TMP|g" "$WORK/$side-$name.$s.raw" >"$WORK/$side-$name.$s"; done
}

check_compare() {
  local name=$1 ref s ok=1
  total=$((total + 1))
  for s in out err status; do
    if [ -n "$HAVE_NATIVE" ]; then ref=$WORK/native-$name.$s; else ref=$EXP/$name.$s; fi
    if [ -n "$RECORD" ]; then mkdir -p "$EXP"; cp "$WORK/native-$name.$s" "$EXP/$name.$s"; fi
    if [ ! -f "$ref" ]; then ok=; echo "--- $name: no reference $ref" >&2
    elif ! cmp -s "$ref" "$WORK/wasm-$name.$s"; then
      ok=
      echo "--- $name: $s differs (reference < > wali)" >&2
      diff "$ref" "$WORK/wasm-$name.$s" | head -20 >&2
    fi
  done
  if [ -n "$ok" ]; then pass=$((pass + 1)); else failed+=("$name"); fi
}

# tcase NAME STDIN SNIPPET: a differential case
tcase() {
  local name=$1 in=$2 snippet=$3
  use_wasm; check_run wasm "$name" "$in" "$snippet"
  if [ -n "$HAVE_NATIVE" ]; then use_native; check_run native "$name" "$in" "$snippet"; fi
  check_compare "$name"
}

# ccase NAME CMD...: a case that passes when CMD succeeds (run in CASEDIR)
ccase() {
  local name=$1; shift
  total=$((total + 1))
  if (cd "$CASEDIR" && "$@") >"$WORK/$name.log" 2>&1; then pass=$((pass + 1)); else
    failed+=("$name"); echo "--- $name failed:" >&2; tail -20 "$WORK/$name.log" >&2; fi
}

# use_binfmt: while the check runs, the kernel runs Wasm modules directly
# with this engine (`wali binfmt`, binfmt_misc), so that make, a test
# harness or a shell can exec them as the programs they are; needs root. The
# registration found before (none, or another engine's) is put back on exit.
use_binfmt() {
  local prev
  prev=$(sed -n 's/^interpreter //p' /proc/sys/fs/binfmt_misc/wali 2>/dev/null)
  [ "$prev" = "$(readlink -f "$WALI")" ] && return 0
  "$WALI" binfmt install >"$WORK/binfmt.log" 2>&1 ||
    { echo "$APP: cannot run the test programs: binfmt_misc registration failed ($(tail -1 "$WORK/binfmt.log"))"; exit 1; }
  if [ -n "$prev" ]; then BINFMT_RESTORE="'$prev' binfmt install >/dev/null 2>&1"
  else BINFMT_RESTORE="'$WALI' binfmt uninstall >/dev/null"; fi
}

# check_summary LABEL: the one-line summary; status 0 when everything passed
check_summary() {
  local s="$APP: built, $pass/$total checks passed"
  [ ${#failed[@]} -gt 0 ] && s+=" (failed: ${failed[*]})"
  echo "$s"
  [ "$pass" = "$total" ]
}

# native_dep CMD PKG: find a native reference command, installing the Debian
# package when it is missing (as root, with apt); prints its path or nothing.
native_dep() {
  command -v "$1" >/dev/null || apt_install "$2" || true
  command -v "$1" || true
}
