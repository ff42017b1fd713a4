//! iCalendar (RFC 5545) export of the dates teams put in their calendars: milestones, gates
//! (with their approval state and every approver's decision) and blackout windows.
//!
//! Every event's UID derives from the entity's id (`<task-uuid>@admiral`,
//! `<blackout-uuid>@admiral`), so importing a newer export into a calendar updates the events
//! instead of duplicating them. DTSTAMP and LAST-MODIFIED are the caller's "as of" instant and
//! nothing reads the clock, so the same plan and options always give the same bytes.
//!
//! Milestones and gates are timed events at their scheduled finish (floating local time, as
//! Admiral's dates have no zone) without DTEND, i.e. points in time. Blackouts are all-day
//! events with an exclusive DTEND, as RFC 5545 wants.

use crate::error::InteropError;
use crate::export::{Export, ExportReport};
use admiral_core::schedule::Schedule;
use admiral_core::*;
use chrono::{Days, NaiveDateTime};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};
use std::collections::HashMap;

/// How to export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IcsOptions {
    /// Written as every event's DTSTAMP and LAST-MODIFIED (taken as UTC). Pass the plan's last
    /// change, or the time of the export: the output depends on nothing else.
    pub as_of: NaiveDateTime,
    /// The calendar's display name (X-WR-CALNAME); the portfolio's name when `None`.
    pub calendar_name: Option<String>,
}

/// The UID of an entity's event.
pub fn event_uid(id: impl std::fmt::Display) -> String {
    format!("{id}@admiral")
}

fn fmt_dt(d: NaiveDateTime) -> String {
    d.format("%Y-%m-%d %H:%M").to_string()
}

fn decision_text(d: Decision) -> &'static str {
    match d {
        Decision::Pending => "pending",
        Decision::Approved => "approved",
        Decision::Rejected => "rejected",
        Decision::Waived => "waived",
    }
}

/// "Gate: Go/No-go", unless the name already says it is a gate.
fn gate_title(name: &str) -> String {
    if name.to_lowercase().contains("gate") {
        name.to_string()
    } else {
        format!("Gate: {name}")
    }
}

/// The description of a gate's event: its state, approvers' decisions and criteria.
fn gate_description(g: &Gate, notes: &str) -> String {
    let mut s = format!("Gate state: {}\n", decision_text(g.state()));
    if !g.approvers.is_empty() {
        s.push_str("Approvers:\n");
        for a in &g.approvers {
            s.push_str(&format!("- {}", a.name));
            if !a.role.is_empty() {
                s.push_str(&format!(" ({})", a.role));
            }
            s.push_str(&format!(": {}", decision_text(a.decision)));
            if let Some(at) = a.decided_at {
                s.push_str(&format!(" on {}", fmt_dt(at)));
            }
            if !a.comment.is_empty() {
                s.push_str(&format!(" — {}", a.comment));
            }
            s.push('\n');
        }
    }
    if !g.criteria.is_empty() {
        s.push_str("Criteria:\n");
        for c in &g.criteria {
            s.push_str(&format!("[{}] {}\n", if c.met { "x" } else { " " }, c.text));
        }
    }
    if !notes.is_empty() {
        s.push('\n');
        s.push_str(notes);
    }
    s.trim_end().to_string()
}

