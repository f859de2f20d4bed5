//! `pmo generate --projects N --periods T --skills S --seed K -o DIR`: a synthetic
//! portfolio folder (see `pmo::generate`).

use super::{EXIT_INPUT, EXIT_OK};
use anyhow::{Context, Result};
use clap::Args;
use pmo::generate::{generate, GenerateOptions};
use std::path::PathBuf;

#[derive(Args)]
pub struct GenerateArgs {
    /// Number of project requests.
    #[arg(long, default_value_t = 200)]
    pub projects: usize,
    /// Number of monthly periods (the horizon starts in 2027-01).
    #[arg(long, default_value_t = 12)]
    pub periods: usize,
    /// Number of skills.
    #[arg(long, default_value_t = 15)]
    pub skills: usize,
    /// Seed: the same options give the same folder, byte for byte.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Output folder (created if needed; the portfolio files in it are replaced).
    #[arg(short, long)]
    pub out: PathBuf,
}

pub fn run(a: GenerateArgs) -> Result<u8> {
    let opts = GenerateOptions::new(a.projects, a.periods, a.skills, a.seed);
    let portfolio = match generate(&opts) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(EXIT_INPUT);
        }
    };
    pmo::io::write_portfolio::write_portfolio(&portfolio, &a.out)
        .with_context(|| format!("writing {}", a.out.display()))?;
    let mandatory = portfolio.projects.iter().filter(|p| p.mandatory).count();
    println!(
        "wrote {} ({} projects, {} mandatory, {} periods from {}, {} skills, {} people, {} dependencies)",
        a.out.display(),
        portfolio.projects.len(),
        mandatory,
        portfolio.periods(),
        portfolio.horizon.label(0),
        portfolio.skills.len(),
        portfolio.people.len(),
        portfolio.dependencies.len()
    );
    Ok(EXIT_OK)
}
