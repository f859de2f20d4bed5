//! CSV utilities shared by every reader of the portfolio format (FORMAT.md, "General
//! rules"): UTF-8 with or without BOM, LF or CRLF, `,` or `;` detected per file from the
//! header line, RFC 4180 quoting, case-insensitive trimmed header names, trimmed cells,
//! blank rows skipped, and typed cell parsers that report every problem into
//! [`Diagnostics`] with file, line, column, a stable code and what was expected.
//!
//! The same table structure holds a sheet of a workbook ([`sheet_table`]): each cell
//! carries its text and, unless it is text, its typed value ([`CellValue`]: a number, a
//! boolean, a date or a formula error), which the typed parsers use (a date in a period
//! column is the period containing it; an error cell is rejected with the parser's code).

use super::error::{Diagnostics, ErrorCode};
use crate::model::{Horizon, HorizonKind, PeriodError};
use std::collections::HashMap;
use std::path::Path;

/// One data row: its physical line (the header is line 1 when the file starts with it)
/// and its trimmed cells.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvRow {
    pub line: usize,
    pub cells: Vec<String>,
}

/// The typed value of a workbook cell that is not text. The cell's text is then its
/// rendering: a number's shortest round-trip form (`3`, `0.1`), `true`/`false`, a date's
/// `YYYY-MM-DD`, the error's literal (`#REF!`).
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    Number(f64),
    Bool(bool),
    /// A date (any time of day dropped): in a period column, the period containing it.
    Date {
        year: i32,
        month: u32,
        day: u32,
    },
    /// A formula error (`#REF!`, `#DIV/0!`…): an input error wherever it is read.
    Error(String),
}

/// One cell of a sheet: its text (trimmed) and, unless it is text, its typed value.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SheetCell {
    pub text: String,
    pub value: Option<CellValue>,
}

impl SheetCell {
    /// A text cell.
    pub fn text(text: impl Into<String>) -> Self {
        SheetCell {
            text: text.into(),
            value: None,
        }
    }

    /// A typed cell, with its text rendered as described at [`CellValue`].
    pub fn typed(value: CellValue) -> Self {
        let text = match &value {
            CellValue::Number(x) => format!("{x}"),
            CellValue::Bool(b) => b.to_string(),
            CellValue::Date { year, month, day } => format!("{year:04}-{month:02}-{day:02}"),
            CellValue::Error(e) => e.clone(),
        };
        SheetCell {
            text,
            value: Some(value),
        }
    }
}

/// A parsed CSV file, or a sheet of a workbook read as one ([`sheet_table`]).
#[derive(Debug, Clone, PartialEq)]
pub struct CsvTable {
    /// File name as shown in messages (`projects.csv`).
    pub file: String,
    /// `b','` or `b';'`.
    pub delimiter: u8,
    /// Physical line of the header row.
    pub header_line: usize,
    /// Header names, trimmed and lower-cased.
    pub headers: Vec<String>,
    /// Data rows, blank rows left out.
    pub rows: Vec<CsvRow>,
    /// For a workbook sheet, the typed values of its cells that are not text, by (line,
    /// 0-based column); `None` for a CSV file.
    typed: Option<HashMap<(usize, usize), CellValue>>,
}

/// Whether an empty cell is an error (E010) or means "use the default".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Optional,
    Required,
}

/// A column looked up by name: `index` is `None` when the file has no such column
/// (every cell of it then reads as empty).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Col<'n> {
    pub name: &'n str,
    pub index: Option<usize>,
}

/// Reads `path` as a CSV table; `file` is the name used in messages. Reports E002 when
/// the file cannot be read or is not UTF-8, E004 when it is malformed or has no header.
pub fn read_table(path: &Path, file: &str, diag: &mut Diagnostics) -> Option<CsvTable> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            diag.error(
                file,
                None,
                None,
                ErrorCode::UnreadableFile,
                format!("cannot read the file: {e}"),
            );
            return None;
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let line = 1 + e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count();
            diag.error(
                file,
                Some(line),
                None,
                ErrorCode::UnreadableFile,
                "expected UTF-8 text, found bytes that are not UTF-8 (save the file as \"CSV UTF-8\")",
            );
            return None;
        }
    };
    parse_table(file, &text, diag)
}

