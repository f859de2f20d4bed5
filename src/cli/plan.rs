//! `pmo plan DIR`: solve, check, print, write.

use super::{load, outputs, EXIT_INFEASIBLE, EXIT_INPUT, EXIT_NO_PLAN, EXIT_OK};
use anyhow::{bail, Context, Result};
use clap::Args;
use pmo::io::writers::{self, fmt_num, PlanReport};
use pmo::model::{Objective, Portfolio};
use pmo::solve::{self, Solution, SolveOptions, Status};
use std::path::PathBuf;

#[derive(Args)]
pub struct PlanArgs {
    /// The portfolio folder (settings.csv, projects.csv, …) or workbook (.xlsx, .ods…).
    pub dir: PathBuf,
    /// Output folder (default: DIR/out; out/ beside a workbook).
    #[arg(short, long)]
    pub out: Option<PathBuf>,
    /// Solver time limit in seconds (default: settings.csv time_limit, else 60).
    #[arg(long)]
    pub time_limit: Option<f64>,
    /// Relative optimality gap at which to stop (default: settings.csv mip_gap, else 0).
    #[arg(long)]
    pub mip_gap: Option<f64>,
    /// HiGHS threads.
    #[arg(long)]
    pub threads: Option<u32>,
    /// Use only the constructive heuristic (no MILP).
    #[arg(long)]
    pub heuristic_only: bool,
    /// Print only the status line.
    #[arg(short, long)]
    pub quiet: bool,
}

pub fn run(a: PlanArgs) -> Result<u8> {
    let portfolio = match load(&a.dir) {
        Ok(p) => p,
        Err(code) => {
            eprintln!("nothing was written");
            return Ok(code);
        }
    };
    let mut opts = SolveOptions::from_settings(&portfolio.settings);
    if let Some(t) = a.time_limit {
        if t.is_nan() || t < 0.0 {
            eprintln!("error: --time-limit must be a number of seconds ≥ 0");
            return Ok(EXIT_INPUT);
        }
        opts.time_limit = t;
    }
    if let Some(g) = a.mip_gap {
        if g.is_nan() || g < 0.0 {
            eprintln!("error: --mip-gap must be ≥ 0");
            return Ok(EXIT_INPUT);
        }
        opts.mip_gap = g;
    }
    opts.threads = a.threads;
    opts.heuristic_only = a.heuristic_only;
    let solution = solve::solve(&portfolio, &opts);
    match solution.status {
        Status::Infeasible => {
            println!("status: infeasible: no plan satisfies every rule");
            for d in &solution.diagnosis {
                println!("  - {d}");
            }
            println!("nothing was written (exit code 3: infeasible)");
            return Ok(EXIT_INFEASIBLE);
        }
        Status::Unknown => {
            println!(
                "status: unknown: no plan found within the time limit of {} s (try a longer --time-limit)",
                fmt_num(opts.time_limit)
            );
            return Ok(EXIT_NO_PLAN);
        }
        Status::Optimal | Status::Feasible => {}
    }
    let plan = solution.plan.clone().expect("a plan with this status");
    let violations = pmo::verify::check(&portfolio, &plan);
    if !violations.is_empty() {
        for v in &violations {
            eprintln!("  {}", v.message);
        }
        bail!("internal error: the plan failed the independent checker; nothing was written");
    }
    let why = outputs::reasons(&portfolio, &plan, &solution);
    let report = PlanReport::new(&portfolio, &plan, &why);
    let out = a
        .out
        .unwrap_or_else(|| pmo::io::workbook::default_out_dir(&a.dir));
    let mut files = outputs::plan_files(
        &portfolio,
        &solution,
        &plan,
        &report,
        opts.time_limit,
        opts.mip_gap,
    );
    files.push((
        "report.html",
        pmo::report::solved_page(&portfolio, &a.dir, &report, &solution, &out),
    ));
    let xlsx = pmo::io::xlsx_writer::plan_xlsx(
        &portfolio,
        &solution,
        &plan,
        &report,
        opts.time_limit,
        opts.mip_gap,
    )
    .context("writing plan.xlsx")?;
    let mut files: Vec<(&str, Vec<u8>)> = files
        .into_iter()
        .map(|(name, text)| (name, text.into_bytes()))
        .collect();
    files.push(("plan.xlsx", xlsx));
    writers::write_atomically(&out, &files)
        .with_context(|| format!("writing the plan to {}", out.display()))?;
    if a.quiet {
        println!("{}", status_line(&portfolio, &solution));
    } else {
        print_summary(&portfolio, &solution, &report);
    }
    println!(
        "wrote {}/{{plan.csv, load.csv, spend.csv, summary.json, report.html, plan.xlsx}}",
        out.display()
    );
    Ok(EXIT_OK)
}

