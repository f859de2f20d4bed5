//! End-to-end runs of `pmo scenarios`, `pmo frontier` and `pmo explain` on small
//! portfolios whose answers were computed by hand, checked against independent
//! `pmo plan` runs.

mod common;
use common::*;
use std::collections::BTreeMap;
use std::path::Path;

/// One period, budget 10; A (6, cost 5), B (5, 4), C (4, 3), D (3, 2). The optimum is
/// A + C + D = 13 (cost 10); B is left out.
const KNAP_SETTINGS: &str = "key,value\nhorizon_start,1\nperiods,1\nbudget,10\n";
const KNAP_PROJECTS: &str = "id,value,cost,duration\nA,6,5,1\nB,5,4,1\nC,4,3,1\nD,3,2,1\n";

fn knapsack(scenarios: &str) -> tempfile::TempDir {
    folder(&[
        ("settings.csv", KNAP_SETTINGS),
        ("projects.csv", KNAP_PROJECTS),
        (
            "scenarios.csv",
            &format!("scenario,target,key,field,op,value\n{scenarios}"),
        ),
    ])
}

fn row<'a>(
    rows: &'a [BTreeMap<String, String>],
    col: &str,
    key: &str,
) -> &'a BTreeMap<String, String> {
    rows.iter()
        .find(|r| r[col] == key)
        .unwrap_or_else(|| panic!("no row {col}={key}"))
}

fn num(s: &str) -> f64 {
    s.parse().unwrap_or_else(|_| panic!("not a number: {s:?}"))
}

/// Runs a pmo subcommand on `dir` with `-o dir/out`; (exit code, out dir, output).
fn run(cmd: &str, dir: &Path, extra: &[&str]) -> (i32, std::path::PathBuf, std::process::Output) {
    let out = dir.join("out");
    let mut args = vec![cmd, dir.to_str().unwrap(), "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let o = pmo(&args);
    (o.status.code().unwrap_or(-1), out, o)
}

/// The objective of an independent `pmo plan` of a copy of `files` with
/// `settings.csv` and `projects.csv` replaced.
fn independent(settings: &str, projects: &str, more: &[(&str, &str)]) -> f64 {
    let mut files = vec![("settings.csv", settings), ("projects.csv", projects)];
    files.extend_from_slice(more);
    let d = folder(&files);
    let (code, out, o) = plan(d.path(), &[]);
    assert_eq!(code, 0, "{}", stderr(&o));
    objective(&out)
}

#[test]
fn a_budget_cut_drops_a_known_project() {
    // Budget 8: A + C = 10 (cost 8) beats B + C = 9 and A + D = 9: D leaves.
    let d = knapsack("cut20,settings,budget,,scale,0.8\n");
    let (code, out, o) = run("scenarios", d.path(), &[]);
    assert_eq!(code, 0, "{}", stderr(&o));
    let rows = common::csv_rows(&out.join("scenarios.csv"));
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["scenario"], "baseline");
    let base = &rows[0];
    assert_eq!(
        (
            base["status"].as_str(),
            num(&base["objective"]),
            base["entered"].as_str()
        ),
        ("optimal", 13.0, "")
    );
    assert_eq!(num(&base["delta_objective"]), 0.0);
    assert_eq!(num(&base["budget_use"]), 1.0);
    let cut = row(&rows, "scenario", "cut20");
    assert_eq!(cut["status"], "optimal");
    assert_eq!(num(&cut["objective"]), 10.0);
    assert_eq!(num(&cut["delta_objective"]), -3.0);
    assert_eq!(cut["entered"], "");
    assert_eq!(cut["left"], "D");
    assert_eq!((cut["selected"].as_str(), num(&cut["cost"])), ("2", 8.0));
    assert_eq!(num(&cut["value"]), 10.0);
    assert_eq!(num(&cut["budget_use"]), 1.0);
    // The scenario's plan, written by the same writers as `pmo plan`.
    let sc = out.join("scenarios/cut20");
    assert_eq!(summary(&sc)["objective"], 10.0);
    assert_eq!(start_of(&sc, "D").0, "");
    assert_eq!(start_of(&sc, "A").0, "1");
    for f in ["plan.csv", "load.csv", "spend.csv", "summary.json"] {
        assert!(sc.join(f).is_file(), "{f}");
        assert!(out.join("scenarios/baseline").join(f).is_file(), "{f}");
    }
    // The same answer as an independent plan of the transformed folder.
    let settings = KNAP_SETTINGS.replace("budget,10", "budget,8");
    assert_eq!(independent(&settings, KNAP_PROJECTS, &[]), 10.0);
    let table = stdout(&o);
    assert!(table.contains("-D"), "{table}");
}

