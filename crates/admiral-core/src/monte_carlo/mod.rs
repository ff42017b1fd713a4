//! Monte Carlo schedule risk: how sure are we of the date, and what drives it?
//!
//! Each iteration draws every task's duration, decides which risks fire, and reschedules the
//! plan with the compiled network ([`CompiledPlan::run`], no allocation per iteration). The
//! result holds the distribution of the plan's, each release's and each milestone's and
//! gate's finish (percentiles, histogram, cumulative curve, mean and standard deviation), the
//! probability of meeting each release target, the criticality index of every task, and the
//! sensitivity (Spearman rank correlation with the first release's finish) of every uncertain
//! task and risk, for a tornado chart.
//!
//! ## Model
//! - A task with a three-point estimate draws from it: triangular or PERT-beta (shape 4) per
//!   `plan.settings.distribution`. A task without one uses the plan's default uncertainty
//!   profile (`settings.default_uncertainty`, e.g. −10 % / +30 % of its planned duration, the
//!   planned duration as the most likely); how many tasks did is reported as an assumption.
//!   An elapsed-duration task's estimate (given in working time) is drawn in clock time, a
//!   working day a clock day. Finished tasks (actual finish) and zero-duration tasks do not
//!   vary; a started task draws its whole duration and the scheduler keeps its actual start
//!   and schedules the remaining share from the status date. Summary tasks roll up.
//! - Risks are events: in each iteration an open or mitigating risk fires with its
//!   probability and adds its schedule impact to each (non-summary) task it names (a clock day
//!   per working day for elapsed-duration tasks). Closed risks never fire. **Occurred** risks
//!   do not fire either: what happened is taken to be in the plan already (its durations and
//!   actuals), as [`crate::scenario::Override::FireRisk`] also assumes. Risks with probability
//!   0 are left out entirely.
//! - The status date (options, else the plan's) applies as in [`crate::schedule::schedule`].
//!
//! ## Determinism
//! Iteration `i` draws from its own ChaCha8 generator seeded with `mix(seed, i)`; iterations
//! run on rayon in fixed chunks of [`CHUNK`], in order, and every statistic is computed from
//! per-iteration values after each chunk, so a seed gives bit-identical results whatever the
//! number of threads. A cancelled run stops between chunks and reports the iterations done
//! (`partial`); its statistics are exactly those of a run with that many iterations.

mod draw;
mod stats;
#[cfg(test)]
mod tests;

pub use stats::{CurvePoint, FinishDistribution, HistogramBin, Percentiles};

use crate::model::*;
use crate::schedule::{Buffers, CompiledPlan, ScheduleError, ScheduleOptions};
use chrono::NaiveDateTime;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution as _, Pert, Triangular};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use thiserror::Error;

/// `CompiledPlan::task_node` of a summary task (the scheduler's `NONE`).
const NO_NODE: u32 = u32::MAX;
/// `Layout::node_release` of a node in no release (the compiled plan's `task_release` says
/// so with the same value).
const NO_RELEASE: u32 = u32::MAX;
/// `Layout::node_actual` of a node not finished, and an output no node has set.
const NOT_FINISHED: i64 = i64::MIN;

/// Iterations per chunk: progress is reported and cancellation checked between chunks.
pub const CHUNK: usize = 256;

/// Tasks whose critical counts one rayon job adds up.
const CRIT_BLOCK: usize = 256;

/// The sampled values kept for sensitivity are capped at about this many (iterations ×
/// variables); beyond it sensitivity uses the first iterations only.
const SENSITIVITY_BUDGET: usize = 8_000_000;

/// Options for one simulation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimulationOptions {
    pub iterations: u32,
    pub seed: u64,
    /// Overrides `plan.settings.status_date`.
    pub status_date: Option<NaiveDateTime>,
    /// At most this many histogram bins per distribution.
    pub histogram_bins: usize,
}

impl Default for SimulationOptions {
    fn default() -> Self {
        Self {
            iterations: 10_000,
            seed: 0,
            status_date: None,
            histogram_bins: 30,
        }
    }
}

/// Progress and cancellation, shared with the caller (e.g. behind an `Arc` in the desktop
/// shell): `done` counts finished iterations; setting `cancel` stops the run between chunks.
#[derive(Debug, Default)]
pub struct RunControl {
    pub done: AtomicU64,
    pub cancel: AtomicBool,
}

