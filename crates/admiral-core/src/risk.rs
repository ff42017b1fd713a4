//! The risk register's ratings: exposure, and a 5×5 matrix of probability against schedule
//! impact, as risk registers in release governance draw it.
//!
//! ## Bands
//! - Probability: band 1 is below 20 %, then 20–40 %, 40–60 %, 60–80 %, and band 5 is 80 % and
//!   above. A bound belongs to the higher band (exactly 40 % is band 3).
//! - Schedule impact, in working days of 480 minutes: band 1 is under 2 days, then 2–4, 4–6,
//!   6–10, and band 5 is 10 days and more. A risk with only a cost impact is in band 1.
//!
//! The score is probability band × impact band (1–25); 1–4 is low, 5–9 medium and 10 and
//! above high. Only *active* risks (open or being mitigated) are placed in the heat map: an
//! occurred risk is an issue, a closed one is gone.

use crate::edit::{Change, Edit};
use crate::model::*;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Number of bands on each axis.
pub const BANDS: u8 = 5;

/// Lower bounds of probability bands 2–5.
const PROBABILITY_FROM: [f64; 4] = [0.2, 0.4, 0.6, 0.8];
/// Lower bounds of impact bands 2–5, in working days.
const IMPACT_FROM_DAYS: [i64; 4] = [2, 4, 6, 10];

/// How bad a cell of the matrix is: green, amber or red.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Low,
    Medium,
    High,
}

/// Where a risk sits in the matrix.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    /// 1 (below 20 %) to 5 (80 % and above).
    pub probability_band: u8,
    /// 1 (under 2 working days) to 5 (10 days and more).
    pub impact_band: u8,
    /// Probability band × impact band, 1–25.
    pub score: u8,
    pub severity: Severity,
}

/// The probability band (1–5) of `p` (0–1; values outside are clamped).
pub fn probability_band(p: f64) -> u8 {
    1 + PROBABILITY_FROM.iter().filter(|&&b| p >= b - 1e-9).count() as u8
}

/// The impact band (1–5) of a schedule impact.
pub fn impact_band(impact: WorkMinutes) -> u8 {
    1 + IMPACT_FROM_DAYS
        .iter()
        .filter(|&&d| impact.0 >= d * MINUTES_PER_DAY)
        .count() as u8
}

/// The severity of a cell, from its bands.
pub fn severity(probability_band: u8, impact_band: u8) -> Severity {
    match probability_band * impact_band {
        0..=4 => Severity::Low,
        5..=9 => Severity::Medium,
        _ => Severity::High,
    }
}

/// A risk's place in the matrix.
pub fn rate(r: &Risk) -> Rating {
    let (p, i) = (
        probability_band(r.probability),
        impact_band(r.schedule_impact),
    );
    Rating {
        probability_band: p,
        impact_band: i,
        score: p * i,
        severity: severity(p, i),
    }
}

/// Whether the risk can still happen: open or being mitigated.
pub fn is_active(r: &Risk) -> bool {
    matches!(r.status, RiskStatus::Open | RiskStatus::Mitigating)
}

/// One risk of the register with what is computed from it.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RiskRating {
    pub risk_id: RiskId,
    /// Probability × schedule impact, in working days (see [`Risk::exposure`]).
    pub exposure_days: f64,
    /// Probability × cost impact, rounded to the cent.
    pub cost_exposure: Money,
    pub rating: Rating,
    /// Open or being mitigated (placed in the heat map).
    pub active: bool,
}

/// One cell of the heat map.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HeatCell {
    pub probability_band: u8,
    pub impact_band: u8,
    pub severity: Severity,
    /// The active risks in this cell, in plan order.
    pub risks: Vec<RiskId>,
}

/// The register: every risk rated, and the heat map of the active ones.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Register {
    /// One per risk, in plan order.
    pub ratings: Vec<RiskRating>,
    /// 25 cells, row by row from probability band 5 down to 1, each row from impact band 1
    /// to 5 (as the matrix is drawn: likely and severe at the top right).
    pub cells: Vec<HeatCell>,
    /// Labels of probability bands 1–5: "< 20%", "20–40%", …
    pub probability_labels: Vec<String>,
    /// Labels of impact bands 1–5: "< 2d", "2–4d", …
    pub impact_labels: Vec<String>,
}

