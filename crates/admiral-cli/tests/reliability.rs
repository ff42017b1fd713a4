//! Issue #15: no output path destroys a plan, creating a file is all or nothing, read-only
//! plans, and errors that say what to do.

mod common;

use common::*;
use std::path::Path;
use std::time::{Duration, Instant};

fn bytes(p: &str) -> Vec<u8> {
    std::fs::read(p).unwrap()
}

/// Every way of naming the plan (or its side files) as an output is refused with one line,
/// and the plan stays byte-for-byte as it was and still opens.
#[test]
fn an_output_that_is_the_plan_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo(dir.path());
    let before = bytes(&plan);
    let wal = format!("{plan}-wal");
    let shm = format!("{plan}-shm");
    let symlink = dir.path().join("latest.pdf");
    std::os::unix::fs::symlink(&plan, &symlink).unwrap();
    let hard = dir.path().join("copy.xml");
    std::fs::hard_link(&plan, &hard).unwrap();
    let dotted = format!("{}/./demo.admiral", dir.path().display());
    let targets = [
        plan.clone(),
        wal.clone(),
        shm.clone(),
        dotted,
        symlink.to_str().unwrap().to_string(),
        hard.to_str().unwrap().to_string(),
    ];
    for out in &targets {
        let e = fails(&["report", &plan, "--out", out, "--sections", "summary"]);
        assert!(e.contains("nothing was written"), "report --out {out}: {e}");
        let e = fails(&["export", &plan, "--format", "csv", "--out", out]);
        assert!(e.contains("nothing was written"), "export --out {out}: {e}");
    }
    assert_eq!(bytes(&plan), before, "the plan was changed");
    assert!(!Path::new(&wal).exists() && !Path::new(&shm).exists());
    ok(&["show", &plan]);
}

#[test]
fn a_folder_a_device_or_another_plan_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo(dir.path());
    let other = dir.path().join("other.admiral");
    ok(&["new", other.to_str().unwrap(), "--name", "R1"]);
    let other_before = std::fs::read(&other).unwrap();
    let folder = dir.path().to_str().unwrap();
    let cases = [
        (folder, "it is a folder"),
        ("/dev/full", "not a regular file"),
        ("/dev/null", "not a regular file"),
        (other.to_str().unwrap(), "SQLite database"),
    ];
    for (out, why) in cases {
        let e = fails(&["report", &plan, "--out", out, "--sections", "summary"]);
        assert!(e.contains(why), "report --out {out}: {e}");
        let e = fails(&["export", &plan, "--format", "mspdi", "--out", out]);
        assert!(e.contains(why), "export --out {out}: {e}");
    }
    assert!(!std::fs::metadata("/dev/full").unwrap().is_file());
    assert_eq!(std::fs::read(&other).unwrap(), other_before);
}

/// `export` follows the same policy as `report`: written atomically and recorded in the
/// audit trail.
#[test]
fn an_export_is_recorded_in_the_audit_trail() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo(dir.path());
    let out = dir.path().join("r27.xml");
    ok(&[
        "export",
        &plan,
        "--format",
        "mspdi",
        "--out",
        out.to_str().unwrap(),
    ]);
    let audit = ok(&["audit", &plan]);
    assert!(
        audit.contains("MS Project XML export of") && audit.contains("r27.xml"),
        "{audit}"
    );
    ok(&["audit", &plan, "--verify"]);
}

