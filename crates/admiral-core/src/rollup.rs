//! Every row's work, cost and percent complete, summaries rolled up from the rows under them:
//! the one computation behind [`crate::baseline::task_work_and_cost`] and
//! [`crate::progress::percent_complete`] (their docs give the rules; the latter takes the
//! progress part alone, [`percents`]), kept so that a change of a few tasks updates it in time
//! proportional to those tasks and the summaries above them.
//! The app's grid asks for every row's cost and percent after each edit: at 100k tasks
//! computing them afresh was a third of an edit's time in Rust (`perf`).

use crate::model::*;
use crate::schedule::TaskIndex;
use std::collections::HashMap;

/// A row's own share of the roll-ups, or the sum of them over a summary and the rows under it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Parts {
    /// Work (unit-minutes) and cost of the row's assignments, rounded per row, plus its fixed
    /// cost; a summary's own assignments count nowhere.
    work: i64,
    cost: i64,
    /// For percent complete, over tasks that are not summaries: Σ duration × percent,
    /// Σ duration, Σ percent and how many.
    done: i128,
    span: i128,
    percents: i64,
    leaves: i64,
}

impl Parts {
    fn add(&mut self, o: &Parts) {
        self.work += o.work;
        self.cost += o.cost;
        self.done += o.done;
        self.span += o.span;
        self.percents += o.percents;
        self.leaves += o.leaves;
    }

    fn minus(mut self, o: &Parts) -> Parts {
        self.work -= o.work;
        self.cost -= o.cost;
        self.done -= o.done;
        self.span -= o.span;
        self.percents -= o.percents;
        self.leaves -= o.leaves;
        self
    }
}

const TOP: u32 = u32::MAX;

/// The roll-ups of a plan's rows, in `plan.tasks` order.
pub struct RowTotals {
    ids: Vec<TaskId>,
    index: TaskIndex,
    /// Whether two rows share an id: then each takes the first one's assignments, and
    /// [`RowTotals::update`] declines.
    duplicates: bool,
    levels: Vec<u16>,
    summary: Vec<bool>,
    /// The summary row each row is under (`TOP` for none).
    parent: Vec<u32>,
    own: Vec<Parts>,
    total: Vec<Parts>,
}

impl RowTotals {
    /// The roll-ups of `plan`, with summary rows as `summary` marks them (the schedule's
    /// flags, or [`crate::baseline::summary_flags`]).
    pub fn new(plan: &Plan, summary: &[bool]) -> Self {
        let ids: Vec<TaskId> = plan.tasks.iter().map(|t| t.id).collect();
        let (index, duplicates) = TaskIndex::build(&ids);
        let summary: Vec<bool> = (0..ids.len())
            .map(|i| summary.get(i).copied().unwrap_or(false))
            .collect();
        let mut totals = RowTotals {
            levels: plan.tasks.iter().map(|t| t.outline_level).collect(),
            parent: parents(plan, &summary),
            own: Vec::new(),
            total: Vec::new(),
            ids,
            index,
            duplicates,
            summary,
        };
        let mut acc = vec![(0f64, 0f64); plan.tasks.len()];
        let rate = rates(plan);
        for a in &plan.assignments {
            // An assignment of no task of the plan counts nowhere.
            if let Some(k) = totals.index.get(&totals.ids, a.task_id) {
                let k = k as usize;
                add_assignment(&mut acc[k], plan.tasks[k].duration, a, &rate);
            }
        }
        totals.own = (0..plan.tasks.len())
            .map(|i| {
                let k = match totals.duplicates {
                    true => totals.index.get(&totals.ids, totals.ids[i]).unwrap_or(0) as usize,
                    false => i,
                };
                totals.own_parts(&plan.tasks[i], i, acc[k])
            })
            .collect();
        totals.total = totals.own.clone();
        // Children follow their summary: from the last row up, each row's total is complete
        // when it is added to its summary's.
        for i in (0..totals.total.len()).rev() {
            let p = totals.parent[i];
            if p != TOP {
                let t = totals.total[i];
                totals.total[p as usize].add(&t);
            }
        }
        totals
    }

