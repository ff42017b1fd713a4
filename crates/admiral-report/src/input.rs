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
    /// What changed since the last report (`admiral_core::snapshot::changes`); with `trend`,
    /// printed after the summary. Neither is printed when `None` and empty.
    pub changes: Option<&'a admiral_core::snapshot::Changes>,
    /// The milestone trend (`admiral_core::snapshot::milestone_trend`).
    pub trend: &'a [admiral_core::snapshot::TrendSeries],
}

/// The state of the plan file's audit trail, as verified when the report was made.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditSummary {
    /// Changes recorded since the previous report (or since the plan was created).
    pub changes_since_last_report: u64,
    /// Whether everything that was checked held: the hash chain, every signature and, when
    /// `content_checked_at` is set, the plan's content.
    pub chain_ok: bool,
    /// The first problem verification found, as the store names it.
    pub first_bad: Option<String>,
    /// How many entries the trail holds.
    pub entries: u64,
    /// The chain head: the last entry's seq and hash (to record outside the file).
    pub head: Option<(i64, String)>,
    /// The entry whose content commitment the plan's tables were compared with; `None` when
    /// the content was not compared.
    pub content_checked_at: Option<i64>,
    /// Entries carrying a valid signature.
    pub signed_entries: u64,
    /// Entries written before the file carried signatures (and the upgrade entry itself).
    pub unsigned_before_upgrade: u64,
    /// The entry that upgraded the file to carry signatures and content commitments.
    pub upgraded_at: Option<i64>,
    /// Who signed, one line per key, e.g. "ann: 12 entries, key 3fa2c1d0e5b6a7f8…, in the
    /// exporter's trust list".
    pub signers: Vec<String>,
}
