//! Trees and dependency graphs must not loop: goal parents, reporting
//! lines, team parents, roadmap dependencies, superseded decisions.
//! Each cycle is reported once, naming every member.

use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Kind, Strategy};
use std::collections::{BTreeMap, BTreeSet};

const RELATIONS: &[(Kind, &str)] = &[
    (Kind::Goals, "parent"),
    (Kind::Roadmap, "depends_on"),
    (Kind::People, "reports_to"),
    (Kind::Teams, "parent"),
    (Kind::Decisions, "supersedes"),
];

pub fn check(strategy: &Strategy, diagnostics: &mut Vec<Diagnostic>) {
    for &(kind, field) in RELATIONS {
        let graph: BTreeMap<&str, Vec<&str>> = strategy
            .all(kind)
            .map(|e| {
                let targets = e.fields.refs(field).into_iter().map(|r| r.value);
                (
                    e.id.as_str(),
                    targets
                        .filter(|t| strategy.get(kind, t).is_some())
                        .collect(),
                )
            })
            .collect();
        for members in strongly_connected(&graph) {
            let cyclic = members.len() > 1 || graph[members[0]].contains(&members[0]);
            if cyclic {
                diagnostics.push(report(strategy, kind, field, &graph, &members));
            }
        }
    }
}

fn report(
    strategy: &Strategy,
    kind: Kind,
    field: &str,
    graph: &BTreeMap<&str, Vec<&str>>,
    members: &[&str],
) -> Diagnostic {
    let set: BTreeSet<&str> = members.iter().copied().collect();
    // Walk the cycle from its smallest id for a readable `a → b → a`.
    let start = members[0];
    let mut path = vec![start];
    let mut current = start;
    while let Some(next) = graph[current].iter().find(|n| {
        set.contains(*n) && (!path.contains(n) || (**n == start && path.len() == set.len()))
    }) {
        path.push(next);
        if *next == start {
            break;
        }
        current = next;
    }
    let shown = if path.len() == set.len() + 1 {
        path.join(" → ")
    } else {
        members.join(", ")
    };
    let entity = strategy.get(kind, start).expect("cycle members exist");
    let span = entity
        .fields
        .refs(field)
        .into_iter()
        .find(|r| set.contains(r.value))
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
        .help(format!(
            "remove `{field}` from one of: {}",
            members.join(", ")
        ))
}

/// Tarjan's algorithm, iterative so that long chains cannot overflow the
/// stack. Each component comes back sorted.
fn strongly_connected<'a>(graph: &BTreeMap<&'a str, Vec<&'a str>>) -> Vec<Vec<&'a str>> {
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    let mut low: BTreeMap<&str, usize> = BTreeMap::new();
    let mut on_stack = BTreeSet::new();
    let mut stack = Vec::new();
    let mut out = Vec::new();
    for &root in graph.keys() {
        if index.contains_key(root) {
            continue;
        }
        let mut work: Vec<(&str, usize)> = vec![(root, 0)];
        while let Some((node, child)) = work.pop() {
            if child == 0 {
                let n = index.len();
                index.insert(node, n);
                low.insert(node, n);
                stack.push(node);
                on_stack.insert(node);
            }
            let edges = &graph[node];
            if let Some(&next) = edges.get(child) {
                work.push((node, child + 1));
                if !index.contains_key(next) {
                    work.push((next, 0));
                } else if on_stack.contains(next) {
                    let l = low[node].min(index[next]);
                    low.insert(node, l);
                }
                continue;
            }
            if low[node] == index[node] {
                let mut component = Vec::new();
                while let Some(m) = stack.pop() {
                    on_stack.remove(m);
                    component.push(m);
                    if m == node {
                        break;
                    }
                }
                component.sort_unstable();
                out.push(component);
            }
            if let Some(&(parent, _)) = work.last() {
                let l = low[parent].min(low[node]);
                low.insert(parent, l);
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
        let graph: BTreeMap<&str, Vec<&str>> = [
            ("a", vec!["b"]),
            ("b", vec!["c"]),
            ("c", vec!["a"]),
            ("d", vec!["a"]),
            ("e", vec!["e"]),
        ]
        .into_iter()
        .collect();
        let mut sccs = strongly_connected(&graph);
        sccs.sort();
        assert_eq!(sccs, vec![vec!["a", "b", "c"], vec!["d"], vec!["e"]]);
    }
}
