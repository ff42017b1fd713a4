//! MS Project's baselines come in unchanged and go back out: every corpus file that sets
//! baseline fields (`baselines`, `generated_task-baselines_*`) is imported, each `<Baseline>`
//! value of its tasks and resources is compared with the file's own (read here with a plain
//! XML walk, not with Admiral's reader), then the plan is exported and read back, and the
//! baselines must be equal.

use admiral_core::baseline::Baseline;
use admiral_core::{Money, Plan, WorkMinutes};
use chrono::NaiveDateTime;
use quick_xml::events::Event;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/mspdi-corpus");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy().into_owned();
            n == "baselines.xml.gz"
                || (n.starts_with("generated_task-baselines_") && n.ends_with(".xml.gz"))
        })
        .collect();
    v.sort();
    v
}

fn gunzip(path: &Path) -> String {
    use std::io::Read;
    let mut text = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap())
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// One `<Baseline>` element as the file has it: its owner ("Task" or "Resource"), the
/// owner's UID (a resource also by name), the number and each field's text.
#[derive(Debug)]
struct Raw {
    owner: String,
    uid: i64,
    name: String,
    number: u8,
    fields: BTreeMap<String, String>,
}

fn raw_baselines(xml: &str) -> Vec<Raw> {
    let mut r = quick_xml::Reader::from_str(xml);
    let mut path: Vec<String> = Vec::new();
    let mut out = Vec::new();
    let (mut uid, mut name) = (0i64, String::new());
    let mut cur: Option<BTreeMap<String, String>> = None;
    let mut text = String::new();
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) => {
                let n = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if matches!(n.as_str(), "Task" | "Resource" | "Assignment") && path.len() == 2 {
                    uid = i64::MIN;
                    name.clear();
                }
                if n == "Baseline" {
                    cur = Some(BTreeMap::new());
                }
                path.push(n);
                text.clear();
            }
            Event::Text(t) => text.push_str(&t.decode().unwrap()),
            Event::GeneralRef(g) => text.push_str(&format!("&{};", String::from_utf8_lossy(&g))),
            Event::End(_) => {
                let n = path.pop().unwrap();
                let depth = path.len();
                if depth == 3 && n == "UID" {
                    uid = text.trim().parse().unwrap();
                } else if depth == 3 && n == "Name" {
                    name = text.trim().to_string();
                } else if n == "Baseline" {
                    let fields = cur.take().unwrap();
                    out.push(Raw {
                        owner: path[2].clone(),
                        uid,
                        name: name.clone(),
                        number: fields["Number"].parse().unwrap(),
                        fields,
                    });
                } else if let Some(f) = cur.as_mut() {
                    f.insert(n, text.trim().to_string());
                }
                text.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn when(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").unwrap()
}

/// PT#H#M#S as minutes (the only form MS Project writes).
fn span(s: &str) -> WorkMinutes {
    let rest = s.strip_prefix("PT").unwrap();
    let (h, rest) = rest.split_once('H').unwrap();
    let (m, _) = rest.split_once('M').unwrap();
    WorkMinutes(h.parse::<i64>().unwrap() * 60 + m.parse::<f64>().unwrap().round() as i64)
}

fn cost(s: &str) -> Money {
    Money(s.parse::<f64>().unwrap().round() as i64)
}

fn baseline(plan: &Plan, n: u8) -> &Baseline {
    plan.baselines
        .iter()
        .find(|b| b.number == n)
        .unwrap_or_else(|| panic!("baseline {n} not imported"))
}

/// Checks every task and resource value of `raws` against `plan`; returns how many values
/// were compared.
fn check(file: &str, plan: &Plan, raws: &[Raw]) -> usize {
    let mut compared = 0;
    for raw in raws {
        let b = baseline(plan, raw.number);
        let f = |k: &str| raw.fields.get(k).map(String::as_str);
        match raw.owner.as_str() {
            "Task" => {
                let t = plan
                    .tasks
                    .iter()
                    .find(|t| t.external_uid == Some(raw.uid))
                    .unwrap_or_else(|| panic!("{file}: task UID {} not imported", raw.uid));
                let v = b.task(t.id).unwrap_or_else(|| {
                    panic!("{file}: task {} has no baseline {}", raw.uid, raw.number)
                });
                let ctx = format!("{file}: task UID {} baseline {}", raw.uid, raw.number);
                assert_eq!(v.start, f("Start").map(when), "{ctx} start");
                assert_eq!(v.finish, f("Finish").map(when), "{ctx} finish");
                assert_eq!(v.duration, f("Duration").map(span), "{ctx} duration");
                assert_eq!(v.work, f("Work").map(span), "{ctx} work");
                assert_eq!(v.cost, f("Cost").map(cost), "{ctx} cost");
                compared += raw.fields.len() - 1;
            }
            "Resource" => {
                if raw.uid == 0 {
                    continue; // MS Project's placeholder resource, not imported
                }
                let r = plan
                    .resources
                    .iter()
                    .find(|r| r.name == raw.name)
                    .unwrap_or_else(|| panic!("{file}: resource {} not imported", raw.name));
                let v = b
                    .resources
                    .iter()
                    .find(|x| x.resource_id == r.id)
                    .unwrap_or_else(|| panic!("{file}: resource {} has no baseline", raw.name));
                let ctx = format!("{file}: resource {} baseline {}", raw.name, raw.number);
                assert_eq!(v.work, f("Work").map(span), "{ctx} work");
                assert_eq!(v.cost, f("Cost").map(cost), "{ctx} cost");
                compared += raw.fields.len() - 1;
            }
            _ => {}
        }
    }
    compared
}

#[test]
fn corpus_baselines_come_in_unchanged_and_go_back_out() {
    let files = files();
    assert_eq!(
        files.len(),
        7,
        "baselines + six generated_task-baselines files"
    );
    let mut total = 0;
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let xml = gunzip(&path);
        let raws = raw_baselines(&xml);
        assert!(!raws.is_empty(), "{name} has no <Baseline>");
        let imported = admiral_interop::read_mspdi(&xml, "R").unwrap().plan;
        let n = check(&name, &imported, &raws);
        assert!(n > 0, "{name}: nothing compared");
        total += n;
        // Export and read back: the same baselines.
        let s = admiral_core::schedule::schedule(&imported, &Default::default()).unwrap();
        let out = admiral_interop::write_mspdi(&imported, Some(&s)).unwrap();
        let text = String::from_utf8(out.bytes).unwrap();
        let again = admiral_interop::read_mspdi(&text, "R").unwrap().plan;
        assert_eq!(again.baselines.len(), imported.baselines.len(), "{name}");
        for (a, b) in imported.baselines.iter().zip(&again.baselines) {
            assert_eq!(a.number, b.number);
            let key = |p: &Plan, id| p.tasks.iter().find(|t| t.id == id).map(|t| t.name.clone());
            let mut ta: Vec<_> = a
                .tasks
                .iter()
                .map(|t| {
                    (
                        key(&imported, t.task_id),
                        t.start,
                        t.finish,
                        t.duration,
                        t.work,
                        t.cost,
                    )
                })
                .collect();
            let mut tb: Vec<_> = b
                .tasks
                .iter()
                .map(|t| {
                    (
                        key(&again, t.task_id),
                        t.start,
                        t.finish,
                        t.duration,
                        t.work,
                        t.cost,
                    )
                })
                .collect();
            ta.sort();
            tb.sort();
            assert_eq!(ta, tb, "{name}: baseline {} after export", a.number);
            let rk = |p: &Plan, id| {
                p.resources
                    .iter()
                    .find(|r| r.id == id)
                    .map(|r| r.name.clone())
            };
            let mut ra: Vec<_> = a
                .resources
                .iter()
                .map(|r| (rk(&imported, r.resource_id), r.work, r.cost))
                .collect();
            let mut rb: Vec<_> = b
                .resources
                .iter()
                .map(|r| (rk(&again, r.resource_id), r.work, r.cost))
                .collect();
            ra.sort();
            rb.sort();
            assert_eq!(
                ra, rb,
                "{name}: resource baselines {} after export",
                a.number
            );
        }
        // The values compared against the exported file's own elements too.
        check(&format!("{name} (exported)"), &again, &raw_baselines(&text));
    }
    eprintln!("baseline values compared with the corpus files: {total}");
}

