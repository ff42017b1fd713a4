//! MSPDI (MS Project XML) export.
//!
//! [`write_mspdi`] writes a plan as one MS Project file (SaveVersion 14, the Project 2010
//! schema, which MS Project 2010 and later and MPXJ open):
//!
//! - the project: Name, Title, StartDate (the earliest release start), CalendarUID (the first
//!   release's calendar, else the plan default), MinutesPerDay 480, MinutesPerWeek 2400,
//!   DaysPerMonth 20, StatusDate; with a schedule also FinishDate;
//! - every calendar as a base calendar with its seven weekdays and working times, and its
//!   exceptions twice: in the 2007+ `<Exceptions>` form and as `DayType 0` week days (for
//!   Project 2003);
//! - blackout windows: MS Project has no such thing, so each deployment task of a release with
//!   blackouts gets a derived calendar (`<its calendar> – <release> blackouts`, based on the
//!   task's calendar) whose exceptions are the release's blackout days: MS Project then
//!   schedules those tasks around the windows exactly as Admiral does;
//! - the WBS: task UID 0 (the project summary row), then every task with UID (its MSPDI UID
//!   when it came from MS Project, else a fresh one above all others), ID (its number),
//!   OutlineLevel, OutlineNumber, WBS, Summary, Milestone (milestones and gates), Duration
//!   (`PT8H0M0S`) with DurationFormat 7 d / 5 h / 3 m (8 / 6 / 4 when elapsed),
//!   ConstraintType + ConstraintDate, Deadline, CalendarUID, PercentComplete, ActualStart,
//!   ActualFinish, Manual (with ManualStart, and empty StartText/FinishText/DurationText
//!   when MS Project had them), Notes, PredecessorLink (Type 0 FF, 1 FS, 2 SF, 3 SS; LinkLag in tenths of a
//!   minute, or percent for percent lags, with LagFormat);
//! - with a schedule: Start, Finish, EarlyStart, EarlyFinish, LateStart, LateFinish,
//!   TotalSlack and FreeSlack (tenths of a minute) and Critical, from Admiral's scheduler;
//! - resources (Type 1 work, StandardRate per hour, MaxUnits, CalendarUID) and assignments
//!   (Units, Work: the recorded work, else units × the task's duration; WorkContour when not
//!   flat, and for an edited contour its Start and Finish, from the schedule); the task's Type
//!   (0 fixed units, 1 fixed duration, 2 fixed work), EffortDriven and IgnoreResourceCalendar;
//! - each task's FixedCost (hundredths of the currency) and FixedCostAccrual (1 start, 2 end,
//!   3 prorated: MS Project's PjAccrueAt, as MS Project and MPXJ write it);
//! - baselines 0–10 as `<Baseline>` elements of tasks (Number, Start, Finish, Duration with
//!   DurationFormat, Work, Cost), assignments (Start, Finish, Work, Cost) and resources (Work,
//!   Cost); money in hundredths of the currency, as MSPDI keeps it. Their names and dates
//!   saved have no place in MSPDI.
//!
//! What MS Project cannot hold goes into Admiral-named task text fields, declared in
//! `<ExtendedAttributes>`: Text1 "Admiral kind", Text2 "Admiral owner", Text3 "Admiral gate"
//! (the gate's state and each approver's name, role, decision, date and time, comment), Text4
//! "Admiral estimate" (optimistic/most likely/pessimistic), Text5 "Admiral project" (the name,
//! or "name | department | owner"), Text6 "Admiral gate criteria" (`[x] met; [ ] open`), and,
//! for a value longer than MS Project's 255 characters, continuation fields "Admiral gate (2)"
//! … from Text7 on. The formats are described in the `fields` module; [`read_mspdi`] reads
//! them back, so that export → import gives the same tasks (kinds, owners, estimates), gates
//! and projects.
//!
//! What still does not come back is listed in the [`ExportReport`] (nothing is dropped
//! silently): risks; release targets; the release's code, kind, status, owner (written as
//! `<Manager>`) and description (MS Project has one project; the importer names the one
//! release it makes, and several releases become one); blackout windows (they come back as the derived calendars' exceptions,
//! not as blackouts); projects without tasks; resource kinds (written as work resources);
//! what-if scenarios; the Monte Carlo settings.
//!
//! [`read_mspdi`]: super::read_mspdi

use super::fields::{self, ALIASES, CRITERIA, ESTIMATE, GATE, KIND, OWNER, PROJECT};
use super::formats::ConstraintType;
use crate::error::InteropError;
use crate::export::{Export, ExportReport};
use admiral_core::calendar::{Calendar, CalendarException, WorkingTime};
use admiral_core::schedule::{Schedule, TaskSchedule};
use admiral_core::*;
use chrono::{NaiveDate, NaiveDateTime};
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use std::collections::{HashMap, HashSet};

type W = Writer<Vec<u8>>;

fn io_err(e: std::io::Error) -> InteropError {
    InteropError::Io {
        path: "MSPDI export".into(),
        message: e.to_string(),
    }
}

/// Characters XML 1.0 allows; others (control characters) are left out.
fn xml_safe(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        })
        .collect()
}

fn start(w: &mut W, name: &str) -> Result<(), InteropError> {
    w.write_event(Event::Start(BytesStart::new(name)))
        .map_err(io_err)
}

fn end(w: &mut W, name: &str) -> Result<(), InteropError> {
    w.write_event(Event::End(BytesEnd::new(name)))
        .map_err(io_err)
}

fn leaf(w: &mut W, name: &str, text: impl AsRef<str>) -> Result<(), InteropError> {
    let text = xml_safe(text.as_ref());
    start(w, name)?;
    w.write_event(Event::Text(BytesText::new(&text)))
        .map_err(io_err)?;
    end(w, name)
}

fn dt(d: NaiveDateTime) -> String {
    d.format("%Y-%m-%dT%H:%M:%S").to_string()
}

