//! The parts of `admiral schedule --json` (the CLI's contract): the project's span, each task
//! as [`JsonTasks::get`] makes it, and the later top-level fields. `schedule_json` writes
//! them.

use crate::error::CliError;
use crate::output::Iso;
use admiral_core::schedule::{Schedule, TaskIndex};
use admiral_core::{Plan, TaskId, TaskMode};
use serde::Serialize;

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
    pub(super) baseline: Option<Option<&'a super::baseline::JsonTaskBaseline>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) variance: Option<&'a super::baseline::JsonVariance>,
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
    key: Key<'a>,
    percent: &'a [u8],
    against: Against,
) -> JsonTasks<'a> {
    JsonTasks {
        plan,
        s,
        key,
        percent,
        against,
    }
}

/// The tasks of the document, each made when it is written ([`JsonTasks::get`]).
pub(super) struct JsonTasks<'a> {
    plan: &'a Plan,
    s: &'a Schedule,
    key: Key<'a>,
    percent: &'a [u8],
    against: Against,
}

/// A task's key (`Task::key`: its MSPDI UID, else its number) by its id.
type Key<'a> = &'a (dyn Fn(&TaskId) -> &'a str + Sync);

/// Every task's key by its id ([`Key`]): the keys in one string, found through core's index
/// of the ids. A map holding a string for each task took about 20 ms of a 100k-task
/// `schedule --json` to make and free (`perf`).
pub(super) struct TaskKeys {
    ids: Vec<TaskId>,
    index: TaskIndex,
    text: String,
    /// Where each task's key ends in `text`, in plan order.
    ends: Vec<usize>,
}

impl TaskKeys {
    pub(super) fn of(plan: &Plan) -> Self {
        let ids: Vec<TaskId> = plan.tasks.iter().map(|t| t.id).collect();
        let (index, _) = TaskIndex::build(&ids);
        let mut text = String::with_capacity(plan.tasks.len() * 6);
        let mut ends = Vec::with_capacity(plan.tasks.len());
        for t in &plan.tasks {
            t.write_key(&mut text);
            ends.push(text.len());
        }
        TaskKeys {
            ids,
            index,
            text,
            ends,
        }
    }

    /// The key of task `id`, "" when no task has it; for an id two tasks share, the later
    /// task's (as a map made in plan order keeps).
    pub(super) fn get(&self, id: &TaskId) -> &str {
        let Some(i) = self.index.get(&self.ids, *id).map(|i| i as usize) else {
            return "";
        };
        let start = i.checked_sub(1).map_or(0, |p| self.ends[p]);
        &self.text[start..self.ends[i]]
    }
}

/// Each task's values in the baseline shown, and its variance (`--baseline N`), in plan order.
type Against = Vec<(
    Option<super::baseline::JsonTaskBaseline>,
    super::baseline::JsonVariance,
)>;

impl<'a> JsonTasks<'a> {
    pub(super) fn len(&self) -> usize {
        self.plan
            .tasks
            .len()
            .min(self.s.tasks.len())
            .min(self.percent.len())
    }

    /// Task `i` of the plan as the document has it.
    pub(super) fn get(&self, i: usize) -> JsonTask<'_> {
        let (t, ts) = (&self.plan.tasks[i], &self.s.tasks[i]);
        let plan = self.plan;
        let (baseline, variance) = match self.against.get(i) {
            Some((b, v)) => (Some(b.as_ref()), Some(v)),
            None => (None, None),
        };
        JsonTask {
            key: (self.key)(&t.id),
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
            driving_predecessor: ts.driving_predecessor.as_ref().map(self.key),
            blocked_by_gate: ts.blocked_by_gate.as_ref().map(self.key),
            percent_complete: self.percent[i],
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
    }

    #[cfg(test)]
    pub(super) fn iter(&self) -> impl Iterator<Item = JsonTask<'_>> + use<'_, 'a> {
        (0..self.len()).map(|i| self.get(i))
    }
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
                crate::output::json_string(&self.critical_path)?,
            ),
            (
                "critical_paths",
                crate::output::json_string(&self.critical_paths)?,
            ),
            ("releases", crate::output::json_string(&self.releases)?),
            ("warnings", crate::output::json_string(&self.warnings)?),
        ])
    }
}
