//! A whole plan travels to the UI in columns (src/wire.rs). This test checks, on a plan with
//! every shape the columns shorten (and the ones they send whole), that the UI's decoding
//! gives back exactly the plain JSON: in Rust through the command tests' mirror of the UI's
//! rule, and in TypeScript through `ui/src/lib/wire.test.ts`, which reads the fixture this
//! test writes (`ui/src/lib/wire.fixture.json`; regenerated, and the test failed, when stale).

mod common;

use admiral_core::model::*;
use admiral_core::schedule::{schedule, ScheduleOptions};
use admiral_desktop::view::schedule_view;
use chrono::NaiveDate;
use serde_json::{json, Value};
use std::path::Path;

/// A small demo plan with the rarer values set on some of its tasks, links and assignments.
fn varied_plan() -> Plan {
    let mut plan = admiral_core::demo::demo_plan_sized(24, 3);
    let at = |d: u32, h: u32| {
        NaiveDate::from_ymd_opt(2027, 1, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    };
    let leaves: Vec<usize> = (0..plan.tasks.len())
        .filter(|&i| plan.tasks[i].kind == TaskKind::Task && plan.tasks[i].outline_level > 1)
        .collect();
    let t = &mut plan.tasks;
    t[leaves[0]].duration = Duration::Elapsed(2 * 1440);
    t[leaves[1]].constraint = Constraint::Snet(at(12, 8));
    t[leaves[1]].deadline = Some(at(29, 17));
    t[leaves[2]].progress.actual_start = Some(at(4, 8));
    t[leaves[2]].progress.percent_complete = 40;
    t[leaves[3]].mode = TaskMode::Manual {
        start: at(6, 8),
        text_dates: false,
    };
    t[leaves[4]].effort.task_type = TaskType::FixedWork;
    t[leaves[4]].effort.effort_driven = true;
    t[leaves[5]].fixed_cost = FixedCost {
        amount: Money(125_000),
        accrual: Accrual::End,
    };
    t[leaves[6]].external_uid = Some(4711);
    t[leaves[6]].notes = "Needs the vendor's sign-off".into();
    t[leaves[7]].calendar_id = plan.calendars.last().map(|c| c.id);
    t[leaves[7]].estimate = None;
    // Split after a day of its work for two days (the first leaf's duration is elapsed).
    t[leaves[8]].duration = Duration::Working(WorkMinutes(3 * 480));
    t[leaves[8]].splits = vec![Split {
        after: WorkMinutes(480),
        gap: WorkMinutes(2 * 480),
    }];
    let l = &mut plan.links;
    l[0].lag = Lag::Elapsed(1440);
    l[1].lag = Lag::Percent(50);
    l[2].lag = Lag::Working(WorkMinutes(-240));
    // A gate, rejected, holding up a later task (its row names the gate), and a milestone.
    t[leaves[9]].kind = TaskKind::Gate;
    t[leaves[9]].duration = Duration::Working(WorkMinutes(0));
    t[leaves[10]].kind = TaskKind::Milestone;
    t[leaves[10]].duration = Duration::Working(WorkMinutes(0));
    l.push(Link {
        id: LinkId::from_u128(0x11),
        predecessor: t[leaves[9]].id,
        successor: t[*leaves.last().unwrap()].id,
        kind: LinkType::FS,
        lag: Lag::Working(WorkMinutes(0)),
    });
    plan.gates.push(Gate {
        id: GateId::from_u128(0x12),
        task_id: t[leaves[9]].id,
        criteria: Vec::new(),
        approvers: vec![Approver {
            name: "Ana QA".into(),
            role: "QA lead".into(),
            decision: Decision::Rejected,
            decided_at: Some(at(5, 10)),
            comment: "Regression suite red".into(),
        }],
    });
    let a = &mut plan.assignments;
    a[0].work = Some(WorkMinutes(960));
    a[1].contour = WorkContour::BackLoaded;
    plan
}

#[test]
fn a_whole_plan_in_columns_decodes_to_its_plain_json() {
    let mut plan = varied_plan();
    let s = schedule(&plan, &ScheduleOptions::default()).unwrap();
    let saved_at = NaiveDate::from_ymd_opt(2026, 12, 1)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let save = admiral_core::baseline::save(&plan, &s, 0, None, None, saved_at).unwrap();
    plan = admiral_core::edit::apply_all(&plan, &save.edits).unwrap();
    plan.tasks[3].duration = Duration::Working(WorkMinutes(3 * 480));
    let s = schedule(&plan, &ScheduleOptions::default()).unwrap();
    let rows = schedule_view(&plan, &s, 0).rows;
    let whole = serde_json::to_value(admiral_desktop::wire::whole(&plan, rows.clone())).unwrap();
    let plain_plan = serde_json::to_value(&plan).unwrap();
    let plain_rows = serde_json::to_value(&rows).unwrap();

    // Every shortened shape occurs, and each long list went to columns.
    assert!(whole["plan"]["tasks"].as_array().unwrap().is_empty());
    let t = &whole["tasks"];
    for (col, what) in [
        ("duration", "elapsed"),
        ("constraint", "snet"),
        ("progress", "actual_start"),
        ("mode", "manual"),
        ("effort", "fixed_work"),
        ("fixed_cost", "amount"),
    ] {
        let text = t[col].to_string();
        assert!(text.contains(what), "{col} has no {what}: {text}");
        let short = match col {
            // A working duration is its minutes.
            "duration" => t[col].as_array().unwrap().iter().any(Value::is_number),
            // A column of set values leaves out the tasks with the default.
            _ => t[col]["values"].as_array().unwrap().len() < plan.tasks.len(),
        };
        assert!(short, "{col} is as long as the objects: {text}");
    }
    // One task has a calendar of its own: one position and one value.
    let at = plan
        .tasks
        .iter()
        .position(|t| t.calendar_id.is_some())
        .unwrap();
    assert_eq!(t["calendar_id"]["at"], json!([at, 1]));
    assert_eq!(t["calendar_id"]["values"].as_array().unwrap().len(), 1);
    assert_eq!(t["splits"].as_array().unwrap().len(), 1, "one split task");
    let segments = whole["rows"]["segments"].as_array().unwrap();
    assert_eq!(segments.len(), 1, "one split row: {segments:?}");
    assert_eq!(
        segments[0][1].as_array().unwrap().len(),
        2,
        "two stretches of work"
    );
    assert!(whole["links"]["lag"].to_string().contains("percent"));
    assert!(whole["assignments"]["contour"]
        .to_string()
        .contains("back_loaded"));
    assert!(whole["rows"]["task"].is_null(), "row i is task i's");
    let blocked = whole["rows"]["blocked_by_gate"]["values"]
        .as_array()
        .unwrap();
    assert!(
        blocked.iter().any(|g| g.is_number()),
        "no row is held up by the gate"
    );
    assert!(whole["rows"]["baseline"]
        .to_string()
        .contains("finishVariance"));

    let (plan_back, rows_back) = common::decode_whole(&whole);
    assert_eq!(plan_back, plain_plan);
    assert_eq!(rows_back, plain_rows);

    // A reference to a task the plan lacks keeps its id.
    let mut odd = plan.clone();
    let stranger = TaskId::from_u128(0xdead);
    odd.links[0].predecessor = stranger;
    let odd_whole = serde_json::to_value(admiral_desktop::wire::whole(&odd, rows.clone())).unwrap();
    assert_eq!(odd_whole["links"]["predecessor"][0], json!(stranger));
    let (odd_back, _) = common::decode_whole(&odd_whole);
    assert_eq!(odd_back, serde_json::to_value(&odd).unwrap());

    let fixture = json!({ "whole": whole, "plan": plain_plan, "rows": plain_rows });
    let text = serde_json::to_string_pretty(&fixture).unwrap() + "\n";
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/wire.fixture.json");
    if std::fs::read_to_string(&path).unwrap_or_default() != text {
        std::fs::write(&path, &text).unwrap();
        panic!("ui/src/lib/wire.fixture.json was out of date and has been rewritten; commit it");
    }
}

/// The whole snapshot of a 2,000-task plan is a fraction of its plain JSON.
#[test]
fn columns_are_much_shorter_than_objects() {
    let plan = admiral_core::demo::demo_plan_sized(2_000, 1);
    let s = schedule(&plan, &ScheduleOptions::default()).unwrap();
    let rows = schedule_view(&plan, &s, 0).rows;
    let plain = serde_json::to_string(&json!({ "plan": plan, "rows": rows })).unwrap();
    let whole = serde_json::to_string(&admiral_desktop::wire::whole(&plan, rows)).unwrap();
    let ratio = whole.len() as f64 / plain.len() as f64;
    assert!(ratio < 0.4, "{} of {} bytes", whole.len(), plain.len());
    let _: Value = serde_json::from_str(&whole).unwrap();
}