fn day_start(d: NaiveDate) -> String {
    format!("{}T00:00:00", d.format("%Y-%m-%d"))
}

fn day_end(d: NaiveDate) -> String {
    format!("{}T23:59:00", d.format("%Y-%m-%d"))
}

/// An xsd:duration as MS Project writes it: `PT8H0M0S`, `-PT4H30M0S`.
fn xsd_duration(minutes: i64) -> String {
    let sign = if minutes < 0 { "-" } else { "" };
    let m = minutes.unsigned_abs();
    format!("{sign}PT{}H{}M0S", m / 60, m % 60)
}

/// One `<Baseline>` element: MSPDI keeps money in hundredths (Admiral's cents) and spans as
/// xsd:durations; a duration also gets its DurationFormat.
fn baseline(
    w: &mut W,
    number: u8,
    start_at: Option<NaiveDateTime>,
    finish: Option<NaiveDateTime>,
    duration: Option<(i64, bool)>,
    work: Option<WorkMinutes>,
    cost: Option<Money>,
) -> Result<(), InteropError> {
    start(w, "Baseline")?;
    leaf(w, "Number", number.to_string())?;
    if let Some(s) = start_at {
        leaf(w, "Start", dt(s))?;
    }
    if let Some(f) = finish {
        leaf(w, "Finish", dt(f))?;
    }
    if let Some((m, elapsed)) = duration {
        leaf(w, "Duration", xsd_duration(m))?;
        leaf(w, "DurationFormat", format_code(m, elapsed).to_string())?;
    }
    if let Some(m) = work {
        leaf(w, "Work", xsd_duration(m.0))?;
    }
    if let Some(c) = cost {
        leaf(w, "Cost", c.0.to_string())?;
    }
    end(w, "Baseline")
}

/// DurationFormat / LagFormat for a span of minutes: d, h or m (elapsed: ed, eh, em).
fn format_code(minutes: i64, elapsed: bool) -> u8 {
    let day = if elapsed { 1440 } else { MINUTES_PER_DAY };
    let code = if minutes % day == 0 {
        7
    } else if minutes % 60 == 0 {
        5
    } else {
        3
    };
    if elapsed {
        code + 1
    } else {
        code
    }
}

fn time(m: u16) -> String {
    if m >= 1440 {
        "00:00:00".into()
    } else {
        format!("{:02}:{:02}:00", m / 60, m % 60)
    }
}

fn working_times(w: &mut W, times: &[WorkingTime]) -> Result<(), InteropError> {
    if times.is_empty() {
        return Ok(());
    }
    start(w, "WorkingTimes")?;
    for t in times {
        start(w, "WorkingTime")?;
        leaf(w, "FromTime", time(t.from))?;
        leaf(w, "ToTime", time(t.to))?;
        end(w, "WorkingTime")?;
    }
    end(w, "WorkingTimes")
}

fn flag(b: bool) -> &'static str {
    if b {
        "1"
    } else {
        "0"
    }
}

/// A calendar to write: a plan calendar, or a derived blackout calendar.
struct OutCalendar<'a> {
    uid: i64,
    name: String,
    base_uid: Option<i64>,
    /// The week (for base calendars).
    week: Option<&'a [Vec<WorkingTime>; 7]>,
    exceptions: Vec<CalendarException>,
}

fn write_calendar(w: &mut W, c: &OutCalendar<'_>) -> Result<(), InteropError> {
    start(w, "Calendar")?;
    leaf(w, "UID", c.uid.to_string())?;
    leaf(w, "Name", &c.name)?;
    leaf(w, "IsBaseCalendar", flag(c.base_uid.is_none()))?;
    leaf(w, "IsBaselineCalendar", "0")?;
    leaf(w, "BaseCalendarUID", c.base_uid.unwrap_or(-1).to_string())?;
    start(w, "WeekDays")?;
    if let Some(week) = c.week {
        // MSPDI DayType: 1 Sunday … 7 Saturday; Admiral's week starts on Monday.
        for day_type in 1..=7usize {
            let times = &week[(day_type + 5) % 7];
            start(w, "WeekDay")?;
            leaf(w, "DayType", day_type.to_string())?;
            leaf(w, "DayWorking", flag(!times.is_empty()))?;
            working_times(w, times)?;
            end(w, "WeekDay")?;
        }
    }
    for e in &c.exceptions {
        start(w, "WeekDay")?;
        leaf(w, "DayType", "0")?;
        leaf(w, "DayWorking", flag(!e.working.is_empty()))?;
        start(w, "TimePeriod")?;
        leaf(w, "FromDate", day_start(e.start))?;
        leaf(w, "ToDate", day_end(e.finish))?;
        end(w, "TimePeriod")?;
        working_times(w, &e.working)?;
        end(w, "WeekDay")?;
    }
    end(w, "WeekDays")?;
    if !c.exceptions.is_empty() {
        start(w, "Exceptions")?;
        for e in &c.exceptions {
            start(w, "Exception")?;
            leaf(w, "EnteredByOccurrences", "0")?;
            start(w, "TimePeriod")?;
            leaf(w, "FromDate", day_start(e.start))?;
            leaf(w, "ToDate", day_end(e.finish))?;
            end(w, "TimePeriod")?;
            leaf(w, "Occurrences", "1")?;
            leaf(w, "Name", &e.name)?;
            leaf(w, "Type", "1")?;
            leaf(w, "DayWorking", flag(!e.working.is_empty()))?;
            working_times(w, &e.working)?;
            end(w, "Exception")?;
        }
        end(w, "Exceptions")?;
    }
    end(w, "Calendar")
}

