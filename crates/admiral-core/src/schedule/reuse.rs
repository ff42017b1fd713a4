//! Scheduling a plan again after an edit, without compiling it again when the edit changed
//! only durations. Compiling (calendars into timelines, links into arrays, the topological
//! order) is most of a schedule's cost on a large plan; a duration edit changes none of it,
//! so [`Scheduler`] keeps the compiled network of the plan it last scheduled and its last
//! run's results, and reruns the passes with the new durations over the nodes they can move
//! ([`CompiledPlan::rerun`]). An assigned task's duration edit also
//! changes its assignments' work or units (as the task's type says), so the spans it works on
//! its resources' calendars are brought up to date in the kept network first
//! ([`CompiledPlan::respan`]). Its schedule equals [`schedule`](super::schedule)'s (a property
//! test compares them over random duration edits of the demo plans, one with resources on
//! calendars of their own and spans that differ from durations; the conformance tests do
//! the same on every MS Project file they hold).
//!
//! The rows of the schedule are made again only for the tasks the rerun computed again, and
//! the summaries whose roll-up changed, when the caller gave the last schedule back
//! ([`Scheduler::give_back`]); [`Scheduler::remade`] names them, so that a view of the rows
//! can look at those alone.

use super::network::{Buffers, CompiledPlan, Prep};
use super::ScheduleOptions;
use super::{assemble, check_range, check_rows, reassemble, Assembled, Schedule, ScheduleError};
use crate::edit::Edit;
use crate::model::{Assignment, Duration, Plan, Task};

/// Schedules a plan, then the plan after each edit, reusing the compiled network when the
/// edit changed only durations.
#[derive(Default)]
pub struct Scheduler {
    opts: ScheduleOptions,
    compiled: Option<(CompiledPlan, Prep)>,
    buf: Buffers,
    made: Option<Made>,
}

/// What the scheduler knows of the last schedule it returned.
struct Made {
    /// That schedule's stamp, to know it when it comes back.
    lent: u64,
    /// What `reassemble` reuses of it.
    kept: Assembled,
    /// The rows made again for it, when not all were.
    remade: Option<Vec<u32>>,
    /// The schedule itself, once given back.
    back: Option<Schedule>,
}

impl Made {
    fn new(s: &Schedule, kept: Assembled, remade: Option<Vec<u32>>) -> Self {
        Self {
            lent: s.stamp.0,
            kept,
            remade,
            back: None,
        }
    }
}

impl Scheduler {
    pub fn new(opts: ScheduleOptions) -> Self {
        Self {
            opts,
            compiled: None,
            buf: Buffers::new(),
            made: None,
        }
    }

    /// The schedule of `plan`, compiled afresh (and kept for the next edit).
    pub fn schedule(&mut self, plan: &Plan) -> Result<Schedule, ScheduleError> {
        self.compiled = None;
        self.made = None;
        let (c, prep) = CompiledPlan::compile(plan, &self.opts)?;
        c.run_base(&mut self.buf);
        let (s, kept) = assemble(plan, &c, &prep, &self.buf);
        check_range(plan, &s)?;
        self.compiled = Some((c, prep));
        self.made = Some(Made::new(&s, kept, None));
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
        self.after_edits_of(durations_only(before, edits), edits, after)
    }

    /// [`Scheduler::after_edits`] for a caller that no longer holds `before` (it applied the
    /// edits to the plan itself): `durations_only` is [`durations_only`] of `before`, asked
    /// before the edits were applied.
    pub fn after_edits_of(
        &mut self,
        durations_only: bool,
        edits: &[Edit],
        after: &Plan,
    ) -> Result<Schedule, ScheduleError> {
        let respanned = if durations_only {
            self.respan(edits, after)
        } else {
            None
        };
        let (Some(respanned), Some((c, prep))) = (respanned, &self.compiled) else {
            return self.schedule(after);
        };
        let durs = c.planned_durations(after);
        let visited = c.rerun(&durs, &respanned, &mut self.buf);
        let made = self.made.take();
        let (s, kept, remade, checked) = match (visited, made) {
            (
                Some(visited),
                Some(Made {
                    mut kept,
                    back: Some(mut s),
                    ..
                }),
            ) => {
                let remade = reassemble(after, c, prep, &self.buf, &mut s, &mut kept, &visited);
                // The other rows were checked with the schedule before.
                let checked = check_rows(after, &s, remade.iter().map(|&i| i as usize));
                (s, kept, Some(remade), checked)
            }
            _ => {
                let (s, kept) = assemble(after, c, prep, &self.buf);
                let checked = check_range(after, &s);
                (s, kept, None, checked)
            }
        };
        if let Err(e) = checked {
            // The edit is refused, and the network now holds its spans: compile next time.
            self.compiled = None;
            return Err(e);
        }
        self.made = Some(Made::new(&s, kept, remade));
        Ok(s)
    }

