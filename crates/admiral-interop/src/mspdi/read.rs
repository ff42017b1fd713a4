//! Maps the MSPDI element tree onto Admiral's model.

use super::dom::{self, Element, Lines};
use super::fields::{self, CRITERIA, ESTIMATE, GATE, KIND, OWNER, PROJECT};
use super::formats::{self, Unit};
use super::{ImportReport, MspdiImport, SkipKind, Skipped};
use crate::error::InteropError;
use crate::{fnv64, release_code};
use admiral_core::calendar::{Calendar, CalendarException, WorkingTime};
use admiral_core::*;
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

mod baselines;
mod splits;

/// Reads an MSPDI file from disk; see [`read_mspdi`].
pub fn read_mspdi_file(
    path: impl AsRef<Path>,
    release_name: &str,
) -> Result<MspdiImport, InteropError> {
    let path = path.as_ref();
    let bytes = crate::read_input(path)?;
    // UTF-16 with its byte-order mark (as some tools save XML): decoded, as a task list is.
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return read_mspdi(&crate::text_from_utf8(bytes)?, release_name);
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            // MSPDI is UTF-8 in practice; name the line of the first bad byte.
            let pos = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let line = bytes[..pos].iter().filter(|&&b| b == b'\n').count() + 1;
            return Err(InteropError::NotXml {
                line,
                message: "the file is not UTF-8 text".into(),
            });
        }
    };
    read_mspdi(&text, release_name)
}

/// Reads one MSPDI document into a plan with one release called `release_name`.
///
/// The release starts at the project's `<StartDate>` and uses the project's `<CalendarUID>`,
/// which is also the plan's default calendar; `<StatusDate>` becomes the plan's status date.
/// Null rows, the project summary row (UID 0), inactive and external tasks are left out, as
/// are the placeholder resource (UID 0), cost resources and assignments without a resource;
/// each appears in the report's `skipped` list with its line and reason.
///
/// When the file declares Admiral's task text fields (as [`write_mspdi`](super::write_mspdi)
/// does), each task also gets back its kind, owner and three-point estimate; tasks are split
/// into one project per 'Admiral project' name (tasks without one stay in the project named
/// after the file); and each task with an 'Admiral gate' or 'Admiral gate criteria' field
/// becomes a gate with its approvers, decisions, comments and criteria. A value that cannot be
/// read is left out and listed as skipped ([`SkipKind::Field`]) with its line; the import goes
/// on. A file without these declarations (one saved by MS Project itself) is read as before.
pub fn read_mspdi(xml: &str, release_name: &str) -> Result<MspdiImport, InteropError> {
    // A UTF-8 byte-order mark (as Notepad saves) is not part of the document: quick-xml
    // steps over it, and the tree's offsets into the text would then be three bytes off.
    let xml = xml.strip_prefix('\u{feff}').unwrap_or(xml);
    let (arena, mut spare) = (bumpalo::Bump::new(), bumpalo::Bump::new());
    let read = dom::parse(xml, &arena, &mut spare).and_then(|root| {
        let mut r = Reader {
            lines: Lines::new(xml),
            ns: fnv64(release_name.as_bytes()),
            report: ImportReport::default(),
            fields: HashMap::new(),
        };
        r.read(&root, release_name)
    });
    if arena.allocated_bytes() + spare.allocated_bytes() >= FREE_ASIDE_FROM {
        free_aside((arena, spare));
    }
    read
}

/// From this size on, the element tree is freed on a thread of its own ([`free_aside`]).
const FREE_ASIDE_FROM: usize = 1 << 20;

/// Drops `v` on a thread of its own, so that the caller need not wait: the element tree of a
/// 5k-task file is some 10 MB in a few large blocks, and giving them back to the system took
/// the import most of a millisecond.
fn free_aside<T: Send + 'static>(v: T) {
    // When no thread can be started, the closure, and `v` with it, is dropped here.
    let _ = std::thread::Builder::new()
        .name("free".into())
        .spawn(move || drop(v));
}

struct Reader<'a> {
    lines: Lines<'a>,
    /// Hash of the release name: the high half of every id.
    ns: u64,
    report: ImportReport,
    /// FieldID → (Admiral field, part) of the file's declared "Admiral …" fields.
    fields: HashMap<String, (usize, usize)>,
}

/// A task's Admiral fields that become other entities: its value and the offset of the
/// field in the file.
#[derive(Default)]
struct TaskExtras {
    uid: i64,
    gate: Option<(String, usize)>,
    criteria: Option<(String, usize)>,
    project: Option<(String, usize)>,
}

/// Week index (Monday = 0) of an MSPDI DayType (1 = Sunday … 7 = Saturday).
fn week_index(day_type: i64) -> Option<usize> {
    match day_type {
        1 => Some(6),
        2..=7 => Some((day_type - 2) as usize),
        _ => None,
    }
}

fn standard_day() -> Vec<WorkingTime> {
    vec![WorkingTime::hm(8, 0, 12, 0), WorkingTime::hm(13, 0, 17, 0)]
}

/// A calendar as the file gives it, before inheritance is resolved.
struct RawCalendar {
    uid: i64,
    name: String,
    base_uid: Option<i64>,
    week: [Option<Vec<WorkingTime>>; 7],
    exceptions: Vec<CalendarException>,
    pos: usize,
}

struct RawLink {
    pred_uid: i64,
    kind: i64,
    lag_tenths: f64,
    lag_format: i64,
    cross_project: bool,
    pos: usize,
}

/// From this many `<Task>` elements on, they are read on two threads
/// ([`Reader::read_task_halves`]).
const TASKS_ON_TWO_THREADS: usize = 1024;

/// Where `n` `<Task>` elements are split between two threads, if they are.
fn task_split(n: usize) -> Option<usize> {
    #[cfg(test)]
    if let Some(at) = tests::SPLIT_TASKS_AT.with(std::cell::Cell::get) {
        return Some(at);
    }
    (n >= TASKS_ON_TWO_THREADS).then_some(n / 2)
}

/// Part of a file's `<Task>` elements as one reader read them.
struct ReadHalf<'e, 'x> {
    elements: &'e [&'e Element<'x>],
    report: ImportReport,
    /// The tasks read, in file order (not those left out).
    raws: Vec<RawTask>,
    /// What reading each element did, in order, up to the one that failed.
    read: Vec<TaskRead>,
    /// The error that ended the reading (at the element after the last in `read`).
    failed: Option<InteropError>,
}

/// One `<Task>` read: how many skips and notes it added to its half's report, and what came
/// of it. A few bytes, whatever a file leaves out or repeats.
struct TaskRead {
    skipped: usize,
    notes: usize,
    read: Outcome,
}

/// What reading one `<Task>` gave.
enum Outcome {
    /// A task, kept in its half's list.
    Kept,
    /// A task whose UID came before in the same half, dropped.
    Repeat { uid: i64, pos: usize },
    /// Nothing: the element is left out (a null row, the summary row, …).
    LeftOut,
}

struct RawTask {
    uid: i64,
    id: Option<i64>,
    task: Task,
    outline_level: Option<i64>,
    links: Vec<RawLink>,
    extras: TaskExtras,
    pos: usize,
}

impl<'a> Reader<'a> {
    fn line(&self, pos: usize) -> usize {
        self.lines.line(pos)
    }

    fn make_id(&self, kind: u8, key: u64) -> u128 {
        let mut bytes = vec![kind];
        bytes.extend_from_slice(&self.ns.to_le_bytes());
        (u128::from(fnv64(&bytes)) << 64) | u128::from(key)
    }

    fn skip(&mut self, kind: SkipKind, pos: usize, reason: String) {
        let line = self.line(pos);
        self.report.skipped.push(Skipped { kind, line, reason });
    }

    fn note(&mut self, pos: usize, text: String) {
        let line = self.line(pos);
        self.report.notes.push(format!("line {line}: {text}"));
    }

    /// The `<Name>` of `el` on one line: a name with a line break or another control
    /// character (which a name typed in Admiral cannot hold) is read with a space for each
    /// run of them, noted with its line.
    fn name_of(&mut self, el: &Element, whose: impl FnOnce() -> String) -> Option<String> {
        let name = el.child("Name").filter(|n| !n.text.is_empty())?;
        Some(match admiral_core::notation::one_line(name.text) {
            Some(clean) => {
                let whose = whose();
                self.note(
                    name.pos,
                    format!(
                        "the name of {whose} holds a line break or another control character; \
                         it is read on one line: '{clean}'"
                    ),
                );
                clean
            }
            None => name.text.to_string(),
        })
    }

    fn bad(&self, el: &Element, field: &str, owner: &str, what: &str) -> InteropError {
        let child = el.child(field);
        let value = child.map(|c| c.text).unwrap_or("");
        InteropError::Invalid {
            line: self.line(child.map_or(el.pos, |c| c.pos)),
            message: format!("bad {what} \"{value}\" in <{field}> of {owner}"),
        }
    }

    fn int(&self, el: &Element, field: &str, owner: &str) -> Result<Option<i64>, InteropError> {
        el.text_of(field)
            .map(|t| formats::parse_int(t).ok_or_else(|| self.bad(el, field, owner, "integer")))
            .transpose()
    }

    fn float(&self, el: &Element, field: &str, owner: &str) -> Result<Option<f64>, InteropError> {
        el.text_of(field)
            .map(|t| formats::parse_f64(t).ok_or_else(|| self.bad(el, field, owner, "number")))
            .transpose()
    }

    fn flag(&self, el: &Element, field: &str, owner: &str) -> Result<bool, InteropError> {
        Ok(el
            .text_of(field)
            .map(|t| formats::parse_bool(t).ok_or_else(|| self.bad(el, field, owner, "flag")))
            .transpose()?
            .unwrap_or(false))
    }

    fn date(
        &self,
        el: &Element,
        field: &str,
        owner: &str,
    ) -> Result<Option<NaiveDateTime>, InteropError> {
        el.text_of(field)
            .map(|t| formats::parse_datetime(t).ok_or_else(|| self.bad(el, field, owner, "date")))
            .transpose()
    }

