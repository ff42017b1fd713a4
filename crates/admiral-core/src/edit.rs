//! Edits: every change to a plan as a value.
//!
//! The desktop shell and the CLI express what the user did as [`Edit`]s. [`apply`] applies one
//! to an in-memory [`Plan`]; `admiral-store` persists the same edits with the same rules (and
//! the same cascade when a task is deleted), so a plan edited in memory and the plan reloaded
//! from its file agree.
//!
//! Rules kept by [`apply`], for every edit on its own:
//! - the entity's own rules (`validate_own` of each entity, the outline rule for tasks);
//! - references must exist (a task's project and calendar, a link's tasks, …);
//! - task numbers are unique, and a pair of tasks is linked at most once;
//! - an entity that something still refers to cannot be deleted (e.g. a project with tasks),
//!   except a task: deleting a task also deletes its links, assignments and gates, and
//!   removes it from the risks that name it;
//! - scenarios are checked against the plan when put; deleting a task, link, risk, resource,
//!   calendar or release drops the scenario overrides that refer to it
//!   ([`crate::scenario::Scenario::forget`]).
//!
//! On error the plan is left exactly as it was.

use crate::calendar::Calendar;
use crate::model::*;
use crate::scenario::{Gone, Scenario};
use serde::{Deserialize, Serialize};

mod in_place;
mod links;
pub use in_place::{apply_all_in_place, Restore};

/// One change to a plan. `Put*` inserts the entity, or replaces the one with the same id in
/// place; `Delete*` removes it by id.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", content = "value", rename_all = "snake_case")]
pub enum Edit {
    SetPortfolio(Portfolio),
    SetSettings(PlanSettings),
    PutRelease(Release),
    DeleteRelease(ReleaseId),
    PutProject(Project),
    DeleteProject(ProjectId),
    PutTask(Task),
    DeleteTask(TaskId),
    PutLink(Link),
    DeleteLink(LinkId),
    PutCalendar(Calendar),
    DeleteCalendar(CalendarId),
    PutBlackout(Blackout),
    DeleteBlackout(BlackoutId),
    PutGate(Gate),
    DeleteGate(GateId),
    PutRisk(Risk),
    DeleteRisk(RiskId),
    PutResource(Resource),
    DeleteResource(ResourceId),
    PutAssignment(Assignment),
    DeleteAssignment(AssignmentId),
    PutScenario(Scenario),
    DeleteScenario(ScenarioId),
    /// Saves a baseline, replacing the one with its number.
    PutBaseline(crate::baseline::Baseline),
    /// Clears the baseline with this number.
    DeleteBaseline(u8),
    PutCommitment(Commitment),
    DeleteCommitment(CommitmentId),
    PutSnapshot(Snapshot),
    DeleteSnapshot(SnapshotId),
}

/// What one user action changes: the edits to commit together as one undoable change, and
/// the label the audit trail shows for it ("Insert task 12"). Core's editing rules
/// ([`crate::wbs`], [`crate::risk::new_risk`]) return one; the shell and the CLI commit it.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub edits: Vec<Edit>,
    pub label: String,
}

impl Edit {
    /// The kind of entity the edit touches, as the audit trail names it: "task", "link", …
    pub fn entity_kind(&self) -> &'static str {
        match self {
            Edit::SetPortfolio(_) => "portfolio",
            Edit::SetSettings(_) => "settings",
            Edit::PutRelease(_) | Edit::DeleteRelease(_) => "release",
            Edit::PutProject(_) | Edit::DeleteProject(_) => "project",
            Edit::PutTask(_) | Edit::DeleteTask(_) => "task",
            Edit::PutLink(_) | Edit::DeleteLink(_) => "link",
            Edit::PutCalendar(_) | Edit::DeleteCalendar(_) => "calendar",
            Edit::PutBlackout(_) | Edit::DeleteBlackout(_) => "blackout",
            Edit::PutGate(_) | Edit::DeleteGate(_) => "gate",
            Edit::PutRisk(_) | Edit::DeleteRisk(_) => "risk",
            Edit::PutResource(_) | Edit::DeleteResource(_) => "resource",
            Edit::PutAssignment(_) | Edit::DeleteAssignment(_) => "assignment",
            Edit::PutScenario(_) | Edit::DeleteScenario(_) => "scenario",
            Edit::PutBaseline(_) | Edit::DeleteBaseline(_) => "baseline",
            Edit::PutCommitment(_) | Edit::DeleteCommitment(_) => "commitment",
            Edit::PutSnapshot(_) | Edit::DeleteSnapshot(_) => "snapshot",
        }
    }
}

