//! The plan compiled into flat arrays: one node per non-summary task in topological order,
//! links in CSR form (incoming for the forward pass, outgoing for the backward pass), every
//! date a working-minute position on the node's own calendar timeline.
//!
//! Compiling is done once; [`CompiledPlan::run`] then schedules any set of durations with no
//! allocation beyond the first use of a [`Buffers`].

use super::cycle;
use super::task_index::TaskIndex;
use super::timeline::{Clock, Timeline};
use super::{ScheduleError, ScheduleOptions};
use crate::calendar::{Calendar, CalendarException, Combine};
use crate::model::*;
use chrono::{Days, NaiveDate, NaiveDateTime};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

pub(crate) const NONE: u32 = u32::MAX;

/// A compiled link's kind: its [`LinkType`] in the low two bits (as its discriminant), and
/// beside it the flags the passes test (one byte, as [`Edge`] packs it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct EdgeKind(u8);

impl EdgeKind {
    /// Its dates must go through instants (calendars differ, elapsed or percent lag,
    /// elapsed successor); its `lag` is then an index into `slow`.
    const SLOW: u8 = 4;
    /// A link into a finished task: the backward pass ignores it, as MS Project does.
    const DONE_SUCC: u8 = 8;
    /// An SS link from a manually scheduled or a started task, or an SF link from a manual
    /// task to another: it bounds the predecessor's free float but not its late dates (MS
    /// Project gives such a predecessor the late finish it would have without the link: the
    /// corpus's `task-links` files, manual to manual; for SS out of a started task, MPXJ's
    /// `calculateLateFinishForStartStart`). An SF link from a manual task to an automatic
    /// one, or from a started task, still bounds it, as in MPXJ's emulation
    /// (`calculateLateFinishForStartFinish`), the witness where the corpus has no such link.
    const FREE_ONLY: u8 = 16;
    /// A finish-to-start or start-to-start link into a started, unfinished task, whose shown
    /// late start is its actual start. Over FS the predecessor's late finish counts back
    /// from the late start the successor's remaining duration gives (its late finish less
    /// the remaining duration: MPXJ's `m_calculatedLateStart`); over SS the predecessor may
    /// start as late as the work done ends (actual start plus actual duration), lag aside,
    /// and is not bound at all when the successor has no successor (MPXJ's
    /// `calculateLateFinishForStartStart`). MPXJ's emulation is the witness: the corpus has
    /// no such link.
    const STARTED_SUCC: u8 = 32;

    /// A link of type `t` with no flag.
    #[inline]
    pub(crate) const fn new(t: LinkType) -> Self {
        Self(t as u8)
    }

    /// Its link type.
    #[inline]
    pub(crate) const fn link(self) -> LinkType {
        match self.0 & 3 {
            0 => LinkType::FS,
            1 => LinkType::SS,
            2 => LinkType::FF,
            _ => LinkType::SF,
        }
    }

    /// Its link type when it has no flag (the fast path of the passes).
    #[inline]
    pub(crate) const fn plain(self) -> Option<LinkType> {
        if self.0 < Self::SLOW {
            Some(self.link())
        } else {
            None
        }
    }

    /// SS or SF: it leaves from the predecessor's start.
    #[inline]
    pub(crate) const fn leaves_start(self) -> bool {
        self.0 & 1 != 0
    }

    /// FF or SF: it arrives at the successor's finish.
    #[inline]
    pub(crate) const fn to_finish(self) -> bool {
        self.0 & 2 != 0
    }

    #[inline]
    pub(crate) const fn is_slow(self) -> bool {
        self.0 & Self::SLOW != 0
    }

    #[inline]
    pub(crate) const fn is_done_succ(self) -> bool {
        self.0 & Self::DONE_SUCC != 0
    }

    #[inline]
    pub(crate) const fn is_free_only(self) -> bool {
        self.0 & Self::FREE_ONLY != 0
    }

    #[inline]
    pub(crate) const fn is_started_succ(self) -> bool {
        self.0 & Self::STARTED_SUCC != 0
    }

    /// The same link, going through instants.
    #[inline]
    const fn slow(self) -> Self {
        Self(self.0 | Self::SLOW)
    }

    /// The same link, into a finished task when `done`, bounding only free float when
    /// `free_only`, into a started, unfinished task when `started` (FS and SS links only).
    #[inline]
    const fn marked(self, done: bool, free_only: bool, started: bool) -> Self {
        let to_start = self.0 & 2 == 0;
        Self(
            self.0
                | if done { Self::DONE_SUCC } else { 0 }
                | if free_only { Self::FREE_ONLY } else { 0 }
                | if started && !done && to_start {
                    Self::STARTED_SUCC
                } else {
                    0
                },
        )
    }
}

/// A node's constraint kind (its date is beside it); ASAP and ALAP are `None`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum ConstraintKind {
    None,
    Snet,
    Snlt,
    Fnet,
    Fnlt,
    Mso,
    Mfo,
}

pub(crate) const MIN: i64 = i64::MIN / 4;
pub(crate) const MAX: i64 = i64::MAX / 4;

/// A lag that needs instants.
#[derive(Clone, Copy, Debug)]
pub(crate) enum SlowLag {
    Working(i64),
    Elapsed(i64),
    Percent(i32),
}

/// What few nodes have: constraints, deadlines, progress, a status date, ALAP.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Special {
    pub(crate) ckind: ConstraintKind,
    pub(crate) cpos: i64,
    pub(crate) alap: bool,
    /// Deadline position, `MAX` when none.
    pub(crate) deadline: i64,
    /// Status date position for remaining work, `MIN` when none.
    pub(crate) floor: i64,
    /// Actual start / finish positions, `MIN` when none.
    pub(crate) astart: i64,
    pub(crate) afinish: i64,
    pub(crate) pct: u8,
    /// Start position of a manually scheduled task, `MIN` when automatically scheduled.
    pub(crate) manual: i64,
    /// Never critical (a manual task with text dates, see `TaskMode::Manual`).
    pub(crate) nocrit: bool,
    /// Index in `drivers` of a resource-driven task's assignments, `NONE` when none.
    pub(crate) rd: u32,
}

/// A resource-driven node whose assignments need more than `es + duration`: they work on
/// calendars other than the node's, or its floats count on another calendar.
#[derive(Clone, Debug)]
pub(crate) struct Driver {
    /// Timeline floats are counted on (the task's own calendar, as MS Project counts them).
    pub(crate) own: u16,
    /// Each assignment's timeline and span (working minutes on it), when they are on more
    /// than one timeline; empty when the node's duration is the span on its own timeline.
    pub(crate) parts: Vec<(u16, i64)>,
}

/// The calendar a timeline is made from: an index into `plan.calendars`, then past them
/// into the calendars made for resource-driven tasks ([`Drivers::combined`]); or MS
/// Project's Standard, or the clock (every minute works: elapsed durations). One word, as
/// the index; [`CalendarRef::source`] tells which.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct CalendarRef(usize);

/// What a [`CalendarRef`] names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CalendarSource {
    /// `plan.calendars[i]`.
    Plan(usize),
    /// The `i`th calendar made for resource-driven tasks.
    Combined(usize),
    Standard,
    Clock,
}

impl CalendarRef {
    /// MS Project's Standard (Mon–Fri 08:00–12:00, 13:00–17:00), for a plan without a
    /// default calendar. Sorts after every other calendar.
    pub(crate) const STANDARD: Self = Self(usize::MAX);
    /// The clock: every minute works.
    pub(crate) const CLOCK: Self = Self(usize::MAX - 1);

    /// `plan.calendars[i]`, or past them the `(i - plan.calendars.len())`th combined one.
    pub(crate) const fn at(i: usize) -> Self {
        Self(i)
    }

    /// What it names in a plan with `nc` calendars.
    pub(crate) const fn source(self, nc: usize) -> CalendarSource {
        match self {
            Self::STANDARD => CalendarSource::Standard,
            Self::CLOCK => CalendarSource::Clock,
            Self(i) if i < nc => CalendarSource::Plan(i),
            Self(i) => CalendarSource::Combined(i - nc),
        }
    }
}

const _: () = assert!(std::mem::size_of::<CalendarRef>() == std::mem::size_of::<usize>());

/// One resource-driven task as [`drivers`] finds it.
pub(crate) struct Driven {
    /// The node's calendar: its assignments' calendar, or the union of theirs.
    node_ci: CalendarRef,
    /// Each assignment's calendar and span (`work ÷ units`).
    parts: Vec<(CalendarRef, i64)>,
}

/// The resource-driven tasks of a plan: a task (not a summary, milestone, manual or
/// elapsed-duration task, nor a deployment) with assignments, unless it ignores resource
/// calendars. Each assignment works on its resource's calendar (intersected with the task's
/// own calendar when it has one); the task spans them.
pub(crate) struct Drivers {
    /// Per plan task, an index into `tasks`, `NONE` when not resource-driven (empty when no
    /// task is).
    pub(crate) of_task: Vec<u32>,
    pub(crate) tasks: Vec<Driven>,
    /// Calendars made for them (unions, intersections), numbered after `plan.calendars`.
    pub(crate) combined: Vec<Calendar>,
}

