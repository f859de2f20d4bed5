//! Large neighbourhood search around the incumbent plan (value objective): repeatedly
//! free a neighbourhood of projects (a random sample, the projects running in a window
//! of periods, or those needing one skill), keep every other project where it is, and
//! let HiGHS re-optimise the neighbourhood under a node limit. An improvement that
//! passes the checker becomes the new incumbent.
//!
//! Everything is reproducible: the neighbourhoods come from a seeded generator and the
//! sub-problems are bounded by nodes, not seconds; the deadline is only a safety net.

use super::milp;
use super::sgs::SplitMix;
use super::state::Resources;
use super::SolveOptions;
use crate::graph::Windows;
use crate::model::{Plan, Portfolio};
use std::time::Instant;

/// Iterations at most, and without improvement before giving up.
const MAX_ITERATIONS: usize = 400;
const MAX_STALE: usize = 40;
/// Branch-and-bound nodes per sub-problem.
const SUB_NODES: i32 = 200;

/// The windows of a sub-problem: free projects keep their windows; the others are
/// pinned to the incumbent (forced at their start, or left out).
fn restrict(win: &Windows, incumbent: &Plan, free: &[bool]) -> Windows {
    let mut w = win.clone();
    for (p, &is_free) in free.iter().enumerate() {
        if is_free {
            continue;
        }
        match incumbent.start[p] {
            Some(s) => {
                w.earliest[p] = s as i64;
                w.latest[p] = s as i64;
                w.forced[p] = true;
            }
            None => {
                w.earliest[p] = 1;
                w.latest[p] = 0;
                w.forced[p] = false;
            }
        }
    }
    w
}

/// The projects freed at iteration `iter`.
fn neighbourhood(
    portfolio: &Portfolio,
    res: &Resources,
    incumbent: &Plan,
    win: &Windows,
    iter: usize,
    size: usize,
    rng: &mut SplitMix,
) -> Vec<bool> {
    let n = portfolio.projects.len();
    let mut candidates: Vec<usize> = match iter % 3 {
        // Projects running (or able to run) in a window of periods.
        0 => {
            let t_n = portfolio.periods();
            let width = (t_n / 4).max(2);
            let a = (rng.next_u64() % t_n as u64) as usize;
            let b = (a + width).min(t_n);
            (0..n)
                .filter(|&p| match incumbent.start[p] {
                    Some(s) => s < b && s + portfolio.projects[p].duration > a,
                    None => win.can_start(p) && (win.earliest[p] as usize) < b,
                })
                .collect()
        }
        // Projects needing one skill.
        1 if !portfolio.skills.is_empty() => {
            let k = (rng.next_u64() % portfolio.skills.len() as u64) as usize;
            (0..n)
                .filter(|&p| res.demand[p].iter().any(|(s, _)| *s == k))
                .collect()
        }
        // A random sample.
        _ => (0..n).collect(),
    };
    // Shuffle (Fisher–Yates) and keep `size` of them.
    for i in (1..candidates.len()).rev() {
        let j = (rng.next_u64() % (i as u64 + 1)) as usize;
        candidates.swap(i, j);
    }
    candidates.truncate(size);
    let mut free = vec![false; n];
    for p in candidates {
        free[p] = true;
    }
    free
}

/// Improves `incumbent` until `deadline`, the iteration limit, or `MAX_STALE` iterations
/// without improvement. Returns the best plan (the incumbent if nothing was better).
pub fn improve(
    portfolio: &Portfolio,
    res: &Resources,
    win: &Windows,
    incumbent: Plan,
    opts: &SolveOptions,
    deadline: Instant,
) -> Plan {
    let n = portfolio.projects.len();
    if n < 2 {
        return incumbent;
    }
    let size = (n / 4).clamp(8, 60).min(n);
    let mut rng = SplitMix::new(0x4C4E_5321);
    let mut best = incumbent;
    let mut best_obj = best.objective(portfolio);
    let mut stale = 0;
    let sub_opts = SolveOptions {
        mip_gap: 0.0,
        solver_log: false,
        ..opts.clone()
    };
    for iter in 0..MAX_ITERATIONS {
        if stale >= MAX_STALE || Instant::now() >= deadline {
            break;
        }
        let free = neighbourhood(portfolio, res, &best, win, iter, size, &mut rng);
        let sub_win = restrict(win, &best, &free);
        let out = milp::solve_limited(
            portfolio,
            res,
            &sub_win,
            Some(&best),
            &sub_opts,
            deadline,
            Some(SUB_NODES),
        );
        let better = out
            .plan
            .filter(|p| crate::verify::check(portfolio, p).is_empty())
            .map(|p| (p.objective(portfolio), p))
            .filter(|(o, _)| *o > best_obj + 1e-9 * best_obj.abs().max(1.0));
        match better {
            Some((o, p)) => {
                best = p;
                best_obj = o;
                stale = 0;
            }
            None => stale += 1,
        }
    }
    best
}
