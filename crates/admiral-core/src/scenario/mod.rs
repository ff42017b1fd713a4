//! What-if scenarios: named sets of overrides applied to a copy of the plan.
//!
//! A [`Scenario`] is stored in the plan ([`Plan::scenarios`]) and never changes the baseline:
//! [`apply_scenario`] returns a new plan with the overrides applied, which the scheduler, Monte
//! Carlo and the report treat like any other plan. [`compare`] schedules the baseline and any
//! number of scenarios side by side.
//!
//! ## What each override does
//! - [`Override::SetDuration`] / [`Override::SetEstimate`]: replace a task's planned duration or
//!   three-point estimate. On a summary task they have no effect (its dates roll up). A new
//!   duration takes along an estimate whose most likely was the old duration, scaled (as an
//!   edit of the duration does, `wbs::set_duration`), so that Monte Carlo draws around it.
//! - [`Override::Delay`]: the task starts no earlier than the date (an SNET constraint). It
//!   replaces any other constraint of the task, except an earlier-or-equal-dated SNET which it
//!   moves later; an SNET already later than the date is kept. On a summary task every task
//!   under it gets the constraint.
//! - [`Override::RemoveTask`]: a scope cut. The task is removed with everything under it in
//!   the WBS, and with its links, assignments and gates, and it leaves the risks that name it.
//!   With `bridge: false` the links are dropped; with `bridge: true` every predecessor that led
//!   into the removed work is linked to every successor that followed from it (through links
//!   among the removed tasks, or through a removed summary), by these rules:
//!   - the new link's type takes its predecessor end from the incoming link and its successor
//!     end from the outgoing link (`P FS x` + `x FS S` → `P FS S`; `P SS x` + `x FF S` →
//!     `P SF S`; …): the removed work takes no time, so what tied P to x now ties P to S;
//!   - lags are summed when both are working lags or both elapsed lags (`FS+2d` + `FS+1d` →
//!     `FS+3d`); a percent lag on the outgoing link is a share of the removed task's duration,
//!     which is gone, so it counts as zero; when only one lag is non-zero it is kept as it is
//!     (a percent lag on the incoming link is a share of P's duration, which stays); otherwise
//!     (working with elapsed, percent with anything) the outgoing link's lag is kept; lags of
//!     links among the removed tasks are dropped;
//!   - when P and S are already linked, the existing link is kept unchanged.
//! - [`Override::AddLink`]: adds a link, or replaces the type and lag of the link that already
//!   joins the same two tasks. [`Override::RemoveLink`] removes one.
//! - [`Override::CalendarException`]: adds a dated exception (a holiday: no working times) to
//!   one calendar, or to every calendar of the plan when `calendar` is `None`. It wins over
//!   the calendar's own exceptions on those days.
//! - [`Override::Blackout`]: adds a release blackout (freeze) window; deployments avoid it.
//! - [`Override::ResourceUnits`]: changes a resource's maximum units. Admiral does not level
//!   resources, so **no date changes**: assignments of the resource above the new maximum are
//!   capped to it (removed when it is 0), which changes the cost and the assignment units only.
//! - [`Override::FireRisk`]: "risk R fires": R's schedule impact is added to the duration of
//!   each task it names (and to the three points of their estimates), and R is marked
//!   occurred so that its cost impact counts in the cost and Monte Carlo does not fire it a
//!   second time. For elapsed-duration tasks a working day of impact is a clock day; summary
//!   tasks named by a risk get no impact (their duration is rolled up).
//!
//! Overrides apply in order. [`Scenario::validate_in`] checks every reference against the plan
//! (unknown task, link, risk, calendar, resource or release → a [`ModelError`] naming the
//! scenario and the override).

mod compare;
pub mod defaults;
mod overlay;
#[cfg(test)]
pub(crate) mod tests;

pub use compare::{
    compare, Comparison, MilestoneOutcome, Outcome, ReleaseOutcome, ScenarioOutcome, TaskRef,
};
pub use overlay::{overlay, Overlay, OverlayRow, Span};

use crate::calendar::CalendarException;
use crate::model::*;
use crate::schedule::ScheduleError;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use thiserror::Error;

