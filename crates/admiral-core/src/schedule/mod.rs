//! The critical-path scheduler, matching MS Project's dates to the minute.
//!
//! [`schedule`] computes early and late dates, floats, critical paths, warnings and release
//! forecasts for a whole [`Plan`]. It is built on [`CompiledPlan`], which Monte Carlo reuses:
//! compile once, then [`CompiledPlan::run`] any durations into preallocated [`Buffers`].
//!
//! ## Semantics (MS Project's)
//! - Time is working minutes on each task's calendar: its own, else its release's, else the
//!   plan default, else MS Project's Standard (Mon–Fri 08:00–12:00, 13:00–17:00). Deployment
//!   tasks also skip their release's blackout days. Elapsed durations and lags run on the
//!   clock. A lag is in the successor's calendar; a percent lag is a share of the
//!   predecessor's duration.
//! - Starts are shown at the next working minute (08:00 Monday, not 17:00 Friday); finishes
//!   at the end of the last working minute (17:00, not 08:00 next day). A zero-duration task
//!   sits at its predecessor's finish (17:00).
//! - Tasks without predecessors start at their release's start; with predecessors, at the
//!   latest date their links allow, even before the release start through negative lags (as
//!   MS Project; finish-to-finish links excepted).
//! - Links to a summary task bind each of its tasks; links from a summary use its rolled-up
//!   finish (FS, FF: every task of it) or start (SS, SF: its earliest task).
//! - Constraints are honoured against links, as MS Project does by default: a constraint
//!   that cannot be met gives negative float and a warning. A deadline limits the late finish
//!   and warns when missed.
//! - Late dates count back from the plan's finish (the latest early finish).
//!   Total float = min(LS − ES, LF − EF); critical ⇔ total float ≤ 0.
//! - Free float: the smallest gap to an unfinished successor (no later than the project
//!   finish), else the total float; never negative, and not capped at total float, so next
//!   to negative float it can exceed it (MPXJ's `MicrosoftSlackCalculator`).
//! - Manually scheduled tasks (`TaskMode::Manual`) stay at the start the user gave; links,
//!   constraints and the status date do not move them, but they drive their successors.
//!   Their late dates and floats are computed as for any task, except that their SS links,
//!   and SF links to another manual task, bound only their free float (an SS link to a task
//!   without successors gives them its late finish), and a manual task with text dates is
//!   never critical.
//! - Progress: actual dates are kept; remaining work goes no earlier than the status date,
//!   and a started task's finish no earlier than its FNET date. A started task's late start
//!   is its actual start; its FS predecessors count back from its late finish less its
//!   remaining duration, its SS predecessors from the end of its work done; its own SS
//!   successors no longer bound it (MPXJ's emulation; see docs/conformance.md).
//! - A lag into a resource-driven task counts on the task's own calendar; over FF and SF
//!   the task's work is backed off the predecessor's date on its resources' calendars
//!   first, the lag added after.
//! - Rejected gates mark every task downstream of them as blocked; dates are still computed.

mod critical;
mod crossing;
mod cycle;
mod network;
mod passes;
mod rerun;
mod reuse;
mod task_index;
#[cfg(test)]
mod tests;
mod timeline;

pub use critical::{driven_rows, driven_successors, driving_chain, driving_rows, near_critical};
pub use network::{Buffers, CompiledPlan, TaskTimes};
pub use reuse::{durations_only, Scheduler};
pub use task_index::TaskIndex;

use crate::model::*;
use chrono::NaiveDateTime;
use network::{Prep, NONE};
use rayon::prelude::*;
use thiserror::Error;

/// Options for one scheduling run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScheduleOptions {
    /// Overrides `plan.settings.status_date`: remaining work goes no earlier than this.
    pub status_date: Option<NaiveDateTime>,
}

