//! Edits: each command turns what the user did into core [`Edit`]s and commits them through
//! [`OpenPlan::commit`](crate::state::OpenPlan::commit), which checks them on a copy (rules,
//! cycles) before the store saves them as one undoable change.

use crate::error::AppError;
use crate::state::AppState;
use crate::view::Snapshot;
use admiral_core::edit::{Change, Edit};
use admiral_core::put::{self, PutError};
use admiral_core::{
    wbs, Blackout, BlackoutId, Calendar, CalendarId, Effort, Gate, GateId, Link, LinkId, Plan,
    Resource, ResourceId, Risk, RiskId, Task, TaskId,
};
use chrono::NaiveDateTime;
use tauri::State;

fn commit(state: &AppState, edits: Vec<Edit>, label: &str) -> Result<Snapshot, AppError> {
    state.with(|open| open.commit(&edits, label))
}

/// Commits the change a rule of core decides for the open plan.
pub(crate) fn commit_change<E>(
    state: &AppState,
    rule: impl FnOnce(&Plan) -> Result<Change, E>,
) -> Result<Snapshot, AppError>
where
    AppError: From<E>,
{
    state.with(|open| {
        let c = rule(&open.plan)?;
        open.commit(&c.edits, &c.label)
    })
}

/// Saves a whole task (name, owner, kind, outline level, constraint, …) as the UI edited it.
#[tauri::command]
#[specta::specta]
pub fn update_task(state: State<'_, AppState>, task: Task) -> Result<Snapshot, AppError> {
    let label = format!("Edit task {}", task.number);
    commit(&state, vec![Edit::PutTask(task)], &label)
}

/// Sets a task's duration from MS Project notation ("5d", "2w", "3ed", "0" for a milestone).
#[tauri::command]
#[specta::specta]
pub fn set_duration(
    state: State<'_, AppState>,
    task_id: TaskId,
    text: String,
) -> Result<Snapshot, AppError> {
    commit_change(&state, |plan| wbs::set_duration(plan, task_id, &text))
}

/// Switches a task between automatic and manual scheduling (the grid's pin): a task made
/// manual stays at its scheduled start.
#[tauri::command]
#[specta::specta]
pub fn set_task_mode(
    state: State<'_, AppState>,
    task_id: TaskId,
    manual: bool,
) -> Result<Snapshot, AppError> {
    commit_change(&state, |plan| wbs::set_mode(plan, task_id, manual))
}

/// Sets a task's type, effort-driven flag and whether it ignores its resources' calendars.
#[tauri::command]
#[specta::specta]
pub fn set_task_effort(
    state: State<'_, AppState>,
    task_id: TaskId,
    effort: Effort,
) -> Result<Snapshot, AppError> {
    commit_change(&state, |plan| {
        admiral_core::effort::set_effort(plan, task_id, effort)
    })
}

/// Renames a task as typed in the grid: core's `wbs::set_fields`, which trims the name and
/// refuses an empty one, one with a line break or another control character, or one with
/// nothing that shows; one audited, undoable change ("Set name of task 3"), as the CLI's
/// `task set --name`.
#[tauri::command]
#[specta::specta]
pub fn set_task_name(
    state: State<'_, AppState>,
    task_id: TaskId,
    name: String,
) -> Result<Snapshot, AppError> {
    let fields = wbs::TaskFields {
        name: Some(name),
        ..Default::default()
    };
    commit_change(&state, |plan| wbs::set_fields(plan, task_id, &fields))
}

/// Sets a task's owner as typed in the grid (trimmed; empty for none): core's
/// `wbs::set_fields`, as the CLI's `task set --owner`.
#[tauri::command]
#[specta::specta]
pub fn set_task_owner(
    state: State<'_, AppState>,
    task_id: TaskId,
    owner: String,
) -> Result<Snapshot, AppError> {
    let fields = wbs::TaskFields {
        owner: Some(owner),
        ..Default::default()
    };
    commit_change(&state, |plan| wbs::set_fields(plan, task_id, &fields))
}