/// A named what-if: a list of overrides applied to a copy of the plan.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    pub id: ScenarioId,
    pub name: String,
    pub description: String,
    /// The risk this scenario was created from ("Risk R fires"), if any.
    pub from_risk: Option<RiskId>,
    pub overrides: Vec<Override>,
}

/// One change a scenario makes. See the module docs for the exact rules of each.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Override {
    /// The task's planned duration becomes `duration`.
    SetDuration {
        task: TaskId,
        duration: Duration,
    },
    /// The task's three-point estimate becomes `estimate` (`None` removes it).
    SetEstimate {
        task: TaskId,
        estimate: Option<ThreePoint>,
    },
    /// The task starts no earlier than `until` (SNET).
    Delay {
        task: TaskId,
        until: NaiveDateTime,
    },
    /// Scope cut: the task (and everything under it) is removed.
    RemoveTask {
        task: TaskId,
        bridge: bool,
    },
    /// Adds the link, or changes type and lag of the existing link between the same tasks.
    AddLink {
        link: Link,
    },
    RemoveLink {
        link: LinkId,
    },
    /// Adds a dated exception to `calendar`, or to every calendar when `None`.
    CalendarException {
        calendar: Option<CalendarId>,
        exception: CalendarException,
    },
    /// Adds a blackout window to a release.
    Blackout {
        blackout: Blackout,
    },
    /// Sets a resource's maximum units (cost and assignment units only; no levelling).
    ResourceUnits {
        resource: ResourceId,
        max_units: f64,
    },
    /// The risk fires: its schedule impact is added to its tasks, its cost impact counts.
    FireRisk {
        risk: RiskId,
    },
}

impl Override {
    /// A short name of the kind of override, for messages: "remove task", "delay", …
    pub fn kind_name(&self) -> &'static str {
        match self {
            Override::SetDuration { .. } => "set duration",
            Override::SetEstimate { .. } => "set estimate",
            Override::Delay { .. } => "delay",
            Override::RemoveTask { .. } => "remove task",
            Override::AddLink { .. } => "add link",
            Override::RemoveLink { .. } => "remove link",
            Override::CalendarException { .. } => "calendar exception",
            Override::Blackout { .. } => "blackout",
            Override::ResourceUnits { .. } => "resource units",
            Override::FireRisk { .. } => "risk fires",
        }
    }

    /// One line for people: "delay task 14 'Load test' to 2027-03-15 08:00".
    pub fn describe(&self, plan: &Plan) -> String {
        let task = |id: &TaskId| {
            plan.tasks
                .iter()
                .find(|t| t.id == *id)
                .map_or_else(|| format!("task {id}"), task_label)
        };
        let fmt = |d: NaiveDateTime| d.format("%Y-%m-%d %H:%M").to_string();
        match self {
            Override::SetDuration { task: t, duration } => format!(
                "duration of {} → {}",
                task(t),
                crate::notation::format_duration(*duration)
            ),
            Override::SetEstimate { task: t, estimate } => match estimate {
                Some(e) => format!(
                    "estimate of {} → {}/{}/{}",
                    task(t),
                    e.optimistic,
                    e.most_likely,
                    e.pessimistic
                ),
                None => format!("estimate of {} removed", task(t)),
            },
            Override::Delay { task: t, until } => {
                format!("{} starts no earlier than {}", task(t), fmt(*until))
            }
            Override::RemoveTask { task: t, bridge } => format!(
                "remove {}{}",
                task(t),
                if *bridge {
                    ", bridging its links"
                } else {
                    ", dropping its links"
                }
            ),
            Override::AddLink { link } => format!(
                "link {} → {} ({:?}{})",
                task(&link.predecessor),
                task(&link.successor),
                link.kind,
                lag_suffix(link.lag)
            ),
            Override::RemoveLink { link } => match plan.links.iter().find(|l| l.id == *link) {
                Some(l) => format!(
                    "remove link {} → {}",
                    task(&l.predecessor),
                    task(&l.successor)
                ),
                None => format!("remove link {link}"),
            },
            Override::CalendarException {
                calendar,
                exception,
            } => {
                let cal = calendar
                    .and_then(|c| plan.calendars.iter().find(|x| x.id == c))
                    .map_or_else(
                        || "every calendar".to_string(),
                        |c| format!("calendar '{}'", c.name),
                    );
                let days = if exception.start == exception.finish {
                    exception.start.to_string()
                } else {
                    format!("{} to {}", exception.start, exception.finish)
                };
                let what = if exception.working.is_empty() {
                    "non-working"
                } else {
                    "special hours"
                };
                format!("{days} {what} on {cal} ('{}')", exception.name)
            }
            Override::Blackout { blackout } => format!(
                "blackout '{}' {} to {}",
                blackout.name, blackout.start, blackout.finish
            ),
            Override::ResourceUnits {
                resource,
                max_units,
            } => {
                let name = plan
                    .resources
                    .iter()
                    .find(|r| r.id == *resource)
                    .map_or_else(|| resource.to_string(), |r| r.name.clone());
                format!("resource '{name}' max units → {max_units}")
            }
            Override::FireRisk { risk } => {
                let title = plan
                    .risks
                    .iter()
                    .find(|r| r.id == *risk)
                    .map_or_else(|| risk.to_string(), |r| r.title.clone());
                format!("risk '{title}' fires")
            }
        }
    }
}

