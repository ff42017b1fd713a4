//! Governance gates: recording one approver's decision and checking off one criterion.
//!
//! A gate's overall state follows from its approvers ([`Gate::state`]): one rejection rejects
//! it, and the scheduler then marks every task that waits on it as blocked. These functions
//! decide what a decision changes; they return the new gate and a label for the audit trail
//! that says who decided what, so the shell only has to commit the edit.
//!
//! Rules:
//! - the gate and the approver (or criterion) must exist; errors name the gate;
//! - a decision is approve, reject or waive; "pending" is not something one decides;
//! - rejecting or waiving needs a reason (the comment), because the audit trail must say why
//!   a gate was stopped or bypassed; approving may go without one;
//! - recording a decision replaces the approver's earlier one (a rejected gate is reopened by
//!   the same approver approving after the resubmission) and stamps it with `at`.

use crate::edit::Edit;
use crate::model::{Decision, Gate, GateId, Plan};
use chrono::NaiveDateTime;
use thiserror::Error;

/// A decision or check that cannot be recorded; nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum GateError {
    #[error("gate {gate} does not exist")]
    UnknownGate { gate: GateId },
    #[error("gate '{gate}' has no approver {number} (it has {count})")]
    UnknownApprover {
        gate: String,
        number: usize,
        count: usize,
    },
    #[error("gate '{gate}' has no criterion {number} (it has {count})")]
    UnknownCriterion {
        gate: String,
        number: usize,
        count: usize,
    },
    #[error("a decision on gate '{gate}' is approve, reject or waive, not pending")]
    NotADecision { gate: String },
    #[error("{approver} must give a reason to {verb} gate '{gate}'")]
    ReasonRequired {
        gate: String,
        approver: String,
        verb: &'static str,
    },
}

/// A gate change ready to commit: the edit and the audit label that describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct GateChange {
    pub gate: Gate,
    /// E.g. "Gate 'Gate 3: QA sign-off': Tobias Krüger (QA lead) rejected — two sev-2 defects".
    pub label: String,
}

impl GateChange {
    pub fn edit(&self) -> Edit {
        Edit::PutGate(self.gate.clone())
    }
}

/// The name a gate goes by: its milestone task's name (a gate has no name of its own).
pub fn gate_name(plan: &Plan, gate: &Gate) -> String {
    plan.tasks
        .iter()
        .find(|t| t.id == gate.task_id)
        .map(|t| t.name.clone())
        .unwrap_or_else(|| format!("gate {}", gate.id))
}

fn find(plan: &Plan, id: GateId) -> Result<&Gate, GateError> {
    plan.gates
        .iter()
        .find(|g| g.id == id)
        .ok_or(GateError::UnknownGate { gate: id })
}

/// Records the decision of the gate's approver at `approver` (0-based, in the gate's order)
/// with `comment` (trimmed) at `at`. The caller supplies `at` (core reads no clock).
pub fn decide(
    plan: &Plan,
    gate_id: GateId,
    approver: usize,
    decision: Decision,
    comment: &str,
    at: NaiveDateTime,
) -> Result<GateChange, GateError> {
    let gate = find(plan, gate_id)?;
    let name = gate_name(plan, gate);
    let count = gate.approvers.len();
    let a = gate
        .approvers
        .get(approver)
        .ok_or_else(|| GateError::UnknownApprover {
            gate: name.clone(),
            number: approver + 1,
            count,
        })?;
    let comment = comment.trim();
    let verb = match decision {
        Decision::Pending => return Err(GateError::NotADecision { gate: name }),
        Decision::Approved => "approved",
        Decision::Rejected => "rejected",
        Decision::Waived => "waived",
    };
    if comment.is_empty() && matches!(decision, Decision::Rejected | Decision::Waived) {
        return Err(GateError::ReasonRequired {
            gate: name,
            approver: a.name.clone(),
            verb: if decision == Decision::Rejected {
                "reject"
            } else {
                "waive"
            },
        });
    }
    let mut label = format!("Gate '{name}': {} ({}) {verb}", a.name, a.role);
    if !comment.is_empty() {
        label.push_str(" — ");
        label.push_str(comment);
    }
    let mut gate = gate.clone();
    let a = &mut gate.approvers[approver];
    a.decision = decision;
    a.decided_at = Some(at);
    a.comment = comment.to_string();
    Ok(GateChange { gate, label })
}

