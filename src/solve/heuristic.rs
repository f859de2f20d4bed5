//! Constructive heuristics: a greedy by value density for the `value` objective, and a
//! serial schedule generation scheme with priority rules for `makespan`. Every plan they
//! return keeps every rule (they place a project only where it fits) and serves as the
//! MILP's warm start and as the fallback plan.

use super::state::{Resources, State};
use crate::graph::Windows;
use crate::model::{BudgetScope, DepKind, Objective, Plan, Portfolio};
use std::time::Instant;

/// Dependency lists per project.
pub struct Links {
    /// For each project: (required project, Some(lag) for precedes / None for requires).
    pub preds: Vec<Vec<(usize, Option<i64>)>>,
    /// For each project: the projects it excludes.
    pub excludes: Vec<Vec<usize>>,
    /// For each project: (successor, lag) over precedes rows.
    pub succs: Vec<Vec<(usize, i64)>>,
    /// For each project: starts to try first (e.g. where the LP relaxation puts it);
    /// the others follow, earliest first.
    pub preferred: Vec<Vec<usize>>,
}

impl Links {
    pub fn new(portfolio: &Portfolio) -> Self {
        let n = portfolio.projects.len();
        let mut preds = vec![Vec::new(); n];
        let mut excludes = vec![Vec::new(); n];
        let mut succs = vec![Vec::new(); n];
        for d in &portfolio.dependencies {
            match d.kind {
                DepKind::Precedes { lag } => {
                    preds[d.to].push((d.from, Some(lag)));
                    succs[d.from].push((d.to, lag));
                }
                DepKind::Requires => preds[d.to].push((d.from, None)),
                DepKind::Excludes => {
                    excludes[d.from].push(d.to);
                    excludes[d.to].push(d.from);
                }
            }
        }
        Links {
            preds,
            excludes,
            succs,
            preferred: vec![Vec::new(); n],
        }
    }
}

/// Earliest start of `p` given its placed predecessors, within its window.
fn earliest_given_preds(state: &State, links: &Links, win: &Windows, p: usize) -> i64 {
    let mut es = win.earliest[p];
    for &(q, lag) in &links.preds[p] {
        if let (Some(lag), Some(sq)) = (lag, state.start[q]) {
            let d = state.portfolio.projects[q].duration as i64;
            es = es.max(sq as i64 + d + lag);
        }
    }
    es.max(0)
}

/// Places `p` (and first, recursively, what it needs) at the earliest starts where they
/// fit. On failure nothing is left placed by this call.
pub fn insert(state: &mut State, links: &Links, win: &Windows, p: usize) -> bool {
    let mut placed = Vec::new();
    if insert_rec(state, links, win, p, &mut placed) {
        true
    } else {
        for q in placed.into_iter().rev() {
            state.remove(q);
        }
        false
    }
}

fn insert_rec(
    state: &mut State,
    links: &Links,
    win: &Windows,
    p: usize,
    placed: &mut Vec<usize>,
) -> bool {
    if state.start[p].is_some() {
        return true;
    }
    if !win.can_start(p) || links.excludes[p].iter().any(|&q| state.start[q].is_some()) {
        return false;
    }
    for &(q, _) in &links.preds[p] {
        if !insert_rec(state, links, win, q, placed) {
            return false;
        }
    }
    // A predecessor placed just now may exclude p or another one of the group.
    if links.excludes[p].iter().any(|&q| state.start[q].is_some()) {
        return false;
    }
    let es = earliest_given_preds(state, links, win, p);
    let first = links.preferred[p]
        .iter()
        .map(|&s| s as i64)
        .filter(|&s| s >= es && s <= win.latest[p]);
    for s in first.chain(es..=win.latest[p]) {
        if state.fits(p, s as usize) {
            state.place(p, s as usize);
            placed.push(p);
            return true;
        }
    }
    false
}

/// Projects by decreasing key, index breaking ties (deterministic).
fn ranked(keys: &[f64]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..keys.len()).collect();
    idx.sort_by(|&a, &b| keys[b].total_cmp(&keys[a]).then(a.cmp(&b)));
    idx
}

/// Priority keys for the `value` greedy: value, value per cost, value per share of the
/// scarce resources it uses.
fn value_orders(portfolio: &Portfolio, res: &Resources, win: &Windows) -> Vec<Vec<usize>> {
    let n = portfolio.projects.len();
    let t_n = portfolio.periods();
    let gain: Vec<f64> = (0..n)
        .map(|p| {
            if win.can_start(p) {
                portfolio.contribution(p, win.earliest[p] as usize)
            } else {
                0.0
            }
        })
        .collect();
    let total_budget = portfolio
        .budgets
        .iter()
        .filter(|b| b.scope == BudgetScope::Total)
        .filter_map(|b| b.max)
        .fold(f64::INFINITY, f64::min);
    let skill_total: Vec<f64> = (0..portfolio.skills.len())
        .map(|k| (0..t_n).map(|t| res.potential(k, t)).sum::<f64>().max(1e-9))
        .collect();
    let mut orders = vec![ranked(&gain)];
    let per_cost: Vec<f64> = (0..n)
        .map(|p| gain[p] / portfolio.projects[p].cost.max(1e-9))
        .collect();
    orders.push(ranked(&per_cost));
    let per_use: Vec<f64> = (0..n)
        .map(|p| {
            let mut use_ = 0.0;
            for (k, profile) in &res.demand[p] {
                use_ += profile.iter().sum::<f64>() / skill_total[*k];
            }
            if total_budget.is_finite() && total_budget > 0.0 {
                use_ += portfolio.projects[p].cost / total_budget;
            }
            gain[p] / use_.max(1e-9)
        })
        .collect();
    orders.push(ranked(&per_use));
    orders
}

