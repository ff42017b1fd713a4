//! `admiral import`, `schedule` and `why`.

use crate::error::CliError;
use crate::output::{human, iso, Iso, Stream, Table};
use admiral_core::schedule::{driving_chain, schedule, Schedule, ScheduleOptions};
use admiral_core::{Link, Plan, Task, TaskId, TaskMode};
use admiral_store::PlanFile;
use chrono::NaiveDateTime;
use serde::Serialize;
use std::collections::HashMap;
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
    let release = source
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Imported".into());
    let imported = admiral_interop::import_file(source, &release, opts)?;
    let label = format!("Import {}", source.display());
    let mut notes = Vec::new();
    if into.exists() {
        let mut file = PlanFile::open(into)?;
        let base = file.load()?;
        let merge = admiral_core::merge::merge_import(&base, &imported.plan)?;
        file.apply(&merge.edits, &label)?;
        notes = merge.notes;
    } else {
        admiral_core::dependency::refuse_cycle(&imported.plan, "the import")?;
        // All or nothing: a killed import leaves no file at `into`.
        PlanFile::create_with(into, &imported.plan, &label, false)?;
    }
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

#[derive(Serialize)]
#[serde(bound(serialize = "Stream<T>: Serialize"))]
struct JsonSchedule<'a, T> {
    project: JsonSpan,
    tasks: Stream<T>,
    critical_path: Vec<&'a str>,
    critical_paths: Vec<Vec<&'a str>>,
    releases: Vec<JsonRelease<'a>>,
    warnings: Vec<String>,
}

#[derive(Serialize)]
struct JsonSpan {
    start: Iso,
    finish: Iso,
}

#[derive(Serialize)]
struct JsonTask<'a> {
    key: &'a str,
    number: u32,
    name: &'a str,
    outline_level: u16,
    summary: bool,
    milestone: bool,
    /// "auto" or "manual" (MS Project's task mode).
    mode: &'static str,
    start: Iso,
    finish: Iso,
    early_start: Iso,
    early_finish: Iso,
    late_start: Iso,
    late_finish: Iso,
    total_float_min: i64,
    free_float_min: i64,
    critical: bool,
    near_critical: bool,
    driving_predecessor: Option<&'a str>,
    blocked_by_gate: Option<&'a str>,
    /// With `--baseline N`: the task's values in it (null when it has none) and its variance.
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<Option<super::baseline::JsonTaskBaseline>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    variance: Option<super::baseline::JsonVariance>,
}

#[derive(Serialize)]
struct JsonRelease<'a> {
    code: &'a str,
    name: &'a str,
    start: Iso,
    finish: Iso,
    target: Option<Iso>,
    /// Forecast minus target in working minutes; positive is late.
    delta_min: Option<i64>,
    blocked_by_gates: Vec<&'a str>,
}

fn run(plan: &Plan, status_date: Option<NaiveDateTime>) -> Result<Schedule, CliError> {
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
    let keys: HashMap<TaskId, String> = plan.tasks.iter().map(|t| (t.id, t.key())).collect();
    let key = |id: &TaskId| keys.get(id).cloned().unwrap_or_default();
    if json {
        let key = |id: &TaskId| keys.get(id).map_or("", String::as_str);
        // The tasks are written as they are formatted (no second copy of 100k rows).
        let mut against = match baseline {
            Some(n) => super::baseline::schedule_rows(plan, &s, n)?,
            None => Vec::new(),
        }
        .into_iter();
        let doc = JsonSchedule {
            project: JsonSpan {
                start: Iso(s.start),
                finish: Iso(s.finish),
            },
            tasks: Stream::new(
                plan.tasks
                    .iter()
                    .zip(&s.tasks)
                    .map(|(t, ts)| JsonTask {
                        key: key(&t.id),
                        number: t.number.0,
                        name: &t.name,
                        outline_level: t.outline_level,
                        summary: ts.summary,
                        milestone: ts.milestone,
                        mode: match t.mode {
                            TaskMode::Auto => "auto",
                            TaskMode::Manual { .. } => "manual",
                        },
                        start: Iso(ts.start),
                        finish: Iso(ts.finish),
                        early_start: Iso(ts.early_start),
                        early_finish: Iso(ts.early_finish),
                        late_start: Iso(ts.late_start),
                        late_finish: Iso(ts.late_finish),
                        total_float_min: ts.total_float.0,
                        free_float_min: ts.free_float.0,
                        critical: ts.critical,
                        near_critical: ts.near_critical,
                        driving_predecessor: ts.driving_predecessor.as_ref().map(key),
                        blocked_by_gate: ts.blocked_by_gate.as_ref().map(key),
                        baseline: None,
                        variance: None,
                    })
                    .map(|mut row| {
                        if let Some((b, v)) = against.next() {
                            row.baseline = Some(b);
                            row.variance = Some(v);
                        }
                        row
                    }),
            ),
            critical_path: s
                .critical_paths
                .first()
                .map(|p| p.iter().map(key).collect())
                .unwrap_or_default(),
            critical_paths: s
                .critical_paths
                .iter()
                .map(|p| p.iter().map(key).collect())
                .collect(),
            releases: plan
                .releases
                .iter()
                .zip(&s.releases)
                .map(|(r, f)| JsonRelease {
                    code: &r.code,
                    name: &r.name,
                    start: Iso(f.start),
                    finish: Iso(f.finish),
                    target: f.target.map(Iso),
                    delta_min: f.delta.map(|d| d.0),
                    blocked_by_gates: f.blocked_by_gates.iter().map(key).collect(),
                })
                .collect(),
            warnings: s.warnings.iter().map(|w| w.to_string()).collect(),
        };
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)?;
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
fn days(m: i64) -> String {
    if m % 480 == 0 {
        format!("{}d", m / 480)
    } else {
        format!("{:.2}d", m as f64 / 480.0)
    }
}

/// Finds a task by its key (MSPDI UID for imported tasks, else its number).
fn find<'a>(plan: &'a Plan, key: &str) -> Result<&'a Task, CliError> {
    plan.tasks
        .iter()
        .find(|t| t.key() == key)
        .or_else(|| plan.tasks.iter().find(|t| t.number.to_string() == key))
        .ok_or_else(|| CliError::Input(format!("the plan has no task with key '{key}'")))
}