fn lag_suffix(lag: Lag) -> String {
    let s = crate::notation::format_lag(lag);
    match s.as_str() {
        "0d" | "0ed" => String::new(),
        _ if s.starts_with('-') => s,
        _ => format!("+{s}"),
    }
}

/// Why a scenario cannot be applied or compared.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum ScenarioError {
    /// An override refers to something the plan does not have, or breaks a model rule.
    #[error(transparent)]
    Model(#[from] ModelError),
    /// The scenario's plan cannot be scheduled (an added link closes a cycle).
    #[error("scenario '{scenario}': {source}")]
    Schedule {
        scenario: String,
        source: ScheduleError,
    },
    /// Another scenario of the plan already has this name (names are compared ignoring case).
    #[error("the plan already has a scenario '{name}'")]
    NameTaken { name: String },
}

impl Scenario {
    /// An empty scenario with a fresh id.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            id: ScenarioId::new(),
            name: name.into(),
            description: String::new(),
            from_risk: None,
            overrides: Vec::new(),
        }
    }

    /// "Risk R fires": one [`Override::FireRisk`], named after the risk.
    pub fn from_risk(risk: &Risk) -> Self {
        Self {
            id: ScenarioId::new(),
            name: format!("Risk fires: {}", risk.title),
            description: format!(
                "What if '{}' happens: +{} on {}{}.",
                risk.title,
                risk.schedule_impact,
                match risk.task_ids.len() {
                    1 => "its task".to_string(),
                    n => format!("each of its {n} tasks"),
                },
                if risk.cost_impact.0 != 0 {
                    format!(", cost impact {}", risk.cost_impact.grouped())
                } else {
                    String::new()
                }
            ),
            from_risk: Some(risk.id),
            overrides: vec![Override::FireRisk { risk: risk.id }],
        }
    }

    /// The contingency scenario of risk `risk`: [`Scenario::from_risk`], renamed "… (2)",
    /// "… (3)" when the plan already has a scenario of that name. Fails when the plan has no
    /// such risk.
    pub fn contingency(plan: &Plan, risk: RiskId) -> Result<Self, ScenarioError> {
        let r = plan
            .risks
            .iter()
            .find(|r| r.id == risk)
            .ok_or_else(|| unknown("contingency scenario".into(), "risk", risk))?;
        let mut s = Self::from_risk(r);
        s.name = unique_name(plan, &s.name);
        Ok(s)
    }

    /// Checks that no other scenario of `plan` (another id) has this scenario's name,
    /// ignoring case and surrounding spaces, and that the name is not empty.
    pub fn check_name(&self, plan: &Plan) -> Result<(), ScenarioError> {
        self.validate_own()?;
        let name = self.name.trim();
        if plan
            .scenarios
            .iter()
            .any(|x| x.id != self.id && x.name.trim().eq_ignore_ascii_case(name))
        {
            return Err(ScenarioError::NameTaken {
                name: name.to_string(),
            });
        }
        Ok(())
    }

    /// How errors name the scenario: "scenario 'Payments API slips'".
    pub fn label(&self) -> String {
        format!("scenario '{}'", self.name)
    }

    /// The scenario's own rules: a name.
    pub fn validate_own(&self) -> Result<(), ModelError> {
        if self.name.trim().is_empty() {
            return Err(ModelError::EmptyName {
                entity: format!("scenario {}", self.id),
            });
        }
        Ok(())
    }

    /// The scenario applied to `plan` and scheduled, as `compare` and the report will: refused
    /// when the plan schedules but the scenario does not (a delay to 9999-12-31 that takes
    /// its tasks past the years a plan holds, an added link that closes a cycle). Checked
    /// when a scenario is saved: the report compares every saved scenario by default, so one
    /// that cannot be scheduled would stop every report until it was found and mended.
    pub fn check_schedulable(&self, plan: &Plan) -> Result<(), ScenarioError> {
        let p = apply_scenario(plan, self)?;
        let opts = crate::schedule::ScheduleOptions::default();
        match crate::schedule::schedule(&p, &opts) {
            Err(source) if crate::schedule::schedule(plan, &opts).is_ok() => {
                Err(ScenarioError::Schedule {
                    scenario: self.name.clone(),
                    source,
                })
            }
            _ => Ok(()),
        }
    }

    /// Checks every override against `plan`: each reference must exist, durations must not be
    /// negative, estimates must be well formed. Errors name the scenario and the override
    /// ("scenario 'X', override 2 (remove task) refers to unknown task …").
    pub fn validate_in(&self, plan: &Plan) -> Result<(), ModelError> {
        self.validate_own()?;
        let tasks: HashMap<TaskId, usize> = plan
            .tasks
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id, i))
            .collect();
        if let Some(r) = self.from_risk {
            if !plan.risks.iter().any(|x| x.id == r) {
                return Err(unknown(self.label(), "risk", r));
            }
        }
        for (n, o) in self.overrides.iter().enumerate() {
            let entity = format!("{}, override {} ({})", self.label(), n + 1, o.kind_name());
            let task = |id: &TaskId| -> Result<usize, ModelError> {
                tasks
                    .get(id)
                    .copied()
                    .ok_or_else(|| unknown(entity.clone(), "task", id))
            };
            match o {
                // The task as the override leaves it keeps every rule a task has (not
                // negative, at most 50 years, dates within the years a plan holds), so that
                // what a scenario is given, the plan would be given too.
                Override::SetDuration { task: t, duration } => {
                    let i = task(t)?;
                    let mut changed = plan.tasks[i].clone();
                    changed.duration = *duration;
                    changed.check_own(&format!("{entity}: {}", task_label(&plan.tasks[i])))?;
                }
                Override::SetEstimate { task: t, estimate } => {
                    let i = task(t)?;
                    let mut changed = plan.tasks[i].clone();
                    changed.estimate = *estimate;
                    changed.check_own(&format!("{entity}: {}", task_label(&plan.tasks[i])))?;
                }
                Override::Delay { task: t, until } => {
                    let i = task(t)?;
                    check_date(&format!("{entity}: {}", task_label(&plan.tasks[i])), *until)?;
                }
                Override::RemoveTask { task: t, .. } => {
                    task(t)?;
                }
                Override::AddLink { link } => {
                    let p = task(&link.predecessor)?;
                    task(&link.successor)?;
                    link.validate_own(&format!("{entity}: {}", task_label(&plan.tasks[p])))?;
                }
                Override::RemoveLink { link } => {
                    if !plan.links.iter().any(|l| l.id == *link) {
                        return Err(unknown(entity, "link", link));
                    }
                }
                Override::CalendarException {
                    calendar,
                    exception,
                } => {
                    if let Some(c) = calendar {
                        if !plan.calendars.iter().any(|x| x.id == *c) {
                            return Err(unknown(entity, "calendar", c));
                        }
                    }
                    if exception.finish < exception.start {
                        return Err(ModelError::BadDateRange {
                            entity: format!("{entity}: exception '{}'", exception.name),
                        });
                    }
                }
                Override::Blackout { blackout } => {
                    if !plan.releases.iter().any(|r| r.id == blackout.release_id) {
                        return Err(unknown(entity, "release", blackout.release_id));
                    }
                    if blackout.finish < blackout.start {
                        return Err(ModelError::BadDateRange {
                            entity: format!("{entity}: blackout window '{}'", blackout.name),
                        });
                    }
                }
                Override::ResourceUnits {
                    resource,
                    max_units,
                } => {
                    let Some(r) = plan.resources.iter().find(|r| r.id == *resource) else {
                        return Err(unknown(entity, "resource", resource));
                    };
                    if *max_units < 0.0 || max_units.is_nan() {
                        return Err(ModelError::NegativeResourceValue {
                            resource: format!("{} ({entity})", r.name),
                            field: "max units",
                            value: *max_units,
                        });
                    }
                }
                Override::FireRisk { risk } => {
                    if !plan.risks.iter().any(|r| r.id == *risk) {
                        return Err(unknown(entity, "risk", risk));
                    }
                }
            }
        }
        Ok(())
    }
}

