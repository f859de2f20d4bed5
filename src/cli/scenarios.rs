//! `pmo scenarios DIR [--file F]`: the baseline and every scenario of scenarios.csv,
//! solved in parallel, each plan checked and written under OUT/scenarios/NAME/, and a
//! comparison (OUT/scenarios.csv and a table on stdout).

use super::progress::Progress;
use super::{load, outputs, EXIT_INPUT, EXIT_OK};
use anyhow::{bail, Context, Result};
use clap::Args;
use pmo::io::writers::{self, fmt_num, PlanReport};
use pmo::model::{Plan, Portfolio};
use pmo::scenario::run::{self, status_word};
use pmo::scenario::{load_scenarios, Variant};
use pmo::solve::{Solution, SolveOptions};
use std::path::{Path, PathBuf};

/// Options shared by `scenarios`, `frontier` and `explain`.
#[derive(Args)]
pub struct Common {
    /// The portfolio folder (settings.csv, projects.csv, …).
    pub dir: PathBuf,
    /// Output folder (default: DIR/out).
    #[arg(short, long)]
    pub out: Option<PathBuf>,
    /// Solves run in parallel (default: the number of CPUs); results do not depend on it.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    pub jobs: Option<u32>,
    /// Time limit of each solve in seconds (default: each variant's settings time_limit).
    #[arg(long)]
    pub time_limit: Option<f64>,
}

impl Common {
    /// `-o OUT`, else `DIR/out` (`out/` beside a workbook), as `pmo plan`.
    pub fn out(&self) -> PathBuf {
        self.out
            .clone()
            .unwrap_or_else(|| pmo::io::workbook::default_out_dir(&self.dir))
    }

    pub fn jobs(&self) -> usize {
        self.jobs.map(|j| j as usize).unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1)
        })
    }

    /// `--time-limit`, `Err(exit code)` after printing when it is not a number ≥ 0.
    pub fn time_limit(&self) -> Result<Option<f64>, u8> {
        match self.time_limit {
            Some(t) if t.is_nan() || t < 0.0 => {
                eprintln!("error: --time-limit must be a number of seconds ≥ 0");
                eprintln!("nothing was written (exit code 2: input error)");
                Err(EXIT_INPUT)
            }
            t => Ok(t),
        }
    }

    /// The portfolio and the time limit, or the exit code of an input error.
    pub fn load(&self) -> Result<(Portfolio, Option<f64>), u8> {
        let time_limit = self.time_limit()?;
        let portfolio = load(&self.dir)?;
        Ok((portfolio, time_limit))
    }
}

#[derive(Args)]
pub struct ScenariosArgs {
    #[command(flatten)]
    pub common: Common,
    /// The scenarios file (default: DIR/scenarios.csv).
    #[arg(long)]
    pub file: Option<PathBuf>,
}

/// One solved variant.
pub struct Solved {
    pub variant: Variant,
    pub opts: SolveOptions,
    pub solution: Solution,
}

/// Solves each variant (warm-started from `warm` carried over from `base`) on `jobs`
/// threads; an internal error when a plan fails the checker.
pub fn solve_all(
    base: &Portfolio,
    variants: Vec<Variant>,
    warm: Option<&Plan>,
    time_limit: Option<f64>,
    jobs: usize,
    progress: &Progress,
) -> Result<Vec<Solved>> {
    let results = run::parallel_map(&variants, jobs, &|| progress.tick(), |v| {
        let opts = run::options(v, time_limit);
        let start = warm.map(|p| run::carry_plan(base, p, v));
        (opts.clone(), run::solve_variant(v, &opts, start.as_ref()))
    });
    let mut out = Vec::new();
    for (variant, (opts, result)) in variants.into_iter().zip(results) {
        match result {
            Ok(solution) => out.push(Solved {
                variant,
                opts,
                solution,
            }),
            Err(violations) => {
                for v in &violations {
                    eprintln!("  {v}");
                }
                bail!(
                    "internal error: the plan of {} failed the independent checker; nothing was written",
                    variant.name
                );
            }
        }
    }
    Ok(out)
}

