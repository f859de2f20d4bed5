//! Incremental resource state of a partial plan, for the heuristics and for the
//! "why was this project left out" reasons: skill loads (with people's shared time),
//! spend per period, budgets.

use super::flow::{assign, Pool};
use crate::model::{BudgetScope, Portfolio};

/// Tolerance used solver-side (tighter than the checker's 1e-6, so that every plan the
/// heuristics build passes the checker).
const TOL: f64 = 1e-9;

fn over(lhs: f64, rhs: f64) -> bool {
    lhs > rhs + TOL * lhs.abs().max(rhs.abs()).max(1.0)
}

/// Static data derived once from a portfolio.
#[derive(Debug, Clone)]
pub struct Resources {
    /// Anonymous capacity plus the time of single-skill people, `[skill][period]`.
    pub base: Vec<Vec<f64>>,
    /// People with several skills (their time is shared by a flow).
    pub pools: Vec<Pool>,
    /// Availability of each pool, `[pool][period]`.
    pub pool_avail: Vec<Vec<f64>>,
    /// Index in `portfolio.people` of each pool.
    pub pool_person: Vec<usize>,
    /// Skill served by at least one pool.
    pub shared: Vec<bool>,
    /// Per project: (skill, profile).
    pub demand: Vec<Vec<(usize, Vec<f64>)>>,
    /// Category index of each project (into `categories`).
    pub category: Vec<Option<usize>>,
    pub categories: Vec<String>,
}

impl Resources {
    pub fn new(portfolio: &Portfolio) -> Self {
        let mut base = portfolio.capacity.clone();
        let mut pools = Vec::new();
        let mut pool_avail = Vec::new();
        let mut pool_person = Vec::new();
        let mut shared = vec![false; portfolio.skills.len()];
        for (i, person) in portfolio.people.iter().enumerate() {
            if person.skills.len() == 1 {
                let k = person.skills[0];
                for (b, a) in base[k].iter_mut().zip(&person.availability) {
                    *b += a;
                }
            } else if !person.skills.is_empty() {
                for &k in &person.skills {
                    shared[k] = true;
                }
                pools.push(Pool {
                    skills: person.skills.clone(),
                });
                pool_avail.push(person.availability.clone());
                pool_person.push(i);
            }
        }
        let mut demand = vec![Vec::new(); portfolio.projects.len()];
        for d in &portfolio.demands {
            if d.profile.iter().any(|&e| e > 0.0) {
                demand[d.project].push((d.skill, d.profile.clone()));
            }
        }
        let categories = portfolio.categories();
        let category = portfolio
            .projects
            .iter()
            .map(|p| {
                p.category
                    .as_ref()
                    .map(|c| categories.binary_search(c).expect("category listed"))
            })
            .collect();
        Resources {
            base,
            pools,
            pool_avail,
            pool_person,
            shared,
            demand,
            category,
            categories,
        }
    }

    /// Most a skill can get in a period (anonymous plus every person who has it).
    pub fn potential(&self, k: usize, t: usize) -> f64 {
        let mut c = self.base[k][t];
        for (q, pool) in self.pools.iter().enumerate() {
            if pool.skills.contains(&k) {
                c += self.pool_avail[q][t];
            }
        }
        c
    }
}

/// Something that stops a project from being added at a start.
#[derive(Debug, Clone, PartialEq)]
pub enum Blocker {
    /// Skill (or, with shared people, a group of skills) over capacity in a period.
    Skill {
        skill: usize,
        period: usize,
        over: f64,
    },
    /// A budget limit (index into `portfolio.budgets`) exceeded.
    Budget { limit: usize, over: f64 },
}

/// A partial plan with its loads.
#[derive(Debug, Clone)]
pub struct State<'a> {
    pub portfolio: &'a Portfolio,
    pub res: &'a Resources,
    pub start: Vec<Option<usize>>,
    /// Demand `[skill][period]`.
    pub load: Vec<Vec<f64>>,
    /// Spend per period.
    pub spend: Vec<f64>,
    pub total_cost: f64,
    pub category_cost: Vec<f64>,
}

impl<'a> State<'a> {
    pub fn new(portfolio: &'a Portfolio, res: &'a Resources) -> Self {
        State {
            portfolio,
            res,
            start: vec![None; portfolio.projects.len()],
            load: vec![vec![0.0; portfolio.periods()]; portfolio.skills.len()],
            spend: vec![0.0; portfolio.periods()],
            total_cost: 0.0,
            category_cost: vec![0.0; res.categories.len()],
        }
    }

    fn apply(&mut self, p: usize, s: usize, sign: f64) {
        let pr = &self.portfolio.projects[p];
        for (k, profile) in &self.res.demand[p] {
            for (o, e) in profile.iter().enumerate() {
                self.load[*k][s + o] += sign * e;
            }
        }
        let per = pr.cost_per_period();
        for t in s..s + pr.duration {
            self.spend[t] += sign * per;
        }
        self.total_cost += sign * pr.cost;
        if let Some(c) = self.res.category[p] {
            self.category_cost[c] += sign * pr.cost;
        }
    }

    pub fn place(&mut self, p: usize, s: usize) {
        debug_assert!(self.start[p].is_none());
        self.apply(p, s, 1.0);
        self.start[p] = Some(s);
    }

    pub fn remove(&mut self, p: usize) {
        if let Some(s) = self.start[p].take() {
            self.apply(p, s, -1.0);
        }
    }

