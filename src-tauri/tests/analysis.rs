//! Schedule risk, the PDF report and MS Project import through Tauri's mock runtime, as the
//! UI calls them: JSON in, JSON out.

use admiral_core::monte_carlo::{simulate, RunControl, SimulationOptions};
use admiral_core::scenario::apply_scenario;
use admiral_desktop::commands::analysis::Simulations;
use serde_json::{json, Value};
use std::path::Path;
use tauri::Manager;

mod common;
use common::*;

/// A channel id as the JS side sends it (`new Channel()` serialised).
const CHANNEL: &str = "__CHANNEL__:7";

fn sim_args(iterations: u32, seed: u64, scenario: Value) -> Value {
    json!({ "iterations": iterations, "seed": seed, "scenarioId": scenario, "onProgress": CHANNEL })
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/mspdi")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn core_p80(plan: &admiral_core::Plan, iterations: u32, seed: u64) -> Value {
    let opts = SimulationOptions {
        iterations,
        seed,
        ..SimulationOptions::default()
    };
    let r = simulate(plan, &opts, &RunControl::default()).unwrap();
    serde_json::to_value(r.primary().percentiles.p80).unwrap()
}

#[test]
fn simulation_gives_what_core_gives_for_the_same_seed() {
    let a = app();
    a.ok("open_demo", json!({}));
    let r = a.ok("run_simulation", sim_args(600, 42, Value::Null));
    assert_eq!(r["iterations"], 600);
    assert_eq!(r["iterations_requested"], 600);
    assert_eq!(r["partial"], false);
    assert_eq!(r["seed"], 42);
    let plan = admiral_core::demo::demo_plan();
    assert_eq!(
        r["releases"][0]["finish"]["percentiles"]["p80"],
        core_p80(&plan, 600, 42)
    );
    assert!(r["releases"][0]["probability_on_target"].is_number());
    assert!(!r["sensitivity"].as_array().unwrap().is_empty());
    assert!(!r["criticality"].as_array().unwrap().is_empty());
    // Another seed draws other durations.
    let other = a.ok("run_simulation", sim_args(600, 7, Value::Null));
    assert_ne!(other["finish"]["histogram"], r["finish"]["histogram"]);
}

#[test]
fn simulation_of_a_scenario_runs_the_scenario_plan() {
    let a = app();
    let snap = a.ok("open_demo", json!({}));
    let scenarios = snap["plan"]["scenarios"].as_array().unwrap();
    let s = scenarios
        .iter()
        .find(|s| s["name"] == "Payments API slips 2 weeks")
        .unwrap();
    let r = a.ok("run_simulation", sim_args(300, 5, s["id"].clone()));
    let plan = admiral_core::demo::demo_plan();
    let scen = plan
        .scenarios
        .iter()
        .find(|x| x.name == "Payments API slips 2 weeks")
        .unwrap();
    let p = apply_scenario(&plan, scen).unwrap();
    assert_eq!(
        r["releases"][0]["finish"]["percentiles"]["p80"],
        core_p80(&p, 300, 5)
    );
    assert_ne!(
        r["releases"][0]["finish"]["percentiles"]["p80"],
        core_p80(&plan, 300, 5),
        "the scenario moves the date"
    );
    let gone = a.err(
        "run_simulation",
        sim_args(10, 1, json!("00000000-0000-4000-8000-000000000000")),
    );
    assert_eq!(gone["kind"], "not_found");
}

#[test]
fn bad_iteration_counts_are_refused_by_name() {
    let a = app();
    let none = a.err("run_simulation", sim_args(10, 1, Value::Null));
    assert_eq!(none["kind"], "no_plan");
    a.ok("open_demo", json!({}));
    for n in [0, 2_000_000] {
        let e = a.err("run_simulation", sim_args(n, 1, Value::Null));
        assert_eq!(e["kind"], "invalid");
        assert!(
            e["message"].as_str().unwrap().contains(&n.to_string()),
            "{e}"
        );
    }
    assert_eq!(a.ok("cancel_simulation", json!({})), false);
}

