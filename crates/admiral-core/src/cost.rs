//! Forecast cost of a set of tasks: Σ assignment units × resource cost rate × the task's
//! working hours (its planned duration; elapsed durations count their clock hours), plus
//! each task's fixed cost (MS Project's Fixed Cost: all of it, whatever its accrual).

use crate::model::{Money, Plan, ResourceId, RiskStatus, TaskId};
use std::collections::{HashMap, HashSet};

/// `None` when none of the tasks has an assignment or a fixed cost.
pub fn forecast_cost(plan: &Plan, tasks: impl IntoIterator<Item = TaskId>) -> Option<Money> {
    let wanted: HashSet<TaskId> = tasks.into_iter().collect();
    let fixed: i64 = plan
        .tasks
        .iter()
        .filter(|t| wanted.contains(&t.id))
        .map(|t| t.fixed_cost.amount.0)
        .sum();
    let any_fixed = plan
        .tasks
        .iter()
        .any(|t| t.fixed_cost.amount.0 != 0 && wanted.contains(&t.id));
    let minutes: HashMap<TaskId, i64> = plan
        .tasks
        .iter()
        .filter(|t| wanted.contains(&t.id))
        .map(|t| (t.id, t.duration.minutes()))
        .collect();
    let rates: HashMap<_, _> = plan.resources.iter().map(|r| (r.id, r.cost_rate)).collect();
    let mut any = false;
    let mut cents = 0.0f64;
    for a in &plan.assignments {
        let (Some(m), Some(rate)) = (minutes.get(&a.task_id), rates.get(&a.resource_id)) else {
            continue;
        };
        any = true;
        // Recorded work, else units × the duration.
        let work = crate::effort::work_of(a, *m).0 as f64;
        cents += rate.0 as f64 * (work / 60.0);
    }
    (any || any_fixed).then(|| Money(cents.round() as i64 + fixed))
}

/// The plan's cost: Σ assignment units × resource hourly rate × the task's hours (working
/// hours of its duration; clock hours for elapsed durations), plus every task's fixed cost
/// and the cost impact of every occurred risk. Rounded to the cent.
pub fn plan_cost(p: &Plan) -> Money {
    let rate: HashMap<ResourceId, i64> =
        p.resources.iter().map(|r| (r.id, r.cost_rate.0)).collect();
    let minutes: HashMap<TaskId, i64> = p
        .tasks
        .iter()
        .map(|t| (t.id, t.duration.minutes().max(0)))
        .collect();
    let labour: f64 = p
        .assignments
        .iter()
        .map(|a| {
            let r = rate.get(&a.resource_id).copied().unwrap_or(0) as f64;
            let m = minutes.get(&a.task_id).copied().unwrap_or(0);
            r * crate::effort::work_of(a, m).0 as f64 / 60.0
        })
        .sum();
    let risks: i64 = p
        .risks
        .iter()
        .filter(|r| r.status == RiskStatus::Occurred)
        .map(|r| r.cost_impact.0)
        .sum();
    let fixed: i64 = p.tasks.iter().map(|t| t.fixed_cost.amount.0).sum();
    Money(labour.round() as i64 + fixed + risks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::*;

    #[test]
    fn cost_is_units_times_rate_times_hours() {
        let mut plan = Plan::default();
        let t = TaskId::from_u128(1);
        let r = ResourceId::from_u128(2);
        plan.tasks.push(Task::new(
            t,
            TaskNumber(1),
            ProjectId::from_u128(3),
            "Build",
            Duration::Working(WorkMinutes::days(2)),
        ));
        plan.resources.push(Resource {
            id: r,
            name: "Łukasz".into(),
            kind: ResourceKind::Person,
            cost_rate: Money::from_units(100),
            max_units: 1.0,
            calendar_id: None,
        });
        assert_eq!(forecast_cost(&plan, [t]), None);
        plan.assignments.push(Assignment {
            id: AssignmentId::from_u128(4),
            task_id: t,
            resource_id: r,
            units: 0.5,
            work: None,
            contour: Default::default(),
        });
        // 0.5 × 100/h × 16 h = 800.
        assert_eq!(forecast_cost(&plan, [t]), Some(Money::from_units(800)));
        // A fixed cost of 1,200 adds to it, whatever its accrual.
        plan.tasks[0].fixed_cost = FixedCost {
            amount: Money::from_units(1200),
            accrual: Accrual::End,
        };
        assert_eq!(forecast_cost(&plan, [t]), Some(Money::from_units(2000)));
        assert_eq!(plan_cost(&plan), Money::from_units(2000));
        plan.assignments.clear();
        assert_eq!(forecast_cost(&plan, [t]), Some(Money::from_units(1200)));
    }
}
