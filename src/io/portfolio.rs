//! Loads a portfolio folder (the format of FORMAT.md) into a validated [`Portfolio`].
//!
//! Every problem of a load is collected and reported together: each file is read even
//! when an earlier one has errors, a project whose row has a bad cell is still
//! registered (so that later files naming it do not cascade into E030), and when the
//! horizon cannot be built the period checks are skipped while everything else is
//! checked. Nothing here panics on any input.
//!
//! pmo's extensions and limits:
//! - a `period` budget key may be a range `A..B` of periods (B not before A), limiting
//!   the spend over those periods together (for example a quarterly envelope
//!   `2027-01..2027-03`); it becomes [`BudgetScope::Periods`]`(a, b)`;
//! - a horizon has at most [`MAX_PERIODS`] periods (E015 above).

use super::csvread::{read_table, Cell, Col, CsvRow, CsvTable, Need};
use super::error::{Diagnostics, ErrorCode, InputError, LoadErrors, Location, Warning};
use crate::graph::find_cycle;
use crate::model::{
    BudgetLimit, BudgetScope, Demand, DepKind, Dependency, Horizon, HorizonKind, Objective, Person,
    Portfolio, Project, Settings,
};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

/// A loaded portfolio and the warnings of its load.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub portfolio: Portfolio,
    pub warnings: Vec<Warning>,
}

/// Largest number of periods of a horizon (over 800 years of months).
pub const MAX_PERIODS: usize = 10_000;

/// Largest magnitude of a numbered `horizon_start` (keeps label arithmetic exact).
const MAX_NUMBERED_START: i64 = 1 << 40;

const SETTINGS: &str = "settings.csv";
const PROJECTS: &str = "projects.csv";

/// The standard columns of projects.csv (a criterion may not be named like one).
pub(crate) const PROJECT_COLUMNS: [&str; 10] = [
    "id",
    "name",
    "value",
    "benefit",
    "cost",
    "duration",
    "mandatory",
    "earliest_start",
    "deadline",
    "category",
];

/// Loads the portfolio folder `dir`: settings.csv and projects.csv (required), demand,
/// capacity, people, dependencies, budgets and criteria (optional). `Err` holds every
/// error of the load, sorted by file, line and column.
pub fn load_portfolio(dir: &Path) -> Result<Loaded, LoadErrors> {
    let mut diag = Diagnostics::default();
    let tables = PortfolioTables::read_folder(dir, &mut diag);
    load_tables(&tables, folder_name(dir), diag)
}

/// Loads a portfolio from its tables, whatever their source (a folder's CSV files, a
/// workbook's sheets: see `workbook`), named `name`; `diag` holds what reading the
/// tables reported. `Err` holds every error of the load, sorted by file, line, column.
pub fn load_tables(
    tables: &PortfolioTables,
    name: String,
    mut diag: Diagnostics,
) -> Result<Loaded, LoadErrors> {
    let files = tables;
    let diag = &mut diag;
    let setup = load_settings(files.settings.as_ref(), diag);
    let h = setup.horizon.as_ref();
    let criteria = load_criteria(files.criteria.as_ref(), files.projects.as_ref(), diag);
    let reg = load_projects(files.projects.as_ref(), &criteria, h, diag);
    let mut skills = Skills::default();
    let mut capacity = load_capacity(files.capacity.as_ref(), h, &mut skills, diag);
    let people = load_people(files.people.as_ref(), h, &mut skills, diag);
    let demands = load_demand(files.demand.as_ref(), &reg, &mut skills, diag);
    let dependencies = load_dependencies(files.dependencies.as_ref(), &reg, diag);
    let mut budgets: Vec<BudgetLimit> = setup.budget.map(settings_budget).into_iter().collect();
    budgets.extend(load_budgets(files.budgets.as_ref(), h, &reg, diag));
    let warnings = std::mem::take(diag).finish()?;
    let Some(horizon) = setup.horizon else {
        return Err(no_horizon());
    };
    let periods = horizon.periods;
    let projects = reg.projects;
    let portfolio = Portfolio {
        name,
        settings: setup.settings,
        capacity: (0..skills.names.len())
            .map(|s| capacity.remove(&s).unwrap_or_default().expand(periods))
            .collect(),
        skills: skills.names,
        people: people.into_iter().map(|p| p.build(periods)).collect(),
        demands: demands.into_iter().map(|d| d.build(&projects)).collect(),
        projects,
        dependencies,
        budgets,
        horizon,
    };
    Ok(Loaded {
        portfolio,
        warnings,
    })
}

/// Unreachable in practice (a load without horizon always has an error); kept so that
/// no input can make the loader panic.
fn no_horizon() -> LoadErrors {
    LoadErrors(vec![InputError {
        location: Location {
            file: SETTINGS.to_string(),
            line: None,
            column: None,
        },
        code: ErrorCode::BadHorizon,
        message: "expected horizon_start and periods".to_string(),
    }])
}

fn folder_name(dir: &Path) -> String {
    let canonical = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    canonical
        .file_name()
        .or_else(|| dir.file_name())
        .map_or_else(
            || dir.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
}

// ---------------------------------------------------------------------------------------
// Files

/// The files of a portfolio, in the order of FORMAT.md (the first two are required).
pub const PORTFOLIO_FILES: [&str; 8] = [
    SETTINGS,
    PROJECTS,
    "demand.csv",
    "capacity.csv",
    "people.csv",
    "dependencies.csv",
    "budgets.csv",
    "criteria.csv",
];

/// The tables of a portfolio, whatever their source (the CSV files of a folder, the
/// sheets of a workbook). `None`: absent or unreadable (already reported).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PortfolioTables {
    pub settings: Option<CsvTable>,
    pub projects: Option<CsvTable>,
    pub demand: Option<CsvTable>,
    pub capacity: Option<CsvTable>,
    pub people: Option<CsvTable>,
    pub dependencies: Option<CsvTable>,
    pub budgets: Option<CsvTable>,
    pub criteria: Option<CsvTable>,
}

