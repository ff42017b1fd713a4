//! Gate decisions and the audit log through Tauri's mock runtime, as the UI calls them.

use serde_json::{json, Value};

mod common;
use common::*;

/// The index of the demo gate whose task is named like `name`.
fn gate(s: &Value, name: &str) -> usize {
    let tasks = s["plan"]["tasks"].as_array().unwrap();
    s["plan"]["gates"]
        .as_array()
        .unwrap()
        .iter()
        .position(|g| {
            tasks
                .iter()
                .any(|t| t["id"] == g["task_id"] && t["name"].as_str().unwrap().contains(name))
        })
        .unwrap()
}

fn blocked_by(s: &Value, gate_task: &Value) -> usize {
    s["schedule"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| &r["blockedByGate"] == gate_task)
        .count()
}

fn page(a: &App, filter: Value) -> Value {
    let mut f = json!({"text": null, "entityKind": null, "actor": null, "since": null,
                       "until": null, "beforeSeq": null, "limit": 50});
    for (k, v) in filter.as_object().unwrap() {
        f[k] = v.clone();
    }
    a.ok("audit_log", json!({ "filter": f }))
}

#[test]
fn a_rejection_blocks_the_successors_and_the_audit_log_says_who_and_why() {
    let a = app();
    let s0 = a.ok("open_demo", json!({}));
    // The demo's Gate 2 was rejected by the security officer and blocks everything after it,
    // Gate 3 included. The resubmission is approved: Gate 2 is pending again.
    let k = gate(&s0, "Gate 2");
    let g2 = &s0["plan"]["gates"][k];
    assert_eq!(s0["gateStates"][k], "rejected");
    assert!(blocked_by(&s0, &g2["task_id"]) > 0);
    let s1 = a.ok(
        "decide_gate",
        json!({"gateId": g2["id"], "approver": 1, "decision": "approved",
               "comment": "Token-vault threat model reviewed"}),
    );
    let ap = &s1["plan"]["gates"][k]["approvers"][1];
    assert_eq!(ap["decision"], "approved");
    assert_eq!(ap["comment"], "Token-vault threat model reviewed");
    assert!(ap["decided_at"].is_string(), "decided_at is stamped: {ap}");
    assert_eq!(s1["gateStates"][k], "pending");
    assert_eq!(blocked_by(&s1, &g2["task_id"]), 0);

    let i = gate(&s1, "QA sign-off");
    let g = &s1["plan"]["gates"][i];
    let task = g["task_id"].clone();
    assert_eq!(s1["gateStates"][i], "pending");
    assert_eq!(blocked_by(&s1, &task), 0);

    let s2 = a.ok(
        "decide_gate",
        json!({"gateId": g["id"], "approver": 0, "decision": "rejected",
               "comment": "Two sev-2 defects still open"}),
    );
    assert_eq!(s2["gateStates"][i], "rejected");
    assert!(
        blocked_by(&s2, &task) > 0,
        "the gate's successors are blocked"
    );
    assert!(s2["schedule"]["releases"][0]["blockedByGates"]
        .as_array()
        .unwrap()
        .contains(&task));
    assert_eq!(s2["canUndo"], true);

    // The newest entry is the rejection, with the approver and the comment in its label
    // and the decision in its before → after.
    let p = page(&a, json!({"entityKind": "gate", "limit": 1}));
    let e = &p["entries"][0];
    let who = g["approvers"][0]["name"].as_str().unwrap();
    assert_eq!(
        e["label"],
        format!(
            "Gate 'Gate 3: QA sign-off': {who} (QA lead) rejected — Two sev-2 defects still open"
        )
    );
    let before: Value = serde_json::from_str(e["before"].as_str().unwrap()).unwrap();
    let after: Value = serde_json::from_str(e["after"].as_str().unwrap()).unwrap();
    assert_eq!(before["approvers"][0]["decision"], "pending");
    assert_eq!(after["approvers"][0]["decision"], "rejected");
    assert_eq!(p["matching"], 2);
    assert!(p["nextBefore"].is_number());

    // The text filter finds it by the comment; undo unblocks.
    let found = page(&a, json!({"text": "sev-2 DEFECTS"}));
    assert_eq!(found["matching"], 1);
    let s3 = a.ok("undo", json!({}));
    assert_eq!(s3["gateStates"][i], "pending");
    assert_eq!(blocked_by(&s3, &task), 0);
    assert_eq!(s3["schedule"]["releases"][0]["blockedByGates"], json!([]));
}

