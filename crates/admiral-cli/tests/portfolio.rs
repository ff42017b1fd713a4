//! The portfolio commands end to end: `admiral portfolio`, `commitment add|list|delete`,
//! `changes`, `budget` and `report --portfolio` on the demo plan.

mod common;
use common::*;

use std::path::Path;
use std::process::Command;

const AS_OF: [&str; 2] = ["--as-of", "2027-01-18"];

fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) runs");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_portfolio_lists_every_release_with_the_contract_fields() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo(dir.path());
    let v = json(&[
        "portfolio",
        &plan,
        "--json",
        "--iterations",
        "300",
        "--seed",
        "5",
    ]);
    let releases = v["releases"].as_array().unwrap();
    assert!(releases.len() >= 3, "{v}");
    for r in releases {
        for f in [
            "code",
            "name",
            "status",
            "target",
            "forecast_finish",
            "p80",
            "rag",
            "rag_reason",
            "next_gate",
            "pending_gates",
            "open_high_risks",
            "budget",
            "forecast_cost",
        ] {
            assert!(r.get(f).is_some(), "{f} missing in {r}");
        }
        assert!(["green", "amber", "red"].contains(&r["rag"].as_str().unwrap()));
        assert!(!r["rag_reason"].as_str().unwrap().is_empty());
        assert!(r["p80"].is_string(), "a P80 for {}", r["code"]);
    }
    assert_eq!(v["seed"], 5);
    assert_eq!(v["iterations"], 300);
    let deps = v["dependencies"].as_array().unwrap();
    assert!(!deps.is_empty());
    for d in deps {
        for f in ["from_release", "to_release", "via", "float_min"] {
            assert!(d.get(f).is_some(), "{f} missing in {d}");
        }
        assert_ne!(d["from_release"], d["to_release"]);
        assert!(!d["via"].as_array().unwrap().is_empty());
    }
    // Same seed, same answer.
    let again = json(&[
        "portfolio",
        &plan,
        "--json",
        "--iterations",
        "300",
        "--seed",
        "5",
    ]);
    assert_eq!(v, again);
}

#[test]
fn each_release_shows_its_finish_against_baseline_0() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo(dir.path());
    let vs = |p: &str| -> Vec<(String, serde_json::Value)> {
        let v = json(&["portfolio", p, "--json", "--iterations", "50"]);
        v["releases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["code"].as_str().unwrap().to_string(),
                    r["finish_vs_baseline_days"].clone(),
                )
            })
            .collect()
    };
    // The demo has no baseline: the field is there, and null.
    let none = vs(&plan);
    assert!(none.len() >= 3);
    assert!(none.iter().all(|(_, d)| d.is_null()), "{none:?}");
    // Baseline 1 alone is not the baseline the rollup uses.
    ok(&["baseline", "set", &plan, "--number", "1"]);
    assert!(vs(&plan).iter().all(|(_, d)| d.is_null()));
    ok(&["baseline", "set", &plan]);
    let saved = vs(&plan);
    assert!(
        saved.iter().all(|(_, d)| d.as_f64() == Some(0.0)),
        "{saved:?}"
    );
    // The token vault integration (R2027.2, 20 days, 4 days of float before its release's
    // finish) takes 30: the wallet release finishes six working days late, and so does the
    // autumn release, which waits on it with no float; the spring release is unmoved.
    let show = json(&["show", &plan, "--json"]);
    let vault = show["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "Token vault integration")
        .unwrap()["number"]
        .to_string();
    ok(&["task", "duration", &plan, &vault, "30d"]);
    let late = vs(&plan);
    let of = |code: &str| late.iter().find(|(c, _)| c == code).unwrap().1.as_f64();
    assert_eq!(of("R2027.2"), Some(6.0), "{late:?}");
    assert_eq!(of("R2027.3"), Some(6.0), "{late:?}");
    assert_eq!(of("R2027.1"), Some(0.0), "{late:?}");
}

