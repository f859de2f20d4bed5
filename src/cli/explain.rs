//! `pmo explain DIR [--project ID…]`: what each decision is worth — for each project
//! left out, the value lost if it were forced in; for each selected one, if it were
//! forced out (OUT/explain.csv and sentences on stdout).

use super::progress::Progress;
use super::scenarios::Common;
use super::{EXIT_INFEASIBLE, EXIT_INPUT, EXIT_NO_PLAN, EXIT_OK};
use anyhow::{bail, Context, Result};
use clap::Args;
use pmo::chart::label;
use pmo::explain::{self, Answer, Forced};
use pmo::io::writers::{self, fmt_num};
use pmo::model::{Objective, Portfolio};
use pmo::scenario::run::{self, status_word};
use pmo::scenario::Variant;
use pmo::solve::Status;

#[derive(Args)]
pub struct ExplainArgs {
    #[command(flatten)]
    pub common: Common,
    /// Projects to explain (default: every project); repeat or list several.
    #[arg(long = "project", value_name = "ID", num_args = 1..)]
    pub projects: Vec<String>,
}

fn input_error(message: &str) -> u8 {
    eprintln!("error: {message}");
    eprintln!("nothing was written (exit code 2: input error)");
    EXIT_INPUT
}

pub fn run(a: ExplainArgs) -> Result<u8> {
    let (base, time_limit) = match a.common.load() {
        Ok(x) => x,
        Err(code) => return Ok(code),
    };
    if base.settings.objective != Objective::Value {
        return Ok(input_error(
            "pmo explain requires objective value (the portfolio's objective is makespan)",
        ));
    }
    let mut asked = Vec::new();
    let mut unknown = Vec::new();
    for id in &a.projects {
        match base.project_index(id) {
            Some(p) => asked.push(p),
            None => unknown.push(id.as_str()),
        }
    }
    if !unknown.is_empty() {
        for id in &unknown {
            eprintln!("error: --project: no project has the id \"{id}\" in projects.csv (ids are case-sensitive)");
        }
        eprintln!("nothing was written (exit code 2: input error)");
        return Ok(EXIT_INPUT);
    }
    if a.projects.is_empty() {
        asked = (0..base.projects.len()).collect();
    }
    asked.sort_unstable();
    asked.dedup();

    let jobs = a.common.jobs();
    let progress = Progress::new("pmo explain", asked.len() + 1);
    let bv = Variant::base("baseline", &base);
    let base_solution = match run::solve_variant(&bv, &run::options(&bv, time_limit), None) {
        Ok(s) => s,
        Err(v) => bail!(
            "internal error: the base plan failed the independent checker: {}",
            v.join("; ")
        ),
    };
    progress.tick();
    let (Some(base_plan), Some(base_objective)) = (&base_solution.plan, base_solution.objective)
    else {
        progress.finish();
        if base_solution.status == Status::Infeasible {
            println!(
                "status: infeasible: the base portfolio has no plan that satisfies every rule"
            );
            for d in &base_solution.diagnosis {
                println!("  - {d}");
            }
            println!("nothing was written (exit code 3: infeasible)");
            return Ok(EXIT_INFEASIBLE);
        }
        println!("status: time_limit: no plan of the base portfolio within the time limit (try a longer --time-limit)");
        return Ok(EXIT_NO_PLAN);
    };
    let answers = explain::explain(
        &base,
        base_plan,
        base_objective,
        &asked,
        time_limit,
        jobs,
        &|| progress.tick(),
    );
    progress.finish();
    let answers = match answers {
        Ok(x) => x,
        Err(e) => bail!("internal error: {e}; nothing was written"),
    };
    let base_ids = run::selected_ids(&base, base_plan);
    let out = a.common.out();
    let csv = explain_csv(&base, &answers, &base_ids);
    writers::write_atomically(&out, &[("explain.csv", csv)])
        .with_context(|| format!("writing {}", out.join("explain.csv").display()))?;
    println!(
        "pmo explain: {} — base objective {} ({}), {} project(s) asked, {} job(s)",
        base.name,
        label(base_objective),
        status_word(&base_solution),
        asked.len(),
        jobs
    );
    for x in &answers {
        println!("{}", sentence(&base, x, base_objective, &base_ids));
    }
    println!("wrote {}/explain.csv", out.display());
    Ok(EXIT_OK)
}

