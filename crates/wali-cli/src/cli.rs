//! The command line, parsed by clap: every option takes `--opt value` and
//! `--opt=value`, `--` ends the options, `-h`/`--help` works on every
//! subcommand, and a mistake is one line that names it (and the nearest
//! valid option). `wali run`'s options are then applied in the order given,
//! since later policy rules and variables override earlier ones.

use clap::{Arg, ArgAction, ArgMatches, Command};
use std::ffi::OsString;

/// `wali run`'s options: name, value name (`None`: a flag) and help, in
/// the order `--help` lists them.
const RUN_OPTIONS: &[(&str, Option<&str>, &str)] = &[
    ("env", Some("NAME[=VALUE]"), "Set a variable in the program's environment (repeatable); NAME alone passes wali's own value"),
    ("env-file", Some("FILE"), "Read NAME=VALUE lines from FILE"),
    ("no-inherit-env", None, "Start from an empty environment instead of wali's own (WASI programs always do)"),
    ("inherit-env", None, "WASI programs: start from wali's own environment"),
    ("strace", Some("FILE"), "Print one line per syscall to stderr (or, with =FILE, to FILE)"),
    ("strace-append", Some("FILE"), ""),
    ("profile", None, "When the program exits or execs, print per syscall: calls, errors, time in the kernel and in the engine (like strace -c)"),
    ("argv0", Some("NAME"), "The program's argv[0] (default: the module path)"),
    ("no-cache", None, "Compile the module even if a compiled copy is cached"),
    (
        "opt-level",
        Some("LEVEL"),
        "-O3: compile harder (inline Wasm functions: faster code, several times the compile time \
         and memory), for modules compiled ahead with `wali compile -O3`; -O2 (default): quick to compile",
    ),
    (
        "precompiled",
        Some("DIR"),
        "Take compiled code from DIR, which `wali compile --target` wrote (for emulators, which have \
         no keyring); DIR is trusted: no guest may be able to write it",
    ),
    (
        "signals-at-syscalls",
        None,
        "Run the program's signal handlers only when it makes a syscall: compute-bound code runs \
         faster, but a handler cannot interrupt a loop that makes none",
    ),
    ("deny", Some("NAME|@GROUP"), "Calls to NAME (openat, SYS_openat) or a group return -EPERM"),
    ("allow", Some("NAME|@GROUP"), "Allow again (e.g. --deny @net --allow socketpair)"),
    ("deny-errno", Some("ERRNO"), "What denied calls return: EPERM (default), ENOSYS or EACCES"),
    ("no-net", None, "Same as --deny @net"),
    ("no-exec", None, "Same as --deny @exec"),
    (
        "dir",
        Some("PATH[::GUEST][:ro]"),
        "Confine the file system to PATH (read-write, or read-only with :ro) and the other --dir trees; \
         for WASI programs, grant PATH as the preopened directory GUEST (default PATH)",
    ),
    ("invoke", Some("NAME"), "Call the exported function NAME with ARGS (a WASI reactor's _initialize first) and print its results"),
    ("max-memory", Some("SIZE"), "Cap the linear memory (bytes, or with K, M, G)"),
    ("max-threads", Some("N"), "At most N threads alive at once, the main one included"),
];

fn opt(name: &'static str, value: &'static str, help: &'static str) -> Arg {
    Arg::new(name).long(name).value_name(value).help(help).action(ArgAction::Append).value_parser(clap::value_parser!(OsString))
}

fn flag(name: &'static str, help: &'static str) -> Arg {
    Arg::new(name).long(name).help(help).action(ArgAction::Count)
}

fn run_options() -> impl Iterator<Item = Arg> {
    RUN_OPTIONS.iter().map(|&(name, value, help)| match (name, value) {
        ("strace", Some(v)) => opt(name, v, help).num_args(0..=1).require_equals(true).default_missing_value(""),
        // Internal: an exec'd engine continues its parent's trace.
        ("strace-append", Some(v)) => opt(name, v, help).hide(true),
        // A login shell's argv[0] starts with '-': `--argv0 -bash` is a value.
        ("argv0", Some(v)) => opt(name, v, help).allow_hyphen_values(true),
        ("opt-level", Some(v)) => opt(name, v, help).short('O'),
        (_, Some(v)) => opt(name, v, help),
        (_, None) => flag(name, help),
    })
}

