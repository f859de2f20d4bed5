//! Portfolios and plans for the report tests (tests/report.rs, tests/browser.rs), built
//! in code: a small one with hostile names, and a large one (2000 projects) to measure
//! the page at scale.
#![allow(dead_code)]

use pmo::graph;
use pmo::io::writers::PlanReport;
use pmo::model::{
    BudgetLimit, BudgetScope, Demand, DepKind, Dependency, Horizon, HorizonKind, Objective, Person,
    Plan, Portfolio, Project, Settings,
};
use pmo::report::{self, Extras, ReportInput, RunInfo};
use pmo::solve::reasons;

pub const SCRIPT_NAME: &str = "<script>alert(\"pwned\")</script>";

fn project(
    id: &str,
    name: &str,
    value: f64,
    cost: f64,
    duration: usize,
    periods: usize,
) -> Project {
    Project {
        id: id.into(),
        name: name.into(),
        value,
        benefit: 0.0,
        cost,
        duration,
        mandatory: false,
        earliest_start: 0,
        deadline: periods - 1,
        category: None,
    }
}

/// Six projects over 6 monthly periods, two skills (one of them shared by a person),
/// budgets of every scope, a `precedes` inside a category and one across categories.
/// Project P3 is named `<script>…`, its category and one skill hold markup too.
pub fn small() -> Portfolio {
    let t = 6;
    let mut projects = vec![
        project("P1", "Core banking", 500.0, 300.0, 3, t),
        project("P2", "Mobile app", 400.0, 200.0, 2, t),
        project("P3", SCRIPT_NAME, 300.0, 150.0, 2, t),
        project("P4", "Données clients — qualité", 250.0, 120.0, 2, t),
        project("P5", "Office move", 100.0, 400.0, 3, t),
        project("P6", "Chatbot", 80.0, 90.0, 1, t),
    ];
    projects[0].category = Some("IT".into());
    projects[1].category = Some("IT".into());
    projects[1].deadline = 4;
    projects[2].category = Some("<b>Risk</b> & Co".into());
    projects[2].mandatory = true;
    projects[3].category = Some("<b>Risk</b> & Co".into());
    projects[3].earliest_start = 1;
    projects[4].category = Some("Real estate".into());
    let skills = vec!["Dev".to_string(), "R&D <lab>".to_string()];
    let demands = vec![
        Demand {
            project: 0,
            skill: 0,
            profile: vec![10.0, 10.0, 10.0],
        },
        Demand {
            project: 1,
            skill: 0,
            profile: vec![8.0, 8.0],
        },
        Demand {
            project: 2,
            skill: 1,
            profile: vec![5.0, 5.0],
        },
        Demand {
            project: 3,
            skill: 1,
            profile: vec![6.0, 6.0],
        },
        Demand {
            project: 4,
            skill: 0,
            profile: vec![15.0, 15.0, 15.0],
        },
        Demand {
            project: 5,
            skill: 0,
            profile: vec![4.0],
        },
    ];
    Portfolio {
        name: "small".into(),
        horizon: Horizon::new(
            HorizonKind::Monthly {
                year: 2027,
                month: 1,
            },
            t,
        ),
        settings: Settings::default(),
        projects,
        skills,
        capacity: vec![vec![20.0; t], vec![8.0; t]],
        people: vec![Person {
            name: "Ana".into(),
            skills: vec![0, 1],
            availability: vec![4.0; t],
        }],
        demands,
        dependencies: vec![
            Dependency {
                from: 0,
                to: 1,
                kind: DepKind::Precedes { lag: 0 },
            },
            Dependency {
                from: 2,
                to: 1,
                kind: DepKind::Precedes { lag: 0 },
            },
            Dependency {
                from: 4,
                to: 5,
                kind: DepKind::Requires,
            },
        ],
        budgets: vec![
            BudgetLimit {
                scope: BudgetScope::Total,
                min: None,
                max: Some(800.0),
                source: "settings.csv budget".into(),
            },
            BudgetLimit {
                scope: BudgetScope::Periods(0, 2),
                min: None,
                max: Some(600.0),
                source: "budgets.csv line 2".into(),
            },
            BudgetLimit {
                scope: BudgetScope::Periods(3, 3),
                min: None,
                max: Some(200.0),
                source: "budgets.csv line 3".into(),
            },
            BudgetLimit {
                scope: BudgetScope::Category("IT".into()),
                min: None,
                max: Some(600.0),
                source: "budgets.csv line 4".into(),
            },
        ],
    }
}

