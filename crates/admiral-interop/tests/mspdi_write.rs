//! MSPDI export: import → export → import gives the same plan and the same schedule, for
//! every MS Project fixture and for the demo plan.

use admiral_core::schedule::{schedule, Schedule, ScheduleOptions};
use admiral_core::*;
use admiral_interop::{read_mspdi, read_mspdi_file, write_mspdi, MspdiImport};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

fn fixtures() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/mspdi");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    v.sort();
    assert!(v.len() >= 9);
    v
}

fn export(plan: &Plan, with_schedule: bool) -> String {
    let s = with_schedule.then(|| schedule(plan, &ScheduleOptions::default()).unwrap());
    let e = write_mspdi(plan, s.as_ref()).unwrap();
    String::from_utf8(e.bytes).unwrap()
}

fn reimport(plan: &Plan, with_schedule: bool) -> MspdiImport {
    let xml = export(plan, with_schedule);
    read_mspdi(&xml, "R1").unwrap_or_else(|e| panic!("{e}\n{}", &xml[..xml.len().min(3000)]))
}

/// A task as compared across formats, keyed by a caller-chosen key.
#[derive(Debug, PartialEq)]
struct T {
    number: u32,
    name: String,
    level: u16,
    milestone: bool,
    duration: Duration,
    constraint: Constraint,
    deadline: Option<chrono::NaiveDateTime>,
    calendar: Option<String>,
    notes: String,
    progress: Progress,
}

fn tasks(p: &Plan, key: impl Fn(&Task) -> i64) -> BTreeMap<i64, T> {
    let cal: HashMap<CalendarId, &str> = p
        .calendars
        .iter()
        .map(|c| (c.id, c.name.as_str()))
        .collect();
    p.tasks
        .iter()
        .map(|t| {
            (
                key(t),
                T {
                    number: t.number.0,
                    name: t.name.clone(),
                    level: t.outline_level,
                    milestone: t.is_milestone(),
                    duration: t.duration,
                    constraint: t.constraint,
                    deadline: t.deadline,
                    calendar: t.calendar_id.map(|c| cal[&c].to_string()),
                    notes: t.notes.clone(),
                    progress: t.progress,
                },
            )
        })
        .collect()
}

fn links(p: &Plan, key: impl Fn(&Task) -> i64) -> BTreeSet<(i64, i64, String, String)> {
    let k: HashMap<TaskId, i64> = p.tasks.iter().map(|t| (t.id, key(t))).collect();
    p.links
        .iter()
        .map(|l| {
            (
                k[&l.predecessor],
                k[&l.successor],
                format!("{:?}", l.kind),
                format!("{:?}", l.lag),
            )
        })
        .collect()
}

fn calendars(p: &Plan) -> BTreeMap<String, Calendar> {
    p.calendars
        .iter()
        .map(|c| {
            let mut c = c.clone();
            c.id = CalendarId::from_u128(0);
            (c.name.clone(), c)
        })
        .collect()
}

/// Every task's dates, floats and critical flag, to the minute.
fn dates(p: &Plan, s: &Schedule, key: impl Fn(&Task) -> i64) -> BTreeMap<i64, String> {
    p.tasks
        .iter()
        .zip(&s.tasks)
        .map(|(t, s)| {
            assert_eq!(t.id, s.task_id);
            (
                key(t),
                format!(
                    "{} {} | ES {} EF {} LS {} LF {} | TF {} FF {} crit {}",
                    s.start,
                    s.finish,
                    s.early_start,
                    s.early_finish,
                    s.late_start,
                    s.late_finish,
                    s.total_float.0,
                    s.free_float.0,
                    s.critical
                ),
            )
        })
        .collect()
}

fn uid(t: &Task) -> i64 {
    t.external_uid.unwrap()
}

