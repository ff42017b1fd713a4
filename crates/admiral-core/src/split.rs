//! Splitting a task's work and joining it again (MS Project's Split Task): pure rules that
//! return the edits and the audit label, as [`crate::wbs`] does, and the periods a split
//! task works, for the Gantt bars of the app and the report.
//!
//! A split is given in work: "after 2d of its work, stop for 3d" (working time of the task's
//! calendar; elapsed time, "2ed", for a task with an elapsed duration). It moves with the
//! task, as in MS Project: the gap lengthens the task's span (its finish and its late start
//! keep it), not its duration (see [`Split`] and the scheduler).

use crate::calendar::Calendar;
use crate::calendar_view::task_calendar;
use crate::edit::{Change, Edit};
use crate::model::*;
use crate::notation::{format_duration, parse_duration};
use crate::wbs::{position, WbsError};
use chrono::NaiveDateTime;

/// Splits task `task`'s work after `after` of it for `gap` (MS Project notation: "2d",
/// "4h"; "2ed" for a task with an elapsed duration). A split where the task already has one
/// lengthens that gap.
pub fn split(plan: &Plan, task: TaskId, after: &str, gap: &str) -> Result<Change, WbsError> {
    let t = splittable(plan, task)?;
    let a = in_units(t, after, "work before it")?;
    let g = in_units(t, gap, "gap")?;
    let label = format!(
        "Split task {} after {} of work for {}",
        t.number,
        after.trim(),
        gap.trim()
    );
    with_split(t, a, g, label)
}

/// Splits task `task`'s work at the instant `at` for `gap`, as MS Project's Split Task tool
/// does where the user clicks on the bar: the split comes after the work done by `at` when
/// the task works from `start` to `finish` (its schedule's dates, with the periods
/// [`segments`] gives). An instant in a gap, or outside the task, is refused.
pub fn split_at(
    plan: &Plan,
    task: TaskId,
    (start, finish): (NaiveDateTime, NaiveDateTime),
    at: NaiveDateTime,
    gap: &str,
) -> Result<Change, WbsError> {
    let t = splittable(plan, task)?;
    let g = in_units(t, gap, "gap")?;
    let elapsed = matches!(t.duration, Duration::Elapsed(_));
    let cal = task_calendar(plan, t);
    let minutes = |from: NaiveDateTime, to: NaiveDateTime| {
        if elapsed {
            (to - from).num_minutes().max(0)
        } else {
            cal.working_minutes_between(from, to)
        }
    };
    let when = at.format("%Y-%m-%d %H:%M");
    let mut done = 0;
    let mut after = None;
    for (from, to) in segments(plan, t, start, finish) {
        if at <= from {
            break;
        }
        if at < to {
            after = Some(done + minutes(from, at));
            break;
        }
        done += minutes(from, to);
    }
    let Some(a) = after else {
        return Err(WbsError::Split(format!(
            "task {} does not work at {when}: a split goes where it works",
            t.number
        )));
    };
    let label = format!("Split task {} at {when} for {}", t.number, gap.trim());
    with_split(t, a, g, label)
}

/// The task with id `task`, if it can be split: a task with work of its own, not finished.
fn splittable(plan: &Plan, task: TaskId) -> Result<&Task, WbsError> {
    let i = position(plan, task)?;
    let t = &plan.tasks[i];
    let summary = crate::baseline::is_summary_row(plan, i);
    if summary || t.is_milestone() {
        return Err(WbsError::Split(format!(
            "task {} is a {}: only a task with work of its own can be split",
            t.number,
            if summary { "summary" } else { "milestone" }
        )));
    }
    if t.progress.actual_finish.is_some() || t.progress.percent_complete >= 100 {
        return Err(WbsError::Split(format!(
            "task {} is finished: its dates are its actual dates, which a split would not move",
            t.number
        )));
    }
    Ok(t)
}

/// `text` (notation) in task `t`'s duration units: working minutes, or elapsed minutes for
/// an elapsed duration; `what` names it in the refusal.
fn in_units(t: &Task, text: &str, what: &str) -> Result<i64, WbsError> {
    let elapsed = matches!(t.duration, Duration::Elapsed(_));
    match (parse_duration(text)?, elapsed) {
        (Duration::Working(m), false) => Ok(m.0),
        (Duration::Elapsed(m), true) => Ok(m),
        (_, true) => Err(WbsError::Split(format!(
            "task {} has an elapsed duration: give the split's {what} in elapsed time (\"2ed\")",
            t.number
        ))),
        (_, false) => Err(WbsError::Split(format!(
            "task {} has a working duration: give the split's {what} in working time (\"2d\")",
            t.number
        ))),
    }
}