    /// Takes back the schedule this scheduler last returned, unchanged, so that the next
    /// rerun makes again only the rows it moves and takes the others from it (a clone will do;
    /// a schedule changed since must not be given back). Any other schedule is dropped.
    pub fn give_back(&mut self, s: Schedule) {
        if let Some(m) = self.made.as_mut().filter(|m| m.lent == s.stamp.0) {
            m.back = Some(s);
        }
    }

    /// When `s` is the schedule this scheduler last returned and it made only some of its
    /// rows again (the others are those of the schedule given back before it, unchanged):
    /// their plan task indices, in plan order. `None` when any row may differ.
    pub fn remade(&self, s: &Schedule) -> Option<&[u32]> {
        let m = self.made.as_ref().filter(|m| m.lent == s.stamp.0)?;
        m.remade.as_deref()
    }

    /// Brings the kept network's spans of the tasks `edits` touched up to date with `after`
    /// ([`CompiledPlan::respan`]): those tasks' indices, or `None` (and nothing kept) when it
    /// cannot.
    fn respan(&mut self, edits: &[Edit], after: &Plan) -> Option<Vec<usize>> {
        let (c, prep) = self.compiled.as_mut()?;
        let touched = edits.iter().filter_map(|e| match e {
            Edit::PutTask(t) => Some(after.task_row(t.id, t.number)),
            Edit::PutAssignment(a) => Some(after.tasks.iter().position(|t| t.id == a.task_id)),
            _ => None,
        });
        let mut respanned = Vec::new();
        for i in touched {
            match i.filter(|&i| c.respan(after, prep, i)) {
                Some(i) => respanned.push(i),
                None => {
                    self.compiled = None;
                    return None;
                }
            }
        }
        Some(respanned)
    }

    /// Forgets the kept network (the plan changed in a way the scheduler did not see).
    pub fn forget(&mut self) {
        self.compiled = None;
        self.made = None;
    }
}