/// The delimiter of a CSV text: `;` when it occurs more often than `,` outside quotes in
/// the header line (the first line with content), else `,`. As in RFC 4180 (and the
/// `csv` crate), a quote opens a quoted field only at the start of a field.
pub fn detect_delimiter(text: &str) -> u8 {
    let (mut commas, mut semicolons) = (0usize, 0usize);
    let mut in_quotes = false;
    let mut field_start = true;
    let mut content = false;
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        if in_quotes {
            if ch == '"' && chars.next_if_eq(&'"').is_none() {
                in_quotes = false;
            }
            continue;
        }
        match ch {
            '"' if field_start => in_quotes = true,
            ',' => commas += 1,
            ';' => semicolons += 1,
            '\n' if content || commas + semicolons > 0 => break,
            c if !c.is_whitespace() => {}
            _ => {
                field_start = ch == '\n';
                continue;
            }
        }
        content = true;
        field_start = matches!(ch, ',' | ';');
    }
    if semicolons > commas {
        b';'
    } else {
        b','
    }
}

/// Parses a CSV text (see the module documentation). `None` after an E004.
pub fn parse_table(file: &str, text: &str, diag: &mut Diagnostics) -> Option<CsvTable> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = detect_delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let lines = LineIndex::new(text);
    let mut records = Vec::new();
    for result in reader.records() {
        match result {
            Ok(record) => {
                let line = record.position().map_or(1, |p| lines.record_line(p.byte()));
                let cells: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
                if cells.iter().any(|c| !c.is_empty()) {
                    records.push(CsvRow { line, cells });
                }
            }
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize);
                diag.error(
                    file,
                    line,
                    None,
                    ErrorCode::MalformedCsv,
                    format!("malformed CSV: {e}"),
                );
                return None;
            }
        }
    }
    let mut records = records.into_iter();
    let Some(header) = records.next() else {
        diag.error(
            file,
            None,
            None,
            ErrorCode::MalformedCsv,
            "expected a header row naming the columns, found an empty file",
        );
        return None;
    };
    let table = CsvTable {
        file: file.to_string(),
        delimiter,
        header_line: header.line,
        headers: header.cells.iter().map(|h| h.to_lowercase()).collect(),
        rows: records.collect(),
        typed: None,
    };
    table.warn_extra_cells(diag);
    table.check_header(diag).then_some(table)
}

/// A table from the rows of a workbook sheet, with the rules of [`parse_table`]: `rows`
/// holds each row's 1-based sheet row number and its cells from column A, so that lines
/// are sheet rows and columns are sheet columns. The header is the first row that is
/// not blank; blank rows are skipped; a repeated column is E004 and cells beyond the
/// header warn. `file` is the table's name in the loader (`projects.csv`: the sheet
/// stands for that file). Text cells are trimmed; there is no decimal comma (numbers are
/// typed). `None` after an E004 (an empty sheet).
pub fn sheet_table(
    file: &str,
    rows: Vec<(usize, Vec<SheetCell>)>,
    diag: &mut Diagnostics,
) -> Option<CsvTable> {
    let mut typed = HashMap::new();
    let mut records = Vec::new();
    for (line, cells) in rows {
        if cells.iter().all(|c| c.text.trim().is_empty()) {
            continue;
        }
        let mut texts = Vec::with_capacity(cells.len());
        for (i, cell) in cells.into_iter().enumerate() {
            texts.push(cell.text.trim().to_string());
            if let Some(v) = cell.value {
                typed.insert((line, i), v);
            }
        }
        records.push(CsvRow { line, cells: texts });
    }
    let mut records = records.into_iter();
    let Some(header) = records.next() else {
        diag.error(
            file,
            None,
            None,
            ErrorCode::MalformedCsv,
            "expected a header row naming the columns, found an empty sheet",
        );
        return None;
    };
    let table = CsvTable {
        file: file.to_string(),
        delimiter: b',',
        header_line: header.line,
        headers: header.cells.iter().map(|h| h.to_lowercase()).collect(),
        rows: records.collect(),
        typed: Some(typed),
    };
    table.warn_extra_cells(diag);
    table.check_header(diag).then_some(table)
}

