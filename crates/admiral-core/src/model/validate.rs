//! The rules a plan must keep. The store validates before it commits, so a plan file never
//! holds a plan that breaks them.

use super::*;
use crate::calendar::{WorkingTime, MINUTES_PER_CLOCK_DAY};

/// Minutes of an elapsed day.
const CLOCK_DAY: i64 = MINUTES_PER_CLOCK_DAY as i64;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

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

        // Labels are made only for an error: a whole plan's validation would otherwise format
        // one per task, link and assignment (more than half its instructions at 5k tasks).
        let cal_ref = |entity: &dyn Fn() -> String, id: Option<CalendarId>| match id {
            Some(id) if !calendars.contains(&id) => Err(ModelError::UnknownReference {
                entity: entity(),
                kind: "calendar",
                id: id.to_string(),
            }),
            _ => Ok(()),
        };

        cal_ref(
            &|| "the plan settings".into(),
            self.settings.default_calendar,
        )?;
        for c in &self.calendars {
            c.validate_own()?;
        }
        for r in &self.releases {
            r.validate_own()?;
            cal_ref(&|| release_label(r), r.calendar_id)?;
        }
        for p in &self.projects {
            p.validate_own()?;
            if !releases.contains(&p.release_id) {
                return Err(unknown(project_label(p), "release", p.release_id));
            }
        }
        for b in &self.blackouts {
            if !releases.contains(&b.release_id) {
                return Err(unknown(blackout_label(b), "release", b.release_id));
            }
            b.validate_own()?;
        }

        let mut numbers: HashMap<TaskNumber, &Task> = HashMap::new();
        let mut previous_level = 0u16;
        for t in &self.tasks {
            if let Some(first) = numbers.insert(t.number, t) {
                return Err(ModelError::DuplicateTaskNumber {
                    number: t.number,
                    first: task_label(first),
                    second: task_label(t),
                });
            }
            if !projects.contains(&t.project_id) {
                return Err(unknown(task_label(t), "project", t.project_id));
            }
            cal_ref(&|| task_label(t), t.calendar_id)?;
            t.validate_outline(previous_level)?;
            previous_level = t.outline_level;
            t.validate_own()?;
        }

        self.validate_links(&tasks)?;

        for g in &self.gates {
            if !tasks.contains_key(&g.task_id) {
                return Err(unknown(format!("gate {}", g.id), "task", g.task_id));
            }
        }

        for r in &self.risks {
            r.validate_own()?;
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
            r.validate_own()?;
            cal_ref(&|| format!("resource '{}'", r.name), r.calendar_id)?;
        }

        for a in &self.assignments {
            let task = tasks
                .get(&a.task_id)
                .ok_or_else(|| unknown("an assignment".into(), "task", a.task_id))?;
            let res = resources
                .get(&a.resource_id)
                .ok_or_else(|| unknown("an assignment".into(), "resource", a.resource_id))?;
            with_label(
                |label| a.validate_units(&res.name, label),
                || task_label(task),
            )?;
        }

        unique("baseline", self.baselines.iter().map(|b| b.number))?;
        for b in &self.baselines {
            b.validate_own()?;
        }
        unique("scenario", self.scenarios.iter().map(|s| s.id))?;
        for s in &self.scenarios {
            s.validate_in(self)?;
        }

        unique("commitment", self.commitments.iter().map(|c| c.id))?;
        for c in &self.commitments {
            c.validate_own()?;
            let task = tasks
                .get(&c.task_id)
                .ok_or_else(|| unknown(commitment_label(c), "task", c.task_id))?;
            c.validate_task(task)?;
        }
        unique("snapshot", self.snapshots.iter().map(|s| s.id))?;
        for s in &self.snapshots {
            s.validate_own()?;
        }
        Ok(())
    }

    /// Every link names two known tasks, not the same one, has a lag in range, and is the only
    /// one between its two tasks.
    fn validate_links(&self, tasks: &HashMap<TaskId, &Task>) -> Result<(), ModelError> {
        let mut pairs = HashSet::with_capacity(self.links.len());
        for l in &self.links {
            let pred = tasks
                .get(&l.predecessor)
                .ok_or_else(|| unknown("a link".into(), "task", l.predecessor))?;
            let succ = tasks
                .get(&l.successor)
                .ok_or_else(|| unknown("a link".into(), "task", l.successor))?;
            with_label(|label| l.validate_own(label), || task_label(pred))?;
            if !pairs.insert((l.predecessor, l.successor)) {
                return Err(ModelError::DuplicateLink {
                    predecessor: task_label(pred),
                    successor: task_label(succ),
                });
            }
        }
        Ok(())
    }
}

