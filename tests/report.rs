//! The committee report (report.html): escaping, one bar per selected project, one
//! heatmap cell per skill × period, the left-out table, determinism except the run-date
//! line, hand-edited plans, the optional scenario / frontier / replan sections, and the
//! page's size at 2000 projects. The real-browser checks are in tests/browser.rs.

mod common;
mod report_fixtures;

use pmo::report::Extras;
use report_fixtures::*;
use std::collections::BTreeSet;
use std::path::Path;

const DATE: &str = "2027-01-15 09:30 UTC";

fn set(v: Vec<String>) -> BTreeSet<String> {
    v.into_iter().collect()
}

#[test]
fn a_project_named_script_shows_as_text() {
    let pf = small();
    let html = render(&pf, &small_plan(&pf), &Extras::none(), DATE);
    // No script element anywhere: the page has none of its own.
    assert!(
        !html.to_lowercase().contains("<script"),
        "raw <script in the page"
    );
    assert!(html.contains("&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;"));
    // Category and skill names with markup are escaped too, in text and attributes.
    assert!(!html.contains("<b>Risk</b>"));
    assert!(html.contains("&lt;b&gt;Risk&lt;/b&gt; &amp; Co"));
    assert!(html.contains("data-category=\"&lt;b&gt;Risk&lt;/b&gt; &amp; Co\""));
    assert!(!html.contains("R&D <lab>"));
    assert!(html.contains("R&amp;D &lt;lab&gt;"));
    // French text is kept as is.
    assert!(html.contains("Données clients — qualité"));
    assert!(html.contains("<meta charset=\"utf-8\"/>"));
}

#[test]
fn one_bar_per_selected_project_one_cell_per_skill_and_period() {
    let pf = small();
    let plan = small_plan(&pf);
    let html = render(&pf, &plan, &Extras::none(), DATE);
    let selected: BTreeSet<String> = (0..pf.projects.len())
        .filter(|&p| plan.is_selected(p))
        .map(|p| pf.projects[p].id.clone())
        .collect();
    let bars = attr_values(&html, "data-bar");
    assert_eq!(bars.len(), selected.len(), "one bar per selected project");
    assert_eq!(set(bars), selected);
    let cells = attr_values(&html, "data-cell");
    assert_eq!(cells.len(), pf.skills.len() * pf.periods());
    assert!(cells.contains(&"R&D <lab>|2027-06".to_string()));
    // Left out: every project not selected, sorted by value (P5 100 > P6 80).
    let html_rows: Vec<&str> = html
        .lines()
        .filter(|l| l.contains("class=\"left-out"))
        .collect();
    let left: Vec<String> = html_rows
        .iter()
        .flat_map(|l| attr_values(l, "data-project"))
        .collect();
    assert_eq!(left, vec!["P5", "P6"]);
    // Precedes: P1 → P2 inside IT is an arrow, P3 → P2 (another category) a stub.
    assert!(html.contains("P1 precedes P2 (lag 0)"));
    assert!(html.contains(">P3 ▸</text>"));
    // Mandatory P3 is marked, P2's deadline (2027-05) drawn.
    assert!(html.contains("class=\"bar c0 mandatory\" data-bar=\"P3\""));
    assert_eq!(html.matches("class=\"deadline\"").count(), 1);
}

#[test]
fn same_inputs_give_the_same_page_except_the_run_date_line() {
    let pf = small();
    let plan = small_plan(&pf);
    let a = render(&pf, &plan, &Extras::none(), DATE);
    let b = render(&pf, &plan, &Extras::none(), "2031-12-31 23:59 UTC");
    assert_ne!(a, b);
    assert_eq!(without_run_line(&a), without_run_line(&b));
    let diff: Vec<(&str, &str)> = a.lines().zip(b.lines()).filter(|(x, y)| x != y).collect();
    assert_eq!(diff.len(), 1, "{diff:?}");
    assert!(diff[0].0.contains("data-run-line") && diff[0].0.contains(DATE));
}

#[test]
fn the_page_is_self_contained() {
    let pf = small();
    let html = render(&pf, &small_plan(&pf), &Extras::none(), DATE);
    let lower = html.to_lowercase();
    for banned in [
        "<script", "<link", "<img", "<iframe", "src=", "url(", "@import", "http://", "https://",
    ] {
        let allowed = |i: usize| lower[i..].starts_with("http://www.w3.org/2000/svg");
        let hits: Vec<usize> = lower
            .match_indices(banned)
            .map(|(i, _)| i)
            .filter(|&i| !allowed(i))
            .collect();
        assert!(hits.is_empty(), "{banned} found in the page");
    }
    // The browser enforces it too: nothing may load, no script may run.
    assert!(
        html.contains("content=\"default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;\"")
    );
    assert!(html.contains("@page { size: A4 landscape;"));
    assert!(html.contains("section { break-before: page; }"));
}

