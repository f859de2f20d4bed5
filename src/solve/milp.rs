//! The time-indexed MILP, built with good_lp and solved by HiGHS.
//!
//! Formulation ("step" form of the time-indexed model). For each project p and each of
//! its candidate starts s_0 < s_1 < … (the presolved window, keeping only the starts
//! where p alone fits), a binary `z[p,i]` = "p has started by s_i". The classic start
//! binary is `x[p,i] = z[p,i] − z[p,i−1]` (z[p,−1] = 0), and `z[p,last]` = selected.
//! Every row written in x is rewritten in z by differencing its coefficients over
//! consecutive starts, which keeps the rows sparse (a flat demand touches 2 columns per
//! project instead of one per start) while describing the same polytope.
//!
//! Rows: monotonicity `z[p,i−1] ≤ z[p,i]`; selection (`z[p,last] = 1` for forced
//! projects); precedence in the strong disaggregated form, "to started by s ⇒ from
//! started by s − d(from) − lag" (`z[to,m] ≤ z[from,i]`, two columns); requires and
//! excludes on `z[·,last]`; capacity per skill and period where the demand could exceed
//! the anonymous capacity, with people as flows `f[q,k,t]` (single-skill people are
//! folded into the capacity); people's availability; budgets (total, period ranges,
//! categories; min and max). Objective `value` (contribution minus a tie-break weight
//! per start index that can never trade objective) or `makespan` (C ≥ finish of each).

use super::state::{Resources, State};
use super::SolveOptions;
use crate::graph::Windows;
use crate::model::{BudgetScope, DepKind, Objective, Plan, Portfolio};
use good_lp::solvers::highs::highs;
use good_lp::variable::VariableDefinition;
use good_lp::{variable, Expression, ProblemVariables, SolverModel, Variable};
use highs::HighsModelStatus;
use std::time::Instant;

/// How the MILP run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MilpStatus {
    Optimal,
    /// Stopped by the time limit (or another limit) with or without a plan.
    Limit,
    Infeasible,
    /// HiGHS reported an error; the heuristic plan (if any) stands.
    Error,
}

#[derive(Debug, Clone)]
pub struct MilpOutcome {
    pub status: MilpStatus,
    pub plan: Option<Plan>,
    /// Best bound on the primary objective (tie-break removed), when known.
    pub bound: Option<f64>,
    pub columns: usize,
    pub rows: usize,
}

/// Smallest power of ten such that every value and benefit is a multiple of it (down to
/// 1e-6): two plans of different objective then differ by at least that much.
pub fn value_resolution(portfolio: &Portfolio) -> f64 {
    let mut k = 0;
    for p in &portfolio.projects {
        for v in [p.value, p.benefit] {
            while k < 6 {
                let scaled = v * 10f64.powi(k);
                if (scaled - scaled.round()).abs() <= 1e-9 * scaled.abs().max(1.0) {
                    break;
                }
                k += 1;
            }
        }
    }
    10f64.powi(-k)
}

/// A column: the good_lp variable and its index in HiGHS (variable-creation order).
#[derive(Debug, Clone, Copy)]
struct Col {
    v: Variable,
    i: usize,
}

fn add_col(vars: &mut ProblemVariables, def: VariableDefinition) -> Col {
    let i = vars.len();
    Col {
        v: vars.add(def),
        i,
    }
}

/// A row relaxed in elastic mode.
#[derive(Debug, Clone, PartialEq)]
pub enum Relaxed {
    Capacity { skill: usize, period: usize },
    BudgetMax(usize),
    BudgetMin(usize),
}

/// Starts of `p` where it fits on its own (capacity potential and budget maxima).
fn candidate_starts(win: &Windows, empty: &State, p: usize) -> Vec<usize> {
    win.starts(p).filter(|&s| empty.fits(p, s)).collect()
}

