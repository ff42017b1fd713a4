//! The PDF release report and MS Project import. The UI picks the files with the native
//! dialogs; these commands do the work with admiral-report and admiral-interop, as
//! `admiral report` and `admiral import` do.

use super::analysis::check_iterations;
use crate::error::{interop_error, AppError, ErrorKind};
use crate::state::AppState;
use crate::view::Snapshot;
use admiral_core::scenario::Scenario;
use admiral_core::ScenarioId;
use admiral_interop::{release_name, CsvOptions, MspdiImport, SkipKind};
use admiral_report::{Paper, PlanReport, ReportError, ReportOptions, Section};
use admiral_store::NewPlanFile;
use chrono::Local;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use tauri::State;

/// One section the report can hold, in the report's standard order.
#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct ReportSection {
    /// The name `export_report` takes ("summary", "gantt", …), as on the command line.
    pub name: String,
}

/// Paper size of the report.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum PaperSize {
    A4,
    Letter,
}

/// What the report dialog asks for.
#[derive(Clone, Debug, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ReportRequest {
    /// Section names in the order to print them (see [`report_sections`]).
    pub sections: Vec<String>,
    /// Scenarios compared with the baseline in the scenarios section.
    pub scenario_ids: Vec<ScenarioId>,
    pub paper: PaperSize,
    /// Monte Carlo iterations and seed for the schedule-risk section; without iterations, the
    /// count sized to the plan, as the CLI's (`monte_carlo::default_iterations`).
    pub iterations: Option<u32>,
    pub seed: u64,
    /// Open the PDF in the system's viewer once it is written.
    pub open_when_done: bool,
}

/// A report written and recorded in the audit trail.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ReportWritten {
    pub path: String,
    pub bytes: u32,
    /// What the audit trail records, e.g. "release report R2027.1 as of 2027-01-18 (summary,
    /// gantt) to r27.pdf".
    pub description: String,
    /// Why the system viewer could not open it, when it was asked to and could not; or why the
    /// report was not recorded in the audit trail (a read-only plan).
    pub open_error: Option<String>,
}

/// The report's sections, in its standard order.
#[tauri::command]
#[specta::specta]
pub fn report_sections() -> Vec<ReportSection> {
    Section::ALL
        .iter()
        .map(|s| ReportSection {
            name: s.name().to_string(),
        })
        .collect()
}

