//! A scenario's task dates against the baseline's, for a tracking Gantt: the tasks the
//! scenario moves, the critical path of either, and every milestone and gate.

use super::compare::{days_between, task_calendar};
use super::{apply_scenario, Scenario, ScenarioError};
use crate::model::*;
use crate::schedule::{schedule, ScheduleOptions};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A scheduled start and finish.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: NaiveDateTime,
    pub finish: NaiveDateTime,
}

/// One task in both schedules.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OverlayRow {
    pub task_id: TaskId,
    /// The task's key (number, or MSPDI UID for imported tasks).
    pub key: String,
    pub name: String,
    pub milestone: bool,
    pub gate: bool,
    pub baseline: Span,
    /// `None` when the scenario removed the task.
    pub scenario: Option<Span>,
    pub baseline_critical: bool,
    pub scenario_critical: bool,
    /// The scenario moved (or removed) it.
    pub moved: bool,
    /// Finish minus the baseline's, in working days of the task's calendar (`None` when
    /// removed).
    pub finish_delta_days: Option<f64>,
}

/// A scenario's tracking Gantt against the baseline.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Overlay {
    pub scenario_id: ScenarioId,
    pub name: String,
    /// The earliest start and latest finish over both schedules (the chart's extent).
    pub start: NaiveDateTime,
    pub finish: NaiveDateTime,
    pub baseline_finish: NaiveDateTime,
    pub scenario_finish: NaiveDateTime,
    /// Non-summary tasks of the baseline, in plan order, that the scenario moves or removes,
    /// that are critical in either schedule, or that are milestones or gates.
    pub rows: Vec<OverlayRow>,
}

/// Schedules the baseline and `scenario` and pairs their task dates (see [`Overlay::rows`]).
pub fn overlay(
    plan: &Plan,
    scenario: &Scenario,
    opts: &ScheduleOptions,
) -> Result<Overlay, ScenarioError> {
    let base = schedule(plan, opts).map_err(|source| ScenarioError::Schedule {
        scenario: "Baseline".into(),
        source,
    })?;
    let p = apply_scenario(plan, scenario)?;
    let sched = schedule(&p, opts).map_err(|source| ScenarioError::Schedule {
        scenario: scenario.name.clone(),
        source,
    })?;
    let after: HashMap<TaskId, usize> = sched
        .tasks
        .iter()
        .enumerate()
        .map(|(i, t)| (t.task_id, i))
        .collect();
    let mut rows = Vec::new();
    for (t, b) in plan.tasks.iter().zip(&base.tasks) {
        if b.summary {
            continue;
        }
        let s = after.get(&t.id).map(|&i| &sched.tasks[i]);
        let span = s.map(|s| Span {
            start: s.start,
            finish: s.finish,
        });
        let moved = s.is_none_or(|s| s.start != b.start || s.finish != b.finish);
        let scenario_critical = s.is_some_and(|s| s.critical);
        if !(moved || b.critical || scenario_critical || b.milestone || t.is_milestone()) {
            continue;
        }
        rows.push(OverlayRow {
            task_id: t.id,
            key: t.key(),
            name: t.name.clone(),
            milestone: b.milestone,
            gate: t.kind == TaskKind::Gate,
            baseline: Span {
                start: b.start,
                finish: b.finish,
            },
            scenario: span,
            baseline_critical: b.critical,
            scenario_critical,
            moved,
            finish_delta_days: s.map(|s| days_between(&task_calendar(plan, t), b.finish, s.finish)),
        });
    }
    Ok(Overlay {
        scenario_id: scenario.id,
        name: scenario.name.clone(),
        start: base.start.min(sched.start),
        finish: base.finish.max(sched.finish),
        baseline_finish: base.finish,
        scenario_finish: sched.finish,
        rows,
    })
}
