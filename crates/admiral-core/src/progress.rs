//! Progress updates: what a release manager types in each week, as MS Project applies it.
//!
//! Rules for one task ([`update_task`]), in this order:
//! - a summary task's progress comes from its tasks: it cannot be updated itself;
//! - a percent complete replaces the task's; with a remaining duration too, the duration
//!   becomes remaining ÷ (1 − percent) (MS Project's rule: duration = actual + remaining);
//! - a remaining duration alone keeps the actual duration (duration × percent) and makes the
//!   duration actual + remaining, the percent actual ÷ duration;
//! - a duration changed so is treated as a duration typed in: a zero-duration milestone given
//!   a remaining duration becomes a task (a gate or a deployment keeps its kind), and a
//!   three-point estimate whose most likely was the old duration is scaled with it
//!   (`wbs::set_duration`'s rules);
//! - an actual finish makes the task 100 % complete;
//! - a task with some progress and no actual start gets its scheduled start as actual start;
//!   a task at 100 % without an actual finish gets its scheduled finish;
//! - setting 0 % clears the actual start (unless one is given), below 100 % the actual
//!   finish (unless one is given);
//! - the result must keep the task's rules (0–100 %, finish not before start).
//!
//! "Update as scheduled through a date" ([`update_through`], MS Project's Update Project):
//! every task that is not a summary and is scheduled to finish by the date becomes 100 %
//! complete with its scheduled dates as actual dates; one scheduled to be under way gets the
//! share of its working time before the date as percent complete (rounded down) and its
//! scheduled start as actual start. A task already further along is left as it is.
//!
//! A summary task's percent complete ([`percent_complete`]) is MS Project's duration-weighted
//! roll-up: Σ actual duration ÷ Σ duration of the tasks under it, where a task's actual
//! duration is its duration × its percent complete. Admiral sums over the tasks under it that
//! are not summaries (MS Project over its children, a sub-summary counted with its span: the
//! same figure unless a sub-summary's tasks overlap or leave gaps). Rounded down, so that a
//! summary shows 100 % only when all of it is done; under only milestones (Σ duration = 0),
//! the mean of their percents, rounded down.

use crate::baseline::working_minutes_between;
use crate::calendar_view::task_calendar;
use crate::edit::{Change, Edit};
use crate::model::*;
use crate::schedule::{Schedule, TaskSchedule};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What to change in a task's progress; `None` leaves a value to the rules above.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressUpdate {
    pub percent: Option<u8>,
    pub actual_start: Option<NaiveDateTime>,
    pub actual_finish: Option<NaiveDateTime>,
    /// Remaining duration: working time for a task whose duration is in working time,
    /// elapsed time for one in elapsed time ("3d" or "3ed"; 0 either way).
    pub remaining: Option<Duration>,
}