/// The schedule of a whole plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Schedule {
    /// Earliest start of any task.
    pub start: NaiveDateTime,
    /// Latest finish of any task (the date late dates count back from).
    pub finish: NaiveDateTime,
    /// One entry per task, in the order of `plan.tasks`.
    pub tasks: Vec<TaskSchedule>,
    /// Chains of critical non-summary tasks, each ordered start → finish, each following
    /// driving links (at most [`MAX_CRITICAL_PATHS`]).
    pub critical_paths: Vec<Vec<TaskId>>,
    pub warnings: Vec<ScheduleWarning>,
    /// One entry per release, in the order of `plan.releases`.
    pub releases: Vec<ReleaseForecast>,
    /// Which [`Scheduler`] result this is (for [`Scheduler::give_back`]).
    stamp: Stamp,
}

/// A number of its own for each schedule made, carried by its clones; schedules equal in
/// every field but it are equal.
#[derive(Clone, Copy, Debug)]
struct Stamp(u64);

impl Stamp {
    fn new() -> Self {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Stamp(NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
    }
}

impl PartialEq for Stamp {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// At most this many critical paths are listed.
pub const MAX_CRITICAL_PATHS: usize = 100;

/// The schedule of one task. Floats are working minutes of the task's calendar (clock
/// minutes for elapsed-duration tasks).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskSchedule {
    pub task_id: TaskId,
    pub summary: bool,
    /// A point in time: a milestone or gate, or any zero-duration task.
    pub milestone: bool,
    /// Scheduled dates: actual dates when known, the late dates for ALAP tasks, else early.
    pub start: NaiveDateTime,
    pub finish: NaiveDateTime,
    pub early_start: NaiveDateTime,
    pub early_finish: NaiveDateTime,
    pub late_start: NaiveDateTime,
    pub late_finish: NaiveDateTime,
    pub total_float: WorkMinutes,
    pub free_float: WorkMinutes,
    pub critical: bool,
    /// The predecessor whose link sets this task's early start ("why is it this date?");
    /// `None` when the release start, a constraint, the status date or actuals set it.
    pub driving_predecessor: Option<TaskId>,
    /// The rejected gate this task waits on, directly or through other tasks.
    pub blocked_by_gate: Option<TaskId>,
    /// 0 < total float < `plan.settings.near_critical_threshold`.
    pub near_critical: bool,
}

/// The forecast of one release.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReleaseForecast {
    pub release_id: ReleaseId,
    /// Earliest start of the release's tasks (the release start when it has none).
    pub start: NaiveDateTime,
    /// Latest finish of the release's tasks.
    pub finish: NaiveDateTime,
    pub target: Option<NaiveDateTime>,
    /// Forecast finish minus target, in working minutes of the release calendar: positive
    /// means late.
    pub delta: Option<WorkMinutes>,
    /// Rejected gates (their tasks) that block some task of this release.
    pub blocked_by_gates: Vec<TaskId>,
}

/// Something the user should know about a schedule. `Display` gives a sentence naming the
/// task.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ScheduleWarning {
    #[error("{label} is held to its constraint ({constraint}) although its predecessors finish later; its total float is {float}")]
    ConstraintNotMet {
        task: TaskId,
        label: String,
        constraint: String,
        float: WorkMinutes,
    },
    #[error("{label} finishes {} after its deadline {}", fmt_dt(*.finish), fmt_dt(*.deadline))]
    DeadlineMissed {
        task: TaskId,
        label: String,
        deadline: NaiveDateTime,
        finish: NaiveDateTime,
    },
    #[error("{blocked} task(s) wait on {label}, a gate that was rejected")]
    BlockedByGate {
        gate: TaskId,
        label: String,
        blocked: usize,
    },
    #[error("calendar '{calendar}' has no working time (none in its week, or exceptions close every day); the dates of tasks on it mean nothing")]
    NoWorkingTime { calendar: String },
}

/// Why a plan cannot be scheduled.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ScheduleError {
    /// Labels like "task 3 'Build'" in link order, the first repeated at the end.
    #[error("these tasks form a cycle: {}", .tasks.join(" → "))]
    Cycle { tasks: Vec<String> },
    /// A computed date falls outside the years 1900 to 9999 (durations and lags far too
    /// long for the plan's dates).
    #[error("{task} would be scheduled {when}, outside the years 1900 to 9999: check its duration and the lags before it")]
    OutOfRange { task: String, when: String },
}

