//! What-if scenarios (the contract SCENARIOS.md; pmo's description docs/SCENARIOS.md).
//!
//! A scenario is the loaded portfolio transformed by the rows of `scenarios.csv` that
//! carry its name: a [`Variant`]. It is then planned by the one solve path of `pmo plan`
//! ([`run::solve_variant`] → [`crate::solve::solve_from`] → [`crate::verify::check`]);
//! the budget frontier and the explain command build their variants the same way.
//!
//! - [`load_scenarios`] reads and validates scenarios.csv against a portfolio: every
//!   error of the file with file, line, column and code, all reported together;
//! - [`Variant`] is a transformed portfolio plus the projects a scenario forced out;
//! - [`run`] solves variants (in parallel) and compares their plans.

mod apply;
mod parse;
pub mod run;

pub use parse::{load_scenarios, parse_scenarios, Scenarios};

use crate::model::{BudgetLimit, BudgetScope, Demand, Portfolio};

/// The `source` of the budget row that holds settings.csv's `budget` (as the loader
/// writes it): a `total` row with a `max` and no `min`.
pub const SETTINGS_BUDGET: &str = "settings.csv budget";

/// Name of the zero-capacity skill through which the solve model keeps forced-out
/// projects out (see [`Variant::solve_model`]); never part of a written output.
const FORCED_OUT_SKILL: &str = "(forced out)";

/// A transformed portfolio: the baseline, a scenario, a frontier point or an explain
/// question.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// `baseline`, the scenario's name, …
    pub name: String,
    /// The transformed portfolio (what its plan.csv and summary.json describe).
    pub portfolio: Portfolio,
    /// For each project of `portfolio`: why it must not be selected (`None`: free).
    pub forced_out: Vec<Option<String>>,
}

impl Variant {
    /// The portfolio unchanged.
    pub fn base(name: &str, portfolio: &Portfolio) -> Variant {
        Variant {
            name: name.to_string(),
            portfolio: portfolio.clone(),
            forced_out: vec![None; portfolio.projects.len()],
        }
    }

    /// settings.csv's `budget` (the total budget of the portfolio), `None`: unlimited.
    pub fn settings_budget(&self) -> Option<f64> {
        settings_budget(&self.portfolio)
    }

    /// Replaces settings.csv's `budget` (`None`: unlimited); budgets.csv rows stay.
    pub fn set_settings_budget(&mut self, amount: Option<f64>) {
        let budgets = &mut self.portfolio.budgets;
        let at = budgets.iter().position(is_settings_budget);
        match (at, amount) {
            (Some(i), Some(v)) => budgets[i].max = Some(v),
            (Some(i), None) => {
                budgets.remove(i);
            }
            (None, Some(v)) => budgets.insert(0, settings_budget_row(v)),
            (None, None) => {}
        }
    }

    /// Project `p` must be selected (as `mandatory` true); clears a force out.
    pub fn force_in(&mut self, p: usize) {
        self.portfolio.projects[p].mandatory = true;
        self.forced_out[p] = None;
    }

    /// Project `p` must not be selected, whatever `mandatory` said; `why` is its
    /// plan.csv reason.
    pub fn force_out(&mut self, p: usize, why: String) {
        self.portfolio.projects[p].mandatory = false;
        self.forced_out[p] = Some(why);
    }

    pub fn is_forced_out(&self, p: usize) -> bool {
        self.forced_out.get(p).is_some_and(Option::is_some)
    }

    /// The portfolio the solver and the checker see: `portfolio` where each forced-out
    /// project needs one person-day per period of a skill that has no capacity, so that
    /// no plan can select it (its dependency rows still apply). Without forced-out
    /// projects, `portfolio` itself. A plan of the solve model is a plan of `portfolio`.
    pub fn solve_model(&self) -> Portfolio {
        let mut m = self.portfolio.clone();
        if !self.forced_out.iter().any(Option::is_some) {
            return m;
        }
        let mut name = FORCED_OUT_SKILL.to_string();
        while m.skills.contains(&name) {
            name.push('\'');
        }
        let k = m.skills.len();
        m.skills.push(name);
        m.capacity.push(vec![0.0; m.periods()]);
        for (p, why) in self.forced_out.iter().enumerate() {
            if why.is_some() {
                m.demands.push(Demand {
                    project: p,
                    skill: k,
                    profile: vec![1.0; m.projects[p].duration],
                });
            }
        }
        m
    }
}

fn is_settings_budget(b: &BudgetLimit) -> bool {
    b.scope == BudgetScope::Total && b.source == SETTINGS_BUDGET
}

fn settings_budget_row(max: f64) -> BudgetLimit {
    BudgetLimit {
        scope: BudgetScope::Total,
        min: None,
        max: Some(max),
        source: SETTINGS_BUDGET.to_string(),
    }
}

/// settings.csv's `budget` of a portfolio (`None`: unlimited).
pub fn settings_budget(p: &Portfolio) -> Option<f64> {
    p.budgets
        .iter()
        .find(|b| is_settings_budget(b))
        .and_then(|b| b.max)
}

#[cfg(test)]
mod tests;
