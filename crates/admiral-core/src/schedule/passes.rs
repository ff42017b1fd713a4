//! The CPM passes over a [`CompiledPlan`], following MS Project's rules:
//!
//! - **forward**: a task's early start is the latest date its links allow (no links: the
//!   project start); then the status date, then its constraint, which MS Project honours even
//!   against the links ("tasks honour their constraint dates"): SNLT/FNLT/MSO/MFO can pull a
//!   task earlier than its predecessors allow, which shows as negative float.
//! - **backward**: late finish is the earliest date its successors allow, each capped at the
//!   project finish (no successors: the project finish), then SNLT/FNLT/MSO/MFO and the
//!   deadline.
//! - **floats**: total float = min(LS − ES, LF − EF); free float = how far the early finish
//!   can slip before some successor's early date moves (no successors: up to the project
//!   finish), between 0 and total float.
//! - **elapsed lags** (MPXJ's emulation is the reference: no MS Project file has one): on the
//!   clock, from a date as MS Project shows it (a point's, start or finish, where it is
//!   shown). Backward, the lag comes off the successor's late date as shown (over SF after
//!   adding the predecessor's duration); free float over one is the working time to the
//!   successor's early date less the lag's clock minutes.
//!
//! Lags are in the successor's calendar; links between tasks on different calendars go
//! through instants.

use super::network::*;
use super::timeline::Timeline;
use crate::model::LinkType::{self, FF, FS, SF, SS};
use crate::model::Split;

/// A resolved lag: working minutes on the successor's calendar, or clock minutes.
#[derive(Clone, Copy)]
enum L {
    W(i64),
    E(i64),
}

impl CompiledPlan {
    /// Schedules the compiled network with `durations` (per plan task index, in the task's own
    /// unit: working minutes, or clock minutes for elapsed-duration tasks; entries for summary
    /// tasks are ignored, missing ones take the plan's) and returns the project finish.
    ///
    /// Results stay in `buf`; read them with [`CompiledPlan::times`] (free float reads 0 in
    /// [`Buffers::without_free_float`]). Reusing `buf` across runs allocates nothing.
    pub fn run(&self, durations: &[i64], buf: &mut Buffers) -> chrono::NaiveDateTime {
        buf.prepare(self.node_task.len(), self.timelines.len(), self.any_alap);
        // Not a run `rerun` can follow: it knows no durations this was given.
        buf.dur_in.clear();
        self.node_durations(durations, &mut buf.dur);
        self.passes(buf);
        self.clock.datetime(buf.finish)
    }

    /// Each node's duration for the passes from `durations` (as [`CompiledPlan::run`] takes
    /// them) into `out`, one per node.
    pub(super) fn node_durations(&self, durations: &[i64], out: &mut [i64]) {
        for (k, slot) in out.iter_mut().enumerate() {
            *slot = durations
                .get(self.node_task[k] as usize)
                .map_or(self.base_dur[k], |&d| d.max(0));
        }
        // A resource-driven task's span, scaled as its duration is.
        for &(k, planned) in &self.rescale {
            let k = k as usize;
            if let Some(&d) = durations.get(self.node_task[k] as usize) {
                out[k] = if planned > 0 {
                    (i128::from(self.base_dur[k]) * i128::from(d.max(0)) / i128::from(planned))
                        as i64
                } else {
                    self.base_dur[k]
                };
            }
        }
        // A split task's gaps, as far as its work reaches them.
        for (k, splits) in &self.splits {
            let k = *k as usize;
            if let Some(&d) = durations.get(self.node_task[k] as usize) {
                let d = d.max(0);
                out[k] = d + Split::gaps_reached(splits, d);
            }
        }
    }

    /// [`CompiledPlan::run`] with the plan's own durations.
    pub(crate) fn run_base(&self, buf: &mut Buffers) {
        buf.prepare(self.node_task.len(), self.timelines.len(), self.any_alap);
        buf.dur.copy_from_slice(&self.base_dur);
        buf.dur_in.clone_from(&self.base_dur);
        self.passes(buf);
    }

    pub(super) fn passes(&self, buf: &mut Buffers) {
        buf.rd_in.clear();
        buf.rd_in.resize(self.drivers.len(), MIN);
        self.forward(buf, false);
        self.project_finish(buf);
        let free = !buf.no_free_float;
        if self.any_alap {
            // ALAP tasks move their successors: floats wait for the second forward pass.
            self.backward::<false, false>(buf);
            self.forward(buf, true);
            if free {
                self.floats::<true>(buf);
            } else {
                self.floats::<false>(buf);
            }
        } else if free {
            self.backward::<true, true>(buf);
        } else {
            self.backward::<true, false>(buf);
        }
    }

    fn lag(&self, s: SlowLag, pred: usize, buf: &Buffers) -> L {
        match s {
            SlowLag::Working(w) => L::W(w),
            SlowLag::Elapsed(e) => L::E(e),
            SlowLag::Percent(p) => {
                let v = buf.dur[pred] * i64::from(p) / 100;
                if self.timelines[self.cal[pred] as usize].is_continuous()
                    && self.cal[pred] != self.wcal[pred]
                {
                    L::E(v)
                } else {
                    L::W(v)
                }
            }
        }
    }

