//! The portfolio committee report: one self-contained HTML page (inline CSS and SVG, no
//! script, font or image from anywhere) built from the same data as the CSV outputs.
//!
//! Loads and spends are never computed here: they come from the writers'
//! [`PlanReport`] (itself from the checker's own loads and spends); the report only
//! sums them over ranges and categories to show them. Every string from the data goes
//! through [`escape::escape`] by construction ([`html::Html`]). The output is
//! byte-identical for identical inputs except the one line marked `data-run-line`
//! (the run date and the solver's time).

pub mod escape;
pub mod extras;
pub mod html;
pub mod numbers;
pub mod svg;

use crate::io::writers::PlanReport;
use crate::model::{BudgetScope, DepKind, Objective, Portfolio};
use crate::solve::{describe_budget, Solution};
use crate::verify::{exceeds, Violation};
pub use extras::Extras;
use html::{Html, N};
use numbers::{amount, pct, signed};
use std::collections::{BTreeMap, BTreeSet};
use svg::{
    Axis, Envelope, FrontierPoint, GanttArrow, GanttBar, GanttGroup, GanttIncoming, HeatCell,
    Heatmap, SpendBar, PALETTE,
};

/// Up to this many selected projects the roadmap's category groups are open; above,
/// they start folded (each still shows its projects running per period).
pub const OPEN_LIMIT: usize = 150;

const STYLE: &str = include_str!("style.css");

/// How the plan came about, for the header.
#[derive(Debug, Clone, PartialEq)]
pub struct RunInfo {
    /// `optimal`, `feasible` (at the time limit, with a gap), `infeasible` (a plan file
    /// that breaks rules) or `checked` (a plan file that keeps every rule).
    pub status: String,
    pub objective: Option<f64>,
    pub bound: Option<f64>,
    pub gap: Option<f64>,
    pub solver: Option<String>,
    /// Solver time in seconds (shown on the run line only).
    pub seconds: Option<f64>,
    /// Where the plan comes from: `pmo plan`, or the plan file.
    pub source: String,
}

impl RunInfo {
    /// A plan just solved by `pmo plan`.
    pub fn from_solution(s: &Solution) -> Self {
        RunInfo {
            status: s.status.as_str().to_string(),
            objective: s.objective,
            bound: s.bound,
            gap: s.gap,
            solver: Some(s.solver.clone()),
            seconds: Some(s.seconds),
            source: "pmo plan".into(),
        }
    }

    /// A plan read from `source`, described by the `summary.json` that `pmo plan` wrote
    /// with it. None when the summary cannot be read or does not describe this plan
    /// (another objective: the plan was edited).
    pub fn from_summary(summary: &str, source: &str, objective: f64) -> Option<Self> {
        let v: serde_json::Value = serde_json::from_str(summary).ok()?;
        let status = v.get("status")?.as_str()?;
        let stated = v.get("objective")?.as_f64()?;
        if exceeds(stated, objective) || exceeds(objective, stated) {
            return None;
        }
        if !matches!(status, "optimal" | "feasible") {
            return None;
        }
        let f = |k: &str| v.get(k).and_then(|x| x.as_f64());
        Some(RunInfo {
            status: status.to_string(),
            objective: Some(objective),
            bound: f("bound"),
            gap: f("gap"),
            solver: v.get("solver").and_then(|s| s.as_str()).map(str::to_string),
            seconds: f("solve_time_s"),
            source: source.to_string(),
        })
    }

    /// A plan read from `source` (e.g. edited by hand), judged by the checker only.
    pub fn from_file(source: &str, objective: f64, violations: usize) -> Self {
        RunInfo {
            status: if violations > 0 {
                "infeasible".into()
            } else {
                "checked".into()
            },
            objective: Some(objective),
            bound: None,
            gap: None,
            solver: None,
            seconds: None,
            source: source.to_string(),
        }
    }
}

/// Everything the page shows.
pub struct ReportInput<'a> {
    pub portfolio: &'a Portfolio,
    /// The portfolio folder as given on the command line.
    pub folder: &'a str,
    /// The writers' data for this plan (plan rows with reasons, loads, spends).
    pub data: &'a PlanReport,
    pub run: &'a RunInfo,
    /// The checker's findings (empty for a plan from `pmo plan`).
    pub violations: &'a [Violation],
    pub extras: &'a Extras,
    /// The run date as shown, e.g. `2027-01-15 09:30 UTC` ([`generated_now`]).
    pub generated: &'a str,
}

/// The current date and time, or `SOURCE_DATE_EPOCH`'s when that variable is set (for
/// reproducible builds of the page).
pub fn generated_now() -> String {
    let unix = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0)
        });
    numbers::utc_date_time(unix)
}

/// The page of a plan just solved by `pmo plan` (written with its CSV files to `out`,
/// whose scenario, frontier and replan files are shown when present).
pub fn solved_page(
    portfolio: &Portfolio,
    folder: &std::path::Path,
    data: &PlanReport,
    solution: &Solution,
    out: &std::path::Path,
) -> String {
    render(&ReportInput {
        portfolio,
        folder: &folder.display().to_string(),
        data,
        run: &RunInfo::from_solution(solution),
        violations: &[],
        extras: &Extras::read(out),
        generated: &generated_now(),
    })
}

/// The whole page.
pub fn render(r: &ReportInput) -> String {
    let pf = r.portfolio;
    let axis = Axis::new(pf.periods());
    let labels = pf.horizon.labels();
    let mut h = Html::new();
    h.raw("<!DOCTYPE html>\n");
    h.el("html", &[("lang", &"en")], |h| {
        h.nl();
        h.el("head", &[], |h| {
            h.empty("meta", &[("charset", &"utf-8")]);
            h.empty(
                "meta",
                &[
                    ("http-equiv", &"Content-Security-Policy"),
                    ("content", &"default-src 'none'; style-src 'unsafe-inline'"),
                ],
            );
            h.empty(
                "meta",
                &[
                    ("name", &"viewport"),
                    ("content", &"width=device-width, initial-scale=1"),
                ],
            );
            h.empty("meta", &[("name", &"generator"), ("content", &"pmo")]);
            h.leaf("title", &[], &format!("Portfolio report — {}", pf.name));
            h.nl();
            h.el("style", &[], |h| h.raw(STYLE));
            h.nl();
        });
        h.nl();
        h.el("body", &[], |h| {
            h.nl();
            header(h, r);
            kpis(h, r);
            if !r.violations.is_empty() {
                violations(h, r);
            }
            roadmap(h, r, &axis, &labels);
            capacity(h, r, &axis, &labels);
            budget(h, r, &axis, &labels);
            left_out(h, r);
            if let Some(s) = &r.extras.scenarios {
                scenarios(h, s);
            }
            if let Some(f) = &r.extras.frontier {
                frontier(h, f);
            }
            if r.extras.changes.is_some() || r.extras.alerts.is_some() {
                replan(h, r);
            }
            footer(h, r);
        });
        h.nl();
    });
    h.nl();
    h.into_string()
}

