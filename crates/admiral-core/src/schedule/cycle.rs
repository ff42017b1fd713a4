//! Naming a dependency cycle: find a strongly connected component with petgraph, then walk
//! one cycle through it so the error lists the tasks in link order.

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::VecDeque;

/// Nodes of one cycle in link order, the first repeated at the end (`a → b → a`).
/// `left` is the in-degree left over by Kahn's algorithm: only nodes with some left are
/// on or behind a cycle, which keeps the graph searched small.
pub(crate) fn find(m: usize, pred: &[u32], succ: &[u32], left: &[u32]) -> Vec<usize> {
    let mut g: DiGraph<usize, ()> = DiGraph::new();
    let mut idx = vec![NodeIndex::end(); m];
    for v in 0..m {
        if left[v] > 0 {
            idx[v] = g.add_node(v);
        }
    }
    for (&a, &b) in pred.iter().zip(succ) {
        let (a, b) = (a as usize, b as usize);
        if idx[a] != NodeIndex::end() && idx[b] != NodeIndex::end() {
            g.add_edge(idx[a], idx[b], ());
        }
    }
    let Some(scc) = tarjan_scc(&g)
        .into_iter()
        .filter(|c| c.len() > 1)
        .min_by_key(|c| c.iter().map(|n| g[*n]).min())
    else {
        return Vec::new();
    };
    let start = *scc.iter().min_by_key(|n| g[**n]).unwrap_or(&scc[0]);
    let in_scc = |n: NodeIndex| scc.contains(&n);
    // Breadth-first from `start` inside the component until an edge returns to it.
    let mut parent: Vec<Option<NodeIndex>> = vec![None; g.node_count()];
    let mut queue = VecDeque::from([start]);
    let mut seen = vec![false; g.node_count()];
    seen[start.index()] = true;
    while let Some(u) = queue.pop_front() {
        let mut nexts: Vec<NodeIndex> = g.neighbors(u).collect();
        nexts.sort_by_key(|n| g[*n]);
        for v in nexts {
            if v == start {
                let mut path = vec![g[u]];
                let mut w = u;
                while let Some(p) = parent[w.index()] {
                    path.push(g[p]);
                    w = p;
                }
                path.reverse();
                path.push(g[start]);
                return path;
            }
            if in_scc(v) && !seen[v.index()] {
                seen[v.index()] = true;
                parent[v.index()] = Some(u);
                queue.push_back(v);
            }
        }
    }
    Vec::new()
}
