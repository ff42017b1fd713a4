//! Editing the WBS as a task grid does: inserting a row, indenting or outdenting a row with
//! the rows under it, replacing a task's predecessors from MS Project notation, setting a
//! duration or a start.
//!
//! Like [`crate::gates::decide`], each function decides what changes and returns the
//! [`Change`]: the edits and the label the audit trail shows. The caller commits them as one
//! undoable change; [`crate::edit::apply`] (and the store) still check every model rule, and
//! the scheduler checks cycles.
//!
//! Rules:
//! - **Numbering.** A task inserted above task N takes number N; N and every task below it
//!   move down by one, renumbered from the bottom up so that no two tasks share a number on
//!   the way. A task added at the end takes the last number + 1 (1 in an empty plan).
//! - **New task defaults.** "New task", a one-day working task, as soon as possible, in the
//!   project of the row it is inserted above (at the end: the last row's project, else the
//!   plan's first project). Its outline level is that of the row it is inserted above; at the
//!   end, the last row's level but at most 2 (a new row at the end sits beside the last
//!   detail row, never deeper than the first level under a summary).
//! - **Indent / outdent.** A row moves with its subtree (the rows below it with a deeper
//!   level), every row by the same step; the edits go top down to indent and bottom up to
//!   outdent, so that every step keeps the outline rule (a subtree two levels deep could
//!   not be outdented top down). A row at level 1 cannot be outdented; that the
//!   first row cannot be indented and that a row sits at most one level below the row above
//!   it is the outline rule [`crate::edit::apply`] keeps.
//! - **Predecessors.** The text replaces the task's predecessor list. A link to a
//!   predecessor listed again keeps its id (and its audit history) and changes type and lag
//!   in place; links to predecessors no longer listed are deleted first (so that a
//!   predecessor listed again with another type is a change, not a duplicate); an unchanged
//!   link yields no edit. Unknown task numbers, self-links and duplicates are refused with
//!   the position of the offending part.

use crate::edit::{Change, Edit};
use crate::model::*;
use crate::notation::{parse_duration, parse_predecessors, NotationError};
use chrono::NaiveDateTime;
use std::collections::{HashMap, HashSet};
use thiserror::Error;

