use super::*;
use crate::demo::demo_plan;
use crate::scenario::tests::{link, small_plan, tid};
use crate::scenario::{apply_scenario, Scenario};
use crate::schedule::schedule;

fn run(plan: &Plan, iterations: u32, seed: u64) -> SimulationResult {
    let opts = SimulationOptions {
        iterations,
        seed,
        ..SimulationOptions::default()
    };
    simulate(plan, &opts, &RunControl::default()).unwrap()
}

fn all_equal(d: &FinishDistribution, want: NaiveDateTime) {
    let p = d.percentiles;
    for got in [p.p10, p.p50, p.p80, p.p90, p.p95, d.min, d.max, d.mean] {
        assert_eq!(got, want);
    }
    assert_eq!(d.deterministic, want);
    assert_eq!(d.std_dev_days, 0.0);
    assert_eq!(d.histogram.len(), 1);
    assert_eq!(d.probability_deterministic, 1.0);
}

/// The demo with no uncertainty left: every estimate collapsed to its most likely duration,
/// a 0/0 default profile and no risks.
fn certain_demo() -> Plan {
    let mut p = demo_plan();
    for t in &mut p.tasks {
        if let Some(e) = &mut t.estimate {
            e.optimistic = e.most_likely;
            e.pessimistic = e.most_likely;
            t.duration = Duration::Working(e.most_likely);
        }
    }
    p.settings.default_uncertainty = UncertaintyProfile {
        optimistic_pct: 0,
        pessimistic_pct: 0,
    };
    p.risks.clear();
    p
}

#[test]
fn without_uncertainty_every_percentile_is_the_cpm_date() {
    for dist in [Distribution::Triangular, Distribution::PertBeta] {
        let mut p = certain_demo();
        p.settings.distribution = dist;
        let s = schedule(&p, &ScheduleOptions::default()).unwrap();
        let r = run(&p, 300, 7);
        assert_eq!(r.assumptions.default_uncertainty_tasks, 0);
        assert_eq!(r.assumptions.three_point_tasks, 0);
        assert!(r.assumptions.fixed_tasks > 0);
        all_equal(&r.finish, s.finish);
        for (rd, f) in r.releases.iter().zip(&s.releases) {
            all_equal(&rd.finish, f.finish);
        }
        assert!(!r.milestones.is_empty());
        for m in &r.milestones {
            let ts = s.tasks.iter().find(|t| t.task_id == m.task_id).unwrap();
            all_equal(&m.finish, ts.finish);
        }
        for c in &r.criticality {
            let ts = s.tasks.iter().find(|t| t.task_id == c.task_id).unwrap();
            assert_eq!(c.index, if ts.critical { 1.0 } else { 0.0 }, "{}", c.name);
        }
        assert!(r.sensitivity.is_empty());
    }
}

#[test]
fn a_single_triangular_task_has_the_triangular_mean() {
    let (a, m, b) = (480i64, 1440, 3840); // 1, 3 and 8 days
    let mut p = small_plan(&[3]);
    p.tasks[0].estimate = Some(ThreePoint {
        optimistic: WorkMinutes(a),
        most_likely: WorkMinutes(m),
        pessimistic: WorkMinutes(b),
    });
    let r = run(&p, 100_000, 42);
    assert_eq!(r.assumptions.three_point_tasks, 1);
    let c = CompiledPlan::new(&p, &ScheduleOptions::default()).unwrap();
    let start = c.position(0, p.releases[0].start);
    let mean = (c.position(0, r.finish.mean) - start) as f64;
    let want = (a + m + b) as f64 / 3.0;
    assert!(
        (mean - want).abs() / want < 0.01,
        "sample mean {mean} vs {want}"
    );
    assert!(r.finish.percentiles.p10 < r.finish.percentiles.p90);
    // The only task: fully critical, and it alone drives the finish.
    assert_eq!(r.criticality[0].index, 1.0);
    assert!(r.sensitivity[0].correlation > 0.99);
}

