//! The baseline and scenarios side by side: finishes, milestones and gates, criticality and
//! cost, each scenario with its deltas to the baseline.

use super::{apply_scenario, Scenario, ScenarioError};
use crate::calendar::Calendar;
use crate::model::*;
use crate::schedule::{schedule, Schedule, ScheduleOptions};
use chrono::{NaiveDateTime, Timelike};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// The baseline and each scenario, scheduled with the same options.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Currency code of every cost (the plan's).
    pub currency: String,
    pub baseline: Outcome,
    /// In the order the scenarios were given.
    pub scenarios: Vec<ScenarioOutcome>,
}

/// One schedule's results: the baseline's, or a scenario's.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    /// `None` for the baseline.
    pub scenario_id: Option<ScenarioId>,
    /// "Baseline" or the scenario's name.
    pub name: String,
    /// The plan's finish (latest finish of any task).
    pub finish: NaiveDateTime,
    /// One per release of the plan, in plan order.
    pub releases: Vec<ReleaseOutcome>,
    /// Every milestone and gate of the baseline, in plan order.
    pub milestones: Vec<MilestoneOutcome>,
    /// Critical non-summary tasks, in plan order.
    pub critical_tasks: Vec<TaskId>,
    /// Σ assignment units × resource hourly rate × task working hours, plus the cost impact of
    /// occurred (fired) risks. `None` when the plan has no costs at all (no rates, no risk
    /// costs).
    pub cost: Option<Money>,
    /// The scheduler's warnings, as sentences.
    pub warnings: Vec<String>,
}

/// A release's forecast in one outcome.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReleaseOutcome {
    pub release_id: ReleaseId,
    pub code: String,
    pub finish: NaiveDateTime,
    pub target: Option<NaiveDateTime>,
    /// Finish minus target in working days of the release calendar: positive is late.
    pub days_vs_target: Option<f64>,
    /// Finish minus the baseline's finish, in working days of the release calendar (0 for the
    /// baseline): positive is later.
    pub delta_days: f64,
}

/// A milestone's or gate's date in one outcome.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MilestoneOutcome {
    pub task_id: TaskId,
    /// The task's key (number, or MSPDI UID for imported tasks).
    pub key: String,
    pub name: String,
    pub gate: bool,
    /// `None` when the scenario removed it.
    pub date: Option<NaiveDateTime>,
    /// Date minus the baseline's, in working days of the task's calendar (0 for the baseline;
    /// `None` when removed).
    pub delta_days: Option<f64>,
}

/// A task named in a comparison.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskRef {
    pub task_id: TaskId,
    pub key: String,
    pub name: String,
}

/// One scenario's outcome and how it differs from the baseline.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScenarioOutcome {
    pub outcome: Outcome,
    /// Plan finish minus the baseline's, in working days of the plan's default calendar.
    pub finish_delta_days: f64,
    /// Tasks critical here but not in the baseline.
    pub became_critical: Vec<TaskRef>,
    /// Tasks critical in the baseline but not here (removed tasks excluded).
    pub no_longer_critical: Vec<TaskRef>,
    /// Tasks the scenario removed (scope cuts).
    pub removed_tasks: Vec<TaskRef>,
    /// Cost minus the baseline's, when the plan has costs.
    pub cost_delta: Option<Money>,
}

/// Schedules the baseline and each scenario and compares them. Fails when a scenario refers
/// to something the plan lacks, or when a plan cannot be scheduled (a cycle).
pub fn compare(
    plan: &Plan,
    scenarios: &[&Scenario],
    opts: &ScheduleOptions,
) -> Result<Comparison, ScenarioError> {
    let base_sched = schedule(plan, opts).map_err(|source| ScenarioError::Schedule {
        scenario: "Baseline".into(),
        source,
    })?;
    let costed = has_costs(plan);
    let baseline = outcome(plan, &base_sched, None, "Baseline", costed, None);
    let mut out = Vec::with_capacity(scenarios.len());
    for s in scenarios {
        let p = apply_scenario(plan, s)?;
        let sched = schedule(&p, opts).map_err(|source| ScenarioError::Schedule {
            scenario: s.name.clone(),
            source,
        })?;
        let o = outcome(
            &p,
            &sched,
            Some(s.id),
            &s.name,
            costed,
            Some((plan, &baseline)),
        );
        let base_crit: HashSet<TaskId> = baseline.critical_tasks.iter().copied().collect();
        let crit: HashSet<TaskId> = o.critical_tasks.iter().copied().collect();
        let present: HashSet<TaskId> = p.tasks.iter().map(|t| t.id).collect();
        let r = |t: &Task| TaskRef {
            task_id: t.id,
            key: t.key(),
            name: t.name.clone(),
        };
        let cal = calendar_of(plan, plan.settings.default_calendar);
        out.push(ScenarioOutcome {
            finish_delta_days: days_between(&cal, baseline.finish, o.finish),
            became_critical: p
                .tasks
                .iter()
                .filter(|t| crit.contains(&t.id) && !base_crit.contains(&t.id))
                .map(r)
                .collect(),
            no_longer_critical: plan
                .tasks
                .iter()
                .filter(|t| {
                    base_crit.contains(&t.id) && present.contains(&t.id) && !crit.contains(&t.id)
                })
                .map(r)
                .collect(),
            removed_tasks: plan
                .tasks
                .iter()
                .filter(|t| !present.contains(&t.id))
                .map(r)
                .collect(),
            cost_delta: match (o.cost, baseline.cost) {
                (Some(a), Some(b)) => Some(a - b),
                _ => None,
            },
            outcome: o,
        });
    }
    Ok(Comparison {
        currency: plan.settings.currency.clone(),
        baseline,
        scenarios: out,
    })
}

