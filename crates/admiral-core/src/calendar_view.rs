//! What a month calendar shows: how each day of a calendar works, which release blackout
//! windows cover it, and on which days the deployment tasks work.
//!
//! Rules:
//! - a day's kind comes from [`Calendar::working_times`]: a dated exception with no working
//!   time is a holiday, one with working times is a day of special hours; otherwise the
//!   week decides (working or non-working);
//! - a task works on the calendar the scheduler gives it ([`task_calendar`]): its own, else its
//!   release's, else the plan default, else MS Project's Standard; a deployment's calendar
//!   also has its release's blackout days off; elapsed durations run on the clock;
//! - a deployment works on a day when its scheduled interval `[start, finish)` overlaps that
//!   calendar's working time on that day (a zero-length deployment sits on its start day);
//! - a deployment with actual dates is shown where it ran, on its calendar without the
//!   blackouts, and every blackout of its release it ran in is reported as a clash; a
//!   scheduled deployment on working time never clashes, because the scheduler skips blackout
//!   days for it.

use crate::calendar::{Calendar, Combine};
use crate::model::*;
use crate::schedule::Schedule;
use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use thiserror::Error;

/// The longest range [`calendar_months`] answers for, in days (ten years).
pub const MAX_RANGE_DAYS: i64 = 3660;

/// How one day of a calendar works.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// The week's working hours apply and there are some.
    Working,
    /// The week has no working time on this weekday (a weekend).
    NonWorking,
    /// A dated exception with no working time.
    Holiday,
    /// A dated exception with its own working hours.
    SpecialHours,
}

/// One day of the range asked for.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarDay {
    pub date: NaiveDate,
    pub kind: DayKind,
    /// Working minutes of the calendar on this day.
    pub minutes: u32,
    /// The name of the exception that decides the day, if one does.
    pub exception: Option<String>,
    /// Blackout windows (of any release) covering the day, in plan order.
    pub blackouts: Vec<BlackoutId>,
    /// Deployment tasks working on the day, in plan order.
    pub deployments: Vec<TaskId>,
}

/// A deployment task that works within the range asked for.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeploymentWindow {
    pub task_id: TaskId,
    /// The release whose blackouts it keeps out of (`None` when its project has no release).
    pub release_id: Option<ReleaseId>,
    pub start: NaiveDateTime,
    pub finish: NaiveDateTime,
    /// Blackouts of its release it works in: only actual dates (or elapsed time, which runs
    /// on the clock) can put a deployment there.
    pub clashes: Vec<BlackoutId>,
}

/// The days of a range on one calendar, and the deployments that work in it.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarMonths {
    pub calendar_id: CalendarId,
    /// Every day from `from` to `to`, both included.
    pub days: Vec<CalendarDay>,
    /// In plan order.
    pub deployments: Vec<DeploymentWindow>,
}

/// A range that cannot be shown; nothing is computed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CalendarViewError {
    #[error("calendar {0} does not exist")]
    UnknownCalendar(CalendarId),
    #[error("the range {from} – {to} ends before it starts")]
    BadRange { from: NaiveDate, to: NaiveDate },
    #[error("the range {from} – {to} is longer than {MAX_RANGE_DAYS} days")]
    TooLong { from: NaiveDate, to: NaiveDate },
    #[error("the schedule has {rows} rows but the plan has {tasks} tasks")]
    StaleSchedule { rows: usize, tasks: usize },
}

