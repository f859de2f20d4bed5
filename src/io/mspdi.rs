//! The roadmap of a plan as a Microsoft Project XML file (MSPDI, the schema of
//! `mspdi_pj12.xsd` that MS Project, Project for the web, Primavera P6, ProjectLibre and
//! GanttProject import). MS Project silently drops an element out of the schema's order,
//! so every element here is written in that order.
//!
//! - One calendar, "Standard": Monday to Friday, 08:00–12:00 and 13:00–17:00 (8 hours).
//! - A summary task per category of the selected projects (in order of first appearance;
//!   "(no category)" for projects without one), and under it a task per selected project
//!   (by start), starting at 08:00 on the first working day of its first period and
//!   finishing at 17:00 on the last working day of its last period; fixed duration, a
//!   "start no earlier than" constraint at its start (so that a scheduler keeps pmo's
//!   dates), its deadline (when before the horizon's end) as the task's deadline, its cost
//!   as a prorated fixed cost.
//! - Finish-to-start links for the `precedes` dependencies between selected projects; a
//!   lag of `L` periods becomes the working days of the `L` periods after the
//!   predecessor's finish (or, when negative, of its last `-L` periods).
//! - A resource per named person (people.csv: skills as its group; pmo does not decide
//!   who works on what, so people carry no assignment) and a generic resource per skill,
//!   assigned to each selected project with the demand's work (person-days × 8 h).
//! - Extended attributes: Number1 "Value", Cost1 "Portfolio cost", Text1 "Category",
//!   Flag1 "Mandatory".
//!
//! Monthly and quarterly horizons are calendar months and quarters. A plain numbered
//! horizon needs a calendar: `start` (the first day of period 1) and the period's length
//! (a month from that day, a week, or one working day).