struct Builder<'a> {
    portfolio: &'a Portfolio,
    vars: ProblemVariables,
    /// Candidate starts of each project, increasing.
    starts: Vec<Vec<usize>>,
    /// `z[p][i]`: p has started by `starts[p][i]`.
    z: Vec<Vec<Col>>,
    flows: Vec<(usize, usize, usize, Col)>,
    makespan: Option<Col>,
    constraints: Vec<good_lp::Constraint>,
    /// Elastic mode (diagnosis): each capacity and budget row gets a slack, recorded
    /// with what it relaxes and a scale for the objective.
    elastic: bool,
    slacks: Vec<(Relaxed, Col, f64)>,
    /// Some forced project has no candidate start.
    no_start: bool,
}

impl<'a> Builder<'a> {
    /// The model's columns; `relaxed` makes the z columns continuous in [0, 1] (the LP
    /// relaxation).
    fn new(portfolio: &'a Portfolio, res: &Resources, win: &Windows, relaxed: bool) -> Self {
        let empty = State::new(portfolio, res);
        let mut vars = ProblemVariables::new();
        let starts: Vec<Vec<usize>> = (0..portfolio.projects.len())
            .map(|p| candidate_starts(win, &empty, p))
            .collect();
        let def = || {
            if relaxed {
                variable().min(0.0).max(1.0)
            } else {
                variable().binary()
            }
        };
        let z = starts
            .iter()
            .map(|s| s.iter().map(|_| add_col(&mut vars, def())).collect())
            .collect();
        Builder {
            portfolio,
            vars,
            starts,
            z,
            flows: Vec::new(),
            makespan: None,
            constraints: Vec::new(),
            elastic: false,
            slacks: Vec::new(),
            no_start: false,
        }
    }

    /// Adds Σ_i a(s_i)·x[p,i] to `e`, written in z: Σ_i (a_i − a_{i+1})·z[p,i].
    fn add_x_terms(&self, e: &mut Expression, p: usize, a: impl Fn(usize) -> f64) {
        let s = &self.starts[p];
        let coef: Vec<f64> = s.iter().map(|&s| a(s)).collect();
        for i in 0..coef.len() {
            let next = coef.get(i + 1).copied().unwrap_or(0.0);
            let d = coef[i] - next;
            if d != 0.0 {
                e.add_mul(d, self.z[p][i].v);
            }
        }
    }

    /// `z[p,last]`: 1 when p is selected.
    fn selected(&self, p: usize) -> Expression {
        match self.z[p].last() {
            Some(c) => Expression::from(c.v),
            None => Expression::default(),
        }
    }

    /// In elastic mode, adds `-slack` (for ≤ rows) or `+slack` (for ≥ rows) to `e`.
    fn relax(&mut self, e: &mut Expression, what: Relaxed, scale: f64, sign: f64) {
        if self.elastic {
            let v = add_col(&mut self.vars, variable().min(0.0));
            e.add_mul(sign, v.v);
            self.slacks.push((what, v, scale.abs().max(1.0)));
        }
    }

    fn selection(&mut self, win: &Windows) {
        for p in 0..self.z.len() {
            for i in 1..self.z[p].len() {
                let c = Expression::from(self.z[p][i - 1].v).leq(self.z[p][i].v);
                self.constraints.push(c);
            }
            if win.forced[p] {
                if self.z[p].is_empty() {
                    // A forced project with no start: no plan exists in this model.
                    self.no_start = true;
                } else {
                    self.constraints.push(self.selected(p).eq(1.0));
                }
            }
        }
    }

    fn dependencies(&mut self) {
        for d in &self.portfolio.dependencies {
            match d.kind {
                DepKind::Precedes { lag } => {
                    let dur = self.portfolio.projects[d.from].duration as i64;
                    for m in 0..self.z[d.to].len() {
                        let s = self.starts[d.to][m] as i64;
                        let limit = s - dur - lag;
                        // Last start of `from` that is ≤ limit.
                        let idx = self.starts[d.from]
                            .partition_point(|&s2| (s2 as i64) <= limit)
                            .checked_sub(1);
                        let lhs = Expression::from(self.z[d.to][m].v);
                        let c = match idx {
                            Some(i) => lhs.leq(self.z[d.from][i].v),
                            None => lhs.leq(0.0),
                        };
                        self.constraints.push(c);
                    }
                }
                DepKind::Requires => {
                    let c = self.selected(d.to).leq(self.selected(d.from));
                    self.constraints.push(c);
                }
                DepKind::Excludes => {
                    let c = (self.selected(d.to) + self.selected(d.from)).leq(1.0);
                    self.constraints.push(c);
                }
            }
        }
    }

