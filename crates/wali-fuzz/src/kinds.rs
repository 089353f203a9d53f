//! The kinds of input the fuzzer tries, and how a run shares its time
//! between them (`--kinds`): each new worker runs the kind furthest behind
//! its share of the worker time spent so far.

use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Every import with hostile arguments (`worker.rs`).
    Calls,
    /// Mutated modules through `prepare`, the engine and the CLI (`modules.rs`).
    Modules,
    /// Opens of paths to the memory file while a guest thread copies descriptors (`fd_races.rs`).
    FdRaces,
    /// Memory instructions on pages the guest unmapped or protected (`mem_ops.rs`).
    MemOps,
    /// Forks while a guest thread runs memory instructions (`fork_races.rs`).
    ForkRaces,
}

pub const ALL: [Kind; 5] = [Kind::Calls, Kind::Modules, Kind::FdRaces, Kind::MemOps, Kind::ForkRaces];

impl Kind {
    /// The name `--kinds` and `--replay` use.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Calls => "calls",
            Kind::Modules => "modules",
            Kind::FdRaces => "fd-races",
            Kind::MemOps => "memory",
            Kind::ForkRaces => "fork-races",
        }
    }

    pub fn from_name(s: &str) -> Option<Kind> {
        ALL.into_iter().find(|k| k.name() == s)
    }

    pub fn from_u32(v: u32) -> Kind {
        ALL.get(v as usize).copied().unwrap_or(Kind::Calls)
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// Default share of the worker time, in percent. Calls have the most
    /// ground to cover (196 imports); a module costs some 20 us, so a
    /// quarter of the time makes millions of them.
    fn default_share(self) -> u32 {
        match self {
            Kind::Calls => 30,
            Kind::Modules => 25,
            Kind::FdRaces | Kind::MemOps | Kind::ForkRaces => 15,
        }
    }

    /// How long one worker of this kind runs at most (calls workers are
    /// bounded by their call budget instead, about a second).
    pub fn worker_time(self) -> Duration {
        match self {
            Kind::Calls => Duration::from_secs(1),
            Kind::Modules => Duration::from_secs(10),
            Kind::FdRaces | Kind::MemOps | Kind::ForkRaces => Duration::from_secs(5),
        }
    }
}

/// `--kinds calls,modules=60,fork-races`: the kinds to run with their
/// shares (default shares for those given without one).
pub fn parse(spec: &str) -> Result<Vec<(Kind, u32)>, String> {
    let mut out: Vec<(Kind, u32)> = Vec::new();
    for part in spec.split(',').filter(|p| !p.is_empty()) {
        let (name, share) = match part.split_once('=') {
            Some((n, v)) => (n, Some(v.parse::<u32>().map_err(|_| format!("--kinds: `{v}` is not a number"))?)),
            None => (part, None),
        };
        let kind = Kind::from_name(name).ok_or_else(|| {
            let names: Vec<&str> = ALL.iter().map(|k| k.name()).collect();
            format!("--kinds: unknown kind `{name}` (kinds: {})", names.join(", "))
        })?;
        if out.iter().any(|(k, _)| *k == kind) {
            return Err(format!("--kinds: `{name}` given twice"));
        }
        out.push((kind, share.unwrap_or(kind.default_share())));
    }
    if out.iter().all(|(_, s)| *s == 0) {
        return Err("--kinds: no kind with a share above 0".into());
    }
    Ok(out)
}

pub fn defaults() -> Vec<(Kind, u32)> {
    ALL.iter().map(|k| (*k, k.default_share())).collect()
}

/// The kind the next worker runs: the one whose time is furthest below its
/// share (`spent` in seconds, indexed by `Kind::index`; running workers
/// count with their expected time), the largest share first on a tie.
pub fn next(shares: &[(Kind, u32)], spent: &[f64; 5]) -> Kind {
    let total: u32 = shares.iter().map(|(_, s)| s).sum();
    let used: f64 = spent.iter().sum();
    let behind = |(k, s): &(Kind, u32)| used * *s as f64 / total as f64 - spent[k.index()];
    shares
        .iter()
        .filter(|(_, s)| *s > 0)
        .max_by(|a, b| behind(a).total_cmp(&behind(b)).then(a.1.cmp(&b.1)).then(b.0.index().cmp(&a.0.index())))
        .map_or(Kind::Calls, |(k, _)| *k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parsing_and_shares() {
        let k = parse("calls,modules=60").unwrap();
        assert_eq!(k, vec![(Kind::Calls, 30), (Kind::Modules, 60)]);
        assert!(parse("calls,bogus").is_err());
        assert!(parse("calls,calls").is_err());
        assert!(parse("calls=0").is_err());
        // Time follows the shares: with 60 s spent on calls and none on
        // modules, modules come next; once ahead, calls again.
        let mut spent = [60.0, 0.0, 0.0, 0.0, 0.0];
        assert_eq!(next(&k, &spent), Kind::Modules);
        spent[1] = 200.0;
        assert_eq!(next(&k, &spent), Kind::Calls);
        assert_eq!(next(&defaults(), &[0.0; 5]), Kind::Calls);
    }
}