// ---------------------------------------------------------------------------------
// Small pieces

fn selected(r: &ReportInput) -> Vec<usize> {
    r.data
        .plan
        .iter()
        .filter(|row| row.start.is_some())
        .map(|row| row.project)
        .collect()
}

fn section(h: &mut Html, id: &'static str, title: &str, body: impl FnOnce(&mut Html)) {
    h.el("section", &[("id", &id)], |h| {
        h.nl();
        h.leaf("h2", &[], title);
        h.nl();
        body(h);
    });
    h.nl();
}

/// A header cell, right-aligned over numbers.
fn th(h: &mut Html, name: &str) {
    const NUMERIC: [&str; 12] = [
        "used",
        "minimum",
        "maximum",
        "use",
        "value",
        "cost",
        "objective",
        "Δ objective",
        "selected",
        "budget use",
        "budget",
        "amount",
    ];
    if NUMERIC.contains(&name) {
        h.leaf("th", &[("class", &"num")], name);
    } else {
        h.leaf("th", &[], name);
    }
}

fn note(h: &mut Html, text: &str) {
    h.leaf("p", &[("class", &"note")], text);
    h.nl();
}

/// A small horizontal gauge (0..1 filled, red beyond 1).
fn gauge(h: &mut Html, ratio: f64) {
    let f = if ratio.is_finite() {
        ratio.clamp(0.0, 1.0)
    } else {
        1.0
    };
    let class = if ratio > 1.0 + 1e-6 {
        "gauge over"
    } else {
        "gauge"
    };
    h.el(
        "svg",
        &[
            ("class", &class),
            ("width", &160),
            ("height", &8),
            ("viewBox", &"0 0 160 8"),
        ],
        |h| {
            h.empty(
                "rect",
                &[
                    ("class", &"g-bg"),
                    ("width", &160),
                    ("height", &8),
                    ("rx", &4),
                ],
            );
            h.empty(
                "rect",
                &[
                    ("class", &"g-fill"),
                    ("width", &N(160.0 * f)),
                    ("height", &8),
                    ("rx", &4),
                ],
            );
        },
    );
}

fn status_text(run: &RunInfo, violations: usize) -> String {
    match run.status.as_str() {
        "optimal" => "optimal".into(),
        "feasible" => match run.gap {
            Some(g) => format!("feasible, gap {:.2}%", g * 100.0),
            None => "feasible (time limit)".into(),
        },
        "infeasible" => format!(
            "infeasible: the plan breaks {violations} rule{}",
            if violations == 1 { "" } else { "s" }
        ),
        "checked" => "feasible: keeps every rule (plan file, not optimised here)".into(),
        other => other.to_string(),
    }
}

fn status_class(status: &str) -> &'static str {
    match status {
        "optimal" => "status st-optimal",
        "feasible" | "checked" => "status st-feasible",
        "infeasible" => "status st-infeasible",
        _ => "status",
    }
}

// ---------------------------------------------------------------------------------
// Header and KPIs

fn header(h: &mut Html, r: &ReportInput) {
    let pf = r.portfolio;
    let labels = (pf.horizon.label(0), pf.horizon.label(pf.periods() - 1));
    h.el("header", &[("class", &"head")], |h| {
        h.nl();
        h.el("div", &[("class", &"title-row")], |h| {
            h.el("h1", &[], |h| {
                h.text("Portfolio report ");
                h.leaf("span", &[("class", &"pf-name")], &pf.name);
            });
            h.leaf(
                "span",
                &[
                    ("class", &status_class(&r.run.status)),
                    ("data-status", &r.run.status),
                ],
                &status_text(r.run, r.violations.len()),
            );
        });
        h.nl();
        h.el("p", &[("class", &"meta")], |h| {
            h.text("Folder ");
            h.leaf("code", &[], r.folder);
            h.textf(format_args!(
                " · horizon {} – {} ({} periods) · objective {}",
                labels.0,
                labels.1,
                pf.periods(),
                match pf.settings.objective {
                    Objective::Value => "value",
                    Objective::Makespan => "makespan",
                }
            ));
            if let Some(o) = r.run.objective {
                h.textf(format_args!(" {}", amount(o)));
            }
            if let (Some(b), "feasible") = (r.run.bound, r.run.status.as_str()) {
                h.textf(format_args!(" (bound {})", amount(b)));
            }
            h.text(" · plan from ");
            h.leaf("code", &[], &r.run.source);
        });
        // The only line that differs between two runs on the same inputs.
        h.nl();
        h.el("p", &[("class", &"run"), ("data-run-line", &"")], |h| {
            h.textf(format_args!("Generated {}", r.generated));
            if let Some(s) = &r.run.solver {
                h.textf(format_args!(" · solver {s}"));
            }
            if let Some(t) = r.run.seconds {
                h.textf(format_args!(", {t:.2} s"));
            }
        });
        h.nl();
        h.el("nav", &[], |h| {
            let mut links: Vec<(&str, &str)> = vec![("#kpis", "Key figures")];
            if !r.violations.is_empty() {
                links.push(("#violations", "Rule violations"));
            }
            links.extend([
                ("#roadmap", "Roadmap"),
                ("#capacity", "Capacity"),
                ("#budget", "Budget"),
                ("#left-out", "Left out"),
            ]);
            if r.extras.scenarios.is_some() {
                links.push(("#scenarios", "Scenarios"));
            }
            if r.extras.frontier.is_some() {
                links.push(("#frontier", "Budget frontier"));
            }
            if r.extras.changes.is_some() || r.extras.alerts.is_some() {
                links.push(("#replan", "Replan"));
            }
            for (href, text) in links {
                h.leaf("a", &[("href", &href)], text);
            }
        });
        h.nl();
    });
    h.nl();
}

fn tile(h: &mut Html, title: &str, big: &str, body: impl FnOnce(&mut Html)) {
    h.el("div", &[("class", &"tile")], |h| {
        h.leaf("div", &[("class", &"t-title")], title);
        h.leaf("div", &[("class", &"t-big")], big);
        body(h);
    });
    h.nl();
}

