//! End-to-end runs of `pmo plan` on small portfolios whose optimum was computed by hand.

mod common;
use common::*;

const ONE_PERIOD: &str = "key,value\nhorizon_start,1\nperiods,1\n";

#[test]
fn knapsack_picks_the_best_combination() {
    // Budget 10: A+C+D costs 10 for 13; A+B 9 for 11; B+C+D 9 for 12.
    let d = folder(&[
        (
            "settings.csv",
            "key,value\nhorizon_start,1\nperiods,1\nbudget,10\n",
        ),
        (
            "projects.csv",
            "id,value,cost,duration\nA,6,5,1\nB,5,4,1\nC,4,3,1\nD,3,2,1\n",
        ),
    ]);
    let (code, out, o) = plan(d.path(), &[]);
    assert_eq!(code, 0, "{}", stderr(&o));
    assert_eq!(objective(&out), 13.0);
    assert_eq!(summary(&out)["status"], "optimal");
    assert_eq!(start_of(&out, "B").0, "");
    assert_eq!(start_of(&out, "A").0, "1");
    let b = plan_rows(&out)
        .into_iter()
        .find(|r| r["project"] == "B")
        .unwrap();
    assert!(b["reason"].contains("total budget"), "{}", b["reason"]);
}

#[test]
fn precedence_chain_with_lag_fills_the_horizon() {
    // A(2) → B(2) with lag 1 → C(1): A 1–2, B 4–5, C 6; value 1 + 1 + 10.
    let d = folder(&[
        ("settings.csv", "key,value\nhorizon_start,1\nperiods,6\n"),
        ("projects.csv", "id,value,duration\nA,1,2\nB,1,2\nC,10,1\n"),
        (
            "dependencies.csv",
            "from,to,type,lag\nA,B,precedes,1\nB,C,precedes,0\n",
        ),
    ]);
    let (code, out, o) = plan(d.path(), &[]);
    assert_eq!(code, 0, "{}", stderr(&o));
    assert_eq!(objective(&out), 12.0);
    assert_eq!(start_of(&out, "A"), ("1".into(), "2".into()));
    assert_eq!(start_of(&out, "B"), ("4".into(), "5".into()));
    assert_eq!(start_of(&out, "C"), ("6".into(), "6".into()));
}

#[test]
fn chain_too_long_for_the_horizon_leaves_the_tail_out() {
    let d = folder(&[
        ("settings.csv", "key,value\nhorizon_start,1\nperiods,5\n"),
        ("projects.csv", "id,value,duration\nA,1,2\nB,1,2\nC,10,1\n"),
        (
            "dependencies.csv",
            "from,to,type,lag\nA,B,precedes,1\nB,C,precedes,0\n",
        ),
    ]);
    let (code, out, _) = plan(d.path(), &[]);
    assert_eq!(code, 0);
    assert_eq!(objective(&out), 2.0);
    let c = plan_rows(&out)
        .into_iter()
        .find(|r| r["project"] == "C")
        .unwrap();
    assert!(c["reason"].contains("window"), "{}", c["reason"]);
}

#[test]
fn excludes_pair_with_requires_chooses_the_better_side() {
    // A (10) excludes B (8); C (5) requires B: B + C = 13 beats A = 10.
    let d = folder(&[
        ("settings.csv", ONE_PERIOD),
        ("projects.csv", "id,value,duration\nA,10,1\nB,8,1\nC,5,1\n"),
        (
            "dependencies.csv",
            "from,to,type\nA,B,excludes\nB,C,requires\n",
        ),
    ]);
    let (code, out, _) = plan(d.path(), &[]);
    assert_eq!(code, 0);
    assert_eq!(objective(&out), 13.0);
    let a = plan_rows(&out)
        .into_iter()
        .find(|r| r["project"] == "A")
        .unwrap();
    assert_eq!(a["selected"], "false");
    assert!(a["reason"].contains("excluded by B"), "{}", a["reason"]);
}