fn risky_plan(probability: f64) -> Plan {
    let mut p = small_plan(&[5, 5, 5]);
    link(&mut p, 1, 2, LinkType::FS, Lag::ZERO);
    link(&mut p, 2, 3, LinkType::FS, Lag::ZERO);
    p.settings.default_uncertainty = UncertaintyProfile {
        optimistic_pct: 0,
        pessimistic_pct: 0,
    };
    p.risks.push(Risk {
        id: RiskId::from_u128(50),
        release_id: ReleaseId::from_u128(1),
        title: "Vendor late".into(),
        description: String::new(),
        probability,
        schedule_impact: WorkMinutes::days(4),
        cost_impact: Money::from_units(1000),
        owner: String::new(),
        status: RiskStatus::Open,
        trigger: String::new(),
        mitigation: String::new(),
        contingency: String::new(),
        task_ids: vec![tid(2)],
    });
    p.validate().unwrap();
    p
}

#[test]
fn a_certain_risk_gives_the_finish_of_its_scenario() {
    let p = risky_plan(1.0);
    let fired = apply_scenario(&p, &Scenario::from_risk(&p.risks[0])).unwrap();
    let want = schedule(&fired, &ScheduleOptions::default())
        .unwrap()
        .finish;
    let r = run(&p, 500, 3);
    let q = r.finish.percentiles;
    for got in [
        q.p10,
        q.p50,
        q.p80,
        q.p90,
        q.p95,
        r.finish.min,
        r.finish.max,
    ] {
        assert_eq!(got, want);
    }
    assert_eq!(r.assumptions.risks_simulated, 1);
    assert!(r.finish.deterministic < want, "CPM ignores the risk");
}

#[test]
fn an_impossible_risk_has_no_effect() {
    let with = risky_plan(0.0);
    let mut without = with.clone();
    without.risks.clear();
    // Uncertain tasks too, so that the random streams matter.
    let mut a = with.clone();
    let mut b = without.clone();
    for p in [&mut a, &mut b] {
        p.settings.default_uncertainty = UncertaintyProfile::default();
    }
    let (ra, rb) = (run(&a, 2000, 11), run(&b, 2000, 11));
    assert_eq!(ra.finish, rb.finish);
    assert_eq!(ra.releases, rb.releases);
    assert_eq!(ra.criticality, rb.criticality);
    assert_eq!(ra.sensitivity, rb.sensitivity);
    assert_eq!(ra.assumptions.risks_excluded.len(), 1);
    let r = run(&with, 100, 1);
    all_equal(&r.finish, r.finish.deterministic);
}

#[test]
fn a_risk_that_sometimes_fires_moves_the_distribution_and_ranks_high() {
    let mut p = risky_plan(0.5);
    p.settings.default_uncertainty = UncertaintyProfile::default();
    let r = run(&p, 4000, 5);
    assert!(r.finish.percentiles.p10 < r.finish.percentiles.p95);
    assert_eq!(
        r.sensitivity[0].source,
        SensitivitySource::Risk {
            risk_id: RiskId::from_u128(50)
        }
    );
    let on_target = r.releases[0].probability_on_target.unwrap();
    assert_eq!(on_target, 1.0, "the target is months away");
    let last = r.releases[0].finish.cumulative.last().unwrap();
    assert_eq!(last.probability, 1.0);
    let total: u32 = r.releases[0].finish.histogram.iter().map(|b| b.count).sum();
    assert_eq!(total, 4000);
}

