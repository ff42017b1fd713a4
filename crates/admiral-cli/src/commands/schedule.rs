//! `admiral import`, `export` and `schedule` (`why` is in its own module).

use super::schedule_json::{json_tasks, JsonRest, JsonSpan, TaskKeys};
use crate::error::CliError;
use crate::output::{human, Iso, Table};
use admiral_core::schedule::{schedule, Schedule, ScheduleOptions};
use admiral_core::{Plan, TaskId, MINUTES_PER_DAY};
use admiral_store::{NewPlanFile, PlanFile};
use chrono::NaiveDateTime;
use std::io::Write;
use std::path::Path;

/// Imports an MS Project XML file or a CSV task list as a new release, into a new plan file or
/// an existing one, in one transaction.
pub fn import(
    source: &Path,
    into: &Path,
    opts: &admiral_interop::CsvOptions,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let release = admiral_interop::release_name(source);
    let label = format!("Import {}", source.display());
    let mut notes = Vec::new();
    let imported = if into.exists() {
        let imported = read_source(source, &release, opts)?;
        let mut file = PlanFile::open(into)?;
        let base = file.load()?;
        let merge = admiral_core::merge::merge_import(&base, &imported.plan)?;
        file.apply(&merge.edits, &label)?;
        notes = merge.notes;
        imported
    } else {
        // The new file's schema is made on a second thread while the source is read (the
        // plan's portfolio is named after the release, so it is known before). All or
        // nothing: a failed or killed import leaves no file at `into`.
        let (imported, new) = NewPlanFile::start_during(into, &release, false, || {
            read_source(source, &release, opts)
        });
        let imported = imported?;
        let new = new?;
        admiral_core::dependency::refuse_cycle(&imported.plan, "the import")?;
        new.finish_closed(&imported.plan, &label)?;
        imported
    };
    write!(
        out,
        "imported {} into {}\n{}",
        source.display(),
        into.display(),
        imported.report
    )?;
    for n in notes {
        writeln!(out, "note: {n}")?;
    }
    Ok(())
}

/// Writes the plan (scheduled) in another tool's format with the store's export policy:
/// never over a plan, atomically, recorded in the audit trail.
pub fn export(
    file: &mut PlanFile,
    plan: &Plan,
    format: &str,
    as_of: NaiveDateTime,
    path: &Path,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let format: admiral_interop::Format = format.parse()?;
    admiral_store::check_output(path, Some(file.path()))?;
    let s = run(plan, None)?;
    let export = admiral_interop::export_plan(plan, Some(&s), format, as_of)?;
    let what = admiral_interop::export_description(plan, format, path);
    let recorded = file.write_export(path, &export.bytes, &what, false)?;
    write!(out, "wrote {}\n{}", path.display(), export.report)?;
    super::note_unrecorded(&recorded, out)?;
    Ok(())
}

/// The MS Project XML file or task list `source`, read as release `release`; an error names
/// the file before its line.
pub(super) fn read_source(
    source: &Path,
    release: &str,
    opts: &admiral_interop::CsvOptions,
) -> Result<admiral_interop::MspdiImport, CliError> {
    admiral_interop::import_file(source, release, opts)
        .map_err(|e| crate::error::in_source(source, e))
}

pub(super) fn run(plan: &Plan, status_date: Option<NaiveDateTime>) -> Result<Schedule, CliError> {
    Ok(schedule(plan, &ScheduleOptions { status_date })?)
}

/// The schedule as a table, or as the JSON the CLI promises.
pub fn print(
    plan: &Plan,
    status_date: Option<NaiveDateTime>,
    json: bool,
    baseline: Option<u8>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    if plan.tasks.is_empty() {
        return Err(CliError::Input(
            "the plan has no tasks to schedule: add tasks or import a task list (admiral import)"
                .into(),
        ));
    }
    let s = run(plan, status_date)?;
    let keys = TaskKeys::of(plan);
    let key = |id: &TaskId| keys.get(id).to_string();
    if json {
        let key = |id: &TaskId| keys.get(id);
        let against = match baseline {
            Some(n) => super::baseline::schedule_rows(plan, &s, n)?,
            None => Vec::new(),
        };
        let percent = admiral_core::progress::percent_complete(plan);
        let project = JsonSpan {
            start: Iso(s.start),
            finish: Iso(s.finish),
        };
        let tasks = json_tasks(plan, &s, &key, &percent, against);
        let rest = JsonRest::of(plan, &s, &key).pretty()?;
        super::schedule_json::write(out, &project, &tasks, &rest)?;
        writeln!(out)?;
        super::leave((s, keys, percent));
        return Ok(());
    }

    let mut t = Table::new(&[
        "ID", "Name", "Start", "Finish", "Float", "Free", "Crit", "Driver",
    ])
    .right(&[0, 4, 5]);
    for (task, ts) in plan.tasks.iter().zip(&s.tasks) {
        let indent = "  ".repeat(usize::from(task.outline_level.saturating_sub(1)));
        t.row(vec![
            task.key(),
            format!("{indent}{}", task.name),
            human(ts.start),
            human(ts.finish),
            days(ts.total_float.0),
            days(ts.free_float.0),
            if ts.critical { "yes" } else { "" }.into(),
            ts.driving_predecessor.as_ref().map(key).unwrap_or_default(),
        ]);
    }
    write!(out, "{}", t.render())?;
    writeln!(out, "\nPlan: {} → {}", human(s.start), human(s.finish))?;
    for (r, f) in plan.releases.iter().zip(&s.releases) {
        if !has_tasks(plan, r.id) {
            writeln!(out, "Release {}: no tasks to schedule", r.code)?;
            continue;
        }
        let target = match (f.target, f.delta) {
            (Some(t), Some(d)) if d.0 > 0 => format!(", target {} — {} late", human(t), days(d.0)),
            (Some(t), Some(d)) => format!(", target {} — {} to spare", human(t), days(-d.0)),
            _ => String::new(),
        };
        writeln!(
            out,
            "Release {}: finishes {}{target}",
            r.code,
            human(f.finish)
        )?;
    }
    if let Some(p) = s.critical_paths.first() {
        let names: Vec<String> = p.iter().map(key).collect();
        writeln!(out, "Critical path: {}", names.join(" → "))?;
    }
    for w in &s.warnings {
        writeln!(out, "warning: {w}")?;
    }
    Ok(())
}

/// Whether release `id` has any task (one with none has no dates to show).
fn has_tasks(plan: &Plan, id: admiral_core::ReleaseId) -> bool {
    plan.tasks.iter().any(|t| {
        plan.projects
            .iter()
            .any(|p| p.id == t.project_id && p.release_id == id)
    })
}

/// Working minutes as days with one decimal, as planners read float: `2.5d`.
pub(super) fn days(m: i64) -> String {
    if m % MINUTES_PER_DAY == 0 {
        format!("{}d", m / MINUTES_PER_DAY)
    } else {
        format!("{:.2}d", m as f64 / MINUTES_PER_DAY as f64)
    }
}
