//! `pmo convert SRC -o DST`: a portfolio folder into a workbook (.xlsx), or a workbook
//! into a folder, without loss: the destination loads to the same portfolio (checked
//! before the command reports success). The sheets or files of the other contracts
//! (scenarios, actuals, assignments) are carried along.

use super::{load, EXIT_INPUT, EXIT_OK};
use anyhow::{bail, Context, Result};
use clap::Args;
use pmo::io::csvread::{read_table, CsvTable};
use pmo::io::error::Diagnostics;
use pmo::io::portfolio::{PortfolioTables, PORTFOLIO_FILES};
use pmo::io::workbook::{
    self, dates_as_labels, is_workbook, read_workbook_tables, table_csv, OTHER_FILES,
};
use pmo::io::{writers, xlsx_writer, LoadErrors};
use pmo::model::Portfolio;
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct ConvertArgs {
    /// The source: a portfolio folder, or a workbook (.xlsx, .xlsm, .xls, .ods).
    pub src: PathBuf,
    /// The destination: a workbook (.xlsx) for a folder, a folder for a workbook.
    #[arg(short, long)]
    pub out: PathBuf,
}

/// The tables of a source: the portfolio's and the other contracts'.
struct Source {
    portfolio: PortfolioTables,
    others: Vec<(&'static str, CsvTable)>,
}

pub fn run(a: ConvertArgs) -> Result<u8> {
    let portfolio = match load(&a.src) {
        Ok(p) => p,
        Err(code) => {
            eprintln!("nothing was written");
            return Ok(code);
        }
    };
    let mut source = match read_source(&a.src) {
        Ok(s) => s,
        Err(errors) => {
            eprint!("{errors}");
            eprintln!("exit code 2: input error");
            eprintln!("nothing was written");
            return Ok(EXIT_INPUT);
        }
    };
    dates_as_labels(&mut source.portfolio, &portfolio.horizon);
    let to_workbook = is_workbook(&a.out);
    if to_workbook {
        let ext = a.out.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !ext.eq_ignore_ascii_case("xlsx") {
            eprintln!(
                "error: pmo writes .xlsx workbooks; {} is a .{ext} (open the .xlsx in Excel or LibreOffice to save it in another format)",
                a.out.display()
            );
            eprintln!("nothing was written");
            return Ok(EXIT_INPUT);
        }
        write_workbook(&source, &a.out, &portfolio)?;
    } else {
        if !(is_workbook(&a.src) || a.src.is_file()) {
            eprintln!(
                "error: {} and {} are both folders: convert a folder into a workbook (-o NAME.xlsx) or a workbook into a folder",
                a.src.display(),
                a.out.display()
            );
            eprintln!("nothing was written");
            return Ok(EXIT_INPUT);
        }
        if a.out.is_file() {
            eprintln!(
                "error: {} is a file: expected a folder, or a workbook path ending in .xlsx",
                a.out.display()
            );
            eprintln!("nothing was written");
            return Ok(EXIT_INPUT);
        }
        if let Some(stale) = stale_files(&source, &a.out) {
            eprintln!(
                "error: {} already holds {stale}, which the source has no table for and which would change what the folder loads to: remove it or choose another folder",
                a.out.display()
            );
            eprintln!("nothing was written");
            return Ok(EXIT_INPUT);
        }
        write_folder(&source, &a.out, &portfolio)?;
    }
    let names: Vec<&str> = source
        .portfolio
        .present()
        .into_iter()
        .map(|(f, _)| f)
        .chain(source.others.iter().map(|(f, _)| *f))
        .map(|f| f.trim_end_matches(".csv"))
        .collect();
    println!(
        "wrote {} ({} {}: {}); it loads to the same portfolio: {} projects over {} periods",
        a.out.display(),
        names.len(),
        if to_workbook { "sheets" } else { "files" },
        names.join(", "),
        portfolio.projects.len(),
        portfolio.periods()
    );
    Ok(EXIT_OK)
}

/// Reads the tables of a folder or a workbook (`Err`: a table could not be read).
fn read_source(src: &Path) -> Result<Source, LoadErrors> {
    let mut diag = Diagnostics::default();
    if is_workbook(src) || src.is_file() {
        let mut workbook_errors = Vec::new();
        let t = read_workbook_tables(src, &mut diag, &mut workbook_errors);
        return if workbook_errors.is_empty() && diag.errors.is_empty() {
            Ok(Source {
                portfolio: t.portfolio,
                others: t.others,
            })
        } else {
            let book = src.file_name().map_or_else(
                || src.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            let places = workbook::Places::new(&book, &t.sheets);
            let mut errors = workbook_errors;
            errors.extend(places.errors(diag.errors));
            Err(LoadErrors(errors))
        };
    }
    let portfolio = PortfolioTables::read_folder(src, &mut diag);
    let mut others = Vec::new();
    for file in OTHER_FILES {
        let path = src.join(file);
        if path.is_file() {
            if let Some(t) = read_table(&path, file, &mut diag) {
                others.push((file, t));
            }
        }
    }
    diag.finish()?;
    Ok(Source { portfolio, others })
}

/// A contract file in `dir` that the conversion would not overwrite.
fn stale_files(source: &Source, dir: &Path) -> Option<String> {
    let written: Vec<&str> = source
        .portfolio
        .present()
        .into_iter()
        .map(|(f, _)| f)
        .chain(source.others.iter().map(|(f, _)| *f))
        .collect();
    PORTFOLIO_FILES
        .iter()
        .chain(OTHER_FILES.iter())
        .find(|f| !written.contains(f) && dir.join(f).exists())
        .map(|f| f.to_string())
}

/// The portfolio of a written destination, named like `expected` (the name follows the
/// folder or workbook name); an internal error when it differs from `expected`.
fn check_same(dst: &Path, expected: &Portfolio) -> Result<()> {
    let loaded = match workbook::load_source(dst) {
        Ok(l) => l.portfolio,
        Err(e) => bail!("internal error: {} does not load back:\n{e}", dst.display()),
    };
    let renamed = Portfolio {
        name: expected.name.clone(),
        ..loaded
    };
    if &renamed != expected {
        bail!(
            "internal error: {} loads to another portfolio than the source",
            dst.display()
        );
    }
    Ok(())
}

fn write_workbook(source: &Source, out: &Path, expected: &Portfolio) -> Result<()> {
    let bytes = xlsx_writer::portfolio_workbook(&source.portfolio, &source.others)
        .context("building the workbook")?;
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .context("the destination has no file name")?;
    // Written and checked under a temporary name, then renamed: nothing half-done.
    let tmp = format!(".{name}.check-{}.xlsx", std::process::id());
    writers::write_atomically(&dir, &[(tmp.as_str(), &bytes)])
        .with_context(|| format!("writing {}", out.display()))?;
    let checked = check_same(&dir.join(&tmp), expected);
    if let Err(e) = checked {
        let _ = std::fs::remove_file(dir.join(&tmp));
        return Err(e);
    }
    std::fs::rename(dir.join(&tmp), out).with_context(|| format!("writing {}", out.display()))?;
    Ok(())
}

fn write_folder(source: &Source, out: &Path, expected: &Portfolio) -> Result<()> {
    let mut files: Vec<(&str, String)> = source
        .portfolio
        .present()
        .into_iter()
        .map(|(f, t)| (f, table_csv(t)))
        .collect();
    files.extend(source.others.iter().map(|(f, t)| (*f, table_csv(t))));
    writers::write_atomically(out, &files).with_context(|| format!("writing {}", out.display()))?;
    check_same(out, expected)
}