    /// Early-start candidate for `j` from a link that needs instants.
    fn fwd_slow(&self, buf: &Buffers, i: usize, j: usize, kind: LinkType, lag: usize) -> i64 {
        // A link without a lag between two calendars whose crossing was built, out of a task
        // that is not a point, into one that is not elapsed: one look-up.
        if let Some(x) = self.crossing(lag, false) {
            if (buf.dur[i] != 0 || self.any_alap) && self.cal[j] == self.wcal[j] {
                let (ss, sf) = if self.any_alap {
                    (&buf.ses, &buf.sef)
                } else {
                    (&buf.es, &buf.ef)
                };
                let p = match kind {
                    FS | FF => x.finish(sf[i]),
                    SS | SF => x.start(ss[i]),
                };
                if let Some(p) = p {
                    return if matches!(kind, FS | SS) {
                        p
                    } else {
                        p - buf.dur[j]
                    };
                }
            }
        }
        let base = self.slow_base(buf, i, kind);
        let w = &self.timelines[self.wcal[j] as usize];
        let lw = &self.timelines[self.lag_cal(j) as usize];
        let to_start = matches!(kind, FS | SS);
        let lag = self.lag(self.slow[lag], i, buf);
        let tj = &self.timelines[self.cal[j] as usize];
        let d = buf.dur[j];
        if let (L::E(x), false) = (lag, to_start) {
            // FF and SF with an elapsed lag: the successor's duration is backed off the
            // predecessor's date first, then the lag added on the clock (MS Project's order).
            // A point backs off nothing: it leaves from that date as shown (Friday 17:00).
            let start = if d == 0 {
                base
            } else if self.cal[j] != self.wcal[j] {
                base - d
            } else {
                tj.start_instant(tj.pos(base) - d)
            };
            return tj.pos(w.start_instant(w.pos(start + x)));
        }
        let inst = match lag {
            L::W(0) => base,
            L::W(x) => {
                let q = lw.pos(base) + x;
                if to_start {
                    lw.start_instant(q)
                } else {
                    lw.finish_instant(q)
                }
            }
            L::E(x) => base + x,
        };
        if self.cal[j] != self.wcal[j] {
            // Elapsed-duration task: it starts at a working time of its calendar.
            if to_start {
                tj.pos(w.start_instant(w.pos(inst)))
            } else {
                tj.pos(inst) - d
            }
        } else if to_start {
            tj.pos(inst)
        } else {
            tj.pos(inst) - d
        }
    }

    /// The instant a link needing instants leaves `i` from (kind `kind`).
    fn slow_base(&self, buf: &Buffers, i: usize, kind: LinkType) -> i64 {
        let ti = &self.timelines[self.cal[i] as usize];
        match kind {
            // A point leaves from the instant it is shown at (Monday 08:00 unless a finish
            // drives it), not from the end of the working time before it (Friday 17:00);
            // its start is that instant too.
            _ if buf.dur[i] == 0 && !self.any_alap => self.point_instant(buf, i).0,
            FS | FF => ti.finish_instant(if self.any_alap { buf.sef[i] } else { buf.ef[i] }),
            _ => ti.start_instant(if self.any_alap { buf.ses[i] } else { buf.es[i] }),
        }
    }

    /// Whether point `j`, reached from `i` over the link of compiled kind `kind` and lag
    /// `lag`, is shown at a finish (the end of the working time before it) rather than at the
    /// next working minute. MPXJ keeps a milestone where its links bring it when that is the
    /// end of a working period, else moves it to the next working minute: from a point with
    /// no lag, where that point is shown; over an elapsed lag, whether the lag ends exactly
    /// at a period's end (Friday 17:00 + 48 h is Sunday 17:00: Monday 08:00). Otherwise a
    /// finish, or a positive working lag, shows it at a finish.
    fn point_at_finish(&self, buf: &Buffers, i: usize, j: usize, kind: EdgeKind, lag: i64) -> bool {
        if !kind.is_slow() {
            if lag == 0 && buf.dur[i] == 0 {
                return buf.fin_form[i];
            }
            return !kind.leaves_start() || lag > 0;
        }
        if let (L::E(x), false) = (self.lag(self.slow[lag as usize], i, buf), self.any_alap) {
            let tj = &self.timelines[self.cal[j] as usize];
            let at = self.slow_base(buf, i, kind.link()) + x;
            return tj.finish_instant(tj.pos(at)) == at;
        }
        !kind.leaves_start()
    }

    /// Late-finish candidate for `i` from `j`'s `(start, finish)` over a link needing instants.
    #[allow(clippy::too_many_arguments)]
    fn bwd_slow(
        &self,
        buf: &Buffers,
        i: usize,
        j: usize,
        kind: LinkType,
        lag: usize,
        sj: i64,
        fj: i64,
    ) -> i64 {
        // A link without a lag between two calendars whose crossing was built: one look-up.
        if let Some(x) = self.crossing(lag, true) {
            let p = match kind {
                FS | SS => x.start(sj),
                FF | SF => x.finish(fj),
            };
            if let Some(p) = p {
                return if matches!(kind, FS | FF) {
                    p
                } else {
                    p + buf.dur[i]
                };
            }
        }
        let tj = &self.timelines[self.cal[j] as usize];
        let base = match kind {
            FS | SS => tj.start_instant(sj),
            _ => tj.finish_instant(fj),
        };
        let w = &self.timelines[self.lag_cal(j) as usize];
        let to_finish = matches!(kind, FS | FF);
        let lag = self.lag(self.slow[lag], i, buf);
        if let L::E(x) = lag {
            return self.bwd_elapsed(buf, i, j, kind, x, sj, fj);
        }
        let inst = match lag {
            L::W(0) => base,
            L::W(x) => {
                let q = w.pos(base) - x;
                if to_finish {
                    w.finish_instant(q)
                } else {
                    w.start_instant(q)
                }
            }
            L::E(x) => base - x,
        };
        let p = self.timelines[self.cal[i] as usize].pos(inst);
        if to_finish {
            p
        } else {
            p + buf.dur[i]
        }
    }