/// Runs the greedy for one order: forced projects first (topological order), then the
/// others. Returns the plan when it keeps every rule, minimum budgets included.
fn greedy_one(
    portfolio: &Portfolio,
    res: &Resources,
    win: &Windows,
    links: &Links,
    topo: &[usize],
    order: &[usize],
) -> Option<Plan> {
    let mut state = State::new(portfolio, res);
    for &p in topo {
        if win.forced[p] && !insert(&mut state, links, win, p) {
            return None;
        }
    }
    fill_minimums(&mut state, links, win, order);
    for &p in order {
        if portfolio.contribution(p, win.earliest[p].max(0) as usize) > 0.0 || win.forced[p] {
            insert(&mut state, links, win, p);
        }
    }
    if !state.unmet_minimums().is_empty() {
        return None;
    }
    Some(Plan { start: state.start })
}

/// Meets the minimum-spend rules (budget `min`) first: for each unmet one, adds projects
/// that spend in its scope, in the order's priority, until it is met. Run before the
/// main pass, so that the floor is not starved by projects that use the budget first.
fn fill_minimums(state: &mut State, links: &Links, win: &Windows, order: &[usize]) {
    let portfolio = state.portfolio;
    for (rule, _) in state.unmet_minimums() {
        let scope = &portfolio.budgets[rule].scope;
        for &p in order {
            if state.unmet_minimums().iter().all(|&(r, _)| r != rule) {
                break;
            }
            let pr = &portfolio.projects[p];
            let spends_there = match scope {
                BudgetScope::Total => true,
                BudgetScope::Category(c) => pr.category.as_deref() == Some(c.as_str()),
                BudgetScope::Periods(a, z) => {
                    win.can_start(p)
                        && (win.earliest[p] as usize) <= *z
                        && win.latest[p] as usize + pr.duration > *a
                }
            };
            if spends_there && pr.cost > 0.0 && state.start[p].is_none() {
                insert(state, links, win, p);
            }
        }
    }
}

/// Moves every selected project to its earliest start that keeps every rule, in
/// topological order, until nothing moves (never worse for either objective).
pub fn left_shift(portfolio: &Portfolio, res: &Resources, win: &Windows, plan: &Plan) -> Plan {
    let links = Links::new(portfolio);
    let topo = crate::graph::DepGraph::new(portfolio)
        .topological_order()
        .expect("acyclic");
    let mut state = State::new(portfolio, res);
    for (p, s) in plan.start.iter().enumerate() {
        if let Some(s) = s {
            state.place(p, *s);
        }
    }
    loop {
        let mut moved = false;
        for &p in &topo {
            let Some(s) = state.start[p] else { continue };
            let es = earliest_given_preds(&state, &links, win, p).max(0) as usize;
            if es >= s {
                continue;
            }
            state.remove(p);
            let mut new = s;
            for c in es..s {
                if state.fits(p, c) {
                    new = c;
                    break;
                }
            }
            state.place(p, new);
            moved |= new != s;
        }
        if !moved {
            break;
        }
    }
    Plan { start: state.start }
}