/// A killed `demo` into a new file leaves no file behind at its path, and the next try
/// succeeds (removing what the killed one left under its temporary name).
#[test]
fn a_killed_creation_leaves_no_plan_file() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("big.admiral");
    let mut child = command(&bin())
        .args(["demo", plan.to_str().unwrap(), "--tasks", "60000"])
        .spawn()
        .unwrap();
    let started = Instant::now();
    // Wait until the creation is under way on disk (under any name), then kill it mid-way.
    let busy = |d: &Path| std::fs::read_dir(d).unwrap().count() > 0;
    while !busy(dir.path()) && started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(5));
    }
    std::thread::sleep(Duration::from_millis(300));
    let still_running = child.try_wait().unwrap().is_none();
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert!(still_running, "the demo finished before it could be killed");
    assert!(!plan.exists(), "a killed creation left {}", plan.display());
    ok(&["demo", plan.to_str().unwrap(), "--tasks", "50"]);
    ok(&["show", plan.to_str().unwrap()]);
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("creating"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// `new` and `import` never replace a file that appeared meanwhile, and refuse one that is
/// there.
#[test]
fn creation_never_replaces_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("keep.admiral");
    std::fs::write(&target, b"precious").unwrap();
    let e = fails(&["new", target.to_str().unwrap(), "--name", "R"]);
    assert!(e.contains("already exists"), "{e}");
    let csv = dir.path().join("t.csv");
    std::fs::write(&csv, "Name,Duration\nA,1d\n").unwrap();
    let e = fails(&[
        "import",
        csv.to_str().unwrap(),
        "--into",
        target.to_str().unwrap(),
    ]);
    assert!(!e.is_empty());
    assert_eq!(std::fs::read(&target).unwrap(), b"precious");
    // --force replaces a file, but not one made read-only (it left a writable file behind).
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o444)).unwrap();
    let e = fails(&["new", target.to_str().unwrap(), "--name", "R", "--force"]);
    assert!(
        e.contains("read-only") && e.contains("nothing was changed"),
        "{e}"
    );
    assert_eq!(std::fs::read(&target).unwrap(), b"precious");
    let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o444);
}

/// `import tasks.csv --into plan.xml` (as if it converted) is refused in one line that says
/// how to name the plan and how to write MS Project XML; nothing is written. So are `new` and
/// `demo` with such a name.
#[test]
fn a_new_plan_named_like_another_format_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("t.csv");
    std::fs::write(&csv, "Name,Duration\nA,1d\n").unwrap();
    let xml = dir.path().join("plan.xml");
    let e = fails(&[
        "import",
        csv.to_str().unwrap(),
        "--into",
        xml.to_str().unwrap(),
    ]);
    assert!(
        e.contains("name the plan file .admiral") && e.contains("export the plan"),
        "{e}"
    );
    let pdf = dir.path().join("r.pdf");
    let e = fails(&["demo", pdf.to_str().unwrap()]);
    assert!(e.contains("to get a PDF report, report on the plan"), "{e}");
    let e = fails(&["new", csv.to_str().unwrap(), "--name", "R", "--force"]);
    assert!(e.contains("a task list"), "{e}");
    assert!(!xml.exists() && !pdf.exists());
    assert_eq!(
        std::fs::read_to_string(&csv).unwrap(),
        "Name,Duration\nA,1d\n"
    );
}

/// A path too long for SQLite is named, with what to do.
#[test]
fn a_path_too_long_names_the_path_and_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let mut deep = dir.path().to_path_buf();
    for _ in 0..6 {
        deep = deep.join("a".repeat(90));
    }
    std::fs::create_dir_all(&deep).unwrap();
    let plan = deep.join("plan.admiral");
    let e = fails(&["new", plan.to_str().unwrap(), "--name", "R"]);
    assert!(e.contains("too long") && e.contains("plan.admiral"), "{e}");
    assert!(e.contains("shorter"), "{e}");
    assert!(!plan.exists());
}

/// A plan whose `user_version` was lowered by hand says so in one line (it was a multi-line
/// SQL dump), and one from a newer Admiral says what to do.
#[test]
fn a_lowered_or_newer_format_is_one_line_that_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo(dir.path());
    let set_version = |v: i64| {
        let c = rusqlite::Connection::open(&plan).unwrap();
        c.pragma_update(None, "user_version", v).unwrap();
    };
    set_version(1);
    let e = fails(&["show", &plan]);
    assert!(e.contains("user_version"), "{e}");
    assert!(!e.contains("CREATE"), "{e}");
    set_version(99);
    let e = fails(&["show", &plan]);
    assert!(
        e.contains("newer Admiral") && e.contains("open it with"),
        "{e}"
    );
}

/// Runs `admiral` as the unprivileged user `nobody` when the tests run as root (root ignores
/// file permissions), else as the current user.
fn as_user(args: &[&str]) -> std::process::Output {
    let exe = bin();
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc_geteuid() } == 0;
    let mut cmd = if root {
        let mut c = command("setpriv");
        // nobody's own key, beside root's in the tests' config folder.
        c.env("ADMIRAL_CONFIG_DIR", config_dir().join("nobody"));
        c.args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            "--",
            &exe,
        ]);
        c
    } else {
        command(&exe)
    };
    cmd.args(args).output().unwrap()
}

