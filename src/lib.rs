//! pmo: a portfolio optimiser for Project Management Offices.
//!
//! Input (`io`) → validated model (`model`) → dependency graph (`graph`) →
//! heuristic + MILP (`solve`) → independent checker (`verify`) → writers (`io::write`).

pub mod bench;
pub mod chart;
pub mod explain;
pub mod frontier;
pub mod generate;
pub mod graph;
pub mod io;
pub mod model;
pub mod report;
pub mod scenario;
pub mod solve;
pub mod verify;
