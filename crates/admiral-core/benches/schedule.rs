//! Scheduler speed on a 100k-task, 300k-link network: `schedule()` end to end, and the
//! compiled network's `run()` alone (what Monte Carlo repeats); then `schedule()` on a demo
//! plan of the same size with a WBS (summary rows), several calendars, constraints and gates;
//! then issue 16's resource workload: 10k tasks (30k links) with 20k assignments of 50
//! resources, each on its own calendar with two vacations (every link type, so that tasks
//! placed by their finish are backed off on their resources' calendars).
//!
//! `cargo bench -p admiral-core --bench schedule`

use admiral_core::schedule::{schedule, Buffers, CompiledPlan, ScheduleOptions};
use admiral_core::*;
use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

/// A small LCG so the network is the same on every run (no `rand` dependency).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// `n` tasks in one release on the standard calendar, three links into every task after the
/// first few (from tasks up to 2 000 rows above), every link type, some leads and lags.
fn network(n: usize, links_per_task: usize) -> Plan {
    let mut rng = Lcg(0x5EED);
    let rel = ReleaseId::from_u128(1);
    let prj = ProjectId::from_u128(2);
    let start = NaiveDate::from_ymd_opt(2027, 1, 4)
        .unwrap()
        .and_hms_opt(8, 0, 0)
        .unwrap();
    let mut plan = Plan {
        releases: vec![Release {
            id: rel,
            code: "R-bench".into(),
            name: "Bench".into(),
            kind: ReleaseKind::Enterprise,
            owner: String::new(),
            description: String::new(),
            start,
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
    for i in 0..n {
        plan.tasks.push(Task::new(
            TaskId::from_u128(0x1000_0000 + i as u128),
            TaskNumber(i as u32 + 1),
            prj,
            format!("Task {i}"),
            Duration::Working(WorkMinutes(60 * (1 + rng.below(40) as i64))),
        ));
    }
    let mut k = 0u128;
    for j in 1..n {
        let mut chosen = [usize::MAX; 8];
        for slot in 0..links_per_task.min(j).min(8) {
            let span = j.min(2000) as u64;
            let mut p = j - 1 - rng.below(span) as usize;
            while chosen.contains(&p) {
                p = if p == 0 { j - 1 } else { p - 1 };
            }
            chosen[slot] = p;
            let kind = match rng.below(10) {
                0 => LinkType::SS,
                1 => LinkType::FF,
                2 => LinkType::SF,
                _ => LinkType::FS,
            };
            let lag = match rng.below(8) {
                0 => 480,
                1 => -240,
                _ => 0,
            };
            plan.links.push(Link {
                id: LinkId::from_u128(0x2000_0000 + k),
                predecessor: plan.tasks[p].id,
                successor: plan.tasks[j].id,
                kind,
                lag: Lag::Working(WorkMinutes(lag)),
            });
            k += 1;
        }
    }
    // Top up to exactly 3 links per task: from the first task to the last few.
    let mut j = n - 1;
    while plan.links.len() < links_per_task * n && j > 2000 {
        plan.links.push(Link {
            id: LinkId::from_u128(0x2000_0000 + k),
            predecessor: plan.tasks[0].id,
            successor: plan.tasks[j].id,
            kind: LinkType::FS,
            lag: Lag::ZERO,
        });
        k += 1;
        j -= 1;
    }
    plan
}

fn bench(c: &mut Criterion) {
    let plan = network(100_000, 3);
    assert_eq!(plan.links.len(), 300_000);
    plan.validate().unwrap();
    let opts = ScheduleOptions::default();
    let mut g = c.benchmark_group("schedule_100k_tasks_300k_links");
    g.sample_size(10);
    g.bench_function("schedule_end_to_end", |b| {
        b.iter(|| black_box(schedule(black_box(&plan), &opts).unwrap()))
    });
    let compiled = CompiledPlan::new(&plan, &opts).unwrap();
    let durations = compiled.planned_durations(&plan);
    let mut buf = Buffers::new();
    compiled.run(&durations, &mut buf);
    g.bench_function("compiled_run", |b| {
        b.iter(|| black_box(compiled.run(black_box(&durations), &mut buf)))
    });
    g.bench_function("compile", |b| {
        b.iter(|| black_box(CompiledPlan::new(black_box(&plan), &opts).unwrap()))
    });
    g.finish();

    let wbs = admiral_core::demo::demo_plan_sized(100_000, 1);
    let mut g = c.benchmark_group("schedule_demo_100k_tasks");
    g.sample_size(10);
    g.bench_function("schedule_end_to_end", |b| {
        b.iter(|| black_box(schedule(black_box(&wbs), &opts).unwrap()))
    });
    g.finish();

    let staffed = with_resources(network(10_000, 3), 50, 2);
    assert_eq!(staffed.assignments.len(), 20_000);
    staffed.validate().unwrap();
    let mut g = c.benchmark_group("schedule_10k_tasks_20k_assignments_50_calendars");
    g.sample_size(20);
    g.bench_function("schedule_end_to_end", |b| {
        b.iter(|| black_box(schedule(black_box(&staffed), &opts).unwrap()))
    });
    g.finish();
}

/// `resources` people, each on a calendar of their own (Standard with two week-long
/// vacations in the first months), and `per_task` of them on every task at 100 % with the
/// task's duration as work: each task spans its assignments on their calendars.
fn with_resources(mut plan: Plan, resources: usize, per_task: usize) -> Plan {
    let mut rng = Lcg(0xCA1E);
    for r in 0..resources {
        let cal = CalendarId::from_u128(0x3000_0000 + r as u128);
        let mut c = Calendar::standard(cal, format!("Person {r}"));
        for _ in 0..2 {
            let from = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap()
                + chrono::Duration::days(rng.below(200) as i64);
            c.exceptions.push(CalendarException {
                name: "vacation".into(),
                start: from,
                finish: from + chrono::Duration::days(4),
                working: Vec::new(),
            });
        }
        plan.calendars.push(c);
        plan.resources.push(Resource {
            id: ResourceId::from_u128(0x4000_0000 + r as u128),
            name: format!("Person {r}"),
            kind: ResourceKind::Person,
            cost_rate: Money(0),
            max_units: 1.0,
            calendar_id: Some(cal),
        });
    }
    let mut k = 0u128;
    for t in 0..plan.tasks.len() {
        let work = match plan.tasks[t].duration {
            Duration::Working(w) => w,
            Duration::Elapsed(_) => continue,
        };
        let first = rng.below(resources as u64) as usize;
        for p in 0..per_task {
            plan.assignments.push(Assignment {
                id: AssignmentId::from_u128(0x5000_0000 + k),
                task_id: plan.tasks[t].id,
                resource_id: plan.resources[(first + p * 7) % resources].id,
                units: 1.0,
                work: Some(work),
                contour: Default::default(),
            });
            k += 1;
        }
    }
    plan
}

criterion_group!(benches, bench);
criterion_main!(benches);
