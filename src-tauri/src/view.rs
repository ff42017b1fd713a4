//! What the UI is sent: the plan as core holds it (a whole plan in columns, see
//! [`crate::wire`]), plus its schedule as rows beside the tasks. Everything here is a copy or
//! a formatting of what core computed; the UI shows it and never recomputes a date.

use crate::delta::Delta;
use admiral_core::schedule::{Schedule, ScheduleWarning};
use admiral_core::{
    Assignment, AssignmentId, Decision, Link, LinkId, Money, Plan, ProjectId, ReleaseId, Task,
    TaskId, TaskNumber, WorkMinutes,
};
use chrono::NaiveDateTime;
use serde::Serialize;
use std::path::Path;

pub use crate::row_baseline::RowBaseline;
pub use crate::row_segments::Segment;
pub use crate::rows::{changed_rows, schedule_view, schedule_view_with, totals, Refresh};
use crate::{list_delta::ListDelta, wire};

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
    /// The whole plan and every row, in columns ([`crate::wire`]; `schedule.rows` is then
    /// empty), or `None` when only `changedTasks`, `links` and `assignments` differ.
    pub plan: Option<wire::WholePlan>,
    /// In the app, the whole plan goes ahead of the answer as a script, under this number
    /// ([`crate::courier`]); `plan` is then `None` and the UI takes it from what arrived.
    pub plan_sent: Option<u32>,
    /// Tasks replaced in place (same id, same position), when `plan` is `None`.
    pub changed_tasks: Vec<Task>,
    /// The links added, changed and removed, when `plan` is `None` and links changed.
    pub links: Option<ListDelta<Link, LinkId>>,
    /// The assignments added, changed and removed, when `plan` is `None` and assignments
    /// changed (a duration edit of an assigned task changes its assignments' work or units,
    /// as its task type says).
    pub assignments: Option<ListDelta<Assignment, AssignmentId>>,
    pub schedule: ScheduleView,
    /// Each gate's overall decision, in the order of `plan.gates`.
    pub gate_states: Vec<Decision>,
    /// Each scenario's overrides described in core's words, in the order of
    /// `plan.scenarios`; always whole (a renamed task changes them).
    pub override_lines: Vec<Vec<String>>,
    pub can_undo: bool,
    pub can_redo: bool,
    /// The plan's dependency cycle (an older Admiral or another tool saved it), and the links
    /// the schedule leaves out until the user removes one: `None` for a healthy plan.
    pub cycle: Option<admiral_core::dependency::CycleRepair>,
    /// The baseline the rows' `baseline` values come from (0 until the user picks another).
    pub shown_baseline: u8,
}

/// The schedule of the whole plan.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleView {
    pub start: NaiveDateTime,
    pub finish: NaiveDateTime,
    /// One row per task, in the order of `plan.tasks` (empty in a delta: see `patch`).
    pub rows: Vec<RowView>,
    /// In a delta, what differs from the rows of the previous snapshot: column by column,
    /// only the values that changed (an edit that moves the finish changes every row's
    /// float, and one that moves a task early in the plan every later row's dates: 10k rows
    /// as objects were 4.3 MB of JSON).
    pub patch: Option<crate::row_patch::RowPatch>,
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
    /// Its values in the baseline shown (`Snapshot::shown_baseline`), `None` without any.
    pub baseline: Option<RowBaseline>,
    /// Percent complete; a summary's rolled up by core (`progress::percent_complete`).
    pub percent: u8,
    /// Its cost, in cents: its resources' plus its fixed cost; a summary's rolled up with its
    /// own fixed cost (core's `baseline::task_work_and_cost`).
    pub cost: Money,
    /// When its work is split: the periods it works (core's `split::segments`), one per
    /// stretch of work; empty for a task that is not split.
    pub segments: Vec<Segment>,
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
    /// How many tasks the release has. With none, `start` and `finish` are only the
    /// release's start date and `delta` is `None`: the UI says "no tasks yet", not a date.
    pub tasks: u32,
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

/// What a task drives ([`crate::commands::query::driven_tasks`]): how many tasks, the row of
/// each (the chart marks them; a task early in a 100k-task plan can drive 90k), and the
/// first few as the panel lists them.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DrivenTasks {
    pub count: u32,
    /// Rows (positions in the plan's task list) of every task driven, in plan order.
    pub rows: Vec<u32>,
    /// The first `listed` of them, with their names and dates.
    pub first: Vec<ChainStep>,
}

