//! Full solves (heuristic + MILP) through the public API: the demo portfolio and a
//! generated 200-project portfolio, each with a short time limit so that an iteration
//! is bounded. `cargo bench --bench solve`.

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use pmo::generate::{generate, GenerateOptions};
use pmo::io::portfolio::load_portfolio;
use pmo::solve::{solve, SolveOptions};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

fn demo() -> pmo::model::Portfolio {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/demo");
    load_portfolio(&dir).expect("data/demo loads").portfolio
}

fn full_solve(c: &mut Criterion) {
    let mut g = c.benchmark_group("solve");
    // Ten solves per benchmark (flat sampling: one solve per sample), each bounded by
    // its time limit.
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1));

    let demo = demo();
    let mut opts = SolveOptions::from_settings(&demo.settings);
    opts.time_limit = 10.0;
    g.measurement_time(Duration::from_secs(80));
    g.bench_function("demo (10 s limit)", |b| {
        b.iter(|| black_box(solve(black_box(&demo), &opts)))
    });

    let gen = generate(&GenerateOptions::new(200, 12, 15, 1)).expect("generate");
    let mut opts = SolveOptions::from_settings(&gen.settings);
    opts.time_limit = 2.0;
    g.measurement_time(Duration::from_secs(21));
    g.bench_function("generated 200x12x15 (2 s limit)", |b| {
        b.iter(|| black_box(solve(black_box(&gen), &opts)))
    });

    let mut opts = SolveOptions::from_settings(&gen.settings);
    opts.heuristic_only = true;
    opts.time_limit = 1.0;
    g.measurement_time(Duration::from_secs(5));
    g.bench_function("generated 200x12x15 heuristic only", |b| {
        b.iter(|| black_box(solve(black_box(&gen), &opts)))
    });
    g.finish();
}

criterion_group!(benches, full_solve);
criterion_main!(benches);
