//! The Calendars and Resources views: the month calendar and a resource's workload (asked of
//! admiral-core's `calendar_view` and `workload`), and assigning resources to tasks.

use super::edit::commit_change;
use crate::error::{AppError, ErrorKind};
use crate::state::AppState;
use crate::view::Snapshot;
use admiral_core::calendar_view::{calendar_months, CalendarMonths};
use admiral_core::edit::Edit;
use admiral_core::workload::{resource_load, ResourceLoad};
use admiral_core::{effort, vacation};
use admiral_core::{
    task_label, Assignment, AssignmentId, CalendarId, Plan, ResourceId, WorkMinutes,
};
use chrono::NaiveDate;
use tauri::State;

/// Every day from `from` to `to` (both included) on calendar `calendar_id`: working,
/// non-working, holiday or special hours, the blackout windows covering it and the deployment
/// tasks working on it.
#[tauri::command]
#[specta::specta]
pub fn calendar_days(
    state: State<'_, AppState>,
    calendar_id: CalendarId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<CalendarMonths, AppError> {
    state.with(|open| {
        let s = open.schedule()?;
        Ok(calendar_months(&open.plan, &s, calendar_id, from, to)?)
    })
}

/// A resource's assignments (with dates, work and cost) and its load week by week.
#[tauri::command]
#[specta::specta]
pub fn resource_workload(
    state: State<'_, AppState>,
    resource_id: ResourceId,
) -> Result<ResourceLoad, AppError> {
    state.with(|open| {
        let s = open.schedule()?;
        Ok(resource_load(&open.plan, &s, resource_id)?)
    })
}

/// Assigns a resource to a task, or changes the units of an assignment (same id), as the
/// task's type and effort-driven flag say (core's `effort`).
#[tauri::command]
#[specta::specta]
pub fn put_assignment(state: State<'_, AppState>, value: Assignment) -> Result<Snapshot, AppError> {
    commit_change(&state, |plan| {
        match plan.assignments.iter().find(|a| a.id == value.id) {
            None => effort::assign(
                plan,
                value.task_id,
                value.resource_id,
                value.units,
                value.id,
            ),
            Some(_) => effort::set_units(plan, value.id, value.units),
        }
    })
}

/// Sets an assignment's work (working minutes); the task's duration or the units follow as
/// its type says.
#[tauri::command]
#[specta::specta]
pub fn set_assignment_work(
    state: State<'_, AppState>,
    id: AssignmentId,
    minutes: i64,
) -> Result<Snapshot, AppError> {
    commit_change(&state, |plan| {
        effort::set_work(plan, id, WorkMinutes(minutes))
    })
}

/// Gives a resource time off (an exception on its own calendar, made for it if it shares
/// one): the tasks it works on move.
#[tauri::command]
#[specta::specta]
pub fn add_vacation(
    state: State<'_, AppState>,
    resource_id: ResourceId,
    start: NaiveDate,
    finish: NaiveDate,
    name: String,
    new_calendar: CalendarId,
) -> Result<Snapshot, AppError> {
    commit_change(&state, |plan| {
        vacation::add_vacation(plan, resource_id, start, finish, &name, new_calendar)
    })
}

/// Removes an assignment.
#[tauri::command]
#[specta::specta]
pub fn delete_assignment(
    state: State<'_, AppState>,
    id: AssignmentId,
) -> Result<Snapshot, AppError> {
    state.with(|open| {
        let a = open
            .plan
            .assignments
            .iter()
            .find(|a| a.id == id)
            .ok_or_else(|| {
                AppError::new(ErrorKind::NotFound, "That assignment no longer exists.")
            })?;
        let label = format!(
            "Unassign {} from {}",
            resource_name(&open.plan, a.resource_id),
            task_name(&open.plan, a.task_id)
        );
        open.commit(&[Edit::DeleteAssignment(id)], &label)
    })
}

fn resource_name(plan: &Plan, id: ResourceId) -> String {
    plan.resources
        .iter()
        .find(|r| r.id == id)
        .map_or_else(|| format!("resource {id}"), |r| format!("'{}'", r.name))
}

fn task_name(plan: &Plan, id: admiral_core::TaskId) -> String {
    plan.tasks
        .iter()
        .find(|t| t.id == id)
        .map_or_else(|| format!("task {id}"), task_label)
}