/// Renders the PDF release report of the open plan to `path` (on a background thread: the
/// Monte Carlo run of the risk section takes a while), records the export in the plan's
/// audit trail like `admiral report`, and opens it when asked. A report whose export cannot
/// be recorded is deleted: every report handed out is in the audit trail.
#[tauri::command]
#[specta::specta]
pub async fn export_report(
    state: State<'_, AppState>,
    path: String,
    options: ReportRequest,
) -> Result<ReportWritten, AppError> {
    let out = PathBuf::from(&path);
    let sections = options
        .sections
        .iter()
        .map(|s| s.parse::<Section>())
        .collect::<Result<Vec<_>, _>>()?;
    if sections.is_empty() {
        return Err(ReportError::NoSections.into());
    }
    // Monte Carlo always runs: the snapshot the export stores keeps P50 and P80.
    if let Some(n) = options.iterations {
        check_iterations(n)?;
    }
    let (plan, plan_path, audit, trail) = state.with(|open| {
        // Refused before any work: the plan itself, its side files, another plan, a folder,
        // a device.
        admiral_store::check_output(&out, Some(open.file.path()))?;
        let audit = admiral_report::facts::audit_summary(&mut open.file)?;
        let trail = admiral_report::facts::trail_since_last(&open.file, &open.plan)?;
        Ok((
            open.plan.clone(),
            open.file.path().to_path_buf(),
            audit,
            trail,
        ))
    })?;
    let chosen: Vec<Scenario> = options
        .scenario_ids
        .iter()
        .map(|id| {
            plan.scenarios
                .iter()
                .find(|s| s.id == *id)
                .cloned()
                .ok_or_else(|| {
                    AppError::new(ErrorKind::NotFound, "A chosen scenario no longer exists.")
                })
        })
        .collect::<Result<_, _>>()?;
    if sections.contains(&Section::Scenarios) && chosen.is_empty() {
        return Err(AppError::new(
            ErrorKind::Invalid,
            "Choose at least one scenario for the Scenarios section, or leave that section out.",
        ));
    }
    // Today, or the plan's status date when later: a report (and the snapshot it stores) is
    // never dated before the plan's own status date.
    let now = Local::now().naive_local();
    let as_of = plan.settings.status_date.map_or(now, |s| s.max(now));
    let ro = ReportOptions {
        sections: sections.clone(),
        paper: match options.paper {
            PaperSize::A4 => Paper::A4,
            PaperSize::Letter => Paper::Letter,
        },
        ..ReportOptions::default()
    };
    let iterations = options.iterations.unwrap_or_else(|| {
        admiral_core::monte_carlo::default_iterations(
            admiral_core::monte_carlo::SimulationOptions::default().iterations,
            plan.tasks.len(),
        )
    });
    let seed = options.seed;
    // The plan as it was when asked; the Monte Carlo run of the risk section takes a while.
    let (bytes, snapshot, plan, plan_path) = tauri::async_runtime::spawn_blocking(move || {
        let refs: Vec<&Scenario> = chosen.iter().collect();
        let report = PlanReport {
            plan: &plan,
            release: None,
            scenarios: &refs,
            iterations,
            seed,
            audit: Some(audit),
            as_of,
            plan_file_name: file_name(&plan_path),
        };
        let (bytes, snapshot) = admiral_report::render_plan_with_snapshot(&report, &ro, &trail)?;
        Ok::<_, ReportError>((bytes, snapshot, plan, plan_path))
    })
    .await
    .map_err(|e| AppError::new(ErrorKind::Io, format!("The report failed: {e}.")))??;

    // The store's export policy, as `admiral report` uses it: written atomically, recorded
    // in the audit trail, then put in place (not written at all if it cannot be recorded).
    let (description, note) = state.with(|open| {
        if open.file.path() != plan_path {
            return Err(AppError::new(
                ErrorKind::Invalid,
                "The plan was closed while its report was made; the report was not kept.",
            ));
        }
        let what = admiral_report::export_description(&plan, None, as_of, &sections, &out);
        let recorded = open.file.write_report(&out, &bytes, &what, &snapshot)?;
        let note = match recorded {
            admiral_store::ExportRecord::Recorded(_) => {
                // The plan held in memory gains the snapshot the export stored.
                open.plan.snapshots.push(snapshot);
                None
            }
            admiral_store::ExportRecord::ReadOnlyPlan(why) => Some(format!(
                "The report was written but not recorded in the audit trail: the plan is read-only ({why})."
            )),
        };
        Ok((what, note))
    })?;
    let rendered = bytes.len();
    let open_error = if options.open_when_done {
        open::that_detached(&out).err().map(|e| {
            format!("The report was written, but the system viewer could not open it: {e}.")
        })
    } else {
        None
    }
    .or(note);
    Ok(ReportWritten {
        path,
        bytes: u32::try_from(rendered).unwrap_or(u32::MAX),
        description,
        open_error,
    })
}

/// One item an import left out.
#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct SkippedItem {
    /// "task", "link", "calendar", "calendar part", "resource", "assignment" or "field".
    pub kind: String,
    /// Line of the item in the imported file.
    pub line: u32,
    pub reason: String,
}

/// What an import brought in and what it left out (admiral-interop's import report).
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportSummary {
    /// The imported file.
    pub source: String,
    /// The plan file it went into.
    pub into: String,
    /// Merged into an existing plan as a new release (else a new plan file).
    pub merged: bool,
    pub project_name: String,
    pub tasks: u32,
    pub links: u32,
    pub calendars: u32,
    pub resources: u32,
    pub assignments: u32,
    /// Durations MS Project marked as estimated ("5d?").
    pub estimated_durations: u32,
    pub skipped: Vec<SkippedItem>,
    /// Things imported with a change or a caveat.
    pub notes: Vec<String>,
}

