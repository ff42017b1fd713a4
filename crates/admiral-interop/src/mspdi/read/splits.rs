//! Split tasks. MS Project lets its user interrupt a task's work ("Split Task"); the task
//! then finishes later by the gap, and its late dates keep the gap too (the whole pattern
//! moves: `mspdisplittask`, Split Task 1: 10 days of work over 13 working days, late start
//! 2006-10-02 = its late finish 10-18 less 13 days). MSPDI has no field for a split: it is
//! working time without work between periods of work, in the timephased work MS Project
//! writes for a task without resources (its assignment to resource -65535, which the import
//! otherwise leaves out). The import makes each such stretch a [`Split`] of the task: the
//! work before it and its working minutes, both on the task's calendar. (Zero-work periods
//! of an assignment to a real resource belong to its work contour.)

use super::*;
use admiral_core::calendar_view::task_calendar;
use admiral_core::{Split, WorkMinutes};

/// MS Project's "no resource" in an assignment's `ResourceUID`.
const NO_RESOURCE: i64 = -65535;
/// `TimephasedData` types that hold a task's work: remaining (1) and actual (2).
const WORK_TYPES: [&str; 2] = ["1", "2"];

/// A timephased period of work: start, finish, and whether its value is exactly zero.
struct Period {
    start: NaiveDateTime,
    finish: NaiveDateTime,
    zero: bool,
}

impl Reader<'_> {
    /// Gives every imported task whose own timephased work (no resource) stops on working
    /// time between periods of work its splits, and notes how many a task got. A task of
    /// the plan that cannot keep them (a milestone, a summary, more than [`admiral_core::MAX_SPLITS`]) is
    /// noted instead, and scheduled without the gaps.
    pub(super) fn read_splits(&mut self, root: &Element, plan: &mut Plan) {
        let Some(assignments) = root.child("Assignments") else {
            return;
        };
        // MS Project writes a "no resource" assignment for every task without resources.
        let mut row_of = std::collections::HashMap::new();
        for (i, t) in plan.tasks.iter().enumerate() {
            if let Some(uid) = t.external_uid {
                row_of.entry(uid).or_insert(i);
            }
        }
        for a in assignments.children("Assignment") {
            let uid = |f: &str| a.text_of(f).and_then(|t| t.trim().parse::<i64>().ok());
            if uid("ResourceUID") != Some(NO_RESOURCE) {
                continue;
            }
            let Some(task_uid) = uid("TaskUID") else {
                continue;
            };
            let Some(&i) = row_of.get(&task_uid) else {
                continue;
            };
            let cal = task_calendar(plan, &plan.tasks[i]);
            let mut worked: Vec<(NaiveDateTime, NaiveDateTime)> = WORK_TYPES
                .iter()
                .flat_map(|kind| work_periods(a, kind))
                .filter(|p| !p.zero)
                .map(|p| (p.start, p.finish))
                .collect();
            worked.sort();
            let Some(&(first, _)) = worked.first() else {
                continue;
            };
            // A gap is the working time between one period of work and the next.
            let mut splits = Vec::new();
            let mut end = first;
            let mut gaps = 0;
            for &(start, finish) in &worked {
                let gap = if start > end {
                    cal.working_minutes_between(end, start)
                } else {
                    0
                };
                if gap > 0 {
                    let before = cal.working_minutes_between(first, end) - gaps;
                    splits.push(Split {
                        after: WorkMinutes(before),
                        gap: WorkMinutes(gap),
                    });
                    gaps += gap;
                }
                end = end.max(finish);
            }
            if splits.is_empty() {
                continue;
            }
            let t = &mut plan.tasks[i];
            let count = splits.len();
            // Order, count and bounds are the model's rules (`validate_own`).
            if t.kind == TaskKind::Task {
                t.splits = splits;
                if t.validate_own().is_ok() {
                    self.note(
                        a.pos,
                        format!(
                            "task UID {task_uid} is split: {} {} in its work, kept",
                            t.splits.len(),
                            if t.splits.len() == 1 { "gap" } else { "gaps" }
                        ),
                    );
                    continue;
                }
                t.splits.clear();
            }
            self.note(
                a.pos,
                format!(
                    "task UID {task_uid} is split ({count} {}), but a task of its kind cannot keep them: its work is scheduled without the gaps",
                    if count == 1 { "gap" } else { "gaps" }
                ),
            );
        }
    }
}

/// The `TimephasedData` periods of one type, in the file's order; a period without a value
/// (MS Project's non-working time) is left out.
fn work_periods(a: &Element, kind: &str) -> Vec<Period> {
    a.children("TimephasedData")
        .filter(|d| d.text_of("Type").map(str::trim) == Some(kind))
        .filter_map(|d| {
            let start = formats::parse_datetime(d.text_of("Start")?)?;
            let finish = formats::parse_datetime(d.text_of("Finish")?)?;
            let value = d.text_of("Value")?;
            let zero = value.chars().filter(char::is_ascii_digit).all(|c| c == '0');
            Some(Period {
                start,
                finish,
                zero,
            })
        })
        .collect()
}
