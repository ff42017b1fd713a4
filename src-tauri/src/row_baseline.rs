//! Each schedule row's values in the baseline the user shows: its baseline bar and its
//! finish variance, copied from core's `baseline::variance`.

use admiral_core::baseline;
use admiral_core::schedule::Schedule;
use admiral_core::{Plan, WorkMinutes};
use chrono::NaiveDateTime;
use serde::Serialize;

/// A task in the shown baseline: where its baseline bar goes and how far it slipped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RowBaseline {
    pub start: Option<NaiveDateTime>,
    pub finish: Option<NaiveDateTime>,
    /// Finish − baseline finish, working minutes of the task's calendar: positive is late.
    pub finish_variance: Option<WorkMinutes>,
    /// It finishes later than the baseline (core's `TaskVariance::slipped`).
    pub slipped: bool,
}

/// Every row's values in baseline `number`, in the order of `plan.tasks`; `None` when the plan
/// has no such baseline (then nothing is computed).
pub fn row_baselines(plan: &Plan, s: &Schedule, number: u8) -> Option<Vec<Option<RowBaseline>>> {
    let b = plan.baselines.iter().find(|b| b.number == number)?;
    Some(
        baseline::variance(plan, s, b)
            .into_iter()
            .map(|v| {
                let tb = v.baseline?;
                Some(RowBaseline {
                    start: tb.start,
                    finish: tb.finish,
                    finish_variance: v.finish,
                    slipped: v.slipped(),
                })
            })
            .collect(),
    )
}