    /// Brings the roll-ups up to date after a change to the tasks `changed` (their own fields
    /// or their assignments) and to nothing else that they depend on: no row added, removed
    /// or moved, no task's outline level, no resource's rate. False, with nothing changed,
    /// when `plan` does not fit that (a row count, an id or a level differs): make them anew.
    pub fn update(&mut self, plan: &Plan, changed: &[TaskId]) -> bool {
        if self.duplicates || plan.tasks.len() != self.ids.len() {
            return false;
        }
        // Each changed row once, with its place in `rows`.
        let mut rows: Vec<usize> = Vec::with_capacity(changed.len());
        let mut slot: HashMap<usize, usize> = HashMap::with_capacity(changed.len());
        for &id in changed {
            let Some(i) = self.index.get(&self.ids, id).map(|i| i as usize) else {
                return false;
            };
            let t = &plan.tasks[i];
            if t.id != id || t.outline_level != self.levels[i] {
                return false;
            }
            slot.entry(i).or_insert_with(|| {
                rows.push(i);
                rows.len() - 1
            });
        }
        let mut acc = vec![(0f64, 0f64); rows.len()];
        let rate = rates(plan);
        for a in &plan.assignments {
            // A few rows (an edit's) are found faster by comparing ids than by hashing.
            let k = match rows.len() {
                0..=16 => rows.iter().position(|&i| self.ids[i] == a.task_id),
                _ => (self.index.get(&self.ids, a.task_id))
                    .and_then(|i| slot.get(&(i as usize)).copied()),
            };
            if let Some(k) = k {
                add_assignment(&mut acc[k], plan.tasks[rows[k]].duration, a, &rate);
            }
        }
        for (&i, acc) in rows.iter().zip(acc) {
            let new = self.own_parts(&plan.tasks[i], i, acc);
            let delta = new.minus(&self.own[i]);
            self.own[i] = new;
            let mut j = i as u32;
            while j != TOP {
                self.total[j as usize].add(&delta);
                j = self.parent[j as usize];
            }
        }
        true
    }

    /// The rows of the tasks `ids` and of the summaries above them: those whose roll-ups
    /// [`RowTotals::update`] of `ids` may change. `None` when an id is not one row's.
    pub fn rows_up_from(&self, ids: &[TaskId]) -> Option<Vec<usize>> {
        if self.duplicates {
            return None;
        }
        let mut rows = Vec::with_capacity(ids.len() * 4);
        for &id in ids {
            let mut j = self.index.get(&self.ids, id)?;
            while j != TOP {
                rows.push(j as usize);
                j = self.parent[j as usize];
            }
        }
        Some(rows)
    }

    /// Row `i`'s work and cost: a task's own, a summary's with every row under it.
    pub fn work_and_cost(&self, i: usize) -> (WorkMinutes, Money) {
        let t = &self.total[i];
        (WorkMinutes(t.work), Money(t.cost))
    }

    /// Row `i`'s percent complete: a task's own, a summary's rolled up.
    pub fn percent(&self, i: usize) -> u8 {
        percent_of(self.summary[i], &self.total[i])
    }

    /// Row `i`'s own parts: `acc` is the work and cost of its assignments, unrounded.
    fn own_parts(&self, t: &Task, i: usize, (work, cost): (f64, f64)) -> Parts {
        let fixed = t.fixed_cost.amount.0;
        if self.summary[i] {
            return Parts {
                cost: fixed,
                ..Parts::default()
            };
        }
        Parts {
            work: work.round() as i64,
            cost: cost.round() as i64 + fixed,
            ..progress_parts(t)
        }
    }
}