/// The working minutes assignment `a` of `task` (whose duration is `dur`) spans. A started
/// task keeps its duration (no timephased actual work to count the rest from): each
/// assignment spans it on its own calendar. An edited contour keeps its own span, gaps
/// included, started or not. The task's splits add their gaps (counted on the
/// assignment's calendar).
fn assignment_span(task: &Task, a: &Assignment, dur: i64) -> i64 {
    let p = &task.progress;
    let edited = matches!(a.contour, WorkContour::Contoured { .. });
    let span = if !edited && (p.actual_start.is_some() || p.actual_finish.is_some()) {
        dur
    } else {
        a.span(dur).max(0)
    };
    span + task.split_gap(dur)
}

/// Phase of [`CompiledPlan::build`]: which tasks their assignments drive, and on what.
/// `task_ci` gives a task's calendar; `from..=to` bounds the days exceptions are resolved
/// on.
pub(crate) fn drivers(
    plan: &Plan,
    prep: &Prep,
    task_ci: impl Fn(usize) -> CalendarRef,
    from: NaiveDate,
    to: NaiveDate,
) -> Drivers {
    let mut out = Drivers {
        of_task: Vec::new(),
        tasks: Vec::new(),
        combined: Vec::new(),
    };
    if plan.assignments.is_empty() {
        return out;
    }
    let nc = plan.calendars.len();
    let cal_index: IdMap<CalendarId, CalendarRef> = plan
        .calendars
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id, CalendarRef::at(i)))
        .collect();
    let res_cal: IdMap<ResourceId, Option<CalendarRef>> = plan
        .resources
        .iter()
        .map(|r| (r.id, r.calendar_id.and_then(|c| cal_index.get(&c).copied())))
        .collect();
    let n = plan.tasks.len();
    let mut parts: Vec<Vec<(Option<CalendarRef>, i64)>> = Vec::new();
    let mut slot = vec![NONE; n];
    for a in &plan.assignments {
        let Some(i) = prep.task_index(plan, a.task_id) else {
            continue;
        };
        let Some(&rc) = res_cal.get(&a.resource_id) else {
            continue;
        };
        if prep.outline.summary[i] || !plan.tasks[i].can_be_resource_driven() {
            continue;
        }
        if slot[i] == NONE {
            slot[i] = parts.len() as u32;
            parts.push(Vec::new());
        }
        parts[slot[i] as usize].push((rc, assignment_span(&plan.tasks[i], a, prep.dur[i])));
    }
    if parts.is_empty() {
        return out;
    }
    let mut made: HashMap<(bool, Vec<CalendarRef>), CalendarRef> = HashMap::new();
    let cal_of = |ci: CalendarRef, combined: &[Calendar]| -> Calendar {
        match ci.source(nc) {
            CalendarSource::Plan(i) => plan.calendars[i].clone(),
            CalendarSource::Combined(i) => combined[i].clone(),
            CalendarSource::Standard => Calendar::standard(CalendarId::from_u128(0), "Standard"),
            CalendarSource::Clock => Calendar::continuous(CalendarId::from_u128(0), "24 hours"),
        }
    };
    let mut combine = |op: Combine, mut members: Vec<CalendarRef>, combined: &mut Vec<Calendar>| {
        members.sort_unstable();
        members.dedup();
        if members.len() == 1 {
            return members[0];
        }
        let key = (op == Combine::Union, members.clone());
        if let Some(&ci) = made.get(&key) {
            return ci;
        }
        let cals: Vec<Calendar> = members.iter().map(|&m| cal_of(m, combined)).collect();
        let refs: Vec<&Calendar> = cals.iter().collect();
        let name = refs
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>()
            .join(if op == Combine::Union {
                " ∪ "
            } else {
                " ∩ "
            });
        let id = CalendarId::from_u128(u128::MAX - combined.len() as u128);
        let c = Calendar::combine(id, name, &refs, op, from, to)
            .unwrap_or_else(|| Calendar::standard(id, "Standard"));
        combined.push(c);
        let ci = CalendarRef::at(nc + combined.len() - 1);
        made.insert(key, ci);
        ci
    };
    let mut combined = Vec::new();
    out.of_task = vec![NONE; n];
    for i in 0..n {
        if slot[i] == NONE {
            continue;
        }
        let ci = task_ci(i);
        let own = prep.own_cal[i] != NONE;
        let ps: Vec<(CalendarRef, i64)> = parts[slot[i] as usize]
            .iter()
            .map(|&(rc, span)| {
                let rc = match rc {
                    // A resource without a calendar works on the task's.
                    None => ci,
                    Some(rc) if own && rc != ci => {
                        combine(Combine::Intersection, vec![ci, rc], &mut combined)
                    }
                    Some(rc) => rc,
                };
                (rc, span)
            })
            .collect();
        let node_ci = combine(
            Combine::Union,
            ps.iter().map(|p| p.0).collect(),
            &mut combined,
        );
        out.of_task[i] = out.tasks.len() as u32;
        out.tasks.push(Driven { node_ci, parts: ps });
    }
    out.combined = combined;
    out
}

/// A plan compiled for repeated scheduling (Monte Carlo): build once with
/// [`CompiledPlan::new`], then call [`CompiledPlan::run`] with any durations.
#[derive(Clone, Debug)]
pub struct CompiledPlan {
    pub(crate) clock: Clock,
    pub(crate) timelines: Vec<Timeline>,
    /// Plan task index → node (topological position), `NONE` for summaries.
    pub(crate) task_node: Vec<u32>,
    // ---- per node, in topological order
    pub(crate) node_task: Vec<u32>,
    pub(crate) cal: Vec<u16>,
    /// Calendar for snapping starts; differs from `cal` only for elapsed tasks. Lags count on
    /// the task's own calendar ([`CompiledPlan::lag_cal`]), which also differs from `cal`
    /// for a resource-driven task.
    pub(crate) wcal: Vec<u16>,
    pub(crate) base_dur: Vec<i64>,
    pub(crate) pstart: Vec<i64>,
    pub(crate) special: Vec<u32>,
    pub(crate) specials: Vec<Special>,
    /// Resource-driven nodes that need more than `es + duration` (see [`Driver`]).
    pub(crate) drivers: Vec<Driver>,
    /// Resource-driven nodes whose span is not their task's duration, with that duration:
    /// [`CompiledPlan::run`] scales the span by the duration it is given.
    pub(crate) rescale: Vec<(u32, i64)>,
    /// Split nodes its assignments do not drive, with their splits: [`CompiledPlan::run`]
    /// adds the gaps of those a duration reaches (`Task::split_gap`).
    pub(crate) splits: Vec<(u32, Box<[Split]>)>,
    // ---- links
    pub(crate) in_off: Vec<u32>,
    /// Incoming links of each node: `ins[in_off[k]..in_off[k + 1]]`, predecessors at `node`.
    pub(crate) ins: Vec<Edge>,
    pub(crate) out_off: Vec<u32>,
    /// Outgoing links, successors at `node`.
    pub(crate) outs: Vec<Edge>,
    pub(crate) slow: Vec<SlowLag>,
    /// Per slow link, as `slow`: its calendars' crossings in `crossings`, forward and
    /// backward (`NONE`: none). Empty until [`CompiledPlan::cross_calendars`].
    pub(crate) slow_cross: Vec<[u32; 2]>,
    pub(crate) crossings: Vec<super::crossing::Crossing>,
    // ---- facts
    pub(crate) single_cal: bool,
    pub(crate) any_alap: bool,
    /// Per plan task: resolved calendar timeline (summaries included), for output.
    pub(crate) task_cal: Vec<u16>,
    /// Per release: timeline of its calendar.
    pub(crate) release_cal: Vec<u16>,
    /// Per plan task: release index, `NONE` when its project is unknown.
    pub(crate) task_release: Vec<u32>,
    pub(crate) empty_calendars: Vec<String>,
}

/// Reusable working memory for [`CompiledPlan::run`]. All arrays are indexed by node
/// (topological position); read them through [`CompiledPlan::times`].
#[derive(Clone, Debug, Default)]
pub struct Buffers {
    pub(crate) dur: Vec<i64>,
    pub(crate) es: Vec<i64>,
    pub(crate) ef: Vec<i64>,
    /// Dates successors see: the early dates, or the late ones for ALAP tasks once known
    /// (kept only when some task is ALAP; else successors read `es`/`ef`).
    pub(crate) ses: Vec<i64>,
    pub(crate) sef: Vec<i64>,
    pub(crate) ls: Vec<i64>,
    pub(crate) lf: Vec<i64>,
    pub(crate) tf: Vec<i64>,
    pub(crate) ff: Vec<i64>,
    pub(crate) critical: Vec<bool>,
    /// Driving predecessor node, `NONE` when the project start or a constraint drives.
    pub(crate) drv: Vec<u32>,
    /// The driving date was a finish (shown as 17:00 rather than 08:00 next day).
    pub(crate) fin_form: Vec<bool>,
    /// A constraint pulled the task earlier than its links allow.
    pub(crate) conflict: Vec<bool>,
    pub(crate) pf_pos: Vec<i64>,
    pub(crate) finish: i64,
    /// Per driver with assignments on several calendars: the duration it was given (`MIN`
    /// until the forward pass reads it).
    pub(crate) rd_in: Vec<i64>,
    /// Free float is left at 0 (see [`Buffers::without_free_float`]).
    pub(crate) no_free_float: bool,
    /// Each node's duration as the last run took it, before the forward pass made a
    /// resource-driven node's its span; empty when that run cannot be followed by
    /// [`CompiledPlan::rerun`] (see there).
    pub(crate) dur_in: Vec<i64>,
    /// `rerun`'s working memory: the durations it is given, and the nodes still to visit
    /// forward and backward (all false between runs).
    pub(crate) next_dur: Vec<i64>,
    pub(crate) fwd_mark: Vec<bool>,
    pub(crate) bwd_mark: Vec<bool>,
}

