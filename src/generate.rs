//! Synthetic portfolios for benchmarks and tests (`pmo generate`).
//!
//! A generated portfolio looks like a large group's yearly call for projects: monthly
//! periods from 2027-01, skewed project sizes (a few large programmes, many small
//! changes), value correlated with cost, dependencies, a few mandatory (regulatory)
//! projects, capacity and budget that fit about half of what is asked for, category
//! budget shares and multi-skilled people.
//!
//! It is fully determined by [`GenerateOptions`]: the random numbers come from the
//! crate's own SplitMix64 ([`crate::solve::sgs::SplitMix`]), every quantity is rounded
//! to a whole number, and each aspect (projects, mandatory set, dependencies, people)
//! draws from its own stream, so the same options give the same folder byte for byte
//! whatever the crate versions.
//!
//! # What is drawn
//!
//! * size factor `z` log-normal (median 1, σ = 0.8); team size `0.5 + 1.5·z^0.7` FTE of
//!   18 person-days a month; duration `1 + 2.5·z^0.6` (log-normal noise) clamped to
//!   1..=12 periods and to the horizon; 1 to 6 skills per project (more for larger
//!   teams), picked by skill popularity, each with a whole number of person-days per
//!   period (a flat profile);
//! * cost = labour at 0.6 per person-day plus external spend (log-normal, median 30 %);
//!   value = cost × a return drawn per category (regulatory projects return less,
//!   marketing and digital more); 30 % of the projects add a benefit per period
//!   remaining after their finish;
//! * windows: 65 % may start at once, the others later; 20 % have a deadline;
//! * ~5 % mandatory: drawn among the smallest 40 % of the projects (by effort), whole
//!   horizon as their window, no dependency making them need another project, and
//!   checked to fit together: each is placed in a schedule of the mandatory projects
//!   alone on the anonymous capacity (people not counted), and all of them cost at most
//!   30 % of the budget; a candidate that does not fit is passed over;
//! * ~15 % of the projects have a `precedes` predecessor (a fifth of them a second one),
//!   always from a lower to a higher index so the graph is acyclic, lag 0 or 1, chosen
//!   so that both fit in the horizon one after the other; ~2 % `requires`, ~2 %
//!   `excludes` pairs (alternatives, same category where possible);
//! * capacity: per skill, half of the skill's demanded person-days spread over the
//!   horizon, of which about a fifth comes from named people with 2–3 skills; August
//!   at 70 % and December at 85 % (holidays); never less than the largest need of a
//!   single project, so every project can run alone;
//! * budget: half of the requested cost (settings.csv `budget`); a maximum for every
//!   category (0.9–1.3 times its proportional share) and a minimum for `Regulatory`
//!   (0.6 times its share).

use crate::model::{
    BudgetLimit, BudgetScope, Demand, DepKind, Dependency, Horizon, HorizonKind, Objective, Person,
    Portfolio, Project, Settings,
};
use crate::solve::sgs::SplitMix;
use std::collections::BTreeSet;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerateOptions {
    /// Number of project requests (≥ 1).
    pub projects: usize,
    /// Monthly periods from 2027-01 (≥ 1).
    pub periods: usize,
    /// Number of skills (≥ 1).
    pub skills: usize,
    /// Seed of the random numbers.
    pub seed: u64,
}

impl GenerateOptions {
    pub fn new(projects: usize, periods: usize, skills: usize, seed: u64) -> Self {
        GenerateOptions {
            projects,
            periods,
            skills,
            seed,
        }
    }

    /// The default portfolio name, e.g. `gen-200x12x15-s1`.
    pub fn name(&self) -> String {
        format!(
            "gen-{}x{}x{}-s{}",
            self.projects, self.periods, self.skills, self.seed
        )
    }

    /// Checks the sizes.
    pub fn validate(&self) -> Result<(), GenerateError> {
        let check = |what: &str, v: usize, max: usize| {
            if v == 0 || v > max {
                Err(GenerateError(format!(
                    "{what} must be between 1 and {max} (got {v})"
                )))
            } else {
                Ok(())
            }
        };
        check("projects", self.projects, 1_000_000)?;
        check("periods", self.periods, 1200)?;
        check("skills", self.skills, 1000)
    }
}

