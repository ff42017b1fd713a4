//! Baselines: the plan as it was committed, kept to compare the schedule with (MS Project's
//! Baseline, Baseline1 … Baseline10).
//!
//! Rules:
//! - a plan keeps at most eleven baselines, numbered 0 to 10; number 0 is "the" baseline
//!   that variance and earned value use unless told otherwise;
//! - a baseline keeps, per task, its scheduled start and finish, its duration, its work and
//!   its cost; per assignment its start, finish, work and cost; per resource its work and
//!   cost (the sums of its assignments in the baseline);
//! - work is an assignment's recorded work, else its units × the task's duration (working
//!   minutes; clock minutes for an elapsed duration), and cost is the resource's hourly
//!   rate × that work in hours
//!   ([`crate::cost`]'s rule); a summary task's work and cost are the sums of its tasks',
//!   its duration the working time of its calendar between its start and finish;
//! - saving for the whole plan replaces the baseline; saving for one release replaces only
//!   the values of that release's tasks and their assignments (MS Project's "selected
//!   tasks"), keeps the others, and recomputes the resources' sums;
//! - saving and clearing are each one [`Change`] (one audited, undoable edit).
//!
//! Variance is MS Project's: the current value minus the baseline's. Start, finish and
//! duration variance are working minutes of the task's calendar ([`task_calendar`]):
//! positive means later (or longer) than the baseline. Cost variance is money.

use crate::calendar_view::{task_calendar, task_release, working_periods};
use crate::edit::{Change, Edit};
use crate::model::*;
use crate::schedule::Schedule;
use crate::Calendar;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// The highest baseline number (MS Project's Baseline10).
pub const MAX_BASELINE: u8 = 10;

/// One saved baseline.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Baseline {
    /// 0–10.
    pub number: u8,
    pub name: String,
    /// When it was (last) saved.
    pub saved_at: NaiveDateTime,
    /// The release it was last saved for; `None` for the whole plan.
    pub release_id: Option<ReleaseId>,
    pub tasks: Vec<TaskBaseline>,
    pub assignments: Vec<AssignmentBaseline>,
    pub resources: Vec<ResourceBaseline>,
}

/// A task's values in a baseline. A field is `None` where the baseline has no value (an
/// imported baseline may set only some).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskBaseline {
    pub task_id: TaskId,
    pub start: Option<NaiveDateTime>,
    pub finish: Option<NaiveDateTime>,
    /// Working minutes (clock minutes for an elapsed duration).
    pub duration: Option<WorkMinutes>,
    /// Unit-minutes of work of the task's assignments.
    pub work: Option<WorkMinutes>,
    /// Its whole cost: its resources' and its fixed cost (a summary's: its tasks' and its own).
    pub cost: Option<Money>,
    /// Its own fixed cost and accrual when saved (MS Project's Baseline Fixed Cost and
    /// Baseline Fixed Cost Accrual), part of `cost`; `None` in a baseline saved or imported
    /// without it, whose cost then counts as resource cost. Left out of the JSON when `None`,
    /// so baselines recorded before keep their encoding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed_cost: Option<FixedCost>,
}

/// An assignment's values in a baseline.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignmentBaseline {
    pub assignment_id: AssignmentId,
    pub start: Option<NaiveDateTime>,
    pub finish: Option<NaiveDateTime>,
    pub work: Option<WorkMinutes>,
    pub cost: Option<Money>,
}

/// A resource's values in a baseline.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceBaseline {
    pub resource_id: ResourceId,
    pub work: Option<WorkMinutes>,
    pub cost: Option<Money>,
}

impl Baseline {
    /// MS Project's name for a baseline number: "Baseline", "Baseline 1", …
    pub fn default_name(number: u8) -> String {
        if number == 0 {
            "Baseline".into()
        } else {
            format!("Baseline {number}")
        }
    }

    /// How messages name it: "baseline 1 'Sprint commit'".
    pub fn label(&self) -> String {
        format!("baseline {} '{}'", self.number, self.name)
    }

    /// The values of one task.
    pub fn task(&self, id: TaskId) -> Option<&TaskBaseline> {
        self.tasks.iter().find(|t| t.task_id == id)
    }

