//! `admiral scenario …` and `admiral simulate`: what-if scenarios and Monte Carlo.

use crate::error::CliError;
use crate::output::{human, iso, parse_when, Table};
use admiral_core::edit::Edit;
use admiral_core::monte_carlo::{
    simulate, FinishDistribution, RunControl, SensitivitySource, SimulationOptions,
    SimulationResult,
};
use admiral_core::notation::{parse_duration, parse_predecessors};
use admiral_core::scenario::{apply_scenario, compare, Comparison, Override, Scenario};
use admiral_core::schedule::ScheduleOptions;
use admiral_core::{
    Blackout, BlackoutId, CalendarException, Duration, Link, LinkId, Plan, Resource, Risk,
    ScenarioId, Task, TaskNumber, ThreePoint, WorkMinutes,
};
use admiral_store::PlanFile;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;

use crate::cli::OverrideArgs;

fn input(msg: impl Into<String>) -> CliError {
    CliError::Input(msg.into())
}

/// Finds a scenario by name (case-insensitive) or id.
pub fn find_scenario<'a>(plan: &'a Plan, name: &str) -> Result<&'a Scenario, CliError> {
    plan.scenarios
        .iter()
        .find(|s| s.name == name)
        .or_else(|| {
            plan.scenarios
                .iter()
                .find(|s| s.name.eq_ignore_ascii_case(name) || s.id.to_string() == name)
        })
        .ok_or_else(|| {
            let known: Vec<String> = plan
                .scenarios
                .iter()
                .map(|s| format!("'{}'", s.name))
                .collect();
            input(format!(
                "the plan has no scenario '{name}'{}",
                if known.is_empty() {
                    " (it has none)".to_string()
                } else {
                    format!(" (it has {})", known.join(", "))
                }
            ))
        })
}

/// The plan with the named scenario applied, or the plan itself.
pub fn plan_for(plan: Plan, scenario: Option<&str>) -> Result<Plan, CliError> {
    match scenario {
        None => Ok(plan),
        Some(n) => {
            let s = find_scenario(&plan, n)?;
            Ok(apply_scenario(&plan, s)?)
        }
    }
}

fn find_task<'a>(plan: &'a Plan, key: &str) -> Result<&'a Task, CliError> {
    let key = key.trim();
    plan.tasks
        .iter()
        .find(|t| t.key() == key)
        .or_else(|| plan.tasks.iter().find(|t| t.number.to_string() == key))
        .ok_or_else(|| input(format!("the plan has no task with key '{key}'")))
}

fn find_risk<'a>(plan: &'a Plan, r: &str) -> Result<&'a Risk, CliError> {
    let r = r.trim();
    plan.risks
        .iter()
        .find(|x| x.title == r || x.id.to_string() == r)
        .or_else(|| plan.risks.iter().find(|x| x.title.eq_ignore_ascii_case(r)))
        .ok_or_else(|| input(format!("the plan has no risk '{r}' (give its title or id)")))
}

fn find_resource<'a>(plan: &'a Plan, r: &str) -> Result<&'a Resource, CliError> {
    let r = r.trim();
    plan.resources
        .iter()
        .find(|x| x.name == r || x.id.to_string() == r)
        .or_else(|| {
            plan.resources
                .iter()
                .find(|x| x.name.eq_ignore_ascii_case(r))
        })
        .ok_or_else(|| input(format!("the plan has no resource '{r}'")))
}

/// Splits `LEFT=RIGHT`.
fn pair<'a>(s: &'a str, flag: &str, form: &str) -> Result<(&'a str, &'a str), CliError> {
    s.split_once('=')
        .map(|(a, b)| (a.trim(), b.trim()))
        .ok_or_else(|| input(format!("--{flag} '{s}' is not of the form {form}")))
}