/// Local search for the `value` objective: for each project left out (most valuable
/// first), try to add it directly, else swap it for one selected project that nothing
/// selected depends on, then refill greedily; keep the change when the objective rises.
/// Stops when a full pass finds nothing, after a fixed number of swap trials (a work
/// limit, so that results do not depend on the machine's speed), or at `deadline` (a
/// safety net for very large portfolios).
pub fn improve(
    portfolio: &Portfolio,
    res: &Resources,
    win: &Windows,
    plan: &Plan,
    order: &[usize],
    deadline: Instant,
) -> Plan {
    let links = Links::new(portfolio);
    let mut state = State::new(portfolio, res);
    for (p, s) in plan.start.iter().enumerate() {
        if let Some(s) = s {
            state.place(p, *s);
        }
    }
    let objective = |st: &State| {
        Plan {
            start: st.start.clone(),
        }
        .objective(portfolio)
    };
    let mut best = objective(&state);
    let mut improved = true;
    let mut trials = 0usize;
    while improved && Instant::now() < deadline && trials < MAX_SWAP_TRIALS {
        improved = false;
        for &p in order {
            if state.start[p].is_some() || !win.can_start(p) {
                continue;
            }
            let gain = portfolio.contribution(p, win.earliest[p].max(0) as usize);
            if gain <= 0.0 {
                continue;
            }
            if insert(&mut state, &links, win, p) {
                best = objective(&state);
                improved = true;
                continue;
            }
            for q in removable(portfolio, &state, &links, win) {
                if Instant::now() >= deadline || trials >= MAX_SWAP_TRIALS {
                    break;
                }
                let q_gain = state.start[q]
                    .map(|s| portfolio.contribution(q, s))
                    .unwrap_or(0.0);
                if q_gain >= gain {
                    continue;
                }
                trials += 1;
                let mut trial = state.clone();
                trial.remove(q);
                if !insert(&mut trial, &links, win, p) {
                    continue;
                }
                for &r in order {
                    if r != q && trial.start[r].is_none() {
                        insert(&mut trial, &links, win, r);
                    }
                }
                let o = objective(&trial);
                if o > best + 1e-9 * best.abs().max(1.0) && trial.unmet_minimums().is_empty() {
                    state = trial;
                    best = o;
                    improved = true;
                    break;
                }
            }
        }
    }
    Plan { start: state.start }
}

/// The LP-guided order: projects by decreasing selected fraction in the LP relaxation
/// (then by value), each trying first the starts where the LP puts most of it.
fn lp_guided(
    portfolio: &Portfolio,
    win: &Windows,
    guide: &super::milp::LpGuide,
) -> (Vec<usize>, Links) {
    let n = portfolio.projects.len();
    let gain: Vec<f64> = (0..n)
        .map(|p| {
            if win.can_start(p) {
                portfolio.contribution(p, win.earliest[p] as usize)
            } else {
                0.0
            }
        })
        .collect();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        guide.selected[b]
            .total_cmp(&guide.selected[a])
            .then(gain[b].total_cmp(&gain[a]))
            .then(a.cmp(&b))
    });
    let mut links = Links::new(portfolio);
    for (p, spread) in guide.starts.iter().enumerate() {
        let mut s = spread.clone();
        s.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        links.preferred[p] = s.into_iter().map(|(s, _)| s).collect();
    }
    (order, links)
}

/// Work limit of the local search (swap trials, each a removal, an insertion and a
/// greedy refill).
const MAX_SWAP_TRIALS: usize = 20_000;

/// Selected projects that can leave without breaking a rule: not forced, no selected
/// project needs them, and no minimum budget relies on them (checked by the caller).
fn removable(portfolio: &Portfolio, state: &State, links: &Links, win: &Windows) -> Vec<usize> {
    let mut needed = vec![false; portfolio.projects.len()];
    for (p, preds) in links.preds.iter().enumerate() {
        if state.start[p].is_some() {
            for &(q, _) in preds {
                needed[q] = true;
            }
        }
    }
    let mut out: Vec<usize> = (0..portfolio.projects.len())
        .filter(|&q| state.start[q].is_some() && !win.forced[q] && !needed[q])
        .collect();
    // Least valuable first.
    out.sort_by(|&a, &b| {
        let va = portfolio.contribution(a, state.start[a].unwrap());
        let vb = portfolio.contribution(b, state.start[b].unwrap());
        va.total_cmp(&vb).then(a.cmp(&b))
    });
    out
}

/// The best of the greedy runs for the portfolio's objective, or `None` when no order
/// places every forced project.
pub fn construct(
    portfolio: &Portfolio,
    res: &Resources,
    win: &Windows,
    deadline: Instant,
    lp_deadline: Option<Instant>,
) -> Option<Plan> {
    let links = Links::new(portfolio);
    let topo = crate::graph::DepGraph::new(portfolio)
        .topological_order()
        .ok()?;
    match portfolio.settings.objective {
        Objective::Value => {
            let mut best: Option<(f64, Plan, Vec<usize>)> = None;
            let mut runs: Vec<(Vec<usize>, Links)> = value_orders(portfolio, res, win)
                .into_iter()
                .map(|o| (o, Links::new(portfolio)))
                .collect();
            if let Some(guide) =
                lp_deadline.and_then(|d| super::milp::lp_guide(portfolio, res, win, d))
            {
                runs.insert(0, lp_guided(portfolio, win, &guide));
            }
            for (order, links) in runs {
                if let Some(plan) = greedy_one(portfolio, res, win, &links, &topo, &order) {
                    let plan = left_shift(portfolio, res, win, &plan);
                    let obj = plan.objective(portfolio);
                    if best.as_ref().is_none_or(|(b, _, _)| obj > *b) {
                        best = Some((obj, plan, order));
                    }
                }
            }
            best.map(|(_, plan, order)| {
                let improved = improve(portfolio, res, win, &plan, &order, deadline);
                left_shift(portfolio, res, win, &improved)
            })
        }
        Objective::Makespan => super::sgs::best_schedule(portfolio, res, win, &links),
    }
}