/// A plan of `pf` from (id, start) pairs.
pub fn plan(pf: &Portfolio, starts: &[(&str, usize)]) -> Plan {
    let mut p = Plan::empty(pf.projects.len());
    for (id, s) in starts {
        p.start[pf.project_index(id).expect("known id")] = Some(*s);
    }
    p
}

/// The plan of [`small`] used by the tests: P1, P2 (after P1 and P3), P3, P4 selected.
pub fn small_plan(pf: &Portfolio) -> Plan {
    plan(pf, &[("P1", 0), ("P3", 0), ("P2", 3), ("P4", 2)])
}

/// Renders `plan` as `pmo report` would (reasons from the solver's explainer, the
/// checker's findings), with the given extras and run date.
pub fn render(pf: &Portfolio, plan: &Plan, extras: &Extras, generated: &str) -> String {
    let violations = pmo::verify::check(pf, plan);
    let win = graph::windows(pf, None);
    let why = reasons::reasons(pf, plan, &win, false);
    let data = PlanReport::new(pf, plan, &why);
    let run = RunInfo::from_file("plan.csv", plan.objective(pf), violations.len());
    report::render(&ReportInput {
        portfolio: pf,
        folder: &pf.name,
        data: &data,
        run: &run,
        violations: &violations,
        extras,
        generated,
    })
}

/// The value of the attribute `attr` on every element that has it, in document order
/// (values unescaped for `&amp; &lt; &gt; &quot; &#39;`).
pub fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let pat = format!(" {attr}=\"");
    html.match_indices(&pat)
        .map(|(i, _)| {
            let rest = &html[i + pat.len()..];
            let end = rest.find('"').expect("closing quote");
            unescape(&rest[..end])
        })
        .collect()
}

