//! Workbooks written with rust_xlsxwriter:
//! - [`plan_xlsx`]: `OUT/plan.xlsx`, the plan for people who live in Excel. Sheets
//!   Summary, Plan, Roadmap, Capacity, Spend and Left out; every figure comes from the
//!   [`PlanReport`] that the CSV writers print (one computation, two writers), numbers
//!   are written rounded to 6 decimals like the CSV files, so a figure read back equals
//!   the CSV's. The file is deterministic (fixed document date): reruns give the same
//!   bytes.
//! - [`portfolio_workbook`]: a portfolio's tables as a workbook (`pmo convert DIR -o
//!   portfolio.xlsx`): one sheet per file, each row on the sheet row of its file line,
//!   numbers and booleans typed (in the columns the loader reads as such), everything
//!   else as text, so that the workbook loads to the same model.

use super::csvread::{CellValue, CsvTable};
use super::portfolio::PortfolioTables;
use super::workbook::{cell_kind, criteria_columns, typed_value, ColumnKind};
use super::writers::PlanReport;
use crate::model::{Objective, Plan, Portfolio};
use crate::solve::Solution;
use rust_xlsxwriter::{
    Chart, ChartType, Color, ConditionalFormat3ColorScale, ConditionalFormatCell,
    ConditionalFormatCellRule, ConditionalFormatType, DocProperties, ExcelDateTime, Format,
    FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

/// Rounded like the CSV writers (6 decimals, no `-0`).
fn round6(x: f64) -> f64 {
    let r = (x * 1e6).round() / 1e6;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

/// A new workbook whose document date is fixed, so that its bytes do not depend on when
/// it was written.
fn new_workbook() -> Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    let date = ExcelDateTime::from_ymd(2000, 1, 1)?;
    book.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&date)
            .set_author("pmo"),
    );
    Ok(book)
}

fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xD9E1F2))
        .set_border_bottom(FormatBorder::Thin)
}

/// Category colours (a colour-blind-friendly palette), cycled.
const PALETTE: [u32; 10] = [
    0x4E79A7, 0xF28E2B, 0x59A14F, 0xE15759, 0x76B7B2, 0xEDC948, 0xB07AA1, 0xFF9DA7, 0x9C755F,
    0xBAB0AC,
];

