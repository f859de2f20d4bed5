//! The independent plan checker.
//!
//! It re-reads every rule of the contract (FORMAT.md, "Semantics of a plan") from the
//! model alone and shares no code with the MILP or the heuristics, so that a plan the
//! solver produces is judged by a second, simple implementation of the rules.
//!
//! One file per rule family: [`selection`] (mandatory projects), [`windows`] (windows and
//! horizon), [`dependencies`], [`capacity`] (with the per-period people → skills max-flow
//! of [`flow`]) and [`budgets`].

mod budgets;
mod capacity;
mod dependencies;
mod flow;
mod selection;
mod windows;

#[cfg(test)]
mod testkit;

use crate::model::{Plan, Portfolio};
use std::ops::Range;

pub use capacity::Loads;

/// The rule a violation breaks; violations are ordered by rule in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    Mandatory,
    Window,
    Horizon,
    Precedes,
    Requires,
    Excludes,
    Capacity,
    Budget,
}

impl Rule {
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Mandatory => "mandatory",
            Rule::Window => "window",
            Rule::Horizon => "horizon",
            Rule::Precedes => "precedes",
            Rule::Requires => "requires",
            Rule::Excludes => "excludes",
            Rule::Capacity => "capacity",
            Rule::Budget => "budget",
        }
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One broken rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    pub rule: Rule,
    /// The project at fault, if the rule is about one project.
    pub project: Option<usize>,
    /// The (first) period concerned, 0-based, if the rule is about a period.
    pub period: Option<usize>,
    /// By how much the rule is broken (periods, person-days, money); 0 where the rule
    /// is not a quantity.
    pub amount: f64,
    /// A full sentence naming projects by id and periods by label.
    pub message: String,
}

impl Violation {
    fn new(
        rule: Rule,
        project: Option<usize>,
        period: Option<usize>,
        amount: f64,
        message: String,
    ) -> Self {
        Violation {
            rule,
            project,
            period,
            amount,
            message,
        }
    }
}

/// Checks every rule of the contract; violations are sorted by rule, then project,
/// then period (ties keep a fixed order: skills by index, budgets as listed).
pub fn check(portfolio: &Portfolio, plan: &Plan) -> Vec<Violation> {
    let view = View::new(portfolio, plan);
    let mut out = selection::check(&view);
    out.extend(windows::check(&view));
    out.extend(dependencies::check(&view));
    out.extend(capacity::check(&view, &capacity::loads(&view)));
    out.extend(budgets::check(&view, &budgets::spend(&view)));
    out.sort_by_key(|v| (v.rule, v.project, v.period));
    out
}

/// Demand, capacity and the people → skills flow, per `[skill][period]`.
pub fn loads(portfolio: &Portfolio, plan: &Plan) -> Loads {
    capacity::loads(&View::new(portfolio, plan))
}

/// Spend per period of the horizon (each running project spends cost / duration).
pub fn spend(portfolio: &Portfolio, plan: &Plan) -> Vec<f64> {
    budgets::spend(&View::new(portfolio, plan))
}

/// `lhs > rhs` beyond the contract's relative tolerance of 1e-6.
pub(crate) fn exceeds(lhs: f64, rhs: f64) -> bool {
    lhs > rhs + 1e-6 * lhs.abs().max(rhs.abs()).max(1.0)
}

