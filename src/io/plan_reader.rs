//! Reads a plan.csv back (written by pmo, or edited by hand, in Excel too) for the plan
//! checker. Same CSV rules as the portfolio (`,` or `;`, decimal commas, BOM, CRLF).
//!
//! Columns: `project` (or `id`) and `start` required; `selected` (boolean; when the column
//! is absent a project is selected when it has a start); `finish` optional, recorded in
//! [`LoadedPlan::stated_finish`] and not checked here. Other columns (name, value,
//! reason…) are ignored silently.

use super::csvread::{read_table, CsvRow, CsvTable, Need};
use super::error::{Diagnostics, ErrorCode, LoadErrors, Warning};
use super::portfolio::project_ref;
use crate::model::{Plan, Portfolio};
use std::collections::HashMap;
use std::path::Path;

/// A plan read from a file.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedPlan {
    pub plan: Plan,
    /// The finish period each row states (0-based), when it states one.
    pub stated_finish: Vec<Option<usize>>,
    /// Projects without a row (they count as not selected; the checker reports them).
    pub missing: Vec<usize>,
    pub warnings: Vec<Warning>,
}

/// Reads the plan at `path` against `portfolio`. `Err` holds every input error: unknown
/// project (E030), duplicate row (E021), malformed cell (E014, E032…), a selected project
/// without start (E010), a missing column (E003).
pub fn read_plan(path: &Path, portfolio: &Portfolio) -> Result<LoadedPlan, LoadErrors> {
    let mut diag = Diagnostics::default();
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let table = if path.exists() {
        read_table(path, &file, &mut diag)
    } else {
        let message = format!("plan file {} not found", path.display());
        diag.error(&file, None, None, ErrorCode::MissingFile, message);
        None
    };
    let mut read = PlanRead::new(portfolio);
    if let Some(t) = table {
        read.rows(&t, &mut diag);
    }
    let warnings = diag.finish()?;
    let missing = (0..portfolio.projects.len())
        .filter(|&p| read.lines[p].is_none())
        .collect();
    Ok(LoadedPlan {
        plan: read.plan,
        stated_finish: read.stated_finish,
        missing,
        warnings,
    })
}

/// The state of a plan read.
struct PlanRead<'p> {
    portfolio: &'p Portfolio,
    index: HashMap<String, usize>,
    plan: Plan,
    stated_finish: Vec<Option<usize>>,
    /// Line of each project's row.
    lines: Vec<Option<usize>>,
}

impl<'p> PlanRead<'p> {
    fn new(portfolio: &'p Portfolio) -> Self {
        let n = portfolio.projects.len();
        PlanRead {
            portfolio,
            index: portfolio
                .projects
                .iter()
                .enumerate()
                .map(|(i, p)| (p.id.clone(), i))
                .collect(),
            plan: Plan::empty(n),
            stated_finish: vec![None; n],
            lines: vec![None; n],
        }
    }

    fn rows(&mut self, t: &CsvTable, diag: &mut Diagnostics) {
        let id_name = if t.column("project").is_none() && t.column("id").is_some() {
            "id"
        } else {
            "project"
        };
        if !t.require_columns(&[id_name, "start"], diag) {
            return;
        }
        for row in &t.rows {
            self.row(t, row, id_name, diag);
        }
    }

    fn row(&mut self, t: &CsvTable, row: &CsvRow, id_name: &str, diag: &mut Diagnostics) {
        let horizon = Some(&self.portfolio.horizon);
        let id_cell = t.cell(row, t.col(id_name));
        let selected_cell = t.cell(row, t.col("selected"));
        let start_cell = t.cell(row, t.col("start"));
        let finish_cell = t.cell(row, t.col("finish"));
        let project = project_ref(&id_cell, &self.index, diag);
        let selected = selected_cell.or_default(
            selected_cell.boolean(diag, Need::Optional),
            !start_cell.is_empty(),
        );
        let need = if selected == Some(true) {
            Need::Required
        } else {
            Need::Optional
        };
        let start = start_cell.period(diag, need, horizon);
        let finish = finish_cell.period(diag, Need::Optional, horizon);
        let Some(p) = project else { return };
        if let Some(first) = self.lines[p] {
            let message = format!(
                "{id_name}: expected one row per project, found a second row for \"{}\" (first on line {first})",
                id_cell.text
            );
            id_cell.error(diag, ErrorCode::DuplicateRow, message);
            return;
        }
        self.lines[p] = Some(row.line);
        if selected == Some(false) && !start_cell.is_empty() {
            start_cell.warn(diag, "start ignored: the project is not selected");
        }
        self.plan.start[p] = start.filter(|_| selected == Some(true));
        self.stated_finish[p] = finish;
    }
}
