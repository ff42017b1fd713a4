//! Store benchmarks: saving one edit, and opening + loading a 100k-task plan.
//!
//! Run with `cargo bench -p admiral-store`. Plans are generated with a fixed seed: a layered
//! DAG (100 layers) where every task after the first layer has 3–4 predecessors in the layer
//! above, so 100,000 tasks carry 300,000 links.

use admiral_core::edit::Edit;
use admiral_core::*;
use admiral_store::PlanFile;
use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use std::path::Path;
use std::time::{Duration as StdDuration, Instant};

/// A small linear congruential generator: reproducible plans without a rand dependency.
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

fn plan(tasks: usize, links: usize, seed: u64) -> Plan {
    let mut rng = Lcg(seed);
    let layer = tasks / 100;
    let cal = CalendarId::from_u128(1);
    let release = ReleaseId::from_u128(2);
    let mut p = Plan {
        portfolio: Portfolio {
            name: format!("Bench {tasks}"),
        },
        ..Plan::default()
    };
    p.settings.default_calendar = Some(cal);
    p.calendars.push(Calendar::standard(cal, "Standard"));
    p.releases.push(Release {
        id: release,
        code: "BENCH".into(),
        name: "Bench release".into(),
        kind: ReleaseKind::Enterprise,
        owner: "Rita".into(),
        description: String::new(),
        start: NaiveDate::from_ymd_opt(2027, 1, 4)
            .unwrap()
            .and_hms_opt(8, 0, 0)
            .unwrap(),
        target: None,
        status: ReleaseStatus::Planning,
        calendar_id: Some(cal),
        budget: None,
    });
    for i in 0..20u128 {
        p.projects.push(Project {
            id: ProjectId::from_u128(100 + i),
            release_id: release,
            name: format!("Project {i}"),
            department: "IT".into(),
            owner: "Paul".into(),
        });
        p.resources.push(Resource {
            id: ResourceId::from_u128(200 + i),
            name: format!("Team {i}"),
            kind: ResourceKind::Team,
            cost_rate: Money::from_units(90),
            max_units: 5.0,
            calendar_id: None,
        });
    }
    for n in 0..tasks {
        let project = p.projects[n * 20 / tasks].id;
        p.tasks.push(Task {
            external_uid: Some(n as i64),
            owner: "Owner".into(),
            ..Task::new(
                TaskId::from_u128(1_000_000 + n as u128),
                TaskNumber(n as u32 + 1),
                project,
                format!("Task {n} of the generated plan"),
                Duration::Working(WorkMinutes::days(1 + rng.below(10) as i64)),
            )
        });
        if n % 4 == 0 {
            p.assignments.push(Assignment {
                id: AssignmentId::from_u128(5_000_000 + n as u128),
                task_id: p.tasks[n].id,
                resource_id: p.resources[rng.below(20) as usize].id,
                units: 1.0,
                work: None,
                contour: Default::default(),
            });
        }
    }
    let later = tasks - layer;
    let extra = links - 3 * later;
    let kinds = [
        LinkType::FS,
        LinkType::FS,
        LinkType::FS,
        LinkType::SS,
        LinkType::FF,
    ];
    for s in layer..tasks {
        let above = (s / layer - 1) * layer;
        let want = if s - layer < extra { 4 } else { 3 };
        let mut chosen: Vec<usize> = Vec::with_capacity(4);
        while chosen.len() < want {
            let pred = above + rng.below(layer as u64) as usize;
            if !chosen.contains(&pred) {
                chosen.push(pred);
            }
        }
        for pred in chosen {
            p.links.push(Link {
                id: LinkId::from_u128(10_000_000 + p.links.len() as u128),
                predecessor: p.tasks[pred].id,
                successor: p.tasks[s].id,
                kind: kinds[rng.below(5) as usize],
                lag: Lag::Working(WorkMinutes(60 * rng.below(3) as i64)),
            });
        }
    }
    p
}

/// CPU time (user + system) of this process so far, in seconds, where Linux tells it: the
/// machine running the benchmarks is shared, so wall time alone overstates the cost.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit(')').next()?.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0) // USER_HZ is 100 on Linux
}

fn write_plan(path: &Path, plan: &Plan) {
    let t = Instant::now();
    let cpu = cpu_seconds();
    let mut f = PlanFile::create(path, "Bench", true).unwrap();
    f.replace_plan(plan, "import").unwrap();
    let cpu = cpu
        .zip(cpu_seconds())
        .map(|(a, b)| format!("{:.2}s CPU", b - a))
        .unwrap_or_default();
    eprintln!(
        "setup: create + replace_plan of {} tasks and {} links took {:.2?} wall, {cpu} ({} bytes on disk)",
        plan.tasks.len(),
        plan.links.len(),
        t.elapsed(),
        std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
    );
}

fn store(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    // `ADMIRAL_BENCH_SETUP_ONLY=1 cargo bench -p admiral-store` times only the bulk write.
    if std::env::var_os("ADMIRAL_BENCH_SETUP_ONLY").is_some() {
        write_plan(
            &dir.path().join("setup.admiral"),
            &plan(100_000, 300_000, 42),
        );
        return;
    }

    // Saving one edit on a plan of realistic size (10k tasks), and on the 100k one.
    for (tasks, links) in [(10_000, 30_000), (100_000, 300_000)] {
        let path = dir.path().join(format!("edit-{tasks}.admiral"));
        let p = plan(tasks, links, 7);
        write_plan(&path, &p);
        let mut f = PlanFile::open(&path).unwrap();
        let mut t = p.tasks[tasks / 2].clone();
        let mut days = 1;
        c.bench_function(&format!("save one edit ({tasks} tasks)"), |b| {
            b.iter(|| {
                days = days % 20 + 1;
                t.duration = Duration::Working(WorkMinutes::days(days));
                f.apply(&[Edit::PutTask(t.clone())], "change duration")
                    .unwrap()
            })
        });
    }

    let path = dir.path().join("load-100k.admiral");
    write_plan(&path, &plan(100_000, 300_000, 42));
    c.bench_function("open + load (100k tasks, 300k links)", |b| {
        b.iter(|| {
            let f = PlanFile::open(&path).unwrap();
            let plan = f.load().unwrap();
            assert_eq!(plan.links.len(), 300_000);
            plan
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(StdDuration::from_secs(1))
        .measurement_time(StdDuration::from_secs(5));
    targets = store
}
criterion_main!(benches);
