//! OR-Library multidimensional 0-1 knapsack importers: `mknap1.txt`, `mknapcb1..9.txt`
//! (K problems in one layout), `mknap2.txt` (named sections) and the Chu–Beasley
//! best-value table `mkcbres.txt`.
//!
//! The MKP `max Σ p_j x_j  s.t.  Σ_j r_ij x_j ≤ b_i, x ∈ {0,1}` is the one-period
//! portfolio-selection problem: [`to_portfolio`] turns items into projects and
//! constraints into skills.

use crate::model::{Demand, Horizon, HorizonKind, Objective, Portfolio, Project, Settings};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One multidimensional knapsack problem.
#[derive(Debug, Clone, PartialEq)]
pub struct Mkp {
    /// `mknap1-1`, `mknapcb4-30` (file stem and 1-based position) or the section name
    /// of mknap2 (`SENTO1`, `WEING1`…).
    pub name: String,
    /// `p_j`, one per item (n).
    pub profits: Vec<f64>,
    /// `weights[i][j] = r_ij`: m rows of n.
    pub weights: Vec<Vec<f64>>,
    /// `b_i`, one per constraint (m).
    pub capacities: Vec<f64>,
    /// The optimum given in the file (`None` when the file gives 0, as every mknapcb
    /// problem does).
    pub optimum: Option<f64>,
}

impl Mkp {
    /// Number of items.
    pub fn n(&self) -> usize {
        self.profits.len()
    }
    /// Number of constraints.
    pub fn m(&self) -> usize {
        self.capacities.len()
    }
}

/// Why an OR-Library knapsack file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum MknapError {
    /// The file cannot be read.
    #[error("{}: cannot read the file: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The content is not what the format says.
    #[error("{}{}: {message}", .path.display(), where_suffix(.problem, *.line))]
    Malformed {
        path: PathBuf,
        /// The problem being read (name or 1-based position), when known.
        problem: Option<String>,
        /// 1-based line, when the problem is tied to one.
        line: Option<usize>,
        message: String,
    },
}

fn where_suffix(problem: &Option<String>, line: Option<usize>) -> String {
    let mut s = String::new();
    if let Some(l) = line {
        s.push_str(&format!(" line {l}"));
    }
    if let Some(p) = problem {
        s.push_str(&format!(" (problem {p})"));
    }
    s
}

fn read_text(path: &Path) -> Result<String, MknapError> {
    std::fs::read(path)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .map_err(|source| MknapError::Io {
            path: path.to_path_buf(),
            source,
        })
}

/// A stream of whitespace-separated numbers with their line numbers.
struct Tokens<'a> {
    path: &'a Path,
    problem: Option<String>,
    toks: Vec<(usize, &'a str)>,
    pos: usize,
}