/// A WBS edit that cannot be made; nothing was changed.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum WbsError {
    /// The task was deleted meanwhile (e.g. by an undo).
    #[error("task {task} does not exist")]
    UnknownTask { task: TaskId },
    #[error("the plan has no project to add a task to")]
    NoProject,
    #[error("{task} is at the top level and cannot be outdented")]
    TopLevel { task: String },
    /// An indent that would leave a row more than one level deeper than the row above it.
    #[error("{task} cannot be indented: {why}")]
    NoParent { task: String, why: String },
    #[error(transparent)]
    Notation(#[from] NotationError),
    #[error(transparent)]
    Effort(#[from] crate::effort::EffortError),
    /// The plan cannot be scheduled (a cycle), so a task's current start is unknown.
    #[error("{0}")]
    Unschedulable(String),
    /// A split the task cannot take (see [`crate::split`]).
    #[error("{0}")]
    Split(String),
    /// A field a summary takes from its tasks (its duration).
    #[error("{task} is a summary task: its {field} comes from its tasks")]
    Summary { task: String, field: &'static str },
    #[error("{task} needs a name: an empty one is not saved")]
    EmptyName { task: String },
    /// A name typed with a line break, a tab or another control character: it would break
    /// the tables that list it (and an escape sequence would drive a terminal).
    #[error("{task}: a name cannot hold {what} (U+{code:04X}); type it on one line, without it")]
    ControlInName {
        task: String,
        what: &'static str,
        code: u32,
    },
    /// A name of zero-width characters only (a zero-width space or joiner, a byte-order mark,
    /// a direction mark, a lone combining mark): it would look blank in every list.
    #[error("{task} needs a name that shows: this one has only invisible characters (U+{code:04X} first); type one with a letter, a digit or a sign")]
    InvisibleName { task: String, code: u32 },
}

/// A name as typed, trimmed; refused when it holds a control character, or nothing that
/// shows (every character zero-width).
fn typed_name(task: impl FnOnce() -> String, text: &str) -> Result<String, WbsError> {
    use crate::notation::NameFault;
    match crate::notation::typed_name(text) {
        Ok(name) => Ok(name.to_string()),
        Err(NameFault::Control { what, code }) => Err(WbsError::ControlInName {
            task: task(),
            what,
            code,
        }),
        Err(NameFault::Invisible { code }) => Err(WbsError::InvisibleName { task: task(), code }),
    }
}

pub(crate) fn position(plan: &Plan, id: TaskId) -> Result<usize, WbsError> {
    plan.tasks
        .iter()
        .position(|t| t.id == id)
        .ok_or(WbsError::UnknownTask { task: id })
}

fn find(plan: &Plan, id: TaskId) -> Result<&Task, WbsError> {
    Ok(&plan.tasks[position(plan, id)?])
}

/// A new task's defaults (see the module docs), with a fresh id.
pub fn new_task(number: TaskNumber, project_id: ProjectId, outline_level: u16) -> Task {
    Task {
        outline_level,
        ..Task::new(
            TaskId::new(),
            number,
            project_id,
            "New task",
            Duration::Working(WorkMinutes::days(1)),
        )
    }
}

/// Inserts a new task above `before` (at the end when `None`), renumbering the rows below it
/// as MS Project does. The new task is the last edit. It takes `name` (trimmed) when one is
/// given and not blank, else the default "New task", so a name typed into the grid's blank
/// row is one change.
pub fn insert_task(
    plan: &Plan,
    before: Option<TaskId>,
    name: Option<&str>,
) -> Result<Change, WbsError> {
    let at = before.map(|id| find(plan, id)).transpose()?;
    let last = plan.tasks.last();
    let number = match (at, last) {
        (Some(t), _) => t.number,
        (None, Some(l)) => TaskNumber(l.number.0 + 1),
        (None, None) => TaskNumber(1),
    };
    let project_id = at
        .or(last)
        .map(|t| t.project_id)
        .or_else(|| plan.projects.first().map(|p| p.id))
        .ok_or(WbsError::NoProject)?;
    let level = match (at, last) {
        (Some(t), _) => t.outline_level,
        (None, Some(l)) => l.outline_level.min(2),
        (None, None) => 1,
    };
    // From the bottom up, so that no two tasks share a number on the way.
    let mut edits: Vec<Edit> = plan
        .tasks
        .iter()
        .rev()
        .filter(|t| t.number >= number)
        .map(|t| {
            let mut t = t.clone();
            t.number = TaskNumber(t.number.0 + 1);
            Edit::PutTask(t)
        })
        .collect();
    let mut task = new_task(number, project_id, level);
    if let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) {
        task.name = typed_name(|| format!("new task {number}"), name)?;
    }
    edits.push(Edit::PutTask(task));
    Ok(Change {
        edits,
        label: format!("Insert task {number}"),
    })
}

/// Indents (`by` > 0) or outdents (`by` < 0) a task together with the rows under it.
pub fn indent_task(plan: &Plan, task: TaskId, by: i32) -> Result<Change, WbsError> {
    let i = position(plan, task)?;
    let head = &plan.tasks[i];
    let subtree = 1 + plan.tasks[i + 1..]
        .iter()
        .take_while(|t| t.outline_level > head.outline_level)
        .count();
    // Each edit is checked against the rows around it as they are at that step: indenting
    // goes from the top down (a row moves under the row above, which has already moved),
    // outdenting from the bottom up (a row moves out only once the rows under it have).
    if by > 0 {
        let level = i32::from(head.outline_level) + by;
        let why = match i.checked_sub(1).map(|a| &plan.tasks[a]) {
            None => Some("it is the first row, with no row above it to go under".to_string()),
            Some(above) if level > i32::from(above.outline_level) + 1 => Some(format!(
                "the row above it, {}, is at level {}, so it can be at most at level {}",
                task_label(above),
                above.outline_level,
                above.outline_level + 1
            )),
            Some(_) => None,
        };
        if let Some(why) = why {
            return Err(WbsError::NoParent {
                task: task_label(head),
                why,
            });
        }
    }
    let mut edits = plan.tasks[i..i + subtree]
        .iter()
        .map(|t| {
            let level = i32::from(t.outline_level) + by;
            if level < 1 {
                return Err(WbsError::TopLevel {
                    task: task_label(head),
                });
            }
            let mut t = t.clone();
            t.outline_level = u16::try_from(level).unwrap_or(u16::MAX);
            Ok(Edit::PutTask(t))
        })
        .collect::<Result<Vec<_>, _>>()?;
    if by < 0 {
        edits.reverse();
    }
    let what = if by > 0 { "Indent" } else { "Outdent" };
    Ok(Change {
        edits,
        label: format!("{what} task {}", head.number),
    })
}

/// Replaces the predecessors of `task` with those in MS Project notation ("3FS+2d, 5SS";
/// empty for none).
pub fn set_predecessors(plan: &Plan, task: TaskId, text: &str) -> Result<Change, WbsError> {
    let this = find(plan, task)?;
    let by_number: HashMap<TaskNumber, TaskId> =
        plan.tasks.iter().map(|t| (t.number, t.id)).collect();
    let wanted = parse_predecessors(text, Some(this.number), &|n| by_number.contains_key(&n))?;
    let wanted_ids: Vec<TaskId> = wanted.iter().map(|p| by_number[&p.number]).collect();
    // Sets and maps, not searches per predecessor: a list of thousands pasted into one cell
    // made this quadratic.
    let wanted_set: HashSet<TaskId> = wanted_ids.iter().copied().collect();
    let mut edits = Vec::new();
    let mut kept: HashMap<TaskId, &Link> = HashMap::new();
    for l in plan.links.iter().filter(|l| l.successor == task) {
        if wanted_set.contains(&l.predecessor) {
            kept.entry(l.predecessor).or_insert(l);
        } else {
            edits.push(Edit::DeleteLink(l.id));
        }
    }
    let link_ids: HashSet<LinkId> = plan.links.iter().map(|l| l.id).collect();
    for (p, predecessor) in wanted.iter().zip(wanted_ids) {
        let old = kept.get(&predecessor);
        let new_id = || new_link_id(predecessor, task, |id| link_ids.contains(&id));
        let link = Link {
            id: old.map_or_else(new_id, |l| l.id),
            predecessor,
            successor: task,
            kind: p.kind,
            lag: p.lag,
        };
        if old.is_none_or(|l| **l != link) {
            edits.push(Edit::PutLink(link));
        }
    }
    Ok(Change {
        edits,
        label: format!("Set predecessors of task {}", this.number),
    })
}

/// Refuses to set `field` of a summary task, which takes it from its tasks (its duration is
/// their span): a value set there would be saved and then ignored by the scheduler.
fn refuse_summary(plan: &Plan, task: TaskId, field: &'static str) -> Result<(), WbsError> {
    let i = position(plan, task)?;
    if crate::baseline::is_summary_row(plan, i) {
        return Err(WbsError::Summary {
            task: task_label(&plan.tasks[i]),
            field,
        });
    }
    Ok(())
}

/// Sets a task's duration from MS Project notation ("5d", "2w", "3ed", "0" for a milestone);
/// not a summary's, which is its tasks' span.
pub fn set_duration(plan: &Plan, task: TaskId, text: &str) -> Result<Change, WbsError> {
    refuse_summary(plan, task, "duration")?;
    let mut t = find(plan, task)?.clone();
    let new = parse_duration(text)?;
    let was = t.duration;
    // A duration is kept in whole minutes: one that rounds to none is a milestone's, and the
    // label says so rather than repeat what was typed.
    let mut label = if new.minutes() == 0 && text.trim() != "0" {
        format!(
            "Set duration of task {} to 0 ({} rounds to no time)",
            t.number,
            text.trim()
        )
    } else {
        format!("Set duration of task {} to {text}", t.number)
    };
    if let (Duration::Working(_), Duration::Working(m)) = (t.duration, new) {
        if plan.assignments.iter().any(|a| a.task_id == task) && !t.is_milestone() {
            // Its assignments follow as its task type says (see `effort`).
            let mut edits = crate::effort::set_duration(plan, task, m.0)?.edits;
            for e in &mut edits {
                if let Edit::PutTask(put) = e {
                    if put.id == task {
                        milestone_follows_duration(put, was);
                        label.push_str(&estimate_follows_duration(put, was));
                    }
                }
            }
            return Ok(Change { edits, label });
        }
    }
    t.duration = new;
    milestone_follows_duration(&mut t, was);
    label.push_str(&estimate_follows_duration(&mut t, was));
    Ok(Change {
        edits: vec![Edit::PutTask(t)],
        label,
    })
}

/// A three-point estimate whose most likely duration was the task's duration follows a new
/// duration, scaled with it (15d / 20d / 30d, then 60d: 45d / 60d / 90d), and goes with a
/// duration of 0; Monte Carlo draws from the estimate, so one left behind would simulate the
/// old duration while the schedule shows the new. An estimate the user set apart from the
/// duration is left as it is. Returns what the change's label adds ("" when the estimate
/// stays).
pub(crate) fn estimate_follows_duration(t: &mut Task, was: Duration) -> String {
    let (Some(e), Duration::Working(old), Duration::Working(new)) = (t.estimate, was, t.duration)
    else {
        return String::new();
    };
    if old.0 <= 0 || new.0 < 0 || new == old || e.most_likely != old {
        return String::new();
    }
    // Made a milestone: nothing is left to draw (Monte Carlo would still vary it).
    if new.0 == 0 {
        t.estimate = None;
        return " (its estimate removed)".to_string();
    }
    let scale =
        |w: WorkMinutes| WorkMinutes((w.0 as f64 * new.0 as f64 / old.0 as f64).round() as i64);
    let scaled = ThreePoint {
        optimistic: scale(e.optimistic).min(new),
        most_likely: new,
        // Within the longest duration a task may have (a long duration scaled up would
        // otherwise be refused for its estimate, which the user did not type).
        pessimistic: scale(e.pessimistic)
            .min(WorkMinutes(MAX_DURATION_MINUTES))
            .max(new),
    };
    t.estimate = Some(scaled);
    format!(
        " (its estimate scaled to {} / {} / {})",
        days(scaled.optimistic),
        days(scaled.most_likely),
        days(scaled.pessimistic)
    )
}

/// Working days as MS Project shows a duration: `5.6d`, `7d`, `11.25d` (a scaled estimate in
/// one unit, not `2688m / 7d / 5376m`).
fn days(w: WorkMinutes) -> String {
    let d = format!("{:.2}", w.as_days());
    format!("{}d", d.trim_end_matches('0').trim_end_matches('.'))
}

/// MS Project's Milestone flag follows a duration typed in: a task given a duration of 0
/// becomes a milestone (the help's "0" for a milestone), and a zero-duration milestone given
/// a duration becomes a task again. Gates and deployments keep their kind.
pub(crate) fn milestone_follows_duration(t: &mut Task, was: Duration) {
    match t.kind {
        TaskKind::Task if t.duration.is_zero() => t.kind = TaskKind::Milestone,
        TaskKind::Milestone if was.is_zero() && !t.duration.is_zero() => t.kind = TaskKind::Task,
        _ => {}
    }
}

/// Switches a task between automatic and manual scheduling (MS Project's task mode). A task
/// made manual stays where the schedule has it now (its scheduled start); a task made
/// automatic is placed by its links, constraint and calendar again.
pub fn set_mode(plan: &Plan, task: TaskId, manual: bool) -> Result<Change, WbsError> {
    let i = position(plan, task)?;
    let mut t = plan.tasks[i].clone();
    let label = format!(
        "Schedule task {} {}",
        t.number,
        if manual { "manually" } else { "automatically" }
    );
    t.mode = match (manual, t.mode) {
        (false, _) => TaskMode::Auto,
        (true, m @ TaskMode::Manual { .. }) => m,
        (true, TaskMode::Auto) => {
            let s = crate::schedule::schedule(plan, &Default::default())
                .map_err(|e| WbsError::Unschedulable(e.to_string()))?;
            TaskMode::Manual {
                start: s.tasks[i].start,
                text_dates: false,
            }
        }
    };
    Ok(Change {
        edits: vec![Edit::PutTask(t)],
        label,
    })
}

/// The fields [`set_fields`] changes; `None` leaves a field as it is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TaskFields {
    pub name: Option<String>,
    /// MS Project notation: "5d", "2w", "3ed", "0" for a milestone.
    pub duration: Option<String>,
    pub owner: Option<String>,
    /// `Some(None)` removes the deadline.
    pub deadline: Option<Option<NaiveDateTime>>,
    /// The task's fixed cost (MS Project's Fixed Cost).
    pub fixed_cost: Option<Money>,
    /// When its fixed cost is incurred (MS Project's Fixed Cost Accrual).
    pub accrual: Option<Accrual>,
}