/// Each task's own `<Cost>` (MS Project's whole task cost, its fixed cost included), by UID.
fn task_costs(xml: &str) -> BTreeMap<i64, Money> {
    let mut r = quick_xml::Reader::from_str(xml);
    let mut path: Vec<String> = Vec::new();
    let (mut uid, mut text) = (0i64, String::new());
    let mut out = BTreeMap::new();
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) => {
                path.push(String::from_utf8_lossy(e.local_name().as_ref()).into_owned());
                text.clear();
            }
            Event::Text(t) => text.push_str(&t.decode().unwrap()),
            Event::End(_) => {
                let n = path.pop().unwrap();
                if path.len() == 3 && path[2] == "Task" && n == "UID" {
                    uid = text.trim().parse().unwrap();
                } else if path.len() == 3 && path[2] == "Task" && n == "Cost" {
                    out.insert(uid, cost(text.trim()));
                }
                text.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// MS Project's Cost Variance is the task's Cost minus its baseline Cost: on every corpus task
/// with a baseline cost, Admiral's cost variance (from its own cost of the task) is that.
#[test]
fn cost_variance_is_ms_projects_on_every_corpus_task_with_a_baseline_cost() {
    let mut compared = 0;
    for path in files() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let xml = gunzip(&path);
        let own = task_costs(&xml);
        let plan = admiral_interop::read_mspdi(&xml, "R").unwrap().plan;
        let s = admiral_core::schedule::schedule(&plan, &Default::default()).unwrap();
        for b in &plan.baselines {
            for v in admiral_core::baseline::variance(&plan, &s, b) {
                let Some(base) = v.baseline.and_then(|x| x.cost) else {
                    continue;
                };
                let t = plan.tasks.iter().find(|t| t.id == v.task_id).unwrap();
                let uid = t.external_uid.unwrap();
                let ms = own[&uid];
                assert_eq!(
                    v.cost,
                    Some(ms - base),
                    "{name}: task UID {uid} baseline {}",
                    b.number
                );
                compared += 1;
            }
        }
    }
    // `baselines`: Task One in baselines 1–10; each generated file: one task per baseline 0–10.
    assert_eq!(compared, 10 + 6 * 11, "task baselines with a cost compared");
}

