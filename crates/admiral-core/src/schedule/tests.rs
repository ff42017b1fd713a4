//! Scheduler tests: small hand-made plans mirroring the MS Project fixtures, then properties
//! on random networks.

use super::*;
use crate::calendar::{Calendar, CalendarException};
use chrono::NaiveDate;

fn dt(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

/// A one-release plan on the standard calendar.
struct B {
    plan: Plan,
}

impl B {
    fn new(start: &str) -> Self {
        let rel = ReleaseId::from_u128(1);
        let prj = ProjectId::from_u128(2);
        let plan = Plan {
            releases: vec![Release {
                id: rel,
                code: "R1".into(),
                name: "R1".into(),
                kind: ReleaseKind::Project,
                owner: String::new(),
                description: String::new(),
                start: dt(start),
                target: None,
                status: ReleaseStatus::Planning,
                calendar_id: None,
                budget: None,
            }],
            projects: vec![Project {
                id: prj,
                release_id: rel,
                name: "P".into(),
                department: String::new(),
                owner: String::new(),
            }],
            ..Default::default()
        };
        Self { plan }
    }

    fn add(&mut self, name: &str, level: u16, duration: Duration) -> TaskId {
        let n = self.plan.tasks.len() as u32 + 1;
        let id = TaskId::from_u128(1000 + u128::from(n));
        self.plan.tasks.push(Task {
            kind: if duration.is_zero() {
                TaskKind::Milestone
            } else {
                TaskKind::Task
            },
            outline_level: level,
            ..Task::new(id, TaskNumber(n), ProjectId::from_u128(2), name, duration)
        });
        id
    }

    fn task(&mut self, name: &str, minutes: i64) -> TaskId {
        self.add(name, 1, Duration::Working(WorkMinutes(minutes)))
    }

    fn link(&mut self, p: TaskId, s: TaskId, kind: LinkType, lag: Lag) {
        let n = self.plan.links.len() as u128;
        self.plan.links.push(Link {
            id: LinkId::from_u128(5000 + n),
            predecessor: p,
            successor: s,
            kind,
            lag,
        });
    }

    fn get(&mut self, id: TaskId) -> &mut Task {
        self.plan.tasks.iter_mut().find(|t| t.id == id).unwrap()
    }

    fn run(&self) -> Schedule {
        self.plan.validate().unwrap();
        schedule(&self.plan, &ScheduleOptions::default()).unwrap()
    }
}

fn w(m: i64) -> Lag {
    Lag::Working(WorkMinutes(m))
}

fn row(s: &Schedule, id: TaskId) -> &TaskSchedule {
    s.tasks.iter().find(|t| t.task_id == id).unwrap()
}

/// (ES, EF, LS, LF, TF, FF) as MS Project shows them.
fn check(s: &Schedule, id: TaskId, want: (&str, &str, &str, &str, i64, i64)) {
    let r = row(s, id);
    let got = (
        r.early_start,
        r.early_finish,
        r.late_start,
        r.late_finish,
        r.total_float.0,
        r.free_float.0,
    );
    let want = (
        dt(want.0),
        dt(want.1),
        dt(want.2),
        dt(want.3),
        want.4,
        want.5,
    );
    assert_eq!(got, want, "task {id}");
}

const D: i64 = 480;

/// Manually scheduled tasks, as in MS Project 2019's task-links file (all tasks manual):
/// they stay at their own starts whatever their links, drive their successors' late dates,
/// and an SS link from a manual task bounds only its free float.
#[test]
fn manual_tasks_keep_their_dates() {
    let mut b = B::new("2018-10-18T08:00");
    let manual = |b: &mut B, name: &str, start: &str, text_dates: bool| {
        let id = b.task(name, D);
        b.get(id).mode = TaskMode::Manual {
            start: dt(start),
            text_dates,
        };
        id
    };
    let t1 = manual(&mut b, "1", "2018-10-18T08:00", false);
    let t2 = manual(&mut b, "2", "2018-10-19T08:00", false);
    let t9 = manual(&mut b, "9", "2018-10-18T08:00", false);
    // 10 days after task 9 by its link, but the user put it on 11-02: it stays there.
    let t10 = manual(&mut b, "10", "2018-11-02T08:00", false);
    let t13 = manual(&mut b, "13", "2018-10-18T08:00", false);
    let t14 = manual(&mut b, "14", "2018-10-22T08:00", false);
    let text = manual(&mut b, "text", "2018-11-02T08:00", true);
    // A manual predecessor does not move a manual successor either.
    let early = manual(&mut b, "early", "2018-10-22T08:00", false);
    let late = manual(&mut b, "late", "2018-10-18T08:00", false);
    b.link(t1, t2, LinkType::FS, w(0));
    b.link(t9, t10, LinkType::FS, w(10 * D));
    b.link(t13, t14, LinkType::SS, w(2 * D));
    b.link(early, late, LinkType::FS, w(0));
    let s = b.run();
    check(
        &s,
        t1,
        (
            "2018-10-18T08:00",
            "2018-10-18T17:00",
            "2018-11-01T08:00",
            "2018-11-01T17:00",
            10 * D,
            0,
        ),
    );
    check(
        &s,
        t2,
        (
            "2018-10-19T08:00",
            "2018-10-19T17:00",
            "2018-11-02T08:00",
            "2018-11-02T17:00",
            10 * D,
            10 * D,
        ),
    );
    check(
        &s,
        t9,
        (
            "2018-10-18T08:00",
            "2018-10-18T17:00",
            "2018-10-18T08:00",
            "2018-10-18T17:00",
            0,
            0,
        ),
    );
    check(
        &s,
        t10,
        (
            "2018-11-02T08:00",
            "2018-11-02T17:00",
            "2018-11-02T08:00",
            "2018-11-02T17:00",
            0,
            0,
        ),
    );
    // MS Project: late finish 11-02 17:00 (the project finish), not 11-01 as the SS link
    // would give; free float still 0 through that link.
    check(
        &s,
        t13,
        (
            "2018-10-18T08:00",
            "2018-10-18T17:00",
            "2018-11-02T08:00",
            "2018-11-02T17:00",
            11 * D,
            0,
        ),
    );
    check(
        &s,
        t14,
        (
            "2018-10-22T08:00",
            "2018-10-22T17:00",
            "2018-11-02T08:00",
            "2018-11-02T17:00",
            9 * D,
            9 * D,
        ),
    );
    assert!(row(&s, t9).critical && row(&s, t10).critical);
    // Zero float, but MS Project never marks a manual task with text dates critical.
    assert_eq!(row(&s, text).total_float.0, 0);
    assert!(!row(&s, text).critical);
    assert_eq!(row(&s, late).early_start, dt("2018-10-18T08:00"));
    assert_eq!(row(&s, late).driving_predecessor, None);
}

#[test]
fn mspdirelations_fs_ss_ff_sf() {
    let mut b = B::new("2006-09-21T08:00");
    let t1 = b.task("Task 1", D);
    let t2 = b.task("Task 2", D);
    let t3 = b.task("Task 3", D);
    let t4 = b.task("Task 4", D);
    let t5 = b.task("Task 5", D);
    b.link(t1, t2, LinkType::FS, w(0));
    b.link(t2, t3, LinkType::SS, w(D));
    b.link(t3, t4, LinkType::FF, w(0));
    b.link(t4, t5, LinkType::SF, w(0));
    let s = b.run();
    let d = |x| x;
    check(
        &s,
        t1,
        (
            d("2006-09-21T08:00"),
            "2006-09-21T17:00",
            "2006-09-21T08:00",
            "2006-09-21T17:00",
            0,
            0,
        ),
    );
    check(
        &s,
        t2,
        (
            "2006-09-22T08:00",
            "2006-09-22T17:00",
            "2006-09-22T08:00",
            "2006-09-22T17:00",
            0,
            0,
        ),
    );
    check(
        &s,
        t3,
        (
            "2006-09-25T08:00",
            "2006-09-25T17:00",
            "2006-09-25T08:00",
            "2006-09-25T17:00",
            0,
            0,
        ),
    );
    check(
        &s,
        t4,
        (
            "2006-09-25T08:00",
            "2006-09-25T17:00",
            "2006-09-25T08:00",
            "2006-09-25T17:00",
            0,
            0,
        ),
    );
    // MS Project writes the SF finish as 2006-09-25 08:00, the same instant as Friday 17:00.
    check(
        &s,
        t5,
        (
            "2006-09-22T08:00",
            "2006-09-22T17:00",
            "2006-09-25T08:00",
            "2006-09-25T17:00",
            480,
            480,
        ),
    );
    assert_eq!(s.finish, dt("2006-09-25T17:00"));
    assert_eq!(s.critical_paths, vec![vec![t1, t2, t3, t4]]);
    assert_eq!(row(&s, t4).driving_predecessor, Some(t3));
    assert_eq!(driving_chain(&s, t4), vec![t1, t2, t3, t4]);
}

/// What a task drives: the tasks whose driving chain runs through it, in plan order; a task
/// it links to but does not drive (another predecessor finishes later) is not among them.
#[test]
fn driven_successors_follow_the_driving_links_forward() {
    let mut b = B::new("2027-01-04T08:00");
    let a = b.task("A", 480);
    let long = b.task("Long", 5 * 480);
    let c = b.task("C", 480);
    let d = b.task("D", 480);
    let e = b.task("E", 480);
    let f = b.task("F", 480);
    // A drives C, C drives D and E; F waits on both A and Long, and Long finishes later.
    b.link(a, c, LinkType::FS, w(0));
    b.link(c, d, LinkType::FS, w(0));
    b.link(c, e, LinkType::FS, w(0));
    b.link(a, f, LinkType::FS, w(0));
    b.link(long, f, LinkType::FS, w(0));
    let s = b.run();
    assert_eq!(row(&s, f).driving_predecessor, Some(long));
    assert_eq!(driven_successors(&s, a), vec![c, d, e]);
    assert_eq!(driven_successors(&s, c), vec![d, e]);
    assert_eq!(driven_successors(&s, long), vec![f]);
    assert!(driven_successors(&s, d).is_empty());
    // Every driven task's chain runs back through the task.
    for t in driven_successors(&s, a) {
        assert!(driving_chain(&s, t).contains(&a));
    }
}

#[test]
fn task_links_lags_in_days_and_weeks() {
    let mut b = B::new("2014-10-17T08:00");
    let cases = [
        (LinkType::FS, 0, 4800, "2014-10-20T08:00"),
        (LinkType::FS, 480, 4320, "2014-10-21T08:00"),
        (LinkType::FS, 960, 3840, "2014-10-22T08:00"),
        (LinkType::FS, 2400, 2400, "2014-10-27T08:00"),
        (LinkType::FS, 4800, 0, "2014-11-03T08:00"),
        (LinkType::SF, 960, 4800, "2014-10-20T08:00"),
        (LinkType::SS, 960, 4320, "2014-10-21T08:00"),
        (LinkType::FF, 960, 4320, "2014-10-21T08:00"),
    ];
    let mut pairs = Vec::new();
    for (kind, lag, _, _) in cases {
        let a = b.task("Task 1", D);
        let c = b.task("Task 2", D);
        b.link(a, c, kind, w(lag));
        pairs.push((a, c));
    }
    let s = b.run();
    assert_eq!(s.finish, dt("2014-11-03T17:00"));
    for ((a, c), (_, _, tf, start)) in pairs.into_iter().zip(cases) {
        let (ra, rc) = (row(&s, a), row(&s, c));
        assert_eq!(rc.early_start, dt(start));
        assert_eq!((ra.total_float.0, ra.free_float.0), (tf, 0));
        assert_eq!((rc.total_float.0, rc.free_float.0), (tf, tf));
        assert_eq!(rc.late_finish, dt("2014-11-03T17:00"));
        assert_eq!(ra.critical, tf == 0);
    }
}

#[test]
fn negative_lag_and_summaries_roll_up() {
    let mut b = B::new("2003-01-07T08:00");
    let sum = b.add("Task Relationships", 1, Duration::ZERO);
    let a = b.add("3a", 2, Duration::Working(WorkMinutes(D)));
    let c = b.add("3b", 2, Duration::Working(WorkMinutes(D)));
    let long = b.task("Long", 10 * D);
    b.link(a, c, LinkType::FS, w(-D));
    let s = b.run();
    check(
        &s,
        c,
        (
            "2003-01-07T08:00",
            "2003-01-07T17:00",
            "2003-01-20T08:00",
            "2003-01-20T17:00",
            9 * D,
            9 * D,
        ),
    );
    // MS Project: 3a has no free float: 3b could not start earlier anyway.
    assert_eq!(row(&s, a).free_float.0, 0);
    let r = row(&s, sum);
    assert!(r.summary);
    assert_eq!(r.early_start, dt("2003-01-07T08:00"));
    assert_eq!(r.early_finish, dt("2003-01-07T17:00"));
    assert_eq!(r.late_finish, dt("2003-01-20T17:00"));
    assert_eq!(r.total_float.0, 9 * D);
    assert!(row(&s, long).critical);
}

#[test]
fn milestone_sits_at_the_predecessors_finish() {
    let mut b = B::new("2027-03-01T08:00");
    let a = b.task("Build", 5 * D);
    let m = b.add("Done", 1, Duration::ZERO);
    let m0 = b.add("Kick-off", 1, Duration::ZERO);
    b.link(a, m, LinkType::FS, w(0));
    let s = b.run();
    assert_eq!(row(&s, m).start, dt("2027-03-05T17:00"));
    assert_eq!(row(&s, m).finish, dt("2027-03-05T17:00"));
    assert_eq!(row(&s, m0).start, dt("2027-03-01T08:00"));
    let next = b.task("Next", D);
    b.link(a, next, LinkType::FS, w(0));
    let s = b.run();
    assert_eq!(row(&s, next).start, dt("2027-03-08T08:00"));
}

#[test]
fn elapsed_durations_run_on_the_clock() {
    let mut b = B::new("2009-03-25T08:00");
    let t3 = b.task("Task 3", D);
    let t8 = b.add("Task 8", 1, Duration::Elapsed(1440));
    let t10 = b.add("Task 10", 1, Duration::Elapsed(43200));
    let s = b.run();
    assert_eq!(row(&s, t8).early_finish, dt("2009-03-26T08:00"));
    assert_eq!(s.finish, dt("2009-04-24T08:00"));
    check(
        &s,
        t8,
        (
            "2009-03-25T08:00",
            "2009-03-26T08:00",
            "2009-04-23T08:00",
            "2009-04-24T08:00",
            41760,
            41760,
        ),
    );
    check(
        &s,
        t10,
        (
            "2009-03-25T08:00",
            "2009-04-24T08:00",
            "2009-03-25T08:00",
            "2009-04-24T08:00",
            0,
            0,
        ),
    );
    // Working task: late finish 2009-04-23 17:00, the same instant as 04-24 08:00.
    check(
        &s,
        t3,
        (
            "2009-03-25T08:00",
            "2009-03-25T17:00",
            "2009-04-23T08:00",
            "2009-04-23T17:00",
            21 * D,
            21 * D,
        ),
    );
}

#[test]
fn snet_on_a_task_and_sf_with_earlier_snet() {
    let mut b = B::new("2003-01-07T08:00");
    let a = b.task("6a", D);
    let c = b.task("6b", D);
    let end = b.task("end", 49 * D);
    b.get(a).constraint = Constraint::Snet(dt("2003-01-08T08:00"));
    b.get(c).constraint = Constraint::Snet(dt("2003-01-06T08:00"));
    b.link(a, c, LinkType::SF, w(0));
    let s = b.run();
    let _ = end;
    assert_eq!(row(&s, a).early_start, dt("2003-01-08T08:00"));
    assert_eq!(row(&s, c).early_start, dt("2003-01-07T08:00"));
    assert_eq!(row(&s, c).early_finish, dt("2003-01-07T17:00"));
    assert_eq!(row(&s, a).free_float.0, 0);
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
}

#[test]
fn unmet_constraint_gives_negative_float_and_a_warning() {
    let mut b = B::new("2027-03-01T08:00");
    let a = b.task("Build", 5 * D);
    let c = b.task("Test", 2 * D);
    b.link(a, c, LinkType::FS, w(0));
    b.get(c).constraint = Constraint::Fnlt(dt("2027-03-05T17:00"));
    let s = b.run();
    let r = row(&s, c);
    // Honoured: Test is held to finish by Friday although Build ends then.
    assert_eq!(r.early_finish, dt("2027-03-05T17:00"));
    assert_eq!(r.total_float.0, 0);
    assert_eq!(row(&s, a).total_float.0, -2 * D);
    assert!(row(&s, a).critical);
    assert_eq!(s.warnings.len(), 1);
    let msg = s.warnings[0].to_string();
    assert!(msg.contains("task 2 'Test'"), "{msg}");
}

#[test]
fn deadline_limits_late_finish_and_warns() {
    let mut b = B::new("2027-03-01T08:00");
    let a = b.task("Build", 5 * D);
    let other = b.task("Other", 10 * D);
    b.get(a).deadline = Some(dt("2027-03-03T17:00"));
    let s = b.run();
    let _ = other;
    let r = row(&s, a);
    assert_eq!(r.late_finish, dt("2027-03-03T17:00"));
    assert_eq!(r.total_float.0, -2 * D);
    assert!(matches!(
        s.warnings[0],
        ScheduleWarning::DeadlineMissed { .. }
    ));
    assert!(s.warnings[0]
        .to_string()
        .starts_with("task 1 'Build' finishes"));
}

#[test]
fn cycle_is_named_in_order() {
    let mut b = B::new("2027-03-01T08:00");
    let a = b.task("Spec", D);
    let c = b.task("Build", D);
    let d = b.task("Test", D);
    b.link(a, c, LinkType::FS, w(0));
    b.link(c, d, LinkType::FS, w(0));
    b.link(d, c, LinkType::SS, w(0));
    let e = schedule(&b.plan, &ScheduleOptions::default()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "these tasks form a cycle: task 2 'Build' → task 3 'Test' → task 2 'Build'"
    );
}

#[test]
fn links_into_and_out_of_summaries() {
    let mut b = B::new("2027-03-01T08:00");
    let a = b.task("Design", 2 * D);
    let sum = b.add("Phase", 1, Duration::ZERO);
    let x = b.add("x", 2, Duration::Working(WorkMinutes(D)));
    let y = b.add("y", 2, Duration::Working(WorkMinutes(3 * D)));
    let after = b.task("After", D);
    let ss = b.task("SS", D);
    b.link(a, sum, LinkType::FS, w(0));
    b.link(sum, after, LinkType::FS, w(0));
    b.link(sum, ss, LinkType::SS, w(D));
    let s = b.run();
    assert_eq!(row(&s, x).early_start, dt("2027-03-03T08:00"));
    assert_eq!(row(&s, y).early_start, dt("2027-03-03T08:00"));
    assert_eq!(row(&s, sum).early_finish, dt("2027-03-05T17:00"));
    assert_eq!(row(&s, after).early_start, dt("2027-03-08T08:00"));
    assert_eq!(row(&s, ss).early_start, dt("2027-03-04T08:00"));
    assert!(row(&s, y).critical && !row(&s, x).critical);
}

#[test]
fn summary_linked_to_its_own_child_is_a_cycle() {
    let mut b = B::new("2027-03-01T08:00");
    let sum = b.add("Phase", 1, Duration::ZERO);
    let x = b.add("x", 2, Duration::Working(WorkMinutes(D)));
    b.link(sum, x, LinkType::FS, w(0));
    let e = schedule(&b.plan, &ScheduleOptions::default()).unwrap_err();
    assert!(e.to_string().contains("task 1 'Phase' → task 2 'x'"), "{e}");
}

#[test]
fn rejected_gate_blocks_its_successors() {
    let mut b = B::new("2027-03-01T08:00");
    let g = b.add("Go/no-go", 1, Duration::ZERO);
    b.get(g).kind = TaskKind::Gate;
    let a = b.task("Deploy", D);
    let c = b.task("Verify", D);
    let free = b.task("Docs", D);
    b.link(g, a, LinkType::FS, w(0));
    b.link(a, c, LinkType::FS, w(0));
    b.plan.gates.push(Gate {
        id: GateId::from_u128(9),
        task_id: g,
        criteria: vec![],
        approvers: vec![Approver {
            name: "QA".into(),
            role: "QA".into(),
            decision: Decision::Rejected,
            decided_at: None,
            comment: String::new(),
        }],
    });
    let s = b.run();
    assert_eq!(row(&s, a).blocked_by_gate, Some(g));
    assert_eq!(row(&s, c).blocked_by_gate, Some(g));
    assert_eq!(row(&s, free).blocked_by_gate, None);
    assert_eq!(row(&s, c).start, dt("2027-03-02T08:00"));
    assert_eq!(s.releases[0].blocked_by_gates, vec![g]);
    assert_eq!(
        s.warnings[0].to_string(),
        "2 task(s) wait on task 1 'Go/no-go', a gate that was rejected"
    );
}

#[test]
fn deployments_skip_blackout_days() {
    let mut b = B::new("2027-03-01T08:00");
    let build = b.task("Build", D);
    let dep = b.task("Deploy", D);
    let other = b.task("Other", D);
    b.get(dep).kind = TaskKind::Deployment;
    b.link(build, dep, LinkType::FS, w(0));
    b.link(build, other, LinkType::FS, w(0));
    b.plan.blackouts.push(Blackout {
        id: BlackoutId::from_u128(7),
        release_id: ReleaseId::from_u128(1),
        name: "Freeze".into(),
        start: NaiveDate::from_ymd_opt(2027, 3, 2).unwrap(),
        finish: NaiveDate::from_ymd_opt(2027, 3, 3).unwrap(),
    });
    let s = b.run();
    assert_eq!(row(&s, dep).start, dt("2027-03-04T08:00"));
    assert_eq!(row(&s, other).start, dt("2027-03-02T08:00"));
}

#[test]
fn progress_and_status_date() {
    let mut b = B::new("2027-03-01T08:00");
    let done = b.task("Done", 2 * D);
    let doing = b.task("Doing", 4 * D);
    let todo = b.task("Todo", D);
    b.link(done, doing, LinkType::FS, w(0));
    b.link(doing, todo, LinkType::FS, w(0));
    b.get(done).progress = Progress {
        actual_start: Some(dt("2027-03-01T08:00")),
        actual_finish: Some(dt("2027-03-03T17:00")),
        percent_complete: 100,
    };
    b.get(doing).progress = Progress {
        actual_start: Some(dt("2027-03-04T08:00")),
        actual_finish: None,
        percent_complete: 25,
    };
    let free = b.task("Unlinked", D);
    b.plan.settings.status_date = Some(dt("2027-03-10T08:00"));
    let s = b.run();
    assert_eq!(row(&s, done).finish, dt("2027-03-03T17:00"));
    assert!(!row(&s, done).critical);
    assert_eq!(row(&s, doing).start, dt("2027-03-04T08:00"));
    // 3 days remain from the status date.
    assert_eq!(row(&s, doing).finish, dt("2027-03-12T17:00"));
    assert_eq!(row(&s, todo).start, dt("2027-03-15T08:00"));
    assert_eq!(row(&s, free).start, dt("2027-03-10T08:00"));
    let opts = ScheduleOptions {
        status_date: Some(dt("2027-03-11T08:00")),
    };
    let s2 = schedule(&b.plan, &opts).unwrap();
    assert_eq!(row(&s2, free).start, dt("2027-03-11T08:00"));
}

/// A started task of no duration (a task, not a milestone: its duration set to 0 after it
/// started) finishes where it started, as in MS Project; it used to be shown finishing at
/// its early finish, before its actual start, and the schedule was refused for it (found by
/// `rerunning_the_kept_network_gives_the_fresh_schedule` on the demo plan).
#[test]
fn a_started_task_of_no_duration_finishes_where_it_started() {
    let mut b = B::new("2027-03-01T08:00");
    let before = b.task("Before", D);
    let zero = b.task("Zero", 0);
    let after = b.task("After", D);
    b.link(before, zero, LinkType::FS, w(0));
    b.link(zero, after, LinkType::FS, w(0));
    b.get(zero).progress = Progress {
        actual_start: Some(dt("2027-03-02T13:00")),
        actual_finish: None,
        percent_complete: 0,
    };
    b.plan.settings.status_date = Some(dt("2027-03-03T08:00"));
    let s = b.run();
    assert_eq!(row(&s, zero).start, dt("2027-03-02T13:00"));
    assert_eq!(row(&s, zero).finish, dt("2027-03-02T13:00"));
    assert!(row(&s, after).start >= dt("2027-03-02T13:00"));
}

/// p (10 days, alone, so the project ends Fri 03-12), and t (`t_len`) → SS → u (1 day) →
/// FS → v (5 days): u must start by Fri 03-05. Returns the builder, t and u.
fn start_to_start_chain(t_len: i64) -> (B, TaskId, TaskId) {
    let mut b = B::new("2027-03-01T08:00");
    let _p = b.task("p", 10 * D);
    let t = b.task("t", t_len);
    let u = b.task("u", D);
    let v = b.task("v", 5 * D);
    b.link(t, u, LinkType::SS, w(0));
    b.link(u, v, LinkType::FS, w(0));
    (b, t, u)
}

/// A started task's start is its actual start, so a start-to-start successor no longer
/// bounds its late finish (MPXJ's emulation of MS Project; the corpus has no such link). u
/// must start by Fri 03-05 (v, 5 days, ends with p on Fri 03-12); t started Mon 03-01, so its
/// late finish is the project's, not Fri 03-05 plus its 4 days.
#[test]
fn a_start_to_start_successor_does_not_bound_a_started_tasks_late_finish() {
    let (mut b, t, u) = start_to_start_chain(4 * D);
    assert_eq!(row(&b.run(), t).late_finish, dt("2027-03-10T17:00"));
    b.get(t).progress = Progress {
        actual_start: Some(dt("2027-03-01T08:00")),
        actual_finish: None,
        percent_complete: 50,
    };
    let s = b.run();
    assert_eq!(row(&s, u).late_start, dt("2027-03-05T08:00"));
    assert_eq!(row(&s, t).late_finish, dt("2027-03-12T17:00"));
}

/// Started on Mon 03-01 (50 % done), not finished.
fn half_done() -> Progress {
    Progress {
        actual_start: Some(dt("2027-03-01T08:00")),
        actual_finish: None,
        percent_complete: 50,
    }
}

/// A start-to-finish successor still bounds a started task's late finish (only SS lost its
/// hold: `calculateLateFinishForStartFinish` in MPXJ's emulation, the witness where the
/// corpus has no such link). t (4 days, started) → SF → u (1 day) → FS → v (5 days, ends
/// with p on Fri 03-12): u must finish by Fri 03-05, so t may finish 4 days after it.
#[test]
fn a_start_to_finish_successor_still_bounds_a_started_tasks_late_finish() {
    let (mut b, t, u) = start_to_start_chain(4 * D);
    b.plan.links[0].kind = LinkType::SF;
    b.get(t).progress = half_done();
    let s = b.run();
    assert_eq!(row(&s, u).late_finish, dt("2027-03-05T17:00"));
    assert_eq!(row(&s, t).late_finish, dt("2027-03-11T17:00"));
    assert_eq!(row(&s, t).late_start, dt("2027-03-01T08:00"));
}

/// A finish-to-start predecessor of a started task counts back from the late start the
/// successor's remaining duration gives, not from its actual start (which is its shown late
/// start): p (10 days) ends the project on Fri 03-12; s (4 days, started Mon 03-01, 2 days
/// remaining) has no successor, so it may do its remaining 2 days from Thu 03-11; a, its
/// FS predecessor, may finish by Wed 03-10 (before: Fri 02-26, the day before s started).
#[test]
fn a_finish_to_start_predecessor_of_a_started_task_counts_back_from_its_remaining_work() {
    let mut b = B::new("2027-03-01T08:00");
    let _p = b.task("p", 10 * D);
    let a = b.task("a", 2 * D);
    let st = b.task("s", 4 * D);
    b.link(a, st, LinkType::FS, w(D));
    b.get(st).progress = half_done();
    let s = b.run();
    assert_eq!(row(&s, st).late_start, dt("2027-03-01T08:00"));
    assert_eq!(row(&s, st).late_finish, dt("2027-03-12T17:00"));
    // Thu 03-11 08:00 less the one-day lag.
    assert_eq!(row(&s, a).late_finish, dt("2027-03-09T17:00"));
    assert_eq!(row(&s, a).late_start, dt("2027-03-08T08:00"));
}

/// A start-to-start predecessor of a started task may start as late as the successor's
/// work done ends, whatever the lag (s: 4 days from Mon 03-01, half done by Tue 03-02
/// 17:00, so a's 2 days may run Wed 03-03 to Thu 03-04); and is not bound when the started
/// task has no successor (MPXJ's `calculateLateFinishForStartStart`).
#[test]
fn a_start_to_start_predecessor_of_a_started_task_may_start_when_its_work_done_ends() {
    let mut b = B::new("2027-03-01T08:00");
    let _p = b.task("p", 10 * D);
    let a = b.task("a", 2 * D);
    let st = b.task("s", 4 * D);
    let v = b.task("v", D);
    b.link(a, st, LinkType::SS, w(D));
    b.link(st, v, LinkType::FS, w(0));
    b.get(st).progress = half_done();
    let s = b.run();
    assert_eq!(row(&s, a).late_start, dt("2027-03-03T08:00"));
    assert_eq!(row(&s, a).late_finish, dt("2027-03-04T17:00"));
    b.plan.links.pop();
    let s = b.run();
    assert_eq!(row(&s, a).late_finish, dt("2027-03-12T17:00"));
}

/// A started task keeps its actual start whatever its links, but finish-no-earlier-than
/// still holds its finish back (the one constraint MPXJ's emulation applies to a started
/// task): s (4 days, started Mon 03-01) must not finish before Wed 03-17, and its FS
/// successor follows from there. Other constraints leave a started task alone.
#[test]
fn finish_no_earlier_than_holds_back_a_started_tasks_finish() {
    let mut b = B::new("2027-03-01T08:00");
    let st = b.task("s", 4 * D);
    let after = b.task("after", D);
    b.link(st, after, LinkType::FS, w(0));
    b.get(st).progress = half_done();
    b.get(st).constraint = Constraint::Fnet(dt("2027-03-17T17:00"));
    let s = b.run();
    assert_eq!(row(&s, st).start, dt("2027-03-01T08:00"));
    assert_eq!(row(&s, st).finish, dt("2027-03-17T17:00"));
    assert_eq!(row(&s, after).start, dt("2027-03-18T08:00"));
    b.get(st).constraint = Constraint::Snet(dt("2027-03-10T08:00"));
    assert_eq!(row(&b.run(), st).finish, dt("2027-03-04T17:00"));
}

/// Free float is the gap to the nearest successor, not capped at total float: next to
/// negative float it can exceed it (MPXJ's `MicrosoftSlackCalculator`; no corpus task has
/// negative float). a (1 day) and b (3 days) → FS → c (1 day, deadline Mon 03-01): c
/// starts Thu 03-04, so a may slip 2 days without moving it, while the deadline gives a a
/// total float of −1 day (and b −3 days).
#[test]
fn free_float_next_to_negative_float_is_the_gap_to_the_successor() {
    let mut b = B::new("2027-03-01T08:00");
    let a = b.task("a", D);
    let long = b.task("b", 3 * D);
    let c = b.task("c", D);
    b.link(a, c, LinkType::FS, w(0));
    b.link(long, c, LinkType::FS, w(0));
    b.get(c).deadline = Some(dt("2027-03-01T17:00"));
    let s = b.run();
    assert_eq!(row(&s, c).start, dt("2027-03-04T08:00"));
    assert_eq!(row(&s, a).total_float.0, -D);
    assert_eq!(row(&s, a).free_float.0, 2 * D);
    assert_eq!(row(&s, long).total_float.0, -3 * D);
    assert_eq!(row(&s, long).free_float.0, 0);
    assert_eq!(row(&s, c).free_float.0, 0);
}

/// An SF link from a manual task bounds its late finish when the successor is automatic
/// (MPXJ's `calculateLateFinishForStartFinish`; no corpus file has one), not when the
/// successor is manual too (MS Project 2019's task-links file, tasks 11 and 12). m (manual,
/// 1 day from Mon 03-01) → SF +1 day → u (1 day) → FS → v (5 days, ends with p on Fri
/// 03-12): u must finish by Fri 03-05 17:00, so m may start a day before (Thu 17:00, that
/// is Fri 08:00) and finish Fri 03-05.
#[test]
fn a_start_to_finish_link_from_a_manual_task_bounds_it_unless_the_successor_is_manual() {
    let (mut b, m, u) = start_to_start_chain(D);
    b.plan.links[0].kind = LinkType::SF;
    b.plan.links[0].lag = w(D);
    b.get(m).mode = TaskMode::Manual {
        start: dt("2027-03-01T08:00"),
        text_dates: false,
    };
    let s = b.run();
    assert_eq!(row(&s, u).late_finish, dt("2027-03-05T17:00"));
    assert_eq!(row(&s, m).late_finish, dt("2027-03-05T17:00"));
    b.get(u).mode = TaskMode::Manual {
        start: dt("2027-03-01T08:00"),
        text_dates: false,
    };
    assert_eq!(row(&b.run(), m).late_finish, dt("2027-03-12T17:00"));
}

/// An SS link from a manual task bounds only its free float, except into a task without
/// successors, whose late finish the manual task then takes (MPXJ's
/// `calculateLateFinishForStartStart`; in the corpus's task-links files that successor ends
/// with the project, where both agree). m (manual, 1 day, Mon 03-01) → SS → u (2 days,
/// deadline Wed 03-03), beside p (10 days): m may finish by Wed 03-03, u's late finish.
#[test]
fn a_manual_task_takes_the_late_finish_of_a_last_start_to_start_successor() {
    let mut b = B::new("2027-03-01T08:00");
    let _p = b.task("p", 10 * D);
    let m = b.task("m", D);
    let u = b.task("u", 2 * D);
    b.link(m, u, LinkType::SS, w(0));
    b.get(m).mode = TaskMode::Manual {
        start: dt("2027-03-01T08:00"),
        text_dates: false,
    };
    b.get(u).deadline = Some(dt("2027-03-03T17:00"));
    let s = b.run();
    assert_eq!(row(&s, u).late_finish, dt("2027-03-03T17:00"));
    assert_eq!(row(&s, m).late_finish, dt("2027-03-03T17:00"));
    // With a successor after u, the link no longer bounds m: the project's finish.
    let v = b.task("v", D);
    b.link(u, v, LinkType::FS, w(0));
    assert_eq!(row(&b.run(), m).late_finish, dt("2027-03-12T17:00"));
}

#[test]
fn tasks_on_other_calendars_and_lag_in_the_successors_calendar() {
    let mut b = B::new("2027-03-01T08:00");
    let mut night = Calendar::standard(CalendarId::from_u128(77), "Weekend shift");
    night.week = std::array::from_fn(|i| {
        if i >= 5 {
            vec![crate::calendar::WorkingTime::hm(9, 0, 17, 0)]
        } else {
            vec![]
        }
    });
    b.plan.calendars.push(night);
    let a = b.task("Weekday", 5 * D);
    let c = b.task("Weekend", D);
    b.get(c).calendar_id = Some(CalendarId::from_u128(77));
    b.link(a, c, LinkType::FS, w(D));
    let s = b.run();
    // Friday 17:00, then one working day of the weekend calendar (Saturday), then Sunday.
    assert_eq!(row(&s, c).start, dt("2027-03-07T09:00"));
    assert_eq!(row(&s, c).finish, dt("2027-03-07T17:00"));
    assert_eq!(s.finish, dt("2027-03-07T17:00"));
    assert_eq!(row(&s, c).total_float.0, 0);
    assert!(row(&s, a).critical);
}

#[test]
fn a_milestone_is_never_shown_before_a_weekend_finish_that_drives_it() {
    let mut b = B::new("2027-03-01T08:00");
    let mut weekend = Calendar::standard(CalendarId::from_u128(78), "Weekend deploy");
    weekend.week = std::array::from_fn(|i| {
        if i >= 5 {
            vec![crate::calendar::WorkingTime::hm(6, 0, 20, 0)]
        } else {
            vec![]
        }
    });
    b.plan.calendars.push(weekend);
    let deploy = b.task("Deploy", 2 * 14 * 60);
    b.get(deploy).calendar_id = Some(CalendarId::from_u128(78));
    let live = b.task("Live", 0);
    let after = b.task("Hypercare", D);
    b.link(deploy, live, LinkType::FS, Lag::ZERO);
    b.link(live, after, LinkType::FS, Lag::ZERO);
    let s = b.run();
    assert_eq!(row(&s, deploy).finish, dt("2027-03-07T20:00"));
    // Not Friday 17:00 (the same working-time instant on the office calendar), but Monday.
    assert_eq!(row(&s, live).start, dt("2027-03-08T08:00"));
    assert_eq!(row(&s, live).late_finish, dt("2027-03-08T08:00"));
    assert_eq!(row(&s, after).start, dt("2027-03-08T08:00"));
    // On one calendar, a milestone still sits at its predecessor's 17:00 finish.
    let mut b = B::new("2027-03-01T08:00");
    let a = b.task("Build", D);
    let m = b.task("Built", 0);
    b.link(a, m, LinkType::FS, Lag::ZERO);
    assert_eq!(row(&b.run(), m).start, dt("2027-03-01T17:00"));
}

#[test]
fn holidays_are_skipped() {
    let mut b = B::new("2027-12-22T08:00");
    b.plan
        .calendars
        .push(off(5, "Company", "2027-12-24", "2027-12-31"));
    b.plan.releases[0].calendar_id = Some(CalendarId::from_u128(5));
    let a = b.task("Work", 3 * D);
    let s = b.run();
    assert_eq!(row(&s, a).finish, dt("2028-01-03T17:00"));
}

#[test]
fn alap_task_sits_at_its_late_dates() {
    let mut b = B::new("2027-03-01T08:00");
    let long = b.task("Long", 5 * D);
    let a = b.task("Late", D);
    b.get(a).constraint = Constraint::Alap;
    let s = b.run();
    let _ = long;
    assert_eq!(row(&s, a).start, dt("2027-03-05T08:00"));
    assert_eq!(row(&s, a).early_start, dt("2027-03-01T08:00"));
}

#[test]
fn release_forecast_against_target() {
    let mut b = B::new("2027-03-01T08:00");
    b.plan.releases[0].target = Some(dt("2027-03-03T17:00"));
    b.task("Build", 5 * D);
    let s = b.run();
    let f = &s.releases[0];
    assert_eq!(f.finish, dt("2027-03-05T17:00"));
    assert_eq!(f.delta, Some(WorkMinutes(2 * D)));
}

#[test]
fn compiled_plan_reruns_with_other_durations() {
    let mut b = B::new("2027-03-01T08:00");
    let a = b.task("A", D);
    let c = b.task("B", D);
    b.link(a, c, LinkType::FS, w(0));
    let cp = CompiledPlan::new(&b.plan, &ScheduleOptions::default()).unwrap();
    let mut buf = Buffers::new();
    assert_eq!(cp.run(&[D, D], &mut buf), dt("2027-03-02T17:00"));
    assert_eq!(cp.run(&[3 * D, D], &mut buf), dt("2027-03-04T17:00"));
    let t = cp.times(&buf, 1).unwrap();
    assert_eq!(cp.start_datetime(1, t.early_start), dt("2027-03-04T08:00"));
    assert!(t.critical);
}

#[test]
fn empty_plan_and_week_without_working_time() {
    let b = B::new("2027-03-01T08:00");
    let s = b.run();
    assert_eq!(s.start, dt("2027-03-01T08:00"));
    let mut b = B::new("2027-03-01T08:00");
    let mut cal = Calendar::standard(CalendarId::from_u128(5), "Never");
    cal.week = Default::default();
    b.plan.calendars.push(cal);
    let a = b.task("A", D);
    b.get(a).calendar_id = Some(CalendarId::from_u128(5));
    let s = b.run();
    assert!(matches!(
        s.warnings[0],
        ScheduleWarning::NoWorkingTime { .. }
    ));
    // A working week that an exception closes from 1900 to 9999 says so too.
    let mut b = B::new("2027-03-01T08:00");
    let mut cal = Calendar::standard(CalendarId::from_u128(6), "Closed for good");
    cal.exceptions.push(crate::calendar::CalendarException {
        name: "Closed".into(),
        start: dt("1900-01-01T00:00").date(),
        finish: dt("9999-12-31T00:00").date(),
        working: Vec::new(),
    });
    b.plan.calendars.push(cal);
    let a = b.task("A", D);
    b.get(a).calendar_id = Some(CalendarId::from_u128(6));
    let s = b.run();
    assert!(
        s.warnings
            .iter()
            .any(|w| matches!(w, ScheduleWarning::NoWorkingTime { calendar } if calendar == "Closed for good")),
        "{:?}",
        s.warnings
    );
}

/// Random networks for the property tests.
mod props_net {
    use super::*;
    use proptest::prelude::*;

    #[derive(Clone, Debug)]
    pub(super) struct Net {
        pub(super) durs: Vec<i64>,
        pub(super) links: Vec<(usize, usize, u8, i64)>,
    }

    pub(super) fn net() -> impl Strategy<Value = Net> {
        (2usize..14).prop_flat_map(|n| {
            let durs = proptest::collection::vec(prop_oneof![Just(0i64), 1i64..3000], n);
            let links = proptest::collection::vec((0..n, 0..n, 0u8..4, -1500i64..2000), 0..(n * 2));
            (durs, links).prop_map(|(durs, links)| {
                let mut seen = std::collections::HashSet::new();
                let links = links
                    .into_iter()
                    .filter_map(|(a, b, k, lag)| {
                        let (a, b) = (a.min(b), a.max(b));
                        (a != b && seen.insert((a, b))).then_some((a, b, k, lag))
                    })
                    .collect();
                Net { durs, links }
            })
        })
    }

    pub(super) fn build(n: &Net, task_order: &[usize], link_order: &[usize]) -> (B, Vec<TaskId>) {
        let mut b = B::new("2027-03-01T08:00");
        let ids: Vec<TaskId> = (0..n.durs.len())
            .map(|i| TaskId::from_u128(1000 + i as u128))
            .collect();
        for (pos, &i) in task_order.iter().enumerate() {
            b.add(
                &format!("T{i}"),
                1,
                Duration::Working(WorkMinutes(n.durs[i])),
            );
            let t = b.plan.tasks.last_mut().unwrap();
            t.id = ids[i];
            t.number = TaskNumber(pos as u32 + 1);
        }
        for &li in link_order {
            let (a, c, k, lag) = n.links[li];
            let kind = [LinkType::FS, LinkType::SS, LinkType::FF, LinkType::SF][k as usize];
            b.link(ids[a], ids[c], kind, w(lag));
        }
        (b, ids)
    }
}

mod props {
    use super::props_net::*;
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// What a task drives and what drives a task are the two directions of one
        /// relation: `t` is driven by `a` exactly when `a` is on `t`'s driving chain.
        #[test]
        fn driven_successors_are_the_driving_chains_read_forward(n in net()) {
            let order: Vec<usize> = (0..n.durs.len()).collect();
            let lorder: Vec<usize> = (0..n.links.len()).collect();
            let (b, ids) = build(&n, &order, &lorder);
            let s = schedule(&b.plan, &ScheduleOptions::default()).unwrap();
            for &a in &ids {
                let driven = driven_successors(&s, a);
                for &t in &ids {
                    let on_chain = t != a && driving_chain(&s, t).contains(&a);
                    prop_assert_eq!(driven.contains(&t), on_chain);
                }
            }
        }

        #[test]
        fn cpm_invariants(n in net(), seed in any::<u64>()) {
            let m = n.durs.len();
            let order: Vec<usize> = (0..m).collect();
            let lorder: Vec<usize> = (0..n.links.len()).collect();
            let (b, ids) = build(&n, &order, &lorder);
            let cp = CompiledPlan::new(&b.plan, &ScheduleOptions::default()).unwrap();
            let mut buf = Buffers::new();
            let durs = cp.planned_durations(&b.plan);
            cp.run(&durs, &mut buf);
            let t: Vec<TaskTimes> = (0..m).map(|i| cp.times(&buf, i).unwrap()).collect();
            let pf = t.iter().map(|x| x.early_finish).max().unwrap();
            for x in &t {
                prop_assert!(x.early_start <= x.late_start);
                prop_assert!(x.early_finish <= x.late_finish);
                prop_assert!(x.total_float >= 0);
                prop_assert!(x.free_float >= 0 && x.free_float <= x.total_float);
                prop_assert!(x.late_finish <= pf);
            }
            // Every link holds, early and late.
            for &(a, c, k, lag) in &n.links {
                let (p, s) = (t[a], t[c]);
                let ok = |ps: i64, pf_: i64, ss: i64, sf: i64| match k {
                    0 => ss >= pf_ + lag,
                    1 => ss >= ps + lag,
                    2 => sf >= pf_ + lag,
                    _ => sf >= ps + lag,
                };
                prop_assert!(ok(p.early_start, p.early_finish, s.early_start, s.early_finish));
                prop_assert!(ok(p.late_start, p.late_finish, s.late_start, s.late_finish));
            }
            // A critical chain runs from a task with no driving link to the project finish,
            // every step tight.
            let s = schedule(&b.plan, &ScheduleOptions::default()).unwrap();
            let idx = |id: TaskId| ids.iter().position(|x| *x == id).unwrap();
            let path = &s.critical_paths[0];
            let last = t[idx(*path.last().unwrap())];
            prop_assert_eq!(last.early_finish, pf);
            let first = idx(path[0]);
            prop_assert!(s.tasks.iter().find(|r| r.task_id == ids[first]).unwrap().driving_predecessor.is_none());
            for w2 in path.windows(2) {
                let (a, c) = (idx(w2[0]), idx(w2[1]));
                let &(_, _, k, lag) = n.links.iter().find(|l| l.0 == a && l.1 == c).unwrap();
                let (p, q) = (t[a], t[c]);
                let tight = match k {
                    0 => q.early_start == p.early_finish + lag,
                    1 => q.early_start == p.early_start + lag,
                    2 => q.early_finish == p.early_finish + lag,
                    _ => q.early_finish == p.early_start + lag,
                };
                prop_assert!(tight);
            }
            // Reordering tasks and links changes nothing.
            let mut rng = seed;
            let mut shuffle = |v: &mut Vec<usize>| {
                for i in (1..v.len()).rev() {
                    rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    v.swap(i, (rng >> 33) as usize % (i + 1));
                }
            };
            let mut o2 = order.clone();
            let mut l2 = lorder.clone();
            shuffle(&mut o2);
            shuffle(&mut l2);
            let (b2, _) = build(&n, &o2, &l2);
            let s2 = schedule(&b2.plan, &ScheduleOptions::default()).unwrap();
            prop_assert_eq!(s.finish, s2.finish);
            for r in &s.tasks {
                let r2 = s2.tasks.iter().find(|x| x.task_id == r.task_id).unwrap();
                prop_assert_eq!(
                    (r.early_start, r.early_finish, r.late_start, r.late_finish, r.total_float, r.free_float, r.critical),
                    (r2.early_start, r2.early_finish, r2.late_start, r2.late_finish, r2.total_float, r2.free_float, r2.critical)
                );
            }
        }
    }
}

