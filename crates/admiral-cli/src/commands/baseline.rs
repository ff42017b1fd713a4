//! `admiral baseline …` and the baseline columns of `admiral schedule --baseline N`: the
//! weekly routine with `progress` and `evm` (their own modules). Core decides every change and
//! figure (`admiral_core::baseline`); this wires and prints.

use super::open;
use crate::cli::BaselineAction;
use crate::error::CliError;
use crate::output::{human, iso, Table};
use admiral_core::baseline::{self, Baseline, TaskVariance};
use admiral_core::edit::{apply_all, Change};
use admiral_core::schedule::{schedule, Schedule, ScheduleOptions};
use admiral_core::{Money, Plan};
use admiral_store::PlanFile;
use chrono::{Local, NaiveTime};
use serde::Serialize;
use std::io::Write;

pub(super) fn at(h: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, 0, 0).unwrap_or_default()
}

/// Saves `change` once the plan after it keeps every rule; prints its label.
pub(super) fn commit(
    file: &mut PlanFile,
    plan: &Plan,
    change: &Change,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    if change.edits.is_empty() {
        writeln!(out, "nothing to change: {}", change.label)?;
        return Ok(());
    }
    apply_all(plan, &change.edits)?;
    file.apply(&change.edits, &change.label)?;
    writeln!(out, "{}", change.label)?;
    Ok(())
}

pub(super) fn scheduled(plan: &Plan) -> Result<Schedule, CliError> {
    Ok(schedule(plan, &ScheduleOptions::default())?)
}

/// The plan's baseline `n`, or an error saying which ones it has.
pub fn find(plan: &Plan, n: u8) -> Result<&Baseline, CliError> {
    plan.baselines
        .iter()
        .find(|b| b.number == n)
        .ok_or_else(|| {
            let have: Vec<String> = plan
                .baselines
                .iter()
                .map(|b| b.number.to_string())
                .collect();
            CliError::Input(if have.is_empty() {
                format!("baseline {n} is not set: the plan has no baseline (admiral baseline set)")
            } else {
                format!(
                    "baseline {n} is not set: the plan has baselines {}",
                    have.join(", ")
                )
            })
        })
}

#[derive(Serialize)]
struct JsonBaselines {
    baselines: Vec<JsonBaselineInfo>,
}

#[derive(Serialize)]
struct JsonBaselineInfo {
    number: u8,
    name: String,
    saved_at: String,
    /// The release it was last saved for (its code); null for the whole plan.
    release: Option<String>,
    tasks: usize,
    assignments: usize,
    resources: usize,
}

pub fn action(action: BaselineAction, out: &mut dyn Write) -> Result<(), CliError> {
    match action {
        BaselineAction::Set {
            plan,
            number,
            name,
            release,
        } => {
            let mut file = open(&plan)?;
            let p = file.load()?;
            let release = match release {
                Some(code) => Some(
                    p.releases
                        .iter()
                        .find(|r| r.code.eq_ignore_ascii_case(code.trim()))
                        .ok_or_else(|| {
                            CliError::Input(format!("the plan has no release '{code}'"))
                        })?
                        .id,
                ),
                None => None,
            };
            let s = scheduled(&p)?;
            let now = Local::now().naive_local();
            let c = baseline::save(&p, &s, number, name.as_deref(), release, now)?;
            commit(&mut file, &p, &c, out)
        }
        BaselineAction::Clear { plan, number } => {
            let mut file = open(&plan)?;
            let p = file.load()?;
            let c = baseline::clear(&p, number)?;
            commit(&mut file, &p, &c, out)
        }
        BaselineAction::List { plan, json } => {
            let p = open(&plan)?.load()?;
            let code = |b: &Baseline| {
                b.release_id
                    .and_then(|r| p.releases.iter().find(|x| x.id == r))
                    .map(|r| r.code.clone())
            };
            if json {
                let doc = JsonBaselines {
                    baselines: p
                        .baselines
                        .iter()
                        .map(|b| JsonBaselineInfo {
                            number: b.number,
                            name: b.name.clone(),
                            saved_at: iso(b.saved_at),
                            release: code(b),
                            tasks: b.tasks.len(),
                            assignments: b.assignments.len(),
                            resources: b.resources.len(),
                        })
                        .collect(),
                };
                crate::output::write_json(&mut *out, &doc)?;
                writeln!(out)?;
                return Ok(());
            }
            if p.baselines.is_empty() {
                writeln!(out, "no baseline: save one with admiral baseline set")?;
                return Ok(());
            }
            let mut t = Table::new(&["N", "Name", "Saved", "For", "Tasks"]).right(&[0, 4]);
            for b in &p.baselines {
                t.row(vec![
                    b.number.to_string(),
                    b.name.clone(),
                    human(b.saved_at),
                    code(b).map_or_else(|| "whole plan".into(), |c| format!("release {c}")),
                    b.tasks.len().to_string(),
                ]);
            }
            write!(out, "{}", t.render())?;
            Ok(())
        }
    }
}

/// A task's values in the baseline `admiral schedule --baseline N` shows (the contract).
#[derive(Serialize)]
pub struct JsonTaskBaseline {
    start: Option<String>,
    finish: Option<String>,
    duration_min: Option<i64>,
    work_min: Option<i64>,
    cost: Option<f64>,
}

/// A task's variance against that baseline: working minutes, positive = late; money.
#[derive(Serialize)]
pub struct JsonVariance {
    start_min: Option<i64>,
    finish_min: Option<i64>,
    duration_min: Option<i64>,
    cost: Option<f64>,
}

/// Each task's baseline values (`None` when it has none) and variance, in plan order.
pub fn schedule_rows(
    plan: &Plan,
    s: &Schedule,
    n: u8,
) -> Result<Vec<(Option<JsonTaskBaseline>, JsonVariance)>, CliError> {
    let b = find(plan, n)?;
    Ok(baseline::variance(plan, s, b)
        .into_iter()
        .map(|v: TaskVariance| {
            let base = v.baseline.map(|t| JsonTaskBaseline {
                start: t.start.map(iso),
                finish: t.finish.map(iso),
                duration_min: t.duration.map(|d| d.0),
                work_min: t.work.map(|w| w.0),
                cost: t.cost.map(Money::as_units),
            });
            let var = JsonVariance {
                start_min: v.start.map(|d| d.0),
                finish_min: v.finish.map(|d| d.0),
                duration_min: v.duration.map(|d| d.0),
                cost: v.cost.map(Money::as_units),
            };
            (base, var)
        })
        .collect())
}