/// Marks the gate's criterion at `criterion` (0-based) as met or not met.
pub fn set_criterion(
    plan: &Plan,
    gate_id: GateId,
    criterion: usize,
    met: bool,
) -> Result<GateChange, GateError> {
    let gate = find(plan, gate_id)?;
    let name = gate_name(plan, gate);
    let count = gate.criteria.len();
    let mut gate = gate.clone();
    let c = gate
        .criteria
        .get_mut(criterion)
        .ok_or_else(|| GateError::UnknownCriterion {
            gate: name.clone(),
            number: criterion + 1,
            count,
        })?;
    c.met = met;
    let label = format!(
        "Gate '{name}': criterion '{}' {}",
        c.text,
        if met { "met" } else { "not met" }
    );
    Ok(GateChange { gate, label })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_plan;
    use chrono::NaiveDate;

    fn at() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2027, 4, 20)
            .unwrap()
            .and_hms_opt(9, 30, 0)
            .unwrap()
    }

    /// The demo's QA sign-off gate (all approvers but one pending).
    fn qa_gate(plan: &Plan) -> &Gate {
        plan.gates
            .iter()
            .find(|g| gate_name(plan, g).contains("QA sign-off"))
            .unwrap()
    }

    #[test]
    fn a_decision_sets_the_approver_and_says_who_decided_what() {
        let plan = demo_plan();
        let g = qa_gate(&plan);
        let c = decide(
            &plan,
            g.id,
            0,
            Decision::Rejected,
            "  Two sev-2 defects open ",
            at(),
        )
        .unwrap();
        let a = &c.gate.approvers[0];
        assert_eq!(a.decision, Decision::Rejected);
        assert_eq!(a.decided_at, Some(at()));
        assert_eq!(a.comment, "Two sev-2 defects open");
        assert_eq!(c.gate.state(), Decision::Rejected);
        assert_eq!(
            c.label,
            format!(
                "Gate 'Gate 3: QA sign-off': {} (QA lead) rejected — Two sev-2 defects open",
                a.name
            )
        );
        // The other approvers are untouched.
        assert_eq!(c.gate.approvers[1..], g.approvers[1..]);
    }

    #[test]
    fn approving_needs_no_reason_and_a_later_decision_replaces_a_rejection() {
        let mut plan = demo_plan();
        let id = qa_gate(&plan).id;
        let c = decide(&plan, id, 1, Decision::Rejected, "UAT not signed", at()).unwrap();
        crate::edit::apply(&mut plan, &c.edit()).unwrap();
        let c = decide(&plan, id, 1, Decision::Approved, "", at()).unwrap();
        assert_eq!(c.gate.approvers[1].decision, Decision::Approved);
        assert_eq!(c.gate.approvers[1].comment, "");
        assert!(
            c.label.ends_with("(Business owner) approved"),
            "{}",
            c.label
        );
        assert_eq!(c.gate.state(), Decision::Pending);
    }

    #[test]
    fn rejecting_or_waiving_without_a_reason_is_refused_by_name() {
        let plan = demo_plan();
        let g = qa_gate(&plan);
        let e = decide(&plan, g.id, 0, Decision::Waived, "  ", at()).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "{} must give a reason to waive gate 'Gate 3: QA sign-off'",
                g.approvers[0].name
            )
        );
        assert!(matches!(
            decide(&plan, g.id, 0, Decision::Rejected, "", at()),
            Err(GateError::ReasonRequired { .. })
        ));
        assert!(matches!(
            decide(&plan, g.id, 0, Decision::Pending, "why", at()),
            Err(GateError::NotADecision { .. })
        ));
    }

    #[test]
    fn unknown_gates_approvers_and_criteria_are_named() {
        let plan = demo_plan();
        let g = qa_gate(&plan);
        let e = decide(&plan, g.id, 9, Decision::Approved, "", at()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "gate 'Gate 3: QA sign-off' has no approver 10 (it has 4)"
        );
        let e = set_criterion(&plan, g.id, 4, true).unwrap_err();
        assert_eq!(
            e.to_string(),
            "gate 'Gate 3: QA sign-off' has no criterion 5 (it has 4)"
        );
        let missing = GateId::from_u128(0xdead);
        assert_eq!(
            decide(&plan, missing, 0, Decision::Approved, "", at()),
            Err(GateError::UnknownGate { gate: missing })
        );
    }

    #[test]
    fn a_criterion_is_checked_off_with_its_text_in_the_label() {
        let plan = demo_plan();
        let g = qa_gate(&plan);
        let c = set_criterion(&plan, g.id, 3, true).unwrap();
        assert!(c.gate.criteria[3].met);
        assert_eq!(c.gate.criteria[..3], g.criteria[..3]);
        assert_eq!(
            c.label,
            "Gate 'Gate 3: QA sign-off': criterion 'UAT signed off by the business' met"
        );
    }
}
