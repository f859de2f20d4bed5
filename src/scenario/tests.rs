//! Unit tests of scenarios.csv: application semantics and error quality.

use super::*;
use crate::io::error::ErrorCode;
use crate::io::portfolio::load_portfolio;
use crate::model::DepKind;

/// A small monthly portfolio (2027-01, 6 periods).
fn base() -> Portfolio {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        (
            "settings.csv",
            "key,value\nhorizon_start,2027-01\nperiods,6\nbudget,100\n",
        ),
        (
            "projects.csv",
            "id,value,cost,duration,mandatory,category\nA,10,40,2,,X\nB,8,30,3,true,\nC,5,20,1,,Y\n",
        ),
        ("demand.csv", "project,skill,effort,offset\nA,Dev,4,1\nA,Dev,11,2\nB,QA,9,\n"),
        ("capacity.csv", "skill,capacity\nDev,10\nQA,10\n"),
        ("people.csv", "person,skills,availability\nAnn,Dev|QA,5\n"),
        ("dependencies.csv", "from,to,type\nA,C,precedes\n"),
        (
            "budgets.csv",
            "scope,key,max,min\nperiod,2027-01..2027-03,60,\nperiod,2027-04,30,\ncategory,X,50,\ntotal,,,10\n",
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    load_portfolio(dir.path()).unwrap().portfolio
}

fn parse(rows: &str) -> Result<Scenarios, crate::io::error::LoadErrors> {
    let text = format!("scenario,target,key,field,op,value\n{rows}");
    parse_scenarios("scenarios.csv", &text, &base())
}

fn one(rows: &str) -> Variant {
    let s = parse(rows).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.variants.len(), 1);
    s.variants.into_iter().next().unwrap()
}

/// (code, line, column) of each error.
fn errors(rows: &str) -> Vec<(ErrorCode, Option<usize>, Option<usize>)> {
    match parse(rows) {
        Ok(_) => panic!("expected errors"),
        Err(e) => {
            e.0.iter()
                .map(|x| (x.code, x.location.line, x.location.column))
                .collect()
        }
    }
}

fn warnings(rows: &str) -> Vec<String> {
    parse(rows)
        .unwrap()
        .warnings
        .iter()
        .map(|w| w.to_string())
        .collect()
}

#[test]
fn rows_apply_in_file_order_and_scenarios_stay_apart() {
    let s = parse("s1,settings,budget,,scale,1.1\nother,settings,budget,,set,5\ns1,settings,budget,value,add,5\n")
        .unwrap();
    let names: Vec<&str> = s.variants.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["s1", "other"]);
    assert!((s.variants[0].settings_budget().unwrap() - 115.0).abs() < 1e-9);
    assert_eq!(s.variants[1].settings_budget(), Some(5.0));
}

#[test]
fn budget_keys_match_envelopes_periods_and_create_rows() {
    let v = one("s,budget,period:*,max,scale,0.5\ns,budget,period:2027-05..2027-06,max,set,7\n");
    let b = &v.portfolio.budgets;
    let max_of = |scope: BudgetScope| b.iter().find(|x| x.scope == scope).and_then(|x| x.max);
    assert_eq!(max_of(BudgetScope::Periods(0, 2)), Some(30.0));
    assert_eq!(max_of(BudgetScope::Periods(3, 3)), Some(15.0));
    assert_eq!(max_of(BudgetScope::Periods(4, 4)), Some(7.0));
    assert_eq!(max_of(BudgetScope::Periods(5, 5)), Some(7.0));
    // The settings budget is untouched by period rows.
    assert_eq!(v.settings_budget(), Some(100.0));
    // An envelope is named by its exact range; a total max changes settings and rows.
    let v = one("s,budget,period:2027-01..2027-03,max,add,-10\ns,budget,total,max,set,80\n");
    let b = &v.portfolio.budgets;
    assert_eq!(max_of2(b, BudgetScope::Periods(0, 2)), Some(50.0));
    assert_eq!(v.settings_budget(), Some(80.0));
    assert!(b
        .iter()
        .filter(|x| x.scope == BudgetScope::Total)
        .all(|x| x.max == Some(80.0)));
}

