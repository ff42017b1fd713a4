//! A change applied to the plan itself rather than to a copy, with what puts it back.
//!
//! [`apply_all`] returns a changed copy of the plan, so that a refused change leaves the plan
//! as it was. At 100k tasks that copy is most of what an edit in the app costs (a quarter of
//! it, `perf`): every task, link and string of the plan. A change whose edits replay in place
//! ([`replays_in_place`]: tasks, links and assignments replaced where they are, links and
//! assignments removed) is applied here to the plan itself, keeping the few items it replaced
//! or removed; [`Restore::undo`] puts them back. Any other change is applied to a copy as
//! before, and the plan it replaced is kept whole. Either way the plan ends as [`apply_all`]
//! would have made it, and a refused change leaves it unchanged.

use super::{apply, apply_all, replays_in_place, shapes_links, Edit};
use crate::model::*;
use crate::scenario::Scenario;
use std::borrow::Cow;

/// What a change applied by [`apply_all_in_place`] replaced, to put the plan back.
#[must_use = "a change that is not saved must be undone"]
pub struct Restore(Kept);

enum Kept {
    /// The plan before the change (applied to a copy: it did not replay in place).
    Whole(Box<Plan>),
    /// The items the change replaced or removed, where each was, in the order it did so.
    Items(Vec<Replaced>),
}

/// An item a change applied in place replaced or removed, at its position in its list at that
/// moment.
#[derive(Clone, Debug, PartialEq)]
enum Replaced {
    Task {
        at: usize,
        old: Box<Task>,
    },
    Link {
        at: usize,
        old: Link,
        removed: bool,
    },
    Assignment {
        at: usize,
        old: Assignment,
        removed: bool,
    },
    /// Every scenario, before a deleted link was forgotten in their overrides.
    Scenarios(Vec<Scenario>),
}

/// Applies `edits` to `plan` with [`apply_all`]'s rules and returns what puts it back; on
/// error `plan` is unchanged.
pub fn apply_all_in_place(plan: &mut Plan, edits: &[Edit]) -> Result<Restore, ModelError> {
    if !replays_in_place(plan, edits) {
        return whole(plan, edits);
    }
    let cycle_possible = shapes_links(plan, edits);
    let mut items = Vec::with_capacity(edits.len());
    for e in edits {
        let before = replaced(plan, e);
        if let Err(err) = apply(plan, e) {
            undo(plan, items);
            return Err(err);
        }
        items.extend(before);
    }
    if cycle_possible && crate::dependency::find_cycle(plan).is_some() {
        // Whether that is refused depends on the plan before it (see `apply_all`).
        undo(plan, items);
        return whole(plan, edits);
    }
    Ok(Restore(Kept::Items(items)))
}

/// `edits` applied to a copy of `plan`, which takes its place.
fn whole(plan: &mut Plan, edits: &[Edit]) -> Result<Restore, ModelError> {
    let next = apply_all(plan, edits)?;
    Ok(Restore(Kept::Whole(Box::new(std::mem::replace(
        plan, next,
    )))))
}

/// What `e`, an edit that replays in place, is about to replace or remove in `plan` (nothing
/// when its item is missing: `apply` then refuses it).
fn replaced(plan: &Plan, e: &Edit) -> Vec<Replaced> {
    let at = |found: Option<usize>| found.into_iter();
    match e {
        Edit::PutTask(t) => at(plan.task_row(t.id, t.number))
            .map(|at| Replaced::Task {
                at,
                old: Box::new(plan.tasks[at].clone()),
            })
            .collect(),
        Edit::PutLink(Link { id, .. }) | Edit::DeleteLink(id) => {
            let removed = matches!(e, Edit::DeleteLink(_));
            let mut out: Vec<Replaced> = at(plan.links.iter().position(|x| x.id == *id))
                .map(|at| Replaced::Link {
                    at,
                    old: plan.links[at],
                    removed,
                })
                .collect();
            if removed && !out.is_empty() && !plan.scenarios.is_empty() {
                out.push(Replaced::Scenarios(plan.scenarios.clone()));
            }
            out
        }
        Edit::PutAssignment(Assignment { id, .. }) | Edit::DeleteAssignment(id) => {
            at(plan.assignments.iter().position(|x| x.id == *id))
                .map(|at| Replaced::Assignment {
                    at,
                    old: plan.assignments[at],
                    removed: matches!(e, Edit::DeleteAssignment(_)),
                })
                .collect()
        }
        _ => Vec::new(),
    }
}

