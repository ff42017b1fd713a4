//! A resource's workload: what it is assigned to, what that costs, and how loaded each week
//! of the schedule is.
//!
//! Rules:
//! - an assignment's work is its units × the task's duration (working minutes; clock minutes
//!   for an elapsed duration); its cost is [`crate::cost`]'s rule (units × rate × hours);
//! - weeks run from Monday 00:00 to the next Monday 00:00 and cover the whole schedule;
//! - the work an assignment puts into a week is its units × the working minutes of the task's
//!   calendar ([`task_calendar`]) between the task's scheduled start and finish that fall in
//!   that week;
//! - a week's capacity is the resource's max units × the working minutes of its calendar
//!   ([`resource_calendar`]) in that week;
//! - a week is over-allocated when at some working moment in it the units of the resource's
//!   assignments add up to more than its max units: the peak counts, as in MS Project, not
//!   the weekly average (two full-time tasks on the same two days overload a person even in
//!   an otherwise idle week).

use crate::calendar_view::{resource_calendar, task_calendar, task_own_calendar, working_periods};
use crate::cost::forecast_cost;
use crate::model::*;
use crate::schedule::Schedule;
use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// At most this many weeks are returned (ten years); later weeks are left out.
pub const MAX_WEEKS: usize = 522;

/// Units closer than this count as equal (units are typed as decimals like 0.1).
const UNITS_EPSILON: f64 = 1e-9;

/// One assignment of the resource, with the task's scheduled dates.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AssignmentLine {
    pub assignment_id: AssignmentId,
    pub task_id: TaskId,
    pub units: f64,
    pub start: NaiveDateTime,
    pub finish: NaiveDateTime,
    /// Units × the task's duration.
    pub work: WorkMinutes,
    pub cost: Money,
}

/// One week of the resource's load.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WeekLoad {
    /// The Monday the week starts on.
    pub week: NaiveDate,
    /// Assigned work in the week (unit-minutes).
    pub work: WorkMinutes,
    /// Max units × the resource calendar's working minutes in the week.
    pub capacity: WorkMinutes,
    /// The highest sum of assigned units at any working moment of the week.
    pub peak_units: f64,
    /// `peak_units` above the resource's max units.
    pub over_allocated: bool,
}

/// A resource's assignments and weekly load.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResourceLoad {
    pub resource_id: ResourceId,
    pub max_units: f64,
    /// In plan order of the assignments.
    pub assignments: Vec<AssignmentLine>,
    /// Consecutive weeks from the one the schedule starts in to the one it finishes in.
    pub weeks: Vec<WeekLoad>,
    /// Σ work of the assignments.
    pub work: WorkMinutes,
    /// The cost of all the resource's assignments.
    pub cost: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum WorkloadError {
    #[error("resource {0} does not exist")]
    UnknownResource(ResourceId),
    #[error("the schedule has {rows} rows but the plan has {tasks} tasks")]
    StaleSchedule { rows: usize, tasks: usize },
}

