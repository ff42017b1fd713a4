//! `admiral task …` and `admiral risk add`: core's WBS and risk rules from the command line.

mod common;
use common::*;

use serde_json::Value;

fn tasks(plan: &str) -> Vec<Value> {
    json(&["show", plan, "--json"])["tasks"]
        .as_array()
        .unwrap()
        .clone()
}

fn new_plan(dir: &std::path::Path) -> String {
    let plan = dir.join("p.admiral");
    let p = plan.to_str().unwrap().to_string();
    ok(&["new", &p, "--name", "R1", "--start", "2027-03-01"]);
    p
}

#[test]
fn tasks_are_inserted_renumbered_indented_and_linked() {
    let dir = tempfile::tempdir().unwrap();
    let p = new_plan(dir.path());
    assert_eq!(ok(&["task", "insert", &p]).trim(), "Insert task 1");
    ok(&["task", "insert", &p]);
    ok(&["task", "insert", &p]);
    assert_eq!(
        ok(&["task", "insert", &p, "--before", "2"]).trim(),
        "Insert task 2"
    );
    let t = tasks(&p);
    let numbers: Vec<i64> = t.iter().map(|t| t["number"].as_i64().unwrap()).collect();
    assert_eq!(numbers, [1, 2, 3, 4]);

    ok(&["task", "indent", &p, "2"]);
    let levels: Vec<i64> = tasks(&p)
        .iter()
        .map(|t| t["outline_level"].as_i64().unwrap())
        .collect();
    assert_eq!(levels, [1, 2, 1, 1]);
    let err = fails(&["task", "outdent", &p, "1"]);
    assert!(err.contains("top level"), "{err}");

    assert_eq!(
        ok(&["task", "predecessors", &p, "4", "3FS+2d, 1SS"]).trim(),
        "Set predecessors of task 4"
    );
    let links = json(&["show", &p, "--json"])["links"].clone();
    let mut kinds: Vec<String> = links
        .as_array()
        .unwrap()
        .iter()
        .map(|l| format!("{}{}", l["kind"].as_str().unwrap(), l["lag"]["value"]))
        .collect();
    kinds.sort();
    assert_eq!(kinds, ["FS960", "SS0"]);
    ok(&["task", "duration", &p, "3", "2w"]);
    assert_eq!(tasks(&p)[2]["duration"]["minutes"], 4800);

    // A cycle is refused and nothing is saved.
    let before = tasks(&p);
    let err = fails(&["task", "predecessors", &p, "3", "4"]);
    assert!(err.contains("cycle"), "{err}");
    assert_eq!(tasks(&p), before);
    let err = fails(&["task", "predecessors", &p, "3", "9"]);
    assert!(err.contains("task 9 does not exist"), "{err}");
}

#[test]
fn a_risk_is_added_open_and_needs_a_title() {
    let dir = tempfile::tempdir().unwrap();
    let p = new_plan(dir.path());
    assert_eq!(
        ok(&["risk", "add", &p, "Vendor goes bust"]).trim(),
        "Add risk 'Vendor goes bust'"
    );
    let risks = json(&["show", &p, "--json"])["risks"].clone();
    assert_eq!(risks[0]["title"], "Vendor goes bust");
    assert_eq!(risks[0]["status"], "open");
    fails(&["risk", "add", &p, "  "]);
}

/// `task split` and `task join`: MS Project's split task from the command line. The split
/// task's finish moves later by the gap, `schedule --json` gives its periods of work, and
/// the plan file keeps the split.
#[test]
fn a_task_is_split_and_joined_again() {
    let dir = tempfile::tempdir().unwrap();
    let p = new_plan(dir.path());
    ok(&["task", "insert", &p]);
    ok(&["task", "duration", &p, "1", "10d"]);
    let sched = |p: &str| json(&["schedule", p, "--json"])["tasks"][0].clone();
    assert_eq!(sched(&p)["finish"], "2027-03-12T17:00:00");
    assert!(sched(&p).get("segments").is_none());
    assert_eq!(
        ok(&["task", "split", &p, "1", "--after", "4d", "--gap", "3d"]).trim(),
        "Split task 1 after 4d of work for 3d"
    );
    let t = sched(&p);
    assert_eq!(t["finish"], "2027-03-17T17:00:00");
    assert_eq!(
        t["segments"],
        serde_json::json!([
            {"start": "2027-03-01T08:00:00", "finish": "2027-03-04T17:00:00"},
            {"start": "2027-03-10T08:00:00", "finish": "2027-03-17T17:00:00"}
        ])
    );
    for (args, says) in [
        (vec!["--after", "10d", "--gap", "1d"], "before its end"),
        (vec!["--after", "2d", "--gap", "0d"], "needs a gap"),
        (vec!["--after", "2ed", "--gap", "1d"], "in working time"),
    ] {
        let mut a = vec!["task", "split", &p, "1"];
        a.extend(args);
        let err = fails(&a);
        assert!(err.contains(says), "{err}");
    }
    // Where the bar would be clicked: Wednesday 3 March 13:00, 2.5 days into the work.
    let err = fails(&[
        "task",
        "split",
        &p,
        "1",
        "--at",
        "2027-03-08T10:00",
        "--gap",
        "1d",
    ]);
    assert!(err.contains("does not work at 2027-03-08 10:00"), "{err}");
    assert_eq!(
        ok(&[
            "task",
            "split",
            &p,
            "1",
            "--at",
            "2027-03-03T13:00",
            "--gap",
            "1d"
        ])
        .trim(),
        "Split task 1 at 2027-03-03 13:00 for 1d"
    );
    assert_eq!(sched(&p)["finish"], "2027-03-18T17:00:00");
    let err = usage_error(&["task", "split", &p, "1", "--gap", "1d"]);
    assert!(err.contains("--after"), "{err}");
    assert_eq!(
        ok(&["task", "join", &p, "1", "--split", "1"]).trim(),
        "Remove split 1 of task 1"
    );
    assert_eq!(
        ok(&["task", "join", &p, "1"]).trim(),
        "Join the work of task 1 (1 split)"
    );
    assert_eq!(sched(&p)["finish"], "2027-03-12T17:00:00");
    let err = fails(&["task", "join", &p, "1"]);
    assert!(err.contains("task 1 is not split"), "{err}");
}
