use super::ids::*;
use thiserror::Error;

/// A plan that breaks a rule of the model. Each message names the entity and the field, e.g.
/// "task 14 'Load test' links to itself".
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ModelError {
    #[error("{task} has a negative duration ({minutes} min)")]
    NegativeDuration { task: String, minutes: i64 },
    #[error("{task} has a bad three-point estimate: {reason}")]
    BadEstimate { task: String, reason: String },
    #[error("{task} has a bad split: {reason}")]
    BadSplit { task: String, reason: String },
    #[error("{commitment}: {reason}")]
    BadCommitment { commitment: String, reason: String },
    #[error("{task} has percent complete {value}, which is not within 0–100")]
    PercentOutOfRange { task: String, value: u8 },
    #[error("{task} has an actual finish before its actual start")]
    ActualFinishBeforeStart { task: String },
    #[error("{task} has outline level {level} after a row of level {previous}; a row may be at most one level deeper than the row above")]
    BadOutlineLevel {
        task: String,
        level: u16,
        previous: u16,
    },
    #[error("task number {number} is used by both {first} and {second}")]
    DuplicateTaskNumber {
        number: TaskNumber,
        first: String,
        second: String,
    },
    #[error("{task} links to itself")]
    SelfLink { task: String },
    #[error("the link {predecessor} → {successor} exists twice")]
    DuplicateLink {
        predecessor: String,
        successor: String,
    },
    #[error("{entity} refers to unknown {kind} {id}")]
    UnknownReference {
        entity: String,
        kind: &'static str,
        id: String,
    },
    #[error("risk '{risk}' has probability {value}, which is not within 0–1")]
    ProbabilityOutOfRange { risk: String, value: f64 },
    #[error("risk '{risk}' has a negative schedule impact")]
    NegativeRiskImpact { risk: String },
    #[error("calendar '{calendar}' has a bad working time on {day}: {reason}")]
    BadWorkingTime {
        calendar: String,
        day: String,
        reason: String,
    },
    #[error("{entity} ends before it starts")]
    BadDateRange { entity: String },
    #[error("resource '{resource}' has {field} {value}, which must not be negative")]
    NegativeResourceValue {
        resource: String,
        field: &'static str,
        value: f64,
    },
    #[error(
        "assignment of resource '{resource}' to {task} has units {units}, which must be above 0"
    )]
    BadUnits {
        resource: String,
        task: String,
        units: f64,
    },
    #[error("{entity} has an empty name")]
    EmptyName { entity: String },
    #[error("{entity} with id {id} appears twice")]
    DuplicateId { entity: &'static str, id: String },
    /// Links that would close a dependency cycle (labels in link order, the first repeated
    /// at the end).
    #[error("{what} would close a dependency cycle: {}; nothing was changed", .tasks.join(" → "))]
    Cycle { what: String, tasks: Vec<String> },
    /// A duration, estimate or lag longer than a plan can hold.
    #[error("{task} has a {what} of {days} {unit}; at most {max_days} ({span}) is allowed")]
    TooLong {
        task: String,
        what: &'static str,
        days: i64,
        max_days: i64,
        /// "working days", or "elapsed days" for a clock length.
        unit: &'static str,
        /// What the limit is in years: "50 years of working days", or about 35 years of
        /// elapsed days (the same count of days).
        span: &'static str,
    },
    /// A date outside the years a plan can hold.
    #[error("{entity} has the date {date}, outside the years 1900 to 9999 a plan can hold")]
    DateOutOfRange { entity: String, date: String },
    /// Two releases of a plan with the same code.
    #[error("release code '{code}' is already used by release '{other}'; release codes are unique in a plan")]
    ReleaseCodeTaken { code: String, other: String },
    /// A baseline that breaks a rule (its number, its contents), or one that is not set.
    #[error("baseline {number}: {reason}")]
    BadBaseline { number: u8, reason: String },
    /// A release budget below zero.
    #[error("{release} has a negative budget ({budget})")]
    NegativeBudget { release: String, budget: String },
    /// A commitment names a task that is not a milestone or gate.
    #[error("{commitment} promises {task}, which is not a milestone or gate")]
    NotAMilestone { commitment: String, task: String },
}
