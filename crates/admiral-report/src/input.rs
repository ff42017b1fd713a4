//! What the report is made from. The plan and its schedule come from admiral-core; the
//! simulation, scenario and audit results are small summaries that the caller (the CLI) maps
//! from the core's and the store's results, so that a section without its input is left out
//! rather than filled with anything made up.

use admiral_core::schedule::Schedule;
use admiral_core::{Money, Plan, ReleaseId, TaskId, WorkMinutes};
use chrono::{NaiveDate, NaiveDateTime};

/// Everything one report is rendered from.
#[derive(Clone, Debug)]
pub struct ReportInput<'a> {
    pub plan: &'a Plan,
    /// The release the report is about; the plan's first release when `None`.
    pub release: Option<ReleaseId>,
    /// The critical-path schedule of `plan`, as computed by `admiral_core::schedule::schedule`.
    pub schedule: &'a Schedule,
    /// Monte Carlo results (section 5); the section is left out when `None`.
    pub simulation: Option<SimulationSummary>,
    /// Scenario comparisons (section 6); the section is left out when empty.
    pub scenarios: Vec<ScenarioComparison>,
    /// The plan file's audit trail (appendix); left out when `None`.
    pub audit: Option<AuditSummary>,
    /// The report's date: shown on every page and written as the PDF creation date, so the
    /// same input always gives the same text.
    pub as_of: NaiveDateTime,
    /// The plan file's name as shown on the cover, e.g. "r27.admiral".
    pub plan_file_name: String,
    /// The PDF author; the release owner when empty.
    pub author: String,
    /// The release budget, when one is set; the summary then compares it with the forecast
    /// cost.
    pub budget: Option<Money>,
}

/// A Monte Carlo run, summarised for the report.
#[derive(Clone, Debug, PartialEq)]
pub struct SimulationSummary {
    pub iterations: u32,
    pub seed: u64,
    /// (percent, finish), e.g. (50, …), (80, …), (95, …); any percents, ascending.
    pub percentiles: Vec<(u8, NaiveDateTime)>,
    /// The finish-date histogram, in date order.
    pub histogram: Vec<HistogramBin>,
    /// Probability (0–1) of finishing by the release target, when there is a target.
    pub probability_of_target: Option<f64>,
    /// Tasks by criticality index (share of iterations on the critical path, 0–1), highest
    /// first.
    pub criticality: Vec<(TaskId, f64)>,
    /// Sensitivity of the finish to each input, largest swing first.
    pub tornado: Vec<TornadoEntry>,
}

/// A histogram bin of simulated finish dates: `[start, end)` and the iterations in it.
#[derive(Clone, Debug, PartialEq)]
pub struct HistogramBin {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub count: u32,
}

/// One bar of the tornado chart: how far the release finish moves (in working minutes,
/// relative to the P50) when this input is at its low and high end.
#[derive(Clone, Debug, PartialEq)]
pub struct TornadoEntry {
    /// The task or risk that drives the swing, as named to the reader.
    pub label: String,
    pub low: WorkMinutes,
    pub high: WorkMinutes,
}

/// A scenario compared with the baseline plan.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioComparison {
    pub name: String,
    pub description: String,
    pub baseline_finish: NaiveDateTime,
    pub scenario_finish: NaiveDateTime,
    /// Milestones that moved: (task, baseline date, scenario date).
    pub milestone_deltas: Vec<(TaskId, NaiveDateTime, NaiveDateTime)>,
    pub baseline_cost: Option<Money>,
    pub scenario_cost: Option<Money>,
}

/// The state of the plan file's audit trail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditSummary {
    /// Changes recorded since the previous report (or since the plan was created).
    pub changes_since_last_report: u64,
    /// Whether the hash chain verified.
    pub chain_ok: bool,
    /// The first entry that failed verification, as the store names it.
    pub first_bad: Option<String>,
}