/// MSPDI UIDs for the tasks: their own MSPDI UID when it is usable and unique, else fresh
/// numbers above every UID in use, in plan order.
fn task_uids(tasks: &[Task]) -> Vec<i64> {
    let mut used = HashSet::new();
    let own: Vec<Option<i64>> = tasks
        .iter()
        .map(|t| {
            t.external_uid
                .filter(|&u| u > 0 && u < i64::from(i32::MAX) && used.insert(u))
        })
        .collect();
    let mut next = used.iter().copied().max().unwrap_or(0) + 1;
    own.into_iter()
        .map(|u| {
            u.unwrap_or_else(|| {
                let n = next;
                next += 1;
                n
            })
        })
        .collect()
}

/// Writes `plan` as MS Project XML (MSPDI). With `schedule` (of this plan) the computed dates,
/// floats and critical flags are written too.
///
/// The report lists what MS Project cannot hold and was left out or moved into the
/// "Admiral …" text fields.
pub fn write_mspdi(plan: &Plan, schedule: Option<&Schedule>) -> Result<Export, InteropError> {
    let mut report = ExportReport::new("MS Project XML");
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new(
        "1.0",
        Some("UTF-8"),
        Some("yes"),
    )))
    .map_err(io_err)?;
    let mut root = BytesStart::new("Project");
    root.push_attribute(("xmlns", "http://schemas.microsoft.com/project"));
    w.write_event(Event::Start(root)).map_err(io_err)?;

    if plan.releases.len() > 1 {
        report.notes.push(format!(
            "the plan has {} releases; they are written as one MS Project file (each task's \
             project is in the 'Admiral project' field)",
            plan.releases.len()
        ));
    }
    let title = project_title(plan);
    let cals = OutCalendars::of(plan, &mut report);
    let fields = TextFields::of(plan);
    write_header(&mut w, plan, schedule, &title, &cals, &fields)?;
    start(&mut w, "Calendars")?;
    for c in &cals.list {
        write_calendar(&mut w, c)?;
    }
    end(&mut w, "Calendars")?;
    let uids = task_uids(&plan.tasks);
    let uid_of: HashMap<TaskId, i64> = plan
        .tasks
        .iter()
        .map(|t| t.id)
        .zip(uids.iter().copied())
        .collect();
    let truncated = write_tasks(
        &mut w, plan, schedule, &title, &cals, &fields, &uids, &uid_of,
    )?;
    let res_uid = write_resources(&mut w, plan, &cals)?;
    let (assignments, contoured_without_dates, split) =
        write_assignments(&mut w, plan, schedule, &uid_of, &res_uid)?;
    end(&mut w, "Project")?;

    report.wrote("tasks", plan.tasks.len());
    report.wrote("links", plan.links.len());
    report.wrote("calendars", cals.list.len());
    report.wrote("resources", plan.resources.len());
    report.wrote("assignments", assignments);
    if split.written > 0 {
        report.notes.push(format!(
            "{} split task(s) are written with their splits, as MS Project saves them (timephased \
             work of an assignment to no resource)",
            split.written
        ));
    }
    if split.unwritten > 0 {
        report.dropped.push(format!(
            "the splits of {} task(s) (no schedule to place them, or resources on the task): \
             MS Project will schedule their work without the gaps",
            split.unwritten
        ));
    }
    if contoured_without_dates > 0 {
        report.notes.push(format!(
            "{contoured_without_dates} assignment(s) with edited work (contoured) are written \
             without their start and finish (no schedule): MS Project will spread their work \
             flat"
        ));
    }
    field_notes(&mut report, plan, &fields, truncated);
    dropped(&mut report, plan);
    let bytes = w.into_inner();
    Ok(Export { bytes, report })
}

/// One project: its name (MS Project's project is Admiral's project); else the release's.
fn project_title(plan: &Plan) -> String {
    let title = match (plan.projects.as_slice(), plan.releases.first()) {
        ([p], _) => p.name.clone(),
        (_, Some(r)) => r.name.clone(),
        (_, None) => plan.portfolio.name.clone(),
    };
    if title.trim().is_empty() {
        "Admiral plan".to_string()
    } else {
        title
    }
}

/// The calendars written: the plan's, then derived blackout calendars for deployment tasks.
struct OutCalendars<'a> {
    list: Vec<OutCalendar<'a>>,
    /// MSPDI UID of each plan calendar.
    uid: HashMap<CalendarId, i64>,
    /// The derived calendar of each deployment task of a release with blackouts.
    task: HashMap<TaskId, i64>,
    /// The project's calendar: the first release's, else the plan default.
    project: Option<i64>,
}

impl<'a> OutCalendars<'a> {
    fn of(plan: &'a Plan, report: &mut ExportReport) -> Self {
        let mut uid: HashMap<CalendarId, i64> = HashMap::new();
        let mut list: Vec<OutCalendar<'_>> = Vec::new();
        for (i, c) in plan.calendars.iter().enumerate() {
            let u = i as i64 + 1;
            uid.insert(c.id, u);
            list.push(OutCalendar {
                uid: u,
                name: c.name.clone(),
                base_uid: None,
                week: Some(&c.week),
                exceptions: c.exceptions.clone(),
            });
        }
        let project = plan
            .releases
            .first()
            .and_then(|r| r.calendar_id)
            .or(plan.settings.default_calendar)
            .and_then(|c| uid.get(&c).copied());
        let mut cals = OutCalendars {
            list,
            uid,
            task: HashMap::new(),
            project,
        };
        cals.derive_blackouts(plan, report);
        cals
    }