/// Puts back what `items` replaced, the last first.
fn undo(plan: &mut Plan, items: Vec<Replaced>) {
    for r in items.into_iter().rev() {
        match r {
            Replaced::Task { at, old } => plan.tasks[at] = *old,
            Replaced::Link { at, old, removed } => put_back(&mut plan.links, at, old, removed),
            Replaced::Assignment { at, old, removed } => {
                put_back(&mut plan.assignments, at, old, removed)
            }
            Replaced::Scenarios(s) => plan.scenarios = s,
        }
    }
}

fn put_back<T>(list: &mut Vec<T>, at: usize, old: T, removed: bool) {
    if removed {
        list.insert(at, old);
    } else {
        list[at] = old;
    }
}

impl Restore {
    /// Puts `plan`, as the change left it, back as it was.
    pub fn undo(self, plan: &mut Plan) {
        match self.0 {
            Kept::Whole(old) => *plan = *old,
            Kept::Items(items) => undo(plan, items),
        }
    }

    /// The plan before the change, when it was kept whole.
    pub fn whole(&self) -> Option<&Plan> {
        match &self.0 {
            Kept::Whole(p) => Some(p),
            Kept::Items(_) => None,
        }
    }

    /// The items the change replaced or removed, when it was applied in place.
    #[cfg(test)]
    fn items(&self) -> &[Replaced] {
        match &self.0 {
            Kept::Whole(_) => &[],
            Kept::Items(items) => items,
        }
    }

    /// The plan's links before the change, from `now`, the links after it.
    pub fn links_before<'a>(&'a self, now: &[Link]) -> Cow<'a, [Link]> {
        match &self.0 {
            Kept::Whole(p) => Cow::Borrowed(&p.links),
            Kept::Items(items) => list_before(now, items, |r| match r {
                Replaced::Link { at, old, removed } => Some((*at, *old, *removed)),
                _ => None,
            }),
        }
    }

    /// The plan's assignments before the change, from `now`, the assignments after it.
    pub fn assignments_before<'a>(&'a self, now: &[Assignment]) -> Cow<'a, [Assignment]> {
        match &self.0 {
            Kept::Whole(p) => Cow::Borrowed(&p.assignments),
            Kept::Items(items) => list_before(now, items, |r| match r {
                Replaced::Assignment { at, old, removed } => Some((*at, *old, *removed)),
                _ => None,
            }),
        }
    }
}