/// Applies `edits` in order to a copy of `plan` and returns it: the one way a change is
/// checked before it is saved. Besides each edit's own rules ([`apply`]), a change that adds
/// or changes a link or moves a task in the outline must not close a dependency cycle
/// (refused naming its tasks). A plan that already has a cycle stays editable: other
/// changes, and the ones that remove the cycle, are accepted.
pub fn apply_all(plan: &Plan, edits: &[Edit]) -> Result<Plan, ModelError> {
    let mut next = plan.clone();
    let mut k = 0;
    while k < edits.len() {
        // Two or more link puts, or link deletes, in a row go as one run (`links`).
        let puts: Vec<&Link> = (edits[k..].iter())
            .map_while(|e| match e {
                Edit::PutLink(l) => Some(l),
                _ => None,
            })
            .collect();
        let deletes: Vec<LinkId> = (edits[k..].iter())
            .map_while(|e| match e {
                Edit::DeleteLink(id) => Some(*id),
                _ => None,
            })
            .collect();
        if puts.len() >= 2 {
            links::put_run(&mut next, &puts)?;
            k += puts.len();
        } else if deletes.len() >= 2 {
            links::delete_run(&mut next, &deletes)?;
            k += deletes.len();
        } else {
            apply(&mut next, &edits[k])?;
            k += 1;
        }
    }
    if shapes_links(plan, edits) {
        if let Some(ids) = crate::dependency::find_cycle(&next) {
            let adds_link = edits.iter().any(|e| matches!(e, Edit::PutLink(_)));
            if adds_link || crate::dependency::find_cycle(plan).is_none() {
                return Err(ModelError::Cycle {
                    what: "this change".into(),
                    tasks: crate::dependency::cycle_labels(&next, &ids),
                });
            }
        }
    }
    Ok(next)
}

/// Whether `edits` can close a dependency cycle in `plan`: only a link, a new task or a task
/// moved in the outline (number, level, kind: what makes summaries and their derived links)
/// can; a change of duration, name or dates cannot, and is not worth a walk of the whole
/// network.
fn shapes_links(plan: &Plan, edits: &[Edit]) -> bool {
    edits.iter().any(|e| match e {
        Edit::PutLink(_) => true,
        Edit::PutTask(t) => plan.task_row(t.id, t.number).is_none_or(|i| {
            let o = &plan.tasks[i];
            o.number != t.number || o.outline_level != t.outline_level || o.kind != t.kind
        }),
        _ => false,
    })
}

