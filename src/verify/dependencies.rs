//! Dependency rows: precedes (selection and finish-to-start with lag), requires,
//! excludes. A violation is attached to the `to` project of its row.

use super::{Rule, View, Violation};
use crate::model::{DepKind, Dependency};

pub(super) fn check(v: &View) -> Vec<Violation> {
    v.pf.dependencies
        .iter()
        .filter_map(|d| match d.kind {
            DepKind::Precedes { lag } => {
                missing(v, d, Rule::Precedes).or_else(|| too_early(v, d, lag))
            }
            DepKind::Requires => missing(v, d, Rule::Requires),
            DepKind::Excludes => both(v, d),
        })
        .collect()
}

/// `to` is selected without `from`.
fn missing(v: &View, d: &Dependency, rule: Rule) -> Option<Violation> {
    let verb = if rule == Rule::Precedes {
        "follows"
    } else {
        "requires"
    };
    (v.selected(d.to) && !v.selected(d.from)).then(|| {
        let msg = format!(
            "{} is selected but {} which it {verb} is not",
            v.project(d.to),
            v.project(d.from),
        );
        Violation::new(rule, Some(d.to), None, 0.0, msg)
    })
}

/// Both selected, and `to` starts before `finish(from) + 1 + lag`.
fn too_early(v: &View, d: &Dependency, lag: i64) -> Option<Violation> {
    let (start, before) = (v.start(d.to)?, v.finish(d.from)?);
    let earliest = before as i128 + 1 + lag as i128;
    let short = earliest - start as i128;
    (short > 0).then(|| {
        let msg = format!(
            "{} starts in {} but must start no earlier than {} ({} finishes in {}, lag {lag}): {short} periods too early",
            v.project(d.to),
            v.label(start),
            label_i(v, earliest),
            v.project(d.from),
            v.label(before),
        );
        Violation::new(Rule::Precedes, Some(d.to), Some(start), short as f64, msg)
    })
}

/// A period label for an index computed with a lag (it may not fit a `usize`).
fn label_i(v: &View, t: i128) -> String {
    match usize::try_from(t) {
        Ok(t) => v.label(t),
        Err(_) => format!("period index {t}"),
    }
}

fn both(v: &View, d: &Dependency) -> Option<Violation> {
    (v.selected(d.from) && v.selected(d.to)).then(|| {
        let msg = format!(
            "{} and {} exclude each other but are both selected",
            v.project(d.from),
            v.project(d.to)
        );
        Violation::new(Rule::Excludes, Some(d.to), None, 0.0, msg)
    })
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::super::{check, Rule};
    use crate::model::Portfolio;

    fn chain(lag: i64) -> Portfolio {
        Builder::new(12)
            .project("A", 3)
            .project("B", 2)
            .precedes("A", "B", lag)
            .build()
    }

    #[test]
    fn precedes_respected() {
        let pf = chain(0);
        assert!(check(&pf, &plan(&pf, &[("A", 0), ("B", 3)])).is_empty());
        assert!(check(&pf, &plan(&pf, &[("A", 0)])).is_empty());
    }

    #[test]
    fn precedes_without_predecessor() {
        let pf = chain(0);
        let v = check(&pf, &plan(&pf, &[("B", 3)]));
        assert_eq!(rules(&v), vec![Rule::Precedes]);
        assert_eq!((v[0].project, v[0].amount), (Some(1), 0.0));
        assert_eq!(
            v[0].message,
            "project B is selected but project A which it follows is not"
        );
    }

    #[test]
    fn precedes_too_early_with_lag() {
        let pf = chain(2);
        // A runs 0..=2, so B may start at 2 + 1 + 2 = 5.
        assert!(check(&pf, &plan(&pf, &[("A", 0), ("B", 5)])).is_empty());
        let v = check(&pf, &plan(&pf, &[("A", 0), ("B", 3)]));
        assert_eq!(rules(&v), vec![Rule::Precedes]);
        assert_eq!(
            (v[0].project, v[0].period, v[0].amount),
            (Some(1), Some(3), 2.0)
        );
        assert!(
            v[0].message.contains("no earlier than 2027-06"),
            "{}",
            v[0].message
        );
    }

    #[test]
    fn negative_lag_allows_overlap() {
        let pf = chain(-2);
        // A runs 2..=4: B may start at 4 + 1 - 2 = 3, overlapping A.
        assert!(check(&pf, &plan(&pf, &[("A", 2), ("B", 3)])).is_empty());
        let v = check(&pf, &plan(&pf, &[("A", 2), ("B", 2)]));
        assert_eq!(rules(&v), vec![Rule::Precedes]);
        assert_eq!(v[0].amount, 1.0);
        // A lag reaching before the horizon is harmless.
        let pf = chain(-20);
        assert!(check(&pf, &plan(&pf, &[("A", 2), ("B", 0)])).is_empty());
    }

    #[test]
    fn requires_is_selection_only() {
        let pf = Builder::new(6)
            .project("A", 3)
            .project("B", 2)
            .requires("A", "B")
            .build();
        assert!(check(&pf, &plan(&pf, &[("A", 3), ("B", 0)])).is_empty());
        assert!(check(&pf, &plan(&pf, &[("A", 0)])).is_empty());
        let v = check(&pf, &plan(&pf, &[("B", 0)]));
        assert_eq!(rules(&v), vec![Rule::Requires]);
        assert_eq!(
            v[0].message,
            "project B is selected but project A which it requires is not"
        );
    }

    #[test]
    fn excludes_at_most_one() {
        let pf = Builder::new(6)
            .project("A", 1)
            .project("B", 1)
            .excludes("A", "B")
            .build();
        assert!(check(&pf, &plan(&pf, &[("A", 0)])).is_empty());
        assert!(check(&pf, &plan(&pf, &[("B", 0)])).is_empty());
        let v = check(&pf, &plan(&pf, &[("A", 0), ("B", 4)]));
        assert_eq!(rules(&v), vec![Rule::Excludes]);
        assert_eq!(
            v[0].message,
            "project A and project B exclude each other but are both selected"
        );
    }
}
