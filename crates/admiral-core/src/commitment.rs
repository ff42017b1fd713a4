//! Commitments between groups: a milestone that one group (the provider) promised another (the
//! consumer) for a date, and whether the promise holds.
//!
//! # The rule ([`state`])
//!
//! Dates are compared by calendar day; the forecast is the scheduler's finish of the
//! milestone and `as_of` the date the plan is judged at (its status date, else today).
//!
//! | the milestone … | state |
//! | --- | --- |
//! | finished (actual finish) on or before the promised day | kept |
//! | finished after the promised day | broken |
//! | not finished, and the promised day is before `as_of` | broken |
//! | not finished, forecast after the promised day | at risk |
//! | not finished, forecast on or before the promised day | on track |
//!
//! A group's record counts its *past* commitments — kept or broken — and the share of them
//! kept on time ([`GroupRecord::kept_share`]); commitments still ahead are shown but not
//! counted.

use crate::edit::{Change, Edit};
use crate::model::*;
use crate::schedule::Schedule;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The rule: see the module docs.
pub fn state(
    promised: NaiveDateTime,
    forecast: NaiveDateTime,
    actual_finish: Option<NaiveDateTime>,
    as_of: NaiveDate,
) -> CommitmentState {
    let due = promised.date();
    match actual_finish {
        Some(done) if done.date() <= due => CommitmentState::Kept,
        Some(_) => CommitmentState::Broken,
        None if due < as_of => CommitmentState::Broken,
        None if forecast.date() > due => CommitmentState::AtRisk,
        None => CommitmentState::OnTrack,
    }
}

/// A commitment with its forecast and state.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentStatus {
    pub commitment: Commitment,
    pub milestone_key: String,
    pub milestone: String,
    pub release_code: String,
    pub forecast: NaiveDateTime,
    /// Forecast minus promised, in calendar days (positive: late).
    pub slip_days: i64,
    pub state: CommitmentState,
}

/// What one provider group promised, and how it keeps its promises.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupRecord {
    pub group: String,
    /// Its commitments, by promised date.
    pub commitments: Vec<CommitmentStatus>,
    pub kept: u32,
    pub broken: u32,
    pub at_risk: u32,
    pub on_track: u32,
    /// Kept ÷ (kept + broken); `None` when nothing is due yet.
    pub kept_share: Option<f64>,
}

/// Every commitment of the plan with its forecast and state, in the plan's order.
/// Commitments whose milestone is not in `schedule` are left out.
pub fn assess(plan: &Plan, schedule: &Schedule, as_of: NaiveDate) -> Vec<CommitmentStatus> {
    let release_of = crate::portfolio::release_of_tasks(plan);
    plan.commitments
        .iter()
        .filter_map(|c| {
            let i = plan.tasks.iter().position(|t| t.id == c.task_id)?;
            let task = &plan.tasks[i];
            let ts = schedule.tasks.get(i).filter(|s| s.task_id == task.id)?;
            let release_code = release_of
                .get(&task.id)
                .and_then(|r| plan.releases.iter().find(|x| x.id == *r))
                .map_or_else(String::new, |r| r.code.clone());
            Some(CommitmentStatus {
                commitment: c.clone(),
                milestone_key: task.key(),
                milestone: task.name.clone(),
                release_code,
                forecast: ts.finish,
                slip_days: (ts.finish.date() - c.promised.date()).num_days(),
                state: state(c.promised, ts.finish, task.progress.actual_finish, as_of),
            })
        })
        .collect()
}

/// The commitments grouped by provider (groups in name order), with each group's record.
pub fn by_provider(statuses: &[CommitmentStatus]) -> Vec<GroupRecord> {
    let mut groups: BTreeMap<&str, Vec<CommitmentStatus>> = BTreeMap::new();
    for s in statuses {
        groups
            .entry(s.commitment.provider.as_str())
            .or_default()
            .push(s.clone());
    }
    groups
        .into_iter()
        .map(|(group, mut commitments)| {
            commitments.sort_by_key(|c| c.commitment.promised);
            let count = |st| commitments.iter().filter(|c| c.state == st).count() as u32;
            let kept = count(CommitmentState::Kept);
            let broken = count(CommitmentState::Broken);
            GroupRecord {
                group: group.to_string(),
                kept,
                broken,
                at_risk: count(CommitmentState::AtRisk),
                on_track: count(CommitmentState::OnTrack),
                kept_share: (kept + broken > 0).then(|| f64::from(kept) / f64::from(kept + broken)),
                commitments,
            }
        })
        .collect()
}

