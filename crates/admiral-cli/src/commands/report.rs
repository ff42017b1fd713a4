//! `admiral report`: the PDF release report for executives. Wiring only: the audit summary
//! comes from the store; the schedule, Monte Carlo run, comparison and PDF from
//! admiral-report's `render_plan`, which the desktop app's export uses too.

use super::scenario::find_scenario;
use crate::error::CliError;
use admiral_core::monte_carlo::{default_iterations, SimulationOptions};
use admiral_core::scenario::Scenario;
use admiral_core::Plan;
use admiral_report::{Paper, PlanReport, ReportOptions, Section};
use admiral_store::PlanFile;
use chrono::NaiveDateTime;
use std::io::Write;
use std::path::Path;

/// What `admiral report` was asked for.
pub struct ReportArgs<'a> {
    pub out: &'a Path,
    /// Comma-separated section names; every section when `None`.
    pub sections: Option<&'a str>,
    /// Scenario names or ids; every scenario of the plan when empty.
    pub scenarios: &'a [String],
    pub paper: &'a str,
    /// The report's date; when `None`, today, or the plan's status date when that is later
    /// (a report is never dated before the plan's own status date).
    pub as_of: Option<NaiveDateTime>,
    /// Monte Carlo iterations; when `None`, the default for the report sized to the plan
    /// (`admiral_core::monte_carlo::default_iterations`).
    pub iterations: Option<u32>,
    pub seed: u64,
    /// A release code (or name); the plan's first release when `None`.
    pub release: Option<&'a str>,
}

/// Parses "summary,gantt,…"; an unknown name is refused, naming it and the known ones.
pub fn parse_sections(s: &str) -> Result<Vec<Section>, CliError> {
    let sections = s
        .split(',')
        .filter(|x| !x.trim().is_empty())
        .map(str::parse::<Section>)
        .collect::<Result<Vec<_>, _>>()?;
    if sections.is_empty() {
        return Err(admiral_report::ReportError::NoSections.into());
    }
    Ok(sections)
}

pub(super) fn find_release(plan: &Plan, code: &str) -> Result<admiral_core::ReleaseId, CliError> {
    plan.releases
        .iter()
        .find(|r| r.code == code)
        .or_else(|| {
            plan.releases.iter().find(|r| {
                r.code.eq_ignore_ascii_case(code)
                    || r.name.eq_ignore_ascii_case(code)
                    || r.id.to_string() == code
            })
        })
        .map(|r| r.id)
        .ok_or_else(|| {
            let known: Vec<String> = plan
                .releases
                .iter()
                .map(|r| format!("'{}'", r.code))
                .collect();
            CliError::Input(format!(
                "the plan has no release '{code}' (it has {})",
                if known.is_empty() {
                    "none".to_string()
                } else {
                    known.join(", ")
                }
            ))
        })
}

/// The report's date: the one asked for, else now, or the plan's status date when later.
fn report_date(plan: &Plan, given: Option<NaiveDateTime>) -> Result<NaiveDateTime, CliError> {
    if let Some(d) = given {
        // A date typed years ahead would sit in the milestone trend of every later report.
        let today = chrono::Local::now().date_naive();
        admiral_core::snapshot::check_report_date(d, today)
            .map_err(|e| CliError::Input(format!("--as-of: {e}")))?;
    }
    Ok(given.unwrap_or_else(|| {
        let now = chrono::Local::now().naive_local();
        let now = chrono::Timelike::with_nanosecond(&now, 0).unwrap_or(now);
        plan.settings.status_date.map_or(now, |s| s.max(now))
    }))
}

