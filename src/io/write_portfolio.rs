//! Writes a [`Portfolio`] as a portfolio folder (docs: FORMAT.md) that loads back into
//! the same portfolio: used to export imported benchmarks (PSPLIB, OR-Library) and
//! generated scenarios.
//!
//! * `settings.csv`: `horizon_start` (the label of the first period), `periods`,
//!   `objective`, `time_limit`, `mip_gap`, and `budget` for the total limit that came
//!   from `settings.csv budget` (a max without min); every other limit goes to
//!   `budgets.csv`.
//! * `projects.csv`: every column, periods as labels, `mandatory` as true/false.
//! * `demand.csv`: one row per (project, skill) without offset when the profile is flat
//!   (and total ÷ duration gives the per-period effort back exactly), else one row per
//!   offset; the rows of one project are either all with or all without offset.
//! * `capacity.csv` (every skill, so the skill list survives) and `people.csv`: one row
//!   without period holding the most frequent value, plus one row per period that
//!   differs.
//! * `dependencies.csv`, `budgets.csv`.
//!
//! Optional files with no rows are not written; when such a file already exists in the
//! folder (an earlier export) it is overwritten with its header alone, so that it cannot
//! change what the folder loads to. Same for an existing `criteria.csv` (values are
//! written resolved). Numbers are written with Rust's shortest round-trip formatting
//! (`3`, `0.1`, `2.5`), without exponent.

use crate::model::{BudgetScope, DepKind, Objective, Portfolio};
use std::io;
use std::path::Path;

/// Writes `p` into the folder `dir` (created if needed). See the module documentation.
pub fn write_portfolio(p: &Portfolio, dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let h = &p.horizon;

    // settings.csv (and which limit it carries)
    let settings_budget = p.budgets.iter().position(|b| {
        b.scope == BudgetScope::Total
            && b.source == "settings.csv budget"
            && b.min.is_none()
            && b.max.is_some()
    });
    let mut settings = vec![
        row(["horizon_start", &h.label(0)]),
        row(["periods", &h.periods.to_string()]),
    ];
    if let Some(max) = settings_budget.and_then(|i| p.budgets[i].max) {
        settings.push(row(["budget", &num(max)]));
    }
    let objective = match p.settings.objective {
        Objective::Value => "value",
        Objective::Makespan => "makespan",
    };
    settings.push(row(["objective", objective]));
    settings.push(row(["time_limit", &num(p.settings.time_limit)]));
    settings.push(row(["mip_gap", &num(p.settings.mip_gap)]));
    write_csv(&dir.join("settings.csv"), &["key", "value"], &settings)?;

    // projects.csv
    let projects: Vec<Vec<String>> = p
        .projects
        .iter()
        .map(|x| {
            vec![
                x.id.clone(),
                x.name.clone(),
                num(x.value),
                num(x.benefit),
                num(x.cost),
                x.duration.to_string(),
                x.mandatory.to_string(),
                h.label(x.earliest_start),
                h.label(x.deadline),
                x.category.clone().unwrap_or_default(),
            ]
        })
        .collect();
    write_csv(
        &dir.join("projects.csv"),
        &crate::io::portfolio::PROJECT_COLUMNS,
        &projects,
    )?;

    // demand.csv
    let skill = |s: usize| p.skills.get(s).cloned().unwrap_or_default();
    let mut profiled = vec![false; p.projects.len()];
    for d in &p.demands {
        if flat_value(&d.profile).is_none() {
            if let Some(f) = profiled.get_mut(d.project) {
                *f = true;
            }
        }
    }
    let mut demand = Vec::new();
    for d in &p.demands {
        let id = p
            .projects
            .get(d.project)
            .map(|x| x.id.clone())
            .unwrap_or_default();
        if profiled.get(d.project).copied().unwrap_or(true) {
            for (o, e) in d.profile.iter().enumerate() {
                demand.push(vec![
                    id.clone(),
                    skill(d.skill),
                    num(*e),
                    (o + 1).to_string(),
                ]);
            }
        } else {
            let r = flat_value(&d.profile).unwrap_or(0.0);
            let total = r * d.profile.len() as f64;
            demand.push(vec![id, skill(d.skill), num(total), String::new()]);
        }
    }
    write_optional(
        dir,
        "demand.csv",
        &["project", "skill", "effort", "offset"],
        &demand,
    )?;

    // capacity.csv
    let mut capacity = Vec::new();
    for (s, name) in p.skills.iter().enumerate() {
        let values = p.capacity.get(s).map(Vec::as_slice).unwrap_or(&[]);
        for (value, period) in default_and_overrides(values) {
            let period = period.map(|t| h.label(t)).unwrap_or_default();
            capacity.push(vec![name.clone(), num(value), period]);
        }
    }
    write_optional(
        dir,
        "capacity.csv",
        &["skill", "capacity", "period"],
        &capacity,
    )?;

    // people.csv
    let mut people = Vec::new();
    for person in &p.people {
        let skills: Vec<String> = person.skills.iter().map(|&s| skill(s)).collect();
        let skills = skills.join("|");
        for (value, period) in default_and_overrides(&person.availability) {
            let period = period.map(|t| h.label(t)).unwrap_or_default();
            people.push(vec![
                person.name.clone(),
                skills.clone(),
                num(value),
                period,
            ]);
        }
    }
    write_optional(
        dir,
        "people.csv",
        &["person", "skills", "availability", "period"],
        &people,
    )?;

    // dependencies.csv
    let id = |i: usize| p.projects.get(i).map(|x| x.id.clone()).unwrap_or_default();
    let deps: Vec<Vec<String>> = p
        .dependencies
        .iter()
        .map(|d| {
            let (kind, lag) = match d.kind {
                DepKind::Precedes { lag } => ("precedes", lag.to_string()),
                DepKind::Requires => ("requires", String::new()),
                DepKind::Excludes => ("excludes", String::new()),
            };
            vec![id(d.from), id(d.to), kind.to_string(), lag]
        })
        .collect();
    write_optional(
        dir,
        "dependencies.csv",
        &["from", "to", "type", "lag"],
        &deps,
    )?;

    // budgets.csv
    let opt = |x: Option<f64>| x.map(num).unwrap_or_default();
    let budgets: Vec<Vec<String>> = p
        .budgets
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != settings_budget)
        .map(|(_, b)| {
            let (scope, key) = match &b.scope {
                BudgetScope::Total => ("total", String::new()),
                BudgetScope::Periods(a, z) if a == z => ("period", h.label(*a)),
                BudgetScope::Periods(a, z) => {
                    ("period", format!("{}..{}", h.label(*a), h.label(*z)))
                }
                BudgetScope::Category(c) => ("category", c.clone()),
            };
            vec![scope.to_string(), key, opt(b.max), opt(b.min)]
        })
        .collect();
    write_optional(
        dir,
        "budgets.csv",
        &["scope", "key", "max", "min"],
        &budgets,
    )?;

    // criteria.csv: values are written resolved, so an old file must not apply.
    write_optional(dir, "criteria.csv", &["criterion", "weight"], &[])?;
    Ok(())
}

