//! `pmo export msproject`: the MS Project XML (MSPDI) roadmap. Its elements follow the
//! schema's order; a numbered horizon needs a calendar; and a real reader, MPXJ (the
//! Python package `mpxj`, on Java through `jpype1`, run by tests/mspdi_read.py), reads
//! back the tasks, names, dates, links, resources and work. The MPXJ test skips with a
//! message where Java or the package is missing, never when CI=true.

mod common;

use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/demo")
}

/// `pmo plan SRC -o OUT` then `pmo export msproject SRC --plan OUT/plan.csv -o XML`.
fn plan_and_export(src: &Path, out: &Path, extra: &[&str]) -> PathBuf {
    let o = common::pmo(&[
        "plan",
        src.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", common::stderr(&o));
    let xml = out.join("roadmap.xml");
    let plan = out.join("plan.csv");
    let mut args = vec![
        "export",
        "msproject",
        src.to_str().unwrap(),
        "--plan",
        plan.to_str().unwrap(),
        "-o",
        xml.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let o = common::pmo(&args);
    assert_eq!(o.status.code(), Some(0), "{}", common::stderr(&o));
    xml
}

// ---------------------------------------------------------------------------------------
// The schema's order (mspdi_pj12.xsd), for the elements pmo writes and their neighbours.

#[rustfmt::skip]
const PROJECT: &[&str] = &[
    "SaveVersion", "UID", "Name", "Title", "Subject", "Category", "Company", "Manager",
    "Author", "CreationDate", "Revision", "LastSaved", "ScheduleFromStart", "StartDate",
    "FinishDate", "FYStartDate", "CriticalSlackLimit", "CurrencyDigits", "CurrencySymbol",
    "CurrencyCode", "CurrencySymbolPosition", "CalendarUID", "DefaultStartTime",
    "DefaultFinishTime", "MinutesPerDay", "MinutesPerWeek", "DaysPerMonth", "DefaultTaskType",
    "DefaultFixedCostAccrual", "DefaultStandardRate", "DefaultOvertimeRate", "DurationFormat",
    "WorkFormat", "EditableActualCosts", "HonorConstraints", "EarnedValueMethod",
    "InsertedProjectsLikeSummary", "MultipleCriticalPaths", "NewTasksEffortDriven",
    "NewTasksEstimated", "SplitsInProgressTasks", "SpreadActualCost", "SpreadPercentComplete",
    "TaskUpdatesResource", "FiscalYearStart", "WeekStartDay", "MoveCompletedEndsBack",
    "MoveRemainingStartsBack", "MoveRemainingStartsForward", "MoveCompletedEndsForward",
    "BaselineForEarnedValue", "AutoAddNewResourcesAndTasks", "StatusDate", "CurrentDate",
    "MicrosoftProjectServerURL", "Autolink", "NewTaskStartDate", "DefaultTaskEVMethod",
    "ProjectExternallyEdited", "ExtendedCreationDate", "ActualsInSync", "RemoveFileProperties",
    "AdminProject", "OutlineCodes", "WBSMasks", "ExtendedAttributes", "Calendars", "Tasks",
    "Resources", "Assignments",
];

#[rustfmt::skip]
const EXTENDED_ATTRIBUTE_DEFINITION: &[&str] = &[
    "FieldID", "FieldName", "CFType", "Guid", "ElemType", "MaxMultiValues", "UserDef", "Alias",
    "SecondaryPID", "AutoRollDown", "DefaultGuid", "Ltuid", "PhoneticAlias", "RollupType",
    "CalculationType", "Formula", "RestrictValues", "ValuelistSortOrder", "AppendNewValues",
    "Default", "ValueList",
];

#[rustfmt::skip]
const CALENDAR: &[&str] = &["UID", "Name", "IsBaseCalendar", "BaseCalendarUID", "WeekDays", "Exceptions"];
#[rustfmt::skip]
const WEEK_DAY: &[&str] = &["DayType", "DayWorking", "TimePeriod", "WorkingTimes"];
#[rustfmt::skip]
const WORKING_TIME: &[&str] = &["FromTime", "ToTime"];

#[rustfmt::skip]
const TASK: &[&str] = &[
    "UID", "ID", "Name", "Type", "IsNull", "CreateDate", "Contact", "WBS", "WBSLevel",
    "OutlineNumber", "OutlineLevel", "Priority", "Start", "Finish", "Duration",
    "DurationFormat", "Work", "Stop", "Resume", "ResumeValid", "EffortDriven", "Recurring",
    "OverAllocated", "Estimated", "Milestone", "Summary", "Critical", "IsSubproject",
    "IsSubprojectReadOnly", "SubprojectName", "ExternalTask", "ExternalTaskProject",
    "EarlyStart", "EarlyFinish", "LateStart", "LateFinish", "StartVariance", "FinishVariance",
    "WorkVariance", "FreeSlack", "TotalSlack", "FixedCost", "FixedCostAccrual",
    "PercentComplete", "PercentWorkComplete", "Cost", "OvertimeCost", "OvertimeWork",
    "ActualStart", "ActualFinish", "ActualDuration", "ActualCost", "ActualOvertimeCost",
    "ActualWork", "ActualOvertimeWork", "RegularWork", "RemainingDuration", "RemainingCost",
    "RemainingWork", "RemainingOvertimeCost", "RemainingOvertimeWork", "ACWP", "CV",
    "ConstraintType", "CalendarUID", "ConstraintDate", "Deadline", "LevelAssignments",
    "LevelingCanSplit", "LevelingDelay", "LevelingDelayFormat", "PreLeveledStart",
    "PreLeveledFinish", "Hyperlink", "HyperlinkAddress", "HyperlinkSubAddress",
    "IgnoreResourceCalendar", "Notes", "HideBar", "Rollup", "BCWS", "BCWP",
    "PhysicalPercentComplete", "EarnedValueMethod", "PredecessorLink", "ActualWorkProtected",
    "ActualOvertimeWorkProtected", "ExtendedAttribute", "Baseline", "OutlineCode",
];

#[rustfmt::skip]
const PREDECESSOR_LINK: &[&str] =
    &["PredecessorUID", "Type", "CrossProject", "CrossProjectName", "LinkLag", "LagFormat"];
#[rustfmt::skip]
const EXTENDED_ATTRIBUTE_VALUE: &[&str] = &["FieldID", "Value", "ValueGUID", "DurationFormat"];

#[rustfmt::skip]
const RESOURCE: &[&str] = &[
    "UID", "ID", "Name", "Type", "IsNull", "Initials", "Phonetics", "NTAccount",
    "MaterialLabel", "Code", "Group", "WorkGroup", "EmailAddress", "Hyperlink",
    "HyperlinkAddress", "HyperlinkSubAddress", "MaxUnits", "PeakUnits", "OverAllocated",
    "AvailableFrom", "AvailableTo", "Start", "Finish", "CanLevel", "AccrueAt", "Work",
    "RegularWork", "OvertimeWork", "ActualWork", "RemainingWork", "ActualOvertimeWork",
    "RemainingOvertimeWork", "PercentWorkComplete", "StandardRate", "StandardRateFormat",
    "Cost", "OvertimeRate", "OvertimeRateFormat", "OvertimeCost", "CostPerUse", "ActualCost",
    "ActualOvertimeCost", "RemainingCost", "RemainingOvertimeCost", "WorkVariance",
    "CostVariance", "SV", "CV", "ACWP", "CalendarUID", "Notes", "BCWS", "BCWP", "IsGeneric",
    "IsInactive", "IsEnterprise", "BookingType", "ExtendedAttribute",
];

#[rustfmt::skip]
const ASSIGNMENT: &[&str] = &[
    "UID", "TaskUID", "ResourceUID", "PercentWorkComplete", "ActualCost", "ActualFinish",
    "ActualOvertimeCost", "ActualOvertimeWork", "ActualStart", "ActualWork", "ACWP",
    "Confirmed", "Cost", "CostRateTable", "CostVariance", "CV", "Delay", "Finish",
    "FinishVariance", "Hyperlink", "HyperlinkAddress", "HyperlinkSubAddress", "WorkVariance",
    "HasFixedRateUnits", "FixedMaterial", "LevelingDelay", "LevelingDelayFormat",
    "LinkedFields", "Milestone", "Notes", "Overallocated", "OvertimeCost", "OvertimeWork",
    "PeakUnits", "RegularWork", "RemainingCost", "RemainingOvertimeCost",
    "RemainingOvertimeWork", "RemainingWork", "ResponsePending", "Start", "Stop", "Resume",
    "StartVariance", "Summary", "SV", "Units", "UpdateNeeded", "VAC", "Work",
];

/// A minimal XML element tree (pmo's XML has no attributes below the root, no
/// self-closing tags, no mixed content).
struct Element {
    name: String,
    children: Vec<Element>,
    text: String,
}

fn parse_xml(xml: &str) -> Element {
    let body = &xml[xml.find("<Project").expect("a Project element")..];
    let mut stack = vec![Element {
        name: "#document".into(),
        children: Vec::new(),
        text: String::new(),
    }];
    let mut rest = body;
    while let Some(i) = rest.find('<') {
        let text = &rest[..i];
        if !text.trim().is_empty() {
            stack.last_mut().unwrap().text.push_str(text);
        }
        let j = rest[i..].find('>').expect("a closed tag") + i;
        let tag = &rest[i + 1..j];
        if let Some(name) = tag.strip_prefix('/') {
            let done = stack.pop().unwrap();
            assert_eq!(done.name, name, "mismatched tags");
            stack.last_mut().unwrap().children.push(done);
        } else {
            assert!(!tag.ends_with('/'), "self-closing tag {tag}");
            let name = tag.split_whitespace().next().unwrap().to_string();
            stack.push(Element {
                name,
                children: Vec::new(),
                text: String::new(),
            });
        }
        rest = &rest[j + 1..];
    }
    let mut doc = stack.pop().unwrap();
    assert!(stack.is_empty());
    doc.children.remove(0)
}

/// The children of `e` appear in `order`'s order (an element may repeat).
fn check_order(e: &Element, order: &[&str], path: &str) {
    let mut last = 0;
    for c in &e.children {
        let at = order
            .iter()
            .position(|n| *n == c.name)
            .unwrap_or_else(|| panic!("{path}: unexpected element {}", c.name));
        assert!(
            at >= last,
            "{path}: {} is out of the schema's order",
            c.name
        );
        last = at;
    }
}

fn check_tree(e: &Element, path: &str) {
    let rule: Option<&[&str]> = match (path, e.name.as_str()) {
        (_, "Project") => Some(PROJECT),
        ("Project/ExtendedAttributes", "ExtendedAttribute") => Some(EXTENDED_ATTRIBUTE_DEFINITION),
        (_, "ExtendedAttribute") => Some(EXTENDED_ATTRIBUTE_VALUE),
        (_, "Calendar") => Some(CALENDAR),
        (_, "WeekDay") => Some(WEEK_DAY),
        (_, "WorkingTime") => Some(WORKING_TIME),
        (_, "Task") => Some(TASK),
        (_, "PredecessorLink") => Some(PREDECESSOR_LINK),
        (_, "Resource") => Some(RESOURCE),
        (_, "Assignment") => Some(ASSIGNMENT),
        _ => None,
    };
    if let Some(order) = rule {
        check_order(e, order, &format!("{path}/{}", e.name));
    }
    let here = if path.is_empty() {
        e.name.clone()
    } else {
        format!("{path}/{}", e.name)
    };
    for c in &e.children {
        check_tree(c, &here);
    }
}

fn child<'a>(e: &'a Element, name: &str) -> &'a str {
    e.children
        .iter()
        .find(|c| c.name == name)
        .map_or("", |c| c.text.as_str())
}

#[test]
fn the_roadmap_follows_the_schema_order() {
    let tmp = tempfile::tempdir().unwrap();
    let xml = plan_and_export(&demo(), &tmp.path().join("out"), &[]);
    let text = std::fs::read_to_string(&xml).unwrap();
    assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\""));
    let project = parse_xml(&text);
    check_tree(&project, "");
    // A summary task per category, a task per selected project.
    let tasks: Vec<&Element> = project
        .children
        .iter()
        .find(|c| c.name == "Tasks")
        .unwrap()
        .children
        .iter()
        .collect();
    let plan = common::plan_rows(&tmp.path().join("out"));
    let selected: Vec<_> = plan.iter().filter(|r| r["selected"] == "true").collect();
    let mut categories: Vec<&str> = Vec::new();
    for r in &selected {
        if !categories.contains(&r["category"].as_str()) {
            categories.push(&r["category"]);
        }
    }
    let summaries: Vec<&str> = tasks
        .iter()
        .filter(|t| child(t, "Summary") == "1")
        .map(|t| child(t, "Name"))
        .collect();
    assert_eq!(summaries, categories);
    assert_eq!(tasks.len(), categories.len() + selected.len());
    // Same bytes on a rerun.
    let again = plan_and_export(&demo(), &tmp.path().join("again"), &[]);
    assert_eq!(text, std::fs::read_to_string(again).unwrap());
}

