//! The efficient frontier of value against budget: the portfolio planned at a range of
//! settings budgets (budgets.csv rows still apply), each point a [`Variant`] solved by
//! the one solve path, in parallel, then made monotone: a plan within a budget is within
//! any larger one, so a point whose solve ended worse than an earlier point (at its time
//! limit) takes that earlier point's plan.

use crate::model::{Objective, Portfolio};
use crate::scenario::run::{self, status_word};
use crate::scenario::Variant;
use crate::solve::{Solution, SolveOptions, Status};
use crate::verify;

/// Most points of a frontier.
pub const MAX_POINTS: usize = 1000;

/// `--budget FROM:TO:STEP`: absolute amounts, or percentages of the settings budget.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BudgetRange {
    pub from: f64,
    pub to: f64,
    pub step: f64,
    pub percent: bool,
}

/// Parses `FROM:TO:STEP` (`10000:15000:500` or `80%:130%:5%`; a decimal point).
pub fn parse_range(text: &str) -> Result<BudgetRange, String> {
    let expected = "expected FROM:TO:STEP, three amounts (10000:15000:500) or three percentages of the settings budget (80%:130%:5%)";
    let parts: Vec<&str> = text.split(':').map(str::trim).collect();
    if parts.len() != 3 {
        return Err(format!("--budget: {expected}, found \"{text}\""));
    }
    let mut values = [0.0; 3];
    let mut percents = [false; 3];
    for (i, part) in parts.iter().enumerate() {
        let (number, percent) = match part.strip_suffix('%') {
            Some(n) => (n.trim(), true),
            None => (*part, false),
        };
        match number.parse::<f64>() {
            Ok(x) if x.is_finite() => {
                values[i] = x;
                percents[i] = percent;
            }
            _ => {
                return Err(format!(
                    "--budget: \"{part}\" is not a number: {expected}, found \"{text}\""
                ))
            }
        }
    }
    if percents.iter().any(|&p| p) && !percents.iter().all(|&p| p) {
        return Err(format!(
            "--budget: FROM, TO and STEP must be all amounts or all percentages, found \"{text}\""
        ));
    }
    let [from, to, step] = values;
    if from < 0.0 || to < 0.0 {
        return Err(format!(
            "--budget: FROM and TO must be ≥ 0, found \"{text}\""
        ));
    }
    if step <= 0.0 {
        return Err(format!("--budget: STEP must be > 0, found \"{text}\""));
    }
    if from > to {
        return Err(format!(
            "--budget: FROM must not be above TO, found \"{text}\""
        ));
    }
    Ok(BudgetRange {
        from,
        to,
        step,
        percent: percents[0],
    })
}

/// The budgets of the points, increasing: FROM, FROM + STEP, … up to TO (included when
/// it falls on a step, within 1e-9 relative); percentages are of `settings_budget`.
pub fn amounts(r: &BudgetRange, settings_budget: Option<f64>) -> Result<Vec<f64>, String> {
    let scale = if r.percent {
        match settings_budget {
            Some(b) => b / 100.0,
            None => {
                return Err(
                    "--budget: percentages are of the settings budget, and the portfolio has none (give amounts)"
                        .to_string(),
                )
            }
        }
    } else {
        1.0
    };
    let span = (r.to - r.from) / r.step;
    if span > MAX_POINTS as f64 {
        return Err(format!(
            "--budget: more than {MAX_POINTS} points (use a larger STEP)"
        ));
    }
    let limit = r.to + 1e-9 * r.to.abs();
    let mut out = Vec::new();
    let mut i = 0usize;
    loop {
        let x = r.from + i as f64 * r.step;
        if x > limit {
            break;
        }
        out.push(x.min(r.to) * scale);
        i += 1;
    }
    if out.len() > MAX_POINTS {
        return Err(format!(
            "--budget: {} points, more than {MAX_POINTS} (use a larger STEP)",
            out.len()
        ));
    }
    Ok(out)
}

/// One point of the frontier.
#[derive(Debug, Clone)]
pub struct Point {
    /// The settings budget of the point.
    pub budget: f64,
    pub variant: Variant,
    pub opts: SolveOptions,
    /// The point's result (its plan possibly an earlier point's, see `plan_from`).
    pub solution: Solution,
    /// The index of the earlier point whose plan replaced a worse solve result.
    pub plan_from: Option<usize>,
}

/// The variants of the points: the portfolio with its settings budget replaced.
pub fn variants(base: &Portfolio, amounts: &[f64]) -> Vec<Variant> {
    amounts
        .iter()
        .map(|&b| {
            let mut v = Variant::base(&format!("budget {}", crate::io::writers::fmt_num(b)), base);
            v.set_settings_budget(Some(b));
            v
        })
        .collect()
}

/// Solves every point on `jobs` threads (`done` after each) and makes the result
/// monotone. Requires objective `value`. `Err` (an internal error) when a plan fails the
/// checker.
pub fn solve(
    base: &Portfolio,
    amounts: &[f64],
    time_limit: Option<f64>,
    jobs: usize,
    done: &(dyn Fn() + Sync),
) -> Result<Vec<Point>, String> {
    if base.settings.objective != Objective::Value {
        return Err("the frontier requires objective value".into());
    }
    let vs = variants(base, amounts);
    let results = run::parallel_map(&vs, jobs, done, |v| {
        let opts = run::options(v, time_limit);
        let r = run::solve_variant(v, &opts, None);
        (opts, r)
    });
    let mut points = Vec::new();
    for ((v, (opts, r)), &budget) in vs.into_iter().zip(results).zip(amounts) {
        let solution = r.map_err(|violations| {
            format!(
                "the plan at budget {} failed the independent checker: {}",
                crate::io::writers::fmt_num(budget),
                violations.join("; ")
            )
        })?;
        points.push(Point {
            budget,
            variant: v,
            opts,
            solution,
            plan_from: None,
        });
    }
    make_monotone(&mut points);
    Ok(points)
}

