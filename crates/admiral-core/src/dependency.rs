//! Dependency cycles, found on the plan itself (not on a compiled schedule), so that a change
//! that would close one is refused before it is saved, and a plan that has one can name it.
//!
//! The graph is the one the scheduler works on: a link into a summary task reaches every task
//! under it, and a link out of a summary leaves from every task under it. So a summary linked
//! to one of its own tasks is a cycle, as in MS Project.

use crate::model::{task_label, LinkId, ModelError, Plan, TaskId};
use foldhash::HashMap;

/// A dependency cycle of `plan`, as task ids in link order with the first repeated at the
/// end (`a → b → a`); `None` when the links form no cycle. Linear in tasks and links.
pub fn find_cycle(plan: &Plan) -> Option<Vec<TaskId>> {
    let g = Graph::of(plan);
    let nodes = g.cycle()?;
    // A summary has an entry and an exit node: name it once where the walk passes it.
    let mut ids: Vec<TaskId> = Vec::with_capacity(nodes.len());
    for v in nodes {
        let id = plan.tasks[g.task_of(v)].id;
        if ids.last() != Some(&id) {
            ids.push(id);
        }
    }
    if ids.len() > 1 && ids.first() == ids.last() {
        ids.pop();
    }
    // Start at the lowest task number, for a stable message.
    let n = |id: &TaskId| plan.tasks.iter().position(|t| t.id == *id).unwrap_or(0);
    if let Some(k) = (0..ids.len()).min_by_key(|&k| n(&ids[k])) {
        ids.rotate_left(k);
    }
    let first = *ids.first()?;
    ids.push(first);
    Some(ids)
}

/// "task 2 'Build'"-style labels of `ids`.
pub fn cycle_labels(plan: &Plan, ids: &[TaskId]) -> Vec<String> {
    let by_id: HashMap<TaskId, &crate::model::Task> =
        plan.tasks.iter().map(|t| (t.id, t)).collect();
    ids.iter()
        .map(|id| {
            by_id
                .get(id)
                .map_or_else(|| id.to_string(), |t| task_label(t))
        })
        .collect()
}

/// Refuses a plan whose links form a cycle, naming its tasks; `what` says what was being
/// done ("the import", "scenario 'X'", "this change").
pub fn refuse_cycle(plan: &Plan, what: &str) -> Result<(), ModelError> {
    match find_cycle(plan) {
        Some(ids) => Err(ModelError::Cycle {
            what: what.to_string(),
            tasks: cycle_labels(plan, &ids),
        }),
        None => Ok(()),
    }
}

/// A plan whose links form a cycle, made schedulable: the first cycle found (for the user
/// to fix) and the links set aside so that the rest of the plan has dates.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct CycleRepair {
    /// The first cycle, as [`find_cycle`] names it (`a → b → a`).
    pub cycle: Vec<TaskId>,
    /// "task 2 'Build'"-style labels of `cycle`.
    pub labels: Vec<String>,
    /// The links between consecutive tasks of `cycle`: removing any one of them breaks it.
    pub links: Vec<LinkId>,
    /// The links left out of the schedule until the plan is fixed: in each cycle, the link
    /// that points back up the plan (to the earliest task), or else its first link.
    pub set_aside: Vec<LinkId>,
}

/// A plan that already has a dependency cycle (written by an older Admiral or another tool)
/// cannot be scheduled as it is. This returns the plan without the fewest links this rule
/// finds (one per cycle, see [`CycleRepair::set_aside`]) and what was done, so that the plan
/// can still be shown with dates that say what they leave out; `None` when there is no
/// cycle. The plan itself is not changed: only removing a link fixes it.
pub fn set_aside_cycles(plan: &Plan) -> Option<(Plan, CycleRepair)> {
    let first = find_cycle(plan)?;
    let labels = cycle_labels(plan, &first);
    let links = cycle_links(plan, &first);
    let mut next = plan.clone();
    let mut set_aside = Vec::new();
    let mut ids = first.clone();
    // Each round removes one link of a cycle, so this ends within the number of links.
    loop {
        let on_cycle = cycle_links(&next, &ids);
        let order: HashMap<TaskId, usize> = next
            .tasks
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id, i))
            .collect();
        let pos = |id: &TaskId| order.get(id).copied().unwrap_or(0);
        let back = on_cycle.iter().copied().find(|id| {
            next.links
                .iter()
                .find(|l| l.id == *id)
                .is_some_and(|l| pos(&l.successor) <= pos(&l.predecessor))
        });
        let Some(drop) = back.or_else(|| on_cycle.first().copied()) else {
            break; // not reachable: every cycle has a link on it
        };
        next.links.retain(|l| l.id != drop);
        set_aside.push(drop);
        match find_cycle(&next) {
            Some(c) => ids = c,
            None => break,
        }
    }
    Some((
        next,
        CycleRepair {
            cycle: first,
            labels,
            links,
            set_aside,
        },
    ))
}

