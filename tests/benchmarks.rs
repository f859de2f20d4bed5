//! Public benchmarks with known optima: PSPLIB j30 (RCPSP makespan, through the
//! importer) and OR-Library mknap1 (multidimensional knapsack). They read
//! ../shared/benchmarks and skip when it is absent, except with CI=true.

mod common;

use pmo::io::{mknap, psplib};
use pmo::solve::{solve, SolveOptions, Status};
use pmo::verify::check;

/// j30 instances (all ten of parameter group 1 and five others), each imported with
/// `pmo import psplib`, planned with `pmo plan`, and compared with its proven optimum
/// (j30opt.sm). Every plan is checked by `pmo check` too.
#[test]
fn psplib_j30_optimal_makespans_through_the_cli() {
    let Some(dir) = psplib::shared_benchmarks("psplib") else {
        return;
    };
    let opt = psplib::read_j30opt(&dir.join("solutions/j30opt.sm")).expect("j30opt");
    let picks: Vec<(u32, u32)> = (1..=10)
        .map(|i| (1, i))
        .chain([(2, 1), (3, 1), (7, 1), (11, 1), (17, 1)])
        .collect();
    let tmp = tempfile::tempdir().unwrap();
    let mut report = Vec::new();
    for (p, i) in picks {
        let name = format!("j30{p}_{i}");
        let file = dir.join(format!("j30/{name}.sm"));
        let folder = tmp.path().join(&name);
        let o = common::pmo(&[
            "import",
            "psplib",
            file.to_str().unwrap(),
            "-o",
            folder.to_str().unwrap(),
        ]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{name}: import: {}",
            common::stderr(&o)
        );
        let (code, out, o) = common::plan(&folder, &["--time-limit", "120"]);
        assert_eq!(code, 0, "{name}: plan: {}", common::stderr(&o));
        let summary = common::summary(&out);
        assert_eq!(summary["status"], "optimal", "{name} not proven optimal");
        assert_eq!(
            summary["objective"].as_f64(),
            Some(opt[&(p, i)] as f64),
            "{name} makespan"
        );
        let check = common::pmo(&[
            "check",
            folder.to_str().unwrap(),
            out.join("plan.csv").to_str().unwrap(),
        ]);
        assert_eq!(
            check.status.code(),
            Some(0),
            "{name}: {}",
            common::stdout(&check)
        );
        report.push(format!(
            "{name}: {} in {} s",
            opt[&(p, i)],
            summary["solve_time_s"]
        ));
    }
    eprintln!("{}", report.join("\n"));
}

/// The 7 Petersen problems of mknap1, each to its known optimum.
#[test]
fn mknap1_optima() {
    let Some(dir) = psplib::shared_benchmarks("mkp") else {
        return;
    };
    let problems = mknap::read_mknap(&dir.join("mknap1.txt")).expect("mknap1");
    assert_eq!(problems.len(), 7);
    for mkp in &problems {
        let portfolio = mknap::to_portfolio(mkp);
        let sol = solve(
            &portfolio,
            &SolveOptions::from_settings(&portfolio.settings),
        );
        assert_eq!(sol.status, Status::Optimal, "{}", mkp.name);
        assert!(check(&portfolio, sol.plan.as_ref().unwrap()).is_empty());
        let want = mkp.optimum.expect("mknap1 gives its optima");
        assert!(
            (sol.objective.unwrap() - want).abs() < 1e-6,
            "{}: {} vs optimum {}",
            mkp.name,
            sol.objective.unwrap(),
            want
        );
    }
}

/// The same problems from the copy under tests/data: runs even without ../shared.
#[test]
fn mknap1_from_tests_data() {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/mknap1.txt");
    let problems = mknap::read_mknap(&file).expect("tests/data/mknap1.txt");
    let first = mknap::to_portfolio(&problems[0]);
    let sol = solve(&first, &SolveOptions::from_settings(&first.settings));
    assert_eq!(sol.objective, Some(3800.0));
}

/// j301_1 from tests/data: optimum 43.
#[test]
fn j301_1_from_tests_data() {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/j301_1.sm");
    let portfolio = psplib::read_sm(&file).expect("tests/data/j301_1.sm");
    let sol = solve(
        &portfolio,
        &SolveOptions::from_settings(&portfolio.settings),
    );
    assert_eq!(sol.status, Status::Optimal);
    assert_eq!(sol.objective, Some(43.0));
}