mod split_props {
    use super::props_net::*;
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// A split task is scheduled as a task whose duration is its span (its work and the
        /// gaps its work reaches), by `schedule()` and by `CompiledPlan::run` with the plan's
        /// own or with other durations (Monte Carlo's path); the dates of every task agree.
        #[test]
        fn a_split_task_schedules_as_its_span(
            n in net(),
            splits in proptest::collection::vec((0usize..14, 1i64..3000, 1i64..2000), 1..6),
            scale in 1i64..4,
        ) {
            let m = n.durs.len();
            let order: Vec<usize> = (0..m).collect();
            let lorder: Vec<usize> = (0..n.links.len()).collect();
            let (mut split, _) = build(&n, &order, &lorder);
            for &(i, after, gap) in &splits {
                let t = &mut split.plan.tasks[i % m];
                if t.splits.iter().all(|s| s.after.0 != after) {
                    t.splits.push(Split { after: WorkMinutes(after), gap: WorkMinutes(gap) });
                    t.splits.sort_by_key(|s| s.after.0);
                }
            }
            split.plan.validate().unwrap();
            // The same network, each task as long as its span.
            let spans = |durs: &[i64]| -> Vec<i64> {
                split.plan.tasks.iter().zip(durs).map(|(t, &d)| d + t.split_gap(d)).collect()
            };
            let mut whole = split.plan.clone();
            for (t, d) in whole.tasks.iter_mut().zip(spans(&n.durs)) {
                t.splits.clear();
                t.duration = Duration::Working(WorkMinutes(d));
            }
            let key = |r: &TaskSchedule| {
                (r.early_start, r.early_finish, r.late_start, r.late_finish, r.total_float, r.free_float, r.critical)
            };
            let a = schedule(&split.plan, &ScheduleOptions::default()).unwrap();
            let b = schedule(&whole, &ScheduleOptions::default()).unwrap();
            for (x, y) in a.tasks.iter().zip(&b.tasks) {
                prop_assert_eq!(key(x), key(y));
            }
            // Through `run`, with other durations: the gaps those durations reach.
            let cs = CompiledPlan::new(&split.plan, &ScheduleOptions::default()).unwrap();
            let cw = CompiledPlan::new(&whole, &ScheduleOptions::default()).unwrap();
            let other: Vec<i64> = n.durs.iter().map(|d| d * scale / 2).collect();
            let (mut ba, mut bb) = (Buffers::new(), Buffers::new());
            for durs in [n.durs.clone(), other] {
                prop_assert_eq!(cs.run(&durs, &mut ba), cw.run(&spans(&durs), &mut bb));
                for i in 0..m {
                    let (x, y) = (cs.times(&ba, i).unwrap(), cw.times(&bb, i).unwrap());
                    prop_assert_eq!(
                        (x.early_start, x.early_finish, x.late_start, x.late_finish, x.total_float),
                        (y.early_start, y.early_finish, y.late_start, y.late_finish, y.total_float)
                    );
                }
            }
        }
    }
}

