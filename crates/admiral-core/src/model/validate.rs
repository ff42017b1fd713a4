//! The rules a plan must keep. The store validates before it commits, so a plan file never
//! holds a plan that breaks them.

use super::*;
use crate::calendar::WorkingTime;
use std::collections::{HashMap, HashSet};

/// "task 14 'Load test'": how errors name a task.
pub fn task_label(t: &Task) -> String {
    format!("task {} '{}'", t.number, t.name)
}

impl Plan {
    /// Checks every rule of the model and returns the first broken one.
    ///
    /// Scheduling problems (cycles, unmet constraints) are not model errors: they are reported
    /// by the scheduler, since a plan may legitimately be mid-edit.
    pub fn validate(&self) -> Result<(), ModelError> {
        let releases: HashSet<ReleaseId> = self.releases.iter().map(|r| r.id).collect();
        let projects: HashSet<ProjectId> = self.projects.iter().map(|p| p.id).collect();
        let calendars: HashSet<CalendarId> = self.calendars.iter().map(|c| c.id).collect();
        let resources: HashMap<ResourceId, &Resource> =
            self.resources.iter().map(|r| (r.id, r)).collect();
        let tasks: HashMap<TaskId, &Task> = self.tasks.iter().map(|t| (t.id, t)).collect();

        unique("release", self.releases.iter().map(|r| r.id))?;
        unique("project", self.projects.iter().map(|p| p.id))?;
        unique("task", self.tasks.iter().map(|t| t.id))?;
        unique("link", self.links.iter().map(|l| l.id))?;
        unique("calendar", self.calendars.iter().map(|c| c.id))?;
        unique("gate", self.gates.iter().map(|g| g.id))?;
        unique("risk", self.risks.iter().map(|r| r.id))?;
        unique("resource", self.resources.iter().map(|r| r.id))?;
        unique("assignment", self.assignments.iter().map(|a| a.id))?;
        unique("blackout", self.blackouts.iter().map(|b| b.id))?;

        let cal_ref = |entity: String, id: Option<CalendarId>| match id {
            Some(id) if !calendars.contains(&id) => Err(ModelError::UnknownReference {
                entity,
                kind: "calendar",
                id: id.to_string(),
            }),
            _ => Ok(()),
        };

        cal_ref("the plan settings".into(), self.settings.default_calendar)?;
        for c in &self.calendars {
            validate_calendar(c)?;
        }
        for r in &self.releases {
            let entity = format!("release {} '{}'", r.code, r.name);
            if r.name.trim().is_empty() && r.code.trim().is_empty() {
                return Err(ModelError::EmptyName { entity });
            }
            cal_ref(entity, r.calendar_id)?;
        }
        for p in &self.projects {
            let entity = format!("project '{}'", p.name);
            if p.name.trim().is_empty() {
                return Err(ModelError::EmptyName { entity });
            }
            if !releases.contains(&p.release_id) {
                return Err(unknown(entity, "release", p.release_id));
            }
        }
        for b in &self.blackouts {
            let entity = format!("blackout window '{}'", b.name);
            if !releases.contains(&b.release_id) {
                return Err(unknown(entity, "release", b.release_id));
            }
            if b.finish < b.start {
                return Err(ModelError::BadDateRange { entity });
            }
        }

        let mut numbers: HashMap<TaskNumber, &Task> = HashMap::new();
        let mut previous_level = 0u16;
        for t in &self.tasks {
            let label = task_label(t);
            if let Some(first) = numbers.insert(t.number, t) {
                return Err(ModelError::DuplicateTaskNumber {
                    number: t.number,
                    first: task_label(first),
                    second: label,
                });
            }
            if !projects.contains(&t.project_id) {
                return Err(unknown(label, "project", t.project_id));
            }
            cal_ref(label.clone(), t.calendar_id)?;
            if t.outline_level == 0 || t.outline_level > previous_level + 1 {
                return Err(ModelError::BadOutlineLevel {
                    task: label,
                    level: t.outline_level,
                    previous: previous_level,
                });
            }
            previous_level = t.outline_level;
            if t.duration.minutes() < 0 {
                return Err(ModelError::NegativeDuration {
                    task: label,
                    minutes: t.duration.minutes(),
                });
            }
            if let Some(e) = t.estimate {
                validate_estimate(&label, e)?;
            }
            if t.progress.percent_complete > 100 {
                return Err(ModelError::PercentOutOfRange {
                    task: label,
                    value: t.progress.percent_complete,
                });
            }
            if let (Some(s), Some(f)) = (t.progress.actual_start, t.progress.actual_finish) {
                if f < s {
                    return Err(ModelError::ActualFinishBeforeStart { task: label });
                }
            }
        }

        let mut pairs = HashSet::new();
        for l in &self.links {
            let pred = tasks
                .get(&l.predecessor)
                .ok_or_else(|| unknown("a link".into(), "task", l.predecessor))?;
            let succ = tasks
                .get(&l.successor)
                .ok_or_else(|| unknown("a link".into(), "task", l.successor))?;
            if l.predecessor == l.successor {
                return Err(ModelError::SelfLink {
                    task: task_label(pred),
                });
            }
            if !pairs.insert((l.predecessor, l.successor)) {
                return Err(ModelError::DuplicateLink {
                    predecessor: task_label(pred),
                    successor: task_label(succ),
                });
            }
        }

        for g in &self.gates {
            if !tasks.contains_key(&g.task_id) {
                return Err(unknown(format!("gate {}", g.id), "task", g.task_id));
            }
        }

        for r in &self.risks {
            if !(0.0..=1.0).contains(&r.probability) || r.probability.is_nan() {
                return Err(ModelError::ProbabilityOutOfRange {
                    risk: r.title.clone(),
                    value: r.probability,
                });
            }
            if r.schedule_impact.0 < 0 {
                return Err(ModelError::NegativeRiskImpact {
                    risk: r.title.clone(),
                });
            }
            if !releases.contains(&r.release_id) {
                return Err(unknown(
                    format!("risk '{}'", r.title),
                    "release",
                    r.release_id,
                ));
            }
            for t in &r.task_ids {
                if !tasks.contains_key(t) {
                    return Err(unknown(format!("risk '{}'", r.title), "task", *t));
                }
            }
        }

        for r in &self.resources {
            if r.cost_rate.0 < 0 {
                return Err(ModelError::NegativeResourceValue {
                    resource: r.name.clone(),
                    field: "cost rate",
                    value: r.cost_rate.as_units(),
                });
            }
            if r.max_units < 0.0 || r.max_units.is_nan() {
                return Err(ModelError::NegativeResourceValue {
                    resource: r.name.clone(),
                    field: "max units",
                    value: r.max_units,
                });
            }
            cal_ref(format!("resource '{}'", r.name), r.calendar_id)?;
        }

        for a in &self.assignments {
            let task = tasks
                .get(&a.task_id)
                .ok_or_else(|| unknown("an assignment".into(), "task", a.task_id))?;
            let res = resources
                .get(&a.resource_id)
                .ok_or_else(|| unknown("an assignment".into(), "resource", a.resource_id))?;
            if a.units <= 0.0 || a.units.is_nan() {
                return Err(ModelError::BadUnits {
                    resource: res.name.clone(),
                    task: task_label(task),
                    units: a.units,
                });
            }
        }
        Ok(())
    }
}

