//! The plan compiled into flat arrays: one node per non-summary task in topological order,
//! links in CSR form (incoming for the forward pass, outgoing for the backward pass), every
//! date a working-minute position on the node's own calendar timeline.
//!
//! Compiling is done once; [`CompiledPlan::run`] then schedules any set of durations with no
//! allocation beyond the first use of a [`Buffers`].

use super::cycle;
use super::timeline::{Clock, Timeline};
use super::{ScheduleError, ScheduleOptions};
use crate::calendar::{Calendar, CalendarException};
use crate::model::*;
use chrono::{Days, NaiveDate, NaiveDateTime};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

pub(crate) const NONE: u32 = u32::MAX;

pub(crate) const FS: u8 = 0;
pub(crate) const SS: u8 = 1;
pub(crate) const FF: u8 = 2;
pub(crate) const SF: u8 = 3;
/// Set on a link's kind when its dates must go through instants (calendars differ, elapsed
/// or percent lag, elapsed successor); its `lag` is then an index into `slow`.
pub(crate) const SLOW: u8 = 4;
/// Set on a link into a finished task: the backward pass ignores it, as MS Project does.
pub(crate) const DONE_SUCC: u8 = 8;

/// Constraint kinds on a node.
pub(crate) const C_NONE: u8 = 0;
pub(crate) const C_SNET: u8 = 1;
pub(crate) const C_SNLT: u8 = 2;
pub(crate) const C_FNET: u8 = 3;
pub(crate) const C_FNLT: u8 = 4;
pub(crate) const C_MSO: u8 = 5;
pub(crate) const C_MFO: u8 = 6;

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
    pub(crate) ckind: u8,
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
    /// Calendar for lags and for snapping starts; differs from `cal` only for elapsed tasks.
    pub(crate) wcal: Vec<u16>,
    pub(crate) base_dur: Vec<i64>,
    pub(crate) pstart: Vec<i64>,
    pub(crate) special: Vec<u32>,
    pub(crate) specials: Vec<Special>,
    // ---- links
    pub(crate) in_off: Vec<u32>,
    pub(crate) in_pred: Vec<u32>,
    pub(crate) in_kind: Vec<u8>,
    pub(crate) in_lag: Vec<i64>,
    pub(crate) out_off: Vec<u32>,
    pub(crate) out_succ: Vec<u32>,
    pub(crate) out_kind: Vec<u8>,
    pub(crate) out_lag: Vec<i64>,
    pub(crate) slow: Vec<SlowLag>,
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
    /// Dates successors see: the early dates, or the late ones for ALAP tasks once known.
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
}