fn kpis(h: &mut Html, r: &ReportInput) {
    let pf = r.portfolio;
    let sel = selected(r);
    let value_sel: f64 = sel.iter().map(|&p| pf.projects[p].value).sum();
    let value_req: f64 = pf.projects.iter().map(|p| p.value).sum();
    let cost_sel: f64 = sel.iter().map(|&p| pf.projects[p].cost).sum();
    let cost_req: f64 = pf.projects.iter().map(|p| p.cost).sum();
    let mandatory = pf.projects.iter().filter(|p| p.mandatory).count();
    let mandatory_sel = sel.iter().filter(|&&p| pf.projects[p].mandatory).count();
    section(h, "kpis", "Key figures", |h| {
        h.el("div", &[("class", &"tiles")], |h| {
            h.nl();
            if pf.settings.objective == Objective::Value {
                tile(h, "Value selected", &amount(value_sel), |h| {
                    let ratio = if value_req > 0.0 {
                        value_sel / value_req
                    } else {
                        0.0
                    };
                    gauge(h, ratio);
                    h.leaf(
                        "div",
                        &[("class", &"t-sub")],
                        &format!("of {} requested ({})", amount(value_req), pct(ratio)),
                    );
                    if let Some(o) = r.run.objective {
                        if (o - value_sel).abs() > 1e-6 {
                            h.leaf(
                                "div",
                                &[("class", &"t-sub")],
                                &format!("objective {} with benefits", amount(o)),
                            );
                        }
                    }
                });
            } else {
                let makespan = r.run.objective.map(amount).unwrap_or_else(|| "–".into());
                tile(h, "Makespan", &format!("{makespan} periods"), |h| {
                    h.leaf(
                        "div",
                        &[("class", &"t-sub")],
                        &format!("of a horizon of {}", pf.periods()),
                    );
                });
            }
            let budget = r.data.total_budget;
            tile(h, "Cost", &amount(cost_sel), |h| {
                match budget {
                    Some(b) => {
                        let ratio = if b > 0.0 { cost_sel / b } else { f64::INFINITY };
                        gauge(h, ratio);
                        h.leaf(
                            "div",
                            &[("class", &"t-sub")],
                            &format!("of a budget of {} ({})", amount(b), pct(ratio)),
                        );
                    }
                    None => h.leaf("div", &[("class", &"t-sub")], "no total budget"),
                }
                h.leaf(
                    "div",
                    &[("class", &"t-sub")],
                    &format!("requested {}", amount(cost_req)),
                );
            });
            tile(h, "Projects selected", &sel.len().to_string(), |h| {
                h.leaf(
                    "div",
                    &[("class", &"t-sub")],
                    &format!(
                        "{} left out of {} requested",
                        pf.projects.len() - sel.len(),
                        pf.projects.len()
                    ),
                );
                h.leaf(
                    "div",
                    &[("class", &"t-sub")],
                    &format!("{mandatory_sel} of {mandatory} mandatory selected"),
                );
            });
            h.el("div", &[("class", &"tile peaks")], |h| {
                h.leaf("div", &[("class", &"t-title")], "Peak utilisation");
                h.el("table", &[("class", &"peak-table")], |h| {
                    for (k, skill) in pf.skills.iter().enumerate() {
                        let best = r.data.load.iter().filter(|l| l.skill == k).max_by(|a, b| {
                            a.utilisation
                                .total_cmp(&b.utilisation)
                                .then(b.period.cmp(&a.period))
                        });
                        let Some(l) = best else { continue };
                        let over = exceeds(l.demand, l.base_capacity + l.people_assigned);
                        h.el("tr", &[], |h| {
                            h.leaf("td", &[("class", &"pk-skill")], &svg::clip(skill, 24));
                            h.el("td", &[], |h| gauge(h, l.utilisation));
                            h.leaf(
                                "td",
                                &[("class", &if over { "num bad" } else { "num" })],
                                &pct(l.utilisation),
                            );
                            h.leaf(
                                "td",
                                &[("class", &"pk-when")],
                                &r.portfolio.horizon.label(l.period),
                            );
                        });
                    }
                });
            });
            h.nl();
        });
        h.nl();
    });
}

fn violations(h: &mut Html, r: &ReportInput) {
    section(h, "violations", "Rule violations", |h| {
        note(
            h,
            &format!(
                "This plan was read from {} and breaks {} rule(s) of the portfolio; the \
                 checker's findings are below. Projects at fault are outlined in red on the \
                 roadmap, over-allocated skills are red on the capacity heatmap.",
                r.run.source,
                r.violations.len()
            ),
        );
        h.el("table", &[("class", &"data viol")], |h| {
            h.el("thead", &[], |h| {
                h.el("tr", &[], |h| {
                    h.leaf("th", &[], "rule");
                    h.leaf("th", &[], "finding");
                })
            });
            h.el("tbody", &[], |h| {
                for v in r.violations {
                    h.el("tr", &[("class", &"violation")], |h| {
                        h.leaf("td", &[("class", &"badge-cell")], v.rule.as_str());
                        h.leaf("td", &[], &v.message);
                    });
                    h.nl();
                }
            });
        });
    });
}

// ---------------------------------------------------------------------------------
// Roadmap

fn roadmap(h: &mut Html, r: &ReportInput, axis: &Axis, labels: &[String]) {
    let groups = gantt_groups(r);
    let n_sel = groups.iter().map(|g| g.bars.len()).sum::<usize>();
    section(h, "roadmap", "Roadmap", |h| {
        h.el("p", &[("class", &"legend")], |h| {
            h.textf(format_args!(
                "{n_sel} selected project{} by category. ",
                if n_sel == 1 { "" } else { "s" }
            ));
            h.leaf("span", &[("class", &"lg lg-bar")], "");
            h.text(" planned run · ");
            h.leaf("span", &[("class", &"lg lg-mand")], "");
            h.text(" ◆ mandatory · ");
            h.leaf("span", &[("class", &"lg lg-win")], "");
            h.text(" allowed window · ");
            h.leaf("span", &[("class", &"lg lg-dl")], "");
            h.text(" deadline · → precedes (with lag) · ");
            h.text("X ▸ follows X of another category. Hover a bar for its figures.");
            if n_sel > OPEN_LIMIT {
                h.textf(format_args!(
                    " With more than {OPEN_LIMIT} projects the categories start folded: \
                     click one to open it; its line shows how many of its projects run in \
                     each period."
                ));
            }
        });
        h.nl();
        if groups.is_empty() {
            note(h, "No project is selected.");
            return;
        }
        h.el("div", &[("class", &"chart gantt-chart")], |h| {
            h.append(svg::period_axis(axis, labels));
            let open = n_sel <= OPEN_LIMIT;
            for g in &groups {
                let cat = g.name.clone();
                let inner = |h: &mut Html| {
                    h.el("summary", &[], |h| h.append(svg::group_summary(axis, g)));
                    h.append(svg::group_bars(axis, g));
                };
                if open {
                    h.el(
                        "details",
                        &[("class", &"group"), ("data-category", &cat), ("open", &"")],
                        inner,
                    );
                } else {
                    h.el(
                        "details",
                        &[("class", &"group"), ("data-category", &cat)],
                        inner,
                    );
                }
                h.nl();
            }
        });
        h.nl();
    });
}

