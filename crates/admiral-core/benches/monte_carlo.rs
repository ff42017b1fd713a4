//! Monte Carlo speed: 10,000 iterations on the demo plan, and 1,000 iterations on a
//! generated plan of 3,614 tasks (the size Full Monte, an MS Project add-in, quotes about
//! 30 s for).
//!
//! `cargo bench -p admiral-core --bench monte_carlo`

use admiral_core::demo::{demo_plan, demo_plan_sized};
use admiral_core::monte_carlo::{simulate, RunControl, SimulationOptions};
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("monte_carlo");
    g.sample_size(10);
    let demo = demo_plan();
    let opts = SimulationOptions {
        iterations: 10_000,
        seed: 1,
        ..SimulationOptions::default()
    };
    g.bench_function("demo_10k_iterations", |b| {
        b.iter(|| black_box(simulate(black_box(&demo), &opts, &RunControl::default()).unwrap()))
    });
    let big = demo_plan_sized(3614, 1);
    let opts = SimulationOptions {
        iterations: 1_000,
        seed: 1,
        ..SimulationOptions::default()
    };
    g.bench_function("3614_tasks_1k_iterations", |b| {
        b.iter(|| black_box(simulate(black_box(&big), &opts, &RunControl::default()).unwrap()))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