    /// True when `p` can be added at `s` without breaking a capacity or a budget max.
    pub fn fits(&self, p: usize, s: usize) -> bool {
        self.blockers(p, s, true).is_empty()
    }

    /// What adding `p` at `s` would break (capacity and budget maxima). With
    /// `first_only`, stops at the first one.
    pub fn blockers(&self, p: usize, s: usize, first_only: bool) -> Vec<Blocker> {
        let mut out = Vec::new();
        let pr = &self.portfolio.projects[p];
        if s + pr.duration > self.portfolio.periods() {
            return vec![Blocker::Budget {
                limit: usize::MAX,
                over: 0.0,
            }];
        }
        self.budget_blockers(p, s, first_only, &mut out);
        if first_only && !out.is_empty() {
            return out;
        }
        self.skill_blockers(p, s, first_only, &mut out);
        out
    }

    fn budget_blockers(&self, p: usize, s: usize, first_only: bool, out: &mut Vec<Blocker>) {
        let pr = &self.portfolio.projects[p];
        let per = pr.cost_per_period();
        for (i, b) in self.portfolio.budgets.iter().enumerate() {
            let Some(max) = b.max else { continue };
            let (now, add) = match &b.scope {
                BudgetScope::Total => (self.total_cost, pr.cost),
                BudgetScope::Category(c) => {
                    if pr.category.as_deref() != Some(c.as_str()) {
                        continue;
                    }
                    let ci = self.res.categories.binary_search(c);
                    (ci.map(|ci| self.category_cost[ci]).unwrap_or(0.0), pr.cost)
                }
                BudgetScope::Periods(a, z) => {
                    let lo = s.max(*a);
                    let hi = (s + pr.duration - 1).min(*z);
                    if lo > hi {
                        continue;
                    }
                    let now: f64 = self.spend[*a..=*z].iter().sum();
                    (now, per * (hi - lo + 1) as f64)
                }
            };
            if add > 0.0 && over(now + add, max) {
                out.push(Blocker::Budget {
                    limit: i,
                    over: now + add - max,
                });
                if first_only {
                    return;
                }
            }
        }
    }

    fn skill_blockers(&self, p: usize, s: usize, first_only: bool, out: &mut Vec<Blocker>) {
        for o in 0..self.portfolio.projects[p].duration {
            let t = s + o;
            let mut needs_flow = false;
            let mut touched = false;
            for (k, profile) in &self.res.demand[p] {
                if profile[o] <= 0.0 {
                    continue;
                }
                touched = true;
                let new = self.load[*k][t] + profile[o];
                if over(new, self.res.base[*k][t]) {
                    if self.res.shared[*k] {
                        needs_flow = true;
                    } else {
                        out.push(Blocker::Skill {
                            skill: *k,
                            period: t,
                            over: new - self.res.base[*k][t],
                        });
                        if first_only {
                            return;
                        }
                    }
                }
            }
            if touched && needs_flow {
                for (k, short) in self.flow_shortage(p, o, t) {
                    out.push(Blocker::Skill {
                        skill: k,
                        period: t,
                        over: short,
                    });
                    if first_only {
                        return;
                    }
                }
            }
        }
    }

    /// Demand above the anonymous capacity in period `t`, for the skills people share
    /// (0 for the others).
    fn shared_excess(&self, t: usize) -> Vec<f64> {
        (0..self.portfolio.skills.len())
            .map(|k| {
                if self.res.shared[k] {
                    self.load[k][t] - self.res.base[k][t]
                } else {
                    0.0
                }
            })
            .collect()
    }

    /// Unmet excess per shared skill in period `t` if `p` ran its offset `o` there.
    fn flow_shortage(&self, p: usize, o: usize, t: usize) -> Vec<(usize, f64)> {
        let mut excess = self.shared_excess(t);
        for (k, profile) in &self.res.demand[p] {
            if self.res.shared[*k] {
                excess[*k] += profile[o];
            }
        }
        let avail: Vec<f64> = self.res.pool_avail.iter().map(|a| a[t]).collect();
        let (_, short) = assign(&self.res.pools, &avail, &excess);
        let total_need: f64 = excess.iter().map(|e| e.max(0.0)).sum();
        let tol = TOL * total_need.max(1.0);
        short
            .into_iter()
            .enumerate()
            .filter(|&(_, sh)| sh > tol)
            .collect()
    }

    /// People's time given to each skill in period `t` by a deterministic flow.
    pub fn people_flow(&self, t: usize) -> Vec<Vec<f64>> {
        let excess = self.shared_excess(t);
        let avail: Vec<f64> = self.res.pool_avail.iter().map(|a| a[t]).collect();
        assign(&self.res.pools, &avail, &excess).0
    }

    /// Minimum-spend rules (budget `min`) that the current plan misses, with the amount.
    pub fn unmet_minimums(&self) -> Vec<(usize, f64)> {
        let mut out = Vec::new();
        for (i, b) in self.portfolio.budgets.iter().enumerate() {
            let Some(min) = b.min else { continue };
            let now = match &b.scope {
                BudgetScope::Total => self.total_cost,
                BudgetScope::Category(c) => self
                    .res
                    .categories
                    .binary_search(c)
                    .map(|ci| self.category_cost[ci])
                    .unwrap_or(0.0),
                BudgetScope::Periods(a, z) => self.spend[*a..=*z].iter().sum(),
            };
            if over(min, now) {
                out.push((i, min - now));
            }
        }
        out
    }
}
