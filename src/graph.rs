//! The dependency graph (petgraph): cycles, topological order, start windows,
//! transitive requirements.
//!
//! Edges go from the required project to the dependent one, for `precedes` and
//! `requires` rows; `excludes` rows are not edges (they carry no order).

use crate::model::{DepKind, Objective, Portfolio};
use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::BTreeSet;

/// Finds a cycle in a directed graph of `n` nodes, returned as the nodes along it in
/// order (first node not repeated), the lowest node index first. Self-loops count.
pub fn find_cycle(n: usize, edges: &[(usize, usize)]) -> Option<Vec<usize>> {
    let mut g: DiGraph<usize, ()> = DiGraph::with_capacity(n, edges.len());
    for i in 0..n {
        g.add_node(i);
    }
    for &(a, b) in edges {
        if a == b {
            return Some(vec![a]);
        }
        g.add_edge(NodeIndex::new(a), NodeIndex::new(b), ());
    }
    // The strongly connected component with the lowest member holding a cycle.
    let mut best: Option<Vec<usize>> = None;
    for comp in tarjan_scc(&g) {
        if comp.len() < 2 {
            continue;
        }
        let members: BTreeSet<usize> = comp.iter().map(|x| x.index()).collect();
        let start = *members.iter().next().unwrap();
        if best.as_ref().is_some_and(|b| b[0] < start) {
            continue;
        }
        // Walk inside the component: BFS from start back to start for a shortest cycle.
        let mut adj: Vec<Vec<usize>> = vec![Vec::new(); n];
        for &(a, b) in edges {
            if members.contains(&a) && members.contains(&b) {
                adj[a].push(b);
            }
        }
        for a in adj.iter_mut() {
            a.sort_unstable();
            a.dedup();
        }
        let mut prev = vec![usize::MAX; n];
        let mut queue = std::collections::VecDeque::new();
        queue.push_back(start);
        let mut closing = None;
        'bfs: while let Some(u) = queue.pop_front() {
            for &v in &adj[u] {
                if v == start {
                    closing = Some(u);
                    break 'bfs;
                }
                if prev[v] == usize::MAX {
                    prev[v] = u;
                    queue.push_back(v);
                }
            }
        }
        let mut path = vec![];
        let mut cur = closing.expect("a strongly connected component has a cycle");
        while cur != start {
            path.push(cur);
            cur = prev[cur];
        }
        path.push(start);
        path.reverse();
        best = Some(path);
    }
    best
}

/// The petgraph view of a portfolio's precedes/requires rows.
pub struct DepGraph {
    pub graph: DiGraph<usize, DepKind>,
}

impl DepGraph {
    pub fn new(portfolio: &Portfolio) -> Self {
        let mut graph =
            DiGraph::with_capacity(portfolio.projects.len(), portfolio.dependencies.len());
        for p in 0..portfolio.projects.len() {
            graph.add_node(p);
        }
        for d in &portfolio.dependencies {
            if d.kind != DepKind::Excludes {
                graph.add_edge(NodeIndex::new(d.from), NodeIndex::new(d.to), d.kind);
            }
        }
        DepGraph { graph }
    }

    /// A topological order of the projects (lowest index first among ready ones), or
    /// the projects of a cycle.
    pub fn topological_order(&self) -> Result<Vec<usize>, Vec<usize>> {
        let n = self.graph.node_count();
        let mut indeg = vec![0usize; n];
        for e in self.graph.raw_edges() {
            indeg[e.target().index()] += 1;
        }
        let mut ready: BTreeSet<usize> = (0..n).filter(|&i| indeg[i] == 0).collect();
        let mut order = Vec::with_capacity(n);
        while let Some(&u) = ready.iter().next() {
            ready.remove(&u);
            order.push(u);
            for v in self.graph.neighbors(NodeIndex::new(u)) {
                indeg[v.index()] -= 1;
                if indeg[v.index()] == 0 {
                    ready.insert(v.index());
                }
            }
        }
        if order.len() == n {
            Ok(order)
        } else {
            let edges: Vec<(usize, usize)> = self
                .graph
                .raw_edges()
                .iter()
                .map(|e| (e.source().index(), e.target().index()))
                .collect();
            Err(find_cycle(n, &edges).unwrap_or_default())
        }
    }

