//! What an edit, an undo or a redo changed in the plan, as the [`Delta`] the UI is sent
//! instead of the whole plan: tasks changed in place, and the links and assignments added,
//! changed or removed ([`list_delta`]).

use crate::list_delta::{list_delta, ListDelta};
use admiral_core::edit::{Edit, Restore};
use admiral_core::{Assignment, AssignmentId, Link, LinkId, Plan, Task, TaskId};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// What an edit changed, when it changed only tasks in place, links and assignments.
pub struct Delta {
    pub tasks: Vec<Task>,
    pub links: Option<ListDelta<Link, LinkId>>,
    pub assignments: Option<ListDelta<Assignment, AssignmentId>>,
    /// Which row texts to format afresh; the others are the ones sent last time.
    pub texts: Texts,
    /// The tasks whose own fields or assignments changed (for the roll-ups kept, core's
    /// `rollup::RowTotals::update`).
    pub touched: Vec<TaskId>,
}

/// The row texts an edit may have changed.
#[derive(Debug)]
pub struct Texts {
    /// Tasks whose duration changed.
    pub durations: HashSet<TaskId>,
    /// Tasks whose predecessors changed; `None` when any may have (a task was renumbered).
    pub predecessors: Option<HashSet<TaskId>>,
}

/// What differs between two versions of a plan, as a [`Delta`], when that is only tasks
/// changed in place (same id at the same row), links and assignments. `None` when anything
/// else differs.
pub(crate) fn plan_delta(before: &Plan, after: &Plan) -> Option<Delta> {
    // Named field by field, so that a field added to `Plan` must be considered here.
    let Plan {
        portfolio,
        settings,
        releases,
        projects,
        tasks: _,
        links: _,
        assignments: _,
        calendars,
        blackouts,
        gates,
        risks,
        resources,
        scenarios,
        baselines,
        commitments,
        snapshots,
    } = before;
    let rest_same = *portfolio == after.portfolio
        && *settings == after.settings
        && *releases == after.releases
        && *projects == after.projects
        && *calendars == after.calendars
        && *blackouts == after.blackouts
        && *gates == after.gates
        && *risks == after.risks
        && *resources == after.resources
        && *scenarios == after.scenarios
        && *baselines == after.baselines
        && *commitments == after.commitments
        && *snapshots == after.snapshots;
    let same_rows = before.tasks.len() == after.tasks.len()
        && before
            .tasks
            .iter()
            .zip(&after.tasks)
            .all(|(a, b)| a.id == b.id);
    if !rest_same || !same_rows {
        return None;
    }
    let mut texts = Texts {
        durations: HashSet::new(),
        predecessors: Some(HashSet::new()),
    };
    let mut tasks = Vec::new();
    for (a, b) in before.tasks.iter().zip(&after.tasks) {
        if a != b {
            if a.number != b.number {
                texts.predecessors = None;
            }
            texts.durations.insert(b.id);
            tasks.push(b.clone());
        }
    }
    let links = before.links != after.links;
    if links {
        if let Some(p) = &mut texts.predecessors {
            // The successors of every link added, removed or changed, as it was and as it is.
            let old: HashMap<LinkId, &Link> = before.links.iter().map(|l| (l.id, l)).collect();
            let new: HashMap<LinkId, &Link> = after.links.iter().map(|l| (l.id, l)).collect();
            for (id, l) in &old {
                if new.get(id) != Some(l) {
                    p.insert(l.successor);
                }
            }
            for (id, l) in &new {
                if old.get(id) != Some(l) {
                    p.insert(l.successor);
                }
            }
        }
    }
    let assignments = before.assignments != after.assignments;
    let assignments = changes(assignments, &before.assignments, &after.assignments, |a| {
        a.id
    })?;
    Some(Delta {
        touched: touched(&tasks, assignments.as_ref(), &before.assignments),
        tasks,
        links: changes(links, &before.links, &after.links, |l| l.id)?,
        assignments,
        texts,
    })
}