    /// MS Project has no blackout windows: each deployment task of a release with blackouts
    /// gets a calendar derived from its own, whose exceptions are the release's windows.
    fn derive_blackouts(&mut self, plan: &Plan, report: &mut ExportReport) {
        let release_of_project: HashMap<ProjectId, ReleaseId> =
            plan.projects.iter().map(|p| (p.id, p.release_id)).collect();
        let releases: HashMap<ReleaseId, &Release> =
            plan.releases.iter().map(|r| (r.id, r)).collect();
        let by_id: HashMap<CalendarId, &Calendar> =
            plan.calendars.iter().map(|c| (c.id, c)).collect();
        // (release, base calendar) → derived calendar UID.
        let mut derived: HashMap<(ReleaseId, Option<CalendarId>), i64> = HashMap::new();
        let mut blackout_tasks = 0usize;
        for t in plan.tasks.iter().filter(|t| t.kind == TaskKind::Deployment) {
            let Some(&rid) = release_of_project.get(&t.project_id) else {
                continue;
            };
            let windows: Vec<&Blackout> = plan
                .blackouts
                .iter()
                .filter(|b| b.release_id == rid)
                .collect();
            if windows.is_empty() {
                continue;
            }
            let r = releases.get(&rid);
            let base = t
                .calendar_id
                .or(r.and_then(|r| r.calendar_id))
                .or(plan.settings.default_calendar)
                .filter(|c| by_id.contains_key(c));
            let uid = match derived.get(&(rid, base)) {
                Some(u) => *u,
                None => {
                    let code = r.map_or("release", |r| r.code.as_str());
                    let uid = self.push_derived(
                        base.and_then(|b| by_id.get(&b).copied()),
                        code,
                        &windows,
                    );
                    derived.insert((rid, base), uid);
                    uid
                }
            };
            self.task.insert(t.id, uid);
            blackout_tasks += 1;
        }
        if blackout_tasks > 0 {
            report.notes.push(format!(
                "blackout windows are written as non-working exceptions of {} derived \
                 calendar(s) used by the {blackout_tasks} deployment task(s) of their release",
                derived.len()
            ));
        }
    }

    /// A calendar based on `base` (or the standard week) with `windows` as exceptions.
    fn push_derived(&mut self, base: Option<&Calendar>, code: &str, windows: &[&Blackout]) -> i64 {
        let uid = self.list.len() as i64 + 1;
        let (base_uid, week) = match base.and_then(|c| self.uid.get(&c.id)) {
            // Derived: the base's week and exceptions are inherited.
            Some(&b) => (Some(b), None),
            // No base calendar: a base calendar of its own with the standard week.
            None => (None, Some(standard_week())),
        };
        let exceptions = windows
            .iter()
            .map(|b| CalendarException {
                name: format!("Blackout: {}", b.name),
                start: b.start,
                finish: b.finish,
                working: Vec::new(),
            })
            .collect();
        let name = format!(
            "{} – {code} blackouts",
            base.map_or("Standard", |c| c.name.as_str())
        );
        self.list.push(OutCalendar {
            uid,
            name,
            base_uid,
            week,
            exceptions,
        });
        uid
    }
}

/// The Admiral fields: each task's values, split at 255 characters, and the Text fields
/// they need (Text1–Text6, then continuations from Text7 on).
struct TextFields {
    /// Per task, per field, the parts of its value.
    values: Vec<[Vec<String>; 6]>,
    /// (field, part) → Text field number.
    slot: HashMap<(usize, usize), usize>,
    /// (Text field number, alias) of every field used.
    declared: Vec<(usize, String)>,
}

impl TextFields {
    fn of(plan: &Plan) -> Self {
        let gates: HashMap<TaskId, &Gate> = plan.gates.iter().map(|g| (g.task_id, g)).collect();
        let projects: HashMap<ProjectId, &Project> =
            plan.projects.iter().map(|p| (p.id, p)).collect();
        let values: Vec<[Vec<String>; 6]> = plan
            .tasks
            .iter()
            .map(|t| {
                let mut v: [Option<String>; 6] = Default::default();
                v[KIND] = Some(fields::kind_text(t.kind).into());
                v[OWNER] = (!t.owner.is_empty()).then(|| t.owner.clone());
                if let Some(g) = gates.get(&t.id) {
                    v[GATE] = Some(fields::gate_text(g));
                    if !g.criteria.is_empty() {
                        v[CRITERIA] = Some(fields::criteria_text(&g.criteria));
                    }
                }
                v[ESTIMATE] = t.estimate.map(fields::estimate_text);
                v[PROJECT] = projects.get(&t.project_id).map(|p| fields::project_text(p));
                std::array::from_fn(|i| v[i].as_deref().map(fields::split).unwrap_or_default())
            })
            .collect();
        let mut parts_needed = [1usize; 6];
        for v in &values {
            for (n, parts) in parts_needed.iter_mut().zip(v) {
                *n = (*n).max(parts.len());
            }
        }
        let mut slot: HashMap<(usize, usize), usize> = (0..6).map(|i| ((i, 1), i + 1)).collect();
        let mut declared: Vec<(usize, String)> =
            (0..6).map(|i| (i + 1, ALIASES[i].to_string())).collect();
        let mut next_text = 7;
        for (i, &n) in parts_needed.iter().enumerate() {
            for k in 2..=n {
                if next_text <= fields::TEXT_FIELDS {
                    slot.insert((i, k), next_text);
                    declared.push((next_text, fields::continuation_alias(i, k)));
                    next_text += 1;
                }
            }
        }
        TextFields {
            values,
            slot,
            declared,
        }
    }

    /// Task `i`'s values as `<ExtendedAttribute>`s; returns how many were cut for want of
    /// a free Text field.
    fn write(&self, w: &mut W, i: usize) -> Result<usize, InteropError> {
        let mut truncated = 0;
        for (f, parts) in self.values[i].iter().enumerate() {
            for (k, part) in parts.iter().enumerate() {
                let Some(n) = self.slot.get(&(f, k + 1)) else {
                    truncated += 1;
                    break;
                };
                let (id, _) = fields::text_field(*n).expect("Text1–Text30");
                start(w, "ExtendedAttribute")?;
                leaf(w, "FieldID", id.to_string())?;
                leaf(w, "Value", part)?;
                end(w, "ExtendedAttribute")?;
            }
        }
        Ok(truncated)
    }
}