/// Why a simulation cannot run.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum SimulationError {
    #[error("the number of iterations must be at least 1")]
    NoIterations,
    /// More iterations than a run may take (at most [`MAX_ITERATIONS`], and fewer on a plan so
    /// large that their results would not fit in memory).
    #[error("{asked} iterations are too many{why}: at most {max} (10,000 already give percentiles to within a working day or so)")]
    TooManyIterations { asked: u32, max: u32, why: String },
    #[error("the plan has no tasks to simulate")]
    NoTasks,
    #[error("the simulation was cancelled before any iteration finished")]
    Cancelled,
    /// A simulated date leaves the years a plan holds (a status date or durations near the
    /// end of 9999), as `schedule` refuses it.
    #[error("the simulation reaches {when}, outside the years 1900 to 9999 a plan can hold: check the status date, the durations and the estimates")]
    OutOfYears { when: String },
    #[error(transparent)]
    Model(#[from] ModelError),
    #[error(transparent)]
    Schedule(#[from] ScheduleError),
}

/// What Monte Carlo assumed, for the report's footnote.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Assumptions {
    pub distribution: Distribution,
    /// Tasks drawn from their own three-point estimate.
    pub three_point_tasks: usize,
    /// Tasks drawn from the plan's default uncertainty profile (no estimate of their own).
    pub default_uncertainty_tasks: usize,
    pub default_uncertainty: UncertaintyProfile,
    /// Tasks that do not vary: finished, zero duration, or a degenerate estimate/profile.
    pub fixed_tasks: usize,
    /// Risks that may fire (open or mitigating, probability above 0).
    pub risks_simulated: usize,
    /// Risks left out, with why ("closed", "occurred: already in the plan", …).
    pub risks_excluded: Vec<ExcludedRisk>,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExcludedRisk {
    pub risk_id: RiskId,
    pub title: String,
    pub reason: String,
}

/// A release's finish distribution.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReleaseDistribution {
    pub release_id: ReleaseId,
    pub code: String,
    pub target: Option<NaiveDateTime>,
    /// Share of iterations finishing on or before the target.
    pub probability_on_target: Option<f64>,
    pub finish: FinishDistribution,
    /// In a plan of several releases, each task's share of iterations in which it was on the
    /// path that drove this release's finish: the chain of driving predecessors back from the
    /// release's last task, as the report's page 1 draws it (in this release or an earlier
    /// one it waits for). Tasks never on it are left out; plan order. Empty with one release
    /// (the plan's [`SimulationResult::criticality`] is then the release's) or when the plan
    /// is too large for a count per release and task ([`RELEASE_PATH_BUDGET`]).
    #[serde(default)]
    pub criticality: Vec<TaskCriticality>,
    /// In a plan of several releases, the uncertain tasks and simulated risks by their rank
    /// correlation with this release's finish, strongest first. Empty with one release: the
    /// plan's [`SimulationResult::sensitivity`] is then the release's.
    #[serde(default)]
    pub sensitivity: Vec<Sensitivity>,
}

/// A milestone's or gate's date distribution.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MilestoneDistribution {
    pub task_id: TaskId,
    pub key: String,
    pub name: String,
    pub gate: bool,
    pub finish: FinishDistribution,
}

/// Share of iterations in which a task was critical.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TaskCriticality {
    pub task_id: TaskId,
    pub key: String,
    pub name: String,
    /// 0–1.
    pub index: f64,
}

/// What a sensitivity entry measures.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SensitivitySource {
    /// A task's sampled duration.
    Task { task_id: TaskId, key: String },
    /// Whether a risk fired.
    Risk { risk_id: RiskId },
}

/// One bar of the tornado chart.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sensitivity {
    pub source: SensitivitySource,
    /// The task's name or the risk's title.
    pub name: String,
    /// Spearman rank correlation with the first release's finish (the plan's when it has no
    /// release), −1 to 1.
    pub correlation: f64,
}

/// Everything a Monte Carlo run found.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimulationResult {
    pub seed: u64,
    pub iterations_requested: u32,
    /// Iterations the statistics cover.
    pub iterations: u32,
    /// The run was cancelled: `iterations` < `iterations_requested`.
    pub partial: bool,
    pub assumptions: Assumptions,
    /// The plan's finish (latest finish of any task).
    pub finish: FinishDistribution,
    /// One per release that has tasks to simulate, in plan order (a release without tasks
    /// has no finish to draw and is left out).
    pub releases: Vec<ReleaseDistribution>,
    /// Every milestone and gate, in plan order.
    pub milestones: Vec<MilestoneDistribution>,
    /// Every non-summary task, in plan order.
    pub criticality: Vec<TaskCriticality>,
    /// Uncertain tasks and simulated risks, strongest correlation first.
    pub sensitivity: Vec<Sensitivity>,
    /// Iterations sensitivity was computed over (all, unless the plan is very large).
    pub sensitivity_iterations: u32,
}

impl SimulationResult {
    /// The first release's distribution (the first that has tasks; the plan's when none has).
    pub fn primary(&self) -> &FinishDistribution {
        self.releases.first().map_or(&self.finish, |r| &r.finish)
    }
}

/// How one task's duration is drawn.
enum Sampler {
    Fixed(i64),
    Tri(Tri),
    Pert(Pert<f64>),
}

/// A triangular distribution sampled as `rand_distr::Triangular` samples it (the same
/// uniform draw, the same arithmetic, so the same values bit for bit), with both inverse
/// branches computed and one selected: the branch went either way at random and its
/// mispredictions cost more than the second square root.
#[derive(Clone, Copy, Debug)]
struct Tri {
    min: f64,
    max: f64,
    /// `mode - min`, `max - min` and `max - mode`, as `Triangular` computes them per draw.
    mode_min: f64,
    range: f64,
    max_mode: f64,
}

impl Tri {
    /// `None` where `Triangular::new` refuses the estimate.
    fn new(min: f64, max: f64, mode: f64) -> Option<Self> {
        Triangular::new(min, max, mode).ok()?;
        Some(Self {
            min,
            max,
            mode_min: mode - min,
            range: max - min,
            max_mode: max - mode,
        })
    }

    #[inline]
    fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        self.at(rng.sample(rand::distr::StandardUniform))
    }

    /// The value at uniform draw `f` (the inverse of the distribution function).
    #[inline]
    fn at(&self, f: f64) -> f64 {
        let f_range = f * self.range;
        let low = self.min + (f_range * self.mode_min).sqrt();
        let high = self.max - ((self.range - f_range) * self.max_mode).sqrt();
        if f_range < self.mode_min {
            low
        } else {
            high
        }
    }
}

struct Var {
    /// Plan task index.
    task: usize,
    sampler: Sampler,
}

struct SimRisk {
    probability: f64,
    /// (plan task index, minutes added).
    impacts: Vec<(usize, i64)>,
}

/// At most this many counts (releases × scheduled tasks, 4 bytes each per worker) for the
/// per-release criticality ([`ReleaseDistribution::criticality`]): 40 releases of a
/// 100k-task plan.
pub const RELEASE_PATH_BUDGET: usize = 4_000_000;