    fn capacity(&mut self, res: &Resources) {
        let t_n = self.portfolio.periods();
        let nk = self.portfolio.skills.len();
        // rows[k][t]: the skill's demand in t, and the most it could reach.
        let mut rows: Vec<Vec<Option<Expression>>> = vec![vec![None; t_n]; nk];
        let mut most: Vec<Vec<f64>> = vec![vec![0.0; t_n]; nk];
        for p in 0..self.starts.len() {
            let (Some(&first), Some(&last)) = (self.starts[p].first(), self.starts[p].last())
            else {
                continue;
            };
            for (k, profile) in &res.demand[p] {
                let d = profile.len();
                for t in first..(last + d).min(t_n) {
                    let a = |s: usize| {
                        if s <= t && t < s + d {
                            profile[t - s]
                        } else {
                            0.0
                        }
                    };
                    let peak = self.starts[p].iter().map(|&s| a(s)).fold(0.0, f64::max);
                    if peak <= 0.0 {
                        continue;
                    }
                    most[*k][t] += peak;
                    let mut e = rows[*k][t].take().unwrap_or_default();
                    self.add_x_terms(&mut e, p, a);
                    rows[*k][t] = Some(e);
                }
            }
        }
        let mut person_terms: Vec<Vec<Vec<Col>>> = vec![vec![Vec::new(); t_n]; res.pools.len()];
        for k in 0..nk {
            for t in 0..t_n {
                let Some(mut e) = rows[k][t].take() else {
                    continue;
                };
                if most[k][t] <= res.base[k][t] {
                    continue;
                }
                let scale = most[k][t];
                self.relax(
                    &mut e,
                    Relaxed::Capacity {
                        skill: k,
                        period: t,
                    },
                    scale,
                    -1.0,
                );
                for (q, pool) in res.pools.iter().enumerate() {
                    if pool.skills.contains(&k) && res.pool_avail[q][t] > 0.0 {
                        let f = add_col(&mut self.vars, variable().min(0.0));
                        self.flows.push((q, k, t, f));
                        person_terms[q][t].push(f);
                        e.add_mul(-1.0, f.v);
                    }
                }
                self.constraints.push(e.leq(res.base[k][t]));
            }
        }
        for (q, per_t) in person_terms.iter().enumerate() {
            for (t, fs) in per_t.iter().enumerate() {
                if !fs.is_empty() {
                    let mut e = Expression::with_capacity(fs.len());
                    for f in fs {
                        e.add_mul(1.0, f.v);
                    }
                    self.constraints.push(e.leq(res.pool_avail[q][t]));
                }
            }
        }
    }

    fn budgets(&mut self) {
        let portfolio = self.portfolio;
        for (i, b) in portfolio.budgets.iter().enumerate() {
            let mut e = Expression::default();
            let mut any = false;
            for (p, pr) in portfolio.projects.iter().enumerate() {
                if self.starts[p].is_empty() {
                    continue;
                }
                let amount = |s: usize| match &b.scope {
                    BudgetScope::Total => pr.cost,
                    BudgetScope::Category(c) if pr.category.as_deref() == Some(c) => pr.cost,
                    BudgetScope::Category(_) => 0.0,
                    BudgetScope::Periods(a, z) => {
                        let lo = s.max(*a);
                        let hi = (s + pr.duration - 1).min(*z);
                        if lo > hi {
                            0.0
                        } else {
                            pr.cost_per_period() * (hi - lo + 1) as f64
                        }
                    }
                };
                if self.starts[p].iter().any(|&s| amount(s) != 0.0) {
                    self.add_x_terms(&mut e, p, amount);
                    any = true;
                }
            }
            if let Some(max) = b.max {
                if any {
                    let mut e = e.clone();
                    self.relax(&mut e, Relaxed::BudgetMax(i), max, -1.0);
                    self.constraints.push(e.leq(max));
                }
            }
            if let Some(min) = b.min {
                // Even an empty expression must be ≥ min: keeps infeasibility visible.
                let mut e = e;
                self.relax(&mut e, Relaxed::BudgetMin(i), min, 1.0);
                self.constraints.push(e.geq(min));
            }
        }
    }

