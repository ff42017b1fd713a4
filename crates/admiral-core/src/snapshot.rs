//! Report snapshots, "what changed since the last report", and the milestone trend.
//!
//! Each report export stores a [`Snapshot`] in the plan: the forecast of every milestone and
//! gate, each release's forecast, P50, P80, cost and RAG, and each commitment's state.
//!
//! **Which two reports are compared** ([`report_pair`]): the current plan is compared with
//! the latest snapshot; when nothing has moved since it (same milestone and release
//! forecasts, costs and commitment states — the current state *is* the last report), the
//! latest snapshot is compared with the one before, so that right after an export "what
//! changed" says what that report changed.
//!
//! **What changed** ([`what_changed`]) comes from two sources: the snapshots (milestones,
//! gates and releases that moved, by how many calendar days; RAG changes; commitments that
//! changed state) and the audit trail between the two reports, given as [`TrailEvent`]s
//! (gates decided; risks opened, closed or re-rated; tasks added or removed). Events are
//! netted per entity: a task added then removed again is no change.

use crate::commitment::CommitmentStatus;
use crate::model::*;
use crate::portfolio::{release_of_tasks, PortfolioRollup};
use crate::schedule::Schedule;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The snapshot of the plan as it is: `rollup` and `commitments` computed on `schedule`.
#[allow(clippy::too_many_arguments)]
pub fn take(
    id: SnapshotId,
    plan: &Plan,
    schedule: &Schedule,
    rollup: &PortfolioRollup,
    commitments: &[CommitmentStatus],
    taken_at: NaiveDateTime,
    label: &str,
) -> Snapshot {
    let release_of = release_of_tasks(plan);
    let gates: std::collections::HashSet<TaskId> = plan.gates.iter().map(|g| g.task_id).collect();
    let milestones = plan
        .tasks
        .iter()
        .zip(&schedule.tasks)
        .filter(|(t, s)| t.id == s.task_id && t.is_milestone())
        .filter_map(|(t, s)| {
            Some(SnapshotMilestone {
                task_id: t.id,
                release_id: *release_of.get(&t.id)?,
                name: t.name.clone(),
                gate: t.kind == TaskKind::Gate || gates.contains(&t.id),
                forecast: s.finish,
            })
        })
        .collect();
    Snapshot {
        id,
        taken_at,
        label: label.to_string(),
        seed: rollup.seed.unwrap_or(0),
        iterations: rollup.iterations.unwrap_or(0),
        releases: rollup
            .releases
            .iter()
            .map(|r| SnapshotRelease {
                release_id: r.release_id,
                code: r.code.clone(),
                name: r.name.clone(),
                forecast: r.forecast_finish,
                p50: r.p50,
                p80: r.p80,
                cost: r.forecast_cost,
                rag: r.rag,
            })
            .collect(),
        milestones,
        commitments: commitments
            .iter()
            .map(|c| SnapshotCommitment {
                commitment_id: c.commitment.id,
                provider: c.commitment.provider.clone(),
                consumer: c.commitment.consumer.clone(),
                milestone: c.milestone.clone(),
                promised: c.commitment.promised,
                forecast: c.forecast,
                state: c.state,
            })
            .collect(),
    }
}

/// Whether two snapshots say the same about the plan (dates, costs, commitment states);
/// their ids, dates, labels and Monte Carlo figures do not count.
pub fn same_forecast(a: &Snapshot, b: &Snapshot) -> bool {
    let rel = |s: &Snapshot| -> Vec<(ReleaseId, NaiveDateTime, Option<Money>)> {
        s.releases
            .iter()
            .map(|r| (r.release_id, r.forecast, r.cost))
            .collect()
    };
    let ms = |s: &Snapshot| -> Vec<(TaskId, NaiveDateTime)> {
        s.milestones
            .iter()
            .map(|m| (m.task_id, m.forecast))
            .collect()
    };
    let cs = |s: &Snapshot| -> Vec<(CommitmentId, CommitmentState, NaiveDateTime)> {
        s.commitments
            .iter()
            .map(|c| (c.commitment_id, c.state, c.promised))
            .collect()
    };
    rel(a) == rel(b) && ms(a) == ms(b) && cs(a) == cs(b)
}

/// Two reports to compare: `since` (earlier) and `until` (later).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ReportPair<'a> {
    /// The plan has changed since the last report: the last report and now.
    SinceLast { since: &'a Snapshot },
    /// The plan is as the last report left it: the report before it and the last one.
    LastReport {
        since: &'a Snapshot,
        until: &'a Snapshot,
    },
}

impl<'a> ReportPair<'a> {
    pub fn since(&self) -> &'a Snapshot {
        match self {
            ReportPair::SinceLast { since } | ReportPair::LastReport { since, .. } => since,
        }
    }
}

/// The snapshots of the plan by the date of their report (reports of one date in the order
/// they were stored): the last is the latest report. Not the order they were stored in: a
/// report forgotten and brought back by undo is stored after those made since, and a report
/// made for an earlier date is history, not the latest.
pub fn in_order(snapshots: &[Snapshot]) -> Vec<&Snapshot> {
    let mut v: Vec<&Snapshot> = snapshots.iter().collect();
    v.sort_by_key(|s| s.taken_at);
    v
}