pub fn command() -> Command {
    Command::new("wali")
        .version(format!("{} (Wasmtime {})", env!("CARGO_PKG_VERSION"), wali::WASMTIME_VERSION))
        .about("Run WebAssembly Linux Interface (WALI) modules")
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommand(
            Command::new("run")
                .about("Run a WALI module")
                .after_help(
                    "Policy options: later --deny/--allow override earlier ones (docs/policy.md).\n\
                     Compiled modules are cached in $XDG_CACHE_HOME/wali/modules (~/.cache/wali/modules), \
                     authenticated with a key in the kernel's user keyring (without one, every run compiles).",
                )
                .args(run_options())
                // One positional: from the module on, everything is the program's,
                // even what looks like an option.
                .arg(
                    Arg::new("program")
                        .value_names(["MODULE.wasm", "ARGS"])
                        .required(true)
                        .num_args(1..)
                        .trailing_var_arg(true)
                        .value_parser(clap::value_parser!(OsString)),
                ),
        )
        .subcommand(
            Command::new("compile")
                .about("Compile modules ahead of time: into the cache, or with --target for another CPU")
                .arg(flag("signals-at-syscalls", "For runs with --signals-at-syscalls"))
                .arg(
                    opt("opt-level", "LEVEL", "-O3: for runs with -O3 (inlining: faster code, slower to compile); -O2: the default")
                        .short('O')
                        .action(ArgAction::Set),
                )
                .arg(
                    opt("target", "TRIPLE", "Compile for another host: x86_64-unknown-linux-gnu, aarch64-unknown-linux-gnu or riscv64gc-unknown-linux-gnu")
                        .action(ArgAction::Set)
                        .requires("out"),
                )
                .arg(opt("out", "DIR", "Where --target writes, for `wali run --precompiled DIR` there").action(ArgAction::Set).requires("target"))
                .arg(Arg::new("modules").value_name("MODULE.wasm").num_args(1..).required(true).value_parser(clap::value_parser!(OsString))),
        )
        .subcommand(
            Command::new("syscalls")
                .about("Print every WALI import with its status (passthrough, translated, emulated, unsupported)")
                .arg(flag("groups", "Print the policy groups for --deny/--allow instead")),
        )
        .subcommand(
            Command::new("inspect")
                .about("Show a module's imports and the features it uses")
                .arg(flag("check", "Exit 1 unless every import matches the WALI interface exactly"))
                .arg(Arg::new("module").value_name("MODULE.wasm").required(true).value_parser(clap::value_parser!(OsString))),
        )
        .subcommand(
            Command::new("completions")
                .about("Print a completion script for a shell (e.g. `wali completions bash > /etc/bash_completion.d/wali`)")
                .arg(Arg::new("shell").required(true).value_parser(clap::value_parser!(clap_complete::Shell))),
        )
        .subcommand(
            Command::new("binfmt")
                .about("(root) Register WALI modules with the kernel, so that ./prog.wasm runs as `wali run prog.wasm`")
                .arg(Arg::new("action").required(true).value_parser(["install", "uninstall", "status"])),
        )
}

/// `wali run`'s options as given, in command-line order: (name, value), the
/// value `None` for a flag (and `Some("")` for a bare `--strace`).
pub fn ordered(m: &ArgMatches) -> Vec<(&'static str, Option<OsString>)> {
    let mut out: Vec<(usize, &'static str, Option<OsString>)> = Vec::new();
    for &(name, value, _) in RUN_OPTIONS {
        // A flag's default (count 0) has an index too: only what was given counts.
        if m.value_source(name) != Some(clap::parser::ValueSource::CommandLine) {
            continue;
        }
        let Some(indices) = m.indices_of(name) else { continue };
        if value.is_none() {
            out.extend(indices.map(|i| (i, name, None)));
        } else {
            let values = m.get_many::<OsString>(name).into_iter().flatten().cloned();
            out.extend(indices.zip(values).map(|(i, v)| (i, name, Some(v))));
        }
    }
    out.sort_by_key(|e| e.0);
    out.into_iter().map(|(_, n, v)| (n, v)).collect()
}

/// A clap error as `wali`'s one line (help and version go to stdout, status 0).
pub fn fail(e: clap::Error) -> std::process::ExitCode {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand) {
        let status = if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand { 2 } else { 0 };
        let _ = e.print();
        return std::process::ExitCode::from(status);
    }
    // clap's text: "error: WHAT\n\n  tip: ...\n\nUsage: ...\n\nFor more information, try '--help'."
    let text = e.render().to_string();
    let mut parts: Vec<String> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if line.starts_with("Usage:") {
            break;
        }
        let line = line.trim_start_matches("error: ").trim_start_matches("tip: ");
        match parts.last_mut() {
            // "the following required arguments were not provided:" and its list
            Some(last) if last.ends_with(':') => *last = format!("{last} {line}"),
            // Not a person's likely intent (a module named `--x`), or said below.
            _ if line.starts_with("to pass ") || line.starts_with("For more information") => {}
            _ => parts.push(line.to_string()),
        }
    }
    let usage = text.lines().find_map(|l| l.strip_prefix("Usage: ")).unwrap_or("wali");
    let cmd: Vec<&str> = usage.split_whitespace().take_while(|w| !w.starts_with(['[', '<', '-'])).collect();
    parts.push(format!("try `{} --help`", cmd.join(" ")));
    crate::fail(crate::USAGE_ERROR, &parts.join("; "))
}
