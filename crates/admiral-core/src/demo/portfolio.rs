//! The demo's portfolio beyond R2027.1: two later releases that wait on it, commitments
//! between the departments, budgets, and four past report snapshots, so that the portfolio
//! view, "what changed" and the milestone trend have something to show on first open.
//!
//! - **R2027.2 "Summer 2027 Mobile Wallet"** (April–July): tokenised card payments in the
//!   mobile app. Its token vault integration waits on the Payments API of R2027.1, and its
//!   wallet SIT on R2027.1 going live.
//! - **R2027.3 "Autumn 2027 Open Banking"** (June–September): PSD2 consent and third-party
//!   access, waiting on R2027.2's tokenisation API and R2027.1's reporting.
//!
//! The snapshots are the weekly reports of 14 and 21 December 2026 and 4 and 11 January
//! 2027, before the status date (18 January). They record the plan as it was forecast then:
//! the forecasts of today moved back by a few days per release (R2027.1 has been slipping
//! week by week), with each commitment's state as the rule gave it on those dates. They
//! carry no P50 or P80 (no simulation is replayed for the past).

use super::*;
use crate::commitment;
use crate::portfolio;
use crate::schedule::{schedule, ScheduleOptions};
use crate::snapshot;
use std::collections::HashMap;

/// What the later releases need from R2027.1.
pub(super) struct R1Refs {
    pub pay_ready: TaskId,
    pub pay_freeze: TaskId,
    pub dw_ready: TaskId,
    pub live: TaskId,
    pub calendar: CalendarId,
    pub mobile_team: ResourceId,
    pub pay_team: ResourceId,
    pub data_team: ResourceId,
    pub qa_team: ResourceId,
}