#[test]
fn absurd_durations_are_refused_naming_the_task_and_dates_stay_in_range() {
    let mut b = B::new("2027-03-01T08:00");
    let a = b.task("Forever", D);
    b.get(a).duration = Duration::Working(WorkMinutes(crate::model::MAX_DURATION_MINUTES + 480));
    let e = b.plan.tasks[0].validate_own().unwrap_err().to_string();
    assert!(e.contains("'Forever'") && e.contains("50 years"), "{e}");
    // Within the bound each, but chained past the year 9999: refused, not wrapped around.
    let mut b = B::new("9990-03-01T08:00");
    let mut prev = b.task("T0", crate::model::MAX_DURATION_MINUTES);
    for k in 1..4 {
        let t = b.task(&format!("T{k}"), crate::model::MAX_DURATION_MINUTES);
        b.link(prev, t, LinkType::FS, w(0));
        prev = t;
    }
    let e = schedule(&b.plan, &ScheduleOptions::default()).unwrap_err();
    assert!(matches!(e, ScheduleError::OutOfRange { .. }), "{e}");
    assert!(
        e.to_string().contains("outside the years 1900 to 9999"),
        "{e}"
    );
}

impl B {
    /// A resource on `calendar` (none: the task's) assigned to `task` with `work` at `units`.
    fn assign(&mut self, task: TaskId, calendar: Option<Calendar>, units: f64, work: i64) {
        let k = self.plan.resources.len() as u128;
        let calendar_id = calendar.map(|c| {
            let id = c.id;
            self.plan.calendars.push(c);
            id
        });
        let rid = ResourceId::from_u128(7000 + k);
        self.plan.resources.push(Resource {
            id: rid,
            name: format!("R{k}"),
            kind: ResourceKind::Person,
            cost_rate: Money(0),
            max_units: 1.0,
            calendar_id,
        });
        let n = self.plan.assignments.len() as u128;
        self.plan.assignments.push(Assignment {
            id: AssignmentId::from_u128(8000 + n),
            task_id: task,
            resource_id: rid,
            units,
            work: Some(WorkMinutes(work)),
            contour: Default::default(),
        });
    }
}