/// Task `t` with a split after `a` minutes of work for `g` (lengthening the gap of a split
/// already there), as a change labelled `label`.
fn with_split(t: &Task, a: i64, g: i64, label: String) -> Result<Change, WbsError> {
    let name = format!("task {}", t.number);
    if a <= 0 || a >= t.duration.minutes() {
        return Err(WbsError::Split(format!(
            "{name} has {} of work: a split must come after some of it and before its end",
            format_duration(t.duration)
        )));
    }
    if g <= 0 {
        return Err(WbsError::Split(format!("a split of {name} needs a gap")));
    }
    let mut t = t.clone();
    match t.splits.iter_mut().find(|s| s.after.0 == a) {
        Some(s) => s.gap.0 += g,
        None => {
            let at = t.splits.partition_point(|s| s.after.0 < a);
            t.splits.insert(
                at,
                Split {
                    after: WorkMinutes(a),
                    gap: WorkMinutes(g),
                },
            );
        }
    }
    t.validate_own()
        .map_err(|e| WbsError::Split(e.to_string()))?;
    Ok(Change {
        label,
        edits: vec![Edit::PutTask(t)],
    })
}

/// Joins task `task`'s work again: removes its split number `which` (1 for the first), or
/// all of them when `None`.
pub fn join(plan: &Plan, task: TaskId, which: Option<usize>) -> Result<Change, WbsError> {
    let mut t = plan.tasks[position(plan, task)?].clone();
    if t.splits.is_empty() {
        return Err(WbsError::Split(format!("task {} is not split", t.number)));
    }
    let label = match which {
        None => {
            let n = t.splits.len();
            t.splits.clear();
            format!(
                "Join the work of task {} ({n} {})",
                t.number,
                if n == 1 { "split" } else { "splits" }
            )
        }
        Some(k) if (1..=t.splits.len()).contains(&k) => {
            t.splits.remove(k - 1);
            format!("Remove split {k} of task {}", t.number)
        }
        Some(k) => {
            return Err(WbsError::Split(format!(
                "task {} has {} splits; there is no split {k}",
                t.number,
                t.splits.len()
            )))
        }
    };
    Ok(Change {
        edits: vec![Edit::PutTask(t)],
        label,
    })
}

/// The periods task `task` works when it starts at `start` and finishes at `finish` (its
/// schedule's dates): one per stretch of work between the splits its duration reaches, each
/// from the instant work starts to the instant it stops, on the task's calendar (the clock
/// for an elapsed duration). Just `(start, finish)` for a task without splits. The last
/// period ends at `finish`; a split its schedule ends before (a task finished on its actual
/// dates) is left out, so no period lies past `finish`.
pub fn segments(
    plan: &Plan,
    task: &Task,
    start: NaiveDateTime,
    finish: NaiveDateTime,
) -> Vec<(NaiveDateTime, NaiveDateTime)> {
    let work = task.duration.minutes();
    let splits: Vec<&Split> = task
        .splits
        .iter()
        .take_while(|s| s.after.0 < work)
        .collect();
    if splits.is_empty() || task.is_milestone() {
        return vec![(start, finish)];
    }
    let elapsed = matches!(task.duration, Duration::Elapsed(_));
    let cal = task_calendar(plan, task);
    let add = |from: NaiveDateTime, minutes: i64| -> NaiveDateTime {
        if elapsed {
            from + chrono::Duration::minutes(minutes)
        } else {
            cal.add_working_minutes(from, minutes).unwrap_or(from)
        }
    };
    let resume = |at: NaiveDateTime| -> NaiveDateTime {
        if elapsed {
            at
        } else {
            start_form(&cal, at)
        }
    };
    let mut out = Vec::with_capacity(splits.len() + 1);
    let mut from = start;
    let mut done = 0;
    for s in splits {
        let stop = add(from, s.after.0 - done);
        let next = resume(add(stop, s.gap.0));
        if next >= finish {
            break;
        }
        out.push((from, stop));
        from = next;
        done = s.after.0;
    }
    out.push((from, finish.max(from)));
    out
}