    fn read(&mut self, root: &Element, release_name: &str) -> Result<MspdiImport, InteropError> {
        let owner = "the project";
        let (start, status_date, default_format) = self.read_project_settings(root)?;

        // Calendars.
        let (calendars, cal_ids) = self.read_calendars(root)?;
        let default_calendar = self.project_calendar(root, &calendars, &cal_ids)?;

        // Release and project.
        let tasks_el = root.child("Tasks");
        let (release, project) =
            self.release_and_project(root, tasks_el, release_name, start, default_calendar);
        let project_id = project.id;

        // Admiral's fields, when the file declares them.
        self.read_field_declarations(root);

        // Tasks and links.
        let (mut tasks, links, task_ids, extras) = match tasks_el {
            Some(t) => self.read_tasks(t, project_id, &cal_ids, default_format)?,
            None => (Vec::new(), Vec::new(), HashMap::new(), Vec::new()),
        };
        let default_project = project;
        let projects = self.split_projects(&mut tasks, &extras, default_project);
        let gates = self.read_gates(&tasks, &extras);
        if !self.fields.is_empty() {
            self.report.notes.push(format!(
                "Admiral's fields read back: {} project(s), {} gate(s), {} three-point estimate(s)",
                projects.len(),
                gates.len(),
                tasks.iter().filter(|t| t.estimate.is_some()).count()
            ));
        }

        // Resources and assignments.
        let (resources, res_ids) = match root.child("Resources") {
            Some(r) => self.read_resources(r, &cal_ids)?,
            None => (Vec::new(), HashMap::new()),
        };
        let (assignments, edited) = match root.child("Assignments") {
            Some(a) => self.read_assignments(a, &task_ids, &res_ids)?,
            None => (Vec::new(), Vec::new()),
        };

        let saved_at = self
            .date(root, "LastSaved", owner)
            .ok()
            .flatten()
            .or_else(|| self.date(root, "CreationDate", owner).ok().flatten())
            .unwrap_or(start);
        let baselines = self.read_baselines(root, &task_ids, &res_ids, &assignments, saved_at)?;
        if !baselines.is_empty() {
            let numbers: Vec<String> = baselines.iter().map(|b| b.number.to_string()).collect();
            self.report.notes.push(format!(
                "baselines read: {} (MSPDI keeps no name or date for them: each is named as in \
                 MS Project and dated when the file was last saved)",
                numbers.join(", ")
            ));
        }

        self.report.tasks = tasks.len();
        self.report.links = links.len();
        self.report.calendars = calendars.len();
        self.report.resources = resources.len();
        self.report.assignments = assignments.len();

        let mut plan = Plan {
            portfolio: Portfolio {
                name: release_name.to_string(),
            },
            settings: PlanSettings {
                default_calendar,
                status_date,
                ..PlanSettings::default()
            },
            releases: vec![release],
            projects,
            tasks,
            links,
            calendars,
            blackouts: Vec::new(),
            gates,
            risks: Vec::new(),
            resources,
            assignments,
            scenarios: Vec::new(),
            baselines,
            commitments: Vec::new(),
            snapshots: Vec::new(),
        };
        contoured_spans(&mut plan, &edited);
        self.read_splits(root, &mut plan);
        plan.validate()?;
        Ok(MspdiImport {
            plan,
            report: std::mem::take(&mut self.report),
        })
    }

    /// The project's settings: minutes per day and week and days per month (noted when they
    /// differ from Admiral's), the start date, the status date and the default duration format.
    fn read_project_settings(
        &mut self,
        root: &Element,
    ) -> Result<(NaiveDateTime, Option<NaiveDateTime>, i64), InteropError> {
        let owner = "the project";
        let mpd = self
            .int(root, "MinutesPerDay", owner)?
            .unwrap_or(MINUTES_PER_DAY);
        let mpw = self
            .int(root, "MinutesPerWeek", owner)?
            .unwrap_or(MINUTES_PER_WEEK);
        let dpm = self.int(root, "DaysPerMonth", owner)?.unwrap_or(20);
        self.report.minutes_per_day = u32::try_from(mpd).unwrap_or(MINUTES_PER_DAY as u32);
        self.report.minutes_per_week = u32::try_from(mpw).unwrap_or(MINUTES_PER_WEEK as u32);
        self.report.days_per_month = u32::try_from(dpm).unwrap_or(20);
        if mpd != MINUTES_PER_DAY || mpw != MINUTES_PER_WEEK {
            self.note(
                root.child("MinutesPerDay").map_or(root.pos, |c| c.pos),
                format!(
                    "the project counts {mpd} minutes per day and {mpw} per week (Admiral shows \
                     days of {MINUTES_PER_DAY}); durations and lags are imported as minutes, unchanged"
                ),
            );
        }
        let default_format = self.int(root, "DurationFormat", owner)?.unwrap_or(7);
        let start = self
            .date(root, "StartDate", owner)?
            .ok_or_else(|| InteropError::Missing {
                line: self.line(root.pos),
                message: "the project has no <StartDate>".into(),
            })?;
        let status_date = self.date(root, "StatusDate", owner)?;
        if root.text_of("ScheduleFromStart") == Some("0") {
            self.note(
                root.child("ScheduleFromStart").map_or(root.pos, |c| c.pos),
                "the project is scheduled from its finish in MS Project; Admiral schedules \
                 from the start date"
                    .into(),
            );
        }
        Ok((start, status_date, default_format))
    }

    /// The project's calendar among `calendars` (the first one, noted, when it names none
    /// of them).
    fn project_calendar(
        &mut self,
        root: &Element,
        calendars: &[Calendar],
        cal_ids: &HashMap<i64, CalendarId>,
    ) -> Result<Option<CalendarId>, InteropError> {
        let owner = "the project";
        let project_cal_uid = self.int(root, "CalendarUID", owner)?;
        let default_calendar = match project_cal_uid.and_then(|u| cal_ids.get(&u)) {
            Some(id) => Some(*id),
            None => {
                let fallback = calendars.first().map(|c| c.id);
                self.note(
                    root.child("CalendarUID").map_or(root.pos, |c| c.pos),
                    format!(
                        "the project calendar (UID {}) is not among the calendars; using {}",
                        project_cal_uid.map_or("none".into(), |u| u.to_string()),
                        calendars
                            .first()
                            .map_or("none".into(), |c| format!("'{}'", c.name))
                    ),
                );
                fallback
            }
        };
        Ok(default_calendar)
    }