/// What one iteration records: its finishes (instants), criticality and sampled values.
struct Layout {
    /// 1 (plan) + releases + milestones.
    outputs: usize,
    /// Per milestone output: plan task index and node.
    milestone_nodes: Vec<usize>,
    /// Per node: release index ([`NO_RELEASE`] when none).
    node_release: Vec<u32>,
    /// Per node: its actual finish instant when finished (the scheduler shows actual dates
    /// as recorded), else [`NOT_FINISHED`].
    node_actual: Vec<i64>,
    /// Per node: as late as possible (shown at its late dates).
    node_alap: Vec<bool>,
    releases: usize,
    timelines: usize,
    /// Count the path that drove each release's finish ([`ReleaseDistribution::criticality`]).
    release_paths: bool,
}

/// Per-worker scratch: allocated once per rayon job, reused by every iteration it runs.
struct Worker {
    buf: Buffers,
    durs: Vec<i64>,
    /// Latest early-finish position per (release, timeline).
    rel_pos: Vec<i64>,
    /// The node of each `rel_pos` (the last in plan order among equals).
    rel_node: Vec<u32>,
    /// Per release, the node that finished it in this iteration ([`NO_NODE`] for none).
    rel_end: Vec<u32>,
    /// Per (release, node): the iterations this worker ran in which the node was on the path
    /// that drove the release's finish. Empty unless the layout counts them.
    rel_crit: Vec<u32>,
    /// The batch's uniforms and values of one iteration.
    u: Vec<f64>,
    x: Vec<f64>,
}

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The seed of iteration `i`.
fn mix(seed: u64, i: u64) -> u64 {
    splitmix(seed ^ splitmix(i))
}

/// The most iterations one run takes.
pub const MAX_ITERATIONS: u32 = 1_000_000;

/// The work a run does when the user names no iteration count: iterations × tasks. 50 million
/// lets plans up to 5,000 tasks take the full 10,000 iterations, and keeps the default run of a
/// 100,000-task plan (500 iterations) to seconds instead of minutes.
pub const DEFAULT_WORK: u64 = 50_000_000;

/// The fewest iterations a default run takes, however large the plan: percentiles from fewer
/// would move visibly from one seed to the next.
pub const MIN_DEFAULT_ITERATIONS: u32 = 500;

/// The iterations a run takes when the user names none: `preferred` (10,000 for the report's
/// schedule risk, 2,000 for the portfolio), fewer on a plan of more than
/// [`DEFAULT_WORK`] ÷ `preferred` tasks, never fewer than [`MIN_DEFAULT_ITERATIONS`]. What the
/// user asks for explicitly is taken as asked (up to [`MAX_ITERATIONS`]); the report states
/// the count it ran.
pub fn default_iterations(preferred: u32, tasks: usize) -> u32 {
    let fit = DEFAULT_WORK / (tasks.max(1) as u64);
    let fit = u32::try_from(fit).unwrap_or(u32::MAX);
    preferred.min(fit.max(MIN_DEFAULT_ITERATIONS))
}

/// The memory a run may use for its per-iteration results (finishes of the plan, each release
/// and each milestone): 1 GiB.
const RESULT_BUDGET_BYTES: u64 = 1 << 30;

/// Runs a Monte Carlo simulation of `plan`. See the module docs.
pub fn simulate(
    plan: &Plan,
    opts: &SimulationOptions,
    control: &RunControl,
) -> Result<SimulationResult, SimulationError> {
    if opts.iterations == 0 {
        return Err(SimulationError::NoIterations);
    }
    if opts.iterations > MAX_ITERATIONS {
        return Err(SimulationError::TooManyIterations {
            asked: opts.iterations,
            max: MAX_ITERATIONS,
            why: String::new(),
        });
    }
    for t in &plan.tasks {
        t.validate_own()?;
    }
    // Every iteration and statistic below runs on rayon's pool, or here when the process
    // may start no thread.
    crate::par::ready();
    let sched_opts = ScheduleOptions {
        status_date: opts.status_date,
    };
    let mut c = CompiledPlan::new(plan, &sched_opts)?;
    // Many runs: links between calendars are worth a table per pair.
    c.cross_calendars(opts.iterations);
    if c.node_task.is_empty() {
        return Err(SimulationError::NoTasks);
    }
    let base = c.planned_durations(plan);
    let (vars, mut assumptions) = what_varies(plan, &c, &base)?;
    let (risks, risk_ids) = simulated_risks(plan, &c, &mut assumptions);
    let space = Space::of(plan, &c, vars, risks);

    // The deterministic schedule, through the same extraction.
    let mut w0 = Worker::new(plan.tasks.len(), &space.layout, 0);
    w0.durs.copy_from_slice(&base);
    c.run(&w0.durs, &mut w0.buf);
    let mut deterministic = vec![0i64; space.layout.outputs];
    extract(&c, &space.layout, &mut w0, &mut deterministic);

    within_years(&c, &deterministic)?;
    let runs = iterate(plan, &c, &base, &space, opts, control)?;
    within_years(&c, &runs.outs)?;
    let stats = Statistics {
        plan,
        c: &c,
        space: &space,
        runs: &runs,
        deterministic: &deterministic,
        bins: opts.histogram_bins.max(1),
    };
    let default_tl = match plan.releases.first() {
        Some(_) => c.release_cal[0] as usize,
        None => 0,
    };
    let finish = || {
        stats::distribution(
            &c,
            default_tl,
            &runs.column(&space.layout, 0),
            deterministic[0],
            stats.bins,
        )
    };
    // The statistics are independent of one another: all of them on every core (one after
    // the other, the milestones' distributions alone kept one core busy for a tenth of a
    // 1,000-task run).
    // Sensitivity against the primary release's finish, and with several releases against
    // each one's too (a variable's ranks are computed once for all of them).
    let with_tasks: Vec<usize> = (0..plan.releases.len())
        .filter(|&r| space.release_has_tasks[r])
        .collect();
    let mut targets = vec![space.primary];
    if with_tasks.len() > 1 {
        targets.extend(with_tasks.iter().map(|&r| 1 + r));
    }
    let ((finish, mut releases), (milestones, (criticality, mut sensitivities))) = rayon::join(
        || (finish(), stats.releases()),
        || {
            rayon::join(
                || stats.milestones(),
                || {
                    rayon::join(
                        || stats.criticality(),
                        || stats.sensitivity(&risk_ids, &targets),
                    )
                },
            )
        },
    );
    // `releases` holds the releases with tasks, in plan order: the targets after the first.
    if targets.len() > 1 {
        for (rd, s) in releases.iter_mut().zip(sensitivities.drain(1..)) {
            rd.sensitivity = s;
        }
    }
    let sensitivity = sensitivities.swap_remove(0);
    Ok(SimulationResult {
        seed: opts.seed,
        iterations_requested: opts.iterations,
        iterations: runs.done as u32,
        partial: runs.done < opts.iterations as usize,
        assumptions,
        finish,
        releases,
        milestones,
        criticality,
        sensitivity,
        sensitivity_iterations: runs.sens_iters as u32,
    })
}

