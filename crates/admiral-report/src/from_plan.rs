//! A report made straight from a plan: what its sections need beyond the plan (the schedule,
//! the Monte Carlo run, the scenario comparison) is computed here with admiral-core, so that
//! `admiral report` and the desktop app ask for a report the same way and record it the same
//! way.

use crate::{AuditSummary, ReportError, ReportInput, ReportOptions, Section};
use admiral_core::monte_carlo::{simulate, RunControl, SimulationOptions};
use admiral_core::portfolio::{analyse, Analysis};
use admiral_core::scenario::{compare, Scenario};
use admiral_core::schedule::{schedule, ScheduleOptions};
use admiral_core::snapshot::{
    milestone_trend, release_milestone_trend, since_last, Changes, TrailEvent, TrendSeries,
};
use admiral_core::{Plan, ReleaseId, Snapshot, SnapshotId};
use chrono::NaiveDateTime;
use std::path::Path;

/// A report of `plan`, with what is not in the plan itself.
pub struct PlanReport<'a> {
    pub plan: &'a Plan,
    /// The release reported on; the plan's first release when `None`.
    pub release: Option<ReleaseId>,
    /// Compared with the baseline in the scenarios section, which says there are none when
    /// this is empty.
    pub scenarios: &'a [&'a Scenario],
    /// Monte Carlo iterations and seed for the schedule-risk section.
    pub iterations: u32,
    pub seed: u64,
    /// The plan file's audit trail (appendix).
    pub audit: Option<AuditSummary>,
    /// The report's date; the plan's own status date still applies to the schedule.
    pub as_of: NaiveDateTime,
    /// The plan file's name as the cover shows it.
    pub plan_file_name: String,
}

/// Schedules the plan, runs Monte Carlo when the risk section is asked for, compares the
/// scenarios when the scenarios section is, and renders the PDF.
pub fn render_plan(r: &PlanReport, opts: &ReportOptions) -> Result<Vec<u8>, ReportError> {
    let release = crate::release_to_report(r.plan, r.release)?.id;
    let sched = schedule(r.plan, &ScheduleOptions::default())?;
    let simulation = if opts.sections.contains(&Section::Risk) {
        let mc = SimulationOptions {
            iterations: r.iterations,
            seed: r.seed,
            ..SimulationOptions::default()
        };
        Some(simulate(r.plan, &mc, &RunControl::default())?)
    } else {
        None
    };
    render_with(r, opts, release, &sched, simulation.as_ref(), None, &[])
}

#[allow(clippy::too_many_arguments)]
fn render_with(
    r: &PlanReport,
    opts: &ReportOptions,
    release: ReleaseId,
    sched: &admiral_core::schedule::Schedule,
    simulation: Option<&admiral_core::monte_carlo::SimulationResult>,
    changes: Option<&Changes>,
    trend: &[TrendSeries],
) -> Result<Vec<u8>, ReportError> {
    let sched_opts = ScheduleOptions::default();
    let comparison = if opts.sections.contains(&Section::Scenarios) && !r.scenarios.is_empty() {
        Some(compare(r.plan, r.scenarios, &sched_opts)?)
    } else {
        None
    };
    let budget = r
        .plan
        .releases
        .iter()
        .find(|x| x.id == release)
        .and_then(|x| x.budget);
    let input = ReportInput {
        plan: r.plan,
        release: Some(release),
        schedule: sched,
        simulation,
        comparison: comparison.as_ref(),
        audit: r.audit.clone(),
        as_of: r.as_of,
        plan_file_name: r.plan_file_name.clone(),
        author: String::new(),
        budget,
        changes,
        trend,
    };
    crate::render(&input, opts)
}

/// At most this many key milestones in a trend chart.
pub const TREND_SERIES: usize = 8;

/// The release report as `admiral report` and the desktop export make it: like
/// [`render_plan`], but Monte Carlo always runs (the snapshot keeps P50 and P80), the summary
/// is followed by what changed since the last report and the milestone trend, and the
/// snapshot the export stores is returned with the PDF. `trail` is the audit trail since the
/// plan's latest snapshot (`admiral_core::snapshot::latest`).
pub fn render_plan_with_snapshot(
    r: &PlanReport,
    opts: &ReportOptions,
    trail: &[TrailEvent],
) -> Result<(Vec<u8>, Snapshot), ReportError> {
    crate::release_to_report(r.plan, r.release)?;
    let analysis = analyse_for_report(r.plan, r.iterations, r.seed, r.as_of)?;
    render_analysed(r, opts, trail, &analysis)
}

/// What a release report computes from the plan alone (the schedule and Monte Carlo with
/// `iterations` and `seed`, as of `as_of`): [`render_plan_with_snapshot`]'s first half, which
/// a caller may run while it reads the audit facts the report also needs.
pub fn analyse_for_report(
    plan: &Plan,
    iterations: u32,
    seed: u64,
    as_of: NaiveDateTime,
) -> Result<Analysis, ReportError> {
    let mc = SimulationOptions {
        iterations,
        seed,
        ..SimulationOptions::default()
    };
    Ok(analyse(plan, as_of.date(), Some(&mc))?)
}

