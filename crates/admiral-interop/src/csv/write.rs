//! CSV export of a (scheduled) plan.

use super::Column;
use crate::error::InteropError;
use crate::export::{Export, ExportReport};
use admiral_core::notation::{format_duration, format_predecessors, Predecessor};
use admiral_core::schedule::{Schedule, TaskSchedule};
use admiral_core::*;
use chrono::NaiveDateTime;
use std::collections::HashMap;

/// The columns written, in order: the importable ones, then the computed ones.
const COLUMNS: [Column; 18] = [
    Column::Id,
    Column::Name,
    Column::Kind,
    Column::OutlineLevel,
    Column::Wbs,
    Column::Duration,
    Column::Predecessors,
    Column::Constraint,
    Column::Deadline,
    Column::Owner,
    Column::Optimistic,
    Column::MostLikely,
    Column::Pessimistic,
    Column::Project,
    Column::PercentComplete,
    Column::Notes,
    Column::FixedCost,
    Column::FixedCostAccrual,
];

const COMPUTED: [&str; 9] = [
    "Start",
    "Finish",
    "Early Start",
    "Early Finish",
    "Late Start",
    "Late Finish",
    "Total float (days)",
    "Free float (days)",
    "Critical",
];

pub(crate) fn fmt_dt(d: NaiveDateTime) -> String {
    d.format("%Y-%m-%d %H:%M").to_string()
}

/// Days with at most two decimals, no trailing zeros: `0`, `1.5`, `-2.25`.
fn fmt_days(m: WorkMinutes) -> String {
    let s = format!("{:.2}", m.as_days());
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}

/// Money as the `Fixed Cost` column holds it: whole units, or two decimals when there are
/// cents (`1200`, `2500.50`), with no thousands separator.
pub(crate) fn fmt_money(m: Money) -> String {
    let (units, cents) = (m.0 / 100, (m.0 % 100).abs());
    let sign = if m.0 < 0 && units == 0 { "-" } else { "" };
    if cents == 0 {
        format!("{sign}{units}")
    } else {
        format!("{sign}{units}.{cents:02}")
    }
}

/// The constraint as the `Start constraint` column holds it: a bare date for "start no
/// earlier than", else the type's code and the date (`MFO 2027-05-07 17:00`), `ALAP`, or
/// nothing for ASAP.
pub(crate) fn fmt_constraint(c: Constraint) -> String {
    match c {
        Constraint::Asap => String::new(),
        Constraint::Alap => "ALAP".into(),
        Constraint::Snet(d) => fmt_dt(d),
        Constraint::Snlt(d) => format!("SNLT {}", fmt_dt(d)),
        Constraint::Fnet(d) => format!("FNET {}", fmt_dt(d)),
        Constraint::Fnlt(d) => format!("FNLT {}", fmt_dt(d)),
        Constraint::Mso(d) => format!("MSO {}", fmt_dt(d)),
        Constraint::Mfo(d) => format!("MFO {}", fmt_dt(d)),
    }
}

fn kind_name(k: TaskKind) -> &'static str {
    match k {
        TaskKind::Task => "Task",
        TaskKind::Milestone => "Milestone",
        TaskKind::Gate => "Gate",
        TaskKind::Deployment => "Deployment",
    }
}

/// WBS codes (`1`, `1.1`, `1.2`, `2`) from the outline levels, in plan order.
pub(crate) fn wbs_codes(tasks: &[Task]) -> Vec<String> {
    let mut counters: Vec<u32> = Vec::new();
    tasks
        .iter()
        .map(|t| {
            let level = usize::from(t.outline_level.max(1));
            counters.resize(level, 0);
            if let Some(last) = counters.last_mut() {
                *last += 1;
            }
            counters
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(".")
        })
        .collect()
}

/// Writes `plan` as CSV: UTF-8 with a byte-order mark, comma-separated, CRLF line ends, one
/// row per task in WBS order. With a `schedule` (of this plan) the computed columns are filled;
/// without, they are empty.
///
/// The report lists what a task list cannot hold: calendars, resources and assignments,
/// gates' criteria and approvals, risks and blackout windows.
pub fn write_csv(plan: &Plan, schedule: Option<&Schedule>) -> Result<Export, InteropError> {
    let mut bytes = Vec::from("\u{feff}".as_bytes());
    bytes.extend_from_slice(write_csv_string(plan, schedule)?.as_bytes());
    let mut report = ExportReport::new("CSV");
    report.wrote("tasks", plan.tasks.len());
    report.wrote("links", plan.links.len());
    let why = "a CSV task list has no column for them";
    let task_calendars = plan
        .tasks
        .iter()
        .filter(|t| t.calendar_id.is_some())
        .count();
    report.drop_n(
        task_calendars,
        "task calendars",
        "a CSV task list has no calendars; the tasks use the release calendar when imported",
    );
    report.drop_n(plan.calendars.len(), "calendars", why);
    report.drop_n(plan.resources.len(), "resources", why);
    report.drop_n(plan.assignments.len(), "assignments", why);
    report.drop_n(plan.gates.len(), "gates' criteria and approvals", why);
    report.drop_n(plan.risks.len(), "risks", why);
    report.drop_n(plan.blackouts.len(), "blackout windows", why);
    let actuals = plan
        .tasks
        .iter()
        .filter(|t| t.progress.actual_start.is_some())
        .count();
    report.drop_n(actuals, "actual start/finish dates", why);
    let split = plan.tasks.iter().filter(|t| !t.splits.is_empty()).count();
    report.drop_n(
        split,
        "split tasks' splits",
        "a CSV task list has no column for them; their finish column includes the gaps",
    );
    if schedule.is_none() {
        report
            .notes
            .push("no schedule was given: the computed columns are empty".into());
    }
    Ok(Export { bytes, report })
}