const NO_CATEGORY: &str = "(no category)";

/// The roadmap's groups: categories in name order (projects without one last), each
/// with its selected projects by start, then in projects.csv order.
fn gantt_groups(r: &ReportInput) -> Vec<GanttGroup> {
    let pf = r.portfolio;
    let h = &pf.horizon;
    let cats = pf.categories();
    let group_of = |p: usize| {
        pf.projects[p]
            .category
            .as_ref()
            .and_then(|c| cats.iter().position(|x| x == c))
            .unwrap_or(cats.len())
    };
    let start = |p: usize| r.data.plan[p].start;
    let finish = |p: usize| r.data.plan[p].finish;
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); cats.len() + 1];
    for p in selected(r) {
        members[group_of(p)].push(p);
    }
    for m in &mut members {
        m.sort_by_key(|&p| (start(p), p));
    }
    let mut row_of: BTreeMap<usize, usize> = BTreeMap::new();
    for m in &members {
        for (i, &p) in m.iter().enumerate() {
            row_of.insert(p, i);
        }
    }
    let mut broken_rules: BTreeMap<usize, BTreeSet<&str>> = BTreeMap::new();
    for v in r.violations {
        if let Some(p) = v.project {
            broken_rules.entry(p).or_default().insert(v.rule.as_str());
        }
    }
    // precedes between selected projects: (from, to, lag, broken)
    let mut preds: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let mut links = Vec::new();
    for d in &pf.dependencies {
        if let DepKind::Precedes { lag } = d.kind {
            if let (Some(_), Some(f), Some(s)) = (start(d.from), finish(d.from), start(d.to)) {
                let broken = (s as i64) < f as i64 + 1 + lag;
                links.push((d.from, d.to, lag, broken));
                preds.entry(d.to).or_default().push(format!(
                    "after {} (lag {lag}){}",
                    pf.projects[d.from].id,
                    if broken { ": starts too early" } else { "" }
                ));
            }
        }
    }
    let mut groups: Vec<GanttGroup> = members
        .iter()
        .enumerate()
        .filter(|(_, m)| !m.is_empty())
        .map(|(gi, m)| {
            let name = cats.get(gi).cloned().unwrap_or_else(|| NO_CATEGORY.into());
            let in_cat = pf
                .projects
                .iter()
                .filter(|p| p.category.as_deref() == cats.get(gi).map(String::as_str))
                .count();
            let value: f64 = m.iter().map(|&p| pf.projects[p].value).sum();
            let cost: f64 = m.iter().map(|&p| pf.projects[p].cost).sum();
            let bars = m
                .iter()
                .map(|&p| {
                    let pr = &pf.projects[p];
                    let (s, f) = (start(p).unwrap_or(0), finish(p).unwrap_or(0));
                    let mut tip = vec![
                        format!("{} — {}", pr.id, pr.name),
                        format!(
                            "{}{}",
                            pr.category.as_deref().unwrap_or(NO_CATEGORY),
                            if pr.mandatory { " · mandatory" } else { "" }
                        ),
                        format!(
                            "{} – {} ({} period{})",
                            h.label(s),
                            h.label(f),
                            pr.duration,
                            if pr.duration == 1 { "" } else { "s" }
                        ),
                    ];
                    let contribution = r.data.plan[p].contribution;
                    tip.push(if (contribution - pr.value).abs() > 1e-9 {
                        format!(
                            "value {} (with benefit {}) · cost {}",
                            amount(pr.value),
                            amount(contribution),
                            amount(pr.cost)
                        )
                    } else {
                        format!("value {} · cost {}", amount(pr.value), amount(pr.cost))
                    });
                    if pr.earliest_start > 0 || pr.deadline + 1 < pf.periods() {
                        tip.push(format!(
                            "window {} – {}",
                            h.label(pr.earliest_start),
                            h.label(pr.deadline)
                        ));
                    }
                    if let Some(ps) = preds.get(&p) {
                        tip.extend(ps.iter().cloned());
                    }
                    let broken = broken_rules.get(&p);
                    if let Some(rules) = broken {
                        tip.push(format!(
                            "breaks: {}",
                            rules.iter().copied().collect::<Vec<_>>().join(", ")
                        ));
                    }
                    GanttBar {
                        id: pr.id.clone(),
                        name: pr.name.clone(),
                        start: s,
                        finish: f,
                        mandatory: pr.mandatory,
                        earliest: pr.earliest_start,
                        deadline: pr.deadline,
                        show_deadline: pr.deadline + 1 < pf.periods(),
                        violating: broken.is_some(),
                        tooltip: tip.join("\n"),
                    }
                })
                .collect();
            GanttGroup {
                colour: if gi < cats.len() {
                    gi % PALETTE
                } else {
                    PALETTE
                },
                summary: format!(
                    "{}/{} selected · value {} · cost {}",
                    m.len(),
                    in_cat,
                    amount(value),
                    amount(cost)
                ),
                name,
                bars,
                arrows: Vec::new(),
                incoming: Vec::new(),
            }
        })
        .collect();
    let index_of_group: Vec<usize> = {
        let mut v = vec![usize::MAX; cats.len() + 1];
        let mut i = 0;
        for (gi, m) in members.iter().enumerate() {
            if !m.is_empty() {
                v[gi] = i;
                i += 1;
            }
        }
        v
    };
    for (from, to, lag, broken) in links {
        let (gf, gt) = (index_of_group[group_of(from)], index_of_group[group_of(to)]);
        let title = format!(
            "{} precedes {} (lag {lag}){}",
            pf.projects[from].id,
            pf.projects[to].id,
            if broken {
                ": broken, the successor starts too early"
            } else {
                ""
            }
        );
        if gf == gt {
            groups[gt].arrows.push(GanttArrow {
                from: row_of[&from],
                to: row_of[&to],
                lag,
                broken,
                title,
            });
        } else {
            groups[gt].incoming.push(GanttIncoming {
                row: row_of[&to],
                from_id: pf.projects[from].id.clone(),
                broken,
                title: format!(
                    "{title}; {} is in {}",
                    pf.projects[from].id,
                    pf.projects[from].category.as_deref().unwrap_or(NO_CATEGORY)
                ),
            });
        }
    }
    groups
}

// ---------------------------------------------------------------------------------
// Capacity

