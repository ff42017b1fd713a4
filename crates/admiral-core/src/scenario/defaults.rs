//! What every front end shows and starts a new override with, decided once: the kinds of
//! override with their names, the names and time a new holiday, blackout or delay gets, and
//! the one-line description of each override ([`Override::describe`]). The CLI's flags and
//! the desktop's override form both use these; the desktop receives them in its bindings.

use super::Override;
use crate::model::Plan;
use chrono::NaiveTime;
use serde::Serialize;

/// A holiday added by a scenario without a name of its own.
pub const HOLIDAY_NAME: &str = "Scenario holiday";
/// A blackout window added by a scenario without a name of its own.
pub const BLACKOUT_NAME: &str = "Scenario freeze";

/// The time of day a delay to a date starts at: the standard calendar's first working hour.
pub fn delay_time() -> NaiveTime {
    NaiveTime::from_hms_opt(8, 0, 0).unwrap_or(NaiveTime::MIN)
}

/// One kind of override, as a form's kind picker lists it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct OverrideKind {
    /// The override's `type` tag as it is stored and sent ("set_duration", …).
    pub kind: &'static str,
    /// How people call it ("Set duration", "Remove task (scope cut)", …).
    pub label: &'static str,
}

/// Every kind of override, in the order a form lists them.
pub const OVERRIDE_KINDS: [OverrideKind; 10] = [
    OverrideKind {
        kind: "set_duration",
        label: "Set duration",
    },
    OverrideKind {
        kind: "set_estimate",
        label: "Set estimate",
    },
    OverrideKind {
        kind: "delay",
        label: "Delay start",
    },
    OverrideKind {
        kind: "remove_task",
        label: "Remove task (scope cut)",
    },
    OverrideKind {
        kind: "add_link",
        label: "Add link",
    },
    OverrideKind {
        kind: "remove_link",
        label: "Remove link",
    },
    OverrideKind {
        kind: "calendar_exception",
        label: "Holiday",
    },
    OverrideKind {
        kind: "blackout",
        label: "Blackout window",
    },
    OverrideKind {
        kind: "resource_units",
        label: "Resource units",
    },
    OverrideKind {
        kind: "fire_risk",
        label: "Risk fires",
    },
];

/// What a new override starts with where the user gives nothing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OverrideDefaults {
    pub holiday_name: &'static str,
    pub blackout_name: &'static str,
    /// "08:00:00".
    pub delay_time: String,
    /// Removing a task bridges its links unless told otherwise.
    pub bridge: bool,
}

/// The defaults, as the desktop's bindings carry them.
pub fn override_defaults() -> OverrideDefaults {
    OverrideDefaults {
        holiday_name: HOLIDAY_NAME,
        blackout_name: BLACKOUT_NAME,
        delay_time: delay_time().format("%H:%M:%S").to_string(),
        bridge: true,
    }
}

impl Override {
    /// The kind's entry in [`OVERRIDE_KINDS`].
    pub fn kind(&self) -> OverrideKind {
        let tag = match self {
            Override::SetDuration { .. } => "set_duration",
            Override::SetEstimate { .. } => "set_estimate",
            Override::Delay { .. } => "delay",
            Override::RemoveTask { .. } => "remove_task",
            Override::AddLink { .. } => "add_link",
            Override::RemoveLink { .. } => "remove_link",
            Override::CalendarException { .. } => "calendar_exception",
            Override::Blackout { .. } => "blackout",
            Override::ResourceUnits { .. } => "resource_units",
            Override::FireRisk { .. } => "fire_risk",
        };
        OVERRIDE_KINDS
            .into_iter()
            .find(|k| k.kind == tag)
            .unwrap_or(OverrideKind {
                kind: tag,
                label: tag,
            })
    }
}

/// Each override of each scenario of `plan` described for people, scenario by scenario in the
/// plan's order (see [`Override::describe`]).
pub fn describe_all(plan: &Plan) -> Vec<Vec<String>> {
    plan.scenarios
        .iter()
        .map(|s| s.overrides.iter().map(|o| o.describe(plan)).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_plan;
    use crate::scenario::Scenario;

    /// One override of each kind.
    fn one_of_each() -> Vec<Override> {
        use crate::calendar::CalendarException;
        use crate::model::*;
        let d = chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        let t = TaskId::new();
        vec![
            Override::SetDuration {
                task: t,
                duration: Duration::Working(WorkMinutes::days(1)),
            },
            Override::SetEstimate {
                task: t,
                estimate: None,
            },
            Override::Delay {
                task: t,
                until: d.and_time(delay_time()),
            },
            Override::RemoveTask {
                task: t,
                bridge: true,
            },
            Override::AddLink {
                link: Link {
                    id: LinkId::new(),
                    predecessor: t,
                    successor: TaskId::new(),
                    kind: LinkType::FS,
                    lag: Lag::ZERO,
                },
            },
            Override::RemoveLink {
                link: LinkId::new(),
            },
            Override::CalendarException {
                calendar: None,
                exception: CalendarException {
                    name: HOLIDAY_NAME.into(),
                    start: d,
                    finish: d,
                    working: Vec::new(),
                },
            },
            Override::Blackout {
                blackout: Blackout {
                    id: BlackoutId::new(),
                    release_id: ReleaseId::new(),
                    name: BLACKOUT_NAME.into(),
                    start: d,
                    finish: d,
                },
            },
            Override::ResourceUnits {
                resource: ResourceId::new(),
                max_units: 0.5,
            },
            Override::FireRisk {
                risk: RiskId::new(),
            },
        ]
    }

    #[test]
    fn every_kind_is_listed_once_under_its_stored_tag() {
        let all = one_of_each();
        assert_eq!(all.len(), OVERRIDE_KINDS.len());
        for (o, k) in all.iter().zip(OVERRIDE_KINDS) {
            let tag = serde_json::to_value(o).unwrap()["type"].clone();
            assert_eq!(tag, k.kind, "{o:?}");
            assert_eq!(o.kind(), k, "{o:?}");
        }
    }

    #[test]
    fn descriptions_follow_the_scenarios_and_name_the_task() {
        let plan = demo_plan();
        let lines = describe_all(&plan);
        assert_eq!(lines.len(), plan.scenarios.len());
        for (s, l) in plan.scenarios.iter().zip(&lines) {
            assert_eq!(l.len(), s.overrides.len());
        }
        let mut p = plan.clone();
        let t = p.tasks[3].clone();
        let mut s = Scenario::new("x");
        s.overrides.push(Override::Delay {
            task: t.id,
            until: chrono::NaiveDate::from_ymd_opt(2027, 3, 15)
                .unwrap()
                .and_time(delay_time()),
        });
        p.scenarios = vec![s];
        assert_eq!(
            describe_all(&p),
            [[format!(
                "task {} '{}' starts no earlier than 2027-03-15 08:00",
                t.number, t.name
            )]]
        );
        assert_eq!(override_defaults().delay_time, "08:00:00");
    }
}
