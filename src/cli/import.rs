//! `pmo import psplib FILE -o DIR`, `pmo import mknap FILE --problem K -o DIR`.

use super::{print_error, EXIT_INPUT, EXIT_OK};
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

/// Unreadable or malformed benchmark files are input errors (exit 2); failing to write
/// the folder is an internal error.
pub fn run(c: ImportCmd) -> Result<u8> {
    match import(c) {
        Ok(code) => Ok(code),
        Err(ImportError::Input(e)) => {
            print_error(&e);
            Ok(EXIT_INPUT)
        }
        Err(ImportError::Output(e)) => Err(e),
    }
}

enum ImportError {
    Input(anyhow::Error),
    Output(anyhow::Error),
}

fn import(c: ImportCmd) -> Result<u8, ImportError> {
    let input = ImportError::Input;
    let output = ImportError::Output;
    match c {
        ImportCmd::Psplib { file, out } => {
            let p = pmo::io::psplib::read_sm(&file)
                .with_context(|| format!("reading {}", file.display()))
                .map_err(input)?;
            pmo::io::write_portfolio::write_portfolio(&p, &out)
                .with_context(|| format!("writing {}", out.display()))
                .map_err(output)?;
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
            .with_context(|| format!("reading {}", file.display()))
            .map_err(input)?;
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
                })
                .map_err(input)?;
            let p = pmo::io::mknap::to_portfolio(&mkp);
            pmo::io::write_portfolio::write_portfolio(&p, &out)
                .with_context(|| format!("writing {}", out.display()))
                .map_err(output)?;
            println!("wrote {} ({} projects)", out.display(), p.projects.len());
        }
    }
    Ok(EXIT_OK)
}
