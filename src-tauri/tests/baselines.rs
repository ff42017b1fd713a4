//! The weekly routine through the commands: baselines saved, shown and cleared, progress
//! updated for one task and "as scheduled through a date", earned value at a status date.

use serde_json::{json, Value};

mod common;
use common::*;

/// The row of the first critical task that is neither a summary nor a milestone.
fn critical_row(s: &Value) -> usize {
    s["schedule"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .position(|r| r["critical"] == true && r["summary"] == false && r["milestone"] == false)
        .unwrap()
}

fn task_id(s: &Value, i: usize) -> Value {
    s["plan"]["tasks"][i]["id"].clone()
}

fn newest_label(a: &App) -> String {
    let f = json!({"text": null, "entityKind": null, "actor": null, "since": null,
                   "until": null, "beforeSeq": null, "limit": 1});
    a.ok("audit_log", json!({ "filter": f }))["entries"][0]["label"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn a_saved_baseline_shows_bars_and_a_slip_as_variance_and_undo_takes_it_back() {
    let a = app();
    let s0 = a.snap("open_demo", json!({}));
    assert_eq!(s0["shownBaseline"], 0);
    assert!(s0["schedule"]["rows"][0]["baseline"].is_null());
    let s1 = a.snap(
        "save_baseline",
        json!({"number": 0, "name": "Commit", "releaseId": null}),
    );
    assert_eq!(newest_label(&a), "Save baseline 0 'Commit'");
    assert_eq!(s1["plan"]["baselines"].as_array().unwrap().len(), 1);
    let i = critical_row(&s1);
    let row = &s1["schedule"]["rows"][i];
    assert_eq!(row["baseline"]["start"], row["start"]);
    assert_eq!(row["baseline"]["finish"], row["finish"]);
    assert_eq!(row["baseline"]["finishVariance"], 0);
    assert_eq!(row["baseline"]["slipped"], false);
    let list = a.ok("list_baselines", json!({}));
    assert_eq!(list[0]["number"], 0);
    assert_eq!(list[0]["name"], "Commit");
    assert!(list[0]["release"].is_null());

    // Slip the task by three days: a delta still, its row late by three working days.
    let id = task_id(&s1, i);
    let dur = s1["plan"]["tasks"][i]["duration"]["minutes"]
        .as_i64()
        .unwrap();
    let raw = a
        .call(
            "set_duration",
            json!({"taskId": id, "text": format!("{}d", dur / 480 + 3)}),
        )
        .unwrap();
    assert!(raw["plan"].is_null(), "a duration edit sends a delta");
    let s2 = merge(&s1, raw);
    let row = &s2["schedule"]["rows"][i];
    assert_eq!(row["baseline"]["finishVariance"], 3 * 480);
    assert_eq!(row["baseline"]["slipped"], true);
    assert_eq!(
        row["baseline"]["finish"],
        s1["schedule"]["rows"][i]["finish"]
    );
    // Merged, the rows equal what a fresh open sends.
    let path = s2["path"].as_str().unwrap().to_string();
    let again = a.snap("open_plan", json!({"path": path}));
    assert_eq!(again["schedule"]["rows"], s2["schedule"]["rows"]);

    // Undo the slip, then the save: no baseline, no baseline values in the rows.
    a.snap("undo", json!({}));
    let s3 = a.snap("undo", json!({}));
    assert!(s3["plan"]["baselines"].as_array().unwrap().is_empty());
    assert!(s3["schedule"]["rows"][i]["baseline"].is_null());
    assert_eq!(a.ok("list_baselines", json!({})), json!([]));
    let s4 = a.snap("redo", json!({}));
    assert_eq!(s4["plan"]["baselines"][0]["name"], "Commit");
    assert_eq!(s4["schedule"]["rows"][i]["baseline"]["finishVariance"], 0);
}

#[test]
fn clearing_a_baseline_is_undoable_and_an_unset_one_is_refused() {
    let a = app();
    a.snap("open_demo", json!({}));
    a.snap(
        "save_baseline",
        json!({"number": 3, "name": null, "releaseId": null}),
    );
    let e = a.err("clear_baseline", json!({"number": 4}));
    assert_eq!(e["kind"], "invalid");
    assert!(e["message"].as_str().unwrap().contains("not set"), "{e}");
    let e = a.err(
        "save_baseline",
        json!({"number": 11, "name": null, "releaseId": null}),
    );
    assert_eq!(e["kind"], "invalid");
    let s = a.snap("clear_baseline", json!({"number": 3}));
    assert_eq!(newest_label(&a), "Clear baseline 3 'Baseline 3'");
    assert!(s["plan"]["baselines"].as_array().unwrap().is_empty());
    let s = a.snap("undo", json!({}));
    assert_eq!(s["plan"]["baselines"][0]["number"], 3);
    // Shown: baseline 3's values in the rows; baseline 0 (not set) shows none.
    assert!(s["schedule"]["rows"][1]["baseline"].is_null());
    let s = a.snap("show_baseline", json!({"number": 3}));
    assert_eq!(s["shownBaseline"], 3);
    assert!(!s["schedule"]["rows"][1]["baseline"].is_null());
    assert_eq!(
        a.err("show_baseline", json!({"number": 11}))["kind"],
        "invalid"
    );
}

#[test]
fn a_release_baseline_names_its_release() {
    let a = app();
    let s = a.snap("open_demo", json!({}));
    let r = &s["plan"]["releases"][0];
    a.snap(
        "save_baseline",
        json!({"number": 1, "name": "Release commit", "releaseId": r["id"]}),
    );
    assert_eq!(
        newest_label(&a),
        format!(
            "Save baseline 1 'Release commit' for release {}",
            r["code"].as_str().unwrap()
        )
    );
    let list = a.ok("list_baselines", json!({}));
    assert_eq!(list[0]["release"], r["code"]);
    assert_eq!(list[0]["releaseId"], r["id"]);
}

#[test]
fn progress_of_one_task_and_through_a_date() {
    let a = app();
    let s0 = a.snap("open_demo", json!({}));
    let i = critical_row(&s0);
    let id = task_id(&s0, i);
    let none =
        json!({"percent": null, "actualStart": null, "actualFinish": null, "remaining": null});
    let mut u = none.clone();
    u["percent"] = json!(50);
    let raw = a
        .call("update_progress", json!({"taskId": id, "update": u}))
        .unwrap();
    assert!(raw["plan"].is_null(), "a progress update sends a delta");
    let s1 = merge(&s0, raw);
    let t = &s1["plan"]["tasks"][i];
    assert_eq!(t["progress"]["percent_complete"], 50);
    assert_eq!(
        t["progress"]["actual_start"],
        s0["schedule"]["rows"][i]["start"]
    );
    assert!(newest_label(&a).starts_with("Update progress of "));
    // Bad input: one clear line, nothing changed.
    let mut bad = none.clone();
    bad["remaining"] = json!("three days");
    assert_eq!(
        a.err("update_progress", json!({"taskId": id, "update": bad}))["kind"],
        "notation"
    );
    let mut bad = none.clone();
    bad["percent"] = json!(101);
    assert_eq!(
        a.err("update_progress", json!({"taskId": id, "update": bad}))["kind"],
        "invalid"
    );
    assert_eq!(
        a.err("update_progress", json!({"taskId": id, "update": none}))["kind"],
        "invalid"
    );
    let summary = first_summary_row(&s0);
    let mut u = none.clone();
    u["percent"] = json!(10);
    let e = a.err(
        "update_progress",
        json!({"taskId": task_id(&s0, summary), "update": u}),
    );
    assert!(e["message"].as_str().unwrap().contains("summary"), "{e}");

    // Through the finish of the task after it: every task finished by then is 100 %.
    let date = s0["schedule"]["rows"][i]["finish"].clone();
    let s2 = a.snap("update_through", json!({"date": date}));
    assert!(newest_label(&a).starts_with("Update progress as scheduled through"));
    let rows = s2["schedule"]["rows"].as_array().unwrap();
    let tasks = s2["plan"]["tasks"].as_array().unwrap();
    let mut done = 0;
    for (t, r) in tasks.iter().zip(rows) {
        if r["summary"] == false && r["finish"].as_str() <= date.as_str() {
            assert_eq!(t["progress"]["percent_complete"], 100, "{}", t["name"]);
            done += 1;
        }
    }
    assert!(done > 0);
    // Nothing left to update through the same date: said, not saved.
    let e = a.err("update_through", json!({"date": date}));
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .starts_with("Nothing to change"),
        "{e}"
    );
    // Undo takes the whole update back.
    let s3 = a.snap("undo", json!({}));
    assert_eq!(s3["plan"]["tasks"], s1["plan"]["tasks"]);
}

#[test]
fn earned_value_needs_a_baseline_and_spi_is_bcwp_over_bcws() {
    let a = app();
    let s0 = a.snap("open_demo", json!({}));
    let date = s0["schedule"]["rows"][critical_row(&s0)]["finish"].clone();
    let e = a.err(
        "earned_value_at",
        json!({"statusDate": date, "baseline": 0}),
    );
    assert_eq!(e["kind"], "not_found");
    a.snap(
        "save_baseline",
        json!({"number": 0, "name": null, "releaseId": null}),
    );
    a.snap("update_through", json!({"date": date}));
    let ev = a.ok(
        "earned_value_at",
        json!({"statusDate": date, "baseline": 0}),
    );
    assert_eq!(ev["baselineName"], "Baseline");
    let p = &ev["plan"];
    let (bcws, bcwp) = (p["bcws"].as_f64().unwrap(), p["bcwp"].as_f64().unwrap());
    assert!(bcws > 0.0 && bcwp > 0.0, "{p}");
    assert_eq!(p["spi"].as_f64().unwrap(), bcwp / bcws);
    assert_eq!(
        ev["releases"].as_array().unwrap().len(),
        s0["plan"]["releases"].as_array().unwrap().len()
    );
}
