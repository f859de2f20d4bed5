//! Workbooks in and out: the workbook loader (typed cells, dates in period columns,
//! formulas, error cells, every input error with its sheet and cell), the same plan from
//! a folder and from its workbook (pmo's own and LibreOffice's), `pmo convert` round
//! trips, and plan.xlsx read back against the CSV outputs.

mod common;

use calamine::{open_workbook_auto, Data, Reader};
use pmo::io::portfolio::{load_portfolio, Loaded};
use pmo::io::workbook::{column_letters, load_workbook};
use pmo::io::writers::fmt_num;
use pmo::io::ErrorCode;
use pmo::model::Portfolio;
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
use std::path::{Path, PathBuf};

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/demo")
}

fn libreoffice_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/libreoffice")
}

/// The same portfolio, whatever its name.
fn same_model(a: &Portfolio, b: &Portfolio) -> bool {
    let b = Portfolio {
        name: a.name.clone(),
        ..b.clone()
    };
    *a == b
}

/// A cell of a CSV text as a spreadsheet user would type it: a number, a boolean
/// (`true`/`false`) or text.
enum Typed {
    Num(f64),
    Bool(bool),
    Text(String),
}

fn typed(text: &str) -> Typed {
    match text {
        "true" => Typed::Bool(true),
        "false" => Typed::Bool(false),
        _ => match text.parse::<f64>() {
            Ok(x) if x.is_finite() => Typed::Num(x),
            _ => Typed::Text(text.to_string()),
        },
    }
}

/// Writes a workbook with one sheet per (name, CSV text), row N of the sheet holding
/// line N of the text, cells typed as a user would type them.
fn write_book(path: &Path, sheets: &[(&str, &str)]) {
    let mut book = Workbook::new();
    for (name, text) in sheets {
        let ws = book.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, line) in text.lines().enumerate() {
            let mut rd = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(line.as_bytes());
            let Some(Ok(rec)) = rd.records().next() else {
                continue;
            };
            for (c, cell) in rec.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match typed(cell) {
                    Typed::Num(x) => {
                        ws.write_number(r, c, x).unwrap();
                    }
                    Typed::Bool(b) => {
                        ws.write_boolean(r, c, b).unwrap();
                    }
                    Typed::Text(t) if t.is_empty() => {}
                    Typed::Text(t) => {
                        ws.write_string(r, c, t).unwrap();
                    }
                }
            }
        }
    }
    book.save(path).unwrap();
}

const SETTINGS: &str = "key,value\nhorizon_start,2027-01\nperiods,6\nbudget,1000\n";
const PROJECTS: &str = "id,name,value,cost,duration,mandatory,earliest_start,deadline,category,fit
A,Alpha,100,300,2,true,,2027-04,X,1
B,Beta,,200,3,false,2027-02,,Y,2
C,Gamma,50,100,1,no,,,X,
";
const CRITERIA: &str = "criterion,weight\nfit,10\n";
const DEMAND: &str = "project,skill,effort\nA,Dev,20\nB,Dev,30\nC,QA,5\n";
const CAPACITY: &str = "skill,capacity,period\nDev,40,\nDev,10,2027-03\n";
const PEOPLE: &str = "person,skills,availability\nKim,Dev|QA,10\n";
const DEPENDENCIES: &str = "from,to,type,lag\nA,B,precedes,0\n";
const BUDGETS: &str = "scope,key,max,min\nperiod,2027-01..2027-03,600,\ncategory,X,500,\n";

/// The base portfolio's sheets, with `changes` replacing (or, with an empty text,
/// removing) some of them.
fn sheets<'a>(changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let base = [
        ("settings", SETTINGS),
        ("projects", PROJECTS),
        ("criteria", CRITERIA),
        ("demand", DEMAND),
        ("capacity", CAPACITY),
        ("people", PEOPLE),
        ("dependencies", DEPENDENCIES),
        ("budgets", BUDGETS),
    ];
    let mut out: Vec<(&str, &str)> = Vec::new();
    for (name, text) in base {
        match changes.iter().find(|(n, _)| *n == name) {
            Some((_, "")) => {}
            Some((_, t)) => out.push((name, *t)),
            None => out.push((name, text)),
        }
    }
    for (name, text) in changes {
        if !base.iter().any(|(n, _)| n == name) {
            out.push((name, *text));
        }
    }
    out
}

/// The portfolio as a folder and as a workbook (`w.xlsx`), both loaded.
fn both(
    changes: &[(&str, &str)],
) -> (
    tempfile::TempDir,
    Result<Loaded, pmo::io::LoadErrors>,
    Result<Loaded, pmo::io::LoadErrors>,
) {
    let s = sheets(changes);
    let files: Vec<(String, &str)> = s.iter().map(|(n, t)| (format!("{n}.csv"), *t)).collect();
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), *t)).collect();
    let dir = common::folder(&refs);
    let book = dir.path().join("w.xlsx");
    write_book(&book, &s);
    let folder = load_portfolio(dir.path());
    let workbook = load_workbook(&book);
    (dir, folder, workbook)
}