#[test]
fn a_hand_edited_plan_shows_its_violations_and_over_allocation() {
    let pf = small();
    // P5 (Dev 15/period) next to P1 (10) in periods 0..2: 25 > 20 + Ana's 4 → over.
    // P4 before its earliest start; P2 before P1 finishes (broken precedes).
    let plan = plan(
        &pf,
        &[("P1", 0), ("P3", 0), ("P5", 0), ("P4", 0), ("P2", 1)],
    );
    let html = render(&pf, &plan, &Extras::none(), DATE);
    assert!(html.contains("data-status=\"infeasible\""));
    assert!(html.contains("id=\"violations\""));
    assert!(html.matches("class=\"violation\"").count() >= 3);
    let over = html.matches("class=\"cell over\"").count();
    assert!(over >= 3, "over-allocated cells: {over}");
    assert!(
        html.contains("fill=\"#d7191c\""),
        "the distinct over-allocation colour"
    );
    assert!(html.contains("class=\"bar c0 violating\" data-bar=\"P4\""));
    assert!(html.contains("class=\"dep bad\""));
    // The plan of pmo plan has no such section.
    let clean = render(&pf, &small_plan(&pf), &Extras::none(), DATE);
    assert!(!clean.contains("id=\"violations\""));
    assert!(!clean.contains("class=\"cell over\""));
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

#[test]
fn scenario_frontier_and_replan_sections_appear_with_their_files() {
    let pf = small();
    let plan = small_plan(&pf);
    let dir = tempfile::tempdir().unwrap();
    let none = render(&pf, &plan, &Extras::read(dir.path()), DATE);
    for id in ["id=\"scenarios\"", "id=\"frontier\"", "id=\"replan\""] {
        assert!(!none.contains(id), "{id} without its file");
    }
    // Files as SCENARIOS.md and REPLAN.md (version 1) describe them.
    write(
        dir.path(),
        "scenarios.csv",
        "scenario,status,objective,bound,gap,time,selected,value,cost,budget_use,delta_objective,entered,left,peak_Dev,peak_R&D <lab>\n\
         baseline,optimal,1450,1450,0,0.2,4,1450,770,0.9625,0,,,0.9,0.75\n\
         cut10,optimal,1200,1200,0,0.2,3,1200,620,0.86,-250,,P4,0.9,0.5\n\
         <img>,infeasible,,,,0.1,,,,,,,,,\n",
    );
    write(
        dir.path(),
        "frontier.csv",
        "budget,status,objective,bound,gap,selected,cost,entered,left\n\
         200,infeasible,,,,,,,\n\
         400,optimal,800,800,0,2,300,P1|P3,\n\
         600,optimal,1050,1050,0,3,450,P2,\n\
         800,optimal,1450,1450,0,4,770,P4,\n",
    );
    write(
        dir.path(),
        "changes.csv",
        "project,change,from_start,to_start,from_finish,to_finish,reason\n\
         P2,moved,2027-03,2027-04,2027-04,2027-05,late predecessor P1\n\
         P5,dropped,2027-01,,2027-03,,budget cut\n",
    );
    write(
        dir.path(),
        "alerts.csv",
        "alert,project,skill,period,amount,message\n\
         overallocated,,Dev,2027-02,5,\"in-flight work alone needs 5 more person-days of Dev in 2027-02\"\n",
    );
    let html = render(&pf, &plan, &Extras::read(dir.path()), DATE);
    assert_eq!(html.matches("<tr class=\"scenario").count(), 3);
    assert!(html.contains("data-scenario=\"&lt;img&gt;\""));
    assert!(html.contains(">−P4</span>"));
    assert!(html.contains("\u{2212}250"));
    assert!(html.contains(">R&amp;D &lt;lab&gt;</th>"));
    assert_eq!(html.matches("class=\"fpt\"").count(), 3);
    assert_eq!(html.matches("class=\"fpt none\"").count(), 1);
    assert!(html.contains(">+P1 +P3</text>"));
    assert_eq!(html.matches("<tr class=\"change\"").count(), 2);
    assert!(html.contains("2027-03 → 2027-04"));
    assert_eq!(html.matches("<tr class=\"alert\"").count(), 1);
    for id in ["#scenarios", "#frontier", "#replan"] {
        assert!(html.contains(&format!("href=\"{id}\"")));
    }
    // A file that cannot be read gives a note, not a failure.
    write(
        dir.path(),
        "frontier.csv",
        "budget,status,objective\nabc,optimal,1\n",
    );
    let html = render(&pf, &plan, &Extras::read(dir.path()), DATE);
    assert!(html.contains("Not shown: frontier.csv: line 2, column budget"));
}

#[test]
fn two_thousand_projects_stay_usable_and_small() {
    let (pf, plan) = large(2000);
    let t = std::time::Instant::now();
    let html = render(&pf, &plan, &Extras::none(), DATE);
    let took = t.elapsed();
    let n_sel = plan.selected_count();
    assert!(n_sel > 500, "selected {n_sel}");
    assert_eq!(attr_values(&html, "data-bar").len(), n_sel);
    // Grouped by category, folded: each group's summary line still shows the roadmap.
    let groups = html.matches("<details class=\"group\"").count();
    assert_eq!(groups, 8);
    assert!(!html.contains("<details class=\"group\" data-category=\"IT\" open"));
    assert_eq!(
        html.matches("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"strip\"")
            .count(),
        8
    );
    assert!(html.len() < 5_000_000, "{} bytes", html.len());
    eprintln!(
        "2000 projects ({n_sel} selected): report {} kB, rendered in {:.0} ms",
        html.len() / 1000,
        took.as_secs_f64() * 1000.0
    );
}

// ---------------------------------------------------------------------------------
// Through the command line

fn folder_of(pf: &pmo::model::Portfolio) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    pmo::io::write_portfolio::write_portfolio(pf, dir.path()).unwrap();
    dir
}