fn max_of2(b: &[crate::model::BudgetLimit], scope: BudgetScope) -> Option<f64> {
    b.iter().find(|x| x.scope == scope).and_then(|x| x.max)
}

#[test]
fn budget_remove_and_min_rows() {
    let v = one("s,budget,total,max,remove,\n");
    assert_eq!(v.settings_budget(), None);
    let v = one("s,budget,total,,remove,\n");
    assert!(v
        .portfolio
        .budgets
        .iter()
        .all(|b| b.scope != BudgetScope::Total));
    let v = one("s,budget,category:Y,min,add,5\n");
    let row = v
        .portfolio
        .budgets
        .iter()
        .find(|b| b.scope == BudgetScope::Category("Y".into()))
        .unwrap();
    assert_eq!((row.min, row.max), (Some(5.0), None));
    // min above the row's max: E046 at the value cell.
    assert_eq!(
        errors("s,budget,category:X,min,set,60\n"),
        [(ErrorCode::MinAboveMax, Some(2), Some(6))]
    );
    // A named key without a row: E074; a wildcard: a warning.
    assert_eq!(
        errors("s,budget,period:2027-06,max,scale,2\n"),
        [(ErrorCode::NoSuchRow, Some(2), Some(3))]
    );
    let w = warnings("s,budget,category:*,,remove,\ns,budget,category:*,max,scale,2\n");
    assert!(w[0].contains("no budget row with a max"), "{w:?}");
    // Absent limits stay unlimited, with a warning.
    let w = warnings("s,budget,category:X,min,scale,2\n");
    assert!(w[0].contains("has no min"), "{w:?}");
}

#[test]
fn project_fields_force_and_remove() {
    let v = one("s,project,A,,force,out\ns,project,C,,force,in\ns,project,category:X,value,scale,0.5\ns,project,*,cost,add,-25\n");
    let p = &v.portfolio.projects;
    assert!(v.is_forced_out(0) && !p[0].mandatory);
    assert!(p[2].mandatory && !v.is_forced_out(2));
    assert_eq!(p[0].value, 5.0);
    assert_eq!((p[0].cost, p[1].cost, p[2].cost), (15.0, 5.0, 0.0));
    // set mandatory true clears a force out; false leaves it.
    let v = one("s,project,A,,force,out\ns,project,A,mandatory,set,false\n");
    assert!(v.is_forced_out(0));
    let v = one("s,project,A,,force,out\ns,project,A,mandatory,set,TRUE\n");
    assert!(!v.is_forced_out(0) && v.portfolio.projects[0].mandatory);
    // remove: demand and dependency rows go; a later row naming it is an error.
    let v = one("s,project,A,,remove,\n");
    assert_eq!(v.portfolio.projects.len(), 2);
    assert!(v.portfolio.dependencies.is_empty());
    assert!(v.portfolio.demands.iter().all(|d| d.project == 0));
    assert_eq!(v.portfolio.demands[0].profile, vec![3.0; 3]);
    let e = parse("s,project,A,,remove,\ns,project,A,value,set,1\n").unwrap_err();
    assert_eq!(e.0[0].code, ErrorCode::UnknownProject);
    assert!(
        e.0[0].message.contains("removed by line 2"),
        "{}",
        e.0[0].message
    );
}

#[test]
fn the_solve_model_keeps_forced_out_projects_out() {
    let v = one("s,project,A,,force,out\n");
    let m = v.solve_model();
    assert_eq!(m.skills.len(), v.portfolio.skills.len() + 1);
    let plan = crate::model::Plan {
        start: vec![Some(0), Some(3), Some(3)],
    };
    assert!(crate::verify::check(&v.portfolio, &plan).is_empty());
    let broken = crate::verify::check(&m, &plan);
    assert!(!broken.is_empty());
    assert!(broken
        .iter()
        .all(|x| x.rule == crate::verify::Rule::Capacity));
    let v = one("s,project,A,,force,in\n");
    assert_eq!(v.solve_model(), v.portfolio);
}