/// The project's own elements, up to and with `<ExtendedAttributes>`.
fn write_header(
    w: &mut W,
    plan: &Plan,
    schedule: Option<&Schedule>,
    title: &str,
    cals: &OutCalendars<'_>,
    fields: &TextFields,
) -> Result<(), InteropError> {
    leaf(w, "SaveVersion", "14")?;
    leaf(w, "Name", format!("{title}.xml"))?;
    leaf(w, "Title", title)?;
    if let Some(r) = plan.releases.first() {
        if !r.owner.is_empty() {
            leaf(w, "Manager", &r.owner)?;
        }
    }
    leaf(w, "ScheduleFromStart", "1")?;
    let project_start = plan
        .releases
        .iter()
        .map(|r| r.start)
        .min()
        .or_else(|| schedule.map(|s| s.start));
    if let Some(s) = project_start {
        leaf(w, "StartDate", dt(s))?;
    }
    if let Some(s) = schedule {
        leaf(w, "FinishDate", dt(s.finish))?;
    }
    if plan.settings.currency.len() == 3 {
        leaf(w, "CurrencyCode", &plan.settings.currency)?;
    }
    if let Some(uid) = cals.project {
        leaf(w, "CalendarUID", uid.to_string())?;
    }
    leaf(w, "DefaultStartTime", "08:00:00")?;
    leaf(w, "DefaultFinishTime", "17:00:00")?;
    leaf(w, "MinutesPerDay", MINUTES_PER_DAY.to_string())?;
    leaf(w, "MinutesPerWeek", MINUTES_PER_WEEK.to_string())?;
    leaf(w, "DaysPerMonth", "20")?;
    leaf(w, "DefaultTaskType", "1")?;
    leaf(w, "DurationFormat", "7")?;
    leaf(w, "HonorConstraints", "1")?;
    leaf(w, "MultipleCriticalPaths", "0")?;
    if let Some(s) = plan.settings.status_date {
        leaf(w, "StatusDate", dt(s))?;
    }
    start(w, "ExtendedAttributes")?;
    for (n, alias) in &fields.declared {
        let (id, field) = fields::text_field(*n).expect("Text1–Text30");
        start(w, "ExtendedAttribute")?;
        leaf(w, "FieldID", id.to_string())?;
        leaf(w, "FieldName", field)?;
        leaf(w, "Alias", alias)?;
        end(w, "ExtendedAttribute")?;
    }
    end(w, "ExtendedAttributes")
}

/// Each baseline's number and its values of one kind of row (`rows` of it) by the row's id
/// (`id` of a value; the first where one repeats, as a search would find it): looked up per
/// row, where searching each baseline's list made the export quadratic in rows (a 40k-task plan
/// with one baseline: 2.5 s).
fn by_row<'p, V, K: std::hash::Hash + Eq>(
    plan: &'p Plan,
    rows: impl Fn(&'p admiral_core::baseline::Baseline) -> &'p Vec<V>,
    id: impl Fn(&V) -> K,
) -> Vec<(u8, HashMap<K, &'p V>)> {
    (plan.baselines.iter())
        .map(|b| {
            let mut of: HashMap<K, &V> = HashMap::new();
            for v in rows(b) {
                of.entry(id(v)).or_insert(v);
            }
            (b.number, of)
        })
        .collect()
}

/// `<Tasks>`: the project summary row (UID 0), then every task. Returns how many Admiral
/// field values were cut.
#[allow(clippy::too_many_arguments)]
fn write_tasks(
    w: &mut W,
    plan: &Plan,
    schedule: Option<&Schedule>,
    title: &str,
    cals: &OutCalendars<'_>,
    fields: &TextFields,
    uids: &[i64],
    uid_of: &HashMap<TaskId, i64>,
) -> Result<usize, InteropError> {
    let times = schedule_by_task(schedule);
    let mut links_into: HashMap<TaskId, Vec<&Link>> = HashMap::new();
    for l in &plan.links {
        links_into.entry(l.successor).or_default().push(l);
    }
    let wbs = crate::csv::wbs_codes(&plan.tasks);
    let baselines = by_row(plan, |b| &b.tasks, |v| v.task_id);
    let mut truncated = 0usize;

    start(w, "Tasks")?;
    start(w, "Task")?;
    leaf(w, "UID", "0")?;
    leaf(w, "ID", "0")?;
    leaf(w, "Name", title)?;
    leaf(w, "Active", "1")?;
    leaf(w, "Manual", "0")?;
    leaf(w, "Type", "1")?;
    leaf(w, "IsNull", "0")?;
    leaf(w, "WBS", "0")?;
    leaf(w, "OutlineNumber", "0")?;
    leaf(w, "OutlineLevel", "0")?;
    if let Some(s) = schedule {
        leaf(w, "Start", dt(s.start))?;
        leaf(w, "Finish", dt(s.finish))?;
    }
    leaf(w, "Summary", "1")?;
    end(w, "Task")?;

    for (i, t) in plan.tasks.iter().enumerate() {
        let summary = plan
            .tasks
            .get(i + 1)
            .is_some_and(|n| n.outline_level > t.outline_level);
        start(w, "Task")?;
        leaf(w, "UID", uids[i].to_string())?;
        leaf(w, "ID", t.number.to_string())?;
        leaf(w, "Name", &t.name)?;
        leaf(w, "Active", "1")?;
        write_task_fields(w, t, summary, &wbs[i], times.get(&t.id).copied(), cals)?;
        let links = links_into.get(&t.id).map(Vec::as_slice).unwrap_or(&[]);
        write_links(w, links, uid_of)?;
        truncated += fields.write(w, i)?;
        for (number, of_task) in &baselines {
            if let Some(v) = of_task.get(&t.id) {
                let elapsed = matches!(t.duration, Duration::Elapsed(_));
                baseline(
                    w,
                    *number,
                    v.start,
                    v.finish,
                    v.duration.map(|d| (d.0, elapsed)),
                    v.work,
                    v.cost,
                )?;
            }
        }
        end(w, "Task")?;
    }
    end(w, "Tasks")?;
    Ok(truncated)
}

