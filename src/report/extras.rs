//! The optional outputs of other commands that the report shows when the out folder
//! holds them: `scenarios.csv` and `frontier.csv` (contract: SCENARIOS.md, version 1),
//! `changes.csv` and `alerts.csv` (contract: REPLAN.md, version 1).
//!
//! Columns are found by name (in any order, extra columns ignored, header case and a
//! BOM ignored). A file that exists but cannot be read gives a note in the report
//! instead of its section, never an error of the command.

use std::collections::HashMap;
use std::path::Path;

/// A file's rows, or why it could not be read.
pub type Loaded<T> = Result<Vec<T>, String>;

/// One row of `scenarios.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioRow {
    pub scenario: String,
    pub status: String,
    pub objective: Option<f64>,
    pub gap: Option<f64>,
    pub selected: Option<f64>,
    pub value: Option<f64>,
    pub cost: Option<f64>,
    pub budget_use: Option<f64>,
    pub delta: Option<f64>,
    pub entered: Vec<String>,
    pub left: Vec<String>,
    /// `peak_SKILL` columns in file order: (skill, peak utilisation).
    pub peaks: Vec<(String, Option<f64>)>,
}

/// One row of `frontier.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontierRow {
    pub budget: f64,
    pub status: String,
    pub objective: Option<f64>,
    pub selected: Option<f64>,
    pub cost: Option<f64>,
    pub entered: Vec<String>,
    pub left: Vec<String>,
}

/// One row of the replan's `changes.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeRow {
    pub project: String,
    pub change: String,
    pub from_start: String,
    pub to_start: String,
    pub from_finish: String,
    pub to_finish: String,
    pub reason: String,
}

/// One row of the replan's `alerts.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct AlertRow {
    pub alert: String,
    pub project: String,
    pub skill: String,
    pub period: String,
    pub amount: String,
    pub message: String,
}

/// What the out folder holds besides the plan (None: no such file).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Extras {
    pub scenarios: Option<Loaded<ScenarioRow>>,
    pub frontier: Option<Loaded<FrontierRow>>,
    pub changes: Option<Loaded<ChangeRow>>,
    pub alerts: Option<Loaded<AlertRow>>,
}

impl Extras {
    /// Nothing besides the plan.
    pub fn none() -> Self {
        Extras::default()
    }

    /// Reads whichever of the files `out` holds.
    pub fn read(out: &Path) -> Self {
        let file = |name: &str| {
            let p = out.join(name);
            p.is_file().then(|| {
                std::fs::read_to_string(&p).map_err(|e| format!("{name}: cannot be read: {e}"))
            })
        };
        Extras {
            scenarios: file("scenarios.csv").map(|t| t.and_then(|t| parse_scenarios(&t))),
            frontier: file("frontier.csv").map(|t| t.and_then(|t| parse_frontier(&t))),
            changes: file("changes.csv").map(|t| t.and_then(|t| parse_changes(&t))),
            alerts: file("alerts.csv").map(|t| t.and_then(|t| parse_alerts(&t))),
        }
    }
}

/// A CSV text with its columns by (lower-case) name.
struct Table {
    file: &'static str,
    columns: HashMap<String, usize>,
    headers: Vec<String>,
    rows: Vec<(usize, csv::StringRecord)>,
}

impl Table {
    fn parse(file: &'static str, text: &str, required: &[&str]) -> Result<Table, String> {
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let mut r = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let headers: Vec<String> = r
            .headers()
            .map_err(|e| format!("{file}: {e}"))?
            .iter()
            .map(|h| h.to_string())
            .collect();
        let columns: HashMap<String, usize> = headers
            .iter()
            .enumerate()
            .map(|(i, h)| (h.to_lowercase(), i))
            .collect();
        let missing: Vec<&str> = required
            .iter()
            .copied()
            .filter(|c| !columns.contains_key(*c))
            .collect();
        if !missing.is_empty() {
            return Err(format!(
                "{file}: missing column(s) {} (line 1)",
                missing.join(", ")
            ));
        }
        let mut rows = Vec::new();
        for rec in r.records() {
            let rec = rec.map_err(|e| format!("{file}: {e}"))?;
            let line = rec.position().map_or(0, |p| p.line() as usize);
            if rec.iter().all(|c| c.is_empty()) {
                continue;
            }
            rows.push((line, rec));
        }
        Ok(Table {
            file,
            columns,
            headers,
            rows,
        })
    }

    fn get<'r>(&self, rec: &'r csv::StringRecord, col: &str) -> &'r str {
        self.columns
            .get(col)
            .and_then(|&i| rec.get(i))
            .unwrap_or("")
    }

    fn num(&self, line: usize, rec: &csv::StringRecord, col: &str) -> Result<Option<f64>, String> {
        let s = self.get(rec, col);
        if s.is_empty() {
            return Ok(None);
        }
        s.parse::<f64>().map(Some).map_err(|_| {
            format!(
                "{}: line {line}, column {col}: expected a number, found \"{s}\"",
                self.file
            )
        })
    }

    fn list(&self, rec: &csv::StringRecord, col: &str) -> Vec<String> {
        self.get(rec, col)
            .split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    }
}

