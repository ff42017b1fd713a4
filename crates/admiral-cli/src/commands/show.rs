//! `admiral show`: the plan as text or one JSON object.

use crate::error::CliError;
use crate::output::{human, Table};
use admiral_core::{Plan, ReleaseKind, ReleaseStatus, RiskStatus, TaskKind, MINUTES_PER_DAY};
use std::collections::HashMap;
use std::io::Write;

pub fn print(plan: &Plan, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    if json {
        crate::output::write_json(&mut *out, plan)?;
        writeln!(out)?;
        return Ok(());
    }
    write!(out, "{}", text(plan))?;
    Ok(())
}

/// The human summary: releases, projects, tasks, gates, risks, resources, calendars.
pub fn text(plan: &Plan) -> String {
    let mut s = String::new();
    let push = |s: &mut String, line: String| {
        s.push_str(&line);
        s.push('\n');
    };
    push(&mut s, format!("Portfolio: {}", plan.portfolio.name));
    let tasks_per_project = plan.tasks.iter().fold(HashMap::new(), |mut m, t| {
        *m.entry(t.project_id).or_insert(0usize) += 1;
        m
    });
    for r in &plan.releases {
        push(&mut s, String::new());
        push(
            &mut s,
            format!(
                "Release {} \"{}\" ({}, {}), owner {}",
                r.code,
                r.name,
                release_kind(r.kind),
                release_status(r.status),
                if r.owner.is_empty() { "—" } else { &r.owner }
            ),
        );
        let target = r.target.map(human).unwrap_or_else(|| "none".into());
        push(
            &mut s,
            format!("  start {}, target {}", human(r.start), target),
        );
        if !r.description.is_empty() {
            push(&mut s, format!("  {}", r.description));
        }
        for b in plan.blackouts.iter().filter(|b| b.release_id == r.id) {
            push(
                &mut s,
                format!("  blackout '{}': {} to {}", b.name, b.start, b.finish),
            );
        }
    }

    push(&mut s, format!("\nProjects ({})", plan.projects.len()));
    let mut t = Table::new(&["Project", "Department", "Owner", "Tasks"]).right(&[3]);
    for p in &plan.projects {
        t.row(vec![
            p.name.clone(),
            p.department.clone(),
            p.owner.clone(),
            tasks_per_project
                .get(&p.id)
                .copied()
                .unwrap_or(0)
                .to_string(),
        ]);
    }
    s.push_str(&t.render());

    push(&mut s, format!("\nTasks ({})", plan.tasks.len()));
    let mut t = Table::new(&["ID", "Name", "Kind", "Duration", "Owner"]).right(&[0, 3]);
    for task in &plan.tasks {
        let indent = "  ".repeat(usize::from(task.outline_level.saturating_sub(1)));
        t.row(vec![
            task.number.to_string(),
            format!("{indent}{}", task.name),
            task_kind(task.kind).into(),
            admiral_core::notation::format_duration(task.duration),
            task.owner.clone(),
        ]);
    }
    s.push_str(&t.render());
    push(&mut s, format!("Links: {}", plan.links.len()));

    let by_id: HashMap<_, _> = plan.tasks.iter().map(|t| (t.id, t)).collect();
    push(&mut s, format!("\nGates ({})", plan.gates.len()));
    for g in &plan.gates {
        let name = by_id
            .get(&g.task_id)
            .map(|t| t.name.as_str())
            .unwrap_or("?");
        let met = g.criteria.iter().filter(|c| c.met).count();
        push(
            &mut s,
            format!(
                "  {name}: {:?}, criteria {met}/{} met",
                g.state(),
                g.criteria.len()
            ),
        );
        for a in &g.approvers {
            push(
                &mut s,
                format!("    {} ({}): {:?}", a.name, a.role, a.decision),
            );
        }
    }

    push(&mut s, format!("\nRisks ({})", plan.risks.len()));
    let mut t =
        Table::new(&["Risk", "Prob.", "Impact", "Exposure", "Owner", "Status"]).right(&[1, 2, 3]);
    for r in &plan.risks {
        t.row(vec![
            r.title.clone(),
            format!("{:.0}%", r.probability * 100.0),
            format!("{}", r.schedule_impact),
            format!("{:.1}d", r.exposure() / MINUTES_PER_DAY as f64),
            r.owner.clone(),
            risk_status(r.status).into(),
        ]);
    }
    s.push_str(&t.render());

    push(&mut s, format!("\nResources ({})", plan.resources.len()));
    let mut t = Table::new(&["Resource", "Kind", "Rate/h", "Max units"]).right(&[2, 3]);
    for r in &plan.resources {
        t.row(vec![
            r.name.clone(),
            format!("{:?}", r.kind).to_lowercase(),
            format!("{} {}", r.cost_rate, plan.settings.currency),
            format!("{:.0}%", r.max_units * 100.0),
        ]);
    }
    s.push_str(&t.render());
    push(
        &mut s,
        format!(
            "Assignments: {}\nCalendars: {}",
            plan.assignments.len(),
            plan.calendars
                .iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    );
    s
}

fn task_kind(k: TaskKind) -> &'static str {
    match k {
        TaskKind::Task => "task",
        TaskKind::Milestone => "milestone",
        TaskKind::Gate => "gate",
        TaskKind::Deployment => "deployment",
    }
}

fn release_kind(k: ReleaseKind) -> &'static str {
    match k {
        ReleaseKind::Enterprise => "enterprise",
        ReleaseKind::Project => "project",
        ReleaseKind::Independent => "independent",
    }
}

fn release_status(k: ReleaseStatus) -> &'static str {
    match k {
        ReleaseStatus::Planning => "planning",
        ReleaseStatus::InProgress => "in progress",
        ReleaseStatus::Released => "released",
        ReleaseStatus::Cancelled => "cancelled",
    }
}

fn risk_status(k: RiskStatus) -> &'static str {
    match k {
        RiskStatus::Open => "open",
        RiskStatus::Mitigating => "mitigating",
        RiskStatus::Occurred => "occurred",
        RiskStatus::Closed => "closed",
    }
}