fn capacity(h: &mut Html, r: &ReportInput, axis: &Axis, labels: &[String]) {
    let pf = r.portfolio;
    let mut cells: Vec<Vec<HeatCell>> = vec![Vec::new(); pf.skills.len()];
    let mut n_over = 0;
    for l in &r.data.load {
        let over = exceeds(l.demand, l.base_capacity + l.people_assigned);
        n_over += usize::from(over);
        let people = l.capacity - l.base_capacity;
        let mut title = vec![
            format!("{} · {}", pf.skills[l.skill], labels[l.period]),
            format!(
                "demand {} / capacity {} ({})",
                amount(l.demand),
                amount(l.capacity),
                pct(l.utilisation)
            ),
        ];
        if people > 0.0 {
            title.push(format!(
                "capacity.csv {} + people up to {} (giving {})",
                amount(l.base_capacity),
                amount(people),
                amount(l.people_assigned)
            ));
        }
        if over {
            title.push(format!(
                "OVER-ALLOCATED: {} short",
                amount(l.demand - l.base_capacity - l.people_assigned)
            ));
        }
        cells[l.skill].push(HeatCell {
            demand: l.demand,
            capacity: l.capacity,
            utilisation: if l.capacity <= 0.0 && l.demand <= 0.0 {
                f64::NAN
            } else {
                l.utilisation
            },
            over,
            title: title.join("\n"),
        });
    }
    let m = Heatmap {
        skills: pf.skills.clone(),
        labels: labels.to_vec(),
        cells,
    };
    section(h, "capacity", "Capacity", |h| {
        h.el("p", &[("class", &"legend")], |h| {
            h.text(
                "Demand of the selected projects against capacity (capacity.csv plus the \
                 availability of every person who has the skill), per skill and period: \
                 utilisation, then demand/capacity. ",
            );
            if n_over > 0 {
                h.leaf(
                    "strong",
                    &[("class", &"bad")],
                    &format!(
                        "{n_over} cell(s) over-allocated: demand beyond what capacity and \
                         people's time can cover."
                    ),
                );
            }
        });
        h.nl();
        if pf.skills.is_empty() {
            note(h, "The portfolio has no skills.");
            return;
        }
        h.el("div", &[("class", &"chart")], |h| {
            h.append(svg::period_axis(axis, labels));
            h.append(svg::heatmap(axis, &m));
            h.append(svg::heat_legend());
        });
        h.nl();
    });
}

// ---------------------------------------------------------------------------------
// Budget

fn budget(h: &mut Html, r: &ReportInput, axis: &Axis, labels: &[String]) {
    let pf = r.portfolio;
    let spend = &r.data.spend;
    let bars: Vec<SpendBar> = spend
        .iter()
        .map(|s| {
            let mut t = format!("{}: spend {}", labels[s.period], amount(s.spend));
            if let Some(m) = s.limit {
                t.push_str(&format!(" · limit {}", amount(m)));
            }
            if let Some(m) = s.min {
                t.push_str(&format!(" · minimum {}", amount(m)));
            }
            t.push_str(&format!(" · cumulative {}", amount(s.cumulative)));
            SpendBar {
                spend: s.spend,
                max: s.limit,
                min: s.min,
                title: t,
            }
        })
        .collect();
    let range_spend = |a: usize, z: usize| -> f64 {
        spend
            .iter()
            .filter(|s| s.period >= a && s.period <= z)
            .map(|s| s.spend)
            .sum()
    };
    let envelopes: Vec<Envelope> = pf
        .budgets
        .iter()
        .filter_map(|b| match b.scope {
            BudgetScope::Periods(a, z) if a != z => {
                let spent = range_spend(a, z);
                Some(Envelope {
                    from: a,
                    to: z.min(pf.periods().saturating_sub(1)),
                    spent,
                    max: b.max,
                    min: b.min,
                    title: format!(
                        "{}: spent {}{}{}",
                        describe_budget(pf, b),
                        amount(spent),
                        b.max
                            .map(|m| format!(" of max {} ({})", amount(m), pct(spent / m)))
                            .unwrap_or_default(),
                        b.min
                            .map(|m| format!(", min {}", amount(m)))
                            .unwrap_or_default()
                    ),
                })
            }
            _ => None,
        })
        .collect();
    let cumulative: Vec<f64> = spend.iter().map(|s| s.cumulative).collect();
    let cum_titles: Vec<String> = spend
        .iter()
        .map(|s| {
            format!(
                "end of {}: cumulative spend {}{}",
                labels[s.period],
                amount(s.cumulative),
                r.data
                    .total_budget
                    .map(|b| format!(" of {} ({})", amount(b), pct(s.cumulative / b)))
                    .unwrap_or_default()
            )
        })
        .collect();
    let sel = selected(r);
    section(h, "budget", "Budget", |h| {
        h.el("p", &[("class", &"legend")], |h| {
            h.text("Spend per period (each project spends its cost evenly over its run) ");
            h.text("against the period limits: ");
            h.leaf("span", &[("class", &"lg lg-max")], "");
            h.text(" maximum, ");
            h.leaf("span", &[("class", &"lg lg-min")], "");
            h.text(" minimum; below, the budgets that cover several periods.");
        });
        h.nl();
        h.el("div", &[("class", &"chart")], |h| {
            h.append(svg::period_axis(axis, labels));
            h.append(svg::spend_chart(axis, &bars, &envelopes));
        });
        h.nl();
        h.leaf("h3", &[], "Cumulative spend against the total budget");
        h.el("div", &[("class", &"chart")], |h| {
            h.append(svg::cumulative_chart(
                axis,
                &cumulative,
                r.data.total_budget,
                &cum_titles,
            ));
            h.append(svg::period_axis(axis, labels));
        });
        h.nl();
        if pf.budgets.is_empty() {
            note(h, "The portfolio sets no budget.");
            return;
        }
        h.leaf("h3", &[], "Every budget limit");
        h.el("table", &[("class", &"data budgets")], |h| {
            h.el("thead", &[], |h| {
                h.el("tr", &[], |h| {
                    for c in ["limit", "used", "minimum", "maximum", "use", ""] {
                        th(h, c);
                    }
                })
            });
            h.el("tbody", &[], |h| {
                for b in &pf.budgets {
                    let used = match &b.scope {
                        BudgetScope::Total => sel.iter().map(|&p| pf.projects[p].cost).sum(),
                        BudgetScope::Category(c) => sel
                            .iter()
                            .filter(|&&p| pf.projects[p].category.as_deref() == Some(c))
                            .map(|&p| pf.projects[p].cost)
                            .sum(),
                        BudgetScope::Periods(a, z) => range_spend(*a, *z),
                    };
                    let over = b.max.is_some_and(|m| exceeds(used, m));
                    let under = b.min.is_some_and(|m| exceeds(m, used));
                    let class = if over || under { "bad" } else { "" };
                    h.el("tr", &[("class", &class)], |h| {
                        h.leaf("td", &[], &describe_budget(pf, b));
                        h.leaf("td", &[("class", &"num")], &amount(used));
                        h.leaf(
                            "td",
                            &[("class", &"num")],
                            &b.min.map(amount).unwrap_or_default(),
                        );
                        h.leaf(
                            "td",
                            &[("class", &"num")],
                            &b.max.map(amount).unwrap_or_default(),
                        );
                        h.leaf(
                            "td",
                            &[("class", &"num")],
                            &b.max
                                .filter(|m| *m > 0.0)
                                .map(|m| pct(used / m))
                                .unwrap_or_default(),
                        );
                        h.leaf(
                            "td",
                            &[],
                            if over {
                                "over the maximum"
                            } else if under {
                                "under the minimum"
                            } else {
                                ""
                            },
                        );
                    });
                    h.nl();
                }
            });
        });
        h.nl();
    });
}