/// Where the workbook names a folder error's place.
fn workbook_place(e: &pmo::io::InputError) -> String {
    let l = &e.location;
    let sheet = l.file.trim_end_matches(".csv");
    match (l.line, l.column) {
        (Some(r), Some(c)) => format!("w.xlsx: {sheet}!{}{r}", column_letters(c)),
        (Some(r), None) => format!("w.xlsx: {sheet}!{r}:{r}"),
        _ => format!("w.xlsx: {sheet}"),
    }
}

#[test]
fn the_base_portfolio_loads_the_same_from_both() {
    let (_dir, folder, workbook) = both(&[]);
    let (folder, workbook) = (folder.unwrap(), workbook.unwrap());
    assert!(same_model(&folder.portfolio, &workbook.portfolio));
    assert_eq!(workbook.portfolio.name, "w");
    assert_eq!(folder.warnings.len(), workbook.warnings.len());
    // The budget's source names the file and line, as for the folder (plans are identical).
    assert_eq!(workbook.portfolio.budgets[1].source, "budgets.csv line 2");
}

/// Every input error class: the same errors, with the same codes, at the sheet and
/// cell of the folder's file, line and column.
#[test]
fn every_input_error_names_its_sheet_and_cell() {
    type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, ErrorCode);
    let cases: Vec<Case> = vec![
        (
            "missing column",
            vec![("projects", "id,name,value\nA,Alpha,1\n")],
            ErrorCode::MissingColumn,
        ),
        (
            "repeated column",
            vec![("projects", "id,ID,value,duration\nA,A,1,1\n")],
            ErrorCode::MalformedCsv,
        ),
        (
            "empty sheet",
            vec![("demand", "\n")],
            ErrorCode::MalformedCsv,
        ),
        (
            "empty required cell",
            vec![("projects", "id,value,duration\nA,1,\n")],
            ErrorCode::MissingValue,
        ),
        (
            "not a number",
            vec![("projects", "id,value,duration\nA,lots,1\n")],
            ErrorCode::NotANumber,
        ),
        (
            "negative",
            vec![("projects", "id,value,cost,duration\nA,1,-5,1\n")],
            ErrorCode::Negative,
        ),
        (
            "not an integer",
            vec![("projects", "id,value,duration\nA,1,2.5\n")],
            ErrorCode::NotAnInteger,
        ),
        (
            "not a boolean",
            vec![("projects", "id,value,duration,mandatory\nA,1,1,maybe\n")],
            ErrorCode::BadBoolean,
        ),
        (
            "duration below 1",
            vec![("projects", "id,value,duration\nA,1,0\n")],
            ErrorCode::BadDuration,
        ),
        (
            "unknown keyword",
            vec![(
                "settings",
                "key,value\nhorizon_start,2027-01\nperiods,6\nobjective,profit\n",
            )],
            ErrorCode::BadKeyword,
        ),
        (
            "duplicate id",
            vec![("projects", "id,value,duration\nA,1,1\nA,2,1\n")],
            ErrorCode::DuplicateId,
        ),
        (
            "duplicate row",
            vec![(
                "settings",
                "key,value\nhorizon_start,2027-01\nperiods,6\nperiods,7\n",
            )],
            ErrorCode::DuplicateRow,
        ),
        (
            "unknown project",
            vec![("dependencies", "from,to\nA,Z\n")],
            ErrorCode::UnknownProject,
        ),
        (
            "period outside the horizon",
            vec![(
                "projects",
                "id,value,duration,earliest_start\nA,1,1,2028-05\n",
            )],
            ErrorCode::UnknownPeriod,
        ),
        (
            "unknown criterion",
            vec![("criteria", "criterion,weight\nsize,1\n")],
            ErrorCode::UnknownCriterion,
        ),
        (
            "deadline before earliest start",
            vec![(
                "projects",
                "id,value,duration,earliest_start,deadline\nA,1,1,2027-05,2027-02\n",
            )],
            ErrorCode::StartAfterDeadline,
        ),
        (
            "window too short",
            vec![("projects", "id,value,duration,deadline\nA,1,4,2027-03\n")],
            ErrorCode::WindowTooShort,
        ),
        (
            "self dependency",
            vec![("dependencies", "from,to\nA,A\n")],
            ErrorCode::SelfDependency,
        ),
        (
            "cycle",
            vec![("dependencies", "from,to\nA,B\nB,A\n")],
            ErrorCode::DependencyCycle,
        ),
        (
            "offset out of range",
            vec![("demand", "project,skill,effort,offset\nA,Dev,5,3\n")],
            ErrorCode::OffsetOutOfRange,
        ),
        (
            "mixed profile",
            vec![(
                "demand",
                "project,skill,effort,offset\nA,Dev,5,1\nA,QA,5,\n",
            )],
            ErrorCode::MixedProfile,
        ),
        (
            "min above max",
            vec![("budgets", "scope,key,max,min\ntotal,,100,200\n")],
            ErrorCode::MinAboveMax,
        ),
        (
            "empty budget",
            vec![("budgets", "scope,key,max,min\ntotal,,,\n")],
            ErrorCode::EmptyBudget,
        ),
        (
            "negative criteria value",
            vec![("criteria", "criterion,weight\nfit,-10\n")],
            ErrorCode::NegativeCriteriaValue,
        ),
        (
            "criterion named like a column",
            vec![("criteria", "criterion,weight\ncost,1\n")],
            ErrorCode::CriterionNameConflict,
        ),
        (
            "bad horizon",
            vec![("settings", "key,value\nhorizon_start,January\nperiods,6\n")],
            ErrorCode::BadHorizon,
        ),
    ];
    for (what, changes, code) in cases {
        let (_dir, folder, workbook) = both(&changes);
        let folder = folder.expect_err(what).0;
        let workbook = workbook.expect_err(what).0;
        assert!(
            workbook.iter().any(|e| e.code == code),
            "{what}: no {code} in {workbook:?}"
        );
        let expected: Vec<(ErrorCode, String)> =
            folder.iter().map(|e| (e.code, workbook_place(e))).collect();
        let found: Vec<(ErrorCode, String)> = workbook
            .iter()
            .map(|e| (e.code, e.location.to_string()))
            .collect();
        assert_eq!(found, expected, "{what}");
        for e in &workbook {
            assert!(!e.message.contains(".csv"), "{what}: {}", e.message);
        }
    }
}

