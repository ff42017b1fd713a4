//! `admiral portfolio`, `admiral commitment …`, `admiral changes` and `admiral budget`:
//! wiring around core's `portfolio`, `commitment` and `snapshot` rules. The JSON is a
//! public contract (field names never change; fields may be added): dates ISO 8601, money a
//! decimal number, floats in working minutes, tasks by key.

use super::json::{json_commitment, JsonCommitment};
use super::open;
use super::override_flags::find_task;
use crate::cli_portfolio::{AsOfArgs, CommitmentAction};
use crate::error::CliError;
use crate::output::{iso, parse_when, Table};
use admiral_core::commitment;
use admiral_core::monte_carlo::SimulationOptions;
use admiral_core::portfolio::{analyse, GateDue};
use admiral_core::{snapshot, Money, Plan, SnapshotId};
use chrono::{Local, NaiveDate, NaiveTime};
use serde::Serialize;
use std::io::Write;
use std::path::Path;

/// The date the portfolio is judged at: `--as-of`, else the plan's status date, else today.
pub fn as_of(plan: &Plan, given: Option<&str>) -> Result<NaiveDate, CliError> {
    Ok(match given {
        Some(s) => parse_when(s, "as-of date", NaiveTime::MIN)?.date(),
        None => plan
            .settings
            .status_date
            .map_or_else(|| Local::now().date_naive(), |d| d.date()),
    })
}

fn money(m: Option<Money>) -> Option<f64> {
    m.map(Money::as_units)
}

#[derive(Serialize)]
struct JsonGate {
    key: String,
    name: String,
    date: String,
    state: admiral_core::Decision,
}

#[derive(Serialize)]
struct JsonRelease {
    code: String,
    name: String,
    status: admiral_core::ReleaseStatus,
    target: Option<String>,
    forecast_finish: String,
    p50: Option<String>,
    p80: Option<String>,
    rag: admiral_core::status::Rag,
    rag_reason: String,
    findings: Vec<String>,
    next_gate: Option<JsonGate>,
    pending_gates: Vec<JsonGate>,
    open_high_risks: Vec<String>,
    budget: Option<f64>,
    forecast_cost: Option<f64>,
    /// Working days (480 min) of the release calendar; positive: later than baseline 0.
    finish_vs_baseline_days: Option<f64>,
}

#[derive(Serialize)]
struct JsonVia {
    predecessor: String,
    predecessor_name: String,
    successor: String,
    successor_name: String,
    float_min: i64,
}

#[derive(Serialize)]
struct JsonDependency {
    from_release: String,
    to_release: String,
    via: Vec<JsonVia>,
    float_min: i64,
}

#[derive(Serialize)]
struct JsonPortfolio {
    as_of: String,
    currency: String,
    seed: Option<u64>,
    iterations: Option<u32>,
    releases: Vec<JsonRelease>,
    dependencies: Vec<JsonDependency>,
}

fn gate(plan: &Plan, g: &GateDue) -> JsonGate {
    JsonGate {
        key: plan
            .tasks
            .iter()
            .find(|t| t.id == g.task_id)
            .map(|t| t.key())
            .unwrap_or_default(),
        name: g.name.clone(),
        date: iso(g.date),
        state: g.state,
    }
}

