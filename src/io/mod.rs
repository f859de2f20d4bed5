//! Input (CSV portfolio folders, plan files, benchmark importers) and output writers.

pub mod csvread;
pub mod error;
pub mod mknap;
pub mod mspdi;
pub mod plan_reader;
pub mod portfolio;
pub mod psplib;
pub mod workbook;
pub mod write_portfolio;
pub mod writers;
pub mod xlsx_writer;

pub use error::{Diagnostics, ErrorCode, InputError, LoadErrors, Location, Warning};