    /// The release the import becomes and its one project, named after the file's project
    /// summary task, title or name.
    fn release_and_project(
        &mut self,
        root: &Element,
        tasks_el: Option<&Element>,
        release_name: &str,
        start: NaiveDateTime,
        default_calendar: Option<CalendarId>,
    ) -> (Release, Project) {
        let release_id = ReleaseId::from_u128(self.make_id(b'R', 0));
        let project_id = ProjectId::from_u128(self.make_id(b'P', 0));
        let summary_name = tasks_el
            .and_then(|t| {
                t.children("Task")
                    .find(|t| t.text_of("UID").and_then(formats::parse_int) == Some(0))
            })
            .and_then(|t| t.text_of("Name"));
        let project_name = summary_name
            .or_else(|| root.text_of("Title"))
            .map(|n| admiral_core::notation::one_line(n).unwrap_or_else(|| n.to_string()))
            .or_else(|| {
                root.text_of("Name").map(|n| {
                    let n = n.trim();
                    n.strip_suffix(".xml")
                        .or_else(|| n.strip_suffix(".XML"))
                        .unwrap_or(n)
                        .to_string()
                })
            })
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| {
                if release_name.trim().is_empty() {
                    "Imported project".to_string()
                } else {
                    release_name.to_string()
                }
            });
        self.report.project_name = project_name.clone();
        let release = Release {
            id: release_id,
            code: release_code(release_name),
            name: release_name.to_string(),
            kind: ReleaseKind::Project,
            owner: String::new(),
            description: format!("Imported from MS Project: '{project_name}'"),
            start,
            target: None,
            status: ReleaseStatus::Planning,
            calendar_id: default_calendar,
            budget: None,
        };
        let project = Project {
            id: project_id,
            release_id,
            name: project_name,
            department: String::new(),
            owner: String::new(),
        };
        (release, project)
    }

    /// Admiral's own task text fields, when the file declares them in `<ExtendedAttributes>`.
    fn read_field_declarations(&mut self, root: &Element) {
        if let Some(eas) = root.child("ExtendedAttributes") {
            for ea in eas.children("ExtendedAttribute") {
                let Some(field) = ea.text_of("Alias").and_then(fields::parse_alias) else {
                    continue;
                };
                let id = ea.text_of("FieldID").map(str::to_string).or_else(|| {
                    let n: usize = ea
                        .text_of("FieldName")?
                        .strip_prefix("Text")?
                        .parse()
                        .ok()?;
                    fields::text_field(n).map(|(id, _)| id.to_string())
                });
                if let Some(id) = id {
                    self.fields.entry(id).or_insert(field);
                }
            }
        }
    }

    // ---------------------------------------------------------------- calendars

    fn working_times(
        &mut self,
        parent: &Element,
        owner: &str,
    ) -> Result<Vec<WorkingTime>, InteropError> {
        let mut out = Vec::new();
        let Some(wts) = parent.child("WorkingTimes") else {
            return Ok(out);
        };
        for wt in wts.children("WorkingTime") {
            let (Some(from), Some(to)) = (wt.text_of("FromTime"), wt.text_of("ToTime")) else {
                continue;
            };
            let from = formats::parse_time_minutes(from)
                .ok_or_else(|| self.bad(wt, "FromTime", owner, "time"))?;
            let mut to = formats::parse_time_minutes(to)
                .ok_or_else(|| self.bad(wt, "ToTime", owner, "time"))?;
            if to == 0 {
                to = 1440; // 00:00:00 as an end is midnight.
            }
            if from >= to {
                self.skip(
                    SkipKind::CalendarPart,
                    wt.pos,
                    format!(
                        "working time {:02}:{:02}–{:02}:{:02} of {owner} ends before it starts",
                        from / 60,
                        from % 60,
                        to / 60,
                        to % 60
                    ),
                );
                continue;
            }
            out.push(WorkingTime { from, to });
        }
        out.sort();
        // Merge overlapping or touching periods so that the model's rules hold.
        let mut merged: Vec<WorkingTime> = Vec::with_capacity(out.len());
        for w in out {
            match merged.last_mut() {
                Some(last) if w.from <= last.to => last.to = last.to.max(w.to),
                _ => merged.push(w),
            }
        }
        Ok(merged)
    }

    /// Working times of a day or exception: none when not working, the file's periods when
    /// given, else MS Project's default day.
    fn day_times(&mut self, el: &Element, owner: &str) -> Result<Vec<WorkingTime>, InteropError> {
        let times = self.working_times(el, owner)?;
        let working = match el.text_of("DayWorking") {
            Some(t) => {
                formats::parse_bool(t).ok_or_else(|| self.bad(el, "DayWorking", owner, "flag"))?
            }
            None => !times.is_empty(),
        };
        Ok(match (working, times.is_empty()) {
            (false, _) => Vec::new(),
            (true, true) => standard_day(),
            (true, false) => times,
        })
    }

    fn period(
        &self,
        el: &Element,
        owner: &str,
    ) -> Result<Option<(NaiveDate, NaiveDate)>, InteropError> {
        let Some(tp) = el.child("TimePeriod") else {
            return Ok(None);
        };
        let from = self.date(tp, "FromDate", owner)?;
        let to = self.date(tp, "ToDate", owner)?;
        Ok(match (from, to) {
            (Some(f), Some(t)) => Some((f.date(), t.date())),
            (Some(f), None) => Some((f.date(), f.date())),
            _ => None,
        })
    }

    fn read_calendar(&mut self, c: &Element) -> Result<Option<RawCalendar>, InteropError> {
        let Some(uid) = self.int(c, "UID", "a calendar")? else {
            self.skip(SkipKind::Calendar, c.pos, "calendar without a UID".into());
            return Ok(None);
        };
        let name = self
            .name_of(c, || format!("calendar UID {uid}"))
            .unwrap_or_else(|| format!("Calendar {uid}"));
        let owner = format!("calendar UID {uid} '{name}'");
        let is_base = self.flag(c, "IsBaseCalendar", &owner)?;
        let base_uid = self
            .int(c, "BaseCalendarUID", &owner)?
            .filter(|&b| !is_base && b >= 0 && b != uid);
        let mut week: [Option<Vec<WorkingTime>>; 7] = Default::default();
        let mut day0 = Vec::new();
        if let Some(wds) = c.child("WeekDays") {
            for wd in wds.children("WeekDay") {
                let Some(dt) = self.int(wd, "DayType", &owner)? else {
                    continue;
                };
                if dt == 0 {
                    let Some((start, finish)) = self.period(wd, &owner)? else {
                        self.skip(
                            SkipKind::CalendarPart,
                            wd.pos,
                            format!("exception day without a period in {owner}"),
                        );
                        continue;
                    };
                    let working = self.day_times(wd, &owner)?;
                    day0.push((
                        wd.pos,
                        CalendarException {
                            name: String::new(),
                            start,
                            finish,
                            working,
                        },
                    ));
                } else if let Some(i) = week_index(dt) {
                    week[i] = Some(self.day_times(wd, &owner)?);
                } else {
                    return Err(self.bad(wd, "DayType", &owner, "day type"));
                }
            }
        }
        let mut exceptions = Vec::new();
        let mut use_day0 = true;
        if let Some(exs) = c.child("Exceptions") {
            let mut from_exceptions = Vec::new();
            let mut recurring = Vec::new();
            for ex in exs.children("Exception") {
                let ex_name = self
                    .name_of(ex, || format!("an exception of {owner}"))
                    .unwrap_or_default();
                let ty = self.int(ex, "Type", &owner)?.unwrap_or(1);
                let period = self.int(ex, "Period", &owner)?.unwrap_or(1);
                let Some((start, finish)) = self.period(ex, &owner)? else {
                    self.skip(
                        SkipKind::CalendarPart,
                        ex.pos,
                        format!("exception '{ex_name}' of {owner} has no period"),
                    );
                    continue;
                };
                if ty != 1 || period > 1 {
                    recurring.push((ex.pos, ex_name));
                    continue;
                }
                let working = self.day_times(ex, &owner)?;
                from_exceptions.push((
                    ex.pos,
                    CalendarException {
                        name: ex_name,
                        start,
                        finish,
                        working,
                    },
                ));
            }
            if recurring.is_empty() || day0.is_empty() {
                // <Exceptions> is the full description; the DayType 0 entries repeat it.
                use_day0 = false;
                exceptions = from_exceptions;
                for (pos, n) in recurring {
                    self.skip(
                        SkipKind::CalendarPart,
                        pos,
                        format!("recurring exception '{n}' of {owner} (only one-off and daily exceptions are read)"),
                    );
                }
            }
            // Else the DayType 0 entries hold the recurring exceptions expanded: use those.
        }
        if use_day0 {
            exceptions = day0;
        }
        let mut out = Vec::new();
        for (pos, e) in exceptions {
            if e.finish < e.start {
                self.skip(
                    SkipKind::CalendarPart,
                    pos,
                    format!("exception '{}' of {owner} ends before it starts", e.name),
                );
            } else {
                out.push(e);
            }
        }
        if let Some(ww) = c.child("WorkWeeks") {
            for w in ww.children("WorkWeek") {
                let n = w.text_of("Name").unwrap_or("");
                self.skip(
                    SkipKind::CalendarPart,
                    w.pos,
                    format!("work week '{n}' of {owner} (working-time periods are not read yet)"),
                );
            }
        }
        Ok(Some(RawCalendar {
            uid,
            name,
            base_uid,
            week,
            exceptions: out,
            pos: c.pos,
        }))
    }

    fn read_calendars(
        &mut self,
        root: &Element,
    ) -> Result<(Vec<Calendar>, HashMap<i64, CalendarId>), InteropError> {
        let mut raws: Vec<RawCalendar> = Vec::new();
        let mut seen = HashSet::new();
        if let Some(cals) = root.child("Calendars") {
            for c in cals.children("Calendar") {
                if let Some(raw) = self.read_calendar(c)? {
                    if !seen.insert(raw.uid) {
                        self.skip(
                            SkipKind::Calendar,
                            raw.pos,
                            format!("calendar UID {} appears twice", raw.uid),
                        );
                        continue;
                    }
                    raws.push(raw);
                }
            }
        }
        let index: HashMap<i64, usize> = raws.iter().enumerate().map(|(i, r)| (r.uid, i)).collect();
        let mut calendars = Vec::new();
        let mut ids = HashMap::new();
        for (i, raw) in raws.iter().enumerate() {
            let (week, exceptions) = self.resolve(&raws, &index, i, 0);
            let id = CalendarId::from_u128(self.make_id(b'C', raw.uid as u64));
            ids.insert(raw.uid, id);
            calendars.push(Calendar {
                id,
                name: raw.name.clone(),
                week,
                exceptions,
            });
        }
        Ok((calendars, ids))
    }

    /// The flat week and exceptions of calendar `i`, with its base's where it defines none.
    fn resolve(
        &mut self,
        raws: &[RawCalendar],
        index: &HashMap<i64, usize>,
        i: usize,
        depth: usize,
    ) -> ([Vec<WorkingTime>; 7], Vec<CalendarException>) {
        let raw = &raws[i];
        let base = match raw.base_uid {
            Some(b) if depth < 16 => match index.get(&b) {
                Some(&bi) => Some(self.resolve(raws, index, bi, depth + 1)),
                None => {
                    if depth == 0 {
                        self.note(
                            raw.pos,
                            format!(
                                "calendar '{}' derives from unknown calendar UID {b}; MS Project's default week is used where it defines none",
                                raw.name
                            ),
                        );
                    }
                    None
                }
            },
            Some(_) => {
                self.note(
                    raw.pos,
                    format!("calendar '{}' has a base-calendar cycle", raw.name),
                );
                None
            }
            None => None,
        };
        let default_week = |d: usize| if d < 5 { standard_day() } else { Vec::new() };
        let week: [Vec<WorkingTime>; 7] = std::array::from_fn(|d| match &raw.week[d] {
            Some(t) => t.clone(),
            None => match &base {
                Some((bw, _)) => bw[d].clone(),
                None => default_week(d),
            },
        });
        let mut exceptions = Vec::new();
        if let Some((_, base_ex)) = base {
            let inherited: [bool; 7] = std::array::from_fn(|d| raw.week[d].is_none());
            for e in base_ex {
                exceptions.extend(restrict(e, inherited));
            }
        }
        exceptions.extend(raw.exceptions.iter().cloned());
        (week, exceptions)
    }

    // ---------------------------------------------------------------- tasks

    fn read_task(
        &mut self,
        t: &Element,
        project_id: ProjectId,
        cal_ids: &HashMap<i64, CalendarId>,
        default_format: i64,
    ) -> Result<Option<RawTask>, InteropError> {
        let Some(uid) = self.int(t, "UID", "a task")? else {
            self.skip(SkipKind::Task, t.pos, "task without a UID".into());
            return Ok(None);
        };
        let owner = format!("task UID {uid}");
        if self.skipped(t, uid, &owner)? {
            return Ok(None);
        }
        let name = self.name_of(t, || owner.clone()).unwrap_or_default();
        let id = self.int(t, "ID", &owner)?;
        let outline_level = self.int(t, "OutlineLevel", &owner)?;
        let milestone = self.flag(t, "Milestone", &owner)?;
        let summary = self.flag(t, "Summary", &owner)?;
        if self.flag(t, "Estimated", &owner)? {
            self.report.estimated_durations += 1;
        }
        let mode = self.read_mode(t, uid, &owner)?;
        if summary && self.flag(t, "Recurring", &owner)? {
            self.note(
                t.pos,
                format!("task UID {uid} '{name}' is a recurring task; it is kept as a summary of its occurrences"),
            );
        }

        let duration = self.read_duration(t, uid, &owner, default_format)?;

        let constraint = self.read_constraint(t, uid, &owner)?;
        let deadline = self.date(t, "Deadline", &owner)?;
        let calendar_id = self.task_calendar(t, uid, &owner, cal_ids)?;
        let progress = self.read_progress(t, uid, &owner)?;
        let notes = t.text_of("Notes").unwrap_or("").to_string();

        let links = self.read_links(t, uid, &owner)?;

        let (kind, owner_name, estimate, extras) = self.read_admiral_fields(t, uid, milestone);

        let task = Task {
            id: TaskId::from_u128(self.make_id(b'T', uid as u64)),
            number: TaskNumber(0),
            external_uid: Some(uid),
            project_id,
            name,
            kind,
            outline_level: 1,
            duration,
            estimate,
            constraint,
            deadline,
            calendar_id,
            owner: owner_name,
            notes,
            progress,
            mode,
            effort: self.effort(t, &owner)?,
            fixed_cost: self.fixed_cost(t, &owner)?,
            splits: Vec::new(),
        };
        Ok(Some(RawTask {
            uid,
            id,
            task,
            outline_level,
            links,
            extras,
            pos: t.pos,
        }))
    }

    /// Whether task `t` is a row Admiral leaves out (a null row, the project summary, an
    /// external or inactive task); each is listed as skipped with its reason.
    fn skipped(&mut self, t: &Element, uid: i64, owner: &str) -> Result<bool, InteropError> {
        if self.flag(t, "IsNull", owner)? {
            self.skip(
                SkipKind::Task,
                t.pos,
                format!("task UID {uid} is a null/blank row"),
            );
            return Ok(true);
        }
        if uid == 0 {
            self.skip(
                SkipKind::Task,
                t.pos,
                "task UID 0 is the project summary row (its name is the project's name)".into(),
            );
            return Ok(true);
        }
        if self.flag(t, "ExternalTask", owner)? {
            self.skip(
                SkipKind::Task,
                t.pos,
                format!("task UID {uid} is an external task of another project"),
            );
            return Ok(true);
        }
        if t.text_of("Active") == Some("0") {
            self.skip(SkipKind::Task, t.pos, format!("task UID {uid} is inactive"));
            return Ok(true);
        }
        Ok(false)
    }

    /// The task's mode: manual (at its `ManualStart`, else `Start`) or automatic.
    fn read_mode(&mut self, t: &Element, uid: i64, owner: &str) -> Result<TaskMode, InteropError> {
        Ok(if t.text_of("Manual") == Some("1") {
            match self
                .date(t, "ManualStart", owner)?
                .or(self.date(t, "Start", owner)?)
            {
                Some(start) => TaskMode::Manual {
                    start,
                    text_dates: ["StartText", "FinishText", "DurationText"]
                        .iter()
                        .any(|f| t.child(f).is_some()),
                },
                None => {
                    self.note(
                        t.pos,
                        format!("task UID {uid} is manually scheduled but has no <Start>; Admiral schedules it"),
                    );
                    TaskMode::Auto
                }
            }
        } else {
            TaskMode::Auto
        })
    }

    /// The task's duration in its format (elapsed or working; other formats read as working).
    fn read_duration(
        &mut self,
        t: &Element,
        uid: i64,
        owner: &str,
        default_format: i64,
    ) -> Result<Duration, InteropError> {
        let minutes = match t.text_of("Duration") {
            Some(d) => formats::parse_duration_minutes(d)
                .ok_or_else(|| self.bad(t, "Duration", owner, "duration"))?,
            None => 0,
        };
        if minutes < 0 {
            return Err(self.bad(t, "Duration", owner, "(negative) duration"));
        }
        let code = self
            .int(t, "DurationFormat", owner)?
            .unwrap_or(default_format);
        let unit = match formats::unit(code) {
            Unit::Default => formats::unit(default_format),
            u => u,
        };
        Ok(match unit {
            Unit::Elapsed => Duration::Elapsed(minutes),
            Unit::Working | Unit::Default => Duration::Working(WorkMinutes(minutes)),
            Unit::Percent { .. } | Unit::Unknown => {
                self.note(
                    t.pos,
                    format!("task UID {uid} has DurationFormat {code}; read as working time"),
                );
                Duration::Working(WorkMinutes(minutes))
            }
        })
    }

    /// The task's constraint (a dated one without its date is read as ASAP, noted).
    fn read_constraint(
        &mut self,
        t: &Element,
        uid: i64,
        owner: &str,
    ) -> Result<Constraint, InteropError> {
        let ct = self.int(t, "ConstraintType", owner)?.unwrap_or(0);
        let cd = self.date(t, "ConstraintDate", owner)?;
        let Some(code) = formats::ConstraintType::from_code(ct) else {
            return Err(self.bad(t, "ConstraintType", owner, "constraint type"));
        };
        Ok(match code.constraint(cd) {
            Some(c) => c,
            None => {
                self.note(t.pos, format!("task UID {uid} has ConstraintType {ct} without a <ConstraintDate>; read as ASAP"));
                Constraint::Asap
            }
        })
    }

    /// The task's own calendar (`None`: its release's), noted when it names an unknown one.
    fn task_calendar(
        &mut self,
        t: &Element,
        uid: i64,
        owner: &str,
        cal_ids: &HashMap<i64, CalendarId>,
    ) -> Result<Option<CalendarId>, InteropError> {
        Ok(match self.int(t, "CalendarUID", owner)? {
            None | Some(-1) => None,
            Some(c) => match cal_ids.get(&c) {
                Some(id) => Some(*id),
                None => {
                    self.note(t.pos, format!("task UID {uid} names unknown calendar UID {c}; it uses the project calendar"));
                    None
                }
            },
        })
    }

    /// Actual start and finish (a finish before the start is dropped, noted) and percent
    /// complete (0–100).
    fn read_progress(
        &mut self,
        t: &Element,
        uid: i64,
        owner: &str,
    ) -> Result<Progress, InteropError> {
        let actual_start = self.date(t, "ActualStart", owner)?;
        let mut actual_finish = self.date(t, "ActualFinish", owner)?;
        if let (Some(s), Some(f)) = (actual_start, actual_finish) {
            if f < s {
                self.note(t.pos, format!("task UID {uid} has an actual finish before its actual start; the finish is dropped"));
                actual_finish = None;
            }
        }
        let pct = self.float(t, "PercentComplete", owner)?.unwrap_or(0.0);
        if !(0.0..=100.0).contains(&pct) {
            return Err(self.bad(t, "PercentComplete", owner, "percent complete"));
        }
        Ok(Progress {
            actual_start,
            actual_finish,
            percent_complete: pct.round() as u8,
        })
    }

    /// The task's predecessor links as the file gives them (resolved once every task is read).
    fn read_links(
        &mut self,
        t: &Element,
        uid: i64,
        owner: &str,
    ) -> Result<Vec<RawLink>, InteropError> {
        let mut links = Vec::new();
        for l in t.children("PredecessorLink") {
            let Some(pred_uid) = self.int(l, "PredecessorUID", owner)? else {
                self.skip(
                    SkipKind::Link,
                    l.pos,
                    format!("link into task UID {uid} names no predecessor"),
                );
                continue;
            };
            links.push(RawLink {
                pred_uid,
                kind: self.int(l, "Type", owner)?.unwrap_or(1),
                lag_tenths: self.float(l, "LinkLag", owner)?.unwrap_or(0.0),
                lag_format: self.int(l, "LagFormat", owner)?.unwrap_or(7),
                cross_project: self.flag(l, "CrossProject", owner)?,
                pos: l.pos,
            });
        }
        Ok(links)
    }

    /// Admiral's fields of the task, when the file declares them: its kind (checked against
    /// MS Project's milestone flag), owner, three-point estimate, and the gate, criteria and
    /// project texts read once every task is known.
    fn read_admiral_fields(
        &mut self,
        t: &Element,
        uid: i64,
        milestone: bool,
    ) -> (TaskKind, String, Option<ThreePoint>, TaskExtras) {
        // Admiral's fields: each value is its parts in order.
        let mut parts: [Vec<(usize, &str, usize)>; 6] = Default::default();
        if !self.fields.is_empty() {
            for ea in t.children("ExtendedAttribute") {
                let Some(&(f, k)) = ea.text_of("FieldID").and_then(|id| self.fields.get(id)) else {
                    continue;
                };
                let pos = ea.child("Value").map_or(ea.pos, |v| v.pos);
                parts[f].push((k, ea.text_of("Value").unwrap_or(""), pos));
            }
        }
        let mut adm: [Option<(String, usize)>; 6] = parts.map(|mut p| {
            p.sort_by_key(|(k, _, _)| *k);
            let pos = p.first()?.2;
            let value: String = p.iter().map(|(_, v, _)| *v).collect();
            (!value.is_empty()).then_some((value, pos))
        });
        let mut kind = if milestone {
            TaskKind::Milestone
        } else {
            TaskKind::Task
        };
        if let Some((v, pos)) = adm[KIND].take() {
            match fields::parse_kind(&v) {
                Ok(k) if matches!(k, TaskKind::Milestone | TaskKind::Gate) == milestone => kind = k,
                Ok(k) => self.note(
                    pos,
                    format!(
                        "task UID {uid} is a {} in its 'Admiral kind' field but {} in MS \
                         Project; read as a {}",
                        fields::kind_text(k),
                        if milestone {
                            "a milestone"
                        } else {
                            "not a milestone"
                        },
                        fields::kind_text(kind)
                    ),
                ),
                Err(e) => self.skip_field(pos, uid, "kind", &e),
            }
        }
        let owner_name = adm[OWNER].take().map(|(v, _)| v).unwrap_or_default();
        let estimate = match adm[ESTIMATE].take() {
            Some((v, pos)) => match fields::parse_estimate(&v) {
                Ok(e) => Some(e),
                Err(e) => {
                    self.skip_field(pos, uid, "estimate", &e);
                    None
                }
            },
            None => None,
        };
        let extras = TaskExtras {
            uid,
            gate: adm[GATE].take(),
            criteria: adm[CRITERIA].take(),
            project: adm[PROJECT].take(),
        };
        (kind, owner_name, estimate, extras)
    }

    #[allow(clippy::type_complexity)]
    fn read_tasks(
        &mut self,
        tasks_el: &Element,
        project_id: ProjectId,
        cal_ids: &HashMap<i64, CalendarId>,
        default_format: i64,
    ) -> Result<(Vec<Task>, Vec<Link>, HashMap<i64, TaskId>, Vec<TaskExtras>), InteropError> {
        let elements: Vec<&Element> = tasks_el.children("Task").collect();
        let split = task_split(elements.len());
        let halves = self.read_task_halves(&elements, split, project_id, cal_ids, default_format);
        let mut raws: Vec<RawTask> = Vec::new();
        let mut uids = HashSet::new();
        let mut left_out = HashSet::new();
        // Places in `raws` of the tasks whose UID came before, in the other half, in order.
        let mut repeats = Vec::new();
        let twice = |uid: i64| format!("task UID {uid} appears twice");
        // In file order, each task's skips and notes, then what is checked across tasks: the
        // same report, in the same order, as reading them one after the other.
        for mut half in halves {
            let mut skipped = half.report.skipped.into_iter();
            let mut notes = half.report.notes.into_iter();
            self.report.estimated_durations += half.report.estimated_durations;
            let mut kept = half
                .raws
                .iter()
                .enumerate()
                .map(|(i, r)| (raws.len() + i, r));
            for (t, read) in half.elements.iter().zip(&half.read) {
                self.report
                    .skipped
                    .extend(skipped.by_ref().take(read.skipped));
                self.report.notes.extend(notes.by_ref().take(read.notes));
                match read.read {
                    Outcome::Kept => {
                        let Some((at, raw)) = kept.next() else {
                            continue;
                        };
                        if !uids.insert(raw.uid) {
                            self.skip(SkipKind::Task, raw.pos, twice(raw.uid));
                            repeats.push(at);
                        }
                    }
                    Outcome::Repeat { uid, pos } => self.skip(SkipKind::Task, pos, twice(uid)),
                    Outcome::LeftOut => {
                        if let Some(u) = t.text_of("UID").and_then(formats::parse_int) {
                            left_out.insert(u);
                        }
                    }
                }
            }
            if let Some(e) = half.failed {
                return Err(e);
            }
            // The first half's list has room for the second's (`read_task_halves`).
            if raws.is_empty() {
                raws = half.raws;
            } else {
                raws.append(&mut half.raws);
            }
        }
        if !repeats.is_empty() {
            let mut at = 0;
            let mut repeats = repeats.into_iter().peekable();
            raws.retain(|_| {
                let repeat = repeats.next_if_eq(&at).is_some();
                at += 1;
                !repeat
            });
        }

        self.number_tasks(&mut raws, tasks_el.pos);
        self.outline_levels(&mut raws);
        let task_ids: HashMap<i64, TaskId> = raws.iter().map(|r| (r.uid, r.task.id)).collect();
        let links = self.resolve_links(&raws, &task_ids, &left_out);
        let (tasks, extras) = raws.into_iter().map(|r| (r.task, r.extras)).unzip();
        Ok((tasks, links, task_ids, extras))
    }

    /// Reads each of the `<Task>` elements, those from `split` on (when given) on a second
    /// thread: the two halves of a 5k-task file take about as long as each other, and reading
    /// them was a sixth of the import. Each half is read by a reader of its own, which keeps
    /// what each task adds to its report ([`TaskRead`]), so that [`Self::read_tasks`] can
    /// put the report together in file order.
    fn read_task_halves<'e, 'x>(
        &self,
        elements: &'e [&'e Element<'x>],
        split: Option<usize>,
        project_id: ProjectId,
        cal_ids: &HashMap<i64, CalendarId>,
        default_format: i64,
    ) -> Vec<ReadHalf<'e, 'x>> {
        // Set when the first half fails: what the second read would not be used.
        let stop = AtomicBool::new(false);
        let read = |mut reader: Reader<'a>, elements: &'e [&'e Element<'x>], room: usize| {
            // Sized once: a task is some 400 bytes, and growing the list copied them again
            // and again (a tenth of reading a 5k-task file).
            let mut raws = Vec::with_capacity(room);
            let mut read = Vec::with_capacity(elements.len());
            let (mut uids, mut failed) = (HashSet::new(), None);
            for t in elements {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let (skipped, notes) = (reader.report.skipped.len(), reader.report.notes.len());
                let outcome = match reader.read_task(t, project_id, cal_ids, default_format) {
                    Ok(None) => Outcome::LeftOut,
                    // A repeat within the half is dropped here, as one thread would drop it,
                    // so that a file of repeats costs no more than one of distinct tasks.
                    Ok(Some(raw)) if !uids.insert(raw.uid) => Outcome::Repeat {
                        uid: raw.uid,
                        pos: raw.pos,
                    },
                    Ok(Some(raw)) => {
                        raws.push(raw);
                        Outcome::Kept
                    }
                    // The first error ends the import: the tasks after it are not read.
                    Err(e) => {
                        failed = Some(e);
                        break;
                    }
                };
                read.push(TaskRead {
                    skipped: reader.report.skipped.len() - skipped,
                    notes: reader.report.notes.len() - notes,
                    read: outcome,
                });
            }
            ReadHalf {
                elements,
                report: reader.report,
                raws,
                read,
                failed,
            }
        };
        let Some((first, second)) = split
            .filter(|&at| at < elements.len())
            .map(|at| elements.split_at(at))
        else {
            return vec![read(self.fork(), elements, elements.len())];
        };
        let (read, stop) = (&read, &stop);
        std::thread::scope(|s| {
            let fork = self.fork();
            let other = std::thread::Builder::new()
                .spawn_scoped(s, move || read(fork, second, second.len()));
            let first = read(self.fork(), first, elements.len());
            if first.failed.is_some() {
                stop.store(true, Ordering::Relaxed);
            }
            let second = match other {
                Ok(h) => h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
                // No thread could be started: this one reads the second half too.
                Err(_) => read(self.fork(), second, second.len()),
            };
            vec![first, second]
        })
    }

    /// A reader of the same file and release with an empty report, for reading part of the
    /// file on another thread.
    fn fork(&self) -> Reader<'a> {
        Reader {
            lines: Lines::new(self.lines.src()),
            ns: self.ns,
            report: ImportReport::default(),
            fields: self.fields.clone(),
        }
    }

    /// Task numbers: MS Project's IDs when they are usable, else 1..n in file order.
    fn number_tasks(&mut self, raws: &mut [RawTask], pos: usize) {
        let mut ids_seen = HashSet::new();
        let ids_ok = raws.iter().all(|r| {
            matches!(r.id, Some(id) if id > 0 && id <= i64::from(u32::MAX) && ids_seen.insert(id))
        });
        if ids_ok {
            raws.sort_by_key(|r| r.id);
            for r in raws.iter_mut() {
                r.task.number = TaskNumber(r.id.unwrap_or(0) as u32);
            }
        } else {
            if !raws.is_empty() {
                self.note(
                    pos,
                    "task IDs are missing, repeated or out of range; tasks are renumbered 1..n in file order (UIDs are kept)".into(),
                );
            }
            for (i, r) in raws.iter_mut().enumerate() {
                r.task.number = TaskNumber(u32::try_from(i + 1).unwrap_or(u32::MAX));
            }
        }
    }

    /// Outline levels: each row at most one deeper than the row above.
    fn outline_levels(&mut self, raws: &mut [RawTask]) {
        let mut previous: u16 = 0;
        let mut level_notes = Vec::new();
        for raw in raws.iter_mut() {
            let raw_level = raw.outline_level.unwrap_or(1);
            let level = raw_level.clamp(1, i64::from(previous.saturating_add(1))) as u16;
            if i64::from(level) != raw_level && raw.outline_level.is_some() {
                level_notes.push((
                    raw.pos,
                    format!(
                        "task UID {} has outline level {raw_level}, read as {level}",
                        raw.uid
                    ),
                ));
            }
            raw.task.outline_level = level;
            previous = level;
        }
        for (pos, text) in level_notes {
            self.note(pos, text);
        }
    }

    /// The tasks' predecessor links; cross-project links, links from the summary row or a
    /// skipped task, self-links, repeats and unknown types are skipped, each reported.
    fn resolve_links(
        &mut self,
        raws: &[RawTask],
        task_ids: &HashMap<i64, TaskId>,
        left_out: &HashSet<i64>,
    ) -> Vec<Link> {
        let mut links = Vec::new();
        let mut pairs = HashSet::new();
        for r in raws {
            for l in &r.links {
                let (succ, pred) = (r.uid, l.pred_uid);
                // Written out only in a skip or a note (7k links in a 5k-task file).
                let what = LinkName { pred, succ };
                if l.cross_project {
                    self.skip(
                        SkipKind::Link,
                        l.pos,
                        format!("{what} is a cross-project link"),
                    );
                    continue;
                }
                let Some(&pred_id) = task_ids.get(&pred) else {
                    let reason = if pred == 0 {
                        format!("{what} comes from the project summary row (UID 0)")
                    } else if left_out.contains(&pred) {
                        format!("{what} comes from task UID {pred}, which was skipped")
                    } else {
                        format!("{what}: link to unknown UID {pred}")
                    };
                    self.skip(SkipKind::Link, l.pos, reason);
                    continue;
                };
                if pred == succ {
                    self.skip(
                        SkipKind::Link,
                        l.pos,
                        format!("{what} links task UID {succ} to itself"),
                    );
                    continue;
                }
                if !pairs.insert((pred, succ)) {
                    self.skip(SkipKind::Link, l.pos, format!("{what} appears twice"));
                    continue;
                }
                let kind = match formats::link_type(l.kind) {
                    Some(k) => k,
                    None => {
                        let k = l.kind;
                        self.skip(
                            SkipKind::Link,
                            l.pos,
                            format!("{what} has unknown link type {k}"),
                        );
                        continue;
                    }
                };
                let minutes = (l.lag_tenths / 10.0).round().clamp(-1.0e9, 1.0e9) as i64;
                let lag = match formats::unit(l.lag_format) {
                    Unit::Elapsed => Lag::Elapsed(minutes),
                    Unit::Percent { elapsed } => {
                        if elapsed {
                            self.note(
                                l.pos,
                                format!("{what} has an elapsed-percent lag; read as a percent lag"),
                            );
                        }
                        Lag::Percent(l.lag_tenths.round().clamp(-1.0e6, 1.0e6) as i32)
                    }
                    Unit::Working | Unit::Default => Lag::Working(WorkMinutes(minutes)),
                    Unit::Unknown => {
                        self.note(
                            l.pos,
                            format!(
                                "{what} has LagFormat {}; read as working time",
                                l.lag_format
                            ),
                        );
                        Lag::Working(WorkMinutes(minutes))
                    }
                };
                links.push(Link {
                    id: LinkId::derived(pred_id, r.task.id),
                    predecessor: pred_id,
                    successor: r.task.id,
                    kind,
                    lag,
                });
            }
        }
        links
    }

    fn skip_field(&mut self, pos: usize, uid: i64, field: &str, why: &str) {
        self.skip(
            SkipKind::Field,
            pos,
            format!("the 'Admiral {field}' field of task UID {uid} is left out: {why}"),
        );
    }

    /// One project per distinct 'Admiral project' name, in order of first use; tasks without
    /// one (and a file without the field) go to `default`, the project named after the file.
    fn split_projects(
        &mut self,
        tasks: &mut [Task],
        extras: &[TaskExtras],
        default: Project,
    ) -> Vec<Project> {
        let mut projects: Vec<Project> = Vec::new();
        let mut by_name: HashMap<String, usize> = HashMap::new();
        for (t, x) in tasks.iter_mut().zip(extras) {
            let named = match &x.project {
                Some((v, pos)) => match fields::parse_project(v) {
                    Ok(p) if !p.0.trim().is_empty() => Some((p, *pos)),
                    Ok(_) => {
                        self.skip_field(*pos, x.uid, "project", "the project has no name");
                        None
                    }
                    Err(e) => {
                        self.skip_field(*pos, x.uid, "project", &e);
                        None
                    }
                },
                None => None,
            };
            let (name, department, owner) = match &named {
                Some(((n, d, o), _)) => (n.clone(), d.clone(), o.clone()),
                None => (default.name.clone(), String::new(), String::new()),
            };
            let i = match by_name.get(&name) {
                Some(&i) => {
                    let p = &projects[i];
                    if let Some((_, pos)) = named {
                        if (p.department != department || p.owner != owner)
                            && !(department.is_empty() && owner.is_empty())
                        {
                            self.note(
                                pos,
                                format!(
                                    "task UID {} gives project '{name}' another department or \
                                     owner; the first one is kept",
                                    x.uid
                                ),
                            );
                        }
                    }
                    i
                }
                None => {
                    let i = projects.len();
                    projects.push(Project {
                        id: ProjectId::from_u128(self.make_id(b'P', i as u64)),
                        release_id: default.release_id,
                        name: name.clone(),
                        department,
                        owner,
                    });
                    by_name.insert(name, i);
                    i
                }
            };
            t.project_id = projects[i].id;
        }
        if projects.is_empty() {
            projects.push(default);
        }
        projects
    }

    /// A gate for each task with a readable 'Admiral gate' or 'Admiral gate criteria' field.
    fn read_gates(&mut self, tasks: &[Task], extras: &[TaskExtras]) -> Vec<Gate> {
        let mut gates = Vec::new();
        for (t, x) in tasks.iter().zip(extras) {
            let mut approvers = None;
            if let Some((v, pos)) = &x.gate {
                match fields::parse_gate(v) {
                    Ok((state, a)) => {
                        approvers = Some((a, state, *pos));
                    }
                    Err(e) => self.skip_field(*pos, x.uid, "gate", &e),
                }
            }
            let mut criteria = None;
            if let Some((v, pos)) = &x.criteria {
                match fields::parse_criteria(v) {
                    Ok(c) => criteria = Some(c),
                    Err(e) => self.skip_field(*pos, x.uid, "gate criteria", &e),
                }
            }
            if approvers.is_none() && criteria.is_none() {
                continue;
            }
            let gate = Gate {
                id: GateId::from_u128(self.make_id(b'G', x.uid as u64)),
                task_id: t.id,
                criteria: criteria.unwrap_or_default(),
                approvers: approvers.as_ref().map(|a| a.0.clone()).unwrap_or_default(),
            };
            if let Some((_, state, pos)) = approvers {
                if gate.state() != state {
                    self.note(
                        pos,
                        format!(
                            "gate task UID {} is marked {} but its decisions make it {}; \
                             the decisions are kept",
                            x.uid,
                            fields::decision_text(state),
                            fields::decision_text(gate.state())
                        ),
                    );
                }
            }
            gates.push(gate);
        }
        gates
    }

    /// A task's type (`Type`: 0 fixed units, 1 fixed duration, 2 fixed work), `EffortDriven`
    /// and `IgnoreResourceCalendar`.
    fn effort(&self, t: &Element, owner: &str) -> Result<Effort, InteropError> {
        let task_type = match self.int(t, "Type", owner)? {
            None | Some(0) => TaskType::FixedUnits,
            Some(1) => TaskType::FixedDuration,
            Some(2) => TaskType::FixedWork,
            Some(_) => return Err(self.bad(t, "Type", owner, "task type")),
        };
        Ok(Effort {
            task_type,
            effort_driven: self.flag(t, "EffortDriven", owner)?,
            ignore_resource_calendars: self.flag(t, "IgnoreResourceCalendar", owner)?,
        })
    }

    /// `FixedCost` (hundredths of the currency, as MSPDI keeps money) and
    /// `FixedCostAccrual` (MS Project's PjAccrueAt: 1 start, 2 end, 3 prorated; prorated,
    /// MS Project's default, when absent).
    fn fixed_cost(&self, t: &Element, owner: &str) -> Result<FixedCost, InteropError> {
        let amount = match self.float(t, "FixedCost", owner)? {
            Some(c) if c.is_finite() && c.abs() < 1e17 => Money(c.round() as i64),
            Some(_) => return Err(self.bad(t, "FixedCost", owner, "fixed cost")),
            None => Money(0),
        };
        let accrual = match self.int(t, "FixedCostAccrual", owner)? {
            Some(1) => Accrual::Start,
            Some(2) => Accrual::End,
            None | Some(3) => Accrual::Prorated,
            Some(_) => return Err(self.bad(t, "FixedCostAccrual", owner, "fixed cost accrual")),
        };
        Ok(FixedCost { amount, accrual })
    }

    // ---------------------------------------------------------------- resources

    fn read_resources(
        &mut self,
        el: &Element,
        cal_ids: &HashMap<i64, CalendarId>,
    ) -> Result<(Vec<Resource>, HashMap<i64, ResourceId>), InteropError> {
        let mut out = Vec::new();
        let mut ids = HashMap::new();
        for r in el.children("Resource") {
            let Some(uid) = self.int(r, "UID", "a resource")? else {
                self.skip(SkipKind::Resource, r.pos, "resource without a UID".into());
                continue;
            };
            let owner = format!("resource UID {uid}");
            if uid == 0 {
                self.skip(
                    SkipKind::Resource,
                    r.pos,
                    "resource UID 0 is MS Project's placeholder".into(),
                );
                continue;
            }
            if self.flag(r, "IsNull", &owner)? {
                self.skip(
                    SkipKind::Resource,
                    r.pos,
                    format!("resource UID {uid} is a null/blank row"),
                );
                continue;
            }
            let name = self
                .name_of(r, || format!("resource UID {uid}"))
                .unwrap_or_else(|| format!("Resource {uid}"));
            let kind = match self.int(r, "Type", &owner)?.unwrap_or(1) {
                1 => ResourceKind::Person,
                0 => {
                    self.note(
                        r.pos,
                        format!("material resource UID {uid} '{name}' is read as an environment"),
                    );
                    ResourceKind::Environment
                }
                2 => {
                    self.skip(
                        SkipKind::Resource,
                        r.pos,
                        format!("resource UID {uid} '{name}' is a cost resource"),
                    );
                    continue;
                }
                _ => return Err(self.bad(r, "Type", &owner, "resource type")),
            };
            if ids.contains_key(&uid) {
                self.skip(
                    SkipKind::Resource,
                    r.pos,
                    format!("resource UID {uid} appears twice"),
                );
                continue;
            }
            let rate = self.float(r, "StandardRate", &owner)?.unwrap_or(0.0);
            if rate < 0.0 {
                return Err(self.bad(r, "StandardRate", &owner, "(negative) rate"));
            }
            let max_units = self.float(r, "MaxUnits", &owner)?.unwrap_or(1.0);
            if max_units < 0.0 {
                return Err(self.bad(r, "MaxUnits", &owner, "(negative) max units"));
            }
            let calendar_id = self
                .int(r, "CalendarUID", &owner)?
                .and_then(|c| cal_ids.get(&c).copied());
            let id = ResourceId::from_u128(self.make_id(b'S', uid as u64));
            ids.insert(uid, id);
            out.push(Resource {
                id,
                name,
                kind,
                cost_rate: Money((rate * 100.0).round().min(9.0e15) as i64),
                max_units,
                calendar_id,
            });
        }
        Ok((out, ids))
    }

    fn read_assignments(
        &mut self,
        el: &Element,
        task_ids: &HashMap<i64, TaskId>,
        res_ids: &HashMap<i64, ResourceId>,
    ) -> Result<(Vec<Assignment>, Vec<Edited>), InteropError> {
        let mut out = Vec::new();
        let mut edited = Vec::new();
        for a in el.children("Assignment") {
            let uid = self.int(a, "UID", "an assignment")?;
            let owner = match uid {
                Some(u) => format!("assignment UID {u}"),
                None => "an assignment".to_string(),
            };
            let task = self.int(a, "TaskUID", &owner)?;
            let res = self.int(a, "ResourceUID", &owner)?;
            let (Some(task), Some(res)) = (task, res) else {
                self.skip(
                    SkipKind::Assignment,
                    a.pos,
                    format!("{owner} names no task or no resource"),
                );
                continue;
            };
            if res == -65535 {
                self.skip(
                    SkipKind::Assignment,
                    a.pos,
                    format!("{owner} of task UID {task} has no resource (-65535)"),
                );
                continue;
            }
            let Some(&task_id) = task_ids.get(&task) else {
                self.skip(
                    SkipKind::Assignment,
                    a.pos,
                    format!("{owner}: task UID {task} is not imported"),
                );
                continue;
            };
            let Some(&resource_id) = res_ids.get(&res) else {
                self.skip(
                    SkipKind::Assignment,
                    a.pos,
                    format!("{owner}: resource UID {res} is not imported"),
                );
                continue;
            };
            let units = self.float(a, "Units", &owner)?.unwrap_or(1.0);
            if units <= 0.0 {
                self.skip(
                    SkipKind::Assignment,
                    a.pos,
                    format!("{owner} has units {units}"),
                );
                continue;
            }
            let work = match a.text_of("Work") {
                Some(w) => match formats::parse_duration_minutes(w) {
                    Some(m) if m >= 0 => Some(WorkMinutes(m)),
                    _ => return Err(self.bad(a, "Work", &owner, "work")),
                },
                None => None,
            };
            let number = self.int(a, "WorkContour", &owner)?.unwrap_or(0);
            let key = uid.map_or_else(
                || fnv64(&[task.to_le_bytes(), res.to_le_bytes()].concat()),
                |u| u as u64,
            );
            let id = AssignmentId::from_u128(self.make_id(b'A', key));
            let contour = match WorkContour::from_mspdi_pattern(number) {
                Some(c) => c,
                None => {
                    // Work edited period by period ("Contoured", 8): it keeps the length
                    // MS Project saved, from its start to its finish.
                    let start = self.date(a, "Start", &owner)?;
                    let finish = self.date(a, "Finish", &owner)?;
                    match (number, start, finish) {
                        (8, Some(start), Some(finish)) => {
                            edited.push(Edited { id, start, finish });
                            WorkContour::Contoured {
                                span: WorkMinutes(0),
                            }
                        }
                        _ => {
                            self.note(
                                a.pos,
                                format!("{owner} of task UID {task} has work contour {number} without a start and finish (or one MS Project does not define): its work is spread flat"),
                            );
                            WorkContour::Flat
                        }
                    }
                }
            };
            out.push(Assignment {
                id,
                task_id,
                resource_id,
                units,
                work,
                contour,
            });
        }
        // Assignment UIDs may be missing on some and present on others: keep ids unique.
        let mut seen = HashSet::new();
        out.retain(|a| seen.insert(a.id));
        Ok((out, edited))
    }
}

