//! `pmo export msproject DIR --plan PLAN.csv [-o roadmap.xml]`: a plan's roadmap as
//! Microsoft Project XML (MSPDI), for MS Project, Project for the web, Primavera P6,
//! ProjectLibre and GanttProject. The plan is checked first, like every plan pmo writes.

use super::{load, EXIT_INPUT, EXIT_OK, EXIT_VIOLATIONS};
use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use pmo::io::mspdi::{roadmap_xml, Date, PeriodLength, Timeline};
use pmo::io::plan_reader::read_plan;
use pmo::io::writers;
use pmo::model::HorizonKind;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum ExportCmd {
    /// The plan's roadmap as Microsoft Project XML (MSPDI): a summary task per category,
    /// a task per selected project, finish-to-start links, skills and people as resources.
    Msproject(MsprojectArgs),
}

#[derive(Args)]
pub struct MsprojectArgs {
    /// The portfolio folder or workbook.
    pub dir: PathBuf,
    /// The plan to export (plan.csv as `pmo plan` writes it, or edited by hand).
    #[arg(long)]
    pub plan: PathBuf,
    /// The XML file to write (default: roadmap.xml beside the plan).
    #[arg(short, long)]
    pub out: Option<PathBuf>,
    /// For a numbered horizon: the first day of its first period (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub start_date: Option<String>,
    /// For a numbered horizon: the length of a period.
    #[arg(long, value_parser = ["month", "week", "day"])]
    pub period: Option<String>,
}

pub fn run(c: ExportCmd) -> Result<u8> {
    match c {
        ExportCmd::Msproject(a) => msproject(a),
    }
}

fn msproject(a: MsprojectArgs) -> Result<u8> {
    let input_error = |message: String| {
        eprintln!("error: {message}");
        eprintln!("nothing was written (exit code 2: input error)");
        Ok(EXIT_INPUT)
    };
    let start = match a.start_date.as_deref().map(|s| (s, Date::parse(s))) {
        None => None,
        Some((_, Some(d))) => Some(d),
        Some((s, None)) => {
            return input_error(format!(
                "--start-date: expected a date YYYY-MM-DD, found \"{s}\""
            ))
        }
    };
    let length = a.period.as_deref().and_then(PeriodLength::parse);
    let portfolio = match load(&a.dir) {
        Ok(p) => p,
        Err(code) => {
            eprintln!("nothing was written");
            return Ok(code);
        }
    };
    let kind = portfolio.horizon.kind;
    if !matches!(kind, HorizonKind::Numbered { .. }) && (start.is_some() || length.is_some()) {
        eprintln!(
            "warning: --start-date and --period ignored: the horizon's periods are calendar {} ({})",
            if matches!(kind, HorizonKind::Monthly { .. }) { "months" } else { "quarters" },
            portfolio.horizon.label(0)
        );
    }
    let timeline = match Timeline::new(kind, start, length) {
        Ok(t) => t,
        Err(message) => return input_error(message),
    };
    let loaded = match read_plan(&a.plan, &portfolio) {
        Ok(l) => l,
        Err(errors) => {
            eprint!("{errors}");
            eprintln!("nothing was written (exit code 2: input error)");
            return Ok(EXIT_INPUT);
        }
    };
    for w in &loaded.warnings {
        eprintln!("{w}");
    }
    let mut problems: Vec<String> = loaded
        .missing
        .iter()
        .map(|&p| {
            format!(
                "project {}: no row in the plan (counted as not selected)",
                portfolio.projects[p].id
            )
        })
        .collect();
    problems.extend(
        pmo::verify::check(&portfolio, &loaded.plan)
            .into_iter()
            .map(|v| v.message),
    );
    if !problems.is_empty() {
        for p in &problems {
            eprintln!("  {p}");
        }
        eprintln!(
            "the plan breaks {} rule(s): nothing was written (exit code 1)",
            problems.len()
        );
        return Ok(EXIT_VIOLATIONS);
    }
    let xml = roadmap_xml(&portfolio, &loaded.plan, timeline);
    let out = a.out.unwrap_or_else(|| {
        a.plan
            .parent()
            .map_or_else(|| PathBuf::from("roadmap.xml"), |d| d.join("roadmap.xml"))
    });
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .context("the output has no file name")?;
    writers::write_atomically(&dir, &[(name.as_str(), xml)])
        .with_context(|| format!("writing {}", out.display()))?;
    let tasks = loaded.plan.selected_count();
    println!(
        "wrote {} ({} tasks under their categories, MS Project XML)",
        out.display(),
        tasks
    );
    Ok(EXIT_OK)
}
