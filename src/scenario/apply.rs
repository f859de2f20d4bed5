//! Applying the rows of one scenario, in file order, to its copy of the portfolio
//! (SCENARIOS.md, one section per target). Every problem is reported at the cell at
//! fault: the key (unknown project, skill, person, category, period range), the field,
//! the op (not allowed for that target and field) or the value (bad number, a result
//! that breaks a rule of the format).

use super::{is_settings_budget, settings_budget_row, Variant};
use crate::graph::find_cycle;
use crate::io::csvread::{parse_period, Cell, CsvRow, CsvTable, Need};
use crate::io::error::{Diagnostics, ErrorCode};
use crate::io::portfolio::case_variant;
use crate::model::{
    BudgetLimit, BudgetScope, DepKind, Dependency, Objective, PeriodError, Person, Project,
};
use crate::solve::describe_budget;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Settings,
    Budget,
    Project,
    Capacity,
    People,
    Dependency,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Set,
    Scale,
    Add,
    Force,
    Remove,
}

impl Op {
    fn word(self) -> &'static str {
        match self {
            Op::Set => "set",
            Op::Scale => "scale",
            Op::Add => "add",
            Op::Force => "force",
            Op::Remove => "remove",
        }
    }
}

const TARGETS: [(&str, Target); 6] = [
    ("settings", Target::Settings),
    ("budget", Target::Budget),
    ("project", Target::Project),
    ("capacity", Target::Capacity),
    ("people", Target::People),
    ("dependency", Target::Dependency),
];

const OPS: [(&str, Op); 5] = [
    ("set", Op::Set),
    ("scale", Op::Scale),
    ("add", Op::Add),
    ("force", Op::Force),
    ("remove", Op::Remove),
];

const DEP_KINDS: [(&str, DepKind); 3] = [
    ("precedes", DepKind::Precedes { lag: 0 }),
    ("requires", DepKind::Requires),
    ("excludes", DepKind::Excludes),
];

/// The cells of one row, once its target and op are known.
struct Row<'a> {
    line: usize,
    op: Op,
    key: Cell<'a>,
    field: Cell<'a>,
    op_cell: Cell<'a>,
    value: Cell<'a>,
}

impl Row<'_> {
    /// The field, lower-cased (`""` when empty).
    fn field_word(&self) -> String {
        self.field.text.to_lowercase()
    }

    /// E071 at the op cell: `op: scale is not allowed for project mandatory (…)`.
    fn not_allowed(&self, diag: &mut Diagnostics, what: &str) {
        let message = format!("op: {} is not allowed {what}", self.op.word());
        self.op_cell.error(diag, ErrorCode::OpNotAllowed, message);
    }

    /// E016 at the field cell.
    fn bad_field(&self, diag: &mut Diagnostics, expected: &str) {
        let message = self.field.expected_message(expected);
        self.field.error(diag, ErrorCode::BadKeyword, message);
    }

    /// E010 at the field cell for an op that needs a field.
    fn missing_field(&self, diag: &mut Diagnostics, expected: &str) {
        let message = format!(
            "field: expected {expected} for op {}, found an empty cell",
            self.op.word()
        );
        self.field.error(diag, ErrorCode::MissingValue, message);
    }

    /// A number ≥ 0 in the value cell (set of a quantity, scale factor).
    fn non_negative(&self, diag: &mut Diagnostics) -> Option<f64> {
        self.value.non_negative(diag, Need::Required)
    }

    /// Any number in the value cell (add).
    fn number(&self, diag: &mut Diagnostics) -> Option<f64> {
        self.value.number(diag, Need::Required)
    }

    fn integer(&self, diag: &mut Diagnostics) -> Option<i64> {
        self.value.integer(diag, Need::Required)
    }

    /// A warning when an op that takes no value has one.
    fn value_ignored(&self, diag: &mut Diagnostics) {
        if !self.value.is_empty() {
            let message = format!("value ignored: op {} takes no value here", self.op.word());
            self.value.warn(diag, message);
        }
    }

    /// `x` if ≥ 0, else 0 with a warning (FORMAT.md quantities cannot be negative).
    fn clamp(&self, x: f64, what: &str, diag: &mut Diagnostics) -> f64 {
        if x < 0.0 {
            let message = format!(
                "{what} would become {} (below 0): set to 0",
                crate::solve::num(x)
            );
            self.value.warn(diag, message);
            0.0
        } else {
            x
        }
    }
}

/// Which limit of a budget row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lim {
    Max,
    Min,
}

impl Lim {
    fn get(self, b: &BudgetLimit) -> Option<f64> {
        match self {
            Lim::Max => b.max,
            Lim::Min => b.min,
        }
    }
    fn set(self, b: &mut BudgetLimit, v: Option<f64>) {
        match self {
            Lim::Max => b.max = v,
            Lim::Min => b.min = v,
        }
    }
    fn word(self) -> &'static str {
        match self {
            Lim::Max => "max",
            Lim::Min => "min",
        }
    }
}

/// A budget key: `*`, `total`, `period:…` (`None`: `period:*`), `category:…` (`None`:
/// `category:*`).
#[derive(Debug, Clone, PartialEq)]
enum BKey {
    All,
    Total,
    Periods(Option<(usize, usize)>),
    Category(Option<String>),
}

impl BKey {
    /// A named key (an error when it matches nothing), as opposed to a wildcard.
    fn named(&self) -> bool {
        matches!(
            self,
            BKey::Total | BKey::Periods(Some(_)) | BKey::Category(Some(_))
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PField {
    Value,
    Benefit,
    Cost,
    Duration,
    EarliestStart,
    Deadline,
    Mandatory,
    Category,
    Name,
}

const PFIELDS: [(&str, PField); 9] = [
    ("value", PField::Value),
    ("benefit", PField::Benefit),
    ("cost", PField::Cost),
    ("duration", PField::Duration),
    ("earliest_start", PField::EarliestStart),
    ("deadline", PField::Deadline),
    ("mandatory", PField::Mandatory),
    ("category", PField::Category),
    ("name", PField::Name),
];

const PFIELDS_EXPECTED: &str =
    "one of value, benefit, cost, duration, earliest_start, deadline, mandatory, category, name (empty for force and remove)";

/// A dependency key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DKey {
    All,
    Pair(usize, usize),
}

/// One scenario being built.
pub(super) struct Ctx<'f> {
    v: Variant,
    file: &'f str,
    /// Projects and people removed by an earlier row, with that row's line.
    removed_projects: HashMap<String, usize>,
    removed_people: HashMap<String, usize>,
}

impl<'f> Ctx<'f> {
    pub(super) fn new(name: &str, base: &crate::model::Portfolio, file: &'f str) -> Self {
        Ctx {
            v: Variant::base(name, base),
            file,
            removed_projects: HashMap::new(),
            removed_people: HashMap::new(),
        }
    }