/// Rates every risk of the plan and places the active ones in the heat map.
pub fn register(plan: &Plan) -> Register {
    let ratings: Vec<RiskRating> = plan
        .risks
        .iter()
        .map(|r| RiskRating {
            risk_id: r.id,
            exposure_days: r.exposure() / MINUTES_PER_DAY as f64,
            cost_exposure: Money((r.probability * r.cost_impact.0 as f64).round() as i64),
            rating: rate(r),
            active: is_active(r),
        })
        .collect();
    let mut cells = Vec::with_capacity(usize::from(BANDS * BANDS));
    for p in (1..=BANDS).rev() {
        for i in 1..=BANDS {
            cells.push(HeatCell {
                probability_band: p,
                impact_band: i,
                severity: severity(p, i),
                risks: plan
                    .risks
                    .iter()
                    .zip(&ratings)
                    .filter(|(_, x)| {
                        x.active && x.rating.probability_band == p && x.rating.impact_band == i
                    })
                    .map(|(r, _)| r.id)
                    .collect(),
            });
        }
    }
    let pct = |b: f64| format!("{}%", (b * 100.0).round());
    Register {
        ratings,
        cells,
        probability_labels: labels(&PROBABILITY_FROM.map(pct)),
        impact_labels: labels(&IMPACT_FROM_DAYS.map(|d| format!("{d}d"))),
    }
}

/// "< a", "a–b", …, "≥ d" from the lower bounds of bands 2–5.
fn labels(from: &[String; 4]) -> Vec<String> {
    let mut out = vec![format!("< {}", from[0])];
    for w in from.windows(2) {
        let lo = w[0].trim_end_matches(['%', 'd']);
        out.push(format!("{lo}–{}", w[1]));
    }
    out.push(format!("≥ {}", from[3]));
    out
}

/// Why a risk cannot be added; nothing was changed.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum NewRiskError {
    #[error("a risk needs a title")]
    NoTitle,
    #[error("the plan has no release to add a risk to")]
    NoRelease,
}

