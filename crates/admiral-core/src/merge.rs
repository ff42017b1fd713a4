//! Bringing one plan into another: an import lands as a new release beside the releases a
//! plan already holds.

use crate::edit::Edit;
use crate::model::*;
use std::collections::HashSet;

/// What merging an import does: the edits, and what was changed on the way in.
#[derive(Clone, Debug, PartialEq)]
pub struct Merge {
    pub edits: Vec<Edit>,
    /// E.g. "release code 'MC' is taken: the imported release is 'MC-2'".
    pub notes: Vec<String>,
}

/// The lowest free code of the form `code`, `code-2`, `code-3`, … (compared ignoring case).
pub fn free_release_code(plan: &Plan, code: &str) -> String {
    let taken = |c: &str| plan.releases.iter().any(|r| r.code.eq_ignore_ascii_case(c));
    if !taken(code) {
        return code.to_string();
    }
    (2..)
        .map(|k| format!("{code}-{k}"))
        .find(|c| !taken(c))
        .unwrap_or_else(|| code.to_string())
}

/// [`merge_import`]'s edits alone.
pub fn merge_edits(base: &Plan, incoming: &Plan) -> Result<Vec<Edit>, ModelError> {
    Ok(merge_import(base, incoming)?.edits)
}

/// The edits that add everything of `incoming` to `base`, as one batch.
///
/// An incoming release whose code the plan already uses gets the next free code
/// ([`free_release_code`]), and a note says so. An incoming plan whose links form a cycle is
/// refused, naming its tasks.
///
/// Incoming tasks are renumbered after `base`'s last task so that numbers stay unique and the
/// WBS order is kept; everything else keeps its id. Refuses (without changing anything) when
/// `base` already has a release of the same name, or an entity with one of the incoming ids
/// (importing the same file twice).
pub fn merge_import(base: &Plan, incoming: &Plan) -> Result<Merge, ModelError> {
    crate::dependency::refuse_cycle(incoming, "the import")?;
    for r in &incoming.releases {
        if base.releases.iter().any(|b| b.name == r.name) {
            return Err(ModelError::DuplicateId {
                entity: "release named",
                id: format!("'{}' (the plan already has it)", r.name),
            });
        }
    }
    let base_ids: HashSet<String> = base
        .tasks
        .iter()
        .map(|t| t.id.to_string())
        .chain(base.calendars.iter().map(|c| c.id.to_string()))
        .chain(base.releases.iter().map(|r| r.id.to_string()))
        .chain(base.projects.iter().map(|p| p.id.to_string()))
        .chain(base.resources.iter().map(|r| r.id.to_string()))
        .collect();
    let clash = incoming
        .tasks
        .iter()
        .map(|t| ("task", t.id.to_string()))
        .chain(
            incoming
                .calendars
                .iter()
                .map(|c| ("calendar", c.id.to_string())),
        )
        .chain(
            incoming
                .releases
                .iter()
                .map(|r| ("release", r.id.to_string())),
        )
        .chain(
            incoming
                .projects
                .iter()
                .map(|p| ("project", p.id.to_string())),
        )
        .chain(
            incoming
                .resources
                .iter()
                .map(|r| ("resource", r.id.to_string())),
        )
        .find(|(_, id)| base_ids.contains(id));
    if let Some((entity, id)) = clash {
        return Err(ModelError::DuplicateId { entity, id });
    }

    let offset = base.tasks.iter().map(|t| t.number.0).max().unwrap_or(0);
    let mut edits = Vec::new();
    if base.settings.default_calendar.is_none() && incoming.settings.default_calendar.is_some() {
        // Calendars must exist before settings can name one.
        edits.extend(incoming.calendars.iter().cloned().map(Edit::PutCalendar));
        edits.push(Edit::SetSettings(PlanSettings {
            default_calendar: incoming.settings.default_calendar,
            ..base.settings.clone()
        }));
    } else {
        edits.extend(incoming.calendars.iter().cloned().map(Edit::PutCalendar));
    }
    let mut notes = Vec::new();
    let mut codes = base.clone_releases_only();
    for r in &incoming.releases {
        let code = free_release_code(&codes, &r.code);
        if code != r.code {
            notes.push(format!(
                "release code '{}' is taken in this plan: the imported release '{}' gets code '{code}'",
                r.code, r.name
            ));
        }
        let r = Release { code, ..r.clone() };
        codes.releases.push(r.clone());
        edits.push(Edit::PutRelease(r));
    }
    edits.extend(incoming.projects.iter().cloned().map(Edit::PutProject));
    edits.extend(incoming.tasks.iter().map(|t| {
        Edit::PutTask(Task {
            number: TaskNumber(t.number.0 + offset),
            ..t.clone()
        })
    }));
    edits.extend(incoming.links.iter().cloned().map(Edit::PutLink));
    edits.extend(incoming.blackouts.iter().cloned().map(Edit::PutBlackout));
    edits.extend(incoming.gates.iter().cloned().map(Edit::PutGate));
    edits.extend(incoming.risks.iter().cloned().map(Edit::PutRisk));
    edits.extend(incoming.resources.iter().cloned().map(Edit::PutResource));
    edits.extend(
        incoming
            .assignments
            .iter()
            .cloned()
            .map(Edit::PutAssignment),
    );
    edits.extend(incoming.scenarios.iter().cloned().map(Edit::PutScenario));
    // An imported baseline joins the plan's baseline of the same number (its tasks are new
    // to the plan); the plan's name and date for that baseline stay.
    for b in &incoming.baselines {
        let merged = match base.baselines.iter().find(|x| x.number == b.number) {
            Some(x) => {
                let mut m = x.clone();
                m.tasks.extend(b.tasks.iter().copied());
                m.assignments.extend(b.assignments.iter().copied());
                m.resources.extend(b.resources.iter().copied());
                m
            }
            None => b.clone(),
        };
        edits.push(Edit::PutBaseline(merged));
    }
    Ok(Merge { edits, notes })
}