/// [`write_csv`] without the byte-order mark, as a string.
pub fn write_csv_string(plan: &Plan, schedule: Option<&Schedule>) -> Result<String, InteropError> {
    let err = |e: ::csv::Error| InteropError::Io {
        path: "CSV export".into(),
        message: e.to_string(),
    };
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let header: Vec<&str> = COLUMNS.iter().map(|c| c.header()).chain(COMPUTED).collect();
    w.write_record(&header).map_err(err)?;

    let number: HashMap<TaskId, TaskNumber> = plan.tasks.iter().map(|t| (t.id, t.number)).collect();
    let projects: HashMap<ProjectId, &str> = plan
        .projects
        .iter()
        .map(|p| (p.id, p.name.as_str()))
        .collect();
    let times: HashMap<TaskId, &TaskSchedule> = schedule
        .map(|s| s.tasks.iter().map(|t| (t.task_id, t)).collect())
        .unwrap_or_default();
    let mut preds: HashMap<TaskId, Vec<Predecessor>> = HashMap::new();
    for l in &plan.links {
        if let Some(&n) = number.get(&l.predecessor) {
            preds.entry(l.successor).or_default().push(Predecessor {
                number: n,
                kind: l.kind,
                lag: l.lag,
            });
        }
    }
    let wbs = wbs_codes(&plan.tasks);
    let opt =
        |m: Option<WorkMinutes>| m.map_or(String::new(), |m| format_duration(Duration::Working(m)));
    for (t, wbs) in plan.tasks.iter().zip(wbs) {
        let e = t.estimate;
        let mut row: Vec<String> = vec![
            t.number.to_string(),
            t.name.clone(),
            kind_name(t.kind).into(),
            t.outline_level.to_string(),
            wbs,
            format_duration(t.duration),
            preds
                .get(&t.id)
                .map_or(String::new(), |p| format_predecessors(p)),
            fmt_constraint(t.constraint),
            t.deadline.map_or(String::new(), fmt_dt),
            t.owner.clone(),
            opt(e.map(|e| e.optimistic)),
            opt(e.map(|e| e.most_likely)),
            opt(e.map(|e| e.pessimistic)),
            projects
                .get(&t.project_id)
                .copied()
                .unwrap_or("")
                .to_string(),
            t.progress.percent_complete.to_string(),
            t.notes.clone(),
            fmt_money(t.fixed_cost.amount),
            t.fixed_cost.accrual.as_str().into(),
        ];
        match times.get(&t.id) {
            Some(s) => row.extend([
                fmt_dt(s.start),
                fmt_dt(s.finish),
                fmt_dt(s.early_start),
                fmt_dt(s.early_finish),
                fmt_dt(s.late_start),
                fmt_dt(s.late_finish),
                fmt_days(s.total_float),
                fmt_days(s.free_float),
                if s.critical { "Yes" } else { "No" }.into(),
            ]),
            None => row.extend(std::iter::repeat_n(String::new(), COMPUTED.len())),
        }
        w.write_record(row.iter().map(|c| super::escape_cell(c).into_owned()))
            .map_err(err)?;
    }
    let bytes = w.into_inner().map_err(|e| InteropError::Io {
        path: "CSV export".into(),
        message: e.to_string(),
    })?;
    String::from_utf8(bytes).map_err(|e| InteropError::Io {
        path: "CSV export".into(),
        message: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_constraints() {
        assert_eq!(fmt_days(WorkMinutes(720)), "1.5");
        assert_eq!(fmt_days(WorkMinutes(0)), "0");
        assert_eq!(fmt_days(WorkMinutes(-960)), "-2");
        let d = chrono::NaiveDate::from_ymd_opt(2027, 3, 1)
            .unwrap()
            .and_hms_opt(8, 0, 0)
            .unwrap();
        for c in [
            Constraint::Asap,
            Constraint::Alap,
            Constraint::Snet(d),
            Constraint::Mfo(d),
            Constraint::Fnlt(d),
        ] {
            assert_eq!(
                super::super::read::parse_constraint(&fmt_constraint(c)),
                Ok(c)
            );
        }
    }

    #[test]
    fn money_is_written_as_the_reader_reads_it() {
        assert_eq!(fmt_money(Money(120_000)), "1200");
        assert_eq!(fmt_money(Money(250_050)), "2500.50");
        assert_eq!(fmt_money(Money(7)), "0.07");
        assert_eq!(fmt_money(Money(0)), "0");
        for cents in [0, 7, 99, 100, 120_000, 250_050, 123_456_789] {
            assert_eq!(
                super::super::read::parse_money(&fmt_money(Money(cents))),
                Ok(Money(cents))
            );
        }
    }
}
