//! MS Project's task types: what stays fixed when the user changes a task's duration, an
//! assignment's units or its work (`work = duration × units`), and effort-driven tasks when a
//! resource is added. Each rule takes the plan and returns a [`Change`] to commit.
//!
//! | the user changes | fixed units | fixed duration | fixed work |
//! |---|---|---|---|
//! | duration | work | work | units |
//! | units | duration | work | duration |
//! | work | duration | units | duration |
//!
//! A resource-driven task's duration is the longest of its assignments' spans
//! (`work ÷ units`, see [`Assignment::span`]); a rule that changes a span also sets it.

use crate::edit::{Change, Edit};
use crate::model::*;
use thiserror::Error;

/// Why an effort rule cannot be applied.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum EffortError {
    #[error("there is no task with id {0}")]
    UnknownTask(TaskId),
    #[error("there is no assignment with id {0}")]
    UnknownAssignment(AssignmentId),
    #[error("there is no resource with id {0}")]
    UnknownResource(ResourceId),
    #[error("{task} has an elapsed duration: work on resources' calendars cannot follow it")]
    Elapsed { task: String },
    #[error("{task}: the units of '{resource}' must be above 0 (got {units})")]
    BadUnits {
        task: String,
        resource: String,
        units: String,
    },
    #[error("{task}: {what} must be 0 or more (got {minutes} minutes)")]
    Negative {
        task: String,
        what: &'static str,
        minutes: i64,
    },
    #[error("{task} is a {what}: it has no duration to share among resources")]
    NoDuration { task: String, what: &'static str },
}

fn task(plan: &Plan, id: TaskId) -> Result<&Task, EffortError> {
    plan.tasks
        .iter()
        .find(|t| t.id == id)
        .ok_or(EffortError::UnknownTask(id))
}

/// Assignment `id` and its task.
fn assignment_and_task(plan: &Plan, id: AssignmentId) -> Result<(&Assignment, &Task), EffortError> {
    let a = plan
        .assignments
        .iter()
        .find(|a| a.id == id)
        .ok_or(EffortError::UnknownAssignment(id))?;
    Ok((a, task(plan, a.task_id)?))
}

fn working_minutes(t: &Task) -> Result<i64, EffortError> {
    match t.duration {
        Duration::Working(m) => Ok(m.0),
        Duration::Elapsed(_) => Err(EffortError::Elapsed {
            task: task_label(t),
        }),
    }
}

/// An assignment's work: as recorded, else what it does over the task's duration
/// ([`work_over`]).
pub fn work_of(a: &Assignment, task_minutes: i64) -> WorkMinutes {
    a.work.unwrap_or(work_over(a, task_minutes))
}

/// The work assignment `a` does over a span of `minutes`: `units × minutes`, times the mean
/// of its contour's pattern (a back-loaded assignment works 60 % of its peak on average).
/// An edited contour counts as flat over it.
pub fn work_over(a: &Assignment, minutes: i64) -> WorkMinutes {
    let mean = a.contour.pattern().map_or(1.0, |p| {
        p.iter().map(|&x| f64::from(x)).sum::<f64>() / 1000.0
    });
    WorkMinutes((minutes as f64 * a.units * mean).round() as i64)
}