    /// Objective with the earlier-start tie-break, weighted so it never trades objective.
    fn objective(&mut self) -> (Expression, bool) {
        let total_starts: f64 = self
            .starts
            .iter()
            .map(|v| v.last().map(|&s| s as f64 + 1.0).unwrap_or(0.0))
            .sum::<f64>()
            + 1.0;
        let portfolio = self.portfolio;
        match portfolio.settings.objective {
            Objective::Value => {
                let eps = value_resolution(portfolio) / (2.0 * total_starts);
                let mut e = Expression::default();
                for p in 0..self.starts.len() {
                    self.add_x_terms(&mut e, p, |s| portfolio.contribution(p, s) - eps * s as f64);
                }
                (e, true)
            }
            Objective::Makespan => {
                let eps = 1.0 / (2.0 * total_starts);
                let c = add_col(&mut self.vars, variable().min(0.0));
                self.makespan = Some(c);
                let mut obj = Expression::from(c.v);
                for p in 0..self.starts.len() {
                    let d = portfolio.projects[p].duration;
                    let mut fin = Expression::default();
                    self.add_x_terms(&mut fin, p, |s| (s + d) as f64);
                    self.add_x_terms(&mut obj, p, |s| eps * s as f64);
                    self.constraints.push(fin.leq(c.v));
                }
                (obj, false)
            }
        }
    }

    /// Column values of a complete start: z from the plan, flows from a per-period
    /// assignment, C from the plan.
    fn start_values(&self, res: &Resources, plan: &Plan) -> Vec<f64> {
        let mut cols = vec![0.0; self.vars.len()];
        for (p, starts) in self.starts.iter().enumerate() {
            if let Some(sp) = plan.start.get(p).copied().flatten() {
                for (i, &s) in starts.iter().enumerate() {
                    if s >= sp {
                        cols[self.z[p][i].i] = 1.0;
                    }
                }
            }
        }
        let mut state = State::new(self.portfolio, res);
        for (p, s) in plan.start.iter().enumerate() {
            if let Some(s) = s {
                state.place(p, *s);
            }
        }
        let mut per_t = std::collections::HashMap::new();
        for &(q, k, t, f) in &self.flows {
            let flow = per_t.entry(t).or_insert_with(|| state.people_flow(t));
            if let Some(i) = res.pools[q].skills.iter().position(|&s| s == k) {
                cols[f.i] = flow[q][i];
            }
        }
        if let Some(c) = self.makespan {
            cols[c.i] = plan.objective(self.portfolio);
        }
        cols
    }

    /// The plan encoded by column values: each project starts at its first start whose
    /// z is 1.
    fn plan_from(&self, cols: &[f64]) -> Plan {
        let mut plan = Plan::empty(self.starts.len());
        for (p, zs) in self.z.iter().enumerate() {
            if let Some(i) = zs.iter().position(|c| cols[c.i] > 0.5) {
                plan.start[p] = Some(self.starts[p][i]);
            }
        }
        plan
    }

    fn build(&mut self, res: &Resources, win: &Windows) {
        self.selection(win);
        self.dependencies();
        self.capacity(res);
        self.budgets();
    }
}

/// good_lp problem → HiGHS model with the usual options.
/// HiGHS threads for every model of this process. HiGHS starts its thread pool once per
/// process and fails a later solve that asks for another count, so the first request
/// wins and every model (LP guide, MILP, diagnosis) uses it.
static THREADS: std::sync::OnceLock<Option<u32>> = std::sync::OnceLock::new();

/// Sets the HiGHS thread count for the process (only the first call counts).
pub fn set_threads(threads: Option<u32>) {
    let _ = THREADS.set(threads);
}