#[test]
fn a_numbered_horizon_needs_a_calendar() {
    let dir = common::folder(&[
        ("settings.csv", "key,value\nhorizon_start,1\nperiods,6\n"),
        (
            "projects.csv",
            "id,name,value,duration,mandatory\nA,Alpha,1,2,true\nB,Beta,1,1,true\n",
        ),
        ("dependencies.csv", "from,to,lag\nA,B,1\n"),
    ]);
    let out = dir.path().join("out");
    let o = common::pmo(&[
        "plan",
        dir.path().to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", common::stderr(&o));
    let plan = out.join("plan.csv");
    let xml = dir.path().join("r.xml");
    let base = [
        "export",
        "msproject",
        dir.path().to_str().unwrap(),
        "--plan",
        plan.to_str().unwrap(),
        "-o",
        xml.to_str().unwrap(),
    ];
    let o = common::pmo(&base);
    assert_eq!(o.status.code(), Some(2));
    let err = common::stderr(&o);
    assert!(
        err.contains("plain numbers")
            && err.contains("--start-date YYYY-MM-DD")
            && err.contains("--period month|week|day"),
        "{err}"
    );
    assert!(!xml.exists());
    // Only one of the two is not enough either; a bad date is an input error.
    let mut args = base.to_vec();
    args.extend(["--period", "week"]);
    assert_eq!(common::pmo(&args).status.code(), Some(2));
    let mut args = base.to_vec();
    args.extend(["--start-date", "2027-02-30", "--period", "week"]);
    let o = common::pmo(&args);
    assert_eq!(o.status.code(), Some(2));
    assert!(common::stderr(&o).contains("--start-date: expected a date YYYY-MM-DD"));
    // Weeks from Monday 2027-01-04: A in weeks 1–2, B in week 4 (lag 1 week).
    let mut args = base.to_vec();
    args.extend(["--start-date", "2027-01-04", "--period", "week"]);
    let o = common::pmo(&args);
    assert_eq!(o.status.code(), Some(0), "{}", common::stderr(&o));
    let project = parse_xml(&std::fs::read_to_string(&xml).unwrap());
    let tasks = &project
        .children
        .iter()
        .find(|c| c.name == "Tasks")
        .unwrap()
        .children;
    let a = tasks.iter().find(|t| child(t, "Name") == "Alpha").unwrap();
    let b = tasks.iter().find(|t| child(t, "Name") == "Beta").unwrap();
    assert_eq!(child(a, "Start"), "2027-01-04T08:00:00");
    assert_eq!(child(a, "Finish"), "2027-01-15T17:00:00");
    assert_eq!(child(b, "Start"), "2027-01-25T08:00:00");
    let link = b
        .children
        .iter()
        .find(|c| c.name == "PredecessorLink")
        .unwrap();
    assert_eq!(child(link, "LinkLag"), (5 * 4800).to_string());
}

#[test]
fn a_plan_that_breaks_a_rule_is_not_exported() {
    let dir = common::folder(&[
        (
            "settings.csv",
            "key,value\nhorizon_start,2027-01\nperiods,6\n",
        ),
        ("projects.csv", "id,value,duration,mandatory\nA,1,2,true\n"),
        ("plan.csv", "project,selected,start\nA,false,\n"),
    ]);
    let xml = dir.path().join("r.xml");
    let o = common::pmo(&[
        "export",
        "msproject",
        dir.path().to_str().unwrap(),
        "--plan",
        dir.path().join("plan.csv").to_str().unwrap(),
        "-o",
        xml.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", common::stderr(&o));
    assert!(!xml.exists());
}

// ---------------------------------------------------------------------------------------
// MPXJ

/// Days since 1970-01-01 of a date.
fn days(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
}

fn is_weekday(n: i64) -> bool {
    // 1970-01-01 was a Thursday.
    !matches!(n.rem_euclid(7), 2 | 3)
}

fn ymd(n: i64) -> String {
    // Back from days: search the month (small ranges only).
    let mut y = 1970 + n / 366;
    while days(y + 1, 1, 1) <= n {
        y += 1;
    }
    let mut m = 1;
    while m < 12 && days(y, m + 1, 1) <= n {
        m += 1;
    }
    format!("{y:04}-{m:02}-{:02}", n - days(y, m, 1) + 1)
}

/// The first and last working days of the month `label` (`2027-03`), as day numbers.
fn month_span(label: &str) -> (i64, i64) {
    let (y, m) = label.split_once('-').unwrap();
    let (y, m): (i64, i64) = (y.parse().unwrap(), m.parse().unwrap());
    let first = days(y, m, 1);
    let next = if m == 12 {
        days(y + 1, 1, 1)
    } else {
        days(y, m + 1, 1)
    };
    let a = (first..next).find(|&d| is_weekday(d)).unwrap();
    let b = (first..next).rev().find(|&d| is_weekday(d)).unwrap();
    (a, b)
}

/// The month `n` months after the month `label`.
fn add_months(label: &str, n: i64) -> String {
    let (y, m) = label.split_once('-').unwrap();
    let m0 = y.parse::<i64>().unwrap() * 12 + m.parse::<i64>().unwrap() - 1 + n;
    format!("{:04}-{:02}", m0.div_euclid(12), m0.rem_euclid(12) + 1)
}

fn working_days(a: i64, b: i64) -> i64 {
    (a..=b).filter(|&d| is_weekday(d)).count() as i64
}

/// MPXJ's reading of an MSPDI file, or None (skipped) where Java or the package is
/// missing outside CI.
fn mpxj_read(xml: &Path) -> Option<Value> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mspdi_read.py");
    let ci = std::env::var("CI").as_deref() == Ok("true");
    let out = match Command::new("python3").arg(&script).arg(xml).output() {
        Ok(o) => o,
        Err(e) => {
            assert!(!ci, "python3 is needed for the MPXJ test (CI=true): {e}");
            eprintln!("skipped: python3 not found ({e}); install python3, Java 17 and `pip install mpxj jpype1`");
            return None;
        }
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    if out.status.code() == Some(3) {
        assert!(!ci, "MPXJ is needed for this test (CI=true): {stderr}");
        eprintln!(
            "skipped: MPXJ cannot run here ({}); install Java 17 and `pip install mpxj jpype1`",
            stderr.trim()
        );
        return None;
    }
    assert!(out.status.success(), "mspdi_read.py failed: {stderr}");
    Some(serde_json::from_slice(&out.stdout).expect("JSON from mspdi_read.py"))
}

/// What MPXJ reads matches the plan: tasks under their categories with their names and
/// dates, the links with their lags in working days, the resources, the work.
fn check_with_mpxj(src: &Path, out: &Path, read: &Value) {
    let plan = common::plan_rows(out);
    let tasks = read["tasks"].as_array().unwrap();
    let by_name: HashMap<&str, &Value> = tasks
        .iter()
        .map(|t| (t["name"].as_str().unwrap(), t))
        .collect();
    let portfolio = pmo::io::workbook::load_source(src).unwrap().portfolio;
    let mut uid_of: HashMap<&str, i64> = HashMap::new();
    for r in plan.iter().filter(|r| r["selected"] == "true") {
        let t = by_name
            .get(r["name"].as_str())
            .unwrap_or_else(|| panic!("no task {}", r["name"]));
        let (a, _) = month_span(&r["start"]);
        let (_, b) = month_span(&r["finish"]);
        assert_eq!(t["start"], format!("{}T08:00", ymd(a)), "{}", r["project"]);
        assert_eq!(t["finish"], format!("{}T17:00", ymd(b)), "{}", r["project"]);
        assert_eq!(t["summary"], false);
        assert_eq!(t["level"], 2);
        let parent = tasks
            .iter()
            .find(|s| s["uid"] == t["parent"])
            .expect("a parent task");
        assert_eq!(parent["summary"], true);
        let category = if r["category"].is_empty() {
            "(no category)"
        } else {
            r["category"].as_str()
        };
        assert_eq!(parent["name"].as_str().unwrap(), category);
        assert_eq!(t["category"].as_str().unwrap_or(""), r["category"]);
        assert_eq!(
            t["value"].as_f64().unwrap(),
            r["value"].parse::<f64>().unwrap()
        );
        assert_eq!(
            t["cost1"].as_f64().unwrap(),
            r["cost"].parse::<f64>().unwrap()
        );
        assert_eq!(
            t["fixed_cost"].as_f64().unwrap(),
            r["cost"].parse::<f64>().unwrap()
        );
        assert_eq!(t["mandatory"].as_bool().unwrap(), r["mandatory"] == "true");
        uid_of.insert(r["project"].as_str(), t["uid"].as_i64().unwrap());
    }
    // Links: every precedes dependency between selected projects, FS, lag in days.
    let mut links = 0;
    for d in &portfolio.dependencies {
        let pmo::model::DepKind::Precedes { lag } = d.kind else {
            continue;
        };
        let (from, to) = (&portfolio.projects[d.from], &portfolio.projects[d.to]);
        let (Some(&pu), Some(_)) = (uid_of.get(from.id.as_str()), uid_of.get(to.id.as_str()))
        else {
            continue;
        };
        links += 1;
        let t = by_name[to.name.as_str()];
        let link = t["predecessors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["uid"] == pu)
            .unwrap_or_else(|| panic!("no link {} → {}", from.id, to.id));
        assert_eq!(link["type"], "FS");
        assert_eq!(link["lag_units"], "d");
        let finish = plan.iter().find(|r| r["project"] == from.id).unwrap()["finish"].clone();
        let months: Vec<String> = if lag > 0 {
            (1..=lag).map(|k| add_months(&finish, k)).collect()
        } else {
            (lag + 1..=0).map(|k| add_months(&finish, k)).collect()
        };
        let total: i64 = months
            .iter()
            .map(|m| {
                let (a, b) = month_span(m);
                working_days(a, b)
            })
            .sum();
        let expected = if lag >= 0 { total } else { -total };
        assert_eq!(
            link["lag"].as_f64().unwrap(),
            expected as f64,
            "{} → {}",
            from.id,
            to.id
        );
    }
    let read_links: usize = tasks
        .iter()
        .map(|t| t["predecessors"].as_array().unwrap().len())
        .sum();
    assert_eq!(read_links, links);
    // Resources: people (named) and skills (generic); work = effort × 8 h.
    let resources = read["resources"].as_array().unwrap();
    for p in &portfolio.people {
        assert!(resources
            .iter()
            .any(|r| r["name"] == p.name.as_str() && r["generic"] == false));
    }
    for s in &portfolio.skills {
        assert!(resources
            .iter()
            .any(|r| r["name"] == s.as_str() && r["generic"] == true));
    }
    let uid_of_resource: HashMap<i64, &str> = resources
        .iter()
        .map(|r| (r["uid"].as_i64().unwrap(), r["name"].as_str().unwrap()))
        .collect();
    let mut work = 0.0;
    for a in read["assignments"].as_array().unwrap() {
        assert_eq!(a["work_units"], "h");
        let task = tasks.iter().find(|t| t["uid"] == a["task"]).unwrap();
        let project = portfolio
            .projects
            .iter()
            .position(|p| p.name == task["name"].as_str().unwrap())
            .unwrap();
        let skill = uid_of_resource[&a["resource"].as_i64().unwrap()];
        let k = portfolio.skills.iter().position(|s| s == skill).unwrap();
        let effort: f64 = portfolio
            .demands
            .iter()
            .filter(|d| d.project == project && d.skill == k)
            .flat_map(|d| d.profile.iter())
            .sum();
        assert!(
            (a["work"].as_f64().unwrap() - effort * 8.0).abs() < 1e-6,
            "{task} {skill}"
        );
        work += effort;
    }
    let expected_work: f64 = portfolio
        .demands
        .iter()
        .filter(|d| uid_of.contains_key(portfolio.projects[d.project].id.as_str()))
        .flat_map(|d| d.profile.iter())
        .sum();
    assert!((work - expected_work).abs() < 1e-6);
}

#[test]
fn mpxj_reads_the_roadmap_of_the_demo_and_of_lags() {
    let tmp = tempfile::tempdir().unwrap();
    // The demo (from its workbook: the same path as a folder's).
    let book = tmp.path().join("demo.xlsx");
    let o = common::pmo(&[
        "convert",
        demo().to_str().unwrap(),
        "-o",
        book.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", common::stderr(&o));
    let out = tmp.path().join("demo-out");
    let xml = plan_and_export(&book, &out, &[]);
    let Some(read) = mpxj_read(&xml) else { return };
    check_with_mpxj(&book, &out, &read);
    // Positive and negative lags, across the year's months.
    let lags = common::folder(&[
        ("settings.csv", "key,value\nhorizon_start,2027-01\nperiods,12\n"),
        (
            "projects.csv",
            "id,name,value,duration,mandatory,category\nA,Alpha,1,1,true,X\nB,Beta,1,2,true,X\nC,Gamma,1,2,true,Y\nD,Delta,1,2,true,Y\nE,Epsilon,1,1,true,\n",
        ),
        ("dependencies.csv", "from,to,type,lag\nA,B,precedes,2\nC,D,precedes,-1\nB,E,precedes,0\nA,E,requires,\n"),
        ("demand.csv", "project,skill,effort\nA,Dev,10\nB,Dev,12.5\nD,QA,3\n"),
        ("capacity.csv", "skill,capacity\nDev,100\nQA,100\n"),
        ("people.csv", "person,skills,availability\nKim Lee,Dev|QA,10\n"),
    ]);
    let out = lags.path().join("out");
    let xml = plan_and_export(lags.path(), &out, &[]);
    let read = mpxj_read(&xml).expect("MPXJ ran once already");
    check_with_mpxj(lags.path(), &out, &read);
    // Projects without a category sit under "(no category)".
    let tasks = read["tasks"].as_array().unwrap();
    let e = tasks.iter().find(|t| t["name"] == "Epsilon").unwrap();
    let parent = tasks.iter().find(|t| t["uid"] == e["parent"]).unwrap();
    assert_eq!(parent["name"], "(no category)");
}
