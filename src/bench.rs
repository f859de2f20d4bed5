//! Benchmark suites (`pmo bench`): public instances with known optima or best-known
//! values, and generated portfolios, each solved in a child process with its peak memory
//! measured, every plan checked by the independent checker, and the results written as
//! a CSV file and a Markdown table.
//!
//! Suites:
//! * `psplib-j30`, `psplib-j60`, `psplib-j120`: PSPLIB single-mode RCPSP instances
//!   (imported with [`crate::io::psplib::read_sm`], objective makespan), compared with the
//!   optimal makespans of `j30opt.sm` and the best-known makespans of `j60hrs.sm` and
//!   `j120hrs.sm`;
//! * `mkp`: OR-Library multidimensional knapsacks (`mknap1`, `mknap2`, `mknapcb1`..`9`),
//!   compared with the optima in the files (mknap1, mknap2) and the Chu–Beasley best
//!   feasible values of `mkcbres.txt` (mknapcb);
//! * `synthetic`: [`crate::generate`] portfolios of 50×12, 200×12, 500×24, 1000×24
//!   (15 skills) and 2000×36 (20 skills), seed 1, judged by their optimality gap.
//!
//! # Peak memory
//!
//! Each instance runs in its own child process (`pmo bench-one`), reaped with `wait4`,
//! whose `rusage` gives the child's own peak resident set (`ru_maxrss`). The kernel
//! accounts it up to the child's exit, so it covers loading, solving and checking, and
//! it is exact per instance even when instances run in parallel, which
//! `getrusage(RUSAGE_CHILDREN)` is not: that one reports the maximum over all reaped
//! children so far, so after one large instance every later one would show its peak.
//! A child that overruns the time limit by far (twice the limit plus a minute) is killed
//! and reported as `timeout`. On non-Unix systems the memory column stays empty.
//!
//! # Deviation
//!
//! Relative to the reference value, positive when the plan is worse: for a makespan
//! `(objective − reference) / reference`, for a value `(reference − objective) /
//! reference` (negative when a plan beats a best-known value).

use crate::generate::{generate, GenerateOptions};
use crate::io::writers::fmt_num;
use crate::io::{mknap, psplib};
use crate::model::{Objective, Portfolio};
use crate::solve::{solve, SolveOptions};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A PSPLIB set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PsplibSet {
    J30,
    J60,
    J120,
}

/// A benchmark suite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suite {
    Psplib(PsplibSet),
    Mkp,
    Synthetic,
}

impl Suite {
    /// The names `pmo bench` accepts.
    pub const NAMES: [&'static str; 5] = [
        "psplib-j30",
        "psplib-j60",
        "psplib-j120",
        "mkp",
        "synthetic",
    ];

    pub fn parse(s: &str) -> Option<Suite> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "psplib-j30" | "j30" => Suite::Psplib(PsplibSet::J30),
            "psplib-j60" | "j60" => Suite::Psplib(PsplibSet::J60),
            "psplib-j120" | "j120" => Suite::Psplib(PsplibSet::J120),
            "mkp" => Suite::Mkp,
            "synthetic" => Suite::Synthetic,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Suite::Psplib(PsplibSet::J30) => "psplib-j30",
            Suite::Psplib(PsplibSet::J60) => "psplib-j60",
            Suite::Psplib(PsplibSet::J120) => "psplib-j120",
            Suite::Mkp => "mkp",
            Suite::Synthetic => "synthetic",
        }
    }
}

/// The sizes of the `synthetic` suite: (projects, periods, skills), seed 1.
pub const SYNTHETIC_SIZES: [(usize, usize, usize); 5] = [
    (50, 12, 15),
    (200, 12, 15),
    (500, 24, 15),
    (1000, 24, 15),
    (2000, 36, 20),
];

/// The seed of the `synthetic` suite.
pub const SYNTHETIC_SEED: u64 = 1;

/// Where an instance comes from; also its command-line form for `pmo bench-one`.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// A PSPLIB `.sm` file.
    Psplib(PathBuf),
    /// Problem `problem` (1-based) of an OR-Library knapsack file (`mknap2*` files are
    /// read with the mknap2 layout).
    Mknap { file: PathBuf, problem: usize },
    /// A generated portfolio.
    Generated(GenerateOptions),
    /// A portfolio folder.
    Folder(PathBuf),
}

