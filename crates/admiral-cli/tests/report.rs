//! `admiral report` end to end: the demo report through the binary, checked with poppler's
//! pdftotext and pdfinfo (a missing tool fails the test: install poppler-utils), and the
//! refusals that leave nothing behind.

mod common;
use common::*;

use std::path::Path;
use std::process::Command;

/// Few iterations keep the debug-build tests quick; the P80 is compared with `simulate`'s.
const MC: [&str; 4] = ["--iterations", "2000", "--seed", "7"];
const AS_OF: [&str; 2] = ["--as-of", "2027-01-18"];

/// Runs a poppler tool; a missing one fails the test saying what to install.
fn poppler(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!(
            "cannot run `{tool}` ({e}): these tests need poppler-utils \
             (apt-get install -y poppler-utils)"
        )
    });
    assert!(
        out.status.success(),
        "`{tool} {}` failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn report(plan: &str, out: &Path, extra: &[&str]) -> String {
    let mut args = vec!["report", plan, "--out", out.to_str().unwrap()];
    args.extend(AS_OF);
    args.extend(MC);
    args.extend(extra);
    ok(&args)
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn the_demo_report_has_its_release_gates_p80_pages_and_names() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo(dir.path());
    let pdf = dir.path().join("r.pdf");
    let said = report(&plan, &pdf, &[]);
    assert!(said.contains("r.pdf"), "{said}");
    let p = pdf.to_str().unwrap();

    let info = poppler("pdfinfo", &[p]);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|v| v.trim().parse().unwrap())
        .expect("pdfinfo prints Pages");
    assert!(pages >= 8, "{info}");
    let shown = json(&["show", &plan, "--json"]);
    let release = &shown["releases"][0];
    let (name, code) = (
        release["name"].as_str().unwrap(),
        release["code"].as_str().unwrap(),
    );
    let title = info
        .lines()
        .find_map(|l| l.strip_prefix("Title:"))
        .expect("pdfinfo prints Title")
        .trim();
    assert_eq!(title, format!("{name} ({code}) — Release report"));

    let text = poppler("pdftotext", &["-layout", p, "-"]);
    assert!(text.contains(name), "release name missing");
    assert!(
        text.contains(&format!("Page 1 of {pages}")),
        "page numbering"
    );
    assert!(text.contains(&format!("Page {pages} of {pages}")));
    assert!(text.contains("Łukasz"), "Unicode name did not round-trip");
    // Every gate of the release reported on (the first), by its milestone task's name; the
    // later releases' gates are theirs, not this report's.
    let tasks = shown["tasks"].as_array().unwrap();
    let gates = shown["gates"].as_array().unwrap();
    let in_release = |t: &serde_json::Value| {
        shown["projects"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["id"] == t["project_id"] && p["release_id"] == release["id"])
    };
    let mut of_release = 0;
    for g in gates {
        let t = tasks
            .iter()
            .find(|t| t["id"] == g["task_id"])
            .expect("a gate's task");
        if in_release(t) {
            let gname = t["name"].as_str().unwrap();
            assert!(text.contains(gname), "gate '{gname}' missing");
            of_release += 1;
        }
    }
    assert!(of_release >= 4, "the first release has its four gates");
    // The P80 is the one `admiral simulate` gives for the same seed and iterations.
    let mut sim_args = vec!["simulate", plan.as_str(), "--json"];
    sim_args.extend(MC);
    let sim = json(&sim_args);
    assert_eq!(sim["release"].as_str(), Some(code));
    let p80 = sim["percentiles"]["p80"]
        .as_str()
        .expect("simulate --json gives a P80");
    let p80 = chrono::NaiveDateTime::parse_from_str(p80, "%Y-%m-%dT%H:%M")
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(p80, "%Y-%m-%dT%H:%M:%S"))
        .unwrap_or_else(|e| panic!("p80 '{p80}': {e}"));
    let p80 = p80.format("%d %b %Y").to_string();
    assert!(text.contains(&format!("P80 {p80}")), "P80 {p80} missing");
    assert!(text.contains("seed 7"));
    assert!(text.contains("As of 18 Jan 2027"));
    // The audit summary, then the export in the audit trail, which still verifies.
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Changes recorded since the last report: 2."),
        "the demo plan is two changes: its creation and the demo plan"
    );
    // What was verified, in plain words, and the head to record outside the file.
    assert!(
        flat.contains("the hash chain of all 3 entries is unbroken"),
        "{flat}"
    );
    assert!(flat.contains("equals what entry 3 commits to"), "{flat}");
    assert!(
        flat.contains("3 entries carry a valid ed25519 signature"),
        "{flat}"
    );
    let before_export = json(&["audit", &plan, "--json"]);
    let head = &before_export.as_array().unwrap()[2]["hash"];
    assert!(
        flat.contains(&format!(
            "Chain head (record it to compare later copies): entry 3, SHA-256 {}",
            head.as_str().unwrap()
        )),
        "{flat}"
    );
    let audit = json(&["audit", &plan, "--json"]);
    let last = audit
        .as_array()
        .and_then(|a| a.last())
        .expect("audit entries");
    assert_eq!(last["entity_kind"], "report");
    assert_eq!(last["action"], "export");
    ok(&["audit", &plan, "--verify"]);
    // The next report counts from this one.
    report(&plan, &pdf, &["--sections", "appendix"]);
    let text = poppler("pdftotext", &[p, "-"]);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Changes recorded since the last report: 0."));
}

