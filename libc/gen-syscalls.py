#!/usr/bin/env python3
"""Generate the WALI syscall import table for the wasm32 musl port.

Reads the interface table (spec/syscalls.tsv) and the project's derived
signatures (crates/wali-abi/spec/derived.tsv, --derived) and writes a C
header with

  * one import declaration per syscall that has a signature (status
    `defined` or `observed` in syscalls.tsv, or a `derived` row), with
    exactly the Wasm types of the table: i32 -> int, i64 -> long long,
    result i64 -> long long;
  * __wali_syscall_inline(n, a..f): an always-inline switch on the syscall
    number that converts musl's `long` arguments to those types and calls
    the import. With a constant number it folds to a single call;
  * __wali_syscall_params(n): how many parameters syscall n has and which
    are 64-bit, for syscall(), which reads its variadic arguments by width.

A derived row gives a signature (by the interface's rule: 8-byte C types ->
i64, everything else -> i32, result i64) to a syscall the interface lists as
`undefined`; its name and numbers must equal that undefined row. Remaining
`undefined` syscalls and numbers not in the table fall through to -ENOSYS.
A few numbers are handled by the C library itself instead of an import
(LIBC_HANDLED below).

With --numbers, the x86_64 numbers in the table are checked against musl's
bits/syscall.h.in for the port, so the two can never drift apart.
"""
import argparse
import os
import re
import sys

# Syscalls the C library implements itself (number -> (name, C expression)).
# brk: the heap comes from mmap; brk always fails, as the interface intends.
# exit / set_tid_address: the engine's native threads cannot clear and wake
# a Wasm address when they end, so libc emulates CLONE_CHILD_CLEARTID.
LIBC_HANDLED = {
    "SYS_brk": "return -12; /* -ENOMEM: no brk heap under WALI */",
    "SYS_exit": "return __wali_sys_exit(a);",
    "SYS_set_tid_address": "return __wali_sys_set_tid_address(a);",
}

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CTYPE = {"i32": "int", "i64": "long long"}


def parse_tsv(path):
    rows = []
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 9:
                sys.exit(f"{path}: malformed row: {line!r}")
            name, nr, nr_a64, nr_rv64, status, params, result, cparams, aliases = cols[:9]
            rows.append({
                "name": name, "nr": int(nr), "nrs": (nr, nr_a64, nr_rv64), "status": status,
                "params": [] if params == "-" else params.split(),
                "result": result, "cparams": cparams,
            })
    return rows


def merge_derived(rows, derived, path):
    """Give the `undefined` rows of syscalls.tsv the signatures of derived.tsv."""
    by_name = {r["name"]: r for r in rows}
    errors, seen = [], set()
    for d in derived:
        r = by_name.get(d["name"])
        if d["name"] in seen:
            errors.append(f"{d['name']}: listed twice")
        elif d["status"] != "derived":
            errors.append(f"{d['name']}: status {d['status']!r}, expected 'derived'")
        elif r is None:
            errors.append(f"{d['name']}: not in syscalls.tsv")
        elif r["status"] != "undefined":
            errors.append(f"{d['name']}: syscalls.tsv already has it as {r['status']!r}")
        elif r["nrs"] != d["nrs"]:
            errors.append(f"{d['name']}: numbers {d['nrs']}, syscalls.tsv says {r['nrs']}")
        elif d["cparams"] not in ("-", "") and len(d["cparams"].split(",")) != len(d["params"]):
            errors.append(f"{d['name']}: {len(d['params'])} Wasm parameters for C parameters {d['cparams']!r}")
        else:
            r.update(status="derived", params=d["params"], result=d["result"],
                     cparams=d["cparams"])
        seen.add(d["name"])
    if errors:
        sys.exit(f"{path}: inconsistent with syscalls.tsv:\n  " + "\n  ".join(errors))