impl Source {
    /// `psplib:PATH`, `mknap:K:PATH`, `generate:N:T:S:SEED`, `folder:PATH`.
    pub fn to_arg(&self) -> String {
        match self {
            Source::Psplib(p) => format!("psplib:{}", p.display()),
            Source::Mknap { file, problem } => format!("mknap:{problem}:{}", file.display()),
            Source::Generated(o) => format!(
                "generate:{}:{}:{}:{}",
                o.projects, o.periods, o.skills, o.seed
            ),
            Source::Folder(p) => format!("folder:{}", p.display()),
        }
    }

    /// Parses [`Source::to_arg`]'s form.
    pub fn parse_arg(s: &str) -> Result<Source, String> {
        let bad = || {
            format!(
                "`{s}` is not an instance (psplib:PATH, mknap:K:PATH, generate:N:T:S:SEED, folder:PATH)"
            )
        };
        let (kind, rest) = s.split_once(':').ok_or_else(bad)?;
        match kind {
            "psplib" => Ok(Source::Psplib(PathBuf::from(rest))),
            "folder" => Ok(Source::Folder(PathBuf::from(rest))),
            "mknap" => {
                let (k, path) = rest.split_once(':').ok_or_else(bad)?;
                Ok(Source::Mknap {
                    file: PathBuf::from(path),
                    problem: k.parse().map_err(|_| bad())?,
                })
            }
            "generate" => {
                let v: Vec<u64> = rest
                    .split(':')
                    .map(|x| x.parse::<u64>().map_err(|_| bad()))
                    .collect::<Result<_, _>>()?;
                match v.as_slice() {
                    [n, t, sk, seed] => Ok(Source::Generated(GenerateOptions::new(
                        *n as usize,
                        *t as usize,
                        *sk as usize,
                        *seed,
                    ))),
                    _ => Err(bad()),
                }
            }
            _ => Err(bad()),
        }
    }

    /// Builds the portfolio.
    pub fn load(&self) -> Result<Portfolio, String> {
        match self {
            Source::Psplib(p) => psplib::read_sm(p).map_err(|e| e.to_string()),
            Source::Mknap { file, problem } => {
                let problems = if is_mknap2(file) {
                    mknap::read_mknap2(file)
                } else {
                    mknap::read_mknap(file)
                }
                .map_err(|e| e.to_string())?;
                let n = problems.len();
                problems
                    .get(problem.wrapping_sub(1))
                    .map(mknap::to_portfolio)
                    .ok_or_else(|| format!("{} holds {n} problems, not {problem}", file.display()))
            }
            Source::Generated(o) => generate(o).map_err(|e| e.to_string()),
            Source::Folder(p) => crate::io::portfolio::load_portfolio(p)
                .map(|l| l.portfolio)
                .map_err(|e| e.to_string()),
        }
    }
}

fn is_mknap2(file: &Path) -> bool {
    file.file_name()
        .is_some_and(|n| n.to_string_lossy().to_lowercase().starts_with("mknap2"))
}

/// What a reference value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefKind {
    /// A proven optimum.
    Optimum,
    /// The best value known (a best-known makespan, a best feasible value).
    BestKnown,
}

impl RefKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RefKind::Optimum => "optimum",
            RefKind::BestKnown => "best-known",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reference {
    pub value: f64,
    pub kind: RefKind,
}

/// One benchmark instance.
#[derive(Debug, Clone, PartialEq)]
pub struct Instance {
    pub name: String,
    pub source: Source,
    pub reference: Option<Reference>,
}

/// Why a suite cannot be listed.
#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    #[error("benchmark folder {} not found: the public benchmark data are expected in ../shared/benchmarks beside the clone (or pass --benchmarks DIR)", .0.display())]
    MissingFolder(PathBuf),
    #[error("{0}")]
    Read(String),
}

/// `$CARGO_MANIFEST_DIR/../shared/benchmarks` (as built), canonical when it exists.
pub fn default_benchmarks_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/benchmarks");
    dir.canonicalize().unwrap_or(dir)
}

fn need_dir(dir: PathBuf) -> Result<PathBuf, BenchError> {
    if dir.is_dir() {
        Ok(dir)
    } else {
        Err(BenchError::MissingFolder(dir))
    }
}

fn need_file(path: PathBuf) -> Result<PathBuf, BenchError> {
    if path.is_file() {
        Ok(path)
    } else {
        Err(BenchError::Read(format!(
            "{} not found (part of the shared benchmark data)",
            path.display()
        )))
    }
}

