//! `pmo import psplib FILE -o DIR`, `pmo import mknap FILE --problem K -o DIR`.

use super::EXIT_OK;
use anyhow::{Context, Result};
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum ImportCmd {
    /// A PSPLIB single-mode RCPSP instance (.sm): every job a mandatory project,
    /// objective makespan.
    Psplib {
        file: PathBuf,
        #[arg(short, long)]
        out: PathBuf,
    },
    /// One problem of an OR-Library multidimensional knapsack file (mknap1, mknap2,
    /// mknapcbN): items as one-period projects, constraints as skills.
    Mknap {
        file: PathBuf,
        /// 1-based problem number in the file.
        #[arg(long, default_value_t = 1)]
        problem: usize,
        #[arg(short, long)]
        out: PathBuf,
    },
}

pub fn run(c: ImportCmd) -> Result<u8> {
    match c {
        ImportCmd::Psplib { file, out } => {
            let p = pmo::io::psplib::read_sm(&file)
                .with_context(|| format!("reading {}", file.display()))?;
            pmo::io::write_portfolio::write_portfolio(&p, &out)
                .with_context(|| format!("writing {}", out.display()))?;
            println!("wrote {} ({} projects)", out.display(), p.projects.len());
        }
        ImportCmd::Mknap { file, problem, out } => {
            let is_mknap2 = file
                .file_name()
                .is_some_and(|n| n.to_string_lossy().to_lowercase().starts_with("mknap2"));
            let problems = if is_mknap2 {
                pmo::io::mknap::read_mknap2(&file)
            } else {
                pmo::io::mknap::read_mknap(&file)
            }
            .with_context(|| format!("reading {}", file.display()))?;
            let n = problems.len();
            let mkp = problems
                .into_iter()
                .nth(problem.wrapping_sub(1))
                .with_context(|| {
                    format!(
                        "{} holds {} problems; --problem must be 1..{}",
                        file.display(),
                        n,
                        n
                    )
                })?;
            let p = pmo::io::mknap::to_portfolio(&mkp);
            pmo::io::write_portfolio::write_portfolio(&p, &out)
                .with_context(|| format!("writing {}", out.display()))?;
            println!("wrote {} ({} projects)", out.display(), p.projects.len());
        }
    }
    Ok(EXIT_OK)
}
