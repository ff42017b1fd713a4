//! `admiral why`: the driving chain of one task, from what starts it to the task itself.

use super::schedule::{days, run};
use crate::error::CliError;
use crate::output::{human, iso};
use admiral_core::schedule::{driven_rows, driving_rows};
use admiral_core::{Link, Plan, Task, TaskId};
use serde::Serialize;
use std::io::Write;

/// Finds a task by its key (MSPDI UID for imported tasks, else its number).
fn find<'a>(plan: &'a Plan, key: &str) -> Result<&'a Task, CliError> {
    plan.tasks
        .iter()
        .find(|t| t.key() == key)
        .or_else(|| plan.tasks.iter().find(|t| t.number.to_string() == key))
        .ok_or_else(|| CliError::Input(format!("the plan has no task with key '{key}'")))
}

#[derive(Serialize)]
struct JsonStep<'a> {
    key: String,
    name: &'a str,
    early_start: String,
    early_finish: String,
    total_float_min: i64,
    /// How this task drives the next one, e.g. "FS+2d".
    link_to_next: Option<String>,
}

/// The driving chain of one task, from what starts it to the task itself.
pub fn why(plan: &Plan, key: &str, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let task = find(plan, key)?;
    let s = run(plan, None)?;
    // Rows of the schedule, which are the plan's; the task itself is the chain's last.
    let chain = driving_rows(&s, task.id);
    let link = |a: TaskId, b: TaskId| -> Option<&Link> {
        plan.links
            .iter()
            .find(|l| l.predecessor == a && l.successor == b)
    };
    let steps: Vec<JsonStep> = chain
        .iter()
        .enumerate()
        .map(|(n, &i)| {
            let (t, ts) = (&plan.tasks[i], &s.tasks[i]);
            JsonStep {
                key: t.key(),
                name: &t.name,
                early_start: iso(ts.early_start),
                early_finish: iso(ts.early_finish),
                total_float_min: ts.total_float.0,
                link_to_next: chain
                    .get(n + 1)
                    .and_then(|&next| link(t.id, plan.tasks[next].id))
                    .map(link_text),
            }
        })
        .collect();
    if json {
        crate::output::write_json(&mut *out, &steps)?;
        writeln!(out)?;
        return Ok(());
    }
    let first = &plan.tasks[chain[0]];
    let origin = match first.constraint.date() {
        Some(d) => format!("its constraint ({} {})", first.constraint.code(), human(d)),
        None if first.progress.actual_start.is_some() => "its actual start".into(),
        None => "the release start".into(),
    };
    writeln!(
        out,
        "{} '{}' starts {} because:",
        task.key(),
        task.name,
        human(s.tasks[chain[chain.len() - 1]].early_start)
    )?;
    for (n, step) in steps.iter().enumerate() {
        let how = if n == 0 {
            format!("set by {origin}")
        } else {
            format!(
                "after {} via {}",
                steps[n - 1].key,
                steps[n - 1].link_to_next.clone().unwrap_or_default()
            )
        };
        writeln!(
            out,
            "  {:>5}  {}  {} → {}  float {}  ({how})",
            step.key,
            crate::output::padded(step.name, 40),
            step.early_start,
            step.early_finish,
            days(step.total_float_min)
        )?;
    }
    // What it drives (MS Project's driven successors): what a slip of it moves.
    // Rows of the schedule, which are the plan's.
    let driven = driven_rows(&s, task.id);
    let keys: Vec<String> = driven
        .iter()
        .take(DRIVEN_LISTED)
        .map(|&i| plan.tasks[i].key())
        .collect();
    match driven.len() {
        0 => writeln!(
            out,
            "It drives no other task: a slip of it moves only its own finish."
        )?,
        n => writeln!(
            out,
            "A slip of it moves the {} it drives: {}{}",
            if n == 1 {
                "task".to_string()
            } else {
                format!("{n} tasks")
            },
            keys.join(", "),
            if n > keys.len() {
                format!(" and {} more", n - keys.len())
            } else {
                String::new()
            }
        )?,
    }
    Ok(())
}

/// The driven tasks `why` names by key; it counts them all.
const DRIVEN_LISTED: usize = 20;

/// "FS", "SS+2d", "FF-1d", "FS+2ed": how one task drives the next.
fn link_text(l: &Link) -> String {
    let lag = admiral_core::notation::format_lag(l.lag);
    match lag.as_str() {
        "0d" | "0ed" => format!("{:?}", l.kind),
        _ if lag.starts_with('-') => format!("{:?}{lag}", l.kind),
        _ => format!("{:?}+{lag}", l.kind),
    }
}
