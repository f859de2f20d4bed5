//! PSPLIB single-mode RCPSP importer (`.sm` files of the j30, j60 and j120 sets) and
//! readers for the reference-value tables (`j30opt.sm`, `j60hrs.sm`, `j120hrs.sm`, the
//! `*lb.sm` bound tables).
//!
//! An RCPSP instance becomes a [`Portfolio`] with objective [`Objective::Makespan`]:
//!
//! * horizon: plain numbered periods starting at 1, as many as the file's `horizon`
//!   (the sum of all durations, so every instance has a schedule inside it);
//! * one mandatory project per non-dummy job, id `J<n>` and name `job <n>` with the job
//!   number `n` of the file, window = the whole horizon, value 0;
//! * one skill per renewable resource, `R1`..`RK`, with constant capacity;
//! * one flat demand per (job, resource) with a positive request `r`: `r` person-days in
//!   every period of the job's run;
//! * `precedes` (lag 0) for every successor link between non-dummy jobs. Jobs of
//!   duration 0 other than the dummy source and sink are contracted (their predecessors
//!   are linked to their successors), which keeps precedence exact; the dummy source and
//!   sink are dropped.
//!
//! # Makespan
//!
//! PSPLIB schedules are 0-based integer start times `S_j`, and the makespan is
//! `max_j (S_j + d_j)` (= `S` of the dummy sink). In this model a job started at 0-based
//! period `S_j` finishes at 0-based period `S_j + d_j − 1`, i.e. at the **1-based finish
//! index `S_j + d_j`**, and the `makespan` objective is the maximum 1-based finish index.
//! So a PSPLIB schedule maps to a plan with the same start indexes, and its makespan is
//! exactly the value the `makespan` objective reports: optimal makespans from
//! `j30opt.sm` and bounds from `j60hrs.sm` / `j120hrs.sm` compare directly.
//! The RCPSP precedence `S_j ≥ S_i + d_i` is the `precedes` rule with lag 0:
//! `start(j) ≥ finish(i) + 1 = S_i + d_i`.

use crate::model::{
    BudgetLimit, Demand, DepKind, Dependency, Horizon, HorizonKind, Objective, Portfolio, Project,
    Settings,
};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Why a PSPLIB file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PsplibError {
    /// The file cannot be read.
    #[error("{}: cannot read the file: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The file is read but its content is not what the format says.
    #[error("{}{}: {message}", .path.display(), line_suffix(*.line))]
    Malformed {
        path: PathBuf,
        /// 1-based line, when the problem is tied to one.
        line: Option<usize>,
        message: String,
    },
}

fn line_suffix(line: Option<usize>) -> String {
    line.map(|l| format!(" line {l}")).unwrap_or_default()
}