/// The Standard calendar with the days `from` to `to` (`YYYY-MM-DD`, both included) off.
fn off(id: u128, name: &str, from: &str, to: &str) -> Calendar {
    let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
    let mut cal = Calendar::standard(CalendarId::from_u128(id), name);
    cal.exceptions.push(CalendarException {
        name: "off".into(),
        start: day(from),
        finish: day(to),
        working: Vec::new(),
    });
    cal
}

/// MS Project's "Night Shift" base calendar: Monday 23:00 to Saturday 08:00, 8 h a night
/// with an hour off at 03:00.
fn night_shift(id: u128) -> Calendar {
    use crate::calendar::WorkingTime as Wt;
    let late = Wt::hm(23, 0, 24, 0);
    let early = [Wt::hm(0, 0, 3, 0), Wt::hm(4, 0, 8, 0)];
    let mut c = Calendar::standard(CalendarId::from_u128(id), "Night Shift");
    c.week = [
        vec![late],
        vec![early[0], early[1], late],
        vec![early[0], early[1], late],
        vec![early[0], early[1], late],
        vec![early[0], early[1], late],
        early.to_vec(),
        Vec::new(),
    ];
    c
}

/// As in MPXJ's `sample` file (Second Task): two assignments, 200 h at 50 % on the Standard
/// calendar and 300 h at 75 % on Night Shift, both 400 h of their own calendars; the task
/// spans them (MS Project: 01-07 08:00 to 03-18 08:00).
#[test]
fn a_task_spans_its_assignments_each_on_its_resources_calendar() {
    let mut b = B::new("2003-01-07T08:00");
    let t = b.task("Second Task", 800 * 60);
    let after = b.task("after", D);
    b.link(t, after, LinkType::FS, w(0));
    b.assign(t, None, 0.5, 200 * 60);
    b.assign(t, Some(night_shift(90)), 0.75, 300 * 60);
    let s = b.run();
    let r = row(&s, t);
    assert_eq!(r.early_start, dt("2003-01-07T08:00"));
    assert_eq!(r.early_finish, dt("2003-03-18T08:00"));
    assert_eq!(r.total_float.0, 0);
    // Its successor starts at the next working minute of the Standard calendar.
    assert_eq!(row(&s, after).early_start, dt("2003-03-18T08:00"));
    // Ignoring resource calendars: the 800 h of its duration on its own calendar.
    b.get(t).effort.ignore_resource_calendars = true;
    let s = b.run();
    assert_eq!(row(&s, t).early_finish, dt("2003-05-26T17:00"));
}

