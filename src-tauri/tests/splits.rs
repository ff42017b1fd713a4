//! Splitting a task in the app (MS Project's Split Task) through the commands, as the task
//! panel calls them: core's rules, one undoable change each, the row carrying the periods the
//! task works for its Gantt bar.

use serde_json::{json, Value};

mod common;
use common::*;

/// The row and id of the first automatically scheduled, unstarted leaf task of 5 working
/// days or more.
fn five_day_task(s: &Value) -> (usize, Value) {
    let rows = s["schedule"]["rows"].as_array().unwrap();
    let tasks = s["plan"]["tasks"].as_array().unwrap();
    let i = (0..rows.len())
        .find(|&i| {
            rows[i]["summary"] == false
                && rows[i]["milestone"] == false
                && tasks[i]["duration"]["type"] == "working"
                && tasks[i]["duration"]["minutes"].as_i64().unwrap() >= 5 * 480
                && tasks[i]["mode"]["mode"] == "auto"
                && tasks[i]["progress"]["percent_complete"] == 0
        })
        .unwrap();
    (i, tasks[i]["id"].clone())
}

fn day(v: &Value) -> &str {
    &v.as_str().unwrap()[..10]
}

#[test]
fn a_split_task_works_in_two_periods_finishes_later_and_joins_again() {
    let a = app();
    let s0 = a.snap("open_demo", json!({}));
    let (i, id) = five_day_task(&s0);
    let row0 = s0["schedule"]["rows"][i].clone();
    assert_eq!(row0["segments"], json!([]), "not split: no segments");

    let s1 = a.snap(
        "split_task",
        json!({"taskId": id, "after": "2d", "gap": "3d"}),
    );
    let task = &s1["plan"]["tasks"][i];
    assert_eq!(task["splits"], json!([{"after": 960, "gap": 1440}]));
    let row = &s1["schedule"]["rows"][i];
    let seg = row["segments"].as_array().unwrap();
    assert_eq!(seg.len(), 2, "{row}");
    // Its work begins at or after its start (17:00 the evening before, after an FS link).
    assert!(seg[0][0].as_str() >= row["start"].as_str(), "{row}");
    assert_eq!(seg[1][1], row["finish"], "{row}");
    assert!(
        seg[0][1].as_str() < seg[1][0].as_str(),
        "a gap between them"
    );
    assert!(
        day(&row["finish"]) > day(&row0["finish"]),
        "the gap moves the finish"
    );
    assert_eq!(row["duration"], row0["duration"], "not the duration");

    // Joined again by the app's Undo; then split twice and joined one split at a time.
    let s2 = a.snap("undo", json!({}));
    assert_eq!(s2["schedule"]["rows"][i], row0);
    assert!(s2["plan"]["tasks"][i].get("splits").is_none());
    a.snap("redo", json!({}));
    a.snap(
        "split_task",
        json!({"taskId": id, "after": "4d", "gap": "1d"}),
    );
    let s3 = a.snap("join_task", json!({"taskId": id, "which": 1}));
    assert_eq!(
        s3["plan"]["tasks"][i]["splits"],
        json!([{"after": 1920, "gap": 480}])
    );
    let s4 = a.snap("join_task", json!({"taskId": id, "which": null}));
    assert_eq!(s4["schedule"]["rows"][i], row0);
}

#[test]
fn a_split_core_refuses_is_explained_and_changes_nothing() {
    let a = app();
    let s0 = a.snap("open_demo", json!({}));
    let (i, id) = five_day_task(&s0);
    let summary = first_summary_row(&s0);
    for (task, after, gap, words) in [
        (&id, "20d", "1d", "before its end"),
        (&id, "1d", "0d", "needs a gap"),
        (&id, "soon", "1d", "soon"),
        (&id, "1ed", "1d", "working time"),
        (
            &s0["plan"]["tasks"][summary]["id"],
            "1d",
            "1d",
            "is a summary",
        ),
    ] {
        let e = a.err(
            "split_task",
            json!({"taskId": task, "after": after, "gap": gap}),
        );
        let kind = if after == "soon" {
            "notation"
        } else {
            "invalid"
        };
        assert_eq!(e["kind"], kind, "{e}");
        let m = e["message"].as_str().unwrap();
        assert!(m.contains(words), "{m}");
    }
    let e = a.err("join_task", json!({"taskId": id, "which": null}));
    assert!(
        e["message"].as_str().unwrap().contains("is not split"),
        "{e}"
    );
    let s1 = a.ok("open_plan", json!({"path": s0["path"]}));
    assert_eq!(s1["canUndo"], s0["canUndo"], "no change was recorded");
    assert_eq!(s1["schedule"]["rows"][i], s0["schedule"]["rows"][i]);
}

/// The instant halfway between two of a row's dates, as the UI sends it.
fn halfway(a: &Value, b: &Value) -> String {
    let t = |v: &Value| {
        chrono::NaiveDateTime::parse_from_str(v.as_str().unwrap(), "%Y-%m-%dT%H:%M:%S").unwrap()
    };
    let (a, b) = (t(a), t(b));
    (a + (b - a) / 2).format("%Y-%m-%dT%H:%M:%S").to_string()
}

#[test]
fn a_task_split_where_its_bar_is_clicked_works_in_two_periods_and_undoes() {
    let a = app();
    let s0 = a.snap("open_demo", json!({}));
    let (i, id) = five_day_task(&s0);
    let row0 = s0["schedule"]["rows"][i].clone();
    let at = halfway(&row0["start"], &row0["finish"]);

    let s1 = a.snap(
        "split_task_at",
        json!({"taskId": id, "at": at, "gap": "1d"}),
    );
    let splits = s1["plan"]["tasks"][i]["splits"].as_array().unwrap().clone();
    assert_eq!(splits.len(), 1, "{splits:?}");
    assert_eq!(splits[0]["gap"], 480, "a day's gap");
    let after = splits[0]["after"].as_i64().unwrap();
    let work = s0["plan"]["tasks"][i]["duration"]["minutes"]
        .as_i64()
        .unwrap();
    assert!(
        0 < after && after < work,
        "after some of its work: {after} of {work}"
    );
    let row = s1["schedule"]["rows"][i].clone();
    let seg = row["segments"].as_array().unwrap().clone();
    assert_eq!(seg.len(), 2, "{row}");
    assert!(
        day(&row["finish"]) > day(&row0["finish"]),
        "the gap moves the finish"
    );

    // An instant in the gap (where the first period stops) is refused with core's sentence.
    let e = a.err(
        "split_task_at",
        json!({"taskId": id, "at": seg[0][1], "gap": "1d"}),
    );
    assert_eq!(e["kind"], "invalid", "{e}");
    let m = e["message"].as_str().unwrap();
    assert!(m.contains("does not work at"), "{m}");
    // So is an instant before the task starts.
    let e = a.err(
        "split_task_at",
        json!({"taskId": id, "at": "2000-01-03T10:00:00", "gap": "1d"}),
    );
    assert!(e["message"].as_str().unwrap().contains("does not work at"));

    let s2 = a.snap("undo", json!({}));
    assert_eq!(s2["schedule"]["rows"][i], row0, "joined again");
    assert!(s2["plan"]["tasks"][i].get("splits").is_none());
}