/// A number as written in the folder: shortest round-trip representation, integers
/// without `.0`, no exponent, `-0` written `0`.
pub fn num(x: f64) -> String {
    if x == 0.0 {
        "0".to_string()
    } else {
        format!("{x}")
    }
}

fn row<const N: usize>(cells: [&str; N]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

/// The per-period effort of a flat profile, when writing the total without offset gives
/// it back exactly (the loader divides the total by the duration).
fn flat_value(profile: &[f64]) -> Option<f64> {
    let r = *profile.first()?;
    let d = profile.len() as f64;
    (profile.iter().all(|&e| e == r) && (r * d) / d == r).then_some(r)
}

/// A default value (the most frequent, the earliest on a tie) with `None` as period,
/// followed by `(value, Some(period))` for every period that differs from it.
fn default_and_overrides(values: &[f64]) -> Vec<(f64, Option<usize>)> {
    let Some(&first) = values.first() else {
        return vec![(0.0, None)];
    };
    let mut default = first;
    let mut best = 0;
    for &v in values {
        let count = values.iter().filter(|&&w| w == v).count();
        if count > best {
            best = count;
            default = v;
        }
    }
    let mut out = vec![(default, None)];
    out.extend(
        values
            .iter()
            .enumerate()
            .filter(|&(_, &v)| v != default)
            .map(|(t, &v)| (v, Some(t))),
    );
    out
}

fn write_csv(path: &Path, header: &[&str], rows: &[Vec<String>]) -> io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_path(path)?;
    w.write_record(header)?;
    for r in rows {
        w.write_record(r)?;
    }
    w.flush()
}

