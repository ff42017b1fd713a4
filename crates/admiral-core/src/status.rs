//! The release's overall status (red, amber, green) and the reasons for it.
//!
//! One rule for every place that shows it (the PDF report, the desktop overview), kept pure so
//! it can be read and tested on its own. Each finding carries its own colour; the overall status is the worst of them.
//!
//! | finding | colour |
//! | --- | --- |
//! | deterministic forecast after the target | red |
//! | a gate rejected | red |
//! | a task with negative total float (a constraint or deadline cannot be met) | red |
//! | P80 after the target while the forecast meets it | amber |
//! | an open high risk (probability ≥ 0.5 and schedule impact ≥ 5 working days) | amber |
//! | a pending gate due within 10 days of the as-of date, or overdue | amber |
//! | a task scheduled to finish before the as-of date but not marked done | amber |
//! | no target date set | amber |
//! | otherwise | green, stating the margin |

use crate::model::{Decision, Risk, RiskStatus, Task, TaskId, WorkMinutes};
use crate::schedule::TaskSchedule;
use chrono::{NaiveDate, NaiveDateTime};

/// Red, amber or green; ordered so that `max` is the worst.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Rag {
    Green,
    Amber,
    Red,
}

impl Rag {
    pub fn label(self) -> &'static str {
        match self {
            Rag::Green => "GREEN",
            Rag::Amber => "AMBER",
            Rag::Red => "RED",
        }
    }
}

/// One reason for the status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rag: Rag,
    pub text: String,
}

/// The overall status and every finding behind it, worst first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub rag: Rag,
    pub findings: Vec<Finding>,
}

/// A gate as the rule sees it.
#[derive(Clone, Debug)]
pub struct GateFact {
    pub name: String,
    pub date: NaiveDateTime,
    pub state: Decision,
}

/// The facts the rule reads.
#[derive(Clone, Debug)]
pub struct Facts<'a> {
    pub as_of: NaiveDate,
    pub target: Option<NaiveDateTime>,
    pub forecast: Option<NaiveDateTime>,
    pub p80: Option<NaiveDateTime>,
    pub gates: Vec<GateFact>,
    pub risks: Vec<&'a Risk>,
    /// Names of tasks with negative total float.
    pub negative_float: Vec<String>,
    /// Names of tasks (not summaries) scheduled to finish before the as-of date and not 100 %
    /// complete: their progress was not recorded, or they are late.
    pub overdue: Vec<String>,
}

/// The names of `tasks` (in their order) that the rule reads: those with negative total float,
/// and those scheduled to finish before `as_of` but not 100 % complete. Summaries are left
/// out; `dates` gives a task's schedule row.
pub fn task_names<'a>(
    tasks: &[&'a Task],
    dates: impl Fn(TaskId) -> Option<&'a TaskSchedule>,
    as_of: NaiveDate,
) -> (Vec<String>, Vec<String>) {
    let (mut negative_float, mut overdue) = (Vec::new(), Vec::new());
    for t in tasks {
        let Some(d) = dates(t.id).filter(|d| !d.summary) else {
            continue;
        };
        if d.total_float.0 < 0 {
            negative_float.push(t.name.clone());
        }
        if d.finish.date() < as_of && t.progress.percent_complete < 100 {
            overdue.push(t.name.clone());
        }
    }
    (negative_float, overdue)
}

/// Probability from which an open risk counts as high (with [`HIGH_RISK_IMPACT`]).
pub const HIGH_RISK_PROBABILITY: f64 = 0.5;
/// Schedule impact from which an open risk counts as high (with [`HIGH_RISK_PROBABILITY`]).
pub const HIGH_RISK_IMPACT: WorkMinutes = WorkMinutes(5 * 480);
/// A pending gate due within this many days of the as-of date needs attention.
pub const GATE_ATTENTION_DAYS: i64 = 10;

/// Whether a risk is open and high.
pub fn is_high_risk(r: &Risk) -> bool {
    matches!(
        r.status,
        RiskStatus::Open | RiskStatus::Mitigating | RiskStatus::Occurred
    ) && r.probability >= HIGH_RISK_PROBABILITY
        && r.schedule_impact >= HIGH_RISK_IMPACT
}

/// Calendar days, said so: the tables beside these sentences count working days ("47d").
fn days(n: i64) -> String {
    if n.abs() == 1 {
        format!("{n} calendar day")
    } else {
        format!("{n} calendar days")
    }
}

