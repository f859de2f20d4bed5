//! Why each project was left out: the dependency, the window, or the binding resource
//! (budget, or skill X in periods …) at its best start.

use super::diagnose::describe_blocker;
use super::state::{Blocker, Resources, State};
use crate::graph::Windows;
use crate::model::{DepKind, Plan, Portfolio};

/// One reason per project (empty for selected projects).
pub fn reasons(portfolio: &Portfolio, plan: &Plan, win: &Windows, proven: bool) -> Vec<String> {
    let res = Resources::new(portfolio);
    let mut state = State::new(portfolio, &res);
    for (p, s) in plan.start.iter().enumerate() {
        if let Some(s) = s {
            state.place(p, *s);
        }
    }
    (0..portfolio.projects.len())
        .map(|p| {
            if plan.start[p].is_some() {
                String::new()
            } else {
                reason(portfolio, &state, win, p, proven)
            }
        })
        .collect()
}

fn reason(portfolio: &Portfolio, state: &State, win: &Windows, p: usize, proven: bool) -> String {
    let h = &portfolio.horizon;
    let id = |q: usize| portfolio.projects[q].id.as_str();
    for d in &portfolio.dependencies {
        if d.kind == DepKind::Excludes {
            let other = if d.from == p {
                d.to
            } else if d.to == p {
                d.from
            } else {
                continue;
            };
            if state.start[other].is_some() {
                return format!("excluded by {} (selected)", id(other));
            }
        }
    }
    let mut missing: Vec<&str> = portfolio
        .dependencies
        .iter()
        .filter(|d| d.to == p && d.kind != DepKind::Excludes && state.start[d.from].is_none())
        .map(|d| id(d.from))
        .collect();
    missing.dedup();
    if !missing.is_empty() {
        return format!(
            "blocked by a dependency: needs {} (not selected)",
            missing.join(", ")
        );
    }
    if !win.can_start(p) {
        return format!(
            "out of its window: its predecessors push its earliest start to {}, after its latest start",
            h.label(win.earliest[p].max(0) as usize)
        );
    }
    // Earliest start allowed by the selected predecessors' actual finishes.
    let mut es = win.earliest[p];
    for d in &portfolio.dependencies {
        if let (DepKind::Precedes { lag }, true) = (d.kind, d.to == p) {
            if let Some(s) = state.start[d.from] {
                es = es.max(s as i64 + portfolio.projects[d.from].duration as i64 + lag);
            }
        }
    }
    if es > win.latest[p] {
        return format!(
            "out of its window: its predecessors as planned finish too late (earliest start {}, latest {})",
            h.label(es as usize),
            h.label(win.latest[p] as usize)
        );
    }
    let mut best: Option<(usize, Vec<Blocker>)> = None;
    for s in es as usize..=win.latest[p] as usize {
        let b = state.blockers(p, s, false);
        if best.as_ref().is_none_or(|(_, bb)| b.len() < bb.len()) {
            let single = b.len() <= 1;
            best = Some((s, b));
            if single {
                // One binding rule is as short as a reason gets (and keeps large
                // portfolios fast).
                break;
            }
        }
    }
    let (s, blockers) = best.expect("a non-empty window");
    if blockers.is_empty() {
        let gain = portfolio.contribution(p, s);
        return if gain <= 0.0 {
            "no value: it fits but adds nothing to the objective".into()
        } else if proven {
            format!(
                "fits at {} but a better use of the resources was chosen",
                h.label(s)
            )
        } else {
            format!(
                "fits at {} but was not chosen (the plan is not proven optimal)",
                h.label(s)
            )
        };
    }
    let text: Vec<String> = summarise(portfolio, &blockers);
    format!(
        "binding: {} (at its best start {})",
        text.join("; "),
        h.label(s)
    )
}

/// Groups skill blockers by skill (periods listed), keeps budget ones as they are.
fn summarise(portfolio: &Portfolio, blockers: &[Blocker]) -> Vec<String> {
    let mut out = Vec::new();
    let mut skills: Vec<(usize, Vec<usize>)> = Vec::new();
    for b in blockers {
        match b {
            Blocker::Skill { skill, period, .. } => {
                match skills.iter_mut().find(|(k, _)| k == skill) {
                    Some((_, ps)) => ps.push(*period),
                    None => skills.push((*skill, vec![*period])),
                }
            }
            Blocker::Budget { .. } => out.push(describe_blocker(portfolio, b)),
        }
    }
    for (k, mut ps) in skills {
        ps.sort_unstable();
        ps.dedup();
        out.push(format!(
            "skill {} in {}",
            portfolio.skills[k],
            period_ranges(portfolio, &ps)
        ));
    }
    out
}

/// Sorted periods as labels with consecutive runs joined: `2027-01..2027-03, 2027-06`.
pub fn period_ranges(portfolio: &Portfolio, periods: &[usize]) -> String {
    let h = &portfolio.horizon;
    let mut parts = Vec::new();
    let mut i = 0;
    while i < periods.len() {
        let mut j = i;
        while j + 1 < periods.len() && periods[j + 1] == periods[j] + 1 {
            j += 1;
        }
        parts.push(if i == j {
            h.label(periods[i])
        } else {
            format!("{}..{}", h.label(periods[i]), h.label(periods[j]))
        });
        i = j + 1;
    }
    parts.join(", ")
}