/// Invalid generator options.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct GenerateError(pub String);

const HOLIDAY_AUGUST: f64 = 0.7;
const HOLIDAY_DECEMBER: f64 = 0.85;
const DAYS_PER_FTE: f64 = 18.0;
const RATE: f64 = 0.6;

const SKILL_NAMES: [&str; 20] = [
    "Developer",
    "Tester",
    "Business Analyst",
    "Project Manager",
    "Architect",
    "Data Engineer",
    "DevOps",
    "UX Designer",
    "Security",
    "Data Scientist",
    "Network",
    "DBA",
    "Change Manager",
    "Legal",
    "Procurement",
    "Finance",
    "Trainer",
    "Scrum Master",
    "Mainframe",
    "Cloud Engineer",
];

/// (category, weight in the draw, median return value/cost).
const CATEGORIES: [(&str, f64, f64); 8] = [
    ("IT", 0.28, 1.6),
    ("Digital", 0.18, 2.2),
    ("Operations", 0.15, 1.8),
    ("Regulatory", 0.12, 0.9),
    ("Marketing", 0.10, 2.5),
    ("Data", 0.08, 2.0),
    ("Real Estate", 0.05, 1.3),
    ("Risk", 0.04, 1.2),
];

const THEMES: [&str; 24] = [
    "CRM",
    "Payments",
    "Data platform",
    "Mobile app",
    "Core banking",
    "HR system",
    "Intranet",
    "Billing",
    "Customer portal",
    "Warehouse",
    "Reporting",
    "Identity",
    "Network",
    "Call centre",
    "E-commerce",
    "ERP",
    "Document management",
    "Pricing engine",
    "Fraud detection",
    "Supplier portal",
    "Branch office",
    "Cloud landing zone",
    "Analytics",
    "Compliance reporting",
];

const ACTIONS: [&str; 12] = [
    "migration",
    "upgrade",
    "rollout",
    "redesign",
    "automation",
    "consolidation",
    "replacement",
    "extension",
    "integration",
    "modernisation",
    "pilot",
    "decommissioning",
];

const FIRST_NAMES: [&str; 20] = [
    "Alice", "Bruno", "Chloé", "David", "Emma", "Farid", "Gabriel", "Hana", "Ines", "Jonas",
    "Karim", "Léa", "Marc", "Nina", "Omar", "Paula", "Quentin", "Rosa", "Sami", "Tara",
];

const LAST_NAMES: [&str; 20] = [
    "Martin", "Bernard", "Dubois", "Moreau", "Laurent", "Simon", "Michel", "Garcia", "Roux",
    "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent",
    "Muller", "Lefevre", "Faure",
];

/// Random numbers over [`SplitMix`], with the few distributions the generator needs.
struct Rng(SplitMix);

impl Rng {
    /// An independent stream `stream` for `seed`.
    fn new(seed: u64, stream: u64) -> Self {
        let mut mix = SplitMix::new(seed ^ 0x706D_6F2D_6765_6E00);
        let base = mix.next_u64();
        Rng(SplitMix::new(
            base ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03),
        ))
    }
    fn f64(&mut self) -> f64 {
        self.0.next_f64()
    }
    fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }
    fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.f64()
    }
    /// Uniform integer in `lo..=hi`.
    fn int(&mut self, lo: usize, hi: usize) -> usize {
        if hi <= lo {
            return lo;
        }
        lo + (self.0.next_u64() % (hi - lo + 1) as u64) as usize
    }
    /// Standard normal (Box–Muller).
    fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.f64(); // (0, 1]
        let u2 = self.f64();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }
    fn lognormal(&mut self, median: f64, sigma: f64) -> f64 {
        median * (sigma * self.normal()).exp()
    }
    /// Index drawn with probability proportional to `weights`.
    fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut r = self.f64() * total;
        for (i, w) in weights.iter().enumerate() {
            if r < *w {
                return i;
            }
            r -= w;
        }
        weights.len() - 1
    }
    /// Fisher–Yates.
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.int(0, i);
            v.swap(i, j);
        }
    }
}