/// Refuses outputs (instants; [`NOT_FINISHED`] for none) that leave the years a plan holds.
fn within_years(c: &CompiledPlan, outs: &[i64]) -> Result<(), SimulationError> {
    use chrono::Datelike;
    let set = || outs.iter().copied().filter(|&v| v != NOT_FINISHED);
    for t in [set().min(), set().max()].into_iter().flatten() {
        let when = c.clock.datetime(t);
        if !crate::model::YEARS.contains(&when.year()) {
            return Err(SimulationError::OutOfYears {
                when: when.format("%Y-%m-%d %H:%M").to_string(),
            });
        }
    }
    Ok(())
}

/// What varies: each task's sampler (its three-point estimate, else the plan's default
/// uncertainty around its duration; finished tasks and degenerate ranges are fixed).
fn what_varies(
    plan: &Plan,
    c: &CompiledPlan,
    base: &[i64],
) -> Result<(Vec<Var>, Assumptions), SimulationError> {
    let mut vars: Vec<Var> = Vec::new();
    let mut assumptions = Assumptions {
        distribution: plan.settings.distribution,
        three_point_tasks: 0,
        default_uncertainty_tasks: 0,
        default_uncertainty: plan.settings.default_uncertainty,
        fixed_tasks: 0,
        risks_simulated: 0,
        risks_excluded: Vec::new(),
    };
    let profile = plan.settings.default_uncertainty;
    for (i, t) in plan.tasks.iter().enumerate() {
        if c.task_node[i] == NO_NODE {
            continue;
        }
        let d = base[i] as f64;
        if t.progress.actual_finish.is_some() {
            assumptions.fixed_tasks += 1;
            continue;
        }
        // An estimate is in working time; an elapsed-duration task draws clock minutes, a
        // working day being a clock day (as a risk's impact on it).
        let unit = |w: WorkMinutes| match t.duration {
            Duration::Elapsed(_) => crate::scenario::elapsed_impact(w) as f64,
            Duration::Working(_) => w.0 as f64,
        };
        let (o, m, p, own) = match t.estimate {
            Some(e) => (
                unit(e.optimistic),
                unit(e.most_likely),
                unit(e.pessimistic),
                true,
            ),
            None => (
                d * f64::from(100 + profile.optimistic_pct) / 100.0,
                d,
                d * f64::from(100 + profile.pessimistic_pct) / 100.0,
                false,
            ),
        };
        let (o, p) = (o.max(0.0).min(m), p.max(m));
        if p <= o {
            assumptions.fixed_tasks += 1;
            if own {
                // A degenerate estimate still sets the duration.
                vars.push(Var {
                    task: i,
                    sampler: Sampler::Fixed(m.round() as i64),
                });
            }
            continue;
        }
        if own {
            assumptions.three_point_tasks += 1;
        } else {
            assumptions.default_uncertainty_tasks += 1;
        }
        let sampler = match plan.settings.distribution {
            Distribution::Triangular => Sampler::Tri(Tri::new(o, p, m).ok_or_else(|| bad(t))?),
            Distribution::PertBeta => {
                Sampler::Pert(Pert::new(o, p).with_mode(m).map_err(|_| bad(t))?)
            }
        };
        vars.push(Var { task: i, sampler });
    }
    Ok((vars, assumptions))
}

/// The risks drawn in each iteration (open, with a probability) and the impact each adds to
/// its tasks; the others are listed in `assumptions` with the reason.
fn simulated_risks<'p>(
    plan: &'p Plan,
    c: &CompiledPlan,
    assumptions: &mut Assumptions,
) -> (Vec<SimRisk>, Vec<&'p Risk>) {
    let index: std::collections::HashMap<TaskId, usize> = plan
        .tasks
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id, i))
        .collect();
    let mut risks: Vec<SimRisk> = Vec::new();
    let mut risk_ids: Vec<&Risk> = Vec::new();
    for r in &plan.risks {
        let reason = match r.status {
            RiskStatus::Closed => Some("closed"),
            RiskStatus::Occurred => Some("occurred: its impact is taken to be in the plan"),
            _ if r.probability <= 0.0 => Some("probability 0"),
            _ => None,
        };
        if let Some(reason) = reason {
            assumptions.risks_excluded.push(ExcludedRisk {
                risk_id: r.id,
                title: r.title.clone(),
                reason: reason.into(),
            });
            continue;
        }
        let impacts = r
            .task_ids
            .iter()
            .filter_map(|id| index.get(id).copied())
            .filter(|&i| c.task_node[i] != NO_NODE)
            .map(|i| {
                let add = match plan.tasks[i].duration {
                    Duration::Working(_) => r.schedule_impact.0,
                    Duration::Elapsed(_) => crate::scenario::elapsed_impact(r.schedule_impact),
                };
                (i, add)
            })
            .collect();
        risks.push(SimRisk {
            probability: r.probability,
            impacts,
        });
        risk_ids.push(r);
    }
    assumptions.risks_simulated = risks.len();
    (risks, risk_ids)
}