fn fmt_dt(d: NaiveDateTime) -> String {
    d.format("%Y-%m-%d %H:%M").to_string()
}

fn constraint_text(c: Constraint) -> String {
    let (what, d) = match c {
        Constraint::Asap => return "as soon as possible".into(),
        Constraint::Alap => return "as late as possible".into(),
        Constraint::Snet(d) => ("start no earlier than", d),
        Constraint::Snlt(d) => ("start no later than", d),
        Constraint::Fnet(d) => ("finish no earlier than", d),
        Constraint::Fnlt(d) => ("finish no later than", d),
        Constraint::Mso(d) => ("must start on", d),
        Constraint::Mfo(d) => ("must finish on", d),
    };
    format!("{what} {}", fmt_dt(d))
}

/// Schedules `plan`. Fails only when its links form a cycle.
pub fn schedule(plan: &Plan, opts: &ScheduleOptions) -> Result<Schedule, ScheduleError> {
    Scheduler::new(opts.clone()).schedule(plan)
}

/// Refuses a schedule with a date outside 1900–9999 or a finish before its start, naming the
/// first task concerned.
fn check_range(plan: &Plan, s: &Schedule) -> Result<(), ScheduleError> {
    check_rows(plan, s, 0..s.tasks.len())
}

/// [`check_range`] of the rows `rows` (plan task indices, in plan order).
fn check_rows(
    plan: &Plan,
    s: &Schedule,
    rows: impl IntoIterator<Item = usize>,
) -> Result<(), ScheduleError> {
    use chrono::Datelike;
    let ok = |d: NaiveDateTime| crate::model::YEARS.contains(&d.year());
    for i in rows {
        let (t, ts) = (&plan.tasks[i], &s.tasks[i]);
        let bad = [ts.start, ts.finish, ts.late_start, ts.late_finish]
            .into_iter()
            .find(|d| !ok(*d));
        if let Some(d) = bad {
            return Err(ScheduleError::OutOfRange {
                task: task_label(t),
                when: format!("on {}", fmt_dt(d)),
            });
        }
        if ts.finish < ts.start {
            return Err(ScheduleError::OutOfRange {
                task: task_label(t),
                when: format!(
                    "to finish ({}) before it starts ({})",
                    fmt_dt(ts.finish),
                    fmt_dt(ts.start)
                ),
            });
        }
    }
    Ok(())
}

/// Instants of one row (leaf or rolled-up summary).
#[derive(Clone, Copy, PartialEq, Eq)]
struct Row {
    es: i64,
    ef: i64,
    ls: i64,
    lf: i64,
    start: i64,
    finish: i64,
    /// The rejected gate it waits on, `NONE` when none.
    gate: u32,
}

const EMPTY: Row = Row {
    es: i64::MAX,
    ef: i64::MIN,
    ls: i64::MAX,
    lf: i64::MIN,
    start: i64::MAX,
    finish: i64::MIN,
    gate: NONE,
};

/// Rows `0..n` of `row` into `tasks` and `side`, on rayon's pool when `parallel`.
fn rows_into<S: Send>(
    n: usize,
    parallel: bool,
    row: &(impl Fn(usize) -> (TaskSchedule, S) + Sync),
    tasks: &mut Vec<TaskSchedule>,
    side: &mut Vec<S>,
) {
    if parallel {
        crate::par::ready();
        (0..n)
            .into_par_iter()
            .with_min_len(4096)
            .map(row)
            .unzip_into_vecs(tasks, side);
    } else {
        side.reserve(n);
        for i in 0..n {
            let (t, s) = row(i);
            tasks.push(t);
            side.push(s);
        }
    }
}

/// The warnings of special task `i` (node `k`, finishing at instant `finish`): a constraint
/// it cannot meet, a deadline it misses.
fn special_warnings(
    plan: &Plan,
    i: usize,
    buf: &Buffers,
    k: usize,
    finish: i64,
    clock: timeline::Clock,
    out: &mut Vec<ScheduleWarning>,
) {
    let t = &plan.tasks[i];
    if buf.conflict[k] {
        out.push(ScheduleWarning::ConstraintNotMet {
            task: t.id,
            label: task_label(t),
            constraint: constraint_text(t.constraint),
            float: WorkMinutes(buf.tf[k]),
        });
    }
    if let Some(dl) = t.deadline {
        if finish > clock.instant(dl) && t.progress.actual_finish.is_none() {
            out.push(ScheduleWarning::DeadlineMissed {
                task: t.id,
                label: task_label(t),
                deadline: dl,
                finish: clock.datetime(finish),
            });
        }
    }
}