impl ProgressUpdate {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// A refused progress update, naming the task.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ProgressError {
    #[error("{task} is a summary task: its progress comes from its tasks")]
    Summary { task: String },
    #[error("{task}: percent complete {value} is not within 0–100")]
    Percent { task: String, value: u8 },
    #[error("{task}: its duration is in {wants} time, so its remaining duration must be too: give {example}, not {given}")]
    RemainingUnit {
        task: String,
        wants: &'static str,
        example: &'static str,
        given: String,
    },
    #[error("{task}: remaining duration {value} must not be negative")]
    NegativeRemaining { task: String, value: WorkMinutes },
    #[error("{task}: a finished task (100 % or an actual finish) has no remaining duration, yet {value} was given")]
    RemainingOnFinished { task: String, value: WorkMinutes },
    #[error("{task}: nothing to update (give a percent, actual dates or a remaining duration)")]
    Nothing { task: String },
    #[error("{task}: a remaining duration of 0 on a task not started would leave it neither done nor to do: give 100 % complete (or an actual finish) if it is done, or set its duration to 0 to make it a milestone")]
    NothingDoneNothingLeft { task: String },
    #[error("{task}: its actual start and finish are {days} days apart; at most {max_days} (50 years) is allowed")]
    ActualSpan {
        task: String,
        days: i64,
        max_days: i64,
    },
    #[error("no task with id {0}")]
    UnknownTask(TaskId),
    #[error(transparent)]
    Model(#[from] ModelError),
}

/// A status file's row refused: its line and why. The whole file is refused with it.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("line {line}: {message}; nothing was changed")]
pub struct StatusError {
    pub line: usize,
    pub message: String,
}

/// A reported percentage (a status file's `99.6`) as the whole percent a task keeps: the
/// nearest, except that only 100 means done and only 0 means not started, so a task at 99.6 %
/// stays open at 99 and one at 0.3 % is started at 1. Outside 0–100, the nearest end.
pub fn whole_percent(p: f64) -> u8 {
    let p = if p.is_nan() { 0.0 } else { p.clamp(0.0, 100.0) };
    match p.round() {
        r if r >= 100.0 && p < 100.0 => 99,
        r if r <= 0.0 && p > 0.0 => 1,
        r => r as u8,
    }
}

/// The task a status file or a script names by key: its MSPDI UID for an imported task, else
/// its number (see [`Task::key`]); then by number.
pub fn task_by_key<'a>(plan: &'a Plan, key: &str) -> Option<&'a Task> {
    let key = key.trim();
    plan.tasks
        .iter()
        .find(|t| t.key() == key)
        .or_else(|| plan.tasks.iter().find(|t| t.number.to_string() == key))
}

/// The tasks of a plan by key, as [`task_by_key`] finds them, for a file of keys: looked up in
/// maps made once, where a search per row made a status file quadratic (15k rows against a
/// 20k-task plan: 4.9 s).
pub struct TaskKeys<'a> {
    plan: &'a Plan,
    by_key: HashMap<String, usize>,
    by_number: HashMap<String, usize>,
}

impl<'a> TaskKeys<'a> {
    pub fn new(plan: &'a Plan) -> Self {
        let (mut by_key, mut by_number) = (HashMap::new(), HashMap::new());
        for (i, t) in plan.tasks.iter().enumerate() {
            // The first task with a key wins, as a search from the top finds it.
            by_key.entry(t.key()).or_insert(i);
            by_number.entry(t.number.to_string()).or_insert(i);
        }
        TaskKeys {
            plan,
            by_key,
            by_number,
        }
    }

    /// The task `key` names and its row.
    pub fn get(&self, key: &str) -> Option<(usize, &'a Task)> {
        let key = key.trim();
        let i = *self.by_key.get(key).or_else(|| self.by_number.get(key))?;
        Some((i, &self.plan.tasks[i]))
    }
}

/// A status file's rows (`(line, task key, update)`, as `admiral_interop::status` reads
/// them) as one change labelled "Import status file NAME (N tasks)"; refused whole at the
/// first row naming no task, naming a task a second time, or that [`update_task`] refuses.
pub fn apply_status(
    plan: &Plan,
    schedule: &Schedule,
    rows: &[(usize, &str, ProgressUpdate)],
    name: &str,
) -> Result<Change, StatusError> {
    let mut edits = Vec::with_capacity(rows.len());
    let mut seen = std::collections::HashSet::new();
    let keys = TaskKeys::new(plan);
    for (line, key, u) in rows {
        let refuse = |message: String| StatusError {
            line: *line,
            message,
        };
        let (i, t) = (keys.get(key))
            .ok_or_else(|| refuse(format!("the plan has no task with key '{}'", key.trim())))?;
        if !seen.insert(t.id) {
            return Err(refuse(format!("task {} appears twice", key.trim())));
        }
        let after =
            update_task(plan, t, &schedule.tasks[i], u).map_err(|e| refuse(e.to_string()))?;
        edits.push(Edit::PutTask(after));
    }
    Ok(Change {
        label: format!(
            "Import status file {name} ({})",
            crate::notation::counted(edits.len(), "task")
        ),
        edits,
    })
}

