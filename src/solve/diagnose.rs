//! Why no plan exists: structural causes found from the graph and the windows, then a
//! resource diagnosis from an elastic MILP (which capacity or budget rows the forced
//! projects cannot keep, and by how much).

use super::milp::{self, Relaxed};
use super::state::{Blocker, Resources, State};
use super::{describe_budget, num};
use crate::graph::{DepGraph, Windows};
use crate::model::{DepKind, Portfolio};
use std::collections::BTreeMap;
use std::time::Instant;

/// For each forced project, why it is forced (`mandatory`, or `required by mandatory X`).
fn forced_why(portfolio: &Portfolio, win: &Windows) -> Vec<String> {
    let closure = DepGraph::new(portfolio).required_closure();
    let mut why = vec![String::new(); portfolio.projects.len()];
    for (p, pr) in portfolio.projects.iter().enumerate() {
        if pr.mandatory {
            why[p] = "mandatory".into();
        } else if win.forced[p] {
            why[p] = match (0..portfolio.projects.len())
                .find(|&m| portfolio.projects[m].mandatory && closure[m].contains(&p))
            {
                Some(m) => format!("required by mandatory {}", portfolio.projects[m].id),
                None => "every project is mandatory under the makespan objective".into(),
            };
        }
    }
    why
}

/// A blocker in words.
pub fn describe_blocker(portfolio: &Portfolio, b: &Blocker) -> String {
    match b {
        Blocker::Skill {
            skill,
            period,
            over,
        } => format!(
            "skill {} in {} (short by {} person-days)",
            portfolio.skills[*skill],
            portfolio.horizon.label(*period),
            num(*over)
        ),
        Blocker::Budget { limit, over } => match portfolio.budgets.get(*limit) {
            Some(l) => format!("{} (over by {})", describe_budget(portfolio, l), num(*over)),
            None => "the horizon".into(),
        },
    }
}

/// Causes visible without solving: forced projects with no start in their window, forced
/// projects that exclude each other, forced projects that do not fit even alone.
pub fn structural(portfolio: &Portfolio, res: &Resources, win: &Windows) -> Vec<String> {
    let why = forced_why(portfolio, win);
    let mut out = Vec::new();
    let empty = State::new(portfolio, res);
    let h = &portfolio.horizon;
    for (p, pr) in portfolio.projects.iter().enumerate() {
        if !win.forced[p] {
            continue;
        }
        if !win.can_start(p) {
            out.push(format!(
                "project {} ({}) cannot fit its window: its predecessors push its earliest start to {}, but to finish by {} it must start by {}",
                pr.id,
                why[p],
                h.label(win.earliest[p].max(0) as usize),
                h.label(pr.deadline),
                if win.latest[p] >= 0 { h.label(win.latest[p] as usize) } else { "before the horizon".into() }
            ));
            continue;
        }
        if !win.starts(p).any(|s| empty.fits(p, s)) {
            let s = win.earliest[p] as usize;
            let blockers: Vec<String> = empty
                .blockers(p, s, false)
                .iter()
                .map(|b| describe_blocker(portfolio, b))
                .collect();
            out.push(format!(
                "project {} ({}) does not fit at any start even alone; at its earliest start {}: {}",
                pr.id,
                why[p],
                h.label(s),
                blockers.join("; ")
            ));
        }
    }
    for d in &portfolio.dependencies {
        if d.kind == DepKind::Excludes && win.forced[d.from] && win.forced[d.to] {
            out.push(format!(
                "projects {} ({}) and {} ({}) exclude each other but both must be selected",
                portfolio.projects[d.from].id, why[d.from], portfolio.projects[d.to].id, why[d.to]
            ));
        }
    }
    out
}

/// Resource causes: the rows an elastic MILP must relax to keep every forced project.
pub fn resources(
    portfolio: &Portfolio,
    res: &Resources,
    win: &Windows,
    deadline: Instant,
) -> Vec<String> {
    let Some(relaxed) = milp::elastic(portfolio, res, win, deadline) else {
        return vec![
            "no plan keeps every rule, and the diagnosis could not finish in the time limit".into(),
        ];
    };
    if relaxed.is_empty() {
        return vec!["the forced projects cannot be scheduled together within their windows and dependencies".into()];
    }
    let mut by_skill: BTreeMap<usize, Vec<(usize, f64)>> = BTreeMap::new();
    let mut out = Vec::new();
    for (what, amount) in &relaxed {
        match what {
            Relaxed::Capacity { skill, period } => {
                by_skill.entry(*skill).or_default().push((*period, *amount))
            }
            Relaxed::BudgetMax(i) => out.push(format!(
                "{}: the projects that must be selected exceed it by {}",
                describe_budget(portfolio, &portfolio.budgets[*i]),
                num(*amount)
            )),
            Relaxed::BudgetMin(i) => out.push(format!(
                "{}: the minimum cannot be reached; short by {}",
                describe_budget(portfolio, &portfolio.budgets[*i]),
                num(*amount)
            )),
        }
    }
    for (skill, mut periods) in by_skill {
        periods.sort_by_key(|&(t, _)| t);
        let total: f64 = periods.iter().map(|p| p.1).sum();
        let list: Vec<String> = periods
            .iter()
            .map(|&(t, a)| format!("{} {}", portfolio.horizon.label(t), num(a)))
            .collect();
        out.push(format!(
            "skill {}: the projects that must be selected need {} person-days more than the capacity ({})",
            portfolio.skills[skill],
            num(total),
            list.join(", ")
        ));
    }
    out
}
