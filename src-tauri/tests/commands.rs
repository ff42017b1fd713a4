//! The commands through Tauri's mock runtime, as the UI calls them: JSON in, JSON out.

use serde_json::{json, Value};

mod common;
use common::*;

fn finish(s: &Value) -> String {
    s["schedule"]["finish"].as_str().unwrap().to_string()
}

/// The first critical, non-summary task with a non-zero duration.
fn critical_task(s: &Value) -> (String, String) {
    let rows = s["schedule"]["rows"].as_array().unwrap();
    let tasks = s["plan"]["tasks"].as_array().unwrap();
    let i = rows
        .iter()
        .position(|r| r["critical"] == true && r["summary"] == false && r["milestone"] == false)
        .unwrap();
    (
        tasks[i]["id"].as_str().unwrap().to_string(),
        rows[i]["duration"].as_str().unwrap().to_string(),
    )
}

#[test]
fn open_demo_sends_plan_and_schedule_row_for_row() {
    let a = app();
    let s = a.snap("open_demo", json!({}));
    for key in [
        "path",
        "title",
        "plan",
        "schedule",
        "gateStates",
        "canUndo",
        "canRedo",
    ] {
        assert!(s.get(key).is_some(), "snapshot lacks {key}");
    }
    let tasks = s["plan"]["tasks"].as_array().unwrap();
    assert!(tasks.len() > 20);
    assert_eq!(tasks.len(), s["schedule"]["rows"].as_array().unwrap().len());
    assert!(s["title"].as_str().unwrap().starts_with("demo.admiral"));
    assert!(!s["schedule"]["criticalPath"].as_array().unwrap().is_empty());
    // The demo is in the recent list now.
    let recent = a.call("recent_files", json!({})).unwrap();
    assert!(recent[0].as_str().unwrap().ends_with("demo.admiral"));
}

#[test]
fn longer_critical_task_moves_the_finish_and_undo_redo_restore_it() {
    let a = app();
    let s0 = a.snap("open_demo", json!({}));
    let (id, dur) = critical_task(&s0);
    let days: i64 = dur.trim_end_matches('d').parse().unwrap();
    let s1 = a.snap(
        "set_duration",
        json!({"taskId": id, "text": format!("{}d", days + 5)}),
    );
    assert!(finish(&s1) > finish(&s0));
    assert_eq!(s1["canUndo"], true);
    let s2 = a.snap("undo", json!({}));
    assert_eq!(finish(&s2), finish(&s0));
    assert_eq!(s2["canRedo"], true);
    let s3 = a.snap("redo", json!({}));
    assert_eq!(finish(&s3), finish(&s1));
    // The edit is in the file: reopening shows it.
    let path = s3["path"].as_str().unwrap().to_string();
    a.call("close_plan", json!({})).unwrap();
    let s4 = a.snap("open_plan", json!({"path": path}));
    assert_eq!(finish(&s4), finish(&s1));
}

