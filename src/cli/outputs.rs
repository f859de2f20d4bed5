//! The files of a plan, as `pmo plan` writes them (plan.csv, load.csv, spend.csv,
//! summary.json): shared by `plan` and the per-scenario plans of `scenarios`.

use pmo::graph;
use pmo::io::writers::{self, PlanReport};
use pmo::model::{Plan, Portfolio};
use pmo::solve::{reasons, Solution, Status};

/// Why each project is left out (empty for selected ones).
pub fn reasons(portfolio: &Portfolio, plan: &Plan, solution: &Solution) -> Vec<String> {
    let win = graph::windows(portfolio, None);
    reasons::reasons(portfolio, plan, &win, solution.status == Status::Optimal)
}

/// The four files of a checked plan, with their names.
pub fn plan_files(
    portfolio: &Portfolio,
    solution: &Solution,
    plan: &Plan,
    report: &PlanReport,
    time_limit: f64,
    mip_gap: f64,
) -> Vec<(&'static str, String)> {
    vec![
        ("plan.csv", writers::plan_csv(portfolio, report)),
        ("load.csv", writers::load_csv(portfolio, report)),
        ("spend.csv", writers::spend_csv(portfolio, report)),
        (
            "summary.json",
            writers::summary_json(portfolio, solution, plan, time_limit, mip_gap),
        ),
    ]
}