    /// The baseline's own rules: its number, a name, no entity twice.
    pub fn validate_own(&self) -> Result<(), ModelError> {
        if self.number > MAX_BASELINE {
            return Err(ModelError::BadBaseline {
                number: self.number,
                reason: format!("baselines are numbered 0 to {MAX_BASELINE}"),
            });
        }
        if self.name.trim().is_empty() {
            return Err(ModelError::EmptyName {
                entity: format!("baseline {}", self.number),
            });
        }
        check_date(&format!("baseline {}", self.number), self.saved_at)?;
        let mut seen = HashSet::new();
        for t in &self.tasks {
            if !seen.insert(t.task_id.0) {
                return Err(self.twice("task", t.task_id));
            }
        }
        for a in &self.assignments {
            if !seen.insert(a.assignment_id.0) {
                return Err(self.twice("assignment", a.assignment_id));
            }
        }
        for r in &self.resources {
            if !seen.insert(r.resource_id.0) {
                return Err(self.twice("resource", r.resource_id));
            }
        }
        Ok(())
    }

    fn twice(&self, kind: &str, id: impl std::fmt::Display) -> ModelError {
        ModelError::BadBaseline {
            number: self.number,
            reason: format!("it holds {kind} {id} twice"),
        }
    }
}

/// The current work (unit-minutes) and cost of every task, in `plan.tasks` order, with
/// summaries rolled up from their tasks (summary rows as `schedule` marks them).
pub fn task_work_and_cost(plan: &Plan, summary: &[bool]) -> Vec<(WorkMinutes, Money)> {
    // A summary's work is its tasks', its cost theirs and every fixed cost under it, its own
    // included, as MS Project does; computed in `rollup`, which the app keeps between edits.
    let totals = crate::rollup::RowTotals::new(plan, summary);
    (0..plan.tasks.len())
        .map(|i| totals.work_and_cost(i))
        .collect()
}

/// Which rows of `plan.tasks` are summaries: those followed by a deeper row.
pub fn summary_flags(plan: &Plan) -> Vec<bool> {
    (0..plan.tasks.len())
        .map(|i| is_summary_row(plan, i))
        .collect()
}

/// Whether row `i` of `plan.tasks` is a summary (followed by a deeper row).
pub fn is_summary_row(plan: &Plan, i: usize) -> bool {
    let t = &plan.tasks;
    t.get(i + 1)
        .is_some_and(|n| t.get(i).is_some_and(|x| n.outline_level > x.outline_level))
}

/// Working minutes of `cal` from `a` to `b`: negative when `b` is before `a`.
pub fn working_minutes_between(cal: &Calendar, a: NaiveDateTime, b: NaiveDateTime) -> i64 {
    let (from, to, sign) = if a <= b { (a, b, 1) } else { (b, a, -1) };
    let m: i64 = working_periods(cal, from, to)
        .iter()
        .map(|(x, y)| (*y - *x).num_minutes())
        .sum();
    sign * m
}

/// The values `plan` would have in a fresh baseline, for the tasks `wanted` lets through.
fn current_values(
    plan: &Plan,
    schedule: &Schedule,
    wanted: &dyn Fn(&Task) -> bool,
) -> (Vec<TaskBaseline>, Vec<AssignmentBaseline>) {
    let summary: Vec<bool> = schedule.tasks.iter().map(|s| s.summary).collect();
    let wc = task_work_and_cost(plan, &summary);
    let mut tasks = Vec::new();
    let mut taken: HashMap<TaskId, usize> = HashMap::new();
    for (i, (t, s)) in plan.tasks.iter().zip(&schedule.tasks).enumerate() {
        if !wanted(t) {
            continue;
        }
        let duration = if s.summary {
            working_minutes_between(&task_calendar(plan, t), s.start, s.finish)
        } else {
            t.duration.minutes()
        };
        taken.insert(t.id, i);
        tasks.push(TaskBaseline {
            task_id: t.id,
            start: Some(s.start),
            finish: Some(s.finish),
            duration: Some(WorkMinutes(duration)),
            work: Some(wc[i].0),
            cost: Some(wc[i].1),
            fixed_cost: Some(t.fixed_cost),
        });
    }
    let rate: HashMap<ResourceId, i64> = plan
        .resources
        .iter()
        .map(|r| (r.id, r.cost_rate.0))
        .collect();
    let assignments = plan
        .assignments
        .iter()
        .filter_map(|a| {
            let i = *taken.get(&a.task_id)?;
            let m = plan.tasks[i].duration.minutes().max(0);
            let r = rate.get(&a.resource_id).copied().unwrap_or(0) as f64;
            let s = &schedule.tasks[i];
            let w = crate::effort::work_of(a, m);
            Some(AssignmentBaseline {
                assignment_id: a.id,
                start: Some(s.start),
                finish: Some(s.finish),
                work: Some(w),
                cost: Some(Money((r * w.0 as f64 / 60.0).round() as i64)),
            })
        })
        .collect();
    (tasks, assignments)
}