fn col(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

fn row(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

// ---------------------------------------------------------------------------------------
// plan.xlsx

/// plan.xlsx of a checked plan (see the module documentation). `time_limit` and
/// `mip_gap` are the limits in effect, as in summary.json.
pub fn plan_xlsx(
    portfolio: &Portfolio,
    solution: &Solution,
    plan: &Plan,
    report: &PlanReport,
    time_limit: f64,
    mip_gap: f64,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = new_workbook()?;
    summary_sheet(
        book.add_worksheet(),
        portfolio,
        solution,
        plan,
        report,
        (time_limit, mip_gap),
    )?;
    plan_sheet(book.add_worksheet(), portfolio, report)?;
    roadmap_sheet(book.add_worksheet(), portfolio, report)?;
    capacity_sheet(book.add_worksheet(), portfolio, report)?;
    spend_sheet(book.add_worksheet(), portfolio, report)?;
    left_out_sheet(book.add_worksheet(), portfolio, report)?;
    book.save_to_buffer()
}

/// The KPIs of the printed summary and of summary.json, one per row.
fn summary_sheet(
    ws: &mut Worksheet,
    portfolio: &Portfolio,
    solution: &Solution,
    plan: &Plan,
    report: &PlanReport,
    limits: (f64, f64),
) -> Result<(), XlsxError> {
    ws.set_name("Summary")?;
    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(14);
    let pct = Format::new().set_num_format("0.00%");
    let h = &portfolio.horizon;
    let selected: Vec<usize> = (0..portfolio.projects.len())
        .filter(|&p| plan.is_selected(p))
        .collect();
    let sum = |it: &mut dyn Iterator<Item = f64>| round6(it.sum());
    enum V {
        Text(String),
        Num(Option<f64>),
        Pct(Option<f64>),
    }
    let mut rows: Vec<(&str, V)> = vec![
        ("portfolio", V::Text(portfolio.name.clone())),
        (
            "horizon",
            V::Text(format!(
                "{}..{} ({} periods)",
                h.label(0),
                h.label(portfolio.periods() - 1),
                portfolio.periods()
            )),
        ),
        ("status", V::Text(solution.status.as_str().to_string())),
        (
            "objective kind",
            V::Text(
                match portfolio.settings.objective {
                    Objective::Value => "value",
                    Objective::Makespan => "makespan",
                }
                .to_string(),
            ),
        ),
        ("objective", V::Num(solution.objective.map(round6))),
        ("bound", V::Num(solution.bound.map(round6))),
        ("gap", V::Pct(solution.gap.map(round6))),
        ("solver", V::Text(solution.solver.clone())),
        (
            "heuristic objective",
            V::Num(solution.heuristic_objective.map(round6)),
        ),
        ("projects", V::Num(Some(portfolio.projects.len() as f64))),
        ("selected", V::Num(Some(selected.len() as f64))),
        (
            "left out",
            V::Num(Some((portfolio.projects.len() - selected.len()) as f64)),
        ),
        (
            "mandatory",
            V::Num(Some(
                portfolio.projects.iter().filter(|p| p.mandatory).count() as f64,
            )),
        ),
        (
            "value selected",
            V::Num(Some(sum(&mut selected
                .iter()
                .map(|&p| portfolio.projects[p].value)))),
        ),
        (
            "value requested",
            V::Num(Some(sum(&mut portfolio.projects.iter().map(|p| p.value)))),
        ),
        (
            "cost selected",
            V::Num(Some(sum(&mut selected
                .iter()
                .map(|&p| portfolio.projects[p].cost)))),
        ),
        (
            "cost requested",
            V::Num(Some(sum(&mut portfolio.projects.iter().map(|p| p.cost)))),
        ),
        ("total budget", V::Num(report.total_budget)),
        ("time limit (s)", V::Num(Some(limits.0))),
        ("mip gap", V::Num(Some(limits.1))),
    ];
    for (k, skill) in portfolio.skills.iter().enumerate() {
        let best = report.load.iter().filter(|l| l.skill == k).max_by(|a, b| {
            a.utilisation
                .total_cmp(&b.utilisation)
                .then(b.period.cmp(&a.period))
        });
        if let Some(l) = best.filter(|l| l.utilisation.is_finite()) {
            rows.push((
                "peak utilisation",
                V::Text(format!(
                    "{skill} {:.0}% ({})",
                    l.utilisation * 100.0,
                    h.label(l.period)
                )),
            ));
        }
    }
    ws.write_string_with_format(0, 0, format!("pmo plan: {}", portfolio.name), &title)?;
    ws.write_string_with_format(2, 0, "figure", &header_format())?;
    ws.write_string_with_format(2, 1, "value", &header_format())?;
    for (i, (label, v)) in rows.iter().enumerate() {
        let r = row(i + 3);
        ws.write_string_with_format(r, 0, *label, &bold)?;
        match v {
            V::Text(s) => {
                ws.write_string(r, 1, s)?;
            }
            V::Num(Some(x)) => {
                ws.write_number(r, 1, *x)?;
            }
            V::Pct(Some(x)) => {
                ws.write_number_with_format(r, 1, *x, &pct)?;
            }
            V::Num(None) | V::Pct(None) => {}
        }
    }
    ws.set_column_width(0, 22)?;
    ws.set_column_width(1, 44)?;
    Ok(())
}

/// plan.csv's columns and rows: numbers as numbers, booleans as booleans, periods as
/// their labels; autofilter and frozen header.
fn plan_sheet(
    ws: &mut Worksheet,
    portfolio: &Portfolio,
    report: &PlanReport,
) -> Result<(), XlsxError> {
    ws.set_name("Plan")?;
    let h = &portfolio.horizon;
    let headers = [
        "project",
        "name",
        "selected",
        "start",
        "finish",
        "value",
        "benefit",
        "cost",
        "category",
        "mandatory",
        "contribution",
        "reason",
    ];
    for (c, name) in headers.iter().enumerate() {
        ws.write_string_with_format(0, col(c), *name, &header_format())?;
    }
    for (i, r) in report.plan.iter().enumerate() {
        let p = &portfolio.projects[r.project];
        let at = row(i + 1);
        ws.write_string(at, 0, &p.id)?;
        ws.write_string(at, 1, &p.name)?;
        ws.write_boolean(at, 2, r.start.is_some())?;
        if let Some(s) = r.start {
            ws.write_string(at, 3, h.label(s))?;
        }
        if let Some(f) = r.finish {
            ws.write_string(at, 4, h.label(f))?;
        }
        ws.write_number(at, 5, round6(p.value))?;
        ws.write_number(at, 6, round6(p.benefit))?;
        ws.write_number(at, 7, round6(p.cost))?;
        if let Some(c) = &p.category {
            ws.write_string(at, 8, c)?;
        }
        ws.write_boolean(at, 9, p.mandatory)?;
        ws.write_number(at, 10, round6(r.contribution))?;
        if !r.reason.is_empty() {
            ws.write_string(at, 11, &r.reason)?;
        }
    }
    let last = row(report.plan.len());
    ws.autofilter(0, 0, last.max(1), col(headers.len() - 1))?;
    ws.set_freeze_panes(1, 0)?;
    for (c, w) in [12, 34, 9, 9, 9, 9, 9, 9, 14, 11, 12, 80]
        .iter()
        .enumerate()
    {
        ws.set_column_width(col(c), *w)?;
    }
    Ok(())
}

/// The categories of the selected projects, in order of first appearance; `None` for
/// projects without one.
fn categories(portfolio: &Portfolio, report: &PlanReport) -> Vec<Option<String>> {
    let mut out: Vec<Option<String>> = Vec::new();
    for r in report.plan.iter().filter(|r| r.start.is_some()) {
        let c = portfolio.projects[r.project].category.clone();
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// One row per selected project, grouped by category, one column per period: the run
/// filled in the category's colour; ● marks a mandatory project, ◆ its deadline (when
/// it is before the horizon's end).
fn roadmap_sheet(
    ws: &mut Worksheet,
    portfolio: &Portfolio,
    report: &PlanReport,
) -> Result<(), XlsxError> {
    ws.set_name("Roadmap")?;
    let h = &portfolio.horizon;
    let n = portfolio.periods();
    let last = n - 1;
    const FIRST: usize = 5; // first period column
    let title = Format::new().set_bold().set_font_size(14);
    let note = Format::new()
        .set_italic()
        .set_font_color(Color::RGB(0x595959));
    ws.write_string_with_format(
        0,
        0,
        format!(
            "Roadmap: {} ({}..{})",
            portfolio.name,
            h.label(0),
            h.label(last)
        ),
        &title,
    )?;
    ws.write_string_with_format(
        1,
        0,
        "Each bar is a selected project's run, in its category's colour. ● mandatory · ◆ deadline (the last period it may finish in)",
        &note,
    )?;
    let head = header_format();
    let head_centre = header_format().set_align(FormatAlign::Center);
    for (c, name) in ["project", "name", "", "start", "finish"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(3, col(c), *name, &head)?;
    }
    for t in 0..n {
        ws.write_string_with_format(3, col(FIRST + t), h.label(t), &head_centre)?;
    }
    let mut at = 4usize;
    for (k, category) in categories(portfolio, report).iter().enumerate() {
        let colour = Color::RGB(PALETTE[k % PALETTE.len()]);
        let group = Format::new()
            .set_bold()
            .set_font_color(Color::White)
            .set_background_color(colour);
        let name = category.as_deref().unwrap_or("(no category)");
        ws.write_string_with_format(row(at), 0, name, &group)?;
        for c in 1..FIRST + n {
            ws.write_blank(row(at), col(c), &group)?;
        }
        at += 1;
        let mut rows: Vec<_> = report
            .plan
            .iter()
            .filter(|r| r.start.is_some() && &portfolio.projects[r.project].category == category)
            .collect();
        rows.sort_by_key(|r| (r.start, r.project));
        // A thin white rule between rows keeps the bars of a category apart.
        let bar = Format::new()
            .set_background_color(colour)
            .set_font_color(Color::White)
            .set_bold()
            .set_align(FormatAlign::Center)
            .set_border_top(FormatBorder::Thin)
            .set_border_top_color(Color::White)
            .set_border_bottom(FormatBorder::Thin)
            .set_border_bottom_color(Color::White);
        let mark = Format::new()
            .set_font_color(Color::RGB(0xC00000))
            .set_bold()
            .set_align(FormatAlign::Center);
        let mandatory = Format::new().set_bold();
        for r in rows {
            let p = &portfolio.projects[r.project];
            let (s, f) = (r.start.unwrap_or(0), r.finish.unwrap_or(0));
            let y = row(at);
            ws.write_string(y, 0, &p.id)?;
            if p.mandatory {
                ws.write_string_with_format(y, 1, &p.name, &mandatory)?;
                ws.write_string_with_format(y, 2, "●", &mark)?;
            } else {
                ws.write_string(y, 1, &p.name)?;
            }
            ws.write_string(y, 3, h.label(s))?;
            ws.write_string(y, 4, h.label(f))?;
            for t in s..=f.min(last) {
                ws.write_blank(y, col(FIRST + t), &bar)?;
            }
            if p.deadline < last {
                let d = p.deadline;
                let in_bar = (s..=f).contains(&d);
                let fmt = if in_bar {
                    bar.clone()
                        .set_border_right(FormatBorder::Thick)
                        .set_border_right_color(Color::RGB(0xC00000))
                } else {
                    mark.clone()
                        .set_border_right(FormatBorder::Thick)
                        .set_border_right_color(Color::RGB(0xC00000))
                };
                ws.write_string_with_format(y, col(FIRST + d), "◆", &fmt)?;
            }
            at += 1;
        }
    }
    ws.set_column_width(0, 10)?;
    ws.set_column_width(1, 34)?;
    ws.set_column_width(2, 3)?;
    ws.set_column_width(3, 8)?;
    ws.set_column_width(4, 8)?;
    for t in 0..n {
        ws.set_column_width(col(FIRST + t), 8)?;
    }
    ws.set_freeze_panes(4, col(FIRST))?;
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// Skill × period grids: utilisation (colour scale, over-allocation in red), then
/// load.csv's demand, capacity, base capacity and people's time.
fn capacity_sheet(
    ws: &mut Worksheet,
    portfolio: &Portfolio,
    report: &PlanReport,
) -> Result<(), XlsxError> {
    ws.set_name("Capacity")?;
    let h = &portfolio.horizon;
    let n = portfolio.periods();
    let skills = portfolio.skills.len();
    let title = Format::new().set_bold().set_font_size(12);
    let pct = Format::new().set_num_format("0%");
    let over = Format::new()
        .set_bold()
        .set_font_color(Color::White)
        .set_background_color(Color::RGB(0xC00000))
        .set_num_format("0%");
    type Figure = fn(&super::writers::LoadRow) -> f64;
    let grids: [(&str, Figure); 5] = [
        ("Utilisation (demand ÷ capacity)", |l| l.utilisation),
        ("Demand (person-days)", |l| l.demand),
        ("Capacity (capacity.csv + people with the skill)", |l| {
            l.capacity
        }),
        ("Base capacity (capacity.csv)", |l| l.base_capacity),
        ("People's time given to the skill", |l| l.people_assigned),
    ];
    let mut top = 0usize;
    for (g, (name, value)) in grids.iter().enumerate() {
        ws.write_string_with_format(row(top), 0, *name, &title)?;
        ws.write_string_with_format(row(top + 1), 0, "skill", &header_format())?;
        for t in 0..n {
            ws.write_string_with_format(row(top + 1), col(t + 1), h.label(t), &header_format())?;
        }
        for l in &report.load {
            let (y, x) = (row(top + 2 + l.skill), col(l.period + 1));
            if l.period == 0 {
                ws.write_string(y, 0, &portfolio.skills[l.skill])?;
            }
            let v = value(l);
            if g == 0 {
                if v.is_finite() {
                    ws.write_number_with_format(y, x, round6(v), &pct)?;
                } else {
                    ws.write_string_with_format(y, x, "inf", &over)?;
                }
            } else {
                ws.write_number(y, x, round6(v))?;
            }
        }
        if g == 0 && skills > 0 {
            let (r0, r1) = (row(top + 2), row(top + 1 + skills));
            let over_rule = ConditionalFormatCell::new()
                .set_rule(ConditionalFormatCellRule::GreaterThan(1.000001))
                .set_format(&over)
                .set_stop_if_true(true);
            ws.add_conditional_format(r0, 1, r1, col(n), &over_rule)?;
            let scale = ConditionalFormat3ColorScale::new()
                .set_minimum(ConditionalFormatType::Number, 0)
                .set_midpoint(ConditionalFormatType::Number, 0.75)
                .set_maximum(ConditionalFormatType::Number, 1)
                .set_minimum_color(Color::RGB(0xFFFFFF))
                .set_midpoint_color(Color::RGB(0xFFEB84))
                .set_maximum_color(Color::RGB(0xF4A460));
            ws.add_conditional_format(r0, 1, r1, col(n), &scale)?;
        }
        top += skills + 3;
    }
    ws.set_column_width(0, 14)?;
    for t in 0..n {
        ws.set_column_width(col(t + 1), 9)?;
    }
    ws.set_freeze_panes(0, 1)?;
    Ok(())
}

/// spend.csv's rows (spend per period against its limit, cumulative against the
/// total), a spend above its limit in red, and two charts.
fn spend_sheet(
    ws: &mut Worksheet,
    portfolio: &Portfolio,
    report: &PlanReport,
) -> Result<(), XlsxError> {
    ws.set_name("Spend")?;
    let h = &portfolio.horizon;
    let headers = [
        "period",
        "spend",
        "budget_limit",
        "budget_min",
        "cumulative",
        "total_budget",
        "envelope",
        "envelope_spend",
        "envelope_limit",
    ];
    for (c, name) in headers.iter().enumerate() {
        ws.write_string_with_format(0, col(c), *name, &header_format())?;
    }
    let red = Format::new()
        .set_bold()
        .set_font_color(Color::White)
        .set_background_color(Color::RGB(0xC00000));
    let tol = |x: f64, limit: f64| x > limit + 1e-6 * x.abs().max(limit.abs()).max(1.0);
    for (i, r) in report.spend.iter().enumerate() {
        let y = row(i + 1);
        ws.write_string(y, 0, h.label(r.period))?;
        if r.limit.is_some_and(|l| tol(r.spend, l)) {
            ws.write_number_with_format(y, 1, round6(r.spend), &red)?;
        } else {
            ws.write_number(y, 1, round6(r.spend))?;
        }
        let opt = |ws: &mut Worksheet, c: u16, x: Option<f64>| -> Result<(), XlsxError> {
            if let Some(x) = x {
                ws.write_number(y, c, round6(x))?;
            }
            Ok(())
        };
        opt(ws, 2, r.limit)?;
        opt(ws, 3, r.min)?;
        if report.total_budget.is_some_and(|b| tol(r.cumulative, b)) {
            ws.write_number_with_format(y, 4, round6(r.cumulative), &red)?;
        } else {
            ws.write_number(y, 4, round6(r.cumulative))?;
        }
        opt(ws, 5, report.total_budget)?;
        if let Some((a, z)) = r.envelope {
            ws.write_string(y, 6, format!("{}..{}", h.label(a), h.label(z)))?;
            if r.envelope_limit.is_some_and(|l| tol(r.envelope_spend, l)) {
                ws.write_number_with_format(y, 7, round6(r.envelope_spend), &red)?;
            } else {
                ws.write_number(y, 7, round6(r.envelope_spend))?;
            }
            opt(ws, 8, r.envelope_limit)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    for (c, w) in [9, 10, 12, 11, 11, 12, 18, 14, 13].iter().enumerate() {
        ws.set_column_width(col(c), *w)?;
    }
    let n = report.spend.len();
    if n == 0 {
        return Ok(());
    }
    let last = row(n);
    let mut chart = Chart::new(ChartType::Column);
    chart
        .add_series()
        .set_name("spend")
        .set_categories(("Spend", 1, 0, last, 0))
        .set_values(("Spend", 1, 1, last, 1));
    if report.spend.iter().any(|r| r.limit.is_some()) {
        let mut limit = Chart::new(ChartType::Line);
        limit
            .add_series()
            .set_name("budget limit")
            .set_categories(("Spend", 1, 0, last, 0))
            .set_values(("Spend", 1, 2, last, 2));
        chart.combine(&limit);
    }
    chart.title().set_name("Spend per period against its limit");
    chart.set_width(640).set_height(300);
    ws.insert_chart(1, 10, &chart)?;
    let mut cumulative = Chart::new(ChartType::Line);
    cumulative
        .add_series()
        .set_name("cumulative spend")
        .set_categories(("Spend", 1, 0, last, 0))
        .set_values(("Spend", 1, 4, last, 4));
    if report.total_budget.is_some() {
        cumulative
            .add_series()
            .set_name("total budget")
            .set_categories(("Spend", 1, 0, last, 0))
            .set_values(("Spend", 1, 5, last, 5));
    }
    cumulative
        .title()
        .set_name("Cumulative spend against the total budget");
    cumulative.set_width(640).set_height(300);
    ws.insert_chart(17, 10, &cumulative)?;
    Ok(())
}

/// The projects left out, by value (highest first), with why.
fn left_out_sheet(
    ws: &mut Worksheet,
    portfolio: &Portfolio,
    report: &PlanReport,
) -> Result<(), XlsxError> {
    ws.set_name("Left out")?;
    let headers = [
        "project",
        "name",
        "value",
        "cost",
        "category",
        "mandatory",
        "reason",
    ];
    for (c, name) in headers.iter().enumerate() {
        ws.write_string_with_format(0, col(c), *name, &header_format())?;
    }
    let mut left: Vec<_> = report.plan.iter().filter(|r| r.start.is_none()).collect();
    left.sort_by(|a, b| {
        let (pa, pb) = (
            &portfolio.projects[a.project],
            &portfolio.projects[b.project],
        );
        pb.value
            .total_cmp(&pa.value)
            .then(a.project.cmp(&b.project))
    });
    for (i, r) in left.iter().enumerate() {
        let p = &portfolio.projects[r.project];
        let y = row(i + 1);
        ws.write_string(y, 0, &p.id)?;
        ws.write_string(y, 1, &p.name)?;
        ws.write_number(y, 2, round6(p.value))?;
        ws.write_number(y, 3, round6(p.cost))?;
        if let Some(c) = &p.category {
            ws.write_string(y, 4, c)?;
        }
        ws.write_boolean(y, 5, p.mandatory)?;
        ws.write_string(y, 6, &r.reason)?;
    }
    ws.autofilter(0, 0, row(left.len()).max(1), col(headers.len() - 1))?;
    ws.set_freeze_panes(1, 0)?;
    for (c, w) in [12, 34, 10, 10, 14, 11, 100].iter().enumerate() {
        ws.set_column_width(col(c), *w)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// A portfolio's tables as a workbook

/// Writes one table into `ws` (named `name`): each row on its line, the header bold and
/// frozen, cells typed by `kind` (see the module documentation).
fn table_sheet(
    ws: &mut Worksheet,
    name: &str,
    t: &CsvTable,
    kind: &dyn Fn(&super::csvread::CsvRow, usize) -> ColumnKind,
) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    let head = header_format();
    let mut widths: Vec<usize> = Vec::new();
    let mut width = |i: usize, s: &str| {
        if widths.len() <= i {
            widths.resize(i + 1, 8);
        }
        widths[i] = widths[i].max(s.chars().count().min(50) + 2);
    };
    let y = row(t.header_line.saturating_sub(1));
    for (i, h) in t.headers.iter().enumerate() {
        width(i, h);
        if !h.is_empty() {
            ws.write_string_with_format(y, col(i), h, &head)?;
        }
    }
    for r in &t.rows {
        let y = row(r.line.saturating_sub(1));
        for (i, text) in r.cells.iter().enumerate() {
            if text.is_empty() {
                continue;
            }
            width(i, text);
            match typed_value(t, r, i, kind(r, i)) {
                Some(CellValue::Number(x)) => ws.write_number(y, col(i), x)?,
                Some(CellValue::Bool(b)) => ws.write_boolean(y, col(i), b)?,
                _ => ws.write_string(y, col(i), text)?,
            };
        }
    }
    for (i, w) in widths.iter().enumerate() {
        ws.set_column_width(col(i), *w as f64)?;
    }
    ws.set_freeze_panes(row(t.header_line), 0)?;
    Ok(())
}

/// The cells of another contract's table (scenarios, actuals, assignments): a number
/// written in its plain form (or with a decimal comma in a `;` file) is typed, anything
/// else stays text.
fn other_kind(t: &CsvTable, r: &super::csvread::CsvRow, i: usize) -> ColumnKind {
    let text = r.cells.get(i).map_or("", String::as_str);
    let plain = text
        .parse::<f64>()
        .is_ok_and(|x| x.is_finite() && format!("{x}") == text);
    let comma = t.decimal_comma()
        && text.matches(',').count() == 1
        && !text.contains('.')
        && text
            .replace(',', ".")
            .parse::<f64>()
            .is_ok_and(|x| x.is_finite() && format!("{x}") == text.replace(',', "."));
    if plain || comma {
        ColumnKind::Number
    } else {
        ColumnKind::Text
    }
}

/// A portfolio's tables (and those of the other contracts) as a workbook: one sheet per
/// file, named as the file without `.csv`, in FORMAT.md's order.
pub fn portfolio_workbook(
    tables: &PortfolioTables,
    others: &[(&str, CsvTable)],
) -> Result<Vec<u8>, XlsxError> {
    let mut book = new_workbook()?;
    let criteria = criteria_columns(tables.criteria.as_ref());
    for (file, t) in tables.present() {
        let kind = |r: &super::csvread::CsvRow, i: usize| cell_kind(file, t, r, i, &criteria);
        table_sheet(
            book.add_worksheet(),
            file.trim_end_matches(".csv"),
            t,
            &kind,
        )?;
    }
    for (file, t) in others {
        let kind = |r: &super::csvread::CsvRow, i: usize| other_kind(t, r, i);
        table_sheet(
            book.add_worksheet(),
            file.trim_end_matches(".csv"),
            t,
            &kind,
        )?;
    }
    book.save_to_buffer()
}
