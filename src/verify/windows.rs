//! Time windows (earliest start, deadline) and the horizon.

use super::{Rule, View, Violation};

pub(super) fn check(v: &View) -> Vec<Violation> {
    (0..v.pf.projects.len())
        .filter_map(|p| Some((p, v.start(p)?, v.finish(p)?)))
        .flat_map(|(p, s, f)| [early(v, p, s), late(v, p, f), outside(v, p, f)])
        .flatten()
        .collect()
}

/// Number of periods from `a` to a later `b`, as an amount.
fn gap(a: usize, b: usize) -> f64 {
    (b - a) as f64
}

fn early(v: &View, p: usize, start: usize) -> Option<Violation> {
    let earliest = v.pf.projects[p].earliest_start;
    (start < earliest).then(|| {
        let msg = format!(
            "{} starts in {}, before its earliest start {} ({} periods early)",
            v.project(p),
            v.label(start),
            v.label(earliest),
            gap(start, earliest)
        );
        Violation::new(
            Rule::Window,
            Some(p),
            Some(start),
            gap(start, earliest),
            msg,
        )
    })
}

fn late(v: &View, p: usize, finish: usize) -> Option<Violation> {
    let deadline = v.pf.projects[p].deadline;
    (finish > deadline).then(|| {
        let msg = format!(
            "{} finishes in {}, after its deadline {} ({} periods late)",
            v.project(p),
            v.label(finish),
            v.label(deadline),
            gap(deadline, finish)
        );
        Violation::new(
            Rule::Window,
            Some(p),
            Some(finish),
            gap(deadline, finish),
            msg,
        )
    })
}

fn outside(v: &View, p: usize, finish: usize) -> Option<Violation> {
    let last = v.pf.periods() - 1;
    (finish > last).then(|| {
        let msg = format!(
            "{} finishes in {}, after the last period of the horizon {} ({} periods beyond)",
            v.project(p),
            v.label(finish),
            v.label(last),
            gap(last, finish)
        );
        Violation::new(Rule::Horizon, Some(p), Some(finish), gap(last, finish), msg)
    })
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::super::{check, loads, spend, Rule};
    use crate::model::Plan;

    fn windowed() -> crate::model::Portfolio {
        Builder::new(12)
            .project("A", 3)
            .with("A", |p| {
                p.earliest_start = 2;
                p.deadline = 6;
            })
            .build()
    }

    #[test]
    fn inside_window_is_fine() {
        let pf = windowed();
        assert!(check(&pf, &plan(&pf, &[("A", 2)])).is_empty());
        assert!(check(&pf, &plan(&pf, &[("A", 4)])).is_empty());
    }

    #[test]
    fn start_before_earliest_start() {
        let pf = windowed();
        let v = check(&pf, &plan(&pf, &[("A", 0)]));
        assert_eq!(rules(&v), vec![Rule::Window]);
        assert_eq!(
            (v[0].project, v[0].period, v[0].amount),
            (Some(0), Some(0), 2.0)
        );
        assert_eq!(
            v[0].message,
            "project A starts in 2027-01, before its earliest start 2027-03 (2 periods early)"
        );
    }

    #[test]
    fn finish_after_deadline() {
        let pf = windowed();
        let v = check(&pf, &plan(&pf, &[("A", 5)]));
        assert_eq!(rules(&v), vec![Rule::Window]);
        assert_eq!((v[0].period, v[0].amount), (Some(7), 1.0));
        assert!(v[0].message.contains("after its deadline 2027-07"));
    }

    #[test]
    fn finish_beyond_horizon() {
        let pf = Builder::new(4).project("A", 2).build();
        let v = check(&pf, &plan(&pf, &[("A", 3)]));
        assert_eq!(rules(&v), vec![Rule::Window, Rule::Horizon]);
        assert_eq!((v[1].period, v[1].amount), (Some(4), 1.0));
        assert!(v[1].message.contains("2027-05"));
        assert!(check(&pf, &plan(&pf, &[("A", 2)])).is_empty());
    }

    #[test]
    fn start_far_beyond_horizon_does_not_panic() {
        let pf = Builder::new(4)
            .project("A", 2)
            .project("B", 2)
            .cost("A", 10.0)
            .skill("Dev", 1.0)
            .demand("A", "Dev", &[5.0, 5.0])
            .precedes("A", "B", 0)
            .build();
        for s in [4, 1000, usize::MAX - 1, usize::MAX] {
            let p = Plan {
                start: vec![Some(s), Some(s)],
            };
            let v = check(&pf, &p);
            assert!(v.iter().any(|v| v.rule == Rule::Horizon), "start {s}");
            assert!(v.iter().all(|v| v.rule != Rule::Capacity));
            assert_eq!(spend(&pf, &p), vec![0.0; 4]);
            assert_eq!(loads(&pf, &p).demand, vec![vec![0.0; 4]]);
        }
    }

    #[test]
    fn partly_outside_run_counts_inside_periods_only() {
        let pf = Builder::new(4)
            .project("A", 2)
            .cost("A", 10.0)
            .skill("Dev", 9.0)
            .demand("A", "Dev", &[5.0, 7.0])
            .build();
        let p = plan(&pf, &[("A", 3)]);
        assert_eq!(spend(&pf, &p), vec![0.0, 0.0, 0.0, 5.0]);
        assert_eq!(loads(&pf, &p).demand, vec![vec![0.0, 0.0, 0.0, 5.0]]);
    }
}