fn changes(base: &Portfolio, x: &Answer, base_ids: &[String]) -> (Vec<String>, Vec<String>) {
    match &x.solution.plan {
        Some(plan) => run::entered_left(
            base,
            base_ids,
            &run::selected_ids(&x.variant.portfolio, plan),
        ),
        None => (Vec::new(), Vec::new()),
    }
}

/// OUT/explain.csv.
fn explain_csv(base: &Portfolio, answers: &[Answer], base_ids: &[String]) -> String {
    let opt = |x: Option<f64>| x.map(fmt_num).unwrap_or_default();
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    w.write_record([
        "project",
        "selected_in_base",
        "forced",
        "status",
        "objective",
        "delta",
        "name",
        "value",
        "cost",
        "mandatory",
        "bound",
        "gap",
        "time",
        "entered",
        "left",
    ])
    .expect("writing to memory");
    for x in answers {
        let p = &base.projects[x.project];
        let (entered, left) = changes(base, x, base_ids);
        w.write_record([
            p.id.clone(),
            x.selected_in_base.to_string(),
            x.forced.word().to_string(),
            status_word(&x.solution).to_string(),
            opt(x.solution.objective),
            opt(x.delta),
            p.name.clone(),
            fmt_num(p.value),
            fmt_num(p.cost),
            p.mandatory.to_string(),
            opt(x.solution.bound),
            opt(x.solution.gap),
            format!("{:.3}", x.solution.seconds),
            entered.join("|"),
            left.join("|"),
        ])
        .expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("flush to memory")).expect("utf-8")
}

/// "P07 left out: forcing it in costs 120 (value 8 430 → 8 310); it would replace …".
fn sentence(base: &Portfolio, x: &Answer, base_objective: f64, base_ids: &[String]) -> String {
    let p = &base.projects[x.project];
    let (state, dir) = match x.forced {
        Forced::In => ("left out", "in"),
        Forced::Out => ("selected", "out"),
    };
    let head = format!("{} {state}: forcing it {dir}", p.id);
    let Some(delta) = x.delta else {
        let why = x
            .solution
            .diagnosis
            .first()
            .map(|d| format!(": {d}"))
            .unwrap_or_default();
        return match x.solution.status {
            Status::Infeasible => format!("{head} is infeasible{why}"),
            _ => format!("{head}: no plan within the time limit"),
        };
    };
    let o = x.solution.objective.unwrap_or(base_objective);
    let amount = if delta.abs() < 1e-6 * base_objective.abs().max(1.0) {
        "costs nothing".to_string()
    } else if delta < 0.0 {
        format!("costs {}", label(-delta))
    } else {
        format!("gains {}", label(delta))
    };
    let mut s = format!(
        "{head} {amount} (value {} → {})",
        label(base_objective),
        label(o)
    );
    if x.forced == Forced::Out && delta > 0.0 && p.mandatory {
        s.push_str(": the cost of the obligation (mandatory)");
    }
    if x.solution.status == Status::Feasible {
        s.push_str(" [time limit: not proven optimal]");
    }
    let (entered, left) = changes(base, x, base_ids);
    let others: Vec<String> = entered
        .iter()
        .filter(|id| **id != p.id)
        .map(|id| format!("+{id}"))
        .chain(
            left.iter()
                .filter(|id| **id != p.id)
                .map(|id| format!("-{id}")),
        )
        .collect();
    if !others.is_empty() {
        s.push_str(&format!("; {}", others.join(" ")));
    }
    s
}
