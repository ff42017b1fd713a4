//! MS Project's baselines: the `<Baseline>` elements (numbers 0–10) of tasks, assignments and
//! resources, read into Admiral's [`Baseline`]s.
//!
//! Per task: Start, Finish, Duration (xsd:duration, as minutes), Work (xsd:duration) and Cost;
//! per assignment: Start, Finish, Work and Cost; per resource: Work and Cost. MSPDI keeps
//! money in hundredths of the currency (MPXJ reads it so), which is Admiral's cents. A field
//! the element leaves out stays unset. MSPDI has no date a baseline was saved and no name:
//! each gets MS Project's name ("Baseline 1") and the file's `LastSaved` (else its
//! `CreationDate`, else its start) as its date.
//!
//! A task baseline's Cost is MS Project's whole task cost, its fixed cost included, and is kept
//! exactly. MSPDI's `<Baseline>` has no fixed cost of its own, so the task's `FixedCost` and
//! `FixedCostAccrual` are taken as the baseline's when its Cost holds that much (the fixed
//! cost unchanged since the baseline was saved, the usual case): earned value then accrues
//! that part at the task's start, prorated or at its end, as MS Project's timephased baseline
//! cost does, and the rest with the work. A baseline whose Cost is below the fixed cost (saved
//! before it was set) keeps none, and its whole cost accrues with the work.

use super::*;
use admiral_core::baseline::{
    AssignmentBaseline, Baseline, ResourceBaseline, TaskBaseline, MAX_BASELINE,
};
use std::collections::BTreeMap;

/// The values one `<Baseline>` element holds.
struct Values {
    number: u8,
    start: Option<NaiveDateTime>,
    finish: Option<NaiveDateTime>,
    duration: Option<WorkMinutes>,
    work: Option<WorkMinutes>,
    cost: Option<Money>,
}

/// The fixed cost a task baseline of `cost` holds: the task's `fixed` when the cost covers it
/// (see the module).
fn baseline_fixed_cost(fixed: FixedCost, cost: Option<Money>) -> Option<FixedCost> {
    (fixed.amount.0 > 0 && cost.is_some_and(|c| c.0 >= fixed.amount.0)).then_some(fixed)
}