impl<'a> Tokens<'a> {
    fn new<'l>(path: &'a Path, lines: impl Iterator<Item = (usize, &'l str)>) -> Self
    where
        'l: 'a,
    {
        let toks = lines
            .flat_map(|(n, l)| l.split_whitespace().map(move |t| (n, t)))
            .collect();
        Tokens {
            path,
            problem: None,
            toks,
            pos: 0,
        }
    }

    fn err(&self, line: Option<usize>, message: impl Into<String>) -> MknapError {
        MknapError::Malformed {
            path: self.path.to_path_buf(),
            problem: self.problem.clone(),
            line,
            message: message.into(),
        }
    }

    fn remaining(&self) -> usize {
        self.toks.len() - self.pos
    }

    fn next(&mut self, what: &str) -> Result<(usize, &'a str), MknapError> {
        match self.toks.get(self.pos) {
            Some(&t) => {
                self.pos += 1;
                Ok(t)
            }
            None => {
                let line = self.toks.last().map(|t| t.0);
                Err(self.err(line, format!("the data end where {what} was expected")))
            }
        }
    }

    fn count(&mut self, what: &str) -> Result<usize, MknapError> {
        let (line, t) = self.next(what)?;
        t.parse::<usize>().map_err(|_| {
            self.err(
                Some(line),
                format!("{what}: expected a non-negative integer, found `{t}`"),
            )
        })
    }

    fn number(&mut self, what: &str) -> Result<f64, MknapError> {
        let (line, t) = self.next(what)?;
        match t.parse::<f64>() {
            Ok(x) if x.is_finite() && x >= 0.0 => Ok(x + 0.0), // no -0
            _ => Err(self.err(
                Some(line),
                format!("{what}: expected a number ≥ 0, found `{t}`"),
            )),
        }
    }

    fn numbers(&mut self, k: usize, what: &str) -> Result<Vec<f64>, MknapError> {
        if k > self.remaining() {
            let line = self.toks.last().map(|t| t.0);
            return Err(self.err(
                line,
                format!(
                    "{k} {what} expected, only {} numbers left",
                    self.remaining()
                ),
            ));
        }
        (0..k).map(|_| self.number(what)).collect()
    }

    /// n profits, then m rows of n weights, then m capacities (mknap1 / mknapcb order),
    /// or n profits, m capacities, m rows (mknap2 order).
    fn problem(
        &mut self,
        name: String,
        n: usize,
        m: usize,
        rows_first: bool,
    ) -> Result<Mkp, MknapError> {
        let profits = self.numbers(n, "profits")?;
        let mut capacities = Vec::new();
        if !rows_first {
            capacities = self.numbers(m, "capacities")?;
        }
        let weights = (0..m)
            .map(|i| self.numbers(n, &format!("weights of constraint {}", i + 1)))
            .collect::<Result<Vec<_>, _>>()?;
        if rows_first {
            capacities = self.numbers(m, "capacities")?;
        }
        Ok(Mkp {
            name,
            profits,
            weights,
            capacities,
            optimum: None,
        })
    }
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Reads `mknap1.txt` or `mknapcbN.txt`: `K`, then K times `n m opt`, n profits, m rows
/// of n weights, m capacities. Problems are named `<file stem>-<k>` (k from 1).
pub fn read_mknap(path: &Path) -> Result<Vec<Mkp>, MknapError> {
    parse_mknap(&read_text(path)?, path)
}

/// Parses the text of a `mknap1` / `mknapcb` file (see [`read_mknap`]).
pub fn parse_mknap(text: &str, path: &Path) -> Result<Vec<Mkp>, MknapError> {
    let mut t = Tokens::new(path, text.lines().enumerate().map(|(i, l)| (i + 1, l)));
    let k = t.count("the number of problems")?;
    let stem = stem(path);
    let mut problems = Vec::new();
    for idx in 1..=k {
        t.problem = Some(idx.to_string());
        let n = t.count("the number of items n")?;
        let m = t.count("the number of constraints m")?;
        let opt = t.number("the optimal value")?;
        check_size(&t, n, m)?;
        let mut p = t.problem(format!("{stem}-{idx}"), n, m, true)?;
        p.optimum = (opt != 0.0).then_some(opt);
        problems.push(p);
    }
    t.problem = None;
    if t.remaining() > 0 {
        let (line, tok) = t.toks[t.pos];
        return Err(t.err(
            Some(line),
            format!("unexpected `{tok}` after the {k} announced problems"),
        ));
    }
    Ok(problems)
}

fn check_size(t: &Tokens, n: usize, m: usize) -> Result<(), MknapError> {
    if n == 0 {
        return Err(t.err(None, "n = 0 items"));
    }
    let need = n
        .checked_mul(m)
        .and_then(|x| x.checked_add(n + m))
        .unwrap_or(usize::MAX);
    if need > t.remaining() {
        let line = t.toks.last().map(|x| x.0);
        return Err(t.err(
            line,
            format!(
                "n = {n}, m = {m} need {need} more numbers, only {} left",
                t.remaining()
            ),
        ));
    }
    Ok(())
}

/// Reads `mknap2.txt`: sections `problem NAME` (a trailing `.DAT` is dropped from the
/// name), each with `m n`, n profits, m capacities, the m×n matrix row by row and the
/// known optimum, between `+++` lines.
pub fn read_mknap2(path: &Path) -> Result<Vec<Mkp>, MknapError> {
    parse_mknap2(&read_text(path)?, path)
}

/// Parses the text of `mknap2.txt` (see [`read_mknap2`]).
pub fn parse_mknap2(text: &str, path: &Path) -> Result<Vec<Mkp>, MknapError> {
    let lines: Vec<&str> = text.lines().collect();
    let heads: Vec<(usize, String)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            let toks: Vec<&str> = l.split_whitespace().collect();
            match toks.as_slice() {
                [kw, name] if kw.eq_ignore_ascii_case("problem") => {
                    let name = name
                        .strip_suffix(".DAT")
                        .or_else(|| name.strip_suffix(".dat"))
                        .unwrap_or(name);
                    Some((i, name.to_string()))
                }
                _ => None,
            }
        })
        .collect();
    if heads.is_empty() {
        return Err(MknapError::Malformed {
            path: path.to_path_buf(),
            problem: None,
            line: None,
            message: "no `problem NAME` section".into(),
        });
    }
    let is_sep = |l: &str| l.trim_start().starts_with("+++");
    let mut problems = Vec::new();
    for (h, (start, name)) in heads.iter().enumerate() {
        let end = heads.get(h + 1).map_or(lines.len(), |x| x.0);
        let chunk = &lines[start + 1..end];
        let open = chunk.iter().position(|l| is_sep(l));
        let body: Vec<(usize, &str)> = match open {
            Some(o) => chunk[o + 1..]
                .iter()
                .enumerate()
                .map(|(i, l)| (start + o + 3 + i, *l))
                .take_while(|(_, l)| !is_sep(l))
                .collect(),
            None => Vec::new(),
        };
        let mut t = Tokens::new(path, body.into_iter());
        t.problem = Some(name.clone());
        if open.is_none() || t.remaining() == 0 {
            return Err(t.err(Some(start + 1), "no data after the `+++` line"));
        }
        let m = t.count("the number of constraints m")?;
        let n = t.count("the number of items n")?;
        check_size(&t, n, m)?;
        let mut p = t.problem(name.clone(), n, m, false)?;
        let opt = t.number("the known optimum")?;
        p.optimum = (opt != 0.0).then_some(opt);
        if t.remaining() > 0 {
            let (line, tok) = t.toks[t.pos];
            return Err(t.err(
                Some(line),
                format!(
                    "unexpected `{tok}` after the optimum (expected 2 + n + m + m·n + 1 numbers)"
                ),
            ));
        }
        problems.push(p);
    }
    Ok(problems)
}