/// One assignment on a night-shift resource: the task's dates are the resource's working
/// times, its floats count on the task's own (Standard) calendar, as in MPXJ's
/// `mspditimephased` file (Task 1 - Night Shift: 75 h, float 2,880 minutes = 6 days).
#[test]
fn a_resource_driven_task_floats_on_its_own_calendar() {
    let mut b = B::new("2008-11-20T09:00");
    let night = b.task("night", 75 * 60);
    b.assign(night, Some(night_shift(91)), 1.0, 75 * 60);
    let long = b.task("long", 7500);
    b.assign(long, Some(night_shift(92)), 1.0, 7500);
    let s = b.run();
    let r = row(&s, night);
    assert_eq!(r.early_start, dt("2008-11-20T23:00"));
    assert_eq!(r.early_finish, dt("2008-12-04T02:00"));
    assert_eq!(row(&s, long).early_finish, dt("2008-12-12T05:00"));
    assert_eq!(r.late_finish, dt("2008-12-12T05:00"));
    assert_eq!(r.late_start, dt("2008-11-29T01:00"));
    assert_eq!((r.total_float.0, r.free_float.0), (2880, 2880));
}

/// A resource's vacation (an exception on its calendar) pushes the task's finish; the other
/// resource, without one, does not.
#[test]
fn a_resources_vacation_moves_the_task_it_works_on() {
    let mut b = B::new("2027-03-01T08:00");
    let t = b.task("t", 5 * D);
    b.assign(
        t,
        Some(off(93, "Ann", "2027-03-03", "2027-03-05")),
        1.0,
        5 * D,
    );
    b.assign(t, None, 1.0, 5 * D);
    let s = b.run();
    // Ann works Mon, Tue, then (after Wed-Fri off) Mon-Wed: her 5 days end 03-10.
    assert_eq!(row(&s, t).early_finish, dt("2027-03-10T17:00"));
    // Monte Carlo's durations scale the assignments' spans.
    let c = CompiledPlan::new(&b.plan, &ScheduleOptions::default()).unwrap();
    let mut buf = Buffers::new();
    let mut d = c.planned_durations(&b.plan);
    d[0] *= 2;
    c.run(&d, &mut buf);
    let x = c.times(&buf, 0).unwrap();
    assert_eq!(c.finish_datetime(0, x.early_finish), dt("2027-03-17T17:00"));
}

