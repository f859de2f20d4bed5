//! `pmo frontier DIR --budget FROM:TO:STEP`: the efficient frontier of value against
//! budget (OUT/frontier.csv, OUT/frontier.svg, a table on stdout).

use super::progress::Progress;
use super::scenarios::Common;
use super::{EXIT_INPUT, EXIT_OK};
use anyhow::{bail, Context, Result};
use clap::Args;
use pmo::chart::{self, ChartPoint};
use pmo::frontier::{self, Point};
use pmo::io::writers::{self, fmt_num};
use pmo::model::{Objective, Portfolio};
use pmo::scenario::settings_budget;

#[derive(Args)]
pub struct FrontierArgs {
    #[command(flatten)]
    pub common: Common,
    /// FROM:TO:STEP, amounts (10000:15000:500) or percentages of the settings budget
    /// (80%:130%:5%).
    #[arg(long, value_name = "FROM:TO:STEP", allow_hyphen_values = true)]
    pub budget: String,
}

fn input_error(message: &str) -> u8 {
    eprintln!("error: {message}");
    eprintln!("nothing was written (exit code 2: input error)");
    EXIT_INPUT
}

pub fn run(a: FrontierArgs) -> Result<u8> {
    let range = frontier::parse_range(&a.budget);
    let (base, time_limit) = match a.common.load() {
        Ok(x) => x,
        Err(code) => return Ok(code),
    };
    let range = match range {
        Ok(r) => r,
        Err(e) => return Ok(input_error(&e)),
    };
    if base.settings.objective != Objective::Value {
        return Ok(input_error(
            "pmo frontier requires objective value (the portfolio's objective is makespan)",
        ));
    }
    let amounts = match frontier::amounts(&range, settings_budget(&base)) {
        Ok(x) => x,
        Err(e) => return Ok(input_error(&e)),
    };
    let jobs = a.common.jobs();
    let progress = Progress::new("pmo frontier", amounts.len());
    let points = frontier::solve(&base, &amounts, time_limit, jobs, &|| progress.tick());
    progress.finish();
    let points = match points {
        Ok(p) => p,
        Err(e) => bail!("internal error: {e}; nothing was written"),
    };
    let changes = frontier::changes(&base, &points);
    let out = a.common.out();
    let csv = frontier_csv(&points, &changes);
    let chart_points: Vec<ChartPoint> = points
        .iter()
        .map(|p| ChartPoint {
            budget: p.budget,
            objective: p.solution.objective,
            status: frontier::status(p).to_string(),
        })
        .collect();
    let title = format!("{}: value against budget", base.name);
    let svg = chart::frontier_svg(&title, "objective (value)", &chart_points);
    writers::write_atomically(&out, &[("frontier.csv", csv), ("frontier.svg", svg)])
        .with_context(|| format!("writing the frontier to {}", out.display()))?;
    print_table(&base, &points, &changes, jobs);
    println!("wrote {}/{{frontier.csv, frontier.svg}}", out.display());
    Ok(EXIT_OK)
}

fn opt(x: Option<f64>) -> String {
    x.map(fmt_num).unwrap_or_default()
}

type Changes = [(Vec<String>, Vec<String>)];

/// OUT/frontier.csv.
fn frontier_csv(points: &[Point], changes: &Changes) -> String {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    w.write_record([
        "budget",
        "status",
        "objective",
        "bound",
        "gap",
        "selected",
        "cost",
        "entered",
        "left",
        "value",
        "time",
        "plan_from_budget",
    ])
    .expect("writing to memory");
    for (p, (entered, left)) in points.iter().zip(changes) {
        let s = &p.solution;
        let pf = &p.variant.portfolio;
        let sum = |f: fn(&pmo::model::Project) -> f64| {
            s.plan.as_ref().map(|plan| {
                (0..pf.projects.len())
                    .filter(|&i| plan.is_selected(i))
                    .map(|i| f(&pf.projects[i]))
                    .sum::<f64>()
            })
        };
        w.write_record([
            fmt_num(p.budget),
            frontier::status(p).to_string(),
            opt(s.objective),
            opt(s.bound),
            opt(s.gap),
            s.plan
                .as_ref()
                .map(|x| x.selected_count().to_string())
                .unwrap_or_default(),
            opt(sum(|x| x.cost)),
            entered.join("|"),
            left.join("|"),
            opt(sum(|x| x.value)),
            format!("{:.3}", s.seconds),
            p.plan_from
                .map(|j| fmt_num(points[j].budget))
                .unwrap_or_default(),
        ])
        .expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("flush to memory")).expect("utf-8")
}

fn print_table(base: &Portfolio, points: &[Point], changes: &Changes, jobs: usize) {
    println!(
        "pmo frontier: {} — {} budget point(s), {} job(s)",
        base.name,
        points.len(),
        jobs
    );
    println!(
        "{:>12}  {:<10} {:>12} {:>12} {:>8} {:>12}  projects in (+) and out (-)",
        "budget", "status", "objective", "gain", "selected", "cost"
    );
    let mut previous: Option<f64> = None;
    for (p, (entered, left)) in points.iter().zip(changes) {
        let s = &p.solution;
        let gain = match (s.objective, previous) {
            (Some(o), Some(q)) => format!("+{}", fmt_num(o - q)),
            _ => String::new(),
        };
        if s.objective.is_some() {
            previous = s.objective;
        }
        let cost: Option<f64> = s.plan.as_ref().map(|plan| {
            (0..p.variant.portfolio.projects.len())
                .filter(|&i| plan.is_selected(i))
                .map(|i| p.variant.portfolio.projects[i].cost)
                .sum()
        });
        let list: Vec<String> = entered
            .iter()
            .map(|id| format!("+{id}"))
            .chain(left.iter().map(|id| format!("-{id}")))
            .collect();
        let note = p
            .plan_from
            .map(|j| format!(" (plan of budget {})", fmt_num(points[j].budget)))
            .unwrap_or_default();
        println!(
            "{:>12}  {:<10} {:>12} {:>12} {:>8} {:>12}  {}{note}",
            fmt_num(p.budget),
            frontier::status(p),
            opt(s.objective),
            gain,
            s.plan
                .as_ref()
                .map(|x| x.selected_count().to_string())
                .unwrap_or_default(),
            opt(cost),
            list.join(" ")
        );
    }
}
