//! `pmo check DIR PLAN`: verify any plan against a portfolio.

use super::{load, EXIT_INPUT, EXIT_OK, EXIT_VIOLATIONS};
use anyhow::Result;
use clap::Args;
use pmo::io::plan_reader::read_plan;
use pmo::io::writers::fmt_num;
use std::path::PathBuf;

#[derive(Args)]
pub struct CheckArgs {
    /// The portfolio folder.
    pub dir: PathBuf,
    /// The plan to check (plan.csv; periods as labels or indexes).
    pub plan: PathBuf,
}

pub fn run(a: CheckArgs) -> Result<u8> {
    let portfolio = match load(&a.dir) {
        Ok(p) => p,
        Err(code) => return Ok(code),
    };
    let loaded = match read_plan(&a.plan, &portfolio) {
        Ok(l) => l,
        Err(errors) => {
            eprint!("{errors}");
            return Ok(EXIT_INPUT);
        }
    };
    for w in &loaded.warnings {
        eprintln!("{w}");
    }
    let mut problems: Vec<String> = Vec::new();
    for &p in &loaded.missing {
        problems.push(format!(
            "project {}: no row in the plan (counted as not selected)",
            portfolio.projects[p].id
        ));
    }
    for (p, stated) in loaded.stated_finish.iter().enumerate() {
        if let (Some(stated), Some(real)) = (stated, loaded.plan.finish(&portfolio, p)) {
            if *stated != real {
                problems.push(format!(
                    "project {}: finish {} does not match start + duration − 1 = {}",
                    portfolio.projects[p].id,
                    portfolio.horizon.label(*stated),
                    portfolio.horizon.label(real)
                ));
            }
        }
    }
    for v in pmo::verify::check(&portfolio, &loaded.plan) {
        problems.push(format!("[{}] {}", v.rule.as_str(), v.message));
    }
    let objective = loaded.plan.objective(&portfolio);
    if problems.is_empty() {
        println!(
            "feasible: {} of {} projects selected, objective {}",
            loaded.plan.selected_count(),
            portfolio.projects.len(),
            fmt_num(objective)
        );
        Ok(EXIT_OK)
    } else {
        println!("{} violation(s):", problems.len());
        for p in &problems {
            println!("  {p}");
        }
        println!("objective of the plan as written: {}", fmt_num(objective));
        Ok(EXIT_VIOLATIONS)
    }
}
