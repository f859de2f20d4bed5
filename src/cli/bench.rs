//! `pmo bench SUITE`: runs a benchmark suite, one child process (`pmo bench-one`) per
//! instance, and writes DIR/NAME.csv and DIR/NAME.md (see `pmo::bench`).

use super::{EXIT_INPUT, EXIT_OK, EXIT_VIOLATIONS};
use anyhow::{Context, Result};
use clap::Args;
use pmo::bench::{self, RunOptions, Source, Suite};
use pmo::io::writers::fmt_num;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

#[derive(Args)]
pub struct BenchArgs {
    /// psplib-j30, psplib-j60, psplib-j120, mkp or synthetic.
    pub suite: String,
    /// Solver time limit per instance, seconds.
    #[arg(long, default_value_t = 60.0)]
    pub time_limit: f64,
    /// Only the instances matching PATTERN: comma-separated names or prefixes
    /// (`mknap1,mknap2`, `j301`), or globs with * and ? (`mknapcb?-1*`).
    #[arg(long, value_name = "PATTERN")]
    pub subset: Option<String>,
    /// Only the first N instances (after --subset).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Instances solved at the same time. Default 1: times are only comparable when
    /// instances do not compete for the cores.
    #[arg(long, default_value_t = 1)]
    pub jobs: usize,
    /// HiGHS threads per instance (default: HiGHS decides).
    #[arg(long)]
    pub threads: Option<u32>,
    /// Output folder (default: benches/results/DATE-MACHINE).
    #[arg(short, long)]
    pub out: Option<PathBuf>,
    /// File name (without extension) of the tables (default: the suite's name).
    #[arg(long)]
    pub name: Option<String>,
    /// The shared benchmark folder (default: ../shared/benchmarks beside the crate).
    #[arg(long)]
    pub benchmarks: Option<PathBuf>,
    /// List the selected instances and their reference values; run nothing.
    #[arg(long)]
    pub list: bool,
}

/// `pmo bench-one INSTANCE`: solves and checks one instance, prints one JSON line.
#[derive(Args)]
pub struct BenchOneArgs {
    /// psplib:PATH, mknap:K:PATH, generate:N:T:S:SEED or folder:PATH.
    pub instance: String,
    #[arg(long, default_value_t = 60.0)]
    pub time_limit: f64,
    #[arg(long)]
    pub threads: Option<u32>,
}

pub fn run(a: BenchArgs) -> Result<u8> {
    let Some(suite) = Suite::parse(&a.suite) else {
        eprintln!(
            "error: unknown suite `{}` (expected one of: {})",
            a.suite,
            Suite::NAMES.join(", ")
        );
        return Ok(EXIT_INPUT);
    };
    if a.time_limit.is_nan() || a.time_limit < 0.0 {
        eprintln!("error: --time-limit must be a number of seconds ≥ 0");
        return Ok(EXIT_INPUT);
    }
    let benchmarks = a.benchmarks.unwrap_or_else(bench::default_benchmarks_dir);
    let all = match bench::instances(suite, &benchmarks) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(EXIT_INPUT);
        }
    };
    let instances = bench::select(all, a.subset.as_deref(), a.limit);
    if instances.is_empty() {
        eprintln!(
            "error: no instance of {} matches --subset {}",
            suite.name(),
            a.subset.as_deref().unwrap_or("")
        );
        return Ok(EXIT_INPUT);
    }
    if a.list {
        for i in &instances {
            let r = i
                .reference
                .map(|r| format!("{} ({})", fmt_num(r.value), r.kind.as_str()))
                .unwrap_or_else(|| "-".into());
            println!("{}  {}  reference {}", i.name, i.source.to_arg(), r);
        }
        return Ok(EXIT_OK);
    }
    let date = bench::today();
    let out = a.out.unwrap_or_else(|| {
        PathBuf::from("benches/results").join(format!("{date}-{}", bench::machine_slug()))
    });
    let name = a.name.unwrap_or_else(|| suite.name().to_string());
    let exe = std::env::current_exe().context("locating the pmo executable")?;
    let opts = RunOptions {
        time_limit: a.time_limit,
        threads: a.threads,
    };
    let total = instances.len();
    eprintln!(
        "pmo bench {}: {} instance(s), {} s each, {} at a time",
        suite.name(),
        total,
        fmt_num(a.time_limit),
        a.jobs.max(1)
    );
    let done = AtomicUsize::new(0);
    let rows = bench::run_all(&exe, &instances, &opts, a.jobs, |row| {
        let k = done.fetch_add(1, Ordering::SeqCst) + 1;
        let o = row.outcome.as_ref();
        let dev = row
            .deviation()
            .map(|d| format!("  dev {:.2}%", d * 100.0))
            .unwrap_or_default();
        let gap = o
            .and_then(|o| o.gap)
            .map(|g| format!("  gap {:.2}%", g * 100.0))
            .unwrap_or_default();
        eprintln!(
            "[{k}/{total}] {}  {}  {}{}{}  {}  {}",
            row.instance,
            row.status(),
            o.and_then(|o| o.objective)
                .map(fmt_num)
                .unwrap_or_else(|| "-".into()),
            gap,
            dev,
            o.map(|o| format!("{:.2} s", o.seconds))
                .unwrap_or_else(|| format!("{:.2} s wall", row.wall_seconds)),
            row.peak_rss_kib
                .map(|k| format!("{:.0} MiB", k as f64 / 1024.0))
                .unwrap_or_default(),
        );
        if !row.note().is_empty() {
            eprintln!("    {}", row.note());
        }
    })
    .map_err(anyhow::Error::msg)?;
    let summary = bench::summarize(&rows);
    let args: Vec<String> = std::env::args().skip(1).collect();
    let meta = bench::Meta {
        suite: suite.name().to_string(),
        date,
        machine: bench::machine(),
        command: format!("pmo {}", args.join(" ")),
        version: version(),
        time_limit: a.time_limit,
        jobs: a.jobs.max(1),
    };
    std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
    let csv = out.join(format!("{name}.csv"));
    let md = out.join(format!("{name}.md"));
    std::fs::write(&csv, bench::to_csv(&rows))
        .with_context(|| format!("writing {}", csv.display()))?;
    std::fs::write(&md, bench::to_markdown(&meta, &rows, &summary))
        .with_context(|| format!("writing {}", md.display()))?;
    println!("{}", summary.line());
    println!("wrote {} and {}", csv.display(), md.display());
    Ok(if summary.failed > 0 {
        EXIT_VIOLATIONS
    } else {
        EXIT_OK
    })
}

/// `0.1.0 (git abc1234-dirty)` when git is at hand.
fn version() -> String {
    let v = env!("CARGO_PKG_VERSION");
    let git = std::process::Command::new("git")
        .args(["describe", "--always", "--dirty", "--exclude", "*"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|s| !s.is_empty());
    match git {
        Some(g) => format!("{v} (git {g})"),
        None => v.to_string(),
    }
}

pub fn run_one(a: BenchOneArgs) -> Result<u8> {
    let source = match Source::parse_arg(&a.instance) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(EXIT_INPUT);
        }
    };
    let opts = RunOptions {
        time_limit: a.time_limit,
        threads: a.threads,
    };
    match bench::run_in_process(&source, &opts) {
        Ok(outcome) => {
            println!("{}", serde_json::to_string(&outcome)?);
            Ok(EXIT_OK)
        }
        Err(e) => {
            eprintln!("error: {e}");
            Ok(EXIT_INPUT)
        }
    }
}