/// Something deleted from the plan, which scenarios must forget (see [`Scenario::forget`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gone {
    Task(TaskId),
    Link(LinkId),
    Risk(RiskId),
    Resource(ResourceId),
    Calendar(CalendarId),
    Release(ReleaseId),
}

impl Scenario {
    /// Drops the overrides that refer to a deleted entity (and `from_risk` when it is the
    /// deleted risk); true when anything changed. Deleting a task forgets the overrides on
    /// that task and the links added to or from it; its deleted links are forgotten one by
    /// one with [`Gone::Link`]. The store applies the same rule when it deletes.
    pub fn forget(&mut self, gone: Gone) -> bool {
        let before = self.overrides.len();
        self.overrides.retain(|o| !refers_to(o, gone));
        let mut changed = before != self.overrides.len();
        if let Gone::Risk(r) = gone {
            if self.from_risk == Some(r) {
                self.from_risk = None;
                changed = true;
            }
        }
        changed
    }
}

fn refers_to(o: &Override, gone: Gone) -> bool {
    match (o, gone) {
        (
            Override::SetDuration { task, .. }
            | Override::SetEstimate { task, .. }
            | Override::Delay { task, .. }
            | Override::RemoveTask { task, .. },
            Gone::Task(t),
        ) => *task == t,
        (Override::AddLink { link }, Gone::Task(t)) => link.predecessor == t || link.successor == t,
        (Override::RemoveLink { link }, Gone::Link(l)) => *link == l,
        (Override::FireRisk { risk }, Gone::Risk(r)) => *risk == r,
        (Override::ResourceUnits { resource, .. }, Gone::Resource(r)) => *resource == r,
        (Override::CalendarException { calendar, .. }, Gone::Calendar(c)) => *calendar == Some(c),
        (Override::Blackout { blackout }, Gone::Release(r)) => blackout.release_id == r,
        _ => false,
    }
}