/// Sets a task's fixed cost (cents) and its accrual (MS Project's Fixed Cost and Fixed Cost
/// Accrual): one audited, undoable change by core's `wbs::set_fields`.
#[tauri::command]
#[specta::specta]
pub fn set_fixed_cost(
    state: State<'_, AppState>,
    task_id: TaskId,
    cents: i64,
    accrual: admiral_core::Accrual,
) -> Result<Snapshot, AppError> {
    let fields = wbs::TaskFields {
        fixed_cost: Some(admiral_core::Money(cents)),
        accrual: Some(accrual),
        ..Default::default()
    };
    commit_change(&state, |plan| wbs::set_fields(plan, task_id, &fields))
}

/// Splits a task's work (MS Project's Split Task): after `after` of its work (notation: "4d",
/// "2h"; "2ed" for an elapsed duration) it stops for `gap`, then resumes. Core's
/// `split::split`: one audited, undoable change.
#[tauri::command]
#[specta::specta]
pub fn split_task(
    state: State<'_, AppState>,
    task_id: TaskId,
    after: String,
    gap: String,
) -> Result<Snapshot, AppError> {
    commit_change(&state, |plan| {
        admiral_core::split::split(plan, task_id, &after, &gap)
    })
}

/// Splits a task's work where its Gantt bar is clicked (MS Project's Split Task tool): after
/// the work it does by `at`, at the start and finish the schedule held gives it, it stops for
/// `gap`. Core's `split::split_at` decides (an instant in a gap or outside the task is
/// refused); one audited, undoable change.
#[tauri::command]
#[specta::specta]
pub fn split_task_at(
    state: State<'_, AppState>,
    task_id: TaskId,
    at: NaiveDateTime,
    gap: String,
) -> Result<Snapshot, AppError> {
    state.with(|open| {
        let row = open.sent_rows.iter().find(|r| r.task_id == task_id);
        let dates = row
            .map(|r| (r.start, r.finish))
            .ok_or(wbs::WbsError::UnknownTask { task: task_id })?;
        let c = admiral_core::split::split_at(&open.plan, task_id, dates, at, &gap)?;
        open.commit(&c.edits, &c.label)
    })
}

/// Joins a split task's work again: removes its split `which` (1 for the first), or every
/// split when `None`. Core's `split::join`.
#[tauri::command]
#[specta::specta]
pub fn join_task(
    state: State<'_, AppState>,
    task_id: TaskId,
    which: Option<u32>,
) -> Result<Snapshot, AppError> {
    commit_change(&state, |plan| {
        admiral_core::split::join(plan, task_id, which.map(|k| k as usize))
    })
}

/// Moves a task's start by setting a "start no earlier than" constraint (Gantt drag).
#[tauri::command]
#[specta::specta]
pub fn set_start(
    state: State<'_, AppState>,
    task_id: TaskId,
    start: NaiveDateTime,
) -> Result<Snapshot, AppError> {
    commit_change(&state, |plan| wbs::set_start(plan, task_id, start))
}

/// Replaces a task's predecessors with those in MS Project notation ("3FS+2d, 5SS").
/// A list that would close a cycle is refused and nothing changes.
#[tauri::command]
#[specta::specta]
pub fn set_predecessors(
    state: State<'_, AppState>,
    task_id: TaskId,
    text: String,
) -> Result<Snapshot, AppError> {
    commit_change(&state, |plan| wbs::set_predecessors(plan, task_id, &text))
}

/// Inserts a new task above `before` (at the end when `None`), renumbering the rows below it
/// as MS Project does. It is named `name` (a name typed into the grid's blank row, so that
/// typing it is one undoable change), or "New task".
#[tauri::command]
#[specta::specta]
pub fn insert_task(
    state: State<'_, AppState>,
    before: Option<TaskId>,
    name: Option<String>,
) -> Result<Snapshot, AppError> {
    commit_change(&state, |plan| {
        wbs::insert_task(plan, before, name.as_deref())
    })
}