/// Key of an mknapcb problem in `mkcbres.txt`: (m constraints, n items, 0-based index k
/// of the problem inside its mknapcb file). Problem `k` of [`read_mknap`]'s result for
/// that file (named `mknapcbF-{k+1}`) has key `(p.m(), p.n(), k)`.
pub type CbKey = (usize, usize, usize);

/// The mknapcb file number (1..9) holding the problems of size m × n.
pub fn mknapcb_file(m: usize, n: usize) -> Option<usize> {
    let mi = [5, 10, 30].iter().position(|&x| x == m)?;
    let ni = [100, 250, 500].iter().position(|&x| x == n)?;
    Some(mi * 3 + ni + 1)
}

/// Both tables of `mkcbres.txt`: best feasible values and LP-relaxation values.
fn read_mkcbres_tables(path: &Path) -> Result<[BTreeMap<CbKey, f64>; 2], MknapError> {
    let text = read_text(path)?;
    let err = |line: usize, message: String| MknapError::Malformed {
        path: path.to_path_buf(),
        problem: None,
        line: Some(line),
        message,
    };
    let mut tables: [BTreeMap<CbKey, f64>; 2] = [BTreeMap::new(), BTreeMap::new()];
    let mut current: Option<usize> = None;
    for (i, line) in text.lines().enumerate() {
        let lower = line.to_ascii_lowercase();
        if lower.contains("problem name") {
            if lower.contains("best feasible") {
                current = Some(0);
            } else if lower.contains("lp") {
                current = Some(1);
            } else {
                return Err(err(
                    i + 1,
                    format!("unknown table heading `{}`", line.trim()),
                ));
            }
            continue;
        }
        let toks: Vec<&str> = line.split_whitespace().collect();
        let Some(key) = toks.first().and_then(|t| parse_cb_name(t)) else {
            continue; // free text
        };
        let Some(table) = current else {
            return Err(err(i + 1, "a row before any table heading".into()));
        };
        let value = match toks.as_slice() {
            [_, v] => v.parse::<f64>().ok().filter(|x| x.is_finite()),
            _ => None,
        }
        .ok_or_else(|| {
            err(
                i + 1,
                format!("expected `m.n-kk value`, found `{}`", line.trim()),
            )
        })?;
        if tables[table].insert(key, value).is_some() {
            return Err(err(i + 1, format!("problem {} is listed twice", toks[0])));
        }
    }
    if tables[0].is_empty() {
        return Err(MknapError::Malformed {
            path: path.to_path_buf(),
            problem: None,
            line: None,
            message: "no `Best Feasible Solution Value` table".into(),
        });
    }
    Ok(tables)
}