/// `base`, or "`base` (2)", "`base` (3)", … : the first that no scenario of `plan` has
/// (ignoring case).
pub fn unique_name(plan: &Plan, base: &str) -> String {
    let taken = |n: &str| {
        plan.scenarios
            .iter()
            .any(|x| x.name.trim().eq_ignore_ascii_case(n))
    };
    let base = base.trim();
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|k| format!("{base} ({k})"))
        .find(|n| !taken(n))
        .unwrap_or_else(|| base.to_string())
}

fn unknown(entity: String, kind: &'static str, id: impl std::fmt::Display) -> ModelError {
    ModelError::UnknownReference {
        entity,
        kind,
        id: id.to_string(),
    }
}

/// The plan with the scenario's overrides applied, in order. `plan` is not modified. The
/// result holds no scenarios (theirs would refer to the baseline).
pub fn apply_scenario(plan: &Plan, s: &Scenario) -> Result<Plan, ScenarioError> {
    s.validate_in(plan)?;
    let mut p = plan.clone();
    p.scenarios.clear();
    let mut rows = Rows::default();
    for (n, o) in s.overrides.iter().enumerate() {
        let entity = format!("{}, override {} ({})", s.label(), n + 1, o.kind_name());
        apply_one(&mut p, o, &entity, &mut rows)?;
    }
    // A link the scenario adds must not close a cycle (one the baseline already has is the
    // baseline's, named when it is scheduled).
    if s.overrides
        .iter()
        .any(|o| matches!(o, Override::AddLink { .. }))
        && crate::dependency::find_cycle(plan).is_none()
    {
        crate::dependency::refuse_cycle(&p, &format!("the added link of {}", s.label()))?;
    }
    Ok(p)
}