#[test]
fn messages_read_as_sheets_and_rows() {
    let (_dir, _, workbook) = both(&[
        ("projects", "id,value,duration\nA,1,abc\nA,2,1\n"),
        ("criteria", ""),
        ("demand", ""),
        ("dependencies", ""),
    ]);
    let errors: Vec<String> = workbook
        .unwrap_err()
        .0
        .iter()
        .map(|e| e.to_string())
        .collect();
    assert_eq!(
        errors,
        vec![
            "w.xlsx: projects!C2: error[E013]: duration: expected an integer ≥ 1, found \"abc\"",
            "w.xlsx: projects!A3: error[E020]: id: \"A\" is already the id of row 2: expected unique ids",
        ]
    );
}

#[test]
fn missing_sheets_duplicate_sheets_and_extra_sheets() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("p.xlsx");
    write_book(
        &book,
        &[
            ("Projects", "id,value,duration\nA,1,1\n"),
            ("projects.csv", "id,value,duration\nA,1,1\n"),
            ("Notes", "anything\n"),
        ],
    );
    let errors: Vec<String> = load_workbook(&book)
        .unwrap_err()
        .0
        .iter()
        .map(|e| e.to_string())
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[1].starts_with(
        "p.xlsx: error[E004]: sheets \"Projects\" and \"projects.csv\" both stand for projects.csv"
    ));
    assert!(errors[0].starts_with("p.xlsx: error[E001]: required sheet settings not found"));
    assert!(
        errors[0].contains("Projects, projects.csv, Notes"),
        "{errors:?}"
    );
    // An extra sheet is a warning, and sheet names are case-insensitive.
    write_book(
        &book,
        &[
            ("Settings", SETTINGS),
            ("PROJECTS", "id,value,duration\nA,1,1\n"),
            ("Notes", "anything\n"),
        ],
    );
    let loaded = load_workbook(&book).unwrap();
    let warnings: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("p.xlsx: warning: sheet \"Notes\" ignored")),
        "{warnings:?}"
    );
    // A missing workbook, and a file that is not one.
    let e = load_workbook(&dir.path().join("none.xlsx")).unwrap_err().0;
    assert_eq!(e[0].code, ErrorCode::MissingFile);
    std::fs::write(dir.path().join("bad.xlsx"), "not a zip").unwrap();
    let e = load_workbook(&dir.path().join("bad.xlsx")).unwrap_err().0;
    assert_eq!(e[0].code, ErrorCode::UnreadableFile);
    assert!(e[0]
        .to_string()
        .starts_with("bad.xlsx: error[E002]: cannot read the workbook"));
}