extern "C" {
    #[link_name = "geteuid"]
    fn libc_geteuid() -> u32;
}

fn user_ok(args: &[&str]) -> String {
    let o = as_user(args);
    assert!(
        o.status.success(),
        "admiral {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

fn chmod(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// A folder the unprivileged user can enter, holding a demo plan owned by that user.
fn shared_demo() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    chmod(dir.path(), 0o777);
    let folder = dir.path().join("plans");
    std::fs::create_dir(&folder).unwrap();
    chmod(&folder, 0o777);
    let plan = folder.join("demo.admiral");
    user_ok(&["demo", plan.to_str().unwrap()]);
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    chmod(&out, 0o777);
    (dir, folder, plan.to_str().unwrap().to_string())
}

/// Runs `admiral` where it may start no thread (`prlimit --nproc=1`, as a container's pids
/// limit does), as the unprivileged user when the tests run as root (root is not limited).
fn with_no_thread(args: &[&str]) -> std::process::Output {
    let exe = bin();
    // SAFETY: geteuid has no preconditions.
    let mut cmd = if unsafe { libc_geteuid() } == 0 {
        let mut c = command("setpriv");
        c.env("ADMIRAL_CONFIG_DIR", config_dir().join("nobody"));
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]);
        c.arg("prlimit");
        c
    } else {
        command("prlimit")
    };
    cmd.args(["--nproc=1", "--", &exe])
        .args(args)
        .output()
        .unwrap()
}