fn date_range(s: &str, flag: &str) -> Result<(NaiveDate, NaiveDate), CliError> {
    let parse = |d: &str| {
        NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d")
            .map_err(|_| input(format!("--{flag} '{s}': '{d}' is not a date (YYYY-MM-DD)")))
    };
    let (a, b) = match s.split_once("..") {
        Some((a, b)) => (parse(a)?, parse(b)?),
        None => (parse(s)?, parse(s)?),
    };
    if b < a {
        return Err(input(format!("--{flag} '{s}' ends before it starts")));
    }
    Ok((a, b))
}

/// Parses the override flags against `plan`.
pub fn overrides(plan: &Plan, a: &OverrideArgs) -> Result<Vec<Override>, CliError> {
    let mut out = Vec::new();
    for d in &a.duration {
        let (task, dur) = pair(d, "duration", "TASK=5d")?;
        let task = find_task(plan, task)?.id;
        let duration = parse_duration(dur).map_err(|e| input(format!("--duration {d}: {e}")))?;
        out.push(Override::SetDuration { task, duration });
    }
    for e in &a.estimate {
        let (task, est) = pair(e, "estimate", "TASK=3d/5d/8d")?;
        let t = find_task(plan, task)?;
        let parts: Vec<&str> = est.split('/').collect();
        if parts.len() != 3 {
            return Err(input(format!(
                "--estimate {e}: give optimistic/most likely/pessimistic, e.g. 3d/5d/8d"
            )));
        }
        let mut w = [WorkMinutes::ZERO; 3];
        for (slot, p) in w.iter_mut().zip(&parts) {
            *slot = match parse_duration(p).map_err(|x| input(format!("--estimate {e}: {x}")))? {
                Duration::Working(m) => m,
                Duration::Elapsed(_) => {
                    return Err(input(format!(
                        "--estimate {e}: estimates are in working time (d, h, m, w)"
                    )))
                }
            };
        }
        let estimate = ThreePoint {
            optimistic: w[0],
            most_likely: w[1],
            pessimistic: w[2],
        };
        admiral_core::validate_estimate(&admiral_core::task_label(t), estimate)?;
        out.push(Override::SetEstimate {
            task: t.id,
            estimate: Some(estimate),
        });
    }
    for d in &a.delay {
        let (task, when) = pair(d, "delay", "TASK=2027-03-01")?;
        let task = find_task(plan, task)?.id;
        let until = parse_when(when, "--delay date", eight())?;
        out.push(Override::Delay { task, until });
    }
    for r in &a.remove {
        out.push(Override::RemoveTask {
            task: find_task(plan, r)?.id,
            bridge: a.bridge,
        });
    }
    for l in &a.add_link {
        let (pred, succ) = l.split_once('>').ok_or_else(|| {
            input(format!(
                "--add-link '{l}' is not of the form PREDECESSOR>SUCCESSOR, e.g. '3FS+2d>7'"
            ))
        })?;
        let successor = find_task(plan, succ)?;
        let exists = |n: TaskNumber| plan.tasks.iter().any(|t| t.number == n);
        let preds = parse_predecessors(pred, Some(successor.number), &exists)
            .map_err(|e| input(format!("--add-link '{l}': {e}")))?;
        for p in preds {
            let predecessor = plan
                .tasks
                .iter()
                .find(|t| t.number == p.number)
                .map(|t| t.id)
                .ok_or_else(|| input(format!("--add-link '{l}': no task {}", p.number)))?;
            out.push(Override::AddLink {
                link: Link {
                    id: LinkId::new(),
                    predecessor,
                    successor: successor.id,
                    kind: p.kind,
                    lag: p.lag,
                },
            });
        }
    }
    for l in &a.remove_link {
        let (p, s) = l.split_once('>').ok_or_else(|| {
            input(format!(
                "--remove-link '{l}' is not of the form PREDECESSOR>SUCCESSOR, e.g. '3>7'"
            ))
        })?;
        let (p, s) = (find_task(plan, p)?, find_task(plan, s)?);
        let link = plan
            .links
            .iter()
            .find(|x| x.predecessor == p.id && x.successor == s.id)
            .ok_or_else(|| {
                input(format!(
                    "--remove-link '{l}': task {} does not link to task {}",
                    p.key(),
                    s.key()
                ))
            })?;
        out.push(Override::RemoveLink { link: link.id });
    }
    for h in &a.holiday {
        let (start, finish) = date_range(h, "holiday")?;
        out.push(Override::CalendarException {
            calendar: None,
            exception: CalendarException {
                name: "Scenario holiday".into(),
                start,
                finish,
                working: Vec::new(),
            },
        });
    }
    for b in &a.blackout {
        let (release, range) = match b.rsplit_once(':') {
            Some((r, range)) if !r.trim().is_empty() && !r.contains('-') => {
                let rel = plan
                    .releases
                    .iter()
                    .find(|x| x.code == r.trim() || x.name == r.trim())
                    .ok_or_else(|| input(format!("--blackout '{b}': no release '{r}'")))?;
                (rel, range)
            }
            _ => (
                plan.releases
                    .first()
                    .ok_or_else(|| input("the plan has no release"))?,
                b.as_str(),
            ),
        };
        let (start, finish) = date_range(range, "blackout")?;
        out.push(Override::Blackout {
            blackout: Blackout {
                id: BlackoutId::new(),
                release_id: release.id,
                name: "Scenario freeze".into(),
                start,
                finish,
            },
        });
    }
    for r in &a.risk {
        out.push(Override::FireRisk {
            risk: find_risk(plan, r)?.id,
        });
    }
    for u in &a.units {
        let (res, units) = pair(u, "units", "RESOURCE=0.5")?;
        let resource = find_resource(plan, res)?.id;
        let max_units: f64 = units
            .parse()
            .ok()
            .filter(|v: &f64| v.is_finite() && *v >= 0.0)
            .ok_or_else(|| input(format!("--units {u}: '{units}' is not a number ≥ 0")))?;
        out.push(Override::ResourceUnits {
            resource,
            max_units,
        });
    }
    Ok(out)
}

