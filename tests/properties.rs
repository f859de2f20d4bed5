//! Property tests on random small portfolios: every plan passes the checker, the MILP
//! is never worse than the heuristic, and it equals a brute-force enumeration.

use pmo::model::*;
use pmo::solve::{solve, SolveOptions, Status};
use pmo::verify::check;
use proptest::prelude::*;

/// value, benefit, cost, duration, earliest start, slack, mandatory, category.
type ProjectSpec = (u8, u8, u8, usize, usize, usize, bool, u8);

#[derive(Debug, Clone)]
struct Spec {
    periods: usize,
    makespan: bool,
    projects: Vec<ProjectSpec>,
    demand: Vec<Vec<u8>>, // [project][skill]
    capacity: Vec<u8>,
    person: Option<u8>,
    deps: Vec<(usize, usize, u8, i64)>,
    total_budget: Option<u8>,
    period_budget: Option<(usize, u8)>,
    category_max: Option<u8>,
    category_min: Option<u8>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (2usize..=6, 1usize..=4, prop::bool::weighted(0.2)).prop_flat_map(|(n, t, makespan)| {
        let project = (
            0u8..20,
            0u8..3,
            0u8..10,
            1usize..=t,
            0usize..t,
            0usize..t,
            prop::bool::weighted(0.15),
            0u8..2,
        );
        (
            Just(t),
            Just(makespan),
            prop::collection::vec(project, n),
            prop::collection::vec(prop::collection::vec(0u8..6, 2), n),
            prop::collection::vec(0u8..10, 2),
            prop::option::weighted(0.4, 0u8..8),
            prop::collection::vec((0..n, 0..n, 0u8..3, -1i64..=1), 0..4),
            prop::option::weighted(0.4, 0u8..40),
            prop::option::weighted(0.3, (0..t, 0u8..10)),
            prop::option::weighted(0.3, 0u8..20),
            prop::option::weighted(0.2, 0u8..15),
        )
            .prop_map(
                |(
                    periods,
                    makespan,
                    projects,
                    demand,
                    capacity,
                    person,
                    deps,
                    total_budget,
                    period_budget,
                    category_max,
                    category_min,
                )| Spec {
                    periods,
                    makespan,
                    projects,
                    demand,
                    capacity,
                    person,
                    deps,
                    total_budget,
                    period_budget,
                    category_max,
                    category_min,
                },
            )
    })
}

fn build(s: &Spec) -> Portfolio {
    let t = s.periods;
    let projects: Vec<Project> = s
        .projects
        .iter()
        .enumerate()
        .map(|(i, &(v, b, c, d, es, slack, m, cat))| {
            let es = es.min(t - d);
            let deadline = (es + d - 1 + slack).min(t - 1);
            Project {
                id: format!("P{i}"),
                name: format!("P{i}"),
                value: v as f64,
                benefit: b as f64,
                cost: c as f64,
                duration: d,
                mandatory: m,
                earliest_start: es,
                deadline,
                category: Some(format!("C{cat}")),
            }
        })
        .collect();
    let mut demands = Vec::new();
    for (p, row) in s.demand.iter().enumerate() {
        for (k, &e) in row.iter().enumerate() {
            if e > 0 {
                demands.push(Demand {
                    project: p,
                    skill: k,
                    profile: vec![e as f64; projects[p].duration],
                });
            }
        }
    }
    // Acyclic: only edges from lower to higher index.
    let mut dependencies = Vec::new();
    for &(a, b, kind, lag) in &s.deps {
        if a >= b {
            continue;
        }
        let kind = match kind {
            0 => DepKind::Precedes { lag },
            1 => DepKind::Requires,
            _ => DepKind::Excludes,
        };
        dependencies.push(Dependency {
            from: a,
            to: b,
            kind,
        });
    }
    let mut budgets = Vec::new();
    if let Some(b) = s.total_budget {
        budgets.push(BudgetLimit {
            scope: BudgetScope::Total,
            min: None,
            max: Some(b as f64),
            source: "test".into(),
        });
    }
    if let Some((p, b)) = s.period_budget {
        budgets.push(BudgetLimit {
            scope: BudgetScope::Periods(p, p),
            min: None,
            max: Some(b as f64),
            source: "test".into(),
        });
    }
    if s.category_max.is_some() || s.category_min.is_some() {
        budgets.push(BudgetLimit {
            scope: BudgetScope::Category("C0".into()),
            min: s.category_min.map(|x| x as f64),
            max: s.category_max.map(|x| x as f64),
            source: "test".into(),
        });
    }
    let people = s
        .person
        .map(|a| {
            vec![Person {
                name: "Pat".into(),
                skills: vec![0, 1],
                availability: vec![a as f64; t],
            }]
        })
        .unwrap_or_default();
    Portfolio {
        name: "prop".into(),
        horizon: Horizon::new(HorizonKind::Numbered { first: 1 }, t),
        settings: Settings {
            objective: if s.makespan {
                Objective::Makespan
            } else {
                Objective::Value
            },
            time_limit: 30.0,
            mip_gap: 0.0,
        },
        projects,
        skills: vec!["S0".into(), "S1".into()],
        capacity: s.capacity.iter().map(|&c| vec![c as f64; t]).collect(),
        people,
        demands,
        dependencies,
        budgets,
    }
}