/// Each task's row while a scenario's overrides are applied, found once (a search per
/// override made thousands of them quadratic) and again after a task is removed.
#[derive(Default)]
struct Rows {
    at: Option<HashMap<TaskId, usize>>,
}

impl Rows {
    /// The row of task `id` in `plan` (the first with that id, as a search finds it).
    fn of(&mut self, plan: &Plan, id: TaskId, entity: &str) -> Result<usize, ModelError> {
        let at = self.at.get_or_insert_with(|| {
            let mut at = HashMap::with_capacity(plan.tasks.len());
            for (i, t) in plan.tasks.iter().enumerate() {
                at.entry(t.id).or_insert(i);
            }
            at
        });
        at.get(&id)
            .copied()
            .ok_or_else(|| unknown(entity.to_string(), "task", id))
    }

    /// Rows moved: found again when next asked.
    fn moved(&mut self) {
        self.at = None;
    }
}

/// Row range of task `i` and everything under it in the WBS.
fn branch(plan: &Plan, i: usize) -> std::ops::Range<usize> {
    let level = plan.tasks[i].outline_level;
    let mut end = i + 1;
    while end < plan.tasks.len() && plan.tasks[end].outline_level > level {
        end += 1;
    }
    i..end
}

/// Adds `impact` working minutes to a task's duration (a clock day per working day for
/// elapsed-duration tasks) and to its estimate.
pub(crate) fn add_impact(t: &mut Task, impact: WorkMinutes) {
    t.duration = match t.duration {
        Duration::Working(w) => Duration::Working(w + impact),
        Duration::Elapsed(m) => Duration::Elapsed(m + elapsed_impact(impact)),
    };
    if let Some(e) = &mut t.estimate {
        e.optimistic = e.optimistic + impact;
        e.most_likely = e.most_likely + impact;
        e.pessimistic = e.pessimistic + impact;
    }
}

/// A working-minute impact on an elapsed-duration task: a working day (480 min) is a clock
/// day (1440 min).
pub(crate) fn elapsed_impact(impact: WorkMinutes) -> i64 {
    impact.0 * 1440 / MINUTES_PER_DAY
}