/// `m.n-kk` → (m, n, k).
fn parse_cb_name(s: &str) -> Option<CbKey> {
    let (m, rest) = s.split_once('.')?;
    let (n, k) = rest.split_once('-')?;
    let all_digits = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
    if !(all_digits(m) && all_digits(n) && all_digits(k)) {
        return None;
    }
    Some((m.parse().ok()?, n.parse().ok()?, k.parse().ok()?))
}

/// Reads the best feasible values of `mkcbres.txt` (Chu & Beasley 1998): (m, n, k) →
/// value, see [`CbKey`]. These are feasible values, i.e. lower bounds on the optimum.
pub fn read_mkcbres(path: &Path) -> Result<BTreeMap<CbKey, f64>, MknapError> {
    let [best, _] = read_mkcbres_tables(path)?;
    Ok(best)
}

/// Reads the LP-relaxation values of `mkcbres.txt` (upper bounds on the optimum).
pub fn read_mkcbres_lp(path: &Path) -> Result<BTreeMap<CbKey, f64>, MknapError> {
    let [_, lp] = read_mkcbres_tables(path)?;
    Ok(lp)
}

/// The MKP as a one-period portfolio: numbered horizon of 1 period (first 1), objective
/// `value`; one project per item (`I1`, `I2`…; value = profit, duration 1, cost 0), one
/// skill per constraint (`C1`, `C2`…) with capacity `b_i`, and a flat demand `r_ij` for
/// every non-zero weight. Selecting a set of projects is feasible exactly when the item
/// set fits the knapsack, and the objective is its profit.
pub fn to_portfolio(p: &Mkp) -> Portfolio {
    let n = p.profits.len();
    let projects = p
        .profits
        .iter()
        .enumerate()
        .map(|(j, &v)| Project {
            id: format!("I{}", j + 1),
            name: format!("item {}", j + 1),
            value: v,
            benefit: 0.0,
            cost: 0.0,
            duration: 1,
            mandatory: false,
            earliest_start: 0,
            deadline: 0,
            category: None,
        })
        .collect();
    let mut demands = Vec::new();
    for j in 0..n {
        for (i, row) in p.weights.iter().enumerate() {
            match row.get(j) {
                Some(&r) if r != 0.0 => demands.push(Demand {
                    project: j,
                    skill: i,
                    profile: vec![r],
                }),
                _ => {}
            }
        }
    }
    Portfolio {
        name: p.name.clone(),
        horizon: Horizon::new(HorizonKind::Numbered { first: 1 }, 1),
        settings: Settings {
            objective: Objective::Value,
            ..Settings::default()
        },
        projects,
        skills: (1..=p.capacities.len()).map(|i| format!("C{i}")).collect(),
        capacity: p.capacities.iter().map(|&b| vec![b]).collect(),
        people: Vec::new(),
        demands,
        dependencies: Vec::new(),
        budgets: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::psplib::shared_benchmarks;

    fn data(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(name)
    }

    /// Best value over all subsets (small n only).
    fn brute_force(p: &Mkp) -> f64 {
        let n = p.n();
        let mut best = 0.0f64;
        for mask in 0u32..(1 << n) {
            let fits = p.weights.iter().zip(&p.capacities).all(|(row, b)| {
                let load: f64 = (0..n).filter(|j| mask >> j & 1 == 1).map(|j| row[j]).sum();
                load <= b + 1e-9
            });
            if fits {
                let v: f64 = (0..n)
                    .filter(|j| mask >> j & 1 == 1)
                    .map(|j| p.profits[j])
                    .sum();
                best = best.max(v);
            }
        }
        best
    }

    #[test]
    fn mknap1_from_tests_data() {
        let ps = read_mknap(&data("mknap1.txt")).unwrap();
        assert_eq!(ps.len(), 7);
        let dims: Vec<(usize, usize)> = ps.iter().map(|p| (p.n(), p.m())).collect();
        assert_eq!(
            dims,
            vec![
                (6, 10),
                (10, 10),
                (15, 10),
                (20, 10),
                (28, 10),
                (39, 5),
                (50, 5)
            ]
        );
        let optima: Vec<f64> = ps.iter().map(|p| p.optimum.unwrap()).collect();
        assert_eq!(
            optima,
            vec![3800.0, 8706.1, 4015.0, 6120.0, 12400.0, 10618.0, 16537.0]
        );
        assert_eq!(ps[0].name, "mknap1-1");
        assert_eq!(
            ps[0].profits,
            vec![100.0, 600.0, 1200.0, 2400.0, 500.0, 2000.0]
        );
        assert_eq!(ps[0].weights[0], vec![8.0, 12.0, 13.0, 64.0, 22.0, 41.0]);
        assert!(ps
            .iter()
            .all(|p| p.weights.iter().all(|r| r.len() == p.n())));
        // the layout is read the right way round: the optimum is the best subset
        for p in &ps[..3] {
            let best = brute_force(p);
            let opt = p.optimum.unwrap();
            assert!(
                (best - opt).abs() <= 1e-6 * opt,
                "{}: {best} vs {opt}",
                p.name
            );
        }
    }

    #[test]
    fn mknap_to_portfolio() {
        let ps = read_mknap(&data("mknap1.txt")).unwrap();
        let p = &ps[0];
        let pf = to_portfolio(p);
        assert_eq!(pf.name, "mknap1-1");
        assert_eq!(pf.periods(), 1);
        assert_eq!(pf.horizon.kind, HorizonKind::Numbered { first: 1 });
        assert_eq!(pf.settings.objective, Objective::Value);
        assert_eq!(pf.projects.len(), 6);
        assert_eq!(pf.projects[3].id, "I4");
        assert_eq!(pf.projects[3].value, 2400.0);
        assert!(pf
            .projects
            .iter()
            .all(|x| x.duration == 1 && x.deadline == 0 && !x.mandatory));
        assert_eq!(pf.skills.len(), 10);
        assert_eq!(pf.skills[9], "C10");
        assert_eq!(pf.capacity[0], vec![p.capacities[0]]);
        let nonzero = p.weights.iter().flatten().filter(|&&w| w != 0.0).count();
        assert_eq!(pf.demands.len(), nonzero);
        assert!(
            nonzero < 60,
            "mknap1-1 has zero weights, which must be skipped"
        );
        for d in &pf.demands {
            assert_eq!(d.profile, vec![p.weights[d.skill][d.project]]);
        }
    }

    #[test]
    fn malformed_knapsack_files_are_typed_errors() {
        let text = std::fs::read_to_string(data("mknap1.txt")).unwrap();
        let p = Path::new("bad.txt");
        let check = |t: &str, want: &str| {
            let e = parse_mknap(t, p).expect_err(want);
            assert!(matches!(e, MknapError::Malformed { .. }));
            let msg = e.to_string();
            assert!(
                msg.starts_with("bad.txt") && msg.contains(want),
                "{msg} / {want}"
            );
        };
        check(
            &text.replacen(" 7", " 8", 1),
            "the data end where the number of items n was expected",
        );
        check(&text.replacen(" 7", " 6", 1), "unexpected `");
        check(
            &text.replacen("1200", "12x0", 1),
            "line 4 (problem 1): profits: expected a number ≥ 0, found `12x0`",
        );
        check(&text.replacen("1200", "-1200", 1), "found `-1200`");
        check(
            &text.replacen(" 6 10 3800", " 6 10 abc", 1),
            "the optimal value",
        );
        check(
            " 1\n 3 2 0\n 1 2 3\n 1 1",
            "need 11 more numbers, only 5 left",
        );
        check(" 1\n 99999999999 99999999999 0\n", "need");
        check("", "the number of problems");
        check(" 1\n 0 2 0\n", "n = 0 items");
        assert!(parse_mknap2("nothing here", p).is_err());
        let e =
            parse_mknap2(" problem X.DAT\n +++\n 1 2\n 5 6\n 10\n 3 4\n 11 12\n", p).unwrap_err();
        assert!(e.to_string().contains("(problem X)"), "{e}");
        let ok = parse_mknap2(
            " problem X.DAT\n\n +++\n 1 2\n 5 6\n 10\n 3 4\n 11\n +++\n",
            p,
        )
        .unwrap();
        assert_eq!(ok[0].name, "X");
        assert_eq!(ok[0].weights, vec![vec![3.0, 4.0]]);
        assert_eq!(ok[0].capacities, vec![10.0]);
        assert_eq!(ok[0].optimum, Some(11.0));
        let e = read_mknap(Path::new("/nonexistent/m.txt")).unwrap_err();
        assert!(matches!(e, MknapError::Io { .. }) && e.to_string().contains("/nonexistent/m.txt"));
    }

    #[test]
    fn mknap1_shared_copy_is_the_tests_data_copy() {
        let Some(dir) = shared_benchmarks("mkp") else {
            return;
        };
        let a = read_mknap(&dir.join("mknap1.txt")).unwrap();
        assert_eq!(a, read_mknap(&data("mknap1.txt")).unwrap());
    }

    #[test]
    fn mknap2_parses_48() {
        let Some(dir) = shared_benchmarks("mkp") else {
            return;
        };
        let ps = read_mknap2(&dir.join("mknap2.txt")).unwrap();
        assert_eq!(ps.len(), 48);
        let get = |n: &str| {
            ps.iter()
                .find(|p| p.name == n)
                .unwrap_or_else(|| panic!("{n}"))
        };
        assert_eq!(get("WEING1").optimum, Some(141278.0));
        assert_eq!(get("SENTO1").optimum, Some(7772.0));
        assert_eq!(get("HP1").optimum, Some(3418.0));
        assert_eq!(get("PB7").optimum, Some(1035.0));
        assert_eq!((get("SENTO1").m(), get("SENTO1").n()), (30, 60));
        assert_eq!((get("WEING1").m(), get("WEING1").n()), (2, 28));
        assert_eq!(get("WEING1").capacities, vec![600.0, 600.0]);
        assert_eq!(get("WEING1").profits[..3], [1898.0, 440.0, 22507.0]);
        assert!(ps.iter().all(|p| p.optimum.is_some()
            && p.weights.len() == p.m()
            && p.weights.iter().all(|r| r.len() == p.n())));
    }

    #[test]
    fn mknapcb_files_and_mkcbres() {
        let Some(dir) = shared_benchmarks("mkp") else {
            return;
        };
        let best = read_mkcbres(&dir.join("mkcbres.txt")).unwrap();
        let lp = read_mkcbres_lp(&dir.join("mkcbres.txt")).unwrap();
        assert_eq!(best.len(), 270);
        assert_eq!(lp.len(), 270);
        assert_eq!(best[&(5, 100, 0)], 24381.0);
        assert!((lp[&(5, 100, 0)] - 24585.902722).abs() < 1e-6);
        for f in 1..=9 {
            let ps = read_mknap(&dir.join(format!("mknapcb{f}.txt"))).unwrap();
            assert_eq!(ps.len(), 30, "mknapcb{f}");
            for (k, p) in ps.iter().enumerate() {
                assert_eq!(p.optimum, None);
                assert_eq!(p.name, format!("mknapcb{f}-{}", k + 1));
                assert_eq!(mknapcb_file(p.m(), p.n()), Some(f));
                let key = (p.m(), p.n(), k);
                assert!(best[&key] <= lp[&key], "{key:?}");
                // the best value is below the sum of all profits
                assert!(best[&key] <= p.profits.iter().sum::<f64>());
            }
        }
    }
}
