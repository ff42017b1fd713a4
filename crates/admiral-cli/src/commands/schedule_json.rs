//! `admiral schedule --json`, written by hand: byte for byte what serde_json's pretty printer
//! makes of the schedule (a test compares the two on plans with awkward names and with a
//! baseline), in about a quarter of the instructions. At 100k tasks the serde path spent
//! most of its time on per-field machinery: escaping constant keys, indentation and a
//! dynamic `write` call for every few bytes.
//!
//! The tasks are written as they are formatted, through a 64 KiB buffer (no second copy of
//! 100k rows); the document's small parts (project span, critical paths, releases,
//! warnings, a task's baseline and variance) go through serde_json and are indented to
//! their depth (its pretty output has a newline only between tokens: a newline inside a
//! string is written `\n`).

use crate::error::CliError;
use crate::output::Iso;
use admiral_core::schedule::Schedule;
use admiral_core::{Plan, TaskId, TaskMode};
use serde::Serialize;
use std::io::Write;

/// Flush the buffer to the output once it holds this much.
const CHUNK: usize = 1 << 16;

/// Writes `{"project": …, "tasks": […], <rest>}` as serde_json's pretty printer would;
/// `rest` is the later top-level fields in order, each pretty-printed.
pub(super) fn write<'a>(
    out: &mut dyn Write,
    project: &impl Serialize,
    tasks: impl Iterator<Item = JsonTask<'a>>,
    rest: &[(&str, String)],
) -> Result<(), crate::error::CliError> {
    let mut b: Vec<u8> = Vec::with_capacity(CHUNK + 4096);
    b.extend_from_slice(b"{\n  \"project\": ");
    nested(&mut b, &serde_json::to_string_pretty(project)?, 1);
    b.extend_from_slice(b",\n  \"tasks\": ");
    let mut any = false;
    for t in tasks {
        b.extend_from_slice(if any { b",\n    " } else { b"[\n    " });
        any = true;
        task(&mut b, &t)?;
        if b.len() >= CHUNK {
            out.write_all(&b)?;
            b.clear();
        }
    }
    b.extend_from_slice(if any { b"\n  ]" } else { b"[]" });
    for (name, pretty) in rest {
        b.extend_from_slice(b",\n  ");
        string(&mut b, name)?;
        b.extend_from_slice(b": ");
        nested(&mut b, pretty, 1);
    }
    b.extend_from_slice(b"\n}");
    out.write_all(&b)?;
    Ok(())
}

/// A pretty-printed value placed at `depth` (two spaces a level): its lines after the first
/// indented by the depth.
fn nested(b: &mut Vec<u8>, pretty: &str, depth: usize) {
    let mut lines = pretty.split('\n');
    if let Some(first) = lines.next() {
        b.extend_from_slice(first.as_bytes());
    }
    for line in lines {
        b.push(b'\n');
        b.resize(b.len() + 2 * depth, b' ');
        b.extend_from_slice(line.as_bytes());
    }
}

/// A JSON string as serde_json writes it (which escapes `"`, `\` and control characters
/// only); the common case, nothing to escape, is copied as it is.
fn string(b: &mut Vec<u8>, s: &str) -> Result<(), serde_json::Error> {
    if s.bytes().all(|c| c >= 0x20 && c != b'"' && c != b'\\') {
        b.push(b'"');
        b.extend_from_slice(s.as_bytes());
        b.push(b'"');
        Ok(())
    } else {
        serde_json::to_writer(&mut *b, s)
    }
}

fn int(b: &mut Vec<u8>, v: impl itoa::Integer) {
    b.extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
}

fn boolean(b: &mut Vec<u8>, v: bool) {
    b.extend_from_slice(if v { b"true" } else { b"false" });
}

fn time(b: &mut Vec<u8>, t: &crate::output::Iso) -> Result<(), serde_json::Error> {
    match t.bytes() {
        Some(s) => {
            b.push(b'"');
            b.extend_from_slice(&s);
            b.push(b'"');
            Ok(())
        }
        None => serde_json::to_writer(&mut *b, t),
    }
}

fn opt_string(b: &mut Vec<u8>, s: Option<&str>) -> Result<(), serde_json::Error> {
    match s {
        Some(s) => string(b, s),
        None => {
            b.extend_from_slice(b"null");
            Ok(())
        }
    }
}

