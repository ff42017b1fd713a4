//! Bringing one plan into another: an import lands as a new release beside the releases a
//! plan already holds.

use crate::edit::Edit;
use crate::model::*;
use std::collections::HashSet;

/// The edits that add everything of `incoming` to `base`, as one batch.
///
/// Incoming tasks are renumbered after `base`'s last task so that numbers stay unique and the
/// WBS order is kept; everything else keeps its id. Refuses (without changing anything) when
/// `base` already has a release of the same name, or an entity with one of the incoming ids
/// (importing the same file twice).
pub fn merge_edits(base: &Plan, incoming: &Plan) -> Result<Vec<Edit>, ModelError> {
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
    edits.extend(incoming.releases.iter().cloned().map(Edit::PutRelease));
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
    Ok(edits)
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
                id: TaskId::new(),
                number: TaskNumber(n),
                external_uid: Some(i64::from(n)),
                project_id: project,
                name: format!("Imported {n}"),
                kind: TaskKind::Task,
                outline_level: 1,
                duration: Duration::Working(WorkMinutes::days(1)),
                estimate: None,
                constraint: Constraint::Asap,
                deadline: None,
                calendar_id: None,
                owner: String::new(),
                notes: String::new(),
                progress: Progress::default(),
                mode: Default::default(),
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
    fn importing_the_same_plan_twice_is_refused() {
        let base = crate::demo::demo_plan();
        let e = merge_edits(&base, &base).unwrap_err().to_string();
        assert!(e.contains("already has it"), "{e}");
    }
}