#[test]
fn a_cycle_is_refused_by_name_and_nothing_changes() {
    let a = app();
    let s0 = a.snap("open_demo", json!({}));
    let link = &s0["plan"]["links"][0];
    let pred = link["predecessor"].as_str().unwrap();
    let succ_number = s0["plan"]["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == link["successor"])
        .unwrap()["number"]
        .clone();
    let e = a
        .call(
            "set_predecessors",
            json!({"taskId": pred, "text": format!("{succ_number}FS")}),
        )
        .unwrap_err();
    assert_eq!(e["kind"], "cycle");
    let msg = e["message"].as_str().unwrap();
    assert!(
        msg.starts_with("Adding this link would create a cycle: "),
        "{msg}"
    );
    assert!(msg.contains(" → "), "{msg}");
    // Neither memory nor file changed.
    let path = s0["path"].as_str().unwrap().to_string();
    let again = a.snap("open_plan", json!({"path": path}));
    assert_eq!(again["plan"]["links"], s0["plan"]["links"]);
    assert_eq!(again["canUndo"], s0["canUndo"]);
}

#[test]
fn predecessors_in_notation_round_trip_and_bad_text_is_explained() {
    let a = app();
    let s0 = a.snap("open_demo", json!({}));
    // The last task may follow the first leaf task: no cycle can come of that.
    let rows = s0["schedule"]["rows"].as_array().unwrap();
    let first = rows.iter().position(|r| r["summary"] == false).unwrap();
    let first_number = &s0["plan"]["tasks"][first]["number"];
    let i = rows.len() - 1;
    let id = s0["plan"]["tasks"][i]["id"].as_str().unwrap();
    let text = format!("{first_number}FS+2d");
    let s1 = a.snap("set_predecessors", json!({"taskId": id, "text": text}));
    assert_eq!(s1["schedule"]["rows"][i]["predecessors"], text.as_str());
    let e = a
        .call("set_predecessors", json!({"taskId": id, "text": "1XX"}))
        .unwrap_err();
    assert_eq!(e["kind"], "notation");
    let e = a
        .call("set_duration", json!({"taskId": id, "text": "five"}))
        .unwrap_err();
    assert_eq!(e["kind"], "notation");
    assert_eq!(
        a.call("check_duration", json!({"text": "1w"})).unwrap(),
        "5d"
    );
}

#[test]
fn rows_insert_indent_outdent_and_delete() {
    let a = app();
    let s0 = a.snap("open_demo", json!({}));
    let n0 = s0["plan"]["tasks"].as_array().unwrap().len();
    let before = s0["plan"]["tasks"][2]["id"].clone();
    let s1 = a.snap("insert_task", json!({"before": before}));
    assert_eq!(s1["plan"]["tasks"].as_array().unwrap().len(), n0 + 1);
    let new = &s1["plan"]["tasks"][2];
    assert_eq!(new["name"], "New task");
    assert_eq!(s1["plan"]["tasks"][3]["id"], before);
    let id = new["id"].clone();
    let level = new["outline_level"].as_u64().unwrap();
    let s2 = a.snap("indent_task", json!({"taskId": id, "by": 1}));
    assert_eq!(
        s2["plan"]["tasks"][2]["outline_level"].as_u64().unwrap(),
        level + 1
    );
    let s3 = a.snap("indent_task", json!({"taskId": id, "by": -1}));
    assert_eq!(
        s3["plan"]["tasks"][2]["outline_level"].as_u64().unwrap(),
        level
    );
    let s4 = a.snap("delete_task", json!({"taskId": id}));
    assert_eq!(s4["plan"]["tasks"].as_array().unwrap().len(), n0);
    let e = a.call(
        "indent_task",
        json!({"taskId": s4["plan"]["tasks"][0]["id"], "by": -1}),
    );
    assert_eq!(e.unwrap_err()["kind"], "invalid");
}

/// A new user's first minutes: a blank plan, then names typed into the row below the last
/// one. Each name is one task and one undoable change; a blank name is "New task".
#[test]
fn names_typed_into_a_blank_plan_are_tasks() {
    let a = app();
    let s0 = a.snap(
        "create_plan",
        json!({"path": a.path("blank.admiral"), "name": "R1"}),
    );
    assert_eq!(s0["plan"]["tasks"].as_array().unwrap().len(), 0);
    for name in ["Design", "  Build  ", "Ship"] {
        a.snap("insert_task", json!({"before": null, "name": name}));
    }
    let s = a.snap("insert_task", json!({"before": null, "name": " "}));
    let tasks = s["plan"]["tasks"].as_array().unwrap();
    let names: Vec<_> = tasks.iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Design", "Build", "Ship", "New task"]);
    let numbers: Vec<_> = tasks
        .iter()
        .map(|t| t["number"].as_u64().unwrap())
        .collect();
    assert_eq!(numbers, [1, 2, 3, 4]);
    assert_eq!(s["schedule"]["rows"].as_array().unwrap().len(), 4);
    let s = a.snap("undo", json!({}));
    assert_eq!(s["plan"]["tasks"].as_array().unwrap().len(), 3);
    let s = a.snap("undo", json!({}));
    let names: Vec<_> = s["plan"]["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Design", "Build"]);
}

