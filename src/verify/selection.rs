//! Mandatory projects: selected (with the makespan objective, every project is).

use super::{Rule, View, Violation};
use crate::model::Objective;

pub(super) fn check(v: &View) -> Vec<Violation> {
    let all = v.pf.settings.objective == Objective::Makespan;
    (0..v.pf.projects.len())
        .filter(|&p| !v.selected(p))
        .filter_map(|p| {
            let why = if v.pf.projects[p].mandatory {
                "is mandatory"
            } else if all {
                "must be selected (objective makespan: every project is mandatory)"
            } else {
                return None;
            };
            let msg = format!("{} {why} but is not selected", v.project(p));
            Some(Violation::new(Rule::Mandatory, Some(p), None, 0.0, msg))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::super::{check, Rule};
    use crate::model::{Objective, Plan};

    #[test]
    fn mandatory_selected_is_fine() {
        let pf = Builder::new(3).project("A", 1).mandatory("A").build();
        assert!(check(&pf, &plan(&pf, &[("A", 2)])).is_empty());
    }

    #[test]
    fn mandatory_left_out_is_reported() {
        let pf = Builder::new(3)
            .project("A", 1)
            .project("B", 1)
            .mandatory("B")
            .build();
        let v = check(&pf, &plan(&pf, &[("A", 0)]));
        assert_eq!(rules(&v), vec![Rule::Mandatory]);
        assert_eq!(v[0].project, Some(1));
        assert_eq!(v[0].amount, 0.0);
        assert_eq!(v[0].message, "project B is mandatory but is not selected");
    }

    #[test]
    fn optional_left_out_is_fine() {
        let pf = Builder::new(3).project("A", 1).build();
        assert!(check(&pf, &Plan::empty(1)).is_empty());
    }

    #[test]
    fn makespan_objective_requires_every_project() {
        let pf = Builder::new(3)
            .project("A", 1)
            .project("B", 1)
            .project("C", 1)
            .objective(Objective::Makespan)
            .build();
        let v = check(&pf, &plan(&pf, &[("B", 0)]));
        assert_eq!(rules(&v), vec![Rule::Mandatory, Rule::Mandatory]);
        assert_eq!(v[0].project, Some(0));
        assert_eq!(v[1].project, Some(2));
        assert!(v[0].message.contains("makespan"));
        let all = plan(&pf, &[("A", 0), ("B", 1), ("C", 2)]);
        assert!(check(&pf, &all).is_empty());
    }
}