/// One period; A (value 10) needs 10 Dev, B (6) needs 5 Dev; capacity 10: A alone.
fn staffing(scenarios: &str) -> tempfile::TempDir {
    folder(&[
        (
            "settings.csv",
            "key,value\nhorizon_start,2027-Q1\nperiods,1\n",
        ),
        ("projects.csv", "id,value,duration\nA,10,1\nB,6,1\n"),
        ("demand.csv", "project,skill,effort\nA,Dev,10\nB,Dev,5\n"),
        ("capacity.csv", "skill,capacity\nDev,10\n"),
        (
            "scenarios.csv",
            &format!("scenario,target,key,field,op,value\n{scenarios}"),
        ),
    ])
}

#[test]
fn a_capacity_addition_lets_a_known_project_in() {
    let d = staffing(
        "more_cap,capacity,Dev,,add,5\nhire,people,Hire1,skills,add,Dev\nhire,people,Hire1@2027-Q1,availability,set,5\nhalf,capacity,*,capacity,scale,0.5\n",
    );
    let (code, out, o) = run("scenarios", d.path(), &["--jobs", "2"]);
    assert_eq!(code, 0, "{}", stderr(&o));
    let rows = common::csv_rows(&out.join("scenarios.csv"));
    let names: Vec<&str> = rows.iter().map(|r| r["scenario"].as_str()).collect();
    assert_eq!(names, ["baseline", "more_cap", "hire", "half"]);
    assert_eq!(num(&rows[0]["objective"]), 10.0);
    assert_eq!(num(&rows[0]["peak_Dev"]), 1.0);
    for name in ["more_cap", "hire"] {
        let r = row(&rows, "scenario", name);
        assert_eq!(num(&r["objective"]), 16.0, "{name}");
        assert_eq!(r["entered"], "B", "{name}");
        assert_eq!(r["left"], "", "{name}");
        assert_eq!(num(&r["peak_Dev"]), 1.0, "{name}");
        assert_eq!(r["budget_use"], "", "{name}: no settings budget");
    }
    // Half the capacity (5): B alone.
    let half = row(&rows, "scenario", "half");
    assert_eq!(
        (
            num(&half["objective"]),
            half["entered"].as_str(),
            half["left"].as_str()
        ),
        (6.0, "B", "A")
    );
    // load.csv of the hire scenario counts the new person.
    let load = common::csv_rows(&out.join("scenarios/hire/load.csv"));
    assert_eq!(num(&load[0]["capacity"]), 15.0);
    let independent_hire = independent(
        "key,value\nhorizon_start,2027-Q1\nperiods,1\n",
        "id,value,duration\nA,10,1\nB,6,1\n",
        &[
            ("demand.csv", "project,skill,effort\nA,Dev,10\nB,Dev,5\n"),
            ("capacity.csv", "skill,capacity\nDev,10\n"),
            ("people.csv", "person,skills,availability\nHire1,Dev,5\n"),
        ],
    );
    assert_eq!(independent_hire, 16.0);
}

