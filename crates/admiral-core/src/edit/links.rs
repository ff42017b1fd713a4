//! Runs of link edits applied at once, with [`apply`](super::apply)'s rules for each link in
//! turn. One at a time, each put link found its two tasks, any other link between them and
//! its own place by searching the plan, and each deleted link its place, so a change of k
//! links cost k × the plan's size: 5k predecessors typed into one cell of a 20k-task plan
//! took a second, a pasted list of tens of thousands minutes at 100k tasks. Here the plan's
//! tasks and links are looked up in maps made once per run; the result, and the first error
//! with its message, are those of applying the edits one by one (a property test compares
//! them).

use super::{dangling, forget};
use crate::model::*;
use crate::scenario::Gone;
use std::collections::{HashMap, VecDeque};

/// `run` put in order, as many [`Edit::PutLink`](super::Edit::PutLink)s.
pub(super) fn put_run(plan: &mut Plan, run: &[&Link]) -> Result<(), ModelError> {
    let mut task_at: HashMap<TaskId, usize> = HashMap::with_capacity(plan.tasks.len());
    for (i, t) in plan.tasks.iter().enumerate() {
        task_at.entry(t.id).or_insert(i);
    }
    // Where each link is (the first with its id, as a search finds it), and the ids of the
    // links between each two tasks.
    let mut link_at: HashMap<LinkId, usize> = HashMap::with_capacity(plan.links.len());
    let mut between: HashMap<(TaskId, TaskId), Vec<LinkId>> =
        HashMap::with_capacity(plan.links.len());
    for (i, l) in plan.links.iter().enumerate() {
        link_at.entry(l.id).or_insert(i);
        between
            .entry((l.predecessor, l.successor))
            .or_default()
            .push(l.id);
    }
    let tasks = &plan.tasks;
    let task = |id: TaskId| {
        (task_at.get(&id).map(|&i| &tasks[i])).ok_or_else(|| dangling("a link".into(), "task", id))
    };
    for l in run {
        let pred = task(l.predecessor)?;
        let succ = task(l.successor)?;
        l.validate_own(&task_label(pred))?;
        let pair = (l.predecessor, l.successor);
        if between
            .get(&pair)
            .is_some_and(|ids| ids.iter().any(|id| *id != l.id))
        {
            return Err(ModelError::DuplicateLink {
                predecessor: task_label(pred),
                successor: task_label(succ),
            });
        }
        match link_at.get(&l.id) {
            Some(&i) => {
                let old = plan.links[i];
                if let Some(ids) = between.get_mut(&(old.predecessor, old.successor)) {
                    if let Some(k) = ids.iter().position(|id| *id == old.id) {
                        ids.swap_remove(k);
                    }
                }
                plan.links[i] = **l;
            }
            None => {
                link_at.insert(l.id, plan.links.len());
                plan.links.push(**l);
            }
        }
        between.entry(pair).or_default().push(l.id);
    }
    Ok(())
}