impl Buffers {
    pub fn new() -> Self {
        Self::default()
    }
    /// Buffers for runs that read dates, total float and the critical flag only (Monte
    /// Carlo): free float, which needs every link's bound walked again (a tenth of a run on
    /// plans with links between calendars), is not computed and reads 0.
    pub fn without_free_float() -> Self {
        Self {
            no_free_float: true,
            ..Self::default()
        }
    }
    /// Sizes the arrays for `m` nodes and `cals` timelines; `ses`/`sef` only when `seen`
    /// (some task is ALAP: successors then see other dates than the early ones).
    pub(crate) fn prepare(&mut self, m: usize, cals: usize, seen: bool) {
        if seen && self.ses.len() != m {
            for v in [&mut self.ses, &mut self.sef] {
                v.clear();
                v.resize(m, 0);
            }
        }
        if self.es.len() != m {
            for v in [
                &mut self.dur,
                &mut self.es,
                &mut self.ef,
                &mut self.ls,
                &mut self.lf,
                &mut self.tf,
                &mut self.ff,
            ] {
                v.clear();
                v.resize(m, 0);
            }
            self.critical.clear();
            self.critical.resize(m, false);
            self.drv.clear();
            self.drv.resize(m, NONE);
            self.fin_form.clear();
            self.fin_form.resize(m, false);
            self.conflict.clear();
            self.conflict.resize(m, false);
        }
        self.pf_pos.clear();
        self.pf_pos.resize(cals, 0);
    }
}

/// One task's computed times, as working-minute positions on the task's calendar timeline
/// (floats in working minutes of that calendar; clock minutes for elapsed-duration tasks).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TaskTimes {
    pub early_start: i64,
    pub early_finish: i64,
    pub late_start: i64,
    pub late_finish: i64,
    pub total_float: i64,
    pub free_float: i64,
    pub critical: bool,
}

/// A fast hasher for UUID keys (they are random already).
#[derive(Default)]
pub(crate) struct IdHasher(u64);
impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        // splitmix64's finaliser: every input bit reaches the low bits the table uses.
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn write(&mut self, bytes: &[u8]) {
        for c in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..c.len()].copy_from_slice(c);
            self.write_u64(u64::from_le_bytes(b));
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(23) ^ v).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    fn write_usize(&mut self, v: usize) {
        self.write_u64(v as u64);
    }
    fn write_u128(&mut self, v: u128) {
        self.write_u64(v as u64);
        self.write_u64((v >> 64) as u64);
    }
}

pub(crate) type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// The WBS shape: which rows are summaries and which leaf rows each summary holds.
pub(crate) struct Outline {
    pub(crate) summary: Vec<bool>,
    /// Plan index of each row's parent summary, `NONE` at the top.
    pub(crate) parent: Vec<u32>,
    /// Row range `(i + 1)..end[i]` holds the descendants of row `i`.
    pub(crate) end: Vec<u32>,
    /// Some row is a summary.
    pub(crate) any_summary: bool,
}

impl Outline {
    /// The outline of rows with these outline levels (in plan order).
    pub(crate) fn from_levels(lvl: &[u16]) -> Self {
        let n = lvl.len();
        let summary: Vec<bool> = (0..n).map(|i| i + 1 < n && lvl[i + 1] > lvl[i]).collect();
        let any_summary = summary.iter().any(|&s| s);
        let mut parent = vec![NONE; n];
        let mut end = vec![n as u32; n];
        if any_summary {
            let mut stack: Vec<usize> = Vec::new();
            for i in 0..n {
                while let Some(&top) = stack.last() {
                    if lvl[top] >= lvl[i] {
                        end[top] = i as u32;
                        stack.pop();
                    } else {
                        break;
                    }
                }
                if let Some(&top) = stack.last() {
                    parent[i] = top as u32;
                }
                stack.push(i);
            }
        } else {
            // A flat list: no row has descendants.
            for (i, e) in end.iter_mut().enumerate() {
                *e = i as u32 + 1;
            }
        }
        Self {
            summary,
            parent,
            end,
            any_summary,
        }
    }

    pub(crate) fn leaves(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        (i + 1..self.end[i] as usize).filter(|&k| !self.summary[k])
    }
}

/// What [`Prep`] notes of a task (one byte per task).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TaskFlags(u8);

impl TaskFlags {
    const MILESTONE: u8 = 1;
    const DEPLOYMENT: u8 = 2;
    const ELAPSED: u8 = 4;
    const SPECIAL: u8 = 8;

    fn new(kind: TaskKind, elapsed: bool, special: bool) -> Self {
        Self(
            match kind {
                TaskKind::Milestone | TaskKind::Gate => Self::MILESTONE,
                TaskKind::Deployment => Self::DEPLOYMENT,
                TaskKind::Task => 0,
            } | if elapsed { Self::ELAPSED } else { 0 }
                | if special { Self::SPECIAL } else { 0 },
        )
    }

    /// A milestone or a gate.
    #[inline]
    pub(crate) const fn milestone(self) -> bool {
        self.0 & Self::MILESTONE != 0
    }

    #[inline]
    pub(crate) const fn deployment(self) -> bool {
        self.0 & Self::DEPLOYMENT != 0
    }

    /// An elapsed duration.
    #[inline]
    pub(crate) const fn elapsed(self) -> bool {
        self.0 & Self::ELAPSED != 0
    }

    /// A constraint, a deadline, actual dates or manual scheduling: read the task itself
    /// for them.
    #[inline]
    pub(crate) const fn special(self) -> bool {
        self.0 & Self::SPECIAL != 0
    }
}

/// What compiling needs from the plan, gathered into flat arrays (a task is a few hundred
/// bytes, mostly names and notes: walking them again would cost more than the scheduling).
/// On large plans both cores share the work: the id table is built beside the pass over the
/// rest of the tasks, then each core resolves half of the links. Shared by both builds (when
/// summary links need a first pass) and by `schedule`'s output.
pub(crate) struct Prep {
    pub(crate) outline: Outline,
    /// Plan task index by id (the last task with that id, as a map built in order keeps).
    index: TaskIndex,
    /// Some task id is used by two tasks (an invalid plan, mid-edit).
    dup_ids: bool,
    // ---- per plan task
    pub(crate) ids: Vec<TaskId>,
    pub(crate) flags: Vec<TaskFlags>,
    /// Duration in the task's unit (working or clock minutes), at least 0.
    dur: Vec<i64>,
    /// Release index, `NONE` when its project is unknown.
    release: Vec<u32>,
    /// Index of the task's own calendar in `plan.calendars`, `NONE` when it names none known.
    own_cal: Vec<u32>,
    // ---- per plan link
    /// Plan index of its predecessor and successor, `NONE` when unknown.
    link_pred: Vec<u32>,
    link_succ: Vec<u32>,
    link_kind: Vec<LinkCode>,
    link_lag: Vec<i64>,
    /// Earliest and latest date the plan names (the timelines' horizon).
    lo: Option<NaiveDateTime>,
    hi: Option<NaiveDateTime>,
}

/// The unit of a link's lag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
enum LagKind {
    Working = 0,
    Elapsed = 1,
    Percent = 2,
}

/// A plan link's type and lag kind in one byte: the type in the low two bits, the lag kind
/// above them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct LinkCode(u8);

impl LinkCode {
    #[inline]
    const fn new(t: LinkType, lag: LagKind) -> Self {
        Self(t as u8 | (lag as u8) << 2)
    }

    #[inline]
    const fn link(self) -> LinkType {
        EdgeKind(self.0 & 3).link()
    }

    #[inline]
    const fn lag(self) -> LagKind {
        match self.0 >> 2 {
            0 => LagKind::Working,
            1 => LagKind::Elapsed,
            _ => LagKind::Percent,
        }
    }
}

const _: () = assert!(std::mem::size_of::<LinkCode>() == 1);
const _: () = assert!(std::mem::size_of::<TaskFlags>() == 1);
const _: () = assert!(std::mem::size_of::<Edge>() == 12);

/// Plans at least this large are compiled on both cores (rayon); below, the hand-off costs
/// more than it saves.
pub(crate) const PARALLEL_FROM: usize = 8192;

/// Runs `a` and `b`, side by side on rayon's pool when `parallel`.
pub(crate) fn join<RA: Send, RB: Send>(
    parallel: bool,
    a: impl FnOnce() -> RA + Send,
    b: impl FnOnce() -> RB + Send,
) -> (RA, RB) {
    if parallel {
        crate::par::ready();
        rayon::join(a, b)
    } else {
        (a(), b())
    }
}

/// What the pass over the tasks gathers besides their ids.
struct TaskFacts {
    lvl: Vec<u16>,
    flags: Vec<TaskFlags>,
    dur: Vec<i64>,
    release: Vec<u32>,
    own_cal: Vec<u32>,
    lo: Option<NaiveDateTime>,
    hi: Option<NaiveDateTime>,
}