/// The workload of `resource` under `schedule` (the schedule of `plan`, row for row).
pub fn resource_load(
    plan: &Plan,
    schedule: &Schedule,
    resource: ResourceId,
) -> Result<ResourceLoad, WorkloadError> {
    let res = plan
        .resources
        .iter()
        .find(|r| r.id == resource)
        .ok_or(WorkloadError::UnknownResource(resource))?;
    if schedule.tasks.len() != plan.tasks.len() {
        return Err(WorkloadError::StaleSchedule {
            rows: schedule.tasks.len(),
            tasks: plan.tasks.len(),
        });
    }
    let row = |id: TaskId| plan.tasks.iter().position(|t| t.id == id);

    // The working periods of each assignment, with its units.
    let mut lines = Vec::new();
    let mut pieces: Vec<(f64, Vec<(NaiveDateTime, NaiveDateTime)>)> = Vec::new();
    let mut mine = Vec::new();
    for a in plan
        .assignments
        .iter()
        .filter(|a| a.resource_id == resource)
    {
        // `Plan` keeps assignments to existing tasks only; skip rather than fail if not.
        let Some(i) = row(a.task_id) else { continue };
        let (t, ts) = (&plan.tasks[i], &schedule.tasks[i]);
        lines.push(AssignmentLine {
            assignment_id: a.id,
            task_id: a.task_id,
            units: a.units,
            start: ts.start,
            finish: ts.finish,
            work: match a.work {
                Some(w) => w,
                None => unit_minutes(a.units, t.duration.minutes().max(0) as f64),
            },
            cost: cost_of(plan, res, std::slice::from_ref(a)),
        });
        // A split task works in its segments only (its whole span otherwise).
        let spans = crate::split::segments(plan, t, ts.start, ts.finish);
        let periods = if t.can_be_resource_driven() {
            // Resource-driven: the assignment works its span on its resource's calendar from
            // the task's start (the task may run on after it, for other resources).
            let mut left = a.span(t.duration.minutes().max(0));
            let mut out = Vec::new();
            let cal = match res.calendar_id {
                Some(_) => resource_calendar(plan, res),
                None => task_own_calendar(plan, t),
            };
            for (from, to) in spans.iter().flat_map(|&(s, f)| working_periods(&cal, s, f)) {
                if left <= 0 {
                    break;
                }
                let m = (to - from).num_minutes().min(left);
                left -= m;
                out.push((from, from + chrono::Duration::minutes(m)));
            }
            out
        } else {
            let cal = task_calendar(plan, t);
            spans
                .iter()
                .flat_map(|&(s, f)| working_periods(&cal, s, f))
                .collect()
        };
        pieces.push((a.units, periods));
        mine.push(*a);
    }

    let capacity_cal = resource_calendar(plan, res);
    let first = monday(schedule.start.date());
    let mut weeks = Vec::new();
    let mut week = first;
    while week.and_time(NaiveTime::MIN) < schedule.finish && weeks.len() < MAX_WEEKS {
        let (a, b) = (
            week.and_time(NaiveTime::MIN),
            (week + Days::new(7)).and_time(NaiveTime::MIN),
        );
        let mut work = 0.0;
        // Unit changes within the week: +units where a period starts, −units where it ends.
        let mut events: Vec<(NaiveDateTime, f64)> = Vec::new();
        for (units, periods) in &pieces {
            for &(s, f) in periods {
                let (s, f) = (s.max(a), f.min(b));
                if s < f {
                    work += units * (f - s).num_minutes() as f64;
                    events.push((s, *units));
                    events.push((f, -units));
                }
            }
        }
        // Ends before starts at the same instant: back-to-back tasks do not overlap.
        events.sort_by(|x, y| x.0.cmp(&y.0).then(x.1.total_cmp(&y.1)));
        let (mut now, mut peak) = (0.0f64, 0.0f64);
        for (_, d) in events {
            now += d;
            peak = peak.max(now);
        }
        let capacity_minutes: i64 = working_periods(&capacity_cal, a, b)
            .iter()
            .map(|(s, f)| (*f - *s).num_minutes())
            .sum();
        weeks.push(WeekLoad {
            week,
            work: unit_minutes(1.0, work),
            capacity: unit_minutes(res.max_units, capacity_minutes as f64),
            peak_units: (peak * 1000.0).round() / 1000.0,
            over_allocated: peak > res.max_units + UNITS_EPSILON,
        });
        week = week + Days::new(7);
    }

    Ok(ResourceLoad {
        resource_id: resource,
        max_units: res.max_units,
        work: WorkMinutes(lines.iter().map(|l| l.work.0).sum()),
        cost: cost_of(plan, res, &mine),
        assignments: lines,
        weeks,
    })
}

/// The cost of `assignments` of `res`, by [`crate::cost`]'s rule: it is given a plan holding
/// just these assignments, their tasks and the resource, so the rule lives in one place.
fn cost_of(plan: &Plan, res: &Resource, assignments: &[Assignment]) -> Money {
    let tasks: Vec<Task> = plan
        .tasks
        .iter()
        .filter(|t| assignments.iter().any(|a| a.task_id == t.id))
        .cloned()
        .collect();
    let ids: Vec<TaskId> = tasks.iter().map(|t| t.id).collect();
    let just_these = Plan {
        tasks,
        resources: vec![res.clone()],
        assignments: assignments.to_vec(),
        ..Plan::default()
    };
    forecast_cost(&just_these, ids).unwrap_or_default()
}