impl Plan {
    /// A plan holding only these releases (for looking up codes).
    fn clone_releases_only(&self) -> Plan {
        Plan {
            releases: self.releases.clone(),
            ..Plan::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply;

    /// A small plan with fresh random ids: one release, one project, a chain of three tasks.
    fn small_import() -> Plan {
        let release = ReleaseId::new();
        let project = ProjectId::new();
        let tasks: Vec<Task> = (1..=3)
            .map(|n| Task {
                external_uid: Some(i64::from(n)),
                ..Task::new(
                    TaskId::new(),
                    TaskNumber(n),
                    project,
                    format!("Imported {n}"),
                    Duration::Working(WorkMinutes::days(1)),
                )
            })
            .collect();
        let links = tasks
            .windows(2)
            .map(|w| Link {
                id: LinkId::new(),
                predecessor: w[0].id,
                successor: w[1].id,
                kind: LinkType::FS,
                lag: Lag::ZERO,
            })
            .collect();
        Plan {
            releases: vec![Release {
                id: release,
                code: "IMP".into(),
                name: "imported".into(),
                kind: ReleaseKind::Project,
                owner: String::new(),
                description: String::new(),
                start: chrono::NaiveDate::from_ymd_opt(2027, 2, 1)
                    .unwrap()
                    .and_hms_opt(8, 0, 0)
                    .unwrap(),
                target: None,
                status: ReleaseStatus::Planning,
                calendar_id: None,
                budget: None,
            }],
            projects: vec![Project {
                id: project,
                release_id: release,
                name: "Imported project".into(),
                department: String::new(),
                owner: String::new(),
            }],
            tasks,
            links,
            ..Plan::default()
        }
    }

    #[test]
    fn merged_plan_keeps_both_and_renumbers_after_the_base() {
        let base = crate::demo::demo_plan();
        let incoming = small_import();
        let mut merged = base.clone();
        for e in merge_edits(&base, &incoming).unwrap() {
            apply(&mut merged, &e).unwrap();
        }
        merged.validate().unwrap();
        assert_eq!(merged.tasks.len(), base.tasks.len() + incoming.tasks.len());
        assert_eq!(merged.links.len(), base.links.len() + incoming.links.len());
        let last = base.tasks.last().unwrap().number.0;
        assert_eq!(merged.tasks[base.tasks.len()].number.0, last + 1);
    }

    #[test]
    fn a_taken_release_code_gets_the_next_free_one_and_a_note() {
        let mut base = crate::demo::demo_plan();
        base.releases[0].code = "IMP".into();
        let mut second = base.releases[0].clone();
        second.id = ReleaseId::new();
        second.code = "imp-2".into();
        second.name = "second".into();
        base.releases.push(second);
        let m = merge_import(&base, &small_import()).unwrap();
        let code = m
            .edits
            .iter()
            .find_map(|e| match e {
                Edit::PutRelease(r) => Some(r.code.clone()),
                _ => None,
            })
            .unwrap();
        assert_eq!(code, "IMP-3");
        assert_eq!(m.notes.len(), 1);
        assert!(m.notes[0].contains("'IMP-3'"), "{:?}", m.notes);
        let next = crate::edit::apply_all(&base, &m.edits).unwrap();
        next.validate().unwrap();
        // An edit may not give a release a code another release has.
        let mut r = next.releases[1].clone();
        r.code = "IMP".into();
        let e = crate::edit::apply_all(&next, &[Edit::PutRelease(r)]).unwrap_err();
        assert!(matches!(e, ModelError::ReleaseCodeTaken { .. }), "{e}");
    }

    #[test]
    fn an_import_whose_links_form_a_cycle_is_refused_naming_them() {
        let base = crate::demo::demo_plan();
        let mut incoming = small_import();
        let (a, c) = (incoming.tasks[0].id, incoming.tasks[2].id);
        incoming.links.push(Link {
            id: LinkId::new(),
            predecessor: c,
            successor: a,
            kind: LinkType::FS,
            lag: Lag::ZERO,
        });
        let e = merge_import(&base, &incoming).unwrap_err().to_string();
        assert_eq!(
            e,
            "the import would close a dependency cycle: task 1 'Imported 1' → task 2 'Imported 2' → task 3 'Imported 3' → task 1 'Imported 1'; nothing was changed"
        );
    }

    #[test]
    fn importing_the_same_plan_twice_is_refused() {
        let base = crate::demo::demo_plan();
        let e = merge_edits(&base, &base).unwrap_err().to_string();
        assert!(e.contains("already has it"), "{e}");
    }
}