#[test]
fn durations_keep_effort_and_windows_are_checked() {
    let v = one("s,project,A,duration,scale,1.5\n");
    let a = &v.portfolio.projects[0];
    assert_eq!(a.duration, 3);
    let d = v.portfolio.demands.iter().find(|d| d.project == 0).unwrap();
    assert_eq!(d.profile, vec![5.0; 3]);
    // 2 × 1.2 = 2.4 rounds up to 3; 2 × 1.0000001 is within 1e-6 of 2.
    assert_eq!(
        one("s,project,A,duration,scale,1.2\n").portfolio.projects[0].duration,
        3
    );
    assert_eq!(
        one("s,project,A,duration,scale,1.0000001\n")
            .portfolio
            .projects[0]
            .duration,
        2
    );
    assert_eq!(
        errors("s,project,A,duration,add,-2\n"),
        [(ErrorCode::BadDuration, Some(2), Some(6))]
    );
    // A deadline shift is clamped with a warning; a too-short window is an error.
    let w = warnings("s,project,C,deadline,add,10\n");
    assert!(w[0].contains("outside the horizon"), "{w:?}");
    assert_eq!(
        errors("s,project,B,deadline,set,2027-02\n"),
        [(ErrorCode::WindowTooShort, Some(2), Some(6))]
    );
    assert_eq!(
        errors("s,project,C,earliest_start,set,2027-05\ns,project,C,deadline,set,2027-04\n"),
        [(ErrorCode::StartAfterDeadline, Some(3), Some(6))]
    );
    let v = one("s,project,C,earliest_start,add,2\ns,project,C,deadline,remove,\n");
    assert_eq!(
        (
            v.portfolio.projects[2].earliest_start,
            v.portfolio.projects[2].deadline
        ),
        (2, 5)
    );
}

#[test]
fn capacity_and_people() {
    let v =
        one("s,capacity,Dev@2027-02..2027-03,capacity,add,-15\ns,capacity,*@..2027-01,,set,1\n");
    assert_eq!(
        v.portfolio.capacity[0],
        vec![1.0, 0.0, 0.0, 10.0, 10.0, 10.0]
    );
    assert_eq!(v.portfolio.capacity[1][0], 1.0);
    let v = one("s,people,Hire1,skills,add,Dev\ns,people,Hire1@2027-04..,availability,set,18\ns,people,Ann,skills,remove,QA\n");
    let hire = v
        .portfolio
        .people
        .iter()
        .find(|p| p.name == "Hire1")
        .unwrap();
    assert_eq!(hire.availability, vec![0.0, 0.0, 0.0, 18.0, 18.0, 18.0]);
    assert_eq!(hire.skills, vec![0]);
    assert_eq!(v.portfolio.people[0].skills, vec![0]);
    assert_eq!(
        errors("s,people,Ann,skills,remove,Dev|QA\n"),
        [(ErrorCode::PersonWithoutSkills, Some(2), Some(6))]
    );
    assert_eq!(
        errors("s,people,Bob,availability,set,3\ns,people,Ann,skills,add,Cook\n"),
        [
            (ErrorCode::UnknownPerson, Some(2), Some(3)),
            (ErrorCode::UnknownSkill, Some(3), Some(6))
        ]
    );
    assert_eq!(
        errors("s,people,Ann@2027-02,,remove,\ns,capacity,dev,,set,1\n"),
        [
            (ErrorCode::OpNotAllowed, Some(2), Some(3)),
            (ErrorCode::UnknownSkill, Some(3), Some(3))
        ]
    );
}

#[test]
fn dependencies() {
    let v = one("s,dependency,B>C,,add,requires\ns,dependency,A>C,lag,set,2\ns,dependency,B>A,,add,excludes:3\n");
    let d = &v.portfolio.dependencies;
    assert_eq!(d[0].kind, DepKind::Precedes { lag: 2 });
    assert_eq!(d[1].kind, DepKind::Requires);
    assert_eq!(d[2].kind, DepKind::Excludes);
    let v = one("s,dependency,A>C,type,set,excludes\ns,dependency,*,,remove,requires\n");
    assert_eq!(v.portfolio.dependencies[0].kind, DepKind::Excludes);
    assert_eq!(
        errors("s,dependency,C>A,,add,\ns,dependency,A>A,,add,\ns,dependency,B>C,,remove,\ns,dependency,A>X,,add,\n"),
        [
            (ErrorCode::DependencyCycle, Some(2), Some(3)),
            (ErrorCode::SelfDependency, Some(3), Some(3)),
            (ErrorCode::NoSuchRow, Some(4), Some(3)),
            (ErrorCode::UnknownProject, Some(5), Some(3)),
        ]
    );
}

