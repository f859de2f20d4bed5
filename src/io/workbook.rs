//! Workbooks as portfolio sources: an Excel or LibreOffice workbook (.xlsx, .xlsm, .xls,
//! .ods, read with calamine) holds one sheet per file of FORMAT.md, named as the file
//! without `.csv` (case-insensitive: `Projects`, `settings`), with the same header row
//! and columns. Each sheet becomes the same table as a CSV file ([`sheet_table`]), and
//! the one loader ([`load_tables`]) reads it: the same rules, codes and model.
//!
//! What differs is the cells and the places:
//! - cells are typed: a number is a number (no decimal-comma question), a boolean a
//!   boolean, a date in a period column the period containing it (monthly and quarterly
//!   horizons), a formula is read through its cached value, and an error cell (`#REF!`,
//!   `#DIV/0!`) is an input error with the code of the column's parser;
//! - errors and warnings name the workbook, the sheet and the cell
//!   (`portfolio.xlsx: projects!D7`), and "line N" in their messages becomes "row N".
//!
//! Row N of a sheet stands for line N of its file: the loader's line references
//! (`budgets.csv line 5` in a budget's source, shown in plan.csv's reasons) are the same
//! for a folder and for the workbook `pmo convert` makes of it, so that both give
//! byte-identical plans. Sheets of the other contracts (scenarios, actuals, assignments)
//! are carried by `pmo convert`; any other sheet is ignored with a warning.

use super::csvread::{sheet_table, CellValue, Col, CsvTable, Need, SheetCell};
use super::error::{Diagnostics, ErrorCode, InputError, LoadErrors, Location, Warning};
use super::portfolio::{load_portfolio, load_tables, Loaded, PortfolioTables, PORTFOLIO_FILES};
use crate::model::{Horizon, HorizonKind};
use calamine::{open_workbook_auto, Data, Reader};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The extensions read as workbooks (any case).
pub const WORKBOOK_EXTENSIONS: [&str; 4] = ["xlsx", "xlsm", "xls", "ods"];

/// The files of the other contracts (FORMAT.md's neighbours) that a workbook may hold:
/// `pmo convert` carries them between a folder and a workbook.
pub const OTHER_FILES: [&str; 3] = ["scenarios.csv", "actuals.csv", "assignments.csv"];

/// Whether `path` names a workbook (by its extension).
pub fn is_workbook(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| WORKBOOK_EXTENSIONS.contains(&e.to_lowercase().as_str()))
}

/// Loads a portfolio from a folder or, when `path` is a file (a workbook), from a
/// workbook: what every command that takes a portfolio calls.
pub fn load_source(path: &Path) -> Result<Loaded, LoadErrors> {
    if is_workbook(path) || path.is_file() {
        load_workbook(path)
    } else {
        load_portfolio(path)
    }
}

/// Where a command writes by default: `DIR/out` for a folder, `out/` beside a workbook.
pub fn default_out_dir(path: &Path) -> PathBuf {
    if is_workbook(path) || path.is_file() {
        match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.join("out"),
            _ => PathBuf::from("out"),
        }
    } else {
        path.join("out")
    }
}

/// The name of a portfolio read from `path`: a workbook's file stem (`portfolio` for
/// `portfolio.xlsx`).
fn workbook_name(path: &Path) -> String {
    path.file_stem().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The file name shown in messages (`portfolio.xlsx`).
fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

// ---------------------------------------------------------------------------------------
// Reading

/// One sheet: its name and its rows, each with its 1-based row number and its cells
/// from column A.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<(usize, Vec<SheetCell>)>,
}

