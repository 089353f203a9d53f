//! Adapting a container's bundle (its OCI `config.json`) at `start`: the
//! process becomes the engine, bind-mounted read-only at `ENGINE`, running the
//! image's entrypoint module with the container's arguments and environment;
//! compiled code comes read-only from `AOT`; the container's memory limit
//! and the policy annotation become `wali run` options; runc is asked to run
//! `hook` once the root file system is mounted.

use crate::hook;
use anyhow::{bail, Context, Result};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// Where the container sees the engine.
pub const ENGINE: &str = "/.wali/wali";
/// Where the container sees its module's compiled code.
pub const AOT: &str = "/.wali/aot";
/// The bundle's directory that `AOT` shows (filled by `hook`; containerd
/// removes the bundle with the container).
pub const AOT_IN_BUNDLE: &str = "wali-aot";
/// The annotation with `wali run` policy options for the container.
pub const POLICY_ANNOTATION: &str = "io.wali.policy";

/// Policy options the annotation may give: flags, then options with a value.
const POLICY_FLAGS: &[&str] = &["--no-net", "--no-exec", "--signals-at-syscalls"];
const POLICY_OPTIONS: &[&str] = &["--deny", "--allow", "--deny-errno", "--dir", "--max-threads", "--max-memory"];

/// The engine's own share of a container's memory limit; the guest's linear
/// memory gets the rest, but at least half the limit (docs/containerd.md).
const ENGINE_SHARE: u64 = 32 << 20;

/// Where things are on the host.
pub struct Settings {
    /// The `wali` engine.
    pub engine: PathBuf,
    /// This program, which runc runs as the hook.
    pub shim: PathBuf,
    /// The cache of compiled modules, for this engine and Wasmtime release.
    pub cache: PathBuf,
}

impl Settings {
    /// The engine is the `wali` beside this program (or `$WALI_ENGINE`); the
    /// cache is under `$WALI_SHIM_CACHE`, by default /var/lib/wali/containerd.
    pub fn here() -> Result<Settings> {
        let shim = std::env::current_exe().context("cannot find this program's path")?;
        let engine = match std::env::var_os("WALI_ENGINE") {
            Some(e) => PathBuf::from(e),
            None => shim.with_file_name("wali"),
        };
        if !engine.is_file() {
            bail!("the WALI engine {} is missing: install `wali` beside this shim, or set WALI_ENGINE", engine.display());
        }
        let root = std::env::var_os("WALI_SHIM_CACHE").map_or_else(|| PathBuf::from("/var/lib/wali/containerd"), PathBuf::from);
        let cache = root.join(format!("wali-{}-wasmtime-{}", env!("CARGO_PKG_VERSION"), wali::WASMTIME_VERSION));
        Ok(Settings { engine, shim, cache })
    }
}

/// Adapts `bundle/config.json` and makes the compiled-code directory.
pub fn adapt(bundle: &Path, settings: &Settings) -> Result<()> {
    let path = bundle.join("config.json");
    let text = std::fs::read(&path).with_context(|| format!("cannot read the container's spec {}", path.display()))?;
    let mut config: Value = serde_json::from_slice(&text).context("the container's spec config.json is not valid JSON")?;
    let aot = std::path::absolute(bundle.join(AOT_IN_BUNDLE))?;
    adapt_config(&mut config, settings, &aot)?;
    std::fs::create_dir_all(&aot).with_context(|| format!("cannot create {}", aot.display()))?;
    let tmp = bundle.join(".config.json.wali");
    std::fs::write(&tmp, serde_json::to_vec(&config)?).and_then(|()| std::fs::rename(&tmp, &path))
        .with_context(|| format!("cannot write {}", path.display()))
}

/// The adaptation itself (a spec adapted already is left as it is).
pub fn adapt_config(config: &mut Value, settings: &Settings, aot: &Path) -> Result<()> {
    let args: Vec<String> = match config.pointer("/process/args") {
        Some(Value::Array(a)) => a.iter().map(|v| v.as_str().map(str::to_owned)).collect::<Option<_>>().context("process.args holds a non-string")?,
        _ => Vec::new(),
    };
    if args.first().is_some_and(|a| a == ENGINE) {
        return Ok(());
    }
    if args.is_empty() {
        bail!("the container has no entrypoint: the image's entrypoint (or the command given) must name the module to run");
    }
    // WASI programs see the container's environment too, as WALI ones do.
    let mut run: Vec<String> = [ENGINE, "run", "--precompiled", AOT, "--inherit-env"].map(String::from).into();
    if let Some(limit) = config.pointer("/linux/resources/memory/limit").and_then(Value::as_i64).filter(|&l| l > 0) {
        run.extend(["--max-memory".into(), guest_memory(limit as u64).to_string()]);
    }
    if let Some(text) = config.pointer(&format!("/annotations/{POLICY_ANNOTATION}")) {
        run.extend(policy(text.as_str().context("the policy annotation is not a string")?)?);
    }
    run.push("--".into());
    run.extend(args);
    config["process"]["args"] = json!(run);

    let ro = |source: &Path, dest: &str, extra: &[&str]| {
        let mut options = vec!["rbind", "ro", "nosuid", "nodev"];
        options.extend(extra);
        json!({ "destination": dest, "type": "bind", "source": source, "options": options })
    };
    let mounts = [ro(&settings.engine, ENGINE, &[]), ro(aot, AOT, &["noexec"])];
    push(config, "mounts", &mounts)?;
    let hook = json!({
        "path": settings.shim,
        "args": ["containerd-shim-wali-v1", "hook", hook::CREATE_RUNTIME, settings.cache],
    });
    if !config["hooks"].is_object() {
        config["hooks"] = json!({});
    }
    push(&mut config["hooks"], "createRuntime", &[hook])
}

