//! Solving variants through the one solve path of `pmo plan`, in parallel, and the
//! figures that compare their plans (entered / left projects, peak utilisation).

use super::Variant;
use crate::model::{DepKind, Plan, Portfolio};
use crate::solve::{self, Solution, SolveOptions, Status};
use crate::verify;
use rayon::prelude::*;

/// The contract's status word: `optimal`, `feasible` (a checked plan at the time limit),
/// `infeasible`, `time_limit` (the time limit came with no plan).
pub fn status_word(s: &Solution) -> &'static str {
    match s.status {
        Status::Optimal => "optimal",
        Status::Feasible => "feasible",
        Status::Infeasible => "infeasible",
        Status::Unknown => "time_limit",
    }
}

/// The options of a variant's solve, as `pmo plan` would take them: its (transformed)
/// settings' time limit and gap, `time_limit` overriding the time limit when given.
/// HiGHS keeps its default thread count (it cannot be changed once its scheduler runs).
pub fn options(v: &Variant, time_limit: Option<f64>) -> SolveOptions {
    let mut opts = SolveOptions::from_settings(&v.portfolio.settings);
    if let Some(t) = time_limit {
        opts.time_limit = t;
    }
    opts
}

/// Solves a variant as `pmo plan` solves a portfolio: [`solve::solve_from`] on its solve
/// model (forced-out projects kept out), `warm` offered as a start, and the plan judged
/// by the independent checker against both the solve model and the variant's portfolio.
/// `Err` (an internal error) lists the violations of a plan that fails the checker.
pub fn solve_variant(
    v: &Variant,
    opts: &SolveOptions,
    warm: Option<&Plan>,
) -> Result<Solution, Vec<String>> {
    let model = v.solve_model();
    let solution = solve::solve_from(&model, opts, warm);
    if let Some(plan) = &solution.plan {
        let mut violations: Vec<String> = verify::check(&model, plan)
            .into_iter()
            .chain(verify::check(&v.portfolio, plan))
            .map(|x| x.message)
            .collect();
        violations.dedup();
        if !violations.is_empty() {
            return Err(violations);
        }
    }
    Ok(solution)
}

/// The plan `plan` of portfolio `from` carried over to the variant `to` (projects
/// matched by id), as a warm start: projects that are forced out, removed, out of
/// their window now, or whose predecessors are no longer selected are dropped.
/// [`solve::solve_from`] uses it only if it keeps every rule of the variant.
pub fn carry_plan(from: &Portfolio, plan: &Plan, to: &Variant) -> Plan {
    let pf = &to.portfolio;
    let mut start: Vec<Option<usize>> = pf
        .projects
        .iter()
        .enumerate()
        .map(|(p, pr)| {
            let s = from
                .project_index(&pr.id)
                .and_then(|q| plan.start.get(q).copied().flatten())?;
            let fits = s >= pr.earliest_start && s + pr.duration <= pr.deadline + 1;
            (fits && !to.is_forced_out(p)).then_some(s)
        })
        .collect();
    // Drop, until nothing changes, the projects whose predecessors left.
    loop {
        let mut changed = false;
        for d in &pf.dependencies {
            let broken = match d.kind {
                DepKind::Excludes => false,
                DepKind::Requires => start[d.to].is_some() && start[d.from].is_none(),
                DepKind::Precedes { lag } => match (start[d.from], start[d.to]) {
                    (None, Some(_)) => true,
                    (Some(f), Some(t)) => {
                        (t as i64) < f as i64 + pf.projects[d.from].duration as i64 + lag
                    }
                    _ => false,
                },
            };
            if broken {
                start[d.to] = None;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    Plan { start }
}

/// The ids selected by `plan`, in the portfolio's order.
pub fn selected_ids(portfolio: &Portfolio, plan: &Plan) -> Vec<String> {
    (0..portfolio.projects.len())
        .filter(|&p| plan.is_selected(p))
        .map(|p| portfolio.projects[p].id.clone())
        .collect()
}

/// `(entered, left)`: the ids selected in `b` and not in `a`, and the reverse, each in
/// the order of `order` (projects.csv's order; every id of both plans is in it).
pub fn entered_left(order: &Portfolio, a: &[String], b: &[String]) -> (Vec<String>, Vec<String>) {
    let pick = |x: &[String], y: &[String]| -> Vec<String> {
        order
            .projects
            .iter()
            .map(|p| &p.id)
            .filter(|id| x.contains(id) && !y.contains(id))
            .cloned()
            .collect()
    };
    (pick(b, a), pick(a, b))
}

/// For each skill: the largest, over periods, of the selected projects' effort divided
/// by capacity.csv plus the availability of the people who have the skill (0 when there
/// is neither effort nor capacity; infinite for effort without capacity).
pub fn peaks(portfolio: &Portfolio, plan: &Plan) -> Vec<f64> {
    let loads = verify::loads(portfolio, plan);
    (0..portfolio.skills.len())
        .map(|k| {
            (0..portfolio.periods())
                .map(|t| {
                    let cap = loads.base[k][t] + loads.people_potential[k][t];
                    let demand = loads.demand[k][t];
                    if cap > 0.0 {
                        demand / cap
                    } else if demand > 0.0 {
                        f64::INFINITY
                    } else {
                        0.0
                    }
                })
                .fold(0.0, f64::max)
        })
        .collect()
}

/// `f` over `items` on a pool of `jobs` threads, results in the order of `items`;
/// `done` is called after each item (for a progress bar).
pub fn parallel_map<T, R, F>(items: &[T], jobs: usize, done: &(dyn Fn() + Sync), f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync + Send,
{
    let run = |x: &T| {
        let r = f(x);
        done();
        r
    };
    match rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .build()
    {
        Ok(pool) => pool.install(|| items.par_iter().map(run).collect()),
        Err(_) => items.iter().map(run).collect(),
    }
}