/// The typed cell of a calamine value (see [`CellValue`]).
fn sheet_cell(data: &Data) -> SheetCell {
    match data {
        Data::Empty => SheetCell::default(),
        // An ODS formula error reaches calamine as its text (`#DIV/0!`, `Err:502`).
        Data::String(s) if is_error_literal(s.trim()) => {
            SheetCell::typed(CellValue::Error(s.trim().to_string()))
        }
        Data::String(s) => SheetCell::text(s.trim()),
        Data::Int(i) => SheetCell::typed(CellValue::Number(*i as f64)),
        Data::Float(x) => SheetCell::typed(CellValue::Number(*x)),
        Data::Bool(b) => SheetCell::typed(CellValue::Bool(*b)),
        Data::DateTime(dt) if dt.is_duration() => SheetCell::typed(CellValue::Number(dt.as_f64())),
        Data::DateTime(dt) => {
            let (year, month, day, ..) = dt.to_ymd_hms_milli();
            SheetCell::typed(CellValue::Date {
                year: i32::from(year),
                month: u32::from(month),
                day: u32::from(day),
            })
        }
        Data::DateTimeIso(s) => match iso_date(s) {
            Some((year, month, day)) => SheetCell::typed(CellValue::Date { year, month, day }),
            None => SheetCell::text(s.trim()),
        },
        Data::DurationIso(s) => SheetCell::text(s.trim()),
        Data::Error(e) => SheetCell::typed(CellValue::Error(e.to_string())),
    }
}

/// The text of a spreadsheet formula error: Excel's (`#REF!`, `#DIV/0!`…) and
/// LibreOffice's own (`Err:502`).
fn is_error_literal(s: &str) -> bool {
    const ERRORS: [&str; 11] = [
        "#DIV/0!",
        "#N/A",
        "#NAME?",
        "#NULL!",
        "#NUM!",
        "#REF!",
        "#VALUE!",
        "#DATA!",
        "#GETTING_DATA",
        "#SPILL!",
        "#CALC!",
    ];
    ERRORS.contains(&s)
        || s.strip_prefix("Err:")
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// `2027-03-15` (optionally followed by a time) → (2027, 3, 15).
fn iso_date(s: &str) -> Option<(i32, u32, u32)> {
    let date = s.trim().get(..10)?;
    let mut parts = date.split('-');
    let y: i32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let d: u32 = parts.next()?.parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

/// Reads every sheet of the workbook at `path` (their cached values for formulas).
pub fn read_sheets(path: &Path) -> Result<Vec<Sheet>, String> {
    if !is_workbook(path) {
        return Err(format!(
            "expected a portfolio folder or a workbook ({}), found the file {}",
            WORKBOOK_EXTENSIONS.map(|e| format!(".{e}")).join(", "),
            path.display()
        ));
    }
    let mut book =
        open_workbook_auto(path).map_err(|e| format!("cannot read the workbook: {e}"))?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| format!("cannot read sheet {name}: {e}"))?;
        let (row0, col0) = range.start().unwrap_or((0, 0));
        let rows = range
            .rows()
            .enumerate()
            .map(|(r, cells)| {
                let mut row: Vec<SheetCell> = vec![SheetCell::default(); col0 as usize];
                row.extend(cells.iter().map(sheet_cell));
                (row0 as usize + r + 1, row)
            })
            .collect();
        sheets.push(Sheet { name, rows });
    }
    Ok(sheets)
}

/// The contract file a sheet name stands for (`Projects` → `projects.csv`).
fn contract_file(sheet: &str) -> Option<&'static str> {
    let key = sheet.trim().to_lowercase();
    let key = key.strip_suffix(".csv").unwrap_or(&key);
    PORTFOLIO_FILES
        .iter()
        .chain(OTHER_FILES.iter())
        .find(|f| f.strip_suffix(".csv") == Some(key))
        .copied()
}