/// The `baselines` corpus file with a fixed cost on Task One: 400.00 accrued at its start
/// (MSPDI `FixedCostAccrual` 1), its Cost 400.00 and its baseline 1 Cost 401.00 (the fixed
/// cost and 1.00 of work), the baseline spanning Monday to Friday.
fn with_a_fixed_cost() -> String {
    let path = files()
        .into_iter()
        .find(|p| p.ends_with("baselines.xml.gz"))
        .unwrap();
    let xml = gunzip(&path);
    let one = xml
        .find("<UID>1</UID><ID>1</ID><Name>Task One</Name>")
        .unwrap();
    let (head, task) = xml.split_at(one);
    let task = task
        .replacen(
            "<FixedCost>0</FixedCost><FixedCostAccrual>3</FixedCostAccrual>",
            "<FixedCost>40000</FixedCost><FixedCostAccrual>1</FixedCostAccrual>",
            1,
        )
        .replacen("<Cost>0</Cost>", "<Cost>40000</Cost>", 1)
        .replacen(
            "<Number>1</Number><Start>2001-01-01T09:00:00</Start><Finish>2000-01-01T17:30:00</Finish>",
            "<Number>1</Number><Start>2001-01-01T09:00:00</Start><Finish>2001-01-05T17:00:00</Finish>",
            1,
        )
        .replacen("<Cost>100</Cost>", "<Cost>40100</Cost>", 1);
    let out = format!("{head}{task}");
    assert_eq!(out.matches("40000").count(), 2, "fixed cost and cost set");
    assert!(out.contains("<Cost>40100</Cost>") && out.contains("2001-01-05T17:00:00"));
    out
}

/// A baseline cost that includes the task's fixed cost is kept exactly; its variance is MS
/// Project's (Cost − baseline Cost); the fixed part accrues at the task's start in BCWS, as
/// MS Project's timephased baseline cost puts it, and the rest with the baseline's work.
#[test]
fn a_fixed_cost_in_an_imported_baseline_is_kept_and_accrues_as_its_task_says() {
    let xml = with_a_fixed_cost();
    let plan = admiral_interop::read_mspdi(&xml, "R").unwrap().plan;
    let t = plan.tasks.iter().find(|t| t.name == "Task One").unwrap();
    let fixed = admiral_core::FixedCost {
        amount: Money(40_000),
        accrual: admiral_core::Accrual::Start,
    };
    assert_eq!(t.fixed_cost, fixed);
    let b = baseline(&plan, 1);
    let tb = b.task(t.id).unwrap();
    assert_eq!(tb.cost, Some(Money(40_100)), "the baseline cost, exactly");
    assert_eq!(tb.fixed_cost, Some(fixed), "its fixed part");
    let s = admiral_core::schedule::schedule(&plan, &Default::default()).unwrap();
    let v = admiral_core::baseline::variance(&plan, &s, b);
    let v = v.iter().find(|v| v.task_id == t.id).unwrap();
    assert_eq!(
        v.cost,
        Some(Money(40_000 - 40_100)),
        "MS Project's Cost Variance"
    );

    let ev = |at: &str| admiral_core::evm::earned_value(&plan, b, when(at)).plan;
    assert_eq!(ev("2000-12-29T17:00:00").bcws, Money(0), "before the start");
    // Wednesday 09:00: 16 of the baseline's 39 working hours (Monday from 09:00) are past.
    let mid = ev("2001-01-03T09:00:00");
    assert_eq!(
        mid.bcws,
        Money(40_000 + (100.0_f64 * 16.0 / 39.0).round() as i64)
    );
    assert_eq!(mid.bac, Money(40_100));
    assert_eq!(
        ev("2001-01-08T09:00:00").bcws,
        Money(40_100),
        "after the finish"
    );
    // Not started: nothing earned, nothing spent.
    assert_eq!((mid.bcwp, mid.acwp), (Money(0), Money(0)));

    // A baseline saved before the fixed cost was set (its Cost below it) keeps none: its
    // whole cost accrues with its work.
    let before = xml.replacen("<Cost>40100</Cost>", "<Cost>300</Cost>", 1);
    let plan = admiral_interop::read_mspdi(&before, "R").unwrap().plan;
    let t = plan.tasks.iter().find(|t| t.name == "Task One").unwrap();
    let tb = baseline(&plan, 1).task(t.id).unwrap();
    assert_eq!((tb.cost, tb.fixed_cost), (Some(Money(300)), None));
}