#[test]
fn cancel_stops_a_long_run_with_a_partial_result_and_one_run_at_a_time() {
    let a = app();
    a.ok("open_demo", json!({}));
    let requested = 400_000;
    let window = a.window.clone();
    let run = std::thread::spawn(move || {
        call(
            &window,
            "run_simulation",
            sim_args(requested, 3, Value::Null),
        )
    });
    // Wait until it has finished a few chunks.
    let runs = a.app.state::<Simulations>();
    while runs.progress().unwrap_or(0) < 1000 {
        assert!(!run.is_finished(), "the run ended early: {:?}", run.join());
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let again = a.err("run_simulation", sim_args(10, 1, Value::Null));
    assert!(
        again["message"]
            .as_str()
            .unwrap()
            .contains("already running"),
        "{again}"
    );
    assert_eq!(a.ok("cancel_simulation", json!({})), true);
    let r = run.join().unwrap().expect("a partial result");
    assert_eq!(r["partial"], true);
    assert_eq!(r["iterations_requested"], requested);
    let done = r["iterations"].as_u64().unwrap();
    assert!(done > 0 && done < u64::from(requested), "{done}");
    // Runs stop between chunks of 256 iterations.
    assert_eq!(done % admiral_core::monte_carlo::CHUNK as u64, 0);
    // The slot is free again.
    assert_eq!(a.ok("cancel_simulation", json!({})), false);
    let next = a.ok("run_simulation", sim_args(100, 1, Value::Null));
    assert_eq!(next["partial"], false);
}

fn report_args(path: &Path, sections: &[&str], scenarios: Value) -> Value {
    json!({
        "path": path.to_string_lossy(),
        "options": {
            "sections": sections,
            "scenarioIds": scenarios,
            "paper": "letter",
            "iterations": 300,
            "seed": 2027,
            "openWhenDone": false,
        }
    })
}

#[test]
fn report_export_writes_a_pdf_and_records_it_in_the_audit_trail() {
    let a = app();
    let snap = a.ok("open_demo", json!({}));
    let sections = a.ok("report_sections", json!({}));
    let names: Vec<&str> = sections
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "summary",
            "gantt",
            "gates",
            "critical",
            "risk",
            "scenarios",
            "register",
            "appendix"
        ]
    );
    let ids: Vec<Value> = snap["plan"]["scenarios"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].clone())
        .take(1)
        .collect();
    let out = a.path("r27.pdf");
    let done = a.ok(
        "export_report",
        report_args(&out, &["summary", "risk", "scenarios"], json!(ids)),
    );
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    assert_eq!(done["bytes"], bytes.len());
    assert_eq!(done["openError"], Value::Null);
    let what = done["description"].as_str().unwrap();
    assert!(
        what.starts_with("release report R2027.1 as of ")
            && what.ends_with("(summary, risk, scenarios) to r27.pdf"),
        "{what}"
    );
    let file = admiral_store::PlanFile::open(snap["path"].as_str().unwrap()).unwrap();
    let last = file.audit().unwrap().pop().unwrap();
    assert_eq!(
        (last.entity_kind.as_str(), last.action.as_str()),
        ("report", "export")
    );
    assert_eq!(last.entity_id, what);
    assert_eq!(file.changes_since_last_report().unwrap(), 0);
}

#[test]
fn report_export_refuses_bad_options_and_writes_nothing() {
    let a = app();
    a.ok("open_demo", json!({}));
    let out = a.path("x.pdf");
    let e = a.err(
        "export_report",
        report_args(&out, &["summary", "cover"], json!([])),
    );
    assert_eq!(e["kind"], "invalid");
    assert!(e["message"].as_str().unwrap().contains("'cover'"), "{e}");
    let e = a.err("export_report", report_args(&out, &[], json!([])));
    assert!(
        e["message"].as_str().unwrap().contains("No report section"),
        "{e}"
    );
    let e = a.err(
        "export_report",
        report_args(&out, &["scenarios"], json!([])),
    );
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("at least one scenario"),
        "{e}"
    );
    let missing = a.path("no/such/folder/x.pdf");
    let e = a.err(
        "export_report",
        report_args(&missing, &["summary"], json!([])),
    );
    assert_eq!(e["kind"], "io");
    assert!(
        e["message"].as_str().unwrap().contains("does not exist"),
        "{e}"
    );
    assert!(!out.exists());
}

