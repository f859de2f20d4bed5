//! The planning horizon: consecutive periods, named by label or by 1-based index.

use std::fmt;

/// How periods are named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HorizonKind {
    /// `2027-01`, `2027-02`, …
    Monthly { year: i32, month: u32 },
    /// `2027-Q1`, `2027-Q2`, …
    Quarterly { year: i32, quarter: u32 },
    /// plain numbered periods starting at `first` (a number is a label).
    Numbered { first: i64 },
}

/// The horizon: `periods` consecutive periods starting at `kind`'s first one.
/// Internally periods are 0-based indexes `0..periods`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Horizon {
    pub kind: HorizonKind,
    pub periods: usize,
}

/// Why a period reference could not be resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeriodError {
    /// Not a label of this horizon's kind nor an index.
    Malformed,
    /// Well formed, but outside the horizon.
    OutOfHorizon,
}

impl fmt::Display for PeriodError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PeriodError::Malformed => write!(f, "not a period"),
            PeriodError::OutOfHorizon => write!(f, "outside the horizon"),
        }
    }
}

fn parse_year_month(s: &str) -> Option<(i32, u32)> {
    let (y, m) = s.split_once('-')?;
    if y.len() != 4 || m.is_empty() || m.len() > 2 {
        return None;
    }
    let y: i32 = y.parse().ok()?;
    let m: u32 = m.parse().ok()?;
    (1..=12).contains(&m).then_some((y, m))
}

fn parse_year_quarter(s: &str) -> Option<(i32, u32)> {
    let (y, q) = s.split_once('-')?;
    if y.len() != 4 {
        return None;
    }
    let y: i32 = y.parse().ok()?;
    let q = q.strip_prefix('Q').or_else(|| q.strip_prefix('q'))?;
    let q: u32 = q.parse().ok()?;
    (1..=4).contains(&q).then_some((y, q))
}

impl HorizonKind {
    /// Parses `horizon_start`: `2027-01`, `2027-Q1` or an integer.
    pub fn parse(s: &str) -> Option<HorizonKind> {
        let s = s.trim();
        if let Some((year, month)) = parse_year_month(s) {
            return Some(HorizonKind::Monthly { year, month });
        }
        if let Some((year, quarter)) = parse_year_quarter(s) {
            return Some(HorizonKind::Quarterly { year, quarter });
        }
        s.parse::<i64>()
            .ok()
            .map(|first| HorizonKind::Numbered { first })
    }
}

impl Horizon {
    pub fn new(kind: HorizonKind, periods: usize) -> Self {
        Horizon { kind, periods }
    }

    /// The label of 0-based period `idx` (may be past the horizon: labels extrapolate).
    pub fn label(&self, idx: usize) -> String {
        match self.kind {
            HorizonKind::Monthly { year, month } => {
                let m0 = (month as i64 - 1) + idx as i64;
                let y = year as i64 + m0.div_euclid(12);
                format!("{:04}-{:02}", y, m0.rem_euclid(12) + 1)
            }
            HorizonKind::Quarterly { year, quarter } => {
                let q0 = (quarter as i64 - 1) + idx as i64;
                let y = year as i64 + q0.div_euclid(4);
                format!("{:04}-Q{}", y, q0.rem_euclid(4) + 1)
            }
            HorizonKind::Numbered { first } => (first as i128 + idx as i128).to_string(),
        }
    }

    /// All labels of the horizon, in order.
    pub fn labels(&self) -> Vec<String> {
        (0..self.periods).map(|i| self.label(i)).collect()
    }

    /// Resolves a period reference (label, or 1-based index for labelled horizons)
    /// to a 0-based index inside the horizon.
    pub fn parse_period(&self, s: &str) -> Result<usize, PeriodError> {
        let s = s.trim();
        let offset: i64 = match self.kind {
            HorizonKind::Monthly { year, month } => {
                if let Some((y, m)) = parse_year_month(s) {
                    (y as i64 - year as i64) * 12 + (m as i64 - month as i64)
                } else if let Ok(i) = s.parse::<i64>() {
                    i.saturating_sub(1)
                } else {
                    return Err(PeriodError::Malformed);
                }
            }
            HorizonKind::Quarterly { year, quarter } => {
                if let Some((y, q)) = parse_year_quarter(s) {
                    (y as i64 - year as i64) * 4 + (q as i64 - quarter as i64)
                } else if let Ok(i) = s.parse::<i64>() {
                    i.saturating_sub(1)
                } else {
                    return Err(PeriodError::Malformed);
                }
            }
            HorizonKind::Numbered { first } => match s.parse::<i64>() {
                Ok(i) => i.saturating_sub(first),
                Err(_) => return Err(PeriodError::Malformed),
            },
        };
        if offset < 0 || offset >= self.periods as i64 {
            Err(PeriodError::OutOfHorizon)
        } else {
            Ok(offset as usize)
        }
    }

    /// A short description of what a period reference looks like here, for error messages.
    pub fn expected(&self) -> String {
        format!(
            "a period from {} to {}",
            self.label(0),
            self.label(self.periods.saturating_sub(1))
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monthly_labels_wrap_years() {
        let h = Horizon::new(HorizonKind::parse("2027-11").unwrap(), 4);
        assert_eq!(h.labels(), vec!["2027-11", "2027-12", "2028-01", "2028-02"]);
        assert_eq!(h.parse_period("2028-01"), Ok(2));
        assert_eq!(h.parse_period("3"), Ok(2));
        assert_eq!(h.parse_period("2028-03"), Err(PeriodError::OutOfHorizon));
        assert_eq!(h.parse_period("0"), Err(PeriodError::OutOfHorizon));
        assert_eq!(h.parse_period("soon"), Err(PeriodError::Malformed));
    }

    #[test]
    fn quarterly_and_numbered() {
        let h = Horizon::new(HorizonKind::parse("2027-Q3").unwrap(), 4);
        assert_eq!(h.labels(), vec!["2027-Q3", "2027-Q4", "2028-Q1", "2028-Q2"]);
        assert_eq!(h.parse_period("2028-q1"), Ok(2));
        let n = Horizon::new(HorizonKind::parse("5").unwrap(), 3);
        assert_eq!(n.labels(), vec!["5", "6", "7"]);
        assert_eq!(n.parse_period("5"), Ok(0));
        assert_eq!(n.parse_period("1"), Err(PeriodError::OutOfHorizon));
    }

    #[test]
    fn extreme_numbers_do_not_overflow() {
        let m = Horizon::new(HorizonKind::parse("2027-01").unwrap(), 12);
        assert_eq!(
            m.parse_period("-9223372036854775808"),
            Err(PeriodError::OutOfHorizon)
        );
        let n = Horizon::new(HorizonKind::Numbered { first: i64::MAX }, 3);
        assert_eq!(n.label(2), "9223372036854775809");
        assert_eq!(
            n.parse_period("-9223372036854775808"),
            Err(PeriodError::OutOfHorizon)
        );
    }
}
