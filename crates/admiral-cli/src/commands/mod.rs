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
mod schedule_doc;
mod schedule_json;
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
        } => new_plan(&plan, &name, start.as_deref(), force, out)?,
        Command::Demo {
            plan,
            force,
            tasks,
            seed,
        } => demo(&plan, force, tasks, seed, out)?,
        Command::Show { plan, json } => show::print(&read_plan(&plan)?, json, out)?,
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
        } => import(&file, &into, skip_bad_rows, start.as_deref(), out)?,
        Command::Export {
            plan,
            format,
            out: path,
            scenario: name,
            as_of,
        } => export(
            &plan,
            &format,
            name.as_deref(),
            as_of.as_deref(),
            &path,
            out,
        )?,
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
            let p = scenario::plan_for(read_plan(&plan)?, name.as_deref())?;
            schedule::print(&p, status, json, number, out)?;
            leave(p)
        }
        Command::Baseline { action } => baseline::action(action, out)?,
        Command::Progress(args) => progress::progress(args, out)?,
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
            let status_date = status_date.as_deref();
            simulate(
                &plan,
                name.as_deref(),
                iterations,
                seed,
                status_date,
                bins,
                json,
                out,
            )?
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
            let args = report::ReportArgs {
                out: &path,
                sections: sections.as_deref(),
                scenarios: &scenarios,
                paper: &paper,
                as_of: as_of
                    .map(|s| parse_when(&s, "as-of date", eight()))
                    .transpose()?,
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
        Command::Reports { plan, forget, json } => {
            report::reports(&plan, forget.as_deref(), json, out)?
        }
        Command::Budget {
            plan,
            release,
            amount,
        } => edit::budget(&plan, &release, &amount, out)?,
        Command::Task { action } => edit::task(action, out)?,
        Command::Risk { action } => edit::risk(action, out)?,
        Command::Why { plan, task, json } => why::why(&read_plan(&plan)?, &task, json, out)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `admiral new`: an empty plan with one release starting at `start` (else the next working
/// day).
fn new_plan(
    plan: &Path,
    name: &str,
    start: Option<&str>,
    force: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let start = start_or_next_working_day(start)?;
    let p = admiral_core::template::new_plan(name, start);
    PlanFile::create_with(plan, &p, &format!("New plan {name}"), force)?;
    writeln!(out, "created {} with release {name}", plan.display())?;
    Ok(())
}

/// `admiral demo`: the demo plan, or a synthetic one of about `tasks` tasks.
fn demo(
    plan: &Path,
    force: bool,
    tasks: Option<usize>,
    seed: u64,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let p = match tasks {
        Some(n) if !(1..=admiral_core::demo::MAX_SIZED_TASKS).contains(&n) => {
            return Err(CliError::Input(format!(
                "--tasks {n}: a generated plan has 1 to {} tasks",
                admiral_core::demo::MAX_SIZED_TASKS
            )));
        }
        Some(n) => admiral_core::demo::demo_plan_sized(n, seed),
        None => admiral_core::demo::demo_plan(),
    };
    PlanFile::create_with(plan, &p, "Demo plan", force)?;
    let n = admiral_core::notation::counted;
    writeln!(
        out,
        "wrote {}: {}, {}, {}, {}, {}, {}",
        plan.display(),
        n(p.releases.len(), "release"),
        n(p.projects.len(), "project"),
        n(p.tasks.len(), "task"),
        n(p.links.len(), "link"),
        n(p.gates.len(), "gate"),
        n(p.risks.len(), "risk")
    )?;
    Ok(())
}

/// `--start DATE` at 08:00, else the next working day's start.
fn start_or_next_working_day(start: Option<&str>) -> Result<chrono::NaiveDateTime, CliError> {
    Ok(match start {
        Some(s) => parse_when(s, "start", eight())?,
        None => admiral_core::template::next_working_start(Local::now().date_naive()),
    })
}

/// `admiral import`: an MSPDI or CSV file into a new or existing plan.
fn import(
    file: &Path,
    into: &Path,
    skip_bad_rows: bool,
    start: Option<&str>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let opts = admiral_interop::CsvOptions {
        skip_bad_rows,
        start: Some(start_or_next_working_day(start)?),
    };
    schedule::import(file, into, &opts, out)
}

/// `admiral export`: the plan (as a scenario changes it) as MSPDI, CSV or iCalendar.
fn export(
    plan: &Path,
    format: &str,
    scenario_name: Option<&str>,
    as_of: Option<&str>,
    path: &Path,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let as_of = match as_of {
        Some(s) => parse_when(s, "as-of date", eight())?,
        None => Local::now().naive_local(),
    };
    let mut file = open(plan)?;
    let p = scenario::plan_for(file.load()?, scenario_name)?;
    schedule::export(&mut file, &p, format, as_of, path, out)
}

/// `admiral simulate`: Monte Carlo schedule risk of the plan or a scenario.
#[allow(clippy::too_many_arguments)]
fn simulate(
    plan: &Path,
    scenario_name: Option<&str>,
    iterations: u32,
    seed: u64,
    status_date: Option<&str>,
    bins: usize,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let status_date = status_date
        .map(|s| parse_when(s, "status date", seventeen()))
        .transpose()?;
    let opts = admiral_core::monte_carlo::SimulationOptions {
        iterations,
        seed,
        status_date,
        histogram_bins: bins,
    };
    simulate::simulate_cmd(&read_plan(plan)?, scenario_name, &opts, json, out)
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

/// The plan a command that only reads takes (`show`, `schedule`, `why`, `simulate`): a plan
/// file, or an MS Project XML file or a task list (by its extension, unless it is a SQLite
/// database) read as `import` reads one into a new plan, in memory: no file is written, and
/// the source is only read. A task list without dates starts on the next working day; a
/// cycle is the scheduler's to refuse, naming its tasks, as in a plan.
fn read_plan(path: &Path) -> Result<admiral_core::Plan, CliError> {
    use admiral_interop::Format;
    // MS Project's own file is read as a source, to be refused saying how to save it as XML.
    let mpp = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("mpp") || e.eq_ignore_ascii_case("mpt"));
    let source = mpp || matches!(Format::from_path(path), Ok(Format::Mspdi | Format::Csv));
    if !source || admiral_store::is_sqlite(path) {
        return Ok(open(path)?.load()?);
    }
    let opts = admiral_interop::CsvOptions {
        skip_bad_rows: false,
        start: Some(start_or_next_working_day(None)?),
    };
    let release = admiral_interop::release_name(path);
    Ok(schedule::read_source(path, &release, &opts)?.plan)
}

/// Leaves `v` unfreed: a command's large value, after its last use, when the process is about
/// to end and the system takes back all of its memory at once. Freeing a 100k-task plan and
/// its schedule one allocation at a time took about 25 ms of `schedule --json` (`perf`). Only
/// for plain data, whose drop does nothing but free memory (no file, lock or buffer).
pub(crate) fn leave<T>(v: T) {
    std::mem::forget(v)
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
