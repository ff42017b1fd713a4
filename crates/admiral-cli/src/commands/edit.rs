//! `admiral task …` and `admiral risk add`: the desktop grid's and register's edits from the
//! command line. Core decides each change (`admiral_core::wbs`, `risk::new_risk`); this
//! checks it on a copy of the plan (model rules, then a schedule for cycles) and saves it
//! as one audited change.

use super::open;
use super::override_flags::find_task;
use crate::cli::{RiskAction, TaskAction};
use crate::error::CliError;
use admiral_core::edit::{apply_all, Change};
use admiral_core::schedule::{schedule, ScheduleOptions};
use admiral_core::{risk, split, wbs, Plan};
use admiral_store::PlanFile;
use std::io::Write;
use std::path::Path;

/// Saves `change` if the plan after it keeps every rule and can be scheduled; else nothing
/// is written.
fn commit(file: &mut PlanFile, plan: &Plan, change: &Change) -> Result<(), CliError> {
    let next = apply_all(plan, &change.edits)?;
    schedule(&next, &ScheduleOptions::default())?;
    file.apply(&change.edits, &change.label)?;
    Ok(())
}

pub(super) fn run(
    path: &Path,
    out: &mut dyn Write,
    rule: impl FnOnce(&Plan) -> Result<Change, CliError>,
) -> Result<(), CliError> {
    let mut file = open(path)?;
    let plan = file.load()?;
    let change = rule(&plan)?;
    if change.edits.is_empty() {
        writeln!(out, "nothing to change: {}", change.label)?;
        return Ok(());
    }
    commit(&mut file, &plan, &change)?;
    // The audit label says what was done: "Insert task 12".
    writeln!(out, "{}", change.label)?;
    Ok(())
}

pub fn task(action: TaskAction, out: &mut dyn Write) -> Result<(), CliError> {
    match action {
        TaskAction::Insert { plan, before, name } => run(&plan, out, |p| {
            let before = before.map(|k| find_task(p, &k).map(|t| t.id)).transpose()?;
            Ok(wbs::insert_task(p, before, name.as_deref())?)
        }),
        TaskAction::Indent { plan, task } => run(&plan, out, |p| {
            Ok(wbs::indent_task(p, find_task(p, &task)?.id, 1)?)
        }),
        TaskAction::Outdent { plan, task } => run(&plan, out, |p| {
            Ok(wbs::indent_task(p, find_task(p, &task)?.id, -1)?)
        }),
        TaskAction::Predecessors { plan, task, text } => run(&plan, out, |p| {
            Ok(wbs::set_predecessors(p, find_task(p, &task)?.id, &text)?)
        }),
        TaskAction::Duration { plan, task, text } => run(&plan, out, |p| {
            Ok(wbs::set_duration(p, find_task(p, &task)?.id, &text)?)
        }),
        TaskAction::Split {
            plan,
            task,
            after,
            at,
            gap,
        } => run(&plan, out, |p| {
            let t = find_task(p, &task)?;
            match (after, at) {
                (Some(after), _) => Ok(split::split(p, t.id, &after, &gap)?),
                (None, Some(at)) => {
                    let at = crate::output::parse_when(&at, "--at", chrono::NaiveTime::MIN)?;
                    let s = schedule(p, &ScheduleOptions::default())?;
                    let row = s.tasks.iter().find(|r| r.task_id == t.id);
                    let span = row.map(|r| (r.start, r.finish)).ok_or_else(|| {
                        CliError::Input(format!("task {task} has no schedule to split"))
                    })?;
                    Ok(split::split_at(p, t.id, span, at, &gap)?)
                }
                (None, None) => Err(CliError::Input("give --after or --at".into())),
            }
        }),
        TaskAction::Join { plan, task, split } => run(&plan, out, |p| {
            Ok(split::join(p, find_task(p, &task)?.id, split)?)
        }),
        TaskAction::Set {
            plan,
            task,
            name,
            duration,
            owner,
            deadline,
            fixed_cost,
            accrual,
        } => run(&plan, out, |p| {
            let deadline = match deadline.as_deref().map(str::trim) {
                None => None,
                Some("none") | Some("") => Some(None),
                Some(d) => Some(Some(crate::output::parse_when(
                    d,
                    "deadline",
                    chrono::NaiveTime::from_hms_opt(17, 0, 0).unwrap_or_default(),
                )?)),
            };
            let accrual = match accrual.as_deref() {
                None => None,
                Some(a) => Some(admiral_core::Accrual::parse(a).ok_or_else(|| {
                    CliError::Input(format!("accrual '{a}' is not one of start, prorated, end"))
                })?),
            };
            let f = wbs::TaskFields {
                name,
                duration,
                owner,
                deadline,
                fixed_cost: fixed_cost
                    .as_deref()
                    .map(|c| parse_amount(c, "fixed cost", ""))
                    .transpose()?,
                accrual,
            };
            if f == wbs::TaskFields::default() {
                return Err(crate::error::CliError::Input(
                    "nothing to set: give --name, --duration, --owner, --deadline, --fixed-cost or --accrual".into(),
                ));
            }
            Ok(wbs::set_fields(p, find_task(p, &task)?.id, &f)?)
        }),
    }
}