    /// For each project, every project it transitively needs (precedes or requires),
    /// sorted.
    pub fn required_closure(&self) -> Vec<Vec<usize>> {
        let n = self.graph.node_count();
        let mut out = Vec::with_capacity(n);
        for p in 0..n {
            let mut seen = vec![false; n];
            let mut stack = vec![p];
            while let Some(u) = stack.pop() {
                for v in self
                    .graph
                    .neighbors_directed(NodeIndex::new(u), petgraph::Direction::Incoming)
                {
                    if !seen[v.index()] {
                        seen[v.index()] = true;
                        stack.push(v.index());
                    }
                }
            }
            out.push((0..n).filter(|&i| seen[i] && i != p).collect());
        }
        out
    }
}

/// Start windows after propagation through the dependency graph.
#[derive(Debug, Clone, PartialEq)]
pub struct Windows {
    /// Earliest start (0-based) of each project if selected.
    pub earliest: Vec<i64>,
    /// Latest start of each project if selected.
    pub latest: Vec<i64>,
    /// Projects that every feasible plan selects (mandatory and what they need).
    pub forced: Vec<bool>,
}

impl Windows {
    /// True when project `p` has at least one start period.
    pub fn can_start(&self, p: usize) -> bool {
        self.earliest[p] <= self.latest[p]
    }
    /// The start periods of `p` (empty when none).
    pub fn starts(&self, p: usize) -> std::ops::Range<usize> {
        if self.can_start(p) {
            self.earliest[p] as usize..self.latest[p] as usize + 1
        } else {
            0..0
        }
    }
}

/// Computes the start windows: each project's own window, shrunk by the earliest
/// finish of its predecessors (precedes with lag) and, for projects every plan selects,
/// by the latest start of their selected successors. `horizon_cut` optionally caps the
/// last finish (makespan upper bound). Requires an acyclic graph.
pub fn windows(portfolio: &Portfolio, horizon_cut: Option<usize>) -> Windows {
    let n = portfolio.projects.len();
    let dg = DepGraph::new(portfolio);
    let order = dg
        .topological_order()
        .expect("windows() needs an acyclic dependency graph");
    let closure = dg.required_closure();
    let mut forced: Vec<bool> = portfolio
        .projects
        .iter()
        .map(|p| p.mandatory || portfolio.settings.objective == Objective::Makespan)
        .collect();
    for p in 0..n {
        if forced[p] {
            for &q in &closure[p] {
                forced[q] = true;
            }
        }
    }
    let last_finish = horizon_cut
        .unwrap_or(portfolio.periods())
        .min(portfolio.periods()) as i64
        - 1;
    let mut earliest: Vec<i64> = portfolio
        .projects
        .iter()
        .map(|p| p.earliest_start as i64)
        .collect();
    let mut latest: Vec<i64> = portfolio
        .projects
        .iter()
        .map(|p| (p.deadline as i64).min(last_finish) - p.duration as i64 + 1)
        .collect();
    // Forward pass: earliest starts.
    for &u in &order {
        for d in &portfolio.dependencies {
            if d.to == u {
                if let DepKind::Precedes { lag } = d.kind {
                    let e = earliest[d.from] + portfolio.projects[d.from].duration as i64 + lag;
                    earliest[u] = earliest[u].max(e);
                }
            }
        }
    }
    // Backward pass: a forced successor bounds the latest start of its predecessor.
    for &u in order.iter().rev() {
        if !forced[u] {
            continue;
        }
        for d in &portfolio.dependencies {
            if d.from == u && forced[d.to] {
                if let DepKind::Precedes { lag } = d.kind {
                    let l = latest[d.to] - portfolio.projects[u].duration as i64 - lag;
                    latest[u] = latest[u].min(l);
                }
            }
        }
    }
    for e in earliest.iter_mut() {
        *e = (*e).max(0);
    }
    Windows {
        earliest,
        latest,
        forced,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_cycles_in_order() {
        assert_eq!(find_cycle(4, &[(0, 1), (1, 2)]), None);
        assert_eq!(
            find_cycle(4, &[(0, 1), (1, 2), (2, 1), (3, 3)]),
            Some(vec![3])
        );
        assert_eq!(
            find_cycle(4, &[(2, 3), (3, 1), (1, 2), (0, 1)]),
            Some(vec![1, 2, 3])
        );
    }
}