    /// Late-finish candidate for `i` over a link of type `kind` with an elapsed lag of `x`
    /// clock minutes, from `j`'s late `(start, finish)` (MPXJ's emulation of MS Project): the
    /// lag comes off `j`'s date as shown. FS: off its late start (a point's is its late
    /// finish, Friday 17:00, not Monday 08:00); SS: off its late start, then `i`'s duration
    /// added; FF: off its late finish; SF: `i`'s duration added to `j`'s late finish first,
    /// then the lag taken off. Not the forward rule undone (that backs `j`'s duration off).
    #[allow(clippy::too_many_arguments)]
    fn bwd_elapsed(
        &self,
        buf: &Buffers,
        i: usize,
        j: usize,
        kind: LinkType,
        x: i64,
        sj: i64,
        fj: i64,
    ) -> i64 {
        let ti = &self.timelines[self.cal[i] as usize];
        let tj = &self.timelines[self.cal[j] as usize];
        let di = buf.dur[i];
        let at = match kind {
            FS if buf.dur[j] == 0 => tj.finish_instant(fj),
            FS | SS => tj.start_instant(sj),
            FF => tj.finish_instant(fj),
            _ if di == 0 => tj.finish_instant(fj),
            _ => ti.finish_instant(ti.pos(tj.finish_instant(fj)) + di),
        };
        let p = ti.pos(at - x);
        if kind == SS {
            p + di
        } else {
            p
        }
    }

    /// The latest early finish of `i` that keeps `j`'s early dates over the link `i → j` of
    /// compiled kind `k` (flags allowed) and lag `lag` (free float's bound).
    fn free_bound(&self, buf: &Buffers, i: usize, j: usize, k: EdgeKind, lag: i64) -> i64 {
        if k.is_slow() {
            if let L::E(x) = self.lag(self.slow[lag as usize], i, buf) {
                // MPXJ's free slack over an elapsed lag: the working time from `i`'s date
                // to `j`'s, less the lag's clock minutes counted as working minutes (its
                // days converted at 24 hours a day into days of the calendar's 8 hours).
                let ti = &self.timelines[self.cal[i] as usize];
                let tj = &self.timelines[self.cal[j] as usize];
                let at = if k.to_finish() {
                    tj.finish_instant(buf.ef[j])
                } else {
                    tj.start_instant(buf.es[j])
                };
                let p = ti.pos(at) - x;
                return if k.leaves_start() { p + buf.dur[i] } else { p };
            }
            return self.bwd_slow(buf, i, j, k.link(), lag as usize, buf.es[j], buf.ef[j]);
        }
        let d = buf.dur[i];
        match k.link() {
            FS => buf.es[j] - lag,
            SS => buf.es[j] - lag + d,
            FF => buf.ef[j] - lag,
            SF => buf.ef[j] - lag + d,
        }
    }

    pub(crate) fn forward(&self, buf: &mut Buffers, alap_pass: bool) {
        if self.any_alap {
            self.forward_in::<true>(buf, alap_pass);
        } else {
            self.forward_in::<false>(buf, alap_pass);
        }
    }

    /// What `j`'s links in give it: the latest start they allow (before constraints and
    /// progress), the predecessor that drives it (none when the project start holds it) and
    /// whether it is shown at a finish.
    #[inline(always)]
    fn linked_start<const SEEN: bool>(&self, buf: &Buffers, j: usize) -> (i64, u32, bool) {
        let d = buf.dur[j];
        let (a, b) = (self.in_off[j] as usize, self.in_off[j + 1] as usize);
        let mut es = MIN;
        let mut drv = NONE;
        let mut fin = false;
        let pstart = self.pstart[j];
        for &Edge { node, lag, kind } in &self.ins[a..b] {
            let (i, lag) = (node as usize, i64::from(lag));
            let (ss, sf) = if SEEN {
                (&buf.ses[..], &buf.sef[..])
            } else {
                (&buf.es[..], &buf.ef[..])
            };
            // Only a slow link into a finish can be one (most are neither): no call for the
            // others.
            let lagged = (kind.to_finish() && kind.is_slow())
                .then(|| self.lagged_into_finish(buf, i, j, kind, lag))
                .flatten();
            let raw = lagged.unwrap_or_else(|| self.fwd_start(buf, (ss, sf), i, j, kind, lag, d));
            // MS Project keeps a finish-to-finish successor from starting before the
            // project start; the project start then drives it, not the link.
            let cand = if kind.link() == FF {
                raw.max(pstart)
            } else {
                raw
            };
            // Shown at a finish (Friday 17:00) rather than at the next working minute
            // (Monday 08:00)? Not when the project start holds it.
            let at_finish = || {
                if lagged.is_some() || raw != cand {
                    false
                } else if d == 0 {
                    self.point_at_finish(buf, i, j, kind, lag)
                } else {
                    // FS and FF (from the predecessor's finish), or a positive lag.
                    !kind.leaves_start() || (!kind.is_slow() && lag > 0)
                }
            };
            if cand > es {
                es = cand;
                drv = if raw == cand { i as u32 } else { NONE };
                fin = at_finish();
            } else if cand == es && fin {
                // Two links bring it to the same working minute: it goes to the later
                // instant (Monday 08:00 over Friday 17:00), whatever the links' order.
                fin = at_finish();
            }
        }
        (es, drv, fin)
    }