/// A task's own elements, from Manual to Notes.
fn write_task_fields(
    w: &mut W,
    t: &Task,
    summary: bool,
    wbs: &str,
    s: Option<&TaskSchedule>,
    cals: &OutCalendars<'_>,
) -> Result<(), InteropError> {
    let manual = t.mode.manual_start().filter(|_| !summary);
    leaf(w, "Manual", flag(manual.is_some()))?;
    let ty = match t.effort.task_type {
        TaskType::FixedUnits => "0",
        TaskType::FixedDuration => "1",
        TaskType::FixedWork => "2",
    };
    leaf(w, "Type", ty)?;
    leaf(w, "IsNull", "0")?;
    leaf(w, "WBS", wbs)?;
    leaf(w, "OutlineNumber", wbs)?;
    leaf(w, "OutlineLevel", t.outline_level.to_string())?;
    if let TaskMode::Manual {
        text_dates: true, ..
    } = t.mode
    {
        for f in ["StartText", "FinishText", "DurationText"] {
            leaf(w, f, "")?;
        }
    }
    match (s, manual) {
        (Some(s), _) => {
            leaf(w, "Start", dt(s.start))?;
            leaf(w, "Finish", dt(s.finish))?;
        }
        (None, Some(m)) => leaf(w, "Start", dt(m))?,
        (None, None) => {}
    }
    if let Some(m) = manual {
        leaf(w, "ManualStart", dt(m))?;
    }
    let (minutes, elapsed) = match t.duration {
        Duration::Working(m) => (m.0, false),
        Duration::Elapsed(m) => (m, true),
    };
    leaf(w, "Duration", xsd_duration(minutes))?;
    leaf(
        w,
        "DurationFormat",
        format_code(minutes, elapsed).to_string(),
    )?;
    leaf(w, "EffortDriven", flag(t.effort.effort_driven))?;
    leaf(w, "Estimated", "0")?;
    leaf(w, "Milestone", flag(t.is_milestone()))?;
    leaf(w, "Summary", flag(summary))?;
    if let Some(s) = s {
        write_computed(w, s)?;
    }
    leaf(w, "FixedCost", t.fixed_cost.amount.0.to_string())?;
    let accrual = match t.fixed_cost.accrual {
        Accrual::Start => 1,
        Accrual::End => 2,
        Accrual::Prorated => 3,
    };
    leaf(w, "FixedCostAccrual", accrual.to_string())?;
    leaf(
        w,
        "PercentComplete",
        t.progress.percent_complete.to_string(),
    )?;
    if let Some(a) = t.progress.actual_start {
        leaf(w, "ActualStart", dt(a))?;
    }
    if let Some(a) = t.progress.actual_finish {
        leaf(w, "ActualFinish", dt(a))?;
    }
    let (ct, cd) = ConstraintType::of(t.constraint);
    leaf(w, "ConstraintType", (ct as u8).to_string())?;
    let cal = cals
        .task
        .get(&t.id)
        .copied()
        .or_else(|| t.calendar_id.and_then(|c| cals.uid.get(&c).copied()))
        .unwrap_or(-1);
    leaf(w, "CalendarUID", cal.to_string())?;
    if let Some(d) = cd {
        leaf(w, "ConstraintDate", dt(d))?;
    }
    leaf(
        w,
        "IgnoreResourceCalendar",
        flag(t.effort.ignore_resource_calendars),
    )?;
    if let Some(d) = t.deadline {
        leaf(w, "Deadline", dt(d))?;
    }
    if !t.notes.is_empty() {
        leaf(w, "Notes", &t.notes)?;
    }
    Ok(())
}

/// What Admiral's scheduler computed for a task: critical flag, early and late dates, floats
/// (in tenths of a minute).
fn write_computed(w: &mut W, s: &TaskSchedule) -> Result<(), InteropError> {
    leaf(w, "Critical", flag(s.critical))?;
    leaf(w, "EarlyStart", dt(s.early_start))?;
    leaf(w, "EarlyFinish", dt(s.early_finish))?;
    leaf(w, "LateStart", dt(s.late_start))?;
    leaf(w, "LateFinish", dt(s.late_finish))?;
    leaf(
        w,
        "FreeSlack",
        s.free_float.0.saturating_mul(10).to_string(),
    )?;
    leaf(
        w,
        "TotalSlack",
        s.total_float.0.saturating_mul(10).to_string(),
    )
}

/// A task's `<PredecessorLink>`s (Type 0 FF, 1 FS, 2 SF, 3 SS; lag in tenths of a minute, or
/// percent with LagFormat 19).
fn write_links(
    w: &mut W,
    links: &[&Link],
    uid_of: &HashMap<TaskId, i64>,
) -> Result<(), InteropError> {
    for l in links {
        let Some(pred) = uid_of.get(&l.predecessor) else {
            continue;
        };
        let ty = super::formats::link_type_code(l.kind);
        let (lag, format) = match l.lag {
            Lag::Working(m) => (m.0.saturating_mul(10), format_code(m.0, false)),
            Lag::Elapsed(m) => (m.saturating_mul(10), format_code(m, true)),
            Lag::Percent(p) => (i64::from(p), 19),
        };
        start(w, "PredecessorLink")?;
        leaf(w, "PredecessorUID", pred.to_string())?;
        leaf(w, "Type", ty.to_string())?;
        leaf(w, "CrossProject", "0")?;
        leaf(w, "LinkLag", lag.to_string())?;
        leaf(w, "LagFormat", format.to_string())?;
        end(w, "PredecessorLink")?;
    }
    Ok(())
}

