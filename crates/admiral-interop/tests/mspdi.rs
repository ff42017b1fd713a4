//! The MSPDI reader against real MS Project files (MPXJ's test data, see
//! tests/fixtures/README.md) and their MS Project-computed expectations.

use admiral_core::calendar::WorkingTime;
use admiral_core::*;
use admiral_interop::{read_mspdi, read_mspdi_file, InteropError, SkipKind};
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

const FIXTURES: [&str; 9] = [
    "mpxj__mspdiduration",
    "mpxj__mspdinulltasks",
    "mpxj__mspdirelations",
    "mpxj__sample",
    "mpxj__task-durations-project2013-mspdi",
    "mpxj__task-links-project2003-mspdi",
    "mpxj__task-links-project2007-mspdi",
    "mpxj__task-links-project2010-mspdi",
    "mpxj__task-links-project2013-mspdi",
];

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/mspdi")
}

/// The expected CSV as maps of column → value (no field there holds a comma or a quote).
fn expected(name: &str) -> Vec<HashMap<String, String>> {
    let text = std::fs::read_to_string(dir().join(format!("{name}.expected.csv"))).unwrap();
    let mut lines = text.lines();
    let header: Vec<String> = lines.next().unwrap().split(',').map(String::from).collect();
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            assert_eq!(cells.len(), header.len(), "{name}: {l}");
            header
                .iter()
                .cloned()
                .zip(cells.into_iter().map(String::from))
                .collect()
        })
        .collect()
}

