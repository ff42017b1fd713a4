//! Critical paths, driving chains and near-critical tasks.

use super::network::{Buffers, CompiledPlan, NONE};
use super::{Schedule, MAX_CRITICAL_PATHS};
use crate::model::{Plan, TaskId};
use std::collections::HashMap;

/// Chains of critical tasks: each ends at a critical task that drives no critical successor
/// and runs back through driving predecessors while they are critical. Latest-finishing
/// chains first.
pub(crate) fn paths(plan: &Plan, c: &CompiledPlan, buf: &Buffers) -> Vec<Vec<TaskId>> {
    let m = c.node_task.len();
    let mut drives_critical = vec![false; m];
    for j in 0..m {
        let d = buf.drv[j];
        if buf.critical[j] && d != NONE && buf.critical[d as usize] {
            drives_critical[d as usize] = true;
        }
    }
    let mut ends: Vec<usize> = (0..m)
        .filter(|&k| buf.critical[k] && !drives_critical[k])
        .collect();
    // Latest finish first (instants, as calendars may differ), then plan order.
    let finish = |k: usize| c.timelines[c.cal[k] as usize].finish_instant(buf.ef[k]);
    ends.sort_by_key(|&k| (std::cmp::Reverse(finish(k)), c.node_task[k]));
    ends.truncate(MAX_CRITICAL_PATHS);
    ends.into_iter()
        .map(|end| {
            let mut chain = vec![end];
            let mut k = end;
            while buf.drv[k] != NONE && buf.critical[buf.drv[k] as usize] && chain.len() <= m {
                k = buf.drv[k] as usize;
                chain.push(k);
            }
            chain.reverse();
            chain
                .into_iter()
                .map(|k| plan.tasks[c.node_task[k] as usize].id)
                .collect()
        })
        .collect()
}

/// "Why is this date what it is?": the chain of driving predecessors from the task back to
/// whatever starts it (the release start, a constraint, actuals), ordered from that first
/// task to `task` itself. Empty when `task` is not in the schedule.
pub fn driving_chain(s: &Schedule, task: TaskId) -> Vec<TaskId> {
    driving_rows(s, task)
        .into_iter()
        .map(|i| s.tasks[i].task_id)
        .collect()
}

/// [`driving_chain`] as rows of `s` (the plan's task order), as the CLI's `why` and the app's
/// "Why this date?" use them, rather than looking each id up again.
pub fn driving_rows(s: &Schedule, task: TaskId) -> Vec<usize> {
    let index = rows_by_task(s);
    let Some(&start) = index.get(&task) else {
        return Vec::new();
    };
    let mut chain = vec![start];
    let mut i = start;
    while let Some(p) = s.tasks[i].driving_predecessor {
        let Some(&pi) = index.get(&p) else { break };
        // A chain longer than the schedule has gone round a loop (a damaged schedule).
        if chain.len() > s.tasks.len() {
            break;
        }
        chain.push(pi);
        i = pi;
    }
    chain.reverse();
    chain
}

/// "What does this task drive?" (MS Project's Task Path, driven successors): the tasks whose
/// chain of driving predecessors ([`driving_chain`]) passes through `task`, so that a slip
/// of `task` moves them, in plan order; `task` itself is not among them. Empty when `task`
/// is not in the schedule or drives nothing.
pub fn driven_successors(s: &Schedule, task: TaskId) -> Vec<TaskId> {
    driven_rows(s, task)
        .into_iter()
        .map(|i| s.tasks[i].task_id)
        .collect()
}

/// [`driven_successors`] as rows of `s` (the plan's task order), as the CLI and the app use
/// them: a task early in a 100k-task plan drives 90k, whose ids need not be looked up again.
pub fn driven_rows(s: &Schedule, task: TaskId) -> Vec<usize> {
    let index = rows_by_task(s);
    let Some(&from) = index.get(&task) else {
        return Vec::new();
    };
    // Each task's driven tasks, then every one reached from `task`.
    let mut drives: Vec<Vec<usize>> = vec![Vec::new(); s.tasks.len()];
    for (j, t) in s.tasks.iter().enumerate() {
        if let Some(&p) = t.driving_predecessor.as_ref().and_then(|p| index.get(p)) {
            drives[p].push(j);
        }
    }
    let mut reached = vec![false; s.tasks.len()];
    let mut todo = vec![from];
    reached[from] = true;
    while let Some(i) = todo.pop() {
        for &j in &drives[i] {
            if !reached[j] {
                reached[j] = true;
                todo.push(j);
            }
        }
    }
    reached[from] = false;
    (0..s.tasks.len()).filter(|&i| reached[i]).collect()
}

/// The schedule's row of each task.
fn rows_by_task(s: &Schedule) -> HashMap<TaskId, usize> {
    s.tasks
        .iter()
        .enumerate()
        .map(|(i, t)| (t.task_id, i))
        .collect()
}

/// Tasks whose total float is above zero but below `plan.settings.near_critical_threshold`,
/// in plan order.
pub fn near_critical(plan: &Plan, s: &Schedule) -> Vec<TaskId> {
    let limit = plan.settings.near_critical_threshold;
    s.tasks
        .iter()
        .filter(|t| !t.summary && t.total_float.0 > 0 && t.total_float < limit)
        .map(|t| t.task_id)
        .collect()
}