/// The links from each task of `cycle` (`a → b → a`) to the next, in cycle order.
fn cycle_links(plan: &Plan, cycle: &[TaskId]) -> Vec<LinkId> {
    cycle
        .windows(2)
        .flat_map(|w| {
            plan.links
                .iter()
                .filter(move |l| l.predecessor == w[0] && l.successor == w[1])
                .map(|l| l.id)
        })
        .collect()
}

/// The dependency graph: node `i` is task row `i` (a leaf, or a summary's entry); a summary
/// at row `i` also has an exit node `n + k`.
struct Graph {
    n: usize,
    /// Row of each exit node `n + k`.
    exit_row: Vec<usize>,
    off: Vec<usize>,
    adj: Vec<usize>,
}

impl Graph {
    fn of(plan: &Plan) -> Graph {
        let n = plan.tasks.len();
        let row: HashMap<TaskId, usize> = plan
            .tasks
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id, i))
            .collect();
        let summary =
            |i: usize| i + 1 < n && plan.tasks[i + 1].outline_level > plan.tasks[i].outline_level;
        let mut exit_of = vec![usize::MAX; n];
        let mut exit_row = Vec::new();
        for (i, exit) in exit_of.iter_mut().enumerate() {
            if summary(i) {
                *exit = n + exit_row.len();
                exit_row.push(i);
            }
        }
        let out = |i: usize| {
            if exit_of[i] == usize::MAX {
                i
            } else {
                exit_of[i]
            }
        };
        let mut edges: Vec<(usize, usize)> = Vec::with_capacity(plan.links.len() + 2 * n);
        // Each row under its parent: parent entry → child entry, child exit → parent exit.
        let mut stack: Vec<usize> = Vec::new();
        for i in 0..n {
            let level = plan.tasks[i].outline_level;
            while stack
                .last()
                .is_some_and(|&p| plan.tasks[p].outline_level >= level)
            {
                stack.pop();
            }
            if let Some(&p) = stack.last() {
                edges.push((p, i));
                edges.push((out(i), exit_of[p]));
            }
            if summary(i) {
                // A summary's entry reaches its exit through its children.
                stack.push(i);
            }
        }
        for l in &plan.links {
            if let (Some(&p), Some(&s)) = (row.get(&l.predecessor), row.get(&l.successor)) {
                edges.push((out(p), s));
            }
        }
        let m = n + exit_row.len();
        let mut off = vec![0usize; m + 1];
        for &(a, _) in &edges {
            off[a + 1] += 1;
        }
        for v in 0..m {
            off[v + 1] += off[v];
        }
        let mut fill = off.clone();
        let mut adj = vec![0usize; edges.len()];
        for &(a, b) in &edges {
            adj[fill[a]] = b;
            fill[a] += 1;
        }
        Graph {
            n,
            exit_row,
            off,
            adj,
        }
    }

    fn task_of(&self, v: usize) -> usize {
        if v < self.n {
            v
        } else {
            self.exit_row[v - self.n]
        }
    }

    /// One cycle's nodes in order (without repeating the first), by an iterative
    /// depth-first search; `None` when the graph is acyclic.
    fn cycle(&self) -> Option<Vec<usize>> {
        let m = self.off.len() - 1;
        // 0 unvisited, 1 on the stack, 2 done.
        let mut state = vec![0u8; m];
        let mut parent = vec![usize::MAX; m];
        let mut next = self.off[..m].to_vec();
        for root in 0..m {
            if state[root] != 0 {
                continue;
            }
            let mut stack = vec![root];
            state[root] = 1;
            while let Some(&v) = stack.last() {
                if next[v] < self.off[v + 1] {
                    let w = self.adj[next[v]];
                    next[v] += 1;
                    match state[w] {
                        0 => {
                            state[w] = 1;
                            parent[w] = v;
                            stack.push(w);
                        }
                        1 => {
                            // v → w closes a cycle: w … v on the stack.
                            let mut path = vec![v];
                            let mut u = v;
                            while u != w {
                                u = parent[u];
                                path.push(u);
                            }
                            path.reverse();
                            return Some(path);
                        }
                        _ => {}
                    }
                } else {
                    state[v] = 2;
                    stack.pop();
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_plan;
    use crate::model::{Lag, Link, LinkId, LinkType};

    fn link(plan: &Plan, a: usize, b: usize) -> Link {
        Link {
            id: LinkId::new(),
            predecessor: plan.tasks[a].id,
            successor: plan.tasks[b].id,
            kind: LinkType::FS,
            lag: Lag::Working(crate::model::WorkMinutes(0)),
        }
    }

    fn leaves(plan: &Plan) -> Vec<usize> {
        (0..plan.tasks.len())
            .filter(|&i| {
                i + 1 == plan.tasks.len()
                    || plan.tasks[i + 1].outline_level <= plan.tasks[i].outline_level
            })
            .collect()
    }

    #[test]
    fn the_demo_has_no_cycle_and_a_back_link_closes_one_named_in_order() {
        let mut plan = demo_plan();
        assert_eq!(find_cycle(&plan), None);
        assert!(refuse_cycle(&plan, "x").is_ok());
        // Follow real links a → b → c, then link c back to a.
        let l1 = plan.links[0];
        let l2 = *plan
            .links
            .iter()
            .find(|l| l.predecessor == l1.successor)
            .expect("a chain of two links");
        plan.links.push(Link {
            id: LinkId::new(),
            predecessor: l2.successor,
            successor: l1.predecessor,
            kind: LinkType::SS,
            lag: Lag::Working(crate::model::WorkMinutes(0)),
        });
        let ids = find_cycle(&plan).expect("a cycle");
        assert_eq!(ids.first(), ids.last());
        for id in [l1.predecessor, l1.successor, l2.successor] {
            assert!(ids.contains(&id), "{ids:?}");
        }
        let e = refuse_cycle(&plan, "the import").unwrap_err().to_string();
        assert!(
            e.starts_with("the import would close a dependency cycle: task "),
            "{e}"
        );
        assert!(e.ends_with("; nothing was changed"), "{e}");
    }

    #[test]
    fn a_summary_linked_to_its_own_task_is_a_cycle_and_other_summary_links_are_not() {
        let plan = demo_plan();
        let s = (0..plan.tasks.len())
            .find(|&i| !leaves(&plan).contains(&i) && plan.tasks[i].outline_level > 1)
            .expect("a summary below level 1");
        let child = s + 1;
        for (a, b) in [(s, child), (child, s)] {
            let mut p = plan.clone();
            let l = link(&p, a, b);
            p.links.push(l);
            let ids = find_cycle(&p).expect("summary ↔ own task is a cycle");
            assert!(ids.contains(&p.tasks[s].id) && ids.contains(&p.tasks[child].id));
        }
        // A summary linked to a task outside it, with nothing coming back, is no cycle.
        let last = plan.tasks.len() - 1;
        let mut p = plan.clone();
        let l = link(&p, s, last);
        p.links.push(l);
        p.links.retain(|l| l.predecessor != p.tasks[last].id);
        assert_eq!(find_cycle(&p), None);
    }

    #[test]
    fn apply_all_refuses_an_indent_that_makes_a_task_the_summary_of_its_own_successor() {
        use crate::edit::apply_all;
        let mut plan = demo_plan();
        let n = plan.tasks.len();
        let level = |p: &Plan, i: usize| p.tasks.get(i).map_or(0, |t| t.outline_level);
        // Two leaves side by side at one level, the second one followed by no child.
        let i = (0..n - 2)
            .find(|&i| {
                let l = level(&plan, i);
                level(&plan, i + 1) == l && level(&plan, i + 2) <= l && level(&plan, i + 3) <= l
            })
            .expect("two sibling leaves");
        let l = link(&plan, i, i + 1);
        plan.links.push(l);
        assert_eq!(find_cycle(&plan), None);
        // Indenting the second under the first makes the first its summary: summary ↔ own task.
        let change = crate::wbs::indent_task(&plan, plan.tasks[i + 1].id, 1).unwrap();
        let e = apply_all(&plan, &change.edits).unwrap_err();
        assert!(matches!(e, ModelError::Cycle { .. }), "{e}");
        // A duration change of the same task is no outline move and is accepted.
        let mut t = plan.tasks[i + 1].clone();
        t.duration = crate::Duration::Working(crate::WorkMinutes::days(3));
        assert!(apply_all(&plan, &[crate::edit::Edit::PutTask(t)]).is_ok());
    }

    #[test]
    fn apply_all_refuses_a_link_that_closes_a_cycle_but_keeps_a_cyclic_plan_editable() {
        use crate::edit::{apply_all, Edit};
        let plan = demo_plan();
        let l = plan.links[0];
        let back = Link {
            id: LinkId::new(),
            predecessor: l.successor,
            successor: l.predecessor,
            kind: LinkType::FS,
            lag: Lag::Working(crate::model::WorkMinutes(0)),
        };
        let e = apply_all(&plan, &[Edit::PutLink(back)]).unwrap_err();
        assert!(matches!(e, ModelError::Cycle { .. }), "{e}");
        assert!(
            e.to_string()
                .starts_with("this change would close a dependency cycle: "),
            "{e}"
        );
        // A plan that has a cycle already (written by another tool): renaming a task is fine,
        // and removing the link that closes it is too.
        let mut cyclic = plan.clone();
        cyclic.links.push(back);
        let mut t = cyclic.tasks[0].clone();
        t.name = "Renamed".into();
        apply_all(&cyclic, &[Edit::PutTask(t)]).unwrap();
        let fixed = apply_all(&cyclic, &[Edit::DeleteLink(back.id)]).unwrap();
        assert_eq!(find_cycle(&fixed), None);
    }

    #[test]
    fn a_cyclic_plan_is_scheduled_without_its_back_links_and_names_the_cycle() {
        use crate::schedule::{schedule, ScheduleOptions};
        let plan = demo_plan();
        assert_eq!(set_aside_cycles(&plan), None);
        // Two cycles: l0 and a link back, l1 and a link back.
        let mut cyclic = plan.clone();
        let mut backs = Vec::new();
        for l in [plan.links[0], plan.links[plan.links.len() / 2]] {
            let back = Link {
                id: LinkId::new(),
                predecessor: l.successor,
                successor: l.predecessor,
                kind: LinkType::FS,
                lag: Lag::Working(crate::model::WorkMinutes(0)),
            };
            cyclic.links.push(back);
            backs.push((l.id, back.id));
        }
        assert!(schedule(&cyclic, &ScheduleOptions::default()).is_err());
        let (fixed, repair) = set_aside_cycles(&cyclic).expect("a cycle");
        // The link pointing back up the plan is the one set aside, in each cycle.
        let mut aside = repair.set_aside.clone();
        aside.sort();
        let mut want: Vec<LinkId> = backs.iter().map(|b| b.1).collect();
        want.sort();
        assert_eq!(aside, want);
        assert_eq!(fixed.links.len(), plan.links.len());
        assert!(schedule(&fixed, &ScheduleOptions::default()).is_ok());
        // The first cycle is named, with both its links (either one breaks it).
        assert_eq!(repair.cycle.first(), repair.cycle.last());
        assert_eq!(repair.labels.len(), repair.cycle.len());
        assert!(repair.labels[0].starts_with("task "), "{:?}", repair.labels);
        let first = backs
            .iter()
            .find(|(l, _)| repair.links.contains(l))
            .expect("the first cycle's forward link is listed");
        assert!(repair.links.contains(&first.1));
        // Removing a listed link (here the forward one) fixes that cycle for good.
        let mut p = cyclic.clone();
        p.links.retain(|l| l.id != first.0);
        let (_, rest) = set_aside_cycles(&p).expect("the other cycle is left");
        assert_eq!(rest.set_aside.len(), 1);
        assert_ne!(rest.cycle, repair.cycle);
    }

    #[test]
    fn agrees_with_the_scheduler_on_random_plans() {
        use crate::schedule::{schedule, ScheduleOptions};
        let base = crate::demo::demo_plan_sized(400, 3);
        let n = base.tasks.len();
        let mut seed = 12345u64;
        let mut rnd = |k: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % k
        };
        for _ in 0..40 {
            let mut p = base.clone();
            for _ in 0..3 {
                let (a, b) = (rnd(n), rnd(n));
                if a != b
                    && !p
                        .links
                        .iter()
                        .any(|l| l.predecessor == p.tasks[a].id && l.successor == p.tasks[b].id)
                {
                    let l = link(&p, a, b);
                    p.links.push(l);
                }
            }
            let ours = find_cycle(&p).is_some();
            let sched = schedule(&p, &ScheduleOptions::default()).is_err();
            assert_eq!(ours, sched);
        }
    }
}