fn into_model(
    vars: ProblemVariables,
    objective: Expression,
    maximise: bool,
    constraints: Vec<good_lp::Constraint>,
    log: bool,
    seconds: f64,
) -> Option<highs::Model> {
    let unsolved = if maximise {
        vars.maximise(objective)
    } else {
        vars.minimise(objective)
    };
    let mut problem = unsolved.using(highs);
    for c in constraints {
        problem.add_constraint(c);
    }
    let mut model = problem.try_into_inner().ok()?;
    if let Some(Some(t)) = THREADS.get() {
        let _ = model.try_set_option("threads", *t as i32);
    }
    if log {
        model.set_option("output_flag", true);
        model.set_option("log_to_console", true);
    } else {
        model.make_quiet();
    }
    model.set_option("time_limit", seconds);
    model.set_option("random_seed", 0);
    Some(model)
}

fn primal_feasible(solved: &highs::SolvedModel) -> bool {
    // 2 = kSolutionStatusFeasible (read directly: the typed accessor panics on -1).
    solved
        .int_info_value(c"primal_solution_status")
        .is_ok_and(|v| v == 2)
}

fn remaining(deadline: Instant, floor: f64) -> f64 {
    deadline
        .saturating_duration_since(Instant::now())
        .as_secs_f64()
        .max(floor)
}

/// Builds and solves the MILP, warm-started from `start` when given.
pub fn solve(
    portfolio: &Portfolio,
    res: &Resources,
    win: &Windows,
    start: Option<&Plan>,
    opts: &SolveOptions,
    deadline: Instant,
) -> MilpOutcome {
    solve_limited(portfolio, res, win, start, opts, deadline, None)
}

/// [`solve`] with an optional limit on branch-and-bound nodes: a work limit, so that
/// the outcome does not depend on the machine's speed (used by the neighbourhood
/// search, whose sub-problems must be reproducible).
pub fn solve_limited(
    portfolio: &Portfolio,
    res: &Resources,
    win: &Windows,
    start: Option<&Plan>,
    opts: &SolveOptions,
    deadline: Instant,
    max_nodes: Option<i32>,
) -> MilpOutcome {
    let mut b = Builder::new(portfolio, res, win, false);
    b.build(res, win);
    let (objective, maximise) = b.objective();
    let start_cols = start.map(|p| b.start_values(res, p));
    let constraints = std::mem::take(&mut b.constraints);
    let columns = b.vars.len();
    let rows = constraints.len();
    let outcome = |status, plan, bound| MilpOutcome {
        status,
        plan,
        bound,
        columns,
        rows,
    };
    if b.no_start {
        return outcome(MilpStatus::Infeasible, None, None);
    }
    if columns == 0 {
        // Nothing can be selected: the empty plan is the only candidate.
        let empty = Plan::empty(portfolio.projects.len());
        return if crate::verify::check(portfolio, &empty).is_empty() {
            let o = empty.objective(portfolio);
            outcome(MilpStatus::Optimal, Some(empty), Some(o))
        } else {
            outcome(MilpStatus::Infeasible, None, None)
        };
    }
    let vars = std::mem::replace(&mut b.vars, ProblemVariables::new());
    let Some(mut model) = into_model(
        vars,
        objective,
        maximise,
        constraints,
        opts.solver_log,
        remaining(deadline, 0.5),
    ) else {
        return outcome(MilpStatus::Error, None, None);
    };
    model.set_option("mip_rel_gap", opts.mip_gap);
    if let Some(n) = max_nodes {
        model.set_option("mip_max_nodes", n);
    }
    if let Some(cols) = &start_cols {
        let _ = model.try_set_solution(Some(cols), None, None, None);
    }
    let Ok(solved) = model.try_solve() else {
        return outcome(MilpStatus::Error, None, None);
    };
    let status = match solved.status() {
        HighsModelStatus::Optimal => MilpStatus::Optimal,
        HighsModelStatus::Infeasible => MilpStatus::Infeasible,
        HighsModelStatus::ReachedTimeLimit
        | HighsModelStatus::ReachedIterationLimit
        | HighsModelStatus::ReachedSolutionLimit
        | HighsModelStatus::ReachedInterrupt
        | HighsModelStatus::ReachedMemoryLimit
        | HighsModelStatus::ObjectiveBound
        | HighsModelStatus::ObjectiveTarget => MilpStatus::Limit,
        _ if primal_feasible(&solved) => MilpStatus::Limit,
        _ => MilpStatus::Error,
    };
    let plan = primal_feasible(&solved).then(|| b.plan_from(solved.get_solution().columns()));
    let dual = solved.double_info_value(c"mip_dual_bound").ok();
    let bound = dual.filter(|d| d.is_finite()).map(|d| {
        if maximise {
            // The tie-break only lowers the combined objective by < resolution / 2.
            d + value_resolution(portfolio) / 2.0
        } else {
            // Makespans are integers; the tie-break adds < 1/2.
            (d - 0.5).ceil()
        }
    });
    let bound = if status == MilpStatus::Optimal && opts.mip_gap == 0.0 {
        plan.as_ref().map(|p| p.objective(portfolio)).or(bound)
    } else {
        bound
    };
    outcome(status, plan, bound)
}