impl PortfolioTables {
    /// Reads the CSV files of the folder `dir` (E001 for a missing required file).
    pub fn read_folder(dir: &Path, diag: &mut Diagnostics) -> PortfolioTables {
        let entries = folder_entries(dir);
        let mut tables = PortfolioTables::default();
        for (i, name) in PORTFOLIO_FILES.iter().enumerate() {
            *tables.slot(name).expect("a portfolio file") =
                read_file(dir, &entries, name, i < 2, diag);
        }
        tables
    }

    /// The slot of the file `name` of [`PORTFOLIO_FILES`] (`None` for another name).
    pub fn slot(&mut self, name: &str) -> Option<&mut Option<CsvTable>> {
        Some(match name {
            SETTINGS => &mut self.settings,
            PROJECTS => &mut self.projects,
            "demand.csv" => &mut self.demand,
            "capacity.csv" => &mut self.capacity,
            "people.csv" => &mut self.people,
            "dependencies.csv" => &mut self.dependencies,
            "budgets.csv" => &mut self.budgets,
            "criteria.csv" => &mut self.criteria,
            _ => return None,
        })
    }

    /// The tables present, as (file name, table), in the order of [`PORTFOLIO_FILES`].
    pub fn present(&self) -> Vec<(&'static str, &CsvTable)> {
        let all = [
            &self.settings,
            &self.projects,
            &self.demand,
            &self.capacity,
            &self.people,
            &self.dependencies,
            &self.budgets,
            &self.criteria,
        ];
        PORTFOLIO_FILES
            .iter()
            .zip(all)
            .filter_map(|(n, t)| t.as_ref().map(|t| (*n, t)))
            .collect()
    }
}

fn folder_entries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// Reads `dir/name`; E001 when a required file is absent, with a hint when a file of
/// that name in another case is there.
fn read_file(
    dir: &Path,
    entries: &[String],
    name: &str,
    required: bool,
    diag: &mut Diagnostics,
) -> Option<CsvTable> {
    if entries.iter().any(|e| e == name) {
        return read_table(&dir.join(name), name, diag);
    }
    if required {
        let mut message = format!("required file {name} not found in {}", dir.display());
        if !dir.is_dir() {
            message.push_str(" (no such folder)");
        } else if let Some(other) = case_variant(name, entries.iter().map(String::as_str)) {
            message.push_str(&format!(" (found {other}: file names are case-sensitive)"));
        }
        diag.error(name, None, None, ErrorCode::MissingFile, message);
    }
    None
}

/// A candidate equal to `name` but for letter case (the smallest, for determinism).
pub(crate) fn case_variant<'a>(
    name: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    let lower = name.to_lowercase();
    candidates
        .filter(|c| *c != name && c.to_lowercase() == lower)
        .min()
}

/// Resolves a project id cell: E010 when empty, E030 when no project has that id.
pub(crate) fn project_ref(
    cell: &Cell,
    index: &HashMap<String, usize>,
    diag: &mut Diagnostics,
) -> Option<usize> {
    let id = cell.text(diag, Need::Required, "a project id of projects.csv")?;
    if let Some(&p) = index.get(id) {
        return Some(p);
    }
    let mut message = format!(
        "{}: expected a project id of projects.csv, found \"{id}\" (unknown project)",
        cell.name
    );
    if let Some(other) = case_variant(id, index.keys().map(String::as_str)) {
        message.push_str(&format!(
            "; did you mean \"{other}\"? ids are case-sensitive"
        ));
    }
    cell.error(diag, ErrorCode::UnknownProject, message);
    None
}

/// Requires `required` columns and warns about columns outside `known`; false when a
/// required column is missing.
fn check_columns(t: &CsvTable, required: &[&str], known: &[&str], diag: &mut Diagnostics) -> bool {
    t.warn_unknown_columns(known, diag);
    t.require_columns(required, diag)
}

/// E021 for a row repeating an earlier one (`what` names the repeated thing).
fn duplicate_row(cell: &Cell, what: &str, first_line: usize, diag: &mut Diagnostics) {
    cell.error(
        diag,
        ErrorCode::DuplicateRow,
        format!("{what} given twice (first on line {first_line}): expected one row"),
    );
}

// ---------------------------------------------------------------------------------------
// settings.csv

struct Setup {
    settings: Settings,
    horizon: Option<Horizon>,
    budget: Option<f64>,
}

const SETTING_KEYS: [&str; 6] = [
    "horizon_start",
    "periods",
    "budget",
    "objective",
    "time_limit",
    "mip_gap",
];

fn load_settings(t: Option<&CsvTable>, diag: &mut Diagnostics) -> Setup {
    let mut setup = Setup {
        settings: Settings::default(),
        horizon: None,
        budget: None,
    };
    let Some(t) = t else { return setup };
    if !check_columns(t, &["key", "value"], &["key", "value"], diag) {
        return setup;
    }
    let (key_col, value_col) = (t.col("key"), t.col("value"));
    let mut seen: HashMap<String, usize> = HashMap::new();
    // `None`: no row; `Some(None)`: a row with a bad value (already reported).
    let mut start: Option<Option<HorizonKind>> = None;
    let mut periods: Option<Option<usize>> = None;
    for row in &t.rows {
        let key_cell = t.cell(row, key_col);
        let Some(key) = key_cell.text(diag, Need::Required, "a setting name") else {
            continue;
        };
        let key = key.to_lowercase();
        if let Some(&first) = seen.get(&key) {
            duplicate_row(&key_cell, &format!("setting {key}"), first, diag);
            continue;
        }
        seen.insert(key.clone(), row.line);
        let value = t.cell(row, value_col).named(&key);
        match key.as_str() {
            "horizon_start" => start = Some(horizon_kind(&value, diag)),
            "periods" => periods = Some(horizon_periods(&value, diag)),
            _ => apply_setting(&mut setup, &key_cell, &value, diag),
        }
    }
    require_setting(
        start.is_some(),
        "horizon_start",
        "a first period such as 2027-01, 2027-Q1 or 1",
        diag,
    );
    require_setting(periods.is_some(), "periods", "an integer ≥ 1", diag);
    if let (Some(Some(kind)), Some(Some(n))) = (start, periods) {
        setup.horizon = Some(Horizon::new(kind, n));
    }
    setup
}