impl TaskFacts {
    fn gather(plan: &Plan, opts: &ScheduleOptions) -> Self {
        let n = plan.tasks.len();
        let mut lo: Option<NaiveDateTime> = None;
        let mut hi: Option<NaiveDateTime> = None;
        let mut see = |d: NaiveDateTime| {
            lo = Some(lo.map_or(d, |x| x.min(d)));
            hi = Some(hi.map_or(d, |x| x.max(d)));
        };
        for r in &plan.releases {
            see(r.start);
            if let Some(t) = r.target {
                see(t);
            }
        }
        if let Some(s) = opts.status_date.or(plan.settings.status_date) {
            see(s);
        }
        let release_index: IdMap<ReleaseId, usize> = plan
            .releases
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id, i))
            .collect();
        let project_release: IdMap<ProjectId, u32> = plan
            .projects
            .iter()
            .filter_map(|p| release_index.get(&p.release_id).map(|&r| (p.id, r as u32)))
            .collect();
        let cal_index: IdMap<CalendarId, u32> = plan
            .calendars
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id, i as u32))
            .collect();

        let mut lvl: Vec<u16> = Vec::with_capacity(n);
        let mut flags = Vec::with_capacity(n);
        let mut dur = Vec::with_capacity(n);
        let mut release = Vec::with_capacity(n);
        let mut own_cal = Vec::with_capacity(n);
        let mut last_project: Option<(ProjectId, u32)> = None;
        for t in &plan.tasks {
            lvl.push(t.outline_level.max(1));
            let p = &t.progress;
            let special = t.constraint != Constraint::Asap
                || t.deadline.is_some()
                || p.actual_start.is_some()
                || p.actual_finish.is_some()
                || t.mode != TaskMode::Auto;
            if special {
                if let Some(d) = t.constraint.date() {
                    see(d);
                }
                for d in [
                    t.deadline,
                    p.actual_start,
                    p.actual_finish,
                    t.mode.manual_start(),
                ]
                .into_iter()
                .flatten()
                {
                    see(d);
                }
            }
            let elapsed = matches!(t.duration, Duration::Elapsed(_));
            flags.push(TaskFlags::new(t.kind, elapsed, special));
            dur.push(t.duration.minutes().max(0));
            let rel = match last_project {
                Some((id, r)) if id == t.project_id => r,
                _ => {
                    let r = project_release.get(&t.project_id).copied().unwrap_or(NONE);
                    last_project = Some((t.project_id, r));
                    r
                }
            };
            release.push(rel);
            own_cal.push(
                t.calendar_id
                    .and_then(|c| cal_index.get(&c).copied())
                    .unwrap_or(NONE),
            );
        }
        Self {
            lvl,
            flags,
            dur,
            release,
            own_cal,
            lo,
            hi,
        }
    }
}

/// Finding plan tasks by id.
#[derive(Clone, Copy)]
struct Lookup<'a> {
    index: &'a TaskIndex,
    ids: &'a [TaskId],
    /// Some id is used twice: the index then holds the later task.
    dup_ids: bool,
}

/// Resolves `links` into the four arrays (each as long as `links`): plan indices of
/// predecessor and successor (`NONE` when unknown), type and lag kind, lag value.
fn resolve_links(
    links: &[Link],
    tasks: &Lookup<'_>,
    pred: &mut [u32],
    succ: &mut [u32],
    kind: &mut [LinkCode],
    lag: &mut [i64],
) {
    let Lookup {
        index,
        ids,
        dup_ids,
    } = *tasks;
    // Links usually come grouped by successor, in plan order: the successor is then the
    // previous link's, or the task after it, which needs no look-up.
    let mut last: Option<(TaskId, u32)> = None;
    for (k, l) in links.iter().enumerate() {
        let s = match last {
            Some((id, s)) if id == l.successor => s,
            // (With an id used twice the table holds the later task: ask it.)
            Some((_, s)) if !dup_ids && ids.get(s as usize + 1) == Some(&l.successor) => s + 1,
            _ => index.get(ids, l.successor).unwrap_or(NONE),
        };
        last = Some((l.successor, s));
        succ[k] = s;
        pred[k] = index.get(ids, l.predecessor).unwrap_or(NONE);
        let (lk, lv) = match l.lag {
            Lag::Working(w) => (LagKind::Working, w.0),
            Lag::Elapsed(e) => (LagKind::Elapsed, e),
            Lag::Percent(p) => (LagKind::Percent, i64::from(p)),
        };
        kind[k] = LinkCode::new(l.kind, lk);
        lag[k] = lv;
    }
}

impl Prep {
    fn new(plan: &Plan, opts: &ScheduleOptions) -> Self {
        let n = plan.tasks.len();
        let parallel = n + plan.links.len() >= PARALLEL_FROM;
        // The id table, which the links need, is built beside the rest of the task pass.
        let ((ids, (index, dup_ids)), facts) = join(
            parallel,
            || {
                let ids: Vec<TaskId> = plan.tasks.iter().map(|t| t.id).collect();
                let index = TaskIndex::build(&ids);
                (ids, index)
            },
            || TaskFacts::gather(plan, opts),
        );
        let outline = Outline::from_levels(&facts.lvl);

        // ---- the links, in two halves side by side
        let nl = plan.links.len();
        let mut link_pred = vec![0u32; nl];
        let mut link_succ = vec![0u32; nl];
        let mut link_kind = vec![LinkCode::default(); nl];
        let mut link_lag = vec![0i64; nl];
        let mid = if parallel { nl / 2 } else { nl };
        let (p0, p1) = link_pred.split_at_mut(mid);
        let (s0, s1) = link_succ.split_at_mut(mid);
        let (k0, k1) = link_kind.split_at_mut(mid);
        let (l0, l1) = link_lag.split_at_mut(mid);
        let (links0, links1) = plan.links.split_at(mid);
        let tasks = Lookup {
            index: &index,
            ids: &ids,
            dup_ids,
        };
        join(
            parallel,
            || resolve_links(links0, &tasks, p0, s0, k0, l0),
            || resolve_links(links1, &tasks, p1, s1, k1, l1),
        );
        Self {
            outline,
            index,
            dup_ids,
            ids,
            flags: facts.flags,
            dur: facts.dur,
            release: facts.release,
            own_cal: facts.own_cal,
            link_pred,
            link_succ,
            link_kind,
            link_lag,
            lo: facts.lo,
            hi: facts.hi,
        }
    }

    /// Plan index of the task with this id: the first such task, as a search in plan order.
    pub(crate) fn task_index(&self, plan: &Plan, id: TaskId) -> Option<usize> {
        if self.dup_ids {
            return plan.tasks.iter().position(|t| t.id == id);
        }
        self.index.get(&self.ids, id).map(|i| i as usize)
    }

    /// The lag of link `li`.
    fn lag(&self, li: usize) -> Lag {
        let v = self.link_lag[li];
        match self.link_kind[li].lag() {
            LagKind::Elapsed => Lag::Elapsed(v),
            LagKind::Percent => Lag::Percent(v as i32),
            LagKind::Working => Lag::Working(WorkMinutes(v)),
        }
    }
}

/// How summary-task links are treated while compiling.
pub(crate) enum SummaryLinks<'a> {
    /// Left out (MS Project's first pass, used to find a summary's earliest subtask).
    Skip,
    /// Expanded to leaves; SS/SF links from a summary use the given earliest subtask per link.
    Expand(&'a HashMap<usize, usize>),
}

/// One end of a link as the passes read it: one 12-byte load instead of three arrays.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Edge {
    /// The node at the other end: the predecessor of an incoming link, the successor of an
    /// outgoing one.
    pub(crate) node: u32,
    /// Working minutes of the successor's calendar; for a `SLOW` link, its index in `slow`.
    pub(crate) lag: i32,
    /// Its type, with the flags the passes test.
    pub(crate) kind: EdgeKind,
}

/// The links expanded to leaves, in link order, with what the network's shape needs
/// gathered as they come (saving walks over them).
struct Edges {
    succ: Vec<u32>,
    /// The incoming end of each link: predecessor, type, lag.
    arc: Vec<Edge>,
    slow: Vec<SlowLag>,
    /// Every edge points down the plan (`pred < succ`): plan order is topological.
    down: bool,
    /// Successors never decrease: the edges are already grouped by successor.
    grouped: bool,
    /// Edges into / out of each leaf, at `leaf + 1` (CSR offsets once prefix-summed).
    in_count: Vec<u32>,
    out_count: Vec<u32>,
}

impl Edges {
    /// Adds the link `na → nb` (leaf numbers). `fast`: both on one calendar, successor not
    /// elapsed, and `lag_fast`: its lag counts on that calendar too (a resource-driven
    /// successor's lag counts on its task's calendar); `continuous`: the successor's
    /// calendar works every minute.
    #[inline]
    fn push(
        &mut self,
        na: usize,
        nb: usize,
        kind: LinkType,
        lag: Lag,
        (fast, lag_fast): (bool, bool),
        continuous: bool,
    ) {
        let zero = match lag {
            Lag::Working(w) => w.0 == 0,
            Lag::Elapsed(e) => e == 0,
            Lag::Percent(p) => p == 0,
        };
        let kind = EdgeKind::new(kind);
        let fast = fast && (zero || lag_fast);
        let (k, lag) = match lag {
            _ if zero && fast => (kind, 0),
            Lag::Working(w) if fast && i32::try_from(w.0).is_ok() => (kind, w.0 as i32),
            Lag::Elapsed(e) if fast && continuous && i32::try_from(e).is_ok() => (kind, e as i32),
            lag => {
                self.slow.push(match lag {
                    _ if zero => SlowLag::Working(0),
                    Lag::Working(w) => SlowLag::Working(w.0),
                    Lag::Elapsed(e) => SlowLag::Elapsed(e),
                    Lag::Percent(p) => SlowLag::Percent(p),
                });
                (kind.slow(), (self.slow.len() - 1) as i32)
            }
        };
        self.push_as(na, nb, k, lag);
    }

