use super::*;
use crate::demo::demo_plan;
use crate::schedule::{schedule, ScheduleOptions};
use chrono::NaiveDate;

pub(crate) fn dt(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(h, 0, 0)
        .unwrap()
}

/// One release starting Monday 2027-03-01 08:00 on the Standard calendar, one project, a
/// resource at 100/h, and tasks of the given durations in days (level 1), unlinked.
pub(crate) fn small_plan(days: &[i64]) -> Plan {
    let rel = ReleaseId::from_u128(1);
    let prj = ProjectId::from_u128(2);
    let mut p = Plan {
        releases: vec![Release {
            id: rel,
            code: "R1".into(),
            name: "R1".into(),
            kind: ReleaseKind::Project,
            owner: String::new(),
            description: String::new(),
            start: dt(2027, 3, 1, 8),
            target: Some(dt(2027, 6, 30, 17)),
            status: ReleaseStatus::Planning,
            calendar_id: None,
            budget: None,
        }],
        projects: vec![Project {
            id: prj,
            release_id: rel,
            name: "P".into(),
            department: String::new(),
            owner: String::new(),
        }],
        resources: vec![Resource {
            id: ResourceId::from_u128(3),
            name: "Dev".into(),
            kind: ResourceKind::Person,
            cost_rate: Money::from_units(100),
            max_units: 2.0,
            calendar_id: None,
        }],
        ..Default::default()
    };
    for (n, &d) in days.iter().enumerate() {
        p.tasks.push(Task {
            kind: if d == 0 {
                TaskKind::Milestone
            } else {
                TaskKind::Task
            },
            ..Task::new(
                TaskId::from_u128(100 + n as u128),
                TaskNumber(n as u32 + 1),
                prj,
                format!("T{}", n + 1),
                Duration::Working(WorkMinutes::days(d)),
            )
        });
    }
    p
}

pub(crate) fn tid(n: usize) -> TaskId {
    TaskId::from_u128(100 + n as u128 - 1)
}

pub(crate) fn link(p: &mut Plan, a: usize, b: usize, kind: LinkType, lag: Lag) {
    let id = LinkId::from_u128(500 + p.links.len() as u128);
    p.links.push(Link {
        id,
        predecessor: tid(a),
        successor: tid(b),
        kind,
        lag,
    });
}

fn days(d: i64) -> Lag {
    Lag::Working(WorkMinutes::days(d))
}

fn scenario(overrides: Vec<Override>) -> Scenario {
    Scenario {
        id: ScenarioId::from_u128(9),
        name: "What if".into(),
        description: String::new(),
        from_risk: None,
        overrides,
    }
}

fn finish(p: &Plan) -> NaiveDateTime {
    schedule(p, &ScheduleOptions::default()).unwrap().finish
}

#[test]
fn overrides_never_touch_the_baseline() {
    let plan = demo_plan();
    let before = plan.clone();
    let t = &plan.tasks;
    let leaf = t
        .iter()
        .find(|x| x.estimate.is_some() && x.outline_level == 3)
        .unwrap()
        .id;
    let s = scenario(vec![
        Override::SetDuration {
            task: leaf,
            duration: Duration::Working(WorkMinutes::days(30)),
        },
        Override::SetEstimate {
            task: leaf,
            estimate: None,
        },
        Override::Delay {
            task: leaf,
            until: dt(2027, 3, 1, 8),
        },
        Override::RemoveLink {
            link: plan.links[3].id,
        },
        Override::CalendarException {
            calendar: None,
            exception: crate::calendar::CalendarException {
                name: "Strike".into(),
                start: NaiveDate::from_ymd_opt(2027, 3, 3).unwrap(),
                finish: NaiveDate::from_ymd_opt(2027, 3, 4).unwrap(),
                working: vec![],
            },
        },
        Override::ResourceUnits {
            resource: plan.resources[0].id,
            max_units: 0.5,
        },
        Override::FireRisk {
            risk: plan.risks[0].id,
        },
        Override::RemoveTask {
            task: plan.tasks[5].id,
            bridge: true,
        },
    ]);
    let changed = apply_scenario(&plan, &s).unwrap();
    assert_eq!(plan, before, "the baseline is unchanged");
    assert_ne!(changed, plan);
    changed.validate().unwrap();
    // Applying twice gives the same plan (bridge ids are derived, not random).
    assert_eq!(apply_scenario(&plan, &s).unwrap(), changed);
}

