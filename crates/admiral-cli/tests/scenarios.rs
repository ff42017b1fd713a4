//! `admiral scenario …`, `admiral schedule --scenario` and `admiral simulate` end to end.

mod common;
use common::*;

use serde_json::Value;

/// The key of the demo task with this name.
fn key(plan: &str, name: &str) -> String {
    let v = json(&["show", plan, "--json"]);
    let t = v["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == name)
        .unwrap_or_else(|| panic!("task '{name}'"));
    t["number"].to_string()
}

fn release_finish(v: &Value) -> String {
    v["releases"][0]["finish"].as_str().unwrap().to_string()
}

#[test]
fn the_demo_has_scenarios_and_compares_them() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo(dir.path());
    let list = json(&["scenario", "list", &plan, "--json"]);
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Payments API slips 2 weeks"), "{names:?}");
    assert!(names.contains(&"Descope the reporting module"), "{names:?}");
    assert!(
        list.as_array().unwrap().iter().any(|s| s["from_risk"]
            .as_str()
            .is_some_and(|r| r.contains("pen-test"))),
        "{list}"
    );

    let c = json(&["scenario", "compare", &plan, "--json"]);
    assert_eq!(c["currency"], "EUR");
    assert_eq!(c["scenarios"].as_array().unwrap().len(), 3);
    let slip = &c["scenarios"][0];
    assert_eq!(slip["name"], "Payments API slips 2 weeks");
    assert!(slip["finish_delta_days"].as_f64().unwrap() > 0.0, "{slip}");
    assert!(slip["releases"][0]["delta_days"].as_f64().unwrap() > 0.0);
    let gates = c["baseline"]["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["gate"] == true)
        .count();
    assert!(gates >= 3);
    let descope = &c["scenarios"][1];
    assert!(descope["cost_delta"].as_f64().unwrap() < 0.0);
    assert!(!descope["removed_tasks"].as_array().unwrap().is_empty());
    assert!(descope["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["date"].is_null()));

    // One scenario by name, as text.
    let text = ok(&["scenario", "compare", &plan, "Payments API slips 2 weeks"]);
    assert!(text.contains("Baseline"), "{text}");
    // The plan's finish (R2027.3, which waits on R2027.1 through R2027.2) moves 5 working days.
    assert!(text.contains("+5.0d"), "{text}");

    // `schedule --scenario` shows the scenario's dates; the baseline is untouched.
    let base = json(&["schedule", &plan, "--json"]);
    let slipped = json(&[
        "schedule",
        &plan,
        "--scenario",
        "payments api slips 2 weeks",
        "--json",
    ]);
    assert!(release_finish(&slipped) > release_finish(&base));
    assert_eq!(
        release_finish(&json(&["schedule", &plan, "--json"])),
        release_finish(&base)
    );
}

#[test]
fn scenarios_are_added_set_persisted_audited_and_undone() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo(dir.path());
    let uat = key(&plan, "User acceptance test");
    let sit1 = key(&plan, "SIT cycle 1");
    let perf = key(&plan, "Performance & load test");
    let notes = key(&plan, "Release notes");
    ok(&["scenario", "add", &plan, "--name", "Everything"]);
    let out = ok(&[
        "scenario",
        "set",
        &plan,
        "Everything",
        "--duration",
        &format!("{uat}=20d"),
        "--delay",
        &format!("{sit1}=2027-03-29"),
        "--estimate",
        &format!("{perf}=3d/5d/12d"),
        "--remove",
        &notes,
        "--bridge",
        "--holiday",
        "2027-04-06",
        "--units",
        "SIT environment=0.5",
        "--risk",
        "Test environment contention",
        "--blackout",
        "2027-06-01..2027-06-04",
    ]);
    assert!(out.contains("8 override(s)"), "{out}");
    ok(&[
        "scenario",
        "set",
        &plan,
        "Everything",
        "--add-link",
        &format!("{perf}FS+2d>{uat}"),
        "--remove-link",
        &format!("{sit1}>{perf}"),
    ]);
    let list = json(&["scenario", "list", &plan, "--json"]);
    let s = list
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Everything")
        .unwrap();
    assert_eq!(s["overrides"].as_array().unwrap().len(), 10);

    let c = json(&["scenario", "compare", &plan, "Everything", "--json"]);
    assert!(c["scenarios"][0]["finish_delta_days"].as_f64().unwrap() > 5.0);

    ok(&[
        "scenario",
        "add",
        &plan,
        "--from-risk",
        "App store review rejection",
    ]);
    let names: Vec<String> = json(&["scenario", "list", &plan, "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_string())
        .collect();
    assert!(names.iter().any(|n| n.contains("App store review")));

    // Every change is audited; undo takes the last one back.
    assert!(ok(&["audit", &plan, "--verify"]).contains("intact"));
    ok(&["undo", &plan]);
    let after_undo = json(&["scenario", "list", &plan, "--json"]);
    assert_eq!(after_undo.as_array().unwrap().len(), names.len() - 1);
    ok(&["scenario", "delete", &plan, "Everything"]);
    let n = json(&["scenario", "list", &plan, "--json"])
        .as_array()
        .unwrap()
        .len();
    assert_eq!(n, names.len() - 2);
}

#[test]
fn simulate_reports_percentiles_probability_criticality_and_sensitivity() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo(dir.path());
    let args = [
        "simulate",
        plan.as_str(),
        "--iterations",
        "1500",
        "--seed",
        "42",
        "--json",
    ];
    let v = json(&args);
    let p = &v["percentiles"];
    let dates: Vec<&str> = ["p10", "p50", "p80", "p90", "p95"]
        .iter()
        .map(|k| p[k].as_str().unwrap())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    assert_eq!(v["iterations"], 1500);
    assert_eq!(v["partial"], false);
    assert_eq!(v["release"], "R2027.1");
    let prob = v["probability_on_target"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&prob));
    let bins = v["histogram"].as_array().unwrap();
    let total: u64 = bins.iter().map(|b| b["count"].as_u64().unwrap()).sum();
    assert_eq!(total, 1500);
    assert!(
        v["assumptions"]["default_uncertainty_tasks"]
            .as_u64()
            .unwrap()
            > 0
    );
    let ms = v["milestones"].as_array().unwrap();
    assert!(ms
        .iter()
        .any(|m| m["gate"] == true && m["percentiles"]["p80"].is_string()));
    let crit = v["criticality"].as_object().unwrap();
    let live = key(&plan, "R2027.1 live");
    assert!(crit[&live].as_f64().unwrap() > 0.5, "{crit:?}");
    let sens = v["sensitivity"].as_array().unwrap();
    assert!(!sens.is_empty());
    assert!(sens.iter().any(|s| s["kind"] == "risk"));
    assert!(sens.iter().any(|s| s["kind"] == "task"));
    // The same seed gives the same output.
    assert_eq!(json(&args), v);

    // Under a scenario the finish moves later.
    let slipped = json(&[
        "simulate",
        &plan,
        "--scenario",
        "Payments API slips 2 weeks",
        "--iterations",
        "500",
        "--seed",
        "42",
        "--json",
    ]);
    assert_eq!(slipped["scenario"], "Payments API slips 2 weeks");
    assert!(slipped["deterministic"].as_str() > v["deterministic"].as_str());

    let text = ok(&["simulate", &plan, "--iterations", "300"]);
    assert!(text.contains("P80"), "{text}");
    assert!(text.contains("Sensitivity"), "{text}");
}

#[test]
fn bad_input_is_refused_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo(dir.path());
    let before = std::fs::read(&plan).unwrap();
    let e = fails(&["simulate", &plan, "--iterations", "0"]);
    assert!(e.contains("at least 1"), "{e}");
    let e = fails(&["simulate", &plan, "--scenario", "Nope"]);
    assert!(e.contains("no scenario 'Nope'"), "{e}");
    let e = fails(&["schedule", &plan, "--scenario", "Nope"]);
    assert!(e.contains("no scenario 'Nope'"), "{e}");
    let e = fails(&["scenario", "compare", &plan, "Nope"]);
    assert!(e.contains("no scenario 'Nope'"), "{e}");
    let e = fails(&[
        "scenario",
        "set",
        &plan,
        "Payments API slips 2 weeks",
        "--duration",
        "9999=5d",
    ]);
    assert!(e.contains("no task with key '9999'"), "{e}");
    let uat = key(&plan, "User acceptance test");
    let e = fails(&[
        "scenario",
        "set",
        &plan,
        "Payments API slips 2 weeks",
        "--estimate",
        &format!("{uat}=12d/10d/8d"),
    ]);
    assert!(e.contains("optimistic"), "{e}");
    let e = fails(&[
        "scenario",
        "set",
        &plan,
        "Payments API slips 2 weeks",
        "--duration",
        &format!("{uat}=soon"),
    ]);
    assert!(e.contains("not a duration"), "{e}");
    let e = fails(&[
        "scenario",
        "set",
        &plan,
        "Payments API slips 2 weeks",
        "--risk",
        "Meteor strike",
    ]);
    assert!(e.contains("no risk 'Meteor strike'"), "{e}");
    let e = fails(&[
        "scenario",
        "add",
        &plan,
        "--name",
        "Descope the reporting module",
    ]);
    assert!(e.contains("already has"), "{e}");
    let e = fails(&["scenario", "add", &plan]);
    assert!(e.contains("--name"), "{e}");
    assert_eq!(std::fs::read(&plan).unwrap(), before, "nothing was written");

    let empty = dir.path().join("empty.admiral");
    let empty = empty.to_str().unwrap();
    ok(&["new", empty, "--name", "R1", "--start", "2027-03-01"]);
    let e = fails(&["simulate", empty]);
    assert!(e.contains("no tasks"), "{e}");
    let v = json(&["scenario", "compare", empty, "--json"]);
    assert!(v["scenarios"].as_array().unwrap().is_empty());
}
