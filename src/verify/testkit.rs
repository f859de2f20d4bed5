//! Hand-built portfolios for the checker's unit tests.

use super::{Rule, Violation};
use crate::model::{
    BudgetLimit, BudgetScope, Demand, DepKind, Dependency, Horizon, HorizonKind, Objective, Person,
    Plan, Portfolio, Project, Settings,
};

/// Builds a monthly portfolio starting 2027-01; projects default to the whole horizon
/// as their window, skills to a constant anonymous capacity.
pub struct Builder {
    pf: Portfolio,
}

impl Builder {
    pub fn new(periods: usize) -> Self {
        Builder {
            pf: Portfolio {
                name: "test".into(),
                horizon: Horizon::new(
                    HorizonKind::Monthly {
                        year: 2027,
                        month: 1,
                    },
                    periods,
                ),
                settings: Settings::default(),
                projects: vec![],
                skills: vec![],
                capacity: vec![],
                people: vec![],
                demands: vec![],
                dependencies: vec![],
                budgets: vec![],
            },
        }
    }

    fn p(&self, id: &str) -> usize {
        self.pf.project_index(id).expect("project")
    }

    fn s(&self, name: &str) -> usize {
        self.pf.skill_index(name).expect("skill")
    }

    pub fn project(mut self, id: &str, duration: usize) -> Self {
        self.pf.projects.push(Project {
            id: id.into(),
            name: id.into(),
            value: 1.0,
            benefit: 0.0,
            cost: 0.0,
            duration,
            mandatory: false,
            earliest_start: 0,
            deadline: self.pf.periods() - 1,
            category: None,
        });
        self
    }

    pub fn with(mut self, id: &str, f: impl FnOnce(&mut Project)) -> Self {
        let p = self.p(id);
        f(&mut self.pf.projects[p]);
        self
    }

    pub fn mandatory(self, id: &str) -> Self {
        self.with(id, |p| p.mandatory = true)
    }

    pub fn cost(self, id: &str, cost: f64) -> Self {
        self.with(id, |p| p.cost = cost)
    }

    pub fn category(self, id: &str, cat: &str) -> Self {
        self.with(id, |p| p.category = Some(cat.into()))
    }

    pub fn skill(mut self, name: &str, capacity: f64) -> Self {
        self.pf.skills.push(name.into());
        self.pf.capacity.push(vec![capacity; self.pf.periods()]);
        self
    }

    pub fn capacity_at(mut self, skill: &str, period: usize, capacity: f64) -> Self {
        let s = self.s(skill);
        self.pf.capacity[s][period] = capacity;
        self
    }

    pub fn person(mut self, name: &str, skills: &[&str], availability: f64) -> Self {
        let mut skills: Vec<usize> = skills.iter().map(|s| self.s(s)).collect();
        skills.sort();
        self.pf.people.push(Person {
            name: name.into(),
            skills,
            availability: vec![availability; self.pf.periods()],
        });
        self
    }

    pub fn demand(mut self, project: &str, skill: &str, profile: &[f64]) -> Self {
        let (project, skill) = (self.p(project), self.s(skill));
        self.pf.demands.push(Demand {
            project,
            skill,
            profile: profile.to_vec(),
        });
        self
    }

    fn dep(mut self, from: &str, to: &str, kind: DepKind) -> Self {
        let (from, to) = (self.p(from), self.p(to));
        self.pf.dependencies.push(Dependency { from, to, kind });
        self
    }

    pub fn precedes(self, from: &str, to: &str, lag: i64) -> Self {
        self.dep(from, to, DepKind::Precedes { lag })
    }

    pub fn requires(self, from: &str, to: &str) -> Self {
        self.dep(from, to, DepKind::Requires)
    }

    pub fn excludes(self, from: &str, to: &str) -> Self {
        self.dep(from, to, DepKind::Excludes)
    }

    pub fn budget(mut self, scope: BudgetScope, min: Option<f64>, max: Option<f64>) -> Self {
        let source = format!("budgets.csv line {}", self.pf.budgets.len() + 2);
        self.pf.budgets.push(BudgetLimit {
            scope,
            min,
            max,
            source,
        });
        self
    }

    pub fn objective(mut self, objective: Objective) -> Self {
        self.pf.settings.objective = objective;
        self
    }

    pub fn build(self) -> Portfolio {
        self.pf
    }
}

pub fn total() -> BudgetScope {
    BudgetScope::Total
}

/// A plan selecting the listed projects at the given (0-based) starts.
pub fn plan(pf: &Portfolio, starts: &[(&str, usize)]) -> Plan {
    let mut plan = Plan::empty(pf.projects.len());
    for &(id, s) in starts {
        plan.start[pf.project_index(id).expect("project")] = Some(s);
    }
    plan
}

pub fn rules(v: &[Violation]) -> Vec<Rule> {
    v.iter().map(|v| v.rule).collect()
}

/// Asserts two numbers agree to 1e-9.
pub fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}