fn read(name: &str) -> admiral_interop::MspdiImport {
    read_mspdi_file(dir().join(format!("{name}.xml")), "R1")
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn minutes(s: &str) -> i64 {
    s.parse::<f64>().unwrap().round() as i64
}

#[test]
fn every_fixture_matches_ms_projects_tasks_durations_and_links() {
    for name in FIXTURES {
        let imp = read(name);
        let plan = &imp.plan;
        plan.validate().unwrap();
        let rows = expected(name);
        assert_eq!(plan.tasks.len(), rows.len(), "{name}: task count");
        assert_eq!(imp.report.tasks, rows.len());
        let by_uid: HashMap<i64, &Task> = plan
            .tasks
            .iter()
            .map(|t| (t.external_uid.unwrap(), t))
            .collect();
        let uid_of: HashMap<TaskId, i64> = plan
            .tasks
            .iter()
            .map(|t| (t.id, t.external_uid.unwrap()))
            .collect();
        let mut total_links = 0;
        for row in &rows {
            let uid: i64 = row["uid"].parse().unwrap();
            let t = by_uid[&uid];
            let ctx = format!("{name} task UID {uid}");
            assert_eq!(t.number.0.to_string(), row["id"], "{ctx}: number");
            assert_eq!(t.name, row["name"], "{ctx}: name");
            assert_eq!(t.outline_level.to_string(), row["outline_level"], "{ctx}");
            assert_eq!(
                t.is_milestone(),
                row["milestone"] == "1",
                "{ctx}: milestone"
            );
            assert_eq!(t.duration.minutes(), minutes(&row["duration_min"]), "{ctx}");
            let elapsed = matches!(
                row["duration_format"].as_str(),
                "4" | "6" | "8" | "10" | "12"
            );
            assert_eq!(
                matches!(t.duration, Duration::Elapsed(_)),
                elapsed,
                "{ctx}: elapsed"
            );
            let constraint = match (row["constraint_type"].as_str(), t.constraint) {
                ("0", Constraint::Asap) => true,
                ("4", Constraint::Snet(d)) => {
                    d.format("%Y-%m-%dT%H:%M:%S").to_string() == row["constraint_date"]
                }
                _ => false,
            };
            assert!(constraint, "{ctx}: constraint {:?}", t.constraint);
            let cal = row["calendar_uid"].as_str();
            assert_eq!(t.calendar_id.is_none(), cal == "-1", "{ctx}: calendar");

            // preds: "predUID:TYPE:lag_min:LagFormat" separated by ';' (or blank).
            let want: BTreeSet<(i64, String, i64, String)> = row["preds"]
                .split(';')
                .filter(|p| !p.is_empty())
                .map(|p| {
                    let f: Vec<&str> = p.split(':').collect();
                    (
                        f[0].parse().unwrap(),
                        f[1].to_string(),
                        minutes(f[2]),
                        f[3].to_string(),
                    )
                })
                .collect();
            let got: BTreeSet<(i64, String, i64, String)> = plan
                .links
                .iter()
                .filter(|l| l.successor == t.id)
                .map(|l| {
                    let (lag, fmt) = match l.lag {
                        Lag::Working(m) => (m.0, "working"),
                        Lag::Elapsed(m) => (m, "elapsed"),
                        Lag::Percent(p) => (i64::from(p), "percent"),
                    };
                    (
                        uid_of[&l.predecessor],
                        format!("{:?}", l.kind),
                        lag,
                        fmt.to_string(),
                    )
                })
                .collect();
            let want_cmp: BTreeSet<(i64, String, i64, String)> = want
                .iter()
                .map(|(u, k, m, f)| {
                    let fmt = match f.as_str() {
                        "4" | "6" | "8" | "10" | "12" => "elapsed",
                        "19" | "20" => "percent",
                        _ => "working",
                    };
                    (*u, k.clone(), *m, fmt.to_string())
                })
                .collect();
            assert_eq!(got, want_cmp, "{ctx}: links");
            total_links += want.len();
        }
        assert_eq!(plan.links.len(), total_links, "{name}: link count");
        assert_eq!(imp.report.links, total_links);

        // One release starting at the project start, on the project calendar.
        assert_eq!(plan.releases.len(), 1);
        assert_eq!(plan.projects.len(), 1);
        assert!(plan.settings.default_calendar.is_some());
        assert_eq!(plan.releases[0].calendar_id, plan.settings.default_calendar);

        // Deterministic: importing twice gives equal plans.
        assert_eq!(read(name), imp, "{name}: not deterministic");
    }
}

#[test]
fn sample_has_night_shift_and_derived_resource_calendars() {
    let imp = read("mpxj__sample");
    let plan = &imp.plan;
    assert_eq!(imp.report.project_name, "sample");
    assert_eq!(plan.projects[0].name, "sample");
    assert_eq!(plan.releases[0].start.to_string(), "2003-01-07 08:00:00");
    assert_eq!(plan.calendars.len(), 4);
    let cal = |n: &str| plan.calendars.iter().find(|c| c.name == n).unwrap();
    let std_day = vec![WorkingTime::hm(8, 0, 12, 0), WorkingTime::hm(13, 0, 17, 0)];
    let standard = cal("Standard");
    assert_eq!(plan.settings.default_calendar, Some(standard.id));
    assert_eq!(standard.week[0], std_day);
    assert!(standard.week[5].is_empty() && standard.week[6].is_empty());

    let night = cal("Night Shift");
    let late = WorkingTime::hm(23, 0, 24, 0);
    assert_eq!(night.week[0], vec![late]); // Monday 23:00–24:00
    let mid = vec![
        WorkingTime::hm(0, 0, 3, 0),
        WorkingTime::hm(4, 0, 8, 0),
        late,
    ];
    for d in 1..5 {
        assert_eq!(night.week[d], mid, "day {d}");
    }
    assert_eq!(
        night.week[5],
        vec![WorkingTime::hm(0, 0, 3, 0), WorkingTime::hm(4, 0, 8, 0)]
    );
    assert!(night.week[6].is_empty());
    let mon = chrono::NaiveDate::from_ymd_opt(2003, 1, 6).unwrap();
    assert_eq!(night.minutes_on(mon + chrono::Days::new(1)), 480);

    // Resource calendars inherit their base's week.
    assert_eq!(cal("First Resource").week, standard.week);
    assert_eq!(cal("Second Resource").week, night.week);

    // Resources and the two real assignments (to task UID 2).
    assert_eq!(plan.resources.len(), 2);
    let first = plan
        .resources
        .iter()
        .find(|r| r.name == "First Resource")
        .unwrap();
    assert_eq!(first.cost_rate, Money::from_units(10));
    assert_eq!(first.calendar_id, Some(cal("First Resource").id));
    assert_eq!(plan.assignments.len(), 2);
    let units: Vec<f64> = plan.assignments.iter().map(|a| a.units).collect();
    assert_eq!(units, vec![0.5, 0.75]);
    assert_eq!(imp.report.skipped_count(SkipKind::Assignment), 15);
    assert_eq!(imp.report.skipped_count(SkipKind::Resource), 1);

    // The recurring task's parent stays a summary (level 1) over its occurrences (level 2).
    let t = |uid: i64| {
        plan.tasks
            .iter()
            .find(|t| t.external_uid == Some(uid))
            .unwrap()
    };
    assert_eq!(t(6).outline_level, 1);
    assert_eq!(t(7).outline_level, 2);
    assert!(imp.report.notes.iter().any(|n| n.contains("recurring")));
    assert_eq!(t(1).notes, "Test Task Notes");
    assert_eq!(t(3).kind, TaskKind::Milestone);
}

#[test]
fn null_rows_are_skipped_and_minutes_per_day_reported() {
    let imp = read("mpxj__mspdinulltasks");
    let r = &imp.report;
    assert_eq!(r.skipped_count(SkipKind::Task), 4); // three null rows and the UID 0 row
    for uid in [2, 5, 7] {
        let reason = format!("task UID {uid} is a null/blank row");
        assert!(r.skipped.iter().any(|s| s.reason == reason), "{reason}");
    }
    assert_eq!(r.minutes_per_day, 450);
    assert_eq!(r.minutes_per_week, 2250);
    assert!(r.notes.iter().any(|n| n.contains("450 minutes per day")));
    assert_eq!(
        imp.plan.releases[0].start.to_string(),
        "2008-11-03 09:00:00"
    );
}

#[test]
fn elapsed_durations_are_wall_clock_minutes() {
    let plan = read("mpxj__mspdiduration").plan;
    let d = |uid: i64| {
        plan.tasks
            .iter()
            .find(|t| t.external_uid == Some(uid))
            .unwrap()
            .duration
    };
    assert_eq!(d(1), Duration::Working(WorkMinutes(1)));
    assert_eq!(d(4), Duration::Working(WorkMinutes(2400)));
    assert_eq!(d(6), Duration::Elapsed(1));
    assert_eq!(d(8), Duration::Elapsed(1440));
    assert_eq!(d(10), Duration::Elapsed(43200));
}

#[test]
fn week_lags_are_working_minutes() {
    let plan = read("mpxj__task-links-project2003-mspdi").plan;
    let lags: Vec<Lag> = plan.links.iter().map(|l| l.lag).collect();
    assert!(lags.contains(&Lag::Working(WorkMinutes(2400))));
    assert!(lags.contains(&Lag::Working(WorkMinutes(4800))));
}

fn err(xml: &str) -> InteropError {
    read_mspdi(xml, "R").unwrap_err()
}

#[test]
fn not_xml_names_the_line() {
    let e = err("<?xml version=\"1.0\"?>\n<Project xmlns=\"http://schemas.microsoft.com/project\">\n<Name>x</Nme>\n</Project>");
    assert!(matches!(e, InteropError::NotXml { line: 3, .. }), "{e}");
    let e = err("this is not xml at all");
    assert!(matches!(e, InteropError::NotXml { line: 1, .. }), "{e}");
    let e = err("");
    assert!(matches!(e, InteropError::NotXml { .. }), "{e}");
    let e = err("<Project xmlns=\"http://schemas.microsoft.com/project\">\n<Tasks>\n");
    assert!(matches!(e, InteropError::NotXml { .. }), "{e}");
}

#[test]
fn wrong_root_is_not_mspdi() {
    let e = err("<?xml version=\"1.0\"?>\n\n<html><body/></html>");
    assert!(matches!(e, InteropError::NotMspdi { line: 3, .. }), "{e}");
    assert!(e.to_string().contains("<html>"), "{e}");
    let e = err("<Project><StartDate>2020-01-01T08:00:00</StartDate></Project>");
    assert!(matches!(e, InteropError::NotMspdi { line: 1, .. }), "{e}");
    let e = err("<Project xmlns=\"urn:other\"/>");
    assert!(e.to_string().contains("urn:other"), "{e}");
}

#[test]
fn bad_duration_names_task_and_line() {
    let sample =
        std::fs::read_to_string(dir().join("mpxj__task-links-project2007-mspdi.xml")).unwrap();
    // Break the duration of task UID 12.
    let at = sample.find("<UID>12</UID>").unwrap();
    let d = at + sample[at..].find("<Duration>PT8H0M0S</Duration>").unwrap();
    let broken = format!(
        "{}<Duration>PTxyz</Duration>{}",
        &sample[..d],
        &sample[d + "<Duration>PT8H0M0S</Duration>".len()..]
    );
    let line = sample[..d].matches('\n').count() + 1;
    let e = read_mspdi(&broken, "R").unwrap_err();
    assert_eq!(e.line(), Some(line));
    let msg = e.to_string();
    assert!(
        msg.contains("PTxyz") && msg.contains("task UID 12"),
        "{msg}"
    );
    assert!(msg.starts_with(&format!("line {line}:")), "{msg}");
}

#[test]
fn truncated_and_mangled_files_never_panic() {
    let sample = std::fs::read_to_string(dir().join("mpxj__mspdirelations.xml")).unwrap();
    let bytes = sample.as_bytes();
    let mut cut = 0;
    while cut < bytes.len() {
        if sample.is_char_boundary(cut) {
            let _ = read_mspdi(&sample[..cut], "R");
        }
        cut += 97;
    }
    for (from, to) in [
        ("<LinkLag>4800</LinkLag>", "<LinkLag>x</LinkLag>"),
        ("<Type>1</Type>", "<Type>99999999999999999999999</Type>"),
        ("2006-09-21T08:00:00", "2006-13-45T08:00:00"),
        (
            "<OutlineLevel>1</OutlineLevel>",
            "<OutlineLevel>-5</OutlineLevel>",
        ),
        ("<UID>1</UID>", "<UID>-1</UID>"),
    ] {
        let _ = read_mspdi(&sample.replacen(from, to, 1), "R");
    }
    let deep = format!(
        "<Project xmlns=\"http://schemas.microsoft.com/project\">{}{}</Project>",
        "<a>".repeat(10_000),
        "</a>".repeat(10_000)
    );
    assert!(matches!(err(&deep), InteropError::NotMspdi { .. }));
}

/// An MSPDI file saved in UTF-8 with a byte-order mark (as Notepad saves it) reads as the same
/// file without one, with the same line in an error. It was refused as not well formed.
#[test]
fn a_utf8_file_with_a_byte_order_mark_reads_as_without() {
    let original = dir().join("mpxj__sample.xml");
    let text = std::fs::read_to_string(&original).unwrap();
    let plain = read_mspdi_file(&original, "R").unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bom.xml");
    std::fs::write(&path, format!("\u{feff}{text}")).unwrap();
    assert_eq!(read_mspdi_file(&path, "R").unwrap(), plain);
    let bad =
        "\u{feff}<?xml version=\"1.0\"?>\n<Project xmlns=\"http://schemas.microsoft.com/project\">\
               <StartDate>2024-01-01T08:00:00</StartDate><Tasks>\n\
               <Task><UID>1</UID><Duration>soon</Duration></Task></Tasks></Project>";
    match read_mspdi(bad, "R") {
        Err(InteropError::Invalid { line: 3, .. }) => {}
        other => panic!("{other:?}"),
    }
}

/// An MSPDI file saved as UTF-16 (with its byte-order mark, little- or big-endian) reads as
/// the same file in UTF-8 does.
#[test]
fn a_utf16_file_reads_as_its_utf8_original() {
    let original = dir().join("mpxj__sample.xml");
    let text = std::fs::read_to_string(&original).unwrap();
    let utf8 = read_mspdi_file(&original, "R").unwrap().plan;
    let tmp = tempfile::tempdir().unwrap();
    for (name, bom, unit) in [
        (
            "le.xml",
            [0xFF, 0xFE],
            u16::to_le_bytes as fn(u16) -> [u8; 2],
        ),
        (
            "be.xml",
            [0xFE, 0xFF],
            u16::to_be_bytes as fn(u16) -> [u8; 2],
        ),
    ] {
        let mut bytes = bom.to_vec();
        for u in text
            .replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"")
            .encode_utf16()
        {
            bytes.extend_from_slice(&unit(u));
        }
        let path = tmp.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let plan = read_mspdi_file(&path, "R").unwrap().plan;
        assert_eq!(plan, utf8, "{name}");
    }
}