/// `check` with a blank label, and again with `label()` only when it fails, for the message.
fn with_label(
    check: impl Fn(&str) -> Result<(), ModelError>,
    label: impl FnOnce() -> String,
) -> Result<(), ModelError> {
    check("").or_else(|_| check(&label()))
}

/// "commitment of Payments to Mobile": how errors name a commitment.
pub fn commitment_label(c: &Commitment) -> String {
    format!("commitment of '{}' to '{}'", c.provider, c.consumer)
}

impl Commitment {
    /// Both groups named, a date a plan can hold.
    pub fn validate_own(&self) -> Result<(), ModelError> {
        let label = commitment_label(self);
        if self.provider.trim().is_empty() || self.consumer.trim().is_empty() {
            return Err(ModelError::EmptyName { entity: label });
        }
        check_date(&label, self.promised)
    }

    /// What is promised is a point in time: a milestone or a gate.
    pub fn validate_task(&self, task: &Task) -> Result<(), ModelError> {
        if task.is_milestone() {
            Ok(())
        } else {
            Err(ModelError::NotAMilestone {
                commitment: commitment_label(self),
                task: task_label(task),
            })
        }
    }
}

impl Snapshot {
    /// A report date a plan can hold.
    pub fn validate_own(&self) -> Result<(), ModelError> {
        check_date(&format!("snapshot '{}'", self.label), self.taken_at)
    }
}

/// "release R2027.1 'Spring'": how errors name a release.
pub fn release_label(r: &Release) -> String {
    format!("release {} '{}'", r.code, r.name)
}

/// "project 'Billing'": how errors name a project.
pub fn project_label(p: &Project) -> String {
    format!("project '{}'", p.name)
}

/// "blackout window 'Year end'": how errors name a blackout window.
pub fn blackout_label(b: &Blackout) -> String {
    format!("blackout window '{}'", b.name)
}

// The rules each entity keeps on its own, without looking at the rest of the plan. The store
// checks these before writing a single row (it checks references with foreign keys), and
// `Plan::validate` calls the same functions, so both enforce exactly the same rules.

impl Release {
    /// A release needs a code or a name.
    pub fn validate_own(&self) -> Result<(), ModelError> {
        if self.name.trim().is_empty() && self.code.trim().is_empty() {
            return Err(ModelError::EmptyName {
                entity: release_label(self),
            });
        }
        for d in [Some(self.start), self.target].into_iter().flatten() {
            check_date(&release_label(self), d)?;
        }
        if let Some(b) = self.budget.filter(|b| b.0 < 0) {
            return Err(ModelError::NegativeBudget {
                release: release_label(self),
                budget: b.to_string(),
            });
        }
        Ok(())
    }
}

impl Project {
    /// A project needs a name.
    pub fn validate_own(&self) -> Result<(), ModelError> {
        if self.name.trim().is_empty() {
            return Err(ModelError::EmptyName {
                entity: project_label(self),
            });
        }
        Ok(())
    }
}

impl Blackout {
    /// The window must not end before it starts.
    pub fn validate_own(&self) -> Result<(), ModelError> {
        if self.finish < self.start {
            return Err(ModelError::BadDateRange {
                entity: blackout_label(self),
            });
        }
        Ok(())
    }
}

impl crate::calendar::Calendar {
    /// Working periods within a day, in order and not overlapping; exceptions not ending
    /// before they start.
    pub fn validate_own(&self) -> Result<(), ModelError> {
        validate_calendar(self)
    }
}

/// The longest duration, estimate or lag a task may have: 50 years of working days (so that
/// every computed date of any reasonable plan stays within the years 1900 to 9999).
pub const MAX_DURATION_MINUTES: i64 = 50 * 260 * MINUTES_PER_DAY;

/// The years a date of a plan may fall in.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=9999;

/// Refuses a date outside [`YEARS`].
pub fn check_date(entity: &str, d: chrono::NaiveDateTime) -> Result<(), ModelError> {
    use chrono::Datelike;
    if YEARS.contains(&d.year()) {
        Ok(())
    } else {
        Err(ModelError::DateOutOfRange {
            entity: entity.to_string(),
            date: d.format("%Y-%m-%d %H:%M").to_string(),
        })
    }
}

fn check_length(
    task: &str,
    what: &'static str,
    minutes: i64,
    per_day: i64,
) -> Result<(), ModelError> {
    let max = MAX_DURATION_MINUTES / MINUTES_PER_DAY * per_day;
    if minutes.abs() > max {
        return Err(ModelError::TooLong {
            task: task.to_string(),
            what,
            days: minutes.abs() / per_day,
            max_days: max / per_day,
            unit: if per_day == MINUTES_PER_DAY {
                "working days"
            } else {
                "elapsed days"
            },
            // The same count of days: 50 years of working days, 35 of calendar days.
            span: if per_day == MINUTES_PER_DAY {
                "50 years of working days"
            } else {
                "about 35 years"
            },
        });
    }
    Ok(())
}

