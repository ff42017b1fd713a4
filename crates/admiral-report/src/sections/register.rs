//! 7. Risk register.

use crate::canvas::palette;
use crate::ctx::{money, wdays, Ctx};
use crate::font::Face;
use crate::layout::{Cell, Col, Writer, TEXT};
use admiral_core::status::is_high_risk;
use admiral_core::{RiskStatus, WorkMinutes};

fn status_label(s: RiskStatus) -> &'static str {
    match s {
        RiskStatus::Open => "Open",
        RiskStatus::Mitigating => "Mitigating",
        RiskStatus::Occurred => "Occurred",
        RiskStatus::Closed => "Closed",
    }
}

pub fn render(ctx: &Ctx, w: &mut Writer) {
    w.section("Risk register");
    if ctx.risks.is_empty() {
        w.paragraph(
            "No risks are recorded for this release.",
            Face::Regular,
            TEXT,
            palette::GREY,
        );
        return;
    }
    w.paragraph(
        "Exposure is probability × schedule impact, in working days. Sorted by exposure; \
         red marks an open high risk (probability ≥ 50% and impact ≥ 5 days).",
        Face::Regular,
        TEXT,
        palette::GREY,
    );
    let mut risks = ctx.risks.clone();
    risks.sort_by(|a, b| b.exposure().total_cmp(&a.exposure()));
    let cur = &ctx.plan.settings.currency;
    let rows: Vec<Vec<Cell>> = risks
        .iter()
        .map(|r| {
            let chip = if is_high_risk(r) {
                palette::RED
            } else if r.status == RiskStatus::Closed {
                palette::GREY_LIGHT
            } else {
                palette::AMBER
            };
            let impact = if r.cost_impact.0 != 0 {
                format!(
                    "{} · {}",
                    wdays(r.schedule_impact),
                    money(r.cost_impact, cur)
                )
            } else {
                wdays(r.schedule_impact)
            };
            vec![
                Cell::new(r.title.clone()).chip(chip).bold(),
                Cell::new(status_label(r.status)),
                Cell::new(format!("{:.0}%", r.probability * 100.0)),
                Cell::new(impact),
                Cell::new(wdays(WorkMinutes(r.exposure().round() as i64))),
                Cell::new(r.owner.clone()),
                Cell::new(r.trigger.clone()),
                Cell::new(r.mitigation.clone()),
                Cell::new(r.contingency.clone()),
            ]
        })
        .collect();
    w.table(
        &[
            Col::new("Risk", 2.2).lines(4),
            Col::new("Status", 1.3),
            Col::new("Prob.", 0.85).right(),
            Col::new("Impact", 1.5).lines(2),
            Col::new("Exp.", 0.75).right(),
            Col::new("Owner", 1.6).lines(2),
            Col::new("Trigger", 2.1).lines(6),
            Col::new("Mitigation", 2.2).lines(6),
            Col::new("Contingency", 2.2).lines(6),
        ],
        &rows,
    );
}