// ---------------------------------------------------------------------------------
// Left out

/// A short kind for a left-out reason (the reason's own words say the rest).
pub fn reason_kind(reason: &str) -> &'static str {
    let r = reason.trim_start();
    if r.starts_with("excluded by") {
        "excluded"
    } else if r.starts_with("blocked by a dependency") {
        "dependency"
    } else if r.starts_with("out of its window") {
        "window"
    } else if let Some(rest) = r.strip_prefix("binding:") {
        match (rest.contains("budget"), rest.contains("skill")) {
            (true, true) => "budget + skills",
            (true, false) => "budget",
            (false, true) => "skills",
            (false, false) => "binding",
        }
    } else if r.starts_with("fits at") {
        "choice"
    } else if r.starts_with("no value") {
        "no value"
    } else if r.is_empty() {
        ""
    } else {
        "other"
    }
}

fn left_out(h: &mut Html, r: &ReportInput) {
    let pf = r.portfolio;
    let mut rows: Vec<usize> = r
        .data
        .plan
        .iter()
        .filter(|row| row.start.is_none())
        .map(|row| row.project)
        .collect();
    rows.sort_by(|&a, &b| {
        pf.projects[b]
            .value
            .total_cmp(&pf.projects[a].value)
            .then(a.cmp(&b))
    });
    section(h, "left-out", "Left out", |h| {
        if rows.is_empty() {
            note(h, "Every project requested is selected.");
            return;
        }
        let value: f64 = rows.iter().map(|&p| pf.projects[p].value).sum();
        let cost: f64 = rows.iter().map(|&p| pf.projects[p].cost).sum();
        note(
            h,
            &format!(
                "{} project{} not selected, worth {} for a cost of {}, by value. The reason \
                 is the binding rule at the project's best start.",
                rows.len(),
                if rows.len() == 1 { "" } else { "s" },
                amount(value),
                amount(cost)
            ),
        );
        let (first, rest) = rows.split_at(rows.len().min(LEFT_OUT_OPEN));
        left_out_table(h, r, first);
        if !rest.is_empty() {
            h.el("details", &[("class", &"more")], |h| {
                h.leaf(
                    "summary",
                    &[],
                    &format!(
                        "The other {} projects left out, by value (worth {})",
                        rest.len(),
                        amount(rest.iter().map(|&p| pf.projects[p].value).sum())
                    ),
                );
                left_out_table(h, r, rest);
            });
            h.nl();
        }
    });
}

/// Rows shown before the rest of the left-out table is folded.
pub const LEFT_OUT_OPEN: usize = 100;

fn left_out_table(h: &mut Html, r: &ReportInput, rows: &[usize]) {
    let pf = r.portfolio;
    h.el("table", &[("class", &"data left-out-table")], |h| {
        h.el("colgroup", &[], |h| {
            for c in [
                "c-id", "c-name", "c-cat", "c-num", "c-num", "c-why", "c-reason",
            ] {
                h.empty("col", &[("class", &c)]);
            }
        });
        h.el("thead", &[], |h| {
            h.el("tr", &[], |h| {
                for c in [
                    "project", "name", "category", "value", "cost", "why", "reason",
                ] {
                    th(h, c);
                }
            })
        });
        h.nl();
        h.el("tbody", &[], |h| {
            for &p in rows {
                let pr = &pf.projects[p];
                let reason = &r.data.plan[p].reason;
                let kind = reason_kind(reason);
                let class = if pr.mandatory {
                    "left-out mandatory-missing"
                } else {
                    "left-out"
                };
                h.el("tr", &[("class", &class), ("data-project", &pr.id)], |h| {
                    h.leaf("td", &[("class", &"pid")], &pr.id);
                    h.el("td", &[], |h| {
                        h.text(&pr.name);
                        if pr.mandatory {
                            h.leaf("span", &[("class", &"badge bad")], "mandatory");
                        }
                    });
                    h.leaf("td", &[], pr.category.as_deref().unwrap_or(""));
                    h.leaf("td", &[("class", &"num")], &amount(pr.value));
                    h.leaf("td", &[("class", &"num")], &amount(pr.cost));
                    h.el("td", &[], |h| {
                        if !kind.is_empty() {
                            let class = format!("badge k-{}", kind.replace([' ', '+'], ""));
                            h.leaf("span", &[("class", &class)], kind);
                        }
                    });
                    h.leaf("td", &[("class", &"reason")], reason);
                });
                h.nl();
            }
        });
    });
    h.nl();
}

// ---------------------------------------------------------------------------------
// Scenarios, frontier, replan (when the out folder holds their files)

fn opt_amount(x: Option<f64>) -> String {
    x.map(amount).unwrap_or_else(|| "–".into())
}

/// Ids as `+A +B …` (at most `max`, then `+n more`).
fn id_list(h: &mut Html, sign: &str, ids: &[String], max: usize) {
    if ids.is_empty() {
        return;
    }
    let class = if sign == "+" { "ids in" } else { "ids out" };
    h.el(
        "span",
        &[("class", &class), ("title", &ids.join(", "))],
        |h| {
            for (i, id) in ids.iter().take(max).enumerate() {
                if i > 0 {
                    h.text(" ");
                }
                h.leaf("span", &[("class", &"id")], &format!("{sign}{id}"));
            }
            if ids.len() > max {
                h.textf(format_args!(" (+{} more)", ids.len() - max));
            }
        },
    );
}

fn load_error(h: &mut Html, e: &str) {
    h.leaf("p", &[("class", &"note bad")], &format!("Not shown: {e}"));
    h.nl();
}