#[test]
fn commitments_are_added_listed_judged_and_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo(dir.path());
    let before = json(&["commitment", "list", &plan, "--json"]);
    let n = before.as_array().unwrap().len();
    assert!(n >= 3);
    for c in before.as_array().unwrap() {
        for f in [
            "id",
            "provider",
            "consumer",
            "milestone",
            "promised",
            "forecast",
            "state",
        ] {
            assert!(c.get(f).is_some(), "{f} missing in {c}");
        }
    }
    let states: Vec<&str> = before
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["state"].as_str().unwrap())
        .collect();
    assert!(states.contains(&"kept"), "{states:?}");
    // Promise the R2027.2 go-live a month before its forecast: at risk.
    let live = ok(&["show", &plan, "--json"]);
    let v: serde_json::Value = serde_json::from_str(&live).unwrap();
    let key = v["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "R2027.2 live")
        .map(|t| {
            t["key"]
                .as_str()
                .map(str::to_string)
                .unwrap_or_else(|| t["number"].to_string())
        })
        .unwrap();
    let said = ok(&[
        "commitment",
        "add",
        &plan,
        "--provider",
        "Digital Channels",
        "--consumer",
        "Marketing",
        "--milestone",
        &key,
        "--promised",
        "2027-05-03",
    ]);
    assert!(said.contains("Add commitment"), "{said}");
    let after = json(&["commitment", "list", &plan, "--json"]);
    let added = after
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["consumer"] == "Marketing")
        .unwrap();
    assert_eq!(added["state"], "at_risk");
    // A task that is not a milestone is refused in one line.
    let e = fails(&[
        "commitment",
        "add",
        &plan,
        "--provider",
        "A",
        "--consumer",
        "B",
        "--milestone",
        "3",
        "--promised",
        "2027-06-01",
    ]);
    assert!(e.contains("not a milestone"), "{e}");
    let e = fails(&[
        "commitment",
        "add",
        &plan,
        "--provider",
        "A",
        "--consumer",
        "B",
        "--milestone",
        &key,
        "--promised",
        "June",
    ]);
    assert!(e.contains("not a date"), "{e}");
    // Delete it by the first characters of its id; undo brings it back.
    let id = added["id"].as_str().unwrap();
    ok(&["commitment", "delete", &plan, &id[..8]]);
    assert_eq!(
        json(&["commitment", "list", &plan, "--json"])
            .as_array()
            .unwrap()
            .len(),
        n
    );
    ok(&["undo", &plan]);
    assert_eq!(
        json(&["commitment", "list", &plan, "--json"])
            .as_array()
            .unwrap()
            .len(),
        n + 1
    );
    let e = fails(&["commitment", "delete", &plan, "zzz"]);
    assert!(e.contains("no commitment"), "{e}");
}

#[test]
fn a_budget_is_set_cleared_and_refused_when_bad() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo(dir.path());
    ok(&["budget", &plan, "R2027.2", "420000"]);
    let v = json(&["portfolio", &plan, "--json", "--iterations", "100"]);
    let r2 = v["releases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "R2027.2")
        .unwrap()
        .clone();
    assert_eq!(r2["budget"], 420000.0);
    ok(&["budget", &plan, "R2027.2", "none"]);
    let v = json(&["portfolio", &plan, "--json", "--iterations", "100"]);
    let r2 = v["releases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "R2027.2")
        .unwrap()
        .clone();
    assert!(r2["budget"].is_null());
    assert!(fails(&["budget", &plan, "R2027.2", "--", "-5"]).contains("non-negative"));
    assert!(fails(&["budget", &plan, "R2027.2", "lots"]).contains("not an amount"));
    assert!(fails(&["budget", &plan, "R9", "5"]).contains("no release"));
}

#[test]
fn the_demo_has_history_and_a_moved_milestone_shows_after_the_next_report() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo(dir.path());
    // First open: the demo's last snapshot differs from today's forecast.
    let first = json(&["changes", &plan, "--json"]);
    let items = first.as_array().unwrap();
    assert!(!items.is_empty(), "the demo has history");
    for c in items {
        for f in ["kind", "what", "before", "after", "delta_days"] {
            assert!(c.get(f).is_some(), "{f} missing in {c}");
        }
    }
    // A report now: the portfolio PDF holds every release, the trend and the changes.
    let pdf = dir.path().join("p1.pdf");
    let p1 = pdf.to_str().unwrap();
    ok(&[
        "report",
        &plan,
        "--portfolio",
        "--out",
        p1,
        "--iterations",
        "300",
    ]);
    let text = pdftotext(&pdf);
    for name in [
        "Spring 2027 Enterprise Release",
        "Summer 2027 Mobile Wallet",
        "Autumn 2027 Open Banking",
    ] {
        assert!(text.contains(name), "{name} missing");
    }
    assert!(text.contains("Milestone trend"));
    assert!(text.contains("Changes since"));
    // Recorded like the release report.
    let audit = ok(&["audit", &plan]);
    assert!(audit.contains("portfolio report"), "{audit}");

    // Move a milestone: lengthen the token vault integration by ten days.
    let show: serde_json::Value = serde_json::from_str(&ok(&["show", &plan, "--json"])).unwrap();
    let vault = show["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "Token vault integration")
        .unwrap()["number"]
        .to_string();
    ok(&["task", "duration", &plan, &vault, "30d"]);
    let pdf2 = dir.path().join("p2.pdf");
    ok(&[
        "report",
        &plan,
        "--portfolio",
        "--out",
        pdf2.to_str().unwrap(),
        "--iterations",
        "300",
    ]);
    let changes = json(&["changes", &plan, "--json"]);
    let moved = changes
        .as_array()
        .unwrap()
        .iter()
        .find(|c| {
            c["what"]
                .as_str()
                .unwrap()
                .ends_with("Tokenisation API ready")
        })
        .unwrap_or_else(|| panic!("the milestone is named: {changes}"));
    assert_eq!(moved["kind"], "milestone_moved");
    assert!(moved["delta_days"].as_i64().unwrap() >= 10, "{moved}");
    let text = pdftotext(&pdf2);
    assert!(
        text.contains("Tokenisation API ready"),
        "the new PDF says so"
    );
    // The release report stores a snapshot too.
    let r = dir.path().join("r.pdf");
    ok(&[
        "report",
        &plan,
        "--out",
        r.to_str().unwrap(),
        "--iterations",
        "300",
        "--sections",
        "summary",
    ]);
    let rt = pdftotext(&r);
    assert!(
        rt.contains("Milestone trend") && rt.contains("Changes since"),
        "{rt}"
    );
    // Nothing is lost from the trail's integrity.
    ok(&["audit", &plan, "--verify"]);
    let _ = AS_OF;
}

#[test]
fn a_portfolio_report_never_replaces_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo(dir.path());
    let before = std::fs::read(&plan).unwrap();
    let e = fails(&["report", &plan, "--portfolio", "--out", &plan]);
    assert!(!e.is_empty());
    assert_eq!(std::fs::read(&plan).unwrap().len(), before.len());
}