/// The open plan after an import merged into it, and the import's report.
#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct Merged {
    pub snapshot: Snapshot,
    pub report: ImportSummary,
}

/// Imports an MS Project XML (or CSV) file as a new plan file at `target`, like `admiral
/// import FILE --into NEW.admiral`. The UI then opens `target`. The native save dialog has
/// already asked before replacing a file there.
#[tauri::command]
#[specta::specta]
pub fn import_new_plan(source: String, target: String) -> Result<ImportSummary, AppError> {
    if Path::new(&target) == Path::new(&source) {
        return Err(AppError::new(
            ErrorKind::Invalid,
            "Choose another file for the new plan: it would replace the file being imported.",
        ));
    }
    // As `admiral import` does: the new file is started on a second thread while the source
    // is read. All or nothing: the new file appears complete or not at all (a failed read
    // drops the started file, which removes it).
    let (imported, new) = NewPlanFile::start_during(
        Path::new(&target),
        &release_name(Path::new(&source)),
        true,
        || read(&source),
    );
    let imported = imported?;
    let new = new?;
    admiral_core::dependency::refuse_cycle(&imported.plan, "the import")?;
    new.finish(&imported.plan, &label(&source))?;
    Ok(summary(&imported, &source, &target, false))
}

/// Merges an MS Project XML (or CSV) file into the open plan as a new release, like
/// `admiral import FILE --into EXISTING.admiral`: one undoable, audited change.
#[tauri::command]
#[specta::specta]
pub fn import_into_plan(state: State<'_, AppState>, source: String) -> Result<Merged, AppError> {
    let imported = read(&source)?;
    state.with(|open| {
        let merge = admiral_core::merge::merge_import(&open.plan, &imported.plan)?;
        let snapshot = open.commit(&merge.edits, &label(&source))?;
        let into = open.file.path().to_string_lossy().into_owned();
        let mut report = summary(&imported, &source, &into, true);
        report.notes.extend(merge.notes);
        Ok(Merged { snapshot, report })
    })
}

fn read(source: &str) -> Result<MspdiImport, AppError> {
    let release = release_name(Path::new(source));
    let opts = CsvOptions {
        skip_bad_rows: false,
        start: Some(admiral_core::template::next_working_start(
            Local::now().date_naive(),
        )),
    };
    admiral_interop::import_file(source, &release, &opts).map_err(|e| interop_error(source, e))
}

fn label(source: &str) -> String {
    format!("Import {}", file_name(Path::new(source)))
}

fn summary(i: &MspdiImport, source: &str, into: &str, merged: bool) -> ImportSummary {
    let r = &i.report;
    let n = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
    ImportSummary {
        source: source.to_string(),
        into: into.to_string(),
        merged,
        project_name: r.project_name.clone(),
        tasks: n(r.tasks),
        links: n(r.links),
        calendars: n(r.calendars),
        resources: n(r.resources),
        assignments: n(r.assignments),
        estimated_durations: n(r.estimated_durations),
        skipped: r
            .skipped
            .iter()
            .map(|s| SkippedItem {
                kind: skip_kind(s.kind).to_string(),
                line: n(s.line),
                reason: s.reason.clone(),
            })
            .collect(),
        notes: r.notes.clone(),
    }
}

fn skip_kind(k: SkipKind) -> &'static str {
    match k {
        SkipKind::Task => "task",
        SkipKind::Link => "link",
        SkipKind::Calendar => "calendar",
        SkipKind::CalendarPart => "calendar part",
        SkipKind::Resource => "resource",
        SkipKind::Assignment => "assignment",
        SkipKind::Field => "field",
    }
}

fn file_name(p: &Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