    pub(super) fn finish(self) -> Variant {
        self.v
    }

    /// Applies one row (its errors and warnings go to `diag`).
    pub(super) fn apply(&mut self, t: &CsvTable, row: &CsvRow, diag: &mut Diagnostics) {
        let cell = |name| t.cell(row, t.col(name));
        let target = cell("target").keyword(diag, Need::Required, &TARGETS);
        let op_cell = cell("op");
        let op = op_cell.keyword(diag, Need::Required, &OPS);
        let (Some(target), Some(op)) = (target, op) else {
            return;
        };
        let r = Row {
            line: row.line,
            op,
            key: cell("key"),
            field: cell("field"),
            op_cell,
            value: cell("value"),
        };
        if r.key.is_empty() {
            let expected = match target {
                Target::Settings => "budget, time_limit or mip_gap",
                Target::Budget => {
                    "total, period:P, period:FROM..TO, period:*, category:C, category:* or *"
                }
                Target::Project => "a project id, category:C or *",
                Target::Capacity => "a skill, skill@PERIODS, * or *@PERIODS",
                Target::People => "a person, person@PERIODS, * or *@PERIODS",
                Target::Dependency => "from>to (two project ids) or *",
            };
            let message = r.key.expected_message(expected);
            r.key.error(diag, ErrorCode::MissingValue, message);
            return;
        }
        match target {
            Target::Settings => self.settings(&r, diag),
            Target::Budget => self.budget(&r, diag),
            Target::Project => self.project(&r, diag),
            Target::Capacity => self.capacity(&r, diag),
            Target::People => self.people(&r, diag),
            Target::Dependency => self.dependency(&r, diag),
        }
    }

    fn objective(&self) -> Objective {
        self.v.portfolio.settings.objective
    }

    /// `FROM..TO`, `FROM..`, `..TO` or one period, as an inclusive range of indexes
    /// (E032 at `cell` when a period is malformed or outside the horizon, or FROM > TO).
    fn period_range(
        &self,
        cell: &Cell,
        text: &str,
        diag: &mut Diagnostics,
    ) -> Option<(usize, usize)> {
        let h = &self.v.portfolio.horizon;
        let last = h.periods - 1;
        let one = |s: &str, default: usize| -> Result<usize, PeriodError> {
            if s.trim().is_empty() {
                Ok(default)
            } else {
                parse_period(h, s)
            }
        };
        let (a, b) = match text.split_once("..") {
            Some((a, b)) => (one(a, 0), one(b, last)),
            None if text.trim().is_empty() => (Err(PeriodError::Malformed), Ok(last)),
            None => {
                let x = parse_period(h, text);
                (x.clone(), x)
            }
        };
        let expected = format!(
            "a period or a range FROM..TO of periods from {} to {}",
            h.label(0),
            h.label(last)
        );
        let detail = match (a, b) {
            (Ok(a), Ok(b)) if a <= b => return Some((a, b)),
            (Ok(_), Ok(_)) => "FROM after TO".to_string(),
            (Err(e), _) | (_, Err(e)) => e.to_string(),
        };
        let message = format!(
            "{}: expected {expected}, found \"{}\" ({detail})",
            cell.name, text
        );
        cell.error(diag, ErrorCode::UnknownPeriod, message);
        None
    }

    // -----------------------------------------------------------------------------------
    // settings

    fn settings(&mut self, r: &Row, diag: &mut Diagnostics) {
        let key = r.key.text.to_lowercase();
        match key.as_str() {
            "budget" | "time_limit" | "mip_gap" => {}
            "horizon_start" | "periods" | "objective" => {
                let message = format!(
                    "key: {key} cannot be changed by a scenario: expected budget, time_limit or mip_gap"
                );
                r.key.error(diag, ErrorCode::OpNotAllowed, message);
                return;
            }
            _ => {
                let message = r.key.expected_message("budget, time_limit or mip_gap");
                r.key.error(diag, ErrorCode::BadKeyword, message);
                return;
            }
        }
        if !matches!(r.field_word().as_str(), "" | "value") {
            r.bad_field(diag, "value or an empty cell");
            return;
        }
        if r.op == Op::Force {
            r.not_allowed(diag, "for settings (ops: set, scale, add, remove)");
            return;
        }
        if r.op == Op::Remove {
            r.value_ignored(diag);
        }
        match key.as_str() {
            "budget" => self.settings_budget(r, diag),
            "time_limit" => {
                let current = self.v.portfolio.settings.time_limit;
                let new = match r.op {
                    Op::Set => r.number(diag),
                    Op::Scale => r.non_negative(diag).map(|f| current * f),
                    Op::Add => r.number(diag).map(|d| current + d),
                    _ => Some(60.0),
                };
                let Some(new) = new else { return };
                if new > 0.0 {
                    self.v.portfolio.settings.time_limit = new;
                } else {
                    let message = format!(
                        "value: time_limit would become {} s: expected a time limit > 0",
                        crate::solve::num(new)
                    );
                    r.value.error(diag, ErrorCode::NotPositive, message);
                }
            }
            _ => {
                let current = self.v.portfolio.settings.mip_gap;
                let new = match r.op {
                    Op::Set => r.non_negative(diag),
                    Op::Scale => r.non_negative(diag).map(|f| current * f),
                    Op::Add => r
                        .number(diag)
                        .map(|d| r.clamp(current + d, "mip_gap", diag)),
                    _ => Some(0.0),
                };
                if let Some(new) = new {
                    self.v.portfolio.settings.mip_gap = new;
                }
            }
        }
    }

    fn settings_budget(&mut self, r: &Row, diag: &mut Diagnostics) {
        let current = self.v.settings_budget();
        let unlimited = |diag: &mut Diagnostics| {
            r.value.warn(
                diag,
                "the portfolio has no settings budget (unlimited): it stays unlimited, nothing changes",
            )
        };
        match r.op {
            Op::Set => {
                if let Some(v) = r.non_negative(diag) {
                    self.v.set_settings_budget(Some(v));
                }
            }
            Op::Scale => {
                if let Some(f) = r.non_negative(diag) {
                    match current {
                        Some(x) => self.v.set_settings_budget(Some(x * f)),
                        None => unlimited(diag),
                    }
                }
            }
            Op::Add => {
                if let Some(d) = r.number(diag) {
                    match current {
                        Some(x) => {
                            let v = r.clamp(x + d, "the budget", diag);
                            self.v.set_settings_budget(Some(v));
                        }
                        None => unlimited(diag),
                    }
                }
            }
            _ => self.v.set_settings_budget(None),
        }
    }