    /// The forward pass. Successors see `ses`/`sef` with `SEEN` (some task is ALAP), else
    /// the early dates themselves (and `ses`/`sef` are not kept).
    fn forward_in<const SEEN: bool>(&self, buf: &mut Buffers, alap_pass: bool) {
        for j in 0..self.node_task.len() {
            self.forward_node::<SEEN>(buf, j, alap_pass);
        }
    }

    /// Node `j`'s early dates, driver and flags in the forward pass, from its duration in
    /// `buf.dur` and its predecessors' dates (and, for a resource-driven node, the duration
    /// `buf.rd_in` recorded for it, set here when `MIN`).
    #[inline(always)]
    pub(super) fn forward_node<const SEEN: bool>(
        &self,
        buf: &mut Buffers,
        j: usize,
        alap_pass: bool,
    ) {
        let d = buf.dur[j];
        let (a, b) = (self.in_off[j] as usize, self.in_off[j + 1] as usize);
        let (mut es, mut drv, mut fin) = self.linked_start::<SEEN>(buf, j);
        let has_preds = a < b;
        if !has_preds {
            es = self.pstart[j];
        }
        let mut ef = es + d;
        let mut conflict = false;
        let mut alap = false;
        let sp = self.special[j];
        if sp != NONE {
            let s = &self.specials[sp as usize];
            alap = s.alap;
            if s.afinish != MIN {
                es = if s.astart != MIN {
                    s.astart
                } else {
                    s.afinish - d
                };
                ef = s.afinish;
                drv = NONE;
            } else if s.astart != MIN {
                es = s.astart;
                ef = es + d;
                if s.floor != MIN {
                    let remaining = d * i64::from(100 - s.pct) / 100;
                    ef = ef.max(s.floor + remaining);
                }
                // Its links no longer move it, but finish-no-earlier-than still holds
                // its finish back (MS Project moves the remaining work to end there; as
                // MPXJ's emulation does, the one constraint it applies to a started task).
                if s.ckind == ConstraintKind::Fnet {
                    ef = ef.max(s.cpos);
                }
                drv = NONE;
            } else if s.manual != MIN {
                // Manually scheduled: where the user put it, whatever its links.
                es = s.manual;
                ef = es + d;
                drv = NONE;
                fin = false;
            } else {
                if !has_preds {
                    match s.ckind {
                        ConstraintKind::Snet => es = s.cpos,
                        ConstraintKind::Fnet => {
                            // Its finish places it: a point shows at that finish.
                            es = s.cpos - d;
                            fin = true;
                        }
                        ConstraintKind::None
                        | ConstraintKind::Snlt
                        | ConstraintKind::Fnlt
                        | ConstraintKind::Mso
                        | ConstraintKind::Mfo => {}
                    }
                }
                if s.floor > es {
                    es = s.floor;
                    drv = NONE;
                    fin = false;
                }
                let linked = es;
                match s.ckind {
                    ConstraintKind::None => {}
                    ConstraintKind::Snet => es = es.max(s.cpos),
                    ConstraintKind::Fnet => es = es.max(s.cpos - d),
                    ConstraintKind::Snlt => es = es.min(s.cpos),
                    ConstraintKind::Fnlt => es = es.min(s.cpos - d),
                    ConstraintKind::Mso => es = s.cpos,
                    ConstraintKind::Mfo => es = s.cpos - d,
                }
                if es != linked {
                    drv = NONE;
                    fin = matches!(s.ckind, ConstraintKind::Mfo | ConstraintKind::Fnet);
                }
                conflict = es < linked && has_preds;
                ef = es + d;
            }
            if s.rd != NONE && s.afinish == MIN && s.astart == MIN && s.manual == MIN {
                let r = s.rd as usize;
                if !self.drivers[r].parts.is_empty() {
                    // Assignments on several calendars: the task spans them.
                    if buf.rd_in[r] == MIN {
                        buf.rd_in[r] = d;
                    }
                    if let Some(f) = self.finish_placed::<SEEN>(buf, j, s, es, d) {
                        es = f;
                    }
                    ef = self.span_forward(r, j, es, buf.rd_in[r]);
                    buf.dur[j] = ef - es;
                }
            }
        }
        buf.es[j] = es;
        buf.ef[j] = ef;
        if !SEEN {
        } else if alap_pass && alap {
            buf.ses[j] = buf.ls[j];
            buf.sef[j] = buf.lf[j];
        } else {
            buf.ses[j] = es;
            buf.sef[j] = ef;
        }
        buf.drv[j] = drv;
        buf.fin_form[j] = fin;
        buf.conflict[j] = conflict;
    }

