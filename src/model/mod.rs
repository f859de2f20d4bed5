//! The domain: a validated portfolio. Nothing here knows CSV or the solver.
//!
//! All periods are 0-based indexes into the [`Horizon`]; all ids are resolved to indexes
//! (`usize`) into the portfolio's vectors. The loader (`crate::io`) guarantees the
//! invariants documented on each field.

mod period;

pub use period::{Horizon, HorizonKind, PeriodError};

/// What the optimiser maximises or minimises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Objective {
    /// Maximise Σ value + benefit × (periods − finish) over selected projects.
    Value,
    /// Every project is mandatory; minimise the finish (1-based) of the last one.
    Makespan,
}

/// settings.csv
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub objective: Objective,
    /// Solver time limit, seconds.
    pub time_limit: f64,
    /// Relative gap at which the solver may stop (0 = prove the optimum).
    pub mip_gap: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            objective: Objective::Value,
            time_limit: 60.0,
            mip_gap: 0.0,
        }
    }
}

/// One project request.
#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    pub id: String,
    pub name: String,
    /// Business value if selected (≥ 0).
    pub value: f64,
    /// Extra value per period remaining in the horizon after the finish (≥ 0).
    pub benefit: f64,
    /// Total cost (≥ 0), spent evenly over the project's periods.
    pub cost: f64,
    /// Number of periods (≥ 1).
    pub duration: usize,
    pub mandatory: bool,
    /// First period it may start in (0-based).
    pub earliest_start: usize,
    /// Last period it may finish in (0-based); `earliest_start + duration - 1 <= deadline`.
    pub deadline: usize,
    pub category: Option<String>,
}

impl Project {
    /// Spend in each period of the run.
    pub fn cost_per_period(&self) -> f64 {
        self.cost / self.duration as f64
    }
    /// Latest start allowed by the project's own window.
    pub fn latest_start(&self) -> usize {
        self.deadline + 1 - self.duration
    }
}

/// Effort a project needs of one skill, per period of its run.
#[derive(Debug, Clone, PartialEq)]
pub struct Demand {
    pub project: usize,
    pub skill: usize,
    /// `profile[o]` = person-days in the o-th period of the run; `len() == duration`.
    pub profile: Vec<f64>,
}

/// A named person whose availability can be split between their skills.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub name: String,
    /// Skill indexes, sorted, without duplicates.
    pub skills: Vec<usize>,
    /// Person-days per period (`len() == horizon.periods`).
    pub availability: Vec<f64>,
}

/// Kind of a dependency row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DepKind {
    /// `to` only if `from`, and start(to) ≥ finish(from) + 1 + lag.
    Precedes { lag: i64 },
    /// `to` only if `from`.
    Requires,
    /// At most one of the two.
    Excludes,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Dependency {
    pub from: usize,
    pub to: usize,
    pub kind: DepKind,
}

/// What a budget row limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BudgetScope {
    /// Total cost of the selected projects.
    Total,
    /// Spend over the inclusive range of periods `from..=to` (cost spread evenly over
    /// each project's run). A single period is `Periods(t, t)`; a range such as
    /// `2027-01..2027-03` (a quarterly envelope) is pmo's extension of the format.
    Periods(usize, usize),
    /// Total cost of the selected projects of one category.
    Category(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct BudgetLimit {
    pub scope: BudgetScope,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// Where the limit comes from, for messages (`settings.csv budget`, `budgets.csv line 4`).
    pub source: String,
}

/// A validated portfolio.
#[derive(Debug, Clone, PartialEq)]
pub struct Portfolio {
    /// Display name (the folder name).
    pub name: String,
    pub horizon: Horizon,
    pub settings: Settings,
    pub projects: Vec<Project>,
    /// Skill names; indexes are used everywhere else.
    pub skills: Vec<String>,
    /// `capacity[skill][period]`: anonymous person-days (capacity.csv).
    pub capacity: Vec<Vec<f64>>,
    pub people: Vec<Person>,
    /// At most one entry per (project, skill).
    pub demands: Vec<Demand>,
    pub dependencies: Vec<Dependency>,
    pub budgets: Vec<BudgetLimit>,
}

impl Portfolio {
    pub fn periods(&self) -> usize {
        self.horizon.periods
    }

    pub fn project_index(&self, id: &str) -> Option<usize> {
        self.projects.iter().position(|p| p.id == id)
    }

    pub fn skill_index(&self, name: &str) -> Option<usize> {
        self.skills.iter().position(|s| s == name)
    }

    /// Demands of each project: `result[p]` lists indexes into `self.demands`.
    pub fn demands_by_project(&self) -> Vec<Vec<usize>> {
        let mut by = vec![Vec::new(); self.projects.len()];
        for (i, d) in self.demands.iter().enumerate() {
            by[d.project].push(i);
        }
        by
    }

    /// Sorted, de-duplicated category names used by projects.
    pub fn categories(&self) -> Vec<String> {
        let mut c: Vec<String> = self
            .projects
            .iter()
            .filter_map(|p| p.category.clone())
            .collect();
        c.sort();
        c.dedup();
        c
    }

    /// Objective contribution of project `p` when it starts at `start`.
    pub fn contribution(&self, p: usize, start: usize) -> f64 {
        let pr = &self.projects[p];
        let finish1 = start + pr.duration; // 1-based finish index
        pr.value + pr.benefit * (self.periods() as f64 - finish1 as f64)
    }
}

/// A plan: for each project, its start period if selected.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan {
    pub start: Vec<Option<usize>>,
}

impl Plan {
    pub fn empty(n: usize) -> Self {
        Plan {
            start: vec![None; n],
        }
    }
    pub fn is_selected(&self, p: usize) -> bool {
        self.start[p].is_some()
    }
    pub fn selected_count(&self) -> usize {
        self.start.iter().filter(|s| s.is_some()).count()
    }
    /// Finish (0-based) of project `p` if selected.
    pub fn finish(&self, portfolio: &Portfolio, p: usize) -> Option<usize> {
        self.start[p].map(|s| s + portfolio.projects[p].duration - 1)
    }
    /// The objective value of this plan, as the spec defines it.
    pub fn objective(&self, portfolio: &Portfolio) -> f64 {
        match portfolio.settings.objective {
            Objective::Value => self
                .start
                .iter()
                .enumerate()
                .filter_map(|(p, s)| s.map(|s| portfolio.contribution(p, s)))
                .sum(),
            Objective::Makespan => self
                .start
                .iter()
                .enumerate()
                .filter_map(|(p, s)| s.map(|s| (s + portfolio.projects[p].duration) as f64))
                .fold(0.0, f64::max),
        }
    }
}
