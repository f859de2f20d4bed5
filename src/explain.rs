//! "Why not my project": for each project asked, the base portfolio with that project
//! forced the other way (in when the base plan leaves it out, out when it selects it,
//! as the scenario op `force`), re-solved in parallel with warm starts from the base
//! plan; the difference of objectives is what the decision is worth.

use crate::model::{Objective, Plan, Portfolio};
use crate::scenario::run;
use crate::scenario::Variant;
use crate::solve::{Solution, SolveOptions};
use crate::verify;
use std::cmp::Ordering;

/// Which way a project is forced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forced {
    In,
    Out,
}

impl Forced {
    pub fn word(self) -> &'static str {
        match self {
            Forced::In => "in",
            Forced::Out => "out",
        }
    }
}

/// One answer.
#[derive(Debug, Clone)]
pub struct Answer {
    /// Index of the project in the base portfolio.
    pub project: usize,
    pub selected_in_base: bool,
    pub forced: Forced,
    pub variant: Variant,
    pub opts: SolveOptions,
    pub solution: Solution,
    /// Forced objective − base objective (`None` without a plan).
    pub delta: Option<f64>,
}

/// The base portfolio with project `p` forced against the base plan's choice.
pub fn variant(base: &Portfolio, base_plan: &Plan, p: usize) -> (Variant, Forced) {
    let id = &base.projects[p].id;
    let mut v;
    if base_plan.is_selected(p) {
        v = Variant::base(&format!("{id} out"), base);
        v.force_out(p, format!("forced out by pmo explain ({id})"));
        (v, Forced::Out)
    } else {
        v = Variant::base(&format!("{id} in"), base);
        v.force_in(p);
        (v, Forced::In)
    }
}

/// The warm start of a question: the base plan without the project forced out (and
/// what depended on it), or with the project forced in at its first start that keeps
/// every rule, if any.
pub fn warm_start(
    base: &Portfolio,
    base_plan: &Plan,
    v: &Variant,
    p: usize,
    forced: Forced,
) -> Plan {
    let mut plan = run::carry_plan(base, base_plan, v);
    if forced == Forced::In {
        let model = v.solve_model();
        let pr = &v.portfolio.projects[p];
        for s in pr.earliest_start..=pr.latest_start() {
            plan.start[p] = Some(s);
            if verify::check(&model, &plan).is_empty() {
                return plan;
            }
        }
        plan.start[p] = None;
    }
    plan
}

/// Forces each project of `projects` (indexes of `base`) and solves, on `jobs` threads
/// (`done` after each). Requires objective `value`. `Err` (an internal error) when a
/// plan fails the checker.
pub fn explain(
    base: &Portfolio,
    base_plan: &Plan,
    base_objective: f64,
    projects: &[usize],
    time_limit: Option<f64>,
    jobs: usize,
    done: &(dyn Fn() + Sync),
) -> Result<Vec<Answer>, String> {
    if base.settings.objective != Objective::Value {
        return Err("explain requires objective value".into());
    }
    let questions: Vec<(usize, Variant, Forced)> = projects
        .iter()
        .map(|&p| {
            let (v, f) = variant(base, base_plan, p);
            (p, v, f)
        })
        .collect();
    let results = run::parallel_map(&questions, jobs, done, |(p, v, f)| {
        let opts = run::options(v, time_limit);
        let warm = warm_start(base, base_plan, v, *p, *f);
        (opts.clone(), run::solve_variant(v, &opts, Some(&warm)))
    });
    let mut answers = Vec::new();
    for ((p, v, forced), (opts, r)) in questions.into_iter().zip(results) {
        let solution = r.map_err(|violations| {
            format!(
                "the plan with {} forced {} failed the independent checker: {}",
                base.projects[p].id,
                forced.word(),
                violations.join("; ")
            )
        })?;
        let delta = solution.objective.map(|o| o - base_objective);
        answers.push(Answer {
            project: p,
            selected_in_base: base_plan.is_selected(p),
            forced,
            variant: v,
            opts,
            solution,
            delta,
        });
    }
    rank(&mut answers);
    Ok(answers)
}

/// The contract's order: the left-out projects first, then the selected ones; within
/// each group by delta descending (the cheapest change first, compared at 1e-6), rows
/// without a delta last, ties in projects.csv order.
pub fn rank(answers: &mut [Answer]) {
    let key = |d: Option<f64>| d.map(|x| (x * 1e6).round());
    answers.sort_by(|a, b| {
        a.selected_in_base
            .cmp(&b.selected_in_base)
            .then_with(|| match (key(a.delta), key(b.delta)) {
                (Some(x), Some(y)) => y.partial_cmp(&x).unwrap_or(Ordering::Equal),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            })
            .then(a.project.cmp(&b.project))
    });
}