fn eight() -> NaiveTime {
    NaiveTime::from_hms_opt(8, 0, 0).unwrap_or_default()
}

#[derive(Serialize)]
struct JsonScenario<'a> {
    id: String,
    name: &'a str,
    description: &'a str,
    from_risk: Option<String>,
    overrides: Vec<String>,
    /// The overrides as stored.
    detail: &'a [Override],
}

pub fn list(plan: &Plan, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    if json {
        let doc: Vec<JsonScenario> = plan
            .scenarios
            .iter()
            .map(|s| JsonScenario {
                id: s.id.to_string(),
                name: &s.name,
                description: &s.description,
                from_risk: s.from_risk.and_then(|r| {
                    plan.risks
                        .iter()
                        .find(|x| x.id == r)
                        .map(|x| x.title.clone())
                }),
                overrides: s.overrides.iter().map(|o| o.describe(plan)).collect(),
                detail: &s.overrides,
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)?;
        return Ok(());
    }
    if plan.scenarios.is_empty() {
        writeln!(out, "no scenarios")?;
    }
    for s in &plan.scenarios {
        writeln!(out, "{}", s.name)?;
        if !s.description.is_empty() {
            writeln!(out, "  {}", s.description)?;
        }
        for o in &s.overrides {
            writeln!(out, "  - {}", o.describe(plan))?;
        }
    }
    Ok(())
}

/// `admiral scenario add`: a new, empty scenario, or "risk R fires".
pub fn add(
    file: &mut PlanFile,
    name: Option<&str>,
    from_risk: Option<&str>,
    description: Option<&str>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let plan = file.load()?;
    let mut s = match from_risk {
        Some(r) => Scenario::from_risk(find_risk(&plan, r)?),
        None => Scenario::new(""),
    };
    if let Some(n) = name {
        s.name = n.trim().to_string();
    }
    if s.name.is_empty() {
        return Err(input("give the scenario a --name (or --from-risk)"));
    }
    if let Some(d) = description {
        s.description = d.to_string();
    }
    if plan
        .scenarios
        .iter()
        .any(|x| x.name.eq_ignore_ascii_case(&s.name))
    {
        return Err(input(format!(
            "the plan already has a scenario '{}'",
            s.name
        )));
    }
    file.apply(
        &[Edit::PutScenario(s.clone())],
        &format!("Add scenario '{}'", s.name),
    )?;
    writeln!(out, "added scenario '{}' ({})", s.name, s.id)?;
    Ok(())
}

/// `admiral scenario set`: adds overrides to a scenario.
pub fn set(
    file: &mut PlanFile,
    name: &str,
    args: &OverrideArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let plan = file.load()?;
    let mut s = find_scenario(&plan, name)?.clone();
    let new = overrides(&plan, args)?;
    if new.is_empty() && !args.clear && args.description.is_none() {
        return Err(input(
            "nothing to set: give overrides such as --duration TASK=5d, --delay TASK=DATE, \
             --remove TASK, --add-link '3FS+2d>7', --remove-link '3>7', --holiday DATE, \
             --blackout DATE..DATE, --risk R, --units RESOURCE=0.5, --estimate TASK=3d/5d/8d",
        ));
    }
    if args.clear {
        s.overrides.clear();
    }
    if let Some(d) = &args.description {
        s.description = d.clone();
    }
    s.overrides.extend(new);
    // Check the whole scenario against the plan before writing it.
    apply_scenario(&plan, &s)?;
    file.apply(
        &[Edit::PutScenario(s.clone())],
        &format!("Change scenario '{}'", s.name),
    )?;
    writeln!(
        out,
        "scenario '{}' now has {} override(s):",
        s.name,
        s.overrides.len()
    )?;
    for o in &s.overrides {
        writeln!(out, "  - {}", o.describe(&plan))?;
    }
    Ok(())
}

/// `admiral scenario delete`.
pub fn delete(file: &mut PlanFile, name: &str, out: &mut dyn Write) -> Result<(), CliError> {
    let plan = file.load()?;
    let s = find_scenario(&plan, name)?;
    let id: ScenarioId = s.id;
    file.apply(
        &[Edit::DeleteScenario(id)],
        &format!("Delete scenario '{}'", s.name),
    )?;
    writeln!(out, "deleted scenario '{}'", s.name)?;
    Ok(())
}

/// `admiral scenario compare`: the baseline and the named scenarios (all when none named).
pub fn compare_cmd(
    plan: &Plan,
    names: &[String],
    status_date: Option<NaiveDateTime>,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let chosen: Vec<&Scenario> = if names.is_empty() {
        plan.scenarios.iter().collect()
    } else {
        names
            .iter()
            .map(|n| find_scenario(plan, n))
            .collect::<Result<_, _>>()?
    };
    let c = compare(plan, &chosen, &ScheduleOptions { status_date })?;
    if json {
        serde_json::to_writer_pretty(&mut *out, &json_comparison(plan, &c))?;
        writeln!(out)?;
        return Ok(());
    }
    let days = |d: f64| {
        if d == 0.0 {
            "±0d".to_string()
        } else {
            format!("{d:+.1}d")
        }
    };
    let money = |m: Option<admiral_core::Money>| {
        m.map(|m| format!("{} {}", m, c.currency))
            .unwrap_or_else(|| "—".into())
    };
    let mut t = Table::new(&["Scenario", "Finish", "Δ finish", "Cost", "Δ cost"]).right(&[2]);
    t.row(vec![
        "Baseline".into(),
        human(c.baseline.finish),
        String::new(),
        money(c.baseline.cost),
        String::new(),
    ]);
    for s in &c.scenarios {
        t.row(vec![
            s.outcome.name.clone(),
            human(s.outcome.finish),
            days(s.finish_delta_days),
            money(s.outcome.cost),
            s.cost_delta
                .map(|d| format!("{}{}", if d.0 > 0 { "+" } else { "" }, d))
                .unwrap_or_default(),
        ]);
    }
    write!(out, "{}", t.render())?;
    let mut header = vec!["Milestone / gate".to_string(), "Baseline".to_string()];
    header.extend(c.scenarios.iter().map(|s| s.outcome.name.clone()));
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut m = Table::new(&header);
    for (i, b) in c.baseline.milestones.iter().enumerate() {
        let mut row = vec![
            format!("{} {}", b.key, b.name),
            b.date.map(human).unwrap_or_default(),
        ];
        for s in &c.scenarios {
            let x = &s.outcome.milestones[i];
            row.push(match (x.date, x.delta_days) {
                (Some(d), Some(dd)) if dd != 0.0 => format!("{} ({})", human(d), days(dd)),
                (Some(d), _) => human(d),
                (None, _) => "removed".into(),
            });
        }
        m.row(row);
    }
    write!(out, "\n{}", m.render())?;
    for s in &c.scenarios {
        let names = |v: &[admiral_core::scenario::TaskRef]| {
            v.iter()
                .map(|t| t.key.clone())
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !s.became_critical.is_empty() || !s.no_longer_critical.is_empty() {
            writeln!(
                out,
                "\n{}: became critical: {}; no longer critical: {}",
                s.outcome.name,
                or_none(names(&s.became_critical)),
                or_none(names(&s.no_longer_critical))
            )?;
        }
        if !s.removed_tasks.is_empty() {
            writeln!(
                out,
                "{}: removes {}",
                s.outcome.name,
                names(&s.removed_tasks)
            )?;
        }
    }
    Ok(())
}

fn or_none(s: String) -> String {
    if s.is_empty() {
        "none".into()
    } else {
        s
    }
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
struct JsonComparison {
    currency: String,
    baseline: JsonOutcome,
    scenarios: Vec<JsonOutcome>,
}

fn json_comparison(plan: &Plan, c: &Comparison) -> JsonComparison {
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

// ---- simulate --------------------------------------------------------------------------

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
struct JsonSimulation {
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

/// `admiral simulate`.
pub fn simulate_cmd(
    plan: &Plan,
    scenario: Option<&str>,
    opts: &SimulationOptions,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let p = plan_for(plan.clone(), scenario)?;
    let r = simulate(&p, opts, &RunControl::default())?;
    if json {
        serde_json::to_writer_pretty(&mut *out, &json_simulation(&p, scenario, &r))?;
        writeln!(out)?;
        return Ok(());
    }
    print_simulation(scenario, &r, out)?;
    // Core leaves out a release with no task: it has no finish to draw.
    for rel in &p.releases {
        if !r.releases.iter().any(|x| x.release_id == rel.id) {
            writeln!(out, "note: release '{}' has no tasks to simulate", rel.code)?;
        }
    }
    Ok(())
}

fn json_simulation(p: &Plan, scenario: Option<&str>, r: &SimulationResult) -> JsonSimulation {
    let first = r.releases.first();
    let key_of = |id: &admiral_core::TaskId| {
        p.tasks
            .iter()
            .find(|t| t.id == *id)
            .map(|t| t.key())
            .unwrap_or_default()
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
        criticality: r
            .criticality
            .iter()
            .map(|c| (c.key.clone(), c.index))
            .collect(),
        sensitivity: r
            .sensitivity
            .iter()
            .map(|s| match &s.source {
                SensitivitySource::Task { task_id, .. } => JsonSensitivity {
                    kind: "task",
                    key: key_of(task_id),
                    name: s.name.clone(),
                    correlation: s.correlation,
                },
                SensitivitySource::Risk { .. } => JsonSensitivity {
                    kind: "risk",
                    key: s.name.clone(),
                    name: s.name.clone(),
                    correlation: s.correlation,
                },
            })
            .collect(),
        sensitivity_iterations: r.sensitivity_iterations,
        assumptions: r.assumptions.clone(),
    }
}

fn print_simulation(
    scenario: Option<&str>,
    r: &SimulationResult,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let what = match (r.releases.first(), scenario) {
        (Some(f), Some(s)) => format!("Release {} under scenario '{s}'", f.code),
        (Some(f), None) => format!("Release {}", f.code),
        (None, Some(s)) => format!("Plan under scenario '{s}'"),
        (None, None) => "Plan".into(),
    };
    let d = r.primary();
    writeln!(
        out,
        "{what}: {} iterations (seed {}){}",
        r.iterations,
        r.seed,
        if r.partial { ", cancelled early" } else { "" }
    )?;
    writeln!(out, "  CPM finish  {}", human(d.deterministic))?;
    let pc = &d.percentiles;
    for (name, v) in [
        ("P10", pc.p10),
        ("P50", pc.p50),
        ("P80", pc.p80),
        ("P90", pc.p90),
        ("P95", pc.p95),
    ] {
        writeln!(out, "  {name}         {}", human(v))?;
    }
    writeln!(
        out,
        "  mean        {} (σ {:.1} working days)",
        human(d.mean),
        d.std_dev_days
    )?;
    if let Some(f) = r.releases.first() {
        if let (Some(t), Some(pr)) = (f.target, f.probability_on_target) {
            writeln!(
                out,
                "  target      {} — met in {:.0} % of iterations",
                human(t),
                pr * 100.0
            )?;
        }
    }
    writeln!(
        out,
        "  the CPM date is met in {:.0} % of iterations",
        d.probability_deterministic * 100.0
    )?;

    let mut m = Table::new(&["Milestone / gate", "CPM", "P50", "P80", "P95"]);
    for x in &r.milestones {
        m.row(vec![
            format!("{} {}", x.key, x.name),
            human(x.finish.deterministic),
            human(x.finish.percentiles.p50),
            human(x.finish.percentiles.p80),
            human(x.finish.percentiles.p95),
        ]);
    }
    if !r.milestones.is_empty() {
        write!(out, "\n{}", m.render())?;
    }

    let mut crit: Vec<_> = r.criticality.iter().filter(|c| c.index > 0.0).collect();
    crit.sort_by(|a, b| b.index.total_cmp(&a.index));
    let mut t = Table::new(&["ID", "Task", "Critical"]).right(&[0, 2]);
    for c in crit.iter().take(15) {
        t.row(vec![
            c.key.clone(),
            c.name.clone(),
            format!("{:.0} %", c.index * 100.0),
        ]);
    }
    write!(out, "\nCriticality (top 15)\n{}", t.render())?;
    let mut s = Table::new(&["Driver", "Correlation"]).right(&[1]);
    for x in r.sensitivity.iter().take(10) {
        let name = match &x.source {
            SensitivitySource::Task { key, .. } => format!("{key} {}", x.name),
            SensitivitySource::Risk { .. } => format!("risk: {}", x.name),
        };
        s.row(vec![name, format!("{:+.2}", x.correlation)]);
    }
    write!(out, "\nSensitivity (top 10)\n{}", s.render())?;
    let a = &r.assumptions;
    writeln!(
        out,
        "\nAssumptions: {:?} distribution; {} task(s) with their own estimate, {} with the \
         default uncertainty ({:+} %/{:+} %), {} fixed; {} risk(s) simulated, {} left out.",
        a.distribution,
        a.three_point_tasks,
        a.default_uncertainty_tasks,
        a.default_uncertainty.optimistic_pct,
        a.default_uncertainty.pessimistic_pct,
        a.fixed_tasks,
        a.risks_simulated,
        a.risks_excluded.len()
    )?;
    Ok(())
}