    /// The project finish: the latest early finish, as an instant and as a position on every
    /// timeline.
    pub(crate) fn project_finish(&self, buf: &mut Buffers) {
        let m = self.node_task.len();
        let nt = self.timelines.len();
        if m == 0 {
            buf.finish = 0;
            return;
        }
        let finish = if self.single_cal {
            let p = buf.ef.iter().copied().max().unwrap_or(0);
            self.timelines[self.cal[0] as usize].finish_instant(p)
        } else {
            // Latest position per timeline first, then compare instants.
            for v in buf.pf_pos.iter_mut() {
                *v = MIN;
            }
            for k in 0..m {
                let c = self.cal[k] as usize;
                buf.pf_pos[c] = buf.pf_pos[c].max(buf.ef[k]);
            }
            (0..nt)
                .filter(|&c| buf.pf_pos[c] != MIN)
                .map(|c| self.timelines[c].finish_instant(buf.pf_pos[c]))
                .max()
                .unwrap_or(0)
        };
        buf.finish = finish;
        for c in 0..nt {
            buf.pf_pos[c] = self.timelines[c].pos(finish);
        }
    }

    /// Late dates, from the last node back. With `FLOATS`, also the floats (the early dates
    /// are final then: no ALAP task moves them), in the same walk over the links; free float
    /// only with `FREE` too (else it stays 0).
    pub(crate) fn backward<const FLOATS: bool, const FREE: bool>(&self, buf: &mut Buffers) {
        for i in (0..self.node_task.len()).rev() {
            self.backward_node::<FLOATS, FREE>(buf, i);
        }
    }

    /// Node `i`'s late dates in the backward pass, from its successors' dates and the project
    /// finish in `buf.pf_pos`; with `FLOATS`, its floats and critical flag too (free float
    /// only with `FREE`).
    #[inline(always)]
    pub(super) fn backward_node<const FLOATS: bool, const FREE: bool>(
        &self,
        buf: &mut Buffers,
        i: usize,
    ) {
        let d = buf.dur[i];
        let pf = buf.pf_pos[self.cal[i] as usize];
        let mut lf = pf;
        let mut bound = MAX;
        for &Edge { node, lag, kind } in
            &self.outs[self.out_off[i] as usize..self.out_off[i + 1] as usize]
        {
            let (j, lag) = (node as usize, i64::from(lag));
            let (cand, fcand) = match kind {
                // One path for the four link types, as in the forward pass: FF and SF
                // arrive at the successor's finish, SS and SF leave from the start.
                k if k.plain().is_some() => {
                    let back = if k.leaves_start() { d - lag } else { -lag };
                    if k.to_finish() {
                        (buf.lf[j] + back, if FREE { buf.ef[j] + back } else { 0 })
                    } else {
                        (buf.ls[j] + back, if FREE { buf.es[j] + back } else { 0 })
                    }
                }
                k if k.is_done_succ() => continue,
                k => (
                    if k.is_free_only() {
                        self.free_only_bound(buf, i, j, k)
                    } else if k.is_started_succ() {
                        self.bound_by_started(buf, i, j, k, lag)
                    } else {
                        self.bwd_slow(buf, i, j, k.link(), lag as usize, buf.ls[j], buf.lf[j])
                    },
                    if FREE {
                        self.free_bound(buf, i, j, k, lag)
                    } else {
                        0
                    },
                ),
            };
            lf = lf.min(cand);
            bound = bound.min(fcand);
        }
        let mut ls = lf - d;
        let sp = self.special[i];
        let (mut started, mut done, mut nocrit) = (false, false, false);
        let mut own = None;
        if sp != NONE {
            let s = &self.specials[sp as usize];
            nocrit = s.nocrit;
            match s.ckind {
                ConstraintKind::Mso => lf = s.cpos + d,
                ConstraintKind::Mfo => lf = s.cpos,
                ConstraintKind::Snlt => lf = lf.min(s.cpos + d),
                ConstraintKind::Fnlt => lf = lf.min(s.cpos),
                ConstraintKind::None | ConstraintKind::Snet | ConstraintKind::Fnet => {}
            }
            lf = lf.min(s.deadline);
            ls = lf - d;
            if s.rd != NONE {
                let r = s.rd as usize;
                if !self.drivers[r].parts.is_empty() && s.astart == MIN {
                    if let Some(f) = self.start_placed(buf, i, s, lf, d) {
                        lf = f;
                    }
                    ls = self.span_backward(r, i, lf, buf.rd_in[r]);
                }
                own = Some(self.drivers[r].own).filter(|&o| o != self.cal[i]);
            }
            if s.afinish != MIN {
                lf = s.afinish;
                ls = buf.es[i];
            } else if s.astart != MIN {
                ls = s.astart;
            }
            done = s.afinish != MIN;
            started = s.astart != MIN;
        }
        buf.ls[i] = ls;
        buf.lf[i] = lf;
        if FLOATS {
            self.store_floats::<FREE>(buf, i, (done, started, nocrit), own, bound, pf);
        }
    }