/// Each resource's work and cost: the sums of its assignments in `assignments`.
fn resource_sums(plan: &Plan, assignments: &[AssignmentBaseline]) -> Vec<ResourceBaseline> {
    let owner: HashMap<AssignmentId, ResourceId> = plan
        .assignments
        .iter()
        .map(|a| (a.id, a.resource_id))
        .collect();
    let mut sums: HashMap<ResourceId, (i64, i64)> = HashMap::new();
    for a in assignments {
        if let Some(r) = owner.get(&a.assignment_id) {
            let e = sums.entry(*r).or_default();
            e.0 += a.work.map_or(0, |w| w.0);
            e.1 += a.cost.map_or(0, |c| c.0);
        }
    }
    plan.resources
        .iter()
        .filter_map(|r| {
            let (w, c) = sums.get(&r.id)?;
            Some(ResourceBaseline {
                resource_id: r.id,
                work: Some(WorkMinutes(*w)),
                cost: Some(Money(*c)),
            })
        })
        .collect()
}

/// Saves baseline `number` from the plan and its schedule (which must be `plan`'s): for the
/// whole plan, or for one release's tasks (see the module rules). `name` defaults to the
/// baseline's existing name, else MS Project's ("Baseline 1"); `saved_at` is the caller's
/// clock.
pub fn save(
    plan: &Plan,
    schedule: &Schedule,
    number: u8,
    name: Option<&str>,
    release: Option<ReleaseId>,
    saved_at: NaiveDateTime,
) -> Result<Change, ModelError> {
    let existing = plan.baselines.iter().find(|b| b.number == number);
    let name = match name.map(str::trim) {
        Some(n) if !n.is_empty() => n.to_string(),
        _ => existing.map_or_else(|| Baseline::default_name(number), |b| b.name.clone()),
    };
    let release_ref = match release {
        Some(r) => Some(plan.releases.iter().find(|x| x.id == r).ok_or_else(|| {
            ModelError::UnknownReference {
                entity: format!("baseline {number}"),
                kind: "release",
                id: r.to_string(),
            }
        })?),
        None => None,
    };
    let in_scope = |t: &Task| release.is_none() || task_release(plan, t) == release;
    let (mut tasks, mut assignments) = current_values(plan, schedule, &in_scope);
    if let (Some(old), Some(_)) = (existing, release) {
        // Keep the other releases' values (tasks that still exist and are out of scope).
        let out_of_scope: HashSet<TaskId> = plan
            .tasks
            .iter()
            .filter(|t| !in_scope(t))
            .map(|t| t.id)
            .collect();
        let kept_assignments: HashSet<AssignmentId> = plan
            .assignments
            .iter()
            .filter(|a| out_of_scope.contains(&a.task_id))
            .map(|a| a.id)
            .collect();
        let mut old_tasks: Vec<TaskBaseline> = old
            .tasks
            .iter()
            .filter(|t| out_of_scope.contains(&t.task_id))
            .copied()
            .collect();
        old_tasks.append(&mut tasks);
        tasks = order_like(plan, old_tasks);
        let mut old_assignments: Vec<AssignmentBaseline> = old
            .assignments
            .iter()
            .filter(|a| kept_assignments.contains(&a.assignment_id))
            .copied()
            .collect();
        old_assignments.append(&mut assignments);
        assignments = old_assignments;
    }
    let resources = resource_sums(plan, &assignments);
    let b = Baseline {
        number,
        name,
        saved_at,
        release_id: release,
        tasks,
        assignments,
        resources,
    };
    b.validate_own()?;
    let scope = match release_ref {
        Some(r) => format!(" for release {}", r.code),
        None => String::new(),
    };
    let label = format!("Save {}{scope}", b.label());
    Ok(Change {
        edits: vec![Edit::PutBaseline(b)],
        label,
    })
}