/// What each iteration draws and what it records.
struct Space {
    vars: Vec<Var>,
    /// Every drawn estimate, when all are triangular (none is PERT): drawn in one batch.
    batch: Option<draw::TriBatch>,
    /// The vars that are not fixed: only they feed sensitivity.
    varying: Vec<usize>,
    risks: Vec<SimRisk>,
    layout: Layout,
    /// The plan's index of each milestone recorded.
    milestone_tasks: Vec<usize>,
    /// A release with no task to simulate gets no distribution (there is no finish to draw):
    /// it is left out of the result.
    release_has_tasks: Vec<bool>,
    /// The output the sensitivity is measured against: the first release that has tasks.
    primary: usize,
}

impl Space {
    fn of(plan: &Plan, c: &CompiledPlan, vars: Vec<Var>, risks: Vec<SimRisk>) -> Space {
        let varying: Vec<usize> = (0..vars.len())
            .filter(|&v| !matches!(vars[v].sampler, Sampler::Fixed(_)))
            .collect();
        let milestone_tasks: Vec<usize> = (0..plan.tasks.len())
            .filter(|&i| plan.tasks[i].is_milestone() && c.task_node[i] != NO_NODE)
            .collect();
        let m = c.node_task.len();
        let mut node_release = vec![NO_RELEASE; m];
        for (k, nr) in node_release.iter_mut().enumerate() {
            *nr = c.task_release[c.node_task[k] as usize];
        }
        let mut release_has_tasks = vec![false; plan.releases.len()];
        for &r in &node_release {
            if let Some(x) = release_has_tasks.get_mut(r as usize) {
                *x = true;
            }
        }
        let node_actual = (0..m)
            .map(|k| {
                plan.tasks[c.node_task[k] as usize]
                    .progress
                    .actual_finish
                    .map_or(NOT_FINISHED, |f| c.clock.instant(f))
            })
            .collect();
        let node_alap = (0..m)
            .map(|k| plan.tasks[c.node_task[k] as usize].constraint == Constraint::Alap)
            .collect();
        let layout = Layout {
            outputs: 1 + plan.releases.len() + milestone_tasks.len(),
            milestone_nodes: milestone_tasks.clone(),
            node_release,
            node_actual,
            node_alap,
            releases: plan.releases.len(),
            timelines: c.timelines.len(),
            release_paths: plan.releases.len() > 1
                && plan.releases.len().saturating_mul(m) <= RELEASE_PATH_BUDGET,
        };
        let primary = release_has_tasks
            .iter()
            .position(|&x| x)
            .map_or(0, |r| 1 + r);
        let mut batch = Some(draw::TriBatch::default());
        for v in &vars {
            match (&v.sampler, batch.as_mut()) {
                (Sampler::Tri(t), Some(b)) => b.push(v.task, t),
                (Sampler::Pert(_), _) => batch = None,
                _ => {}
            }
        }
        Space {
            vars,
            batch,
            varying,
            risks,
            layout,
            milestone_tasks,
            release_has_tasks,
            primary,
        }
    }

    /// Sensitivity inputs per iteration: the varying durations, then each risk fired or not.
    fn stride(&self) -> usize {
        (self.varying.len() + self.risks.len()).max(1)
    }
}

/// The iterations run: their outputs, critical counts and sensitivity inputs.
struct Runs {
    /// `done × outputs` finishes, in iteration order.
    outs: Vec<i64>,
    /// Per node, the iterations in which it was critical.
    crit_counts: Vec<u64>,
    /// Per (release, node), the iterations in which the node was on the path that drove the
    /// release's finish (empty unless the layout counts them).
    rel_counts: Vec<u64>,
    /// Sensitivity inputs by variable: variable `v`'s value in iteration `it` at
    /// `v × sens_cap + it` (each variable's values contiguous, for its ranks).
    sens: Vec<f64>,
    sens_cap: usize,
    /// Iterations with sensitivity inputs (`sens_cap`, or fewer when cancelled).
    sens_iters: usize,
    done: usize,
}

impl Runs {
    /// Output `k` of every iteration, in iteration order.
    fn column(&self, layout: &Layout, k: usize) -> Vec<i64> {
        self.outs
            .iter()
            .skip(k)
            .step_by(layout.outputs)
            .copied()
            .collect()
    }
}

