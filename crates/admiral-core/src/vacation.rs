//! A person's time off: an exception on the resource's own calendar, which the scheduler
//! then honours for every task the resource works on (see [`crate::schedule`]).
//!
//! A resource that shares a calendar with others (or has none, and so works on the plan's
//! default) first gets a calendar of its own, a copy of the one it worked on named after it,
//! as MS Project gives every resource its own calendar: the others keep working.

use crate::calendar::{Calendar, CalendarException};
use crate::edit::{Change, Edit};
use crate::model::*;
use chrono::NaiveDate;
use thiserror::Error;

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum VacationError {
    #[error("there is no resource with id {0}")]
    UnknownResource(ResourceId),
    #[error("the time off of '{resource}' ends ({finish}) before it starts ({start})")]
    Backwards {
        resource: String,
        start: NaiveDate,
        finish: NaiveDate,
    },
}

/// Gives resource `resource` time off from `start` to `finish` (both included), named `name`
/// ("Vacation" when blank). `new_calendar` is the id of the resource's own calendar if one
/// has to be made.
pub fn add_vacation(
    plan: &Plan,
    resource: ResourceId,
    start: NaiveDate,
    finish: NaiveDate,
    name: &str,
    new_calendar: CalendarId,
) -> Result<Change, VacationError> {
    let r = plan
        .resources
        .iter()
        .find(|r| r.id == resource)
        .ok_or(VacationError::UnknownResource(resource))?;
    if finish < start {
        return Err(VacationError::Backwards {
            resource: r.name.clone(),
            start,
            finish,
        });
    }
    let name = match name.trim() {
        "" => "Vacation",
        n => n,
    };
    let base_id = r.calendar_id.or(plan.settings.default_calendar);
    let base = base_id.and_then(|id| plan.calendars.iter().find(|c| c.id == id));
    let shared = |id: CalendarId| {
        plan.resources
            .iter()
            .any(|o| o.id != resource && o.calendar_id == Some(id))
            || plan.releases.iter().any(|x| x.calendar_id == Some(id))
            || plan.tasks.iter().any(|t| t.calendar_id == Some(id))
            || plan.settings.default_calendar == Some(id)
    };
    let mut edits = Vec::new();
    let mut cal = match (r.calendar_id, base) {
        (Some(id), Some(c)) if !shared(id) => c.clone(),
        _ => {
            let mut c = base
                .cloned()
                .unwrap_or_else(|| Calendar::standard(new_calendar, "Standard"));
            c.id = new_calendar;
            c.name = r.name.clone();
            let mut r = r.clone();
            r.calendar_id = Some(new_calendar);
            edits.push(Edit::PutResource(r));
            c
        }
    };
    cal.exceptions.push(CalendarException {
        name: name.to_string(),
        start,
        finish,
        working: Vec::new(),
    });
    // The calendar first: the resource then names a calendar that exists.
    edits.insert(0, Edit::PutCalendar(cal));
    Ok(Change {
        edits,
        label: format!("Time off for {}: {name}, {start} to {finish}", r.name),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply_all;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, m, day).unwrap()
    }

    #[test]
    fn a_vacation_gives_a_resource_its_own_calendar_and_moves_its_tasks() {
        let mut p = crate::demo::demo_plan();
        let r = p.resources[0].clone();
        let t =
            p.tasks
                .iter()
                .find(|t| {
                    t.can_be_resource_driven()
                        && t.progress.actual_start.is_none()
                        && !p.tasks.iter().any(|u| {
                            u.outline_level > t.outline_level && u.number.0 == t.number.0 + 1
                        })
                })
                .unwrap()
                .clone();
        p.assignments.push(Assignment {
            id: AssignmentId::from_u128(99_001),
            task_id: t.id,
            resource_id: r.id,
            units: 1.0,
            work: None,
            contour: Default::default(),
        });
        let before = crate::schedule::schedule(&p, &Default::default()).unwrap();
        let i = p.tasks.iter().position(|x| x.id == t.id).unwrap();
        let start = before.tasks[i].start.date();
        let cal = CalendarId::from_u128(99_002);
        let c = add_vacation(&p, r.id, start, start + chrono::Days::new(13), " ", cal).unwrap();
        assert!(c.label.contains("Vacation"), "{}", c.label);
        let q = apply_all(&p, &c.edits).unwrap();
        let own = q.resources.iter().find(|x| x.id == r.id).unwrap();
        assert_eq!(own.calendar_id, Some(cal));
        assert_eq!(
            q.calendars.iter().find(|c| c.id == cal).unwrap().name,
            r.name
        );
        // Nobody else's calendar changed.
        for c in &p.calendars {
            assert_eq!(q.calendars.iter().find(|x| x.id == c.id), Some(c));
        }
        let after = crate::schedule::schedule(&q, &Default::default()).unwrap();
        assert!(
            after.tasks[i].finish > before.tasks[i].finish,
            "{}: {} then {}",
            t.name,
            before.tasks[i].finish,
            after.tasks[i].finish
        );
        // A second vacation goes on the same calendar.
        let c2 = add_vacation(
            &q,
            r.id,
            d(12, 24),
            d(12, 31),
            "Xmas",
            CalendarId::from_u128(5),
        )
        .unwrap();
        assert_eq!(c2.edits.len(), 1);
        assert!(add_vacation(&q, r.id, d(3, 2), d(3, 1), "x", cal).is_err());
    }
}