/// Task values in the plan's task order.
fn order_like(plan: &Plan, mut tasks: Vec<TaskBaseline>) -> Vec<TaskBaseline> {
    let pos: HashMap<TaskId, usize> = plan
        .tasks
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id, i))
        .collect();
    tasks.sort_by_key(|t| pos.get(&t.task_id).copied().unwrap_or(usize::MAX));
    tasks
}

/// Clears baseline `number`; refused when the plan has none by that number.
pub fn clear(plan: &Plan, number: u8) -> Result<Change, ModelError> {
    let b = plan
        .baselines
        .iter()
        .find(|b| b.number == number)
        .ok_or_else(|| ModelError::BadBaseline {
            number,
            reason: "it is not set".into(),
        })?;
    Ok(Change {
        edits: vec![Edit::DeleteBaseline(number)],
        label: format!("Clear {}", b.label()),
    })
}

/// One task against a baseline. Variances are `None` where the baseline has no value.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskVariance {
    pub task_id: TaskId,
    pub baseline: Option<TaskBaseline>,
    /// Start − baseline start, working minutes of the task's calendar; positive = late.
    pub start: Option<WorkMinutes>,
    /// Finish − baseline finish, working minutes of the task's calendar; positive = late.
    pub finish: Option<WorkMinutes>,
    /// Duration − baseline duration.
    pub duration: Option<WorkMinutes>,
    /// Cost − baseline cost.
    pub cost: Option<Money>,
    /// Work − baseline work.
    pub work: Option<WorkMinutes>,
}

impl TaskVariance {
    /// Whether the task finishes later than its baseline.
    pub fn slipped(&self) -> bool {
        self.finish.is_some_and(|f| f.0 > 0)
    }
}

/// Every task of `plan` (in its order) against `baseline`; `schedule` is the plan's.
pub fn variance(plan: &Plan, schedule: &Schedule, baseline: &Baseline) -> Vec<TaskVariance> {
    let summary: Vec<bool> = schedule.tasks.iter().map(|s| s.summary).collect();
    let wc = task_work_and_cost(plan, &summary);
    let by_task: HashMap<TaskId, &TaskBaseline> =
        baseline.tasks.iter().map(|t| (t.task_id, t)).collect();
    plan.tasks
        .iter()
        .zip(&schedule.tasks)
        .enumerate()
        .map(|(i, (t, s))| {
            let Some(b) = by_task.get(&t.id).copied() else {
                return TaskVariance {
                    task_id: t.id,
                    baseline: None,
                    start: None,
                    finish: None,
                    duration: None,
                    cost: None,
                    work: None,
                };
            };
            let cal = task_calendar(plan, t);
            let diff = |base: Option<NaiveDateTime>, now: NaiveDateTime| {
                base.map(|b| WorkMinutes(working_minutes_between(&cal, b, now)))
            };
            let duration_now = if s.summary {
                working_minutes_between(&cal, s.start, s.finish)
            } else {
                t.duration.minutes()
            };
            TaskVariance {
                task_id: t.id,
                baseline: Some(*b),
                start: diff(b.start, s.start),
                finish: diff(b.finish, s.finish),
                duration: b.duration.map(|d| WorkMinutes(duration_now - d.0)),
                cost: b.cost.map(|c| wc[i].1 - c),
                work: b.work.map(|w| wc[i].0 - w),
            }
        })
        .collect()
}

/// The finish of a set of tasks in a baseline against now, in working minutes of `cal`:
/// the latest current finish minus the latest baseline finish of the tasks that have one.
/// `None` when none of them has a baseline finish.
pub fn finish_variance(
    plan: &Plan,
    schedule: &Schedule,
    baseline: &Baseline,
    cal: &Calendar,
    tasks: impl Fn(&Task) -> bool,
) -> Option<WorkMinutes> {
    let by_task: HashMap<TaskId, &TaskBaseline> =
        baseline.tasks.iter().map(|t| (t.task_id, t)).collect();
    let mut base: Option<NaiveDateTime> = None;
    let mut now: Option<NaiveDateTime> = None;
    for (t, s) in plan.tasks.iter().zip(&schedule.tasks) {
        if !tasks(t) {
            continue;
        }
        now = Some(now.map_or(s.finish, |n| n.max(s.finish)));
        if let Some(f) = by_task.get(&t.id).and_then(|b| b.finish) {
            base = Some(base.map_or(f, |x| x.max(f)));
        }
    }
    Some(WorkMinutes(working_minutes_between(cal, base?, now?)))
}