/// Which reports "what changed" compares (see the module docs); `None` when there is no
/// earlier report to compare with.
pub fn report_pair<'a>(snapshots: &'a [Snapshot], now: &Snapshot) -> Option<ReportPair<'a>> {
    let ordered = in_order(snapshots);
    let last = *ordered.last()?;
    if !same_forecast(last, now) {
        return Some(ReportPair::SinceLast { since: last });
    }
    let before = *ordered.get(ordered.len().checked_sub(2)?)?;
    Some(ReportPair::LastReport {
        since: before,
        until: last,
    })
}

/// A change to one entity recorded in the audit trail: its state before and after (`None`:
/// it did not exist).
#[derive(Clone, Debug, PartialEq)]
pub enum TrailEvent {
    Task {
        before: Option<Task>,
        after: Option<Task>,
    },
    Gate {
        before: Option<Gate>,
        after: Option<Gate>,
    },
    Risk {
        before: Option<Risk>,
        after: Option<Risk>,
    },
}

/// The kinds of change, as `admiral changes --json` names them.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    ReleaseMoved,
    RagChanged,
    MilestoneMoved,
    GateMoved,
    CommitmentChanged,
    GateDecided,
    RiskOpened,
    RiskClosed,
    RiskRerated,
    TaskAdded,
    TaskRemoved,
}

/// One thing that changed.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeItem {
    pub kind: ChangeKind,
    /// What changed, named for a reader: "R2027.1 Go/No-go".
    pub what: String,
    pub before: Option<String>,
    pub after: Option<String>,
    /// Calendar days a date moved (positive: later).
    pub delta_days: Option<i64>,
}

/// What changed between two reports.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Changes {
    pub since: NaiveDateTime,
    pub since_label: String,
    /// The later report's date; `None` when it is the plan as it is now.
    pub until: Option<NaiveDateTime>,
    pub items: Vec<ChangeItem>,
}

fn iso(d: NaiveDateTime) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn days_between(a: NaiveDateTime, b: NaiveDateTime) -> i64 {
    (b.date() - a.date()).num_days()
}

/// What changed from `since` to `until` (see the module docs). `trail` holds the audit
/// trail's events between the two, oldest first; `plan` names releases and tasks.
pub fn what_changed(
    plan: &Plan,
    since: &Snapshot,
    until: &Snapshot,
    trail: &[TrailEvent],
) -> Vec<ChangeItem> {
    let mut out = Vec::new();
    let code_of: HashMap<ReleaseId, &str> = plan
        .releases
        .iter()
        .map(|r| (r.id, r.code.as_str()))
        .chain(
            since
                .releases
                .iter()
                .map(|r| (r.release_id, r.code.as_str())),
        )
        .collect();
    let code = |r: ReleaseId| code_of.get(&r).copied().unwrap_or("?");

    let before_rel: HashMap<ReleaseId, &SnapshotRelease> =
        since.releases.iter().map(|r| (r.release_id, r)).collect();
    for r in &until.releases {
        let Some(b) = before_rel.get(&r.release_id) else {
            continue;
        };
        let delta = days_between(b.forecast, r.forecast);
        if delta != 0 {
            out.push(ChangeItem {
                kind: ChangeKind::ReleaseMoved,
                what: format!("{} {} forecast finish", r.code, r.name),
                before: Some(iso(b.forecast)),
                after: Some(iso(r.forecast)),
                delta_days: Some(delta),
            });
        }
        if b.rag != r.rag {
            out.push(ChangeItem {
                kind: ChangeKind::RagChanged,
                what: format!("{} {} status", r.code, r.name),
                before: Some(b.rag.label().to_string()),
                after: Some(r.rag.label().to_string()),
                delta_days: None,
            });
        }
    }

    let before_ms: HashMap<TaskId, &SnapshotMilestone> =
        since.milestones.iter().map(|m| (m.task_id, m)).collect();
    let mut moved: Vec<ChangeItem> = until
        .milestones
        .iter()
        .filter_map(|m| {
            let b = before_ms.get(&m.task_id)?;
            let delta = days_between(b.forecast, m.forecast);
            (delta != 0).then(|| ChangeItem {
                kind: if m.gate {
                    ChangeKind::GateMoved
                } else {
                    ChangeKind::MilestoneMoved
                },
                what: format!("{} {}", code(m.release_id), m.name),
                before: Some(iso(b.forecast)),
                after: Some(iso(m.forecast)),
                delta_days: Some(delta),
            })
        })
        .collect();
    moved.sort_by_key(|c| std::cmp::Reverse(c.delta_days.map_or(0, i64::abs)));
    out.extend(moved);

    let before_cs: HashMap<CommitmentId, &SnapshotCommitment> = since
        .commitments
        .iter()
        .map(|c| (c.commitment_id, c))
        .collect();
    for c in &until.commitments {
        let b = before_cs.get(&c.commitment_id);
        if b.is_some_and(|b| b.state == c.state) {
            continue;
        }
        out.push(ChangeItem {
            kind: ChangeKind::CommitmentChanged,
            what: format!(
                "{} → {}: {} (promised {})",
                c.provider,
                c.consumer,
                c.milestone,
                iso(c.promised)
            ),
            before: b.map(|b| b.state.label().to_string()),
            after: Some(c.state.label().to_string()),
            delta_days: b.map(|b| days_between(b.forecast, c.forecast)),
        });
    }

    out.extend(trail_changes(plan, trail));
    out
}