/// A workbook's tables: the portfolio's, the other contracts' (in [`OTHER_FILES`]
/// order) and the sheet that stands for each file (for messages).
#[derive(Debug, Clone, Default)]
pub struct WorkbookTables {
    pub portfolio: PortfolioTables,
    pub others: Vec<(&'static str, CsvTable)>,
    /// (file, sheet name) of every sheet read.
    pub sheets: Vec<(&'static str, String)>,
}

/// Reads the workbook at `path` into tables. Problems of the workbook itself (unreadable,
/// a required sheet missing, two sheets for one file) go to `workbook_errors`, already
/// placed (`portfolio.xlsx`); the tables' own go to `diag`, placed as files
/// (`projects.csv:7:4`) until [`place_diagnostics`] names their sheets and cells.
pub fn read_workbook_tables(
    path: &Path,
    diag: &mut Diagnostics,
    workbook_errors: &mut Vec<InputError>,
) -> WorkbookTables {
    let book = display_name(path);
    let mut tables = WorkbookTables::default();
    let whole = |code, message: String| InputError {
        location: Location {
            file: book.clone(),
            line: None,
            column: None,
        },
        code,
        message,
    };
    if !path.exists() {
        let message = format!("workbook {} not found", path.display());
        workbook_errors.push(whole(ErrorCode::MissingFile, message));
        return tables;
    }
    let sheets = match read_sheets(path) {
        Ok(s) => s,
        Err(message) => {
            workbook_errors.push(whole(ErrorCode::UnreadableFile, message));
            return tables;
        }
    };
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for sheet in &sheets {
        let Some(file) = contract_file(&sheet.name) else {
            let known: Vec<&str> = PORTFOLIO_FILES
                .iter()
                .chain(OTHER_FILES.iter())
                .map(|f| f.trim_end_matches(".csv"))
                .collect();
            diag.warnings.push(Warning {
                location: Location {
                    file: book.clone(),
                    line: None,
                    column: None,
                },
                message: format!(
                    "sheet \"{}\" ignored (known sheets: {})",
                    sheet.name,
                    known.join(", ")
                ),
            });
            continue;
        };
        if let Some(first) = seen.get(file) {
            let message = format!(
                "sheets \"{first}\" and \"{}\" both stand for {file}: expected one sheet named {}",
                sheet.name,
                file.trim_end_matches(".csv")
            );
            workbook_errors.push(whole(ErrorCode::MalformedCsv, message));
            continue;
        }
        seen.insert(file, &sheet.name);
        tables.sheets.push((file, sheet.name.clone()));
        let table = sheet_table(file, sheet.rows.clone(), diag);
        match tables.portfolio.slot(file) {
            Some(slot) => *slot = table,
            None => tables.others.extend(table.map(|t| (file, t))),
        }
    }
    tables
        .others
        .sort_by_key(|(f, _)| OTHER_FILES.iter().position(|o| o == f));
    for file in &PORTFOLIO_FILES[..2] {
        if !seen.contains_key(file) {
            let sheet = file.trim_end_matches(".csv");
            let message = format!(
                "required sheet {sheet} not found in {} (its sheets: {})",
                path.display(),
                if names.is_empty() {
                    "none".to_string()
                } else {
                    names.join(", ")
                }
            );
            workbook_errors.push(whole(ErrorCode::MissingFile, message));
        }
    }
    tables
}

/// Loads the portfolio of the workbook at `path` (see the module documentation). `Err`
/// holds every error of the load: the workbook's own first, then the sheets', sorted
/// by sheet, row and column.
pub fn load_workbook(path: &Path) -> Result<Loaded, LoadErrors> {
    let mut diag = Diagnostics::default();
    let mut workbook_errors = Vec::new();
    let tables = read_workbook_tables(path, &mut diag, &mut workbook_errors);
    let book = display_name(path);
    // The workbook's own errors go into the load (so that it fails like a folder's with
    // a missing file), placed first (an empty file name sorts first) and named after.
    diag.errors
        .extend(workbook_errors.into_iter().map(|e| InputError {
            location: Location {
                file: String::new(),
                line: None,
                column: None,
            },
            ..e
        }));
    let places = Places::new(&book, &tables.sheets);
    match load_tables(&tables.portfolio, workbook_name(path), diag) {
        Ok(loaded) => Ok(Loaded {
            warnings: places.warnings(loaded.warnings),
            portfolio: loaded.portfolio,
        }),
        Err(LoadErrors(errors)) => Err(LoadErrors(
            errors
                .into_iter()
                .map(|e| {
                    if e.location.file.is_empty() {
                        InputError {
                            location: Location {
                                file: book.clone(),
                                line: None,
                                column: None,
                            },
                            ..e
                        }
                    } else {
                        places.errors(vec![e]).remove(0)
                    }
                })
                .collect(),
        )),
    }
}

// ---------------------------------------------------------------------------------------
// Places

/// Names the places of a workbook's diagnostics: `projects.csv:7:4` →
/// `portfolio.xlsx: projects!D7`.
pub struct Places<'a> {
    book: &'a str,
    /// File → sheet name, for every contract file (the file's stem when no sheet is
    /// read for it, so that messages naming it read as sheets too).
    sheets: Vec<(&'static str, String)>,
    read: Vec<&'static str>,
}

impl<'a> Places<'a> {
    pub fn new(book: &'a str, read: &[(&'static str, String)]) -> Self {
        let sheets = PORTFOLIO_FILES
            .iter()
            .chain(OTHER_FILES.iter())
            .map(|f| {
                let name = read.iter().find(|(r, _)| r == f).map_or_else(
                    || f.trim_end_matches(".csv").to_string(),
                    |(_, s)| s.clone(),
                );
                (*f, name)
            })
            .collect();
        Places {
            book,
            sheets,
            read: read.iter().map(|(f, _)| *f).collect(),
        }
    }