fn fmt_date(d: NaiveDateTime) -> String {
    d.format("%d %b %Y").to_string()
}

/// Applies the rule.
pub fn assess(f: &Facts) -> Status {
    let mut out = Vec::new();
    let mut push = |rag, text: String| out.push(Finding { rag, text });

    match (f.target, f.forecast) {
        (Some(t), Some(fc)) => {
            let late = (fc.date() - t.date()).num_days();
            if late > 0 {
                push(
                    Rag::Red,
                    format!(
                        "Forecast finish {} is {} after the target {}.",
                        fmt_date(fc),
                        days(late),
                        fmt_date(t)
                    ),
                );
            } else {
                push(
                    Rag::Green,
                    format!(
                        "Forecast finish {} meets the target {} ({} margin).",
                        fmt_date(fc),
                        fmt_date(t),
                        days(-late)
                    ),
                );
                if let Some(p80) = f.p80 {
                    let p80_late = (p80.date() - t.date()).num_days();
                    if p80_late > 0 {
                        push(
                            Rag::Amber,
                            format!(
                                "P80 finish {} is {} after the target: under 80% confidence.",
                                fmt_date(p80),
                                days(p80_late)
                            ),
                        );
                    }
                }
            }
        }
        (None, _) => push(
            Rag::Amber,
            "No target date is set, so the forecast cannot be judged.".into(),
        ),
        (Some(_), None) => push(Rag::Amber, "The release has no scheduled finish.".into()),
    }

    let rejected: Vec<&GateFact> = f
        .gates
        .iter()
        .filter(|g| g.state == Decision::Rejected)
        .collect();
    if !rejected.is_empty() {
        let names: Vec<&str> = rejected.iter().map(|g| g.name.as_str()).collect();
        push(Rag::Red, format!("Gate rejected: {}.", names.join(", ")));
    }
    let attention: Vec<&GateFact> = f
        .gates
        .iter()
        .filter(|g| {
            g.state == Decision::Pending
                && (g.date.date() - f.as_of).num_days() <= GATE_ATTENTION_DAYS
        })
        .collect();
    if !attention.is_empty() {
        let overdue = attention.iter().filter(|g| g.date.date() < f.as_of).count();
        let names: Vec<&str> = attention.iter().map(|g| g.name.as_str()).collect();
        let text = if overdue > 0 {
            format!(
                "Gate decision pending ({} overdue): {}.",
                overdue,
                names.join(", ")
            )
        } else {
            format!(
                "Gate decision due within {}: {}.",
                days(GATE_ATTENTION_DAYS),
                names.join(", ")
            )
        };
        push(Rag::Amber, text);
    }

    let high: Vec<&&Risk> = f.risks.iter().filter(|r| is_high_risk(r)).collect();
    if !high.is_empty() {
        let names: Vec<&str> = high.iter().map(|r| r.title.as_str()).collect();
        push(
            Rag::Amber,
            format!(
                "{} open high risk{}: {}.",
                high.len(),
                if high.len() == 1 { "" } else { "s" },
                names.join(", ")
            ),
        );
    }

    if !f.negative_float.is_empty() {
        let n = f.negative_float.len();
        push(
            Rag::Red,
            format!(
                "{} task{} with negative float (a date constraint cannot be met): {}.",
                n,
                if n == 1 { "" } else { "s" },
                some_of(&f.negative_float)
            ),
        );
    }
    if !f.overdue.is_empty() {
        let n = f.overdue.len();
        push(
            Rag::Amber,
            format!(
                "{} task{} should have finished before {} but {} not marked done (progress not \
                 recorded, or late): {}.",
                n,
                if n == 1 { "" } else { "s" },
                f.as_of.format("%d %b %Y"),
                if n == 1 { "is" } else { "are" },
                some_of(&f.overdue)
            ),
        );
    }

    out.sort_by_key(|f| std::cmp::Reverse(f.rag));
    let rag = out.iter().map(|f| f.rag).max().unwrap_or(Rag::Green);
    Status { rag, findings: out }
}