/// Every row's percent complete in `plan.tasks` order: a task's own, a summary's rolled up
/// from the tasks under it (see the module rules).
pub fn percent_complete(plan: &Plan) -> Vec<u8> {
    crate::rollup::percents(plan, &crate::baseline::summary_flags(plan))
}

fn make(d: Duration, minutes: i64) -> Duration {
    match d {
        Duration::Working(_) => Duration::Working(WorkMinutes(minutes)),
        Duration::Elapsed(_) => Duration::Elapsed(minutes),
    }
}

/// The task after `u` (see the module rules); `s` is its row of `plan`'s schedule.
pub fn update_task(
    plan: &Plan,
    task: &Task,
    s: &TaskSchedule,
    u: &ProgressUpdate,
) -> Result<Task, ProgressError> {
    update_task_noted(plan, task, s, u).map(|(t, _)| t)
}

/// [`update_task`], with what the change's label adds when the task's three-point estimate
/// followed its new duration ("" otherwise).
fn update_task_noted(
    plan: &Plan,
    task: &Task,
    s: &TaskSchedule,
    u: &ProgressUpdate,
) -> Result<(Task, String), ProgressError> {
    let label = task_label(task);
    if s.summary {
        return Err(ProgressError::Summary { task: label });
    }
    if u.is_empty() {
        return Err(ProgressError::Nothing { task: label });
    }
    let mut t = task.clone();
    let d = t.duration.minutes().max(0);
    if let Some(p) = u.percent {
        if p > 100 {
            return Err(ProgressError::Percent {
                task: label,
                value: p,
            });
        }
    }
    // The remaining duration in the unit of the task's duration; 0 is 0 in either.
    let remaining = match (u.remaining, task.duration) {
        (None, _) => None,
        (Some(r), _) if r.minutes() == 0 => Some(WorkMinutes(0)),
        (Some(Duration::Working(r)), Duration::Working(_)) => Some(r),
        (Some(Duration::Elapsed(r)), Duration::Elapsed(_)) => Some(WorkMinutes(r)),
        (Some(given), Duration::Working(_)) => {
            return Err(ProgressError::RemainingUnit {
                task: label,
                wants: "working",
                example: "e.g. 3d or 4h",
                given: crate::notation::format_duration(given),
            })
        }
        (Some(given), Duration::Elapsed(_)) => {
            return Err(ProgressError::RemainingUnit {
                task: label,
                wants: "elapsed",
                example: "e.g. 3ed or 4eh",
                given: crate::notation::format_duration(given),
            })
        }
    };
    if let Some(r) = remaining {
        if r.0 < 0 {
            return Err(ProgressError::NegativeRemaining {
                task: label,
                value: r,
            });
        }
        let finished = u.actual_finish.is_some() || u.percent == Some(100);
        if finished && r.0 > 0 {
            return Err(ProgressError::RemainingOnFinished {
                task: label,
                value: r,
            });
        }
        // Nothing done and nothing left: that is neither progress nor a duration, and
        // reading it as either (a milestone not done, or done) would guess.
        let pct = u.percent.unwrap_or(t.progress.percent_complete);
        if r.0 == 0 && pct == 0 && !finished && d > 0 {
            return Err(ProgressError::NothingDoneNothingLeft { task: label });
        }
    }
    let mut pct = u.percent.unwrap_or(t.progress.percent_complete);
    match (u.percent, remaining) {
        (Some(p), Some(r)) if p < 100 => {
            let total = (r.0 as f64 * 100.0 / f64::from(100 - p)).round() as i64;
            t.duration = make(t.duration, total);
        }
        (None, Some(r)) => {
            let actual = (d as f64 * f64::from(pct) / 100.0).round() as i64;
            let total = actual + r.0;
            t.duration = make(t.duration, total);
            if total > 0 {
                pct = ((actual as f64 * 100.0 / total as f64).round() as u8).min(100);
            }
        }
        _ => {}
    }
    // A duration changed by the remaining duration is a duration typed in: a zero-duration
    // milestone re-estimated at five days is a five-day task, and its estimate follows.
    let mut note = String::new();
    if t.duration != task.duration {
        crate::wbs::milestone_follows_duration(&mut t, task.duration);
        note = crate::wbs::estimate_follows_duration(&mut t, task.duration);
    }
    if u.actual_finish.is_some() {
        pct = 100;
    }
    t.progress.percent_complete = pct;
    if let Some(a) = u.actual_start {
        t.progress.actual_start = Some(a);
    }
    if let Some(f) = u.actual_finish {
        t.progress.actual_finish = Some(f);
    }
    if pct == 0 && u.actual_start.is_none() && u.percent == Some(0) {
        t.progress.actual_start = None;
    }
    if pct < 100 && u.actual_finish.is_none() {
        t.progress.actual_finish = None;
    }
    if pct > 0 && t.progress.actual_start.is_none() {
        t.progress.actual_start = Some(s.start);
    }
    if pct == 100 && t.progress.actual_finish.is_none() {
        // Finished by a remaining duration of 0: it ended when its (now shorter) duration
        // ran out from its actual start, not at the finish scheduled for the longer one.
        let ran_out = match (remaining, t.progress.actual_start, t.duration) {
            (Some(r), Some(a), Duration::Working(w)) if r.0 == 0 => {
                task_calendar(plan, &t).add_working_minutes(a, w.0)
            }
            (Some(r), Some(a), Duration::Elapsed(m)) if r.0 == 0 => {
                Some(a + chrono::Duration::minutes(m))
            }
            _ => None,
        };
        t.progress.actual_finish = Some(ran_out.unwrap_or(s.finish));
    }
    // No further apart than the longest duration a task may have: actual dates would get
    // round that limit (a four-day task made two centuries long).
    const MAX_SPAN_DAYS: i64 = 50 * 366;
    if let (Some(a), Some(f)) = (t.progress.actual_start, t.progress.actual_finish) {
        let days = (f - a).num_days();
        if days > MAX_SPAN_DAYS {
            return Err(ProgressError::ActualSpan {
                task: label,
                days,
                max_days: MAX_SPAN_DAYS,
            });
        }
    }
    t.validate_own()?;
    Ok((t, note))
}