/// A lag into a resource-driven task counts on the task's calendar, not on its
/// resources' (MPXJ's `addLag`; no corpus file has a lag next to an assigned task): p ends
/// Mon 03-08 17:00, while Ann is off (Mon 03-08 to Fri 03-12); less the 2-day lag on the
/// Standard week that is Thu 03-04 17:00, so t, Ann's one day, starts Fri 03-05 (on Ann's
/// calendar the lag would have run back from Fri 03-05 to Wed 03-03: t on Thu 03-04).
#[test]
fn a_lag_into_a_resource_task_counts_on_the_tasks_calendar() {
    let mut b = B::new("2027-03-01T08:00");
    let p = b.task("p", 6 * D);
    let t = b.task("t", D);
    b.assign(t, Some(off(93, "Ann", "2027-03-08", "2027-03-12")), 1.0, D);
    b.link(p, t, LinkType::FS, w(-2 * D));
    let s = b.run();
    assert_eq!(row(&s, p).early_finish, dt("2027-03-08T17:00"));
    assert_eq!(row(&s, t).early_start, dt("2027-03-05T08:00"));
    assert_eq!(row(&s, t).early_finish, dt("2027-03-05T17:00"));
}

/// A finish-to-finish link with a lag into a resource-driven task: the work is backed off
/// the predecessor's finish on the resource's calendar first, then the lag added on the
/// task's calendar, then the work laid forward (MPXJ's `calculateEarlyStartForFinishFinish`;
/// no corpus file has such a link). p ends Fri 03-05; Ann's 2 days back off it are Thu-Fri,
/// one day later is Fri 03-05, and with Ann off Mon-Tue her 2 days end Wed 03-10 (adding
/// the lag to the finish first, Mon 03-08 17:00, fell inside her time off).
#[test]
fn a_lagged_finish_to_finish_link_into_a_resource_task_backs_the_work_off_first() {
    let mut b = B::new("2027-03-01T08:00");
    let p = b.task("p", 5 * D);
    let t = b.task("t", 2 * D);
    b.assign(
        t,
        Some(off(93, "Ann", "2027-03-08", "2027-03-09")),
        1.0,
        2 * D,
    );
    b.link(p, t, LinkType::FF, w(D));
    let s = b.run();
    assert_eq!(row(&s, t).early_start, dt("2027-03-05T08:00"));
    assert_eq!(row(&s, t).early_finish, dt("2027-03-10T17:00"));
}

/// A resource-driven task placed by its finish (a finish-to-finish link, or FNET) has each
/// assignment's work backed off that finish on its resource's calendar, as MPXJ's emulation
/// of MS Project does: a vacation inside the span moves the start earlier, not the finish
/// later. Ann is off Wednesday and Thursday; Bob works the Standard week; 3 days each.
#[test]
fn a_finish_placed_resource_task_backs_its_work_off_the_finish_on_the_resources_calendar() {
    let ann = |id: u128| off(id, "Ann", "2027-03-10", "2027-03-11");
    let bob = |id: u128| Calendar::standard(CalendarId::from_u128(id), "Bob");
    let staff = |b: &mut B, t: TaskId, id: u128| {
        b.assign(t, Some(ann(id)), 1.0, 3 * D);
        b.assign(t, Some(bob(id + 1)), 1.0, 3 * D);
    };
    // Finish-to-finish with p (Mon 03-01 to Fri 03-12): Ann's 3 days back from Friday are
    // Mon 03-08, Tue, Fri; the task starts then and finishes with p. (Backing 3 days off on
    // the task's calendar would start it Wednesday and finish Ann on Tue 03-16.)
    let mut b = B::new("2027-03-01T08:00");
    let p = b.task("p", 10 * D);
    let t = b.task("t", 3 * D);
    b.link(p, t, LinkType::FF, w(0));
    staff(&mut b, t, 94);
    let s = b.run();
    let r = row(&s, t);
    assert_eq!(
        (r.early_start, r.early_finish),
        (dt("2027-03-08T08:00"), dt("2027-03-12T17:00"))
    );
    // The same with a FNET constraint and no link.
    let mut b = B::new("2027-03-01T08:00");
    let t = b.task("t", 3 * D);
    b.get(t).constraint = Constraint::Fnet(dt("2027-03-12T17:00"));
    staff(&mut b, t, 96);
    let s = b.run();
    let r = row(&s, t);
    assert_eq!(
        (r.early_start, r.early_finish),
        (dt("2027-03-08T08:00"), dt("2027-03-12T17:00"))
    );
    // A finish-to-start link that requires a later start (q ends Tue 03-09) still wins: from
    // Wednesday, Ann's days are Fri, Mon, Tue.
    let mut b = B::new("2027-03-01T08:00");
    let p = b.task("p", 10 * D);
    let q = b.task("q", 7 * D);
    let t = b.task("t", 3 * D);
    b.link(p, t, LinkType::FF, w(0));
    b.link(q, t, LinkType::FS, w(0));
    staff(&mut b, t, 98);
    let s = b.run();
    let r = row(&s, t);
    assert_eq!(
        (r.early_start, r.early_finish),
        (dt("2027-03-10T08:00"), dt("2027-03-16T17:00"))
    );
}