    // -----------------------------------------------------------------------------------
    // budget

    fn known_category(&self, c: &str) -> bool {
        let p = &self.v.portfolio;
        p.projects.iter().any(|x| x.category.as_deref() == Some(c))
            || p.budgets
                .iter()
                .any(|b| b.scope == BudgetScope::Category(c.to_string()))
    }

    /// E073 unless `c` is a category of a project or of a budget row.
    fn check_category(&self, cell: &Cell, c: &str, diag: &mut Diagnostics) -> bool {
        if self.known_category(c) {
            return true;
        }
        let mut message = format!(
            "{}: expected a category of projects.csv or budgets.csv, found \"{c}\" (unknown category)",
            cell.name
        );
        let mut names = self.v.portfolio.categories();
        for b in &self.v.portfolio.budgets {
            if let BudgetScope::Category(x) = &b.scope {
                names.push(x.clone());
            }
        }
        if let Some(other) = case_variant(c, names.iter().map(String::as_str)) {
            message.push_str(&format!(
                "; did you mean \"{other}\"? categories are case-sensitive"
            ));
        }
        cell.error(diag, ErrorCode::UnknownCategory, message);
        false
    }

    fn budget_key(&self, key: &Cell, diag: &mut Diagnostics) -> Option<BKey> {
        let text = key.text;
        if text == "*" {
            return Some(BKey::All);
        }
        let (scope, rest) = match text.split_once(':') {
            Some((s, r)) => (s.trim().to_lowercase(), Some(r.trim())),
            None => (text.trim().to_lowercase(), None),
        };
        match (scope.as_str(), rest) {
            ("total", None | Some("")) => Some(BKey::Total),
            ("period", Some("*")) => Some(BKey::Periods(None)),
            ("period", Some(r)) if !r.is_empty() => self
                .period_range(key, r, diag)
                .map(|x| BKey::Periods(Some(x))),
            ("category", Some("*")) => Some(BKey::Category(None)),
            ("category", Some(c)) if !c.is_empty() => self
                .check_category(key, c, diag)
                .then(|| BKey::Category(Some(c.to_string()))),
            _ => {
                let message = key.expected_message(
                    "total, period:P, period:FROM..TO, period:*, category:C, category:* or *",
                );
                key.error(diag, ErrorCode::BadKeyword, message);
                None
            }
        }
    }

    /// The budget rows a key matches now (the settings row left out for `min`, which
    /// that row never holds: a total min lives in a budgets.csv row).
    fn budget_rows(&self, key: &BKey, lim: Option<Lim>) -> Vec<usize> {
        let budgets = &self.v.portfolio.budgets;
        let envelope = |a: usize, b: usize| {
            a < b
                && budgets
                    .iter()
                    .any(|x| x.scope == BudgetScope::Periods(a, b))
        };
        let keep = |b: &BudgetLimit| -> bool {
            if lim == Some(Lim::Min) && is_settings_budget(b) {
                return false;
            }
            match (key, &b.scope) {
                (BKey::All, _) => true,
                (BKey::Total, BudgetScope::Total) => true,
                (BKey::Periods(None), BudgetScope::Periods(..)) => true,
                (BKey::Periods(Some((a, z))), BudgetScope::Periods(x, y)) => {
                    if envelope(*a, *z) {
                        (x, y) == (a, z)
                    } else {
                        x == y && a <= x && x <= z
                    }
                }
                (BKey::Category(None), BudgetScope::Category(_)) => true,
                (BKey::Category(Some(c)), BudgetScope::Category(x)) => c == x,
                _ => false,
            }
        };
        (0..budgets.len()).filter(|&i| keep(&budgets[i])).collect()
    }

    /// The rows of a named key, creating those it lacks (set, add on min): a total max
    /// becomes the settings budget, a total min a budgets.csv row, a period range one
    /// row per period lacking one, a category one row.
    fn budget_rows_or_create(&mut self, key: &BKey, lim: Lim, line: usize) -> Vec<usize> {
        let source = format!("{} line {line}", self.file);
        let new_row = |scope| BudgetLimit {
            scope,
            min: None,
            max: None,
            source: source.clone(),
        };
        let missing = self.budget_rows(key, Some(lim)).is_empty();
        match key {
            BKey::Total if missing => match lim {
                Lim::Max => self.v.portfolio.budgets.insert(0, settings_budget_row(0.0)),
                Lim::Min => self.v.portfolio.budgets.push(new_row(BudgetScope::Total)),
            },
            BKey::Periods(Some((a, z))) => {
                let budgets = &self.v.portfolio.budgets;
                let envelope = a < z
                    && budgets
                        .iter()
                        .any(|x| x.scope == BudgetScope::Periods(*a, *z));
                if !envelope {
                    for t in *a..=*z {
                        if !self
                            .v
                            .portfolio
                            .budgets
                            .iter()
                            .any(|x| x.scope == BudgetScope::Periods(t, t))
                        {
                            self.v
                                .portfolio
                                .budgets
                                .push(new_row(BudgetScope::Periods(t, t)));
                        }
                    }
                }
            }
            BKey::Category(Some(c)) if missing => {
                let row = new_row(BudgetScope::Category(c.clone()));
                self.v.portfolio.budgets.push(row);
            }
            _ => {}
        }
        self.budget_rows(key, Some(lim))
    }

    /// No row for the key: an error for a named key (E074), a warning for a wildcard.
    fn no_budget_row(&self, r: &Row, key: &BKey, lim: Option<Lim>, diag: &mut Diagnostics) {
        let what = match lim {
            Some(l) => format!("no budget row with a {} matches", l.word()),
            None => "no budget row matches".to_string(),
        };
        if key.named() {
            let message = format!(
                "key: {what} \"{}\": expected a key naming an existing budget row",
                r.key.text
            );
            r.key.error(diag, ErrorCode::NoSuchRow, message);
        } else {
            r.key
                .warn(diag, format!("{what} \"{}\": nothing changes", r.key.text));
        }
    }