#[test]
fn the_same_seed_gives_the_same_result_on_one_and_two_threads() {
    let plan = demo_plan();
    let pool = |n| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .unwrap()
    };
    let one = pool(1).install(|| run(&plan, 1500, 2027));
    let two = pool(2).install(|| run(&plan, 1500, 2027));
    assert_eq!(one, two);
    let other = pool(2).install(|| run(&plan, 1500, 2028));
    assert_ne!(one.finish, other.finish);
    // The demo's occurred and closed risks are left out, the others simulated.
    assert!(one
        .assumptions
        .risks_excluded
        .iter()
        .any(|r| r.reason.starts_with("occurred")));
    assert!(one.assumptions.default_uncertainty_tasks > 0);
    assert!(one.releases[0].finish.percentiles.p80 >= one.releases[0].finish.percentiles.p50);
}

#[test]
fn a_cancelled_run_is_partial_and_deterministic() {
    let p = risky_plan(0.5);
    let control = RunControl::default();
    control.cancel.store(true, Ordering::Relaxed);
    let opts = SimulationOptions {
        iterations: 1000,
        ..SimulationOptions::default()
    };
    assert_eq!(
        simulate(&p, &opts, &control).unwrap_err(),
        SimulationError::Cancelled
    );

    let control = std::sync::Arc::new(RunControl::default());
    let watcher = {
        let control = control.clone();
        std::thread::spawn(move || {
            while control.done.load(Ordering::Relaxed) < 2 * CHUNK as u64 {
                std::thread::yield_now();
            }
            control.cancel.store(true, Ordering::Relaxed);
        })
    };
    let opts = SimulationOptions {
        iterations: MAX_ITERATIONS, // the most a run takes: long enough to be cancelled
        seed: 9,
        ..SimulationOptions::default()
    };
    let r = simulate(&p, &opts, &control).unwrap();
    watcher.join().unwrap();
    assert!(r.partial);
    assert_eq!(r.iterations as usize % CHUNK, 0);
    assert_eq!(
        control.done.load(Ordering::Relaxed),
        u64::from(r.iterations)
    );
    let again = run(&p, r.iterations, 9);
    assert_eq!(again.finish, r.finish);
    assert_eq!(again.criticality, r.criticality);
}

#[test]
fn bad_input_is_refused() {
    assert_eq!(
        simulate(
            &small_plan(&[]),
            &SimulationOptions::default(),
            &RunControl::default()
        )
        .unwrap_err(),
        SimulationError::NoTasks
    );
    let mut p = small_plan(&[3]);
    assert_eq!(
        simulate(
            &p,
            &SimulationOptions {
                iterations: 0,
                ..SimulationOptions::default()
            },
            &RunControl::default()
        )
        .unwrap_err(),
        SimulationError::NoIterations
    );
    p.tasks[0].estimate = Some(ThreePoint {
        optimistic: WorkMinutes(900),
        most_likely: WorkMinutes(600),
        pessimistic: WorkMinutes(700),
    });
    let e = simulate(&p, &SimulationOptions::default(), &RunControl::default()).unwrap_err();
    assert!(e.to_string().contains("task 1 'T1'"), "{e}");
}

#[test]
fn a_release_without_tasks_gets_no_invented_distribution() {
    let mut p = demo_plan();
    let mut empty = p.releases[0].clone();
    empty.id = crate::model::ReleaseId::new();
    empty.code = "EMPTY".into();
    empty.name = "Empty".into();
    p.releases.insert(0, empty.clone());
    let r = run(&p, 200, 1);
    assert!(r.releases.iter().all(|x| x.release_id != empty.id));
    assert_eq!(r.releases.len(), p.releases.len() - 1);
    // The primary distribution is the first release that has tasks, after its start.
    assert_eq!(r.primary(), &r.releases[0].finish);
    assert!(r.primary().min >= p.releases[1].start);
}

#[test]
fn iterations_are_bounded_with_a_clear_error() {
    let p = demo_plan();
    let opts = SimulationOptions {
        iterations: 1_000_000_000,
        ..SimulationOptions::default()
    };
    let e = simulate(&p, &opts, &RunControl::default()).unwrap_err();
    assert!(
        matches!(
            e,
            SimulationError::TooManyIterations {
                max: MAX_ITERATIONS,
                ..
            }
        ),
        "{e}"
    );
    assert!(e.to_string().contains("at most 1000000"), "{e}");
}