    /// Node `i`'s total float, free float (with `FREE`, else 0) and critical flag, from its
    /// dates in `buf`, whether it is done or started and never critical (`nocrit`), the
    /// timeline its floats count on when not its own (`own`) and `bound`, the earliest date
    /// its unfinished successors allow its finish (`MAX`: none; see [`succ_bound`]).
    #[inline(always)]
    fn store_floats<const FREE: bool>(
        &self,
        buf: &mut Buffers,
        i: usize,
        (done, started, nocrit): (bool, bool, bool),
        own: Option<u16>,
        bound: i64,
        pf: i64,
    ) {
        let (es, ef, ls, lf) = (buf.es[i], buf.ef[i], buf.ls[i], buf.lf[i]);
        let tf = if done {
            0
        } else if started {
            lf - ef
        } else {
            (ls - es).min(lf - ef)
        };
        let (tf, ff) = match own {
            None => (tf, free_float(succ_bound(bound, pf), ef, tf, done)),
            Some(o) => self.own_floats::<FREE>(buf, i, o, done, started, succ_bound(bound, pf)),
        };
        buf.tf[i] = tf;
        buf.ff[i] = if FREE { ff } else { 0 };
        buf.critical[i] = tf <= 0 && !done && !nocrit;
    }

    /// The late finish that a free-only link `k` from `i` to `j` gives `i` (see
    /// `EdgeKind::FREE_ONLY`): none, but for an SS link from a manual task that has not
    /// started to a task without successors, whose late finish it takes (MPXJ's
    /// `calculateLateFinishForStartStart`; in the corpus such a successor ends with the
    /// project, where both rules agree).
    #[inline]
    fn free_only_bound(&self, buf: &Buffers, i: usize, j: usize, k: EdgeKind) -> i64 {
        let s = &self.specials[self.special[i] as usize];
        let last = self.out_off[j] == self.out_off[j + 1];
        if k.link() == SS && last && s.manual != MIN && s.astart == MIN {
            buf.lf[j]
        } else {
            MAX
        }
    }

    /// The late finish that link `k` (FS or SS, lag `lag`) into started node `j` gives node
    /// `i` (see `EdgeKind::STARTED_SUCC`): over FS, back from `j`'s late finish less its
    /// remaining duration; over SS, `i`'s duration after the end of `j`'s work done, or no
    /// bound when `j` has no successor.
    #[inline]
    fn bound_by_started(&self, buf: &Buffers, i: usize, j: usize, k: EdgeKind, lag: i64) -> i64 {
        let s = &self.specials[self.special[j] as usize];
        let d = buf.dur[j];
        if k.link() == SS {
            if self.out_off[j] == self.out_off[j + 1] {
                return MAX;
            }
            let stop = s.astart + d * i64::from(s.pct) / 100;
            return if k.is_slow() {
                let at = self.timelines[self.cal[j] as usize].start_instant(stop);
                self.timelines[self.cal[i] as usize].pos(at) + buf.dur[i]
            } else {
                stop + buf.dur[i]
            };
        }
        let ls = buf.lf[j] - d * i64::from(100 - s.pct) / 100;
        if k.is_slow() {
            self.bwd_slow(buf, i, j, FS, lag as usize, ls, buf.lf[j])
        } else {
            ls - lag
        }
    }

    /// Total float, the critical flag and, with `FREE`, free float (else 0), once the late
    /// dates are known.
    pub(crate) fn floats<const FREE: bool>(&self, buf: &mut Buffers) {
        let m = self.node_task.len();
        for i in 0..m {
            let d = buf.dur[i];
            let mut started = false;
            let mut done = false;
            let mut nocrit = false;
            let mut own = None;
            let sp = self.special[i];
            if sp != NONE {
                let s = &self.specials[sp as usize];
                nocrit = s.nocrit;
                done = s.afinish != MIN;
                started = s.astart != MIN;
                if s.rd != NONE {
                    own = Some(self.drivers[s.rd as usize].own).filter(|&o| o != self.cal[i]);
                }
            }
            let mut bound = MAX;
            let pf = buf.pf_pos[self.cal[i] as usize];
            let edges = if FREE {
                self.out_off[i] as usize..self.out_off[i + 1] as usize
            } else {
                0..0
            };
            for e in edges {
                let Edge { node, lag, kind } = self.outs[e];
                let (j, lag) = (node as usize, i64::from(lag));
                let cand = match kind.plain() {
                    Some(FS) => buf.es[j] - lag,
                    Some(SS) => buf.es[j] - lag + d,
                    Some(FF) => buf.ef[j] - lag,
                    Some(SF) => buf.ef[j] - lag + d,
                    None if kind.is_done_succ() => continue,
                    None => self.free_bound(buf, i, j, kind, lag),
                };
                bound = bound.min(cand);
            }
            self.store_floats::<FREE>(buf, i, (done, started, nocrit), own, bound, pf);
        }
    }

    /// The start that the link from `i` (early dates `ss`, `sf`) of `kind` and `lag` gives
    /// successor `j` of duration `d`. One path for the four link types, selecting rather than
    /// jumping (the link types come mixed, and a jump per type is mispredicted): FS and FF
    /// leave from the predecessor's finish, FF and SF arrive at the successor's finish.
    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    fn fwd_start(
        &self,
        buf: &Buffers,
        (ss, sf): (&[i64], &[i64]),
        i: usize,
        j: usize,
        kind: EdgeKind,
        lag: i64,
        d: i64,
    ) -> i64 {
        if !kind.is_slow() {
            let from = if !kind.leaves_start() { sf[i] } else { ss[i] };
            from + lag - if kind.to_finish() { d } else { 0 }
        } else {
            self.fwd_slow(buf, i, j, kind.link(), lag as usize)
        }
    }