/// The first three names, and how many more ("A, B, C and 4 more").
fn some_of(names: &[String]) -> String {
    let shown = names
        .iter()
        .take(3)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    match names.len() {
        n if n > 3 => format!("{shown} and {} more", n - 3),
        _ => shown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Money, ReleaseId, RiskId};

    fn dt(y: i32, m: u32, d: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(17, 0, 0)
            .unwrap()
    }

    fn risk(p: f64, impact_days: i64, status: RiskStatus) -> Risk {
        Risk {
            id: RiskId::from_u128(1),
            release_id: ReleaseId::from_u128(1),
            title: "Vendor API late".into(),
            description: String::new(),
            probability: p,
            schedule_impact: WorkMinutes::days(impact_days),
            cost_impact: Money(0),
            owner: "Zoë".into(),
            status,
            trigger: String::new(),
            mitigation: String::new(),
            contingency: String::new(),
            task_ids: vec![],
        }
    }

    fn facts<'a>() -> Facts<'a> {
        Facts {
            as_of: NaiveDate::from_ymd_opt(2027, 2, 1).unwrap(),
            target: Some(dt(2027, 6, 30)),
            forecast: Some(dt(2027, 6, 20)),
            p80: None,
            gates: vec![],
            risks: vec![],
            negative_float: vec![],
            overdue: vec![],
        }
    }

    #[test]
    fn tasks_due_before_the_as_of_date_and_not_done_are_amber() {
        let mut f = facts();
        f.overdue = vec!["Build".into()];
        let s = assess(&f);
        assert_eq!(s.rag, Rag::Amber);
        assert_eq!(
            s.findings[0].text,
            "1 task should have finished before 01 Feb 2027 but is not marked done (progress \
             not recorded, or late): Build."
        );
        f.overdue = (1..=5).map(|i| format!("T{i}")).collect();
        assert!(assess(&f).findings[0]
            .text
            .ends_with(": T1, T2, T3 and 2 more."));
    }

    #[test]
    fn on_time_with_nothing_open_is_green_with_its_margin() {
        let s = assess(&facts());
        assert_eq!(s.rag, Rag::Green);
        assert!(
            s.findings[0].text.contains("10 calendar days margin"),
            "{:?}",
            s
        );
    }

    #[test]
    fn late_forecast_is_red() {
        let mut f = facts();
        f.forecast = Some(dt(2027, 7, 2));
        let s = assess(&f);
        assert_eq!(s.rag, Rag::Red);
        assert!(s.findings[0]
            .text
            .contains("2 calendar days after the target"));
    }

    #[test]
    fn p80_after_target_is_amber_only_when_forecast_meets_it() {
        let mut f = facts();
        f.p80 = Some(dt(2027, 7, 10));
        assert_eq!(assess(&f).rag, Rag::Amber);
        f.p80 = Some(dt(2027, 6, 25));
        assert_eq!(assess(&f).rag, Rag::Green);
    }

    #[test]
    fn rejected_gate_is_red_and_pending_soon_is_amber() {
        let mut f = facts();
        f.gates.push(GateFact {
            name: "Go/No-Go".into(),
            date: dt(2027, 2, 5),
            state: Decision::Pending,
        });
        f.gates.push(GateFact {
            name: "Far gate".into(),
            date: dt(2027, 5, 5),
            state: Decision::Pending,
        });
        let s = assess(&f);
        assert_eq!(s.rag, Rag::Amber);
        assert!(s.findings[0].text.contains("Go/No-Go"));
        assert!(!s.findings[0].text.contains("Far gate"));
        f.gates[1].state = Decision::Rejected;
        assert_eq!(assess(&f).rag, Rag::Red);
    }

    #[test]
    fn only_open_high_risks_count() {
        let high = risk(0.6, 5, RiskStatus::Open);
        let low_p = risk(0.4, 20, RiskStatus::Open);
        let small = risk(0.9, 4, RiskStatus::Open);
        let closed = risk(0.9, 20, RiskStatus::Closed);
        let mut f = facts();
        f.risks = vec![&low_p, &small, &closed];
        assert_eq!(assess(&f).rag, Rag::Green);
        f.risks.push(&high);
        let s = assess(&f);
        assert_eq!(s.rag, Rag::Amber);
        assert!(s.findings[0].text.starts_with("1 open high risk:"));
    }

    #[test]
    fn negative_float_is_red_and_no_target_is_amber() {
        let mut f = facts();
        f.negative_float = vec!["A".into(), "B".into(), "C".into(), "D".into()];
        let s = assess(&f);
        assert_eq!(s.rag, Rag::Red);
        assert!(s.findings[0].text.contains("4 tasks"));
        assert!(s.findings[0].text.ends_with(": A, B, C and 1 more."));
        let mut g = facts();
        g.target = None;
        assert_eq!(assess(&g).rag, Rag::Amber);
    }
}