/// A report exported by mistake (here one dated two weeks ahead) is forgotten: the next
/// "changes" compares with the report before it again, the audit trail says so, and undo
/// brings it back.
#[test]
fn a_report_is_listed_forgotten_and_brought_back() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo(dir.path());
    let listed = |plan: &str| json(&["reports", plan, "--json"]);
    let before = listed(&plan);
    let demo_reports = before.as_array().unwrap().len();
    assert!(demo_reports > 1, "the demo has report history: {before}");
    let pdf = dir.path().join("wrong.pdf");
    ok(&[
        "report",
        &plan,
        "--out",
        pdf.to_str().unwrap(),
        "--as-of",
        "2027-02-01",
        "--iterations",
        "300",
    ]);
    let with = listed(&plan);
    let all = with.as_array().unwrap();
    assert_eq!(all.len(), demo_reports + 1);
    let wrong = all.last().unwrap();
    assert_eq!(wrong["taken_at"], "2027-02-01T08:00:00");
    for f in ["id", "taken_at", "label"] {
        assert!(wrong.get(f).is_some(), "{f} missing in {wrong}");
    }
    let since = |plan: &str| ok(&["changes", plan]).lines().next().unwrap().to_string();
    assert!(since(&plan).contains("2027-02-01"), "{}", since(&plan));
    // The start of its id is enough; the table lists it whole.
    let id = wrong["id"].as_str().unwrap();
    assert!(ok(&["reports", &plan]).contains(id));
    let forgot = ok(&["reports", &plan, "--forget", &id[..8]]);
    assert!(
        forgot.starts_with("Forget the report of 2027-02-01 (release report R2027.1)"),
        "{forgot}"
    );
    assert_eq!(listed(&plan), before);
    assert!(!since(&plan).contains("2027-02-01"), "{}", since(&plan));
    assert!(ok(&["audit", &plan]).contains("Forget the report of 2027-02-01"));
    ok(&["audit", &plan, "--verify"]);
    ok(&["undo", &plan]);
    assert_eq!(listed(&plan), with);
    // Refusals name what is wrong; nothing changes.
    let e = fails(&["reports", &plan, "--forget", "ffffffff"]);
    assert!(e.contains("the plan keeps no report 'ffffffff'"), "{e}");
    let e = fails(&["reports", &plan, "--forget", "0"]);
    assert!(e.contains("'0' begins the ids of"), "{e}");
    assert_eq!(listed(&plan), with);
    // Forgotten, a report made since, then the forgetting undone: the one brought back is
    // stored after the new one, but the reports stay in date order and the latest is the new.
    ok(&["reports", &plan, "--forget", "latest"]);
    let later = dir.path().join("later.pdf");
    ok(&[
        "report",
        &plan,
        "--out",
        later.to_str().unwrap(),
        "--as-of",
        "2027-02-08",
        "--iterations",
        "300",
    ]);
    ok(&["undo", &plan]);
    let dates: Vec<String> = listed(&plan)
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["taken_at"].as_str().unwrap().to_string())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    assert_eq!(dates.last().unwrap(), "2027-02-08T08:00:00");
    assert!(since(&plan).contains("2027-02-08"), "{}", since(&plan));
}