#[test]
fn force_in_force_out_and_remove() {
    // out_a: without A, B + C + D = 12. in_b_out_d: B forced in, D out: A + B = 11.
    // drop_c: C removed, A + B = 11 (cost 9).
    let d = knapsack(
        "out_a,project,A,,force,out\nin_b_out_d,project,B,,force,in\nin_b_out_d,project,D,,force,out\ndrop_c,project,C,,remove,\n",
    );
    let (code, out, o) = run("scenarios", d.path(), &[]);
    assert_eq!(code, 0, "{}", stderr(&o));
    let rows = common::csv_rows(&out.join("scenarios.csv"));
    let get = |n| row(&rows, "scenario", n);
    assert_eq!(
        (
            num(&get("out_a")["objective"]),
            get("out_a")["entered"].as_str(),
            get("out_a")["left"].as_str()
        ),
        (12.0, "B", "A")
    );
    let ib = get("in_b_out_d");
    assert_eq!(
        (
            num(&ib["objective"]),
            ib["entered"].as_str(),
            ib["left"].as_str()
        ),
        (11.0, "B", "C|D")
    );
    let dc = get("drop_c");
    assert_eq!(
        (
            num(&dc["objective"]),
            dc["entered"].as_str(),
            dc["left"].as_str()
        ),
        (11.0, "B", "C|D")
    );
    // A forced-out project keeps its row (not selected, the reason says why); a removed
    // one has none.
    let plan = plan_rows(&out.join("scenarios/out_a"));
    let a = plan.iter().find(|r| r["project"] == "A").unwrap();
    assert_eq!(a["selected"], "false");
    assert!(
        a["reason"].contains("forced out by scenario out_a"),
        "{}",
        a["reason"]
    );
    let ids: Vec<String> = plan_rows(&out.join("scenarios/drop_c"))
        .iter()
        .map(|r| r["project"].clone())
        .collect();
    assert_eq!(ids, ["A", "B", "D"]);
    let ib_plan = plan_rows(&out.join("scenarios/in_b_out_d"));
    let b = ib_plan.iter().find(|r| r["project"] == "B").unwrap();
    assert_eq!(
        (b["selected"].as_str(), b["mandatory"].as_str()),
        ("true", "true")
    );
    // Independent solves: B mandatory and D absent gives the same 11.
    let projects = "id,value,cost,duration,mandatory\nA,6,5,1,\nB,5,4,1,true\nC,4,3,1,\n";
    assert_eq!(independent(KNAP_SETTINGS, projects, &[]), 11.0);
    let no_a = "id,value,cost,duration\nB,5,4,1\nC,4,3,1\nD,3,2,1\n";
    assert_eq!(independent(KNAP_SETTINGS, no_a, &[]), 12.0);
}

#[test]
fn an_infeasible_scenario_does_not_stop_the_others() {
    // Forcing A and B in needs 9 of a budget of 8: infeasible; the other scenario runs.
    let d = knapsack(
        "impossible,settings,budget,,set,8\nimpossible,project,A,,force,in\nimpossible,project,B,,force,in\nfine,settings,budget,,add,4\n",
    );
    let (code, out, o) = run("scenarios", d.path(), &["--jobs", "1"]);
    assert_eq!(code, 0, "{}", stderr(&o));
    let rows = common::csv_rows(&out.join("scenarios.csv"));
    let bad = row(&rows, "scenario", "impossible");
    assert_eq!(bad["status"], "infeasible");
    assert_eq!(
        (
            bad["objective"].as_str(),
            bad["delta_objective"].as_str(),
            bad["selected"].as_str()
        ),
        ("", "", "")
    );
    assert_eq!(num(&row(&rows, "scenario", "fine")["objective"]), 18.0);
    let dir = out.join("scenarios/impossible");
    assert!(!dir.join("plan.csv").exists());
    let s = summary(&dir);
    assert_eq!(s["status"], "infeasible");
    assert!(s["objective"].is_null());
    assert!(!s["diagnosis"].as_array().unwrap().is_empty());
}