/// Adds R2027.2 and R2027.3 after R2027.1's rows (R2027.1 keeps its numbers and ids).
pub(super) fn later_releases(b: &mut Builder, r1: &R1Refs) {
    // ---- R2027.2 ---------------------------------------------------------------------------
    b.release = ReleaseId::from_u128(b.next(K_RELEASE));
    b.plan.releases.push(Release {
        id: b.release,
        code: "R2027.2".into(),
        name: "Summer 2027 Mobile Wallet".into(),
        kind: ReleaseKind::Project,
        owner: MOBILE_LEAD.into(),
        description: "Tokenised card payments in the mobile app (Apple Pay, Google Pay), \
                      built on R2027.1's Payments API."
            .into(),
        start: at(2027, 4, 5, 8, 0),
        target: Some(at(2027, 7, 30, 17, 0)),
        status: ReleaseStatus::Planning,
        calendar_id: Some(r1.calendar),
        budget: Some(Money::from_units(380_000)),
    });
    b.project(
        "Wallet Tokenisation Service",
        "Payments Engineering",
        PAYMENTS_LEAD,
    );
    b.summary(1, "Wallet Tokenisation Service", PAYMENTS_LEAD);
    let vault = b.task3(2, "Token vault integration", (15, 20, 30), PAYMENTS_LEAD);
    b.last().constraint = Constraint::Snet(at(2027, 4, 5, 8, 0));
    b.assign(vault, r1.pay_team, 2.0);
    let token_ready = b.milestone(2, "Tokenisation API ready", PAYMENTS_LEAD);
    b.fs(vault, token_ready);
    b.link(r1.pay_ready, vault, LinkType::FS, lag_days(10));

    b.project("Mobile Wallet", "Digital Channels", MOBILE_LEAD);
    b.summary(1, "Mobile Wallet", MOBILE_LEAD);
    let ux = b.task3(2, "Wallet UX design", (8, 10, 15), MOBILE_LEAD);
    b.assign(ux, r1.mobile_team, 1.0);
    // The wallet's screens follow the payments flows R2027.1 freezes.
    b.fs(r1.pay_freeze, ux);
    let build = b.task3(2, "Wallet build (iOS & Android)", (25, 30, 42), MOBILE_LEAD);
    b.assign(build, r1.mobile_team, 3.0);
    b.fs(ux, build);
    let complete = b.milestone(2, "Wallet feature complete", MOBILE_LEAD);
    b.fs(build, complete);
    let sit = b.task3(2, "Wallet SIT", (8, 10, 16), QA_LEAD);
    b.assign(sit, r1.qa_team, 2.0);
    b.fs(complete, sit);
    b.fs(token_ready, sit);
    b.fs(r1.live, sit);
    let gate_w = b.gate_task(2, "Gate W: Wallet go-live", CHANGE_MANAGER);
    b.fs(sit, gate_w);
    let store = b.deployment(2, "Wallet store release", days(1), MOBILE_LEAD);
    b.fs(gate_w, store);
    let live2 = b.milestone(2, "R2027.2 live", MOBILE_LEAD);
    b.fs(store, live2);
    b.gate(
        gate_w,
        &[
            ("Wallet SIT exit criteria met", false),
            ("Card scheme certification letter", false),
        ],
        vec![
            pending(CHANGE_MANAGER, "Change manager"),
            pending(BUSINESS_OWNER, "Business owner"),
        ],
    );

    // ---- R2027.3 ---------------------------------------------------------------------------
    b.release = ReleaseId::from_u128(b.next(K_RELEASE));
    b.plan.releases.push(Release {
        id: b.release,
        code: "R2027.3".into(),
        name: "Autumn 2027 Open Banking".into(),
        kind: ReleaseKind::Project,
        owner: RELEASE_MANAGER.into(),
        description: "PSD2 consent management and third-party provider access, with the \
                      regulatory reporting extension."
            .into(),
        start: at(2027, 6, 1, 8, 0),
        target: Some(at(2027, 9, 30, 17, 0)),
        status: ReleaseStatus::Planning,
        calendar_id: Some(r1.calendar),
        budget: Some(Money::from_units(150_000)),
    });
    b.project("Open Banking APIs", "Payments Engineering", PAYMENTS_LEAD);
    b.summary(1, "Open Banking APIs", PAYMENTS_LEAD);
    let consent = b.task3(2, "PSD2 consent service", (20, 25, 35), PAYMENTS_LEAD);
    b.assign(consent, r1.pay_team, 2.0);
    b.fs(token_ready, consent);
    // Open banking goes live on the wallet's token flows once the wallet is live.
    b.fs(live2, consent);
    let tpp = b.task3(
        2,
        "Third-party provider onboarding",
        (10, 15, 25),
        PAYMENTS_LEAD,
    );
    b.assign(tpp, r1.pay_team, 1.0);
    b.fs(consent, tpp);
    let sandbox = b.milestone(2, "Open Banking sandbox live", PAYMENTS_LEAD);
    b.fs(tpp, sandbox);

    b.project("Regulatory Reporting", "Data & Analytics", DATA_LEAD);
    b.summary(1, "Regulatory Reporting", DATA_LEAD);
    let report = b.task3(2, "PSD2 reporting extension", (10, 15, 22), DATA_LEAD);
    b.last().constraint = Constraint::Snet(at(2027, 6, 1, 8, 0));
    b.assign(report, r1.data_team, 1.0);
    b.fs(r1.dw_ready, report);
    let gate_o = b.gate_task(2, "Gate O: Open Banking go-live", CHANGE_MANAGER);
    b.fs(sandbox, gate_o);
    b.fs(report, gate_o);
    let live3 = b.milestone(2, "R2027.3 live", RELEASE_MANAGER);
    b.fs(gate_o, live3);
    b.gate(
        gate_o,
        &[
            ("Consent flows approved by the regulator", false),
            ("Reporting extension reconciled", false),
        ],
        vec![
            pending(CHANGE_MANAGER, "Change manager"),
            pending(DPO, "Data protection officer"),
        ],
    );
}

/// Commitment and snapshot ids: kinds 12 and 13 of the demo's id namespaces.
fn commitment_id(n: u128) -> CommitmentId {
    CommitmentId::from_u128((13u128 << 64) | n)
}
fn snapshot_id(n: u128) -> SnapshotId {
    SnapshotId::from_u128((14u128 << 64) | n)
}

/// The demo's report dates, oldest first, and how many days earlier than today's forecast
/// each release's dates were forecast then (by release code).
const HISTORY: [((i32, u32, u32), [i64; 3]); 4] = [
    ((2026, 12, 14), [-14, -7, -7]),
    ((2026, 12, 21), [-11, -7, -7]),
    ((2027, 1, 4), [-7, -4, -7]),
    ((2027, 1, 11), [-4, 0, -3]),
];

/// The weekday on or before `d`.
fn weekday_back(d: NaiveDateTime) -> NaiveDateTime {
    use chrono::{Datelike, Weekday};
    let mut d = d;
    while matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
        d -= chrono::Duration::days(1);
    }
    d
}

/// Adds the commitments between groups and the four past snapshots (see the module docs).
pub(super) fn commitments_and_history(plan: &mut Plan) {
    commitments(plan);
    history(plan);
}

