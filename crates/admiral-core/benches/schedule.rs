//! Scheduler speed on a 100k-task, 300k-link network: `schedule()` end to end, and the
//! compiled network's `run()` alone (what Monte Carlo repeats); then `schedule()` on a demo
//! plan of the same size with a WBS (summary rows), several calendars, constraints and gates.
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
}

criterion_group!(benches, bench);
criterion_main!(benches);