/// Every instance of `suite`, in a fixed order (PSPLIB by parameter then instance number,
/// mkp by file then position). `benchmarks` is the shared benchmark folder (unused for
/// `synthetic`).
pub fn instances(suite: Suite, benchmarks: &Path) -> Result<Vec<Instance>, BenchError> {
    match suite {
        Suite::Synthetic => Ok(SYNTHETIC_SIZES
            .iter()
            .map(|&(n, t, s)| Instance {
                name: format!("gen-{n}x{t}x{s}"),
                source: Source::Generated(GenerateOptions::new(n, t, s, SYNTHETIC_SEED)),
                reference: None,
            })
            .collect()),
        Suite::Psplib(set) => psplib_instances(set, benchmarks),
        Suite::Mkp => mkp_instances(benchmarks),
    }
}

fn psplib_instances(set: PsplibSet, benchmarks: &Path) -> Result<Vec<Instance>, BenchError> {
    let root = need_dir(benchmarks.join("psplib"))?;
    let (sub, table, kind) = match set {
        PsplibSet::J30 => ("j30", "j30opt.sm", RefKind::Optimum),
        PsplibSet::J60 => ("j60", "j60hrs.sm", RefKind::BestKnown),
        PsplibSet::J120 => ("j120", "j120hrs.sm", RefKind::BestKnown),
    };
    let dir = need_dir(root.join(sub))?;
    let table = need_file(root.join("solutions").join(table))?;
    let refs = psplib::read_hrs(&table).map_err(|e| BenchError::Read(e.to_string()))?;
    let entries =
        std::fs::read_dir(&dir).map_err(|e| BenchError::Read(format!("{}: {e}", dir.display())))?;
    let mut found: Vec<((u32, u32, u32), PathBuf)> = Vec::new();
    for e in entries {
        let path = e
            .map_err(|e| BenchError::Read(format!("{}: {e}", dir.display())))?
            .path();
        if path.extension().is_some_and(|x| x == "sm") {
            let stem = path.file_stem().unwrap_or_default().to_string_lossy();
            if let Some(key) = psplib::parse_instance_name(&stem) {
                found.push((key, path));
            }
        }
    }
    found.sort();
    Ok(found
        .into_iter()
        .map(|((j, p, i), path)| Instance {
            name: format!("j{j}{p}_{i}"),
            source: Source::Psplib(path),
            reference: refs.get(&(p, i)).map(|&v| Reference {
                value: v as f64,
                kind,
            }),
        })
        .collect())
}

fn mkp_instances(benchmarks: &Path) -> Result<Vec<Instance>, BenchError> {
    let root = need_dir(benchmarks.join("mkp"))?;
    let read = |e: mknap::MknapError| BenchError::Read(e.to_string());
    let mut out = Vec::new();
    for (stem, mknap2) in [("mknap1", false), ("mknap2", true)] {
        let file = need_file(root.join(format!("{stem}.txt")))?;
        let problems = if mknap2 {
            mknap::read_mknap2(&file)
        } else {
            mknap::read_mknap(&file)
        }
        .map_err(read)?;
        for (k, p) in problems.iter().enumerate() {
            out.push(Instance {
                name: if mknap2 {
                    format!("mknap2-{}", p.name)
                } else {
                    p.name.clone()
                },
                source: Source::Mknap {
                    file: file.clone(),
                    problem: k + 1,
                },
                reference: p.optimum.map(|value| Reference {
                    value,
                    kind: RefKind::Optimum,
                }),
            });
        }
    }
    let best = mknap::read_mkcbres(&need_file(root.join("mkcbres.txt"))?).map_err(read)?;
    for f in 1..=9 {
        let file = need_file(root.join(format!("mknapcb{f}.txt")))?;
        let problems = mknap::read_mknap(&file).map_err(read)?;
        for (k, p) in problems.iter().enumerate() {
            out.push(Instance {
                name: format!("mknapcb{f}-{}", k + 1),
                source: Source::Mknap {
                    file: file.clone(),
                    problem: k + 1,
                },
                reference: best.get(&(p.m(), p.n(), k)).map(|&value| Reference {
                    value,
                    kind: RefKind::BestKnown,
                }),
            });
        }
    }
    Ok(out)
}