/// The tasks, links and assignments an edit changed, when it changed nothing else: tasks
/// edited in place (same id, same row), links and assignments. `None` when the UI needs the whole plan again.
pub(crate) fn delta(before: &Restore, after: &Plan, edits: &[Edit]) -> Option<Delta> {
    let old = before.whole();
    if old.is_some_and(|p| p.tasks.len() != after.tasks.len()) {
        return None;
    }
    let links = edits
        .iter()
        .any(|e| matches!(e, Edit::PutLink(_) | Edit::DeleteLink(_)));
    let links_before = match links {
        true => before.links_before(&after.links),
        false => Cow::Borrowed(&[][..]),
    };
    let mut assignments = false;
    let mut tasks = Vec::new();
    let mut texts = Texts {
        durations: HashSet::new(),
        predecessors: Some(HashSet::new()),
    };
    // The successor of a link as it was and as it is: both tasks' predecessor texts change.
    let successor =
        |links: &[Link], id: LinkId| links.iter().find(|l| l.id == id).map(|l| l.successor);
    for e in edits {
        match e {
            Edit::PutTask(t) => {
                let i = after.task_row(t.id, t.number)?;
                // (A change applied in place kept every row's task and number.)
                if let Some(p) = old {
                    if p.tasks[i].id != t.id {
                        return None;
                    }
                    if p.tasks[i].number != after.tasks[i].number {
                        // Every link from this task names it by number.
                        texts.predecessors = None;
                    }
                }
                texts.durations.insert(t.id);
                tasks.push(after.tasks[i].clone());
            }
            Edit::PutLink(Link { id, .. }) | Edit::DeleteLink(id) => {
                if let Some(p) = &mut texts.predecessors {
                    p.extend(successor(&links_before, *id));
                    p.extend(successor(&after.links, *id));
                }
            }
            // Work or units of an assigned task (a duration edit changes them as the task's
            // type says); no row text depends on them.
            Edit::PutAssignment(_) | Edit::DeleteAssignment(_) => assignments = true,
            _ => return None,
        }
    }
    let assignments_before = match assignments {
        true => before.assignments_before(&after.assignments),
        false => Cow::Borrowed(&[][..]),
    };
    let assignments = changes(assignments, &assignments_before, &after.assignments, |a| {
        a.id
    })?;
    Some(Delta {
        touched: touched(&tasks, assignments.as_ref(), &assignments_before),
        tasks,
        links: changes(links, &links_before, &after.links, |l| l.id)?,
        assignments,
        texts,
    })
}

/// The tasks `tasks` and the tasks of the assignments `assignments` put or removed, as they
/// are and as they were in `before`.
fn touched(
    tasks: &[Task],
    assignments: Option<&ListDelta<Assignment, AssignmentId>>,
    before: &[Assignment],
) -> Vec<TaskId> {
    let mut out: Vec<TaskId> = tasks.iter().map(|t| t.id).collect();
    if let Some(d) = assignments {
        out.extend(d.put.iter().map(|a| a.task_id));
        // Sorted and searched, not hashed: an edit changes a few assignments, and every one
        // of the plan's is looked up (hashing each was a fifth of `OpenPlan::take` at 30k tasks).
        let mut ids: Vec<AssignmentId> = d
            .put
            .iter()
            .map(|a| a.id)
            .chain(d.removed.iter().copied())
            .collect();
        ids.sort_unstable();
        if !ids.is_empty() {
            out.extend(
                before
                    .iter()
                    .filter(|a| ids.binary_search(&a.id).is_ok())
                    .map(|a| a.task_id),
            );
        }
    }
    out
}

/// [`list_delta`] of a list that `changed`: `Some(None)` when it did not, `None` when it
/// cannot be a delta.
fn changes<T, I>(
    changed: bool,
    before: &[T],
    after: &[T],
    id: impl Fn(&T) -> I,
) -> Option<Option<ListDelta<T, I>>>
where
    T: PartialEq + Clone,
    I: Eq + std::hash::Hash + Copy,
{
    if !changed {
        return Some(None);
    }
    list_delta(before, after, id).map(Some)
}