impl Reader<'_> {
    fn baseline_values(&mut self, el: &Element, owner: &str) -> Result<Vec<Values>, InteropError> {
        let mut out = Vec::new();
        for b in el.children("Baseline") {
            let owner = format!("a baseline of {owner}");
            let Some(n) = self.int(b, "Number", &owner)? else {
                self.note(b.pos, format!("{owner} has no <Number>; left out"));
                continue;
            };
            let Some(number) = u8::try_from(n).ok().filter(|n| *n <= MAX_BASELINE) else {
                self.note(
                    b.pos,
                    format!("{owner} has number {n}; baselines are numbered 0 to 10; left out"),
                );
                continue;
            };
            let span = |r: &Self, field: &str| -> Result<Option<WorkMinutes>, InteropError> {
                b.text_of(field)
                    .filter(|t| !t.trim().is_empty())
                    .map(|t| {
                        formats::parse_duration_minutes(t)
                            .map(WorkMinutes)
                            .ok_or_else(|| r.bad(b, field, &owner, "duration"))
                    })
                    .transpose()
            };
            let cost = self
                .float(b, "Cost", &owner)?
                .map(|c| Money(c.round() as i64));
            out.push(Values {
                number,
                start: self.date(b, "Start", &owner)?,
                finish: self.date(b, "Finish", &owner)?,
                duration: span(self, "Duration")?,
                work: span(self, "Work")?,
                cost,
            });
        }
        Ok(out)
    }

    /// Every baseline the file's tasks, assignments and resources hold, by number.
    pub(super) fn read_baselines(
        &mut self,
        root: &Element,
        task_ids: &HashMap<i64, TaskId>,
        res_ids: &HashMap<i64, ResourceId>,
        assignments: &[Assignment],
        saved_at: NaiveDateTime,
    ) -> Result<Vec<Baseline>, InteropError> {
        let mut by_number: BTreeMap<u8, Baseline> = BTreeMap::new();
        fn entry(
            by_number: &mut BTreeMap<u8, Baseline>,
            n: u8,
            saved_at: NaiveDateTime,
        ) -> &mut Baseline {
            by_number.entry(n).or_insert_with(|| Baseline {
                number: n,
                name: Baseline::default_name(n),
                saved_at,
                release_id: None,
                tasks: Vec::new(),
                assignments: Vec::new(),
                resources: Vec::new(),
            })
        }
        let mut found: Vec<(u8, TaskBaseline)> = Vec::new();
        if let Some(tasks) = root.child("Tasks") {
            // Most tasks have no baseline: those are passed over before any lookup or text
            // is made for them (a task's fixed cost was checked when the task was read).
            for t in tasks
                .children("Task")
                .filter(|t| t.child("Baseline").is_some())
            {
                let Some(uid) = t.text_of("UID").and_then(formats::parse_int) else {
                    continue;
                };
                let Some(&task_id) = task_ids.get(&uid) else {
                    continue;
                };
                let fixed = self.fixed_cost(t, &format!("task UID {uid}"))?;
                for v in self.baseline_values(t, &format!("task UID {uid}"))? {
                    found.push((
                        v.number,
                        TaskBaseline {
                            task_id,
                            start: v.start,
                            finish: v.finish,
                            duration: v.duration,
                            work: v.work,
                            cost: v.cost,
                            fixed_cost: baseline_fixed_cost(fixed, v.cost),
                        },
                    ));
                }
            }
        }
        let mut found_a: Vec<(u8, AssignmentBaseline)> = Vec::new();
        if let Some(el) = root.child("Assignments") {
            let imported: HashSet<AssignmentId> = assignments.iter().map(|a| a.id).collect();
            for a in el
                .children("Assignment")
                .filter(|a| a.child("Baseline").is_some())
            {
                let Some(uid) = a.text_of("UID").and_then(formats::parse_int) else {
                    continue;
                };
                let id = AssignmentId::from_u128(self.make_id(b'A', uid as u64));
                if !imported.contains(&id) {
                    continue;
                }
                for v in self.baseline_values(a, &format!("assignment UID {uid}"))? {
                    found_a.push((
                        v.number,
                        AssignmentBaseline {
                            assignment_id: id,
                            start: v.start,
                            finish: v.finish,
                            work: v.work,
                            cost: v.cost,
                        },
                    ));
                }
            }
        }
        let mut found_r: Vec<(u8, ResourceBaseline)> = Vec::new();
        if let Some(el) = root.child("Resources") {
            for r in el
                .children("Resource")
                .filter(|r| r.child("Baseline").is_some())
            {
                let Some(uid) = r.text_of("UID").and_then(formats::parse_int) else {
                    continue;
                };
                let Some(&resource_id) = res_ids.get(&uid) else {
                    continue;
                };
                for v in self.baseline_values(r, &format!("resource UID {uid}"))? {
                    found_r.push((
                        v.number,
                        ResourceBaseline {
                            resource_id,
                            work: v.work,
                            cost: v.cost,
                        },
                    ));
                }
            }
        }
        // The first values of each row in each baseline are kept (a row may repeat a number);
        // looked up in a set, not the baseline's list, which made this quadratic in rows.
        let (mut seen_t, mut seen_a, mut seen_r) = (HashSet::new(), HashSet::new(), HashSet::new());
        for (n, t) in found {
            if seen_t.insert((n, t.task_id)) {
                entry(&mut by_number, n, saved_at).tasks.push(t);
            }
        }
        for (n, a) in found_a {
            if seen_a.insert((n, a.assignment_id)) {
                entry(&mut by_number, n, saved_at).assignments.push(a);
            }
        }
        for (n, r) in found_r {
            if seen_r.insert((n, r.resource_id)) {
                entry(&mut by_number, n, saved_at).resources.push(r);
            }
        }
        Ok(by_number.into_values().collect())
    }
}