/// The net effect of the trail, per entity, in the order each entity first changed.
fn trail_changes(plan: &Plan, trail: &[TrailEvent]) -> Vec<ChangeItem> {
    #[derive(Default)]
    struct Net<T> {
        order: Vec<String>,
        first: HashMap<String, Option<T>>,
        last: HashMap<String, Option<T>>,
    }
    impl<T: Clone> Net<T> {
        fn add(&mut self, id: String, before: &Option<T>, after: &Option<T>) {
            if !self.first.contains_key(&id) {
                self.order.push(id.clone());
                self.first.insert(id.clone(), before.clone());
            }
            self.last.insert(id, after.clone());
        }
        fn pairs(&self) -> impl Iterator<Item = (&Option<T>, &Option<T>)> {
            self.order.iter().map(|k| (&self.first[k], &self.last[k]))
        }
    }
    let mut tasks: Net<Task> = Net {
        order: vec![],
        first: HashMap::new(),
        last: HashMap::new(),
    };
    let mut gates: Net<Gate> = Net {
        order: vec![],
        first: HashMap::new(),
        last: HashMap::new(),
    };
    let mut risks: Net<Risk> = Net {
        order: vec![],
        first: HashMap::new(),
        last: HashMap::new(),
    };
    for e in trail {
        match e {
            TrailEvent::Task { before, after } => {
                let id = before.as_ref().or(after.as_ref()).map(|t| t.id.to_string());
                if let Some(id) = id {
                    tasks.add(id, before, after);
                }
            }
            TrailEvent::Gate { before, after } => {
                let id = before.as_ref().or(after.as_ref()).map(|g| g.id.to_string());
                if let Some(id) = id {
                    gates.add(id, before, after);
                }
            }
            TrailEvent::Risk { before, after } => {
                let id = before.as_ref().or(after.as_ref()).map(|r| r.id.to_string());
                if let Some(id) = id {
                    risks.add(id, before, after);
                }
            }
        }
    }
    let mut out = Vec::new();
    let task_name = |id: TaskId| {
        plan.tasks
            .iter()
            .find(|t| t.id == id)
            .map(|t| t.name.clone())
    };
    for (b, a) in gates.pairs() {
        let (Some(b), Some(a)) = (b, a) else { continue };
        if b.state() != a.state() {
            let name = task_name(a.task_id).unwrap_or_else(|| format!("gate {}", a.id));
            out.push(ChangeItem {
                kind: ChangeKind::GateDecided,
                what: name,
                before: Some(decision(b.state()).into()),
                after: Some(decision(a.state()).into()),
                delta_days: None,
            });
        }
    }
    for (b, a) in risks.pairs() {
        let open = |r: &Risk| r.status != RiskStatus::Closed;
        let rating = |r: &Risk| {
            format!(
                "probability {:.0}%, impact {} d",
                r.probability * 100.0,
                r.schedule_impact.0 / 480
            )
        };
        let item = |kind, r: &Risk, before: Option<String>, after: Option<String>| ChangeItem {
            kind,
            what: r.title.clone(),
            before,
            after,
            delta_days: None,
        };
        match (b, a) {
            (None, Some(a)) if open(a) => {
                out.push(item(ChangeKind::RiskOpened, a, None, Some(rating(a))))
            }
            (Some(b), None) if open(b) => out.push(item(
                ChangeKind::RiskClosed,
                b,
                Some(rating(b)),
                Some("deleted".into()),
            )),
            (Some(b), Some(a)) if open(b) && !open(a) => out.push(item(
                ChangeKind::RiskClosed,
                a,
                Some(status_label(b.status).into()),
                Some(status_label(a.status).into()),
            )),
            (Some(b), Some(a)) if !open(b) && open(a) => out.push(item(
                ChangeKind::RiskOpened,
                a,
                Some(status_label(b.status).into()),
                Some(status_label(a.status).into()),
            )),
            (Some(b), Some(a))
                if open(a)
                    && (b.probability != a.probability
                        || b.schedule_impact != a.schedule_impact) =>
            {
                out.push(item(
                    ChangeKind::RiskRerated,
                    a,
                    Some(rating(b)),
                    Some(rating(a)),
                ))
            }
            _ => {}
        }
    }
    for (b, a) in tasks.pairs() {
        match (b, a) {
            (None, Some(a)) => out.push(ChangeItem {
                kind: ChangeKind::TaskAdded,
                what: format!("{} {}", a.key(), a.name),
                before: None,
                after: None,
                delta_days: None,
            }),
            (Some(b), None) => out.push(ChangeItem {
                kind: ChangeKind::TaskRemoved,
                what: format!("{} {}", b.key(), b.name),
                before: None,
                after: None,
                delta_days: None,
            }),
            _ => {}
        }
    }
    out
}