impl CompiledPlan {
    /// The instant a zero-duration node `k` is shown at, and whether it was moved after a
    /// driving predecessor on another calendar.
    ///
    /// A point is shown at the end of the working time before it (17:00) when a finish
    /// drives it, as MS Project shows it, else at the next working minute (08:00). But when
    /// the driving predecessor, on another calendar, finishes later than that 17:00 (a
    /// weekend deployment finishing Sunday 08:00 before a milestone on an office calendar),
    /// the point is shown at the next working minute (Monday 08:00): the same working-time
    /// instant, never drawn before the finish that drives it.
    pub(crate) fn point_instant(&self, buf: &Buffers, k: usize) -> (i64, bool) {
        let tl = &self.timelines[self.cal[k] as usize];
        if !buf.fin_form[k] {
            return (tl.start_instant(buf.es[k]), false);
        }
        let finish_form = tl.finish_instant(buf.es[k]);
        let d = buf.drv[k];
        let after_driver = d != NONE && self.cal[d as usize] != self.cal[k] && {
            let p = d as usize;
            self.timelines[self.cal[p] as usize].finish_instant(buf.ef[p]) > finish_form
        };
        if after_driver {
            (tl.start_instant(buf.es[k]), true)
        } else {
            (finish_form, false)
        }
    }
}

/// The schedule of a plan from the passes' results, in named phases: the gates' blocks,
/// one row per task, what the leaf rows give the releases and the warnings, the summaries'
/// roll-up, then the plan's and the releases' dates. Beside it, what [`reassemble`] reuses.
fn assemble(plan: &Plan, c: &CompiledPlan, prep: &Prep, buf: &Buffers) -> (Schedule, Assembled) {
    let n = plan.tasks.len();
    let (blocked, gate_warnings) = blocked_by_gates(plan, c, prep);
    let mut warnings = gate_warnings.clone();
    let maker = RowMaker::new(plan, c, prep, buf, &blocked);
    // Every row goes straight into its place in `tasks` (on both cores for large plans),
    // its instants beside it.
    let parallel = n >= network::PARALLEL_FROM;
    let mut tasks: Vec<TaskSchedule> = Vec::with_capacity(n);
    let mut rows: Vec<Row> = Vec::new();
    rows_into(n, parallel, &|i| maker.row(i), &mut tasks, &mut rows);
    let leaves = LeafTotals::gather(plan, c, prep, buf, &rows, &mut warnings);
    if prep.outline.any_summary {
        roll_up(plan, c, prep, buf, &mut rows, &mut tasks, None);
    }
    let s = whole(plan, c, prep, buf, tasks, warnings, &leaves);
    let kept = Assembled {
        rows,
        blocked,
        gate_warnings,
    };
    (s, kept)
}

/// What [`assemble`] made besides the schedule that [`reassemble`] reuses: every row's
/// instants, and the gates' blocks (a duration edit changes no gate and no link).
struct Assembled {
    rows: Vec<Row>,
    blocked: Vec<u32>,
    gate_warnings: Vec<ScheduleWarning>,
}