/// The calendar assignment `a` works on, as the scheduler resolves it: its resource's,
/// within the task's own when the task has one; the task's (its own, its release's, the
/// plan's default, else MS Project's Standard) when the resource has none. An intersection
/// resolves exceptions from `from` to `to`.
pub fn assignment_calendar(
    plan: &Plan,
    a: &Assignment,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> crate::calendar::Calendar {
    use crate::calendar::{Calendar, Combine};
    let cal = |id: Option<CalendarId>| id.and_then(|id| plan.calendars.iter().find(|c| c.id == id));
    let task = plan.tasks.iter().find(|t| t.id == a.task_id);
    let own = task.and_then(|t| cal(t.calendar_id));
    let release = task
        .and_then(|t| plan.projects.iter().find(|p| p.id == t.project_id))
        .and_then(|p| plan.releases.iter().find(|r| r.id == p.release_id))
        .and_then(|r| cal(r.calendar_id));
    let standard = Calendar::standard(CalendarId::from_u128(0), "Standard");
    let task_cal = own
        .or(release)
        .or_else(|| cal(plan.settings.default_calendar))
        .unwrap_or(&standard);
    let res = plan
        .resources
        .iter()
        .find(|r| r.id == a.resource_id)
        .and_then(|r| cal(r.calendar_id));
    match (res, own) {
        (Some(r), Some(o)) if r.id != o.id => {
            Calendar::combine(o.id, "∩", &[o, r], Combine::Intersection, from, to)
                .unwrap_or_else(|| r.clone())
        }
        (Some(r), _) => r.clone(),
        (None, _) => task_cal.clone(),
    }
}

fn assignments_of(plan: &Plan, id: TaskId) -> Vec<Assignment> {
    plan.assignments
        .iter()
        .filter(|a| a.task_id == id)
        .copied()
        .collect()
}

/// The task's duration once its assignments are `list`: the longest span.
fn spanned(list: &[Assignment], minutes: i64) -> i64 {
    list.iter()
        .map(|a| a.span(minutes))
        .max()
        .unwrap_or(minutes)
}

fn finish(t: &Task, minutes: i64, list: Vec<Assignment>, label: String) -> Change {
    let mut edits = Vec::new();
    if t.duration != Duration::Working(WorkMinutes(minutes)) {
        let mut t = t.clone();
        t.duration = Duration::Working(WorkMinutes(minutes));
        edits.push(Edit::PutTask(t));
    }
    edits.extend(list.into_iter().map(Edit::PutAssignment));
    Change { edits, label }
}

fn check_units(plan: &Plan, t: &Task, resource: ResourceId, units: f64) -> Result<(), EffortError> {
    if units.is_finite() && units > 0.0 {
        Ok(())
    } else {
        Err(EffortError::BadUnits {
            task: task_label(t),
            resource: resource_name(plan, resource),
            units: units.to_string(),
        })
    }
}

/// A resource's name for messages and audit labels (its id when it is not in the plan).
fn resource_name(plan: &Plan, id: ResourceId) -> String {
    plan.resources
        .iter()
        .find(|r| r.id == id)
        .map_or_else(|| id.to_string(), |r| r.name.clone())
}

/// The user gives task `id` a new working duration of `minutes`.
pub fn set_duration(plan: &Plan, id: TaskId, minutes: i64) -> Result<Change, EffortError> {
    let t = task(plan, id)?;
    let old = working_minutes(t)?;
    if minutes < 0 {
        return Err(EffortError::Negative {
            task: task_label(t),
            what: "the duration",
            minutes,
        });
    }
    let mut list = assignments_of(plan, id);
    for a in &mut list {
        let work = work_of(a, old);
        match t.effort.task_type {
            // Units stay: the work follows the duration.
            TaskType::FixedUnits | TaskType::FixedDuration => {
                a.work = Some(match a.contour {
                    // An edited contour keeps its shape, stretched to the new duration.
                    WorkContour::Contoured { span } if span.0 > 0 => {
                        WorkMinutes((work.0 as f64 * minutes as f64 / span.0 as f64).round() as i64)
                    }
                    _ => work_over(a, minutes),
                });
            }
            // The work stays: units follow (none when the duration is 0).
            TaskType::FixedWork if minutes > 0 => {
                a.work = Some(work);
                let over = work_over(&Assignment { units: 1.0, ..*a }, minutes).0;
                a.units = match a.contour {
                    WorkContour::Contoured { span } if span.0 > 0 => a.units,
                    _ if over > 0 => work.0 as f64 / over as f64,
                    _ => a.units,
                };
            }
            TaskType::FixedWork => {}
        }
        if let WorkContour::Contoured { .. } = a.contour {
            a.contour = WorkContour::Contoured {
                span: WorkMinutes(minutes),
            };
        }
    }
    let label = format!(
        "Set duration of {} to {}",
        task_label(t),
        WorkMinutes(minutes)
    );
    Ok(finish(t, minutes, list, label))
}

/// The user gives assignment `id` new `units`.
pub fn set_units(plan: &Plan, id: AssignmentId, units: f64) -> Result<Change, EffortError> {
    let (a, t) = assignment_and_task(plan, id)?;
    check_units(plan, t, a.resource_id, units)?;
    let minutes = working_minutes(t)?;
    let mut list = assignments_of(plan, t.id);
    for b in list.iter_mut() {
        b.work = Some(work_of(b, minutes));
        if b.id != id {
            continue;
        }
        b.units = units;
        if t.effort.task_type == TaskType::FixedDuration {
            // The duration stays: the work follows the units.
            b.work = Some(work_over(b, minutes));
        }
    }
    let minutes = match t.effort.task_type {
        TaskType::FixedDuration => minutes,
        _ => spanned(&list, minutes),
    };
    let label = format!(
        "Set units of {} on {} to {units}",
        resource_name(plan, a.resource_id),
        task_label(t)
    );
    Ok(finish(t, minutes, list, label))
}

/// The user gives assignment `id` new `work`.
pub fn set_work(plan: &Plan, id: AssignmentId, work: WorkMinutes) -> Result<Change, EffortError> {
    let (a, t) = assignment_and_task(plan, id)?;
    if work.0 < 0 {
        return Err(EffortError::Negative {
            task: task_label(t),
            what: "the work",
            minutes: work.0,
        });
    }
    let minutes = working_minutes(t)?;
    let mut list = assignments_of(plan, t.id);
    for b in list.iter_mut() {
        b.work = Some(work_of(b, minutes));
        if b.id != id {
            continue;
        }
        b.work = Some(work);
        if t.effort.task_type == TaskType::FixedDuration && minutes > 0 && work.0 > 0 {
            // The duration stays: the units follow the work (at the contour's mean).
            let over = work_over(&Assignment { units: 1.0, ..*b }, minutes).0;
            if over > 0 {
                b.units = work.0 as f64 / over as f64;
            }
        }
    }
    let minutes = match t.effort.task_type {
        TaskType::FixedDuration => minutes,
        _ => spanned(&list, minutes),
    };
    let label = format!(
        "Set work of {} on {} to {work}",
        resource_name(plan, a.resource_id),
        task_label(t)
    );
    Ok(finish(t, minutes, list, label))
}

/// The user assigns `resource` to task `task` at `units` (the new assignment's id is `id`).
///
/// Effort-driven: the task's total work stays and is shared among its resources in
/// proportion to their units: the duration shrinks (fixed units, fixed work) or the units do
/// (fixed duration). Otherwise the new resource works `units ×` the task's duration and the
/// others keep theirs.
pub fn assign(
    plan: &Plan,
    task_id: TaskId,
    resource: ResourceId,
    units: f64,
    id: AssignmentId,
) -> Result<Change, EffortError> {
    let t = task(plan, task_id)?;
    check_units(plan, t, resource, units)?;
    let r = plan
        .resources
        .iter()
        .find(|r| r.id == resource)
        .ok_or(EffortError::UnknownResource(resource))?;
    if t.is_milestone() {
        return Err(EffortError::NoDuration {
            task: task_label(t),
            what: "milestone",
        });
    }
    let minutes = working_minutes(t)?;
    let mut list = assignments_of(plan, task_id);
    let total: i64 = list.iter().map(|a| work_of(a, minutes).0).sum();
    list.push(Assignment {
        id,
        task_id,
        resource_id: resource,
        units,
        work: None,
        contour: Default::default(),
    });
    let label = format!("Assign {} to {}", r.name, task_label(t));
    if !t.effort.effort_driven || list.len() == 1 {
        for a in &mut list {
            a.work = Some(work_of(a, minutes));
        }
        return Ok(finish(t, minutes, list, label));
    }
    let sum_units: f64 = list.iter().map(|a| a.units).sum();
    let mut minutes_now = minutes;
    match t.effort.task_type {
        TaskType::FixedUnits | TaskType::FixedWork => {
            // Work in proportion to units: every span becomes total ÷ Σunits.
            minutes_now = (total as f64 / sum_units).round() as i64;
            for a in &mut list {
                a.work = Some(WorkMinutes(
                    (total as f64 * a.units / sum_units).round() as i64
                ));
            }
        }
        TaskType::FixedDuration => {
            // The duration stays: every resource's units shrink in the same proportion.
            let scale = if minutes > 0 && sum_units > 0.0 {
                total as f64 / (minutes as f64 * sum_units)
            } else {
                1.0
            };
            for a in &mut list {
                a.units *= scale;
                a.work = Some(WorkMinutes((minutes as f64 * a.units).round() as i64));
            }
        }
    }
    Ok(finish(t, minutes_now, list, label))
}

/// The user sets task `id`'s type, effort-driven flag and whether it ignores its resources'
/// calendars.
pub fn set_effort(plan: &Plan, id: TaskId, effort: Effort) -> Result<Change, EffortError> {
    let t = task(plan, id)?;
    let mut n = t.clone();
    n.effort = effort;
    let ty = match effort.task_type {
        TaskType::FixedUnits => "fixed units",
        TaskType::FixedDuration => "fixed duration",
        TaskType::FixedWork => "fixed work",
    };
    Ok(Change {
        label: format!(
            "Set {} to {ty}{}{}",
            task_label(t),
            if effort.effort_driven {
                ", effort-driven"
            } else {
                ""
            },
            if effort.ignore_resource_calendars {
                ", ignoring resource calendars"
            } else {
                ""
            }
        ),
        edits: vec![Edit::PutTask(n)],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply_all;

    fn plan(ty: TaskType, effort_driven: bool) -> Plan {
        let mut p = crate::demo::demo_plan();
        p.assignments.clear();
        let t = &mut p.tasks[1];
        t.kind = TaskKind::Task;
        t.duration = Duration::Working(WorkMinutes(4800));
        t.mode = TaskMode::Auto;
        t.effort = Effort {
            task_type: ty,
            effort_driven,
            ignore_resource_calendars: false,
        };
        let tid = t.id;
        p.assignments.push(Assignment {
            id: AssignmentId::from_u128(901),
            task_id: tid,
            resource_id: p.resources[0].id,
            units: 1.0,
            work: Some(WorkMinutes(4800)),
            contour: Default::default(),
        });
        p
    }

    fn after(p: &Plan, c: &Change) -> Plan {
        apply_all(p, &c.edits).unwrap()
    }

    fn minutes(p: &Plan) -> i64 {
        p.tasks[1].duration.minutes()
    }

    #[test]
    fn a_new_duration_changes_work_or_units_by_task_type() {
        let p = plan(TaskType::FixedUnits, false);
        let q = after(&p, &set_duration(&p, p.tasks[1].id, 2400).unwrap());
        assert_eq!(q.assignments[0].work, Some(WorkMinutes(2400)));
        assert_eq!(q.assignments[0].units, 1.0);
        let p = plan(TaskType::FixedWork, false);
        let q = after(&p, &set_duration(&p, p.tasks[1].id, 2400).unwrap());
        assert_eq!(q.assignments[0].work, Some(WorkMinutes(4800)));
        assert_eq!(q.assignments[0].units, 2.0);
        assert_eq!(minutes(&q), 2400);
    }

    /// A back-loaded assignment works 60 % of its peak on average: 4,800 minutes of work at
    /// 100 % span 8,000 minutes (MS Project's 80 h back loaded: 133.3 h), and the task
    /// type rules keep that ratio.
    #[test]
    fn a_contour_stretches_the_span_and_the_rules_keep_its_mean() {
        let mut p = plan(TaskType::FixedUnits, false);
        p.assignments[0].contour = WorkContour::BackLoaded;
        let tid = p.tasks[1].id;
        let a = AssignmentId::from_u128(901);
        assert_eq!(p.assignments[0].span(0), 8000);
        let q = after(&p, &set_work(&p, a, WorkMinutes(4800)).unwrap());
        assert_eq!(minutes(&q), 8000, "the task spans the stretched assignment");
        let q = after(&q, &set_duration(&q, tid, 4000).unwrap());
        assert_eq!(q.assignments[0].work, Some(WorkMinutes(2400)));
        assert_eq!(q.assignments[0].span(0), 4000);
        let mut p = plan(TaskType::FixedWork, false);
        p.assignments[0].contour = WorkContour::Bell;
        let q = after(&p, &set_duration(&p, tid, 4800).unwrap());
        assert_eq!(q.assignments[0].units, 2.0, "bell: mean 50 %, units double");
        assert_eq!(q.assignments[0].span(0), 4800);
        // An edited contour keeps its own span, whatever its work; a new duration
        // stretches it.
        let mut p = plan(TaskType::FixedUnits, false);
        p.assignments[0].contour = WorkContour::Contoured {
            span: WorkMinutes(5940),
        };
        assert_eq!(p.assignments[0].span(0), 5940);
        let q = after(&p, &set_duration(&p, tid, 11880).unwrap());
        assert_eq!(q.assignments[0].span(0), 11880);
        assert_eq!(q.assignments[0].work, Some(WorkMinutes(9600)));
    }

    #[test]
    fn new_units_change_duration_or_work_by_task_type() {
        let p = plan(TaskType::FixedUnits, false);
        let q = after(
            &p,
            &set_units(&p, AssignmentId::from_u128(901), 0.5).unwrap(),
        );
        assert_eq!(
            minutes(&q),
            9600,
            "fixed units: the work stays, the span doubles"
        );
        let p = plan(TaskType::FixedDuration, false);
        let q = after(
            &p,
            &set_units(&p, AssignmentId::from_u128(901), 0.5).unwrap(),
        );
        assert_eq!(minutes(&q), 4800);
        assert_eq!(q.assignments[0].work, Some(WorkMinutes(2400)));
    }

    #[test]
    fn new_work_changes_duration_or_units_by_task_type() {
        let a = AssignmentId::from_u128(901);
        let p = plan(TaskType::FixedWork, false);
        let q = after(&p, &set_work(&p, a, WorkMinutes(9600)).unwrap());
        assert_eq!(minutes(&q), 9600);
        let p = plan(TaskType::FixedDuration, false);
        let q = after(&p, &set_work(&p, a, WorkMinutes(9600)).unwrap());
        assert_eq!(minutes(&q), 4800);
        assert_eq!(q.assignments[0].units, 2.0);
    }

    #[test]
    fn an_effort_driven_task_shares_its_work_with_a_new_resource() {
        let p = plan(TaskType::FixedUnits, true);
        let c = assign(
            &p,
            p.tasks[1].id,
            p.resources[1].id,
            1.0,
            AssignmentId::from_u128(902),
        )
        .unwrap();
        let q = after(&p, &c);
        assert_eq!(
            minutes(&q),
            2400,
            "two people, the same work: half the time"
        );
        let total: i64 = q.assignments.iter().map(|a| a.work.unwrap().0).sum();
        assert_eq!(total, 4800);
        // Not effort-driven: the new resource adds work, the duration stays.
        let p = plan(TaskType::FixedUnits, false);
        let q = after(
            &p,
            &assign(
                &p,
                p.tasks[1].id,
                p.resources[1].id,
                1.0,
                AssignmentId::from_u128(902),
            )
            .unwrap(),
        );
        assert_eq!(minutes(&q), 4800);
        // Fixed duration: the units shrink instead.
        let p = plan(TaskType::FixedDuration, true);
        let q = after(
            &p,
            &assign(
                &p,
                p.tasks[1].id,
                p.resources[1].id,
                1.0,
                AssignmentId::from_u128(902),
            )
            .unwrap(),
        );
        assert_eq!(minutes(&q), 4800);
        assert!(q.assignments.iter().all(|a| (a.units - 0.5).abs() < 1e-9));
    }

    #[test]
    fn bad_input_is_refused_with_the_task_named() {
        let p = plan(TaskType::FixedUnits, false);
        let e = set_units(&p, AssignmentId::from_u128(901), 0.0).unwrap_err();
        assert!(e.to_string().contains(&p.tasks[1].name), "{e}");
        assert!(set_duration(&p, p.tasks[1].id, -5).is_err());
        assert!(set_work(&p, AssignmentId::from_u128(901), WorkMinutes(-1)).is_err());
    }
}