fn glob(pattern: &[u8], name: &[u8]) -> bool {
    match (pattern.first(), name.first()) {
        (None, None) => true,
        (Some(b'*'), _) => {
            glob(&pattern[1..], name) || (!name.is_empty() && glob(pattern, &name[1..]))
        }
        (Some(b'?'), Some(_)) => glob(&pattern[1..], &name[1..]),
        (Some(a), Some(b)) if a.eq_ignore_ascii_case(b) => glob(&pattern[1..], &name[1..]),
        _ => false,
    }
}

/// Whether `name` matches `pattern`: a comma-separated list of alternatives, each a glob
/// (`*`, `?`) on the whole name, or without wildcards the name itself or a prefix of it
/// followed by `-` or `_` (`mknap1` matches `mknap1-3`, `j301` matches `j301_7`, `j301_1`
/// matches `j301_1` but not `j301_10`). Case-insensitive.
pub fn matches(pattern: &str, name: &str) -> bool {
    pattern.split(',').map(str::trim).any(|p| {
        if p.is_empty() {
            false
        } else if p.contains(['*', '?']) {
            glob(p.as_bytes(), name.as_bytes())
        } else {
            let (p, name) = (p.to_ascii_lowercase(), name.to_ascii_lowercase());
            name == p
                || name
                    .strip_prefix(&p)
                    .is_some_and(|rest| rest.starts_with(['-', '_']))
        }
    })
}

/// The instances matching `subset` (see [`matches`]), then the first `limit` of them.
pub fn select(all: Vec<Instance>, subset: Option<&str>, limit: Option<usize>) -> Vec<Instance> {
    all.into_iter()
        .filter(|i| subset.is_none_or(|s| matches(s, &i.name)))
        .take(limit.unwrap_or(usize::MAX))
        .collect()
}

/// Per-instance solver options.
#[derive(Debug, Clone, PartialEq)]
pub struct RunOptions {
    /// Seconds per instance.
    pub time_limit: f64,
    /// HiGHS threads (None: HiGHS decides).
    pub threads: Option<u32>,
}

/// What one solve gave (the JSON line `pmo bench-one` prints).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub projects: usize,
    /// `value` or `makespan`.
    pub objective_kind: String,
    /// `optimal`, `feasible`, `infeasible`, `unknown`.
    pub status: String,
    pub objective: Option<f64>,
    pub bound: Option<f64>,
    pub gap: Option<f64>,
    /// Objective of the constructive heuristic's plan.
    pub heuristic: Option<f64>,
    /// Solve time (heuristic + MILP), seconds.
    pub seconds: f64,
    /// Violations the independent checker found in the plan (0 = passes).
    pub violations: usize,
    pub first_violation: Option<String>,
}

/// Loads, solves and checks one instance in this process.
pub fn run_in_process(source: &Source, opts: &RunOptions) -> Result<Outcome, String> {
    let portfolio = source.load()?;
    let mut so = SolveOptions::from_settings(&portfolio.settings);
    so.time_limit = opts.time_limit;
    so.threads = opts.threads;
    let sol = solve(&portfolio, &so);
    let violations = sol
        .plan
        .as_ref()
        .map(|p| crate::verify::check(&portfolio, p))
        .unwrap_or_default();
    Ok(Outcome {
        projects: portfolio.projects.len(),
        objective_kind: match portfolio.settings.objective {
            Objective::Value => "value".into(),
            Objective::Makespan => "makespan".into(),
        },
        status: sol.status.as_str().into(),
        objective: sol.objective,
        bound: sol.bound,
        gap: sol.gap,
        heuristic: sol.heuristic_objective,
        seconds: sol.seconds,
        violations: violations.len(),
        first_violation: violations.first().map(|v| v.message.clone()),
    })
}

/// One line of the results.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub instance: String,
    pub reference: Option<Reference>,
    pub outcome: Option<Outcome>,
    /// Why there is no outcome (the child failed or was killed).
    pub error: Option<String>,
    /// Wall-clock time of the child process (start, load, solve, check), seconds.
    pub wall_seconds: f64,
    /// Peak resident set of the child process, KiB.
    pub peak_rss_kib: Option<u64>,
}

impl Row {
    /// The solver status, or `FAIL` (plan rejected by the checker), `timeout`, `error`.
    pub fn status(&self) -> String {
        match (&self.outcome, &self.error) {
            (Some(o), _) if o.violations > 0 => "FAIL".into(),
            (Some(o), _) => o.status.clone(),
            (None, Some(e)) if e.starts_with("timeout") => "timeout".into(),
            (None, _) => "error".into(),
        }
    }