/// Deletes a task with its links, assignments and gate (one undoable change).
#[tauri::command]
#[specta::specta]
pub fn delete_task(state: State<'_, AppState>, task_id: TaskId) -> Result<Snapshot, AppError> {
    commit_change(&state, |plan| wbs::delete_task(plan, task_id))
}

/// Indents (`by` = 1) or outdents (`by` = -1) a task together with the rows under it.
#[tauri::command]
#[specta::specta]
pub fn indent_task(
    state: State<'_, AppState>,
    task_id: TaskId,
    by: i32,
) -> Result<Snapshot, AppError> {
    commit_change(&state, |plan| wbs::indent_task(plan, task_id, by))
}

/// Adds or replaces one link.
#[tauri::command]
#[specta::specta]
pub fn put_link(state: State<'_, AppState>, link: Link) -> Result<Snapshot, AppError> {
    commit(&state, vec![Edit::PutLink(link)], "Edit link")
}

macro_rules! put_delete {
    ($put:ident, $delete:ident, $ty:ty, $id:ty, $rule:path, $delete_edit:ident, $what:literal) => {
        #[doc = concat!("Adds or replaces a ", $what, " (core's `put` rule: a typed name's checks, a label naming it).")]
        #[tauri::command]
        #[specta::specta]
        pub fn $put(state: State<'_, AppState>, value: $ty) -> Result<Snapshot, AppError> {
            commit_change(&state, |plan| $rule(plan, value))
        }

        #[doc = concat!("Deletes a ", $what, " (audited by its name: core's `put::delete`).")]
        #[tauri::command]
        #[specta::specta]
        pub fn $delete(state: State<'_, AppState>, id: $id) -> Result<Snapshot, AppError> {
            commit_change(&state, |plan| {
                Ok::<_, PutError>(put::delete(plan, Edit::$delete_edit(id)))
            })
        }
    };
}

/// Core's gate rule, which refuses nothing, in the shape of the others.
fn put_gate_rule(plan: &Plan, g: Gate) -> Result<Change, PutError> {
    Ok(put::gate(plan, g))
}

put_delete!(
    put_calendar,
    delete_calendar,
    Calendar,
    CalendarId,
    put::calendar,
    DeleteCalendar,
    "calendar"
);
put_delete!(
    put_blackout,
    delete_blackout,
    Blackout,
    BlackoutId,
    put::blackout,
    DeleteBlackout,
    "blackout window"
);
put_delete!(
    put_gate,
    delete_gate,
    Gate,
    GateId,
    put_gate_rule,
    DeleteGate,
    "gate"
);
put_delete!(
    put_risk,
    delete_risk,
    Risk,
    RiskId,
    put::risk,
    DeleteRisk,
    "risk"
);
put_delete!(
    put_resource,
    delete_resource,
    Resource,
    ResourceId,
    put::resource,
    DeleteResource,
    "resource"
);

/// Deletes one link.
#[tauri::command]
#[specta::specta]
pub fn delete_link(state: State<'_, AppState>, id: LinkId) -> Result<Snapshot, AppError> {
    commit(&state, vec![Edit::DeleteLink(id)], "Delete link")
}

/// Undoes the last change (also one made in an earlier session).
#[tauri::command]
#[specta::specta]
pub fn undo(state: State<'_, AppState>) -> Result<Snapshot, AppError> {
    state.with(|open| {
        let done = open.file.undo()?;
        open.after_replay(done)
    })
}

/// Redoes the last undone change.
#[tauri::command]
#[specta::specta]
pub fn redo(state: State<'_, AppState>) -> Result<Snapshot, AppError> {
    state.with(|open| {
        let done = open.file.redo()?;
        open.after_replay(done)
    })
}