    fn sheet(&self, file: &str) -> Option<&str> {
        self.sheets
            .iter()
            .find(|(f, _)| *f == file)
            .map(|(_, s)| s.as_str())
    }

    /// The workbook place of a file place.
    pub fn location(&self, loc: &Location) -> Location {
        let Some(sheet) = self.sheet(&loc.file) else {
            return loc.clone();
        };
        let sheet = quote_sheet(sheet);
        let at = match (loc.line, loc.column) {
            (Some(l), Some(c)) => format!("{sheet}!{}{l}", column_letters(c)),
            (Some(l), None) => format!("{sheet}!{l}:{l}"),
            _ => sheet,
        };
        Location {
            file: format!("{}: {at}", self.book),
            line: None,
            column: None,
        }
    }

    /// A message with "line N" as "row N" and file names as sheet names.
    pub fn message(&self, message: &str) -> String {
        let mut out = rows_for_lines(message);
        for (file, sheet) in &self.sheets {
            if out.contains(file) {
                let word = if self.read.contains(file) {
                    format!("sheet {sheet}")
                } else {
                    format!("sheet {sheet} (absent)")
                };
                out = out.replace(file, &word);
            }
        }
        out
    }

    pub fn errors(&self, errors: Vec<InputError>) -> Vec<InputError> {
        errors
            .into_iter()
            .map(|e| InputError {
                location: self.location(&e.location),
                code: e.code,
                message: self.message(&e.message),
            })
            .collect()
    }

    pub fn warnings(&self, warnings: Vec<Warning>) -> Vec<Warning> {
        warnings
            .into_iter()
            .map(|w| Warning {
                location: self.location(&w.location),
                message: self.message(&w.message),
            })
            .collect()
    }
}

