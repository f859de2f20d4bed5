//! Solving: presolve from the dependency graph, a constructive heuristic, the MILP
//! warm-started from it, and a diagnosis when no plan exists.

pub mod diagnose;
pub mod flow;
pub mod heuristic;
pub mod lns;
pub mod milp;
pub mod reasons;
pub mod sgs;
pub mod state;

use crate::graph::{self, Windows};
use crate::model::{BudgetLimit, BudgetScope, Objective, Plan, Portfolio, Settings};
use state::Resources;
use std::time::{Duration, Instant};

/// How to solve.
#[derive(Debug, Clone, PartialEq)]
pub struct SolveOptions {
    /// Seconds for the whole solve (heuristic and MILP).
    pub time_limit: f64,
    /// Relative gap at which the MILP may stop.
    pub mip_gap: f64,
    /// HiGHS threads (None: HiGHS decides).
    pub threads: Option<u32>,
    /// Skip the MILP and return the heuristic plan (for comparisons and tests).
    pub heuristic_only: bool,
    /// Let HiGHS print its log to the console.
    pub solver_log: bool,
}

impl SolveOptions {
    pub fn from_settings(s: &Settings) -> Self {
        SolveOptions {
            time_limit: s.time_limit,
            mip_gap: s.mip_gap,
            threads: None,
            heuristic_only: false,
            solver_log: false,
        }
    }
}

/// How a solve ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Proven within `mip_gap` of the best bound.
    Optimal,
    /// A checked plan at the time limit, with its bound and gap.
    Feasible,
    /// No plan satisfies the rules (a diagnosis says why).
    Infeasible,
    /// The time limit ran out before any plan was found or infeasibility proven.
    Unknown,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Optimal => "optimal",
            Status::Feasible => "feasible",
            Status::Infeasible => "infeasible",
            Status::Unknown => "unknown",
        }
    }
}

/// The outcome of a solve.
#[derive(Debug, Clone)]
pub struct Solution {
    pub status: Status,
    pub plan: Option<Plan>,
    /// Objective of `plan`, exactly as the spec defines it.
    pub objective: Option<f64>,
    /// Best bound on the objective.
    pub bound: Option<f64>,
    /// Relative gap |bound − objective| / |objective|.
    pub gap: Option<f64>,
    /// What produced the plan: `highs`, `heuristic`.
    pub solver: String,
    pub seconds: f64,
    /// Objective of the constructive heuristic's plan.
    pub heuristic_objective: Option<f64>,
    /// Objective after the neighbourhood search (value objective).
    pub lns_objective: Option<f64>,
    /// MILP size (columns, rows); zeros when the MILP was not built.
    pub columns: usize,
    pub rows: usize,
    /// Why no plan exists (status infeasible), each line one cause with its amount.
    pub diagnosis: Vec<String>,
}

/// A budget limit in words, e.g. `total budget (settings.csv budget)`.
pub fn describe_budget(portfolio: &Portfolio, b: &BudgetLimit) -> String {
    let what = match &b.scope {
        BudgetScope::Total => "total budget".to_string(),
        BudgetScope::Periods(a, z) if a == z => {
            format!("budget of {}", portfolio.horizon.label(*a))
        }
        BudgetScope::Periods(a, z) => format!(
            "budget of {}..{}",
            portfolio.horizon.label(*a),
            portfolio.horizon.label(*z)
        ),
        BudgetScope::Category(c) => format!("budget of category {c}"),
    };
    format!("{what} ({})", b.source)
}

