//! One test per input-error class of the portfolio format (FORMAT.md): each writes a
//! small portfolio folder and checks the code, file, line and column of the error.

use pmo::io::plan_reader::read_plan;
use pmo::io::portfolio::{load_portfolio, Loaded};
use pmo::io::{ErrorCode, InputError};
use pmo::model::{BudgetScope, DepKind, Objective};
use tempfile::TempDir;

const SETTINGS: &str = "key,value\nhorizon_start,2027-01\nperiods,12\n";
const PROJECTS: &str = "id,name,value,duration\nA,Alpha,100,2\nB,Beta,50,3\nC,Gamma,30,1\n";

/// A portfolio folder with `files`; settings.csv and projects.csv are added (valid) unless
/// given (an empty text leaves the file out).
fn folder(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut all: Vec<(&str, &str)> = vec![("settings.csv", SETTINGS), ("projects.csv", PROJECTS)];
    for &(name, text) in files {
        all.retain(|(n, _)| *n != name);
        all.push((name, text));
    }
    for (name, text) in all.into_iter().filter(|(_, t)| !t.is_empty()) {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn load_ok(files: &[(&str, &str)]) -> Loaded {
    let dir = folder(files);
    match load_portfolio(dir.path()) {
        Ok(l) => l,
        Err(e) => panic!("expected a successful load, got {e}"),
    }
}

fn load_err(files: &[(&str, &str)]) -> Vec<InputError> {
    let dir = folder(files);
    match load_portfolio(dir.path()) {
        Ok(_) => panic!("expected the load to fail"),
        Err(e) => e.0,
    }
}

/// The single error of a load, checked against code, file, line and column.
fn only_error(
    files: &[(&str, &str)],
    code: ErrorCode,
    file: &str,
    line: Option<usize>,
    column: Option<usize>,
) -> InputError {
    let errors = load_err(files);
    assert_eq!(errors.len(), 1, "expected one error, got {errors:#?}");
    let e = errors.into_iter().next().unwrap();
    assert_eq!(
        (
            e.code,
            e.location.file.as_str(),
            e.location.line,
            e.location.column
        ),
        (code, file, line, column),
        "{e}"
    );
    e
}

#[test]
fn missing_settings_csv() {
    only_error(
        &[("settings.csv", "")],
        ErrorCode::MissingFile,
        "settings.csv",
        None,
        None,
    );
}

#[test]
fn missing_projects_csv() {
    only_error(
        &[("projects.csv", "")],
        ErrorCode::MissingFile,
        "projects.csv",
        None,
        None,
    );
}

#[test]
fn missing_column() {
    let e = only_error(
        &[("projects.csv", "id,value\nA,10\n")],
        ErrorCode::MissingColumn,
        "projects.csv",
        Some(1),
        None,
    );
    assert!(
        e.message.contains("\"duration\"") && e.message.contains("found id, value"),
        "{e}"
    );
}

#[test]
fn duplicate_id() {
    let projects = "id,value,duration\nA,1,1\nB,1,1\nA,2,1\n";
    let e = only_error(
        &[("projects.csv", projects)],
        ErrorCode::DuplicateId,
        "projects.csv",
        Some(4),
        Some(1),
    );
    assert!(e.message.contains("line 2"), "{e}");
}

#[test]
fn unknown_project_in_demand() {
    let demand = "project,skill,effort\nA,Dev,10\nZ,Dev,10\n";
    let capacity = "skill,capacity\nDev,5\n";
    only_error(
        &[("demand.csv", demand), ("capacity.csv", capacity)],
        ErrorCode::UnknownProject,
        "demand.csv",
        Some(3),
        Some(1),
    );
}

#[test]
fn unknown_project_in_dependencies_suggests_the_case() {
    let e = only_error(
        &[("dependencies.csv", "from,to\nA,b\n")],
        ErrorCode::UnknownProject,
        "dependencies.csv",
        Some(2),
        Some(2),
    );
    assert!(e.message.contains("did you mean \"B\""), "{e}");
}

#[test]
fn unknown_period() {
    let projects = "id,value,duration,earliest_start,deadline\nA,1,1,2028-05,\nB,1,1,,soon\n";
    let errors = load_err(&[("projects.csv", projects)]);
    let got: Vec<_> = errors
        .iter()
        .map(|e| (e.code, e.location.line, e.location.column))
        .collect();
    assert_eq!(
        got,
        vec![
            (ErrorCode::UnknownPeriod, Some(2), Some(4)),
            (ErrorCode::UnknownPeriod, Some(3), Some(5))
        ]
    );
    assert!(errors[0].message.contains("outside the horizon"));
    assert!(errors[0]
        .message
        .contains("a period from 2027-01 to 2027-12"));
    assert!(errors[1].message.contains("not a period"));
}

#[test]
fn negative_number() {
    let projects = "id,value,duration,cost\nA,1,1,-5\n";
    let e = only_error(
        &[("projects.csv", projects)],
        ErrorCode::Negative,
        "projects.csv",
        Some(2),
        Some(4),
    );
    assert_eq!(e.message, "cost: expected a number ≥ 0, found \"-5\"");
}

#[test]
fn non_numeric_number() {
    let projects = "id,value,duration\nA,lots,1\n";
    only_error(
        &[("projects.csv", projects)],
        ErrorCode::NotANumber,
        "projects.csv",
        Some(2),
        Some(2),
    );
}

#[test]
fn duration_below_one_and_not_an_integer() {
    let e = only_error(
        &[("projects.csv", "id,value,duration\nA,1,0\n")],
        ErrorCode::BadDuration,
        "projects.csv",
        Some(2),
        Some(3),
    );
    assert_eq!(e.message, "duration: expected an integer ≥ 1, found \"0\"");
    let e = only_error(
        &[("projects.csv", "id,value,duration\nA,1,abc\n")],
        ErrorCode::NotAnInteger,
        "projects.csv",
        Some(2),
        Some(3),
    );
    assert_eq!(
        e.message,
        "duration: expected an integer ≥ 1, found \"abc\""
    );
}

#[test]
fn start_after_deadline() {
    let projects = "id,value,duration,earliest_start,deadline\nA,1,1,2027-05,2027-02\n";
    only_error(
        &[("projects.csv", projects)],
        ErrorCode::StartAfterDeadline,
        "projects.csv",
        Some(2),
        Some(5),
    );
}

#[test]
fn window_too_short() {
    let projects = "id,value,duration,earliest_start,deadline\nA,1,4,2027-03,2027-05\n";
    let e = only_error(
        &[("projects.csv", projects)],
        ErrorCode::WindowTooShort,
        "projects.csv",
        Some(2),
        Some(3),
    );
    assert!(
        e.message.contains("at most 3 period(s)") && e.message.contains("found 4"),
        "{e}"
    );
    // A duration longer than the horizon cannot fit either.
    only_error(
        &[("projects.csv", "id,value,duration\nA,1,13\n")],
        ErrorCode::WindowTooShort,
        "projects.csv",
        Some(2),
        Some(3),
    );
}

#[test]
fn dependency_cycle_names_the_projects() {
    let deps = "from,to,type\nC,A,requires\nA,B\nB,C,precedes\nA,C,excludes\n";
    let e = only_error(
        &[("dependencies.csv", deps)],
        ErrorCode::DependencyCycle,
        "dependencies.csv",
        Some(2),
        Some(1),
    );
    assert!(e.message.contains("A → B → C → A"), "{e}");
}

#[test]
fn each_distinct_cycle_is_reported() {
    let deps = "from,to\nA,B\nB,A\nB,C\nC,B\n";
    let errors = load_err(&[("dependencies.csv", deps)]);
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(errors.iter().all(|e| e.code == ErrorCode::DependencyCycle));
}

#[test]
fn self_dependency() {
    only_error(
        &[("dependencies.csv", "from,to\nA,A\n")],
        ErrorCode::SelfDependency,
        "dependencies.csv",
        Some(2),
        Some(2),
    );
}

#[test]
fn offset_outside_duration() {
    let demand = "project,skill,effort,offset\nA,Dev,3,1\nA,Dev,3,3\n";
    let capacity = "skill,capacity\nDev,5\n";
    let e = only_error(
        &[("demand.csv", demand), ("capacity.csv", capacity)],
        ErrorCode::OffsetOutOfRange,
        "demand.csv",
        Some(3),
        Some(4),
    );
    assert!(e.message.contains("from 1 to 2"), "{e}");
}

#[test]
fn mixed_profile_is_reported_once_per_project() {
    let demand = "project,skill,effort,offset\nA,Dev,3,1\nA,QA,3,\nA,Ops,2,\n";
    let capacity = "skill,capacity\nDev,5\nQA,5\nOps,5\n";
    only_error(
        &[("demand.csv", demand), ("capacity.csv", capacity)],
        ErrorCode::MixedProfile,
        "demand.csv",
        Some(3),
        Some(4),
    );
}

#[test]
fn budget_min_above_max_and_empty_budget() {
    let budgets = "scope,key,max,min\ntotal,,100,200\n";
    only_error(
        &[("budgets.csv", budgets)],
        ErrorCode::MinAboveMax,
        "budgets.csv",
        Some(2),
        Some(4),
    );
    let budgets = "scope,key,max,min\nperiod,2027-02,,\n";
    only_error(
        &[("budgets.csv", budgets)],
        ErrorCode::EmptyBudget,
        "budgets.csv",
        Some(2),
        Some(3),
    );
}

#[test]
fn duplicate_capacity_row() {
    let capacity = "skill,capacity,period\nDev,5,\nDev,3,2027-02\nDev,4,\nDev,1,2\n";
    let errors = load_err(&[("capacity.csv", capacity)]);
    let got: Vec<_> = errors
        .iter()
        .map(|e| (e.code, e.location.line, e.location.column))
        .collect();
    assert_eq!(
        got,
        vec![
            (ErrorCode::DuplicateRow, Some(4), Some(1)),
            (ErrorCode::DuplicateRow, Some(5), Some(3))
        ]
    );
}

#[test]
fn bad_keywords() {
    only_error(
        &[("dependencies.csv", "from,to,type\nA,B,follows\n")],
        ErrorCode::BadKeyword,
        "dependencies.csv",
        Some(2),
        Some(3),
    );
    let settings = "key,value\nhorizon_start,2027-01\nperiods,12\nobjective,profit\n";
    let e = only_error(
        &[("settings.csv", settings)],
        ErrorCode::BadKeyword,
        "settings.csv",
        Some(4),
        Some(2),
    );
    assert_eq!(
        e.message,
        "objective: expected one of value, makespan, found \"profit\""
    );
    only_error(
        &[("budgets.csv", "scope,key,max\nyear,,5\n")],
        ErrorCode::BadKeyword,
        "budgets.csv",
        Some(2),
        Some(1),
    );
}

#[test]
fn keywords_are_case_insensitive() {
    let settings = "Key,VALUE\nHorizon_Start,2027-Q1\nPERIODS,4\nObjective,MakeSpan\n";
    let deps = "from,to,type\nA,B,Precedes\n";
    let projects = "id,value,duration,mandatory\nA,1,1,TRUE\nB,1,1,Non\n";
    let l = load_ok(&[
        ("settings.csv", settings),
        ("projects.csv", projects),
        ("dependencies.csv", deps),
        ("budgets.csv", "scope,key,max\nPeriod,2027-Q2,10\n"),
    ]);
    assert_eq!(l.portfolio.settings.objective, Objective::Makespan);
    assert!(l.portfolio.projects[0].mandatory && !l.portfolio.projects[1].mandatory);
    assert_eq!(l.portfolio.budgets[0].scope, BudgetScope::Periods(1, 1));
}

#[test]
fn bad_boolean() {
    let projects = "id,value,duration,mandatory\nA,1,1,maybe\n";
    only_error(
        &[("projects.csv", projects)],
        ErrorCode::BadBoolean,
        "projects.csv",
        Some(2),
        Some(4),
    );
}

#[test]
fn settings_errors() {
    let settings = "key,value\nhorizon_start,January\nperiods,12\nperiods,10\n";
    let errors = load_err(&[("settings.csv", settings)]);
    let got: Vec<_> = errors
        .iter()
        .map(|e| (e.code, e.location.line, e.location.column))
        .collect();
    assert_eq!(
        got,
        vec![
            (ErrorCode::BadHorizon, Some(2), Some(2)),
            (ErrorCode::DuplicateRow, Some(4), Some(1))
        ]
    );
    let e = only_error(
        &[("settings.csv", "key,value\nhorizon_start,2027-01\n")],
        ErrorCode::BadHorizon,
        "settings.csv",
        None,
        None,
    );
    assert!(e.message.contains("periods"), "{e}");
}

#[test]
fn errors_in_several_files_are_reported_together() {
    // horizon_start is bad: period checks are skipped, everything else is still checked.
    let settings = "key,value\nhorizon_start,someday\nperiods,12\n";
    let projects = "id,value,duration,deadline\nA,x,2,2027-13\nB,1,0,\n";
    let demand = "project,skill,effort\nA,Dev,-1\nZ,Dev,1\n";
    let deps = "from,to\nA,B\nB,A\n";
    let errors = load_err(&[
        ("settings.csv", settings),
        ("projects.csv", projects),
        ("demand.csv", demand),
        ("dependencies.csv", deps),
    ]);
    let got: Vec<_> = errors
        .iter()
        .map(|e| {
            (
                e.location.file.as_str(),
                e.location.line,
                e.location.column,
                e.code,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("demand.csv", Some(2), Some(3), ErrorCode::Negative),
            ("demand.csv", Some(3), Some(1), ErrorCode::UnknownProject),
            (
                "dependencies.csv",
                Some(2),
                Some(1),
                ErrorCode::DependencyCycle
            ),
            ("projects.csv", Some(2), Some(2), ErrorCode::NotANumber),
            ("projects.csv", Some(3), Some(3), ErrorCode::BadDuration),
            ("settings.csv", Some(2), Some(2), ErrorCode::BadHorizon),
        ]
    );
}

#[test]
fn semicolons_decimal_commas_crlf_and_bom() {
    let projects = "\u{feff}id;name;value;cost;duration\r\nA;\"Alpha; the first\";1234,5;0,5;2\r\n;;;;\r\n\r\nB;Beta;10;2;1\r\n";
    let l = load_ok(&[("projects.csv", projects)]);
    let p = &l.portfolio.projects;
    assert_eq!(p.len(), 2);
    assert_eq!(
        (p[0].name.as_str(), p[0].value, p[0].cost),
        ("Alpha; the first", 1234.5, 0.5)
    );
    assert_eq!((p[1].id.as_str(), p[1].value), ("B", 10.0));
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
}

#[test]
fn decimal_comma_only_with_semicolons() {
    let projects = "id,value,duration\nA,\"1,5\",1\n";
    only_error(
        &[("projects.csv", projects)],
        ErrorCode::NotANumber,
        "projects.csv",
        Some(2),
        Some(2),
    );
}

#[test]
fn unknown_columns_and_settings_are_warnings() {
    let projects = "id,value,duration,owner\nA,1,1,Kim\n";
    let settings = "key,value\nhorizon_start,2027-01\nperiods,12\ncolour,blue\n";
    let l = load_ok(&[("projects.csv", projects), ("settings.csv", settings)]);
    let places: Vec<_> = l
        .warnings
        .iter()
        .map(|w| (w.location.file.as_str(), w.location.line, w.location.column))
        .collect();
    assert_eq!(
        places,
        vec![
            ("settings.csv", Some(4), Some(1)),
            ("projects.csv", Some(1), Some(4))
        ]
    );
}

#[test]
fn flat_and_profiled_demand() {
    let demand = "project,skill,effort,offset\nB,Dev,9,\nA,Dev,4,2\nA,QA,1,1\nA,Dev,2,2\n";
    let capacity = "skill,capacity\nQA,3\nDev,5\n";
    let l = load_ok(&[("demand.csv", demand), ("capacity.csv", capacity)]);
    let pf = &l.portfolio;
    assert_eq!(pf.skills, vec!["QA", "Dev"]);
    let d: Vec<_> = pf
        .demands
        .iter()
        .map(|d| (d.project, d.skill, d.profile.clone()))
        .collect();
    assert_eq!(
        d,
        vec![
            (1, 1, vec![3.0, 3.0, 3.0]),
            (0, 1, vec![0.0, 6.0]),
            (0, 0, vec![1.0, 0.0])
        ]
    );
    // The repeated (A, Dev, 2) row adds up, with a warning.
    assert_eq!(l.warnings.len(), 1);
    assert_eq!(l.warnings[0].location.line, Some(5));
}

#[test]
fn demand_skill_without_capacity_is_a_warning() {
    let demand = "project,skill,effort\nA,dev,4\nB,dev,1\n";
    let l = load_ok(&[
        ("demand.csv", demand),
        ("capacity.csv", "skill,capacity\nDev,5\n"),
    ]);
    assert_eq!(l.portfolio.skills, vec!["Dev", "dev"]);
    assert_eq!(l.portfolio.capacity[1], vec![0.0; 12]);
    assert_eq!(l.warnings.len(), 1);
    assert!(
        l.warnings[0].message.contains("did you mean \"Dev\""),
        "{}",
        l.warnings[0]
    );
}

#[test]
fn capacity_override() {
    let capacity = "skill,capacity,period\nDev,5,\nDev,2,2027-03\nQA,1,4\n";
    let l = load_ok(&[("capacity.csv", capacity)]);
    let c = &l.portfolio.capacity;
    assert_eq!(c[0][..4], [5.0, 5.0, 2.0, 5.0]);
    assert_eq!(c[1][..5], [0.0, 0.0, 0.0, 1.0, 0.0]);
}

#[test]
fn people_union_of_skills() {
    let people =
        "person,skills,availability,period\nKim,Dev|QA,10,\nKim, Ops | Dev ,4,2027-02\nLee,QA,8,\n";
    let l = load_ok(&[
        ("people.csv", people),
        ("capacity.csv", "skill,capacity\nOps,1\n"),
    ]);
    let pf = &l.portfolio;
    assert_eq!(pf.skills, vec!["Ops", "Dev", "QA"]);
    assert_eq!(pf.people.len(), 2);
    assert_eq!(pf.people[0].skills, vec![0, 1, 2]);
    assert_eq!(pf.people[0].availability[..3], [10.0, 4.0, 10.0]);
    assert_eq!(pf.people[1].skills, vec![2]);
    let dup = "person,skills,availability\nKim,Dev,10\nKim,QA,5\n";
    only_error(
        &[("people.csv", dup)],
        ErrorCode::DuplicateRow,
        "people.csv",
        Some(3),
        Some(1),
    );
}

#[test]
fn criteria_give_the_value() {
    let projects = "id,value,duration,Risk,fit\nA,,1,2,\nB,7,1,1,1\nC,,1,0,-1\n";
    let criteria = "criterion,weight\nrisk,1.5\nFit,2\n";
    let errors = load_err(&[("projects.csv", projects), ("criteria.csv", criteria)]);
    assert_eq!(errors.len(), 1);
    assert_eq!(
        (
            errors[0].code,
            errors[0].location.line,
            errors[0].location.column
        ),
        (ErrorCode::NegativeCriteriaValue, Some(4), Some(2))
    );
    let projects = "id,duration,risk,fit\nA,1,2,\nB,1,1,1\n";
    let l = load_ok(&[("projects.csv", projects), ("criteria.csv", criteria)]);
    let values: Vec<f64> = l.portfolio.projects.iter().map(|p| p.value).collect();
    assert_eq!(values, vec![3.0, 3.5]);
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
}

#[test]
fn criteria_errors() {
    let criteria = "criterion,weight\ncost,1\nsize,1\n";
    let errors = load_err(&[("criteria.csv", criteria)]);
    let got: Vec<_> = errors
        .iter()
        .map(|e| (e.code, e.location.line, e.location.column))
        .collect();
    assert_eq!(
        got,
        vec![
            (ErrorCode::CriterionNameConflict, Some(2), Some(1)),
            (ErrorCode::UnknownCriterion, Some(3), Some(1))
        ]
    );
}

#[test]
fn dependencies_and_budgets_load() {
    let settings = "key,value\nhorizon_start,2027-01\nperiods,12\nbudget,1000\n";
    let projects = "id,value,duration,category\nA,1,1,IT\nB,1,1,\n";
    let deps = "from,to,type,lag\nA,B,,-1\nB,A,excludes,2\n";
    let budgets =
        "scope,key,max,min\nperiod,2027-01..2027-03,50,\ncategory,IT,,10\ncategory,HR,5,\n";
    let l = load_ok(&[
        ("settings.csv", settings),
        ("projects.csv", projects),
        ("dependencies.csv", deps),
        ("budgets.csv", budgets),
    ]);
    let pf = &l.portfolio;
    assert_eq!(pf.dependencies[0].kind, DepKind::Precedes { lag: -1 });
    assert_eq!(pf.dependencies[1].kind, DepKind::Excludes);
    let scopes: Vec<_> = pf
        .budgets
        .iter()
        .map(|b| (b.scope.clone(), b.min, b.max, b.source.as_str()))
        .collect();
    assert_eq!(
        scopes,
        vec![
            (
                BudgetScope::Total,
                None,
                Some(1000.0),
                "settings.csv budget"
            ),
            (
                BudgetScope::Periods(0, 2),
                None,
                Some(50.0),
                "budgets.csv line 2"
            ),
            (
                BudgetScope::Category("IT".into()),
                Some(10.0),
                None,
                "budgets.csv line 3"
            ),
            (
                BudgetScope::Category("HR".into()),
                None,
                Some(5.0),
                "budgets.csv line 4"
            ),
        ]
    );
    // The lag on an excludes row and the category no project has are warnings.
    let lines: Vec<_> = l
        .warnings
        .iter()
        .map(|w| (w.location.file.as_str(), w.location.line))
        .collect();
    assert_eq!(
        lines,
        vec![("dependencies.csv", Some(3)), ("budgets.csv", Some(4))]
    );
    let reversed = "scope,key,max\nperiod,2027-03..2027-01,5\n";
    only_error(
        &[("budgets.csv", reversed)],
        ErrorCode::UnknownPeriod,
        "budgets.csv",
        Some(2),
        Some(2),
    );
}

#[test]
fn not_utf8_is_unreadable() {
    let dir = folder(&[]);
    std::fs::write(
        dir.path().join("projects.csv"),
        b"id,value,duration\nA\xe9,1,1\n",
    )
    .unwrap();
    let errors = load_portfolio(dir.path()).unwrap_err().0;
    assert_eq!(
        (errors[0].code, errors[0].location.line),
        (ErrorCode::UnreadableFile, Some(2))
    );
}

#[test]
fn portfolio_name_is_the_folder_name() {
    let dir = folder(&[]);
    let sub = dir.path().join("acme-2027");
    std::fs::create_dir(&sub).unwrap();
    for f in ["settings.csv", "projects.csv"] {
        std::fs::copy(dir.path().join(f), sub.join(f)).unwrap();
    }
    assert_eq!(load_portfolio(&sub).unwrap().portfolio.name, "acme-2027");
}

// ---------------------------------------------------------------------------------------
// plan.csv

fn plan_errors(
    dir: &TempDir,
    plan: &str,
) -> Result<pmo::io::plan_reader::LoadedPlan, Vec<InputError>> {
    let portfolio = load_portfolio(dir.path()).unwrap().portfolio;
    let path = dir.path().join("plan.csv");
    std::fs::write(&path, plan).unwrap();
    read_plan(&path, &portfolio).map_err(|e| e.0)
}

#[test]
fn plan_with_labels_indexes_and_missing_rows() {
    let dir = folder(&[]);
    let plan = "project,selected,start,finish,reason\nA,true,2027-02,2027-03,\nB,yes,5,\n";
    let read = plan_errors(&dir, plan).unwrap();
    assert_eq!(read.plan.start, vec![Some(1), Some(4), None]);
    assert_eq!(read.stated_finish, vec![Some(2), None, None]);
    assert_eq!(read.missing, vec![2]);
    assert!(read.warnings.is_empty());
}

#[test]
fn plan_with_id_header_semicolons_and_no_selected_column() {
    let dir = folder(&[]);
    let plan = "\u{feff}ID;Start\r\nA;2027-01\r\nB;\r\nC;2027-12\r\n";
    let read = plan_errors(&dir, plan).unwrap();
    assert_eq!(read.plan.start, vec![Some(0), None, Some(11)]);
    assert!(read.missing.is_empty());
}

#[test]
fn plan_not_selected_with_a_start_is_a_warning() {
    let dir = folder(&[]);
    let read = plan_errors(
        &dir,
        "project,selected,start\nA,false,2027-02\nB,false,\nC,false,\n",
    )
    .unwrap();
    assert_eq!(read.plan.start, vec![None, None, None]);
    assert_eq!(read.warnings.len(), 1);
}

#[test]
fn plan_input_errors() {
    let dir = folder(&[]);
    let plan =
        "project,selected,start\nA,true,2027-02\nZ,true,1\nA,false,\nB,true,\nC,perhaps,2027-13\n";
    let errors = plan_errors(&dir, plan).unwrap_err();
    let got: Vec<_> = errors
        .iter()
        .map(|e| {
            (
                e.location.file.as_str(),
                e.location.line,
                e.location.column,
                e.code,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("plan.csv", Some(3), Some(1), ErrorCode::UnknownProject),
            ("plan.csv", Some(4), Some(1), ErrorCode::DuplicateRow),
            ("plan.csv", Some(5), Some(3), ErrorCode::MissingValue),
            ("plan.csv", Some(6), Some(2), ErrorCode::BadBoolean),
            ("plan.csv", Some(6), Some(3), ErrorCode::UnknownPeriod),
        ]
    );
}

#[test]
fn crlf_and_blank_lines_keep_physical_line_numbers() {
    let projects = "id;value;duration\r\n\r\nA;1;1\r\n\r\n\r\nB;-1;1\r\n";
    only_error(
        &[("projects.csv", projects)],
        ErrorCode::Negative,
        "projects.csv",
        Some(6),
        Some(2),
    );
    let projects = "\n\nid,value,duration\nA,1,1\n\n\"B\nb\",1,x\n";
    only_error(
        &[("projects.csv", projects)],
        ErrorCode::NotAnInteger,
        "projects.csv",
        Some(6),
        Some(3),
    );
}

#[test]
fn a_broken_projects_csv_does_not_cascade() {
    let demand = "project,skill,effort\nA,Dev,1\nB,Dev,1\n";
    let deps = "from,to\nA,B\n";
    let projects = "name,value,duration\nAlpha,1,1\n";
    let e = only_error(
        &[
            ("projects.csv", projects),
            ("demand.csv", demand),
            ("dependencies.csv", deps),
        ],
        ErrorCode::MissingColumn,
        "projects.csv",
        Some(1),
        None,
    );
    assert!(e.message.contains("\"id\""), "{e}");
    // A project with a bad cell is still known to the other files.
    let projects = "id,value,duration\nA,1,x\nB,1,1\n";
    only_error(
        &[("projects.csv", projects), ("dependencies.csv", deps)],
        ErrorCode::NotAnInteger,
        "projects.csv",
        Some(2),
        Some(3),
    );
}

#[test]
fn extra_cells_are_a_warning() {
    let criteria = "criterion,weight\nrisk,1,5\n";
    let projects = "id,value,duration,risk\nA,1,1,2\n";
    let l = load_ok(&[("criteria.csv", criteria), ("projects.csv", projects)]);
    assert_eq!(l.warnings.len(), 1);
    let w = &l.warnings[0].location;
    assert_eq!(
        (w.file.as_str(), w.line, w.column),
        ("criteria.csv", Some(2), Some(3))
    );
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    const TOKENS: [&str; 22] = [
        "",
        "A",
        "B",
        "C",
        "Dev",
        "dev",
        "0",
        "1",
        "3",
        "-1",
        "2,5",
        "1e400",
        "abc",
        "2027-01",
        "2027-13",
        "2027-03..2027-01",
        "1..3",
        "99999999999999999999",
        "-9223372036854775808",
        "true",
        "requires",
        "\"",
    ];

    /// A file: one of the real headers (a few columns), then rows of tricky tokens.
    fn file(columns: &'static [&'static str]) -> impl Strategy<Value = String> {
        let row = proptest::collection::vec(proptest::sample::select(&TOKENS[..]), 0..6);
        (
            proptest::sample::subsequence(columns, 0..=columns.len()),
            proptest::collection::vec(row, 0..5),
            proptest::bool::ANY,
        )
            .prop_map(|(header, rows, semicolon)| {
                let d = if semicolon { ";" } else { "," };
                let mut text = header.join(d);
                for r in rows {
                    text.push_str("\r\n");
                    text.push_str(&r.join(d));
                }
                text
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn on_any_input(
            settings in file(&["key", "value"]),
            periods in proptest::sample::select(&["0", "3", "x", "20000", ""][..]),
            projects in file(&["id", "value", "duration", "earliest_start", "deadline", "category", "risk"]),
            demand in file(&["project", "skill", "effort", "offset"]),
            capacity in file(&["skill", "capacity", "period"]),
            people in file(&["person", "skills", "availability", "period"]),
            deps in file(&["from", "to", "type", "lag"]),
            budgets in file(&["scope", "key", "max", "min"]),
            criteria in file(&["criterion", "weight"]),
            plan in file(&["project", "id", "selected", "start", "finish"]),
        ) {
            let settings = format!("key,value\nhorizon_start,2027-01\nperiods,{periods}\n{settings}");
            let projects = format!("id,value,duration\nA,1,1\nB,2,2\nC,3,3\n{projects}");
            let dir = folder(&[
                ("settings.csv", &settings), ("projects.csv", &projects), ("demand.csv", &demand),
                ("capacity.csv", &capacity), ("people.csv", &people), ("dependencies.csv", &deps),
                ("budgets.csv", &budgets), ("criteria.csv", &criteria),
            ]);
            let _ = load_portfolio(dir.path());
            let clean = folder(&[]);
            let _ = plan_errors(&clean, &plan);
        }
    }
}