/// Splits in order of the work before them, each after some work and with a gap, the work
/// and the gaps each at most 50 years.
fn validate_splits(label: &str, splits: &[Split]) -> Result<(), ModelError> {
    let bad = |reason: String| {
        Err(ModelError::BadSplit {
            task: label.to_string(),
            reason,
        })
    };
    if splits.len() > MAX_SPLITS {
        return bad(format!(
            "{} splits; at most {MAX_SPLITS} are allowed",
            splits.len()
        ));
    }
    let mut last = 0;
    for (k, s) in splits.iter().enumerate() {
        if s.after.0 <= last {
            return bad(format!(
                "split {} comes after {} min of work, not after the {} of the split before it",
                k + 1,
                s.after.0,
                if k == 0 { "start" } else { "work" }
            ));
        }
        if s.gap.0 <= 0 {
            return bad(format!("split {} has no gap ({} min)", k + 1, s.gap.0));
        }
        check_length(label, "split", s.after.0, MINUTES_PER_DAY)?;
        check_length(label, "split's gap", s.gap.0, MINUTES_PER_DAY)?;
        last = s.after.0;
    }
    Ok(())
}

impl Task {
    /// The task's own fields: duration not negative, a well-formed estimate, percent complete
    /// within 0–100, actual finish not before actual start, splits in order each with a gap,
    /// durations, estimates and splits of at most 50 years, dates within 1900–9999.
    /// References, the task number's uniqueness and the outline level (which depends on the
    /// row above) are checked elsewhere.
    pub fn validate_own(&self) -> Result<(), ModelError> {
        with_label(|label| self.check_own(label), || task_label(self))
    }

    /// [`Task::validate_own`], naming the task `label` in an error.
    pub(crate) fn check_own(&self, label: &str) -> Result<(), ModelError> {
        if self.duration.minutes() < 0 {
            return Err(ModelError::NegativeDuration {
                task: label.to_string(),
                minutes: self.duration.minutes(),
            });
        }
        match self.duration {
            Duration::Working(w) => check_length(label, "duration", w.0, MINUTES_PER_DAY)?,
            Duration::Elapsed(m) => check_length(label, "duration", m, CLOCK_DAY)?,
        }
        if let Some(e) = self.estimate {
            validate_estimate(label, e)?;
            check_length(
                label,
                "pessimistic estimate",
                e.pessimistic.0,
                MINUTES_PER_DAY,
            )?;
        }
        let dates = [
            self.constraint.date(),
            self.deadline,
            self.progress.actual_start,
            self.progress.actual_finish,
            self.mode.manual_start(),
        ];
        for d in dates.into_iter().flatten() {
            check_date(label, d)?;
        }
        if self.progress.percent_complete > 100 {
            return Err(ModelError::PercentOutOfRange {
                task: label.to_string(),
                value: self.progress.percent_complete,
            });
        }
        if let (Some(s), Some(f)) = (self.progress.actual_start, self.progress.actual_finish) {
            if f < s {
                return Err(ModelError::ActualFinishBeforeStart {
                    task: label.to_string(),
                });
            }
        }
        validate_splits(label, &self.splits)
    }

    /// The outline rule: level 1 or deeper, and at most one level deeper than the row above
    /// (`previous_level` is 0 for the first row).
    pub fn validate_outline(&self, previous_level: u16) -> Result<(), ModelError> {
        if self.outline_level == 0 || self.outline_level > previous_level.saturating_add(1) {
            return Err(ModelError::BadOutlineLevel {
                task: task_label(self),
                level: self.outline_level,
                previous: previous_level,
            });
        }
        Ok(())
    }
}

impl Link {
    /// A link must not join a task to itself; `predecessor` is the predecessor's label.
    pub fn validate_own(&self, predecessor: &str) -> Result<(), ModelError> {
        if self.predecessor == self.successor {
            return Err(ModelError::SelfLink {
                task: predecessor.to_string(),
            });
        }
        match self.lag {
            Lag::Working(w) => check_length(predecessor, "link lag", w.0, MINUTES_PER_DAY)?,
            Lag::Elapsed(m) => check_length(predecessor, "link lag", m, CLOCK_DAY)?,
            Lag::Percent(_) => {}
        }
        Ok(())
    }
}