/// `run` deleted in order, as many [`Edit::DeleteLink`](super::Edit::DeleteLink)s.
pub(super) fn delete_run(plan: &mut Plan, run: &[LinkId]) -> Result<(), ModelError> {
    // Each id's links, in plan order: a delete takes the first left.
    let mut at: HashMap<LinkId, VecDeque<usize>> = HashMap::with_capacity(plan.links.len());
    for (i, l) in plan.links.iter().enumerate() {
        at.entry(l.id).or_default().push_back(i);
    }
    let mut gone = vec![false; plan.links.len()];
    for &id in run {
        let i = (at.get_mut(&id).and_then(VecDeque::pop_front))
            .ok_or_else(|| dangling("a delete".into(), "link", id))?;
        gone[i] = true;
        forget(plan, Gone::Link(id));
    }
    let mut i = 0;
    plan.links.retain(|_| {
        i += 1;
        !gone[i - 1]
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::{apply, apply_all, Edit};
    use super::*;
    use crate::demo::demo_plan_sized;
    use crate::scenario::{Override, Scenario};
    use proptest::prelude::*;

    /// A small plan with links, and a scenario that names some of them (deletes forget them).
    fn plan() -> Plan {
        let mut p = demo_plan_sized(60, 5);
        let mut s = Scenario::new("cut links");
        s.overrides = (p.links.iter().take(6))
            .map(|l| Override::RemoveLink { link: l.id })
            .collect();
        p.scenarios.push(s);
        p
    }

    /// A link edit chosen by `k` and `n`: new links (between tasks, to a task itself, to a
    /// task that is not there, repeated pairs), links put again with other tasks or lags or
    /// onto another link's pair, and deletes (of links the plan has, twice, or of none). Among
    /// a few links, so that a change often meets one link twice, or one the scenario names.
    fn an_edit(p: &Plan, k: u8, n: usize) -> Edit {
        let t = |i: usize| p.tasks[i % p.tasks.len()].id;
        let l = p.links[n % 8];
        let other = p.links[(n / 8 + 1 + n % 8) % 8];
        let lag = Lag::Working(WorkMinutes((n % 7) as i64 * 60));
        let new = |a: TaskId, b: TaskId| Link {
            id: LinkId::derived(a, b),
            predecessor: a,
            successor: b,
            kind: LinkType::FS,
            lag,
        };
        match k % 10 {
            // Forward in plan order: no cycle, and pairs repeat across a change.
            0 | 1 => Edit::PutLink(new(t(n % 20), t(n % 20 + 1 + n % 3))),
            2 => Edit::PutLink(Link { lag, ..l }),
            3 => Edit::PutLink(Link {
                successor: t(n % 20 + 25),
                ..l
            }),
            4 => Edit::PutLink(Link {
                predecessor: other.predecessor,
                successor: other.successor,
                ..l
            }),
            5 => Edit::PutLink(new(t(n), t(n))),
            6 => Edit::PutLink(new(TaskId::from_u128(n as u128 + 7), t(n))),
            7 | 8 => Edit::DeleteLink(l.id),
            _ => Edit::DeleteLink(LinkId::from_u128(n as u128)),
        }
    }

    /// `apply_all` as it was: every edit by `apply`, one at a time, then the cycle rule.
    fn one_by_one(plan: &Plan, edits: &[Edit]) -> Result<Plan, ModelError> {
        let mut next = plan.clone();
        for e in edits {
            apply(&mut next, e)?;
        }
        if let Some(ids) = crate::dependency::find_cycle(&next) {
            if crate::dependency::find_cycle(plan).is_none() {
                return Err(ModelError::Cycle {
                    what: "this change".into(),
                    tasks: crate::dependency::cycle_labels(&next, &ids),
                });
            }
        }
        Ok(next)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        /// Runs of link edits end where the edits one by one end, or are refused with the same
        /// error.
        #[test]
        fn runs_are_the_edits_one_by_one(edits in prop::collection::vec((any::<u8>(), any::<usize>()), 1..12)) {
            let before = plan();
            let edits: Vec<Edit> = edits.iter().map(|&(k, n)| an_edit(&before, k, n)).collect();
            match (apply_all(&before, &edits), one_by_one(&before, &edits)) {
                (Ok(a), Ok(b)) => prop_assert!(a == b),
                (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string()),
                (a, b) => prop_assert!(false, "runs {:?}, one by one {:?}", a.map(|_| ()), b.map(|_| ())),
            }
        }
    }

    /// The runs are taken: a change of many new links, then all of them deleted again.
    #[test]
    fn a_change_of_many_links_and_its_deletion() {
        let before = plan();
        let last = before.tasks.len() - 1;
        // From every leaf task (a summary above the last row would close a cycle) not yet
        // linked to the last row.
        let leaf = |i: usize| before.tasks[i + 1].outline_level <= before.tasks[i].outline_level;
        let puts: Vec<Edit> = (0..last - 1)
            .filter(|&i| leaf(i))
            .filter(|&i| {
                let (a, b) = (before.tasks[i].id, before.tasks[last].id);
                !before
                    .links
                    .iter()
                    .any(|l| l.predecessor == a && l.successor == b)
            })
            .map(|i| an_edit_to(&before, i, last))
            .collect();
        assert!(puts.len() > 10);
        let after = apply_all(&before, &puts).unwrap();
        assert_eq!(after, one_by_one(&before, &puts).unwrap());
        assert_eq!(after.links.len(), before.links.len() + puts.len());
        let deletes: Vec<Edit> = (puts.iter())
            .map(|e| match e {
                Edit::PutLink(l) => Edit::DeleteLink(l.id),
                _ => unreachable!("only puts"),
            })
            .collect();
        assert_eq!(apply_all(&after, &deletes).unwrap(), before);
    }

    fn an_edit_to(p: &Plan, from: usize, to: usize) -> Edit {
        let (a, b) = (p.tasks[from].id, p.tasks[to].id);
        Edit::PutLink(Link {
            id: LinkId::derived(a, b),
            predecessor: a,
            successor: b,
            kind: LinkType::FS,
            lag: Lag::Working(WorkMinutes(0)),
        })
    }
}