/// A new risk as the register adds one: titled `title` (trimmed), open, in the plan's first
/// release, with no probability, impact, owner or tasks yet (the register edits them in
/// place). Labelled "Add risk 'title'" for the audit trail.
pub fn new_risk(plan: &Plan, title: &str) -> Result<Change, NewRiskError> {
    let title = title.trim();
    if title.is_empty() {
        return Err(NewRiskError::NoTitle);
    }
    let release = plan.releases.first().ok_or(NewRiskError::NoRelease)?;
    let risk = Risk {
        id: RiskId::new(),
        release_id: release.id,
        title: title.to_string(),
        description: String::new(),
        probability: 0.0,
        schedule_impact: WorkMinutes::ZERO,
        cost_impact: Money(0),
        owner: String::new(),
        status: RiskStatus::Open,
        trigger: String::new(),
        mitigation: String::new(),
        contingency: String::new(),
        task_ids: Vec::new(),
    };
    Ok(Change {
        label: format!("Add risk '{title}'"),
        edits: vec![Edit::PutRisk(risk)],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_plan;

    #[test]
    fn bounds_belong_to_the_higher_band() {
        assert_eq!(probability_band(0.0), 1);
        assert_eq!(probability_band(0.199), 1);
        assert_eq!(probability_band(0.2), 2);
        assert_eq!(probability_band(0.4), 3);
        assert_eq!(probability_band(0.6), 4);
        assert_eq!(probability_band(0.8), 5);
        assert_eq!(probability_band(1.0), 5);
        // 0.1 + 0.2 is a hair above 0.3; 0.7 − 0.1 − 0.2 a hair below 0.4: still band 3.
        assert_eq!(probability_band(0.7 - 0.1 - 0.2), 3);
        assert_eq!(impact_band(WorkMinutes::ZERO), 1);
        assert_eq!(impact_band(WorkMinutes(2 * 480 - 1)), 1);
        assert_eq!(impact_band(WorkMinutes::days(2)), 2);
        assert_eq!(impact_band(WorkMinutes::days(5)), 3);
        assert_eq!(impact_band(WorkMinutes::days(6)), 4);
        assert_eq!(impact_band(WorkMinutes::days(10)), 5);
        assert_eq!(impact_band(WorkMinutes::days(40)), 5);
    }

    #[test]
    fn severity_grows_with_both_axes() {
        for p in 1..=BANDS {
            for i in 1..=BANDS {
                if p < BANDS {
                    assert!(severity(p + 1, i) >= severity(p, i));
                }
                if i < BANDS {
                    assert!(severity(p, i + 1) >= severity(p, i));
                }
            }
        }
        assert_eq!(severity(1, 1), Severity::Low);
        assert_eq!(severity(2, 2), Severity::Low);
        assert_eq!(severity(3, 3), Severity::Medium);
        assert_eq!(severity(2, 5), Severity::High);
        assert_eq!(severity(5, 5), Severity::High);
    }

    #[test]
    fn the_heat_map_holds_each_active_risk_once_in_its_cell() {
        let plan = demo_plan();
        let reg = register(&plan);
        assert_eq!(reg.cells.len(), 25);
        assert_eq!(reg.ratings.len(), plan.risks.len());
        // Top-left is likely and minor; bottom-right unlikely and severe.
        assert_eq!(
            (reg.cells[0].probability_band, reg.cells[0].impact_band),
            (5, 1)
        );
        assert_eq!(
            (reg.cells[24].probability_band, reg.cells[24].impact_band),
            (1, 5)
        );
        for r in &plan.risks {
            let cells: Vec<&HeatCell> = reg
                .cells
                .iter()
                .filter(|c| c.risks.contains(&r.id))
                .collect();
            if is_active(r) {
                assert_eq!(cells.len(), 1, "{}", r.title);
                let rating = rate(r);
                assert_eq!(cells[0].probability_band, rating.probability_band);
                assert_eq!(cells[0].impact_band, rating.impact_band);
            } else {
                assert!(cells.is_empty(), "{} is not active", r.title);
            }
        }
        // The demo's certification risk: 35 % of 10 days.
        let (i, r) = plan
            .risks
            .iter()
            .enumerate()
            .find(|(_, r)| r.title.starts_with("Payments provider certification"))
            .unwrap();
        let x = &reg.ratings[i];
        assert_eq!(x.risk_id, r.id);
        assert!((x.exposure_days - 3.5).abs() < 1e-9);
        assert_eq!((x.rating.probability_band, x.rating.impact_band), (2, 5));
        assert_eq!(x.rating.severity, Severity::High);
    }

    #[test]
    fn labels_name_the_bounds() {
        let reg = register(&demo_plan());
        assert_eq!(
            reg.probability_labels,
            ["< 20%", "20–40%", "40–60%", "60–80%", "≥ 80%"]
        );
        assert_eq!(
            reg.impact_labels,
            ["< 2d", "2–4d", "4–6d", "6–10d", "≥ 10d"]
        );
    }

    #[test]
    fn a_new_risk_is_open_in_the_first_release_and_needs_a_title() {
        let plan = crate::demo::demo_plan();
        let c = new_risk(&plan, "  Vendor goes bust ").unwrap();
        assert_eq!(c.label, "Add risk 'Vendor goes bust'");
        let [Edit::PutRisk(r)] = c.edits.as_slice() else {
            panic!("{:?}", c.edits)
        };
        assert_eq!(r.title, "Vendor goes bust");
        assert_eq!(r.release_id, plan.releases[0].id);
        assert_eq!(r.status, RiskStatus::Open);
        assert_eq!((r.probability, r.schedule_impact), (0.0, WorkMinutes::ZERO));
        let mut q = plan.clone();
        crate::edit::apply(&mut q, &c.edits[0]).unwrap();
        assert_eq!(new_risk(&plan, " "), Err(NewRiskError::NoTitle));
        let mut empty = plan.clone();
        empty.releases.clear();
        assert_eq!(new_risk(&empty, "X"), Err(NewRiskError::NoRelease));
    }
}