/// Records a new commitment: `provider` promises `consumer` the milestone `task` for
/// `promised`. Refused when a group is unnamed or the task is not a milestone or gate.
pub fn add(
    plan: &Plan,
    provider: &str,
    consumer: &str,
    task: TaskId,
    promised: NaiveDateTime,
    note: &str,
) -> Result<Change, ModelError> {
    let c = Commitment {
        id: CommitmentId::new(),
        provider: provider.trim().to_string(),
        consumer: consumer.trim().to_string(),
        task_id: task,
        promised,
        note: note.to_string(),
    };
    c.validate_own()?;
    // A promise between two groups, each named on one line (a line break would split the
    // register's rows).
    let bad = |reason: &str| ModelError::BadCommitment {
        commitment: commitment_label(&c),
        reason: reason.into(),
    };
    if c.provider.to_lowercase() == c.consumer.to_lowercase() {
        return Err(bad(
            "a group cannot promise itself: name the group that relies on it",
        ));
    }
    if c.provider
        .chars()
        .chain(c.consumer.chars())
        .any(char::is_control)
    {
        return Err(bad(
            "a group's name is one line, without control characters",
        ));
    }
    let t =
        plan.tasks
            .iter()
            .find(|t| t.id == task)
            .ok_or_else(|| ModelError::UnknownReference {
                entity: commitment_label(&c),
                kind: "task",
                id: task.to_string(),
            })?;
    c.validate_task(t)?;
    let label = format!(
        "Add commitment: {} promises {} '{}' by {}",
        c.provider,
        c.consumer,
        t.name,
        promised.format("%Y-%m-%d")
    );
    Ok(Change {
        edits: vec![Edit::PutCommitment(c)],
        label,
    })
}