/// A process that may start no thread runs, on the one it has, what would use every core:
/// a large schedule, Monte Carlo, the report. Each stopped with a panic (rayon's pool, or
/// the report's analysis thread, could not start).
#[test]
fn a_process_that_may_start_no_thread_runs_on_the_one_it_has() {
    let (dir, folder, plan) = shared_demo();
    // 8,200 tasks in chains of ten: above the size from which a schedule uses rayon's pool.
    let mut list = String::from("ID,Name,Duration,Predecessors\n");
    for i in 1..=8200 {
        let after = if i % 10 == 1 {
            String::new()
        } else {
            (i - 1).to_string()
        };
        list.push_str(&format!("{i},Task {i},1d,{after}\n"));
    }
    let big = folder.join("big.csv");
    std::fs::write(&big, list).unwrap();
    chmod(&big, 0o644);
    let pdf = dir.path().join("out").join("report.pdf");
    let (big, pdf) = (big.to_str().unwrap(), pdf.to_str().unwrap());
    for args in [
        vec!["schedule", big, "--json"],
        vec!["simulate", &plan, "--iterations", "500"],
        vec!["report", &plan, "--out", pdf],
    ] {
        let o = with_no_thread(&args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(o.status.success(), "admiral {args:?}: {err}");
        assert!(!err.contains("panicked"), "admiral {args:?}: {err}");
    }
    let o = with_no_thread(&["schedule", big, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["tasks"].as_array().map(Vec::len), Some(8200));
    assert!(std::fs::metadata(pdf).unwrap().len() > 10_000);
}

fn side_files_of(plan: &str) -> Vec<String> {
    ["-wal", "-shm"]
        .iter()
        .map(|s| format!("{plan}{s}"))
        .filter(|p| Path::new(p).exists())
        .collect()
}

/// A read-only plan can be shown, scheduled, simulated, reported and verified; reading it
/// leaves no side file, so once it is writable again an edit works; a change to it while
/// read-only is refused in one line.
#[test]
fn a_read_only_plan_is_read_and_leaves_nothing_that_blocks_writing() {
    let (dir, _folder, plan) = shared_demo();
    chmod(Path::new(&plan), 0o444);
    let pdf = dir.path().join("out/r.pdf");
    user_ok(&["show", &plan]);
    user_ok(&["schedule", &plan]);
    user_ok(&["simulate", &plan, "--iterations", "200"]);
    user_ok(&["audit", &plan, "--verify"]);
    let said = user_ok(&[
        "report",
        &plan,
        "--out",
        pdf.to_str().unwrap(),
        "--sections",
        "summary",
    ]);
    assert!(said.contains("read-only"), "{said}");
    assert!(pdf.exists());
    assert_eq!(side_files_of(&plan), Vec::<String>::new());
    let o = as_user(&["scenario", "add", &plan, "--name", "X"]);
    assert_eq!(o.status.code(), Some(1));
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(
        e.contains("read-only") && e.trim().lines().count() == 1,
        "{e}"
    );
    chmod(Path::new(&plan), 0o644);
    user_ok(&["scenario", "add", &plan, "--name", "X"]);
}

/// A plan in a read-only folder can be shown, scheduled and verified.
#[test]
fn a_plan_in_a_read_only_folder_can_be_read_and_verified() {
    let (dir, folder, plan) = shared_demo();
    chmod(&folder, 0o555);
    user_ok(&["show", &plan]);
    user_ok(&["schedule", &plan]);
    let v = user_ok(&["audit", &plan, "--verify"]);
    assert!(v.contains("intact"), "{v}");
    let pdf = dir.path().join("out/r.pdf");
    user_ok(&[
        "report",
        &plan,
        "--out",
        pdf.to_str().unwrap(),
        "--sections",
        "summary",
    ]);
    assert_eq!(side_files_of(&plan), Vec::<String>::new());
    chmod(&folder, 0o777);
}

/// An import whose links form a cycle is refused naming its tasks, into a new file (which is
/// then not created) and into an existing plan (which is left as it was).
#[test]
fn an_import_with_a_cycle_is_refused_naming_the_tasks() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("loop.csv");
    std::fs::write(
        &csv,
        "ID,Name,Duration,Predecessors\n1,Spec,1d,\n2,Build,2d,1;3\n3,Test,1d,2\n",
    )
    .unwrap();
    let new = dir.path().join("new.admiral");
    let e = fails(&[
        "import",
        csv.to_str().unwrap(),
        "--into",
        new.to_str().unwrap(),
    ]);
    assert!(
        e.contains("cycle") && e.contains("'Build'") && e.contains("'Test'"),
        "{e}"
    );
    assert!(!new.exists());
    let left = |d: &Path| -> Vec<String> {
        std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".creating-"))
            .collect()
    };
    assert_eq!(left(dir.path()), Vec::<String>::new(), "no temporary file");
    // Nor does a source that is not XML (the new file is started while it is read).
    let xml = dir.path().join("broken.xml");
    std::fs::write(
        &xml,
        "<Project xmlns=\"http://schemas.microsoft.com/project\"><Tasks><Task>",
    )
    .unwrap();
    let e = fails(&[
        "import",
        xml.to_str().unwrap(),
        "--into",
        new.to_str().unwrap(),
    ]);
    assert!(e.contains("line 1"), "{e}");
    assert!(!new.exists());
    assert_eq!(left(dir.path()), Vec::<String>::new(), "no temporary file");
    let plan = demo(dir.path());
    let before = ok(&["show", &plan, "--json"]);
    let e = fails(&["import", csv.to_str().unwrap(), "--into", &plan]);
    assert!(e.contains("'Build'") && e.contains("'Test'"), "{e}");
    assert_eq!(ok(&["show", &plan, "--json"]), before);
}

/// A scenario link that closes a cycle is refused when it is set, naming the tasks.
#[test]
fn a_scenario_link_that_closes_a_cycle_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("chain.csv");
    std::fs::write(
        &csv,
        "ID,Name,Duration,Predecessors\n1,Spec,1d,\n2,Build,2d,1\n3,Test,1d,2\n",
    )
    .unwrap();
    let plan = dir.path().join("p.admiral");
    let plan = plan.to_str().unwrap();
    ok(&[
        "import",
        csv.to_str().unwrap(),
        "--into",
        plan,
        "--start",
        "2027-01-04",
    ]);
    ok(&["scenario", "add", plan, "--name", "Loop"]);
    let e = fails(&["scenario", "set", plan, "Loop", "--add-link", "3FS>1"]);
    assert!(
        e.contains("cycle") && e.contains("'Spec'") && e.contains("'Test'"),
        "{e}"
    );
    // Nothing was saved: comparing still works.
    ok(&["scenario", "compare", plan]);
    // A delay to the last day a plan holds takes the tasks after it past the year 9999:
    // refused when set, since the report compares every saved scenario and would fail.
    ok(&["scenario", "add", plan, "--name", "Never"]);
    let e = fails(&["scenario", "set", plan, "Never", "--delay", "2=9999-12-31"]);
    assert!(
        e.contains("scenario 'Never'") && e.contains("outside the years 1900 to 9999"),
        "{e}"
    );
    ok(&["scenario", "compare", plan]);
    ok(&["scenario", "set", plan, "Never", "--delay", "2=2027-03-01"]);
}