fn skill_name(s: usize) -> String {
    match SKILL_NAMES.get(s) {
        Some(n) => n.to_string(),
        None => format!("Skill {}", s + 1),
    }
}

/// Capacity factor of 0-based period `t` of a monthly horizon starting in January.
fn holiday_factor(t: usize) -> f64 {
    match t % 12 {
        7 => HOLIDAY_AUGUST,
        11 => HOLIDAY_DECEMBER,
        _ => 1.0,
    }
}

/// Per-project draws before the portfolio-wide adjustments.
struct Draft {
    project: Project,
    /// (skill, person-days per period of the run).
    needs: Vec<(usize, f64)>,
}

impl Draft {
    fn effort(&self) -> f64 {
        self.needs.iter().map(|(_, r)| r).sum::<f64>() * self.project.duration as f64
    }
}

/// Generates a portfolio (see the module documentation).
pub fn generate(opts: &GenerateOptions) -> Result<Portfolio, GenerateError> {
    opts.validate()?;
    let n = opts.projects;
    let periods = opts.periods;
    let n_skills = opts.skills;
    let last = periods - 1;

    // Categories: 3 to 8 depending on the size, Regulatory always among them.
    let n_cat = ((n as f64).sqrt() / 2.0).round().clamp(3.0, 8.0) as usize;
    let n_cat = n_cat.min(n.max(1)).max(1);
    let mut cats: Vec<usize> = (0..n_cat).collect();
    if !cats.contains(&3) {
        *cats.last_mut().expect("at least one category") = 3;
    }
    let cat_weights: Vec<f64> = cats.iter().map(|&c| CATEGORIES[c].1).collect();

    // Skill popularity: a few skills are in every project, most are rarer.
    let popularity: Vec<f64> = (0..n_skills)
        .map(|s| 1.0 / ((s + 1) as f64).powf(0.8))
        .collect();

    // 1. Projects.
    let mut rng = Rng::new(opts.seed, 1);
    let width = n.to_string().len().max(3);
    let mut drafts: Vec<Draft> = Vec::with_capacity(n);
    for i in 0..n {
        let z = rng.lognormal(1.0, 0.8);
        let fte = 0.5 + 1.5 * z.powf(0.7);
        let duration = (1.0 + 2.5 * z.powf(0.6) * rng.lognormal(1.0, 0.35))
            .round()
            .clamp(1.0, 12f64.min(periods as f64)) as usize;
        // Skills: more for larger teams.
        let k =
            ((1.0 + fte * 0.8 + rng.uniform(-0.5, 0.5)).round() as usize).clamp(1, 6.min(n_skills));
        let mut chosen: Vec<usize> = Vec::with_capacity(k);
        let mut w = popularity.clone();
        for _ in 0..k {
            let s = rng.weighted(&w);
            w[s] = 0.0;
            chosen.push(s);
        }
        chosen.sort_unstable();
        let shares: Vec<f64> = chosen.iter().map(|_| rng.uniform(0.5, 1.5)).collect();
        let total_share: f64 = shares.iter().sum();
        let per_period = DAYS_PER_FTE * fte;
        let needs: Vec<(usize, f64)> = chosen
            .iter()
            .zip(&shares)
            .map(|(&s, sh)| (s, (per_period * sh / total_share).round().max(1.0)))
            .collect();
        let effort: f64 = needs.iter().map(|(_, r)| r).sum::<f64>() * duration as f64;
        let cat = cats[rng.weighted(&cat_weights)];
        let (cat_name, _, ret) = CATEGORIES[cat];
        let labour = effort * RATE;
        let cost = (labour * (1.0 + rng.lognormal(0.3, 0.5))).round().max(1.0);
        let value = (cost * rng.lognormal(ret, 0.45)).round();
        let benefit = if rng.chance(0.3) {
            (value * rng.uniform(0.004, 0.012)).round()
        } else {
            0.0
        };
        let slack = periods - duration; // latest possible start
        let earliest_start = if rng.chance(0.65) {
            0
        } else {
            let u = rng.f64();
            ((u * u) * (slack + 1) as f64).floor().min(slack as f64) as usize
        };
        let deadline = if rng.chance(0.2) {
            let room = last - (earliest_start + duration - 1);
            (earliest_start + duration - 1 + rng.int(0, room / 2)).min(last)
        } else {
            last
        };
        let theme = THEMES[rng.int(0, THEMES.len() - 1)];
        let action = ACTIONS[rng.int(0, ACTIONS.len() - 1)];
        let phase = if rng.chance(0.15) { " phase 2" } else { "" };
        drafts.push(Draft {
            project: Project {
                id: format!("P{:0width$}", i + 1),
                name: format!("{theme} {action}{phase}"),
                value,
                benefit,
                cost,
                duration,
                mandatory: false,
                earliest_start,
                deadline,
                category: Some(cat_name.to_string()),
            },
            needs,
        });
    }

    // 2. Capacity targets: half of each skill's demand over the horizon.
    let mut demand_days = vec![0.0; n_skills];
    let mut largest_need = vec![0.0f64; n_skills];
    for d in &drafts {
        for &(s, r) in &d.needs {
            demand_days[s] += r * d.project.duration as f64;
            largest_need[s] = largest_need[s].max(r);
        }
    }
    let target: Vec<f64> = demand_days
        .iter()
        .map(|dd| 0.5 * dd / periods as f64)
        .collect();

    // 3. People: about a fifth of the capacity, 2–3 skills each, weighted by demand.
    let mut rng = Rng::new(opts.seed, 2);
    let total_target: f64 = target.iter().sum();
    let n_people = ((0.2 * total_target / 15.0).round() as usize).clamp(2, 100);
    let mut people = Vec::with_capacity(n_people);
    let mut people_share = vec![0.0; n_skills];
    let mut names = BTreeSet::new();
    for k in 0..n_people {
        let m = rng.int(2, 3).min(n_skills);
        let mut w = demand_days.clone();
        if w.iter().all(|x| *x <= 0.0) {
            w = vec![1.0; n_skills];
        }
        let mut skills = Vec::with_capacity(m);
        for _ in 0..m {
            if w.iter().all(|x| *x <= 0.0) {
                break;
            }
            let s = rng.weighted(&w);
            w[s] = 0.0;
            skills.push(s);
        }
        skills.sort_unstable();
        let base = rng.int(12, 18) as f64;
        for &s in &skills {
            people_share[s] += base / skills.len() as f64;
        }
        let availability: Vec<f64> = (0..periods)
            .map(|t| match t % 12 {
                7 => (base * 0.5).round(),
                11 => (base * 0.8).round(),
                _ => base,
            })
            .collect();
        let mut name = format!(
            "{} {}",
            FIRST_NAMES[rng.int(0, FIRST_NAMES.len() - 1)],
            LAST_NAMES[rng.int(0, LAST_NAMES.len() - 1)]
        );
        if names.contains(&name) {
            name = format!("{name} {}", k + 1);
        }
        names.insert(name.clone());
        people.push(Person {
            name,
            skills,
            availability,
        });
    }
    let capacity: Vec<Vec<f64>> = (0..n_skills)
        .map(|s| {
            let base = (target[s] - people_share[s]).max(0.0);
            (0..periods)
                .map(|t| {
                    (base * holiday_factor(t))
                        .round()
                        .max(largest_need[s].ceil())
                })
                .collect()
        })
        .collect();

    // 4. Mandatory projects: small ones, whole horizon, that fit together.
    let mut rng = Rng::new(opts.seed, 3);
    let total_cost: f64 = drafts.iter().map(|d| d.project.cost).sum();
    let budget = (0.5 * total_cost).round();
    let want = (0.05 * n as f64).round() as usize;
    let mut by_effort: Vec<usize> = (0..n).collect();
    by_effort.sort_by(|&a, &b| {
        drafts[a]
            .effort()
            .total_cmp(&drafts[b].effort())
            .then(a.cmp(&b))
    });
    let mut pool: Vec<usize> = by_effort[..((0.4 * n as f64).ceil() as usize).min(n)].to_vec();
    rng.shuffle(&mut pool);
    // Each must fit beside those already taken in a schedule of their own on the
    // anonymous capacity (people not counted), and all of them in 30 % of the budget.
    let mut used = vec![vec![0.0; periods]; n_skills];
    let mut mandatory_cost = 0.0;
    let mut mandatory: Vec<usize> = Vec::with_capacity(want);
    for p in pool {
        if mandatory.len() >= want {
            break;
        }
        let d = &drafts[p];
        if mandatory_cost + d.project.cost > 0.3 * budget {
            continue;
        }
        let dur = d.project.duration;
        let fits_at = |s: usize| {
            d.needs
                .iter()
                .all(|&(k, r)| (s..s + dur).all(|t| used[k][t] + r <= capacity[k][t]))
        };
        if let Some(start) = (0..=periods - dur).find(|&s| fits_at(s)) {
            for &(k, r) in &d.needs {
                for u in &mut used[k][start..start + dur] {
                    *u += r;
                }
            }
            mandatory_cost += d.project.cost;
            mandatory.push(p);
        }
    }
    mandatory.sort_unstable();
    let is_mandatory: Vec<bool> = (0..n)
        .map(|p| mandatory.binary_search(&p).is_ok())
        .collect();
    for &p in &mandatory {
        let pr = &mut drafts[p].project;
        pr.mandatory = true;
        pr.earliest_start = 0;
        pr.deadline = last;
    }

    // 5. Dependencies, always from a lower to a higher index (acyclic).
    let mut rng = Rng::new(opts.seed, 4);
    let mut dependencies = Vec::new();
    let mut linked: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut involved = vec![false; n];
    let mut successors: Vec<usize> = (1..n).filter(|&j| !is_mandatory[j]).collect();
    rng.shuffle(&mut successors);
    successors.truncate((0.15 * n as f64).round() as usize);
    // In increasing order, so that the earliest start of every predecessor (a lower
    // index) is final when a successor is linked to it.
    successors.sort_unstable();
    let mut es: Vec<usize> = drafts.iter().map(|d| d.project.earliest_start).collect();
    for &j in &successors {
        let preds = if rng.chance(0.2) { 2 } else { 1 };
        let mut got = 0;
        for _attempt in 0..8 {
            if got >= preds {
                break;
            }
            let i = rng.int(j.saturating_sub(30), j - 1);
            if linked.contains(&(i, j)) {
                continue;
            }
            let lag = usize::from(rng.chance(0.2));
            // Both must fit one after the other inside the horizon.
            let j_start = (es[i] + drafts[i].project.duration + lag).max(es[j]);
            let pj = &mut drafts[j].project;
            if j_start + pj.duration > periods {
                continue;
            }
            if j_start + pj.duration - 1 > pj.deadline {
                pj.deadline = last;
            }
            es[j] = j_start;
            dependencies.push(Dependency {
                from: i,
                to: j,
                kind: DepKind::Precedes { lag: lag as i64 },
            });
            linked.insert((i, j));
            involved[i] = true;
            involved[j] = true;
            got += 1;
        }
    }
    let want_other = if n >= 10 {
        ((0.02 * n as f64).round() as usize).max(1)
    } else {
        0
    };
    // requires: j needs i (no timing).
    let mut made = 0;
    for _attempt in 0..want_other * 20 {
        if made >= want_other {
            break;
        }
        let j = rng.int(1, n - 1);
        let i = rng.int(j.saturating_sub(30), j - 1);
        if is_mandatory[j] || linked.contains(&(i, j)) {
            continue;
        }
        dependencies.push(Dependency {
            from: i,
            to: j,
            kind: DepKind::Requires,
        });
        linked.insert((i, j));
        involved[i] = true;
        involved[j] = true;
        made += 1;
    }
    // excludes: alternatives, between projects with no other dependency.
    let free: Vec<usize> = (0..n)
        .filter(|&p| !is_mandatory[p] && !involved[p])
        .collect();
    let mut made = 0;
    for _attempt in 0..want_other * 20 {
        if made >= want_other || free.len() < 2 {
            break;
        }
        let a = free[rng.int(0, free.len() - 1)];
        // Prefer a partner of the same category.
        let same: Vec<usize> = free
            .iter()
            .copied()
            .filter(|&b| {
                b != a && !involved[b] && drafts[b].project.category == drafts[a].project.category
            })
            .collect();
        let b = if same.is_empty() {
            free[rng.int(0, free.len() - 1)]
        } else {
            same[rng.int(0, same.len() - 1)]
        };
        if a == b || involved[a] || involved[b] {
            continue;
        }
        let (i, j) = (a.min(b), a.max(b));
        dependencies.push(Dependency {
            from: i,
            to: j,
            kind: DepKind::Excludes,
        });
        linked.insert((i, j));
        involved[i] = true;
        involved[j] = true;
        made += 1;
    }

    // 6. Budgets: total in settings.csv, category shares in budgets.csv.
    let mut rng = Rng::new(opts.seed, 5);
    let mut budgets = vec![BudgetLimit {
        scope: BudgetScope::Total,
        min: None,
        max: Some(budget),
        source: "settings.csv budget".into(),
    }];
    let mut cat_names: Vec<&str> = cats.iter().map(|&c| CATEGORIES[c].0).collect();
    cat_names.sort_unstable();
    for name in cat_names {
        let in_cat = |d: &&Draft| d.project.category.as_deref() == Some(name);
        let cat_cost: f64 = drafts.iter().filter(in_cat).map(|d| d.project.cost).sum();
        if cat_cost <= 0.0 {
            continue;
        }
        let must: f64 = drafts
            .iter()
            .filter(in_cat)
            .filter(|d| d.project.mandatory)
            .map(|d| d.project.cost)
            .sum();
        let share = cat_cost / total_cost;
        let max = (budget * share * rng.uniform(0.9, 1.3))
            .round()
            .max((must * 1.25).ceil() + 1.0);
        let min = (name == "Regulatory").then(|| (budget * share * 0.6).round().min(max));
        let line = budgets.len() + 1; // header is line 1; the settings row is not here
        budgets.push(BudgetLimit {
            scope: BudgetScope::Category(name.to_string()),
            min,
            max: Some(max),
            source: format!("budgets.csv line {line}"),
        });
    }

    let demands = drafts
        .iter()
        .enumerate()
        .flat_map(|(p, d)| {
            let duration = d.project.duration;
            d.needs.iter().map(move |&(skill, r)| Demand {
                project: p,
                skill,
                profile: vec![r; duration],
            })
        })
        .collect();
    Ok(Portfolio {
        name: opts.name(),
        horizon: Horizon::new(
            HorizonKind::Monthly {
                year: 2027,
                month: 1,
            },
            periods,
        ),
        settings: Settings {
            objective: Objective::Value,
            time_limit: 60.0,
            mip_gap: 0.0,
        },
        projects: drafts.into_iter().map(|d| d.project).collect(),
        skills: (0..n_skills).map(skill_name).collect(),
        capacity,
        people,
        demands,
        dependencies,
        budgets,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_portfolio() {
        let o = GenerateOptions::new(120, 18, 8, 7);
        assert_eq!(generate(&o).unwrap(), generate(&o).unwrap());
        let other = GenerateOptions {
            seed: 8,
            ..o.clone()
        };
        assert_ne!(generate(&o).unwrap(), generate(&other).unwrap());
    }

    #[test]
    fn tiny_sizes_work() {
        for (n, t, s) in [(1, 1, 1), (2, 1, 1), (5, 3, 2), (12, 2, 30)] {
            let p = generate(&GenerateOptions::new(n, t, s, 1)).unwrap();
            assert_eq!(p.projects.len(), n);
            for pr in &p.projects {
                assert!(pr.earliest_start + pr.duration - 1 <= pr.deadline);
                assert!(pr.deadline < t);
            }
        }
        assert!(generate(&GenerateOptions::new(0, 12, 3, 1)).is_err());
    }

    #[test]
    fn dependencies_go_forward_and_mandatory_ones_need_nothing() {
        let p = generate(&GenerateOptions::new(400, 24, 15, 3)).unwrap();
        for d in &p.dependencies {
            assert!(d.from < d.to);
            if d.kind != DepKind::Excludes {
                assert!(!p.projects[d.to].mandatory);
            }
        }
    }
}
