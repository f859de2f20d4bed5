//! `pmo check` on plans edited by hand.

mod common;
use common::*;

fn portfolio() -> tempfile::TempDir {
    folder(&[
        (
            "settings.csv",
            "key,value\nhorizon_start,2027-01\nperiods,3\nbudget,20\n",
        ),
        (
            "projects.csv",
            "id,value,cost,duration,mandatory\nA,5,10,1,true\nB,5,10,2,false\nC,1,5,1,false\n",
        ),
        ("dependencies.csv", "from,to,type\nA,B,precedes\n"),
    ])
}

#[test]
fn a_valid_hand_written_plan_passes() {
    let d = portfolio();
    let plan = d.path().join("p.csv");
    std::fs::write(&plan, "id;selected;start\nA;oui;2027-01\nB;yes;2\nC;non;\n").unwrap();
    let o = pmo(&["check", d.path().to_str().unwrap(), plan.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("objective 10"));
}

#[test]
fn violations_are_listed_with_exit_1() {
    let d = portfolio();
    let plan = d.path().join("p.csv");
    // A not selected although mandatory; B then lacks its predecessor; C has no row.
    std::fs::write(&plan, "project,selected,start\nA,false,\nB,true,2027-02\n").unwrap();
    let o = pmo(&["check", d.path().to_str().unwrap(), plan.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(text.contains("[mandatory]"), "{text}");
    assert!(text.contains("[precedes]"), "{text}");
    assert!(text.contains("C: no row"), "{text}");
}

#[test]
fn an_unknown_project_is_an_input_error() {
    let d = portfolio();
    let plan = d.path().join("p.csv");
    std::fs::write(&plan, "project,selected,start\nA,true,2027-01\nZZ,true,1\n").unwrap();
    let o = pmo(&["check", d.path().to_str().unwrap(), plan.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("p.csv:3"), "{}", stderr(&o));
}

#[test]
fn the_plan_written_by_pmo_checks_clean() {
    let d = portfolio();
    let (code, out, _) = plan(d.path(), &[]);
    assert_eq!(code, 0);
    let o = pmo(&[
        "check",
        d.path().to_str().unwrap(),
        out.join("plan.csv").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}