/// The eight commitments between groups, and R2027.1's budget.
fn commitments(plan: &mut Plan) {
    let task = |name: &str| {
        plan.tasks
            .iter()
            .find(|t| t.name == name)
            .map(|t| t.id)
            .expect("a demo milestone")
    };
    let promise =
        |n: u128, provider: &str, consumer: &str, id: TaskId, d: NaiveDateTime| Commitment {
            id: commitment_id(n),
            provider: provider.into(),
            consumer: consumer.into(),
            task_id: id,
            promised: d,
            note: String::new(),
        };
    plan.commitments = vec![
        promise(
            1,
            "Enterprise Release Management",
            "Payments Engineering",
            task("Gate 1: Scope freeze"),
            at(2027, 1, 15, 17, 0),
        ),
        promise(
            2,
            "Payments Engineering",
            "Integration & Test",
            task("Payments API ready for SIT"),
            at(2027, 3, 5, 17, 0),
        ),
        promise(
            3,
            "Platform Engineering",
            "Digital Channels",
            task("Identity ready for SIT"),
            at(2027, 3, 19, 17, 0),
        ),
        promise(
            4,
            "Core Systems",
            "Integration & Test",
            task("Core Banking Adapter ready for SIT"),
            at(2027, 3, 12, 17, 0),
        ),
        promise(
            5,
            "Payments Engineering",
            "Digital Channels",
            task("Tokenisation API ready"),
            at(2027, 6, 18, 17, 0),
        ),
        promise(
            6,
            "Digital Channels",
            "Enterprise Release Management",
            task("R2027.2 live"),
            at(2027, 7, 30, 17, 0),
        ),
        promise(
            7,
            "Data & Analytics",
            "Payments Engineering",
            task("Reporting ready for SIT"),
            at(2027, 3, 26, 17, 0),
        ),
        promise(
            8,
            "Enterprise Architecture",
            "Enterprise Release Management",
            task("Gate 2: Architecture & security design review"),
            at(2027, 1, 15, 17, 0),
        ),
    ];
    // Budgets of R2027.1 (the later releases set theirs when created).
    if let Some(r) = plan.releases.first_mut() {
        r.budget = Some(Money::from_units(1_150_000));
    }
}

/// The four past weekly snapshots: the plan as scheduled now, each release's forecasts moved
/// by its shift in `HISTORY`, milestones done by then as they happened.
fn history(plan: &mut Plan) {
    let Ok(sched) = schedule(plan, &ScheduleOptions::default()) else {
        return;
    };
    let status = plan
        .settings
        .status_date
        .map_or_else(|| date(2027, 1, 18), |d| d.date());
    let rollup = portfolio::rollup(plan, &sched, None, status);
    let states = commitment::assess(plan, &sched, status);
    let now = snapshot::take(
        snapshot_id(0),
        plan,
        &sched,
        &rollup,
        &states,
        at(2027, 1, 18, 17, 0),
        "now",
    );
    let index: HashMap<ReleaseId, usize> = plan
        .releases
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id, i))
        .collect();
    let release_of_commitment: HashMap<CommitmentId, ReleaseId> = plan
        .commitments
        .iter()
        .filter_map(|c| {
            let m = now.milestones.iter().find(|m| m.task_id == c.task_id)?;
            Some((c.id, m.release_id))
        })
        .collect();
    let actual: HashMap<TaskId, Option<NaiveDateTime>> = plan
        .tasks
        .iter()
        .map(|t| (t.id, t.progress.actual_finish))
        .collect();
    for (n, ((y, m, d), shifts)) in HISTORY.iter().enumerate() {
        let taken = at(*y, *m, *d, 17, 0);
        let shift = |r: ReleaseId, when: NaiveDateTime| {
            let s = index.get(&r).map_or(0, |i| shifts[(*i).min(2)]);
            weekday_back(when + chrono::Duration::days(s))
        };
        let mut s = now.clone();
        s.id = snapshot_id(n as u128 + 1);
        s.taken_at = taken;
        s.label = "weekly portfolio report".into();
        for r in &mut s.releases {
            r.forecast = shift(r.release_id, r.forecast);
            // An earlier, more hopeful plan: R2027.1 was still green before it slipped.
            if n < 2 {
                r.rag = crate::status::Rag::Green;
            }
        }
        for ms in &mut s.milestones {
            // Done before the report: as it happened.
            let done = actual
                .get(&ms.task_id)
                .copied()
                .flatten()
                .filter(|f| *f <= taken);
            ms.forecast = done.unwrap_or_else(|| shift(ms.release_id, ms.forecast));
        }
        for c in &mut s.commitments {
            let r = release_of_commitment.get(&c.commitment_id).copied();
            let forecast = r.map_or(c.forecast, |r| shift(r, c.forecast));
            let done = plan
                .commitments
                .iter()
                .find(|x| x.id == c.commitment_id)
                .and_then(|x| actual.get(&x.task_id).copied().flatten())
                .filter(|f| *f <= taken);
            c.forecast = done.unwrap_or(forecast);
            c.state = commitment::state(c.promised, c.forecast, done, taken.date());
        }
        plan.snapshots.push(s);
    }
}
