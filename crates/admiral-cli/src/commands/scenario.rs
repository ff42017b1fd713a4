//! `admiral scenario …`: what-if scenarios (list, add, set overrides, compare, delete).

use super::json::{json_comparison, JsonScenario};
use super::override_flags::{find_risk, input, overrides};
use crate::cli::OverrideArgs;
use crate::error::CliError;
use crate::output::{human, Table};
use admiral_core::edit::Edit;
use admiral_core::scenario::{apply_scenario, compare, Scenario};
use admiral_core::schedule::ScheduleOptions;
use admiral_core::{Plan, ScenarioId};
use admiral_store::PlanFile;
use chrono::NaiveDateTime;
use std::io::Write;

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
        crate::output::write_json(&mut *out, &doc)?;
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
    if s.name.trim().is_empty() {
        return Err(input("give the scenario a --name (or --from-risk)"));
    }
    if let Some(d) = description {
        s.description = d.to_string();
    }
    s.check_name(&plan)?;
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
    // Check the whole scenario against the plan before writing it, scheduled as the report
    // will schedule it.
    s.check_schedulable(&plan)?;
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
        crate::output::write_json(&mut *out, &json_comparison(plan, &c))?;
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
        // What the scenario's schedule warns of and the baseline's does not (a holiday that
        // closes a calendar for good makes every date on it meaningless).
        for w in &s.outcome.warnings {
            if !c.baseline.warnings.contains(w) {
                writeln!(out, "{}: warning: {w}", s.outcome.name)?;
            }
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