    /// Adds the link `na → nb` with its compiled kind and lag.
    #[inline]
    fn push_as(&mut self, na: usize, nb: usize, k: EdgeKind, lag: i32) {
        self.down &= na < nb;
        self.grouped &= self.succ.last().is_none_or(|&last| last as usize <= nb);
        self.in_count[nb + 1] += 1;
        self.out_count[na + 1] += 1;
        self.succ.push(nb as u32);
        self.arc.push(Edge {
            node: na as u32,
            lag,
            kind: k,
        });
    }
}

/// Phase of [`CompiledPlan::build`]: the clock and the number of days every timeline covers,
/// from 400 days before the plan's earliest date to three years past its latest (and past
/// every calendar exception and blackout), at most 200 years.
fn horizon(plan: &Plan, prep: &Prep) -> (Clock, i64) {
    let lo = prep.lo.map_or_else(default_start, |d| d.date());
    let hi = prep.hi.map_or(lo, |d| d.date());
    let origin = lo.checked_sub_days(Days::new(400)).unwrap_or(lo);
    let max_days: i64 = 200 * 366;
    let mut days = (hi - origin).num_days() + 3 * 366;
    for c in &plan.calendars {
        for e in &c.exceptions {
            days = days.max((e.finish - origin).num_days() + 2);
        }
    }
    for b in &plan.blackouts {
        days = days.max((b.finish - origin).num_days() + 2);
    }
    (Clock { origin }, days.clamp(1, max_days))
}

/// Which calendar each task and release works on.
struct CalendarChoice {
    default_ci: CalendarRef,
    /// Per release: its calendar, else the default.
    release_ci: Vec<CalendarRef>,
    /// Per release: whether it has blackouts (its deployments then get a timeline of their own).
    release_blackouts: Vec<bool>,
}

impl CalendarChoice {
    fn new(plan: &Plan) -> Self {
        let cal_index: IdMap<CalendarId, CalendarRef> = plan
            .calendars
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id, CalendarRef::at(i)))
            .collect();
        let resolve = |id: Option<CalendarId>| id.and_then(|id| cal_index.get(&id).copied());
        let default_ci = resolve(plan.settings.default_calendar).unwrap_or(CalendarRef::STANDARD);
        CalendarChoice {
            default_ci,
            release_ci: plan
                .releases
                .iter()
                .map(|r| resolve(r.calendar_id).unwrap_or(default_ci))
                .collect(),
            release_blackouts: plan
                .releases
                .iter()
                .map(|r| plan.blackouts.iter().any(|b| b.release_id == r.id))
                .collect(),
        }
    }

    /// The calendar of plan task `i`: its own, else its release's, else the default.
    fn task(&self, prep: &Prep, i: usize) -> CalendarRef {
        match prep.own_cal[i] {
            NONE if prep.release[i] == NONE => self.default_ci,
            NONE => self.release_ci[prep.release[i] as usize],
            c => CalendarRef::at(c as usize),
        }
    }
}

/// Phase of [`CompiledPlan::build`]: the timelines, each calendar (with a release's
/// blackouts, for its deployments) made once.
struct TimelineSet<'a> {
    plan: &'a Plan,
    /// Calendars made for resource-driven tasks, numbered after `plan.calendars`.
    combined: &'a [Calendar],
    standard: Calendar,
    continuous: Calendar,
    origin: NaiveDate,
    days: i64,
    timelines: Vec<Timeline>,
    /// (calendar, release whose blackouts it leaves out) → timeline.
    keys: HashMap<(CalendarRef, Option<u32>), u16>,
    empty_calendars: Vec<String>,
}

impl<'a> TimelineSet<'a> {
    fn new(plan: &'a Plan, combined: &'a [Calendar], origin: NaiveDate, days: i64) -> Self {
        TimelineSet {
            plan,
            combined,
            standard: Calendar::standard(CalendarId::from_u128(0), "Standard"),
            continuous: Calendar::continuous(CalendarId::from_u128(0), "24 hours"),
            origin,
            days,
            timelines: Vec::new(),
            keys: HashMap::new(),
            empty_calendars: Vec::new(),
        }
    }

    /// The timeline of calendar `ci` with the blackouts of release `blackouts` off (none
    /// when `None`).
    fn get(&mut self, ci: CalendarRef, blackouts: Option<u32>) -> u16 {
        if let Some(&t) = self.keys.get(&(ci, blackouts)) {
            return t;
        }
        let plan = self.plan;
        let base = match ci.source(plan.calendars.len()) {
            CalendarSource::Clock => &self.continuous,
            CalendarSource::Standard => &self.standard,
            CalendarSource::Combined(i) => &self.combined[i],
            CalendarSource::Plan(i) => &plan.calendars[i],
        };
        let tl = if let Some(rel) = blackouts {
            let mut c = base.clone();
            let rid = plan.releases[rel as usize].id;
            for b in plan.blackouts.iter().filter(|b| b.release_id == rid) {
                c.exceptions.push(CalendarException {
                    name: b.name.clone(),
                    start: b.start,
                    finish: b.finish,
                    working: Vec::new(),
                });
            }
            Timeline::new(&c, self.origin, self.days)
        } else {
            Timeline::new(base, self.origin, self.days)
        };
        if base.week.iter().all(|d| d.is_empty()) || !tl.works() {
            self.empty_calendars.push(base.name.clone());
        }
        self.timelines.push(tl);
        let t = (self.timelines.len() - 1) as u16;
        self.keys.insert((ci, blackouts), t);
        t
    }
}

/// Phase of [`CompiledPlan::build`]: one leaf per non-summary task, in plan order, with its
/// calendars, duration and project start, and the [`Special`] of the few that need one.
struct Leaves {
    /// Per plan task: its calendar's timeline (summaries included).
    task_cal: Vec<u16>,
    /// Per plan task: its leaf, `NONE` for summaries.
    leaf_of_task: Vec<u32>,
    // ---- per leaf
    leaf_task: Vec<u32>,
    cal: Vec<u16>,
    wcal: Vec<u16>,
    base_dur: Vec<i64>,
    pstart: Vec<i64>,
    special: Vec<u32>,
    specials: Vec<Special>,
    any_alap: bool,
    drivers: Vec<Driver>,
    /// Resource-driven leaves whose span is not the task's duration: (leaf, duration).
    rescale: Vec<(u32, i64)>,
    /// Split leaves their assignments do not drive, with their splits.
    splits: Vec<(u32, Box<[Split]>)>,
}

impl Leaves {
    fn gather(
        plan: &Plan,
        prep: &Prep,
        status: Option<NaiveDateTime>,
        clock: &Clock,
        choice: &CalendarChoice,
        drivers: &Drivers,
        tls: &mut TimelineSet<'_>,
    ) -> Self {
        let n = plan.tasks.len();
        let fallback_start = plan
            .releases
            .iter()
            .map(|r| r.start)
            .min()
            .unwrap_or_else(|| default_start().and_time(chrono::NaiveTime::MIN));
        let mut out = Leaves {
            task_cal: Vec::with_capacity(n),
            leaf_of_task: vec![NONE; n],
            leaf_task: Vec::with_capacity(n),
            cal: Vec::with_capacity(n),
            wcal: Vec::with_capacity(n),
            base_dur: Vec::with_capacity(n),
            pstart: Vec::with_capacity(n),
            special: Vec::with_capacity(n),
            specials: Vec::new(),
            any_alap: false,
            drivers: Vec::new(),
            rescale: Vec::new(),
            splits: Vec::new(),
        };
        let mut last_key: Option<((CalendarRef, Option<u32>), u16)> = None;
        let mut last_start = (NaiveDateTime::MIN, u16::MAX, 0i64);
        // The status date's position per timeline, for the tasks it holds back.
        let mut floors: Vec<i64> = Vec::new();
        for i in 0..n {
            let rel = prep.release[i];
            let flags = prep.flags[i];
            let ci = choice.task(prep, i);
            let blackouts =
                (flags.deployment() && rel != NONE && choice.release_blackouts[rel as usize])
                    .then_some(rel);
            let w = match last_key {
                Some((key, w)) if key == (ci, blackouts) => w,
                _ => {
                    let w = tls.get(ci, blackouts);
                    last_key = Some(((ci, blackouts), w));
                    w
                }
            };
            out.task_cal.push(w);
            if prep.outline.summary[i] {
                continue;
            }
            let driven = drivers.of_task.get(i).copied().unwrap_or(NONE);
            let (c, rd, dur) = if flags.elapsed() {
                let gap = out.gap(&plan.tasks[i], prep.dur[i]);
                (tls.get(CalendarRef::CLOCK, None), NONE, prep.dur[i] + gap)
            } else if driven != NONE {
                let (c, rd, dur) = out.driven(&drivers.tasks[driven as usize], w, prep.dur[i], tls);
                if dur != prep.dur[i] {
                    out.rescale.push((out.leaf_task.len() as u32, prep.dur[i]));
                }
                (c, rd, dur)
            } else {
                let gap = out.gap(&plan.tasks[i], prep.dur[i]);
                (w, NONE, prep.dur[i] + gap)
            };
            let tl = &tls.timelines[c as usize];
            let at = |d: NaiveDateTime| tl.pos(clock.instant(d));
            let start = if rel == NONE {
                fallback_start
            } else {
                plan.releases[rel as usize].start
            };
            out.leaf_of_task[i] = out.leaf_task.len() as u32;
            out.leaf_task.push(i as u32);
            out.cal.push(c);
            out.wcal
                .push(if rd == NONE && driven == NONE { w } else { c });
            out.base_dur.push(dur);
            if last_start.0 != start || last_start.1 != c {
                last_start = (start, c, at(start));
            }
            out.pstart.push(last_start.2);
            if !flags.special() && rd == NONE {
                let Some(s) = status else {
                    out.special.push(NONE);
                    continue;
                };
                // Only the status date holds this task back.
                if floors.len() <= c as usize {
                    floors.resize(c as usize + 1, MIN);
                }
                if floors[c as usize] == MIN {
                    floors[c as usize] = at(s);
                }
                out.special.push(out.specials.len() as u32);
                out.specials.push(Special::floor(floors[c as usize]));
                continue;
            }
            let t = &plan.tasks[i];
            out.any_alap |= t.constraint == Constraint::Alap;
            out.special.push(out.specials.len() as u32);
            out.specials.push(Special::of_task(t, at, status, rd));
        }
        out
    }