/// `admiral portfolio`.
pub fn portfolio(
    path: &Path,
    a: &AsOfArgs,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let plan = open(path)?.load()?;
    let as_of = as_of(&plan, a.as_of.as_deref())?;
    let mc = SimulationOptions {
        iterations: a.iterations.unwrap_or_else(|| {
            admiral_core::monte_carlo::default_iterations(
                admiral_core::portfolio::DEFAULT_ITERATIONS,
                plan.tasks.len(),
            )
        }),
        seed: a.seed,
        ..SimulationOptions::default()
    };
    let an = analyse(&plan, as_of, Some(&mc))?;
    let r = &an.rollup;
    if json {
        let j = JsonPortfolio {
            as_of: as_of.to_string(),
            currency: plan.settings.currency.clone(),
            seed: r.seed,
            iterations: r.iterations,
            releases: r
                .releases
                .iter()
                .map(|x| JsonRelease {
                    code: x.code.clone(),
                    name: x.name.clone(),
                    status: x.status,
                    target: x.target.map(iso),
                    forecast_finish: iso(x.forecast_finish),
                    p50: x.p50.map(iso),
                    p80: x.p80.map(iso),
                    rag: x.rag,
                    rag_reason: x.rag_reason.clone(),
                    findings: x.findings.clone(),
                    next_gate: x.next_gate.as_ref().map(|g| gate(&plan, g)),
                    pending_gates: x.pending_gates.iter().map(|g| gate(&plan, g)).collect(),
                    open_high_risks: x.open_high_risks.clone(),
                    budget: money(x.budget),
                    forecast_cost: money(x.forecast_cost),
                    finish_vs_baseline_days: x.finish_vs_baseline.map(|v| v.as_days()),
                })
                .collect(),
            dependencies: r
                .dependencies
                .iter()
                .map(|d| JsonDependency {
                    from_release: d.from_code.clone(),
                    to_release: d.to_code.clone(),
                    via: d
                        .via
                        .iter()
                        .map(|v| JsonVia {
                            predecessor: v.predecessor_key.clone(),
                            predecessor_name: v.predecessor_name.clone(),
                            successor: v.successor_key.clone(),
                            successor_name: v.successor_name.clone(),
                            float_min: v.float.0,
                        })
                        .collect(),
                    float_min: d.float_min.0,
                })
                .collect(),
        };
        crate::output::write_json(&mut *out, &j)?;
        writeln!(out)?;
        return Ok(());
    }
    let d = |t: chrono::NaiveDateTime| t.format("%Y-%m-%d").to_string();
    let mut t = Table::new(&["Release", "RAG", "Target", "Forecast", "P80", "Next gate"]);
    for x in &r.releases {
        t.row(vec![
            format!("{} {}", x.code, x.name),
            x.rag.label().into(),
            x.target.map_or("-".into(), d),
            d(x.forecast_finish),
            x.p80.map_or("-".into(), d),
            x.next_gate
                .as_ref()
                .map_or("-".into(), |g| format!("{} ({})", g.name, d(g.date))),
        ]);
    }
    write!(out, "{}", t.render())?;
    for x in &r.releases {
        writeln!(out, "{} {}: {}", x.code, x.rag.label(), x.rag_reason)?;
    }
    for dep in &r.dependencies {
        writeln!(
            out,
            "{} waits on {} through {} link(s), least float {:.1}d",
            dep.to_code,
            dep.from_code,
            dep.via.len(),
            dep.float_min.as_days()
        )?;
    }
    if let (Some(seed), Some(n)) = (r.seed, r.iterations) {
        writeln!(out, "P80 from {n} Monte Carlo iterations, seed {seed}.")?;
    }
    Ok(())
}