/// One task object at depth 2, its fields at depth 3.
fn task(b: &mut Vec<u8>, t: &JsonTask<'_>) -> Result<(), serde_json::Error> {
    const FIELD: &[u8] = b",\n      \"";
    let key = |b: &mut Vec<u8>, name: &str| {
        b.extend_from_slice(FIELD);
        b.extend_from_slice(name.as_bytes());
        b.extend_from_slice(b"\": ");
    };
    b.extend_from_slice(b"{\n      \"key\": ");
    string(b, t.key)?;
    key(b, "number");
    int(b, t.number);
    key(b, "name");
    string(b, t.name)?;
    key(b, "outline_level");
    int(b, t.outline_level);
    key(b, "summary");
    boolean(b, t.summary);
    key(b, "milestone");
    boolean(b, t.milestone);
    key(b, "mode");
    string(b, t.mode)?;
    for (name, v) in [
        ("start", &t.start),
        ("finish", &t.finish),
        ("early_start", &t.early_start),
        ("early_finish", &t.early_finish),
        ("late_start", &t.late_start),
        ("late_finish", &t.late_finish),
    ] {
        key(b, name);
        time(b, v)?;
    }
    key(b, "total_float_min");
    int(b, t.total_float_min);
    key(b, "free_float_min");
    int(b, t.free_float_min);
    key(b, "critical");
    boolean(b, t.critical);
    key(b, "near_critical");
    boolean(b, t.near_critical);
    key(b, "driving_predecessor");
    opt_string(b, t.driving_predecessor)?;
    key(b, "blocked_by_gate");
    opt_string(b, t.blocked_by_gate)?;
    key(b, "percent_complete");
    int(b, t.percent_complete);
    key(b, "fixed_cost");
    serde_json::to_writer(&mut *b, &t.fixed_cost)?;
    key(b, "fixed_cost_accrual");
    string(b, t.fixed_cost_accrual)?;
    if let Some(segments) = &t.segments {
        key(b, "segments");
        nested(b, &serde_json::to_string_pretty(segments)?, 3);
    }
    if let Some(baseline) = &t.baseline {
        key(b, "baseline");
        nested(b, &serde_json::to_string_pretty(baseline)?, 3);
    }
    if let Some(variance) = &t.variance {
        key(b, "variance");
        nested(b, &serde_json::to_string_pretty(variance)?, 3);
    }
    b.extend_from_slice(b"\n    }");
    Ok(())
}

#[derive(Serialize)]
pub(super) struct JsonSpan {
    pub(super) start: Iso,
    pub(super) finish: Iso,
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
    /// A split task's periods of work (core's `split::segments`), from start to finish;
    /// left out for a task without splits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) segments: Option<Vec<JsonSpan>>,
    /// With `--baseline N`: the task's values in it (null when it has none) and its variance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) baseline: Option<Option<super::baseline::JsonTaskBaseline>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) variance: Option<super::baseline::JsonVariance>,
}

#[derive(Serialize)]
pub(super) struct JsonRelease<'a> {
    code: &'a str,
    name: &'a str,
    start: Iso,
    finish: Iso,
    target: Option<Iso>,
    /// Forecast minus target in working minutes; positive is late.
    delta_min: Option<i64>,
    blocked_by_gates: Vec<&'a str>,
}

/// The rows of `schedule --json`, in plan order, each with its baseline values and variance
/// when `against` has them.
pub(super) fn json_tasks<'a>(
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
                segments: (!t.splits.is_empty() && !ts.summary).then(|| {
                    admiral_core::split::segments(plan, t, ts.start, ts.finish)
                        .into_iter()
                        .map(|(start, finish)| JsonSpan {
                            start: Iso(start),
                            finish: Iso(finish),
                        })
                        .collect()
                }),
                baseline,
                variance,
            }
        })
}

/// The top-level fields of `schedule --json` after `tasks`, in order.
#[derive(Serialize)]
pub(super) struct JsonRest<'a> {
    critical_path: Vec<&'a str>,
    critical_paths: Vec<Vec<&'a str>>,
    releases: Vec<JsonRelease<'a>>,
    warnings: Vec<String>,
}

impl<'a> JsonRest<'a> {
    pub(super) fn of(plan: &'a Plan, s: &'a Schedule, key: &'a dyn Fn(&TaskId) -> &'a str) -> Self {
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
    pub(super) fn pretty(&self) -> Result<Vec<(&'static str, String)>, CliError> {
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

#[cfg(test)]
#[path = "schedule_json_tests.rs"]
mod tests;