    /// The gaps of the next leaf's splits (task `t`, work `dur`), noted for `run` when it has
    /// any. (Inlined: most tasks have none, and a call per task costs 2 % of `schedule()`.)
    #[inline(always)]
    fn gap(&mut self, t: &Task, dur: i64) -> i64 {
        if t.splits.is_empty() {
            0
        } else {
            self.split_gap(t, dur)
        }
    }

    #[cold]
    fn split_gap(&mut self, t: &Task, dur: i64) -> i64 {
        self.splits
            .push((self.leaf_task.len() as u32, t.splits.clone().into()));
        t.split_gap(dur)
    }

    /// A resource-driven leaf: on its assignments' calendar (or their union), spanning them;
    /// floats still count on its own calendar `w`. Its timeline, its index in `drivers`
    /// (`NONE` when it needs none) and its span.
    fn driven(
        &mut self,
        d: &Driven,
        w: u16,
        dur: i64,
        tls: &mut TimelineSet<'_>,
    ) -> (u16, u32, i64) {
        let c = tls.get(d.node_ci, None);
        let same = d.parts.iter().all(|p| p.0 == d.node_ci);
        let dur = d.parts.iter().map(|p| p.1).max().unwrap_or(dur);
        if c == w && same {
            return (c, NONE, dur);
        }
        self.drivers.push(Driver {
            own: w,
            parts: if same {
                Vec::new()
            } else {
                d.parts
                    .iter()
                    .map(|&(ci, span)| (tls.get(ci, None), span))
                    .collect()
            },
        });
        (c, (self.drivers.len() - 1) as u32, dur)
    }
}

const _: () = assert!(std::mem::size_of::<Special>() == 56);

impl Special {
    /// A task only the status date holds back (at `floor`).
    fn floor(floor: i64) -> Self {
        Special {
            ckind: ConstraintKind::None,
            cpos: 0,
            alap: false,
            deadline: MAX,
            floor,
            astart: MIN,
            afinish: MIN,
            pct: 0,
            manual: MIN,
            nocrit: false,
            rd: NONE,
        }
    }

    /// Task `t`'s constraint, deadline, progress, mode and drivers; `at` gives a date's
    /// position on its timeline.
    fn of_task(
        t: &Task,
        at: impl Fn(NaiveDateTime) -> i64,
        status: Option<NaiveDateTime>,
        rd: u32,
    ) -> Self {
        let (ckind, cdate) = match t.constraint {
            Constraint::Asap | Constraint::Alap => (ConstraintKind::None, None),
            Constraint::Snet(d) => (ConstraintKind::Snet, Some(d)),
            Constraint::Snlt(d) => (ConstraintKind::Snlt, Some(d)),
            Constraint::Fnet(d) => (ConstraintKind::Fnet, Some(d)),
            Constraint::Fnlt(d) => (ConstraintKind::Fnlt, Some(d)),
            Constraint::Mso(d) => (ConstraintKind::Mso, Some(d)),
            Constraint::Mfo(d) => (ConstraintKind::Mfo, Some(d)),
        };
        let p = &t.progress;
        let floor = match status {
            Some(s) if p.actual_finish.is_none() => Some(s),
            _ => None,
        };
        Special {
            ckind,
            cpos: cdate.map_or(0, &at),
            alap: t.constraint == Constraint::Alap,
            deadline: t.deadline.map_or(MAX, &at),
            floor: floor.map_or(MIN, &at),
            astart: p.actual_start.map_or(MIN, &at),
            afinish: p.actual_finish.map_or(MIN, &at),
            pct: p.percent_complete.min(100),
            manual: t.mode.manual_start().map_or(MIN, &at),
            nocrit: matches!(
                t.mode,
                TaskMode::Manual {
                    text_dates: true,
                    ..
                }
            ),
            rd,
        }
    }
}

/// Phase of [`CompiledPlan::build`]: the links expanded to leaves (a summary's link to each
/// of its leaves), each one compiled: fast (one calendar, working lag) or through instants.
fn expand_links(
    plan: &Plan,
    prep: &Prep,
    summary_links: &SummaryLinks<'_>,
    leaves: &Leaves,
    timelines: &[Timeline],
) -> Result<Edges, ScheduleError> {
    let outline = &prep.outline;
    let (cal, wcal, leaf_of_task) = (&leaves.cal, &leaves.wcal, &leaves.leaf_of_task);
    // The calendar a leaf's incoming lags count on: its task's own (MS Project's, as MPXJ's
    // `addLag` has it: the successor's calendar, never its resources').
    let lcal = |leaf: usize| leaves.task_cal[leaves.leaf_task[leaf] as usize];
    let m = leaves.leaf_task.len();
    let mut edges = Edges {
        succ: Vec::with_capacity(plan.links.len()),
        arc: Vec::with_capacity(plan.links.len()),
        slow: Vec::new(),
        down: true,
        grouped: true,
        in_count: vec![0; m + 1],
        out_count: vec![0; m + 1],
    };
    let mut preds_buf: Vec<usize> = Vec::new();
    let mut succs_buf: Vec<usize> = Vec::new();
    // Usually every node is on one working calendar: then every link is a fast one.
    let uniform = cal
        .iter()
        .zip(wcal)
        .enumerate()
        .all(|(k, (&c, &w))| c == w && c == lcal(k) && Some(&c) == cal.first());
    let uniform_cont = uniform
        && cal
            .first()
            .is_some_and(|&c| timelines[c as usize].is_continuous());
    // The usual plan, no summaries and one calendar, in a tight loop: leaves are the
    // tasks, one edge per link, and only a lag that needs instants makes it slow.
    let flat = !outline.any_summary && uniform;
    for li in 0..if flat { plan.links.len() } else { 0 } {
        let (p, s) = (prep.link_pred[li], prep.link_succ[li]);
        if p == NONE || s == NONE {
            continue;
        }
        let (p, s) = (p as usize, s as usize);
        if p == s {
            return Err(ScheduleError::Cycle {
                tasks: vec![task_label(&plan.tasks[p]); 3],
            });
        }
        let (k, v) = (prep.link_kind[li], prep.link_lag[li]);
        let fast = v == 0
            || match k.lag() {
                LagKind::Working => true,
                LagKind::Elapsed => uniform_cont,
                LagKind::Percent => false,
            };
        match i32::try_from(v) {
            Ok(v) if fast => edges.push_as(p, s, EdgeKind::new(k.link()), v),
            _ => edges.push(p, s, k.link(), prep.lag(li), (true, true), uniform_cont),
        }
    }
    for li in 0..if flat { 0 } else { plan.links.len() } {
        let (p, s) = (prep.link_pred[li], prep.link_succ[li]);
        if p == NONE || s == NONE {
            continue;
        }
        let (p, s) = (p as usize, s as usize);
        let kind = prep.link_kind[li].link();
        let lag = prep.lag(li);
        let cycle = || ScheduleError::Cycle {
            tasks: vec![
                task_label(&plan.tasks[p]),
                task_label(&plan.tasks[s]),
                task_label(&plan.tasks[p]),
            ],
        };
        if !outline.any_summary {
            // No summaries: leaves are the tasks, one edge per link.
            if p == s {
                return Err(cycle());
            }
            let (fast, cont) = if uniform {
                ((true, true), uniform_cont)
            } else {
                let fast = cal[p] == cal[s] && wcal[s] == cal[s];
                (
                    (fast, fast && lcal(s) == cal[s]),
                    timelines[cal[s] as usize].is_continuous(),
                )
            };
            edges.push(p, s, kind, lag, fast, cont);
            continue;
        }
        if !outline.summary[p] && !outline.summary[s] {
            // Leaf to leaf: one edge.
            if p == s {
                return Err(cycle());
            }
            let (na, nb) = (leaf_of_task[p] as usize, leaf_of_task[s] as usize);
            let fast = cal[na] == cal[nb] && wcal[nb] == cal[nb];
            let cont = timelines[cal[nb] as usize].is_continuous();
            edges.push(na, nb, kind, lag, (fast, fast && lcal(nb) == cal[nb]), cont);
            continue;
        }
        preds_buf.clear();
        succs_buf.clear();
        if outline.summary[p] {
            match &summary_links {
                SummaryLinks::Skip => continue,
                SummaryLinks::Expand(earliest) => {
                    if matches!(kind, LinkType::SS | LinkType::SF) {
                        if let Some(&e) = earliest.get(&li) {
                            preds_buf.push(e);
                        }
                    } else {
                        preds_buf.extend(outline.leaves(p));
                    }
                }
            }
        } else {
            preds_buf.push(p);
        }
        if outline.summary[s] {
            if matches!(summary_links, SummaryLinks::Skip) {
                continue;
            }
            succs_buf.extend(outline.leaves(s));
        } else {
            succs_buf.push(s);
        }
        for &a in &preds_buf {
            for &b in &succs_buf {
                if a == b {
                    return Err(cycle());
                }
                let (na, nb) = (leaf_of_task[a] as usize, leaf_of_task[b] as usize);
                let fast = cal[na] == cal[nb] && wcal[nb] == cal[nb];
                let cont = timelines[cal[nb] as usize].is_continuous();
                edges.push(na, nb, kind, lag, (fast, fast && lcal(nb) == cal[nb]), cont);
            }
        }
    }
    Ok(edges)
}