fn unit_minutes(units: f64, minutes: f64) -> WorkMinutes {
    WorkMinutes((units * minutes).round() as i64)
}

fn monday(d: NaiveDate) -> NaiveDate {
    d - Days::new(u64::from(d.weekday().num_days_from_monday()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Calendar;
    use crate::demo::demo_plan;
    use crate::schedule::{schedule, ScheduleOptions};

    fn at(m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2027, m, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    /// One release starting Monday 1 March 2027 on the Standard calendar, one person
    /// (max 1.0 unit, 100/h) and `tasks` parallel tasks of the given working days.
    fn plan_with(tasks: &[i64]) -> (Plan, ResourceId) {
        let mut p = Plan::default();
        let cal = CalendarId::from_u128(1);
        p.calendars.push(Calendar::standard(cal, "Standard"));
        p.settings.default_calendar = Some(cal);
        let rel = ReleaseId::from_u128(2);
        p.releases.push(Release {
            id: rel,
            code: "R1".into(),
            name: "R1".into(),
            kind: ReleaseKind::Project,
            owner: String::new(),
            description: String::new(),
            start: at(3, 1, 8),
            target: None,
            status: ReleaseStatus::Planning,
            calendar_id: None,
            budget: None,
        });
        let proj = ProjectId::from_u128(3);
        p.projects.push(Project {
            id: proj,
            release_id: rel,
            name: "P".into(),
            department: String::new(),
            owner: String::new(),
        });
        let r = ResourceId::from_u128(4);
        p.resources.push(Resource {
            id: r,
            name: "Ana".into(),
            kind: ResourceKind::Person,
            cost_rate: Money::from_units(100),
            max_units: 1.0,
            calendar_id: None,
        });
        for (k, days) in tasks.iter().enumerate() {
            p.tasks.push(Task::new(
                TaskId::from_u128(100 + k as u128),
                TaskNumber(k as u32 + 1),
                proj,
                format!("T{k}"),
                Duration::Working(WorkMinutes::days(*days)),
            ));
        }
        (p, r)
    }

    fn assign(p: &mut Plan, r: ResourceId, task: usize, units: f64) {
        p.assignments.push(Assignment {
            id: AssignmentId::from_u128(1000 + p.assignments.len() as u128),
            task_id: p.tasks[task].id,
            resource_id: r,
            units,
            work: None,
            contour: Default::default(),
        });
    }

    fn load(p: &Plan, r: ResourceId) -> ResourceLoad {
        let s = schedule(p, &ScheduleOptions::default()).unwrap();
        resource_load(p, &s, r).unwrap()
    }

    #[test]
    fn work_and_cost_follow_units_duration_and_rate() {
        let (mut p, r) = plan_with(&[2]);
        assign(&mut p, r, 0, 0.5);
        let l = load(&p, r);
        assert_eq!(l.assignments.len(), 1);
        // 0.5 × 16 h = 8 h of work; × 100/h = 800.
        assert_eq!(l.assignments[0].work, WorkMinutes::hours(8));
        assert_eq!(l.assignments[0].cost, Money::from_units(800));
        assert_eq!(l.cost, Money::from_units(800));
        assert_eq!(l.assignments[0].start, at(3, 1, 8));
        assert_eq!(l.assignments[0].finish, at(3, 2, 17));
    }

    #[test]
    fn a_weeks_work_and_capacity_are_counted_on_the_calendars() {
        // 7 working days from Monday 1 March: 5 in the first week, 2 in the second.
        let (mut p, r) = plan_with(&[7]);
        assign(&mut p, r, 0, 1.0);
        let l = load(&p, r);
        assert_eq!(l.weeks.len(), 2);
        assert_eq!(
            l.weeks[0].week,
            NaiveDate::from_ymd_opt(2027, 3, 1).unwrap()
        );
        assert_eq!(l.weeks[0].work, WorkMinutes::days(5));
        assert_eq!(l.weeks[1].work, WorkMinutes::days(2));
        assert_eq!(l.weeks[0].capacity, WorkMinutes::days(5));
        assert_eq!(l.weeks[0].peak_units, 1.0);
        assert!(!l.weeks[0].over_allocated);
        let total: i64 = l.weeks.iter().map(|w| w.work.0).sum();
        assert_eq!(total, l.work.0);
    }

    #[test]
    fn overlapping_assignments_over_max_units_over_allocate_the_week() {
        // Two parallel tasks (both start at the release start): 1.0 + 0.5 units > 1.0.
        let (mut p, r) = plan_with(&[2, 7]);
        assign(&mut p, r, 0, 1.0);
        assign(&mut p, r, 1, 0.5);
        let l = load(&p, r);
        assert!(l.weeks[0].over_allocated);
        assert_eq!(l.weeks[0].peak_units, 1.5);
        // The second week has only the 0.5-unit task left.
        assert!(!l.weeks[1].over_allocated);
        assert_eq!(l.weeks[1].peak_units, 0.5);
    }

    #[test]
    fn back_to_back_tasks_do_not_overlap() {
        let (mut p, r) = plan_with(&[2, 3]);
        p.links.push(Link {
            id: LinkId::from_u128(9),
            predecessor: p.tasks[0].id,
            successor: p.tasks[1].id,
            kind: LinkType::FS,
            lag: Lag::ZERO,
        });
        assign(&mut p, r, 0, 1.0);
        assign(&mut p, r, 1, 1.0);
        let l = load(&p, r);
        assert_eq!(l.weeks[0].peak_units, 1.0);
        assert!(!l.weeks[0].over_allocated);
        assert_eq!(l.weeks[0].work, WorkMinutes::days(5));
    }

    #[test]
    fn a_split_task_has_no_work_in_its_gap() {
        // 7 days of work from Monday 1 March, split after 4 for 3: Mon-Thu, then the gap
        // (Fri, Mon, Tue), then Wed-Fri of the second week.
        let (mut p, r) = plan_with(&[7]);
        p.tasks[0].splits = vec![Split {
            after: WorkMinutes::days(4),
            gap: WorkMinutes::days(3),
        }];
        assign(&mut p, r, 0, 1.0);
        let l = load(&p, r);
        assert_eq!(l.assignments[0].finish, at(3, 12, 17));
        assert_eq!(l.weeks[0].work, WorkMinutes::days(4));
        assert_eq!(l.weeks[1].work, WorkMinutes::days(3));
        let total: i64 = l.weeks.iter().map(|w| w.work.0).sum();
        assert_eq!(total, l.work.0);
    }

    #[test]
    fn unknown_resource_is_named() {
        let (p, _) = plan_with(&[1]);
        let s = schedule(&p, &ScheduleOptions::default()).unwrap();
        let id = ResourceId::from_u128(77);
        assert_eq!(
            resource_load(&p, &s, id).unwrap_err(),
            WorkloadError::UnknownResource(id)
        );
    }

    #[test]
    fn demo_costs_add_up_to_the_plan_cost() {
        let p = demo_plan();
        let s = schedule(&p, &ScheduleOptions::default()).unwrap();
        let (mut sum, mut checked) = (0i64, 0);
        for r in &p.resources {
            let l = resource_load(&p, &s, r.id).unwrap();
            sum += l.cost.0;
            // Work spread over the weeks adds up to units × duration, for resources whose
            // tasks have not started (a started task's span has a gap at the status date).
            let untouched = l.assignments.iter().all(|a| {
                let t = p.tasks.iter().find(|t| t.id == a.task_id).unwrap();
                t.progress.actual_start.is_none()
            });
            if untouched && !l.assignments.is_empty() {
                let week_work: i64 = l.weeks.iter().map(|w| w.work.0).sum();
                assert!(
                    (week_work - l.work.0).abs() <= l.weeks.len() as i64,
                    "{}",
                    r.name
                );
                checked += 1;
            }
        }
        assert!(checked > 3);
        let occurred: i64 = p
            .risks
            .iter()
            .filter(|r| r.status == RiskStatus::Occurred)
            .map(|r| r.cost_impact.0)
            .sum();
        let plan_cost = crate::cost::plan_cost(&p).0 - occurred;
        // Each resource's cost is rounded to the cent on its own.
        assert!(
            (sum - plan_cost).abs() <= p.resources.len() as i64,
            "{sum} vs {plan_cost}"
        );
    }
}
