//! `admiral baseline …`, `progress` and `evm`: the weekly routine. Core decides every change
//! and figure (`admiral_core::baseline`, `progress`, `evm`); this wires and prints.

use super::open;
use super::override_flags::find_task;
use crate::cli::BaselineAction;
use crate::error::CliError;
use crate::output::{human, iso, parse_when, Table};
use admiral_core::baseline::{self, Baseline, TaskVariance};
use admiral_core::edit::{apply_all, Change};
use admiral_core::evm::{earned_value, EarnedValue};
use admiral_core::progress::{self, ProgressUpdate};
use admiral_core::schedule::{schedule, Schedule, ScheduleOptions};
use admiral_core::{Money, Plan};
use admiral_store::PlanFile;
use chrono::{Local, NaiveDateTime, NaiveTime};
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

fn at(h: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, 0, 0).unwrap_or_default()
}

/// Saves `change` once the plan after it keeps every rule; prints its label.
fn commit(
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

fn scheduled(plan: &Plan) -> Result<Schedule, CliError> {
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
                serde_json::to_writer_pretty(&mut *out, &doc)?;
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

/// What `admiral progress` was asked to do.
pub struct ProgressArgs {
    pub plan: PathBuf,
    pub task: Option<String>,
    pub percent: Option<u8>,
    pub actual_start: Option<String>,
    pub actual_finish: Option<String>,
    pub remaining: Option<String>,
    pub through: Option<String>,
    pub import: Option<PathBuf>,
}

pub fn progress(a: ProgressArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let mut file = open(&a.plan)?;
    let p = file.load()?;
    let s = scheduled(&p)?;
    let change = if let Some(d) = a.through {
        progress::update_through(&p, &s, parse_when(&d, "--through date", at(17))?)
    } else if let Some(csv) = a.import {
        status_file(&p, &s, &csv)?
    } else {
        let Some(key) = a.task else {
            return Err(CliError::Input(
                "name a task (admiral progress PLAN TASK --percent 50), or give --through DATE \
                 or --import status.csv"
                    .into(),
            ));
        };
        let t = find_task(&p, &key)?;
        let u = ProgressUpdate {
            percent: a.percent,
            actual_start: a
                .actual_start
                .map(|d| parse_when(&d, "actual start", at(8)))
                .transpose()?,
            actual_finish: a
                .actual_finish
                .map(|d| parse_when(&d, "actual finish", at(17)))
                .transpose()?,
            remaining: a
                .remaining
                .map(|r| {
                    admiral_core::notation::parse_duration(&r)
                        .map(|d| admiral_core::WorkMinutes(d.minutes()))
                        .map_err(|e| CliError::Input(format!("--remaining: {e}")))
                })
                .transpose()?,
        };
        progress::update_tasks(&p, &s, &[(t.id, u)], None).map_err(progress_err)?
    };
    commit(&mut file, &p, &change, out)
}

fn progress_err(e: progress::ProgressError) -> CliError {
    CliError::Input(e.to_string())
}

/// A status file as one change: refused whole at the first bad row (naming its line).
fn status_file(plan: &Plan, s: &Schedule, path: &Path) -> Result<Change, CliError> {
    let bytes = std::fs::read(path)
        .map_err(|e| CliError::Input(format!("cannot read {}: {e}", path.display())))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        CliError::Input(format!(
            "{} is not UTF-8 text (save it as \"CSV UTF-8\")",
            path.display()
        ))
    })?;
    let rows = admiral_interop::status::read_status_csv(&text)?;
    let mut updates = Vec::with_capacity(rows.len());
    for r in &rows {
        let t = find_task(plan, &r.key)
            .map_err(|e| CliError::Input(format!("{}: line {}: {e}", path.display(), r.line)))?;
        if updates.iter().any(|(id, _)| *id == t.id) {
            return Err(CliError::Input(format!(
                "{}: line {}: task {} appears twice",
                path.display(),
                r.line,
                r.key
            )));
        }
        updates.push((t.id, r.update));
    }
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let label = format!("Import status file {name} ({} tasks)", updates.len());
    // Refused whole at the first task core refuses, naming its line.
    for (r, (id, u)) in rows.iter().zip(&updates) {
        if let Some(i) = plan.tasks.iter().position(|t| t.id == *id) {
            progress::update_task(&plan.tasks[i], &s.tasks[i], u).map_err(|e| {
                CliError::Input(format!(
                    "{}: line {}: {e}; nothing was changed",
                    path.display(),
                    r.line
                ))
            })?;
        }
    }
    progress::update_tasks(plan, s, &updates, Some(&label)).map_err(progress_err)
}