/// Deletes a commitment.
pub fn delete(plan: &Plan, id: CommitmentId) -> Result<Change, ModelError> {
    let c = plan
        .commitments
        .iter()
        .find(|c| c.id == id)
        .ok_or_else(|| ModelError::UnknownReference {
            entity: "a delete".into(),
            kind: "commitment",
            id: id.to_string(),
        })?;
    Ok(Change {
        edits: vec![Edit::DeleteCommitment(id)],
        label: format!(
            "Delete commitment of {} to {} for {}",
            c.provider,
            c.consumer,
            c.promised.format("%Y-%m-%d")
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::{schedule, ScheduleOptions};

    fn d(y: i32, m: u32, day: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, day)
            .unwrap()
            .and_hms_opt(17, 0, 0)
            .unwrap()
    }

    #[test]
    fn the_rule_table() {
        let as_of = d(2027, 3, 1).date();
        let promised = d(2027, 3, 10);
        use CommitmentState::*;
        // Done on the day, before, after.
        assert_eq!(
            state(promised, d(2027, 3, 10), Some(d(2027, 3, 10)), as_of),
            Kept
        );
        assert_eq!(
            state(promised, d(2027, 3, 2), Some(d(2027, 3, 2)), as_of),
            Kept
        );
        assert_eq!(
            state(promised, d(2027, 3, 11), Some(d(2027, 3, 11)), as_of),
            Broken
        );
        // Not done: forecast on the day is on track, a day later at risk.
        assert_eq!(state(promised, d(2027, 3, 10), None, as_of), OnTrack);
        assert_eq!(state(promised, d(2027, 3, 11), None, as_of), AtRisk);
        // Not done and the promised day has passed: broken, whatever the forecast says.
        let later = d(2027, 3, 11).date();
        assert_eq!(state(promised, d(2027, 3, 9), None, later), Broken);
        // On the promised day itself it is not yet broken.
        assert_eq!(
            state(promised, d(2027, 3, 10), None, promised.date()),
            OnTrack
        );
    }

    /// A release with a chain of two tasks and a milestone after them.
    fn plan() -> (Plan, TaskId) {
        let mut p =
            crate::template::new_plan("R1", d(2027, 1, 4).date().and_hms_opt(8, 0, 0).unwrap());
        let project = p.projects[0].id;
        let mk = |n: u32, kind: TaskKind, days: i64| Task {
            kind,
            ..Task::new(
                TaskId::from_u128(100 + n as u128),
                TaskNumber(n),
                project,
                format!("T{n}"),
                Duration::Working(WorkMinutes::days(days)),
            )
        };
        p.tasks = vec![mk(1, TaskKind::Task, 5), mk(2, TaskKind::Milestone, 0)];
        p.links = vec![Link {
            id: LinkId::from_u128(1),
            predecessor: p.tasks[0].id,
            successor: p.tasks[1].id,
            kind: LinkType::FS,
            lag: Lag::ZERO,
        }];
        let m = p.tasks[1].id;
        (p, m)
    }

    #[test]
    fn a_commitment_turns_at_risk_when_its_milestone_slips_and_groups_count_past_ones() {
        let (mut p, m) = plan();
        // The milestone lands Friday 8 January.
        let add = add(&p, "Payments", "Mobile", m, d(2027, 1, 8), "").unwrap();
        crate::edit::apply(&mut p, &add.edits[0]).unwrap();
        let as_of = d(2027, 1, 4).date();
        let s = schedule(&p, &ScheduleOptions::default()).unwrap();
        let st = assess(&p, &s, as_of);
        assert_eq!(st[0].state, CommitmentState::OnTrack, "{st:?}");
        assert_eq!(st[0].slip_days, 0);
        // Two more days of work: the milestone moves to Tuesday the 12th.
        p.tasks[0].duration = Duration::Working(WorkMinutes::days(7));
        let s = schedule(&p, &ScheduleOptions::default()).unwrap();
        let st = assess(&p, &s, as_of);
        assert_eq!(st[0].state, CommitmentState::AtRisk);
        assert_eq!(st[0].slip_days, 4);
        let g = by_provider(&st);
        assert_eq!(
            (g[0].group.as_str(), g[0].at_risk, g[0].kept_share),
            ("Payments", 1, None)
        );
        // Finished on the 12th: broken, and the group's record is 0 of 1.
        p.tasks[1].progress = Progress {
            actual_start: Some(d(2027, 1, 12)),
            actual_finish: Some(d(2027, 1, 12)),
            percent_complete: 100,
        };
        let s = schedule(&p, &ScheduleOptions::default()).unwrap();
        let g = by_provider(&assess(&p, &s, d(2027, 1, 13).date()));
        assert_eq!((g[0].broken, g[0].kept_share), (1, Some(0.0)));
    }

    #[test]
    fn only_milestones_can_be_promised_and_groups_must_be_named() {
        let (p, m) = plan();
        let task = p.tasks[0].id;
        let e = add(&p, "A", "B", task, d(2027, 1, 8), "").unwrap_err();
        assert!(matches!(e, ModelError::NotAMilestone { .. }), "{e}");
        let e = add(&p, " ", "B", m, d(2027, 1, 8), "").unwrap_err();
        assert!(matches!(e, ModelError::EmptyName { .. }), "{e}");
        let e = add(&p, "A", "B", TaskId::from_u128(9), d(2027, 1, 8), "").unwrap_err();
        assert!(matches!(e, ModelError::UnknownReference { .. }), "{e}");
        // Two groups, each named on one line.
        let e = add(&p, "Payments", " payments", m, d(2027, 1, 8), "").unwrap_err();
        assert!(e.to_string().contains("cannot promise itself"), "{e}");
        let e = add(&p, "Team\nX", "B", m, d(2027, 1, 8), "").unwrap_err();
        assert!(e.to_string().contains("one line"), "{e}");
    }

    #[test]
    fn deleting_the_milestone_deletes_its_commitments() {
        let (mut p, m) = plan();
        let c = add(&p, "A", "B", m, d(2027, 1, 8), "").unwrap();
        crate::edit::apply(&mut p, &c.edits[0]).unwrap();
        crate::edit::apply(&mut p, &Edit::DeleteTask(m)).unwrap();
        assert!(p.commitments.is_empty());
        p.validate().unwrap();
    }
}
