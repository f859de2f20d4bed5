//! Helpers shared by the integration tests: portfolio folders from inline CSV, running
//! the binary, reading its outputs.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Writes `files` (name, content) into a fresh temporary folder.
pub fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, content) in files {
        std::fs::write(dir.path().join(name), content).expect("write fixture");
    }
    dir
}

/// Runs the `pmo` binary.
pub fn pmo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pmo"))
        .args(args)
        .output()
        .expect("run pmo")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs `pmo plan DIR -o DIR/out` and returns (exit code, out dir).
pub fn plan(dir: &Path, extra: &[&str]) -> (i32, PathBuf, Output) {
    let out = dir.join("out");
    let mut args = vec!["plan", dir.to_str().unwrap(), "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let o = pmo(&args);
    (o.status.code().unwrap_or(-1), out, o)
}

/// The summary.json of an out folder.
pub fn summary(out: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(out.join("summary.json")).expect("summary.json");
    serde_json::from_str(&text).expect("json")
}

/// The rows of a CSV file as maps from header to cell.
pub fn csv_rows(path: &Path) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            headers
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// plan.csv rows as maps from header to cell.
pub fn plan_rows(out: &Path) -> Vec<std::collections::BTreeMap<String, String>> {
    csv_rows(&out.join("plan.csv"))
}

/// The (start, finish) of a project in plan.csv, empty strings when left out.
pub fn start_of(out: &Path, project: &str) -> (String, String) {
    let row = plan_rows(out)
        .into_iter()
        .find(|r| r["project"] == project)
        .unwrap_or_else(|| panic!("{project} not in plan.csv"));
    (row["start"].clone(), row["finish"].clone())
}

pub fn objective(out: &Path) -> f64 {
    summary(out)["objective"].as_f64().expect("objective")
}

/// The shared benchmark folder, or None (skip) when absent outside CI; absent in CI
/// is a failure.
pub fn shared_benchmarks() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/benchmarks");
    if p.is_dir() {
        Some(p)
    } else if std::env::var("CI").as_deref() == Ok("true") {
        panic!("../shared/benchmarks is missing, and CI=true requires it");
    } else {
        eprintln!("skipped: ../shared/benchmarks not found (public benchmark data lives beside the clone)");
        None
    }
}
