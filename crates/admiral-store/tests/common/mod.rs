//! Shared test helpers: a plan with every entity and every enum variant, file hashing.
#![allow(dead_code)]

use admiral_core::scenario::{Override, Scenario};
use admiral_core::*;
use chrono::{NaiveDate, NaiveDateTime};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Points the store's config folder (the signing key) at one of this test binary's own, once
/// per process: `target/tmp/NAME-config` (cargo's folder for test files), emptied when the
/// binary starts, so no test reads the user's key and none leaves a key behind in /tmp.
/// `cargo test` runs one process per test binary at a time.
pub fn config(name: &str) {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}-config"));
        let _ = std::fs::remove_dir_all(&dir);
        std::env::set_var(admiral_store::CONFIG_DIR_VAR, dir);
    });
}

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub fn dt(y: i32, m: u32, day: u32, h: u32, min: u32) -> NaiveDateTime {
    d(y, m, day).and_hms_opt(h, min, 0).unwrap()
}

pub fn id(n: u128) -> u128 {
    n
}

pub fn task(n: u32, project: ProjectId) -> Task {
    Task::new(
        TaskId::from_u128(10_000 + n as u128),
        TaskNumber(n),
        project,
        format!("Task {n}"),
        Duration::Working(WorkMinutes::days(2)),
    )
}