/// `<Resources>` (work resources, UIDs from 1 in plan order); returns the UID of each.
fn write_resources(
    w: &mut W,
    plan: &Plan,
    cals: &OutCalendars<'_>,
) -> Result<HashMap<ResourceId, i64>, InteropError> {
    let mut res_uid: HashMap<ResourceId, i64> = HashMap::new();
    let baselines = by_row(plan, |b| &b.resources, |v| v.resource_id);
    start(w, "Resources")?;
    for (i, r) in plan.resources.iter().enumerate() {
        let uid = i as i64 + 1;
        res_uid.insert(r.id, uid);
        start(w, "Resource")?;
        leaf(w, "UID", uid.to_string())?;
        leaf(w, "ID", uid.to_string())?;
        leaf(w, "Name", &r.name)?;
        leaf(w, "Type", "1")?;
        leaf(w, "IsNull", "0")?;
        leaf(w, "MaxUnits", format!("{:.2}", r.max_units))?;
        leaf(w, "StandardRate", format!("{:.2}", r.cost_rate.as_units()))?;
        leaf(w, "StandardRateFormat", "2")?;
        if let Some(c) = r.calendar_id.and_then(|c| cals.uid.get(&c)) {
            leaf(w, "CalendarUID", c.to_string())?;
        }
        for (number, of_resource) in &baselines {
            if let Some(v) = of_resource.get(&r.id) {
                baseline(w, *number, None, None, None, v.work, v.cost)?;
            }
        }
        end(w, "Resource")?;
    }
    end(w, "Resources")?;
    Ok(res_uid)
}

/// Each task's computed dates, by task (empty without a schedule).
fn schedule_by_task(schedule: Option<&Schedule>) -> HashMap<TaskId, &TaskSchedule> {
    schedule
        .map(|s| s.tasks.iter().map(|t| (t.task_id, t)).collect())
        .unwrap_or_default()
}

/// `<Assignments>` of written tasks and resources; returns how many.
/// Also how many contoured assignments went without a start and finish (no schedule), and
/// the split tasks' work ([`write_split_work`]).
fn write_assignments(
    w: &mut W,
    plan: &Plan,
    schedule: Option<&Schedule>,
    uid_of: &HashMap<TaskId, i64>,
    res_uid: &HashMap<ResourceId, i64>,
) -> Result<(usize, usize, SplitWork), InteropError> {
    start(w, "Assignments")?;
    let times = schedule_by_task(schedule);
    let baselines = by_row(plan, |b| &b.assignments, |v| v.assignment_id);
    let task_minutes: HashMap<TaskId, i64> = plan
        .tasks
        .iter()
        .filter_map(|t| match t.duration {
            Duration::Working(m) => Some((t.id, m.0)),
            Duration::Elapsed(_) => None,
        })
        .collect();
    let mut assignments = 0usize;
    let mut contoured_without_dates = 0usize;
    for a in &plan.assignments {
        let (Some(t), Some(r)) = (uid_of.get(&a.task_id), res_uid.get(&a.resource_id)) else {
            continue;
        };
        assignments += 1;
        start(w, "Assignment")?;
        leaf(w, "UID", assignments.to_string())?;
        leaf(w, "TaskUID", t.to_string())?;
        leaf(w, "ResourceUID", r.to_string())?;
        leaf(w, "Units", format!("{:.2}", a.units))?;
        // Work not recorded is `units ×` the task's duration: its span stays the duration.
        let work = a.work.map(|m| m.0).or_else(|| {
            task_minutes
                .get(&a.task_id)
                .map(|&d| (d as f64 * a.units).round() as i64)
        });
        if let Some(m) = work {
            leaf(w, "Work", xsd_duration(m))?;
        }
        if !a.contour.is_flat() {
            leaf(w, "WorkContour", a.contour.mspdi_number().to_string())?;
        }
        if let WorkContour::Contoured { span } = a.contour {
            // MS Project reads an edited contour's length from its start and finish; only a
            // schedule gives them.
            let start_at = times.get(&a.task_id).map(|t| t.start);
            let to = start_at.map(|s| {
                admiral_core::effort::assignment_calendar(
                    plan,
                    a,
                    s.date(),
                    s.date() + chrono::Days::new(36_600),
                )
                .add_working_minutes(s, span.0)
            });
            match (start_at, to.flatten()) {
                (Some(s), Some(f)) => {
                    leaf(w, "Start", dt(s))?;
                    leaf(w, "Finish", dt(f))?;
                }
                _ => contoured_without_dates += 1,
            }
        }
        for (number, of_assignment) in &baselines {
            if let Some(v) = of_assignment.get(&a.id) {
                baseline(w, *number, v.start, v.finish, None, v.work, v.cost)?;
            }
        }
        end(w, "Assignment")?;
    }
    let split = write_split_work(w, plan, &times, uid_of, assignments)?;
    end(w, "Assignments")?;
    Ok((assignments, contoured_without_dates, split))
}

/// What [`write_split_work`] did: split tasks written with their splits, and those left
/// without (no schedule, or resources whose own work would have to carry the split).
#[derive(Default)]
struct SplitWork {
    written: usize,
    unwritten: usize,
}