/// An assignment whose work MS Project's user edited ("Contoured"), with the start and
/// finish MS Project saved for it.
struct Edited {
    id: AssignmentId,
    start: NaiveDateTime,
    finish: NaiveDateTime,
}

/// Gives each edited contour its span: the working minutes from its start to its finish on
/// the calendar it works on (`effort::assignment_calendar`, as the scheduler resolves it).
fn contoured_spans(plan: &mut Plan, edited: &[Edited]) {
    if edited.is_empty() {
        return;
    }
    // Each assignment's position, looked up once: a search per edited contour was quadratic.
    let at: HashMap<AssignmentId, usize> = (plan.assignments.iter().enumerate())
        .map(|(k, a)| (a.id, k))
        .collect();
    for e in edited {
        let Some(&k) = at.get(&e.id) else {
            continue;
        };
        let cal = admiral_core::effort::assignment_calendar(
            plan,
            &plan.assignments[k],
            e.start.date(),
            e.finish.date(),
        );
        plan.assignments[k].contour = WorkContour::Contoured {
            span: WorkMinutes(cal.working_minutes_between(e.start, e.finish)),
        };
    }
}

/// The parts of a base calendar's exception that fall on weekdays the derived calendar
/// inherits (a weekday the derived calendar defines itself is not touched by the base's
/// exceptions, as in MS Project).
fn restrict(e: CalendarException, inherited: [bool; 7]) -> Vec<CalendarException> {
    if inherited.iter().all(|&b| b) {
        return vec![e];
    }
    if inherited.iter().all(|&b| !b) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut run: Option<(NaiveDate, NaiveDate)> = None;
    let mut day = e.start;
    // Bounded: exceptions longer than a century are kept whole.
    if (e.finish - e.start).num_days() > 36_600 {
        return vec![e];
    }
    loop {
        let keep = inherited[day.weekday().num_days_from_monday() as usize];
        run = match (run, keep) {
            (Some((s, _)), true) => Some((s, day)),
            (None, true) => Some((day, day)),
            (Some((s, f)), false) => {
                out.push(CalendarException {
                    start: s,
                    finish: f,
                    ..e.clone()
                });
                None
            }
            (None, false) => None,
        };
        if day >= e.finish {
            break;
        }
        match day.succ_opt() {
            Some(d) => day = d,
            None => break,
        }
    }
    if let Some((s, f)) = run {
        out.push(CalendarException {
            start: s,
            finish: f,
            ..e
        });
    }
    out
}

