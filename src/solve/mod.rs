//! The MILP formulation, heuristics and solver options.
