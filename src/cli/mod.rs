//! clap subcommands, exit codes, printing.
//!
//! Exit codes: 0 plan written / plan feasible; 1 violations (`check`); 2 input error
//! (nothing written); 3 infeasible (diagnosis printed, nothing written); 4 no plan found
//! within the time limit; 70 internal error.

mod bench;
mod check;
mod convert;
mod explain;
mod export;
mod frontier;
mod generate;
mod import;
mod outputs;
mod plan;
mod progress;
mod report;
mod scenarios;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

pub const EXIT_OK: u8 = 0;
pub const EXIT_VIOLATIONS: u8 = 1;
pub const EXIT_INPUT: u8 = 2;
pub const EXIT_INFEASIBLE: u8 = 3;
pub const EXIT_NO_PLAN: u8 = 4;
pub const EXIT_INTERNAL: u8 = 70;

#[derive(Parser)]
#[command(
    name = "pmo",
    version,
    about = "Portfolio optimiser for PMOs: select and schedule projects under budget and staff limits, exactly",
    after_help = "Exit codes: 0 ok, 1 plan violations (check), 2 input error, 3 infeasible, 4 no plan within the time limit"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Solve a portfolio folder and write plan.csv, load.csv, spend.csv, summary.json.
    Plan(plan::PlanArgs),
    /// Check a plan (e.g. edited by hand) against a portfolio.
    Check(check::CheckArgs),
    /// Write the committee report (one HTML page) of a plan, e.g. edited by hand.
    Report(report::ReportArgs),
    /// Convert a benchmark instance into a portfolio folder.
    #[command(subcommand)]
    Import(import::ImportCmd),
    /// Convert a portfolio folder into a workbook (.xlsx), or a workbook into a folder.
    Convert(convert::ConvertArgs),
    /// Export a plan to another tool: `msproject` (MS Project XML, MSPDI).
    #[command(subcommand)]
    Export(export::ExportCmd),
    /// Solve the baseline and every what-if scenario of scenarios.csv, and compare them.
    Scenarios(scenarios::ScenariosArgs),
    /// The efficient frontier of value against budget (CSV and SVG chart).
    Frontier(frontier::FrontierArgs),
    /// What each decision is worth: the value lost by forcing each project in or out.
    Explain(explain::ExplainArgs),
    /// Generate a synthetic portfolio folder (deterministic for a seed).
    Generate(generate::GenerateArgs),
    /// Run a benchmark suite and write its results as CSV and Markdown tables.
    Bench(bench::BenchArgs),
    /// Solve and check one benchmark instance, print one JSON line (used by `bench`).
    #[command(hide = true)]
    BenchOne(bench::BenchOneArgs),
}

/// Prints an error with its whole chain.
pub fn print_error(e: &anyhow::Error) {
    eprintln!("error: {e}");
    for cause in e.chain().skip(1) {
        eprintln!("  caused by: {cause}");
    }
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Plan(a) => plan::run(a),
        Command::Check(a) => check::run(a),
        Command::Report(a) => report::run(a),
        Command::Import(c) => import::run(c),
        Command::Convert(a) => convert::run(a),
        Command::Export(c) => export::run(c),
        Command::Scenarios(a) => scenarios::run(a),
        Command::Frontier(a) => frontier::run(a),
        Command::Explain(a) => explain::run(a),
        Command::Generate(a) => generate::run(a),
        Command::Bench(a) => bench::run(a),
        Command::BenchOne(a) => bench::run_one(a),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            print_error(&e);
            ExitCode::from(EXIT_INTERNAL)
        }
    }
}

/// Loads a portfolio folder or workbook (.xlsx, .xlsm, .xls, .ods), printing warnings;
/// on input errors prints them all and returns `Err(exit code)`.
pub fn load(dir: &std::path::Path) -> Result<pmo::model::Portfolio, u8> {
    match pmo::io::workbook::load_source(dir) {
        Ok(loaded) => {
            for w in &loaded.warnings {
                eprintln!("{w}");
            }
            Ok(loaded.portfolio)
        }
        Err(errors) => {
            eprint!("{errors}");
            eprintln!("exit code 2: input error");
            Err(EXIT_INPUT)
        }
    }
}