/// The optional settings; unknown keys are warnings.
fn apply_setting(setup: &mut Setup, key_cell: &Cell, value: &Cell, diag: &mut Diagnostics) {
    let s = &mut setup.settings;
    match value.name {
        "budget" => setup.budget = value.non_negative(diag, Need::Optional),
        "objective" => {
            let options = [
                ("value", Objective::Value),
                ("makespan", Objective::Makespan),
            ];
            s.objective = value
                .keyword(diag, Need::Optional, &options)
                .unwrap_or(s.objective);
        }
        "time_limit" => {
            s.time_limit = value
                .non_negative(diag, Need::Optional)
                .unwrap_or(s.time_limit)
        }
        "mip_gap" => {
            s.mip_gap = value
                .non_negative(diag, Need::Optional)
                .unwrap_or(s.mip_gap)
        }
        other => key_cell.warn(
            diag,
            format!(
                "unknown setting \"{other}\" ignored (known settings: {})",
                SETTING_KEYS.join(", ")
            ),
        ),
    }
}

fn require_setting(present: bool, key: &str, expected: &str, diag: &mut Diagnostics) {
    if !present {
        diag.error(
            SETTINGS,
            None,
            None,
            ErrorCode::BadHorizon,
            format!("missing setting {key}: expected a row \"{key},<value>\" with {expected}"),
        );
    }
}

/// `horizon_start`: E050 when empty or malformed.
fn horizon_kind(cell: &Cell, diag: &mut Diagnostics) -> Option<HorizonKind> {
    // A workbook date (what a spreadsheet makes of `2027-01`) starts a monthly horizon.
    let month = cell.date().map(|(y, m, _)| format!("{y:04}-{m:02}"));
    let kind = HorizonKind::parse(month.as_deref().unwrap_or(cell.text)).filter(|k| match k {
        HorizonKind::Numbered { first } => first.unsigned_abs() <= MAX_NUMBERED_START as u64,
        _ => true,
    });
    if kind.is_none() {
        let expected =
            "a first period such as 2027-01 (months), 2027-Q1 (quarters) or 1 (numbered periods)";
        cell.error(diag, ErrorCode::BadHorizon, cell.expected_message(expected));
    }
    kind
}

/// `periods`: E050 when empty, E013 not an integer, E015 outside 1..=MAX_PERIODS.
fn horizon_periods(cell: &Cell, diag: &mut Diagnostics) -> Option<usize> {
    if cell.is_empty() {
        cell.error(
            diag,
            ErrorCode::BadHorizon,
            cell.expected_message("an integer ≥ 1"),
        );
        return None;
    }
    let n = cell.positive_integer(diag, Need::Required)?;
    if n > MAX_PERIODS {
        let expected = format!("an integer from 1 to {MAX_PERIODS}");
        cell.error(
            diag,
            ErrorCode::BadDuration,
            cell.expected_message(&expected),
        );
        return None;
    }
    Some(n)
}

fn settings_budget(max: f64) -> BudgetLimit {
    BudgetLimit {
        scope: BudgetScope::Total,
        min: None,
        max: Some(max),
        source: "settings.csv budget".to_string(),
    }
}

// ---------------------------------------------------------------------------------------
// criteria.csv

/// The criteria: `given` when criteria.csv has rows (then `value` may be empty);
/// `list` holds the valid (column name, weight) pairs.
#[derive(Default)]
struct Criteria {
    given: bool,
    list: Vec<(String, f64)>,
}