/// What a snapshot carries of the plan: what an edit changed, or the plan whole (with its
/// columns but the rows made already, or not). One is made per snapshot and moved once, so
/// its size does not matter.
#[allow(clippy::large_enum_variant)]
pub enum Body {
    Delta(Delta),
    Whole(Option<wire::PlanColumns>),
}

/// The snapshot of `plan` and its schedule: whole, or the delta `body` gives with `schedule`
/// holding only the changed rows (from [`changed_rows`]).
pub fn snapshot(
    path: &Path,
    plan: &Plan,
    mut schedule: ScheduleView,
    (undo, redo): (usize, usize),
    body: Body,
    cycle: Option<admiral_core::dependency::CycleRepair>,
    shown_baseline: u8,
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
    let (whole, changed_tasks, links, assignments) = match body {
        Body::Delta(d) => (None, d.tasks, d.links, d.assignments),
        Body::Whole(columns) => {
            let columns = columns.unwrap_or_else(|| wire::plan_columns(plan));
            let rows = std::mem::take(&mut schedule.rows);
            (Some(columns.with_rows(plan, rows)), Vec::new(), None, None)
        }
    };
    Snapshot {
        path: path.display().to_string(),
        title: format!("{file}{release} — Admiral"),
        plan: whole,
        plan_sent: None,
        changed_tasks,
        links,
        assignments,
        schedule,
        gate_states: plan.gates.iter().map(|g| g.state()).collect(),
        override_lines: admiral_core::scenario::defaults::describe_all(plan),
        can_undo: undo > 0,
        can_redo: redo > 0,
        cycle,
        shown_baseline,
    }
}

/// The parts of the schedule view besides the rows.
pub(crate) fn summary(
    plan: &Plan,
    s: &Schedule,
    rows: Vec<RowView>,
    patch: Option<crate::row_patch::RowPatch>,
) -> ScheduleView {
    let counts = tasks_per_release(plan);
    ScheduleView {
        start: s.start,
        finish: s.finish,
        rows,
        patch,
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
            .map(|r| {
                let tasks = counts
                    .iter()
                    .find(|c| c.0 == r.release_id)
                    .map_or(0, |c| c.1);
                ReleaseView {
                    release_id: r.release_id,
                    tasks,
                    start: r.start,
                    finish: r.finish,
                    target: r.target,
                    // Against the release's own start date, for a release with nothing in it.
                    delta: r.delta.filter(|_| tasks > 0),
                    blocked_by_gates: r.blocked_by_gates.clone(),
                }
            })
            .collect(),
    }
}

/// How many tasks each release holds (through their projects). A plan has a few releases
/// and projects, and a project's tasks mostly follow each other: this runs on every edit, and
/// two hash lookups per task were a quarter of an edit's rows at 10k tasks.
fn tasks_per_release(plan: &Plan) -> Vec<(ReleaseId, u32)> {
    let mut counts: Vec<(ReleaseId, u32)> = Vec::new();
    let mut last: Option<(ProjectId, Option<usize>)> = None;
    for t in &plan.tasks {
        let slot = match last {
            Some((p, slot)) if p == t.project_id => slot,
            _ => {
                let slot = plan
                    .projects
                    .iter()
                    .find(|p| p.id == t.project_id)
                    .map(|p| {
                        counts
                            .iter()
                            .position(|c| c.0 == p.release_id)
                            .unwrap_or_else(|| {
                                counts.push((p.release_id, 0));
                                counts.len() - 1
                            })
                    });
                last = Some((t.project_id, slot));
                slot
            }
        };
        if let Some(k) = slot {
            counts[k].1 += 1;
        }
    }
    counts
}

fn warning_task(w: &ScheduleWarning) -> Option<TaskId> {
    match w {
        ScheduleWarning::ConstraintNotMet { task, .. }
        | ScheduleWarning::DeadlineMissed { task, .. } => Some(*task),
        ScheduleWarning::BlockedByGate { gate, .. } => Some(*gate),
        ScheduleWarning::NoWorkingTime { .. } => None,
    }
}
