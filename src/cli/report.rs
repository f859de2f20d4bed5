//! `pmo report DIR [--plan PLAN] [-o FILE]`: the committee report of any plan (the one
//! `pmo plan` wrote, or one edited by hand), as one self-contained HTML page.

use super::{load, EXIT_INPUT, EXIT_OK};
use anyhow::{Context, Result};
use clap::Args;
use pmo::graph;
use pmo::io::plan_reader::read_plan;
use pmo::io::writers::{self, PlanReport};
use pmo::model::{Plan, Portfolio};
use pmo::report::{self, Extras, ReportInput, RunInfo};
use pmo::solve::reasons;
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct ReportArgs {
    /// The portfolio folder.
    pub dir: PathBuf,
    /// The plan to show (default: DIR/out/plan.csv); any plan, e.g. edited by hand.
    #[arg(long)]
    pub plan: Option<PathBuf>,
    /// The page to write (default: report.html in the plan's folder).
    #[arg(short, long)]
    pub out: Option<PathBuf>,
}

pub fn run(a: ReportArgs) -> Result<u8> {
    let portfolio = match load(&a.dir) {
        Ok(p) => p,
        Err(code) => return Ok(code),
    };
    let plan_path = a.plan.unwrap_or_else(|| a.dir.join("out").join("plan.csv"));
    let loaded = match read_plan(&plan_path, &portfolio) {
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
    for &p in &loaded.missing {
        eprintln!(
            "warning: project {} has no row in the plan (shown as not selected)",
            portfolio.projects[p].id
        );
    }
    let plan = loaded.plan;
    let violations = pmo::verify::check(&portfolio, &plan);
    let objective = plan.objective(&portfolio);
    let plan_dir = match plan_path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let source = plan_path.display().to_string();
    let run = std::fs::read_to_string(plan_dir.join("summary.json"))
        .ok()
        .filter(|_| violations.is_empty() && loaded.missing.is_empty())
        .and_then(|s| RunInfo::from_summary(&s, &source, objective))
        .unwrap_or_else(|| RunInfo::from_file(&source, objective, violations.len()));
    let win = graph::windows(&portfolio, None);
    let mut why = reasons::reasons(
        &portfolio,
        &within_horizon(&portfolio, &plan),
        &win,
        run.status == "optimal",
    );
    for (p, reason) in why.iter_mut().enumerate() {
        if plan.is_selected(p) {
            reason.clear();
        }
    }
    let data = PlanReport::new(&portfolio, &plan, &why);
    let extras = Extras::read(&plan_dir);
    let html = report::render(&ReportInput {
        portfolio: &portfolio,
        folder: &a.dir.display().to_string(),
        data: &data,
        run: &run,
        violations: &violations,
        extras: &extras,
        generated: &report::generated_now(),
    });
    let target = a.out.unwrap_or_else(|| plan_dir.join("report.html"));
    write_page(&target, html)?;
    let selected = plan.selected_count();
    if violations.is_empty() {
        println!(
            "wrote {} ({} of {} projects selected, objective {})",
            target.display(),
            selected,
            portfolio.projects.len(),
            writers::fmt_num(objective)
        );
    } else {
        println!(
            "wrote {} ({} of {} projects selected); the plan breaks {} rule(s), shown in the \
             report (pmo check lists them)",
            target.display(),
            selected,
            portfolio.projects.len(),
            violations.len()
        );
    }
    Ok(EXIT_OK)
}

/// The plan without the projects that run past the horizon (a hand-edited plan may have
/// some; the checker reports them): the reasons of the left-out projects are worked out
/// against the resources the others use inside the horizon.
fn within_horizon(portfolio: &Portfolio, plan: &Plan) -> Plan {
    Plan {
        start: (0..portfolio.projects.len())
            .map(|p| {
                plan.start
                    .get(p)
                    .copied()
                    .flatten()
                    .filter(|s| s + portfolio.projects[p].duration <= portfolio.periods())
            })
            .collect(),
    }
}

/// Writes the page through the same temporary-then-rename writer as `pmo plan`.
fn write_page(target: &Path, html: String) -> Result<()> {
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .with_context(|| format!("{} is not a file name", target.display()))?;
    writers::write_atomically(&dir, &[(name, html)])
        .with_context(|| format!("writing {}", target.display()))
}