/// A plan holding every entity type and every enum variant, valid.
pub fn full_plan() -> Plan {
    let std_cal = CalendarId::from_u128(1);
    let mut hesse = Calendar::standard(CalendarId::from_u128(2), "Frankfurt");
    hesse.exceptions = vec![
        CalendarException {
            name: "Christmas".into(),
            start: d(2027, 12, 24),
            finish: d(2027, 12, 26),
            working: vec![],
        },
        CalendarException {
            name: "Short Friday".into(),
            start: d(2027, 7, 2),
            finish: d(2027, 7, 2),
            working: vec![WorkingTime::hm(8, 0, 12, 30)],
        },
    ];
    let calendars = vec![
        Calendar::standard(std_cal, "Standard"),
        hesse,
        Calendar::continuous(CalendarId::from_u128(3), "24/7"),
    ];
    let kinds = [
        ReleaseKind::Enterprise,
        ReleaseKind::Project,
        ReleaseKind::Independent,
        ReleaseKind::Enterprise,
    ];
    let statuses = [
        ReleaseStatus::Planning,
        ReleaseStatus::InProgress,
        ReleaseStatus::Released,
        ReleaseStatus::Cancelled,
    ];
    let releases: Vec<Release> = (0..4)
        .map(|i| Release {
            id: ReleaseId::from_u128(100 + i as u128),
            code: format!("R2027.{i}"),
            name: format!("Release «{i}» — 'quoted'"),
            kind: kinds[i],
            owner: "Rita".into(),
            description: "line one\nline two".into(),
            start: dt(2027, 1 + i as u32, 4, 8, 0),
            target: (i % 2 == 0).then(|| dt(2027, 6, 30, 17, 0)),
            status: statuses[i],
            calendar_id: (i != 3).then_some(CalendarId::from_u128(1 + i as u128 % 3)),
            budget: (i == 0).then_some(Money::from_units(250_000)),
        })
        .collect();
    let projects: Vec<Project> = (0..3)
        .map(|i| Project {
            id: ProjectId::from_u128(200 + i as u128),
            release_id: releases[i % 2].id,
            name: format!("Project {i}"),
            department: "IT".into(),
            owner: "Paul".into(),
        })
        .collect();
    let constraints = [
        Constraint::Asap,
        Constraint::Alap,
        Constraint::Snet(dt(2027, 2, 1, 8, 0)),
        Constraint::Snlt(dt(2027, 2, 2, 9, 30)),
        Constraint::Fnet(dt(2027, 2, 3, 10, 0)),
        Constraint::Fnlt(dt(2027, 2, 4, 11, 0)),
        Constraint::Mso(dt(2027, 2, 5, 13, 0)),
        Constraint::Mfo(dt(2027, 2, 8, 17, 0)),
    ];
    let task_kinds = [
        TaskKind::Task,
        TaskKind::Milestone,
        TaskKind::Gate,
        TaskKind::Deployment,
    ];
    let mut tasks = Vec::new();
    for (i, c) in constraints.iter().enumerate() {
        let n = i as u32 + 1;
        let mut t = task(n, projects[i % 3].id);
        t.kind = task_kinds[i % 4];
        t.outline_level = if i % 4 == 0 { 1 } else { 2 };
        t.constraint = *c;
        t.external_uid = (i % 2 == 1).then_some(i as i64 * 7);
        t.duration = if i % 3 == 0 {
            Duration::Elapsed(1440 * i as i64)
        } else {
            Duration::Working(WorkMinutes(90 * i as i64))
        };
        t.estimate = (i % 2 == 0).then_some(ThreePoint {
            optimistic: WorkMinutes(60),
            most_likely: WorkMinutes(120),
            pessimistic: WorkMinutes(600),
        });
        t.deadline = (i % 3 == 1).then(|| dt(2027, 5, 1, 17, 0));
        t.calendar_id = (i % 4 == 3).then_some(CalendarId::from_u128(2));
        t.owner = format!("owner {i}");
        t.notes = "notes with 'quotes' and \"double\"".into();
        t.progress = Progress {
            actual_start: (i < 3).then(|| dt(2027, 1, 4, 8, 0)),
            actual_finish: (i < 2).then(|| dt(2027, 1, 5, 8, 0)),
            percent_complete: if i < 2 { 100 } else { (i * 5) as u8 },
        };
        t.mode = match i % 5 {
            3 => TaskMode::Manual {
                start: dt(2027, 2, 1, 8, 0),
                text_dates: false,
            },
            4 => TaskMode::Manual {
                start: dt(2027, 2, 3, 13, 0),
                text_dates: true,
            },
            _ => TaskMode::Auto,
        };
        tasks.push(t);
    }
    let link_types = [LinkType::FS, LinkType::SS, LinkType::FF, LinkType::SF];
    let lags = [
        Lag::ZERO,
        Lag::Working(WorkMinutes(-240)),
        Lag::Elapsed(2880),
        Lag::Percent(50),
    ];
    let links: Vec<Link> = (0..7)
        .map(|i| Link {
            id: LinkId::from_u128(300 + i as u128),
            predecessor: tasks[i].id,
            successor: tasks[i + 1].id,
            kind: link_types[i % 4],
            lag: lags[(i + 1) % 4],
        })
        .collect();
    let blackouts = vec![
        Blackout {
            id: BlackoutId::from_u128(400),
            release_id: releases[0].id,
            name: "Year end".into(),
            start: d(2027, 12, 20),
            finish: d(2028, 1, 3),
        },
        Blackout {
            id: BlackoutId::from_u128(401),
            release_id: releases[1].id,
            name: "Quarter end".into(),
            start: d(2027, 3, 29),
            finish: d(2027, 3, 29),
        },
    ];
    let decisions = [
        Decision::Pending,
        Decision::Approved,
        Decision::Rejected,
        Decision::Waived,
    ];
    let gates = vec![Gate {
        id: GateId::from_u128(500),
        task_id: tasks[2].id,
        criteria: vec![
            Criterion {
                text: "Tests green".into(),
                met: true,
            },
            Criterion {
                text: "Docs".into(),
                met: false,
            },
        ],
        approvers: decisions
            .iter()
            .enumerate()
            .map(|(i, dec)| Approver {
                name: format!("Approver {i}"),
                role: "QA".into(),
                decision: *dec,
                decided_at: (i > 0).then(|| dt(2027, 2, 10, 12, 0)),
                comment: "ok".into(),
            })
            .collect(),
    }];
    let risk_statuses = [
        RiskStatus::Open,
        RiskStatus::Mitigating,
        RiskStatus::Occurred,
        RiskStatus::Closed,
    ];
    let risks: Vec<Risk> = (0..4)
        .map(|i| Risk {
            id: RiskId::from_u128(600 + i as u128),
            release_id: releases[i % 2].id,
            title: format!("Risk {i}"),
            description: "vendor".into(),
            probability: [0.0, 0.125, 0.3, 1.0][i],
            schedule_impact: WorkMinutes::days(i as i64),
            cost_impact: Money(12_345 * i as i64),
            owner: "Rita".into(),
            status: risk_statuses[i],
            trigger: "trigger".into(),
            mitigation: "mitigation".into(),
            contingency: "contingency".into(),
            task_ids: match i {
                0 => vec![tasks[1].id, tasks[0].id],
                1 => vec![tasks[3].id],
                _ => vec![],
            },
        })
        .collect();
    let resource_kinds = [
        ResourceKind::Person,
        ResourceKind::Team,
        ResourceKind::Environment,
    ];
    let resources: Vec<Resource> = (0..3)
        .map(|i| Resource {
            id: ResourceId::from_u128(700 + i as u128),
            name: format!("Resource {i}"),
            kind: resource_kinds[i],
            cost_rate: Money::from_units(80 + i as i64),
            max_units: [1.0, 4.5, 0.25][i],
            calendar_id: (i == 1).then_some(std_cal),
        })
        .collect();
    let assignments: Vec<Assignment> = (0..4)
        .map(|i| Assignment {
            id: AssignmentId::from_u128(800 + i as u128),
            task_id: tasks[i].id,
            resource_id: resources[i % 3].id,
            units: 0.5 + i as f64,
            work: None,
            // A pattern contour and an edited one (its span kept), besides flat ones.
            contour: match i {
                1 => WorkContour::Bell,
                2 => WorkContour::Contoured {
                    span: WorkMinutes(2400),
                },
                _ => WorkContour::Flat,
            },
        })
        .collect();
    // Every kind of scenario override, referring to tasks, a link, a risk, a resource, a
    // calendar and a release that the round-trip test's batch later deletes or keeps.
    let scenarios = vec![
        Scenario {
            id: ScenarioId::from_u128(900),
            name: "Everything changes".into(),
            description: "every override kind".into(),
            from_risk: Some(risks[0].id),
            overrides: vec![
                Override::SetDuration {
                    task: tasks[0].id,
                    duration: Duration::Elapsed(3 * 1440),
                },
                Override::SetEstimate {
                    task: tasks[2].id,
                    estimate: Some(ThreePoint {
                        optimistic: WorkMinutes::days(1),
                        most_likely: WorkMinutes::days(2),
                        pessimistic: WorkMinutes::days(5),
                    }),
                },
                Override::Delay {
                    task: tasks[1].id,
                    until: dt(2027, 3, 15, 8, 0),
                },
                Override::RemoveTask {
                    task: tasks[4].id,
                    bridge: true,
                },
                Override::AddLink {
                    link: Link {
                        id: LinkId::from_u128(990),
                        predecessor: tasks[1].id,
                        successor: tasks[6].id,
                        kind: LinkType::SS,
                        lag: Lag::Percent(50),
                    },
                },
                Override::RemoveLink { link: links[5].id },
                Override::CalendarException {
                    calendar: Some(std_cal),
                    exception: CalendarException {
                        name: "Strike".into(),
                        start: d(2027, 4, 1),
                        finish: d(2027, 4, 2),
                        working: vec![],
                    },
                },
                Override::Blackout {
                    blackout: Blackout {
                        id: BlackoutId::from_u128(991),
                        release_id: releases[0].id,
                        name: "Audit freeze".into(),
                        start: d(2027, 6, 1),
                        finish: d(2027, 6, 4),
                    },
                },
                Override::ResourceUnits {
                    resource: resources[1].id,
                    max_units: 0.5,
                },
                Override::FireRisk { risk: risks[3].id },
            ],
        },
        Scenario {
            id: ScenarioId::from_u128(901),
            name: "Holiday".into(),
            description: String::new(),
            from_risk: None,
            overrides: vec![Override::CalendarException {
                calendar: None,
                exception: CalendarException {
                    name: "Bridge day".into(),
                    start: d(2027, 5, 7),
                    finish: d(2027, 5, 7),
                    working: vec![],
                },
            }],
        },
    ];
    Plan {
        portfolio: Portfolio {
            name: "Bank portfolio".into(),
        },
        settings: PlanSettings {
            default_calendar: Some(std_cal),
            status_date: Some(dt(2027, 2, 15, 17, 0)),
            distribution: Distribution::PertBeta,
            default_uncertainty: UncertaintyProfile {
                optimistic_pct: -15,
                pessimistic_pct: 40,
            },
            near_critical_threshold: WorkMinutes::days(3),
            currency: "CHF".into(),
        },
        releases,
        projects,
        tasks,
        links,
        calendars,
        blackouts,
        gates,
        risks,
        resources,
        assignments,
        scenarios,
        baselines: Vec::new(),
        commitments: vec![Commitment {
            id: CommitmentId::from_u128(950),
            provider: "Payments «core»".into(),
            consumer: "Mobile".into(),
            task_id: TaskId::from_u128(10_006),
            promised: dt(2027, 3, 1, 17, 0),
            note: "line one\nline two".into(),
        }],
        snapshots: vec![Snapshot {
            id: SnapshotId::from_u128(960),
            taken_at: dt(2027, 1, 11, 17, 0),
            label: "weekly report".into(),
            seed: u64::MAX,
            iterations: 500,
            releases: vec![SnapshotRelease {
                release_id: ReleaseId::from_u128(100),
                code: "R2027.0".into(),
                name: "R".into(),
                forecast: dt(2027, 6, 1, 17, 0),
                p50: Some(dt(2027, 6, 2, 17, 0)),
                p80: None,
                cost: Some(Money(12_345)),
                rag: admiral_core::status::Rag::Amber,
            }],
            milestones: vec![SnapshotMilestone {
                task_id: TaskId::from_u128(10_006),
                release_id: ReleaseId::from_u128(100),
                name: "Task 6".into(),
                gate: false,
                forecast: dt(2027, 2, 26, 17, 0),
            }],
            commitments: vec![SnapshotCommitment {
                commitment_id: CommitmentId::from_u128(950),
                provider: "Payments «core»".into(),
                consumer: "Mobile".into(),
                milestone: "Task 6".into(),
                promised: dt(2027, 3, 1, 17, 0),
                forecast: dt(2027, 2, 26, 17, 0),
                state: CommitmentState::OnTrack,
            }],
        }],
    }
}

