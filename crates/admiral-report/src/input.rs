//! What the report is made from. The plan, its schedule, the Monte Carlo result and the
//! scenario comparison come from admiral-core as they are; the audit summary comes from the
//! store (through the caller). A section without its input is left out rather than filled
//! with anything made up.

use admiral_core::monte_carlo::SimulationResult;
use admiral_core::scenario::Comparison;
use admiral_core::schedule::Schedule;
use admiral_core::{Money, Plan, ReleaseId};
use chrono::NaiveDateTime;

/// Everything one report is rendered from.
#[derive(Clone, Debug)]
pub struct ReportInput<'a> {
    pub plan: &'a Plan,
    /// The release the report is about; the plan's first release when `None`.
    pub release: Option<ReleaseId>,
    /// The critical-path schedule of `plan`, as computed by `admiral_core::schedule::schedule`.
    pub schedule: &'a Schedule,
    /// Monte Carlo results, from `admiral_core::monte_carlo::simulate` (section 5); the
    /// section is left out when `None`.
    pub simulation: Option<&'a SimulationResult>,
    /// The baseline against scenarios, from `admiral_core::scenario::compare` (section 6); the
    /// section is left out when `None` or when it holds no scenario.
    pub comparison: Option<&'a Comparison>,
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