    /// A failure: no checked outcome.
    pub fn failed(&self) -> bool {
        matches!(self.status().as_str(), "FAIL" | "timeout" | "error")
    }

    /// Relative deviation from the reference, positive when worse (see the module docs).
    pub fn deviation(&self) -> Option<f64> {
        let o = self.outcome.as_ref().filter(|o| o.violations == 0)?;
        let r = self.reference?;
        let obj = o.objective?;
        if r.value == 0.0 {
            return None;
        }
        let d = if o.objective_kind == "makespan" {
            (obj - r.value) / r.value
        } else {
            (r.value - obj) / r.value
        };
        Some(if d.abs() < 1e-12 { 0.0 } else { d })
    }

    /// A note: the first violation, the error, or nothing.
    pub fn note(&self) -> String {
        if let Some(o) = &self.outcome {
            if let Some(v) = &o.first_violation {
                return format!("{} violation(s): {v}", o.violations);
            }
        }
        self.error.clone().unwrap_or_default()
    }
}

/// Runs `exe bench-one` on `inst` and measures it (see the module documentation).
pub fn run_child(exe: &Path, inst: &Instance, opts: &RunOptions) -> Row {
    let started = Instant::now();
    let mut cmd = Command::new(exe);
    cmd.arg("bench-one")
        .arg("--time-limit")
        .arg(opts.time_limit.to_string());
    if let Some(t) = opts.threads {
        cmd.arg("--threads").arg(t.to_string());
    }
    cmd.arg(inst.source.to_arg())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut row = Row {
        instance: inst.name.clone(),
        reference: inst.reference,
        outcome: None,
        error: None,
        wall_seconds: 0.0,
        peak_rss_kib: None,
    };
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            row.error = Some(format!("cannot start {}: {e}", exe.display()));
            return row;
        }
    };
    let pipe = |r: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut s = String::new();
            if let Some(mut r) = r {
                let _ = r.read_to_string(&mut s);
            }
            s
        })
    };
    let out = pipe(child.stdout.take().map(|r| Box::new(r) as _));
    let err = pipe(child.stderr.take().map(|r| Box::new(r) as _));
    let watchdog = Duration::from_secs_f64(opts.time_limit.max(0.0) * 2.0 + 60.0);
    let waited = wait_measured(&mut child, watchdog);
    row.wall_seconds = started.elapsed().as_secs_f64();
    let stdout = out.join().unwrap_or_default();
    let stderr = err.join().unwrap_or_default();
    match waited {
        Err(e) => row.error = Some(format!("waiting for the child: {e}")),
        Ok(w) => {
            row.peak_rss_kib = w.peak_rss_kib;
            if w.killed {
                row.error = Some(format!(
                    "timeout: killed after {:.0} s",
                    watchdog.as_secs_f64()
                ));
            } else if w.code == Some(0) {
                match stdout
                    .lines()
                    .rev()
                    .find(|l| l.trim_start().starts_with('{'))
                    .map(serde_json::from_str::<Outcome>)
                {
                    Some(Ok(o)) => row.outcome = Some(o),
                    _ => row.error = Some("no result line from bench-one".into()),
                }
            } else {
                let last = stderr
                    .lines()
                    .rfind(|l| !l.trim().is_empty())
                    .unwrap_or("")
                    .trim();
                row.error = Some(match w.code {
                    Some(c) => format!("exit code {c}: {last}"),
                    None => format!("killed by a signal: {last}"),
                });
            }
        }
    }
    row
}

struct Waited {
    code: Option<i32>,
    killed: bool,
    peak_rss_kib: Option<u64>,
}