fn scenarios(h: &mut Html, s: &extras::Loaded<extras::ScenarioRow>) {
    section(h, "scenarios", "Scenarios", |h| {
        let rows = match s {
            Ok(rows) => rows,
            Err(e) => return load_error(h, e),
        };
        note(
            h,
            "From scenarios.csv in the out folder (pmo scenarios): each scenario planned \
             like the portfolio, compared with the baseline.",
        );
        let best = rows.iter().filter_map(|s| s.objective).fold(0.0, f64::max);
        let skills: Vec<String> = rows
            .first()
            .map(|s| s.peaks.iter().map(|(k, _)| k.clone()).collect())
            .unwrap_or_default();
        h.el("div", &[("class", &"scroll")], |h| {
            h.el("table", &[("class", &"data scen")], |h| {
                h.el("thead", &[], |h| {
                    if !skills.is_empty() {
                        h.el("tr", &[("class", &"group-head")], |h| {
                            h.el("th", &[("colspan", &9)], |_| {});
                            h.leaf(
                                "th",
                                &[("colspan", &skills.len()), ("class", &"peak-head")],
                                "peak utilisation",
                            );
                        });
                    }
                    h.el("tr", &[], |h| {
                        for c in [
                            "scenario",
                            "status",
                            "objective",
                            "Δ objective",
                            "selected",
                            "value",
                            "cost",
                            "budget use",
                            "projects in / out",
                        ] {
                            th(h, c);
                        }
                        for k in &skills {
                            h.leaf("th", &[("class", &"num peak-col")], &svg::clip(k, 14));
                        }
                    })
                });
                h.nl();
                h.el("tbody", &[], |h| {
                    for s in rows {
                        let class = if s.scenario.eq_ignore_ascii_case("baseline") {
                            "scenario baseline"
                        } else {
                            "scenario"
                        };
                        h.el(
                            "tr",
                            &[("class", &class), ("data-scenario", &s.scenario)],
                            |h| {
                                h.leaf("td", &[("class", &"pid")], &s.scenario);
                                h.el("td", &[], |h| {
                                    h.leaf(
                                        "span",
                                        &[("class", &status_class(&s.status))],
                                        &s.status,
                                    )
                                });
                                h.el("td", &[("class", &"num")], |h| {
                                    h.text(&opt_amount(s.objective));
                                    if let Some(o) = s.objective {
                                        h.text(" ");
                                        gauge_small(h, if best > 0.0 { o / best } else { 0.0 });
                                    }
                                });
                                let dclass = match s.delta {
                                    Some(d) if d < 0.0 => "num neg",
                                    Some(d) if d > 0.0 => "num pos",
                                    _ => "num",
                                };
                                h.leaf(
                                    "td",
                                    &[("class", &dclass)],
                                    &s.delta.map(signed).unwrap_or_default(),
                                );
                                h.leaf("td", &[("class", &"num")], &opt_amount(s.selected));
                                h.leaf("td", &[("class", &"num")], &opt_amount(s.value));
                                h.leaf("td", &[("class", &"num")], &opt_amount(s.cost));
                                h.leaf(
                                    "td",
                                    &[("class", &"num")],
                                    &s.budget_use.map(pct).unwrap_or_default(),
                                );
                                h.el("td", &[("class", &"inout")], |h| {
                                    id_list(h, "+", &s.entered, 8);
                                    h.text(" ");
                                    id_list(h, "−", &s.left, 8);
                                });
                                for (_, v) in &s.peaks {
                                    let over = v.is_some_and(|v| v > 1.0 + 1e-6);
                                    h.leaf(
                                        "td",
                                        &[("class", &if over { "num bad" } else { "num" })],
                                        &v.map(pct).unwrap_or_default(),
                                    );
                                }
                            },
                        );
                        h.nl();
                    }
                });
            });
        });
        h.nl();
    });
}

fn gauge_small(h: &mut Html, ratio: f64) {
    let f = ratio.clamp(0.0, 1.0);
    h.el(
        "svg",
        &[
            ("class", &"gauge mini"),
            ("width", &60),
            ("height", &6),
            ("viewBox", &"0 0 60 6"),
        ],
        |h| {
            h.empty(
                "rect",
                &[("class", &"g-bg"), ("width", &60), ("height", &6)],
            );
            h.empty(
                "rect",
                &[
                    ("class", &"g-fill"),
                    ("width", &N(60.0 * f)),
                    ("height", &6),
                ],
            );
        },
    );
}

/// The label of a frontier point: the projects that enter (a few ids, or a count).
fn frontier_label(entered: &[String]) -> String {
    match entered.len() {
        0 => String::new(),
        1..=3 => entered
            .iter()
            .map(|i| format!("+{}", svg::clip(i, 12)))
            .collect::<Vec<_>>()
            .join(" "),
        n => format!("+{n} projects"),
    }
}

fn frontier(h: &mut Html, f: &extras::Loaded<extras::FrontierRow>) {
    section(h, "frontier", "Budget frontier", |h| {
        let rows = match f {
            Ok(rows) => rows,
            Err(e) => return load_error(h, e),
        };
        note(
            h,
            "From frontier.csv in the out folder (pmo frontier): the best objective at \
             each total budget; labels name the projects that enter at that budget, a cross \
             on the axis marks a budget without a plan.",
        );
        let points: Vec<FrontierPoint> = rows
            .iter()
            .map(|p| {
                let mut title = format!(
                    "budget {}: {} · objective {}",
                    amount(p.budget),
                    p.status,
                    opt_amount(p.objective)
                );
                if let Some(c) = p.cost {
                    title.push_str(&format!(" · cost {}", amount(c)));
                }
                if !p.entered.is_empty() {
                    title.push_str(&format!("\nenter: {}", p.entered.join(", ")));
                }
                if !p.left.is_empty() {
                    title.push_str(&format!("\nleave: {}", p.left.join(", ")));
                }
                FrontierPoint {
                    budget: p.budget,
                    objective: p.objective,
                    label: frontier_label(&p.entered),
                    title,
                }
            })
            .collect();
        h.el("div", &[("class", &"chart")], |h| {
            h.append(svg::frontier_chart(&points));
        });
        h.nl();
        h.el("details", &[("class", &"points")], |h| {
            h.leaf("summary", &[], &format!("The {} points", rows.len()));
            h.el("table", &[("class", &"data")], |h| {
                h.el("thead", &[], |h| {
                    h.el("tr", &[], |h| {
                        for c in [
                            "budget",
                            "status",
                            "objective",
                            "selected",
                            "cost",
                            "enter / leave",
                        ] {
                            th(h, c);
                        }
                    })
                });
                h.el("tbody", &[], |h| {
                    for p in rows {
                        h.el("tr", &[("class", &"fpoint")], |h| {
                            h.leaf("td", &[("class", &"num")], &amount(p.budget));
                            h.el("td", &[], |h| {
                                h.leaf("span", &[("class", &status_class(&p.status))], &p.status)
                            });
                            h.leaf("td", &[("class", &"num")], &opt_amount(p.objective));
                            h.leaf("td", &[("class", &"num")], &opt_amount(p.selected));
                            h.leaf("td", &[("class", &"num")], &opt_amount(p.cost));
                            h.el("td", &[("class", &"inout")], |h| {
                                id_list(h, "+", &p.entered, 8);
                                h.text(" ");
                                id_list(h, "−", &p.left, 8);
                            });
                        });
                        h.nl();
                    }
                });
            });
        });
        h.nl();
    });
}