#[test]
fn a_delay_on_a_critical_task_shows_in_the_finish() {
    let mut p = small_plan(&[5, 5, 5]);
    link(&mut p, 1, 2, LinkType::FS, Lag::ZERO);
    link(&mut p, 2, 3, LinkType::FS, Lag::ZERO);
    // T2 starts Monday 2027-03-08; delay it to Monday 2027-03-15 (5 working days).
    let s = scenario(vec![Override::Delay {
        task: tid(2),
        until: dt(2027, 3, 15, 8),
    }]);
    let c = compare(&p, &[&s], &ScheduleOptions::default()).unwrap();
    assert_eq!(c.baseline.finish, dt(2027, 3, 19, 17));
    let o = &c.scenarios[0];
    assert_eq!(o.outcome.finish, dt(2027, 3, 26, 17));
    assert_eq!(o.finish_delta_days, 5.0);
    assert_eq!(o.outcome.releases[0].delta_days, 5.0);
    // T1 now has 5 days of float.
    assert_eq!(o.no_longer_critical.len(), 1);
    assert_eq!(o.no_longer_critical[0].task_id, tid(1));
    // Cost does not change with a delay.
    assert_eq!(
        o.cost_delta, None,
        "no assignments, no risk costs: no costs"
    );
}

#[test]
fn removing_a_task_bridges_its_links() {
    let mut p = small_plan(&[2, 3, 4, 1, 1]);
    link(&mut p, 1, 2, LinkType::FS, days(1)); // T1 FS+1d T2
    link(&mut p, 2, 3, LinkType::FS, days(2)); // T2 FS+2d T3
    link(&mut p, 4, 2, LinkType::SS, Lag::ZERO); // T4 SS T2
    link(&mut p, 2, 5, LinkType::FF, days(1)); // T2 FF+1d T5
    link(&mut p, 1, 5, LinkType::FS, Lag::ZERO); // already linked: kept as is
    let s = scenario(vec![Override::RemoveTask {
        task: tid(2),
        bridge: true,
    }]);
    let q = apply_scenario(&p, &s).unwrap();
    q.validate().unwrap();
    assert!(q.tasks.iter().all(|t| t.id != tid(2)));
    let find = |a: usize, b: usize| {
        q.links
            .iter()
            .find(|l| l.predecessor == tid(a) && l.successor == tid(b))
            .map(|l| (l.kind, l.lag))
    };
    assert_eq!(
        find(1, 3),
        Some((LinkType::FS, days(3))),
        "FS+1d then FS+2d"
    );
    assert_eq!(find(4, 3), Some((LinkType::SS, days(2))), "SS then FS+2d");
    assert_eq!(find(4, 5), Some((LinkType::SF, days(1))), "SS then FF+1d");
    assert_eq!(find(1, 5), Some((LinkType::FS, Lag::ZERO)), "existing kept");
    assert_eq!(q.links.len(), 4);
    // T3 now starts 3 working days after T1's finish (Wed 3 Mar 17:00 → Mon 8 Mar 08:00).
    let sched = schedule(&q, &ScheduleOptions::default()).unwrap();
    let t3 = sched.tasks.iter().find(|t| t.task_id == tid(3)).unwrap();
    assert_eq!(t3.start, dt(2027, 3, 8, 8));

    let drop = scenario(vec![Override::RemoveTask {
        task: tid(2),
        bridge: false,
    }]);
    let q = apply_scenario(&p, &drop).unwrap();
    assert_eq!(q.links.len(), 1, "only T1 → T5 is left");
}

#[test]
fn removing_a_summary_removes_its_branch_and_bridges_through_it() {
    // T1 → [T2 summary: T3 → T4] → T5, links into T3 and out of T4 and the summary.
    let mut p = small_plan(&[1, 0, 2, 3, 1]);
    p.tasks[2].outline_level = 2;
    p.tasks[3].outline_level = 2;
    p.tasks[1].kind = TaskKind::Task;
    link(&mut p, 1, 3, LinkType::FS, Lag::ZERO);
    link(&mut p, 3, 4, LinkType::FS, days(5));
    link(&mut p, 4, 5, LinkType::FS, days(1));
    p.validate().unwrap();
    let s = scenario(vec![Override::RemoveTask {
        task: tid(2),
        bridge: true,
    }]);
    let q = apply_scenario(&p, &s).unwrap();
    assert_eq!(q.tasks.len(), 2);
    assert_eq!(q.links.len(), 1);
    assert_eq!(q.links[0].predecessor, tid(1));
    assert_eq!(q.links[0].successor, tid(5));
    assert_eq!((q.links[0].kind, q.links[0].lag), (LinkType::FS, days(1)));
}