/// The days from `from` to `to` (both included) on `calendar`, with the blackout windows and
/// the deployment tasks of `schedule` (the schedule of `plan`, row for row).
pub fn calendar_months(
    plan: &Plan,
    schedule: &Schedule,
    calendar: CalendarId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<CalendarMonths, CalendarViewError> {
    let cal = plan
        .calendars
        .iter()
        .find(|c| c.id == calendar)
        .ok_or(CalendarViewError::UnknownCalendar(calendar))?;
    if to < from {
        return Err(CalendarViewError::BadRange { from, to });
    }
    if (to - from).num_days() >= MAX_RANGE_DAYS {
        return Err(CalendarViewError::TooLong { from, to });
    }
    if schedule.tasks.len() != plan.tasks.len() {
        return Err(CalendarViewError::StaleSchedule {
            rows: schedule.tasks.len(),
            tasks: plan.tasks.len(),
        });
    }
    let n = (to - from).num_days() as usize + 1;
    let mut days: Vec<CalendarDay> = (0..n)
        .map(|i| {
            let date = from + Days::new(i as u64);
            let exception = cal
                .exceptions
                .iter()
                .rev()
                .find(|e| e.start <= date && date <= e.finish);
            let minutes = cal.minutes_on(date);
            let kind = match exception {
                Some(e) if e.working.is_empty() => DayKind::Holiday,
                Some(_) => DayKind::SpecialHours,
                None if minutes > 0 => DayKind::Working,
                None => DayKind::NonWorking,
            };
            CalendarDay {
                date,
                kind,
                minutes,
                exception: exception.map(|e| e.name.clone()),
                blackouts: plan
                    .blackouts
                    .iter()
                    .filter(|b| b.start <= date && date <= b.finish)
                    .map(|b| b.id)
                    .collect(),
                deployments: Vec::new(),
            }
        })
        .collect();

    let mut deployments = Vec::new();
    for (t, ts) in plan.tasks.iter().zip(&schedule.tasks) {
        if t.kind != TaskKind::Deployment || ts.summary {
            continue;
        }
        if ts.finish.date() < from || ts.start.date() > to {
            continue;
        }
        let ran = t.progress.actual_start.is_some() || t.progress.actual_finish.is_some();
        let worked_on = if ran {
            work_days(&task_base_calendar(plan, t), ts.start, ts.finish)
        } else {
            work_days(&task_calendar(plan, t), ts.start, ts.finish)
        };
        let release_id = task_release(plan, t);
        let clashes: Vec<BlackoutId> = plan
            .blackouts
            .iter()
            .filter(|b| Some(b.release_id) == release_id)
            .filter(|b| worked_on.iter().any(|d| b.start <= *d && *d <= b.finish))
            .map(|b| b.id)
            .collect();
        let mut any = false;
        for d in worked_on.iter().filter(|d| from <= **d && **d <= to) {
            days[(*d - from).num_days() as usize].deployments.push(t.id);
            any = true;
        }
        if any {
            deployments.push(DeploymentWindow {
                task_id: t.id,
                release_id,
                start: ts.start,
                finish: ts.finish,
                clashes,
            });
        }
    }
    Ok(CalendarMonths {
        calendar_id: calendar,
        days,
        deployments,
    })
}

/// The release a task belongs to (through its project).
pub fn task_release(plan: &Plan, task: &Task) -> Option<ReleaseId> {
    plan.projects
        .iter()
        .find(|p| p.id == task.project_id)
        .map(|p| p.release_id)
}

/// The calendar the scheduler schedules `task` on: for an elapsed duration the clock;
/// otherwise its own calendar, else its release's, else the plan default, else MS Project's
/// Standard — with its release's blackout days off for a deployment.
pub fn task_calendar<'a>(plan: &'a Plan, task: &Task) -> Cow<'a, Calendar> {
    let base = task_base_calendar(plan, task);
    if task.kind != TaskKind::Deployment || matches!(task.duration, Duration::Elapsed(_)) {
        return base;
    }
    let Some(release) = task_release(plan, task) else {
        return base;
    };
    let mut blackouts = plan
        .blackouts
        .iter()
        .filter(|b| b.release_id == release)
        .peekable();
    if blackouts.peek().is_none() {
        return base;
    }
    let mut cal = base.into_owned();
    cal.exceptions
        .extend(blackouts.map(|b| crate::CalendarException {
            name: b.name.clone(),
            start: b.start,
            finish: b.finish,
            working: Vec::new(),
        }));
    Cow::Owned(cal)
}

/// [`task_calendar`] without the blackouts.
fn task_base_calendar<'a>(plan: &'a Plan, task: &Task) -> Cow<'a, Calendar> {
    let own = task_own_calendar(plan, task);
    if !task.can_be_resource_driven() {
        return own;
    }
    // Resource-driven (as the scheduler): the union of its resources' calendars, each
    // intersected with the task's own calendar when it names one.
    let members: Vec<Calendar> = plan
        .assignments
        .iter()
        .filter(|a| a.task_id == task.id)
        .filter_map(|a| plan.resources.iter().find(|r| r.id == a.resource_id))
        .map(|r| {
            let rc = plan.calendars.iter().find(|c| Some(c.id) == r.calendar_id);
            match (rc, task.calendar_id.is_some()) {
                (None, _) => own.clone().into_owned(),
                (Some(rc), false) => rc.clone(),
                (Some(rc), true) => {
                    let (from, to) = exception_window(plan);
                    Calendar::combine(
                        rc.id,
                        &rc.name,
                        &[&own, rc],
                        Combine::Intersection,
                        from,
                        to,
                    )
                    .unwrap_or_else(|| rc.clone())
                }
            }
        })
        .collect();
    match members.as_slice() {
        [] => own,
        [one] => Cow::Owned(one.clone()),
        many => {
            let refs: Vec<&Calendar> = many.iter().collect();
            let (from, to) = exception_window(plan);
            Calendar::combine(own.id, &own.name, &refs, Combine::Union, from, to)
                .map_or(own, Cow::Owned)
        }
    }
}

