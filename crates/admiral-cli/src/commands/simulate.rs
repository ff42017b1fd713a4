//! `admiral simulate`: Monte Carlo schedule risk of the plan or of one of its scenarios.

use super::json::json_simulation;
use super::scenario::plan_for;
use crate::error::CliError;
use crate::output::{human, Table};
use admiral_core::monte_carlo::{
    simulate, RunControl, SensitivitySource, SimulationOptions, SimulationResult,
};
use admiral_core::Plan;
use std::io::Write;

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
        crate::output::write_json(&mut *out, &json_simulation(&p, scenario, &r))?;
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
