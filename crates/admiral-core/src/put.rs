//! Adding or replacing a resource, a risk, a calendar, a blackout window or a gate, as the
//! desktop's editors do: the name typed follows the rules of a task's typed name (trimmed;
//! refused when empty, when it holds a control character, or when nothing in it shows), and
//! the audit label says what changed ("Add resource 'Release engineer'", "Rename risk 'A' to
//! 'B'", "Edit calendar 'Standard'"). A name kept as it was is not checked again, so a plan
//! made before these rules (or read from a file) stays editable.

use crate::edit::{Change, Edit};
use crate::notation::{typed_name, NameFault};
use crate::{task_label, Blackout, Calendar, Gate, Plan, Resource, Risk};
use thiserror::Error;

/// Why an editor's change was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PutError {
    #[error("a {kind} needs a name: type one")]
    EmptyName { kind: &'static str },
    #[error("the name of a {kind} cannot hold {what} (U+{code:04X}): type it on one line")]
    ControlInName {
        kind: &'static str,
        what: &'static str,
        code: u32,
    },
    #[error("a {kind} needs a name that shows: this one has only invisible characters (U+{code:04X} first); type one with a letter, a digit or a sign")]
    InvisibleName { kind: &'static str, code: u32 },
}

/// `name` as typed for a `kind` whose stored name is `old` (none for a new one): trimmed and
/// checked when new or changed; and the label of the change.
fn named(kind: &'static str, old: Option<&str>, name: &mut String) -> Result<String, PutError> {
    if old == Some(name.as_str()) {
        return Ok(format!("Edit {kind} '{name}'"));
    }
    let typed = typed_name(name).map_err(|fault| match fault {
        NameFault::Control { what, code } => PutError::ControlInName { kind, what, code },
        NameFault::Invisible { code } => PutError::InvisibleName { kind, code },
    })?;
    if typed.is_empty() {
        return Err(PutError::EmptyName { kind });
    }
    *name = typed.to_string();
    Ok(match old {
        None => format!("Add {kind} '{name}'"),
        Some(o) if o == name => format!("Edit {kind} '{name}'"),
        Some(o) => format!("Rename {kind} '{o}' to '{name}'"),
    })
}

/// The change that puts `value` (an entity of `kind`, whose stored name is `old`) with its
/// name, `name_of(&mut value)`, as typed.
fn put<T>(
    kind: &'static str,
    old: Option<&str>,
    mut value: T,
    name_of: impl Fn(&mut T) -> &mut String,
    edit: impl FnOnce(T) -> Edit,
) -> Result<Change, PutError> {
    let label = named(kind, old, name_of(&mut value))?;
    Ok(Change {
        edits: vec![edit(value)],
        label,
    })
}

pub fn resource(plan: &Plan, r: Resource) -> Result<Change, PutError> {
    let old = plan.resources.iter().find(|x| x.id == r.id);
    let old = old.map(|x| x.name.as_str());
    put("resource", old, r, |r| &mut r.name, Edit::PutResource)
}

pub fn risk(plan: &Plan, r: Risk) -> Result<Change, PutError> {
    let old = plan.risks.iter().find(|x| x.id == r.id);
    put(
        "risk",
        old.map(|x| x.title.as_str()),
        r,
        |r| &mut r.title,
        Edit::PutRisk,
    )
}

pub fn calendar(plan: &Plan, c: Calendar) -> Result<Change, PutError> {
    let old = plan.calendars.iter().find(|x| x.id == c.id);
    let old = old.map(|x| x.name.as_str());
    put("calendar", old, c, |c| &mut c.name, Edit::PutCalendar)
}

pub fn blackout(plan: &Plan, b: Blackout) -> Result<Change, PutError> {
    let old = plan.blackouts.iter().find(|x| x.id == b.id);
    let old = old.map(|x| x.name.as_str());
    put(
        "blackout window",
        old,
        b,
        |b| &mut b.name,
        Edit::PutBlackout,
    )
}

/// A gate has no name of its own: the label names its milestone task.
pub fn gate(plan: &Plan, g: Gate) -> Change {
    let task = plan.tasks.iter().find(|t| t.id == g.task_id);
    let name = task.map_or_else(|| "gate".to_string(), task_label);
    let verb = if plan.gates.iter().any(|x| x.id == g.id) {
        "Edit"
    } else {
        "Add"
    };
    Change {
        edits: vec![Edit::PutGate(g)],
        label: format!("{verb} gate {name}"),
    }
}

/// Deleting a resource, risk, calendar, blackout window or gate (`edit`, one of the five
/// `Delete…` edits): the label names it ("Delete resource 'Zoë Martin'"); one no longer in the
/// plan is named by its kind alone.
pub fn delete(plan: &Plan, edit: Edit) -> Change {
    fn name<T>(
        list: &[T],
        hit: impl Fn(&T) -> bool,
        name: impl Fn(&T) -> String,
    ) -> Option<String> {
        list.iter().find(|x| hit(x)).map(name)
    }
    let quoted = |n: String| format!("'{n}'");
    let (kind, what) = match &edit {
        Edit::DeleteResource(id) => (
            "resource",
            name(&plan.resources, |x| x.id == *id, |x| quoted(x.name.clone())),
        ),
        Edit::DeleteRisk(id) => (
            "risk",
            name(&plan.risks, |x| x.id == *id, |x| quoted(x.title.clone())),
        ),
        Edit::DeleteCalendar(id) => (
            "calendar",
            name(&plan.calendars, |x| x.id == *id, |x| quoted(x.name.clone())),
        ),
        Edit::DeleteBlackout(id) => (
            "blackout window",
            name(&plan.blackouts, |x| x.id == *id, |x| quoted(x.name.clone())),
        ),
        Edit::DeleteGate(id) => (
            "gate",
            plan.gates
                .iter()
                .find(|g| g.id == *id)
                .and_then(|g| plan.tasks.iter().find(|t| t.id == g.task_id))
                .map(task_label),
        ),
        other => (other.entity_kind(), None),
    };
    let label = match what {
        Some(w) => format!("Delete {kind} {w}"),
        None => format!("Delete {kind}"),
    };
    Change {
        edits: vec![edit],
        label,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_plan;

    fn named_resource(plan: &Plan, name: &str, existing: bool) -> Result<Change, PutError> {
        let mut r = plan.resources[0].clone();
        if !existing {
            r.id = crate::ResourceId::new();
        }
        r.name = name.to_string();
        resource(plan, r)
    }

    #[test]
    fn a_new_or_renamed_entity_gets_a_label_that_names_it() {
        let plan = demo_plan();
        let first = plan.resources[0].name.clone();
        let p = named_resource(&plan, "  Release engineer ", false).unwrap();
        assert_eq!(p.label, "Add resource 'Release engineer'");
        let [Edit::PutResource(r)] = &p.edits[..] else {
            panic!("{:?}", p.edits)
        };
        assert_eq!(r.name, "Release engineer", "trimmed");
        let p = named_resource(&plan, "Release engineer", true).unwrap();
        assert_eq!(
            p.label,
            format!("Rename resource '{first}' to 'Release engineer'")
        );
        let p = named_resource(&plan, &first, true).unwrap();
        assert_eq!(p.label, format!("Edit resource '{first}'"));
    }

    #[test]
    fn a_typed_name_follows_the_task_name_rules() {
        let plan = demo_plan();
        assert_eq!(
            named_resource(&plan, "   ", false).unwrap_err(),
            PutError::EmptyName { kind: "resource" }
        );
        assert_eq!(
            named_resource(&plan, "QA\tlead", true).unwrap_err(),
            PutError::ControlInName {
                kind: "resource",
                what: "a tab",
                code: 9
            }
        );
        assert_eq!(
            named_resource(&plan, "\u{200b}\u{200d}", true).unwrap_err(),
            PutError::InvisibleName {
                kind: "resource",
                code: 0x200b
            }
        );
        let mut risk = plan.risks[0].clone();
        risk.title = "\u{feff}".into();
        assert!(matches!(
            super::risk(&plan, risk).unwrap_err(),
            PutError::InvisibleName { kind: "risk", .. }
        ));
        let mut c = plan.calendars[0].clone();
        c.name = "Line\nbreak".into();
        assert!(matches!(
            calendar(&plan, c).unwrap_err(),
            PutError::ControlInName {
                kind: "calendar",
                what: "a line break",
                ..
            }
        ));
        let mut b = plan.blackouts[0].clone();
        b.name = String::new();
        assert_eq!(
            blackout(&plan, b).unwrap_err(),
            PutError::EmptyName {
                kind: "blackout window"
            }
        );
    }

    #[test]
    fn a_name_kept_as_it_was_is_not_checked_again() {
        // A plan read from a file may hold a name a typed one could not (here a tab): an edit
        // of another field still goes through, and leaves the name alone.
        let mut plan = demo_plan();
        plan.resources[0].name = "Old\tname".into();
        let mut r = plan.resources[0].clone();
        r.max_units = 0.5;
        let p = resource(&plan, r).unwrap();
        assert_eq!(p.label, "Edit resource 'Old\tname'");
    }

    #[test]
    fn a_deletion_is_labelled_by_name() {
        let plan = demo_plan();
        let r = &plan.resources[0];
        let c = delete(&plan, Edit::DeleteResource(r.id));
        assert_eq!(c.label, format!("Delete resource '{}'", r.name));
        assert_eq!(c.edits, vec![Edit::DeleteResource(r.id)]);
        let k = &plan.risks[0];
        assert_eq!(
            delete(&plan, Edit::DeleteRisk(k.id)).label,
            format!("Delete risk '{}'", k.title)
        );
        let b = &plan.blackouts[0];
        assert_eq!(
            delete(&plan, Edit::DeleteBlackout(b.id)).label,
            format!("Delete blackout window '{}'", b.name)
        );
        let g = &plan.gates[0];
        let t = plan.tasks.iter().find(|t| t.id == g.task_id).unwrap();
        assert_eq!(
            delete(&plan, Edit::DeleteGate(g.id)).label,
            format!("Delete gate {}", task_label(t))
        );
        // Gone already (another window deleted it): the kind alone.
        assert_eq!(
            delete(&plan, Edit::DeleteCalendar(crate::CalendarId::new())).label,
            "Delete calendar"
        );
    }

    #[test]
    fn a_gate_is_labelled_by_its_milestone() {
        let plan = demo_plan();
        let g = plan.gates[0].clone();
        let task = plan.tasks.iter().find(|t| t.id == g.task_id).unwrap();
        assert_eq!(
            gate(&plan, g).label,
            format!("Edit gate {}", task_label(task))
        );
    }
}