/// Physical line numbers of a text's records.
struct LineIndex<'t> {
    text: &'t [u8],
    /// Byte offset of each `\n`.
    newlines: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    fn new(text: &'t str) -> Self {
        let text = text.as_bytes();
        let newlines = text
            .iter()
            .enumerate()
            .filter(|(_, &b)| b == b'\n')
            .map(|(i, _)| i)
            .collect();
        LineIndex { text, newlines }
    }

    /// The line of a record whose read began at byte `start`. The `csv` crate positions a
    /// record where its read began, which may be on the terminator of the previous
    /// record (CRLF) or before blank lines it skipped; the record itself starts after
    /// those line ends.
    fn record_line(&self, start: u64) -> usize {
        let start = usize::try_from(start)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        let skipped = self.text[start..]
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count();
        1 + self.newlines.partition_point(|&o| o < start + skipped)
    }
}

impl CsvTable {
    /// Whether the table is a workbook sheet (its cells may be typed).
    pub fn is_sheet(&self) -> bool {
        self.typed.is_some()
    }

    /// The typed value of the cell of `row` in 0-based column `column`, when the table is
    /// a sheet and that cell is not text.
    pub fn value(&self, row: &CsvRow, column: usize) -> Option<&CellValue> {
        self.typed.as_ref()?.get(&(row.line, column))
    }

    /// Replaces the cell of the data row `rows[r]` in 0-based column `column` by a text
    /// cell (padding the row with empty cells when it is shorter).
    pub fn set_text(&mut self, r: usize, column: usize, text: String) {
        let Some(row) = self.rows.get_mut(r) else {
            return;
        };
        if row.cells.len() <= column {
            row.cells.resize(column + 1, String::new());
        }
        row.cells[column] = text;
        if let Some(typed) = self.typed.as_mut() {
            typed.remove(&(row.line, column));
        }
    }

    /// With `;` as delimiter a decimal comma is accepted.
    pub fn decimal_comma(&self) -> bool {
        self.delimiter == b';'
    }

    /// 0-based index of the column named `name` (lower-case).
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }

    /// The column named `name`, present or not.
    pub fn col<'n>(&self, name: &'n str) -> Col<'n> {
        Col {
            name,
            index: self.column(name),
        }
    }

    /// E004 for a column name given twice (the readers could not tell which one is meant).
    fn check_header(&self, diag: &mut Diagnostics) -> bool {
        let mut ok = true;
        for (i, h) in self.headers.iter().enumerate() {
            let first = self.column(h).unwrap_or(i);
            if !h.is_empty() && first < i {
                ok = false;
                diag.error(
                    &self.file,
                    Some(self.header_line),
                    Some(i + 1),
                    ErrorCode::MalformedCsv,
                    format!("column \"{h}\" appears twice (columns {} and {}): expected each column once", first + 1, i + 1),
                );
            }
        }
        ok
    }

    /// A warning for each row with non-empty cells beyond the header's columns (they are
    /// ignored; in a `,` file a decimal comma splits a number in two).
    fn warn_extra_cells(&self, diag: &mut Diagnostics) {
        let width = self.headers.len();
        for row in &self.rows {
            if row.cells.iter().skip(width).any(|c| !c.is_empty()) {
                diag.warn(
                    &self.file,
                    Some(row.line),
                    Some(width + 1),
                    format!(
                        "row has {} cells but the header names {width} columns: the cells after column {width} are ignored",
                        row.cells.len()
                    ),
                );
            }
        }
    }

    /// E003 for each column of `names` missing from the header; true when all are there.
    pub fn require_columns(&self, names: &[&str], diag: &mut Diagnostics) -> bool {
        let mut ok = true;
        for name in names.iter().filter(|n| self.column(n).is_none()) {
            ok = false;
            diag.error(
                &self.file,
                Some(self.header_line),
                None,
                ErrorCode::MissingColumn,
                format!(
                    "missing column \"{name}\": expected columns {}, found {}",
                    names.join(", "),
                    self.found_columns()
                ),
            );
        }
        ok
    }

    fn found_columns(&self) -> String {
        let found: Vec<&str> = self
            .headers
            .iter()
            .map(String::as_str)
            .filter(|h| !h.is_empty())
            .collect();
        if found.is_empty() {
            "no column names".to_string()
        } else {
            found.join(", ")
        }
    }

    /// A warning for each named column that is not in `known` (ignored, per the format).
    pub fn warn_unknown_columns(&self, known: &[&str], diag: &mut Diagnostics) {
        for (i, h) in self.headers.iter().enumerate() {
            if !h.is_empty() && !known.contains(&h.as_str()) {
                diag.warn(
                    &self.file,
                    Some(self.header_line),
                    Some(i + 1),
                    format!(
                        "unknown column \"{h}\" ignored (known columns: {})",
                        known.join(", ")
                    ),
                );
            }
        }
    }

    /// The cell of `row` in column `col` (empty when the column is absent or the row short).
    pub fn cell<'a>(&'a self, row: &'a CsvRow, col: Col<'a>) -> Cell<'a> {
        let text = col
            .index
            .and_then(|i| row.cells.get(i))
            .map_or("", String::as_str);
        Cell {
            file: &self.file,
            line: row.line,
            column: col.index.map(|i| i + 1),
            name: col.name,
            text,
            decimal_comma: self.decimal_comma(),
            value: col.index.and_then(|i| self.value(row, i)),
        }
    }
}