/// A plan that already has a cycle (written behind Admiral's back) opens; what needs the
/// schedule names the cycle's tasks in one line; the rest works.
#[test]
fn a_plan_that_has_a_cycle_opens_and_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("chain.csv");
    std::fs::write(
        &csv,
        "ID,Name,Duration,Predecessors\n1,Spec,1d,\n2,Build,2d,1\n3,Test,1d,2\n",
    )
    .unwrap();
    let plan = dir.path().join("p.admiral");
    let plan = plan.to_str().unwrap();
    ok(&[
        "import",
        csv.to_str().unwrap(),
        "--into",
        plan,
        "--start",
        "2027-01-04",
    ]);
    {
        let c = rusqlite::Connection::open(plan).unwrap();
        c.execute(
            "INSERT INTO links (uid, predecessor, successor, kind_code, lag_kind_code, lag_value)
             SELECT x'0000000000000000000000000000c1c1', t.ord, s.ord, 0, 0, 0
             FROM tasks t, tasks s WHERE t.name = 'Test' AND s.name = 'Spec'",
            [],
        )
        .unwrap();
    }
    let shown = ok(&["show", plan]);
    assert!(shown.contains("Spec"), "{shown}");
    for args in [
        vec!["schedule", plan],
        vec!["simulate", plan, "--iterations", "10"],
        vec!["why", plan, "3"],
    ] {
        let e = fails(&args);
        assert!(
            e.contains("cycle") && e.contains("'Spec'") && e.contains("'Test'"),
            "{args:?}: {e}"
        );
    }
    let pdf = dir.path().join("r.pdf");
    let e = fails(&["report", plan, "--out", pdf.to_str().unwrap()]);
    assert!(e.contains("'Spec'"), "{e}");
    assert!(!pdf.exists());
    // The link was written with sqlite3, outside Admiral: the audit trail says so.
    let e = fails(&["audit", plan, "--verify"]);
    assert!(
        e.contains("table links") && e.contains("outside Admiral"),
        "{e}"
    );
}

/// An import into a plan that already has a release with the same code picks a free code
/// and says so.
#[test]
fn an_import_picks_a_free_release_code_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("p.admiral");
    let plan = plan.to_str().unwrap();
    ok(&["new", plan, "--name", "MC"]);
    let csv = dir.path().join("mc.csv");
    std::fs::write(&csv, "Name,Duration\nA,1d\nB,2d\n").unwrap();
    let said = ok(&["import", csv.to_str().unwrap(), "--into", plan]);
    assert!(said.contains("'MC-2'"), "{said}");
    let shown = json(&["show", plan, "--json"]);
    let codes: Vec<&str> = shown["releases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["MC", "MC-2"]);
    // The empty first release is not simulated as if it had dates.
    let sim = ok(&["simulate", plan, "--iterations", "100"]);
    assert!(sim.contains("Release MC-2"), "{sim}");
    assert!(sim.contains("'MC' has no tasks to simulate"), "{sim}");
}