/// [`render_plan_with_snapshot`]'s second half: the PDF and the snapshot from an analysis
/// of `r.plan` made by [`analyse_for_report`] with `r`'s iterations, seed and date.
pub fn render_analysed(
    r: &PlanReport,
    opts: &ReportOptions,
    trail: &[TrailEvent],
    analysis: &Analysis,
) -> Result<(Vec<u8>, Snapshot), ReportError> {
    let release = crate::release_to_report(r.plan, r.release)?;
    let label = format!("release report {}", release.code);
    let snap = analysis.snapshot(r.plan, SnapshotId::new(), r.as_of, &label);
    let changes = since_last(r.plan, &snap, trail);
    // The release's own key milestones: the portfolio's trend shares its lines out over
    // every release and leaves the go-live out.
    let trend = release_milestone_trend(
        r.plan,
        &r.plan.snapshots,
        Some(&snap),
        TREND_SERIES,
        release.id,
    );
    let bytes = render_with(
        r,
        opts,
        release.id,
        &analysis.schedule,
        analysis.simulation.as_ref(),
        changes.as_ref(),
        &trend,
    )?;
    Ok((bytes, snap))
}

/// A portfolio report of a plan.
pub struct PortfolioReport<'a> {
    pub plan: &'a Plan,
    /// Monte Carlo iterations and seed for P50 and P80.
    pub iterations: u32,
    pub seed: u64,
    pub as_of: NaiveDateTime,
    pub plan_file_name: String,
}

/// Computes the portfolio (core's `portfolio::analyse`), what changed since the latest
/// snapshot (`trail`: the audit trail since it) and the milestone trend, renders the
/// portfolio PDF, and returns it with the snapshot the export stores.
pub fn render_portfolio_plan(
    r: &PortfolioReport,
    opts: &ReportOptions,
    trail: &[TrailEvent],
) -> Result<(Vec<u8>, Snapshot), ReportError> {
    let mc = SimulationOptions {
        iterations: r.iterations,
        seed: r.seed,
        ..SimulationOptions::default()
    };
    let analysis = analyse(r.plan, r.as_of.date(), Some(&mc))?;
    let snap = analysis.snapshot(r.plan, SnapshotId::new(), r.as_of, "portfolio report");
    let changes = since_last(r.plan, &snap, trail);
    let trend = milestone_trend(r.plan, &r.plan.snapshots, Some(&snap), TREND_SERIES);
    let input = crate::PortfolioInput {
        plan: r.plan,
        analysis: &analysis,
        changes: changes.as_ref(),
        trend: &trend,
        as_of: r.as_of,
        plan_file_name: r.plan_file_name.clone(),
    };
    let bytes = crate::render_portfolio(&input, opts)?;
    Ok((bytes, snap))
}

/// What the audit trail records for a portfolio report, e.g. "portfolio report as of
/// 2027-01-18 (3 releases) to portfolio.pdf".
pub fn portfolio_description(plan: &Plan, as_of: NaiveDateTime, out: &Path) -> String {
    format!(
        "portfolio report as of {} ({} releases) to {}",
        as_of.format("%Y-%m-%d"),
        plan.releases.len(),
        out.file_name().map_or_else(
            || out.display().to_string(),
            |n| n.to_string_lossy().into_owned()
        )
    )
}

/// What the audit trail records for an export, e.g. "release report R2027.1 as of 2027-01-18
/// (summary, gantt) to r27.pdf".
pub fn export_description(
    plan: &Plan,
    release: Option<ReleaseId>,
    as_of: NaiveDateTime,
    sections: &[Section],
    out: &Path,
) -> String {
    let code = crate::release_to_report(plan, release)
        .ok()
        .or_else(|| plan.releases.first())
        .map_or_else(String::new, |r| r.code.clone());
    let names: Vec<&str> = sections.iter().map(|s| s.name()).collect();
    format!(
        "release report {code} as of {} ({}) to {}",
        as_of.format("%Y-%m-%d"),
        names.join(", "),
        out.file_name().map_or_else(
            || out.display().to_string(),
            |n| n.to_string_lossy().into_owned()
        )
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use admiral_core::demo::demo_plan;

    fn as_of() -> NaiveDateTime {
        "2027-01-18T09:00:00".parse().unwrap()
    }

    #[test]
    fn the_description_names_release_date_sections_and_file() {
        let plan = demo_plan();
        let d = export_description(
            &plan,
            None,
            as_of(),
            &[Section::Summary, Section::Gantt],
            Path::new("/tmp/out/r27.pdf"),
        );
        let code = &plan.releases[0].code;
        assert_eq!(
            d,
            format!("release report {code} as of 2027-01-18 (summary, gantt) to r27.pdf")
        );
    }

    #[test]
    fn sections_decide_what_is_computed() {
        let plan = demo_plan();
        let scenarios: Vec<&Scenario> = plan.scenarios.iter().collect();
        let report = |sections: Vec<Section>, iterations: u32| {
            let r = PlanReport {
                plan: &plan,
                release: None,
                scenarios: &scenarios,
                iterations,
                seed: 7,
                audit: None,
                as_of: as_of(),
                plan_file_name: "demo.admiral".into(),
            };
            let opts = ReportOptions {
                sections,
                ..ReportOptions::default()
            };
            render_plan(&r, &opts)
        };
        // No risk section: Monte Carlo is not run, so its options are not even checked.
        assert!(report(vec![Section::Summary], 0).is_ok());
        // With it, a bad iteration count is Monte Carlo's error, passed on as such.
        let e = report(vec![Section::Risk], 0).unwrap_err();
        assert!(matches!(e, ReportError::Simulation(_)), "{e:?}");
        assert!(report(vec![Section::Risk, Section::Scenarios], 200).is_ok());
    }
}