#[test]
fn the_same_plan_and_flags_give_the_same_text() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo(dir.path());
    // The export is recorded in the plan file (and counted by the next report), so each run
    // starts from its own copy of the same plan, under the same name (the cover shows it).
    let other = dir.path().join("other");
    std::fs::create_dir(&other).unwrap();
    let copy = other.join("demo.admiral");
    std::fs::copy(&plan, &copy).unwrap();
    let (a, b) = (dir.path().join("a.pdf"), other.join("b.pdf"));
    report(&plan, &a, &["--paper", "letter"]);
    report(copy.to_str().unwrap(), &b, &["--paper", "letter"]);
    let ta = poppler("pdftotext", &["-layout", a.to_str().unwrap(), "-"]);
    let tb = poppler("pdftotext", &["-layout", b.to_str().unwrap(), "-"]);
    assert!(ta.contains("Schedule risk") && ta.contains("Scenarios"));
    assert_eq!(ta, tb);
    let info = poppler("pdfinfo", &[a.to_str().unwrap()]);
    assert!(info.contains("612 x 792"), "{info}");
}

#[test]
fn an_unknown_section_or_scenario_is_named_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo(dir.path());
    let pdf = dir.path().join("r.pdf");
    let before = files_in(dir.path());
    let args = |extra: &[&str]| {
        let mut v = vec![
            "report".to_string(),
            plan.clone(),
            "--out".into(),
            pdf.to_str().unwrap().into(),
        ];
        v.extend(extra.iter().map(|s| s.to_string()));
        v
    };
    let run = |extra: &[&str]| {
        let a = args(extra);
        fails(&a.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let err = run(&["--sections", "summary,gnatt"]);
    assert!(err.contains("'gnatt'") && err.contains("gantt"), "{err}");
    let err = run(&["--scenario", "No such scenario"]);
    assert!(err.contains("'No such scenario'"), "{err}");
    let err = run(&["--release", "R1999"]);
    assert!(err.contains("'R1999'"), "{err}");
    let err = run(&["--as-of", "18/01/2027"]);
    assert!(err.contains("18/01/2027"), "{err}");
    assert_eq!(files_in(dir.path()), before);
    // Nothing was recorded either.
    let audit = json(&["audit", &plan, "--json"]);
    assert!(!audit.to_string().contains("\"report\""));
}

#[test]
fn an_unwritable_path_fails_and_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo(dir.path());
    let before = files_in(dir.path());
    for out in [
        dir.path().join("missing-folder").join("r.pdf"),
        // A file where a folder should be.
        Path::new(&plan).join("r.pdf"),
        // A folder where the file should be.
        dir.path().to_path_buf(),
    ] {
        let err = fails(&[
            "report",
            &plan,
            "--out",
            out.to_str().unwrap(),
            "--sections",
            "summary",
        ]);
        assert!(err.contains("nothing was written"), "{err}");
        assert!(!out.is_file());
    }
    assert_eq!(files_in(dir.path()), before);
}