/// `A`, `B`, … `Z`, `AA`… for a 1-based column.
pub fn column_letters(mut column: usize) -> String {
    let mut letters = Vec::new();
    while column > 0 {
        let rem = (column - 1) % 26;
        letters.push(b'A' + rem as u8);
        column = (column - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// A sheet name as a reference writes it: quoted unless letters, digits and `_`.
fn quote_sheet(name: &str) -> String {
    if !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        name.to_string()
    } else {
        format!("'{}'", name.replace('\'', "''"))
    }
}

/// "line 3" → "row 3", "lines 2, 3" → "rows 2, 3" (only before a number).
fn rows_for_lines(message: &str) -> String {
    let message = message.replace("rows on lines ", "rows ");
    let mut out = String::with_capacity(message.len());
    let mut rest = message.as_str();
    while let Some(i) = rest.find("line") {
        let (before, after) = rest.split_at(i);
        out.push_str(before);
        let word_start = before.chars().last().is_none_or(|c| !c.is_alphanumeric());
        let (word, tail) = if let Some(t) = after.strip_prefix("lines ") {
            ("rows ", t)
        } else if let Some(t) = after.strip_prefix("line ") {
            ("row ", t)
        } else {
            ("line", &after[4..])
        };
        if word != "line" && word_start && tail.starts_with(|c: char| c.is_ascii_digit()) {
            out.push_str(word);
        } else {
            out.push_str(&after[..after.len() - tail.len()]);
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

// ---------------------------------------------------------------------------------------
// The columns' types (for `pmo convert`)

/// What a column holds, for writing it typed into a workbook or as text into a CSV file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    Text,
    Number,
    Bool,
    Period,
}

/// The kind of `column` (lower case) of the portfolio file `file`; `criteria` are the
/// score columns of projects.csv. Settings values: [`setting_kind`].
pub fn column_kind(file: &str, column: &str, criteria: &[String]) -> ColumnKind {
    use ColumnKind::*;
    match (file, column) {
        ("projects.csv", "value" | "benefit" | "cost" | "duration") => Number,
        ("projects.csv", "mandatory") => Bool,
        ("projects.csv", "earliest_start" | "deadline") => Period,
        ("projects.csv", c) if criteria.iter().any(|k| k == c) => Number,
        ("demand.csv", "effort" | "offset") => Number,
        ("capacity.csv", "capacity") => Number,
        ("capacity.csv" | "people.csv", "period") => Period,
        ("people.csv", "availability") => Number,
        ("dependencies.csv", "lag") => Number,
        ("budgets.csv", "max" | "min") => Number,
        ("budgets.csv", "key") => Period,
        ("criteria.csv", "weight") => Number,
        _ => Text,
    }
}

/// The kind of a settings value, by its key.
pub fn setting_kind(key: &str) -> ColumnKind {
    match key.trim().to_lowercase().as_str() {
        "periods" | "budget" | "time_limit" | "mip_gap" => ColumnKind::Number,
        "horizon_start" => ColumnKind::Period,
        _ => ColumnKind::Text,
    }
}

/// The score columns named by a criteria table (lower case).
pub fn criteria_columns(criteria: Option<&CsvTable>) -> Vec<String> {
    let Some(t) = criteria else {
        return Vec::new();
    };
    let col = t.col("criterion");
    t.rows
        .iter()
        .map(|r| t.cell(r, col).text.to_lowercase())
        .filter(|c| !c.is_empty())
        .collect()
}

/// The kind of the cell of `row` in 0-based column `i` of the portfolio table `file`.
pub fn cell_kind(
    file: &str,
    t: &CsvTable,
    row: &super::csvread::CsvRow,
    i: usize,
    criteria: &[String],
) -> ColumnKind {
    let Some(header) = t.headers.get(i) else {
        return ColumnKind::Text;
    };
    if file == "settings.csv" && header == "value" {
        let key = t.cell(row, t.col("key"));
        return setting_kind(key.text);
    }
    column_kind(file, header, criteria)
}

/// The label of the period holding a date, as the loader reads it (`2027-03`,
/// `2027-Q1`); `None` for a numbered horizon.
fn date_label(kind: HorizonKind, year: i32, month: u32) -> Option<String> {
    match kind {
        HorizonKind::Monthly { .. } => Some(format!("{year:04}-{month:02}")),
        HorizonKind::Quarterly { .. } => Some(format!("{year:04}-Q{}", month.div_ceil(3))),
        HorizonKind::Numbered { .. } => None,
    }
}

/// Replaces the dates of a workbook's period cells by the labels of their periods (and
/// `horizon_start`'s by its month), so that the tables say in text what the loader read
/// from them. `horizon` is the loaded portfolio's.
pub fn dates_as_labels(tables: &mut PortfolioTables, horizon: &Horizon) {
    let criteria = criteria_columns(tables.criteria.as_ref());
    for file in PORTFOLIO_FILES {
        let Some(Some(t)) = tables.slot(file) else {
            continue;
        };
        let mut changes = Vec::new();
        for (r, row) in t.rows.iter().enumerate() {
            for i in 0..row.cells.len() {
                let kind = cell_kind(file, t, row, i, &criteria);
                let cell = t.cell(
                    row,
                    Col {
                        name: "",
                        index: Some(i),
                    },
                );
                let (Some((y, m, _)), ColumnKind::Period) = (cell.date(), kind) else {
                    continue;
                };
                let label = if file == "settings.csv" {
                    Some(format!("{y:04}-{m:02}"))
                } else {
                    date_label(horizon.kind, y, m)
                };
                if let Some(label) = label {
                    changes.push((r, i, label));
                }
            }
        }
        for (r, i, label) in changes {
            t.set_text(r, i, label);
        }
    }
}

/// A table as CSV text (`,`, decimal point, LF), each row on the line of its sheet row
/// or file line (blank lines fill the gaps), so that line references survive.
pub fn table_csv(t: &CsvTable) -> String {
    let mut out = String::new();
    let mut line = 1;
    let header = std::iter::once((t.header_line, &t.headers));
    for (at, cells) in header.chain(t.rows.iter().map(|r| (r.line, &r.cells))) {
        while line < at {
            out.push('\n');
            line += 1;
        }
        let mut w = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(Vec::new());
        let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
        w.write_record(&cells).expect("writing to memory");
        let record = String::from_utf8(w.into_inner().expect("flush to memory")).expect("utf-8");
        line += record.matches('\n').count();
        out.push_str(&record);
    }
    out
}

/// Whether a cell of the kind `kind` reads as a number or a boolean: `Some` with what to
/// write into a workbook, `None` to keep it as text (including bad values, so that they
/// are still reported).
pub fn typed_value(
    t: &CsvTable,
    row: &super::csvread::CsvRow,
    i: usize,
    kind: ColumnKind,
) -> Option<CellValue> {
    let cell = t.cell(
        row,
        Col {
            name: "",
            index: Some(i),
        },
    );
    if cell.is_empty() || cell.formula_error().is_some() {
        return None;
    }
    let mut scratch = Diagnostics::default();
    match kind {
        ColumnKind::Number => cell
            .number(&mut scratch, Need::Optional)
            .map(CellValue::Number),
        ColumnKind::Bool => cell
            .boolean(&mut scratch, Need::Optional)
            .map(CellValue::Bool),
        ColumnKind::Text | ColumnKind::Period => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_and_messages() {
        assert_eq!(column_letters(1), "A");
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(27), "AA");
        assert_eq!(column_letters(4), "D");
        assert_eq!(
            rows_for_lines("x (first on line 3); rows on lines 2, 4; deadline 7"),
            "x (first on row 3); rows 2, 4; deadline 7"
        );
        assert_eq!(rows_for_lines("pipeline 3, line x"), "pipeline 3, line x");
        assert_eq!(quote_sheet("projects"), "projects");
        assert_eq!(quote_sheet("My sheet"), "'My sheet'");
        assert_eq!(contract_file(" Projects "), Some("projects.csv"));
        assert_eq!(contract_file("SCENARIOS.csv"), Some("scenarios.csv"));
        assert_eq!(contract_file("Notes"), None);
        assert_eq!(iso_date("2027-03-15T00:00:00"), Some((2027, 3, 15)));
        assert!(is_error_literal("#REF!") && is_error_literal("Err:502"));
        assert!(!is_error_literal("#1") && !is_error_literal("Err:"));
    }

    #[test]
    fn tables_keep_their_lines_as_csv() {
        let mut diag = Diagnostics::default();
        let t = super::super::csvread::parse_table(
            "t.csv",
            "\na;b\n1;\"two\nlines\"\n\n3,5;x\n",
            &mut diag,
        )
        .unwrap();
        let text = table_csv(&t);
        assert_eq!(text, "\na,b\n1,\"two\nlines\"\n\n\"3,5\",x\n");
        let back = super::super::csvread::parse_table("t.csv", &text, &mut diag).unwrap();
        let lines: Vec<usize> = back.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![3, 6]);
    }
}