/// A workbook typed as a spreadsheet user types it: `horizon_start` a date (January
/// 2027), dates in period columns, booleans, formulas with cached values, a column
/// starting at B, and a sheet named `projects.csv`.
fn typed_workbook(path: &Path, quarterly: bool) {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let d = |y, m, dd| ExcelDateTime::from_ymd(y, m, dd).unwrap();
    let ws = book.add_worksheet();
    ws.set_name("Settings").unwrap();
    ws.write_string(0, 0, "key").unwrap();
    ws.write_string(0, 1, "value").unwrap();
    ws.write_string(1, 0, "horizon_start").unwrap();
    if quarterly {
        ws.write_string(1, 1, "2027-Q1").unwrap();
    } else {
        ws.write_datetime_with_format(1, 1, d(2027, 1, 1), &date)
            .unwrap();
    }
    ws.write_string(2, 0, "periods").unwrap();
    ws.write_number(2, 1, 6).unwrap();
    ws.write_string(3, 0, "budget").unwrap();
    ws.write_formula(3, 1, Formula::new("=600+400").set_result("1000"))
        .unwrap();
    let ws = book.add_worksheet();
    ws.set_name("projects.csv").unwrap();
    let header = [
        "id",
        "value",
        "cost",
        "duration",
        "mandatory",
        "earliest_start",
        "deadline",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(1, c as u16 + 1, *h).unwrap();
    }
    // A: earliest start a date in March (2027-03 or 2027-Q1), deadline as text.
    ws.write_string(2, 1, "A").unwrap();
    ws.write_number(2, 2, 100).unwrap();
    ws.write_formula(2, 3, Formula::new("=70*3").set_result("210"))
        .unwrap();
    ws.write_number(2, 4, 2).unwrap();
    ws.write_boolean(2, 5, true).unwrap();
    ws.write_datetime_with_format(2, 6, d(2027, 3, 15), &date)
        .unwrap();
    ws.write_string(2, 7, if quarterly { "2028-Q2" } else { "2027-06" })
        .unwrap();
    ws.write_string(3, 1, "B").unwrap();
    ws.write_formula(3, 2, Formula::new("=B3/2").set_result("0.5"))
        .unwrap();
    ws.write_number(3, 4, 1).unwrap();
    ws.write_boolean(3, 5, false).unwrap();
    ws.write_datetime_with_format(3, 7, d(2027, 5, 31), &date)
        .unwrap();
    book.save(path).unwrap();
}

#[test]
fn typed_cells_dates_and_formulas_load_like_text() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("typed.xlsx");
    typed_workbook(&book, false);
    let folder = typed_folder();
    let from_book = load_workbook(&book).unwrap_or_else(|e| panic!("{e}"));
    let from_folder = load_portfolio(folder.path()).unwrap();
    assert!(same_model(&from_book.portfolio, &from_folder.portfolio));
    let a = &from_book.portfolio.projects[0];
    assert_eq!(
        (a.cost, a.mandatory, a.earliest_start, a.deadline),
        (210.0, true, 2, 5)
    );
    assert_eq!(from_book.portfolio.projects[1].value, 0.5);
}

/// What `typed.fods` (and `typed_workbook`) hold, as a folder.
fn typed_folder() -> tempfile::TempDir {
    common::folder(&[
        ("settings.csv", "key,value\nhorizon_start,2027-01\nperiods,6\nbudget,1000\n"),
        (
            "projects.csv",
            "id,value,cost,duration,mandatory,earliest_start,deadline\nA,100,210,2,true,2027-03,2027-06\nB,0.5,,1,false,,2027-05\n",
        ),
    ])
}

/// Formulas computed and cached by LibreOffice, its dates and booleans, and its formula
/// errors, in .xlsx and .ods.
#[test]
fn libreoffice_formulas_dates_and_errors() {
    let expected = load_portfolio(typed_folder().path()).unwrap().portfolio;
    for name in ["typed.xlsx", "typed.ods"] {
        let loaded =
            load_workbook(&libreoffice_data().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(same_model(&expected, &loaded.portfolio), "{name}");
        let warnings: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
        assert!(
            warnings
                .iter()
                .any(|w| w.starts_with(&format!("{name}: warning: sheet \"Errors\" ignored"))),
            "{warnings:?}"
        );
    }
    for name in ["errors.xlsx", "errors.ods"] {
        let errors: Vec<String> = load_workbook(&libreoffice_data().join(name))
            .unwrap_err()
            .0
            .iter()
            .map(|e| e.to_string())
            .collect();
        let tail = "(the cell holds an error, not a value)";
        assert_eq!(
            errors,
            vec![
                format!("{name}: Projects!C2: error[E011]: cost: expected a number ≥ 0, found the formula error #DIV/0! {tail}"),
                format!("{name}: Projects!D3: error[E013]: duration: expected an integer ≥ 1, found the formula error #REF! {tail}"),
            ],
            "{name}"
        );
    }
}

#[test]
fn dates_in_a_quarterly_horizon_mean_their_quarter() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("q.xlsx");
    typed_workbook(&book, true);
    let p = load_workbook(&book)
        .unwrap_or_else(|e| panic!("{e}"))
        .portfolio;
    // 2027-03-15 is in 2027-Q1 (period 0); 2027-05-31 in 2027-Q2 (period 1).
    assert_eq!(p.projects[0].earliest_start, 0);
    assert_eq!(p.projects[1].deadline, 1);
}

