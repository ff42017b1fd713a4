//! The schedule's rows as the UI shows them: every row formatted when a plan is opened, and
//! after an edit only the rows that differ from those the UI holds.

use crate::delta::Texts;
use crate::row_baseline::row_baselines;
use crate::row_patch::row_patch;
use crate::row_segments::row_segments;
use crate::row_texts::{all_predecessor_texts, member, predecessor_texts};
use crate::view::{summary, RowBaseline, RowView, ScheduleView, Segment};
use admiral_core::notation::format_duration;
use admiral_core::rollup::RowTotals;
use admiral_core::schedule::{Schedule, TaskSchedule};
use admiral_core::{Money, Plan};

/// The schedule of the whole plan, every row formatted.
pub fn schedule_view(plan: &Plan, s: &Schedule, shown: u8) -> ScheduleView {
    schedule_view_with(plan, s, shown, &totals(plan))
}

/// Every row's cost and percent complete, summaries rolled up (core's `rollup`).
pub fn totals(plan: &Plan) -> RowTotals {
    RowTotals::new(plan, &admiral_core::baseline::summary_flags(plan))
}

/// [`schedule_view`] with the plan's roll-ups.
pub fn schedule_view_with(
    plan: &Plan,
    s: &Schedule,
    shown: u8,
    totals: &RowTotals,
) -> ScheduleView {
    let base = row_baselines(plan, s, shown);
    let rows = plan
        .tasks
        .iter()
        .zip(&s.tasks)
        .zip(all_predecessor_texts(plan))
        .enumerate()
        .map(|(i, ((t, ts), p))| {
            let b = base.as_ref().and_then(|b| b[i]);
            let computed = (
                b,
                totals.percent(i),
                totals.work_and_cost(i).1,
                row_segments(plan, t, ts),
            );
            RowView::new(ts, format_duration(t.duration), p, computed)
        })
        .collect();
    summary(plan, s, rows, None)
}

/// What [`changed_rows`] looks at besides the schedule: the texts to format afresh, the
/// baseline shown, the plan's roll-ups, and the rows that can differ from those sent (`None`:
/// any row can).
pub struct Refresh<'a> {
    pub texts: &'a Texts,
    pub shown: u8,
    pub totals: &'a RowTotals,
    pub only: Option<Vec<u32>>,
}

/// The rows of `s` that differ from `sent` (the rows the UI holds), as a patch that carries
/// only the values that changed ([`crate::row_patch::RowPatch`]); `sent` is brought up to
/// date. Only the texts that `texts` names are formatted again: at 10k tasks formatting every
/// row takes longer than scheduling; and only the rows `only` names are looked at, when the
/// scheduler made only those again (a few of a 100k plan's rows after a duration edit).
pub fn changed_rows(plan: &Plan, s: &Schedule, sent: &mut [RowView], r: Refresh) -> ScheduleView {
    let Refresh {
        texts,
        shown,
        totals,
        only,
    } = r;
    let mut preds = predecessor_texts(plan, texts.predecessors.as_ref());
    let base = row_baselines(plan, s, shown);
    let duration_changed = member(&texts.durations);
    let predecessors_changed = texts.predecessors.as_ref().map(member);
    // A predecessor text can change in a row the schedule did not move.
    let only = only.filter(|_| texts.predecessors.as_ref().is_some_and(|p| p.is_empty()));
    let n = plan.tasks.len().min(s.tasks.len()).min(sent.len());
    let refresh = |i: usize| {
        let (t, ts, row) = (&plan.tasks[i], &s.tasks[i], &mut sent[i]);
        let b = base.as_ref().and_then(|b| b[i]);
        let (pct, cost) = (totals.percent(i), totals.work_and_cost(i).1);
        let mut fields = row.refresh(ts, (b, pct, cost, row_segments(plan, t, ts)));
        if duration_changed(&t.id) && set(&mut row.duration, format_duration(t.duration)) {
            fields.0 |= Fields::DURATION;
        }
        if predecessors_changed.as_ref().is_none_or(|p| p(&t.id))
            && set(
                &mut row.predecessors,
                preds.remove(&t.id).unwrap_or_default(),
            )
        {
            fields.0 |= Fields::PREDECESSORS;
        }
        (fields.0 != 0).then_some((i as u32, fields))
    };
    let changed: Vec<(u32, Fields)> = match only {
        Some(mut rows) => {
            rows.sort_unstable();
            rows.dedup();
            rows.iter()
                .map(|&i| i as usize)
                .filter(|&i| i < n)
                .filter_map(refresh)
                .collect()
        }
        None => (0..n).filter_map(refresh).collect(),
    };
    let mut view = summary(plan, s, Vec::new(), None);
    view.patch = Some(row_patch(plan, sent, &changed));
    view
}