/// Writes an optional file: skipped when there are no rows, unless a file of that name
/// exists (then it is replaced by the header alone).
fn write_optional(dir: &Path, name: &str, header: &[&str], rows: &[Vec<String>]) -> io::Result<()> {
    let path = dir.join(name);
    if rows.is_empty() && !path.exists() {
        return Ok(());
    }
    write_csv(&path, header, rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        BudgetLimit, Demand, Dependency, Horizon, HorizonKind, Person, Project, Settings,
    };

    fn project(id: &str, duration: usize, es: usize, dl: usize) -> Project {
        Project {
            id: id.into(),
            name: id.into(),
            value: 10.0,
            benefit: 0.0,
            cost: 0.0,
            duration,
            mandatory: false,
            earliest_start: es,
            deadline: dl,
            category: None,
        }
    }

    fn limit(scope: BudgetScope, min: Option<f64>, max: Option<f64>, source: &str) -> BudgetLimit {
        BudgetLimit {
            scope,
            min,
            max,
            source: source.into(),
        }
    }

    fn sample() -> Portfolio {
        let mut a = project("A", 3, 0, 5);
        a.name = "Core, \"banking\"".into();
        a.value = 0.1 + 0.2;
        a.benefit = 2.5;
        a.cost = 1200.0;
        a.mandatory = true;
        a.category = Some("IT".into());
        let mut b = project("B", 2, 1, 4);
        b.cost = 300.0;
        let c = project("C", 1, 0, 5);
        Portfolio {
            name: "sample".into(),
            horizon: Horizon::new(
                HorizonKind::Monthly {
                    year: 2027,
                    month: 11,
                },
                6,
            ),
            settings: Settings {
                objective: Objective::Value,
                time_limit: 30.0,
                mip_gap: 0.01,
            },
            projects: vec![a, b, c],
            skills: vec!["Dev".into(), "BA".into(), "Idle".into()],
            capacity: vec![
                vec![40.0, 40.0, 20.0, 40.0, 40.0, 40.0],
                vec![10.0; 6],
                vec![0.0; 6],
            ],
            people: vec![Person {
                name: "Ann".into(),
                skills: vec![0, 1],
                availability: vec![18.0, 18.0, 18.0, 0.0, 18.0, 9.5],
            }],
            demands: vec![
                Demand {
                    project: 0,
                    skill: 0,
                    profile: vec![5.0, 5.0, 5.0],
                },
                Demand {
                    project: 0,
                    skill: 1,
                    profile: vec![8.0, 0.0, 2.0],
                },
                Demand {
                    project: 1,
                    skill: 0,
                    profile: vec![0.1, 0.1],
                },
                Demand {
                    project: 2,
                    skill: 1,
                    profile: vec![0.1],
                },
            ],
            dependencies: vec![
                Dependency {
                    from: 0,
                    to: 1,
                    kind: DepKind::Precedes { lag: -1 },
                },
                Dependency {
                    from: 0,
                    to: 2,
                    kind: DepKind::Requires,
                },
                Dependency {
                    from: 1,
                    to: 2,
                    kind: DepKind::Excludes,
                },
            ],
            budgets: vec![
                limit(
                    BudgetScope::Total,
                    None,
                    Some(1500.0),
                    "settings.csv budget",
                ),
                limit(
                    BudgetScope::Periods(0, 2),
                    None,
                    Some(800.0),
                    "budgets.csv line 2",
                ),
                limit(
                    BudgetScope::Periods(3, 3),
                    Some(1.0),
                    None,
                    "budgets.csv line 3",
                ),
                limit(
                    BudgetScope::Category("IT".into()),
                    Some(100.0),
                    Some(2000.0),
                    "budgets.csv line 4",
                ),
                limit(BudgetScope::Total, Some(50.0), None, "budgets.csv line 5"),
            ],
        }
    }

    fn read(dir: &Path, name: &str) -> String {
        std::fs::read_to_string(dir.join(name)).unwrap()
    }

    #[test]
    fn numbers_are_shortest_exact() {
        assert_eq!(num(3.0), "3");
        assert_eq!(num(-0.0), "0");
        assert_eq!(num(2.5), "2.5");
        assert_eq!(num(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(num(1e21), "1000000000000000000000");
        assert_eq!(num(1e-7), "0.0000001");
        for x in [0.1, 1.0 / 3.0, 123456.789, 1e-300, 8706.1] {
            assert_eq!(num(x).parse::<f64>().unwrap(), x);
        }
    }

    #[test]
    fn writes_every_file() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("new/sub");
        write_portfolio(&sample(), &dir).unwrap();
        assert_eq!(
            read(&dir, "settings.csv"),
            "key,value\nhorizon_start,2027-11\nperiods,6\nbudget,1500\nobjective,value\n\
             time_limit,30\nmip_gap,0.01\n"
        );
        assert_eq!(
            read(&dir, "projects.csv"),
            "id,name,value,benefit,cost,duration,mandatory,earliest_start,deadline,category\n\
             A,\"Core, \"\"banking\"\"\",0.30000000000000004,2.5,1200,3,true,2027-11,2028-04,IT\n\
             B,B,10,0,300,2,false,2027-12,2028-03,\n\
             C,C,10,0,0,1,false,2027-11,2028-04,\n"
        );
        // A has a profiled demand, so all of A's rows carry offsets; 0.1 × 2 ÷ 2 == 0.1
        assert_eq!(
            read(&dir, "demand.csv"),
            "project,skill,effort,offset\nA,Dev,5,1\nA,Dev,5,2\nA,Dev,5,3\n\
             A,BA,8,1\nA,BA,0,2\nA,BA,2,3\nB,Dev,0.2,\nC,BA,0.1,\n"
        );
        assert_eq!(
            read(&dir, "capacity.csv"),
            "skill,capacity,period\nDev,40,\nDev,20,2028-01\nBA,10,\nIdle,0,\n"
        );
        assert_eq!(
            read(&dir, "people.csv"),
            "person,skills,availability,period\nAnn,Dev|BA,18,\nAnn,Dev|BA,0,2028-02\n\
             Ann,Dev|BA,9.5,2028-04\n"
        );
        assert_eq!(
            read(&dir, "dependencies.csv"),
            "from,to,type,lag\nA,B,precedes,-1\nA,C,requires,\nB,C,excludes,\n"
        );
        assert_eq!(
            read(&dir, "budgets.csv"),
            "scope,key,max,min\nperiod,2027-11..2028-01,800,\nperiod,2028-02,,1\n\
             category,IT,2000,100\ntotal,,,50\n"
        );
        assert!(!dir.join("criteria.csv").exists());
    }

    #[test]
    fn flat_profiles_that_do_not_divide_back_exactly_get_offsets() {
        // 0.1 × 3 = 0.30000000000000004, ÷ 3 = 0.10000000000000002 ≠ 0.1
        assert_eq!(flat_value(&[0.1, 0.1, 0.1]), None);
        assert_eq!(flat_value(&[0.1, 0.1]), Some(0.1));
        assert_eq!(flat_value(&[4.0; 8]), Some(4.0));
        assert_eq!(flat_value(&[1.0, 2.0]), None);
    }

    #[test]
    fn overrides_take_the_most_frequent_value_as_default() {
        assert_eq!(default_and_overrides(&[3.0, 3.0]), vec![(3.0, None)]);
        assert_eq!(
            default_and_overrides(&[1.0, 2.0, 2.0]),
            vec![(2.0, None), (1.0, Some(0))]
        );
        assert_eq!(
            default_and_overrides(&[1.0, 2.0]),
            vec![(1.0, None), (2.0, Some(1))]
        );
    }

    #[test]
    fn a_total_limit_with_a_min_or_another_source_goes_to_budgets_csv() {
        let mut p = sample();
        p.budgets = vec![limit(
            BudgetScope::Total,
            Some(1.0),
            Some(9.0),
            "settings.csv budget",
        )];
        let tmp = tempfile::tempdir().unwrap();
        write_portfolio(&p, tmp.path()).unwrap();
        assert!(!read(tmp.path(), "settings.csv").contains("budget"));
        assert_eq!(
            read(tmp.path(), "budgets.csv"),
            "scope,key,max,min\ntotal,,9,1\n"
        );
    }

    #[test]
    fn stale_optional_files_are_emptied() {
        let tmp = tempfile::tempdir().unwrap();
        write_portfolio(&sample(), tmp.path()).unwrap();
        std::fs::write(tmp.path().join("criteria.csv"), "criterion,weight\nfit,2\n").unwrap();
        let mut p = sample();
        p.demands.clear();
        p.dependencies.clear();
        p.people.clear();
        p.budgets.truncate(1);
        write_portfolio(&p, tmp.path()).unwrap();
        assert_eq!(
            read(tmp.path(), "demand.csv"),
            "project,skill,effort,offset\n"
        );
        assert_eq!(read(tmp.path(), "dependencies.csv"), "from,to,type,lag\n");
        assert_eq!(
            read(tmp.path(), "people.csv"),
            "person,skills,availability,period\n"
        );
        assert_eq!(read(tmp.path(), "budgets.csv"), "scope,key,max,min\n");
        assert_eq!(read(tmp.path(), "criteria.csv"), "criterion,weight\n");
    }

    #[test]
    fn psplib_and_mknap_exports() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
        let p = crate::io::psplib::read_sm(&root.join("j301_1.sm")).unwrap();
        let tmp = tempfile::tempdir().unwrap();
        write_portfolio(&p, tmp.path()).unwrap();
        let settings = read(tmp.path(), "settings.csv");
        assert!(settings.contains("horizon_start,1\nperiods,158\nobjective,makespan\n"));
        let projects = read(tmp.path(), "projects.csv");
        assert_eq!(projects.lines().count(), 31);
        assert!(projects.contains("\nJ2,job 2,0,0,0,8,true,1,158,\n"));
        assert_eq!(
            read(tmp.path(), "capacity.csv"),
            "skill,capacity,period\nR1,12,\nR2,13,\nR3,4,\nR4,12,\n"
        );
        let demand = read(tmp.path(), "demand.csv");
        assert_eq!(demand.lines().count(), p.demands.len() + 1);
        assert!(demand.contains("\nJ2,R1,32,\n")); // 4 per period × 8 periods
        assert_eq!(read(tmp.path(), "dependencies.csv").lines().count(), 43);
        assert!(!tmp.path().join("budgets.csv").exists());
        assert!(!tmp.path().join("people.csv").exists());

        let k = crate::io::mknap::read_mknap(&root.join("mknap1.txt")).unwrap();
        let p = crate::io::mknap::to_portfolio(&k[1]);
        let tmp = tempfile::tempdir().unwrap();
        write_portfolio(&p, tmp.path()).unwrap();
        let projects = read(tmp.path(), "projects.csv");
        for (j, v) in k[1].profits.iter().enumerate() {
            assert!(projects.contains(&format!("\nI{},item {},{},", j + 1, j + 1, num(*v))));
        }
    }

    /// Writes `p` into a folder named like `p`, loads it back and compares.
    fn round_trip(p: &Portfolio) -> Portfolio {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join(&p.name);
        write_portfolio(p, &dir).unwrap();
        let loaded = crate::io::portfolio::load_portfolio(&dir)
            .unwrap_or_else(|e| panic!("{} does not load back: {e:?}", p.name));
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        loaded.portfolio
    }

    #[test]
    fn round_trips_through_the_loader() {
        let mut p = sample();
        // a flat profile that would not divide back exactly, and one exactly
        p.demands.push(Demand {
            project: 0,
            skill: 2,
            profile: vec![0.1; 3],
        });
        p.capacity[2] = vec![1.0; 6];
        assert_eq!(round_trip(&p), p);

        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
        let j = crate::io::psplib::read_sm(&root.join("j301_1.sm")).unwrap();
        assert_eq!(round_trip(&j), j);
        for k in crate::io::mknap::read_mknap(&root.join("mknap1.txt")).unwrap() {
            let p = crate::io::mknap::to_portfolio(&k);
            assert_eq!(round_trip(&p), p);
        }
    }

    #[test]
    fn demo_portfolio_loads_cleanly_and_round_trips() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/demo");
        let loaded = crate::io::portfolio::load_portfolio(&dir).unwrap_or_else(|e| panic!("{e:?}"));
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        let p = loaded.portfolio;
        assert_eq!(p.projects.len(), 40);
        assert_eq!(p.periods(), 12);
        assert_eq!(
            p.skills,
            vec!["PM", "BA", "Developer", "Architect", "Tester"]
        );
        // capacity.csv uses `;` and a decimal comma; August is lower
        assert_eq!(p.capacity[3][0], 72.5);
        assert!((0..5).all(|s| p.capacity[s][7] < p.capacity[s][6]));
        // a value from criteria.csv: IT-03 scores 4, 5, 1 with weights 150, 100, 60
        assert_eq!(p.projects[p.project_index("IT-03").unwrap()].value, 1160.0);
        let kinds: Vec<DepKind> = p.dependencies.iter().map(|d| d.kind).collect();
        for k in [
            DepKind::Precedes { lag: 0 },
            DepKind::Precedes { lag: 1 },
            DepKind::Requires,
            DepKind::Excludes,
        ] {
            assert!(kinds.contains(&k), "{k:?}");
        }
        assert!(p
            .budgets
            .iter()
            .any(|b| b.scope == BudgetScope::Periods(0, 2)));
        assert!(p.people.iter().any(|x| x.skills.len() == 2));
        assert!(p
            .demands
            .iter()
            .any(|d| d.profile.windows(2).any(|w| w[0] != w[1])));
        assert_eq!(round_trip(&p), p);
    }
}