impl Buffers {
    pub fn new() -> Self {
        Self::default()
    }
    pub(crate) fn prepare(&mut self, m: usize, cals: usize) {
        if self.es.len() != m {
            for v in [
                &mut self.dur,
                &mut self.es,
                &mut self.ef,
                &mut self.ses,
                &mut self.sef,
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
}

pub(crate) type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// The WBS shape: which rows are summaries and which leaf rows each summary holds.
pub(crate) struct Outline {
    pub(crate) summary: Vec<bool>,
    /// Plan index of each row's parent summary, `NONE` at the top.
    pub(crate) parent: Vec<u32>,
    /// Row range `(i + 1)..end[i]` holds the descendants of row `i`.
    pub(crate) end: Vec<u32>,
}

impl Outline {
    pub(crate) fn new(plan: &Plan) -> Self {
        let n = plan.tasks.len();
        let lvl: Vec<u16> = plan.tasks.iter().map(|t| t.outline_level.max(1)).collect();
        let summary: Vec<bool> = (0..n).map(|i| i + 1 < n && lvl[i + 1] > lvl[i]).collect();
        let mut parent = vec![NONE; n];
        let mut end = vec![n as u32; n];
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
        Self {
            summary,
            parent,
            end,
        }
    }

    pub(crate) fn leaves(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        (i + 1..self.end[i] as usize).filter(|&k| !self.summary[k])
    }
}

/// How summary-task links are treated while compiling.
pub(crate) enum SummaryLinks<'a> {
    /// Left out (MS Project's first pass, used to find a summary's earliest subtask).
    Skip,
    /// Expanded to leaves; SS/SF links from a summary use the given earliest subtask per link.
    Expand(&'a HashMap<usize, usize>),
}

impl CompiledPlan {
    /// Compiles `plan` for scheduling. Fails only on a dependency cycle.
    pub fn new(plan: &Plan, opts: &ScheduleOptions) -> Result<Self, ScheduleError> {
        let outline = Outline::new(plan);
        let index: IdMap<TaskId, usize> = plan
            .tasks
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id, i))
            .collect();
        let needs_pre = plan.links.iter().any(|l| {
            matches!(l.kind, LinkType::SS | LinkType::SF)
                && index
                    .get(&l.predecessor)
                    .is_some_and(|&i| outline.summary[i])
        });
        let mut earliest = HashMap::new();
        if needs_pre {
            let pre = Self::build(plan, opts, &outline, &index, SummaryLinks::Skip)?;
            let mut buf = Buffers::new();
            let durs = pre.planned_durations(plan);
            pre.run(&durs, &mut buf);
            for (li, l) in plan.links.iter().enumerate() {
                let Some(&p) = index.get(&l.predecessor) else {
                    continue;
                };
                if !outline.summary[p] || !matches!(l.kind, LinkType::SS | LinkType::SF) {
                    continue;
                }
                let best = outline.leaves(p).min_by_key(|&k| {
                    let node = pre.task_node[k] as usize;
                    pre.timelines[pre.cal[node] as usize].start_instant(buf.es[node])
                });
                if let Some(b) = best {
                    earliest.insert(li, b);
                }
            }
        }
        Self::build(
            plan,
            opts,
            &outline,
            &index,
            SummaryLinks::Expand(&earliest),
        )
    }

    /// The plan's own durations, indexed by plan task (the input [`CompiledPlan::run`] takes).
    pub fn planned_durations(&self, plan: &Plan) -> Vec<i64> {
        plan.tasks
            .iter()
            .map(|t| t.duration.minutes().max(0))
            .collect()
    }

    /// Number of tasks of the plan this was compiled from.
    pub fn task_count(&self) -> usize {
        self.task_node.len()
    }

    pub(crate) fn build(
        plan: &Plan,
        opts: &ScheduleOptions,
        outline: &Outline,
        index: &IdMap<TaskId, usize>,
        summary_links: SummaryLinks<'_>,
    ) -> Result<Self, ScheduleError> {
        let n = plan.tasks.len();
        let status = opts.status_date.or(plan.settings.status_date);

        // ---- horizon and clock
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
        for t in &plan.tasks {
            if let Some(d) = t.constraint.date() {
                see(d);
            }
            for d in [
                t.deadline,
                t.progress.actual_start,
                t.progress.actual_finish,
            ]
            .into_iter()
            .flatten()
            {
                see(d);
            }
        }
        if let Some(s) = status {
            see(s);
        }
        let lo = lo.map_or_else(default_start, |d| d.date());
        let hi = hi.map_or(lo, |d| d.date());
        let origin = lo.checked_sub_days(Days::new(400)).unwrap_or(lo);
        let clock = Clock { origin };
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
        let days = days.clamp(1, max_days);

        // ---- calendars
        let cal_index: IdMap<CalendarId, usize> = plan
            .calendars
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id, i))
            .collect();
        let release_index: IdMap<ReleaseId, usize> = plan
            .releases
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id, i))
            .collect();
        let project_release: IdMap<ProjectId, usize> = plan
            .projects
            .iter()
            .filter_map(|p| release_index.get(&p.release_id).map(|&r| (p.id, r)))
            .collect();
        let standard = Calendar::standard(CalendarId::from_u128(0), "Standard");
        let continuous = Calendar::continuous(CalendarId::from_u128(0), "24 hours");
        // key: (plan calendar index or usize::MAX for standard, release for blackouts or
        // usize::MAX, continuous?)
        let mut timelines: Vec<Timeline> = Vec::new();
        let mut tl_keys: HashMap<(usize, usize), u16> = HashMap::new();
        let mut empty_calendars = Vec::new();
        let mut timeline_for = |ci: usize, rel: usize, timelines: &mut Vec<Timeline>| -> u16 {
            *tl_keys.entry((ci, rel)).or_insert_with(|| {
                let base = if ci == usize::MAX - 1 {
                    &continuous
                } else if ci == usize::MAX {
                    &standard
                } else {
                    &plan.calendars[ci]
                };
                let tl = if rel == usize::MAX {
                    Timeline::new(base, origin, days)
                } else {
                    let mut c = base.clone();
                    let rid = plan.releases[rel].id;
                    for b in plan.blackouts.iter().filter(|b| b.release_id == rid) {
                        c.exceptions.push(CalendarException {
                            name: b.name.clone(),
                            start: b.start,
                            finish: b.finish,
                            working: Vec::new(),
                        });
                    }
                    Timeline::new(&c, origin, days)
                };
                if base.week.iter().all(|d| d.is_empty()) {
                    empty_calendars.push(base.name.clone());
                }
                timelines.push(tl);
                (timelines.len() - 1) as u16
            })
        };
        let resolve = |id: Option<CalendarId>| id.and_then(|id| cal_index.get(&id).copied());
        let default_ci = resolve(plan.settings.default_calendar).unwrap_or(usize::MAX);
        let release_ci: Vec<usize> = plan
            .releases
            .iter()
            .map(|r| resolve(r.calendar_id).unwrap_or(default_ci))
            .collect();
        let release_cal: Vec<u16> = release_ci
            .iter()
            .map(|&ci| timeline_for(ci, usize::MAX, &mut timelines))
            .collect();
        let task_release: Vec<u32> = plan
            .tasks
            .iter()
            .map(|t| {
                project_release
                    .get(&t.project_id)
                    .map_or(NONE, |&r| r as u32)
            })
            .collect();
        let fallback_start = plan
            .releases
            .iter()
            .map(|r| r.start)
            .min()
            .unwrap_or_else(|| default_start().and_time(chrono::NaiveTime::MIN));

        // ---- nodes (leaves in plan order for now)
        let mut task_cal = vec![0u16; n];
        let mut leaf_of_task = vec![NONE; n];
        let mut leaf_task: Vec<u32> = Vec::new();
        let mut cal = Vec::new();
        let mut wcal = Vec::new();
        let mut base_dur = Vec::new();
        let mut pstart = Vec::new();
        let mut spec: Vec<Option<Special>> = Vec::new();
        let mut any_alap = false;
        let mut last_key = ((usize::MAX - 2, usize::MAX), 0u16);
        let mut last_start = (NaiveDateTime::MIN, u16::MAX, 0i64);
        for (i, t) in plan.tasks.iter().enumerate() {
            let rel = task_release[i];
            let ci = resolve(t.calendar_id).unwrap_or(if rel == NONE {
                default_ci
            } else {
                release_ci[rel as usize]
            });
            let blackout_rel = if t.kind == TaskKind::Deployment
                && rel != NONE
                && plan
                    .blackouts
                    .iter()
                    .any(|b| b.release_id == plan.releases[rel as usize].id)
            {
                rel as usize
            } else {
                usize::MAX
            };
            let w = if last_key.0 == (ci, blackout_rel) {
                last_key.1
            } else {
                let w = timeline_for(ci, blackout_rel, &mut timelines);
                last_key = ((ci, blackout_rel), w);
                w
            };
            task_cal[i] = w;
            if outline.summary[i] {
                continue;
            }
            let c = match t.duration {
                Duration::Elapsed(_) => timeline_for(usize::MAX - 1, usize::MAX, &mut timelines),
                Duration::Working(_) => w,
            };
            let tl = &timelines[c as usize];
            let at = |d: NaiveDateTime| tl.pos(clock.instant(d));
            let start = if rel == NONE {
                fallback_start
            } else {
                plan.releases[rel as usize].start
            };
            leaf_of_task[i] = leaf_task.len() as u32;
            leaf_task.push(i as u32);
            cal.push(c);
            wcal.push(w);
            base_dur.push(t.duration.minutes().max(0));
            if last_start.0 != start || last_start.1 != c {
                last_start = (start, c, at(start));
            }
            pstart.push(last_start.2);
            let (ckind, cdate) = match t.constraint {
                Constraint::Asap | Constraint::Alap => (C_NONE, None),
                Constraint::Snet(d) => (C_SNET, Some(d)),
                Constraint::Snlt(d) => (C_SNLT, Some(d)),
                Constraint::Fnet(d) => (C_FNET, Some(d)),
                Constraint::Fnlt(d) => (C_FNLT, Some(d)),
                Constraint::Mso(d) => (C_MSO, Some(d)),
                Constraint::Mfo(d) => (C_MFO, Some(d)),
            };
            let alap = t.constraint == Constraint::Alap;
            any_alap |= alap;
            let p = &t.progress;
            let floor = match status {
                Some(s) if p.actual_finish.is_none() => Some(s),
                _ => None,
            };
            let sp = Special {
                ckind,
                cpos: cdate.map_or(0, at),
                alap,
                deadline: t.deadline.map_or(MAX, at),
                floor: floor.map_or(MIN, at),
                astart: p.actual_start.map_or(MIN, at),
                afinish: p.actual_finish.map_or(MIN, at),
                pct: p.percent_complete.min(100),
            };
            let plain = ckind == C_NONE
                && !alap
                && sp.deadline == MAX
                && sp.floor == MIN
                && sp.astart == MIN
                && sp.afinish == MIN;
            spec.push(if plain { None } else { Some(sp) });
        }
        let m = leaf_task.len();

        // ---- links, expanded to leaves
        let mut e_pred: Vec<u32> = Vec::with_capacity(plan.links.len());
        let mut e_succ: Vec<u32> = Vec::with_capacity(plan.links.len());
        let mut e_kind: Vec<u8> = Vec::with_capacity(plan.links.len());
        let mut e_lag: Vec<i64> = Vec::with_capacity(plan.links.len());
        let mut slow: Vec<SlowLag> = Vec::new();
        let mut preds_buf: Vec<usize> = Vec::new();
        let mut succs_buf: Vec<usize> = Vec::new();
        let mut last_succ: (Option<TaskId>, usize) = (None, 0);
        for (li, l) in plan.links.iter().enumerate() {
            // Links usually come grouped by successor: skip the hash look-up when it repeats.
            let s = if last_succ.0 == Some(l.successor) {
                last_succ.1
            } else {
                let Some(&s) = index.get(&l.successor) else {
                    continue;
                };
                last_succ = (Some(l.successor), s);
                s
            };
            let Some(&p) = index.get(&l.predecessor) else {
                continue;
            };
            let kind = match l.kind {
                LinkType::FS => FS,
                LinkType::SS => SS,
                LinkType::FF => FF,
                LinkType::SF => SF,
            };
            preds_buf.clear();
            succs_buf.clear();
            if outline.summary[p] {
                match &summary_links {
                    SummaryLinks::Skip => continue,
                    SummaryLinks::Expand(earliest) => {
                        if kind == SS || kind == SF {
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
                        return Err(ScheduleError::Cycle {
                            tasks: vec![
                                task_label(&plan.tasks[p]),
                                task_label(&plan.tasks[s]),
                                task_label(&plan.tasks[p]),
                            ],
                        });
                    }
                    let (na, nb) = (leaf_of_task[a] as usize, leaf_of_task[b] as usize);
                    let fast = cal[na] == cal[nb] && wcal[nb] == cal[nb];
                    let zero = match l.lag {
                        Lag::Working(w) => w.0 == 0,
                        Lag::Elapsed(e) => e == 0,
                        Lag::Percent(p) => p == 0,
                    };
                    let (k, lag) = match l.lag {
                        _ if zero && fast => (kind, 0),
                        Lag::Working(w) if fast => (kind, w.0),
                        Lag::Elapsed(e) if fast && timelines[cal[nb] as usize].is_continuous() => {
                            (kind, e)
                        }
                        lag => {
                            slow.push(match lag {
                                _ if zero => SlowLag::Working(0),
                                Lag::Working(w) => SlowLag::Working(w.0),
                                Lag::Elapsed(e) => SlowLag::Elapsed(e),
                                Lag::Percent(p) => SlowLag::Percent(p),
                            });
                            (kind | SLOW, (slow.len() - 1) as i64)
                        }
                    };
                    e_pred.push(na as u32);
                    e_succ.push(nb as u32);
                    e_kind.push(k);
                    e_lag.push(lag);
                }
            }
        }

        // ---- topological order (Kahn), cycles reported by name
        let ne = e_pred.len();
        let (o_off, o_idx) = csr(m, ne, |e| e_pred[e] as usize);
        let mut indeg = vec![0u32; m];
        for &b in &e_succ {
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
            let nodes = cycle::find(m, &e_pred, &e_succ, &indeg);
            return Err(ScheduleError::Cycle {
                tasks: nodes
                    .iter()
                    .map(|&v| task_label(&plan.tasks[leaf_task[v] as usize]))
                    .collect(),
            });
        }
        let mut rank = vec![0u32; m];
        for (k, &v) in order.iter().enumerate() {
            rank[v as usize] = k as u32;
        }

        // ---- renumber nodes in topological order
        let perm = |v: &Vec<u16>| -> Vec<u16> { order.iter().map(|&o| v[o as usize]).collect() };
        let cal_t = perm(&cal);
        let wcal_t = perm(&wcal);
        let base_dur_t: Vec<i64> = order.iter().map(|&o| base_dur[o as usize]).collect();
        let pstart_t: Vec<i64> = order.iter().map(|&o| pstart[o as usize]).collect();
        let node_task: Vec<u32> = order.iter().map(|&o| leaf_task[o as usize]).collect();
        let mut specials = Vec::new();
        let special: Vec<u32> = order
            .iter()
            .map(|&o| match spec[o as usize] {
                Some(s) => {
                    specials.push(s);
                    (specials.len() - 1) as u32
                }
                None => NONE,
            })
            .collect();
        let mut task_node = vec![NONE; n];
        for (k, &t) in node_task.iter().enumerate() {
            task_node[t as usize] = k as u32;
        }

        let (i_off, i_idx) = csr(m, ne, |e| rank[e_succ[e] as usize] as usize);
        let (out_off, out_idx) = csr(m, ne, |e| rank[e_pred[e] as usize] as usize);
        let in_pred = i_idx
            .iter()
            .map(|&e| rank[e_pred[e as usize] as usize])
            .collect();
        let in_kind = i_idx.iter().map(|&e| e_kind[e as usize]).collect();
        let in_lag = i_idx.iter().map(|&e| e_lag[e as usize]).collect();
        let out_succ = out_idx
            .iter()
            .map(|&e| rank[e_succ[e as usize] as usize])
            .collect();
        let out_kind = out_idx
            .iter()
            .map(|&e| {
                let e = e as usize;
                let done = spec[e_succ[e] as usize].is_some_and(|s| s.afinish != MIN);
                e_kind[e] | if done { DONE_SUCC } else { 0 }
            })
            .collect();
        let out_lag = out_idx.iter().map(|&e| e_lag[e as usize]).collect();

        let single_cal = slow.is_empty() && cal_t.iter().all(|&c| Some(&c) == cal_t.first());
        Ok(Self {
            clock,
            timelines,
            task_node,
            node_task,
            cal: cal_t,
            wcal: wcal_t,
            base_dur: base_dur_t,
            pstart: pstart_t,
            special,
            specials,
            in_off: i_off,
            in_pred,
            in_kind,
            in_lag,
            out_off,
            out_succ,
            out_kind,
            out_lag,
            slow,
            single_cal,
            any_alap,
            task_cal,
            release_cal,
            task_release,
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
    let mut off = vec![0u32; m + 1];
    for e in 0..ne {
        off[key(e) + 1] += 1;
    }
    for v in 0..m {
        off[v + 1] += off[v];
    }
    let mut fill = off.clone();
    let mut idx = vec![0u32; ne];
    for e in 0..ne {
        let k = key(e);
        idx[fill[k] as usize] = e as u32;
        fill[k] += 1;
    }
    (off, idx)
}

fn default_start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 3).unwrap_or_default()
}
