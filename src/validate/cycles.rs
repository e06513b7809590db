//! Trees and dependency graphs must not loop: the fields each kind's row
//! names `acyclic` (goal parents, reporting lines, team parents, roadmap
//! dependencies, superseded decisions).
//! Each cycle is reported once, naming every member. Cycles run through
//! many entities, so this rule reads the whole strategy.

use super::{Change, LinkResolver};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Kind, Strategy};
use rustc_hash::FxHashMap;

/// A relation as a graph over indices: `ids[i]` refers to `ids[edges[i][..]]`.
struct Graph<'a> {
    ids: Vec<&'a str>,
    edges: Vec<Vec<usize>>,
}

/// Every (kind, field) that must not loop, from the kinds' rows.
fn relations() -> impl Iterator<Item = (Kind, &'static str)> {
    Kind::ALL
        .into_iter()
        .flat_map(|kind| kind.row().acyclic.iter().map(move |field| (kind, *field)))
}

pub fn check(model: &LinkResolver, diagnostics: &mut Vec<Diagnostic>) {
    let strategy = model.strategy;
    for (kind, field) in relations() {
        let ids: Vec<&str> = strategy.all(kind).map(|e| e.id.as_str()).collect();
        let index: FxHashMap<&str, usize> =
            ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        let edges = strategy
            .all(kind)
            .map(|e| {
                e.fields
                    .refs(field)
                    .iter()
                    .filter_map(|r| index.get(r.value).copied())
                    .collect()
            })
            .collect();
        let graph = Graph { ids, edges };
        for members in strongly_connected(&graph.edges) {
            let cyclic = members.len() > 1 || graph.edges[members[0]].contains(&members[0]);
            if cyclic {
                diagnostics.push(report(strategy, kind, field, &graph, &members));
            }
        }
    }
}

/// A cycle is made of entities of one kind and their relation field,
/// shown with its spans in their files; nothing else changes it.
pub fn reads(change: &Change) -> bool {
    relations().any(|(kind, field)| {
        change.touches(kind, |before, after| {
            before.source != after.source || before.fields.get(field) != after.fields.get(field)
        })
    })
}

fn report(
    strategy: &Strategy,
    kind: Kind,
    field: &str,
    graph: &Graph,
    members: &[usize],
) -> Diagnostic {
    let in_cycle = |n: &usize| members.contains(n);
    // Walk the cycle from its smallest id for a readable `a → b → a`.
    let start = members[0];
    let mut path = vec![start];
    let mut current = start;
    while let Some(&next) = graph.edges[current].iter().find(|n| {
        in_cycle(n) && (!path.contains(n) || (**n == start && path.len() == members.len()))
    }) {
        path.push(next);
        if next == start {
            break;
        }
        current = next;
    }
    let names = |list: &[usize], sep: &str| {
        list.iter()
            .map(|&i| graph.ids[i])
            .collect::<Vec<_>>()
            .join(sep)
    };
    let shown = if path.len() == members.len() + 1 {
        names(&path, " → ")
    } else {
        names(members, ", ")
    };
    let start = graph.ids[start];
    let set: Vec<&str> = members.iter().map(|&i| graph.ids[i]).collect();
    let entity = strategy.get(kind, start).expect("cycle members exist");
    let span = entity
        .fields
        .refs(field)
        .into_iter()
        .find(|r| set.contains(&r.value))
        .map(|r| r.span)
        .unwrap_or_default();
    let message = if members.len() == 1 {
        format!("`{field}` of {} `{start}` points at itself", kind.noun())
    } else {
        format!(
            "`{field}` forms a cycle between {} {}: {shown}",
            members.len(),
            kind.plural()
        )
    };
    Diagnostic::new(Code::CYCLE, message)
        .at(&entity.source, span)
        .label("this reference closes the loop")
        .help(format!("remove `{field}` from one of: {}", set.join(", ")))
}

/// Tarjan's algorithm, iterative so that long chains cannot overflow the
/// stack. Each component comes back sorted.
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let (mut index, mut low) = (vec![UNSEEN; n], vec![0; n]);
    let mut on_stack = vec![false; n];
    let (mut stack, mut out, mut next_index) = (Vec::new(), Vec::new(), 0);
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some((node, child)) = work.pop() {
            if child == 0 {
                index[node] = next_index;
                low[node] = next_index;
                next_index += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&next) = edges[node].get(child) {
                work.push((node, child + 1));
                if index[next] == UNSEEN {
                    work.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index[next]);
                }
                continue;
            }
            if low[node] == index[node] {
                let mut component = Vec::new();
                while let Some(m) = stack.pop() {
                    on_stack[m] = false;
                    component.push(m);
                    if m == node {
                        break;
                    }
                }
                component.sort_unstable();
                out.push(component);
            }
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_cycles_not_chains() {
        // a → b → c → a, d → a, e → e
        let edges = vec![vec![1], vec![2], vec![0], vec![0], vec![4]];
        let mut sccs = strongly_connected(&edges);
        sccs.sort();
        assert_eq!(sccs, vec![vec![0, 1, 2], vec![3], vec![4]]);
    }
}
