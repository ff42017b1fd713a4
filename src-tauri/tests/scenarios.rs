//! The risk-register and scenario commands through Tauri's mock runtime, as the UI calls
//! them: JSON in, JSON out.

use serde_json::{json, Value};

mod common;
use common::*;

fn scenarios(s: &Value) -> Vec<Value> {
    s["plan"]["scenarios"].as_array().unwrap().clone()
}

/// The last critical task of the demo that has a working duration (not a milestone).
fn critical_task(s: &Value) -> Value {
    let tasks = s["plan"]["tasks"].as_array().unwrap();
    let rows = s["schedule"]["rows"].as_array().unwrap();
    s["schedule"]["criticalPath"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .map(|id| tasks.iter().position(|t| t["id"] == *id).unwrap())
        .find(|&i| rows[i]["milestone"] == false && tasks[i]["duration"]["type"] == "working")
        .map(|i| tasks[i].clone())
        .unwrap()
}

#[test]
fn the_register_rates_every_risk_and_maps_the_active_ones() {
    let a = app();
    let s = a.ok("open_demo", json!({}));
    let reg = a.ok("risk_register", json!({}));
    let risks = s["plan"]["risks"].as_array().unwrap();
    let ratings = reg["ratings"].as_array().unwrap();
    assert_eq!(ratings.len(), risks.len());
    let cells = reg["cells"].as_array().unwrap();
    assert_eq!(cells.len(), 25);
    let placed: usize = cells
        .iter()
        .map(|c| c["risks"].as_array().unwrap().len())
        .sum();
    let active = risks
        .iter()
        .filter(|r| r["status"] == "open" || r["status"] == "mitigating")
        .count();
    assert_eq!(placed, active);
    assert!(active < risks.len(), "the demo has an occurred risk");
    for (r, x) in risks.iter().zip(ratings) {
        assert_eq!(r["id"], x["risk_id"]);
        let expected =
            r["probability"].as_f64().unwrap() * r["schedule_impact"].as_f64().unwrap() / 480.0;
        assert!((x["exposure_days"].as_f64().unwrap() - expected).abs() < 1e-9);
    }
    assert_eq!(reg["impact_labels"][4], "≥ 10d");

    // A new risk is open, without probability or impact: the least severe cell.
    let s1 = a.ok("add_risk", json!({"title": " Vendor goes bust "}));
    let new = s1["plan"]["risks"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(new["title"], "Vendor goes bust");
    assert_eq!(new["status"], "open");
    let reg = a.ok("risk_register", json!({}));
    let low = reg["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["probability_band"] == 1 && c["impact_band"] == 1)
        .unwrap();
    assert!(low["risks"].as_array().unwrap().contains(&new["id"]));
    assert_eq!(low["severity"], "low");
    let e = a.call("add_risk", json!({"title": "  "})).unwrap_err();
    assert_eq!(e["kind"], "invalid");
}

#[test]
fn a_contingency_scenario_is_committed_and_compares_later() {
    let a = app();
    let s0 = a.ok("open_demo", json!({}));
    // No demo risk names a critical task: link one to the pen-test risk (as the register does).
    let mut risk = s0["plan"]["risks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["title"] == "Security pen-test findings")
        .unwrap()
        .clone();
    risk["task_ids"]
        .as_array_mut()
        .unwrap()
        .push(critical_task(&s0)["id"].clone());
    let s0 = a.ok("put_risk", json!({"value": risk}));
    let s1 = a.ok("create_contingency_scenario", json!({"riskId": risk["id"]}));
    assert_eq!(scenarios(&s1).len(), scenarios(&s0).len() + 1);
    let new = scenarios(&s1).last().unwrap().clone();
    assert_eq!(new["from_risk"], risk["id"]);
    assert_eq!(
        new["overrides"],
        json!([{"type": "fire_risk", "risk": risk["id"]}])
    );
    assert!(new["name"]
        .as_str()
        .unwrap()
        .contains(risk["title"].as_str().unwrap()));
    // The baseline did not move.
    assert_eq!(s1["schedule"]["finish"], s0["schedule"]["finish"]);
    assert_eq!(s1["canUndo"], true);

    let c = a.ok("compare_scenarios", json!({"ids": [new["id"]]}));
    assert_eq!(c["baseline"]["finish"], s0["schedule"]["finish"]);
    let out = &c["scenarios"][0];
    assert_eq!(out["outcome"]["scenario_id"], new["id"]);
    assert!(out["finish_delta_days"].as_f64().unwrap() > 0.0, "{out}");
    let cost = risk["cost_impact"].as_i64().unwrap();
    if cost > 0 {
        assert!(out["cost_delta"].as_i64().unwrap() >= cost);
    }

    let o = a.ok("scenario_overlay", json!({"id": new["id"]}));
    assert_eq!(o["scenario_finish"], out["outcome"]["finish"]);
    assert_eq!(o["baseline_finish"], s0["schedule"]["finish"]);
    let moved = o["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["moved"] == true)
        .count();
    assert!(moved > 0);

    // Undo takes the scenario away again.
    let s2 = a.ok("undo", json!({}));
    assert_eq!(scenarios(&s2).len(), scenarios(&s0).len());
}

#[test]
fn scenarios_are_added_renamed_edited_and_deleted() {
    let a = app();
    let s0 = a.ok("open_demo", json!({}));
    let n0 = scenarios(&s0).len();
    let s1 = a.ok("add_scenario", json!({"name": "New scenario"}));
    let s2 = a.ok("add_scenario", json!({"name": "New scenario"}));
    let names: Vec<String> = scenarios(&s2)
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names[n0..], ["New scenario", "New scenario (2)"]);
    let mut sc = scenarios(&s1).last().unwrap().clone();

    // Rename onto a taken name: refused, by name.
    sc["name"] = s0["plan"]["scenarios"][0]["name"].clone();
    let e = a.call("put_scenario", json!({"scenario": sc})).unwrap_err();
    assert_eq!(e["kind"], "invalid");
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains(s0["plan"]["scenarios"][0]["name"].as_str().unwrap()),
        "{e}"
    );

    // A good rename, with an override: 10 more days on the last critical task.
    let t = critical_task(&s0);
    let minutes = t["duration"]["minutes"].as_i64().unwrap() + 10 * 480;
    sc["name"] = json!("  Cutover runs long  ");
    sc["overrides"] = json!([{"type": "set_duration", "task": t["id"],
        "duration": {"type": "working", "minutes": minutes}}]);
    let s3 = a.ok("put_scenario", json!({"scenario": sc}));
    let saved = scenarios(&s3)
        .into_iter()
        .find(|x| x["id"] == sc["id"])
        .unwrap();
    assert_eq!(saved["name"], "Cutover runs long");
    let c = a.ok("compare_scenarios", json!({"ids": [sc["id"]]}));
    assert!(c["scenarios"][0]["finish_delta_days"].as_f64().unwrap() >= 10.0);

    // An override on a task the plan lacks: refused, naming the scenario.
    sc["overrides"] = json!([{"type": "remove_task", "bridge": false,
        "task": "00000000-0000-0000-0000-00000000beef"}]);
    let e = a.call("put_scenario", json!({"scenario": sc})).unwrap_err();
    assert_eq!(e["kind"], "invalid");
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("Scenario 'Cutover runs long', override 1 (remove task)"),
        "{e}"
    );

    let s4 = a.ok("delete_scenario", json!({"id": sc["id"]}));
    assert!(scenarios(&s4).iter().all(|x| x["id"] != sc["id"]));
    let e = a
        .call("compare_scenarios", json!({"ids": [sc["id"]]}))
        .unwrap_err();
    assert_eq!(e["kind"], "not_found");
    let e = a
        .call("delete_scenario", json!({"id": sc["id"]}))
        .unwrap_err();
    assert_eq!(e["kind"], "not_found");
}

#[test]
fn without_a_plan_the_commands_say_so() {
    let a = app();
    for (cmd, args) in [
        ("risk_register", json!({})),
        ("compare_scenarios", json!({"ids": []})),
        ("add_scenario", json!({"name": "X"})),
    ] {
        let e = a.call(cmd, args).unwrap_err();
        assert_eq!(e["kind"], "no_plan", "{cmd}");
    }
}
