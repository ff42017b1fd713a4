//! Rendering speed of the release report: the demo release and a generated 500-task plan.
//! The schedule (and, for `demo_risk_scenarios`, a 10,000-iteration Monte Carlo run and the
//! scenario comparison) is computed once, outside the timing: this measures the PDF only.
//!
//! cargo bench -p admiral-report --bench report

use admiral_core::demo::{demo_plan, demo_plan_sized};
use admiral_core::monte_carlo::{simulate, RunControl, SimulationOptions};
use admiral_core::scenario::compare;
use admiral_core::schedule::{schedule, ScheduleOptions};
use admiral_core::Plan;
use admiral_report::{render, ReportInput, ReportOptions};
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

fn input<'a>(plan: &'a Plan, sched: &'a admiral_core::schedule::Schedule) -> ReportInput<'a> {
    let as_of = plan
        .settings
        .status_date
        .or_else(|| plan.releases.first().map(|r| r.start))
        .unwrap_or_default();
    ReportInput {
        plan,
        release: None,
        schedule: sched,
        simulation: None,
        comparison: None,
        audit: None,
        as_of,
        plan_file_name: "bench.admiral".into(),
        author: String::new(),
        budget: None,
        changes: None,
        trend: &[],
    }
}

fn bench(c: &mut Criterion) {
    let opts = ReportOptions::default();
    let mut g = c.benchmark_group("report");
    g.sample_size(10);
    for (name, plan) in [
        ("demo", demo_plan()),
        ("500_tasks", demo_plan_sized(500, 1)),
    ] {
        let sched = schedule(&plan, &ScheduleOptions::default()).expect("schedules");
        let inp = input(&plan, &sched);
        let bytes = render(&inp, &opts).expect("renders");
        eprintln!("{name}: {} bytes", bytes.len());
        g.bench_function(name, |b| {
            b.iter(|| render(black_box(&inp), &opts).expect("renders"))
        });
    }
    // The demo with its schedule-risk and scenario sections filled.
    let plan = demo_plan();
    let sched = schedule(&plan, &ScheduleOptions::default()).expect("schedules");
    let sim = simulate(
        &plan,
        &SimulationOptions {
            seed: 2027,
            ..SimulationOptions::default()
        },
        &RunControl::default(),
    )
    .expect("simulates");
    let scenarios: Vec<_> = plan.scenarios.iter().collect();
    let cmp = compare(&plan, &scenarios, &ScheduleOptions::default()).expect("compares");
    let mut inp = input(&plan, &sched);
    inp.simulation = Some(&sim);
    inp.comparison = Some(&cmp);
    let bytes = render(&inp, &opts).expect("renders");
    eprintln!("demo_risk_scenarios: {} bytes", bytes.len());
    g.bench_function("demo_risk_scenarios", |b| {
        b.iter(|| render(black_box(&inp), &opts).expect("renders"))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