fn decision(d: Decision) -> &'static str {
    match d {
        Decision::Pending => "pending",
        Decision::Approved => "approved",
        Decision::Rejected => "rejected",
        Decision::Waived => "waived",
    }
}

fn status_label(s: RiskStatus) -> &'static str {
    match s {
        RiskStatus::Open => "open",
        RiskStatus::Mitigating => "mitigating",
        RiskStatus::Occurred => "occurred",
        RiskStatus::Closed => "closed",
    }
}

/// What changed since the last report (see the module docs): `now` is the plan's snapshot as
/// it is; `trail(since, until)` reads the audit trail between two snapshots (`until` `None`:
/// to now). `None` when the plan has no earlier report to compare with.
pub fn changes<E>(
    plan: &Plan,
    now: &Snapshot,
    trail: impl FnOnce(SnapshotId, Option<SnapshotId>) -> Result<Vec<TrailEvent>, E>,
) -> Result<Option<Changes>, E> {
    let Some(pair) = report_pair(&plan.snapshots, now) else {
        return Ok(None);
    };
    let (since, until, until_id) = match pair {
        ReportPair::SinceLast { since } => (since, now, None),
        ReportPair::LastReport { since, until } => (since, until, Some(until.id)),
    };
    let events = trail(since.id, until_id)?;
    Ok(Some(Changes {
        since: since.taken_at,
        since_label: since.label.clone(),
        until: until_id.map(|_| until.taken_at),
        items: what_changed(plan, since, until, &events),
    }))
}

/// What a new report says changed: from the latest snapshot to `now` (the report being made),
/// with `trail` the audit trail's events since that snapshot. `None` when this is the
/// plan's first report.
pub fn since_last(plan: &Plan, now: &Snapshot, trail: &[TrailEvent]) -> Option<Changes> {
    let last = *in_order(&plan.snapshots).last()?;
    Some(Changes {
        since: last.taken_at,
        since_label: last.label.clone(),
        until: None,
        items: what_changed(plan, last, now, trail),
    })
}

/// A report date typed in is at most a year after `today`. A report's snapshot stays in the
/// milestone trend of every report after it, so a date typed years ahead (2072 for 2027)
/// would stretch every later trend over decades (9999 made each later report 1.3 MB), and the
/// next report would list the changes "since 2072". The message names the latest date taken.
pub fn check_report_date(as_of: NaiveDateTime, today: NaiveDate) -> Result<(), String> {
    let limit = today + chrono::Days::new(366);
    if as_of.date() > limit {
        return Err(format!(
            "the report date {} is more than a year after today ({}): its snapshot would sit \
             in the milestone trend of every later report; give a date up to {}",
            as_of.format("%Y-%m-%d"),
            today.format("%Y-%m-%d"),
            limit.format("%Y-%m-%d")
        ));
    }
    Ok(())
}

/// Why a report's snapshot cannot be found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportSnapshotError {
    #[error("the plan keeps no report '{0}' (`admiral reports PLAN` lists them)")]
    Unknown(String),
    #[error("'{given}' begins the ids of {count} reports: give more of it")]
    Ambiguous { given: String, count: usize },
}

/// The report snapshot `id` names: its id, the start of it (as long as it names one only),
/// the last eight digits or more (as the audit list shows an id that starts with zeros), or
/// `latest`.
pub fn find<'a>(plan: &'a Plan, id: &str) -> Result<&'a Snapshot, ReportSnapshotError> {
    let given = id.trim().to_ascii_lowercase();
    // As a message repeats it: an id is 36 characters, so more is cut short.
    let shown = match id.trim().char_indices().nth(40) {
        Some((at, _)) => format!("{}…", &id.trim()[..at]),
        None => id.trim().to_string(),
    };
    if given == "latest" {
        return latest(plan).ok_or(ReportSnapshotError::Unknown(shown));
    }
    let digits: String = given.chars().filter(|c| *c != '-').collect();
    let matching = |hit: &dyn Fn(&str) -> bool| -> Vec<&Snapshot> {
        (plan.snapshots.iter())
            .filter(|s| !digits.is_empty() && hit(&s.id.0.simple().to_string()))
            .collect()
    };
    let mut found = matching(&|s| s.starts_with(&digits));
    if found.is_empty() && digits.len() >= 8 {
        found = matching(&|s| s.ends_with(&digits));
    }
    match found[..] {
        [one] => Ok(one),
        [] => Err(ReportSnapshotError::Unknown(shown)),
        _ => Err(ReportSnapshotError::Ambiguous {
            given: shown,
            count: found.len(),
        }),
    }
}

/// Forgets the snapshot a report left (one exported by mistake, or dated wrongly): later
/// reports no longer compare with it ("changes since") nor chart it (the milestone trend).
/// The PDF handed out stays in the audit trail, and an undo brings the snapshot back. (What
/// a user types names it through [`find`].)
pub fn forget(plan: &Plan, id: SnapshotId) -> Result<crate::edit::Change, ReportSnapshotError> {
    let s = (plan.snapshots.iter())
        .find(|s| s.id == id)
        .ok_or_else(|| ReportSnapshotError::Unknown(id.to_string()))?;
    Ok(crate::edit::Change {
        edits: vec![crate::edit::Edit::DeleteSnapshot(s.id)],
        label: format!(
            "Forget the report of {} ({}): later reports no longer compare with it or chart it",
            s.taken_at.format("%Y-%m-%d"),
            s.label
        ),
    })
}