/// Waits for the child, killing it after `watchdog`; reaps it with `wait4` to read its
/// own peak resident set.
#[cfg(unix)]
fn wait_measured(child: &mut std::process::Child, watchdog: Duration) -> std::io::Result<Waited> {
    let pid = child.id() as libc::pid_t;
    let start = Instant::now();
    let mut killed = false;
    loop {
        let mut status: libc::c_int = 0;
        // SAFETY: rusage is plain old data; all-zero is a valid value.
        let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
        let flags = if killed { 0 } else { libc::WNOHANG };
        // SAFETY: `pid` is our own child, not yet reaped (std never waited on it);
        // `status` and `ru` are valid for writes.
        let r = unsafe { libc::wait4(pid, &mut status, flags, &mut ru) };
        if r == pid {
            let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
            // Linux reports KiB, macOS bytes.
            let rss = ru.ru_maxrss.max(0) as u64;
            let rss = if cfg!(target_os = "macos") {
                rss / 1024
            } else {
                rss
            };
            return Ok(Waited {
                code,
                killed,
                peak_rss_kib: Some(rss),
            });
        }
        if r < 0 {
            let e = std::io::Error::last_os_error();
            if e.kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return Err(e);
        }
        if start.elapsed() > watchdog {
            child.kill()?;
            killed = true;
            continue;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[cfg(not(unix))]
fn wait_measured(child: &mut std::process::Child, watchdog: Duration) -> std::io::Result<Waited> {
    let start = Instant::now();
    loop {
        if let Some(s) = child.try_wait()? {
            return Ok(Waited {
                code: s.code(),
                killed: false,
                peak_rss_kib: None,
            });
        }
        if start.elapsed() > watchdog {
            child.kill()?;
            let s = child.wait()?;
            return Ok(Waited {
                code: s.code(),
                killed: true,
                peak_rss_kib: None,
            });
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Runs every instance in a child process, `jobs` at a time (rayon), calling `progress`
/// after each; rows come back in the instances' order.
pub fn run_all(
    exe: &Path,
    instances: &[Instance],
    opts: &RunOptions,
    jobs: usize,
    progress: impl Fn(&Row) + Sync,
) -> Result<Vec<Row>, String> {
    use rayon::prelude::*;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .build()
        .map_err(|e| e.to_string())?;
    Ok(pool.install(|| {
        instances
            .par_iter()
            .with_max_len(1)
            .map(|inst| {
                let row = run_child(exe, inst, opts);
                progress(&row);
                row
            })
            .collect()
    }))
}

/// Aggregates over the rows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Summary {
    pub instances: usize,
    pub by_status: BTreeMap<String, usize>,
    pub failed: usize,
    pub time_mean: Option<f64>,
    pub time_median: Option<f64>,
    pub time_max: Option<f64>,
    /// Rows with a deviation, their mean and max, and how many are at the reference or
    /// better.
    pub with_reference: usize,
    pub deviation_mean: Option<f64>,
    pub deviation_max: Option<f64>,
    pub at_reference: usize,
    pub gap_mean: Option<f64>,
    pub gap_max: Option<f64>,
    pub peak_rss_max_kib: Option<u64>,
}

fn mean(v: &[f64]) -> Option<f64> {
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

fn max(v: &[f64]) -> Option<f64> {
    v.iter().copied().reduce(f64::max)
}

fn median(v: &[f64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let m = s.len() / 2;
    Some(if s.len() % 2 == 1 {
        s[m]
    } else {
        (s[m - 1] + s[m]) / 2.0
    })
}

pub fn summarize(rows: &[Row]) -> Summary {
    let mut by_status = BTreeMap::new();
    for r in rows {
        *by_status.entry(r.status()).or_insert(0) += 1;
    }
    let times: Vec<f64> = rows
        .iter()
        .filter_map(|r| r.outcome.as_ref().map(|o| o.seconds))
        .collect();
    let devs: Vec<f64> = rows.iter().filter_map(Row::deviation).collect();
    let gaps: Vec<f64> = rows
        .iter()
        .filter(|r| !r.failed())
        .filter_map(|r| r.outcome.as_ref().and_then(|o| o.gap))
        .collect();
    Summary {
        instances: rows.len(),
        failed: rows.iter().filter(|r| r.failed()).count(),
        by_status,
        time_mean: mean(&times),
        time_median: median(&times),
        time_max: max(&times),
        with_reference: devs.len(),
        deviation_mean: mean(&devs),
        deviation_max: max(&devs),
        at_reference: devs.iter().filter(|d| **d <= 1e-9).count(),
        gap_mean: mean(&gaps),
        gap_max: max(&gaps),
        peak_rss_max_kib: rows.iter().filter_map(|r| r.peak_rss_kib).max(),
    }
}

fn pct(x: Option<f64>) -> String {
    x.map(|x| format!("{:.2}", x * 100.0)).unwrap_or_default()
}

fn opt_num(x: Option<f64>) -> String {
    x.map(fmt_num).unwrap_or_default()
}

fn mib(k: Option<u64>) -> String {
    k.map(|k| format!("{:.1}", k as f64 / 1024.0))
        .unwrap_or_default()
}

impl Summary {
    /// One line: counts, times, deviation, gap, memory.
    pub fn line(&self) -> String {
        let statuses: Vec<String> = self
            .by_status
            .iter()
            .map(|(s, n)| format!("{n} {s}"))
            .collect();
        let secs = |x: Option<f64>| x.map(|x| format!("{x:.2} s")).unwrap_or("-".into());
        let mut s = format!(
            "{} instances ({}); time mean {}, median {}, max {}",
            self.instances,
            statuses.join(", "),
            secs(self.time_mean),
            secs(self.time_median),
            secs(self.time_max)
        );
        if self.with_reference > 0 {
            let _ = write!(
                s,
                "; deviation mean {}%, max {}% ({} of {} at the reference or better)",
                pct(self.deviation_mean),
                pct(self.deviation_max),
                self.at_reference,
                self.with_reference
            );
        }
        if let Some(g) = self.gap_mean {
            let _ = write!(
                s,
                "; gap mean {}%, max {}%",
                pct(Some(g)),
                pct(self.gap_max)
            );
        }
        if let Some(m) = self.peak_rss_max_kib {
            let _ = write!(s, "; peak memory max {} MiB", mib(Some(m)));
        }
        s
    }
}

/// The CSV columns.
pub const CSV_HEADER: &str = "instance,projects,status,objective,bound,gap_pct,reference,reference_kind,deviation_pct,heuristic,time_s,wall_s,peak_rss_mib,note";

fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The rows as CSV (header [`CSV_HEADER`]).
pub fn to_csv(rows: &[Row]) -> String {
    let mut out = String::from(CSV_HEADER);
    out.push('\n');
    for r in rows {
        let o = r.outcome.as_ref();
        let cells = [
            r.instance.clone(),
            o.map(|o| o.projects.to_string()).unwrap_or_default(),
            r.status(),
            opt_num(o.and_then(|o| o.objective)),
            opt_num(o.and_then(|o| o.bound)),
            pct(o.and_then(|o| o.gap)),
            opt_num(r.reference.map(|x| x.value)),
            r.reference
                .map(|x| x.kind.as_str().to_string())
                .unwrap_or_default(),
            r.deviation()
                .map(|d| format!("{:.4}", d * 100.0))
                .unwrap_or_default(),
            opt_num(o.and_then(|o| o.heuristic)),
            o.map(|o| format!("{:.3}", o.seconds)).unwrap_or_default(),
            format!("{:.3}", r.wall_seconds),
            mib(r.peak_rss_kib),
            r.note(),
        ];
        let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out
}

/// The context of a run, for the Markdown header.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    pub suite: String,
    pub date: String,
    pub machine: String,
    pub command: String,
    pub version: String,
    pub time_limit: f64,
    pub jobs: usize,
}

/// The rows as a Markdown table, with the context and the summary.
pub fn to_markdown(meta: &Meta, rows: &[Row], summary: &Summary) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# pmo bench {}\n", meta.suite);
    let _ = writeln!(s, "- date: {}", meta.date);
    let _ = writeln!(s, "- machine: {}", meta.machine);
    let _ = writeln!(s, "- pmo: {}", meta.version);
    let _ = writeln!(s, "- command: `{}`", meta.command);
    let _ = writeln!(
        s,
        "- time limit {} s per instance, {} instance(s) at a time; time = solve time (heuristic + MILP), memory = peak RSS of the instance's process\n",
        fmt_num(meta.time_limit),
        meta.jobs
    );
    let _ = writeln!(s, "**Summary:** {}\n", summary.line());
    s.push_str("| instance | n | status | objective | bound | gap % | reference | dev % | time s | peak MiB | note |\n");
    s.push_str("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for r in rows {
        let o = r.outcome.as_ref();
        let reference = r
            .reference
            .map(|x| {
                let star = if x.kind == RefKind::Optimum {
                    ""
                } else {
                    " (bk)"
                };
                format!("{}{star}", fmt_num(x.value))
            })
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            r.instance,
            o.map(|o| o.projects.to_string()).unwrap_or_default(),
            r.status(),
            opt_num(o.and_then(|o| o.objective)),
            opt_num(o.and_then(|o| o.bound)),
            pct(o.and_then(|o| o.gap)),
            reference,
            r.deviation()
                .map(|d| format!("{:.2}", d * 100.0))
                .unwrap_or_default(),
            o.map(|o| format!("{:.2}", o.seconds)).unwrap_or_default(),
            mib(r.peak_rss_kib),
            r.note().replace('|', "\\|"),
        );
    }
    s.push_str(
        "\n(bk) = best-known value, not a proven optimum. dev % > 0: worse than the reference.\n",
    );
    s
}

/// Today's date (UTC), `YYYY-MM-DD`.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    civil_date((secs / 86_400) as i64)
}

/// Days since 1970-01-01 → `YYYY-MM-DD` (H. Hinnant's algorithm).
pub fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// CPU model (from /proc/cpuinfo), if known.
fn cpu_model() -> Option<String> {
    let text = std::fs::read_to_string("/proc/cpuinfo").ok()?;
    text.lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split_once(':'))
        .map(|(_, v)| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

fn memory_gib() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/meminfo").ok()?;
    let kib: f64 = text
        .lines()
        .find(|l| l.starts_with("MemTotal:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kib / 1024.0 / 1024.0)
}

fn cores() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

/// `2 cores, AMD EPYC, 23.4 GiB RAM, linux x86_64`.
pub fn machine() -> String {
    let mut parts = vec![format!("{} cores", cores())];
    if let Some(m) = cpu_model() {
        parts.push(m);
    }
    if let Some(g) = memory_gib() {
        parts.push(format!("{g:.1} GiB RAM"));
    }
    parts.push(format!(
        "{} {}",
        std::env::consts::OS,
        std::env::consts::ARCH
    ));
    parts.join(", ")
}

/// A folder-name form of the machine: `amd-epyc-2c`.
pub fn machine_slug() -> String {
    let model = cpu_model().unwrap_or_else(|| std::env::consts::ARCH.to_string());
    let mut slug = String::new();
    for c in model.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_matches('-');
    // Keep it short: the first four words.
    let short: Vec<&str> = slug.split('-').take(4).collect();
    format!("{}-{}c", short.join("-"), cores())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert!(matches("mknap1", "mknap1-3"));
        assert!(!matches("mknap1", "mknapcb1-3"));
        assert!(matches("mknap1,mknap2", "mknap2-SENTO1"));
        assert!(matches("j301_1", "j301_1"));
        assert!(!matches("j301_1", "j301_10"));
        assert!(matches("j301", "j301_10"));
        assert!(matches("gen-1000*", "gen-1000x24x15"));
        assert!(matches("mknapcb?-1", "mknapcb4-1"));
        assert!(!matches("mknapcb?-1", "mknapcb4-10"));
    }

    #[test]
    fn source_args_round_trip() {
        for s in [
            Source::Psplib(PathBuf::from("/a/j301_1.sm")),
            Source::Mknap {
                file: PathBuf::from("/b:c/mknap1.txt"),
                problem: 3,
            },
            Source::Generated(GenerateOptions::new(50, 12, 15, 1)),
            Source::Folder(PathBuf::from("data/demo")),
        ] {
            assert_eq!(Source::parse_arg(&s.to_arg()).unwrap(), s);
        }
        assert!(Source::parse_arg("nope").is_err());
    }

    #[test]
    fn dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(20_783), "2026-11-26");
        assert_eq!(civil_date(11_016), "2000-02-29");
    }

    #[test]
    fn deviation_signs() {
        let row = |kind: &str, obj: f64, r: f64| Row {
            instance: "x".into(),
            reference: Some(Reference {
                value: r,
                kind: RefKind::Optimum,
            }),
            outcome: Some(Outcome {
                projects: 1,
                objective_kind: kind.into(),
                status: "feasible".into(),
                objective: Some(obj),
                bound: None,
                gap: None,
                heuristic: None,
                seconds: 1.0,
                violations: 0,
                first_violation: None,
            }),
            error: None,
            wall_seconds: 1.0,
            peak_rss_kib: None,
        };
        assert_eq!(row("makespan", 44.0, 40.0).deviation(), Some(0.1));
        assert_eq!(row("value", 90.0, 100.0).deviation(), Some(0.1));
        assert_eq!(row("value", 100.0, 100.0).deviation(), Some(0.0));
    }
}