#[test]
fn the_default_iterations_shrink_only_on_very_large_plans() {
    use super::{default_iterations, MIN_DEFAULT_ITERATIONS};
    // Up to 5,000 tasks: the full 10,000 (the report's default; the 500-task benchmark too).
    assert_eq!(default_iterations(10_000, 500), 10_000);
    assert_eq!(default_iterations(10_000, 5_000), 10_000);
    assert_eq!(default_iterations(2_000, 25_000), 2_000);
    // Above: iterations × tasks stays at 50 million.
    assert_eq!(default_iterations(10_000, 10_000), 5_000);
    assert_eq!(default_iterations(10_000, 100_000), 500);
    // Never below the floor; an empty plan takes what is preferred.
    assert_eq!(
        default_iterations(10_000, 1_000_000),
        MIN_DEFAULT_ITERATIONS
    );
    assert_eq!(default_iterations(10_000, 0), 10_000);
}

#[test]
fn round_is_f64_round_on_edges() {
    let edges = [
        0.0,
        -0.0,
        0.5,
        -0.5,
        1.5,
        2.5,
        -2.5,
        0.49999999999999994,
        -0.49999999999999994,
        4503599627370495.5,
        4503599627370496.0,
        9007199254740993.0,
        9.3e18,
        -9.3e18,
        f64::MAX,
        f64::MIN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        f64::MIN_POSITIVE,
        479.99999999999994,
    ];
    for x in edges {
        assert_eq!(round(x), x.round() as i64, "{x:e}");
    }
}

proptest::proptest! {
    #[test]
    fn round_is_f64_round(bits in proptest::prelude::any::<u64>(), x in -1e7f64..1e7) {
        let y = f64::from_bits(bits);
        proptest::prop_assert_eq!(round(y), y.round() as i64);
        proptest::prop_assert_eq!(round(x), x.round() as i64);
    }
}

proptest::proptest! {
    /// The triangular sampler gives `rand_distr::Triangular`'s values bit for bit, from the
    /// same generator state, and refuses what it refuses.
    #[test]
    fn tri_samples_as_rand_distr_does(a in 0f64..1e6, b in 0f64..1e6, c in 0f64..1e6, seed in proptest::prelude::any::<u64>()) {
        let mut v = [a, b, c];
        v.sort_by(f64::total_cmp);
        let (min, mode, max) = (v[0], v[1], v[2]);
        let ours = Tri::new(min, max, mode).unwrap();
        let theirs = Triangular::new(min, max, mode).unwrap();
        let (mut r1, mut r2) = (ChaCha8Rng::seed_from_u64(seed), ChaCha8Rng::seed_from_u64(seed));
        for _ in 0..64 {
            proptest::prop_assert_eq!(ours.sample(&mut r1).to_bits(), theirs.sample(&mut r2).to_bits());
        }
        proptest::prop_assert!(Tri::new(max + 1.0, min, mode).is_none());
    }
}