def check_numbers(rows, numbers_path):
    musl = {}
    with open(numbers_path) as f:
        for line in f:
            m = re.match(r"#define\s+__NR_(\w+)\s+(\d+)", line)
            if m:
                musl["SYS_" + m.group(1)] = int(m.group(2))
    # A few table names differ from the kernel's __NR_ names.
    rename = {"SYS_fadvise": "SYS_fadvise64"}
    errors = []
    for r in rows:
        if r["nr"] < 0:
            continue
        key = rename.get(r["name"], r["name"])
        if key in musl and musl[key] != r["nr"]:
            errors.append(f"{r['name']}: table says {r['nr']}, musl says {musl[key]}")
    if errors:
        sys.exit("syscall number mismatch:\n  " + "\n  ".join(errors))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tsv", required=True)
    ap.add_argument("--derived", action="append", default=[],
                    help="derived.tsv: signatures for `undefined` rows (may be repeated)")
    ap.add_argument("--numbers", help="musl bits/syscall.h.in to cross-check")
    ap.add_argument("-o", "--output", required=True)
    args = ap.parse_args()

    rows = parse_tsv(args.tsv)
    for path in args.derived:
        merge_derived(rows, parse_tsv(path), path)
    if args.numbers:
        check_numbers(rows, args.numbers)

    out = []
    w = out.append
    w("/* Generated by libc/gen-syscalls.py from libc/spec/syscalls.tsv"
      + "".join(" and " + os.path.relpath(p, ROOT) for p in args.derived) + ": do not edit. */")
    w("#ifndef _WALI_SYSCALL_GEN_H")
    w("#define _WALI_SYSCALL_GEN_H")
    w("")
    w('#define __WALI_SYSCALL_IMPORT(name) __attribute__((__import_module__("wali"), __import_name__(name)))')
    w("")
    w("/* Implemented in libc (src/thread/wasm32/wali_exit.c). */")
    w('__attribute__((__visibility__("hidden"))) long __wali_sys_exit(long);')
    w('__attribute__((__visibility__("hidden"))) long __wali_sys_set_tid_address(long);')
    w("/* Out-of-line dispatch for non-constant syscall numbers (src/internal/wasm32). */")
    w('__attribute__((__visibility__("hidden"))) long __wali_syscall(long, long, long, long, long, long, long);')
    w("")

    imported = [r for r in rows
                if r["status"] in ("defined", "observed", "derived") and r["nr"] >= 0]
    seen = set()
    for r in imported:
        if r["nr"] in seen:
            sys.exit(f"duplicate syscall number {r['nr']} ({r['name']})")
        seen.add(r["nr"])
        if r["result"] != "i64":
            sys.exit(f"{r['name']}: unexpected result type {r['result']}")
        for p in r["params"]:
            if p not in CTYPE:
                sys.exit(f"{r['name']}: unexpected param type {p}")

    for r in imported:
        params = ", ".join(CTYPE[p] for p in r["params"]) or "void"
        notes = []
        if r["cparams"] not in ("-", ""):
            notes.append(r["cparams"])
        if r["status"] == "derived":
            notes.append("derived: not in the interface's table")
        comment = f" /* {'; '.join(notes)} */" if notes else ""
        w(f"long long __imported_wali_{r['name'][4:]}({params})"
          f' __WALI_SYSCALL_IMPORT("{r["name"]}");{comment}')
    w("")
    w("static __inline __attribute__((__always_inline__, __unused__))")
    w("long __wali_syscall_inline(long n, long a, long b, long c, long d, long e, long f)")
    w("{")
    w("\tswitch (n) {")
    argnames = "abcdef"
    for r in imported:
        if r["name"] in LIBC_HANDLED:
            w(f"\tcase {r['nr']}: {LIBC_HANDLED[r['name']]} /* {r['name']} */")
            continue
        if len(r["params"]) > 6:
            sys.exit(f"{r['name']}: more than 6 parameters")
        args_c = ", ".join(f"({CTYPE[p]}){argnames[i]}" for i, p in enumerate(r["params"]))
        w(f"\tcase {r['nr']}: return __imported_wali_{r['name'][4:]}({args_c});")
    w("\t}")
    w("\t(void)a; (void)b; (void)c; (void)d; (void)e; (void)f;")
    w("\treturn -38; /* -ENOSYS: not in the WALI interface */")
    w("}")
    w("")
    w("/* Syscall n's parameters: their count in bits 0-2, then one bit per")
    w(" * parameter, set when it is 64-bit (i64); -1 when n is not in the interface. */")
    w("static __inline __attribute__((__unused__))")
    w("int __wali_syscall_params(long n)")
    w("{")
    w("\tswitch (n) {")
    for r in imported:
        wide = sum(1 << i for i, p in enumerate(r["params"]) if p == "i64")
        w(f"\tcase {r['nr']}: return {len(r['params'])} | {wide} << 3; /* {r['name']} */")
    w("\t}")
    w("\treturn -1;")
    w("}")
    w("")
    w("#endif")

    with open(args.output, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