pub fn sha256(path: &Path) -> String {
    hex::encode(Sha256::digest(std::fs::read(path).unwrap()))
}

pub fn side_files(path: &Path) -> Vec<PathBuf> {
    ["-wal", "-shm", "-journal"]
        .iter()
        .map(|s| {
            let mut p = path.as_os_str().to_os_string();
            p.push(s);
            PathBuf::from(p)
        })
        .collect()
}

/// Runs `sql` (changing exactly one row) on a copy of the plan file at `path`, beside it, and
/// asserts that verifying the copy finds the content changed (`ContentMismatch`); the copy is
/// removed.
pub fn assert_row_tampering_noticed(path: &Path, sql: &str) {
    let copy = path.with_file_name("copy.admiral");
    std::fs::copy(path, &copy).unwrap();
    let conn = rusqlite::Connection::open(&copy).unwrap();
    assert_eq!(conn.execute(sql, []).unwrap(), 1, "{sql}");
    drop(conn);
    let report = admiral_store::PlanFile::open(&copy)
        .unwrap()
        .verify_audit()
        .unwrap();
    let problem = report.problem.expect("the tampering was not noticed");
    assert_eq!(
        problem.kind,
        admiral_store::AuditProblemKind::ContentMismatch,
        "{sql}"
    );
    std::fs::remove_file(&copy).unwrap();
}
