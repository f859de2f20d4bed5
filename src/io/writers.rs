//! Writers for every output of `pmo plan`: plan.csv, load.csv, spend.csv, summary.json.
//! The figures come from one computation ([`PlanReport`]), built from the checker's own
//! loads and spends, so every writer (and later reports) shows the same numbers.

use crate::model::{BudgetScope, Objective, Plan, Portfolio};
use crate::solve::Solution;
use crate::verify;
use serde::Serialize;
use std::fs;
use std::io;
use std::path::Path;

/// Formats a number deterministically: integers without decimals, else at most 6.
pub fn fmt_num(x: f64) -> String {
    let r = (x * 1e6).round() / 1e6;
    if r == r.trunc() && r.abs() < 1e15 {
        format!("{}", r as i64)
    } else {
        let s = format!("{r:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

fn round6(x: f64) -> f64 {
    let r = (x * 1e6).round() / 1e6;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

/// One row of plan.csv.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanRow {
    pub project: usize,
    pub start: Option<usize>,
    pub finish: Option<usize>,
    /// Objective contribution when selected (value + benefit × remaining periods).
    pub contribution: f64,
    pub reason: String,
}

/// One row of load.csv.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadRow {
    pub skill: usize,
    pub period: usize,
    pub demand: f64,
    /// Anonymous capacity plus the availability of every person who has the skill.
    pub capacity: f64,
    pub base_capacity: f64,
    /// People's time given to this skill by the checker's flow.
    pub people_assigned: f64,
    /// demand / capacity (0 when both are 0).
    pub utilisation: f64,
}

/// One row of spend.csv.
#[derive(Debug, Clone, PartialEq)]
pub struct SpendRow {
    pub period: usize,
    pub spend: f64,
    pub cumulative: f64,
    /// The tightest `max` of the single-period budget rows, if any.
    pub limit: Option<f64>,
    pub min: Option<f64>,
    /// The narrowest multi-period budget (a quarterly envelope `Periods(a, z)`) holding
    /// this period: its range, its spend and its `max`.
    pub envelope: Option<(usize, usize)>,
    pub envelope_spend: f64,
    pub envelope_limit: Option<f64>,
}

/// Everything the writers print, computed once.
#[derive(Debug, Clone)]
pub struct PlanReport {
    pub plan: Vec<PlanRow>,
    pub load: Vec<LoadRow>,
    pub spend: Vec<SpendRow>,
    pub total_budget: Option<f64>,
}

impl PlanReport {
    pub fn new(portfolio: &Portfolio, plan: &Plan, reasons: &[String]) -> Self {
        let rows = (0..portfolio.projects.len())
            .map(|p| PlanRow {
                project: p,
                start: plan.start[p],
                finish: plan.finish(portfolio, p),
                contribution: plan.start[p]
                    .map(|s| portfolio.contribution(p, s))
                    .unwrap_or(0.0),
                reason: reasons.get(p).cloned().unwrap_or_default(),
            })
            .collect();
        let loads = verify::loads(portfolio, plan);
        let mut load = Vec::new();
        for k in 0..portfolio.skills.len() {
            for t in 0..portfolio.periods() {
                let capacity = loads.base[k][t] + loads.people_potential[k][t];
                let demand = loads.demand[k][t];
                load.push(LoadRow {
                    skill: k,
                    period: t,
                    demand,
                    capacity,
                    base_capacity: loads.base[k][t],
                    people_assigned: loads.people_assigned[k][t],
                    utilisation: if capacity > 0.0 {
                        demand / capacity
                    } else if demand > 0.0 {
                        f64::INFINITY
                    } else {
                        0.0
                    },
                });
            }
        }
        let spend_t = verify::spend(portfolio, plan);
        let mut cumulative = 0.0;
        let spend = spend_t
            .iter()
            .enumerate()
            .map(|(t, &s)| {
                cumulative += s;
                let single = portfolio
                    .budgets
                    .iter()
                    .filter(|b| b.scope == BudgetScope::Periods(t, t));
                let envelope = portfolio
                    .budgets
                    .iter()
                    .filter_map(|b| match b.scope {
                        BudgetScope::Periods(a, z) if a < z && a <= t && t <= z => {
                            Some((z - a, a, z, b.max))
                        }
                        _ => None,
                    })
                    .min_by_key(|&(width, a, _, _)| (width, a));
                SpendRow {
                    period: t,
                    spend: s,
                    cumulative,
                    limit: single.clone().filter_map(|b| b.max).reduce(f64::min),
                    min: single.filter_map(|b| b.min).reduce(f64::max),
                    envelope: envelope.map(|(_, a, z, _)| (a, z)),
                    envelope_spend: envelope
                        .map(|(_, a, z, _)| spend_t[a..=z.min(spend_t.len() - 1)].iter().sum())
                        .unwrap_or(0.0),
                    envelope_limit: envelope.and_then(|(_, _, _, max)| max),
                }
            })
            .collect();
        let total_budget = portfolio
            .budgets
            .iter()
            .filter(|b| b.scope == BudgetScope::Total)
            .filter_map(|b| b.max)
            .reduce(f64::min);
        PlanReport {
            plan: rows,
            load,
            spend,
            total_budget,
        }
    }
}

fn csv_string(rows: Vec<Vec<String>>) -> String {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    for r in rows {
        w.write_record(&r).expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("flush to memory")).expect("utf-8")
}

/// plan.csv: every project, selected or not, with the reason for those left out.
pub fn plan_csv(portfolio: &Portfolio, report: &PlanReport) -> String {
    let h = &portfolio.horizon;
    let mut rows = vec![[
        "project",
        "name",
        "selected",
        "start",
        "finish",
        "value",
        "benefit",
        "cost",
        "category",
        "mandatory",
        "contribution",
        "reason",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()];
    for r in &report.plan {
        let pr = &portfolio.projects[r.project];
        rows.push(vec![
            pr.id.clone(),
            pr.name.clone(),
            r.start.is_some().to_string(),
            r.start.map(|s| h.label(s)).unwrap_or_default(),
            r.finish.map(|s| h.label(s)).unwrap_or_default(),
            fmt_num(pr.value),
            fmt_num(pr.benefit),
            fmt_num(pr.cost),
            pr.category.clone().unwrap_or_default(),
            pr.mandatory.to_string(),
            fmt_num(r.contribution),
            r.reason.clone(),
        ]);
    }
    csv_string(rows)
}

/// load.csv: skill, period, demand, capacity, utilisation (+ the capacity's parts).
pub fn load_csv(portfolio: &Portfolio, report: &PlanReport) -> String {
    let mut rows = vec![[
        "skill",
        "period",
        "demand",
        "capacity",
        "utilisation",
        "base_capacity",
        "people_assigned",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()];
    for r in &report.load {
        rows.push(vec![
            portfolio.skills[r.skill].clone(),
            portfolio.horizon.label(r.period),
            fmt_num(r.demand),
            fmt_num(r.capacity),
            if r.utilisation.is_finite() {
                fmt_num(r.utilisation)
            } else {
                "inf".into()
            },
            fmt_num(r.base_capacity),
            fmt_num(r.people_assigned),
        ]);
    }
    csv_string(rows)
}

/// spend.csv: period, spend, budget limit (+ min, cumulative, the total budget, and the
/// envelope — a budget over a range of periods — that holds the period).
pub fn spend_csv(portfolio: &Portfolio, report: &PlanReport) -> String {
    let mut rows = vec![[
        "period",
        "spend",
        "budget_limit",
        "budget_min",
        "cumulative",
        "total_budget",
        "envelope",
        "envelope_spend",
        "envelope_limit",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()];
    let opt = |x: Option<f64>| x.map(fmt_num).unwrap_or_default();
    for r in &report.spend {
        rows.push(vec![
            portfolio.horizon.label(r.period),
            fmt_num(r.spend),
            opt(r.limit),
            opt(r.min),
            fmt_num(r.cumulative),
            opt(report.total_budget),
            r.envelope
                .map(|(a, z)| {
                    format!(
                        "{}..{}",
                        portfolio.horizon.label(a),
                        portfolio.horizon.label(z)
                    )
                })
                .unwrap_or_default(),
            r.envelope
                .map(|_| fmt_num(r.envelope_spend))
                .unwrap_or_default(),
            opt(r.envelope_limit),
        ]);
    }
    csv_string(rows)
}

#[derive(Serialize)]
struct Totals {
    value_selected: f64,
    value_requested: f64,
    cost_selected: f64,
    cost_requested: f64,
    budget_total: Option<f64>,
}

#[derive(Serialize)]
struct Counts {
    projects: usize,
    selected: usize,
    left_out: usize,
    mandatory: usize,
}

#[derive(Serialize)]
struct ModelSize {
    columns: usize,
    rows: usize,
}

#[derive(Serialize)]
struct Summary<'a> {
    portfolio: &'a str,
    status: &'a str,
    objective_kind: &'a str,
    objective: Option<f64>,
    bound: Option<f64>,
    gap: Option<f64>,
    solver: &'a str,
    heuristic_objective: Option<f64>,
    solve_time_s: f64,
    time_limit_s: f64,
    mip_gap: f64,
    horizon: Vec<String>,
    totals: Totals,
    counts: Counts,
    model: ModelSize,
    diagnosis: &'a [String],
}

/// summary.json. `solve_time_s` is the only field that varies between identical runs.
pub fn summary_json(
    portfolio: &Portfolio,
    solution: &Solution,
    plan: &Plan,
    time_limit: f64,
    mip_gap: f64,
) -> String {
    let selected: Vec<usize> = (0..portfolio.projects.len())
        .filter(|&p| plan.is_selected(p))
        .collect();
    let s = Summary {
        portfolio: &portfolio.name,
        status: solution.status.as_str(),
        objective_kind: match portfolio.settings.objective {
            Objective::Value => "value",
            Objective::Makespan => "makespan",
        },
        objective: solution.objective.map(round6),
        bound: solution.bound.map(round6),
        gap: solution.gap.map(round6),
        solver: &solution.solver,
        heuristic_objective: solution.heuristic_objective.map(round6),
        solve_time_s: (solution.seconds * 1000.0).round() / 1000.0,
        time_limit_s: time_limit,
        mip_gap,
        horizon: vec![
            portfolio.horizon.label(0),
            portfolio.horizon.label(portfolio.periods() - 1),
        ],
        totals: Totals {
            value_selected: round6(selected.iter().map(|&p| portfolio.projects[p].value).sum()),
            value_requested: round6(portfolio.projects.iter().map(|p| p.value).sum()),
            cost_selected: round6(selected.iter().map(|&p| portfolio.projects[p].cost).sum()),
            cost_requested: round6(portfolio.projects.iter().map(|p| p.cost).sum()),
            budget_total: portfolio
                .budgets
                .iter()
                .filter(|b| b.scope == BudgetScope::Total)
                .filter_map(|b| b.max)
                .reduce(f64::min),
        },
        counts: Counts {
            projects: portfolio.projects.len(),
            selected: selected.len(),
            left_out: portfolio.projects.len() - selected.len(),
            mandatory: portfolio.projects.iter().filter(|p| p.mandatory).count(),
        },
        model: ModelSize {
            columns: solution.columns,
            rows: solution.rows,
        },
        diagnosis: &solution.diagnosis,
    };
    let mut out = serde_json::to_string_pretty(&s).expect("serialisable");
    out.push('\n');
    out
}

/// Writes every file to a temporary name in `dir` first, then renames them all, so that
/// a failure never leaves a half-written output. Contents are text (`String`) or bytes
/// (`Vec<u8>`, e.g. a workbook).
pub fn write_atomically<C: AsRef<[u8]>>(dir: &Path, files: &[(&str, C)]) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    let mut temps = Vec::new();
    for (name, content) in files {
        let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
        if let Err(e) = fs::write(&tmp, content.as_ref()) {
            for t in &temps {
                let _ = fs::remove_file(t);
            }
            return Err(e);
        }
        temps.push(tmp);
    }
    for ((name, _), tmp) in files.iter().zip(&temps) {
        fs::rename(tmp, dir.join(name))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_deterministic_and_short() {
        assert_eq!(fmt_num(3.0), "3");
        assert_eq!(fmt_num(0.1 + 0.2), "0.3");
        assert_eq!(fmt_num(-2.5), "-2.5");
        assert_eq!(fmt_num(1.0 / 3.0), "0.333333");
    }

    #[test]
    fn atomic_write_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        write_atomically(&out, &[("a.csv", "x\n"), ("b.json", "{}")]).unwrap();
        let mut names: Vec<String> = fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, vec!["a.csv", "b.json"]);
    }
}