/// Whether `edits` change only durations and work of tasks of `before`, and nothing else
/// compiling depends on: each is a task put in place of the task with its id, equal to it but
/// for a duration of the same kind (working or elapsed) that its assignments, if any, drive
/// or not alike (`Task::can_be_resource_driven`), or an assignment put in place of the one with its
/// id, equal to it but for its work and units (a duration edit changes them as the task's
/// type says; the kept network's spans of an assigned task are then brought up to date).
pub fn durations_only(before: &Plan, edits: &[Edit]) -> bool {
    !edits.is_empty()
        && edits.iter().all(|e| match e {
            Edit::PutTask(t) => {
                let Some(old) = before.task_row(t.id, t.number).map(|i| &before.tasks[i]) else {
                    return false;
                };
                let same_kind = matches!(
                    (old.duration, t.duration),
                    (Duration::Working(_), Duration::Working(_))
                        | (Duration::Elapsed(_), Duration::Elapsed(_))
                );
                let driven_alike = old.can_be_resource_driven() == t.can_be_resource_driven()
                    || !before.assignments.iter().any(|a| a.task_id == t.id);
                // The estimate follows a new duration (`wbs::set_duration`); only Monte
                // Carlo reads it, not the schedule this network keeps.
                same_kind
                    && driven_alike
                    && *old
                        == Task {
                            duration: old.duration,
                            estimate: old.estimate,
                            ..t.clone()
                        }
            }
            Edit::PutAssignment(a) => before.assignments.iter().any(|o| {
                o.id == a.id
                    && *o
                        == Assignment {
                            work: o.work,
                            units: o.units,
                            ..*a
                        }
            }),
            _ => false,
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
            on_own_calendars(demo_plan_sized(300, 3)),
        ]
    }

    /// `plan` with its resources on calendars of their own (a four-day week, a two-week
    /// vacation), units below full time, recorded work that is not units × duration, and a
    /// second assignment on every third assigned task: spans that differ from durations, on
    /// several timelines (what `CompiledPlan::respan` must bring up to date).
    fn on_own_calendars(mut plan: Plan) -> Plan {
        use crate::calendar::{Calendar, CalendarException};
        use crate::model::{AssignmentId, CalendarId, WorkMinutes};
        let start = plan.releases[0].start.date();
        let mut four = Calendar::standard(CalendarId::from_u128(9001), "Four days");
        four.week[4].clear();
        let mut away = Calendar::standard(CalendarId::from_u128(9002), "Vacation");
        away.exceptions.push(CalendarException {
            name: "vacation".into(),
            start: start + chrono::Days::new(20),
            finish: start + chrono::Days::new(33),
            working: Vec::new(),
        });
        let cals = [None, Some(four.id), Some(away.id)];
        plan.calendars.extend([four, away]);
        for (r, res) in plan.resources.iter_mut().enumerate() {
            res.calendar_id = cals[r % 3];
        }
        let nres = plan.resources.len();
        let mut extra = Vec::new();
        for (k, a) in plan.assignments.iter_mut().enumerate() {
            let dur = plan
                .tasks
                .iter()
                .find(|t| t.id == a.task_id)
                .map_or(0, |t| t.duration.minutes());
            a.units = [1.0, 0.5, 0.75][k % 3];
            a.work = Some(WorkMinutes(dur * (k as i64 % 4 + 1) / 4));
            if k % 3 == 0 && nres > 1 {
                let other = plan.resources[(k + 1) % nres].id;
                if other != a.resource_id {
                    extra.push(Assignment {
                        id: AssignmentId::from_u128(900_000 + k as u128),
                        resource_id: other,
                        units: 0.5,
                        work: Some(WorkMinutes(dur * 3 / 4)),
                        ..*a
                    });
                }
            }
        }
        plan.assignments.extend(extra);
        plan
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
        /// After any run of duration edits (as the grid makes them, which also change an
        /// assigned task's work as its type says, or of the task alone; some on summaries or
        /// to zero, which compile afresh), the kept network gives the schedule a fresh
        /// compile gives, with the last schedule given back (its rows reused) or not; and a
        /// row not named by `remade` is the row of the schedule before.
        #[test]
        fn rerunning_the_kept_network_gives_the_fresh_schedule(
            which in 0usize..4,
            steps in proptest::collection::vec(
                proptest::collection::vec((any::<prop::sample::Index>(), 0i64..20 * 480), 1..4),
                1..5,
            ),
            by_rule in any::<bool>(),
            give_back in any::<bool>(),
        ) {
            let mut plan = plans().swap_remove(which);
            let opts = ScheduleOptions::default();
            let mut s = Scheduler::new(opts.clone());
            let mut last = s.schedule(&plan).unwrap();
            prop_assert_eq!(&last, &schedule(&plan, &opts).unwrap());
            prop_assert!(s.remade(&last).is_none());
            for step in steps {
                if give_back {
                    s.give_back(last.clone());
                }
                let edits: Vec<Edit> = if by_rule {
                    // One edit as `wbs::set_duration` makes it (hours, as typed).
                    let (i, m) = step[0];
                    let id = plan.tasks[i.index(plan.tasks.len())].id;
                    match crate::wbs::set_duration(&plan, id, &format!("{}h", m / 60)) {
                        Ok(c) => c.edits,
                        Err(_) => continue,
                    }
                } else {
                    step.iter()
                        .map(|(i, m)| set(&plan, i.index(plan.tasks.len()), *m))
                        .collect()
                };
                let Ok(next) = apply_all(&plan, &edits) else { continue };
                let got = s.after_edits(&plan, &edits, &next).unwrap();
                prop_assert_eq!(&got, &schedule(&next, &opts).unwrap());
                prop_assert!(give_back || s.remade(&got).is_none(), "rows reused, not given back");
                crate::schedule::tests::rows_not_remade_are_kept(&s, &last, &got)?;
                last = got;
                plan = next;
            }
        }
    }

    /// An edit that moves a few tasks of a large plan makes a few rows again; a schedule not
    /// given back, or not the one last returned, reuses none.
    #[test]
    fn a_small_edit_makes_few_rows_again() {
        let plan = demo_plan_sized(3_000, 5);
        let opts = ScheduleOptions::default();
        let mut s = Scheduler::new(opts.clone());
        let first = s.schedule(&plan).unwrap();
        // Not this scheduler's: dropped, so the first edit below makes every row.
        s.give_back(schedule(&plan, &opts).unwrap());
        let k = (0..plan.tasks.len())
            .find(|&k| {
                let ts = &first.tasks[k];
                !ts.summary && !ts.milestone && ts.total_float.0 > 4 * 480
            })
            .unwrap();
        let edit = |plan: &Plan, minutes| {
            let edits = [set(plan, k, minutes)];
            (apply_all(plan, &edits).unwrap(), edits)
        };
        let d = plan.tasks[k].duration.minutes();
        let (next, edits) = edit(&plan, d + 60);
        let got = s.after_edits(&plan, &edits, &next).unwrap();
        assert_eq!(s.remade(&got), None);
        s.give_back(got.clone());
        let (third, edits) = edit(&next, d + 120);
        let again = s.after_edits(&next, &edits, &third).unwrap();
        let remade = s.remade(&again).unwrap();
        assert!(remade.contains(&(k as u32)));
        assert!(remade.len() < 40, "{} rows made again", remade.len());
        assert_eq!(again, schedule(&third, &opts).unwrap());
        // Not the schedule last returned: nothing reused.
        s.give_back(got);
        let (fourth, edits) = edit(&third, d);
        let none = s.after_edits(&third, &edits, &fourth).unwrap();
        assert_eq!(s.remade(&none), None);
        assert_eq!(s.remade(&again), None);
    }

    /// An edit of an assignment's work alone changes the spans of its task, and sometimes
    /// not its duration (another assignment's span is the longest): the rerun visits that
    /// task all the same. Every assignment of a plan on several calendars, each to three
    /// amounts of work and back, gives the fresh schedule.
    #[test]
    fn an_edit_of_work_alone_moves_what_a_fresh_schedule_moves() {
        let mut plan = on_own_calendars(demo_plan_sized(300, 3));
        let opts = ScheduleOptions::default();
        let mut s = Scheduler::new(opts.clone());
        let mut last = s.schedule(&plan).unwrap();
        for k in 0..plan.assignments.len() {
            let old = plan.assignments[k];
            for work in [Some(60), Some(1_680), Some(9_600), old.work.map(|w| w.0)] {
                let a = Assignment {
                    work: work.map(WorkMinutes),
                    ..old
                };
                let edits = [Edit::PutAssignment(a)];
                assert!(durations_only(&plan, &edits));
                let next = apply_all(&plan, &edits).unwrap();
                s.give_back(last);
                let got = s.after_edits(&plan, &edits, &next).unwrap();
                assert_eq!(
                    got,
                    schedule(&next, &opts).unwrap(),
                    "assignment {k}, work {work:?}"
                );
                last = got;
                plan = next;
            }
        }
    }

    /// An edit refused because its dates leave the calendar's years must not leave its spans
    /// in the kept network: the next edit is scheduled as a fresh compile schedules it.
    #[test]
    fn a_refused_edit_leaves_no_trace_in_the_kept_network() {
        // A plan that starts a few years before the last year a date may have.
        let mut plan = demo_plan_sized(300, 3);
        for r in &mut plan.releases {
            r.start = chrono::NaiveDate::from_ymd_opt(9990, 1, 4)
                .unwrap()
                .and_hms_opt(8, 0, 0)
                .unwrap();
        }
        let plan = on_own_calendars(plan);
        let opts = ScheduleOptions::default();
        let mut s = Scheduler::new(opts.clone());
        let first = s.schedule(&plan).unwrap();
        s.give_back(first);
        let a = plan
            .tasks
            .iter()
            .position(|t| {
                t.can_be_resource_driven() && plan.assignments.iter().any(|x| x.task_id == t.id)
            })
            .unwrap();
        // Twelve thousand working days: past the year 9999.
        let far = crate::wbs::set_duration(&plan, plan.tasks[a].id, "12000d").unwrap();
        assert!(durations_only(&plan, &far.edits));
        let next = apply_all(&plan, &far.edits).unwrap();
        assert!(s.after_edits(&plan, &far.edits, &next).is_err());
        let b = plan.tasks.len() - 1;
        let edits = [set(&plan, b, 960)];
        let next = apply_all(&plan, &edits).unwrap();
        assert_eq!(
            s.after_edits(&plan, &edits, &next).unwrap(),
            schedule(&next, &opts).unwrap()
        );
    }

    #[test]
    fn only_durations_of_the_same_kind_and_assignments_work_count() {
        let plan = demo_plan_sized(200, 1);
        let assigned: std::collections::HashSet<_> =
            plan.assignments.iter().map(|a| a.task_id).collect();
        let free = plan
            .tasks
            .iter()
            .position(|t| !assigned.contains(&t.id) && matches!(t.duration, Duration::Working(_)))
            .unwrap();
        assert!(durations_only(&plan, &[set(&plan, free, 960)]));
        // A duration edit that takes the task's estimate along is still a duration edit.
        let leaf = (0..plan.tasks.len())
            .position(|i| {
                let t = &plan.tasks[i];
                !t.is_milestone()
                    && matches!(t.duration, Duration::Working(m) if m.0 > 0)
                    && plan
                        .tasks
                        .get(i + 1)
                        .is_none_or(|n| n.outline_level <= t.outline_level)
            })
            .unwrap();
        let mut estimated = plan.clone();
        if let Duration::Working(m) = estimated.tasks[leaf].duration {
            estimated.tasks[leaf].estimate = Some(crate::model::ThreePoint {
                optimistic: m,
                most_likely: m,
                pessimistic: WorkMinutes(m.0 * 2),
            });
        }
        let c = crate::wbs::set_duration(&estimated, estimated.tasks[leaf].id, "7d").unwrap();
        assert!(c.label.contains("its estimate scaled"), "{}", c.label);
        assert!(durations_only(&estimated, &c.edits));
        let mut renamed = plan.tasks[free].clone();
        renamed.name.push('!');
        assert!(!durations_only(&plan, &[Edit::PutTask(renamed)]));
        let mut elapsed = plan.tasks[free].clone();
        elapsed.duration = Duration::Elapsed(960);
        assert!(!durations_only(&plan, &[Edit::PutTask(elapsed)]));
        // An assigned task's duration, with its assignments' work as the rule sets it.
        let a = plan
            .tasks
            .iter()
            .position(|t| assigned.contains(&t.id) && t.can_be_resource_driven())
            .unwrap();
        let c = crate::wbs::set_duration(&plan, plan.tasks[a].id, "7d").unwrap();
        assert!(c.edits.iter().any(|e| matches!(e, Edit::PutAssignment(_))));
        assert!(durations_only(&plan, &c.edits));
        // Not: a duration of zero (a milestone, which its assignments no longer drive), an
        // assignment moved to another resource.
        assert!(!durations_only(&plan, &[set(&plan, a, 0)]));
        let mut moved = *plan
            .assignments
            .iter()
            .find(|x| x.task_id == plan.tasks[a].id)
            .unwrap();
        moved.resource_id = plan
            .resources
            .iter()
            .find(|r| r.id != moved.resource_id)
            .unwrap()
            .id;
        assert!(!durations_only(&plan, &[Edit::PutAssignment(moved)]));
        assert!(!durations_only(&plan, &[]));
        assert!(!durations_only(
            &plan,
            &[Edit::DeleteTask(plan.tasks[free].id)]
        ));
    }
}