#[test]
fn every_fixture_round_trips_with_the_same_plan_and_schedule() {
    for path in fixtures() {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let a = read_mspdi_file(&path, "R1").unwrap();
        let b = reimport(&a.plan, true);
        let (pa, pb) = (&a.plan, &b.plan);
        assert_eq!(tasks(pa, uid), tasks(pb, uid), "{name}: tasks");
        assert_eq!(links(pa, uid), links(pb, uid), "{name}: links");
        assert_eq!(calendars(pa), calendars(pb), "{name}: calendars");
        assert_eq!(pa.releases[0].start, pb.releases[0].start, "{name}: start");
        assert_eq!(pa.settings.status_date, pb.settings.status_date, "{name}");
        assert_eq!(
            pa.projects[0].name, pb.projects[0].name,
            "{name}: project name"
        );
        let res = |p: &Plan| -> Vec<(String, Money, String)> {
            p.resources
                .iter()
                .map(|r| (r.name.clone(), r.cost_rate, format!("{:.2}", r.max_units)))
                .collect()
        };
        assert_eq!(res(pa), res(pb), "{name}: resources");
        assert_eq!(
            pa.assignments.len(),
            pb.assignments.len(),
            "{name}: assignments"
        );
        let cal_a = pa.releases[0].calendar_id.map(|c| {
            pa.calendars
                .iter()
                .find(|x| x.id == c)
                .unwrap()
                .name
                .clone()
        });
        let cal_b = pb.releases[0].calendar_id.map(|c| {
            pb.calendars
                .iter()
                .find(|x| x.id == c)
                .unwrap()
                .name
                .clone()
        });
        assert_eq!(cal_a, cal_b, "{name}: project calendar");
        let sa = schedule(pa, &ScheduleOptions::default()).unwrap();
        let sb = schedule(pb, &ScheduleOptions::default()).unwrap();
        assert_eq!(dates(pa, &sa, uid), dates(pb, &sb, uid), "{name}: schedule");
        // A second round changes nothing at all.
        let c = reimport(pb, false);
        assert_eq!(pb, &c.plan, "{name}: second round trip");
    }
}

#[test]
fn demo_plan_round_trips_with_the_same_tasks_links_and_schedule() {
    let demo = demo::demo_plan();
    let export = write_mspdi(
        &demo,
        Some(&schedule(&demo, &ScheduleOptions::default()).unwrap()),
    )
    .unwrap();
    let report = export.report.to_string();
    for word in ["risks", "gate criteria", "Admiral gate", "blackout"] {
        assert!(
            report.contains(word),
            "the report mentions {word}: {report}"
        );
    }
    let xml = String::from_utf8(export.bytes).unwrap();
    assert!(xml.contains("<Project xmlns=\"http://schemas.microsoft.com/project\">"));
    assert!(xml.contains("<MinutesPerDay>480</MinutesPerDay>"));
    assert!(xml.contains("<Alias>Admiral gate</Alias>"));
    assert!(xml.contains("Małgorzata Wiśniewska (Security officer): rejected"));
    let a = read_mspdi(&xml, "R1").unwrap();
    assert!(
        a.report.skipped.iter().all(|s| s.reason.contains("UID 0")),
        "only the project summary row is skipped: {}",
        a.report
    );
    let num = |t: &Task| i64::from(t.number.0);
    let mut want = tasks(&demo, num);
    let got = tasks(&a.plan, num);
    // Deployment tasks of a release with blackouts run on a derived blackout calendar.
    for (k, t) in want.iter_mut() {
        let g = &got[k];
        if g.calendar
            .as_deref()
            .is_some_and(|c| c.contains("blackouts"))
        {
            t.calendar = g.calendar.clone();
        }
    }
    assert_eq!(want, got);
    assert_eq!(links(&demo, num), links(&a.plan, num));
    let (ca, cb) = (calendars(&demo), calendars(&a.plan));
    for (name, c) in &ca {
        assert_eq!(Some(c), cb.get(name), "calendar {name}");
    }
    let sd = schedule(&demo, &ScheduleOptions::default()).unwrap();
    let sa = schedule(&a.plan, &ScheduleOptions::default()).unwrap();
    assert_eq!(dates(&demo, &sd, num), dates(&a.plan, &sa, num));
    // Exported again: the same plan, ids included.
    let b = reimport(&a.plan, true);
    assert_eq!(a.plan, b.plan);
}

#[test]
fn export_without_a_schedule_and_of_an_empty_plan() {
    let xml = export(&Plan::default(), false);
    assert!(xml.contains("<Tasks>"));
    let demo = demo::demo_plan();
    let xml = export(&demo, false);
    assert!(!xml.contains("<EarlyStart>"));
    read_mspdi(&xml, "R").unwrap();
}
