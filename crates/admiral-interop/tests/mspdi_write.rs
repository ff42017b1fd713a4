//! MSPDI export: import → export → import gives the same plan and the same schedule, for
//! every MS Project fixture and for the demo plan.

use admiral_core::schedule::{schedule, Schedule, ScheduleOptions};
use admiral_core::*;
use admiral_interop::{read_mspdi, read_mspdi_file, write_mspdi, MspdiImport, SkipKind};
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
    kind: TaskKind,
    owner: String,
    estimate: Option<ThreePoint>,
    project: String,
    duration: Duration,
    constraint: Constraint,
    deadline: Option<chrono::NaiveDateTime>,
    calendar: Option<String>,
    notes: String,
    progress: Progress,
    mode: TaskMode,
}

fn tasks(p: &Plan, key: impl Fn(&Task) -> i64) -> BTreeMap<i64, T> {
    let cal: HashMap<CalendarId, &str> = p
        .calendars
        .iter()
        .map(|c| (c.id, c.name.as_str()))
        .collect();
    let project: HashMap<ProjectId, &str> =
        p.projects.iter().map(|p| (p.id, p.name.as_str())).collect();
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
                    kind: t.kind,
                    owner: t.owner.clone(),
                    estimate: t.estimate,
                    project: project[&t.project_id].to_string(),
                    duration: t.duration,
                    constraint: t.constraint,
                    deadline: t.deadline,
                    calendar: t.calendar_id.map(|c| cal[&c].to_string()),
                    notes: t.notes.clone(),
                    progress: t.progress,
                    mode: t.mode,
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

/// The tasks of `plan` and of `imported` (its export read back) by number, for comparison:
/// deployment tasks of a release with blackouts run on a derived blackout calendar.
fn tasks_as_exported(plan: &Plan, imported: &Plan) -> (BTreeMap<i64, T>, BTreeMap<i64, T>) {
    let num = |t: &Task| i64::from(t.number.0);
    let mut want = tasks(plan, num);
    let got = tasks(imported, num);
    for (k, t) in want.iter_mut() {
        let g = &got[k];
        if g.calendar
            .as_deref()
            .is_some_and(|c| c.contains("blackouts"))
        {
            t.calendar = g.calendar.clone();
        }
    }
    (want, got)
}

/// Every gate by its task's key: criteria and approvers (name, role, decision, date, comment).
fn gates(p: &Plan, key: impl Fn(&Task) -> i64) -> BTreeMap<i64, (Vec<Criterion>, Vec<Approver>)> {
    let k: HashMap<TaskId, i64> = p.tasks.iter().map(|t| (t.id, key(t))).collect();
    p.gates
        .iter()
        .map(|g| (k[&g.task_id], (g.criteria.clone(), g.approvers.clone())))
        .collect()
}

/// The projects in order: name, department, owner.
fn projects(p: &Plan) -> Vec<(String, String, String)> {
    p.projects
        .iter()
        .map(|p| (p.name.clone(), p.department.clone(), p.owner.clone()))
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
    for word in [
        "risks",
        "Admiral gate criteria",
        "Admiral gate (2)",
        "blackout",
        "scenarios",
    ] {
        assert!(
            report.contains(word),
            "the report mentions {word}: {report}"
        );
    }
    let xml = String::from_utf8(export.bytes).unwrap();
    assert!(xml.contains("<Project xmlns=\"http://schemas.microsoft.com/project\">"));
    assert!(xml.contains("<MinutesPerDay>480</MinutesPerDay>"));
    assert!(xml.contains("<Alias>Admiral gate</Alias>"));
    assert!(xml.contains("Małgorzata Wiśniewska (Security officer): rejected 2027-01-18 15:45"));
    assert!(xml.contains("<Alias>Admiral gate (2)</Alias>"));
    assert!(xml.contains("<Alias>Admiral gate criteria</Alias>"));
    let a = read_mspdi(&xml, "R1").unwrap();
    assert!(
        a.report.skipped.iter().all(|s| s.reason.contains("UID 0")),
        "only the project summary row is skipped: {}",
        a.report
    );
    let num = |t: &Task| i64::from(t.number.0);
    let (want, got) = tasks_as_exported(&demo, &a.plan);
    assert_eq!(want, got);
    // Kinds, owners and estimates are in `T`; check that the demo has each to compare.
    assert!(demo.tasks.iter().any(|t| t.kind == TaskKind::Gate));
    assert!(demo.tasks.iter().any(|t| t.kind == TaskKind::Deployment));
    assert!(demo.tasks.iter().filter(|t| t.estimate.is_some()).count() > 5);
    // The same gates, approvers, decisions (with their time), comments and criteria.
    assert_eq!(gates(&demo, num), gates(&a.plan, num));
    assert_eq!(a.plan.gates.len(), demo.gates.len());
    // The same projects, in order, with department and owner.
    assert_eq!(projects(&demo), projects(&a.plan));
    assert_eq!(links(&demo, num), links(&a.plan, num));
    let (ca, cb) = (calendars(&demo), calendars(&a.plan));
    for (name, c) in &ca {
        assert_eq!(Some(c), cb.get(name), "calendar {name}");
    }
    let sd = schedule(&demo, &ScheduleOptions::default()).unwrap();
    let sa = schedule(&a.plan, &ScheduleOptions::default()).unwrap();
    assert_eq!(dates(&demo, &sd, num), dates(&a.plan, &sa, num));
    // Exported again: the same plan, ids included. Only the release's description differs: it
    // names the file's title, which for a plan of several projects is the release's name
    // ("Spring 2027 Enterprise Release" the first time, the importer's "R1" the second).
    let mut b = reimport(&a.plan, true);
    assert_eq!(
        a.plan.releases[0].description,
        "Imported from MS Project: 'Spring 2027 Enterprise Release'"
    );
    b.plan.releases[0].description = a.plan.releases[0].description.clone();
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

/// The demo plan with names, roles, comments, criteria and projects full of the characters the
/// field formats use, and values far longer than 255 characters.
fn awkward_plan() -> Plan {
    let mut p = demo::demo_plan();
    let long = "Resubmit once the threat model is done; see \"Vault (v2)\": C:\\keys. ".repeat(12);
    let g = &mut p.gates[0];
    g.approvers[0].name = "O'Brien (acting): Jo".into();
    g.approvers[0].role = "Change manager (CAB chair) ) odd".into();
    g.approvers[0].comment = long.clone();
    g.approvers[1].role = "Release manager (acting)".into();
    g.approvers[1].decided_at = chrono::NaiveDate::from_ymd_opt(2027, 1, 11)
        .unwrap()
        .and_hms_opt(17, 0, 42);
    g.criteria[0].text = "Scope; baselined [x] \\ done".into();
    g.criteria.push(Criterion {
        text: long.clone(),
        met: false,
    });
    p.projects[1].name = "Identity | SSO \\ IAM".into();
    p.projects[2].department = String::new();
    p.projects[2].owner = String::new();
    p.projects[3].owner = "Pay | Ments".into();
    // Like task names, owners are trimmed (MS Project trims text fields).
    p.tasks[3].owner = long.trim_end().to_string();
    p
}

#[test]
fn awkward_and_long_values_round_trip() {
    let plan = awkward_plan();
    let e = write_mspdi(&plan, None).unwrap();
    let report = e.report.to_string();
    assert!(report.contains("continue in the fields"), "{report}");
    let xml = String::from_utf8(e.bytes).unwrap();
    assert!(xml.contains("<Alias>Admiral owner (2)</Alias>"));
    let a = read_mspdi(&xml, "R1").unwrap();
    assert!(
        a.report.skipped.iter().all(|s| s.reason.contains("UID 0")),
        "{}",
        a.report
    );
    let num = |t: &Task| i64::from(t.number.0);
    same(&gates(&plan, num), &gates(&a.plan, num));
    assert_eq!(projects(&plan), projects(&a.plan));
    assert_eq!(a.plan.tasks[3].owner, plan.tasks[3].owner);
    // MS Project's 255 characters hold in every value written.
    for v in xml.split("<Value>").skip(1) {
        let v = v.split("</Value>").next().unwrap();
        let v = [
            ("&quot;", "\""),
            ("&apos;", "'"),
            ("&lt;", "<"),
            ("&gt;", ">"),
        ]
        .iter()
        .fold(v.to_string(), |v, (e, c)| v.replace(e, c))
        .replace("&amp;", "&");
        assert!(v.chars().count() <= 255, "{v}");
    }
}

#[test]
fn a_generated_plan_round_trips_its_kinds_gates_and_projects() {
    let plan = demo::demo_plan_sized(400, 7);
    let a = reimport(&plan, false);
    let num = |t: &Task| i64::from(t.number.0);
    let (want, got) = tasks_as_exported(&plan, &a.plan);
    same(&want, &got);
    same(&gates(&plan, num), &gates(&a.plan, num));
    assert_eq!(projects(&plan), projects(&a.plan));
}

/// Equal maps, or a panic naming the first key that differs.
fn same<V: PartialEq + std::fmt::Debug>(a: &BTreeMap<i64, V>, b: &BTreeMap<i64, V>) {
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "keys"
    );
    for (k, v) in a {
        assert_eq!(v, &b[k], "key {k}");
    }
}

fn line_of(xml: &str, needle: &str) -> usize {
    xml[..xml.find(needle).unwrap()].matches('\n').count() + 1
}

/// The `n`th task value (0-based) of the field with `field_id`: its text.
fn nth_value(xml: &str, field_id: &str, n: usize) -> String {
    let tag = format!("<FieldID>{field_id}</FieldID>");
    // The first occurrence is the declaration.
    let at = xml.match_indices(&tag).nth(n + 1).unwrap().0;
    let rest = &xml[at..];
    let v = rest.find("<Value>").unwrap() + "<Value>".len();
    let end = rest.find("</Value>").unwrap();
    rest[v..end].to_string()
}

#[test]
fn malformed_admiral_fields_are_skipped_with_their_line() {
    let demo = demo::demo_plan();
    let xml = export(&demo, false);
    let kind = "<Value>gate</Value>";
    let estimate = format!("<Value>{}</Value>", nth_value(&xml, "188743740", 0));
    let gate = format!("<Value>{}</Value>", nth_value(&xml, "188743737", 1));
    let project = format!("<Value>{}</Value>", nth_value(&xml, "188743743", 0));
    let bad = xml
        .replacen(kind, "<Value>gadget</Value>", 1)
        .replacen(&estimate, "<Value>8d/5d/3d</Value>", 1)
        .replacen(&gate, "<Value>refused — nobody</Value>", 1)
        .replacen(&project, "<Value>a | b</Value>", 1)
        // A kind MS Project's own Milestone flag contradicts: a note, MS Project's flag wins.
        .replacen("<Value>deployment</Value>", "<Value>milestone</Value>", 1);
    let a = read_mspdi(&bad, "R1").unwrap();
    let fields: Vec<&admiral_interop::Skipped> = a
        .report
        .skipped
        .iter()
        .filter(|s| s.kind == SkipKind::Field)
        .collect();
    assert_eq!(fields.len(), 4, "{}", a.report);
    let expect = [
        ("gadget", "'Admiral kind'"),
        ("8d/5d/3d", "'Admiral estimate'"),
        ("refused", "'Admiral gate'"),
        ("a | b", "'Admiral project'"),
    ];
    for (needle, field) in expect {
        let line = line_of(&bad, needle);
        assert!(
            fields
                .iter()
                .any(|s| s.line == line && s.reason.contains(field)),
            "{field} on line {line}: {}",
            a.report
        );
    }
    // The tasks are there; the broken gate keeps its criteria; the first task's project is
    // the file's.
    assert_eq!(a.plan.tasks.len(), demo.tasks.len());
    assert_eq!(a.plan.gates.len(), demo.gates.len());
    assert_eq!(a.plan.gates[1].approvers, vec![]);
    assert!(!a.plan.gates[1].criteria.is_empty());
    assert_eq!(
        a.plan
            .tasks
            .iter()
            .filter(|t| t.kind == TaskKind::Gate)
            .count(),
        demo.tasks
            .iter()
            .filter(|t| t.kind == TaskKind::Gate)
            .count()
            - 1
    );
    assert_eq!(a.plan.projects.len(), demo.projects.len() + 1);
    assert!(
        a.report.notes.iter().any(|n| n.contains(
            "is a milestone in its 'Admiral kind' field but not a milestone in MS Project; \
             read as a task"
        )),
        "{}",
        a.report
    );
    assert_eq!(
        a.plan
            .tasks
            .iter()
            .filter(|t| t.kind == TaskKind::Deployment)
            .count(),
        demo.tasks
            .iter()
            .filter(|t| t.kind == TaskKind::Deployment)
            .count()
            - 1
    );
}

#[test]
fn without_the_declarations_the_fields_are_ignored() {
    let demo = demo::demo_plan();
    let xml = export(&demo, false);
    let (head, rest) = xml.split_once("<ExtendedAttributes>").unwrap();
    let rest = rest.split_once("</ExtendedAttributes>").unwrap().1;
    // Text1 declared by someone else: its values are not Admiral's.
    let other = format!(
        "{head}<ExtendedAttributes><ExtendedAttribute><FieldID>188743731</FieldID>\
         <FieldName>Text1</FieldName><Alias>Department</Alias></ExtendedAttribute>\
         </ExtendedAttributes>{rest}"
    );
    let plain = format!("{head}{rest}");
    for xml in [plain, other] {
        let a = read_mspdi(&xml, "R1").unwrap();
        let p = &a.plan;
        assert_eq!(p.projects.len(), 1);
        assert_eq!(p.projects[0].name, "Spring 2027 Enterprise Release");
        assert!(p.gates.is_empty());
        assert!(p.tasks.iter().all(|t| t.owner.is_empty()
            && t.estimate.is_none()
            && matches!(t.kind, TaskKind::Task | TaskKind::Milestone)));
        assert_eq!(a.report.skipped_count(SkipKind::Field), 0);
        assert!(!a.report.notes.iter().any(|n| n.contains("Admiral")));
    }
}

#[test]
fn fields_moved_to_other_text_fields_are_found_by_their_alias() {
    let demo = demo::demo_plan();
    // "Admiral owner" moved from Text2 to Text20 (FieldID 188744006).
    let xml = export(&demo, false).replace(
        "<FieldID>188743734</FieldID>",
        "<FieldID>188744006</FieldID>",
    );
    assert!(xml.contains("<FieldName>Text2</FieldName>"));
    let a = read_mspdi(&xml, "R1").unwrap();
    let owners = |p: &Plan| p.tasks.iter().map(|t| t.owner.clone()).collect::<Vec<_>>();
    assert_eq!(owners(&demo), owners(&a.plan));
}

#[test]
fn manual_tasks_round_trip_with_and_without_a_schedule() {
    let mut plan = demo::demo_plan();
    let leaves: Vec<usize> = (0..plan.tasks.len())
        .filter(|&i| {
            plan.tasks
                .get(i + 1)
                .is_none_or(|n| n.outline_level <= plan.tasks[i].outline_level)
        })
        .collect();
    let start = plan.releases[0].start;
    plan.tasks[leaves[2]].mode = TaskMode::Manual {
        start: start + chrono::Duration::days(3),
        text_dates: false,
    };
    plan.tasks[leaves[4]].mode = TaskMode::Manual {
        start: start + chrono::Duration::hours(5),
        text_dates: true,
    };
    let modes = |p: &Plan| -> BTreeMap<u32, TaskMode> {
        p.tasks.iter().map(|t| (t.number.0, t.mode)).collect()
    };
    for with_schedule in [false, true] {
        let back = reimport(&plan, with_schedule).plan;
        assert_eq!(modes(&back), modes(&plan), "with schedule: {with_schedule}");
    }
}

/// Work contours go out as MSPDI's `<WorkContour>` and come back: a pattern by its number,
/// an edited contour ("contoured") with its start and finish, from which the import counts
/// the same span; the schedule is the same. Without a schedule an edited contour has no
/// dates to go with it, and the export says so.
#[test]
fn work_contours_round_trip() {
    let mut p = demo::demo_plan();
    let s0 = schedule(&p, &ScheduleOptions::default()).unwrap();
    let leaf = |p: &Plan, id: TaskId| {
        let t = p.tasks.iter().find(|t| t.id == id).unwrap();
        t.kind == TaskKind::Task && t.progress.actual_start.is_none()
    };
    let picks: Vec<usize> = (0..p.assignments.len())
        .filter(|&k| leaf(&p, p.assignments[k].task_id))
        .take(2)
        .collect();
    assert_eq!(
        picks.len(),
        2,
        "the demo has two not-started tasks with assignments"
    );
    p.assignments[picks[0]].work = Some(WorkMinutes(2400));
    p.assignments[picks[0]].contour = WorkContour::BackLoaded;
    p.assignments[picks[1]].contour = WorkContour::Contoured {
        span: WorkMinutes(3 * 480 + 120),
    };
    let s = schedule(&p, &ScheduleOptions::default()).unwrap();
    let num = |t: &Task| i64::from(t.number.0);
    assert_ne!(
        dates(&p, &s0, num),
        dates(&p, &s, num),
        "the contours move dates"
    );
    let back = reimport(&p, true).plan;
    let by_task = |p: &Plan, k: usize| {
        let a = p.assignments[k];
        let t = p
            .tasks
            .iter()
            .find(|t| t.id == a.task_id)
            .unwrap()
            .name
            .clone();
        (t, a.contour)
    };
    for &k in &picks {
        let (name, contour) = by_task(&p, k);
        let got: Vec<WorkContour> = back
            .assignments
            .iter()
            .filter(|a| {
                back.tasks
                    .iter()
                    .any(|t| t.id == a.task_id && t.name == name)
            })
            .map(|a| a.contour)
            .collect();
        assert!(
            got.contains(&contour),
            "{name}: {contour:?} came back as {got:?}"
        );
    }
    let s2 = schedule(&back, &ScheduleOptions::default()).unwrap();
    assert_eq!(dates(&p, &s, num), dates(&back, &s2, num));
    // No schedule: the edited contour goes out without dates and is read back flat.
    let e = write_mspdi(&p, None).unwrap();
    assert!(
        e.report.notes.iter().any(|n| n.contains("contoured")),
        "{:?}",
        e.report.notes
    );
}

/// Split tasks go out as MS Project saves them (the timephased work of an assignment to no
/// resource, a period of no work per gap) and come back with the same splits and the same
/// dates: on the demo with two tasks split (one twice), and on MS Project's own
/// `mspdisplittask`. Without a schedule there are no dates to place the work on, and the
/// export says the splits were left out.
#[test]
fn split_tasks_round_trip_with_their_splits_and_dates() {
    let mut plan = demo::demo_plan();
    let leaves: Vec<usize> = (0..plan.tasks.len())
        .filter(|&i| {
            let t = &plan.tasks[i];
            plan.tasks
                .get(i + 1)
                .is_none_or(|n| n.outline_level <= t.outline_level)
                && !t.is_milestone()
                && t.duration.minutes() >= 3 * 480
                && matches!(t.duration, Duration::Working(_))
                && t.progress == Progress::default()
        })
        .collect();
    assert!(leaves.len() >= 2);
    // Tasks without resources (with them, the split would be their assignments' work).
    let (a, b) = (plan.tasks[leaves[0]].id, plan.tasks[leaves[1]].id);
    plan.assignments
        .retain(|x| x.task_id != a && x.task_id != b);
    let s = |after: i64, gap: i64| Split {
        after: WorkMinutes(after),
        gap: WorkMinutes(gap),
    };
    plan.tasks[leaves[0]].splits = vec![s(480, 960)];
    plan.tasks[leaves[1]].splits = vec![s(240, 60), s(2 * 480, 3 * 480)];
    plan.validate().unwrap();
    let splits = |p: &Plan| -> BTreeMap<u32, Vec<Split>> {
        p.tasks
            .iter()
            .filter(|t| !t.splits.is_empty())
            .map(|t| (t.number.0, t.splits.clone()))
            .collect()
    };
    let back = reimport(&plan, true);
    assert_eq!(splits(&back.plan), splits(&plan));
    let key = |t: &Task| i64::from(t.number.0);
    let before = schedule(&plan, &ScheduleOptions::default()).unwrap();
    let after = schedule(&back.plan, &ScheduleOptions::default()).unwrap();
    same(&dates(&plan, &before, key), &dates(&back.plan, &after, key));
    let e = write_mspdi(&plan, Some(&before)).unwrap();
    assert!(e
        .report
        .notes
        .iter()
        .any(|n| n.starts_with("2 split task(s)")));

    let e = write_mspdi(&plan, None).unwrap();
    assert!(
        e.report
            .dropped
            .iter()
            .any(|d| d.contains("the splits of 2 task(s)")),
        "{:?}",
        e.report.dropped
    );
    let again = read_mspdi(&String::from_utf8(e.bytes).unwrap(), "R1").unwrap();
    assert!(splits(&again.plan).is_empty());

    // MS Project's own file.
    use std::io::Read;
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/mspdi-corpus/mspdisplittask.xml.gz");
    let mut xml = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap())
        .read_to_string(&mut xml)
        .unwrap();
    let file = read_mspdi(&xml, "R1").unwrap().plan;
    assert_eq!(splits(&file).len(), 2);
    let back = reimport(&file, true).plan;
    assert_eq!(splits(&back), splits(&file));
    let uid = |t: &Task| t.external_uid.unwrap();
    let a = schedule(&file, &ScheduleOptions::default()).unwrap();
    let b = schedule(&back, &ScheduleOptions::default()).unwrap();
    same(&dates(&file, &a, uid), &dates(&back, &b, uid));
}