    fn budget(&mut self, r: &Row, diag: &mut Diagnostics) {
        let Some(key) = self.budget_key(&r.key, diag) else {
            return;
        };
        let lim = match r.field_word().as_str() {
            "max" => Some(Lim::Max),
            "min" => Some(Lim::Min),
            "" => None,
            _ => {
                r.bad_field(diag, "max or min (empty only with remove)");
                return;
            }
        };
        let Some(l) = lim else {
            match r.op {
                Op::Remove => {
                    r.value_ignored(diag);
                    let rows = self.budget_rows(&key, None);
                    if rows.is_empty() {
                        self.no_budget_row(r, &key, None, diag);
                    }
                    self.delete_budget_rows(&rows);
                }
                Op::Force => {
                    r.not_allowed(diag, "for target budget (ops: set, scale, add, remove)")
                }
                _ => r.missing_field(diag, "max or min"),
            }
            return;
        };
        let what = format!("the budget {}", l.word());
        let missing = |diag: &mut Diagnostics, b: &BudgetLimit, p: &crate::model::Portfolio| {
            let message = format!(
                "{} has no {}: {}",
                describe_budget(p, b),
                l.word(),
                if l == Lim::Max {
                    "unlimited stays unlimited, nothing changes"
                } else {
                    "nothing changes"
                }
            );
            r.value.warn(diag, message);
        };
        let rows = match (r.op, l) {
            (Op::Set, _) => {
                let Some(v) = r.non_negative(diag) else {
                    return;
                };
                let rows = self.budget_rows_or_create(&key, l, r.line);
                for &i in &rows {
                    l.set(&mut self.v.portfolio.budgets[i], Some(v));
                }
                rows
            }
            (Op::Add, Lim::Min) => {
                let Some(d) = r.number(diag) else { return };
                let rows = self.budget_rows_or_create(&key, l, r.line);
                for &i in &rows {
                    let b = &mut self.v.portfolio.budgets[i];
                    let x = b.min.unwrap_or(0.0) + d;
                    b.min = Some(r.clamp(x, &what, diag));
                }
                rows
            }
            (Op::Scale | Op::Add, _) => {
                let amount = if r.op == Op::Scale {
                    r.non_negative(diag)
                } else {
                    r.number(diag)
                };
                let Some(a) = amount else { return };
                let rows = self.budget_rows(&key, Some(l));
                if rows.is_empty() {
                    self.no_budget_row(r, &key, Some(l), diag);
                }
                for &i in &rows {
                    let p = &self.v.portfolio;
                    match l.get(&p.budgets[i]) {
                        None => missing(diag, &p.budgets[i], p),
                        Some(x) => {
                            let new = if r.op == Op::Scale { x * a } else { x + a };
                            let new = r.clamp(new, &what, diag);
                            l.set(&mut self.v.portfolio.budgets[i], Some(new));
                        }
                    }
                }
                rows
            }
            (Op::Remove, _) => {
                r.value_ignored(diag);
                let rows = self.budget_rows(&key, Some(l));
                if rows.is_empty() {
                    self.no_budget_row(r, &key, Some(l), diag);
                }
                for &i in &rows {
                    l.set(&mut self.v.portfolio.budgets[i], None);
                }
                let empty: Vec<usize> = rows
                    .into_iter()
                    .filter(|&i| {
                        let b = &self.v.portfolio.budgets[i];
                        b.min.is_none() && b.max.is_none()
                    })
                    .collect();
                self.delete_budget_rows(&empty);
                return;
            }
            (Op::Force, _) => {
                r.not_allowed(diag, "for target budget (ops: set, scale, add, remove)");
                return;
            }
        };
        self.check_budget_rows(&rows, r, diag);
    }

    fn delete_budget_rows(&mut self, rows: &[usize]) {
        let mut i = 0;
        self.v.portfolio.budgets.retain(|_| {
            let keep = !rows.contains(&i);
            i += 1;
            keep
        });
    }

    /// E046 for each changed row whose min is above its max.
    fn check_budget_rows(&mut self, rows: &[usize], r: &Row, diag: &mut Diagnostics) {
        let p = &self.v.portfolio;
        for &i in rows {
            let b = &p.budgets[i];
            if let (Some(lo), Some(hi)) = (b.min, b.max) {
                if lo > hi + 1e-9 * hi.abs().max(1.0) {
                    let message = format!(
                        "value: {} would get min {} above its max {}: expected min ≤ max",
                        describe_budget(p, b),
                        crate::solve::num(lo),
                        crate::solve::num(hi)
                    );
                    r.value.error(diag, ErrorCode::MinAboveMax, message);
                }
            }
        }
    }

    // -----------------------------------------------------------------------------------
    // project

    /// The projects a key names now: an id, `category:C` or `*` (E030 for an unknown or
    /// removed project, E073 for an unknown category).
    fn project_keys(&self, key: &Cell, diag: &mut Diagnostics) -> Option<Vec<usize>> {
        let p = &self.v.portfolio;
        let text = key.text;
        if let Some(i) = p.project_index(text) {
            return Some(vec![i]);
        }
        if text == "*" {
            if p.projects.is_empty() {
                key.warn(diag, "key * matches no project: nothing changes");
            }
            return Some((0..p.projects.len()).collect());
        }
        if let Some((scope, c)) = text.split_once(':') {
            if scope.trim().eq_ignore_ascii_case("category") && !c.trim().is_empty() {
                let c = c.trim();
                if !self.check_category(key, c, diag) {
                    return None;
                }
                let ps: Vec<usize> = (0..p.projects.len())
                    .filter(|&i| p.projects[i].category.as_deref() == Some(c))
                    .collect();
                if ps.is_empty() {
                    key.warn(
                        diag,
                        format!("no project has category {c} now: nothing changes"),
                    );
                }
                return Some(ps);
            }
        }
        self.unknown_project(key, text, diag);
        None
    }

    /// E030 for `id` (a part of `cell`), saying when an earlier row removed it.
    fn unknown_project(&self, cell: &Cell, id: &str, diag: &mut Diagnostics) {
        let message = if let Some(line) = self.removed_projects.get(id) {
            format!(
                "{}: project \"{id}\" was removed by line {line} of scenario {}: expected a project of the scenario",
                cell.name, self.v.name
            )
        } else {
            let mut m = format!(
                "{}: expected a project id of projects.csv, found \"{id}\" (unknown project)",
                cell.name
            );
            let ids = self.v.portfolio.projects.iter().map(|x| x.id.as_str());
            if let Some(other) = case_variant(id, ids) {
                m.push_str(&format!(
                    "; did you mean \"{other}\"? ids are case-sensitive"
                ));
            }
            m
        };
        cell.error(diag, ErrorCode::UnknownProject, message);
    }

