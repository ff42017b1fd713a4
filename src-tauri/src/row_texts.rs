//! The predecessor texts of the schedule rows, in MS Project notation ("3FS+2d, 5SS"): for
//! every row when a plan is sent whole, for the rows an edit touched otherwise (`member`
//! tells which those are).

use admiral_core::notation::{format_predecessors, Predecessor};
use admiral_core::{Link, Plan, TaskId, TaskNumber};
use std::collections::{HashMap, HashSet};

/// Every task's predecessors in MS Project notation, in the order of `plan.tasks` ("" for
/// none). Gathered by row rather than in maps keyed by task: at 100k tasks and 300k links
/// the maps cost more than the formatting.
pub(crate) fn all_predecessor_texts(plan: &Plan) -> Vec<String> {
    let at: HashMap<TaskId, usize> = plan
        .tasks
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id, i))
        .collect();
    let mut preds: Vec<Vec<Predecessor>> = (0..plan.tasks.len()).map(|_| Vec::new()).collect();
    for l in &plan.links {
        if let (Some(&p), Some(&s)) = (at.get(&l.predecessor), at.get(&l.successor)) {
            preds[s].push(Predecessor {
                number: plan.tasks[p].number,
                kind: l.kind,
                lag: l.lag,
            });
        }
    }
    preds
        .iter()
        .map(|p| {
            if p.is_empty() {
                String::new()
            } else {
                format_predecessors(p)
            }
        })
        .collect()
}

/// Each task's predecessors in MS Project notation ("3FS+2d, 5SS"), for the tasks in `only`
/// (every task when `None`); tasks without predecessors are left out.
pub(crate) fn predecessor_texts(
    plan: &Plan,
    only: Option<&HashSet<TaskId>>,
) -> HashMap<TaskId, String> {
    if only.is_some_and(HashSet::is_empty) {
        return HashMap::new();
    }
    let links: Vec<&Link> = plan
        .links
        .iter()
        .filter(|l| only.is_none_or(|o| o.contains(&l.successor)))
        .collect();
    let needed: Option<HashSet<TaskId>> =
        only.map(|_| links.iter().map(|l| l.predecessor).collect());
    let numbers: HashMap<TaskId, TaskNumber> = plan
        .tasks
        .iter()
        .filter(|t| needed.as_ref().is_none_or(|n| n.contains(&t.id)))
        .map(|t| (t.id, t.number))
        .collect();
    let mut preds: HashMap<TaskId, Vec<Predecessor>> = HashMap::new();
    for l in links {
        if let Some(&number) = numbers.get(&l.predecessor) {
            preds.entry(l.successor).or_default().push(Predecessor {
                number,
                kind: l.kind,
                lag: l.lag,
            });
        }
    }
    preds
        .into_iter()
        .map(|(id, p)| (id, format_predecessors(&p)))
        .collect()
}

/// Whether a task is in `set`, for a test of every row: an edit names a few tasks, and
/// comparing their ids beats hashing every task's.
pub(crate) fn member(set: &HashSet<TaskId>) -> impl Fn(&TaskId) -> bool + '_ {
    let few: Option<Vec<TaskId>> = (set.len() <= 16).then(|| set.iter().copied().collect());
    move |id| match &few {
        Some(ids) => ids.contains(id),
        None => set.contains(id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn predecessor_texts_by_row_are_those_by_task() {
        for plan in [
            admiral_core::demo::demo_plan(),
            admiral_core::demo::demo_plan_sized(2_000, 7),
        ] {
            let by_task = predecessor_texts(&plan, None);
            let by_row = all_predecessor_texts(&plan);
            assert_eq!(by_row.len(), plan.tasks.len());
            assert!(by_row.iter().any(|p| p.contains(',')));
            for (t, p) in plan.tasks.iter().zip(&by_row) {
                assert_eq!(*p, by_task.get(&t.id).cloned().unwrap_or_default());
            }
        }
    }
}