/// Elastic solve for a diagnosis: forced projects in, every capacity and budget row
/// relaxed by a slack, total (scaled) slack minimised. Returns the relaxed rows with
/// their slack, largest first, or `None` when HiGHS could not finish.
pub fn elastic(
    portfolio: &Portfolio,
    res: &Resources,
    win: &Windows,
    deadline: Instant,
) -> Option<Vec<(Relaxed, f64)>> {
    let mut b = Builder::new(portfolio, res, win, false);
    b.elastic = true;
    b.build(res, win);
    let mut obj = Expression::default();
    for &(_, v, scale) in &b.slacks {
        obj.add_mul(1.0 / scale, v.v);
    }
    let slacks = std::mem::take(&mut b.slacks);
    let constraints = std::mem::take(&mut b.constraints);
    let vars = std::mem::replace(&mut b.vars, ProblemVariables::new());
    let model = into_model(
        vars,
        obj,
        false,
        constraints,
        false,
        remaining(deadline, 5.0),
    )?;
    let solved = model.try_solve().ok()?;
    if !primal_feasible(&solved) {
        return None;
    }
    let sol = solved.get_solution();
    let cols = sol.columns();
    let mut out: Vec<(Relaxed, f64)> = slacks
        .into_iter()
        .map(|(what, v, _)| (what, cols[v.i]))
        .filter(|(_, amount)| *amount > 1e-6)
        .collect();
    out.sort_by(|a, b| b.1.total_cmp(&a.1));
    Some(out)
}

/// What the LP relaxation says about each project: how much of it is selected, and how
/// its selection spreads over its starts.
#[derive(Debug, Clone)]
pub struct LpGuide {
    /// Selected fraction of each project (0..1).
    pub selected: Vec<f64>,
    /// For each project, (start, fraction) with a positive fraction.
    pub starts: Vec<Vec<(usize, f64)>>,
}

/// Solves the LP relaxation of the MILP (within `deadline`), for the LP-guided
/// heuristic. `None` when it does not finish in time or has no solution.
pub fn lp_guide(
    portfolio: &Portfolio,
    res: &Resources,
    win: &Windows,
    deadline: Instant,
) -> Option<LpGuide> {
    let mut b = Builder::new(portfolio, res, win, true);
    b.build(res, win);
    if b.no_start || b.vars.is_empty() {
        return None;
    }
    let (objective, maximise) = b.objective();
    let constraints = std::mem::take(&mut b.constraints);
    let vars = std::mem::replace(&mut b.vars, ProblemVariables::new());
    let seconds = deadline
        .saturating_duration_since(Instant::now())
        .as_secs_f64();
    if seconds <= 0.01 {
        return None;
    }
    let model = into_model(vars, objective, maximise, constraints, false, seconds)?;
    let solved = model.try_solve().ok()?;
    if solved.status() != HighsModelStatus::Optimal {
        return None;
    }
    let sol = solved.get_solution();
    let cols = sol.columns();
    let mut selected = Vec::with_capacity(b.z.len());
    let mut starts = Vec::with_capacity(b.z.len());
    for (p, zs) in b.z.iter().enumerate() {
        let mut prev = 0.0;
        let mut spread = Vec::new();
        for (i, c) in zs.iter().enumerate() {
            let x = cols[c.i] - prev;
            prev = cols[c.i];
            if x > 1e-6 {
                spread.push((b.starts[p][i], x));
            }
        }
        selected.push(prev.clamp(0.0, 1.0));
        starts.push(spread);
    }
    Some(LpGuide { selected, starts })
}