/// One outcome. `base` is the baseline plan and outcome, for deltas (`None` for the baseline
/// itself). Milestones are the baseline's.
fn outcome(
    p: &Plan,
    s: &Schedule,
    id: Option<ScenarioId>,
    name: &str,
    costed: bool,
    base: Option<(&Plan, &Outcome)>,
) -> Outcome {
    let index: HashMap<TaskId, usize> =
        p.tasks.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
    let releases = p
        .releases
        .iter()
        .zip(&s.releases)
        .map(|(r, f)| {
            let cal = calendar_of(p, r.calendar_id.or(p.settings.default_calendar));
            let delta_days = base
                .and_then(|(_, b)| b.releases.iter().find(|x| x.release_id == r.id))
                .map_or(0.0, |b| days_between(&cal, b.finish, f.finish));
            ReleaseOutcome {
                release_id: r.id,
                code: r.code.clone(),
                finish: f.finish,
                target: f.target,
                days_vs_target: f.delta.map(|d| d.as_days()),
                delta_days,
            }
        })
        .collect();
    let source = base.map_or(p, |(bp, _)| bp);
    let milestones = source
        .tasks
        .iter()
        .filter(|t| t.is_milestone())
        .map(|t| {
            let date = index.get(&t.id).map(|&i| s.tasks[i].finish);
            let delta_days = match (date, base) {
                (Some(d), Some((bp, b))) => b
                    .milestones
                    .iter()
                    .find(|m| m.task_id == t.id)
                    .and_then(|m| m.date)
                    .map(|bd| days_between(&task_calendar(bp, t), bd, d)),
                (Some(_), None) => Some(0.0),
                (None, _) => None,
            };
            MilestoneOutcome {
                task_id: t.id,
                key: t.key(),
                name: t.name.clone(),
                gate: t.kind == TaskKind::Gate,
                date,
                delta_days,
            }
        })
        .collect();
    Outcome {
        scenario_id: id,
        name: name.to_string(),
        finish: s.finish,
        releases,
        milestones,
        critical_tasks: s
            .tasks
            .iter()
            .filter(|t| t.critical && !t.summary)
            .map(|t| t.task_id)
            .collect(),
        cost: costed.then(|| crate::cost::plan_cost(p)),
        warnings: s.warnings.iter().map(|w| w.to_string()).collect(),
    }
}

/// Whether the plan has any cost: a resource rate on an assignment, or a risk cost impact.
fn has_costs(p: &Plan) -> bool {
    let rated: HashSet<ResourceId> = p
        .resources
        .iter()
        .filter(|r| r.cost_rate.0 != 0)
        .map(|r| r.id)
        .collect();
    p.assignments.iter().any(|a| rated.contains(&a.resource_id))
        || p.risks.iter().any(|r| r.cost_impact.0 != 0)
}

/// The calendar with this id, else MS Project's Standard.
pub(crate) fn calendar_of(p: &Plan, id: Option<CalendarId>) -> Calendar {
    id.and_then(|id| p.calendars.iter().find(|c| c.id == id))
        .cloned()
        .unwrap_or_else(|| Calendar::standard(CalendarId::from_u128(0), "Standard"))
}

/// A task's calendar: its own, else its release's, else the plan default, else Standard.
pub(super) fn task_calendar(p: &Plan, t: &Task) -> Calendar {
    let release = p
        .projects
        .iter()
        .find(|x| x.id == t.project_id)
        .and_then(|x| p.releases.iter().find(|r| r.id == x.release_id));
    calendar_of(
        p,
        t.calendar_id
            .or(release.and_then(|r| r.calendar_id))
            .or(p.settings.default_calendar),
    )
}

/// `b − a` in working days (480 minutes) of `cal`: positive when `b` is later.
pub(crate) fn days_between(cal: &Calendar, a: NaiveDateTime, b: NaiveDateTime) -> f64 {
    let (lo, hi, sign) = if a <= b { (a, b, 1.0) } else { (b, a, -1.0) };
    let minute = |t: NaiveDateTime| i64::from(t.hour() * 60 + t.minute());
    let mut total = 0i64;
    let mut d = lo.date();
    while d <= hi.date() {
        let from = if d == lo.date() { minute(lo) } else { 0 };
        let to = if d == hi.date() { minute(hi) } else { 1440 };
        for w in cal.working_times(d) {
            let (f, t) = (i64::from(w.from).max(from), i64::from(w.to).min(to));
            if t > f {
                total += t - f;
            }
        }
        match d.succ_opt() {
            Some(n) => d = n,
            None => break,
        }
    }
    sign * total as f64 / MINUTES_PER_DAY as f64
}
