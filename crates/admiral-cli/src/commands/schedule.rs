//! `admiral import`, `export` and `schedule` (`why` is in its own module).

use crate::error::CliError;
use crate::output::{human, Iso, Table};
use admiral_core::schedule::{schedule, Schedule, ScheduleOptions};
use admiral_core::{Plan, TaskId, TaskMode, MINUTES_PER_DAY};
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
pub(super) struct JsonSpan {
    start: Iso,
    finish: Iso,
}

/// One task of `schedule --json`, written by `schedule_json` in this field order (the
/// derived `Serialize` is the reference its test compares with).
#[derive(Serialize)]
pub(super) struct JsonTask<'a> {
    pub(super) key: &'a str,
    pub(super) number: u32,
    pub(super) name: &'a str,
    pub(super) outline_level: u16,
    pub(super) summary: bool,
    pub(super) milestone: bool,
    /// "auto" or "manual" (MS Project's task mode).
    pub(super) mode: &'static str,
    pub(super) start: Iso,
    pub(super) finish: Iso,
    pub(super) early_start: Iso,
    pub(super) early_finish: Iso,
    pub(super) late_start: Iso,
    pub(super) late_finish: Iso,
    pub(super) total_float_min: i64,
    pub(super) free_float_min: i64,
    pub(super) critical: bool,
    pub(super) near_critical: bool,
    pub(super) driving_predecessor: Option<&'a str>,
    pub(super) blocked_by_gate: Option<&'a str>,
    /// 0–100; a summary's rolled up from its tasks, weighted by duration (core's
    /// `progress::percent_complete`).
    pub(super) percent_complete: u8,
    /// The task's fixed cost (MS Project's Fixed Cost) and when it accrues: "start",
    /// "prorated" or "end".
    pub(super) fixed_cost: f64,
    pub(super) fixed_cost_accrual: &'static str,
    /// With `--baseline N`: the task's values in it (null when it has none) and its variance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) baseline: Option<Option<super::baseline::JsonTaskBaseline>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) variance: Option<super::baseline::JsonVariance>,
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
    let keys: HashMap<TaskId, String> = plan.tasks.iter().map(|t| (t.id, t.key())).collect();
    let key = |id: &TaskId| keys.get(id).cloned().unwrap_or_default();
    if json {
        let key = |id: &TaskId| keys.get(id).map_or("", String::as_str);
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
        super::schedule_json::write(out, &project, tasks, &rest)?;
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

/// The rows of `schedule --json`, in plan order, each with its baseline values and variance
/// when `against` has them.
fn json_tasks<'a>(
    plan: &'a Plan,
    s: &'a Schedule,
    key: &'a dyn Fn(&TaskId) -> &'a str,
    percent: &'a [u8],
    against: Vec<(
        Option<super::baseline::JsonTaskBaseline>,
        super::baseline::JsonVariance,
    )>,
) -> impl Iterator<Item = JsonTask<'a>> + 'a {
    let mut against = against.into_iter();
    plan.tasks
        .iter()
        .zip(&s.tasks)
        .zip(percent)
        .map(move |((t, ts), pct)| {
            let (baseline, variance) = match against.next() {
                Some((b, v)) => (Some(b), Some(v)),
                None => (None, None),
            };
            JsonTask {
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
                percent_complete: *pct,
                fixed_cost: t.fixed_cost.amount.as_units(),
                fixed_cost_accrual: t.fixed_cost.accrual.as_str(),
                baseline,
                variance,
            }
        })
}

/// The top-level fields of `schedule --json` after `tasks`, in order.
#[derive(Serialize)]
struct JsonRest<'a> {
    critical_path: Vec<&'a str>,
    critical_paths: Vec<Vec<&'a str>>,
    releases: Vec<JsonRelease<'a>>,
    warnings: Vec<String>,
}

impl<'a> JsonRest<'a> {
    fn of(plan: &'a Plan, s: &'a Schedule, key: &'a dyn Fn(&TaskId) -> &'a str) -> Self {
        JsonRest {
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
        }
    }

    /// Each field by name, pretty-printed.
    fn pretty(&self) -> Result<Vec<(&'static str, String)>, CliError> {
        Ok(vec![
            (
                "critical_path",
                serde_json::to_string_pretty(&self.critical_path)?,
            ),
            (
                "critical_paths",
                serde_json::to_string_pretty(&self.critical_paths)?,
            ),
            ("releases", serde_json::to_string_pretty(&self.releases)?),
            ("warnings", serde_json::to_string_pretty(&self.warnings)?),
        ])
    }
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

#[cfg(test)]
mod json_tests {
    use super::*;

    /// The document as serde_json's pretty printer writes it: what `schedule --json` wrote
    /// before `schedule_json`, and must still write.
    #[derive(Serialize)]
    struct Reference<'a> {
        project: JsonSpan,
        tasks: Vec<JsonTask<'a>>,
        #[serde(flatten)]
        rest: JsonRest<'a>,
    }

    fn reference(plan: &Plan, baseline: Option<u8>) -> String {
        let s = run(plan, None).unwrap();
        let keys: HashMap<TaskId, String> = plan.tasks.iter().map(|t| (t.id, t.key())).collect();
        let key = |id: &TaskId| keys.get(id).map_or("", String::as_str);
        let against = baseline
            .map(|n| super::super::baseline::schedule_rows(plan, &s, n).unwrap())
            .unwrap_or_default();
        let percent = admiral_core::progress::percent_complete(plan);
        let doc = Reference {
            project: JsonSpan {
                start: Iso(s.start),
                finish: Iso(s.finish),
            },
            tasks: json_tasks(plan, &s, &key, &percent, against).collect(),
            rest: JsonRest::of(plan, &s, &key),
        };
        serde_json::to_string_pretty(&doc).unwrap() + "\n"
    }

    fn written(plan: &Plan, baseline: Option<u8>) -> String {
        let mut out = Vec::new();
        print(plan, None, true, baseline, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_hand_written_json_is_serde_jsons_byte_for_byte() {
        let mut plan = admiral_core::demo::demo_plan();
        plan.tasks[3].name = "Quote \" backslash \\ tab \t newline \n bell \u{7} é 😀 </x>".into();
        plan.tasks[4].name = String::new();
        plan.releases[0].name = "R \"one\"\nsecond line".into();
        plan.tasks[5].fixed_cost.amount = admiral_core::Money::from_units(1234);
        let fast = written(&plan, None);
        assert_eq!(fast, reference(&plan, None));
        assert!(fast.contains("\"name\": \"Quote \\\" backslash"), "escaped");
        assert!(!fast.contains("\"baseline\""));

        // With a baseline: every task has one (or null) and a variance, nested two levels.
        let s = run(&plan, None).unwrap();
        let at = chrono::NaiveDate::from_ymd_opt(2027, 1, 4)
            .unwrap()
            .and_hms_opt(8, 0, 0)
            .unwrap();
        let change = admiral_core::baseline::save(&plan, &s, 1, None, None, at).unwrap();
        let mut saved = admiral_core::edit::apply_all(&plan, &change.edits).unwrap();
        saved.tasks[6].name = "Renamed after the baseline".into();
        saved.tasks.last_mut().unwrap().duration =
            admiral_core::Duration::Working(admiral_core::WorkMinutes::days(9));
        let fast = written(&saved, Some(1));
        assert_eq!(fast, reference(&saved, Some(1)));
        assert!(fast.contains("\"variance\": {"), "{}", &fast[..2000]);
    }
}