fn status_line(portfolio: &Portfolio, s: &Solution) -> String {
    let kind = match portfolio.settings.objective {
        Objective::Value => "value",
        Objective::Makespan => "makespan",
    };
    let opt = |x: Option<f64>| x.map(fmt_num).unwrap_or_else(|| "-".into());
    format!(
        "status {}  {} {}  bound {}  gap {}  time {:.2} s  solver {}",
        s.status.as_str(),
        kind,
        opt(s.objective),
        opt(s.bound),
        s.gap
            .map(|g| format!("{:.2}%", g * 100.0))
            .unwrap_or_else(|| "-".into()),
        s.seconds,
        s.solver
    )
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let t: String = s.chars().take(n - 1).collect();
        format!("{t}…")
    }
}

fn print_summary(portfolio: &Portfolio, s: &Solution, report: &PlanReport) {
    let h = &portfolio.horizon;
    println!(
        "pmo plan: {} — {} projects over {} periods ({}..{})",
        portfolio.name,
        portfolio.projects.len(),
        portfolio.periods(),
        h.label(0),
        h.label(portfolio.periods() - 1)
    );
    println!("{}", status_line(portfolio, s));
    if let Some(hv) = s.heuristic_objective {
        println!(
            "heuristic start {}; MILP {} columns × {} rows",
            fmt_num(hv),
            s.columns,
            s.rows
        );
    }
    let sel: Vec<_> = report.plan.iter().filter(|r| r.start.is_some()).collect();
    let cost: f64 = sel.iter().map(|r| portfolio.projects[r.project].cost).sum();
    let budget = report
        .total_budget
        .map(|b| format!(" of budget {}", fmt_num(b)))
        .unwrap_or_default();
    println!(
        "selected {} of {} projects ({} mandatory), cost {}{}",
        sel.len(),
        portfolio.projects.len(),
        portfolio.projects.iter().filter(|p| p.mandatory).count(),
        fmt_num(cost),
        budget
    );
    println!();
    println!(
        "{:<10} {:<34} {:>8} {:>8} {:>10} {:>9}  category",
        "project", "name", "start", "finish", "value", "cost"
    );
    for r in &sel {
        let p = &portfolio.projects[r.project];
        println!(
            "{:<10} {:<34} {:>8} {:>8} {:>10} {:>9}  {}{}",
            truncate(&p.id, 10),
            truncate(&p.name, 34),
            h.label(r.start.unwrap()),
            h.label(r.finish.unwrap()),
            fmt_num(r.contribution),
            fmt_num(p.cost),
            p.category.as_deref().unwrap_or(""),
            if p.mandatory { " (mandatory)" } else { "" }
        );
    }
    let left: Vec<_> = report.plan.iter().filter(|r| r.start.is_none()).collect();
    if !left.is_empty() {
        println!();
        println!("left out ({}):", left.len());
        for r in left {
            let p = &portfolio.projects[r.project];
            println!(
                "{:<10} {:<34} value {:>8}  {}",
                truncate(&p.id, 10),
                truncate(&p.name, 34),
                fmt_num(p.value),
                r.reason
            );
        }
    }
    println!();
    let mut peaks = Vec::new();
    for (k, skill) in portfolio.skills.iter().enumerate() {
        let best = report.load.iter().filter(|l| l.skill == k).max_by(|a, b| {
            a.utilisation
                .total_cmp(&b.utilisation)
                .then(b.period.cmp(&a.period))
        });
        if let Some(l) = best {
            if l.utilisation.is_finite() {
                peaks.push(format!(
                    "{} {:.0}% ({})",
                    skill,
                    l.utilisation * 100.0,
                    h.label(l.period)
                ));
            }
        }
    }
    if !peaks.is_empty() {
        println!("peak utilisation: {}", peaks.join(", "));
    }
}