fn malformed(path: &Path, line: Option<usize>, message: impl Into<String>) -> PsplibError {
    PsplibError::Malformed {
        path: path.to_path_buf(),
        line,
        message: message.into(),
    }
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, PsplibError> {
    std::fs::read(path).map_err(|source| PsplibError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// The shared benchmark sub-folder `sub` (`psplib`, `mkp`, …) of
/// `$CARGO_MANIFEST_DIR/../shared/benchmarks`, for tests and benches.
///
/// When the folder is absent this prints a message saying what is skipped and returns
/// `None`, so a test can return early — unless the environment variable `CI` is `true`,
/// where an absent benchmark folder is a failure.
///
/// # Panics
/// When the folder is absent and `CI=true`.
pub fn shared_benchmarks(sub: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/benchmarks")
        .join(sub);
    if dir.is_dir() {
        return Some(dir);
    }
    let ci = std::env::var("CI").is_ok_and(|v| v.trim().eq_ignore_ascii_case("true"));
    if ci {
        panic!(
            "benchmark folder {} is missing (CI=true: absence is a failure)",
            dir.display()
        );
    }
    eprintln!(
        "skipping: benchmark folder {} not found (set CI=true to make this a failure)",
        dir.display()
    );
    None
}

/// Splits a PSPLIB instance name (`j301_1`, `j1205_10`, with or without `.sm`) into
/// (number of jobs of the set, parameter P, instance I). Knows the sets j30, j60, j90
/// and j120.
pub fn parse_instance_name(name: &str) -> Option<(u32, u32, u32)> {
    let name = name.strip_suffix(".sm").unwrap_or(name);
    for set in [120u32, 30, 60, 90] {
        let prefix = format!("j{set}");
        if let Some(rest) = name.strip_prefix(&prefix) {
            let (p, i) = rest.split_once('_')?;
            return Some((set, p.parse().ok()?, i.parse().ok()?));
        }
    }
    None
}

/// Reads a PSPLIB single-mode `.sm` file into a portfolio (see the module documentation).
/// The portfolio is named after the file stem.
pub fn read_sm(path: &Path) -> Result<Portfolio, PsplibError> {
    let bytes = read_bytes(path)?;
    parse_sm(&String::from_utf8_lossy(&bytes), path)
}

/// Parses the text of a `.sm` file; `path` names it in errors and gives the portfolio
/// its name (the file stem).
pub fn parse_sm(text: &str, path: &Path) -> Result<Portfolio, PsplibError> {
    let lines: Vec<&str> = text.lines().collect();
    let err = |line: Option<usize>, msg: String| malformed(path, line, msg);

    // --- header values -------------------------------------------------------------
    let header = |starts: &str, what: &str| -> Result<(usize, u64), PsplibError> {
        let (i, line) = lines
            .iter()
            .enumerate()
            .find(|(_, l)| l.trim_start().to_ascii_lowercase().starts_with(starts))
            .ok_or_else(|| err(None, format!("no `{what}` line in the header")))?;
        let value = line
            .split_once(':')
            .and_then(|(_, v)| v.split_whitespace().next())
            .ok_or_else(|| err(Some(i + 1), format!("`{what}` has no value after `:`")))?;
        let n = value.parse::<u64>().map_err(|_| {
            err(
                Some(i + 1),
                format!("`{what}`: expected a non-negative integer, found `{value}`"),
            )
        })?;
        Ok((i + 1, n))
    };
    let (jobs_line, jobs) = header("jobs", "jobs (incl. supersource/sink )")?;
    let (horizon_line, horizon) = header("horizon", "horizon")?;
    let (_, renewable) = header("- renewable", "- renewable")?;
    let (nonren_line, nonrenewable) = header("- nonrenewable", "- nonrenewable").unwrap_or((0, 0));
    let (doubly_line, doubly) =
        header("- doubly constrained", "- doubly constrained").unwrap_or((0, 0));
    if nonrenewable > 0 {
        return Err(err(
            Some(nonren_line),
            format!(
                "{nonrenewable} nonrenewable resources: only renewable resources are supported"
            ),
        ));
    }
    if doubly > 0 {
        return Err(err(
            Some(doubly_line),
            format!(
                "{doubly} doubly constrained resources: only renewable resources are supported"
            ),
        ));
    }
    if jobs < 2 {
        return Err(err(
            Some(jobs_line),
            format!("{jobs} jobs: expected at least the dummy source and sink"),
        ));
    }
    if jobs > 1_000_000 {
        return Err(err(
            Some(jobs_line),
            format!("{jobs} jobs: implausibly many"),
        ));
    }
    if horizon == 0 || horizon > 10_000_000 {
        return Err(err(
            Some(horizon_line),
            format!("horizon {horizon}: expected an integer from 1 to 10000000"),
        ));
    }
    let n_jobs = jobs as usize;
    let k_res = renewable as usize;
    let periods = horizon as usize;

    // --- sections ------------------------------------------------------------------
    let section = |title: &str| -> Result<usize, PsplibError> {
        lines
            .iter()
            .position(|l| l.trim_start().to_ascii_uppercase().starts_with(title))
            .ok_or_else(|| err(None, format!("no `{title}` section")))
    };
    // The data lines of a section: lines whose first token is an integer, after the
    // section title, until a `*` line.
    let data_lines = |start: usize| -> Vec<(usize, Vec<&str>)> {
        lines[start + 1..]
            .iter()
            .enumerate()
            .map(|(i, l)| (start + 2 + i, l))
            .take_while(|(_, l)| !l.trim_start().starts_with('*'))
            .map(|(n, l)| (n, l.split_whitespace().collect::<Vec<_>>()))
            .filter(|(_, t)| t.first().is_some_and(|t| t.parse::<u64>().is_ok()))
            .collect()
    };
    let int = |line: usize, tok: &str, what: &str| -> Result<u64, PsplibError> {
        tok.parse::<u64>().map_err(|_| {
            err(
                Some(line),
                format!("{what}: expected a non-negative integer, found `{tok}`"),
            )
        })
    };
    let job_index = |line: usize, tok: &str, what: &str| -> Result<usize, PsplibError> {
        let j = int(line, tok, what)?;
        if j == 0 || j > jobs {
            return Err(err(
                Some(line),
                format!("{what} {j}: expected a job number from 1 to {jobs}"),
            ));
        }
        Ok(j as usize - 1)
    };

    // PRECEDENCE RELATIONS
    let prec_start = section("PRECEDENCE RELATIONS")?;
    let prec = data_lines(prec_start);
    if prec.len() != n_jobs {
        return Err(err(
            Some(prec_start + 1),
            format!(
                "PRECEDENCE RELATIONS: expected {n_jobs} job lines, found {}",
                prec.len()
            ),
        ));
    }
    let mut successors: Vec<Option<Vec<usize>>> = vec![None; n_jobs];
    for (line, toks) in &prec {
        let line = *line;
        if toks.len() < 3 {
            return Err(err(
                Some(line),
                "expected `jobnr #modes #successors successors…`".into(),
            ));
        }
        let j = job_index(line, toks[0], "job number")?;
        let modes = int(line, toks[1], "#modes")?;
        if modes != 1 {
            return Err(err(
                Some(line),
                format!(
                    "job {}: {modes} modes; only single-mode files are supported",
                    j + 1
                ),
            ));
        }
        let ns = int(line, toks[2], "#successors")? as usize;
        if toks.len() != 3 + ns {
            return Err(err(
                Some(line),
                format!(
                    "job {}: {ns} successors announced, {} listed",
                    j + 1,
                    toks.len() - 3
                ),
            ));
        }
        if successors[j].is_some() {
            return Err(err(Some(line), format!("job {} is listed twice", j + 1)));
        }
        let succ = toks[3..]
            .iter()
            .map(|t| job_index(line, t, "successor"))
            .collect::<Result<Vec<_>, _>>()?;
        successors[j] = Some(succ);
    }
    let successors: Vec<Vec<usize>> = successors
        .into_iter()
        .map(Option::unwrap_or_default)
        .collect();

    // REQUESTS/DURATIONS
    let req_start = section("REQUESTS/DURATIONS")?;
    let reqs = data_lines(req_start);
    if reqs.len() != n_jobs {
        return Err(err(
            Some(req_start + 1),
            format!(
                "REQUESTS/DURATIONS: expected {n_jobs} job lines, found {}",
                reqs.len()
            ),
        ));
    }
    let mut duration: Vec<Option<usize>> = vec![None; n_jobs];
    let mut request: Vec<Vec<u64>> = vec![Vec::new(); n_jobs];
    for (line, toks) in &reqs {
        let line = *line;
        if toks.len() != 3 + k_res {
            return Err(err(
                Some(line),
                format!(
                    "expected `jobnr mode duration` and {k_res} requests, found {} numbers",
                    toks.len()
                ),
            ));
        }
        let j = job_index(line, toks[0], "job number")?;
        let mode = int(line, toks[1], "mode")?;
        if mode != 1 {
            return Err(err(
                Some(line),
                format!(
                    "job {}: mode {mode}; only single-mode files are supported",
                    j + 1
                ),
            ));
        }
        if duration[j].is_some() {
            return Err(err(Some(line), format!("job {} is listed twice", j + 1)));
        }
        let d = int(line, toks[2], "duration")?;
        if d > horizon {
            return Err(err(
                Some(line),
                format!("job {}: duration {d} exceeds the horizon {horizon}", j + 1),
            ));
        }
        duration[j] = Some(d as usize);
        request[j] = toks[3..]
            .iter()
            .map(|t| int(line, t, "request"))
            .collect::<Result<Vec<_>, _>>()?;
    }
    let duration: Vec<usize> = duration
        .into_iter()
        .map(Option::unwrap_or_default)
        .collect();

    // RESOURCEAVAILABILITIES
    let cap_start = section("RESOURCEAVAILABILITIES")?;
    let caps = data_lines(cap_start);
    let (cap_line, cap_toks) = caps.first().ok_or_else(|| {
        err(
            Some(cap_start + 1),
            "RESOURCEAVAILABILITIES: no line of capacities".into(),
        )
    })?;
    if cap_toks.len() != k_res {
        return Err(err(
            Some(*cap_line),
            format!(
                "expected {k_res} resource capacities, found {}",
                cap_toks.len()
            ),
        ));
    }
    let capacity = cap_toks
        .iter()
        .map(|t| int(*cap_line, t, "capacity"))
        .collect::<Result<Vec<_>, _>>()?;

    // --- checks --------------------------------------------------------------------
    let (source, sink) = (0, n_jobs - 1);
    for (j, what) in [(source, "dummy source"), (sink, "dummy sink")] {
        if duration[j] != 0 {
            return Err(err(
                None,
                format!(
                    "job {} ({what}) has duration {}; expected 0",
                    j + 1,
                    duration[j]
                ),
            ));
        }
    }
    let edges: Vec<(usize, usize)> = successors
        .iter()
        .enumerate()
        .flat_map(|(i, s)| s.iter().map(move |&j| (i, j)))
        .collect();
    if let Some(cycle) = crate::graph::find_cycle(n_jobs, &edges) {
        let names: Vec<String> = cycle.iter().map(|j| (j + 1).to_string()).collect();
        return Err(err(
            Some(prec_start + 1),
            format!("precedence cycle through jobs {}", names.join(" → ")),
        ));
    }

    // --- build ---------------------------------------------------------------------
    let is_real = |j: usize| j != source && j != sink && duration[j] > 0;
    let mut project_of = vec![usize::MAX; n_jobs];
    let mut projects = Vec::new();
    for j in (0..n_jobs).filter(|&j| is_real(j)) {
        project_of[j] = projects.len();
        projects.push(Project {
            id: format!("J{}", j + 1),
            name: format!("job {}", j + 1),
            value: 0.0,
            benefit: 0.0,
            cost: 0.0,
            duration: duration[j],
            mandatory: true,
            earliest_start: 0,
            deadline: periods - 1,
            category: None,
        });
    }

    // Successor links between real jobs, through any chain of zero-duration jobs.
    let mut links: BTreeSet<(usize, usize)> = BTreeSet::new();
    for i in (0..n_jobs).filter(|&j| is_real(j)) {
        let mut seen = vec![false; n_jobs];
        let mut stack: Vec<usize> = successors[i].clone();
        while let Some(j) = stack.pop() {
            if std::mem::replace(&mut seen[j], true) {
                continue;
            }
            if is_real(j) {
                links.insert((project_of[i], project_of[j]));
            } else {
                stack.extend(successors[j].iter().copied());
            }
        }
    }
    let dependencies = links
        .into_iter()
        .map(|(from, to)| Dependency {
            from,
            to,
            kind: DepKind::Precedes { lag: 0 },
        })
        .collect();

    let mut demands = Vec::new();
    for j in (0..n_jobs).filter(|&j| is_real(j)) {
        for (k, &r) in request[j].iter().enumerate() {
            if r > 0 {
                demands.push(Demand {
                    project: project_of[j],
                    skill: k,
                    profile: vec![r as f64; duration[j]],
                });
            }
        }
    }

    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Portfolio {
        name,
        horizon: Horizon::new(HorizonKind::Numbered { first: 1 }, periods),
        settings: Settings {
            objective: Objective::Makespan,
            ..Settings::default()
        },
        projects,
        skills: (1..=k_res).map(|k| format!("R{k}")).collect(),
        capacity: capacity.iter().map(|&c| vec![c as f64; periods]).collect(),
        people: Vec::new(),
        demands,
        dependencies,
        budgets: Vec::<BudgetLimit>::new(),
    })
}

/// Rows whose first `width` whitespace-separated fields are unsigned integers, keyed by
/// the first two. Reads bytes (Latin-1 files are fine: only ASCII digits matter).
fn read_int_table(
    path: &Path,
    width: usize,
) -> Result<BTreeMap<(u32, u32), Vec<u32>>, PsplibError> {
    let bytes = read_bytes(path)?;
    let mut rows = BTreeMap::new();
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        let mut nums = Vec::with_capacity(width);
        for tok in line
            .split(|b| b.is_ascii_whitespace())
            .filter(|t| !t.is_empty())
            .take(width)
        {
            if !tok.iter().all(u8::is_ascii_digit) {
                break;
            }
            // All ASCII digits, so UTF-8; may still overflow u32.
            match std::str::from_utf8(tok)
                .ok()
                .and_then(|s| s.parse::<u32>().ok())
            {
                Some(n) => nums.push(n),
                None => {
                    return Err(malformed(
                        path,
                        Some(i + 1),
                        "number too large for a 32-bit integer",
                    ))
                }
            }
        }
        if nums.len() < width {
            continue; // header, separator or free text
        }
        let key = (nums[0], nums[1]);
        if rows.insert(key, nums[2..].to_vec()).is_some() {
            return Err(malformed(
                path,
                Some(i + 1),
                format!("parameter {} instance {} is listed twice", key.0, key.1),
            ));
        }
    }
    if rows.is_empty() {
        return Err(malformed(
            path,
            None,
            format!("no data rows (lines starting with {width} integers)"),
        ));
    }
    Ok(rows)
}

/// Reads `j30opt.sm`: rows `P I makespan cpu`, as a map (P, I) → optimal makespan.
pub fn read_j30opt(path: &Path) -> Result<BTreeMap<(u32, u32), u32>, PsplibError> {
    read_hrs(path)
}

/// Reads a best-known-upper-bound table (`j30hrs.sm`, `j60hrs.sm`, `j120hrs.sm`; rows
/// `P I makespan date author`) as a map (P, I) → makespan: the first three integers of
/// each data line. `j120hrs.sm` is Latin-1; the file is read as bytes, not UTF-8.
pub fn read_hrs(path: &Path) -> Result<BTreeMap<(u32, u32), u32>, PsplibError> {
    Ok(read_int_table(path, 3)?
        .into_iter()
        .map(|(k, v)| (k, v[0]))
        .collect())
}

/// (parameter P, instance I) → (upper bound, lower bound) on the makespan.
pub type Bounds = BTreeMap<(u32, u32), (u32, u32)>;

/// Reads an upper/lower-bound table (`j60lb.sm`, `j120lb.sm`; rows `P I UB LB [*] author`)
/// as a map (P, I) → (UB, LB). For j120 take the UB from `j120hrs.sm` instead (the UB
/// column of `j120lb.sm` is stale).
pub fn read_bounds(path: &Path) -> Result<Bounds, PsplibError> {
    Ok(read_int_table(path, 4)?
        .into_iter()
        .map(|(k, v)| (k, (v[0], v[1])))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(name)
    }

    /// Longest path (1-based finish of the last project) with unlimited resources.
    fn critical_path(p: &Portfolio) -> usize {
        let mut finish: Vec<usize> = p.projects.iter().map(|x| x.duration).collect();
        // Bellman-Ford style relaxation: the graph is a DAG with few nodes.
        loop {
            let mut changed = false;
            for d in &p.dependencies {
                let cand = finish[d.from] + p.projects[d.to].duration;
                if cand > finish[d.to] {
                    finish[d.to] = cand;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        finish.into_iter().max().unwrap_or(0)
    }

    /// `MPM-Time` of the PROJECT INFORMATION line (the critical path length).
    fn mpm_time(text: &str) -> usize {
        let lines: Vec<&str> = text.lines().collect();
        let i = lines.iter().position(|l| l.starts_with("pronr.")).unwrap();
        lines[i + 1]
            .split_whitespace()
            .nth(5)
            .unwrap()
            .parse()
            .unwrap()
    }

    #[test]
    fn j301_1_from_tests_data() {
        let path = data("j301_1.sm");
        let p = read_sm(&path).unwrap();
        assert_eq!(p.name, "j301_1");
        assert_eq!(p.projects.len(), 30);
        assert_eq!(p.skills, vec!["R1", "R2", "R3", "R4"]);
        let caps: Vec<f64> = p.capacity.iter().map(|c| c[0]).collect();
        assert_eq!(caps, vec![12.0, 13.0, 4.0, 12.0]);
        assert!(p.capacity.iter().all(|c| c.len() == 158));
        assert_eq!(p.periods(), 158);
        assert_eq!(p.horizon.kind, HorizonKind::Numbered { first: 1 });
        assert_eq!(p.settings.objective, Objective::Makespan);
        let j2 = &p.projects[0];
        assert_eq!((j2.id.as_str(), j2.name.as_str()), ("J2", "job 2"));
        assert_eq!(j2.duration, 8);
        assert!(p
            .projects
            .iter()
            .all(|x| x.mandatory && x.deadline == 157 && x.earliest_start == 0));
        // job 2 needs 4 of R1 for 8 periods, nothing else
        let d2: Vec<&Demand> = p.demands.iter().filter(|d| d.project == 0).collect();
        assert_eq!(d2.len(), 1);
        assert_eq!((d2[0].skill, d2[0].profile.clone()), (0, vec![4.0; 8]));
        // job 2 → 6, 11, 15; links from the source (1) and to the sink (32) are dropped
        let j = |id: &str| p.project_index(id).unwrap();
        let succ2: Vec<usize> = p
            .dependencies
            .iter()
            .filter(|d| d.from == j("J2"))
            .map(|d| d.to)
            .collect();
        assert_eq!(succ2, vec![j("J6"), j("J11"), j("J15")]);
        assert!(p
            .dependencies
            .iter()
            .all(|d| d.kind == DepKind::Precedes { lag: 0 }));
        // 1 → {2,3,4} and {29,30,31} → 32 are dummies: 48 successor entries - 3 - 3
        assert_eq!(p.dependencies.len(), 42);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(critical_path(&p), mpm_time(&text));
    }

    #[test]
    fn zero_duration_jobs_are_contracted() {
        // 1 → 2 → 3(0) → 4(0) → 5 and 2 → 6; 5, 6 → 7 (sink)
        let text = "\
jobs (incl. supersource/sink ):  7
horizon                       :  6
RESOURCES
  - renewable                 :  1   R
  - nonrenewable              :  0   N
  - doubly constrained        :  0   D
****
PRECEDENCE RELATIONS:
jobnr.    #modes  #successors   successors
   1        1          1           2
   2        1          2           3   6
   3        1          1           4
   4        1          1           5
   5        1          1           7
   6        1          1           7
   7        1          0
****
REQUESTS/DURATIONS:
jobnr. mode duration  R 1
------------------------------------------------------------------------
  1      1     0       0
  2      1     2       1
  3      1     0       5
  4      1     0       0
  5      1     3       2
  6      1     1       0
  7      1     0       0
****
RESOURCEAVAILABILITIES:
  R 1
   5
****
";
        let p = parse_sm(text, Path::new("tiny.sm")).unwrap();
        let ids: Vec<&str> = p.projects.iter().map(|x| x.id.as_str()).collect();
        assert_eq!(ids, vec!["J2", "J5", "J6"]);
        let deps: Vec<(usize, usize)> = p.dependencies.iter().map(|d| (d.from, d.to)).collect();
        assert_eq!(deps, vec![(0, 1), (0, 2)]);
        // job 6 requests nothing; job 3's request is dropped with it
        assert_eq!(p.demands.len(), 2);
        assert_eq!(critical_path(&p), 5);
    }

    fn tiny_with(replace: (&str, &str)) -> Result<Portfolio, PsplibError> {
        let text = std::fs::read_to_string(data("j301_1.sm")).unwrap();
        assert!(text.contains(replace.0), "{}", replace.0);
        parse_sm(&text.replacen(replace.0, replace.1, 1), Path::new("bad.sm"))
    }

    #[test]
    fn malformed_input_is_a_typed_error() {
        let cases = [
            (
                (
                    "  2        1          3           6  11  15",
                    "  2        1          3           6  11",
                ),
                "line 20",
                "3 successors announced, 2 listed",
            ),
            (
                (
                    "  2        1          3           6  11  15",
                    "  2        1          3           6  11  99",
                ),
                "line 20",
                "successor 99",
            ),
            (
                ("  2      1     8       4", "  2      1     x       4"),
                "line 56",
                "duration: expected a non-negative integer, found `x`",
            ),
            (
                ("  2      1     8       4", "  2      2     8       4"),
                "line 56",
                "only single-mode",
            ),
            (
                ("   12   13    4   12", "   12   13    4"),
                "line 90",
                "expected 4 resource capacities, found 3",
            ),
            (
                (
                    "horizon                       :  158",
                    "horizon                       :  0",
                ),
                "line 7",
                "horizon 0",
            ),
            (
                (
                    "  - nonrenewable              :  0",
                    "  - nonrenewable              :  2",
                ),
                "line 10",
                "only renewable",
            ),
            (
                (
                    "  31        1          1          32",
                    "  31        1          1          2",
                ),
                "precedence cycle through jobs 2",
                "",
            ),
            (
                ("PRECEDENCE RELATIONS:", "PRECEDENCE:"),
                "no `PRECEDENCE RELATIONS` section",
                "",
            ),
            (
                (" 32      1     0       0", " 32      1     3       0"),
                "dummy sink",
                "",
            ),
        ];
        for (replace, a, b) in cases {
            let e = tiny_with(replace).expect_err(replace.1);
            let msg = e.to_string();
            assert!(matches!(e, PsplibError::Malformed { .. }));
            assert!(msg.starts_with("bad.sm"), "{msg}");
            assert!(
                msg.contains(a) && msg.contains(b),
                "{msg} should contain `{a}` and `{b}`"
            );
        }
        // truncated file
        let text = std::fs::read_to_string(data("j301_1.sm")).unwrap();
        let cut: String = text.lines().take(40).collect::<Vec<_>>().join("\n");
        let e = parse_sm(&cut, Path::new("cut.sm")).unwrap_err().to_string();
        assert!(e.contains("expected 32 job lines, found 22"), "{e}");
        assert!(parse_sm("", Path::new("empty.sm")).is_err());
        assert!(parse_sm("\u{0}\u{ff}garbage: 12", Path::new("g.sm")).is_err());
        let e = read_sm(Path::new("/nonexistent/x.sm")).unwrap_err();
        assert!(matches!(e, PsplibError::Io { .. }));
        assert!(e.to_string().contains("/nonexistent/x.sm"));
    }

    #[test]
    fn instance_names() {
        assert_eq!(parse_instance_name("j301_1.sm"), Some((30, 1, 1)));
        assert_eq!(parse_instance_name("j3010_10"), Some((30, 10, 10)));
        assert_eq!(parse_instance_name("j12060_7.sm"), Some((120, 60, 7)));
        assert_eq!(parse_instance_name("j6048_1"), Some((60, 48, 1)));
        assert_eq!(parse_instance_name("x.sm"), None);
    }

    fn sm_files(dir: &Path) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "sm"))
            .collect();
        files.sort();
        files
    }

    #[test]
    fn all_j30_files_parse_and_match_their_critical_path() {
        let Some(dir) = shared_benchmarks("psplib") else {
            return;
        };
        let opt = read_j30opt(&dir.join("solutions/j30opt.sm")).unwrap();
        assert_eq!(opt.len(), 480);
        assert_eq!(opt[&(1, 1)], 43);
        assert_eq!(opt[&(48, 10)], 54);
        let files = sm_files(&dir.join("j30"));
        assert_eq!(files.len(), 480);
        for f in &files {
            let p = read_sm(f).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(p.projects.len(), 30, "{}", f.display());
            assert_eq!(p.skills.len(), 4);
            let text = std::fs::read_to_string(f).unwrap();
            let cp = critical_path(&p);
            assert_eq!(cp, mpm_time(&text), "{}", f.display());
            let (_, pp, ii) = parse_instance_name(&p.name).unwrap();
            assert!(opt[&(pp, ii)] as usize >= cp, "{}", f.display());
            // the shared copy of j301_1 is the one in tests/data
            if p.name == "j301_1" {
                assert_eq!(p, read_sm(&data("j301_1.sm")).unwrap());
            }
        }
    }

    #[test]
    fn all_j60_and_j120_files_parse() {
        let Some(dir) = shared_benchmarks("psplib") else {
            return;
        };
        for (set, jobs, count) in [("j60", 60, 480), ("j120", 120, 600)] {
            let files = sm_files(&dir.join(set));
            assert_eq!(files.len(), count, "{set}");
            for f in &files {
                let p = read_sm(f).unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(p.projects.len(), jobs, "{}", f.display());
            }
        }
    }

    #[test]
    fn reference_tables() {
        let Some(dir) = shared_benchmarks("psplib") else {
            return;
        };
        let s = dir.join("solutions");
        let j30 = read_hrs(&s.join("j30hrs.sm")).unwrap();
        assert_eq!(j30, read_j30opt(&s.join("j30opt.sm")).unwrap());
        let j60 = read_hrs(&s.join("j60hrs.sm")).unwrap();
        assert_eq!(j60.len(), 480);
        assert_eq!(j60[&(1, 1)], 77);
        let j120 = read_hrs(&s.join("j120hrs.sm")).unwrap();
        assert_eq!(j120.len(), 600);
        assert_eq!(j120[&(1, 1)], 105);
        let lb120 = read_bounds(&s.join("j120lb.sm")).unwrap();
        assert_eq!(lb120.len(), 600);
        assert!(lb120.iter().all(|(k, &(_, lb))| lb <= j120[k]));
        let lb60 = read_bounds(&s.join("j60lb.sm")).unwrap();
        assert_eq!(lb60.len(), 410);
        assert!(lb60.iter().all(|(k, &(ub, lb))| lb <= ub && ub == j60[k]));
    }

    /// The Creemers schedules (0-based start times per .sm job) are feasible plans of
    /// the imported portfolio with the same start indexes, and their makespan is the
    /// model's objective (the maximum 1-based finish index).
    #[test]
    fn creemers_j60_schedules_are_plans_with_the_same_makespan() {
        let Some(dir) = shared_benchmarks("psplib") else {
            return;
        };
        let text = std::fs::read_to_string(dir.join("solutions/J60_C.csv")).unwrap();
        let mut checked = 0;
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with('\u{feff}'))
        {
            let cells: Vec<&str> = line.trim_end().split(';').collect();
            if cells.len() < 5 || cells[1] == "lower bound" || cells[0] == "ID" {
                continue;
            }
            let id: u32 = cells[0].parse().unwrap();
            let value: f64 = cells[2].parse().unwrap();
            let starts: Vec<usize> = cells[4..]
                .iter()
                .filter(|c| !c.is_empty())
                .map(|c| c.parse().unwrap())
                .collect();
            assert_eq!(starts.len(), 62);
            let (pp, ii) = ((id - 1) / 10 + 1, (id - 1) % 10 + 1);
            let p = read_sm(&dir.join(format!("j60/j60{pp}_{ii}.sm"))).unwrap();
            let plan = crate::model::Plan {
                start: p
                    .projects
                    .iter()
                    .map(|x| Some(starts[x.id[1..].parse::<usize>().unwrap() - 1]))
                    .collect(),
            };
            for d in &p.dependencies {
                assert!(plan.start[d.to].unwrap() > plan.finish(&p, d.from).unwrap());
            }
            let mut load = vec![vec![0.0; p.periods()]; p.skills.len()];
            for d in &p.demands {
                let s = plan.start[d.project].unwrap();
                for (o, e) in d.profile.iter().enumerate() {
                    load[d.skill][s + o] += e;
                }
            }
            for (k, l) in load.iter().enumerate() {
                assert!(l.iter().zip(&p.capacity[k]).all(|(a, c)| a <= c), "id {id}");
            }
            assert_eq!(plan.objective(&p), value, "id {id}");
            checked += 1;
        }
        assert_eq!(checked, 480);
    }
}
