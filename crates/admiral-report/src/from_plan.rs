//! A report made straight from a plan: what its sections need beyond the plan (the schedule,
//! the Monte Carlo run, the scenario comparison) is computed here with admiral-core, so that
//! `admiral report` and the desktop app ask for a report the same way and record it the same
//! way.

use crate::{AuditSummary, ReportError, ReportInput, ReportOptions, Section};
use admiral_core::monte_carlo::{simulate, RunControl, SimulationOptions};
use admiral_core::scenario::{compare, Scenario};
use admiral_core::schedule::{schedule, ScheduleOptions};
use admiral_core::{Plan, ReleaseId};
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
    // Before any work: a release without tasks has nothing to report.
    let release = crate::release_to_report(r.plan, r.release)?.id;
    let sched_opts = ScheduleOptions::default();
    let sched = schedule(r.plan, &sched_opts)?;
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
    let comparison = if opts.sections.contains(&Section::Scenarios) && !r.scenarios.is_empty() {
        Some(compare(r.plan, r.scenarios, &sched_opts)?)
    } else {
        None
    };
    let input = ReportInput {
        plan: r.plan,
        release: Some(release),
        schedule: &sched,
        simulation: simulation.as_ref(),
        comparison: comparison.as_ref(),
        audit: r.audit.clone(),
        as_of: r.as_of,
        plan_file_name: r.plan_file_name.clone(),
        author: String::new(),
        budget: None,
    };
    crate::render(&input, opts)
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