    fn project(&mut self, r: &Row, diag: &mut Diagnostics) {
        let field = match r.field_word().as_str() {
            "" => None,
            w => match PFIELDS.iter().find(|(k, _)| *k == w) {
                Some(&(_, f)) => Some(f),
                None => {
                    r.bad_field(diag, PFIELDS_EXPECTED);
                    return;
                }
            },
        };
        let Some(ps) = self.project_keys(&r.key, diag) else {
            return;
        };
        match (field, r.op) {
            (None, Op::Force) => {
                let dirs = [("in", true), ("out", false)];
                match r.value.keyword(diag, Need::Required, &dirs) {
                    Some(true) => ps.iter().for_each(|&p| self.v.force_in(p)),
                    Some(false) if self.objective() == Objective::Makespan => r.not_allowed(
                        diag,
                        "with value out under objective makespan (every project is selected): use remove",
                    ),
                    Some(false) => {
                        let why = format!(
                            "forced out by scenario {} ({} line {})",
                            self.v.name, self.file, r.line
                        );
                        ps.iter().for_each(|&p| self.v.force_out(p, why.clone()));
                    }
                    None => {}
                }
            }
            (None, Op::Remove) => {
                r.value_ignored(diag);
                for &p in ps.iter().rev() {
                    self.remove_project(p, r.line);
                }
            }
            (None, _) => r.missing_field(diag, PFIELDS_EXPECTED),
            (Some(f), _) => self.project_field(f, &ps, r, diag),
        }
    }

    fn remove_project(&mut self, p: usize, line: usize) {
        let pf = &mut self.v.portfolio;
        let id = pf.projects.remove(p).id;
        self.v.forced_out.remove(p);
        pf.demands.retain(|d| d.project != p);
        for d in &mut pf.demands {
            if d.project > p {
                d.project -= 1;
            }
        }
        pf.dependencies.retain(|d| d.from != p && d.to != p);
        for d in &mut pf.dependencies {
            if d.from > p {
                d.from -= 1;
            }
            if d.to > p {
                d.to -= 1;
            }
        }
        self.removed_projects.insert(id, line);
    }

    fn project_field(&mut self, f: PField, ps: &[usize], r: &Row, diag: &mut Diagnostics) {
        let fname = PFIELDS
            .iter()
            .find(|(_, x)| *x == f)
            .map_or("", |(k, _)| *k);
        let allowed = match f {
            PField::Value | PField::Benefit | PField::Cost | PField::Duration => "set, scale, add",
            PField::EarliestStart | PField::Deadline => "set, add, remove",
            PField::Mandatory | PField::Name => "set",
            PField::Category => "set, remove",
        };
        if !allowed.split(", ").any(|w| w == r.op.word()) {
            r.not_allowed(diag, &format!("for project {fname} (ops: {allowed})"));
            return;
        }
        match f {
            PField::Value | PField::Benefit | PField::Cost => {
                let amount = match r.op {
                    Op::Scale | Op::Set => r.non_negative(diag),
                    _ => r.number(diag),
                };
                let Some(a) = amount else { return };
                for &p in ps {
                    let pr = &mut self.v.portfolio.projects[p];
                    let current = amount_of(pr, f);
                    let new = match r.op {
                        Op::Set => a,
                        Op::Scale => current * a,
                        _ => r.clamp(current + a, &format!("{fname} of {}", pr.id), diag),
                    };
                    set_amount(pr, f, new);
                }
            }
            PField::Duration => self.project_duration(ps, r, diag),
            PField::EarliestStart | PField::Deadline => self.project_window(f, ps, r, diag),
            PField::Mandatory => {
                if let Some(b) = r.value.boolean(diag, Need::Required) {
                    for &p in ps {
                        if b {
                            self.v.force_in(p);
                        } else {
                            self.v.portfolio.projects[p].mandatory = false;
                        }
                    }
                }
            }
            PField::Category => {
                let c = match r.op {
                    Op::Set => (!r.value.is_empty()).then(|| r.value.text.to_string()),
                    _ => {
                        r.value_ignored(diag);
                        None
                    }
                };
                for &p in ps {
                    self.v.portfolio.projects[p].category = c.clone();
                }
            }
            PField::Name => {
                for &p in ps {
                    let pr = &mut self.v.portfolio.projects[p];
                    pr.name = if r.value.is_empty() {
                        pr.id.clone()
                    } else {
                        r.value.text.to_string()
                    };
                }
            }
        }
    }

    fn project_duration(&mut self, ps: &[usize], r: &Row, diag: &mut Diagnostics) {
        enum Change {
            To(usize),
            Times(f64),
            Plus(i64),
        }
        let change = match r.op {
            Op::Set => r
                .value
                .positive_integer(diag, Need::Required)
                .map(Change::To),
            Op::Scale => r.non_negative(diag).map(Change::Times),
            _ => r.integer(diag).map(Change::Plus),
        };
        let Some(change) = change else { return };
        for &p in ps {
            let pr = &self.v.portfolio.projects[p];
            let old = pr.duration;
            let new: f64 = match change {
                Change::To(n) => n as f64,
                Change::Times(f) => {
                    let raw = old as f64 * f;
                    if (raw - raw.round()).abs() <= 1e-6 {
                        raw.round()
                    } else {
                        raw.ceil()
                    }
                }
                Change::Plus(k) => old as f64 + k as f64,
            };
            if new < 1.0 {
                let message = format!(
                    "value: the duration of {} would become {}: expected an integer ≥ 1",
                    pr.id,
                    crate::solve::num(new)
                );
                r.value.error(diag, ErrorCode::BadDuration, message);
                continue;
            }
            let new = new.min(1e12) as usize;
            if new == old {
                continue;
            }
            if !self.window_ok(p, pr.earliest_start, pr.deadline, new, r, diag) {
                continue;
            }
            let pf = &mut self.v.portfolio;
            pf.projects[p].duration = new;
            for d in pf.demands.iter_mut().filter(|d| d.project == p) {
                let total: f64 = d.profile.iter().sum();
                d.profile = vec![total / new as f64; new];
            }
        }
    }