/// Runs the iterations on rayon in chunks of [`CHUNK`], each with its own seeded generator,
/// until all are done or `control` cancels.
fn iterate(
    plan: &Plan,
    c: &CompiledPlan,
    base: &[i64],
    space: &Space,
    opts: &SimulationOptions,
    control: &RunControl,
) -> Result<Runs, SimulationError> {
    let Space {
        varying,
        risks,
        layout,
        ..
    } = space;
    let n_tasks = plan.tasks.len();
    let m = c.node_task.len();
    let per_iteration = (layout.outputs as u64 * 8).max(1);
    let fits = (RESULT_BUDGET_BYTES / per_iteration).min(u64::from(MAX_ITERATIONS)) as u32;
    if opts.iterations > fits {
        return Err(SimulationError::TooManyIterations {
            asked: opts.iterations,
            max: fits,
            why: format!(
                " for a plan of this size ({} milestones and gates, {} tasks)",
                layout.milestone_nodes.len(),
                n_tasks
            ),
        });
    }
    let total = opts.iterations as usize;
    let n_vars = varying.len() + risks.len();
    let sens_iters = SENSITIVITY_BUDGET
        .checked_div(n_vars)
        .map_or(0, |per| total.min(per.max(1000)));
    let stride = space.stride();
    let mut outs = vec![0i64; total * layout.outputs];
    let mut crit_counts = vec![0u64; m];
    let mut crit_chunk = vec![0u8; CHUNK * m.max(1)];
    let mut sens_chunk = vec![0f64; CHUNK * stride];
    let mut sens = vec![0f64; sens_iters * n_vars];
    let n_batch = space.batch.as_ref().map_or(0, |b| b.len());
    let workers: Vec<std::sync::Mutex<Option<Worker>>> = (0..rayon::current_num_threads().max(1))
        .map(|_| std::sync::Mutex::new(None))
        .collect();
    let mut done = 0usize;
    while done < total {
        if control.cancel.load(Ordering::Relaxed) {
            break;
        }
        let len = CHUNK.min(total - done);
        let o = &mut outs[done * layout.outputs..(done + len) * layout.outputs];
        let cr = &mut crit_chunk[..len * m.max(1)];
        let sv = &mut sens_chunk[..len * stride];
        let first = done;
        o.par_chunks_mut(layout.outputs)
            .zip(cr.par_chunks_mut(m.max(1)))
            .zip(sv.par_chunks_mut(stride))
            .enumerate()
            .for_each(|(j, ((o, cr), sv))| {
                // This thread's worker, kept from one chunk to the next (a worker per rayon
                // job was 800 workers for 10,000 iterations, each sizing its buffers anew).
                let k = rayon::current_thread_index().unwrap_or(0) % workers.len();
                let mut slot = workers[k].lock().unwrap_or_else(|e| e.into_inner());
                let w = slot.get_or_insert_with(|| Worker::new(n_tasks, layout, n_batch));
                let seed = mix(opts.seed, (first + j) as u64);
                iteration(c, base, space, seed, w, (o, cr, sv));
            });
        // The chunk's critical flags counted, and its sensitivity inputs transposed into each
        // variable's run of iterations, on both cores too (they were a tenth of a run, alone).
        let mm = m.max(1);
        crit_counts
            .par_chunks_mut(CRIT_BLOCK)
            .enumerate()
            .for_each(|(b, counts)| {
                let (at, n) = (b * CRIT_BLOCK, counts.len());
                for row in cr.chunks(mm) {
                    for (c, &x) in counts.iter_mut().zip(&row[at..at + n]) {
                        *c += u64::from(x);
                    }
                }
            });
        let kept = sens_iters.saturating_sub(first).min(len);
        if kept > 0 {
            sens.par_chunks_mut(sens_iters)
                .enumerate()
                .for_each(|(v, run)| {
                    for (j, x) in run[first..first + kept].iter_mut().enumerate() {
                        *x = sv[j * stride + v];
                    }
                });
        }
        done += len;
        control.done.fetch_add(len as u64, Ordering::Relaxed);
    }
    if done == 0 {
        return Err(SimulationError::Cancelled);
    }
    outs.truncate(done * layout.outputs);
    // Each worker's counts of the paths to the releases' finishes, summed (a sum: the same
    // whichever worker ran which iteration).
    let mut rel_counts = vec![
        0u64;
        if layout.release_paths {
            layout.releases * m
        } else {
            0
        }
    ];
    for slot in &workers {
        let slot = slot.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(w) = slot.as_ref() {
            for (total, &x) in rel_counts.iter_mut().zip(&w.rel_crit) {
                *total += u64::from(x);
            }
        }
    }
    Ok(Runs {
        outs,
        crit_counts,
        rel_counts,
        sens,
        sens_cap: sens_iters,
        sens_iters: sens_iters.min(done),
        done,
    })
}

/// One iteration: `w`'s durations drawn from `seed` (the estimates, then the risks), the
/// network run, and what it records written to `o` (finishes), `cr` (critical flags) and
/// `sv` (sensitivity inputs).
fn iteration(
    c: &CompiledPlan,
    base: &[i64],
    space: &Space,
    seed: u64,
    w: &mut Worker,
    (o, cr, sv): (&mut [i64], &mut [u8], &mut [f64]),
) {
    let Space {
        vars,
        batch,
        varying,
        risks,
        layout,
        ..
    } = space;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    w.durs.copy_from_slice(base);
    if let Some(b) = batch {
        // Fixed values first: they draw nothing, so the order is the same.
        for v in vars {
            if let Sampler::Fixed(x) = v.sampler {
                w.durs[v.task] = x;
            }
        }
        // The varying are exactly the batch's estimates, in order.
        b.sample(&mut rng, &mut w.u, &mut w.x);
        for ((&t, &x), s) in b.task.iter().zip(&w.x).zip(sv.iter_mut()) {
            let d = round(x);
            w.durs[t] = d;
            *s = d as f64;
        }
    } else {
        for v in vars {
            w.durs[v.task] = match &v.sampler {
                Sampler::Fixed(x) => *x,
                Sampler::Tri(d) => round(d.sample(&mut rng)),
                Sampler::Pert(d) => round(d.sample(&mut rng)),
            };
        }
        for (slot, &v) in varying.iter().enumerate() {
            sv[slot] = w.durs[vars[v].task] as f64;
        }
    }
    for (r, risk) in risks.iter().enumerate() {
        let fired = rng.random::<f64>() < risk.probability;
        sv[varying.len() + r] = if fired { 1.0 } else { 0.0 };
        if fired {
            for &(t, add) in &risk.impacts {
                w.durs[t] += add;
            }
        }
    }
    c.run(&w.durs, &mut w.buf);
    extract(c, layout, w, o);
    for (x, &k) in cr.iter_mut().zip(&w.buf.critical) {
        *x = u8::from(k);
    }
    if layout.release_paths {
        count_release_paths(layout, w);
    }
}

