//! Budget limits: total cost, spend over a range of periods (cost spread evenly over
//! each project's run), total cost of a category; each with a min and/or a max.

use super::{exceeds, num, Rule, View, Violation};
use crate::model::{BudgetLimit, BudgetScope};

/// Spend per period of the horizon.
pub(super) fn spend(v: &View) -> Vec<f64> {
    let mut out = vec![0.0; v.pf.periods()];
    for (p, pr) in v.pf.projects.iter().enumerate() {
        for t in v.run(p) {
            out[t] += pr.cost_per_period();
        }
    }
    out
}

pub(super) fn check(v: &View, spend: &[f64]) -> Vec<Violation> {
    v.pf.budgets
        .iter()
        .flat_map(|b| {
            let x = amount(v, spend, &b.scope);
            [
                b.max.filter(|&m| exceeds(x, m)).map(|m| over(v, b, x, m)),
                b.min.filter(|&m| exceeds(m, x)).map(|m| under(v, b, x, m)),
            ]
        })
        .flatten()
        .collect()
}

/// What the limit applies to, in this plan.
fn amount(v: &View, spend: &[f64], scope: &BudgetScope) -> f64 {
    match scope {
        BudgetScope::Total => cost_of(v, |_| true),
        BudgetScope::Category(c) => cost_of(v, |p| v.pf.projects[p].category.as_ref() == Some(c)),
        BudgetScope::Periods(a, b) => {
            let end = (*b).min(spend.len().saturating_sub(1));
            spend.get(*a..=end).map_or(0.0, |s| s.iter().sum())
        }
    }
}

/// Total cost of the selected projects that `keep` accepts.
fn cost_of(v: &View, keep: impl Fn(usize) -> bool) -> f64 {
    (0..v.pf.projects.len())
        .filter(|&p| v.selected(p) && keep(p))
        .map(|p| v.pf.projects[p].cost)
        .sum()
}

fn describe(v: &View, scope: &BudgetScope) -> String {
    match scope {
        BudgetScope::Total => "total cost of the selected projects".into(),
        BudgetScope::Category(c) => format!("total cost of category {c}"),
        BudgetScope::Periods(a, b) if a == b => format!("spend in {}", v.label(*a)),
        BudgetScope::Periods(a, b) => format!("spend from {} to {}", v.label(*a), v.label(*b)),
    }
}

fn first_period(scope: &BudgetScope) -> Option<usize> {
    match scope {
        BudgetScope::Periods(a, _) => Some(*a),
        _ => None,
    }
}

fn over(v: &View, b: &BudgetLimit, x: f64, max: f64) -> Violation {
    let msg = format!(
        "{} ({}): {} exceeds the maximum {} (+{})",
        describe(v, &b.scope),
        b.source,
        num(x),
        num(max),
        num(x - max)
    );
    Violation::new(Rule::Budget, None, first_period(&b.scope), x - max, msg)
}

fn under(v: &View, b: &BudgetLimit, x: f64, min: f64) -> Violation {
    let msg = format!(
        "{} ({}): {} is below the minimum {} (-{})",
        describe(v, &b.scope),
        b.source,
        num(x),
        num(min),
        num(min - x)
    );
    Violation::new(Rule::Budget, None, first_period(&b.scope), min - x, msg)
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::super::{check, spend, Rule};
    use crate::model::{BudgetScope, Portfolio};

    fn costly() -> Builder {
        Builder::new(6)
            .project("A", 2)
            .project("B", 4)
            .project("C", 1)
            .cost("A", 100.0)
            .cost("B", 40.0)
            .cost("C", 7.0)
            .category("A", "IT")
            .category("B", "IT")
            .category("C", "HR")
    }

    fn budget(scope: BudgetScope, min: Option<f64>, max: Option<f64>) -> Portfolio {
        costly().budget(scope, min, max).build()
    }

    #[test]
    fn spend_is_cost_spread_over_the_run() {
        let pf = costly().build();
        let p = plan(&pf, &[("A", 0), ("B", 1), ("C", 5)]);
        assert_eq!(spend(&pf, &p), vec![50.0, 60.0, 10.0, 10.0, 10.0, 7.0]);
    }

    #[test]
    fn total_max_and_min() {
        let pf = budget(total(), Some(50.0), Some(140.0));
        assert!(check(&pf, &plan(&pf, &[("A", 0), ("B", 0)])).is_empty());
        let v = check(&pf, &plan(&pf, &[("A", 0), ("B", 0), ("C", 0)]));
        assert_eq!(rules(&v), vec![Rule::Budget]);
        assert_eq!((v[0].project, v[0].period, v[0].amount), (None, None, 7.0));
        assert_eq!(
            v[0].message,
            "total cost of the selected projects (budgets.csv line 2): 147 exceeds the maximum 140 (+7)"
        );
        let v = check(&pf, &plan(&pf, &[("B", 0)]));
        assert_eq!(v[0].amount, 10.0);
        assert!(v[0].message.ends_with("40 is below the minimum 50 (-10)"));
    }

    #[test]
    fn period_range_budget() {
        // Spend 50, 60, 10, 10, 10, 7 as above; 2027-02..2027-04 spends 80.
        let pf = budget(BudgetScope::Periods(1, 3), None, Some(75.0));
        let p = plan(&pf, &[("A", 0), ("B", 1), ("C", 5)]);
        let v = check(&pf, &p);
        assert_eq!(rules(&v), vec![Rule::Budget]);
        assert_eq!((v[0].period, v[0].amount), (Some(1), 5.0));
        assert!(v[0].message.starts_with("spend from 2027-02 to 2027-04 "));
        // A looser maximum holds.
        let pf = budget(BudgetScope::Periods(1, 3), None, Some(80.0));
        assert!(check(&pf, &p).is_empty());
    }

    #[test]
    fn single_period_budget() {
        let pf = budget(BudgetScope::Periods(1, 1), Some(20.0), Some(55.0));
        let v = check(&pf, &plan(&pf, &[("A", 0), ("B", 1)]));
        assert_eq!((v[0].amount, v[0].period), (5.0, Some(1)));
        assert!(v[0].message.starts_with("spend in 2027-02 "));
        let v = check(&pf, &plan(&pf, &[("A", 3)]));
        assert_eq!(v[0].amount, 20.0);
        assert!(check(&pf, &plan(&pf, &[("A", 1)])).is_empty());
    }

    #[test]
    fn category_min_and_max() {
        let max = budget(BudgetScope::Category("IT".into()), None, Some(120.0));
        let v = check(&max, &plan(&max, &[("A", 0), ("B", 0)]));
        assert_eq!(rules(&v), vec![Rule::Budget]);
        assert_eq!(v[0].amount, 20.0);
        assert!(v[0].message.starts_with("total cost of category IT "));
        assert!(check(&max, &plan(&max, &[("A", 0), ("C", 0)])).is_empty());

        let min = budget(BudgetScope::Category("HR".into()), Some(5.0), None);
        let v = check(&min, &plan(&min, &[("A", 0), ("B", 0)]));
        assert_eq!(v[0].amount, 5.0);
        assert!(v[0].message.contains("0 is below the minimum 5"));
        assert!(check(&min, &plan(&min, &[("C", 5)])).is_empty());
    }

    #[test]
    fn budget_within_tolerance() {
        let pf = budget(total(), None, Some(146.9999));
        assert!(check(&pf, &plan(&pf, &[("A", 0), ("B", 0), ("C", 0)])).is_empty());
    }
}