fn apply_one(p: &mut Plan, o: &Override, entity: &str, rows: &mut Rows) -> Result<(), ModelError> {
    match o {
        Override::SetDuration { task, duration } => {
            let i = rows.of(p, *task, entity)?;
            let was = p.tasks[i].duration;
            p.tasks[i].duration = *duration;
            crate::wbs::estimate_follows_duration(&mut p.tasks[i], was);
        }
        Override::SetEstimate { task, estimate } => {
            let i = rows.of(p, *task, entity)?;
            p.tasks[i].estimate = *estimate;
        }
        Override::Delay { task, until } => {
            let i = rows.of(p, *task, entity)?;
            let rows = branch(p, i);
            let summary = rows.len() > 1;
            for k in rows {
                if summary && k == i {
                    continue;
                }
                let t = &mut p.tasks[k];
                t.constraint = match t.constraint {
                    Constraint::Snet(d) if d > *until => Constraint::Snet(d),
                    _ => Constraint::Snet(*until),
                };
            }
        }
        Override::RemoveTask { task, bridge } => {
            let i = rows.of(p, *task, entity)?;
            remove_branch(p, i, *bridge);
            rows.moved();
        }
        Override::AddLink { link } => {
            rows.of(p, link.predecessor, entity)?;
            rows.of(p, link.successor, entity)?;
            match p
                .links
                .iter_mut()
                .find(|l| l.predecessor == link.predecessor && l.successor == link.successor)
            {
                Some(l) => {
                    l.kind = link.kind;
                    l.lag = link.lag;
                }
                None => {
                    if p.links.iter().any(|l| l.id == link.id) {
                        return Err(ModelError::DuplicateId {
                            entity: "link",
                            id: link.id.to_string(),
                        });
                    }
                    p.links.push(*link);
                }
            }
        }
        Override::RemoveLink { link } => {
            let before = p.links.len();
            p.links.retain(|l| l.id != *link);
            if p.links.len() == before {
                return Err(unknown(entity.to_string(), "link", link));
            }
        }
        Override::CalendarException {
            calendar,
            exception,
        } => {
            let mut found = false;
            for c in &mut p.calendars {
                if calendar.is_none_or(|id| id == c.id) {
                    c.exceptions.push(exception.clone());
                    found = true;
                }
            }
            if let (Some(id), false) = (calendar, found) {
                return Err(unknown(entity.to_string(), "calendar", id));
            }
        }
        Override::Blackout { blackout } => {
            if p.blackouts.iter().any(|b| b.id == blackout.id) {
                return Err(ModelError::DuplicateId {
                    entity: "blackout",
                    id: blackout.id.to_string(),
                });
            }
            p.blackouts.push(blackout.clone());
        }
        Override::ResourceUnits {
            resource,
            max_units,
        } => {
            let r = p
                .resources
                .iter_mut()
                .find(|r| r.id == *resource)
                .ok_or_else(|| unknown(entity.to_string(), "resource", resource))?;
            r.max_units = *max_units;
            p.assignments
                .retain(|a| a.resource_id != *resource || *max_units > 0.0);
            for a in &mut p.assignments {
                if a.resource_id == *resource && a.units > *max_units {
                    a.units = *max_units;
                }
            }
        }
        Override::FireRisk { risk } => {
            let r = p
                .risks
                .iter_mut()
                .find(|r| r.id == *risk)
                .ok_or_else(|| unknown(entity.to_string(), "risk", risk))?;
            r.status = RiskStatus::Occurred;
            let (impact, tasks) = (r.schedule_impact, r.task_ids.clone());
            for id in tasks {
                let i = rows.of(p, id, entity)?;
                if branch(p, i).len() == 1 {
                    add_impact(&mut p.tasks[i], impact);
                }
            }
        }
    }
    Ok(())
}

/// Removes task `i` and its WBS branch, with the cascade of a task delete, bridging links
/// across the removed work when asked (rules in the module docs).
fn remove_branch(p: &mut Plan, i: usize, bridge: bool) {
    let rows = branch(p, i);
    let removed: Vec<TaskId> = p.tasks[rows.clone()].iter().map(|t| t.id).collect();
    let set: HashSet<TaskId> = removed.iter().copied().collect();
    if bridge {
        let bridges = bridges(p, rows.clone(), &set);
        for l in bridges {
            if !p
                .links
                .iter()
                .any(|x| x.predecessor == l.predecessor && x.successor == l.successor)
            {
                p.links.push(l);
            }
        }
    }
    p.tasks.drain(rows);
    p.links
        .retain(|l| !set.contains(&l.predecessor) && !set.contains(&l.successor));
    p.assignments.retain(|a| !set.contains(&a.task_id));
    p.gates.retain(|g| !set.contains(&g.task_id));
    for r in &mut p.risks {
        r.task_ids.retain(|t| !set.contains(t));
    }
}