pub fn run(a: ScenariosArgs) -> Result<u8> {
    let (base, time_limit) = match a.common.load() {
        Ok(x) => x,
        Err(code) => return Ok(code),
    };
    let (path, label) = match &a.file {
        Some(f) => (f.clone(), f.display().to_string()),
        // DIR/scenarios.csv; beside the workbook when DIR is one.
        None => match a.common.dir.parent().filter(|_| a.common.dir.is_file()) {
            Some(parent) => (parent.join("scenarios.csv"), "scenarios.csv".to_string()),
            None => (
                a.common.dir.join("scenarios.csv"),
                "scenarios.csv".to_string(),
            ),
        },
    };
    let scenarios = match load_scenarios(&path, &label, &base) {
        Ok(s) => s,
        Err(errors) => {
            eprint!("{errors}");
            eprintln!("nothing was written (exit code 2: input error)");
            return Ok(EXIT_INPUT);
        }
    };
    for w in &scenarios.warnings {
        eprintln!("{w}");
    }
    let jobs = a.common.jobs();
    let progress = Progress::new("pmo scenarios", scenarios.variants.len() + 1);
    // The baseline first: its plan warm-starts every scenario.
    let baseline = solve_all(
        &base,
        vec![Variant::base("baseline", &base)],
        None,
        time_limit,
        1,
        &progress,
    )?;
    let warm = baseline[0].solution.plan.clone();
    let mut solved = baseline;
    solved.extend(solve_all(
        &base,
        scenarios.variants,
        warm.as_ref(),
        time_limit,
        jobs,
        &progress,
    )?);
    progress.finish();

    let out = a.common.out();
    let lines: Vec<Line> = solved
        .iter()
        .map(|s| Line::new(&base, s, &solved[0]))
        .collect();
    for s in &solved {
        let dir = out.join("scenarios").join(&s.variant.name);
        write_variant(&dir, s).with_context(|| format!("writing {}", dir.display()))?;
    }
    let table = comparison_csv(&base, &lines);
    writers::write_atomically(&out, &[("scenarios.csv", table)])
        .with_context(|| format!("writing {}", out.join("scenarios.csv").display()))?;
    print_table(&base, &lines, &solved, jobs);
    println!(
        "wrote {}/scenarios.csv and {}/scenarios/{{baseline, …}}/",
        out.display(),
        out.display()
    );
    Ok(EXIT_OK)
}

/// The plan files of a solved variant (summary.json alone when it has no plan); stale
/// plan files of an earlier run are removed.
pub fn write_variant(dir: &Path, s: &Solved) -> Result<()> {
    let v = &s.variant;
    let Some(plan) = &s.solution.plan else {
        for stale in ["plan.csv", "load.csv", "spend.csv"] {
            let f = dir.join(stale);
            if f.exists() {
                std::fs::remove_file(&f)?;
            }
        }
        let summary = no_plan_summary(v, &s.solution, &s.opts);
        writers::write_atomically(dir, &[("summary.json", summary)])?;
        return Ok(());
    };
    let mut why = outputs::reasons(&v.portfolio, plan, &s.solution);
    for (p, out) in v.forced_out.iter().enumerate() {
        if let (Some(reason), false) = (out, plan.is_selected(p)) {
            why[p] = reason.clone();
        }
    }
    let report = PlanReport::new(&v.portfolio, plan, &why);
    let files = outputs::plan_files(
        &v.portfolio,
        &s.solution,
        plan,
        &report,
        s.opts.time_limit,
        s.opts.mip_gap,
    );
    writers::write_atomically(dir, &files)?;
    Ok(())
}

/// summary.json of a variant without a plan: status, objective (null), bound, gap, the
/// diagnosis.
fn no_plan_summary(v: &Variant, s: &Solution, opts: &SolveOptions) -> String {
    let json = serde_json::json!({
        "portfolio": v.portfolio.name,
        "scenario": v.name,
        "status": status_word(s),
        "objective": null,
        "bound": s.bound,
        "gap": null,
        "solver": s.solver,
        "solve_time_s": (s.seconds * 1000.0).round() / 1000.0,
        "time_limit_s": opts.time_limit,
        "mip_gap": opts.mip_gap,
        "diagnosis": s.diagnosis,
    });
    let mut text = serde_json::to_string_pretty(&json).expect("serialisable");
    text.push('\n');
    text
}

/// One row of the comparison.
pub struct Line {
    pub name: String,
    pub status: &'static str,
    pub objective: Option<f64>,
    pub bound: Option<f64>,
    pub gap: Option<f64>,
    pub seconds: f64,
    pub selected: Option<usize>,
    pub value: Option<f64>,
    pub cost: Option<f64>,
    pub budget_use: Option<f64>,
    pub delta: Option<f64>,
    pub entered: Vec<String>,
    pub left: Vec<String>,
    /// Per skill of the base portfolio.
    pub peaks: Vec<Option<f64>>,
}