fn load_criteria(
    t: Option<&CsvTable>,
    projects: Option<&CsvTable>,
    diag: &mut Diagnostics,
) -> Criteria {
    let mut criteria = Criteria::default();
    let Some(t) = t else { return criteria };
    criteria.given = !t.rows.is_empty();
    let cols = ["criterion", "weight"];
    if !check_columns(t, &cols, &cols, diag) {
        return criteria;
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    for row in &t.rows {
        let name_cell = t.cell(row, t.col("criterion"));
        let weight = t.cell(row, t.col("weight")).number(diag, Need::Required);
        let Some(name) = name_cell.text(diag, Need::Required, "a score column of projects.csv")
        else {
            continue;
        };
        let name = name.to_lowercase();
        if let Some(&first) = seen.get(&name) {
            duplicate_row(&name_cell, &format!("criterion {name}"), first, diag);
            continue;
        }
        seen.insert(name.clone(), row.line);
        if check_criterion(&name_cell, &name, projects, diag) {
            if let Some(w) = weight {
                criteria.list.push((name, w));
            }
        }
    }
    criteria
}

/// E049 for a criterion named like a standard column, E034 for one that is not a
/// column of projects.csv (unchecked when projects.csv could not be read).
fn check_criterion(
    cell: &Cell,
    name: &str,
    projects: Option<&CsvTable>,
    diag: &mut Diagnostics,
) -> bool {
    if PROJECT_COLUMNS.contains(&name) {
        let message = format!(
            "criterion: \"{name}\" is a standard column of projects.csv: expected a score column with another name"
        );
        cell.error(diag, ErrorCode::CriterionNameConflict, message);
        return false;
    }
    match projects {
        Some(p) if p.column(name).is_none() => {
            let message = format!(
                "criterion: expected a column of projects.csv holding scores, found \"{name}\" (projects.csv has columns {})",
                p.headers.join(", ")
            );
            cell.error(diag, ErrorCode::UnknownCriterion, message);
            false
        }
        _ => true,
    }
}

// ---------------------------------------------------------------------------------------
// projects.csv

/// The projects read so far: `duration_ok[p]` is false when `p`'s duration cell was bad
/// (its offsets are then not checked). Not `usable` when projects.csv is absent,
/// unreadable or has no id column: references to projects are then not checked.
#[derive(Default)]
struct Registry {
    usable: bool,
    projects: Vec<Project>,
    index: HashMap<String, usize>,
    lines: Vec<usize>,
    duration_ok: Vec<bool>,
}

struct ProjectCols<'t> {
    id: Col<'t>,
    name: Col<'t>,
    value: Col<'t>,
    benefit: Col<'t>,
    cost: Col<'t>,
    duration: Col<'t>,
    mandatory: Col<'t>,
    earliest_start: Col<'t>,
    deadline: Col<'t>,
    category: Col<'t>,
    /// Criterion columns and their weights.
    scores: Vec<(Col<'t>, f64)>,
}

impl<'t> ProjectCols<'t> {
    fn new(t: &CsvTable, criteria: &'t Criteria) -> Self {
        ProjectCols {
            id: t.col("id"),
            name: t.col("name"),
            value: t.col("value"),
            benefit: t.col("benefit"),
            cost: t.col("cost"),
            duration: t.col("duration"),
            mandatory: t.col("mandatory"),
            earliest_start: t.col("earliest_start"),
            deadline: t.col("deadline"),
            category: t.col("category"),
            scores: criteria.list.iter().map(|(c, w)| (t.col(c), *w)).collect(),
        }
    }
}

fn load_projects(
    t: Option<&CsvTable>,
    criteria: &Criteria,
    horizon: Option<&Horizon>,
    diag: &mut Diagnostics,
) -> Registry {
    let mut reg = Registry::default();
    let Some(t) = t else { return reg };
    let mut known: Vec<&str> = PROJECT_COLUMNS.to_vec();
    known.extend(criteria.list.iter().map(|(c, _)| c.as_str()));
    let required: &[&str] = if criteria.given {
        &["id", "duration"]
    } else {
        &["id", "duration", "value"]
    };
    check_columns(t, required, &known, diag);
    reg.usable = t.column("id").is_some();
    if !reg.usable {
        return reg;
    }
    let cols = ProjectCols::new(t, criteria);
    for row in &t.rows {
        if let Some((project, duration_ok)) =
            project_row(t, row, &cols, criteria, horizon, &reg, diag)
        {
            reg.index.insert(project.id.clone(), reg.projects.len());
            reg.projects.push(project);
            reg.lines.push(row.line);
            reg.duration_ok.push(duration_ok);
        }
    }
    reg
}

/// One project row: the project (with defaults in place of bad cells, which are
/// reported) and whether its duration is valid; `None` without a usable id.
fn project_row(
    t: &CsvTable,
    row: &CsvRow,
    cols: &ProjectCols,
    criteria: &Criteria,
    horizon: Option<&Horizon>,
    reg: &Registry,
    diag: &mut Diagnostics,
) -> Option<(Project, bool)> {
    let id_cell = t.cell(row, cols.id);
    let id = id_cell.text(diag, Need::Required, "a project id")?;
    if let Some(&p) = reg.index.get(id) {
        let message = format!(
            "id: \"{id}\" is already the id of line {}: expected unique ids",
            reg.lines[p]
        );
        id_cell.error(diag, ErrorCode::DuplicateId, message);
        return None;
    }
    let cell = |col| t.cell(row, col);
    let scores: f64 = cols
        .scores
        .iter()
        .map(|&(c, w)| w * cell(c).number(diag, Need::Optional).unwrap_or(0.0))
        .sum();
    let value = project_value(&cell(cols.value), criteria.given.then_some(scores), diag);
    let duration = cell(cols.duration).positive_integer(diag, Need::Required);
    let window = project_window(
        &cell(cols.earliest_start),
        &cell(cols.deadline),
        horizon,
        diag,
    );
    if let (Some(d), Some((e, l)), Some(h)) = (duration, window, horizon) {
        check_window(h, d, e, l, &cell(cols.duration), &cell(cols.deadline), diag);
    }
    let (earliest_start, deadline) = window.unwrap_or((0, 0));
    let category = cell(cols.category).text(diag, Need::Optional, "");
    let project = Project {
        id: id.to_string(),
        name: cell(cols.name)
            .text(diag, Need::Optional, "")
            .unwrap_or(id)
            .to_string(),
        value,
        benefit: cell(cols.benefit)
            .non_negative(diag, Need::Optional)
            .unwrap_or(0.0),
        cost: cell(cols.cost)
            .non_negative(diag, Need::Optional)
            .unwrap_or(0.0),
        duration: duration.unwrap_or(1),
        mandatory: cell(cols.mandatory)
            .boolean(diag, Need::Optional)
            .unwrap_or(false),
        earliest_start,
        deadline,
        category: category.map(str::to_string),
    };
    Some((project, duration.is_some()))
}

/// `value`, or where it is empty and criteria are given, the weighted sum of the scores
/// (E048 when negative).
fn project_value(cell: &Cell, scores: Option<f64>, diag: &mut Diagnostics) -> f64 {
    match scores {
        Some(v) if cell.is_empty() => {
            if v < 0.0 {
                let message = format!(
                    "value: the weighted sum of the criteria scores is {v}: expected a value ≥ 0 (give a value or change the scores or weights)"
                );
                cell.error(diag, ErrorCode::NegativeCriteriaValue, message);
            }
            v
        }
        _ => cell.non_negative(diag, Need::Required).unwrap_or(0.0),
    }
}

/// earliest_start and deadline (defaults: first and last period); `None` when one is
/// bad or there is no horizon.
fn project_window(
    earliest: &Cell,
    deadline: &Cell,
    horizon: Option<&Horizon>,
    diag: &mut Diagnostics,
) -> Option<(usize, usize)> {
    let last = horizon.map_or(0, |h| h.periods - 1);
    let e = earliest.or_default(earliest.period(diag, Need::Optional, horizon), 0);
    let l = deadline.or_default(deadline.period(diag, Need::Optional, horizon), last);
    Some((e?, l?)).filter(|_| horizon.is_some())
}

/// E040 deadline before earliest_start; E041 window shorter than the duration.
fn check_window(
    h: &Horizon,
    duration: usize,
    earliest: usize,
    deadline: usize,
    duration_cell: &Cell,
    deadline_cell: &Cell,
    diag: &mut Diagnostics,
) {
    if deadline < earliest {
        let message = format!(
            "deadline: expected a period at or after earliest_start {}, found \"{}\" (the project cannot fit)",
            h.label(earliest),
            deadline_cell.text
        );
        deadline_cell.error(diag, ErrorCode::StartAfterDeadline, message);
        return;
    }
    let window = deadline - earliest + 1;
    if window < duration {
        let message = format!(
            "duration: expected at most {window} period(s), the window {}..{} from earliest_start to deadline; found {duration} (the project cannot fit)",
            h.label(earliest),
            h.label(deadline)
        );
        duration_cell.error(diag, ErrorCode::WindowTooShort, message);
    }
}

impl Registry {
    /// The project a cell names (E010, E030); `None` silently when not usable, so that
    /// a broken projects.csv does not cascade into an E030 per row.
    fn find(&self, cell: &Cell, diag: &mut Diagnostics) -> Option<usize> {
        if self.usable {
            project_ref(cell, &self.index, diag)
        } else {
            None
        }
    }
}

// ---------------------------------------------------------------------------------------
// Skills, capacity.csv, people.csv

/// The skill universe, in order of first appearance.
#[derive(Default)]
struct Skills {
    names: Vec<String>,
    index: HashMap<String, usize>,
}

impl Skills {
    fn intern(&mut self, name: &str) -> usize {
        if let Some(&s) = self.index.get(name) {
            return s;
        }
        self.index.insert(name.to_string(), self.names.len());
        self.names.push(name.to_string());
        self.names.len() - 1
    }
}

/// Values per period: a row without period sets every period, a row with a period
/// overrides it. Each value keeps the line that gave it, for duplicates.
#[derive(Default)]
struct PeriodValues {
    all: Option<(f64, usize)>,
    by_period: BTreeMap<usize, (f64, usize)>,
}

impl PeriodValues {
    /// Records a row; `Err(first line)` when the same period (or none) was given before.
    fn set(&mut self, period: Option<usize>, value: f64, line: usize) -> Result<(), usize> {
        let slot = match period {
            None => &mut self.all,
            Some(t) => {
                if let Some(&(_, first)) = self.by_period.get(&t) {
                    return Err(first);
                }
                self.by_period.insert(t, (value, line));
                return Ok(());
            }
        };
        match slot {
            Some((_, first)) => Err(*first),
            None => {
                *slot = Some((value, line));
                Ok(())
            }
        }
    }

    fn expand(&self, periods: usize) -> Vec<f64> {
        let mut v = vec![self.all.map_or(0.0, |(x, _)| x); periods];
        for (&t, &(x, _)) in &self.by_period {
            if let Some(slot) = v.get_mut(t) {
                *slot = x;
            }
        }
        v
    }
}

/// The optional period of a row: `Some(None)` when empty, `Some(Some(t))` for a period,
/// `None` when the row cannot be placed (bad period, reported; or no horizon).
fn row_period(
    cell: &Cell,
    horizon: Option<&Horizon>,
    diag: &mut Diagnostics,
) -> Option<Option<usize>> {
    cell.or_default(cell.period(diag, Need::Optional, horizon).map(Some), None)
}

/// Records a per-period value, E021 when it repeats a row (at the period cell when the
/// row has one, else at the `key_cell`).
fn set_period_value(
    values: &mut PeriodValues,
    period: Option<usize>,
    value: f64,
    cells: (&Cell, &Cell),
    what: &str,
    diag: &mut Diagnostics,
) {
    let (key_cell, period_cell) = cells;
    if let Err(first) = values.set(period, value, key_cell.line) {
        let (cell, scope) = match period {
            Some(_) => (period_cell, format!("period {}", period_cell.text)),
            None => (key_cell, "all periods".to_string()),
        };
        duplicate_row(cell, &format!("{what} ({scope})"), first, diag);
    }
}

fn load_capacity(
    t: Option<&CsvTable>,
    horizon: Option<&Horizon>,
    skills: &mut Skills,
    diag: &mut Diagnostics,
) -> HashMap<usize, PeriodValues> {
    let mut capacity: HashMap<usize, PeriodValues> = HashMap::new();
    let Some(t) = t else { return capacity };
    if !check_columns(
        t,
        &["skill", "capacity"],
        &["skill", "capacity", "period"],
        diag,
    ) {
        return capacity;
    }
    for row in &t.rows {
        let skill_cell = t.cell(row, t.col("skill"));
        let period_cell = t.cell(row, t.col("period"));
        let skill = skill_cell
            .text(diag, Need::Required, "a skill name")
            .map(|s| skills.intern(s));
        let value = t
            .cell(row, t.col("capacity"))
            .non_negative(diag, Need::Required);
        let period = row_period(&period_cell, horizon, diag);
        if let (Some(s), Some(v), Some(p)) = (skill, value, period) {
            let what = format!("capacity of skill {}", skill_cell.text);
            let values = capacity.entry(s).or_default();
            set_period_value(values, p, v, (&skill_cell, &period_cell), &what, diag);
        }
    }
    capacity
}

/// A person being read: skills are the union over the person's rows.
struct PersonAcc {
    name: String,
    line: usize,
    skills: BTreeSet<usize>,
    availability: PeriodValues,
}

impl PersonAcc {
    fn build(self, periods: usize) -> Person {
        Person {
            name: self.name,
            skills: self.skills.into_iter().collect(),
            availability: self.availability.expand(periods),
        }
    }
}

fn load_people(
    t: Option<&CsvTable>,
    horizon: Option<&Horizon>,
    skills: &mut Skills,
    diag: &mut Diagnostics,
) -> Vec<PersonAcc> {
    let mut people: Vec<PersonAcc> = Vec::new();
    let Some(t) = t else { return people };
    let cols = ["person", "skills", "availability", "period"];
    if !check_columns(t, &cols[..3], &cols, diag) {
        return people;
    }
    let mut index: HashMap<String, usize> = HashMap::new();
    for row in &t.rows {
        let person_cell = t.cell(row, t.col("person"));
        let period_cell = t.cell(row, t.col("period"));
        let skills_cell = t.cell(row, t.col("skills"));
        let skills_text = skills_cell
            .text(diag, Need::Optional, "skill names separated by |")
            .unwrap_or("");
        let row_skills: Vec<usize> = split_skills(skills_text)
            .map(|s| skills.intern(s))
            .collect();
        let value = t
            .cell(row, t.col("availability"))
            .non_negative(diag, Need::Required);
        let period = row_period(&period_cell, horizon, diag);
        let Some(name) = person_cell.text(diag, Need::Required, "a person's name") else {
            continue;
        };
        let p = *index.entry(name.to_string()).or_insert_with(|| {
            people.push(PersonAcc {
                name: name.to_string(),
                line: row.line,
                skills: BTreeSet::new(),
                availability: PeriodValues::default(),
            });
            people.len() - 1
        });
        let person = &mut people[p];
        person.skills.extend(row_skills);
        if let (Some(v), Some(period)) = (value, period) {
            let what = format!("availability of {name}");
            set_period_value(
                &mut person.availability,
                period,
                v,
                (&person_cell, &period_cell),
                &what,
                diag,
            );
        }
    }
    warn_people_without_skills(t, &people, diag);
    people
}

/// `Dev | QA|` → `Dev`, `QA`.
fn split_skills(text: &str) -> impl Iterator<Item = &str> {
    text.split('|').map(str::trim).filter(|s| !s.is_empty())
}

fn warn_people_without_skills(t: &CsvTable, people: &[PersonAcc], diag: &mut Diagnostics) {
    let column = t.column("skills").map(|i| i + 1);
    for p in people.iter().filter(|p| p.skills.is_empty()) {
        let message = format!(
            "person {} has no skill: their availability is not used",
            p.name
        );
        diag.warn(&t.file, Some(p.line), column, message);
    }
}

// ---------------------------------------------------------------------------------------
// demand.csv

/// One (project, skill) demand being read: a flat total or effort per offset.
struct DemandAcc {
    project: usize,
    skill: usize,
    total: f64,
    by_offset: BTreeMap<usize, f64>,
}

impl DemandAcc {
    /// The profile over the project's run (flat total spread evenly, or the offsets).
    fn build(self, projects: &[Project]) -> Demand {
        let duration = projects[self.project].duration;
        let mut profile = if self.by_offset.is_empty() {
            vec![self.total / duration as f64; duration]
        } else {
            vec![0.0; duration]
        };
        for (o, e) in self.by_offset {
            if let Some(slot) = o.checked_sub(1).and_then(|i| profile.get_mut(i)) {
                *slot += e;
            }
        }
        Demand {
            project: self.project,
            skill: self.skill,
            profile,
        }
    }
}

/// The state of a demand.csv read.
#[derive(Default)]
struct DemandRead {
    demands: Vec<DemandAcc>,
    index: HashMap<(usize, usize), usize>,
    /// Line of each (project, skill, offset) row, for duplicates.
    rows: HashMap<(usize, usize, Option<usize>), usize>,
    /// Whether each project's rows have an offset, and the line of its first row.
    with_offset: HashMap<usize, (bool, usize)>,
    mixed_reported: HashSet<usize>,
}

fn load_demand(
    t: Option<&CsvTable>,
    reg: &Registry,
    skills: &mut Skills,
    diag: &mut Diagnostics,
) -> Vec<DemandAcc> {
    let mut read = DemandRead::default();
    let Some(t) = t else { return read.demands };
    let cols = ["project", "skill", "effort", "offset"];
    if !check_columns(t, &cols[..3], &cols, diag) {
        return read.demands;
    }
    let known_skills = skills.names.len();
    for row in &t.rows {
        let project = reg.find(&t.cell(row, t.col("project")), diag);
        let skill = demand_skill(&t.cell(row, t.col("skill")), skills, known_skills, diag);
        let effort_cell = t.cell(row, t.col("effort"));
        let effort = effort_cell.non_negative(diag, Need::Required);
        let Some(p) = project else { continue };
        let Some(offset) = demand_offset(&t.cell(row, t.col("offset")), p, reg, &mut read, diag)
        else {
            continue;
        };
        if let (Some(s), Some(e)) = (skill, effort) {
            read.add((p, s, offset), e, &effort_cell, diag);
        }
    }
    read.demands
}

/// The skill of a demand row, added to the universe; a warning the first time a skill
/// that capacity.csv and people.csv (the first `known` skills) do not name is seen.
fn demand_skill(
    cell: &Cell,
    skills: &mut Skills,
    known: usize,
    diag: &mut Diagnostics,
) -> Option<usize> {
    let name = cell.text(diag, Need::Required, "a skill name")?;
    if !skills.index.contains_key(name) {
        warn_skill_without_capacity(cell, &skills.names[..known], diag);
    }
    Some(skills.intern(name))
}

/// A demand skill that neither capacity.csv nor people.csv names: capacity 0 (warning).
fn warn_skill_without_capacity(cell: &Cell, known: &[String], diag: &mut Diagnostics) {
    let mut message = format!(
        "skill \"{}\" appears in neither capacity.csv nor people.csv: it has capacity 0, so projects that need it cannot run",
        cell.text
    );
    if let Some(other) = case_variant(cell.text, known.iter().map(String::as_str)) {
        message.push_str(&format!(
            "; did you mean \"{other}\"? skill names are case-sensitive"
        ));
    }
    cell.warn(diag, message);
}

/// The row's offset: `Some(None)` flat, `Some(Some(o))` profiled, `None` when the row
/// is rejected (bad offset E013/E044, or mixed rows E045 once per project).
fn demand_offset(
    cell: &Cell,
    p: usize,
    reg: &Registry,
    read: &mut DemandRead,
    diag: &mut Diagnostics,
) -> Option<Option<usize>> {
    let has_offset = !cell.is_empty();
    let (mode, first) = *read.with_offset.entry(p).or_insert((has_offset, cell.line));
    if mode != has_offset {
        if read.mixed_reported.insert(p) {
            let expected = format!(
                "{} like line {first}, the first row of project {} (a project's rows are all with or all without offset)",
                if mode { "an offset" } else { "no offset" },
                reg.projects[p].id
            );
            cell.error(
                diag,
                ErrorCode::MixedProfile,
                cell.expected_message(&expected),
            );
        }
        return None;
    }
    if !has_offset {
        return Some(None);
    }
    let o = cell.integer(diag, Need::Optional)?;
    let duration = reg.projects[p].duration;
    match usize::try_from(o) {
        Ok(o) if o >= 1 && (o <= duration || !reg.duration_ok[p]) => Some(Some(o)),
        _ => {
            let expected = format!(
                "an integer from 1 to {duration} (the duration of {})",
                reg.projects[p].id
            );
            cell.error(
                diag,
                ErrorCode::OffsetOutOfRange,
                cell.expected_message(&expected),
            );
            None
        }
    }
}

impl DemandRead {
    /// Adds a row's effort; rows repeating a (project, skill[, offset]) add up, with a
    /// warning at `row_cell`.
    fn add(
        &mut self,
        key: (usize, usize, Option<usize>),
        effort: f64,
        row_cell: &Cell,
        diag: &mut Diagnostics,
    ) {
        let (p, s, offset) = key;
        if let Some(&first) = self.rows.get(&key) {
            row_cell.warn(
                diag,
                format!("demand row repeats line {first} (same project, skill and offset): the efforts add up"),
            );
        } else {
            self.rows.insert(key, row_cell.line);
        }
        let i = *self.index.entry((p, s)).or_insert_with(|| {
            self.demands.push(DemandAcc {
                project: p,
                skill: s,
                total: 0.0,
                by_offset: BTreeMap::new(),
            });
            self.demands.len() - 1
        });
        let d = &mut self.demands[i];
        match offset {
            None => d.total += effort,
            Some(o) => *d.by_offset.entry(o).or_insert(0.0) += effort,
        }
    }
}

// ---------------------------------------------------------------------------------------
// dependencies.csv

/// A precedes/requires row, as an edge of the cycle check.
struct Edge {
    from: usize,
    to: usize,
    line: usize,
}

fn load_dependencies(
    t: Option<&CsvTable>,
    reg: &Registry,
    diag: &mut Diagnostics,
) -> Vec<Dependency> {
    let mut deps = Vec::new();
    let Some(t) = t else { return deps };
    let cols = ["from", "to", "type", "lag"];
    if !check_columns(t, &cols[..2], &cols, diag) {
        return deps;
    }
    let mut edges = Vec::new();
    for row in &t.rows {
        if let Some(dep) = dependency_row(t, row, reg, diag) {
            if dep.kind != DepKind::Excludes {
                edges.push(Edge {
                    from: dep.from,
                    to: dep.to,
                    line: row.line,
                });
            }
            deps.push(dep);
        }
    }
    report_cycles(t, edges, reg, diag);
    deps
}

fn dependency_row(
    t: &CsvTable,
    row: &CsvRow,
    reg: &Registry,
    diag: &mut Diagnostics,
) -> Option<Dependency> {
    let to_cell = t.cell(row, t.col("to"));
    let from = reg.find(&t.cell(row, t.col("from")), diag);
    let to = reg.find(&to_cell, diag);
    let kinds = [
        ("precedes", DepKind::Precedes { lag: 0 }),
        ("requires", DepKind::Requires),
        ("excludes", DepKind::Excludes),
    ];
    let type_cell = t.cell(row, t.col("type"));
    let kind = type_cell.or_default(type_cell.keyword(diag, Need::Optional, &kinds), kinds[0].1);
    let lag_cell = t.cell(row, t.col("lag"));
    let lag = lag_cell.or_default(lag_cell.integer(diag, Need::Optional), 0);
    let (from, to, kind, lag) = (from?, to?, kind?, lag?);
    if from == to {
        let message = format!("to: expected a project other than from, found \"{}\" (a project cannot depend on itself)", to_cell.text);
        to_cell.error(diag, ErrorCode::SelfDependency, message);
        return None;
    }
    let kind = match kind {
        DepKind::Precedes { .. } => DepKind::Precedes { lag },
        other => {
            if lag != 0 {
                lag_cell.warn(
                    diag,
                    format!(
                        "lag ignored: it applies to precedes rows only, this row is {}",
                        type_cell.text
                    ),
                );
            }
            other
        }
    };
    Some(Dependency { from, to, kind })
}

/// E043 for each distinct cycle through precedes/requires rows: the edges of each cycle
/// found are removed before looking for the next, so every cycle reported is new.
fn report_cycles(t: &CsvTable, mut edges: Vec<Edge>, reg: &Registry, diag: &mut Diagnostics) {
    let n = reg.projects.len();
    let column = t.column("from").map(|i| i + 1);
    loop {
        let pairs: Vec<(usize, usize)> = edges.iter().map(|e| (e.from, e.to)).collect();
        let Some(cycle) = find_cycle(n, &pairs) else {
            break;
        };
        let steps: Vec<(usize, usize)> = (0..cycle.len())
            .map(|i| (cycle[i], cycle[(i + 1) % cycle.len()]))
            .collect();
        let on_cycle = |e: &Edge| steps.contains(&(e.from, e.to));
        let mut lines: Vec<usize> = edges
            .iter()
            .filter(|e| on_cycle(e))
            .map(|e| e.line)
            .collect();
        lines.sort_unstable();
        lines.dedup();
        let Some(&line) = lines.first() else { break };
        let mut names: Vec<&str> = cycle.iter().map(|&p| reg.projects[p].id.as_str()).collect();
        names.push(names[0]);
        let rows: Vec<String> = lines.iter().map(usize::to_string).collect();
        let message = format!(
            "dependency cycle {} (precedes/requires rows on lines {}): expected dependencies without a cycle",
            names.join(" → "),
            rows.join(", ")
        );
        diag.error(
            &t.file,
            Some(line),
            column,
            ErrorCode::DependencyCycle,
            message,
        );
        edges.retain(|e| !on_cycle(e));
    }
}

// ---------------------------------------------------------------------------------------
// budgets.csv

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ScopeKind {
    Period,
    Category,
    Total,
}

fn load_budgets(
    t: Option<&CsvTable>,
    horizon: Option<&Horizon>,
    reg: &Registry,
    diag: &mut Diagnostics,
) -> Vec<BudgetLimit> {
    let Some(t) = t else { return Vec::new() };
    let cols = ["scope", "key", "max", "min"];
    if !check_columns(t, &cols[..3], &cols, diag) {
        return Vec::new();
    }
    let categories: HashSet<&str> = reg
        .projects
        .iter()
        .filter_map(|p| p.category.as_deref())
        .collect();
    t.rows
        .iter()
        .filter_map(|row| budget_row(t, row, horizon, &categories, diag))
        .collect()
}

fn budget_row(
    t: &CsvTable,
    row: &CsvRow,
    horizon: Option<&Horizon>,
    categories: &HashSet<&str>,
    diag: &mut Diagnostics,
) -> Option<BudgetLimit> {
    let kinds = [
        ("period", ScopeKind::Period),
        ("category", ScopeKind::Category),
        ("total", ScopeKind::Total),
    ];
    let kind = t
        .cell(row, t.col("scope"))
        .keyword(diag, Need::Required, &kinds);
    let key_cell = t.cell(row, t.col("key"));
    let scope = kind.and_then(|k| budget_scope(k, &key_cell, horizon, categories, diag));
    let (min, max) = budget_bounds(&t.cell(row, t.col("min")), &t.cell(row, t.col("max")), diag)?;
    Some(BudgetLimit {
        scope: scope?,
        min,
        max,
        source: format!("{} line {}", t.file, row.line),
    })
}

fn budget_scope(
    kind: ScopeKind,
    key: &Cell,
    horizon: Option<&Horizon>,
    categories: &HashSet<&str>,
    diag: &mut Diagnostics,
) -> Option<BudgetScope> {
    match kind {
        ScopeKind::Period => {
            period_range(key, horizon, diag).map(|(a, b)| BudgetScope::Periods(a, b))
        }
        ScopeKind::Category => {
            let name = key.text(diag, Need::Required, "a category of projects.csv")?;
            if !categories.contains(name) {
                key.warn(
                    diag,
                    format!("no project has category \"{name}\": this budget limits nothing"),
                );
            }
            Some(BudgetScope::Category(name.to_string()))
        }
        ScopeKind::Total => {
            if !key.is_empty() {
                key.warn(diag, "key ignored: a total budget has no key");
            }
            Some(BudgetScope::Total)
        }
    }
}

/// A period `t` → `(t, t)`, or (pmo's extension) a range `A..B` → `(A, B)`, B ≥ A.
fn period_range(
    key: &Cell,
    horizon: Option<&Horizon>,
    diag: &mut Diagnostics,
) -> Option<(usize, usize)> {
    let Some((a, b)) = key.text.split_once("..") else {
        return key.period(diag, Need::Required, horizon).map(|t| (t, t));
    };
    let a = key
        .with_text(a.trim())
        .period(diag, Need::Required, horizon);
    let b = key
        .with_text(b.trim())
        .period(diag, Need::Required, horizon);
    let (a, b) = (a?, b?);
    if b < a {
        let expected = "a period or a range A..B of periods with B not before A";
        key.error(
            diag,
            ErrorCode::UnknownPeriod,
            key.expected_message(expected),
        );
        return None;
    }
    Some((a, b))
}

/// min and max (≥ 0): E047 when both are empty, E046 when min > max.
fn budget_bounds(
    min_cell: &Cell,
    max_cell: &Cell,
    diag: &mut Diagnostics,
) -> Option<(Option<f64>, Option<f64>)> {
    if min_cell.is_empty() && max_cell.is_empty() {
        let message = "max: expected a max, a min or both, found neither";
        max_cell.error(diag, ErrorCode::EmptyBudget, message);
        return None;
    }
    let min = min_cell.or_default(min_cell.non_negative(diag, Need::Optional).map(Some), None);
    let max = max_cell.or_default(max_cell.non_negative(diag, Need::Optional).map(Some), None);
    let (min, max) = (min?, max?);
    if let (Some(lo), Some(hi)) = (min, max) {
        if lo > hi {
            let message = format!("min: expected at most max ({hi}), found {lo}");
            min_cell.error(diag, ErrorCode::MinAboveMax, message);
            return None;
        }
    }
    Some((min, max))
}
