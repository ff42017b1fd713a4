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