/// The mirror in the backward pass: a resource-driven task whose late start a start-to-start
/// successor fixes has its late finish laid forward from that start on each resource's
/// calendar. Ann is off Mon 03-08 and Tue 03-09; u must start by Fri 03-05 (v, 5 days, ends
/// with p on Fri 03-12), so t must start by then too: Ann's 3 days from Friday end Thu 03-11.
/// (Adding t's span on the task's calendar would give Tue 03-09, and a late start backed off
/// it, Wed 03-03, earlier than the link needs.)
#[test]
fn a_start_placed_resource_task_lays_its_work_forward_for_its_late_finish() {
    let ann = off(101, "Ann", "2027-03-08", "2027-03-09");
    let (mut b, t, u) = start_to_start_chain(3 * D);
    b.assign(t, Some(ann), 1.0, 3 * D);
    b.assign(
        t,
        Some(Calendar::standard(CalendarId::from_u128(102), "Bob")),
        1.0,
        3 * D,
    );
    let s = b.run();
    assert_eq!(row(&s, u).late_start, dt("2027-03-05T08:00"));
    let r = row(&s, t);
    assert_eq!(
        (r.late_start, r.late_finish),
        (dt("2027-03-05T08:00"), dt("2027-03-11T17:00"))
    );
}

/// Elapsed lags count from the instant MS Project shows: a milestone shown Monday 08:00
/// plus 3 elapsed days is Thursday 08:00, not Monday 17:00 (Friday 17:00 + 3 days).
#[test]
fn an_elapsed_lag_counts_from_the_instant_shown() {
    let mut b = B::new("2027-03-01T08:00");
    let m = b.add("m", 1, Duration::ZERO);
    let s1 = b.task("s", D);
    b.link(m, s1, LinkType::FS, Lag::Elapsed(3 * 1440));
    let s = b.run();
    assert_eq!(row(&s, s1).early_start, dt("2027-03-04T08:00"));
}

/// FF with an elapsed lag: the successor's duration is backed off the predecessor's finish
/// first, then the lag is added on the clock.
#[test]
fn an_elapsed_finish_to_finish_lag_backs_off_the_duration_first() {
    let mut b = B::new("2027-03-01T08:00");
    let p = b.task("p", D);
    let q = b.task("q", 2 * D);
    b.link(p, q, LinkType::FF, Lag::Elapsed(1440));
    let s = b.run();
    // p ends Mon 17:00; q's 2 days back off to Fri 02-26 08:00 (before the project start,
    // which then holds it: FF successors do not start before it), + 24 h.
    assert_eq!(row(&s, q).early_start, dt("2027-03-01T08:00"));
    let mut b = B::new("2027-03-01T08:00");
    let p = b.task("p", 3 * D);
    let q = b.task("q", 2 * D);
    b.link(p, q, LinkType::FF, Lag::Elapsed(1440));
    let s = b.run();
    // p ends Wed 17:00; backed off 2 days: Tue 08:00; + 24 h: Wed 08:00.
    assert_eq!(row(&s, q).early_start, dt("2027-03-03T08:00"));
    assert_eq!(row(&s, q).early_finish, dt("2027-03-04T17:00"));
}

/// A point's start is the instant it is shown at, too: an elapsed SS lag out of a milestone
/// shown Friday 17:00 counts from Friday 17:00, not Monday 08:00 (MPXJ's emulation: same
/// dates, checked with `scripts/mpxj_diff.py`'s MSPDI writer).
#[test]
fn an_elapsed_start_to_start_lag_leaves_a_point_from_the_instant_shown() {
    // After a finish: p's 5 days end Fri 03-05 17:00; m (FS) is shown there; + 72 h is
    // Mon 17:00, so s starts Tue 03-09 08:00 (Thu 03-11 from Monday 08:00).
    let mut b = B::new("2027-03-01T08:00");
    let p = b.task("p", 5 * D);
    let m = b.add("m", 1, Duration::ZERO);
    let s1 = b.task("s", D);
    b.link(p, m, LinkType::FS, Lag::ZERO);
    b.link(m, s1, LinkType::SS, Lag::Elapsed(3 * 1440));
    let s = b.run();
    assert_eq!(row(&s, m).early_start, dt("2027-03-05T17:00"));
    check(
        &s,
        s1,
        (
            "2027-03-09T08:00",
            "2027-03-09T17:00",
            "2027-03-09T08:00",
            "2027-03-09T17:00",
            0,
            0,
        ),
    );
    // Placed by finish-no-earlier-than Fri 17:00 with no predecessor: shown there too.
    let mut b = B::new("2027-03-01T08:00");
    let m = b.add("m", 1, Duration::ZERO);
    let s1 = b.task("s", D);
    b.get(m).constraint = Constraint::Fnet(dt("2027-03-05T17:00"));
    b.link(m, s1, LinkType::SS, Lag::Elapsed(3 * 1440));
    let s = b.run();
    assert_eq!(row(&s, m).early_start, dt("2027-03-05T17:00"));
    assert_eq!(row(&s, s1).early_start, dt("2027-03-09T08:00"));
}

/// Two links that bring a milestone to the same working minute, one to a finish (Mon 17:00)
/// and one to a start (Tue 08:00): it is shown at the later instant, as MPXJ and MS Project
/// (which work in instants) show it, whichever link was drawn first. And a point the project
/// start holds (its finish-to-finish link would bring it earlier) is shown at that start.
/// Found by `cpm_invariants` in CI: the first link in the list used to decide.
#[test]
fn a_point_reached_at_one_minute_by_two_links_is_shown_at_the_later_instant() {
    for flip in [false, true] {
        let mut b = B::new("2027-03-01T08:00");
        let t = b.task("t", D);
        let m1 = b.add("m1", 1, Duration::ZERO);
        let v = b.task("v", D);
        b.get(v).constraint = Constraint::Snet(dt("2027-03-02T08:00"));
        let x = b.add("x", 1, Duration::ZERO);
        b.link(t, m1, LinkType::FS, Lag::ZERO);
        let (a, c) = ((m1, LinkType::FS), (v, LinkType::SS));
        let (first, second) = if flip { (c, a) } else { (a, c) };
        b.link(first.0, x, first.1, Lag::ZERO);
        b.link(second.0, x, second.1, Lag::ZERO);
        let s = b.run();
        assert_eq!(row(&s, m1).early_start, dt("2027-03-01T17:00"));
        assert_eq!(
            row(&s, x).early_start,
            dt("2027-03-02T08:00"),
            "flip {flip}"
        );

        // The CI case: b is a minute before the project start; x's FF link from it is held
        // at the project start, Mon 08:00, as is its FS link from c.
        let mut b = B::new("2027-03-01T08:00");
        let a0 = b.add("a", 1, Duration::ZERO);
        let b0 = b.add("b", 1, Duration::ZERO);
        let c0 = b.add("c", 1, Duration::ZERO);
        let x = b.add("x", 1, Duration::ZERO);
        b.link(a0, b0, LinkType::FS, w(-1));
        let (p, q) = ((b0, LinkType::FF), (c0, LinkType::FS));
        let (first, second) = if flip { (q, p) } else { (p, q) };
        b.link(first.0, x, first.1, Lag::ZERO);
        b.link(second.0, x, second.1, Lag::ZERO);
        let s = b.run();
        assert_eq!(
            row(&s, x).early_start,
            dt("2027-03-01T08:00"),
            "flip {flip}"
        );
    }
}

/// Where a milestone is shown decides where an elapsed lag out of it starts, so it is shown
/// where MPXJ shows it: after a point with no lag, where that point is; after an elapsed
/// lag, at the instant the lag ends when that ends a working period, else at the next
/// working minute.
#[test]
fn a_point_after_an_elapsed_lag_or_a_point_is_shown_where_its_links_bring_it() {
    // m1 at the project start, Mon 03-01 08:00; m2 (FS) is shown there too, not Fri 02-26
    // 17:00, so s (FS + 24 h) starts Tue 03-02 08:00 (not Mon 08:00).
    let mut b = B::new("2027-03-01T08:00");
    let m1 = b.add("m1", 1, Duration::ZERO);
    let m2 = b.add("m2", 1, Duration::ZERO);
    let s1 = b.task("s", D);
    b.link(m1, m2, LinkType::FS, Lag::ZERO);
    b.link(m2, s1, LinkType::FS, Lag::Elapsed(1440));
    let s = b.run();
    assert_eq!(row(&s, m2).early_start, dt("2027-03-01T08:00"));
    assert_eq!(row(&s, s1).early_start, dt("2027-03-02T08:00"));
    // p ends Fri 03-05 17:00; + 48 h is Sun 17:00, not the end of a working period: m is
    // shown Mon 03-08 08:00, and s (SS + 24 h) starts Tue 03-09 08:00 (not Mon 08:00).
    let mut b = B::new("2027-03-01T08:00");
    let p = b.task("p", 5 * D);
    let m = b.add("m", 1, Duration::ZERO);
    let s1 = b.task("s", D);
    b.link(p, m, LinkType::FS, Lag::Elapsed(2 * 1440));
    b.link(m, s1, LinkType::SS, Lag::Elapsed(1440));
    let s = b.run();
    assert_eq!(row(&s, m).early_start, dt("2027-03-08T08:00"));
    check(
        &s,
        s1,
        (
            "2027-03-09T08:00",
            "2027-03-09T17:00",
            "2027-03-09T08:00",
            "2027-03-09T17:00",
            0,
            0,
        ),
    );
    // Backward the lags do not undo the forward ones: m's late finish is s's late start
    // less 24 h (Mon 08:00, i.e. Fri 03-05 17:00), and p's is that less 48 h, Wed 03-03
    // 17:00: two days of negative float on a network without constraints (MPXJ's too).
    check(
        &s,
        p,
        (
            "2027-03-01T08:00",
            "2027-03-05T17:00",
            "2027-02-25T08:00",
            "2027-03-03T17:00",
            -960,
            0,
        ),
    );
}