/// The latest snapshot of the plan, whose trail a new report reads.
pub fn latest(plan: &Plan) -> Option<&Snapshot> {
    in_order(&plan.snapshots).last().copied()
}

/// One point of the milestone trend: at report `report`, the milestone was forecast for
/// `forecast`.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrendPoint {
    pub report: NaiveDate,
    pub forecast: NaiveDate,
}

/// One key milestone's forecasts over the reports.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrendSeries {
    pub task_id: TaskId,
    pub name: String,
    pub release_code: String,
    pub gate: bool,
    pub points: Vec<TrendPoint>,
}

/// The milestone trend (MTA) of the key milestones — gates and promised milestones — over
/// the snapshots and, last, `now` (which replaces a snapshot of the same day and leaves out
/// any dated after it). At most `max`
/// series, taken release by release in turn (the earliest-due of each first), by date.
pub fn milestone_trend(
    plan: &Plan,
    snapshots: &[Snapshot],
    now: Option<&Snapshot>,
    max: usize,
) -> Vec<TrendSeries> {
    let Some((reports, promised)) = reports_and_promised(plan, snapshots, now) else {
        return Vec::new();
    };
    let latest = reports[reports.len() - 1];
    let mut key: Vec<&SnapshotMilestone> = latest
        .milestones
        .iter()
        .filter(|m| m.gate || promised.contains(&m.task_id))
        .collect();
    key.sort_by_key(|m| m.forecast);
    // Over `max`: take them release by release in turn, so every release keeps some.
    if key.len() > max {
        let mut releases: Vec<ReleaseId> = Vec::new();
        for m in &key {
            if !releases.contains(&m.release_id) {
                releases.push(m.release_id);
            }
        }
        let mut queues: Vec<std::collections::VecDeque<&SnapshotMilestone>> = releases
            .iter()
            .map(|r| key.iter().copied().filter(|m| m.release_id == *r).collect())
            .collect();
        let mut chosen = Vec::new();
        while chosen.len() < max && queues.iter().any(|q| !q.is_empty()) {
            for q in &mut queues {
                if chosen.len() < max {
                    if let Some(m) = q.pop_front() {
                        chosen.push(m);
                    }
                }
            }
        }
        chosen.sort_by_key(|m| m.forecast);
        key = chosen;
    }
    series(plan, &reports, &key)
}

/// The milestone trend of one release, for its own report: its gates, its promised
/// milestones and its last milestone (its go-live or close), by date. At most `max` series;
/// over that, the last, then the gates, then the promised milestones, earliest-due first.
pub fn release_milestone_trend(
    plan: &Plan,
    snapshots: &[Snapshot],
    now: Option<&Snapshot>,
    max: usize,
    release: ReleaseId,
) -> Vec<TrendSeries> {
    let Some((reports, promised)) = reports_and_promised(plan, snapshots, now) else {
        return Vec::new();
    };
    let latest = reports[reports.len() - 1];
    let mine: Vec<&SnapshotMilestone> = latest
        .milestones
        .iter()
        .filter(|m| m.release_id == release)
        .collect();
    let last = mine.iter().map(|m| m.forecast).max();
    let mut key: Vec<&SnapshotMilestone> = mine
        .into_iter()
        .filter(|m| m.gate || promised.contains(&m.task_id) || Some(m.forecast) == last)
        .collect();
    // Over `max`: the last first, then the gates, then the promised milestones, each
    // earliest-due first; shown by date.
    key.sort_by_key(|m| (Some(m.forecast) != last, !m.gate, m.forecast));
    key.truncate(max);
    key.sort_by_key(|m| m.forecast);
    series(plan, &reports, &key)
}

/// The snapshots in the order they were taken, `now` last (replacing one of its day), and
/// the tasks promised in commitments; `None` when there is no report at all.
fn reports_and_promised<'a>(
    plan: &Plan,
    snapshots: &'a [Snapshot],
    now: Option<&'a Snapshot>,
) -> Option<(Vec<&'a Snapshot>, std::collections::HashSet<TaskId>)> {
    let mut reports: Vec<&Snapshot> = in_order(snapshots);
    if let Some(n) = now {
        // A report dated after this one (a date mistyped ahead) is not part of its history.
        reports.retain(|s| s.taken_at.date() < n.taken_at.date());
        reports.push(n);
    }
    if reports.is_empty() {
        return None;
    }
    let promised = plan.commitments.iter().map(|c| c.task_id).collect();
    Some((reports, promised))
}