#[test]
fn a_fired_risk_adds_its_impact_and_its_cost() {
    let mut p = small_plan(&[5, 5]);
    link(&mut p, 1, 2, LinkType::FS, Lag::ZERO);
    p.assignments.push(Assignment {
        id: AssignmentId::from_u128(40),
        task_id: tid(1),
        resource_id: ResourceId::from_u128(3),
        units: 1.0,
        work: None,
        contour: Default::default(),
    });
    p.risks.push(Risk {
        id: RiskId::from_u128(50),
        release_id: ReleaseId::from_u128(1),
        title: "Vendor late".into(),
        description: String::new(),
        probability: 0.3,
        schedule_impact: WorkMinutes::days(3),
        cost_impact: Money::from_units(1000),
        owner: String::new(),
        status: RiskStatus::Open,
        trigger: String::new(),
        mitigation: String::new(),
        contingency: String::new(),
        task_ids: vec![tid(1)],
    });
    p.validate().unwrap();
    let s = Scenario::from_risk(&p.risks[0]);
    assert_eq!(s.from_risk, Some(p.risks[0].id));
    assert!(s.name.contains("Vendor late"));
    assert_eq!(
        s.description,
        "What if 'Vendor late' happens: +3d on its task, cost impact 1,000.00."
    );
    assert_eq!(Money(-123_456_789).grouped(), "-1,234,567.89");
    let c = compare(&p, &[&s], &ScheduleOptions::default()).unwrap();
    // 5 days × 8 h × 100/h = 4,000.00
    assert_eq!(c.baseline.cost, Some(Money::from_units(4000)));
    let o = &c.scenarios[0];
    assert_eq!(o.finish_delta_days, 3.0);
    // 3 more days of work (2,400) and the risk's cost (1,000).
    assert_eq!(o.cost_delta, Some(Money::from_units(3400)));
    let q = apply_scenario(&p, &s).unwrap();
    assert_eq!(q.risks[0].status, RiskStatus::Occurred);
    assert_eq!(q.tasks[0].duration, Duration::Working(WorkMinutes::days(8)));
}

#[test]
fn resource_units_change_cost_only() {
    let mut p = small_plan(&[5]);
    p.assignments.push(Assignment {
        id: AssignmentId::from_u128(40),
        task_id: tid(1),
        resource_id: ResourceId::from_u128(3),
        units: 2.0,
        work: None,
        contour: Default::default(),
    });
    let s = scenario(vec![Override::ResourceUnits {
        resource: ResourceId::from_u128(3),
        max_units: 0.5,
    }]);
    let c = compare(&p, &[&s], &ScheduleOptions::default()).unwrap();
    assert_eq!(c.scenarios[0].finish_delta_days, 0.0);
    assert_eq!(c.baseline.cost, Some(Money::from_units(8000)));
    assert_eq!(c.scenarios[0].cost_delta, Some(Money::from_units(-6000)));
}

#[test]
fn a_holiday_moves_the_finish_and_added_links_can_close_a_cycle() {
    let mut p = small_plan(&[5, 5]);
    let cal = crate::calendar::Calendar::standard(CalendarId::from_u128(7), "Std");
    p.calendars.push(cal);
    p.settings.default_calendar = Some(CalendarId::from_u128(7));
    link(&mut p, 1, 2, LinkType::FS, Lag::ZERO);
    let s = scenario(vec![Override::CalendarException {
        calendar: None,
        exception: crate::calendar::CalendarException {
            name: "Holiday".into(),
            start: NaiveDate::from_ymd_opt(2027, 3, 3).unwrap(),
            finish: NaiveDate::from_ymd_opt(2027, 3, 3).unwrap(),
            working: vec![],
        },
    }]);
    let before = finish(&p);
    let after = finish(&apply_scenario(&p, &s).unwrap());
    assert_eq!(before, dt(2027, 3, 12, 17));
    assert_eq!(after, dt(2027, 3, 15, 17));

    let cycle = scenario(vec![Override::AddLink {
        link: Link {
            id: LinkId::from_u128(999),
            predecessor: tid(2),
            successor: tid(1),
            kind: LinkType::FS,
            lag: Lag::ZERO,
        },
    }]);
    let e = compare(&p, &[&cycle], &ScheduleOptions::default()).unwrap_err();
    assert!(e.to_string().contains("scenario 'What if'"), "{e}");
    assert!(e.to_string().contains("cycle"), "{e}");
}

