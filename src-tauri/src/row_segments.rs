//! The periods a split task works, for its Gantt bar (pieces joined by a dotted line across
//! each gap, as MS Project draws it): core's `split::segments`, asked only for the tasks that
//! have splits, so a plan without any pays one test per row.

use admiral_core::schedule::TaskSchedule;
use admiral_core::{Plan, Task};
use chrono::NaiveDateTime;

/// When one stretch of a split task's work starts and stops.
pub type Segment = (NaiveDateTime, NaiveDateTime);

/// The stretches task `t` works at its scheduled dates `ts`, when its work is split (more
/// than one stretch); empty otherwise (its bar is then its start to its finish). Summaries
/// and milestones ignore splits, as the scheduler does.
pub(crate) fn row_segments(plan: &Plan, t: &Task, ts: &TaskSchedule) -> Vec<Segment> {
    if t.splits.is_empty() || ts.summary || ts.milestone {
        return Vec::new();
    }
    let s = admiral_core::split::segments(plan, t, ts.start, ts.finish);
    if s.len() > 1 {
        s
    } else {
        Vec::new()
    }
}