/// Every row's percent complete in `plan.tasks` order, as [`RowTotals::percent`] gives it,
/// with summary rows as `summary` marks them: the roll-up of progress alone, for a caller
/// that wants no work or cost (the CLI's schedule and EVM, through
/// [`crate::progress::percent_complete`]). It needs no index of the ids and no assignment:
/// at 100k tasks, making every roll-up to read the percents took about 27 ms of a 0.4 s
/// `admiral schedule --json` (`perf`).
pub fn percents(plan: &Plan, summary: &[bool]) -> Vec<u8> {
    let summary: Vec<bool> = (0..plan.tasks.len())
        .map(|i| summary.get(i).copied().unwrap_or(false))
        .collect();
    let parent = parents(plan, &summary);
    let mut total: Vec<Parts> = plan
        .tasks
        .iter()
        .zip(&summary)
        .map(|(t, &s)| {
            if s {
                Parts::default()
            } else {
                progress_parts(t)
            }
        })
        .collect();
    // As in `RowTotals::new`: from the last row up, each row is complete when it is added.
    for i in (0..total.len()).rev() {
        let p = parent[i];
        if p != TOP {
            let t = total[i];
            total[p as usize].add(&t);
        }
    }
    total
        .iter()
        .zip(&summary)
        .map(|(t, &s)| percent_of(s, t))
        .collect()
}

/// A task's own share of the percent-complete roll-up (not a summary's: a summary has none).
fn progress_parts(t: &Task) -> Parts {
    let percent = t.progress.percent_complete.min(100);
    let d = i128::from(t.duration.minutes().max(0));
    Parts {
        done: d * i128::from(percent),
        span: d,
        percents: i64::from(percent),
        leaves: 1,
        ..Parts::default()
    }
}

/// The percent complete of a row whose roll-up is `t`: a task's own; a summary's weighted by
/// the durations under it, or their plain mean when those are all zero.
fn percent_of(summary: bool, t: &Parts) -> u8 {
    if !summary {
        t.percents as u8
    } else if t.span > 0 {
        (t.done / t.span) as u8
    } else {
        t.percents.checked_div(t.leaves).unwrap_or(0) as u8
    }
}

/// Each resource's cost rate.
fn rates(plan: &Plan) -> HashMap<ResourceId, i64> {
    plan.resources
        .iter()
        .map(|r| (r.id, r.cost_rate.0))
        .collect()
}

/// Adds assignment `a` of a task of duration `d` to that task's work and cost.
fn add_assignment(
    acc: &mut (f64, f64),
    d: Duration,
    a: &Assignment,
    rate: &HashMap<ResourceId, i64>,
) {
    let m = d.minutes().max(0);
    let r = rate.get(&a.resource_id).copied().unwrap_or(0) as f64;
    let w = crate::effort::work_of(a, m).0 as f64;
    acc.0 += w;
    acc.1 += r * w / 60.0;
}