/// [`assemble`] after [`CompiledPlan::rerun`] computed again only the nodes `visited`: `s`
/// and `kept` are what `assemble` (or this) made of the run before it, and only the rows of
/// those nodes' tasks, and of the summaries whose roll-up changed, are made again. The plan
/// task indices of the rows made again, in plan order; every other row is as it was.
fn reassemble(
    plan: &Plan,
    c: &CompiledPlan,
    prep: &Prep,
    buf: &Buffers,
    s: &mut Schedule,
    kept: &mut Assembled,
    visited: &[u32],
) -> Vec<u32> {
    let Assembled {
        rows,
        blocked,
        gate_warnings,
    } = kept;
    let mut warnings = gate_warnings.clone();
    let maker = RowMaker::new(plan, c, prep, buf, blocked);
    let mut remade: Vec<u32> = visited.iter().map(|&k| c.node_task[k as usize]).collect();
    remade.sort_unstable();
    remade.dedup();
    let mut tasks = std::mem::take(&mut s.tasks);
    for &i in &remade {
        let (t, r) = maker.row(i as usize);
        tasks[i as usize] = t;
        rows[i as usize] = r;
    }
    let leaves = LeafTotals::gather(plan, c, prep, buf, rows, &mut warnings);
    if prep.outline.any_summary {
        roll_up(plan, c, prep, buf, rows, &mut tasks, Some(&mut remade));
        remade.sort_unstable();
    }
    *s = whole(plan, c, prep, buf, tasks, warnings, &leaves);
    remade
}

/// Phase of [`assemble`]: the schedule of the plan from its rows (`tasks`, rolled up), what
/// the leaves gave and the warnings so far: the releases' forecasts, the plan's dates and
/// its critical paths.
fn whole(
    plan: &Plan,
    c: &CompiledPlan,
    prep: &Prep,
    buf: &Buffers,
    tasks: Vec<TaskSchedule>,
    mut warnings: Vec<ScheduleWarning>,
    leaves: &LeafTotals,
) -> Schedule {
    let clock = c.clock;
    let releases = forecasts(plan, c, prep, leaves);
    // A calendar has a timeline per set of blackouts: named once.
    for (k, name) in c.empty_calendars.iter().enumerate() {
        if !c.empty_calendars[..k].contains(name) {
            warnings.push(ScheduleWarning::NoWorkingTime {
                calendar: name.clone(),
            });
        }
    }
    let start = leaves.start.unwrap_or_else(|| {
        plan.releases
            .iter()
            .map(|r| r.start)
            .min()
            .map_or(0, |d| clock.instant(d))
    });
    let finish = if c.node_task.is_empty() {
        start
    } else {
        buf.finish
    };
    let critical_paths = critical::paths(plan, c, buf);
    Schedule {
        start: clock.datetime(start),
        finish: clock.datetime(finish),
        tasks,
        critical_paths,
        warnings,
        releases,
        stamp: Stamp::new(),
    }
}

/// Phase of [`assemble`]: per node, the rejected gate it waits on (empty when no gate is
/// rejected), and a warning per rejected gate naming how many tasks wait on it.
fn blocked_by_gates(
    plan: &Plan,
    c: &CompiledPlan,
    prep: &Prep,
) -> (Vec<u32>, Vec<ScheduleWarning>) {
    let outline = &prep.outline;
    let mut blocked: Vec<u32> = Vec::new();
    let mut warnings = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    for g in &plan.gates {
        if g.state() != Decision::Rejected {
            continue;
        }
        let Some(gi) = prep.task_index(plan, g.task_id) else {
            continue;
        };
        if blocked.is_empty() {
            blocked = vec![NONE; c.node_task.len()];
        }
        stack.clear();
        if outline.summary[gi] {
            stack.extend(outline.leaves(gi).map(|k| c.task_node[k] as usize));
        } else {
            stack.push(c.task_node[gi] as usize);
        }
        let mut count = 0;
        while let Some(v) = stack.pop() {
            for e in c.out_off[v] as usize..c.out_off[v + 1] as usize {
                let w = c.outs[e].node as usize;
                if blocked[w] == NONE {
                    blocked[w] = gi as u32;
                    count += 1;
                    stack.push(w);
                }
            }
        }
        warnings.push(ScheduleWarning::BlockedByGate {
            gate: g.task_id,
            label: task_label(&plan.tasks[gi]),
            blocked: count,
        });
    }
    (blocked, warnings)
}

/// Phase of [`assemble`]: one row per task, the dates of leaves and a placeholder for
/// summaries (rolled up by [`roll_up`]). Shared by both cores for large plans.
struct RowMaker<'a> {
    plan: &'a Plan,
    c: &'a CompiledPlan,
    prep: &'a Prep,
    buf: &'a Buffers,
    dates: timeline::DateTable,
    /// Per node, the rejected gate it waits on (empty when none is rejected).
    blocked: &'a [u32],
    threshold: i64,
}