/// Why a cell was rejected: its code, plus an optional detail appended to the message.
struct Bad {
    code: ErrorCode,
    detail: Option<String>,
}

impl From<ErrorCode> for Bad {
    fn from(code: ErrorCode) -> Self {
        Bad { code, detail: None }
    }
}

/// Largest magnitude accepted as an integer (exact in an `f64`).
const MAX_INTEGER: f64 = 9_007_199_254_740_992.0;

/// One cell, with everything a message needs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cell<'a> {
    pub file: &'a str,
    pub line: usize,
    /// 1-based column (`None` when the file has no such column).
    pub column: Option<usize>,
    /// What messages call it (the column name, or a settings key).
    pub name: &'a str,
    /// Trimmed text.
    pub text: &'a str,
    decimal_comma: bool,
    /// The typed value of a workbook cell that is not text.
    value: Option<&'a CellValue>,
}

impl<'a> Cell<'a> {
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The typed value of a workbook cell that is not text (`None` for CSV cells).
    pub fn value(&self) -> Option<&'a CellValue> {
        self.value
    }

    /// The date of a workbook date cell: (year, month, day).
    pub fn date(&self) -> Option<(i32, u32, u32)> {
        match self.value {
            Some(&CellValue::Date { year, month, day }) => Some((year, month, day)),
            _ => None,
        }
    }

    /// The formula error of a workbook error cell (`#REF!`).
    pub fn formula_error(&self) -> Option<&'a str> {
        match self.value {
            Some(CellValue::Error(e)) => Some(e),
            _ => None,
        }
    }

    /// The same cell, called `name` in messages (settings rows name their key).
    pub fn named(self, name: &'a str) -> Cell<'a> {
        Cell { name, ..self }
    }

    /// Reports an error located at this cell.
    pub fn error(&self, diag: &mut Diagnostics, code: ErrorCode, message: impl Into<String>) {
        diag.error(self.file, Some(self.line), self.column, code, message);
    }

    /// Reports a warning located at this cell.
    pub fn warn(&self, diag: &mut Diagnostics, message: impl Into<String>) {
        diag.warn(self.file, Some(self.line), self.column, message);
    }

    /// `name: expected …, found "…"`.
    pub fn expected_message(&self, expected: &str) -> String {
        if self.is_empty() {
            format!("{}: expected {expected}, found an empty cell", self.name)
        } else {
            format!(
                "{}: expected {expected}, found \"{}\"",
                self.name, self.text
            )
        }
    }

    /// The same cell read as `text` (a part of it, such as one end of a range).
    pub fn with_text(self, text: &'a str) -> Cell<'a> {
        Cell { text, ..self }
    }

    /// `Some(default)` when the cell is empty, else what its parser gave (`None` after
    /// an error): `cell.or_default(cell.period(…), first)`.
    pub fn or_default<T>(&self, parsed: Option<T>, default: T) -> Option<T> {
        if self.is_empty() {
            Some(default)
        } else {
            parsed
        }
    }

    /// The common shape of every typed parser: empty → E010 or `None`; else `parse`,
    /// whose rejection is reported with `expected`. A cell of a column the file lacks is
    /// empty, without E010: a missing required column is reported once, as E003.
    fn parse_with<T>(
        &self,
        diag: &mut Diagnostics,
        need: Need,
        expected: &str,
        parse: impl FnOnce(&str) -> Result<T, Bad>,
    ) -> Option<T> {
        if self.is_empty() {
            if need == Need::Required && self.column.is_some() {
                self.error(
                    diag,
                    ErrorCode::MissingValue,
                    self.expected_message(expected),
                );
            }
            return None;
        }
        if let Some(e) = self.formula_error() {
            // The code the parser gives such a text (E011, E013, E014, E016, E032), or
            // E010 for text cells: the cell holds no value.
            let code = match parse(self.text) {
                Err(bad) => bad.code,
                Ok(_) => ErrorCode::MissingValue,
            };
            let expected = if expected.is_empty() {
                "a value"
            } else {
                expected
            };
            let message = format!(
                "{}: expected {expected}, found the formula error {e} (the cell holds an error, not a value)",
                self.name
            );
            self.error(diag, code, message);
            return None;
        }
        match parse(self.text) {
            Ok(v) => Some(v),
            Err(bad) => {
                let mut message = self.expected_message(expected);
                if let Some(detail) = bad.detail {
                    message = format!("{message} ({detail})");
                }
                self.error(diag, bad.code, message);
                None
            }
        }
    }

    /// The text, E010 when required and empty.
    pub fn text(&self, diag: &mut Diagnostics, need: Need, expected: &str) -> Option<&'a str> {
        let text = self.text;
        self.parse_with(diag, need, expected, |_| Ok(text))
    }

    fn parse_number(&self, s: &str) -> Option<f64> {
        let s = if self.decimal_comma && s.matches(',').count() == 1 && !s.contains('.') {
            s.replace(',', ".")
        } else {
            s.to_string()
        };
        s.parse::<f64>().ok().filter(|x| x.is_finite())
    }

    fn number_hint(&self) -> &'static str {
        if self.decimal_comma {
            "a number (decimal comma or point)"
        } else {
            "a number"
        }
    }

    /// Any finite number (E011).
    pub fn number(&self, diag: &mut Diagnostics, need: Need) -> Option<f64> {
        self.parse_with(diag, need, self.number_hint(), |s| {
            self.parse_number(s).ok_or(ErrorCode::NotANumber.into())
        })
    }

    /// A number ≥ 0 (E011 not a number, E012 negative).
    pub fn non_negative(&self, diag: &mut Diagnostics, need: Need) -> Option<f64> {
        self.parse_with(diag, need, "a number ≥ 0", |s| {
            match self.parse_number(s) {
                None => Err(ErrorCode::NotANumber.into()),
                Some(x) if x < 0.0 => Err(ErrorCode::Negative.into()),
                Some(x) => Ok(x),
            }
        })
    }

    fn parse_integer(&self, s: &str) -> Option<i64> {
        s.parse::<i64>().ok().or_else(|| {
            self.parse_number(s)
                .filter(|x| x.fract() == 0.0 && x.abs() <= MAX_INTEGER)
                .map(|x| x as i64)
        })
    }

    /// An integer, negative allowed (E013). `3.0` is accepted as 3.
    pub fn integer(&self, diag: &mut Diagnostics, need: Need) -> Option<i64> {
        self.parse_with(diag, need, "an integer", |s| {
            self.parse_integer(s).ok_or(ErrorCode::NotAnInteger.into())
        })
    }

    /// An integer ≥ 1, such as a duration or a number of periods (E013 not an integer,
    /// E015 below 1).
    pub fn positive_integer(&self, diag: &mut Diagnostics, need: Need) -> Option<usize> {
        self.parse_with(diag, need, "an integer ≥ 1", |s| {
            match self.parse_integer(s) {
                None => Err(ErrorCode::NotAnInteger.into()),
                Some(i) if i < 1 => Err(ErrorCode::BadDuration.into()),
                Some(i) => usize::try_from(i).map_err(|_| ErrorCode::BadDuration.into()),
            }
        })
    }

    /// true/false, yes/no, 1/0, oui/non, any case (E014).
    pub fn boolean(&self, diag: &mut Diagnostics, need: Need) -> Option<bool> {
        self.parse_with(
            diag,
            need,
            "true or false (also yes/no, 1/0, oui/non)",
            |s| match s.to_lowercase().as_str() {
                "true" | "yes" | "1" | "oui" => Ok(true),
                "false" | "no" | "0" | "non" => Ok(false),
                _ => Err(ErrorCode::BadBoolean.into()),
            },
        )
    }

    /// One of `options` (keyword, any case) (E016).
    pub fn keyword<T: Copy>(
        &self,
        diag: &mut Diagnostics,
        need: Need,
        options: &[(&str, T)],
    ) -> Option<T> {
        let names: Vec<&str> = options.iter().map(|(k, _)| *k).collect();
        let expected = format!("one of {}", names.join(", "));
        self.parse_with(diag, need, &expected, |s| {
            let s = s.to_lowercase();
            options
                .iter()
                .find(|(k, _)| *k == s)
                .map(|(_, v)| *v)
                .ok_or(ErrorCode::BadKeyword.into())
        })
    }

    /// A period of the horizon (label or 1-based index), as a 0-based index (E032 saying
    /// whether it is malformed or outside the horizon). With no horizon (settings.csv
    /// unusable) period checks are skipped and `None` is returned silently.
    pub fn period(
        &self,
        diag: &mut Diagnostics,
        need: Need,
        horizon: Option<&Horizon>,
    ) -> Option<usize> {
        let horizon = horizon?;
        let mut expected = horizon.expected();
        if !matches!(horizon.kind, HorizonKind::Numbered { .. }) {
            expected.push_str(" (label or 1-based index)");
        }
        let date = self.date();
        self.parse_with(diag, need, &expected, |s| {
            let label = match (date, horizon.kind) {
                (None, _) => None,
                (Some((y, m, _)), HorizonKind::Monthly { .. }) => Some(format!("{y:04}-{m:02}")),
                (Some((y, m, _)), HorizonKind::Quarterly { .. }) => {
                    Some(format!("{y:04}-Q{}", m.div_ceil(3)))
                }
                (Some(_), HorizonKind::Numbered { .. }) => return Err(Bad {
                    code: ErrorCode::UnknownPeriod,
                    detail: Some(
                        "a date, but the horizon's periods are numbered: write the period's number"
                            .to_string(),
                    ),
                }),
            };
            parse_period(horizon, label.as_deref().unwrap_or(s)).map_err(|e| Bad {
                code: ErrorCode::UnknownPeriod,
                detail: Some(e.to_string()),
            })
        })
    }
}

