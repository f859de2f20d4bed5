//! Solver-side check that people's shared time can cover the skills' excess demand in
//! one period (a bipartite max-flow: people → skills). Kept separate from the verifier's
//! own max-flow on purpose: the checker must not trust solver code.

/// A person whose time can go to several skills.
#[derive(Debug, Clone)]
pub struct Pool {
    pub skills: Vec<usize>,
}

/// Max-flow from people (availability `avail[q]`) to skills (need `excess[k]`).
/// Returns the flow matrix `flow[q][i]` aligned with `pools[q].skills` and the unmet
/// need per skill.
pub fn assign(pools: &[Pool], avail: &[f64], excess: &[f64]) -> (Vec<Vec<f64>>, Vec<f64>) {
    let mut flow: Vec<Vec<f64>> = pools.iter().map(|p| vec![0.0; p.skills.len()]).collect();
    let mut left_p: Vec<f64> = avail.to_vec();
    let mut need: Vec<f64> = excess.iter().map(|&e| e.max(0.0)).collect();
    const EPS: f64 = 1e-12;
    // Augmenting paths (BFS over skills and people) until no more flow can be pushed.
    loop {
        // Nodes: people 0..P, skills P..P+K. Source edges to people with left capacity,
        // person→skill always (forward), skill→person backward if flow > 0.
        let np = pools.len();
        let nk = need.len();
        let mut prev: Vec<Option<(bool, usize, usize)>> = vec![None; np + nk]; // (is_skill_node, from, edge idx)
        let mut queue = std::collections::VecDeque::new();
        let mut visited = vec![false; np + nk];
        for q in 0..np {
            if left_p[q] > EPS {
                visited[q] = true;
                queue.push_back(q);
            }
        }
        let mut target = None;
        while let Some(u) = queue.pop_front() {
            if u < np {
                for (i, &k) in pools[u].skills.iter().enumerate() {
                    let v = np + k;
                    if !visited[v] {
                        visited[v] = true;
                        prev[v] = Some((false, u, i));
                        if need[k] > EPS {
                            target = Some(k);
                            break;
                        }
                        queue.push_back(v);
                    }
                }
                if target.is_some() {
                    break;
                }
            } else {
                let k = u - np;
                for q in 0..np {
                    if visited[q] {
                        continue;
                    }
                    if let Some(i) = pools[q].skills.iter().position(|&s| s == k) {
                        if flow[q][i] > EPS {
                            visited[q] = true;
                            prev[q] = Some((true, u, i));
                            queue.push_back(q);
                        }
                    }
                }
            }
        }
        let Some(k) = target else { break };
        // Bottleneck.
        let mut amount = need[k];
        let mut v = np + k;
        loop {
            match prev[v] {
                Some((false, q, _)) => {
                    v = q;
                }
                Some((true, s, i)) => {
                    amount = amount.min(flow[v][i]);
                    v = s;
                }
                None => {
                    amount = amount.min(left_p[v]);
                    break;
                }
            }
        }
        // Apply.
        need[k] -= amount;
        let mut v = np + k;
        loop {
            match prev[v] {
                Some((false, q, i)) => {
                    flow[q][i] += amount;
                    v = q;
                }
                Some((true, s, i)) => {
                    flow[v][i] -= amount;
                    v = s;
                }
                None => {
                    left_p[v] -= amount;
                    break;
                }
            }
        }
    }
    (flow, need)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_a_person_between_skills() {
        let pools = vec![Pool { skills: vec![0, 1] }, Pool { skills: vec![1] }];
        let (flow, short) = assign(&pools, &[10.0, 4.0], &[6.0, 8.0]);
        assert!(short.iter().all(|&s| s < 1e-9), "{short:?}");
        assert!((flow[0][0] - 6.0).abs() < 1e-9);
        assert!((flow[0][1] + flow[1][0] - 8.0).abs() < 1e-9);
    }

    #[test]
    fn reroutes_through_a_second_person() {
        // Person 0 first takes skill 1, then must move to skill 0 so person 1 covers 1.
        let pools = vec![Pool { skills: vec![1, 0] }, Pool { skills: vec![1] }];
        let (_, short) = assign(&pools, &[5.0, 5.0], &[5.0, 5.0]);
        assert!(short.iter().all(|&s| s < 1e-9), "{short:?}");
    }

    #[test]
    fn reports_shortage() {
        let pools = vec![Pool { skills: vec![0, 1] }];
        let (_, short) = assign(&pools, &[5.0], &[4.0, 4.0]);
        assert!((short.iter().sum::<f64>() - 3.0).abs() < 1e-9);
    }
}