/// Updates many tasks as one change; `schedule` is the plan's. Refused as a whole at the
/// first task that cannot be updated.
pub fn update_tasks(
    plan: &Plan,
    schedule: &Schedule,
    updates: &[(TaskId, ProgressUpdate)],
    label: Option<&str>,
) -> Result<Change, ProgressError> {
    let mut edits = Vec::with_capacity(updates.len());
    let mut note = String::new();
    for (id, u) in updates {
        let i = plan
            .tasks
            .iter()
            .position(|t| t.id == *id)
            .ok_or(ProgressError::UnknownTask(*id))?;
        let (t, n) = update_task_noted(plan, &plan.tasks[i], &schedule.tasks[i], u)?;
        note = n;
        edits.push(Edit::PutTask(t));
    }
    let label = match (label, updates) {
        (Some(l), _) => l.to_string(),
        (None, [(id, _)]) => {
            let t = plan.tasks.iter().find(|t| t.id == *id);
            format!(
                "Update progress of {}{note}",
                t.map_or_else(|| id.to_string(), task_label)
            )
        }
        (None, _) => format!("Update progress of {} tasks", updates.len()),
    };
    Ok(Change { edits, label })
}

/// MS Project's Update Project, "set 0 %–100 % complete" through `date` (see the module).
/// The change has no edits when no task is to be updated.
pub fn update_through(plan: &Plan, schedule: &Schedule, date: NaiveDateTime) -> Change {
    let mut edits = Vec::new();
    for (t, s) in plan.tasks.iter().zip(&schedule.tasks) {
        if s.summary || t.progress.percent_complete >= 100 {
            continue;
        }
        let mut n = t.clone();
        if s.finish <= date {
            n.progress.percent_complete = 100;
            n.progress.actual_start = Some(t.progress.actual_start.unwrap_or(s.start));
            n.progress.actual_finish = Some(s.finish);
        } else if s.start < date {
            let cal = task_calendar(plan, t);
            let total = working_minutes_between(&cal, s.start, s.finish);
            let done = working_minutes_between(&cal, s.start, date);
            let pct = if total > 0 {
                ((done * 100) / total).clamp(0, 99) as u8
            } else {
                0
            };
            if pct <= t.progress.percent_complete {
                continue;
            }
            n.progress.percent_complete = pct;
            n.progress.actual_start = Some(t.progress.actual_start.unwrap_or(s.start));
        } else {
            continue;
        }
        if n != *t {
            edits.push(Edit::PutTask(n));
        }
    }
    Change {
        label: format!(
            "Update progress as scheduled through {} ({})",
            date.format("%Y-%m-%d %H:%M"),
            crate::notation::counted(edits.len(), "task")
        ),
        edits,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::baseline::tests::{at, plan};
    use crate::edit::apply_all;
    use crate::schedule::{schedule, ScheduleOptions};

    #[test]
    fn a_fraction_of_a_percent_never_makes_a_task_done_or_not_started() {
        let cases = [
            (0.0, 0),
            (0.3, 1),
            (0.5, 1),
            (1.4, 1),
            (50.4, 50),
            (50.5, 51),
            (99.4, 99),
            (99.6, 99),
            (99.99, 99),
            (100.0, 100),
            (-3.0, 0),
            (140.0, 100),
            (f64::NAN, 0),
        ];
        for (p, whole) in cases {
            assert_eq!(whole_percent(p), whole, "{p}");
        }
    }

    /// The maps find what the search finds: an imported task by its UID before a task whose
    /// number is the same, a task by its number, the first of two with one key, with blanks
    /// around the key, and nothing for an unknown key.
    #[test]
    fn task_keys_find_what_task_by_key_finds() {
        let mut p = plan();
        assert!(p.tasks.len() >= 3);
        p.tasks[0].external_uid = Some(i64::from(p.tasks[2].number.0));
        p.tasks[1].external_uid = Some(900);
        p.tasks[2].external_uid = Some(900);
        let keys = TaskKeys::new(&p);
        let mut asked: Vec<String> = vec!["900".into(), " 900 ".into(), "".into(), "x".into()];
        for t in &p.tasks {
            asked.push(t.number.to_string());
            asked.push(t.key());
        }
        for k in &asked {
            let want = task_by_key(&p, k).map(|t| t.id);
            let got = keys.get(k);
            assert_eq!(got.map(|(_, t)| t.id), want, "key {k:?}");
            if let Some((i, t)) = got {
                assert_eq!(p.tasks[i].id, t.id, "its row");
            }
        }
        assert_eq!(
            keys.get("900").unwrap().0,
            1,
            "the first of two with one key"
        );
    }

    #[test]
    fn a_status_file_is_one_change_or_refused_at_its_first_bad_row() {
        let p = plan();
        let s = schedule(&p, &ScheduleOptions::default()).unwrap();
        let half = ProgressUpdate {
            percent: Some(50),
            ..Default::default()
        };
        let done = ProgressUpdate {
            percent: Some(100),
            ..Default::default()
        };
        let c = apply_status(&p, &s, &[(2, "1", done), (3, " 2 ", half)], "w12.csv").unwrap();
        assert_eq!(c.label, "Import status file w12.csv (2 tasks)");
        let q = apply_all(&p, &c.edits).unwrap();
        assert_eq!(q.tasks[0].progress.percent_complete, 100);
        assert_eq!(q.tasks[1].progress.percent_complete, 50);
        let e = apply_status(&p, &s, &[(2, "1", done), (3, "9", half)], "x").unwrap_err();
        assert_eq!(
            e.to_string(),
            "line 3: the plan has no task with key '9'; nothing was changed"
        );
        let e = apply_status(&p, &s, &[(2, "1", done), (4, "1", half)], "x").unwrap_err();
        assert_eq!((e.line, e.message.as_str()), (4, "task 1 appears twice"));
        let bad = ProgressUpdate {
            percent: Some(101),
            ..Default::default()
        };
        assert_eq!(
            apply_status(&p, &s, &[(5, "2", bad)], "x")
                .unwrap_err()
                .line,
            5
        );
    }

    #[test]
    fn summary_percent_is_weighted_by_duration() {
        // Summary S over A (4 days, 50 %) and sub-summary S2 over B (1 day, 100 %) and a
        // milestone M (0 %); then a top-level task C (2 days, 30 %).
        // S: (4 × 50 + 1 × 100 + 0) ÷ (4 + 1 + 0) = 300 ÷ 5 = 60 %; S2: 100 ÷ 1 = 100 %.
        let mut p = plan();
        let mk = |n: u32, level: u16, days: i64, pct: u8| {
            let mut t = Task::new(
                TaskId::from_u128(500 + n as u128),
                TaskNumber(n),
                p.projects[0].id,
                format!("T{n}"),
                Duration::Working(WorkMinutes::days(days)),
            );
            t.outline_level = level;
            t.progress.percent_complete = pct;
            t
        };
        p.tasks = vec![
            mk(1, 1, 0, 0),
            mk(2, 2, 4, 50),
            mk(3, 2, 0, 0),
            mk(4, 3, 1, 100),
            mk(5, 3, 0, 0),
            mk(6, 1, 2, 30),
        ];
        p.links.clear();
        p.assignments.clear();
        assert_eq!(percent_complete(&p), vec![60, 50, 100, 100, 0, 30]);
        // 1 day of 3 at 0 %, 2 days at 49 %: 98 ÷ 3 = 32.67, rounded down: 32.
        p.tasks[1].duration = Duration::Working(WorkMinutes::days(2));
        p.tasks[1].progress.percent_complete = 49;
        p.tasks[3].progress.percent_complete = 0;
        assert_eq!(percent_complete(&p)[0], 32);
        // Only milestones under a summary: the mean, rounded down.
        p.tasks = vec![mk(1, 1, 0, 0), mk(2, 2, 0, 100), mk(3, 2, 0, 0)];
        assert_eq!(percent_complete(&p), vec![50, 100, 0]);
    }

    fn one(p: &Plan, i: usize, u: ProgressUpdate) -> Result<Task, ProgressError> {
        let s = schedule(p, &ScheduleOptions::default()).unwrap();
        update_task(p, &p.tasks[i], &s.tasks[i], &u)
    }

    #[test]
    fn percent_sets_the_actual_start_and_100_the_finish() {
        let p = plan();
        let t = one(
            &p,
            0,
            ProgressUpdate {
                percent: Some(40),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(t.progress.percent_complete, 40);
        assert_eq!(t.progress.actual_start, Some(at(1, 8)));
        assert_eq!(t.progress.actual_finish, None);
        let t = one(
            &p,
            0,
            ProgressUpdate {
                percent: Some(100),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(t.progress.actual_finish, Some(at(5, 17)));
        let t = one(
            &p,
            0,
            ProgressUpdate {
                actual_finish: Some(at(4, 17)),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(t.progress.percent_complete, 100);
        assert_eq!(t.progress.actual_start, Some(at(1, 8)));
    }

    #[test]
    fn remaining_duration_keeps_the_actual_duration() {
        let mut p = plan();
        p.tasks[0].progress.percent_complete = 40;
        // 5 days at 40 %: 2 days done. 6 days remaining: 8 days, 25 %.
        let t = one(
            &p,
            0,
            ProgressUpdate {
                remaining: Some(Duration::Working(WorkMinutes::days(6))),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(t.duration, Duration::Working(WorkMinutes::days(8)));
        assert_eq!(t.progress.percent_complete, 25);
        // 50 % with 3 days remaining: 6 days.
        let t = one(
            &p,
            0,
            ProgressUpdate {
                percent: Some(50),
                remaining: Some(Duration::Working(WorkMinutes::days(3))),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(t.duration, Duration::Working(WorkMinutes::days(6)));
        assert_eq!(t.progress.percent_complete, 50);
    }

    #[test]
    fn a_remaining_duration_makes_a_milestone_a_task_and_scales_the_estimate() {
        let mut p = plan();
        p.tasks[0].duration = Duration::Working(WorkMinutes(0));
        p.tasks[0].kind = TaskKind::Milestone;
        let t = one(
            &p,
            0,
            ProgressUpdate {
                remaining: Some(Duration::Working(WorkMinutes::days(5))),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(t.duration, Duration::Working(WorkMinutes::days(5)));
        assert_eq!(t.kind, TaskKind::Task);
        // A gate keeps its kind.
        p.tasks[0].kind = TaskKind::Gate;
        let u = ProgressUpdate {
            remaining: Some(Duration::Working(WorkMinutes::days(5))),
            ..Default::default()
        };
        assert_eq!(one(&p, 0, u).unwrap().kind, TaskKind::Gate);
        // A 5-day task re-estimated at 10 days: its 4 / 5 / 8-day estimate becomes
        // 8 / 10 / 16, and the change's label says so.
        let mut p = plan();
        p.tasks[0].estimate = Some(ThreePoint {
            optimistic: WorkMinutes::days(4),
            most_likely: WorkMinutes::days(5),
            pessimistic: WorkMinutes::days(8),
        });
        let s = schedule(&p, &ScheduleOptions::default()).unwrap();
        let c = update_tasks(
            &p,
            &s,
            &[(
                p.tasks[0].id,
                ProgressUpdate {
                    remaining: Some(Duration::Working(WorkMinutes::days(10))),
                    ..Default::default()
                },
            )],
            None,
        )
        .unwrap();
        let Edit::PutTask(t) = &c.edits[0] else {
            panic!("{:?}", c.edits)
        };
        assert_eq!(t.estimate.unwrap().pessimistic, WorkMinutes::days(16));
        assert!(
            c.label.ends_with("(its estimate scaled to 8d / 10d / 16d)"),
            "{}",
            c.label
        );
        // No remaining duration given: the milestone stays one.
        p.tasks[0].duration = Duration::Working(WorkMinutes(0));
        p.tasks[0].kind = TaskKind::Milestone;
        let u = ProgressUpdate {
            percent: Some(100),
            ..Default::default()
        };
        assert_eq!(one(&p, 0, u).unwrap().kind, TaskKind::Milestone);
    }

    #[test]
    fn a_remaining_duration_of_0_finishes_a_started_task_when_its_work_ran_out() {
        let mut p = plan();
        // 5 days from Monday 1 March, 40 % done: 2 days. Nothing left: done on Tuesday at
        // 17:00, not on Friday when the 5 days would have ended.
        p.tasks[0].progress.percent_complete = 40;
        p.tasks[0].progress.actual_start = Some(at(1, 8));
        let t = one(
            &p,
            0,
            ProgressUpdate {
                remaining: Some(Duration::Working(WorkMinutes(0))),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(t.duration, Duration::Working(WorkMinutes::days(2)));
        assert_eq!(t.progress.percent_complete, 100);
        assert_eq!(t.progress.actual_finish, Some(at(2, 17)));
        // Not started: nothing done and nothing left is refused, naming what to give.
        let e = one(
            &plan(),
            0,
            ProgressUpdate {
                remaining: Some(Duration::Working(WorkMinutes(0))),
                ..Default::default()
            },
        );
        assert!(
            matches!(e, Err(ProgressError::NothingDoneNothingLeft { .. })),
            "{e:?}"
        );
        assert!(e.unwrap_err().to_string().contains("give 100 % complete"));
    }

    #[test]
    fn a_remaining_duration_is_in_the_unit_of_the_task_duration() {
        let mut p = plan();
        let rem = |d: Duration| ProgressUpdate {
            remaining: Some(d),
            ..Default::default()
        };
        // Working time on a task in working time; elapsed time refused, naming both.
        let e = one(&p, 0, rem(Duration::Elapsed(3 * 1440))).unwrap_err();
        assert_eq!(
            e.to_string(),
            "task 1 'T1': its duration is in working time, so its remaining duration must be \
             too: give e.g. 3d or 4h, not 3ed"
        );
        // An elapsed task: 3 elapsed days more, not 3 working days read as clock minutes.
        p.tasks[0].duration = Duration::Elapsed(5 * 1440);
        p.tasks[0].progress.percent_complete = 40;
        let t = one(&p, 0, rem(Duration::Elapsed(3 * 1440))).unwrap();
        assert_eq!(t.duration, Duration::Elapsed(5 * 1440));
        let e = one(&p, 0, rem(Duration::Working(WorkMinutes::days(3)))).unwrap_err();
        assert!(
            e.to_string().contains("give e.g. 3ed or 4eh, not 3d"),
            "{e}"
        );
        // 0 is 0 in either unit.
        let t = one(&p, 0, rem(Duration::Working(WorkMinutes(0)))).unwrap();
        assert_eq!(t.progress.percent_complete, 100);
    }

    #[test]
    fn bad_updates_name_the_task() {
        let p = plan();
        let e = one(
            &p,
            0,
            ProgressUpdate {
                percent: Some(101),
                ..Default::default()
            },
        );
        assert_eq!(
            e.unwrap_err().to_string(),
            "task 1 'T1': percent complete 101 is not within 0–100"
        );
        let e = one(
            &p,
            0,
            ProgressUpdate {
                actual_start: Some(at(5, 8)),
                actual_finish: Some(at(4, 8)),
                ..Default::default()
            },
        );
        assert!(matches!(
            e,
            Err(ProgressError::Model(
                ModelError::ActualFinishBeforeStart { .. }
            ))
        ));
        let e = one(
            &p,
            0,
            ProgressUpdate {
                percent: Some(100),
                remaining: Some(Duration::Working(WorkMinutes::days(1))),
                ..Default::default()
            },
        );
        assert!(matches!(e, Err(ProgressError::RemainingOnFinished { .. })));
        assert!(matches!(
            one(&p, 0, ProgressUpdate::default()),
            Err(ProgressError::Nothing { .. })
        ));
    }

    #[test]
    fn update_through_a_date() {
        let p = plan();
        let s = schedule(&p, &ScheduleOptions::default()).unwrap();
        // Wednesday 10 March 12:00: task 1 (1–5 March) is done, task 2 (8–12 March) is
        // 2.5 of 5 days in, task 3 (1–2 March) is done.
        let c = update_through(&p, &s, at(10, 12));
        assert_eq!(c.edits.len(), 3);
        let after = apply_all(&p, &c.edits).unwrap();
        assert_eq!(after.tasks[0].progress.percent_complete, 100);
        assert_eq!(after.tasks[0].progress.actual_finish, Some(at(5, 17)));
        assert_eq!(after.tasks[1].progress.percent_complete, 50);
        assert_eq!(after.tasks[1].progress.actual_start, Some(at(8, 8)));
        assert_eq!(after.tasks[1].progress.actual_finish, None);
        // Again: nothing more to do.
        let s = schedule(&after, &ScheduleOptions::default()).unwrap();
        assert!(update_through(&after, &s, at(10, 12)).edits.is_empty());
    }

    #[test]
    fn many_tasks_are_one_change_refused_whole() {
        let p = plan();
        let s = schedule(&p, &ScheduleOptions::default()).unwrap();
        let ok = ProgressUpdate {
            percent: Some(10),
            ..Default::default()
        };
        let bad = ProgressUpdate {
            percent: Some(200),
            ..Default::default()
        };
        let c = update_tasks(&p, &s, &[(p.tasks[0].id, ok), (p.tasks[2].id, ok)], None).unwrap();
        assert_eq!(c.label, "Update progress of 2 tasks");
        assert_eq!(c.edits.len(), 2);
        assert!(update_tasks(&p, &s, &[(p.tasks[0].id, ok), (p.tasks[2].id, bad)], None).is_err());
    }
}
