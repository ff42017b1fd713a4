//! `admiral progress`: percent complete, actual dates and remaining duration for one task,
//! "update as scheduled through a date", or a status file, each one audited change. Core
//! decides every change (`admiral_core::progress`); this wires and prints.

use super::baseline::{at, commit, scheduled};
use super::open;
use super::override_flags::find_task;
use crate::cli::ProgressArgs;
use crate::error::CliError;
use crate::output::parse_when;
use admiral_core::edit::Change;
use admiral_core::progress::{self, ProgressUpdate};
use admiral_core::schedule::Schedule;
use admiral_core::Plan;
use std::io::Write;
use std::path::Path;

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