/// Writes the plan's milestones, gates and blackout windows as an `.ics` file.
///
/// Dates of milestones and gates come from `schedule` (their finish); without one, from their
/// constraint date, and those that have none are left out and listed in the report.
pub fn write_ics(
    plan: &Plan,
    schedule: Option<&Schedule>,
    opts: &IcsOptions,
) -> Result<Export, InteropError> {
    let stamp = opts.as_of.and_utc();
    let mut report = ExportReport::new("iCalendar");
    let mut cal = Calendar::empty();
    cal.append_property(("VERSION", "2.0"));
    cal.append_property(("PRODID", "-//Admiral//Release planning//EN"));
    cal.append_property(("CALSCALE", "GREGORIAN"));
    cal.append_property(("METHOD", "PUBLISH"));
    let name = opts
        .calendar_name
        .clone()
        .unwrap_or_else(|| plan.portfolio.name.clone());
    if !name.is_empty() {
        cal.name(&name);
    }

    let finish: HashMap<TaskId, NaiveDateTime> = schedule
        .map(|s| s.tasks.iter().map(|t| (t.task_id, t.finish)).collect())
        .unwrap_or_default();
    let gates: HashMap<TaskId, &Gate> = plan.gates.iter().map(|g| (g.task_id, g)).collect();
    let projects: HashMap<ProjectId, &Project> = plan.projects.iter().map(|p| (p.id, p)).collect();
    let releases: HashMap<ReleaseId, &Release> = plan.releases.iter().map(|r| (r.id, r)).collect();

    let (mut milestones, mut gate_events, mut undated) = (0, 0, 0);
    for t in plan.tasks.iter().filter(|t| t.is_milestone()) {
        let Some(at) = finish.get(&t.id).copied().or(t.constraint.date()) else {
            undated += 1;
            continue;
        };
        let release = projects
            .get(&t.project_id)
            .and_then(|p| releases.get(&p.release_id));
        let mut ev = Event::new();
        ev.uid(&event_uid(t.id))
            .timestamp(stamp)
            .last_modified(stamp)
            .starts(at);
        let code = release.map_or(String::new(), |r| format!("{} ", r.code));
        match (t.kind, gates.get(&t.id)) {
            (TaskKind::Gate, Some(g)) => {
                gate_events += 1;
                let state = g.state();
                ev.summary(&format!(
                    "{code}{} ({})",
                    gate_title(&t.name),
                    decision_text(state)
                ))
                .description(&gate_description(g, &t.notes))
                .status(if state == Decision::Approved {
                    EventStatus::Confirmed
                } else {
                    EventStatus::Tentative
                })
                .add_property("CATEGORIES", "Gate");
            }
            (TaskKind::Gate, None) => {
                gate_events += 1;
                ev.summary(&format!("{code}{}", gate_title(&t.name)))
                    .description(&format!("Gate state: no approvers recorded\n{}", t.notes))
                    .status(EventStatus::Tentative)
                    .add_property("CATEGORIES", "Gate");
            }
            _ => {
                milestones += 1;
                ev.summary(&format!("{code}Milestone: {}", t.name))
                    .status(EventStatus::Confirmed)
                    .add_property("CATEGORIES", "Milestone");
                if !t.notes.is_empty() {
                    ev.description(&t.notes);
                }
            }
        }
        cal.push(ev.done());
    }
    for b in &plan.blackouts {
        let Some(end) = b.finish.checked_add_days(Days::new(1)) else {
            report.notes.push(format!(
                "blackout window '{}' ends at the end of the calendar and is left out",
                b.name
            ));
            continue;
        };
        let code = releases
            .get(&b.release_id)
            .map_or(String::new(), |r| format!("{} ", r.code));
        let mut ev = Event::new();
        ev.uid(&event_uid(b.id))
            .timestamp(stamp)
            .last_modified(stamp)
            .starts(b.start)
            .ends(end)
            .summary(&format!("{code}Deployment freeze: {}", b.name))
            .description("No deployments during this window.")
            .status(EventStatus::Confirmed)
            .add_property("TRANSP", "TRANSPARENT")
            .add_property("CATEGORIES", "Blackout");
        cal.push(ev.done());
    }
    report.wrote("milestones", milestones);
    report.wrote("gates", gate_events);
    report.wrote("blackout windows", plan.blackouts.len());
    report.drop_n(
        undated,
        "milestones or gates",
        "no schedule was given and they have no constraint date",
    );
    let mut text = String::new();
    use std::fmt::Write;
    write!(text, "{cal}").map_err(|e| InteropError::Io {
        path: "iCalendar export".into(),
        message: e.to_string(),
    })?;
    Ok(Export {
        bytes: text.into_bytes(),
        report,
    })
}