#[test]
fn unknown_references_name_the_scenario_and_the_override() {
    let p = small_plan(&[1, 1]);
    let s = scenario(vec![
        Override::SetDuration {
            task: tid(1),
            duration: Duration::Working(WorkMinutes::days(2)),
        },
        Override::RemoveTask {
            task: TaskId::from_u128(4242),
            bridge: false,
        },
    ]);
    let e = apply_scenario(&p, &s).unwrap_err().to_string();
    assert!(
        e.starts_with("scenario 'What if', override 2 (remove task) refers to unknown task"),
        "{e}"
    );
    for (o, kind) in [
        (
            Override::RemoveLink {
                link: LinkId::from_u128(1),
            },
            "link",
        ),
        (
            Override::FireRisk {
                risk: RiskId::from_u128(1),
            },
            "risk",
        ),
        (
            Override::ResourceUnits {
                resource: ResourceId::from_u128(77),
                max_units: 1.0,
            },
            "resource",
        ),
        (
            Override::CalendarException {
                calendar: Some(CalendarId::from_u128(77)),
                exception: crate::calendar::CalendarException {
                    name: "x".into(),
                    start: NaiveDate::from_ymd_opt(2027, 3, 3).unwrap(),
                    finish: NaiveDate::from_ymd_opt(2027, 3, 3).unwrap(),
                    working: vec![],
                },
            },
            "calendar",
        ),
    ] {
        let e = scenario(vec![o]).validate_in(&p).unwrap_err();
        assert!(
            matches!(&e, ModelError::UnknownReference { kind: k, entity, .. }
                if *k == kind && entity.contains("override 1")),
            "{e}"
        );
    }
    let bad = scenario(vec![Override::SetEstimate {
        task: tid(1),
        estimate: Some(ThreePoint {
            optimistic: WorkMinutes::days(5),
            most_likely: WorkMinutes::days(3),
            pessimistic: WorkMinutes::days(4),
        }),
    }]);
    let e = bad.validate_in(&p).unwrap_err().to_string();
    assert!(e.contains("override 1 (set estimate)"), "{e}");
    // What a task may not be given, a scenario may not give it either: a duration or an
    // estimate beyond 50 years, a delay outside the years a plan holds.
    let too_long = WorkMinutes::days(20_000);
    let at = |y| {
        NaiveDate::from_ymd_opt(y, 1, 1)
            .unwrap()
            .and_hms_opt(8, 0, 0)
            .unwrap()
    };
    for (o, says) in [
        (
            Override::SetDuration {
                task: tid(1),
                duration: Duration::Working(too_long),
            },
            "override 1 (set duration)",
        ),
        (
            Override::SetEstimate {
                task: tid(1),
                estimate: Some(ThreePoint {
                    optimistic: WorkMinutes::days(1),
                    most_likely: WorkMinutes::days(2),
                    pessimistic: too_long,
                }),
            },
            "override 1 (set estimate)",
        ),
        (
            Override::Delay {
                task: tid(1),
                until: at(0),
            },
            "outside the years 1900 to 9999",
        ),
        (
            Override::Delay {
                task: tid(1),
                until: at(10_000),
            },
            "override 1 (delay)",
        ),
    ] {
        let e = scenario(vec![o]).validate_in(&p).unwrap_err().to_string();
        assert!(e.contains(says), "{e}");
    }
}