#[test]
fn results_do_not_depend_on_jobs() {
    let d = knapsack(
        "a,settings,budget,,scale,0.8\nb,project,A,,force,out\nc,project,B,,force,in\nd,settings,budget,,remove,\n",
    );
    let out1 = d.path().join("out1");
    let out3 = d.path().join("out3");
    for (out, jobs) in [(&out1, "1"), (&out3, "3")] {
        let o = pmo(&[
            "scenarios",
            d.path().to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--jobs",
            jobs,
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    let strip_time = |p: &Path| -> Vec<BTreeMap<String, String>> {
        common::csv_rows(p)
            .into_iter()
            .map(|mut r| {
                r.remove("time");
                r
            })
            .collect()
    };
    assert_eq!(
        strip_time(&out1.join("scenarios.csv")),
        strip_time(&out3.join("scenarios.csv"))
    );
    for name in ["baseline", "a", "b", "c", "d"] {
        for f in ["plan.csv", "load.csv", "spend.csv"] {
            let x = std::fs::read(out1.join("scenarios").join(name).join(f)).unwrap();
            let y = std::fs::read(out3.join("scenarios").join(name).join(f)).unwrap();
            assert_eq!(x, y, "{name}/{f}");
        }
    }
}

#[test]
fn scenario_file_errors_have_code_line_and_column_and_nothing_is_written() {
    let d = knapsack(
        "ok,project,A,value,set,7\nbad1,project,Z,,force,in\nbad2,project,A,,explode,\nbad3,capacity,Dev@3..5,,set,1\nbaseline,settings,budget,,set,1\nbad4,settings,budget,,scale,-1\n",
    );
    let (code, out, o) = run("scenarios", d.path(), &[]);
    assert_eq!(code, 2);
    let err = stderr(&o);
    for expected in [
        "scenarios.csv:3:3: error[E030]",
        "scenarios.csv:4:5: error[E016]",
        "scenarios.csv:5:3: error[E032]",
        "scenarios.csv:6:1: error[E070]",
        "scenarios.csv:7:6: error[E012]",
    ] {
        assert!(err.contains(expected), "missing {expected} in:\n{err}");
    }
    assert!(err.contains("unknown project"), "{err}");
    assert!(!out.exists(), "nothing may be written");
    // --file F: errors cite F as written.
    let f = d.path().join("other.csv");
    std::fs::write(
        &f,
        "scenario,target,key,field,op,value\nx,project,A,mandatory,scale,2\n",
    )
    .unwrap();
    let o = pmo(&[
        "scenarios",
        d.path().to_str().unwrap(),
        "--file",
        f.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("{}:2:5: error[E071]", f.display())),
        "{err}"
    );
    // A missing scenarios.csv is E001.
    let bare = folder(&[
        ("settings.csv", KNAP_SETTINGS),
        ("projects.csv", KNAP_PROJECTS),
    ]);
    let (code, _, o) = run("scenarios", bare.path(), &[]);
    assert_eq!(code, 2);
    assert!(stderr(&o).contains("error[E001]"), "{}", stderr(&o));
}

#[test]
fn the_frontier_is_monotone_and_matches_independent_solves() {
    // Budgets 0, 2, …, 14: 0, D 3, B 5, B + D 8, A + C 10, A + C + D 13, A + B + C 15,
    // all 18.
    let d = knapsack("");
    let (code, out, o) = run("frontier", d.path(), &["--budget", "0:14:2"]);
    assert_eq!(code, 0, "{}", stderr(&o));
    let rows = common::csv_rows(&out.join("frontier.csv"));
    let budgets: Vec<f64> = rows.iter().map(|r| num(&r["budget"])).collect();
    assert_eq!(budgets, [0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 12.0, 14.0]);
    let objectives: Vec<f64> = rows.iter().map(|r| num(&r["objective"])).collect();
    assert_eq!(objectives, [0.0, 3.0, 5.0, 8.0, 10.0, 13.0, 15.0, 18.0]);
    assert!(rows.iter().all(|r| r["status"] == "optimal"));
    assert!(objectives.windows(2).all(|w| w[0] <= w[1]));
    // entered / left relative to the previous point with a plan.
    let changes: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r["entered"].as_str(), r["left"].as_str()))
        .collect();
    assert_eq!(
        changes,
        [
            ("", ""),
            ("D", ""),
            ("B", "D"),
            ("D", ""),
            ("A|C", "B|D"),
            ("D", ""),
            ("B", "D"),
            ("D", "")
        ]
    );
    for (b, o) in [(4, 5.0), (10, 13.0), (12, 15.0)] {
        let settings = KNAP_SETTINGS.replace("budget,10", &format!("budget,{b}"));
        assert_eq!(independent(&settings, KNAP_PROJECTS, &[]), o, "budget {b}");
    }
    let svg = std::fs::read_to_string(out.join("frontier.svg")).unwrap();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert_eq!(svg.matches("<circle").count(), 8 + 2);
    assert!(svg.contains(">budget</text>") && svg.contains("objective"));
    // Percentages of the settings budget; TO included when it falls on a step.
    let (code, out, o) = run("frontier", d.path(), &["--budget", "50%:100%:25%"]);
    assert_eq!(code, 0, "{}", stderr(&o));
    let rows = common::csv_rows(&out.join("frontier.csv"));
    let budgets: Vec<f64> = rows.iter().map(|r| num(&r["budget"])).collect();
    assert_eq!(budgets, [5.0, 7.5, 10.0]);
    let objectives: Vec<f64> = rows.iter().map(|r| num(&r["objective"])).collect();
    // 5: C + D = 7; 7.5: B + C or A + D = 9; 10: 13.
    assert_eq!(objectives, [7.0, 9.0, 13.0]);
}

#[test]
fn frontier_points_below_the_mandatory_cost_are_infeasible_and_on_the_axis() {
    let d = folder(&[
        ("settings.csv", "key,value\nhorizon_start,1\nperiods,1\n"),
        (
            "projects.csv",
            "id,value,cost,duration,mandatory\nM,1,5,1,true\nX,4,3,1,\n",
        ),
    ]);
    let (code, out, o) = run("frontier", d.path(), &["--budget", "4:8:2"]);
    assert_eq!(code, 0, "{}", stderr(&o));
    let rows = common::csv_rows(&out.join("frontier.csv"));
    let status: Vec<&str> = rows.iter().map(|r| r["status"].as_str()).collect();
    assert_eq!(status, ["infeasible", "optimal", "optimal"]);
    assert_eq!(rows[0]["objective"], "");
    assert_eq!(
        (rows[1]["entered"].as_str(), rows[2]["entered"].as_str()),
        ("M", "X")
    );
    let svg = std::fs::read_to_string(out.join("frontier.svg")).unwrap();
    assert!(svg.contains("budget 4: infeasible"), "{svg}");
}

#[test]
fn frontier_option_errors_exit_2() {
    let d = knapsack("");
    for bad in [
        "10:5:1",
        "0:10:0",
        "50%:100:10",
        "1:2",
        "a:b:c",
        "0:100000:1",
    ] {
        let (code, out, o) = run("frontier", d.path(), &["--budget", bad]);
        assert_eq!(code, 2, "{bad}: {}", stderr(&o));
        assert!(!out.exists());
    }
    let no_budget = folder(&[
        ("settings.csv", "key,value\nhorizon_start,1\nperiods,1\n"),
        ("projects.csv", KNAP_PROJECTS),
    ]);
    let (code, _, o) = run("frontier", no_budget.path(), &["--budget", "80%:120%:10%"]);
    assert_eq!(code, 2);
    assert!(stderr(&o).contains("settings budget"), "{}", stderr(&o));
}

#[test]
fn explain_values_are_differences_of_independent_solves() {
    // Base A + C + D = 13. B in: B + C + D = 12 (−1). A out: 12 (−1). C out: A + B = 11
    // (−2). D out: A + B = 11 (−2). Order: left-out first, delta descending, ties in
    // projects.csv order.
    let d = knapsack("");
    let (code, out, o) = run("explain", d.path(), &[]);
    assert_eq!(code, 0, "{}", stderr(&o));
    let rows = common::csv_rows(&out.join("explain.csv"));
    let got: Vec<(&str, &str, &str, f64, f64)> = rows
        .iter()
        .map(|r| {
            (
                r["project"].as_str(),
                r["selected_in_base"].as_str(),
                r["forced"].as_str(),
                num(&r["objective"]),
                num(&r["delta"]),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("B", "false", "in", 12.0, -1.0),
            ("A", "true", "out", 12.0, -1.0),
            ("C", "true", "out", 11.0, -2.0),
            ("D", "true", "out", 11.0, -2.0),
        ]
    );
    assert!(rows.iter().all(|r| r["status"] == "optimal"));
    let base = independent(KNAP_SETTINGS, KNAP_PROJECTS, &[]);
    let b_in = independent(
        KNAP_SETTINGS,
        "id,value,cost,duration,mandatory\nA,6,5,1,\nB,5,4,1,true\nC,4,3,1,\nD,3,2,1,\n",
        &[],
    );
    let c_out = independent(
        KNAP_SETTINGS,
        "id,value,cost,duration\nA,6,5,1\nB,5,4,1\nD,3,2,1\n",
        &[],
    );
    assert_eq!((b_in - base, c_out - base), (-1.0, -2.0));
    let text = stdout(&o);
    assert!(
        text.contains("B left out: forcing it in costs 1 (value 13 → 12)"),
        "{text}"
    );
    // --project limits the questions; an unknown id is an input error.
    let (code, out, _) = run("explain", d.path(), &["--project", "D", "--project", "B"]);
    assert_eq!(code, 0);
    let ids: Vec<String> = common::csv_rows(&out.join("explain.csv"))
        .iter()
        .map(|r| r["project"].clone())
        .collect();
    assert_eq!(ids, ["B", "D"]);
    let (code, _, o) = run("explain", d.path(), &["--project", "Q"]);
    assert_eq!(code, 2);
    assert!(stderr(&o).contains("\"Q\""));
}

#[test]
fn explain_prices_an_obligation_and_reports_impossible_forcing() {
    // Budget 7. M is mandatory (value 1, cost 5) and excludes Y (9, cost 1), which
    // requires X (4, cost 2): the base is M + X = 5. Forcing M out gains 8 (X + Y = 13);
    // forcing Y in is impossible (M excludes it); forcing X out costs 4.
    let d = folder(&[
        (
            "settings.csv",
            "key,value\nhorizon_start,1\nperiods,1\nbudget,7\n",
        ),
        (
            "projects.csv",
            "id,value,cost,duration,mandatory\nM,1,5,1,true\nX,4,2,1,\nY,9,1,1,\n",
        ),
        (
            "dependencies.csv",
            "from,to,type\nX,Y,requires\nM,Y,excludes\n",
        ),
    ]);
    let (code, out, o) = run("explain", d.path(), &[]);
    assert_eq!(code, 0, "{}", stderr(&o));
    let rows = common::csv_rows(&out.join("explain.csv"));
    let m = row(&rows, "project", "M");
    assert_eq!((m["forced"].as_str(), num(&m["delta"])), ("out", 8.0));
    let x = row(&rows, "project", "X");
    assert_eq!((x["forced"].as_str(), num(&x["delta"])), ("out", -4.0));
    let y = row(&rows, "project", "Y");
    assert_eq!(
        (y["status"].as_str(), y["delta"].as_str()),
        ("infeasible", "")
    );
    // Left-out rows first, then the selected ones by delta descending.
    let ids: Vec<&str> = rows.iter().map(|r| r["project"].as_str()).collect();
    assert_eq!(ids, ["Y", "M", "X"]);
    assert!(
        stdout(&o).contains("the cost of the obligation"),
        "{}",
        stdout(&o)
    );
    // An infeasible base portfolio: exit 3.
    let bad = folder(&[
        (
            "settings.csv",
            "key,value\nhorizon_start,1\nperiods,1\nbudget,1\n",
        ),
        (
            "projects.csv",
            "id,value,cost,duration,mandatory\nM,1,5,1,true\n",
        ),
    ]);
    let (code, out, _) = run("explain", bad.path(), &[]);
    assert_eq!(code, 3);
    assert!(!out.exists());
}

#[test]
fn the_demo_scenarios_file_is_valid() {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/demo");
    let loaded = pmo::io::portfolio::load_portfolio(&demo).unwrap();
    let s = pmo::scenario::load_scenarios(
        &demo.join("scenarios.csv"),
        "scenarios.csv",
        &loaded.portfolio,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(s.variants.len() >= 5);
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
}

/// Not a check: writes the solve model of the demo's baseline and of each scenario as
/// portfolio folders under $PMO_EXPORT_DIR, so that the same solves can be timed as
/// sequential `pmo plan` runs (`cargo test --release --test scenarios -- --ignored`).
#[test]
#[ignore]
fn export_demo_scenarios() {
    let Ok(target) = std::env::var("PMO_EXPORT_DIR") else {
        eprintln!("set PMO_EXPORT_DIR");
        return;
    };
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/demo");
    let base = pmo::io::portfolio::load_portfolio(&demo).unwrap().portfolio;
    let s =
        pmo::scenario::load_scenarios(&demo.join("scenarios.csv"), "scenarios.csv", &base).unwrap();
    let baseline = pmo::scenario::Variant::base("baseline", &base);
    for v in std::iter::once(&baseline).chain(&s.variants) {
        let dir = Path::new(&target).join(&v.name);
        pmo::io::write_portfolio::write_portfolio(&v.solve_model(), &dir).unwrap();
        let again = pmo::io::portfolio::load_portfolio(&dir).unwrap().portfolio;
        assert_eq!(again.projects, v.solve_model().projects, "{}", v.name);
    }
}