    fn project_window(&mut self, f: PField, ps: &[usize], r: &Row, diag: &mut Diagnostics) {
        let h = self.v.portfolio.horizon.clone();
        let last = h.periods - 1;
        enum Change {
            To(usize),
            Shift(i64),
        }
        let change = match r.op {
            Op::Set => r
                .value
                .period(diag, Need::Required, Some(&h))
                .map(Change::To),
            Op::Add => r.integer(diag).map(Change::Shift),
            _ => {
                r.value_ignored(diag);
                Some(Change::To(if f == PField::Deadline { last } else { 0 }))
            }
        };
        let Some(change) = change else { return };
        let fname = if f == PField::Deadline {
            "deadline"
        } else {
            "earliest_start"
        };
        for &p in ps {
            let pr = &self.v.portfolio.projects[p];
            let old = if f == PField::Deadline {
                pr.deadline
            } else {
                pr.earliest_start
            };
            let new = match change {
                Change::To(t) => t,
                Change::Shift(k) => {
                    let raw = old as i128 + k as i128;
                    let clamped = raw.clamp(0, last as i128);
                    if clamped != raw {
                        let message = format!(
                            "the {fname} of {} would move outside the horizon: set to {}",
                            pr.id,
                            h.label(clamped as usize)
                        );
                        r.value.warn(diag, message);
                    }
                    clamped as usize
                }
            };
            let (e, d) = if f == PField::Deadline {
                (pr.earliest_start, new)
            } else {
                (new, pr.deadline)
            };
            if self.window_ok(p, e, d, pr.duration, r, diag) {
                let pr = &mut self.v.portfolio.projects[p];
                pr.earliest_start = e;
                pr.deadline = d;
            }
        }
    }

    /// E040 / E041 when project `p` would not fit the window `e..=d` with `duration`.
    fn window_ok(
        &self,
        p: usize,
        e: usize,
        d: usize,
        duration: usize,
        r: &Row,
        diag: &mut Diagnostics,
    ) -> bool {
        let h = &self.v.portfolio.horizon;
        let id = &self.v.portfolio.projects[p].id;
        if d < e {
            let message = format!(
                "value: project {id} would have its deadline {} before its earliest_start {}: expected a window the project fits",
                h.label(d),
                h.label(e)
            );
            r.value.error(diag, ErrorCode::StartAfterDeadline, message);
            return false;
        }
        let window = d - e + 1;
        if window < duration {
            let message = format!(
                "value: project {id} would need {duration} period(s) in its window {}..{} of {window}: expected a window at least as long as the duration",
                h.label(e),
                h.label(d)
            );
            r.value.error(diag, ErrorCode::WindowTooShort, message);
            return false;
        }
        true
    }

    // -----------------------------------------------------------------------------------
    // capacity and people

    /// Splits `name@PERIODS` (the whole text when it is a name, or `*`), resolving the
    /// range (every period when absent). `None` after an E032.
    fn at_key(
        &self,
        key: &Cell,
        is_name: impl Fn(&str) -> bool,
        diag: &mut Diagnostics,
    ) -> Option<(String, Option<(usize, usize)>)> {
        let text = key.text;
        if text == "*" || is_name(text) {
            return Some((text.to_string(), None));
        }
        match text.rsplit_once('@') {
            Some((name, range)) => {
                let range = self.period_range(key, range.trim(), diag)?;
                Some((name.trim().to_string(), Some(range)))
            }
            None => Some((text.to_string(), None)),
        }
    }

    /// E031 for a name that is not a skill of the portfolio.
    fn skill_index(&self, cell: &Cell, name: &str, diag: &mut Diagnostics) -> Option<usize> {
        let skills = &self.v.portfolio.skills;
        if let Some(k) = skills.iter().position(|s| s == name) {
            return Some(k);
        }
        let mut message = format!(
            "{}: expected a skill of the portfolio ({}), found \"{name}\" (unknown skill)",
            cell.name,
            skills.join(", ")
        );
        if let Some(other) = case_variant(name, skills.iter().map(String::as_str)) {
            message.push_str(&format!(
                "; did you mean \"{other}\"? skill names are case-sensitive"
            ));
        }
        cell.error(diag, ErrorCode::UnknownSkill, message);
        None
    }

    /// Applies set/scale/add/remove to each value of `cells`; one warning when some
    /// result went below 0.
    fn per_period_op(
        r: &Row,
        amount: f64,
        cells: Vec<&mut f64>,
        what: &str,
        diag: &mut Diagnostics,
    ) {
        let mut clamped = false;
        for c in cells {
            let new = match r.op {
                Op::Set => amount,
                Op::Scale => *c * amount,
                Op::Add => *c + amount,
                _ => 0.0,
            };
            if new < 0.0 {
                clamped = true;
            }
            *c = new.max(0.0);
        }
        if clamped {
            r.value.warn(
                diag,
                format!("{what} would go below 0 in some period: set to 0 there"),
            );
        }
    }

    /// The amount of a set/scale/add on a per-period quantity (`Some(0)` for remove).
    fn period_amount(r: &Row, diag: &mut Diagnostics) -> Option<f64> {
        match r.op {
            Op::Set | Op::Scale => r.non_negative(diag),
            Op::Add => r.number(diag),
            _ => {
                r.value_ignored(diag);
                Some(0.0)
            }
        }
    }

    fn capacity(&mut self, r: &Row, diag: &mut Diagnostics) {
        if !matches!(r.field_word().as_str(), "" | "capacity") {
            r.bad_field(diag, "capacity or an empty cell");
            return;
        }
        if r.op == Op::Force {
            r.not_allowed(diag, "for target capacity (ops: set, scale, add, remove)");
            return;
        }
        let skills = self.v.portfolio.skills.clone();
        let Some((name, range)) = self.at_key(&r.key, |s| skills.iter().any(|k| k == s), diag)
        else {
            return;
        };
        let ks: Vec<usize> = if name == "*" {
            (0..skills.len()).collect()
        } else {
            match self.skill_index(&r.key, &name, diag) {
                Some(k) => vec![k],
                None => return,
            }
        };
        let Some(amount) = Self::period_amount(r, diag) else {
            return;
        };
        let (a, z) = range.unwrap_or((0, self.v.portfolio.periods() - 1));
        let cells: Vec<&mut f64> = self
            .v
            .portfolio
            .capacity
            .iter_mut()
            .enumerate()
            .filter(|(k, _)| ks.contains(k))
            .flat_map(|(_, row)| row[a..=z].iter_mut())
            .collect();
        Self::per_period_op(r, amount, cells, "the capacity", diag);
    }

