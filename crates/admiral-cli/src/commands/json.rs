//! The JSON the CLI prints for `scenario list`, `scenario compare`, `simulate` and
//! commitments: a public contract that scripts and CI read. Field names and shapes do not change; a new field may
//! be added. Dates are ISO 8601 local times, money a decimal number in the plan's currency,
//! tasks are named by their key (number, or MSPDI UID). Core's types are converted here, so a
//! change in core cannot change this output unnoticed.

use crate::output::iso;
use admiral_core::monte_carlo::{
    FinishDistribution, Sensitivity, SensitivitySource, SimulationResult, TaskCriticality,
};
use admiral_core::scenario::{Comparison, Override};
use admiral_core::Plan;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
pub struct JsonScenario<'a> {
    pub id: String,
    pub name: &'a str,
    pub description: &'a str,
    pub from_risk: Option<String>,
    pub overrides: Vec<String>,
    /// The overrides as stored.
    pub detail: &'a [Override],
}

#[derive(Serialize)]
struct JsonOutcome {
    name: String,
    scenario_id: Option<String>,
    finish: String,
    finish_delta_days: f64,
    releases: Vec<JsonReleaseOutcome>,
    milestones: Vec<JsonMilestone>,
    critical: Vec<String>,
    became_critical: Vec<String>,
    no_longer_critical: Vec<String>,
    removed_tasks: Vec<String>,
    /// In the plan's currency, as a decimal number.
    cost: Option<f64>,
    cost_delta: Option<f64>,
    warnings: Vec<String>,
}

#[derive(Serialize)]
struct JsonReleaseOutcome {
    code: String,
    finish: String,
    target: Option<String>,
    days_vs_target: Option<f64>,
    delta_days: f64,
}

#[derive(Serialize)]
struct JsonMilestone {
    key: String,
    name: String,
    gate: bool,
    date: Option<String>,
    delta_days: Option<f64>,
}

#[derive(Serialize)]
pub struct JsonComparison {
    currency: String,
    baseline: JsonOutcome,
    scenarios: Vec<JsonOutcome>,
}

pub fn json_comparison(plan: &Plan, c: &Comparison) -> JsonComparison {
    let key = |id: &admiral_core::TaskId| {
        plan.tasks
            .iter()
            .find(|t| t.id == *id)
            .map(|t| t.key())
            .unwrap_or_default()
    };
    let outcome =
        |o: &admiral_core::scenario::Outcome,
         s: Option<&admiral_core::scenario::ScenarioOutcome>| JsonOutcome {
            name: o.name.clone(),
            scenario_id: o.scenario_id.map(|i| i.to_string()),
            finish: iso(o.finish),
            finish_delta_days: s.map_or(0.0, |s| s.finish_delta_days),
            releases: o
                .releases
                .iter()
                .map(|r| JsonReleaseOutcome {
                    code: r.code.clone(),
                    finish: iso(r.finish),
                    target: r.target.map(iso),
                    days_vs_target: r.days_vs_target,
                    delta_days: r.delta_days,
                })
                .collect(),
            milestones: o
                .milestones
                .iter()
                .map(|m| JsonMilestone {
                    key: m.key.clone(),
                    name: m.name.clone(),
                    gate: m.gate,
                    date: m.date.map(iso),
                    delta_days: m.delta_days,
                })
                .collect(),
            critical: o.critical_tasks.iter().map(key).collect(),
            became_critical: s.map_or_else(Vec::new, |s| {
                s.became_critical.iter().map(|t| t.key.clone()).collect()
            }),
            no_longer_critical: s.map_or_else(Vec::new, |s| {
                s.no_longer_critical.iter().map(|t| t.key.clone()).collect()
            }),
            removed_tasks: s.map_or_else(Vec::new, |s| {
                s.removed_tasks.iter().map(|t| t.key.clone()).collect()
            }),
            cost: o.cost.map(|m| m.as_units()),
            cost_delta: s.and_then(|s| s.cost_delta).map(|m| m.as_units()),
            warnings: o.warnings.clone(),
        };
    JsonComparison {
        currency: c.currency.clone(),
        baseline: outcome(&c.baseline, None),
        scenarios: c
            .scenarios
            .iter()
            .map(|s| outcome(&s.outcome, Some(s)))
            .collect(),
    }
}

#[derive(Serialize)]
struct JsonPercentiles {
    p10: String,
    p50: String,
    p80: String,
    p90: String,
    p95: String,
}

#[derive(Serialize)]
struct JsonBin {
    start: String,
    end: String,
    count: u32,
    cumulative: f64,
}

#[derive(Serialize)]
struct JsonDistribution {
    deterministic: String,
    percentiles: JsonPercentiles,
    mean: String,
    std_dev_days: f64,
    min: String,
    max: String,
    probability_deterministic: f64,
    histogram: Vec<JsonBin>,
}

#[derive(Serialize)]
struct JsonReleaseDist {
    code: String,
    target: Option<String>,
    probability_on_target: Option<f64>,
    #[serde(flatten)]
    finish: JsonDistribution,
    /// In a plan of several releases, task key → share of iterations in which the task was
    /// on the path that drove this release's finish (tasks never on it left out); empty with
    /// one release (the top-level `criticality` is then the release's).
    criticality: BTreeMap<String, f64>,
    /// In a plan of several releases, the correlations with this release's finish, strongest
    /// first; empty with one release (the top-level `sensitivity` is then the release's).
    sensitivity: Vec<JsonSensitivity>,
}