#[test]
fn import_makes_a_new_plan_file_with_a_report() {
    let a = app();
    let target = a.path("sample.admiral");
    let r = a.ok(
        "import_new_plan",
        json!({ "source": fixture("mpxj__sample.xml"), "target": target.to_string_lossy() }),
    );
    assert_eq!(r["merged"], false);
    let tasks = r["tasks"].as_u64().unwrap();
    assert!(tasks > 0);
    let snap = a.ok("open_plan", json!({ "path": target.to_string_lossy() }));
    assert_eq!(
        snap["plan"]["tasks"].as_array().unwrap().len() as u64,
        tasks
    );
    // Null rows in MS Project are skipped and reported with their line.
    let r = a.ok(
        "import_new_plan",
        json!({ "source": fixture("mpxj__mspdinulltasks.xml"), "target": a.path("n.admiral").to_string_lossy() }),
    );
    let skipped = r["skipped"].as_array().unwrap();
    assert!(!skipped.is_empty(), "{r}");
    assert!(skipped[0]["line"].as_u64().unwrap() > 0);
    assert_eq!(skipped[0]["kind"], "task");
}

#[test]
fn import_merges_into_the_open_plan_as_one_undoable_change() {
    let a = app();
    let demo = a.ok("open_demo", json!({}));
    let n = demo["plan"]["tasks"].as_array().unwrap().len() as u64;
    let m = a.ok(
        "import_into_plan",
        json!({ "source": fixture("mpxj__sample.xml") }),
    );
    let added = m["report"]["tasks"].as_u64().unwrap();
    assert_eq!(m["report"]["merged"], true);
    let s = &m["snapshot"];
    assert_eq!(
        s["plan"]["tasks"].as_array().unwrap().len() as u64,
        n + added
    );
    // The import arrives as a release of its own beside the demo's.
    assert_eq!(
        s["plan"]["releases"].as_array().unwrap().len(),
        demo["plan"]["releases"].as_array().unwrap().len() + 1
    );
    assert_eq!(s["canUndo"], true);
    let undone = a.ok("undo", json!({}));
    assert_eq!(undone["plan"]["tasks"].as_array().unwrap().len() as u64, n);
}

#[test]
fn import_of_a_bad_file_names_it_and_changes_nothing() {
    let a = app();
    a.ok("open_demo", json!({}));
    let bad = a.path("broken.xml");
    std::fs::write(&bad, "<Project><Tasks><Task></Project>").unwrap();
    let e = a.err(
        "import_into_plan",
        json!({ "source": bad.to_string_lossy() }),
    );
    assert_eq!(e["kind"], "bad_file");
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .starts_with("Cannot import broken.xml: line "),
        "{e}"
    );
    let target = a.path("new.admiral");
    let e = a.err(
        "import_new_plan",
        json!({ "source": bad.to_string_lossy(), "target": target.to_string_lossy() }),
    );
    assert_eq!(e["kind"], "bad_file");
    assert!(!target.exists());
    // The new file, started while the source was read, left nothing behind; a plan already
    // at the target (its replacement confirmed in the save dialog) is left as it was.
    let dir = target.parent().unwrap();
    let temporary = |d: &std::path::Path| -> Vec<String> {
        std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".creating-"))
            .collect()
    };
    assert_eq!(temporary(dir), Vec::<String>::new());
    a.ok(
        "import_new_plan",
        json!({ "source": fixture("mpxj__sample.xml"), "target": target.to_string_lossy() }),
    );
    let before = std::fs::read(&target).unwrap();
    let e = a.err(
        "import_new_plan",
        json!({ "source": bad.to_string_lossy(), "target": target.to_string_lossy() }),
    );
    assert_eq!(e["kind"], "bad_file");
    assert_eq!(std::fs::read(&target).unwrap(), before);
    assert_eq!(temporary(dir), Vec::<String>::new());
}

#[test]
fn a_report_without_iterations_runs_the_count_sized_to_the_plan() {
    let a = app();
    a.ok("open_demo", json!({}));
    let out = a.path("sized.pdf");
    let mut args = report_args(&out, &["summary", "risk"], json!([]));
    args["options"]["iterations"] = Value::Null;
    a.ok("export_report", args);
    let text = std::process::Command::new("pdftotext")
        .args([out.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) runs");
    let text = String::from_utf8_lossy(&text.stdout);
    // The demo has fewer than 5,000 tasks: the full 10,000.
    assert!(text.contains("10,000 iterations"), "{text}");
}