pub fn parse_scenarios(text: &str) -> Result<Vec<ScenarioRow>, String> {
    let t = Table::parse("scenarios.csv", text, &["scenario", "status", "objective"])?;
    let peak_cols: Vec<(String, String)> = t
        .headers
        .iter()
        .filter_map(|h| {
            let lower = h.to_lowercase();
            lower
                .starts_with("peak_")
                .then(|| (h["peak_".len()..].to_string(), lower))
        })
        .collect();
    t.rows
        .iter()
        .map(|(line, rec)| {
            let line = *line;
            Ok(ScenarioRow {
                scenario: t.get(rec, "scenario").to_string(),
                status: t.get(rec, "status").to_string(),
                objective: t.num(line, rec, "objective")?,
                gap: t.num(line, rec, "gap")?,
                selected: t.num(line, rec, "selected")?,
                value: t.num(line, rec, "value")?,
                cost: t.num(line, rec, "cost")?,
                budget_use: t.num(line, rec, "budget_use")?,
                delta: t.num(line, rec, "delta_objective")?,
                entered: t.list(rec, "entered"),
                left: t.list(rec, "left"),
                peaks: peak_cols
                    .iter()
                    .map(|(skill, col)| Ok((skill.clone(), t.num(line, rec, col)?)))
                    .collect::<Result<_, String>>()?,
            })
        })
        .collect()
}

pub fn parse_frontier(text: &str) -> Result<Vec<FrontierRow>, String> {
    let t = Table::parse("frontier.csv", text, &["budget", "status", "objective"])?;
    let mut rows = t
        .rows
        .iter()
        .map(|(line, rec)| {
            let line = *line;
            Ok(FrontierRow {
                budget: t
                    .num(line, rec, "budget")?
                    .ok_or_else(|| format!("frontier.csv: line {line}, column budget: empty"))?,
                status: t.get(rec, "status").to_string(),
                objective: t.num(line, rec, "objective")?,
                selected: t.num(line, rec, "selected")?,
                cost: t.num(line, rec, "cost")?,
                entered: t.list(rec, "entered"),
                left: t.list(rec, "left"),
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    rows.sort_by(|a, b| a.budget.total_cmp(&b.budget));
    Ok(rows)
}

pub fn parse_changes(text: &str) -> Result<Vec<ChangeRow>, String> {
    let t = Table::parse("changes.csv", text, &["project", "change"])?;
    Ok(t.rows
        .iter()
        .map(|(_, rec)| ChangeRow {
            project: t.get(rec, "project").to_string(),
            change: t.get(rec, "change").to_string(),
            from_start: t.get(rec, "from_start").to_string(),
            to_start: t.get(rec, "to_start").to_string(),
            from_finish: t.get(rec, "from_finish").to_string(),
            to_finish: t.get(rec, "to_finish").to_string(),
            reason: t.get(rec, "reason").to_string(),
        })
        .collect())
}

pub fn parse_alerts(text: &str) -> Result<Vec<AlertRow>, String> {
    let t = Table::parse("alerts.csv", text, &["alert"])?;
    Ok(t.rows
        .iter()
        .map(|(_, rec)| AlertRow {
            alert: t.get(rec, "alert").to_string(),
            project: t.get(rec, "project").to_string(),
            skill: t.get(rec, "skill").to_string(),
            period: t.get(rec, "period").to_string(),
            amount: t.get(rec, "amount").to_string(),
            message: t.get(rec, "message").to_string(),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scenarios_by_column_name() {
        let text = "\u{FEFF}scenario,status,objective,bound,gap,time,selected,value,cost,budget_use,delta_objective,entered,left,peak_Dev,peak_Test\n\
                    baseline,optimal,100,100,0,0.1,3,90,50,0.5,0,,,0.9,0.5\n\
                    cut10,optimal,80,80,0,0.1,2,70,40,0.44,-20,,P1|P2,0.7,\n\
                    broke,infeasible,,,,0.1,,,,,,,,,\n";
        let rows = parse_scenarios(text).unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1].left, vec!["P1", "P2"]);
        assert_eq!(rows[1].delta, Some(-20.0));
        assert_eq!(
            rows[1].peaks,
            vec![("Dev".into(), Some(0.7)), ("Test".into(), None)]
        );
        assert_eq!(rows[2].objective, None);
    }

    #[test]
    fn bad_files_say_why() {
        assert!(parse_scenarios("name,status\nx,optimal\n")
            .unwrap_err()
            .contains("missing column(s) scenario, objective"));
        let e = parse_frontier("budget,status,objective\n100,optimal,abc\n").unwrap_err();
        assert_eq!(
            e,
            "frontier.csv: line 2, column objective: expected a number, found \"abc\""
        );
    }

    #[test]
    fn frontier_sorted_by_budget() {
        let rows = parse_frontier(
            "budget,status,objective,bound,gap,selected,cost,entered,left\n\
             200,optimal,30,30,0,2,190,C,\n100,optimal,10,10,0,1,90,A|B,\n",
        )
        .unwrap();
        assert_eq!(rows[0].budget, 100.0);
        assert_eq!(rows[0].entered, vec!["A", "B"]);
    }
}