#[derive(Serialize)]
struct JsonStep<'a> {
    key: String,
    name: &'a str,
    early_start: String,
    early_finish: String,
    total_float_min: i64,
    /// How this task drives the next one, e.g. "FS+2d".
    link_to_next: Option<String>,
}

/// The driving chain of one task, from what starts it to the task itself.
pub fn why(plan: &Plan, key: &str, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let task = find(plan, key)?;
    let s = run(plan, None)?;
    let chain = driving_chain(plan, &s, task.id);
    let index: HashMap<TaskId, usize> = plan
        .tasks
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id, i))
        .collect();
    let link = |a: TaskId, b: TaskId| -> Option<&Link> {
        plan.links
            .iter()
            .find(|l| l.predecessor == a && l.successor == b)
    };
    let steps: Vec<JsonStep> = chain
        .iter()
        .enumerate()
        .filter_map(|(n, id)| {
            let i = *index.get(id)?;
            let (t, ts) = (&plan.tasks[i], &s.tasks[i]);
            Some(JsonStep {
                key: t.key(),
                name: &t.name,
                early_start: iso(ts.early_start),
                early_finish: iso(ts.early_finish),
                total_float_min: ts.total_float.0,
                link_to_next: chain
                    .get(n + 1)
                    .and_then(|next| link(*id, *next))
                    .map(link_text),
            })
        })
        .collect();
    if json {
        serde_json::to_writer_pretty(&mut *out, &steps)?;
        writeln!(out)?;
        return Ok(());
    }
    let first = &plan.tasks[index[&chain[0]]];
    let origin = match first.constraint.date() {
        Some(_) => format!("its constraint ({:?})", first.constraint),
        None if first.progress.actual_start.is_some() => "its actual start".into(),
        None => "the release start".into(),
    };
    writeln!(
        out,
        "{} '{}' starts {} because:",
        task.key(),
        task.name,
        human(s.tasks[index[&task.id]].early_start)
    )?;
    for (n, step) in steps.iter().enumerate() {
        let how = if n == 0 {
            format!("set by {origin}")
        } else {
            format!(
                "after {} via {}",
                steps[n - 1].key,
                steps[n - 1].link_to_next.clone().unwrap_or_default()
            )
        };
        writeln!(
            out,
            "  {:>5}  {:<40}  {} → {}  float {}  ({how})",
            step.key,
            step.name,
            step.early_start,
            step.early_finish,
            days(step.total_float_min)
        )?;
    }
    Ok(())
}

/// "FS", "SS+2d", "FF-1d", "FS+2ed": how one task drives the next.
fn link_text(l: &Link) -> String {
    let lag = admiral_core::notation::format_lag(l.lag);
    match lag.as_str() {
        "0d" | "0ed" => format!("{:?}", l.kind),
        _ if lag.starts_with('-') => format!("{:?}{lag}", l.kind),
        _ => format!("{:?}+{lag}", l.kind),
    }
}
