//! What the UI is sent: the plan as core holds it, plus its schedule as rows beside the
//! tasks. Everything here is a copy or a formatting of what core computed; the UI shows
//! it and never recomputes a date.

use admiral_core::notation::{format_duration, format_predecessors, Predecessor};
use admiral_core::schedule::{Schedule, ScheduleWarning};
use admiral_core::{Decision, Link, Plan, ReleaseId, Task, TaskId, TaskNumber, WorkMinutes};
use chrono::NaiveDateTime;
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;

/// An open plan and its schedule, sent after every open and every edit.
///
/// After an edit that only changed tasks in place or links, the plan and the rows are sent
/// as a delta against the previous snapshot (`plan` is `None`); at 10k tasks the whole plan
/// is megabytes, the delta a few kilobytes.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Snapshot {
    /// The plan file's path.
    pub path: String,
    /// "r27.admiral — R2027.1 Enterprise release", for the window title.
    pub title: String,
    /// The whole plan, or `None` when only `changedTasks` and `links` differ from the last one.
    pub plan: Option<Plan>,
    /// Tasks replaced in place (same id, same position), when `plan` is `None`.
    pub changed_tasks: Vec<Task>,
    /// Every link, when `plan` is `None` and links changed.
    pub links: Option<Vec<Link>>,
    pub schedule: ScheduleView,
    /// Each gate's overall decision, in the order of `plan.gates`.
    pub gate_states: Vec<Decision>,
    pub can_undo: bool,
    pub can_redo: bool,
}

/// The schedule of the whole plan.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleView {
    pub start: NaiveDateTime,
    pub finish: NaiveDateTime,
    /// One row per task, in the order of `plan.tasks`; or, when `changed` is set, only the
    /// rows that differ from the previous snapshot, at the positions `changed` lists.
    pub rows: Vec<RowView>,
    pub changed: Option<Vec<u32>>,
    /// The first critical path, start → finish.
    pub critical_path: Vec<TaskId>,
    pub warnings: Vec<WarningView>,
    /// One per release, in the order of `plan.releases`.
    pub releases: Vec<ReleaseView>,
}

/// One task's computed dates and the texts the grid shows for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RowView {
    pub task_id: TaskId,
    pub summary: bool,
    pub milestone: bool,
    pub start: NaiveDateTime,
    pub finish: NaiveDateTime,
    /// Working minutes.
    pub total_float: WorkMinutes,
    pub critical: bool,
    pub near_critical: bool,
    /// The rejected gate this task waits on.
    pub blocked_by_gate: Option<TaskId>,
    /// The predecessor that sets this task's start.
    pub driving_predecessor: Option<TaskId>,
    /// The duration in MS Project notation: "5d", "2w", "3ed".
    pub duration: String,
    /// The predecessors in MS Project notation: "3FS+2d, 5SS".
    pub predecessors: String,
}

/// A scheduler warning, as a sentence naming the task.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct WarningView {
    pub task_id: Option<TaskId>,
    pub message: String,
}

/// A release's forecast against its target.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ReleaseView {
    pub release_id: ReleaseId,
    pub start: NaiveDateTime,
    pub finish: NaiveDateTime,
    pub target: Option<NaiveDateTime>,
    /// Forecast minus target in working minutes: positive is late.
    pub delta: Option<WorkMinutes>,
    pub blocked_by_gates: Vec<TaskId>,
}

/// The tasks of a "why this date?" chain, from what starts it to the task asked about.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ChainStep {
    pub task_id: TaskId,
    pub number: TaskNumber,
    pub name: String,
    pub start: NaiveDateTime,
    pub finish: NaiveDateTime,
}

/// What changed since the previous snapshot, when an edit allows a delta.
pub struct Delta {
    pub tasks: Vec<Task>,
    pub links: Option<Vec<Link>>,
    /// The rows sent last time, to send only those that differ.
    pub previous_rows: Vec<RowView>,
}

/// The snapshot of `plan` and its schedule `s`: whole, or as `delta` describes.
pub fn snapshot(
    path: &Path,
    plan: &Plan,
    mut schedule: ScheduleView,
    (undo, redo): (usize, usize),
    delta: Option<Delta>,
) -> Snapshot {
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let release = plan
        .releases
        .first()
        .map(|r| format!(" — {} {}", r.code, r.name))
        .unwrap_or_default();
    let (whole, changed_tasks, links) = match delta {
        Some(d) if d.previous_rows.len() == schedule.rows.len() => {
            let changed: Vec<u32> = (0..schedule.rows.len())
                .filter(|&i| schedule.rows[i] != d.previous_rows[i])
                .map(|i| i as u32)
                .collect();
            schedule.rows = changed
                .iter()
                .map(|&i| schedule.rows[i as usize].clone())
                .collect();
            schedule.changed = Some(changed);
            (None, d.tasks, d.links)
        }
        _ => (Some(plan.clone()), Vec::new(), None),
    };
    Snapshot {
        path: path.display().to_string(),
        title: format!("{file}{release} — Admiral"),
        plan: whole,
        changed_tasks,
        links,
        schedule,
        gate_states: plan.gates.iter().map(|g| g.state()).collect(),
        can_undo: undo > 0,
        can_redo: redo > 0,
    }
}

pub fn schedule_view(plan: &Plan, s: &Schedule) -> ScheduleView {
    let numbers: HashMap<TaskId, TaskNumber> =
        plan.tasks.iter().map(|t| (t.id, t.number)).collect();
    let mut preds: HashMap<TaskId, Vec<Predecessor>> = HashMap::new();
    for l in &plan.links {
        if let Some(&number) = numbers.get(&l.predecessor) {
            preds.entry(l.successor).or_default().push(Predecessor {
                number,
                kind: l.kind,
                lag: l.lag,
            });
        }
    }
    let rows = plan
        .tasks
        .iter()
        .zip(&s.tasks)
        .map(|(t, ts)| RowView {
            task_id: ts.task_id,
            summary: ts.summary,
            milestone: ts.milestone,
            start: ts.start,
            finish: ts.finish,
            total_float: ts.total_float,
            critical: ts.critical,
            near_critical: ts.near_critical,
            blocked_by_gate: ts.blocked_by_gate,
            driving_predecessor: ts.driving_predecessor,
            duration: format_duration(t.duration),
            predecessors: preds
                .get(&t.id)
                .map(|p| format_predecessors(p))
                .unwrap_or_default(),
        })
        .collect();
    ScheduleView {
        start: s.start,
        finish: s.finish,
        rows,
        changed: None,
        critical_path: s.critical_paths.first().cloned().unwrap_or_default(),
        warnings: s
            .warnings
            .iter()
            .map(|w| WarningView {
                task_id: warning_task(w),
                message: w.to_string(),
            })
            .collect(),
        releases: s
            .releases
            .iter()
            .map(|r| ReleaseView {
                release_id: r.release_id,
                start: r.start,
                finish: r.finish,
                target: r.target,
                delta: r.delta,
                blocked_by_gates: r.blocked_by_gates.clone(),
            })
            .collect(),
    }
}

fn warning_task(w: &ScheduleWarning) -> Option<TaskId> {
    match w {
        ScheduleWarning::ConstraintNotMet { task, .. }
        | ScheduleWarning::DeadlineMissed { task, .. } => Some(*task),
        ScheduleWarning::BlockedByGate { gate, .. } => Some(*gate),
        ScheduleWarning::NoWorkingTime { .. } => None,
    }
}