/// Applies one edit to `plan`, keeping tasks sorted by number. On error (a broken rule, an
/// unknown reference, a delete of something still in use or of something that does not
/// exist) `plan` is unchanged.
pub fn apply(plan: &mut Plan, edit: &Edit) -> Result<(), ModelError> {
    match edit {
        Edit::SetPortfolio(p) => plan.portfolio = p.clone(),
        Edit::SetSettings(s) => {
            calendar_ref(plan, "the plan settings", s.default_calendar)?;
            plan.settings = s.clone();
        }
        Edit::PutRelease(r) => put_release(plan, r)?,
        Edit::DeleteRelease(id) => delete_release(plan, *id)?,
        Edit::PutProject(p) => put_project(plan, p)?,
        Edit::DeleteProject(id) => {
            let i = find(&plan.projects, |x| x.id == *id, "project", id)?;
            if let Some(t) = plan.tasks.iter().find(|t| t.project_id == *id) {
                return Err(dangling(task_label(t), "project", id));
            }
            plan.projects.remove(i);
        }
        Edit::PutTask(t) => put_task(plan, t)?,
        Edit::DeleteTask(id) => delete_task(plan, *id)?,
        Edit::PutLink(l) => put_link(plan, l)?,
        Edit::DeleteLink(id) => {
            let i = find(&plan.links, |x| x.id == *id, "link", id)?;
            plan.links.remove(i);
            forget(plan, Gone::Link(*id));
        }
        Edit::PutCalendar(c) => {
            c.validate_own()?;
            upsert(&mut plan.calendars, c.clone(), |x| x.id);
        }
        Edit::DeleteCalendar(id) => delete_calendar(plan, *id)?,
        Edit::PutBlackout(b) => {
            if !plan.releases.iter().any(|r| r.id == b.release_id) {
                return Err(dangling(
                    format!("blackout window '{}'", b.name),
                    "release",
                    b.release_id,
                ));
            }
            b.validate_own()?;
            upsert(&mut plan.blackouts, b.clone(), |x| x.id);
        }
        Edit::DeleteBlackout(id) => {
            let i = find(&plan.blackouts, |x| x.id == *id, "blackout window", id)?;
            plan.blackouts.remove(i);
        }
        Edit::PutGate(g) => {
            task_by_id(plan, g.task_id, &format!("gate {}", g.id))?;
            upsert(&mut plan.gates, g.clone(), |x| x.id);
        }
        Edit::DeleteGate(id) => {
            let i = find(&plan.gates, |x| x.id == *id, "gate", id)?;
            plan.gates.remove(i);
        }
        Edit::PutRisk(r) => put_risk(plan, r)?,
        Edit::DeleteRisk(id) => {
            let i = find(&plan.risks, |x| x.id == *id, "risk", id)?;
            plan.risks.remove(i);
            forget(plan, Gone::Risk(*id));
        }
        Edit::PutResource(r) => {
            r.validate_own()?;
            calendar_ref(plan, &format!("resource '{}'", r.name), r.calendar_id)?;
            upsert(&mut plan.resources, r.clone(), |x| x.id);
        }
        Edit::DeleteResource(id) => delete_resource(plan, *id)?,
        Edit::PutAssignment(a) => put_assignment(plan, a)?,
        Edit::DeleteAssignment(id) => {
            let i = find(&plan.assignments, |x| x.id == *id, "assignment", id)?;
            plan.assignments.remove(i);
        }
        Edit::PutScenario(s) => {
            s.validate_in(plan)?;
            upsert(&mut plan.scenarios, s.clone(), |x| x.id);
        }
        Edit::DeleteScenario(id) => {
            let i = find(&plan.scenarios, |x| x.id == *id, "scenario", id)?;
            plan.scenarios.remove(i);
        }
        Edit::PutBaseline(b) => {
            b.validate_own()?;
            upsert(&mut plan.baselines, b.clone(), |x| x.number);
            plan.baselines.sort_by_key(|x| x.number);
        }
        Edit::DeleteBaseline(n) => {
            let i = find(&plan.baselines, |x| x.number == *n, "baseline", n)?;
            plan.baselines.remove(i);
        }
        Edit::PutCommitment(c) => {
            c.validate_own()?;
            let task = task_by_id(plan, c.task_id, &commitment_label(c))?;
            c.validate_task(task)?;
            upsert(&mut plan.commitments, c.clone(), |x| x.id);
        }
        Edit::DeleteCommitment(id) => {
            let i = find(&plan.commitments, |x| x.id == *id, "commitment", id)?;
            plan.commitments.remove(i);
        }
        Edit::PutSnapshot(s) => {
            s.validate_own()?;
            upsert(&mut plan.snapshots, s.clone(), |x| x.id);
        }
        Edit::DeleteSnapshot(id) => {
            let i = find(&plan.snapshots, |x| x.id == *id, "snapshot", id)?;
            plan.snapshots.remove(i);
        }
    }
    Ok(())
}

/// A release: its own rules, its calendar, and a code no other release has (in any case).
fn put_release(plan: &mut Plan, r: &Release) -> Result<(), ModelError> {
    r.validate_own()?;
    calendar_ref(plan, &release_label(r), r.calendar_id)?;
    if let Some(other) = plan
        .releases
        .iter()
        .find(|x| x.id != r.id && x.code.eq_ignore_ascii_case(&r.code))
    {
        return Err(ModelError::ReleaseCodeTaken {
            code: r.code.clone(),
            other: other.name.clone(),
        });
    }
    upsert(&mut plan.releases, r.clone(), |x| x.id);
    Ok(())
}

/// Deletes a release that no project, blackout window or risk still refers to.
fn delete_release(plan: &mut Plan, id: ReleaseId) -> Result<(), ModelError> {
    let i = find(&plan.releases, |x| x.id == id, "release", id)?;
    if let Some(p) = plan.projects.iter().find(|p| p.release_id == id) {
        return Err(dangling(format!("project '{}'", p.name), "release", id));
    }
    if let Some(b) = plan.blackouts.iter().find(|b| b.release_id == id) {
        return Err(dangling(
            format!("blackout window '{}'", b.name),
            "release",
            id,
        ));
    }
    if let Some(r) = plan.risks.iter().find(|r| r.release_id == id) {
        return Err(dangling(format!("risk '{}'", r.title), "release", id));
    }
    plan.releases.remove(i);
    forget(plan, Gone::Release(id));
    Ok(())
}