#[test]
fn the_demo_scenarios_say_what_they_promise() {
    let plan = demo_plan();
    plan.validate().unwrap();
    let scenarios = crate::demo::demo_scenarios(&plan);
    assert!(scenarios.len() >= 3);
    let refs: Vec<&Scenario> = scenarios.iter().collect();
    let c = compare(&plan, &refs, &ScheduleOptions::default()).unwrap();
    let by_name = |s: &str| {
        c.scenarios
            .iter()
            .find(|o| o.outcome.name.contains(s))
            .unwrap_or_else(|| panic!("a scenario named like '{s}'"))
    };
    let slip = by_name("slips");
    assert!(slip.finish_delta_days > 0.0, "{}", slip.finish_delta_days);
    let descope = by_name("Descope");
    assert!(descope.finish_delta_days <= 0.0);
    assert!(!descope.removed_tasks.is_empty());
    assert!(descope.cost_delta.unwrap().0 < 0, "less work, less cost");
    let risk = c
        .scenarios
        .iter()
        .find(|o| {
            scenarios
                .iter()
                .any(|s| Some(s.id) == o.outcome.scenario_id && s.from_risk.is_some())
        })
        .expect("a scenario from a risk");
    assert!(risk.cost_delta.unwrap().0 > 0);
    assert_eq!(c.baseline.milestones.len(), slip.outcome.milestones.len());
    assert!(c.baseline.milestones.iter().any(|m| m.gate));
    let json = serde_json::to_string(&c).unwrap();
    let back: Comparison = serde_json::from_str(&json).unwrap();
    assert_eq!(back, c);
}

#[test]
fn scenarios_serialize_with_tagged_overrides() {
    let s = scenario(vec![Override::Delay {
        task: tid(1),
        until: dt(2027, 3, 15, 8),
    }]);
    let json = serde_json::to_string(&s).unwrap();
    assert!(json.contains(r#""type":"delay""#), "{json}");
    assert_eq!(serde_json::from_str::<Scenario>(&json).unwrap(), s);
}

#[test]
fn scenario_edits_are_checked_and_deletes_make_scenarios_forget() {
    use crate::edit::{apply, Edit};
    let mut p = small_plan(&[1, 1, 1]);
    link(&mut p, 1, 2, LinkType::FS, Lag::ZERO);
    link(&mut p, 2, 3, LinkType::FS, Lag::ZERO);
    let keep = Override::SetDuration {
        task: tid(1),
        duration: Duration::Working(WorkMinutes::days(4)),
    };
    let s = scenario(vec![
        Override::Delay {
            task: tid(2),
            until: dt(2027, 3, 15, 8),
        },
        Override::RemoveLink {
            link: p.links[0].id,
        },
        keep.clone(),
    ]);
    apply(&mut p, &Edit::PutScenario(s.clone())).unwrap();
    p.validate().unwrap();
    let mut bad = scenario(vec![Override::RemoveTask {
        task: TaskId::from_u128(4242),
        bridge: false,
    }]);
    bad.id = ScenarioId::from_u128(10);
    let before = p.clone();
    assert!(apply(&mut p, &Edit::PutScenario(bad)).is_err());
    assert_eq!(p, before);

    apply(&mut p, &Edit::DeleteTask(tid(2))).unwrap();
    assert_eq!(p.scenarios[0].overrides, vec![keep]);
    p.validate().unwrap();
    assert_eq!(Edit::DeleteScenario(s.id).entity_kind(), "scenario");
    apply(&mut p, &Edit::DeleteScenario(s.id)).unwrap();
    assert!(p.scenarios.is_empty());
}

#[test]
fn a_contingency_scenario_fires_its_risk_under_a_free_name() {
    use crate::edit::{apply, Edit};
    let mut p = demo_plan();
    let risk = p
        .risks
        .iter()
        .find(|r| r.title == "Security pen-test findings")
        .unwrap()
        .clone();
    // The demo already has "Risk fires: Security pen-test findings".
    let s = Scenario::contingency(&p, risk.id).unwrap();
    assert_eq!(s.name, "Risk fires: Security pen-test findings (2)");
    assert_eq!(s.from_risk, Some(risk.id));
    assert_eq!(s.overrides, vec![Override::FireRisk { risk: risk.id }]);
    s.check_name(&p).unwrap();
    apply(&mut p, &Edit::PutScenario(s.clone())).unwrap();
    assert_eq!(
        Scenario::contingency(&p, risk.id).unwrap().name,
        "Risk fires: Security pen-test findings (3)"
    );
    let err = Scenario::contingency(&p, RiskId::from_u128(77)).unwrap_err();
    assert!(err.to_string().contains("unknown risk"), "{err}");
}

#[test]
fn scenario_names_are_unique_ignoring_case() {
    let p = demo_plan();
    let mut s = p.scenarios[0].clone();
    // Its own name is not taken by itself.
    s.check_name(&p).unwrap();
    s.id = ScenarioId::new();
    s.name = format!("  {}  ", p.scenarios[1].name.to_uppercase());
    let err = s.check_name(&p).unwrap_err();
    assert!(matches!(err, ScenarioError::NameTaken { .. }));
    assert_eq!(
        err.to_string(),
        format!(
            "the plan already has a scenario '{}'",
            p.scenarios[1].name.to_uppercase()
        )
    );
    s.name = " ".into();
    assert!(matches!(
        s.check_name(&p),
        Err(ScenarioError::Model(ModelError::EmptyName { .. }))
    ));
    assert_eq!(unique_name(&p, "Something new"), "Something new");
}

#[test]
fn the_overlay_pairs_baseline_and_scenario_dates() {
    let p = demo_plan();
    let opts = ScheduleOptions::default();
    let base = schedule(&p, &opts).unwrap();
    let slip = p
        .scenarios
        .iter()
        .find(|s| s.name == "Payments API slips 2 weeks")
        .unwrap();
    let o = overlay(&p, slip, &opts).unwrap();
    let c = compare(&p, &[slip], &opts).unwrap();
    assert_eq!(o.baseline_finish, c.baseline.finish);
    assert_eq!(o.scenario_finish, c.scenarios[0].outcome.finish);
    assert!(o.start <= o.finish && o.scenario_finish > o.baseline_finish);
    // Every milestone, every critical task and every moved task is there, once, in plan order.
    let delayed = match slip.overrides[0] {
        Override::Delay { task, .. } => task,
        _ => unreachable!(),
    };
    let row = o.rows.iter().find(|r| r.task_id == delayed).unwrap();
    assert!(row.moved && row.scenario.unwrap().start > row.baseline.start);
    for (t, b) in p.tasks.iter().zip(&base.tasks) {
        let n = o.rows.iter().filter(|r| r.task_id == t.id).count();
        if !b.summary && (b.critical || b.milestone) {
            assert_eq!(n, 1, "{}", t.name);
        }
        if b.summary {
            assert_eq!(n, 0, "{}", t.name);
        }
    }
    let order: Vec<usize> = o
        .rows
        .iter()
        .map(|r| p.tasks.iter().position(|t| t.id == r.task_id).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]));
    // Milestone deltas agree with the comparison's.
    for m in &c.scenarios[0].outcome.milestones {
        let r = o.rows.iter().find(|r| r.task_id == m.task_id).unwrap();
        assert_eq!(r.finish_delta_days, m.delta_days, "{}", m.name);
        assert_eq!(
            r.moved,
            m.delta_days != Some(0.0) || r.baseline.start != r.scenario.unwrap().start
        );
    }

    // A scope cut: removed tasks have no scenario dates.
    let cut = p
        .scenarios
        .iter()
        .find(|s| s.name == "Descope the reporting module")
        .unwrap();
    let o = overlay(&p, cut, &opts).unwrap();
    let removed: Vec<&OverlayRow> = o.rows.iter().filter(|r| r.scenario.is_none()).collect();
    assert!(!removed.is_empty());
    assert!(removed
        .iter()
        .all(|r| r.moved && r.finish_delta_days.is_none()));
}