pub fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The page without its run-date line (the only line allowed to differ between runs).
pub fn without_run_line(html: &str) -> String {
    html.lines()
        .filter(|l| !l.contains("data-run-line"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A deterministic pseudo-random stream (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// `n` projects over 24 months, 12 skills, 8 categories, ~15 % with a predecessor, 5 %
/// mandatory; and a plan that keeps capacity and budget (projects placed greedily by
/// value at their earliest start that fits), selecting about half of them.
pub fn large(n: usize) -> (Portfolio, Plan) {
    let t = 24;
    let k = 12;
    let cats = [
        "Regulatory",
        "IT",
        "Digital",
        "Data",
        "Operations",
        "Marketing",
        "Real estate",
        "HR",
    ];
    let mut rng = Rng(42);
    let mut projects = Vec::with_capacity(n);
    let mut demands = Vec::new();
    for i in 0..n {
        let duration = 1 + rng.below(8) as usize;
        let cost = (20 + rng.below(400)) as f64;
        let mut p = project(
            &format!("PRJ-{i:04}"),
            &format!("Project {i:04} — {} change", cats[i % cats.len()]),
            (cost * (0.5 + rng.below(300) as f64 / 100.0)).round(),
            cost,
            duration,
            t,
        );
        p.category = Some(cats[rng.below(cats.len() as u64) as usize].to_string());
        p.mandatory = i % 20 == 0;
        if rng.below(4) == 0 {
            p.earliest_start = rng.below((t - duration) as u64) as usize;
        }
        if rng.below(5) == 0 {
            p.deadline = (p.earliest_start + duration - 1 + rng.below(6) as usize).min(t - 1);
        }
        for s in 0..(1 + rng.below(3)) {
            let skill = ((i as u64 + s * 5 + rng.below(3)) % k as u64) as usize;
            if demands
                .iter()
                .any(|d: &Demand| d.project == i && d.skill == skill)
            {
                continue;
            }
            demands.push(Demand {
                project: i,
                skill,
                profile: vec![(2 + rng.below(15)) as f64; duration],
            });
        }
        projects.push(p);
    }
    let mut dependencies = Vec::new();
    for to in 1..n {
        if rng.below(100) < 15 {
            let from = rng.below(to as u64) as usize;
            dependencies.push(Dependency {
                from,
                to,
                kind: DepKind::Precedes {
                    lag: rng.below(2) as i64,
                },
            });
        }
    }
    let total_cost: f64 = projects.iter().map(|p| p.cost).sum();
    let mut pf = Portfolio {
        name: format!("large-{n}"),
        horizon: Horizon::new(
            HorizonKind::Monthly {
                year: 2027,
                month: 1,
            },
            t,
        ),
        settings: Settings {
            objective: Objective::Value,
            ..Settings::default()
        },
        projects,
        skills: (0..k).map(|s| format!("Skill {s:02}")).collect(),
        capacity: vec![vec![(n as f64 * 0.2).round(); t]; k],
        people: Vec::new(),
        demands,
        dependencies,
        budgets: vec![BudgetLimit {
            scope: BudgetScope::Total,
            min: None,
            max: Some((total_cost * 0.5).round()),
            source: "settings.csv budget".into(),
        }],
    };
    // Dependencies only where the successor can still fit after its predecessor.
    let projects = pf.projects.clone();
    pf.dependencies.retain(|d| {
        let (a, b) = (&projects[d.from], &projects[d.to]);
        a.earliest_start + a.duration + 1 + b.duration <= b.deadline + 1 && !b.mandatory
    });
    let plan = greedy(&pf);
    (pf, plan)
}

/// Mandatory projects first, then by value: each at the earliest start that keeps
/// capacity, the total budget and its predecessors (only selected ones).
fn greedy(pf: &Portfolio) -> Plan {
    let n = pf.projects.len();
    let t = pf.periods();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        let (pa, pb) = (&pf.projects[a], &pf.projects[b]);
        pb.mandatory
            .cmp(&pa.mandatory)
            .then(pb.value.total_cmp(&pa.value))
            .then(a.cmp(&b))
    });
    // Predecessors before successors: repeat passes until nothing more is placed.
    let by_project = pf.demands_by_project();
    let mut load = vec![vec![0.0; t]; pf.skills.len()];
    let mut plan = Plan::empty(n);
    let mut spent = 0.0;
    let budget = pf.budgets[0].max.unwrap_or(f64::INFINITY);
    for _pass in 0..3 {
        for &p in &order {
            if plan.start[p].is_some() {
                continue;
            }
            let pr = &pf.projects[p];
            if spent + pr.cost > budget {
                continue;
            }
            let mut earliest = pr.earliest_start;
            let mut ok = true;
            for d in &pf.dependencies {
                if d.to == p {
                    match (plan.start[d.from], d.kind) {
                        (Some(s), DepKind::Precedes { lag }) => {
                            earliest = earliest.max(s + pf.projects[d.from].duration + lag as usize)
                        }
                        (None, _) => ok = false,
                        _ => {}
                    }
                }
            }
            if !ok {
                continue;
            }
            let latest = pr.deadline + 1 - pr.duration;
            let fits = |s: usize, load: &Vec<Vec<f64>>| {
                by_project[p].iter().all(|&di| {
                    let d = &pf.demands[di];
                    d.profile
                        .iter()
                        .enumerate()
                        .all(|(o, e)| load[d.skill][s + o] + e <= pf.capacity[d.skill][s + o])
                })
            };
            if let Some(s) = (earliest..=latest.min(t - pr.duration)).find(|&s| fits(s, &load)) {
                for &di in &by_project[p] {
                    let d = &pf.demands[di];
                    for (o, e) in d.profile.iter().enumerate() {
                        load[d.skill][s + o] += e;
                    }
                }
                spent += pr.cost;
                plan.start[p] = Some(s);
            }
        }
    }
    plan
}
