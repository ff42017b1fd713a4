//! The Calendars and Resources views' commands through Tauri's mock runtime, as the UI calls
//! them: the month calendar, a resource's workload, and assigning resources to tasks.

use serde_json::{json, Value};

mod common;
use common::*;

/// The demo's release calendar ("Frankfurt office (Hesse holidays)").
fn frankfurt(plan: &Value) -> Value {
    plan["calendars"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"].as_str().unwrap().starts_with("Frankfurt"))
        .unwrap()
        .clone()
}

fn day<'a>(m: &'a Value, date: &str) -> &'a Value {
    m["days"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["date"] == date)
        .unwrap_or_else(|| panic!("no day {date}"))
}

fn resource_named(plan: &Value, name: &str) -> Value {
    plan["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == name)
        .unwrap()
        .clone()
}

#[test]
fn the_month_calendar_shows_holidays_blackouts_and_deployments_outside_them() {
    let a = app();
    let s = a.ok("open_demo", json!({}));
    let cal = frankfurt(&s["plan"]);
    let m = a.ok(
        "calendar_days",
        json!({ "calendarId": cal["id"], "from": "2027-03-01", "to": "2027-05-31" }),
    );
    assert_eq!(m["days"].as_array().unwrap().len(), 92);
    assert_eq!(day(&m, "2027-03-01")["kind"], "working");
    assert_eq!(day(&m, "2027-03-06")["kind"], "non_working");
    // Good Friday is a Hesse holiday and inside the quarter-end & Easter freeze.
    let good_friday = day(&m, "2027-03-26");
    assert_eq!(good_friday["kind"], "holiday");
    assert_eq!(good_friday["minutes"], 0);
    let easter_freeze = &s["plan"]["blackouts"][0];
    assert_eq!(good_friday["blackouts"], json!([easter_freeze["id"]]));
    // Every deployment of the demo works in the range, and none on a blackout day.
    let deployments = m["deployments"].as_array().unwrap();
    assert!(deployments.len() >= 5, "{deployments:?}");
    assert!(deployments.iter().all(|d| d["clashes"] == json!([])));
    for d in m["days"].as_array().unwrap() {
        if !d["deployments"].as_array().unwrap().is_empty() {
            assert_eq!(d["blackouts"], json!([]), "deployment on {}", d["date"]);
        }
    }
    // The cutover weekend: Saturday 8 May, just after the May Day freeze.
    assert!(
        day(&m, "2027-05-08")["deployments"]
            .as_array()
            .unwrap()
            .len()
            >= 3
    );
}

#[test]
fn a_holiday_put_on_the_release_calendar_shows_in_the_month_and_moves_work() {
    let a = app();
    let s = a.ok("open_demo", json!({}));
    // The first release's forecast (the plan's later releases finish after it anyway).
    let finish = s["schedule"]["releases"][0]["finish"].clone();
    let mut cal = frankfurt(&s["plan"]);
    // Wednesday 12 May 2027, a working day inside Hypercare, the release's last long task
    // (earlier slips are absorbed: the cutover waits for the weekend after the May Day
    // freeze anyway).
    let tasks = s["plan"]["tasks"].as_array().unwrap();
    let i = tasks
        .iter()
        .position(|t| t["name"] == "Hypercare" && t["outline_level"] == 3)
        .unwrap();
    let row = &s["schedule"]["rows"][i];
    assert!(
        row["start"].as_str().unwrap() < "2027-05-12"
            && row["finish"].as_str().unwrap() > "2027-05-13"
    );
    cal["exceptions"].as_array_mut().unwrap().push(json!({
        "name": "Works council day",
        "start": "2027-05-12",
        "finish": "2027-05-12",
        "working": []
    }));
    let after = a.ok("put_calendar", json!({ "value": cal }));
    assert!(
        after["schedule"]["rows"][i]["finish"].as_str().unwrap() > row["finish"].as_str().unwrap(),
        "Hypercare ends later"
    );
    assert_ne!(
        after["schedule"]["releases"][0]["finish"], finish,
        "the release finish moves"
    );
    let m = a.ok(
        "calendar_days",
        json!({ "calendarId": cal["id"], "from": "2027-05-12", "to": "2027-05-12" }),
    );
    let d = day(&m, "2027-05-12");
    assert_eq!(d["kind"], "holiday");
    assert_eq!(d["exception"], "Works council day");
    let undone = a.ok("undo", json!({}));
    assert_eq!(undone["schedule"]["releases"][0]["finish"], finish);
}

#[test]
fn bad_ranges_and_unknown_calendars_are_refused_by_name() {
    let a = app();
    let s = a.ok("open_demo", json!({}));
    let cal = frankfurt(&s["plan"]);
    let e = a
        .call(
            "calendar_days",
            json!({ "calendarId": cal["id"], "from": "2027-05-01", "to": "2027-03-01" }),
        )
        .unwrap_err();
    assert_eq!(e["kind"], "invalid");
    assert_eq!(
        e["message"],
        "The range 2027-05-01 – 2027-03-01 ends before it starts."
    );
    let e = a
        .call(
            "calendar_days",
            json!({ "calendarId": "00000000-0000-0000-0000-0000000000ff", "from": "2027-03-01", "to": "2027-03-02" }),
        )
        .unwrap_err();
    assert_eq!(e["kind"], "not_found");
    assert!(e["message"].as_str().unwrap().contains("does not exist"));
    let e = a
        .call(
            "resource_workload",
            json!({ "resourceId": "00000000-0000-0000-0000-0000000000ff" }),
        )
        .unwrap_err();
    assert_eq!(e["kind"], "not_found");
}

#[test]
fn assigning_a_resource_adds_work_cost_and_load_and_unassigning_removes_them() {
    let a = app();
    let s = a.ok("open_demo", json!({}));
    let plan = &s["plan"];
    let rm = resource_named(plan, "Katharina Weiß");
    let before = a.ok("resource_workload", json!({ "resourceId": rm["id"] }));
    let n = before["assignments"].as_array().unwrap().len();
    // A leaf task of several days the release manager is not on yet.
    let rows = s["schedule"]["rows"].as_array().unwrap();
    let tasks = plan["tasks"].as_array().unwrap();
    let (i, task) = tasks
        .iter()
        .enumerate()
        .find(|(i, t)| {
            !rows[*i]["summary"].as_bool().unwrap()
                && t["duration"]["minutes"].as_i64().unwrap() >= 5 * 480
                && t["progress"]["actual_start"].is_null()
                && !plan["assignments"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|x| x["task_id"] == t["id"] && x["resource_id"] == rm["id"])
        })
        .unwrap();
    let id = "00000000-0000-0000-0000-00000000a551";
    let assignment =
        json!({ "id": id, "task_id": task["id"], "resource_id": rm["id"], "units": 1.0 });
    let s2 = a.ok("put_assignment", json!({ "value": assignment }));
    assert!(s2["canUndo"].as_bool().unwrap());
    let after = a.ok("resource_workload", json!({ "resourceId": rm["id"] }));
    let lines = after["assignments"].as_array().unwrap();
    assert_eq!(lines.len(), n + 1);
    let line = lines.iter().find(|l| l["assignment_id"] == id).unwrap();
    assert_eq!(line["start"], rows[i]["start"]);
    assert_eq!(line["finish"], rows[i]["finish"]);
    let minutes = task["duration"]["minutes"].as_i64().unwrap();
    assert_eq!(line["work"], minutes);
    // Units × rate (cents per hour) × hours.
    let rate = rm["cost_rate"].as_i64().unwrap();
    assert_eq!(line["cost"], rate * minutes / 60);
    assert_eq!(
        after["cost"].as_i64().unwrap(),
        before["cost"].as_i64().unwrap() + rate * minutes / 60
    );
    // A full-time person also on this task is over-allocated wherever the two overlap.
    let weeks_over = |w: &Value| {
        w["weeks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|w| w["over_allocated"] == true)
            .count()
    };
    assert!(weeks_over(&after) >= weeks_over(&before));

    // Bad units are refused, naming the resource and the task.
    let mut bad = assignment.clone();
    bad["units"] = json!(0.0);
    let e = a
        .call("put_assignment", json!({ "value": bad }))
        .unwrap_err();
    assert_eq!(e["kind"], "invalid");
    let msg = e["message"].as_str().unwrap();
    assert!(msg.contains("Katharina Weiß"), "{msg}");
    assert!(msg.contains(task["name"].as_str().unwrap()), "{msg}");

    a.ok("delete_assignment", json!({ "id": id }));
    let gone = a.ok("resource_workload", json!({ "resourceId": rm["id"] }));
    assert_eq!(gone["assignments"].as_array().unwrap().len(), n);
    assert_eq!(gone["cost"], before["cost"]);
    let e = a
        .call("delete_assignment", json!({ "id": id }))
        .unwrap_err();
    assert_eq!(e["kind"], "not_found");
}

#[test]
fn two_full_time_assignments_at_once_over_allocate_the_week() {
    let a = app();
    let s = a.ok("open_demo", json!({}));
    let plan = &s["plan"];
    let rows = s["schedule"]["rows"].as_array().unwrap();
    let tasks = plan["tasks"].as_array().unwrap();
    // A new person with max 1.0 unit on two leaf tasks that run at the same time.
    let person = json!({
        "id": "00000000-0000-0000-0000-00000000b0b0",
        "name": "Nadia Petrova",
        "kind": "person",
        "cost_rate": 9000,
        "max_units": 1.0,
        "calendar_id": null
    });
    a.ok("put_resource", json!({ "value": person }));
    let leaf = |i: usize| {
        !rows[i]["summary"].as_bool().unwrap() && !rows[i]["milestone"].as_bool().unwrap()
    };
    let (i, j) = (0..tasks.len())
        .flat_map(|i| (0..tasks.len()).map(move |j| (i, j)))
        .find(|&(i, j)| {
            i < j
                && leaf(i)
                && leaf(j)
                && rows[i]["start"] == rows[j]["start"]
                && tasks[i]["progress"]["actual_start"].is_null()
        })
        .expect("two leaf tasks starting together");
    for (k, t) in [i, j].into_iter().enumerate() {
        a.ok(
            "put_assignment",
            json!({ "value": {
                "id": format!("00000000-0000-0000-0000-00000000c00{k}"),
                "task_id": tasks[t]["id"],
                "resource_id": person["id"],
                "units": 1.0
            }}),
        );
    }
    let w = a.ok("resource_workload", json!({ "resourceId": person["id"] }));
    let weeks = w["weeks"].as_array().unwrap();
    let over: Vec<&Value> = weeks
        .iter()
        .filter(|w| w["over_allocated"] == true)
        .collect();
    assert!(!over.is_empty());
    assert_eq!(over[0]["peak_units"], 2.0);
    assert!(weeks.iter().all(|w| w["capacity"].as_i64().unwrap() >= 0));
}