fn replan(h: &mut Html, r: &ReportInput) {
    let pf = r.portfolio;
    let name_of = |id: &str| {
        pf.project_index(id)
            .map(|p| pf.projects[p].name.clone())
            .unwrap_or_default()
    };
    section(h, "replan", "Replan: changes and alerts", |h| {
        if let Some(alerts) = &r.extras.alerts {
            h.leaf("h3", &[], "Alerts");
            match alerts {
                Err(e) => load_error(h, e),
                Ok(rows) if rows.is_empty() => note(h, "No alert."),
                Ok(rows) => {
                    h.el("table", &[("class", &"data alerts")], |h| {
                        h.el("thead", &[], |h| {
                            h.el("tr", &[], |h| {
                                for c in
                                    ["alert", "project", "skill", "period", "amount", "message"]
                                {
                                    th(h, c);
                                }
                            })
                        });
                        h.el("tbody", &[], |h| {
                            for a in rows {
                                h.el(
                                    "tr",
                                    &[("class", &"alert"), ("data-alert", &a.alert)],
                                    |h| {
                                        h.el("td", &[], |h| {
                                            h.leaf("span", &[("class", &"badge bad")], &a.alert)
                                        });
                                        h.leaf("td", &[("class", &"pid")], &a.project);
                                        h.leaf("td", &[], &a.skill);
                                        h.leaf("td", &[], &a.period);
                                        h.leaf("td", &[("class", &"num")], &a.amount);
                                        h.leaf("td", &[], &a.message);
                                    },
                                );
                                h.nl();
                            }
                        });
                    });
                    h.nl();
                }
            }
        }
        if let Some(changes) = &r.extras.changes {
            h.leaf("h3", &[], "Change log");
            match changes {
                Err(e) => load_error(h, e),
                Ok(rows) if rows.is_empty() => note(h, "No change: the plan is the previous one."),
                Ok(rows) => {
                    h.el("table", &[("class", &"data changes")], |h| {
                        h.el("thead", &[], |h| {
                            h.el("tr", &[], |h| {
                                for c in ["project", "name", "change", "start", "finish", "reason"]
                                {
                                    th(h, c);
                                }
                            })
                        });
                        h.el("tbody", &[], |h| {
                            for c in rows {
                                h.el(
                                    "tr",
                                    &[("class", &"change"), ("data-change", &c.change)],
                                    |h| {
                                        h.leaf("td", &[("class", &"pid")], &c.project);
                                        h.leaf("td", &[], &name_of(&c.project));
                                        h.el("td", &[], |h| {
                                            let class = format!(
                                                "badge ch-{}",
                                                c.change.to_lowercase().replace([' ', '_'], "-")
                                            );
                                            h.leaf("span", &[("class", &class)], &c.change)
                                        });
                                        h.leaf("td", &[], &arrow_text(&c.from_start, &c.to_start));
                                        h.leaf(
                                            "td",
                                            &[],
                                            &arrow_text(&c.from_finish, &c.to_finish),
                                        );
                                        h.leaf("td", &[("class", &"reason")], &c.reason);
                                    },
                                );
                                h.nl();
                            }
                        });
                    });
                    h.nl();
                }
            }
        }
    });
}

fn arrow_text(from: &str, to: &str) -> String {
    match (from.is_empty(), to.is_empty()) {
        (true, true) => String::new(),
        _ if from == to => from.to_string(),
        (false, false) => format!("{from} → {to}"),
        (true, false) => format!("→ {to}"),
        (false, true) => format!("{from} → –"),
    }
}

fn footer(h: &mut Html, r: &ReportInput) {
    h.el("footer", &[], |h| {
        h.textf(format_args!(
            "pmo {} · portfolio {} · plan from {}. Figures are those of plan.csv, load.csv \
             and spend.csv; the same inputs give the same page except its \"Generated\" line.",
            env!("CARGO_PKG_VERSION"),
            r.folder,
            r.run.source
        ));
    });
    h.nl();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reason_kinds() {
        assert_eq!(reason_kind("excluded by IT-09 (selected)"), "excluded");
        assert_eq!(
            reason_kind("blocked by a dependency: needs IT-01 (not selected)"),
            "dependency"
        );
        assert_eq!(reason_kind("out of its window: …"), "window");
        assert_eq!(
            reason_kind("binding: total budget (settings.csv budget) (over by 440) (at its best start 2027-09)"),
            "budget"
        );
        assert_eq!(
            reason_kind("binding: skill BA in 2027-08 (at its best start 2027-07)"),
            "skills"
        );
        assert_eq!(
            reason_kind("binding: total budget (x) (over by 1); skill BA in 2027-08 (at its best start 2027-07)"),
            "budget + skills"
        );
        assert_eq!(reason_kind("fits at 2027-03 but a better use…"), "choice");
        assert_eq!(reason_kind(""), "");
    }

    #[test]
    fn frontier_labels() {
        assert_eq!(frontier_label(&[]), "");
        assert_eq!(frontier_label(&["A".into(), "B".into()]), "+A +B");
        assert_eq!(
            frontier_label(&["A".into(), "B".into(), "C".into(), "D".into()]),
            "+4 projects"
        );
    }

    #[test]
    fn run_info_from_summary_only_when_it_describes_the_plan() {
        let s = r#"{"status":"optimal","objective":100.0,"bound":100.0,"gap":0.0,"solver":"highs","solve_time_s":1.5}"#;
        let r = RunInfo::from_summary(s, "out/plan.csv", 100.0).unwrap();
        assert_eq!(r.status, "optimal");
        assert_eq!(r.seconds, Some(1.5));
        assert!(RunInfo::from_summary(s, "out/plan.csv", 90.0).is_none());
        assert!(RunInfo::from_summary("not json", "x", 100.0).is_none());
        assert_eq!(RunInfo::from_file("x", 1.0, 2).status, "infeasible");
        assert_eq!(RunInfo::from_file("x", 1.0, 0).status, "checked");
    }
}