/// The summary row each row is under (children follow their parent, one level deeper).
fn parents(plan: &Plan, summary: &[bool]) -> Vec<u32> {
    let mut stack: Vec<(u16, u32)> = Vec::new();
    plan.tasks
        .iter()
        .enumerate()
        .map(|(i, t)| {
            while stack.last().is_some_and(|(l, _)| *l >= t.outline_level) {
                stack.pop();
            }
            let p = stack.last().map_or(TOP, |&(_, s)| s);
            if summary[i] {
                stack.push((t.outline_level, i as u32));
            }
            p
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::baseline::summary_flags;
    use crate::demo::demo_plan_sized;
    use proptest::prelude::*;

    fn values(plan: &Plan, t: &RowTotals) -> Vec<(WorkMinutes, Money, u8)> {
        (0..plan.tasks.len())
            .map(|i| {
                let (w, c) = t.work_and_cost(i);
                (w, c, t.percent(i))
            })
            .collect()
    }

    /// A plan with fixed costs, progress and a second resource on a few tasks.
    fn plan() -> Plan {
        let mut p = demo_plan_sized(200, 5);
        for (i, t) in p.tasks.iter_mut().enumerate() {
            t.fixed_cost.amount = Money((i as i64 % 7) * 1000);
            t.progress.percent_complete = ((i * 13) % 101) as u8;
        }
        p
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// The percents alone equal those of every roll-up made, whatever the outline (levels
        /// that jump, summaries of summaries, rows marked summary or not against their
        /// levels), durations and percents.
        #[test]
        fn the_percents_alone_equal_those_of_the_roll_ups(
            rows in prop::collection::vec((1u16..5, 0i64..3000, 0u8..120, any::<bool>()), 1..60),
            marked in any::<bool>()
        ) {
            let mut p = demo_plan_sized(rows.len(), 1);
            p.tasks.truncate(rows.len());
            for (t, (level, minutes, percent, _)) in p.tasks.iter_mut().zip(&rows) {
                t.outline_level = *level;
                t.duration = Duration::Working(WorkMinutes(*minutes));
                t.progress.percent_complete = *percent;
            }
            // As the outline has them, or marked at random (the schedule's flags may differ).
            let summary: Vec<bool> = match marked {
                false => summary_flags(&p),
                true => rows.iter().map(|r| r.3).collect(),
            };
            let all = RowTotals::new(&p, &summary);
            let expected: Vec<u8> = (0..p.tasks.len()).map(|i| all.percent(i)).collect();
            prop_assert_eq!(percents(&p, &summary), expected);
        }

        /// After any change of durations, percents, fixed costs, units and work of a few
        /// tasks (or their assignments moved to other tasks), the roll-ups kept and updated
        /// equal those made anew, and a row whose values changed is one `rows_up_from` names.
        #[test]
        fn an_update_equals_the_roll_ups_made_anew(
            changes in prop::collection::vec((0usize..200, 0u8..6, 0i64..5000), 1..8)
        ) {
            let mut p = plan();
            let summary = summary_flags(&p);
            let mut kept = RowTotals::new(&p, &summary);
            let mut changed = Vec::new();
            for (i, what, x) in changes {
                let id = p.tasks[i].id;
                changed.push(id);
                let t = &mut p.tasks[i];
                match what {
                    0 => t.duration = Duration::Working(WorkMinutes(x * 10)),
                    1 => t.progress.percent_complete = (x % 101) as u8,
                    2 => t.fixed_cost.amount = Money(x * 17),
                    _ => {
                        let n = p.assignments.len();
                        let a = &mut p.assignments[(i * 7 + x as usize) % n];
                        changed.push(a.task_id);
                        match what {
                            3 => a.units = (x % 300) as f64 / 100.0,
                            4 => a.work = Some(WorkMinutes(x * 3)),
                            _ => a.task_id = id,
                        }
                    }
                }
            }
            let before = values(&p, &kept);
            let named = kept.rows_up_from(&changed).unwrap();
            prop_assert!(kept.update(&p, &changed));
            let after = values(&p, &kept);
            prop_assert_eq!(&after, &values(&p, &RowTotals::new(&p, &summary)));
            for (i, (a, b)) in after.iter().zip(&before).enumerate() {
                prop_assert!(a == b || named.contains(&i), "row {} changed, not named", i);
            }
        }
    }

    /// Many rows at once (a progress update of every task) take the hashed path.
    #[test]
    fn an_update_of_every_row_equals_the_roll_ups_made_anew() {
        let mut p = plan();
        let summary = summary_flags(&p);
        let mut kept = RowTotals::new(&p, &summary);
        for (i, t) in p.tasks.iter_mut().enumerate() {
            t.duration = Duration::Working(WorkMinutes(60 * (i as i64 % 40)));
        }
        for a in &mut p.assignments {
            a.units = 0.5;
        }
        let ids: Vec<TaskId> = p.tasks.iter().map(|t| t.id).collect();
        assert!(kept.update(&p, &ids));
        assert_eq!(values(&p, &kept), values(&p, &RowTotals::new(&p, &summary)));
    }

    #[test]
    fn an_outline_change_is_declined() {
        let mut p = plan();
        let mut kept = RowTotals::new(&p, &summary_flags(&p));
        let i = p.tasks.iter().position(|t| t.outline_level > 1).unwrap();
        p.tasks[i].outline_level -= 1;
        assert!(!kept.update(&p, &[p.tasks[i].id]));
        p.tasks.pop();
        assert!(!kept.update(&p, &[]));
    }
}
