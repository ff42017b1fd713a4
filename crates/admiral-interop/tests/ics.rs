//! iCalendar export, checked with a real RFC 5545 parser (the icalendar crate's).

use admiral_core::schedule::{schedule, ScheduleOptions};
use admiral_core::*;
use admiral_interop::{write_ics, IcsOptions};
use chrono::NaiveDate;
use icalendar::parser::{read_calendar, unfold};

fn opts(day: u32) -> IcsOptions {
    IcsOptions {
        as_of: NaiveDate::from_ymd_opt(2027, 1, day)
            .unwrap()
            .and_hms_opt(9, 30, 0)
            .unwrap(),
        calendar_name: None,
    }
}

struct Ev {
    uid: String,
    summary: String,
    dtstart: String,
    dtend: Option<String>,
    description: String,
    dtstamp: String,
}

fn events(text: &str) -> Vec<Ev> {
    let unfolded = unfold(text);
    let cal = read_calendar(&unfolded).expect("a valid iCalendar file");
    cal.components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .map(|c| {
            let get = |n: &str| c.find_prop(n).map(|p| p.val.to_string());
            Ev {
                uid: get("UID").unwrap(),
                summary: get("SUMMARY").unwrap(),
                dtstart: get("DTSTART").unwrap(),
                dtend: get("DTEND"),
                description: get("DESCRIPTION").unwrap_or_default(),
                dtstamp: get("DTSTAMP").unwrap(),
            }
        })
        .collect()
}

#[test]
fn demo_plan_milestones_gates_and_blackouts() {
    let plan = demo::demo_plan();
    let sched = schedule(&plan, &ScheduleOptions::default()).unwrap();
    let export = write_ics(&plan, Some(&sched), &opts(18)).unwrap();
    let text = String::from_utf8(export.bytes.clone()).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{}", &text[..40]);
    assert!(text.contains("PRODID:-//Admiral//"));
    let evs = events(&text);
    let milestones = plan.tasks.iter().filter(|t| t.is_milestone()).count();
    assert_eq!(evs.len(), milestones + plan.blackouts.len());
    assert_eq!(
        export.report.written_count("gates"),
        plan.tasks
            .iter()
            .filter(|t| t.kind == TaskKind::Gate)
            .count()
    );
    // Stable UIDs from the entity ids, each once.
    let mut uids: Vec<&str> = evs.iter().map(|e| e.uid.as_str()).collect();
    uids.sort();
    uids.dedup();
    assert_eq!(uids.len(), evs.len());
    for t in plan.tasks.iter().filter(|t| t.is_milestone()) {
        let e = evs
            .iter()
            .find(|e| e.uid == format!("{}@admiral", t.id))
            .unwrap();
        assert!(e.summary.contains(&t.name), "{}", e.summary);
        assert!(e.dtend.is_none(), "a milestone is a point in time");
        let finish = sched
            .tasks
            .iter()
            .find(|s| s.task_id == t.id)
            .unwrap()
            .finish;
        assert_eq!(e.dtstart, finish.format("%Y%m%dT%H%M%S").to_string());
    }
    // Blackouts: all-day, DTEND exclusive.
    for b in &plan.blackouts {
        let e = evs
            .iter()
            .find(|e| e.uid == format!("{}@admiral", b.id))
            .unwrap();
        assert_eq!(e.dtstart, b.start.format("%Y%m%d").to_string());
        assert_eq!(
            e.dtend.as_deref(),
            Some(
                b.finish
                    .succ_opt()
                    .unwrap()
                    .format("%Y%m%d")
                    .to_string()
                    .as_str()
            )
        );
    }
    // Gates carry their state and every approver's decision.
    let rejected = plan
        .gates
        .iter()
        .find(|g| g.state() == Decision::Rejected)
        .expect("the demo has a rejected gate");
    let e = evs
        .iter()
        .find(|e| e.uid == format!("{}@admiral", rejected.task_id))
        .unwrap();
    assert!(e.summary.contains("(rejected)"), "{}", e.summary);
    assert!(
        e.description.contains("Gate state: rejected"),
        "{}",
        e.description
    );
    for a in &rejected.approvers {
        assert!(
            e.description.contains(&a.name),
            "{} in {}",
            a.name,
            e.description
        );
    }
    assert!(evs.iter().all(|e| e.dtstamp == "20270118T093000Z"));
}

#[test]
fn exports_are_reproducible_and_uids_stable() {
    let plan = demo::demo_plan();
    let sched = schedule(&plan, &ScheduleOptions::default()).unwrap();
    let a = write_ics(&plan, Some(&sched), &opts(18)).unwrap().bytes;
    let b = write_ics(&plan, Some(&sched), &opts(18)).unwrap().bytes;
    assert_eq!(a, b, "same input, same bytes");
    // A later export after a change: same UIDs, so calendars update the events.
    let mut changed = plan.clone();
    if let Some(t) = changed
        .tasks
        .iter_mut()
        .find(|t| t.kind == TaskKind::Task && !t.duration.is_zero())
    {
        t.duration = Duration::Working(WorkMinutes(t.duration.minutes() + 4800));
    }
    let sched2 = schedule(&changed, &ScheduleOptions::default()).unwrap();
    let c = write_ics(&changed, Some(&sched2), &opts(25)).unwrap().bytes;
    let uids = |bytes: &[u8]| -> Vec<String> {
        events(std::str::from_utf8(bytes).unwrap())
            .into_iter()
            .map(|e| e.uid)
            .collect()
    };
    assert_eq!(uids(&a), uids(&c));
    assert_eq!(
        events(std::str::from_utf8(&c).unwrap())[0].dtstamp,
        "20270125T093000Z"
    );
}

#[test]
fn without_a_schedule_undated_milestones_are_reported() {
    let plan = demo::demo_plan();
    let export = write_ics(&plan, None, &opts(18)).unwrap();
    let evs = events(std::str::from_utf8(&export.bytes).unwrap());
    assert_eq!(
        evs.len(),
        export.report.written_count("milestones")
            + export.report.written_count("gates")
            + plan.blackouts.len()
    );
    assert!(!export.report.dropped.is_empty(), "{}", export.report);
}