#[test]
fn a_person_splits_time_between_skills() {
    // Alice (Dev|Test, 10 days) is the only staff. P2 (Test 4) + P3 (Dev 5) = 11 is best;
    // P1 (Dev 6) + P3 needs 11 Dev days.
    let d = folder(&[
        ("settings.csv", ONE_PERIOD),
        (
            "projects.csv",
            "id,value,duration\nP1,5,1\nP2,5,1\nP3,6,1\n",
        ),
        (
            "demand.csv",
            "project,skill,effort\nP1,Dev,6\nP2,Test,4\nP3,Dev,5\n",
        ),
        (
            "people.csv",
            "person,skills,availability\nAlice,Dev|Test,10\n",
        ),
    ]);
    let (code, out, o) = plan(d.path(), &[]);
    assert_eq!(code, 0, "{}", stderr(&o));
    assert_eq!(objective(&out), 11.0);
    assert_eq!(start_of(&out, "P1").0, "");
    let load = std::fs::read_to_string(out.join("load.csv")).unwrap();
    assert!(load.contains("Dev,1,5,10,0.5,0,5"), "{load}");
    assert!(load.contains("Test,1,4,10,0.4,0,4"), "{load}");
}

#[test]
fn a_period_budget_forces_a_later_start() {
    // Each period may spend 10. A (benefit 1) takes period 1; B moves to period 2 (the
    // earliest start that keeps the budget), not 3.
    let d = folder(&[
        (
            "settings.csv",
            "key,value\nhorizon_start,2027-01\nperiods,3\n",
        ),
        (
            "projects.csv",
            "id,value,benefit,cost,duration\nA,5,1,10,1\nB,5,0,10,1\n",
        ),
        (
            "budgets.csv",
            "scope,key,max\nperiod,2027-01,10\nperiod,2027-02,10\nperiod,2027-03,10\n",
        ),
    ]);
    let (code, out, _) = plan(d.path(), &[]);
    assert_eq!(code, 0);
    assert_eq!(objective(&out), 12.0);
    assert_eq!(start_of(&out, "A").0, "2027-01");
    assert_eq!(start_of(&out, "B").0, "2027-02");
    let spend = std::fs::read_to_string(out.join("spend.csv")).unwrap();
    assert!(spend.contains("2027-02,10,10,,20,,,,"), "{spend}");
}

#[test]
fn mandatory_projects_over_budget_are_diagnosed() {
    let d = folder(&[
        (
            "settings.csv",
            "key,value\nhorizon_start,1\nperiods,2\nbudget,100\n",
        ),
        (
            "projects.csv",
            "id,value,cost,duration,mandatory\nA,1,60,1,true\nB,1,45,1,yes\nC,5,10,1,no\n",
        ),
    ]);
    let (code, out, o) = plan(d.path(), &[]);
    assert_eq!(code, 3, "{}", stdout(&o));
    let text = stdout(&o);
    assert!(text.contains("total budget"), "{text}");
    assert!(text.contains("exceed it by 5"), "{text}");
    assert!(!out.exists(), "nothing may be written when infeasible");
}

#[test]
fn a_skill_shortage_of_mandatory_projects_is_diagnosed_with_periods() {
    let d = folder(&[
        ("settings.csv", "key,value\nhorizon_start,2027-01\nperiods,2\n"),
        (
            "projects.csv",
            "id,value,duration,mandatory,earliest_start,deadline\nA,1,1,true,2027-01,2027-01\nB,1,1,true,2027-01,2027-01\n",
        ),
        ("demand.csv", "project,skill,effort\nA,Dev,8\nB,Dev,7\n"),
        ("capacity.csv", "skill,capacity\nDev,10\n"),
    ]);
    let (code, _, o) = plan(d.path(), &[]);
    assert_eq!(code, 3);
    let text = stdout(&o);
    assert!(text.contains("skill Dev"), "{text}");
    assert!(text.contains("5 person-days"), "{text}");
    assert!(text.contains("2027-01 5"), "{text}");
}