use crate::model::{DepKind, HorizonKind, Plan, Portfolio};
use std::fmt::Write as _;

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i64,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// `YYYY-MM-DD` (a real date).
    pub fn parse(s: &str) -> Option<Date> {
        let mut it = s.trim().splitn(3, '-');
        let year: i64 = it.next()?.parse().ok()?;
        let month: u32 = it.next()?.parse().ok()?;
        let day: u32 = it.next()?.parse().ok()?;
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// Days since 1970-01-01.
    fn days(self) -> i64 {
        let (y, m, d) = (self.year, i64::from(self.month), i64::from(self.day));
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    fn from_days(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date { year, month, day }
    }

    fn add_days(self, n: i64) -> Date {
        Date::from_days(self.days() + n)
    }

    /// Monday to Friday.
    fn is_working(self) -> bool {
        // 1970-01-01 was a Thursday: 0 = Thursday … 3 = Sunday, 4 = Monday.
        !matches!(self.days().rem_euclid(7), 2 | 3)
    }

    /// The same day `n` months later (clamped to the month's last day).
    fn add_months(self, n: i64) -> Date {
        let m0 = i64::from(self.month) - 1 + n;
        let year = self.year + m0.div_euclid(12);
        let month = (m0.rem_euclid(12) + 1) as u32;
        Date {
            year,
            month,
            day: self.day.min(days_in_month(year, month)),
        }
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// The length of a numbered horizon's periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodLength {
    /// A month from the start day (calendar months when it is the 1st).
    Month,
    /// Seven days from the start day.
    Week,
    /// One working day (periods are consecutive working days).
    Day,
}

impl PeriodLength {
    pub fn parse(s: &str) -> Option<PeriodLength> {
        match s.trim().to_lowercase().as_str() {
            "month" => Some(PeriodLength::Month),
            "week" => Some(PeriodLength::Week),
            "day" => Some(PeriodLength::Day),
            _ => None,
        }
    }
}

/// How periods map to days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timeline {
    /// Period `t` spans the `months` months starting `t × months` months after `first`.
    Months {
        first: Date,
        months: i64,
    },
    Weeks {
        first: Date,
    },
    /// Period `t` is the `t`-th working day from `first` (a working day).
    WorkingDays {
        first: Date,
    },
}

impl Timeline {
    /// The timeline of `portfolio`'s horizon: its months or quarters, or for a numbered
    /// horizon, the periods `start` and `length` give (both needed: `Err` says why).
    pub fn new(
        kind: HorizonKind,
        start: Option<Date>,
        length: Option<PeriodLength>,
    ) -> Result<Timeline, String> {
        match (kind, start, length) {
            (HorizonKind::Monthly { year, month }, ..) => Ok(Timeline::Months {
                first: Date { year: i64::from(year), month, day: 1 },
                months: 1,
            }),
            (HorizonKind::Quarterly { year, quarter }, ..) => Ok(Timeline::Months {
                first: Date { year: i64::from(year), month: 3 * quarter - 2, day: 1 },
                months: 3,
            }),
            (HorizonKind::Numbered { first }, Some(d), Some(len)) => {
                let _ = first;
                Ok(match len {
                    PeriodLength::Month => Timeline::Months { first: d, months: 1 },
                    PeriodLength::Week => Timeline::Weeks { first: d },
                    PeriodLength::Day => {
                        let mut d = d;
                        while !d.is_working() {
                            d = d.add_days(1);
                        }
                        Timeline::WorkingDays { first: d }
                    }
                })
            }
            (HorizonKind::Numbered { first }, ..) => Err(format!(
                "the horizon's periods are plain numbers (horizon_start {first}), which no calendar date gives: \
                 give --start-date YYYY-MM-DD (the first day of period {first}) and --period month|week|day"
            )),
        }
    }

    /// The calendar days of period `t` (any index, extrapolated): first and last day.
    fn span(self, t: i64) -> (Date, Date) {
        match self {
            Timeline::Months { first, months } => {
                let a = first.add_months(t * months);
                let b = first.add_months((t + 1) * months).add_days(-1);
                (a, b)
            }
            Timeline::Weeks { first } => (first.add_days(7 * t), first.add_days(7 * t + 6)),
            Timeline::WorkingDays { first } => {
                let d = add_working_days(first, t);
                (d, d)
            }
        }
    }

    /// The first and last working days of period `t`.
    pub fn working_span(self, t: i64) -> (Date, Date) {
        let (mut a, mut b) = self.span(t);
        while !a.is_working() {
            a = a.add_days(1);
        }
        while !b.is_working() {
            b = b.add_days(-1);
        }
        (a, b)
    }

    /// Working days in periods `a..=b` (0 when `b < a`).
    fn working_days(self, a: i64, b: i64) -> i64 {
        if b < a {
            return 0;
        }
        let (from, _) = self.span(a);
        let (_, to) = self.span(b);
        count_working_days(from, to)
    }
}

/// The working day `n` working days after the working day `d` (before, when negative).
fn add_working_days(d: Date, n: i64) -> Date {
    let weeks = n.div_euclid(5);
    let mut rest = n.rem_euclid(5);
    let mut d = d.add_days(7 * weeks);
    while rest > 0 {
        d = d.add_days(1);
        if d.is_working() {
            rest -= 1;
        }
    }
    d
}

/// Working days from `a` to `b` inclusive.
fn count_working_days(a: Date, b: Date) -> i64 {
    let (a, b) = (a.days(), b.days());
    if b < a {
        return 0;
    }
    let total = b - a + 1;
    let mut n = total / 7 * 5;
    for i in 0..total % 7 {
        if Date::from_days(a + total / 7 * 7 + i).is_working() {
            n += 1;
        }
    }
    n
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// A work or duration in hours as `PT8H0M0S` (to the second).
fn hours(h: f64) -> String {
    let secs = (h * 3600.0).round().max(0.0) as i64;
    format!("PT{}H{}M{}S", secs / 3600, secs % 3600 / 60, secs % 60)
}

/// A number with at most `digits` decimals, no trailing zeros.
fn num(x: f64, digits: usize) -> String {
    let s = format!("{x:.digits$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

fn start_time(d: Date) -> String {
    format!("{d}T08:00:00")
}

fn finish_time(d: Date) -> String {
    format!("{d}T17:00:00")
}

/// Extended attribute field ids (MS Project's PIDs) and their names.
const FIELD_VALUE: (&str, &str, &str, u8) = ("188743767", "Number1", "Value", 5);
const FIELD_COST: (&str, &str, &str, u8) = ("188743786", "Cost1", "Portfolio cost", 0);
const FIELD_CATEGORY: (&str, &str, &str, u8) = ("188743731", "Text1", "Category", 7);
const FIELD_MANDATORY: (&str, &str, &str, u8) = ("188743752", "Flag1", "Mandatory", 4);

/// One task to write.
struct Task {
    uid: usize,
    name: String,
    outline: String,
    level: usize,
    start: Date,
    finish: Date,
    summary: bool,
    /// Work of its assignments, hours.
    work: f64,
    project: Option<usize>,
}

/// The MSPDI XML of `plan` (see the module documentation).
pub fn roadmap_xml(portfolio: &Portfolio, plan: &Plan, timeline: Timeline) -> String {
    let n = portfolio.projects.len();
    let span = |p: usize| -> Option<(Date, Date, i64, i64)> {
        let s = plan.start[p]? as i64;
        let f = plan.finish(portfolio, p)? as i64;
        Some((timeline.working_span(s).0, timeline.working_span(f).1, s, f))
    };
    // Demand per project: (skill, person-days).
    let mut demand: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    for d in &portfolio.demands {
        let total: f64 = d.profile.iter().sum();
        if total > 0.0 {
            demand[d.project].push((d.skill, total));
        }
    }
    // Categories in order of first appearance among the selected projects.
    let mut cats: Vec<Option<String>> = Vec::new();
    for p in (0..n).filter(|&p| plan.is_selected(p)) {
        let c = portfolio.projects[p].category.clone();
        if !cats.contains(&c) {
            cats.push(c);
        }
    }
    let mut tasks: Vec<Task> = Vec::new();
    let mut task_of = vec![None; n];
    for (k, cat) in cats.iter().enumerate() {
        let mut members: Vec<usize> = (0..n)
            .filter(|&p| plan.is_selected(p) && &portfolio.projects[p].category == cat)
            .collect();
        members.sort_by_key(|&p| (plan.start[p], p));
        let spans: Vec<_> = members.iter().filter_map(|&p| span(p)).collect();
        let start = spans.iter().map(|s| s.0).min().unwrap_or(Date {
            year: 1970,
            month: 1,
            day: 1,
        });
        let finish = spans.iter().map(|s| s.1).max().unwrap_or(start);
        let summary_at = tasks.len();
        tasks.push(Task {
            uid: tasks.len() + 1,
            name: cat.clone().unwrap_or_else(|| "(no category)".to_string()),
            outline: format!("{}", k + 1),
            level: 1,
            start,
            finish,
            summary: true,
            work: 0.0,
            project: None,
        });
        for (j, &p) in members.iter().enumerate() {
            let Some((a, b, _, _)) = span(p) else {
                continue;
            };
            let work: f64 = demand[p].iter().map(|(_, e)| e * 8.0).sum();
            tasks[summary_at].work += work;
            task_of[p] = Some(tasks.len() + 1);
            tasks.push(Task {
                uid: tasks.len() + 1,
                name: portfolio.projects[p].name.clone(),
                outline: format!("{}.{}", k + 1, j + 1),
                level: 2,
                start: a,
                finish: b,
                summary: false,
                work,
                project: Some(p),
            });
        }
    }
    let (project_start, project_finish) = (
        timeline.working_span(0).0,
        timeline.working_span(portfolio.periods() as i64 - 1).1,
    );
    let mut x = String::new();
    let w = &mut x;
    let _ = writeln!(
        w,
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
    );
    let _ = writeln!(
        w,
        "<Project xmlns=\"http://schemas.microsoft.com/project\">"
    );
    let el = |w: &mut String, indent: usize, name: &str, value: &str| {
        let _ = writeln!(w, "{:indent$}<{name}>{value}</{name}>", "", indent = indent);
    };
    el(w, 2, "SaveVersion", "14");
    el(w, 2, "Name", &esc(&portfolio.name));
    el(w, 2, "Title", &esc(&format!("{} roadmap", portfolio.name)));
    el(w, 2, "ScheduleFromStart", "1");
    el(w, 2, "StartDate", &start_time(project_start));
    el(w, 2, "FinishDate", &finish_time(project_finish));
    el(w, 2, "FYStartDate", "1");
    el(w, 2, "CriticalSlackLimit", "0");
    el(w, 2, "CalendarUID", "1");
    el(w, 2, "DefaultStartTime", "08:00:00");
    el(w, 2, "DefaultFinishTime", "17:00:00");
    el(w, 2, "MinutesPerDay", "480");
    el(w, 2, "MinutesPerWeek", "2400");
    el(w, 2, "DaysPerMonth", "20");
    el(w, 2, "DefaultTaskType", "1");
    el(w, 2, "DefaultFixedCostAccrual", "2");
    el(w, 2, "DurationFormat", "7");
    el(w, 2, "WorkFormat", "2");
    el(w, 2, "HonorConstraints", "1");
    el(w, 2, "NewTasksEffortDriven", "0");
    el(w, 2, "WeekStartDay", "1");
    // Extended attribute definitions.
    let _ = writeln!(w, "  <ExtendedAttributes>");
    for (id, field, alias, cftype) in [FIELD_VALUE, FIELD_COST, FIELD_CATEGORY, FIELD_MANDATORY] {
        let _ = writeln!(w, "    <ExtendedAttribute>");
        el(w, 6, "FieldID", id);
        el(w, 6, "FieldName", field);
        el(w, 6, "CFType", &cftype.to_string());
        el(w, 6, "ElemType", "20");
        el(w, 6, "UserDef", "0");
        el(w, 6, "Alias", alias);
        let _ = writeln!(w, "    </ExtendedAttribute>");
    }
    let _ = writeln!(w, "  </ExtendedAttributes>");
    // The standard calendar.
    let _ = writeln!(w, "  <Calendars>");
    let _ = writeln!(w, "    <Calendar>");
    el(w, 6, "UID", "1");
    el(w, 6, "Name", "Standard");
    el(w, 6, "IsBaseCalendar", "1");
    let _ = writeln!(w, "      <WeekDays>");
    for day in 1..=7 {
        let _ = writeln!(w, "        <WeekDay>");
        el(w, 10, "DayType", &day.to_string());
        let working = (2..=6).contains(&day);
        el(w, 10, "DayWorking", if working { "1" } else { "0" });
        if working {
            let _ = writeln!(w, "          <WorkingTimes>");
            for (from, to) in [("08:00:00", "12:00:00"), ("13:00:00", "17:00:00")] {
                let _ = writeln!(w, "            <WorkingTime>");
                el(w, 14, "FromTime", from);
                el(w, 14, "ToTime", to);
                let _ = writeln!(w, "            </WorkingTime>");
            }
            let _ = writeln!(w, "          </WorkingTimes>");
        }
        let _ = writeln!(w, "        </WeekDay>");
    }
    let _ = writeln!(w, "      </WeekDays>");
    let _ = writeln!(w, "    </Calendar>");
    let _ = writeln!(w, "  </Calendars>");
    // Tasks.
    let last_period = portfolio.periods() - 1;
    let _ = writeln!(w, "  <Tasks>");
    for t in &tasks {
        let days = count_working_days(t.start, t.finish);
        let _ = writeln!(w, "    <Task>");
        el(w, 6, "UID", &t.uid.to_string());
        el(w, 6, "ID", &t.uid.to_string());
        el(w, 6, "Name", &esc(&t.name));
        el(w, 6, "Type", "1");
        el(w, 6, "IsNull", "0");
        el(w, 6, "WBS", &t.outline);
        el(w, 6, "OutlineNumber", &t.outline);
        el(w, 6, "OutlineLevel", &t.level.to_string());
        el(w, 6, "Priority", "500");
        el(w, 6, "Start", &start_time(t.start));
        el(w, 6, "Finish", &finish_time(t.finish));
        el(w, 6, "Duration", &hours(days as f64 * 8.0));
        el(w, 6, "DurationFormat", "7");
        el(w, 6, "Work", &hours(t.work));
        el(w, 6, "EffortDriven", "0");
        el(w, 6, "Estimated", "0");
        el(w, 6, "Milestone", "0");
        el(w, 6, "Summary", if t.summary { "1" } else { "0" });
        let Some(p) = t.project else {
            el(w, 6, "PercentComplete", "0");
            let cat = t.name.as_str();
            let _ = writeln!(w, "      <ExtendedAttribute>");
            el(w, 8, "FieldID", FIELD_CATEGORY.0);
            el(w, 8, "Value", &esc(cat));
            let _ = writeln!(w, "      </ExtendedAttribute>");
            let _ = writeln!(w, "    </Task>");
            continue;
        };
        let pr = &portfolio.projects[p];
        // MSPDI currency amounts are in hundredths.
        el(w, 6, "FixedCost", &num(pr.cost * 100.0, 2));
        el(w, 6, "FixedCostAccrual", "2");
        el(w, 6, "PercentComplete", "0");
        el(w, 6, "ConstraintType", "4");
        el(w, 6, "ConstraintDate", &start_time(t.start));
        if pr.deadline < last_period {
            let (_, d) = timeline.working_span(pr.deadline as i64);
            el(w, 6, "Deadline", &finish_time(d));
        }
        let contribution = plan.start[p].map_or(0.0, |s| portfolio.contribution(p, s));
        el(
            w,
            6,
            "Notes",
            &esc(&format!(
                "{}: value {}, contribution {}, cost {}{}",
                pr.id,
                num(pr.value, 6),
                num(contribution, 6),
                num(pr.cost, 6),
                if pr.mandatory { ", mandatory" } else { "" }
            )),
        );
        for dep in &portfolio.dependencies {
            let DepKind::Precedes { lag } = dep.kind else {
                continue;
            };
            if dep.to != p {
                continue;
            }
            let (Some(pred), Some(f)) = (task_of[dep.from], plan.finish(portfolio, dep.from))
            else {
                continue;
            };
            let f = f as i64;
            let lag_days = if lag >= 0 {
                timeline.working_days(f + 1, f + lag)
            } else {
                -timeline.working_days(f + lag + 1, f)
            };
            let _ = writeln!(w, "      <PredecessorLink>");
            el(w, 8, "PredecessorUID", &pred.to_string());
            el(w, 8, "Type", "1");
            el(w, 8, "CrossProject", "0");
            el(w, 8, "LinkLag", &(lag_days * 8 * 60 * 10).to_string());
            el(w, 8, "LagFormat", "7");
            let _ = writeln!(w, "      </PredecessorLink>");
        }
        let attrs = [
            (FIELD_VALUE.0, num(pr.value, 6)),
            (FIELD_COST.0, num(pr.cost * 100.0, 2)),
            (FIELD_CATEGORY.0, esc(pr.category.as_deref().unwrap_or(""))),
            (
                FIELD_MANDATORY.0,
                if pr.mandatory { "1" } else { "0" }.to_string(),
            ),
        ];
        for (id, value) in attrs {
            let _ = writeln!(w, "      <ExtendedAttribute>");
            el(w, 8, "FieldID", id);
            el(w, 8, "Value", &value);
            let _ = writeln!(w, "      </ExtendedAttribute>");
        }
        let _ = writeln!(w, "    </Task>");
    }
    let _ = writeln!(w, "  </Tasks>");
    // Resources: people, then one generic resource per skill.
    let _ = writeln!(w, "  <Resources>");
    let mut uid = 0;
    for person in &portfolio.people {
        uid += 1;
        let skills: Vec<&str> = person
            .skills
            .iter()
            .map(|&s| portfolio.skills[s].as_str())
            .collect();
        let initials: String = person
            .name
            .split_whitespace()
            .filter_map(|w| w.chars().next())
            .collect();
        let availability = if person.availability.windows(2).all(|p| p[0] == p[1]) {
            format!(
                "{} person-days per period",
                num(person.availability.first().copied().unwrap_or(0.0), 6)
            )
        } else {
            "varies by period (people.csv)".to_string()
        };
        let _ = writeln!(w, "    <Resource>");
        el(w, 6, "UID", &uid.to_string());
        el(w, 6, "ID", &uid.to_string());
        el(w, 6, "Name", &esc(&person.name));
        el(w, 6, "Type", "1");
        el(w, 6, "IsNull", "0");
        el(w, 6, "Initials", &esc(&initials));
        el(w, 6, "Group", &esc(&skills.join(", ")));
        el(w, 6, "MaxUnits", "1.00");
        el(w, 6, "CanLevel", "1");
        el(w, 6, "CalendarUID", "1");
        el(
            w,
            6,
            "Notes",
            &esc(&format!(
                "skills: {}; availability: {availability}",
                skills.join(", ")
            )),
        );
        el(w, 6, "IsGeneric", "0");
        let _ = writeln!(w, "    </Resource>");
    }
    let mut skill_uid = vec![0; portfolio.skills.len()];
    for (k, skill) in portfolio.skills.iter().enumerate() {
        uid += 1;
        skill_uid[k] = uid;
        // Most people-equivalents the skill has in a period (capacity ÷ working days).
        let mut units: f64 = 0.0;
        for t in 0..portfolio.periods() {
            let cap = portfolio.capacity[k][t]
                + portfolio
                    .people
                    .iter()
                    .filter(|p| p.skills.contains(&k))
                    .map(|p| p.availability[t])
                    .sum::<f64>();
            let days = timeline.working_days(t as i64, t as i64).max(1) as f64;
            units = units.max(cap / days);
        }
        let _ = writeln!(w, "    <Resource>");
        el(w, 6, "UID", &uid.to_string());
        el(w, 6, "ID", &uid.to_string());
        el(w, 6, "Name", &esc(skill));
        el(w, 6, "Type", "1");
        el(w, 6, "IsNull", "0");
        el(w, 6, "Group", "skill");
        el(w, 6, "MaxUnits", &num(units.max(0.01), 2));
        el(w, 6, "CanLevel", "1");
        el(w, 6, "CalendarUID", "1");
        el(
            w,
            6,
            "Notes",
            &esc(&format!("skill {skill}: generic resource for pmo's demand")),
        );
        el(w, 6, "IsGeneric", "1");
        let _ = writeln!(w, "    </Resource>");
    }
    let _ = writeln!(w, "  </Resources>");
    // Assignments: each selected project's demand, on its skill's resource.
    let _ = writeln!(w, "  <Assignments>");
    let mut auid = 0;
    for t in tasks.iter().filter(|t| !t.summary) {
        let Some(p) = t.project else { continue };
        let days = count_working_days(t.start, t.finish).max(1) as f64;
        for &(skill, effort) in &demand[p] {
            auid += 1;
            let work = effort * 8.0;
            let _ = writeln!(w, "    <Assignment>");
            el(w, 6, "UID", &auid.to_string());
            el(w, 6, "TaskUID", &t.uid.to_string());
            el(w, 6, "ResourceUID", &skill_uid[skill].to_string());
            el(w, 6, "Finish", &finish_time(t.finish));
            el(w, 6, "RemainingWork", &hours(work));
            el(w, 6, "Start", &start_time(t.start));
            el(w, 6, "Units", &num(work / (days * 8.0), 4));
            el(w, 6, "Work", &hours(work));
            let _ = writeln!(w, "    </Assignment>");
        }
    }
    let _ = writeln!(w, "  </Assignments>");
    let _ = writeln!(w, "</Project>");
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn dates_and_working_days() {
        assert_eq!(d("2027-01-01").days(), 20819);
        assert_eq!(Date::from_days(20819), d("2027-01-01"));
        assert!(d("2027-01-01").is_working()); // a Friday
        assert!(!d("2027-01-02").is_working());
        assert!(!d("2027-01-03").is_working());
        assert!(d("2027-01-04").is_working());
        assert_eq!(count_working_days(d("2027-01-01"), d("2027-01-31")), 21);
        assert_eq!(add_working_days(d("2027-01-01"), 1), d("2027-01-04"));
        assert_eq!(add_working_days(d("2027-01-04"), -1), d("2027-01-01"));
        assert_eq!(Date::parse("2027-02-29"), None);
        assert_eq!(d("2028-01-31").add_months(1), d("2028-02-29"));
    }

    #[test]
    fn periods_on_the_calendar() {
        let m = Timeline::new(
            HorizonKind::Monthly {
                year: 2027,
                month: 1,
            },
            None,
            None,
        )
        .unwrap();
        assert_eq!(m.working_span(0), (d("2027-01-01"), d("2027-01-29")));
        assert_eq!(m.working_span(2), (d("2027-03-01"), d("2027-03-31")));
        assert_eq!(m.working_days(3, 3), 22);
        let q = Timeline::new(
            HorizonKind::Quarterly {
                year: 2027,
                quarter: 2,
            },
            None,
            None,
        )
        .unwrap();
        assert_eq!(q.working_span(0), (d("2027-04-01"), d("2027-06-30")));
        let numbered = HorizonKind::Numbered { first: 1 };
        assert!(Timeline::new(numbered, None, None)
            .unwrap_err()
            .contains("--start-date"));
        let w = Timeline::new(numbered, Some(d("2027-01-04")), Some(PeriodLength::Week)).unwrap();
        assert_eq!(w.working_span(1), (d("2027-01-11"), d("2027-01-15")));
        let day = Timeline::new(numbered, Some(d("2027-01-02")), Some(PeriodLength::Day)).unwrap();
        assert_eq!(day.working_span(0), (d("2027-01-04"), d("2027-01-04")));
        assert_eq!(day.working_span(5), (d("2027-01-11"), d("2027-01-11")));
        assert_eq!(hours(1.5), "PT1H30M0S");
        assert_eq!(num(2.50, 2), "2.5");
    }
}