    /// The early start of resource-driven node `j` when its finish placed it (`es` is the
    /// start the forward pass found with the node's duration `d` backed off a required
    /// finish: a finish-to-finish or start-to-finish link, or a FNET constraint): the work
    /// backed off that finish on each assignment's calendar, as MPXJ's emulation of MS Project
    /// does, so that a vacation inside the span does not push the finish past the one
    /// required. No earlier than what its start-to-start and finish-to-start links, the
    /// project start, SNET and the status date require. `None` when its start placed it, and
    /// for the other constraints (MSO, MFO, SNLT, FNLT: the start as found).
    fn finish_placed<const SEEN: bool>(
        &self,
        buf: &Buffers,
        j: usize,
        s: &Special,
        es: i64,
        d: i64,
    ) -> Option<i64> {
        let (a, b) = (self.in_off[j] as usize, self.in_off[j + 1] as usize);
        let no_preds = a == b;
        let mut start_floor = if no_preds && s.ckind != ConstraintKind::Fnet {
            self.pstart[j]
        } else {
            MIN
        };
        let mut finish = MIN;
        let (ss, sf) = if SEEN {
            (&buf.ses[..], &buf.sef[..])
        } else {
            (&buf.es[..], &buf.ef[..])
        };
        for e in a..b {
            let Edge { node, lag, kind } = self.ins[e];
            let (i, lag) = (node as usize, i64::from(lag));
            if let Some(start) = self.lagged_into_finish(buf, i, j, kind, lag) {
                start_floor = start_floor.max(start);
                continue;
            }
            let raw = self.fwd_start(buf, (ss, sf), i, j, kind, lag, d);
            if kind.to_finish() {
                finish = finish.max(raw + d);
                if kind.link() == FF {
                    start_floor = start_floor.max(self.pstart[j]);
                }
            } else {
                start_floor = start_floor.max(raw);
            }
        }
        start_floor = start_floor.max(s.floor);
        match s.ckind {
            ConstraintKind::None => {}
            ConstraintKind::Snet => start_floor = start_floor.max(s.cpos),
            ConstraintKind::Fnet => finish = finish.max(s.cpos),
            _ => return None,
        }
        if finish == MIN || finish - d != es || es <= start_floor {
            return None;
        }
        let r = s.rd as usize;
        Some(
            self.span_backward(r, j, finish, buf.rd_in[r])
                .max(start_floor),
        )
    }

    /// The start that an FF or SF link with a lag gives resource-driven node `j` (driver of
    /// `s`), as MPXJ's emulation places it (`calculateEarlyStartForFinishFinish`): each
    /// assignment's work backed off the predecessor's date on its resource's calendar, the
    /// task starting with the first, then the lag added on the task's own calendar (on the
    /// clock when elapsed). `None` for other links and without a lag: the finish places the
    /// task then ([`Self::finish_placed`]), which comes to the same.
    fn lagged_into_finish(
        &self,
        buf: &Buffers,
        i: usize,
        j: usize,
        kind: EdgeKind,
        lag: i64,
    ) -> Option<i64> {
        let sp = self.special[j];
        if !kind.to_finish() || !kind.is_slow() || sp == NONE {
            return None;
        }
        let s = &self.specials[sp as usize];
        let placed = s.afinish == MIN && s.astart == MIN && s.manual == MIN;
        if s.rd == NONE || !placed {
            return None;
        }
        let lag = self.lag(self.slow[lag as usize], i, buf);
        if matches!(lag, L::W(0) | L::E(0)) {
            return None;
        }
        let tj = &self.timelines[self.cal[j] as usize];
        let r = s.rd as usize;
        let d = if buf.rd_in[r] == MIN {
            buf.dur[j]
        } else {
            buf.rd_in[r]
        };
        let base = tj.pos(self.slow_base(buf, i, kind.link()));
        let backed = tj.start_instant(if self.drivers[r].parts.is_empty() {
            base - d
        } else {
            self.span_backward(r, j, base, d)
        });
        let lw = &self.timelines[self.lag_cal(j) as usize];
        let at = match lag {
            L::W(x) => lw.start_instant(lw.pos(backed) + x),
            L::E(x) => backed + x,
        };
        Some(tj.pos(at))
    }