#[derive(Serialize)]
struct JsonMilestoneDist {
    key: String,
    name: String,
    gate: bool,
    #[serde(flatten)]
    finish: JsonDistribution,
}

#[derive(Serialize)]
struct JsonSensitivity {
    /// "task" or "risk".
    kind: &'static str,
    /// The task's key, or the risk's title.
    key: String,
    name: String,
    correlation: f64,
}

#[derive(Serialize)]
pub struct JsonSimulation {
    scenario: Option<String>,
    seed: u64,
    iterations: u32,
    iterations_requested: u32,
    partial: bool,
    /// The release the top-level figures describe (the plan's first).
    release: Option<String>,
    target: Option<String>,
    probability_on_target: Option<f64>,
    #[serde(flatten)]
    finish: JsonDistribution,
    cumulative: Vec<(String, f64)>,
    releases: Vec<JsonReleaseDist>,
    milestones: Vec<JsonMilestoneDist>,
    /// Task key → share of iterations in which the task was critical.
    criticality: BTreeMap<String, f64>,
    /// Strongest first (tornado order).
    sensitivity: Vec<JsonSensitivity>,
    sensitivity_iterations: u32,
    assumptions: admiral_core::monte_carlo::Assumptions,
}

fn json_dist(d: &FinishDistribution) -> JsonDistribution {
    let p = &d.percentiles;
    JsonDistribution {
        deterministic: iso(d.deterministic),
        percentiles: JsonPercentiles {
            p10: iso(p.p10),
            p50: iso(p.p50),
            p80: iso(p.p80),
            p90: iso(p.p90),
            p95: iso(p.p95),
        },
        mean: iso(d.mean),
        std_dev_days: d.std_dev_days,
        min: iso(d.min),
        max: iso(d.max),
        probability_deterministic: d.probability_deterministic,
        histogram: d
            .histogram
            .iter()
            .map(|b| JsonBin {
                start: b.start.to_string(),
                end: b.end.to_string(),
                count: b.count,
                cumulative: b.cumulative,
            })
            .collect(),
    }
}

pub fn json_simulation(p: &Plan, scenario: Option<&str>, r: &SimulationResult) -> JsonSimulation {
    let first = r.releases.first();
    let key_of = |id: &admiral_core::TaskId| {
        p.tasks
            .iter()
            .find(|t| t.id == *id)
            .map(|t| t.key())
            .unwrap_or_default()
    };
    let json_criticality = |c: &[TaskCriticality]| -> BTreeMap<String, f64> {
        c.iter().map(|c| (c.key.clone(), c.index)).collect()
    };
    let json_sensitivity = |s: &Sensitivity| {
        let (kind, key) = match &s.source {
            SensitivitySource::Task { task_id, .. } => ("task", key_of(task_id)),
            SensitivitySource::Risk { .. } => ("risk", s.name.clone()),
        };
        JsonSensitivity {
            kind,
            key,
            name: s.name.clone(),
            correlation: s.correlation,
        }
    };
    JsonSimulation {
        scenario: scenario.map(str::to_string),
        seed: r.seed,
        iterations: r.iterations,
        iterations_requested: r.iterations_requested,
        partial: r.partial,
        release: first.map(|f| f.code.clone()),
        target: first.and_then(|f| f.target).map(iso),
        probability_on_target: first.and_then(|f| f.probability_on_target),
        finish: json_dist(r.primary()),
        cumulative: r
            .primary()
            .cumulative
            .iter()
            .map(|c| (c.date.to_string(), c.probability))
            .collect(),
        releases: r
            .releases
            .iter()
            .map(|x| JsonReleaseDist {
                code: x.code.clone(),
                target: x.target.map(iso),
                probability_on_target: x.probability_on_target,
                finish: json_dist(&x.finish),
                criticality: json_criticality(&x.criticality),
                sensitivity: x.sensitivity.iter().map(json_sensitivity).collect(),
            })
            .collect(),
        milestones: r
            .milestones
            .iter()
            .map(|m| JsonMilestoneDist {
                key: m.key.clone(),
                name: m.name.clone(),
                gate: m.gate,
                finish: json_dist(&m.finish),
            })
            .collect(),
        criticality: json_criticality(&r.criticality),
        sensitivity: r.sensitivity.iter().map(json_sensitivity).collect(),
        sensitivity_iterations: r.sensitivity_iterations,
        assumptions: r.assumptions.clone(),
    }
}

#[derive(Serialize)]
pub(super) struct JsonCommitment {
    id: String,
    provider: String,
    consumer: String,
    milestone: String,
    milestone_name: String,
    release: String,
    promised: String,
    forecast: String,
    slip_days: i64,
    state: admiral_core::CommitmentState,
}

/// A commitment and its state, as `commitment list --json` and `portfolio --json` print it.
pub(super) fn json_commitment(c: &admiral_core::commitment::CommitmentStatus) -> JsonCommitment {
    JsonCommitment {
        id: c.commitment.id.to_string(),
        provider: c.commitment.provider.clone(),
        consumer: c.commitment.consumer.clone(),
        milestone: c.milestone_key.clone(),
        milestone_name: c.milestone.clone(),
        release: c.release_code.clone(),
        promised: iso(c.commitment.promised),
        forecast: iso(c.forecast),
        slip_days: c.slip_days,
        state: c.state,
    }
}