/// `admiral report --portfolio`: renders the portfolio report, writes it atomically, then
/// records the export and its snapshot in the audit trail.
pub fn run_portfolio(
    file: &mut PlanFile,
    a: &ReportArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let paper: Paper = a.paper.parse()?;
    admiral_store::check_output(a.out, Some(file.path()))?;
    let plan = file.load()?;
    let as_of = report_date(&plan, a.as_of)?;
    let trail = admiral_report::facts::trail_since_last(file, &plan)?;
    let report = admiral_report::PortfolioReport {
        plan: &plan,
        iterations: a.iterations.unwrap_or_else(|| {
            default_iterations(
                admiral_core::portfolio::DEFAULT_ITERATIONS,
                plan.tasks.len(),
            )
        }),
        seed: a.seed,
        as_of,
        plan_file_name: file
            .path()
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    let opts = ReportOptions {
        paper,
        ..ReportOptions::default()
    };
    let (bytes, snapshot) = admiral_report::render_portfolio_plan(&report, &opts, &trail)?;
    let what = admiral_report::portfolio_description(&plan, as_of, a.out);
    let recorded = file.write_report(a.out, &bytes, &what, &snapshot)?;
    wrote(a.out, &bytes, &what, &recorded, out)
}

/// Renders the report, writes it atomically, then records the export in the audit trail.
pub fn run(file: &mut PlanFile, a: &ReportArgs, out: &mut dyn Write) -> Result<(), CliError> {
    // Everything the user typed is checked before any work is done.
    let sections = match a.sections {
        Some(s) => parse_sections(s)?,
        None => Section::ALL.to_vec(),
    };
    let paper: Paper = a.paper.parse()?;
    admiral_store::check_output(a.out, Some(file.path()))?;
    let plan = file.load()?;
    let as_of = report_date(&plan, a.as_of)?;
    let release = a.release.map(|r| find_release(&plan, r)).transpose()?;
    let chosen: Vec<&Scenario> = if a.scenarios.is_empty() {
        plan.scenarios.iter().collect()
    } else {
        a.scenarios
            .iter()
            .map(|n| find_scenario(&plan, n))
            .collect::<Result<_, _>>()?
    };
    // A plan with no release to report is refused before any work is done.
    admiral_report::release_to_report(&plan, release)?;
    let iterations = a.iterations.unwrap_or_else(|| {
        default_iterations(SimulationOptions::default().iterations, plan.tasks.len())
    });
    // The schedule and Monte Carlo need the plan only: they run while this thread reads the
    // audit facts (the chain's signatures and the trail since the last report).
    let analyse = || admiral_report::analyse_for_report(&plan, iterations, a.seed, as_of);
    let (audit, trail, analysis) = std::thread::scope(|s| {
        let analysis = std::thread::Builder::new().spawn_scoped(s, analyse);
        let audit = admiral_report::facts::audit_summary(file);
        let trail = admiral_report::facts::trail_since_last(file, &plan);
        let analysis = match analysis {
            Ok(h) => h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
            // No thread could be started: the analysis runs after the audit facts.
            Err(_) => analyse(),
        };
        (audit, trail, analysis)
    });
    let (audit, trail, analysis) = (audit?, trail?, analysis?);
    let report = PlanReport {
        plan: &plan,
        release,
        scenarios: &chosen,
        iterations,
        seed: a.seed,
        audit: Some(audit),
        as_of,
        plan_file_name: file
            .path()
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    let opts = ReportOptions {
        sections: sections.clone(),
        paper,
        ..ReportOptions::default()
    };
    let (bytes, snapshot) = admiral_report::render_analysed(&report, &opts, &trail, &analysis)?;
    let what = admiral_report::export_description(&plan, release, as_of, &sections, a.out);
    let recorded = file.write_report(a.out, &bytes, &what, &snapshot)?;
    wrote(a.out, &bytes, &what, &recorded, out)
}

/// The report written: its path, size and description, and a note when the audit trail
/// could not record it.
fn wrote(
    path: &Path,
    bytes: &[u8],
    what: &str,
    recorded: &admiral_store::ExportRecord,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    writeln!(
        out,
        "wrote {} ({} KB): {what}",
        path.display(),
        bytes.len().div_ceil(1024)
    )?;
    super::note_unrecorded(recorded, out)?;
    Ok(())
}

/// `admiral reports`: the reports the plan remembers (their snapshots), oldest first, or
/// `forget` one (core's `snapshot::find` and `snapshot::forget` name it and decide the edit
/// and its label).
pub fn reports(
    path: &Path,
    forget: Option<&str>,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    use crate::output::{human, iso, Table};
    use admiral_core::snapshot;
    let mut file = super::open(path)?;
    let plan = file.load()?;
    if let Some(id) = forget {
        let change = snapshot::forget(&plan, snapshot::find(&plan, id)?.id)?;
        file.apply(&change.edits, &change.label)?;
        writeln!(out, "{}", change.label)?;
        writeln!(out, "(`admiral undo {}` brings it back)", path.display())?;
        return Ok(());
    }
    let list = snapshot::in_order(&plan.snapshots);
    if json {
        #[derive(serde::Serialize)]
        struct JsonReport<'a> {
            id: String,
            taken_at: String,
            label: &'a str,
        }
        let v: Vec<JsonReport> = list
            .iter()
            .map(|s| JsonReport {
                id: s.id.to_string(),
                taken_at: iso(s.taken_at),
                label: &s.label,
            })
            .collect();
        crate::output::write_json(&mut *out, &v)?;
        writeln!(out)?;
        return Ok(());
    }
    if list.is_empty() {
        writeln!(
            out,
            "The plan keeps no report (none exported, or all forgotten)."
        )?;
        return Ok(());
    }
    // The whole id: a plan's ids may share their first digits (the demo's do).
    let mut t = Table::new(&["ID", "Dated", "Report"]);
    for s in &list {
        t.row(vec![s.id.to_string(), human(s.taken_at), s.label.clone()]);
    }
    write!(out, "{}", t.render())?;
    writeln!(
        out,
        "Later reports compare with the last of these and chart them all; \
         `admiral reports PLAN --forget ID` forgets one (the start of its id is enough)."
    )?;
    Ok(())
}