/// A plan or release without tasks gets a clear answer, never invented dates.
#[test]
fn empty_input_gets_a_clear_answer() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("empty.admiral");
    let plan = plan.to_str().unwrap();
    ok(&["new", plan, "--name", "R1"]);
    let e = fails(&["schedule", plan]);
    assert!(e.contains("no tasks to schedule"), "{e}");
    let e = fails(&["simulate", plan, "--iterations", "10"]);
    assert!(e.contains("no tasks to simulate"), "{e}");
    let pdf = dir.path().join("r.pdf");
    let e = fails(&["report", plan, "--out", pdf.to_str().unwrap()]);
    assert!(e.contains("no tasks to report on"), "{e}");
    assert!(!pdf.exists());
    // With a second release that has tasks, the report is about that one, and a report of
    // the empty one asked for by name is refused.
    let csv = dir.path().join("r2.csv");
    std::fs::write(&csv, "Name,Duration\nA,1d\n").unwrap();
    ok(&["import", csv.to_str().unwrap(), "--into", plan]);
    let said = ok(&[
        "report",
        plan,
        "--out",
        pdf.to_str().unwrap(),
        "--sections",
        "summary",
    ]);
    assert!(said.contains("release report R2 "), "{said}");
    let e = fails(&[
        "report",
        plan,
        "--out",
        pdf.to_str().unwrap(),
        "--release",
        "R1",
    ]);
    assert!(e.contains("'R1' has no tasks") && e.contains("'R2'"), "{e}");
    let table = ok(&["schedule", plan]);
    assert!(
        table.contains("Release R1: no tasks to schedule"),
        "{table}"
    );
}

/// Bounds: iterations, the report's span, absurd durations.
#[test]
fn bounds_give_one_line_errors() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo(dir.path());
    let e = fails(&["simulate", &plan, "--iterations", "1000000000"]);
    assert!(e.contains("too many") && e.contains("1000000"), "{e}");
    // An as-of date far away is refused in one line (the report's Gantt keeps to the plan
    // when such a date reaches it another way: admiral-report's tests).
    let pdf = dir.path().join("r.pdf");
    let e = fails(&[
        "report",
        &plan,
        "--out",
        pdf.to_str().unwrap(),
        "--sections",
        "gantt",
        "--as-of",
        "9999-12-31",
    ]);
    assert!(e.contains("more than a year after today"), "{e}");
    assert!(!pdf.exists());
    // An absurd duration is refused naming the task.
    let csv = dir.path().join("long.csv");
    std::fs::write(&csv, "Name,Duration\nForever,20000d\n").unwrap();
    let e = fails(&[
        "import",
        csv.to_str().unwrap(),
        "--into",
        dir.path().join("long.admiral").to_str().unwrap(),
    ]);
    assert!(e.contains("'Forever'") && e.contains("50 years"), "{e}");
}