pub fn risk(action: RiskAction, out: &mut dyn Write) -> Result<(), CliError> {
    match action {
        RiskAction::Add { plan, title } => run(&plan, out, |p| Ok(risk::new_risk(p, &title)?)),
    }
}

/// A non-negative amount of money as typed: "250000", "250,000.50", "1_200" (commas only
/// between groups of three digits, at most two decimals), at most 10^15.
fn parse_amount(amount: &str, what: &str, or: &str) -> Result<admiral_core::Money, CliError> {
    let amount = amount.trim();
    let says = |why: &str| CliError::Input(format!("{what} '{amount}' {why}"));
    if amount.starts_with('-') {
        return Err(says("must be a non-negative amount"));
    }
    let (int, frac) = amount.split_once('.').unwrap_or((amount, ""));
    let mut groups = int.split(',');
    let grouped = !int.contains(',')
        || (groups.next().is_some_and(|g| (1..=3).contains(&g.len()))
            && groups.all(|g| g.len() == 3));
    let spaced = int.starts_with('_') || int.ends_with('_') || int.contains("__");
    let digits: String = int.chars().filter(|&c| c != ',' && c != '_').collect();
    let all_digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if !grouped
        || spaced
        || digits.is_empty()
        || !all_digits(&digits)
        || frac.len() > 2
        || !all_digits(frac)
    {
        return Err(says(&format!(
            "is not an amount: give a number such as 250000, 250,000.50 or 1_200{or}"
        )));
    }
    const MAX_UNITS: i64 = 1_000_000_000_000_000;
    let units = digits
        .parse::<i64>()
        .ok()
        .filter(|&u| u <= MAX_UNITS)
        .ok_or_else(|| says("is too large: at most 1,000,000,000,000,000"))?;
    let cents: i64 = format!("{frac:0<2}").parse().unwrap_or(0);
    Ok(admiral_core::Money(units * 100 + cents))
}

/// `admiral budget PLAN RELEASE AMOUNT`.
pub fn budget(
    path: &Path,
    release: &str,
    amount: &str,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let amount = amount.trim();
    let budget = if amount.eq_ignore_ascii_case("none") {
        None
    } else {
        Some(parse_amount(amount, "budget", ", or none")?)
    };
    run(path, out, |p| {
        let r = super::report::find_release(p, release)?;
        Ok(admiral_core::portfolio::set_budget(p, r, budget)?)
    })
}

#[cfg(test)]
mod amount_tests {
    use super::parse_amount;

    #[test]
    fn amounts_as_typed_and_what_is_refused() {
        let cents = |s: &str| parse_amount(s, "budget", "").map(|m| m.0);
        assert_eq!(cents("250000").unwrap(), 25_000_000);
        assert_eq!(cents(" 250,000.50 ").unwrap(), 25_000_050);
        assert_eq!(cents("1_200.5").unwrap(), 120_050);
        assert_eq!(cents("0").unwrap(), 0);
        assert_eq!(
            cents("1,000,000,000,000,000").unwrap(),
            100_000_000_000_000_000
        );
        for (bad, says) in [
            ("1,2,3", "is not an amount"),
            ("12,34", "is not an amount"),
            ("1,2345", "is not an amount"),
            ("1.234", "is not an amount"),
            ("1e5", "is not an amount"),
            ("", "is not an amount"),
            (".5", "is not an amount"),
            ("_1", "is not an amount"),
            ("NaN", "is not an amount"),
            ("-5", "must be a non-negative amount"),
            ("92233720368547758", "is too large"),
            ("1000000000000001", "is too large"),
        ] {
            let e = cents(bad).unwrap_err().to_string();
            assert!(e.contains(says), "{bad}: {e}");
        }
    }
}
