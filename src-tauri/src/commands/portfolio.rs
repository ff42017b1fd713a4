//! The admiral's portfolio view: the rollup of every release, the commitments between groups,
//! what changed since the last report and the milestone trend, all computed by core
//! (`portfolio::analyse`, `commitment::by_provider`, `snapshot::changes`,
//! `snapshot::milestone_trend`); and the edits behind it (commitments, release budgets,
//! forgetting a report).

use crate::error::{AppError, ErrorKind};
use crate::state::AppState;
use crate::view::Snapshot;
use admiral_core::commitment::{self, GroupRecord};
use admiral_core::monte_carlo::SimulationOptions;
use admiral_core::portfolio::{self, PortfolioRollup, DEFAULT_ITERATIONS, DEFAULT_SEED};
use admiral_core::snapshot::{self, Changes, TrendSeries};
use admiral_core::{CommitmentId, Money, ReleaseId, SnapshotId, TaskId};
use chrono::{Local, NaiveDateTime, NaiveTime};
use serde::Serialize;
use tauri::State;

/// At most this many milestones in the trend chart.
const TREND_SERIES: usize = 8;

/// Everything the Portfolio view shows.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PortfolioView {
    pub rollup: PortfolioRollup,
    /// Commitments per provider group, with each group's record.
    pub groups: Vec<GroupRecord>,
    /// Since the last report; `None` when no report was exported yet.
    pub changes: Option<Changes>,
    pub trend: Vec<TrendSeries>,
    pub currency: String,
    /// The reports the plan keeps (their snapshots), oldest first: what the next one compares
    /// with and charts.
    pub reports: Vec<ReportEntry>,
}

/// A report the plan keeps.
#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct ReportEntry {
    pub id: SnapshotId,
    /// The report's date.
    pub taken_at: NaiveDateTime,
    /// What was exported, e.g. "release report R2027.1".
    pub label: String,
}

/// The portfolio of the open plan, judged as of its status date (else today), with P50 and
/// P80 from a Monte Carlo run of [`DEFAULT_ITERATIONS`] iterations (fewer on a plan above
/// 25,000 tasks, as the CLI's), seed [`DEFAULT_SEED`]
/// (on a background thread).
#[tauri::command]
#[specta::specta]
pub async fn portfolio_view(state: State<'_, AppState>) -> Result<PortfolioView, AppError> {
    let (plan, trail_file) =
        state.with(|open| Ok((open.plan.clone(), open.file.path().to_path_buf())))?;
    let as_of = plan
        .settings
        .status_date
        .map_or_else(|| Local::now().date_naive(), |d| d.date());
    let analysis = tauri::async_runtime::spawn_blocking({
        let plan = plan.clone();
        move || {
            let mc = SimulationOptions {
                // Sized to the plan as the CLI's `portfolio` and `report --portfolio` are.
                iterations: admiral_core::monte_carlo::default_iterations(
                    DEFAULT_ITERATIONS,
                    plan.tasks.len(),
                ),
                seed: DEFAULT_SEED,
                ..SimulationOptions::default()
            };
            portfolio::analyse(&plan, as_of, Some(&mc))
        }
    })
    .await
    .map_err(|e| AppError::new(ErrorKind::Io, format!("The portfolio failed: {e}.")))??;
    let now_at: NaiveDateTime =
        as_of.and_time(NaiveTime::from_hms_opt(17, 0, 0).unwrap_or_default());
    let now = analysis.snapshot(&plan, SnapshotId::new(), now_at, "now");
    let changes = state.with(|open| {
        if open.file.path() != trail_file {
            return Err(AppError::new(
                ErrorKind::Invalid,
                "The plan was closed while its portfolio was computed.",
            ));
        }
        Ok(snapshot::changes(&plan, &now, |s, u| {
            open.file.trail_between(s, u)
        })?)
    })?;
    Ok(PortfolioView {
        groups: commitment::by_provider(&analysis.commitments),
        trend: snapshot::milestone_trend(&plan, &plan.snapshots, Some(&now), TREND_SERIES),
        rollup: analysis.rollup,
        changes,
        currency: plan.settings.currency.clone(),
        reports: snapshot::in_order(&plan.snapshots)
            .into_iter()
            .map(|s| ReportEntry {
                id: s.id,
                taken_at: s.taken_at,
                label: s.label.clone(),
            })
            .collect(),
    })
}

/// Forgets a report (one exported by mistake or misdated): later reports no longer compare
/// with it or chart it; undo brings it back (core's `snapshot::forget`).
#[tauri::command]
#[specta::specta]
pub fn forget_report(
    state: State<'_, AppState>,
    snapshot_id: SnapshotId,
) -> Result<Snapshot, AppError> {
    state.with(|open| {
        let c = snapshot::forget(&open.plan, snapshot_id)?;
        open.commit(&c.edits, &c.label)
    })
}

/// Records that `provider` promised `consumer` the milestone `task_id` for `promised`.
#[tauri::command]
#[specta::specta]
pub fn add_commitment(
    state: State<'_, AppState>,
    provider: String,
    consumer: String,
    task_id: TaskId,
    promised: NaiveDateTime,
) -> Result<Snapshot, AppError> {
    state.with(|open| {
        let c = commitment::add(&open.plan, &provider, &consumer, task_id, promised, "")?;
        open.commit(&c.edits, &c.label)
    })
}

/// Deletes a commitment.
#[tauri::command]
#[specta::specta]
pub fn delete_commitment(
    state: State<'_, AppState>,
    commitment_id: CommitmentId,
) -> Result<Snapshot, AppError> {
    state.with(|open| {
        let c = commitment::delete(&open.plan, commitment_id)?;
        open.commit(&c.edits, &c.label)
    })
}

/// Sets a release's budget in cents (`None` clears it).
#[tauri::command]
#[specta::specta]
pub fn set_release_budget(
    state: State<'_, AppState>,
    release_id: ReleaseId,
    cents: Option<i64>,
) -> Result<Snapshot, AppError> {
    state.with(|open| {
        let c = portfolio::set_budget(&open.plan, release_id, cents.map(Money))?;
        open.commit(&c.edits, &c.label)
    })
}