    fn person_index(&self, name: &str) -> Option<usize> {
        self.v.portfolio.people.iter().position(|p| p.name == name)
    }

    /// E072 for a person that does not exist (saying when an earlier row removed it).
    fn unknown_person(&self, cell: &Cell, name: &str, diag: &mut Diagnostics) {
        let message = if let Some(line) = self.removed_people.get(name) {
            format!(
                "{}: person \"{name}\" was removed by line {line} of scenario {}: expected a person of the scenario",
                cell.name, self.v.name
            )
        } else {
            let mut m = format!(
                "{}: expected a person of people.csv (or one added by an earlier row), found \"{name}\" (unknown person)",
                cell.name
            );
            let names = self.v.portfolio.people.iter().map(|p| p.name.as_str());
            if let Some(other) = case_variant(name, names) {
                m.push_str(&format!(
                    "; did you mean \"{other}\"? names are case-sensitive"
                ));
            }
            m
        };
        cell.error(diag, ErrorCode::UnknownPerson, message);
    }

    /// The skills listed in the value cell (`A|B`), each a skill of the portfolio.
    fn value_skills(&self, r: &Row, diag: &mut Diagnostics) -> Option<Vec<usize>> {
        let names: Vec<&str> = r
            .value
            .text
            .split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        if names.is_empty() {
            let message = r.value.expected_message("skills separated by |");
            r.value.error(diag, ErrorCode::MissingValue, message);
            return None;
        }
        let mut ks = Vec::new();
        let mut ok = true;
        for n in names {
            match self.skill_index(&r.value, n, diag) {
                Some(k) => ks.push(k),
                None => ok = false,
            }
        }
        ks.sort_unstable();
        ks.dedup();
        ok.then_some(ks)
    }

    fn people(&mut self, r: &Row, diag: &mut Diagnostics) {
        let field = r.field_word();
        if !matches!(field.as_str(), "" | "availability" | "skills") {
            r.bad_field(diag, "availability, skills, or empty (remove a person)");
            return;
        }
        if r.op == Op::Force {
            r.not_allowed(diag, "for target people (ops: set, scale, add, remove)");
            return;
        }
        let names: Vec<String> = self
            .v
            .portfolio
            .people
            .iter()
            .map(|p| p.name.clone())
            .collect();
        let Some((name, range)) = self.at_key(&r.key, |s| names.iter().any(|n| n == s), diag)
        else {
            return;
        };
        let all = name == "*";
        let creates = field == "skills" && r.op == Op::Add;
        let who: Vec<usize> = if all {
            (0..names.len()).collect()
        } else {
            match self.person_index(&name) {
                Some(i) => vec![i],
                None if creates => Vec::new(),
                None => {
                    self.unknown_person(&r.key, &name, diag);
                    return;
                }
            }
        };
        match field.as_str() {
            "" => {
                if r.op != Op::Remove {
                    r.missing_field(diag, "availability or skills");
                } else if range.is_some() {
                    let message =
                        "key: remove deletes the whole person: expected a person without @PERIODS";
                    r.key.error(diag, ErrorCode::OpNotAllowed, message);
                } else {
                    r.value_ignored(diag);
                    for &i in who.iter().rev() {
                        let p = self.v.portfolio.people.remove(i);
                        self.removed_people.insert(p.name, r.line);
                    }
                }
            }
            "availability" => {
                let Some(amount) = Self::period_amount(r, diag) else {
                    return;
                };
                let (a, z) = range.unwrap_or((0, self.v.portfolio.periods() - 1));
                let cells: Vec<&mut f64> = self
                    .v
                    .portfolio
                    .people
                    .iter_mut()
                    .enumerate()
                    .filter(|(i, _)| who.contains(i))
                    .flat_map(|(_, p)| p.availability[a..=z].iter_mut())
                    .collect();
                Self::per_period_op(r, amount, cells, "the availability", diag);
            }
            _ => {
                if range.is_some() {
                    let message =
                        "key: skills rows take no period range: expected a person without @PERIODS";
                    r.key.error(diag, ErrorCode::OpNotAllowed, message);
                    return;
                }
                if r.op == Op::Scale {
                    r.not_allowed(diag, "for people skills (ops: set, add, remove)");
                    return;
                }
                let Some(ks) = self.value_skills(r, diag) else {
                    return;
                };
                if creates && !all && who.is_empty() {
                    let periods = self.v.portfolio.periods();
                    self.v.portfolio.people.push(Person {
                        name: name.clone(),
                        skills: ks,
                        availability: vec![0.0; periods],
                    });
                    self.removed_people.remove(&name);
                    return;
                }
                for i in who {
                    let person = &mut self.v.portfolio.people[i];
                    let mut skills = person.skills.clone();
                    match r.op {
                        Op::Set => skills = ks.clone(),
                        Op::Add => skills.extend(&ks),
                        _ => skills.retain(|k| !ks.contains(k)),
                    }
                    skills.sort_unstable();
                    skills.dedup();
                    if skills.is_empty() {
                        let message = format!(
                            "value: {} would be left without skills: expected at least one skill (remove the person instead)",
                            person.name
                        );
                        r.value.error(diag, ErrorCode::PersonWithoutSkills, message);
                        continue;
                    }
                    person.skills = skills;
                }
            }
        }
    }

    // -----------------------------------------------------------------------------------
    // dependency

    fn dep_key(&self, key: &Cell, diag: &mut Diagnostics) -> Option<DKey> {
        let text = key.text;
        if text == "*" {
            return Some(DKey::All);
        }
        let p = &self.v.portfolio;
        for (i, _) in text.match_indices('>') {
            let (a, b) = (text[..i].trim(), text[i + 1..].trim());
            if let (Some(x), Some(y)) = (p.project_index(a), p.project_index(b)) {
                return Some(DKey::Pair(x, y));
            }
        }
        let Some((a, b)) = text.split_once('>') else {
            let message = key.expected_message("from>to (two project ids) or *");
            key.error(diag, ErrorCode::BadKeyword, message);
            return None;
        };
        for id in [a.trim(), b.trim()] {
            if p.project_index(id).is_none() {
                self.unknown_project(key, id, diag);
            }
        }
        None
    }