/// Phase of [`CompiledPlan::build`]: the leaves' topological order, `None` when plan order
/// is one (every link points down the plan, the usual case), else Kahn's; a cycle is
/// reported by name.
fn topological_order(
    plan: &Plan,
    m: usize,
    e_arc: &[Edge],
    e_succ: &[u32],
    in_plan_order: bool,
    leaf_task: &[u32],
) -> Result<Option<Vec<u32>>, ScheduleError> {
    let ne = e_arc.len();
    Ok(if in_plan_order {
        None
    } else {
        let (o_off, o_idx) = csr(m, ne, |e| e_arc[e].node as usize);
        let mut indeg = vec![0u32; m];
        for &b in e_succ {
            indeg[b as usize] += 1;
        }
        let mut order: Vec<u32> = Vec::with_capacity(m);
        for (v, &d) in indeg.iter().enumerate() {
            if d == 0 {
                order.push(v as u32);
            }
        }
        let mut head = 0;
        while head < order.len() {
            let v = order[head] as usize;
            head += 1;
            for &e in &o_idx[o_off[v] as usize..o_off[v + 1] as usize] {
                let b = e_succ[e as usize] as usize;
                indeg[b] -= 1;
                if indeg[b] == 0 {
                    order.push(b as u32);
                }
            }
        }
        if order.len() < m {
            let e_pred: Vec<u32> = e_arc.iter().map(|a| a.node).collect();
            let nodes = cycle::find(m, &e_pred, e_succ, &indeg);
            return Err(ScheduleError::Cycle {
                tasks: nodes
                    .iter()
                    .map(|&v| task_label(&plan.tasks[leaf_task[v] as usize]))
                    .collect(),
            });
        }
        Some(order)
    })
}

/// Each leaf's rank in the topological `order` (empty when plan order is one).
fn ranks(order: Option<&[u32]>, m: usize) -> Vec<u32> {
    match order {
        Some(order) => {
            let mut rank = vec![0u32; m];
            for (k, &v) in order.iter().enumerate() {
                rank[v as usize] = k as u32;
            }
            rank
        }
        None => Vec::new(),
    }
}

/// Phase of [`CompiledPlan::build`]: the links in CSR form by node, outgoing (for the
/// backward pass) and incoming (for the forward pass).
struct Adjacency {
    in_off: Vec<u32>,
    ins: Vec<Edge>,
    out_off: Vec<u32>,
    outs: Vec<Edge>,
}

impl Adjacency {
    /// `counts`: the edges into and out of each leaf (at `leaf + 1`) and whether they come
    /// grouped by successor in plan order; `ordered`: nodes are not in plan order but in
    /// `rank`'s.
    fn scatter(
        mut e_arc: Vec<Edge>,
        e_succ: &[u32],
        counts: (Vec<u32>, Vec<u32>, bool),
        ordered: bool,
        rank: &[u32],
        leaves: &Leaves,
    ) -> Self {
        let (in_count, out_count, grouped_in_plan_order) = counts;
        let (special, specials) = (&leaves.special, &leaves.specials);
        let (m, ne) = (leaves.leaf_task.len(), e_arc.len());
        let rk = |v: u32| -> u32 {
            if ordered {
                rank[v as usize]
            } else {
                v
            }
        };
        let any_done = specials.iter().any(|s| s.afinish != MIN);
        let done = |leaf: u32| {
            let sp = special[leaf as usize];
            any_done && sp != NONE && specials[sp as usize].afinish != MIN
        };
        let any_manual = specials.iter().any(|s| s.manual != MIN);
        let manual = |leaf: u32| {
            let sp = special[leaf as usize];
            any_manual && sp != NONE && specials[sp as usize].manual != MIN
        };
        let any_started = specials.iter().any(|s| s.astart != MIN);
        let started = |leaf: u32| {
            let sp = special[leaf as usize];
            any_started && sp != NONE && specials[sp as usize].astart != MIN
        };
        let out_off = if ordered {
            offsets(m, e_arc.iter().map(|a| rk(a.node) as usize))
        } else {
            prefix_sums(out_count)
        };
        let scatter_out = || {
            let mut outs = vec![Edge::default(); ne];
            let mut fill: Vec<u32> = out_off[..m].to_vec();
            for (a, &b) in e_arc.iter().zip(e_succ) {
                let p = rk(a.node) as usize;
                let at = fill[p] as usize;
                fill[p] += 1;
                outs[at] = Edge {
                    node: rk(b),
                    lag: a.lag,
                    kind: a.kind.marked(
                        done(b),
                        a.kind.leaves_start()
                            && if a.kind.to_finish() {
                                manual(a.node) && manual(b)
                            } else {
                                manual(a.node) || started(a.node)
                            },
                        started(b),
                    ),
                };
            }
            outs
        };

        // ---- incoming links by successor: already so when links come grouped by successor
        // in plan order (as MS Project files list them); else sorted beside the outgoing ones
        let (in_off, grouped) = if ordered {
            (
                offsets(m, e_succ.iter().map(|&b| rk(b) as usize)),
                e_succ.windows(2).all(|w| rk(w[0]) <= rk(w[1])),
            )
        } else {
            (prefix_sums(in_count), grouped_in_plan_order)
        };
        let scatter_in = || {
            let mut ins = vec![Edge::default(); ne];
            let mut fill: Vec<u32> = in_off[..m].to_vec();
            for (a, &b) in e_arc.iter().zip(e_succ) {
                let s = rk(b) as usize;
                let at = fill[s] as usize;
                fill[s] += 1;
                ins[at] = Edge {
                    node: rk(a.node),
                    ..*a
                };
            }
            ins
        };
        let (outs, ins) = if grouped {
            let outs = scatter_out();
            if ordered {
                for a in &mut e_arc {
                    a.node = rk(a.node);
                }
            }
            (outs, e_arc)
        } else {
            join(ne >= PARALLEL_FROM, scatter_out, scatter_in)
        };
        Adjacency {
            in_off,
            ins,
            out_off,
            outs,
        }
    }
}

impl CompiledPlan {
    /// Compiles `plan` for scheduling. Fails only on a dependency cycle.
    pub fn new(plan: &Plan, opts: &ScheduleOptions) -> Result<Self, ScheduleError> {
        Self::compile(plan, opts).map(|(c, _)| c)
    }

    /// [`CompiledPlan::new`], also handing back what it worked out about the plan.
    pub(crate) fn compile(
        plan: &Plan,
        opts: &ScheduleOptions,
    ) -> Result<(Self, Prep), ScheduleError> {
        let prep = Prep::new(plan, opts);
        let outline = &prep.outline;
        let from_summary_start = |li: usize| {
            let p = prep.link_pred[li];
            matches!(prep.link_kind[li].link(), LinkType::SS | LinkType::SF)
                && p != NONE
                && outline.summary[p as usize]
        };
        let needs_pre = outline.any_summary && (0..plan.links.len()).any(from_summary_start);
        let mut earliest = HashMap::new();
        if needs_pre {
            let pre = Self::build(plan, opts, &prep, SummaryLinks::Skip)?;
            let mut buf = Buffers::new();
            pre.run_base(&mut buf);
            for li in 0..plan.links.len() {
                if !from_summary_start(li) {
                    continue;
                }
                let p = prep.link_pred[li] as usize;
                let best = outline.leaves(p).min_by_key(|&k| {
                    let node = pre.task_node[k] as usize;
                    pre.timelines[pre.cal[node] as usize].start_instant(buf.es[node])
                });
                if let Some(b) = best {
                    earliest.insert(li, b);
                }
            }
        }
        let c = Self::build(plan, opts, &prep, SummaryLinks::Expand(&earliest))?;
        Ok((c, prep))
    }

    /// The plan's own durations, indexed by plan task (the input [`CompiledPlan::run`] takes).
    pub fn planned_durations(&self, plan: &Plan) -> Vec<i64> {
        plan.tasks
            .iter()
            .map(|t| t.duration.minutes().max(0))
            .collect()
    }

