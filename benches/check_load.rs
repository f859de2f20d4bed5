//! CSV load of the demo portfolio, the independent checker on the demo plan, and the
//! generator. `cargo bench --bench check_load`.

use criterion::{criterion_group, criterion_main, Criterion};
use pmo::generate::{generate, GenerateOptions};
use pmo::io::portfolio::load_portfolio;
use pmo::solve::{solve, SolveOptions};
use pmo::verify::check;
use std::hint::black_box;
use std::path::Path;

fn benches(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/demo");
    let mut g = c.benchmark_group("io");
    g.measurement_time(std::time::Duration::from_secs(10));
    g.bench_function("load data/demo (CSV)", |b| {
        b.iter(|| black_box(load_portfolio(black_box(&dir)).expect("loads")))
    });
    g.finish();

    let demo = load_portfolio(&dir).expect("loads").portfolio;
    let mut opts = SolveOptions::from_settings(&demo.settings);
    opts.time_limit = 10.0;
    let plan = solve(&demo, &opts).plan.expect("the demo has a plan");
    c.bench_function("check the demo plan", |b| {
        b.iter(|| black_box(check(black_box(&demo), black_box(&plan))))
    });

    let gen = generate(&GenerateOptions::new(200, 12, 15, 1)).expect("generate");
    let gen_plan = {
        let mut o = SolveOptions::from_settings(&gen.settings);
        o.heuristic_only = true;
        solve(&gen, &o).plan.expect("a heuristic plan")
    };
    c.bench_function("check a generated 200x12x15 plan", |b| {
        b.iter(|| black_box(check(black_box(&gen), black_box(&gen_plan))))
    });

    c.bench_function("generate 1000x24x15", |b| {
        b.iter(|| black_box(generate(&GenerateOptions::new(1000, 24, 15, 1))))
    });
}

criterion_group!(group, benches);
criterion_main!(group);