/// `admiral commitment …`.
pub fn commitment(action: CommitmentAction, out: &mut dyn Write) -> Result<(), CliError> {
    match action {
        CommitmentAction::Add {
            plan,
            provider,
            consumer,
            milestone,
            promised,
            note,
        } => {
            let promised = parse_when(
                &promised,
                "promised date",
                NaiveTime::from_hms_opt(17, 0, 0).unwrap_or_default(),
            )?;
            super::edit::run(&plan, out, |p| {
                let task = find_task(p, &milestone)?.id;
                Ok(commitment::add(
                    p, &provider, &consumer, task, promised, &note,
                )?)
            })
        }
        CommitmentAction::List {
            plan,
            as_of: at,
            json,
        } => {
            let plan = open(&plan)?.load()?;
            let at = as_of(&plan, at.as_deref())?;
            let an = analyse(&plan, at, None)?;
            if json {
                let v: Vec<JsonCommitment> = an.commitments.iter().map(json_commitment).collect();
                crate::output::write_json(&mut *out, &v)?;
                writeln!(out)?;
                return Ok(());
            }
            let d = |t: chrono::NaiveDateTime| t.format("%Y-%m-%d").to_string();
            let mut t = Table::new(&[
                "Id",
                "Provider",
                "Consumer",
                "Milestone",
                "Promised",
                "Forecast",
                "State",
            ]);
            for c in &an.commitments {
                t.row(vec![
                    c.commitment.id.to_string(),
                    c.commitment.provider.clone(),
                    c.commitment.consumer.clone(),
                    format!("{} {}", c.milestone_key, c.milestone),
                    d(c.commitment.promised),
                    d(c.forecast),
                    c.state.label().into(),
                ]);
            }
            write!(out, "{}", t.render())?;
            for g in commitment::by_provider(&an.commitments) {
                let share = g.kept_share.map_or("none due yet".into(), |s| {
                    format!("{:.0}% kept on time", s * 100.0)
                });
                writeln!(out, "{}: {share}", g.group)?;
            }
            Ok(())
        }
        CommitmentAction::Delete { plan, id } => super::edit::run(&plan, out, |p| {
            let id = id.trim();
            let found: Vec<_> = p
                .commitments
                .iter()
                .filter(|c| !id.is_empty() && c.id.to_string().starts_with(id))
                .collect();
            match found.as_slice() {
                [one] => Ok(commitment::delete(p, one.id)?),
                [] => Err(CliError::Input(format!(
                    "the plan has no commitment '{id}'"
                ))),
                _ => Err(CliError::Input(format!(
                    "'{id}' names {} commitments: give more of the id",
                    found.len()
                ))),
            }
        }),
    }
}

#[derive(Serialize)]
struct JsonChange<'a> {
    kind: admiral_core::snapshot::ChangeKind,
    what: &'a str,
    before: Option<&'a str>,
    after: Option<&'a str>,
    delta_days: Option<i64>,
}

/// `admiral changes`: the plan as it is compared with the last report, or, when nothing has
/// moved since, the last report compared with the one before (`snapshot::report_pair`).
pub fn changes(
    path: &Path,
    at: Option<&str>,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let file = open(path)?;
    let plan = file.load()?;
    let at = as_of(&plan, at)?;
    let an = analyse(&plan, at, None)?;
    let now_at = at.and_time(NaiveTime::from_hms_opt(17, 0, 0).unwrap_or_default());
    let now = an.snapshot(&plan, SnapshotId::new(), now_at, "now");
    let changes = snapshot::changes(&plan, &now, |s, u| file.trail_between(s, u))?;
    let items = changes.as_ref().map_or(&[][..], |c| &c.items[..]);
    if json {
        let v: Vec<JsonChange> = items
            .iter()
            .map(|c| JsonChange {
                kind: c.kind,
                what: &c.what,
                before: c.before.as_deref(),
                after: c.after.as_deref(),
                delta_days: c.delta_days,
            })
            .collect();
        crate::output::write_json(&mut *out, &v)?;
        writeln!(out)?;
        return Ok(());
    }
    let Some(c) = changes else {
        match snapshot::latest(&plan) {
            // The plan's only report, and nothing has moved since it.
            Some(only) => writeln!(
                out,
                "Nothing changed since the report of {} ({}), the plan's only report.",
                only.taken_at.format("%Y-%m-%d"),
                only.label
            )?,
            None => writeln!(
                out,
                "The plan keeps no report (none exported, or all forgotten): nothing to \
                 compare with."
            )?,
        }
        return Ok(());
    };
    let until = c.until.map_or("now".to_string(), |u| {
        format!("the report of {}", u.format("%Y-%m-%d"))
    });
    writeln!(
        out,
        "Changes from the report of {} ({}) to {until}:",
        c.since.format("%Y-%m-%d"),
        c.since_label
    )?;
    if c.items.is_empty() {
        writeln!(out, "nothing changed")?;
    }
    for i in &c.items {
        let moved = match (&i.before, &i.after) {
            (Some(b), Some(a)) => format!(": {b} → {a}"),
            (None, Some(a)) => format!(": {a}"),
            _ => String::new(),
        };
        let delta = i
            .delta_days
            .map_or(String::new(), |d| format!(" ({d:+} days)"));
        writeln!(out, "{:?} {}{moved}{delta}", i.kind, i.what)?;
    }
    Ok(())
}