/// Without uncertainty every iteration is the schedule: each release's criticality is its
/// driving chain back from its last task (as the report's page 1 draws it), every task on it
/// at 1, no other task counted. The plan-wide index does not give that for the first
/// release, whose finish has float to the plan's.
#[test]
fn a_release_counts_the_path_that_drove_its_own_finish() {
    let p = certain_demo();
    assert!(p.releases.len() > 1);
    let s = schedule(&p, &ScheduleOptions::default()).unwrap();
    let r = run(&p, 50, 3);
    let summary = crate::baseline::summary_flags(&p);
    let mut some_not_plan_critical = false;
    for (ri, rel) in p.releases.iter().enumerate() {
        let Some(dist) = r.releases.iter().find(|d| d.release_id == rel.id) else {
            continue;
        };
        let in_release = |i: usize| {
            p.projects
                .iter()
                .any(|pr| pr.id == p.tasks[i].project_id && pr.release_id == rel.id)
        };
        let last = (0..p.tasks.len())
            .filter(|&i| in_release(i) && !summary[i])
            .max_by_key(|&i| (s.tasks[i].finish, i))
            .unwrap();
        let path = crate::schedule::driving_chain(&s, p.tasks[last].id);
        let got: Vec<TaskId> = dist.criticality.iter().map(|c| c.task_id).collect();
        let mut want = path.clone();
        want.sort_by_key(|id| p.tasks.iter().position(|t| t.id == *id));
        assert_eq!(got, want, "release {ri}");
        assert!(dist.criticality.iter().all(|c| c.index == 1.0));
        some_not_plan_critical |= path.iter().any(|id| {
            r.criticality
                .iter()
                .any(|c| c.task_id == *id && c.index == 0.0)
        });
    }
    assert!(
        some_not_plan_critical,
        "the demo's first release has float to the plan's finish"
    );
    // One release: the plan's index is the release's; nothing counted per release.
    let mut one = small_plan(&[5, 3, 4]);
    one.releases.truncate(1);
    let r = run(&one, 20, 1);
    assert!(r.releases.iter().all(|d| d.criticality.is_empty()));
}

/// An elapsed-duration task's estimate is in working time and drawn in clock time (a working
/// day a clock day): a 3ed task estimated 3d / 3d / 3d stays 3 clock days, so the simulation
/// gives the schedule's finish. Read as clock minutes, it was one clock day.
#[test]
fn an_elapsed_task_draws_its_estimate_in_clock_days() {
    // T1 (3ed) then T2 (2d): the finish follows T1's duration.
    let mut p = small_plan(&[3, 2]);
    link(&mut p, 0, 1, LinkType::FS, Lag::ZERO);
    p.settings.default_uncertainty = UncertaintyProfile {
        optimistic_pct: 0,
        pessimistic_pct: 0,
    };
    p.tasks[0].duration = Duration::Elapsed(3 * 1440);
    let w = WorkMinutes::days(3);
    p.tasks[0].estimate = Some(ThreePoint {
        optimistic: w,
        most_likely: w,
        pessimistic: w,
    });
    let s = schedule(&p, &ScheduleOptions::default()).unwrap();
    let r = run(&p, 20, 5);
    all_equal(&r.finish, s.finish);
}

/// With two releases, each gets the sensitivity of its own finish: R1's finish moves with
/// T1 only, R2's with T2 only. The plan's list stays the first release's.
#[test]
fn each_release_ranks_what_drives_its_own_finish() {
    let mut p = small_plan(&[5, 5]);
    let mut r2 = p.releases[0].clone();
    r2.id = ReleaseId::from_u128(11);
    r2.code = "R2".into();
    r2.name = "R2".into();
    let mut p2 = p.projects[0].clone();
    p2.id = ProjectId::from_u128(12);
    p2.release_id = r2.id;
    p.tasks[1].project_id = p2.id;
    p.releases.push(r2);
    p.projects.push(p2);
    let r = run(&p, 2000, 9);
    assert_eq!(r.releases.len(), 2);
    let top = |s: &[Sensitivity]| match &s[0].source {
        SensitivitySource::Task { task_id, .. } => (*task_id, s[0].correlation),
        other => panic!("{other:?}"),
    };
    let (t, c) = top(&r.releases[0].sensitivity);
    assert_eq!(t, tid(1));
    assert!(c > 0.9, "{c}");
    let (t, c) = top(&r.releases[1].sensitivity);
    assert_eq!(t, tid(2));
    assert!(c > 0.9, "{c}");
    assert_eq!(r.sensitivity, r.releases[0].sensitivity);
    // One release: the plan's list is the release's; none is repeated per release.
    let one = run(&small_plan(&[5, 5]), 200, 9);
    assert!(one.releases.iter().all(|d| d.sensitivity.is_empty()));
}