/// Optimistic ≤ most likely ≤ pessimistic, none negative.
pub fn validate_estimate(task: &str, e: ThreePoint) -> Result<(), ModelError> {
    let bad = |reason: String| ModelError::BadEstimate {
        task: task.to_string(),
        reason,
    };
    if e.optimistic.0 < 0 {
        return Err(bad("the optimistic duration is negative".into()));
    }
    if e.optimistic > e.most_likely {
        return Err(bad(format!(
            "optimistic ({}) is above most likely ({})",
            e.optimistic, e.most_likely
        )));
    }
    if e.most_likely > e.pessimistic {
        return Err(bad(format!(
            "most likely ({}) is above pessimistic ({})",
            e.most_likely, e.pessimistic
        )));
    }
    Ok(())
}

fn validate_calendar(c: &crate::calendar::Calendar) -> Result<(), ModelError> {
    const DAYS: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let check = |day: String, times: &[WorkingTime]| -> Result<(), ModelError> {
        let mut end = 0u16;
        for (i, w) in times.iter().enumerate() {
            let reason = if w.from >= w.to {
                Some("a period ends before it starts")
            } else if w.to > 1440 {
                Some("a period runs past midnight")
            } else if i > 0 && w.from < end {
                Some("periods overlap or are out of order")
            } else {
                None
            };
            if let Some(reason) = reason {
                return Err(ModelError::BadWorkingTime {
                    calendar: c.name.clone(),
                    day,
                    reason: reason.into(),
                });
            }
            end = w.to;
        }
        Ok(())
    };
    for (d, times) in c.week.iter().enumerate() {
        check(DAYS[d].to_string(), times)?;
    }
    for e in &c.exceptions {
        if e.finish < e.start {
            return Err(ModelError::BadDateRange {
                entity: format!("exception '{}' of calendar '{}'", e.name, c.name),
            });
        }
        check(format!("exception '{}'", e.name), &e.working)?;
    }
    Ok(())
}

fn unknown(entity: String, kind: &'static str, id: impl std::fmt::Display) -> ModelError {
    ModelError::UnknownReference {
        entity,
        kind,
        id: id.to_string(),
    }
}

fn unique<I: std::fmt::Display + Eq + std::hash::Hash>(
    entity: &'static str,
    ids: impl Iterator<Item = I>,
) -> Result<(), ModelError> {
    let mut seen = HashSet::new();
    for id in ids {
        if let Some(dup) = seen.replace(id) {
            return Err(ModelError::DuplicateId {
                entity,
                id: dup.to_string(),
            });
        }
    }
    Ok(())
}