    /// The late finish of resource-driven node `i` when a start requirement placed it (`lf`
    /// is the late start a start-to-start or start-to-finish successor, or SNLT, allows,
    /// plus the node's span `d`): each assignment's work laid forward from that start on its
    /// resource's calendar, as MPXJ's emulation of MS Project does (the mirror of
    /// [`Self::finish_placed`]). No later than what its finish-to-start and finish-to-finish
    /// successors, FNLT, its deadline and the project finish allow. `None` when a finish
    /// requirement placed it, and under MSO and MFO.
    fn start_placed(&self, buf: &Buffers, i: usize, s: &Special, lf: i64, d: i64) -> Option<i64> {
        let mut finish_cap = buf.pf_pos[self.cal[i] as usize].min(s.deadline);
        let mut start = MAX;
        for e in self.out_off[i] as usize..self.out_off[i + 1] as usize {
            let Edge { node, lag, kind } = self.outs[e];
            let (j, lag) = (node as usize, i64::from(lag));
            let cand = match kind {
                k if k.plain().is_some() => {
                    let back = if k.leaves_start() { d - lag } else { -lag };
                    if k.to_finish() {
                        buf.lf[j] + back
                    } else {
                        buf.ls[j] + back
                    }
                }
                k if k.is_done_succ() || k.is_free_only() => continue,
                k if k.is_started_succ() => self.bound_by_started(buf, i, j, k, lag),
                k => self.bwd_slow(buf, i, j, k.link(), lag as usize, buf.ls[j], buf.lf[j]),
            };
            if kind.leaves_start() {
                start = start.min(cand - d);
            } else {
                finish_cap = finish_cap.min(cand);
            }
        }
        match s.ckind {
            ConstraintKind::None | ConstraintKind::Snet | ConstraintKind::Fnet => {}
            ConstraintKind::Snlt => start = start.min(s.cpos),
            ConstraintKind::Fnlt => finish_cap = finish_cap.min(s.cpos),
            ConstraintKind::Mso | ConstraintKind::Mfo => return None,
        }
        if start == MAX || start + d != lf || lf >= finish_cap {
            return None;
        }
        let r = s.rd as usize;
        Some(self.span_forward(r, i, start, buf.rd_in[r]).min(finish_cap))
    }

    /// The early finish of resource-driven node `j` (driver `r`) starting at `es`: each
    /// assignment works its span (scaled as the node's duration `d` is) on its own calendar
    /// from the task's start; the task finishes with the last.
    fn span_forward(&self, r: usize, j: usize, es: i64, d: i64) -> i64 {
        let tj = &self.timelines[self.cal[j] as usize];
        let at = tj.start_instant(es);
        self.spans(r, j, d)
            .map(|(tl, span)| tj.pos(tl.finish_instant(tl.pos(at) + span)))
            .fold(es, i64::max)
    }

    /// The late start of resource-driven node `i` (driver `r`) finishing at `lf`: each
    /// assignment counted back from it on its own calendar; the task starts with the first.
    fn span_backward(&self, r: usize, i: usize, lf: i64, d: i64) -> i64 {
        let ti = &self.timelines[self.cal[i] as usize];
        let at = ti.finish_instant(lf);
        self.spans(r, i, d)
            .map(|(tl, span)| ti.pos(tl.start_instant(tl.pos(at) - span)))
            .fold(lf, i64::min)
    }

    /// Each assignment of driver `r` (node `k`) with its timeline and its span, scaled as the
    /// node's duration `d` is to its planned one.
    fn spans(&self, r: usize, k: usize, d: i64) -> impl Iterator<Item = (&Timeline, i64)> + '_ {
        let base = self.base_dur[k];
        self.drivers[r].parts.iter().map(move |&(c, span)| {
            let span = if base > 0 && d != base {
                (i128::from(span) * i128::from(d) / i128::from(base)) as i64
            } else {
                span
            };
            (&self.timelines[c as usize], span)
        })
    }

    /// Total and free float of node `i` counted on timeline `own` (a resource-driven task's
    /// own calendar: MS Project counts its floats there, not on its resources' calendars);
    /// free float 0 without `FREE`.
    fn own_floats<const FREE: bool>(
        &self,
        buf: &Buffers,
        i: usize,
        own: u16,
        done: bool,
        started: bool,
        bound: Option<i64>,
    ) -> (i64, i64) {
        let t = &self.timelines[self.cal[i] as usize];
        let o = &self.timelines[own as usize];
        let s = |p: i64| o.pos(t.start_instant(p));
        let f = |p: i64| o.pos(t.finish_instant(p));
        let (es, ef, ls, lf) = (s(buf.es[i]), f(buf.ef[i]), s(buf.ls[i]), f(buf.lf[i]));
        let tf = if done {
            0
        } else if started {
            lf - ef
        } else {
            (ls - es).min(lf - ef)
        };
        (
            tf,
            if FREE {
                free_float(bound.map(f), ef, tf, done)
            } else {
                0
            },
        )
    }
}

/// The date a node's unfinished successors allow its finish, from the smallest `bound`
/// they gave (`MAX`: none did), no later than the project finish `pf`.
#[inline]
fn succ_bound(bound: i64, pf: i64) -> Option<i64> {
    (bound != MAX).then_some(bound.min(pf))
}

/// Free float from `bound`, the date its unfinished successors allow the finish `ef`
/// ([`succ_bound`]): the gap to that date, else (no such successor) the total float `tf`;
/// never negative, 0 for a finished task. Not capped at the total float: next to negative
/// float (a successor pulled back by a constraint or a deadline) a task's free float can
/// exceed its total float, as in MPXJ's emulation of MS Project (`MicrosoftSlackCalculator`:
/// the smallest gap to a successor, or the total slack without one).
#[inline]
fn free_float(bound: Option<i64>, ef: i64, tf: i64, done: bool) -> i64 {
    match bound {
        _ if done => 0,
        None => tf.max(0),
        Some(b) => (b - ef).max(0),
    }
}