/// The days on which exceptions of combined calendars are resolved: from a year before the
/// plan's first release start to thirty years after its last.
fn exception_window(plan: &Plan) -> (NaiveDate, NaiveDate) {
    let starts = plan.releases.iter().map(|r| r.start.date());
    let first = starts.clone().min().unwrap_or_default();
    let last = starts.max().unwrap_or_default();
    (
        first - chrono::Days::new(366),
        last + chrono::Days::new(30 * 366),
    )
}

/// The task's own calendar: its own, else its release's, else the plan default (24 hours
/// for elapsed durations).
pub(crate) fn task_own_calendar<'a>(plan: &'a Plan, task: &Task) -> Cow<'a, Calendar> {
    if matches!(task.duration, Duration::Elapsed(_)) {
        return Cow::Owned(Calendar::continuous(CalendarId::from_u128(0), "24 hours"));
    }
    let find =
        |id: Option<CalendarId>| id.and_then(|id| plan.calendars.iter().find(|c| c.id == id));
    let release_cal = task_release(plan, task)
        .and_then(|r| plan.releases.iter().find(|x| x.id == r))
        .and_then(|r| find(r.calendar_id));
    find(task.calendar_id)
        .or(release_cal)
        .or_else(|| find(plan.settings.default_calendar))
        .map_or_else(
            || Cow::Owned(Calendar::standard(CalendarId::from_u128(0), "Standard")),
            Cow::Borrowed,
        )
}

/// The calendar a resource's capacity is counted on: its own, else the plan default, else
/// MS Project's Standard.
pub fn resource_calendar<'a>(plan: &'a Plan, resource: &Resource) -> Cow<'a, Calendar> {
    let find =
        |id: Option<CalendarId>| id.and_then(|id| plan.calendars.iter().find(|c| c.id == id));
    find(resource.calendar_id)
        .or_else(|| find(plan.settings.default_calendar))
        .map_or_else(
            || Cow::Owned(Calendar::standard(CalendarId::from_u128(0), "Standard")),
            Cow::Borrowed,
        )
}

