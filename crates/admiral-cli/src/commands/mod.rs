//! One function per command: open the plan, call core/store/interop, print.

mod audit;
mod baseline;
mod edit;
mod evm;
mod json;
mod override_flags;
mod portfolio;
mod progress;
mod report;
mod scenario;
mod schedule;
mod show;
mod simulate;
mod why;

use crate::cli::{Command, ScenarioAction};
use crate::error::CliError;
use crate::output::parse_when;
use admiral_store::PlanFile;
use chrono::{Local, NaiveTime};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

pub fn run(command: Command, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    match command {
        Command::New {
            plan,
            name,
            start,
            force,
        } => {
            let start = match start {
                Some(s) => parse_when(&s, "start", eight())?,
                None => admiral_core::template::next_working_start(Local::now().date_naive()),
            };
            let p = admiral_core::template::new_plan(&name, start);
            PlanFile::create_with(&plan, &p, &format!("New plan {name}"), force)?;
            writeln!(out, "created {} with release {name}", plan.display())?;
        }
        Command::Demo {
            plan,
            force,
            tasks,
            seed,
        } => {
            let p = match tasks {
                Some(n) => admiral_core::demo::demo_plan_sized(n, seed),
                None => admiral_core::demo::demo_plan(),
            };
            PlanFile::create_with(&plan, &p, "Demo plan", force)?;
            writeln!(
                out,
                "wrote {}: {} releases, {} projects, {} tasks, {} links, {} gates, {} risks",
                plan.display(),
                p.releases.len(),
                p.projects.len(),
                p.tasks.len(),
                p.links.len(),
                p.gates.len(),
                p.risks.len()
            )?;
        }
        Command::Show { plan, json } => show::print(&open(&plan)?.load()?, json, out)?,
        Command::Audit {
            plan,
            verify,
            expect_head,
            json,
        } => {
            let check = audit::Check {
                verify,
                expect_head: expect_head.as_deref(),
            };
            return audit::run(&open(&plan)?, &check, json, out);
        }
        Command::Keys { action } => audit::keys(action, out)?,
        Command::Undo { plan } => audit::undo_redo(&mut open(&plan)?, true, out)?,
        Command::Redo { plan } => audit::undo_redo(&mut open(&plan)?, false, out)?,
        Command::Import {
            file,
            into,
            skip_bad_rows,
            start,
        } => {
            let start = match start {
                Some(s) => parse_when(&s, "start", eight())?,
                None => admiral_core::template::next_working_start(Local::now().date_naive()),
            };
            let opts = admiral_interop::CsvOptions {
                skip_bad_rows,
                start: Some(start),
            };
            schedule::import(&file, &into, &opts, out)?
        }
        Command::Export {
            plan,
            format,
            out: path,
            scenario: name,
            as_of,
        } => {
            let as_of = match as_of {
                Some(s) => parse_when(&s, "as-of date", eight())?,
                None => Local::now().naive_local(),
            };
            let mut file = open(&plan)?;
            let p = scenario::plan_for(file.load()?, name.as_deref())?;
            schedule::export(&mut file, &p, &format, as_of, &path, out)?
        }
        Command::Schedule {
            plan,
            json,
            status_date,
            scenario: name,
            baseline: number,
        } => {
            let status = status_date
                .map(|s| parse_when(&s, "status date", seventeen()))
                .transpose()?;
            let p = scenario::plan_for(open(&plan)?.load()?, name.as_deref())?;
            schedule::print(&p, status, json, number, out)?
        }
        Command::Baseline { action } => baseline::action(action, out)?,
        Command::Progress {
            plan,
            task,
            percent,
            actual_start,
            actual_finish,
            remaining,
            through,
            import,
        } => progress::progress(
            progress::ProgressArgs {
                plan,
                task,
                percent,
                actual_start,
                actual_finish,
                remaining,
                through,
                import,
            },
            out,
        )?,
        Command::Evm {
            plan,
            status_date,
            baseline: number,
            json,
        } => evm::evm(&plan, &status_date, number, json, out)?,
        Command::Scenario { action } => scenario_action(action, out)?,
        Command::Simulate {
            plan,
            scenario: name,
            iterations,
            seed,
            status_date,
            bins,
            json,
        } => {
            let status_date = status_date
                .map(|s| parse_when(&s, "status date", seventeen()))
                .transpose()?;
            let opts = admiral_core::monte_carlo::SimulationOptions {
                iterations,
                seed,
                status_date,
                histogram_bins: bins,
            };
            simulate::simulate_cmd(&open(&plan)?.load()?, name.as_deref(), &opts, json, out)?
        }
        Command::Report {
            plan,
            out: path,
            sections,
            scenario: scenarios,
            paper,
            as_of,
            iterations,
            seed,
            release,
            portfolio: whole,
        } => {
            let as_of = as_of
                .map(|s| parse_when(&s, "as-of date", eight()))
                .transpose()?;
            let args = report::ReportArgs {
                out: &path,
                sections: sections.as_deref(),
                scenarios: &scenarios,
                paper: &paper,
                as_of,
                iterations,
                seed,
                release: release.as_deref(),
            };
            if whole {
                report::run_portfolio(&mut open(&plan)?, &args, out)?
            } else {
                report::run(&mut open(&plan)?, &args, out)?
            }
        }
        Command::Portfolio { plan, at, json } => portfolio::portfolio(&plan, &at, json, out)?,
        Command::Commitment { action } => portfolio::commitment(action, out)?,
        Command::Changes { plan, as_of, json } => {
            portfolio::changes(&plan, as_of.as_deref(), json, out)?
        }
        Command::Budget {
            plan,
            release,
            amount,
        } => edit::budget(&plan, &release, &amount, out)?,
        Command::Task { action } => edit::task(action, out)?,
        Command::Risk { action } => edit::risk(action, out)?,
        Command::Why { plan, task, json } => why::why(&open(&plan)?.load()?, &task, json, out)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn scenario_action(action: ScenarioAction, out: &mut dyn Write) -> Result<(), CliError> {
    match action {
        ScenarioAction::List { plan, json } => scenario::list(&open(&plan)?.load()?, json, out),
        ScenarioAction::Add {
            plan,
            name,
            from_risk,
            description,
        } => scenario::add(
            &mut open(&plan)?,
            name.as_deref(),
            from_risk.as_deref(),
            description.as_deref(),
            out,
        ),
        ScenarioAction::Set {
            plan,
            name,
            overrides,
        } => scenario::set(&mut open(&plan)?, &name, &overrides, out),
        ScenarioAction::Compare {
            plan,
            names,
            status_date,
            json,
        } => {
            let status = status_date
                .map(|s| parse_when(&s, "status date", seventeen()))
                .transpose()?;
            scenario::compare_cmd(&open(&plan)?.load()?, &names, status, json, out)
        }
        ScenarioAction::Delete { plan, name } => scenario::delete(&mut open(&plan)?, &name, out),
    }
}

/// Says so when an export could not be recorded because the plan is read-only.
fn note_unrecorded(r: &admiral_store::ExportRecord, out: &mut dyn Write) -> Result<(), CliError> {
    if let admiral_store::ExportRecord::ReadOnlyPlan(why) = r {
        writeln!(
            out,
            "note: not recorded in the plan's audit trail: the plan is read-only ({why})"
        )?;
    }
    Ok(())
}

pub(crate) fn open(path: &Path) -> Result<PlanFile, CliError> {
    Ok(PlanFile::open(path)?)
}

fn eight() -> NaiveTime {
    NaiveTime::from_hms_opt(8, 0, 0).unwrap_or_default()
}

fn seventeen() -> NaiveTime {
    NaiveTime::from_hms_opt(17, 0, 0).unwrap_or_default()
}
