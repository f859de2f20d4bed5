//! Reading scenarios.csv: the columns, the scenario names, and the rows of each
//! scenario applied in file order to its own copy of the portfolio.

use super::apply::Ctx;
use super::Variant;
use crate::io::csvread::{parse_table, read_table, CsvRow, CsvTable, Need};
use crate::io::error::{Diagnostics, ErrorCode, LoadErrors, Warning};
use crate::model::Portfolio;
use std::collections::HashMap;
use std::path::Path;

/// The scenarios of a file, in order of first appearance, and the warnings of the read.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenarios {
    pub variants: Vec<Variant>,
    pub warnings: Vec<Warning>,
}

const COLUMNS: [&str; 6] = ["scenario", "target", "key", "field", "op", "value"];

/// Longest scenario name.
const MAX_NAME: usize = 64;

/// Reads the scenarios file `path` (named `file` in messages: `scenarios.csv`, or the
/// path as the user wrote it) and applies each scenario to `base`. `Err` holds every
/// error of the file, sorted by line and column.
pub fn load_scenarios(path: &Path, file: &str, base: &Portfolio) -> Result<Scenarios, LoadErrors> {
    let mut diag = Diagnostics::default();
    if !path.is_file() {
        let message = if path.exists() {
            format!(
                "{} is not a file: expected a scenarios CSV file",
                path.display()
            )
        } else {
            format!("scenarios file {} not found", path.display())
        };
        diag.error(file, None, None, ErrorCode::MissingFile, message);
        return Err(fail(diag));
    }
    match read_table(path, file, &mut diag) {
        Some(t) => build(&t, base, diag),
        None => Err(fail(diag)),
    }
}

/// [`load_scenarios`] from a text (tests, tools).
pub fn parse_scenarios(file: &str, text: &str, base: &Portfolio) -> Result<Scenarios, LoadErrors> {
    let mut diag = Diagnostics::default();
    match parse_table(file, text, &mut diag) {
        Some(t) => build(&t, base, diag),
        None => Err(fail(diag)),
    }
}

/// `diag.finish()` when it holds errors.
fn fail(diag: Diagnostics) -> LoadErrors {
    diag.finish().err().unwrap_or(LoadErrors(Vec::new()))
}

fn build(t: &CsvTable, base: &Portfolio, mut diag: Diagnostics) -> Result<Scenarios, LoadErrors> {
    t.warn_unknown_columns(&COLUMNS, &mut diag);
    if !t.require_columns(&COLUMNS, &mut diag) {
        return Err(fail(diag));
    }
    let groups = group(t, &mut diag);
    if groups.is_empty() && diag.errors.is_empty() {
        diag.warn(
            &t.file,
            None,
            None,
            "no scenario rows: only the baseline is solved",
        );
    }
    let mut variants = Vec::new();
    for (name, rows) in groups {
        let mut ctx = Ctx::new(&name, base, &t.file);
        for row in rows {
            ctx.apply(t, row, &mut diag);
        }
        variants.push(ctx.finish());
    }
    let warnings = diag.finish()?;
    Ok(Scenarios { variants, warnings })
}

/// The rows of each valid scenario name, names in order of first appearance.
fn group<'t>(t: &'t CsvTable, diag: &mut Diagnostics) -> Vec<(String, Vec<&'t CsvRow>)> {
    let col = t.col("scenario");
    let mut groups: Vec<(String, Vec<&CsvRow>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    // lower-case name → (name as first written, its line)
    let mut folded: HashMap<String, (String, usize)> = HashMap::new();
    for row in &t.rows {
        let cell = t.cell(row, col);
        let Some(name) = cell.text(diag, Need::Required, "a scenario name") else {
            continue;
        };
        if let Some(&i) = index.get(name) {
            groups[i].1.push(row);
            continue;
        }
        if let Some(problem) = name_problem(name) {
            cell.error(
                diag,
                ErrorCode::BadScenarioName,
                cell.expected_message(&problem),
            );
            continue;
        }
        let lower = name.to_lowercase();
        if let Some((other, line)) = folded.get(&lower) {
            let message = format!(
                "scenario: \"{name}\" differs only in case from \"{other}\" (line {line}): expected names that differ in more than case (they become folder names)"
            );
            cell.error(diag, ErrorCode::BadScenarioName, message);
            continue;
        }
        folded.insert(lower, (name.to_string(), row.line));
        index.insert(name.to_string(), groups.len());
        groups.push((name.to_string(), vec![row]));
    }
    groups
}

/// What a scenario name should have been, when it is not valid.
fn name_problem(name: &str) -> Option<String> {
    let allowed = |c: char| c.is_alphanumeric() || "_-.+%".contains(c);
    let first_ok = name.chars().next().is_some_and(char::is_alphanumeric);
    if name.eq_ignore_ascii_case("baseline") {
        Some("a name other than baseline (reserved for the portfolio unchanged)".into())
    } else if name.chars().count() > MAX_NAME || !name.chars().all(allowed) || !first_ok {
        Some(format!(
            "a name of 1 to {MAX_NAME} characters among letters, digits and _ - . + %, starting with a letter or digit"
        ))
    } else {
        None
    }
}