#[test]
fn a_date_in_a_numbered_horizon_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("n.xlsx");
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let ws = wb.add_worksheet();
    ws.set_name("settings").unwrap();
    for (r, (k, v)) in [("key", "value"), ("horizon_start", "1"), ("periods", "6")]
        .iter()
        .enumerate()
    {
        ws.write_string(r as u32, 0, *k).unwrap();
        ws.write_string(r as u32, 1, *v).unwrap();
    }
    let ws = wb.add_worksheet();
    ws.set_name("projects").unwrap();
    for (c, h) in ["id", "value", "duration", "earliest_start"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "A").unwrap();
    ws.write_number(1, 1, 1).unwrap();
    ws.write_number(1, 2, 1).unwrap();
    ws.write_datetime_with_format(1, 3, ExcelDateTime::from_ymd(2027, 3, 1).unwrap(), &date)
        .unwrap();
    wb.save(&book).unwrap();
    let e = load_workbook(&book).unwrap_err().0;
    assert_eq!(e.len(), 1);
    assert_eq!(
        e[0].to_string(),
        "n.xlsx: projects!D2: error[E032]: earliest_start: expected a period from 1 to 6, found \"2027-03-01\" (a date, but the horizon's periods are numbered: write the period's number)"
    );
}

#[test]
fn error_cells_are_input_errors_with_the_columns_codes() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("e.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("settings").unwrap();
    for (r, (k, v)) in [
        ("key", "value"),
        ("horizon_start", "2027-01"),
        ("periods", "6"),
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(r as u32, 0, *k).unwrap();
        ws.write_string(r as u32, 1, *v).unwrap();
    }
    let ws = wb.add_worksheet();
    ws.set_name("projects").unwrap();
    let header = [
        "id",
        "name",
        "value",
        "cost",
        "duration",
        "mandatory",
        "deadline",
        "notes",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let err = |f: &str, e: &str| Formula::new(f).set_result(e);
    ws.write_string(1, 0, "A").unwrap();
    ws.write_formula(1, 1, err("=#N/A", "#N/A")).unwrap();
    ws.write_formula(1, 2, err("=1/0", "#DIV/0!")).unwrap();
    ws.write_number(1, 3, 10).unwrap();
    ws.write_formula(1, 4, err("=Z99", "#REF!")).unwrap();
    ws.write_formula(1, 5, err("=\"a\"+1", "#VALUE!")).unwrap();
    ws.write_formula(1, 6, err("=Z98", "#REF!")).unwrap();
    // An error in a column pmo ignores is no error.
    ws.write_formula(1, 7, err("=Z97", "#REF!")).unwrap();
    wb.save(&book).unwrap();
    let errors: Vec<String> = load_workbook(&book)
        .unwrap_err()
        .0
        .iter()
        .map(|e| e.to_string())
        .collect();
    let tail = "(the cell holds an error, not a value)";
    assert_eq!(
        errors,
        vec![
            format!("e.xlsx: projects!B2: error[E010]: name: expected a value, found the formula error #N/A {tail}"),
            format!("e.xlsx: projects!C2: error[E011]: value: expected a number ≥ 0, found the formula error #DIV/0! {tail}"),
            format!("e.xlsx: projects!E2: error[E013]: duration: expected an integer ≥ 1, found the formula error #REF! {tail}"),
            format!("e.xlsx: projects!F2: error[E014]: mandatory: expected true or false (also yes/no, 1/0, oui/non), found the formula error #VALUE! {tail}"),
            format!("e.xlsx: projects!G2: error[E032]: deadline: expected a period from 2027-01 to 2027-06 (label or 1-based index), found the formula error #REF! {tail}"),
        ]
    );
}

// ---------------------------------------------------------------------------------------
// The same plan from a folder and from a workbook

fn run_plan(src: &Path, out: &Path) -> Vec<u8> {
    let o = common::pmo(&[
        "plan",
        src.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", common::stderr(&o));
    std::fs::read(out.join("plan.csv")).unwrap()
}

fn convert(src: &Path, dst: &Path) {
    let o = common::pmo(&[
        "convert",
        src.to_str().unwrap(),
        "-o",
        dst.to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        common::stdout(&o),
        common::stderr(&o)
    );
}

/// The demo as a folder, as pmo's workbook and as the workbooks LibreOffice saved
/// (.xlsx and .ods): four byte-identical plans (and load.csv, spend.csv).
#[test]
fn the_demo_plans_identically_from_folder_and_workbooks() {
    let tmp = tempfile::tempdir().unwrap();
    let book = tmp.path().join("demo.xlsx");
    convert(&demo(), &book);
    let sources = [
        demo(),
        book,
        libreoffice_data().join("demo.xlsx"),
        libreoffice_data().join("demo.ods"),
    ];
    let mut outs = Vec::new();
    for (i, src) in sources.iter().enumerate() {
        let out = tmp.path().join(format!("out{i}"));
        run_plan(src, &out);
        outs.push(out);
    }
    for file in ["plan.csv", "load.csv", "spend.csv"] {
        let first = std::fs::read(outs[0].join(file)).unwrap();
        for (src, out) in sources.iter().zip(&outs).skip(1) {
            assert!(
                first == std::fs::read(out.join(file)).unwrap(),
                "{file} from {} differs from the folder's",
                src.display()
            );
        }
    }
    // The folder's plan.xlsx and the workbook's are byte-identical too (same name "demo").
    assert_eq!(
        std::fs::read(outs[0].join("plan.xlsx")).unwrap(),
        std::fs::read(outs[1].join("plan.xlsx")).unwrap()
    );
}

#[test]
fn the_libreoffice_workbooks_load_to_the_demo() {
    let folder = load_portfolio(&demo()).unwrap().portfolio;
    for name in ["demo.xlsx", "demo.ods"] {
        let book = load_workbook(&libreoffice_data().join(name))
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .portfolio;
        assert!(
            same_model(&folder, &book),
            "{name} loads to another portfolio"
        );
    }
}

#[test]
fn a_generated_portfolio_plans_identically_from_its_workbook() {
    // Small enough to be solved to optimality well within the time limit: only then are
    // two runs byte-identical, whatever the source.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("gen");
    let o = common::pmo(&[
        "generate",
        "--projects",
        "20",
        "--periods",
        "12",
        "--seed",
        "3",
        "-o",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", common::stderr(&o));
    let book = tmp.path().join("gen.xlsx");
    convert(&dir, &book);
    let a = run_plan(&dir, &tmp.path().join("a"));
    let b = run_plan(&book, &tmp.path().join("b"));
    assert!(
        a == b,
        "plan.csv differs between the folder and its workbook"
    );
}

#[test]
fn plan_writes_out_beside_the_workbook_and_nothing_on_error() {
    let tmp = tempfile::tempdir().unwrap();
    let book = tmp.path().join("p.xlsx");
    write_book(&book, &sheets(&[]));
    let o = common::pmo(&["plan", book.to_str().unwrap(), "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", common::stderr(&o));
    for f in ["plan.csv", "plan.xlsx", "summary.json"] {
        assert!(tmp.path().join("out").join(f).is_file(), "{f}");
    }
    let bad = tmp.path().join("sub");
    std::fs::create_dir(&bad).unwrap();
    let bad_book = bad.join("bad.xlsx");
    write_book(
        &bad_book,
        &sheets(&[("projects", "id,value,duration\nA,x,0\n")]),
    );
    let o = common::pmo(&["plan", bad_book.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = common::stderr(&o);
    assert!(err.contains("bad.xlsx: projects!B2: error[E011]"), "{err}");
    assert!(err.contains("bad.xlsx: projects!C2: error[E015]"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert!(!bad.join("out").exists());
}

// ---------------------------------------------------------------------------------------
// pmo convert

/// A portfolio written as Excel in a French locale writes it: `;`, decimal commas, BOM,
/// CRLF, a blank line, a quoted cell on two lines, and budget rows whose line numbers
/// show in the plan's reasons.
fn semicolon_folder() -> tempfile::TempDir {
    common::folder(&[
        (
            "settings.csv",
            "\u{feff}key;value\r\nhorizon_start;2027-Q1\r\nperiods;4\r\nbudget;1000,5\r\n",
        ),
        (
            "projects.csv",
            "\u{feff}id;name;value;cost;duration;mandatory;category;fit\r\nA;\"Alpha;\r\nsecond line\";100,25;300,5;2;oui;X;1,5\r\n\r\nB;Beta;;200;1;non;Y;2\r\nC;Gamma;80;600;2;;X;\r\n",
        ),
        ("criteria.csv", "criterion;weight\r\nfit;10,5\r\n"),
        ("demand.csv", "project;skill;effort;offset\r\nA;Dev;2,5;1\r\nA;Dev;1,25;2\r\nB;Dev;3;\r\n"),
        ("capacity.csv", "skill;capacity;period\r\nDev;4,5;\r\nDev;1,5;2027-Q3\r\n"),
        ("people.csv", "person;skills;availability;period\r\nKim;Dev|QA;0,5;\r\n"),
        ("dependencies.csv", "from;to;type;lag\r\nA;C;precedes;-1\r\n"),
        (
            "budgets.csv",
            "scope;key;max;min\r\n\r\nperiod;2027-Q1..2027-Q2;700,5;\r\ncategory;X;900;10,5\r\n",
        ),
        ("scenarios.csv", "scenario;target;key;field;op;value\r\ncut;settings;budget;;scale;0,9\r\n"),
    ])
}

#[test]
fn folder_to_workbook_and_back_loads_to_the_same_model() {
    let tmp = tempfile::tempdir().unwrap();
    let semicolon = semicolon_folder();
    for (name, src) in [
        ("demo", demo()),
        ("semicolon", semicolon.path().to_path_buf()),
    ] {
        let original = load_portfolio(&src).unwrap_or_else(|e| panic!("{name}: {e}"));
        let book = tmp.path().join(format!("{name}.xlsx"));
        convert(&src, &book);
        let from_book = load_workbook(&book).unwrap();
        assert!(
            same_model(&original.portfolio, &from_book.portfolio),
            "{name}: workbook"
        );
        assert_eq!(original.warnings.len(), from_book.warnings.len(), "{name}");
        let back = tmp.path().join(format!("{name}-back"));
        convert(&book, &back);
        let again = load_portfolio(&back).unwrap();
        assert!(
            same_model(&original.portfolio, &again.portfolio),
            "{name}: folder again"
        );
        // The other contracts travel too.
        if src.join("scenarios.csv").is_file() {
            assert!(back.join("scenarios.csv").is_file(), "{name}: scenarios");
        }
    }
    // The `;` scenarios' decimal comma became a number: 0.9 in the folder again.
    let text = std::fs::read_to_string(tmp.path().join("semicolon-back/scenarios.csv")).unwrap();
    assert!(text.contains("cut,settings,budget,,scale,0.9"), "{text}");
}

#[test]
fn a_typed_workbook_converts_to_a_folder_of_labels() {
    let tmp = tempfile::tempdir().unwrap();
    let book = tmp.path().join("typed.xlsx");
    typed_workbook(&book, false);
    let back = tmp.path().join("typed");
    convert(&book, &back);
    let projects = std::fs::read_to_string(back.join("projects.csv")).unwrap();
    assert!(
        projects.contains("A,100,210,2,true,2027-03,2027-06"),
        "{projects}"
    );
    let settings = std::fs::read_to_string(back.join("settings.csv")).unwrap();
    assert!(settings.contains("horizon_start,2027-01"), "{settings}");
    assert!(same_model(
        &load_workbook(&book).unwrap().portfolio,
        &load_portfolio(&back).unwrap().portfolio
    ));
    // The LibreOffice .ods converts too.
    let ods_back = tmp.path().join("ods");
    convert(&libreoffice_data().join("demo.ods"), &ods_back);
    assert!(same_model(
        &load_portfolio(&demo()).unwrap().portfolio,
        &load_portfolio(&ods_back).unwrap().portfolio
    ));
}

#[test]
fn convert_refuses_what_it_cannot_do_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let o = common::pmo(args);
        (o.status.code(), common::stderr(&o))
    };
    let d = demo();
    let demo_s = d.to_str().unwrap();
    let ods = tmp.path().join("x.ods");
    let (code, err) = run(&["convert", demo_s, "-o", ods.to_str().unwrap()]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("pmo writes .xlsx workbooks"), "{err}");
    assert!(!ods.exists());
    let other = tmp.path().join("folder");
    let (code, err) = run(&["convert", demo_s, "-o", other.to_str().unwrap()]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("both folders"), "{err}");
    assert!(!other.exists());
    // A broken source: every error, nothing written.
    let broken = common::folder(&[
        ("settings.csv", "key,value\nperiods,x\n"),
        ("projects.csv", "id\n"),
    ]);
    let dst = tmp.path().join("b.xlsx");
    let (code, err) = run(&[
        "convert",
        broken.path().to_str().unwrap(),
        "-o",
        dst.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert!(!dst.exists());
    // A folder holding a file the workbook has no sheet for.
    let book = tmp.path().join("small.xlsx");
    write_book(
        &book,
        &sheets(&[
            ("criteria", ""),
            ("projects", "id,value,duration\nA,1,1\nB,1,1\nC,1,1\n"),
        ]),
    );
    let stale = common::folder(&[("criteria.csv", "criterion,weight\n")]);
    let (code, err) = run(&[
        "convert",
        book.to_str().unwrap(),
        "-o",
        stale.path().to_str().unwrap(),
    ]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("criteria.csv"), "{err}");
    assert!(!stale.path().join("projects.csv").exists());
}

// ---------------------------------------------------------------------------------------
// plan.xlsx

/// A cell as the CSV writers print it.
fn csv_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(x) => fmt_num(*x),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        other => panic!("unexpected cell {other:?}"),
    }
}

fn sheet(path: &Path, name: &str) -> Vec<Vec<Data>> {
    let mut book = open_workbook_auto(path).unwrap();
    let range = book.worksheet_range(name).unwrap();
    assert_eq!(range.start(), Some((0, 0)), "{name} starts at A1");
    range.rows().map(|r| r.to_vec()).collect()
}

fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .unwrap();
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn plan_xlsx_reads_back_as_the_csv_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    run_plan(&demo(), &out);
    let xlsx = out.join("plan.xlsx");
    let book = open_workbook_auto(&xlsx).unwrap();
    assert_eq!(
        book.sheet_names(),
        vec!["Summary", "Plan", "Roadmap", "Capacity", "Spend", "Left out"]
    );
    // Plan = plan.csv, cell for cell.
    let plan: Vec<Vec<String>> = sheet(&xlsx, "Plan")
        .iter()
        .map(|r| r.iter().map(csv_text).collect())
        .collect();
    assert_eq!(plan, csv_rows(&out.join("plan.csv")));
    // Spend = spend.csv.
    let spend: Vec<Vec<String>> = sheet(&xlsx, "Spend")
        .iter()
        .map(|r| r.iter().take(9).map(csv_text).collect())
        .collect();
    assert_eq!(spend, csv_rows(&out.join("spend.csv")));
    // Capacity's grids = load.csv's columns.
    let load = csv_rows(&out.join("load.csv"));
    let capacity = sheet(&xlsx, "Capacity");
    let skills: Vec<String> = {
        let mut s: Vec<String> = load[1..].iter().map(|r| r[0].clone()).collect();
        s.dedup();
        s
    };
    let periods = load[1..].len() / skills.len();
    for (g, column) in [(0, 4), (1, 2), (2, 3), (3, 5), (4, 6)] {
        let top = g * (skills.len() + 3);
        for (k, skill) in skills.iter().enumerate() {
            let row = &capacity[top + 2 + k];
            assert_eq!(&csv_text(&row[0]), skill);
            for t in 0..periods {
                let expected = &load[1 + k * periods + t][column];
                assert_eq!(&csv_text(&row[t + 1]), expected, "grid {g} {skill} {t}");
            }
        }
    }
    // Summary = summary.json's figures.
    let summary = common::summary(&out);
    let figures: std::collections::HashMap<String, Data> = sheet(&xlsx, "Summary")
        .into_iter()
        .filter(|r| r.len() > 1)
        .map(|r| (csv_text(&r[0]), r[1].clone()))
        .collect();
    let num = |k: &str| match &figures[k] {
        Data::Float(x) => *x,
        other => panic!("{k}: {other:?}"),
    };
    assert_eq!(num("objective"), summary["objective"].as_f64().unwrap());
    assert_eq!(num("bound"), summary["bound"].as_f64().unwrap());
    assert_eq!(num("gap"), summary["gap"].as_f64().unwrap());
    assert_eq!(
        csv_text(&figures["status"]),
        summary["status"].as_str().unwrap()
    );
    for (k, j) in [
        ("selected", "selected"),
        ("left out", "left_out"),
        ("projects", "projects"),
    ] {
        assert_eq!(num(k), summary["counts"][j].as_f64().unwrap(), "{k}");
    }
    for (k, j) in [
        ("value selected", "value_selected"),
        ("cost selected", "cost_selected"),
        ("value requested", "value_requested"),
        ("cost requested", "cost_requested"),
        ("total budget", "budget_total"),
    ] {
        assert_eq!(num(k), summary["totals"][j].as_f64().unwrap(), "{k}");
    }
    // Left out: plan.csv's projects left out, by value.
    let left = sheet(&xlsx, "Left out");
    let mut expected: Vec<(String, f64, String)> = common::plan_rows(&out)
        .into_iter()
        .filter(|r| r["selected"] == "false")
        .map(|r| {
            (
                r["project"].clone(),
                r["value"].parse().unwrap(),
                r["reason"].clone(),
            )
        })
        .collect();
    expected.sort_by(|a, b| b.1.total_cmp(&a.1));
    let found: Vec<(String, f64, String)> = left[1..]
        .iter()
        .map(|r| {
            (
                csv_text(&r[0]),
                csv_text(&r[2]).parse().unwrap(),
                csv_text(&r[6]),
            )
        })
        .collect();
    assert_eq!(found, expected);
    // Roadmap: a row per selected project (plus one per category), each bar as long
    // as the project's run, starting in its start column.
    let roadmap = sheet(&xlsx, "Roadmap");
    let rows = common::plan_rows(&out);
    let selected: Vec<_> = rows.iter().filter(|r| r["selected"] == "true").collect();
    for r in &selected {
        let line = roadmap
            .iter()
            .find(|l| csv_text(&l[0]) == r["project"])
            .unwrap_or_else(|| panic!("{} not on the roadmap", r["project"]));
        assert_eq!(csv_text(&line[3]), r["start"]);
        assert_eq!(csv_text(&line[4]), r["finish"]);
    }
    // Reruns give the same bytes.
    let again = tmp.path().join("again");
    run_plan(&demo(), &again);
    assert_eq!(
        std::fs::read(&xlsx).unwrap(),
        std::fs::read(again.join("plan.xlsx")).unwrap()
    );
}