/// A baseline of the demo plan (tasks, assignments and resources) goes out to MSPDI and comes
/// back with every value: the reader passes over rows without a `<Baseline>` before reading
/// any, and must not pass over those with one.
#[test]
fn a_saved_baseline_goes_out_and_comes_back_with_its_assignments_and_resources() {
    let plan = admiral_core::demo::demo_plan();
    let s = admiral_core::schedule::schedule(&plan, &Default::default()).unwrap();
    let saved = admiral_core::baseline::save(&plan, &s, 1, None, None, when("2026-12-01T09:00:00"))
        .unwrap();
    let plan = admiral_core::edit::apply_all(&plan, &saved.edits).unwrap();
    let b = baseline(&plan, 1);
    assert!(!b.tasks.is_empty() && !b.assignments.is_empty() && !b.resources.is_empty());
    let out = admiral_interop::write_mspdi(&plan, Some(&s)).unwrap();
    let back = admiral_interop::read_mspdi(&String::from_utf8(out.bytes).unwrap(), "R")
        .unwrap()
        .plan;
    let again = baseline(&back, 1);
    assert_eq!(again.tasks.len(), b.tasks.len(), "task baselines");
    assert_eq!(
        again.assignments.len(),
        b.assignments.len(),
        "assignment baselines"
    );
    assert_eq!(
        again.resources.len(),
        b.resources.len(),
        "resource baselines"
    );
    // Ids differ after an import: compare the values, in order.
    let values = |p: &Plan| {
        let b = baseline(p, 1);
        let a: Vec<_> = (b.assignments.iter())
            .map(|v| (v.start, v.finish, v.work, v.cost))
            .collect();
        let r: Vec<_> = b.resources.iter().map(|v| (v.work, v.cost)).collect();
        (a, r)
    };
    let (mut a0, mut r0) = values(&plan);
    let (mut a1, mut r1) = values(&back);
    for v in [&mut a0, &mut a1] {
        v.sort();
    }
    for v in [&mut r0, &mut r1] {
        v.sort();
    }
    assert_eq!(a1, a0, "assignment baseline values");
    assert_eq!(r1, r0, "resource baseline values");
}

/// A row that repeats a baseline number (MS Project never writes one twice) keeps the first
/// values of that number, once.
#[test]
fn a_repeated_baseline_number_keeps_its_first_values() {
    let path = files()
        .into_iter()
        .find(|p| p.ends_with("baselines.xml.gz"))
        .unwrap();
    let xml = gunzip(&path);
    let first = "<Baseline><Number>1</Number><Start>2001-01-01T09:00:00</Start>";
    let again =
        "<Baseline><Number>1</Number><Start>2001-03-05T09:00:00</Start><Cost>7</Cost></Baseline>";
    // Right after Task One's own baseline 1.
    let at = xml.find(first).expect("Task One's baseline 1");
    let end = at + xml[at..].find("</Baseline>").unwrap() + "</Baseline>".len();
    let xml = format!("{}{again}{}", &xml[..end], &xml[end..]);
    let plan = admiral_interop::read_mspdi(&xml, "R").unwrap().plan;
    let t = plan.tasks.iter().find(|t| t.name == "Task One").unwrap();
    let b = baseline(&plan, 1);
    assert_eq!(b.tasks.iter().filter(|v| v.task_id == t.id).count(), 1);
    let v = b.task(t.id).unwrap();
    assert_eq!(
        v.start,
        Some(when("2001-01-01T09:00:00")),
        "the first values"
    );
    assert_eq!(v.cost, Some(cost("100")));
}