/// A number for messages: integers without decimals, others with up to 3.
fn num(x: f64) -> String {
    if (x - x.round()).abs() < 1e-9 {
        format!("{:.0}", x.round())
    } else {
        let s = format!("{x:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// The plan as the checker reads it: one start per project of the portfolio (entries
/// missing from the plan count as not selected, extra entries are ignored).
struct View<'a> {
    pf: &'a Portfolio,
    start: Vec<Option<usize>>,
}

impl<'a> View<'a> {
    fn new(pf: &'a Portfolio, plan: &Plan) -> Self {
        let start = (0..pf.projects.len())
            .map(|p| plan.start.get(p).copied().flatten())
            .collect();
        View { pf, start }
    }

    fn start(&self, p: usize) -> Option<usize> {
        self.start[p]
    }

    fn selected(&self, p: usize) -> bool {
        self.start[p].is_some()
    }

    /// Last period of the run (0-based; may lie past the horizon).
    fn finish(&self, p: usize) -> Option<usize> {
        let d = self.pf.projects[p].duration.saturating_sub(1);
        self.start[p].map(|s| s.saturating_add(d))
    }

    /// The periods of `p`'s run that lie inside the horizon (empty if not selected).
    fn run(&self, p: usize) -> Range<usize> {
        let Some(s) = self.start[p] else { return 0..0 };
        let end = self
            .pf
            .periods()
            .min(s.saturating_add(self.pf.projects[p].duration));
        s.min(end)..end
    }

    /// `p`'s id (and name when it differs), for messages.
    fn project(&self, p: usize) -> String {
        let pr = &self.pf.projects[p];
        if pr.name.is_empty() || pr.name == pr.id {
            format!("project {}", pr.id)
        } else {
            format!("project {} ({})", pr.id, pr.name)
        }
    }

    /// The label of period `t`, extrapolated past the horizon within reason.
    fn label(&self, t: usize) -> String {
        if t <= self.pf.periods().saturating_add(100_000) {
            self.pf.horizon.label(t)
        } else {
            format!("period index {t}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testkit::*;
    use super::*;

    #[test]
    fn tolerance_is_relative_with_absolute_floor() {
        assert!(!exceeds(100.00005, 100.0));
        assert!(exceeds(100.001, 100.0));
        assert!(!exceeds(1e-7, 0.0));
        assert!(exceeds(1e-5, 0.0));
        assert!(!exceeds(1e9 + 100.0, 1e9));
    }

    #[test]
    fn numbers_in_messages() {
        assert_eq!(num(42.0), "42");
        assert_eq!(num(2.5), "2.5");
        assert_eq!(num(1.0 / 3.0), "0.333");
    }

    #[test]
    fn feasible_plan_has_no_violation() {
        let pf = Builder::new(6)
            .project("A", 2)
            .project("B", 2)
            .skill("Dev", 10.0)
            .demand("A", "Dev", &[10.0, 10.0])
            .demand("B", "Dev", &[10.0, 10.0])
            .precedes("A", "B", 0)
            .budget(total(), None, Some(100.0))
            .build();
        assert!(check(&pf, &plan(&pf, &[("A", 0), ("B", 2)])).is_empty());
    }

    #[test]
    fn violations_sorted_by_rule_project_period() {
        let pf = Builder::new(4)
            .project("A", 2)
            .project("B", 2)
            .mandatory("A")
            .skill("Dev", 0.0)
            .demand("B", "Dev", &[1.0, 1.0])
            .excludes("A", "B")
            .with("B", |p| p.earliest_start = 1)
            .build();
        // A not selected (mandatory); B too early (window), over capacity in 0 and 1.
        let v = check(&pf, &plan(&pf, &[("B", 0)]));
        let keys: Vec<_> = v.iter().map(|v| (v.rule, v.project, v.period)).collect();
        assert_eq!(
            keys,
            vec![
                (Rule::Mandatory, Some(0), None),
                (Rule::Window, Some(1), Some(0)),
                (Rule::Capacity, None, Some(0)),
                (Rule::Capacity, None, Some(1)),
            ]
        );
        assert_eq!(Rule::Capacity.as_str(), "capacity");
    }

    #[test]
    fn plan_shorter_than_projects_counts_missing_as_not_selected() {
        let pf = Builder::new(4)
            .project("A", 1)
            .project("B", 1)
            .mandatory("B")
            .requires("A", "B")
            .build();
        let short = Plan {
            start: vec![Some(0)],
        };
        let v = check(&pf, &short);
        assert_eq!(rules(&v), vec![Rule::Mandatory]);
        assert_eq!(v[0].project, Some(1));
        let empty = Plan { start: vec![] };
        assert_eq!(spend(&pf, &empty), vec![0.0; 4]);
        let long = Plan {
            start: vec![Some(0), Some(0), Some(3)],
        };
        assert!(check(&pf, &long).is_empty());
    }
}