/// Each key milestone's forecast in every report that has it.
fn series(plan: &Plan, reports: &[&Snapshot], key: &[&SnapshotMilestone]) -> Vec<TrendSeries> {
    let code_of: HashMap<ReleaseId, &str> = plan
        .releases
        .iter()
        .map(|r| (r.id, r.code.as_str()))
        .collect();
    key.iter()
        .map(|m| TrendSeries {
            task_id: m.task_id,
            name: m.name.clone(),
            release_code: code_of.get(&m.release_id).copied().unwrap_or("").into(),
            gate: m.gate,
            points: reports
                .iter()
                .filter_map(|s| {
                    let f = s.milestones.iter().find(|x| x.task_id == m.task_id)?;
                    Some(TrendPoint {
                        report: s.taken_at.date(),
                        forecast: f.forecast.date(),
                    })
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::Rag;

    fn d(y: i32, m: u32, day: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, day)
            .unwrap()
            .and_hms_opt(17, 0, 0)
            .unwrap()
    }

    /// A report is found by its id, the start of it, or `latest`; forgetting it is one
    /// deletion, whose label names the report, and the next report compares with the one
    /// before.
    #[test]
    fn a_report_is_found_and_forgotten() {
        let mut a = snap(d(2027, 1, 18), d(2027, 3, 1), CommitmentState::OnTrack);
        let mut b = snap(d(2027, 1, 25), d(2027, 3, 8), CommitmentState::AtRisk);
        a.id = SnapshotId::from_u128(0x516e_2252_0000_4000_8000_0000_0000_0001);
        b.id = SnapshotId::from_u128(0x516e_9999_0000_4000_8000_0000_0000_0002);
        b.label = "release report R1".into();
        let plan = Plan {
            snapshots: vec![a.clone(), b.clone()],
            ..Plan::default()
        };
        assert_eq!(find(&plan, "516E2252").unwrap().id, a.id);
        assert_eq!(find(&plan, &b.id.to_string()).unwrap().id, b.id);
        assert_eq!(find(&plan, " latest ").unwrap().id, b.id);
        // The audit list's short form of an id that starts with zeros: its last digits.
        let mut c = snap(d(2027, 2, 1), d(2027, 3, 8), CommitmentState::OnTrack);
        c.id = SnapshotId::from_u128(4);
        let with_c = Plan {
            snapshots: vec![a.clone(), c.clone()],
            ..Plan::default()
        };
        assert_eq!(find(&with_c, "00000004").unwrap().id, c.id);
        assert!(find(&with_c, "0004").is_err(), "a short end names nothing");
        assert_eq!(
            find(&plan, "516e").unwrap_err(),
            ReportSnapshotError::Ambiguous {
                given: "516e".into(),
                count: 2
            }
        );
        for unknown in ["", "-", "abc", "zz"] {
            assert!(
                matches!(find(&plan, unknown), Err(ReportSnapshotError::Unknown(_))),
                "{unknown:?}"
            );
        }
        assert!(find(&Plan::default(), "latest").is_err());
        let long = "f".repeat(100_000);
        let e = find(&plan, &long).unwrap_err().to_string();
        assert!(
            e.len() < 120 && e.contains(&format!("'{}…'", "f".repeat(40))),
            "{e}"
        );
        let change = forget(&plan, find(&plan, "latest").unwrap().id).unwrap();
        assert_eq!(change.edits, [crate::edit::Edit::DeleteSnapshot(b.id)]);
        assert_eq!(
            change.label,
            "Forget the report of 2027-01-25 (release report R1): later reports no longer \
             compare with it or chart it"
        );
        let after = crate::edit::apply_all(&plan, &change.edits).unwrap();
        assert_eq!(latest(&after).unwrap().id, a.id);
    }

    fn snap(at: NaiveDateTime, gate_date: NaiveDateTime, state: CommitmentState) -> Snapshot {
        let r = ReleaseId::from_u128(1);
        Snapshot {
            id: SnapshotId::new(),
            taken_at: at,
            label: "report".into(),
            seed: 1,
            iterations: 100,
            releases: vec![SnapshotRelease {
                release_id: r,
                code: "R1".into(),
                name: "One".into(),
                forecast: gate_date,
                p50: None,
                p80: None,
                cost: None,
                rag: if state == CommitmentState::AtRisk {
                    Rag::Amber
                } else {
                    Rag::Green
                },
            }],
            milestones: vec![SnapshotMilestone {
                task_id: TaskId::from_u128(7),
                release_id: r,
                name: "Go/No-go".into(),
                gate: true,
                forecast: gate_date,
            }],
            commitments: vec![SnapshotCommitment {
                commitment_id: CommitmentId::from_u128(3),
                provider: "Payments".into(),
                consumer: "Mobile".into(),
                milestone: "Go/No-go".into(),
                promised: d(2027, 4, 1),
                forecast: gate_date,
                state,
            }],
        }
    }

    fn plan() -> Plan {
        let mut p = Plan::default();
        p.releases.push(Release {
            id: ReleaseId::from_u128(1),
            code: "R1".into(),
            name: "One".into(),
            kind: ReleaseKind::Project,
            owner: String::new(),
            description: String::new(),
            start: d(2027, 1, 4),
            target: None,
            status: ReleaseStatus::Planning,
            calendar_id: None,
            budget: None,
        });
        p
    }

    #[test]
    fn a_moved_gate_a_release_and_a_commitment_are_named_with_their_delta() {
        let a = snap(d(2027, 1, 4), d(2027, 3, 30), CommitmentState::OnTrack);
        let b = snap(d(2027, 1, 11), d(2027, 4, 6), CommitmentState::AtRisk);
        let c = what_changed(&plan(), &a, &b, &[]);
        let kinds: Vec<ChangeKind> = c.iter().map(|x| x.kind).collect();
        assert_eq!(
            kinds,
            [
                ChangeKind::ReleaseMoved,
                ChangeKind::RagChanged,
                ChangeKind::GateMoved,
                ChangeKind::CommitmentChanged
            ]
        );
        let gate = &c[2];
        assert_eq!(gate.what, "R1 Go/No-go");
        assert_eq!(gate.delta_days, Some(7));
        assert_eq!(gate.before.as_deref(), Some("2027-03-30"));
        assert_eq!(c[3].before.as_deref(), Some("on track"));
        assert_eq!(c[3].after.as_deref(), Some("at risk"));
        // Nothing changed: nothing to say.
        assert!(what_changed(&plan(), &a, &a, &[]).is_empty());
    }

    #[test]
    fn the_pair_is_the_last_report_and_now_or_the_last_two_reports() {
        let a = snap(d(2027, 1, 4), d(2027, 3, 30), CommitmentState::OnTrack);
        let b = snap(d(2027, 1, 11), d(2027, 4, 6), CommitmentState::AtRisk);
        let both = vec![a.clone(), b.clone()];
        // Now differs from the latest (b): compare b with now.
        let now = snap(d(2027, 1, 18), d(2027, 4, 8), CommitmentState::AtRisk);
        assert_eq!(
            report_pair(&both, &now),
            Some(ReportPair::SinceLast { since: &both[1] })
        );
        // Now is what b said: compare a with b.
        let same = snap(d(2027, 1, 18), d(2027, 4, 6), CommitmentState::AtRisk);
        assert_eq!(
            report_pair(&both, &same),
            Some(ReportPair::LastReport {
                since: &both[0],
                until: &both[1]
            })
        );
        // One report: compare it with now while now differs; when now is what it said, there
        // is no earlier report to compare with.
        assert_eq!(
            report_pair(&both[..1], &same),
            Some(ReportPair::SinceLast { since: &both[0] })
        );
        let as_a = snap(d(2027, 1, 18), d(2027, 3, 30), CommitmentState::OnTrack);
        assert_eq!(report_pair(&both[..1], &as_a), None);
        assert_eq!(report_pair(&[], &same), None);
    }

    fn task(id: u128, name: &str) -> Task {
        Task::new(
            TaskId::from_u128(id),
            TaskNumber(id as u32),
            ProjectId::from_u128(1),
            name,
            Duration::Working(WorkMinutes::days(1)),
        )
    }

    fn risk(p: f64, status: RiskStatus) -> Risk {
        Risk {
            id: RiskId::from_u128(5),
            release_id: ReleaseId::from_u128(1),
            title: "Vendor late".into(),
            description: String::new(),
            probability: p,
            schedule_impact: WorkMinutes::days(5),
            cost_impact: Money(0),
            owner: String::new(),
            status,
            trigger: String::new(),
            mitigation: String::new(),
            contingency: String::new(),
            task_ids: vec![],
        }
    }

    #[test]
    fn the_trail_is_netted_per_entity() {
        let a = snap(d(2027, 1, 4), d(2027, 3, 30), CommitmentState::OnTrack);
        let t1 = task(1, "Added and kept");
        let t2 = task(2, "Added then removed");
        let t3 = task(3, "Removed");
        let gate_before = Gate {
            id: GateId::from_u128(1),
            task_id: TaskId::from_u128(7),
            criteria: vec![],
            approvers: vec![Approver {
                name: "A".into(),
                role: "QA".into(),
                decision: Decision::Pending,
                decided_at: None,
                comment: String::new(),
            }],
        };
        let mut gate_after = gate_before.clone();
        gate_after.approvers[0].decision = Decision::Approved;
        let trail = vec![
            TrailEvent::Task {
                before: None,
                after: Some(t1.clone()),
            },
            TrailEvent::Task {
                before: None,
                after: Some(t2.clone()),
            },
            TrailEvent::Task {
                before: Some(t2),
                after: None,
            },
            TrailEvent::Task {
                before: Some(t3),
                after: None,
            },
            TrailEvent::Gate {
                before: Some(gate_before),
                after: Some(gate_after),
            },
            TrailEvent::Risk {
                before: None,
                after: Some(risk(0.2, RiskStatus::Open)),
            },
            TrailEvent::Risk {
                before: Some(risk(0.2, RiskStatus::Open)),
                after: Some(risk(0.6, RiskStatus::Open)),
            },
        ];
        let c = what_changed(&plan(), &a, &a, &trail);
        let got: Vec<(ChangeKind, String)> = c.iter().map(|x| (x.kind, x.what.clone())).collect();
        assert_eq!(
            got,
            [
                (
                    ChangeKind::GateDecided,
                    "gate 00000000-0000-0000-0000-000000000001".to_string()
                ),
                (ChangeKind::RiskOpened, "Vendor late".to_string()),
                (
                    ChangeKind::TaskAdded,
                    format!("{} Added and kept", t1.key())
                ),
                (
                    ChangeKind::TaskRemoved,
                    format!("{} Removed", task(3, "Removed").key())
                ),
            ]
        );
        // The risk opened within the period is reported once, at its latest rating.
        assert_eq!(c[1].after.as_deref(), Some("probability 60%, impact 5 d"));
        // Closing a risk that was open.
        let closed = [TrailEvent::Risk {
            before: Some(risk(0.6, RiskStatus::Open)),
            after: Some(risk(0.6, RiskStatus::Closed)),
        }];
        let c = what_changed(&plan(), &a, &a, &closed);
        assert_eq!(c[0].kind, ChangeKind::RiskClosed);
        // A re-rating of an open risk.
        let rerated = [TrailEvent::Risk {
            before: Some(risk(0.2, RiskStatus::Open)),
            after: Some(risk(0.4, RiskStatus::Mitigating)),
        }];
        let c = what_changed(&plan(), &a, &a, &rerated);
        assert_eq!(c[0].kind, ChangeKind::RiskRerated);
    }

    #[test]
    fn the_trend_follows_key_milestones_and_now_replaces_a_same_day_report() {
        let mut p = plan();
        p.commitments.clear();
        let a = snap(d(2027, 1, 4), d(2027, 3, 30), CommitmentState::OnTrack);
        let b = snap(d(2027, 1, 11), d(2027, 4, 6), CommitmentState::AtRisk);
        let now = snap(d(2027, 1, 11), d(2027, 4, 8), CommitmentState::AtRisk);
        // A report dated ahead (2027-11-11 mistyped for 2027-01-11) is not in the history of
        // a report made before that date.
        let ahead = snap(d(2027, 11, 11), d(2027, 4, 6), CommitmentState::AtRisk);
        let t = milestone_trend(&p, &[b, ahead, a], Some(&now), 8);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].release_code, "R1");
        let pts: Vec<(NaiveDate, NaiveDate)> =
            t[0].points.iter().map(|x| (x.report, x.forecast)).collect();
        assert_eq!(
            pts,
            [
                (d(2027, 1, 4).date(), d(2027, 3, 30).date()),
                (d(2027, 1, 11).date(), d(2027, 4, 8).date())
            ]
        );
    }

    #[test]
    fn a_release_trend_keeps_to_the_release_and_keeps_its_last_milestone() {
        let mut p = plan();
        p.commitments.clear();
        let (r1, r2) = (ReleaseId::from_u128(1), ReleaseId::from_u128(2));
        let ms = |n: u128, release, gate, day| SnapshotMilestone {
            task_id: TaskId::from_u128(100 + n),
            release_id: release,
            name: format!("M{n}"),
            gate,
            forecast: d(2027, 3, day),
        };
        let mut now = snap(d(2027, 1, 11), d(2027, 4, 8), CommitmentState::OnTrack);
        // Release 1: four gates, a promised milestone, one neither gate nor promised, and a
        // last milestone (its go-live, not a gate); release 2: gates due earlier.
        now.milestones = vec![
            ms(1, r1, true, 2),
            ms(2, r1, true, 3),
            ms(3, r1, true, 4),
            ms(4, r1, true, 5),
            ms(5, r1, false, 1),
            ms(6, r1, false, 20),
            ms(7, r2, true, 1),
            ms(8, r2, true, 2),
            ms(9, r1, false, 1),
        ];
        p.commitments = vec![crate::model::Commitment {
            id: CommitmentId::from_u128(9),
            provider: "Payments".into(),
            consumer: "Mobile".into(),
            task_id: TaskId::from_u128(109),
            promised: d(2027, 3, 1),
            note: String::new(),
        }];
        let names = |t: Vec<TrendSeries>| t.into_iter().map(|s| s.name).collect::<Vec<_>>();
        let t = release_milestone_trend(&p, &[], Some(&now), 8, r1);
        assert_eq!(names(t), ["M9", "M1", "M2", "M3", "M4", "M6"]);
        // Over the limit: the last, then the gates before the promised milestone.
        let t = release_milestone_trend(&p, &[], Some(&now), 3, r1);
        assert_eq!(names(t), ["M1", "M2", "M6"]);
        // The portfolio's trend takes every release in turn and leaves the go-live out.
        let t = milestone_trend(&p, &[], Some(&now), 8);
        assert!(names(t.clone()).contains(&"M7".to_string()));
        assert!(!names(t).contains(&"M6".to_string()));
    }

    #[test]
    fn a_report_date_years_ahead_is_refused() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let at = |y, m, d| {
            NaiveDate::from_ymd_opt(y, m, d)
                .unwrap()
                .and_hms_opt(17, 0, 0)
                .unwrap()
        };
        assert!(check_report_date(at(2027, 1, 18), today).is_ok());
        assert!(check_report_date(at(2020, 1, 1), today).is_ok());
        assert!(check_report_date(at(2027, 12, 8), today).is_ok());
        let e = check_report_date(at(2072, 1, 18), today).unwrap_err();
        assert!(
            e.contains("2072-01-18 is more than a year after today (2026-12-07)"),
            "{e}"
        );
        assert!(e.ends_with("give a date up to 2027-12-08"), "{e}");
    }
}