impl<'a> RowMaker<'a> {
    /// Rows of `plan` from the passes' results in `buf`; `blocked` as [`blocked_by_gates`]
    /// gives it.
    fn new(
        plan: &'a Plan,
        c: &'a CompiledPlan,
        prep: &'a Prep,
        buf: &'a Buffers,
        blocked: &'a [u32],
    ) -> Self {
        let clock = c.clock;
        let span_from = plan
            .releases
            .iter()
            .map(|r| clock.instant(r.start))
            .min()
            .unwrap_or(0);
        RowMaker {
            plan,
            c,
            prep,
            buf,
            dates: timeline::DateTable::new(clock, span_from.min(buf.finish), buf.finish),
            blocked,
            threshold: plan.settings.near_critical_threshold.0,
        }
    }

    /// The row of plan task `i` and its instants ([`EMPTY`] for a summary).
    #[inline]
    fn row(&self, i: usize) -> (TaskSchedule, Row) {
        let (c, buf, ids) = (self.c, self.buf, &self.prep.ids);
        let k = c.task_node[i];
        let flags = self.prep.flags[i];
        let is_milestone = flags.milestone();
        let placeholder = TaskSchedule {
            task_id: ids[i],
            summary: self.prep.outline.summary[i],
            milestone: is_milestone,
            start: NaiveDateTime::MIN,
            finish: NaiveDateTime::MIN,
            early_start: NaiveDateTime::MIN,
            early_finish: NaiveDateTime::MIN,
            late_start: NaiveDateTime::MIN,
            late_finish: NaiveDateTime::MIN,
            total_float: WorkMinutes::ZERO,
            free_float: WorkMinutes::ZERO,
            critical: false,
            driving_predecessor: None,
            blocked_by_gate: None,
            near_critical: false,
        };
        if k == NONE {
            return (placeholder, EMPTY);
        }
        let k = k as usize;
        let (es, ef, ls, lf) = self.instants(k);
        // Only special tasks (constraints, deadlines, actuals) need the task itself.
        let (start, finish) = if !flags.special() {
            (es, ef)
        } else {
            self.shown(i, (es, ef, ls, lf))
        };
        let gate = self.blocked.get(k).copied().unwrap_or(NONE);
        let tf = buf.tf[k];
        let dates = &self.dates;
        let (es_dt, ef_dt) = (dates.datetime(es), dates.datetime(ef));
        let ls_dt = if ls == es { es_dt } else { dates.datetime(ls) };
        let lf_dt = if lf == ef { ef_dt } else { dates.datetime(lf) };
        let pick = |x: i64| match x {
            _ if x == es => es_dt,
            _ if x == ef => ef_dt,
            _ if x == ls => ls_dt,
            _ if x == lf => lf_dt,
            _ => dates.datetime(x),
        };
        let ts = TaskSchedule {
            milestone: is_milestone || buf.dur[k] == 0,
            start: pick(start),
            finish: pick(finish),
            early_start: es_dt,
            early_finish: ef_dt,
            late_start: ls_dt,
            late_finish: lf_dt,
            total_float: WorkMinutes(tf),
            free_float: WorkMinutes(buf.ff[k]),
            critical: buf.critical[k],
            driving_predecessor: (buf.drv[k] != NONE)
                .then(|| ids[c.node_task[buf.drv[k] as usize] as usize]),
            blocked_by_gate: (gate != NONE).then(|| ids[gate as usize]),
            near_critical: tf > 0 && tf < self.threshold,
            ..placeholder
        };
        let r = Row {
            es,
            ef,
            ls,
            lf,
            start,
            finish,
            gate,
        };
        (ts, r)
    }