/// Sets `slot` to `value`; true when that changed it.
fn set<T: PartialEq>(slot: &mut T, value: T) -> bool {
    let differs = *slot != value;
    if differs {
        *slot = value;
    }
    differs
}

/// A row's values computed besides its schedule: baseline, % complete, cost, segments.
type Computed = (Option<RowBaseline>, u8, Money, Vec<Segment>);

impl RowView {
    fn new(
        ts: &TaskSchedule,
        duration: String,
        predecessors: String,
        (baseline, percent, cost, segments): Computed,
    ) -> Self {
        RowView {
            task_id: ts.task_id,
            summary: ts.summary,
            milestone: ts.milestone,
            start: ts.start,
            finish: ts.finish,
            total_float: ts.total_float,
            critical: ts.critical,
            near_critical: ts.near_critical,
            blocked_by_gate: ts.blocked_by_gate,
            driving_predecessor: ts.driving_predecessor,
            duration,
            predecessors,
            baseline,
            percent,
            cost,
            segments,
        }
    }

    /// Takes the computed fields from `ts` and `baseline`, keeping the texts; returns those
    /// that changed (every one when the row is now another task's).
    fn refresh(&mut self, ts: &TaskSchedule, computed: Computed) -> Fields {
        if ts.task_id != self.task_id {
            let duration = std::mem::take(&mut self.duration);
            let predecessors = std::mem::take(&mut self.predecessors);
            *self = RowView::new(ts, duration, predecessors, computed);
            return Fields(Fields::ALL);
        }
        // Compared in place, field by field: most rows of an edit's plan change in nothing.
        let (baseline, percent, cost, segments) = computed;
        let flags = [ts.summary, ts.milestone, ts.critical, ts.near_critical];
        let mine = [
            &mut self.summary,
            &mut self.milestone,
            &mut self.critical,
            &mut self.near_critical,
        ];
        let flags_changed = mine
            .into_iter()
            .zip(flags)
            .fold(false, |changed, (slot, value)| set(slot, value) | changed);
        let f = [
            (flags_changed, Fields::FLAGS),
            (set(&mut self.start, ts.start), Fields::START),
            (set(&mut self.finish, ts.finish), Fields::FINISH),
            (set(&mut self.total_float, ts.total_float), Fields::FLOAT),
            (
                set(&mut self.blocked_by_gate, ts.blocked_by_gate),
                Fields::GATE,
            ),
            (
                set(&mut self.driving_predecessor, ts.driving_predecessor),
                Fields::DRIVING,
            ),
            (set(&mut self.baseline, baseline), Fields::BASELINE),
            (set(&mut self.percent, percent), Fields::PERCENT),
            (set(&mut self.cost, cost), Fields::COST),
            (set(&mut self.segments, segments), Fields::SEGMENTS),
        ]
        .iter()
        .filter(|(changed, _)| *changed)
        .fold(0, |f, (_, bit)| f | bit);
        Fields(f)
    }
}

/// Which values of a row an edit changed: one bit per column of a
/// [`crate::row_patch::RowPatch`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Fields(pub u16);

impl Fields {
    pub const FLAGS: u16 = 1;
    pub const START: u16 = 1 << 1;
    pub const FINISH: u16 = 1 << 2;
    pub const FLOAT: u16 = 1 << 3;
    pub const GATE: u16 = 1 << 4;
    pub const DRIVING: u16 = 1 << 5;
    pub const DURATION: u16 = 1 << 6;
    pub const PREDECESSORS: u16 = 1 << 7;
    pub const BASELINE: u16 = 1 << 8;
    pub const PERCENT: u16 = 1 << 9;
    pub const COST: u16 = 1 << 10;
    pub const SEGMENTS: u16 = 1 << 11;
    pub const ALL: u16 = (1 << 12) - 1;

    pub fn has(self, bit: u16) -> bool {
        self.0 & bit != 0
    }
}