/// Adds one to each node on the path that drove each release's finish in this iteration:
/// from the node that finished it back through the driving predecessors the forward pass
/// recorded.
fn count_release_paths(l: &Layout, w: &mut Worker) {
    let m = l.node_release.len();
    for r in 0..l.releases {
        let counts = &mut w.rel_crit[r * m..(r + 1) * m];
        let mut k = w.rel_end[r];
        // A chain visits each node once; the bound only guards against a loop.
        for _ in 0..m {
            if k == NO_NODE {
                break;
            }
            counts[k as usize] += 1;
            k = w.buf.drv[k as usize];
        }
    }
}

/// The statistics of a run, computed from per-iteration values in iteration order.
struct Statistics<'a> {
    plan: &'a Plan,
    c: &'a CompiledPlan,
    space: &'a Space,
    runs: &'a Runs,
    deterministic: &'a [i64],
    bins: usize,
}

impl Statistics<'_> {
    /// Each release's finish distribution and probability of meeting its target.
    fn releases(&self) -> Vec<ReleaseDistribution> {
        let c = self.c;
        self.plan
            .releases
            .iter()
            .enumerate()
            .filter(|(r, _)| self.space.release_has_tasks[*r])
            .map(|(r, rel)| {
                let values = self.runs.column(&self.space.layout, 1 + r);
                let target = rel.target.map(|t| c.clock.instant(t));
                ReleaseDistribution {
                    release_id: rel.id,
                    code: rel.code.clone(),
                    target: rel.target,
                    probability_on_target: target.map(|t| {
                        values.iter().filter(|&&v| v <= t).count() as f64 / values.len() as f64
                    }),
                    finish: stats::distribution(
                        c,
                        c.release_cal[r] as usize,
                        &values,
                        self.deterministic[1 + r],
                        self.bins,
                    ),
                    criticality: self.release_criticality(r),
                    // Filled in with the other sensitivities (`simulate`).
                    sensitivity: Vec::new(),
                }
            })
            .collect()
    }

    /// Release `r`'s tasks by how often they were on the path that drove its finish (see
    /// [`ReleaseDistribution::criticality`]), in plan order; empty when not counted.
    fn release_criticality(&self, r: usize) -> Vec<TaskCriticality> {
        let (plan, c, runs) = (self.plan, self.c, self.runs);
        let m = c.node_task.len();
        let Some(counts) = runs.rel_counts.get(r * m..(r + 1) * m) else {
            return Vec::new();
        };
        (0..plan.tasks.len())
            .filter(|&i| c.task_node[i] != NO_NODE && counts[c.task_node[i] as usize] > 0)
            .map(|i| self.share(i, counts[c.task_node[i] as usize]))
            .collect()
    }

    /// Task `i`'s share of the iterations: `count` of them.
    fn share(&self, i: usize, count: u64) -> TaskCriticality {
        let t = &self.plan.tasks[i];
        TaskCriticality {
            task_id: t.id,
            key: t.key(),
            name: t.name.clone(),
            index: count as f64 / self.runs.done as f64,
        }
    }

    /// Each milestone's and gate's finish distribution.
    fn milestones(&self) -> Vec<MilestoneDistribution> {
        let (plan, c) = (self.plan, self.c);
        self.space
            .milestone_tasks
            .par_iter()
            .enumerate()
            .map(|(n, &i)| {
                let k = 1 + plan.releases.len() + n;
                let t = &plan.tasks[i];
                MilestoneDistribution {
                    task_id: t.id,
                    key: t.key(),
                    name: t.name.clone(),
                    gate: t.kind == TaskKind::Gate,
                    finish: stats::distribution(
                        c,
                        c.cal[c.task_node[i] as usize] as usize,
                        &self.runs.column(&self.space.layout, k),
                        self.deterministic[k],
                        self.bins,
                    ),
                }
            })
            .collect()
    }

    /// Each scheduled task's share of iterations in which it was critical.
    fn criticality(&self) -> Vec<TaskCriticality> {
        let (plan, c) = (self.plan, self.c);
        (0..plan.tasks.len())
            .filter(|&i| c.task_node[i] != NO_NODE)
            .map(|i| self.share(i, self.runs.crit_counts[c.task_node[i] as usize]))
            .collect()
    }

    /// Spearman's rank correlation of each varying duration and each risk with the primary
    /// release's finish, strongest first (ties keep plan order).
    /// Per output in `targets` (the primary release's finish, then each release's), strongest
    /// first. A variable's ranks are computed once, then correlated with each target's.
    fn sensitivity(&self, risk_ids: &[&Risk], targets: &[usize]) -> Vec<Vec<Sensitivity>> {
        let (space, runs) = (self.space, self.runs);
        let (cap, sens_iters) = (runs.sens_cap, runs.sens_iters);
        let n_vars = space.varying.len() + space.risks.len();
        let target_ranks: Vec<Vec<f64>> = targets
            .iter()
            .map(|&k| {
                let values: Vec<f64> = runs.column(&space.layout, k)[..sens_iters]
                    .iter()
                    .map(|&v| v as f64)
                    .collect();
                stats::ranks(&values)
            })
            .collect();
        // Per variable, its correlation with each target.
        let correlations: Vec<Vec<f64>> = (0..n_vars)
            .into_par_iter()
            .map(|v| {
                let x = stats::ranks(&runs.sens[v * cap..v * cap + sens_iters]);
                target_ranks.iter().map(|t| stats::pearson(&x, t)).collect()
            })
            .collect();
        (0..targets.len())
            .map(|k| {
                let of_target: Vec<f64> = correlations.iter().map(|c| c[k]).collect();
                self.ranked(risk_ids, &of_target)
            })
            .collect()
    }

    /// The variables with their correlations (`correlations[v]`), strongest first (ties keep
    /// plan order).
    fn ranked(&self, risk_ids: &[&Risk], correlations: &[f64]) -> Vec<Sensitivity> {
        let (plan, space) = (self.plan, self.space);
        let mut sensitivity: Vec<Sensitivity> = correlations
            .iter()
            .enumerate()
            .map(|(v, &correlation)| {
                if v < space.varying.len() {
                    let t = &plan.tasks[space.vars[space.varying[v]].task];
                    Sensitivity {
                        source: SensitivitySource::Task {
                            task_id: t.id,
                            key: t.key(),
                        },
                        name: t.name.clone(),
                        correlation,
                    }
                } else {
                    let r = risk_ids[v - space.varying.len()];
                    Sensitivity {
                        source: SensitivitySource::Risk { risk_id: r.id },
                        name: r.title.clone(),
                        correlation,
                    }
                }
            })
            .collect();
        sensitivity.sort_by(|a, b| b.correlation.abs().total_cmp(&a.correlation.abs()));
        sensitivity
    }
}