/// Appends `items` to the array `config[key]`, made if missing.
fn push(config: &mut Value, key: &str, items: &[Value]) -> Result<()> {
    let list = config.as_object_mut().context("the container's spec is not a JSON object")?.entry(key).or_insert_with(|| json!([]));
    match list {
        Value::Array(a) => {
            a.extend_from_slice(items);
            Ok(())
        }
        _ => bail!("the container's spec has a `{key}` that is not a list"),
    }
}

/// The guest's linear memory for a container memory limit.
pub fn guest_memory(limit: u64) -> u64 {
    limit.saturating_sub(ENGINE_SHARE).max(limit / 2)
}

/// The policy annotation's `wali run` options, checked to be policy options
/// only (not, say, `--precompiled` or `--strace`).
pub fn policy(text: &str) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let mut words = text.split_whitespace();
    while let Some(w) = words.next() {
        let name = w.split_once('=').map_or(w, |(n, _)| n);
        if POLICY_FLAGS.contains(&w) {
            out.push(w.to_string());
        } else if POLICY_OPTIONS.contains(&name) {
            out.push(w.to_string());
            if name == w {
                out.push(words.next().with_context(|| format!("annotation {POLICY_ANNOTATION}: {w} needs a value"))?.to_string());
            }
        } else {
            bail!(
                "annotation {POLICY_ANNOTATION}: `{w}` is not a policy option; it takes {} and {} VALUE",
                POLICY_FLAGS.join(", "),
                POLICY_OPTIONS.join(", ")
            );
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> Settings {
        Settings { engine: "/opt/wali".into(), shim: "/opt/shim".into(), cache: "/var/cache/x".into() }
    }

    #[test]
    fn the_process_becomes_the_engine_running_the_module() {
        let mut c = json!({
            "process": { "args": ["/app.wasm", "a b", "-x"], "env": ["A=1"], "cwd": "/" },
            "root": { "path": "rootfs" },
            "mounts": [{ "destination": "/proc", "type": "proc", "source": "proc" }],
            "linux": { "resources": { "memory": { "limit": 268435456 } } },
            "annotations": { "io.wali.policy": "--no-net --dir /data:ro --deny=openat" },
        });
        adapt_config(&mut c, &settings(), Path::new("/b/wali-aot")).unwrap();
        let args: Vec<&str> = c["process"]["args"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        assert_eq!(
            args,
            [ENGINE, "run", "--precompiled", AOT, "--inherit-env", "--max-memory", "234881024", "--no-net", "--dir", "/data:ro",
             "--deny=openat", "--", "/app.wasm", "a b", "-x"]
        );
        assert_eq!(c["process"]["env"], json!(["A=1"]));
        let mounts = c["mounts"].as_array().unwrap();
        assert_eq!(mounts.len(), 3);
        assert_eq!(mounts[1]["source"], "/opt/wali");
        assert_eq!(mounts[2]["source"], "/b/wali-aot");
        assert!(mounts[1]["options"].as_array().unwrap().contains(&json!("ro")));
        assert_eq!(c["hooks"]["createRuntime"][0]["args"], json!(["containerd-shim-wali-v1", "hook", "create-runtime", "/var/cache/x"]));
        // A second adaptation changes nothing.
        let once = c.clone();
        adapt_config(&mut c, &settings(), Path::new("/b/wali-aot")).unwrap();
        assert_eq!(c, once);
    }

    #[test]
    fn the_annotation_takes_only_policy_options() {
        assert!(policy("--precompiled /tmp").is_err());
        assert!(policy("--strace=/etc/x").is_err());
        assert!(policy("--dir").is_err());
        assert_eq!(policy(" --no-exec  --max-threads 4 ").unwrap(), ["--no-exec", "--max-threads", "4"]);
    }

    #[test]
    fn a_container_without_entrypoint_is_refused() {
        let mut c = json!({ "process": { "args": [] } });
        let e = adapt_config(&mut c, &settings(), Path::new("/a")).unwrap_err();
        assert!(e.to_string().contains("no entrypoint"), "{e}");
    }

    #[test]
    fn the_guest_gets_the_limit_less_the_engine_share() {
        assert_eq!(guest_memory(128 << 20), 96 << 20);
        assert_eq!(guest_memory(40 << 20), 20 << 20);
    }
}
