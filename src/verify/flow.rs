//! A small exact max-flow (Edmonds–Karp: shortest augmenting paths by BFS) on `f64`
//! capacities. Deterministic: paths are searched in the order edges were added.
//! Residuals below a tolerance relative to the largest capacity count as zero, so
//! rounding cannot create endless tiny augmentations.

struct Edge {
    to: usize,
    cap: f64,
    flow: f64,
}

pub(super) struct Network {
    /// Edge `2k` is the k-th added edge, `2k + 1` its reverse (capacity 0).
    edges: Vec<Edge>,
    adj: Vec<Vec<usize>>,
}

impl Network {
    pub fn new(nodes: usize) -> Self {
        Network {
            edges: Vec::new(),
            adj: vec![Vec::new(); nodes],
        }
    }

    /// Adds an edge and returns its id, for [`Network::flow`].
    pub fn add_edge(&mut self, from: usize, to: usize, cap: f64) -> usize {
        let id = self.edges.len();
        self.edges.push(Edge { to, cap, flow: 0.0 });
        self.edges.push(Edge {
            to: from,
            cap: 0.0,
            flow: 0.0,
        });
        self.adj[from].push(id);
        self.adj[to].push(id + 1);
        id
    }

    /// The flow on edge `id` after [`Network::max_flow`].
    pub fn flow(&self, id: usize) -> f64 {
        self.edges[id].flow
    }

    fn residual(&self, e: usize) -> f64 {
        self.edges[e].cap - self.edges[e].flow
    }

    /// Pushes a maximum flow from `s` to `t` and returns its value.
    pub fn max_flow(&mut self, s: usize, t: usize) -> f64 {
        let eps = 1e-12 * self.edges.iter().map(|e| e.cap).fold(1.0, f64::max);
        let mut total = 0.0;
        while let Some(path) = self.shortest_path(s, t, eps) {
            let push = path
                .iter()
                .map(|&e| self.residual(e))
                .fold(f64::INFINITY, f64::min);
            for &e in &path {
                self.edges[e].flow += push;
                self.edges[e ^ 1].flow -= push;
            }
            total += push;
        }
        total
    }

    /// The edges of a shortest `s`–`t` path with residuals above `eps`, if any.
    fn shortest_path(&self, s: usize, t: usize, eps: f64) -> Option<Vec<usize>> {
        let mut via: Vec<Option<usize>> = vec![None; self.adj.len()];
        let mut queue = std::collections::VecDeque::from([s]);
        while let Some(u) = queue.pop_front() {
            for &e in &self.adj[u] {
                let w = self.edges[e].to;
                if w != s && via[w].is_none() && self.residual(e) > eps {
                    via[w] = Some(e);
                    queue.push_back(w);
                }
            }
            if via[t].is_some() {
                break;
            }
        }
        let mut path = Vec::new();
        let mut v = t;
        while v != s {
            let e = via[v]?;
            path.push(e);
            v = self.edges[e ^ 1].to;
        }
        path.reverse();
        Some(path)
    }
}

#[cfg(test)]
mod tests {
    use super::Network;

    #[test]
    fn diamond_with_cross_edge() {
        // s=0, a=1, b=2, t=3
        let mut n = Network::new(4);
        n.add_edge(0, 1, 10.0);
        n.add_edge(0, 2, 5.0);
        n.add_edge(1, 2, 15.0);
        let a_t = n.add_edge(1, 3, 4.0);
        let b_t = n.add_edge(2, 3, 10.0);
        assert_eq!(n.max_flow(0, 3), 14.0);
        assert_eq!((n.flow(a_t), n.flow(b_t)), (4.0, 10.0));
    }

    #[test]
    fn rerouting_through_reverse_edges() {
        // The shortest path s→a→b→t takes a→b; the second path must undo it:
        // s→c→x→b, back along b→a, then a→y→z→t.
        let (s, a, b, t, c, x, y, z) = (0, 1, 2, 3, 4, 5, 6, 7);
        let mut n = Network::new(8);
        n.add_edge(s, a, 1.0);
        let ab = n.add_edge(a, b, 1.0);
        n.add_edge(b, t, 1.0);
        n.add_edge(s, c, 1.0);
        n.add_edge(c, x, 1.0);
        n.add_edge(x, b, 1.0);
        n.add_edge(a, y, 1.0);
        n.add_edge(y, z, 1.0);
        n.add_edge(z, t, 1.0);
        assert_eq!(n.max_flow(s, t), 2.0);
        assert_eq!(n.flow(ab), 0.0);
    }

    #[test]
    fn fractional_capacities_and_no_path() {
        let mut n = Network::new(3);
        n.add_edge(0, 1, 0.1);
        n.add_edge(0, 1, 0.2);
        let e = n.add_edge(1, 2, 0.7);
        assert!((n.max_flow(0, 2) - 0.3).abs() < 1e-15);
        assert!((n.flow(e) - 0.3).abs() < 1e-15);
        let mut m = Network::new(3);
        m.add_edge(0, 1, 5.0);
        assert_eq!(m.max_flow(0, 2), 0.0);
    }
}