/// Best objective over every plan (None = no feasible plan), using only the checker.
fn brute_force(p: &Portfolio) -> Option<f64> {
    let n = p.projects.len();
    let options: Vec<Vec<Option<usize>>> = p
        .projects
        .iter()
        .map(|pr| {
            let mut o = vec![None];
            o.extend((pr.earliest_start..=pr.latest_start()).map(Some));
            o
        })
        .collect();
    let mut idx = vec![0usize; n];
    let mut best: Option<f64> = None;
    loop {
        let plan = Plan {
            start: (0..n).map(|i| options[i][idx[i]]).collect(),
        };
        if check(p, &plan).is_empty() {
            let o = plan.objective(p);
            best = Some(match (best, p.settings.objective) {
                (None, _) => o,
                (Some(b), Objective::Value) => b.max(o),
                (Some(b), Objective::Makespan) => b.min(o),
            });
        }
        let mut i = 0;
        loop {
            if i == n {
                return best;
            }
            idx[i] += 1;
            if idx[i] < options[i].len() {
                break;
            }
            idx[i] = 0;
            i += 1;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn milp_equals_brute_force_and_plans_pass_the_checker(s in spec()) {
        let p = build(&s);
        let sol = solve(&p, &SolveOptions::from_settings(&p.settings));
        let truth = brute_force(&p);
        match truth {
            None => prop_assert_eq!(sol.status, Status::Infeasible, "diagnosis {:?}", sol.diagnosis),
            Some(best) => {
                prop_assert_eq!(sol.status, Status::Optimal);
                let plan = sol.plan.as_ref().unwrap();
                let v = check(&p, plan);
                prop_assert!(v.is_empty(), "violations {:?}", v);
                let obj = sol.objective.unwrap();
                prop_assert!((obj - best).abs() < 1e-6, "milp {} brute {}", obj, best);
                if let Some(h) = sol.heuristic_objective {
                    match p.settings.objective {
                        Objective::Value => prop_assert!(obj >= h - 1e-6),
                        Objective::Makespan => prop_assert!(obj <= h + 1e-6),
                    }
                }
            }
        }
    }

    #[test]
    fn heuristic_plans_pass_the_checker(s in spec()) {
        let p = build(&s);
        let mut opts = SolveOptions::from_settings(&p.settings);
        opts.heuristic_only = true;
        let sol = solve(&p, &opts);
        if let Some(plan) = &sol.plan {
            let v = check(&p, plan);
            prop_assert!(v.is_empty(), "violations {:?}", v);
        }
    }
}