impl Risk {
    /// Probability within 0–1 and a schedule impact that is not negative.
    pub fn validate_own(&self) -> Result<(), ModelError> {
        if !(0.0..=1.0).contains(&self.probability) || self.probability.is_nan() {
            return Err(ModelError::ProbabilityOutOfRange {
                risk: self.title.clone(),
                value: self.probability,
            });
        }
        if self.schedule_impact.0 < 0 {
            return Err(ModelError::NegativeRiskImpact {
                risk: self.title.clone(),
            });
        }
        Ok(())
    }
}

impl Resource {
    /// Cost rate and max units not negative (nor NaN).
    pub fn validate_own(&self) -> Result<(), ModelError> {
        if self.cost_rate.0 < 0 {
            return Err(ModelError::NegativeResourceValue {
                resource: self.name.clone(),
                field: "cost rate",
                value: self.cost_rate.as_units(),
            });
        }
        if self.max_units < 0.0 || self.max_units.is_nan() {
            return Err(ModelError::NegativeResourceValue {
                resource: self.name.clone(),
                field: "max units",
                value: self.max_units,
            });
        }
        Ok(())
    }
}

impl Assignment {
    /// Units above 0; `resource` and `task` name the two ends for the message.
    pub fn validate_units(&self, resource: &str, task: &str) -> Result<(), ModelError> {
        if self.units <= 0.0 || self.units.is_nan() {
            return Err(ModelError::BadUnits {
                resource: resource.to_string(),
                task: task.to_string(),
                units: self.units,
            });
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

#[cfg(test)]
mod tests {
    use crate::{wbs, ProjectId, Split, TaskMode, TaskNumber, WorkMinutes, MAX_SPLITS};
    use chrono::NaiveDate;

    #[test]
    fn splits_come_in_order_each_with_a_gap_and_not_too_many() {
        let s = |after, gap| Split {
            after: WorkMinutes(after),
            gap: WorkMinutes(gap),
        };
        let mut t = wbs::new_task(TaskNumber(1), ProjectId::new(), 1);
        t.splits = vec![s(480, 60), s(960, 480)];
        assert!(t.validate_own().is_ok());
        for (splits, says) in [
            (
                vec![s(0, 60)],
                "split 1 comes after 0 min of work, not after the start",
            ),
            (vec![s(480, 60), s(480, 60)], "split 2 comes after 480 min"),
            (
                vec![s(960, 60), s(480, 60)],
                "not after the work of the split before it",
            ),
            (vec![s(480, 0)], "split 1 has no gap (0 min)"),
            (vec![s(480, -5)], "has no gap"),
            (vec![s(480, 60 * 24 * 366 * 60)], "50 years"),
        ] {
            t.splits = splits;
            let e = t.validate_own().unwrap_err().to_string();
            assert!(e.contains("bad split") || e.contains("50 years"), "{e}");
            assert!(e.contains(says), "{e}");
        }
        // The limit is a count of days: 13,000 working days are 50 years, 13,000 elapsed
        // days about 35, and the message says which.
        t.splits.clear();
        let was = t.duration;
        t.duration = crate::Duration::Working(WorkMinutes::days(19_000));
        let e = t.validate_own().unwrap_err().to_string();
        assert!(
            e.contains("at most 13000 (50 years of working days)"),
            "{e}"
        );
        t.duration = crate::Duration::Elapsed(19_000 * 1440);
        let e = t.validate_own().unwrap_err().to_string();
        assert!(
            e.contains("19000 elapsed days; at most 13000 (about 35 years)"),
            "{e}"
        );
        t.duration = was;
        t.splits = (1..=MAX_SPLITS as i64 + 1).map(|k| s(k, 1)).collect();
        let e = t.validate_own().unwrap_err().to_string();
        assert!(e.contains("101 splits; at most 100"), "{e}");
    }

    #[test]
    fn a_date_a_task_is_given_is_within_1900_to_9999_whatever_its_kind() {
        let at = |y| {
            NaiveDate::from_ymd_opt(y, 1, 4)
                .unwrap()
                .and_hms_opt(8, 0, 0)
                .unwrap()
        };
        let ok = wbs::new_task(TaskNumber(1), ProjectId::new(), 1);
        assert!(ok.validate_own().is_ok());
        let mut manual = ok.clone();
        manual.mode = TaskMode::Manual {
            start: at(1850),
            text_dates: false,
        };
        let e = manual.validate_own().unwrap_err().to_string();
        assert!(e.contains("1850") && e.contains("1900 to 9999"), "{e}");
        manual.mode = TaskMode::Manual {
            start: at(2027),
            text_dates: false,
        };
        assert!(manual.validate_own().is_ok());
        let mut started = ok.clone();
        started.progress.actual_start = Some(at(1899));
        assert!(started.validate_own().is_err());
    }
}
