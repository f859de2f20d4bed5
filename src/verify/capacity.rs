//! Staff capacity: for every skill and period, the effort of the running projects is at
//! most the anonymous capacity plus what people give that skill. People's time in a
//! period is split freely between their skills: a max-flow source → person
//! (availability) → skill (if the person has it) → sink (the skill's demand in excess
//! of its anonymous capacity), period by period.

use super::flow::Network;
use super::{exceeds, num, Rule, View, Violation};

/// Loads per `[skill][period]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Loads {
    /// Effort of the running projects.
    pub demand: Vec<Vec<f64>>,
    /// Anonymous capacity (capacity.csv).
    pub base: Vec<Vec<f64>>,
    /// What the people having the skill could give it if they gave it all their time.
    pub people_potential: Vec<Vec<f64>>,
    /// What people give the skill in the max flow (at most the demand above `base`).
    pub people_assigned: Vec<Vec<f64>>,
    /// Demand above `base` that the flow leaves unmet (sums to the total shortage).
    pub shortfall: Vec<Vec<f64>>,
}

/// A `[skill][period]` matrix of zeros.
fn zeros(v: &View) -> Vec<Vec<f64>> {
    vec![vec![0.0; v.pf.periods()]; v.pf.skills.len()]
}

pub(super) fn loads(v: &View) -> Loads {
    let demand = demand(v);
    let base = v.pf.capacity.clone();
    let mut people_assigned = zeros(v);
    let mut shortfall = zeros(v);
    for t in 0..v.pf.periods() {
        // Demand within tolerance of the anonymous capacity asks nothing of people, so
        // that their time goes where it is really needed.
        let excess: Vec<f64> = (0..v.pf.skills.len())
            .map(|s| (demand[s][t], base[s][t]))
            .map(|(d, b)| if exceeds(d, b) { d - b } else { 0.0 })
            .collect();
        for (s, given) in assign(v, &excess, t).into_iter().enumerate() {
            people_assigned[s][t] = given;
            shortfall[s][t] = (excess[s] - given).max(0.0);
        }
    }
    Loads {
        demand,
        base,
        people_potential: potential(v),
        people_assigned,
        shortfall,
    }
}

/// Effort of the running projects: `profile[t − start]` for each period `t` of the run
/// inside the horizon.
fn demand(v: &View) -> Vec<Vec<f64>> {
    let mut m = zeros(v);
    for d in &v.pf.demands {
        let Some(start) = v.start(d.project) else {
            continue;
        };
        for t in v.run(d.project) {
            m[d.skill][t] += d.profile.get(t - start).copied().unwrap_or(0.0);
        }
    }
    m
}

fn potential(v: &View) -> Vec<Vec<f64>> {
    let mut m = zeros(v);
    for person in &v.pf.people {
        for &s in &person.skills {
            for (t, a) in person.availability.iter().enumerate() {
                m[s][t] += a;
            }
        }
    }
    m
}

/// The people's time given to each skill in period `t`: a maximum flow covering as much
/// of `excess[skill]` as possible.
fn assign(v: &View, excess: &[f64], t: usize) -> Vec<f64> {
    let people = &v.pf.people;
    if people.is_empty() || excess.iter().all(|&e| e <= 0.0) {
        return vec![0.0; excess.len()];
    }
    let (source, sink, skill0) = (0, 1, 2 + people.len());
    let mut net = Network::new(skill0 + excess.len());
    for (i, person) in people.iter().enumerate() {
        let a = person.availability[t];
        net.add_edge(source, 2 + i, a);
        for &s in &person.skills {
            net.add_edge(2 + i, skill0 + s, a);
        }
    }
    let to_sink: Vec<usize> = (0..excess.len())
        .map(|s| net.add_edge(skill0 + s, sink, excess[s]))
        .collect();
    net.max_flow(source, sink);
    to_sink.into_iter().map(|e| net.flow(e)).collect()
}

pub(super) fn check(v: &View, loads: &Loads) -> Vec<Violation> {
    let mut out = Vec::new();
    for t in 0..v.pf.periods() {
        for s in 0..v.pf.skills.len() {
            let (d, b, g) = (
                loads.demand[s][t],
                loads.base[s][t],
                loads.people_assigned[s][t],
            );
            if exceeds(d, b + g) {
                out.push(violation(v, loads, s, t));
            }
        }
    }
    out
}