/// A project of an existing release.
fn put_project(plan: &mut Plan, p: &Project) -> Result<(), ModelError> {
    p.validate_own()?;
    if !plan.releases.iter().any(|r| r.id == p.release_id) {
        return Err(dangling(
            format!("project '{}'", p.name),
            "release",
            p.release_id,
        ));
    }
    upsert(&mut plan.projects, p.clone(), |x| x.id);
    Ok(())
}

/// A link between existing tasks, at most one per pair.
fn put_link(plan: &mut Plan, l: &Link) -> Result<(), ModelError> {
    let pred = task_by_id(plan, l.predecessor, "a link")?;
    let succ = task_by_id(plan, l.successor, "a link")?;
    l.validate_own(&task_label(pred))?;
    if plan
        .links
        .iter()
        .any(|x| x.id != l.id && x.predecessor == l.predecessor && x.successor == l.successor)
    {
        return Err(ModelError::DuplicateLink {
            predecessor: task_label(pred),
            successor: task_label(succ),
        });
    }
    upsert(&mut plan.links, *l, |x| x.id);
    Ok(())
}

/// Deletes a calendar that neither the settings nor a release, task or resource uses.
fn delete_calendar(plan: &mut Plan, id: CalendarId) -> Result<(), ModelError> {
    let i = find(&plan.calendars, |x| x.id == id, "calendar", id)?;
    let user = if plan.settings.default_calendar == Some(id) {
        Some("the plan settings".to_string())
    } else if let Some(r) = plan.releases.iter().find(|r| r.calendar_id == Some(id)) {
        Some(release_label(r))
    } else if let Some(t) = plan.tasks.iter().find(|t| t.calendar_id == Some(id)) {
        Some(task_label(t))
    } else {
        plan.resources
            .iter()
            .find(|r| r.calendar_id == Some(id))
            .map(|r| format!("resource '{}'", r.name))
    };
    if let Some(user) = user {
        return Err(dangling(user, "calendar", id));
    }
    plan.calendars.remove(i);
    forget(plan, Gone::Calendar(id));
    Ok(())
}

/// A risk of an existing release, on existing tasks.
fn put_risk(plan: &mut Plan, r: &Risk) -> Result<(), ModelError> {
    r.validate_own()?;
    let entity = format!("risk '{}'", r.title);
    if !plan.releases.iter().any(|x| x.id == r.release_id) {
        return Err(dangling(entity, "release", r.release_id));
    }
    for t in &r.task_ids {
        task_by_id(plan, *t, &entity)?;
    }
    upsert(&mut plan.risks, r.clone(), |x| x.id);
    Ok(())
}

/// Deletes a resource that no assignment uses.
fn delete_resource(plan: &mut Plan, id: ResourceId) -> Result<(), ModelError> {
    let i = find(&plan.resources, |x| x.id == id, "resource", id)?;
    if let Some(a) = plan.assignments.iter().find(|a| a.resource_id == id) {
        let task = task_by_id(plan, a.task_id, "an assignment")?;
        return Err(dangling(
            format!("the assignment to {}", task_label(task)),
            "resource",
            id,
        ));
    }
    plan.resources.remove(i);
    forget(plan, Gone::Resource(id));
    Ok(())
}

/// An assignment of an existing resource to an existing task.
fn put_assignment(plan: &mut Plan, a: &Assignment) -> Result<(), ModelError> {
    let task = task_by_id(plan, a.task_id, "an assignment")?;
    let res = plan
        .resources
        .iter()
        .find(|r| r.id == a.resource_id)
        .ok_or_else(|| dangling("an assignment".into(), "resource", a.resource_id))?;
    a.validate_units(&res.name, &task_label(task))?;
    upsert(&mut plan.assignments, *a, |x| x.id);
    Ok(())
}