/// Formats a number for messages: integers without decimals, else up to 2 decimals.
pub fn num(x: f64) -> String {
    if (x - x.round()).abs() < 1e-6 {
        format!("{}", x.round() as i64)
    } else {
        let s = format!("{x:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

fn is_better(portfolio: &Portfolio, a: f64, b: f64) -> bool {
    match portfolio.settings.objective {
        Objective::Value => a > b + 1e-9 * a.abs().max(1.0),
        Objective::Makespan => a < b - 1e-9,
    }
}

fn gap_of(objective: f64, bound: f64) -> f64 {
    let diff = (bound - objective).abs();
    if diff <= 1e-9 * objective.abs().max(1.0) {
        0.0
    } else if objective.abs() < 1e-12 {
        f64::INFINITY
    } else {
        diff / objective.abs()
    }
}

/// A plan passes when the independent checker finds nothing.
fn checked(portfolio: &Portfolio, plan: Option<Plan>) -> Option<Plan> {
    plan.filter(|p| crate::verify::check(portfolio, p).is_empty())
}

/// Solves a validated portfolio. Never panics on a valid portfolio; the outcome is a
/// status value (optimal, feasible at the limit, infeasible with a diagnosis).
pub fn solve(portfolio: &Portfolio, opts: &SolveOptions) -> Solution {
    solve_from(portfolio, opts, None)
}

/// Like [`solve`], with a known plan (e.g. a baseline's, for a scenario) offered as a
/// warm start: when it keeps every rule of this portfolio it competes with the heuristic
/// plan for the MILP's start, and it is returned if nothing better is found.
pub fn solve_from(portfolio: &Portfolio, opts: &SolveOptions, start: Option<&Plan>) -> Solution {
    let started = Instant::now();
    milp::set_threads(opts.threads);
    let deadline = started + Duration::from_secs_f64(opts.time_limit.max(0.0));
    let res = Resources::new(portfolio);
    let win = graph::windows(portfolio, None);
    let mut sol = Solution {
        status: Status::Unknown,
        plan: None,
        objective: None,
        bound: None,
        gap: None,
        solver: "heuristic".into(),
        seconds: 0.0,
        heuristic_objective: None,
        lns_objective: None,
        columns: 0,
        rows: 0,
        diagnosis: Vec::new(),
    };
    let structural = diagnose::structural(portfolio, &res, &win);
    if !structural.is_empty() {
        sol.status = Status::Infeasible;
        sol.diagnosis = structural;
        sol.seconds = started.elapsed().as_secs_f64();
        return sol;
    }
    // The heuristic may use a tenth of the time (at most 5 s) for its local search.
    let heur_deadline = started + Duration::from_secs_f64((opts.time_limit * 0.1).min(5.0));
    // The LP relaxation that guides one of the greedy orders may use a fifth of it.
    let lp_deadline = started + Duration::from_secs_f64(opts.time_limit * 0.2);
    let heur = checked(
        portfolio,
        heuristic::construct(portfolio, &res, &win, heur_deadline, Some(lp_deadline)),
    );
    sol.heuristic_objective = heur.as_ref().map(|p| p.objective(portfolio));
    // A given start that keeps every rule competes with the heuristic's plan.
    let given = start
        .filter(|p| p.start.len() == portfolio.projects.len())
        .cloned()
        .and_then(|p| checked(portfolio, Some(p)));
    let mut heur = match (heur, given) {
        (Some(h), Some(g)) => Some(
            if is_better(portfolio, g.objective(portfolio), h.objective(portfolio)) {
                g
            } else {
                h
            },
        ),
        (h, g) => h.or(g),
    };
    let mut best = heur.clone();
    let mut milp_win: Windows = win.clone();
    let mut lower_bound = None;
    if portfolio.settings.objective == Objective::Makespan {
        let lb = (0..portfolio.projects.len())
            .map(|p| win.earliest[p] + portfolio.projects[p].duration as i64)
            .max()
            .unwrap_or(0) as f64;
        lower_bound = Some(lb);
        if let Some(h) = &heur {
            // Only a strictly shorter schedule is of interest: cut the horizon one period
            // before the heuristic's makespan. Infeasible then proves the heuristic optimal.
            milp_win = graph::windows(portfolio, Some(h.objective(portfolio) as usize - 1));
        }
    }
    let incumbent = heur.as_ref().map(|p| p.objective(portfolio));
    let proven_by_bound = matches!((lower_bound, incumbent), (Some(lb), Some(h)) if h <= lb);
    let mut milp_status = None;
    if !opts.heuristic_only && !proven_by_bound {
        // Value objective: improve the start plan by neighbourhood search for up to half
        // the time, then let the full MILP prove (or bound) from there.
        if portfolio.settings.objective == Objective::Value {
            if let Some(h) = heur.take() {
                let lns_deadline = started + Duration::from_secs_f64(opts.time_limit * 0.5);
                let improved = lns::improve(portfolio, &res, &win, h, opts, lns_deadline);
                sol.lns_objective = Some(improved.objective(portfolio));
                best = Some(improved.clone());
                heur = Some(improved);
            }
        }
        let out = milp::solve(portfolio, &res, &milp_win, heur.as_ref(), opts, deadline);
        sol.columns = out.columns;
        sol.rows = out.rows;
        milp_status = Some(out.status);
        sol.bound = out.bound;
        let milp_plan = checked(
            portfolio,
            out.plan
                .map(|p| heuristic::left_shift(portfolio, &res, &win, &p)),
        );
        if let Some(mp) = milp_plan {
            let mo = mp.objective(portfolio);
            if best
                .as_ref()
                .is_none_or(|b| !is_better(portfolio, b.objective(portfolio), mo))
            {
                best = Some(mp);
                sol.solver = "highs".into();
            }
        }
    }
    let cut_proves = heur.is_some()
        && portfolio.settings.objective == Objective::Makespan
        && milp_status == Some(milp::MilpStatus::Infeasible);
    if proven_by_bound || cut_proves {
        // The start schedule meets a lower bound, or nothing shorter exists.
        sol.bound = incumbent;
        milp_status = Some(milp::MilpStatus::Optimal);
    }
    sol.plan = best;
    sol.objective = sol.plan.as_ref().map(|p| p.objective(portfolio));
    if let (Some(o), Some(b)) = (sol.objective, sol.bound) {
        // The bound can never be worse than the plan found.
        let b = match portfolio.settings.objective {
            Objective::Value => b.max(o),
            Objective::Makespan => b.min(o),
        };
        sol.bound = Some(b);
        sol.gap = Some(gap_of(o, b)).filter(|g| g.is_finite());
    }
    sol.status = match (&sol.plan, milp_status) {
        (Some(_), _) if proven_by_bound => Status::Optimal,
        (Some(_), Some(milp::MilpStatus::Optimal)) => Status::Optimal,
        (Some(_), _) if sol.gap.is_some_and(|g| g <= opts.mip_gap + 1e-12) => Status::Optimal,
        (Some(_), _) => Status::Feasible,
        (None, Some(milp::MilpStatus::Infeasible)) => Status::Infeasible,
        (None, _) => Status::Unknown,
    };
    if sol.status == Status::Infeasible {
        sol.diagnosis = diagnose::resources(portfolio, &res, &win, deadline);
        sol.bound = None;
    }
    sol.seconds = started.elapsed().as_secs_f64();
    sol
}