/// The instant working time next goes on at or after `at` (Monday 08:00 for Friday 17:00).
fn start_form(cal: &Calendar, at: NaiveDateTime) -> NaiveDateTime {
    cal.add_working_minutes(at, 1)
        .map_or(at, |t| t - chrono::Duration::minutes(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_plan;
    use crate::edit::apply_all;
    use crate::schedule::{schedule, ScheduleOptions};
    use chrono::NaiveDate;

    fn at(m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2006, m, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    /// MS Project's `mspdisplittask`, Split Task 1: 10 days of work from Thursday
    /// 2006-09-21, split after 4 days for 3; and an unsplit task of 15 days beside it.
    fn split_task_file() -> Plan {
        let mut plan = demo_plan();
        plan.links.clear();
        plan.gates.clear();
        plan.commitments.clear();
        plan.risks.clear();
        plan.assignments.clear();
        plan.baselines.clear();
        plan.snapshots.clear();
        plan.scenarios.clear();
        let project = plan.tasks[0].project_id;
        plan.tasks.clear();
        plan.releases.truncate(1);
        plan.releases[0].start = at(9, 21, 8);
        plan.projects.retain(|p| p.id == project);
        plan.projects[0].release_id = plan.releases[0].id;
        plan.settings.status_date = None;
        for (n, days) in [(1, 10), (2, 15)] {
            plan.tasks.push(Task::new(
                TaskId::new(),
                TaskNumber(n),
                project,
                format!("Split Task {n}"),
                Duration::Working(WorkMinutes(days * 480)),
            ));
        }
        plan.validate().unwrap();
        plan
    }

    #[test]
    fn a_split_task_finishes_later_by_its_gap_and_its_late_dates_keep_it() {
        let plan = split_task_file();
        let c = split(&plan, plan.tasks[0].id, "4d", "3d").unwrap();
        assert_eq!(c.label, "Split task 1 after 4d of work for 3d");
        let plan = apply_all(&plan, &c.edits).unwrap();
        assert_eq!(
            plan.tasks[0].splits,
            vec![Split {
                after: WorkMinutes(1920),
                gap: WorkMinutes(1440)
            }]
        );
        let s = schedule(&plan, &ScheduleOptions::default()).unwrap();
        let t = &s.tasks[0];
        // MS Project's dates for it.
        assert_eq!(t.early_start, at(9, 21, 8));
        assert_eq!(t.early_finish, at(10, 9, 17));
        assert_eq!(t.late_finish, at(10, 11, 17));
        assert_eq!(t.late_start, at(9, 25, 8));
        assert_eq!(t.total_float, WorkMinutes(2 * 480));
        assert_eq!(
            segments(&plan, &plan.tasks[0], t.start, t.finish),
            vec![(at(9, 21, 8), at(9, 26, 17)), (at(10, 2, 8), at(10, 9, 17))]
        );
        // Joined again, it is a 10-day task.
        let c = join(&plan, plan.tasks[0].id, None).unwrap();
        assert_eq!(c.label, "Join the work of task 1 (1 split)");
        let plan = apply_all(&plan, &c.edits).unwrap();
        let s = schedule(&plan, &ScheduleOptions::default()).unwrap();
        assert_eq!(s.tasks[0].early_finish, at(10, 4, 17));
        assert_eq!(
            segments(&plan, &plan.tasks[0], s.tasks[0].start, s.tasks[0].finish).len(),
            1
        );
    }

    #[test]
    fn a_split_where_the_bar_is_clicked_comes_after_the_work_done_by_then() {
        let plan = split_task_file();
        let id = plan.tasks[0].id;
        let span = |p: &Plan| {
            let s = schedule(p, &ScheduleOptions::default()).unwrap();
            (s.tasks[0].start, s.tasks[0].finish)
        };
        // Tuesday 26th 13:00: 3.5 days of work done (Thu, Fri, Mon, Tue morning).
        let c = split_at(&plan, id, span(&plan), at(9, 26, 13), "3d").unwrap();
        assert_eq!(c.label, "Split task 1 at 2006-09-26 13:00 for 3d");
        let plan = apply_all(&plan, &c.edits).unwrap();
        assert_eq!(plan.tasks[0].splits[0].after, WorkMinutes(3 * 480 + 240));
        // The gap (3 days from Tuesday 12:00) ends Friday 29th 12:00; Wednesday 4 October
        // 08:00 is 2.5 days into the second period (Friday afternoon, Monday, Tuesday).
        let c = split_at(&plan, id, span(&plan), at(10, 4, 8), "1d").unwrap();
        let plan = apply_all(&plan, &c.edits).unwrap();
        let afters: Vec<i64> = plan.tasks[0].splits.iter().map(|s| s.after.0).collect();
        assert_eq!(afters, vec![3 * 480 + 240, 6 * 480]);
        // In a gap, or before the start: refused, naming the instant.
        for when in [at(9, 28, 10), at(9, 20, 10), at(12, 1, 10)] {
            let e = split_at(&plan, id, span(&plan), when, "1d").unwrap_err();
            assert!(e.to_string().contains("does not work at"), "{e}");
        }
    }

    #[test]
    fn a_split_the_work_does_not_reach_adds_nothing() {
        let mut plan = split_task_file();
        let c = split(&plan, plan.tasks[0].id, "4d", "3d").unwrap();
        plan = apply_all(&plan, &c.edits).unwrap();
        // Shortened to 3 days: the split after 4 days does not happen.
        plan.tasks[0].duration = Duration::Working(WorkMinutes(3 * 480));
        let s = schedule(&plan, &ScheduleOptions::default()).unwrap();
        assert_eq!(s.tasks[0].early_finish, at(9, 25, 17));
        assert_eq!(plan.tasks[0].split_gap(3 * 480), 0);
        assert_eq!(plan.tasks[0].split_gap(4 * 480 + 1), 1440);
        // The same through `CompiledPlan::run` (Monte Carlo's path), with either duration.
        let c = crate::schedule::CompiledPlan::new(&plan, &ScheduleOptions::default()).unwrap();
        let mut buf = crate::schedule::Buffers::new();
        for (days, finish) in [(3, at(9, 25, 17)), (10, at(10, 9, 17))] {
            let mut d = c.planned_durations(&plan);
            d[0] = days * 480;
            c.run(&d, &mut buf);
            let ef = c.times(&buf, 0).unwrap().early_finish;
            assert_eq!(c.finish_datetime(0, ef), finish, "{days} days");
        }
    }

    #[test]
    fn splits_are_refused_where_they_cannot_be() {
        let plan = split_task_file();
        let id = plan.tasks[0].id;
        for (after, gap, says) in [
            ("0d", "1d", "after some of it and before its end"),
            ("10d", "1d", "after some of it and before its end"),
            ("2d", "0d", "needs a gap"),
            ("2ed", "1d", "in working time"),
            ("2x", "1d", "2x"),
        ] {
            let e = split(&plan, id, after, gap).unwrap_err().to_string();
            assert!(e.contains(says), "{after} {gap}: {e}");
        }
        assert_eq!(
            join(&plan, id, None).unwrap_err().to_string(),
            "task 1 is not split"
        );
        // A finished task keeps its actual dates: no split for it, and one it has already
        // (an imported file) gives no period past its finish.
        let mut done = plan.clone();
        done.tasks[0].progress.percent_complete = 100;
        let e = split(&done, id, "2d", "1d").unwrap_err().to_string();
        assert!(e.contains("task 1 is finished"), "{e}");
        done.tasks[0].splits = vec![Split {
            after: WorkMinutes(2 * 480),
            gap: WorkMinutes(3 * 480),
        }];
        // Finished on Tuesday 26th, before the work would resume (Thursday 28th).
        assert_eq!(
            segments(&done, &done.tasks[0], at(9, 21, 8), at(9, 26, 17)),
            vec![(at(9, 21, 8), at(9, 26, 17))]
        );
        // Finished later, after it resumed: the gap shows, the last period ends at the finish.
        assert_eq!(
            segments(&done, &done.tasks[0], at(9, 21, 8), at(10, 4, 17)),
            vec![(at(9, 21, 8), at(9, 22, 17)), (at(9, 28, 8), at(10, 4, 17))]
        );
        // Two splits, then the second one removed; the same point twice lengthens its gap.
        let c = split(&plan, id, "2d", "1d").unwrap();
        let plan = apply_all(&plan, &c.edits).unwrap();
        let c = split(&plan, id, "6d", "1d").unwrap();
        let plan = apply_all(&plan, &c.edits).unwrap();
        let c = split(&plan, id, "2d", "2d").unwrap();
        let plan = apply_all(&plan, &c.edits).unwrap();
        let gaps: Vec<i64> = plan.tasks[0].splits.iter().map(|s| s.gap.0).collect();
        assert_eq!(gaps, vec![3 * 480, 480]);
        assert!(join(&plan, id, Some(3)).is_err());
        let c = join(&plan, id, Some(2)).unwrap();
        assert_eq!(c.label, "Remove split 2 of task 1");
        let plan = apply_all(&plan, &c.edits).unwrap();
        assert_eq!(plan.tasks[0].splits.len(), 1);
    }
}