/// The working periods of `cal` within `[from, to)`, clipped to it, in order.
pub fn working_periods(
    cal: &Calendar,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> Vec<(NaiveDateTime, NaiveDateTime)> {
    let mut out = Vec::new();
    if to <= from {
        return out;
    }
    let mut day = from.date();
    while day.and_time(NaiveTime::MIN) < to {
        let midnight = day.and_time(NaiveTime::MIN);
        for w in cal.working_times(day) {
            let a = (midnight + chrono::Duration::minutes(i64::from(w.from))).max(from);
            let b = (midnight + chrono::Duration::minutes(i64::from(w.to))).min(to);
            if a < b {
                // Periods that run to midnight and on from it are one stretch of work.
                match out.last_mut() {
                    Some((_, end)) if *end == a => *end = b,
                    _ => out.push((a, b)),
                }
            }
        }
        let Some(next) = day.succ_opt() else { break };
        day = next;
    }
    out
}

/// The days on which `[start, finish)` overlaps working time of `cal`; the start day alone
/// for a zero-length interval.
fn work_days(cal: &Calendar, start: NaiveDateTime, finish: NaiveDateTime) -> Vec<NaiveDate> {
    if finish <= start {
        return vec![start.date()];
    }
    let mut days: Vec<NaiveDate> = Vec::new();
    for (a, b) in working_periods(cal, start, finish) {
        let mut d = a.date();
        // A period ending at midnight does not touch the next day.
        let last = (b - chrono::Duration::minutes(1)).date();
        while d <= last {
            if days.last() != Some(&d) {
                days.push(d);
            }
            let Some(next) = d.succ_opt() else { break };
            d = next;
        }
    }
    days
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_plan;
    use crate::schedule::{schedule, ScheduleOptions};
    use crate::{CalendarException, WorkingTime};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn demo() -> (Plan, Schedule) {
        let plan = demo_plan();
        let s = schedule(&plan, &ScheduleOptions::default()).unwrap();
        (plan, s)
    }

    fn calendar_named<'a>(plan: &'a Plan, prefix: &str) -> &'a Calendar {
        plan.calendars
            .iter()
            .find(|c| c.name.starts_with(prefix))
            .unwrap()
    }

    #[test]
    fn days_are_classified_by_week_and_exceptions() {
        let (plan, s) = demo();
        let cal = calendar_named(&plan, "Frankfurt");
        // Easter 2027: Good Friday 26 March and Easter Monday 29 March are Hesse holidays.
        let m = calendar_months(&plan, &s, cal.id, date(2027, 3, 22), date(2027, 3, 29)).unwrap();
        let kinds: Vec<DayKind> = m.days.iter().map(|d| d.kind).collect();
        use DayKind::*;
        assert_eq!(
            kinds,
            [Working, Working, Working, Working, Holiday, NonWorking, NonWorking, Holiday]
        );
        assert_eq!(m.days[0].minutes, 480);
        assert_eq!(m.days[4].minutes, 0);
        assert!(m.days[4].exception.is_some());
        assert_eq!(m.days[0].exception, None);
    }

    #[test]
    fn special_hours_are_their_own_kind() {
        let (mut plan, _) = demo();
        let cal = plan
            .calendars
            .iter_mut()
            .find(|c| c.name == "Standard")
            .unwrap();
        cal.exceptions.push(CalendarException {
            name: "Short Friday".into(),
            start: date(2027, 6, 4),
            finish: date(2027, 6, 4),
            working: vec![WorkingTime::hm(8, 0, 12, 0)],
        });
        let id = cal.id;
        let s = schedule(&plan, &ScheduleOptions::default()).unwrap();
        let m = calendar_months(&plan, &s, id, date(2027, 6, 4), date(2027, 6, 4)).unwrap();
        assert_eq!(m.days[0].kind, DayKind::SpecialHours);
        assert_eq!(m.days[0].minutes, 240);
        assert_eq!(m.days[0].exception.as_deref(), Some("Short Friday"));
    }

    #[test]
    fn blackouts_cover_their_days_inclusive() {
        let (plan, s) = demo();
        let cal = calendar_named(&plan, "Frankfurt");
        let easter = &plan.blackouts[0];
        let m = calendar_months(
            &plan,
            &s,
            cal.id,
            easter.start.pred_opt().unwrap(),
            easter.finish.succ_opt().unwrap(),
        )
        .unwrap();
        let covered: Vec<bool> = m.days.iter().map(|d| d.blackouts == [easter.id]).collect();
        assert!(!covered[0] && !covered[covered.len() - 1]);
        assert!(covered[1..covered.len() - 1].iter().all(|&c| c));
    }

    #[test]
    fn demo_deployments_work_outside_their_blackouts() {
        let (plan, s) = demo();
        let cal = calendar_named(&plan, "Frankfurt");
        let m = calendar_months(&plan, &s, cal.id, date(2027, 1, 1), date(2027, 6, 30)).unwrap();
        let deployments = plan
            .tasks
            .iter()
            .filter(|t| t.kind == TaskKind::Deployment)
            .count();
        assert_eq!(m.deployments.len(), deployments);
        for w in &m.deployments {
            assert!(w.clashes.is_empty(), "{w:?}");
        }
        for d in &m.days {
            if !d.deployments.is_empty() {
                assert!(d.blackouts.is_empty(), "a deployment works on {}", d.date);
            }
        }
        // The weekend cutover: Saturday 8 May 2027, after the May Day freeze.
        let sat = m.days.iter().find(|d| d.date == date(2027, 5, 8)).unwrap();
        assert_eq!(sat.kind, DayKind::NonWorking);
        assert!(sat.deployments.len() >= 3);
    }

    #[test]
    fn a_deployment_that_ran_in_a_blackout_clashes() {
        let (mut plan, _) = demo();
        let i = plan
            .tasks
            .iter()
            .position(|t| t.kind == TaskKind::Deployment)
            .unwrap();
        let easter = plan.blackouts[0].clone();
        // Tuesday 30 March 2027, inside the quarter-end freeze.
        let at = date(2027, 3, 30).and_hms_opt(22, 0, 0).unwrap();
        plan.tasks[i].progress.actual_start = Some(at);
        plan.tasks[i].progress.actual_finish = Some(at + chrono::Duration::hours(2));
        let s = schedule(&plan, &ScheduleOptions::default()).unwrap();
        let cal = calendar_named(&plan, "Frankfurt").id;
        let m = calendar_months(&plan, &s, cal, date(2027, 3, 1), date(2027, 4, 30)).unwrap();
        let w = m
            .deployments
            .iter()
            .find(|w| w.task_id == plan.tasks[i].id)
            .unwrap();
        assert_eq!(w.clashes, [easter.id]);
        let day = m.days.iter().find(|d| d.date == date(2027, 3, 30)).unwrap();
        assert!(day.deployments.contains(&plan.tasks[i].id));
    }

    #[test]
    fn task_calendar_agrees_with_the_scheduler() {
        // Every scheduled (not started) leaf task of the demo starts at a working minute of
        // the calendar `task_calendar` names, and finishes at the end of one.
        let (plan, s) = demo();
        let mut checked = 0;
        for (t, ts) in plan.tasks.iter().zip(&s.tasks) {
            if ts.summary || ts.milestone || t.progress.actual_start.is_some() {
                continue;
            }
            let cal = task_calendar(&plan, t);
            let first = working_periods(&cal, ts.start, ts.start + chrono::Duration::minutes(1));
            assert_eq!(first.len(), 1, "{} starts off its calendar", t.name);
            let last = working_periods(&cal, ts.finish - chrono::Duration::minutes(1), ts.finish);
            assert_eq!(last.len(), 1, "{} finishes off its calendar", t.name);
            let worked: i64 = working_periods(&cal, ts.start, ts.finish)
                .iter()
                .map(|(a, b)| (*b - *a).num_minutes())
                .sum();
            // A task on several resources' calendars works on their union: at least its
            // duration (each resource works its share on its own).
            let cals: std::collections::HashSet<_> = plan
                .assignments
                .iter()
                .filter(|a| a.task_id == t.id)
                .filter_map(|a| plan.resources.iter().find(|r| r.id == a.resource_id))
                .map(|r| r.calendar_id)
                .collect();
            if cals.len() > 1 && t.can_be_resource_driven() {
                assert!(worked >= t.duration.minutes(), "{}", t.name);
            } else {
                assert_eq!(worked, t.duration.minutes(), "{}", t.name);
            }
            checked += 1;
        }
        assert!(checked > 50);
    }

    #[test]
    fn bad_ranges_and_calendars_are_refused_by_name() {
        let (plan, s) = demo();
        let cal = plan.calendars[0].id;
        let e = calendar_months(&plan, &s, cal, date(2027, 2, 1), date(2027, 1, 1)).unwrap_err();
        assert!(e.to_string().contains("ends before it starts"));
        let e = calendar_months(&plan, &s, cal, date(2000, 1, 1), date(2027, 1, 1)).unwrap_err();
        assert!(matches!(e, CalendarViewError::TooLong { .. }));
        let unknown = CalendarId::from_u128(999_999);
        let e =
            calendar_months(&plan, &s, unknown, date(2027, 1, 1), date(2027, 1, 2)).unwrap_err();
        assert_eq!(e, CalendarViewError::UnknownCalendar(unknown));
    }

    #[test]
    fn working_periods_join_across_midnight() {
        let plan = demo_plan();
        let night = calendar_named(&plan, "Ops night shift");
        // Monday 22:00 to Tuesday 06:00 is one shift.
        let p = working_periods(
            night,
            date(2027, 3, 1).and_hms_opt(0, 0, 0).unwrap(),
            date(2027, 3, 3).and_hms_opt(0, 0, 0).unwrap(),
        );
        assert_eq!(
            p[0],
            (
                date(2027, 3, 1).and_hms_opt(22, 0, 0).unwrap(),
                date(2027, 3, 2).and_hms_opt(6, 0, 0).unwrap()
            )
        );
        assert_eq!(
            work_days(night, p[0].0, p[0].1),
            [date(2027, 3, 1), date(2027, 3, 2)]
        );
    }
}