fn put_task(plan: &mut Plan, t: &Task) -> Result<(), ModelError> {
    t.validate_own()?;
    let label = task_label(t);
    if !plan.projects.iter().any(|p| p.id == t.project_id) {
        return Err(dangling(label, "project", t.project_id));
    }
    calendar_ref(plan, &label, t.calendar_id)?;
    // A task that keeps its number keeps its row: replace it there (moving every row after it
    // out and back costs a copy of the whole list, 30 MB at 100k tasks). Its number is then
    // no other task's: tasks are in number order, and its neighbours' numbers differ.
    let kept = plan
        .task_row(t.id, t.number)
        .filter(|&i| plan.tasks[i].number == t.number);
    let number = |i: Option<usize>| i.and_then(|i| plan.tasks.get(i)).map(|x| x.number);
    if let Some(i) = kept.filter(|&i| {
        number(i.checked_sub(1)) != Some(t.number) && number(Some(i + 1)) != Some(t.number)
    }) {
        let old = std::mem::replace(&mut plan.tasks[i], t.clone());
        if let Err(e) = check_outline(&plan.tasks, &[i, i + 1]) {
            plan.tasks[i] = old;
            return Err(e);
        }
        return Ok(());
    }
    if let Some(other) = plan
        .tasks
        .iter()
        .find(|x| x.number == t.number && x.id != t.id)
    {
        return Err(ModelError::DuplicateTaskNumber {
            number: t.number,
            first: task_label(other),
            second: label,
        });
    }
    // Place the task, then check the outline rule around its old and new rows; put the old
    // row back if it fails.
    let old = plan
        .tasks
        .iter()
        .position(|x| x.id == t.id)
        .map(|i| (i, plan.tasks.remove(i)));
    let at = plan.tasks.partition_point(|x| x.number < t.number);
    plan.tasks.insert(at, t.clone());
    let mut rows = vec![at, at + 1];
    if let Some((i, _)) = &old {
        // The row that followed the old position now sits at `i` or `i + 1`.
        rows.extend([*i, *i + 1]);
    }
    if let Err(e) = check_outline(&plan.tasks, &rows) {
        plan.tasks.remove(at);
        if let Some((i, task)) = old {
            plan.tasks.insert(i, task);
        }
        return Err(e);
    }
    Ok(())
}

fn delete_task(plan: &mut Plan, id: TaskId) -> Result<(), ModelError> {
    let i = find(&plan.tasks, |x| x.id == id, "task", id)?;
    let removed = plan.tasks.remove(i);
    if let Err(e) = check_outline(&plan.tasks, &[i]) {
        plan.tasks.insert(i, removed);
        return Err(e);
    }
    // The same cascade, in the same order, as the store's.
    let links: Vec<LinkId> = plan
        .links
        .iter()
        .filter(|l| l.predecessor == id || l.successor == id)
        .map(|l| l.id)
        .collect();
    plan.links
        .retain(|l| l.predecessor != id && l.successor != id);
    plan.assignments.retain(|a| a.task_id != id);
    plan.gates.retain(|g| g.task_id != id);
    plan.commitments.retain(|c| c.task_id != id);
    for r in &mut plan.risks {
        r.task_ids.retain(|t| *t != id);
    }
    for l in links {
        forget(plan, Gone::Link(l));
    }
    forget(plan, Gone::Task(id));
    Ok(())
}

/// Scenarios forget the overrides that refer to a deleted entity (see [`Scenario::forget`]).
fn forget(plan: &mut Plan, gone: Gone) {
    for s in &mut plan.scenarios {
        s.forget(gone);
    }
}

/// Checks the outline rule for the rows at the given indices (each against the row above).
fn check_outline(tasks: &[Task], rows: &[usize]) -> Result<(), ModelError> {
    for &i in rows {
        if let Some(t) = tasks.get(i) {
            let previous = if i == 0 {
                0
            } else {
                tasks[i - 1].outline_level
            };
            t.validate_outline(previous)?;
        }
    }
    Ok(())
}

/// The most link and assignment edits a change may have to be applied in place (see
/// [`replays_in_place`]): a change of thousands of links (a pasted predecessor list, its undo)
/// took seconds that way.
pub const MAX_LINKS_IN_PLACE: usize = 64;