#[test]
fn a_rejection_without_a_reason_or_an_unknown_approver_is_refused_and_changes_nothing() {
    let a = app();
    let s0 = a.ok("open_demo", json!({}));
    let i = gate(&s0, "QA sign-off");
    let id = s0["plan"]["gates"][i]["id"].clone();
    let e = a
        .call(
            "decide_gate",
            json!({"gateId": id, "approver": 0, "decision": "rejected", "comment": " "}),
        )
        .unwrap_err();
    assert_eq!(e["kind"], "invalid");
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("must give a reason to reject gate 'Gate 3: QA sign-off'"),
        "{e}"
    );
    let e = a
        .call(
            "decide_gate",
            json!({"gateId": id, "approver": 7, "decision": "approved", "comment": ""}),
        )
        .unwrap_err();
    assert_eq!(e["kind"], "not_found");
    assert_eq!(
        e["message"],
        "Gate 'Gate 3: QA sign-off' has no approver 8 (it has 4)"
    );
    let o = a.ok("audit_overview", json!({}));
    let again = a.ok("open_plan", json!({"path": s0["path"]}));
    assert_eq!(again["plan"]["gates"], s0["plan"]["gates"]);
    assert_eq!(a.ok("audit_overview", json!({}))["entries"], o["entries"]);
}

#[test]
fn a_criterion_is_checked_off_and_audited() {
    let a = app();
    let s0 = a.ok("open_demo", json!({}));
    let i = gate(&s0, "Go/No-go");
    let id = s0["plan"]["gates"][i]["id"].clone();
    let s1 = a.ok(
        "set_gate_criterion",
        json!({"gateId": id, "criterion": 2, "met": true}),
    );
    assert_eq!(s1["plan"]["gates"][i]["criteria"][2]["met"], true);
    let p = page(&a, json!({"limit": 1}));
    assert_eq!(
        p["entries"][0]["label"],
        "Gate 'Gate 4: Go/No-go (CAB)': criterion 'Rollback rehearsed in pre-production' met"
    );
}

#[test]
fn the_log_pages_newest_first_and_the_chain_verifies() {
    let a = app();
    let demo = a.ok("open_demo", json!({}));
    let o = a.ok("audit_overview", json!({}));
    let n = o["entries"].as_u64().unwrap();
    assert!(o["entityKinds"]
        .as_array()
        .unwrap()
        .contains(&json!("plan")));
    let first = page(&a, json!({"limit": 2}));
    assert_eq!(first["matching"], n);
    let seqs: Vec<i64> = first["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["seq"].as_i64().unwrap())
        .collect();
    assert_eq!(seqs, vec![n as i64, n as i64 - 1]);
    let next = page(&a, json!({"limit": 2, "beforeSeq": first["nextBefore"]}));
    assert_eq!(next["entries"][0]["seq"], n as i64 - 2);
    // The whole-plan entry counts the plan's entities instead of carrying it.
    let plan = page(&a, json!({"entityKind": "plan"}));
    let after: Value = serde_json::from_str(plan["entries"][0]["after"].as_str().unwrap()).unwrap();
    assert_eq!(
        after["tasks"],
        demo["plan"]["tasks"].as_array().unwrap().len()
    );

    let v = a.ok("verify_audit", json!({}));
    assert_eq!(v["entries"], n);
    assert!(v["problem"].is_null(), "{v}");
    assert_eq!(v["headHash"], o["headHash"]);
    assert_eq!(v["headHash"].as_str().unwrap().len(), 64);
}

#[test]
fn a_tampered_entry_is_named_by_verify() {
    let a = app();
    let s = a.ok("open_demo", json!({}));
    a.ok("close_plan", json!({}));
    let path = s["path"].as_str().unwrap();
    alter_first_label(path);
    a.ok("open_plan", json!({"path": path}));
    let v = a.ok("verify_audit", json!({}));
    let p = &v["problem"];
    assert_eq!(p["seq"], 1, "{v}");
    assert_eq!(p["kind"], "altered");
    assert!(p["message"].as_str().unwrap().contains("entry 1"), "{v}");
}

/// Alters the label of the plan's first change ("create the plan") where the file stores it,
/// byte for byte, as someone with a hex editor would: same length, so SQLite still reads it.
fn alter_first_label(path: &str) {
    let mut bytes = std::fs::read(path).unwrap();
    let needle = b"create the plan";
    let mut found = 0;
    let mut at = 0;
    while let Some(k) = bytes[at..].windows(needle.len()).position(|w| w == needle) {
        bytes[at + k..at + k + needle.len()].copy_from_slice(b"CREATE THE PLAN");
        at += k + needle.len();
        found += 1;
    }
    assert!(found > 0, "the first change's label is in the file");
    std::fs::write(path, bytes).unwrap();
}