#[test]
fn settings_rows() {
    let v = one("s,settings,time_limit,,scale,0.5\ns,settings,mip_gap,,add,-1\n");
    assert_eq!(v.portfolio.settings.time_limit, 30.0);
    assert_eq!(v.portfolio.settings.mip_gap, 0.0);
    assert_eq!(
        errors("s,settings,horizon_start,,set,2028-01\ns,settings,time_limit,,set,0\ns,settings,speed,,set,1\n"),
        [
            (ErrorCode::OpNotAllowed, Some(2), Some(3)),
            (ErrorCode::NotPositive, Some(3), Some(6)),
            (ErrorCode::BadKeyword, Some(4), Some(3)),
        ]
    );
}

#[test]
fn names_keywords_and_ops_are_validated_with_their_cell() {
    assert_eq!(
        errors("baseline,settings,budget,,set,1\n-x,settings,budget,,set,1\ncut,settings,budget,,set,1\nCUT,settings,budget,,set,1\n"),
        [
            (ErrorCode::BadScenarioName, Some(2), Some(1)),
            (ErrorCode::BadScenarioName, Some(3), Some(1)),
            (ErrorCode::BadScenarioName, Some(5), Some(1)),
        ]
    );
    assert_eq!(
        errors("s,projet,A,,force,in\ns,project,A,,delete,\ns,project,A,mandatory,scale,2\ns,project,A,colour,set,red\ns,project,Z,value,set,1\ns,project,category:Q,value,set,1\n"),
        [
            (ErrorCode::BadKeyword, Some(2), Some(2)),
            (ErrorCode::BadKeyword, Some(3), Some(5)),
            (ErrorCode::OpNotAllowed, Some(4), Some(5)),
            (ErrorCode::BadKeyword, Some(5), Some(4)),
            (ErrorCode::UnknownProject, Some(6), Some(3)),
            (ErrorCode::UnknownCategory, Some(7), Some(3)),
        ]
    );
    assert_eq!(
        errors("s,capacity,Dev@2027-09,,set,1\ns,budget,period:2027-04..2027-02,max,set,1\ns,project,A,value,scale,-1\n"),
        [
            (ErrorCode::UnknownPeriod, Some(2), Some(3)),
            (ErrorCode::UnknownPeriod, Some(3), Some(3)),
            (ErrorCode::Negative, Some(4), Some(6)),
        ]
    );
    // Keywords are case-insensitive; ids are not ("a" is unknown, with a hint).
    one("s,PROJECT,A,Value,SET,3\n");
    let e = parse("s,project,a,value,set,3\n").unwrap_err();
    assert!(
        e.0[0].message.contains("did you mean \"A\""),
        "{}",
        e.0[0].message
    );
}

#[test]
fn semicolon_files_with_decimal_commas_and_extra_columns() {
    let text = "\u{feff}Scenario;Target;Key;Field;Op;Value;Description\r\ncut;settings;budget;;scale;0,9;ten percent\r\n";
    let s = parse_scenarios("scenarios.csv", text, &base()).unwrap();
    assert!((s.variants[0].settings_budget().unwrap() - 90.0).abs() < 1e-9);
    assert!(s.warnings[0]
        .to_string()
        .contains("unknown column \"description\""));
    let e = parse_scenarios("scenarios.csv", "scenario,target,key,op\n", &base()).unwrap_err();
    assert_eq!(e.0[0].code, ErrorCode::MissingColumn);
}

#[test]
fn makespan_portfolios_cannot_force_out() {
    let mut b = base();
    b.settings.objective = crate::model::Objective::Makespan;
    let e = parse_scenarios(
        "scenarios.csv",
        "scenario,target,key,field,op,value\ns,project,A,,force,out\n",
        &b,
    )
    .unwrap_err();
    assert_eq!(e.0[0].code, ErrorCode::OpNotAllowed);
}