/// The links that bridge the removed rows: for each link into the removed work and each link
/// out of it that the first reaches (through links among removed tasks, down into a removed
/// summary's tasks, and up to the removed summaries above a reached task), one new link.
fn bridges(p: &Plan, rows: std::ops::Range<usize>, set: &HashSet<TaskId>) -> Vec<Link> {
    let local: HashMap<TaskId, usize> = rows
        .clone()
        .map(|k| (p.tasks[k].id, k - rows.start))
        .collect();
    let n = rows.len();
    // Parent (local index) of each removed row, for the upward step.
    let mut parent = vec![usize::MAX; n];
    let mut stack: Vec<usize> = Vec::new();
    for (k, pk) in parent.iter_mut().enumerate() {
        let lvl = p.tasks[rows.start + k].outline_level;
        while let Some(&top) = stack.last() {
            if p.tasks[rows.start + top].outline_level >= lvl {
                stack.pop();
            } else {
                break;
            }
        }
        if let Some(&top) = stack.last() {
            *pk = top;
        }
        stack.push(k);
    }
    let inside: Vec<&Link> = p
        .links
        .iter()
        .filter(|l| set.contains(&l.predecessor) && set.contains(&l.successor))
        .collect();
    let exits: Vec<&Link> = p
        .links
        .iter()
        .filter(|l| set.contains(&l.predecessor) && !set.contains(&l.successor))
        .collect();
    let mut out = Vec::new();
    for entry in p
        .links
        .iter()
        .filter(|l| !set.contains(&l.predecessor) && set.contains(&l.successor))
    {
        // Breadth-first over the removed rows from the entry's target. `visited`: the task
        // waits on the entry; `finished`: its finish does (summaries above a visited task).
        let mut visited = vec![false; n];
        let mut finished = vec![false; n];
        let mut queue = vec![local[&entry.successor]];
        let follow = |k: usize, queue: &mut Vec<usize>| {
            let id = p.tasks[rows.start + k].id;
            queue.extend(
                inside
                    .iter()
                    .filter(|l| l.predecessor == id)
                    .map(|l| local[&l.successor]),
            );
        };
        while let Some(k) = queue.pop() {
            if visited[k] {
                continue;
            }
            visited[k] = true;
            finished[k] = true;
            // Down: a link into a summary binds every task under it.
            let end = branch(p, rows.start + k).end - rows.start;
            queue.extend((k + 1..end).filter(|&c| !visited[c]));
            // Up: a summary finishes after its tasks (without binding its other tasks).
            let mut a = parent[k];
            while a != usize::MAX {
                if !finished[a] {
                    finished[a] = true;
                    follow(a, &mut queue);
                }
                a = parent[a];
            }
            follow(k, &mut queue);
        }
        for exit in exits
            .iter()
            .filter(|l| finished[local[&l.predecessor]] && l.successor != entry.predecessor)
        {
            out.push(bridge_link(entry, exit));
        }
    }
    out
}

/// The link `entry.predecessor → exit.successor` replacing `entry` and `exit` across removed
/// work (rules in the module docs). Its id is derived from theirs, so applying a scenario
/// twice gives the same plan.
fn bridge_link(entry: &Link, exit: &Link) -> Link {
    use LinkType::*;
    let from_finish = matches!(entry.kind, FS | FF);
    let to_start = matches!(exit.kind, FS | SS);
    let kind = match (from_finish, to_start) {
        (true, true) => FS,
        (true, false) => FF,
        (false, true) => SS,
        (false, false) => SF,
    };
    let zero = |l: Lag| match l {
        Lag::Working(w) => w.0 == 0,
        Lag::Elapsed(e) => e == 0,
        Lag::Percent(p) => p == 0,
    };
    let lag = match (entry.lag, exit.lag) {
        // A percent lag out of the removed task is a share of its duration, which is gone.
        (l, Lag::Percent(_)) => l,
        (l, e) if zero(e) => l,
        (l, e) if zero(l) => e,
        (Lag::Working(a), Lag::Working(b)) => Lag::Working(a + b),
        (Lag::Elapsed(a), Lag::Elapsed(b)) => Lag::Elapsed(a + b),
        (_, e) => e,
    };
    let id = entry.id.0.as_u128() ^ exit.id.0.as_u128().rotate_left(17) ^ 0xB81D_6E00;
    Link {
        id: LinkId::from_u128(id),
        predecessor: entry.predecessor,
        successor: exit.successor,
        kind,
        lag,
    }
}