/// An elapsed FF lag into a milestone: a point has no duration to back off, so the lag
/// counts from the predecessor's finish as shown (Fri 17:00 + 72 h = Mon 17:00), not from
/// the next working minute (Mon 08:00 + 72 h = Thu 08:00).
#[test]
fn an_elapsed_finish_to_finish_lag_into_a_point_backs_off_nothing() {
    let mut b = B::new("2027-03-01T08:00");
    let p = b.task("p", 5 * D);
    let m = b.add("m", 1, Duration::ZERO);
    b.link(p, m, LinkType::FF, Lag::Elapsed(3 * 1440));
    let s = b.run();
    let d = "2027-03-08T17:00";
    check(&s, m, (d, d, d, d, 0, 0));
    // p's late finish: m's late finish as shown less 72 h, Fri 03-05 17:00.
    check(
        &s,
        p,
        (
            "2027-03-01T08:00",
            "2027-03-05T17:00",
            "2027-03-01T08:00",
            "2027-03-05T17:00",
            0,
            0,
        ),
    );
}

/// Late dates over an elapsed lag (MPXJ's backward pass, not the forward rule undone): the
/// lag comes off the successor's late date as shown. Each plan has a task `long` ending the
/// project and `p` (1 day) linked to a 1-day task or a milestone.
#[test]
fn an_elapsed_lag_comes_off_the_successor_s_late_date_as_shown() {
    let plan = |long: i64, kind: LinkType, lag: i64, point: bool| {
        let mut b = B::new("2027-03-01T08:00");
        b.task("long", long * D);
        let p = b.task("p", D);
        let q = if point {
            b.add("q", 1, Duration::ZERO)
        } else {
            b.task("q", D)
        };
        b.link(p, q, kind, Lag::Elapsed(lag * 1440));
        (b.run(), p)
    };
    // FS into a milestone: its late start is its late finish, Fri 03-12 17:00 (not Mon
    // 03-15 08:00); less 24 h: Thu 03-11 17:00.
    let (s, p) = plan(10, LinkType::FS, 1, true);
    check(
        &s,
        p,
        (
            "2027-03-01T08:00",
            "2027-03-01T17:00",
            "2027-03-11T08:00",
            "2027-03-11T17:00",
            3840,
            0,
        ),
    );
    // FF: q's late finish Mon 03-15 17:00 less 24 h is Sun 17:00, i.e. Fri 03-12 17:00
    // (undoing the forward rule gave Mon 03-15 17:00: Mon 08:00 less 24 h, plus q's day).
    let (s, p) = plan(11, LinkType::FF, 1, false);
    check(
        &s,
        p,
        (
            "2027-03-01T08:00",
            "2027-03-01T17:00",
            "2027-03-12T08:00",
            "2027-03-12T17:00",
            4320,
            0,
        ),
    );
    // SF: p's day is added to q's late finish first (Mon 03-15 17:00 + 1 day = Tue 03-16
    // 17:00), then 72 h taken off: Sat 03-13 17:00, i.e. Fri 03-12 17:00.
    let (s, p) = plan(11, LinkType::SF, 3, false);
    check(
        &s,
        p,
        (
            "2027-03-01T08:00",
            "2027-03-01T17:00",
            "2027-03-12T08:00",
            "2027-03-12T17:00",
            4320,
            0,
        ),
    );
}

/// Free float over an elapsed lag, as MPXJ computes it: the working time from the
/// predecessor's date to the successor's, less the lag's clock minutes counted as working
/// minutes (2 elapsed days = 2,880 minutes, six working days' worth).
#[test]
fn free_float_over_an_elapsed_lag_takes_off_its_clock_minutes() {
    // p ends Thu 03-04 17:00; + 48 h is Sat 17:00, so s starts Mon 03-08 08:00. One working
    // day (Fri) lies between them, 480 < 2,880: no free float (not 480).
    let mut b = B::new("2027-03-01T08:00");
    let p = b.task("p", 4 * D);
    let s1 = b.task("s", D);
    b.link(p, s1, LinkType::FS, Lag::Elapsed(2 * 1440));
    let s = b.run();
    check(
        &s,
        p,
        (
            "2027-03-01T08:00",
            "2027-03-04T17:00",
            "2027-03-02T08:00",
            "2027-03-05T17:00",
            480,
            0,
        ),
    );
    // s waits for `long` (ends Mon 03-08 17:00) and starts Tue 03-09 08:00. p ends Mon
    // 03-01 17:00: 5 working days (2,400 minutes) before s, less 1,440: 960 (not the 1,920
    // from Tue 08:00 less 24 h = Mon 08:00, i.e. Fri 03-05 17:00).
    let mut b = B::new("2027-03-01T08:00");
    let long = b.task("long", 6 * D);
    let p = b.task("p", D);
    let s1 = b.task("s", D);
    b.link(long, s1, LinkType::FS, Lag::ZERO);
    b.link(p, s1, LinkType::FS, Lag::Elapsed(1440));
    let s = b.run();
    check(
        &s,
        p,
        (
            "2027-03-01T08:00",
            "2027-03-01T17:00",
            "2027-03-05T08:00",
            "2027-03-05T17:00",
            1920,
            960,
        ),
    );
}

#[test]
fn runs_without_free_float_give_every_other_value_unchanged() {
    // The demo has links between calendars, resources on their own calendars and progress;
    // the sized one adds thousands of tasks on several calendars; with ALAP tasks the floats
    // take their own pass.
    let mut alap = crate::demo::demo_plan_sized(2_000, 5);
    for t in alap.tasks.iter_mut().step_by(7) {
        t.constraint = Constraint::Alap;
    }
    for plan in [
        crate::demo::demo_plan(),
        crate::demo::demo_plan_sized(2_000, 5),
        alap,
    ] {
        let cp = CompiledPlan::new(&plan, &ScheduleOptions::default()).unwrap();
        let mut durs = cp.planned_durations(&plan);
        for (k, d) in durs.iter_mut().enumerate() {
            *d += (k as i64 * 37) % 300;
        }
        let (mut all, mut some) = (Buffers::new(), Buffers::without_free_float());
        assert_eq!(cp.run(&durs, &mut all), cp.run(&durs, &mut some));
        let mut free = 0;
        for i in 0..plan.tasks.len() {
            let (Some(a), Some(b)) = (cp.times(&all, i), cp.times(&some, i)) else {
                continue;
            };
            free += usize::from(a.free_float != 0);
            assert_eq!(b.free_float, 0, "task {i}");
            assert_eq!(TaskTimes { free_float: 0, ..a }, b, "task {i}");
        }
        assert!(free > 0, "some task has free float to leave out");
    }
}

/// Every row of `got` that `s` does not name as made again is `last`'s, and those it names
/// are in plan order.
pub(super) fn rows_not_remade_are_kept(
    s: &Scheduler,
    last: &Schedule,
    got: &Schedule,
) -> Result<(), proptest::test_runner::TestCaseError> {
    use proptest::{prop_assert, prop_assert_eq};
    let Some(remade) = s.remade(got) else {
        return Ok(());
    };
    prop_assert!(remade.windows(2).all(|w| w[0] < w[1]));
    for (i, (now, was)) in got.tasks.iter().zip(&last.tasks).enumerate() {
        if remade.binary_search(&(i as u32)).is_err() {
            prop_assert_eq!(now, was, "row {} changed, not named", i);
        }
    }
    Ok(())
}

/// The kept network rerun after duration edits, visiting only the nodes they can move
/// (`CompiledPlan::rerun`), against a fresh schedule of the edited plan.
mod rerun_props {
    use super::props_net::*;
    use super::*;
    use crate::edit::{apply_all, Edit};
    use proptest::prelude::*;

    /// `edits` (task, minutes) one after the other, each rescheduled by `s` (given the last
    /// schedule back) and compared.
    fn edit_and_compare(mut plan: Plan, edits: &[(usize, i64)]) -> Result<(), TestCaseError> {
        let opts = ScheduleOptions::default();
        let mut s = Scheduler::new(opts.clone());
        let mut last = s.schedule(&plan).unwrap();
        prop_assert_eq!(&last, &schedule(&plan, &opts).unwrap());
        for &(k, minutes) in edits {
            let mut t = plan.tasks[k % plan.tasks.len()].clone();
            t.duration = Duration::Working(WorkMinutes(minutes));
            let edits = [Edit::PutTask(t)];
            let Ok(next) = apply_all(&plan, &edits) else {
                continue;
            };
            s.give_back(last.clone());
            let got = s.after_edits(&plan, &edits, &next).unwrap();
            prop_assert_eq!(&got, &schedule(&next, &opts).unwrap());
            rows_not_remade_are_kept(&s, &last, &got)?;
            last = got;
            plan = next;
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        /// Random networks (milestones, the four link types, leads and lags), some tasks held
        /// by a start-no-earlier-than on a Monday 08:00 (where a Friday 17:00 finish is the
        /// same working minute: which one a milestone shows moves its successors' dates as
        /// shown), then up to eight duration edits.
        #[test]
        fn a_rerun_after_duration_edits_equals_a_fresh_schedule(
            n in net(),
            held in proptest::collection::vec((any::<prop::sample::Index>(), 0u64..3), 0..4),
            edits in proptest::collection::vec(
                (any::<usize>(), prop_oneof![Just(0i64), Just(480), 1i64..3000]),
                1..8,
            ),
        ) {
            let order: Vec<usize> = (0..n.durs.len()).collect();
            let lorder: Vec<usize> = (0..n.links.len()).collect();
            let (mut b, _) = build(&n, &order, &lorder);
            for (i, weeks) in held {
                let k = i.index(b.plan.tasks.len());
                let monday = dt("2027-03-08T08:00") + chrono::Days::new(7 * weeks);
                b.plan.tasks[k].constraint = Constraint::Snet(monday);
            }
            edit_and_compare(b.plan, &edits)?;
        }
    }

    /// A milestone's date as shown (Friday 17:00 or Monday 08:00, one working minute) can
    /// change while its dates do not; its milestone successor shows the same, so the rerun
    /// must go on to it.
    #[test]
    fn a_milestone_shown_at_another_instant_moves_its_milestone_successor() {
        let mut b = B::new("2027-03-01T08:00");
        let x = b.task("X", 5 * D);
        let m1 = b.add("M1", 1, Duration::Working(WorkMinutes(0)));
        let m2 = b.add("M2", 1, Duration::Working(WorkMinutes(0)));
        b.link(x, m1, LinkType::FS, w(0));
        b.link(m1, m2, LinkType::FS, w(0));
        b.get(m1).constraint = Constraint::Snet(dt("2027-03-08T08:00"));
        let plan = b.plan.clone();
        let s = b.run();
        assert_eq!(row(&s, m2).early_start, dt("2027-03-05T17:00"));
        // X four days long: M1 is held by its constraint, at Monday 08:00, and so is M2.
        edit_and_compare(plan, &[(0, 4 * D), (0, 5 * D)]).unwrap();
    }
}
