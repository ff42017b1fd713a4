//! 6. Scenarios compared with the baseline, when given.

use crate::canvas::palette;
use crate::ctx::{date, money, Ctx};
use crate::font::Face;
use crate::layout::{Cell, Col, Writer, TEXT};
use chrono::NaiveDateTime;

fn delta_days(a: NaiveDateTime, b: NaiveDateTime) -> (String, crate::canvas::Rgbf) {
    let d = (b.date() - a.date()).num_days();
    match d {
        0 => ("no change".into(), palette::GREY),
        d if d > 0 => (format!("+{d} days"), palette::RED),
        d => (format!("{d} days"), palette::GREEN),
    }
}

pub fn render(ctx: &Ctx, w: &mut Writer) {
    if ctx.input.scenarios.is_empty() {
        return;
    }
    w.section("Scenarios");
    w.paragraph(
        "Each scenario is the baseline plan with the changes it describes, scheduled again. \
         Deltas are calendar days (later is positive).",
        Face::Regular,
        TEXT,
        palette::GREY,
    );
    let cur = &ctx.plan.settings.currency;
    let rows: Vec<Vec<Cell>> = ctx
        .input
        .scenarios
        .iter()
        .map(|s| {
            let (d, col) = delta_days(s.baseline_finish, s.scenario_finish);
            let cost = match (s.baseline_cost, s.scenario_cost) {
                (Some(b), Some(c)) => {
                    let diff = c - b;
                    let sign = if diff.0 > 0 { "+" } else { "" };
                    format!("{} ({sign}{})", money(c, cur), money(diff, cur))
                }
                (None, Some(c)) => money(c, cur),
                _ => "—".into(),
            };
            vec![
                Cell::new(s.name.clone()).bold(),
                Cell::new(s.description.clone()),
                Cell::new(date(s.baseline_finish)),
                Cell::new(date(s.scenario_finish)),
                Cell::new(d).color(col),
                Cell::new(cost),
            ]
        })
        .collect();
    w.table(
        &[
            Col::new("Scenario", 1.8).lines(2),
            Col::new("Change", 3.0).lines(3),
            Col::new("Baseline finish", 1.4),
            Col::new("Scenario finish", 1.4),
            Col::new("Delta", 1.0),
            Col::new("Cost (delta)", 2.2).lines(2),
        ],
        &rows,
    );
    for s in &ctx.input.scenarios {
        if s.milestone_deltas.is_empty() {
            continue;
        }
        w.subheading(&format!("{}: milestones that move", s.name));
        let rows: Vec<Vec<Cell>> = s
            .milestone_deltas
            .iter()
            .map(|(id, a, b)| {
                let (d, col) = delta_days(*a, *b);
                vec![
                    Cell::new(ctx.name(*id)),
                    Cell::new(date(*a)),
                    Cell::new(date(*b)),
                    Cell::new(d).color(col),
                ]
            })
            .collect();
        w.table(
            &[
                Col::new("Milestone", 4.0),
                Col::new("Baseline", 1.5),
                Col::new("Scenario", 1.5),
                Col::new("Delta", 1.2),
            ],
            &rows,
        );
    }
}