/// A crashed session's plan (a `-wal` holding committed changes, no `-shm`) in a folder that
/// cannot be written: it is read with the changes in the `-wal` (verify, schedule, report to
/// another folder), and nothing in its folder is created or changed.
#[test]
fn a_plan_with_a_wal_but_no_shm_in_a_read_only_folder_is_read_whole_and_left_alone() {
    let (dir, folder, plan) = shared_demo();
    // A reader holds the plan open, so the next change stays in the -wal when its process
    // ends (the last connection would fold it into the file); the two files are then
    // copied as a crashed session leaves them: no -shm.
    let reader = rusqlite::Connection::open(&plan).unwrap();
    let _: i64 = reader
        .query_row("SELECT count(*) FROM tasks", [], |r| r.get(0))
        .unwrap();
    user_ok(&["scenario", "add", &plan, "--name", "Kept in the WAL"]);
    let crashed = dir.path().join("crashed");
    std::fs::create_dir(&crashed).unwrap();
    let copy = crashed.join("demo.admiral");
    std::fs::copy(&plan, &copy).unwrap();
    std::fs::copy(format!("{plan}-wal"), crashed.join("demo.admiral-wal")).unwrap();
    drop(reader);
    assert!(
        std::fs::metadata(crashed.join("demo.admiral-wal"))
            .unwrap()
            .len()
            > 0
    );
    chmod(&copy, 0o644);
    chmod(&crashed.join("demo.admiral-wal"), 0o644);
    chmod(&crashed, 0o555);
    let listing = || {
        let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(&crashed)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let before = listing();
    let copy = copy.to_str().unwrap();

    let v = user_ok(&["audit", copy, "--verify"]);
    assert!(v.contains("intact") && v.contains("content matches"), "{v}");
    let scenarios = user_ok(&["scenario", "list", copy]);
    assert!(scenarios.contains("Kept in the WAL"), "{scenarios}");
    user_ok(&["schedule", copy]);
    let pdf = dir.path().join("out/crashed.pdf");
    let said = user_ok(&[
        "report",
        copy,
        "--out",
        pdf.to_str().unwrap(),
        "--sections",
        "summary,appendix",
    ]);
    assert!(said.contains("read-only"), "{said}");
    assert!(pdf.exists());
    assert!(listing() == before, "the folder's files changed");
    chmod(&crashed, 0o777);
    let _ = folder;
}

/// Found by trying the CLI as an attacker would (session 51): each is refused at once with
/// one line, and nothing saved is lost or changed.
#[test]
fn inputs_that_never_end_or_leave_the_years_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo(dir.path());
    let before = bytes(&plan);
    let at = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    // A device behind a name with an extension: reading it would never end.
    for name in ["zero.csv", "zero.xml"] {
        std::os::unix::fs::symlink("/dev/zero", at(name)).unwrap();
    }
    let started = Instant::now();
    for args in [
        vec!["progress", &plan, "--import", "/dev/zero"],
        vec!["import", &at("zero.csv"), "--into", &at("n.admiral")],
        vec!["schedule", &at("zero.xml")],
    ] {
        let e = fails(&args);
        assert!(e.contains("not a regular file"), "{args:?}: {e}");
    }
    assert!(started.elapsed() < Duration::from_secs(20));
    assert!(!Path::new(&at("n.admiral")).exists());
    // A date outside the years a plan holds, before any work: last week's report stays.
    let weekly = at("weekly.pdf");
    std::fs::write(&weekly, b"last week's report").unwrap();
    let e = fails(&["report", &plan, "--out", &weekly, "--as-of", "0000-01-01"]);
    assert!(e.contains("outside the years 1900 to 9999"), "{e}");
    assert_eq!(bytes(&weekly), b"last week's report");
    // A date typed decades ahead (2072 for 2027): refused, the plan unchanged, so it cannot
    // become the "last report" every later report compares with.
    let e = fails(&["report", &plan, "--out", &weekly, "--as-of", "2072-01-18"]);
    assert!(
        e.contains("--as-of: the report date 2072-01-18 is more than a year after today"),
        "{e}"
    );
    assert_eq!(bytes(&weekly), b"last week's report");
    assert_eq!(bytes(&plan), before);
    // A status date whose simulated dates run past 9999.
    let e = fails(&[
        "simulate",
        &plan,
        "--status-date",
        "9999-12-31",
        "--iterations",
        "10",
    ]);
    assert!(e.contains("outside the years 1900 to 9999"), "{e}");
    // A generated plan of more tasks than memory holds.
    for n in ["0", "4294967296", "18446744073709551615"] {
        let e = fails(&["demo", &at("big.admiral"), "--tasks", n]);
        assert!(
            e.contains("a generated plan has 1 to 1000000 tasks"),
            "--tasks {n}: {e}"
        );
    }
    assert_eq!(bytes(&plan), before, "the plan was changed");
}

/// A scenario's holiday that closes the calendars for good makes its dates meaningless: the
/// comparison says so beside that scenario, once per calendar, and not for the baseline.
#[test]
fn a_scenario_that_closes_every_calendar_is_warned_about_in_the_comparison() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo(dir.path());
    let name = "Payments API slips 2 weeks";
    ok(&[
        "scenario",
        "set",
        &plan,
        name,
        "--holiday",
        "1900-01-01..9999-12-31",
    ]);
    let text = ok(&["scenario", "compare", &plan]);
    let warned: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("has no working time"))
        .collect();
    assert!(!warned.is_empty(), "{text}");
    assert!(warned
        .iter()
        .all(|l| l.starts_with(&format!("{name}: warning: calendar"))));
    let mut unique = warned.clone();
    unique.dedup();
    assert_eq!(
        unique.len(),
        warned.len(),
        "a calendar named twice: {warned:?}"
    );
}