/// `x.round() as i64` (half away from zero; NaN 0; saturating) without the call to libm's
/// `round` that the baseline x86-64 target makes (3 % of a Monte Carlo run): the fraction
/// `x - trunc(x)` is exact for |x| < 2^52, and beyond that every f64 is whole.
#[inline]
fn round(x: f64) -> i64 {
    let t = x as i64;
    let frac = x - t as f64;
    // No branch: which way it goes is random in a simulation.
    t.saturating_add(i64::from(frac >= 0.5))
        .saturating_sub(i64::from(frac <= -0.5))
}

fn bad(t: &Task) -> ModelError {
    ModelError::BadEstimate {
        task: task_label(t),
        reason: "optimistic, most likely and pessimistic are out of order".into(),
    }
}

impl Worker {
    fn new(n_tasks: usize, layout: &Layout, batch: usize) -> Self {
        // The buffers are sized by the worker's first run; later runs allocate nothing.
        // Nothing here reads free float.
        Self {
            buf: Buffers::without_free_float(),
            durs: vec![0; n_tasks],
            rel_pos: vec![0; layout.releases.max(1) * layout.timelines.max(1)],
            rel_node: vec![NO_NODE; layout.releases.max(1) * layout.timelines.max(1)],
            rel_end: vec![NO_NODE; layout.releases],
            rel_crit: if layout.release_paths {
                vec![0; layout.releases * layout.node_release.len()]
            } else {
                Vec::new()
            },
            u: vec![0.0; batch],
            x: vec![0.0; batch],
        }
    }
}

/// The instants one iteration records: plan finish, each release's finish, each milestone's
/// date, as the scheduler shows them (a zero-duration task at its start or finish form).
fn extract(c: &CompiledPlan, l: &Layout, w: &mut Worker, out: &mut [i64]) {
    let buf = &w.buf;
    out[0] = buf.finish;
    if l.releases > 0 {
        w.rel_pos.fill(NOT_FINISHED);
        w.rel_node.fill(NO_NODE);
        w.rel_end.fill(NO_NODE);
        out[1..=l.releases].fill(NOT_FINISHED);
        // Among equal finishes the last task in plan order ends the release, as on the
        // report's page 1 (nodes are in network order).
        let task = &c.node_task;
        let later = |a: usize, b: u32| b == NO_NODE || task[a] > task[b as usize];
        // Every array cut to the nodes' number first: one bounds check each, not one a node.
        let n = buf.ef.len();
        let (release, actual, alap) =
            (&l.node_release[..n], &l.node_actual[..n], &l.node_alap[..n]);
        let (dur, ef, cal) = (&buf.dur[..n], &buf.ef[..n], &c.cal[..n]);
        for k in 0..n {
            let r = release[k];
            if r == NO_RELEASE {
                continue;
            }
            if dur[k] == 0 || actual[k] != NOT_FINISHED || alap[k] {
                let inst = shown_finish(c, l, buf, k);
                let (o, end) = (&mut out[1 + r as usize], &mut w.rel_end[r as usize]);
                if inst > *o || (inst == *o && later(k, *end)) {
                    (*o, *end) = (inst, k as u32);
                }
            } else {
                let at = r as usize * l.timelines + cal[k] as usize;
                let (slot, node) = (&mut w.rel_pos[at], &mut w.rel_node[at]);
                if ef[k] > *slot || (ef[k] == *slot && later(k, *node)) {
                    (*slot, *node) = (ef[k], k as u32);
                }
            }
        }
        for r in 0..l.releases {
            for t in 0..l.timelines {
                let p = w.rel_pos[r * l.timelines + t];
                if p != NOT_FINISHED {
                    let inst = c.timelines[t].finish_instant(p);
                    let k = w.rel_node[r * l.timelines + t] as usize;
                    let (o, end) = (&mut out[1 + r], &mut w.rel_end[r]);
                    if inst > *o || (inst == *o && later(k, *end)) {
                        (*o, *end) = (inst, k as u32);
                    }
                }
            }
        }
    }
    for (n, &i) in l.milestone_nodes.iter().enumerate() {
        out[1 + l.releases + n] = shown_finish(c, l, buf, c.task_node[i] as usize);
    }
}

/// The finish the scheduler shows for node `k`: its actual finish when finished; its late
/// finish when as late as possible; a zero-duration task where the scheduler shows it
/// (`CompiledPlan::point_instant`); else its early finish.
fn shown_finish(c: &CompiledPlan, l: &Layout, buf: &Buffers, k: usize) -> i64 {
    let tl = &c.timelines[c.cal[k] as usize];
    if l.node_actual[k] != NOT_FINISHED {
        l.node_actual[k]
    } else if l.node_alap[k] {
        tl.finish_instant(buf.lf[k])
    } else if buf.dur[k] != 0 {
        tl.finish_instant(buf.ef[k])
    } else {
        c.point_instant(buf, k).0
    }
}
