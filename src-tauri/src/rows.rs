//! The schedule's rows as the UI shows them: every row formatted when a plan is opened, and
//! after an edit only the rows that differ from those the UI holds.

use crate::delta::Texts;
use crate::row_baseline::row_baselines;
use crate::row_segments::row_segments;
use crate::row_texts::{all_predecessor_texts, member, predecessor_texts};
use crate::view::{summary, RowBaseline, RowView, ScheduleView, Segment};
use crate::wire;
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

/// The rows of `s` that differ from `sent` (the rows the UI holds), with their positions, in
/// columns that leave out the dates and texts the UI holds already; `sent` is brought up to
/// date. Only the texts that `texts` names are formatted again: at
/// 10k tasks formatting every row takes longer than scheduling. `totals` are the plan's
/// roll-ups.
pub fn changed_rows(
    plan: &Plan,
    s: &Schedule,
    sent: &mut [RowView],
    texts: &Texts,
    shown: u8,
    totals: &RowTotals,
) -> ScheduleView {
    let mut preds = predecessor_texts(plan, texts.predecessors.as_ref());
    let base = row_baselines(plan, s, shown);
    let mut changed = Vec::new();
    let mut rows = Vec::new();
    let mut kept = Vec::new();
    let duration_changed = member(&texts.durations);
    let predecessors_changed = texts.predecessors.as_ref().map(member);
    for (i, ((t, ts), row)) in plan.tasks.iter().zip(&s.tasks).zip(sent).enumerate() {
        let b = base.as_ref().and_then(|b| b[i]);
        let (start, finish) = (row.start, row.finish);
        let (pct, cost) = (totals.percent(i), totals.work_and_cost(i).1);
        let differs = row.refresh(ts, (b, pct, cost, row_segments(plan, t, ts)));
        let (mut duration, mut predecessors) = (false, false);
        if duration_changed(&t.id) {
            duration = replace(&mut row.duration, format_duration(t.duration));
        }
        if predecessors_changed.as_ref().is_none_or(|p| p(&t.id)) {
            predecessors = replace(
                &mut row.predecessors,
                preds.remove(&t.id).unwrap_or_default(),
            );
        }
        if differs || duration || predecessors {
            changed.push(i as u32);
            rows.push(row.clone());
            kept.push(Kept {
                start: row.start == start,
                finish: row.finish == finish,
                duration: !duration,
                predecessors: !predecessors,
            });
        }
    }
    let mut view = summary(plan, s, Vec::new(), Some(changed));
    view.changed_rows = Some(wire::changed_rows(plan, rows, &kept));
    view
}

/// Sets `slot` to `value`; true when that changed it.
fn replace(slot: &mut String, value: String) -> bool {
    let differs = *slot != value;
    *slot = value;
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

    /// Takes the computed fields from `ts` and `baseline`, keeping the texts; true when any
    /// changed.
    fn refresh(&mut self, ts: &TaskSchedule, computed: Computed) -> bool {
        let duration = std::mem::take(&mut self.duration);
        let predecessors = std::mem::take(&mut self.predecessors);
        let fresh = RowView::new(ts, String::new(), String::new(), computed);
        let differs = fresh != *self;
        *self = RowView {
            duration,
            predecessors,
            ..fresh
        };
        differs
    }
}

/// What a changed row keeps of the row the UI holds: those values are left out (`null`).
#[derive(Clone, Copy, Default)]
pub struct Kept {
    pub start: bool,
    pub finish: bool,
    pub duration: bool,
    pub predecessors: bool,
}
