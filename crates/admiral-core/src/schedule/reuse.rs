//! Scheduling a plan again after an edit, without compiling it again when the edit changed
//! only durations. Compiling (calendars into timelines, links into arrays, the topological
//! order) is most of a schedule's cost on a large plan; a duration edit changes none of it,
//! so [`Scheduler`] keeps the compiled network of the plan it last scheduled and reruns the
//! passes with the new durations, as Monte Carlo does. Its schedule equals
//! [`schedule`](super::schedule)'s
//! (a property test compares them over random duration edits of the demo plans).

use super::network::{Buffers, CompiledPlan, Prep};
use super::{assemble, check_range, Schedule, ScheduleError, ScheduleOptions};
use crate::edit::Edit;
use crate::model::{Duration, Plan, Task};

/// Schedules a plan, then the plan after each edit, reusing the compiled network when the
/// edit changed only durations.
#[derive(Default)]
pub struct Scheduler {
    opts: ScheduleOptions,
    compiled: Option<(CompiledPlan, Prep)>,
    buf: Buffers,
}

impl Scheduler {
    pub fn new(opts: ScheduleOptions) -> Self {
        Self {
            opts,
            compiled: None,
            buf: Buffers::new(),
        }
    }

    /// The schedule of `plan`, compiled afresh (and kept for the next edit).
    pub fn schedule(&mut self, plan: &Plan) -> Result<Schedule, ScheduleError> {
        self.compiled = None;
        let (c, prep) = CompiledPlan::compile(plan, &self.opts)?;
        c.run_base(&mut self.buf);
        let s = assemble(plan, &c, &prep, &self.buf);
        check_range(plan, &s)?;
        self.compiled = Some((c, prep));
        Ok(s)
    }

    /// The schedule of `after`, which `edits` made from `before`, the plan this scheduler
    /// last scheduled. Reruns the kept network when the edits changed only durations
    /// ([`durations_only`]); compiles afresh otherwise.
    pub fn after_edits(
        &mut self,
        before: &Plan,
        edits: &[Edit],
        after: &Plan,
    ) -> Result<Schedule, ScheduleError> {
        match &self.compiled {
            Some((c, prep)) if durations_only(before, edits) => {
                let durs = c.planned_durations(after);
                c.run(&durs, &mut self.buf);
                let s = assemble(after, c, prep, &self.buf);
                check_range(after, &s)?;
                Ok(s)
            }
            _ => self.schedule(after),
        }
    }

    /// Forgets the kept network (the plan changed in a way the scheduler did not see).
    pub fn forget(&mut self) {
        self.compiled = None;
    }
}

/// Whether `edits` change only the durations of tasks of `before`, and nothing that
/// compiling depends on: each is a task put in place of the task with its id, equal to it
/// but for a duration of the same kind (working or elapsed), and no assignment works on it
/// (an assigned task's span comes from its assignments' work, which a duration edit
/// changes with it).
pub fn durations_only(before: &Plan, edits: &[Edit]) -> bool {
    !edits.is_empty()
        && edits.iter().all(|e| {
            let Edit::PutTask(t) = e else {
                return false;
            };
            let Some(old) = before.tasks.iter().find(|o| o.id == t.id) else {
                return false;
            };
            let same_kind = matches!(
                (old.duration, t.duration),
                (Duration::Working(_), Duration::Working(_))
                    | (Duration::Elapsed(_), Duration::Elapsed(_))
            );
            same_kind
                && *old
                    == Task {
                        duration: old.duration,
                        ..t.clone()
                    }
                && !before.assignments.iter().any(|a| a.task_id == t.id)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::{demo_plan, demo_plan_sized};
    use crate::edit::apply_all;
    use crate::model::WorkMinutes;
    use crate::schedule::schedule;
    use proptest::prelude::*;

    fn plans() -> Vec<Plan> {
        vec![
            demo_plan(),
            demo_plan_sized(600, 1),
            demo_plan_sized(300, 7),
        ]
    }

    /// Sets task `k`'s duration to `minutes`, of the kind it has.
    fn set(plan: &Plan, k: usize, minutes: i64) -> Edit {
        let mut t = plan.tasks[k].clone();
        t.duration = match t.duration {
            Duration::Working(_) => Duration::Working(WorkMinutes(minutes)),
            Duration::Elapsed(_) => Duration::Elapsed(minutes),
        };
        Edit::PutTask(t)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// After any run of duration edits (some of them on assigned or summary tasks, which
        /// compile afresh), the kept network gives the schedule a fresh compile gives.
        #[test]
        fn rerunning_the_kept_network_gives_the_fresh_schedule(
            which in 0usize..3,
            steps in proptest::collection::vec(
                proptest::collection::vec((any::<prop::sample::Index>(), 0i64..20 * 480), 1..4),
                1..5,
            ),
        ) {
            let mut plan = plans().swap_remove(which);
            let opts = ScheduleOptions::default();
            let mut s = Scheduler::new(opts.clone());
            prop_assert_eq!(s.schedule(&plan).unwrap(), schedule(&plan, &opts).unwrap());
            for step in steps {
                let edits: Vec<Edit> = step
                    .iter()
                    .map(|(i, m)| set(&plan, i.index(plan.tasks.len()), *m))
                    .collect();
                let Ok(next) = apply_all(&plan, &edits) else { continue };
                let got = s.after_edits(&plan, &edits, &next).unwrap();
                prop_assert_eq!(got, schedule(&next, &opts).unwrap());
                plan = next;
            }
        }
    }

    #[test]
    fn only_a_duration_of_the_same_kind_on_an_unassigned_task_counts() {
        let plan = demo_plan_sized(200, 1);
        let assigned: std::collections::HashSet<_> =
            plan.assignments.iter().map(|a| a.task_id).collect();
        let free = plan
            .tasks
            .iter()
            .position(|t| !assigned.contains(&t.id) && matches!(t.duration, Duration::Working(_)))
            .unwrap();
        assert!(durations_only(&plan, &[set(&plan, free, 960)]));
        let mut renamed = plan.tasks[free].clone();
        renamed.name.push('!');
        assert!(!durations_only(&plan, &[Edit::PutTask(renamed)]));
        let mut elapsed = plan.tasks[free].clone();
        elapsed.duration = Duration::Elapsed(960);
        assert!(!durations_only(&plan, &[Edit::PutTask(elapsed)]));
        if let Some(a) = plan.tasks.iter().position(|t| assigned.contains(&t.id)) {
            assert!(!durations_only(&plan, &[set(&plan, a, 960)]));
        }
        assert!(!durations_only(&plan, &[]));
        assert!(!durations_only(
            &plan,
            &[Edit::DeleteTask(plan.tasks[free].id)]
        ));
    }
}