/// Sets a task's name, duration, owner, deadline, fixed cost or its accrual as one change ("Set name, duration of
/// task 3"). A field given with the value it has already is left out of the label; a change
/// that changes nothing has no edit.
pub fn set_fields(plan: &Plan, task: TaskId, f: &TaskFields) -> Result<Change, WbsError> {
    let old = find(plan, task)?;
    let mut t = old.clone();
    let mut what = Vec::new();
    if let Some(n) = &f.name {
        t.name = typed_name(|| task_label(old), n)?;
        if t.name.is_empty() {
            return Err(WbsError::EmptyName {
                task: task_label(old),
            });
        }
        what.push("name");
    }
    if let Some(d) = &f.duration {
        refuse_summary(plan, task, "duration")?;
        t.duration = parse_duration(d)?;
        milestone_follows_duration(&mut t, old.duration);
        estimate_follows_duration(&mut t, old.duration);
        what.push("duration");
    }
    if let Some(o) = &f.owner {
        t.owner = o.trim().to_string();
        what.push("owner");
    }
    if let Some(d) = f.deadline {
        t.deadline = d;
        what.push("deadline");
    }
    if let Some(c) = f.fixed_cost {
        t.fixed_cost.amount = c;
        what.push("fixed cost");
    }
    if let Some(a) = f.accrual {
        t.fixed_cost.accrual = a;
        what.push("fixed cost accrual");
    }
    let edits = if t == *old {
        Vec::new()
    } else {
        vec![Edit::PutTask(t)]
    };
    Ok(Change {
        label: format!("Set {} of task {}", what.join(", "), old.number),
        edits,
    })
}