/// "link P → S", as a skip or a note names a link (predecessor UID, successor UID).
struct LinkName {
    pred: i64,
    succ: i64,
}

impl std::fmt::Display for LinkName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "link {} → {}", self.pred, self.succ)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        /// Where the `<Task>` elements are split between two threads, whatever their number.
        pub(super) static SPLIT_TASKS_AT: std::cell::Cell<Option<usize>> =
            const { std::cell::Cell::new(None) };
    }

    /// `xml` read with its tasks split at `at` (`None`: on one thread).
    fn read_split(xml: &str, at: Option<usize>) -> Result<MspdiImport, String> {
        SPLIT_TASKS_AT.with(|s| s.set(at));
        let read = read_mspdi(xml, "R").map_err(|e| e.to_string());
        SPLIT_TASKS_AT.with(|s| s.set(None));
        read
    }

    /// Tasks read on two threads give the plan and the report that one thread gives, in the
    /// same order, wherever the split falls: skips, notes and repeated UIDs in either half,
    /// and a repeat whose first is in the other half.
    #[test]
    fn tasks_read_on_two_threads_as_on_one() {
        let named = |uid: i64, name: &str, extra: &str| {
            format!(
                "<Task><UID>{uid}</UID><ID>{uid}</ID><Name>{name}</Name>\
                 <Duration>PT8H0M0S</Duration>{extra}</Task>"
            )
        };
        let t = |uid: i64, extra: &str| named(uid, &format!("T{uid}"), extra);
        let tasks = [
            t(0, "<Summary>1</Summary>"),
            t(1, "<Estimated>1</Estimated>"),
            t(2, "<IsNull>1</IsNull>"),
            t(3, "<Manual>1</Manual><PredecessorLink><PredecessorUID>1</PredecessorUID></PredecessorLink>"),
            t(4, "<ConstraintType>4</ConstraintType><Estimated>1</Estimated>"),
            t(5, "<Active>0</Active>"),
            named(3, "again", ""),
            t(6, "<DurationFormat>99</DurationFormat><PredecessorLink><PredecessorUID>5</PredecessorUID></PredecessorLink>"),
            named(7, "a&#10;b", "<PredecessorLink><PredecessorUID>9</PredecessorUID></PredecessorLink>"),
            t(1, "<Estimated>1</Estimated>"),
            t(8, "<ExternalTask>1</ExternalTask>"),
            t(9, "<PredecessorLink><PredecessorUID>4</PredecessorUID><Type>1</Type></PredecessorLink>"),
            named(1, "thrice", ""),
        ]
        .join("\n");
        let xml = doc(&format!("<Tasks>\n{tasks}\n</Tasks>"));
        let one = read_split(&xml, None).unwrap();
        let names: Vec<&str> = one.plan.tasks.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(
            names,
            ["T1", "T3", "T4", "T6", "a b", "T9"],
            "the first of a UID is kept"
        );
        let (skipped, notes) = (&one.report.skipped, &one.report.notes);
        assert!(
            skipped.len() == 8 && notes.len() == 5,
            "{skipped:?} {notes:?}"
        );
        for at in 0..=14 {
            assert_eq!(
                read_split(&xml, Some(at)).as_ref(),
                Ok(&one),
                "split at {at}"
            );
        }
        // The first error in file order is the one given, whichever half it is in.
        let bad = |uid: i64| format!("<Task><UID>{uid}</UID><Duration>soon</Duration></Task>");
        let xml = doc(&format!(
            "<Tasks>{}{}{}{}</Tasks>",
            t(1, ""),
            bad(2),
            t(3, ""),
            bad(4)
        ));
        let one = read_split(&xml, None).unwrap_err();
        assert!(one.contains("task UID 2"), "{one}");
        for at in 0..=5 {
            assert_eq!(
                read_split(&xml, Some(at)).unwrap_err(),
                one,
                "split at {at}"
            );
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        /// Any list of tasks, split anywhere, reads as on one thread: UIDs from a small range
        /// (so that they repeat, within a half and across), each task one of the kinds a
        /// file leaves out, notes or refuses, and links to any of them.
        #[test]
        fn any_tasks_read_on_two_threads_as_on_one(
            tasks in proptest::collection::vec((0i64..12, 0usize..9, 0i64..12), 0..40),
            at in 0usize..42,
        ) {
            let kinds = [
                "",
                "<IsNull>1</IsNull>",
                "<Active>0</Active>",
                "<ExternalTask>1</ExternalTask>",
                "<Estimated>1</Estimated>",
                "<Manual>1</Manual>",
                "<ConstraintType>4</ConstraintType>",
                "<Duration>soon</Duration>",
                "<Name>a&#10;b</Name>",
            ];
            let body: String = tasks
                .iter()
                .map(|&(uid, kind, pred)| {
                    format!(
                        "<Task><UID>{uid}</UID><ID>{uid}</ID>{}<Duration>PT8H0M0S</Duration>\
                         <PredecessorLink><PredecessorUID>{pred}</PredecessorUID></PredecessorLink>\
                         </Task>\n",
                        kinds[kind]
                    )
                })
                .collect();
            let xml = doc(&format!("<Tasks>\n{body}</Tasks>"));
            let one = read_split(&xml, None);
            proptest::prop_assert_eq!(read_split(&xml, Some(at.min(tasks.len()))), one);
        }
    }

    fn doc(body: &str) -> String {
        format!(
            "<?xml version=\"1.0\"?>\n<Project xmlns=\"http://schemas.microsoft.com/project\">\
             <StartDate>2024-01-01T08:00:00</StartDate><StatusDate>2024-01-10T17:00:00</StatusDate>\
             <CalendarUID>1</CalendarUID>{body}</Project>"
        )
    }

    const CALS: &str = "<Calendars><Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar>\
        <WeekDays><WeekDay><DayType>1</DayType><DayWorking>0</DayWorking></WeekDay>\
        <WeekDay><DayType>0</DayType><DayWorking>0</DayWorking><TimePeriod><FromDate>2024-01-05T00:00:00</FromDate><ToDate>2024-01-05T23:59:00</ToDate></TimePeriod></WeekDay>\
        </WeekDays>\
        <Exceptions><Exception><TimePeriod><FromDate>2024-12-24T00:00:00</FromDate><ToDate>2024-12-26T23:59:00</ToDate></TimePeriod>\
        <Name>Xmas</Name><Type>1</Type><DayWorking>0</DayWorking></Exception>\
        <Exception><TimePeriod><FromDate>2024-12-31T00:00:00</FromDate><ToDate>2024-12-31T23:59:00</ToDate></TimePeriod>\
        <Name>Short</Name><Type>1</Type><DayWorking>1</DayWorking><WorkingTimes><WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime></WorkingTimes></Exception></Exceptions>\
        <WorkWeeks><WorkWeek><Name>Summer</Name></WorkWeek></WorkWeeks></Calendar>\
        <Calendar><UID>2</UID><Name>Res</Name><IsBaseCalendar>0</IsBaseCalendar><BaseCalendarUID>1</BaseCalendarUID>\
        <WeekDays><WeekDay><DayType>4</DayType><DayWorking>0</DayWorking></WeekDay></WeekDays></Calendar></Calendars>";

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// A name with a line break or an escape (which a typed name cannot hold) is read on one
    /// line, and the report says so, with the line of the name.
    #[test]
    fn names_are_read_on_one_line() {
        let xml = doc(
            "<Tasks><Task><UID>1</UID><ID>1</ID><Name>Build&#13;&#10;and\ttest</Name>\
             <Duration>PT8H0M0S</Duration></Task>\
             <Task><UID>2</UID><ID>2</ID><Name>Ship</Name><Duration>PT8H0M0S</Duration></Task></Tasks>\
             <Resources><Resource><UID>1</UID><Name>Anna&#x1b;[2J</Name></Resource></Resources>",
        );
        let r = read_mspdi(&xml, "R").unwrap();
        let names: Vec<&str> = r.plan.tasks.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["Build and test", "Ship"]);
        assert_eq!(r.plan.resources[0].name, "Anna [2J");
        let notes: Vec<&String> = r
            .report
            .notes
            .iter()
            .filter(|n| n.contains("one line"))
            .collect();
        assert_eq!(notes.len(), 2, "{:?}", r.report.notes);
        assert!(
            notes[0].starts_with("line 2: the name of task UID 1 holds a line break")
                && notes[0].ends_with("'Build and test'"),
            "{notes:?}"
        );
        assert!(notes[1].contains("resource UID 1"), "{notes:?}");
    }

    #[test]
    fn manual_tasks_keep_their_start_and_text_dates() {
        let task = |uid: u32, extra: &str| {
            format!(
                "<Task><UID>{uid}</UID><ID>{uid}</ID><Name>T{uid}</Name><OutlineLevel>1</OutlineLevel>\
                 <Duration>PT8H0M0S</Duration>{extra}</Task>"
            )
        };
        let xml = doc(&format!(
            "<Tasks>{}{}{}{}</Tasks>",
            task(1, "<Manual>0</Manual><Start>2024-01-03T08:00:00</Start>"),
            task(2, "<Manual>1</Manual><Start>2024-01-03T08:00:00</Start><ManualStart>2024-01-04T13:00:00</ManualStart>"),
            task(3, "<Manual>1</Manual><StartText></StartText><Start>2024-01-05T08:00:00</Start>"),
            task(4, "<Manual>1</Manual>"),
        ));
        let r = read_mspdi(&xml, "R").unwrap();
        let modes: Vec<TaskMode> = r.plan.tasks.iter().map(|t| t.mode).collect();
        let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap();
        assert_eq!(
            modes,
            [
                TaskMode::Auto,
                TaskMode::Manual {
                    start: at("2024-01-04T13:00"),
                    text_dates: false
                },
                TaskMode::Manual {
                    start: at("2024-01-05T08:00"),
                    text_dates: true
                },
                TaskMode::Auto,
            ]
        );
        assert!(r
            .report
            .to_string()
            .contains("task UID 4 is manually scheduled but has no <Start>"));
    }

    #[test]
    fn exceptions_defaults_and_inheritance() {
        let imp = read_mspdi(&doc(CALS), "R").unwrap();
        let plan = &imp.plan;
        assert_eq!(
            plan.settings.status_date.unwrap().to_string(),
            "2024-01-10 17:00:00"
        );
        let std = &plan.calendars[0];
        // Missing weekdays of a base calendar get MS Project's default week.
        assert_eq!(std.week[0], standard_day());
        assert!(std.week[5].is_empty());
        // <Exceptions> wins over the DayType 0 entries that repeat it.
        assert_eq!(std.exceptions.len(), 2);
        assert_eq!(std.minutes_on(d(2024, 12, 25)), 0);
        assert_eq!(std.minutes_on(d(2024, 12, 31)), 240);
        assert_eq!(std.minutes_on(d(2024, 1, 5)), 480);
        assert_eq!(imp.report.skipped_count(SkipKind::CalendarPart), 1); // the work week
                                                                         // The derived calendar: Wednesday off, base exceptions only on inherited weekdays
                                                                         // (2024-12-25 is a Wednesday, which it defines itself).
        let res = &plan.calendars[1];
        assert!(res.week[2].is_empty());
        assert_eq!(res.week[1], standard_day());
        assert_eq!(res.minutes_on(d(2024, 12, 24)), 0);
        assert_eq!(res.minutes_on(d(2024, 12, 26)), 0);
        assert_eq!(res.minutes_on(d(2024, 12, 31)), 240);
        assert!(res
            .exceptions
            .iter()
            .all(|e| e.start.weekday() != chrono::Weekday::Wed));
    }

    #[test]
    fn day_type_zero_exceptions_without_exceptions_element() {
        let cals = "<Calendars><Calendar><UID>1</UID><Name>S</Name><IsBaseCalendar>1</IsBaseCalendar><WeekDays>\
            <WeekDay><DayType>0</DayType><DayWorking>0</DayWorking><TimePeriod><FromDate>2024-01-05T00:00:00</FromDate><ToDate>2024-01-08T23:59:00</ToDate></TimePeriod></WeekDay>\
            </WeekDays></Calendar></Calendars>";
        let plan = read_mspdi(&doc(cals), "R").unwrap().plan;
        let c = &plan.calendars[0];
        assert_eq!(c.exceptions.len(), 1);
        assert_eq!(c.minutes_on(d(2024, 1, 8)), 0);
        assert_eq!(c.minutes_on(d(2024, 1, 9)), 480);
    }

    fn task(uid: i64, links: &str) -> String {
        format!(
            "<Task><UID>{uid}</UID><ID>{uid}</ID><Name>T{uid}</Name><OutlineLevel>1</OutlineLevel>\
             <Duration>PT8H0M0S</Duration><DurationFormat>7</DurationFormat>\
             <ConstraintType>7</ConstraintType><ConstraintDate>2024-02-01T17:00:00</ConstraintDate>\
             <Deadline>2024-03-01T17:00:00</Deadline><CalendarUID>1</CalendarUID>\
             <ActualStart>2024-01-01T08:00:00</ActualStart><PercentComplete>50</PercentComplete>{links}</Task>"
        )
    }

    fn link(pred: i64, ty: i64, lag: i64, fmt: i64) -> String {
        format!(
            "<PredecessorLink><PredecessorUID>{pred}</PredecessorUID><Type>{ty}</Type>\
             <CrossProject>0</CrossProject><LinkLag>{lag}</LinkLag><LagFormat>{fmt}</LagFormat></PredecessorLink>"
        )
    }

    #[test]
    fn lags_fields_and_skipped_links() {
        let tasks = format!(
            "<Tasks>{}{}{}</Tasks>",
            task(1, ""),
            task(2, &(link(1, 1, 14400, 8) + &link(99, 1, 0, 7))),
            task(
                3,
                &(link(1, 3, 50, 19) + &link(2, 0, -4800, 7) + &link(3, 1, 0, 7))
            ),
        );
        let imp = read_mspdi(&doc(&format!("{CALS}{tasks}")), "Release 2024.1").unwrap();
        let plan = &imp.plan;
        assert_eq!(plan.releases[0].code, "RELEASE-2024.1");
        assert_eq!(plan.links.len(), 3);
        assert_eq!(plan.links[0].lag, Lag::Elapsed(1440));
        assert_eq!(plan.links[1].lag, Lag::Percent(50));
        assert_eq!(plan.links[1].kind, LinkType::SS);
        assert_eq!(plan.links[2].lag, Lag::Working(WorkMinutes(-480)));
        assert_eq!(plan.links[2].kind, LinkType::FF);
        let reasons: Vec<&str> = imp
            .report
            .skipped
            .iter()
            .map(|s| s.reason.as_str())
            .collect();
        assert!(
            reasons.iter().any(|r| r.contains("link to unknown UID 99")),
            "{reasons:?}"
        );
        assert!(
            reasons.iter().any(|r| r.contains("to itself")),
            "{reasons:?}"
        );
        let t = &plan.tasks[0];
        assert!(matches!(t.constraint, Constraint::Fnlt(_)));
        assert!(t.deadline.is_some());
        assert_eq!(t.calendar_id, Some(plan.calendars[0].id));
        assert_eq!(t.progress.percent_complete, 50);
        assert!(t.progress.actual_start.is_some());
    }

    #[test]
    fn colliding_ids_are_renumbered_and_levels_repaired() {
        let tasks = "<Tasks>\
            <Task><UID>5</UID><ID>1</ID><OutlineLevel>2</OutlineLevel></Task>\
            <Task><UID>6</UID><ID>1</ID><OutlineLevel>4</OutlineLevel></Task></Tasks>";
        let imp = read_mspdi(&doc(tasks), "R").unwrap();
        let nums: Vec<(u32, u16, Option<i64>)> = imp
            .plan
            .tasks
            .iter()
            .map(|t| (t.number.0, t.outline_level, t.external_uid))
            .collect();
        assert_eq!(nums, vec![(1, 1, Some(5)), (2, 2, Some(6))]);
        assert!(imp.report.notes.iter().any(|n| n.contains("renumbered")));
    }

    #[test]
    fn missing_start_date_is_an_error() {
        let e = read_mspdi(
            "<Project xmlns=\"http://schemas.microsoft.com/project\"></Project>",
            "R",
        )
        .unwrap_err();
        assert!(e.to_string().contains("StartDate"), "{e}");
    }

    #[test]
    fn release_codes() {
        assert_eq!(release_code("2027.1 Spring"), "2027.1-SPRING");
        assert_eq!(release_code("  "), "R1");
    }
}