    /// Node `k`'s early and late start and finish as instants (a point is shown at one).
    #[inline]
    fn instants(&self, k: usize) -> (i64, i64, i64, i64) {
        let (c, buf) = (self.c, self.buf);
        let tl = &c.timelines[c.cal[k] as usize];
        let point = buf.dur[k] == 0;
        let (es, after_driver) = if point {
            c.point_instant(buf, k)
        } else {
            (tl.start_instant(buf.es[k]), false)
        };
        let ef = if point {
            es
        } else {
            tl.finish_instant(buf.ef[k])
        };
        // Critical tasks have their late dates at their early ones: convert once.
        let lf = if after_driver && buf.lf[k] == buf.es[k] {
            es
        } else if buf.lf[k] == buf.ef[k] && !point {
            ef
        } else {
            tl.finish_instant(buf.lf[k])
        };
        let ls = if point {
            lf
        } else if buf.ls[k] == buf.es[k] {
            es
        } else {
            tl.start_instant(buf.ls[k])
        };
        (es, ef, ls, lf)
    }

    /// The start and finish shown for special task `i` with instants `(es, ef, ls, lf)`:
    /// its actual dates when known, the late dates when it is ALAP, else the early ones.
    fn shown(&self, i: usize, (es, ef, ls, lf): (i64, i64, i64, i64)) -> (i64, i64) {
        let clock = self.c.clock;
        let t = &self.plan.tasks[i];
        let p = &t.progress;
        if let Some(af) = p.actual_finish {
            (
                p.actual_start.map_or(es, |s| clock.instant(s)),
                clock.instant(af),
            )
        } else if let Some(a) = p.actual_start {
            // A started task of no duration finishes where it started (its early finish is
            // the instant before, at the end of the working period its start follows).
            let start = clock.instant(a);
            (start, ef.max(start))
        } else if t.constraint == Constraint::Alap {
            (ls, lf)
        } else {
            (es, ef)
        }
    }
}

/// Phase of [`assemble`]: what the releases, the plan start and the warnings gather from
/// the leaf rows.
struct LeafTotals {
    /// The earliest start of any leaf.
    start: Option<i64>,
    /// Per release: the earliest start and latest finish of its leaves (`i64::MAX`,
    /// `i64::MIN` when it has none).
    span: Vec<(i64, i64)>,
    /// (release, rejected gate blocking one of its leaves), in the order first seen.
    gates: Vec<(u32, u32)>,
}

impl LeafTotals {
    /// `rows`: every task's row, in plan order. A special task's warnings go to `warnings`.
    fn gather(
        plan: &Plan,
        c: &CompiledPlan,
        prep: &Prep,
        buf: &Buffers,
        rows: &[Row],
        warnings: &mut Vec<ScheduleWarning>,
    ) -> Self {
        let mut out = LeafTotals {
            start: None,
            span: vec![(i64::MAX, i64::MIN); plan.releases.len()],
            gates: Vec::new(),
        };
        for (i, &r) in rows.iter().enumerate() {
            let k = c.task_node[i];
            if k == NONE {
                continue;
            }
            out.start = Some(out.start.map_or(r.start, |s| s.min(r.start)));
            let rel = c.task_release[i];
            if rel != NONE {
                let s = &mut out.span[rel as usize];
                s.0 = s.0.min(r.start);
                s.1 = s.1.max(r.finish);
                if r.gate != NONE && !out.gates.contains(&(rel, r.gate)) {
                    out.gates.push((rel, r.gate));
                }
            }
            if prep.flags[i].special() {
                special_warnings(plan, i, buf, k as usize, r.finish, c.clock, warnings);
            }
        }
        out
    }
}