    /// The dependency rows of a key (of kind `kind` only, when given).
    fn dep_rows(&self, key: DKey, kind: Option<DepKind>) -> Vec<usize> {
        let same_kind =
            |a: DepKind, b: DepKind| std::mem::discriminant(&a) == std::mem::discriminant(&b);
        self.v
            .portfolio
            .dependencies
            .iter()
            .enumerate()
            .filter(|(_, d)| match key {
                DKey::All => true,
                DKey::Pair(f, t) => d.from == f && d.to == t,
            })
            .filter(|(_, d)| kind.is_none_or(|k| same_kind(k, d.kind)))
            .map(|(i, _)| i)
            .collect()
    }

    /// A cycle through precedes/requires rows, in words (`A → B → A`).
    fn cycle(&self) -> Option<String> {
        let p = &self.v.portfolio;
        let edges: Vec<(usize, usize)> = p
            .dependencies
            .iter()
            .filter(|d| d.kind != DepKind::Excludes)
            .map(|d| (d.from, d.to))
            .collect();
        let cycle = find_cycle(p.projects.len(), &edges)?;
        let mut names: Vec<&str> = cycle.iter().map(|&i| p.projects[i].id.as_str()).collect();
        names.push(names[0]);
        Some(names.join(" → "))
    }

    fn no_dep_row(&self, r: &Row, key: DKey, what: &str, diag: &mut Diagnostics) {
        match key {
            DKey::Pair(..) => {
                let message = format!(
                    "key: no {what}dependency row {}: expected a pair of dependencies.csv (or added by an earlier row)",
                    r.key.text
                );
                r.key.error(diag, ErrorCode::NoSuchRow, message);
            }
            DKey::All => r
                .key
                .warn(diag, format!("no {what}dependency row: nothing changes")),
        }
    }

    fn dependency(&mut self, r: &Row, diag: &mut Diagnostics) {
        let field = r.field_word();
        if !matches!(field.as_str(), "" | "lag" | "type") {
            r.bad_field(diag, "lag, type, or empty (add, remove)");
            return;
        }
        let Some(key) = self.dep_key(&r.key, diag) else {
            return;
        };
        let kind_of = |diag: &mut Diagnostics, text: &str| -> Option<DepKind> {
            r.value
                .with_text(text.trim())
                .keyword(diag, Need::Required, &DEP_KINDS)
        };
        match (field.as_str(), r.op) {
            ("", Op::Add) => {
                let DKey::Pair(from, to) = key else {
                    r.not_allowed(diag, "with key *: add names one pair from>to");
                    return;
                };
                let (kind_text, lag_text) = match r.value.text.split_once(':') {
                    Some((k, l)) => (k, Some(l.trim())),
                    None => (r.value.text, None),
                };
                let kind = if kind_text.trim().is_empty() && lag_text.is_none() {
                    Some(DepKind::Precedes { lag: 0 })
                } else {
                    kind_of(diag, kind_text)
                };
                let lag = match lag_text {
                    None => Some(0),
                    Some(l) => r.value.with_text(l).integer(diag, Need::Required),
                };
                let (Some(kind), Some(lag)) = (kind, lag) else {
                    return;
                };
                if from == to {
                    let message = format!(
                        "key: expected two different projects, found \"{}\" (a project cannot depend on itself)",
                        r.key.text
                    );
                    r.key.error(diag, ErrorCode::SelfDependency, message);
                    return;
                }
                let kind = match kind {
                    DepKind::Precedes { .. } => DepKind::Precedes { lag },
                    k => {
                        if lag != 0 {
                            r.value
                                .warn(diag, "lag ignored: it applies to precedes rows only");
                        }
                        k
                    }
                };
                self.v
                    .portfolio
                    .dependencies
                    .push(Dependency { from, to, kind });
                if let Some(cycle) = self.cycle() {
                    self.v.portfolio.dependencies.pop();
                    let message = format!(
                        "key: adding {} makes a dependency cycle {cycle} (precedes/requires rows): expected dependencies without a cycle",
                        r.key.text
                    );
                    r.key.error(diag, ErrorCode::DependencyCycle, message);
                }
            }
            ("", Op::Remove) => {
                let kind = if r.value.is_empty() {
                    None
                } else {
                    match kind_of(diag, r.value.text) {
                        Some(k) => Some(k),
                        None => return,
                    }
                };
                let rows = self.dep_rows(key, kind);
                if rows.is_empty() {
                    let what = if kind.is_some() {
                        format!("{} ", r.value.text.to_lowercase())
                    } else {
                        String::new()
                    };
                    self.no_dep_row(r, key, &what, diag);
                }
                let mut i = 0;
                self.v.portfolio.dependencies.retain(|_| {
                    let keep = !rows.contains(&i);
                    i += 1;
                    keep
                });
            }
            ("lag", Op::Set) => {
                let Some(lag) = r.integer(diag) else { return };
                let rows = self.dep_rows(key, Some(DepKind::Precedes { lag: 0 }));
                if rows.is_empty() {
                    self.no_dep_row(r, key, "precedes ", diag);
                }
                for i in rows {
                    self.v.portfolio.dependencies[i].kind = DepKind::Precedes { lag };
                }
            }
            ("type", Op::Set) => {
                let Some(kind) = kind_of(diag, r.value.text) else {
                    return;
                };
                let rows = self.dep_rows(key, None);
                if rows.is_empty() {
                    self.no_dep_row(r, key, "", diag);
                }
                let before = self.v.portfolio.dependencies.clone();
                for i in rows {
                    let d = &mut self.v.portfolio.dependencies[i];
                    d.kind = match (kind, d.kind) {
                        (DepKind::Precedes { .. }, DepKind::Precedes { lag }) => {
                            DepKind::Precedes { lag }
                        }
                        (k, _) => k,
                    };
                }
                if let Some(cycle) = self.cycle() {
                    self.v.portfolio.dependencies = before;
                    let message = format!(
                        "value: the new type makes a dependency cycle {cycle} (precedes/requires rows): expected dependencies without a cycle"
                    );
                    r.value.error(diag, ErrorCode::DependencyCycle, message);
                }
            }
            ("", _) => r.missing_field(diag, "lag or type"),
            _ => r.not_allowed(diag, &format!("for dependency {field} (op: set)")),
        }
    }
}

fn amount_of(p: &Project, f: PField) -> f64 {
    match f {
        PField::Value => p.value,
        PField::Benefit => p.benefit,
        _ => p.cost,
    }
}

fn set_amount(p: &mut Project, f: PField, v: f64) {
    match f {
        PField::Value => p.value = v,
        PField::Benefit => p.benefit = v,
        _ => p.cost = v,
    }
}