#[test]
fn why_date_ends_at_the_task() {
    let a = app();
    let s = a.snap("open_demo", json!({}));
    let last = s["schedule"]["criticalPath"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    let chain = a.call("why_date", json!({"taskId": last})).unwrap();
    let chain = chain.as_array().unwrap();
    assert!(chain.len() > 1);
    assert_eq!(chain.last().unwrap()["taskId"], last);
}

#[test]
fn save_as_continues_in_the_copy() {
    let a = app();
    let s0 = a.snap("open_demo", json!({}));
    let copy = a.path("copy.admiral");
    let s1 = a.snap("save_plan_as", json!({"path": copy}));
    assert!(s1["path"].as_str().unwrap().ends_with("copy.admiral"));
    assert_eq!(s1["plan"], s0["plan"]);
    let created = a.path("new.admiral");
    let s2 = a.snap("create_plan", json!({"path": created, "name": "R9"}));
    assert_eq!(s2["plan"]["releases"][0]["code"], "R9");
    let e = a.call("create_plan", json!({"path": created, "name": "R9"}));
    assert_eq!(e.unwrap_err()["kind"], "already_exists");
}

#[test]
fn without_a_plan_commands_say_so() {
    let a = app();
    assert_eq!(a.call("startup_plan", json!({})).unwrap(), Value::Null);
    let e = a.call("undo", json!({})).unwrap_err();
    assert_eq!(e["kind"], "no_plan");
    assert_eq!(e["message"], "No plan is open.");
    let e = a
        .call("open_plan", json!({"path": a.path("none.admiral")}))
        .unwrap_err();
    assert_eq!(e["kind"], "bad_file");
}

#[test]
fn a_duration_edit_sends_only_what_changed() {
    let a = app();
    let s0 = a.snap("open_demo", json!({}));
    let (id, _) = critical_task(&s0);
    let raw = a
        .call("set_duration", json!({"taskId": id, "text": "1d"}))
        .unwrap();
    assert!(raw["plan"].is_null());
    assert_eq!(raw["changedTasks"].as_array().unwrap().len(), 1);
    // The task's assignments change their work; only they are sent, not every assignment.
    let sent = raw["assignments"]["put"].as_array().unwrap().len();
    let assigned = s0["plan"]["assignments"].as_array().unwrap().len();
    assert!(
        (1..=3).contains(&sent),
        "{sent} assignments sent of {assigned}"
    );
    assert!(raw["links"].is_null());
    let changed = patched(&raw).len();
    let all = s0["schedule"]["rows"].as_array().unwrap().len();
    assert!((1..all).contains(&changed), "{changed} rows sent of {all}");
    // Of those rows, only the values that changed: dates and floats move, one duration text
    // changes, no gate's decision, baseline or predecessor text does. Dates go as minutes.
    let patch = &raw["schedule"]["patch"];
    for moved in ["start", "finish", "total_float"] {
        assert!(!patch[moved].is_null(), "{moved} left out");
    }
    assert_eq!(patch["duration"]["values"], json!(["1d"]));
    for kept in ["blocked_by_gate", "baseline", "predecessors", "segments"] {
        assert!(patch[kept].is_null(), "{kept} sent: {}", patch[kept]);
    }
    assert!(patch["start"]["values"][0].is_i64(), "{}", patch["start"]);
    // Merged, it equals what reopening the file gives.
    let merged = merge(&s0, raw);
    let path = s0["path"].as_str().unwrap().to_string();
    let again = a.snap("open_plan", json!({"path": path}));
    assert_eq!(merged["plan"], again["plan"]);
    assert_eq!(merged["schedule"]["rows"], again["schedule"]["rows"]);
}

/// Each delta only re-sends (and re-formats) the rows an edit can have changed; merged, the
/// deltas must still equal what a fresh open of the file sends, texts included.
#[test]
fn deltas_merged_equal_a_fresh_open_after_any_kind_of_edit() {
    let a = app();
    let s0 = a.snap("open_demo", json!({}));
    let path = s0["path"].as_str().unwrap().to_string();
    let tasks = s0["plan"]["tasks"].as_array().unwrap().clone();
    let rows = s0["schedule"]["rows"].as_array().unwrap().clone();
    let leaf = |k: usize| {
        let i = (0..rows.len())
            .filter(|&i| rows[i]["summary"] == false && rows[i]["milestone"] == false)
            .nth(k)
            .unwrap();
        tasks[i]["id"].clone()
    };
    let (a1, a2, a3) = (leaf(3), leaf(20), leaf(40));
    let number = |id: &Value| tasks.iter().find(|t| t["id"] == *id).unwrap()["number"].clone();
    let mut edits: Vec<(&str, Value)> = vec![
        ("set_duration", json!({"taskId": a1, "text": "7d"})),
        (
            "set_predecessors",
            json!({"taskId": a3, "text": format!("{}FS+2d", number(&a1))}),
        ),
        ("set_duration", json!({"taskId": a3, "text": "3ed"})),
        ("set_predecessors", json!({"taskId": a3, "text": ""})),
    ];
    // Cost and percent complete roll up to every summary above the task (kept between edits
    // and updated: core's `rollup`): a fixed cost, progress, an assignment's work.
    edits.push((
        "set_fixed_cost",
        json!({"taskId": a2, "cents": 1_234_500, "accrual": "start"}),
    ));
    edits.push((
        "update_progress",
        json!({"taskId": a1, "update": {"percent": 40}}),
    ));
    // (of the last task that has one: few tasks follow it)
    let assignment = tasks
        .iter()
        .rev()
        .find_map(|t| {
            let all = s0["plan"]["assignments"].as_array().unwrap();
            all.iter().find(|x| x["task_id"] == t["id"])
        })
        .unwrap()["id"]
        .clone();
    edits.push((
        "set_assignment_work",
        json!({"id": assignment, "minutes": 9_600}),
    ));
    edits.push(("delete_assignment", json!({"id": assignment})));
    // A link moved to another successor changes the texts of both tasks.
    let link = s0["plan"]["links"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["successor"] == a2)
        .unwrap()
        .clone();
    let mut moved = link.clone();
    moved["successor"] = a3.clone();
    edits.push(("put_link", json!({"link": moved})));
    edits.push(("delete_link", json!({"id": link["id"]})));
    // Renumbering a task changes the predecessor text of every task it leads to. The last
    // task moves to 9001 in place, which frees its number for its predecessor (say "131" →
    // "132").
    let (last, before_last) = (&tasks[tasks.len() - 1], &tasks[tasks.len() - 2]);
    assert_eq!(
        rows.last().unwrap()["predecessors"],
        before_last["number"].to_string()
    );
    let mut renumbered = last.clone();
    renumbered["number"] = json!(9001);
    edits.push(("update_task", json!({"task": renumbered})));
    let mut renumbered = before_last.clone();
    renumbered["number"] = last["number"].clone();
    edits.push(("update_task", json!({"task": renumbered})));
    // Splits: the split task's row carries its segments, and a join takes them away. (An
    // unstarted task: a finished one is not split.)
    let unstarted = (0..rows.len())
        .find(|&i| {
            rows[i]["summary"] == false
                && rows[i]["milestone"] == false
                && tasks[i]["progress"]["percent_complete"] == 0
                && rows[i]["duration"]
                    .as_str()
                    .and_then(|d| d.strip_suffix('d'))
                    .and_then(|d| d.parse::<f64>().ok())
                    .is_some_and(|d| d >= 2.0)
        })
        .map(|i| tasks[i]["id"].clone())
        .unwrap();
    edits.push((
        "split_task",
        json!({"taskId": unstarted, "after": "2h", "gap": "3d"}),
    ));
    edits.push((
        "split_task",
        json!({"taskId": unstarted, "after": "1d", "gap": "1d"}),
    ));
    edits.push(("join_task", json!({"taskId": unstarted, "which": 1})));
    // A second window reads the file afresh after each edit; the first keeps its deltas.
    let reader = app();
    let mut view = s0;
    for (cmd, args) in edits {
        let raw = a.ok(cmd, args.clone());
        assert!(raw["plan"].is_null(), "{cmd} sent the whole plan");
        let sent = patched(&raw).len();
        assert!(sent < rows.len() / 2, "{cmd} sent {sent} rows");
        assert_small_lists(&raw, cmd);
        view = merge(&view, raw);
        let fresh = reader.ok("open_plan", json!({"path": path}));
        assert_eq!(view["plan"], fresh["plan"], "{cmd} {args}");
        assert_eq!(
            view["schedule"]["rows"], fresh["schedule"]["rows"],
            "{cmd} {args}"
        );
    }
    let texts = view["schedule"]["rows"].as_array().unwrap();
    assert_eq!(
        texts.last().unwrap()["predecessors"],
        last["number"].to_string()
    );
    // Undo and redo every one of those edits: each answer is a delta too, and merged it
    // still equals a fresh read of the file.
    let n = 11;
    for cmd in std::iter::repeat_n("undo", n).chain(std::iter::repeat_n("redo", n)) {
        let raw = a.ok(cmd, json!({}));
        assert!(raw["plan"].is_null(), "{cmd} sent the whole plan");
        assert_small_lists(&raw, cmd);
        view = merge(&view, raw);
        let fresh = reader.ok("open_plan", json!({"path": path}));
        assert_eq!(view["plan"], fresh["plan"], "{cmd}");
        assert_eq!(view["schedule"]["rows"], fresh["schedule"]["rows"], "{cmd}");
        assert_eq!(view["canUndo"], fresh["canUndo"], "{cmd}");
        assert_eq!(view["canRedo"], fresh["canRedo"], "{cmd}");
    }
}

/// A delta names the few links and assignments an edit changed, never every one.
fn assert_small_lists(raw: &Value, cmd: &str) {
    for list in ["links", "assignments"] {
        if raw[list].is_null() {
            continue;
        }
        let n = |k: &str| raw[list][k].as_array().unwrap().len();
        assert!(n("put") + n("removed") <= 3, "{cmd} sent {}", raw[list]);
        assert_eq!(n("put"), n("at"));
    }
}

/// Undoing a change to anything but tasks and links (here a risk) sends the whole plan.
#[test]
fn undo_of_other_changes_sends_the_whole_plan() {
    let a = app();
    let s0 = a.snap("open_demo", json!({}));
    let mut risk = s0["plan"]["risks"][0].clone();
    risk["title"] = json!("Renamed risk");
    a.snap("put_risk", json!({"value": risk}));
    let raw = a.ok("undo", json!({}));
    assert_eq!(
        raw["plan"]["risks"][0]["title"],
        s0["plan"]["risks"][0]["title"]
    );
}

#[test]
fn risks_gates_calendars_and_resources_are_edited_through_the_same_path() {
    let a = app();
    let s0 = a.snap("open_demo", json!({}));
    let mut risk = s0["plan"]["risks"][0].clone();
    risk["title"] = json!("Renamed risk");
    let s1 = a.snap("put_risk", json!({"value": risk}));
    assert_eq!(s1["plan"]["risks"][0]["title"], "Renamed risk");

    // Approving every approver of a pending gate approves the gate.
    let gates = s1["plan"]["gates"].as_array().unwrap();
    let i = (0..gates.len())
        .find(|&i| {
            s1["gateStates"][i] == "pending"
                && !gates[i]["approvers"].as_array().unwrap().is_empty()
        })
        .unwrap();
    let mut gate = gates[i].clone();
    for ap in gate["approvers"].as_array_mut().unwrap() {
        ap["decision"] = json!("approved");
    }
    let s2 = a.snap("put_gate", json!({"value": gate}));
    assert_eq!(s2["gateStates"][i], "approved");

    let mut cal = s2["plan"]["calendars"][0].clone();
    cal["name"] = json!("Standard (renamed)");
    let s3 = a.snap("put_calendar", json!({"value": cal}));
    assert_eq!(s3["plan"]["calendars"][0]["name"], "Standard (renamed)");

    // A resource still assigned cannot go; the message says why and nothing changes.
    let assigned = s3["plan"]["assignments"][0]["resource_id"].clone();
    let e = a
        .call("delete_resource", json!({"id": assigned}))
        .unwrap_err();
    assert_eq!(e["kind"], "invalid");
    assert!(e["message"].as_str().unwrap().contains("assignment"), "{e}");
    let again = a.snap("open_plan", json!({"path": s3["path"]}));
    assert_eq!(again["plan"]["resources"], s3["plan"]["resources"]);
}

#[test]
fn dragging_a_bar_sets_a_start_no_earlier_than() {
    let a = app();
    let s0 = a.snap("open_demo", json!({}));
    // A leaf task not started yet (actual dates win over constraints).
    let rows = s0["schedule"]["rows"].as_array().unwrap();
    let tasks = s0["plan"]["tasks"].as_array().unwrap();
    let i = (0..rows.len())
        .position(|i| {
            rows[i]["summary"] == false
                && rows[i]["milestone"] == false
                && tasks[i]["progress"]["actual_start"].is_null()
        })
        .unwrap();
    let id = s0["plan"]["tasks"][i]["id"].clone();
    let s1 = a.snap(
        "set_start",
        json!({"taskId": id, "start": "2027-03-01T08:00:00"}),
    );
    assert_eq!(
        s1["plan"]["tasks"][i]["constraint"],
        json!({"type": "snet", "date": "2027-03-01T08:00:00"})
    );
    assert!(s1["schedule"]["rows"][i]["start"].as_str().unwrap() >= "2027-03-01T08:00:00");
}

/// A duration edit of an unassigned task reruns the network kept from the last schedule
/// instead of compiling the plan again (core's `Scheduler`): after such edits, a link
/// edit, an undo and more duration edits, every row equals the rows of the same file opened
/// afresh in another window.
#[test]
fn duration_edits_on_the_kept_network_give_the_rows_of_a_fresh_open() {
    let a = app();
    let s0 = a.snap("open_demo", json!({}));
    let path = s0["path"].as_str().unwrap().to_string();
    let assigned: Vec<&Value> = s0["plan"]["assignments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| &x["task_id"])
        .collect();
    let rows = s0["schedule"]["rows"].as_array().unwrap();
    let tasks = s0["plan"]["tasks"].as_array().unwrap();
    let free: Vec<String> = (0..tasks.len())
        .filter(|&i| {
            rows[i]["summary"] == false
                && tasks[i]["duration"]["type"] == "working"
                && tasks[i]["duration"]["minutes"].as_i64().unwrap() > 0
                && !assigned.contains(&&tasks[i]["id"])
        })
        .map(|i| tasks[i]["id"].as_str().unwrap().to_string())
        .collect();
    assert!(free.len() >= 2, "the demo has unassigned tasks");
    let fresh = || {
        let b = app();
        b.snap("open_plan", json!({ "path": path }))["schedule"]["rows"].clone()
    };
    for (k, id) in free.iter().cycle().take(4).enumerate() {
        let s = a.snap(
            "set_duration",
            json!({"taskId": id, "text": format!("{}d", 3 + 4 * k)}),
        );
        assert_eq!(s["schedule"]["rows"], fresh(), "after duration edit {k}");
    }
    let last = tasks[tasks.len() - 1]["id"].as_str().unwrap();
    let first_number = &tasks[rows.iter().position(|r| r["summary"] == false).unwrap()]["number"];
    let s = a.snap(
        "set_predecessors",
        json!({"taskId": last, "text": format!("{first_number}FS+2d")}),
    );
    assert_eq!(s["schedule"]["rows"], fresh(), "after the link edit");
    let s = a.snap("undo", json!({}));
    assert_eq!(s["schedule"]["rows"], fresh(), "after undo");
    let s = a.snap("set_duration", json!({"taskId": free[0], "text": "9d"}));
    assert_eq!(
        s["schedule"]["rows"],
        fresh(),
        "after the last duration edit"
    );
}

/// An undo applies the edits it replayed to the plan the app holds, unless another
/// connection (the CLI, a second window) changed the file since the app read it: then the
/// app's plan is stale, and the undo reads the file again. The view after it equals a fresh
/// open either way.
#[test]
fn an_undo_after_a_change_made_elsewhere_shows_the_file() {
    let a = app();
    let s0 = a.snap("open_demo", json!({}));
    let path = s0["path"].as_str().unwrap().to_string();
    let (id, _) = critical_task(&s0);
    // Another process renames a task the app still holds under its old name.
    let mut other = admiral_store::PlanFile::open(std::path::Path::new(&path)).unwrap();
    let mut plan = other.load().unwrap();
    plan.tasks[3].name = "Renamed by the CLI".into();
    let renamed = plan.tasks[3].clone();
    other
        .apply(&[admiral_core::edit::Edit::PutTask(renamed)], "rename")
        .unwrap();
    let mut view = merge(
        &s0,
        a.ok("set_duration", json!({"taskId": id, "text": "2d"})),
    );
    view = merge(&view, a.ok("undo", json!({})));
    let fresh = app().ok("open_plan", json!({"path": path}));
    assert_eq!(view["plan"]["tasks"][3]["name"], "Renamed by the CLI");
    assert_eq!(view["plan"], fresh["plan"]);
    assert_eq!(view["schedule"]["rows"], fresh["schedule"]["rows"]);
}