/// A split task without resources, as MS Project saves one: an assignment to "no resource"
/// (-65535) whose timephased work (type 1, remaining) has a period of work per segment and a
/// period of no work per gap (what the import's `read_splits` reads back). `assignments` is
/// how many assignments were written before (their UIDs).
fn write_split_work(
    w: &mut W,
    plan: &Plan,
    times: &HashMap<TaskId, &TaskSchedule>,
    uid_of: &HashMap<TaskId, i64>,
    assignments: usize,
) -> Result<SplitWork, InteropError> {
    let mut out = SplitWork::default();
    let mut uid = assignments;
    for t in plan.tasks.iter().filter(|t| !t.splits.is_empty()) {
        let (Some(task_uid), Some(ts)) = (uid_of.get(&t.id), times.get(&t.id)) else {
            out.unwritten += 1;
            continue;
        };
        if ts.summary || ts.milestone {
            continue;
        }
        if plan.assignments.iter().any(|a| a.task_id == t.id) {
            out.unwritten += 1;
            continue;
        }
        let segments = admiral_core::split::segments(plan, t, ts.start, ts.finish);
        if segments.len() < 2 {
            continue;
        }
        let work = t.duration.minutes();
        let mut done = 0;
        let mut per_segment: Vec<i64> = t
            .splits
            .iter()
            .take(segments.len() - 1)
            .map(|s| {
                let m = s.after.0 - done;
                done = s.after.0;
                m
            })
            .collect();
        per_segment.push(work - done);
        uid += 1;
        start(w, "Assignment")?;
        leaf(w, "UID", uid.to_string())?;
        leaf(w, "TaskUID", task_uid.to_string())?;
        leaf(w, "ResourceUID", "-65535")?;
        leaf(w, "Start", dt(ts.start))?;
        leaf(w, "Finish", dt(ts.finish))?;
        leaf(w, "Units", "1")?;
        leaf(w, "Work", xsd_duration(0))?;
        let mut period = |from, to, minutes| -> Result<(), InteropError> {
            start(w, "TimephasedData")?;
            leaf(w, "Type", "1")?;
            leaf(w, "UID", uid.to_string())?;
            leaf(w, "Start", dt(from))?;
            leaf(w, "Finish", dt(to))?;
            leaf(w, "Unit", "2")?;
            leaf(w, "Value", xsd_duration(minutes))?;
            end(w, "TimephasedData")
        };
        for (k, &(from, to)) in segments.iter().enumerate() {
            if k > 0 {
                period(segments[k - 1].1, from, 0)?;
            }
            period(from, to, per_segment[k])?;
        }
        end(w, "Assignment")?;
        out.written += 1;
    }
    Ok(out)
}

/// Notes on what went into the Admiral text fields.
fn field_notes(report: &mut ExportReport, plan: &Plan, fields: &TextFields, truncated: usize) {
    let kinds = plan
        .tasks
        .iter()
        .filter(|t| matches!(t.kind, TaskKind::Gate | TaskKind::Deployment))
        .count();
    if kinds > 0 {
        report.notes.push(format!(
            "{kinds} gate and deployment task(s): MS Project knows milestones and tasks only; \
             the Admiral kind is in the 'Admiral kind' field (Text1)"
        ));
    }
    if !plan.gates.is_empty() {
        report.notes.push(format!(
            "{} gate(s): the state and each approver's decision, date and comment are in the \
             'Admiral gate' field (Text3), the criteria in 'Admiral gate criteria' (Text6)",
            plan.gates.len()
        ));
    }
    let with_estimates = plan.tasks.iter().filter(|t| t.estimate.is_some()).count();
    if with_estimates > 0 {
        report.notes.push(format!(
            "{with_estimates} three-point estimate(s) are in the 'Admiral estimate' field (Text4)"
        ));
    }
    if fields.declared.len() > 6 {
        report.notes.push(format!(
            "{} value(s) longer than MS Project's 255 characters continue in the fields {}",
            fields
                .values
                .iter()
                .flatten()
                .filter(|parts| parts.len() > 1)
                .count(),
            fields.declared[6..]
                .iter()
                .map(|(n, alias)| format!("'{alias}' (Text{n})"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if truncated > 0 {
        report.notes.push(format!(
            "{truncated} Admiral field value(s) were cut: they need more than MS Project's 30 \
             text fields"
        ));
    }
}

/// What the file holds but a re-import does not give back as it was.
fn dropped(report: &mut ExportReport, plan: &Plan) {
    report.drop_n(plan.risks.len(), "risks", "MS Project has no risk register");
    let targets = plan.releases.iter().filter(|r| r.target.is_some()).count();
    report.drop_n(
        targets,
        "release targets",
        "MS Project has no target date for a project",
    );
    report.drop_n(
        plan.releases.len(),
        "release(s)' code, kind, status, owner and description",
        "MS Project has one project; a re-import makes one release named by the importer",
    );
    report.drop_n(
        plan.blackouts.len(),
        "blackout windows",
        "written as exceptions of derived calendars, they are read back as calendars, not as \
         blackouts",
    );
    let used: HashSet<ProjectId> = plan.tasks.iter().map(|t| t.project_id).collect();
    report.drop_n(
        plan.projects
            .iter()
            .filter(|p| !used.contains(&p.id))
            .count(),
        "projects without tasks",
        "a project exists in the file only as its tasks' 'Admiral project' field",
    );
    let kinds = plan
        .resources
        .iter()
        .filter(|r| r.kind != ResourceKind::Person)
        .count();
    report.drop_n(
        kinds,
        "resource kinds (team, environment)",
        "they are written as work resources",
    );
    report.drop_n(
        plan.scenarios.len(),
        "what-if scenarios",
        "MS Project has none",
    );
    report.dropped.push(
        "the Monte Carlo settings (distribution, default uncertainty): MS Project has none".into(),
    );
}

fn standard_week() -> &'static [Vec<WorkingTime>; 7] {
    static WEEK: std::sync::OnceLock<[Vec<WorkingTime>; 7]> = std::sync::OnceLock::new();
    WEEK.get_or_init(|| Calendar::standard(CalendarId::from_u128(0), "Standard").week)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_formats() {
        assert_eq!(xsd_duration(480), "PT8H0M0S");
        assert_eq!(xsd_duration(-270), "-PT4H30M0S");
        assert_eq!(xsd_duration(0), "PT0H0M0S");
        assert_eq!(format_code(960, false), 7);
        assert_eq!(format_code(120, false), 5);
        assert_eq!(format_code(45, false), 3);
        assert_eq!(format_code(2880, true), 8);
        assert_eq!(format_code(60, true), 6);
        assert_eq!(time(1440), "00:00:00");
        assert_eq!(xml_safe("a\u{1}b\tc"), "ab\tc");
    }
}