/// Whether applying `edits` to `plan` ([`apply_all`]) keeps every list of the plan in the
/// order a plan file gives it: each edit replaces a task, link or assignment that `plan`
/// holds, where it is (a task keeping its number, by which tasks are sorted), or deletes a
/// link or an assignment; and nothing is both deleted and put back. An undo or redo whose
/// edits pass can be applied to the plan held instead of reading the file again; one that
/// inserts (the file puts an entity back at its recorded position, `apply` at the end) or
/// touches anything else cannot. Nor can one of more than [`MAX_LINKS_IN_PLACE`] link and
/// assignment edits: in place, each finds its item by searching the plan; as a whole they go
/// in runs ([`apply_all`]).
pub fn replays_in_place(plan: &Plan, edits: &[Edit]) -> bool {
    let searched = (edits.iter())
        .filter(|e| {
            matches!(
                e,
                Edit::PutLink(_)
                    | Edit::DeleteLink(_)
                    | Edit::PutAssignment(_)
                    | Edit::DeleteAssignment(_)
            )
        })
        .count();
    if searched > MAX_LINKS_IN_PLACE {
        return false;
    }
    let deleted: std::collections::HashSet<uuid::Uuid> = edits
        .iter()
        .filter_map(|e| match e {
            Edit::DeleteLink(id) => Some(id.0),
            Edit::DeleteAssignment(id) => Some(id.0),
            _ => None,
        })
        .collect();
    !edits.is_empty()
        && edits.iter().all(|e| match e {
            Edit::PutTask(t) => plan
                .task_row(t.id, t.number)
                .is_some_and(|i| plan.tasks[i].number == t.number),
            Edit::PutLink(l) => {
                !deleted.contains(&l.id.0) && plan.links.iter().any(|o| o.id == l.id)
            }
            Edit::PutAssignment(a) => {
                !deleted.contains(&a.id.0) && plan.assignments.iter().any(|o| o.id == a.id)
            }
            Edit::DeleteLink(_) | Edit::DeleteAssignment(_) => true,
            _ => false,
        })
}

fn upsert<T, K: PartialEq>(items: &mut Vec<T>, item: T, key: impl Fn(&T) -> K) {
    let k = key(&item);
    match items.iter_mut().find(|x| key(x) == k) {
        Some(slot) => *slot = item,
        None => items.push(item),
    }
}

fn find<T>(
    items: &[T],
    pred: impl Fn(&T) -> bool,
    kind: &'static str,
    id: impl std::fmt::Display,
) -> Result<usize, ModelError> {
    items
        .iter()
        .position(pred)
        .ok_or_else(|| dangling("a delete".into(), kind, id))
}

fn task_by_id<'p>(plan: &'p Plan, id: TaskId, entity: &str) -> Result<&'p Task, ModelError> {
    plan.tasks
        .iter()
        .find(|t| t.id == id)
        .ok_or_else(|| dangling(entity.to_string(), "task", id))
}

fn calendar_ref(plan: &Plan, entity: &str, id: Option<CalendarId>) -> Result<(), ModelError> {
    match id {
        Some(id) if !plan.calendars.iter().any(|c| c.id == id) => {
            Err(dangling(entity.to_string(), "calendar", id))
        }
        _ => Ok(()),
    }
}

fn release_label(r: &Release) -> String {
    format!("release {} '{}'", r.code, r.name)
}