/// One list as it was before `items` changed it into `now`.
fn list_before<T: Clone>(
    now: &[T],
    items: &[Replaced],
    of: impl Fn(&Replaced) -> Option<(usize, T, bool)>,
) -> Cow<'static, [T]> {
    let mut list = now.to_vec();
    for (at, old, removed) in items.iter().rev().filter_map(of) {
        put_back(&mut list, at, old, removed);
    }
    Cow::Owned(list)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_plan_sized;
    use crate::scenario::Override;
    use proptest::prelude::*;

    /// A plan with a scenario that names links, so that a deleted link changes it.
    fn plan() -> Plan {
        let mut p = demo_plan_sized(120, 3);
        let links: Vec<LinkId> = p.links.iter().take(5).map(|l| l.id).collect();
        let mut s = Scenario::new("cut links");
        s.overrides = links
            .iter()
            .map(|&link| Override::RemoveLink { link })
            .collect();
        p.scenarios.push(s);
        p
    }

    /// An edit that replays in place (or, for a few, one that does not, or that is refused),
    /// chosen by `k` and `n` among the first tasks, links and assignments of the plan.
    fn an_edit(p: &Plan, k: u8, n: usize) -> Edit {
        // Few enough that one change often edits an item twice, or a link a scenario names.
        let t = &p.tasks[n % 40];
        let l = &p.links[n % 12];
        let a = &p.assignments[n % 12];
        match k % 9 {
            0 => Edit::PutTask(Task {
                duration: Duration::Working(WorkMinutes(60 * (n as i64 % 50))),
                ..t.clone()
            }),
            1 => Edit::PutTask(Task {
                name: format!("renamed {n}"),
                ..t.clone()
            }),
            2 => Edit::PutLink(Link {
                lag: Lag::Working(WorkMinutes(n as i64 % 900)),
                ..*l
            }),
            3 => Edit::DeleteLink(l.id),
            4 => Edit::PutAssignment(Assignment {
                units: 0.5 + (n % 4) as f64 / 4.0,
                ..*a
            }),
            5 => Edit::DeleteAssignment(a.id),
            // A link the wrong way round: closes a cycle, refused.
            6 => Edit::PutLink(Link {
                predecessor: l.successor,
                successor: l.predecessor,
                ..*l
            }),
            // A task renumbered: not in place.
            7 => Edit::PutTask(Task {
                number: TaskNumber(t.number.0 + 1_000_000),
                ..t.clone()
            }),
            // A task that cannot be: refused.
            _ => Edit::PutTask(Task {
                outline_level: t.outline_level + 5,
                ..t.clone()
            }),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Applied in place or not, a change ends where `apply_all` ends it, or is refused with
        /// its error leaving the plan as it was; undone, the plan is the one before it, and
        /// the lists before it are the ones the plan had.
        #[test]
        fn in_place_is_apply_all(edits in prop::collection::vec((any::<u8>(), any::<usize>()), 1..6)) {
            let before = plan();
            let edits: Vec<Edit> = edits.iter().map(|&(k, n)| an_edit(&before, k, n)).collect();
            let mut p = before.clone();
            match (apply_all(&before, &edits), apply_all_in_place(&mut p, &edits)) {
                (Ok(next), Ok(restore)) => {
                    prop_assert!(next == p);
                    prop_assert_eq!(restore.whole().is_none(), replays_in_place(&before, &edits));
                    prop_assert!(*restore.links_before(&p.links) == before.links);
                    prop_assert!(*restore.assignments_before(&p.assignments) == before.assignments);
                    restore.undo(&mut p);
                    prop_assert!(p == before);
                }
                (Err(a), Err(b)) => {
                    prop_assert_eq!(a.to_string(), b.to_string());
                    prop_assert!(p == before);
                }
                (a, b) => prop_assert!(false, "apply_all {:?}, in place {:?}", a.map(|_| ()), b.map(|_| ())),
            }
        }
    }

    /// Up to `MAX_LINKS_IN_PLACE` link deletes go in place; one more, and the change is
    /// applied as a whole (in runs), with the same result and undo.
    #[test]
    fn many_link_edits_are_applied_as_a_whole() {
        use crate::edit::MAX_LINKS_IN_PLACE;
        let before = plan();
        assert!(before.links.len() > MAX_LINKS_IN_PLACE);
        for n in [MAX_LINKS_IN_PLACE, MAX_LINKS_IN_PLACE + 1] {
            let edits: Vec<Edit> = (before.links.iter().take(n))
                .map(|l| Edit::DeleteLink(l.id))
                .collect();
            let mut p = before.clone();
            let restore = apply_all_in_place(&mut p, &edits).unwrap();
            assert_eq!(
                restore.whole().is_some(),
                n > MAX_LINKS_IN_PLACE,
                "{n} deletes"
            );
            assert_eq!(replays_in_place(&before, &edits), n <= MAX_LINKS_IN_PLACE);
            assert_eq!(p, apply_all(&before, &edits).unwrap());
            assert_eq!(p.links.len(), before.links.len() - n);
            restore.undo(&mut p);
            assert_eq!(p, before);
        }
    }

    #[test]
    fn a_duration_edit_is_applied_in_place() {
        let before = plan();
        let mut p = before.clone();
        let t = Task {
            duration: Duration::Working(WorkMinutes(4800)),
            ..p.tasks[7].clone()
        };
        let restore = apply_all_in_place(&mut p, &[Edit::PutTask(t.clone())]).unwrap();
        assert_eq!(p.tasks[7], t);
        assert!(restore.whole().is_none());
        assert_eq!(
            restore.items(),
            &[Replaced::Task {
                at: 7,
                old: Box::new(before.tasks[7].clone())
            }]
        );
        restore.undo(&mut p);
        assert_eq!(p, before);
    }

    #[test]
    fn a_deleted_link_is_put_back_with_the_scenarios_that_named_it() {
        let before = plan();
        let mut p = before.clone();
        let id = before.links[2].id;
        let restore = apply_all_in_place(&mut p, &[Edit::DeleteLink(id)]).unwrap();
        assert!(!p.links.iter().any(|l| l.id == id));
        assert_eq!(p.scenarios[0].overrides.len(), 4);
        assert_eq!(*restore.links_before(&p.links), before.links);
        restore.undo(&mut p);
        assert_eq!(p, before);
    }
}