    /// Brings the spans of task `i` up to date with `plan`, as compiling `plan` would set
    /// them, when the only change since this network was compiled is the task's duration and
    /// its assignments' work or units (the same assignments, resources and contours; see
    /// [`durations_only`](super::durations_only)). False when the network does not drive the
    /// task the way `plan` would; the network must then be compiled afresh.
    pub(crate) fn respan(&mut self, plan: &Plan, prep: &Prep, i: usize) -> bool {
        let Some(&k) = self.task_node.get(i) else {
            return false;
        };
        let t = &plan.tasks[i];
        if k == NONE || prep.outline.summary[i] || !t.can_be_resource_driven() {
            // A summary or a task its assignments do not drive: `run` takes its duration.
            return true;
        }
        let k = k as usize;
        let dur = t.duration.minutes().max(0);
        let spans: Vec<i64> = plan
            .assignments
            .iter()
            .filter(|a| a.task_id == t.id && plan.resources.iter().any(|r| r.id == a.resource_id))
            .map(|a| assignment_span(t, a, dur))
            .collect();
        if spans.is_empty() {
            return true;
        }
        let s = self.special[k];
        let rd = if s == NONE {
            NONE
        } else {
            self.specials[s as usize].rd
        };
        if rd != NONE {
            let parts = &mut self.drivers[rd as usize].parts;
            if !parts.is_empty() {
                if parts.len() != spans.len() {
                    return false;
                }
                for (p, &span) in parts.iter_mut().zip(&spans) {
                    p.1 = span;
                }
            }
        }
        // As `Leaves::driven` and `gather` set them: the longest span, scaled by `run` when
        // it is not the task's duration.
        let span = spans.iter().copied().max().unwrap_or(dur);
        self.base_dur[k] = span;
        self.rescale.retain(|&(n, _)| n as usize != k);
        if span != dur {
            self.rescale.push((k as u32, dur));
        }
        true
    }

    /// Number of tasks of the plan this was compiled from.
    pub fn task_count(&self) -> usize {
        self.task_node.len()
    }

    fn build(
        plan: &Plan,
        opts: &ScheduleOptions,
        prep: &Prep,
        summary_links: SummaryLinks<'_>,
    ) -> Result<Self, ScheduleError> {
        let n = plan.tasks.len();
        let status = opts.status_date.or(plan.settings.status_date);
        let (clock, days) = horizon(plan, prep);
        let origin = clock.origin;
        let choice = CalendarChoice::new(plan);
        let end = origin
            .checked_add_days(Days::new(days as u64))
            .unwrap_or(origin);
        let drivers = drivers(plan, prep, |i| choice.task(prep, i), origin, end);
        let mut tls = TimelineSet::new(plan, &drivers.combined, origin, days);
        let release_cal: Vec<u16> = choice
            .release_ci
            .iter()
            .map(|&ci| tls.get(ci, None))
            .collect();
        let leaves = Leaves::gather(plan, prep, status, &clock, &choice, &drivers, &mut tls);
        let TimelineSet {
            timelines,
            empty_calendars,
            ..
        } = tls;
        let Edges {
            succ: e_succ,
            arc: e_arc,
            slow,
            down,
            grouped: grouped_in_plan_order,
            in_count,
            out_count,
        } = expand_links(plan, prep, &summary_links, &leaves, &timelines)?;
        let m = leaves.leaf_task.len();
        let order = topological_order(plan, m, &e_arc, &e_succ, down, &leaves.leaf_task)?;
        let rank = ranks(order.as_deref(), m);
        let rk = |v: u32| -> u32 {
            if order.is_some() {
                rank[v as usize]
            } else {
                v
            }
        };
        let links = Adjacency::scatter(
            e_arc,
            &e_succ,
            (in_count, out_count, grouped_in_plan_order),
            order.is_some(),
            &rank,
            &leaves,
        );
        let Leaves {
            task_cal,
            leaf_task,
            cal,
            wcal,
            base_dur,
            pstart,
            special,
            specials,
            any_alap,
            drivers: driver_list,
            rescale,
            splits,
            ..
        } = leaves;

        // ---- nodes in topological order
        let (node_task, cal, wcal, base_dur, pstart, special) = match &order {
            None => (leaf_task, cal, wcal, base_dur, pstart, special),
            Some(order) => {
                let perm16 =
                    |v: &[u16]| -> Vec<u16> { order.iter().map(|&o| v[o as usize]).collect() };
                let perm32 =
                    |v: &[u32]| -> Vec<u32> { order.iter().map(|&o| v[o as usize]).collect() };
                let perm64 =
                    |v: &[i64]| -> Vec<i64> { order.iter().map(|&o| v[o as usize]).collect() };
                (
                    perm32(&leaf_task),
                    perm16(&cal),
                    perm16(&wcal),
                    perm64(&base_dur),
                    perm64(&pstart),
                    perm32(&special),
                )
            }
        };
        let mut task_node = vec![NONE; n];
        for (k, &t) in node_task.iter().enumerate() {
            task_node[t as usize] = k as u32;
        }

        let rescale: Vec<(u32, i64)> = rescale.into_iter().map(|(l, d)| (rk(l), d)).collect();
        let splits: Vec<(u32, Box<[Split]>)> =
            splits.into_iter().map(|(l, s)| (rk(l), s)).collect();
        let single_cal = slow.is_empty() && cal.iter().all(|&c| Some(&c) == cal.first());
        Ok(Self {
            clock,
            timelines,
            task_node,
            node_task,
            cal,
            wcal,
            base_dur,
            pstart,
            special,
            specials,
            drivers: driver_list,
            rescale,
            splits,
            in_off: links.in_off,
            ins: links.ins,
            out_off: links.out_off,
            outs: links.outs,
            slow,
            slow_cross: Vec::new(),
            crossings: Vec::new(),
            single_cal,
            any_alap,
            task_cal,
            release_cal,
            task_release: prep.release.clone(),
            empty_calendars,
        })
    }
    /// The computed times of plan task `task` (by index in `plan.tasks`) after a
    /// [`CompiledPlan::run`]; `None` for summary tasks.
    pub fn times(&self, buf: &Buffers, task: usize) -> Option<TaskTimes> {
        let k = *self.task_node.get(task)? as usize;
        if k == NONE as usize || k >= buf.es.len() {
            return None;
        }
        Some(TaskTimes {
            early_start: buf.es[k],
            early_finish: buf.ef[k],
            late_start: buf.ls[k],
            late_finish: buf.lf[k],
            total_float: buf.tf[k],
            free_float: buf.ff[k],
            critical: buf.critical[k],
        })
    }

    /// The timeline node `j`'s incoming lags count on: its task's own calendar (for a
    /// resource-driven task not its resources', as MPXJ's `addLag` counts them; for an
    /// elapsed-duration task its calendar, not the clock).
    #[inline]
    pub(crate) fn lag_cal(&self, j: usize) -> u16 {
        self.task_cal[self.node_task[j] as usize]
    }

    /// The project finish of the last run, as a date and time.
    pub fn finish(&self, buf: &Buffers) -> NaiveDateTime {
        self.clock.datetime(buf.finish)
    }

    /// The working-minute position of `at` on plan task `task`'s calendar timeline (clock
    /// minutes for elapsed-duration tasks). Two dates with the same position are the same
    /// instant of working time (Friday 17:00 and Monday 08:00 on a weekday calendar).
    pub fn position(&self, task: usize, at: NaiveDateTime) -> i64 {
        let c = self.task_cal_of(task);
        self.timelines[c].pos(self.clock.instant(at))
    }

    /// Converts a start position of plan task `task` to a date (start form: 08:00 Monday).
    pub fn start_datetime(&self, task: usize, pos: i64) -> NaiveDateTime {
        let c = self.task_cal_of(task);
        self.clock.datetime(self.timelines[c].start_instant(pos))
    }

    /// Converts a finish position of plan task `task` to a date (finish form: 17:00 Friday).
    pub fn finish_datetime(&self, task: usize, pos: i64) -> NaiveDateTime {
        let c = self.task_cal_of(task);
        self.clock.datetime(self.timelines[c].finish_instant(pos))
    }

    fn task_cal_of(&self, task: usize) -> usize {
        match self.task_node.get(task) {
            Some(&k) if k != NONE => self.cal[k as usize] as usize,
            _ => self.task_cal.get(task).copied().unwrap_or(0) as usize,
        }
    }
}

/// Counting sort of edges `0..ne` by `key(e)` into CSR form.
fn csr(m: usize, ne: usize, key: impl Fn(usize) -> usize) -> (Vec<u32>, Vec<u32>) {
    let off = offsets(m, (0..ne).map(&key));
    let mut fill: Vec<u32> = off[..m].to_vec();
    let mut idx = vec![0u32; ne];
    for e in 0..ne {
        let k = key(e);
        idx[fill[k] as usize] = e as u32;
        fill[k] += 1;
    }
    (off, idx)
}

/// Counts at `key + 1` turned into CSR offsets.
fn prefix_sums(mut off: Vec<u32>) -> Vec<u32> {
    for v in 1..off.len() {
        off[v] += off[v - 1];
    }
    off
}

/// CSR offsets (`m + 1` entries) of items with these keys.
fn offsets(m: usize, keys: impl Iterator<Item = usize>) -> Vec<u32> {
    let mut off = vec![0u32; m + 1];
    for k in keys {
        off[k + 1] += 1;
    }
    for v in 0..m {
        off[v + 1] += off[v];
    }
    off
}

fn default_start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 3).unwrap_or_default()
}
