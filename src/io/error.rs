//! Input errors and warnings: every problem of a load, each with file, line, column,
//! a stable code and what was expected.

use std::fmt;

/// Stable error codes (documented in docs/FORMAT.md; never renumber).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ErrorCode {
    /// E001 a required file is missing.
    MissingFile,
    /// E002 a file cannot be read (I/O error, not UTF-8).
    UnreadableFile,
    /// E003 a required column is missing from the header.
    MissingColumn,
    /// E004 the CSV is malformed (bad quoting, no header).
    MalformedCsv,
    /// E010 a required cell is empty.
    MissingValue,
    /// E011 a number was expected.
    NotANumber,
    /// E012 a number must be ≥ 0.
    Negative,
    /// E013 an integer was expected.
    NotAnInteger,
    /// E014 a boolean was expected.
    BadBoolean,
    /// E015 duration must be ≥ 1 (or periods ≥ 1).
    BadDuration,
    /// E016 an unknown keyword (objective, dependency type, budget scope, settings value).
    BadKeyword,
    /// E020 a duplicate project id.
    DuplicateId,
    /// E021 a duplicate row (settings key, capacity row, person row, plan row).
    DuplicateRow,
    /// E030 a project id that does not exist.
    UnknownProject,
    /// E031 a skill that does not exist.
    UnknownSkill,
    /// E032 a period that is malformed or outside the horizon.
    UnknownPeriod,
    /// E034 a criterion that does not exist.
    UnknownCriterion,
    /// E040 earliest_start after deadline.
    StartAfterDeadline,
    /// E041 the window earliest_start..deadline is shorter than the duration.
    WindowTooShort,
    /// E042 a project that depends on itself.
    SelfDependency,
    /// E043 a cycle through precedes/requires rows.
    DependencyCycle,
    /// E044 a profile offset outside 1..duration.
    OffsetOutOfRange,
    /// E045 a project's demand rows mix rows with and without offset.
    MixedProfile,
    /// E046 a budget min greater than its max.
    MinAboveMax,
    /// E047 a budget row with neither min nor max.
    EmptyBudget,
    /// E048 a negative value computed from criteria.
    NegativeCriteriaValue,
    /// E049 a criterion named like a standard column.
    CriterionNameConflict,
    /// E050 horizon_start malformed or missing required setting.
    BadHorizon,
    /// E070 scenarios.csv: a scenario name that is malformed, reserved (`baseline`) or
    /// differs from another only in case.
    BadScenarioName,
    /// E071 scenarios.csv: an op (or field, key form, range) not allowed for the target.
    OpNotAllowed,
    /// E072 scenarios.csv: a person that does not exist (or was removed).
    UnknownPerson,
    /// E073 scenarios.csv: a category that no project has and no budget row names.
    UnknownCategory,
    /// E074 scenarios.csv: a named budget or dependency key that matches no row.
    NoSuchRow,
    /// E075 a number that must be > 0 (a time limit).
    NotPositive,
    /// E076 scenarios.csv: a person left without skills.
    PersonWithoutSkills,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        use ErrorCode::*;
        match self {
            MissingFile => "E001",
            UnreadableFile => "E002",
            MissingColumn => "E003",
            MalformedCsv => "E004",
            MissingValue => "E010",
            NotANumber => "E011",
            Negative => "E012",
            NotAnInteger => "E013",
            BadBoolean => "E014",
            BadDuration => "E015",
            BadKeyword => "E016",
            DuplicateId => "E020",
            DuplicateRow => "E021",
            UnknownProject => "E030",
            UnknownSkill => "E031",
            UnknownPeriod => "E032",
            UnknownCriterion => "E034",
            StartAfterDeadline => "E040",
            WindowTooShort => "E041",
            SelfDependency => "E042",
            DependencyCycle => "E043",
            OffsetOutOfRange => "E044",
            MixedProfile => "E045",
            MinAboveMax => "E046",
            EmptyBudget => "E047",
            NegativeCriteriaValue => "E048",
            CriterionNameConflict => "E049",
            BadHorizon => "E050",
            BadScenarioName => "E070",
            OpNotAllowed => "E071",
            UnknownPerson => "E072",
            UnknownCategory => "E073",
            NoSuchRow => "E074",
            NotPositive => "E075",
            PersonWithoutSkills => "E076",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A place in an input file. Lines and columns are 1-based (line 1 = header).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
            if let Some(c) = self.column {
                write!(f, ":{c}")?;
            }
        }
        Ok(())
    }
}

/// One input problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub location: Location,
    pub code: ErrorCode,
    /// What is wrong and what was expected, e.g.
    /// `duration: expected an integer ≥ 1, found "abc"`.
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: error[{}]: {}",
            self.location, self.code, self.message
        )
    }
}

/// Every error of a load, sorted by file, line, column.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct LoadErrors(pub Vec<InputError>);

impl fmt::Display for LoadErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} input error(s):", self.0.len())?;
        for e in &self.0 {
            writeln!(f, "  {e}")?;
        }
        Ok(())
    }
}

/// A non-fatal remark about the input (unknown column, duplicated demand row…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub location: Location,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: warning: {}", self.location, self.message)
    }
}

/// Collects errors and warnings during a load.
#[derive(Debug, Default)]
pub struct Diagnostics {
    pub errors: Vec<InputError>,
    pub warnings: Vec<Warning>,
}

impl Diagnostics {
    pub fn error(
        &mut self,
        file: &str,
        line: Option<usize>,
        column: Option<usize>,
        code: ErrorCode,
        message: impl Into<String>,
    ) {
        self.errors.push(InputError {
            location: Location {
                file: file.to_string(),
                line,
                column,
            },
            code,
            message: message.into(),
        });
    }

    pub fn warn(
        &mut self,
        file: &str,
        line: Option<usize>,
        column: Option<usize>,
        message: impl Into<String>,
    ) {
        self.warnings.push(Warning {
            location: Location {
                file: file.to_string(),
                line,
                column,
            },
            message: message.into(),
        });
    }

    /// `Err` with every error sorted by place (stable), or `Ok` with the warnings.
    pub fn finish(mut self) -> Result<Vec<Warning>, LoadErrors> {
        if self.errors.is_empty() {
            Ok(self.warnings)
        } else {
            self.errors
                .sort_by(|a, b| a.location.cmp(&b.location).then(a.code.cmp(&b.code)));
            Err(LoadErrors(self.errors))
        }
    }
}