/// Found by the second round of trying the CLI as an attacker would (session 51).
#[test]
fn no_output_replaces_the_signing_key_and_edits_keep_the_tasks_rules() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo(dir.path());
    ok(&["task", "set", &plan, "10", "--owner", "bob"]); // makes the signing key
    let key = config_dir().join("signing-key");
    let key_before = std::fs::read(&key).unwrap();
    let link = dir.path().join("latest.csv");
    std::os::unix::fs::symlink(&key, &link).unwrap();
    for out in [key.to_str().unwrap(), link.to_str().unwrap()] {
        let e = fails(&["export", &plan, "--format", "csv", "--out", out]);
        assert!(e.contains("your signing key"), "{e}");
        let e = fails(&["report", &plan, "--out", out, "--sections", "summary"]);
        assert!(e.contains("your signing key"), "{e}");
    }
    assert_eq!(std::fs::read(&key).unwrap(), key_before);
    let before = bytes(&plan);
    // A summary's duration is its tasks' span; a name is never empty.
    let e = fails(&["task", "set", &plan, "1", "--duration", "5d"]);
    assert!(
        e.contains("is a summary task: its duration comes from its tasks"),
        "{e}"
    );
    let e = fails(&["task", "duration", &plan, "1", "5d"]);
    assert!(e.contains("is a summary task"), "{e}");
    let e = fails(&["task", "set", &plan, "25", "--name", " "]);
    assert!(e.contains("needs a name"), "{e}");
    // An elapsed lag's limit is in elapsed days.
    let e = fails(&["task", "predecessors", &plan, "10", "3FS+99999ed"]);
    assert!(e.contains("99999 elapsed days"), "{e}");
    // Actual dates no further apart than 50 years.
    let e = fails(&["progress", &plan, "10", "--actual-start", "1900-01-01"]);
    let e2 = fails(&["progress", &plan, "10", "--actual-finish", "2099-01-01"]);
    assert!(
        e.contains("days apart") || e2.contains("days apart"),
        "{e} / {e2}"
    );
    assert_eq!(bytes(&plan), before, "the plan was changed");
}

/// An MS Project file anyone could send with escape sequences in a task's name: `show` and
/// an error naming the task print no control character (the terminal would take them as
/// commands: set its title, clear the screen); the JSON keeps the name, escaped.
#[test]
fn escape_sequences_in_an_imported_name_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    // In the file's name, which the CLI prints as given, and in a task's name, which the
    // import reads on one line.
    let xml = dir.path().join("evil\u{1b}]0;pwned\u{7}.xml");
    std::fs::write(
        &xml,
        "<?xml version=\"1.0\"?><Project xmlns=\"http://schemas.microsoft.com/project\">\
         <StartDate>2027-01-04T08:00:00</StartDate><Tasks><Task><UID>1</UID><ID>1</ID><Name>evil&#x1b;]0;pwned&#x07;&#x1b;[2J&#x9b;31mRED</Name>\
         <Duration>PT16H0M0S</Duration><Notes>csi&#x9b;31m del&#x7f;</Notes></Task></Tasks></Project>",
    )
    .unwrap();
    let plan = dir.path().join("evil.admiral");
    let plan = plan.to_str().unwrap();
    let imported = ok(&["import", xml.to_str().unwrap(), "--into", plan]);
    let shown = ok(&["show", plan]);
    let refused = fails(&["progress", plan, "1", "--remaining", "3ed"]);
    for out in [&imported, &shown, &refused] {
        assert!(
            !out.chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t'),
            "{out:?}"
        );
    }
    assert!(
        imported.contains("evil\u{FFFD}]0;pwned\u{FFFD}.xml"),
        "{imported}"
    );
    // An error quoting a path with a line break is still one line (`fails` checks it).
    let odd = dir.path().join("two\nlines.mpp");
    std::fs::write(&odd, "x").unwrap();
    let e = fails(&["import", odd.to_str().unwrap(), "--into", plan]);
    assert!(e.contains("two lines.mpp: MS Project's own files"), "{e}");
    let one_line = "evil ]0;pwned [2J 31mRED";
    assert!(
        imported.contains(&format!("it is read on one line: '{one_line}'")),
        "{imported}"
    );
    assert!(shown.contains(one_line), "{shown}");
    assert!(refused.contains(one_line), "{refused}");
    let plan_json = json(&["show", plan, "--json"]);
    assert_eq!(plan_json["tasks"][0]["name"], one_line);
    assert_eq!(plan_json["releases"][0]["name"], "evil ]0;pwned");
    // A note keeps its characters; JSON carries them unchanged (escaped, so the terminal
    // writer finds nothing to replace).
    assert_eq!(plan_json["tasks"][0]["notes"], "csi\u{9b}31m del\u{7f}");
    let raw = ok(&["show", plan, "--json"]);
    assert!(raw.contains(r"csi\u009b31m del\u007f"), "{raw}");
}