#[test]
fn pmo_plan_writes_the_report_and_twice_gives_the_same_page() {
    let dir = folder_of(&small());
    let (code, out, o) = common::plan(dir.path(), &[]);
    assert_eq!(code, 0, "{}", common::stderr(&o));
    let a = std::fs::read_to_string(out.join("report.html")).unwrap();
    let rows = common::plan_rows(&out);
    let selected: BTreeSet<String> = rows
        .iter()
        .filter(|r| r["selected"] == "true")
        .map(|r| r["project"].clone())
        .collect();
    assert_eq!(set(attr_values(&a, "data-bar")), selected);
    assert!(a.contains("data-status=\"optimal\""));
    let (code, _, _) = common::plan(dir.path(), &[]);
    assert_eq!(code, 0);
    let b = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert_eq!(without_run_line(&a), without_run_line(&b));
    // `pmo report` on the plan pmo wrote: the summary beside it gives its status.
    let page = dir.path().join("page.html");
    let o = common::pmo(&[
        "report",
        dir.path().to_str().unwrap(),
        "--plan",
        out.join("plan.csv").to_str().unwrap(),
        "-o",
        page.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", common::stderr(&o));
    let c = std::fs::read_to_string(&page).unwrap();
    assert!(c.contains("data-status=\"optimal\""));
    assert_eq!(set(attr_values(&c, "data-bar")), selected);
}

#[test]
fn pmo_report_on_a_hand_edited_plan() {
    let dir = folder_of(&small());
    let plan = dir.path().join("edited.csv");
    // Excel style: `;` and a BOM; P5 squeezed in next to P1 (over-allocates Dev).
    std::fs::write(
        &plan,
        "\u{FEFF}project;selected;start\nP1;true;2027-01\nP2;true;2027-04\nP3;true;2027-01\nP4;true;2027-03\nP5;true;2027-01\nP6;false;\n",
    )
    .unwrap();
    let o = common::pmo(&[
        "report",
        dir.path().to_str().unwrap(),
        "--plan",
        plan.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", common::stderr(&o));
    assert!(
        common::stdout(&o).contains("breaks"),
        "{}",
        common::stdout(&o)
    );
    // Default output: report.html beside the plan.
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert!(html.contains("data-status=\"infeasible\""));
    assert!(html.contains("class=\"cell over\""));
    assert_eq!(attr_values(&html, "data-bar").len(), 5);
    // An unreadable plan is an input error, and nothing is written.
    let o = common::pmo(&[
        "report",
        dir.path().to_str().unwrap(),
        "--plan",
        dir.path().join("missing.csv").to_str().unwrap(),
        "-o",
        dir.path().join("x.html").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!dir.path().join("x.html").exists());
}

#[test]
fn the_demo_report_is_under_two_megabytes() {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/demo");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = common::pmo(&[
        "plan",
        demo.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--quiet",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", common::stderr(&o));
    let size = std::fs::metadata(out.join("report.html")).unwrap().len();
    assert!(size <= 2_000_000, "demo report: {size} bytes");
    eprintln!("demo report: {size} bytes");
}
