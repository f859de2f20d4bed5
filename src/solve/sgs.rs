//! Serial schedule generation for the `makespan` objective (all projects mandatory):
//! classic priority rules (latest start, most successors, greatest rank weight) plus
//! deterministic regret-biased sampling, each schedule improved by a forward-backward
//! pass. Returns the shortest schedule found.

use super::heuristic::Links;
use super::state::{Resources, State};
use crate::graph::Windows;
use crate::model::{Plan, Portfolio};

/// A small deterministic generator (SplitMix64), so runs are reproducible.
pub struct SplitMix(u64);

impl SplitMix {
    pub fn new(seed: u64) -> Self {
        SplitMix(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Length of the longest path from the start of `p` to the end of the project network.
fn tails(portfolio: &Portfolio, links: &Links, topo: &[usize]) -> Vec<i64> {
    let mut tail = vec![0i64; portfolio.projects.len()];
    for &p in topo.iter().rev() {
        let d = portfolio.projects[p].duration as i64;
        let mut t = d;
        for &(q, lag) in &links.succs[p] {
            t = t.max(d + lag + tail[q]);
        }
        tail[p] = t;
    }
    tail
}

/// Serial SGS: repeatedly schedules, among the projects whose predecessors are all
/// scheduled, the one of lowest priority key at its earliest feasible start.
fn serial(
    portfolio: &Portfolio,
    res: &Resources,
    win: &Windows,
    links: &Links,
    mut pick: impl FnMut(&[usize]) -> usize,
) -> Option<Plan> {
    let n = portfolio.projects.len();
    let mut state = State::new(portfolio, res);
    let mut remaining_preds: Vec<usize> = links.preds.iter().map(|v| v.len()).collect();
    let mut succ_all = vec![Vec::new(); n];
    for (p, preds) in links.preds.iter().enumerate() {
        for &(q, _) in preds {
            succ_all[q].push(p);
        }
    }
    let mut eligible: Vec<usize> = (0..n).filter(|&p| remaining_preds[p] == 0).collect();
    for _ in 0..n {
        if eligible.is_empty() {
            return None;
        }
        let i = pick(&eligible);
        let p = eligible.swap_remove(i);
        let mut es = win.earliest[p];
        for &(q, lag) in &links.preds[p] {
            if let (Some(lag), Some(sq)) = (lag, state.start[q]) {
                es = es.max(sq as i64 + portfolio.projects[q].duration as i64 + lag);
            }
        }
        let s = (es.max(0)..=win.latest[p]).find(|&s| state.fits(p, s as usize))?;
        state.place(p, s as usize);
        for &q in &succ_all[p] {
            remaining_preds[q] -= 1;
            if remaining_preds[q] == 0 {
                eligible.push(q);
            }
        }
        eligible.sort_unstable();
    }
    Some(Plan { start: state.start })
}

fn makespan(portfolio: &Portfolio, plan: &Plan) -> usize {
    plan.objective(portfolio) as usize
}

/// Forward-backward improvement: schedule again in order of decreasing finish as late
/// as possible is approximated by re-running the SGS with the finish times as priority.
fn justify(
    portfolio: &Portfolio,
    res: &Resources,
    win: &Windows,
    links: &Links,
    plan: &Plan,
) -> Option<Plan> {
    let key: Vec<i64> = plan
        .start
        .iter()
        .map(|s| s.map(|s| s as i64).unwrap_or(i64::MAX))
        .collect();
    serial(portfolio, res, win, links, |el| {
        (0..el.len()).min_by_key(|&i| (key[el[i]], el[i])).unwrap()
    })
}

/// The shortest schedule over the priority rules and `samples` biased random passes.
pub fn best_schedule(
    portfolio: &Portfolio,
    res: &Resources,
    win: &Windows,
    links: &Links,
) -> Option<Plan> {
    let topo = crate::graph::DepGraph::new(portfolio)
        .topological_order()
        .ok()?;
    let tail = tails(portfolio, links, &topo);
    let n = portfolio.projects.len();
    let horizon = portfolio.periods() as i64;
    let lst: Vec<i64> = (0..n).map(|p| horizon - tail[p]).collect();
    let mut nsucc = vec![0usize; n];
    for &p in topo.iter().rev() {
        nsucc[p] =
            links.succs[p].len() + links.succs[p].iter().map(|&(q, _)| nsucc[q]).sum::<usize>();
    }
    let rules: Vec<Vec<i64>> = vec![
        lst.clone(),
        (0..n).map(|p| -(nsucc[p] as i64)).collect(),
        (0..n).map(|p| -tail[p]).collect(),
    ];
    let mut best: Option<Plan> = None;
    let consider = |plan: Option<Plan>, best: &mut Option<Plan>| {
        if let Some(plan) = plan {
            let improved = justify(portfolio, res, win, links, &plan)
                .filter(|j| makespan(portfolio, j) < makespan(portfolio, &plan))
                .unwrap_or(plan);
            if best
                .as_ref()
                .is_none_or(|b| makespan(portfolio, &improved) < makespan(portfolio, b))
            {
                *best = Some(improved);
            }
        }
    };
    for key in &rules {
        let plan = serial(portfolio, res, win, links, |el| {
            (0..el.len()).min_by_key(|&i| (key[el[i]], el[i])).unwrap()
        });
        consider(plan, &mut best);
    }
    // Regret-biased random sampling on the latest-start rule.
    let mut rng = SplitMix::new(0x5EED);
    let samples = (20_000 / n.max(1)).clamp(20, 400);
    for _ in 0..samples {
        let plan = serial(portfolio, res, win, links, |el| {
            let worst = el.iter().map(|&p| lst[p]).max().unwrap();
            let weights: Vec<f64> = el.iter().map(|&p| (worst - lst[p] + 1) as f64).collect();
            let total: f64 = weights.iter().sum();
            let mut r = rng.next_f64() * total;
            for (i, w) in weights.iter().enumerate() {
                if r < *w {
                    return i;
                }
                r -= w;
            }
            el.len() - 1
        });
        consider(plan, &mut best);
    }
    best
}