/// `entity` refers (or, after a refused delete, would refer) to a `kind` that does not exist.
fn dangling(entity: String, kind: &'static str, id: impl std::fmt::Display) -> ModelError {
    ModelError::UnknownReference {
        entity,
        kind,
        id: id.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn dt(d: u32) -> chrono::NaiveDateTime {
        NaiveDate::from_ymd_opt(2027, 3, d)
            .unwrap()
            .and_hms_opt(8, 0, 0)
            .unwrap()
    }

    fn task(n: u32, level: u16, project: ProjectId) -> Task {
        Task {
            outline_level: level,
            ..Task::new(
                TaskId::from_u128(1000 + n as u128),
                TaskNumber(n),
                project,
                format!("T{n}"),
                Duration::Working(WorkMinutes::days(1)),
            )
        }
    }

    fn link(n: u128, a: &Task, b: &Task) -> Link {
        Link {
            id: LinkId::from_u128(n),
            predecessor: a.id,
            successor: b.id,
            kind: LinkType::FS,
            lag: Lag::ZERO,
        }
    }

    #[test]
    fn only_edits_in_place_and_deletions_replay_in_place() {
        let mut p = plan();
        let (a, b, c) = (p.tasks[0].clone(), p.tasks[1].clone(), p.tasks[2].clone());
        apply(&mut p, &Edit::PutLink(link(50, &a, &b))).unwrap();
        apply(&mut p, &Edit::PutLink(link(51, &b, &c))).unwrap();
        let mut longer = p.tasks[1].clone();
        longer.duration = Duration::Working(WorkMinutes::days(4));
        let mut lagged = p.links[0];
        lagged.lag = Lag::Working(WorkMinutes::days(1));
        let in_place = [
            Edit::PutTask(longer.clone()),
            Edit::PutLink(lagged),
            Edit::DeleteLink(p.links[1].id),
        ];
        assert!(replays_in_place(&p, &in_place));
        // What the file and `apply` would place differently: an insertion, an entity deleted
        // and put back, a task renumbered (tasks are sorted by number).
        assert!(!replays_in_place(&p, &[Edit::PutLink(link(52, &a, &c))]));
        assert!(!replays_in_place(
            &p,
            &[Edit::DeleteLink(lagged.id), Edit::PutLink(lagged)]
        ));
        let mut renumbered = longer;
        renumbered.number = TaskNumber(9);
        assert!(!replays_in_place(&p, &[Edit::PutTask(renumbered)]));
        // Other kinds, a task deleted, nothing at all: read the file again.
        assert!(!replays_in_place(&p, &[Edit::DeleteTask(c.id)]));
        assert!(!replays_in_place(
            &p,
            &[Edit::SetSettings(p.settings.clone())]
        ));
        assert!(!replays_in_place(&p, &[]));
    }

    /// A release, a project, a calendar, a resource and tasks 1..=3 at level 1.
    fn plan() -> Plan {
        let mut p = Plan::default();
        let rel = Release {
            id: ReleaseId::from_u128(1),
            code: "R1".into(),
            name: "Spring".into(),
            kind: ReleaseKind::Enterprise,
            owner: String::new(),
            description: String::new(),
            start: dt(1),
            target: None,
            status: ReleaseStatus::Planning,
            calendar_id: None,
            budget: None,
        };
        let proj = Project {
            id: ProjectId::from_u128(2),
            release_id: rel.id,
            name: "Billing".into(),
            department: String::new(),
            owner: String::new(),
        };
        for e in [
            Edit::PutRelease(rel),
            Edit::PutProject(proj.clone()),
            Edit::PutCalendar(Calendar::standard(CalendarId::from_u128(3), "Std")),
            Edit::PutResource(Resource {
                id: ResourceId::from_u128(4),
                name: "Ann".into(),
                kind: ResourceKind::Person,
                cost_rate: Money::from_units(50),
                max_units: 1.0,
                calendar_id: None,
            }),
        ] {
            apply(&mut p, &e).unwrap();
        }
        for n in [3, 1, 2] {
            apply(&mut p, &Edit::PutTask(task(n, 1, proj.id))).unwrap();
        }
        p
    }

    #[test]
    fn tasks_stay_sorted_by_number() {
        let mut p = plan();
        let numbers: Vec<u32> = p.tasks.iter().map(|t| t.number.0).collect();
        assert_eq!(numbers, [1, 2, 3]);
        let mut t = p.tasks[0].clone();
        t.number = TaskNumber(9);
        apply(&mut p, &Edit::PutTask(t)).unwrap();
        let numbers: Vec<u32> = p.tasks.iter().map(|t| t.number.0).collect();
        assert_eq!(numbers, [2, 3, 9]);
        p.validate().unwrap();
    }

    #[test]
    fn put_replaces_in_place() {
        let mut p = plan();
        let mut r = p.resources[0].clone();
        r.name = "Bob".into();
        apply(&mut p, &Edit::PutResource(r)).unwrap();
        assert_eq!(p.resources.len(), 1);
        assert_eq!(p.resources[0].name, "Bob");
    }

    #[test]
    fn duplicate_number_and_duplicate_link_are_refused() {
        let mut p = plan();
        let before = p.clone();
        let mut t = task(7, 1, p.projects[0].id);
        t.number = TaskNumber(2);
        let err = apply(&mut p, &Edit::PutTask(t)).unwrap_err();
        assert!(
            matches!(err, ModelError::DuplicateTaskNumber { .. }),
            "{err}"
        );
        let (a, b) = (p.tasks[0].clone(), p.tasks[1].clone());
        apply(&mut p, &Edit::PutLink(link(50, &a, &b))).unwrap();
        let err = apply(&mut p, &Edit::PutLink(link(51, &a, &b))).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the link task 1 'T1' → task 2 'T2' exists twice"
        );
        let err = apply(&mut p, &Edit::PutLink(link(52, &a, &a))).unwrap_err();
        assert!(matches!(err, ModelError::SelfLink { .. }));
        assert_eq!(p.links.len(), 1);
        assert_eq!(p.tasks, before.tasks);
    }

    #[test]
    fn own_rules_and_references_are_checked() {
        let mut p = plan();
        let before = p.clone();
        let mut t = task(8, 1, p.projects[0].id);
        t.duration = Duration::Working(WorkMinutes(-5));
        assert!(matches!(
            apply(&mut p, &Edit::PutTask(t)),
            Err(ModelError::NegativeDuration { .. })
        ));
        let mut t = task(8, 1, ProjectId::from_u128(99));
        t.calendar_id = None;
        assert!(matches!(
            apply(&mut p, &Edit::PutTask(t)),
            Err(ModelError::UnknownReference {
                kind: "project",
                ..
            })
        ));
        let mut t = task(8, 3, p.projects[0].id);
        t.outline_level = 3;
        assert!(matches!(
            apply(&mut p, &Edit::PutTask(t)),
            Err(ModelError::BadOutlineLevel { .. })
        ));
        let risk = Risk {
            id: RiskId::from_u128(60),
            release_id: p.releases[0].id,
            title: "Vendor late".into(),
            description: String::new(),
            probability: 1.5,
            schedule_impact: WorkMinutes::days(2),
            cost_impact: Money(0),
            owner: String::new(),
            status: RiskStatus::Open,
            trigger: String::new(),
            mitigation: String::new(),
            contingency: String::new(),
            task_ids: vec![],
        };
        assert!(matches!(
            apply(&mut p, &Edit::PutRisk(risk)),
            Err(ModelError::ProbabilityOutOfRange { .. })
        ));
        assert_eq!(p, before);
    }

    #[test]
    fn deleting_a_task_cascades() {
        let mut p = plan();
        let (a, b, c) = (p.tasks[0].clone(), p.tasks[1].clone(), p.tasks[2].clone());
        apply(&mut p, &Edit::PutLink(link(50, &a, &b))).unwrap();
        apply(&mut p, &Edit::PutLink(link(51, &b, &c))).unwrap();
        apply(&mut p, &Edit::PutLink(link(52, &a, &c))).unwrap();
        let ann = p.resources[0].id;
        apply(
            &mut p,
            &Edit::PutAssignment(Assignment {
                id: AssignmentId::from_u128(70),
                task_id: b.id,
                resource_id: ann,
                units: 0.5,
                work: None,
                contour: Default::default(),
            }),
        )
        .unwrap();
        apply(
            &mut p,
            &Edit::PutGate(Gate {
                id: GateId::from_u128(80),
                task_id: b.id,
                criteria: vec![],
                approvers: vec![],
            }),
        )
        .unwrap();
        let risk = Risk {
            id: RiskId::from_u128(60),
            release_id: p.releases[0].id,
            title: "Vendor late".into(),
            description: String::new(),
            probability: 0.5,
            schedule_impact: WorkMinutes::days(2),
            cost_impact: Money(0),
            owner: String::new(),
            status: RiskStatus::Open,
            trigger: String::new(),
            mitigation: String::new(),
            contingency: String::new(),
            task_ids: vec![a.id, b.id],
        };
        apply(&mut p, &Edit::PutRisk(risk)).unwrap();
        apply(&mut p, &Edit::DeleteTask(b.id)).unwrap();
        assert_eq!(p.tasks.len(), 2);
        assert_eq!(p.links.len(), 1);
        assert_eq!(p.links[0].id, LinkId::from_u128(52));
        assert!(p.assignments.is_empty());
        assert!(p.gates.is_empty());
        assert_eq!(p.risks[0].task_ids, vec![a.id]);
        p.validate().unwrap();
    }

    #[test]
    fn deleting_something_in_use_or_missing_is_refused() {
        let mut p = plan();
        let before = p.clone();
        let project = p.projects[0].id;
        let err = apply(&mut p, &Edit::DeleteProject(project)).unwrap_err();
        assert!(err
            .to_string()
            .starts_with("task 1 'T1' refers to unknown project"));
        let err = apply(&mut p, &Edit::DeleteLink(LinkId::from_u128(12345))).unwrap_err();
        assert!(matches!(
            err,
            ModelError::UnknownReference { kind: "link", .. }
        ));
        // Deleting the first row, a summary, would leave its child first at level 2.
        let mut child = p.tasks[1].clone();
        child.outline_level = 2;
        apply(&mut p, &Edit::PutTask(child.clone())).unwrap();
        let summary = p.tasks[0].id;
        assert!(matches!(
            apply(&mut p, &Edit::DeleteTask(summary)),
            Err(ModelError::BadOutlineLevel { .. })
        ));
        child.outline_level = 1;
        apply(&mut p, &Edit::PutTask(child)).unwrap();
        assert_eq!(p, before);
    }

    #[test]
    fn edits_serialize_with_a_tag() {
        let e = Edit::DeleteTask(TaskId::from_u128(1));
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(
            json,
            r#"{"op":"delete_task","value":"00000000-0000-0000-0000-000000000001"}"#
        );
        assert_eq!(serde_json::from_str::<Edit>(&json).unwrap(), e);
    }
}