#[test]
fn makespan_objective_schedules_every_project() {
    // Two jobs need the single machine (capacity 1) for 2 periods; C follows A.
    let d = folder(&[
        (
            "settings.csv",
            "key,value\nhorizon_start,1\nperiods,10\nobjective,makespan\n",
        ),
        ("projects.csv", "id,value,duration\nA,0,2\nB,0,2\nC,0,1\n"),
        ("demand.csv", "project,skill,effort\nA,M,2\nB,M,2\n"),
        ("capacity.csv", "skill,capacity\nM,1\n"),
        ("dependencies.csv", "from,to\nA,C\n"),
    ]);
    let (code, out, o) = plan(d.path(), &[]);
    assert_eq!(code, 0, "{}", stderr(&o));
    assert_eq!(objective(&out), 4.0);
    assert_eq!(summary(&out)["status"], "optimal");
}

#[test]
fn bad_input_exits_2_and_writes_nothing() {
    let d = folder(&[
        ("settings.csv", ONE_PERIOD),
        ("projects.csv", "id,value,duration\nA,abc,1\nA,1,0\n"),
    ]);
    let (code, out, o) = plan(d.path(), &[]);
    assert_eq!(code, 2);
    assert!(!out.exists());
    let err = stderr(&o);
    assert!(err.contains("projects.csv:2:2"), "{err}");
    assert!(err.contains("projects.csv:3"), "{err}");
}

#[test]
fn same_input_gives_byte_identical_outputs() {
    let d = folder(&[
        (
            "settings.csv",
            "key,value\nhorizon_start,2027-01\nperiods,4\nbudget,30\n",
        ),
        (
            "projects.csv",
            "id,value,benefit,cost,duration\nA,5,1,10,2\nB,7,0,12,2\nC,4,2,9,1\nD,3,0,5,3\n",
        ),
        (
            "demand.csv",
            "project,skill,effort\nA,Dev,10\nB,Dev,12\nC,BA,3\nD,Dev,6\n",
        ),
        ("capacity.csv", "skill,capacity\nDev,8\nBA,2\n"),
        ("people.csv", "person,skills,availability\nZoe,Dev|BA,3\n"),
    ]);
    let out1 = d.path().join("o1");
    let out2 = d.path().join("o2");
    let dir = d.path().to_str().unwrap();
    assert_eq!(
        pmo(&["plan", dir, "-o", out1.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        pmo(&["plan", dir, "-o", out2.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    for f in ["plan.csv", "load.csv", "spend.csv"] {
        assert_eq!(
            std::fs::read(out1.join(f)).unwrap(),
            std::fs::read(out2.join(f)).unwrap(),
            "{f} differs"
        );
    }
    let mut s1 = summary(&out1);
    let mut s2 = summary(&out2);
    s1["solve_time_s"] = 0.into();
    s2["solve_time_s"] = 0.into();
    assert_eq!(s1, s2);
}

#[test]
fn threads_option_reaches_highs_without_losing_the_milp() {
    // HiGHS keeps its first thread count per process: every model of a run must ask the
    // same, or the MILP fails and only the heuristic plan is left.
    let d = folder(&[
        (
            "settings.csv",
            "key,value\nhorizon_start,1\nperiods,1\nbudget,10\n",
        ),
        (
            "projects.csv",
            "id,value,cost,duration\nA,6,5,1\nB,5,4,1\nC,4,3,1\nD,3,2,1\n",
        ),
    ]);
    let (code, out, o) = plan(d.path(), &["--threads", "1"]);
    assert_eq!(code, 0, "{}", stderr(&o));
    assert_eq!(objective(&out), 13.0);
    assert_eq!(summary(&out)["status"], "optimal");
}