/// The earned-value figures, as the JSON contract names them; money in currency units.
#[derive(Serialize)]
struct JsonEv {
    bac: f64,
    bcws: f64,
    bcwp: f64,
    acwp: f64,
    sv: f64,
    cv: f64,
    spi: Option<f64>,
    cpi: Option<f64>,
    eac: f64,
    vac: f64,
    tcpi: Option<f64>,
}

impl From<EarnedValue> for JsonEv {
    fn from(e: EarnedValue) -> Self {
        Self {
            bac: e.bac.as_units(),
            bcws: e.bcws.as_units(),
            bcwp: e.bcwp.as_units(),
            acwp: e.acwp.as_units(),
            sv: e.sv.as_units(),
            cv: e.cv.as_units(),
            spi: e.spi,
            cpi: e.cpi,
            eac: e.eac.as_units(),
            vac: e.vac.as_units(),
            tcpi: e.tcpi,
        }
    }
}

#[derive(Serialize)]
struct JsonNamedEv {
    code: Option<String>,
    name: String,
    #[serde(flatten)]
    ev: JsonEv,
}

#[derive(Serialize)]
struct JsonEvm {
    status_date: String,
    baseline: u8,
    currency: String,
    plan: JsonEv,
    releases: Vec<JsonNamedEv>,
    projects: Vec<JsonNamedEv>,
}

pub fn evm(
    path: &Path,
    status_date: &str,
    n: u8,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let p = open(path)?.load()?;
    let status: NaiveDateTime = parse_when(status_date, "status date", at(17))?;
    let b = find(&p, n)?;
    let r = earned_value(&p, b, status);
    let releases: Vec<JsonNamedEv> = r
        .releases
        .iter()
        .zip(&p.releases)
        .map(|((_, ev), rel)| JsonNamedEv {
            code: Some(rel.code.clone()),
            name: rel.name.clone(),
            ev: (*ev).into(),
        })
        .collect();
    let projects: Vec<JsonNamedEv> = r
        .projects
        .iter()
        .zip(&p.projects)
        .map(|((_, ev), pr)| JsonNamedEv {
            code: p
                .releases
                .iter()
                .find(|x| x.id == pr.release_id)
                .map(|x| x.code.clone()),
            name: pr.name.clone(),
            ev: (*ev).into(),
        })
        .collect();
    if json {
        let doc = JsonEvm {
            status_date: iso(status),
            baseline: n,
            currency: p.settings.currency.clone(),
            plan: r.plan.into(),
            releases,
            projects,
        };
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)?;
        return Ok(());
    }
    let ratio = |x: Option<f64>| x.map_or_else(|| "–".into(), |v| format!("{v:.2}"));
    let money = |m: f64| format!("{m:.2}");
    let mut t = Table::new(&[
        "", "BCWS", "BCWP", "ACWP", "SV", "CV", "SPI", "CPI", "EAC", "VAC", "TCPI",
    ])
    .right(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    let mut row = |label: String, e: &JsonEv| {
        t.row(vec![
            label,
            money(e.bcws),
            money(e.bcwp),
            money(e.acwp),
            money(e.sv),
            money(e.cv),
            ratio(e.spi),
            ratio(e.cpi),
            money(e.eac),
            money(e.vac),
            ratio(e.tcpi),
        ])
    };
    let plan_ev: JsonEv = r.plan.into();
    row("Plan".into(), &plan_ev);
    for x in &releases {
        row(
            format!("Release {}", x.code.clone().unwrap_or_default()),
            &x.ev,
        );
    }
    for x in &projects {
        row(format!("  {}", x.name), &x.ev);
    }
    writeln!(
        out,
        "Earned value at {} against {} ({})",
        human(status),
        b.label(),
        p.settings.currency
    )?;
    write!(out, "{}", t.render())?;
    Ok(())
}
