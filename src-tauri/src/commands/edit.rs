//! Edits: each command turns what the user did into core [`Edit`]s and commits them through
//! [`OpenPlan::commit`](crate::state::OpenPlan::commit), which checks them on a copy (rules,
//! cycles) before the store saves them as one undoable change.

use crate::error::{AppError, ErrorKind};
use crate::state::{AppState, OpenPlan};
use crate::view::Snapshot;
use admiral_core::edit::Edit;
use admiral_core::notation::{parse_duration, parse_predecessors};
use admiral_core::{
    Blackout, BlackoutId, Calendar, CalendarId, Constraint, Gate, GateId, Link, LinkId, Plan,
    Resource, ResourceId, Risk, RiskId, Task, TaskId, TaskKind, TaskNumber,
};
use chrono::NaiveDateTime;
use std::collections::HashMap;
use tauri::State;

fn task(plan: &Plan, id: TaskId) -> Result<&Task, AppError> {
    plan.tasks
        .iter()
        .find(|t| t.id == id)
        .ok_or_else(|| AppError::new(ErrorKind::NotFound, "That task no longer exists."))
}

fn commit(state: &AppState, edits: Vec<Edit>, label: &str) -> Result<Snapshot, AppError> {
    state.with(|open| open.commit(&edits, label))
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
    let duration = parse_duration(&text)?;
    state.with(|open| {
        let mut t = task(&open.plan, task_id)?.clone();
        t.duration = duration;
        let label = format!("Set duration of task {} to {text}", t.number);
        open.commit(&[Edit::PutTask(t)], &label)
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
    state.with(|open| {
        let mut t = task(&open.plan, task_id)?.clone();
        t.constraint = Constraint::Snet(start);
        let label = format!("Start task {} no earlier than {start}", t.number);
        open.commit(&[Edit::PutTask(t)], &label)
    })
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
    state.with(|open| {
        let edits = predecessor_edits(open, task_id, &text)?;
        let label = format!(
            "Set predecessors of task {}",
            task(&open.plan, task_id)?.number
        );
        open.commit(&edits, &label)
    })
}

fn predecessor_edits(open: &OpenPlan, task_id: TaskId, text: &str) -> Result<Vec<Edit>, AppError> {
    let plan = &open.plan;
    let this = task(plan, task_id)?;
    let by_number: HashMap<TaskNumber, TaskId> =
        plan.tasks.iter().map(|t| (t.number, t.id)).collect();
    let wanted = parse_predecessors(text, Some(this.number), &|n| by_number.contains_key(&n))?;
    let existing: Vec<&Link> = plan
        .links
        .iter()
        .filter(|l| l.successor == task_id)
        .collect();
    let mut edits = Vec::new();
    // Links that stay keep their id (and their audit history); the rest are deleted first, so
    // that a predecessor listed again with another type is a change, not a duplicate.
    let mut kept = Vec::new();
    for l in &existing {
        let same = wanted
            .iter()
            .any(|p| by_number.get(&p.number) == Some(&l.predecessor));
        if !same {
            edits.push(Edit::DeleteLink(l.id));
        } else {
            kept.push(*l);
        }
    }
    for p in wanted {
        let pred = by_number[&p.number];
        let id = kept
            .iter()
            .find(|l| l.predecessor == pred)
            .map_or_else(LinkId::new, |l| l.id);
        let link = Link {
            id,
            predecessor: pred,
            successor: task_id,
            kind: p.kind,
            lag: p.lag,
        };
        if !kept.iter().any(|l| **l == link) {
            edits.push(Edit::PutLink(link));
        }
    }
    Ok(edits)
}

/// Inserts a new task above `before` (at the end when `None`), renumbering the rows below it
/// as MS Project does.
#[tauri::command]
#[specta::specta]
pub fn insert_task(
    state: State<'_, AppState>,
    before: Option<TaskId>,
) -> Result<Snapshot, AppError> {
    state.with(|open| {
        let plan = &open.plan;
        let at = before.map(|id| task(plan, id)).transpose()?;
        let last = plan.tasks.last();
        let template = at.or(last);
        let number = match (at, last) {
            (Some(t), _) => t.number,
            (None, Some(l)) => TaskNumber(l.number.0 + 1),
            (None, None) => TaskNumber(1),
        };
        let project_id = match template
            .map(|t| t.project_id)
            .or_else(|| plan.projects.first().map(|p| p.id))
        {
            Some(p) => p,
            None => {
                return Err(AppError::new(
                    ErrorKind::Invalid,
                    "The plan has no project to add a task to.",
                ))
            }
        };
        // Renumber from the bottom up so that no two tasks share a number on the way.
        let mut edits: Vec<Edit> = plan
            .tasks
            .iter()
            .rev()
            .filter(|t| t.number >= number)
            .map(|t| {
                let mut t = t.clone();
                t.number = TaskNumber(t.number.0 + 1);
                Edit::PutTask(t)
            })
            .collect();
        edits.push(Edit::PutTask(Task {
            id: TaskId::new(),
            number,
            external_uid: None,
            project_id,
            name: "New task".into(),
            kind: TaskKind::Task,
            outline_level: at.map_or(template.map_or(1, |t| t.outline_level.min(2)), |t| {
                t.outline_level
            }),
            duration: admiral_core::Duration::Working(admiral_core::WorkMinutes::days(1)),
            estimate: None,
            constraint: Constraint::Asap,
            deadline: None,
            calendar_id: None,
            owner: String::new(),
            notes: String::new(),
            progress: Default::default(),
            mode: Default::default(),
        }));
        open.commit(&edits, &format!("Insert task {number}"))
    })
}

/// Deletes a task with its links, assignments and gate (one undoable change).
#[tauri::command]
#[specta::specta]
pub fn delete_task(state: State<'_, AppState>, task_id: TaskId) -> Result<Snapshot, AppError> {
    state.with(|open| {
        let label = format!("Delete task {}", task(&open.plan, task_id)?.number);
        open.commit(&[Edit::DeleteTask(task_id)], &label)
    })
}

/// Indents (`by` = 1) or outdents (`by` = -1) a task together with the rows under it.
#[tauri::command]
#[specta::specta]
pub fn indent_task(
    state: State<'_, AppState>,
    task_id: TaskId,
    by: i32,
) -> Result<Snapshot, AppError> {
    state.with(|open| {
        let plan = &open.plan;
        let i = plan
            .tasks
            .iter()
            .position(|t| t.id == task_id)
            .ok_or_else(|| AppError::new(ErrorKind::NotFound, "That task no longer exists."))?;
        let level = plan.tasks[i].outline_level;
        let subtree = 1 + plan.tasks[i + 1..]
            .iter()
            .take_while(|t| t.outline_level > level)
            .count();
        let mut edits = Vec::new();
        for t in &plan.tasks[i..i + subtree] {
            let new = i32::from(t.outline_level) + by;
            if new < 1 {
                return Err(AppError::new(
                    ErrorKind::Invalid,
                    "A top-level task cannot be outdented.",
                ));
            }
            let mut t = t.clone();
            t.outline_level = u16::try_from(new).unwrap_or(u16::MAX);
            edits.push(Edit::PutTask(t));
        }
        // Outdenting from the top down, indenting too: each row is checked against the one
        // above it, which has already moved.
        let what = if by > 0 { "Indent" } else { "Outdent" };
        open.commit(&edits, &format!("{what} task {}", plan.tasks[i].number))
    })
}

/// Adds or replaces one link.
#[tauri::command]
#[specta::specta]
pub fn put_link(state: State<'_, AppState>, link: Link) -> Result<Snapshot, AppError> {
    commit(&state, vec![Edit::PutLink(link)], "Edit link")
}

macro_rules! put_delete {
    ($put:ident, $delete:ident, $ty:ty, $id:ty, $put_edit:ident, $delete_edit:ident, $what:literal) => {
        #[doc = concat!("Adds or replaces a ", $what, ".")]
        #[tauri::command]
        #[specta::specta]
        pub fn $put(state: State<'_, AppState>, value: $ty) -> Result<Snapshot, AppError> {
            commit(
                &state,
                vec![Edit::$put_edit(value)],
                concat!("Edit ", $what),
            )
        }

        #[doc = concat!("Deletes a ", $what, ".")]
        #[tauri::command]
        #[specta::specta]
        pub fn $delete(state: State<'_, AppState>, id: $id) -> Result<Snapshot, AppError> {
            commit(
                &state,
                vec![Edit::$delete_edit(id)],
                concat!("Delete ", $what),
            )
        }
    };
}

put_delete!(
    put_calendar,
    delete_calendar,
    Calendar,
    CalendarId,
    PutCalendar,
    DeleteCalendar,
    "calendar"
);
put_delete!(
    put_blackout,
    delete_blackout,
    Blackout,
    BlackoutId,
    PutBlackout,
    DeleteBlackout,
    "blackout window"
);
put_delete!(
    put_gate,
    delete_gate,
    Gate,
    GateId,
    PutGate,
    DeleteGate,
    "gate"
);
put_delete!(
    put_risk,
    delete_risk,
    Risk,
    RiskId,
    PutRisk,
    DeleteRisk,
    "risk"
);
put_delete!(
    put_resource,
    delete_resource,
    Resource,
    ResourceId,
    PutResource,
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
        open.file.undo()?;
        open.reload()
    })
}

/// Redoes the last undone change.
#[tauri::command]
#[specta::specta]
pub fn redo(state: State<'_, AppState>) -> Result<Snapshot, AppError> {
    state.with(|open| {
        open.file.redo()?;
        open.reload()
    })
}