/// Phase of [`assemble`]: summaries roll up their rows (children come after their parent),
/// then take their dates, floats and gate from them. With `remade` (from [`reassemble`]:
/// the rows made again, to which it adds the summaries whose roll-up changed), `rows` holds
/// the roll-up before those rows changed, and only the summaries whose roll-up differs take
/// their dates again.
fn roll_up(
    plan: &Plan,
    c: &CompiledPlan,
    prep: &Prep,
    buf: &Buffers,
    rows: &mut [Row],
    tasks: &mut [TaskSchedule],
    remade: Option<&mut Vec<u32>>,
) {
    let (outline, ids, clock) = (&prep.outline, &prep.ids, c.clock);
    let threshold = plan.settings.near_critical_threshold.0;
    // A summary has no node, so its own row is EMPTY before its children roll into it.
    let before: Vec<(u32, Row)> = match remade {
        Some(_) => (0..rows.len())
            .filter(|&i| outline.summary[i])
            .map(|i| (i as u32, std::mem::replace(&mut rows[i], EMPTY)))
            .collect(),
        None => Vec::new(),
    };
    for i in (0..rows.len()).rev() {
        let p = outline.parent[i];
        if p == NONE {
            continue;
        }
        let (r, p) = (rows[i], p as usize);
        let q = &mut rows[p];
        q.es = q.es.min(r.es);
        q.ef = q.ef.max(r.ef);
        q.ls = q.ls.min(r.ls);
        q.lf = q.lf.max(r.lf);
        q.start = q.start.min(r.start);
        q.finish = q.finish.max(r.finish);
        if q.gate == NONE {
            q.gate = r.gate;
        }
    }
    let take = |i: usize, r: &Row, ts: &mut TaskSchedule| {
        let cal = c.task_cal[i] as usize;
        let tl = &c.timelines[cal];
        let tf = (tl.pos(r.ls) - tl.pos(r.es)).min(tl.pos(r.lf) - tl.pos(r.ef));
        let pf = buf.pf_pos.get(cal).copied().unwrap_or(0);
        let ff = (pf - tl.pos(r.ef)).min(tf).max(0);
        ts.start = clock.datetime(r.start);
        ts.finish = clock.datetime(r.finish);
        ts.early_start = clock.datetime(r.es);
        ts.early_finish = clock.datetime(r.ef);
        ts.late_start = clock.datetime(r.ls);
        ts.late_finish = clock.datetime(r.lf);
        ts.total_float = WorkMinutes(tf);
        ts.free_float = WorkMinutes(ff);
        ts.critical = tf <= 0;
        ts.near_critical = tf > 0 && tf < threshold;
        ts.blocked_by_gate = (r.gate != NONE).then(|| ids[r.gate as usize]);
    };
    match remade {
        Some(remade) => {
            // The project finish did not move (else every row is made again), so a summary
            // whose instants did not change keeps its floats too.
            for (i, old) in before {
                let r = rows[i as usize];
                if r != old {
                    if r.es != i64::MAX {
                        take(i as usize, &r, &mut tasks[i as usize]);
                    }
                    remade.push(i);
                }
            }
        }
        None => {
            for (i, (r, ts)) in rows.iter().zip(tasks.iter_mut()).enumerate() {
                if outline.summary[i] && r.es != i64::MAX {
                    take(i, r, ts);
                }
            }
        }
    }
}

/// Phase of [`assemble`]: each release's forecast from its leaves' span, with the rejected
/// gates that block it and its delta to target in working minutes of its calendar.
fn forecasts(
    plan: &Plan,
    c: &CompiledPlan,
    prep: &Prep,
    leaves: &LeafTotals,
) -> Vec<ReleaseForecast> {
    let clock = c.clock;
    let mut releases: Vec<ReleaseForecast> = plan
        .releases
        .iter()
        .map(|r| ReleaseForecast {
            release_id: r.id,
            start: r.start,
            finish: r.start,
            target: r.target,
            delta: None,
            blocked_by_gates: Vec::new(),
        })
        .collect();
    for &(rel, gate) in &leaves.gates {
        let g = prep.ids[gate as usize];
        let f = &mut releases[rel as usize];
        if !f.blocked_by_gates.contains(&g) {
            f.blocked_by_gates.push(g);
        }
    }
    for (ri, f) in releases.iter_mut().enumerate() {
        let (s, e) = leaves.span[ri];
        if s != i64::MAX {
            f.start = clock.datetime(s);
            f.finish = clock.datetime(e);
        }
        if let Some(t) = f.target {
            let tl = &c.timelines[c.release_cal[ri] as usize];
            let end = if s != i64::MAX {
                e
            } else {
                clock.instant(f.finish)
            };
            f.delta = Some(WorkMinutes(tl.pos(end) - tl.pos(clock.instant(t))));
        }
    }
    releases
}
