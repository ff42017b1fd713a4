//! `schedule --json` written by hand against serde_json's pretty printer.

use super::super::schedule::{print, run};
use super::*;
use crate::output::Iso;
use admiral_core::{Plan, TaskId};
use std::collections::HashMap;

/// The document as serde_json's pretty printer writes it: what `schedule --json` wrote
/// before `schedule_json`, and must still write.
#[derive(Serialize)]
struct Reference<'a> {
    project: JsonSpan,
    tasks: Vec<JsonTask<'a>>,
    #[serde(flatten)]
    rest: JsonRest<'a>,
}

fn reference(plan: &Plan, baseline: Option<u8>) -> String {
    let s = run(plan, None).unwrap();
    let keys: HashMap<TaskId, String> = plan.tasks.iter().map(|t| (t.id, t.key())).collect();
    let key = |id: &TaskId| keys.get(id).map_or("", String::as_str);
    let against = baseline
        .map(|n| super::super::baseline::schedule_rows(plan, &s, n).unwrap())
        .unwrap_or_default();
    let percent = admiral_core::progress::percent_complete(plan);
    let tasks = json_tasks(plan, &s, &key, &percent, against);
    let doc = Reference {
        project: JsonSpan {
            start: Iso(s.start),
            finish: Iso(s.finish),
        },
        tasks: tasks.iter().collect(),
        rest: JsonRest::of(plan, &s, &key),
    };
    crate::output::json_string(&doc).unwrap() + "\n"
}

fn written(plan: &Plan, baseline: Option<u8>) -> String {
    let mut out = Vec::new();
    print(plan, None, true, baseline, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn the_hand_written_json_is_serde_jsons_byte_for_byte() {
    let mut plan = admiral_core::demo::demo_plan();
    plan.tasks[3].name =
        "Quote \" backslash \\ tab \t newline \n bell \u{7} é 😀 </x> csi \u{9b} del \u{7f} £ – rlo \u{202e}"
            .into();
    plan.tasks[4].name = String::new();
    plan.releases[0].name = "R \"one\"\nsecond line".into();
    plan.tasks[5].fixed_cost.amount = admiral_core::Money::from_units(1234);
    let fast = written(&plan, None);
    assert_eq!(fast, reference(&plan, None));
    assert!(fast.contains("\"name\": \"Quote \\\" backslash"), "escaped");
    assert!(!fast.contains("\"baseline\""));

    // With a baseline: every task has one (or null) and a variance, nested two levels.
    let s = run(&plan, None).unwrap();
    let at = chrono::NaiveDate::from_ymd_opt(2027, 1, 4)
        .unwrap()
        .and_hms_opt(8, 0, 0)
        .unwrap();
    let change = admiral_core::baseline::save(&plan, &s, 1, None, None, at).unwrap();
    let mut saved = admiral_core::edit::apply_all(&plan, &change.edits).unwrap();
    saved.tasks[6].name = "Renamed after the baseline".into();
    saved.tasks.last_mut().unwrap().duration =
        admiral_core::Duration::Working(admiral_core::WorkMinutes::days(9));
    let fast = written(&saved, Some(1));
    assert_eq!(fast, reference(&saved, Some(1)));
    assert!(fast.contains("\"variance\": {"), "{}", &fast[..2000]);
}

/// From `TWO_THREADS_FROM` tasks on, the tasks are formatted on two threads in blocks: the
/// document is still serde_json's, byte for byte, whether the last block is whole or not,
/// with and without a baseline.
#[test]
fn tasks_formatted_on_two_threads_are_serde_jsons_byte_for_byte() {
    for n in [TWO_THREADS_FROM, TWO_THREADS_FROM + BLOCK + 7] {
        let mut plan = admiral_core::demo::demo_plan_sized(n, 5);
        let last = plan.tasks.len() - 1;
        plan.tasks[last].name = "Last \"one\" \\ é".into();
        assert_eq!(written(&plan, None), reference(&plan, None), "{n} tasks");
    }
    let plan = admiral_core::demo::demo_plan_sized(TWO_THREADS_FROM + 3, 6);
    let s = run(&plan, None).unwrap();
    let at = s.start;
    let change = admiral_core::baseline::save(&plan, &s, 2, None, None, at).unwrap();
    let saved = admiral_core::edit::apply_all(&plan, &change.edits).unwrap();
    let fast = written(&saved, Some(2));
    assert_eq!(fast, reference(&saved, Some(2)));
    assert!(fast.contains("\"variance\": {"));
}

/// Each task's key as a map of a string per task gives it: the MSPDI UID or the number, the
/// later task's for an id two tasks share, "" for an id no task has.
#[test]
fn task_keys_are_a_maps_keys() {
    let mut plan = admiral_core::demo::demo_plan_sized(300, 3);
    for (i, t) in plan.tasks.iter_mut().enumerate() {
        if i % 3 == 0 {
            t.external_uid = Some(i as i64 * 1_000_003 - 7);
        }
    }
    plan.tasks[10].id = plan.tasks[250].id;
    let map: HashMap<TaskId, String> = plan.tasks.iter().map(|t| (t.id, t.key())).collect();
    let keys = TaskKeys::of(&plan);
    for t in &plan.tasks {
        assert_eq!(keys.get(&t.id), map[&t.id]);
    }
    assert_eq!(keys.get(&plan.tasks[10].id), plan.tasks[250].key());
    assert_eq!(keys.get(&TaskId::new()), "");
    assert_eq!(TaskKeys::of(&Plan::default()).get(&plan.tasks[0].id), "");
}