/// `Horizon::parse_period`, with integers too large for its arithmetic rejected first as
/// outside the horizon (they would overflow it).
pub fn parse_period(horizon: &Horizon, s: &str) -> Result<usize, PeriodError> {
    match s.trim().parse::<i64>() {
        Ok(i) if i.unsigned_abs() > 1 << 40 => Err(PeriodError::OutOfHorizon),
        _ => horizon.parse_period(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> (Option<CsvTable>, Diagnostics) {
        let mut diag = Diagnostics::default();
        (parse_table("t.csv", text, &mut diag), diag)
    }

    #[test]
    fn detects_the_delimiter_from_the_header_line() {
        assert_eq!(detect_delimiter("a,b,c\n1;2;3;4;5\n"), b',');
        assert_eq!(detect_delimiter("a;b;c\n1,2,3,4,5\n"), b';');
        assert_eq!(detect_delimiter("\"a,b,c\";d;e\n"), b';');
        assert_eq!(detect_delimiter("\"x;y;z\",w\n"), b',');
        assert_eq!(detect_delimiter("\"say \"\"a;b;c\"\"\",x\n"), b',');
        assert_eq!(detect_delimiter("a\"b,c\";d;e\n"), b';');
        assert_eq!(detect_delimiter("\n\r\n  a;b\r\n"), b';');
        assert_eq!(detect_delimiter("single\n"), b',');
        assert_eq!(detect_delimiter(""), b',');
    }

    #[test]
    fn quoting_bom_crlf_and_blank_rows() {
        let text = "\u{feff}Id ;\"Na;me\"\r\n\r\n\"P1\";\"Hello; \"\"world\"\"\"\r\n;;\r\n\"P2\";\"two\nlines\"\r\n";
        let (t, diag) = table(text);
        let t = t.unwrap();
        assert!(diag.errors.is_empty());
        assert_eq!(t.delimiter, b';');
        assert_eq!(t.headers, vec!["id", "na;me"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].line, 3);
        assert_eq!(t.rows[0].cells, vec!["P1", "Hello; \"world\""]);
        assert_eq!(t.rows[1].line, 5);
        assert_eq!(t.rows[1].cells[1], "two\nlines");
        assert_eq!(t.column("na;me"), Some(1));
    }

    #[test]
    fn empty_file_and_repeated_column_are_malformed() {
        let (t, diag) = table("\n , \n");
        assert!(t.is_none());
        assert_eq!(diag.errors[0].code, ErrorCode::MalformedCsv);
        let (t, diag) = table("id,ID\n");
        assert!(t.is_none());
        assert_eq!(diag.errors[0].location.column, Some(2));
    }

    #[test]
    fn typed_cells_report_code_and_place() {
        let (t, _) = table("a;b\n1234,5;-2\n");
        let t = t.unwrap();
        let mut diag = Diagnostics::default();
        let row = &t.rows[0];
        assert_eq!(
            t.cell(row, t.col("a"))
                .non_negative(&mut diag, Need::Required),
            Some(1234.5)
        );
        assert_eq!(
            t.cell(row, t.col("b"))
                .non_negative(&mut diag, Need::Required),
            None
        );
        assert_eq!(
            t.cell(row, t.col("b")).integer(&mut diag, Need::Required),
            Some(-2)
        );
        assert_eq!(
            t.cell(row, t.col("c")).number(&mut diag, Need::Optional),
            None
        );
        assert_eq!(
            t.cell(row, t.col("c")).number(&mut diag, Need::Required),
            None
        );
        let codes: Vec<_> = diag
            .errors
            .iter()
            .map(|e| (e.code, e.location.line, e.location.column))
            .collect();
        assert_eq!(codes, vec![(ErrorCode::Negative, Some(2), Some(2))]);
        assert_eq!(
            diag.errors[0].message,
            "b: expected a number ≥ 0, found \"-2\""
        );
    }

    #[test]
    fn comma_files_take_no_decimal_comma() {
        let (t, _) = table("a,b\n\"1,5\",abc\n");
        let t = t.unwrap();
        let mut diag = Diagnostics::default();
        let row = &t.rows[0];
        assert_eq!(
            t.cell(row, t.col("a")).number(&mut diag, Need::Required),
            None
        );
        assert_eq!(
            t.cell(row, t.col("b"))
                .positive_integer(&mut diag, Need::Required),
            None
        );
        assert_eq!(diag.errors[0].code, ErrorCode::NotANumber);
        assert_eq!(diag.errors[1].code, ErrorCode::NotAnInteger);
        assert_eq!(
            diag.errors[1].message,
            "b: expected an integer ≥ 1, found \"abc\""
        );
    }

    #[test]
    fn booleans_keywords_and_periods() {
        let (t, _) = table("a,b,c,d\nOUI,Precedes,2027-13,99999999999999999\n");
        let t = t.unwrap();
        let row = &t.rows[0];
        let mut diag = Diagnostics::default();
        let h = Horizon::new(HorizonKind::parse("2027-01").unwrap(), 12);
        assert_eq!(
            t.cell(row, t.col("a")).boolean(&mut diag, Need::Required),
            Some(true)
        );
        let kinds = [("precedes", 1), ("requires", 2)];
        assert_eq!(
            t.cell(row, t.col("b"))
                .keyword(&mut diag, Need::Required, &kinds),
            Some(1)
        );
        assert_eq!(
            t.cell(row, t.col("c"))
                .period(&mut diag, Need::Required, Some(&h)),
            None
        );
        assert_eq!(
            t.cell(row, t.col("d"))
                .period(&mut diag, Need::Required, Some(&h)),
            None
        );
        assert_eq!(
            t.cell(row, t.col("c"))
                .period(&mut diag, Need::Required, None),
            None
        );
        assert_eq!(diag.errors.len(), 2);
        assert_eq!(
            diag.errors[0].message,
            "c: expected a period from 2027-01 to 2027-12 (label or 1-based index), found \"2027-13\" (not a period)"
        );
        assert!(diag.errors[1].message.ends_with("(outside the horizon)"));
    }
}