impl Line {
    fn new(base: &Portfolio, s: &Solved, baseline: &Solved) -> Line {
        let pf = &s.variant.portfolio;
        let sol = &s.solution;
        let plan = sol.plan.as_ref();
        let sum = |f: fn(&pmo::model::Project) -> f64| {
            plan.map(|pl| {
                (0..pf.projects.len())
                    .filter(|&p| pl.is_selected(p))
                    .map(|p| f(&pf.projects[p]))
                    .sum::<f64>()
            })
        };
        let cost = sum(|p| p.cost);
        let budget_use = match (cost, s.variant.settings_budget()) {
            (Some(c), Some(b)) if b > 0.0 => Some(c / b),
            (Some(_), Some(_)) => Some(0.0),
            _ => None,
        };
        let is_baseline = std::ptr::eq(s, baseline);
        let (entered, left) = match (plan, &baseline.solution.plan, is_baseline) {
            (Some(pl), Some(bpl), false) => run::entered_left(
                base,
                &run::selected_ids(base, bpl),
                &run::selected_ids(pf, pl),
            ),
            _ => (Vec::new(), Vec::new()),
        };
        let peaks = match plan {
            Some(pl) => {
                let by_skill = run::peaks(pf, pl);
                base.skills
                    .iter()
                    .map(|k| pf.skill_index(k).map(|i| by_skill[i]))
                    .collect()
            }
            None => vec![None; base.skills.len()],
        };
        Line {
            name: s.variant.name.clone(),
            status: status_word(sol),
            objective: sol.objective,
            bound: sol.bound,
            gap: sol.gap,
            seconds: sol.seconds,
            selected: plan.map(Plan::selected_count),
            value: sum(|p| p.value),
            cost,
            budget_use,
            delta: match (sol.objective, baseline.solution.objective) {
                (Some(o), Some(b)) => Some(o - b),
                _ => None,
            },
            entered,
            left,
            peaks,
        }
    }
}

fn opt(x: Option<f64>) -> String {
    x.map(|v| {
        if v.is_finite() {
            fmt_num(v)
        } else {
            "inf".to_string()
        }
    })
    .unwrap_or_default()
}

/// OUT/scenarios.csv.
pub fn comparison_csv(base: &Portfolio, lines: &[Line]) -> String {
    let mut header: Vec<String> = [
        "scenario",
        "status",
        "objective",
        "bound",
        "gap",
        "time",
        "selected",
        "value",
        "cost",
        "budget_use",
        "delta_objective",
        "entered",
        "left",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend(base.skills.iter().map(|k| format!("peak_{k}")));
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    w.write_record(&header).expect("writing to memory");
    for l in lines {
        let mut row = vec![
            l.name.clone(),
            l.status.to_string(),
            opt(l.objective),
            opt(l.bound),
            opt(l.gap),
            format!("{:.3}", l.seconds),
            l.selected.map(|n| n.to_string()).unwrap_or_default(),
            opt(l.value),
            opt(l.cost),
            opt(l.budget_use),
            opt(l.delta),
            l.entered.join("|"),
            l.left.join("|"),
        ];
        row.extend(l.peaks.iter().map(|p| opt(*p)));
        w.write_record(&row).expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("flush to memory")).expect("utf-8")
}

fn print_table(base: &Portfolio, lines: &[Line], solved: &[Solved], jobs: usize) {
    println!(
        "pmo scenarios: {} — baseline and {} scenario(s), {} job(s)",
        base.name,
        lines.len() - 1,
        jobs
    );
    let width = lines
        .iter()
        .map(|l| l.name.chars().count())
        .max()
        .unwrap_or(8)
        .max(8);
    println!(
        "{:<width$}  {:<10} {:>12} {:>10} {:>8} {:>10}  projects in (+) and out (-)",
        "scenario", "status", "objective", "delta", "selected", "cost"
    );
    for (l, s) in lines.iter().zip(solved) {
        let changes: Vec<String> = l
            .entered
            .iter()
            .map(|id| format!("+{id}"))
            .chain(l.left.iter().map(|id| format!("-{id}")))
            .collect();
        let delta = l
            .delta
            .filter(|_| !std::ptr::eq(s, &solved[0]))
            .map(|d| {
                if d > 0.0 {
                    format!("+{}", fmt_num(d))
                } else {
                    fmt_num(d)
                }
            })
            .unwrap_or_default();
        println!(
            "{:<width$}  {:<10} {:>12} {:>10} {:>8} {:>10}  {}",
            l.name,
            l.status,
            opt(l.objective),
            delta,
            l.selected.map(|n| n.to_string()).unwrap_or_default(),
            opt(l.cost),
            changes.join(" ")
        );
        if s.solution.plan.is_none() {
            for d in s.solution.diagnosis.iter().take(3) {
                println!("{:<width$}    {d}", "");
            }
        }
    }
}