/// Moves a task's start as dragging its bar does: a "start no earlier than" constraint,
/// replacing the one it had.
pub fn set_start(plan: &Plan, task: TaskId, start: NaiveDateTime) -> Result<Change, WbsError> {
    let mut t = find(plan, task)?.clone();
    t.constraint = Constraint::Snet(start);
    let label = format!("Start task {} no earlier than {start}", t.number);
    Ok(Change {
        edits: vec![Edit::PutTask(t)],
        label,
    })
}

/// Deletes a task (with its links, assignments and gates: [`crate::edit::apply`] cascades).
pub fn delete_task(plan: &Plan, task: TaskId) -> Result<Change, WbsError> {
    let t = find(plan, task)?;
    Ok(Change {
        edits: vec![Edit::DeleteTask(task)],
        label: format!("Delete task {}", t.number),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply;
    use crate::notation::format_predecessors;
    use chrono::NaiveDate;

    fn start() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2027, 3, 1)
            .unwrap()
            .and_hms_opt(8, 0, 0)
            .unwrap()
    }

    /// Tasks at the given outline levels, numbered 1, 2, …
    fn plan(levels: &[u16]) -> Plan {
        let mut p = crate::template::new_plan("R1", start());
        let project = p.projects[0].id;
        for (i, &level) in levels.iter().enumerate() {
            let mut t = new_task(TaskNumber(i as u32 + 1), project, level);
            t.name = format!("T{}", i + 1);
            apply(&mut p, &Edit::PutTask(t)).unwrap();
        }
        p
    }

    /// `plan` after the change, every edit through core's rules in order.
    fn after(plan: &Plan, c: &Change) -> Plan {
        let mut p = plan.clone();
        for e in &c.edits {
            apply(&mut p, e).unwrap_or_else(|err| panic!("{e:?}: {err}"));
        }
        p
    }

    fn names(p: &Plan) -> Vec<(u32, &str, u16)> {
        p.tasks
            .iter()
            .map(|t| (t.number.0, t.name.as_str(), t.outline_level))
            .collect()
    }

    fn id(p: &Plan, n: u32) -> TaskId {
        p.tasks.iter().find(|t| t.number.0 == n).unwrap().id
    }

    fn preds(p: &Plan, n: u32) -> String {
        let succ = id(p, n);
        let number: HashMap<TaskId, TaskNumber> =
            p.tasks.iter().map(|t| (t.id, t.number)).collect();
        let list: Vec<_> = p
            .links
            .iter()
            .filter(|l| l.successor == succ)
            .map(|l| crate::notation::Predecessor {
                number: number[&l.predecessor],
                kind: l.kind,
                lag: l.lag,
            })
            .collect();
        format_predecessors(&list)
    }

    #[test]
    fn a_task_made_manual_keeps_its_scheduled_start_and_links_no_longer_move_it() {
        let p = crate::demo::demo_plan();
        let i = p
            .tasks
            .iter()
            .position(|t| !t.is_milestone() && t.mode == TaskMode::Auto && t.outline_level > 1)
            .unwrap();
        let id = p.tasks[i].id;
        let before = crate::schedule::schedule(&p, &Default::default()).unwrap();
        let c = set_mode(&p, id, true).unwrap();
        let q = crate::edit::apply_all(&p, &c.edits).unwrap();
        assert_eq!(
            q.tasks[i].mode.manual_start(),
            Some(before.tasks[i].start),
            "{}",
            c.label
        );
        let back = crate::edit::apply_all(&q, &set_mode(&q, id, false).unwrap().edits).unwrap();
        assert_eq!(back.tasks[i].mode, TaskMode::Auto);
        assert!(set_mode(&p, TaskId::from_u128(7), true).is_err());
    }

    #[test]
    fn set_fields_is_one_change() {
        let p = plan(&[1, 1]);
        let f = TaskFields {
            name: Some("Build".into()),
            duration: Some("3d".into()),
            owner: None,
            deadline: Some(Some(start())),
            ..Default::default()
        };
        let c = set_fields(&p, id(&p, 2), &f).unwrap();
        assert_eq!(c.label, "Set name, duration, deadline of task 2");
        let q = after(&p, &c);
        let t = &q.tasks[1];
        assert_eq!(t.name, "Build");
        assert_eq!(t.duration, Duration::Working(WorkMinutes::days(3)));
        assert_eq!(t.deadline, Some(start()));
        assert_eq!(t.owner, p.tasks[1].owner);
        let bad = TaskFields {
            duration: Some("3x".into()),
            ..Default::default()
        };
        assert!(set_fields(&p, id(&p, 2), &bad).is_err());
        let cost = TaskFields {
            fixed_cost: Some(Money::from_units(1200)),
            accrual: Some(Accrual::End),
            ..Default::default()
        };
        let c = set_fields(&p, id(&p, 2), &cost).unwrap();
        assert_eq!(c.label, "Set fixed cost, fixed cost accrual of task 2");
        let q = after(&p, &c);
        assert_eq!(
            q.tasks[1].fixed_cost,
            FixedCost {
                amount: Money(120000),
                accrual: Accrual::End
            }
        );
    }

    #[test]
    fn inserting_above_a_row_takes_its_number_and_level_and_renumbers_below() {
        let p = plan(&[1, 2, 2, 1]);
        let c = insert_task(&p, Some(id(&p, 2)), None).unwrap();
        assert_eq!(c.label, "Insert task 2");
        // Bottom up: 4 → 5 first, so no two tasks share a number on the way.
        let order: Vec<u32> = c
            .edits
            .iter()
            .map(|e| match e {
                Edit::PutTask(t) => t.number.0,
                _ => panic!("{e:?}"),
            })
            .collect();
        assert_eq!(order, [5, 4, 3, 2]);
        let q = after(&p, &c);
        assert_eq!(
            names(&q),
            [
                (1, "T1", 1),
                (2, "New task", 2),
                (3, "T2", 2),
                (4, "T3", 2),
                (5, "T4", 1)
            ]
        );
        let new = &q.tasks[1];
        assert_eq!(new.duration, Duration::Working(WorkMinutes::days(1)));
        assert_eq!(new.constraint, Constraint::Asap);
        assert_eq!(new.kind, TaskKind::Task);
        assert_eq!(new.project_id, p.projects[0].id);
    }

    #[test]
    fn adding_at_the_end_takes_the_next_number_at_most_level_two() {
        let p = plan(&[1, 2, 3]);
        let c = insert_task(&p, None, None).unwrap();
        assert_eq!(c.edits.len(), 1, "nothing is renumbered");
        assert_eq!(c.label, "Insert task 4");
        assert_eq!(names(&after(&p, &c))[3], (4, "New task", 2));
        let p = plan(&[1]);
        assert_eq!(
            names(&after(&p, &insert_task(&p, None, None).unwrap()))[1].2,
            1
        );
    }

    #[test]
    fn the_first_task_of_a_plan_is_number_one_in_its_first_project() {
        let p = plan(&[]);
        let q = after(&p, &insert_task(&p, None, None).unwrap());
        assert_eq!(names(&q), [(1, "New task", 1)]);
        let mut empty = p.clone();
        empty.projects.clear();
        assert_eq!(insert_task(&empty, None, None), Err(WbsError::NoProject));
        let gone = TaskId::new();
        assert_eq!(
            insert_task(&p, Some(gone), None),
            Err(WbsError::UnknownTask { task: gone })
        );
    }

    #[test]
    fn a_typed_name_is_trimmed_and_a_blank_one_gives_the_default() {
        let p = plan(&[1]);
        let q = after(&p, &insert_task(&p, None, Some("  Ship it ")).unwrap());
        assert_eq!(names(&q)[1].1, "Ship it");
        let q = after(&p, &insert_task(&p, None, Some("   ")).unwrap());
        assert_eq!(names(&q)[1].1, "New task");
    }

    #[test]
    fn indenting_moves_the_subtree_and_leaves_the_rest() {
        let p = plan(&[1, 1, 2, 3, 1]);
        let c = indent_task(&p, id(&p, 2), 1).unwrap();
        assert_eq!(c.label, "Indent task 2");
        let q = after(&p, &c);
        let levels: Vec<u16> = q.tasks.iter().map(|t| t.outline_level).collect();
        assert_eq!(levels, [1, 2, 3, 4, 1]);
        let c = indent_task(&q, id(&q, 2), -1).unwrap();
        assert_eq!(c.label, "Outdent task 2");
        assert_eq!(after(&q, &c).tasks, p.tasks);
    }

    #[test]
    fn a_top_level_row_cannot_be_outdented_and_the_first_row_not_indented() {
        let p = plan(&[1, 2]);
        assert_eq!(
            indent_task(&p, id(&p, 1), -1),
            Err(WbsError::TopLevel {
                task: "task 1 'T1'".into()
            })
        );
        assert_eq!(
            indent_task(&p, id(&p, 1), 1).unwrap_err().to_string(),
            "task 1 'T1' cannot be indented: it is the first row, with no row above it to go under"
        );
        // Row 2 is already one level under row 1: a second level deeper is refused, naming
        // the row above.
        assert_eq!(
            indent_task(&p, id(&p, 2), 1).unwrap_err().to_string(),
            "task 2 'T2' cannot be indented: the row above it, task 1 'T1', is at level 1, so \
             it can be at most at level 2"
        );
        // The same outline rule is core's `apply`, for edits that come from elsewhere.
        let mut bad = p.tasks[0].clone();
        bad.outline_level = 2;
        assert!(apply(&mut p.clone(), &Edit::PutTask(bad)).is_err());
    }

    #[test]
    fn predecessors_replace_the_list_keeping_the_ids_of_links_that_stay() {
        let p = plan(&[1, 1, 1, 1]);
        let c = set_predecessors(&p, id(&p, 4), "1, 2SS+2d").unwrap();
        assert_eq!(c.label, "Set predecessors of task 4");
        let q = after(&p, &c);
        assert_eq!(preds(&q, 4), "1, 2SS+2d");
        let link_from = |p: &Plan, n: u32| {
            p.links
                .iter()
                .find(|l| l.predecessor == id(p, n) && l.successor == id(p, 4))
                .map(|l| l.id)
        };
        let from2 = link_from(&q, 2).unwrap();

        // 2 changes type, 1 goes, 3 comes: one delete, one change in place, one new link.
        let c = set_predecessors(&q, id(&q, 4), "2FF, 3").unwrap();
        let deletes = c
            .edits
            .iter()
            .filter(|e| matches!(e, Edit::DeleteLink(_)))
            .count();
        assert_eq!((deletes, c.edits.len()), (1, 3));
        assert!(
            matches!(c.edits[0], Edit::DeleteLink(_)),
            "deletes come first"
        );
        let r = after(&q, &c);
        assert_eq!(preds(&r, 4), "2FF, 3");
        assert_eq!(
            link_from(&r, 2),
            Some(from2),
            "the link that stays keeps its id"
        );
        assert_eq!(link_from(&r, 1), None);

        // The same list again changes nothing; an empty one removes all.
        assert!(set_predecessors(&r, id(&r, 4), "3, 2FF")
            .unwrap()
            .edits
            .is_empty());
        let none = after(&r, &set_predecessors(&r, id(&r, 4), "  ").unwrap());
        assert_eq!(preds(&none, 4), "");
        assert_eq!(preds(&none, 3), "", "other tasks' links are untouched");
    }

    #[test]
    fn bad_predecessor_text_is_refused_naming_the_place() {
        let p = plan(&[1, 1]);
        let e = set_predecessors(&p, id(&p, 2), "1, 9").unwrap_err();
        assert_eq!(e.to_string(), "position 4: task 9 does not exist");
        assert!(matches!(
            set_predecessors(&p, id(&p, 2), "2"),
            Err(WbsError::Notation(NotationError::SelfLink { .. }))
        ));
    }

    #[test]
    fn a_duration_of_zero_makes_a_milestone_and_a_duration_makes_it_a_task_again() {
        let p = plan(&[1, 1]);
        let m = after(&p, &set_duration(&p, id(&p, 2), "0").unwrap());
        assert_eq!(m.tasks[1].kind, TaskKind::Milestone);
        assert!(m.tasks[1].duration.is_zero());
        let t = after(&m, &set_duration(&m, id(&m, 2), "3d").unwrap());
        assert_eq!(t.tasks[1].kind, TaskKind::Task);
        // The same through set_fields, the CLI's `task set`.
        let f = TaskFields {
            duration: Some("0".into()),
            ..TaskFields::default()
        };
        let m2 = after(&t, &set_fields(&t, id(&t, 2), &f).unwrap());
        assert_eq!(m2.tasks[1].kind, TaskKind::Milestone);
        // A milestone that has a duration (as MS Project files may have) keeps its flag when
        // its duration changes; a gate stays a gate at any duration.
        let mut q = p.clone();
        q.tasks[1].kind = TaskKind::Milestone;
        let kept = after(&q, &set_duration(&q, id(&q, 2), "2d").unwrap());
        assert_eq!(kept.tasks[1].kind, TaskKind::Milestone);
        q.tasks[1].kind = TaskKind::Gate;
        q.tasks[1].duration = Duration::ZERO;
        let gate = after(&q, &set_duration(&q, id(&q, 2), "1d").unwrap());
        assert_eq!(gate.tasks[1].kind, TaskKind::Gate);
        // A task with assignments too: its work follows its type, and it becomes a milestone.
        let d = crate::demo::demo_plan_sized(50, 1);
        let a = d.assignments[0].task_id;
        let m = after(&d, &set_duration(&d, a, "0").unwrap());
        let t = m.tasks.iter().find(|t| t.id == a).unwrap();
        assert_eq!((t.kind, t.duration), (TaskKind::Milestone, Duration::ZERO));
    }

    #[test]
    fn an_estimate_whose_most_likely_was_the_duration_follows_a_new_duration() {
        let d = |n: i64| WorkMinutes::days(n);
        let mut p = plan(&[1, 1]);
        p.tasks[1].duration = Duration::Working(d(20));
        p.tasks[1].estimate = Some(ThreePoint {
            optimistic: d(15),
            most_likely: d(20),
            pessimistic: d(30),
        });
        let c = set_duration(&p, id(&p, 2), "60d").unwrap();
        assert_eq!(
            c.label,
            "Set duration of task 2 to 60d (its estimate scaled to 45d / 60d / 90d)"
        );
        let q = after(&p, &c);
        assert_eq!(
            q.tasks[1].estimate,
            Some(ThreePoint {
                optimistic: d(45),
                most_likely: d(60),
                pessimistic: d(90),
            })
        );
        // The same through set_fields.
        let f = TaskFields {
            duration: Some("10d".into()),
            ..TaskFields::default()
        };
        let r = after(&p, &set_fields(&p, id(&p, 2), &f).unwrap());
        assert_eq!(r.tasks[1].estimate.unwrap().most_likely, d(10));
        assert_eq!(r.tasks[1].estimate.unwrap().optimistic, WorkMinutes(3600));
        // A duration of 0 makes a milestone, and its estimate goes: Monte Carlo would still
        // draw it 15 to 30 days long.
        let c = set_duration(&p, id(&p, 2), "0").unwrap();
        assert_eq!(
            c.label,
            "Set duration of task 2 to 0 (its estimate removed)"
        );
        // Scaled values that are not whole days read in days too, as MS Project shows them.
        let c = set_duration(&p, id(&p, 2), "7d").unwrap();
        assert_eq!(
            c.label,
            "Set duration of task 2 to 7d (its estimate scaled to 5.25d / 7d / 10.5d)"
        );
        let c = set_duration(&p, id(&p, 2), "0.0001d").unwrap();
        assert_eq!(
            c.label,
            "Set duration of task 2 to 0 (0.0001d rounds to no time) (its estimate removed)"
        );
        let z = after(&p, &c);
        assert_eq!(z.tasks[1].estimate, None);
        assert_eq!(z.tasks[1].kind, TaskKind::Milestone);
        // An estimate set apart from the duration stays as the user gave it.
        p.tasks[1].estimate = Some(ThreePoint {
            optimistic: d(15),
            most_likely: d(25),
            pessimistic: d(30),
        });
        let c = set_duration(&p, id(&p, 2), "60d").unwrap();
        assert_eq!(c.label, "Set duration of task 2 to 60d");
        assert_eq!(after(&p, &c).tasks[1].estimate, p.tasks[1].estimate);
    }

    #[test]
    fn a_name_typed_with_a_line_break_or_an_escape_is_refused() {
        let p = plan(&[1, 1]);
        let f = |name: &str| TaskFields {
            name: Some(name.into()),
            ..TaskFields::default()
        };
        let e = set_fields(&p, id(&p, 2), &f("Build\nand test")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "task 2 'T2': a name cannot hold a line break (U+000A); type it on one line, \
             without it"
        );
        let e = set_fields(&p, id(&p, 2), &f("evil\u{1b}[2J")).unwrap_err();
        assert!(
            e.to_string().contains("a control character (U+001B)"),
            "{e}"
        );
        let e = insert_task(&p, None, Some("a\tb")).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("new task 3: a name cannot hold a tab"),
            "{e}"
        );
        // Spaces and letters of any script are fine; the ends are trimmed.
        let c = set_fields(&p, id(&p, 2), &f("  设计 Zoë  ")).unwrap();
        assert_eq!(after(&p, &c).tasks[1].name, "设计 Zoë");
    }

    #[test]
    fn a_name_of_invisible_characters_only_is_refused() {
        let p = plan(&[1, 1]);
        let f = |name: &str| TaskFields {
            name: Some(name.into()),
            ..TaskFields::default()
        };
        let e = set_fields(&p, id(&p, 2), &f("\u{200b}\u{200d}")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "task 2 'T2' needs a name that shows: this one has only invisible characters \
             (U+200B first); type one with a letter, a digit or a sign"
        );
        // A byte-order mark, a word joiner, a direction mark, a lone combining accent, with
        // spaces round them.
        for name in ["\u{feff}", " \u{2060} ", "\u{200e}\u{200f}", "\u{301}"] {
            assert!(
                matches!(
                    set_fields(&p, id(&p, 2), &f(name)),
                    Err(WbsError::InvisibleName { .. })
                ),
                "{name:?}"
            );
        }
        assert!(matches!(
            insert_task(&p, None, Some("\u{200b}")),
            Err(WbsError::InvisibleName { .. })
        ));
        // Beside anything that shows, they are kept: an accent on its letter, an emoji
        // joined by a zero-width joiner, a soft break hint inside a word.
        for name in [
            "Zoe\u{301}",
            "👩\u{200d}💻 dev",
            "Release\u{200b}Train",
            "设计",
        ] {
            let c = set_fields(&p, id(&p, 2), &f(name)).unwrap();
            assert_eq!(after(&p, &c).tasks[1].name, name);
        }
    }

    #[test]
    fn duration_start_and_delete_name_the_task() {
        let p = plan(&[1, 1]);
        let c = set_duration(&p, id(&p, 2), "2w").unwrap();
        assert_eq!(c.label, "Set duration of task 2 to 2w");
        assert_eq!(
            after(&p, &c).tasks[1].duration,
            Duration::Working(WorkMinutes::days(10))
        );
        assert!(set_duration(&p, id(&p, 2), "soon").is_err());
        let c = set_start(&p, id(&p, 1), start()).unwrap();
        assert_eq!(after(&p, &c).tasks[0].constraint, Constraint::Snet(start()));
        let c = delete_task(&p, id(&p, 1)).unwrap();
        assert_eq!(c.label, "Delete task 1");
        assert_eq!(after(&p, &c).tasks.len(), 1);
    }
}