/// A release's finish against baseline `number` (0 is "the" baseline), in working minutes
/// of the release's calendar (its own, else the plan default, else MS Project's Standard,
/// as the scheduler): [`finish_variance`] over the release's tasks, positive when the
/// release now finishes later than in the baseline. `None` when the plan has no baseline
/// by that number or none of the release's tasks has a finish in it. `schedule` is the
/// plan's.
pub fn release_finish_variance(
    plan: &Plan,
    schedule: &Schedule,
    release: ReleaseId,
    number: u8,
) -> Option<WorkMinutes> {
    let baseline = plan.baselines.iter().find(|b| b.number == number)?;
    let r = plan.releases.iter().find(|r| r.id == release)?;
    let standard;
    let cal = match [r.calendar_id, plan.settings.default_calendar]
        .into_iter()
        .flatten()
        .find_map(|id| plan.calendars.iter().find(|c| c.id == id))
    {
        Some(c) => c,
        None => {
            standard = Calendar::standard(CalendarId::from_u128(0), "Standard");
            &standard
        }
    };
    let project_release: HashMap<ProjectId, ReleaseId> =
        plan.projects.iter().map(|p| (p.id, p.release_id)).collect();
    finish_variance(plan, schedule, baseline, cal, |t| {
        project_release.get(&t.project_id) == Some(&release)
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::edit::apply_all;
    use crate::schedule::{schedule, ScheduleOptions};
    use chrono::NaiveDate;

    /// `task_work_and_cost` as it was written with maps by id and passes over the outline, the
    /// reference for `rollup`'s.
    fn work_and_cost_by_id(plan: &Plan, summary: &[bool]) -> Vec<(WorkMinutes, Money)> {
        let minutes: HashMap<TaskId, i64> = plan
            .tasks
            .iter()
            .map(|t| (t.id, t.duration.minutes().max(0)))
            .collect();
        let rate: HashMap<ResourceId, i64> = plan
            .resources
            .iter()
            .map(|r| (r.id, r.cost_rate.0))
            .collect();
        let mut acc: HashMap<TaskId, (f64, f64)> = HashMap::new();
        for a in &plan.assignments {
            let m = minutes.get(&a.task_id).copied().unwrap_or(0) as f64;
            let r = rate.get(&a.resource_id).copied().unwrap_or(0) as f64;
            let w = crate::effort::work_of(a, m as i64).0 as f64;
            let e = acc.entry(a.task_id).or_default();
            e.0 += w;
            e.1 += r * w / 60.0;
        }
        let mut out: Vec<(WorkMinutes, Money)> = plan
            .tasks
            .iter()
            .enumerate()
            .map(|(i, t)| {
                if summary.get(i).copied().unwrap_or(false) {
                    return (WorkMinutes::ZERO, Money(0));
                }
                let (w, c) = acc.get(&t.id).copied().unwrap_or_default();
                (WorkMinutes(w.round() as i64), Money(c.round() as i64))
            })
            .collect();
        roll_up(plan, summary, &mut out, |a, b| (a.0 + b.0, a.1 + b.1));
        add_fixed_costs(plan, &mut out);
        out
    }

    /// Adds each leaf's value into every summary above it (children follow their parent).
    fn roll_up<T: Copy>(plan: &Plan, summary: &[bool], vals: &mut [T], add: impl Fn(T, T) -> T) {
        let mut stack: Vec<(u16, usize)> = Vec::new();
        for (i, t) in plan.tasks.iter().enumerate() {
            while stack.last().is_some_and(|(l, _)| *l >= t.outline_level) {
                stack.pop();
            }
            if !summary.get(i).copied().unwrap_or(false) {
                for &(_, s) in &stack {
                    vals[s] = add(vals[s], vals[i]);
                }
            } else {
                stack.push((t.outline_level, i));
            }
        }
    }

    /// Adds each task's fixed cost to its own cost and to every summary above it.
    fn add_fixed_costs(plan: &Plan, out: &mut [(WorkMinutes, Money)]) {
        let mut stack: Vec<(u16, usize)> = Vec::new();
        for (i, t) in plan.tasks.iter().enumerate() {
            while stack.last().is_some_and(|(l, _)| *l >= t.outline_level) {
                stack.pop();
            }
            let f = t.fixed_cost.amount;
            out[i].1 = out[i].1 + f;
            for &(_, s) in &stack {
                out[s].1 = out[s].1 + f;
            }
            stack.push((t.outline_level, i));
        }
    }

    #[test]
    fn work_and_cost_by_index_equal_the_sums_by_id() {
        let mut fixed = crate::demo::demo_plan_sized(500, 2);
        for (i, t) in fixed.tasks.iter_mut().enumerate() {
            t.fixed_cost.amount = Money((i as i64 % 5) * 250);
        }
        for plan in [
            crate::demo::demo_plan(),
            crate::demo::demo_plan_sized(3_000, 4),
            fixed,
        ] {
            assert!(!plan.assignments.is_empty());
            let summary = summary_flags(&plan);
            let ours = task_work_and_cost(&plan, &summary);
            assert!(ours.iter().any(|(w, c)| w.0 > 0 && c.0 > 0));
            assert_eq!(ours, work_and_cost_by_id(&plan, &summary));
        }
    }

    pub(crate) fn at(d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2027, 3, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    /// Release R1 starting Monday 1 March 2027 with a chain of two 5-day tasks, the first
    /// with Ann (100/h, full time), the second with Bob (50/h, half time); release R2 with
    /// one 2-day task.
    pub(crate) fn plan() -> Plan {
        let mut p = Plan::default();
        for (n, code) in [(1u128, "R1"), (2, "R2")] {
            p.releases.push(Release {
                id: ReleaseId::from_u128(n),
                code: code.into(),
                name: code.into(),
                kind: ReleaseKind::Project,
                owner: String::new(),
                description: String::new(),
                start: at(1, 8),
                target: None,
                status: ReleaseStatus::Planning,
                calendar_id: None,
                budget: None,
            });
            p.projects.push(Project {
                id: ProjectId::from_u128(10 + n),
                release_id: ReleaseId::from_u128(n),
                name: format!("P{n}"),
                department: String::new(),
                owner: String::new(),
            });
        }
        let task = |n: u32, project: u128, days: i64| {
            Task::new(
                TaskId::from_u128(100 + n as u128),
                TaskNumber(n),
                ProjectId::from_u128(project),
                format!("T{n}"),
                Duration::Working(WorkMinutes::days(days)),
            )
        };
        p.tasks = vec![task(1, 11, 5), task(2, 11, 5), task(3, 12, 2)];
        p.links.push(Link {
            id: LinkId::from_u128(200),
            predecessor: p.tasks[0].id,
            successor: p.tasks[1].id,
            kind: LinkType::FS,
            lag: Lag::ZERO,
        });
        for (n, name, rate) in [(1u128, "Ann", 100), (2, "Bob", 50)] {
            p.resources.push(Resource {
                id: ResourceId::from_u128(300 + n),
                name: name.into(),
                kind: ResourceKind::Person,
                cost_rate: Money::from_units(rate),
                max_units: 1.0,
                calendar_id: None,
            });
        }
        for (n, task, res, units) in [(1u128, 0, 0, 1.0), (2, 1, 1, 0.5)] {
            p.assignments.push(Assignment {
                id: AssignmentId::from_u128(400 + n),
                task_id: p.tasks[task].id,
                resource_id: p.resources[res].id,
                units,
                work: None,
                contour: Default::default(),
            });
        }
        p
    }

    pub(crate) fn saved(p: &Plan, number: u8, release: Option<ReleaseId>) -> Plan {
        let s = schedule(p, &ScheduleOptions::default()).unwrap();
        let c = save(p, &s, number, None, release, at(1, 7)).unwrap();
        apply_all(p, &c.edits).unwrap()
    }

    #[test]
    fn a_baseline_keeps_dates_duration_work_and_cost() {
        let p = saved(&plan(), 0, None);
        let b = &p.baselines[0];
        assert_eq!(b.name, "Baseline");
        let t1 = b.task(p.tasks[0].id).unwrap();
        assert_eq!(t1.start, Some(at(1, 8)));
        assert_eq!(t1.finish, Some(at(5, 17)));
        assert_eq!(t1.duration, Some(WorkMinutes::days(5)));
        // Ann: 1.0 × 40 h = 2,400 min of work, × 100/h = 4,000.
        assert_eq!(t1.work, Some(WorkMinutes(2400)));
        assert_eq!(t1.cost, Some(Money::from_units(4000)));
        let t2 = b.task(p.tasks[1].id).unwrap();
        assert_eq!(t2.start, Some(at(8, 8)));
        // Bob: 0.5 × 40 h = 20 h, × 50/h = 1,000.
        assert_eq!(t2.work, Some(WorkMinutes(1200)));
        assert_eq!(t2.cost, Some(Money::from_units(1000)));
        let bob = b
            .resources
            .iter()
            .find(|r| r.resource_id == p.resources[1].id)
            .unwrap();
        assert_eq!(bob.cost, Some(Money::from_units(1000)));
        assert_eq!(b.assignments.len(), 2);
    }

    #[test]
    fn variance_is_working_time_on_the_task_calendar_positive_when_late() {
        let mut p = saved(&plan(), 0, None);
        // Task 1 takes 7 days instead of 5 (Mon 1 → Tue 9): task 2 starts Wed 10 instead
        // of Mon 8, two working days later.
        p.tasks[0].duration = Duration::Working(WorkMinutes::days(7));
        let s = schedule(&p, &ScheduleOptions::default()).unwrap();
        let v = variance(&p, &s, &p.baselines[0]);
        assert_eq!(v[0].start, Some(WorkMinutes(0)));
        assert_eq!(v[0].finish, Some(WorkMinutes::days(2)));
        assert_eq!(v[0].duration, Some(WorkMinutes::days(2)));
        // 2 more days of Ann: 16 h × 100 = 1,600.
        assert_eq!(v[0].cost, Some(Money::from_units(1600)));
        assert_eq!(v[1].start, Some(WorkMinutes::days(2)));
        assert_eq!(v[1].finish, Some(WorkMinutes::days(2)));
        assert_eq!(v[1].duration, Some(WorkMinutes(0)));
        assert!(v[1].slipped());
        assert!(!v[2].slipped());
        // Earlier is negative.
        p.tasks[0].duration = Duration::Working(WorkMinutes::days(4));
        let s = schedule(&p, &ScheduleOptions::default()).unwrap();
        let v = variance(&p, &s, &p.baselines[0]);
        assert_eq!(v[1].finish, Some(WorkMinutes::days(-1)));
    }

    #[test]
    fn saving_for_one_release_keeps_the_others_values() {
        let mut p = saved(&plan(), 1, None);
        assert_eq!(p.baselines[0].name, "Baseline 1");
        let before = p.baselines[0].clone();
        p.tasks[0].duration = Duration::Working(WorkMinutes::days(6));
        p.tasks[2].duration = Duration::Working(WorkMinutes::days(9));
        let p = saved(&p, 1, Some(ReleaseId::from_u128(2)));
        let b = &p.baselines[0];
        assert_eq!(b.release_id, Some(ReleaseId::from_u128(2)));
        // R1's task keeps its old values; R2's is saved afresh.
        assert_eq!(b.task(p.tasks[0].id), before.task(p.tasks[0].id));
        assert_eq!(
            b.task(p.tasks[2].id).unwrap().duration,
            Some(WorkMinutes::days(9))
        );
        assert_eq!(b.tasks.len(), 3);
        assert_eq!(b.assignments, before.assignments);
    }

    #[test]
    fn clearing_and_bad_numbers() {
        let p = saved(&plan(), 3, None);
        let c = clear(&p, 3).unwrap();
        assert_eq!(c.label, "Clear baseline 3 'Baseline 3'");
        let p2 = apply_all(&p, &c.edits).unwrap();
        assert!(p2.baselines.is_empty());
        assert!(clear(&p2, 3).is_err());
        let s = schedule(&p, &ScheduleOptions::default()).unwrap();
        let e = save(&p, &s, 11, None, None, at(1, 7)).unwrap_err();
        assert_eq!(e.to_string(), "baseline 11: baselines are numbered 0 to 10");
    }

    #[test]
    fn summaries_roll_up_work_and_cost() {
        let mut p = plan();
        // Make task 1 a summary of task 2.
        p.tasks[1].outline_level = 2;
        p.links.clear();
        p.assignments.retain(|a| a.task_id != p.tasks[0].id);
        let s = schedule(&p, &ScheduleOptions::default()).unwrap();
        assert!(s.tasks[0].summary);
        let wc = task_work_and_cost(&p, &s.tasks.iter().map(|t| t.summary).collect::<Vec<_>>());
        assert_eq!(wc[0], (WorkMinutes(1200), Money::from_units(1000)));
        assert_eq!(wc[0], wc[1]);
    }

    #[test]
    fn a_release_finish_is_judged_against_baseline_0_only() {
        let p = plan();
        let s = schedule(&p, &ScheduleOptions::default()).unwrap();
        let (r1, r2) = (ReleaseId::from_u128(1), ReleaseId::from_u128(2));
        assert_eq!(release_finish_variance(&p, &s, r1, 0), None, "no baseline");
        // Baseline 1 alone is not "the" baseline.
        let p1 = saved(&p, 1, None);
        assert_eq!(release_finish_variance(&p1, &s, r1, 0), None);
        let mut p = saved(&p1, 0, None);
        assert_eq!(release_finish_variance(&p, &s, r1, 0), Some(WorkMinutes(0)));
        // Task 1 takes 7 days instead of 5: R1 finishes Tue 16 instead of Fri 12, two
        // working days late; R2 is untouched. With 4 days, R1 is a day early.
        p.tasks[0].duration = Duration::Working(WorkMinutes::days(7));
        let s = schedule(&p, &ScheduleOptions::default()).unwrap();
        assert_eq!(
            release_finish_variance(&p, &s, r1, 0),
            Some(WorkMinutes::days(2))
        );
        assert_eq!(release_finish_variance(&p, &s, r2, 0), Some(WorkMinutes(0)));
        p.tasks[0].duration = Duration::Working(WorkMinutes::days(4));
        let s = schedule(&p, &ScheduleOptions::default()).unwrap();
        assert_eq!(
            release_finish_variance(&p, &s, r1, 0),
            Some(WorkMinutes::days(-1))
        );
        // Counted on the release's calendar: with Friday 12 off, the baseline finish (Fri 12
        // 17:00) is as late as Thursday's end, and finishing Thu 11 is on time.
        let mut cal = Calendar::standard(CalendarId::from_u128(9), "Fri 12 off");
        cal.exceptions.push(crate::CalendarException {
            name: "Day off".into(),
            start: NaiveDate::from_ymd_opt(2027, 3, 12).unwrap(),
            finish: NaiveDate::from_ymd_opt(2027, 3, 12).unwrap(),
            working: vec![],
        });
        p.calendars.push(cal);
        p.releases[0].calendar_id = Some(CalendarId::from_u128(9));
        let s = schedule(&p, &ScheduleOptions::default()).unwrap();
        assert_eq!(release_finish_variance(&p, &s, r1, 0), Some(WorkMinutes(0)));
        // A release none of whose tasks is in the baseline has no variance.
        p.releases.push(Release {
            id: ReleaseId::from_u128(3),
            code: "R3".into(),
            ..p.releases[1].clone()
        });
        assert_eq!(
            release_finish_variance(&p, &s, ReleaseId::from_u128(3), 0),
            None
        );
    }

    #[test]
    fn working_minutes_between_counts_only_working_time() {
        let cal = Calendar::standard(CalendarId::from_u128(1), "Std");
        // Fri 5 17:00 → Mon 8 17:00 is one working day.
        assert_eq!(working_minutes_between(&cal, at(5, 17), at(8, 17)), 480);
        assert_eq!(working_minutes_between(&cal, at(8, 17), at(5, 17)), -480);
        assert_eq!(working_minutes_between(&cal, at(1, 8), at(1, 12)), 240);
    }
}