fn violation(v: &View, loads: &Loads, s: usize, t: usize) -> Violation {
    let short = loads.shortfall[s][t];
    let people = if v.pf.people.iter().any(|p| p.skills.contains(&s)) {
        format!(" plus {} from people", num(loads.people_assigned[s][t]))
    } else {
        String::new()
    };
    let msg = format!(
        "skill {} in {}: demand {} exceeds capacity {}{people} (+{}); running: {}",
        v.pf.skills[s],
        v.label(t),
        num(loads.demand[s][t]),
        num(loads.base[s][t]),
        num(short),
        running(v, s, t).join(", "),
    );
    Violation::new(Rule::Capacity, None, Some(t), short, msg)
}

/// Ids of the projects that demand skill `s` in period `t`.
fn running(v: &View, s: usize, t: usize) -> Vec<String> {
    v.pf.demands
        .iter()
        .filter(|d| d.skill == s && v.run(d.project).contains(&t))
        .map(|d| v.pf.projects[d.project].id.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::super::{check, loads, Rule};

    #[test]
    fn within_anonymous_capacity() {
        let pf = Builder::new(3)
            .project("A", 2)
            .project("B", 2)
            .skill("Dev", 10.0)
            .demand("A", "Dev", &[4.0, 4.0])
            .demand("B", "Dev", &[6.0, 6.0])
            .build();
        assert!(check(&pf, &plan(&pf, &[("A", 0), ("B", 0)])).is_empty());
    }

    #[test]
    fn anonymous_shortage_is_exact() {
        let pf = Builder::new(3)
            .project("A", 2)
            .project("B", 2)
            .skill("Developer", 30.0)
            .demand("A", "Developer", &[20.0, 20.0])
            .demand("B", "Developer", &[22.0, 5.0])
            .build();
        let v = check(&pf, &plan(&pf, &[("A", 0), ("B", 0)]));
        assert_eq!(rules(&v), vec![Rule::Capacity]);
        assert_eq!(
            (v[0].project, v[0].period, v[0].amount),
            (None, Some(0), 12.0)
        );
        assert_eq!(
            v[0].message,
            "skill Developer in 2027-01: demand 42 exceeds capacity 30 (+12); running: A, B"
        );
    }

    #[test]
    fn within_tolerance_is_not_a_violation() {
        let pf = Builder::new(1)
            .project("A", 1)
            .skill("Dev", 1000.0)
            .demand("A", "Dev", &[1000.0005])
            .build();
        assert!(check(&pf, &plan(&pf, &[("A", 0)])).is_empty());
    }

    #[test]
    fn people_go_where_the_excess_is_beyond_tolerance() {
        // Big is over its capacity by less than the tolerance; Small really needs Ann.
        let pf = Builder::new(1)
            .project("A", 1)
            .skill("Big", 1e6)
            .skill("Small", 0.5)
            .person("Ann", &["Big", "Small"], 0.5)
            .demand("A", "Big", &[1e6 + 0.5])
            .demand("A", "Small", &[1.0])
            .build();
        let p = plan(&pf, &[("A", 0)]);
        assert!(check(&pf, &p).is_empty());
        assert_eq!(loads(&pf, &p).people_assigned, vec![vec![0.0], vec![0.5]]);
    }

    #[test]
    fn profiled_demand_follows_the_run() {
        let pf = Builder::new(5)
            .project("A", 3)
            .skill("Dev", 5.0)
            .capacity_at("Dev", 3, 1.0)
            .demand("A", "Dev", &[1.0, 5.0, 2.0])
            .build();
        let l = loads(&pf, &plan(&pf, &[("A", 1)]));
        assert_eq!(l.demand, vec![vec![0.0, 1.0, 5.0, 2.0, 0.0]]);
        // Offset 2 (2 days) lands in period 3, where capacity is 1.
        let v = check(&pf, &plan(&pf, &[("A", 1)]));
        assert_eq!(rules(&v), vec![Rule::Capacity]);
        assert_eq!((v[0].period, v[0].amount), (Some(3), 1.0));
        // Started one period later, offset 1 (5 days) lands there instead.
        let v = check(&pf, &plan(&pf, &[("A", 2)]));
        assert_eq!((v[0].period, v[0].amount), (Some(3), 4.0));
        assert!(check(&pf, &plan(&pf, &[("A", 0)])).is_empty());
    }

    #[test]
    fn person_splits_time_between_two_skills() {
        // Ann (10 days) has both skills; Bob (6) only Dev. Dev needs 10, Ops 6 beyond
        // capacity: feasible only with Bob on Dev (6) and Ann split 4 Dev / 6 Ops.
        let pf = Builder::new(1)
            .project("A", 1)
            .skill("Dev", 0.0)
            .skill("Ops", 0.0)
            .person("Ann", &["Dev", "Ops"], 10.0)
            .person("Bob", &["Dev"], 6.0)
            .demand("A", "Dev", &[10.0])
            .demand("A", "Ops", &[6.0])
            .build();
        let p = plan(&pf, &[("A", 0)]);
        assert!(check(&pf, &p).is_empty());
        let l = loads(&pf, &p);
        assert_eq!(l.people_assigned, vec![vec![10.0], vec![6.0]]);
        assert_eq!(l.people_potential, vec![vec![16.0], vec![10.0]]);
        assert_eq!(l.shortfall, vec![vec![0.0], vec![0.0]]);
    }

    #[test]
    fn shortage_across_two_skills_sharing_one_person() {
        // Ann (8 days) can do Dev or Ops; Dev lacks 5 and Ops 6 beyond capacity: 3 short.
        let pf = Builder::new(2)
            .project("A", 1)
            .skill("Dev", 2.0)
            .skill("Ops", 1.0)
            .person("Ann", &["Dev", "Ops"], 8.0)
            .demand("A", "Dev", &[7.0])
            .demand("A", "Ops", &[7.0])
            .build();
        let p = plan(&pf, &[("A", 1)]);
        let v = check(&pf, &p);
        let total: f64 = v.iter().map(|v| v.amount).sum();
        close(total, 3.0);
        assert!(v
            .iter()
            .all(|v| v.rule == Rule::Capacity && v.period == Some(1)));
        let l = loads(&pf, &p);
        close(l.people_assigned[0][1] + l.people_assigned[1][1], 8.0);
        close(l.shortfall[0][1] + l.shortfall[1][1], 3.0);
        assert_eq!(l.shortfall[0][0] + l.shortfall[1][0], 0.0);
        // The flow serves skills in index order: Dev gets its 5, Ops the remaining 3.
        assert_eq!(
            (l.people_assigned[0][1], l.people_assigned[1][1]),
            (5.0, 3.0)
        );
        assert_eq!(rules(&v), vec![Rule::Capacity]);
        assert!(v[0].message.starts_with(
            "skill Ops in 2027-02: demand 7 exceeds capacity 1 plus 3 from people (+3)"
        ));
        // Deterministic: the same input gives the same split.
        assert_eq!(loads(&pf, &p), l);
        assert_eq!(check(&pf, &p), v);
    }

    #[test]
    fn people_only_help_their_own_skills() {
        let pf = Builder::new(1)
            .project("A", 1)
            .skill("Dev", 0.0)
            .skill("Ops", 0.0)
            .person("Ann", &["Dev"], 10.0)
            .demand("A", "Ops", &[4.0])
            .build();
        let v = check(&pf, &plan(&pf, &[("A", 0)]));
        assert_eq!(rules(&v), vec![Rule::Capacity]);
        assert_eq!(v[0].amount, 4.0);
        assert!(v[0]
            .message
            .starts_with("skill Ops in 2027-01: demand 4 exceeds capacity 0 (+4)"));
    }

    #[test]
    fn message_mentions_people_of_the_skill() {
        let pf = Builder::new(1)
            .project("A", 1)
            .skill("Dev", 3.0)
            .person("Ann", &["Dev"], 2.5)
            .demand("A", "Dev", &[7.0])
            .build();
        let v = check(&pf, &plan(&pf, &[("A", 0)]));
        assert_eq!(v[0].amount, 1.5);
        assert_eq!(
            v[0].message,
            "skill Dev in 2027-01: demand 7 exceeds capacity 3 plus 2.5 from people (+1.5); running: A"
        );
    }
}