/// Overrides after a removed task find their tasks in the rows that moved up: the task after
/// the removed one gets its own duration, and one before it keeps its row.
#[test]
fn overrides_after_a_removal_find_the_rows_that_moved() {
    let p = small_plan(&[1, 2, 3, 4, 5]);
    let s = scenario(vec![
        Override::SetDuration {
            task: tid(1),
            duration: Duration::Working(WorkMinutes(480 * 7)),
        },
        Override::RemoveTask {
            task: tid(2),
            bridge: false,
        },
        Override::SetDuration {
            task: tid(4),
            duration: Duration::Working(WorkMinutes(480 * 9)),
        },
        Override::Delay {
            task: tid(5),
            until: dt(2027, 4, 1, 8),
        },
    ]);
    let q = apply_scenario(&p, &s).unwrap();
    let t = |n: usize| q.tasks.iter().find(|t| t.id == tid(n)).unwrap();
    assert_eq!(q.tasks.len(), 4);
    assert_eq!(t(1).duration, Duration::Working(WorkMinutes(480 * 7)));
    assert_eq!(
        t(3).duration,
        p.tasks[2].duration,
        "the task after the removed one as it was"
    );
    assert_eq!(t(4).duration, Duration::Working(WorkMinutes(480 * 9)));
    assert_eq!(t(5).constraint, Constraint::Snet(dt(2027, 4, 1, 8)));
    assert_eq!(t(4).constraint, p.tasks[3].constraint);
}