fn gap_of(objective: f64, bound: f64) -> Option<f64> {
    let diff = (bound - objective).abs();
    if diff <= 1e-9 * objective.abs().max(1.0) {
        Some(0.0)
    } else if objective.abs() < 1e-12 {
        None
    } else {
        Some(diff / objective.abs())
    }
}

/// Points in increasing budget: a point whose objective is below an earlier point's
/// (or that has no plan) takes the best earlier plan, which keeps every rule there.
pub fn make_monotone(points: &mut [Point]) {
    let mut best: Option<(usize, f64)> = None;
    for i in 0..points.len() {
        let objective = points[i].solution.objective;
        if let Some((j, bo)) = best {
            let worse = objective.is_none_or(|o| o < bo - 1e-9 * bo.abs().max(1.0));
            let plan = points[j].solution.plan.clone();
            if let (true, Some(plan)) = (worse, plan) {
                let model = points[i].variant.solve_model();
                if verify::check(&model, &plan).is_empty() {
                    let s = &mut points[i].solution;
                    s.plan = Some(plan);
                    s.objective = Some(bo);
                    if s.status != Status::Optimal {
                        s.status = Status::Feasible;
                    }
                    s.bound = s.bound.map(|b| b.max(bo));
                    s.gap = s.bound.and_then(|b| gap_of(bo, b));
                    s.diagnosis.clear();
                    points[i].plan_from = Some(j);
                }
            }
        }
        if let Some(o) = points[i].solution.objective {
            if best.is_none_or(|(_, bo)| o > bo) {
                best = Some((i, o));
            }
        }
    }
}

/// For each point: the ids that entered and left relative to the previous point with a
/// plan (at the first such point, every selected project entered), in projects.csv
/// order; empty for points without a plan.
pub fn changes(base: &Portfolio, points: &[Point]) -> Vec<(Vec<String>, Vec<String>)> {
    let mut previous: Option<Vec<String>> = None;
    points
        .iter()
        .map(|p| match &p.solution.plan {
            Some(plan) => {
                let ids = run::selected_ids(&p.variant.portfolio, plan);
                let before = previous.replace(ids.clone()).unwrap_or_default();
                run::entered_left(base, &before, &ids)
            }
            None => (Vec::new(), Vec::new()),
        })
        .collect()
}

/// The status word of a point (`optimal`, `feasible`, `infeasible`, `time_limit`).
pub fn status(p: &Point) -> &'static str {
    status_word(&p.solution)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Plan;

    #[test]
    fn ranges_are_parsed_and_checked() {
        let r = parse_range("80%:130%:5%").unwrap();
        assert!(r.percent && r.from == 80.0 && r.to == 130.0 && r.step == 5.0);
        assert!(!parse_range(" 1000 : 2000 : 250.5 ").unwrap().percent);
        for bad in [
            "1:2",
            "1:2:3:4",
            "x:2:1",
            "80%:130:5%",
            "5:1:1",
            "0:1:0",
            "-1:1:1",
        ] {
            assert!(parse_range(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn amounts_include_to_on_a_step_and_scale_percentages() {
        let r = parse_range("0.1:0.3:0.1").unwrap();
        assert_eq!(amounts(&r, None).unwrap().len(), 3);
        let r = parse_range("0:10:4").unwrap();
        assert_eq!(amounts(&r, None).unwrap(), vec![0.0, 4.0, 8.0]);
        let r = parse_range("80%:120%:20%").unwrap();
        assert_eq!(
            amounts(&r, Some(1000.0)).unwrap(),
            vec![800.0, 1000.0, 1200.0]
        );
        assert!(amounts(&r, None).is_err());
        assert_eq!(
            amounts(&parse_range("1:1000:1").unwrap(), None)
                .unwrap()
                .len(),
            1000
        );
        assert!(amounts(&parse_range("0:1000:1").unwrap(), None).is_err());
    }

    #[test]
    fn a_worse_point_takes_the_earlier_plan() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("settings.csv"),
            "key,value\nhorizon_start,1\nperiods,1\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("projects.csv"),
            "id,value,cost,duration\nA,5,4,1\nB,3,2,1\n",
        )
        .unwrap();
        let base = crate::io::portfolio::load_portfolio(dir.path())
            .unwrap()
            .portfolio;
        let vs = variants(&base, &[4.0, 6.0]);
        let mut points: Vec<Point> = vs
            .into_iter()
            .map(|v| {
                let opts = run::options(&v, None);
                let solution = run::solve_variant(&v, &opts, None).unwrap();
                Point {
                    budget: v.settings_budget().unwrap(),
                    opts,
                    variant: v,
                    solution,
                    plan_from: None,
                }
            })
            .collect();
        let a = Plan {
            start: vec![Some(0), None],
        };
        assert_eq!(points[0].solution.plan.as_ref(), Some(&a));
        assert_eq!(points[1].solution.objective, Some(8.0));
        // As if the second solve had ended at its time limit without a plan.
        points[1].solution.plan = None;
        points[1].solution.objective = None;
        points[1].solution.status = Status::Unknown;
        make_monotone(&mut points);
        assert_eq!(points[1].solution.plan, Some(a));
        assert_eq!(points[1].solution.status, Status::Feasible);
        assert_eq!(points[1].plan_from, Some(0));
        assert_eq!(status(&points[1]), "feasible");
    }
}
