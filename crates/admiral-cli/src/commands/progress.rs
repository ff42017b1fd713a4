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
    let rows = admiral_interop::status::read_status_file(path)
        .map_err(|e| crate::error::in_source(path, e))?;
    let rows: Vec<_> = rows
        .iter()
        .map(|r| (r.line, r.key.as_str(), r.update))
        .collect();
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    progress::apply_status(plan, s, &rows, &name)
        .map_err(|e| CliError::Input(format!("{}: {e}", path.display())))
}
